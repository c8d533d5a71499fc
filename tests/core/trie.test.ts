import { describe, expect, it } from 'vitest';
import { LongestMatcher } from '../../src/core/trie.js';

describe('LongestMatcher', () => {
  const patterns = ['干细胞', '间充质干细胞', 'MSC', 'MSCs', 'MSC-EVs', 'AS'];
  const m = new LongestMatcher(patterns);

  it('finds leftmost-longest, non-overlapping matches with UTF-16 offsets', () => {
    const text = '间充质干细胞(MSCs)和MSC-EVs,干细胞😀AS';
    expect(m.search(text).map((h) => [text.slice(h.start, h.end), h.patternIndex])).toEqual([
      ['间充质干细胞', 1],
      ['MSCs', 3],
      ['MSC-EVs', 4],
      ['干细胞', 0],
      ['AS', 5],
    ]);
  });

  it('keeps the first index of a repeated pattern and ignores empty ones', () => {
    const r = new LongestMatcher(['', 'ab', 'ab']);
    expect(r.search('xabx')).toEqual([{ start: 1, end: 3, patternIndex: 1 }]);
  });

  it('gives every pattern that starts at a place, shortest first', () => {
    const text = 'xMSC-EVs';
    expect(m.matchesAt(text, 1).map((h) => text.slice(h.start, h.end))).toEqual(['MSC', 'MSC-EVs']);
    expect(m.matchesAt(text, 0)).toEqual([]);
    expect(m.matchesAt(text, text.length)).toEqual([]);
    expect(m.matchesAt('MS', 0)).toEqual([]);
  });

  it('finds patterns whose units are beyond every first unit, and none in an empty matcher', () => {
    expect(new LongestMatcher(['a😀', '😀']).search('a😀😀').map((h) => h.patternIndex)).toEqual([0, 1]);
    expect(new LongestMatcher([]).search('abc')).toEqual([]);
  });

  it('finds each of many patterns that share a prefix (a node of wide fan-out is searched by halves)', () => {
    const names = Array.from({ length: 300 }, (_, i) => `干细胞${String.fromCharCode(0x4e00 + ((i * 7919) % 20000))}`);
    const wide = new LongestMatcher(names);
    const text = names.slice().reverse().join('，');
    expect(wide.search(text).map((h) => h.patternIndex)).toEqual(names.map((_, i) => names.length - 1 - i));
  });

  it('keeps node numbers and pattern indexes in 16 bits when they fit, in 32 when they do not, and matches the same (issue 17: the compiled forms read)', () => {
    const small = new LongestMatcher(['cell', 'cell stem cell', '干细胞']).tables();
    expect([small.first, small.childStart, small.childNodes].map((a) => a.constructor.name)).toEqual(['Uint16Array', 'Uint16Array', 'Uint16Array']);
    expect(small.patternAt.constructor.name).toBe('Int16Array');
    // 70,000 patterns of six units each: ~78,000 nodes, over 65,535, and over 32,767 patterns.
    const many = Array.from({ length: 70000 }, (_, i) => `p${String(i).padStart(5, '0')}`);
    const wide = new LongestMatcher(many);
    const tables = wide.tables();
    expect([tables.first, tables.patternAt, tables.childStart, tables.childNodes].map((a) => a.constructor.name)).toEqual(['Int32Array', 'Int32Array', 'Int32Array', 'Int32Array']);
    expect(tables.patternAt.length).toBeGreaterThan(0xffff);
    expect(wide.search('p00000 p69999 p12345x p4').map((h) => [h.start, h.end, h.patternIndex])).toEqual([
      [0, 6, 0],
      [7, 13, 69999],
      [14, 20, 12345],
    ]);
    // Taken back from its tables (as a compiled form gives them), it matches the same.
    expect(new LongestMatcher(tables).search('p39999p00001')).toEqual(wide.search('p39999p00001'));
  });

  it('stays linear on astral characters (the input that made the previous library take 12.5 s)', () => {
    // Work counted, not timed (issue 12: no wall-clock assertion in `npm test`): every step of
    // the scan reads one code unit of the text, at most (longest pattern) per position.
    const text = '&😀<'.repeat(200000);
    const charCodeAt = String.prototype.charCodeAt;
    let lookups = 0;
    String.prototype.charCodeAt = function (this: string, index: number) {
      lookups++;
      return charCodeAt.call(this, index);
    };
    try {
      expect(m.search(text)).toEqual([]);
    } finally {
      String.prototype.charCodeAt = charCodeAt;
    }
    expect(lookups).toBeGreaterThanOrEqual(text.length);
    expect(lookups).toBeLessThanOrEqual(text.length * Math.max(...patterns.map((p) => p.length)));
  });
});
