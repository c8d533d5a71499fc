import type { Range, Section } from '../generated/article.js';
import { segmentDefaults } from '../generated/stage-defaults.js';
import type { Block, DigestDocument } from '../core/document.js';
import type { CompiledStructure } from '../core/data.js';
import type { PatternGroup } from '../core/pattern-group.js';
import { yearNumber } from '../core/numerals.js';
import { pinyinRubyOf } from '../core/lexicon.js';
import { defineStage, type StageContext } from '../core/stage.js';
import { foldedOf, foldWidth } from '../core/text.js';
import { hanScript } from '../generated/unicode-classes.js';
import { isIdentifierOnly } from '../refs/identifiers.js';
import { isPageCitationHeading } from '../refs/own-citation.js';
import { trailingNumberedRun, unheadedListAt } from '../refs/split.js';
import { chromeOf, chromeOfText, citedJournalOf, classifyBlock, journalArticleMark, typedReferenceMark, declaredRange, documentTitleOf, openingByline, openingBylineOf, pageDateInMarkup, pageDateOfFolded, subBlock, titleDateOf, titleLike, type BlockRole, type BoilerplateKind } from '../structure/blocks.js';
import { leadingDate, pad } from '../structure/dates.js';
import { assembleItems, quotedTitles, readSection, type Draft, type ItemContext, type ItemReach } from '../structure/items.js';
import { pageKind, periodOf, type PageKind } from '../structure/kind.js';

export { classifyBlock, declaredRange, type BlockRole } from '../structure/blocks.js';
export { leadingDate, type ItemDate } from '../structure/dates.js';

/** How far an item reaches beyond its opening paragraph, by page kind (see ItemReach). */
const reachOf: Readonly<Record<PageKind, ItemReach>> = {
  'month-digest': 'next-item',
  'year-roundup': 'next-item',
  'trial-roundup': 'closing-words',
  'drug-approval': 'closing-words',
  overview: 'closing-words',
  'news-item': 'own-paragraph',
};

const kindNames = { 'month-digest': 'month digest', 'year-roundup': 'year roundup', 'trial-roundup': 'trial roundup', 'news-item': 'news item', 'drug-approval': 'drug approval', overview: 'overview' } as const;
/** Each kind's name after an indefinite article, for messages that name the kind of page. */
const kindNamesWithArticle = { 'month-digest': 'a month digest', 'year-roundup': 'a year roundup', 'trial-roundup': 'a trial roundup', 'news-item': 'a news item', 'drug-approval': 'a drug approval', overview: 'an overview' } as const;

/**
 * The length of the first non-empty match of `patterns` (the data's, compiled `u`: neither
 * global nor sticky, so a test leaves nothing behind) at the start of `text`, or undefined:
 * `patterns.map((r) => r.exec(text)?.[0].length ?? 0).find((n) => n > 0)`, without the list and
 * two callbacks made for every block, and only of the patterns the group's pre-tests let through.
 * Exported for its test.
 */
export function openingLength(patterns: PatternGroup, text: string): number | undefined {
  const list = patterns.candidates(text);
  for (let i = 0; i < list.length; i++) {
    const n = patterns.exec(list[i]!, text)?.[0].length ?? 0;
    if (n > 0) return n;
  }
  return undefined;
}
/**
 * segment: blocks → the page's kind and date, title, intro, month and year sections, outline
 * and other sections with their dated items, closing sections, the reference-list blocks, and
 * the chrome kept out of the body. The reading rules are data (structure.json); the modules
 * under src/structure/ apply them.
 */
/** A block's range of lines and columns. */
function blockRange(doc: DigestDocument, block: Block): Range {
  return doc.lines.range(block.start, block.end);
}

/** A stock ticker alone on its line: two to five capitals ("RNAC"). */
const tickerLine = /^[A-Z]{2,5}$/;

/** Notes a block kept out of the article body as boilerplate of `kind`, and reports it. */
function dropBlock(doc: DigestDocument, dropped: Dropped[], report: StageContext<object>['report'], kind: BoilerplateKind, block: Block, note = ''): void {
  dropped.push({ offset: block.start, entry: { kind, text: block.text, position: blockRange(doc, block) } });
  report('boilerplate-removed', `${kind} line kept out of the article body${note}`, { offset: block.start, end: block.end });
}

/**
 * Notes a journal's volume and issue line kept out of the body, and where in its block the journal it
 * names is written; a line of chrome citing the page's own paper ("引用本文: 某某. 题名[J]. 中华某某杂志,
 * 2021, 44(6): 591-596.") names its journal as an issue line does.
 */
function noteIssueLine(doc: DigestDocument, block: Block, role: BlockRole, s: CompiledStructure): void {
  if (role.role !== 'boilerplate') return;
  if (role.issue === undefined) {
    const cited = citedJournalOf(foldedOf(block, doc.folded), s, true);
    if (cited !== null) doc.issueLines.push({ block, journal: { at: cited.at, text: block.text.slice(cited.at, cited.at + cited.text.length) } });
    return;
  }
  const named = role.issue.journal;
  const at = named === null ? -1 : foldedOf(block, doc.folded).indexOf(named);
  doc.issueLines.push({ block, journal: at === -1 ? null : { at, text: block.text.slice(at, at + named!.length) } });
}

// Han words of one to four characters, one space apart, from the generated ranges (no ICU lookup:
// BENCHMARKS.md, change 100); V8 compiles it at its first run, on a short spaced line after a dropped one.
const hanWords = new RegExp(`^[${hanScript}]{1,4}(?: [${hanScript}]{1,4})+$`, 'u');

/**
 * Whether `text` is a line of names one space apart that a line already dropped above holds glued
 * together ("唐华东 王大鹏" under the date line "2013-01-30唐华东王大鹏"; a translator's "朱伟 田一飞 译
 * 胡庆澧 校" under "…12:34:48朱伟田一飞胡庆澧"): the byline's names printed again. Two short words one
 * space apart are as often a heading (change 111 left them); the line above is what tells them apart.
 * Words of one character (译, 校: the roles) are left out of the comparison.
 */
export function repeatsDroppedNames(text: string, dropped: readonly Dropped[]): boolean {
  const line = text.trim();
  if (dropped.length === 0 || line.length > 40 || !line.includes(' ')) return false;
  if (!hanWords.test(line)) return false;
  const words = line.split(' ');
  let names = 0;
  let glued = '';
  for (let i = 0; i < words.length; i++) {
    if (words[i]!.length < 2) continue;
    names++;
    glued += words[i];
  }
  if (names < 2) return false;
  for (let i = 0; i < dropped.length; i++) if (dropped[i]!.entry.text.includes(glued)) return true;
  return false;
}

// A line of Han alone, two to thirty characters: a name, names glued together, or a group's name.
const hanOnly = new RegExp(`^[${hanScript}]{2,30}$`, 'u');

