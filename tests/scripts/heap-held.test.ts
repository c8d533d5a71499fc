import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script, no types
import { heldBytes, heldBytesOfFile } from '../../scripts/heap-held.mjs';

type Held = { data: number; code: number; byType: Record<string, number> };

/** A snapshot of the shape V8 writes: nodes of `[type, self size]`, the other fields zero. */
function snapshotOf(nodes: [string, number][]) {
  const fields = ['type', 'name', 'id', 'self_size', 'edge_count', 'trace_node_id', 'detachedness'];
  const types = ['hidden', 'array', 'string', 'object', 'code', 'closure', 'regexp', 'number', 'native', 'synthetic', 'concatenated string', 'sliced string', 'symbol', 'bigint', 'object shape'];
  return {
    snapshot: { meta: { node_fields: fields, node_types: [types, 'string', 'number', 'number', 'number', 'number', 'number'] }, node_count: nodes.length },
    nodes: nodes.flatMap(([type, size]) => [types.indexOf(type), 0, 0, size, 0, 0, 0]),
    edges: [],
    strings: [''],
  };
}

/**
 * In a worker of its own (an isolate nothing else allocates in), two heap snapshots around
 * `between` (a function body run in the worker): what heldBytesOfFile reads of each.
 */
function snapshotsAround(between: string): Promise<{ before: Held; after: Held; files: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'heap-held-'));
  const url = new URL('../../scripts/heap-held.mjs', import.meta.url).href;
  const code = `
    const { parentPort } = require('node:worker_threads');
    const { writeHeapSnapshot } = require('node:v8');
    import(${JSON.stringify(url)}).then(({ heldBytesOfFile }) => {
      const files = [${JSON.stringify(join(dir, 'a.heapsnapshot'))}, ${JSON.stringify(join(dir, 'b.heapsnapshot'))}];
      writeHeapSnapshot(files[0]);
      ${between}
      writeHeapSnapshot(files[1]);
      parentPort.postMessage({ before: heldBytesOfFile(files[0]), after: heldBytesOfFile(files[1]), files });
    });`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true });
    worker.once('message', (m) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

describe('heldBytes', () => {
  it('counts every node but code as data, and code apart', () => {
    const held = heldBytes(snapshotOf([['object', 48], ['string', 100], ['code', 5000], ['native', 4096], ['hidden', 24], ['code', 700], ['array', 16]])) as Held;
    expect(held).toEqual({ data: 48 + 100 + 4096 + 24 + 16, code: 5700, byType: { object: 48, string: 100, code: 5700, native: 4096, hidden: 24, array: 16 } });
    expect((heldBytes(snapshotOf([])) as Held).data).toBe(0);
  });

  it('sees what a thread holds, and leaves out the code it compiles meanwhile', async () => {
    // 200 ArrayBuffers of 10,000 bytes and 20,000 flat strings of 100 one-byte characters held, and a
    // function compiled and run hot in between: the data grows by the buffers' bytes (native), the
    // strings (V8's 12-byte header each, with pointer compression) and the objects and arrays that
    // hold them; code, by what V8 compiled.
    const { before, after, files } = await snapshotsAround(`
      globalThis.buffers = Array.from({ length: 200 }, () => new Uint8Array(10000));
      globalThis.strings = Array.from({ length: 20000 }, (_, i) => ['x'.repeat(96), String(i).padStart(4, '0')].join(''));
      const hot = new Function('n', 'let s = 0; for (let i = 0; i < n; i++) s += (i * 31) % 7; return s;');
      for (let r = 0; r < 2000; r++) hot(1000);`);
    const grew = (type: string) => (after.byType[type] ?? 0) - (before.byType[type] ?? 0);
    expect(grew('native')).toBe(200 * 10000);
    expect(grew('string')).toBeGreaterThanOrEqual(20000 * 112);
    expect(grew('string')).toBeLessThan(20000 * 128);
    const held = 200 * 10000 + 20000 * 120;
    expect(after.data - before.data).toBeGreaterThan(held);
    expect(after.data - before.data).toBeLessThan(held + 20000 * 8 + 200 * 200 + 64 * 1024);
    expect(after.code).toBeGreaterThan(before.code);
    // Read and removed.
    expect(files.filter((f) => existsSync(f))).toEqual([]);
  });
});
