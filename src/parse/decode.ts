import { isAscii, isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { packagePath } from '../core/paths.js';
import { validatorFor } from '../core/schemas.js';
import type { DecodingData } from '../generated/decoding.js';

/**
 * Bytes → text, and an honest account of how: which encoding, why, where bytes had to be
 * replaced, and where a file changes encoding half-way. The read stage reports what this finds.
 */

/** A place where a decoded text holds U+FFFD for bytes its encoding cannot read. */
export interface Replacement {
  /** Byte offset of the first byte of the sequence that did not decode. */
  byte: number;
  /** Offset of the U+FFFD in the decoded text (before line ends are normalised). */
  char: number;
}

/** A place where a file changes encoding (a UTF-8 part glued to a GBK part, say). */
export interface EncodingSwitch {
  /** Byte offset of the first line in the new encoding. */
  byte: number;
  /** Offset of that line in the decoded text (before line ends are normalised). */
  char: number;
  from: string;
  to: string;
}

/** A decoding decision: the WHATWG encoding label and why it was chosen. */
export interface Decoded {
  text: string;
  encoding: string;
  how: 'bom' | 'declared' | 'utf-8' | 'utf-16-pattern' | 'detected' | 'mixed' | 'fallback';
  /** Byte offset of the first byte that did not decode, or -1. */
  firstInvalidByte: number;
  /** How many characters were replaced by U+FFFD. */
  replaced: number;
  /** The first replacements (at most `maxListed`), byte and text offsets. */
  replacements: Replacement[];
  /** Where the encoding changes, for a file decoded in parts (how = 'mixed'). */
  switches: EncodingSwitch[];
  /** A charset the document declared but the bytes contradict. */
  ignoredDeclaration?: string;
  /** Where that declaration stands in the decoded text (before line ends are normalised). */
  ignoredDeclarationAt?: number;
}

/** How many replacement places a decoding lists (the count is always exact). */
export const maxListed = 10;

const labelAliases: Record<string, string> = {
  gb2312: 'gb18030', gbk: 'gb18030', 'x-gbk': 'gb18030', gb_2312: 'gb18030', 'gb_2312-80': 'gb18030', cp936: 'gb18030', 'windows-936': 'gb18030',
  'big5-hkscs': 'big5', 'x-x-big5': 'big5', cp950: 'big5',
  utf8: 'utf-8', 'unicode-1-1-utf-8': 'utf-8', utf16: 'utf-16le', 'utf-16': 'utf-16le', unicode: 'utf-16le',
  'iso-8859-1': 'windows-1252', latin1: 'windows-1252', ascii: 'windows-1252', 'us-ascii': 'windows-1252',
  shift_jis: 'shift_jis', 'euc-jp': 'euc-jp', 'euc-kr': 'euc-kr', 'iso-2022-jp': 'iso-2022-jp',
};

/** Encodings that spend several bytes on a character: bytes out of place in them show as errors. */
const multiByte = new Set(['utf-8', 'gb18030', 'gbk', 'big5', 'shift_jis', 'euc-jp', 'euc-kr', 'iso-2022-jp', 'utf-16le', 'utf-16be']);

/** Normalises a charset label to the one TextDecoder is given, or null if it knows none. */
export function canonicalEncoding(label: string): string | null {
  const lower = label.trim().toLowerCase();
  const mapped = labelAliases[lower] ?? lower;
  try {
    new TextDecoder(mapped);
    return mapped;
  } catch {
    return null;
  }
}

/**
 * Whether bytes are UTF-8 throughout: `firstInvalidUtf8(bytes) === -1`, asked of Node's native
 * validator (simdutf: the same strict UTF-8 — no overlong forms, surrogates or code points past
 * U+10FFFF, a sequence cut off at the end invalid). Every input is checked once or twice before it
 * is decoded; the byte loop of {@link firstInvalidUtf8}, run cold in the interpreter, was ~1 % of a one-article
 * `digest ingest` (issue 17: start-up).
 */
export function isValidUtf8(bytes: Uint8Array): boolean {
  return isUtf8(bytes);
}

/**
 * Byte offset of the first invalid UTF-8 sequence at or after `from`, or -1 when there is none.
 * Node's native validator answers first: almost every input is valid UTF-8, and this loop over a
 * whole page was ~4 % of `digest text`'s CPU on Readability's pages (issue 17). It accepts exactly
 * what the loop does (no overlong forms, surrogates or code points past U+10FFFF); the loop then
 * finds the offset in the few inputs that are not valid.
 */
export function firstInvalidUtf8(bytes: Uint8Array, from = 0, to = bytes.length): number {
  if (from < to && isUtf8(from === 0 && to === bytes.length ? bytes : bytes.subarray(from, to))) return -1;
  let i = from;
  while (i < to) {
    const b = bytes[i]!;
    if (b < 0x80) { i++; continue; }
    const length = utf8SequenceLength(bytes, i, to);
    if (length === 0) return i;
    i += length;
  }
  return -1;
}

/** Length of the valid UTF-8 multi-byte sequence starting at `i`, or 0 when it is not one. */
function utf8SequenceLength(bytes: Uint8Array, i: number, to: number): number {
  const b = bytes[i]!;
  let need: number;
  let min: number;
  if (b >= 0xc2 && b <= 0xdf) { need = 1; min = 0x80; }
  else if (b >= 0xe0 && b <= 0xef) { need = 2; min = 0x800; }
  else if (b >= 0xf0 && b <= 0xf4) { need = 3; min = 0x10000; }
  else return 0;
  let cp = b & (0x3f >> need);
  for (let k = 1; k <= need; k++) {
    const c = i + k < to ? bytes[i + k]! : -1;
    if ((c & 0xc0) !== 0x80) return 0;
    cp = (cp << 6) | (c & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return need + 1;
}

/** Valid and invalid UTF-8 multi-byte sequences in a byte range (ASCII not counted). */
function utf8Census(bytes: Uint8Array, from: number, to: number): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  let i = from;
  while (i < to) {
    if (bytes[i]! < 0x80) { i++; continue; }
    const length = utf8SequenceLength(bytes, i, to);
    if (length === 0) { invalid++; i++; }
    else { valid++; i += length; }
  }
  return { valid, invalid };
}

/** The charset an HTML or XML document declares in its first bytes, if any. */
export function declaredCharset(bytes: Uint8Array): string | null {
  return findDeclaration(bytes)?.label ?? null;
}

/** The declared charset and the byte offset of the tag that declares it. */
function findDeclaration(bytes: Uint8Array): { label: string; byte: number } | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 16384)).toString('latin1');
  const meta = /<meta\b[^>]{0,400}?\bcharset {0,8}= {0,8}["']? {0,8}([a-z0-9_:.-]{2,40})/i.exec(head);
  if (meta) return { label: meta[1]!, byte: meta.index };
  const xml = /^\s*<\?xml\b[^>]{0,200}?\bencoding\s*=\s*["']([a-z0-9_.-]{2,40})["']/i.exec(head);
  return xml ? { label: xml[1]!, byte: xml.index + xml[0].indexOf('<') } : null;
}

function utf16Pattern(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 8) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.3 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.3 && oddZero < pairs * 0.05) return 'utf-16be';
  // Chinese in UTF-16 has zero bytes mostly in its ASCII (line ends, digits): few, but nearly all
  // on one side (a character like U+4E00 puts one on the other), and no lone surrogate.
  const side = oddZero >= 4 && evenZero * 4 <= oddZero ? 'utf-16le' : evenZero >= 4 && oddZero * 4 <= evenZero ? 'utf-16be' : null;
  return side && fatalOk(bytes.subarray(0, bytes.length & ~1), side) ? side : null;
}

