import { escapeRegExp, monthOf, type CompiledStructure } from '../core/data.js';
import type { Block, DigestDocument } from '../core/document.js';
import type { PatternGroup } from '../core/pattern-group.js';
import { monthNumber, yearNumber } from '../core/numerals.js';
import { rangedPattern } from '../core/property-ranges.js';
import { hasLetter } from '../core/script.js';
import { openingDatelineMatch } from '../core/dateline.js';
import { foldedOf, foldWidth } from '../core/text.js';
import { listAfterHeading } from '../refs/split.js';
import { referenceData } from '../generated/reference-data.js';
import { calendarDate } from './dates.js';

/** Kinds of boilerplate a block can be (the record's boilerplate kinds). */
export type BoilerplateKind = 'disclaimer' | 'qr-code' | 'caption' | 'page-date' | 'other';

/** What one block is, structurally. */
export type BlockRole =
  | { role: 'month'; year: number; month: number }
  | { role: 'range' }
  | { role: 'summary' | 'outlook' | 'conclusion'; level?: 1 | 2 }
  | { role: 'year'; year: number }
  | { role: 'outline'; level: 1 | 2 }
  | { role: 'heading' }
  | { role: 'references'; withList?: boolean }
  | { role: 'boilerplate'; kind: BoilerplateKind; date?: string; issue?: IssueLineReading; byline?: true }
  | { role: 'body' };

/** A journal's volume and issue line ("第二军医大学学报 2021, Vol. 42 Issue (8)"): the journal it names as written (width-folded), or null when it names none ("第 19卷 第 2期"). */
export interface IssueLineReading {
  journal: string | null;
}

/** What {@link chromeOf} reads a block as: its boilerplate kind, the page date a date line gives, what an issue line names, and whether it is a reporter's byline. */
export type ChromeReading = { kind: BoilerplateKind; date?: string; issue?: IssueLineReading; byline?: true };

