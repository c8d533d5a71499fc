import type { Block, ReferenceEntry } from '../core/document.js';
import { foldWidth, matchesOf } from '../core/text.js';
import { phraseKey, referenceWords } from './data.js';
import { isIdentifierOnly } from './identifiers.js';
import { lazyPattern } from './text.js';
import { latin1Pattern } from './latin1.js';

/** Something the splitter noticed about the list. */
export interface SplitNote {
  /**
   * `unnumbered`: a line without a number before the first number of a numbered list;
   * `unnumbered-list`: a list with no numbered line, read one reference a line (said once, at its
   * first line); `merged-line`: two numbered entries shared a line; `unplaced`: a line that is no
   * entry and belongs to none.
   */
  kind: 'unnumbered' | 'unnumbered-list' | 'merged-line' | 'unplaced';
  offset: number;
  number: number | null;
  /** For `unplaced`: the line's text. */
  text?: string;
  /** For `unnumbered-list`: how many entries the list's lines made. */
  count?: number;
}

/** How to split. */
export interface SplitOptions {
  /** Patterns of the list's heading ("参考文献"): a heading glued to the first entry is cut off. */
  headings?: readonly RegExp[];
}

// ("[1]. Tyndall A": a full stop after the bracket is the marker's, as some journal sites print it; "1) Title,":
// a closing bracket alone, then a space, as a clinic's page numbers its sources.)
const lineStartMarker = lazyPattern(() => /^\s*(?:\[\s*(\d{1,6})\s*\](?:[.．](?!\d))?|［\s*(\d{1,6})\s*］|【\s*(\d{1,6})\s*】|\(\s*(\d{1,3})\s*\)|（\s*(\d{1,3})\s*）|(\d{1,4})\s*[.．、](?!\d)|(\d{1,3})\)(?=\s))\s*/u);
const inlineMarker = lazyPattern(() => /(?:\[(\d{1,6})\]|［(\d{1,6})］|【(\d{1,6})】)\s*(?=\S)/gu);
// What may stand right before a second entry's number on the same line.
const inlineLeft = latin1Pattern(() => /[.。;；)\]\p{L}\d]$/u);
// Any letter or digit, of any script: a line with none is a separator.
const letterOrDigit = lazyPattern(() => /[\p{L}\p{N}]/u);
// The first marker of a list, right after its heading: "参考文献[1]", "References: 1.", "参考资料：【1】".
const firstMarker = lazyPattern(() => /(?:\[\s*1\s*\]|［\s*1\s*］|【\s*1\s*】|(?<![\d.])1\s*[.．、](?!\d))/u);

// A line's number glued to what follows, as a Chinese journal site copies its list: "5Barry FP, Murphy JM. …",
// "1DAVID C C,REINER C,…", or the site's line number before the list's own ("2[1]Andreeva ER, …": the bracketed
// number is the reference's). A capital then a letter after the digits ("3D printing" is no such line); read as
// markers only where most of a list's lines open so and their numbers run on (see gluedList).
const gluedMarker = lazyPattern(() => /^\s*(\d{1,3})(?:\[\s*(\d{1,6})\s*\]\s*|(?=[A-Z][A-Za-z]))/);

interface Line {
  /** Its index in the list. */
  index: number;
  joinedStart: number;
  block: Block;
  /** A label a page prints ("Google Scholar"): dropped. */
  label: boolean;
  /** Only a DOI, URL, PMID or PMCID: belongs to the entry before. */
  identifier: boolean;
}

interface Marker {
  at: number;
  end: number;
  number: number | null;
  inline: boolean;
}

// The ASCII digits the label words hold (none of the shipped ones): a line with any other is no
// label line. A digit stays in the line's key (NFKC composes nothing with an ASCII digit, and the
// lower case and the dots and spaces folded leave it), and a reference line nearly always has
// one, so its key — NFKC and three replacements of the whole line — is not made (issue 17).
let labelDigits: string | null = null;

