import { describe, expect, it } from 'vitest';
import { ingestDetailed } from '../../src/ingest.js';
import { pipeline, runUpTo } from '../helpers.js';
import { genreCases, pageField } from '../support/expect-md.js';

// Issue 13, shape 9 (every page gets its topic): the record's topic on every genre fixture, as its
// expect.md says ("disease `disease:…`", or "disease null" for a page about several diseases).

const cases = genreCases();

describe('label: the topic of every genre page (expect.md "topic")', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const field = pageField(c.expect, 'topic');
    const expected = /`(disease:[a-z0-9-]+)`/.exec(field)?.[1] ?? null;
    expect(expected !== null || field.includes('disease null'), `${c.name}: topic field "${field}"`).toBe(true);
    const { record } = await ingestDetailed({ path: c.input }, { pipeline: pipeline(), id: c.name });
    expect(record.topic?.disease?.id ?? null).toBe(expected);
  });
});

describe('label: how the topic is chosen', () => {
  /** The topic of a Markdown page (its "# " line is the title). */
  const topicOf = async (text: string) => (await runUpTo(text, 'label', 'page.md')).topic?.disease?.id ?? null;

  it('takes the disease the title names, the longest name first (2型糖尿病 is not diabetes)', async () => {
    expect(await topicOf('# 301医院研究:干细胞可减少2型糖尿病患者的胰岛素用量\n\n糖尿病患者很多,糖尿病并发症也多。')).toBe('disease:type-2-diabetes');
  });

  it('of several diseases in the title, the one the page names twice as often as each other; else none', async () => {
    expect(await topicOf('# 自闭症儿童接受干细胞治疗:癫痫发作消失\n\n自闭症谱系障碍(ASD)儿童,ASD核心症状,自闭症。')).toBe('disease:autism-spectrum-disorder');
    expect(await topicOf('# 干细胞治疗的适应症:自闭症、脑瘫到红斑狼疮\n\n自闭症与脑瘫。')).toBeNull();
  });

  it('without a disease in the title: the one two headings or more name, else the body’s if it dominates', async () => {
    const headings = ['# 干细胞临床进展汇总', '## 2025年1月干细胞治疗膝骨关节炎最新临床进展', '1月3日,研究发表。', '## 2025年2月干细胞治疗膝骨关节炎最新临床进展', '2月3日,研究发表。'];
    expect(await topicOf(headings.join('\n\n'))).toBe('disease:knee-osteoarthritis');
    // One stray month heading (a cross-link) is no topic.
    expect(await topicOf(['# 年度观察:监管与产品', '## 2025年5月干细胞治疗膝骨关节炎最新临床进展', '世界卫生组织发布新指南。'].join('\n\n'))).toBeNull();
    expect(await topicOf('# 成果登上国际期刊\n\n心肌梗塞后,心肌梗塞患者,心肌梗塞的修复与心力衰竭。')).toBe('disease:myocardial-infarction');
    expect(await topicOf('# 成果登上国际期刊\n\n心肌梗塞与心力衰竭。')).toBeNull();
  });

  it('a complication written with its disease\'s name inside (糖尿病足 ⊃ 糖尿病), named more often, is the page\'s; not the other way round, nor two unrelated diseases', async () => {
    expect(await topicOf('# 干细胞移植新进展\n\n糖尿病足是糖尿病的并发症。\n\n糖尿病足患者多,糖尿病病程长者更应检查糖尿病足。')).toBe('disease:diabetic-foot');
    expect(await topicOf('# 干细胞移植新进展\n\n糖尿病足是糖尿病的并发症。\n\n糖尿病足患者少,糖尿病患者多,糖尿病病程长者更应检查双脚。')).toBeNull();
    expect(await topicOf('# 干细胞移植新进展\n\n心力衰竭与肝硬化。\n\n心力衰竭患者多,肝硬化患者少,心力衰竭常见。')).toBeNull();
    // Named as often as its disease: no topic.
    expect(await topicOf('# 干细胞移植新进展\n\n糖尿病足与糖尿病。\n\n糖尿病足,糖尿病。')).toBeNull();
  });
});

