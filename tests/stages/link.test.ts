import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { JournalIndex } from '../../src/core/journals.js';
import type { JournalTable } from '../../src/generated/journals.js';
import { expandCitation, organizationTest, readJournals, readLead } from '../../src/stages/link.js';
import { items, pipeline, runUpTo } from '../helpers.js';
import { keepsOptimisedCode } from '../support/optimised.js';

const journals = () => pipeline().data.journals;
const lead = (text: string) => readLead(text, journals(), organizationTest(pipeline().data));

describe('link: citation markers', () => {
  it.each([
    ['4', [4]],
    ['1,2', [1, 2]],
    ['5，6', [5, 6]],
    ['1-3', [1, 2, 3]],
    ['１', [1]],
  ])('[%s]', (inner, numbers) => {
    expect(expandCitation(inner)).toEqual(numbers);
  });
});

describe('link: journals (field-notes shapes)', () => {
  it.each([
    ['3月5日,行业期刊《干细胞研究与治疗》上发表了一篇关于《脂肪干细胞…》的研究成果。', 'Stem Cell Research & Therapy', '脂肪干细胞…'],
    ['6月,《Bone》期刊杂志上发表了一篇名为《整合素连接激酶介导促进骨髓间充质干细胞成骨分化》的研究成果。', 'Bone', '整合素连接激酶介导促进骨髓间充质干细胞成骨分化'],
    ['7月11日,《免疫学前沿》杂志上发表了一篇名为《突破强直性脊柱炎的界限》的研究成果。', 'Frontiers in Immunology', '突破强直性脊柱炎的界限'],
    ['研究人员在“世界干细胞杂志”上发表了《新的研究》。', 'World Journal of Stem Cells', '新的研究'],
    ['团队在《Cell》《Nature Biotechnology》上发表成果。', 'Cell', null],
    ['An article in Stem Cell Research & Therapy reported results.', 'Stem Cell Research & Therapy', null],
  ])('%s', (text, journal, title) => {
    const found = lead(text);
    expect(found.known?.journal?.name).toBe(journal);
    expect(found.paperTitle).toBe(title);
  });

  // Seen on five English pages of the second real-page audit: a journal's name inside a longer run of
  // capitalised words (a foundation, a programme, a heading, a title) was read as the journal.
  it.each([
    'The sponsor, the Example Stem Cell Research Foundation, runs a phase 2 study.',
    'The product holds a Regenerative Medicine Advanced Therapy (RMAT) designation.',
    'Spinal Cord Injury',
    'Rejuvenated Stem Cells Help Aging Muscles Heal',
    'A trial called PISCES (Pilot Investigation of Stem Cells in Stroke) enrolled 12 men.',
    'according to a study published today inStem Cell Reports.',
  ])('%s: no journal (a name inside a longer capitalised run)', (text) => {
    expect(lead(text).known).toBeUndefined();
  });

  it.each([
    ['A team reported the work in Nature Medicine. Others agreed.', 'Nature Medicine'],
    // "Stem Cells" is an everyday phrase of the genre (journals.json's `cueOnly`): named bare only with a cue (change 142).
    ['The journal Stem Cells published the trial last year.', 'Stem Cells'],
  ])('%s: still %s', (text, journal) => {
    expect(lead(text).known?.journal?.name).toBe(journal);
  });

  it("reads the words that join a title's capitalised words from journals.json (cues.titleJoiners), not from code", () => {
    const table = JSON.parse(readFileSync(new URL('../../pipelines/data/journals.json', import.meta.url), 'utf8')) as JournalTable;
    const text = 'A trial called PISCES (Pilot Investigation of Stem Cells in Stroke) enrolled 12 men.';
    const read = (index: JournalIndex) => readLead(text, index, organizationTest(pipeline().data)).known?.journal?.name;
    expect(table.cues.titleJoiners).toContain('of');
    expect(read(new JournalIndex(table.journals, table.cues))).toBeUndefined();
    // Without its `cueOnly` (change 142), so that only the joining words decide here.
    const plain = table.journals.map(({ cueOnly: _cueOnly, ...journal }) => journal);
    expect(read(new JournalIndex(plain, { ...table.cues, titleJoiners: [] }))).toBe('Stem Cells');
  });

  it('keeps every journal of a list (a name after a comma is no title run)', () => {
    const names = readJournals('Results appeared in Cell Stem Cell, Nature Medicine and Stem Cells Translational Medicine.', journals(), organizationTest(pipeline().data)).names;
    expect(names.map((n) => n.journal?.name)).toEqual(['Cell Stem Cell', 'Nature Medicine', 'Stem Cells Translational Medicine']);
  });

  // Seen on a Taiwanese page of the fifteenth Chinese pass: a quoted term with its English gloss, where the gloss is an
  // everyday phrase of the genre (journals.json's `cueOnly`), was read as the journal.
  it.each([
    ['「再生醫療」(Regenerative Medicine)是利用細胞修復組織的醫療技術。', []],
    ['「再生醫學」(Regenerative Medicine)期刊刊登了這項研究。', ['Regenerative Medicine', 'Regenerative Medicine']],
    ['研究發表於《再生醫療》(Regenerative Medicine)。', ['Regenerative Medicine', 'Regenerative Medicine']],
    ['研究發表於「自然」(Nature)。', ['Nature', 'Nature']],
  ])('%s: journals %j', (text, expected) => {
    const names = readJournals(text, journals(), organizationTest(pipeline().data)).names;
    expect(names.map((n) => n.journal?.name)).toEqual(expected);
  });

  // Seen on a journal's page of the sixteenth Chinese pass: a Chinese journal whose English name opens with a known
  // journal's name ("Journal of Clinical Medicine in Practice") was read as that journal.
  it.each([
    ['BAO X, WANG D. Long-term outcome of cord MSC transplantation in lupus nephritis[J]. Journal of Clinical Medicine in Practice, 2023, 27(10): 1-5.', ['Journal of Clinical Medicine in Practice']],
    ['研究发表于《实用临床医药杂志》。', ['Journal of Clinical Medicine in Practice']],
    ['The trial was published in the Journal of Clinical Medicine.', ['Journal of Clinical Medicine']],
  ])('%s: journals %j', (text, expected) => {
    const names = readJournals(text, journals(), organizationTest(pipeline().data)).names;
    expect([...new Set(names.map((n) => n.journal?.name))]).toEqual(expected);
  });

  // Seen on magazine archives' pages of the seventeenth Chinese pass: two Chinese journals named by their issue lines.
  it.each([
    ['研究发表于《新医学》。', ['Journal of New Medicine']],
    ['研究发表于《中国现代医生》。', ['China Modern Doctor']],
    ['该院建成了一个创新医学中心。', []],
  ])('%s: journals %j', (text, expected) => {
    const names = readJournals(text, journals(), organizationTest(pipeline().data)).names;
    expect([...new Set(names.map((n) => n.journal?.name))]).toEqual(expected);
  });

  it('tells a publisher from a journal', () => {
    const found = lead('发表在《springer nature》上');
    expect(found.known).toBeUndefined();
    expect(found.publisher?.journal?.name).toBe('Springer Nature');
  });
});

