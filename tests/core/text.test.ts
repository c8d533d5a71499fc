import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldWidth, mapUnits, matchesOf, slugify } from '../../src/core/text.js';

describe('foldWidth: the matching view', () => {
  it('full-width ASCII and the ideographic space fold, one unit for one, so offsets stay', () => {
    const text = '２０２５年３月\u3000《Ｃｅｌｌ》！';
    const folded = foldWidth(text);
    expect(folded).toBe('2025年3月 《Cell》!');
    expect(folded.length).toBe(text.length);
  });

  it('folds texts longer than one String.fromCharCode call takes, astral characters left whole', () => {
    const text = `${'Ａ😀，'.repeat(5000)}end`;
    const folded = foldWidth(text);
    expect(folded).toBe(`${'A😀,'.repeat(5000)}end`);
    expect(mapUnits(text, new Uint16Array(0x10000).map((_, unit) => unit))).toBe(text);
  });

  it('a table entry of 0 leaves its unit as it is; others map, U+0000 included', () => {
    const table = new Uint16Array(0x10000);
    expect(mapUnits('a\u0000b', table)).toBe('a\u0000b');
    table[0x62] = 0x42;
    table[0] = 0x2e;
    expect(mapUnits('ab\u0000c', table)).toBe('aB.c');
    // (An entry equal to its unit is no change either.)
    table[0x61] = 0x61;
    expect(mapUnits('aaa', table)).toBe('aaa');
  });

  it('gives what a fresh array and String.fromCharCode.apply gave, whatever the table, the text and the scratch left by earlier calls (issue 17)', () => {
    /** The form mapUnits replaced: a new array a call, made a string 8,192 units at a time. */
    const old = (text: string, table: Uint16Array) => {
      const units = new Uint16Array(text.length);
      for (let k = 0; k < text.length; k++) units[k] = table[text.charCodeAt(k)] || text.charCodeAt(k);
      let out = '';
      for (let k = 0; k < text.length; k += 8192) out += String.fromCharCode.apply(null, units.subarray(k, k + 8192) as unknown as number[]);
      return out;
    };
    // Tables that fold ASCII, full-width forms, Han, surrogates (lone halves out and in) and U+0000.
    const unit = fc.constantFrom('a', 'b', 'Ａ', '，', '\u3000', '干', '幹', '😀', '\ud83d', '\ude00', '\u0000', ' ', '\n');
    const table = new Uint16Array(0x10000);
    for (const [from, to] of [['a', 'A'], ['Ａ', 'A'], ['，', ','], ['\u3000', ' '], ['幹', '干'], ['\ud83d', 'x'], ['b', '\ude00'], ['\u0000', '.']] as const) table[from.charCodeAt(0)] = to.charCodeAt(0);
    fc.assert(
      // Lengths up to 70,000 units: past the thread's scratch (65,536) and back, so a short text after a long one is checked too.
      fc.property(fc.array(unit, { maxLength: 40 }), fc.nat({ max: 3 }), (units, scale) => {
        const text = units.join('').repeat(scale === 3 ? 2000 : scale === 2 ? 40 : 1);
        const folded = mapUnits(text, table);
        expect(folded).toBe(old(text, table));
        expect(folded.length).toBe(text.length);
      }),
      { seed: 17, numRuns: 3000 },
    );
    expect(mapUnits(`${'Ａ'.repeat(70_000)}a`, table)).toBe(`${'A'.repeat(70_000)}A`);
    expect(mapUnits('Ａb', table)).toBe('A\ude00');
  });

  it('text with nothing to fold is returned as it is', () => {
    const text = '2025年3月 干细胞';
    expect(foldWidth(text)).toBe(text);
  });
});

describe('slugify', () => {
  it('lower-case ASCII letters and digits, single hyphens, none at the ends, at most max characters', () => {
    expect(slugify('  Mesenchymal Stem-Cells (MSCs)!  ')).toBe('mesenchymal-stem-cells-mscs');
    expect(slugify('Crème brûlée')).toBe('creme-brulee');
    expect(slugify('干细胞')).toBe('');
    expect(slugify('abc def ghi', 5)).toBe('abc-d');
    expect(slugify('abcd efgh', 5)).toBe('abcd');
  });
});

describe('matchesOf: matchAll without a copy of the pattern (issue 17)', () => {
  /** The definition matchesOf replaced, and what a match is made of (its groups, index and input too). */
  const old = (text: string, pattern: RegExp) => [...text.matchAll(pattern)];
  const shape = (ms: RegExpExecArray[] | RegExpMatchArray[]) => ms.map((m) => ({ all: [...m], index: m.index, input: m.input, groups: m.groups ? { ...m.groups } : undefined }));
  /** Patterns of every kind the stages run: empty matches (with and without u, v), groups, named groups, sticky, lookarounds, alternations of Han brackets. */
  const sources: [string, string][] = [
    ['a*', 'g'],
    ['a*', 'gu'],
    ['(?:)', 'gu'],
    ['(?:)', 'gv'],
    ['(?:)', 'g'],
    ['\\d+|(?<=。)', 'gu'],
    ['(?<n>\\d)(a)?', 'g'],
    ['[^a]', 'gu'],
    ['.', 'g'],
    ['a', 'gy'],
    ['\\b', 'g'],
    ['《([^《》]{1,200})》|“([^“”]{1,200})”|「([^「」]{1,200})」', 'gu'],
    ['(?:[。！？!?；;]|[\\]］】〕])\\s*', 'gu'],
    ['\\p{Script=Han}+', 'gu'],
    ['[\\p{L}--[a-z]]', 'gv'],
  ];

  it('gives matchAll’s matches, from the pattern’s lastIndex, and leaves the pattern as it found it', () => {
    const unit = fc.constantFrom('a', 'b', '1', '2', '。', '《', '》', '“', '”', '「', '」', '周', ' ', '😀', '\ud83d', '\ude00', ']', '\n');
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 30 }), fc.integer({ min: 0, max: sources.length - 1 }), fc.integer({ min: 0, max: 35 }), (units, k, from) => {
        const text = units.join('');
        const [source, flags] = sources[k]!;
        const pattern = new RegExp(source, flags);
        pattern.lastIndex = from;
        const expected = shape(old(text, pattern));
        expect(pattern.lastIndex).toBe(from);
        expect(shape(matchesOf(text, pattern))).toEqual(expected);
        expect(pattern.lastIndex).toBe(from);
      }),
      { seed: 17, numRuns: 4000 },
    );
  });

  it('steps past an empty match by a code point for u and v, by a unit otherwise, a lone surrogate by one', () => {
    for (const text of ['', '😀', '😀😀a', '\ud83d', '\ude00\ud83d', 'a\ud83d😀']) {
      for (const flags of ['g', 'gu', 'gv']) expect(shape(matchesOf(text, new RegExp('(?:)', flags)))).toEqual(shape(old(text, new RegExp('(?:)', flags))));
    }
    expect(matchesOf('😀', /(?:)/gu).map((m) => m.index)).toEqual([0, 2]);
    expect(matchesOf('😀', /(?:)/g).map((m) => m.index)).toEqual([0, 1, 2]);
  });

  it('refuses a pattern that is not global, as matchAll does', () => {
    expect(() => matchesOf('a', /a/)).toThrow(TypeError);
    expect(() => 'a'.matchAll(/a/)).toThrow(TypeError);
  });
});
