import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, type Dirent } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/dataset/build.js';
import { EntryStore, type BuildState } from '../../src/dataset/cache.js';
import { manifestPieces } from '../../src/dataset/manifest.js';
import { SetAside } from '../../src/dataset/set-aside.js';
import { DatasetWriter } from '../../src/dataset/writer.js';
import { STAGING } from '../../src/io/atomic.js';
import { realFs, type WriteFs } from '../../src/io/fs.js';
import { loadPipeline } from '../../src/pipeline.js';
import { pipelineFileFor, repo } from '../helpers.js';

// What a build's finish makes whole in proportion to its inputs (issue 17: flat in N). A text goes
// through one of this thread's UTF-8 buffers, which grow to three bytes a unit of the largest text
// and are never shrunk (src/io/utf8.ts; until change 233 the transcoder's, to twice its UTF-16): a
// piece that grows with the dataset left the build thread holding ~1 KB an input after the build
// (BENCHMARKS.md, "what a build holds per input, ranked"). Measured as sizes of pieces and of live
// ArrayBuffers, never as time.

/** A piece the length of a line or a record's, at any number of inputs. */
const SHORT_PIECE = 2048;
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Live ArrayBuffer bytes after two full collections. */
function liveArrayBuffers(): number {
  gc();
  gc();
  return process.memoryUsage().arrayBuffers;
}

/** `count` dataset files named as a build names its three files an input. */
function datasetFiles(count: number): string[] {
  const files: string[] = [];
  for (let i = 0; files.length < count; i++) {
    const id = `${String(i).padStart(5, '0')}-ra-2025-hant-big5`;
    files.push(`articles/${id}.json`, `report/${id}.html`, `report/${id}.source.html`);
  }
  return files.slice(0, count);
}

/**
 * The real file system, but `onWrite` sees every write to a build's scratch file `name` (staged.jsonl:
 * its staged files set aside; search-concepts.txt: its index's concept pairs), whatever the fd, before
 * it is made (a throw fails it); `onOpen` sees the path each time the file is opened.
 */
function asideSpy(name: string, onWrite: (data: Parameters<WriteFs['writeSync']>[1]) => void, onOpen: (path: string) => void = () => undefined): WriteFs {
  const asideFds = new Set<number>();
  return {
    ...realFs,
    openSync: (path, flags, mode) => {
      const fd = realFs.openSync(path, flags, mode);
      if (String(path).endsWith(name)) {
        asideFds.add(fd);
        onOpen(String(path));
      }
      return fd;
    },
    writeSync: (fd, data) => {
      if (asideFds.has(fd)) onWrite(data);
      return realFs.writeSync(fd, data);
    },
    closeSync: (fd) => {
      asideFds.delete(fd);
      realFs.closeSync(fd);
    },
  };
}

/** A folder of the first four fixtures' copies, `copies` times over, with a pipeline file whose output is `out` beside them. */
function fixtureInputs(copies = 1): { dir: string; inputs: string; names: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'digest-held-'));
  const inputs = join(dir, 'in');
  mkdirSync(inputs);
  const four = readdirSync(repo('fixtures/articles')).sort().slice(0, 4);
  const names: string[] = [];
  for (let copy = 0; copy < copies; copy++) for (const name of four) names.push(copies === 1 ? name : `c${copy}-${name}`);
  names.forEach((name, i) => copyFileSync(repo(`fixtures/articles/${four[i % 4]!}`), join(inputs, name)));
  return { dir, inputs, names };
}

