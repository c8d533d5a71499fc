import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { blankLineBetween, classifyBlock, hanLabelText, headlineUnderLead, leadingDate, namesOverAffiliation, namesOverNumbers, pinyinAuthors, repeatsDateLineNames, withoutSiteName, type Dropped } from '../../src/stages/segment.js';
import { DigestDocument, type Block } from '../../src/core/document.js';
import { citedJournalOf, openingByline, pageDateOf, SourceLocator, typedReferenceMark } from '../../src/structure/blocks.js';
import { foldWidth } from '../../src/core/text.js';
import { pinyinRubyOf } from '../../src/core/lexicon.js';
import { hanScript } from '../../src/generated/unicode-classes.js';
import { months, pipeline, repo, runUpTo } from '../helpers.js';

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

  it.each(['近期发表于', '近日,这项研究发表於', '研究团队与', '两项研究分别来自北京和'])(
    'is prose, not a heading, when it breaks off mid-sentence (a link began on the next line; real pages, third audit): %s',
    (text) => {
      expect(classifyBlock(block(text), structure(), true).role).toBe('body');
      expect(classifyBlock(block(text, { kind: 'heading', level: 2 }), structure()).role).toBe('body');
    },
  );
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
    // A time zone before the date, as Chinese news writes a foreign publication's date (real pages, third audit).
    ['北京时间2025年9月18日,国际期刊', { year: 2025, month: 9, day: 18 }],
    ['北京時間2025年9月18日,國際權威醫學期刊', { year: 2025, month: 9, day: 18 }],
    ['当地时间3月5日,美国一个团队', { year: null, month: 3, day: 5 }],
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

  it('dates an English item from the year its title gives ("March 2025"), as a Chinese title\'s "2025年"', async () => {
    const text = 'Stem cell therapy for knee osteoarthritis: March 2025 research digest\n\nHighlights of the month.\n\nOn March 5, the journal Stem Cell Research & Therapy published a trial [1].\n\nReferences\n1. A B. Title. J. 2025;1:1.\n';
    const doc = await runUpTo(text, 'segment');
    expect(doc.sections.flatMap((s) => s.items).map((i) => i.date)).toEqual(['2025-03-05']);
    expect(doc.diagnostics.map((d) => d.rule)).not.toContain('date-without-year');
  });

  it.each([
    ['Top 1000 stem cell trials: an overview', null],
    ['Stem cells in 2024-2025', null],
    ['干细胞治疗2025年进展', 2025],
  ])('reads the title year of "%s" as %s', async (title, year) => {
    const doc = await runUpTo(`${title}\n\nOn March 5, a team published a trial [1].\n\nReferences\n1. A B. Title. J. 2025;1:1.\n`, 'segment');
    expect(doc.sections.flatMap((s) => s.items).map((i) => i.date)).toEqual(year === null ? [] : [`${year}-03-05`]);
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

  it('reads "就在近日," as "近日," against the page date (a real page, third audit)', async () => {
    const doc = await runUpTo('某某疗法登上国际期刊\n发布时间:2025-09-22 08:00:00\n就在近日,国际顶级期刊《新英格兰医学杂志》刊登了一项研究。\n', 'segment', 'page.txt');
    expect(doc.sections.flatMap((s) => s.items).map((i) => i.date)).toEqual(['2025-09']);
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
    expect(page.diagnostics[0]!.message).toMatch(/; usual for an overview$/);
  });
});

describe('segment: numerals, dates and lines of the genre (issue 13)', () => {
  it.each([
    ['四月,国家药监局', { year: null, month: 4, day: null }],
    ['十二月初,', { year: null, month: 12, day: null }],
    ['二〇二五年五月十二日,日本', { year: 2025, month: 5, day: 12 }],
    ['2025 年 6 月 3 日,国内', { year: 2025, month: 6, day: 3 }],
    ['7月26號,', { year: null, month: 7, day: 26 }],
    ['今年3月,该团队', { year: null, month: 3, relativeYear: 0 }],
    ['前年的5月,', { year: null, month: 5, relativeYear: -2 }],
  ])('reads the date of %s', (text, expected) => {
    expect(leadingDate(text, structure())).toMatchObject(expected);
  });

  it.each(['今年3月启动的一项研究', '时隔5个月,2025年6月5日,', '仅2025年1-5月,', '2025年初秋,多家医院', '三个月后,'])('opens no item: %s', (text) => {
    expect(leadingDate(text, structure())).toBeNull();
  });

  it.each([
    ['发布时间:2025-04-08 16:20:31 来源:某所 浏览:1326', '2025-04-08'],
    ['發布時間:2025-10-15 11:02:36', '2025-10-15'],
    ['日期：2025年3月5日', '2025-03-05'],
    ['2025/03/18 06:00', '2025-03-18'],
    ['发布时间:2025-02-30', null],
    ['2025/03/18 是个好日子', null],
    // A date line of its own above a news item's title (real pages, third look): ISO, a trailing comma or 快讯 tag, a "date" label.
    ['2025-11-14 快訊', '2025-11-14'],
    ['2025-05-28,', '2025-05-28'],
    ['date 2025-11-14', '2025-11-14'],
    ['2025.06.03', '2025-06-03'],
    ['2026-01-06 09:30', '2026-01-06'], // a WeChat save's publish_time (fixtures/articles/as-2025-wechat.html)
    ['来源:健康一线        2025年09月22日 手机看', '2025-09-22'],
    ['2025-05-28 发布会在北京举行', null],
    ['2025年5月28日,某团队发表研究', null],
  ])('page date of "%s" is %s', (text, date) => {
    expect(pageDateOf(text, structure())).toBe(date);
  });

  it.each([
    ['01 背景', { role: 'outline', level: 1 }],
    ['01:2025年1-5月干细胞新药受理分析', { role: 'outline', level: 1 }],
    ['【摘要】', { role: 'outline', level: 1 }],
    ['②临床试验二:脐带间充质干细胞对比玻璃酸钠', { role: 'outline', level: 2 }],
    ['临床案例1:一位68岁患者的两年随访', { role: 'outline', level: 2 }],
    ['四、干细胞治疗膝骨关节炎还有哪些问题？', { role: 'outline', level: 1 }],
    ['四、结语', { role: 'conclusion', level: 1 }],
    ['2025年四月干细胞治疗类风湿关节炎最新临床进展', { role: 'month', year: 2025, month: 4 }],
    ['二〇二五年十二月干细胞治疗骨关节炎最新临床进展', { role: 'month', year: 2025, month: 12 }],
    ['2025 年 6 月干细胞治疗骨关节炎最新临床进展', { role: 'month', year: 2025, month: 6 }],
    ['2015年', { role: 'year', year: 2015 }],
    ['表1 2020-2025年获批上市的间充质干细胞产品', { role: 'boilerplate', kind: 'caption' }],
    ['发布时间:2025-04-08 16:20:31', { role: 'boilerplate', kind: 'page-date', date: '2025-04-08' }],
    ['联系电话 400-000-0000/Telegram:+86-100-0000-0000', { role: 'boilerplate', kind: 'other' }],
    ['您当前的位置:首页 > 干细胞治疗 > 正文', { role: 'boilerplate', kind: 'other' }],
    ['标签:脑瘫 干细胞 临床进展', { role: 'boilerplate', kind: 'other' }],
    ['版權說明:本文來自本站科普內容團隊', { role: 'boilerplate', kind: 'other' }],
    // Real pages, third audit: a portal's image placeholder and a screenshot caption are not headings.
    ['打开网易新闻 查看精彩图片', { role: 'boilerplate', kind: 'other' }],
    ['论文截图', { role: 'boilerplate', kind: 'caption' }],
    ['論文截圖', { role: 'boilerplate', kind: 'caption' }],
  ])('%s', (text, expected) => {
    expect(classifyBlock(block(text), structure())).toEqual(expected);
  });

  it.each([
    '2025年4月,世界卫生组织发布新版《人类干细胞临床研究国际指南》',
    '2025年干细胞治疗1型糖尿病最新临床进展,治愈已触手可及(截至10月)',
    '2025年系统性红斑狼疮的5种方法', // a year line naming no digest topic word is not a year heading
    '10 月 5 日某团队发表研究',
    '导读:肝硬化是多种慢性肝病共同的终末阶段',
    '17 April 2014', // a copied journal header's publication date, not "01 背景"
    '03 Mar. 2025',
  ])('is not a month, year or outline heading: %s', (text) => {
    expect(['month', 'year', 'outline']).not.toContain(classifyBlock(block(text), structure()).role);
  });

  it('places the pieces of a markup block in the source, and gives up (the block start) once a piece is hidden by an entity', () => {
    const doc = new DigestDocument({ name: 'x.html' });
    doc.setText('<p>甲乙。丙&amp;丁。戊己。</p>');
    const markup: Block = { kind: 'paragraph', text: '甲乙。丙&丁。戊己。', start: 3, end: 24, exact: false };
    const locator = new SourceLocator(doc, markup);
    expect(locator.at(0, '甲乙')).toBe(3);
    expect(locator.at(3, '丙&丁')).toBe(3);
    expect(locator.at(7, '戊己')).toBe(3);
    const exact = new SourceLocator(doc, { ...markup, exact: true });
    expect(exact.at(7, '戊己')).toBe(10);
  });
});

describe('segment: lines of real pages, fourth audit', () => {
  // The lexicon's pinyin-ruby pattern, as the segment stage hands it to classifyBlock.
  const ruby = () => pinyinRubyOf(pipeline().data.lexicon);

  it.each([
    // A portal's repost date with its time, glued to the byline or to a group's long name.
    ['2016-05-20 08:45王某某综述李某某审校', '2016-05-20'],
    ['2015-08-10 09:16王某某李某某张某某', '2015-08-10'],
    ['2014-01-23中华医学会某某分会干细胞工程专业学组', '2014-01-23'],
    // A reposter's name and the date on one line (a personal-library site).
    ['某某某某 2024-09-12', '2024-09-12'],
    // A daily's source line: the paper, the issue's date and page.
    ['《中国科学报》 (2018-11-28 第3版 国际)', '2018-11-28'],
    ['《某某日报》（2025-03-12 第A3版）', '2025-03-12'],
    ['2025-05-28发布会在北京举行,多家医院参加', null],
    ['《中国科学报》报道,2018-11-28研究人员宣布', null],
    ['新规将于 2024-09-12 起实施', null],
  ])('page date of "%s" is %s', (text, date) => {
    expect(pageDateOf(text, structure())).toBe(date);
  });

  it.each([
    '分享',
    '细胞库地址:某某市某某路88号',
    '细胞知识/INSTITUTE',
    '某某直播官方版-某某直播免费版app下载-某某直播永久免费版下载',
    '王某某 综述 李某某 审校',
    '鄭某某 綜述,石某 審校',
    '(某某医学院附属医院心内科,贵州遵义563000)',
    '·综 述·',
    '•专家共识•',
    '综 述',
  ])('is site or paper chrome, kept out of the body: %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).toEqual({ role: 'boilerplate', kind: 'other' });
  });

  it.each(['分享会在北京举行', '患者可在医院的app下载检查报告。', '这篇综述由两位专家审校。', '研究团队(某某医院,210000)', '(NCT04212345)'])('is not chrome: %s', (text) => {
    expect(classifyBlock(block(text), structure(), true).role).not.toBe('boilerplate');
  });

  it.each(['CAR-T疗法为什么能治狼疮', 'CAR-T療法在SLE治療中的潛力', 'CAR-T療法在SLE治療中的新方向', 'IL-6与干细胞的关系'])('is a plain-text heading, the hyphen being a word\'s: %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).toEqual({ role: 'heading' });
  });

  it.each(['CAR-T疗法,为什么能治狼疮', '干细胞-治疗'])('is still prose with other punctuation: %s', (text) => {
    expect(classifyBlock(block(text), structure(), true).role).toBe('body');
  });

  it.each(['干细胞治疗的未来方向', '再生医学的研究动向', '细胞治疗的发展趋向'])('ends in a noun, not in a preposition waiting for a link (方向 is no 向): %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).toEqual({ role: 'heading' });
  });

  it("reads a mirror's line without its pinyin ruby: a heading, a phone label", () => {
    const s = structure();
    const heading = '細(xì)胞治療的核心機(jī)制';
    expect(classifyBlock(block(heading), s, true, heading, ruby)).toEqual({ role: 'heading' });
    expect(classifyBlock(block(heading), s, true)).toEqual({ role: 'body' });
    expect(classifyBlock(block('聯(lián)系電話'), s, true, '聯(lián)系電話', ruby)).toEqual({ role: 'boilerplate', kind: 'other' });
  });

  it.each([
    ['1 干细胞的来源', { role: 'outline', level: 1 }],
    ['2 临床研究现状', { role: 'outline', level: 1 }],
  ])('a heading numbered as Chinese journals number them: %s', (text, expected) => {
    expect(classifyBlock(block(text), structure(), true)).toEqual(expected);
  });

  it.each(['1 型糖尿病的干细胞治疗', '3 个月后的随访结果', '2 年随访'])('is no outline heading: %s', (text) => {
    expect(classifyBlock(block(text), structure(), true).role).not.toBe('outline');
  });
});

describe('classifyBlock on the fourth Chinese real-page audit (genre-zh4)', () => {
  it.each([
    '干细胞治疗: 一线希望',
    '干细胞治疗渐冻症:三类细胞的临床进展与选择',
    '為何幹細胞有效？',
    '“细胞替代”还要走多远',
    '距離病人「真正受惠」還有多遠',
  ])('is a plain-text heading with a colon between its halves, quotes or a closing question mark: %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).toEqual({ role: 'heading' });
  });

  it.each(['结果显示:', '检索:', '干细胞治疗:一线希望,二线无望', '干细胞？治疗', '该论文刊登于《某某研究进展》医学专业杂志2020年第75卷中'])('is still prose: %s', (text) => {
    expect(classifyBlock(block(text), structure(), true).role).toBe('body');
  });

  it.each([
    '某某报告_第1页',
    '已阅读3页,还剩12页未读, 继续免费阅读',
    '还剩15页未读,继续阅读',
    '下载本文档',
    '文檔簡介',
    '本资源只提供10页预览,全部文档请下载后查看!',
    '文本内容:',
    '林晓松,周明远',
    '王明杰 ,刘舒云 ,郭维民,张雨',
    '林晓松1,周明远1,2*',
    '罗某某主任医师',
    '【 文: 陳某某 ; 審稿者: 黃某某博士 】',
    '中国,浙江,杭州',
    '400-000-0000/139-0000-0000',
    '010-69527777(9:00-18:00)',
    'info@example.com',
    '健康 > 男女老幼 > 銀髮長照',
    '5ba83b52bea41f111dd7b4769af3853c.png',
    '即時推送國內外干細胞臨床醫學資訊,為細胞治療普惠大眾而努力!',
    '官方微信',
    '打印',
    '新聞中心',
    '浏览次数: 112次',
    '分类:技术文章',
    '原标题:某某细胞:干细胞膝关节注射',
    '本文转载于公众号:某某病友之家',
    '图片来源:网络',
  ])('is site, document-site or byline chrome: %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).toEqual({ role: 'boilerplate', kind: 'other' });
  });

  it.each(['肝硬化、肝衰竭', '干细胞治疗糖尿病,仍需更多证据', '打印机', '王教授团队的新发现', '搜索引擎上的干细胞广告'])('is not chrome: %s', (text) => {
    expect(classifyBlock(block(text), structure(), true).role).not.toBe('boilerplate');
  });

  it.each([
    [' date 2025-10-04 自由電子報', '2025-10-04'],
    ['date 2026-01-09 某某新聞', '2026-01-09'],
    ['第 83 期 2005-01-24', '2005-01-24'],
    ['2024年4月12日发(作者:)', '2024-04-12'],
  ])('reads a page-date line: %s', (text, date) => {
    expect(pageDateOf(text, structure())).toBe(date);
  });

  it('reads no page date from a dated lede glued to the corpus date marker', () => {
    expect(pageDateOf('date 2026-01-09 中風治療真的要改寫了嗎？宣捷集團聯手雙和醫院神經內科,完成一期臨床試驗', structure())).toBeNull();
  });
});

