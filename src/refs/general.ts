import { cslDate, type CslItem } from './csl.js';
import type { Identifiers } from './identifiers.js';
import { phraseKey, referenceWords, wordPattern } from './data.js';
import { isOrganisation, isParticle, looseAuthorEnd, parseAuthors, scanAuthors, scanOrganisation } from './names.js';
import { classifySegment, isDateOnly, stripBrackets, isExtentOrContributors, isLabelledNumbers, opensWithRole, readSourceText, segmentSource, type Segment, type Source } from './source.js';
import { closesWithOneOf, commaPieceEnds, DIGITS, isSpaceUnit, lazyPattern, opensWithOneOf } from './text.js';
import { readSource, sentenceEnds, tidy, type Source as JournalSource } from './vancouver.js';
import { execIn, latin1Pattern, testIn } from './latin1.js';
import { hasLetter } from '../core/script.js';

/**
 * References in the Latin-script styles (Vancouver, APA, Harvard, Chicago, MLA, IEEE, ACS, ACM,
 * LNCS, physics, astronomy): authors, then a date when the style puts it there, then the
 * title, then the source. The title's end is chosen among its possible ends (sentence ends,
 * closing quotes, commas in comma styles) as the first after which the rest reads plainly as
 * a source (journal and numbers, "In" and a book, a place and a publisher, a genre).
 */