// A line ending like a sentence is body text, unless markup made it a heading. A question
// ("…有哪些问题？") may be a heading: outline headings and titles end in one.
const sentenceEnd = /[。！!；;]$|[。.!]["”’)]?$/u;
// (Ranges, not ICU's set: src/core/property-ranges.ts.)
const hasHan = rangedPattern(() => /\p{Script=Han}/u);

/** The months a range heading declares ("2025年1-12月…", "January – December 2025", one month in "October 2009 Digest"), if its numbers make sense. */
export function declaredRange(text: string, s: CompiledStructure): { year: number; from: number; to: number } | null {
  const folded = foldWidth(text);
  const ranges = s.groups['/rangeHeadings'];
  const list = ranges.candidates(folded);
  for (let i = 0; i < list.length; i++) {
    const groups = ranges.exec(list[i]!, folded)?.groups;
    if (!groups?.year) continue;
    const from = monthOf(groups.from, groups.fromName, s);
    // A pattern with no end month declares one month ("October 2009 Digest").
    const to = groups.to === undefined && groups.toName === undefined ? from : monthOf(groups.to, groups.toName, s);
    if (from && to && from >= 1 && to <= 12 && from <= to) return { year: Number(groups.year), from, to };
  }
  return null;
}

/** The page date a publication-date line gives ("发布时间:2025-04-08 16:20:31 …", "2025/03/18 06:00", "Date: November 23, 2009"), or null. */
export function pageDateOf(text: string, s: CompiledStructure): string | null {
  return pageDateOfFolded(foldWidth(text.trim().slice(0, 200)), s);
}

/** {@link pageDateOf} of a text already width-folded and trimmed (the fold is idempotent: classifyBlock's text is not folded again). */
export function pageDateOfFolded(text: string, s: CompiledStructure): string | null {
  const folded = text.length > 200 ? text.slice(0, 200) : text;
  return firstDate(s.groups['/pageDates'], folded, s);
}

/** The calendar date the first pattern of `patterns` that matches `text` gives, or null. */
function firstDate(patterns: PatternGroup, text: string, s: CompiledStructure): string | null {
  // Indexed loops and PatternGroup's `test` in this file's per-block readers: a `for … of` in baseline
  // code allocated an iterator and an iterator result a pattern, and `some((r) => r.test(text))` a
  // closure a call (BENCHMARKS.md, "loops without iterators"). Only the members the group's pre-tests
  // let through run (src/core/pattern-group.ts): most never match, and each would be compiled.
  const list = patterns.candidates(text);
  for (let i = 0; i < list.length; i++) {
    const date = datedGroups(patterns.exec(list[i]!, text)?.groups, s);
    if (date) return date;
  }
  return null;
}

/**
 * The document title a line of chrome names (the data's `documentTitles`: "…报告_第1页", a document-sharing
 * site's image of the first page), as written in `text` (the pattern's group `title` opens the line), or null.
 * `folded`: the line width-folded (the fold keeps each unit's place).
 */
export function documentTitleOf(text: string, folded: string, s: CompiledStructure): string | null {
  const patterns = s.groups['/documentTitles'];
  if (patterns.length === 0) return null;
  const line = folded.trim();
  const list = patterns.candidates(line);
  for (let i = 0; i < list.length; i++) {
    const title = patterns.exec(list[i]!, line)?.groups?.title;
    if (title) return text.trim().slice(0, title.length).trim();
  }
  return null;
}

/**
 * The date a line standing alone gives ("Dec 21, 2012", the data's `titleDateLines`), or null. Asked
 * only of the line right under the title: there a news page prints its date; elsewhere a bare date is
 * as often a copied paper's ("Published:" / "17 March 2025") and {@link pageDateOf} reads none.
 */
export function titleDateOf(folded: string, s: CompiledStructure): string | null {
  const text = folded.trim();
  // A date alone is short: a longer line is a sentence, and the patterns never see it.
  return text.length > 40 ? null : firstDate(s.groups['/titleDateLines'], text, s);
}

/** The calendar date a page-date or dateline pattern's groups give (year, month or an English monthName, day), or null. */
function datedGroups(g: Record<string, string | undefined> | undefined, s: CompiledStructure): string | null {
  if (!g?.year || !g.day || (!g.month && !g.monthName)) return null;
  const month = monthNumber(g, s);
  return month === null ? null : calendarDate(Number(g.year), month, Number(g.day));
}

/**
 * The byline a paragraph opens with (the data's `bylinePrefixes`: "〔記者…報導〕", "CHICAGO — ", a
 * wire's dateline "POWAY, Calif., Aug. 5, 2020 /PRNewswire/ —"): its length, and the page date a
 * dateline gives; undefined when the paragraph opens with none. `folded`: the paragraph width-folded.
 */
export function openingByline(folded: string, s: CompiledStructure): { length: number; date: string | null } | undefined {
  const m = openingDatelineMatch(folded, s);
  return m === null ? undefined : { length: m[0].length, date: datedGroups(m.groups, s) };
}

/**
 * {@link openingByline} of a block of the document, its length kept on it (`doc.openingDatelines`):
 * a block known to open with none is not asked again, and entities reads the length segment read.
 */
export function openingBylineOf(block: Block, doc: DigestDocument, s: CompiledStructure): { length: number; date: string | null } | undefined {
  if (doc.openingDatelines.get(block) === 0) return undefined;
  const reading = openingByline(foldedOf(block, doc.folded), s);
  doc.openingDatelines.set(block, reading?.length ?? 0);
  return reading;
}

/**
 * What kind of chrome a block is, if any: the publication-date line (with its date), a
 * disclaimer, a QR-code line, other site chrome, or a table or figure caption (short lines only).
 */
export function chromeOf(block: Block, s: CompiledStructure): ChromeReading | null {
  return chromeOfText(foldWidth(block.text).trim(), s);
}

/** {@link chromeOf} of a block's folded, trimmed text. */
/** The boilerplate kinds {@link chromeOfText} tries, in order, with their lists of patterns. */
const CHROME_KINDS = [
  ['disclaimer', '/boilerplate/disclaimer'],
  ['qr-code', '/boilerplate/qr-code'],
  ['other', '/boilerplate/other'],
] as const;

/** Whether `text` holds a keyword of `keywords` (a string it includes, or a pattern it matches), without a closure a call. */
function holdsKeyword(keywords: readonly (RegExp | string)[], text: string): boolean {
  for (let k = 0; k < keywords.length; k++) {
    const keyword = keywords[k]!;
    if (typeof keyword === 'string' ? text.includes(keyword) : keyword.test(text)) return true;
  }
  return false;
}

/** What {@link chromeOf} reads a line as, from its text already width-folded and trimmed (a document's folded view). */
export function chromeOfText(text: string, s: CompiledStructure): ChromeReading | null {
  const date = pageDateOfFolded(text, s);
  if (date) return { kind: 'page-date', date };
  const head = text.slice(0, 200);
  const issue = issueLineOf(head, s);
  if (issue) return { kind: 'other', issue };
  // A reporter's byline alone on its line ("記者王某某/花蓮報導"): the group's pre-tests (the words
  // the data's patterns need, their length) rule out nearly every line before a pattern runs.
  if (s.groups['/bylineLines'].test(head)) return { kind: 'other', byline: true };
  for (let k = 0; k < CHROME_KINDS.length; k++) {
    const [kind, list] = CHROME_KINDS[k]!;
    if (s.groups[list].test(head)) return { kind };
  }
  if (text.length <= s.maxHeadingLength && !sentenceEnd.test(text) && s.groups['/captions'].test(text)) return { kind: 'caption' };
  // A photo's caption of any length ends in its credit ("… /Courtesy of Kyoto University"): read on its tail only.
  if (s.captionCredits?.test(text.length > 200 ? text.slice(-200) : text)) return { kind: 'caption' };
  return null;
}

/** The journal a volume and issue line names (the data's `issueLines`, group journal), null for a line naming none; undefined when `text` is no such line. */
function issueLineOf(text: string, s: CompiledStructure): IssueLineReading | undefined {
  const patterns = s.groups['/issueLines'];
  const list = patterns.candidates(text);
  for (let i = 0; i < list.length; i++) {
    const m = patterns.exec(list[i]!, text);
    if (m) return { journal: m.groups?.journal?.trim() || null };
  }
  return undefined;
}

/**
 * A journal article's type mark in GB/T 7714's form ("[J]"), and the mark with the full stop after
 * it, which the source follows ("[J]. "). The code is the reference data's (pipelines/data/references.json
 * `typeCodes`: the one whose type is a journal article), stated there once.
 */
const articleMarks = (() => {
  const codes = referenceData.typeCodes;
  const code = Object.keys(codes).find((c) => codes[c]!.type === 'article-journal');
  if (code === undefined) throw new Error('pipelines/data/references.json: no type code of a journal article (typeCodes)');
  return { mark: `[${code}]`, pattern: new RegExp(`\\[${code}\\]\\s?[.．]\\s?`) };
})();

/** A journal article's type mark in GB/T 7714's form ("[J]", the reference data's code): a line without it cites no journal article. */
export const journalArticleMark: string = articleMarks.mark;

/**
 * Any GB/T 7714 type mark, with or without its carrier ("[J]", "[M]", "[EB/OL]", "[DB/OL]", "[G]", "[M/CD]"):
 * the reference data's type and carrier codes (pipelines/data/references.json `typeCodes`, `carrierCodes`),
 * stated there once. A line carrying one is a reference entry a paper's page prints, never its headline.
 */
export const typedReferenceMark: RegExp = (() => {
  // Longest first, so that "DB" is tried before "D" (the mark's closing bracket decides either way).
  const byLength = (codes: readonly string[]) => [...codes].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).join('|');
  return new RegExp(`\\[(?:${byLength(Object.keys(referenceData.typeCodes))})(?:\\/(?:${byLength(referenceData.carrierCodes)}))?\\]`);
})();

