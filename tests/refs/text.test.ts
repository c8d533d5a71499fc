import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { phraseKey } from '../../src/refs/data.js';
import { isLabelLine } from '../../src/refs/split.js';
import { isIdentifierOnly } from '../../src/refs/identifiers.js';
import { closesWithOneOf, holdsDigit, holdsEmptyPair, holdsOneOf, isSpaceUnit, opensWithOneOf, splitTopLevel, squashSpaces, stripEnds, trimSpan, type Span } from '../../src/refs/text.js';

/**
 * The parser's shared helpers are read at every character of every part (issue 17 made them
 * cheaper): each fast path must give exactly what the plain definition gives, on any string.
 */

// The comparison key as data.ts defines it, without the fast path for plain words.
const foldedKey = (phrase: string) => (/^[\x20-\x7e]*$/.test(phrase) ? phrase : phrase.normalize('NFKC')).toLowerCase().replace(/\./g, '').replace(/\s+/g, ' ').trim();

// Bracket pairing as it was written before the code-unit table: characters and a set.
const opening: Record<string, string> = { '(': ')', '[': ']', '《': '》', '“': '”', '«': '»', '{': '}', '〔': '〕', '【': '】', '‘': '’' };
const closers = new Set(Object.values(opening));
function plainPairs(view: string, from: number, to: number): Map<number, number> {
  const pairs = new Map<number, number>();
  const stack: { at: number; close: string }[] = [];
  for (let i = from; i < to; i++) {
    const ch = view[i]!;
    const close = opening[ch];
    if (close !== undefined && !(ch === '‘' && /\d/.test(view[i + 1] ?? ''))) stack.push({ at: i, close });
    else if (closers.has(ch)) {
      let k = stack.length - 1;
      while (k >= 0 && k >= stack.length - 8 && stack[k]!.close !== ch) k--;
      if (k >= 0 && stack[k]!.close === ch) {
        pairs.set(stack[k]!.at, i);
        stack.length = k;
      }
    }
  }
  return pairs;
}
function plainSplit(view: string, at: (i: number) => number, from = 0, to = view.length): Span[] {
  const pairs = plainPairs(view, from, to);
  const trim = (s: number, e: number): Span => {
    while (s < e && /\s/.test(view[s]!)) s++;
    while (e > s && /\s/.test(view[e - 1]!)) e--;
    return { text: view.slice(s, e), start: s, end: e };
  };
  const out: Span[] = [];
  let start = from;
  for (let i = from; i < to; i++) {
    const partner = pairs.get(i);
    if (partner !== undefined) {
      i = partner;
      continue;
    }
    const length = at(i);
    if (length > 0) {
      out.push(trim(start, i));
      start = i + length;
      i += length - 1;
    }
  }
  out.push(trim(start, to));
  return out.filter((s) => s.text !== '');
}

// Strings made of what these helpers look at: brackets and quotes of every kind, separators, digits, letters, spaces.
const pieces = ['(', ')', '[', ']', '《', '》', '“', '”', '«', '»', '{', '}', '〔', '〕', '【', '】', '‘', '’', ',', ', ', ';', '. ', '.', ' ', '  ', '5', '50s', 'a', 'Ab', 'É', '张三', 'ＡＢ', '\u00a0', '\t'];
const bracketed = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((parts) => parts.join(''));

