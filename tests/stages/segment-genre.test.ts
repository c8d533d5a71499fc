import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Section } from '../../src/generated/article.js';
import type { DigestDocument } from '../../src/core/document.js';
import { segment } from '../../src/stages/segment.js';
import { repo, runUpTo } from '../helpers.js';
import { firstToken, genreExpectation, genreNames } from '../support/genre.js';

// Issue 13, the structure half: every genre fixture read up to the segment stage, checked against
// what its expect.md says about structure (page kind, title, period, page date, sections, items,
// the segment rules that must and must not appear). The recognition half (journals, entities,
// topic) is checked elsewhere.

const cache = new Map<string, Promise<DigestDocument>>();
/** A genre fixture run through read, parse and segment (once per file). */
function read(name: string): Promise<DigestDocument> {
  const input = genreExpectation(name).input;
  if (!cache.has(name)) cache.set(name, runUpTo(readFileSync(repo(input), 'utf8'), 'segment', input.split('/').pop()!));
  return cache.get(name)!;
}
const segmentRules = new Set(Object.keys(segment.rules));
const rules = (doc: DigestDocument) => doc.diagnostics.map((d) => d.rule);
const at = (doc: DigestDocument, offset: number) => {
  const p = doc.lines.point(offset);
  return `${p.line}:${p.column}`;
};
const items = (doc: DigestDocument) => doc.sections.flatMap((s) => s.items);
const sectionOf = (doc: DigestDocument, date: string) => doc.sections.find((s) => s.items.some((i) => i.date === date));

