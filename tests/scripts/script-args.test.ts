import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs a project script with `args`; what a user at a terminal would see. */
function run(script: string, args: string[]) {
  const r = spawnSync(process.execPath, [`scripts/${script}`, ...args], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stderr: r.stderr, stdout: r.stdout };
}

describe('scripts/script-args.mjs: the scripts refuse a bad command line in one line, exit 2, no stack trace', () => {
  const cases: [string, string[], RegExp][] = [
    ['bench.mjs', ['--help-me'], /^bench: Unknown option '--help-me'/],
    ['bench.mjs', ['--articles', 'many'], /^bench: --articles takes a whole number of at least 1 \(got "many"\)/],
    ['bench.mjs', ['--articles', '0'], /^bench: --articles takes a whole number of at least 1/],
    ['bench.mjs', ['--only', 'builds'], /^bench: --only takes startup or pipeline or held or workers or sizes \(got "builds"\)/],
    ['bench-pipeline.mjs', ['--corpus', 'x'], /^bench-pipeline: --pipeline and --corpus are required\nUsage: node scripts\/bench-pipeline\.mjs/],
    ['bench-pipeline.mjs', ['--articles', 'all'], /^bench-pipeline: --articles takes a whole number of at least 1 \(got "all"\)/],
    ['bench.mjs', ['extra'], /^bench: Unexpected argument 'extra'/],
    ['fuzz.mjs', ['--runs', '1e3'], /^fuzz: --runs takes a whole number of at least 1 \(got "1e3"\)/],
    ['fuzz.mjs', ['--seed'], /^fuzz: Option '--seed <value>' argument missing/],
    ['profile.mjs', [], /^profile: no input given/],
    ['profile.mjs', ['--top', 'ten', 'x'], /^profile: --top takes a whole number/],
    ['profile.mjs', ['/nonexistent/cpu.cpuprofile'], /^profile: no such file or folder: \/nonexistent\/cpu\.cpuprofile/],
  ];
  it.each(cases)('%s %j', (script, args, message) => {
    const r = run(script, args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  });

  it('prints the usage line after the message', () => {
    expect(run('bench.mjs', ['--nope']).stderr.split('\n')[1]).toMatch(/^Usage: npm run bench/);
  });
});