// A link or DOI printed after a citation's pages ("…: 641-646. https://doi.org/…"): no part of its source.
const trailingLink = /(?<!\s)\s+(?:https?:\/\/|doi\s?[:：]\s?|DOI\s?[:：]\s?)\S+$/;

/**
 * The journal a citation of a journal article in GB/T 7714's form names, where `text` (the line,
 * full-width folded) writes it: its source after the type mark read as a volume and issue line is
 * ("某某, 某某. 题名[J]. 中华某某杂志, 2022, 16(06): 333-342.", the English copy "… [J]. Chinese
 * Journal of …, 2022, 16(06): 333-342."). A journal's site prints the paper's own citation under
 * "引用本文:", a line kept out as chrome: the journal it names is the page's (as an issue line's is).
 * A link or DOI after the pages ("… 641-646. https://doi.org/…") is not read. With `untyped` (the
 * caller knows the line is chrome), a citation with no type mark is read too (untypedCitedJournalOf).
 * Null for a line with no such citation, or whose source names no journal.
 */
export function citedJournalOf(text: string, s: CompiledStructure, untyped = false): { at: number; text: string } | null {
  if (!text.includes(articleMarks.mark)) return untyped ? untypedCitedJournalOf(text, s) : null;
  const mark = articleMarks.pattern.exec(text);
  if (mark === null) return null;
  const from = mark.index + mark[0].length;
  const source = text.slice(from).trimEnd().replace(trailingLink, '');
  const name = issueLineOf(source, s)?.journal;
  if (!name) return null;
  const at = source.indexOf(name);
  return at === -1 ? null : { at: from + at, text: name };
}

