import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { JournalEntries, JournalIndex, type CompiledJournalIndex, type Journal, type JournalCueWords } from './journals.js';
import { LexiconMatcher, lexiconOfText, utf16Units, type CompiledLexicon } from './lexicon.js';
import type { Lexicon } from '../generated/lexicon.js';
import { readIntoLent } from './lent-buffer.js';
import { packagePath, packageRoot } from './paths.js';

/**
 * The journal index and the lexicon's tries, compiled ahead of time (issue 17: building them
 * from the data files, every name script-folded, cost ~35 ms of a one-article `digest ingest` and
 * of every build worker's start). `npm run build` compiles the shipped data files
 * (scripts/compile-data.mjs) into dist/data/, one file each, named by the sha256 of the data
 * file's bytes; a process reads the file and views the tables in its bytes. A data file with no
 * compiled form (a pipeline's own, or one edited since the build) is compiled at run time, as
 * before; a compiled form made from other bytes, by another format or under another Unicode
 * version (the keys are NFKC-normalised and lower-cased by ICU) is never used; nor is one made by
 * other code: the form lists the files of dist/src that compiled it (the compiler's module graph,
 * with each file's size, modification time and sha256), and a process takes it only while they
 * are unchanged — after a `tsc` alone that changed how keys or tries are derived, the data is
 * compiled at run time by the code that runs. Size and time are asked first, as git asks its
 * index: when both match, the file is taken as unchanged without reading it; when only the time
 * differs, its bytes decide — in a tree that holds the file's TypeScript source. An installed
 * package's times are never the build's (npm writes each file at the install), and it ships no
 * src/: no `tsc` there can emit a compiler other than the one packed with the forms (`npm pack` and
 * `npm publish` run `prepare`, the build), so a compiler file whose source is absent is taken by its
 * size, not hashed at every start (~170 kB; issue 17: start-up).
 * A compiler file no process runs (the structure pre-tests' compiler, core/pretest.js) is listed
 * with its TypeScript source and is not shipped: where it is absent, the form is taken only if its
 * source is absent too — a tree with no source to emit another compiler (an installed package);
 * where it is present, it is checked as any other.
 *
 * The file: a little-endian u32, the byte length of a JSON header (format, kind, sha256,
 * unicode, the plain-JSON part of the value, and where each typed array lies), the header, then
 * the arrays' bytes, each at an offset that is a multiple of 8.
 */

/** The version of the compiled form: bumped whenever what it holds, or how the code derives it from a data file, changes. */
export const COMPILED_DATA_FORMAT = 3;

/**
 * What can be compiled ahead of time (`reference-keys`: the reference words' phrase keys,
 * src/refs/data.ts; `structure`: the pre-tests of structure.json's lists of patterns, src/core/pretest.ts;
 * `lexicon-text`: the lexicon's value as JSON in UTF-16, {@link lexiconOfForm}; `structure-text`: structure.json's
 * value as JSON in UTF-16, {@link structureTextOfForm}).
 */
export type CompiledKind = 'journals' | 'lexicon' | 'lexicon-text' | 'reference-keys' | 'structure' | 'structure-text';

type TypedArray = Int32Array | Int16Array | Uint16Array | Uint8Array;
const arrayTypes = { Int32Array, Int16Array, Uint16Array, Uint8Array } as const;
type ArrayType = keyof typeof arrayTypes;

interface Header {
  format: number;
  kind: CompiledKind;
  sha256: string;
  unicode: string;
  json: unknown;
  /** The dist/src files (paths from the package root) of the code that compiled it, with size and mtime then. */
  code: CompilerFile[];
  arrays: Record<string, [type: ArrayType, byteOffset: number, length: number]>;
}

/**
 * A file of the compiler's code: path from the package root, size in bytes, modification time in ms, sha256 of its bytes (hex);
 * for a file only the build runs, the path of its TypeScript source (from the package root), without which it may be absent.
 */
export type CompilerFile = [path: string, size: number, mtimeMs: number, sha256: string, buildOnlySource?: string];

const sha256Of = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * The files a form was compiled by, as they are now (a form stays valid while this list does not change);
 * `buildOnly` maps each of them no process runs (the package leaves it out) to its TypeScript source,
 * which must exist: the file may then be absent where its source is. A file of dist/src whose source
 * ({@link emittedFrom}) is not found is refused: where it is absent, a process takes the file by its size.
 */
export function compilerFiles(paths: readonly string[], root: string = packageRoot, buildOnly: Readonly<Record<string, string>> = {}): CompilerFile[] {
  return paths.map((path) => {
    const file = join(root, path);
    const stat = statSync(file);
    const hash = sha256Of(readFileSync(file));
    if (sourceIsAbsent(root, path)) throw new Error(`compilerFiles: ${path}'s source ${emittedFrom(path)} was not found`);
    const source = buildOnly[path];
    if (source === undefined) return [path, stat.size, stat.mtimeMs, hash];
    if (statSync(join(root, source), { throwIfNoEntry: false }) === undefined) throw new Error(`compilerFiles: ${path}'s source ${source} was not found`);
    return [path, stat.size, stat.mtimeMs, hash, source];
  });
}

