import { readdirSync, readFileSync, realpathSync, type Dirent } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempOwner, writeAtomicSync } from '../io/atomic.js';
import { fsFailure, OutputError } from '../io/errors.js';
import { kindOf } from '../io/files.js';
import { realFs, type WriteFs } from '../io/fs.js';
import { processAlive } from '../io/lock.js';
import type { InputSummary } from './entry.js';
import type { RecordRows } from './tables.js';
import type { SearchEntry } from '../report/html/search.js';
import { entryPath, storeEntry, type CacheTarget } from './cache-entry.js';
import { CACHE_FORMAT } from './keys.js';

/** The cache-directory tag (https://bford.info/cachedir/): marks the folder as digest's, and tells backup tools to skip it. */
const TAG = 'CACHEDIR.TAG';
const TAG_TEXT = 'Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by digest-ingest (digest build).\n# For information about cache directory tags, see https://bford.info/cachedir/\n';

const KEY_FILE = /^[0-9a-f]{64}\.json$/;
/** A folder of entries: by the key's first hex digit, or its first two (cache format 3 and before, whose entries prune deletes). */
const FAN = /^[0-9a-f]{1,2}$/;

function entriesOf(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    return [];
  }
}

/**
 * A content-addressed store of entries: `<dir>/entries/<key[0]>/<key>.json` holds an
 * input's summary and table rows. Records are not stored: they are in the dataset folder,
 * and one edited or deleted there is ingested again. Entries are written atomically (a
 * temporary file beside the entry, named by process), so a killed build leaves whole entries
 * or none, and builds sharing a cache folder never clean up each other's files; an entry that
 * does not parse is a miss. The folder carries a CACHEDIR.TAG: a folder without one that holds
 * anything is not digest's, and is neither written nor pruned.
 */
export class EntryStore {
  private constructor(
    readonly dir: string,
    private readonly fs: WriteFs,
    private readonly writable: boolean,
  ) {}

  /**
   * Opens the cache folder. `inOutput`: it is the default `<out>/.cache`, which may not be a
   * symbolic link (digest never writes through a link inside its output folder); a folder given
   * with --cache may itself be a link, as the user named it. A read-only store (--check) never
   * refuses: a cache it cannot trust is simply not read.
   */
  static open(dir: string, options: { inOutput: boolean; write: boolean; fs?: WriteFs | undefined }): EntryStore | null {
    const fs = options.fs ?? realFs;
    let root = resolve(dir);
    const kind = kindOf(root);
    const refuse = (why: string) => {
      if (!options.write) return null;
      throw new OutputError(`${dir} ${why}`);
    };
    if (kind === 'link') {
      if (options.inOutput) return refuse('is a symbolic link: digest never writes or deletes through a link inside its output folder (give --cache DIR to keep the cache elsewhere)');
      root = realpathSync(root);
    } else if (kind === 'file' || kind === 'other') return refuse('is not a folder: it cannot hold the cache');
    if (kindOf(root) === 'folder' && kindOf(join(root, TAG)) !== 'file') {
      const names = entriesOf(root).map((e) => e.name);
      // A cache of an earlier digest (before the tag) is recognised by its layout.
      const earlier = names.every((n) => n === 'entries' || n === 'state.json' || n === '.staging');
      if (!earlier) return refuse(`holds files and is not a digest cache (no ${TAG}): digest will not write or prune there; give --cache an empty or new folder`);
    }
    if (options.write) {
      try {
        fs.mkdirSync(join(root, 'entries'), { recursive: true });
        if (kindOf(join(root, TAG)) !== 'file') fs.writeFileSync(join(root, TAG), TAG_TEXT);
      } catch (error) {
        throw fsFailure(error, 'write the cache in', dir);
      }
    }
    return new EntryStore(root, fs, options.write);
  }

  private path(key: string): string {
    return entryPath(this.dir, key);
  }

  /**
   * Where the thread that ingests an input stores its entry (null for a read-only store): plain
   * data, so a worker thread writes the entry itself and its text never crosses to this thread.
   */
  target(config: string): CacheTarget | null {
    return this.writable ? { dir: this.dir, config } : null;
  }

  /** Stores an entry's summary, rows and search entry under its key (no-op for a read-only store). */
  put(key: string, entry: CachedEntry): void {
    if (this.writable) storeEntry(this.dir, key, { summary: entry.summary, rows: entry.rows, searchJson: JSON.stringify(entry.search ?? null) }, this.fs);
  }

  /** The summary, rows and search entry of an entry, or null when it is not stored (or unreadable). */
  meta(key: string): CachedEntry | null {
    try {
      return JSON.parse(readFileSync(this.path(key), 'utf8')) as CachedEntry;
    } catch {
      return null;
    }
  }

  /**
   * Deletes every entry whose key is not in `keep` (after a build: what it did not use), and
   * temporary files of processes that are gone. Only files named as digest names them, in
   * folders named as digest names them; links and anything else are left alone.
   */
  prune(keep: ReadonlySet<string>): void {
    if (!this.writable) return;
    const root = join(this.dir, 'entries');
    for (const fan of entriesOf(root)) {
      if (!fan.isDirectory() || !FAN.test(fan.name)) continue;
      for (const file of entriesOf(join(root, fan.name))) {
        if (!file.isFile()) continue;
        const owner = tempOwner(file.name);
        const stale = KEY_FILE.test(file.name) ? !keep.has(file.name.slice(0, 64)) : owner !== null && owner !== process.pid && !processAlive(owner);
        if (stale) this.fs.rmSync(join(root, fan.name, file.name), { recursive: true, force: true });
      }
    }
    // The staging folder of digest before 0.2 (its entries are now written beside their place).
    if (kindOf(join(this.dir, '.staging')) === 'folder') this.fs.rmSync(join(this.dir, '.staging'), { recursive: true, force: true });
  }

  /** Loads the state of the last build, or an empty one. */
  loadState(config: string): BuildState {
    try {
      const text = readFileSync(join(this.dir, 'state.json'), 'utf8');
      const state = JSON.parse(text) as BuildState;
      if (state.format === CACHE_FORMAT && state.config === config) return Object.assign(state, { [loadedText]: text });
    } catch {
      // No state, or an unreadable one: start from nothing.
    }
    return emptyState(config);
  }

  /** Saves the state atomically, unless it is what `previous` was read as. */
  saveState(state: BuildState, previous?: BuildState): void {
    if (!this.writable) return;
    const sorted = <T>(record: Record<string, T>) => Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const text = JSON.stringify({ ...state, inputs: sorted(state.inputs), outputs: sorted(state.outputs) });
    if (previous && (previous as { [loadedText]?: string })[loadedText] === text) return;
    writeAtomicSync(join(this.dir, 'state.json'), text, undefined, this.fs);
  }
}

/** What the cache keeps of an input under its key (cache-entry.ts writes it). */
export interface CachedEntry {
  summary: InputSummary;
  rows: RecordRows;
  /** Absent in entries of a digest before the review index's search. */
  search?: SearchEntry | null;
}

const loadedText = Symbol('state.json as read');

/** A state that knows nothing: every input is hashed and looked up. */
export function emptyState(config: string): BuildState {
  return { format: CACHE_FORMAT, config, inputs: {}, outputs: {} };
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
  /** Output file (relative) → `source|identity` when written, to skip re-reading unchanged outputs. */
  outputs: Record<string, string>;
}
