import { simplifiedToTraditional, traditionalToSimplified } from '../generated/script-tables.js';
import { rangedPattern } from './property-ranges.js';
import { mapUnits, matchesOf } from './text.js';

let tables: { simplified: Map<string, string>; traditional: Map<string, string> } | null = null;

/**
 * OpenCC's character tables (simplified → traditional and traditional → simplified) as Maps.
 * Only single-character entries are kept: OpenCC's phrase tries cost ~90 ms each to build, and
 * script detection and the matching view need characters only (which also keeps every
 * conversion length-preserving, so offsets survive). Generated from opencc-js at build time
 * (scripts/gen-script-tables.mjs): parsing its dictionaries cost ~60 ms of every start. Nothing
 * on the pipeline's path calls this: the matching view and {@link letterCounts} read the
 * generated strings into code-unit tables directly ({@link foldTable}, {@link keyTable}), since
 * building these two Maps of ~5,700 entries was ~20 M instructions of a one-article
 * `digest ingest` (issue 17: start-up).
 */
export function characterTablesSync(): { simplified: Map<string, string>; traditional: Map<string, string> } {
  if (!tables) {
    const read = ({ from, to }: { from: string; to: string }) => new Map([...from].map((ch, i) => [ch, to[i]!]));
    tables = { simplified: read(simplifiedToTraditional), traditional: read(traditionalToSimplified) };
  }
  return tables;
}

const foldOne: Record<string, string> = {
  '‐': '-', '‑': '-', '‒': '-', '–': '-', '—': '-', '―': '-', '−': '-',
  '₀': '0', '₁': '1', '₂': '2', '₃': '3', '₄': '4', '₅': '5', '₆': '6', '₇': '7', '₈': '8', '₉': '9',
  '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9', '⁺': '+', '⁻': '-',
  'ß': 'β', 'µ': 'μ', 'ɑ': 'α', '\u3000': ' ',
  // English pages write the apostrophe curly ("Parkinson’s disease", "Wharton’s jelly"); the data, straight.
  '’': "'", '‘': "'", 'ʼ': "'",
};

let fold: Uint16Array | null = null;

/**
 * One code unit → its folded code unit, for all of the BMP, built once per process straight from
 * the generated table's two strings (every entry is one BMP unit to one, keys distinct),
 * with no Map in between.
 */
function foldTable(): Uint16Array {
  if (!fold) {
    const table = new Uint16Array(0x10000); // 0: the unit itself (mapUnits), then the folds
    const { from, to } = traditionalToSimplified;
    for (let i = 0; i < from.length; i++) table[from.charCodeAt(i)] = to.charCodeAt(i);
    for (let c = 0xff01; c <= 0xff5e; c++) table[c] = c - 0xfee0;
    for (const [from, to] of Object.entries(foldOne)) table[from.charCodeAt(0)] = to.charCodeAt(0);
    fold = table;
  }
  return fold;
}

/**
 * The matching view of a text: traditional characters → simplified, full-width ASCII →
 * half-width, dash, apostrophe, sub/superscript and Greek look-alike variants folded. One UTF-16 unit in,
 * one out: an offset in the view is the same offset in the text. A table lookup per code unit
 * (the profile showed per-character string building and Map lookups as the hottest code).
 */
export function matchingView(text: string): string {
  return mapUnits(text, foldTable());
}

/**
 * The matching view of a document's block ({@link matchingView}), made on
 * first need and kept in `views` (the document's `doc.views`): the lexicon's scan, the journal
 * reading, the label and facts stages read the same one instead of each folding the block again.
 */
export function viewOf<B extends { readonly text: string }>(block: B, views: Map<B, string>): string {
  let view = views.get(block);
  if (view === undefined) {
    view = matchingView(block.text);
    views.set(block, view);
  }
  return view;
}

let keyTables: { simplified: Uint8Array; traditional: Uint8Array } | null = null;

/** The keys of each generated character table as a table of code units (1: a key), read from its `from` string. */
function keyTable(): { simplified: Uint8Array; traditional: Uint8Array } {
  if (!keyTables) {
    const keys = (from: string) => {
      const table = new Uint8Array(0x10000);
      for (let i = 0; i < from.length; i++) table[from.charCodeAt(i)] = 1;
      return table;
    };
    keyTables = { simplified: keys(simplifiedToTraditional.from), traditional: keys(traditionalToSimplified.from) };
  }
  return keyTables;
}