/**
 * The TypeScript source tsc emits a file of dist/src from (`dist/src/x.js` ← `src/x.ts`, the
 * project's rootDir and outDir); undefined for any other path.
 */
export function emittedFrom(path: string): string | undefined {
  const match = /^dist\/(src\/.+)\.js$/.exec(path);
  return match === null ? undefined : `${match[1]}.ts`;
}

/**
 * Whether every file of the code that compiled a form is as it was then: a stat each (~8 files, a
 * few µs each), and the file's bytes hashed only when its size matches and its time does not —
 * unless the file is of dist/src and its TypeScript source is absent ({@link emittedFrom}): a tree
 * with no source to emit another compiler from (an installed package, which ships no src/, and
 * whose files npm writes at the install, so that no time is the build's) takes it by its size. A
 * build-only file absent is taken as left out of the package while its source is absent too.
 */
function codeIsCurrent(code: unknown, root: string): boolean {
  if (!Array.isArray(code) || code.length === 0) return false;
  for (const entry of code as unknown[]) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || typeof entry[3] !== 'string') return false;
    const [path, size, mtimeMs, sha256, buildOnlySource] = entry as CompilerFile;
    try {
      const file = join(root, path);
      const stat = statSync(file, { throwIfNoEntry: false });
      if (stat === undefined) {
        if (typeof buildOnlySource === 'string' && statSync(join(root, buildOnlySource), { throwIfNoEntry: false }) === undefined) continue;
        return false;
      }
      if (stat.size !== size) return false;
      if (stat.mtimeMs !== mtimeMs && !sourceIsAbsent(root, path) && sha256Of(readFileSync(file)) !== sha256) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/** Whether `path` is a file of dist/src whose TypeScript source is not in the tree at `root` ({@link emittedFrom}). */
function sourceIsAbsent(root: string, path: string): boolean {
  const source = emittedFrom(path);
  return source !== undefined && statSync(join(root, source), { throwIfNoEntry: false }) === undefined;
}

/** The folder the build writes the shipped data's compiled forms into. */
export const compiledDataDir: string = packagePath('dist', 'data');

/** The file of a data file's compiled form, by the sha256 of the data file's bytes. */
export function compiledDataFile(kind: CompiledKind, sha256: string, dir: string = compiledDataDir): string {
  return `${dir}/${kind}-${sha256}.v${COMPILED_DATA_FORMAT}.bin`;
}

/** Flattens a value whose leaves are typed arrays (one level of nesting: a trie's tables) into the JSON part and named arrays. */
function split(value: Record<string, unknown>): { json: Record<string, unknown>; arrays: Map<string, TypedArray> } {
  const json: Record<string, unknown> = {};
  const arrays = new Map<string, TypedArray>();
  for (const [key, v] of Object.entries(value)) {
    if (ArrayBuffer.isView(v)) arrays.set(key, v as TypedArray);
    else if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => ArrayBuffer.isView(x))) {
      for (const [inner, x] of Object.entries(v)) arrays.set(`${key}.${inner}`, x as TypedArray);
    } else json[key] = v;
  }
  return { json, arrays };
}

/**
 * JSON of a value in ASCII alone: every code unit past U+007F written as its `\\u` escape. A header
 * with one Han character (the structure form's pre-tests hold many) decoded to a two-byte string of
 * ~57,000 units, which V8 decodes and parses slower than a one-byte one (issue 17: start-up);
 * JSON.parse gives the same value either way.
 */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The bytes of a compiled form; `code` lists the files of the code that compiled it ({@link compilerFiles}). */
export function encodeCompiled(kind: CompiledKind, sha256: string, value: CompiledJournalIndex | CompiledLexicon | Readonly<Record<string, unknown>>, code: readonly CompilerFile[]): Buffer {
  const { json, arrays } = split(value as unknown as Record<string, unknown>);
  const layout: Header['arrays'] = {};
  let offset = 0;
  for (const [name, array] of arrays) {
    layout[name] = [array.constructor.name as ArrayType, offset, array.length];
    offset += Math.ceil(array.byteLength / 8) * 8;
  }
  const header: Header = { format: COMPILED_DATA_FORMAT, kind, sha256, unicode: process.versions.unicode ?? '', json, code: [...code], arrays: layout };
  const headerBytes = Buffer.from(asciiJson(header), 'latin1');
  const start = Math.ceil((4 + headerBytes.length) / 8) * 8;
  const out = Buffer.alloc(start + offset);
  out.writeUInt32LE(headerBytes.length, 0);
  headerBytes.copy(out, 4);
  for (const [name, array] of arrays) out.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), start + layout[name]![1]);
  return out;
}

