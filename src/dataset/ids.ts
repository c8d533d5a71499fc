import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import { readInput } from '../io/inputs.js';
import { nameId, sha256 } from '../core/record.js';
import { slugify } from '../core/text.js';

/** An input of a build with the record id it will carry. */
export interface PlannedInput {
  /** Input path as collected (POSIX separators). */
  path: string;
  id: string;
  /** The name-derived id another input took first, when this input was renamed. */
  renamedFrom: string | null;
}

function contentHash(path: string, maxBytes: number): string {
  // An unreadable input (or one over the limit, or not a regular file: a FIFO, /dev/zero) fails
  // on its own later; its id only has to be deterministic, and nothing may be read past the limit.
  const read = readInput(path, maxBytes);
  return sha256(read.ok ? read.bytes : new Uint8Array(0));
}

/**
 * Gives every input its record id before any of them is ingested, so that a shard, an
 * incremental rebuild and a full build agree: the id comes from the file name; inputs are
 * taken in path order, and a later input whose id is taken gets its extension appended
 * ("ra-2025-html"), then its content hash, then a counter. Only inputs without a usable name
 * or with a taken id are read — only regular files, and only up to `maxBytes` (the read stage's limit).
 */
export async function planIds(paths: readonly string[], maxBytes = Number.MAX_SAFE_INTEGER): Promise<PlannedInput[]> {
  const sorted = [...new Set(paths)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const taken = new Set<string>();
  const planned: PlannedInput[] = [];
  for (const path of sorted) {
    const base = nameId(path) ?? `article-${contentHash(path, maxBytes).slice(0, 12)}`;
    let id = base;
    if (taken.has(id)) {
      const stem = base.slice(0, 80);
      id = `${stem}-${slugify(extname(path).slice(1), 12) || 'file'}`;
      if (taken.has(id)) {
        const hashed = `${stem}-${contentHash(path, maxBytes).slice(0, 12)}`;
        id = hashed;
        for (let n = 2; taken.has(id); n++) id = `${hashed}-${n}`;
      }
    }
    taken.add(id);
    planned.push({ path, id, renamedFrom: id === base ? null : base });
  }
  return planned;
}

/**
 * The shard (0-based) an input belongs to out of `count`: from a hash of its path, so the
 * split is deterministic, even, and stable when other inputs come and go.
 */
export function shardOf(path: string, count: number): number {
  if (count === 1) return 0;
  const digest = createHash('sha256').update(path).digest();
  return digest.readUInt32BE(0) % count;
}
