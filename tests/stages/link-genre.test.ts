import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DigestDocument } from '../../src/core/document.js';
import { pinyinRubyOf } from '../../src/core/lexicon.js';
import { LineIndex } from '../../src/core/location.js';
import { ingestDetailed } from '../../src/ingest.js';
import type { ArticleRecord } from '../../src/generated/article.js';
import { organizationTest, readJournals, readLead } from '../../src/stages/link.js';
import { items, pipeline, runUpTo } from '../helpers.js';
import { genreCases, itemRows, journalsNamed, plainCell, runStagesOn, section, type GenreCase } from '../support/expect-md.js';

// Issue 13, shapes 3, 4, 5 and 10 on the genre fixtures: what each expect.md says about journals
// (per item and named anywhere) and about citation markers outside items.

const cases = genreCases();
const records = new Map<string, Promise<ArticleRecord>>();
/** The record of a genre fixture through the default pipeline (once per file). */
const recordOf = (c: GenreCase) => {
  if (!records.has(c.name)) records.set(c.name, ingestDetailed({ path: c.input }, { pipeline: pipeline(), id: c.name }).then((r) => r.record));
  return records.get(c.name)!;
};
const data = () => pipeline().data;
const lead = (text: string) => readLead(text, data().journals, organizationTest(data()));
const rules = (r: { diagnostics: { rule: string }[] }) => r.diagnostics.map((d) => d.rule);

describe('link: the journals a genre page names, anywhere (record.journals)', () => {
  it.each(cases.filter((c) => journalsNamed(c).length > 0).map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const record = await recordOf(c);
    const problems: string[] = [];
    for (const { surface, name, publisher } of journalsNamed(c)) {
      const hit = record.journals!.find((j) => j.text === surface && j.name === name && (j.kind === 'publisher') === publisher);
      if (!hit) problems.push(`${surface} → ${name}: got ${JSON.stringify(record.journals!.filter((j) => j.text === surface))}`);
    }
    expect(problems).toEqual([]);
    // No genre page names a journal the table does not know; documents and organizations are no journals.
    expect(record.journals!.filter((j) => j.name === null)).toEqual([]);
    // Each mention is placed where the source writes it (plain text and Markdown: exact offsets).
    if (!c.input.endsWith('.html')) {
      const source = readFileSync(c.input, 'utf8').replace(/^\uFEFF/, '');
      const lines = new LineIndex(source);
      for (const j of record.journals!) expect(source.slice(lines.offset(j.position.start), lines.offset(j.position.end))).toBe(j.text);
    }
  });

  it('reads no journal out of documents, organizations or words in quotation marks', async () => {
    const structure = cases.find((c) => c.name === 'genre-false-structure')!;
    expect((await recordOf(structure)).journals!.map((j) => j.text)).toEqual(['新英格兰医学杂志']);
    const hant = cases.find((c) => c.name === 'genre-false-structure-hant')!;
    expect((await recordOf(hant)).journals!.map((j) => j.text)).toEqual(['新英格蘭醫學雜志']);
    const outside = cases.find((c) => c.name === 'genre-citations-outside')!;
    // 所谓的“干细胞治疗”: a phrase in quotation marks, not the journal Stem Cells (干细胞).
    expect((await recordOf(outside)).journals!.map((j) => j.text)).toEqual(['CNS Neuroscience & Therapeutics']);
  });
});