/** Lower-cases a view without changing its length (characters whose lower case is longer stay). */
export function lowerSameLength(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = '';
  for (const ch of text) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}

/**
 * A one-character pattern as a test of the UTF-16 unit at an index of a text: `test(text, i)` is
 * `pattern().test(text[i] ?? '')`, the answer kept per unit (a pattern tested character by
 * character was the hottest line of the word-boundary checks). For patterns without the g or y
 * flag: the answer is a pure function of the unit. The pattern is asked for at the first test
 * (a {@link rangedPattern} is made then, not when its module loads).
 */
export function unitTest(pattern: () => RegExp): (text: string, index: number) => boolean {
  const known = new Uint8Array(0x10000); // 0 not yet asked, 1 no, 2 yes
  // The answer outside the text, asked on first need: the lexicon's and the journal index's tests
  // are made when their modules load, and `digest text` loads them without running either, so
  // testing '' here compiled their \p{Script=…} classes for nothing (~4 M instructions; issue 17).
  let outside: boolean | undefined;
  return (text, index) => {
    if (index < 0 || index >= text.length) return (outside ??= pattern().test(''));
    const unit = text.charCodeAt(index);
    let answer = known[unit]!;
    if (answer === 0) answer = known[unit] = pattern().test(text[index]!) ? 2 : 1;
    return answer === 2;
  };
}

const UNKNOWN = 255;
const NOT_LETTER = 0;
const LETTER = 1;
const LATIN = 2;
const HAN = 3;
/**
 * BMP code unit → letter class: the Han blocks (CJK Unified Ideographs and Extension A, the
 * Compatibility Ideographs) from the start, the rest filled as characters are first seen (regex
 * tests are slow per character). Han by its ranges at the first sighting, the range tests of a
 * full-width character's first sighting came after `letterCounts` was compiled and threw its code
 * away (issue 17: BENCHMARKS.md, "the review pages' renderers compiled once").
 */
const letterClass = new Uint8Array(0x10000).fill(UNKNOWN).fill(HAN, 0x3400, 0x4dc0).fill(HAN, 0x4e00, 0xa000).fill(HAN, 0xf900, 0xfb00);

// (Ranges, not ICU's sets: src/core/property-ranges.ts. The letter test meets any page's first
// character outside ASCII and Han: as written it was three ICU lookups of \p{L} in every ingest.)
const latinScript = rangedPattern(() => /\p{Script=Latin}/u);
const letter = rangedPattern(() => /\p{L}/u);
const letterOrDigit = rangedPattern(() => /[\p{L}\p{N}]/u);

/** The class of a character {@link letterClass} does not hold yet (none of the BMP's Han): by its script and whether it is a letter. */
function classifyUnit(ch: string): number {
  if (latinScript().test(ch)) return letter().test(ch) ? LATIN : NOT_LETTER;
  return letter().test(ch) ? LETTER : NOT_LETTER;
}

/** The class of a high surrogate and the unit after it: Han in the Supplementary Ideographic Plane, else as {@link classifyUnit}. */
function classifyPair(pair: string): number {
  const code = pair.codePointAt(0)!;
  return code >= 0x20000 && code <= 0x2fa1f ? HAN : classifyUnit(pair);
}

/** What {@link letterCounts} counts. */
export interface LetterCounts {
  /** Han characters, in UTF-16 units. */
  han: number;
  letters: number;
  latin: number;
  /** Han units that are keys of OpenCC's simplified → traditional table (written only in simplified script). */
  simplifiedOnly: number;
  /** Han units that are keys of its traditional → simplified table (written only in traditional script). */
  traditionalOnly: number;
}

/**
 * The letters, Latin letters and Han characters of a text, and how many of the Han characters
 * each script alone writes ({@link countIn} of the Han characters with each of OpenCC's tables),
 * in one pass over its code units: the Han characters are counted where they are read, not
 * gathered into a string first (issue 17). The class table is a cache of a pure function of the
 * code unit, shared by every document.
 */
