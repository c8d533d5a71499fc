import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { characterTablesSync, hasLetter, hasLetterOrDigit, letterCounts, matchingView, unitTest } from '../../src/core/script.js';
import { repo } from '../helpers.js';
// @ts-expect-error no declaration file for the .mjs script
import { invertedTable, openccTables } from '../../scripts/gen-script-tables.mjs';

describe('unitTest: a one-character pattern tested at an index', () => {
  it('answers as the pattern does on the unit there, and as on nothing outside the text', () => {
    const latin = unitTest(() => /[\p{Script=Latin}\d]/u);
    const text = 'aβ1干😀';
    expect([...text.split('').keys(), -1, text.length].map((i) => latin(text, i))).toEqual([true, false, true, false, false, false, false, false]);
    expect([0, 1].map((i) => latin('é-', i))).toEqual([true, false]);
  });

  it('tests nothing until asked: making one compiles no pattern (the lexicon and journal modules make theirs when loaded; issue 17)', () => {
    const pattern = /[\p{Script=Latin}\d]/u;
    let tested = 0;
    const test = pattern.test.bind(pattern);
    pattern.test = (s: string) => (tested++, test(s));
    let asked = 0;
    const latin = unitTest(() => (asked++, pattern));
    expect([tested, asked]).toEqual([0, 0]);
    expect(latin('a', 0)).toBe(true);
    expect([latin('a', 1), latin('a', -1)]).toEqual([false, false]);
    expect(tested).toBe(2); // 'a', then '' once for both ends
  });
});

describe('hasLetter and hasLetterOrDigit: the Unicode classes behind a pre-test', () => {
  it('answer as /\\p{L}/u and /[\\p{L}\\p{N}]/u on every BMP unit, astral letters and digits, and texts of them', () => {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      if (hasLetter(ch) !== /\p{L}/u.test(ch) || hasLetterOrDigit(ch) !== /[\p{L}\p{N}]/u.test(ch)) throw new Error(`U+${c.toString(16)}`);
    }
    for (const text of ['', '— · —', '１２３', '٣٤٥', '𠀀', '𝟘', '😀', '\ud840', '!?', ' 2025-03 ', 'αβγ', '干', 'x', '…a']) {
      expect([hasLetter(text), hasLetterOrDigit(text)], text).toEqual([/\p{L}/u.test(text), /[\p{L}\p{N}]/u.test(text)]);
    }
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

describe('the matching view and letterCounts read the generated tables without their Maps', () => {
  it('fold every BMP unit as OpenCC’s traditional → simplified Map, then the width and look-alike folds, would', () => {
    const { simplified, traditional } = characterTablesSync();
    const units = Array.from({ length: 0xd800 }, (_, c) => c).concat(Array.from({ length: 0x10000 - 0xe000 }, (_, k) => 0xe000 + k));
    let text = '';
    for (let k = 0; k < units.length; k += 8192) text += String.fromCharCode(...units.slice(k, k + 8192));
    const view = matchingView(text);
    expect(view.length).toBe(text.length);
    let others = '';
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      const c = text.charCodeAt(i);
      if (c >= 0xff01 && c <= 0xff5e) expect(view.charCodeAt(i)).toBe(c - 0xfee0);
      else if (traditional.has(ch)) expect([ch, view[i]]).toEqual([ch, traditional.get(ch)]);
      else if (view[i] !== ch) others += ch;
    }
    // The look-alike folds, and nothing else.
    expect(others).toBe([...'‐‑‒–—―−₀₁₂₃₄₅₆₇₈₉⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻ßµɑ\u3000’‘ʼ'].sort().join(''));
    // letterCounts counts a Han unit as a key of each table exactly when the Map holds it.
    const han = [...simplified.keys(), ...traditional.keys(), '干', '中'].join('');
    const counts = letterCounts(han);
    expect(counts.simplifiedOnly).toBe([...han].filter((ch) => /\p{Script=Han}/u.test(ch) && simplified.has(ch)).length);
    expect(counts.traditionalOnly).toBe([...han].filter((ch) => /\p{Script=Han}/u.test(ch) && traditional.has(ch)).length);
  });
});

describe("the generated character tables (src/generated/script-tables.ts)", () => {
  it("are OpenCC's, the traditional one written as the simplified one's pairs the other way round, less a few, and its own few more (issue 17: room in the package)", async () => {
    const { simplified, traditional } = (await openccTables()) as { simplified: Map<string, string>; traditional: Map<string, string> };
    const tables = characterTablesSync();
    const sorted = (map: Map<string, string>) => [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    expect(sorted(tables.simplified)).toEqual(sorted(simplified));
    expect(sorted(tables.traditional)).toEqual(sorted(traditional));
    expect(tables.traditional.size).toBeGreaterThan(2_500);
    // Written once: the traditional table's source names the simplified one and holds only what differs.
    expect(readFileSync(repo('src/generated/script-tables.ts'), 'utf8')).toMatch(/^export const traditionalToSimplified = inverted\(simplifiedToTraditional, \[\d+(?:,\d+)*\], \{ from: "/m);
    const { notInverted, extra } = invertedTable(simplified, traditional) as { notInverted: number[]; extra: { from: string } };
    expect(notInverted.length + extra.from.length).toBeLessThan(traditional.size / 8);
  });
});
