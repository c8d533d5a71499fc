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

/** The parts of a search entry made ready for the review index (`PreparedSearch`, report/html/search.ts) that a cache entry keeps as texts, in the order they follow the rows. */
const SEARCH_PARTS = ['article', 'items', 'journals', 'references', 'entities'] as const;

/** What an entry's line holds, its texts as `T` (text, or UTF-8 bytes: {@link readEntryBytes}). */
export interface EntryParts<T extends string | Uint8Array> {
  summary: unknown;
  rows: Record<string, T>;
  /** The search entry made ready for the review index, entities as their lines (null: none, the input failed). */
  search: ({ id: string } & Record<(typeof SEARCH_PARTS)[number], T>) | null;
}

/**
 * Stores an entry (an input's summary, table rows and search entry) under its key as one line
 * appended to this thread's pack for the build — a worker stores its own, so only where the line
 * went crosses to the main thread; one file a thread, not one an entry (file creation is costly
 * here; BENCHMARKS.md, "the build cache in packs"). A failure (a full disk) is an OutputError.
 *
 * The line (cache format 7 and 8, keys.ts): `<key> <head>\t<texts>\n`, the head the JSON
 * `{"summary":…,"rows":{"<table>":<bytes>,…},"search":{"id":…,"article":<bytes>,…}}` (`search`
 * null without one), the texts each table's JSON Lines text, then the search entry's parts as the
 * review index splices them (`PreparedSearch`), line feeds written as tabs; the lengths in UTF-8
 * bytes, so a reader cuts the line without counting characters, and a hit's search data is
 * spliced as a worker's, not parsed (~20 KB a hit) and encoded again. JSON holds no raw tab or
 * line feed, so the head ends at the first tab and the line at its one line feed.
 */
export function storeEntry(target: CacheTarget, key: string, entry: EntryParts<string>, fs: WriteFs = realFs): PackSpot {
  const texts: string[] = [];
  const lengths = (parts: Iterable<readonly [string, string]>): string => {
    let json = '';
    for (const [name, text] of parts) {
      json += `${json === '' ? '' : ','}${JSON.stringify(name)}:${Buffer.byteLength(text)}`;
      texts.push(text);
    }
    return `{${json}}`;
  };
  const rows = lengths(Object.entries(entry.rows));
  const search = entry.search;
  const searchHead = search === null ? 'null' : `{"id":${JSON.stringify(search.id)},${lengths(SEARCH_PARTS.map((part) => [part, search[part]] as const)).slice(1)}`;
  // The texts' line feeds made tabs in the encoded bytes ({@link tabbed}), not by a copy of each text.
  return append(target, tabbed(utf8Of([key, ' {"summary":', JSON.stringify(entry.summary), ',"rows":', rows, ',"search":', searchHead, '}\t', ...texts, '\n'])), fs);
}

/**
 * `bytes` with every line feed but the last written as a tab, in place: an entry's line encoded
 * with its texts' line feeds as they are ({@link storeEntry}). A line feed's byte, 0x0A, stands
 * in UTF-8 only for U+000A (every byte of a longer sequence is 0x80 or more), and the key and head
 * before the texts hold none (JSON escapes it), so these are exactly the texts' line feeds: the
 * same bytes as encoding `text.replaceAll('\n', '\t')`, without that copy of each text (V8 builds
 * it as a string of joined parts, which the encoding then copies flat once more: ~150 KB an article
 * of the bench's corpus; BENCHMARKS.md, "fewer allocations in the pipeline").
 */
export function tabbed(bytes: Uint8Array): Uint8Array {
  const last = bytes.length - 1;
  for (let at = bytes.indexOf(0x0a); at !== -1 && at < last; at = bytes.indexOf(0x0a, at + 1)) bytes[at] = 0x09;
  return bytes;
}

/**
 * An entry's summary, rows and search entry as text, from its line's bytes after the key
 * (`line[start]` to the line feed that ends it, {@link storeEntry}), or null when it is not a line
 * of that layout (a torn or garbled line). `line` is changed ({@link readEntryBytes}).
 */
export function readEntry(line: Uint8Array, start: number): EntryParts<string> | null {
  const entry = readEntryBytes(line, start);
  if (entry === null) return null;
  const text = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const rows: Record<string, string> = {};
  for (const [table, bytes] of Object.entries(entry.rows)) rows[table] = text(bytes);
  const search = entry.search;
  return { summary: entry.summary, rows, search: search && { id: search.id, article: text(search.article), items: text(search.items), journals: text(search.journals), references: text(search.references), entities: text(search.entities) } };
}

/**
 * An entry's head and its texts as UTF-8 bytes, read from its line's bytes after the key
 * (`line[start]` to the line feed that ends it, {@link storeEntry}), or null when it is not a line
 * of that layout. What a build that makes its tables and index again takes of a hit: the rows go
 * to the tables and the search entry's parts to the index as they are (bytes, as a worker's do),
 * not decoded into strings — each text a view of `line`, its tabs made line feeds in `line` itself
 * (a tab byte is never part of another character's UTF-8; `line` is the caller's, and changed).
 * A length that does not fit the line, or a text that would start or end inside a character, is
 * no entry.
 */
export function readEntryBytes(line: Uint8Array, start: number): EntryParts<Uint8Array> | null {
  const end = line.length - 1;
  if (end < start || line[end] !== 0x0a) return null;
  const tab = line.indexOf(0x09, start);
  if (tab === -1 || tab >= end) return null;
  const head = JSON.parse(Buffer.from(line.buffer, line.byteOffset + start, tab - start).toString('utf8')) as { summary?: unknown; rows?: unknown; search?: unknown };
  let at = tab + 1;
  const next = (length: unknown): Uint8Array | null => {
    if (!Number.isSafeInteger(length) || (length as number) < 0 || at + (length as number) > end) return null;
    const from = at;
    at += length as number;
    // Whole characters: neither end inside one (a continuation byte is 10xxxxxx).
    if ((from < at && (line[from]! & 0xc0) === 0x80) || (at < end && (line[at]! & 0xc0) === 0x80)) return null;
    const text = line.subarray(from, at);
    for (let i = text.indexOf(0x09); i !== -1; i = text.indexOf(0x09, i + 1)) text[i] = 0x0a;
    return text;
  };
  const lengths = head.rows;
  if (typeof lengths !== 'object' || lengths === null || Array.isArray(lengths)) return null;
  const rows: Record<string, Uint8Array> = {};
  for (const [table, length] of Object.entries(lengths)) {
    const text = next(length);
    if (text === null) return null;
    rows[table] = text;
  }
  let search: EntryParts<Uint8Array>['search'] = null;
  const stored = head.search;
  if (stored !== null) {
    if (typeof stored !== 'object' || typeof (stored as { id?: unknown }).id !== 'string') return null;
    const parts: Partial<Record<(typeof SEARCH_PARTS)[number], Uint8Array>> = {};
    for (const part of SEARCH_PARTS) {
      const text = next((stored as Record<string, unknown>)[part]);
      if (text === null) return null;
      parts[part] = text;
    }
    search = { id: (stored as { id: string }).id, ...(parts as Record<(typeof SEARCH_PARTS)[number], Uint8Array>) };
  }
  return at === end ? { summary: head.summary, rows, search } : null;
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