describe('the helpers every part goes through give what their plain definitions give', () => {
  it('phraseKey: a plain ASCII word by its lower case, anything else folded, the same key either way', () => {
    for (const word of ['Journal', 'journal', 'J. Am. Chem. Soc.', 'New  York', ' Press', 'Press ', 'Ｊｏｕｒｎａｌ', 'Éditions', '人民出版社', '', ' ', 'A&M', "O'Reilly", 'St.\tLouis']) {
      expect(phraseKey(word), JSON.stringify(word)).toBe(foldedKey(word));
    }
    fc.assert(fc.property(fc.string({ maxLength: 30 }), (word) => phraseKey(word) === foldedKey(word)), { seed: 17, numRuns: 2000 });
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 12 }), (word) => phraseKey(word) === foldedKey(word)), { seed: 17, numRuns: 1000 });
  });

  it('splitTopLevel: the code-unit table pairs brackets and quotes as the characters did', () => {
    const comma = (view: string) => (i: number) => (view[i] === ',' || view[i] === ';' ? 1 : 0);
    for (const view of ['a (b, c), d', '‘50s, ‘a, b’, c', '《a, b》, “c, d”, e', '((((((((((a, b)))))))))), c', 'a) , (b', '【1, 2】, [3, (4, 5]), 6']) {
      expect(splitTopLevel(view, comma(view)), view).toEqual(plainSplit(view, comma(view)));
    }
    fc.assert(
      fc.property(bracketed, fc.nat(10), fc.nat(10), (view, a, b) => {
        const from = Math.min(a, view.length);
        const to = Math.max(from, view.length - b);
        expect(splitTopLevel(view, comma(view), from, to)).toEqual(plainSplit(view, comma(view), from, to));
      }),
      { seed: 17, numRuns: 2000 },
    );
  });

  it('isSpaceUnit is `\\s` on every code unit; trimSpan trims what `\\s` reads', () => {
    const differ: number[] = [];
    for (let c = 0; c < 0x10000; c++) if (isSpaceUnit(c) !== /\s/.test(String.fromCharCode(c))) differ.push(c);
    expect(differ).toEqual([]);
    fc.assert(fc.property(bracketed, (text) => trimSpan(text, 0, text.length).text === text.trim()), { seed: 17, numRuns: 1000 });
  });

  it('squashSpaces and stripEnds give what the replacements they stand for give', () => {
    const spaced = fc.array(fc.constantFrom(...pieces, '\n', '\u3000', '\u2028', ':', '|', '(', '  '), { maxLength: 30 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(spaced, (text) => {
        expect(squashSpaces(text)).toBe(text.replace(/\s+/g, ' '));
        expect(stripEnds(text, ',.;:', ',;:')).toBe(text.replace(/^[,.;:\s]+|[,;:\s]+$/g, ''));
        expect(stripEnds(text, '', ',;.|([')).toBe(text.replace(/^\s+|[\s,;.|([]+$/g, ''));
      }),
      { seed: 17, numRuns: 3000 },
    );
  });

  it('isLabelLine rejects a line by a digit no label holds: NFKC keeps every ASCII digit, whatever follows it', () => {
    // (The premise of the digit test: the line's key, which NFKC-normalises it, still holds the digit.)
    const lost: string[] = [];
    for (const digit of '0123456789') {
      for (let c = 0; c < 0x10000 && lost.length < 5; c++) {
        if (c >= 0xd800 && c <= 0xdfff) continue;
        if (!(digit + String.fromCharCode(c)).normalize('NFKC').includes(digit)) lost.push(`${digit} U+${c.toString(16)}`);
      }
    }
    expect(lost).toEqual([]);
    expect(isLabelLine('Article CAS PubMed Google Scholar')).toBe(true);
    expect(isLabelLine('Ｇｏｏｇｌｅ Ｓｃｈｏｌａｒ')).toBe(true);
    expect(isLabelLine('Google Scholar 2')).toBe(false);
    expect(isLabelLine('PubMed ２')).toBe(false);
  });

  it('isIdentifierOnly: a line without "10.", "http", "PMC" or "PMID" holds no identifier', () => {
    for (const line of ['doi: 10.1000/xyz', 'HTTPS://example.org', 'PMC12345', 'pmid: 123', 'https://doi.org/10.1/2 | PubMed']) expect(isIdentifierOnly(line), line).toBe(true);
    for (const line of ['doi: 10/xyz', 'PubMed | Google Scholar', 'ISSN 1234-5678', 'PMI 123', 'www.example.org']) expect(isIdentifierOnly(line), line).toBe(false);
  });
});

describe('the tests asked before a pattern (issue 17: start-up)', () => {
  it('read a text’s first unit, past one white-space unit when asked, and its last', () => {
    expect(opensWithOneOf('(2025)', '([')).toBe(true);
    expect(opensWithOneOf(' (2025)', '([')).toBe(false);
    expect(opensWithOneOf(' (2025)', '([', true)).toBe(true);
    expect(opensWithOneOf('  (2025)', '([', true)).toBe(false);
    expect(opensWithOneOf('', '([', true)).toBe(false);
    expect(opensWithOneOf('\u00a0[J]', '[', true)).toBe(true);
    expect(closesWithOneOf('Title.”', '"”»')).toBe(true);
    expect(closesWithOneOf('Title.', '"”»')).toBe(false);
    expect(closesWithOneOf('', ')')).toBe(false);
  });

  it('find digits, any of some units, and an empty pair of brackets as the patterns do', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('(', ')', '[', ']', ' ', '\t', '\u3000', 'a', '1', '٣', '-', '–', '_'), { maxLength: 10 }), (units) => {
        const text = units.join('');
        expect(holdsDigit(text)).toBe(/\d/u.test(text));
        expect(holdsOneOf(text, '-–—_')).toBe(/[-–—_]/.test(text));
        expect(holdsEmptyPair(text, '(', ')') || holdsEmptyPair(text, '[', ']')).toBe(/\s?\(\s?\)|\s?\[\s?\]/.test(text));
      }),
      { numRuns: 3000, seed: 17 },
    );
  });
});
