import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldWidth } from '../../src/core/text.js';
import { plainBlocks } from '../../src/parse/plain.js';
import { entryNumbers } from '../../src/refs/list.js';
import { parseReference } from '../../src/refs/parse.js';
import type { Block } from '../../src/core/document.js';
import { isLabelLine, isReferenceRun, isSubtitledHeading, lineNumberOf, listAfterHeading, splitReferences, trailingNumberedRun, unheadedListAt } from '../../src/refs/split.js';

const split = (text: string) => splitReferences(plainBlocks(text));

describe('splitting reference lists', () => {
  it.each([
    ['[1]A.\n[2]B.', [1, 2]],
    ['［1］A.\n［2］B.', [1, 2]],
    ['【1】A.\n【2】B.', [1, 2]],
    ['1. A.\n2. B.', [1, 2]],
    ['(1) A.\n(2) B.', [1, 2]],
    // Change 215: a closing bracket alone, then a space, as a clinic's page numbers its sources.
    ['1) A.\n2) B.', [1, 2]],
  ])('numbers of %j', (text, numbers) => {
    expect(split(text).entries.map((e) => e.number)).toEqual(numbers);
  });

  it('"n)" marks an entry only before a space: a wrapped line opening "2):" or "3)45" is its entry\'s', () => {
    const { entries } = split('1) Example A. Stromal cells in repair. Cell Ex. 2009;43(\n2):821-828.\n2) Model C. Cells. Bone Ex. 2010;1(\n3)45-50.');
    expect(entries.map((e) => [e.number, e.raw])).toEqual([
      [1, 'Example A. Stromal cells in repair. Cell Ex. 2009;43( 2):821-828.'],
      [2, 'Model C. Cells. Bone Ex. 2010;1( 3)45-50.'],
    ]);
  });

  // Issue 17, references on real pages (change 211): a journal site's "[1]. Family A, …", the full stop after
  // the bracket read into the first author.
  it('reads a full stop after a bracketed number as the marker\'s ("[1]. Example A")', () => {
    const { entries } = split('[1]. Example A, Sample B. Stromal cells in repair. Cell Ex. 2009; 43:821-828.\n[2]. Model C. Cells. Bone Ex. 2010; 1:2.');
    expect(entries.map((e) => [e.number, e.raw.slice(0, 9)])).toEqual([[1, 'Example A'], [2, 'Model C. ']]);
    expect(parseReference(entries[0]!.raw, 'r1').csl.author?.[0]).toEqual({ family: 'Example', given: 'A' });
  });

  // A Chinese journal site copies its list with the line's number glued to the reference: "5Example FP, …",
  // "1EXAMPLE C C,…", or its own line number before the list's bracket ("2[1]Example ER").
  it.each([
    ['5Example FP, Sample JM. Stromal cells [J]. J Ex,2004,36(4):568-584.\n6Model B, Test M. Grafts [J]. Blood Ex,2003,12(6):603-613.\n7Trial B. Cells [J]. Ex Res,2004,143(4):230-240.', [5, 6, 7], 'Example FP'],
    ['1EXAMPLE C C,SAMPLE C,et al.Expansion [J].Proc Ex,2000,98(7):3213-3218.\n2MODEL M K,et al.Recovery [J].J Ex,2000,18(2):307-316.\n4TRIAL C D,et al.Damage [J].Haem Ex,1999,84(6):511-516.', [1, 2, 4], 'EXAMPLE C'],
    ['2[1]Example ER, Sample IM. Network [J]. Tissue Ex,1998,30(1):127-135.\n3[2]Model L. Pericytes [J]. Clin Ex,1992,275:280-286.\n4[5]Trial MJ. Potential [J]. Bone Ex,1998,13:828-838.', [1, 2, 5], 'Example ER'],
  ])('reads numbers glued to the entry as the list\'s (%#)', (text, numbers, start) => {
    const { entries, notes } = split(text);
    expect(entries.map((e) => e.number)).toEqual(numbers);
    expect(entries[0]!.raw.startsWith(start)).toBe(true);
    expect(notes.filter((n) => n.kind === 'unnumbered-list')).toEqual([]);
  });

  it('reads no glued number where a list does not open its lines so, nor a "3D" title', () => {
    // One glued line among unnumbered ones, and a title opening with "3D", stay text.
    const apa = '3Dimensional Example, A. (2020). Cells. Ex, 1, 2.\nSample, B. (2019). Grafts. Ex, 2, 3.\nTrial, C. (2018). Repair. Ex, 3, 4.';
    expect(split(apa).entries.map((e) => [e.number, e.raw.slice(0, 12)])).toEqual([[null, '3Dimensional'], [null, 'Sample, B. ('], [null, 'Trial, C. (2']]);
    const titles = '3D bioprinting of cartilage. Ex J. 2020;1:2.\n3D culture of stromal cells. Ex J. 2021;2:3.';
    expect(split(titles).entries.map((e) => e.number)).toEqual([null, null]);
    // Glued numbers that do not run on are no numbering.
    const scattered = '5Example A. Cells. Ex J. 2020;1:2.\n9Sample B. Grafts. Ex J. 2021;2:3.\n2Trial C. Repair. Ex J. 2022;3:4.';
    expect(split(scattered).entries.map((e) => e.number)).toEqual([null, null, null]);
  });

  it('joins an entry that runs over two lines', () => {
    const { entries } = split('[1]Zhixiang Huang, Tianwang Li,\nIntegrin-linked kinase,Bone,Volume 200,2025,117591\n[2]Next.');
    expect(entries.map((e) => e.raw)).toEqual(['Zhixiang Huang, Tianwang Li, Integrin-linked kinase,Bone,Volume 200,2025,117591', 'Next.']);
  });

  it('splits two entries that share a line when the numbers follow on', () => {
    const text = '[4]Huang Z. Title,Bone,Volume 200,2025,117591,https://doi.org/10.1016/j.bone.2025.117591.[5]Ke M, Liu W. Breaking boundaries. Front. Immunol. 16:1613502.';
    const { entries, notes } = split(text);
    expect(entries.map((e) => e.number)).toEqual([4, 5]);
    expect(entries[0]?.raw.endsWith('117591.')).toBe(true);
    expect(entries[1]?.raw.startsWith('Ke M')).toBe(true);
    expect(entries[1]?.start).toBe(text.indexOf('[5]'));
    expect(notes).toEqual([{ kind: 'merged-line', offset: text.indexOf('[5]'), number: 5 }]);
  });

  it('does not split on a bracketed number that does not continue the sequence', () => {
    const { entries } = split('[1]Smith J. Cells [2] and tissues. J 2020;1:1.\n[2]Next.');
    expect(entries.map((e) => e.number)).toEqual([1, 2]);
  });

  it('keeps the lines of a list numbered nowhere as entries of their own and says so once, at the first', () => {
    const { entries, notes } = split('Smith J. One. J 2020;1:1.\nDoe A. Two. K 2021;2:2.\nRoe B. Three. L 2022;3:3.');
    expect(entries.map((e) => e.number)).toEqual([null, null, null]);
    expect(notes).toEqual([{ kind: 'unnumbered-list', offset: entries[0]!.start, number: null, count: 3 }]);
  });

  it('says each unnumbered line before the first number of a numbered list', () => {
    const { entries, notes } = split('Smith J. One. J 2020;1:1.\n[1]Doe A. Two. K 2021;2:2.\n[2]Roe B. Three. L 2022;3:3.');
    expect(entries.map((e) => e.number)).toEqual([null, 1, 2]);
    expect(notes.map((n) => n.kind)).toEqual(['unnumbered']);
  });
});