/** True when a line holds only words a page prints around references ("Article", "CAS", "Google Scholar"), or no letter or digit at all ("-"). */
export function isLabelLine(text: string): boolean {
  const words = referenceWords();
  labelDigits ??= [...'0123456789'].filter((d) => [...words.listLabels].some((label) => label.includes(d))).join('');
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x30 && code <= 0x39 && !labelDigits.includes(text[i]!)) return false;
  }
  // A line of only dashes or dots ("-" between entries, as some index pages print them) holds no
  // reference and belongs to none: a separator, dropped as a label is.
  if (!letterOrDigit().test(text)) return text.trim() !== '';
  const value = phraseKey(text.replace(/[|·•,;:()[\]]+/g, ' '));
  if (!value || value.length > 80) return false;
  if (words.listLabels.has(value)) return true;
  // "Article CAS PubMed Google Scholar": every word (or pair) a label.
  const tokens = value.split(' ');
  for (let i = 0; i < tokens.length; ) {
    if (i + 2 < tokens.length && words.listLabels.has(`${tokens[i]} ${tokens[i + 1]} ${tokens[i + 2]}`)) i += 3;
    else if (i + 1 < tokens.length && words.listLabels.has(`${tokens[i]} ${tokens[i + 1]}`)) i += 2;
    else if (words.listLabels.has(tokens[i]!)) i += 1;
    else return false;
  }
  return true;
}

/**
 * Where the list starts in a line that opens with its heading ("参考文献[1]Smith…",
 * "References: 1. Smith…"), or -1 when the line is not a heading glued to entry [1].
 */
export function listAfterHeading(text: string, headings: readonly RegExp[]): number {
  // Only the first 40 units are read: the fold is one unit for one, so only they are folded
  // (segment asks of every block; folding each whole again was a walk over all the body text).
  // Every marker the list may open with holds a "1", which the fold makes only of "1" or "１":
  // a block without either there is answered without a copy, a fold or a search (issue 17).
  if (!holdsOne(text, 40)) return -1;
  const view = foldWidth(text.slice(0, 40));
  const marker = firstMarker().exec(view);
  if (!marker || marker.index === 0) return -1;
  const heading = view.slice(0, marker.index).trim();
  return heading && headings.some((r) => r.test(heading)) ? marker.index : -1;
}

/**
 * The number a line opens with as a reference list numbers its lines ("[3]", "3.", "(3)", "3)", "［3］")
 * and the marker's length with the spaces after it; an ordered list's item its markup's number (length 0);
 * null for a line with neither. Only the line's first 16 units are folded.
 */
export function lineNumberOf(block: Block): { number: number; length: number } | null {
  if (block.ordinal !== undefined) return { number: block.ordinal, length: 0 };
  if (!mayOpenWithNumber(block.text)) return null;
  const m = lineStartMarker().exec(foldWidth(block.text.slice(0, 16)));
  return m ? { number: Number(m.slice(1).find((g) => g !== undefined)), length: m[0].length } : null;
}

/**
 * Whether `text` may open with a list's number as `lineStartMarker` reads one: its first unit past the spaces a
 * digit or an opening bracket, in either width. False answers alone are sure (a space other than ASCII's is left
 * to the pattern): most pages end in a line of prose, answered here with no slice, fold or pattern (BENCHMARKS.md,
 * change 227).
 */
function mayOpenWithNumber(text: string): boolean {
  const n = Math.min(text.length, 16);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) continue;
    if (c < 0x80) return (c >= 0x30 && c <= 0x39) || c === 0x5b || c === 0x28;
    // 【, ［, （ and the full-width digits; any other space above ASCII's (U+00A0, U+3000, …) to the pattern.
    return c === 0x3010 || c === 0xff3b || c === 0xff08 || (c >= 0xff10 && c <= 0xff19) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
  }
  return false;
}

