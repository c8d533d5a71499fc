import { basename } from 'node:path';
import type { DatasetManifest } from '../generated/manifest.js';
import { headOfPlainFile, readPlainFile } from '../io/files.js';
import { validatorFor } from '../core/schemas.js';
import { PAGE_MARK } from '../report/html/html.js';

/** The manifest's name in a dataset folder. */
export const MANIFEST = 'manifest.json';

/**
 * The files a dataset folder's manifest says digest wrote there: its `files` list, or — for a
 * manifest of schema 1.1 and older, which had none — the files its inputs imply (each record
 * and its pages, the tables, the index page). Empty when there is no manifest digest wrote: then
 * digest owns nothing in the folder, and deletes nothing. The manifest is validated first, unless
 * `madeHere` says this digest wrote it and it is untouched since (DatasetWriter.madeHere).
 */
export function ownedFiles(manifestPath: string, madeHere: () => boolean = () => false): Set<string> {
  // Asked before and after the read: a manifest replaced meanwhile is validated.
  const trusted = madeHere();
  const value = readJson(manifestPath);
  return ownedFilesOf(value, trusted && madeHere());
}

/**
 * {@link ownedFiles} of a manifest already parsed (`value`: null when there is none or it does not
 * parse); `trusted`: this digest wrote it and it is untouched since, so it is not validated again.
 */
export function ownedFilesOf(value: unknown, trusted: boolean): Set<string> {
  if (trusted && isFileList((value as { files?: unknown } | null)?.files)) return new Set((value as DatasetManifest).files);
  if (validatorFor<DatasetManifest>('manifest')(value)) return new Set(value.files);
  const legacy = value as { schemaVersion?: unknown; inputs?: unknown } | null;
  if (!legacy || typeof legacy.schemaVersion !== 'string' || !Array.isArray(legacy.inputs)) return new Set();
  const owned = new Set(['items.jsonl', 'references.jsonl', 'entities.jsonl', 'report/index.html']);
  for (const row of legacy.inputs as { id?: unknown; status?: unknown }[]) {
    if (row?.status !== 'ok' || typeof row.id !== 'string' || !/^[a-z0-9][a-z0-9-]{0,99}$/.test(row.id)) continue;
    owned.add(`articles/${row.id}.json`);
    owned.add(`report/${row.id}.html`);
    owned.add(`report/${row.id}.source.html`);
  }
  return owned;
}

/** Whether a value is a list of file names (what a manifest's `files` is). */
function isFileList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((name) => typeof name === 'string');
}

/** A file's JSON, or null when it is not there, not a plain file, or does not parse. */
export function readJson(path: string): unknown {
  try {
    const read = readPlainFile(path, 256 * 1024 * 1024);
    return read.bytes ? JSON.parse(read.bytes.toString('utf8')) : null;
  } catch {
    return null;
  }
}

/**
 * True when the file at `path` is one digest writes at `rel`, judged by its content: a record
 * whose `id` is its file name, a review page with digest's mark, a table of article rows, a
 * manifest, a change view. Such a file — left by `digest ingest`, or by a build whose manifest is gone — may be
 * replaced; any other file in the way is the user's, and the build stops rather than touch it.
 */
export function madeByDigest(rel: string, path: string): boolean {
  if (rel === MANIFEST) {
    const value = readJson(path) as { schemaVersion?: unknown; inputs?: unknown } | null;
    return typeof value?.schemaVersion === 'string' && Array.isArray(value.inputs);
  }
  if (rel === 'changes.json') {
    const value = readJson(path) as { schemaVersion?: unknown; revision?: unknown; articles?: unknown } | null;
    return typeof value?.schemaVersion === 'string' && typeof value.revision === 'number' && Array.isArray(value.articles);
  }
  if (rel.startsWith('articles/')) {
    const value = readJson(path) as { schemaVersion?: unknown; id?: unknown } | null;
    return typeof value?.schemaVersion === 'string' && value.id === basename(rel, '.json');
  }
  const head = headOfPlainFile(path, 4096)?.toString('utf8');
  if (head === undefined) return false;
  if (rel.startsWith('report/')) return head.includes(PAGE_MARK);
  if (rel.endsWith('.jsonl')) {
    if (head === '') return true;
    return /^\{"article":"[a-z0-9][a-z0-9-]*"/.test(head);
  }
  return false;
}