describe('segment on the sixth Chinese real-page audit (genre-zh5)', () => {
  it.each([
    ['date 2026-01-09 中風治療將迎來新方法嗎？某團隊完成一期臨床試驗', 'date 2026-01-09 ', '2026-01-09'],
    ['Date 2025-11-30 長期以來，第一型糖尿病需終身注射胰島素。（路透社）', 'Date 2025-11-30 ', '2025-11-30'],
    ['〔編譯陳某某／綜合報導〕一項小鼠研究為第一型糖尿病帶來新思路。', '〔編譯陳某某／綜合報導〕', null],
    ['〔即時新聞／綜合報導〕一項動物研究以幹細胞移植治療糖尿病。', '〔即時新聞／綜合報導〕', null],
    ['〔記者王小明/台南報導〕某院今天宣布…', '〔記者王小明/台南報導〕', null],
  ])('reads the dateline or credit a paragraph opens with: %s', (text, opening, date) => {
    expect(openingByline(foldWidth(text), structure())).toEqual({ length: opening.length, date });
  });

  it.each(['2025年3月，研究者发表', '〔注〕本文不构成医疗建议。', 'Date 2025 was a good year'])('reads no dateline or credit: %s', (text) => {
    expect(openingByline(foldWidth(text), structure())).toBeUndefined();
  });

  it.each([
    '切换至 "某某医学期刊资源库"',
    '转换到繁體中文',
    '您的位置 : 首页 > 报刊',
    '收稿日期:2024-03-19 出版日期:2024-06-25',
    '通信作者: 江某',
    '通讯作者: 李某某,主任医师,博士;电子信箱:li@example.com',
    '基金资助:',
    '作者单位:某某卫生职业技术学院,江苏 某某 224006',
    'Received:2024-03-19 Published:2024-06-25',
    'Corresponding author: Bin Jiang',
    '徐 某 智某某',
    '陈 某 王某某',
    '嚴 某 徐某某 齊 某',
    '徐 某,鄭 某 (綜述),朱某某(審校)',
  ])('is journal-site front matter, a switch or a byline: %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).toEqual({ role: 'boilerplate', kind: 'other' });
  });

  it.each(['结 语', '前 言', '黃 祺', '干细胞 治疗', '您的位置决定了您看到的内容', '收稿后三个月内完成审稿'])('is not chrome (no sure rule tells a padded name alone from a spaced heading): %s', (text) => {
    expect(classifyBlock(block(text), structure(), true).role).not.toBe('boilerplate');
  });

  it.each(['研究團隊讓小鼠不再需要注射胰島素。（示意圖，資料照）', '細胞製劑注射入關節腔後開始修復。（某院提供）', '某院團隊完成首例移植。(路透社)'])(
    "is a photo's caption ending in its credit: %s",
    (text) => {
      expect(classifyBlock(block(text), structure(), true)).toEqual({ role: 'boilerplate', kind: 'caption' });
    },
  );

  it.each(['某院團隊完成首例移植。(詳見下文)', '某國研究人員發現一種新型幹細胞。(綜合報道)'])('is no caption: %s', (text) => {
    expect(classifyBlock(block(text), structure(), true).role).not.toBe('boilerplate');
  });

  it('opens an item at the sentence that dates its event with "近日" or "日前" inside it, on a dated page', async () => {
    const doc = await runUpTo('date 2025-11-30 某某電子報\n\n長期以來,第一型糖尿病被視為終身疾病!美國某醫學院日前發表於《臨床研究雜誌》的研究指出,幹細胞移植可讓小鼠擺脫胰島素。\n\n研究人員表示,仍需多年臨床試驗。\n', 'segment');
    expect(doc.sections.flatMap((s) => s.items).map((i) => [i.date, i.datePrecision])).toEqual([['2025-11', 'month']]);
    expect(doc.diagnostics.filter((d) => d.rule === 'date-relative').map((d) => d.message)).toEqual(['"日前" read as 2025-11 (the month of the page date 2025-11-30)']);
    const undated = await runUpTo('長期以來,第一型糖尿病被視為終身疾病!美國某醫學院日前發表於《臨床研究雜誌》的研究指出,幹細胞移植可讓小鼠擺脫胰島素。\n', 'segment');
    expect(undated.sections.flatMap((s) => s.items)).toEqual([]);
  });

  it.each(['脊髓損傷患者為什麼考慮幹細胞治療?從康復平台期說起', '什么是骨关节炎?干细胞疗法的临床研究', '幹細胞治療中風:效果如何?離臨床應用還有多遠?'])(
    'is a plain-text heading that asks and answers on one line: %s',
    (text) => {
      expect(classifyBlock(block(text), structure(), true)).toEqual({ role: 'heading' });
    },
  );
});

describe('segment on the seventh and eighth Chinese real-page audits (genre-zh6, genre-zh7)', () => {
  it.each([
    '内科某某与实践 ›› 2025, Vol. 20 ›› Issue (04): 340-344.doi: 10.16138/j.1673-0000.2025.04.15',
    '某某医科大学学报  2016, Vol. 36Issue (10): 1316-1321  DOI: 10.3969/j.issn.1673-0000.2016.10.03.',
    'Chin Med Biotechnol, October 2013, Vol. 8, No. 5',
    '第 19卷 第 2期',
    '中国医药某某技术2013年10月第8卷第5',
    '文章快速检索     高级检索',
    '期刊检索:',
    '引用本文 [复制中英文]',
    '[复制英文]',
    '基金项目',
    '第一作者',
    '文章历史',
    '国家自然科学基金(81400000)',
    '中检院2017年度“学科带头人培养基金”(课题编号:2017X6)',
    '姜某某, 医学博士, 主治医师, E-mail:author@example.com',
    '陈某某, Tel:13200000000;E-mail:author@example.com',
    '陈 某 E-mail:',
    '陈某某1, 窦某某2, 肖某1,()',
    'WANG Xueyi, LI Benshang( )',
    '1. 1. 518000,深圳市某某医院血液科',
    '2. 510000 广州,某某医科大学第一临床医学院',
    '(1某某中醫藥大學第一附屬醫院,天津 300000;2某某臨床醫學研究中心)',
    '吉林某某大學第一醫院(長春 130000)',
    '孫某某 巴某 王某 郝某 趙某某',
    '医疗动态 > 正文',
    '新闻 > 正文',
    '• 前沿述评 • 上一篇',
    '記者某某某／綜合報導',
    '(綜合報道)',
    '某某大学人民医院肝胆外科, 武汉 430060',
    '200011 上海,某某大学医学院附属第九人民医院创面修复科',
    '刘 某,饶某某综述,牟某某审校(1.某某医科大学,重庆 400016;2.某某医科大学附属第一医院妇科,重庆 400016)',
    '×',
    '?',
    '•',
    '选择字号:',
    '发表回复',
    '您的邮箱地址不会被公开。 必填项已用 * 标注',
    '点击“蓝字”关注我们',
    '首页 事务所概况 专业领域 新闻资讯 出版刊物 联系我们',
    'Online:2025-07-31',
    'Published:2025-10-27',
  ])('is journal-site front matter, a name line, a breadcrumb, a credit, an affiliation, an icon, a widget or a menu: %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).toMatchObject({ role: 'boilerplate', kind: 'other' });
  });

  it.each(['王某某 唐某某', '干细胞 治疗', '皮膚細胞 培養出骨頭組織', '某國研究人員發現一種新型幹細胞。(綜合報道)', '研究经费来自国家自然科学基金(81400000)。', '基金会资助的项目取得进展', '(', '1', '研究团队发表评论,认为结果可信。', '某某大学人民医院肝胆外科', '首页 新闻'])(
    'is not chrome: %s',
    (text) => {
      expect(classifyBlock(block(text), structure(), true).role).not.toBe('boilerplate');
    },
  );

  it.each([
    ['2025-12-03 10:44:31|来源:某某数字', '2025-12-03'],
    ['2026-03-04 15:31:58 来源:某某新闻网 责任编辑:某某某', '2026-03-04'],
    ['来源:运动 栏目:期刊导读 时间:2021-06-21', '2021-06-21'],
    ['(摘自:CFDA网站 2016-03-23)', '2016-03-23'],
    ['作者:李某某 曹某某 2024-09-20', '2024-09-20'],
    ['作者:廖某,李某某,田某 来源:中国某某报 发布时间:2025/10/26 16:57:24', '2025-10-26'],
  ])('reads the page date of a publication or source line, or of a byline that prints it: %s', (text, date) => {
    expect(pageDateOf(text, structure())).toBe(date);
  });

  it('reads a document-sharing site\'s title from its page images, dropping the contents glued to its copy', async () => {
    const doc = await runUpTo('2026年某某行业研究报告_第1页\n2026年某某行业研究报告_第2页\n下载本文档\n2026年某某行业研究报告目录12345摘要 3一、概述 5\n1.1项目背景\n干细胞治疗进入临床转化阶段。\n', 'segment');
    expect(doc.title).toBe('2026年某某行业研究报告');
    expect(doc.sections.map((s) => s.kind)).not.toContain('year');
    const own = await runUpTo('某某临床研究观察报告_第1页\n下载本文档\n某某临床研究观察\n一、研究背景\n膝骨关节炎是常见的关节疾病。\n', 'segment');
    expect(own.title).toBe('某某临床研究观察');
  });

  it('reads no title from a lone counter above a journal site\'s text', async () => {
    const doc = await runUpTo('0\n心肌干细胞治疗大鼠心肌梗死的研究进展。本文综述其机制。\n', 'segment');
    expect(doc.title).toBeNull();
  });
});

describe('segment on the eighth Chinese real-page audit (genre-zh7)', () => {
  it.each(['打开微信,扫一扫二维码', '订阅我们的微信公众号'])('is a QR box: %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).toEqual({ role: 'boilerplate', kind: 'qr-code' });
  });

  it('drops a line of names one space apart that the date line above holds glued together, roles and all', async () => {
    const one = await runUpTo('某某研究的法律规范\n2019-03-12唐某某王某某\n唐某某 王某某\n干细胞研究引发了伦理争论。\n', 'segment');
    expect(one.boilerplate.map((b) => b.text)).toContain('唐某某 王某某');
    expect(one.sections.map((s) => s.heading)).not.toContain('唐某某 王某某');
    const roles = await runUpTo('干细胞临床转化的指导原则\n2011-02-09 12:34:48朱某田某某胡某某\n朱某 田某某 译 胡某某 校\n背 景\n干细胞研究近年来取得突破。\n', 'segment');
    expect(roles.boilerplate.map((b) => b.text)).toContain('朱某 田某某 译 胡某某 校');
    expect(roles.sections.map((s) => s.heading)).toContain('背 景');
  });

  it('keeps two short words one space apart that no line above holds glued (a heading, or names it cannot tell)', async () => {
    const heading = await runUpTo('干细胞治疗进展\n首页 > 干细胞 > 治疗\n干细胞 治疗\n干细胞研究近年来取得突破。\n', 'segment');
    expect(heading.sections.map((s) => s.heading)).toContain('干细胞 治疗');
    const alone = await runUpTo('某某研究的法律规范\n唐某某 王某某\n干细胞研究引发了伦理争论。\n', 'segment');
    expect(alone.boilerplate.map((b) => b.text)).not.toContain('唐某某 王某某');
  });
});

describe('segment on the eighth Chinese pass (genre-zh8)', () => {
  it.each([
    ['某某健康網 2024-05-06 09:30', '2024-05-06'],
    ['更新於 2024年05月07日08:15 • 發布於 2024年05月06日09:30', '2024-05-06'],
    ['发布于:2020-12-08 共31884字', '2020-12-08'],
    ['来源:某某文库 编辑:某某文学网 时间:2024/04/28 02:44:43', '2024-04-28'],
    ['forumuser1 - 2020/11/29 18:42:00', '2020-11-29'],
  ])('reads the page date of an outlet\'s, an aggregator\'s, a repost\'s or a forum\'s date line: %s', (text, date) => {
    expect(pageDateOf(text, structure())).toBe(date);
  });

  it.each(['某某健康網 2024-05-06 研究', '发布于某某期刊的论文', 'A - 2020/11/29 18:42:00 补充'])('reads no page date from a sentence or a longer line: %s', (text) => {
    expect(pageDateOf(text, structure())).toBeNull();
  });

  it.each(['评论区 0', '評論區', '本篇文章暂无评论', '暫無評論', '浙公网安备 33010000000001号', '浙公網安備 33010000000001號', '京ICP备12345678号-1', '請更新您的瀏覽器', '您使用的瀏覽器版本較舊,已不再受支援。'])(
    'is chrome (a comment widget, a filing line, a browser warning): %s',
    (text) => {
      expect(classifyBlock(block(text), structure(), true).role).toBe('boilerplate');
    },
  );

  it.each(['评论区的讨论很热烈,研究者回应了质疑。', '请更新您的研究计划', '公网安备系统上线'])('is not chrome: %s', (text) => {
    expect(classifyBlock(block(text), structure(), true).role).not.toBe('boilerplate');
  });

  it('reads the title under a browser warning, and the page date from the outlet\'s line', async () => {
    const doc = await runUpTo('請更新您的瀏覽器\n您使用的瀏覽器版本較舊,已不再受支援。\n幹細胞治療膝關節退化\n某某健康網 2024-05-06 09:30\n某某醫院骨科團隊日前發表研究。\n', 'segment');
    expect(doc.title).toBe('幹細胞治療膝關節退化');
    expect(doc.pageDate).toBe('2024-05-06');
  });
});

