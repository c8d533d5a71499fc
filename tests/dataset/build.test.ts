import { appendFileSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { build } from '../../src/dataset/build.js';
import { emptyState, EntryStore, type BuildState } from '../../src/dataset/cache.js';
import { readEntry } from '../../src/dataset/cache-entry.js';
import { pageSource, PreviousBuild } from '../../src/dataset/changes.js';
import { changeFact } from '../../src/report/html/index.js';
import type { ArticleChange } from '../../src/generated/changes.js';
import { fileIdentity } from '../../src/io/files.js';
import { planIds, shardOf } from '../../src/dataset/ids.js';
import { CACHE_FORMAT, configFingerprint } from '../../src/dataset/keys.js';
import { planBuild, type BuildPlan, type InputPlan } from '../../src/dataset/plan.js';
import { merge } from '../../src/dataset/merge.js';
import { loadPipeline, type Pipeline } from '../../src/pipeline.js';
import { DataFileChangedError } from '../../src/core/data.js';
import { realFs, type WriteFs } from '../../src/io/fs.js';
import { copyDataset, repo, tree } from '../helpers.js';
import { makeProject, withInputsInEveryShard } from '../support/project.js';
import { Ledger } from '../../src/dataset/set-aside.js';
import type { Runner } from '../../src/dataset/runner.js';

/** A test's hold on the build's worker pool: `wrap` (when set) is given each runner the build makes, and returns the one it uses. */
const runnerHook = vi.hoisted(() => ({ wrap: null as null | ((runner: Runner) => Runner) }));
vi.mock('../../src/dataset/runner.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/dataset/runner.js')>();
  return {
    ...real,
    createRunner: async (...args: Parameters<typeof real.createRunner>) => {
      const runner = await real.createRunner(...args);
      return runnerHook.wrap ? runnerHook.wrap(runner) : runner;
    },
  };
});

const fixtures = readdirSync(repo('fixtures/articles')).sort();

/**
 * A project with `count` inputs copied from the fixtures under distinct names, plus three
 * that collide on their name-derived id (a/ra-2025.txt, b/ra-2025.txt, c/ra-2025.md).
 */
function project(count: number): { dir: string; pipeline: () => Pipeline; inputs: string } {
  const dir = mkdtempSync(join(tmpdir(), 'digest-build-'));
  const inputs = join(dir, 'in');
  mkdirSync(inputs);
  for (let i = 0; i < count; i++) {
    const name = fixtures[i % fixtures.length]!;
    cpSync(repo(`fixtures/articles/${name}`), join(inputs, `${String(i).padStart(3, '0')}-${name}`));
  }
  for (const [folder, name, from] of [['a', 'ra-2025.txt', 'ra-2025.txt'], ['b', 'ra-2025.txt', 'as-2025.txt'], ['c', 'ra-2025.md', 'ra-2025-markdown.md']] as const) {
    mkdirSync(join(inputs, folder), { recursive: true });
    cpSync(repo(`fixtures/articles/${from}`), join(inputs, folder, name));
  }
  const file = join(dir, 'pipeline.json');
  const raw = JSON.parse(readFileSync(repo('pipelines/digest.json'), 'utf8'));
  raw.inputs = [inputs];
  raw.out = join(dir, 'out');
  raw.data = Object.fromEntries(Object.entries(raw.data as Record<string, string>).map(([k, v]) => [k, repo(`pipelines/${v}`)]));
  delete raw.$schema;
  writeFileSync(file, JSON.stringify(raw));
  return { dir, inputs, pipeline: () => loadPipeline(file) };
}

/** Sets the modification time of every file under `folder` to `when` (milliseconds since the epoch). */
function ageTree(folder: string, when: number): void {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) ageTree(path, when);
    else utimesSync(path, new Date(when), new Date(when));
  }
}


function expectSameTree(actual: Map<string, string>, expected: Map<string, string>): void {
  expect([...actual.keys()]).toEqual([...expected.keys()]);
  for (const [rel, content] of expected) expect(actual.get(rel) === content, `${rel} differs`).toBe(true);
}

/** What a plan knows of each of its inputs, in path order. */
/** Removes the review index and builds again on this thread: every article reused, the index alone made again, the tree `first` again. */
async function indexMadeAgainAlone(out: string, pipeline: () => Pipeline, first: Map<string, string>): Promise<void> {
  rmSync(join(out, 'report', 'index.html'));
  const again = await build({ pipeline: pipeline(), concurrency: 1 });
  expect(again.computed).toBe(0);
  expect(again.changed).toEqual(['report/index.html']);
  expectSameTree(tree(out), first);
}

function plannedInputs(plan: BuildPlan): InputPlan[] {
  return Array.from({ length: plan.inputs.count }, (_, index) => plan.inputs.plan(index));
}

/** `out` is what a build without a cache of the same inputs into `clean` writes (ingesting all `inputs` of them). */
async function expectAsClean(p: Pipeline, out: string, clean: string, inputs: number): Promise<void> {
  const result = await build({ pipeline: p, outDir: clean, cacheDir: null, concurrency: 1 });
  expect(result.computed).toBe(inputs);
  expectSameTree(tree(out), tree(clean));
}

