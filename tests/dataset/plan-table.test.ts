import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { InputSummary } from '../../src/dataset/entry.js';
import type { PlannedInput } from '../../src/dataset/ids.js';
import { PlanTable } from '../../src/dataset/plan.js';
import { SpotTable } from '../../src/dataset/spot-table.js';
import type { PackSpot } from '../../src/dataset/cache-entry.js';
import { bytesHeldByEach } from '../support/heap-snapshot.js';

/** The timeout of a test that reads a heap snapshot of its process: ~3–6 s alone, several times that on a busy machine; time is never what it checks. */
const snapshotTest = 240_000;

/** A deterministic stream of numbers in [0, 1) (a linear congruential generator): the same cases on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** A SHA-256 key, hex, of `n`. */
function keyOf(n: number): string {
  return createHash('sha256').update(String(n)).digest('hex');
}

describe("the plan's table", () => {
  it('gives back each input, its identity, key and hit by index, its place in id order, and whether an id is planned', () => {
    const random = seeded(17);
    const names = ['a.txt', '干细胞-2025.html', 'x/y/z.md', '', 'emoji-😀.txt'];
    const inputs: PlannedInput[] = [];
    const identities: (string | null)[] = [];
    const keys: (string | null)[] = [];
    const hits: (InputSummary | null)[] = [];
    const ids = new Set<string>();
    for (let i = 0; i < 500; i++) {
      let id = `id-${Math.floor(random() * 1e6)}`;
      while (ids.has(id)) id += 'x';
      ids.add(id);
      inputs.push({ path: `in/${String(i).padStart(4, '0')}-${names[i % names.length]}`, id, renamedFrom: random() < 0.1 ? `renamed-${i}` : null });
      const r = random();
      identities.push(r < 0.1 ? null : r < 0.2 ? '' : `${i}:${1700000000000000000n + BigInt(i)}:1:${i * 7}`);
      keys.push(random() < 0.3 ? null : keyOf(i));
      hits.push(random() < 0.5 ? ({ path: inputs[i]!.path } as InputSummary) : null);
    }
    const table = new PlanTable(inputs, identities, keys, hits);
    expect(table.count).toBe(500);
    const byId = [...inputs.keys()].sort((a, b) => (inputs[a]!.id < inputs[b]!.id ? -1 : 1));
    const places = table.places();
    for (let index = 0; index < 500; index++) {
      expect(table.input(index)).toEqual(inputs[index]);
      expect([table.path(index), table.id(index)]).toEqual([inputs[index]!.path, inputs[index]!.id]);
      expect(table.plan(index)).toEqual({ input: inputs[index], identity: identities[index], key: keys[index], hit: hits[index] });
      // The hit is the very summary the plan was given (a build tells a reused input by identity).
      expect(table.hit(index)).toBe(hits[index]);
      expect(table.key(index)).toBe(keys[index]);
      expect(table.atPlace(index)).toBe(byId[index]);
      expect(places[byId[index]!]).toBe(index);
    }
    for (const id of ids) expect(table.hasId(id)).toBe(true);
    for (const id of ['', 'id-', 'id-x', 'zzz', 'id-1000000x']) expect(table.hasId(id)).toBe(ids.has(id));
  });

  it('a cold plan (no hit, no key) and an empty one', () => {
    const table = new PlanTable([{ path: 'b', id: 'b', renamedFrom: null }, { path: 'a', id: 'a', renamedFrom: null }], ['1:2:3:4', null], [null, null], [null, null]);
    expect(table.plan(0)).toEqual({ input: { path: 'b', id: 'b', renamedFrom: null }, identity: '1:2:3:4', key: null, hit: null });
    expect(table.plan(1).identity).toBeNull();
    expect([table.atPlace(0), table.atPlace(1)]).toEqual([1, 0]);
    expect(PlanTable.none.count).toBe(0);
    expect(PlanTable.none.hasId('a')).toBe(false);
    expect([...PlanTable.none.places()]).toEqual([]);
  });
});