describe('link stage', () => {
  const text = [
    '2025年3月干细胞治疗最新临床进展',
    '3月5日,行业期刊《干细胞研究与治疗》上发表了一篇研究成果。[1,2]',
    '3月9日,《未知期刊》杂志上发表研究。[9]',
    '参考资料:',
    '[1]Wang, L., Hao, M. Adipose-derived stem cells attenuate arthritis. Stem Cell Res Ther 16, 111 (2025). https://doi.org/10.1186/s13287-025-04144-5',
    '[2]Aghajani, S. Review of exosomes. Mol Biol Rep 52, 229 (2025). https://doi.org/10.1007/s11033-025-10290-z',
    '[3]Never cited, A. Some title. J Med. 2020;1:1.',
  ].join('\n');

  it('links markers to references and names the journal', async () => {
    const doc = await runUpTo(text, 'link');
    const [first, second] = items(doc);
    expect(first).toMatchObject({ citations: ['ref-1', 'ref-2'], journal: 'Stem Cell Research & Therapy', journalText: '干细胞研究与治疗' });
    expect(second).toMatchObject({ citations: [], journal: null, journalText: '未知期刊' });
  });

  it('warns about unresolved markers, uncited references and journal disagreement, at their places', async () => {
    const doc = await runUpTo(text, 'link');
    const found = doc.diagnostics.map((d) => `${d.rule}@${d.line}:${d.column}`);
    expect(found).toContain(`citation-unresolved@3:${'3月9日,《未知期刊》杂志上发表研究。'.length + 1}`);
    expect(found).toContain('reference-uncited@7:1');
    expect(found).toContain('journal-unknown@3:6');
    expect(doc.diagnostics.find((d) => d.rule === 'journal-mismatch')?.message).toBe('item names Stem Cell Research & Therapy but its reference [2] is in Mol Biol Rep');
  });
});

