import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { DataFileChangedError } from '../../src/core/data.js';
import { BULK } from '../../src/dataset/worker.js';
import { repo } from '../helpers.js';

/** The options each mocked pool was made with. */
const made: Record<string, unknown>[] = [];

// A pool whose answer to a task comes before the task's bulk (they travel on two ports, in no set order).
vi.mock('piscina', async () => {
  const { EventEmitter } = await import('node:events');
  class Piscina extends EventEmitter {
    threads = [{}, {}];
    constructor(options: Record<string, unknown>) {
      super();
      made.push(options);
    }
    run(task: { input: { path: string } }) {
      const path = task.input.path;
      // A worker whose load of the pipeline is not the build's answers so, with no bulk (worker.ts, DataChanged).
      if (path.endsWith('.changed')) return Promise.resolve({ dataChanged: '/p/lexicon.json: changed' });
      // As a worker's bulk arrives: its texts as plain Uint8Arrays (a Buffer posted between threads is cloned as one).
      const bytes = (text: string) => new TextEncoder().encode(text);
      const bulk = path.endsWith('.bytes')
        ? {
            path,
            rows: { 'items.jsonl': bytes(`${path}\n`), 'empty.jsonl': '' },
            searchJson: null,
            changeJson: bytes('{"id":"c"}'),
            prepared: {
              search: { id: 'a', article: bytes('{"id":"a"}'), items: bytes('1 "at":"s1"}\n'), journals: bytes('[null]'), references: '', entities: bytes('2 {"id":"d"}\n') },
              change: { head: { id: 'a', revision: 1, previousId: null }, text: bytes('{"id":"a"}'), fact: bytes('{}') },
            },
          }
        : { path, rows: { 'items.jsonl': `${path}\n` }, searchJson: `{"id":"${path}"}`, changeJson: null };
      setTimeout(() => this.emit('message', { [BULK]: bulk }), 20);
      return Promise.resolve({ summary: { path }, rows: {}, placed: [], searchJson: null });
    }
    destroy() {
      return Promise.resolve();
    }
  }
  return { Piscina };
});

