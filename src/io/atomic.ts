import { dirname, join } from 'node:path';
import { fsFailure } from './errors.js';
import { realFs, type WriteFs } from './fs.js';
import { MAX_BYTES_PER_UNIT, scratchOf, Utf8Chunks, writeAll } from './utf8.js';

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

/** JSON's punctuation as UTF-8 bytes (ASCII), for {@link plainJsonUtf8}. */
const CHAR = { quote: 0x22, comma: 0x2c, openArray: 0x5b, closeArray: 0x5d, openObject: 0x7b, closeObject: 0x7d, newline: 0x0a } as const;
const NULL_BYTES = Buffer.from('null');
const TRUE_BYTES = Buffer.from('true');
const FALSE_BYTES = Buffer.from('false');
const EMPTY_ARRAY = Buffer.from('[]');
const EMPTY_OBJECT = Buffer.from('{}');

/**
 * A string JSON.stringify may write other than as itself between quotes: it holds a quote, a
 * backslash, a control character or a surrogate (a lone one is escaped; a pair, rare in a record,
 * is left to JSON.stringify with the rest).
 */
const ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A new line and the indentation of `level` (two spaces a level, as toJson indents), made once. */
const lines: Uint8Array[] = [];
function lineOf(level: number): Uint8Array {
  return (lines[level] ??= Buffer.from(`\n${'  '.repeat(level)}`));
}

/**
 * A member's new line, indentation at `level` and `"name": ` as UTF-8, made once a name and level,
 * for up to {@link NAMES_KEPT} names (a record's schema has ~100).
 */
const names = new Map<string, Uint8Array[]>();
const NAMES_KEPT = 4096;
function memberOf(key: string, level: number): Uint8Array {
  let byLevel = names.get(key);
  if (byLevel === undefined) {
    byLevel = [];
    if (names.size < NAMES_KEPT) names.set(key, byLevel);
  }
  return (byLevel[level] ??= Buffer.from(`\n${'  '.repeat(level)}${JSON.stringify(key)}: `));
}

/** Where {@link plainJsonUtf8} writes: this thread's scratch buffer (io/utf8.ts), and how much of it is written. */
let out: Buffer = Buffer.alloc(0);
let at = 0;

/** Makes room for `bytes` more in {@link out}, keeping what is written. */
function room(bytes: number): void {
  if (at + bytes <= out.length) return;
  const grown = scratchOf(Math.max(2 * out.length, at + bytes));
  out.copy(grown, 0, 0, at);
  out = grown;
}

function put(bytes: Uint8Array): void {
  room(bytes.length);
  out.set(bytes, at);
  at += bytes.length;
}

function putByte(byte: number): void {
  room(1);
  out[at++] = byte;
}

/** Writes ASCII text (a number's JSON) a unit at a time: shorter than a call into the encoder. */
function putAscii(text: string): void {
  room(text.length);
  for (let i = 0; i < text.length; i++) out[at++] = text.charCodeAt(i);
}

function putString(text: string): void {
  if (ESCAPED.test(text)) {
    const json = JSON.stringify(text);
    room(json.length * MAX_BYTES_PER_UNIT);
    at += out.write(json, at);
    return;
  }
  room(text.length * MAX_BYTES_PER_UNIT + 2);
  out[at++] = CHAR.quote;
  at += out.write(text, at);
  out[at++] = CHAR.quote;
}

function putValue(value: unknown, level: number): void {
  switch (typeof value) {
    case 'string':
      putString(value);
      return;
    case 'number':
      putAscii(String(value)); // a finite number other than -0 (isPlainJson): what JSON.stringify writes
      return;
    case 'boolean':
      put(value ? TRUE_BYTES : FALSE_BYTES);
      return;
  }
  if (value === null) put(NULL_BYTES);
  else if (Array.isArray(value)) {
    if (value.length === 0) return put(EMPTY_ARRAY);
    const line = lineOf(level + 1);
    for (let i = 0; i < value.length; i++) {
      putByte(i === 0 ? CHAR.openArray : CHAR.comma);
      put(line);
      putValue(value[i], level + 1);
    }
    put(lineOf(level));
    putByte(CHAR.closeArray);
  } else {
    let first = true;
    // for…in: the own names in Object.keys's order (integer-like first), which JSON.stringify
    // follows; a plain object's prototype (Object.prototype or null) adds none.
    for (const key in value as object) {
      putByte(first ? CHAR.openObject : CHAR.comma);
      first = false;
      put(memberOf(key, level + 1));
      putValue((value as Record<string, unknown>)[key], level + 1);
    }
    if (first) return put(EMPTY_OBJECT);
    put(lineOf(level));
    putByte(CHAR.closeObject);
  }
}

/**
 * The UTF-8 bytes of {@link toJson} of a value {@link isPlainJson} holds of, encoded straight into
 * this thread's scratch buffer (io/utf8.ts, `scratchOf`): a view of it, valid until the next write
 * into that buffer, so written or compared at once. `JSON.stringify` gives a record's ~150,000
 * units as a tree of parts, which any write to bytes first copies into one flat string; cut into
 * pieces small enough to stay out of V8's large objects (the way before), each piece was still
 * stringified, flattened by a `slice`, copied as UTF-16 and transcoded: ~0.7 MB of the build
 * thread's heap an article (BENCHMARKS.md, "the record's JSON made and written once"). Here the
 * punctuation, indentation and member names are bytes made once, each string is encoded by one
 * call in place, and no text of the JSON is made: the same bytes for plain data (no `toJSON`, no
 * `undefined` member, finite numbers), which `JSON.stringify(value, null, 2)` writes by these
 * rules alone (tests/io/atomic.test.ts compares them).
 */
export function plainJsonUtf8(value: unknown): Uint8Array {
  out = scratchOf(1 << 16);
  at = 0;
  putValue(value, 0);
  putByte(CHAR.newline);
  const bytes = out.subarray(0, at);
  out = Buffer.alloc(0); // the scratch buffer is not held here between calls (it may grow elsewhere)
  return bytes;
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