/** Whether the first `units` units of `text` hold a "1" or a full-width "１" (what width folding makes a "1"). */
function holdsOne(text: string, units: number): boolean {
  const n = Math.min(units, text.length);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x31 || c === 0xff11) return true;
  }
  return false;
}

/**
 * The line holding a joined-text index: binary search (lists can have 10^5 entries). A function
 * of the module, not a closure made in each split: V8 holds a closure's optimised code only while
 * a closure of it lives, and a full collection after one list let it go (compiled three times in
 * a 1,000-article build; issue 17: BENCHMARKS.md, change 205).
 */
export function lineAt(lines: readonly Line[], index: number): Line {
  let low = 0;
  let high = lines.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lines[mid]!.joinedStart <= index) low = mid;
    else high = mid - 1;
  }
  return lines[low]!;
}

/** Whether a line is a Markdown table's row: it opens and closes with a bar, and a bar stands between ("| 1. | Wong AB, … |"). */
function isTableRow(text: string): boolean {
  const last = text.length - 1;
  return last > 1 && text.charCodeAt(0) === 0x7c && text.charCodeAt(last) === 0x7c && text.indexOf('|', 1) < last;
}

/** Whether a line is the rule under a Markdown table's header ("| --- | :---: |"). */
function isTableRule(text: string): boolean {
  return isTableRow(text) && text.includes('---') && /^[\s|:-]+$/.test(text);
}

/**
 * The list's blocks with a Markdown table's rows read as lines, as a page that sets its references in a table
 * prints them ("| 1. | Wong AB, … |"): each bar a space, one unit for one, so the block's offsets stay the
 * source's; the header row over the table's rule ("| No. | Reference |") dropped (the rule is a separator line).
 */
function withTableRowsRead(blocks: readonly Block[]): readonly Block[] {
  // (Asked of a list whose first block opens with a bar; most lists' first unit is a digit or a bracket.)
  if (blocks.length === 0 || blocks[0]!.text.charCodeAt(0) !== 0x7c) return blocks;
  const out: Block[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    if (!isTableRow(block.text) || isTableRule(block.text)) out.push(block);
    else if (!(i + 1 < blocks.length && isTableRule(blocks[i + 1]!.text))) out.push({ ...block, text: block.text.replaceAll('|', ' ') });
  }
  return out;
}

/** The first block without the list's heading glued before its first entry. */
function withoutHeading(block: Block, headings: readonly RegExp[]): Block {
  const cut = listAfterHeading(block.text, headings);
  if (cut <= 0) return block;
  return { ...block, text: block.text.slice(cut), start: block.exact ? block.start + cut : block.start };
}

/**
 * Splits the blocks of a reference list into entries. A numbered list (`[n]`, `n.`, `(n)`,
 * `【n】`, Markdown list items) makes one entry per number, each running over the lines up to
 * the next, and splits two entries that share a line when the second number follows the
 * first. A list whose lines carry no numbering (or a number here and there) is read one
 * reference per line. Either way, a line that is only a DOI, URL, PMID or PMCID belongs to the
 * entry before it, and a line of labels a page prints around references ("Article", "Google
 * Scholar", "Journal", "Publisher") is no entry. Linear in the list's length.
 */