// The copy button a journal's site prints after the page's citation ("… doi: 10.7507/… 复制"): no part of it.
// Its labels are data (references.json `copyButtonWords`): no Chinese text in code.
const copyButton = new RegExp(`(?:${referenceData.copyButtonWords.map(escapeRegExp).join('|')})$`);

/**
 * The journal a citation with no type mark names (the Vancouver-like form a journal's site prints under
 * "引用本文:": "某某, 某某. 题名. 中华某某杂志, 2016, 31(11): 1949-1952. doi: … 复制"): the last part after a
 * full stop that reads as a volume and issue line. Asked only of a line already kept out as chrome (its
 * label read by the data's patterns), so a sentence of the body is never read so.
 */
function untypedCitedJournalOf(text: string, s: CompiledStructure): { at: number; text: string } | null {
  // A volume and issue before the pages ("31(11): 1949", "46(3) : 201"): most chrome lines hold none.
  if (!text.includes('):') && !text.includes(') :')) return null;
  const source = text.trimEnd().replace(copyButton, '').trimEnd().replace(trailingLink, '');
  // From the right: a title may hold full stops of its own, the source never does before its pages.
  for (let dot = source.lastIndexOf('.', source.length - 2); dot > 0; dot = source.lastIndexOf('.', dot - 1)) {
    let from = dot + 1;
    while (from < source.length && source.charCodeAt(from) === 32) from++;
    const name = issueLineOf(source.slice(from), s)?.journal;
    if (name === undefined) continue;
    if (!name) return null;
    const at = source.indexOf(name, from);
    return at === -1 ? null : { at, text: name };
  }
  return null;
}

/**
 * An outline heading numbered first in digits ("01 …", "1. …"); one numbered in words is the numeral
 * whose value is 1 standing alone (the structure data's numerals), read in classifyBlock.
 */
const openingDigits = /^0?1(?!\d)/;

/** True when a line names a month or year as a heading would, not as a sentence would. */
function headingLike(text: string, s: CompiledStructure): boolean {
  return !s.headingPunctuation.test(text);
}

/**
 * Classifies a block: a kind of heading, the reference-list heading, boilerplate, or body text.
 * With `plainText`, a line with no markup can be a free-form heading (short, Han, unpunctuated).
 * `folded` is the block's width-folded text, when the caller has it (the document's `folded`).
 */