describe('link: each item’s journal and paper title (expect.md items tables)', () => {
  const withItems = cases.filter((c) => itemRows(c).some((r) => /^\d{4}-\d{2}/.test(r.date!)));
  it.each(withItems.map((c) => [c.name, c] as const))('%s: the items this branch finds', async (_, c) => {
    const record = await recordOf(c);
    const found = items(record);
    const problems: string[] = [];
    for (const row of itemRows(c)) {
      const date = row.date!.split(' ')[0]!;
      const k = found.findIndex((i) => i.date === date);
      if (k === -1) continue; // an item the structure half (segment) finds
      const [item] = found.splice(k, 1);
      const journal = plainCell(row.journal);
      if (item!.journal !== journal) problems.push(`${date}: journal ${item!.journal}, expected ${journal}`);
      if ('paper title' in row && !/\(/.test(row['paper title']!)) {
        const title = plainCell(row['paper title']);
        if (item!.paperTitle !== title) problems.push(`${date}: paper title ${item!.paperTitle}, expected ${title}`);
      }
    }
    expect(problems).toEqual([]);
    for (const rule of ['journal-unknown', 'journal-mismatch']) {
      if (section(c.expect, 'Diagnostics').includes(`\`${rule}\``)) expect(rules(record), rule).not.toContain(rule);
    }
  });

  it('reads every form of genre-journal-forms (its items under a month heading, so that today’s segment finds them)', async () => {
    const c = cases.find((x) => x.name === 'genre-journal-forms')!;
    const lines = readFileSync(c.input, 'utf8').split('\n');
    lines.splice(2, 0, '2025年1月干细胞治疗最新临床进展');
    const doc = await runUpTo(lines.join('\n'), 'link');
    const got = items(doc).map((i) => [i.date, i.journal, i.paperTitle]);
    const expected = itemRows(c).map((r) => [r.date, plainCell(r.journal), plainCell(r['paper title'])]);
    expect(got).toEqual(expected);
    const diagnostics = doc.diagnostics.map((d) => `${d.rule}@${d.line}`);
    // Item 5: 《Monash Health》杂志 is a hospital; the journal comes from reference [5].
    expect(diagnostics).toContain(`journal-from-reference@${lines.findIndex((l) => l.includes('Monash Health')) + 1}`);
    for (const rule of ['item-no-journal', 'journal-unknown', 'journal-mismatch', 'journal-is-publisher']) expect(diagnostics.filter((d) => d.startsWith(`${rule}@`))).toEqual([]);
    // 《干细胞转化医学》(Stem Cell Translational Medicine): one journal named twice, the item's journal once.
    expect(items(doc)[8]!.journalText).toBe('干细胞转化医学');
  });

  it('names a family, not a journal, for 《刺胳針》(The Lancet)子刊 (genre-journal-forms-hant)', async () => {
    const c = cases.find((x) => x.name === 'genre-journal-forms-hant')!;
    const lines = readFileSync(c.input, 'utf8').split('\n');
    lines.splice(lines.findIndex((l) => l.startsWith('2024年9月')), 0, '一、評論');
    const doc = await runUpTo(lines.join('\n'), 'link');
    const [item] = items(doc);
    expect(item).toMatchObject({ date: '2024-09', journal: null, journalFamily: 'The Lancet', journalText: '刺胳針' });
    expect(rules(doc)).toContain('journal-family-only');
    expect(rules(doc)).not.toContain('item-no-journal');
  });

  it('takes the journal from the reference when the item names a publisher (genre-month-digest)', async () => {
    const c = cases.find((x) => x.name === 'genre-month-digest')!;
    const record = await recordOf(c);
    expect(items(record)[0]).toMatchObject({ journal: 'Stem Cell Reviews and Reports', journalText: 'springer nature' });
    expect(rules(record)).toEqual(expect.arrayContaining(['journal-is-publisher', 'journal-from-reference']));
    expect(record.journals!.find((j) => j.text === 'springer nature')).toMatchObject({ kind: 'publisher', name: 'Springer Nature' });
  });
});

describe('link: the forms of shape 3, one by one', () => {
  const names = (text: string) => readJournals(text, data().journals, organizationTest(data())).names.map((n) => [n.text, n.journal?.name ?? null, n.kind]);
  it.each([
    ['《柳叶刀》(The Lancet)上', [['柳叶刀', 'The Lancet', 'journal'], ['The Lancet', 'The Lancet', 'journal']]],
    ['《自然》（Nature）发表', [['自然', 'Nature', 'journal'], ['Nature', 'Nature', 'journal']]],
    ['《Cell》《Nature Biotechnology》《New England Journal of Medicine》等', [['Cell', 'Cell', 'journal'], ['Nature Biotechnology', 'Nature Biotechnology', 'journal'], ['New England Journal of Medicine', 'The New England Journal of Medicine', 'journal']]],
    ['国际期刊杂志“Cell Stem Cell”发表了一篇“化学重编程”的研究', [['Cell Stem Cell', 'Cell Stem Cell', 'journal']]],
    ['在Stem Cell Research & Therapy上发表', [['Stem Cell Research & Therapy', 'Stem Cell Research & Therapy', 'journal']]],
    ['登上国际期刊「Nature Biotechnology 自然生物科技」。', [['Nature Biotechnology', 'Nature Biotechnology', 'journal'], ['自然生物科技', 'Nature Biotechnology', 'journal']]],
    ['在《循環學》「Circulation期刊」發表', [['循環學', 'Circulation', 'journal'], ['Circulation', 'Circulation', 'journal']]],
    ['在《刺胳針》(The Lancet)子刊發表', [['刺胳針', 'The Lancet', 'family'], ['The Lancet', 'The Lancet', 'family']]],
    ['《柳叶刀·神经病学》刊登', [['柳叶刀·神经病学', 'The Lancet Neurology', 'journal']]],
    // A Chinese name the table does not know takes the journal of the English name after it.
    ['发表于《某新刊》(Nature Medicine)', [['某新刊', 'Nature Medicine', 'journal'], ['Nature Medicine', 'Nature Medicine', 'journal']]],
    ['《中国神经再生研究(英文版)》发表', [['中国神经再生研究(英文版)', 'Neural Regeneration Research', 'journal']]],
    ['在国际期刊《springer nature》上', [['springer nature', 'Springer Nature', 'publisher']]],
    ['《Monash Health》杂志上', []],
    // A 《…》 the table does not know is a journal when a cue word in either script marks it.
    ['在《未知醫學刊》雜誌上發表', [['未知醫學刊', null, 'journal']]],
    ['國際期刊《某某醫學》報道', [['某某醫學', null, 'journal']]],
    ['《某某医学》报道', []],
    ['发布新版《人类干细胞临床研究国际指南》', []],
    ['《“健康中国2030”规划纲要》将干细胞列为重点', []],
    ['所谓的“干细胞”治疗', []],
    // One-word English titles only next to a cue word or in brackets; case as written.
    ['Blood and Stroke are common words', []],
    ['发表在Blood杂志上', [['Blood', 'Blood', 'journal']]],
    ['stem cells in Stem Cells Translational Medicine and stem cell therapy', [['Stem Cells Translational Medicine', 'Stem Cells Translational Medicine', 'journal']]],
    ['published in Cell Stem Cell, not in Cell', [['Cell Stem Cell', 'Cell Stem Cell', 'journal']]],
    ['published in Nature', [['Nature', 'Nature', 'journal']]],
    // A term's English gloss with its initials is no journal (the seventh Chinese audit); a cue still names one.
    ['间充质干细胞(Mesenchymal Stem Cells, MSCs)具有免疫调节作用', []],
    ['干细胞(Stem Cells,SCs)是一类原始细胞', []],
    ['发表在Stem Cells (2014)上', [['Stem Cells', 'Stem Cells', 'journal']]],
  ])('%s', (text, expected) => {
    expect(names(text)).toEqual(expected);
  });

  it('finds half-converted and traditional names through the folded view, quoting them as written (shape 4)', () => {
    for (const [text, name] of [
      ['《干細胞研究與治療》上', 'Stem Cell Research & Therapy'],
      ['《世界干細胞雜誌》上', 'World Journal of Stem Cells'],
      ['《細胞》刊登', 'Cell'],
      ['《科學》雜志', 'Science'],
      ['《干細胞轉化醫學》上', 'Stem Cells Translational Medicine'],
    ] as const) {
      const found = lead(text);
      expect(found.known?.journal?.name, text).toBe(name);
      expect(found.known?.text, text).toBe(text.slice(1, text.indexOf('》')));
    }
  });

  it('knows the magazines and journals the fourth real-page audit found unnamed, and reads a name through a mirror\'s pinyin ruby', () => {
    for (const [text, name] of [
      ['英国《新科学家》杂志网站报道', 'New Scientist'],
      ['發表於《新科學家》雜誌', 'New Scientist'],
      ['发表于《进化与人类行为》的研究', 'Evolution and Human Behavior'],
      ['专业期刊《视网膜和眼科研究进展》刊载了一篇综述', 'Progress in Retinal and Eye Research'],
      ['1月29日,《当代干细胞研究与治疗》上发表', 'Current Stem Cell Research & Therapy'],
      ['欢迎关注《中华实验眼科杂志》', 'Chinese Journal of Experimental Ophthalmology'],
    ] as const) {
      expect(lead(text).known?.journal?.name, text).toBe(name);
    }
    // The ruby after converted characters ("當(dāng)代") is no part of the name; the name is quoted as written.
    const mirror = '1月29日,《當(dāng)代干細(xì)胞研究與治療》上發(fā)表了一篇論文';
    const ruby = pinyinRubyOf(data().lexicon);
    const found = readJournals(mirror, data().journals, organizationTest(data()), undefined, ruby).names;
    expect(found.map((n) => [n.text, n.journal?.name])).toEqual([['當(dāng)代干細(xì)胞研究與治療', 'Current Stem Cell Research & Therapy']]);
    expect(readJournals(mirror, data().journals, organizationTest(data())).names.map((n) => n.journal?.name ?? null)).toEqual([null]);
  });

  it('gives an item the first journal its lead names, the other 《…》 as its paper title', () => {
    const found = lead('3月,頂級期刊《細胞》刊登的一項研究;同月,《科學》雜志也發表了相關研究。');
    expect(found.known?.journal?.name).toBe('Cell');
    expect(lead('5月,《Monash Health》杂志上发表了一篇名为《自体脐带血输注治疗脑瘫》的综述。')).toMatchObject({ known: undefined, paperTitle: '自体脐带血输注治疗脑瘫', organization: { text: 'Monash Health' } });
    expect(lead('2024年1月18日,药品审评中心发布《间充质干细胞防治移植物抗宿主病临床试验技术指导原则》。')).toMatchObject({ known: undefined, unknown: undefined, paperTitle: null });
    // A protocol or a case report is a paper, not a document.
    expect(lead('在《BMJ Open》上发表了一篇名为《重复输注干细胞治疗肝硬化:一项随机对照试验的方案》的研究').paperTitle).toBe('重复输注干细胞治疗肝硬化:一项随机对照试验的方案');
    expect(lead('期刊雜志“Cureus”發表了一篇“間充質基質細胞治療自閉症:病例報告”的文章').paperTitle).toBe('間充質基質細胞治療自閉症:病例報告');
  });

  it('takes a quoted phrase as the paper title only with a title word around it, and no news source (genre-zh5)', () => {
    // A term in quotes, a meeting's name, a therapy's name: no title word (一篇, 题为, 名为, 一文, 为题…) around them.
    expect(lead('美國某醫學院日前發表於《臨床研究雜誌》的研究指出,以「重設免疫」搭配幹細胞移植可讓小鼠擺脫胰島素。').paperTitle).toBeNull();
    expect(lead('9月,《新英格兰医学杂志》发表了一项“in vivo CAR-T 细胞疗法”的研究。').paperTitle).toBeNull();
    expect(lead('1月22日,某院举办了“细胞治疗与自身免疫病”学术交流会。').paperTitle).toBeNull();
    // The site a page retells (《X》报导) is no paper.
    expect(lead('根據科普網站《某某科學日報》報導,瑞士某大學的科學家近日在《自然》發表研究。')).toMatchObject({ known: { journal: { name: 'Nature' } }, paperTitle: null });
    // With a title word, a quoted phrase is the title; a 《…》 is one without.
    expect(lead('在《干细胞研究与治疗》上发表了题为「脐带间充质干细胞治疗2型糖尿病」的论文').paperTitle).toBe('脐带间充质干细胞治疗2型糖尿病');
    expect(lead('团队以“干细胞修复受损心肌”为题发表于《Circulation》').paperTitle).toBe('干细胞修复受损心肌');
    expect(lead('《Nature》刊发《人类多能干细胞来源的多巴胺神经元移植》').paperTitle).toBe('人类多能干细胞来源的多巴胺神经元移植');
  });
});

describe('link: citation markers outside items (shape 10; segment locates them, link resolves them)', () => {
  async function linked(c: GenreCase): Promise<DigestDocument> {
    const doc = new DigestDocument({ path: c.input });
    doc.bytes = readFileSync(c.input);
    // Segment locates the markers outside items (the citationMarkers facet); link resolves them.
    return runStagesOn(doc, ['read', 'parse', 'segment', 'references', 'link']);
  }

  it('keeps and resolves [1], [1,2], [3-5], 〔1,2〕, 【2】; reports [7] at its place (genre-citations-outside and -hant)', async () => {
    for (const name of ['genre-citations-outside', 'genre-citations-outside-hant']) {
      const c = cases.find((x) => x.name === name)!;
      const doc = await linked(c);
      const byText = Object.fromEntries(doc.citations.map((m) => [m.text, m.references]));
      expect(byText, name).toMatchObject({ '[1]': ['ref-1'], '[1,2]': ['ref-1', 'ref-2'], '[3-5]': ['ref-3', 'ref-4', 'ref-5'], '〔1,2〕': ['ref-1', 'ref-2'], '[7]': [], '【2】': ['ref-2'] });
      const source = readFileSync(c.input, 'utf8');
      const at = new LineIndex(source).point(source.indexOf('[7]'));
      const unresolved = doc.diagnostics.filter((d) => d.rule === 'citation-unresolved');
      expect(unresolved.map((d) => `${d.line}:${d.column}`), name).toEqual([`${at.line}:${at.column}`]);
      expect(doc.diagnostics.filter((d) => d.rule === 'reference-uncited'), name).toEqual([]);
      expect(doc.citations.find((m) => m.text === '[7]')!.position.start).toEqual(at);
    }
  });

  it.each([
    ['genre-news-item', ['[5]']],
    ['genre-news-item-hant', []],
    ['genre-overview', []],
    ['genre-entities-hant', []],
  ])('%s: every reference cited, unresolved %j', async (name, unresolved) => {
    const doc = await linked(cases.find((x) => x.name === name)!);
    expect(doc.citations.length).toBeGreaterThan(0);
    expect(doc.diagnostics.filter((d) => d.rule === 'reference-uncited').map((d) => d.message)).toEqual([]);
    expect(doc.diagnostics.filter((d) => d.rule === 'citation-unresolved').map((d) => d.message)).toEqual(unresolved.map((m) => `citation ${m} has no entry in the reference list`));
  });

  it('leaves markers inside items to the items, and records none without the facet', async () => {
    const text = ['2025年3月干细胞治疗最新临床进展', '3月5日,《干细胞研究与治疗》上发表了研究。[1]', '参考资料:', '[1]Wang, L. Title. Stem Cell Res Ther 16, 111 (2025).'].join('\n');
    const doc = await runUpTo(text, 'link');
    expect(doc.citations).toEqual([]);
    const again = await runUpTo(text, 'references');
    const at = again.text.indexOf('[1]');
    again.citationMarkers.push({ text: '[1]', start: at, end: at + 3 });
    await runStagesOn(again, ['link']);
    expect(again.citations).toEqual([]);
    expect(items(again)[0]!.citations).toEqual(['ref-1']);
  });
});

describe('link: the item checks that fit the page kind (docs/design/genre.md, "Page kinds")', () => {
  // Each page has a reference list, one item that cites it in a journal, and one item that cites
  // nothing and names no journal: which of item-uncited and item-no-journal it gets depends on its kind.
  const reference = ['## 参考资料', '[1] Wang L. Umbilical cord cells for knee osteoarthritis. Stem Cell Res Ther. 2025;16:111.'];
  const cited = '《干细胞研究与治疗》上发表了一项膝骨关节炎研究。[1]';
  const pages: [ArticleRecord['kind'], string[]][] = [
    ['month-digest', ['# 2025年1-2月干细胞治疗膝骨关节炎最新临床进展', '## 2025年1月干细胞治疗膝骨关节炎最新临床进展', `1月5日,${cited}`, '## 2025年2月干细胞治疗膝骨关节炎最新临床进展', '2月5日,某医院宣布启动一项新的临床试验。']],
    ['year-roundup', ['# 2015-2025年干细胞治疗膝骨关节炎关键临床进展', '## 2015年干细胞治疗膝骨关节炎关键临床进展', `2015年1月5日,${cited}`, '## 2025年干细胞治疗膝骨关节炎关键临床进展', '2025年2月5日,某医院宣布启动一项新的临床试验。']],
    ['trial-roundup', ['# 2项研究告诉你干细胞能否治疗膝骨关节炎', `2025年1月5日,${cited}`, '2025年2月5日,某医院宣布启动一项新的临床试验。']],
    ['news-item', ['# 某医院启动干细胞治疗膝骨关节炎临床试验', '发布时间:2025-02-10 09:00:00', '2025年2月5日,某医院宣布启动一项新的临床试验。', `此前的研究显示,干细胞可改善膝关节功能。${cited.slice(-3)}`]],
    ['drug-approval', ['# 某干细胞药品获批上市', '2025年1月2日,国家药品监督管理局批准某干细胞注射液上市,用于治疗膝骨关节炎。', `2024年6月1日,该药的关键研究在${cited}`]],
    ['overview', ['# 干细胞治疗膝骨关节炎的原理是什么', `2025年1月5日,${cited}`, '2025年2月5日,某医院宣布启动一项新的临床试验。']],
  ];
  const expected: Record<ArticleRecord['kind'], string[]> = {
    'month-digest': ['item-uncited', 'item-no-journal'],
    'year-roundup': ['item-uncited', 'item-no-journal'],
    'trial-roundup': ['item-uncited', 'item-no-journal'],
    'news-item': ['item-no-journal'],
    'drug-approval': [],
    overview: ['item-no-journal'],
  };
  it.each(pages)('%s', async (kind, lines) => {
    const doc = await runUpTo([...lines, ...reference].join('\n\n'), 'link', 'page.md');
    expect(doc.kind).toBe(kind);
    expect(doc.references).toHaveLength(1);
    expect(items(doc).some((i) => i.citations.length === 0 && i.journal === null)).toBe(true);
    expect(rules(doc).filter((r) => r === 'item-uncited' || r === 'item-no-journal')).toEqual(expected[kind]);
    // The checks between markers and references are the same on every kind.
    expect(rules(doc)).not.toContain('reference-uncited');
  });

  it('on the genre fixtures: no item-uncited on news items, drug approvals and overviews; no item-no-journal on drug approvals', async () => {
    const seen = new Map<string, Set<string>>();
    for (const c of cases) {
      const record = await recordOf(c);
      const kinds = seen.get(record.kind) ?? new Set<string>();
      rules(record).forEach((r) => kinds.add(r));
      seen.set(record.kind, kinds);
    }
    for (const kind of ['news-item', 'drug-approval', 'overview']) expect(seen.get(kind)?.has('item-uncited'), kind).toBe(false);
    expect(seen.get('drug-approval')?.has('item-no-journal')).toBe(false);
    // The fixtures do exercise the checks where they fit.
    expect(seen.get('news-item')?.has('item-no-journal')).toBe(true);
  });
});

describe('link: a Chinese name in quotation marks (the fourth Chinese audit)', () => {
  it('is a journal only with a cue: 以「再生醫學」為研究宗旨 names none, 在“海南医学”上发表 names Hainan Medical Journal', () => {
    const read = (text: string) => readJournals(text, data().journals, organizationTest(data())).names.map((n) => n.journal?.name ?? null);
    expect(read('國衛院成立以「再生醫學」為研究宗旨的幹細胞研究中心。')).toEqual([]);
    expect(read('多位学者以“再生医学”为研究方向。')).toEqual([]);
    expect(read('近期,某团队在“海南医学”上发表了一篇论文。')).toEqual(['Hainan Medical Journal']);
    expect(read('该研究刊登于「再生醫學」期刊。')).toEqual(['Regenerative Medicine']);
  });
});

describe('link: the journal a volume and issue line names (the eleventh Chinese pass, genre-zh11)', () => {
  it('reads the journal of an issue line kept out of the body through the table, placed where the line writes it', async () => {
    const text = '人脐带间充质干细胞治疗脊髓损伤\n中国神经再生研究(英文版) ›› 2025, Vol. 20 ›› Issue (4): 1123-1131.\n脊髓损伤后轴突再生困难。\n';
    const doc = await runUpTo(text, 'link');
    expect(doc.journalMentions.map((j) => [j.text, j.name, text.slice(j.start, j.end)])).toEqual([['中国神经再生研究(英文版)', 'Neural Regeneration Research', '中国神经再生研究(英文版)']]);
  });

  it('leaves out a journal the table does not know, and a line naming none', async () => {
    expect((await runUpTo('某题目的研究进展\n某某医科大学学报  2016, Vol. 36Issue (10): 1316-1321\n第 19卷 第 2期\n正文一段。\n', 'link')).journalMentions).toEqual([]);
  });
});

describe('link: the journal an issue line written as a reference writes it names (the twelfth Chinese pass, genre-zh12)', () => {
  it('reads the journal of "中华血液学杂志, 2022,43(04): 265-271." and of "《生命科学》 2020, 32(5): 455-462" through the table', async () => {
    const text = '某病诊治中国专家共识\n中华血液学杂志, 2022,43(04): 265-271.\n正文一段。\n';
    const doc = await runUpTo(text, 'link');
    expect(doc.journalMentions.map((j) => [j.text, j.name, text.slice(j.start, j.end)])).toEqual([['中华血液学杂志', 'Chinese Journal of Hematology', '中华血液学杂志']]);
    const bracketed = '《生命科学》 2020, 32(5): 455-462\n正文一段。\n';
    expect((await runUpTo(bracketed, 'link')).journalMentions.map((j) => [j.name, bracketed.slice(j.start, j.end)])).toEqual([['Chinese Bulletin of Life Sciences', '生命科学']]);
  });
});