export function splitReferences(input: readonly Block[], options: SplitOptions = {}): { entries: ReferenceEntry[]; notes: SplitNote[] } {
  const blocks = withTableRowsRead(input.length > 0 && options.headings ? [withoutHeading(input[0]!, options.headings), ...input.slice(1)] : input);
  const lines: Line[] = [];
  let joined = '';
  for (const block of blocks) {
    if (joined) joined += '\n';
    // (A numbered list item is an entry whatever it holds: "11. https://…".)
    const numbered = block.ordinal !== undefined;
    lines.push({ index: lines.length, joinedStart: joined.length, block, label: !numbered && isLabelLine(block.text), identifier: !numbered && isIdentifierOnly(block.text) });
    joined += block.text;
  }
  const sourceOffset = (index: number): number => {
    const line = lineAt(lines, index);
    return line.block.exact ? line.block.start + Math.min(index - line.joinedStart, line.block.text.length) : line.block.start;
  };

  // Markers are found in the width-folded view (［１］ → [1]); it has the same length, and a
  // line's fold is its place in the fold of the lines joined (one unit for one): folded once,
  // not each line and then the whole list again (issue 17).
  const folded = foldWidth(joined);
  const markers: Marker[] = [];
  const lineMarkerEnd = new Map<Line, number>();
  const glued: GluedMarker[] = [];
  for (const line of lines) {
    if (line.label || line.identifier) continue;
    if (line.block.ordinal !== undefined) {
      markers.push({ at: line.joinedStart, end: line.joinedStart, number: line.block.ordinal, inline: false });
      continue;
    }
    const lineText = folded.slice(line.joinedStart, line.joinedStart + line.block.text.length);
    const m = lineStartMarker().exec(lineText);
    if (m) {
      const number = Number(m.slice(1).find((g) => g !== undefined));
      markers.push({ at: line.joinedStart, end: line.joinedStart + m[0].length, number, inline: false });
      lineMarkerEnd.set(line, line.joinedStart + m[0].length);
      continue;
    }
    const g = markers.length === 0 ? gluedMarker().exec(lineText) : null;
    if (g) {
      glued.push({ at: line.joinedStart, end: line.joinedStart + g[0].length, number: Number(g[2] ?? g[1]), inline: false, lead: Number(g[1]) });
      continue;
    }
    // A number alone on its line, its entry on the lines after ("• 1" over "Wilmut, I., … ( 1997) …", as
    // a publisher's page sets each number in a list item of its own): a marker only where it carries the
    // numbering on (1 first, then the number after the last), so a year or a page number alone is none.
    const bare = bareNumber(lineText);
    if (bare !== null && bare === (markers.length > 0 ? markers[markers.length - 1]!.number! + 1 : 1)) {
      markers.push({ at: line.joinedStart, end: line.joinedStart + line.block.text.length, number: bare, inline: false });
    }
  }

  const entries: ReferenceEntry[] = [];
  const notes: SplitNote[] = [];
  const content = lines.filter((l) => !l.label && !l.identifier);
  if (markers.length === 0 && gluedList(glued, content.length)) {
    for (const m of glued) {
      markers.push({ at: m.at, end: m.end, number: m.number, inline: false });
      lineMarkerEnd.set(lineAt(lines, m.at), m.end);
    }
  }
  if (!isNumberedList(markers, content)) return byLine(lines, entries, notes, true);

  for (const m of matchesOf(folded, inlineMarker())) {
    const at = m.index;
    const left = folded.slice(Math.max(0, at - 40), at).replace(/[ \t]+$/, '');
    if (left === '' || left.endsWith('\n') || !inlineLeft(left).test(left) || at < (lineMarkerEnd.get(lineAt(lines, at)) ?? -1)) continue;
    markers.push({ at, end: at + m[0].length, number: Number(m.slice(1).find((g) => g !== undefined)), inline: true });
  }
  markers.sort((a, b) => a.at - b.at);

  // An inline "[n]" starts an entry only when it continues the numbering and no line of its
  // own carries that number (else it is text inside the entry, like "cells [2] and").
  const lineNumbers = new Set(markers.filter((m) => !m.inline).map((m) => m.number));
  const accepted: Marker[] = [];
  for (const marker of markers) {
    const previous = accepted[accepted.length - 1];
    if (marker.inline && (!previous || marker.number !== previous.number! + 1 || lineNumbers.has(marker.number))) continue;
    accepted.push(marker);
  }

  const firstAt = accepted[0]?.at ?? joined.length;
  // Lines before the first number: one entry each (an identifier joins the one before).
  const before = lines.filter((l) => l.joinedStart < firstAt);
  byLine(before, entries, notes);
  accepted.forEach((marker, i) => {
    const next = accepted[i + 1]?.at ?? joined.length;
    // The entry's text: its lines up to the next number, labels left out.
    let raw = '';
    let last = marker.at;
    for (let k = lineAt(lines, marker.at).index; k < lines.length && lines[k]!.joinedStart < next; k++) {
      const line = lines[k]!;
      if (line.label) continue;
      const from = Math.max(marker.end, line.joinedStart);
      const to = Math.min(next, line.joinedStart + line.block.text.length);
      const piece = joined.slice(from, to).trim();
      if (!piece) continue;
      raw = raw ? `${raw} ${piece}` : piece;
      last = to;
    }
    entries.push({ number: marker.number, raw, start: sourceOffset(marker.at), end: sourceOffset(Math.max(marker.at, last - 1)) + 1 });
    if (marker.inline) notes.push({ kind: 'merged-line', offset: sourceOffset(marker.at), number: marker.number });
  });
  return { entries, notes };
}

