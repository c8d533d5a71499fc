import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Pipeline } from '../core/pipeline.js';
import { packagePath } from '../core/paths.js';
import { writeAtomic, writeAtomicSync } from '../io/atomic.js';
import type { Entry, InputSummary } from './entry.js';

/** Bumped when the layout of cache entries or of the state file changes. */
const CACHE_FORMAT = 1;

let codeVersion: string | null = null;

function hashTree(hash: ReturnType<typeof createHash>, dir: string): void {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) hashTree(hash, path);
    else if (/\.(?:js|ts|json)$/.test(name) && !name.endsWith('.d.ts')) hash.update(name).update(readFileSync(path));
  }
}

/**
 * The code's part of every cache key: the package version and a hash of the compiled code
 * that runs (dist/src, or src when run from source), so any change to a stage invalidates.
 */
export function codeFingerprint(): string {
  if (codeVersion === null) {
    const hash = createHash('sha256').update(`format ${CACHE_FORMAT}\0`).update(readFileSync(packagePath('package.json')));
    // This file is <root>/{dist/src,src}/dataset/cache.{js,ts}: hash the tree it belongs to.
    hashTree(hash, dirname(dirname(fileURLToPath(import.meta.url))));
    codeVersion = hash.digest('hex');
  }
  return codeVersion;
}

/** The models a pipeline's optional stages load, as names, sizes and times: part of the key. */
function modelFingerprint(pipeline: Pipeline): string {
  const hash = createHash('sha256');
  for (const stage of pipeline.stages) {
    const options = stage.options as { model?: unknown; modelId?: unknown };
    if (typeof options.model !== 'string' || typeof options.modelId !== 'string') continue;
    const dir = join(dirname(pipeline.file), options.model, options.modelId);
    const walk = (path: string): void => {
      let info;
      try {
        info = statSync(path);
      } catch {
        hash.update(`${path}\0absent\0`);
        return;
      }
      if (info.isDirectory()) for (const name of readdirSync(path).sort()) walk(join(path, name));
      else hash.update(`${path}\0${info.size}\0${info.mtimeMs}\0`);
    };
    walk(dir);
  }
  return hash.digest('hex');
}

/** The configuration part of a key: code, pipeline file, data files and models. */
export function configFingerprint(pipeline: Pipeline): string {
  return createHash('sha256').update(codeFingerprint()).update(pipeline.fingerprint).update(modelFingerprint(pipeline)).digest('hex');
}

/** The cache key of one input: configuration, path, id and content. */
export function entryKey(config: string, path: string, id: string, renamedFrom: string | null, sha256: string): string {
  return createHash('sha256').update(`${config}\0${path}\0${id}\0${renamedFrom ?? ''}\0${sha256}`).digest('hex');
}

/**
 * A content-addressed store of entries: `<dir>/entries/<key[0..2]>/<key>.json` holds an
 * input's summary and table rows. Records are not stored: they are in the dataset folder,
 * and one edited or deleted there is ingested again. Entries are written atomically, so a
 * killed build leaves whole entries or none; an entry that does not parse is a miss.
 */
export class EntryStore {
  constructor(readonly dir: string) {}

  private path(key: string): string {
    return join(this.dir, 'entries', key.slice(0, 2), `${key}.json`);
  }

  /** Stores an entry's summary and rows under its key. */
  async put(key: string, entry: Pick<Entry, 'summary' | 'rows'>): Promise<void> {
    // Synchronous: one small file an input, cheaper than three thread-pool round trips.
    writeAtomicSync(this.path(key), JSON.stringify({ summary: entry.summary, rows: entry.rows }), join(this.dir, '.staging'));
  }

  /** The summary and rows of an entry, or null when it is not stored (or unreadable). */
  async meta(key: string): Promise<Pick<Entry, 'summary' | 'rows'> | null> {
    try {
      return JSON.parse(await readFile(this.path(key), 'utf8')) as Pick<Entry, 'summary' | 'rows'>;
    } catch {
      return null;
    }
  }

  /** Deletes every entry whose key is not in `keep` (after a build: what it did not use). */
  async prune(keep: ReadonlySet<string>): Promise<void> {
    const root = join(this.dir, 'entries');
    const fans = await readdirSafe(root);
    for (const fan of fans) {
      for (const name of await readdirSafe(join(root, fan))) {
        const key = name.slice(0, name.indexOf('.'));
        if (!keep.has(key)) await rm(join(root, fan, name), { force: true });
      }
    }
    await rm(join(this.dir, '.staging'), { recursive: true, force: true });
  }
}

async function readdirSafe(dir: string): Promise<string[]> {
  return (await readdir(dir).catch(() => [] as string[])).sort();
}

/** What a build remembers about one input between runs. */
export interface InputState {
  /** File identity when it was hashed: a match skips reading and hashing it again. */
  stat: string;
  sha256: string;
  key: string;
  summary: InputSummary;
}

/** What a build remembers between runs: its inputs and the output files it left. */
export interface BuildState {
  format: number;
  config: string;
  inputs: Record<string, InputState>;
  /** Output file (relative) → identity when written, to skip re-reading unchanged outputs. */
  outputs: Record<string, string>;
}

/** Loads the state of the last build, or an empty one. */
export async function loadState(dir: string, config: string): Promise<BuildState> {
  try {
    const text = await readFile(join(dir, 'state.json'), 'utf8');
    const state = JSON.parse(text) as BuildState;
    if (state.format === CACHE_FORMAT && state.config === config) return Object.assign(state, { [loadedText]: text });
  } catch {
    // No state, or an unreadable one: start from nothing.
  }
  return { format: CACHE_FORMAT, config, inputs: {}, outputs: {} };
}

const loadedText = Symbol('state.json as read');

/** Saves the state atomically, unless it is what `previous` was read as. */
export async function saveState(dir: string, state: BuildState, previous?: BuildState): Promise<void> {
  const sorted = <T>(record: Record<string, T>) => Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const text = JSON.stringify({ ...state, inputs: sorted(state.inputs), outputs: sorted(state.outputs) });
  if (previous && (previous as { [loadedText]?: string })[loadedText] === text) return;
  await mkdir(dir, { recursive: true });
  await writeAtomic(join(dir, 'state.json'), text, join(dir, '.staging'));
}

/** A file's identity for change detection: size, modification and change times, inode. */
export function fileIdentity(info: { size: bigint; mtimeNs: bigint; ctimeNs: bigint; ino: bigint }): string {
  return `${info.size}:${info.mtimeNs}:${info.ctimeNs}:${info.ino}`;
}
