import { dirname, join } from 'node:path';
import { fsFailure } from './errors.js';
import { realFs, type WriteFs } from './fs.js';
import { scratchOf, Utf8Chunks, writeAll } from './utf8.js';

/** Pretty JSON with a final newline: the one serialisation of every JSON file digest writes. */
export function toJson(value: unknown): string {
  const [json, newline] = toJsonPieces(value);
  return json + newline;
}

/**
 * {@link toJson} as two pieces, the JSON and its final newline, for a file written in pieces
 * (io/utf8.ts): a record's JSON is ~150,000 characters, and `json + '\n'` would be copied whole
 * into a new string before it is encoded.
 */
export function toJsonPieces(value: unknown): [json: string, newline: '\n'] {
  return [JSON.stringify(value, null, 2), '\n'];
}

/** The bytes of a line's start at `level`: a line feed and `JSON.stringify`'s indentation there (two spaces a level), made once. */
const lineStarts: Uint8Array[] = [];
function lineStartOf(level: number): Uint8Array {
  return (lineStarts[level] ??= Buffer.from(`\n${'  '.repeat(level)}`, 'latin1'));
}

/**
 * The most member names whose line starts {@link plainJsonUtf8} keeps as bytes (a record's are
 * the schema's few dozen; a value with names of its own, a map, has them made at each use past this).
 */
const MEMBER_STARTS_MAX = 4096;

/** A member's line start by level and name: its line feed, indentation, quoted name and `": "`, as bytes. */
const memberStarts: Map<string, Uint8Array>[] = [];
let memberStartCount = 0;

/** The bytes before a member's value: `\n<indentation>"<name>": ` at `level`. */
function memberStartOf(level: number, name: string): Uint8Array {
  const names = (memberStarts[level] ??= new Map());
  let bytes = names.get(name);
  if (bytes === undefined) {
    bytes = Buffer.from(`\n${'  '.repeat(level)}${JSON.stringify(name)}: `);
    if (memberStartCount < MEMBER_STARTS_MAX) {
      names.set(name, bytes);
      memberStartCount++;
    }
  }
  return bytes;
}

/** A string `JSON.stringify` writes other than as its characters between quotes: a quote, a backslash, a control character, or a surrogate (a lone one is escaped; a pair is sent whole to be safe). */
const ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;

const QUOTE = 0x22;
const COMMA = 0x2c;
const TRUE = Buffer.from('true', 'latin1');
const FALSE = Buffer.from('false', 'latin1');
const NULL = Buffer.from('null', 'latin1');

/** Where {@link plainJsonUtf8} writes: this thread's scratch buffer (or, past its bound, one of its own), and how much of it is written. */
let out: Buffer | null = null;
let at = 0;

/** Makes room for `bytes` more at {@link at}: the scratch buffer grown (what is written copied into it), or past its bound a buffer of its own. */
function room(bytes: number): Buffer {
  const buffer = out!;
  if (at + bytes <= buffer.length) return buffer;
  const grown = scratchOf(Math.max(at + bytes, 2 * buffer.length)) as Buffer;
  if (grown !== buffer) buffer.copy(grown, 0, 0, at);
  return (out = grown);
}

/** Appends bytes made once (a line start, a literal). */
function putBytes(bytes: Uint8Array): void {
  const buffer = room(bytes.length);
  const n = bytes.length;
  // A loop for the few bytes of a line start: `set` costs more to call than it copies.
  if (n <= 32) for (let i = 0; i < n; i++) buffer[at + i] = bytes[i]!;
  else buffer.set(bytes, at);
  at += n;
}

/** Appends a string's JSON: its UTF-8 between two quotes, or `JSON.stringify`'s text when it must be escaped. */
function putString(text: string): void {
  if (ESCAPED.test(text)) {
    const json = JSON.stringify(text);
    at += room(json.length * 3).write(json, at);
    return;
  }
  const buffer = room(text.length * 3 + 2);
  buffer[at++] = QUOTE;
  if (text.length > 0) at += buffer.write(text, at);
  buffer[at++] = QUOTE;
}

/** Appends ASCII text (a number's JSON, which is its `String`) a byte a unit. */
function putAscii(text: string): void {
  const buffer = room(text.length);
  for (let i = 0; i < text.length; i++) buffer[at + i] = text.charCodeAt(i);
  at += text.length;
}