describe('lists as they are copied', () => {
  const line = (i: number) => `Author${i} A, Writer${i} B. Study number ${i} of marrow cells. J Cell Res. 20${10 + (i % 10)};${i}:${i}-${i + 5}.`;

  it('a plain list where one line starts with "10." is read one reference per line', () => {
    const lines = Array.from({ length: 30 }, (_, i) => line(i));
    lines[12] = `10. ${lines[12]}`;
    const { entries } = split(lines.join('\n'));
    expect(entries).toHaveLength(30);
    expect(entries[13]!.raw).toBe(line(13));
  });

  it('a DOI on the line after its entry joins that entry; label lines are no entries', () => {
    const text = Array.from({ length: 10 }, (_, i) => [line(i), 'Article  CAS  PubMed  Google Scholar', `https://doi.org/10.1000/cells.${i}`, 'Journal', 'Publisher'].join('\n')).join('\n');
    const { entries, notes } = split(text);
    expect(entries).toHaveLength(10);
    expect(entries[3]!.raw).toBe(`${line(3)} https://doi.org/10.1000/cells.3`);
    expect(notes.filter((n) => n.kind === 'unplaced')).toEqual([]);
    const parsed = entries.map((e) => parseReference(e.raw, 'ref-1').csl);
    expect(parsed.map((c) => c.DOI)).toEqual(Array.from({ length: 10 }, (_, i) => `10.1000/cells.${i}`));
    expect(parsed.flatMap((c) => c.author ?? []).map((a) => a.family)).not.toContain('Journal');
  });

  it('a line of only a dash between entries (as index pages print them) is no entry', () => {
    const text = ['-', line(1), 'https://doi.org/10.1000/cells.1 -', line(2), 'https://doi.org/10.1000/cells.2 -', '—', '* * *'].join('\n');
    const { entries, notes } = split(text);
    expect(entries.map((e) => e.raw)).toEqual([`${line(1)} https://doi.org/10.1000/cells.1 -`, `${line(2)} https://doi.org/10.1000/cells.2 -`]);
    expect(notes.filter((n) => n.kind === 'unplaced')).toEqual([]);
    expect(isLabelLine('-')).toBe(true);
    expect(isLabelLine('   ')).toBe(false);
    expect(isLabelLine('李时珍.')).toBe(false);
  });

  // Issue 17's sixth pass: a publisher's page that sets each number in a list item of its own ("• 1" over
  // its entry, Wiley's online lists).
  it('a number alone on its line, after a bullet or not, starts the entry on the lines after it', () => {
    for (const mark of ['• ', '']) {
      const { entries, notes } = split([`${mark}1`, line(1), `${mark}2`, line(2), 'https://doi.org/10.1000/cells.2', `${mark}3`, line(3)].join('\n'));
      expect(entries.map((e) => [e.number, e.raw])).toEqual([
        [1, line(1)],
        [2, `${line(2)} https://doi.org/10.1000/cells.2`],
        [3, line(3)],
      ]);
      expect(notes).toEqual([]);
    }
  });

  // Issue 17's sixth pass: Elsevier's journal pages set each author in a list item of its own, the title and
  // the source on lines of their own after them.
  it('authors one a list item, then the title and the source: one entry a reference, its authors joined', () => {
    const text = ['• Hochberg M.C.', 'Osteoarthritis in the clinic.', 'HSS Ex J. 2012; 8: 35-36', '• Nuesch E.', '• Dieppe P.', '• Juni P.', 'Mortality in patients with knee osteoarthritis.', 'BMJ Ex. 2011; 342: d1165', 'https://doi.org/10.1000/bmj.1'].join('\n');
    const { entries, notes } = split(text);
    expect(entries.map((e) => e.raw)).toEqual([
      'Hochberg M.C. Osteoarthritis in the clinic. HSS Ex J. 2012; 8: 35-36',
      'Nuesch E., Dieppe P., Juni P. Mortality in patients with knee osteoarthritis. BMJ Ex. 2011; 342: d1165 https://doi.org/10.1000/bmj.1',
    ]);
    expect(notes.map((n) => [n.kind, n.count])).toEqual([['unnumbered-list', 2]]);
    expect(entries.map((e) => parseReference(e.raw, 'ref-1').csl.author?.map((a) => a.family))).toEqual([['Hochberg'], ['Nuesch', 'Dieppe', 'Juni']]);
    // (A bulleted list of whole references is read one a line, as before.)
    expect(split(['• ' + line(1), '• ' + line(2)].join('\n')).entries.map((e) => e.raw)).toEqual([line(1), line(2)]);
  });

  it('a number alone that does not carry the numbering on (a year, a page) is a line of its entry', () => {
    const { entries } = split(['1. ' + line(1), '2019', '2. ' + line(2), '7', '3. ' + line(3)].join('\n'));
    expect(entries.map((e) => [e.number, e.raw])).toEqual([
      [1, `${line(1)} 2019`],
      [2, `${line(2)} 7`],
      [3, line(3)],
    ]);
  });

  it('the same in a numbered list: the DOI line and the labels belong to the numbered entry', () => {
    const text = ['[1] ' + line(1), 'doi: 10.1000/cells.1', 'Google Scholar', '[2] ' + line(2), 'PMID: 12345678'].join('\n');
    const { entries } = split(text);
    expect(entries.map((e) => e.number)).toEqual([1, 2]);
    expect(entries[0]!.raw).toBe(`${line(1)} doi: 10.1000/cells.1`);
    expect(entries[1]!.raw).toBe(`${line(2)} PMID: 12345678`);
  });

  it('"参考文献[1]…": the heading glued to the first entry is cut off', () => {
    const headings = [/^(?:参考资料|参考文献|References?)\s*[:：]?\s*$/u];
    const text = '参考文献[1]王一. 干细胞[J]. 生命科学, 2020, 1(1): 1-2.\n[2]李二. 外泌体[J]. 生命科学, 2021, 2(1): 3-4.';
    const { entries } = splitReferences(plainBlocks(text), { headings });
    expect(entries.map((e) => e.number)).toEqual([1, 2]);
    expect(entries[0]!.raw.startsWith('王一')).toBe(true);
    expect(entries[0]!.start).toBe(text.indexOf('[1]'));
    expect(listAfterHeading('References: 1. Smith J. A title. J 2020;1:1.', headings)).toBe('References: '.length);
    expect(listAfterHeading('Results [1] show', headings)).toBe(-1);
  });

  it('a line it cannot place is reported with its position', () => {
    const text = 'https://doi.org/10.1000/orphan\n' + line(1);
    const { entries, notes } = split(text);
    expect(entries).toHaveLength(1);
    expect(notes).toContainEqual({ kind: 'unplaced', offset: 0, number: null, text: 'https://doi.org/10.1000/orphan' });
  });

  it('a list of 100,000 entries splits into 100,000 entries (linear: no quadratic scan, no stack overflow)', () => {
    const text = Array.from({ length: 100_000 }, (_, i) => `[${i + 1}]Smith J. Title ${i}. J Med. 2020;1:${i}.`).join('\n');
    const { entries } = split(text);
    expect(entries).toHaveLength(100_000);
    expect(entries[99_999]!.number).toBe(100_000);
    const plain = Array.from({ length: 100_000 }, (_, i) => `Smith J. Title ${i}. J Med. 2020;1:${i}.`).join('\n');
    expect(split(plain).entries).toHaveLength(100_000);
    expect(entryNumbers(Array.from({ length: 200_000 }, () => ({ number: null }))).at(-1)).toBe(200_000);
  });
});