/** File formats recognised by their first bytes, for a clearer message than "binary". */
const signatures: [string, number[]][] = [
  ['a PNG image', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['a JPEG image', [0xff, 0xd8, 0xff]],
  ['a GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['gzip-compressed data', [0x1f, 0x8b]],
  ['a ZIP archive (or a .docx/.xlsx)', [0x50, 0x4b, 0x03, 0x04]],
  ['a PDF document', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['bzip2-compressed data', [0x42, 0x5a, 0x68]],
  ['xz-compressed data', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['a 7-Zip archive', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
  ['a Zstandard frame', [0x28, 0xb5, 0x2f, 0xfd]],
  ['an OLE document (.doc/.xls)', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
  ['a WebAssembly module', [0x00, 0x61, 0x73, 0x6d]],
  ['an ELF executable', [0x7f, 0x45, 0x4c, 0x46]],
];

/**
 * What a file is when it is not text: a known format by its signature, or "binary data" when
 * its first 8 KB are not UTF-8 and hold NUL bytes or many control bytes. Null for text (UTF-16
 * included: its zero bytes are expected, and a BOM or their pattern tells it apart first).
 */
export function binaryKind(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return null;
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return null;
  for (const [name, magic] of signatures) if (magic.every((b, i) => bytes[i] === b)) return name;
  if (utf16Pattern(bytes)) return null;
  const n = Math.min(bytes.length, 8192);
  // Valid UTF-8 is text, however odd (NULs and format characters written by a program): the
  // read stage decides whether it holds anything readable. The sample may end inside a character.
  if (sampleIsUtf8(bytes, n)) return null;
  let nul = 0;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) nul++;
    // Tab, line feed, form feed, carriage return and escape occur in text; other C0 bytes do not.
    else if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1b) control++;
  }
  // Text never holds NUL bytes (UTF-16 was ruled out above); a file of nothing but NULs or
  // controls is not binary but empty of text, and the read stage says so.
  const readable = n - nul - control;
  if (readable === 0) return null;
  return nul > 0 || control > n * 0.1 ? 'binary data' : null;
}

/**
 * Whether the first `n` bytes read as UTF-8, a character cut off by the sample's end allowed when
 * the bytes go on past it: the first invalid sequence in `bytes[0, n)` (`firstInvalidUtf8`) is
 * none, or, when `n < bytes.length`, starts within its last three bytes. Asked of Node's native
 * validator: a valid prefix ends where the greedy reading of the sample puts a boundary, so the
 * rule holds exactly when one of `bytes[0, n)` … `bytes[0, n - 3)` is valid. A CJK sample cut
 * at 8 KB ends inside a character two times in three, and the byte loop of `firstInvalidUtf8`
 * then ran over all of it, cold, in every ingest (issue 17: start-up).
 */
export function sampleIsUtf8(bytes: Uint8Array, n: number): boolean {
  if (isUtf8(n === bytes.length ? bytes : bytes.subarray(0, n))) return true;
  if (n >= bytes.length) return false;
  for (let end = n - 1; end >= Math.max(0, n - 3); end--) if (isUtf8(bytes.subarray(0, end))) return true;
  return false;
}

const decoders = new Map<string, InstanceType<typeof TextDecoder>>();
/** A reusable decoder (a whole-input decode keeps no state between calls; making one costs an ICU converter). */
function decoder(encoding: string, fatal: boolean): InstanceType<typeof TextDecoder> {
  const key = `${encoding}\u0000${fatal}`;
  let d = decoders.get(key);
  if (!d) decoders.set(key, (d = new TextDecoder(encoding, { fatal, ignoreBOM: true })));
  return d;
}

/** Decodes with replacement and counts the U+FFFD it had to write (decoded text included). */
function decodeLossy(bytes: Uint8Array, encoding: string): { text: string; replaced: number } {
  const text = decoder(encoding, false).decode(bytes);
  let replaced = 0;
  for (let i = text.indexOf('\ufffd'); i !== -1; i = text.indexOf('\ufffd', i + 1)) replaced++;
  return { text, replaced };
}

/**
 * Finds where a lossy decoding replaced bytes. Bytes below 0x30 are never the second byte of
 * a GBK, GB18030, Big5, Shift_JIS, EUC or UTF-8 character, so a decoder is in its initial state
 * after each: the text is cut into such pieces and only pieces that decode with U+FFFD are
 * fed again byte by byte to see which byte made each replacement. Linear in the input.
 */
function locateReplacements(bytes: Uint8Array, encoding: string, skip: number, limit: number): Replacement[] {
  const found: Replacement[] = [];
  const stateful = encoding === 'iso-2022-jp' || encoding.startsWith('utf-16');
  let char = 0;
  let pieceStart = 0;
  const n = bytes.length;
  const decoder = new TextDecoder(encoding, { fatal: false, ignoreBOM: true });
  for (let i = 0; i <= n && found.length < limit; i++) {
    if (i < n && (stateful || bytes[i]! >= 0x30)) continue;
    const end = i < n ? i + 1 : n;
    if (end === pieceStart) break;
    const piece = bytes.subarray(pieceStart, end);
    const text = decoder.decode(piece);
    if (text.includes('\ufffd')) {
      const located = locateInPiece(piece, encoding, pieceStart + skip, char, limit - found.length);
      // ICU's streaming GB18030 decoder can throw even when not fatal (seen on 81 30 E4 under
      // fuzzing): then each replacement is placed at its character, its byte at the piece's start.
      if (located) found.push(...located);
      else for (let j = text.indexOf('\ufffd'); j !== -1 && found.length < limit; j = text.indexOf('\ufffd', j + 1)) found.push({ byte: pieceStart + skip, char: char + j });
    }
    char += text.length;
    pieceStart = end;
  }
  return found;
}

/**
 * Feeds one piece byte by byte: a U+FFFD comes out when the decoder meets the byte that breaks a
 * sequence, which began at the first byte not yet turned into text. Null if the decoder throws.
 */
function locateInPiece(piece: Uint8Array, encoding: string, byteBase: number, charBase: number, limit: number): Replacement[] | null {
  const found: Replacement[] = [];
  const streaming = new TextDecoder(encoding, { fatal: false, ignoreBOM: true });
  let pending = 0;
  let at = charBase;
  try {
    for (let k = 0; k < piece.length && found.length < limit; k++) {
      const out = streaming.decode(piece.subarray(k, k + 1), { stream: k + 1 < piece.length });
      for (let j = 0; j < out.length; j++) if (out[j] === '\ufffd' && found.length < limit) found.push({ byte: byteBase + pending, char: at + j });
      if (out.length > 0) pending = k + 1;
      at += out.length;
    }
  } catch {
    return null;
  }
  return found;
}

function result(bytes: Uint8Array, encoding: string, how: Decoded['how'], skip = 0, lossy?: { text: string; replaced: number }): Decoded {
  const body = skip ? bytes.subarray(skip) : bytes;
  const { text, replaced } = lossy ?? decodeLossy(body, encoding);
  const replacements = replaced > 0 ? locateReplacements(body, encoding, skip, maxListed) : [];
  return { text, encoding, how, firstInvalidByte: replacements[0]?.byte ?? (replaced > 0 ? skip : -1), replaced, replacements, switches: [] };
}

function fatalOk(bytes: Uint8Array, encoding: string): boolean {
  try {
    decoder(encoding, true).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * True when some byte is 0. Buffer's indexOf (memchr), not Uint8Array's includes, which went byte
 * by byte: ~0.15 ms a 132 KB page, 2 % of `digest text`'s CPU on Readability's pages (issue 17).
 */
function hasZeroByte(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(0) !== -1;
}

/** True when some byte is outside ASCII (in valid UTF-8: a multi-byte character). */
function hasNonAscii(bytes: Uint8Array): boolean {
  return !isAscii(bytes);
}

// Characters frequent in Chinese prose (pipelines/data/decoding.json); a decoding that yields many
// of them is Chinese, one that yields rare characters only is another encoding read as GBK or
// Big5. Read on first need: most inputs are valid UTF-8 and never ask.
let frequent: { han: FrequentTable; hant: FrequentTable } | null = null;

/** A set of characters as a table by UTF-16 unit (a Set lookup per character of each candidate decoding cost ~1 ms a legacy page), astral ones aside. */
interface FrequentTable {
  units: Uint8Array;
  astral: Set<string>;
}

function frequentTable(characters: string): FrequentTable {
  const table: FrequentTable = { units: new Uint8Array(0x10000), astral: new Set() };
  for (const ch of characters) {
    if (ch.length === 1) table.units[ch.charCodeAt(0)] = 1;
    else table.astral.add(ch);
  }
  return table;
}

function frequentCharacters(): { han: FrequentTable; hant: FrequentTable } {
  if (frequent === null) {
    const value: unknown = JSON.parse(readFileSync(packagePath('pipelines', 'data', 'decoding.json'), 'utf8'));
    const valid = validatorFor<DecodingData>('decoding');
    if (!valid(value)) throw new Error(`pipelines/data/decoding.json does not match its schema: ${valid.errors()[0]?.message ?? ''}`);
    frequent = { han: frequentTable(value.frequentHan), hant: frequentTable(value.frequentHant) };
  }
  return frequent;
}

/** Frequent Chinese characters in a decoding, and all characters (code points) outside ASCII. */
function chineseScore(text: string, frequent: FrequentTable): { frequent: number; nonAscii: number } {
  let hits = 0;
  let nonAscii = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) continue;
    nonAscii++;
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < n) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        if (frequent.astral.has(text.slice(i, i + 2))) hits++;
        i++;
        continue;
      }
    }
    hits += frequent.units[unit]!;
  }
  return { frequent: hits, nonAscii };
}

