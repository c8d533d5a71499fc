import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/dataset/build.js';
import { CompactNames, countChanged, lazyChanged, withChanged } from '../../src/dataset/file-names.js';
import { loadPipeline } from '../../src/pipeline.js';
import { pipelineFileFor, repo } from '../helpers.js';

/** A seeded generator of 32-bit values (mulberry32): the same names on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** Whether `result`'s `changed` is still to be made (a getter), not an array yet. */
function stillHeld(result: object): boolean {
  return Object.getOwnPropertyDescriptor(result, 'changed')?.get !== undefined;
}

describe('CompactNames: a set of file names held by stem and template', () => {
  it('gives back every name once, sorted as Array.prototype.sort sorts, whatever the names', () => {
    const random = seeded(17);
    const pick = <T,>(list: readonly T[]) => list[random() % list.length]!;
    // Folders, stems and extensions that a name's parts may be read wrongly from: none, several
    // dots, a dot first, a slash last, astral and combining characters, more than eight templates.
    const folders = ['', 'articles/', 'report/', 'a/b/', 'x.y/', 'report/sub.d/', '/', 'é/', '𝒳/', 'f0/', 'f1/', 'f2/', 'f3/'];
    const stems = ['', '00001-as-2025', 'index', 'a-b', '.hidden', 'manifest', '干细胞', 'e\u0301', '𝒳', 'n-2'];
    const suffixes = ['', '.json', '.html', '.source.html', '.jsonl', '.', '..', '.tar.gz', '.x/y'];
    const names: string[] = [];
    for (let i = 0; i < 3_000; i++) names.push(`${pick(folders)}${pick(stems)}${pick(suffixes)}`);
    const expected = [...new Set(names)].sort();
    const compact = CompactNames.of(names);
    expect(compact.size).toBe(expected.length);
    expect(compact.values()).toEqual(expected);
    // A new array each call: the caller may change what it is given.
    expect(compact.values()).not.toBe(compact.values());
    expect(CompactNames.of([]).values()).toEqual([]);
    expect(CompactNames.of(['']).values()).toEqual(['']);
    expect(CompactNames.of(['b/x.json', 'a/x.json', 'b/x.json', 'b/x-1.json']).values()).toEqual(['a/x.json', 'b/x-1.json', 'b/x.json']);
  });

  it("a dataset's files are held by their ids, once each: not as names", () => {
    const ids = Array.from({ length: 3_000 }, (_, i) => `${String(i).padStart(5, '0')}-ra-2025-hant-big5`);
    const names = ids.flatMap((id) => [`articles/${id}.json`, `report/${id}.html`, `report/${id}.source.html`]);
    const compact = CompactNames.of([...names, 'manifest.json', 'report/index.html', 'items.jsonl']);
    const held = compact as unknown as { stems: string; marks: Uint8Array; named: string[] };
    // Each id and a separator, and a byte of marks, where the three names were ~0.19 KB an input.
    expect(held.stems.length).toBeLessThanOrEqual(ids.reduce((sum, id) => sum + id.length + 1, 0) + 'manifest/index/items'.length);
    expect(held.marks.length).toBe(ids.length + 3);
    expect(held.named).toEqual([]);
    expect(compact.size).toBe(names.length + 3);
  });
});

