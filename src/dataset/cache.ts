import { createHash } from 'node:crypto';
import { closeSync, constants, lstatSync, openSync, readdirSync, readFileSync, readSync, realpathSync, type Dirent } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempOwner, writeAtomicPiecesSync, writeAtomicSync } from '../io/atomic.js';
import { fsFailure, OutputError } from '../io/errors.js';
import { kindOf, readPlainFile } from '../io/files.js';
import { realFs, type WriteFs } from '../io/fs.js';
import { processAlive } from '../io/lock.js';
import type { InputSummary } from './entry.js';
import type { RecordRows } from './tables.js';
import type { PreparedSearch } from '../report/html/search.js';
import { closePacks, PACK_NAME, packsDir, readEntry, readEntryBytes, storeEntry, storeLine, type CacheTarget, type EntryParts, type PackSpot } from './cache-entry.js';
import { CACHE_FORMAT } from './keys.js';
import { SpotTable } from './spot-table.js';
import type { ChangesSummary } from './changes.js';

/** The cache-directory tag (https://bford.info/cachedir/): marks the folder as digest's, and tells backup tools to skip it. */
const TAG = 'CACHEDIR.TAG';
const TAG_TEXT = 'Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by digest-ingest (digest build).\n# For information about cache directory tags, see https://bford.info/cachedir/\n';

const KEY_FILE = /^[0-9a-f]{64}\.json$/;
/** A folder of entries of cache format 4 and before (by the key's first hex digit, or its first two), which prune deletes. */
const FAN = /^[0-9a-f]{1,2}$/;
/** A pack's index: `<pack's name>.idx`. */
const INDEX_NAME = /^(\d+)-\d+-\d+\.idx$/;
/** The first line of a pack's index; each line after it is `<key> <offset> <length>`. */
const INDEX_HEAD = 'digest-pack-index 1';
const INDEX_LINE = /^([0-9a-f]{64}) (\d{1,15}) (\d{1,15})$/;
const HEX_KEY = /^[0-9a-f]{64} $/;
/** A pack whose live entries are less than this share of its bytes is compacted by prune. */
const COMPACT_BELOW = 0.5;
/** More packs than this (besides a build's own) after a prune, and the smallest are merged into the build's, down to half as many. */
const MAX_PACKS = 16;

function entriesOf(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    return [];
  }
}

function indexName(pack: string): string {
  return pack.replace(/\.pack$/, '.idx');
}

/** The process a pack or index name says wrote it. */
function ownerOf(name: string): number {
  return Number((PACK_NAME.exec(name) ?? INDEX_NAME.exec(name))![1]);
}

/** What the store knows of a pack on disk: its size, whether it has an index, every entry in it. */
interface PackInfo {
  size: number;
  indexed: boolean;
  entries: [key: string, offset: number, length: number][];
}

/** The state of the last build, in a cache kept in its output folder (`<out>/.cache`); an earlier digest named it so in every cache. */
const STATE = 'state.json';

/**
 * The file holding the state of the last build into `outDir`: `state.json` in the output folder's
 * cache; in one named with --cache, which may serve several folders (shards), one a folder, named
 * by its path's hash — one state for all made each build forget the others' outputs, and ingest
 * everything again.
 */
export function stateFileName(outDir: string | null): string {
  return outDir === null ? STATE : `state-${createHash('sha256').update(resolve(outDir)).digest('hex').slice(0, 16)}.json`;
}

/** Builds of this process so far: each writes packs of its own. */
let builds = 0;

/**
 * A content-addressed store of entries (an input's summary, table rows and search entry) by key;
 * records stay in the dataset folder. Each thread that ingests appends its entries to a pack of
 * its own, `<dir>/packs/<pid>-<thread>-<n>.pack`, a line each (cache-entry.ts), and the build
 * writes each new pack's index (`.idx`: key, offset, length) at its end; a pack without one (a
 * killed build) is scanned once, a torn last line skipped; an unreadable entry is a miss. The
 * folder carries a CACHEDIR.TAG: a folder without one that holds anything is never written.
 */