describe('segment on the ninth Chinese pass (genre-zh9)', () => {
  it.each([
    ['作者: 时间:2024-05-10 点击:', '2024-05-10'],
    ['作者:某某 时间:2024-05-10 点击:35', '2024-05-10'],
  ])('reads the page date of a CMS\'s author-and-time line, the author left empty or not: %s', (text, date) => {
    expect(pageDateOf(text, structure())).toBe(date);
  });

  it.each([
    '信息来源:医学院',
    '信息來源:某某中醫',
    '▲图片来源:CDE官网',
    '(责任编辑:某某)',
    '(实习编辑:某某某)',
    '【编辑:某某某】',
    '点击右上角',
    '微信好友',
    '朋友圈',
    '请使用浏览器分享功能进行分享',
    '撰文│某 某',
    '编辑│某某某',
    '审校丨某某某',
    '转载需获取授权,请与小编联系',
    '全文1500余字,预计阅读6分钟',
  ])('is chrome (a source line, an editor\'s credit, a share widget, a WeChat export\'s credits, notice and reading time): %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).toMatchObject({ role: 'boilerplate', kind: 'other' });
  });

  it('reads a line opening with 图为 and no stop as a photo\'s caption; a sentence after it is no caption', () => {
    expect(classifyBlock(block('图为报告会现场'), structure(), true)).toMatchObject({ role: 'boilerplate', kind: 'caption' });
    expect(classifyBlock(block('图为报告会现场。张教授介绍了团队的临床试验。'), structure(), true).role).not.toBe('boilerplate');
  });

  it.each(['信息来源多样,研究者需要核实。', '朋友圈里流传的干细胞广告不可信。', '转载的文章称干细胞可治百病,专家辟谣。', '全文分为三部分,阅读约需6分钟。'])('is not chrome: %s', (text) => {
    expect(classifyBlock(block(text), structure(), true).role).not.toBe('boilerplate');
  });

  it.each([
    ['学院新闻 学院新闻\n当前位置: 首页>学院新闻>正文\n干细胞学术报告会在我校举行\n5月9日,报告会举行。\n', '学院新闻 学院新闻'],
    ['生物工程论文\n您当前的位置:学术堂 > 生物学论文 > 生物工程论文 >\n基于iPSCs的疾病建模研究\n摘要:多能干细胞领域发展迅速。\n', '生物工程论文'],
    ['健康新闻\n“一人捐两回”:干细胞移植让患儿重获新生\n3月15日,医院完成了移植。\n', '健康新闻'],
    ['生活\n自體脂肪幹細胞 有望用於改善膝關節退化\n研究團隊日前發表成果。\n', '生活'],
  ])('reads a column\'s label (named again by the breadcrumb under it, or two to four Han characters over a headline) as no title: %s', async (text, label) => {
    const doc = await runUpTo(text, 'segment');
    expect(doc.title).toBe(text.split('\n').find((l, k) => k > 0 && !/位置/.test(l)));
    expect(doc.boilerplate.map((b) => b.text)).toContain(label);
  });

  it.each([
    ['干细胞治疗\n标签:干细胞治疗 糖尿病\n某某医院开展了干细胞治疗研究。\n', '干细胞治疗'],
    ['干细胞移植治疗糖尿病足取得新进展\n首页 > 新闻 > 干细胞移植治疗糖尿病足取得新进展\n某某医院完成了首例移植。\n', '干细胞移植治疗糖尿病足取得新进展'],
    ['干细胞库\n某某医院干细胞库于2024年建成,已保存样本五千份。\n', '干细胞库'],
  ])('keeps the title: a chrome line under it that is no breadcrumb, a breadcrumb ending in a long title, a short title over a paragraph: %s', async (text, title) => {
    expect((await runUpTo(text, 'segment')).title).toBe(title);
  });

  it('reads a monthly report\'s entries whose label stands before the date as dated items', async () => {
    const doc = await runUpTo('新增受理1、2:2024年3月6日和2024年3月20日,某公司的两项申请获受理。\n新增默示许可:2024年3月12日,某公司的注射液获得默示许可。\n新增默示许可:依据2024年3月31日的公示,另一款获得许可。\n', 'segment');
    expect(doc.sections.flatMap((x) => x.items.map((i) => i.date))).toEqual(['2024-03-06', '2024-03-12']);
  });
});

describe('segment on the ninth Chinese pass: the year a paragraph opens with "since" (genre-zh9)', () => {
  it('dates months after a "2025年以来," paragraph in that year, not in the year of the item above', async () => {
    const doc = await runUpTo('细胞治疗领域年度观察\n2026年1月29日,某公司的申请获批。\n2025年以来,多家药企退出细胞治疗领域。\n10月,某制药宣布退出。\n9月,某公司终止合作。\n', 'segment');
    expect(doc.sections.flatMap((x) => x.items.map((i) => i.date))).toEqual(['2026-01-29', '2025-10', '2025-09']);
  });
});

describe('segment on the tenth Chinese pass (genre-zh10)', () => {
  it.each([
    '即時 熱門 政治 軍武 社會 生活 健康 國際 地方 3C 評論',
    '搜狐 ChinaRen 17173 焦点房地产 搜狗',
    '生活 生活焦點 教育 氣象 健康 藝文 | 運勢 | 交通',
    '某某新闻-某某网站',
    '王某某/核稿編輯',
    '某某/责任编辑',
  ])('is chrome (a site\'s menu of short words, a site\'s name line, a desk editor\'s credit): %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).toMatchObject({ role: 'boilerplate', kind: 'other' });
  });

  it.each(['臍帶血移植 年齡愈小效果愈好', '台成幹細胞中心啟用 郭台銘盼造福癌友', 'Stem Cells and Regenerative Medicine', 'The goal of this trial is to test safety', '干细胞 再生医学 临床研究进展', '本网站所刊登的新闻均经专家审核'])('is not chrome: %s', (text) => {
    expect(classifyBlock(block(text), structure(), true).role).not.toBe('boilerplate');
  });

  it('reads a photo\'s caption credited to a wire in parentheses as a caption', () => {
    expect(classifyBlock(block('三位領導人於9月3日在閱兵大典同框。(歐新社)'), structure(), true)).toMatchObject({ role: 'boilerplate', kind: 'caption' });
    expect(classifyBlock(block('据中央社报道,该中心今天启用。'), structure(), true).role).not.toBe('boilerplate');
  });

  it.each([
    ['作者 | 發布日期 2019 年 06 月 03 日 17:37 | 分類 生物科技 , 醫療科技', '2019-06-03'],
    ['出版日期:2026-03-15 发布日期:2025-07-05', '2025-07-05'],
    ['• 出版日期:2026-03-15 发布日期:2025-07-05', '2025-07-05'],
  ])('reads the page date of a line labelling it 发布日期 after an empty author or a publication date: %s', (text, date) => {
    expect(pageDateOf(text, structure())).toBe(date);
  });

  it.each(['时间 2024年5月3日 下午两点', '出版日期:2026-03-15'])('reads no page date without a colon after another label, nor from a publication date alone: %s', (text) => {
    expect(pageDateOf(text, structure())).toBeNull();
  });

  it('reads a paragraph opening with 于 and a date as a dated item', async () => {
    const doc = await runUpTo('某某大学代表团来访\n于2012年12月19日,一行13人的代表团到学院进行回访。\n双方就干细胞研究合作进行了讨论。\n', 'segment');
    expect(doc.sections.flatMap((x) => x.items.map((i) => i.date))).toEqual(['2012-12-19']);
  });

  it('reads the headline under a site\'s menu as the title', async () => {
    const doc = await runUpTo('即時 熱門 政治 社會 生活 健康 國際 地方 財經 3C 評論 求職\n臍帶血移植 年齡愈小效果愈好\n2017/04/17 06:00\n衛福部統計,臍帶血移植僅27例。\n', 'segment');
    expect(doc.title).toBe('臍帶血移植 年齡愈小效果愈好');
  });

  it('types a page without items whose paragraphs cite by number an overview, its site\'s date glued to the authors the page date', async () => {
    const text = '内皮祖细胞修复肺损伤的研究进展\n2014-01-22张某李某王某\n急性肺损伤的死亡率仍高达40%[1]。\n内皮祖细胞可修复受损的内皮[2-6]。\n';
    const doc = await runUpTo(text, 'segment');
    expect(doc.pageDate).toBe('2014-01-22');
    expect(doc.kind).toBe('overview');
    expect((await runUpTo(text.replace('[1]', '').replace('[2-6]', ''), 'segment')).kind).toBe('news-item');
  });
});

describe('segment on the eleventh Chinese pass: journals\' issue lines (genre-zh11)', () => {
  it.each([
    ['第二军医大学学报  2021, Vol. 42 Issue (8): 949-956   PDF', '第二军医大学学报'],
    ['中国神经再生研究(英文版) ›› 2026, Vol. 21 ›› Issue (3)', '中国神经再生研究(英文版)'],
    ['Chin Med Biotechnol, October 2013, Vol. 8, No. 5', 'Chin Med Biotechnol'],
    ['中国免疫学杂志 2016年12期', '中国免疫学杂志'],
    ['临床医学研究与实践2021年2月第6卷第6期综述DOI', '临床医学研究与实践'],
    ['中國循證心血管醫學雜誌 2016年1期', '中國循證心血管醫學雜誌'],
    ['Vol. 19, No. 2', null],
    ['第 19卷 第 2期', null],
  ])('keeps an issue line out of the body and reads the journal it names: %s', (text, journal) => {
    expect(classifyBlock(block(text), structure(), true)).toEqual({ role: 'boilerplate', kind: 'other', issue: { journal } });
  });

  it.each(['2021年第8期的杂志刊登了这项研究。', '本刊2016年12期发表了该团队的论文', 'Stem Cells, Volume 32, Issue 5, May 2014'])('reads no issue line in a sentence or a line of another form: %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).not.toHaveProperty('issue');
  });

  it.each(['DOI:10.3969/cmba.j.issn.1673-713X.2013.05.005', 'doi: 10.1234/example.cji.2018.07.012', '卫生技术评估 ·'])('is chrome (a DOI alone on its line; a column label whose opening dot the parse read as a bullet): %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).toMatchObject({ role: 'boilerplate', kind: 'other' });
  });

  it('types a paper under its journal\'s issue line an overview, its site\'s date the page date, and notes where the journal is written', async () => {
    const text = '干细胞移植治疗脑瘫的临床观察\n2018-06-05 10:21何某某冯某\n中国免疫学杂志 2018年7期\n目的 观察干细胞移植治疗脑瘫的疗效。结论 移植可改善运动功能。\n';
    const doc = await runUpTo(text, 'segment');
    expect(doc.pageDate).toBe('2018-06-05');
    expect(doc.kind).toBe('overview');
    expect(doc.issueLines.map((l) => l.journal)).toEqual([{ at: 0, text: '中国免疫学杂志' }]);
    expect((await runUpTo(text.replace('中国免疫学杂志 2018年7期\n', ''), 'segment')).kind).toBe('news-item');
  });

  it('joins a subtitle opening with a dash right under the title to it, and drops the two lines printed again below as the title\'s copy', async () => {
    const doc = await runUpTo('某疗法的远期疗效评价\n--对9个随机对照试验的Meta分析\n某疗法的远期疗效评价\n--对9个随机对照试验的Meta分析\n目的 评价某疗法的远期疗效。\n', 'segment');
    expect(doc.title).toBe('某疗法的远期疗效评价--对9个随机对照试验的Meta分析');
    expect(doc.boilerplate.map((b) => [b.kind, b.text])).toEqual([['caption', '某疗法的远期疗效评价'], ['caption', '--对9个随机对照试验的Meta分析']]);
    expect(doc.sections.map((x) => x.text)).toEqual(['目的 评价某疗法的远期疗效。']);
  });

  it.each([
    '某疗法的远期疗效评价\n——研究显示,患者的生活质量明显改善。\n',
    '某疗法的远期疗效评价\n正文第一段没有破折号。\n——基于9项试验\n',
    'Long-term Outcomes of a Therapy\n-- By a Staff Writer\n',
  ])('joins no sentence, no line further down and no Latin line to the title: %j', async (text) => {
    expect((await runUpTo(text, 'segment')).title).toBe(text.split('\n', 1)[0]);
  });
});

describe('segment on the twelfth Chinese pass: citation-form issue lines, an editor\'s note\'s label, back-to-top and widget labels (genre-zh12)', () => {
  it.each([
    ['中华血液学杂志, 2017,38(01): 1-5. DOI: 10.1234/example.cjh.2017.01.001', '中华血液学杂志'],
    ['《生命科学》 2019, 31(7): 644-650', '生命科学'],
    ['心血管病学进展, 2018, 39(3): e12-e18', '心血管病学进展'],
    ['《时珍国医国药》 2008年 第12期', '时珍国医国药'],
  ])('keeps an issue line written as a reference writes it out of the body and reads its journal: %s', (text, journal) => {
    expect(classifyBlock(block(text), structure(), true)).toEqual({ role: 'boilerplate', kind: 'other', issue: { journal } });
  });

  it.each([
    '王某. 某病的研究进展[J]. 中华血液学杂志, 2017, 38(1): 1-5.',
    '张某,李某. 中国生物医学工程学报, 2019, 38(2): 100-106.',
    '该共识发表于2017年,见第38卷(1):1-5。',
  ])('reads no issue line in a reference entry or a sentence: %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).not.toHaveProperty('issue');
  });

  it.each(['引用本文: 某某学组. 某病诊断与治疗中国专家共识(2017年版) [J]. 中华血液学杂志,2017,38( 1 ): 1-5.', '回到網頁上方', '返回顶部', '你可能會喜歡', '人氣點閱榜', '網友回應', '留言', '訂閱'])('is chrome (how to cite the page; a back-to-top link; a widget\'s label): %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).toMatchObject({ role: 'boilerplate', kind: 'other' });
  });

  it.each([
    ['2014-06-17 佚名 Cell微信', '2014-06-17'],
    ['2021-03-09 10:20 张某某 某某医学网', '2021-03-09'],
    ['2021-03-09 Jane.Doe MedSci原创', '2021-03-09'],
    ['2021-03-09 张某某 发表了这项研究。', null],
    ['2021-03-09 张某某 在某某大学 发表', null],
  ])('reads the page date of a line of the date, the author and the source, one space apart, and of no sentence: %s', (text, date) => {
    expect(pageDateOf(text, structure())).toBe(date);
  });

  it.each([
    ['王某某 李某', '某某大学第一医院消化内科(长春 130021)', true],
    ['王某穎 唐某宇', '某某大學第一醫院(長春 130002)', true],
    ['孙某 谢某某', '200011 上海,某某大学医学院附属医院', true],
    ['王某某 李某', '作者单位:某某大学', true],
    ['研究 进展', '本文综述近年来的研究进展。', false],
    ['王某某,李某', '某某大学第一医院(长春 130021)', false],
    ['王某某 李某', '溃疡性结肠炎是一种慢性疾病。', false],
    ['王 李某', '某某大学第一医院(长春 130021)', false],
  ])('reads a line of names right over their affiliation as the authors: %s / %s', (names, next, expected) => {
    expect(namesOverAffiliation(names, block(next), structure(), new Map())).toBe(expected);
  });

  it('keeps a line of names over their affiliation out of the body, and takes it for no title', async () => {
    const doc = await runUpTo('王某某 李某\n某某大学第一医院(长春 130021)\n溃疡性结肠炎是一种病因未明的慢性炎症性疾病,本文对干细胞治疗作一综述。\n', 'segment');
    expect(doc.title).toBeNull();
    expect(doc.boilerplate.map((b) => b.text)).toEqual(['王某某 李某', '某某大学第一医院(长春 130021)']);
    expect((await runUpTo('研究 进展\n溃疡性结肠炎是一种病因未明的慢性炎症性疾病。\n', 'segment')).title).toBe('研究 进展');
  });

  it('takes no editor\'s note\'s label for the title: a page with no headline above it has none, the note a section of its own', async () => {
    const doc = await runUpTo('来源: 发布日期:2020-09-14 浏览次数:15次\n编者按\n干细胞临床研究日益活跃,公众十分关注其安全性。\n【摘要】\n目的 评价安全性。\n', 'segment');
    expect(doc.title).toBeNull();
    expect(doc.sections.map((x) => [x.heading, x.text])).toEqual([['编者按', '干细胞临床研究日益活跃,公众十分关注其安全性。'], ['【摘要】', '目的 评价安全性。']]);
  });

  it('keeps the headline above an editor\'s note as the title, and a headline that opens with the word', async () => {
    expect((await runUpTo('干细胞治疗技术评估报告\n编者按\n本文供读者参考。\n', 'segment')).title).toBe('干细胞治疗技术评估报告');
    expect((await runUpTo('编者按语中的干细胞故事\n本文供读者参考。\n', 'segment')).title).toBe('编者按语中的干细胞故事');
  });
});

