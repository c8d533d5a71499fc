import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { repo } from '../helpers.js';
import { productionTree } from './production-tree.js';

/**
 * The package as a consumer gets it: `npm pack`, then `npm install <tarball>` in a scratch
 * project with no network (`--offline`) and an empty npm cache of its own. Its dependencies come
 * from a copy of this repository's node_modules (the production ones only), so nothing is
 * fetched and the result never depends on what some cache happens to hold.
 */
const root = mkdtempSync(join(tmpdir(), 'digest-pack-'));
const scratch = join(root, 'scratch');
const npm = (args: string[], cwd: string, env: Record<string, string> = {}, command = 'npm') =>
  spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_cache: join(root, 'cache'), npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', ...env } });
/** An npm cache no one can write or read: a path under a regular file (ENOTDIR, even for root). */
const noCache = join(root, 'not-a-folder', 'cache');

let tarball = '';
let packed: { size: number; unpackedSize: number; files: { path: string; size: number }[] };

beforeAll(() => {
  writeFileSync(join(root, 'not-a-folder'), '');
  // dist/ is what `npm test` built (its pretest); --ignore-scripts keeps the pack from compiling again.
  const pack = npm(['pack', '--ignore-scripts', '--json', '--pack-destination', root], repo('.'));
  expect(pack.status, pack.stderr).toBe(0);
  packed = JSON.parse(pack.stdout)[0];
  tarball = join(root, (packed as unknown as { filename: string }).filename);

  mkdirSync(join(scratch, 'node_modules', '.bin'), { recursive: true });
  writeFileSync(join(scratch, 'package.json'), `${JSON.stringify({ name: 'scratch', version: '1.0.0', private: true })}\n`);
  // The production dependencies, copied (not linked: npm would take a link for a package of the project's own).
  // Listed by `npm ls`, which fails on an extraneous or missing one (in a worktree whose
  // node_modules links to the main checkout's install, that install's: production-tree.ts).
  const { modules, paths } = productionTree(repo('.'), { ...process.env, npm_config_cache: noCache });
  for (const path of paths) {
    const rel = relative(modules, path);
    if (rel.includes('node_modules')) continue; // nested ones come with their parent
    mkdirSync(dirname(join(scratch, 'node_modules', rel)), { recursive: true });
    cpSync(path, join(scratch, 'node_modules', rel), { recursive: true });
  }
  // And their bin links, without which npm takes such a package for broken and fetches it again.
  for (const name of readdirSync(join(modules, '.bin'))) {
    const target = readlinkSync(join(modules, '.bin', name));
    const owner = /^\.\.\/((?:@[^/]+\/)?[^/]+)\//.exec(target)?.[1];
    if (owner && existsSync(join(scratch, 'node_modules', owner))) symlinkSync(target, join(scratch, 'node_modules', '.bin', name));
  }
  const install = npm(['install', '--offline', '--no-audit', '--no-fund', tarball], scratch);
  expect(install.status, install.stderr).toBe(0);
}, 120_000);

