import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import type { Block, Superscript } from '../../src/core/document.js';
import { flattenedMarkers, superscriptMarkers } from '../../src/refs/superscripts.js';
import { repo } from '../helpers.js';

/** A markup block whose text is `parts` joined, each `[text]` pair a <sup> (linked when its third element says so). */
function markup(...parts: (string | [string] | [string, 'linked'])[]): Block {
  let text = '';
  const superscripts: Superscript[] = [];
  for (const part of parts) {
    if (typeof part === 'string') text += part;
    else {
      superscripts.push({ index: text.length, length: part[0].length, source: 1000 + text.length, linked: part[1] === 'linked' });
      text += part[0];
    }
  }
  return { kind: 'paragraph', text, start: 1000, end: 1000 + text.length, exact: false, superscripts };
}
const plain = (text: string): Block => ({ kind: 'paragraph', text, start: 0, end: text.length, exact: true });
const read = (block: Block) => superscriptMarkers(block).map((m) => [m.text, m.numbers, m.linked]);

describe('superscriptMarkers: the markup says it (<sup>)', () => {
  it('reads numbers, lists and ranges set high as markers, with their place in the source', () => {
    const block = markup('healed poorly.', ['1'], ' Uneven,', ['2,3'], ' and trials.', ['4–6']);
    expect(read(block)).toEqual([
      ['1', '1', false],
      ['2,3', '2,3', false],
      ['4–6', '4–6', false],
    ]);
    expect(superscriptMarkers(block)[1]).toMatchObject({ index: 23, end: 26, source: 1023 });
  });

  it('reads no power, index or ordinal as a marker: after a digit, a one-letter symbol or a unit, or not a number', () => {
    expect(read(markup('about 10', ['6'], ' cells'))).toEqual([]);
    expect(read(markup('lesions of 2 cm', ['2'], ' close'))).toEqual([]);
    expect(read(markup('a volume of 5 mm', ['3'], ' per tract'))).toEqual([]);
    expect(read(markup('with R', ['2'], ' = 0.41'))).toEqual([]);
    expect(read(markup('the 1', ['st'], ' generation'))).toEqual([]);
    expect(read(markup('calcium (Ca', ['2+'], ')'))).toEqual([]);
    expect(read(markup('bracketed', ['[7]']))).toEqual([]);
  });

  it('a link to the page makes a superscript a footnote mark wherever it stands', () => {
    expect(read(markup('a unit m', ['8', 'linked']))).toEqual([['8', '8', true]]);
  });
});

describe('superscriptMarkers: the text writes it', () => {
  it("reads Unicode's superscript digits, with their commas and minus, as ASCII numbers", () => {
    expect(read(plain('worldwide.¹ Threshold.²˒³ In children,⁴⁻⁶ slower.'))).toEqual([
      ['¹', '1', false],
      ['²˒³', '2,3', false],
      ['⁴⁻⁶', '4-6', false],
    ]);
    expect(read(plain('shown in two trials¹²'))).toEqual([['¹²', '12', false]]);
  });

  it("reads Markdown's ^4^", () => {
    expect(read(plain('grew over 18 months,^4^ and scores'))).toEqual([['^4^', '4', false]]);
  });

  it('reads no power written so: 10⁷, m², R², s⁻¹', () => {
    expect(read(plain('2.5 × 10⁷ cells in 0.8 m² with R² = 0.9 at 3 s⁻¹'))).toEqual([]);
  });

  it('a text without superscripts has none', () => {
    expect(read(plain('Cells healed [1] after 2 weeks.'))).toEqual([]);
  });
});

describe('superscripts.ts at load (issue 17: start-up)', () => {
  it('holds no pattern literal with a property escape: V8 builds a `\\p{…}` class through ICU as it parses the literal and again as it makes it at load, on every ingest (~1.3 M instructions), where a string is read only when a superscript is', () => {
    const file = readFileSync(repo('src/refs/superscripts.ts'), 'utf8');
    const source = ts.createSourceFile('superscripts.ts', file, ts.ScriptTarget.ES2022, true);
    const literals: string[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isRegularExpressionLiteral(node)) literals.push(node.text);
      ts.forEachChild(node, visit);
    };
    visit(source);
    expect(literals.length).toBeGreaterThan(0);
    expect(literals.filter((text) => /\\[pP]\{/.test(text))).toEqual([]);
  });

  it('the word before a superscript is still read by letters of any script', () => {
    expect(read(markup('the Δ', ['2'], ' term'))).toEqual([]);
    expect(read(markup('the ΔΔ', ['2'], ' term'))).toEqual([['2', '2', false]]);
    expect(read(markup('干细胞', ['3'], '治疗'))).toEqual([['3', '3', false]]);
    expect(read(markup('其中 μm', ['2'], ' 面积'))).toEqual([]);
  });
});

