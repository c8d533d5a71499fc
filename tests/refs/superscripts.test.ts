import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import type { Block, Superscript } from '../../src/core/document.js';
import { superscriptMarkers } from '../../src/refs/superscripts.js';
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
