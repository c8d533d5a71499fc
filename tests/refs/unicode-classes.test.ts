import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as classes from '../../src/generated/unicode-classes.js';
import { latinShapeSource, namePatterns } from '../../src/refs/names.js';
// @ts-expect-error no declaration file for the .mjs script
import { unicodeClasses } from '../../scripts/gen-unicode-classes.mjs';

// The reference parser's patterns use these classes in place of the property escapes they were
// written out from (scripts/gen-unicode-classes.mjs): they must match exactly the same code
// points, or the parser would accept other strings. Checked over all of Unicode, every code point
// alone (with the u flag, as the patterns use them), in a class and negated.
describe('written-out Unicode classes', () => {
  const entries = Object.entries(unicodeClasses as Record<string, [string, string]>);

  it('each generated class is one the script lists', () => {
    expect(Object.keys(classes).sort()).toEqual(entries.map(([name]) => name).sort());
  });

  it.each(entries)('%s matches the same code points as its property escapes', (name, [escapes]) => {
    const written = new RegExp(`^[${(classes as Record<string, string>)[name]}]$`, 'u');
    const negated = new RegExp(`^[^${(classes as Record<string, string>)[name]}]$`, 'u');
    const original = new RegExp(`^[${escapes}]$`, 'v');
    const differ: string[] = [];
    for (let c = 0; c <= 0x10ffff && differ.length < 5; c++) {
      const ch = String.fromCodePoint(c);
      const expected = original.test(ch);
      if (written.test(ch) !== expected || negated.test(ch) === expected) differ.push(`U+${c.toString(16).toUpperCase().padStart(4, '0')}`);
    }
    expect(differ).toEqual([]);
  });

  it('the name characters still take letters and marks of every script, and nothing else', () => {
    const nameChar = new RegExp(`^[${classes.letterOrMark}]+$`, 'u');
    expect(nameChar.test('GarcíaÅngströmΣωκράτηςДостоевский王\u0301𠀀')).toBe(true);
    for (const other of ['1', ' ', '-', "'", '’', '.', '😀', '\u2160']) expect(nameChar.test(other), other).toBe(false);
  });

  it('the name patterns the parser compiles differ from the audited ones only in that class', () => {
    const audited = namePatterns();
    const compiled = namePatterns('compiled');
    expect(compiled.map((p) => p.name)).toEqual(audited.map((p) => p.name));
    expect(audited.filter((p) => p.source.includes(String.raw`[\p{L}\p{M}`)).length).toBeGreaterThanOrEqual(6);
    audited.forEach((p, i) => {
      expect(compiled[i]!.source).toBe(p.source.replaceAll(String.raw`\p{L}\p{M}`, classes.letterOrMark));
      expect(compiled[i]!.flags).toBe(p.flags);
    });
  });

  it('the Latin form of the name shapes is the compiled one with each letter class cut to the Latin range', () => {
    const compiled = namePatterns('compiled');
    const latin = namePatterns('latin');
    expect(latin.map((p) => p.name)).toEqual(compiled.map((p) => p.name));
    latin.forEach((p) => expect(p.source).not.toContain('\\p{'));
    expect(latinShapeSource(String.raw`\p{Lu}[\p{L}'’]\p{Ll}(?![\p{L}])`)).toBe(`[${classes.latinUpper}][${classes.latinLetter}'’][${classes.latinLower}](?![${classes.latinLetter}])`);
  });

  // A text made only of Latin-range characters (names, initials, particles, separators, the
  // punctuation and letters that differ between the two forms' classes): at every offset, each
  // shape's Latin form matches exactly what its full form matches.
  it('on a Latin-range text the Latin form of each name shape matches as the full one, at every offset', () => {
    const pieces = ['Smith', 'García', 'O’Brien', 'Hel-Or', 'DES', 'MARAIS', 'van', 'de', 'La', 'St.', 'J.', 'J.-P.', 'JA', 'W', 'Ph.', 'Jr', 'III', 'MD', 'ǅan', 'ʻOla', 'ß', 'ſ', 'Łukasz', 'e\u0301', 'Ǆ', 'ɐ', 'µ', ' ', ' ', ', ', '; ', '. ', ' & ', ' and ', ' – ', '(', ')', '“', '”', '1999', '*', '\u2060', 'x', 'Q'];
    const text = fc.array(fc.constantFrom(...pieces), { maxLength: 24 }).map((parts) => parts.join(''));
    const shapes = namePatterns('compiled').map((p, i) => [new RegExp(p.source, 'uy'), new RegExp(namePatterns('latin')[i]!.source, 'uy')] as const);
    const inRange = new RegExp(`^[${classes.latinRange}]*$`, 'u');
    const same = (t: string) => {
      expect(inRange.test(t)).toBe(true);
      for (const [full, latin] of shapes) {
        for (let at = 0; at <= t.length; at++) {
          full.lastIndex = at;
          latin.lastIndex = at;
          const a = full.exec(t);
          const b = latin.exec(t);
          if (a?.[0] !== b?.[0] || JSON.stringify(a?.groups) !== JSON.stringify(b?.groups)) return false;
        }
      }
      return true;
    };
    fc.assert(fc.property(text, same), { seed: 17, numRuns: 300 });
  });
});