// Issue 17's fifth pass on references: superscripts a copy flattened into plain digits.
describe('flattenedMarkers: digits glued to a word or its closing punctuation', () => {
  const flat = (text: string) => flattenedMarkers(plain(text)).map((m) => [text.slice(m.index, m.end), m.numbers]);

  it('reads digits after a full stop, a comma, a semicolon or a closing bracket, and glued to a lower-case word', () => {
    expect(flat('cells differentiate symmetrically.1 In 2019 a trial began')).toEqual([['1', '1']]);
    expect(flat('as in marrow,4 and fat')).toEqual([['4', '4']]);
    expect(flat('disease (GVHD),3,4 the procedure')).toEqual([['3,4', '3,4']]);
    expect(flat('three cohorts;5–7 each grew')).toEqual([['5–7', '5–7']]);
    expect(flat('the fat-derived cells2,3 and marrow cells')).toEqual([['2,3', '2,3']]);
    expect(flat('Smith et al.1 showed it')).toEqual([['1', '1']]);
    expect(flat('anti-inflammatory.3 Then')).toEqual([['3', '3']]);
    expect(flat('found no tumours.9')).toEqual([['9', '9']]);
  });

  it('reads no number that belongs to the text: a gene or a marker, a spaced number, a decimal, a unit, a year', () => {
    expect(flat('CD34 and Sox2 and Oct4 cells with IL-6 at type 2 and day 7, 2.5 years, 37 °C, a 3-fold rise')).toEqual([]);
    expect(flat('a lesion of 4 mm2 and 5 cm3 in size')).toEqual([]);
    expect(flat('In 2019,3 patients enrolled, at 10.5 mg')).toEqual([]);
    expect(flat('the U.S.1 study and e.g.2 others')).toEqual([]);
  });

  it("reads no label's number (references.json's numberLabels), and no digits after a full stop where the sentence goes on", () => {
    expect(flat('as shown (Fig.2) and in Table.3 The end')).toEqual([]);
    expect(flat('a phase3 trial and a type1 form, at week12 and stage4')).toEqual([]);
    expect(flat('the cells.2 and others, approx.3 mg')).toEqual([]);
  });

  it('reads no digits of a link or of a number that goes on', () => {
    expect(flat('see www.example.org/page1 for more')).toEqual([]);
    expect(flat('the cells2.5 and cells3x')).toEqual([]);
  });

  it('leaves digits the markup set high to superscriptMarkers', () => {
    expect(flattenedMarkers(markup('healed poorly.', ['1'], ' Uneven,', ['2,3'], ' and trials.4 Then'))).toMatchObject([{ numbers: '4' }]);
  });

  // Issue 17's sixth pass: a gene symbol ending in a digit, a full stop and a digit ("Sox2.4 In") is read as
  // a decimal, as "pH7.4" and "IL-6.2" are: the word before a flattened marker holds letters only.
  it('reads no digits after a word that ends in a digit: "Sox2.4 In", "pH7.4", "SARS-CoV-2.3 The"', () => {
    expect(flat('expression of Sox2.4 In mice, at pH7.4 and 37 °C, of SARS-CoV-2.3 The virus')).toEqual([]);
  });
});

// Issue 17's sixth pass on references: Taylor & Francis's citation links, flattened with the word each
// link carries ("…lineages.Citation1,Citation2 Hematopoiesis").
describe('flattenedMarkers: named links ("Citation1")', () => {
  const named = (text: string) => flattenedMarkers(plain(text)).map((m) => [text.slice(m.index, m.end), m.text, m.numbers, m.named]);

  it('reads the word and its number glued to a full stop, a comma, a word or a year, in text order with digits', () => {
    expect(named('reported in the 1980s.Citation1 Nowadays cells,Citation4 and ex vivo expansionCitation12 in 1966Citation16 drew, and fat.3 Then')).toEqual([
      ['Citation1', 'Citation1', '1', true],
      ['Citation4', 'Citation4', '4', true],
      ['Citation12', 'Citation12', '12', true],
      ['Citation16', 'Citation16', '16', true],
      ['3', '3', '3', false],
    ]);
  });

  it('reads two links with nothing between them as a range whose dash was lost, and keeps a comma or a dash', () => {
    expect(named('widespread use.Citation2Citation4 Many, mismatched UCBT,Citation4Citation8 direct')).toEqual([
      ['Citation2Citation4', 'Citation2Citation4', '2–4', true],
      ['Citation4Citation8', 'Citation4Citation8', '4–8', true],
    ]);
    expect(named('in 1966Citation16,Citation17 drew, in 1974.Citation18;Citation19 and culture.Citation9–Citation11')).toEqual([
      ['Citation16,Citation17', 'Citation16,Citation17', '16,17', true],
      ['Citation18;Citation19', 'Citation18;Citation19', '18,19', true],
      ['Citation9–Citation11', 'Citation9–Citation11', '9–11', true],
    ]);
  });

  it('reads no word "Citation" without a number glued to it, and leaves a link the markup set high to superscriptMarkers', () => {
    expect(named('Citation counts rose; a Citation 4 style; Citations12')).toEqual([]);
    expect(flattenedMarkers(markup('healed poorly.Citation', ['1'], ' Then'))).toEqual([]);
  });
});
