import { join } from 'node:path';
import { writeAtomicSync } from '../io/atomic.js';
import { realFs, type WriteFs } from '../io/fs.js';
import { utf8Of } from '../io/utf8.js';

/**
 * Where an entry of the cache folder `dir` is stored under its key: in one of 16 folders, by the
 * key's first hex digit. (Cache format 3 had 256, by two: making them was ~0.7 ms of a cold
 * build's CPU an article here, a new folder costing ~1 ms of the kernel's time. BENCHMARKS.md.)
 */
export function entryPath(dir: string, key: string): string {
  return join(dir, 'entries', key.slice(0, 1), `${key}.json`);
}

/**
 * Where the thread that ingests an input stores its cache entry: the cache folder, and the
 * build's config (half of the entry's key). Plain data, so it crosses to worker threads.
 */
export interface CacheTarget {
  dir: string;
  config: string;
}

/**
 * Writes an entry (an input's summary, table rows and search entry) under its key, atomically (a
 * temporary file beside it, then a rename), on the thread that calls it — a worker stores the
 * entries it makes, so their text never crosses to the main thread. Synchronous: one small file
 * an input, cheaper than three thread-pool round trips. A failure (a full disk) comes out as an
 * OutputError naming the entry.
 */
export function storeEntry(dir: string, key: string, entry: { summary: unknown; rows: unknown; searchJson: string | null }, fs: WriteFs = realFs): void {
  // The text of JSON.stringify({ summary, rows, search }), the search entry being JSON already:
  // its pieces encoded one after another, never joined into one string (io/utf8.ts).
  const text = utf8Of(['{"summary":', JSON.stringify(entry.summary), ',"rows":', JSON.stringify(entry.rows), ',"search":', entry.searchJson ?? 'null', '}']);
  writeAtomicSync(entryPath(dir, key), text, undefined, fs);
}
