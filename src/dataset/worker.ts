import { workerData } from 'node:worker_threads';
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
 * The worker thread's task (piscina calls the default export): one input in; its record, pages
 * and cache entry written (or compared) here, so their bytes never cross threads; its entry out.
 */
export default async function ingestTask(task: WorkerTask): Promise<Entry> {
  // pipelineFor loads each pipeline file once per thread.
  return computeEntry(task.input, pipelineFor(task.pipelineFile), task.where, undefined, task.prior, task.cache);
}