describe("the plan's table: paths by folder, identities as numbers", () => {
  it('gives back every path and identity as given, whatever its form', () => {
    const paths = ['a.txt', '/x/', '/', '', 'C:\\in\\干细胞.html', 'in\\sub/mixed\\😀.md', '/data/in/a.txt', '/data/in/b.txt', '/data/other/a.txt', 'rel/in/a.txt'];
    const identities = [
      '12:1765000000123456789:1765000000123456790:4242',
      // Times before 1970, the largest 64-bit values, and forms the numbers would not give back as written.
      '0:-1000000000:-5:0',
      `${2n ** 64n - 1n}:${2n ** 63n - 1n}:${-(2n ** 63n)}:${2n ** 64n - 1n}`,
      `1:${2n ** 63n}:0:1`,
      `${2n ** 64n}:0:0:1`,
      '007:1:2:3',
      '1:-0:2:3',
      'not an identity',
      '',
      null,
    ];
    const inputs: PlannedInput[] = paths.map((path, i) => ({ path, id: `id-${i}`, renamedFrom: null }));
    const table = new PlanTable(inputs, identities, paths.map(() => null), paths.map(() => null));
    for (let index = 0; index < paths.length; index++) {
      expect(table.path(index)).toBe(paths[index]);
      expect(table.plan(index).identity).toBe(identities[index]);
      expect(table.key(index)).toBeNull();
    }
    // No identity at all, or only empty ones (every file changed just now).
    const none = new PlanTable(inputs.slice(0, 3), [null, '', null], [null, null, null], [null, null, null]);
    expect([0, 1, 2].map((index) => none.plan(index).identity)).toEqual([null, '', null]);
  });

  it("holds an input of one folder in under 140 bytes (each path's text, identity's text and an empty key held ~170)", () => {
    const folder = '/home/reader/projects/digest-2025/corpus/articles/';
    const name = (i: number) => `${String(i).padStart(5, '0')}-as-2025-wechat`;
    const time = (i: number) => 1765000000123456789n + BigInt(i) * 1000n;
    /** A table of `count` inputs, read once (its columns' text joined). */
    const tableOf = (count: number) => {
      const inputs: PlannedInput[] = [];
      const identities: string[] = [];
      for (let i = 0; i < count; i++) {
        inputs.push({ path: `${folder}${name(i)}.html`, id: name(i), renamedFrom: null });
        identities.push(`${18000 + i}:${time(i)}:${time(i) + 5n}:${2400000 + i}`);
      }
      const table = new PlanTable(inputs, identities, inputs.map(() => null), inputs.map(() => null));
      expect([table.path(count - 1), table.id(count - 1), table.plan(7).identity]).toEqual([`${folder}${name(count - 1)}.html`, name(count - 1), `18007:${time(7)}:${time(7) + 5n}:2400007`]);
      return table;
    };
    const tables = [tableOf(8192), tableOf(32768)];
    // What each table alone holds, from a heap snapshot (93.0 bytes an input in 6 of 6 runs under
    // coverage at load ~20): V8's heap before and after read what its compilers add and drop
    // meanwhile too (tests/support/heap-snapshot.ts), which made pairs stray by ±100 bytes an input,
    // and the median of five missed a fault in ~1 run of 10. The three are PlanTable.none and the two above.
    const held = bytesHeldByEach('PlanTable');
    expect([held.length, tables.map((table) => table.count)]).toEqual([3, [8192, 32768]]);
    const [, small, large] = held;
    // The growth from 8,192 to 32,768 inputs: what does not grow with the inputs drops out.
    const rise = (large! - small!) / (32768 - 8192);
    expect(rise, `the tables hold ${held.join(', ')} bytes`).toBeLessThan(140); // the plan as strings and objects held 169, its identities' texts kept 206
  }, snapshotTest);
});

describe("the cache's table of where this build's entries went", () => {
  it('answers as a map of key to place would: 3,000 seeded keys, some set again, in the order first set', () => {
    const random = seeded(5);
    const table = new SpotTable();
    const model = new Map<string, PackSpot>();
    for (let i = 0; i < 4000; i++) {
      // A quarter of the sets are of a key already set (a copy the build made again).
      const key = keyOf(i < 3000 ? i : Math.floor(random() * 3000));
      const spot = { pack: `${1000 + Math.floor(random() * 5)}-1-1.pack`, offset: Math.floor(random() * 2 ** 40), length: 66 + Math.floor(random() * 1e6) };
      table.set(key, spot);
      model.set(key, spot);
    }
    expect(table.size).toBe(model.size);
    expect([...table.entries()]).toEqual([...model.entries()]);
    for (const [key, spot] of model) expect(table.get(key)).toEqual(spot);
    for (let i = 3000; i < 3100; i++) expect(table.get(keyOf(i))).toBeUndefined();
    expect(table.packs()).toEqual(new Set([...model.values()].map((s) => s.pack)));
    table.clear();
    expect([table.size, table.get(keyOf(1)), [...table.entries()], table.packs().size]).toEqual([0, undefined, [], 0]);
    table.set(keyOf(1), { pack: 'p.pack', offset: 0, length: 70 });
    expect([...table.entries()]).toEqual([[keyOf(1), { pack: 'p.pack', offset: 0, length: 70 }]]);
  });

  it('holds an entry in under 100 bytes (a map of key strings to objects held ~0.2 KB)', () => {
    // Its columns and slots are typed arrays, outside V8's heap; a map of strings would be inside
    // it: what the table alone holds counts both (the ArrayBuffers alone read ~0 for a map, which
    // passed), and neither V8's compilers' products nor outgrown buffers not swept yet (V8's heap
    // and buffers before and after read 0–153 bytes and once −1,231 an entry under load): 60.2 in
    // 6 of 6 runs; with a map of the keys beside the columns, 216 (3 of 3 failed).
    const table = new SpotTable();
    for (let i = 0; i < 1 << 14; i++) table.set(keyOf(i), { pack: '1-1-1.pack', offset: i * 100, length: 100 });
    const held = bytesHeldByEach('SpotTable');
    expect(held).toHaveLength(1);
    expect(held[0]! / (1 << 14)).toBeLessThan(100);
    expect(table.get(keyOf(12345))).toEqual({ pack: '1-1-1.pack', offset: 1234500, length: 100 });
  }, snapshotTest);

  it('refuses a key that is not 64 lowercase hex digits (a caller\'s mistake, never an input\'s)', () => {
    const table = new SpotTable();
    expect(() => table.set('ABC', { pack: 'p', offset: 0, length: 1 })).toThrow(/not a cache key/);
    expect(() => table.get(keyOf(1).toUpperCase())).toThrow(/not a cache key/);
  });
});