// Issue 17's pass on references of real pages: a story's "Journal Reference:", a repost's list of
// sources or a citation index's list stands under a text holding no marker at all; one warning says
// so, not one a reference. A text with markers still has each uncited reference named.
describe('link: a list under a text with no citation marker', () => {
  const list = ['Example AB. Marrow cells one. Cell Res Ex. 2024;1:1-9.', 'Example CD. Marrow cells two. Cell Res Ex. 2024;2:1-9.', 'Example EF. Marrow cells three. Cell Res Ex. 2024;3:1-9.'];
  const page = (body: string) => ['Stem cell news', body, 'References', ...list.map((l, i) => `[${i + 1}] ${l}`)].join('\n');

  it('warns once, at the list, when the text holds no marker', async () => {
    const doc = await runUpTo(page('Marrow cells were given to twelve patients.'), 'link');
    const uncited = doc.diagnostics.filter((d) => d.rule === 'reference-uncited');
    expect(uncited.map((d) => [d.line, d.message])).toEqual([[4, 'none of the 3 references ([1]–[3]) is cited in the text: it holds no citation marker']]);
  });

  it('names each uncited reference when the text holds a marker, even one that resolves to none', async () => {
    for (const body of ['Marrow cells were given to twelve patients [1].', 'Marrow cells were given to twelve patients [7].']) {
      const doc = await runUpTo(page(body), 'link');
      const uncited = doc.diagnostics.filter((d) => d.rule === 'reference-uncited').map((d) => d.line);
      expect(uncited).toEqual(body.includes('[1]') ? [5, 6] : [4, 5, 6]);
    }
  });

  it('a list of one under no marker keeps its own message', async () => {
    const doc = await runUpTo(['Stem cell news', 'Marrow cells were given.', 'Journal Reference:', list[0]!].join('\n'), 'link');
    expect(doc.diagnostics.filter((d) => d.rule === 'reference-uncited').map((d) => d.message)).toEqual(['reference [1] is never cited in the text']);
  });
});

// Issue 17's second pass on references: superscript citations (src/refs/superscripts.ts). One no
// link makes a footnote's cites only where the list has every number it names.
describe('link: superscript citations', () => {
  const list = ['Example AB. Marrow cells one. Cell Res Ex. 2024;1:1-9.', 'Example CD. Marrow cells two. Cell Res Ex. 2024;2:1-9.', 'Example EF. Marrow cells three. Cell Res Ex. 2024;3:1-9.'];
  const page = (body: string, withList = true) => ['Marrow cell trials this spring', 'A short report on the trials of the season.', body, ...(withList ? ['References', ...list.map((l, i) => `${i + 1}. ${l}`)] : [])].join('\n');

  it('links superscript digits to the numbered references, in text order with bracketed markers', async () => {
    const doc = await runUpTo(page('Marrow cells were given.² Twelve patients [1] improved.³'), 'link');
    expect(doc.citations.map((c) => [c.text, c.references, c.position.start.column])).toEqual([
      ['²', ['ref-2'], 25],
      ['[1]', ['ref-1'], 43],
      ['³', ['ref-3'], 56],
    ]);
    expect(doc.diagnostics.map((d) => d.rule)).not.toContain('reference-uncited');
  });

  it('a superscript naming a number the list lacks, or under no list, is no marker and is not reported', async () => {
    for (const withList of [true, false]) {
      const doc = await runUpTo(page('Marrow cells were given.¹ A dose of 4 per kilogram.⁹', withList), 'link');
      expect(doc.citations.map((c) => c.text)).toEqual(withList ? ['¹'] : []);
      expect(doc.diagnostics.map((d) => d.rule)).not.toContain('citation-unresolved');
    }
  });

  it("an item's superscripts are its citations", async () => {
    const doc = await runUpTo(['2025年3月干细胞治疗最新临床进展', '3月5日,《干细胞研究与治疗》上发表了一篇研究成果。¹˒³', '参考资料:', ...list.map((l, i) => `${i + 1}. ${l}`)].join('\n'), 'link');
    expect(items(doc).map((i) => i.citations)).toEqual([['ref-1', 'ref-3']]);
  });

  it('a superscript linked to the page is a marker even where the list lacks its number', async () => {
    const html = `<html><body><article><h1>Stem cell news</h1><p>Marrow cells were given.<sup><a href="#r1">1</a></sup> Patients improved.<sup><a href="#r7">7</a></sup> ${'More about the trial. '.repeat(10)}</p><h2>References</h2><ol>${list.map((l) => `<li>${l}</li>`).join('')}</ol></article></body></html>`;
    const doc = await runUpTo(html, 'link', 'x.html');
    expect(doc.citations.map((c) => [c.text, c.references])).toEqual([
      ['1', ['ref-1']],
      ['7', []],
    ]);
    expect(doc.diagnostics.filter((d) => d.rule === 'citation-unresolved').map((d) => d.message)).toEqual(['citation [7] has no entry in the reference list']);
  });
});

