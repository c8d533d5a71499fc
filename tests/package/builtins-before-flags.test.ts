import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
