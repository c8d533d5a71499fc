import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { codeTree } from '../../src/dataset/keys.js';
import { COMPILED_DATA_FORMAT } from '../../src/core/compiled-data.js';
import { packagePath } from '../../src/core/paths.js';
import { repo } from '../helpers.js';
import { run } from '../cli/run.js';

/**
 * The CLI bundle (dist/cli/digest.cjs, made by scripts/bundle-cli.mjs in `npm run build`) and its
 * code cache, which bin/digest.js runs through bin/load.js: the bundle must be dist/src's code
 * as it is now, and do what the sources do.
 */
const bundler = (await import(pathToFileURL(repo('scripts/bundle-cli.mjs')).href)) as {
  bundle: () => Promise<string>;
  textBundle: () => Promise<string>;
  ingestBundle: () => Promise<string>;
  partBundle: (name: string) => Promise<string>;
  lazyParts: string[];
  validatorPartBundle: (name: string) => Promise<string>;
  firstCallParts: string[];
  partLoader: string;
  textLeavesOut: string[];
  workerBundle: () => Promise<string>;
  workerSources: () => Promise<string[]>;
  decodeBase64: (input: string) => Uint16Array;
  cacheMakers: string[];
  cacheStamp: (read?: (file: string) => Buffer) => string;
};
type Main = (argv: string[], io: unknown) => Promise<number>;

/** The bundle at `file` is what `make` bundles from dist/src now (else it is stale: run npm run build), and ASCII, as `reader` reads it as Latin-1. */
async function expectCurrent(file: string, make: () => Promise<string>, reader: string): Promise<void> {
  const onDisk = readFileSync(repo(file), 'latin1');
  expect(onDisk === (await make()), `${file} is stale: npm run build`).toBe(true);
  expect(/[^\x00-\x7f]/.test(onDisk), `the bundle is ASCII (${reader} reads it as Latin-1)`).toBe(false);
}

/** A package of its own in a fresh temporary folder: bin/load.js and bin/read.cjs as shipped, `folders` made, a package.json of ES modules. */
function launcherPackage(prefix: string, folders: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const sub of ['bin', ...folders]) mkdirSync(join(dir, sub), { recursive: true });
  for (const file of ['load.js', 'read.cjs']) cpSync(repo(`bin/${file}`), join(dir, 'bin', file));
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}\n');
  return dir;
}

/**
 * A package of its own with stand-in bundles (`bundles`: those of dist/cli, by file name, beside the
 * whole CLI's) and dist/src's "main", each saying which ran, each bundle's list of sources current;
 * `node(...argvs)` runs the commands in one fresh process and gives what they said and the code cache's state.
 */
function standInPackage(prefix: string, bundles: string[]) {
  const dir = launcherPackage(prefix, ['dist/cli', 'dist/src/cli']);
  const says = (what: string) => `(function (exports, require, module) {exports.main = async (argv, io) => { io.stdout(${JSON.stringify(what)} + ' ' + argv[0] + '\\n'); return 0; };\nexports.shortRun = () => false;\n})`;
  const bundle = (file: string) => writeFileSync(join(dir, 'dist/cli', file), says(file === 'digest.cjs' ? 'whole bundle' : `${file.replace(/\.cjs$/, '')} bundle`));
  for (const file of [...bundles, 'digest.cjs']) bundle(file);
  writeFileSync(join(dir, 'dist/src/cli/main.js'), 'export const main = async (argv, io) => { io.stdout(`dist/src ${argv[0]}\n`); return 0; };\nexport const shortRun = () => false;\n');
  writeFileSync(join(dir, 'dist/src/a.js'), 'export const a = 1;\n');
  const list = (file: string, paths: string[]) => writeFileSync(join(dir, `dist/cli/${file}.sources`), JSON.stringify(paths.map((p) => [p, statSync(join(dir, p)).size, statSync(join(dir, p)).mtimeMs])));
  for (const file of bundles) list(file, ['dist/src/a.js']);
  list('digest.cjs', ['dist/src/a.js', 'dist/src/cli/main.js']);
  const env = { ...process.env };
  delete env.NODE_V8_COVERAGE; // V8 flags differ under coverage, and it rejects a cache made without them
  const load = JSON.stringify(join(dir, 'bin/load.js'));
  const script = (body: string) => spawnSync(process.execPath, ['--input-type=module', '-e', `const cli = await import(${load});\n${body}`], { encoding: 'utf8', env });
  const node = (...argvs: string[][]) => {
    const r = script(`let out = '';
const io = { stdout: (t) => void (out += t), stderr: (t) => void (out += 'stderr: ' + t), stdin: async () => new Uint8Array(), stderrIsTTY: false, env: {} };
for (const argv of ${JSON.stringify(argvs)}) await cli.main(argv, io);
process.stdout.write(out + cli.codeCache());`);
    return r.stderr + r.stdout;
  };
  return { dir, bundle, list, script, node };
}

/**
 * `argvs` run one after another in one fresh process through bin/load.js, as built: what each gave
 * (exit code, stdout, stderr), the state of the code cache of the first command's bundle, and the
 * cache file bin/load.js names for each of `commands`; `ios[i]`, what the i-th command reads on
 * standard input and whether its stderr is a terminal (none, and not one, by default).
 */
function inOneProcess(argvs: string[][], commands: string[], ios: { stdin?: string; tty?: boolean }[] = []) {
  // The parts the bundle ran (read as Latin-1 text by its part loader), in the order read.
  const script = `const parts = [];
const fs = process.getBuiltinModule('node:fs');
const readFileSync = fs.readFileSync;
fs.readFileSync = function (file, ...rest) {
  if (typeof file === 'string' && /[\\\\/]dist[\\\\/]cli[\\\\/][^\\\\/]+\\.cjs$/.test(file)) parts.push(file);
  return readFileSync.call(this, file, ...rest);
};
const cli = await import(${JSON.stringify(repo('bin/load.js'))});
const out = [];
const ios = ${JSON.stringify(ios)};
for (const [i, argv] of ${JSON.stringify(argvs)}.entries()) {
  let stdout = '';
  let stderr = '';
  const code = await cli.main(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), stdin: async () => new TextEncoder().encode(ios[i]?.stdin ?? ''), stderrIsTTY: ios[i]?.tty ?? false, env: {} });
  out.push({ code, stdout, stderr });
}
process.stdout.write(JSON.stringify({ out, cache: cli.codeCache(), files: ${JSON.stringify(commands)}.map((c) => cli.codeCacheFile(c)), parts }));`;
  const env = { ...process.env };
  delete env.NODE_V8_COVERAGE; // V8 flags differ under coverage, and it rejects a cache made without them
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: repo('.'), encoding: 'utf8', env, maxBuffer: 1 << 28 });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as { out: { code: number; stdout: string; stderr: string }[]; cache: string; files: string[]; parts: string[] };
}

