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
 * appended to this thread's pack for the build, on the thread that calls it — a worker stores the
 * entries it makes, so their text never crosses to the main thread; what crosses is where the line
 * went. One file a thread and build, not one an entry (creating a file cost ~0.4–0.8 ms of kernel
 * time here after deletions; BENCHMARKS.md, "the build cache in packs"). A failure (a full disk)
 * comes out as an OutputError naming the pack.
 *
 * The line (cache format 6, keys.ts): `<key> <head>\t<rows>\n`, where the head is the JSON
 * `{"summary":…,"search":…,"rows":{"<table>":<length>,…}}` (the search entry being JSON already)
 * and `<rows>` is each table's JSON Lines text, as the tables hold it, one after the other, each
 * line feed written as a tab; the lengths (UTF-16 units) say where each table's text ends. The
 * rows are JSON text already: format 5 escaped each table's text again as a JSON string (~30,000
 * characters an article, ~12 % longer for the escaped quotes), which the next build unescaped.
 * JSON text holds no raw tab or line feed (JSON.stringify escapes every control character), so
 * the head ends at the first tab and the line at its one line feed. Its pieces are encoded one
 * after another, never joined into one string (io/utf8.ts).
 */
export function storeEntry(target: CacheTarget, key: string, entry: { summary: unknown; rows: Readonly<Record<string, string>>; searchJson: string | null }, fs: WriteFs = realFs): PackSpot {
  const pieces = [key, ' {"summary":', JSON.stringify(entry.summary), ',"search":', entry.searchJson ?? 'null', ',"rows":{'];
  const texts: string[] = [];
  for (const [table, text] of Object.entries(entry.rows)) {
    pieces.push(`${texts.length === 0 ? '' : ','}${JSON.stringify(table)}:${text.length}`);
    texts.push(text);
  }
  pieces.push('}}\t', ...texts, '\n');
  return append(target, tabbed(utf8Of(pieces)), fs);
}

/**
 * `bytes` with every line feed but the last written as a tab, in place: an entry's line encoded
 * with its rows' line feeds as they are ({@link storeEntry}). A line feed's byte, 0x0A, stands
 * in UTF-8 only for U+000A (every byte of a longer sequence is 0x80 or more), and the head before
 * the rows holds none (JSON escapes it), so these are exactly the rows' line feeds: the same bytes
 * as encoding `text.replaceAll('\n', '\t')`, without that copy of each table's text (V8 builds it
 * as a string of joined parts, which the encoding then copies flat once more: ~150 KB an article
 * of the bench's corpus; BENCHMARKS.md, "fewer allocations in the pipeline").
 */
export function tabbed(bytes: Uint8Array): Uint8Array {
  const last = bytes.length - 1;
  for (let at = bytes.indexOf(0x0a); at !== -1 && at < last; at = bytes.indexOf(0x0a, at + 1)) bytes[at] = 0x09;
  return bytes;
}

/**
 * An entry's summary, rows and search entry from the text of its line after the key (`<head>\t<rows>`,
 * {@link storeEntry}), or null when it is not a line of that layout (a torn or garbled line).
 */
export function readEntry<T extends { rows: Record<string, string> }>(text: string): T | null {
  const tab = text.indexOf('\t');
  if (tab === -1) return null;
  const head = JSON.parse(text.slice(0, tab)) as Omit<T, 'rows'> & { rows?: unknown };
  const lengths = head.rows;
  if (typeof lengths !== 'object' || lengths === null) return null;
  const rows: Record<string, string> = {};
  let at = tab + 1;
  for (const [table, length] of Object.entries(lengths)) {
    if (!Number.isSafeInteger(length) || length < 0 || at + (length as number) > text.length) return null;
    rows[table] = text.slice(at, (at += length as number)).replaceAll('\t', '\n');
  }
  return at === text.length ? ({ ...head, rows } as T) : null;
}

/**
 * An entry's head and its rows as UTF-8 bytes, read from its line's bytes after the key
 * (`line[start]` to the line feed that ends it, {@link storeEntry}), or null when it is not a line
 * of that layout. What a build that makes its tables again takes of a hit: the rows go to the
 * tables as they are (bytes, as a worker's rows do), not decoded into a string, their tabs turned
 * back into line feeds by a copy of the text and encoded once more — each table's text is the
 * same bytes, its tabs made line feeds in `line` itself (a tab byte is never part of another
 * character's UTF-8; `line` is the caller's, and changed). The lengths are in UTF-16 units, as
 * {@link readEntry} reads them: a character of four bytes is two units, of two or three bytes
 * one.
 */
export function readEntryBytes<T>(line: Uint8Array, start: number): (Omit<T, 'rows'> & { rows: Record<string, Uint8Array> }) | null {
  const end = line.length - 1;
  if (end < start || line[end] !== 0x0a) return null;
  const tab = line.indexOf(0x09, start);
  if (tab === -1 || tab >= end) return null;
  const head = JSON.parse(Buffer.from(line.buffer, line.byteOffset + start, tab - start).toString('utf8')) as Omit<T, 'rows'> & { rows?: unknown };
  const lengths = head.rows;
  if (typeof lengths !== 'object' || lengths === null) return null;
  const rows: Record<string, Uint8Array> = {};
  let at = tab + 1;
  for (const [table, length] of Object.entries(lengths)) {
    if (!Number.isSafeInteger(length) || length < 0) return null;
    const from = at;
    let units = 0;
    while (units < (length as number) && at < end) {
      const byte = line[at]!;
      // A lead or one-byte character counts; a continuation byte does not.
      if ((byte & 0xc0) !== 0x80) units += byte >= 0xf0 ? 2 : 1;
      else if (at === from) return null;
      if (byte === 0x09) line[at] = 0x0a;
      at++;
    }
    while (at < end && (line[at]! & 0xc0) === 0x80) at++;
    if (units !== length) return null;
    rows[table] = line.subarray(from, at);
  }
  return at === end ? { ...head, rows } : null;
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