// A person's name alone, in Latin letters: a family of a word or two, then initials ("Hochberg M.C.", "Nuesch E.",
// "Lee J.-H.", "Müller K."). Latin-1's letters written out, no property escape: where no code cache is taken, V8
// looks each `\p{…}` of a literal up in ICU as it parses the bundle, even in a thunk never called (~4 M
// instructions of every such start for this pattern's five; issue 17: start-up).
const authorAlone = /^[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ'’-]+(?: [A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ'’-]+)? (?:[A-ZÀ-ÖØ-Þ]\.?-?){1,4}\.?$/;

/**
 * True for a list item that holds one author's name and nothing else: how Elsevier's journal pages set a
 * reference's authors ("• Hochberg M.C." over "Osteoarthritis: The rheumatologist's perspective." and "HSS J.
 * 2012; 8: 35-36"), each a list item, the title and the source lines of their own.
 */
function authorItem(block: Block): boolean {
  if (block.kind !== 'list-item' || block.ordinal !== undefined || block.text.length > 40) return false;
  return authorAlone.test(block.text.trim());
}

/** The number a line holds alone ("1", "12", a bullet a copy kept before it: "• 3"), or null. */
function bareNumber(text: string): number | null {
  let i = 0;
  let digits = 0;
  let value = 0;
  while (i < text.length && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09)) i++;
  if (text.charCodeAt(i) === 0x2022) i++;
  while (i < text.length && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09)) i++;
  for (; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x30 || code > 0x39) break;
    if (++digits > 4) return null;
    value = value * 10 + (code - 0x30);
  }
  while (i < text.length && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09)) i++;
  return digits > 0 && i === text.length ? value : null;
}

/** A glued marker ("5Barry", "2[1]Andreeva") and the number the line opens with ("5", "2"). */
interface GluedMarker extends Marker {
  lead: number;
}

/**
 * True when a list's glued numbers are its numbering: two lines at least, half its lines or more, and most
 * numbers the lines open with one past the line's before (a list copied from its middle starts anywhere).
 */
function gluedList(glued: readonly GluedMarker[], lines: number): boolean {
  if (glued.length < 2 || glued.length * 2 < lines) return false;
  let following = 0;
  for (let i = 1; i < glued.length; i++) if (glued[i]!.lead === glued[i - 1]!.lead + 1) following++;
  return following * 2 >= glued.length - 1;
}

/**
 * A list is numbered when its numbers run on (most follow the one before) or when it opens with
 * its only number; one number among unnumbered lines ("10. …") is part of a line-by-line list.
 */
function isNumberedList(markers: readonly Marker[], content: readonly Line[]): boolean {
  if (markers.length === 0) return false;
  if (markers.length === 1) return content[0]?.joinedStart === markers[0]!.at;
  let following = 0;
  for (let i = 1; i < markers.length; i++) if (markers[i]!.number === markers[i - 1]!.number! + 1) following++;
  return following >= (markers.length - 1) / 2 || markers.length * 2 >= content.length;
}