describe('a runner on worker threads', () => {
  it('a task answered before its bulk arrives waits for the bulk, which it then holds until taken', async () => {
    const { createRunner } = await import('../../src/dataset/runner.js');
    const runner = await createRunner({ file: 'p.json' } as never, 2, 16);
    expect(runner.threads).toBe(2);
    const where = { root: mkdtempSync(join(tmpdir(), 'digest-runner-')), staging: '', mode: 'check' as const };
    const input = { path: 'in/a.txt', id: 'a', renamedFrom: null };
    const entry = await runner.run(input, where, { revision: 0, entry: null }, null);
    expect(entry.summary).toEqual({ path: 'in/a.txt' });
    expect(runner.take('in/a.txt')).toEqual({ path: 'in/a.txt', rows: { 'items.jsonl': 'in/a.txt\n' }, searchJson: '{"id":"in/a.txt"}', changeJson: null });
    await runner.close();
  });

  it("holds a worker's bytes as Buffers over the same memory, as this thread's own are (was: plain Uint8Arrays, which threw the writers' compiled code away)", async () => {
    const { createRunner } = await import('../../src/dataset/runner.js');
    const runner = await createRunner({ file: 'p.json' } as never, 2, 16);
    const where = { root: mkdtempSync(join(tmpdir(), 'digest-runner-')), staging: '', mode: 'check' as const };
    await runner.run({ path: 'in/a.bytes', id: 'a', renamedFrom: null }, where, { revision: 0, entry: null }, null, true);
    const bulk = runner.take('in/a.bytes')!;
    const search = bulk.prepared!.search!;
    const change = bulk.prepared!.change!;
    const held = [bulk.rows['items.jsonl'], bulk.changeJson, search.article, search.items, search.journals, search.entities, change.text, change.fact];
    for (const bytes of held) expect(Buffer.isBuffer(bytes)).toBe(true);
    // The same bytes; text and nothing as they came.
    expect(new TextDecoder().decode(bulk.rows['items.jsonl'] as Uint8Array)).toBe('in/a.bytes\n');
    expect(new TextDecoder().decode(change.fact as Uint8Array)).toBe('{}');
    expect(bulk.rows['empty.jsonl']).toBe('');
    expect(bulk.searchJson).toBeNull();
    expect(search.references).toBe('');
    await runner.close();
  });

  it('gives each worker its next task while it runs one, and queues what the build keeps in flight beyond that', async () => {
    const { createRunner, TASKS_PER_WORKER } = await import('../../src/dataset/runner.js');
    made.length = 0;
    const runner = await createRunner({ file: 'p.json' } as never, 2, 16);
    expect(TASKS_PER_WORKER).toBe(2);
    expect(made[0]).toMatchObject({ concurrentTasksPerWorker: 2, maxThreads: 2 });
    // run.ts keeps four inputs a thread in flight: the workers' slots and the queue hold them all.
    expect((made[0]!.maxQueue as number) + 2 * TASKS_PER_WORKER).toBeGreaterThanOrEqual(2 * 4);
    await runner.close();
  });

  it("tells the workers which code to run, decided once here: the bundle only from the CLI bundle (run only while its one list is current) with a workers' bundle there", async () => {
    const { createRunner, workerCode } = await import('../../src/dataset/runner.js');
    const dir = mkdtempSync(join(tmpdir(), 'digest-runner-code-'));
    const workers = join(dir, 'dist', 'cli', 'worker.cjs');
    mkdirSync(dirname(workers), { recursive: true });
    writeFileSync(workers, '');
    const cli = pathToFileURL(join(dir, 'dist', 'cli', 'digest.cjs')).href;
    expect(workerCode(cli, workers)).toBe('bundle');
    // A stale CLI bundle: bin/load.js runs dist/src's modules, whose workers run the same.
    expect(workerCode(pathToFileURL(join(dir, 'dist', 'src', 'dataset', 'runner.js')).href, workers)).toBe('modules');
    expect(workerCode(cli, join(dir, 'none.cjs'))).toBe('modules');
    // Tests from source: dist/src's modules, as on this thread.
    made.length = 0;
    const runner = await createRunner({ file: 'p.json' } as never, 2, 16);
    expect((made[0]!.workerData as { code: string }).code).toBe('modules');
    await runner.close();
  });

  it("stops at a worker's answer that its pipeline is not the build's (DataFileChangedError: the build stops), telling each worker the build's fingerprint — never running the input again on this thread (was: it did, for every later task of that worker, without a word)", async () => {
    const { createRunner } = await import('../../src/dataset/runner.js');
    made.length = 0;
    // No stages, no data: an input run on this thread would fail otherwise than with the worker's answer.
    const runner = await createRunner({ file: 'p.json', fingerprint: 'f00d' } as never, 2, 16);
    expect((made[0]!.workerData as { fingerprint: string }).fingerprint).toBe('f00d');
    const where = { root: mkdtempSync(join(tmpdir(), 'digest-runner-')), staging: '', mode: 'check' as const };
    const run = runner.run({ path: 'in/a.changed', id: 'a', renamedFrom: null }, where, { revision: 0, entry: null }, null);
    await expect(run).rejects.toBeInstanceOf(DataFileChangedError);
    await expect(run).rejects.toThrow(/^\/p\/lexicon\.json: changed$/);
    expect(runner.peek('in/a.changed')).toBeUndefined();
    await runner.close();
  });

  it("tells each worker the hash of every file the build's load read, the pipeline file first, so that a worker names the one that changed (was: the fingerprint alone, and the worker named the pipeline file)", async () => {
    const { createRunner } = await import('../../src/dataset/runner.js');
    const { loadPipeline } = await import('../../src/pipeline.js');
    const { loadedFiles } = await import('../../src/core/pipeline.js');
    made.length = 0;
    const pipeline = loadPipeline(repo('pipelines/digest.json'));
    const runner = await createRunner(pipeline, 2, 16);
    const hashes = (made[0]!.workerData as { fileHashes: string[] }).fileHashes;
    expect(hashes).toEqual(loadedFiles(pipeline)!.map((loaded) => loaded.read.hash));
    expect(hashes).toHaveLength(6);
    expect(hashes.every((hash) => /^[0-9a-f]{64}$/.test(hash))).toBe(true);
    await runner.close();
  });
});