// A citation number the splitter left ("[3]", "91.", "(63)", "14 ").
// The units `citationNumber` may open with (past one white-space unit): asked first (issue 17: start-up).
const CITATION_NUMBER_OPENINGS = '[(0123456789-–•';
const citationNumber = latin1Pattern(() => /^\s?(?:\[[^\]\s]{1,30}\]|\(\d{1,5}\)|\d{1,5}\.(?=\s)|\d{1,3}\s(?=\p{Lu}[\p{L}'’-]*,)|[-–•]\s)\s?/u);
// "———." / "---" / "–––––.": the same authors as the entry before.
const ditto = lazyPattern(() => /^[-—–_]{2,}\.?,?\s?/u);
// The date after the authors: "(1990).", "(2012, October).", "(1994b)", "(n.d.)", "(s. d.)", "(December 1998).", "1990.", ", 2008,".
const dateAfterAuthors =
  latin1Pattern(() => /^\s?[.,:]?\s?\((?:(?<m1>[A-Za-z]+\.?)\s)?(?<year>(?:1[5-9]|20)\d{2})[a-z]?(?:,?\s(?<tail>[^()]{1,20}))?\)[.,:]?\s?|^\s?[.,]?\s?\((?:n\.\s?d\.|s\.\s?d\.|forthcoming|in press|in preparation|sous presse|im Druck)\)[.,]?\s?|^\s?[.,:]?\s?(?<bare>(?:1[5-9]|20)\d{2})[a-z]?(?:\s?\[(?:1[5-9]|20)\d{2}\])?(?:[.,:]\s?|\s(?=\p{Lu}|["“«‘]))/u);
// A name (capitalised, no quotation, at most 120 characters) then the date: the author of an author-date reference.
const authorBeforeDate = latin1Pattern(() => /^(?<name>\p{Lu}[^,:;()"“”]{1,118}?(?:\s\([\p{Lu}\s]{2,12}\))?)(?:\.\s?\(|\s\(|,\s)(?=(?:1[5-9]|20)\d{2}[a-z]?[).,])/u);
// One capitalised word as its own sentence before the title: an author known by one name.
const soleName = latin1Pattern(() => /^(?<name>\p{Lu}\p{Ll}{2,})\.\s(?=\p{Lu}|(?:1[5-9]|20)\d{2}\s)/u);
const quoteOpen = lazyPattern(() => /^\s?(?:["“«‘„]|``|'')\s?/u);
const quotePairs: Record<string, string[]> = { '"': ['"', '”'], '“': ['”', '"'], '«': ['»'], '‘': ['’'], '„': ['“', '”', '"'], '``': ["''", '"'], "''": ["''"] };

/** Where the quotation opened by `mark` closes in `text` (nested quotes counted), or -1. */
function closingQuote(text: string, mark: string): { at: number; length: number } {
  const closes = quotePairs[mark] ?? ['"'];
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    // A nested opening of the same kind ("« La « société civile » … »", "‘… ‘Arab Spring’ …’").
    if ((mark === '«' || mark === '‘' || mark === '“') && text.startsWith(mark, i)) {
      depth++;
      continue;
    }
    const close = closes.find((c) => text.startsWith(c, i));
    if (!close) continue;
    // "’" is also an apostrophe: it closes only before a space, punctuation or the end.
    if (close === '’' && hasLetter(text[i + 1] ?? '')) continue;
    if (depth > 0) {
      depth--;
      continue;
    }
    return { at: i, length: close.length };
  }
  return { at: -1, length: 0 };
}

/** One place the title may end. */
export interface Cut {
  /** Offset in the body where the title ends. */
  titleEnd: number;
  /** Offset in the body where the source starts. */
  sourceStart: number;
  /** A sentence end (where the biomedical journal patterns may be tried). */
  sentence: boolean;
  /** A comma (titles end at commas only in comma-separated styles). */
  comma?: boolean;
}

interface Reading {
  cut: Cut;
  source: Source | null;
  journal: JournalSource | null;
  score: number;
}

function journalReading(rest: string): JournalSource | null {
  const source = readSource(rest.trim());
  // "In The Best Short Stories …" is a book's title, never a journal's; "Köln: Oldenbourg" a place and a publisher.
  if (!source || /^(?:in|en|im)\s/i.test(source.journal) || (source.journal.includes(':') && classifySegment(source.journal).kind === 'place-publisher')) return null;
  // A note on the issue is no part of the journal's name ("Special Issue, Culture and Critique 54(3)", "Rangifer Special Issue 16").
  const words = referenceWords();
  const lead = wordPattern('statusNote', source.journal).exec(source.journal);
  if (lead && /^,\s\p{Lu}/u.test(source.journal.slice(lead[0].length))) source.journal = source.journal.slice(lead[0].length + 2);
  const lower = source.journal.toLowerCase();
  // A loop, not a callback over `lower`: a closure made per call is optimised again after each full collection (BENCHMARKS.md, change 64).
  const notes = words.data.statusNotes;
  for (let k = 0; k < notes.length; k++) {
    const note = notes[k]!;
    if (source.journal.length > note.length + 3 && lower.endsWith(` ${note}`)) {
      if (note) source.journal = source.journal.slice(0, -note.length - 1);
      break;
    }
  }
  return source;
}

function readAt(body: string, cut: Cut, quoted = false): Reading {
  const rest = body.slice(cut.sourceStart);
  const journal = cut.sentence ? journalReading(rest) : null;
  if (journal && journal.journal && (journal.volume || journal.page)) return { cut, source: null, journal, score: 5 };
  const source = readSourceText(rest, quoted);
  return { cut, source, journal: null, score: source.score };
}

/**
 * The possible ends of a title in `body`, in order: sentence ends, commas, brackets, "In".
 * Exported for tests/refs/cuts.test.ts, which compares it with its definition before issue 17's cuts.
 */
export function cuts(body: string): Cut[] {
  // (See `parseGeneral` for how a cut is chosen.)
  const out: Cut[] = [];
  const seen = new Map<number, Cut>();
  const push = (titleEnd: number, sourceStart: number, sentence: boolean, comma: boolean) => {
    if (titleEnd <= 1 || sourceStart >= body.length) return;
    const known = seen.get(sourceStart);
    // (". In: …" is both a sentence end and an "In": a sentence end.)
    if (known) known.sentence ||= sentence;
    else {
      const cut = { titleEnd, sourceStart, sentence, comma };
      seen.set(sourceStart, cut);
      out.push(cut);
    }
  };
  // (Every entry with all five fields, one shape for the sort's comparisons.)
  const found: { at: number; titleEnd: number; sourceStart: number; sentence: boolean; comma: boolean }[] = [];
  for (const e of sentenceEnds(body)) found.push({ at: e, titleEnd: e - 1, sourceStart: e, sentence: true, comma: false });
  // Top-level commas, and brackets that open a source ("Title (New York: Norton, 1995)", "Title [DVD]").
  for (const end of commaPieceEnds(body)) found.push({ at: end, titleEnd: end - 1, sourceStart: end + 1, sentence: false, comma: true });
  // A bracketed group that stands alone as a part (closed, then punctuation or the end).
  // (White space before "(" or "[": each bracket found by `indexOf`, in order, where `/\s(?=[([])/gu` tried every offset.)
  for (let round = body.indexOf('(', 1), square = body.indexOf('[', 1); round !== -1 || square !== -1; ) {
    const opener = square === -1 || (round !== -1 && round < square) ? round : square;
    if (opener === round) round = body.indexOf('(', round + 1);
    else square = body.indexOf('[', square + 1);
    const at = opener - 1;
    if (!isSpaceUnit(body.charCodeAt(at))) continue;
    const close = body[opener] === '(' ? ')' : ']';
    const end = body.indexOf(close, at + 2);
    if (end !== -1 && end - at <= 200 && /^(?:[.,;:]|\s?$|\s[([])/.test(body.slice(end + 1, end + 3))) found.push({ at, titleEnd: at - 1, sourceStart: at + 1, sentence: false, comma: false });
  }
  // A full stop inside a closing emphasis mark ("*Oeuvres de Buffon.* Paris", "<i>Mus musculus.</i> Mammal Notes 9"): the title ends after the mark.
  const emphasisEnd = /[.?!](?:\*{1,2}|\||<\/[a-z]{1,8}>)(?=\s)/g;
  for (let m = emphasisEnd.exec(body); m; m = emphasisEnd.exec(body)) found.push({ at: m.index + 1, titleEnd: m.index + m[0].length - 1, sourceStart: m.index + m[0].length, sentence: true, comma: false });
  // Elsevier's copied lists join title and journal with a space: "… type 2 diabetes Diabetes Educ., 36 (2010), pp. 629-639".
  // (It needs ".,".)
  const joinedJournal = joinedJournalAt(body);
  joinedJournal.lastIndex = 0;
  for (let m = body.includes('.,') ? joinedJournal.exec(body) : null; m; m = joinedJournal.exec(body)) found.push({ at: m.index, titleEnd: m.index - 1, sourceStart: m.index + 1, sentence: true, comma: false });
  // A part's number alone after a sentence ends the title with it ("Fourier integral operators. II. Acta Mathematica").
  const partNumber = partNumberAt(body);
  partNumber.lastIndex = 0;
  for (let m = partNumber.exec(body); m; m = partNumber.exec(body)) found.push({ at: m.index + m[0].length - 1, titleEnd: m.index + m[0].length - 2, sourceStart: m.index + m[0].length - 1, sentence: true, comma: false });
  // A title may end in a capital letter ("hepatitis C. Vaccine 2008", "at 113 K. Acta Crystallogr C") or a
  // Roman number ("mucopolysaccharidosis type II. Br J Pharmacol"): a sentence end after a word or a number.
  // (Full stop first: tried only at full stops.)
  const letterEnd = letterEndAt(body);
  letterEnd.lastIndex = 0;
  for (let m = letterEnd.exec(body); m; m = letterEnd.exec(body)) found.push({ at: m.index + 1, titleEnd: m.index, sourceStart: m.index + 2, sentence: true, comma: false });
  // " In " / ", in " starts a container wherever it stands.
  for (const at of inWordStarts(body)) found.push({ at, titleEnd: at - 1, sourceStart: at + (body[at] === ',' || body[at] === '.' ? 1 : 0), sentence: false, comma: false });
  found.sort((a, b) => a.at - b.at || a.sourceStart - b.sourceStart || (a.sentence ? -1 : 1));
  for (const f of found) push(f.titleEnd, f.sourceStart, f.sentence, f.comma);
  return out.slice(0, 48);
}

// Where cuts() finds its ends, each in the form its text needs (src/refs/latin1.ts: issue 17, start-up;
// global: cuts() starts each at 0; `inWordAt` sticky, tried where `inWordStarts` says). What each finds is said where it is read.
const joinedJournalAt = latin1Pattern(() => /(?<=\p{Ll})\s(?=(?:\p{Lu}\p{L}*\.?\s){0,3}\p{Lu}\p{L}*\.,\s\d{1,4}\s\((?:1[5-9]|20)\d{2}\))/gu);
const partNumberAt = latin1Pattern(() => /\.\s[IVX]{1,4}\.\s(?=\p{Lu})/gu);
const letterEndAt = latin1Pattern(() => /\.(?<=(?:\p{Ll}{3,}|\d)\s(?:\p{Lu}|[IVX]{2,4})\.)\s(?=\p{Lu})/gu);
const inWordAt = latin1Pattern(() => /[,.]\s(?=(?:In|in)[:\s]\s?[\p{Lu}\d])|\s(?=In:\s)/uy);

/**
 * Where `/[,.]\s(?=(?:In|in)[:\s]\s?[\p{Lu}\d])|\s(?=In:\s)/gu` matches in `body`, in order, as its
 * `exec` loop finds them: the same pattern, sticky, tried only where a match can start — an "I" or
 * "i" then an "n" two or three units on (found by `indexOf`), not at every offset (issue 17).
 * Exported for tests/refs/general.test.ts, which compares it with the global pattern.
 */
export function inWordStarts(body: string): number[] {
  const starts: number[] = [];
  const pattern = inWordAt(body);
  // (The first offset the global pattern would search from: after the last match.)
  let next = 0;
  for (let n = body.indexOf('n', 1); n !== -1; n = body.indexOf('n', n + 1)) {
    const before = body.charCodeAt(n - 1);
    if (before !== 0x49 && before !== 0x69) continue;
    // (", in X" starts 3 units before its "n", " In: X" 2.)
    for (let at = Math.max(n - 3, next); at <= n - 2; at++) {
      pattern.lastIndex = at;
      const m = pattern.exec(body);
      if (m) {
        starts.push(at);
        next = at + m[0].length;
        break;
      }
    }
  }
  return starts;
}
// A citation number left before the title ("14. Drug insight: …").
const numberBeforeTitle = latin1Pattern(() => /^\d{1,3}\.\s+(?=\p{Lu})/u);

function cleanTitle(text: string): string {
  // A citation number left before the title ("14. Drug insight: …").
  const tidied = tidy(text);
  // (Each pattern below is asked only of a title that opens or closes as its matches do: one a title rules out is
  // never compiled. Issue 17: start-up.)
  const title = opensWithOneOf(tidied, DIGITS) ? tidied.replace(numberBeforeTitle(tidied), '') : tidied;
  // (Quotation marks around the whole title go; a quotation that opens a longer one keeps them: "\"Je voudrais …\" - Carnet de route …".)
  const quotationFirst = opensWithOneOf(title, '"“«„') && /^["“«„][^"”»]+["”»]\s[-–—]\s/u.test(title);
  const unquoted = quotationFirst || !(opensWithOneOf(title, '"“«‘„') || closesWithOneOf(title, '"”»’“')) ? title : title.replace(/^["“«‘„]+|["”»’“]+$/gu, '');
  // Emphasis marks around the whole title ("*Oeuvres de Buffon.*", "|Mus musculus.|") go.
  const plain = (opensWithOneOf(unquoted, '*|') ? unquoted.replace(/^(\*{1,2}|\|)([^*|]+)\1$/u, '$2') : unquoted).replace(/[.,;:]+$/, '');
  return (closesWithOneOf(plain, '"”»') ? plain.replace(/\s?["”»]$/u, '') : plain).trim();
}

/**
 * A genre the title carries in brackets at its end, as NLM writes a thesis ("Cell therapy for
 * knee cartilage [dissertation]. Baltimore (MD): …", "[master's thesis]"): the item is a thesis,
 * the bracket its genre and no part of its title.
 */
export function takeBracketedGenre(csl: CslItem): void {
  const m = csl.title?.endsWith(']') ? /\s?\[([^\[\]]{4,40})\]$/u.exec(csl.title) : null;
  if (!m) return;
  const words = referenceWords();
  words.thesis.lastIndex = 0;
  const genre = words.thesis.exec(m[1]!);
  if (!genre || genre[0].length !== m[1]!.trim().length) return;
  csl.title = csl.title!.slice(0, m.index).trim();
  csl.genre ??= m[1]!.trim();
  csl.type = 'thesis';
}

/** Fills the item from a reading of its source. */
function applySource(csl: CslItem, source: Source): void {
  // (Quotation marks around the whole name go: "in ‘Merging Processes of Galaxy Clusters’, eds. …".)
  if (source.container) csl['container-title'] = opensWithOneOf(source.container, '‘“"«') ? source.container.replace(/^[‘“"«]([^‘“"«’”»]+)[’”"»]$/u, '$1') : source.container;
  if (source.volume) csl.volume = source.volume;
  if (source.issue) csl.issue = source.issue;
  if (source.page) csl.page = source.page;
  if (source.publisher) csl.publisher = stripBrackets(source.publisher);
  // (Brackets that wrap the place go, "(London)"; a region in brackets stays: NLM's "Baltimore (MD)".)
  if (source.place) csl['publisher-place'] = source.place.replace(/^\((.*)\)$/, '$1');
  if (source.edition) csl.edition = source.edition;
  if (source.genre) csl.genre = source.genre;
  if (source.series) csl['collection-title'] = source.series.replace(/\.$/, '');
  if (source.number) csl.number = source.number;
  if (source.volumes) csl['number-of-volumes'] = source.volumes;
  if (source.pages) csl['number-of-pages'] = source.pages;
  if (source.editors?.length && !csl.editor) csl.editor = source.editors;
  if (source.translators?.length) csl.translator = source.translators;
  const date = cslDate(source.year, source.month, source.day);
  if (date && !csl.issued) csl.issued = date;
}

function applyJournal(csl: CslItem, source: JournalSource): void {
  csl['container-title'] = source.journal;
  const date = cslDate(source.year, source.month, source.day);
  if (date && !csl.issued) csl.issued = date;
  if (source.volume) csl.volume = source.volume;
  if (source.issue) csl.issue = source.issue;
  if (source.page) csl.page = source.page;
}

// Parts that belong to a source and never to a title: a title that would hold one ran on.
const sourceKinds = new Set(['editors', 'translators', 'edition', 'place-publisher', 'publisher']);

/** True for a part of a source that a title would not hold. */
function isSourcePart(part: Segment): boolean {
  if (sourceKinds.has(part.kind) || isLabelledNumbers(part) || isExtentOrContributors(part)) return true;
  // "In Proceedings …" ("in Alzheimer's disease" may be the title's); a genre alone or numbered
  // ("PhD thesis", "Technical Report TR93-3"; not "Report from the European Association …").
  if (part.kind === 'in') return /^In\b/.test(part.text);
  return part.kind === 'genre' && (part.fields.number !== undefined || part.text.replace(/[.,]$/, '').length <= (part.fields.genre?.length ?? 0) + 4);
}

/** How many parts of the whole body (its first part aside) that read as a source start inside a title ending at `titleEnd`. */
function sourcePartsIn(parts: Segment[], titleEnd: number): number {
  let n = 0;
  // (A part the title would end inside counts too: "… Translated by T. Whitney and H" ran on.)
  for (let k = 1; k < parts.length && parts[k]!.start < titleEnd; k++) {
    const part = parts[k]!;
    if (isSourcePart(part)) n++;
  }
  return n;
}

/** A newspaper's section page as styles write it after the paper's name: "A1", "B12", "D3". */
const sectionPage = /^[A-Z]\d{1,3}$/;

/**
 * Retypes a journal's article read by the general reader as a newspaper's where it has the shape
 * every style gives one (APA's "(2023, March 5). Title. The New York Times, A1.", Chicago's "New York
 * Times, May 28, 2013.", "The Guardian, 31 January 2017"): dated to the day, without a volume or an
 * issue (a section page such as "A1" is read as a volume first, and becomes the page), without an
 * editor (a collection's), and with none of a journal's marks: a DOI, a PMID or a periodical's word
 * ("Journal", "Review", "Bulletin" …) — a journal's article dated to the day ahead of its volume stays
 * a journal's. Called once the identifiers are known.
 */
export function typeNewspaper(csl: CslItem, ids: Pick<Identifiers, 'DOI' | 'PMID'>): void {
  const container = csl['container-title'];
  if (csl.type !== 'article-journal' || container === undefined || csl.issued?.['date-parts']?.[0]?.[2] === undefined) return;
  if (csl.issue !== undefined || csl.editor !== undefined || ids.DOI !== undefined || ids.PMID !== undefined) return;
  if (csl.volume !== undefined && (csl.page !== undefined || !sectionPage.test(String(csl.volume)))) return;
  if (containerHas(container, referenceWords().periodicalWords)) return;
  csl.type = 'article-newspaper';
  if (csl.volume !== undefined) {
    csl.page = String(csl.volume);
    delete csl.volume;
  }
}

/** Whether a word of the container's name is one of `words` (keys as {@link phraseKey} makes them). */
function containerHas(container: string, words: ReadonlySet<string>): boolean {
  return container.split(/[\s.,()]+/).some((w) => words.has(phraseKey(w)));
}

/** The CSL type the source's shape gives. */
function typeOf(csl: CslItem, source: Source | null): string {
  if (!source) return 'article-journal';
  const words = referenceWords();
  const container = csl['container-title'] ?? '';
  const proceedings = containerHas(container, words.proceedingsWords);
  if (source.genreKind === 'thesis') return 'thesis';
  if (source.genreKind === 'report') return 'report';
  if (source.inContainer) return proceedings ? 'paper-conference' : 'chapter';
  if (container) {
    if (proceedings) return 'paper-conference';
    if (csl.publisher && !csl.volume && !csl.issue) return 'chapter';
    if (containerHas(container, words.blogWords)) return 'post-weblog';
    return 'article-journal';
  }
  if (csl.publisher || csl['publisher-place']) return 'book';
  return 'article-journal';
}

// Shapes the code below reads, each in the form its text needs (src/refs/latin1.ts: issue 17, start-up).
const abbreviationBeforeStop = latin1Pattern(() => /(?:^|,\s)(\p{Lu}\p{Ll}{0,6})\.$/u);
const abbreviatedSourceStart = latin1Pattern(() => /^\s\p{Lu}\p{Ll}{1,7}\.[,\s]/u);
const romanThenCapital = latin1Pattern(() => /^\s?[IVX]{1,4}\.\s\p{Lu}/u);

/** A title end's reading, scored: how plainly the rest reads as a source and the title as a title. */
function scoreCut(text: string, parts: () => Segment[], cut: Cut, commaStyle: boolean, toBeat: number): Reading {
  const reading = readAt(text, cut);
  // (A date alone after the comma ends a title in any style: "…, user's guide, 1997.")
  // (So does a date first, whatever follows it: "…, 1976, New York: Wiley", "…, (1994, March). Magazine, 41(3)".)
  const dateOnly = isDateOnly(reading.source?.segments[0]);
  // (A journal with its numbers outweighs the style's guess: "…Interface, IEEE Transactions on Graphics, 5 (3), 211-243";
  // so does a part that never belongs to a title: "Sense and Sensibility, 2 vols.", "…, trans. D. W. Robertson".)
  const first = reading.source?.segments.find((x) => !isDateOnly(x));
  if (cut.comma && !commaStyle && !dateOnly) reading.score -= reading.score >= 3 || (first && isSourcePart(first)) ? 1 : 2;
  // In styles that end the authors with a full stop, the title ends at one too, other things equal.
  if (cut.sentence && !commaStyle) reading.score += 1;
  // A known abbreviation alone after a comma is the source's first word, not the title's last: "…, Phys. Rev. Lett. 96",
  // "…, Proc. SPIE, 1808" (the full stop is the abbreviation's).
  const abbreviation = cut.sentence ? execIn(abbreviationBeforeStop, text.slice(0, cut.titleEnd + 1)) : null;
  // (Or a short word before another abbreviation: "…, Clim. Dynam., 22, 597-603".)
  if (abbreviation && (referenceWords().abbreviations.has(abbreviation[1]!) || testIn(abbreviatedSourceStart, text.slice(cut.sourceStart, cut.sourceStart + 12)))) reading.score -= 6;
  // Nor does a source open with a part's number alone ("… operators. | II. Acta Mathematica"): the title holds it.
  if (testIn(romanThenCapital, text.slice(cut.sourceStart))) reading.score -= 3;
  // A title that holds a part of a source ran on (counted only when the reading could win: it costs a segmentation).
  // (A title of one part — no separator in it — holds none.)
  if ((reading.score > toBeat || reading.score >= 5) && /[,;.([]\s?\S/u.test(text.slice(0, cut.titleEnd))) reading.score -= 2 * sourcePartsIn(parts(), cut.titleEnd);
  return reading;
}

/**
 * The longest rest after a title that is read as its source, in characters. A source is short:
 * the longest one read on the labelled sets (5,141 strings) has 408 characters and 20
 * separators. Every reading segments its whole rest, so reading a rest of any length at each of
 * 48 cuts cost 48 times the string ("a, a, a, …" of 1,950 characters took 200 ms); a cut that
 * leaves a rest past twice these is not read.
 */
export const maxSourceLength = 800;
const maxSourceSeparators = 40;
const sourceSeparator = lazyPattern(() => /[,;]|[.:]\s/g);

/** For each cut, whether the rest after it is short enough to be a source (one pass over the text). */
function shortRest(text: string): (cut: Cut) => boolean {
  const separators: number[] = [];
  const separator = sourceSeparator();
  separator.lastIndex = 0;
  for (let m = separator.exec(text); m; m = separator.exec(text)) separators.push(m.index);
  return (cut) => {
    if (text.length - cut.sourceStart > maxSourceLength) return false;
    // (How many separators stand at or after the rest's start: a binary search in the sorted offsets.)
    let lo = 0;
    let hi = separators.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (separators[mid]! < cut.sourceStart) lo = mid + 1;
      else hi = mid;
    }
    return separators.length - lo <= maxSourceSeparators;
  };
}

/**
 * The title's end: the first of the best-scored cuts (a plain reading ends the search). Cuts
 * whose rest is too long to be a source are not read (on the labelled sets the chosen cut is
 * always read, so every result stays as it was); if none is read the reference has no source.
 */
function bestCut(text: string, commaStyle: boolean): Reading | null {
  let segments: Segment[] | null = null;
  const parts = () => (segments ??= segmentSource(text));
  const readable = shortRest(text);
  let best: Reading | null = null;
  for (const cut of cuts(text)) {
    if (!readable(cut)) continue;
    const reading = scoreCut(text, parts, cut, commaStyle, best?.score ?? -Infinity);
    if (!best || reading.score > best.score) best = reading;
    if (reading.score >= 5) break;
  }
  return best;
}

// A year in brackets inside a title, after a word: where a second reference's authors may end ("… London Jandt JM, Huang E (2009) Weak …").
const bracketedYear = lazyPattern(() => /\s\((?:1[5-9]|20)\d{2}[a-z]?\)/gu);

// Shapes the code below reads, each in the form its text needs (src/refs/latin1.ts: issue 17, start-up).
const lowerStart = latin1Pattern(() => /^\p{Ll}/u);

/**
 * Where a second reference starts inside what was read as a title, or -1. Two references copied
 * as one string ("Title one. Wiley, Chichester Møller AR (1977) Title two. J Acoust Soc Am
 * 62:135-142", "… Oxford University Press. Lack, D. (1947). Title two. Ibis, 89, 302-352.")
 * end in the second one's source, which the source reader takes; the second's head is its
 * authors right before a year in brackets. The head chosen is the last one; its names carry
 * initials and its first family is one word (particles aside), so a place or a publisher before
 * it ("Wiley, Chichester", "West Sussex de Moraes GJ") is not taken for a name.
 */
function laterReferenceHead(title: string): number {
  let year: RegExpExecArray | null = null;
  // (Only a title holding a bracket: the pattern is not compiled for the rest. Issue 17: start-up.)
  if (!title.includes('(')) return -1;
  bracketedYear().lastIndex = 0;
  for (let m = bracketedYear().exec(title); m; m = bracketedYear().exec(title)) year = m;
  if (!year) return -1;
  const yearAt = year.index;
  const words = /\s(?=\p{Lu}|(?:van|von|de|der|den|del|della|di|da|du|la|le|ten|ter)\s)/gu;
  words.lastIndex = Math.max(0, yearAt - 400);
  for (let m = words.exec(title); m && m.index < yearAt; m = words.exec(title)) {
    const at = m.index + 1;
    // (A head needs something before it: a title of its own.)
    if (at < 12) continue;
    const list = scanAuthors(title.slice(at));
    // (Initials after each family, as the author-date styles that glue references write them: "Hale MK", "Kemp, D. R.".)
    if (!list || list.role !== 'author' || (list.shape !== 'vancouver' && list.shape !== 'family-initials') || at + list.end < yearAt || at + list.end > yearAt + 1) continue;
    const family = (list.names[0]?.family ?? '').split(' ').filter((w) => !lowerStart(w).test(w) && !isParticle(w));
    if (family.length === 1) return at;
  }
  return -1;
}

// Shapes the code below reads, each in the form its text needs (src/refs/latin1.ts: issue 17, start-up).
const inBeforeCapital = latin1Pattern(() => /^In:?\s(?=\p{Lu})/u);
const inBeforeName = latin1Pattern(() => /^in\s(?=[\p{Lu}‘“"])/u);
const sourceAfterTitle = latin1Pattern(() => /^(?:\s?:|\s(?!in\b|en\b|im\b)\p{Ll}|\s[-–—]\s)/u);
const abbreviatedWord = latin1Pattern(() => /^(?:\p{Lu}[\p{L}]*\.|\p{Lu}[\p{L}]{0,4}|[A-Z]{2,}[a-z]?|[A-Z]{1,3}&[A-Z]{1,3}|of|and|&)$/u);
const capitalStart = latin1Pattern(() => /^\p{Lu}/u);

// A dash between the areas of an ISBD source (". – 2006. – Vol. 126"), with the full stop before it; and the
// brackets a statement of responsibility shortens its list with ("[et al.]", "[и др.]").
// (No u or i flag: each holds no class a flag would change, and V8 checks a literal's classes as it parses it.)
const areaDash = lazyPattern(() => /(\.?)\s[-–—]\s/g);
const bracketedEtAl = lazyPattern(() => /\s?\[(?:et al\.?|и др\.?|і ін\.?)\]/g);

/**
 * GOST 7.1's (and ISBD's) article, as Russian, Ukrainian and Belarusian journals list works in any language:
 * "[Family, I. O.] Title / I. O. Family, I. O. Family [et al.] // Journal. – Year. – Vol. v, N n. – P. p–p." —
 * " // " parts the work from the journal it is in, " / " the title from its authors, and dashes part the journal's
 * areas (older lists write full stops alone: "Title // Journal. 2005. Vol. 436. P. 939–945."). The general
 * cuts read the authors, the " // " and the journal's name into the title; here the title ends at the first mark, the
 * authors after " / " are read where none led the string, and the source is read with its dashes as commas.
 * Says whether the journal's part read as a source.
 */
function readIsbdArticle(text: string, csl: CslItem): boolean {
  const at = text.indexOf(' // ');
  const head = text.slice(0, at);
  // (A dash after a full stop is a space, after none a comma: "Hum. Reprod. - 1986" keeps the abbreviation's full stop.)
  const source = readSourceText(text.slice(at + 4).replace(areaDash(), (_dash, stop: string) => (stop ? '. ' : ', ')));
  if (!source.container || (!source.year && !source.volume && !source.page)) return false;
  // (The " // " says a host follows: a name with labelled numbers after it ("Vol. 64", "Т. 53", "С. 156-164") is
  // its journal, though a Russian journal writes its name in sentence case — "Клеточные технологии в биологии и
  // медицине", prose by its lower-case words — or abbreviations cut it in parts: "Microbiol. Mol. Biol. Rev.")
  if (source.score < 2 && !source.segments.some(isLabelledNumbers)) return false;
  const slash = head.lastIndexOf(' / ');
  const title = cleanTitle(slash > 0 ? head.slice(0, slash) : head);
  if (title.length < 3) return false;
  if (slash > 0 && !csl.editor) {
    // (The statement names every author; a heading before the title names the first alone: "Moreau, P. Title / P. Moreau, S. Okoye".)
    const names = parseAuthors(head.slice(slash + 3).replace(bracketedEtAl(), ''), true);
    const heading = csl.author;
    if (names.length > 0 && (!heading || (names.length > heading.length && names[0]!.family === heading[0]!.family))) csl.author = names;
  }
  csl.title = title;
  applySource(csl, source);
  csl.type = 'article-journal';
  return true;
}

// "Title. , 2010, Journal." / "Title , 2001, Journal. Part C, Subtitle." / "Title , 2022 .": the title, a space, then the year
// and the venue as comma pieces — the space before the comma is the form's own mark (no style writes one), the venue
// is whatever follows the year, full stops and commas included.
const runOnYear = lazyPattern(() => /^(?<title>.+?)\s,\s(?<year>(?:1[5-9]|20)\d{2})(?:,\s(?<venue>.+?))?\s?\.?$/s);

/**
 * Semantic Scholar's form after its authors ("R. Tuan,et al.  Title. , 2010, Birth defects research. Part C, …"):
 * fills the title, the year and the venue as the container, and says whether the text had the form.
 */
function readRunOnYear(text: string, csl: CslItem): boolean {
  const m = runOnYear().exec(text);
  if (!m?.groups) return false;
  const title = cleanTitle(m.groups.title!);
  if (title.length < 3) return false;
  csl.title = title;
  csl.issued = cslDate(Number(m.groups.year))!;
  const venue = m.groups.venue ? tidy(m.groups.venue) : '';
  if (venue) csl['container-title'] = venue;
  csl.type = venue && containerHas(venue, referenceWords().proceedingsWords) ? 'paper-conference' : 'article-journal';
  return true;
}

/**
 * Parses a reference in a Latin-script style. Returns the text it could not place, or null when
 * it found no title.
 */
export function parseGeneral(core: string, csl: CslItem): { unplaced: string[] } | null {
  let text = opensWithOneOf(core, CITATION_NUMBER_OPENINGS, true) ? core.replace(citationNumber(core), '') : core;
  // A chapter copied without its own authors and title: "In Wrobel, S. (Ed.), Proceedings of …": the editors lead.
  const inLead = inBeforeCapital(text).exec(text);
  if (inLead && scanAuthors(text.slice(inLead[0].length))?.role === 'editor') text = text.slice(inLead[0].length);
  let pos = 0;
  const dittoMark = opensWithOneOf(text, '-—–_') ? ditto().exec(text) : null;
  // Styles that separate authors from the title by a comma end the title at a comma too.
  let commaStyle = false;
  if (dittoMark) pos = dittoMark[0].length;
  // A title in quotation marks opening the reference (Wikipedia's anonymous citations: "\"Appendix E: Stem Cell
  // Markers\". Stem Cell Information. …") names no author: its first words are no "Family I:" of BMC's.
  if (!dittoMark && !opensWithOneOf(text, '"“', false)) {
    const people = scanAuthors(text);
    const organisation = scanOrganisation(text);
    // An organisation's name that reads as names ("American Bar Association" as given "American Bar").
    let list = organisation && (!people || people.end <= organisation.end) ? organisation : people;
    // A list the scanner left early on a name it could not read ("Sauer J, ffytche DH, …: Title").
    const loose = list?.shape === 'given-family' && list.names[0]?.literal ? null : looseAuthorEnd(text, list?.end ?? 0);
    if (loose && (!list || loose.names.length > list.names.length)) list = { names: loose.names, role: list?.role ?? 'author', end: loose.end, shape: list?.shape ?? 'vancouver' };
    // "The Arrival. Dir. David Twohy." / "A Civil Action. Dir. …" / "Ghost Stories. Ed. Peter Lind.": a role right after one
    // given-first "name" (no initial with a full stop) makes it a title.
    if (list?.names.length === 1 && (list.shape === 'given-family' || (list.shape === 'initials-family' && !list.names[0]!.given?.includes('.'))) && /^\.\s/.test(text.slice(list.end)) && opensWithRole(text.slice(list.end + 2))) list = null;
    if (list && list.names.length > 0) {
      if (list.role === 'editor') csl.editor = list.names;
      else csl.author = list.names;
      pos = list.end;
      commaStyle = opensWithOneOf(text.slice(pos), ',', true) && /^\s?,\s/.test(text.slice(pos));
    } else {
      // An organisation as author: "World Health Organization." / "U.S. Department of Transportation. (2007)."
      const org = /^(?<name>[^.,:;()"“]{3,120}?)(?:\.\s|\s?\((?=(?:1[5-9]|20)\d{2}))/u.exec(text);
      // Any name right before the date, as author-date styles write them ("Alliance for Excellent Education. (2007).",
      // "INSEE, 2009, Title"), or one word alone as its own sentence ("Homer. The Iliad", "Ovid. Metamorphoseon").
      // (A name, not a title moved first: its words are capitalised but the small ones — "Good chemistry. (1996)" is a title.)
      const named = authorBeforeDate(text).exec(text);
      const dated = (named?.groups && named.groups.name!.split(/\s+/).every((w) => !lowerStart(w).test(w) || /^(?:of|and|for|the|on|in|de|du|des|la|le|et|y|und|für|&)$/.test(w)) ? named : null) ?? soleName(text).exec(text);
      if (org?.groups && isOrganisation(org.groups.name!) && capitalStart(org.groups.name!).test(org.groups.name!)) {
        csl.author = [{ literal: org.groups.name!.trim() }];
        pos = org.groups.name!.length;
      } else if (dated?.groups) {
        csl.author = [{ literal: dated.groups.name!.trim() }];
        pos = dated.groups.name!.length;
      }
    }
  }
  // The date right after the authors (Harvard, APA, Rockefeller).
  const date = execIn(dateAfterAuthors, text.slice(pos));
  if (date?.groups && (date.groups.year || date.groups.bare)) {
    const year = Number(date.groups.year ?? date.groups.bare);
    // The month before the year ("(December 1998)") or the month and day after it ("(2019, March 5)", APA's news and web pages).
    const after = date.groups.tail ? /^(?<name>[A-Za-z]+)\.?(?:\s(?<day>\d{1,2})(?![\d:]))?/.exec(date.groups.tail)?.groups : undefined;
    const monthName = date.groups.m1 ?? after?.name;
    const month = monthName ? referenceWords().months.get(monthName.replace(/\.$/, '').toLowerCase()) : undefined;
    const day = month !== undefined && after?.day && Number(after.day) <= 31 ? Number(after.day) : undefined;
    csl.issued = cslDate(year, month, day)!;
    pos += date[0].length;
    // "Habermas, Juergen (1995), Title, …": a comma after the date separates the parts too.
    if (/,\s?$/.test(date[0])) commaStyle = true;
  } else if (date) pos += date[0].length;
  text = text.slice(pos).replace(/^[\s.,:;]+/, '');
  if (!text) return csl.author || csl.editor ? { unplaced: [] } : null;

  // GOST 7.1's article ("Title / A. B. Family [et al.] // Journal. – 2006. – Vol. 126, N 4. – P. 663–676."): read by its marks.
  if (text.includes(' // ') && readIsbdArticle(text, csl)) return { unplaced: [] };

  // No title, the container right after the date, as astronomy cites a chapter ("Arnaud, K.A., 1996, in Astronomical Data
  // Analysis Software and Systems V, eds. …, p17"): the whole reads as the source.
  if ((csl.author || csl.editor) && csl.issued && inBeforeName(text).test(text)) {
    const source = readSourceText(text);
    if (source.container && source.score >= 2) {
      applySource(csl, source);
      csl.type = typeOf(csl, source);
      return { unplaced: source.unplaced };
    }
  }
  // A quoted title: "Title," / “Title.” / « Title » / ``Title''.
  const open = opensWithOneOf(text, '"“«‘„`\'', true) ? quoteOpen().exec(text) : null;
  if (open) {
    const mark = open[0].trim();
    const inner = text.slice(open[0].length);
    const end = closingQuote(inner, mark);
    // The quotation is the title only when it ends there ("Title," Journal / "Title." Journal), not
    // when the title goes on after it ("\"Near-miss\" obstetric events…", "''I only…'': The need…").
    const after = inner.slice(end.at + end.length, end.at + end.length + 3);
    // (A comma or full stop inside the closing quote ends the title whatever follows: "“Title,” preprint (1987)".)
    // (Nor when a dash joins a subtitle to it: "\"Je voudrais …\" - Carnet de route …".)
    if (end.at > 3 && (/[,.]$/.test(inner.slice(0, end.at)) || !sourceAfterTitle(after).test(after))) {
      csl.title = cleanTitle(inner.slice(0, end.at));
      const rest = inner.slice(end.at + end.length).replace(/^[\s.,:;]+/, '');
      if (rest) {
        const reading = readAt(rest, { titleEnd: 0, sourceStart: 0, sentence: true }, true);
        if (reading.journal) applyJournal(csl, reading.journal);
        else if (reading.source) applySource(csl, reading.source);
        csl.type = typeOf(csl, reading.source);
        return { unplaced: reading.source?.unplaced ?? [] };
      }
      csl.type = 'article-journal';
      return { unplaced: [] };
    }
  }

  // Semantic Scholar's listing as its mirrors copy it, read before any cut is scored (the cuts end a title at a full stop
  // and read "Title , 2001, Journal." as one title): `runOnYear`.
  if (text.includes(' , ') && readRunOnYear(text, csl)) return { unplaced: [] };

  // No title at all, as physics and astronomy cite ("Nucl. Phys. B 193 (1981) 150", "ApJ, 607, 200"):
  // a short journal name right after the authors, then its numbers.
  // (A cheap look first: a digit within a few short words of the start.)
  const whole = (csl.author || csl.editor) && /^(?:[^\s\d]+\s){0,6}\(?[A-Z]?\d/u.test(text.slice(0, 80)) ? readSourceText(text) : null;
  const segments = whole?.segments ?? [];
  const firstNumbers = segments.findIndex((s) => s.kind !== 'text');
  const second = segments[firstNumbers];
  if (whole && firstNumbers > 0 && firstNumbers <= 4 && second && (second.kind === 'numbers' || second.kind === 'date') && whole.container && whole.unplaced.length === 0) {
    const words = whole.container.split(/\s+/);
    // Every word abbreviated: "Nucl. Phys. B", "ApJ", "Phys. Rev. Lett.", "JHEP", "Int. J. Mod. Phys.", "A&A"
    // (Or capitalised words with one abbreviation among them at least: "Opt. Express", "Clim. Dynam.".)
    const abbreviated = words.length <= 6 && (words.every((w) => abbreviatedWord(w).test(w)) || (words.length <= 4 && words.some((w) => /^\p{Lu}\p{Ll}{0,5}\.$/u.test(w)) && words.every((w) => /^\p{Lu}[\p{L}]*\.?$/u.test(w))));
    if (abbreviated && (whole.volume || whole.page)) {
      applySource(csl, whole);
      csl.type = 'article-journal';
      return { unplaced: [] };
    }
  }

  // An unquoted title: the first cut after which the rest reads as a source.
  const best = bestCut(text, commaStyle);
  // (A weak reading still stands when the first sentence ends the title and the rest is a name alone, placed whole:
  // "…, and parasitic diseases. Frontiers in Immunology" with its DOI taken away.)
  const plainName = best?.score === 0 && best.cut.sentence && best.cut.sourceStart === sentenceEnds(text)[0] && best.source?.container !== undefined && best.source.unplaced.length === 0 && best.source.segments.length === 1;
  if (best && (best.score > 0 || plainName)) {
    if (best.score > 0) {
      // Two references in one string: the item is the second, whose source was read.
      const head = laterReferenceHead(text.slice(0, best.cut.titleEnd + 1));
      if (head > 0) {
        const start = core.length - text.length + head;
        const second: CslItem = { id: csl.id, type: csl.type };
        const read = parseGeneral(core.slice(start), second);
        if (read && second.title) {
          for (const key of Object.keys(csl)) delete csl[key];
          Object.assign(csl, second);
          return { unplaced: [core.slice(0, start).trim(), ...read.unplaced] };
        }
      }
    }
    csl.title = cleanTitle(text.slice(0, best.cut.titleEnd + 1).trim());
    if (best.journal) applyJournal(csl, best.journal);
    else if (best.source) applySource(csl, best.source);
    csl.type = typeOf(csl, best.source);
    return { unplaced: best.source?.unplaced ?? [] };
  }
  // No source: the first sentence is the title; a year anywhere is the date.
  const [first] = sentenceEnds(text);
  const title = cleanTitle(first ? text.slice(0, first) : text);
  if (title.length < 3) return null;
  csl.title = title;
  if (!csl.issued) {
    const year = /(?<!\d)((?:1[5-9]|20)\d{2})(?!\d)/.exec(text.slice(first ?? 0));
    if (year) csl.issued = cslDate(Number(year[1]))!;
  }
  csl.type = 'article-journal';
  return { unplaced: first ? [text.slice(first).trim()].filter(Boolean) : [] };
}