describe('segment on the thirteenth Chinese pass: bylines with a place, credit and social lines, a time before the date, names printed again, a site\'s name in the title (genre-zh13)', () => {
  it.each([
    '記者王某某／花蓮報導',
    '記者楊某某/綜合報導',
    '聯合報 記者陳某某、李某某/台北報導',
    '某某新聞網記者李某某、李某 / 台北報導',
    '好某某新聞網記者某某/花蓮報導',
    '綜合報導  / 台北市',
    '綜合報導',
    '(綜合報導)',
    '（报道）',
  ])('reads a reporter\'s byline alone on its line as chrome and a byline: %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).toEqual({ role: 'boilerplate', kind: 'other', byline: true });
  });

  it.each(['記者會上,團隊說明了試驗的結果。', '研究成果已在台北報導', '記者王某某花蓮報導了這項研究的進展並引起關注'])('reads no byline in a sentence: %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).not.toHaveProperty('byline');
  });

  it('types a page with a byline line and no date a news item, and keeps the byline out of the body', async () => {
    const doc = await runUpTo('幹細胞治療膝關節軟骨缺損 進入臨床試驗\n某某報 記者張某某、李某某/台中報導\n某醫院團隊以自體間質幹細胞治療膝關節軟骨缺損,已收治首批患者。\n', 'segment');
    expect(doc.kind).toBe('news-item');
    expect(doc.boilerplate.map((b) => b.text)).toEqual(['某某報 記者張某某、李某某/台中報導']);
  });

  it.each([
    ['照片來源:資料照', 'other'],
    ['新聞來源:某某新聞', 'other'],
    ['新闻来源:某某网', 'other'],
    ['新聞關鍵字', 'other'],
    ['某某新聞 Facebook', 'other'],
    ['加入Line好友', 'other'],
    ['《更多某某新聞網報導》', 'other'],
    ['分享:', 'other'],
    ['更新時間：18:42 2026-03-09 HKT', 'other'],
    ['合集下载', 'other'],
    ['1、下载文档前请自行甄别文档内容的完整性,平台不提供额外的编辑、内容补充、找答案等附加服务。', 'disclaimer'],
    ['2、"仅部分预览"的文档,不可在线预览部分如存在完整性等问题,可反馈申请退款。', 'disclaimer'],
    ['1. 3、如文档侵犯您的权益,请联系客服反馈,我们会尽快为您处理。', 'disclaimer'],
  ])('is chrome (a credit, source or social line, an update time, a document site\'s notices): %s', (text, kind) => {
    expect(classifyBlock(block(text), structure(), true)).toMatchObject({ role: 'boilerplate', kind });
  });

  it.each([
    ['發佈時間：18:42 2026-03-09 HKT', '2026-03-09'],
    ['发布时间: 9:05 2024-11-20', '2024-11-20'],
    ['18:42 2026-03-09 的會議上,團隊公布結果', null],
  ])('reads the page date of a publication line with the time before the date: %s', (text, date) => {
    expect(pageDateOf(text, structure())).toBe(date);
  });

  const dropped = (kind: 'page-date' | 'other', text: string): Dropped => ({ offset: 0, entry: { kind, text, position: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } } });
  it.each([
    ['栾某', [dropped('page-date', '2015-10-27 07:27栾某')], true],
    ['某某学会某某学组', [dropped('page-date', '2014-01-23某某学会某某学组')], true],
    ['徐某智某某', [dropped('page-date', '2015-10-21智某某'), dropped('other', '徐 某 智某某')], true],
    ['概述', [dropped('page-date', '2015-10-27 07:27栾某')], false],
    ['栾某', [dropped('other', '关键词:栾某')], false],
    ['某栾某', [dropped('page-date', '2015-10-27 07:27栾某')], false],
    ['某某学组', [dropped('page-date', '2014-01-23某某学会某某学组')], false],
    ['一、概述', [dropped('page-date', '2015-10-27 07:27一、概述')], false],
  ] as const)('reads the names of the date line above printed again: %s', (text, above, expected) => {
    expect(repeatsDateLineNames(text, above)).toBe(expected);
  });

  it('keeps the names printed again under a copied paper\'s date line out of the body', async () => {
    const doc = await runUpTo('干细胞治疗膝骨关节炎的研究进展\n2019-05-16 08:42孙某某\n孙某某\n·综述·\n干细胞治疗膝骨关节炎的研究进展\n孙某某\n一、概述\n膝骨关节炎是常见的退行性关节疾病。\n', 'segment');
    expect(doc.sections.map((x) => x.heading)).toEqual(['一、概述']);
    expect(doc.boilerplate.filter((b) => b.text === '孙某某')).toHaveLength(2);
  });

  it.each([
    ['光田某某醫院啟動細胞治療 打造脊髓損傷療程 - 某某新聞網', '光田某某醫院啟動細胞治療 打造脊髓損傷療程'],
    ['好某某新聞網 - 巴金森氏症新療法進入臨床實驗', '巴金森氏症新療法進入臨床實驗'],
    ['幹細胞治療新進展 | 某某日報', '幹細胞治療新進展'],
    ['干细胞治疗糖尿病_某某新闻网', '干细胞治疗糖尿病'],
    ['CAR-T - 新一代细胞疗法', 'CAR-T - 新一代细胞疗法'],
    ['某某新聞網 - 新聞', '某某新聞網 - 新聞'],
  ])('cuts a news site\'s name off the title: %s', (text, title) => {
    expect(withoutSiteName(text, foldWidth(text), structure())).toBe(title);
  });

  it('reads the headline printed again below a title with a site\'s name as the title\'s copy', async () => {
    const doc = await runUpTo('幹細胞治療脊髓損傷獲核准 - 某某新聞網\n幹細胞治療脊髓損傷獲核准\n某醫院獲准以自體間質幹細胞治療脊髓損傷,成為第三家通過的醫院。\n', 'segment');
    expect(doc.title).toBe('幹細胞治療脊髓損傷獲核准');
    expect(doc.boilerplate.map((b) => [b.kind, b.text])).toEqual([['caption', '幹細胞治療脊髓損傷獲核准']]);
  });
});

describe('segment on the fourteenth Chinese pass: a headline under its lead, photo credits, ad labels, bylines with a cameraman or an outlet, credit lines, a source and an author before the time (genre-zh14)', () => {
  it.each([
    '記者 吳某某 / 攝影 崔某某 報導',
    '(某某新聞/林某某、吳某某 台北報導)',
    '（某某新聞／林某某 台南報導）',
  ])('reads a byline naming the cameraman, or closing with the outlet before a slash, as chrome and a byline: %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).toEqual({ role: 'boilerplate', kind: 'other', byline: true });
  });

  it.each(['某某新聞/林某某說明了台北的研究報導', '(研究人員在台北報導會上表示,結果令人鼓舞)'])('reads no byline in a sentence in parentheses or with a slash: %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).not.toHaveProperty('byline');
  });

  it.each(['某某醫院眼科團隊(左二)與受試者合影。(王某某攝影)', '受試者治療前後的眼底影像比較。(某某醫院供圖)', '某某医院团队合影。（某某医院供图）'])('reads a photo\'s caption closing in its credit ("攝影", "供圖") as a caption: %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).toMatchObject({ role: 'boilerplate', kind: 'caption' });
  });

  it.each(['團隊的攝影作品在醫院展出。', '某某醫院提供的資料顯示,療效穩定(詳見供圖說明)'])('reads no caption in a sentence naming a photograph: %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).not.toMatchObject({ role: 'boilerplate', kind: 'caption' });
  });

  it.each(['廣告 廣告', '广告 广告 广告', 'Ad Block Ad Block', '文章快速检索', '高级检索', '文/陈某某', '文 / 某某医学', '图文/某某', '翻译/整理:某某', '编译:某某', '某某医科大学药学院 药理学系, 南京 210009'])('is chrome (an ad slot\'s label printed twice, a journal platform\'s search links, credit lines, an affiliation naming its department): %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).toMatchObject({ role: 'boilerplate', kind: 'other' });
  });

  it.each(['广告投放对干细胞行业的影响', '文/某某说,这项研究具有重要意义。', '翻译过程中的质量控制'])('is no chrome (a heading or a sentence opening with the same words): %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).not.toMatchObject({ role: 'boilerplate' });
  });

  it('reads the page date of a CMS line with a source and an author before the time, and none with no time', () => {
    expect(pageDateOf('來源: 《某某月刊》    作者: 某某編輯部    發布時間: 2024-03-05 10:20    321 次瀏覽', structure())).toBe('2024-03-05');
    expect(pageDateOf('来源:某某网 作者:某某 发布时间:2023-11-02', structure())).toBe('2023-11-02');
    expect(pageDateOf('來源: 《某某月刊》    作者: 某某編輯部', structure())).toBeNull();
  });

  it.each([
    ['甲。\n乙。\n\n标题\n一、', true],
    ['甲。\n乙。\n标题\n一、', false],
    ['甲。\n  \n标题', true],
    ['甲。\r\n\r\n标题', true],
  ])('tells a blank line between two blocks: %j', (text, expected) => {
    const at = text.lastIndexOf('标题');
    const above = text.lastIndexOf('乙。') >= 0 ? text.lastIndexOf('乙。') : text.indexOf('甲。');
    expect(blankLineBetween(text, block('乙。', { start: above, end: above + 2 }), block('标题', { start: at, end: at + 2 }))).toBe(expected);
  });

  it.each([
    ['干细胞能否帮助肾衰竭患者摆脱透析?三个问题一次讲清楚', true, false, true],
    ['干细胞治疗肾衰竭最新临床进展:近5年关键研究与突破盘点', true, false, true],
    ['干细胞能否帮助肾衰竭患者摆脱透析?三个问题一次讲清楚', false, false, false],
    ['干细胞能否帮助肾衰竭患者摆脱透析?三个问题一次讲清楚', true, true, false],
    ['肾衰竭患者常需依靠透析维持生命。', true, false, false],
    ['2024年3月5日,某医院完成首例移植', true, false, false],
  ] as const)('reads a headline under the lead only with a heading right under it: %s (opens a section %s, blank under %s)', (text, opens, blankUnder, expected) => {
    expect(headlineUnderLead(block(text), structure(), foldWidth(text), opens, blankUnder)).toBe(expected);
  });

  it('takes the line after the lead\'s blank line for the title when a heading stands right under it', async () => {
    const doc = await runUpTo('肾衰竭是多种肾脏疾病的共同结局。\n本文梳理干细胞治疗肾衰竭的临床探索。\n\n干细胞能否帮助肾衰竭患者摆脱透析?\n一、干细胞如何作用于肾脏?\n间充质干细胞可分泌修复因子。\n\n二、哪些患者可以参与试验?\n病情稳定的患者可以咨询。\n', 'segment');
    expect(doc.title).toBe('干细胞能否帮助肾衰竭患者摆脱透析?');
    expect(doc.sections.map((x) => x.heading)).toEqual([null, '一、干细胞如何作用于肾脏?', '二、哪些患者可以参与试验?']);
  });

  it('takes no title from a page spaced throughout, from a line with no heading under it, or from a blank line after the first', async () => {
    expect((await runUpTo('肾衰竭是多种肾脏疾病的共同结局。\n\n干细胞能否帮助患者摆脱透析?\n\n一、干细胞如何作用于肾脏?\n间充质干细胞可分泌修复因子。\n', 'segment')).title).toBeNull();
    expect((await runUpTo('肾衰竭是多种肾脏疾病的共同结局。\n\n干细胞能否帮助患者摆脱透析?\n间充质干细胞可分泌修复因子。\n', 'segment')).title).toBeNull();
    expect((await runUpTo('肾衰竭是多种肾脏疾病的共同结局。\n\n本文梳理干细胞的临床探索。\n\n干细胞能否帮助患者摆脱透析?\n一、干细胞如何作用于肾脏?\n间充质干细胞可分泌修复因子。\n', 'segment')).title).toBeNull();
  });

  it('keeps the title printed above the lead, and reads the lead\'s blank line no further', async () => {
    const doc = await runUpTo('干细胞治疗肾衰竭的临床进展\n肾衰竭是多种肾脏疾病的共同结局。\n\n近5年的关键研究\n一、自体干细胞移植\n间充质干细胞可分泌修复因子。\n', 'segment');
    expect(doc.title).toBe('干细胞治疗肾衰竭的临床进展');
    expect(doc.sections.map((x) => x.heading)).toContain('近5年的关键研究');
  });
});

describe('segment: a column’s label read only on a text a label’s length', () => {
  const label = new RegExp(`^[${hanScript}]{2,4}$`, 'u');

  it('decides as the label pattern on every fixture line and 20,000 seeded texts of Han, astral Han, Latin, spaces and marks', () => {
    const lines = readdirSync(repo('fixtures/articles')).flatMap((name) => readFileSync(repo(`fixtures/articles/${name}`), 'utf8').split(/\r?\n/));
    const seeded = fc.sample(fc.array(fc.constantFrom('健', '康', '新闻', '\u{20000}', '\u{2a700}', '\ud840', 'a', ' ', '·', '。', '〇'), { minLength: 0, maxLength: 6 }).map((parts) => parts.join('')), { seed: 22, numRuns: 20_000 });
    let labels = 0;
    for (const text of [...lines, ...lines.map((line) => foldWidth(line).trim()), ...seeded]) {
      const expected = label.test(text);
      if (expected) labels++;
      expect(hanLabelText(text), JSON.stringify(text)).toBe(expected);
    }
    // Not vacuous: four astral characters (eight units) among the labels.
    expect(hanLabelText('\u{20000}\u{20001}\u{2a700}\u{30000}')).toBe(true);
    expect(labels).toBeGreaterThan(1000);
  });

  it('a first paragraph runs no pattern to be ruled out as a label', () => {
    const exec = vi.spyOn(RegExp.prototype, 'exec');
    try {
      expect(hanLabelText('强直性脊柱炎(Ankylosing Spondylitis,AS)作为一种慢性炎症性疾病。')).toBe(false);
      expect(hanLabelText('生')).toBe(false);
      expect(exec).not.toHaveBeenCalled();
    } finally {
      exec.mockRestore();
    }
    expect(hanLabelText('健康新闻')).toBe(true);
  });
});