describe("a report's files changed, made when read", () => {
  it('read once, made once and kept as an ordinary list; counted without being made; set, replaced', () => {
    const report = { changed: [] as string[], missing: ['m'], extra: [], foreign: [] };
    lazyChanged(report, CompactNames.of(['b.json', 'a.json']));
    expect(countChanged(report)).toBe(2);
    expect(stillHeld(report)).toBe(true);
    const list = report.changed;
    expect(list).toEqual(['a.json', 'b.json']);
    expect(stillHeld(report)).toBe(false);
    expect(report.changed).toBe(list);
    list.push('c.json');
    expect(countChanged(report)).toBe(3);
    report.changed = ['z'];
    expect(report.changed).toEqual(['z']);
    // Its place among the keys, and in JSON, is the one it had.
    expect(Object.keys(report)).toEqual(['changed', 'missing', 'extra', 'foreign']);
    const other = { changed: [] as string[], missing: [] as string[] };
    lazyChanged(other, CompactNames.of(['x']));
    other.changed = ['set before read'];
    expect(other.changed).toEqual(['set before read']);
    expect(countChanged(other)).toBe(1);
    const joined = withChanged((() => {
      const r = { changed: [] as string[], missing: [] as string[] };
      lazyChanged(r, CompactNames.of(['q', 'p']));
      return r;
    })(), { outDir: 'out' });
    expect(stillHeld(joined)).toBe(true);
    expect(Object.keys(joined)).toEqual(['changed', 'missing', 'outDir']);
    expect(JSON.stringify(joined)).toBe('{"changed":["p","q"],"missing":[],"outDir":"out"}');
    expect(withChanged({ changed: ['plain'] }, { n: 1 })).toEqual({ changed: ['plain'], n: 1 });
    // Frozen by its caller before it is read: read (the same list each time) and counted all the same.
    const frozen = { changed: [] as string[] };
    lazyChanged(frozen, CompactNames.of(['f', 'e']));
    Object.freeze(frozen);
    expect(frozen.changed).toEqual(['e', 'f']);
    expect(frozen.changed).toBe(frozen.changed);
    expect(countChanged(frozen)).toBe(2);
  });
});

/** Every file of a dataset folder but its cache, as POSIX paths from it, sorted. */
function filesOf(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (name === '.cache' || name === '.staging') continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(relative(root, path).split(sep).join('/'));
    }
  };
  walk(root);
  return files.sort();
}

describe("a build's files changed (held by stem until read)", () => {
  it('are what they were on cold, edited-and-deleted, unchanged and check builds; the count needs no list', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'digest-names-'));
    const inputs = join(dir, 'in');
    mkdirSync(inputs);
    const fixtures = readdirSync(repo('fixtures/articles')).sort().slice(0, 6);
    for (const name of fixtures) cpSync(repo(`fixtures/articles/${name}`), join(inputs, name));
    const pipeline = () => loadPipeline(pipelineFileFor(dir, inputs));
    const out = join(dir, 'out');
    const run = (check = false) => build({ pipeline: pipeline(), concurrency: 1, keepInputs: false, check });
    const ids = fixtures.map((name) => name.replace(/\.[^.]+$/, ''));
    const filesOfInput = (id: string) => [`articles/${id}.json`, `report/${id}.html`, `report/${id}.source.html`];

    const cold: BuildResult = await run();
    expect(cold.failed).toBe(0);
    // Counted first: the list is not made for it.
    expect(countChanged(cold)).toBe(filesOf(out).length);
    expect(stillHeld(cold)).toBe(true);
    expect(Object.keys(cold).slice(0, 4)).toEqual(['changed', 'missing', 'extra', 'foreign']);
    // Every file the dataset has, each once, sorted.
    expect(cold.changed).toEqual(filesOf(out));
    expect(cold.changed).toEqual(expect.arrayContaining(ids.flatMap(filesOfInput)));

    // One input edited, one deleted: the edited input's files, the deleted one's (removed), the tables, manifest, changes and index.
    appendFileSync(join(inputs, fixtures[1]!), '\n\n新增一段：2025年3月，研究团队报告了新的结果。\n');
    rmSync(join(inputs, fixtures[3]!));
    const edited = await run();
    expect(countChanged(edited)).toBe(edited.changed.length);
    const tables = ['changes.json', 'entities.jsonl', 'items.jsonl', 'manifest.json', 'references.jsonl', 'report/index.html'].filter((rel) => edited.changed.includes(rel));
    expect(tables).toEqual(expect.arrayContaining(['changes.json', 'manifest.json', 'report/index.html']));
    expect(edited.changed).toEqual([...filesOfInput(ids[1]!), ...filesOfInput(ids[3]!), ...tables].sort());

    const unchanged = await run();
    expect(countChanged(unchanged)).toBe(0);
    expect(unchanged.changed).toEqual([]);

    // Check mode names what is out of date (a page rewritten by hand): its list as it made it.
    writeFileSync(join(out, 'report', `${ids[0]!}.html`), '<p>edited</p>\n');
    const check = await run(true);
    expect(check.changed).toEqual([`report/${ids[0]!}.html`]);
    expect(countChanged(check)).toBe(1);
    rmSync(dir, { recursive: true, force: true });
  }, 240_000);
});
