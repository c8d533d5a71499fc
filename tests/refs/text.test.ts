import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { phraseKey } from '../../src/refs/data.js';
import { splitTopLevel, type Span } from '../../src/refs/text.js';

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
});