/** Appends the JSON of `value` at `level`, as `JSON.stringify(…, null, 2)` writes it there. */
function putValue(value: unknown, level: number): void {
  switch (typeof value) {
    case 'string':
      putString(value);
      return;
    case 'number':
      putAscii(String(value));
      return;
    case 'boolean':
      putBytes(value ? TRUE : FALSE);
      return;
    default:
  }
  if (value === null) {
    putBytes(NULL);
    return;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) {
      putAscii('[]');
      return;
    }
    room(1)[at++] = 0x5b; // [
    const inner = lineStartOf(level + 1);
    for (let i = 0; i < value.length; i++) {
      if (i > 0) room(1)[at++] = COMMA;
      putBytes(inner);
      putValue(value[i], level + 1);
    }
    putBytes(lineStartOf(level));
    room(1)[at++] = 0x5d; // ]
    return;
  }
  let first = true;
  for (const name in value as object) {
    if (first) {
      room(1)[at++] = 0x7b; // {
      first = false;
    } else room(1)[at++] = COMMA;
    putBytes(memberStartOf(level + 1, name));
    putValue((value as Record<string, unknown>)[name], level + 1);
  }
  if (first) putAscii('{}');
  else {
    putBytes(lineStartOf(level));
    room(1)[at++] = 0x7d; // }
  }
}

/**
 * The bytes of {@link toJson}`(value)` for a value {@link isPlainJson} holds of, written straight
 * into this thread's scratch buffer (io/utf8.ts `scratchOf`; past its bound a buffer of their
 * own) and returned as a view of it, valid until the thread's next use of that buffer: written or
 * compared at once. No text of the JSON is made: `JSON.stringify` of a record made its ~150,000
 * units as parts, flattened and copied again as UTF-16 to be transcoded, ~0.7 MB allocated an
 * article (BENCHMARKS.md, change 131). Line starts and member names are bytes made once, a
 * string is one UTF-8 write between two quotes (`JSON.stringify` of it when it must be escaped),
 * a number its `String`, which is what JSON writes for a finite number.
 */
export function plainJsonUtf8(value: unknown): Uint8Array {
  out = scratchOf(0) as Buffer;
  at = 0;
  try {
    putValue(value, 0);
    room(1)[at++] = 0x0a;
    return out.subarray(0, at);
  } finally {
    out = null; // a buffer of its own is not kept
  }
}

/**
 * The JSON of each of `values` — `values.map(encode)` — from one `encode` of the whole list:
 * one call into JSON.stringify where there were as many as values (a worker's 252 an article of
 * the bench's corpus down to 15: its rows, entity lines and search items; BENCHMARKS.md, "one
 * JSON.stringify for a list"). The list's JSON is cut where one value ends and the next begins,
 * `},{"<first member name>":`. That text only ever stands between two objects of one array
 * (inside a string every `"` is escaped), so when every value is an object whose first member
 * is that name holding a string, number, boolean or null, each boundary between values is one
 * cut, and more cuts than values less one means a nested array of objects starting with the
 * same name: then, and for any other list, each value is encoded alone. `encode` is
 * JSON.stringify, or it followed by escaping single characters other than `{},:"` (html.ts's
 * `jsonForScript`), which turns a list into its values' texts joined by commas.
 */
export function jsonOfEach(values: readonly object[], encode: (value: unknown) => string = JSON.stringify): string[] {
  const name = values.length > 1 ? sharedFirstName(values) : null;
  if (name === null) return values.map((value) => encode(value));
  const all = encode(values);
  const boundary = `},{${encode(name)}:`;
  const texts: string[] = [];
  let start = 1;
  for (let cut = all.indexOf(boundary, start); cut !== -1; cut = all.indexOf(boundary, start)) {
    texts.push(all.slice(start, cut + 1));
    start = cut + 2;
  }
  if (texts.length !== values.length - 1) return values.map((value) => encode(value));
  texts.push(all.slice(start, -1));
  return texts;
}

/**
 * The name of the first member every value has, holding a string, number, boolean or null —
 * the member JSON.stringify writes first, so a value's text starts `{"<name>":` — or null when
 * the values do not share one (or one is an array, or has a toJSON of its own or inherited).
 */
function sharedFirstName(values: readonly object[]): string | null {
  let name: string | null = null;
  for (const value of values) {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || 'toJSON' in value) return null;
    let first: string | undefined;
    for (const key in value) {
      first = key;
      break;
    }
    if (first === undefined || (name !== null && first !== name) || !Object.hasOwn(value, first)) return null;
    const member = (value as Record<string, unknown>)[first];
    if (member !== null && typeof member !== 'string' && typeof member !== 'number' && typeof member !== 'boolean') return null;
    name = first;
  }
  return name;
}