/**
 * One entry per line; a DOI or URL line joins the entry before; labels are dropped. A whole list
 * read so (no numbered list at all: an APA-like list, a "Journal Reference:") is one unnumbered
 * list, said once at its first entry; lines before a numbered list's first number are said each.
 */
function byLine(lines: readonly Line[], entries: ReferenceEntry[], notes: SplitNote[], whole = false): { entries: ReferenceEntry[]; notes: SplitNote[] } {
  const first = entries.length;
  let previous: ReferenceEntry | null = null;
  // A list whose first line is an author alone in a list item is one of authors set one a list item, the
  // rest of each reference on the lines after them (see authorItem): an entry runs from its first author
  // line to the next author line that follows a line of another kind.
  const opening = whole ? lines.find((l) => !l.label && !l.identifier && l.block.text.trim()) : undefined;
  const byAuthors = opening !== undefined && authorItem(opening.block);
  let inAuthors = false;
  for (const line of lines) {
    const text = line.block.text.trim();
    if (!text || line.label) continue;
    if (line.identifier) {
      if (previous) {
        previous.raw = `${previous.raw} ${text}`;
        previous.end = line.block.end;
      } else notes.push({ kind: 'unplaced', offset: line.block.start, number: null, text });
      continue;
    }
    if (byAuthors) {
      const author = authorItem(line.block);
      if (previous && (!author || inAuthors)) {
        previous.raw = `${previous.raw}${author ? ', ' : ' '}${text}`;
        previous.end = line.block.end;
        inAuthors = author;
        continue;
      }
      inAuthors = author;
    }
    previous = { number: null, raw: text, start: line.block.start, end: line.block.end };
    entries.push(previous);
    if (!whole) notes.push({ kind: 'unnumbered', offset: line.block.start, number: null });
  }
  if (whole && entries.length > first) notes.push({ kind: 'unnumbered-list', offset: entries[first]!.start, number: null, count: entries.length - first });
  return { entries, notes };
}

/*
 * A reference list printed with no heading over it: a run of numbered lines at the page's end whose lines
 * carry a reference's numbers (a BMC page's "2. Arnoczky SP: Building a meniscus. … Clin Orthop Relat Res.
 * 1999, 367 (Suppl): S244-S253."), or one under a heading with a subtitle ("References: all about the
 * science"). The segment stage asks here only where no heading it knows has opened a list.
 *
 * The evidence is the lines' own: numbered in order, one past the line before; at the page's end; and most of them holding a year with a volume
 * and pages ("1999, 367 (Suppl): S244", "2013;122(4):491-498"), a volume with its issue and pages ("18(7), 955"), a DOI or
 * PMID, or a GB/T type mark ("[J]"). A dated news list ("1. March 3, 2025: …", "2. 2025年3月5日，…") is none:
 * a line opening with a date counts for nothing, and a year alone with a count ("2023: 45 patients") is no volume.
 */

// A DOI, a PMID, a GB/T type mark ("[J]", "[EB/OL]"), a volume with its issue before a page (APA's "18(7), 955"),
// or a year then a volume, an optional issue or supplement in brackets and the first page, as Vancouver, AMA, BMC
// and GB/T print them ("1999, 367 (Suppl): S244", "2013;122(4):491", "2004,36(4) :568").
const referenceNumbers = lazyPattern(() => /\b10\.\d{4,9}\/\S|\bPMID:?\s*\d|\[[A-Z]{1,2}(?:\/OL)?\]|\d\(\w{1,6}\)[,:] ?[A-Za-z]?\d|(?:1[89]|20)\d\d[a-z]?\s*[;,]\s*\d{1,4}\s*(?:\([^()]{1,12}\)\s*)?[:,]\s*[A-Za-z]?\d/);
// An entry opening with a date: a year ("2025年3月5日", "2025-03-05") or a day ("5 March"); a month word is asked apart.
const openingDate = lazyPattern(() => /^(?:(?:1[89]|20)\d\d(?!\d)|\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z])/);