describe('ids are planned before ingesting', () => {
  it('a build is told its inputs before they are read and hashed (a cold build starts its workers then): an input edited at that point is keyed as edited', async () => {
    const { inputs, pipeline } = project(3);
    const p = pipeline();
    const config = configFingerprint(p);
    const edited = join(inputs, readdirSync(inputs).find((n) => n.endsWith('.txt'))!);
    let told: string[] = [];
    const plan = await planBuild(p, config, emptyState(config), null, {
      beforeKeys: async (selected) => {
        told = selected.map((i) => i.path);
        writeFileSync(edited, `${readFileSync(edited, 'utf8')}\nedited\n`);
      },
    });
    expect(told.sort()).toEqual(plannedInputs(plan).map((i) => i.input.path).sort());
    const after = await planBuild(p, config, emptyState(config), null, {});
    const keyOf = (of: BuildPlan) => plannedInputs(of).find((i) => i.input.path === edited)!.key;
    expect(keyOf(plan)).toBe(keyOf(after));
  });

  it('a build whose state is lost ingests every input again (no record is known to be in place), on the workers, though the cache knows every key', async () => {
    const { dir, pipeline } = project(20);
    const cacheDir = join(dir, 'shared-cache');
    const first = await build({ pipeline: pipeline(), outDir: join(dir, 'one'), cacheDir, concurrency: 2 });
    expect(first.threads).toBe(2);
    // The dataset copied elsewhere, the cache's state lost.
    copyDataset(join(dir, 'one'), join(dir, 'two'));
    for (const name of readdirSync(cacheDir).filter((n) => /^state.*\.json$/.test(n))) rmSync(join(cacheDir, name));
    const second = await build({ pipeline: pipeline(), outDir: join(dir, 'two'), cacheDir, concurrency: 2 });
    // Was [23, 0]: the pool was sized by the inputs the cache did not know (none), and all ran on the build's thread.
    expect([second.computed, second.threads]).toEqual([23, 2]);
    expectSameTree(tree(join(dir, 'two')), tree(join(dir, 'one')));
  }, 180_000);

  it('collisions take the extension, then the content hash, then a counter, in path order', async () => {
    const { inputs } = project(0);
    cpSync(join(inputs, 'a', 'ra-2025.txt'), join(inputs, 'd-ra-2025.txt'));
    mkdirSync(join(inputs, 'e'));
    cpSync(join(inputs, 'b', 'ra-2025.txt'), join(inputs, 'e', 'ra-2025.txt'));
    const paths = [join(inputs, 'c', 'ra-2025.md'), join(inputs, 'e', 'ra-2025.txt'), join(inputs, 'a', 'ra-2025.txt'), join(inputs, 'b', 'ra-2025.txt')];
    const plan = await planIds(paths);
    const ids = plan.map((p) => [relative(inputs, p.path), p.id, p.renamedFrom]);
    expect(ids[0]).toEqual(['a/ra-2025.txt', 'ra-2025', null]);
    expect(ids[1]).toEqual(['b/ra-2025.txt', 'ra-2025-txt', 'ra-2025']);
    expect(ids[2]).toEqual(['c/ra-2025.md', 'ra-2025-md', 'ra-2025']);
    // Same extension and same content as b/: the hash suffix is taken too, so a counter follows it.
    expect(ids[3]![1]).toMatch(/^ra-2025-[0-9a-f]{12}$/);
    expect(await planIds([...paths, paths[0]!].reverse())).toEqual(plan);
  });

  it('shards split inputs deterministically and evenly', () => {
    const paths = Array.from({ length: 3000 }, (_, i) => `in/${i}.txt`);
    const sizes = [0, 0, 0];
    for (const p of paths) sizes[shardOf(p, 3)]!++;
    for (const size of sizes) expect(size).toBeGreaterThan(900);
    expect(paths.map((p) => shardOf(p, 3))).toEqual(paths.map((p) => shardOf(p, 3)));
  });
});

describe('each input as the build ends (onInput, keepInputs)', () => {
  it('the review index lists records by id, then failed inputs by path, each row read back alone; the manifest lists them in path order', async () => {
    const { dir, inputs, pipeline } = project(4);
    // Failed inputs first, between and after the others by path.
    for (const name of ['000-empty.txt', '001x-empty.txt', 'zz-empty.txt']) writeFileSync(join(inputs, name), '');
    const result = await build({ pipeline: pipeline(), concurrency: 2, cacheDir: null, keepInputs: false });
    expect(result.totals).toMatchObject({ inputs: 10, failed: 3 });
    const manifest = JSON.parse(readFileSync(join(dir, 'out', 'manifest.json'), 'utf8')) as { inputs: { path: string; id: string | null; status: string }[] };
    const paths = manifest.inputs.map((r) => r.path);
    expect(paths).toEqual([...paths].sort());
    const page = readFileSync(join(dir, 'out', 'report', 'index.html'), 'utf8');
    const listed = [...page.matchAll(/<th scope="row" data-label="Article" data-v="([^"]*)">/g)].map((m) => m[1]);
    const records = manifest.inputs.filter((r) => r.status === 'ok').map((r) => r.id!).sort();
    const failed = manifest.inputs.filter((r) => r.status !== 'ok').map((r) => `~${r.path}`).sort();
    expect(failed).toHaveLength(3);
    expect(listed).toEqual([...records, ...failed]);
    expect(page).toContain('<h1>Digest review: 10 articles</h1>');
    expect(page).toContain(': 7 records, 3 failed.');
  }, 120_000);

  it('onInput has every input once, in the order the result lists them, after the dataset is written; keepInputs: false keeps none in the result, and totals count them all', async () => {
    const { dir, inputs, pipeline } = project(6);
    writeFileSync(join(inputs, 'zz-empty.txt'), '');
    const kept = await build({ pipeline: pipeline(), concurrency: 1, cacheDir: null });
    rmSync(join(dir, 'out'), { recursive: true, force: true });
    const seen: { path: string; index: number; total: number; written: boolean }[] = [];
    const streamed = await build({
      pipeline: pipeline(),
      concurrency: 2,
      cacheDir: null,
      keepInputs: false,
      onInput: (summary, at) => {
        seen.push({ path: summary.path, index: at.index, total: at.total, written: existsSync(join(dir, 'out', 'manifest.json')) });
      },
    });
    expect(kept.inputs).toHaveLength(10);
    expect(seen.map((s) => s.path)).toEqual(kept.inputs.map((s) => s.path));
    expect(seen.map((s) => s.index)).toEqual(kept.inputs.map((_, i) => i));
    expect(seen.every((s) => s.total === 10 && s.written)).toBe(true);
    expect(streamed.inputs).toEqual([]);
    expect(streamed.failed).toBe(1);
    const sum = (key: keyof (typeof kept.inputs)[number]['counts']) => kept.inputs.reduce((n, s) => n + s.counts[key], 0);
    expect(streamed.totals).toEqual({
      inputs: 10, records: 9, failed: 1,
      months: sum('months'), items: sum('items'), references: sum('references'), referencesWithDoi: sum('referencesWithDoi'),
      entities: sum('entities'), errors: sum('errors'), warnings: sum('warnings'), infos: sum('infos'),
    });
    expect(kept.totals).toEqual(streamed.totals);
  }, 120_000);

  it("an error onInput throws is the build's, after the dataset is written", async () => {
    const { dir, pipeline } = project(2);
    await expect(build({ pipeline: pipeline(), concurrency: 1, cacheDir: null, onInput: () => { throw new Error('reporter broke'); } })).rejects.toThrow('reporter broke');
    expect(existsSync(join(dir, 'out', 'manifest.json'))).toBe(true);
  }, 60_000);
});

