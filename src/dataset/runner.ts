import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DataFileChangedError, verifiedDataHashes } from '../core/data.js';
import { loadedFiles, type Pipeline } from '../core/pipeline.js';
import { packagePath } from '../core/paths.js';
import type { WriteFs } from '../io/fs.js';
import type { CacheTarget } from './cache-entry.js';
import type { ChangePrior } from './changes.js';
import { computeEntry, type Entry } from './entry.js';
import type { PlannedInput } from './ids.js';
import type { Placement } from './place.js';
import { BULK, receivedBulk, splitEntry, type DataChanged, type EntryBulk, type SentEntry, type WorkerStart, type WorkerTask } from './worker.js';

/** Ingests planned inputs, in this thread or on a pool of worker threads. */
export interface Runner {
  /** Worker threads in use (0: this thread). */
  threads: number;
  /**
   * Ingests an input, places its files and (given a `cache` target) stores its cache entry, on
   * whichever thread runs it. The entry comes with its summary's head and without its bulk (rows,
   * search entry, change, the summary's and the rows' texts), which the runner holds for {@link Runner.take}. `prepare`: the search entry and change
   * come made ready to splice (worker.ts, `PreparedBulk`), from a worker or from this thread.
   */
  run(input: PlannedInput, where: Placement, prior: ChangePrior, cache: CacheTarget | null, prepare?: boolean): Promise<SentEntry>;
  /** The bulk of an input `run` settled, left with the runner (undefined when there is none). */
  peek(path: string): EntryBulk | undefined;
  /** The bulk of an input `run` settled, given up by the runner (once). */
  take(path: string): EntryBulk | undefined;
  close(): Promise<void>;
}

/**
 * Where a runner keeps each settled input's bulk until the build takes it, out of the promises
 * that settle the input (worker.ts, {@link EntryBulk}: a value that settles a promise stays in the
 * main thread's heap through its next young-generation collections; one in a map goes when taken).
 */
class Bulks {
  private readonly held = new Map<string, EntryBulk>();
  private readonly waiting = new Map<string, () => void>();

  /** The entry without its bulk; the bulk kept (its search entry and change made ready to splice, with `prepare`, as a worker's). */
  keep(path: string, entry: Entry, prepare = false): SentEntry {
    const split = splitEntry(path, entry, prepare);
    this.arrived(split.bulk);
    return split.entry;
  }

  arrived(bulk: EntryBulk): void {
    this.held.set(bulk.path, bulk);
    const wake = this.waiting.get(bulk.path);
    this.waiting.delete(bulk.path);
    wake?.();
  }

  /**
   * Settles when the bulk of `path` is here (true), or — never seen, a safety net — after a
   * minute without it (false: the input is ingested again on this thread). The timer also keeps
   * the event loop alive meanwhile: the bulk comes on the worker's own port, which the pool
   * unrefs as soon as the worker is idle, and the task's answer may come first.
   */
  when(path: string): Promise<boolean> {
    if (this.held.has(path)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const lost = setTimeout(() => {
        this.waiting.delete(path);
        resolve(false);
      }, 60_000);
      this.waiting.set(path, () => {
        clearTimeout(lost);
        resolve(true);
      });
    });
  }

  peek(path: string): EntryBulk | undefined {
    return this.held.get(path);
  }

  take(path: string): EntryBulk | undefined {
    const bulk = this.held.get(path);
    this.held.delete(path);
    return bulk;
  }

  /** Forgets an input whose run failed (its bulk may have come before its worker died). */
  drop(path: string): void {
    this.held.delete(path);
    this.waiting.get(path)?.();
    this.waiting.delete(path);
  }
}

/** Below this many inputs per thread, starting workers (each loads the pipeline) costs more than it saves. */
const MIN_INPUTS_PER_THREAD = 8;

/** Each worker's old-generation heap, in MB: enough for the pipeline's data and any ordinary article. */
export const WORKER_HEAP_MB = Number(process.env.DIGEST_WORKER_HEAP_MB) || 96;

/**
 * Each worker's young generation, in MB. V8's default lets each worker hold ~20 MB more
 * short-lived garbage; with two workers that took a 2,000-article build from ~285 to ~330 MB
 * peak RSS, for ~10 % less CPU (BENCHMARKS.md, "Memory"). 8 rather than 16: ~30 MB less peak
 * RSS at 1,000 articles, for no CPU measurable on this machine (BENCHMARKS.md, "Change: memory
 * flat in N"): a worker's garbage is short-lived (3 % of what it allocates survives a scavenge).
 */