describe('the list folded once (issue 17)', () => {
  const headings = [/^(?:参考资料|参考文献|References?)\s*[:：]?\s*$/u];
  /** listAfterHeading as it was: the first 40 units folded, then the first marker searched for. */
  const oldAfterHeading = (text: string) => {
    const view = foldWidth(text.slice(0, 40));
    const marker = /(?:\[\s*1\s*\]|［\s*1\s*］|【\s*1\s*】|(?<![\d.])1\s*[.．、](?!\d))/u.exec(view);
    if (!marker || marker.index === 0) return -1;
    const heading = view.slice(0, marker.index).trim();
    return heading && headings.some((r) => r.test(heading)) ? marker.index : -1;
  };

  it('listAfterHeading answers as before, a block without "1" or "１" in its first 40 units at once', () => {
    const piece = fc.constantFrom('参考文献', 'References', ':', '：', ' ', '\u3000', '[', ']', '［', '］', '【', '】', '1', '１', '2', '.', '．', '、', 'Smith', '干细胞', 'x');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), (pieces) => {
        const text = pieces.join('');
        expect(listAfterHeading(text, headings)).toBe(oldAfterHeading(text));
      }),
      { seed: 17, numRuns: 4000 },
    );
    expect(listAfterHeading('参考文献［１］王一', headings)).toBe(4);
    expect(listAfterHeading(`${'x'.repeat(39)}1. A`, headings)).toBe(-1);
  });

  it('markers are read in the fold of the lines joined: full-width markers after lines of every length give the same entries as their half-width copy', () => {
    const marker = fc.constantFrom('［1］', '[1]', '【1】', '１．', '1.', '(1)', '（1）', '');
    const body = fc.constantFrom('Smith J. A title. J 2020;1:1.', '王一. 干细胞[J]. 生命科学, 2020, 1(1): 1-2.', 'Ｄｏｅ　Ａ. Ｔｗｏ.', 'cells [2] and', '');
    fc.assert(
      fc.property(fc.array(fc.tuple(marker, body, fc.nat({ max: 40 })), { minLength: 1, maxLength: 12 }), (lines) => {
        const text = lines.map(([m, b, pad], i) => `${m.replace(/[1１]/, String(i + 1).replace(/\d/g, (d) => (m.includes('１') ? String.fromCharCode(0xff10 + Number(d)) : d)))}${b}${'ｘ'.repeat(pad)}`).join('\n');
        const mine = split(text);
        const half = split(foldWidth(text));
        expect(mine.entries.map((e) => [e.number, e.start, e.end])).toEqual(half.entries.map((e) => [e.number, e.start, e.end]));
        expect(mine.entries.map((e) => foldWidth(e.raw))).toEqual(half.entries.map((e) => e.raw));
        expect(mine.notes.map((n) => [n.kind, n.offset, n.number])).toEqual(half.notes.map((n) => [n.kind, n.offset, n.number]));
      }),
      { seed: 17, numRuns: 2000 },
    );
  });
});

