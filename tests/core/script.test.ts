import { describe, expect, it } from 'vitest';
import { characterTablesSync, letterCounts, unitTest } from '../../src/core/script.js';

describe('unitTest: a one-character pattern tested at an index', () => {
  it('answers as the pattern does on the unit there, and as on nothing outside the text', () => {
    const latin = unitTest(/[\p{Script=Latin}\d]/u);
    const text = 'aβ1干😀';
    expect([...text.split('').keys(), -1, text.length].map((i) => latin(text, i))).toEqual([true, false, true, false, false, false, false, false]);
    expect([0, 1].map((i) => latin('é-', i))).toEqual([true, false]);
  });
});

describe('letterCounts', () => {
  it('counts letters, Latin letters, Han units and each script’s own characters in one pass', () => {
    const { simplified, traditional } = characterTablesSync();
    const text = '干细胞治疗 幹細胞治療 ABC é 𠀀1 Σ';
    const han = [...text].filter((ch) => /\p{Script=Han}/u.test(ch)).join('');
    const keys = (table: Map<string, string>) => [...han].filter((ch) => table.has(ch)).length;
    expect(letterCounts(text)).toEqual({ han: han.length, letters: 16, latin: 4, simplifiedOnly: keys(simplified), traditionalOnly: keys(traditional) });
    expect(han.length).toBe(12);
    expect(keys(simplified)).toBeGreaterThan(1);
    expect(keys(traditional)).toBeGreaterThan(1);
  });
});