export function classifyBlock(block: Block, s: CompiledStructure, plainText = false, folded = foldWidth(block.text), ruby: (() => RegExp | null) | null = null): BlockRole {
  // A mirror's pinyin ruby ("聯(lián)系電話", "細(xì)胞治療的核心機制") is no part of what the line is:
  // every pattern below reads the line without it, as the lexicon's matching does.
  const text = withoutRuby(folded.trim(), ruby);
  const short = text.length <= s.maxHeadingLength;
  if (short && s.groups['/referenceHeadings'].test(text)) return { role: 'references' };
  // "参考文献[1]Smith…": the heading and the first entry on one line; the list starts in this block.
  if (listAfterHeading(text, s.referenceHeadings) > 0) return { role: 'references', withList: true };
  const chrome = chromeOfText(text, s);
  if (chrome) return { role: 'boilerplate', ...chrome };
  const markup = block.kind === 'heading' || block.strong === true;
  if (!short || s.citationMarker.test(text) || (sentenceEnd.test(text) && !markup)) return { role: 'body' };
  if (headingLike(text, s)) {
    const patterns = s.groups['/monthHeadings'];
    const list = patterns.candidates(text);
    for (let i = 0; i < list.length; i++) {
      const m = patterns.exec(list[i]!, text);
      if (m?.groups) {
        const month = monthNumber(m.groups, s);
        const year = yearNumber(m.groups.year, s);
        if (month && month >= 1 && month <= 12 && year !== null && year >= 1900) return { role: 'month', year, month };
      }
    }
  }
  if (s.groups['/rangeHeadings'].test(text)) return { role: 'range' };
  const level = outlineLevel(text, s);
  // A heading numbered first ("一、先看结论", "01 结论先行") opens the page: whatever word it holds, it
  // closes nothing, so it is no summary, outlook or conclusion section.
  const first = level === 1 && (openingDigits.test(text) || (s.numerals.get(text[0]!) === 1 && !s.numerals.has(text[1] ?? '')));
  for (const kind of first ? [] : (['summary', 'outlook', 'conclusion'] as const)) {
    if (holdsKeyword(s.sectionKeywords[kind], text)) {
      // A numbered closing heading ("四、结语", "04 结论") is a closing section with its outline level.
      return level ? { role: kind, level } : { role: kind };
    }
  }
  if (headingLike(text, s)) {
    const patterns = s.groups['/yearHeadings'];
    const list = patterns.candidates(text);
    for (let i = 0; i < list.length; i++) {
      const m = patterns.exec(list[i]!, text);
      const year = yearNumber(m?.groups?.year, s);
      // A year heading names the digest's topic ("2015年干细胞治疗肝硬化关键临床进展") or is the year alone.
      if (m && year !== null && (s.yearHeadingWords.test(text) || text.slice(m[0].length).replace(/[\s:：]/gu, '') === '')) return { role: 'year', year };
    }
  }
  if (level) return { role: 'outline', level };
  // A line broken off before a link's text ("近期发表于" / "Nature Medicine的…") is prose, not a heading.
  if (s.unfinishedLineEnds?.test(text)) return { role: 'body' };
  if (markup && text.length <= 60) return { role: 'heading' };
  // In plain text a heading has no markup: a short Chinese line with no punctuation at all is one —
  // but for marks inside a word (CAR-T's hyphen), which are the heading's words, not its
  // punctuation ("CAR-T疗法为什么能治狼疮" is a heading), and the marks headings hold (a colon
  // between two halves, quotes, a closing question mark: "干细胞治疗: 一线希望", "為何幹細胞有效？").
  if (plainText && hasHan().test(text)) {
    const bare = headingWords(text, s);
    if (bare.length <= 40 && !/[\p{P}\p{S}]/u.test(bare)) return { role: 'heading' };
  }
  return { role: 'body' };
}

/**
 * A plain-text line without the marks that belong to its words (the data's word marks: the hyphen
 * of CAR-T, IL-6) and those a heading may hold (its heading marks: "X: Y", “…”, a closing "？").
 * The line itself when it has no punctuation at all (most lines: no pattern runs).
 */
function headingWords(text: string, s: CompiledStructure): string {
  if (!/[\p{P}\p{S}]/u.test(text)) return text;
  const words = s.wordMarks === null ? text : text.replace(s.wordMarks, '');
  return s.headingMarks === null ? words : words.replace(s.headingMarks, '');
}

/** `text` without the pinyin ruby `ruby` gives (the lexicon's pattern, global), or `text` itself when it has no "(" or there is no pattern. */
function withoutRuby(text: string, ruby: (() => RegExp | null) | null): string {
  if (ruby === null || !text.includes('(')) return text;
  const pattern = ruby();
  return pattern === null ? text : text.replace(pattern, '');
}

/** The outline level a heading's numbering gives ("一、…", "01 …" → 1; "1.1 …", "①…" → 2), or null. */
function outlineLevel(text: string, s: CompiledStructure): 1 | 2 | null {
  if (s.groups['/outlineHeadings'].test(text)) return 1;
  if (s.groups['/outlineSubheadings'].test(text)) return 2;
  return null;
}

/**
 * A press release's headline longer than maxLatinTitleLength (up to the data's maxLatinHeadlineLength):
 * no stop at its end, not even an abbreviation's ("… according to the FDA." is a sentence), and no
 * sentence's break inside ("… a letter. The clinic …").
 */
function longHeadline(text: string, s: CompiledStructure): boolean {
  return text.length <= s.maxLatinHeadlineLength && /[A-Za-z0-9]["”’)]?$/.test(text) && !/[a-z0-9)][.!?]["”’]?\s+[A-Z]/.test(text);
}

/**
 * True when a block could be a page's title: short, no sentence, no citation, no reference heading
 * (`folded`: as in classifyBlock). A title without Han characters (an English headline) may be
 * longer (the data's maxLatinTitleLength) and is no sentence: it neither ends with a full stop nor
 * holds one after a word ("… to view. Please contact us").
 */
