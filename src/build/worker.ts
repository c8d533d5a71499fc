import { Piscina } from 'piscina';
import { pipelineFor } from '../ingest.js';
import { computeEntry, type Entry } from './entry.js';
import type { PlannedInput } from './ids.js';

/** What the build sends a worker thread: one input and the pipeline file to run it through. */
export interface WorkerTask {
  input: PlannedInput;
  pipelineFile: string;
}

/** The worker thread's task (piscina calls the default export): one input in, its entry out. */
export default async function ingestTask(task: WorkerTask): Promise<Entry> {
  // pipelineFor loads each pipeline file once per thread.
  const entry = await computeEntry(task.input, pipelineFor(task.pipelineFile));
  if (!entry.record) return entry;
  // The record's and page's bytes are moved to the main thread, not copied (they are most of the entry).
  const own = (bytes: Uint8Array) => (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes));
  const record = own(entry.record);
  const page = entry.page ? own(entry.page) : null;
  const moved = page ? [record.buffer, page.buffer] : [record.buffer];
  return Piscina.move({ [Piscina.transferableSymbol]: moved, [Piscina.valueSymbol]: { ...entry, record, page } } as never) as unknown as Entry;
}
