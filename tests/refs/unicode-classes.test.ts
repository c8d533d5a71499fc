import { describe, expect, it } from 'vitest';
import * as generated from '../../src/generated/unicode-classes.js';
import { namePatterns } from '../../src/refs/names.js';
// @ts-expect-error no declaration file for the .mjs script
import { characterBody, unicodeClasses } from '../../scripts/gen-unicode-classes.mjs';

// The reference parser's patterns use these classes in place of the property escapes they were
// written out from (scripts/gen-unicode-classes.mjs): they must match exactly the same code
// points, or the parser would accept other strings. Checked over all of Unicode, every code point
// alone (with the u flag, as the patterns use them), in a class and negated.
// (The same file holds the Latin-1 images of property escapes: tests/refs/latin1.test.ts.)
const { latin1Images: _latin1Images, ...classes } = generated;

describe('written-out Unicode classes', () => {
  const entries = Object.entries(unicodeClasses as Record<string, [string, string]>);

  it('each generated class is one the script lists', () => {
    expect(Object.keys(classes).sort()).toEqual(entries.map(([name]) => name).sort());
  });

  it.each(entries)('%s matches the same code points as its property escapes', (name, [escapes]) => {
    const written = new RegExp(`^[${(classes as Record<string, string>)[name]}]$`, 'u');
    const negated = new RegExp(`^[^${(classes as Record<string, string>)[name]}]$`, 'u');
    const original = new RegExp(`^[${escapes}]$`, 'u');
    const differ: string[] = [];
    for (let c = 0; c <= 0x10ffff && differ.length < 5; c++) {
      const ch = String.fromCodePoint(c);
      const expected = original.test(ch);
      if (written.test(ch) !== expected || negated.test(ch) === expected) differ.push(`U+${c.toString(16).toUpperCase().padStart(4, '0')}`);
    }
    expect(differ).toEqual([]);
  });

  it('a class written as its characters (\\p{L}, \\p{N}) reads each range exactly, the characters a class gives a meaning to escaped', () => {
    // (characterBody: the module's string holds the characters themselves, which V8 reads ~4× faster than \uXXXX escapes.)
    const ranges = [[0x00, 0x1f], [0x22, 0x22], [0x2d, 0x2d], [0x41, 0x41], [0x5b, 0x5e], [0xe9, 0xea], [0x4e00, 0x4e05], [0xd800, 0xdfff], [0x1f600, 0x1f601]];
    const body = new Function(`return ${characterBody(ranges) as string};`)() as string;
    expect(body).toContain('一-丅');
    const inside = new RegExp(`^[${body}]$`, 'u');
    const expected = (c: number) => ranges.some(([a, b]) => c >= a! && c <= b!);
    const differ: string[] = [];
    for (let c = 0; c <= 0x1ffff; c++) if (inside.test(String.fromCodePoint(c)) !== expected(c)) differ.push(c.toString(16));
    expect(differ).toEqual([]);
    expect(classes.letter.length).toBeLessThan(classes.letterOrMark.length / 3);
  });

  it('the name characters still take letters and marks of every script, and nothing else', () => {
    const nameChar = new RegExp(`^[${classes.letterOrMark}]+$`, 'u');
    expect(nameChar.test('GarcíaÅngströmΣωκράτηςДостоевский王\u0301𠀀')).toBe(true);
    for (const other of ['1', ' ', '-', "'", '’', '.', '😀', '\u2160']) expect(nameChar.test(other), other).toBe(false);
  });

  it('the name patterns the parser compiles differ from the audited ones only in that class', () => {
    const audited = namePatterns();
    const compiled = namePatterns(true);
    expect(compiled.map((p) => p.name)).toEqual(audited.map((p) => p.name));
    expect(audited.filter((p) => p.source.includes(String.raw`[\p{L}\p{M}`)).length).toBeGreaterThanOrEqual(6);
    audited.forEach((p, i) => {
      expect(compiled[i]!.source).toBe(p.source.replaceAll(String.raw`\p{L}\p{M}`, classes.letterOrMark));
      expect(compiled[i]!.flags).toBe(p.flags);
    });
  });
});
