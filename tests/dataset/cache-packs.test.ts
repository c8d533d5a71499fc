import { appendFileSync, cpSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/dataset/build.js';
import { EntryStore } from '../../src/dataset/cache.js';
import { realFs } from '../../src/io/fs.js';
import { repo, tree } from '../helpers.js';
import { makeProject, withInputsInEveryShard } from '../support/project.js';

const fixtures = readdirSync(repo('fixtures/articles')).sort();

/** Every file under the cache folder, relative. */
function cacheFiles(cache: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(relative(cache, path));
    }
  };
  walk(cache);
  return files;
}

const packs = (cache: string) => cacheFiles(cache).filter((f) => f.endsWith('.pack'));

/** Appends a line to every input, so each gets a new key. */
function editAll(inputs: string, except: string[] = []): void {
  for (const name of readdirSync(inputs)) if (!except.includes(name)) appendFileSync(join(inputs, name), '\n2025年12月1日,补记。\n');
}

describe('the cache in packs: a few files a build, whatever its number of inputs', () => {
  it('a cold build leaves the same number of cache files for 2 inputs as for 9 (a pack and its index a thread); an unchanged rebuild reads nothing from them', async () => {
    const counts: number[] = [];
    for (const names of [fixtures.slice(0, 2), fixtures]) {
      const p = makeProject(names);
      const first = await build({ pipeline: p.pipeline(), concurrency: 1 });
      expect(first.computed).toBe(names.length);
      const files = cacheFiles(join(p.out, '.cache'));
      expect(files.filter((f) => f.startsWith('packs/')).map((f) => f.replace(/^packs\/\d+-\d+-\d+/, 'P'))).toEqual(['P.idx', 'P.pack']);
      counts.push(files.length);
      const again = await build({ pipeline: p.pipeline(), concurrency: 1 });
      expect(again.computed).toBe(0);
      expect(cacheFiles(join(p.out, '.cache'))).toEqual(files);
    }
    expect(counts[0]).toBe(counts[1]);
  }, 60_000);

  it('on worker threads: one pack a worker, each indexed; the entries serve the next build', async () => {
    const p = makeProject(fixtures);
    // 18 inputs: enough work for two workers.
    for (const name of fixtures) cpSync(join(p.inputs, name), join(p.inputs, `copy-${name}`));
    const first = await build({ pipeline: p.pipeline(), concurrency: 2 });
    expect(first.threads).toBe(2);
    expect(first.computed).toBe(18);
    const cache = join(p.out, '.cache');
    const written = packs(cache);
    // One pack a worker (and one of this thread's, should a worker have died under a task).
    expect(written.length).toBeGreaterThanOrEqual(2);
    expect(written.length).toBeLessThanOrEqual(3);
    expect(cacheFiles(cache).filter((f) => f.endsWith('.idx'))).toEqual(written.map((f) => f.replace(/pack$/, 'idx')));
    const before = tree(p.out);
    // A table gone: every input's rows come from the packs.
    rmSync(join(p.out, 'items.jsonl'));
    const again = await build({ pipeline: p.pipeline(), concurrency: 2 });
    expect(again.computed).toBe(0);
    expect(tree(p.out)).toEqual(before);
  }, 120_000);
});

describe('the cache in packs: what goes wrong is a miss, never a wrong output', () => {
  it('a garbled line and a torn last line are misses: the input is ingested again, the output the same', async () => {
    const p = makeProject(fixtures.slice(0, 3));
    await build({ pipeline: p.pipeline(), concurrency: 1 });
    const cache = join(p.out, '.cache');
    const before = tree(p.out);
    const [pack] = packs(cache);
    const path = join(cache, pack!);
    const bytes = readFileSync(path);
    // The first entry's JSON garbled in place; a torn line after the last.
    bytes.write('#', bytes.indexOf('"summary"'));
    writeFileSync(path, bytes);
    appendFileSync(path, `${'0'.repeat(64)} {"summary":`);
    // A table gone: every input's rows are read from the pack.
    rmSync(join(p.out, 'items.jsonl'));
    const again = await build({ pipeline: p.pipeline(), concurrency: 1 });
    expect(again.computed).toBe(1);
    expect(tree(p.out)).toEqual(before);
    // That build pruned nothing it needs: the next reads every entry from the packs.
    rmSync(join(p.out, 'items.jsonl'));
    expect((await build({ pipeline: p.pipeline(), concurrency: 1 })).computed).toBe(0);
    expect(tree(p.out)).toEqual(before);
  }, 60_000);

  it('a killed build’s pack (no index) serves the next build', async () => {
    const p = makeProject(fixtures.slice(0, 3));
    await build({ pipeline: p.pipeline(), concurrency: 1 });
    const cache = join(p.out, '.cache');
    for (const file of cacheFiles(cache)) if (file.endsWith('.idx')) rmSync(join(cache, file));
    const before = tree(p.out);
    rmSync(join(p.out, 'items.jsonl'));
    const again = await build({ pipeline: p.pipeline(), concurrency: 1 });
    expect(again.computed).toBe(0);
    expect(tree(p.out)).toEqual(before);
  }, 60_000);

  it('a disk that fills up while a thread writes its pack: the dataset is written, the build says so, the next build ingests those inputs again', async () => {
    const p = makeProject(fixtures.slice(0, 2));
    const full = {
      ...realFs,
      openSync: (path: string, flags: string | number, mode?: number) =>
        path.endsWith('.pack') ? failWith('ENOSPC') : realFs.openSync(path, flags, mode),
    };
    const first = await build({ pipeline: p.pipeline(), concurrency: 1, fs: full });
    expect(first.failed).toBe(0);
    expect(first.cacheProblem).toMatch(/^cannot write .+\.pack: no space left on the device \(ENOSPC\)$/);
    const clean = makeProject(fixtures.slice(0, 2));
    await build({ pipeline: clean.pipeline(), concurrency: 1, cacheDir: null });
    expect([...tree(p.out).keys()]).toEqual([...tree(clean.out).keys()]);
    // The state remembers the inputs; their rows, needed once a table is gone, are not in the cache.
    rmSync(join(p.out, 'items.jsonl'));
    const second = await build({ pipeline: p.pipeline(), concurrency: 1 });
    expect(second.cacheProblem).toBeNull();
    expect(second.computed).toBe(2);
  }, 60_000);
});

