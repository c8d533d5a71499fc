import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { latin1Images } from '../../src/generated/unicode-classes.js';
import { referencePatterns, wordPattern, type PatternName } from '../../src/refs/data.js';
import { execIn, isLatin1, latin1Forms, latin1Pattern, latin1Patterns, latin1Source, testIn } from '../../src/refs/latin1.js';
// The modules whose patterns have Latin-1 forms (each registers its patterns as it loads).
import '../../src/refs/gbt7714.js';
import '../../src/refs/general.js';
import '../../src/refs/names.js';
import '../../src/refs/parse.js';
import '../../src/refs/source.js';
import '../../src/refs/split.js';
import '../../src/refs/vancouver.js';
import '../../src/stages/label.js';

// A pattern's Latin-1 form (src/refs/latin1.ts) must read a text whose every unit is at most
// U+00FF exactly as the pattern as written does: each property escape replaced by the Latin-1
// units it accepts, nothing else changed. Checked here escape by escape on all 256 units, then
// pattern by pattern, every one the parser has, on seeded Latin-1 text.

// Latin-1 and General Punctuation (U+2000–U+206F): the units a Latin-1 form reads.
const units = [...Array.from({ length: 256 }, (_, u) => u), ...Array.from({ length: 0x70 }, (_, i) => 0x2000 + i)].map((u) => String.fromCharCode(u));
// Every escape whose image src/generated/unicode-classes.ts holds.
const escapes = Object.keys(latin1Images).filter((k) => !k.startsWith('i'));

/** Every way a match differs: where, what, which groups (named and numbered). */
const outcome = (m: RegExpExecArray | null) => (m === null ? null : { index: m.index, all: [...m], groups: m.groups ?? null });