describe('npm pack', () => {
  it('ships compact validators, no source maps, the licence, and what a consumer needs', () => {
    const paths = packed.files.map((f) => f.path);
    expect(paths).toContain('LICENSE');
    expect(readFileSync(repo('LICENSE'), 'utf8')).toMatch(/^MIT License\n/);
    expect(paths.filter((p) => p.endsWith('.map'))).toEqual([]);
    expect(paths.filter((p) => p.includes('tsbuildinfo'))).toEqual([]); // both tsc passes' records (tsconfig.build.json, tsconfig.types.json)
    expect(paths.filter((p) => /^(src|tests|scripts|fixtures|out)\//.test(p))).toEqual([]);
    for (const name of ['validators-data', 'validators-data-files', 'validators-article', 'validators-dataset', 'validators-csl']) {
      const file = packed.files.find((f) => f.path === `dist/src/generated/${name}.js`)!;
      expect(file.size, name).toBeLessThan(400_000); // 1.15 MB and 1.1 MB as tsc re-indents them
    }
    // The budget guards what every user downloads: code, data and README only grow by a change that
    // means them, not by a build that ships what no one reads (source maps, comments, tsc's
    // re-indented validators, declarations no import reaches, data compiled into the code). 562.3 kB
    // packed when it was set (dist/src's JavaScript without its comments), the limit that plus 5 %;
    // 515.5 kB since the declarations index.d.ts does not reach and references.json stay out (the
    // tests below), which leaves ~74 kB for src/, data and README to grow before a change must cut
    // something or argue for more. Its history is in git, CHANGELOG.md and BENCHMARKS.md.
    expect(packed.size).toBeLessThan(590_000);
    const pkg = JSON.parse(readFileSync(join(scratch, 'node_modules', 'digest-ingest', 'package.json'), 'utf8'));
    expect(pkg).toMatchObject({ license: 'MIT', bin: { digest: 'bin/digest.js' }, engines: { node: '>=20.19' } });
    expect(pkg.keywords.length).toBeGreaterThan(3);
    // The model runtime is the user's to add: npm installs nothing of it for the package.
    for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies']) expect(Object.keys(pkg[field] ?? {})).not.toContain('@xenova/transformers');
    expect(existsSync(join(scratch, 'node_modules', '@xenova'))).toBe(false);
    expect(existsSync(join(scratch, 'node_modules', 'onnxruntime-node'))).toBe(false);
  });
});

describe('what the package leaves out', () => {
  it("ships the declarations a consumer's compiler opens from the package's types (dist/types/index.d.ts) and no other", () => {
    // "exports" lets a consumer import the root only: the declarations of dist/src are tsc's, of
    // every module and every name it exports; the package ships dist/types instead, those less what
    // no export of the root reaches (scripts/package-types.mjs: the 62 files and 270 kB index.d.ts
    // reached by file → 45 and 140 kB, 40.3 kB packed; tests/scripts/package-types.test.ts shows
    // that a consumer sees the same).
    // What the compiler opens is all a consumer's editor or tsc ever reads.
    const installed = join(scratch, 'node_modules', 'digest-ingest');
    const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    expect([pkg.types, pkg.exports['.'].types]).toEqual(['dist/types/index.d.ts', './dist/types/index.d.ts']);
    const program = ts.createProgram([join(installed, 'dist', 'types', 'index.d.ts')], {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      types: [],
      noEmit: true,
    });
    const opened = program
      .getSourceFiles()
      .map((file) => relative(installed, file.fileName).split('\\').join('/'))
      .filter((path) => !path.startsWith('..') && !path.startsWith('node_modules/'))
      .sort();
    expect(opened.length).toBeGreaterThan(30); // 45 when dist/types was first made
    expect(packed.files.map((f) => f.path).filter((path) => path.endsWith('.d.ts')).sort()).toEqual(opened);
  });

  it("ships the structure lists' pre-tests and the reference words' keys compiled, and the installed package uses them without reading their compiler's files (npm writes its files at the install: no time is the build's)", () => {
    const installed = join(scratch, 'node_modules', 'digest-ingest');
    expect(packed.files.map((f) => f.path).filter((path) => path.startsWith('dist/data/') && path.endsWith('.bin')).map((path) => path.replace(/-(?:reference-data|[0-9a-f]{64})\.v\d+\.bin$/, '')).sort()).toEqual(['dist/data/reference-keys', 'dist/data/structure']);
    // node:fs's reads watched once the module is loaded: the files of dist/src opened or read whole while the forms are checked.
    const script = `import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
const { readCompiled } = await import(${JSON.stringify(pathToFileURL(join(installed, 'dist', 'src', 'core', 'compiled-data.js')).href)});
const read = new Set();
const { openSync, readFileSync } = fs;
const watched = (path) => { if (String(path).includes('/dist/src/')) read.add(String(path).slice(String(path).indexOf('/dist/src/') + 1)); };
fs.openSync = (path, ...rest) => (watched(path), openSync(path, ...rest));
fs.readFileSync = (path, ...rest) => (watched(path), readFileSync(path, ...rest));
syncBuiltinESMExports();
const forms = fs.readdirSync(${JSON.stringify(join(installed, 'dist', 'data'))}).filter((name) => name.endsWith('.bin')).sort().map((name) => { const [, kind, sha] = /^([a-z-]+?)-([^-]+|reference-data)\\.v\\d+\\.bin$/.exec(name); return [kind, readCompiled(kind, sha) !== null]; });
console.log(JSON.stringify({ forms, read: [...read].sort() }));
`;
    writeFileSync(join(scratch, 'forms.mjs'), script);
    const r = spawnSync(process.execPath, ['forms.mjs'], { cwd: scratch, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ forms: [['reference-keys', true], ['structure', true]], read: [] });
    // The files are the build's: npm wrote each at the install (no time matches), and no src/ came with them.
    expect(existsSync(join(installed, 'src'))).toBe(false);
  });

  it("ships the data files' sums, and an installed ingest takes each shipped data file with its sum: no data file's bytes hashed at the start (npm writes its files at the install: no build key matches)", () => {
    const installed = join(scratch, 'node_modules', 'digest-ingest');
    expect(packed.files.map((f) => f.path)).toContain('dist/data/data-file-sums.json');
    // node:crypto's sha256 watched: the sizes it is given, against the data files'.
    const script = `import crypto from 'node:crypto';
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
const hashed = [];
const { createHash } = crypto;
crypto.createHash = (algorithm, ...rest) => {
  const hash = createHash(algorithm, ...rest);
  const update = hash.update;
  hash.update = function (data, ...more) { if (algorithm === 'sha256') hashed.push(typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength); return update.call(this, data, ...more); };
  return hash;
};
syncBuiltinESMExports();
const { main } = await import(${JSON.stringify(pathToFileURL(join(installed, 'dist', 'src', 'cli', 'main.js')).href)});
let out = '';
const code = await main(['ingest', 'a.txt', '--stdout', '--quiet'], { stdout: (s) => { out += s; }, stderr: (s) => process.stderr.write(s), stdin: async () => new Uint8Array(), stderrIsTTY: false, env: {} });
const data = ${JSON.stringify(join(installed, 'pipelines', 'data'))};
const sizes = new Map(fs.readdirSync(data).map((name) => [fs.statSync(data + '/' + name).size, name]));
console.log(JSON.stringify({ code, id: JSON.parse(out).id, hashed: hashed.filter((size) => sizes.has(size)).map((size) => sizes.get(size)) }));
`;
    writeFileSync(join(scratch, 'a.txt'), '2025年3月\n3月5日，《干细胞研究与治疗》发表了一项研究。\n');
    writeFileSync(join(scratch, 'sums.mjs'), script);
    const r = spawnSync(process.execPath, ['sums.mjs'], { cwd: scratch, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ code: 0, id: 'a', hashed: [] });
  });

  it("ships no module of dist/src that the CLI, the package's root, a build's worker and the compiled forms' checks never reach: not the schemas' type-only ones", async () => {
    // The three ways in: bin/load.js's CLI, package.json's "main", bin/worker.cjs's worker module. Not the
    // structure form's compiler, core/pretest.js, which only the build runs: the form lists it with its
    // source, and an installed package, which has neither, takes the form (the test above).
    const entries = ['dist/src/cli/main.js', 'dist/src/index.js', 'dist/src/dataset/worker.js'];
    expect(readFileSync(repo('bin/load.js'), 'utf8')).toContain("'../dist/src/cli/main.js'");
    expect(JSON.parse(readFileSync(repo('package.json'), 'utf8')).main).toBe(entries[1]);
    expect(readFileSync(repo('bin/worker.cjs'), 'utf8')).toContain("join(root, 'dist', 'src', 'dataset', 'worker.js')");
    const { build } = await import('esbuild');
    const bundled = await build({ entryPoints: entries, absWorkingDir: repo('.'), bundle: true, splitting: true, format: 'esm', platform: 'node', packages: 'external', write: false, outdir: join(root, 'reached'), metafile: true, logLevel: 'silent' });
    const reached = new Set(Object.keys(bundled.metafile.inputs));
    expect(reached.has('dist/src/generated/validators-csl.js'), 'a module loaded by import()').toBe(true);
    const shipped = packed.files.map((f) => f.path).filter((path) => path.startsWith('dist/src/') && path.endsWith('.js'));
    expect(shipped.length).toBeGreaterThan(100);
    expect(shipped.filter((path) => !reached.has(path))).toEqual([]);
    expect(shipped).not.toContain('dist/src/core/pretest.js');
  });

  it('ships the data files the shipped pipeline names and the code reads, not references.json (compiled into the code)', () => {
    // references.json is read by `npm run gen:types` alone (src/generated/reference-data.ts holds
    // its words), and no pipeline file can name it; decoding.json is read by src/parse/decode.ts.
    const shipped = JSON.parse(readFileSync(repo('pipelines/digest.json'), 'utf8')) as { data: Record<string, string> };
    const read = [...Object.values(shipped.data).map((path) => `pipelines/${path}`), 'pipelines/data/decoding.json'].sort();
    expect(packed.files.map((f) => f.path).filter((path) => path.startsWith('pipelines/data/')).sort()).toEqual(read);
    expect(existsSync(repo('pipelines/data/references.json'))).toBe(true);
  });
});

describe('a scratch project that installed the tarball', () => {
  const node = (file: string) => spawnSync(process.execPath, [file], { cwd: scratch, encoding: 'utf8' });

  it('uses it by import: ingest, validate, parseReferences, a schema by its subpath', () => {
    writeFileSync(
      join(scratch, 'use.mjs'),
      `import { ingest, validate, parseReferences, SCHEMA_VERSION } from 'digest-ingest';
import { createRequire } from 'node:module';
const record = await ingest({ text: '2025年3月\\n3月5日，《干细胞研究与治疗》发表了一项研究[1]。\\n参考资料\\n[1] Wang L. A study. Stem Cell Res Ther. 2025;16:111. doi:10.1186/s13287-025-04144-5\\n', name: 'a.txt' });
const schema = createRequire(import.meta.url)('digest-ingest/schemas/article.schema.json');
console.log(JSON.stringify({ id: record.id, version: record.schemaVersion === SCHEMA_VERSION, problems: (await validate(record)).problems.length, refs: parseReferences('[1] Wang L. A study. Stem Cell Res Ther. 2025;16:111.').length, schema: schema.properties.schemaVersion.const === SCHEMA_VERSION }));
`,
    );
    const r = node('use.mjs');
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ id: 'a', version: true, problems: 0, refs: 1, schema: true });
  });

  it('uses it by require (Node ≥ 20.19 loads the ES module), with no warning', () => {
    writeFileSync(
      join(scratch, 'use.cjs'),
      `const digest = require('digest-ingest');
const schema = require('digest-ingest/schemas/manifest.schema.json');
digest.ingest({ text: '2025年3月\\n3月5日，一项研究。\\n', name: 'b.txt' }).then(async (record) => console.log(JSON.stringify({ id: record.id, valid: (await digest.validate(record)).problems.length === 0, title: schema.title, error: new digest.ConfigError('x') instanceof Error })));
`,
    );
    const r = node('use.cjs');
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ id: 'b', valid: true, title: 'DatasetManifest', error: true });
  });

  it('type-checks from TypeScript without @types/node (types: [], skipLibCheck off), as ESM and CommonJS', () => {
    writeFileSync(
      join(scratch, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', lib: ['es2023'], types: [], strict: true, exactOptionalPropertyTypes: true, noEmit: true, skipLibCheck: false }, files: ['consumer.mts', 'consumer.cts'] }),
    );
    const body = `
export async function firstMonths(text: string): Promise<string[]> {
  const record: ArticleRecord = await ingest({ text, name: 'x.txt' });
  const result: ValidationResult = await validate(record);
  const items: CslItem[] = parseReferences('');
  return result.problems.length + items.length === 0 ? record.sections.flatMap((s: Section) => (s.month ? [s.month] : [])) : [];
}
export const reporter: typeof reporters.unix = reporters.unix;
`;
    writeFileSync(join(scratch, 'consumer.mts'), `import { ingest, validate, parseReferences, reporters, type ArticleRecord, type CslItem, type Section, type ValidationResult } from 'digest-ingest';${body}`);
    writeFileSync(join(scratch, 'consumer.cts'), `import { ingest, validate, parseReferences, reporters, type ArticleRecord, type CslItem, type Section, type ValidationResult } from 'digest-ingest';${body}`);
    expect(existsSync(join(scratch, 'node_modules', '@types', 'node'))).toBe(false);
    const tsc = spawnSync(process.execPath, [repo('node_modules/typescript/bin/tsc'), '-p', scratch], { cwd: scratch, encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });

  it('npx digest runs the installed bin at once: no npm cache, no network', () => {
    const env = { npm_config_cache: noCache, npm_config_offline: 'true', npm_config_registry: 'http://127.0.0.1:9/' };
    const npx = (args: string[]) => npm(args, scratch, env, 'npx');
    const version = npx(['digest', '--version']);
    expect(version.stderr).toBe('');
    expect(version.stdout).toBe(`${JSON.parse(readFileSync(repo('package.json'), 'utf8')).version}\n`);
    const build = npx(['digest', 'build']);
    expect(build.status).toBe(2);
    expect(build.stderr).toContain('no pipeline file here (digest.json, or pipelines/digest.json): write one for your articles with `digest init <folder>`');
    mkdirSync(join(scratch, 'articles'));
    cpSync(repo('fixtures/articles/as-2025.txt'), join(scratch, 'articles', 'as-2025.txt'));
    expect(npx(['digest', 'init', 'articles']).status).toBe(0);
    const built = npx(['digest', 'build', '--quiet']);
    expect(built.status, built.stderr).toBe(0);
    expect(statSync(join(scratch, 'out', 'articles', 'as-2025.json')).isFile()).toBe(true);
  }, 60_000);
});