/** A candidate decoding with what it cost. */
interface Candidate {
  encoding: string;
  text: string;
  replaced: number;
  /** Characters outside ASCII in the decoding, replacements included. */
  nonAscii: number;
  /** Frequent Chinese characters (for GB18030 and Big5), else 0. */
  frequent: number;
}

function candidate(bytes: Uint8Array, encoding: string): Candidate {
  const { text, replaced } = decodeLossy(bytes, encoding);
  const chinese = encoding === 'gb18030' || encoding === 'big5';
  const score = chinese ? chineseScore(text, encoding === 'big5' ? frequentCharacters().hant : frequentCharacters().han) : { frequent: 0, nonAscii: countNonAscii(text) };
  return { encoding, text, replaced, nonAscii: score.nonAscii, frequent: score.frequent };
}

function countNonAscii(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80) n++;
  return n;
}

/**
 * A multi-byte decoding is acceptable with a handful of replacements (≤ 2 % of its non-ASCII
 * characters, ≥ 1 allowed): a page with a few damaged bytes stays in its encoding. A Chinese
 * one must also read like Chinese (a fifth of its characters among the frequent ones), so a
 * Latin-1 page that GBK happens to decode is not taken for Chinese.
 */
function acceptable(c: Candidate): boolean {
  if (c.replaced > Math.max(1, c.nonAscii * 0.02)) return false;
  if (c.encoding === 'gb18030' || c.encoding === 'big5') return c.frequent >= (c.nonAscii - c.replaced) * 0.2;
  return true;
}