describe('the CLI bundle', () => {
  it('is what bundling dist/src gives now: a stale bundle fails here', () => expectCurrent('dist/cli/digest.cjs', bundler.bundle, 'bin/load.js'), 60_000);

  it('is written as the function bin/load.js compiles, so that V8 compiles the text read rather than a copy of it (issue 17: start-up)', () => {
    // Wrapped at run time, the 1.9 MB text was a rope V8 flattened into a third copy: ~470 fresh pages a start.
    const text = readFileSync(repo('dist/cli/digest.cjs'), 'latin1');
    expect(text.startsWith('(function (exports, require, module, __filename, __dirname, __bundleImport) {// Generated by scripts/bundle-cli.mjs')).toBe(true);
    expect(text.endsWith('\n})')).toBe(true);
  });

  it('runs only while dist/src is what it was made from: a file recompiled, touched or gone sends the launcher to dist/src', async () => {
    const { bundleIsCurrent } = (await import(pathToFileURL(repo('bin/load.js')).href)) as { bundleIsCurrent: (list?: string, base?: string) => boolean };
    expect(bundleIsCurrent(), 'the built bundle lists dist/src as it is now').toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'digest-bundle-'));
    writeFileSync(join(dir, 'a.js'), 'export const a = 1;\n');
    const list = join(dir, 'sources.json');
    const listNow = () => {
      const stat = statSync(join(dir, 'a.js'));
      writeFileSync(list, JSON.stringify([['a.js', stat.size, stat.mtimeMs]]));
    };
    listNow();
    expect(bundleIsCurrent(list, `${dir}/`)).toBe(true);
    utimesSync(join(dir, 'a.js'), new Date(2000, 0, 1), new Date(2000, 0, 1)); // tsc wrote it again
    expect(bundleIsCurrent(list, `${dir}/`)).toBe(false);
    listNow();
    writeFileSync(join(dir, 'a.js'), 'export const a = 22;\n');
    expect(bundleIsCurrent(list, `${dir}/`)).toBe(false);
    rmSync(join(dir, 'a.js'));
    expect(bundleIsCurrent(list, `${dir}/`)).toBe(false);
    expect(bundleIsCurrent(join(dir, 'none.json'), `${dir}/`)).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });

  it('has its code caches made by the code that makes them as it is now: editing the flags in bin/load.js, or how scripts/bundle-cli.mjs makes them, makes the caches again', () => {
    // V8 refuses a cache made under other flags; the build used to keep the caches whenever the
    // bundle and V8 were the same, so new flags in bin/load.js left every command compiling, and a
    // new way of making them (scripts/bundle-cli.mjs's runs) was not taken up by a checkout.
    expect(readFileSync(repo('dist/cli/digest.cjs.v8'), 'utf8'), 'the stamp of the caches is what the code gives now: npm run build').toBe(bundler.cacheStamp());
    // The script itself, the launcher (its flags and wrapper), and the workers' entry (its wrapper of their bundle, part of the source V8 checks).
    for (const file of ['scripts/bundle-cli.mjs', 'bin/load.js', 'bin/worker.cjs']) expect(bundler.cacheMakers, file).toContain(file);
    for (const file of bundler.cacheMakers) {
      const edited = bundler.cacheStamp((f) => (f === file ? Buffer.concat([readFileSync(repo(f)), Buffer.from('\n')]) : readFileSync(repo(f))));
      expect(edited, `${file} edited`).not.toBe(bundler.cacheStamp());
    }
  });

  it('is run from its code caches by a plain node: text\'s own, ingest\'s own (refs too), --version\'s and help\'s, and the whole CLI\'s for the other commands', () => {
    const env = { ...process.env };
    delete env.NODE_V8_COVERAGE; // V8 flags differ under coverage, and it rejects a cache made without them
    for (const argv of [['text', repo('fixtures/extraction/zh/hospital-aspnet.html')], ['--version'], ['refs', repo('fixtures/articles/as-2025.txt')], ['ingest', repo('fixtures/articles/as-2025.txt'), '--stdout'], ['validate', repo('fixtures/no-such-dataset')]]) {
      const script = `const cli = await import(${JSON.stringify(repo('bin/load.js'))});
await cli.main(${JSON.stringify(argv)}, { stdout() {}, stderr() {}, stdin: async () => new Uint8Array(), stderrIsTTY: false, env: {} });
process.stdout.write(cli.codeCache());`;
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env });
      expect(r.stderr, argv[0]).toBe('');
      expect(r.stdout, argv[0]).toBe('used');
    }
  });

  it('makes code caches that a fresh process takes whichever command ran first: the flags set after the load are put back for the serialising', () => {
    // A package of its own: bin/load.js as shipped, a "bundle" whose shortRun says yes, and a
    // current list of its sources. Each first command sets its own flags after the load (text,
    // a short ingest, a long build, --version none); the cache made after it must carry the load's
    // flags, under which a fresh process compiles the bundle (V8 refuses a cache made under others).
    const dir = launcherPackage('digest-code-cache-', ['dist/cli', 'dist/src']);
    try {
      writeFileSync(join(dir, 'dist/src/a.js'), 'export const a = 1;\n');
      const stat = statSync(join(dir, 'dist/src/a.js'));
      writeFileSync(join(dir, 'dist/cli/digest.cjs.sources'), JSON.stringify([['dist/src/a.js', stat.size, stat.mtimeMs]]));
      // Written as scripts/bundle-cli.mjs writes the bundle: the module wrapped in the function bin/load.js calls.
      writeFileSync(join(dir, 'dist/cli/digest.cjs'), '(function (exports, require, module) {function count(argv) { let n = 0; for (const a of argv) n += a.length; return n; }\nexports.main = async (argv) => count(argv) > 0 ? 0 : 1;\nexports.shortRun = (argv) => argv[0] === "ingest";\n})');
      const env = { ...process.env };
      delete env.NODE_V8_COVERAGE; // other V8 flags: the caches would be refused for that alone
      const load = JSON.stringify(join(dir, 'bin/load.js'));
      const node = (script: string) => {
        const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env });
        expect(r.stderr).toBe('');
        return r.stdout;
      };
      for (const [first, flags] of [['text', '--semi-space-growth-factor=1'], ['ingest', '--no-regexp-optimization --semi-space-growth-factor=1'], ['build', '--semi-space-growth-factor=2 --bytecode-size-allowance-per-tick=30 --no-parallel-scavenge --no-concurrent-array-buffer-sweeping'], ['--version', '']] as const) {
        const cacheFile = node(`const cli = await import(${load});
await cli.main([${JSON.stringify(first)}, 'x', '-j', '2']);
const file = cli.codeCacheFile(${JSON.stringify(first)});
(await import('node:fs')).writeFileSync(file, cli.createCodeCache());
process.stdout.write(file + '\\n' + cli.flagsSet().join(' '));`).split('\n');
        expect(cacheFile[1], `${first}: its flags set after the load`).toBe(flags);
        expect(node(`const cli = await import(${load});
await cli.main([${JSON.stringify(first)}, 'x']);
process.stdout.write(cli.codeCache());`), `a cache made after ${first} first`).toBe('used');
        rmSync(cacheFile[0]!);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('loads no module a command does not run: `digest text` starts no thread, so worker_threads stays unloaded (issue 17: start-up)', () => {
    // Nor, for a caller with an io of its own (the bench's set-up row), process.stderr's stream on
    // a pipe: Node's net module, loaded for nothing.
    const unwanted = ['worker_threads', 'internal/worker', 'net'].map((m) => `NativeModule ${m}`);
    const script = `const cli = await import(${JSON.stringify(repo('bin/load.js'))});
await cli.main(['text', ${JSON.stringify(repo('fixtures/extraction/zh/hospital-aspnet.html'))}], { stdout() {}, stderr() {}, stdin: async () => new Uint8Array(), stderrIsTTY: false, env: {} });
const loaded = JSON.stringify(process.moduleLoadList.filter((m) => ${JSON.stringify(unwanted)}.includes(m)));
process.stdout.write(loaded);`;
    const env = { ...process.env };
    delete env.NODE_V8_COVERAGE; // as the other runs here: the process as a user starts it
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env, stdio: 'pipe' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual([]);
  });

  it('`node bin/digest.js text` loads bin/thread.js and worker_threads for build and merge only (issue 17: start-up)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'digest-modules-'));
    try {
      // A preload that says, as the process exits, whether the thread module and worker_threads were loaded.
      const preload = join(dir, 'loaded.cjs');
      writeFileSync(preload, `process.on('exit', () => require('node:fs').writeSync(2, '\\nloaded ' + JSON.stringify(['worker_threads', 'internal/worker'].map((m) => process.moduleLoadList.includes('NativeModule ' + m)))));\n`);
      const env = { ...process.env };
      delete env.NODE_V8_COVERAGE;
      const loaded = (...argv: string[]) => {
        const r = spawnSync(process.execPath, ['-r', preload, repo('bin/digest.js'), ...argv], { encoding: 'utf8', env, stdio: 'pipe' });
        return JSON.parse(/\nloaded (.*)$/.exec(r.stderr)![1]!);
      };
      expect(loaded('text', repo('fixtures/extraction/zh/hospital-aspnet.html'))).toEqual([false, false]);
      expect(loaded('--version')).toEqual([false, false]);
      // build runs on its thread (bin/thread.js): --help is answered there too.
      expect(loaded('build', '--help')).toEqual([true, true]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('returns a long command to V8\'s young-generation growth once loaded, makes a build\'s large functions wait longer for TurboFan and its workers scavenge on their own threads, and still from the one code cache', () => {
    // `--semi-space-growth-factor=16` (set for one-shot commands) held a build's young generation
    // at its maximum for the whole run: ~35 MB more peak RSS at 1,000 inputs (BENCHMARKS.md).
    const script = `const cli = await import(${JSON.stringify(repo('bin/load.js'))});
const out = [];
await cli.main(['build', '--help'], { stdout() {}, stderr() {}, stdin: async () => new Uint8Array(), stderrIsTTY: false, env: {} });
out.push(cli.codeCache(), ...['build', 'merge', 'validate', 'ingest', 'text', 'refs', '--version'].map((c) => c + '=' + cli.flagsAfterLoad(c, [c, '-j', '2']).join(' ')));
out.push('build -j 1=' + cli.flagsAfterLoad('build', ['build', '-j', '1']).join(' '), 'build --concurrency=1=' + cli.flagsAfterLoad('build', ['build', '--concurrency=1']).join(' '));
process.stdout.write(out.join('\\n'));`;
    const env = { ...process.env };
    delete env.NODE_V8_COVERAGE;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env });
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')).toEqual([
      'used',
      // A build with workers: its large functions wait longer for TurboFan, which each worker compiled again (BENCHMARKS.md, change 151).
      // Their scavenges done by the thread that needs them: no helper core to wait for (BENCHMARKS.md, change 157).
      'build=--semi-space-growth-factor=2 --bytecode-size-allowance-per-tick=30 --no-parallel-scavenge --no-concurrent-array-buffer-sweeping',
      'merge=--semi-space-growth-factor=2',
      'validate=--semi-space-growth-factor=2',
      'ingest=',
      // One page, of any size: its young generation kept at its first size (BENCHMARKS.md, change 74).
      'text=--semi-space-growth-factor=1',
      'refs=',
      '--version=',
      // On one thread TurboFan's code for them pays for its compiling: V8's default.
      'build -j 1=--semi-space-growth-factor=2',
      'build --concurrency=1=--semi-space-growth-factor=2',
    ]);
  });

  it('leaves regular expressions compiled before it loads as V8 tiers them, and compiles its own straight to machine code', () => {
    // `--no-regexp-tier-up`, set while the process runs, changed how V8 runs a pattern it had already
    // compiled to bytecode (a runtime's, a preload's, a test runner's): a host process that imported
    // bin/load.js died of SIGSEGV in NativeRegExpMacroAssembler::Execute, reproducibly in vitest's
    // fork running this file's ingest tests (8 of 8 runs; 0 of 8 with the fix). The ticks flag only
    // decides where a new pattern starts, so patterns made before keep V8's own tier-up.
    const runTimeUnsafe = ['--no-regexp-tier-up', '--regexp-tier-up', '--regexp-interpret-all', '--no-regexp-interpret-all'];
    const script = `const early = /(a+)(b)?c/;
early.test('aac');
const cli = await import(${JSON.stringify(repo('bin/load.js'))});
console.log('flags ' + JSON.stringify(cli.v8Flags));
const late = new RegExp('(x+)(y)?z');
console.log('late ' + late.test('xxz'));
console.log('early ' + early.test('aabc'));`;
    const env = { ...process.env };
    delete env.NODE_V8_COVERAGE;
    const r = spawnSync(process.execPath, ['--trace-regexp-tier-up', '--input-type=module', '-e', script], { encoding: 'utf8', env });
    expect(r.status, r.stderr).toBe(0);
    const flags = JSON.parse(/^flags (.*)$/m.exec(r.stdout)![1]!) as string[];
    for (const flag of flags) expect(runTimeUnsafe, flag).not.toContain(flag.split('=')[0]);
    // V8's trace: each compile as "JSRegExp object <address> bytecode|native code size: n".
    const lines = r.stdout.split('\n');
    const at = (mark: string) => lines.findIndex((l) => l.startsWith(mark));
    const compiles = (from: number, to: number) => lines.slice(from, to).filter((l) => /^JSRegExp object \S+ (?:bytecode|native code) size/.test(l)).map((l) => (l.includes(' bytecode ') ? 'bytecode' : 'native'));
    // The late pattern: one compile, to machine code, with no bytecode first.
    expect(compiles(at('flags '), at('late '))).toEqual(['native']);
    // The early pattern, run again: V8 tiers it up from its bytecode as it would without the launcher.
    expect(lines.slice(at('late '), at('early ')).some((l) => l.endsWith('needs tier-up compilation'))).toBe(true);
    expect(r.stdout).toMatch(/^late true$/m);
    expect(r.stdout).toMatch(/^early true$/m);
  });

  it('compiles a short run\'s patterns without V8\'s match-time optimisations and keeps its young generation at its first size, and matches the same: ingest of the nine articles gives their records in out/, refs what the sources give', async () => {
    // `--no-regexp-optimization` and `--semi-space-growth-factor=1` are set after the load for refs
    // and ingest of a few files (155 KB here) (the CLI's shortRun); a build (whose records are in
    // out/) and this process run without them.
    const articles = readdirSync(repo('fixtures/articles')).sort();
    expect(articles.length).toBeLessThanOrEqual(10);
    const env = { ...process.env };
    delete env.NODE_V8_COVERAGE;
    const through = (argv: string[]) => {
      const script = `const cli = await import(${JSON.stringify(repo('bin/load.js'))});
let stdout = '';
let stderr = '';
const code = await cli.main(${JSON.stringify(argv)}, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), stdin: async () => new Uint8Array(), stderrIsTTY: false, env: {} });
const young = (await import('node:v8')).getHeapSpaceStatistics().find((space) => space.space_name === 'new_space').space_size;
process.stdout.write(JSON.stringify({ code, stdout, stderr, flags: cli.flagsSet(), cache: cli.codeCache(), young }));`;
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: repo('.'), encoding: 'utf8', env, maxBuffer: 1 << 28 });
      expect(r.stderr).toBe('');
      return JSON.parse(r.stdout) as { code: number; stdout: string; stderr: string; flags: string[]; cache: string; young: number };
    };
    const ingest = through(['ingest', ...articles.map((f) => `fixtures/articles/${f}`), '--stdout', '--quiet']);
    expect(ingest.flags).toEqual(['--no-regexp-optimization', '--semi-space-growth-factor=1']);
    // The young generation's two semispaces at their first size (1 MB each), not grown 16× to 32 MB:
    // the fresh pages a grown one is allocated into are what such a run paid for (BENCHMARKS.md, issue 17).
    expect(ingest.young).toBeLessThanOrEqual(4 * 1024 * 1024);
    expect(ingest.cache).toBe('used');
    expect(ingest.code).toBe(0);
    const records = ingest.stdout.trim().split('\n').map((line) => JSON.parse(line) as { id: string });
    expect(records.map((r) => r.id)).toEqual(articles.map((f) => f.replace(/\.[^.]+$/, '')));
    for (const record of records) expect(record, record.id).toEqual(JSON.parse(readFileSync(repo(`out/articles/${record.id}.json`), 'utf8')));
    for (const article of ['as-2025.txt', 'ra-2025-site.html']) {
      const refs = through(['refs', `fixtures/articles/${article}`]);
      expect(refs.flags).toEqual(['--no-regexp-optimization', '--semi-space-growth-factor=1']);
      const { flags: _flags, cache: _cache, young: _young, ...result } = refs;
      expect(result, article).toEqual(await run(['refs', repo(`fixtures/articles/${article}`)]));
    }
    // text keeps its young generation at its first size, its patterns optimised; --version keeps
    // V8's defaults (a build: the test above).
    expect(through(['text', 'fixtures/extraction/zh/hospital-aspnet.html']).flags).toEqual(['--semi-space-growth-factor=1']);
    expect(through(['--version']).flags).toEqual([]);
  }, 60_000);

  it('gives what the sources give: text, ingest and refs on every fixture', async () => {
    const bundled = (await import(pathToFileURL(repo('bin/load.js')).href)) as { main: Main; codeCache: () => string };
    const inputs = [
      ...readdirSync(repo('fixtures/articles')).map((f) => `fixtures/articles/${f}`),
      ...readdirSync(repo('fixtures/extraction/zh')).map((f) => `fixtures/extraction/zh/${f}`),
    ];
    expect(inputs.length).toBeGreaterThan(20);
    let runs = 0;
    for (const input of inputs) {
      for (const args of [['text', repo(input), '--json'], ['ingest', repo(input), '--stdout', '--verbose'], ['refs', repo(input)]]) {
        let stdout = '';
        let stderr = '';
        const io = { stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t), stdin: async () => new Uint8Array(), stderrIsTTY: false, env: {} };
        const code = await bundled.main(args, io);
        expect({ code, stdout, stderr }, `${args.join(' ')}`).toEqual(await run(args));
        runs++;
      }
    }
    expect(runs).toBe(inputs.length * 3);
    expect(bundled.codeCache(), 'the bundle ran, not dist/src').not.toBe('no bundle');
  }, 120_000);

  it('refuses bad pipeline files as the sources do (the validators and their Ajv runtime, bundled)', async () => {
    const bundled = (await import(pathToFileURL(repo('bin/load.js')).href)) as { main: Main };
    const dir = mkdtempSync(join(tmpdir(), 'digest-bundle-'));
    const base = JSON.parse(readFileSync(repo('pipelines/digest.json'), 'utf8')) as { stages: { use: string; options?: Record<string, unknown> }[]; data: Record<string, string> };
    const language = base.stages.find((s) => s.use === 'language')!;
    const bad = {
      // uniqueItems (Ajv's runtime `equal`), maxLength (its `ucs2length`), a pattern, an enum
      'repeated-candidates.json': { ...base, stages: base.stages.map((s) => (s === language ? { ...s, options: { ...s.options, candidates: ['eng', 'eng'] } } : s)) },
      'long-data-path.json': { ...base, data: { ...base.data, html: 'x'.repeat(5000) } },
      'bad-name.json': { ...base, name: 'Not A Name' },
      'bad-encoding.json': { ...base, stages: base.stages.map((s) => (s.use === 'read' ? { ...s, options: { fallbackEncoding: 'ebcdic' } } : s)) },
    };
    for (const [name, pipeline] of Object.entries(bad)) {
      writeFileSync(join(dir, name), JSON.stringify(pipeline));
      for (const command of ['text', 'ingest']) {
        const args = [command, repo('fixtures/articles/as-2025.txt'), '--pipeline', join(dir, name)];
        let stdout = '';
        let stderr = '';
        const io = { stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t), stdin: async () => new Uint8Array(), stderrIsTTY: false, env: {} };
        const code = await bundled.main(args, io);
        const fromSources = await run(args);
        expect(fromSources.code, `${name}: refused`).not.toBe(0);
        expect({ code, stdout, stderr }, `${command} with ${name}`).toEqual(fromSources);
      }
    }
  });

  it("decodes entities' tables as entities does (the bundle's native base64 in place of atob)", async () => {
    const entities = join(packagePath('node_modules', 'htmlparser2', 'node_modules', 'entities', 'dist', 'esm'));
    const { decodeBase64 } = (await import(pathToFileURL(join(entities, 'internal', 'decode-shared.js')).href)) as { decodeBase64: (s: string) => Uint16Array };
    for (const table of ['decode-data-html.js', 'decode-data-xml.js']) {
      const data = /decodeBase64\("([^"]+)"\)/.exec(readFileSync(join(entities, 'generated', table), 'utf8'))![1]!;
      expect(bundler.decodeBase64(data), table).toEqual(decodeBase64(data));
    }
  });

  it('keys the build cache on dist/src, whose code it is: the same keys as the modules', () => {
    expect(codeTree(repo('dist/cli/digest.cjs'))).toBe(packagePath('dist', 'src'));
    expect(codeTree(repo('dist/src/dataset/keys.js'))).toBe(repo('dist/src'));
    expect(codeTree(repo('src/dataset/keys.ts'))).toBe(repo('src'));
  });
});