describe('segment on the fifteenth Chinese pass: a journal site\'s fields and current issue, a daily\'s name alone, photo credits "翻攝", a portal\'s notice, affiliations of several units (genre-zh15)', () => {
  it.each([
    '作者:',
    'DOI:',
    '10.1234/example.zh15.2024.03.007',
    '收稿时间:',
    '修訂日期:',
    '接收日期:',
    '建檔日期:',
    '[关键词]',
    '[中图分类号]',
    '【Key words】',
    '文章引用:某某某. 干细胞研究进展[J]. 某某学报, 2024, 39(3): 188-196.',
    '目录',
    '網友評論',
    '照片',
    '某某電子報',
    '某某日报',
    '某某大学 医学院,心血管病研究所/某某省心血管重点实验室,杭州 310058',
    '程某某 徐某 左 某 黄某某 (某某大学第二医院 眼科,长春 130000)',
  ])('is chrome (a journal site\'s labels alone or empty, a bare DOI, a citation label, a contents link, a daily\'s name, an affiliation): %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).toMatchObject({ role: 'boilerplate', kind: 'other' });
  });

  it.each([
    '作者认为该研究具有重要意义。',
    '[摘要]',
    '0.5毫升',
    '10',
    '目录中的第一项研究',
    '照片显示移植后的角膜恢复透明。',
    '某某日报报道了这项研究',
    '某某大学医学院的研究团队在杭州开展了试验。',
  ])('is no chrome (a sentence or a heading opening with the same words; "[摘要]" over its text stays a heading): %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).not.toMatchObject({ role: 'boilerplate', kind: 'other' });
  });

  it.each([
    ['2023年7月 第38卷 第7期11', null],
    ['2025年1月 第40卷 第1期', null],
    ['来源期刊: 眼科学报 | 2022年4月 第37卷 第4期 255-270 发布时间: 收稿时间:2023/1/6 17:31:15 阅读量:4129', '眼科学报'],
  ])('keeps a journal site\'s current issue and its labelled source journal out of the body, and reads the journal it names: %s', (text, journal) => {
    expect(classifyBlock(block(text), structure(), true)).toEqual({ role: 'boilerplate', kind: 'other', issue: { journal } });
  });

  it('reads no issue line in a sentence naming a month, a volume and an issue', () => {
    expect(classifyBlock(block('2023年7月第38卷第7期刊登了这项研究。'), structure(), true)).not.toHaveProperty('issue');
  });

  it.each(['▲某某市衛生局提醒民眾確認院所已獲核准。（記者陳某某翻攝，下同）', '某某医院团队合影。(记者王某某翻摄)'])('reads a photo\'s caption closing in "翻攝" or "，下同" as a caption: %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).toMatchObject({ role: 'boilerplate', kind: 'caption' });
  });

  it.each(['鄭重聲明:此文內容為本網站轉載企業宣傳資訊,僅供讀者參考。', '郑重声明：此文内容为本网站转载企业宣传资讯'])('reads a portal\'s notice as a disclaimer: %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).toMatchObject({ role: 'boilerplate', kind: 'disclaimer' });
  });

  it('takes the headline under a daily\'s name and its breadcrumb for the title', async () => {
    const doc = await runUpTo('某某電子報\n健康 > 醫療新知 > 即時新聞\n\n再生醫療法上路 細胞治療認明合法院所\n\n2026/02/03 11:20\n\n衛生局表示,醫療機構執行細胞治療須先經核准。\n', 'segment');
    expect(doc.title).toBe('再生醫療法上路 細胞治療認明合法院所');
  });
});

describe('segment on the sixteenth Chinese pass: a listed company\'s announcement, a journal platform\'s topic and column labels, doctors\' credentials, CMS lines with a publisher, a counter or pipes, bylines with no 报道, an abstract\'s label alone (genre-zh16)', () => {
  it.each([
    '所属专题: 专家推荐',
    '所屬專題: 總編推薦',
    '创面修复专栏·论著',
    '证券代码:836112 证券简称:某某生物 公告编号:2025-047',
    '公告编号:2025-047',
    '临时公告',
    '某某生物科技股份有限公司',
    '微博',
    '收藏',
    '本主題被作者加入到個人文集中',
    '罗某某主任医师',
    '副主任医师 某某市妇女儿童医疗中心',
    '林某某主任醫師 某某醫院 牙周病科',
    '科室: 骨關節科 主任醫師 王某某',
    '某某脑科医院 神经外科',
    '日報',
  ])('is chrome (a topic or column label, an announcement\'s header and issuer, share buttons, a forum\'s notice, a doctor\'s credentials, a paper\'s kind alone): %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).toMatchObject({ role: 'boilerplate', kind: 'other' });
  });

  it.each([
    '所属专题的研究进展',
    '干细胞专栏的文章介绍了牙周炎的治疗。',
    '某某生物科技股份有限公司宣布启动临床试验。',
    '主任医师表示,该疗法安全有效。',
    '某某医院口腔科开展了干细胞治疗牙周炎的研究。',
    '收藏家捐赠了一批古籍',
    '日報報導了這項研究',
  ])('is no chrome (a heading or a sentence opening or closing with the same words): %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).not.toMatchObject({ role: 'boilerplate', kind: 'other' });
  });

  it.each(['本公司及董事会全体成员保证公告内容的真实、准确和完整,没有虚假记载。', '本公司及董事會全體成員保證公告內容的真實、準確和完整。'])('reads a listed company\'s board\'s assurance as a disclaimer: %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).toMatchObject({ role: 'boilerplate', kind: 'disclaimer' });
  });

  it.each(['本报记者', '本報記者 王某某', '(科技日报记者 甲某某 乙某某)', '（某某日報記者 林某某）'])('reads a reporters\' credit with no 报道 as chrome and a byline: %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).toEqual({ role: 'boilerplate', kind: 'other', byline: true });
  });

  it.each(['本报记者从医院获悉,首例患者已出院。', '(记者会上,某某表示结果令人鼓舞)'])('reads no byline in a sentence naming a reporter: %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).not.toHaveProperty('byline');
  });

  it.each([
    ['发布者:某某干细胞工程中心 发布日期:2025-06-18 09:12', '2025-06-18'],
    ['發布者:某某幹細胞中心 發布日期:2025-06-18 09:12', '2025-06-18'],
    ['公告日期:2025-09-02', '2025-09-02'],
    ['来源 :某某财经2023-04-11', '2023-04-11'],
    ['来源:某某网 2023-04-11', '2023-04-11'],
    ['lzh 87 2025-07-25 14:37:02', '2025-07-25'],
    ['[作者:某某新闻网 | 发表时间:2009-3-8 |点击数:512 ]', '2009-03-08'],
  ])('reads the page date of a CMS line with a publisher, an announcement date, a source glued to its date, a name with a counter, a bracketed line with pipes: %s', (text, date) => {
    expect(pageDateOf(text, structure())).toBe(date);
  });

  it.each(['来源:某某报 第2023期', '公告编号:2025-047', '某某医院 2025年工作计划'])('reads no page date from a line with no date: %s', (text) => {
    expect(pageDateOf(text, structure())).toBeNull();
  });

  it('takes the announcement\'s title under its header, its issuer and its date', async () => {
    const doc = await runUpTo('公告日期:2025-09-02\n临时公告\n证券代码:836112 证券简称:某某生物 公告编号:2025-047\n某某生物科技股份有限公司\n关于某某注射液临床试验启动的公告\n本公司及董事会全体成员保证公告内容的真实、准确和完整。\n公司于近日召开临床试验启动会。\n', 'segment');
    expect(doc.title).toBe('关于某某注射液临床试验启动的公告');
    expect(doc.pageDate).toBe('2025-09-02');
  });

  it('takes the headline under a journal platform\'s topic and column labels for the title', async () => {
    const doc = await runUpTo('所属专题: 专家推荐\n\n创面修复专栏·论著\n\n干细胞凝胶促进烧伤创面愈合的临床观察\n赵某某1, 钱某2,()\n\n深Ⅱ度烧伤创面愈合慢、瘢痕重,是烧伤整形科的常见难题。\n', 'segment');
    expect(doc.title).toBe('干细胞凝胶促进烧伤创面愈合的临床观察');
  });

  it.each(['[摘要]', '【摘要】'])('takes no title from an abstract\'s label alone over its text: %s', async (label) => {
    const doc = await runUpTo(`[关键词]\n${label}\n年龄相关性黄斑变性是造成中老年人失明的主要原因,目前尚无有效疗法。\n`, 'segment');
    expect(doc.title).toBeNull();
  });
});

describe('segment on the seventeenth Chinese pass: crumbs of two Han words or split by "»", a forum archive\'s page list and credit, a portal\'s back-to-top link, trending words and comments\' label, a forum\'s source label, a unit line; page dates of a magazine archive, a WeChat repost, a daily\'s slash line and a forum post; a column\'s label over its date, a Latin column name and "摘要" over a Chinese text (genre-zh17)', () => {
  it.each([
    '新闻资讯 > 骨科前沿',
    '@某某論壇 » 日常 - 健康資訊 » 禿頭有得救 複製毛囊細胞增髮',
    '回到頂端',
    '熱門: 颱風 股市 棒球',
    '社群留言',
    '頁: [1]',
    '頁: [1] 2 3',
    'Powered by Discuz! Archiver 7.2  © 2001-2009 Comsenz Inc.',
    '【來源出處】 某某日記',
    '单位某某大学中日联谊医院',
    '單位:某某醫院呼吸與危重症醫學科',
    '单位某某医学院; 某某医学院附属太和医院',
  ])('is chrome (crumbs, a forum archive\'s page list and credit, widgets, trending words, a source label, a unit line): %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).toMatchObject({ role: 'boilerplate', kind: 'other' });
  });

  it.each([
    'p < 0.05',
    '有效率 > 90%',
    '热门话题是干细胞治疗',
    '单位时间内的细胞增殖速度明显加快。',
    '单位面积内的毛囊数目增加了一倍',
    '社群留言功能已关闭,请见谅。',
  ])('is no chrome (a comparison, a sentence opening with the same words): %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).not.toMatchObject({ role: 'boilerplate', kind: 'other' });
  });

  it.each([
    ['2022-11-03 03:54涛,汪', '2022-11-03'],
    ['2017-12-14 某某某,等 某某杂志', '2017-12-14'],
    ['2017-12-14 某某某，等 某某杂志', '2017-12-14'],
    ['自由時報/ 2012.04.19 00:00', '2012-04-19'],
    ['某某日報／2016.08.22', '2016-08-22'],
    ['2013-10-23 14:31 sinta', '2013-10-23'],
  ])('reads the page date of a magazine archive\'s line with names and a comma, a WeChat line with "等", a daily\'s slash line, a forum post line: %s', (text, date) => {
    expect(pageDateOf(text, structure())).toBe(date);
  });

  it.each(['2013-10-23 研究团队发现,干细胞可促进毛囊再生。', '2013-10-23 14:31 研究团队发现,干细胞可促进毛囊再生。', '2025-05-28发布会在北京举行,多家医院参加', '某某時報/ 第2版'])('reads no page date from a sentence after a date, a sentence with a comma glued to it or a line with no date: %s', (text) => {
    expect(pageDateOf(text, structure())).toBeNull();
  });

  it('takes the headline under a column\'s label, its date and the edition for the title', async () => {
    const doc = await runUpTo('健康\n2022-03-08 04:30:00\n日報\n\n港大研究 幹細胞修補膝軟骨\n\n某某大學醫學院研究團隊以病人自身的脂肪幹細胞培育軟骨片,修補膝關節軟骨缺損。\n', 'segment');
    expect(doc.title).toBe('港大研究 幹細胞修補膝軟骨');
    expect(doc.pageDate).toBe('2022-03-08');
  });

  it('takes the headline under a column\'s Latin name for the title', async () => {
    const doc = await runUpTo('新闻资讯 > 行业动态\n\nNews\n\n神经干细胞移植修复脊髓损伤的新进展\n\n某某大学研究团队在大鼠模型中移植神经干细胞。\n', 'segment');
    expect(doc.title).toBe('神经干细胞移植修复脊髓损伤的新进展');
  });

  it('keeps a Latin title over its Chinese text', async () => {
    const doc = await runUpTo('Stem Cell Therapy for Spinal Cord Injury: A Review\n\n某某大学研究团队在大鼠模型中移植神经干细胞,运动评分明显改善。\n', 'segment');
    expect(doc.title).toBe('Stem Cell Therapy for Spinal Cord Injury: A Review');
  });

  it.each(['摘要', '摘 要'])('takes no title from an abstract\'s label alone over its text: %s', async (label) => {
    const doc = await runUpTo(`${label}\n类风湿关节炎是一种以滑膜炎症和关节破坏为特征的慢性自身免疫病。\n`, 'segment');
    expect(doc.title).toBeNull();
  });

  it('keeps a title that opens with the abstract\'s word', async () => {
    const doc = await runUpTo('摘要写作指南:干细胞论文的常见问题\n类风湿关节炎是一种以滑膜炎症和关节破坏为特征的慢性自身免疫病。\n', 'segment');
    expect(doc.title).toBe('摘要写作指南:干细胞论文的常见问题');
  });
});

describe('segment on the eighteenth Chinese pass: a journal site\'s links, counter and loading label, a skip link in Chinese, "您现在的位置" crumbs, a portal\'s logo text, counter and font-size widget, names lines with marks glued or a comma after, departments with a post code after a space or in English, a bracketed reporter\'s credit; a journal\'s masthead over its issue line, a label glued in its crumb (genre-zh18)', () => {
  it.each([
    'DOI: 10.1234/example.iua.2024.0311, PDF, HTML, XML, 下载: 96  浏览: 318',
    'DOI: 10.1234/example.sui.2025.05, PDF,',
    'Contents            PDF            Abstract             Full text             Fig/Tab',
    '全文: PDF(1260 KB)   HTML',
    '在线阅读 下载PDF 导出详情',
    'Please wait a minute...',
    '跳到主要内容',
    '您现在的位置:首页> 指南共识—立场声明',
    'site logo: www.example.com.tw',
    '人氣: 27',
    '【字號】',
    '某某某1某某某1',
    '甲乙丙1丁戊己2*',
    '某某某,某某某,某某某,',
    '某某大学附属某某医院泌尿外科 上海 200040',
    '2. 某某大学(某某医科大学)第二附属医院泌尿外科,上海 200003',
    '1 某某大学医学院附属第一医院耳鼻咽喉科 杭州 310003',
    'Department of Urology, Example Hospital, Example University, Shanghai 200040, China',
    '2. Department of Urology, The Second Affiliated Hospital of Example University, Shanghai 200003, China',
  ])('is chrome (a journal site\'s links, a loading label, a skip link, crumbs, a logo\'s text, a counter, a widget, names, departments): %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).toMatchObject({ role: 'boilerplate', kind: 'other' });
  });

  it.each([
    'Abstract',
    'PDF',
    '全文下载后可查看原始数据。',
    '人气最高的是脐带间充质干细胞。',
    '字号',
    '某某某,某某某等人发现干细胞可促进子宫内膜增厚。',
    '研究团队 上海',
    '患者来自上海 200 例',
    'The trial enrolled 200040 patients in Shanghai, China',
  ])('is no chrome (a section\'s label, a sentence opening with the same words, a place in a sentence): %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).not.toMatchObject({ role: 'boilerplate', kind: 'other' });
  });

  it.each(['【記者某某某╱報導】', '記者某某某╱報導'])('reads a reporter\'s credit with a box-drawing slash, in brackets or not, as a byline: %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).toMatchObject({ role: 'boilerplate', byline: true });
  });

  it('reads a paper\'s volume and number with no comma between as an issue line', () => {
    expect(classifyBlock(block('Vol. 13  No. 06 ( 2023 ), Article ID: 67012 , 8 pages'), structure(), true)).toMatchObject({ role: 'boilerplate', issue: { journal: null } });
  });

  it('takes the headline under a journal\'s Latin masthead and its issue line for the title, the masthead the journal', async () => {
    const doc = await runUpTo('Advances in Clinical Medicine\nVol. 13  No. 06 ( 2023 ), Article ID: 67012 , 8 pages\n10.1234/example.acm.2023.136\n\n干细胞移植修复薄型子宫内膜的研究现状\n\n薄型子宫内膜可使胚胎着床率下降。\n', 'segment');
    expect(doc.title).toBe('干细胞移植修复薄型子宫内膜的研究现状');
    expect(doc.issueLines.map((l) => l.journal?.text ?? null)).toEqual(['Advances in Clinical Medicine', null]);
  });

  it('takes the headline under a journal\'s Chinese and English mastheads and its issue line for the title', async () => {
    const doc = await runUpTo('中国生物工程杂志\n\nCHINA BIOTECHNOLOGY\n中国生物工程杂志  2021, Vol. 41 Issue (7): 88-96\n综述\n干细胞治疗感音神经性听力损失的研究进展\n感音神经性听力损失主要由毛细胞丢失引起。\n', 'segment');
    expect(doc.title).toBe('干细胞治疗感音神经性听力损失的研究进展');
  });

  it('keeps a Latin title over a line that is no issue line, and a Chinese title over an issue line naming another journal', async () => {
    expect((await runUpTo('Stem Cells in Reproductive Medicine\n\n干细胞移植修复薄型子宫内膜的研究现状。\n', 'segment')).title).toBe('Stem Cells in Reproductive Medicine');
    expect((await runUpTo('干细胞与听力损失\n\n某某杂志  2021, Vol. 41 Issue (7): 88-96\n\n感音神经性听力损失主要由毛细胞丢失引起。\n', 'segment')).title).toBe('干细胞与听力损失');
  });

  it('takes the headline under a column\'s label over crumbs that hold it glued to more', async () => {
    const doc = await runUpTo('立场声明\n\n您现在的位置:首页> 指南共识—立场声明\n\n关于干细胞治疗勃起功能障碍的立场声明\n\n勃起功能障碍是成年男性的常见病。\n', 'segment');
    expect(doc.title).toBe('关于干细胞治疗勃起功能障碍的立场声明');
  });

  it('takes no title from a paper\'s own citation (a type mark "[J]") under a counter alone', async () => {
    const doc = await runUpTo('0\n引用本文 [复制中英文]\n某某某, 某某. 心肌干细胞治疗大鼠急性心肌梗死的效果[J]. 某某医科大学学报, 2016, 36(10): 1316-1321.\n心肌干细胞治疗大鼠急性心肌梗死的效果\n急性心肌梗死后心肌细胞大量丢失。\n', 'segment');
    expect(doc.title).toBeNull();
  });

  it('drops a count alone above everything', async () => {
    const doc = await runUpTo('0\n干细胞及其外泌体治疗勃起功能障碍的研究进展\n勃起功能障碍是成年男性的常见病。\n', 'segment');
    expect(doc.title).toBe('干细胞及其外泌体治疗勃起功能障碍的研究进展');
  });
});