/**
 * Chooses the encoding of bytes that are not UTF-8: the declared one when it decodes them with
 * at most a handful of errors, else GB18030 or Big5 (this genre is Chinese; the frequent-character
 * score decides between them), else chardet's multi-byte guesses, else its single-byte one.
 * Every candidate is decoded with replacement and its errors counted: a CJK encoding with a
 * few bad bytes beats windows-1252, which decodes anything without error and reads as nonsense.
 */
async function chooseLegacy(bytes: Uint8Array, declared: string | null, fallback: string): Promise<{ chosen: Candidate; how: Decoded['how'] }> {
  if (declared && declared !== 'utf-8' && !declared.startsWith('utf-16')) {
    const c = candidate(bytes, declared);
    if (!multiByte.has(declared) ? c.replaced === 0 : acceptable(c)) return { chosen: c, how: 'declared' };
  }
  const chinese = ['gb18030', 'big5'].map((e) => candidate(bytes, e)).filter(acceptable);
  if (chinese.length > 0) {
    // GB18030 decodes most Big5 bytes without error, as rare characters: the share of frequent
    // ones decides.
    const share = (c: Candidate) => c.frequent / (c.nonAscii || 1);
    return { chosen: chinese.sort((a, b) => share(b) - share(a))[0]!, how: 'detected' };
  }
  const { analyse } = await import('chardet');
  const guesses = analyse(bytes)
    .map((m) => canonicalEncoding(m.name))
    .filter((e): e is string => e !== null && e !== 'utf-8' && !e.startsWith('utf-16'));
  const multi = guesses.filter((e) => multiByte.has(e)).map((e) => candidate(bytes, e)).filter(acceptable);
  if (multi.length > 0) return { chosen: multi.sort((a, b) => a.replaced - b.replaced)[0]!, how: 'detected' };
  const single = guesses.filter((e) => !multiByte.has(e)).map((e) => candidate(bytes, e)).find((c) => c.replaced === 0);
  if (single) return { chosen: single, how: 'detected' };
  return { chosen: candidate(bytes, declared ?? fallback), how: 'fallback' };
}