/**
 * `digest text`'s own bundle (dist/cli/text.cjs): the CLI less the modules only other commands
 * run, which bin/load.js runs for `text` while its own list of sources is current (issue 17:
 * text's set-up read 1.9 MB of bundle, franc's trigram data and the record validators among it).
 */
/**
 * Copies of the shipped pipeline in `dir`, one for each data file with a validator of its own
 * (structure, journals, html, lexicon, facts), that file given an error its schema refuses: their
 * pipeline files' paths. No command trusts such a file's hash, so each runs the data files' validators.
 */
function spoiledPipelines(dir: string): string[] {
  const bad: Record<string, (value: Record<string, unknown>) => unknown> = {
    structure: (v) => ({ ...v, maxHeadingLength: 'x' }),
    journals: (v) => ({ ...v, journals: [{ title: 1 }] }),
    html: (v) => ({ ...v, extra: true }),
    lexicon: (v) => ({ ...v, concepts: 'not a list' }),
    facts: (v) => ({ ...v, percent: 5 }),
  };
  return Object.entries(bad).map(([key, spoil]) => {
    const folder = join(dir, key);
    cpSync(repo('pipelines'), folder, { recursive: true });
    const file = join(folder, 'data', `${key}.json`);
    writeFileSync(file, JSON.stringify(spoil(JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>)));
    return join(folder, 'digest.json');
  });
}