/**
 * Whether `text` is the authors' names printed again from a line already dropped above: the names
 * glued behind the page date ("栾某" under "2015-10-27 07:27栾某"; a group's name under
 * "2014-01-23某某学会某某学组"), or a spaced name line already dropped printed again without its
 * spaces ("徐某智某某" under "徐 某 智某某"). A paper-copying site prints its date, time and
 * authors on one line, then the paper's head with the authors again, where a short Han line is
 * otherwise a heading (change 136's *Left*: an author's name alone on its line); the line above is
 * the evidence, as in {@link repeatsDroppedNames}.
 */
export function repeatsDateLineNames(text: string, dropped: readonly Dropped[]): boolean {
  const line = text.trim();
  if (dropped.length === 0 || line.length > 30 || !hanOnly.test(line)) return false;
  for (let i = 0; i < dropped.length; i++) {
    const { kind, text: was } = dropped[i]!.entry;
    // The names right behind the date or its time ("…07:27栾某"): a digit or a space before them.
    if (kind === 'page-date' && was.length > line.length && was.endsWith(line) && /[\d\s]/u.test(was[was.length - line.length - 1]!)) return true;
    if (kind === 'other' && was.includes(' ') && was.length <= 40 && was.replace(/\s+/gu, '') === line) return true;
  }
  return false;
}

// A label with nothing after its colon ("关键词:", "Keywords:"): one word, its value printed on the next line.
const labelAlone = /^\s*[^\s:：]{1,12}\s*[:：]\s*$/u;

/**
 * Whether `text`, a short line with no sentence's punctuation (read as a heading), is the value of
 * the label dropped as chrome right above it: a journal site prints "关键词:" alone and the keywords
 * glued on the next line ("间充质干细胞眼表疾病作用机制临床试验"), which read alone is a heading. The
 * label above, a line of chrome ending at its colon, is the evidence (as in {@link repeatsDroppedNames}).
 */
export function valueUnderLabel(above: Dropped | undefined, aboveBlock: Block | undefined): boolean {
  return above !== undefined && aboveBlock !== undefined && above.offset === aboveBlock.start && labelAlone.test(above.entry.text);
}

/**
 * Whether the line under the line `above` dropped right above it may be the page's citation of its
 * own paper: `above` is a label alone ("引用本文:") or itself such a citation (the English copy under
 * the Chinese one). The line's own citation is read by the caller.
 */
export function citationUnderLabel(above: Dropped | undefined, aboveBlock: Block | undefined, s: CompiledStructure): boolean {
  if (above === undefined || aboveBlock === undefined || above.offset !== aboveBlock.start) return false;
  return labelAlone.test(above.entry.text) || citedJournalOf(foldWidth(above.entry.text), s) !== null;
}

// A blank line: two line breaks with nothing but spaces between them.
const blankLine = /\n[^\S\n]*\n/;

/** Whether the decoded text between two blocks of a plain-text page holds a blank line. */
export function blankLineBetween(text: string, above: Block, below: Block): boolean {
  return below.start > above.end && blankLine.test(text.slice(above.end, below.start));
}

// The roles of a line that opens a section: what a clinics' network prints right under its headline.
const sectionOpeners: ReadonlySet<string> = new Set(['heading', 'outline', 'month', 'year', 'range', 'summary', 'outlook', 'conclusion']);

/**
 * Whether a line is a headline printed under the page's lead (a clinics' network's template, 9 real
 * pages on five of its domains: the lead's paragraphs, a blank line, the headline, and right under
 * it the first heading — "一、…", a month range, a free-form heading): `opensSection` says the line
 * under it opens a section, `blankUnder` whether a blank line stands between them. The blank line
 * above is the caller's evidence (the first of the page, the lead above it all body); a line
 * followed by a blank line is a paragraph of a page spaced throughout, not this template's headline.
 */
export function headlineUnderLead(line: Block, s: CompiledStructure, folded: string, opensSection: boolean, blankUnder: boolean): boolean {
  return opensSection && !blankUnder && titleLike(line, s, folded) && leadingDate(line.text, s) === null;
}

// A Chinese name alone on its line, and a line of an author's affiliation numbers ("1", "2,3", "1*"), a
// superscript a copy flattened onto a line of its own. From the generated ranges, as `hanWords`.
const hanName = new RegExp(`^[${hanScript}]{2,4}$`, 'u');
const affiliationNumbers = /^\d{1,2}(?:\s?[,，]\s?\d{1,2}){0,5}\*?$/;

/**
 * How many Chinese names, each alone on its line over a line of its affiliation's numbers, open at
 * `blocks[b]` ("肖某某" / "1" / "冉某" / "2,3" / "冉某某" / "3": a paper's authors, their superscripts
 * flattened onto lines of their own): 0 for fewer than two, which could be a short heading over a
 * numbered line. Exported for its test.
 */
export function namesOverNumbers(blocks: readonly Block[], b: number): number {
  let names = 0;
  while (b + 2 * names + 1 < blocks.length) {
    const name = blocks[b + 2 * names]!.text.trim();
    if (name.length > 4 || !hanName.test(name) || !affiliationNumbers.test(blocks[b + 2 * names + 1]!.text.trim())) break;
    names++;
  }
  return names >= 2 ? names : 0;
}

/** Whether a line ends as a line of marked names does ({@link markedHanNames}): in a digit, "*" or ")"; asked before the pattern, which most short Chinese lines would open. */
function markedLineEnd(line: string): boolean {
  const last = line.charCodeAt(line.length - 1);
  return (last >= 48 && last <= 57) || last === 42 || last === 41;
}

// A journal site's names line, each name with its affiliation's number and a corresponding author's
// marks ("某某某1**(),某某乙2"): names of two to four Han characters, each marked, a comma between.
const markedHanNames = new RegExp(`^[${hanScript}]{2,4}\\d{1,2}\\**(?:\\(\\))?(?:[,，][${hanScript}]{2,4}\\d{1,2}\\**(?:\\(\\))?)+$`, 'u');

// A journal site's English line of its Chinese authors, each surname in capitals before the given
// name ("ZHUANG Jing-ming , HOU Jian-gang", "CHEN Li-jun1**(),QU Jing-jing2"): two names or more, one
// given name at least in two syllables joined by a hyphen, as pinyin writes them (a headline in
// capitals, "FDA Clears, EMA Rejects", has none).
const pinyinName = '[A-Z]{2,12} [A-Z][a-z]{1,10}(?:-[a-z]{1,10})?[\\d*() ]{0,8}';
const pinyinNames = new RegExp(`^(?=[^\\n]*[A-Z][a-z]{1,10}-[a-z])${pinyinName}(?:[,，] ?${pinyinName})+$`);

/**
 * Whether `text` is a line of the authors' names in pinyin, surnames in capitals ({@link pinyinNames}):
 * chrome of a Chinese journal's page. The pattern is asked only of a line that opens as a name does —
 * two capitals or more, a space, a capital and a small letter ("ZHUANG Ji…") — and holds a comma and a
 * hyphen: an English page's lines opening with an acronym ("FDA, …", "MSC therapy") are passed by a scan
 * of their first units.
 */