/** A line of the input by what its non-ASCII bytes are. */
interface LineClass {
  start: number;
  end: number;
  kind: 'ascii' | 'utf-8' | 'other';
  /** Valid UTF-8 multi-byte sequences in the line. */
  valid: number;
}

/**
 * Sorts lines by encoding: a line whose non-ASCII bytes are all (or, bar one in ten, nearly
 * all) valid UTF-8 sequences is UTF-8; any other line with non-ASCII bytes is something else.
 * Line feeds are never part of a multi-byte character in any encoding read here but UTF-16.
 */
function classifyLines(bytes: Uint8Array): LineClass[] {
  const lines: LineClass[] = [];
  let start = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    end = end === -1 ? bytes.length : end + 1;
    const { valid, invalid } = utf8Census(bytes, start, end);
    const kind = valid === 0 && invalid === 0 ? 'ascii' : invalid * 10 <= valid ? 'utf-8' : 'other';
    lines.push({ start, end, kind, valid });
    start = end;
  }
  return lines;
}

/**
 * Decodes a file made of UTF-8 parts and parts in another encoding, each part in its own, when
 * both kinds carry real text (≥ 20 UTF-8 characters on lines of three or more, ≥ 8 bytes of the other). Null when the
 * file is of one kind.
 */
async function decodeMixed(bytes: Uint8Array, declared: string | null, fallback: string): Promise<Decoded | null> {
  const lines = classifyLines(bytes);
  // A short line of GBK is valid UTF-8 now and then by chance; lines of three or more UTF-8
  // characters are not, so only they count as evidence of a UTF-8 part.
  const utf8Chars = lines.reduce((n, l) => n + (l.kind === 'utf-8' && l.valid >= 3 ? l.valid : 0), 0);
  const otherLines = lines.filter((l) => l.kind === 'other');
  const otherBytes = otherLines.reduce((n, l) => n + (l.end - l.start), 0);
  if (utf8Chars < 20 || otherBytes < 8) return null;
  // The other encoding is chosen on the other lines alone, then each run of lines of one kind
  // (ASCII lines join the run they are in) is decoded in its encoding.
  const otherPart = Buffer.concat(otherLines.map((l) => bytes.subarray(l.start, l.end)));
  const { chosen } = await chooseLegacy(otherPart, declared === 'utf-8' ? null : declared, fallback);
  const runs: { start: number; end: number; encoding: string }[] = [];
  for (const line of lines) {
    const encoding = line.kind === 'ascii' ? runs[runs.length - 1]?.encoding ?? 'utf-8' : line.kind === 'utf-8' ? 'utf-8' : chosen.encoding;
    const last = runs[runs.length - 1];
    if (last && last.encoding === encoding) last.end = line.end;
    else runs.push({ start: line.start, end: line.end, encoding });
  }
  let text = '';
  let replaced = 0;
  const replacements: Replacement[] = [];
  const switches: EncodingSwitch[] = [];
  runs.forEach((run, i) => {
    const part = bytes.subarray(run.start, run.end);
    const lossy = decodeLossy(part, run.encoding);
    if (i > 0) switches.push({ byte: run.start, char: text.length, from: runs[i - 1]!.encoding, to: run.encoding });
    if (lossy.replaced > 0 && replacements.length < maxListed) {
      for (const r of locateReplacements(part, run.encoding, run.start, maxListed - replacements.length)) replacements.push({ byte: r.byte, char: r.char + text.length });
    }
    replaced += lossy.replaced;
    text += lossy.text;
  });
  return { text, encoding: chosen.encoding, how: 'mixed', firstInvalidByte: replacements[0]?.byte ?? -1, replaced, replacements, switches };
}

