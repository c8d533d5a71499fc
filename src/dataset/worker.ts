import { pipelineFor } from '../ingest.js';
import { computeEntry, type Entry } from './entry.js';
import type { PlannedInput } from './ids.js';
import type { Placement } from './place.js';

/** What the build sends a worker thread: one input, the pipeline file, where its files go. */
export interface WorkerTask {
  input: PlannedInput;
  pipelineFile: string;
  where: Placement;
}

/**
 * The worker thread's task (piscina calls the default export): one input in; its record and
 * page written (or compared) here, so their bytes never cross threads; its entry out.
 */
export default async function ingestTask(task: WorkerTask): Promise<Entry> {
  // pipelineFor loads each pipeline file once per thread.
  return computeEntry(task.input, pipelineFor(task.pipelineFile), task.where);
}