describe('the Latin-1 form of a property escape', () => {
  it('accepts exactly the Latin-1 units the escape accepts: alone, in a class, in a negated one, with and without i', () => {
    for (const escape of escapes) {
      for (const flags of ['u', 'iu']) {
        for (const wrap of [(e: string) => e, (e: string) => `[${e}]`, (e: string) => `[x${e}-]`, (e: string) => `[^${e}]`, (e: string) => `(?<![${e}])a`]) {
          const source = wrap(escape);
          const written = new RegExp(`^${source}$`, flags);
          const latin1 = new RegExp(`^${latin1Source(source, flags)!}$`, flags);
          expect(latin1.source).not.toMatch(/\\[pP]\{/);
          for (const u of units) {
            const text = source.endsWith('a') ? `${u}a` : u;
            expect([source, flags, u.charCodeAt(0), latin1.test(text)]).toEqual([source, flags, u.charCodeAt(0), written.test(text)]);
          }
        }
      }
    }
  });

  it('leaves what is not an escape as written: escaped brackets and backslashes, \\u escapes, other classes', () => {
    expect(latin1Source(String.raw`[\]\p{Lu}]\\p{x}\u2019[\[]`, 'u')).toBe(String.raw`[\]\x41-\x5a\xc0-\xd6\xd8-\xde]\\p{x}\u2019[\[]`);
    // An escape the generated file has no image of: no Latin-1 form, the pattern is read as written.
    expect(latin1Source(String.raw`\p{Lu}\P{L}`, 'u')).toBeNull();
    expect(latin1Source(String.raw`\p{Script=Latin}`, 'u')).toBeNull();
    expect(latin1Source(String.raw`\p{Script=Han}`, 'u')).toBe('[]');
    // No u flag (\p is a "p" there), no escape: the pattern is its own form.
    expect(latin1Source(String.raw`\p{L}`, 'i')).toBeNull();
    expect(latin1Source('[a-z]+', 'u')).toBeNull();
  });
});

describe('the parser’s patterns in their Latin-1 forms', () => {
  // The parser's own characters and their neighbours: letters with case pairs outside Latin-1
  // (ÿ, µ, ß), ordinal indicators, the multiplication sign, spaces, digits, punctuation, General
  // Punctuation's dashes, quotes, spaces and marks.
  const alphabet = [...'AaBbEeIiJjKkLlMmNnOoPpSsTtVvXxCcDdYyZz', ...'ÀàÉéÖöØøÞþßÿµªº×÷¿¡§©°', ...'0123456789', ...' \t\n.,;:()[]&\'"-/!?\u00a0\u00ad', ...'‐‑‒–—―‘’‚‛“”„•…′″‹›⁄\u2000\u2009\u200b\u200d\u2028\u2029\u202f\u2060\u206f'];
  const latin1Text = fc.array(fc.constantFrom(...alphabet), { maxLength: 60 }).map((cs) => cs.join(''));
  // Words the patterns look for, so that they match as well as fail.
  const words = ['In ', 'Vol. ', 'ed. ', 'Press', 'London: ', ' and ', 'eds.', 'thesis', 'Report No. ', 'J. ', 'Smith', 'MÜLLER', 'vols. ', '2nd ed.', '(1998)', ' pp. 12–', 'XIV', 'Univ.', '“Title,” ', 'O’Brien', ' — '];
  const text = fc.array(fc.oneof(latin1Text, fc.constantFrom(...words)), { maxLength: 6 }).map((parts) => parts.join(''));

  // (Those this file makes itself come later.)
  const makes = [...latin1Patterns];
  const written = makes.map((make) => make());
  const words_ = referencePatterns().filter((p) => /\\[pP]\{/.test(p.source));

  it('read their sources back exactly from the thunks that hold them', () => {
    expect(makes.length).toBeGreaterThan(60);
    for (const [i, make] of makes.entries()) {
      // The form a non-Latin-1 text gets is the pattern as written, made from the thunk's text.
      const forms = latin1Forms(written[i]!.source, written[i]!.flags);
      expect(forms('中').source).toBe(make().source);
      expect(forms('中').flags).toBe(make().flags);
      // Each has a Latin-1 form (an escape without an image would leave it as written, silently slower).
      expect(latin1Source(written[i]!.source, written[i]!.flags), written[i]!.source).not.toBeNull();
    }
  });

  it('match as the patterns as written do, at every start, on seeded Latin-1 text', () => {
    const all = [...written.map((p) => ({ source: p.source, flags: p.flags })), ...words_];
    expect(all.length).toBeGreaterThan(70);
    const pairs = all.map(({ source, flags }) => {
      const g = flags.includes('g') || flags.includes('y') ? flags : `${flags}g`;
      return { written: new RegExp(source, g), latin1: new RegExp(latin1Source(source, flags) ?? source, g) };
    });
    const matched = new Set<number>();
    fc.assert(
      fc.property(text, (t) => {
        expect(isLatin1(t)).toBe(true);
        for (const [k, { written: w, latin1: l }] of pairs.entries()) {
          for (let at = 0; at <= t.length; at += 3) {
            w.lastIndex = at;
            l.lastIndex = at;
            const expected = outcome(w.exec(t));
            expect(outcome(l.exec(t))).toEqual(expected);
            if (expected !== null) matched.add(k);
          }
        }
      }),
      { numRuns: 300, seed: 17 },
    );
    // (Most patterns matched somewhere, so their matches were compared, not only their failures.)
    expect(matched.size).toBeGreaterThan(pairs.length / 2);
  });
});

describe('a pattern read in the form its text needs', () => {
  const capital = latin1Pattern(() => /^\p{Lu}\p{Ll}+$/u);

  it('is the Latin-1 form for Latin-1 text, two-byte strings included, and the pattern as written otherwise', () => {
    expect(capital('Zürich').source).toBe(String.raw`^[\x41-\x5a\xc0-\xd6\xd8-\xde][\x61-\x7a\xb5\xdf-\xf6\xf8-\xff]+$`);
    expect(testIn(capital, 'Zürich')).toBe(true);
    // Latin-1 characters sliced from a Chinese text: still Latin-1.
    expect(isLatin1('中Zürich'.slice(1))).toBe(true);
    expect(capital('Ωmega').source).toBe(String.raw`^\p{Lu}\p{Ll}+$`);
    expect(testIn(capital, 'Ωmega')).toBe(true);
    expect(testIn(capital, 'Zürich’s')).toBe(false);
    expect(execIn(capital, 'Łódź')?.[0]).toBe('Łódź');
    // General Punctuation too (curly quotes, dashes); nothing else beyond Latin-1.
    expect(isLatin1('Smith’s “Title” – 12–14')).toBe(true);
    expect(capital('Zürich’s').source).toBe(capital('Zürich').source);
    expect(isLatin1('\u2070')).toBe(false);
    expect(isLatin1('\u1fff')).toBe(false);
    expect(isLatin1('α')).toBe(false);
    expect(isLatin1('')).toBe(true);
  });

  it('is made once per form: the same object at every call', () => {
    expect(capital('Ab')).toBe(capital('Cd'));
    expect(capital('Ωa')).toBe(capital('Ωb'));
    expect(capital('Ab')).not.toBe(capital('Ωb'));
    expect(wordPattern('thesis', 'PhD thesis')).toBe(wordPattern('thesis', 'MA thesis'));
  });

  it('refuses a thunk that is not a pattern literal', () => {
    const made = latin1Pattern(() => new RegExp('\\p{L}', 'u'));
    expect(() => made('a')).toThrow(/not \(\) => \/…\/flags/);
  });

  it('gives the data’s word patterns in both forms, each matching as written', () => {
    const names: PatternName[] = ['thesis', 'report', 'series', 'dropNote', 'volumeLabel'];
    // (Texts that hold a word of each: a text that holds none is ruled out by the pattern's pre-test, tests/refs/word-pretest.test.ts;
    // the edition's opens with a number and closes with its word.)
    const words = ': thesis, report, 2nd ed., series, Retrieved, vol. 2';
    for (const name of names) {
      expect(wordPattern(name, `Łódź${words}`).source).toMatch(/\\p\{L/);
      expect(wordPattern(name, `Lodz${words}`).source).not.toMatch(/\\p\{/);
    }
    expect(wordPattern('edition', '2nd Łódź ed.').source).toMatch(/\\p\{L/);
    expect(wordPattern('edition', '2nd Lodz ed.').source).not.toMatch(/\\p\{/);
    const thesis = wordPattern('thesis', 'Doctoral dissertation, Duke University');
    thesis.lastIndex = 0;
    expect(thesis.exec('Doctoral dissertation, Duke University')?.[0]).toBe('Doctoral dissertation');
  });
});
