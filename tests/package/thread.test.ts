import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pipelineFileFor, repo } from '../helpers.js';
// @ts-expect-error: bin/ is plain JavaScript, without declarations
import { concurrencyOf, COORDINATOR_OLD_MB, oldGenerationLimit } from '../../bin/thread.js';

// `digest build` and `digest merge` run on a worker thread whose young generation is capped
// (bin/thread.js); the command must behave exactly as on the main thread: its output, exit
// codes, `--check`'s answer and the terminal's colours all pass through.

/** A project of two fixture articles with its pipeline file. */
function project(): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'digest-thread-'));
  const inputs = join(dir, 'in');
  mkdirSync(inputs);
  for (const name of ['as-2025.txt', 'ra-2025-site.html']) cpSync(repo(`fixtures/articles/${name}`), join(inputs, name));
  return { dir, file: pipelineFileFor(dir, inputs) };
}

/** A preload that writes, for the thread that runs the command, its resource limits to a file when it exits. */
function limitsProbe(dir: string): { preload: string; report: string } {
  const preload = join(dir, 'probe.cjs');
  const report = join(dir, 'limits.json');
  writeFileSync(
    preload,
    `const { isMainThread, resourceLimits, workerData } = require('node:worker_threads');
if (!isMainThread && Array.isArray(workerData?.argv)) process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(report)}, JSON.stringify({ argv: workerData.argv, resourceLimits })));\n`,
  );
  return { preload, report };
}

/** The environment digest runs in here. */
const digestEnv = { ...process.env, NO_COLOR: '', FORCE_COLOR: '' };

const digest = (args: string[], options: { cwd?: string; nodeArgs?: string[] } = {}) =>
  spawnSync(process.execPath, [...(options.nodeArgs ?? []), repo('bin/digest.js'), ...args], { cwd: options.cwd, encoding: 'utf8', env: digestEnv });

/**
 * V8's heap limit (MB) in a fresh `node` started as {@link digest} starts it, which bin/thread.js
 * reads: not this test process's, which the runner may start with a heap size of its own (vitest's
 * execArgv; a test worker at 8 GB on a machine whose default is 2 GB expected a limit digest never sets).
 */
function freshNodeHeapLimitMb(): number {
  // Written as text, not printed by -p: digestEnv's empty FORCE_COLOR makes node colour what -p prints.
  const r = spawnSync(process.execPath, ['-e', "process.stdout.write(String(require('node:v8').getHeapStatistics().heap_size_limit / 2 ** 20))"], { encoding: 'utf8', env: digestEnv });
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).toMatch(/^\d+(?:\.\d+)?$/);
  return Number(r.stdout);
}

