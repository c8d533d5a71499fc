import { foldWidth } from '../core/text.js';

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

/** Han, kana or Hangul: text written in a CJK script. */
export const cjkPattern = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** True when the text holds any CJK character. */
export const hasCjk = (text: string) => cjkPattern.test(text);

/**
 * The matching view of a reference: full-width forms folded ("，" → ","), and the ideographic
 * full stop and enumeration comma mapped to "." and ",", one code unit for one, so offsets
 * into the view are offsets into the string.
 */
export function matchingView(text: string): string {
  return foldWidth(text).replace(/。/g, '.').replace(/、/g, ',');
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
    const partner = paired ? pairs.get(i) : undefined;
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

/** The span [start, end) of `text` without white space at either end. */
export function trimSpan(text: string, start: number, end: number): Span {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  return { text: text.slice(s, e), start: s, end: e };
}

/** A field value as written, white space squashed and stray separators trimmed. */
export function tidyValue(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[,.;:，。；：、\s]+/u, '')
    .replace(/[,;:，；：、\s]+$/u, '')
    .trim();
}
