import { join } from 'node:path';
import { withFolder } from '../io/atomic.js';
import { fsFailure } from '../io/errors.js';
import { realFs, type WriteFs } from '../io/fs.js';
import { utf8Of, writeAll } from '../io/utf8.js';

/** The folder of a cache folder `dir` that holds its packs and their indexes. */
export function packsDir(dir: string): string {
  return join(dir, 'packs');
}

/** A pack's file name: `<pid>-<thread>-<n>.pack`, the process and thread that wrote it, and its count in that thread. */
export const PACK_NAME = /^(\d+)-\d+-\d+\.pack$/;

/**
 * Where an entry lies: in which pack (its file name), at which byte, how many bytes (its whole
 * line, the newline included). Small plain data: a worker sends it back with its result, so the
 * build knows where every entry it made went without the entry's text crossing threads.
 */
export interface PackSpot {
  pack: string;
  offset: number;
  length: number;
}

/**
 * Where the thread that ingests an input stores its cache entry: the cache folder, the build's
 * config (half of the entry's key) and the build (each thread appends a build's entries to one
 * pack of its own). Plain data, so it crosses to worker threads.
 */
export interface CacheTarget {
  dir: string;
  config: string;
  /** Which build of this process: a thread's entries of one build go into one pack. */
  build: string;
}

/** A pack this thread appends to for one build. */
interface PackWriter {
  name: string;
  fd: number;
  /** Bytes written: where the next entry starts (only this writer writes the pack: it made it, exclusively). */
  size: number;
  /** Why a write failed: the pack's end is then unknown, and nothing more is written to it. */
  broken: Error | null;
  fs: WriteFs;
}

/** This thread's packs, by cache folder and build. */
const writers = new Map<string, PackWriter>();
let packCounter = 0;
let thread: number | undefined;

/**
 * This thread's pack for a build, made on its first entry: a new file, created exclusively under
 * a name no other process or thread uses (a name a dead process left, its pid reused, is skipped),
 * kept open until the build ends ({@link closePacks}; a worker's descriptors close with it).
 */
function writerFor(target: CacheTarget, fs: WriteFs): PackWriter {
  const id = `${target.dir}\0${target.build}`;
  let writer = writers.get(id);
  if (writer) {
    if (writer.broken) throw writer.broken;
    return writer;
  }
  thread ??= process.getBuiltinModule('node:worker_threads').threadId;
  const dir = packsDir(target.dir);
  for (;;) {
    const name = `${process.pid}-${thread}-${++packCounter}.pack`;
    let fd: number;
    try {
      fd = openNew(fs, dir, join(dir, name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw fsFailure(error, 'write', join(dir, name));
    }
    writer = { name, fd, size: 0, broken: null, fs };
    writers.set(id, writer);
    return writer;
  }
}

function openNew(fs: WriteFs, dir: string, path: string): number {
  let fd = -1;
  // 'wx': O_CREAT | O_EXCL, which never follows a link standing at that name.
  withFolder(fs, dir, () => void (fd = fs.openSync(path, 'wx')));
  return fd;
}

/**
 * Appends one line to this thread's pack for the build and says where it went. A failure (a full
 * disk) comes out as an OutputError naming the pack, and the pack takes nothing more: a torn last
 * line is what a reader of the pack skips.
 */
function append(target: CacheTarget, text: Uint8Array | readonly string[], fs: WriteFs): PackSpot {
  const writer = writerFor(target, fs);
  const bytes = text instanceof Uint8Array ? text : utf8Of(text);
  try {
    writeAll(writer.fs, writer.fd, bytes);
  } catch (error) {
    writer.broken = fsFailure(error, 'write', join(packsDir(target.dir), writer.name));
    throw writer.broken;
  }
  const spot = { pack: writer.name, offset: writer.size, length: bytes.length };
  writer.size += bytes.length;
  return spot;
}

/**
 * Stores an entry (an input's summary, table rows and search entry) under its key, as one line
 * `<key> <json>\n` appended to this thread's pack for the build, on the thread that calls it — a
 * worker stores the entries it makes, so their text never crosses to the main thread; what
 * crosses is where the line went. One file a thread and build, not one an entry (creating a file
 * cost ~0.4–0.8 ms of kernel time here after deletions; BENCHMARKS.md, "the build cache in packs").
 * A failure (a full disk) comes out as an OutputError naming the pack.
 */
export function storeEntry(target: CacheTarget, key: string, entry: { summary: unknown; rows: unknown; searchJson: string | null }, fs: WriteFs = realFs): PackSpot {
  // The text of JSON.stringify({ summary, rows, search }), the search entry being JSON already:
  // its pieces encoded one after another, never joined into one string (io/utf8.ts). JSON text
  // holds no raw newline, so each entry is one line.
  return append(target, [key, ' {"summary":', JSON.stringify(entry.summary), ',"rows":', JSON.stringify(entry.rows), ',"search":', entry.searchJson ?? 'null', '}\n'], fs);
}

/** Appends an entry's line as it was read from another pack (prune's compaction), on this thread. */
export function storeLine(target: CacheTarget, line: Uint8Array, fs: WriteFs = realFs): PackSpot {
  return append(target, line, fs);
}

/** Closes this thread's packs of a build (nothing more is appended to them). */
export function closePacks(target: CacheTarget): void {
  const id = `${target.dir}\0${target.build}`;
  const writer = writers.get(id);
  if (!writer) return;
  writers.delete(id);
  try {
    writer.fs.closeSync(writer.fd);
  } catch {
    // Written synchronously already: a failing close loses nothing.
  }
}