/**
 * `argvs` (one command, each with a pipeline of {@link spoiledPipelines}) run in one process from the
 * command's own bundle and its cache: the data files' part read once, and each run says what the
 * sources say, the schema's diagnostic (file, pointer, rule) among it.
 */
async function expectDataFileDiagnostics(argvs: string[][]): Promise<void> {
  const { out, cache, parts } = inOneProcess(argvs, [argvs[0]![0]!]);
  expect(cache, `${argvs[0]![0]}'s own bundle`).toBe('used');
  expect(parts, "the data files' part, run once").toEqual([repo('dist/cli/validators-data-files.cjs')]);
  for (const [i, argv] of argvs.entries()) {
    const fromSources = await run(argv);
    expect(fromSources.stderr, argv.join(' ')).toMatch(/data[\\/]\w+\.json: does not match schemas\/\w+\.schema\.json at \/\S*: /);
    expect(out[i], argv.join(' ')).toEqual(fromSources);
  }
}

describe("`digest text`'s own bundle", () => {
  it('is what bundling dist/src without the other commands\' modules gives now, and holds neither the language stage, franc, the record validators nor another command', async () => {
    await expectCurrent('dist/cli/text.cjs', bundler.textBundle, 'bin/load.js');
    const text = readFileSync(repo('dist/cli/text.cjs'), 'latin1');
    expect(text.startsWith('(function (exports, require, module, __filename, __dirname, __bundleImport) {// Generated by scripts/bundle-cli.mjs')).toBe(true);
    // A fifth until the validators' code shrank (change 222), which took more from the CLI's bundle than from this one.
    expect(text.length, 'under 22 % of the CLI bundle').toBeLessThan(readFileSync(repo('dist/cli/digest.cjs'), 'latin1').length * 0.22);
    expect(text.includes('node_modules/franc/'), "franc's trigram data").toBe(false);
    // The general categories property-ranges writes out for ingest (\p{L}, \p{N}: ~12 kB as escapes) are left out: undefined here,
    // so text's patterns keep the escapes; ingest's bundle and the CLI's hold them.
    expect(bundler.textLeavesOut).toEqual(['letter', 'number']);
    expect(text).toMatch(/\bletter=void 0;number=void 0;/);
    expect(text.includes('letter="A-Za-z'), 'the letters').toBe(false);
    // (The letters' string, whatever its name: ingest's bundle has short ones.)
    for (const file of ['ingest', 'digest']) expect(readFileSync(repo(`dist/cli/${file}.cjs`), 'latin1').includes('="A-Za-z\\xAA\\xB5\\xBA'), file).toBe(true);
    // What a first page never runs is left to parts, as in ingest's bundle: markdown-it and chardet
    // run at their first import(), the data files' validators at their first call (issue 17: `digest text` set-up).
    for (const name of ['markdown-it', 'chardet']) {
      expect(text.includes(`node_modules/${name}/`), name).toBe(false);
      expect(text.includes(`__part(${JSON.stringify(name)})`), name).toBe(true);
    }
    const dataFiles = Object.keys((await import(pathToFileURL(repo('dist/src/generated/validators-data-files.js')).href)) as object);
    expect(dataFiles.length).toBeGreaterThan(0);
    for (const key of dataFiles) expect(text, key).toContain(`__onFirstCall("validators-data-files","../src/generated/validators-data-files.js",${JSON.stringify(key)})`);
    // Of Ajv's validate functions (one a schema, and one a `$ref`'d definition it compiles apart), the pipeline's and decoding.json's alone, which every start runs.
    const validateFunctions = (code: string) => code.match(/instancePath:[\w$]+=""/g)?.length ?? 0;
    expect(validateFunctions(text), "the data files' validators' code").toBe(validateFunctions(readFileSync(repo('dist/src/generated/validators-data.js'), 'latin1')));
    const listed = (JSON.parse(readFileSync(repo('dist/cli/text.cjs.sources'), 'utf8')) as [string, number, number][]).map(([path]) => path);
    for (const left of ['dist/src/stages/language.js', 'dist/src/generated/validators-dataset.js', 'dist/src/generated/validators-csl.js', 'dist/src/ingest.js', 'dist/src/dataset/build.js', 'dist/src/refs/list.js']) expect(listed, left).not.toContain(left);
    // The data files' validators still listed: a dist/src whose validators changed makes the bundle (and so its part, made with it) stale.
    for (const kept of ['dist/src/cli/main.js', 'dist/src/cli/text.js', 'dist/src/stages/read.js', 'dist/src/stages/parse.js', 'dist/src/generated/validators-data.js', 'dist/src/generated/validators-data-files.js']) expect(listed, kept).toContain(kept);
    // Every file of it is one of the CLI's: a dist/src that is current for the CLI is current for text.
    const cli = new Set((JSON.parse(readFileSync(repo('dist/cli/digest.cjs.sources'), 'utf8')) as [string, number, number][]).map(([path]) => path));
    expect(listed.filter((path) => !cli.has(path))).toEqual([]);
    const { bundleIsCurrent } = (await import(pathToFileURL(repo('bin/load.js')).href)) as { bundleIsCurrent: (list?: string) => boolean };
    expect(bundleIsCurrent(repo('dist/cli/text.cjs.sources'))).toBe(true);
    expect(existsSync(repo('dist/cli/digest.cjs.text.cache')), 'no CLI cache for text: it has a bundle of its own').toBe(false);
  }, 60_000);

  it('runs `text` from its own bundle and code cache, and a later command of the same process from the whole CLI, as the sources do', async () => {
    const page = repo('fixtures/extraction/zh/hospital-aspnet.html');
    const article = repo('fixtures/articles/as-2025.txt');
    const argvs = [['text', page, '--json'], ['ingest', article, '--stdout'], ['refs', article], ['text', page], ['--version']];
    const { out, cache, files } = inOneProcess(argvs, ['text']);
    expect(cache, "text's own cache taken").toBe('used');
    expect(files).toEqual([repo('dist/cli/text.cjs.cache')]);
    for (const [i, argv] of argvs.entries()) expect(out[i], argv.join(' ')).toEqual(await run(argv));
  }, 60_000);

  it("reads no part for a UTF-8 page of the shipped data; runs markdown-it's and chardet's for Markdown and a legacy encoding, and the data files' validators' for a user's data file with an error, each once, and says what the sources say", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'digest-text-parts-'));
    try {
      const page = repo('fixtures/extraction/zh/hospital-aspnet.html');
      const shipped = inOneProcess([['text', page], ['text', page, '--json']], ['text']);
      expect(shipped.cache, "text's own cache taken").toBe('used');
      expect(shipped.parts, 'no part read for a first page').toEqual([]);
      // Shift_JIS: neither UTF-8 nor a Chinese encoding, so the decoder asks chardet.
      const japanese = join(dir, 'sjis.txt');
      writeFileSync(japanese, iconv.encode('幹細胞治療の最新の臨床研究について、東京大学のチームが報告した。\n\n患者は六十人で、ひらがなとカタカナが多い文章です。\n', 'shift_jis'));
      const markdown = repo('fixtures/articles/ra-2025-markdown.md');
      const kinds = inOneProcess([['text', markdown], ['text', japanese, '--json'], ['text', markdown, '--json'], ['text', japanese]], ['text']);
      expect(kinds.parts).toEqual([repo('dist/cli/markdown-it.cjs'), repo('dist/cli/chardet.cjs')]);
      for (const [i, argv] of [['text', markdown], ['text', japanese, '--json'], ['text', markdown, '--json'], ['text', japanese]].entries()) expect(kinds.out[i], argv.join(' ')).toEqual(await run(argv));
      await expectDataFileDiagnostics(spoiledPipelines(dir).map((pipeline) => ['text', page, '--pipeline', pipeline]));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('is run for `text` only while its own list is current, never reading the CLI bundle then; any other command, or text from a stale one, runs the whole CLI or dist/src as before', () => {
    // A package of its own: bin/load.js as shipped, a text "bundle", a whole-CLI "bundle" and dist/src's "main", each saying which ran.
    const { dir, bundle, list, script, node } = standInPackage('digest-text-bundle-', ['text.cjs']);
    try {
      // The first command decides: text's bundle for text, the whole CLI for a later other command (and it alone for a first other command).
      expect(node(['text', 'x'], ['--version'], ['text', 'y'])).toBe('text bundle text\nwhole bundle --version\ntext bundle text\nabsent');
      expect(node(['--version'], ['text', 'x'])).toBe('whole bundle --version\nwhole bundle text\nabsent');
      // text's code cache: made after text, taken by a fresh process.
      expect(script(`await cli.main(['text', 'x'], { stdout() {}, stderr() {} });
(await import('node:fs')).writeFileSync(cli.codeCacheFile('text'), cli.createCodeCache());`).stderr).toBe('');
      expect(existsSync(join(dir, 'dist/cli/text.cjs.cache'))).toBe(true);
      expect(node(['text', 'x'])).toBe('text bundle text\nused');
      // The whole CLI never read for text: a bundle that is a folder would fail any read of it.
      rmSync(join(dir, 'dist/cli/digest.cjs'));
      mkdirSync(join(dir, 'dist/cli/digest.cjs'));
      expect(node(['text', 'x'])).toBe('text bundle text\nused');
      rmSync(join(dir, 'dist/cli/digest.cjs'), { recursive: true });
      bundle('digest.cjs');
      // dist/src compiled again: text's bundle is stale, and so is the CLI's; dist/src runs, and says why once.
      utimesSync(join(dir, 'dist/src/a.js'), new Date(2000, 0, 1), new Date(2000, 0, 1));
      expect(node(['text', 'x'], ['--version'])).toBe('digest: dist/cli/digest.cjs is older than dist/src (run npm run build); running dist/src\ndist/src text\ndist/src --version\nstale bundle');
      // Calls made before the first load settles share it: the CLI loaded once, its warning said once.
      const together = script(`let out = '';
const io = { stdout: (t) => void (out += t), stderr: (t) => void (out += 'stderr: ' + t) };
await Promise.all([cli.main(['--version'], io), cli.main(['text', 'x'], io)]);
process.stdout.write(out);`);
      expect(together.stderr + together.stdout).toBe('digest: dist/cli/digest.cjs is older than dist/src (run npm run build); running dist/src\ndist/src --version\ndist/src text\n');
      // A stale text bundle beside a current CLI bundle (its list made again): the whole CLI runs text.
      list('digest.cjs', ['dist/src/a.js', 'dist/src/cli/main.js']);
      expect(node(['text', 'x'])).toBe('whole bundle text\nabsent');
      // No text bundle (an older build): the whole CLI, from its cache for the other commands.
      rmSync(join(dir, 'dist/cli/text.cjs'));
      expect(node(['text', 'x'])).toBe('whole bundle text\nabsent');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * `digest ingest`'s and `digest refs`'s own bundle (dist/cli/ingest.cjs): the CLI less the dataset's
 * build, merge and validation, `text`'s and `init`'s modules, with a code cache made after ingest
 * alone, which bin/load.js runs for those two commands while its own list of sources is current
 * (issue 17: a one-article ingest read the whole CLI and deserialised a cache made after three commands).
 */
describe("`digest ingest`'s own bundle", () => {
  const listOf = (file: string) => (JSON.parse(readFileSync(repo(file), 'utf8')) as [string, number, number][]).map(([path]) => path);

  it("is what bundling dist/src without the other commands' modules gives now, holds what ingest and refs run and not the build, merge, validate, text or init", async () => {
    await expectCurrent('dist/cli/ingest.cjs', bundler.ingestBundle, 'bin/load.js');
    const text = readFileSync(repo('dist/cli/ingest.cjs'), 'latin1');
    expect(text.startsWith('(function (exports, require, module, __filename, __dirname, __bundleImport) {// Generated by scripts/bundle-cli.mjs')).toBe(true);
    expect(text.length, 'smaller than the CLI bundle').toBeLessThan(readFileSync(repo('dist/cli/digest.cjs'), 'latin1').length);
    const listed = listOf('dist/cli/ingest.cjs.sources');
    for (const left of ['dist/src/dataset/build.js', 'dist/src/dataset/merge.js', 'dist/src/dataset/validate.js', 'dist/src/dataset/cache.js', 'dist/src/dataset/runner.js', 'dist/src/report/html/index.js', 'dist/src/cli/text.js', 'dist/src/cli/init.js']) expect(listed, left).not.toContain(left);
    for (const kept of ['dist/src/cli/main.js', 'dist/src/ingest.js', 'dist/src/stages/language.js', 'dist/src/refs/list.js', 'dist/src/dataset/writer.js', 'dist/src/cli/summary.js', 'dist/src/generated/validators-dataset.js', 'dist/src/generated/validators-csl.js']) expect(listed, kept).toContain(kept);
    expect(text.includes('node_modules/piscina/'), 'the workers\' pool').toBe(false);
    // The packages an article needs only for its kind are bundles of their own (bin/load.js runs them at their first import()).
    for (const name of bundler.lazyParts) {
      expect(text.includes(`node_modules/${name}/`), name).toBe(false);
      expect(text.includes(`__part(${JSON.stringify(name)})`), name).toBe(true);
    }
    // Every file of it is one of the CLI's: a dist/src that is current for the CLI is current for ingest.
    const cli = new Set(listOf('dist/cli/digest.cjs.sources'));
    expect(listed.filter((path) => !cli.has(path))).toEqual([]);
    const { bundleIsCurrent } = (await import(pathToFileURL(repo('bin/load.js')).href)) as { bundleIsCurrent: (list?: string) => boolean };
    expect(bundleIsCurrent(repo('dist/cli/ingest.cjs.sources'))).toBe(true);
  }, 60_000);

  it('has short local names where the CLI bundle keeps its own, and runs from them as the sources do (issue 17: ~65 fewer pages faulted in a start)', () => {
    const text = readFileSync(repo('dist/cli/ingest.cjs'), 'latin1');
    const cli = readFileSync(repo('dist/cli/digest.cjs'), 'latin1');
    // Functions ingest runs on every article, named in dist/src: in the CLI's bundle as written, in ingest's renamed.
    for (const name of ['readJournals', 'loadPipelineWith', 'segmentSource', 'matchingView']) {
      expect(cli.includes(`function ${name}(`), name).toBe(true);
      expect(text.includes(`function ${name}(`), name).toBe(false);
    }
    expect(text.length, 'under 0.9 of the bytes it had with its names (0.98 MB then)').toBeLessThan(0.9 * 981_348);
    // What bin/load.js and the parts rely on stays: the wrapper's parameters, the parts' loaders, a stage's name (a string).
    expect(text.startsWith('(function (exports, require, module, __filename, __dirname, __bundleImport) {')).toBe(true);
    expect(text.includes('__part("franc")')).toBe(true);
    expect(text.includes('__onFirstCall(')).toBe(true);
    expect(text.includes('name:"segment"')).toBe(true);
  });

  it("holds none of the build's modules that ingest's terminal summary once pulled in: the dataset's entry, the review pages' renderers, the tables' rows (issue 17: start-up)", () => {
    // dist/src/dataset/entry.js imports the article and source pages' renderers (~50 KB); the summary needs only input-summary.js.
    const listed = listOf('dist/cli/ingest.cjs.sources');
    for (const left of ['dist/src/dataset/entry.js', 'dist/src/report/html/article.js', 'dist/src/report/html/source.js', 'dist/src/report/html/search.js', 'dist/src/report/html/changes.js', 'dist/src/dataset/tables.js', 'dist/src/dataset/cache-entry.js']) expect(listed, left).not.toContain(left);
    expect(listed).toContain('dist/src/dataset/input-summary.js');
    const text = readFileSync(repo('dist/cli/ingest.cjs'), 'latin1');
    // (By a string of its own: ingest's bundle renames functions.)
    expect(text.includes('No outcomes found.'), "the article page's renderer").toBe(false);
    expect(readFileSync(repo('dist/cli/digest.cjs'), 'latin1').includes('No outcomes found.'), "the CLI's bundle holds it").toBe(true);
  });

  it('runs every option of ingest and refs from its own bundle as the sources do: --out (the files written), --id, standard input, --pipeline, each --diagnostics format, --quiet, --verbose, colour, the summary on a terminal, help and usage errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'digest-ingest-options-'));
    try {
      const out = join(dir, 'out');
      const article = repo('fixtures/articles/as-2025.txt');
      const english = repo('fixtures/bench/en-2025.txt');
      const markdown = repo('fixtures/articles/ra-2025-markdown.md');
      const piped = readFileSync(article, 'utf8');
      const refsText = readFileSync(repo('fixtures/articles/ra-2025.txt'), 'utf8').split('\n').slice(-40).join('\n');
      const cases: [string[], { stdin?: string; tty?: boolean }][] = [
        [['ingest', article, '-o', out], {}],
        [['ingest', article, '-o', out, '--id', 'as-one'], { tty: true }],
        [['ingest', article, english, markdown, '--out', out, '--color'], { tty: true }],
        [['ingest', english, '-o', out, '--no-color', '-v'], { tty: true }],
        [['ingest', article, '-o', out, '-q'], { tty: true }],
        [['ingest', '-', '-o', out, '--id', 'piped-in'], { stdin: piped, tty: true }],
        [['ingest', '-', '--stdout'], { stdin: piped }],
        [['ingest', article, '--stdout', '--diagnostics', 'github', '--verbose'], {}],
        [['ingest', english, '--stdout', '--diagnostics=json'], { tty: true }],
        [['ingest', '-p', repo('pipelines/digest.json'), article, '--stdout'], {}],
        [['ingest', '--help'], {}],
        [['ingest'], {}],
        [['ingest', article, '--id', 'Bad Id', '--stdout'], {}],
        [['ingest', join(dir, 'missing.txt'), '-o', out], { tty: true }],
        [['refs', '-', '--diagnostics=json'], { stdin: refsText }],
        [['refs', article, '-v', '--color'], { tty: true }],
        [['refs', english, '-q'], {}],
        [['refs', '--help'], {}],
      ];
      const argvs = cases.map(([argv]) => argv);
      const files = () => {
        const found: Record<string, string> = {};
        const walk = (at: string) => {
          for (const entry of readdirSync(at, { withFileTypes: true })) {
            const path = join(at, entry.name);
            if (entry.isDirectory()) walk(path);
            else found[path.slice(out.length)] = readFileSync(path, 'latin1');
          }
        };
        if (existsSync(out)) walk(out);
        return found;
      };
      const bundled = inOneProcess(argvs, ['ingest'], cases.map(([, io]) => io));
      expect(bundled.cache, "ingest's own bundle and cache").toBe('used');
      const written = files();
      expect(Object.keys(written).length, 'records written').toBeGreaterThan(3);
      rmSync(out, { recursive: true, force: true });
      for (const [i, [argv, io]] of cases.entries()) expect(bundled.out[i], argv.join(' ')).toEqual(await run(argv, io.stdin ?? '', io.tty ?? false));
      expect(written).toEqual(files());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('leaves franc, markdown-it and chardet to bundles of their own, each what bundling the package gives now', async () => {
    expect(bundler.lazyParts.length).toBeGreaterThan(0);
    for (const name of bundler.lazyParts) await expectCurrent(`dist/cli/${name}.cjs`, () => bundler.partBundle(name), 'the ingest bundle');
  }, 60_000);

  it("leaves the data files' validators and the CSL item's to parts run at their first call, each what bundling dist/src's module gives now (issue 17: start-up)", async () => {
    expect(bundler.firstCallParts).toEqual(['validators-data-files', 'validators-csl']);
    const text = readFileSync(repo('dist/cli/ingest.cjs'), 'latin1');
    // One Ajv validate function a schema (and one a `$ref`'d definition it compiles apart): ingest's holds the CLI's less the parts'.
    const validateFunctions = (code: string) => code.match(/instancePath:[\w$]+=""/g)?.length ?? 0;
    let inParts = 0;
    for (const name of bundler.firstCallParts) {
      await expectCurrent(`dist/cli/${name}.cjs`, () => bundler.validatorPartBundle(name), 'the ingest bundle');
      const part = readFileSync(repo(`dist/cli/${name}.cjs`), 'latin1');
      expect(validateFunctions(part), name).toBeGreaterThan(0);
      inParts += validateFunctions(part);
      const exported = Object.keys(await import(pathToFileURL(repo(`dist/src/generated/${name}.js`)).href));
      for (const key of exported) expect(text, `${name}: ${key}`).toContain(`__onFirstCall(${JSON.stringify(name)},${JSON.stringify(`../src/generated/${name}.js`)},${JSON.stringify(key)})`);
    }
    expect(validateFunctions(text) + inParts).toBe(validateFunctions(readFileSync(repo('dist/cli/digest.cjs'), 'latin1')));
    // Still listed: a dist/src whose validators changed makes the bundle (and so its parts, made with it) stale.
    for (const name of bundler.firstCallParts) expect(listOf('dist/cli/ingest.cjs.sources')).toContain(`dist/src/generated/${name}.js`);
  }, 60_000);

  it("answers through a part's stand-in as dist/src's validator does, errors included, from the part or, where there is none, from dist/src: a CSL item the quick check cannot prove valid, a user's data file", async () => {
    const cli = repo('dist/cli');
    const ran: string[] = [];
    const loader = (dir: string) =>
      new Function('require', '__dirname', '__bundleImport', `${bundler.partLoader}\nreturn __onFirstCall;`)(
        createRequire(join(dir, 'x.cjs')),
        dir,
        () => Promise.reject(new Error('no import')),
      ) as (name: string, module: string, key: string) => ((value: unknown) => boolean) & { errors?: unknown };
    const { surelyValidCsl } = (await import(pathToFileURL(repo('dist/src/core/csl-check.js')).href)) as { surelyValidCsl: (item: unknown) => boolean };
    const csl = (await import(pathToFileURL(repo('dist/src/generated/validators-csl.js')).href)) as { cslItem: ((value: unknown) => boolean) & { errors?: unknown } };
    const files = (await import(pathToFileURL(repo('dist/src/generated/validators-data-files.js')).href)) as Record<string, ((value: unknown) => boolean) & { errors?: unknown }>;
    const structure = JSON.parse(readFileSync(repo('pipelines/data/structure.json'), 'utf8')) as Record<string, unknown>;
    const items: unknown[] = [
      { id: 'a', type: 'article-journal', issued: { edtf: '2025-03' } }, // valid, but an EDTF date is Ajv's to judge
      { id: 'a', type: 'article-journal', issued: { edtf: 'March' } },
      { id: 'a', type: 'no-such-type' },
      { id: 'a', type: 'book', unknown: 1 },
      { type: 'book' },
      { id: 'a', type: 'book', author: [{ family: 1.5, given: null }] },
    ];
    // A dist/ whose cli/ holds no part (an older build's): dist/src's modules stand in.
    const bare = mkdtempSync(join(tmpdir(), 'digest-no-parts-'));
    mkdirSync(join(bare, 'cli'));
    symlinkSync(repo('dist/src'), join(bare, 'src'));
    for (const dir of [cli, join(bare, 'cli')]) {
      const onFirstCall = loader(dir);
      const cslItem = onFirstCall('validators-csl', '../src/generated/validators-csl.js', 'cslItem');
      const stand = (key: string) => onFirstCall('validators-data-files', '../src/generated/validators-data-files.js', key);
      for (const item of items) {
        expect(surelyValidCsl(item), JSON.stringify(item)).toBe(false);
        const expected = [csl.cslItem(item), structuredClone(csl.cslItem.errors)];
        expect([cslItem(item), cslItem.errors], `${dir}: ${JSON.stringify(item)}`).toEqual(expected);
      }
      expect(cslItem(items[0]), 'valid').toBe(true);
      for (const [key, value] of [
        ['structure', structure],
        ['structure', { ...structure, maxHeadingLength: 'x' }],
        ['structure', { ...structure, extra: true }],
        ['journals', { journals: [{ title: 1 }] }],
        ['html', []],
        ['lexicon', { concepts: 'not a list' }],
        ['facts', {}],
      ] as [string, unknown][]) {
        const validate = stand(key);
        const expected = [files[key]!(value), structuredClone(files[key]!.errors)];
        expect([validate(value), validate.errors], `${dir}: ${key} ${JSON.stringify(value).slice(0, 60)}`).toEqual(expected);
      }
      ran.push(dir);
    }
    expect(ran.length).toBe(2);
    rmSync(bare, { recursive: true, force: true });
  });

  it("gives a user's data file with an error the sources' diagnostic (file, pointer, rule) from the data files' part, which an ingest of the shipped data never reads (issue 17: start-up)", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'digest-data-part-'));
    try {
      const article = repo('fixtures/articles/as-2025.txt');
      const shipped = inOneProcess([['ingest', article, '--stdout']], ['ingest']);
      expect(shipped.cache).toBe('used');
      expect(shipped.parts, 'no part read for the shipped data').toEqual([]);
      await expectDataFileDiagnostics(spoiledPipelines(dir).map((pipeline) => ['ingest', article, '--stdout', '-p', pipeline]));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('runs a part from its bundle once, and imports the package where dist/cli has no bundle of it (an older build)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'digest-parts-'));
    try {
      writeFileSync(join(dir, 'here.cjs'), '(function (exports, require, module) {exports.runs = (exports.runs ?? 0) + 1; exports.fs = typeof require("node:fs").readFileSync;})');
      const imported: string[] = [];
      const bundleImport = (name: string) => {
        imported.push(name);
        return Promise.resolve({ imported: name });
      };
      const part = new Function('require', '__dirname', '__bundleImport', `${bundler.partLoader}\nreturn __part;`)(createRequire(join(dir, 'x.cjs')), dir, bundleImport) as (name: string) => Promise<Record<string, unknown>>;
      expect(await part('here')).toEqual({ runs: 1, fs: 'function' });
      expect(await part('here'), 'run once').toEqual({ runs: 1, fs: 'function' });
      expect(await part('gone')).toEqual({ imported: 'gone' });
      expect(await part('gone')).toEqual({ imported: 'gone' });
      expect(imported).toEqual(['gone']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reads the compiled data's forms into the buffer the launcher read the bundle and its code cache into, not into fresh pages, and ingests as before (issue 17: start-up's page faults)", () => {
    // A fresh process with node:fs's reads watched: the buffer of each read of dist/cli's ingest
    // cache and of each compiled form (dist/data/*.bin), by the file read.
    const env = { ...process.env };
    delete env.NODE_V8_COVERAGE; // V8 flags differ under coverage, and it rejects a cache made without them
    const article = repo('fixtures/articles/as-2025.txt');
    const script = `import fs from 'node:fs';
const paths = new Map();
const into = new Map();
const { openSync, readSync } = fs;
fs.openSync = (path, ...rest) => { const fd = openSync(path, ...rest); paths.set(fd, String(path)); return fd; };
fs.readSync = (fd, buffer, ...rest) => { const path = paths.get(fd) ?? ''; if (path.endsWith('/dist/cli/ingest.cjs.cache') || (path.includes('/dist/data/') && path.endsWith('.bin'))) into.set(path.slice(path.lastIndexOf('/') + 1).replace(/-[0-9a-f]{64}|-reference-data/, ''), buffer.buffer); return readSync(fd, buffer, ...rest); };
const cli = await import(${JSON.stringify(repo('bin/load.js'))});
let out = '';
const code = await cli.main(['ingest', ${JSON.stringify(article)}, '--stdout', '--quiet'], { stdout: (t) => void (out += t), stderr: (t) => void (out += t), stdin: async () => new Uint8Array(), stderrIsTTY: false, env: {} });
const cache = into.get('ingest.cjs.cache');
console.log(JSON.stringify({ code, cache: cli.codeCache(), out, forms: [...into].filter(([name]) => name.endsWith('.bin')).map(([name, buffer]) => [name, buffer === cache]).sort() }));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env });
    expect(r.stderr).toBe('');
    const run = JSON.parse(r.stdout) as { code: number; cache: string; out: string; forms: [string, boolean][] };
    expect([run.code, run.cache]).toEqual([0, 'used']);
    const forms = ['journals', 'lexicon', 'lexicon-text', 'reference-keys', 'structure', 'structure-text'].map((name) => [`${name}.v${COMPILED_DATA_FORMAT}.bin`, true]).sort();
    expect(run.forms).toEqual(forms);
    // The record dist/src's CLI gives, which no launcher lends a buffer.
    const sources = spawnSync(process.execPath, ['--input-type=module', '-e', `const { main } = await import(${JSON.stringify(repo('dist/src/cli/main.js'))});
let out = '';
await main(['ingest', ${JSON.stringify(article)}, '--stdout', '--quiet'], { stdout: (t) => void (out += t), stderr: (t) => void (out += t), stdin: async () => new Uint8Array(), stderrIsTTY: false, env: {} });
process.stdout.write(out);`], { encoding: 'utf8', env });
    expect(sources.stderr).toBe('');
    expect(run.out.length).toBeGreaterThan(1000);
    expect(run.out).toBe(sources.stdout);
  });

  it('takes the code cache of a bundle smaller than its cache, as of one larger (both read into one buffer of the larger size)', () => {
    // Ingest's bundle, once its validators went to parts, is near its cache's size: the two are read into one buffer either way.
    const { dir, script, node } = standInPackage('digest-small-bundle-', ['ingest.cjs']);
    try {
      const cache = join(dir, 'dist/cli/ingest.cjs.cache');
      const made = script(`await cli.main(['ingest'], { stdout: () => {}, stderr: () => {} });
(await import('node:fs')).writeFileSync(${JSON.stringify(cache)}, cli.createCodeCache());`);
      expect(made.stderr).toBe('');
      const bundleSize = statSync(join(dir, 'dist/cli/ingest.cjs')).size;
      expect(statSync(cache).size, 'the cache is the larger').toBeGreaterThan(bundleSize);
      expect(node(['ingest'])).toBe('ingest bundle ingest\nused');
      // And a bundle larger than its cache (padded with a comment: V8 then refuses the cache, made for another source, but reads it whole).
      writeFileSync(join(dir, 'dist/cli/ingest.cjs'), readFileSync(join(dir, 'dist/cli/ingest.cjs'), 'latin1').replace('{', `{/*${'x'.repeat(statSync(cache).size)}*/`));
      expect(node(['ingest'])).toBe('ingest bundle ingest\nrejected');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("builds franc's trigram tables as franc reads them, and answers as the package does", async () => {
    // franc built all ~400 languages' tables when loaded (~55 ms of an English article's ingest); the part builds each at its first read.
    const file = repo('dist/cli/franc.cjs');
    const part = { exports: {} as { franc: (text: string, options?: object) => string; francAll: (text: string, options?: object) => [string, number][] } };
    new vm.Script(readFileSync(file, 'latin1'), { filename: file }).runInThisContext()(part.exports, createRequire(file), part, file, dirname(file));
    const franc = (await import('franc')) as typeof part.exports;
    const english = readFileSync(repo('fixtures/bench/en-2025.txt'), 'utf8');
    const samples = [english.slice(0, 3000), english.slice(5000, 5400), 'Les cellules souches mésenchymateuses ont été injectées chez les patients atteints', 'Die Stammzellen wurden den Patienten in die Vene gegeben, und die Ergebnisse waren gut', 'Лечение стволовыми клетками было успешным у большинства пациентов', '12345 67890', 'short', ''];
    for (const options of [undefined, { only: ['eng', 'fra', 'deu', 'spa', 'ita', 'por', 'nld'], minLength: 10 }, { ignore: ['eng'] }, { only: ['rus', 'ukr'] }]) {
      for (const text of samples) {
        expect(part.exports.francAll(text, options), `${text.slice(0, 20)} ${JSON.stringify(options)}`).toEqual(franc.francAll(text, options));
        expect(part.exports.franc(text, options)).toBe(franc.franc(text, options));
      }
    }
  });

  it('runs `ingest` and `refs` from its own bundle and code cache, and a later other command of the same process from the whole CLI, as the sources do', async () => {
    const page = repo('fixtures/extraction/zh/hospital-aspnet.html');
    const article = repo('fixtures/articles/as-2025.txt');
    const english = repo('fixtures/bench/en-2025.txt');
    // Every format and encoding: Markdown (markdown-it), GBK and Big5 (chardet), English (franc), twice in one process (each part run once).
    const kinds = ['ra-2025-markdown.md', 'as-2025-gbk.txt', 'ra-2025-hant-big5.txt', 'ra-2025-utf16.txt', 'as-2025-wechat.html'].map((f) => ['ingest', repo(`fixtures/articles/${f}`), '--stdout']);
    const argvs = [['ingest', article, '--stdout'], ['refs', english], ['ingest', english, '--stdout', '--diagnostics=json'], ...kinds, ['ingest', english, '--stdout'], ...kinds, ['text', page], ['--version'], ['refs', article]];
    const { out, cache, files } = inOneProcess(argvs, ['ingest', 'refs']);
    expect(cache, "ingest's own cache taken").toBe('used');
    expect(files).toEqual([repo('dist/cli/ingest.cjs.cache'), repo('dist/cli/ingest.cjs.cache')]);
    for (const [i, argv] of argvs.entries()) expect(out[i], argv.join(' ')).toEqual(await run(argv));
  }, 60_000);

  it('is run for `ingest` and `refs` only while its own list is current, never reading the CLI bundle then; any other command, or either from a stale or missing one, runs the whole CLI or dist/src as before', () => {
    // A package of its own: bin/load.js as shipped, ingest's, text's and the whole CLI's "bundles" and dist/src's "main", each saying which ran.
    const { dir, bundle, list, script, node } = standInPackage('digest-ingest-bundle-', ['ingest.cjs', 'text.cjs']);
    try {
      // The first command decides: ingest's bundle for ingest and refs, the whole CLI for a later other command.
      expect(node(['ingest', 'x'], ['refs', 'y'], ['--version'], ['text', 'z'], ['ingest', 'x'])).toBe('ingest bundle ingest\ningest bundle refs\nwhole bundle --version\nwhole bundle text\ningest bundle ingest\nabsent');
      expect(node(['refs', 'x'])).toBe('ingest bundle refs\nabsent');
      expect(node(['text', 'x'], ['ingest', 'y'])).toBe('text bundle text\nwhole bundle ingest\nabsent');
      expect(node(['--version'], ['ingest', 'x'])).toBe('whole bundle --version\nwhole bundle ingest\nabsent');
      // ingest's code cache: made after ingest, taken by a fresh process for ingest and for refs.
      expect(script(`await cli.main(['ingest', 'x'], { stdout() {}, stderr() {} });
(await import('node:fs')).writeFileSync(cli.codeCacheFile('ingest'), cli.createCodeCache());`).stderr).toBe('');
      expect(existsSync(join(dir, 'dist/cli/ingest.cjs.cache'))).toBe(true);
      expect(node(['ingest', 'x'])).toBe('ingest bundle ingest\nused');
      expect(node(['refs', 'x'])).toBe('ingest bundle refs\nused');
      // The whole CLI never read for ingest: a bundle that is a folder would fail any read of it.
      rmSync(join(dir, 'dist/cli/digest.cjs'));
      mkdirSync(join(dir, 'dist/cli/digest.cjs'));
      expect(node(['ingest', 'x'], ['refs', 'y'])).toBe('ingest bundle ingest\ningest bundle refs\nused');
      rmSync(join(dir, 'dist/cli/digest.cjs'), { recursive: true });
      bundle('digest.cjs');
      // dist/src compiled again: every bundle is stale; dist/src runs, and says why once.
      utimesSync(join(dir, 'dist/src/a.js'), new Date(2000, 0, 1), new Date(2000, 0, 1));
      expect(node(['ingest', 'x'], ['refs', 'y'], ['--version'])).toBe('digest: dist/cli/digest.cjs is older than dist/src (run npm run build); running dist/src\ndist/src ingest\ndist/src refs\ndist/src --version\nstale bundle');
      // A stale ingest bundle beside a current CLI bundle (its list made again): the whole CLI runs ingest and refs, its stale code never run.
      list('digest.cjs', ['dist/src/a.js', 'dist/src/cli/main.js']);
      expect(node(['ingest', 'x'], ['refs', 'y'])).toBe('whole bundle ingest\nwhole bundle refs\nabsent');
      // No ingest bundle (an older build): the whole CLI.
      rmSync(join(dir, 'dist/cli/ingest.cjs'));
      expect(node(['refs', 'x'], ['ingest', 'y'])).toBe('whole bundle refs\nwhole bundle ingest\nabsent');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * The build workers' bundle (dist/cli/worker.cjs) and its code cache, which bin/worker.cjs runs
 * in each worker (src/dataset/runner.ts): dist/src's code as it is now, or dist/src itself.
 */
/**
 * A checkout whose dist/ was never built (`npm ci --ignore-scripts`): the launcher says so and what
 * to run, exit 2, no stack trace — on the main thread (--version, text) and on the thread a build
 * runs on (bin/thread.js), since the CLI is now loaded at the first command, not at import.
 */
describe('a checkout with no dist/', () => {
  it('says dist/ is not built and how to build it, exit 2, whichever thread loads the CLI', () => {
    const dir = mkdtempSync(join(tmpdir(), 'digest-not-built-'));
    try {
      cpSync(repo('bin'), join(dir, 'bin'), { recursive: true });
      cpSync(repo('package.json'), join(dir, 'package.json'));
      for (const argv of [['--version'], ['text', 'page.html'], ['build', '-p', 'digest.json']]) {
        const r = spawnSync(process.execPath, [join(dir, 'bin/digest.js'), ...argv], { cwd: dir, encoding: 'utf8' });
        expect({ status: r.status, stderr: r.stderr, stdout: r.stdout }, argv.join(' ')).toEqual({
          status: 2,
          stderr: 'digest: dist/ is not built (was npm ci run with --ignore-scripts?): run npm run build once\n',
          stdout: '',
        });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the build workers' bundle", () => {
  it('is what bundling dist/src/dataset/worker.js gives now: a stale bundle fails here', () => expectCurrent('dist/cli/worker.cjs', bundler.workerBundle, 'bin/worker.cjs'), 60_000);

  it("is run from its code cache in a worker thread under a build's V8 flags (the launcher's, then a long command's)", () => {
    const script = `const cli = await import(${JSON.stringify(repo('bin/load.js'))});
const { setFlagsFromString } = await import('node:v8');
for (const flag of cli.flagsAfterLoad('build')) setFlagsFromString(flag);
const { Worker } = await import('node:worker_threads');
const worker = new Worker('const m = require(' + JSON.stringify(${JSON.stringify(repo('bin/worker.cjs'))}) + '); Promise.resolve(m.default).then((task) => require("node:worker_threads").parentPort.postMessage([m.codeCache, typeof task]));', { eval: true, execArgv: [], workerData: { verifiedData: [], code: 'bundle' } });
worker.on('message', (m) => { process.stdout.write(m.join(' ')); void worker.terminate(); });`;
    const env = { ...process.env };
    delete env.NODE_V8_COVERAGE; // V8 flags differ under coverage, and it rejects a cache made without them
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('used function');
  });

  it('is listed in the CLI bundle\'s one list of sources, which bin/load.js checks once for both: no list of its own', async () => {
    const listed = new Set((JSON.parse(readFileSync(repo('dist/cli/digest.cjs.sources'), 'utf8')) as [string, number, number][]).map(([path]) => path));
    const sources = await bundler.workerSources();
    expect(sources.length).toBeGreaterThan(0);
    expect(sources.filter((path) => !listed.has(path))).toEqual([]);
    expect(existsSync(repo('dist/cli/worker.cjs.sources')), 'no list a worker would check').toBe(false);
  }, 60_000);

  it("runs the code the main thread names in workerData: the bundle when told 'bundle' (a cache made by its workers used, one V8 refuses only compiled), else dist/src, the bundle never read", () => {
    // A package of its own: bin/ as shipped, a "bundle" and a dist/src worker module that say which ran.
    const dir = mkdtempSync(join(tmpdir(), 'digest-worker-bundle-'));
    for (const sub of ['bin', 'dist/cli', 'dist/src/dataset']) mkdirSync(join(dir, sub), { recursive: true });
    for (const file of ['worker.cjs', 'read.cjs']) cpSync(repo(`bin/${file}`), join(dir, 'bin', file));
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}\n');
    writeFileSync(join(dir, 'dist/src/dataset/worker.js'), 'export default async (task) => `dist/src ${task}`;\n');
    const bundleFile = join(dir, 'dist/cli/worker.cjs');
    writeFileSync(bundleFile, 'exports.default = async (task) => `bundle ${task}`;\n');
    // A list of its sources, current, as the one main used to have the workers check: no longer read.
    const stat = statSync(join(dir, 'dist/src/dataset/worker.js'));
    writeFileSync(`${bundleFile}.sources`, JSON.stringify([['dist/src/dataset/worker.js', stat.size, stat.mtimeMs]]));
    const cacheOut = join(dir, 'made.cache');
    /** Loads the entry as piscina does (require, then `default` awaited) in a worker thread told `code` (none: loaded on the main thread), runs one task. */
    const load = (code: string | null, env: Record<string, string> = {}) => {
      const entry = JSON.stringify(join(dir, 'bin/worker.cjs'));
      const body = `const m = require(${entry}); Promise.resolve(m.default).then(async (task) => { const out = m.codeCache + ': ' + (await task('x')); if (require('node:worker_threads').parentPort) require('node:worker_threads').parentPort.postMessage(out); else process.stdout.write(out); });`;
      const script =
        code === null
          ? body
          : `const { Worker } = require('node:worker_threads'); new Worker(${JSON.stringify(body)}, { eval: true, workerData: { verifiedData: [], code: ${JSON.stringify(code)} } }).on('message', (m) => process.stdout.write(m)).on('error', (e) => process.stderr.write(String(e)));`;
      const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, ...env } });
      expect(r.stderr).toBe('');
      return r.stdout;
    };
    expect(load('bundle')).toBe('absent: bundle x');
    // The build that makes the cache (scripts/bundle-cli.mjs): each task leaves it, whole.
    expect(load('bundle', { DIGEST_WORKER_CODE_CACHE_OUT: cacheOut })).toBe('absent: bundle x');
    expect(statSync(cacheOut).size).toBeGreaterThan(0);
    expect(readdirSync(dir).filter((f) => f.startsWith('made.cache.'))).toEqual([]); // no temporary left
    cpSync(cacheOut, `${bundleFile}.cache`);
    expect(load('bundle')).toBe('used: bundle x');
    writeFileSync(`${bundleFile}.cache`, 'not a code cache');
    expect(load('bundle')).toBe('rejected: bundle x');
    // Told 'modules', or told nothing: dist/src, though the bundle and its old list are there and current.
    expect(load('modules')).toBe('no bundle: dist/src x');
    expect(load(null)).toBe('no bundle: dist/src x');
    // Never read: a bundle that is a folder would fail any read of it.
    rmSync(bundleFile);
    rmSync(`${bundleFile}.cache`);
    mkdirSync(bundleFile);
    mkdirSync(`${bundleFile}.cache`);
    expect(load('modules')).toBe('no bundle: dist/src x');
    rmSync(dir, { recursive: true, force: true });
  });
});