describe('the cache in packs: pruning, and builds that share a cache folder', () => {
  it('a full build deletes the packs it no longer needs and compacts one mostly dead into its own; --check writes nothing there', async () => {
    const p = makeProject(fixtures.slice(0, 5));
    await build({ pipeline: p.pipeline(), concurrency: 1 });
    const cache = join(p.out, '.cache');
    const [old] = packs(cache);
    // Four of five edited: the old pack's one live entry is copied into the new pack, the old pack deleted.
    editAll(p.inputs, [fixtures[0]!]);
    const second = await build({ pipeline: p.pipeline(), concurrency: 1 });
    expect(second.computed).toBe(4);
    const now = packs(cache);
    expect(now).toHaveLength(1);
    expect(now[0]).not.toBe(old);
    expect(cacheFiles(cache).filter((f) => f.startsWith('packs/'))).toEqual([now[0]!.replace(/pack$/, 'idx'), now[0]!]);
    // Every entry edited: the pack holds none the next build uses, and is deleted.
    editAll(p.inputs);
    await build({ pipeline: p.pipeline(), concurrency: 1 });
    expect(packs(cache)).toHaveLength(1);
    expect(packs(cache)[0]).not.toBe(now[0]);
    rmSync(join(p.out, 'items.jsonl'));
    const files = cacheFiles(cache).map((f) => [f, readFileSync(join(cache, f), 'latin1')]);
    const check = await build({ pipeline: p.pipeline(), concurrency: 1, check: true });
    expect(check.computed).toBe(0);
    expect(check.missing).toEqual(['items.jsonl']);
    expect(cacheFiles(cache).map((f) => [f, readFileSync(join(cache, f), 'latin1')])).toEqual(files);
    expect((await build({ pipeline: p.pipeline(), concurrency: 1 })).computed).toBe(0);
  }, 60_000);

  it('two shards sharing --cache keep each other’s entries (shards never prune)', async () => {
    // Each shard has inputs, so each writes a pack (the split hashes paths under a random temporary folder).
    const p = withInputsInEveryShard(() => makeProject(fixtures), 2);
    const cacheDir = join(p.dir, 'shared-cache');
    const shard = (k: number) => build({ pipeline: p.pipeline(), outDir: join(p.dir, `s${k}`), shard: { index: k, count: 2 }, cacheDir, concurrency: 1 });
    const first = [await shard(1), await shard(2)];
    expect(first[0]!.computed + first[1]!.computed).toBe(fixtures.length);
    expect(packs(cacheDir)).toHaveLength(2);
    // Every input's entry, of either shard, is in the cache and reads back.
    const store = EntryStore.open(cacheDir, { inOutput: false, write: false })!;
    const keys = cacheFiles(cacheDir).filter((f) => f.endsWith('.idx')).flatMap((f) => readFileSync(join(cacheDir, f), 'utf8').trim().split('\n').slice(1).map((l) => l.slice(0, 64)));
    expect(new Set(keys).size).toBe(fixtures.length);
    expect(keys.map((k) => store.meta(k)?.summary.path.split('/').at(-1)).sort()).toEqual(fixtures);
    store.close();
  }, 60_000);
});

function failWith(code: string): never {
  throw Object.assign(new Error(code), { code });
}
