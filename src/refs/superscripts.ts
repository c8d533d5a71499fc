import type { Block } from '../core/document.js';
import { referenceData } from '../generated/reference-data.js';
import { lazyPattern } from './text.js';

/**
 * A superscript read as a citation marker ("cells.<sup>1</sup>", "results,<sup>2,3</sup>",
 * "shown¹²", "^4^"): [index, end) in its block's text, the marker as written there, its numbers
 * as a bracketed marker writes them ("2,3", "4-6"), and whether a link to the page itself
 * makes it a footnote's for certain.
 */
export interface SuperscriptMarker {
  index: number;
  end: number;
  text: string;
  numbers: string;
  linked: boolean;
  /** Its offset in the decoded text where the markup said it (a `<sup>`); null for one the text writes. */
  source: number | null;
}

// Unicode's superscript digits (U+2070, U+00B9, U+00B2, U+00B3, U+2074–U+2079), its minus and
// the modifier comma some copies put between them.
const superDigits = '\u2070\u00b9\u00b2\u00b3\u2074-\u2079';
const superFolds: Readonly<Record<string, string>> = { '\u2070': '0', '\u00b9': '1', '\u00b2': '2', '\u00b3': '3', '\u207b': '-', '\u02d2': ',' };
// What a superscript holds when it cites: numbers, lists and ranges of them ("1", "2,3", "4–6", "1-3, 7").
const citedNumbers = /^\d{1,4}(?:\s{0,2}[-–—,]\s{0,2}\d{1,4}){0,20}$/;
// Where a text writes superscripts itself: a run of Unicode's superscript digits (not after a
// digit or a superscript minus: "10⁶", "s⁻¹"), or Markdown's (Pandoc's) "^4^".
const written = lazyPattern(
  () => new RegExp(`(?<![\\d${superDigits}\u207b])[${superDigits}]{1,4}(?:\\s?[,\u02d2\u207b–-]\\s?[${superDigits}]{1,4}){0,20}(?![\\d${superDigits}])|\\^(\\d{1,4}(?:\\s{0,2}[-–,]\\s{0,2}\\d{1,4}){0,20})\\^`, 'gu'),
);
const mayWrite = lazyPattern(() => new RegExp(`[${superDigits}^]`, 'u'));
// The word before a superscript (its input is the 12 characters before it). Made at the first
// superscript that needs it, from a string: a module-level literal's `\p{L}` was built through ICU
// when it was made at load (~1.56 M instructions of every ingest, though most pages hold no
// superscript), and again as V8's parser checked the literal where no code cache is taken (~0.95 M,
// even in a thunk never called; issue 17: start-up). The ReDoS audit reads the string as it read the literal.
const wordBefore = lazyPattern(() => new RegExp('[\\p{L}µ]{1,12}$', 'u'));
let exponentWords: ReadonlySet<string> | null = null;

/**
 * True when a superscript at `index` of `text` is a power or a symbol's index, not a citation:
 * after a digit ("10<sup>6</sup>"), a one-letter symbol ("R²", "I<sup>2</sup>") or a unit
 * (references.json's exponentWords: "m²", "mm<sup>3</sup>").
 */
function isExponent(text: string, index: number): boolean {
  const before = text.charCodeAt(index - 1);
  if (before >= 0x30 && before <= 0x39) return true;
  const word = wordBefore().exec(text.slice(Math.max(0, index - 12), index))?.[0];
  if (word === undefined) return false;
  exponentWords ??= new Set(referenceData.exponentWords);
  return word.length === 1 || exponentWords.has(word);
}

/** The ASCII form of a superscript's numbers ("¹²" → "12", "⁵⁻⁷" → "5-7", "2, 3" kept). */
function foldSuperscript(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    out += superFolds[ch] ?? (code >= 0x2074 && code <= 0x2079 ? String(code - 0x2070) : ch);
  }
  return out;
}

/**
 * The superscripts of a block that may be citation markers, in text order: the markup's
 * `<sup>`s (the block's `superscripts`) holding numbers, and the superscript digits or "^n^" the
 * text writes, each not a power or an index ({@link isExponent}) unless a link to the page makes
 * it a footnote's. Whether one cites is the link stage's to say, against the reference list.
 */
export function superscriptMarkers(block: Block): SuperscriptMarker[] {
  const text = block.text;
  const out: SuperscriptMarker[] = [];
  for (const sup of block.superscripts ?? []) {
    const content = text.slice(sup.index, sup.index + sup.length);
    if (!citedNumbers.test(content) || (!sup.linked && isExponent(text, sup.index))) continue;
    out.push({ index: sup.index, end: sup.index + sup.length, text: content, numbers: content, linked: sup.linked, source: sup.source });
  }
  if (!mayWrite().test(text)) return out;
  const pattern = written();
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    if (isExponent(text, m.index)) continue;
    out.push({ index: m.index, end: m.index + m[0].length, text: m[0], numbers: m[1] ?? foldSuperscript(m[0]), linked: false, source: null });
  }
  if (block.superscripts && out.length > 1) out.sort((a, b) => a.index - b.index);
  return out;
}

/**
 * A citation marker a copy flattened into the text: a page's superscript become plain digits glued
 * to a word ("…cells2,3 and") or to the full stop or comma after it ("…symmetrically.1 In 2019"):
 * [index, end) in the text, and its numbers as written ("2,3", "1–3"). Read by shape alone; whether
 * one cites is the link stage's to say, against the page's own reference list and its order.
 */
