import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { codeTree } from '../../src/dataset/keys.js';
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

describe('the CLI bundle', () => {
  it('is what bundling dist/src gives now: a stale bundle fails here', () => expectCurrent('dist/cli/digest.cjs', bundler.bundle, 'bin/load.js'), 60_000);

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

  it('is run from its code caches by a plain node: text\'s own, --version\'s and help\'s, and the whole CLI\'s for the other commands', () => {
    const env = { ...process.env };
    delete env.NODE_V8_COVERAGE; // V8 flags differ under coverage, and it rejects a cache made without them
    for (const argv of [['text', repo('fixtures/extraction/zh/hospital-aspnet.html')], ['--version'], ['refs', repo('fixtures/articles/as-2025.txt')], ['ingest', repo('fixtures/articles/as-2025.txt'), '--stdout']]) {
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
    const dir = mkdtempSync(join(tmpdir(), 'digest-code-cache-'));
    try {
      for (const sub of ['bin', 'dist/cli', 'dist/src']) mkdirSync(join(dir, sub), { recursive: true });
      for (const file of ['load.js', 'read.cjs']) cpSync(repo(`bin/${file}`), join(dir, 'bin', file));
      writeFileSync(join(dir, 'package.json'), '{"type":"module"}\n');
      writeFileSync(join(dir, 'dist/src/a.js'), 'export const a = 1;\n');
      const stat = statSync(join(dir, 'dist/src/a.js'));
      writeFileSync(join(dir, 'dist/cli/digest.cjs.sources'), JSON.stringify([['dist/src/a.js', stat.size, stat.mtimeMs]]));
      writeFileSync(join(dir, 'dist/cli/digest.cjs'), 'function count(argv) { let n = 0; for (const a of argv) n += a.length; return n; }\nexports.main = async (argv) => count(argv) > 0 ? 0 : 1;\nexports.shortRun = (argv) => argv[0] === "ingest";\n');
      const env = { ...process.env };
      delete env.NODE_V8_COVERAGE; // other V8 flags: the caches would be refused for that alone
      const load = JSON.stringify(join(dir, 'bin/load.js'));
      const node = (script: string) => {
        const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env });
        expect(r.stderr).toBe('');
        return r.stdout;
      };
      for (const [first, flags] of [['text', '--semi-space-growth-factor=1'], ['ingest', '--no-regexp-optimization --semi-space-growth-factor=1'], ['build', '--semi-space-growth-factor=2'], ['--version', '']] as const) {
        const cacheFile = node(`const cli = await import(${load});
await cli.main([${JSON.stringify(first)}, 'x']);
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

  it('returns a long command to V8\'s young-generation growth once loaded, and still from the one code cache', () => {
    // `--semi-space-growth-factor=16` (set for one-shot commands) held a build's young generation
    // at its maximum for the whole run: ~35 MB more peak RSS at 1,000 inputs (BENCHMARKS.md).
    const script = `const cli = await import(${JSON.stringify(repo('bin/load.js'))});
const out = [];
await cli.main(['build', '--help'], { stdout() {}, stderr() {}, stdin: async () => new Uint8Array(), stderrIsTTY: false, env: {} });
out.push(cli.codeCache(), ...['build', 'merge', 'validate', 'ingest', 'text', 'refs', '--version'].map((c) => c + '=' + cli.flagsAfterLoad(c).join(' ')));
process.stdout.write(out.join('\\n'));`;
    const env = { ...process.env };
    delete env.NODE_V8_COVERAGE;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env });
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')).toEqual([
      'used',
      'build=--semi-space-growth-factor=2',
      'merge=--semi-space-growth-factor=2',
      'validate=--semi-space-growth-factor=2',
      'ingest=',
      // One page, of any size: its young generation kept at its first size (BENCHMARKS.md, change 74).
      'text=--semi-space-growth-factor=1',
      'refs=',
      '--version=',
    ]);
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
 * The build workers' bundle (dist/cli/worker.cjs) and its code cache, which bin/worker.cjs runs
 * in each worker (src/dataset/runner.ts): dist/src's code as it is now, or dist/src itself.
 */
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