/**
 * Decodes bytes, never silently wrong: a BOM wins; a declared charset is kept unless the bytes
 * contradict it (valid UTF-8 with multi-byte characters under a non-UTF-8 label is UTF-8); then
 * strict UTF-8, a UTF-16 zero-byte pattern, a file in two encodings decoded part by part,
 * mostly-valid UTF-8 with a few damaged sequences, and last the legacy encodings, chosen by
 * counting the replacements each would need (see chooseLegacy).
 */
export async function decode(bytes: Uint8Array, fallback = 'gb18030'): Promise<Decoded> {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return result(bytes, 'utf-8', 'bom', 3);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return result(bytes, 'utf-16le', 'bom', 2);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return result(bytes, 'utf-16be', 'bom', 2);

  const declaration = findDeclaration(bytes);
  const declaredLabel = declaration?.label ?? null;
  const declared = declaredLabel ? canonicalEncoding(declaredLabel) : null;
  const withIgnored = (decoded: Decoded, ignored: string | null | undefined): Decoded => {
    if (!ignored || !declaration) return decoded;
    // The declaration is ASCII, so its place in the text is the length of what precedes it.
    const at = decoder(decoded.encoding, false).decode(bytes.subarray(0, declaration.byte)).length;
    return { ...decoded, ignoredDeclaration: ignored, ignoredDeclarationAt: decoded.how === 'bom' ? 0 : at };
  };
  // UTF-16 of ASCII text is also valid UTF-8 (every other byte a NUL, which text never holds):
  // the zero-byte pattern is read first when there are zero bytes at all.
  const sixteen = hasZeroByte(bytes) ? utf16Pattern(bytes) : null;
  if (sixteen) return withIgnored(result(bytes, sixteen, 'utf-16-pattern'), declaredLabel ?? undefined);
  const validUtf8 = isValidUtf8(bytes);
  if (declared === 'utf-8' && validUtf8) return result(bytes, 'utf-8', 'declared');
  // Valid UTF-8 with multi-byte characters is UTF-8 whatever the page says: no legacy text of
  // any length is also valid UTF-8 by chance, and honouring the label would garble every character.
  if (validUtf8 && hasNonAscii(bytes)) return withIgnored(result(bytes, 'utf-8', 'utf-8'), declared && declared !== 'utf-8' ? declaredLabel! : undefined);
  if (declared && !declared.startsWith('utf-16') && declared !== 'utf-8' && fatalOk(bytes, declared)) return result(bytes, declared, 'declared');
  if (validUtf8) return withIgnored(result(bytes, 'utf-8', 'utf-8'), declared && declared !== 'utf-8' ? declaredLabel! : undefined);

  const mixed = await decodeMixed(bytes, declared, fallback);
  if (mixed) return mixed;

  // Mostly-valid UTF-8 with a few damaged sequences is still UTF-8.
  const census = utf8Census(bytes, 0, bytes.length);
  if (census.invalid > 0 && census.invalid * 50 < census.valid) {
    return withIgnored(result(bytes, 'utf-8', 'utf-8'), declared && declared !== 'utf-8' ? declaredLabel! : undefined);
  }

  const { chosen, how } = await chooseLegacy(bytes, declared, fallback);
  const decoded = result(bytes, chosen.encoding, how, 0, chosen);
  return declared && chosen.encoding !== declared ? withIgnored(decoded, declaredLabel!) : decoded;
}

/** Normalises CRLF and lone CR to LF. */
export function normalizeLineEnds(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/** Maps an offset in a text to the same place after normalizeLineEnds (each CRLF loses a character). */
export function normalizedOffset(text: string, offset: number): number {
  let removed = 0;
  for (let i = text.indexOf('\r\n'); i !== -1 && i < offset - 1; i = text.indexOf('\r\n', i + 2)) removed++;
  return offset - removed;
}
