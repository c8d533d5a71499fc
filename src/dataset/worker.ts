import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { trustVerifiedData } from '../core/data.js';
import { pipelineFor } from '../ingest.js';
import type { CacheTarget } from './cache-entry.js';
import type { ChangePrior } from './changes.js';
import { computeEntry, type Entry } from './entry.js';
import type { PlannedInput } from './ids.js';
import type { Placement } from './place.js';

/** What the build sends a worker thread: one input, the pipeline file, where its files go. */
export interface WorkerTask {
  input: PlannedInput;
  pipelineFile: string;
  where: Placement;
  /** What the previous build recorded of the article: its page shows the change. */
  prior: ChangePrior;
  /** Where this thread stores the input's cache entry (null: not cached). */
  cache: CacheTarget | null;
}

/** What the pool gives every worker when it starts (runner.ts). */
export interface WorkerStart {
  /** The data files the main thread has checked (their hashes): the worker loads them without checking them again. */
  verifiedData: string[];
}

trustVerifiedData((workerData as WorkerStart | undefined)?.verifiedData ?? []);

/**
 * The bulk of an entry — its rows, search entry and change, ~100 KB of text an article — sent
 * to the main thread apart from the entry itself, as a message the main thread takes in as it
 * arrives (runner.ts). What a task returns reaches the caller by resolving promises, and V8 then
 * keeps it through the main thread's next young-generation collections (measured: ~14 MB
 * promoted at each scavenge, a young generation grown to its maximum, an old one filling
 * between full collections); taken in by a message listener, it is garbage once written.
 */
export interface EntryBulk {
  /** The input's path: which task the bulk belongs to. */
  path: string;
  rows: Entry['rows'];
  searchJson: Entry['searchJson'];
  changeJson: Entry['changeJson'];
}

/** A message carrying an {@link EntryBulk} (the worker's other messages are piscina's). */
export const BULK = 'digest-entry-bulk';

/** An entry without its bulk (rows, search entry and change), and the bulk. */
export function splitEntry(path: string, entry: Entry): { entry: Entry; bulk: EntryBulk } {
  const { rows, searchJson, changeJson, ...rest } = entry;
  return { entry: { ...rest, rows: {}, searchJson: null }, bulk: { path, rows, searchJson, changeJson } };
}

/** An entry made whole again from its {@link splitEntry} parts. */
export function joinEntry(entry: Entry, bulk: EntryBulk): Entry {
  const { path: _path, ...parts } = bulk;
  const joined: Entry = { ...entry, rows: parts.rows, searchJson: parts.searchJson };
  if (parts.changeJson !== undefined) joined.changeJson = parts.changeJson;
  return joined;
}

/**
 * One task on a thread whose `port` leads to the main thread: the input ingested, its files
 * written there, its bulk posted on `port` before the entry is returned (so it is on its way
 * first), the entry returned without it.
 */
export async function ingestOnThread(task: WorkerTask, port: Pick<MessagePort, 'postMessage'>): Promise<Entry> {
  // pipelineFor loads each pipeline file once per thread.
  const { entry, bulk } = splitEntry(task.input.path, await computeEntry(task.input, pipelineFor(task.pipelineFile), task.where, undefined, task.prior, task.cache));
  port.postMessage({ [BULK]: bulk });
  return entry;
}

/** Nothing: what the chain of tasks settles to (it keeps no task's entry alive). */
const noop = (): undefined => undefined;

/** The task this thread runs last (or ran): the next one starts when it has settled. */
let running: Promise<unknown> = Promise.resolve();

/**
 * Runs `task` once every task handed in before it has settled, one at a time: the pool gives a
 * worker its next task while it runs one (runner.ts, TASKS_PER_WORKER), and two ingests must
 * not take turns at their awaits — the thread's scratch memory and memos serve one at a time,
 * and one input's work stays in one piece on the core.
 */
export function oneAtATime<T>(task: () => Promise<T>): Promise<T> {
  const run = running.then(task);
  running = run.then(noop, noop);
  return run;
}

/**
 * The worker thread's task (piscina calls the default export): one input in; its record, pages
 * and cache entry written (or compared) here, so their bytes never cross threads; its entry out,
 * its bulk apart ({@link EntryBulk}). Tasks run one after the other ({@link oneAtATime}).
 */
export default async function ingestTask(task: WorkerTask): Promise<Entry> {
  return oneAtATime(() => ingestOnThread(task, parentPort!));
}