/**
 * Whether `value` is what parsing its JSON gives back: null, booleans, strings, finite numbers
 * (not -0), dense arrays and objects of plain prototype holding only such values. Then whoever
 * reads it by field — the review pages, the rows — reads the same as from the file written, and
 * the build need not parse back the ~150 KB it has just serialised (BENCHMARKS.md: a walk costs
 * a sixth of the parse, and leaves no garbage). An `undefined` field (which JSON drops), a NaN
 * (null), a class instance, a Map or a hole makes it false. Not looked at: symbol keys,
 * non-enumerable properties and named properties of arrays, which no reader of a record uses and
 * no digest code makes.
 */
export function isPlainJson(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object':
      break;
    default:
      return false; // undefined, a function, a symbol, a bigint
  }
  if (value === null) return true;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return false;
    for (let i = 0; i < value.length; i++) if (!(i in value) || !isPlainJson(value[i])) return false;
    return true;
  }
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return false;
  for (const key in value) if (!isPlainJson((value as Record<string, unknown>)[key])) return false;
  return true;
}

/** The hidden folder under an output folder where a build stages its files and keeps its lock. */
export const STAGING = '.staging';

let tempCounter = 0;

/**
 * This thread's id. worker_threads is loaded on the first temporary name, not with this module:
 * every command imports it, and worker_threads brings four more of Node's modules (~1.5 ms of
 * each start, `digest text` included).
 */
let thread: number | undefined;

/** A temporary-file name no other process or thread uses: `<pid>-<thread>-<n>.tmp`. */
export function tempName(): string {
  thread ??= process.getBuiltinModule('node:worker_threads').threadId;
  return `${process.pid}-${thread}-${++tempCounter}.tmp`;
}

/** The process id a {@link tempName} was made by, or null when the name is not one. */
export function tempOwner(name: string): number | null {
  const match = /(?:^|\.)(\d+)-\d+-\d+\.tmp$/.exec(name);
  return match ? Number(match[1]) : null;
}

/**
 * Writes a file atomically: the content goes to a temporary file, then one rename puts it in
 * place, so a reader (or a build killed half-way) sees the old file or the new, never a
 * fragment. The temporary file is `stagingDir/<unique>.tmp` when given (same file system,
 * hidden from readers), else beside the target. Folders are made on the first miss only
 * (thousands of files go into a few folders). Synchronous on purpose: on a worker thread an
 * asynchronous write is three round trips through libuv's shared pool with the worker idle
 * (BENCHMARKS.md: 14 ms an article, against ~0.2 ms this way). File-system failures come out
 * as OutputError naming the path (ENOSPC, EACCES, EROFS…).
 */
export function writeAtomicSync(path: string, content: string | Uint8Array, stagingDir?: string, fs: WriteFs = realFs): void {
  const temp = stagingDir ? join(stagingDir, tempName()) : `${path}.${tempName()}`;
  try {
    withFolder(fs, dirname(temp), () => fs.writeFileSync(temp, content));
    withFolder(fs, dirname(path), () => fs.renameSync(temp, path));
  } catch (error) {
    try {
      fs.rmSync(temp, { recursive: true, force: true });
    } catch {
      // Nothing more to do: the temporary file is in a staging folder the next build clears.
    }
    throw fsFailure(error, 'write', path);
  }
}

/**
 * {@link writeAtomicSync} of a text made a piece at a time (beside the target, as a temporary
 * file): each piece is encoded and written as it comes, so the text is never whole in memory —
 * the cache's state, ~3 KB an input (BENCHMARKS.md, "Change 31: a build holds almost nothing per input").
 */
export function writeAtomicPiecesSync(path: string, pieces: Iterable<string>, fs: WriteFs = realFs): void {
  const temp = `${path}.${tempName()}`;
  try {
    let fd = -1;
    withFolder(fs, dirname(temp), () => (fd = fs.openSync(temp, 'w', 0o666)));
    try {
      const chunks = new Utf8Chunks((bytes) => writeAll(fs, fd, bytes));
      for (const piece of pieces) chunks.add(piece);
      chunks.flush();
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, path);
  } catch (error) {
    try {
      fs.rmSync(temp, { recursive: true, force: true });
    } catch {
      // Nothing more to do: the write failed, and says so.
    }
    throw fsFailure(error, 'write', path);
  }
}

/** Runs a file operation, making its folder first only if the operation finds it missing. */
export function withFolder(fs: WriteFs, folder: string, operation: () => void): void {
  try {
    operation();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    fs.mkdirSync(folder, { recursive: true });
    operation();
  }
}