export function titleLike(block: Block, s: CompiledStructure, folded = foldWidth(block.text)): boolean {
  const text = folded.trim();
  const latin = !hasHan().test(text);
  return (
    text.length > 0 &&
    // A title holds a word: a lone counter ("0") above a journal site's text is none.
    hasLetter(text) &&
    (text.length <= (latin ? s.maxLatinTitleLength : s.maxHeadingLength) || (latin && longHeadline(text, s))) &&
    // A sentence's stop ends no title; one right after a capital is an abbreviation's ("… Performed in
    // the U.S."), as in kind.ts's first sentence.
    !(latin ? /[。；;]$|(?<![A-Z])\.$|[a-z]{4}\.\s+[A-Z]/u : /[。；;]$/u).test(text) &&
    // A line ending in a colon is a label over its value ("Company name:", "Starting date:" on a
    // disclosure's or a notice's form), never a headline.
    !/[:：]$/u.test(text) &&
    // An English line ending in a comma is a letter's salutation ("Dear COPD Coach,") or a clause broken off, no headline.
    !(latin && text.endsWith(',')) &&
    !s.citationMarker.test(text) &&
    !s.groups['/referenceHeadings'].test(text)
  );
}

/**
 * Finds pieces of a block's text in the decoded source, in text order. Exact blocks need no
 * search; in markup each piece is looked for after the previous one within the block's own
 * source (an entity or a tag inside a piece hides it: then it and every later piece of the block
 * get the block's start), so a block costs time linear in its size however many pieces it has.
 */
export class SourceLocator {
  private cursor = 0;
  private lost = false;
  private readonly source: string | null;

  constructor(
    doc: DigestDocument,
    private readonly block: Block,
  ) {
    this.source = block.exact ? null : doc.text.slice(block.start, block.end);
  }

  /** Where `piece`, found at `index` of the block's text, starts in the decoded text. */
  at(index: number, piece: string): number {
    if (this.source === null) return this.block.start + index;
    if (this.lost || piece === '') return this.block.start;
    const found = this.source.indexOf(piece, this.cursor);
    if (found === -1) {
      this.lost = true;
      return this.block.start;
    }
    this.cursor = found + piece.length;
    return this.block.start + found;
  }
}

/**
 * The part of a block from `from` to `to` (its text indices), trimmed, as a block of its own.
 * In plain text and exact Markdown the offsets are exact; in markup the piece is placed by the
 * block's locator (its end is estimated from its length unless it ends the block) and is not exact.
 */
export function subBlock(doc: DigestDocument, block: Block, from: number, to = block.text.length, locator = new SourceLocator(doc, block)): Block {
  const whole = to === block.text.length;
  while (to > from && /\s/u.test(block.text[to - 1]!)) to--;
  while (from < to && /\s/u.test(block.text[from]!)) from++;
  const text = block.text.slice(from, to);
  let sub: Block;
  if (block.exact) sub = { ...block, text, start: block.start + from, end: block.start + to };
  else {
    const start = locator.at(from, text.slice(0, 16));
    const end = whole ? block.end : Math.min(block.end, start + text.length);
    sub = { ...block, text, start, end: Math.max(start, end), exact: false };
  }
  // A markup block's superscripts are placed in its text: the part keeps its own, placed in its text.
  if (block.superscripts) sub.superscripts = block.superscripts.filter((s) => s.index >= from && s.index + s.length <= to).map((s) => ({ ...s, index: s.index - from }));
  // The fold is one unit for one: the part's folded text is that part of the block's (every caller
  // has read the block's already), so no stage folds the part again.
  doc.folded.set(sub, foldedOf(block, doc.folded).slice(from, to));
  return sub;
}

/**
 * The publication date written in a web page's markup before its article body (the
 * "发布时间:…" line a site prints above the text, which the HTML reader leaves out of the body):
 * the date and where the line is, or null. Only text between tags is read.
 */
export function pageDateInMarkup(doc: DigestDocument, s: CompiledStructure): { date: string; start: number; end: number } | null {
  const limit = doc.blocks[0]?.start ?? 0;
  const head = doc.text.slice(0, limit);
  for (const m of head.matchAll(/>([^<>]{1,400})</g)) {
    const run = m[1]!;
    const date = pageDateOf(run, s);
    if (!date) continue;
    const start = m.index + 1 + (run.length - run.trimStart().length);
    return { date, start, end: m.index + 1 + run.trimEnd().length };
  }
  return null;
}
