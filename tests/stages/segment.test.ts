import { describe, expect, it } from 'vitest';
import { classifyBlock, leadingDate } from '../../src/stages/segment.js';
import type { Block } from '../../src/core/document.js';
import { months, pipeline, runUpTo } from '../helpers.js';

const structure = () => pipeline().data.structure;
const block = (text: string, extra: Partial<Block> = {}): Block => ({ kind: 'paragraph', text, start: 0, end: text.length, exact: true, ...extra });

describe('segment: headings (field-notes shapes)', () => {
  it.each([
    ['2025年3月干细胞治疗强直性脊柱炎最新临床进展', { role: 'month', year: 2025, month: 3 }],
    ['2025年3月干细胞治疗强直性脊柱炎临床进展', { role: 'month', year: 2025, month: 3 }],
    ['２０２５年０３月干细胞治疗类风湿关节炎最新临床进展', { role: 'month', year: 2025, month: 3 }],
    ['2025年12月干细胞治疗类风湿关节炎最新临床进展', { role: 'month', year: 2025, month: 12 }],
    ['March 2025', { role: 'month', year: 2025, month: 3 }],
    ['March 2025: latest clinical progress', { role: 'month', year: 2025, month: 3 }],
    ['2025年1-12月干细胞治疗类风湿关节炎临床进展汇总', { role: 'range' }],
    ['2025年干细胞治疗类风湿关节炎最新临床进展总结', { role: 'summary' }],
    ['未来展望', { role: 'outlook' }],
    ['结语', { role: 'conclusion' }],
    ['2015年干细胞治疗肝硬化关键临床进展', { role: 'year', year: 2015 }],
    ['一、干细胞治疗的基本原理', { role: 'outline', level: 1 }],
    ['二、 临床研究进展', { role: 'outline', level: 1 }],
    ['1.1 研究背景', { role: 'outline', level: 2 }],
    ['参考资料:', { role: 'references' }],
    ['References', { role: 'references' }],
    ['免责说明:本文仅用于传播科普知识', { role: 'boilerplate', kind: 'disclaimer' }],
    ['扫码添加官方微信', { role: 'boilerplate', kind: 'qr-code' }],
  ])('%s', (text, expected) => {
    expect(classifyBlock(block(text), structure())).toEqual(expected);
  });

  it.each([
    '3月5日,行业期刊《干细胞研究与治疗》上发表了一篇研究成果。[4]',
    '2025年1月至12月,干细胞治疗RA领域取得多项突破性进展,本文将梳理这一时间段。',
    '截至2025年11月,国内已有多款干细胞药物获批临床。',
    '研究显示:',
  ])('is not a heading: %s', (text) => {
    expect(classifyBlock(block(text), structure()).role).toBe('body');
  });
});

describe('segment: item dates (field-notes shapes)', () => {
  it.each([
    ['3月26日,', { year: null, month: 3, day: 26 }],
    ['5月初,沙特阿拉伯', { year: null, month: 5, day: null }],
    ['10月,浙江大学', { year: null, month: 10, day: null }],
    ['6月,《Bone》期刊', { year: null, month: 6, day: null }],
    ['６月，《Bone》', { year: null, month: 6, day: null }],
    ['１２月２９日，中山大学', { year: null, month: 12, day: 29 }],
    ['2015年3月20日,', { year: 2015, month: 3, day: 20 }],
    ['2025年7月26号,', { year: 2025, month: 7, day: 26 }],
    ['去年的5月3日,', { year: null, month: 5, day: 3, relativeYear: -1 }],
    ['On 5 March, researchers', { year: null, month: 3, day: 5 }],
    ['March 12, 2025, a team', { year: 2025, month: 3, day: 12 }],
  ])('%s', (text, expected) => {
    expect(leadingDate(text, structure())).toMatchObject(expected);
  });

  it.each(['2025年1月到12月,干细胞', '截至2025年11月', '近日,研究人员', '研究显示:'])('opens no item: %s', (text) => {
    expect(leadingDate(text, structure())).toBeNull();
  });
});