export class EntryStore {
  /** Every entry's place in the packs found on disk, read from their indexes (or the packs) on first need ({@link EntryStore.spotOf}). */
  private index: Map<string, PackSpot> | null = null;
  private packs = new Map<string, PackInfo>();
  /**
   * Entries this build wrote (or copied), by key: their packs are the build's, never pruned by it.
   * A table of a few numbers an entry, not a map of strings and objects: it is held while the inputs run.
   */
  private readonly fresh = new SpotTable();
  /** Packs opened for reading, kept open until the build ends (null: it could not be opened). */
  private readonly readers = new Map<string, number | null>();
  private readonly build = `${process.pid}-${++builds}`;

  private constructor(
    readonly dir: string,
    private readonly fs: WriteFs,
    private readonly writable: boolean,
    /** The file of the state of the builds into this store's output folder ({@link stateFileName}). */
    private readonly stateFile: string,
  ) {}

  /**
   * Opens the cache folder. `inOutput`: it is the default `<out>/.cache`, which may not be a
   * symbolic link (digest never writes through a link inside its output folder); a folder given
   * with --cache may itself be a link, as the user named it; its `packs` folder may not. A
   * read-only store (--check) never refuses: a cache it cannot trust is simply not read.
   * `outDir`: the output folder of the build that opens it, whose state it loads and saves (not
   * needed for a cache in the output folder).
   */
  static open(dir: string, options: { inOutput: boolean; write: boolean; fs?: WriteFs | undefined; outDir?: string | undefined }): EntryStore | null {
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
    const packs = kindOf(packsDir(root));
    if (packs !== 'folder' && packs !== 'absent') {
      if (!options.write) return null;
      throw new OutputError(`${join(dir, 'packs')} is not a folder digest made (a link, or a file): digest will not write or prune there`);
    }
    if (options.write) {
      try {
        fs.mkdirSync(packsDir(root), { recursive: true });
        if (kindOf(join(root, TAG)) !== 'file') fs.writeFileSync(join(root, TAG), TAG_TEXT);
      } catch (error) {
        throw fsFailure(error, 'write the cache in', dir);
      }
    }
    return new EntryStore(root, fs, options.write, stateFileName(options.inOutput || options.outDir === undefined ? null : options.outDir));
  }

  /**
   * Where the thread that ingests an input stores its entry (null for a read-only store): plain
   * data, so a worker thread writes the entry itself and its text never crosses to this thread.
   * The thread says where it went, and the build tells the store ({@link EntryStore.stored}).
   */
  target(config: string): CacheTarget | null {
    return this.writable ? { dir: this.dir, config, build: this.build } : null;
  }

  /** Notes where an entry of this build went (a thread's answer): the index written when the build ends lists it. */
  stored(key: string, spot: PackSpot): void {
    this.fresh.set(key, spot);
  }

  /** Stores an entry's summary, rows and search entry under its key, on this thread (no-op for a read-only store). */
  put(key: string, entry: CachedEntry): void {
    if (this.writable) this.stored(key, storeEntry(this.target('')!, key, entry, this.fs));
  }

  /** Whether the store holds no entry at all (a cold build's: no input can be a hit, so none need be hashed to look it up). */
  holdsNone(): boolean {
    return this.fresh.size === 0 && this.load().size === 0;
  }

  /** The summary, rows and search entry of an entry, or null when it is not stored (or unreadable). */
  meta(key: string): CachedEntry | null {
    return this.entryLine(key, (line) => readEntry(line, 65) as CachedEntry | null);
  }

  /**
   * The rows (each table's UTF-8 bytes, {@link readEntryBytes}) and search entry made ready for
   * the review index (its parts' UTF-8 bytes) of an entry, or null when it is not stored (or
   * unreadable): what a build that makes its tables and index again takes of a hit, spliced as a
   * worker's are, never decoded into text. An entry {@link meta} reads is read here alike.
   */
  reused(key: string): { rows: Record<string, Uint8Array>; search: PreparedSearch | null } | null {
    return this.entryLine(key, (line) => {
      const entry = readEntryBytes(line, 65);
      return entry && { rows: entry.rows, search: entry.search };
    });
  }