export interface FlattenedMarker {
  index: number;
  end: number;
  /** The marker as the text writes it: its digits ("2,3"), or a named link's words and digits ("Citation2Citation4"). */
  text: string;
  numbers: string;
  /** Where the word it is glued to starts: the word and the marker, written together, place it in a markup's source. */
  word: number;
  /**
   * Each number named by the link's own word, as Taylor & Francis's pages write a citation link for screen
   * readers ("…lineages.Citation1,Citation2 Hematopoiesis"): a citation by that word, not by its place in
   * the list's order, so read as a superscript is (where the list has its numbers).
   */
  named: boolean;
}

// The two shapes in one pattern, ASCII only (no `u` flag, no property escape: compiled at a page's first
// need): a word of two letters or more, its closing punctuation (".", ",", ";", a closing bracket or quote
// and maybe one of them) and the digits; or, without punctuation, a word of three lower-case letters or
// more and the digits glued to it (told apart in code). Either word opens the text or follows a space
// or an opening bracket or quote (the first also a hyphen: "anti-inflammatory.3"), never a digit, a
// letter, a slash or a dot ("page1" of a link, "CD34", "Sox2" — a capital — "IL-6"). The digits are
// numbers, lists and ranges of them, and end the word: a space, a closing bracket, the text's end, or a
// punctuation mark before a space or the end ("cells2.", not "cells2.5").
const flattened = lazyPattern(
  () => new RegExp('(?<=^|[\\s(\\["\u201c\u2018\'-])([A-Za-z]{2,})(\\)[.,;]?|[\u201d"\u2019][.,;]?|[.,;])?(\\d{1,3}(?:[,\u2013-]\\d{1,3})*)(?=[\\s)\\]]|[.,;:](?:\\s|$)|$)', 'g'),
);
// A block that may hold one: a letter, maybe a closing mark, and a digit (most blocks hold none, and the pattern is not compiled for them).
const mayHoldFlattened = /[A-Za-z][)\u201d"\u2019]?[.,;]?\d/;
// Taylor & Francis's citation links flattened: the link's word "Citation" glued to each number, to the word or
// the punctuation before it ("blood lineages.Citation1,Citation2", "expansionCitation12Citation14", "in
// 1966Citation16,Citation17"). Two links with nothing between them are a range whose dash the copy lost
// ("Citation2Citation4" is 2–4: on the page of the shape every number of its list is cited, in order, only
// so); a comma or a dash between them is kept, a semicolon read as a comma.
const namedLinks = lazyPattern(() => /Citation(\d{1,3})(?:[,;\u2013-]?Citation\d{1,3})*(?!\d)/g);
const namedLink = /([,;\u2013-]?)Citation(\d{1,3})/g;

/** The numbers of a run of named links as a bracketed marker writes them ("Citation2Citation4" → "2–4", "Citation16;Citation17" → "16,17"). */
function namedNumbers(run: string): string {
  let out = '';
  namedLink.lastIndex = 0;
  for (let m = namedLink.exec(run); m !== null; m = namedLink.exec(run)) {
    if (out) out += m[1] === '' || m[1] === '-' ? '\u2013' : m[1] === ';' ? ',' : m[1];
    out += m[2];
  }
  return out;
}
let numberLabels: ReadonlySet<string> | null = null;

/**
 * The flattened superscripts of a block that may be citation markers ({@link FlattenedMarker}), in
 * text order (digits its markup set high are {@link superscriptMarkers}' to read). Not one after a label a number belongs to (references.json's numberLabels: "Fig.2",
 * "phase3") or a unit ("mm2": exponentWords), nor after a full stop when a lower-case word follows
 * ("approx.3 mg", "vs.2 groups": a sentence goes on, where a flattened marker ends one) unless the
 * full stop is "et al."'s.
 */
export function flattenedMarkers(block: Block): FlattenedMarker[] {
  const text = block.text;
  const out: FlattenedMarker[] = [];
  if (!mayHoldFlattened.test(text)) return out;
  if (text.includes('Citation')) {
    const pattern = namedLinks();
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      const end = m.index + m[0].length;
      if (block.superscripts?.some((sup) => sup.index < end && sup.index + sup.length > m!.index)) continue;
      out.push({ index: m.index, end, text: m[0], numbers: namedNumbers(m[0]), word: m.index, named: true });
    }
  }
  const named = out.length;
  const pattern = flattened();
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    const written = m[1]!;
    const punctuation = m[2];
    const numbers = m[3]!;
    const end = m.index + m[0].length;
    // Glued to the word itself: a word in lower case of three letters or more, after no hyphen ("cells2,3", not "CD34", "IL-6", "cov2").
    if (punctuation === undefined && (written.length < 3 || /[^a-z]/.test(written) || text.charCodeAt(m.index - 1) === 0x2d)) continue;
    const word = written.toLowerCase();
    numberLabels ??= new Set(referenceData.numberLabels.map((w) => w.toLowerCase()));
    exponentWords ??= new Set(referenceData.exponentWords);
    if (numberLabels.has(word) || exponentWords.has(word)) continue;
    // (After "et al." a sentence goes on past its marker: "Smith et al.1 showed".)
    if (punctuation?.includes('.') && /^\s*[a-z]/.test(text.slice(end, end + 8)) && !(word === 'al' && text.slice(Math.max(0, m.index - 3), m.index).toLowerCase() === 'et ')) continue;
    // Digits the markup set high are its superscripts (superscriptMarkers reads them), not flattened ones.
    if (block.superscripts?.some((sup) => sup.index < end && sup.index + sup.length > end - numbers.length)) continue;
    out.push({ index: end - numbers.length, end, text: numbers, numbers, word: m.index, named: false });
  }
  if (named > 0 && out.length > named) out.sort((a, b) => a.index - b.index);
  return out;
}