// Issue 17, references on real pages (change 221): a list printed with no heading over it, read from its lines.
const listHeadings = [/^(?:References?|Sources|Literatur)\s*(?:[:：]\s*)?$/];
const listAt = (text: string): number => {
  const all = plainBlocks(text);
  const run = trailingNumberedRun(all);
  for (let b = 0; b < all.length; b++) if (unheadedListAt(all, b, run, listHeadings) !== null) return b;
  return -1;
};

const vancouver = (n: number) => `${n}. Example A, Sample B. Marrow cells in repair ${n}. Cell Ex. 20${10 + n};${n}(2):${n}1-${n}9.`;
const prose = 'Marrow cells were given to twelve patients.\n';

describe('a list with no heading at the page\'s end', () => {
  it.each([
    ['Vancouver, "1." numbers', `${prose}${vancouver(1)}\n${vancouver(2)}\n${vancouver(3)}`, 1],
    ['BMC\'s "Name: Title. Journal. 1999, 367 (Suppl): S24-S33."', `${prose}1. Example A: Building a patch. Ex Orthop. 1999, 367 (Suppl): S24-S33.\n2. Model C: Cells. Ex Symp. 2003, 249: 86-96.\n3. Trial D: Volume. Pain Ex. 2008, 11: 343-353.`, 1],
    ['bracketed numbers, GB/T marks', `${prose}[1] 示例甲. 干细胞综述[J]. 示例杂志, 2020, 40(3): 12-15.\n[2] 示例乙. 软骨修复[J]. 示例学报, 2021, 41(2): 5-9.\n[3] 示例丙. 细胞治疗[M]. 北京: 示例出版社, 2019.`, 1],
    ['APA\'s "Journal, 18(7), 955–968." with no DOI', `${prose}1. Example, A., & Sample, B. (2009). Marrow cells. Stem Cells Ex, 18(7), 955–968.\n2. Model, C. (2005). Precursors. Ex Medicine, 2(6), e161.\n3. Trial, D. (2011). Telomeres. Cells Ex, 22(5), 675–82.`, 1],
    ['one line of four with no numbers (an organisation\'s rules)', `${prose}1. Example Agency: Cell therapy. Rules and Regulations. Chapter 2, Section 12\n${vancouver(2)}\n${vancouver(3)}\n${vancouver(4)}`, 1],
    // (Change 227: a DOI or label line under the last entry, as index pages print them, ends no run.)
    ['a DOI line under the last entry', `${prose}${vancouver(1)}\n${vancouver(2)}\n${vancouver(3)}\nDOI: 10.1234/example.3`, 1],
    ['a link and a label line under the last entry', `${prose}${vancouver(1)}\n${vancouver(2)}\n${vancouver(3)}\nhttps://doi.org/10.1234/example.3\nGoogle Scholar`, 1],
  ])('%s', (_, text, at) => {
    expect(listAt(text)).toBe(at);
  });

  it('an ordered list of markup, numbered by its items', () => {
    const items: Block[] = [1, 2, 3].map((n, i) => ({ kind: 'list-item', text: vancouver(n).slice(3), start: i * 100, end: i * 100 + 90, exact: false, ordinal: n }));
    const all: Block[] = [{ kind: 'paragraph', text: prose.trim(), start: 0, end: 40, exact: false }, ...items];
    expect(trailingNumberedRun(all)).toBe(1);
    expect(isReferenceRun(all, 1, false)).toBe(true);
  });

  it.each([
    ['a dated news list ("1. March 3, 2025: …")', `${prose}1. March 3, 2025: The agency approved a cell therapy for knee pain, 2025; 3: 4.\n2. April 9, 2025: A trial enrolled 40 patients, 2025; 2: 40.\n3. May 2, 2025: A second trial opened, 2025; 5: 60.`],
    ['a dated Chinese list ("1. 2025年3月5日，…")', `${prose}1. 2025年3月5日，某公司的细胞疗法获批, 2025, 3: 4-9.\n2. 2025年4月9日，一项试验入组40名患者, 2025, 4: 40-49.\n3. 2025年5月2日，第二项试验启动, 2025, 5: 6-9.`],
    ['a year with a count ("2023: 45 patients")', `${prose}1. Trial one, 2023: 45 patients treated.\n2. Trial two, 2024: 60 patients treated.\n3. Trial three, 2025: 80 patients treated.`],
    ['two references only', `${prose}${vancouver(1)}\n${vancouver(2)}`],
    ['three lines under the last entry, each a DOI or label line', `${prose}${vancouver(1)}\n${vancouver(2)}\n${vancouver(3)}\nDOI: 10.1234/example.3\nGoogle Scholar\nPubMed`],
    ['a numbered list followed by a short Latin line that is no label', `${prose}${vancouver(1)}\n${vancouver(2)}\n${vancouver(3)}\nSee also`],
    ['numbers out of order', `${prose}${vancouver(1)}\n${vancouver(3)}\n${vancouver(2)}`],
    ['a numbered list followed by prose', `${prose}${vancouver(1)}\n${vancouver(2)}\n${vancouver(3)}\nThe results were mixed.`],
    ['numbered steps with no reference\'s numbers', `${prose}1. Collect the marrow.\n2. Spin it down.\n3. Inject the cells into the knee.`],
    ['one line of three holding a reference\'s numbers', `${prose}1. Collect the marrow.\n2. Spin it down.\n${vancouver(3)}`],
  ])('not for %s', (_, text) => {
    expect(listAt(text)).toBe(-1);
  });

  it('counts the run back from the page\'s last line and stops at the first line out of it', () => {
    expect(trailingNumberedRun(plainBlocks(`${vancouver(1)}\n${prose}${vancouver(1)}\n${vancouver(2)}`))).toBe(2);
    expect(trailingNumberedRun(plainBlocks(`${prose}${vancouver(1)}`))).toBe(1);
    expect(trailingNumberedRun(plainBlocks(prose))).toBe(-1);
  });

  it('answers a line that cannot open with a number before the pattern, as the pattern would (change 227)', () => {
    const opening = fc.constantFrom('', ' ', '\u3000', '\u00a0', '\t', '[', '［', '【', '(', '（', '1', '１', '12', 'A', '扫', '-', '•', '\ufeff');
    const rest = fc.constantFrom('', '3', '3]', '3.', '３．', ') A', '3) A', '] A', ' A title', '、A');
    fc.assert(
      fc.property(fc.array(opening, { maxLength: 4 }), rest, fc.nat({ max: 20 }), (open, tail, pad) => {
        const text = `${' '.repeat(pad)}${open.join('')}${tail}`;
        const block: Block = { kind: 'paragraph', text, start: 0, end: text.length, exact: true };
        const m = /^\s*(?:\[\s*(\d{1,6})\s*\](?:[.．](?!\d))?|［\s*(\d{1,6})\s*］|【\s*(\d{1,6})\s*】|\(\s*(\d{1,3})\s*\)|（\s*(\d{1,3})\s*）|(\d{1,4})\s*[.．、](?!\d)|(\d{1,3})\)(?=\s))\s*/u.exec(foldWidth(text.slice(0, 16)));
        expect(lineNumberOf(block)).toEqual(m ? { number: Number(m.slice(1).find((g) => g !== undefined)), length: m[0].length } : null);
      }),
      { seed: 17, numRuns: 3000 },
    );
  });

  it('reads a line\'s number and its marker\'s length, full-width too', () => {
    expect(['[3] A', '3. A', '(3) A', '3) A', '［3］A', '12、A', 'A 3.', '3D printing'].map((t) => lineNumberOf({ kind: 'paragraph', text: t, start: 0, end: t.length, exact: true }))).toEqual([
      { number: 3, length: 4 },
      { number: 3, length: 3 },
      { number: 3, length: 4 },
      { number: 3, length: 3 },
      { number: 3, length: 3 },
      { number: 12, length: 3 },
      null,
      null,
    ]);
  });
});

