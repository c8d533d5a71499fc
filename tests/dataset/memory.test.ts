import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getHeapSpaceStatistics, setFlagsFromString, writeHeapSnapshot } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/dataset/build.js';
import type { InputSummary } from '../../src/dataset/entry.js';
import { fileIdentity } from '../../src/io/files.js';
import { loadPipeline } from '../../src/pipeline.js';
import { pipelineFileFor, repo } from '../helpers.js';

// What a build holds while it runs, measured as ratios of live heap (after full collections),
// never as times or absolute sizes: the same inputs give the same objects on every machine.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * Live data in bytes, after two full collections (the second frees what the first finalised).
 * Code spaces are left out: V8 installs optimised code from background threads whenever those
 * finish, so on a busy machine megabytes of code land in whichever build is running (a CI run
 * saw 2.3 MB arrive during the padded build: ratio 0.28 against the bug's 1.9).
 */
function liveHeap(): number {
  gc();
  gc();
  let used = 0;
  for (const space of getHeapSpaceStatistics()) if (!space.space_name.startsWith('code')) used += space.space_used_size;
  return used;
}

/** A project of `count` copies of the WeChat page, each padded in its head with `padding` bytes of markup comment. */
function project(count: number, padding: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'digest-memory-'));
  const inputs = join(dir, 'in');
  mkdirSync(inputs);
  const page = readFileSync(repo('fixtures/articles/as-2025-wechat.html'), 'utf8');
  const line = `${'x'.repeat(99)}\n`;
  const comment = `<!--\n${line.repeat(Math.ceil(padding / line.length))}-->\n`;
  for (let i = 0; i < count; i++) writeFileSync(join(inputs, `page-${i}.html`), page.replace('<head>\n', `<head>\n${comment}`));
  return pipelineFileFor(dir, inputs);
}

/** Live heap a one-thread build of `file` holds in its result, beyond what was live before it. */
async function heldByBuild(file: string): Promise<number> {
  const before = liveHeap();
  const result = await build({ pipeline: loadPipeline(file), concurrency: 1, cacheDir: null });
  const after = liveHeap();
  expect(result.failed).toBe(0);
  expect(result.inputs.every((s) => s.title !== null)).toBe(true);
  return after - before;
}

/** A new folder with an empty input folder, `in`, in it. */
function inputFolder(): { dir: string; inputs: string } {
  const dir = mkdtempSync(join(tmpdir(), 'digest-memory-'));
  const inputs = join(dir, 'in');
  mkdirSync(inputs);
  return { dir, inputs };
}

/**
 * A one-thread build of the pipeline file `file` that hands its inputs over (`keepInputs: false`,
 * as the CLI asks) and writes a heap snapshot (live objects only) to `snapshot` at the last: what
 * the build still holds per input then. `seen` sees each input first.
 */
function buildToLastInput(file: string, snapshot: string, options: { cacheDir?: null; seen?: (summary: InputSummary, index: number) => void } = {}) {
  return build({
    pipeline: loadPipeline(file),
    concurrency: 1,
    ...(options.cacheDir === null && { cacheDir: null }),
    keepInputs: false,
    onInput: (summary, at) => {
      options.seen?.(summary, at.index);
      if (at.index === at.total - 1) writeHeapSnapshot(snapshot);
    },
  });
}

/**
 * A one-thread build of the folder `inputs` (its project in `dir`) that hands its inputs over
 * (`keepInputs: false`, as the CLI asks) and writes a heap snapshot (live objects only) to
 * `snapshot` as its `settled`th input settles: what the build holds per input while they run.
 */
function buildWithSnapshotAt(dir: string, inputs: string, settled: number, snapshot: string) {
  return build({
    pipeline: loadPipeline(pipelineFileFor(dir, inputs)),
    concurrency: 1,
    keepInputs: false,
    onProgress: (done) => {
      if (done === settled) writeHeapSnapshot(snapshot);
    },
  });
}

/**
 * A one-thread build without a cache of `count` copies of as-2025.txt named `<mark>00zq.txt`,
 * `<mark>01zq.txt`…, handing its inputs over: its result, and the heap snapshot taken at its last
 * onInput, parsed (its folder removed).
 */