describe('incremental builds', () => {
  it('an unchanged rebuild ingests nothing and writes nothing; one edit rebuilds one record and the tables', async () => {
    const { dir, inputs, pipeline } = project(20);
    const first = await build({ pipeline: pipeline(), concurrency: 1 });
    expect(first).toMatchObject({ computed: 23, reused: 0, failed: 0 });
    const out = join(dir, 'out');
    const written = tree(out);

    const again = await build({ pipeline: pipeline(), concurrency: 1 });
    expect(again).toMatchObject({ computed: 0, reused: 23, changed: [] });
    expectSameTree(tree(out), written);
    // The dataset the next build replaces: its change view compares with it.
    copyDataset(out, join(dir, 'clean'));

    const edited = join(inputs, '002-as-2025-wechat.html');
    writeFileSync(edited, readFileSync(edited, 'utf8').replaceAll('2025年', '2024年'));
    const third = await build({ pipeline: pipeline(), concurrency: 1 });
    expect(third.computed).toBe(1);
    expect(third.changed).toEqual([
      'articles/002-as-2025-wechat.json', 'changes.json', 'items.jsonl', 'manifest.json', 'report/002-as-2025-wechat.html', 'report/002-as-2025-wechat.source.html', 'report/index.html',
    ]);

    // Byte-identical to a clean build of the same inputs over the same previous dataset (no cache).
    await expectAsClean(pipeline(), out, join(dir, 'clean'), 23);
  }, 120_000);

  it('a record deleted or edited in the dataset is made again; a changed lexicon re-ingests everything', async () => {
    const { dir, pipeline } = project(4);
    await build({ pipeline: pipeline(), concurrency: 1 });
    const out = join(dir, 'out');
    const written = tree(out);
    rmSync(join(out, 'articles', '001-as-2025-hant.json'));
    writeFileSync(join(out, 'articles', '002-as-2025-wechat.json'), '{}');
    writeFileSync(join(out, 'articles', 'stale.json'), '{}');
    const repaired = await build({ pipeline: pipeline(), concurrency: 1 });
    expect(repaired.computed).toBe(2);
    expect(repaired.changed).toEqual(['articles/001-as-2025-hant.json', 'articles/002-as-2025-wechat.json']);
    // A file the build did not write is not the build's to delete: left alone, and named.
    expect(repaired.foreign).toEqual([relative(process.cwd(), join(out, 'articles', 'stale.json'))]);
    expect(readdirSync(join(out, 'report'))).toContain('001-as-2025-hant.html');
    rmSync(join(out, 'articles', 'stale.json'));
    expectSameTree(tree(out), written);

    const p = pipeline();
    const lexicon = join(dir, 'lexicon.json');
    const data = JSON.parse(readFileSync(repo('pipelines/data/lexicon.json'), 'utf8'));
    data.concepts = data.concepts.slice(1);
    writeFileSync(lexicon, JSON.stringify(data));
    const raw = JSON.parse(readFileSync(p.file, 'utf8'));
    raw.data.lexicon = lexicon;
    writeFileSync(p.file, JSON.stringify(raw));
    expect((await build({ pipeline: pipeline(), concurrency: 1 })).computed).toBe(7);
  }, 120_000);

  it('--check reads the cache but writes nothing, and names what is out of date', async () => {
    const { dir, pipeline } = project(3);
    const out = join(dir, 'out');
    const missing = await build({ pipeline: pipeline(), check: true, concurrency: 1 });
    expect(missing.missing).toContain('manifest.json');
    expect(existsSync(out)).toBe(false);
    await build({ pipeline: pipeline(), concurrency: 1 });
    expect(await build({ pipeline: pipeline(), check: true, concurrency: 1 })).toMatchObject({ changed: [], missing: [], extra: [], computed: 0 });
    writeFileSync(join(out, 'items.jsonl'), '');
    rmSync(join(out, '.cache'), { recursive: true });
    const stale = await build({ pipeline: pipeline(), check: true, concurrency: 1 });
    expect(stale).toMatchObject({ changed: ['items.jsonl'], missing: [], extra: [], computed: 6 });
    expect(existsSync(join(out, '.cache'))).toBe(false);
  }, 120_000);

  it('--check and --no-cache leave nothing outside the output folder, not even in the temporary folder', async () => {
    const { dir, pipeline } = project(3);
    const temp = mkdtempSync(join(tmpdir(), 'digest-tmpdir-'));
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = temp;
    try {
      await build({ pipeline: pipeline(), check: true, concurrency: 1 });
      await build({ pipeline: pipeline(), cacheDir: null, concurrency: 1 });
      await build({ pipeline: pipeline(), cacheDir: null, check: true, concurrency: 1 });
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
    expect(readdirSync(temp)).toEqual([]);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['articles', 'changes.json', 'entities.jsonl', 'items.jsonl', 'manifest.json', 'references.jsonl', 'report']);
  }, 120_000);
});

