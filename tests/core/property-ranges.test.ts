import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compilePattern } from '../../src/core/data.js';
import { pinyinRubyOf } from '../../src/core/lexicon.js';
import { rangedPattern, rangedPatterns, thunkSource, withPropertyRanges } from '../../src/core/property-ranges.js';
import { pipeline, repo, runUpTo } from '../helpers.js';
// The modules whose code literals are ranged patterns (each registers its own as it loads).
import '../../src/core/journals.js';
import '../../src/core/record.js';
import '../../src/core/script.js';
import '../../src/stages/entities.js';
import '../../src/stages/label.js';
import '../../src/stages/language.js';
import '../../src/stages/link.js';
import '../../src/structure/blocks.js';

// The data files' `\p{Script=Han}` compiled as ranges (issue 17: start-up): V8 looks a property
// escape up in ICU at each parse of a pattern, twice a pattern; the ranges match the same characters.

/** Every code point but the surrogates, each alone, and a sample of pairs of them. */
const everyCharacter = (() => {
  const out: string[] = [];
  for (let cp = 0; cp <= 0x10ffff; cp += cp < 0x30000 ? 1 : 97) if (cp < 0xd800 || cp > 0xdfff) out.push(String.fromCodePoint(cp));
  return out;
})();

describe('property escapes written out as ranges (src/core/property-ranges.ts)', () => {
  it('replaces \\p{Script=Han} inside a class by its body and outside one by a class, and nothing else', () => {
    const han = withPropertyRanges(String.raw`\p{Script=Han}`, 'u');
    expect(han).toMatch(/^\[\\u2e80-[^\]]*\]$/);
    const body = han.slice(1, -1);
    expect(withPropertyRanges(String.raw`^[·•]\s*[\p{Script=Han}\s]{2,12}[·•]$`, 'u')).toBe(String.raw`^[·•]\s*[${body}\s]{2,12}[·•]$`);
    expect(withPropertyRanges(String.raw`(?<=\p{Script=Han})\((?=[a-z\]])`, 'gu')).toBe(String.raw`(?<=[${body}])\((?=[a-z\]])`);
    // An escaped backslash before "p{", another property, no u flag, or the v flag: as written.
    for (const [source, flags] of [[String.raw`\\p{Script=Han}`, 'u'], [String.raw`\p{Script=Cyrillic}\p{Lu}`, 'u'], [String.raw`\p{Script=Han}`, ''], [String.raw`\p{Script=Han}`, 'v'], ['[\\]\\p{Script=Han}]', 'u']] as const) {
      const expected = source.startsWith('[\\]') ? `[\\]${body}]` : source;
      expect(withPropertyRanges(source, flags), `${source} /${flags}`).toBe(expected);
    }
  });

  it('the shipped data’s patterns with \\p{Script=Han}, \\p{L} or \\p{N} compile without them and match what they match as written, at every code point', () => {
    const structure = JSON.stringify(pipeline().data.structure, (_k, v: unknown) => (v instanceof RegExp ? `/${v.source}/${v.flags}` : v));
    expect(structure).not.toContain('Script=Han');
    expect(structure).not.toMatch(/\\\\p\{[LN]\}/);
    const written = [...readFileSync(repo('pipelines/data/structure.json'), 'utf8').matchAll(/"((?:[^"\\]|\\.)*?\\\\p\{(?:Script=Han|L|N)\}(?:[^"\\]|\\.)*)"/g)].map((m) => JSON.parse(`"${m[1]}"`) as string);
    // (The page-number line's [^\p{L}\p{N}()（）], since \p{L} and \p{N} are written out too.)
    expect(written.filter((w) => /\\p\{[LN]\}/.test(w)).length).toBeGreaterThanOrEqual(1);
    const lexicon = pipeline().data.lexicon;
    expect(written.length).toBeGreaterThan(3);
    expect(lexicon.pinyinRuby).toContain('Script=Han');
    expect(pinyinRubyOf(lexicon)!.source).not.toContain('Script=Han');
    for (const [source, flags] of [...written.map((s) => [s, 'u'] as const), [lexicon.pinyinRuby!, 'gu'] as const]) {
      const before = new RegExp(source, flags);
      const after = compilePattern('test', '/x', source, flags, false);
      expect(after.source).not.toMatch(/\\p\{/);
      // Each character alone and inside the texts the patterns are written for.
      const texts = [...everyCharacter, ...everyCharacter.filter((_, i) => i % 509 === 0).flatMap((c) => [`${c}${c}地址:`, `1 ${c}`, `${c}(zhì)`, `·${c}${c}·`, `(${c}市 100000)`, `${c}${c} / ABC`])];
      const differ = texts.filter((t) => {
        before.lastIndex = after.lastIndex = 0;
        return before.test(t) !== after.test(t);
      });
      expect(differ.slice(0, 3), source).toEqual([]);
    }
  });
});