export function pinyinAuthors(text: string): boolean {
  const line = text.trim();
  if (line.length > 200) return false;
  let at = 0;
  while (at < 13 && isCapital(line.charCodeAt(at))) at++;
  if (at < 2 || line.charCodeAt(at) !== 32 || !isCapital(line.charCodeAt(at + 1))) return false;
  const small = line.charCodeAt(at + 2);
  return small >= 97 && small <= 122 && line.includes('-') && (line.includes(',') || line.includes('，')) && pinyinNames.test(line);
}

/** Whether a UTF-16 unit is an ASCII capital. */
const isCapital = (unit: number): boolean => unit >= 65 && unit <= 90;

/**
 * Whether `text` is a line of two or more Chinese names one space apart ("王某某 李某"), or a comma
 * apart each with its affiliation's number ("某某某1**(),某某乙2", a journal site's), right over a
 * line naming their institution (the data's `affiliationLines`: "某某医院(长春 130002)"): a paper's
 * authors, printed where a headline could stand. Two short words one space apart are as often a
 * heading; the affiliation under them is what tells them apart (change 136's *Left*).
 */
export function namesOverAffiliation(text: string, next: Block | undefined, s: CompiledStructure, folded: Map<Block, string>): boolean {
  if (next === undefined || s.affiliationLines === null) return false;
  const line = text.trim();
  if (line.length > 40) return false;
  if (!line.includes(' ')) return markedLineEnd(line) && (line.includes(',') || line.includes('，')) && markedHanNames.test(line) && s.affiliationLines.test(foldedOf(next, folded).trim());
  if (!hanWords.test(line)) return false;
  const words = line.split(' ');
  for (let i = 0; i < words.length; i++) if (words[i]!.length < 2) return false;
  return s.affiliationLines.test(foldedOf(next, folded).trim());
}

/**
 * The title's line without the news site's name printed before or after the headline (the data's
 * `titleSiteNames`: "某某新聞網 - 標題", "標題 - 某某新聞網"), or the line itself when it has none or
 * the headline left would be shorter than four characters. `folded`: the line width-folded (the fold
 * keeps each unit's place, so the match's place is the text's).
 */
export function withoutSiteName(text: string, folded: string, s: CompiledStructure): string {
  if (s.titleSiteNames === null) return text;
  const m = s.titleSiteNames.firstMatch(folded);
  if (m === null) return text;
  const bare = (text.slice(0, m.index) + text.slice(m.index + m[0].length)).trim();
  return bare.length >= 4 ? bare : text;
}

// A paragraph's opening up to a dash (a date glued to the lead: "17 April 2023 - Today, …"), at most a date's length.
const dashOpening = /^(\S[^\n]{4,22}?)\s*(?:--|[-–—])\s*(?=\S)/u;

/** The page date a paragraph opens with, a dash after it ("July 17, 2023—The …"), and the length to cut; else null. Exported for its test. */
export function datedOpening(folded: string, s: CompiledStructure): { date: string; length: number } | null {
  const m = dashOpening.exec(folded);
  const date = m ? titleDateOf(m[1]!, s) : null;
  return date === null ? null : { date, length: m![0].length };
}

// The words of a line: its tokens holding a letter or digit (a "|" between labels is none).
// (Latin ranges, no property escape: V8 looks each up in ICU when it compiles the pattern; a kicker is read on Latin lines only.)
const wordCount = (text: string) => text.split(/\s+/).filter((w) => /[0-9A-Za-z\u00C0-\u024F]/.test(w)).length;

// A Han character: a kicker is read on Latin lines only (a Chinese page's short first line is its column or its title).
const hanChar = new RegExp(`[${hanScript}]`, 'u');

// A month's name and its year, nothing else ("December 2014", "Feb. 2023"): a newsletter's issue line.
const issueMonth = /^[A-Z][a-z]{2,8}\.?\s\d{4}$/;