export const WORKER_YOUNG_MB = Number(process.env.DIGEST_WORKER_YOUNG_MB) || 8;

/** Tasks a worker holds at once: the one it runs and the next (which waits for it: worker.ts). */
export const TASKS_PER_WORKER = 2;

/**
 * The workers' entry: bin/worker.cjs, which runs the code {@link workerCode} names, else
 * dist/src/dataset/worker.js (the compiled worker module: beside this one in dist/src; tests
 * running from source, and the CLI bundle, use dist/src's). Without dist/src's worker module
 * (tests from source before a build) there are no workers.
 */
function workerFile(): string | null {
  const here = fileURLToPath(import.meta.url);
  const compiled = /[\\/]runner\.js$/.test(here) ? here.replace(/runner\.js$/, 'worker.js') : packagePath('dist', 'src', 'dataset', 'worker.js');
  if (!existsSync(compiled)) return null;
  const entry = packagePath('bin', 'worker.cjs');
  return existsSync(entry) ? entry : compiled;
}

/**
 * Which code the build's workers run, told them in `workerData` (bin/worker.cjs): 'bundle', the
 * workers' bundle dist/cli/worker.cjs from its code cache, when this code is the CLI bundle
 * (`module`: its URL, dist/cli/digest.cjs) and the workers' bundle is there; else 'modules',
 * dist/src's. bin/load.js runs the CLI bundle only while every dist/src file listed in
 * digest.cjs.sources is unchanged, and scripts/bundle-cli.mjs lists there the workers' sources
 * too: that one check, made once by the launcher, stands for both bundles. Each worker checked
 * its own list before (its size and time, file by file, and bin/load.js's rule compiled from its
 * text): 2–3 ms of CPU a worker (BENCHMARKS.md, issue 17). Library use and tests from source run
 * dist/src's modules in the workers as on the main thread.
 */
export function workerCode(module: string = import.meta.url, bundle: string = packagePath('dist', 'cli', 'worker.cjs')): 'bundle' | 'modules' {
  return /[\\/]dist[\\/]cli[\\/]digest\.cjs$/.test(fileURLToPath(module)) && existsSync(bundle) ? 'bundle' : 'modules';
}

/** The worker threads a runner for `work` inputs starts (below 2: none, the inputs run on this thread). */
export function runnerThreads(concurrency: number, work: number): number {
  return Math.min(concurrency, Math.floor(work / MIN_INPUTS_PER_THREAD));
}

/**
 * A runner for `work` inputs: a piscina pool of `concurrency` worker threads when there are
 * several cores' worth of work, else this thread (always this thread with a file-system seam). Either way the entries are the same: a
 * worker loads the same pipeline file and runs the same code.
 */
