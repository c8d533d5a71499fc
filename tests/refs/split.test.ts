import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldWidth } from '../../src/core/text.js';
import { plainBlocks } from '../../src/parse/plain.js';
import { entryNumbers } from '../../src/refs/list.js';
import { parseReference } from '../../src/refs/parse.js';
import { isLabelLine, listAfterHeading, splitReferences } from '../../src/refs/split.js';

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
