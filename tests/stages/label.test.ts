import { describe, expect, it } from 'vitest';
import { ingestDetailed } from '../../src/ingest.js';
import { composeHeading, headingParts } from '../../src/stages/label.js';
import { pipeline, repo } from '../helpers.js';

const english = async (heading: string) => composeHeading(headingParts(heading, pipeline().data.structure, pipeline().data.concepts));

describe('label: exact English for headings', () => {
  it.each([
    ['2025年3月干细胞治疗强直性脊柱炎最新临床进展', 'March 2025: latest clinical progress in stem cell therapy for ankylosing spondylitis'],
    ['2025年3月干细胞治疗强直性脊柱炎临床进展', 'March 2025: clinical progress in stem cell therapy for ankylosing spondylitis'],
    ['２０２５年１２月幹細胞治療類風濕關節炎最新臨床進展', 'December 2025: latest clinical progress in stem cell therapy for rheumatoid arthritis'],
    ['2025年1-12月干细胞治疗类风湿关节炎临床进展汇总', 'January–December 2025: summary of clinical progress in stem cell therapy for rheumatoid arthritis'],
    ['2015年干细胞治疗肝硬化关键临床进展', '2015: key clinical progress in stem cell therapy for liver cirrhosis'],
    ['2025年干细胞治疗强直性脊柱炎临床总结', '2025: clinical summary of stem cell therapy for ankylosing spondylitis'],
    ['未来展望', 'Outlook'],
    ['结语', 'Conclusion'],
  ])('%s', async (heading, expected) => {
    expect(await english(heading)).toBe(expected);
  });

  it.each(['2025年3月干细胞治疗强直性脊柱炎与银屑病最新临床进展', '2025年3月行业动态', '一、干细胞治疗的基本原理'])('gives no guess for %s', async (heading) => {
    expect(await english(heading)).toBeNull();
  });
});

describe('label stage on the seeds', () => {
  it.each(['as-2025.txt', 'as-2025-hant.txt', 'as-2025-wechat.html'])('%s: English headings, title, topic and paper titles', async (file) => {
    const { record } = await ingestDetailed({ path: repo(`fixtures/articles/${file}`) }, { pipeline: pipeline() });
    expect(record.topic).toEqual({ disease: { id: 'disease:ankylosing-spondylitis', label: 'ankylosing spondylitis' }, therapy: 'stem cell therapy' });
    const march = record.sections.find((s) => s.month === '2025-03')!;
    expect(march.headingEn).toBe('March 2025: latest clinical progress in stem cell therapy for ankylosing spondylitis');
    expect(record.sections.filter((s) => s.kind !== 'intro').every((s) => typeof s.headingEn === 'string')).toBe(true);
    expect(march.items[0]?.paperTitleEn).toBe('Fat mass and obesity-associated protein in mesenchymal stem cells inhibits osteoclastogenesis via lnc NORAD/miR-4284 axis in ankylosing spondylitis');
  });
});
