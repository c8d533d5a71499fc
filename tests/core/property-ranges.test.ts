import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compilePattern } from '../../src/core/data.js';
import { pinyinRubyOf } from '../../src/core/lexicon.js';
import { withPropertyRanges } from '../../src/core/property-ranges.js';
import { pipeline, repo } from '../helpers.js';

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
    for (const [source, flags] of [[String.raw`\\p{Script=Han}`, 'u'], [String.raw`\p{Script=Latin}\p{L}`, 'u'], [String.raw`\p{Script=Han}`, ''], [String.raw`\p{Script=Han}`, 'v'], ['[\\]\\p{Script=Han}]', 'u']] as const) {
      const expected = source.startsWith('[\\]') ? `[\\]${body}]` : source;
      expect(withPropertyRanges(source, flags), `${source} /${flags}`).toBe(expected);
    }
  });

  it('the shipped data’s patterns with \\p{Script=Han} compile without it and match what they match as written, at every code point', () => {
    const structure = JSON.stringify(pipeline().data.structure, (_k, v: unknown) => (v instanceof RegExp ? `/${v.source}/${v.flags}` : v));
    expect(structure).not.toContain('Script=Han');
    const written = [...readFileSync(repo('pipelines/data/structure.json'), 'utf8').matchAll(/"((?:[^"\\]|\\.)*Script=Han(?:[^"\\]|\\.)*)"/g)].map((m) => JSON.parse(`"${m[1]}"`) as string);
    const lexicon = pipeline().data.lexicon;
    expect(written.length).toBeGreaterThan(3);
    expect(lexicon.pinyinRuby).toContain('Script=Han');
    expect(pinyinRubyOf(lexicon)!.source).not.toContain('Script=Han');
    for (const [source, flags] of [...written.map((s) => [s, 'u'] as const), [lexicon.pinyinRuby!, 'gu'] as const]) {
      const before = new RegExp(source, flags);
      const after = compilePattern('test', '/x', source, flags, false);
      expect(after.source).not.toContain('Script=Han');
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