describe("the build's finish splices what the threads made", () => {
  it('the manifest and the review index take the row of each input ingested as its thread made it: no summary is read back and parsed for them (but a failed one, for its path), no manifest row parsed for the index', async () => {
    const { dir, pipeline } = project(8);
    const reads = vi.spyOn(Ledger.prototype, 'get');
    // Nor is a manifest row parsed back for the index: its row comes written by the thread (indexRowCells).
    const parses = vi.spyOn(JSON, 'parse');
    try {
      const result = await build({ pipeline: pipeline(), concurrency: 1, keepInputs: false });
      expect(result.computed).toBe(result.totals.inputs);
      expect(reads.mock.calls.length).toBeLessThanOrEqual(result.totals.failed);
      const rowsParsed = parses.mock.calls.filter(([text]) => typeof text === 'string' && text.startsWith('{\n      "path": '));
      expect(rowsParsed.length).toBe(0);
    } finally {
      reads.mockRestore();
      parses.mockRestore();
    }
    // The same dataset as made from the summaries: a build that ingests none makes every row at its
    // finish — its manifest the same bytes (not changed), its index (gone) made again the same.
    const out = join(dir, 'out');
    const first = tree(out);
    await indexMadeAgainAlone(out, pipeline, first);
  }, 120_000);
});