  /** What `read` makes of the line stored under `key` (its key checked), or null when it is not stored, cannot be read or does not parse. */
  private entryLine<T>(key: string, read: (line: Buffer) => T | null): T | null {
    const spot = this.spotOf(key);
    if (!spot) return null;
    try {
      const line = this.read(spot);
      if (line === null || line.toString('latin1', 0, 65) !== `${key} `) return null;
      return read(line);
    } catch {
      return null;
    }
  }

  /** An entry's line as stored (its newline included), or null when the pack does not hold that many bytes there. */
  private read(spot: PackSpot): Buffer | null {
    let fd = this.readers.get(spot.pack);
    if (fd === undefined) {
      try {
        fd = openSync(join(packsDir(this.dir), spot.pack), constants.O_RDONLY | constants.O_NOFOLLOW);
      } catch {
        fd = null;
      }
      this.readers.set(spot.pack, fd);
    }
    if (fd === null || spot.length < 66) return null;
    const line = Buffer.allocUnsafe(spot.length);
    let filled = 0;
    while (filled < spot.length) {
      const n = readSync(fd, line, filled, spot.length - filled, spot.offset + filled);
      if (n === 0) return null;
      filled += n;
    }
    return line[spot.length - 1] === 0x0a ? line : null;
  }

  /** Where the entry under `key` is: where this build put it, else where the packs on disk hold it. */
  private spotOf(key: string): PackSpot | undefined {
    return this.fresh.get(key) ?? this.load().get(key);
  }

  /** Every entry's place in the packs on disk: each pack's index, or the pack itself when it has none (read once). */
  private load(): Map<string, PackSpot> {
    if (this.index) return this.index;
    const index = new Map<string, PackSpot>();
    const dir = packsDir(this.dir);
    const files = kindOf(dir) === 'folder' ? entriesOf(dir).filter((e) => e.isFile()) : [];
    const indexes = new Set(files.map((e) => e.name).filter((n) => INDEX_NAME.test(n)));
    for (const file of files) {
      if (!PACK_NAME.test(file.name)) continue;
      const info = (indexes.has(indexName(file.name)) && this.readIndex(file.name)) || this.scan(file.name);
      if (info === null) continue;
      this.packs.set(file.name, info);
      for (const [key, offset, length] of info.entries) index.set(key, { pack: file.name, offset, length });
    }
    this.index = index;
    return index;
  }

  /** A pack's index, or null when it is not one (then the pack is scanned). */
  private readIndex(pack: string): PackInfo | null {
    try {
      const size = lstatSync(join(packsDir(this.dir), pack)).size;
      const read = readPlainFile(join(packsDir(this.dir), indexName(pack)));
      if (read.bytes === null) return null;
      const lines = read.bytes.toString('utf8').split('\n');
      if (lines[0] !== INDEX_HEAD || lines.at(-1) !== '') return null;
      const entries: PackInfo['entries'] = [];
      for (const line of lines.slice(1, -1)) {
        const match = INDEX_LINE.exec(line);
        if (!match) return null;
        entries.push([match[1]!, Number(match[2]), Number(match[3])]);
      }
      return { size, indexed: true, entries };
    } catch {
      return null;
    }
  }

