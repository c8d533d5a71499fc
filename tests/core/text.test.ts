import { describe, expect, it } from 'vitest';
import { foldWidth, mapUnits, slugify } from '../../src/core/text.js';

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