describe('the end of a build is flat in N', () => {
  it('changes.json and the review index are staged as streams, a piece at a time, never whole; the same bytes, and the index made again from reused articles', async () => {
    const { dir, pipeline } = project(20);
    // What each staged file of the dataset's top and report/index.html received: whole (writeFileSync) or in pieces (writeSync).
    const writes = new Map<string, { whole: number; pieces: number[] }>();
    const paths = new Map<number, string>();
    const note = (path: string) => {
      const key = path.split(/[\\/]files[\\/]/)[1] ?? path;
      if (!writes.has(key)) writes.set(key, { whole: 0, pieces: [] });
      return writes.get(key)!;
    };
    const fs: WriteFs = {
      ...realFs,
      writeFileSync: (path, data) => {
        note(path).whole++;
        realFs.writeFileSync(path, data);
      },
      openSync: (path, flags, mode) => {
        const fd = realFs.openSync(path, flags, mode);
        paths.set(fd, path);
        return fd;
      },
      writeSync: (fd, data) => {
        note(paths.get(fd) ?? '?').pieces.push(data.length);
        return realFs.writeSync(fd, data);
      },
    };
    await build({ pipeline: pipeline(), fs });
    const out = join(dir, 'out');
    const first = tree(out);
    for (const rel of ['changes.json', 'report/index.html']) {
      const w = writes.get(rel)!;
      expect(w.whole, rel).toBe(0);
      expect(w.pieces.length, rel).toBeGreaterThan(1);
      expect(Math.max(...w.pieces), rel).toBeLessThan(first.get(rel)!.length / 2);
    }
    // The same bytes as a build on worker threads (whose end is the same code).
    rmSync(out, { recursive: true, force: true });
    await build({ pipeline: pipeline(), concurrency: 2 });
    expectSameTree(tree(out), first);
    // The index gone, every article reused and no table made again: their search entries come from the cache.
    await indexMadeAgainAlone(out, pipeline, first);
  }, 180_000);

  it('a build whose every article carries its change keeps changes.json as it is, never staged again (an edit that leaves the digest too); a changes.json edited by hand is made again', async () => {
    const { dir, inputs, pipeline } = project(6);
    const out = join(dir, 'out');
    let staged = 0;
    const fs: WriteFs = {
      ...realFs,
      openSync: (path, flags, mode) => {
        if (/[\\/]files[\\/]changes\.json$/.test(String(path))) staged++;
        return realFs.openSync(path, flags, mode);
      },
    };
    await build({ pipeline: pipeline(), fs, concurrency: 1 });
    expect(staged).toBe(1);
    const first = tree(out);
    const unchanged = await build({ pipeline: pipeline(), fs, concurrency: 1 });
    expect(unchanged.changed).toEqual([]);
    expect(staged).toBe(1);
    // A line feed more at an input's end: ingested again, its record's source hash changes, its digest does not.
    const edited = readdirSync(inputs).filter((name) => name.endsWith('.txt')).sort()[0]!;
    appendFileSync(join(inputs, edited), '\n');
    const again = await build({ pipeline: pipeline(), fs, concurrency: 1 });
    expect(again.computed).toBe(1);
    expect(staged).toBe(1);
    for (const rel of ['changes.json', 'report/index.html']) expect(readFileSync(join(out, rel), 'latin1') === first.get(rel), rel).toBe(true);
    // The same changes, written by someone else's hand: not this code's bytes, so made again.
    writeFileSync(join(out, 'changes.json'), JSON.stringify(JSON.parse(readFileSync(join(out, 'changes.json'), 'utf8'))));
    const mended = await build({ pipeline: pipeline(), fs, concurrency: 1 });
    expect(mended.changed).toEqual(['changes.json']);
    expect(staged).toBe(2);
    expect(readFileSync(join(out, 'changes.json'), 'latin1') === first.get('changes.json')).toBe(true);
  }, 120_000);

  it('a build in which every input is a same-key hit reads no changes.json: the state keeps each article\'s change and what the file holds; one input edited reads its own entry alone; the output the same as a clean build\'s', async () => {
    const { dir, inputs, pipeline } = project(6);
    // Inputs written a minute ago: a file younger than two seconds at a build's start is not trusted
    // by its identity (src/dataset/plan.ts, `racy`), so on a loaded machine the second build could
    // find the copies old enough to trust and write the state again — a test of timing, not of reuse.
    ageTree(inputs, Date.now() - 60_000);
    const out = join(dir, 'out');
    await build({ pipeline: pipeline(), concurrency: 1 });
    const statePath = join(out, '.cache', 'state.json');
    const state = JSON.parse(readFileSync(statePath, 'utf8')) as BuildState;
    const changes = JSON.parse(readFileSync(join(out, 'changes.json'), 'utf8')) as { revision: number; articles: ArticleChange[] };
    expect(state.changes).toEqual({ revision: changes.revision, articles: changes.articles.length });
    const withChange = Object.values(state.inputs).filter((input) => input.summary.status === 'ok');
    expect(withChange.length).toBe(changes.articles.length);
    for (const article of changes.articles) {
      const input = withChange.find((i) => i.summary.id === article.id)!;
      expect(input.change).toEqual({ page: pageSource(input.key, article), fact: JSON.stringify(changeFact(article)) });
    }
    const asked = vi.spyOn(PreviousBuild.prototype, 'priorFor');
    const entries = vi.spyOn(PreviousBuild.prototype, 'entry');
    try {
      const stateBefore = lstatSync(statePath);
      const unchanged = await build({ pipeline: pipeline(), concurrency: 1 });
      expect([unchanged.computed, unchanged.changed]).toEqual([0, []]);
      expect(asked).not.toHaveBeenCalled();
      expect(entries).not.toHaveBeenCalled();
      // Nor is the state written again (the same file, not a new one renamed over it).
      expect(lstatSync(statePath).ino).toBe(stateBefore.ino);
      // A line feed more at an input's end: ingested again, its digest the same; only its entry is read.
      const edited = readdirSync(inputs).filter((name) => name.endsWith('.txt')).sort()[0]!;
      appendFileSync(join(inputs, edited), '\n');
      const again = await build({ pipeline: pipeline(), concurrency: 1 });
      expect(again.computed).toBe(1);
      const id = again.inputs.find((i) => i.path.endsWith(edited))!.id;
      expect(asked.mock.calls.map((call) => call[0])).toEqual([id]);
      // Another input's content edited (a changed article at the next revision), one deleted: the file is made again from the bytes in place.
      const other = readdirSync(inputs).filter((name) => name.endsWith('.txt')).sort()[1]!;
      writeFileSync(join(inputs, other), readFileSync(join(inputs, other), 'utf8').replace(/\n[^\n]*\n/, '\n'));
      rmSync(join(inputs, readdirSync(inputs).filter((name) => name.endsWith('.md')).sort()[0]!));
      const changed = await build({ pipeline: pipeline(), concurrency: 1 });
      expect(changed.changed).toContain('changes.json');
    } finally {
      asked.mockRestore();
      entries.mockRestore();
    }
    // The same dataset as a clean build's two steps, the last with this build's previous changes.json in place.
    const clean = join(dir, 'clean');
    cpSync(out, clean, { recursive: true, filter: (path) => !/[\\/]\.cache$/.test(path) });
    const now = tree(out);
    const result = await build({ pipeline: pipeline(), outDir: clean, cacheDir: null, concurrency: 1 });
    expect(result.changed).toEqual([]);
    expectSameTree(tree(clean), now);
  }, 180_000);

  // A process that builds again and again (a watcher, a server) must not run out of descriptors:
  // each build once left the staged search entries' file open (its reader stopped at the last
  // entry, never finished), one descriptor more a build until EMFILE.
  it.runIf(existsSync('/proc/self/fd'))('a build leaves no file descriptor open: cold, unchanged, and with the index made again', async () => {
    const { dir, pipeline } = project(12);
    const open = () => new Set(readdirSync('/proc/self/fd'));
    const before = open();
    const out = join(dir, 'out');
    for (const step of ['cold', 'cold again', 'unchanged', 'index made again']) {
      if (step === 'cold again') rmSync(out, { recursive: true, force: true });
      if (step === 'index made again') rmSync(join(out, 'report', 'index.html'));
      await build({ pipeline: pipeline(), concurrency: 1 });
      const left = [...open()].filter((fd) => !before.has(fd));
      expect(left, step).toEqual([]);
    }
  }, 180_000);
});