export function letterCounts(text: string): LetterCounts {
  const { simplified: simplifiedKeys, traditional: traditionalKeys } = keyTable();
  let han = 0;
  let letters = 0;
  let latin = 0;
  let simplifiedOnly = 0;
  let traditionalOnly = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    let kind: number;
    // A high surrogate asked by one mask and one compare of every unit: as `unit >= 0xd800 &&
    // unit <= 0xdbff` the second compare ran only for a unit past 0xd800 (full-width punctuation),
    // and the code TurboFan compiled before one came had no feedback there and was thrown away
    // (issue 17: BENCHMARKS.md, "the review pages' renderers compiled once").
    if ((unit & 0xfc00) === 0xd800 && i + 1 < text.length) {
      kind = classifyPair(text.slice(i, i + 2));
      if (kind === HAN) {
        // Both units count, as they would in a string of the Han characters.
        const low = text.charCodeAt(i + 1);
        han += 2;
        simplifiedOnly += simplifiedKeys[unit]! + simplifiedKeys[low]!;
        traditionalOnly += traditionalKeys[unit]! + traditionalKeys[low]!;
      }
      i++;
    } else {
      kind = letterClass[unit]!;
      if (kind === UNKNOWN) kind = letterClass[unit] = classifyUnit(text[i]!);
      if (kind === HAN) {
        han++;
        simplifiedOnly += simplifiedKeys[unit]!;
        traditionalOnly += traditionalKeys[unit]!;
      }
    }
    if (kind !== NOT_LETTER) letters++;
    if (kind === LATIN) latin++;
  }
  return { han, letters, latin, simplifiedOnly, traditionalOnly };
}

/**
 * A matching view with some spans taken out (the pinyin a mirror's converter left after the
 * characters it converted: 醫(yī)療), and the way back to offsets in the text it was made from.
 */
export interface ShrunkView {
  /** The view without the spans. */
  readonly text: string;
  /** How many spans were taken out. */
  readonly removed: number;
  /** Where the first span taken out starts in the original, or -1. */
  readonly firstRemoved: number;
  /**
   * The offset in the original of an offset in `text`. An end offset maps to the start of the
   * next kept character, so a match ending in 試驗 spans 試驗(yàn) in the source: a name's own
   * pinyin stays with it.
   */
  source(offset: number): number;
}

const identityView = (text: string): ShrunkView => ({ text, removed: 0, firstRemoved: -1, source: (offset) => offset });

/**
 * Takes every match of `pattern` (compiled with the g flag) out of a view, keeping a map back to
 * the view's offsets. Linear in the view; the view itself when the pattern is null or finds nothing.
 */
export function withoutMatches(view: string, pattern: RegExp | null): ShrunkView {
  if (pattern === null || !view.includes('(')) return identityView(view);
  pattern.lastIndex = 0;
  const spans: [number, number][] = [];
  for (const m of matchesOf(view, pattern)) if (m[0].length > 0) spans.push([m.index, m.index + m[0].length]);
  if (spans.length === 0) return identityView(view);
  const kept = view.length - spans.reduce((n, [a, b]) => n + b - a, 0);
  const map = new Int32Array(kept + 1);
  let text = '';
  let from = 0;
  let k = 0;
  for (const [a, b] of [...spans, [view.length, view.length] as [number, number]]) {
    text += view.slice(from, a);
    for (let i = from; i < a; i++) map[k++] = i;
    from = b;
  }
  map[kept] = view.length;
  return { text, removed: spans.length, firstRemoved: spans[0]![0], source: (offset) => map[offset]! };
}

/**
 * A letter or digit of ASCII, or a CJK Unified Ideograph (U+4E00–U+9FFF, every one of them a
 * letter, Lo): all in `[\p{L}\p{N}]`, and found in almost any text this project reads.
 */
const commonLetterOrDigit = /[0-9A-Za-z\u4e00-\u9fff]/;
/** {@link commonLetterOrDigit} less the digits: all in `\p{L}`. */
const commonLetter = /[A-Za-z\u4e00-\u9fff]/;

/**
 * `/[\p{L}\p{N}]/u.test(text)`, the Unicode classes compiled only for a text without an ASCII
 * letter or digit or a common Han character: compiling them (ICU's property sets) was ~3 M
 * instructions of `digest text`'s first page (issue 17: start-up). Those are ranges now, too.
 */
export function hasLetterOrDigit(text: string): boolean {
  return commonLetterOrDigit.test(text) || letterOrDigit().test(text);
}

/** `/\p{L}/u.test(text)`, compiled only for a text without an ASCII letter or a common Han character (see {@link hasLetterOrDigit}). */
export function hasLetter(text: string): boolean {
  return commonLetter.test(text) || letter().test(text);
}