/**
 * The value a compiled form holds, its arrays viewed in `bytes`; null when it is not the form of
 * these bytes by this code: another format, kind, data file or Unicode version, or a file of the
 * code that compiled it changed since (paths from `root`, the package's by default).
 */
export function decodeCompiled(bytes: Uint8Array, kind: CompiledKind, sha256: string, root: string = packageRoot): Record<string, unknown> | null {
  if (bytes.length < 4) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(0, true);
  if (4 + headerLength > bytes.length) return null;
  let header: Header;
  try {
    // ASCII, as encodeCompiled writes it: read as Latin-1, the same text without a UTF-8 decoder's
    // pass (~0.5 M instructions for the structure form's 90 KB; issue 17). Other bytes as UTF-8.
    const headerBytes = Buffer.from(bytes.buffer as ArrayBuffer, bytes.byteOffset + 4, headerLength);
    header = JSON.parse(headerBytes.toString(isAscii(headerBytes) ? 'latin1' : 'utf8')) as Header;
  } catch {
    return null;
  }
  if (header.format !== COMPILED_DATA_FORMAT || header.kind !== kind || header.sha256 !== sha256 || header.unicode !== (process.versions.unicode ?? '')) return null;
  if (!codeIsCurrent(header.code, root)) return null;
  const start = Math.ceil((4 + headerLength) / 8) * 8;
  // Views need aligned offsets: a buffer that does not start at a multiple of 8 is copied once.
  const aligned = bytes.byteOffset % 8 === 0 ? bytes : new Uint8Array(bytes);
  const value: Record<string, unknown> = { ...(header.json as Record<string, unknown>) };
  for (const [name, [type, offset, length]] of Object.entries(header.arrays)) {
    const Type = arrayTypes[type];
    if (Type === undefined || start + offset + length * Type.BYTES_PER_ELEMENT > aligned.length) return null;
    const array = new Type(aligned.buffer as ArrayBuffer, aligned.byteOffset + start + offset, length);
    const [outer, inner] = name.split('.');
    if (inner === undefined) value[outer!] = array;
    else ((value[outer!] ??= {}) as Record<string, TypedArray>)[inner] = array;
  }
  return value;
}

