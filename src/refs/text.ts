import { foldWidth } from '../core/text.js';
import { isLatin1 } from './latin1.js';

/**
 * Small text helpers the reference grammars share: a width-folded matching view, top-level
 * splitting that respects brackets and quotes, and tidying of a field's value.
 */

/** A piece of a string with its place in it. */
export interface Span {
  text: string;
  start: number;
  end: number;
}

/**
 * A pattern made on its first use, then kept: V8 parses a regular expression when it is made,
 * and a one-article `digest ingest` runs ~80 % of the parser's patterns (issue 17: start-up).
 * The same object every call, so a global or sticky pattern keeps its `lastIndex` as before.
 */
export function lazyPattern(make: () => RegExp): () => RegExp {
  let pattern: RegExp | undefined;
  return () => (pattern ??= make());
}

/** Han, kana or Hangul: text written in a CJK script (made on first use: ICU builds its four script sets). */
const cjkPattern = lazyPattern(() => /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u);

/** True when the text holds any CJK character (a Latin-1 or General Punctuation text holds none: no pattern needed, issue 17). */
export const hasCjk = (text: string) => !isLatin1(text) && cjkPattern().test(text);

/**
 * The matching view of a reference: full-width forms folded ("，" → ","), and the ideographic
 * full stop and enumeration comma mapped to "." and ",", one code unit for one, so offsets
 * into the view are offsets into the string.
 */
export function matchingView(text: string): string {
  return foldWidth(text).replaceAll('。', '.').replaceAll('、', ',');
}

const opening: Record<string, string> = { '(': ')', '[': ']', '《': '》', '“': '”', '«': '»', '{': '}', '〔': '〕', '【': '】', '‘': '’' };

// Each code unit's role: 0 none, an opener's closer, or `CLOSER`.
const CLOSER = 1;
const bracketRole = new Uint16Array(0x10000);
for (const [open, close] of Object.entries(opening)) {
  bracketRole[open.charCodeAt(0)] = close.charCodeAt(0);
  bracketRole[close.charCodeAt(0)] = CLOSER;
}

/** For each bracket or quote that is closed again, the offset of its partner (unclosed ones are text). */
function bracketPairs(view: string, from: number, to: number): Map<number, number> {
  const pairs = new Map<number, number>();
  const stack: { at: number; close: number }[] = [];
  for (let i = from; i < to; i++) {
    const code = view.charCodeAt(i);
    const role = bracketRole[code]!;
    if (role === 0) continue;
    // "’" is also an apostrophe: it closes a "‘" only when one is open. ("‘50s": a "‘" before a digit is one too.)
    if (role !== CLOSER) {
      const next = view.charCodeAt(i + 1);
      if (!(code === 0x2018 && next >= 0x30 && next <= 0x39)) stack.push({ at: i, close: role });
      continue;
    }
    // A closer pairs with an opener at most 8 levels down (bounded work per character).
    let k = stack.length - 1;
    while (k >= 0 && k >= stack.length - 8 && stack[k]!.close !== code) k--;
    if (k >= 0 && stack[k]!.close === code) {
      pairs.set(stack[k]!.at, i);
      stack.length = k;
    }
  }
  return pairs;
}

/** True for a code unit that opens a bracket or quote (a key `bracketPairs` may give). */
const isOpener = (code: number) => {
  const role = bracketRole[code]!;
  return role !== 0 && role !== CLOSER;
};

/**
 * Where the pieces of `body` split at its top-level ", " end, as `cuts` (general.ts) reads them:
 * the `end` of each piece `splitTopLevel(body, (i) => (body[i] === ',' && body[i + 1] === ' ' ? 1 : 0))`
 * gives, in order, that ends before the body does. The same pieces, read without a call per
 * character or a trimmed copy of each (issue 17: 1.5 of the title cuts' 4.4 s in change 47's profile);
 * tests/refs/text.test.ts compares the two on any string.
 */
export function commaPieceEnds(body: string): number[] {
  const pairs = bracketPairs(body, 0, body.length);
  const paired = pairs.size > 0;
  const ends: number[] = [];
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const code = body.charCodeAt(i);
    const partner = paired && isOpener(code) ? pairs.get(i) : undefined;
    if (partner !== undefined) {
      i = partner;
      continue;
    }
    if (code === 0x2c && body.charCodeAt(i + 1) === 0x20) {
      // (A piece of white space alone is no piece: `splitTopLevel` drops it.)
      let end = i;
      while (end > start && isSpaceUnit(body.charCodeAt(end - 1))) end--;
      if (end > start) ends.push(end);
      start = i + 1;
    }
  }
  let end = body.length;
  while (end > start && isSpaceUnit(body.charCodeAt(end - 1))) end--;
  if (end > start && end < body.length) ends.push(end);
  return ends;
}

/**
 * Splits `view` at every top-level separator `at` accepts (outside brackets and quotes that
 * close again), returning the trimmed pieces with their offsets. `at(i)` is asked at each
 * character and returns the separator's length there, or 0. Linear in the text.
 */
