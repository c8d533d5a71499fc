import { dirname, join } from 'node:path';
import { fsFailure } from './errors.js';
import { realFs, type WriteFs } from './fs.js';
import { Utf8Chunks, writeAll } from './utf8.js';

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

/**
 * Levels of a value {@link plainJsonPieces} cuts into pieces: the value's own members, and theirs.
 * Below that, a value is one piece.
 */
const PIECE_LEVELS = 2;

/**
 * Units of JSON {@link plainJsonPieces} aims to put in one piece of an array's items: 16 K units,
 * 32 KB as a two-byte string, well inside the 128 KB from which V8 makes a string a large object;
 * and a few dozen pieces a record (~150,000 units) rather than one an item.
 */
const PIECE_UNITS = 1 << 14;

/** `JSON.stringify`'s indentation at `level` (two spaces a level), made once. */
const indents: string[] = [''];
function indentOf(level: number): string {
  return (indents[level] ??= '  '.repeat(level));
}

/**
 * {@link toJsonPieces} of a value {@link isPlainJson} holds of, in pieces, none long: the same
 * text, joined. V8's `JSON.stringify` gives a long text as a tree of parts (a cons string), and
 * every way of writing a string to bytes first copies such a tree into one flat string; a copy of
 * more than 128 KB (64 K units of a two-byte text: every Chinese record of ~150,000 units) is a
 * large object, which V8 maps afresh, the kernel faults in a page at a time, and V8 unmaps at the
 * next collection: a third of a cold build's page faults (BENCHMARKS.md, "the kernel's part of a
 * build's CPU"). Cut here at the value's members (and theirs), an array's items in runs of about
 * {@link PIECE_UNITS}, each piece is copied within the young generation's pages, which stay
 * mapped. Each run or deeper value is written by `JSON.stringify` itself, nested in as many arrays
 * as it stands deep so that its lines carry the indentation of its place, and cut out of that (a
 * slice: the arrays' own text is a fixed prefix and suffix). For plain JSON data only (no
 * `toJSON`, no `undefined` member), which `JSON.stringify` writes the same wherever it stands.
 */
export function plainJsonPieces(value: unknown): string[] {
  const pieces: string[] = [];
  writePieces(value, 0, pieces);
  pieces.push('\n');
  return pieces;
}

/** Appends the JSON of `value` at `level` (its lines indented as `JSON.stringify(…, null, 2)` indents them there) to `pieces`. */
function writePieces(value: unknown, level: number, pieces: string[]): void {
  // A string, number, boolean or null is one line wherever it stands.
  if (value === null || typeof value !== 'object') pieces.push(JSON.stringify(value));
  else if (level >= PIECE_LEVELS) pieces.push(nestedJson(value, level, level));
  else if (Array.isArray(value)) writeItems(value, level, pieces);
  else {
    const keys = Object.keys(value);
    if (keys.length === 0) {
      pieces.push('{}');
      return;
    }
    const inner = indentOf(level + 1);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      pieces.push(`${i === 0 ? '{' : ','}\n${inner}${JSON.stringify(key)}: `);
      writePieces((value as Record<string, unknown>)[key], level + 1, pieces);
    }
    pieces.push(`\n${indentOf(level)}}`);
  }
}

/**
 * Appends an array at `level` to `pieces`: its items in runs, each run written at once. A run's
 * length is what the items so far say holds about {@link PIECE_UNITS}: one item first, then as
 * many as their mean size fits, at most twice the run before.
 */
function writeItems(items: readonly unknown[], level: number, pieces: string[]): void {
  if (items.length === 0) {
    pieces.push('[]');
    return;
  }
  const inner = indentOf(level + 1);
  let units = 0;
  let take = 0;
  for (let done = 0; done < items.length; ) {
    // At most twice the last run: a short first item says little about the rest.
    take = done === 0 ? 1 : Math.max(1, Math.min(2 * take, Math.floor((PIECE_UNITS * done) / Math.max(1, units))));
    const end = Math.min(items.length, done + take);
    // The run as the items of an array one level down: "a,\n<inner>b" between its brackets.
    const run = nestedJson(items.slice(done, end), level, level + 1);
    pieces.push(done === 0 ? `[\n${inner}` : `,\n${inner}`, run);
    units += run.length;
    done = end;
  }
  pieces.push(`\n${indentOf(level)}]`);
}

/** How many units the arrays {@link nestedJson} nests in put before and after what they hold, by depth. */
const wrappers: { before: number; after: number }[] = [{ before: 0, after: 0 }];

/**
 * `JSON.stringify(value, null, 2)` of `value` nested in `depth` arrays, less the text of the
 * outermost `cut` of them: with `cut` = `depth`, the value's JSON as it stands at that level; with
 * `cut` = `depth` + 1 (an array), its items' JSON, as they stand one level down.
 */
function nestedJson(value: unknown, depth: number, cut: number): string {
  let nested: unknown = value;
  for (let i = 0; i < depth; i++) nested = [nested];
  const text = JSON.stringify(nested, null, 2);
  // Each level adds "[\n" and the indentation of the level inside it before, "\n", its own indentation and "]" after.
  for (let level = wrappers.length; level <= cut; level++) {
    const below = wrappers[level - 1]!;
    wrappers.push({ before: below.before + 2 + 2 * level, after: below.after + 2 + 2 * (level - 1) });
  }
  const { before, after } = wrappers[cut]!;
  return text.slice(before, text.length - after);
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