describe('code literals compiled as ranges (rangedPattern)', () => {
  // (Those this file makes itself come later.)
  const makes = [...rangedPatterns];

  it('replaces \\p{Script=Latin} and \\p{Script=Greek} too, in and out of classes', () => {
    const latin = withPropertyRanges(String.raw`\p{Script=Latin}`, 'u');
    expect(latin).toMatch(/^\[\\u0041-\\u005a\\u0061-\\u007a[^\]]*\]$/);
    const greek = withPropertyRanges(String.raw`[^\p{Script=Greek}\d]`, 'u');
    expect(greek).toMatch(/^\[\^\\u0370-\\u0373[^\]]*\\d\]$/);
  });

  it('reads a literal from its thunk without making it, and makes the ranged pattern once, at its first use', () => {
    expect(thunkSource(() => /[\p{Script=Han}·]+/gu)).toEqual({ source: String.raw`[\p{Script=Han}·]+`, flags: 'gu' });
    expect(() => thunkSource(() => new RegExp('x'))).toThrow(/is not \(\) => \/…\/flags/);
    const greek = rangedPattern(() => /\p{Script=Greek}+/gu);
    expect(greek()).toBe(greek());
    expect(greek().source).not.toContain('\\p{');
    expect(greek().flags).toBe('gu');
    expect('aαβγb'.match(greek())).toEqual(['αβγ']);
  });

  it('every ranged code literal compiles without a property escape and answers as written on every code point and on texts', () => {
    // journals, lexicon, record, script (three), entities, label (two), language, link (two), blocks.
    expect(makes.length).toBeGreaterThanOrEqual(13);
    const samples = everyCharacter.filter((_, i) => i % 389 === 0);
    for (const make of makes) {
      const written = make();
      const { source, flags } = thunkSource(make);
      expect([source, flags]).toEqual([written.source, written.flags]);
      expect(source).toMatch(/\\p\{(?:Script=(?:Han|Latin|Greek)|L|N)\}/);
      const ranged = new RegExp(withPropertyRanges(source, flags), flags);
      expect(ranged.source, source).not.toMatch(/\\[pP]\{/);
      const texts = [...everyCharacter, ...samples.flatMap((c) => [`${c}${c}中文`, `ab${c}c`, `${c} 1 αβ ${c}`, `MSCs${c}间充质·干细胞`, `${c}GvHD${c}、MS ${c}PD`])];
      const differ = texts.filter((t) => {
        written.lastIndex = ranged.lastIndex = 0;
        if (written.test(t) !== ranged.test(t)) return true;
        return written.global && t.replace(written, '|') !== t.replace(ranged, '|');
      });
      expect(differ.slice(0, 3), source).toEqual([]);
    }
  });
});

describe('what property escapes an ingest still runs (issue 17: start-up)', () => {
  // Every pattern a stage runs, with the prototype's exec wrapped (a pattern's test, replace, split
  // and matchAll go through it once it is not the built-in one): those that still hold a property
  // escape are the ones V8 looks up in ICU, ~0.35 M instructions an escape at each parse.
  async function escapesRun(path: string): Promise<string[]> {
    const seen = new Set<string>();
    const exec = RegExp.prototype.exec;
    RegExp.prototype.exec = function (this: RegExp, text: string) {
      if (this.source.includes('\\p{') || this.source.includes('\\P{')) seen.add(`/${this.source}/${this.flags.replace(/[gy]/g, '')}`);
      return exec.call(this, text);
    };
    try {
      await runUpTo(readFileSync(repo(path), 'utf8'), pipeline().stages.at(-1)!.definition.name);
    } finally {
      RegExp.prototype.exec = exec;
    }
    return [...seen].sort();
  }

  it('the goal’s Chinese article: none (the letter count’s \\p{L} and the initials token on its Chinese text as ranges)', async () => {
    expect(await escapesRun('fixtures/articles/as-2025.txt')).toEqual([]);
  }, 60_000);

  it('the English article: none; its reference list’s GB/T tests, edition and name shapes and the initials token in their Latin-1 forms', async () => {
    expect(await escapesRun('fixtures/bench/en-2025.txt')).toEqual([]);
  }, 60_000);
});