describe('segment on the nineteenth Chinese pass: a site\'s welcome slogan, a WeChat "原创" mark, an image\'s placeholder, share and detail links, reader-response and comment labels, a proofreader\'s credit, a comment list\'s lines, a forum\'s "回應...", a data page\'s download links, a column\'s "NEWS" label, a daily\'s app and fan-page offers, names with a corresponding author\'s mark or commas over their department, an outlet\'s statement, a bracketed disclaimer and an SSE assurance broken in two; page dates of a portal\'s source line, a magazine archive\'s line to its post code, a repost\'s bracketed daily and a thesis index\'s 出版日期; the value under a label alone (genre-zh19)', () => {
  it.each([
    '欢迎访问某某健康资讯网!',
    '歡迎光臨某某診所',
    '原创      某某眼科书院',
    '原創 某某 某某公眾號',
    '图片',
    '圖片',
    'QQ',
    '详情',
    '詳情',
    '- 详情请浏览:干细胞治疗肾病的六大机制',
    '回應...',
    '• 相关文献',
    'TOP',
    '行業數據 下載Excel 下載圖片 原圖定位',
    '公司動態NEWS',
    '看更多!請加入某某時報粉絲團',
    '不用抽 不用搶 現在用APP看新聞  點我下載APP  按我看活動辦法',
    '某某(通讯作者) 某某某 某某某',
    '某某某 某某某(通訊作者)',
    '某某某,某某,某某某 (某某农业大学 动物医学院,某某 某某 310058)',
    '讀者迴響',
    '最新评论',
    '校对:某某某',
    '某某某 10-16 12:06',
  ])('is chrome (a slogan, a WeChat mark, a placeholder, links, a label, offers, names): %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).toMatchObject({ role: 'boilerplate', kind: 'other' });
  });

  it.each([
    '欢迎访问我们的干细胞门诊,医生会详细解答。',
    '原创药物的研发周期长,风险高。',
    '图片显示干细胞在损伤处聚集',
    '详情请见下文',
    'TOP10医院排行',
    '某某(通讯作者)指出,干细胞可修复受损的胰腺组织。',
    '某某某,某某某等人发现干细胞可促进肾小管修复。',
    '最新评论显示多数读者支持该项研究',
    '某某某 10-16 12:06 发布了新的研究结果',
  ])('is no chrome (a sentence opening with the same words, a name in a sentence): %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).not.toMatchObject({ role: 'boilerplate', kind: 'other' });
  });

  it.each([
    '智通声明:本内容为作者独立观点,不代表本平台立场。',
    '特别声明:以上内容为用户上传并发布,本平台仅提供信息存储服务。',
    '【免责声明】本文仅代表作者本人观点,与本网无关。',
    '本公司董事会及全体董事保证本公告内容不存在任何虚假记载、误导性陈述',
    '或者重大遗漏,并对其内容的真实性、准确性和完整性依法承担法律责任。',
  ])('is a disclaimer (an outlet\'s statement, an SSE-listed company\'s assurance whole or its second half): %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).toMatchObject({ role: 'boilerplate', kind: 'disclaimer' });
  });

  it.each(['本公司董事会认为该项目具有良好的发展前景。', '重大遗漏的风险需要警惕。'])('is no disclaimer (a sentence of the body): %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).not.toMatchObject({ role: 'boilerplate', kind: 'disclaimer' });
  });

  it.each([
    ['2016-08-09   文章来源:某某医院 某某某    点击量:1795 我要说', '2016-08-09'],
    ['2021-10-30某某某某某某某某某某某某农业大学动物医学院某某省干细胞工程技术研究中心某某某某712100', '2021-10-30'],
    ['【2003/12/29 某某報】', '2003-12-29'],
    ['出版日期 2020年09月26日(某某网平台首次上网日期,不代表论文的发表时间)', '2020-09-26'],
  ])('reads the page date of a portal\'s line with its source after spaces, a magazine archive\'s line to its post code, a bracketed daily, a thesis index\'s line: %s', (text, date) => {
    expect(pageDateOf(text, structure())).toBe(date);
  });

  it.each(['2021-10-30某某研究团队在大鼠模型中发现干细胞可促进肾小管修复并减少纤维化的发生', '【2003/12/29 某某報】回應', '出版日期尚未确定'])('reads no page date from a sentence glued to a date, a bracket with more after it or a label with no date: %s', (text) => {
    expect(pageDateOf(text, structure())).toBeNull();
  });

  it('keeps the value under a label alone ("关键词:" over the keywords glued) out of the sections', async () => {
    const doc = await runUpTo('间充质干细胞治疗干眼的研究进展\n作者:\n关键词:\n间充质干细胞干眼泪腺\n干眼是眼科门诊最常见的疾病之一。\n', 'segment');
    expect(doc.title).toBe('间充质干细胞治疗干眼的研究进展');
    expect(doc.sections.map((s) => s.heading)).toEqual([null]);
    expect(doc.boilerplate.map((b) => b.text)).toContain('间充质干细胞干眼泪腺');
  });

  it('keeps a heading under a label with its value on its own line', async () => {
    const doc = await runUpTo('间充质干细胞治疗干眼的研究进展\n关键词:干细胞;干眼\n干眼的治疗现状\n干眼是眼科门诊最常见的疾病之一。\n', 'segment');
    expect(doc.sections.map((s) => s.heading)).toContain('干眼的治疗现状');
  });
});

describe('segment on the twentieth Chinese pass: a news channel\'s navigation, weather, logo and age gate, an agency\'s privacy banner, edition offers, app line and audio consent, a science site\'s labels and advertisement marker, related-articles and cite-this labels, a project credit and a cite-this line with its last visit, a view counter, "字級", a site\'s name twice, names joined by "+", a share link; page dates after a bar, before a column between bars and with a science site\'s reading time; a caption\'s credit with its date; the page\'s citation of its paper under "引用本文:" (genre-zh20)', () => {
  it.each([
    '健康首頁 新聞現時批 醫療急先鋒 名醫專家 抗老養生 某某健康粉絲團某某健康粉絲團',
    '某某電子報 APP 某某電子報粉絲團 某某電子報 Line 熱門新訊',
    '晴時多雲',
    '多雲時晴',
    '頻道logo',
    '限制級',
    '您即將進入之新聞內容 需滿18歲 方可瀏覽。',
    '未滿18歲',
    '或不同意本條款離開離開',
    '我同意',
    '我已年滿18歲進入進入',
    '本網站使用相關技術提供更好的閱讀體驗,同時尊重使用者隱私,點這裡瞭解本社隱私聲明當您關閉此視窗,代表您同意上述規範。',
    'Your browser does not appear to support Traditional Chinese. Would you like to go to our English website?',
    'こちらのページは繁体字版です。日本語版に移動しますか。',
    '某某社新聞APP Icon某某社新聞APP',
    '下載',
    '請同意我們的隱私權規範,才能啟用聽新聞的功能。',
    '文字',
    '-----廣告,請繼續往下閱讀-----',
    '您可能还会对下面的文章',
    '您可能还会对下面的文章感兴趣',
    '你可能還會想看',
    '相關連結',
    '引註此篇文章',
    '本文為「某某部科技專案成果」',
    '※ 臍帶血移植 再等等, 某某研究所, https://example.org/article?no=64 (最後瀏覽日:2026/01/17)',
    '追加内容',
    '本文作者可以追加内容哦 !',
    '1419觀看次',
    '字級',
    '某某健康网 某某健康网',
    '趙某某+彭某+蔡某',
    '我要分享',
    'Get Adobe Flash player',
    '歡迎按以下按鈕,透過PAYPAL用信用咭網上捐款。',
    '1. 1. 某某医科大学附属第一医院,呼吸与危重症医学科,某某省肺血管病重点实验室,广州 510120',
    'Supported by:',
  ])('is chrome (navigation, weather, an age gate, banners, offers, labels, a credit, a counter, a site\'s name, names, a share link, an affiliation): %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).toMatchObject({ role: 'boilerplate', kind: 'other' });
  });

  it.each([
    '我同意醫師的看法,幹細胞治療仍需更多臨床證據。',
    '未滿18歲的患者不適用這項人體試驗',
    '下載量突破十萬次的健康應用程式也介紹了幹細胞',
    '文字描述無法取代影像檢查',
    '本文為某某醫院提供的衛教資料,內容僅供參考。',
    '2087名患者接受了觀察',
    '某某网 某某医院联合开展干细胞临床研究',
    '趙某某+彭某的研究團隊發現幹細胞可修復神經',
    '晴天時多到戶外活動有助於維生素D合成',
    '您可能还会关注干细胞在其他疾病中的应用',
  ])('is no chrome (a sentence opening with the same words): %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).not.toMatchObject({ role: 'boilerplate', kind: 'other' });
  });

  it.each([
    [' |2014.08.27', '2014-08-27'],
    ['2020-05-26 11:35 | 口腔医学 |', '2020-05-26'],
    ['・2020/10/01 ・1563字 ・閱讀時間約 3 分鐘 ・SR值 571 ・九年級', '2020-10-01'],
  ])('reads the page date of a date after a bar, a date and time before a column between bars, a science site\'s date with its reading time: %s', (text, date) => {
    expect(pageDateOf(text.trim(), structure())).toBe(date);
  });

  it.each(['2020-05-26 11:35 | 口腔医学 | 某某医院发布干细胞研究成果', '・2020/10/01 ・某某醫院發表研究'])('reads no page date from a date line with a sentence after its column, a dot before no length: %s', (text) => {
    expect(pageDateOf(text, structure())).toBeNull();
  });

  it('reads a photo\'s caption whose credit ends in its date', () => {
    expect(classifyBlock(block('▲某某醫院院長(右)與某某公司董事長(左)簽署合作意向 。(圖/記者某某某攝,2017.04.15)'), structure(), true)).toMatchObject({ role: 'boilerplate', kind: 'caption' });
  });

  it.each([
    ['某某某, 某某. 间充质干细胞治疗肺动脉高压的研究进展[J]. 中国病理生理杂志, 2021, 37(10): 1890-1896.', '中国病理生理杂志'],
    ['引用本文: 某某, 某某. 间充质干细胞在重症哮喘治疗中的机制和前景 [J] . 中华结核和呼吸杂志, 2021, 44(6) : 591-596. DOI: 10.1234/example.2021.06.001.', '中华结核和呼吸杂志'],
  ])('reads the journal a citation of a journal article names: %s', (text, journal) => {
    const cited = citedJournalOf(text, structure());
    expect(cited?.text).toBe(journal);
    expect(text.slice(cited!.at, cited!.at + cited!.text.length)).toBe(journal);
  });

  it.each(['某某某. 干细胞治疗学[M]. 北京: 人民卫生出版社, 2020.', '研究发表于[J]期刊。', '某某. 题名[J]. 2021年第3期刊登'])('reads no journal from a book, a mark in a sentence or a source that is no issue line: %s', (text) => {
    expect(citedJournalOf(text, structure())).toBeNull();
  });

  it('keeps the page\'s citation of its paper under "引用本文:" alone out of the body and reads its journal', async () => {
    const doc = await runUpTo('间充质干细胞治疗肺动脉高压的研究进展\n引用本文:\n某某某, 某某. 间充质干细胞治疗肺动脉高压的研究进展[J]. 中国病理生理杂志, 2021, 37(10): 1890-1896.\n肺动脉高压是以肺血管阻力进行性升高为特征的疾病。\n', 'segment');
    expect(doc.boilerplate.map((b) => b.text)).toContain('某某某, 某某. 间充质干细胞治疗肺动脉高压的研究进展[J]. 中国病理生理杂志, 2021, 37(10): 1890-1896.');
    expect(doc.issueLines.map((l) => l.journal?.text)).toEqual(['中国病理生理杂志']);
  });

  it('keeps a reference list\'s citation in the body where no label or citation is dropped right above it', async () => {
    const doc = await runUpTo('间充质干细胞治疗肺动脉高压的研究进展\n肺动脉高压是以肺血管阻力进行性升高为特征的疾病。\n某某某, 某某. 间充质干细胞治疗肺动脉高压的研究进展[J]. 中国病理生理杂志, 2021, 37(10): 1890-1896.\n', 'segment');
    expect(doc.boilerplate.map((b) => b.text)).not.toContain('某某某, 某某. 间充质干细胞治疗肺动脉高压的研究进展[J]. 中国病理生理杂志, 2021, 37(10): 1890-1896.');
  });
});