describe('a reference heading with a subtitle', () => {
  it.each([['References: all about the science'], ['Sources: what we read'], ['References：延伸阅读']])('%j', (line) => {
    expect(isSubtitledHeading(line, listHeadings)).toBe(true);
  });

  it.each([['References:'], ['References'], ['Sources of marrow cells: a review'], ['Our references: all about the science'], [`References: ${'a very long subtitle '.repeat(5)}`]])('not %j', (line) => {
    expect(isSubtitledHeading(line, listHeadings)).toBe(false);
  });

  it('opens the list under it when one line there holds a reference\'s numbers', () => {
    const text = `${prose}References: all about the science\n1. Example Agency. Cord blood banking. Available at: http://example.org/a\n${vancouver(2)}`;
    expect(listAt(text)).toBe(1);
    expect(unheadedListAt(plainBlocks(text), 1, 2, listHeadings)).toBe('heading');
  });

  it('"Sources: Reuters, AP" over a news story\'s last lines is no heading', () => {
    expect(listAt(`${prose}Sources: Reuters, AP\n1. The agency said it would decide in May.\n2. The company declined to comment.`)).toBe(-1);
  });
});

describe('a reference list set in a Markdown table', () => {
  it('reads each row as its entry, the header over the rule dropped, offsets the source\'s', () => {
    const text = '| No. | Reference |\n| --- | --- |\n| 1. | Example AB, Sample C. Cord blood banking today. Transfusion Ex. 2012;52(4):880-887. |\n| 2. | Model LM, Trial K. Cord blood for palsy: a trial. Ex Transl Med. 2017;6(12):2071-2078. |';
    const { entries } = split(text);
    expect(entries.map((e) => [e.number, e.raw])).toEqual([
      [1, 'Example AB, Sample C. Cord blood banking today. Transfusion Ex. 2012;52(4):880-887.'],
      [2, 'Model LM, Trial K. Cord blood for palsy: a trial. Ex Transl Med. 2017;6(12):2071-2078.'],
    ]);
    expect(text.slice(entries[1]!.start, entries[1]!.end)).toMatch(/^\| 2\. \| Model LM, .*2071-2078\. \|$/);
    expect(parseReference(entries[0]!.raw, 'r1').csl.author?.[0]).toEqual({ family: 'Example', given: 'AB' });
  });

  it('leaves a list whose lines open with no bar as it was', () => {
    expect(split('1. Example A | Sample B. A title. Ex J. 2001;3:4-5.\n2. Model C. A title. Ex J. 2002;4:5-6.').entries.map((e) => e.raw.slice(0, 11))).toEqual(['Example A |', 'Model C. A ']);
  });
});