  /** A pack without an index, read line by line for the key that starts each (a torn last line, with no newline, is no entry). */
  private scan(pack: string): PackInfo | null {
    let fd: number;
    try {
      fd = openSync(join(packsDir(this.dir), pack), constants.O_RDONLY | constants.O_NOFOLLOW);
    } catch {
      return null;
    }
    const entries: PackInfo['entries'] = [];
    let size = 0;
    try {
      const chunk = Buffer.allocUnsafe(1 << 20);
      const head = Buffer.allocUnsafe(65);
      let start = 0;
      for (;;) {
        const n = readSync(fd, chunk, 0, chunk.length, size);
        if (n === 0) break;
        for (let at = chunk.indexOf(0x0a); at !== -1 && at < n; at = chunk.indexOf(0x0a, at + 1)) {
          const end = size + at + 1;
          if (end - start >= 66 && readSync(fd, head, 0, 65, start) === 65) {
            const text = head.toString('latin1', 0, 65);
            if (HEX_KEY.test(text)) entries.push([text.slice(0, 64), start, end - start]);
          }
          start = end;
        }
        size += n;
      }
    } catch {
      // What was read before the failure stands.
    } finally {
      closeSync(fd);
    }
    return { size, indexed: false, entries };
  }

  /**
   * Writes the index of every pack this build wrote (its entries' keys and places), so the next
   * build reads one small file a pack instead of scanning it, and closes the build's packs.
   */
  seal(): void {
    if (!this.writable) return;
    closePacks(this.target('')!);
    const byPack = new Map<string, [key: string, spot: PackSpot][]>();
    for (const [key, spot] of this.fresh.entries()) {
      const spots = byPack.get(spot.pack);
      if (spots) spots.push([key, spot]);
      else byPack.set(spot.pack, [[key, spot]]);
    }
    for (const [pack, spots] of [...byPack].sort(([a], [b]) => (a < b ? -1 : 1))) {
      spots.sort(([, a], [, b]) => a.offset - b.offset);
      const text = [INDEX_HEAD, ...spots.map(([key, s]) => `${key} ${s.offset} ${s.length}`), ''].join('\n');
      writeAtomicSync(join(packsDir(this.dir), indexName(pack)), text, undefined, this.fs);
    }
    // Written down: what the store knew of every entry is let go (~0.1 KB an input, while the
    // build hands its inputs over); a later lookup reads the indexes again.
    this.fresh.clear();
    this.index = null;
    this.packs.clear();
  }

  /** Closes what the store holds open: the packs it read, the packs this thread wrote for the build. */
  close(): void {
    for (const fd of this.readers.values()) {
      try {
        if (fd !== null) closeSync(fd);
      } catch {
        // Only read: nothing is lost.
      }
    }
    this.readers.clear();
    if (this.writable) closePacks(this.target('')!);
  }

  /**
   * After a full build, with `keep` the keys it used: deletes each pack with no entry kept,
   * compacts one mostly dead (its kept entries copied into this build's pack) and, past
   * {@link MAX_PACKS}, the smallest (as git's `gc --auto`), so an incremental build's packs do not
   * pile up; deletes gone processes' temporary files and indexes, and format-4 entries. Never a
   * live process's pack (a shard), one of this process not yet indexed, a link, or a name digest
   * does not write. `keep` may be a function making the set, called only where a pack of an
   * earlier build is looked into: a first build (every pack its own) reads no input's state for it.
   */
  prune(keep: ReadonlySet<string> | (() => ReadonlySet<string>)): void {
    if (!this.writable) return;
    this.pruneEntries();
    const dir = packsDir(this.dir);
    if (kindOf(dir) !== 'folder') return;
    this.load(); // the packs on disk, each one's entries
    const freshPacks = this.fresh.packs();
    const remaining: { pack: string; live: PackInfo['entries']; bytes: number }[] = [];
    let kept: ReadonlySet<string> | null = typeof keep === 'function' ? null : keep;
    for (const [pack, info] of this.packs) {
      if (freshPacks.has(pack)) continue;
      const owner = ownerOf(pack);
      if (owner === process.pid ? !info.indexed : processAlive(owner)) continue;
      const keys = (kept ??= (keep as () => ReadonlySet<string>)());
      // An entry is live when it is kept and this is the copy the index serves.
      const live = info.entries.filter(([key, offset]) => {
        const spot = this.spotOf(key);
        return keys.has(key) && spot?.pack === pack && spot.offset === offset;
      });
      const bytes = live.reduce((n, [, , length]) => n + length, 0);
      if (live.length > 0 && bytes >= info.size * COMPACT_BELOW) remaining.push({ pack, live, bytes });
      else this.compact(pack, live);
    }
    if (remaining.length > MAX_PACKS) {
      remaining.sort((a, b) => a.bytes - b.bytes || (a.pack < b.pack ? -1 : 1));
      for (const { pack, live } of remaining.slice(0, remaining.length - MAX_PACKS / 2)) this.compact(pack, live);
    }
    const names = new Set(entriesOf(dir).filter((e) => e.isFile()).map((e) => e.name));
    for (const name of names) {
      const owner = tempOwner(name);
      // A temporary file of a dead process; an index whose pack is gone (its process too).
      const stale = owner !== null ? owner !== process.pid && !processAlive(owner) : INDEX_NAME.test(name) && !names.has(name.replace(/\.idx$/, '.pack')) && ownerOf(name) !== process.pid && !processAlive(ownerOf(name));
      if (stale) this.fs.rmSync(join(dir, name), { recursive: true, force: true });
    }
    // The staging folder of digest before 0.2 (its entries are now written beside their place).
    if (kindOf(join(this.dir, '.staging')) === 'folder') this.fs.rmSync(join(this.dir, '.staging'), { recursive: true, force: true });
  }