/** Every file under `root` (relative paths, sorted), `.cache` left out unless asked. */
function filesUnder(root: string, withCache = false): string[] {
  return (readdirSync(root, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((d) => d.isFile())
    .map((d) => relative(root, join(d.parentPath, d.name)))
    .filter((rel) => withCache || !rel.startsWith('.cache'))
    .sort();
}

describe('a build finish writes no text whole that grows with its inputs', () => {
  it("the manifest's files a piece each: no piece of the manifest grows with the dataset's files, and the text is the whole pretty-printed", () => {
    const totals = { items: 0, references: 0, entities: 0 };
    for (const count of [0, 1, 6_000]) {
      const files = datasetFiles(count).reverse();
      const pieces = [...manifestPieces('digest', [], totals, files)];
      const whole = { schemaVersion: 1, pipeline: 'digest', inputs: [], totals: { inputs: 0, records: 0, failed: 0, ...totals }, files: [...files].sort() };
      const text = pieces.join('');
      expect(JSON.parse(text)).toEqual({ ...whole, schemaVersion: (JSON.parse(text) as { schemaVersion: number }).schemaVersion });
      expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
      // Before: one piece held every file's name (~40 units a file, 240,000 at 6,000 files).
      expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(SHORT_PIECE);
    }
  });

  it("the cache's state is written with its outputs member by member: the same text as the whole state, and this thread's UTF-8 buffers not grown to it", () => {
    const dir = mkdtempSync(join(tmpdir(), 'digest-held-'));
    const store = EntryStore.open(join(dir, 'cache'), { inOutput: false, write: true })!;
    const outputs: Record<string, string> = {};
    for (const rel of datasetFiles(6_000).reverse()) outputs[rel] = `${'a'.repeat(64)}|1234:1764869000123456789:1764869000123456789:987654`;
    // Keys an object lists first (array indexes, in numeric order): JSON.stringify of the whole puts them there, and so must the stream.
    outputs['10'] = 'x|1';
    outputs['9'] = 'y|2';
    outputs['2a'] = 'z|3';
    const state: BuildState = { format: 7, config: 'c'.repeat(64), inputs: {}, outputs };
    const sorted = (record: Record<string, string>) => Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const before = liveArrayBuffers();
    store.saveState(state);
    const grown = liveArrayBuffers() - before;
    const text = readFileSync(join(dir, 'cache', 'state.json'), 'utf8');
    expect(text).toBe(JSON.stringify({ format: state.format, config: state.config, inputs: {}, outputs: sorted(outputs) }));
    expect(text.length).toBeGreaterThan(6_000 * 100);
    // Before: the outputs' text (~0.7 M units) went whole through the transcoder, whose buffer
    // grew to 2 MB and stayed (now it would grow the scratch buffer to 2 MB); member by member, no piece does.
    expect(grown).toBeLessThan(512 * 1024);
    store.close();
  });
});

describe("the writer's record of the files it stages", () => {
  it('a staged file is noted once (as staged), not also as expected, and is still listed, committed and reported', async () => {
    const root = join(mkdtempSync(join(tmpdir(), 'digest-held-')), 'out');
    const writer = await DatasetWriter.open(root, { mode: 'write', command: 'build' });
    for (const name of ['b', 'a']) await writer.file(`articles/${name}.json`, `key-${name}`, '{}\n');
    writer.expect('report/index.html');
    // Three files an input staged by the workers: a second entry each (~0.1 KB an input) was held to the end of the run.
    expect((writer as unknown as { expected: Set<string> }).expected).toEqual(new Set(['report/index.html']));
    expect(writer.files()).toEqual(['articles/a.json', 'articles/b.json', 'report/index.html']);
    const report = writer.commit(true);
    expect(report.changed).toEqual(['articles/a.json', 'articles/b.json']);
    expect(readFileSync(join(root, 'articles', 'a.json'), 'utf8')).toBe('{}\n');
    expect(Object.keys(writer.takeOutputs()).sort()).toEqual(['articles/a.json', 'articles/b.json']);
  });

  it("the files a build stages are set aside while the inputs run: the writer's entries do not grow with them, and they are listed, committed and reported as before", async () => {
    const root = join(mkdtempSync(join(tmpdir(), 'digest-held-')), 'out');
    const writer = await DatasetWriter.open(root, { mode: 'write', command: 'build' });
    writer.setAsideStaged(new SetAside<[string, string]>(writer.scratch('staged.jsonl'), realFs));
    // Every entry the writer holds in its own collections (maps, sets, lists, the report's lists): a count, not bytes.
    const held = () => {
      let entries = 0;
      const count = (value: unknown) => (value instanceof Map || value instanceof Set ? value.size : Array.isArray(value) ? value.length : 0);
      for (const value of Object.values(writer)) {
        entries += count(value);
        if (value === writer.report) for (const list of Object.values(writer.report)) entries += count(list);
      }
      return entries;
    };
    const before = held();
    const files = datasetFiles(1_500);
    for (const rel of files) await writer.file(rel, `key-${rel.length}`, '{}\n');
    // Before: one map entry a staged file (three an input, ~0.4 KB an input held until the finish, while the workers are up).
    expect(held()).toBe(before);
    writer.expect('report/index.html');
    expect(writer.files()).toEqual([...files, 'report/index.html'].sort());
    const report = writer.commit(true);
    expect(report.changed).toEqual([...files].sort());
    expect(readdirSync(join(root, 'report')).length).toBe(1_000);
    const outputs = writer.takeOutputs();
    expect(Object.keys(outputs).sort()).toEqual([...files].sort());
    expect(outputs['articles/00000-ra-2025-hant-big5.json']).toMatch(/^key-37\|/);
  });

  it("a build sets its inputs' staged files aside in its staging folder, and commits the same dataset", async () => {
    const { dir, inputs, names } = fixtureInputs();
    // The lines written to the staging folder's staged.jsonl, whatever the fd.
    const aside: string[] = [];
    const fs = asideSpy('staged.jsonl', (data) => aside.push(Buffer.from(data).toString('utf8')));
    const result = await build({ pipeline: loadPipeline(pipelineFileFor(dir, inputs)), concurrency: 1, fs });
    expect(result.failed).toBe(0);
    const set = aside.join('').split('\n').filter(Boolean).map((line) => (JSON.parse(line) as [string, string])[0]);
    const ids = names.map((name) => name.replace(/\.[^.]+$/, ''));
    // Before: none (the writer's map held them all until the finish).
    for (const id of ids) for (const rel of [`articles/${id}.json`, `report/${id}.html`, `report/${id}.source.html`]) expect(set).toContain(rel);
    for (const id of ids) expect(readFileSync(join(dir, 'out', 'articles', `${id}.json`), 'utf8')).toContain('"schemaVersion"');
    expect(result.changed).toEqual(expect.arrayContaining([...set]));
  }, 120_000);

  it("a build's staged files are set aside through a small buffer: appended a few KB at a time, not held in a 128 KB one", async () => {
    // 48 inputs: ~310 bytes of staged names and sources each, ~15 KB in all — past a small chunk, under the 64 KB one.
    const { dir, inputs } = fixtureInputs(12);
    const writes: number[] = [];
    const fs = asideSpy('staged.jsonl', (data) => writes.push(Buffer.byteLength(data as Uint8Array)));
    const result = await build({ pipeline: loadPipeline(pipelineFileFor(dir, inputs)), concurrency: 1, fs });
    expect(result.failed).toBe(0);
    // Before: one write of everything at the finish (the 64 KB chunk never filled), from a 128 KB buffer held all along.
    expect(writes.length).toBeGreaterThan(1);
    expect(Math.max(...writes)).toBeLessThanOrEqual(16 * 1024);
  }, 240_000);
});

describe("the review index's concept pairs, spooled", () => {
  it('a build writes each article\'s concept pairs to its staging folder as a line, and the index is the one a build holding them in memory writes (check mode)', async () => {
    const { dir, inputs, names } = fixtureInputs();
    const written: string[] = [];
    const opened: string[] = [];
    const fs = asideSpy('search-concepts.txt', (data) => written.push(Buffer.from(data as Uint8Array).toString('utf8')), (path) => opened.push(path));
    const pipeline = loadPipeline(pipelineFileFor(dir, inputs));
    const result = await build({ pipeline, concurrency: 1, fs });
    expect(result.failed).toBe(0);
    // Before: nothing (every concept's pairs held on the build thread until the finish).
    const lines = written.join('').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(names.length);
    for (const line of lines) expect(line).toMatch(/^\d+:\d+( \d+:\d+)*$/);
    const index = readFileSync(join(dir, 'out', 'report', 'index.html'), 'utf8');
    const named = lines.reduce((sum, line) => sum + line.split(' ').length, 0);
    // A pair a concept an article names (a concept named twice by one article: one pair, its last count).
    expect((index.match(/\{"article":\d+,"count":\d+\}/g) ?? []).length).toBeLessThanOrEqual(named);
    expect((index.match(/\{"article":\d+,"count":\d+\}/g) ?? []).length).toBeGreaterThan(named / 2);
    for (const path of opened) expect(relative(join(dir, 'out'), path).split(sep)[0]).toBe(STAGING);
    expect(filesUnder(dir, true).filter((rel) => rel.endsWith('search-concepts.txt'))).toEqual([]);
    // Check mode writes nothing and keeps the pairs in memory: the same index, the same files.
    rmSync(join(dir, 'out', '.cache'), { recursive: true });
    const check = await build({ pipeline, concurrency: 1, check: true, cacheDir: null });
    expect(check.changed).toEqual([]);
  }, 120_000);

  it('a build that fails while it reads its spool back leaves the previous dataset whole: no partial index, no spool left anywhere', async () => {
    const { dir, inputs, names } = fixtureInputs();
    const pipeline = loadPipeline(pipelineFileFor(dir, inputs));
    expect((await build({ pipeline, concurrency: 1 })).failed).toBe(0);
    const out = join(dir, 'out');
    const before = new Map(filesUnder(out).map((rel) => [rel, readFileSync(join(out, rel))]));
    expect(before.has('report/index.html')).toBe(true);
    // An edit: the tables and the index are made again, the edited article's pairs spooled as it settles.
    appendFileSync(join(inputs, names[0]!), '\n3月5日,附加一句。\n');
    let writes = 0;
    const full = asideSpy('search-concepts.txt', () => {
      writes++;
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    });
    await expect(build({ pipeline, concurrency: 1, fs: full })).rejects.toThrow(/search-concepts\.txt/);
    // Before: never written, the build succeeded.
    expect(writes).toBe(1);
    expect(filesUnder(out)).toEqual([...before.keys()]);
    for (const [rel, bytes] of before) expect(readFileSync(join(out, rel)).equals(bytes), rel).toBe(true);
    expect(filesUnder(dir, true).filter((rel) => rel.endsWith('search-concepts.txt') || rel.includes(STAGING))).toEqual([]);
    // The next build with room completes it.
    expect((await build({ pipeline, concurrency: 1 })).changed).toContain('report/index.html');
  }, 120_000);
});