/** True when a section is the one an expect.md cell names ("intro", "year 2015", "2025-03", "①临床试验一:…"). */
function named(spec: string, section: Section, headingsComparable: boolean): boolean {
  const s = spec.trim();
  if (/^intro\b/.test(s) || (s.includes('(or intro)') && section.kind === 'intro')) return section.kind === 'intro';
  const year = /^year (\d{4})/.exec(s);
  if (year) return section.kind === 'year' && section.year === Number(year[1]);
  if (/^\d{4}-\d{2}$/.test(s)) return section.kind === 'month' && section.month === s;
  if (!headingsComparable) return true;
  const prefix = s.split('…')[0]!.replace(/\s*\(.*$/, '').trim();
  return section.heading?.startsWith(prefix) === true;
}

describe.each(genreNames())('genre fixture %s: what expect.md says about structure', (name) => {
  const expected = genreExpectation(name);

  it('page: kind, title, period, page date', async () => {
    const doc = await read(name);
    expect(doc.kind).toBe(/`([a-z-]+)`/.exec(expected.page.kind ?? '')?.[1]);
    // "none (…)": the page has no title line (it opens with its first paragraph).
    if (expected.page.title) expect(doc.title).toBe(/^none\b/.test(expected.page.title) ? null : expected.page.title.replace(/\s+\(.*\)$/, ''));
    const period = /^(\d{4}-\d{2}) … (\d{4}-\d{2})/.exec(expected.page.period ?? '');
    if (expected.page.period !== undefined) expect(doc.period).toEqual(period ? { start: period[1], end: period[2] } : null);
    const pageDate = expected.page['page date'];
    if (pageDate !== undefined) expect(doc.pageDate).toBe(/^\d{4}-\d{2}-\d{2}/.exec(pageDate)?.[0] ?? null);
  });

  it('items: every dated item, in order, with its precision and section', async () => {
    const doc = await read(name);
    expect(items(doc).map((i) => [i.date, i.datePrecision])).toEqual(expected.items.map((r) => [firstToken(r.date), firstToken(r.precision)]));
    const sectionColumn = expected.items[0]?.section !== undefined ? 'section' : expected.items[0]?.month !== undefined ? 'month' : null;
    if (!sectionColumn) return;
    const placed = doc.sections.flatMap((section) => section.items.map(() => section));
    expected.items.forEach((row, i) => {
      expect(named(row[sectionColumn]!, placed[i]!, !expected.borrowed), `item ${i + 1} (${row.date}) sits in "${row[sectionColumn]}", not in ${placed[i]!.kind} "${placed[i]!.heading}"`).toBe(true);
    });
  });

  it('diagnostics: the structure rules that must appear do, those that must not do not', async () => {
    const doc = await read(name);
    for (const rule of expected.must.filter((r) => segmentRules.has(r))) expect(rules(doc), `must: ${rule}`).toContain(rule);
    for (const rule of expected.mustNot.filter((r) => segmentRules.has(r))) expect(rules(doc), `must not: ${rule}`).not.toContain(rule);
    // Every item position points at its opening date in the source (or, in markup, its paragraph's text).
    for (const item of items(doc)) expect(doc.lines.offset(item.position.start)).toBeLessThan(doc.text.length);
  });
});

describe('1. items outside month headings', () => {
  it('finds items in the lead and under year headings (sections of kind year), simplified and traditional', async () => {
    for (const name of ['genre-year-roundup', 'genre-year-roundup-hant']) {
      const doc = await read(name);
      expect(doc.sections.filter((s) => s.kind === 'year').map((s) => s.year)).toEqual([2015, 2018, 2021, 2025]);
      expect(sectionOf(doc, '2014-11-06')?.kind).toBe('intro');
      // "9月," under the 2021 heading takes the heading's year; "2021年,…" (a year alone) is the section's prose.
      expect(sectionOf(doc, '2021-09')?.year).toBe(2021);
      expect(sectionOf(doc, '2021-09')?.text).toMatch(/^2021年,/u);
      expect(doc.diagnostics.find((d) => d.rule === 'item-outside-period')?.message).toContain('2014-11-06');
    }
  });

  it('gives outline headings their level: 一、 and "二、 " level 1, ① and 临床案例1: level 2, a heading ending in ？ too', async () => {
    for (const name of ['genre-outline-trials', 'genre-outline-trials-hant']) {
      const doc = await read(name);
      const outline = doc.sections.filter((s) => s.outlineLevel !== undefined);
      expect(outline.map((s) => s.outlineLevel)).toEqual([1, 1, 1, 2, 2, 2, 2, 2, 1]);
      expect(outline.map((s) => s.heading![0])).toEqual(['一', '二', '三', '①', '②', '③', outline[6]!.heading![0], '④', '四']);
      expect(outline[6]!.heading).toMatch(/^[临臨]床案例1:/u);
      expect(outline[8]!.heading).toMatch(/？$/u);
      expect(doc.title).toMatch(/\?5/u);
    }
  });

  it('starts an item in the middle of a line after a full stop; the sentence before it is prose, not the item above', async () => {
    const doc = await read('genre-no-headings');
    const fourth = items(doc)[3]!;
    expect(at(doc, doc.lines.offset(fourth.position.start))).toBe('8:37');
    expect(fourth.text).toMatch(/^2023年6月27日,/u);
    expect(items(doc)[2]!.text).not.toContain('此后');
    expect(doc.sections[0]!.text).toContain('此后,CAR-T细胞疗法在难治性SLE中的成功,让细胞治疗重新受到关注。');
    // The closing words of a roundup end the item above: "总体来看,…" is the page's prose.
    expect(fourth.text).not.toContain('总体来看');
    expect(doc.sections[0]!.text).toMatch(/总体来看/u);
    // Item 2 keeps the rest of its line.
    expect(items(doc)[1]!.text).toMatch(/\[2\] 两组12个月时/u);
  });

  it('splits a line into two items at a full-width date after "。", with exact offsets', async () => {
    const doc = await read('genre-dates');
    const [fifth, sixth] = [items(doc)[4]!, items(doc)[5]!];
    expect(fifth.text.endsWith('研究显示中等剂量组的WOMAC评分改善与高剂量组相近。')).toBe(true);
    expect(sixth.text.startsWith('７月３０日，英国研究者')).toBe(true);
    const start = doc.lines.offset(sixth.position.start);
    expect(doc.text.slice(start, start + 6)).toBe('７月３０日，');
    expect(doc.itemBlocks.get(sixth)![0]!.exact).toBe(true);
  });

  it('in a web page, places an item that opens mid-paragraph at its date in the source', async () => {
    const doc = await read('genre-news-item');
    const first = items(doc)[0]!;
    const start = doc.lines.offset(first.position.start);
    expect(doc.text.slice(start, start + 7)).toBe('去年的5月3日');
    expect(doc.sections[0]!.text).toBe('干细胞治疗糖尿病一直备受期待,但长期缺少高质量的临床证据。');
  });
});

describe('2. page kinds and the diagnostics that fit them', () => {
  it('a news item neither warns "no month headings" nor "no reference list"', async () => {
    for (const name of ['genre-news-item', 'genre-news-item-hant', 'genre-journal-forms-hant', 'genre-citations-outside']) {
      const doc = await read(name);
      expect(doc.kind).toBe('news-item');
      expect(doc.diagnostics.filter((d) => d.severity === 'warning' && d.source === 'segment')).toEqual([]);
    }
  });

  it('a news item is its dated paragraph: what follows is the page’s prose', async () => {
    const doc = await read('genre-news-item-hant');
    expect(items(doc)[0]!.text).not.toContain('作者認為');
    expect(doc.sections.find((s) => s.items.length > 0)!.text).toContain('作者認為');
  });

  it('a page without a reference list gets the info that fits its kind, a digest the warning', async () => {
    const roundup = await read('genre-pinyin-ruby');
    expect(roundup.diagnostics.filter((d) => d.source === 'segment' && d.rule.includes('reference')).map((d) => `${d.rule}:${d.severity}`)).toEqual(['reference-list-absent:info']);
    const digest = await runUpTo('2025年3月干细胞治疗最新临床进展\n3月5日,《Cell》发表研究。\n2025年4月干细胞治疗最新临床进展\n4月1日,另一项。', 'segment');
    expect(digest.kind).toBe('month-digest');
    expect(digest.diagnostics.find((d) => d.rule === 'no-reference-list')?.severity).toBe('warning');
  });

  it('an overview stays an overview when its title says so, even with dated items (one an approval)', async () => {
    expect((await read('genre-overview-hant')).kind).toBe('overview');
    expect((await read('genre-entities-hant')).kind).toBe('overview');
    expect((await read('genre-drug-approval')).kind).toBe('drug-approval');
  });
});

describe('6. boilerplate, both ways', () => {
  it('keeps the 导读 / 導讀 text (label stripped) and reads the 发布时间 line as the page date, out of the body', async () => {
    for (const [name, lead, date] of [
      ['genre-drug-approval', '从首款产品附条件获批', '2025-06-12'],
      ['genre-outline-trials-hant', '膝骨關節炎(KOA)', null],
      ['genre-entities-hant', '干細胞治療已從血液疾病', null],
    ] as const) {
      const doc = await read(name);
      expect(doc.sections[0]!.kind).toBe('intro');
      expect(doc.sections[0]!.text?.startsWith(lead)).toBe(true);
      expect(doc.pageDate).toBe(date);
      expect(doc.boilerplate.map((b) => b.text).join('\n')).not.toMatch(/导读|導讀/u);
      expect(doc.sections.map((s) => s.text ?? '').join('\n')).not.toMatch(/发布时间|發布時間/u);
    }
    const doc = await read('genre-drug-approval');
    expect(doc.boilerplate[0]).toMatchObject({ kind: 'page-date', text: '发布时间:2025-06-12 09:40:18', position: { start: { line: 2, column: 1 } } });
  });

  it('reads a web page’s publication line outside the article body as the page date', async () => {
    for (const [name, date] of [
      ['genre-chrome-site', '2025-04-08'],
      ['genre-chrome-site-hant', '2025-04-08'],
      ['genre-news-item', '2023-03-24'],
      ['genre-pinyin-ruby-html', '2024-06-11'],
    ] as const) {
      expect((await read(name)).pageDate).toBe(date);
    }
  });

  it('reads a publication line that names its source first (来源:… 发布日期:…, as news CMSs write it)', async () => {
    for (const [line, date] of [
      ['来源: 发布日期:2018-06-14 浏览次数:15687次', '2018-06-14'],
      ['来源：新华网 发布时间：2025-10-14 09:12', '2025-10-14'],
      ['來源:中央社 發布時間:2025/10/14', '2025-10-14'],
      ['来源:某某网发布时间:2025-10-14', '2025-10-14'],
    ] as const) {
      const doc = await runUpTo(`韩国团队干细胞治疗帕金森病临床试验结果发表\n${line}\n研究团队于14日在国际学术期刊《细胞》发表了临床试验结果。`, 'segment');
      expect(doc.pageDate, line).toBe(date);
      expect(doc.boilerplate.map((b) => b.kind), line).toEqual(['page-date']);
    }
    // A source line without a date stays chrome of kind other, and gives no page date.
    const undated = await runUpTo('某某新闻\n来源:新华网\n研究发表。', 'segment');
    expect([undated.pageDate, undated.boilerplate.map((b) => b.kind)]).toEqual([null, ['other']]);
  });

  it('drops repeated photo captions (the title, a paper title) and keeps the title from the <h1>', async () => {
    for (const name of ['genre-chrome-site', 'genre-chrome-site-hant']) {
      const doc = await read(name);
      expect(doc.boilerplate.map((b) => b.kind)).toEqual(['caption', 'caption']);
      expect(doc.boilerplate[0]!.text).toBe(doc.title);
      expect(doc.sections.filter((s) => s.kind === 'month').map((s) => s.month)).toEqual(['2025-01', '2025-02', '2025-03']);
      expect(doc.diagnostics.filter((d) => d.rule === 'boilerplate-removed')).toHaveLength(2);
    }
    const digest = await read('genre-month-digest');
    expect(digest.boilerplate).toEqual([expect.objectContaining({ kind: 'caption', text: '人羊膜上皮干细胞:糖尿病及其并发症的潜在治疗方法' })]);
  });

  it('keeps chrome lines of a plain-text mirror out of the body: 相關閱讀, 免責說明, 版權說明, 掃碼, a contact line, a byline', async () => {
    const hant = await read('genre-news-item-hant');
    expect(hant.boilerplate.map((b) => `${b.kind}:${b.text.slice(0, 4)}`)).toEqual(['other:相關閱讀', 'disclaimer:免責說明', 'other:版權說明', 'qr-code:掃碼添加']);
    const ruby = await read('genre-pinyin-ruby');
    expect(ruby.boilerplate.map((b) => b.text)).toEqual(['聯(lián)系電話:400-000-0000']);
    const byline = await read('genre-journal-forms-hant');
    expect(byline.boilerplate.map((b) => `${b.kind}:${b.text}`)).toEqual(['page-date:2025/03/18 06:00', 'other:〔記者王小明/台南報導〕']);
    expect(byline.sections[0]!.text?.startsWith('國立成功大學醫學院')).toBe(true);
    expect(byline.boilerplate[1]!.position.start).toEqual({ line: 3, column: 1 });
  });
});

describe('7. dates', () => {
  it('resolves relative dates against the page date, saying so (info)', async () => {
    const doc = await read('genre-dates');
    const relative = doc.diagnostics.filter((d) => d.rule === 'date-relative');
    expect(relative.map((d) => [d.severity, `${d.line}:${d.column}`, d.message])).toEqual([
      ['info', '3:1', '"四月" read as 2025-04 (the year of the page date 2025-12-18)'],
      ['info', '12:1', '"去年的11月8日" read as 2024-11-08 (against the page date 2025-12-18)'],
      ['info', '15:10', '"于14日" read as 2025-12-14 (the day before or on the page date 2025-12-18)'],
    ]);
    const hant = await read('genre-dates-hant');
    expect(hant.diagnostics.filter((d) => d.rule === 'date-relative').map((d) => d.message)).toEqual([
      '"去年的5月3日" read as 2024-05-03 (against the page date 2025-10-15)',
      '"於14日" read as 2025-10-14 (the day before or on the page date 2025-10-15)',
    ]);
  });

  it('reads month headings in Chinese numerals and spaced digits as month sections (issue 16)', async () => {
    const doc = await read('genre-dates');
    expect(doc.sections.filter((s) => s.kind === 'month').map((s) => s.month)).toEqual(['2025-04', '2025-06', '2025-07', '2025-12']);
    // Issue 16: such a heading was an "other" section whose item was lost and its reference reported never cited.
    const four = await runUpTo('2025年四月干细胞治疗类风湿关节炎最新临床进展\n4月5日,《Cell》上发表研究。[1]\n参考资料:\n[1]A. B. Cell. 2025;1:1.\n', 'link');
    expect(four.sections.map((s) => [s.kind, s.month ?? null, s.items.length])).toEqual([['month', '2025-04', 1]]);
    expect(rules(four)).not.toContain('structure-other');
    expect(rules(four)).not.toContain('reference-uncited');
  });

  it('gives a day relative to the page date the month before when the day is later than the page date’s', async () => {
    const doc = await runUpTo('发布时间:2025-10-05\n美国团队于14日在《Cell》在线发表了研究。', 'segment');
    expect(items(doc).map((i) => i.date)).toEqual(['2025-09-14']);
  });

  it('reports a date whose year nothing gives, and does not make it an item', async () => {
    const doc = await runUpTo('一段介绍。\n3月5日,某团队发表研究。', 'segment');
    expect(items(doc)).toEqual([]);
    expect(doc.diagnostics.find((d) => d.rule === 'date-without-year')).toMatchObject({ severity: 'warning', line: 2, column: 1 });
  });

  it('takes the year of a month-only date from a paragraph that opens with the year alone', async () => {
    const doc = await read('genre-journal-forms');
    expect(items(doc)[0]!.date).toBe('2025-01-08');
    expect(rules(doc)).not.toContain('date-relative');
  });
});

describe('8. false structure', () => {
  it('a dated sentence is an item, never a month heading; captions are never the title; a stray month heading counts for nothing', async () => {
    for (const name of ['genre-false-structure', 'genre-false-structure-hant']) {
      const doc = await read(name);
      expect(doc.sections.filter((s) => s.kind === 'month' || s.kind === 'year')).toEqual([]);
      expect(doc.title?.startsWith('2025年干細胞臨床研究年度觀察'.slice(0, 5))).toBe(true);
      expect(doc.boilerplate.map((b) => `${b.kind}:${b.text.slice(0, 2)}`)).toEqual(['caption:表1', 'caption:表2']);
      expect(items(doc)[0]).toMatchObject({ date: '2025-04', datePrecision: 'month' });
      expect(doc.period).toBeNull();
      const stray = doc.sections[doc.sections.length - 1]!;
      expect([stray.kind, stray.month, stray.items]).toEqual(['other', undefined, []]);
      expect(doc.diagnostics.find((d) => d.rule === 'month-empty')).toMatchObject({ severity: 'info', line: 13 });
    }
  });

  it('an article title that opens with a year is the title, not a year section; a summary heading with a year is a summary', async () => {
    const overview = await read('genre-overview-hant');
    expect(overview.title).toMatch(/^2025年系統性紅斑狼瘡/u);
    const digest = await read('genre-month-digest');
    expect(digest.sections.map((s) => s.kind)).toEqual(['intro', 'other', 'month', 'month', 'month', 'month', 'summary']);
    // The cross-link "2025年干细胞治疗1型糖尿病最新临床进展,治愈已触手可及(截至10月)" has a comma: intro prose.
    expect(digest.sections[0]!.text).toContain('治愈已触手可及');
    const dates = await read('genre-dates');
    expect(dates.sections[0]!.kind).toBe('intro');
  });

  it('a numbered heading with a month range is an outline heading, not a month section or the period', async () => {
    const doc = await read('genre-drug-approval');
    expect(doc.sections.map((s) => [s.kind, s.heading, s.outlineLevel ?? null])).toEqual([
      ['intro', null, null],
      ['other', '01:2025年1-5月干细胞新药受理分析', 1],
      ['other', '02:国际上的同类产品', 1],
    ]);
  });
});

describe('10. citation markers outside items', () => {
  it('locates every marker of the prose, outside the item, at its exact place, for link (the citationMarkers facet)', async () => {
    for (const name of ['genre-citations-outside', 'genre-citations-outside-hant']) {
      const doc = await read(name);
      expect(doc.citationMarkers.map((m) => `${m.text}@${at(doc, m.start)}`)).toEqual(['[1]@3:52', '[1,2]@3:72', '[3-5]@4:46', '〔1,2〕@6:45', '[7]@7:35', '【2】@8:31']);
      for (const m of doc.citationMarkers) expect(doc.text.slice(m.start, m.end)).toBe(m.text);
      expect(items(doc)[0]!.text).not.toContain('〔1,2〕');
    }
  });

  it('finds markers in a web page’s sections at their place in the markup', async () => {
    const doc = await read('genre-news-item');
    expect(doc.citationMarkers.map((m) => `${m.text}@${at(doc, m.start)}`)).toEqual(['[2,3]@23:45', '[4]@24:58', '[1]@28:71', '[1]@28:102', '[5]@28:105']);
    for (const m of doc.citationMarkers) expect(doc.text.slice(m.start, m.end)).toBe(m.text);
  });

  it('are resolved by link into the record: [7] has no reference, and every reference cited only outside the item is cited', async () => {
    const doc = await runUpTo(readFileSync(repo('tests/fixtures/genre-citations-outside/input.txt'), 'utf8'), 'link', 'input.txt');
    expect(doc.citations.map((c) => [c.text, c.references])).toEqual([
      ['[1]', ['ref-1']],
      ['[1,2]', ['ref-1', 'ref-2']],
      ['[3-5]', ['ref-3', 'ref-4', 'ref-5']],
      ['〔1,2〕', ['ref-1', 'ref-2']],
      ['[7]', []],
      ['【2】', ['ref-2']],
    ]);
    expect(doc.diagnostics.filter((d) => d.rule === 'citation-unresolved').map((d) => `${d.line}:${d.column}`)).toEqual(['7:35']);
    expect(rules(doc)).not.toContain('reference-uncited');
  });
});

describe('the title', () => {
  it('is the first heading-like line of a plain text, never a lead paragraph, a caption, an outline heading or a dated line', async () => {
    expect((await runUpTo('导语:干细胞疗法进展迅速\n2025年3月干细胞治疗最新临床进展\n3月5日,某团队发表研究。', 'segment')).title).toBeNull();
    expect((await runUpTo('一、研究背景\n正文。', 'segment')).title).toBeNull();
    expect((await runUpTo('3月5日,某团队发表研究\n正文。', 'segment')).title).toBeNull();
    expect((await runUpTo('表1 受理情况\n干细胞治疗的适应症有哪些?\n正文。', 'segment')).title).toBe('干细胞治疗的适应症有哪些?');
  });
});

describe('segment: an undated event in a later sentence of a paragraph (the fourth Chinese audit)', () => {
  const page = (lead: string) => `某某新闻\n发布日期:2025-09-19\n${lead}`;
  const dates = (doc: { sections: { items: { date: string }[] }[] }) => doc.sections.flatMap((s) => s.items.map((i) => i.date));

  it('opens an item at "近期," after a sentence end when that sentence reports an event', async () => {
    const doc = await runUpTo(page('近年来,糖尿病治疗不断迎来新的突破。近期,国际医学期刊《Nature Medicine》发表了一篇综述,回顾了干细胞衍生胰岛的移植。'), 'segment');
    expect(dates(doc)).toEqual(['2025-09']);
    expect(doc.sections[0]!.items[0]!.text).toMatch(/^近期,国际医学期刊/);
  });

  it('opens none without an event verb, without a page date, or under a month heading', async () => {
    expect(dates(await runUpTo(page('近年来,糖尿病治疗不断迎来新的突破。近期,不少患者开始关注干细胞。'), 'segment'))).toEqual([]);
    expect(dates(await runUpTo('某某新闻\n近年来,糖尿病治疗不断迎来新的突破。近期,国际医学期刊《Nature Medicine》发表了一篇综述。', 'segment'))).toEqual([]);
    const month = await runUpTo('2025年1-8月干细胞治疗临床进展\n发布日期:2025-09-19\n2025年8月干细胞治疗临床进展\n8月3日,某团队在《Cell》发表研究。近期,另一团队在《Nature》发表了后续研究。', 'segment');
    expect(dates(month)).toEqual(['2025-08-03']);
  });
});