describe('sharding', () => {
  it('a test project whose temporary folder leaves a shard without inputs is made again (withInputsInEveryShard)', async () => {
    // The split hashes whole paths, so a folder's random name can put every input in one shard: find
    // one folder name that does and one that does not, and make the first, then the second.
    const base = realpathSync(mkdtempSync(join(tmpdir(), 'digest-split-')));
    const names = ['as-2025.txt', 'ra-2025.txt'];
    const shardsOf = (folder: string) => new Set(names.map((name) => shardOf(join(base, folder, 'in', name), 2))).size;
    const folders = Array.from({ length: 64 }, (_, i) => `p${i}`);
    const order = [folders.find((f) => shardsOf(f) === 1)!, folders.find((f) => shardsOf(f) === 2)!];
    const made: string[] = [];
    const project = withInputsInEveryShard(() => {
      const q = makeProject(names, { dir: join(base, order[made.length]!) });
      made.push(q.dir);
      return q;
    }, 2);
    expect(made).toEqual(order.map((f) => join(base, f)));
    expect(project.dir).toBe(made[1]);
    expect(existsSync(made[0]!)).toBe(false);
    // What the first folder would have given a test: one shard with both inputs, the other with none.
    const again = makeProject(names, { dir: made[0]! });
    const sizes = [];
    for (const k of [1, 2]) sizes.push((await build({ pipeline: again.pipeline(), outDir: join(again.dir, `s${k}`), shard: { index: k, count: 2 }, cacheDir: null, concurrency: 1 })).inputs.length);
    expect(sizes.sort()).toEqual([0, 2]);
  }, 60_000);

  it('N shards merged are byte-identical to one build, on worker threads or not', async () => {
    // Six or more inputs a shard (the split hashes paths under a random temporary folder).
    const { dir, pipeline } = withInputsInEveryShard(() => project(40), 3, 6);
    const whole = await build({ pipeline: pipeline(), outDir: join(dir, 'whole'), concurrency: 2 });
    expect(whole.threads).toBe(2);
    const shards: string[] = [];
    for (let k = 1; k <= 3; k++) {
      const shard = await build({ pipeline: pipeline(), outDir: join(dir, `shard-${k}`), shard: { index: k, count: 3 }, concurrency: 1 });
      expect(shard.inputs.length).toBeGreaterThan(5);
      shards.push(shard.outDir);
    }
    const merged = await merge({ shards: [shards[2]!, shards[0]!, shards[1]!], outDir: join(dir, 'merged') });
    expect(merged).toMatchObject({ inputs: 43, records: 43 });
    expectSameTree(tree(join(dir, 'merged')), tree(join(dir, 'whole')));
    // Renamed ids survive the split: the three colliding inputs may be in different shards.
    expect(readdirSync(join(dir, 'merged', 'articles'))).toEqual(expect.arrayContaining(['ra-2025.json', 'ra-2025-txt.json', 'ra-2025-md.json']));
    expect(await merge({ shards, outDir: join(dir, 'merged'), check: true })).toMatchObject({ changed: [], missing: [], extra: [] });
  }, 180_000);

  it('shards sharing one --cache each reuse their own entries next time (was: each build forgot the other folder\'s outputs, and ingested every input again)', async () => {
    const { dir, pipeline } = project(8);
    const cacheDir = join(dir, 'shared-cache');
    const shard = (k: number) => build({ pipeline: pipeline(), outDir: join(dir, `shard-${k}`), shard: { index: k, count: 2 }, cacheDir, concurrency: 1 });
    const first = [await shard(1), await shard(2)];
    expect(first.map((r) => r.computed)).toEqual(first.map((r) => r.inputs.length));
    const before = [tree(join(dir, 'shard-1')), tree(join(dir, 'shard-2'))];
    // Was [x, y] ingested again: the second shard's state had replaced the first's.
    const again = [await shard(1), await shard(2)];
    expect(again.map((r) => [r.computed, r.reused])).toEqual(first.map((r) => [0, r.inputs.length]));
    expectSameTree(tree(join(dir, 'shard-1')), before[0]!);
    expectSameTree(tree(join(dir, 'shard-2')), before[1]!);
    // One state a folder, beside the packs; none named state.json (that is a cache in its output folder's).
    expect(readdirSync(cacheDir).filter((n) => n.startsWith('state')).length).toBe(2);
  }, 180_000);

  it('merged into a folder that holds a dataset, shards give what one build into that folder gives: the change view is against the folder', async () => {
    const { dir, inputs, pipeline } = project(6);
    const base = await build({ pipeline: pipeline(), outDir: join(dir, 'base'), concurrency: 1 });
    copyDataset(base.outDir, join(dir, 'whole'));
    copyDataset(base.outDir, join(dir, 'merged'));
    const edited = join(inputs, '001-as-2025-hant.txt');
    writeFileSync(edited, readFileSync(edited, 'utf8').replace('2月11日', '2月12日'));
    rmSync(join(inputs, '000-as-2025-gbk.txt'));
    await build({ pipeline: pipeline(), outDir: join(dir, 'whole'), concurrency: 1 });
    const shards: string[] = [];
    for (let k = 1; k <= 2; k++) shards.push((await build({ pipeline: pipeline(), outDir: join(dir, `s${k}`), shard: { index: k, count: 2 }, cacheDir: null, concurrency: 1 })).outDir);
    await merge({ shards, outDir: join(dir, 'merged') });
    expectSameTree(tree(join(dir, 'merged')), tree(join(dir, 'whole')));
    const changes = JSON.parse(readFileSync(join(dir, 'merged', 'changes.json'), 'utf8'));
    expect(changes.revision).toBe(2);
    expect(changes.removed.map((r: { id: string }) => r.id)).toEqual(['000-as-2025-gbk']);
    expect(changes.articles.find((a: { id: string }) => a.id === '001-as-2025-hant').status).toBe('changed');
    // Into a folder with nothing before, the same shards give a first build.
    await merge({ shards, outDir: join(dir, 'fresh') });
    expect(JSON.parse(readFileSync(join(dir, 'fresh', 'changes.json'), 'utf8')).articles.every((a: { status: string }) => a.status === 'first')).toBe(true);
  }, 180_000);

  it('merge refuses a missing, repeated or foreign shard with a clear message', async () => {
    const { dir, pipeline } = project(6);
    const a = (await build({ pipeline: pipeline(), outDir: join(dir, 's1'), shard: { index: 1, count: 2 }, concurrency: 1 })).outDir;
    const b = (await build({ pipeline: pipeline(), outDir: join(dir, 's2'), shard: { index: 2, count: 2 }, concurrency: 1 })).outDir;
    await expect(merge({ shards: [a], outDir: join(dir, 'm') })).rejects.toThrow('shards 2/2 are missing');
    await expect(merge({ shards: [a, a, b], outDir: join(dir, 'm') })).rejects.toThrow('given twice');
    const other = project(2);
    const foreign = (await build({ pipeline: other.pipeline(), outDir: join(other.dir, 's2'), shard: { index: 2, count: 2 }, concurrency: 1 })).outDir;
    await expect(merge({ shards: [a, foreign], outDir: join(dir, 'm') })).rejects.toThrow('of a different build');
    await build({ pipeline: pipeline(), outDir: join(dir, 'whole'), concurrency: 1 });
    await expect(merge({ shards: [join(dir, 'whole')], outDir: join(dir, 'm') })).rejects.toThrow('not a shard');
    expect(existsSync(join(dir, 'm'))).toBe(false);
  }, 120_000);
});