async function markedBuild(mark: string, count: number): Promise<{ result: Awaited<ReturnType<typeof build>>; snapshot: HeapSnapshot }> {
  const { dir, inputs } = inputFolder();
  for (let i = 0; i < count; i++) copyFileSync(repo('fixtures/articles/as-2025.txt'), join(inputs, `${mark}${String(i).padStart(2, '0')}zq.txt`));
  const file = join(dir, 'end.heapsnapshot');
  try {
    const result = await buildToLastInput(pipelineFileFor(dir, inputs), file, { cacheDir: null });
    return { result, snapshot: JSON.parse(readFileSync(file, 'utf8')) as HeapSnapshot };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// (Each test runs one to four builds in this process, 26 inputs of 1 MB among them: 5–13 s alone,
// 4–8× that on a busy two-core machine; what they measure is heap, never time.)
const builds = 240_000;

describe('memory a build holds per input', () => {
  it("an input ingested on the build's own thread leaves its summary, not its source, in memory", async () => {
    // Found in a heap snapshot of a `-j 1` build: the summary's title was a slice of the decoded
    // page (V8 keeps the whole parent string alive for a substring), so every input's source
    // (18-50 KB) stayed until the build returned. With workers the summary crossed threads as a
    // copy and held its own characters only. The measure is the slope: what 26 inputs of 1 MB of
    // extra source hold beyond what 2 such inputs hold, a padding byte (two bytes a character once
    // decoded, as the page is Chinese: the bug held 1.9). What does not grow with the inputs cancels
    // out: against 8 unpadded inputs, CI once measured 0.28 (2.3 MB more held after the padded
    // build), and a run under load here one source's worth (8 MB at 4 MB of padding), held at the
    // end of one build and not of the other. Code spaces are left out of the measure (liveHeap).
    const padding = 1 << 20;
    await heldByBuild(project(2, padding)); // warm-up: modules, data and patterns loaded once
    const few = await heldByBuild(project(2, padding));
    const many = await heldByBuild(project(26, padding));
    expect((many - few) / (24 * padding)).toBeLessThan(0.5);
  }, builds);

  it('while the inputs run, the build holds no summary of an input already emitted (they wait in the staging folder)', async () => {
    // The main thread's heap is at its largest while the workers run: each input's summary
    // (~2.5 KB of JSON: its diagnostics, months, counts) was held from its turn to the end, in
    // the run's map and the next build's state. Each summary the build reports as it settles is
    // watched (weakly); when the last input settles, a full collection shows which are still held.
    const { dir, inputs } = inputFolder();
    const fixtures = readdirSync(repo('fixtures/articles')).sort();
    const count = 40;
    for (let i = 0; i < count; i++) copyFileSync(repo(`fixtures/articles/${fixtures[i % fixtures.length]!}`), join(inputs, `${String(i).padStart(3, '0')}-${fixtures[i % fixtures.length]!}`));
    const watched: WeakRef<object>[] = [];
    let held = -1;
    const result = await build({
      pipeline: loadPipeline(pipelineFileFor(dir, inputs)),
      concurrency: 2,
      cacheDir: null,
      onProgress: (done, total, summary) => {
        if (done < total) watched.push(new WeakRef(summary));
        else {
          gc();
          held = watched.filter((w) => w.deref() !== undefined).length;
        }
      },
    });
    expect(result.failed).toBe(0);
    expect(result.threads).toBe(2);
    // At most the window of inputs in flight (eight) is still waiting for its turn.
    expect(held).toBeGreaterThanOrEqual(0);
    expect(held).toBeLessThanOrEqual(count / 4);
  }, builds);

  it('asked not to keep its inputs, a build holds none of the summaries it handed to onInput once it has returned (the result held)', async () => {
    // What the CLI asks for: each input reported as it is handed over, then let go, so the
    // process keeps nothing per input after the build. Watched weakly, never measured in bytes.
    const watched: WeakRef<object>[] = [];
    const result = await build({ pipeline: loadPipeline(project(12, 0)), concurrency: 1, cacheDir: null, keepInputs: false, onInput: (summary) => watched.push(new WeakRef(summary)) });
    // A WeakRef's target is kept until the job that made it ends.
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    expect(watched).toHaveLength(12);
    expect(result.totals.inputs).toBe(12);
    expect(watched.filter((w) => w.deref() !== undefined)).toHaveLength(0);
  }, builds);

  it('each input handed to onInput is read back alone: the summaries handed over before it are let go (no map of them all)', async () => {
    // The build's end held every input's summary, read back into a map by path (~3 KB an input),
    // from its manifest to the last onInput; it reads each back by its place when a row, the
    // cache's state or a callback needs it. Each input's title carries a mark of its own; at the
    // last onInput a heap snapshot (live objects only) shows whose titles are still held. Not
    // watched weakly: every onInput call is one job, and a WeakRef keeps its target to the job's end.
    const { dir, inputs } = inputFolder();
    const text = readFileSync(repo('fixtures/articles/as-2025.txt'), 'utf8');
    const title = '2025年1-12月干细胞治疗强直性脊柱炎临床进展汇总';
    const count = 12;
    for (let i = 0; i < count; i++) writeFileSync(join(inputs, `as-${String(i).padStart(2, '0')}.txt`), text.replace(title, `${title} zqmark${i}zq`));
    const snapshot = join(dir, 'end.heapsnapshot');
    let marked = 0;
    const result = await buildToLastInput(pipelineFileFor(dir, inputs), snapshot, {
      // Compared, not kept: the test must hold no title itself.
      seen: (summary, index) => {
        if (summary.title?.endsWith(`zqmark${index}zq`)) marked++;
      },
    });
    expect(result.totals.inputs).toBe(count);
    expect(marked).toBe(count);
    const held = new Set(readFileSync(snapshot, 'latin1').match(/zqmark\d+zq/g));
    rmSync(snapshot);
    // The last input's summary, on the stack; at most the one before it too. Held in a map: all twelve.
    expect(held.size).toBeGreaterThanOrEqual(1);
    expect(held.size).toBeLessThanOrEqual(2);
  }, builds);

  it("while its inputs run, holds each one's path, id, identity and cache key in the plan's and the cache's tables, not as strings of their own", async () => {
    // The plan held an object an input (its path, id, identity, key, hit) in path order, in id order
    // and in a map by path, and the cache a map of each entry's key to its place, twice: ~0.55 KB an
    // input on the build's thread from the plan to the handover, what its heap grew by between
    // sizes (BENCHMARKS.md, "the plan as a table"). Each input's path carries a mark; when the 30th
    // of 40 settles (a window of eight in flight beyond it), a heap snapshot shows which paths are
    // held as strings of their own, and how many 64-digit hex strings (cache keys) there are.
    const { dir, inputs } = inputFolder();
    const count = 40;
    for (let i = 0; i < count; i++) copyFileSync(repo('fixtures/articles/as-2025.txt'), join(inputs, `zqrun${String(i).padStart(2, '0')}zq.txt`));
    const snapshot = join(dir, 'run.heapsnapshot');
    try {
      const result = await buildWithSnapshotAt(dir, inputs, 30, snapshot);
      expect(result.totals.inputs).toBe(count);
      expect(result.computed).toBe(count);
      const strings = new Set((JSON.parse(readFileSync(snapshot, 'utf8')) as HeapSnapshot).strings);
      const paths = [...strings].filter((text) => /\/in\/zqrun\d+zq\.txt$/.test(text) && !text.includes('\n'));
      // The build's cache keys, as its packs' indexes list them (a line each after the first).
      const packs = join(dir, 'out', '.cache', 'packs');
      const keys = readdirSync(packs)
        .filter((name) => name.endsWith('.idx'))
        .flatMap((name) => readFileSync(join(packs, name), 'utf8').split('\n').slice(1, -1).map((line) => line.slice(0, 64)));
      expect(keys).toHaveLength(count);
      const heldKeys = keys.filter((key) => strings.has(key));
      // Those in flight (eight and the one settling), at most; all forty before.
      expect(paths.length).toBeGreaterThanOrEqual(1);
      expect(paths.length).toBeLessThanOrEqual(12);
      // The cache held the key of each of the 30 settled (and, with the plan, those in flight): a few in flight now.
      expect(heldKeys.length).toBeLessThanOrEqual(12);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, builds);

  it("while its inputs run, holds their folder once and their files' identities as numbers: no path's or identity's text but those in flight", async () => {
    // The plan's table held each path whole (its folder, the same for every input, most of it) and
    // each file's identity as decimal text: ~0.1 KB an input of the ~0.2 the build's thread held
    // while the inputs ran (BENCHMARKS.md, "the plan's paths by folder"). The files are dated in
    // the past, so that each has an identity (a file changed within two seconds has none); when the
    // 30th of 40 settles, a heap snapshot shows whose paths and identities are held as text.
    const { dir, inputs } = inputFolder();
    const count = 40;
    const identities: string[] = [];
    for (let i = 0; i < count; i++) {
      const file = join(inputs, `zqfold${String(i).padStart(2, '0')}zq.txt`);
      copyFileSync(repo('fixtures/articles/as-2025.txt'), file);
      utimesSync(file, new Date('2024-03-01T00:00:00Z'), new Date(Date.UTC(2024, 2, 1, 0, 0, i)));
      identities.push(fileIdentity(statSync(file, { bigint: true })));
    }
    const snapshot = join(dir, 'run.heapsnapshot');
    try {
      const result = await buildWithSnapshotAt(dir, inputs, 30, snapshot);
      expect(result.totals.inputs).toBe(count);
      const text = readFileSync(snapshot, 'latin1');
      const paths = new Set(text.match(/\/in\/zqfold\d+zq\.txt/g));
      // Of the first twenty, settled long before, none is held. Before, ~19 of each: a snapshot
      // writes a string's first 1,024 characters, and the plan's columns of joined paths and
      // identities began with theirs.
      const early = (i: number) => `/in/zqfold${String(i).padStart(2, '0')}zq.txt`;
      expect([...Array(20).keys()].filter((i) => paths.has(early(i)))).toEqual([]);
      expect(identities.slice(0, 20).filter((identity) => text.includes(identity))).toEqual([]);
      // Those in flight are held (eight and the one settling).
      expect(paths.size).toBeGreaterThanOrEqual(1);
      expect(paths.size).toBeLessThanOrEqual(12);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, builds);

  it("hands its inputs over without its plan: no input's path is held but those of the inputs just handed over", async () => {
    // The plan's inputs (each one's path and id, in path and in id order) were held to the build's
    // return, ~0.17 KB an input of the 0.44 the bench's row counted; each input handed over is read
    // back from the ledger by its place, so nothing asks for them after the state is saved. Each
    // input's path carries a mark of its own; at the last onInput a heap snapshot shows whose
    // paths are still held (its folder tells a path from a dataset file named by the same id).
    const count = 12;
    const { result, snapshot } = await markedBuild('zqpath', count);
    expect(result.totals.inputs).toBe(count);
    expect(result.reused + result.computed).toBe(count);
    const held = new Set(heldStrings(snapshot, /\/in\/zqpath\d+zq\.txt/g));
    // The last input's summary, on the stack; at most the one before it too. The plan held: all twelve.
    expect(held.size).toBeGreaterThanOrEqual(1);
    expect(held.size).toBeLessThanOrEqual(2);
  }, builds);

  it("hands its inputs over holding no name of a file it changed: the result's list is made when read", async () => {
    // The result's list of files changed (three names an input, ~0.19 KB) was made at the commit
    // and held while the inputs were handed over, though the CLI prints only how many; each id is
    // held once now, the names made when the list is read. Each input's id carries a mark of its
    // own; at the last onInput a heap snapshot shows which of its files' names are held.
    const count = 12;
    const { result, snapshot } = await markedBuild('zqfile', count);
    expect(result.totals.inputs).toBe(count);
    const held = heldStrings(snapshot, /(?:articles|report)\/zqfile\d+zq(?:\.source)?\.(?:json|html)/g);
    // Read once returned, the list has them all (the build made every file).
    const changed = result.changed.filter((rel) => /zqfile\d+zq/.test(rel));
    expect(changed).toHaveLength(3 * count);
    // Names of one input at most: the last text a pattern was run on (V8 keeps it for
    // RegExp.lastMatch). Held by V8's string table alone, a name is no one's (heldStrings: the
    // first input's record name, listed there alone, failed this under load).
    // Before: all 36, of every input.
    const inputsNamed = new Set(held.map((name) => /zqfile(\d+)zq/.exec(name)?.[1]));
    expect(inputsNamed.size, `names held: ${held.join(', ')}`).toBeLessThanOrEqual(1);
  }, builds);

  it("hands its inputs over holding no buffer its set-aside files and tables were written through, and one ledger's window: the summaries'", async () => {
    // Each set-aside file's writer (the summaries', the manifest rows', the index rows', the search
    // entries', the change facts', changes.json's) and each table's kept its 128 KB buffer from its
    // first text to the build's return, and each ledger its 32 KB window once read: ~1.2 MB held
    // at the last onInput, ~10 KB an input of a 120-article build (`--ci`'s kept row; BENCHMARKS.md,
    // change 190). A heap snapshot there lists what is held: the UTF-8 writers (Utf8Chunks) none
    // of them, the ledgers all three (or the test sees nothing), a window only the summaries' —
    // read on, one at a time, as the inputs are handed over.
    const count = 6;
    const { result, snapshot } = await markedBuild('zqbuf', count);
    expect(result.totals.inputs).toBe(count);
    expect(result.computed).toBe(count);
    expect(heldObjects(snapshot, 'Utf8Chunks')).toEqual([]);
    const windows = heldObjects(snapshot, 'Ledger', ['window']).map((ledger) => ledger.window);
    expect(windows).toHaveLength(3);
    expect(windows.filter((window) => window !== 'null')).toEqual(['Buffer']);
  }, builds);

  it("an incremental build hands its inputs over without the last build's changes.json as it read it", async () => {
    // A build with an input gone (or edited) reads the last changes.json whole when first asked
    // (each carried article's entry is spliced from its bytes) and held it to its return: ~7 KB an
    // article, 2.9 MB at 400 articles. A heap snapshot at the last onInput lists every
    // ArrayBuffer's backing store by its size: none may be the file's.
    const { dir, inputs } = inputFolder();
    const text = readFileSync(repo('fixtures/articles/as-2025.txt'), 'utf8');
    const count = 12;
    for (let i = 0; i < count; i++) writeFileSync(join(inputs, `as-${String(i).padStart(2, '0')}.txt`), text);
    const file = pipelineFileFor(dir, inputs);
    await build({ pipeline: loadPipeline(file), concurrency: 1, keepInputs: false });
    // Its size and hash kept, not its bytes: the test must hold no buffer of that size itself.
    const before = statSync(join(dir, 'out', 'changes.json')).size;
    const first = sha256Of(join(dir, 'out', 'changes.json'));
    rmSync(join(inputs, 'as-05.txt'));
    const snapshot = join(dir, 'end.heapsnapshot');
    const result = await buildToLastInput(file, snapshot);
    expect(result.computed).toBe(0);
    expect(result.reused).toBe(count - 1);
    // The file was read (the build carried eleven articles' entries over, one removed): the rebuild's is another.
    expect(sha256Of(join(dir, 'out', 'changes.json'))).not.toBe(first);
    const stores = backingStores(JSON.parse(readFileSync(snapshot, 'utf8')) as HeapSnapshot);
    rmSync(dir, { recursive: true, force: true });
    expect(before).toBeGreaterThan(8192);
    expect(stores.filter((size) => size === before)).toEqual([]);
  }, builds);
});

/** The parts of a heap snapshot's JSON read here. */
interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

/**
 * The texts of the strings matching `pattern` that something holds: reachable from the snapshot's
 * roots by strong edges, V8's table of internalized strings aside. That table is weak — an entry
 * no one else holds goes at a full collection —, yet a string marked by a root the snapshot does
 * not list (V8's own, not the build's: most likely an optimising compile still running on a
 * background thread, which a busy machine makes slow) stays in it, listed under the table's root
 * alone: the first input's record name (a property key) beside the last input's, in two builds of
 * ten at load ~15, each with no other retainer (BENCHMARKS.md, change 182). A string the build
 * holds has an edge from what holds it.
 */
function heldStrings(snapshot: HeapSnapshot, pattern: RegExp): string[] {
  const { node_fields: nodeFields, node_types: [nodeTypes] } = snapshot.snapshot.meta;
  const width = nodeFields.length;
  const [type, name] = [nodeFields.indexOf('type'), nodeFields.indexOf('name')];
  const { nodes, strings } = snapshot;
  const { reached } = heldGraph(snapshot);
  const held: string[] = [];
  for (let node = 0; node < reached.length; node++) {
    if (reached[node] === 0 || !nodeTypes[nodes[node * width + type]!]!.includes('string')) continue;
    const text = strings[nodes[node * width + name]!]!;
    for (const match of text.match(pattern) ?? []) held.push(match);
  }
  return held;
}

/**
 * The objects of class `className` something holds ({@link heldStrings}: reachable by strong
 * edges, V8's string table aside), each with the class names of what its properties named in
 * `properties` hold ("null" for none, null or undefined).
 */
function heldObjects(snapshot: HeapSnapshot, className: string, properties: readonly string[] = []): Record<string, string>[] {
  const { node_fields: nodeFields, node_types: [nodeTypes], edge_fields: edgeFields, edge_types: [edgeTypes] } = snapshot.snapshot.meta;
  const width = nodeFields.length;
  const edgeWidth = edgeFields.length;
  const [type, name] = [nodeFields.indexOf('type'), nodeFields.indexOf('name')];
  const [edgeType, edgeName, toNode] = [edgeFields.indexOf('type'), edgeFields.indexOf('name_or_index'), edgeFields.indexOf('to_node')];
  const { nodes, edges, strings } = snapshot;
  const { reached, firstEdge } = heldGraph(snapshot);
  const found: Record<string, string>[] = [];
  for (let node = 0; node < reached.length; node++) {
    if (reached[node] === 0 || nodeTypes[nodes[node * width + type]!] !== 'object' || strings[nodes[node * width + name]!] !== className) continue;
    const fields: Record<string, string> = {};
    for (let at = firstEdge[node]!; at < firstEdge[node + 1]!; at += edgeWidth) {
      if (edgeTypes[edges[at + edgeType]!] !== 'property') continue;
      const property = strings[edges[at + edgeName]!]!;
      // null (and undefined) are V8's oddballs.
      const held = strings[nodes[edges[at + toNode]! + name]!]!;
      if (properties.includes(property)) fields[property] = held === 'system / Oddball' ? 'null' : held;
    }
    for (const property of properties) fields[property] ??= 'null';
    found.push(fields);
  }
  return found;
}

/** The nodes of a heap snapshot reachable from its roots by strong edges, V8's table of internalized strings aside ({@link heldStrings} says why), and where each node's edges begin. */
function heldGraph(snapshot: HeapSnapshot): { reached: Uint8Array; firstEdge: Uint32Array } {
  const { node_fields: nodeFields, node_types: [nodeTypes], edge_fields: edgeFields, edge_types: [edgeTypes] } = snapshot.snapshot.meta;
  const width = nodeFields.length;
  const edgeWidth = edgeFields.length;
  const [type, name, edgeCount] = [nodeFields.indexOf('type'), nodeFields.indexOf('name'), nodeFields.indexOf('edge_count')];
  const [edgeType, toNode] = [edgeFields.indexOf('type'), edgeFields.indexOf('to_node')];
  const { nodes, edges, strings } = snapshot;
  const count = nodes.length / width;
  // Where each node's edges begin (they are listed node after node).
  const firstEdge = new Uint32Array(count + 1);
  for (let node = 0, at = 0; node < count; node++) {
    firstEdge[node] = at;
    at += nodes[node * width + edgeCount]! * edgeWidth;
  }
  firstEdge[count] = edges.length;
  const reached = new Uint8Array(count);
  const queue = [0];
  reached[0] = 1;
  for (let q = 0; q < queue.length; q++) {
    const node = queue[q]!;
    if (nodeTypes[nodes[node * width + type]!] === 'synthetic' && strings[nodes[node * width + name]!] === '(Internalized strings)') continue;
    for (let at = firstEdge[node]!; at < firstEdge[node + 1]!; at += edgeWidth) {
      if (edgeTypes[edges[at + edgeType]!] === 'weak') continue;
      const to = edges[at + toNode]! / width;
      if (reached[to] === 0) {
        reached[to] = 1;
        queue.push(to);
      }
    }
  }
  return { reached, firstEdge };
}

/** The SHA-256 (hex) of a file's bytes. */
function sha256Of(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** The sizes of the ArrayBuffers' backing stores a heap snapshot holds. */
function backingStores(snapshot: HeapSnapshot): number[] {
  const fields = snapshot.snapshot.meta.node_fields;
  const width = fields.length;
  const [name, size] = [fields.indexOf('name'), fields.indexOf('self_size')];
  const sizes: number[] = [];
  for (let i = 0; i < snapshot.nodes.length; i += width) if (snapshot.strings[snapshot.nodes[i + name]!] === 'system / JSArrayBufferData') sizes.push(snapshot.nodes[i + size]!);
  return sizes;
}