describe('segment on the twenty-first Chinese pass: an advertisement\'s marker in words, unrendered template placeholders, a store\'s moved notice, a picture\'s credit alone, empty date labels, reactions, a search box\'s hint, "手机版", a news agency\'s name alone, a photographer\'s credit, affiliations numbered and joined by semicolons, an English affiliation numbered twice; a byline with its outlet before a bar; captions credited to their source or, however long, to a photographer; a citation\'s journal before its link; an English journal name over 60 characters (genre-zh21)', () => {
  it.each([
    '我是廣告 請繼續往下閱讀',
    "{{ 'fb_in_app_browser_popup.desc' | translate }} {{ 'fb_in_app_browser_popup.copy_link' | translate }}",
    '{{ getSelectedItemDetail(selectedChildProduct, item).childProductName }} x {{ selectedChildProduct.quantity || 1 }}',
    '原【某某購物商店】已轉移至www.example.com.tw,請至新網址進行商品選購',
    '(圖:某某某攝)',
    '(图/某某大学)',
    '出版:更新:',
    'reaction icon 0',
    '多个检索词,请用空格间隔。',
    '手机版',
    '手機版',
    '軍聞社',
    '中央通訊社',
    '摄影/某某某',
    '攝影/某某某',
    '1 某某大学附属第六医院生殖医学中心,广州 510000;2 某某大学附属第六医院小儿外科,广州 510000;3 某某医院血液科,东莞 523125',
    '1. 1. Department of Hematology, Example Pilot Free Trade Zone Hospital, Shenzhen 518067, China',
  ])('is chrome (an advertisement\'s marker, placeholders, a notice, a credit, labels, reactions, a hint, an agency, affiliations): %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).toMatchObject({ role: 'boilerplate', kind: 'other' });
  });

  it.each([
    '我是廣告業務員,也是幹細胞治療的受惠者',
    '模板中的 {{ 变量 }} 会被替换成患者的姓名。',
    '(圖:某某某攝)顯示移植後第三個月的核磁共振影像,病灶明顯縮小。',
    '出版社:某某医学出版社',
    '多个研究团队请用空格间隔的关键词检索数据库',
    '手机版问诊平台也提供干细胞咨询',
    '某某社區醫院開設幹細胞門診',
    '摄影/某某某的作品记录了患者康复的过程,令人动容。',
    '某某医院院长表示,2 种干细胞疗法已获批,广州 510000 例患者受益',
  ])('is no chrome (a sentence opening with the same words, numbers and postcodes in a sentence): %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).not.toMatchObject({ role: 'boilerplate', kind: 'other' });
  });

  it('reads a wire\'s dateline opening a paragraph as its byline ("(某某社記者某某某臺北14日電)"), not a date in a sentence', () => {
    expect(openingByline('(某某社記者某某某臺北14日電)某某醫院今日舉辦細胞治療中心揭牌典禮。', structure())?.length).toBe('(某某社記者某某某臺北14日電)'.length);
    expect(openingByline('(記者會於14日電話連線舉行)某某醫院說明細胞治療的進展。', structure())).toBeUndefined();
  });

  it('reads a reporter\'s byline with its outlet before a bar as a byline', () => {
    expect(classifyBlock(block('某某報/ 記者某某某/即時報導'), structure(), true)).toMatchObject({ role: 'boilerplate', kind: 'other', byline: true });
  });

  it.each([
    '某某醫學專家發現紅斑性狼瘡新療法。(取自某某報)',
    '某某時報生活講堂舉行「某某健康名醫講座──再生醫學大突破」,由某某健康長壽診所院長某某某(右四)、某某長生美學再生醫學會理事長某某某(左三),向大家分享再生醫學相關知識與運用。(某某某攝)',
  ])('reads a photo\'s caption credited to its source, or of any length to its photographer: %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).toMatchObject({ role: 'boilerplate', kind: 'caption' });
  });

  it.each([
    '研究團隊的成果取自臨床資料。(取自)',
    '這項研究仍需更多臨床證據,專家呼籲民眾不要輕信廣告中誇大的療效,應選擇合法的醫療機構。(某某某報導)',
  ])('reads no caption from a sentence with an empty source, or a long paragraph credited to a report: %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).not.toMatchObject({ role: 'boilerplate', kind: 'caption' });
  });

  it.each([
    ['文章引用:某某某, 某某. 自身免疫性疾病与早发性卵巢功能不全的关系[J]. 临床医学进展, 2024, 14(8): 641-646. https://doi.org/10.12677/acm.2024.1482262', '临床医学进展'],
    ['某某, 某某. 某某研究[J]. 临床医学进展, 2024, 14(8): 641-646. DOI: 10.12677/acm.2024.1482262', '临床医学进展'],
    ['Mou X, Li Y. Dental pulp stem cells in regeneration[J]. Chinese Journal of Stomatological Research (Electronic Edition), 2021, 15(2): 100-105.', 'Chinese Journal of Stomatological Research (Electronic Edition)'],
  ])('reads the journal a citation names before its link or DOI, and an English name over 60 characters: %s', (text, journal) => {
    const cited = citedJournalOf(text, structure());
    expect(cited?.text).toBe(journal);
    expect(text.slice(cited!.at, cited!.at + cited!.text.length)).toBe(journal);
  });

  it('reads the page\'s citation under "引用本文:" alone and its English copy naming a journal of 63 characters', async () => {
    const doc = await runUpTo('牙髓干细胞在牙髓再生中的应用\n引用本文:\n某某, 某某. 牙髓干细胞在牙髓再生中的应用[J]. 中华口腔医学研究杂志(电子版), 2021, 15(2): 100-105.\nMou X, Li Y. Dental pulp stem cells in regeneration[J]. Chinese Journal of Stomatological Research (Electronic Edition), 2021, 15(2): 100-105.\n牙髓干细胞是牙髓中具有自我更新能力的细胞。\n', 'segment');
    expect(doc.issueLines.map((l) => l.journal?.text)).toEqual(['中华口腔医学研究杂志(电子版)', 'Chinese Journal of Stomatological Research (Electronic Edition)']);
  });
});

describe('segment on the twenty-second Chinese pass: view counters with spaces, member links, a blog\'s reading time and update date, a portal\'s "最Hit", a source in parentheses, a crumb ending in the headline; a figure label in Han numerals and captions credited to a picture\'s source; every GB/T 7714 type mark of the reference data refuses a title (genre-zh22)', () => {
  it.each([
    '瀏覽數 : 11408',
    '收藏 瀏覽數 : 11408',
    '浏览数:326',
    '會員專區 登出',
    '会员中心 登录 注册',
    '讀畢需時 8 分鐘',
    '已更新:11月12日',
    '已更新:2025年3月9日',
    '最Hit',
    '(資料來源:某某部網站)',
    '（图片来源：某某大学）',
    '首頁 疾病保健 骨科復健 膝蓋軟骨磨損怎麼找幹細胞治療?和玻尿酸注射有何差異?',
    '出處/ 某某健康雜誌2022年9、10月號',
    '採訪整理/',
    '采访整理/某某某',
    '↓立即下載某某頭條App↓',
  ])('is chrome (a counter, member links, a reading time, an update date, a list\'s label, a source, a crumb, a magazine\'s credit, a pitch for a paper\'s app): %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).toMatchObject({ role: 'boilerplate', kind: 'other' });
  });

  it.each([
    '瀏覽數據顯示,幹細胞治療的搜尋量逐年上升。',
    '會員專區提供幹細胞治療的最新資訊。',
    '讀畢需時較長的報告,醫師建議先看摘要。',
    '已更新的指引於11月12日公布,要求醫療機構完成登記。',
    '最Hit的療法未必最適合每位患者。',
    '(資料來源顯示,自體細胞治療的費用逐年下降。)',
    '首頁 新聞',
    '出處不明的幹細胞療程,專家提醒民眾小心求證。',
    '下載某某頭條App的讀者可收到推播,醫院也同步發布消息。',
  ])('is no chrome (a sentence opening with the same words; a crumb of two words): %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).not.toMatchObject({ role: 'boilerplate', kind: 'other' });
  });

  it.each([
    '圖一',
    '图三',
    '某某署早前發現有店舖涉嫌非法為顧客進行自體細胞移植生髮,今日到全港多間店舖調查是否涉及無牌營辦日間醫療中心,以保障市民健康。(某某處圖片)',
    '市民如需接受自體細胞移植或條例訂明的附表醫療程序,務必先了解提供服務的處所是否已按條例申領日間醫療中心牌照。(圖片來源︰Shutterstock)',
    '研究團隊在記者會上展示細胞製劑。（图片来源：某某医院）',
  ])('reads a figure\'s label in Han numerals, and a caption of any length credited to a picture\'s source, as a caption: %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).toMatchObject({ role: 'boilerplate', kind: 'caption' });
  });

  it.each([
    '圖一顯示移植後第三個月的影像變化。',
    '研究團隊記錄了傷口癒合的變化。(見圖片)',
    '患者可上傳傷口照片供醫師判讀,圖片來源須註明。',
  ])('reads no caption from a sentence opening with a figure\'s number, a pointer to a picture or a sentence naming a source: %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).not.toMatchObject({ role: 'boilerplate', kind: 'caption' });
  });

  it.each(['[J]', '[M]', '[G]', '[DB]', '[DS]', '[CP]', '[A]', '[CM]', '[EB]', '[EB/OL]', '[J/OL]', '[DB/OL]', '[M/CD]', '[Z/MT]'])('reads the reference data\'s type mark %s, with its carrier or none', (mark) => {
    expect(typedReferenceMark.test(`某某. 某某研究${mark}. 北京: 某某出版社, 2019.`)).toBe(true);
  });

  it.each(['[X]', '[J/XX]', '[1]', '[J ]', '[OL]'])('reads no type mark from %s (a code the data does not state, a reference number, a carrier alone)', (mark) => {
    expect(typedReferenceMark.test(`某某. 某某研究${mark}. 北京: 某某出版社, 2019.`)).toBe(false);
  });

  it.each(['[G]', '[DB/OL]', '[M/CD]', '[EB]'])('takes no title from a first line citing the page with the type mark %s (a compilation, a database, a book on disc, a web page), as from "[J]"', async (mark) => {
    const doc = await runUpTo(`某某学组. 干细胞临床研究文件汇编${mark}. 北京: 某某出版社, 2019: 12-18.\n干细胞临床研究管理的回顾与展望\n2015年,国家卫生计生委与食品药品监管总局联合发布干细胞临床研究管理办法,要求开展研究的医疗机构完成备案。\n`, 'segment');
    expect(doc.title).toBeNull();
  });

  const blocksOf = (...lines: string[]) => lines.map((line) => block(line));

  it('reads names alone on their lines, each over its affiliation\'s numbers, as the authors (two or more)', () => {
    expect(namesOverNumbers(blocksOf('某春红', '1', '某曦', '2,3', '某新泽', '3', '【摘要】慢性创面缺乏有效的治疗手段。'), 0)).toBe(3);
    expect(namesOverNumbers(blocksOf('干细胞治疗皮肤创伤的研究', '某春红', '1*', '某曦', '2, 3'), 1)).toBe(2);
  });

  it.each([
    [['结果', '1', '研究纳入30例患者。']],
    [['某春红', '1', '【摘要】慢性创面缺乏有效的治疗手段。']],
    [['结果', '1', '讨论', '第2段']],
    [['干细胞治疗的研究进展', '1', '某曦', '2']],
  ])('reads no authors from a short line over a number once, or a line of more than four characters: %j', (lines) => {
    expect(namesOverNumbers(blocksOf(...lines), 0)).toBe(0);
  });

  it.each([
    ['影视资讯 港台电影 2025-09-25 16:30 1', '2025-09-25'],
    ['健康 2025-09-25', '2025-09-25'],
  ])('reads a content farm\'s channel words, date, time and count as the page date: %s', (text, date) => {
    expect(pageDateOf(text, structure())).toBe(date);
  });
});

describe('segment on the twenty-third Chinese pass: a portal\'s list labels, "您的当前位置" crumb and loading label; a journal portal\'s export line, spaced scan label, tab labels, label-and-number counters, barred words and rights lines; a column label over "Open Access"; a wire\'s credit split by a slash; a "?" left by a lost emoji before an outline numeral or after a subheading\'s number; a journal\'s dotted issue line and its online date the page date, never a received date (genre-zh23)', () => {
  it.each([
    '最新文章',
    '推荐文章',
    '熱門文章',
    '您的当前位置:肝病 > 肝衰竭 > 干细胞治疗肝衰竭的临床研究进展',
    '正在加载',
    '正在載入',
    '扫  描  看  全  文',
    '掃描看全文',
    '正文',
    '作者信息',
    '评论',
    '相关资源',
    '基金 0  关键词  3',
    '阅读 0  评论  0',
    '引用 | 论文 | 视频',
    '参考文献导出:   Endnote    NoteExpress    RefWorks',
    '临床经验 Open Access',
    'Open Access',
    '某某, 某某某, 某某, 某某医院感染科 某省某市 000000',
  ])('is chrome (a list\'s label, a crumb, a loading label, a journal portal\'s widget, a column\'s label): %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).toMatchObject({ role: 'boilerplate', kind: 'other' });
  });

  it.each([
    '版权归中华医学会所有。',
    '未经授权,不得转载、摘编本刊文章,不得使用本刊的版式设计。',
    '除非特别声明,本刊刊出的所有文章不代表中华医学会和本刊编委会的观点。',
  ])('is a journal\'s rights line: %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).toMatchObject({ role: 'boilerplate', kind: 'disclaimer' });
  });

  it.each([
    '最新文章显示,干细胞治疗的研究数量逐年上升。',
    '正文部分介绍了间充质干细胞的来源。',
    '评论认为,该研究的样本量偏小。',
    '阅读 0',
    '引用 | 论文',
    'Open Access publishing lowers the cost of reading trials.',
    '版权归属问题尚无定论,专家建议尽快立法。',
    '除非特别声明,否则受试者须签署知情同意书。',
    '正在加载的数据显示,受试者的随访仍在进行。',
    '某某, 某某某, 某某医院感染科的研究人员指出,疗效仍需验证 000000',
  ])('is no chrome (a sentence opening with the same words; one pair or two barred words): %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).not.toMatchObject({ role: 'boilerplate' });
  });

  it('reads a wire\'s credit split by a slash in lenticular brackets as a byline, and a bracket heading as a heading', () => {
    expect(classifyBlock(block('【某某報╱中央社】'), structure(), true)).toMatchObject({ role: 'boilerplate' });
    expect(classifyBlock(block('【Upaper/中央社】'), structure(), true)).toMatchObject({ role: 'boilerplate' });
    expect(classifyBlock(block('【治療原理】'), structure(), true)).not.toMatchObject({ role: 'boilerplate' });
  });

  it.each([
    ['?一、帕金森病的核心困境:多巴胺神經元的凋零', 1],
    ['2.1?替代死亡的神經元', 2],
  ])('reads an outline heading with a "?" a lost emoji left: %s', (text, level) => {
    expect(classifyBlock(block(text), structure(), true)).toMatchObject({ role: 'outline', level });
  });

  it.each(['?為什麼幹細胞能修復神經', '血糖平均下降了2.1?', '??一、兩個問號之後'])('reads no outline heading from a "?" elsewhere: %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).not.toMatchObject({ role: 'outline' });
  });

  it.each([
    ['在线出版日期: 2019-03-28', '2019-03-28'],
    ['在线出版日期: 2019-03-28. doi: 10.11569/wcjd.v27.i6.351', '2019-03-28'],
    ['收稿日期: 2018-12-20', null],
    ['修回日期: 2019-01-15', null],
    ['接受日期: 2019-01-22', null],
    ['影视资讯 港台电影 2025-09-25 16:30 1', '2025-09-25'],
  ])('reads a journal\'s online date as the page date, and never a received, revised or accepted date (a label is no channel word): %s', (text, date) => {
    expect(pageDateOf(text, structure())).toBe(date);
  });

  it('reads a journal\'s dotted issue line ("世界华人消化杂志. 2019-03-28; 27(6): 351-356") for its journal', () => {
    expect(classifyBlock(block('世界华人消化杂志. 2019-03-28; 27(6): 351-356'), structure(), true)).toEqual({ role: 'boilerplate', kind: 'other', issue: { journal: '世界华人消化杂志' } });
  });

  it('takes the headline under a column\'s label with "Open Access", its copyright and issue line for the title', async () => {
    const doc = await runUpTo(readFileSync(repo('tests/fixtures/genre-zh23-journal-dates/input.txt'), 'utf8'), 'segment');
    expect(doc.title).toBe('人脐带间充质干细胞治疗慢加急性肝衰竭的临床观察');
    expect(doc.pageDate).toBe('2019-03-28');
  });
});