  /** Copies a pack's `live` entries into this build's pack (none: nothing to copy), then deletes the pack and its index. */
  private compact(pack: string, live: PackInfo['entries']): void {
    const index = this.load();
    for (const [key, offset, length] of live) {
      const line = this.read({ pack, offset, length });
      // An unreadable entry is a miss anyway: it is not copied.
      if (line !== null && line.toString('latin1', 0, 65) === `${key} `) this.stored(key, storeLine(this.target('')!, line, this.fs));
      else index.delete(key);
    }
    const fd = this.readers.get(pack);
    if (fd !== undefined && fd !== null) closeSync(fd);
    this.readers.delete(pack);
    const dir = packsDir(this.dir);
    // The pack first: an index left without its pack (killed here) is deleted by the next prune.
    this.fs.rmSync(join(dir, pack), { recursive: true, force: true });
    this.fs.rmSync(join(dir, indexName(pack)), { recursive: true, force: true });
    this.packs.delete(pack);
  }

  /**
   * Deletes the entries of cache format 4 and before (`entries/<fan>/<key>.json`, a file an
   * entry), temporary files of processes that are gone there, and the folders left empty.
   */
  private pruneEntries(): void {
    const root = join(this.dir, 'entries');
    if (kindOf(root) !== 'folder') return;
    for (const fan of entriesOf(root)) {
      if (!fan.isDirectory() || !FAN.test(fan.name)) continue;
      const folder = join(root, fan.name);
      for (const file of entriesOf(folder)) {
        if (!file.isFile()) continue;
        const owner = tempOwner(file.name);
        if (KEY_FILE.test(file.name) || (owner !== null && owner !== process.pid && !processAlive(owner))) this.fs.unlinkSync(join(folder, file.name));
      }
      if (entriesOf(folder).length === 0) this.fs.rmSync(folder, { recursive: true, force: true });
    }
    if (entriesOf(root).length === 0) this.fs.rmSync(root, { recursive: true, force: true });
  }

  /**
   * Loads the state of the last build into this store's output folder, or an empty one. A cache
   * named with --cache that has no state of that folder yet may have the one `state.json` of an
   * earlier digest: it is read instead (its remembered outputs are checked file by file, so a state
   * of another folder only costs ingesting again, as it did then).
   */
  loadState(config: string): BuildState {
    for (const name of this.stateFile === STATE ? [STATE] : [this.stateFile, STATE]) {
      let text: string;
      try {
        text = readFileSync(join(this.dir, name), 'utf8');
      } catch {
        continue; // none of that name
      }
      try {
        const state = JSON.parse(text) as BuildState;
        if (state.format === CACHE_FORMAT && state.config === config) return Object.assign(state, { [loadedHere]: name === this.stateFile });
      } catch {
        // An unreadable state: start from nothing.
      }
      return emptyState(config);
    }
    return emptyState(config);
  }