/** A Latin line of six words or fewer with no stop at its end: a label, a byline, a kicker, never a paragraph saying what a page reports. */
const labelLine = (text: string) => !/[.!?。！？]["”’)]?\s*$/u.test(text) && !hanChar.test(text) && wordCount(text) <= 6;

// A line of Latin letters only, in one or two words ("News", "Latest News").
const latinWords = /^[A-Za-z]{2,16}(?: [A-Za-z]{2,16})?$/;

/**
 * A kicker over the headline: a short line (three words at most, or a label of up to six split by
 * "|" or "·": "Mind and Body", "Health library", "DATA GRAPHICS | Data Byte") with no stop at its end
 * over a line that reads like a headline of four or more words and more than the kicker's, neither
 * chrome, a date nor a dateline. A short headline is over a standfirst, which ends with a stop.
 * Latin kickers only, over a Latin headline, or of one or two words over a Chinese one; never a
 * markup h1. Exported for its test.
 */
export function isKicker(block: Block, next: Block, s: CompiledStructure, folded: Map<Block, string>): boolean {
  if (block.kind === 'heading' && block.level === 1) return false;
  const text = foldedOf(block, folded).trim();
  const words = wordCount(text);
  if (words > (/\s[|·]\s/.test(text) ? 6 : 3) || /[.!?:;,]$/.test(text) || hanChar.test(text)) return false;
  const head = foldedOf(next, folded).trim();
  // A site's English name of its column over a Chinese headline ("News" over "完全性脊髓损伤…的探讨"): one or two words.
  if (hanChar.test(head)) return words <= 2 && latinWords.test(text) && head.length >= 6 && titleLike(next, s, head) && chromeOf(next, s) === null && openingByline(head, s) === undefined;
  const headWords = wordCount(head);
  return (
    headWords >= 4 &&
    headWords > words &&
    !hanChar.test(head) &&
    titleLike(next, s, head) &&
    chromeOf(next, s) === null &&
    titleDateOf(head, s) === null &&
    openingByline(head, s) === undefined
  );
}

/**
 * Whether the page's first line is its journal's masthead over the journal's volume and issue line
 * (a paper's page on a journal's site): a Latin line of six words or fewer with no stop right over
 * the issue line ("Advances in Clinical Medicine" over "Vol. 11  No. 02 ( 2021 ), Article ID: …"),
 * or the journal's own name that an issue line at most two lines under it names ("某某杂志" over its
 * English name over "某某杂志 2020, Vol. 40 Issue (11): 43-55"). Its headline follows the issue line.
 * Asked of a page's first block only; exported for its test.
 */
export function mastheadOverIssue(blocks: readonly Block[], b: number, s: CompiledStructure, folded: Map<Block, string>): boolean {
  const text = foldedOf(blocks[b]!, folded).trim();
  for (let at = b + 1; at <= b + 2 && at < blocks.length; at++) {
    // The line read from the document's folded view (each block folded once a document).
    const issue = chromeOfText(foldedOf(blocks[at]!, folded).trim(), s)?.issue;
    if (issue === undefined) continue;
    return (issue.journal !== null && issue.journal === text) || (at === b + 1 && labelLine(text));
  }
  return false;
}

/** Whether a block is chrome giving a date (the page's date line). */
const datedChrome = (block: Block | undefined, s: CompiledStructure): boolean => block !== undefined && chromeOf(block, s)?.date !== undefined;

/**
 * Whether blocks `b` to `b + 3` are an entry of a trending list (a Hong Kong daily's "最Hit" under its
 * article): a line of nine characters or more printed twice, a channel's label of two to four Han
 * characters under it, and a line of chrome under that, the entry's age or date ("…男友？" twice /
 * "影視圈" / "12小時前"). The doubled line over a label over chrome tells it; no list of sites. The
 * chrome is read only once the doubled line is found.
 */
function trendingEntry(blocks: readonly Block[], b: number, s: CompiledStructure, folded: Map<Block, string>): boolean {
  const twice = blocks[b + 1];
  const label = blocks[b + 2];
  const age = blocks[b + 3];
  if (twice === undefined || label === undefined || age === undefined) return false;
  const text = blocks[b]!.text.trim();
  return text.length > 8 && twice.text.trim() === text && hanLabelText(foldedOf(label, folded).trim()) && chromeOf(age, s) !== null;
}

/**
 * The index of the first block after `b` that is not chrome, two chrome lines passed over at most:
 * the line a masthead or a kicker stands over when a chrome line comes between ("BioCentury" /
 * "ARTICLE | Clinical News" / the headline). Asked of a page's first block only.
 */
function ownBlockAfter(blocks: readonly Block[], b: number, s: CompiledStructure): number {
  let at = b + 1;
  while (at <= b + 2 && blocks[at] !== undefined && chromeOf(blocks[at]!, s) !== null) at++;
  return at;
}

// What parts a breadcrumb's crumbs ("首页>新闻>正文", "学术堂 > 生物学论文 >"): any run of marks and spaces (one class: linear).
const crumbSeparator = /[\s>›»]+/u;

// A column's label of a Chinese page: two to four Han characters alone on a line ("生活", "健康新闻", "技術介紹").
const hanLabel = new RegExp(`^[${hanScript}]{2,4}$`, 'u');

/**
 * Whether a line is a column's label by its text (`hanLabel`): only a text of 2 to 8 units is
 * asked, a match's whole (four characters at most, two units each beyond the BMP). The pattern's
 * class is large (Han beyond the BMP as surrogate pairs): compiling it, for a one-article ingest's one
 * first paragraph, was ~0.8 M instructions (BENCHMARKS.md, issue 17). Exported for its test.
 */
export const hanLabelText = (text: string): boolean => text.length >= 2 && text.length <= 8 && hanLabel.test(text);

/**
 * A column's or a site's label over the headline, on a Chinese page: a line of two to four Han
 * characters over a line that reads like a headline of twice its length or more, neither chrome nor
 * a date ("健康新闻" over "“一供二”:父亲捐赠干细胞…"); or a line of short words (eight characters at
 * most each) that the chrome line right under it, a breadcrumb, holds each in a crumb ("生物工程论文" over
 * "您当前的位置:学术堂 > 生物学论文 > 生物工程论文 >", "立场声明" over "首页> 指南共识—立场声明"): the page's own navigation tells a label from a
 * title, no list of labels needed. Never a markup h1. Exported for its test.
 */
export function isHanLabel(block: Block, next: Block, s: CompiledStructure, folded: Map<Block, string>): boolean {
  if (block.kind === 'heading' && block.level === 1) return false;
  const text = foldedOf(block, folded).trim();
  const head = foldedOf(next, folded).trim();
  if (/[>›»]/u.test(head) && chromeOf(next, s) !== null) {
    const crumbs = head.split(crumbSeparator);
    // A crumb may print the label glued to more ("指南共识—立场声明" under "立场声明"): a crumb holding the word is enough.
    return hanChar.test(text) && text.split(/\s+/).every((w) => w.length <= 8 && crumbs.some((c) => c.includes(w)));
  }
  return hanLabelText(text) && head.length >= 2 * text.length && hanChar.test(head) && titleLike(next, s, head) && titleDateOf(head, s) === null && openingByline(head, s) === undefined;
}

/** A new draft section, added to `drafts`. */
function openDraft(drafts: Draft[], section: Section, heading: Block | null, year: number | null): Draft {
  const draft: Draft = { section, heading, year, body: [] };
  drafts.push(draft);
  return draft;
}

/** A block dropped as boilerplate, by its offset (the entries are put in text order at the end). */
export type Dropped = { offset: number; entry: DigestDocument['boilerplate'][number] };

export const segment = defineStage({
  name: 'segment',
  description: 'Read the page: its kind and date, sections (month, year, outline, closing), dated items wherever they stand, citation markers outside items, the reference list and the chrome kept out of the body.',
  needs: ['blocks'],
  provides: ['sections', 'items', 'itemBlocks', 'pageKind', 'pageDate', 'citationMarkers', 'issueLines', 'referenceBlocks'],
  rules: {
    'no-month-sections': {
      severity: 'warning',
      description: 'A page whose title declares a range of months (a month digest) has no month heading holding an item.',
      example: 'a page titled "2025年1-6月干细胞治疗…最新临床进展" whose month headings are written in a form the patterns do not know',
    },
    'month-out-of-order': {
      severity: 'warning',
      description: 'A month section comes after the section of a later month.',
      example: 'a 2025-02 section after the 2025-03 one',
    },
    'month-duplicate': {
      severity: 'warning',
      description: 'A month has a second section.',
      example: 'two "2025年3月…" headings',
    },
    'month-missing': {
      severity: 'info',
      description: 'A month within the period a month digest covers (its declared range, else its first to last month) has no section; the record lists them in missingMonths.',
      example: 'sections for 2025-01 and 2025-03 only',
    },
    'month-empty': {
      severity: 'info',
      description: 'A month heading is followed by no dated item; it counts for nothing (not for the period, the page kind or the missing months).',
      example: 'a cross-link "2025年5月干细胞治疗膝骨关节炎最新临床进展" left at the end of the body',
    },
    'item-month-mismatch': {
      severity: 'warning',
      description: 'An item’s date is not in the month of the section it sits under.',
      example: 'an item dated 2月20日 under the 2025年3月 heading',
    },
    'item-outside-period': {
      severity: 'info',
      description: 'An item of a month digest or year roundup is dated outside the period the page covers (and not under a month heading that already says so).',
      example: 'a 2014 item in the lead of a 2015–2025 roundup',
    },
    'item-undated': {
      severity: 'warning',
      description: 'An item under a month heading has no date of its own; it is dated to the heading’s month.',
      example: 'an item opening with 近日, under a month heading',
    },
    'item-date-invalid': {
      severity: 'warning',
      description: 'An item’s date is not a calendar date; it is kept at month precision.',
      example: '2月30日',
    },
    'date-relative': {
      severity: 'info',
      description: 'An item’s date was written relative to the page date (or without a year) and was resolved against it; the message says how.',
      example: '去年的5月3日,… on a page dated 2023-03-24 (read as 2022-05-03); 近日,… (the page date’s month); 于14日 with a publication verb',
    },
    'date-without-year': {
      severity: 'warning',
      description: 'A paragraph opens with a date whose year neither the text, its heading, the page date nor the title gives; it is not read as an item.',
      example: '3月5日,… on a page with no year anywhere',
    },
    'structure-other': {
      severity: 'info',
      description: 'A heading is a numbered outline or free-form heading; it becomes a section of kind other (with its outline level).',
      example: '一、研究背景',
    },
    'boilerplate-removed': {
      severity: 'info',
      description: 'Site chrome (a disclaimer, QR-code line, address, phone, breadcrumb, byline, tag line, copyright notice, cross-link, a caption, the publication-date line) was kept out of the body; it is in the record’s boilerplate.',
      example: '免责说明：…; 发布时间:2025-04-08 16:20:31 来源:… (read as the page date)',
    },
    'no-reference-list': {
      severity: 'warning',
      description: 'A month digest or year roundup has no reference-list heading.',
      example: 'a month digest without 参考资料 / 参考文献 / References',
    },
    'reference-list-absent': {
      severity: 'info',
      description: 'A page of a kind that need not cite (trial roundup, news item, drug approval, overview) has no reference-list heading.',
      example: 'a news item retelling one study with no 参考资料',
    },
  },
  defaults: segmentDefaults,
  run(doc, { data, report }) {
    const s = data.structure;
    const drafts: Draft[] = [];
    const dropped: Dropped[] = [];
    let current: Draft | null = null;
    let inReferences = false;
    let ownCitation = false;
    let declared: { year: number; from: number; to: number; block: Block | null } | null = null;
    let byline = false;
    let first = true;
    // The first paragraph of the body: a page with no dated item says there what it reports.
    let firstParagraph: Block | null = null;
    // A hard-wrapped lead's second line, when its first was read as a label line (`labelAt`: that line's index),
    // or, on a page with no title, the paragraph right after a lead ending in a stop (`leadAt`: the lead's index):
    // a standfirst over the news ("6 September 2018 - … is working with … centres." over "… Health Canada has approved …").
    let leadRest: Block | null = null;
    let leadAt = -1;
    let label: Block | null = null;
    let labelAt = -1;
    // Whether the title came from chrome (a document-sharing site's "…_第1页"), not from a line of the text.
    let chromeTitle = false;
    // True from the title until the next block of the body: a date alone there is the page date.
    let underTitle = false;
    // The title's two lines when a subtitle under it was joined to it ("…的远期有效性评价" over "--对11个…的Meta分析"): each printed again below is the title's copy.
    let titleLines: string[] = [];
    // Until the first blank line of a plain-text page with no title: the headline may stand under it (`headlineUnderLead`).
    let leadAbove = doc.format === 'text';
    const quoted = new Set<string>();
    const plainText = doc.format === 'text';
    // The lexicon's pinyin-ruby pattern, read on the first line with a "(" (a mirror's heading
    // "細(xì)胞治療的核心機制"): a page with none does not load the lexicon here.
    const ruby = () => pinyinRubyOf(data.lexicon);

    // `dropBlock`, `openDraft` and `blockRange` at module scope: as closures over the run's locals
    // they were made per article and V8 optimised them again after every full collection
    // (BENCHMARKS.md, changes 59, 64 and 93).

    if (doc.format === 'html') {
      const line = pageDateInMarkup(doc, s);
      if (line) doc.pageDate = line.date;
    }

    // Indexed: a `for … of` in baseline code allocates an iterator result a block (BENCHMARKS.md, "loops without iterators").
    const blocks = doc.blocks;
    const unheadedRun = trailingNumberedRun(blocks);
    for (let b = 0; b < blocks.length; b++) {
      const original = blocks[b]!;
      let block = original;
      let role = classifyBlock(block, s, plainText, foldedOf(block, doc.folded), ruby);
      // A caption behind a dateline ("date 2025-11-30 …。(路透社)") still gives the page date: the
      // dateline is read below, the caption after it dropped there.
      // In the reference list, a line that is only a DOI, URL or PMID ("DOI: 10.1002/…" under its
      // entry, as index pages and journals' sites print them) belongs to the entry before it: the
      // chrome pattern for a copied paper's own DOI line does not drop it there. So does a journal's
      // issue line there ("Orthop. 2011; 2(6): 43-50.": an entry wrapped inside its journal's name).
      if (role.role === 'boilerplate' && !(role.kind === 'caption' && openingBylineOf(block, doc, s)) && !(inReferences && (role.issue !== undefined || isIdentifierOnly(block.text)))) {
        if (role.date) doc.pageDate ??= role.date;
        // A reporter's byline alone on its line ("記者王某某/花蓮報導") says the page is a report, as one opening a paragraph does.
        if (role.byline) byline = true;
        // A document-sharing site's image of the first page ("…报告_第1页") names the title, which
        // the page prints nowhere else on a line of its own (its text opens glued to the contents).
        if (first && doc.title === null) chromeTitle = (doc.title = documentTitleOf(block.text, foldedOf(block, doc.folded), s)) !== null;
        noteIssueLine(doc, block, role, s);
        dropBlock(doc, dropped, report, role.kind, block, role.date ? ` (read as the page date ${role.date})` : '');
        continue;
      }
      // A reference list with no heading we know at the page's end (src/refs/split.ts): a subtitled heading over it opens it, else its first line.
      // (Asked only at the run's first line and the one above it: the headings' list is a getter.)
      const unheaded = inReferences || unheadedRun < 0 || b < unheadedRun - 1 ? null : unheadedListAt(blocks, b, unheadedRun, s.referenceHeadings);
      if (unheaded) {
        inReferences = true;
        if (unheaded === 'heading') continue;
      }
      if (inReferences) {
        // "Cite This Page:" under the list: the page's citation of itself ends the list, kept out as chrome.
        if (ownCitation || (ownCitation = isPageCitationHeading(block.text))) dropBlock(doc, dropped, report, 'other', block, " (the page's citation of itself)");
        else doc.referenceBlocks.push(block);
        continue;
      }
      // The text under a title read from chrome opens with the title's copy, the contents glued on
      // ("…报告目录16806摘要 3…"): a line with no sentence after the title is dropped whole (where
      // glued contents end is not marked), a line with one keeps its text after the title.
      if (chromeTitle && block.text.startsWith(doc.title!)) {
        const rest = block.text.slice(doc.title!.length);
        if (!/[。！？!?]/u.test(rest)) {
          dropBlock(doc, dropped, report, 'other', block, ' (the title read from the page images, the contents glued on)');
          continue;
        }
        block = subBlock(doc, block, doc.title!.length);
      }
      // "Dec 21, 2012" alone on the line right under the title: the page's date, printed where a news page prints it.
      if (underTitle) {
        underTitle = false;
        // A subtitle opening with a dash right under the title ("--对11个随机对照临床试验的Meta分析") is the title's second line.
        if (titleLines.length === 0 && s.subtitleLines?.test(foldedOf(block, doc.folded).trim())) {
          titleLines = [doc.title!.trim(), block.text.trim()];
          doc.title = titleLines.join('');
          underTitle = true;
          continue;
        }
        const date = titleDateOf(foldedOf(block, doc.folded), s);
        if (date) {
          doc.pageDate ??= date;
          dropBlock(doc, dropped, report, 'page-date', block, ` (read as the page date ${date})`);
          continue;
        }
        // A stock ticker alone between the headline and its date (a market site's "RNAC"): chrome, the date under it still the page's.
        const after = blocks[b + 1];
        if (tickerLine.test(foldedOf(block, doc.folded).trim()) && after !== undefined && titleDateOf(foldedOf(after, doc.folded), s) !== null) {
          dropBlock(doc, dropped, report, 'other', block, ' (a ticker over the date under the title)');
          underTitle = true;
          continue;
        }
        // A channel's label alone between the headline and the page's date line, one line of chrome
        // between them at most (a Hong Kong daily's "社會" over "更新時間：20:10 2026-02-26 HKT" over
        // "發佈時間：20:10 2026-02-26 HKT"): chrome, the date under it still the page's.
        if (after !== undefined && hanLabelText(foldedOf(block, doc.folded).trim()) && (datedChrome(after, s) || (chromeOf(after, s) !== null && datedChrome(blocks[b + 2], s)))) {
          dropBlock(doc, dropped, report, 'other', block, " (a channel's label over the date under the title)");
          underTitle = true;
          continue;
        }
      }
      // A byline opening a paragraph ("〔記者…報導〕…", a wire's dateline) is chrome, a dateline's
      // date the page date; a lead label ("导读:") is dropped, its text kept.
      const opening = openingBylineOf(block, doc, s);
      if (opening) {
        if (opening.date) doc.pageDate ??= opening.date;
        dropBlock(doc, dropped, report, opening.date ? 'page-date' : 'other', subBlock(doc, block, 0, opening.length), opening.date ? ` (read as the page date ${opening.date})` : '');
        byline = true;
        block = subBlock(doc, block, opening.length);
      }
      // A date alone glued by a dash to the opening of the text ("17 April 2023 - Today, the US FDA…",
      // "July 17, 2023—The U.S. …"): the page date (a date `titleDateLines` reads), cut off the paragraph.
      // Only before any page date and in the intro: further on such a date is an item's.
      if (!opening && doc.pageDate === null && (current === null || current.section.kind === 'intro')) {
        const glued = datedOpening(foldedOf(block, doc.folded), s);
        if (glued) {
          doc.pageDate = glued.date;
          dropBlock(doc, dropped, report, 'page-date', subBlock(doc, block, 0, glued.length), ` (read as the page date ${glued.date})`);
          block = subBlock(doc, block, glued.length);
        }
      }
      const lead = foldedOf(block, doc.folded);
      const labelEnd = openingLength(s.groups['/leadLabels'], lead);
      if (labelEnd) block = subBlock(doc, block, labelEnd);
      if (block.text === '') continue;
      if (block !== original) {
        role = classifyBlock(block, s, plainText, foldedOf(block, doc.folded), ruby);
        // What follows a dateline is read as a line of its own is: a photo's caption glued to the
        // stored date marker ("date 2025-11-30 …打破。(路透社)") is a caption, not the title.
        if (role.role === 'boilerplate') {
          noteIssueLine(doc, block, role, s);
          dropBlock(doc, dropped, report, role.kind, block);
          continue;
        }
      }

      if (role.role === 'heading' && block === original && valueUnderLabel(dropped[dropped.length - 1], blocks[b - 1])) {
        dropBlock(doc, dropped, report, 'other', block, ' (the value of the label above)');
        continue;
      }
      // The page's own citation on the lines under "引用本文:" alone (a journal's site: the Chinese, then
      // its English copy): chrome, its journal the page's, as an issue line's is.
      if ((role.role === 'heading' || role.role === 'body') && block === original && block.text.includes(journalArticleMark) && citationUnderLabel(dropped[dropped.length - 1], blocks[b - 1], s)) {
        const folded = foldedOf(block, doc.folded);
        const cited = citedJournalOf(folded, s);
        if (cited !== null) {
          doc.issueLines.push({ block, journal: { at: cited.at, text: block.text.slice(cited.at, cited.at + cited.text.length) } });
          dropBlock(doc, dropped, report, 'other', block, " (the page's citation of its paper, under its label)");
          continue;
        }
      }
      if ((role.role === 'heading' || role.role === 'body') && repeatsDroppedNames(block.text, dropped)) {
        dropBlock(doc, dropped, report, 'other', block, ' (the names of the byline above)');
        continue;
      }
      if ((role.role === 'heading' || role.role === 'body') && repeatsDateLineNames(block.text, dropped)) {
        dropBlock(doc, dropped, report, 'other', block, ' (the names of the date line above)');
        continue;
      }
      if ((role.role === 'heading' || role.role === 'body') && namesOverAffiliation(block.text, blocks[b + 1], s, doc.folded)) {
        dropBlock(doc, dropped, report, 'other', block, ' (the authors, over their affiliation)');
        continue;
      }
      if ((role.role === 'heading' || role.role === 'body') && pinyinAuthors(block.text)) {
        dropBlock(doc, dropped, report, 'other', block, " (the authors' names in pinyin, a journal site's English line)");
        continue;
      }
      if (role.role === 'heading' || role.role === 'body') {
        const names = namesOverNumbers(blocks, b);
        if (names > 0) {
          for (let k = 0; k < 2 * names; k++) dropBlock(doc, dropped, report, 'other', blocks[b + k]!, ' (the authors, each over the numbers of their affiliations)');
          b += 2 * names - 1;
          continue;
        }
      }
      if (first && !opening) {
        const folded = foldedOf(block, doc.folded);
        // A date alone above everything else (a press office's "October 19, 2006" over its release) is the page date, never the title.
        const date = titleDateOf(folded, s);
        // One lower-case token above everything is a page's slot or class name ("headerads"), never a line of the text;
        // a count alone above everything a journal site's counter ("0" over a paper's links and headline).
        if (date === null && /^(?:[a-z]+|\d{1,3})$/.test(folded.trim())) {
          dropBlock(doc, dropped, report, 'other', block);
          continue;
        }
        if (date) {
          doc.pageDate ??= date;
          dropBlock(doc, dropped, report, 'page-date', block, ` (read as the page date ${date})`);
          continue;
        }
        // A journal's masthead over its issue line (a paper's page on the journal's site): its name, read as the issue line's is; the headline follows.
        if (doc.title === null && mastheadOverIssue(blocks, b, s, doc.folded)) {
          const name = block.text.trim();
          doc.issueLines.push({ block, journal: { at: block.text.indexOf(name), text: name } });
          dropBlock(doc, dropped, report, 'other', block, " (the journal's masthead over its issue line)");
          continue;
        }
        // A line over a headline that has its date right under it is the site's slogan: the headline is the title.
        // Chrome between them is no line of the page's own (a trade daily's "ARTICLE | Company News" under its
        // masthead); Latin lines only, as a kicker is (a Chinese column's label reads the breadcrumb under it).
        const han = hanChar.test(folded);
        const at = han ? b + 1 : ownBlockAfter(blocks, b, s);
        const next = blocks[at];
        const dateLine = blocks[at + 1];
        // An English slogan is no longer than the headline under it: a headline over a ticker or a
        // form's label over its date ("RNAC" / "September 20, 2025", "End date" / "Oct 13, 2029") is the headline.
        if (doc.title === null && next && dateLine && titleLike(next, s, foldedOf(next, doc.folded)) && (han || folded.trim().length <= foldedOf(next, doc.folded).trim().length) && chromeOf(next, s) === null && titleDateOf(foldedOf(dateLine, doc.folded), s)) {
          dropBlock(doc, dropped, report, 'other', block);
          continue;
        }
        // A kicker (a section's or an outlet's name, a label) or a Chinese column's label over a headline: the headline is the title.
        // A kicker over the page's date over the headline ("News" / "8 Jul 2011" / the headline) too: the date is read next, as the page's.
        // A Chinese column's label over its date over the headline as well, chrome between them passed over ("健康" / the date / "日報").
        const overDate = next !== undefined && dateLine !== undefined && (titleDateOf(foldedOf(next, doc.folded), s) !== null || (han && pageDateOfFolded(foldedOf(next, doc.folded).trim(), s) !== null));
        const headline = overDate ? (han ? blocks[ownBlockAfter(blocks, at, s)] : dateLine) : next;
        if (doc.title === null && headline && (role.role === 'body' || role.role === 'heading') && (isKicker(block, headline, s, doc.folded) || isHanLabel(block, overDate && han ? headline : blocks[b + 1]!, s, doc.folded))) {
          dropBlock(doc, dropped, report, 'other', block);
          continue;
        }
      }
      // The first block is the title when markup says so, or (without one from markup) when it reads
      // like one; never what follows a byline or a dateline (the body has begun: "(Reuters) - The U.S.
      // Food and Drug Administration" hard-wrapped reads like a headline).
      if (first) {
        first = false;
        const markupTitle = block.kind === 'heading' && (block.level === 1 || (doc.title !== null && block.text === doc.title));
        // A title read from chrome gives way to the text's own line of it (the file's name adds a
        // word: "…观察报告_第1页" over "…观察"), not to another line (a numbered heading "1.1项目背景").
        const ownTitle = doc.title === null || (chromeTitle && block.text.trim().length >= 4 && doc.title.startsWith(block.text.trim()));
        // An editor's note's label ("编者按") is no headline: a page printing none above it has no title.
        const plainTitle = ownTitle && !opening && !labelEnd && !typedReferenceMark.test(block.text) && titleLike(block, s, foldedOf(block, doc.folded)) && leadingDate(block.text, s) === null && !['outline', 'references'].includes(role.role) && !s.noteLabels?.test(foldedOf(block, doc.folded).trim());
        if (role.role !== 'month' && (markupTitle || plainTitle)) {
          doc.title = withoutSiteName(block.text, foldedOf(block, doc.folded), s);
          chromeTitle = false;
          underTitle = true;
          const months = declaredRange(block.text, s);
          if (months) declared = { ...months, block };
          continue;
        }
        // A month alone over a headline ("December 2014" / "Sharing stories of …", a newsletter's issue):
        // still the month's heading, and the headline under it the title.
        const next = blocks[b + 1];
        if (role.role === 'month' && doc.title === null && next && issueMonth.test(foldedOf(block, doc.folded).trim()) && isKicker(block, next, s, doc.folded)) first = true;
      }
      const plain = role.role === 'body' || role.role === 'heading';
      // The first blank line of a page with no title and only its lead above: a headline may follow,
      // a heading right under it (a clinics' network's template). Asked once a page, at that line.
      if (leadAbove && b > 0 && (doc.title !== null || current === null || current.section.kind !== 'intro')) leadAbove = false;
      if (leadAbove && b > 0 && blankLineBetween(doc.text, blocks[b - 1]!, original)) {
        leadAbove = false;
        const next = blocks[b + 1];
        if (plain && block === original && next !== undefined) {
          const opens = sectionOpeners.has(classifyBlock(next, s, plainText, foldedOf(next, doc.folded), ruby).role);
          if (headlineUnderLead(block, s, foldedOf(block, doc.folded), opens, blankLineBetween(doc.text, block, next))) {
            doc.title = block.text;
            underTitle = true;
            const months = declaredRange(block.text, s);
            if (months) declared = { ...months, block };
            continue;
          }
        }
      }
      // An entry of a trending list under the article (a Hong Kong daily's, under its label): its
      // headline printed twice, its channel's label, then its age or date as chrome — the three lines chrome.
      if (plain && block === original && trendingEntry(blocks, b, s, doc.folded)) {
        for (let k = 0; k < 3; k++) dropBlock(doc, dropped, report, 'other', blocks[b + k]!, ' (an entry of a trending list: its headline twice and its channel)');
        b += 2;
        continue;
      }
      // A paragraph that repeats the title or a quoted title above it is a photo caption.
      const said = block.text.trim();
      if ((plain || role.role === 'range' || role.role === 'year') && ((doc.title !== null && said === doc.title.trim()) || titleLines.includes(said) || (plain && quoted.has(said)))) {
        dropBlock(doc, dropped, report, 'caption', block);
        continue;
      }
      const titles = quotedTitles(block.text);
      for (let k = 0; k < titles.length; k++) quoted.add(titles[k]!);
      switch (role.role) {
        case 'references':
          inReferences = true;
          if (role.withList) doc.referenceBlocks.push(block);
          break;
        case 'month':
          current = openDraft(drafts, { kind: 'month', heading: block.text, month: `${role.year}-${pad(role.month)}`, position: blockRange(doc, block), items: [] }, block, role.year);
          break;
        case 'year':
          current = openDraft(drafts, { kind: 'year', heading: block.text, year: role.year, position: blockRange(doc, block), items: [] }, block, role.year);
          break;
        case 'range': {
          const months = declaredRange(block.text, s);
          if (months) declared = { ...months, block };
          doc.title ??= block.text;
          current = openDraft(drafts, { kind: 'other', heading: block.text, position: blockRange(doc, block), items: [] }, block, months?.year ?? null);
          break;
        }
        case 'summary':
        case 'outlook':
        case 'conclusion': {
          const section: Section = { kind: role.role, heading: block.text, position: blockRange(doc, block), items: [] };
          if (role.level) section.outlineLevel = role.level;
          current = openDraft(drafts, section, block, null);
          break;
        }
        case 'outline':
        case 'heading': {
          const what = role.role === 'outline' ? `numbered outline heading (level ${role.level})` : 'free-form heading';
          report('structure-other', `"${block.text.slice(0, 40)}" is a ${what}: kept as a section of kind other`, { offset: block.start, end: block.end });
          const section: Section = { kind: 'other', heading: block.text, position: blockRange(doc, block), items: [] };
          if (role.role === 'outline') section.outlineLevel = role.level;
          current = openDraft(drafts, section, block, current?.year ?? null);
          break;
        }
        case 'body':
          current ??= openDraft(drafts, { kind: 'intro', heading: null, position: blockRange(doc, block), items: [] }, null, null);
          current.body.push(block);
          // A line of a few words with no stop (a byline's "Name, Title", a kicker under the headline:
          // "Newsfrom Japan") says nothing of what the page reports: the first paragraph is after it.
          if (firstParagraph === null) {
            const text = foldedOf(block, doc.folded);
            if (!labelLine(text)) {
              // A hard-wrapped lead ("The U.S. Food and Drug Administration" over "on Wednesday approved …"):
              // the line going on in lower case continues the one before, read as a label, and the lead opens there.
              if (label !== null && labelAt === b - 1 && /^[a-z]/.test(text)) {
                firstParagraph = label;
                leadRest = block;
              } else {
                firstParagraph = block;
                leadAt = b;
              }
            } else {
              label = block;
              labelAt = b;
            }
          } else if (leadRest === null && leadAt === b - 1 && doc.title === null && /[.!?]["”’]?$/.test(foldedOf(firstParagraph, doc.folded))) leadRest = block;
          break;
      }
    }

    // The title's months, when no range heading declared them ("2025年1-3月…" in an <h1>).
    const titleMonths = doc.title === null ? null : declaredRange(doc.title, s);
    declared ??= titleMonths ? { ...titleMonths, block: null } : null;
    const title = doc.title === null ? '' : foldWidth(doc.title);
    const context: ItemContext = {
      doc,
      s,
      report,
      drop: (kind, block) => dropBlock(doc, dropped, report, kind, block),
      titleYear: s.pageKinds.titleYearRange.test(title) ? null : yearNumber(s.pageKinds.titleYear.exec(title)?.groups?.year, s),
      runningYear: null,
      mismatched: new Set(),
    };
    const read = drafts.map((draft) => {
      const last = draft.body[draft.body.length - 1] ?? draft.heading;
      const firstBlock = draft.heading ?? draft.body[0];
      if (firstBlock && last) draft.section.position = doc.lines.range(firstBlock.start, last.end);
      return readSection(draft, context);
    });
    // Array.from, not map: V8's optimised `map` makes a holey array, a map the record's readers had not seen (BENCHMARKS.md, "arrays made by map").
    doc.sections = Array.from(drafts, (d) => d.section);

    // Two paragraphs citing by number make the page a paper (its site's date over it no news item's).
    const citesByNumber = () => {
      let citing = 0;
      for (let d = 0; d < drafts.length; d++) {
        const body = drafts[d]!.body;
        for (let k = 0; k < body.length; k++) if (s.citationMarker.test(foldedOf(body[k]!, doc.folded)) && ++citing >= 2) return true;
      }
      return false;
    };
    doc.kind = pageKind({ title: doc.title, sections: doc.sections, itemBlocks: doc.itemBlocks, titleDeclaresMonths: titleMonths !== null, pageDate: doc.pageDate, byline, folded: doc.folded, lead: firstParagraph, leadRest, citesByNumber, issueLine: doc.issueLines.length > 0 }, s);
    for (const section of read) assembleItems(section, reachOf[doc.kind], context);
    doc.period = periodOf(doc.kind, doc.sections, titleMonths);

    for (const d of drafts) {
      if (d.section.kind !== 'month' || d.section.items.length > 0) continue;
      const digest = doc.kind === 'month-digest';
      report('month-empty', `month heading ${d.section.month} is followed by no dated item: it counts for nothing${digest ? '' : ` (kept as a section of kind other on this ${kindNames[doc.kind]})`}`, { offset: d.heading!.start, end: d.heading!.end });
      if (!digest) {
        // On a page that is not a month digest, a month heading with nothing under it is a link or a stray line.
        d.section.kind = 'other';
        delete d.section.month;
      }
    }
    const months = drafts.filter((d) => d.section.kind === 'month' && d.section.items.length > 0);
    if (doc.kind === 'month-digest') {
      // A title of one month ("October 2009 Digest") needs no month headings.
      if (months.length === 0 && !(titleMonths && titleMonths.from === titleMonths.to)) {
        report('no-month-sections', `no month headings found (expected e.g. "${s.messageExamples.monthHeading}" or "March 2025")`);
      }
      const seen = new Map<string, Block>();
      let previous = '';
      for (const d of months) {
        const month = d.section.month!;
        const at = { offset: d.heading!.start, end: d.heading!.end };
        if (seen.has(month)) report('month-duplicate', `month ${month} has a second section`, at);
        else if (month < previous) {
          report('month-out-of-order', `month ${month} comes after ${previous}`, at);
          doc.outOfOrderMonths.push(month);
        }
        seen.set(month, d.heading!);
        if (month > previous) previous = month;
      }
      if (months.length > 0) {
        const sorted = [...seen.keys()].sort();
        const expected: string[] = [];
        const from = declared ? `${declared.year}-${pad(declared.from)}` : sorted[0]!;
        const to = declared ? `${declared.year}-${pad(declared.to)}` : sorted[sorted.length - 1]!;
        for (let y = Number(from.slice(0, 4)), m = Number(from.slice(5)); `${y}-${pad(m)}` <= to; m === 12 ? ((m = 1), y++) : m++) {
          expected.push(`${y}-${pad(m)}`);
        }
        const missing = expected.filter((m) => !seen.has(m));
        doc.missingMonths = missing;
        if (missing.length > 0) {
          const anchor = declared?.block ?? months[0]!.heading!;
          report('month-missing', `no section for ${missing.join(', ')} (covering ${from} to ${to})`, { offset: anchor.start, end: anchor.end });
        }
      }
    }
    const period = doc.period;
    if (period && (doc.kind === 'month-digest' || doc.kind === 'year-roundup')) {
      for (const item of doc.sections.flatMap((x) => x.items)) {
        const month = item.date.slice(0, 7);
        if ((month < period.start || month > period.end) && !context.mismatched.has(item)) {
          report('item-outside-period', `item dated ${item.date} lies outside the period ${period.start} … ${period.end} of this ${kindNames[doc.kind]}`, { offset: doc.lines.offset(item.position.start) });
        }
      }
    }
    if (!inReferences) {
      const message = `no reference list heading (${s.messageExamples.referenceHeading}) found`;
      if (doc.kind === 'month-digest' || doc.kind === 'year-roundup') report('no-reference-list', message);
      else report('reference-list-absent', `${message}; usual for ${kindNamesWithArticle[doc.kind]}`);
    }
    doc.boilerplate.push(...dropped.sort((a, b) => a.offset - b.offset).map((d) => d.entry));
  },
});
