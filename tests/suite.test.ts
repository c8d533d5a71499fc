import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repo } from './helpers.js';
import { keptSettings, productSettings } from './support/environment.js';

// The suite's outcome hangs on the code only (a CI run failed once in a few hundred on a temporary
// folder's name): these keep the kinds of dependence that can be read from the text out of it.

/** Every file under `dir` (a repository folder) whose name matches `name`, as repository paths. */
function files(dir: string, name: RegExp): string[] {
  return (readdirSync(repo(dir), { recursive: true }) as string[])
    .filter((path) => name.test(path) && !path.split(/[\\/]/).includes('generated'))
    .map((path) => relative(repo(''), join(repo(dir), path)))
    .sort();
}

/** The calls of fast-check that draw inputs (`fc.assert`, `fc.check`, `fc.sample`) in `text` without a seed, by line. */
export function unseededDraws(text: string): number[] {
  const lines: number[] = [];
  for (const match of text.matchAll(/\bfc\.(?:assert|check|sample)\(/g)) {
    let depth = 1;
    let at = match.index + match[0].length;
    while (depth > 0 && at < text.length) {
      const c = text[at++];
      // An escaped character, or a bracket inside a string ("fc.constantFrom('(', …)"), closes nothing.
      if (c === '\\') at++;
      else if (c === "'" || c === '"' || c === '`') {
        while (at < text.length && text[at] !== c) at += text[at] === '\\' ? 2 : 1;
        at++;
      } else if (c === '(') depth++;
      else if (c === ')') depth--;
    }
    if (!/\bseed\b/.test(text.slice(match.index, at))) lines.push(text.slice(0, match.index).split('\n').length);
  }
  return lines;
}

/** The environment variables `text` reads by name (`env.NAME`, `env['NAME']`). */
export function variablesRead(text: string): string[] {
  return [...text.matchAll(/\benv(?:\.([A-Z][A-Z0-9_]*)|\[['"]([A-Z][A-Z0-9_]*)['"]\])/g)].map((m) => (m[1] ?? m[2])!);
}

describe('the suite draws the same inputs on every run', () => {
  it('every fast-check run in tests/ is seeded (a failure found once is found again, and no run draws a new one)', () => {
    const unseeded = files('tests', /\.ts$/).filter((path) => path !== 'tests/suite.test.ts').flatMap((path) => unseededDraws(readFileSync(repo(path), 'utf8')).map((line) => `${path}:${line}`));
    expect(unseeded).toEqual([]); // (this file's own examples aside)
  });

  it('the check sees a run without a seed, and one whose options are on lines of their own', () => {
    expect(unseededDraws('fc.assert(fc.property(fc.nat(), (n) => n >= 0));')).toEqual([1]);
    expect(unseededDraws('x;\nfc.assert(\n  fc.property(fc.nat(), (n) => f(n)),\n  { numRuns: 10 },\n);')).toEqual([2]);
    expect(unseededDraws('fc.assert(\n  fc.property(fc.nat(), (n) => f(n)),\n  { seed: 17, numRuns: 10 },\n);\nfc.sample(fc.nat(), { seed: 1 })')).toEqual([]);
    // A bracket in a string or escaped in a pattern does not end the call before its seed (refs33's first version).
    expect(unseededDraws("fc.assert(\n  fc.property(fc.constantFrom(')', '3) A'), (o) => /^\\)/.test(o)),\n  { seed: 17 },\n);")).toEqual([]);
    // ... nor does one in a string hide a call without a seed behind a later word "seed".
    expect(unseededDraws("fc.assert(fc.property(fc.constantFrom('('), (o) => o !== ''));\nconst seed = 1;")).toEqual([1]);
  });
});

describe('the suite runs digest in an environment of its own', () => {
  it('every environment variable src/ and bin/ read is cleared for the suite (tests/support/environment.ts) or kept there with its reason', () => {
    const read = new Set(['src', 'bin'].flatMap((dir) => files(dir, /\.(?:ts|js|cjs|mjs)$/)).flatMap((path) => variablesRead(readFileSync(repo(path), 'utf8'))));
    const listed = new Set<string>([...productSettings, ...keptSettings]);
    expect([...read].filter((name) => !listed.has(name)).sort()).toEqual([]);
    // And nothing listed that the code no longer reads.
    expect([...listed].filter((name) => !read.has(name)).sort()).toEqual([]);
  });

  it('the check reads a variable either way it is written', () => {
    expect(variablesRead("const a = process.env.FORCE_COLOR; const b = env['NO_COLOR']; env.lower; envy.X")).toEqual(['FORCE_COLOR', 'NO_COLOR']);
  });

  it('no test names a fixed scratch path (/tmp/…): test files run at once, each in a folder of its own', () => {
    const fixed = files('tests', /\.ts$/).filter((path) => /['"`]\/tmp\//.test(readFileSync(repo(path), 'utf8')));
    expect(fixed).toEqual([]);
  });
});