export async function createRunner(pipeline: Pipeline, concurrency: number, work: number, fs?: WriteFs): Promise<Runner> {
  const threads = runnerThreads(concurrency, work);
  const filename = workerFile();
  // A file-system seam (tests) lives in this thread only: its builds stay here.
  const bulks = new Bulks();
  // The entry is copied as a worker's answer would be (structured clone): made in this thread, a
  // summary's strings can be slices of the decoded source (a title cut from the page), and V8
  // keeps a slice's whole parent alive: the build, which held every summary to its end, held
  // every input's source (~20 KB an input in a `-j 1` build; BENCHMARKS.md, "memory flat in N, again").
  // The summary now waits as its JSON text, a new string, and the entry keeps its head only.
  // With `prepare`, the bulk is made ready to splice here as a worker makes it, from the search
  // entry and change this thread just made: the build no longer parses back the JSON it was
  // handed (~16 KB an article; BENCHMARKS.md, issue 17). The prepared texts are new strings (the
  // entities too, as JSON text), so none is a slice holding the article's source alive.
  const here = async (input: PlannedInput, where: Placement, prior: ChangePrior, cache: CacheTarget | null, prepare: boolean | undefined, seam?: WriteFs) =>
    structuredClone(bulks.keep(input.path, await computeEntry(input, pipeline, where, seam, prior, cache), prepare === true));
  const held = { peek: (path: string) => bulks.peek(path), take: (path: string) => bulks.take(path) };
  if (threads < 2 || filename === null || fs !== undefined) {
    return { threads: 0, run: (input, where, prior, cache, prepare) => here(input, where, prior, cache, prepare, fs), ...held, close: async () => undefined };
  }
  const { Piscina } = await import('piscina');
  const pool = new Piscina<WorkerTask, SentEntry | DataChanged>({
    filename,
    minThreads: threads,
    maxThreads: threads,
    // A bounded queue: the caller's window keeps at most four tasks per thread in flight.
    maxQueue: threads * 4,
    // Each worker holds its next task while it runs one (worker.ts runs them one after the
    // other): it starts the next as soon as it is done, instead of waiting for this thread —
    // busy settling inputs, or off the core on a machine with more threads than cores — to take
    // its answer and hand it another (BENCHMARKS.md, "Change 32: two workers — each holds its next task").
    concurrentTasksPerWorker: TASKS_PER_WORKER,
    idleTimeout: 1000,
    // A small heap makes V8 collect early (RSS stays bounded); an input it cannot hold is
    // ingested again on the main thread, whose heap is the default.
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
    // The pipeline's data files were checked when this thread loaded it: workers only parse them.
    // With the pipeline's fingerprint, which the build's keys took (the thread reads every data file's bytes then): a worker's load of the file must read the same.
    // With each file's hash, so that a worker names the one that changed.
    workerData: { verifiedData: verifiedDataHashes(), code: workerCode(), fingerprint: pipeline.fingerprint, fileHashes: loadedFiles(pipeline)?.map((loaded) => loaded.read.hash) } satisfies WorkerStart,
  });
  // A worker that dies outside a task (say, out of memory while loading the pipeline) is an
  // 'error' on the pool; unhandled, it would end the process. The pool is given up — the rest of
  // the build runs on this thread, including the tasks already handed to the pool, whose
  // promises a dying pool does not always settle — after a few deaths, or as soon as it has no
  // worker left: piscina starts no new worker once workers fail while starting, and its queued
  // tasks would then wait forever (seen as a test that timed out under load).
  let deaths = 0;
  let broken = false;
  // One release per task in flight, called when the pool is given up. Per task, not one shared
  // promise: a shared never-settling promise would keep every finished task's entry alive.
  const waiting = new Set<() => void>();
  const giveUp = () => {
    if (broken) return;
    broken = true;
    for (const release of waiting) release();
    // Not awaited, here or in close(): a given-up pool owes the build nothing.
    void pool.destroy().catch(() => undefined);
  };
  const giveUpIfEmpty = () => {
    if ((pool as { threads?: unknown[] }).threads?.length === 0) giveUp();
  };
  // Each task's bulk comes as a message of its own (worker.ts), taken in here as it arrives.
  pool.on('message', (message: unknown) => {
    const bulk = (message as { [BULK]?: EntryBulk } | null)?.[BULK];
    // Its bytes made Buffers, as this thread's own are (worker.ts, receivedBulk).
    if (bulk) bulks.arrived(receivedBulk(bulk));
  });
  pool.on('error', () => {
    if (++deaths >= threads + 1) giveUp();
    else giveUpIfEmpty();
  });
  return {
    threads,
    run: async (input, where, prior, cache, prepare) => {
      if (broken) return here(input, where, prior, cache, prepare);
      let release!: () => void;
      const givenUp = new Promise<'given-up'>((resolve) => {
        release = () => resolve('given-up');
      });
      waiting.add(release);
      let changed: string | undefined;
      try {
        const entry = await Promise.race([pool.run({ input, pipelineFile: pipeline.file, where, prior, cache, prepare: prepare === true }), givenUp]);
        if (entry !== 'given-up' && 'dataChanged' in entry) changed = entry.dataChanged;
        // The bulk was posted before the entry was returned, on another port: it is here, or on its way.
        else if (entry !== 'given-up' && (await Promise.race([bulks.when(input.path), givenUp])) === true) return entry;
      } catch {
        // The worker died under the task (an input too big for its heap, or it exited) or the
        // task threw: either way this thread ingests the input again. computeEntry throws only
        // for a bug, and then it throws here too, where it becomes this input's diagnostic.
        giveUpIfEmpty();
      } finally {
        waiting.delete(release);
      }
      // The worker's pipeline is not this thread's: the build stops (run.ts), where running the
      // input here would have hidden it, and every later task of that worker would fail alike.
      if (changed !== undefined) throw new DataFileChangedError(changed);
      bulks.drop(input.path);
      return here(input, where, prior, cache, prepare);
    },
    ...held,
    close: async () => {
      if (!broken) await pool.destroy();
    },
  };
}
