import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import { readPlainFile } from '../io/files.js';
import { hashInput } from '../io/inputs.js';
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
  const read = hashInput(path, maxBytes);
  return read.ok ? read.sha256 : sha256(new Uint8Array(0));
}

/** A record id as the schema allows it. */
const ID = /^[a-z0-9][a-z0-9-]{0,99}$/;

/**
 * The ids a dataset's manifest gave its inputs (path → id), which the next build keeps: an id,
 * once given, never changes because another file arrived. Read from `inputs` of any manifest
 * digest wrote (1.1 and later); rows without a usable id (failed inputs) are skipped, and a
 * missing or unreadable manifest remembers nothing (a new dataset).
 */
export function rememberedIds(manifestPath: string): Map<string, string> {
  let value: unknown;
  try {
    const read = readPlainFile(manifestPath, 256 * 1024 * 1024);
    value = read.bytes ? JSON.parse(read.bytes.toString('utf8')) : null;
  } catch {
    return new Map();
  }
  return idsOfManifest(value);
}

/** {@link rememberedIds} of a manifest already parsed (any value: what is not a manifest's rows remembers nothing). */
export function idsOfManifest(value: unknown): Map<string, string> {
  const remembered = new Map<string, string>();
  const rows = (value as { inputs?: unknown } | null)?.inputs;
  if (!Array.isArray(rows)) return remembered;
  for (const row of rows as { path?: unknown; id?: unknown }[]) {
    if (typeof row?.path === 'string' && typeof row.id === 'string' && ID.test(row.id)) remembered.set(row.path, row.id);
  }
  return remembered;
}

/**
 * Gives every input its record id before any of them is ingested, so that a shard, an
 * incremental rebuild and a full build agree. First every input the previous dataset named
 * keeps the id it had (`remembered`, from its manifest: see {@link rememberedIds}); then the
 * others, in path order, get the id their file name gives (Chinese names in pinyin), or — when
 * that is taken — the name with its extension appended ("ra-2025-html"), then its content
 * hash, then a counter. Only inputs without a usable name or with a taken id are read — only
 * regular files, and only up to `maxBytes` (the read stage's limit).
 */
export async function planIds(paths: readonly string[], maxBytes = Number.MAX_SAFE_INTEGER, remembered: ReadonlyMap<string, string> = new Map()): Promise<PlannedInput[]> {
  const sorted = [...new Set(paths)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const taken = new Set<string>();
  const kept = new Map<string, string>();
  for (const path of sorted) {
    const id = remembered.get(path);
    if (id !== undefined && ID.test(id) && !taken.has(id)) {
      taken.add(id);
      kept.set(path, id);
    }
  }
  const planned: PlannedInput[] = [];
  for (const path of sorted) {
    const named = nameId(path);
    const keep = kept.get(path);
    if (keep !== undefined) {
      // Whether it says it was renamed is settled below, the same way a first build settles it.
      planned.push({ path, id: keep, renamedFrom: keep !== named ? named : null });
      continue;
    }
    const base = named ?? `article-${contentHash(path, maxBytes).slice(0, 12)}`;
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
  // A kept id that differs from its name's says "renamed" exactly when another input holds the
  // name's id, as the build that first gave it said: a rebuild's records equal the first build's.
  for (const input of planned) if (kept.has(input.path) && input.renamedFrom !== null && !taken.has(input.renamedFrom)) input.renamedFrom = null;
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