describe('segment: documents', () => {
  const article = (body: string) => `导语。\n${body}\n参考资料:\n[1]A. Title. J 2025;1:1.\n`;

  it('dates items from their month heading and keeps continuation paragraphs in the item', async () => {
    const doc = await runUpTo(article('2025年3月干细胞治疗最新临床进展\n3月5日,《X》上发表。[1]\n该研究显示疗效。\n5月初,另一项。'), 'segment');
    const [march] = months(doc);
    expect(march?.items.map((i) => [i.date, i.datePrecision])).toEqual([
      ['2025-03-05', 'day'],
      ['2025-05', 'month'],
    ]);
    expect(march?.items[0]?.text).toBe('3月5日,《X》上发表。[1]\n该研究显示疗效。');
    expect(doc.diagnostics.find((d) => d.rule === 'item-month-mismatch')).toMatchObject({ line: 5, column: 1, severity: 'warning' });
  });

  it('warns about months out of order, repeated, and missing from a declared range', async () => {
    const doc = await runUpTo(
      article('2025年1-6月干细胞治疗汇总\n2025年3月干细胞治疗最新临床进展\n3月1日,a。[1]\n2025年2月干细胞治疗最新临床进展\n2月1日,b。[1]\n2025年3月干细胞治疗最新临床进展\n3月9日,c。[1]'),
      'segment',
    );
    const rules = doc.diagnostics.map((d) => `${d.rule}@${d.line}`);
    expect(rules).toContain('month-out-of-order@5');
    expect(rules).toContain('month-duplicate@7');
    expect(doc.diagnostics.find((d) => d.rule === 'month-missing')?.message).toContain('2025-01, 2025-04, 2025-05, 2025-06');
    expect(doc.period).toEqual({ start: '2025-02', end: '2025-03' });
  });

  it('keeps outline headings as sections of kind other (with an info diagnostic) and year headings as year sections', async () => {
    const doc = await runUpTo(article('一、干细胞治疗的基本原理\n间充质干细胞具有免疫调节作用。\n2015年干细胞治疗肝硬化关键临床进展\n2015年3月20日,某医院发表研究。[1]'), 'segment');
    expect(doc.sections.map((s) => [s.kind, s.heading, s.outlineLevel ?? s.year ?? null])).toEqual([
      ['intro', null, null],
      ['other', '一、干细胞治疗的基本原理', 1],
      ['year', '2015年干细胞治疗肝硬化关键临床进展', 2015],
    ]);
    expect(doc.sections[1]?.text).toBe('间充质干细胞具有免疫调节作用。');
    expect(doc.sections[2]?.items.map((i) => i.date)).toEqual(['2015-03-20']);
    expect(doc.diagnostics.filter((d) => d.rule === 'structure-other')).toHaveLength(1);
  });

  it('makes an undated item from a month paragraph that cites, with a warning', async () => {
    const doc = await runUpTo(article('2025年4月干细胞治疗最新临床进展\n近日,《Cell》发表研究。[1]'), 'segment');
    expect(months(doc)[0]?.items[0]).toMatchObject({ date: '2025-04', datePrecision: 'month' });
    expect(doc.diagnostics.map((d) => d.rule)).toContain('item-undated');
  });

  it('sets boilerplate aside and hands the reference list on', async () => {
    const doc = await runUpTo(article('2025年4月干细胞治疗最新临床进展\n4月1日,a。[1]') + '免责说明:仅供参考。\n扫码添加官方微信\n', 'segment');
    expect(doc.boilerplate.map((b) => b.kind)).toEqual(['disclaimer', 'qr-code']);
    expect(doc.referenceBlocks.map((b) => b.text)).toEqual(['[1]A. Title. J 2025;1:1.']);
  });

  it('warns about missing month headings and reference list only where the page kind expects them', async () => {
    const digest = await runUpTo('2025年1-6月干细胞治疗类风湿关节炎临床进展汇总\n只有一段文字。', 'segment');
    expect(digest.kind).toBe('month-digest');
    expect(digest.diagnostics.map((d) => `${d.rule}:${d.severity}`)).toEqual(expect.arrayContaining(['no-month-sections:warning', 'no-reference-list:warning']));
    const page = await runUpTo('只有一段文字。', 'segment');
    expect(page.kind).toBe('overview');
    expect(page.diagnostics.map((d) => `${d.rule}:${d.severity}`)).toEqual(['reference-list-absent:info']);
  });
});