export function splitTopLevel(view: string, at: (i: number) => number, from = 0, to = view.length): Span[] {
  const pairs = bracketPairs(view, from, to);
  const out: Span[] = [];
  let start = from;
  const paired = pairs.size > 0;
  for (let i = from; i < to; i++) {
    // (Only an opener has a partner: the map is asked at openers, not at every character.)
    const partner = paired && isOpener(view.charCodeAt(i)) ? pairs.get(i) : undefined;
    if (partner !== undefined) {
      i = partner;
      continue;
    }
    const length = at(i);
    if (length > 0) {
      out.push(trimSpan(view, start, i));
      start = i + length;
      i += length - 1;
    }
  }
  out.push(trimSpan(view, start, to));
  return out.filter((s) => s.text !== '');
}

// White space as `\s` reads it (ECMAScript's WhiteSpace and LineTerminator), by code unit: the
// trims below look at a text's ends only, where a pattern anchored at the end (`[…]+$`) is tried
// from every offset of the text (issue 17). tests/refs/text.test.ts checks it against `\s`.
const spaceUnits = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff]);

/** True when the code unit is white space as `\s` reads it. */
export const isSpaceUnit = (code: number) => spaceUnits.has(code);

/**
 * `text` without its leading run of white space and `leading` characters and its trailing run of
 * white space and `trailing` ones: `text.replace(/^[\s<leading>]+|[\s<trailing>]+$/g, '')`,
 * read from the ends only.
 */
export function stripEnds(text: string, leading: string, trailing: string): string {
  let s = 0;
  let e = text.length;
  while (s < e && (isSpaceUnit(text.charCodeAt(s)) || leading.includes(text[s]!))) s++;
  while (e > s && (isSpaceUnit(text.charCodeAt(e - 1)) || trailing.includes(text[e - 1]!))) e--;
  return s === 0 && e === text.length ? text : text.slice(s, e);
}

/**
 * Whether the first unit of `text` — or its second, when `pastSpace` and the first is white space —
 * is one of `units`: what a pattern anchored at the start (`^X`, `^\s?X`) needs there. The parser
 * asks it before such a pattern, which a text it rules out then never compiles: a one-article list
 * runs each of its ~200 patterns a few times, and compiling one costs more than every run of it
 * (BENCHMARKS.md, issue 17: start-up).
 */
export function opensWithOneOf(text: string, units: string, pastSpace = false): boolean {
  const at = pastSpace && isSpaceUnit(text.charCodeAt(0)) ? 1 : 0;
  return at < text.length && units.includes(text[at]!);
}

/** Whether the last unit of `text` is one of `units` (see {@link opensWithOneOf}: a pattern anchored at the end). */
export function closesWithOneOf(text: string, units: string): boolean {
  return text.length > 0 && units.includes(text[text.length - 1]!);
}

/** Whether `text` holds `open`, then at most one white-space unit, then `close` ("()", "[ ]"): what `\s?\(\s?\)` needs. */
export function holdsEmptyPair(text: string, open: string, close: string): boolean {
  for (let i = text.indexOf(open); i !== -1; i = text.indexOf(open, i + 1)) {
    if (text[i + 1] === close || (isSpaceUnit(text.charCodeAt(i + 1)) && text[i + 2] === close)) return true;
  }
  return false;
}

/** Whether `text` holds one of `units` (a class every match of a pattern holds a unit of). */
export function holdsOneOf(text: string, units: string): boolean {
  for (let i = 0; i < units.length; i++) if (text.includes(units[i]!)) return true;
  return false;
}

/** The ASCII digits, as {@link opensWithOneOf} takes units. */
export const DIGITS = '0123456789';

/** Whether `text` holds an ASCII digit (what `\d` matches, with or without the u and i flags). */
export function holdsDigit(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) return true;
  }
  return false;
}

// Where `\s+` → ' ' changes a text: white space other than a space, or two spaces.
const unsquashed = lazyPattern(() => /[^\S ]| {2}/);

/**
 * The text with each run of white space as one space, `text.replace(/\s+/g, ' ')`, without that
 * pass (a new string) where every run is one space already, as in most references (issue 17).
 */
export function squashSpaces(text: string): string {
  return unsquashed().test(text) ? text.replace(/\s+/g, ' ') : text;
}

/** The span [start, end) of `text` without white space at either end. */
export function trimSpan(text: string, start: number, end: number): Span {
  let s = start;
  let e = end;
  while (s < e && isSpaceUnit(text.charCodeAt(s))) s++;
  while (e > s && isSpaceUnit(text.charCodeAt(e - 1))) e--;
  return { text: text.slice(s, e), start: s, end: e };
}

/** A field value as written, white space squashed and stray separators trimmed. */
export function tidyValue(text: string): string {
  return squashSpaces(text)
    .trim()
    .replace(/^[,.;:，。；：、\s]+/u, '')
    .replace(/[,;:，；：、\s]+$/u, '')
    .trim();
}