describe('what a build reads of its inputs and its cache (issue 17)', () => {
  /** Every input's times set a minute back, so that the plan takes their identities (a file changed within two seconds is not trusted by it). */
  const settle = (inputs: string) => {
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (lstatSync(path).isDirectory()) walk(path);
        else utimesSync(path, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
      }
    };
    walk(inputs);
  };
  const identity = (path: string) => fileIdentity(lstatSync(path, { bigint: true }));
  const stateOf = (out: string) => JSON.parse(readFileSync(join(out, '.cache', 'state.json'), 'utf8')) as BuildState;

  it('a cold build does not read its inputs to key them (no entry could match); with entries in the cache it does', async () => {
    const { dir, pipeline } = project(3);
    const p = pipeline();
    const config = configFingerprint(p);
    const empty = EntryStore.open(join(dir, 'cache'), { inOutput: false, write: true })!;
    const cold = await planBuild(p, config, emptyState(config), empty, {});
    expect(plannedInputs(cold).map((i) => [i.key, i.identity === null])).toEqual(plannedInputs(cold).map(() => [null, false]));
    empty.close();
    await build({ pipeline: p, cacheDir: join(dir, 'cache'), concurrency: 1 });
    const filled = EntryStore.open(join(dir, 'cache'), { inOutput: false, write: false })!;
    const warm = await planBuild(p, config, emptyState(config), filled, {});
    expect(plannedInputs(warm).every((i) => /^[0-9a-f]{64}$/.test(i.key!) && i.hit !== null)).toBe(true);
    filled.close();
  }, 120_000);

  it('an input not keyed by the plan is remembered by the identity the plan took: one edited while the build runs is hashed again next time, and the dataset is its edited one', async () => {
    const { dir, inputs, pipeline } = project(20);
    settle(inputs);
    const names = readdirSync(inputs).filter((n) => /^\d{3}-.*\.txt$/.test(n)).sort();
    // Late in id order: the window (8 inputs) has not reached it when the first input settles.
    const edited = join(inputs, names.at(-1)!);
    let once = false;
    const first = await build({
      pipeline: pipeline(),
      concurrency: 1,
      onProgress: () => {
        if (once) return;
        once = true;
        writeFileSync(edited, readFileSync(edited, 'utf8').replaceAll('2025年', '2023年'));
      },
    });
    expect(first.computed).toBe(23);
    const out = join(dir, 'out');
    const state = stateOf(out);
    for (const [path, input] of Object.entries(state.inputs)) {
      if (path === edited) expect(input.stat).not.toBe(identity(path));
      else expect(input.stat).toBe(identity(path));
    }
    const again = await build({ pipeline: pipeline(), concurrency: 1 });
    expect(again.computed).toBe(0);
    await expectAsClean(pipeline(), out, join(dir, 'clean'), 23);
  }, 180_000);

  it('a cache of format 5 (its state and its entries as that format wrote them) is not read: every input is ingested again, into the same dataset', async () => {
    const { dir, pipeline } = project(3);
    const out = join(dir, 'out');
    await build({ pipeline: pipeline(), concurrency: 1 });
    const written = tree(out);
    // What format 5 left: the same state with its format, each entry's rows escaped again as JSON strings, its packs unindexed.
    const cache = join(out, '.cache');
    writeFileSync(join(cache, 'state.json'), JSON.stringify({ ...stateOf(out), format: 5 }));
    const packs = join(cache, 'packs');
    for (const name of readdirSync(packs)) {
      if (name.endsWith('.idx')) rmSync(join(packs, name));
      if (!name.endsWith('.pack')) continue;
      const lines = readFileSync(join(packs, name), 'utf8').split('\n').slice(0, -1);
      writeFileSync(join(packs, name), lines.map((line) => {
        const entry = readEntry(Buffer.from(`${line}\n`), 65)!;
        return `${line.slice(0, 65)}${JSON.stringify({ summary: entry.summary, rows: entry.rows, search: entry.search })}\n`;
      }).join(''));
    }
    const again = await build({ pipeline: pipeline(), concurrency: 1 });
    expect(again.computed).toBe(6);
    expectSameTree(tree(out), written);
    expect(stateOf(out).format).toBe(CACHE_FORMAT);
  }, 120_000);
});