/**
 * The index of the first block of the run of numbered lines that ends the page, each numbered one past the
 * one before, or -1 when the page does not end in a numbered line. Only the lines' openings are read. Under
 * the last entry two lines at most that are a DOI, link or PMID alone ("DOI: 10.…") or list labels ("Google
 * Scholar"), as index pages print them, end no run; a line is asked so only when it is short and opens with an
 * ASCII letter or digit, so a page ending in a Chinese line or a paragraph asks no pattern (BENCHMARKS.md,
 * changes 221 and 227).
 */
export function trailingNumberedRun(blocks: readonly Block[]): number {
  let end = blocks.length;
  while (end > 0 && blocks.length - end < 2 && isTrailerLine(blocks[end - 1]!)) end--;
  let start = -1;
  let next = -1;
  for (let b = end - 1; b >= 0; b--) {
    const marker = lineNumberOf(blocks[b]!);
    if (marker === null || (next !== -1 && marker.number !== next - 1)) break;
    next = marker.number;
    start = b;
  }
  return start;
}

/** Whether a line under a list's last entry is an identifier or label line (`trailingNumberedRun`). */
function isTrailerLine(block: Block): boolean {
  const text = block.text;
  const c = text.charCodeAt(0) | 0x20;
  if (block.ordinal !== undefined || text.length > 100 || !((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39))) return false;
  return isIdentifierOnly(text) || isLabelLine(text);
}

/**
 * Whether the run from `start` to the page's end reads as a reference list: three numbered lines at least and
 * three of them, half the numbered ones or more, holding a reference's numbers and opening with no date; under
 * a heading with a subtitle (`underHeading`), one such line.
 */
export function isReferenceRun(blocks: readonly Block[], start: number, underHeading: boolean): boolean {
  let numbered = 0;
  let carrying = 0;
  for (let b = start; b < blocks.length; b++) {
    const marker = lineNumberOf(blocks[b]!);
    if (marker === null) continue;
    numbered++;
    const entry = foldWidth(blocks[b]!.text.slice(marker.length)).trimStart();
    if (!openingDate().test(entry) && !referenceWords().months.has(/^[A-Za-z]*/.exec(entry)![0].toLowerCase()) && referenceNumbers().test(entry)) carrying++;
  }
  return underHeading ? carrying >= 1 : numbered >= 3 && carrying >= 3 && carrying * 2 >= numbered;
}

/**
 * Whether a line is a reference heading with words after its colon ("References: all about the science"): a
 * short line whose part up to the colon `headings` know. Alone it is no list's heading ("Sources: Reuters,
 * AP" over a news story): `isReferenceRun` asks the lines under it.
 */
export function isSubtitledHeading(text: string, headings: readonly RegExp[]): boolean {
  const colon = text.search(/[:：]/);
  return text.length <= 80 && colon > 0 && text.slice(colon + 1).trim() !== '' && headings.some((r) => r.test(text.slice(0, colon + 1)));
}

/**
 * What block `b` of a page with no reference heading is to the list at its end, `run` being the page's
 * `trailingNumberedRun`: `heading` — a subtitled reference heading right above the run, which opens the list;
 * `list` — the run's first line, the run a reference list; otherwise null.
 */
export function unheadedListAt(blocks: readonly Block[], b: number, run: number, headings: readonly RegExp[]): 'heading' | 'list' | null {
  if (run < 0 || b < run - 1 || b > run) return null;
  if (b < run) return isSubtitledHeading(blocks[b]!.text, headings) && isReferenceRun(blocks, run, true) ? 'heading' : null;
  return isReferenceRun(blocks, run, false) ? 'list' : null;
}