describe('segment on the twenty-fourth Chinese pass: a journal portal\'s read label, tab row, "English Abstract", keywords line and rights line; a daily\'s menu entries and channel line; a repost\'s AI label, app and follow pitches, bracketed source and link label; a trending list\'s age; a copyright with "@"; a date with font-size controls; a journal site\'s citation with no type mark (genre-zh24)', () => {
  it.each([
    '阅读',
    '閱讀',
    '基金  关键词  主题词',
    'English Abstract',
    '关键词再生障碍性贫血    造血干细胞移植    间充质干细胞',
    'App',
    '數位廣告刊登',
    'AI导读:',
    '来百度APP畅享高清图片',
    '(文章来源:上海证券报·中国证券网)',
    '欢迎关注某某健康产业信息平台公众号abc123',
    '12小時前',
    '5分钟前',
    '地方 地方焦點',
    '大陸 大陸焦點 特派現場',
    '报道原稿',
    'Copyright@2008-2018 某某新闻调查中心 All Rights Reserved',
  ])('is chrome (a portal\'s widget, a menu entry, a channel line, a pitch, a source, an age, a link label): %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).toMatchObject({ role: 'boilerplate', kind: 'other' });
  });

  it('reads a journal portal\'s rights line with its close button as a disclaimer', () => {
    expect(classifyBlock(block('以下内容和版式版权归属中华医学会,未经授权不得转载 ×'), structure(), true)).toMatchObject({ role: 'boilerplate', kind: 'disclaimer' });
  });

  it.each([
    '阅读本文后,读者可了解干细胞的主要来源。',
    '关键词检索显示,近五年干细胞研究的数量持续上升。',
    'App Store上架了一款记录康复训练的应用。',
    '欢迎关注本研究的后续报道。',
    '文章来源不明的说法不可轻信。',
    '12小时前发布的研究显示,干细胞可改善肺功能。',
    '研究焦點',
    '本周 研究焦点',
    '以下内容为专家共识的推荐意见。',
  ])('is no chrome (a sentence opening with the same words; a focus heading of one word or simplified): %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).not.toMatchObject({ role: 'boilerplate' });
  });

  it('reads a date with the font-size controls after it as the page date', () => {
    expect(pageDateOf('2020-03-17  A+ A-', structure())).toBe('2020-03-17');
  });

  it.each([
    ['引用本文: 某甲, 某乙, 某丙. 外傷性脊髓損傷不同時期行幹細胞移植治療的研究進展. 中國修復重建外科雜志, 2023, 37(6): 721-726. doi: 10.7507/1002-1892.202302028 復制', '中國修復重建外科雜志'],
    ['引用本文: 某甲, 某乙. 施万细胞治疗大鼠创伤性脊髓损伤的Meta分析. 中国循证医学杂志, 2015, 15(6): 705-712. doi: 10.7507/1672-2531.20150117 复制', '中国循证医学杂志'],
    ['引用本文: 某甲, 某乙, 某丙. 題名. 華西醫學, 2016, 31(11): 1949-1952. doi: 10.7507/1002-0179.20160001 複製', '華西醫學'],
    ['引用本文: Li A, Wang B. Stem cells. A review. 中华医学杂志, 2020, 100(1): 1-5.', '中华医学杂志'],
  ])('reads the journal a chrome line\'s citation with no type mark names: %s', (text, journal) => {
    const cited = citedJournalOf(text, structure(), true);
    expect(cited?.text).toBe(journal);
    expect(text.slice(cited!.at, cited!.at + cited!.text.length)).toBe(journal);
  });

  it.each([
    '引用本文: 某甲. 干细胞治疗学. 北京: 人民卫生出版社, 2020.',
    '引用本文: 某甲, 某乙. 题名. 2021年第3期刊登 复制',
  ])('reads no journal from a chrome line\'s untyped citation whose source is no issue line: %s', (text) => {
    expect(citedJournalOf(text, structure(), true)).toBeNull();
  });

  it('reads a citation with no type mark only where the caller knows the line is chrome', () => {
    expect(citedJournalOf('引用本文: 某甲, 某乙. 题名. 中国循证医学杂志, 2015, 15(6): 705-712. 复制', structure())).toBeNull();
  });

  it('takes the headline under a daily\'s menu and channel line for the title', async () => {
    const doc = await runUpTo(readFileSync(repo('tests/fixtures/genre-zh24-channel-menu-hant/input.txt'), 'utf8'), 'segment');
    expect(doc.title).toBe('膝蓋軟骨受損免開刀？醫院引進自體幹細胞注射療法');
  });
});

describe('segment on the twenty-fifth Chinese pass: a daily\'s channel label under the headline and its trending list\'s entries; a file photo\'s caption; script residue and a font-size label; a journal site\'s marked names and pinyin authors (genre-zh25)', () => {
  it.each([')', ')))', "'); })();", '字体:', '字體：'])('is chrome (script residue, a font-size label): %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).toMatchObject({ role: 'boilerplate', kind: 'other' });
  });

  it.each(['衞生署人員在診所內檢獲一批細胞製劑及注射用具。資料圖片', '警方在现场检获一批注射用具。资料图片'])('is a caption (a file photo\'s): %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).toMatchObject({ role: 'boilerplate', kind: 'caption' });
  });

  it.each([
    '(1)皮肤修复与再生',
    '字体设计会影响患者阅读说明书的体验。',
    '资料图片显示,患者术后恢复良好。',
    '研究团队调阅了资料图片',
  ])('is no chrome (a numbered heading, sentences with the same words): %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).not.toMatchObject({ role: 'boilerplate' });
  });

  it.each([
    ['ZHUANG Jing-ming , HOU Jian-gang', true],
    ['CHEN Li-jun1**(),QU Jing-jing2,XIANG Charlie1**()', true],
    ['FDA Approves, NEW Drug', false],
    ['FDA Clears, EMA Rejects', false],
    ['US FDA, EU EMA', false],
    ['CAR-T, TIL and TCR-T', false],
    ['ZHUANG Jing-ming', false],
  ] as const)('reads a line of authors in pinyin, surnames in capitals: %s → %s', (text, expected) => {
    expect(pinyinAuthors(text)).toBe(expected);
  });

  it.each([
    ['某某某1**(),某某乙2,某某丙1**()', '1 某某大學附屬眼科醫院 某某 100000', true],
    ['陈某某1,李某2', '2 某某大学医学院 某某 100001', true],
    ['陈某某1,李某2', '研究团队在医院开展了试验。', false],
    ['北京,上海', '2 某某大学医学院 某某 100001', false],
  ] as const)('reads names a comma apart, each with its number, over their affiliation: %s', (names, next, expected) => {
    expect(namesOverAffiliation(names, block(next), structure(), new Map())).toBe(expected);
  });

  it('keeps a daily\'s channel label under the headline and its trending entries out of the sections', async () => {
    const doc = await runUpTo(readFileSync(repo('tests/fixtures/genre-zh25-hk-channel-trending-hant/input.txt'), 'utf8'), 'segment');
    expect(doc.title).toBe('某區診所涉無牌提供幹細胞注射 衞生署聯同警方採取行動');
    expect(doc.pageDate).toBe('2026-03-04');
    expect(doc.sections.map((s) => s.heading)).toEqual([null]);
    expect(doc.boilerplate.map((b) => b.text)).toEqual(expect.arrayContaining(['社會', '娛樂', '3小時前', '某某歌手宣布年底舉行演唱會 門票下月公開發售']));
  });

  it('keeps a short heading under the headline when no date line is under it, and a line printed twice over no label and chrome', async () => {
    const doc = await runUpTo('干细胞治疗膝关节炎的研究进展\n\n摘要\n\n目的 评价间充质干细胞治疗膝关节炎的疗效。\n\n患者注射后随访一年\n患者注射后随访一年\n结果\n疼痛评分下降。', 'segment');
    expect(doc.sections.map((s) => s.heading)).toContain('摘要');
    expect(doc.boilerplate.map((b) => b.text)).not.toContain('患者注射后随访一年');
  });
});

describe('segment on the twenty-sixth Chinese pass: a date line with its time, long captions with a photographer\'s or file credit, a reporters\' byline, a column label before the headline and a portal\'s and a form\'s residue (genre-zh26)', () => {
  it.each([
    ['2026年1月7日 週三 下午12:23', '2026-01-07'],
    ['2026年2月10日 週二 上午9:02', '2026-02-10'],
    ['2026年01月05日 14:21', '2026-01-05'],
    ['2025年12月2日 15:40:08', '2025-12-02'],
    ['2026年3月4日 星期三', '2026-03-04'],
  ] as const)('reads a date line with its weekday or its time as the page date: %s', (text, date) => {
    expect(pageDateOf(text, structure())).toBe(date);
  });

  it.each(['2026年1月5日', '2026年1月5日 14时发布新规', '2026年1月5日 下午'])('reads no page date from a date alone or a date opening a sentence: %s', (text) => {
    expect(pageDateOf(text, structure())).toBeNull();
  });

  it.each([
    '▲《再生醫療法》上路後，中部首批獲准執行細胞治療的三家醫院名單出爐，其中兩家以黃斑部病變為主要適應症，院方表示將優先收治已無其他治療選項的晚期患者。（圖／記者某某某翻攝，下同）',
    '醫師為心臟病患者進行超音波檢查，與本文個案無關，圖中人物並非當事人，醫院提醒民眾切勿自行前往海外或尋求未經衛福部核准的細胞療法；示意圖。（路透資料照）',
    '疗程前后对比示意图,图片来源网络',
    '帕金森病人震颤动图,来源于网络',
  ])('is a caption (a photo\'s, of any length, ending in its credit): %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).toMatchObject({ role: 'boilerplate', kind: 'caption' });
  });

  it.each(['某某某 某某某 報導  / 台北市', '王某某 報導 / 台中市', '請繼續往下閱讀...', '请继续往下阅读', '![]()', '![图1](https://example.org/a.png)', '(*) 必填内容', '* 必填'])('is chrome (a byline, a portal\'s and a form\'s residue): %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).toMatchObject({ role: 'boilerplate', kind: 'other' });
  });

  it.each([
    '研究團隊表示，相關成果已投稿國際期刊。（本報訊）',
    '患者在医院完成了自体脂肪干细胞注射,来源于网络的说法并不可靠。',
    '請繼續往下閱讀本院的治療須知，並於術前簽署同意書。',
    '記者會上，衛生局長報導最新進度 / 台北市',
    '必填内容包括姓名、电话和就诊意向。',
  ])('is no chrome (sentences with the same words): %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).not.toMatchObject({ role: 'boilerplate' });
  });

  it.each([
    ['健康網》幹細胞治療心衰竭 首例人體試驗啟動', '幹細胞治療心衰竭 首例人體試驗啟動'],
    ['《再生醫療法》上路 南市五家醫院可申請', '《再生醫療法》上路 南市五家醫院可申請'],
  ] as const)('cuts a column label glued by "》" off the title: %s', (text, title) => {
    expect(withoutSiteName(text, foldWidth(text), structure())).toBe(title);
  });
});

describe('segment on the twenty-seventh Chinese pass: a forum\'s, a portal\'s and a clinic\'s buttons, a view count alone, slash and bar bylines, a stock-photo domain, an ad label, an interviewee\'s photo credit and an update date (genre-zh27)', () => {
  it.each([
    ['更新时间:2023-06-01', '2023-06-01'],
    ['更新時間：2024-05-12', '2024-05-12'],
  ] as const)('reads an update date\'s line as the page date: %s', (text, date) => {
    expect(pageDateOf(text, structure())).toBe(date);
  });

  it.each([
    '發新話題',
    '发新话题',
    '您好, 访客   登录/注册',
    '您好，訪客',
    '免费在线咨询',
    '在線諮詢',
    '热门推荐 更多+',
    '閱讀更多 »',
    '738浏览',
    '1421 次瀏覽',
    '作者/臺北某某醫院 骨科部 某某某醫師',
    '來源/骨科線上',
    '責編 | 李某某',
    'pixabay.com',
    '[廣告]請繼續往下閱讀...',
  ])('is chrome (a button, a counter, a byline, an image credit, an ad label): %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).toMatchObject({ role: 'boilerplate', kind: 'other' });
  });

  it('is a caption (a photo\'s, ending in its interviewee\'s credit): 受訪者供圖', () => {
    expect(classifyBlock(block('患者與診所員工的對話截圖，對方表示療程可以抗衰老。受訪者供圖'), structure(), true)).toMatchObject({ role: 'boilerplate', kind: 'caption' });
  });

  it.each([
    '您好,请问干细胞治疗糖尿病足需要多少钱?',
    '在线咨询的医生建议先做血管超声检查。',
    '阅读更多文献后,研究团队调整了给药剂量。',
    '作者/译者的观点不代表本站立场。',
    '受訪者供圖顯示，患者術後三個月頭髮明顯增加。',
    '共有738名患者浏览了问卷并参与随访。',
  ])('is no chrome (sentences with the same words): %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).not.toMatchObject({ role: 'boilerplate' });
  });
});

describe('segment on the twenty-eighth Chinese pass: a rating notice, Blogger\'s comment labels and related list, an image placeholder, a lawyer\'s byline, a site\'s rights and sponsor lines, a caption of any length ending in its picture credit and a date with its update in brackets (genre-zh28)', () => {
  it.each([
    ['2015/4/14(2022/3/15 18:22更新)', '2015-04-14'],
    ['2019-05-20（2023-08-01 10:05更新）', '2019-05-20'],
  ] as const)('reads a date with its update in brackets as the page date (the first, the page\'s own): %s', (text, date) => {
    expect(pageDateOf(text, structure())).toBe(date);
  });

  it.each([
    '根據「電腦網路內容分級處理辦法」修正條文第六條第三款規定，已於網站首頁或各該限制級網頁，依台灣網站分級推廣基金會規定作標示。',
    '相關的主題文章:',
    '相关的主题文章：',
    '沒有留言:',
    '张贴留言',
    '文章图片',
    '文章圖片',
    '某某某 律師',
    '標簽:',
    'copyright © 2004-2017 example.cn All Rights Reserved',
    '本網站所刊登的新聞、信息和各種專題專欄資料,未經協議授權,不得使用或轉載',
    '主辦單位: 某某報社 京ICP備00000000號',
  ])('is chrome (a rating notice, a blog\'s labels, an image placeholder, a byline, a site\'s rights and sponsor lines): %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).toMatchObject({ role: 'boilerplate', kind: 'other' });
  });

  it.each([
    '某大學眼科團隊展示植入視網膜下方的幹細胞薄片，薄片比頭髮還細，盼能取代已退化的色素上皮細胞，並在動物實驗中確認安全。（圖取自某某再生科技公司）',
    '▲研究團隊說明手術流程，植入的薄片以顯微鏡確認位置。（圖／翻攝某某新聞網）',
    '這個微小的支架布滿通道，用以引導幹細胞生長成神經纖維，並在動物實驗中成功跨越斷裂的脊髓，重新建立神經連結。圖為研究團隊開發的支架。（圖：某某大學 / 某某研究小組）',
  ])('is a caption (a photo\'s, of any length, ending in its picture credit): %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).toMatchObject({ role: 'boilerplate', kind: 'caption' });
  });

  it.each([
    '律師提醒，細胞治療須經核准的醫院施行。',
    '沒有留言的病友也可以來電詢問。',
    '文章图片显示，患者术后三个月可以行走。',
    '研究結果發表後，團隊將照片公開（見圖1）。',
    '團隊在論文中附上手術流程圖（圖：手術流程）並說明每一步。',
    '根據衛福部的規定，細胞治療須經核准。',
    '主辦單位表示，本次研討會將邀請國內外專家分享細胞治療經驗。',
    '本网站所刊登的文章均经过专家审核。',
    'copyright holders of the images agreed to their use.',
  ])('is no chrome (sentences with the same words): %s', (text) => {
    expect(classifyBlock(block(text), structure(), true)).not.toMatchObject({ role: 'boilerplate' });
  });
});