describe("a file the pipeline read, saved during a build (the build's last check before its commit)", () => {
  /** A copy of the shipped pipeline and its data files, with `count` inputs: files the build never keyed, each read whole at the load. */
  const copied = (count: number) => {
    const dir = mkdtempSync(join(tmpdir(), 'digest-build-saved-'));
    cpSync(repo('pipelines'), join(dir, 'pipelines'), { recursive: true });
    const inputs = join(dir, 'in');
    mkdirSync(inputs);
    for (let i = 0; i < count; i++) cpSync(repo(`fixtures/articles/${fixtures[i % fixtures.length]!}`), join(inputs, `${String(i).padStart(2, '0')}-${fixtures[i % fixtures.length]!}`));
    return { dir, data: (name: string) => join(dir, 'pipelines', 'data', `${name}.json`), pipeline: () => ({ ...loadPipeline(join(dir, 'pipelines', 'digest.json')), inputs: [inputs] }) };
  };

  it('a data file saved after every worker checked its load (the last input settled): the build stops naming it (DataFileChangedError, exit 2), nothing committed (was: the dataset committed from the bytes before, without a word)', async () => {
    const { dir, data, pipeline } = copied(16);
    const out = join(dir, 'out');
    // 16 inputs: two workers (runner.ts starts one for every 8), each past its first task when the last input settles.
    const built = build({ pipeline: pipeline(), outDir: out, cacheDir: null, concurrency: 2, onProgress: (done, total) => done === total && appendFileSync(data('structure'), '\n') });
    await expect(built).rejects.toBeInstanceOf(DataFileChangedError);
    await expect(built).rejects.toThrow(`${data('structure')}: changed since the build loaded it (its records were made from the bytes before): run the command again`);
    expect(existsSync(join(out, 'manifest.json'))).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it('on this thread alike; a file saved with the same bytes (its times moved, an editor saving unchanged text) stops nothing', async () => {
    const { dir, data, pipeline } = copied(2);
    const out = join(dir, 'out');
    // A time other than the file's own (it was copied now), with no clock read.
    const later = new Date(Date.UTC(2001, 0, 1));
    const touched = await build({ pipeline: pipeline(), outDir: out, cacheDir: null, concurrency: 1, onProgress: () => utimesSync(data('lexicon'), later, later) });
    expect(touched.computed).toBe(2);
    const manifest = readFileSync(join(out, 'manifest.json'));
    const saved = build({ pipeline: pipeline(), outDir: out, cacheDir: null, concurrency: 1, onProgress: () => writeFileSync(data('lexicon'), `${readFileSync(data('lexicon'), 'utf8')} `) });
    await expect(saved).rejects.toThrow(`${data('lexicon')}: changed since the build loaded it`);
    // The dataset in place is the one before.
    expect(readFileSync(join(out, 'manifest.json')).equals(manifest)).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it('the pipeline file saved with its description and layout changed commits (the same records under the same keys; was: stopped); saved with a setting changed, stops naming it', async () => {
    const { dir, pipeline } = copied(2);
    const out = join(dir, 'out');
    const file = join(dir, 'pipelines', 'digest.json');
    const raw = JSON.parse(readFileSync(file, 'utf8')) as { description: string; stages: { use: string; options?: Record<string, unknown> }[] };
    const reworded = build({ pipeline: pipeline(), outDir: out, concurrency: 1, onProgress: () => writeFileSync(file, JSON.stringify({ ...raw, description: 'reworded' }, null, 4)) });
    expect((await reworded).computed).toBe(2);
    expect(existsSync(join(out, 'manifest.json'))).toBe(true);
    // Its records are those the file as saved gives: a build from it takes every one from the cache.
    expect((await build({ pipeline: pipeline(), outDir: out, concurrency: 1 })).computed).toBe(0);
    raw.stages.find((stage) => stage.use === 'read')!.options!.maxBytes = 1 << 20;
    const manifest = readFileSync(join(out, 'manifest.json'));
    const changed = build({ pipeline: pipeline(), outDir: out, cacheDir: null, concurrency: 1, onProgress: () => writeFileSync(file, JSON.stringify(raw, null, 2)) });
    await expect(changed).rejects.toThrow(`${file}: changed since the build loaded it`);
    expect(readFileSync(join(out, 'manifest.json')).equals(manifest)).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});

describe("the pool's threads end while the finish runs (BENCHMARKS.md, change 237)", () => {
  /**
   * A two-worker build of 19 inputs whose pool's end is held until `release` is called (by the
   * test, or after 20 s): `closing()` tells who released it and whether the pool had ended.
   */
  const heldPool = () => {
    const state = { releasedBy: null as string | null, ended: false };
    let release: (by: string) => void = () => undefined;
    runnerHook.wrap = (runner) =>
      runner.threads < 2
        ? runner
        : {
            ...runner,
            close: () =>
              new Promise<void>((resolve, reject) => {
                // The build waiting for the pool before its finish (as it did) would wait for this.
                const timer = setTimeout(() => release('a timer'), 20_000);
                release = (by) => {
                  if (state.releasedBy !== null) return;
                  state.releasedBy = by;
                  clearTimeout(timer);
                  runner.close().then(() => {
                    state.ended = true;
                    resolve();
                  }, reject);
                };
              }),
          };
    return { state, release: (by: string) => release(by) };
  };

  it('the dataset is written and committed before the pool has ended, and the build resolves once it has (was: the pool ended first, its threads torn down while this thread waited)', async () => {
    const { dir, pipeline } = project(16);
    const out = join(dir, 'out');
    const { state, release } = heldPool();
    try {
      let committed: boolean | null = null;
      const result = await build({
        pipeline: pipeline(),
        outDir: out,
        cacheDir: null,
        concurrency: 2,
        onInput: (_, { index }) => {
          if (index > 0) return;
          committed = existsSync(join(out, 'manifest.json')) && existsSync(join(out, 'report', 'index.html'));
          release('the first input handed over');
        },
      });
      expect(result.threads).toBe(2);
      expect(state.releasedBy).toBe('the first input handed over');
      expect(committed).toBe(true);
      expect(state.ended).toBe(true);
    } finally {
      runnerHook.wrap = null;
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('a finish that fails rejects once the pool has ended', async () => {
    const { dir, pipeline } = project(16);
    const { state, release } = heldPool();
    try {
      const built = build({
        pipeline: pipeline(),
        outDir: join(dir, 'out'),
        cacheDir: null,
        concurrency: 2,
        onInput: () => {
          release('the failing callback');
          throw new Error('a caller failing as it is handed an input');
        },
      });
      await expect(built).rejects.toThrow('a caller failing as it is handed an input');
      expect(state.releasedBy).toBe('the failing callback');
      expect(state.ended).toBe(true);
    } finally {
      runnerHook.wrap = null;
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