describe('build and merge on a thread of their own', () => {
  it('build runs on a worker thread with a capped young generation; its output and exit codes pass through', () => {
    const { dir, file } = project();
    const { preload, report } = limitsProbe(dir);
    const built = digest(['build', '-p', file], { nodeArgs: ['-r', preload] });
    expect(built.status).toBe(0);
    expect(built.stderr).toMatch(/digest build: 2 inputs, 2 records, 0 failed; 2 ingested, 0 from cache; \d+ files changed under /);
    const limits = JSON.parse(readFileSync(report, 'utf8'));
    expect(limits.argv).toEqual(['build', '-p', file]);
    expect(limits.resourceLimits.maxYoungGenerationSizeMb).toBe(8);
    // Its old generation below 2 GB where V8's default is larger (a fresh node's default decides, as in digest's process).
    const old = oldGenerationLimit(freshNodeHeapLimitMb(), [], {}, ['build', '-j', '2']);
    if (old.maxOldGenerationSizeMb !== undefined) {
      expect(digest(['build', '-p', file, '-j', '2'], { nodeArgs: ['-r', preload] }).status).toBe(0);
      expect(JSON.parse(readFileSync(report, 'utf8')).resourceLimits.maxOldGenerationSizeMb).toBe(2047);
    }

    // --check's answer is its exit code: up to date (0), then not (1) once a file is edited.
    expect(digest(['build', '-p', file, '--check']).status).toBe(0);
    writeFileSync(join(dir, 'out', 'items.jsonl'), 'edited\n');
    const check = digest(['build', '-p', file, '--check']);
    expect(check.status).toBe(1);
    expect(check.stderr).toContain('changed: items.jsonl');
    // A usage error: exit 2 and its message.
    const usage = digest(['build', '--no-such-option']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('unknown option --no-such-option');
    // Machine-readable diagnostics on stderr, nothing but JSON Lines.
    const json = digest(['build', '-p', file, '--diagnostics', 'json']);
    expect(json.status).toBe(0);
    for (const line of json.stderr.split('\n').filter(Boolean)) expect(() => JSON.parse(line)).not.toThrow();
  });

  it("the build thread's old generation is kept below 2 GB only where V8 would give it more, and never over a heap size node was given", () => {
    expect(COORDINATOR_OLD_MB).toBe(2047);
    expect(oldGenerationLimit(4144, [], {})).toEqual({ maxOldGenerationSizeMb: 2047 });
    // A machine with 8 GiB or less: V8's own default is no larger, and stays.
    expect(oldGenerationLimit(2096, [], {})).toEqual({});
    expect(oldGenerationLimit(1040, [], {})).toEqual({});
    // The user’s heap size stands (and is the thread’s), given on the command line or in NODE_OPTIONS, either spelling.
    expect(oldGenerationLimit(8240, ['--max-old-space-size=8192'], {})).toEqual({ maxOldGenerationSizeMb: 8192 });
    expect(oldGenerationLimit(4144, [], { NODE_OPTIONS: '--require x --max_old_space_size=3000' })).toEqual({ maxOldGenerationSizeMb: 3000 });
    // Both: the command line's, as node takes it (it reads NODE_OPTIONS first); was NODE_OPTIONS'.
    expect(oldGenerationLimit(4144, ['--max-old-space-size=3000'], { NODE_OPTIONS: '--max-old-space-size=4096' })).toEqual({ maxOldGenerationSizeMb: 3000 });
    expect(oldGenerationLimit(4144, ['--max-heap-size=3000'], {})).toEqual({});
    // Set by the environment: 0 is V8's default.
    expect(oldGenerationLimit(4144, [], { DIGEST_COORDINATOR_OLD_MB: '0' })).toEqual({});
    expect(oldGenerationLimit(4144, [], { DIGEST_COORDINATOR_OLD_MB: '1500' })).toEqual({ maxOldGenerationSizeMb: 1500 });
    // A build on one thread ingests there: no limit (its full collections would come three times as often).
    expect(oldGenerationLimit(4144, [], {}, ['build', '-j', '1'])).toEqual({});
    expect(oldGenerationLimit(4144, [], {}, ['build', '--concurrency=1', '-p', 'x'])).toEqual({});
    expect(oldGenerationLimit(4144, [], {}, ['build', '-j1'])).toEqual({});
    expect(oldGenerationLimit(4144, [], {}, ['build', '-j', '2'])).toEqual({ maxOldGenerationSizeMb: 2047 });
    expect(concurrencyOf(['build', '-j', '1', '--concurrency', '3'])).toBe(3);
    expect(concurrencyOf(['build', '-j4'])).toBe(4);
    expect(concurrencyOf(['build'], 1)).toBe(1);
    expect(concurrencyOf(['build'], 8)).toBe(8);
    expect(concurrencyOf(['build', '-j', 'x'])).toBeNaN();
    // Given a heap size, the build's thread has it, not 2047 (before: an internal error, the option refused by the worker).
    const { dir, file } = project();
    const { preload, report } = limitsProbe(dir);
    expect(digest(['build', '-p', file], { nodeArgs: ['-r', preload, '--max-old-space-size=3000'] }).status).toBe(0);
    expect(JSON.parse(readFileSync(report, 'utf8')).resourceLimits.maxOldGenerationSizeMb).toBe(3000);
  });

  it('merge runs there too, and other commands on the main thread', () => {
    const { dir, file } = project();
    const { preload, report } = limitsProbe(dir);
    expect(digest(['build', '-p', file, '--shard', '1/1', '--out', join(dir, 'shard')]).status).toBe(0);
    const merged = digest(['merge', join(dir, 'shard'), '--out', join(dir, 'merged')], { nodeArgs: ['-r', preload] });
    expect(merged.stderr).toContain('digest merge: 1 shard, 2 inputs, 2 records');
    expect(merged.status).toBe(0);
    expect(JSON.parse(readFileSync(report, 'utf8')).argv[0]).toBe('merge');

    const { preload: preload2, report: report2 } = limitsProbe(mkdtempSync(join(tmpdir(), 'digest-thread-')));
    expect(digest(['--version'], { nodeArgs: ['-r', preload2] }).status).toBe(0);
    expect(existsSync(report2)).toBe(false);
  });

  it("sees the process's stderr as the terminal it is: the progress table and colours, as on the main thread", () => {
    // A pseudo-terminal from util-linux's script(1): a worker's own stderr is never a terminal.
    const script = ['/usr/bin/script', '/bin/script'].find((s) => existsSync(s));
    expect(script, 'script(1) from util-linux gives the command a terminal').toBeDefined();
    const { file } = project();
    const command = [process.execPath, repo('bin/digest.js'), 'build', '-p', file].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
    const r = spawnSync(script!, ['-qec', command, '/dev/null'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', TERM: 'xterm' } });
    expect(r.status).toBe(0);
    // The terminal's summary (a table, not the one-line result of a pipe), in colour.
    expect(r.stdout).toContain('digest build');
    expect(r.stdout).toMatch(/\u001b\[[0-9;]*m/);
    expect(r.stdout.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '')).toMatch(/inputs\s+2 \(2 records, 0 failed\)/);
  });
});