describe('label: the topic’s therapy', () => {
  const therapyOf = async (text: string) => (await runUpTo(text, 'label', 'page.md')).topic?.therapy ?? null;

  it('is the one the title or a heading names, else the one the body names most (the longest name, the first on a tie)', async () => {
    expect(await therapyOf('# 间充质干细胞治疗系统性红斑狼疮\n\n干细胞治疗,干细胞治疗。')).toBe('mesenchymal stem cell therapy');
    // No therapy in the title: the body's (genre-news-item).
    expect(await therapyOf('# 301医院研究:干细胞可减少胰岛素用量\n\n干细胞治疗糖尿病一直备受期待。间充质干细胞治疗还在试验中,干细胞治疗仍需证据。')).toBe('stem cell therapy');
    expect(await therapyOf('# 成果登上国际期刊\n\n细胞治疗正在走向临床,间充质干细胞治疗也是。')).toBe('cell therapy');
    expect(await therapyOf('# 成果登上国际期刊\n\n研究发表。')).toBeNull();
  });

  it('names CAR-T, CAR-NK and gene therapy, not "cell therapy" nor none (real pages of the third audit)', async () => {
    expect(await therapyOf('# 世界首次!in vivo CAR-T 疗法登上 NEJM\n\n研究发表。')).toBe('CAR-T cell therapy');
    expect(await therapyOf('# 成果登上国际期刊\n\n国内已上市八款CAR-T细胞治疗产品,CAR-T细胞疗法进展迅速。')).toBe('CAR-T cell therapy');
    expect(await therapyOf('# 紅斑狼瘡新療法\n\n通用型CAR-NK細胞療法進入臨床。')).toBe('CAR-NK cell therapy');
    expect(await therapyOf('# 遗传病治愈三例\n\n这是基因治疗的首份试验结果,基因治疗仍需随访。')).toBe('gene therapy');
  });
});

describe('label: headings whose dates are written in Chinese numerals (issue 13, shape 7)', () => {
  const english = async (heading: string) => {
    const doc = await runUpTo(`# 骨关节炎临床进展\n\n## ${heading}\n\n十二月五日,研究发表。`, 'label', 'page.md');
    return doc.sections.find((s) => s.heading === heading)!.headingEn;
  };

  it.each([
    ['二〇二五年十二月干细胞治疗骨关节炎最新临床进展', 'December 2025: latest clinical progress in stem cell therapy for osteoarthritis'],
    ['二零二五年四月干细胞治疗骨关节炎最新临床进展', 'April 2025: latest clinical progress in stem cell therapy for osteoarthritis'],
    ['2025 年 12 月干细胞治疗骨关节炎最新临床进展', 'December 2025: latest clinical progress in stem cell therapy for osteoarthritis'],
    ['二〇二五年干细胞治疗骨关节炎最新临床进展', '2025: latest clinical progress in stem cell therapy for osteoarthritis'],
  ])('%s → %s', async (heading, expected) => {
    expect(await english(heading)).toBe(expected);
  });

  it('composes the numeral heading of genre-dates, with no heading-untranslated for it', async () => {
    const c = cases.find((x) => x.name === 'genre-dates')!;
    const { record } = await ingestDetailed({ path: c.input }, { pipeline: pipeline(), id: c.name });
    const december = record.sections.find((s) => s.month === '2025-12')!;
    expect(december.heading).toBe('二〇二五年十二月干细胞治疗骨关节炎最新临床进展');
    expect(december.headingEn).toBe('December 2025: latest clinical progress in stem cell therapy for osteoarthritis');
    expect(record.diagnostics.filter((d) => d.rule === 'heading-untranslated').map((d) => d.message)).toEqual([]);
  });
});