// A page of six references under a body of `body`, for the markers a copy flattened (changes 199 and 203).
const flatList = Array.from({ length: 6 }, (_, i) => `Example A${i + 1}, Example B. Marrow cells number ${i + 1}. Cell Res Ex. 2024;${i + 1}:1-9.`);
const flatPage = (body: string, withList = true) => ['Marrow cell trials this spring', 'A short report on the trials of the season.', body, ...(withList ? ['References', ...flatList.map((l, i) => `${i + 1}. ${l}`)] : [])].join('\n');
const flatCited = async (body: string, withList = true) => (await runUpTo(flatPage(body, withList), 'link')).citations.map((c) => [c.text, c.references.join(' ')]);

// Issue 17's fifth pass on references: superscripts flattened into plain digits ("…symmetrically.1 In").
// They cite only in the order of the page's list; numbers that belong to the text keep none.
describe('link: flattened superscript citations', () => {
  const list = flatList;
  const cited = flatCited;

  it('links flattened digits in list order, repeats of a number cited before, and a gap of a lost marker', async () => {
    expect(await cited('Marrow cells differentiate symmetrically.1 In 2019 twelve patients were given cells,2,3 and both cohorts improved.2 Later trials5 agreed.')).toEqual([
      ['1', 'ref-1'],
      ['2,3', 'ref-2 ref-3'],
      ['2', 'ref-2'],
      ['5', 'ref-5'],
    ]);
  });

  it('links none out of order, past the list, or under no list', async () => {
    // "…more.5" opens with a number three past none cited; "…grew.9" names no reference.
    expect(await cited('Fat holds many more cells.5 Marrow cells differentiate.1 The cells grew.9 All others2 agreed.')).toEqual([
      ['1', 'ref-1'],
      ['2', 'ref-2'],
    ]);
    expect(await cited('Marrow cells differentiate symmetrically.1 In 2019 they grew.', false)).toEqual([]);
  });

  it('keeps the order with bracketed markers: a flattened one after [3] goes on from 3', async () => {
    expect(await cited('Marrow cells [1-3] differentiate.4 They grew.6 All others2 agreed.')).toEqual([
      ['[1-3]', 'ref-1 ref-2 ref-3'],
      ['4', 'ref-4'],
      ['6', 'ref-6'],
      ['2', 'ref-2'],
    ]);
  });

  it("an item's flattened digits are its citations", async () => {
    const doc = await runUpTo(['2025年3月干细胞治疗最新临床进展', '3月5日,《干细胞研究与治疗》上发表了一篇研究 on marrow cells.1,2', '参考资料:', ...list.map((l, i) => `${i + 1}. ${l}`)].join('\n'), 'link');
    expect(items(doc).map((i) => i.citations)).toEqual([['ref-1', 'ref-2']]);
  });
});

// Issue 17's sixth pass on references: Taylor & Francis's flattened links ("…lineages.Citation1,Citation2 …").
// The word says each is a citation link: read as a superscript is, where the list has its numbers, in any order.
describe('link: named citation links', () => {
  const page = flatPage;
  const cited = flatCited;

  it('links each named link and range whatever its order, and none past the list or under no list', async () => {
    expect(await cited('Fat holds many more cells.Citation5 Marrow cells differentiate.Citation1Citation3 and grew,Citation2,Citation6 as shown.Citation9')).toEqual([
      ['Citation5', 'ref-5'],
      ['Citation1Citation3', 'ref-1 ref-2 ref-3'],
      ['Citation2,Citation6', 'ref-2 ref-6'],
    ]);
    expect(await cited('Marrow cells differentiate.Citation1 and grew.', false)).toEqual([]);
  });

  it('a page cited only by named links warns no reference uncited', async () => {
    const doc = await runUpTo(page('Marrow cells.Citation1Citation6 All of them.'), 'link');
    expect(doc.diagnostics.filter((d) => d.rule === 'reference-uncited')).toEqual([]);
  });
});

describe('link: readJournals keeps the code TurboFan made for it (issue 17)', () => {
  it('reads a bracket naming one journal in both scripts in optimised code and meets no new map', () => {
    const data = pipeline().data;
    const isOrganization = organizationTest(data);
    const texts = ['登上国际期刊「Nature Biotechnology 自然生物科技」。', '团队在《Cell》《Nature Biotechnology》上发表成果。', '刊于「Cell 自然」。'];
    let k = 0;
    const next = () => readJournals(texts[k++ % texts.length]!, data.journals, isOrganization);
    expect(next().names.map((n) => n.text)).toEqual(['Nature Biotechnology', '自然生物科技']);
    // Before: the bracket's runs were listed by `map(…)`, holey in optimised code, and `filter`ed.
    expect(keepsOptimisedCode(readJournals, next)).toBe(true);
  });
});
