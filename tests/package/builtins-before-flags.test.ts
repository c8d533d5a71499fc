import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { repo } from '../helpers.js';

// A preload that notes, at V8's first flag change, which of Node's own modules are loaded, and at
// exit which public ones were loaded after it (those Node compiled without its built-in code cache).
const probe = `
const v8 = require('node:v8');
const set = v8.setFlagsFromString;
let before = null;
v8.setFlagsFromString = function (flag) {
  if (before === null) before = new Set(process.moduleLoadList);
  return set.call(this, flag);
};
process.on('exit', () => {
  const after = process.moduleLoadList.filter((m) => before !== null && !before.has(m) && /^NativeModule /.test(m));
  require('node:fs').writeSync(2, 'PROBE ' + JSON.stringify({ set: before !== null, after }) + '\\n');
});
`;

/** What the probe saw for `digest ARGS`, its stdout a pipe (as spawnSync makes it) or a file. */
function loadedAfterFlags(args: string[], stdout: 'pipe' | 'file' = 'pipe'): { set: boolean; after: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'digest-builtins-'));
  const file = join(dir, 'probe.cjs');
  writeFileSync(file, probe);
  const out = stdout === 'file' ? openSync(join(dir, 'stdout'), 'w') : 'pipe';
  try {
    const r = spawnSync(process.execPath, ['-r', file, repo('bin/digest.js'), ...args], { encoding: 'utf8', cwd: repo('.'), stdio: ['pipe', out, 'pipe'] });
    const line = r.stderr.split('\n').find((l) => l.startsWith('PROBE '));
    expect(line, r.stderr).toBeDefined();
    return JSON.parse(line!.slice(6)) as { set: boolean; after: string[] };
  } finally {
    if (typeof out === 'number') closeSync(out);
  }
}

describe("bin/load.js: Node's own modules every command needs are loaded before V8's flags are set (issue 17: start-up)", () => {
  it.each([
    ['--version', ['--version']],
    ['ingest', ['ingest', '--stdout', '-q', 'fixtures/articles/as-2025.txt']],
    ['text', ['text', 'fixtures/articles/ra-2025-site.html']],
  ])('digest %s loads neither crypto nor os after the first flag change', (_name, args) => {
    const { set, after } = loadedAfterFlags(args);
    // The probe saw the launcher set its flags (else it would prove nothing).
    expect(set).toBe(true);
    expect(after.filter((m) => /^NativeModule (?:crypto|os)$/.test(m))).toEqual([]);
  });

  // Nor any other of Node's modules: the stream process.stdout needs (net on a pipe, a sync write
  // stream on a file; bin/digest.js makes it before importing bin/load.js), parseArgs' two modules
  // and import.meta's initialiser (bin/load.js touches both before the flags).
  it.each([
    ['--version', 'pipe', ['--version']],
    ['--version', 'file', ['--version']],
    ['ingest', 'pipe', ['ingest', '--stdout', '-q', 'fixtures/articles/as-2025.txt']],
    ['ingest', 'file', ['ingest', '--stdout', '-q', 'fixtures/articles/as-2025.txt']],
    ['text', 'pipe', ['text', 'fixtures/articles/ra-2025-site.html']],
  ] as const)('digest %s, its stdout a %s, loads none of Node\'s modules after the first flag change', (_name, stdout, args) => {
    const { set, after } = loadedAfterFlags([...args], stdout);
    expect(set).toBe(true);
    expect(after).toEqual([]);
  });
});

// A preload that writes, for the thread a command runs on (bin/thread.js: build and merge), which of
// Node's own modules its isolate has compiled so far without the code cache built into the binary:
// it runs after the thread's start (Node's bootstrap, ~90 modules), before its script.
const threadProbe = `
const { isMainThread, workerData } = require('node:worker_threads');
if (!isMainThread && Array.isArray(workerData?.argv)) {
  const usage = require('internal/test/binding').internalBinding('builtins').getCacheUsage();
  require('node:fs').writeSync(2, 'PROBE ' + JSON.stringify({ without: [...usage.compiledWithoutCache], with: [...usage.compiledWithCache].length }) + '\\n');
}
`;

describe("bin/thread.js: the command's thread starts under V8's default flags (issue 17: a build's start-up)", () => {
  it("takes Node's own modules from the binary's code cache as it starts (all ~90 were compiled from source under the CLI's flags: ~150 M instructions)", () => {
    const dir = mkdtempSync(join(tmpdir(), 'digest-thread-flags-'));
    const file = join(dir, 'probe.cjs');
    writeFileSync(file, threadProbe);
    const r = spawnSync(process.execPath, ['--expose-internals', '--no-warnings', '-r', file, repo('bin/digest.js'), 'build', '--help'], { encoding: 'utf8', cwd: repo('.') });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Usage: digest build/);
    const line = r.stderr.split('\n').find((l) => l.startsWith('PROBE '));
    expect(line, r.stderr).toBeDefined();
    const { without, with: withCache } = JSON.parse(line!.slice(6)) as { without: string[]; with: number };
    // The probe ran on the command's thread after its start (else it would prove nothing).
    expect(withCache + without.length).toBeGreaterThan(50);
    expect(without.filter((name) => name !== 'internal/test/binding')).toEqual([]);
  });

  it("its defaults are V8's own, as `node --v8-options` states them (else the thread's start would not match the cache's flags)", () => {
    const options = spawnSync(process.execPath, ['--v8-options'], { encoding: 'utf8' }).stdout;
    // Read in a process of its own: importing bin/load.js sets its flags in the process that imports it.
    const load = pathToFileURL(repo('bin/load.js')).href;
    const read = spawnSync(process.execPath, ['--input-type=module', '-e', `const m = await import(${JSON.stringify(load)}); console.log(JSON.stringify([m.v8Flags, m.v8FlagDefaults]));`], { encoding: 'utf8' });
    const [flags, defaults] = JSON.parse(read.stdout) as [string[], string[]];
    expect(defaults.map((flag) => flag.replace(/=.*/, ''))).toEqual(flags.map((flag) => flag.replace(/=.*/, '')));
    for (const flag of defaults) expect(options, flag).toContain(`default: ${flag}\n`);
  });
});
