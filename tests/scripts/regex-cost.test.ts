import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { repo } from '../helpers.js';
// @ts-expect-error: a plain ES module script, no types
import { compileCost, sourceOf } from '../../scripts/regex-cost.mjs';

interface Report {
  exitCode: number;
  totalMs: number;
  files: { file: string; patterns: number; ms: number }[];
  patterns: { source: string; flags: string; at: string; runs: number; ms: number; propertyEscapes: number }[];
}

describe('scripts/regex-cost.mjs: the patterns a command compiles', () => {
  it('names the compiled file and line a stack first passes through', () => {
    const stack = 'Error\n    at recording (file:///x/scripts/regex-cost.mjs:50:9)\n    at String.replace (<anonymous>)\n    at scanFrom (file:///x/dist/src/refs/names.js:183:17)\n    at parse (file:///x/dist/src/refs/parse.js:9:1)';
    expect(sourceOf(stack)).toBe('refs/names.js:183');
    expect(sourceOf('Error\n    at x (node:internal/a:1:1)')).toBeNull();
  });

  it('measures a pattern compiled afresh each time (a unique tail: V8 cannot serve it from its cache), as a time', () => {
    const ms = compileCost(String.raw`\p{Lu}\p{Ll}+`, 'u');
    expect(Number.isFinite(ms)).toBe(true);
    expect(ms).toBeGreaterThanOrEqual(0);
  });

  it("lists every pattern a one-article ingest runs, by where it is first used: the reference parser's name shapes among them", () => {
    const run = spawnSync(process.execPath, [repo('scripts/regex-cost.mjs'), '--json', 'ingest', repo('fixtures/articles/as-2025.txt'), '--stdout'], { encoding: 'utf8', cwd: repo('') });
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.exitCode).toBe(0);
    expect(report.patterns.length).toBeGreaterThan(100);
    // Each distinct pattern once, each placed in the compiled code.
    expect(new Set(report.patterns.map((p) => `${p.flags}/${p.source}`)).size).toBe(report.patterns.length);
    for (const p of report.patterns) expect(p.at).toMatch(/^[\w/-]+\.js:\d+$|^\(outside dist\/src\)$/);
    expect(report.files.map((f) => f.file)).toContain('refs/names.js');
    expect(report.files.reduce((n, f) => n + f.patterns, 0)).toBe(report.patterns.length);
    const shape = report.patterns.find((p) => p.at.startsWith('refs/names.js') && p.source.startsWith('(?<family>'));
    // (Read over their one-byte alphabet, src/generated/name-alphabet.ts: no property escapes left; no `d`, the groups placed by each shape's structure.)
    expect(shape?.flags).toContain('y');
    expect(shape?.flags).not.toContain('d');
    expect(shape?.propertyEscapes).toBe(0);
  });
});