/** A compiled form's bytes: into the lent buffer's next part where the file fits in what is left of it (src/core/lent-buffer.ts). */
function readForm(file: string): Uint8Array {
  const fd = openSync(file, 'r');
  try {
    return readIntoLent(fd, fstatSync(fd).size) ?? readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The compiled form of a data file, from the build's folder; null when there is none for these bytes (or it is not valid). */
export function readCompiled(kind: CompiledKind, sha256: string, dir: string = compiledDataDir): Record<string, unknown> | null {
  let bytes: Uint8Array;
  try {
    bytes = readForm(compiledDataFile(kind, sha256, dir));
  } catch {
    return null;
  }
  return decodeCompiled(bytes, kind, sha256);
}

/** The journal index of a table, from its compiled form when the build made one for these bytes. */
export function journalIndexFor(journals: readonly Journal[], cues: JournalCueWords | undefined, sha256: string, dir?: string): JournalIndex {
  const compiled = readCompiled('journals', sha256, dir) as CompiledJournalIndex | null;
  return compiled ? new JournalIndex(journals, cues, compiled) : new JournalIndex(journals, cues);
}

/**
 * The journal index of a data file known to pass its checks, from its bytes and compiled form alone:
 * no text decoded and no table parsed, each journal parsed when a name of it is found (`bytes`: the
 * file's, or a reader of a range of them: JournalEntries). Null when the
 * build made no form for these bytes or one without the entries' places (the caller parses the file).
 */
export function journalIndexOfBytes(bytes: Uint8Array | ((start: number, end: number) => Uint8Array), sha256: string, dir?: string): JournalIndex | null {
  const compiled = readCompiled('journals', sha256, dir) as CompiledJournalIndex | null;
  const ranges = compiled?.entryRanges;
  return compiled && ranges ? new JournalIndex(new JournalEntries(bytes, ranges), undefined, compiled) : null;
}

/** The lexicon's matcher, from its compiled form when the build made one for these bytes. */
export function lexiconMatcherFor(lexicon: Lexicon, sha256: string, dir?: string): LexiconMatcher {
  const compiled = readCompiled('lexicon', sha256, dir) as CompiledLexicon | null;
  return compiled ? new LexiconMatcher(lexicon, compiled) : new LexiconMatcher(lexicon);
}

/**
 * The `lexicon-text` form of a lexicon: its value as JSON without white space, in UTF-16 (little-endian)
 * bytes, with where each concept lies in it (`conceptRanges`, in UTF-16 units), their ids as JSON
 * text, every concept's abbreviations and the countries' indices (src/core/lexicon.ts {@link ConceptText}).
 * Read back, each piece is a two-byte string as it stands, where the data file's UTF-8 (~130 KB, Han names
 * among ASCII) took V8's UTF-8 decoder ~3.5 M instructions of every start and its indentation ~1 M more of
 * JSON.parse; and only the lexicon's other fields are decoded and parsed at once, each concept at its first
 * read, from its own range of the bytes (issue 17: start-up).
 */
export function lexiconTextForm(lexicon: Lexicon): Record<string, Uint8Array | Int32Array | readonly string[]> {
  // The value with its concepts as one number, then each concept's JSON put in its place: the same
  // text as JSON.stringify(lexicon), whose key order is the value's.
  const head = JSON.stringify({ ...lexicon, concepts: 0 });
  const slot = '"concepts":0';
  // A quote inside a JSON string is escaped: the slot's text is only ever the top-level key's.
  const at = head.indexOf(slot);
  if (at < 0 || head.indexOf(slot, at + 1) >= 0) throw new Error('lexiconTextForm: the concepts\' place was not found');
  const conceptRanges = new Int32Array(2 * lexicon.concepts.length);
  let text = `${head.slice(0, at + slot.length - 1)}[`;
  lexicon.concepts.forEach((concept, k) => {
    if (k > 0) text += ',';
    conceptRanges[2 * k] = text.length;
    text += JSON.stringify(concept);
    conceptRanges[2 * k + 1] = text.length;
  });
  text += `]${head.slice(at + slot.length)}`;
  const countries = Int32Array.from(lexicon.concepts.flatMap((concept, k) => (concept.type === 'country' ? [k] : [])));
  return {
    text: utf16(text),
    conceptRanges,
    ids: utf16(JSON.stringify(lexicon.concepts.map((concept) => concept.id))),
    abbreviations: lexicon.concepts.flatMap((concept) => concept.abbreviations),
    countries,
  };
}

function utf16(text: string): Uint8Array {
  const bytes = Buffer.from(text, 'utf16le');
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}

function ofUtf16(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf16le');
}

/**
 * The lexicon of a data file's bytes, from the build's `lexicon-text` form of them ({@link lexiconTextForm});
 * null when there is none. Its fields but `concepts` are parsed now; its concepts at their first read
 * (src/core/lexicon.ts `lexiconOfText`).
 */
export function lexiconOfForm(sha256: string, dir?: string): Lexicon | null {
  const form = readCompiled('lexicon-text', sha256, dir);
  const { text, conceptRanges, ids, abbreviations, countries } = form ?? {};
  if (!(text instanceof Uint8Array) || !(conceptRanges instanceof Int32Array) || !(ids instanceof Uint8Array) || !(countries instanceof Int32Array) || !Array.isArray(abbreviations)) return null;
  // The concepts' array, from the first's "[" to the last's "]" (an empty one: "[]" at the key). The
  // text around it is decoded alone (~2 KB), each concept from its range at its first read: no string
  // of the whole text (~250 KB, copied out of the form's bytes, which its ranges' view holds anyway).
  const units = text.byteLength >>> 1;
  const open = conceptRanges.length === 0 ? ofUtf16(text).indexOf('"concepts":[]') + 11 : conceptRanges[0]! - 1;
  const close = conceptRanges.length === 0 ? open + 1 : conceptRanges[conceptRanges.length - 1]!;
  const rest = JSON.parse(`${utf16Units(text, 0, open + 1)}${utf16Units(text, close, units)}`) as Lexicon;
  return lexiconOfText(rest, { text, ranges: conceptRanges, ids: ofUtf16(ids), abbreviations: abbreviations as string[], countries });
}

/**
 * The `structure-text` form of structure.json's value: the value as JSON without white space, in UTF-16
 * (little-endian) bytes. Read back it is a two-byte string as it stands, where the data file's UTF-8
 * (~60 KB, Han patterns among ASCII) took V8's UTF-8 decoder ~1.4 M instructions of every start and of
 * every build worker's, and its indentation more of JSON.parse (issue 17: start-up). Not shipped
 * (package.json's `files`), as the lexicon's text is not: ~95 KB.
 */
export function structureTextForm(value: unknown): { text: Uint8Array } {
  return { text: utf16(JSON.stringify(value)) };
}

/** structure.json's value as JSON text, from the build's `structure-text` form of the file's bytes ({@link structureTextForm}); null when there is none. */
export function structureTextOfForm(sha256: string, dir?: string): string | null {
  const text = readCompiled('structure-text', sha256, dir)?.text;
  return text instanceof Uint8Array ? ofUtf16(text) : null;
}