  /** Saves the state atomically. */
  saveState(state: BuildState): void {
    this.saveStateFrom(state, function* () {
      for (const [path, input] of sortedEntries(state.inputs)) yield [path, JSON.stringify(input)] as const;
    });
  }

  /**
   * Saves a state whose inputs come one at a time, in path order (sorted as strings), each with
   * its JSON text — the build's, read back one by one from where they were set aside, so the state
   * (~3 KB an input) is never whole in memory. The same text as JSON.stringify of the whole
   * state, `inputs` sorted. A build saves none when nothing changed (build.ts, `sameState`).
   */
  saveStateFrom(state: Pick<BuildState, 'format' | 'config' | 'outputs' | 'changes'>, inputs: () => Iterable<readonly [path: string, json: string]>): void {
    if (!this.writable) return;
    const pieces = function* (): Generator<string> {
      yield `{"format":${JSON.stringify(state.format)},"config":${JSON.stringify(state.config)},"inputs":{`;
      let last: string | null = null;
      for (const [path, json] of inputs()) {
        if (last !== null && !(last < path)) throw new Error(`the state's inputs out of path order: ${path} after ${last}`);
        yield `${last === null ? '' : ','}${JSON.stringify(path)}:${json}`;
        last = path;
      }
      // A member at a time, in JSON.stringify's order: whole, they grew the thread's encoding buffer (io/utf8.ts) for good.
      const outputs = Object.fromEntries(sortedEntries(state.outputs));
      let first = true;
      for (const rel of Object.keys(outputs)) {
        yield `${first ? '},"outputs":{' : ','}${JSON.stringify(rel)}:${JSON.stringify(outputs[rel])}`;
        first = false;
      }
      yield `${first ? '},"outputs":{}' : '}'}${state.changes ? `,"changes":${JSON.stringify(state.changes)}` : ''}}`;
    };
    writeAtomicPiecesSync(join(this.dir, this.stateFile), pieces(), this.fs);
  }
}

/** A record's entries sorted by key (as strings: a JSON object of them lists them so). */
function sortedEntries<T>(record: Record<string, T>): [string, T][] {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** What the cache keeps of an input under its key (cache-entry.ts writes it). */
export interface CachedEntry {
  summary: InputSummary;
  rows: RecordRows;
  /**
   * The search entry made ready for the review index as the build's index encodes it
   * (`prepareSearch` with `jsonForScript`, entities as their lines), null when the input failed.
   */
  search: EntryParts<string>['search'];
}

const loadedHere = Symbol('read from the store\'s own state file');

/** Whether `state` was read from the file its store saves to (not an earlier digest's `state.json`). */
export function ownState(state: BuildState): boolean {
  return (state as { [loadedHere]?: boolean })[loadedHere] === true;
}

/** A state that knows nothing: every input is hashed and looked up. */
export function emptyState(config: string): BuildState {
  return { format: CACHE_FORMAT, config, inputs: {}, outputs: {} };
}

/** An article's change as the next build needs it without reading changes.json: its page's source key (`pageSource`), the index's `changeFact` as JSON ('' without pages). */
export interface KeptChange {
  page: string;
  fact: string;
}

/** What a build remembers about one input between runs. */
export interface InputState {
  /** File identity when it was hashed: a match skips reading and hashing it again. */
  stat: string;
  sha256: string;
  key: string;
  /** Its article's change in the changes.json this build left ({@link BuildState.changes}). */
  change?: KeptChange;
  summary: InputSummary;
}

/** What a build remembers between runs: its inputs and the output files it left. */
export interface BuildState {
  format: number;
  config: string;
  inputs: Record<string, InputState>;
  /** Output file (relative) → `source|identity` when written, to skip re-reading unchanged outputs. */
  outputs: Record<string, string>;
  /** The changes.json this build left (its identity in `outputs`): while in place, each input's `change` is its entry's. */
  changes?: ChangesSummary;
}
