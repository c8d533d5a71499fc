import type { CslName } from './csl.js';
import { endsInDottedAbbreviation, foldedKeyCount, phraseKey, guardedPattern, REFERENCE_MEMO_MAX, referenceWords, wordPattern, type PatternName } from './data.js';
import { execIn, latin1Forms, latin1Pattern, testIn } from './latin1.js';
import { isSuffix, scanAuthors } from './names.js';
import { closesWithOneOf, DIGITS, holdsDigit, holdsOneOf, lazyPattern, opensWithOneOf, splitTopLevel, tidyValue, type Span } from './text.js';

/**
 * The part of a reference after its title: where it was published. The text is cut into
 * segments at top-level commas, semicolons and sentence ends (parenthesised groups apart), each
 * segment is classified by what it holds (numbers, a publisher, a place, an editor list, a
 * genre, an access note…), and the segments are read in order: a leading run of plain text is
 * the container (journal, book, proceedings), what follows fills the fields.
 */

/** What a segment holds. */
export type SegmentKind = 'in' | 'numbers' | 'date' | 'place-publisher' | 'publisher' | 'place' | 'editors' | 'translators' | 'edition' | 'genre' | 'series' | 'note' | 'text';

/** One classified segment. */
export interface Segment extends Span {
  kind: SegmentKind;
  /** Fields the segment fills. */
  fields: SourceFields;
  /** Inside parentheses in the string. */
  parenthesised: boolean;
}

/** Fields read from the source. */
export interface SourceFields {
  container?: string;
  volume?: string;
  issue?: string;
  page?: string;
  year?: number;
  month?: number;
  day?: number;
  publisher?: string;
  place?: string;
  editors?: CslName[];
  translators?: CslName[];
  edition?: string;
  genre?: string;
  genreKind?: 'thesis' | 'report';
  number?: string;
  series?: string;
  note?: string;
  /** How many volumes the work has ("2 vols."). */
  volumes?: string;
  /** How many pages the work has ("312 pp."). */
  pages?: string;
  /** A place and publisher read from their shape alone (the place unknown): kept only at the source's end. */
  guessed?: boolean;
}

/** The source as read, with how well it read. */
export interface Source extends SourceFields {
  /** The container was introduced by "In" (a chapter or a paper in proceedings). */
  inContainer: boolean;
  /** How plainly the text reads as a source (used to choose where the title ends). */
  score: number;
  /** Text the reader could not place. */
  unplaced: string[];
  segments: Segment[];
}

const functionWords = new Set(['of', 'and', 'in', 'for', 'the', 'on', 'de', 'et', 'der', 'und', 'la', 'le', 'des', 'du', 'y', 'to', 'a', 'an', 'at', 'di', 'da', 'del', 'della', 'für', 'zur']);
const yearPattern = lazyPattern(() => /^(?:1[5-9]|20)\d{2}$/);
const isYear = (text: string) => yearPattern().test(text);
/** Whether the word pattern `name` (src/refs/data.ts) matches in `text`, read in the form `text` needs. */
const wordTest = (name: PatternName, text: string) => wordPattern(name, text).test(text);

// ——— Numbers ———

// A Roman number up to 399 ("XIV", "LXV", "XLIII"; not "ICCV").
const ROMAN = String.raw`(?=[IVXLC])C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})(?![\p{L}])`;
// Page forms: "1223-1226", "181–97", "e1234", "S12-S14", "A67–A82", "1.1-1.36", "pp. 35-50".
const PAGE = String.raw`[A-Za-z]?\d+(?:\.\d+)?(?:\s?[-–—_]{1,2}\s?[A-Za-z]?\d+(?:\.\d+)?)?[A-Za-z]?`;
const pageOnly = lazyPattern(() => new RegExp(String.raw`^(?:${PAGE})$`, 'u'));
const rangeOnly = lazyPattern(() => /^[A-Za-z]?\d+(?:\.\d+)?\s?[-–—_]{1,2}\s?[A-Za-z]?\d+(?:\.\d+)?$/u);
// "6(1)", "10(12) 1952-1962", "8 (3)", "33(5):8-9", "5(5) 587-616", "44: 58—67", "22:311", "2013;122(2): 179-187",
// "40.1 (January–February 2004): 17" (MLA's volume.issue), "XLIII (January-February, 1965)"
const volumeIssuePages = latin1Forms(
  String.raw`^(?:(?<year>(?:1[5-9]|20)\d{2})\s?;\s?)?(?<volume>[A-Za-z]?\d+[A-Za-z]?(?:[-–/]\d+|\.\d{1,3})?|${ROMAN}(?=\s?[(:]))(?:\s?(?:suppl|supplement|sup)\.?\s?(?<suppl>\d*))?\s?(?:\((?<issue>[^()]{1,24})\))?\s?(?:[:,]\s?|\s)?(?:p{1,2}\.?\s?)?(?<page>${PAGE})?$`,
  'iu',
);
// "50: 3 (2015)", "XIV:4 (1994)": volume, issue, then the date in brackets.
const volumeIssueDate = guardedPattern('volumeIssueDate', latin1Forms(String.raw`^(?<volume>\d{1,4}[A-Za-z]?|${ROMAN})\s?[:,.]\s?(?<issue>\d{1,4}(?:[-–/]\d{1,4})?)\s?\((?<date>[^()]{4,30})\)(?:\s?[:,]\s?(?<page>${PAGE}))?$`, 'u'));
// A date written in numbers only: day.month.year (as German and French references write it) or ISO.
const numericDate = lazyPattern(() => /^(?:\d{1,2}\.\d{1,2}\.(?:1[5-9]|20)\d{2}|(?:1[5-9]|20)\d{2}-\d{1,2}(?:-\d{1,2})?)$/);
// (Each Roman numeral opens with one of these letters: ROMAN's look-ahead.)
const romanAlone = guardedPattern('romanAlone', latin1Forms(String.raw`^(${ROMAN})$`, 'u'));
// "Vol. 4 of Gesammelte Dichtungen", "Vols. 4 and 5 of Obras completas", "volume 17 of Clay Math. Proc.".
const volumeOf = guardedPattern('volumeOf', latin1Pattern(() => /^(?:vols?|volumes?|bd|band|t)\.?\s?(?<volume>\d{1,4}[A-Za-z]?(?:\s?(?:and|&|-|–)\s?\d{1,4})?|[IVXLC]{1,7})\s(?:of|de|di|von)\s(?<series>\p{Lu}.{2,120})$/iu));
// "16. Jg. H.2", "10. Jg.", "5.Jg/Heft 3": German volume (Jahrgang) then issue (Heft).
const germanVolume = guardedPattern('germanVolume', lazyPattern(() => /^(\d{1,4})\.?\s?(?:Jg|Jahrg|Jahrgang)\.?(?:\s?[,/]?\s?(?:H|Heft|Nr)\.?\s?(\d{1,3}))?$/u));
// "chap. 5", "312 pp.", "Suppl. 2" alone; a section of a code of rules ("Chapter 2, Section 12") is no volume either.
const chapterNote = guardedPattern('chapterNote', lazyPattern(() => /^(?:chap|ch|chapter|sect|sec|section)\.?\s?\d+$/i));
const lengthNote = guardedPattern('lengthNote', lazyPattern(() => /^\d+\s?(?:pp|p|pages|S)\.?$/i));
const supplementNote = guardedPattern('supplementNote', lazyPattern(() => /^(?:suppl|supplement|sup)\.?\s?(\w{0,4})$/i));
// "Journal of Electronic Publishing": a periodical's name by its first word.
const periodicalStart = guardedPattern('periodicalStart', lazyPattern(() => /^(?:journal|j|proceedings|proc|annals|bulletin|review|transactions|trans|revue|zeitschrift|acta|archives)\b/i));
// A part that is an identifier's label ("ISBN 978-…", "doi: …").
const identifierNote = guardedPattern('identifierNote', lazyPattern(() => /^(?:ISBN|ISSN|doi|URL|PDF|IF|PMCID|PMID)\b/i));
// A role in brackets after names ("(trans.)", "(ed. and trans.)").
const roleInBrackets = guardedPattern('roleInBrackets', lazyPattern(() => /^(?:(trans|transl|tr|übers)|(eds?|editors?|hrsg|hg|dir|coord)(?:\.?\s(?:and|&)\s(?:trans|transl|tr))?)\.?$/i));
// "(November 1948): 305–312" after an issue: the date, then the pages.
// ("(1974) pp. 513-520": the pages may keep their label.)
const datePages = guardedPattern('datePages', lazyPattern(() => new RegExp(String.raw`^\((?<date>[^()]{4,40})\)\s?[:,]?\s?(?:pp?\.\s?)?(?<page>${PAGE})?$`, 'u')));
// Physics: "193 (1981) 150" / "275 (2007) 209" / "B 193 (1981) 150".
const physics = lazyPattern(() => new RegExp(String.raw`^(?<volume>[A-Z]?\s?\d+)\s?\((?<year>(?:1[5-9]|20)\d{2})\)\s?(?<page>${PAGE})?$`, 'u'));

const pageRanges = lazyPattern(() => new RegExp(String.raw`^(?<first>${PAGE})(?:\s(?<joint>et|and|&|und)\s|,\s|\s)(?<second>${PAGE})$`, 'u'));
// A Roman number ending a name ("Lunar and Planetary Science XI").
const romanEnd = latin1Forms(String.raw`\s(${ROMAN})$`, 'u');
const partOfWork = guardedPattern('partOfWork', latin1Forms(String.raw`^(?:part|pt|teil)\.?\s(?:\d{1,3}|${ROMAN})$`, 'iu'));
// "vol. ii": a labelled Roman volume.
const romanVolume = guardedPattern('romanVolume', lazyPattern(() => /^(?:vol|volume|v)(?:\.\s?|\s)([ivxlcdm]{1,6})$/i));

/** Reads a segment of numbers: volume, issue, pages, year, in any of the usual shapes. */
function readNumbers(text: string): SourceFields | null {
  const words = referenceWords();
  let value = text.trim().replace(/\.$/, '').trim();
  // "Part II", "Pt. 3": a part of the work, no field.
  if (partOfWork(value).test(value)) return { note: value };
  if (!value || !/\d/.test(value)) {
    // "vol. ii" — a labelled Roman volume; "XLIII", "LXV" alone after a journal.
    const roman = romanVolume(value).exec(value) ?? romanAlone(value).exec(value);
    return roman ? { volume: roman[1]! } : null;
  }
  const out: SourceFields = {};
  // "Vol. 4 of Gesammelte Dichtungen", "volume 989 of Lecture Notes in Computer Science": a volume of a series.
  const of = volumeOf(value).exec(value);
  if (of?.groups) return { volume: of.groups.volume!, series: of.groups.series! };
  // "16. Jg. H.2", "10. Jg.": German volume (Jahrgang) then issue (Heft).
  const jahrgang = germanVolume(value).exec(value);
  if (jahrgang) return jahrgang[2] ? { volume: jahrgang[1]!, issue: jahrgang[2] } : { volume: jahrgang[1]! };
  // Labelled parts anywhere: "vol. 14, no. 2, pp. 589–599" arrive as separate segments, but
  // "Vol. 2, Nos. 1-4" or "n°95" or "nr 29" or "S. 192-195" stand alone.
  let m = wordPattern('volumeLabel', value).exec(value);
  if (m && m.index === 0) {
    const rest = value.slice(m[0].length);
    const vol = /^([IVXLC]+|\d+[A-Za-z]?(?:[-–/]\d+)?)(?:\s?\((?<issue>[^()]{1,20})\))?(?:\s?[,:]?\s?(?<rest>.*))?$/u.exec(rest);
    if (vol) {
      out.volume = vol[1]!;
      if (vol.groups?.issue) out.issue = vol.groups.issue;
      const tail = vol.groups?.rest?.trim();
      if (tail) {
        const more = readNumbers(tail) ?? readDate(tail);
        // ("vol. 1: Writings": the volume's own title after a colon.)
        if (!more && /^\s?:\s\p{Lu}/u.test(rest.slice(vol[1]!.length))) return out;
        if (!more) return null;
        return { ...more, ...out };
      }
      return out;
    }
  }
  m = wordPattern('issueLabel', value).exec(value);
  if (m && m.index === 0) {
    const issue = /^(\d+[A-Za-z]?(?:\s?[-–/]\s?\d+)?)(?:\s?[,:]?\s?(?<rest>.*))?$/u.exec(value.slice(m[0].length));
    if (issue) {
      out.issue = issue[1]!;
      const tail = issue.groups?.rest?.trim();
      if (tail) {
        const more = readNumbers(tail) ?? readDate(tail);
        if (!more) return null;
        return { ...more, ...out };
      }
      return out;
    }
  }
  m = wordPattern('pageLabel', value).exec(value);
  if (m && m.index === 0 && !/^S\.\s?\d+\s?\(/.test(value)) {
    const page = value.slice(m[0].length).trim().replace(/\s?[fF]{1,2}\.?$/, '');
    if (pageOnly().test(page)) return { page: pageValue(page) };
    // "pp. 323_332 et 404_413": two ranges; "p. 112 114": a range whose dash a PDF copy lost.
    const two = pageRanges().exec(page);
    if (two?.groups && (two.groups.joint || (Number(two.groups.second) > Number(two.groups.first) && !isYear(two.groups.second!)))) {
      return { page: two.groups.joint ? `${pageValue(two.groups.first!)}, ${pageValue(two.groups.second!)}` : `${two.groups.first}-${two.groups.second}` };
    }
  }
  // "chap. 5" — a chapter number is no page; "Section 12" no volume.
  if (chapterNote(value).test(value)) return { note: value };
  // "312 pp." — a book's length.
  if (lengthNote(value).test(value)) return { note: value };
  const wrapped = value.startsWith('(') ? /^\(([^()]*)\)$/.exec(value) : null;
  if (wrapped) value = wrapped[1]!.trim();
  // "(Suppl 1)" / "Suppl. 2": a supplement.
  const supplement = supplementNote(value).exec(value);
  if (supplement) return { issue: `Suppl${supplement[1] ? ` ${supplement[1]}` : ''}` };
  if (isYear(value.replace(/[a-z]$/, ''))) return { year: Number(value.slice(0, 4)) };
  // "12.03.2019", "2019-03-12": a numeric date is a date, never "volume.issue" and pages.
  // (Each shape asked only of a value holding what its matches hold: issue 17, start-up.)
  if (opensWithOneOf(value, DIGITS) && holdsOneOf(value, '.-') && numericDate().test(value)) return readDate(value);
  m = value.includes('(') ? physics().exec(value) : null;
  if (m?.groups) {
    out.volume = m.groups.volume!.replace(/\s/g, ' ');
    out.year = Number(m.groups.year);
    if (m.groups.page) out.page = pageValue(m.groups.page);
    return out;
  }
  if (holdsOneOf(value, PAGE_DASHES) && rangeOnly().test(value)) return { page: pageValue(value) };
  m = volumeIssueDate(value).exec(value) ?? datePages(value).exec(value);
  const date = m?.groups ? readDate(m.groups.date!) : null;
  if (m?.groups && date?.year !== undefined) {
    if (m.groups.volume) out.volume = m.groups.volume;
    if (m.groups.issue) out.issue = m.groups.issue;
    if (m.groups.page) out.page = pageValue(m.groups.page);
    return { ...date, ...out };
  }
  const periodical = mlaPeriodical(value);
  if (periodical) return periodical;
  m = volumeIssuePages(value).exec(value);
  if (m?.groups) {
    const g = m.groups;
    if (g.year) out.year = Number(g.year);
    const issue = g.issue?.trim();
    // "(1984)" after a volume is its year, not an issue; "(January 2001)" its date.
    const dated = issue && !/^\d{1,3}$/.test(issue) ? readDate(issue) : null;
    if (issue && isYear(issue)) out.year = Number(issue);
    else if (dated?.year !== undefined) Object.assign(out, dated);
    else if (issue) out.issue = issue;
    if (g.suppl !== undefined) out.issue = out.issue ?? `Suppl${g.suppl ? ` ${g.suppl}` : ''}`;
    // MLA's "40.1": volume 40, issue 1.
    const dotted = g.volume!.includes('.') ? /^(\d+)\.(\d+)$/.exec(g.volume!) : null;
    if (dotted && out.issue === undefined) {
      g.volume = dotted[1]!;
      out.issue = dotted[2]!;
    }
    if (g.page) {
      out.volume = g.volume!;
      out.page = pageValue(g.page);
    } else if (isYear(g.volume!) && !out.issue) out.year = Number(g.volume);
    else out.volume = g.volume!;
    if (g.suppl !== undefined && g.suppl === '' && !g.page) out.volume = `${g.volume} Suppl`;
    return out;
  }
  return null;
}

/**
 * MLA's periodical numbers: a volume maybe, a date with its month, pages maybe ("113 21 July 1986: 71-72",
 * "15 Feb. 1993: 48-51", "May(26)"). The date must name a month, so "113 2000" is not one.
 */
function mlaPeriodical(value: string): SourceFields | null {
  const [before = '', pages, ...more] = value.split(/\s?:\s?/);
  if (more.length > 0 || (pages !== undefined && !pageOnly().test(pages)) || !testIn(threeLetters, before)) return null;
  const volumed = /^(\d{1,4})\s(\S.*)$/u.exec(before);
  const plain = readDate(before);
  const date = plain?.month !== undefined ? plain : volumed ? readDate(volumed[2]!) : null;
  if (date?.month === undefined) return null;
  const out: SourceFields = { ...date };
  if (date !== plain && volumed) out.volume = volumed[1]!;
  if (pages !== undefined) out.page = pageValue(pages);
  return out;
}

/** Pages as written, with dashes as hyphens and no spaces around them. */
export const pageValue = (text: string) => (holdsOneOf(text, PAGE_DASHES) ? text.trim().replace(/\s?[-–—_]{1,2}\s?/g, '-') : text.trim());

/** The dashes and underscores a page range is written with (`[-–—_]`). */
const PAGE_DASHES = '-–—_';

// ——— Dates ———

/** Reads "May 1989", "4 October", "April 2", "Dec. 1995", "15 Feb. 1993", "mai-juin 2009", "March - December 1994". */
function readDate(text: string): SourceFields | null {
  const words = referenceWords();
  // ("May(26)": the day in brackets.)
  const trimmed = text.trim();
  // (Each pattern here is asked only of a text holding what its matches hold — a bracket, a hyphen, a full stop, a
  // digit first —: a one-article list's dates are mostly a year alone, which compiles none of them. Issue 17: start-up.)
  const dayApart = trimmed.includes('(') ? trimmed.replace(bracketedNumberEnd(trimmed), ' $1') : trimmed;
  const value = (dayApart.startsWith('(') || dayApart.includes(')') ? dayApart.replace(/^\(|\)\.?$/g, '') : dayApart).replace(/[.,:]$/, '').trim();
  if (!value || value.length > 40) return null;
  // "2019-03-12": ISO, whole (the split below would cut it at its hyphens).
  const iso = opensWithOneOf(value, '12') && value.includes('-') ? /^((?:1[5-9]|20)\d{2})-(\d{1,2})(?:-(\d{1,2}))?$/.exec(value) : null;
  if (iso) return iso[3] ? { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) } : { year: Number(iso[1]), month: Number(iso[2]) };
  const tokens = value.split(/[\s/–—-]+/).filter(Boolean);
  let year: number | undefined;
  let month: number | undefined;
  let day: number | undefined;
  let known = 0;
  for (const token of tokens) {
    const t = token.replace(/[.,]$/, '').toLowerCase();
    const numeral = opensWithOneOf(t, DIGITS);
    if (isYear(t) || (numeral && /^(?:1[5-9]|20)\d{2}[a-z]$/.test(t))) {
      year ??= Number(t.slice(0, 4));
      known++;
    } else if (words.months.has(t)) {
      month ??= words.months.get(t)!;
      known++;
    } else if (referenceWords().data.seasons.includes(t)) known++;
    else if (numeral && /^\d{1,2}(?:st|nd|rd|th)?$/.test(t) && Number(t.replace(/\D/g, '')) <= 31) {
      day ??= Number(t.replace(/\D/g, ''));
      known++;
    } else if (numeral && t.includes('.') && /^\d{1,2}\.\d{1,2}\.(?:1[5-9]|20)\d{2}$/.test(t)) {
      const [d, mo, y] = t.split('.').map(Number) as [number, number, number];
      day ??= d;
      month ??= mo;
      year ??= y;
      known++;
    } else return null;
  }
  if (known === 0 || (month === undefined && year === undefined)) return null;
  const out: SourceFields = {};
  if (year !== undefined) out.year = year;
  if (month !== undefined) out.month = month;
  if (day !== undefined && month !== undefined) out.day = day;
  return out;
}

// ——— Places and publishers ———

/**
 * `text` without a bracket opening or closing it (`text.replace(/^\(|\)$/g, '')`): the pattern asked
 * only of a text that opens or closes with one (issue 17: start-up).
 */
export const stripBrackets = (text: string): string => (text.startsWith('(') || text.endsWith(')') ? text.replace(/^\(|\)$/g, '') : text);

/** True for a region after a city ("MA", "Calif.", "New Jersey", "UK", "The Netherlands"). */
export function isRegion(text: string): boolean {
  // ("D. C." is "D.C.".)
  const bare = stripBrackets(text.trim());
  return referenceWords().regions.has(phraseKey(bare.includes('.') ? bare.replace(spacedInitials(bare), '$1.') : bare));
}

// Shapes the code below reads, each in the form its text needs (src/refs/latin1.ts: issue 17, start-up).
const proseWord = latin1Pattern(() => /^\p{Ll}{3,}$/u);
// A name of one or two capitalised words alone after a title ("Praeger", "Basil Blackwell"): a publisher's.
const shortName = latin1Pattern(() => /^\p{Lu}\p{Ll}[\p{L}'’-]*(?:\s\p{Lu}\p{Ll}[\p{L}'’-]*)?$/u);

/** True for an institution's name ("Computer Science Dept.", "University of Massachusetts"), not a journal's. */
function isInstitution(text: string): boolean {
  // A name, not a phrase: capitalised, no subtitle, no words in lower case but the small ones; the
  // institution word heads it or ends it ("University of Massachusetts", "Computer Science Dept.").
  if (!testIn(capitalFirst, text) || text.includes(':')) return false;
  const tokens = text.split(/[\s.,]+/).filter(Boolean);
  // Module-level tests, not arrows over `words` made per call, which V8 optimised again after every
  // full collection (BENCHMARKS.md, changes 59, 64 and 93).
  if (tokens.some(isProseWord)) return false;
  return (isOrganisationWord(tokens[0]) || isOrganisationWord(tokens[1]) || isOrganisationWord(tokens[tokens.length - 1])) && !tokens.some(isPeriodicalWord);
}

/** A word in lower case that is no small word ("of", "and"): a phrase's, not a name's. */
function isProseWord(t: string): boolean {
  return proseWord(t).test(t) && !functionWords.has(t);
}

/** An institution's word ("University", "Dept."). */
function isOrganisationWord(t: string | undefined): boolean {
  return t !== undefined && referenceWords().organisationWords.has(phraseKey(t));
}

/** A periodical's or proceedings' word ("Journal", "Proceedings"). */
function isPeriodicalWord(t: string): boolean {
  const words = referenceWords();
  return words.periodicalWords.has(phraseKey(t)) || words.proceedingsWords.has(phraseKey(t));
}

// Shapes the code below reads, each in the form its text needs (src/refs/latin1.ts: issue 17, start-up).
const cityRegion = latin1Pattern(() => /^(?<city>\p{Lu}[\p{L}.'’-]*(?:\s\p{Lu}[\p{L}.'’-]*){0,3}?)(?:,\s?|\s\(|\s(?=\p{Lu}{2}$))(?<region>[^,()]{2,30}?)\)?$/u);

/** True for a place of publication ("New York", "Cambridge, MA", "Paris", "Menlo Park, California", "北京"). */
export function isPlaceName(text: string): boolean {
  const value = text.trim().replace(/^\(|[).]$/g, '').trim();
  const words = referenceWords();
  if (words.places.has(phraseKey(value))) return true;
  // "Boston & New York" / "London/Philadelphia" / "Amsterdam; Boston" / "Hamburg und Leipzig"
  const parts = value.split(/\s?(?:,|&|\/|;|\b(?:and|und|et)\b|\s-\s)\s?/).filter(Boolean);
  if (parts.length > 1 && parts.every((p) => words.places.has(phraseKey(p)) || isRegion(p))) return words.places.has(phraseKey(parts[0]!));
  // "Cambridge, MA" / "Menlo Park, California" / "White River Junction (VT)": a city, then its region.
  // ("New York NY": a state's postal code may follow with no comma.)
  const region = cityRegion(value).exec(value);
  return region?.groups !== undefined && isRegion(region.groups.region!) && (words.places.has(phraseKey(region.groups.city!)) || !isRegion(region.groups.city!));
}

/** True for a publisher's name ("MIT Press", "Springer", "Éditions Flammarion", "人民出版社"). */
export function isPublisherName(text: string): boolean {
  const value = text.trim().replace(/^\(|[).]$/g, '').trim();
  const words = referenceWords();
  if (!value || value.length > 100) return false;
  if (words.publishers.has(phraseKey(value))) return true;
  // ("and the Forging of a Company Town" is the end of a title, whatever its words.)
  if (/^(?:and|or|of|the|&)\s/.test(value)) return false;
  const tokens = value.split(/[\s,]+/).filter(Boolean);
  if (tokens.length > 9) return false;
  // "Journal of Electronic Publishing" is a journal.
  if (periodicalStart(value).test(value)) return false;
  if (tokens.some((t) => words.publisherWords.has(phraseKey(t)))) return true;
  if (value.includes('&') && /&\s?(?:co|sons)\b/i.test(value)) return true;
  // "Cambridge University Press" is covered above; "University of Toronto" is an institution.
  return words.cjkPublisherWords.some((w) => value.endsWith(w));
}

/** Where a "Container, Names" run reads as a container (maybe none) then names only, or null. */
function containerThenNames(text: string): { container: string; names: CslName[] } | null {
  const value = text.trim().replace(/,$/, '');
  if (!testIn(anyCapital, value)) return null;
  const whole = (part: string) => {
    const list = scanAuthors(part);
    return list && list.end >= part.length - 1 ? list : null;
  };
  // Split points: ", ", and the end of a sentence ("In What Is an Animal? Tim Ingold, ed.").
  const splits = [0, ...[...value.matchAll(/,\s|[.?!]\s(?=\p{Lu})/gu)].map((m) => m.index)];
  for (const at of splits) {
    const names = at === 0 ? value : value.slice(at + 2);
    const list = whole(names);
    if (!list) continue;
    // (What stands before reads as names too — "Inka Mülder-Bach, Gerhard Neumann (Hgg.)" — : all are names.)
    if (at > 0 && whole(value.slice(0, at))) return { container: '', names: namesIn(value) };
    return { container: at === 0 ? '' : tidyValue(value.slice(0, at + (value[at] === ',' ? 0 : 1))), names: list.names };
  }
  // Names the scanner reads only in part ("Rumelhart, D. E., McClelland, J. L., & The PDP research group"): names still,
  // when they make most of the run.
  const lead = scanAuthors(value);
  return lead && lead.end >= value.length * 0.4 ? { container: '', names: namesIn(value) } : null;
}

/** Names as an editor or translator phrase gives them ("J. C. Watson, R. N. Goldman & M. S. Warner"). */
function namesIn(text: string): CslName[] {
  const value = text.trim().replace(/,$/, '');
  const list = scanAuthors(value);
  if (list && list.end >= value.length - 2) return list.names;
  return value
    .split(/\s?(?:,|;|&|\band\b)\s?/)
    .map((n) => n.trim())
    .filter(Boolean)
    .map((n) => {
      const words = n.split(/\s+/);
      return words.length > 1 ? { family: words[words.length - 1]!, given: words.slice(0, -1).join(' ') } : { family: n };
    });
}

/** True when `text` ends with `tail`, punctuation aside. */
const endsAlike = (text: string, tail: string) => text.replace(notLetterOrDigit(text), '').endsWith(tail.replace(notLetterOrDigit(tail), ''));

// Capitalised words of a firm's name ("Straus and Giroux", "Green", "and co."); its corporate ending.
const partnerName = latin1Pattern(() => /^(?:(?:and|&)\s)?\p{Lu}[\p{L}'’.-]*(?:\s(?:\p{Lu}[\p{L}'’.-]*|and|&)){0,3}\.?$|^(?:and|&)\s(?:co|company|sons)\.?$/iu);
const corporateEnding = lazyPattern(() => /^(?:Inc|Ltd|Co|Corp|LLC|GmbH|Company|S\.?A)\.?$/i);
// The last partner of a firm named after its partners: "Brown & Co.", "Brown and Company" ("Little, Brown & Co.").
const partnerEnding = latin1Pattern(() => /^\p{Lu}[\p{L}'’.-]*\s(?:and|&)\s(?:co|company|sons)\.?$/iu);
// A name that may be a publisher's: a few capitalised words or an acronym ("IEEE", "MIT Press", "Walter de Gruyter").
const publisherLike = latin1Pattern(() => /^\p{Lu}[\p{L}'’&.-]*(?:\s(?:\p{Lu}[\p{L}'’&.-]*|&|and|of|de|für)){0,3}$/u);

// A place's name by its shape: up to four capitalised words, small words between ("Linda a Velha", "Kempen-Niederrhein").
const placeShaped = latin1Pattern(() => /^\p{Lu}[\p{L}'’.-]*(?:\s(?:\p{Lu}[\p{L}'’.-]*|a|am|an|de|del|di|do|en|la|le|sur|upon|on)){0,3}$/u);
// The small words a firm's name may hold between capitalised ones; an article may not start it ("The Story of Night" is a subtitle).
const nameConnectors = new Set(['&', 'and', 'und', 'et', 'e', 'y', 'of', 'de', 'des', 'du', 'la', 'le', 'für', 'van', 'von', 'der', 'di']);
const leadingArticle = lazyPattern(() => /^(?:The|A|An|Le|La|Les|Der|Die|Das|El|Il|Lo)\s/u);

/** True for text shaped as a firm's name: up to six capitalised words (or all capitals), no digits, no periodical or meeting word. */
function isPublisherShaped(text: string): boolean {
  const words = text.split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 6 || leadingArticle().test(text) || /\d/.test(text)) return false;
  const data = referenceWords();
  const isName = (w: string) => /^\p{Lu}[\p{L}'’.&-]*,?$/u.test(w);
  return isName(words[0]!) && isName(words[words.length - 1]!) && words.every((w) => isName(w) || nameConnectors.has(w)) && !words.some((w) => data.journalWords.has(phraseKey(w)) || data.proceedingsWords.has(phraseKey(w)));
}

// ——— Segments ———

const placePublisher = lazyPattern(() => /^(?<a>[^:]{2,60}?)\s?:\s?(?<b>[^:]{2,100})$/u);
// (Its bracketed roles all close with the bracket.)
const editorsAfter = guardedPattern('editorsAfter', lazyPattern(() => /^(?<names>.{2,200}?)\s?(?:\((?:eds?|editors?|hrsg|hg|coords?|dirs?|orgs?|éds?|a cura di)\.?\)|,?\s(?:eds?|editors?)\.?)$/iu));
// ("Eds D Armitage": the plural role may lose its full stop.)
const editorsBefore = guardedPattern('editorsBefore', lazyPattern(() => /^(?:edited(?: and translated)? by|ed\. by|eds?\.|eds|hrsg\. von|herausgegeben von)\s(?<names>.{2,200})$/iu));
// Other contributors before their names ("Dir. Roland Emmerich", "Perf. Dennis Quaid", a reviewed book's "by Richard Powers"):
// a part of the source, no field.
const contributorsBefore = guardedPattern('contributorsBefore', latin1Pattern(() => /^(?:(?:[Dd]irs?|[Pp]erf|prod|[Nn]arr|ill|comp)\.|by)\s\p{Lu}/u));
// A work's extent: "3 vols.", "chap. 5", "312 pp.".
const extent = guardedPattern('extent', lazyPattern(() => /^(?:\d{1,3}\s?vols?\.?|(?:chap|ch)\.?\s?\d{1,3}|\d{1,4}\s?(?:pp|p|S)\.?)$/iu));
// ("Trad. fr. par …": the French translator, with the language.)
const translatorsBefore = guardedPattern('translatorsBefore', latin1Pattern(() => /^(?:translated by|trans\.(?:\sby)?|transl\.|tr\.|traduit par|traduction de|trad\.?(?:\s\p{Ll}{2,5}\.)?\spar|übers\. von)\s(?<names>.{2,200})$/iu));
const translatorsAfter = guardedPattern('translatorsAfter', lazyPattern(() => /^(?<names>.{2,120}?)\s?\((?:trans|transl|tr)\.?\)$/iu));
// Names then their role, before a container: "X & Y (Eds.), ", "X and Y, editors, ", "X, ed. ".
// ("(gen. ed.)", "(sous la dir.)", "(Hrg.)": the general editor's, French and German roles.)
const leadingEditors = lazyPattern(() => /^(?<names>[^()]{2,200}?)(?:\s?\((?:eds?|editors?|gen\.\sed|hrsg|hrg|hgg?|éds?|dir|sous la dir|a cura di)\.?\)[,.:]?|,\s(?:eds?|editors?)\.?[,.]?)\s/iu);
// ("in the Proceedings of …": "in" goes, "the" stays with the container.)
const inPrefix = guardedPattern('inPrefix', latin1Pattern(() => /^(?:[Ii]n|[Ee]n|[Ii]m|[Dd]ans)\s?:?\s(?=[\p{Lu}\d"“«‘]|the\s\p{Lu})|^(?:[Ii]n|[Ee]n|[Ii]m|[Dd]ans)\s?:\s/u));

// Title cuts read the same trailing segments again and again: classify each text once.
const classified = new Map<string, { kind: SegmentKind; fields: SourceFields }>();

/** Classifies one segment (cached; callers must not change the result). */
export function classifySegment(text: string): { kind: SegmentKind; fields: SourceFields } {
  let result = classified.get(text);
  if (!result) {
    if (classified.size >= REFERENCE_MEMO_MAX) classified.clear();
    result = classifyUncached(text);
    classified.set(text, result);
  }
  return { kind: result.kind, fields: { ...result.fields } };
}

/** The entries each of the reference parser's memos holds now, each at most {@link REFERENCE_MEMO_MAX}: for tests of the bound. */
export function referenceMemoSizes(): { classified: number; tails: number; foldedKeys: number } {
  return { classified: classified.size, tails: tails.size, foldedKeys: foldedKeyCount() };
}

// Shapes the code below reads, each in the form its text needs (src/refs/latin1.ts: issue 17, start-up).
const yearThenCapital = latin1Pattern(() => /^((?:1[5-9]|20)\d{2}):\s(\p{Lu}.*)$/u);

function classifyUncached(text: string): { kind: SegmentKind; fields: SourceFields } {
  const bare = text.trim().replace(/\.$/, '');
  // "1974: Springer-Verlag Berlin": the year, then the publisher (the year-first book style).
  const yearFirst = opensWithOneOf(bare, '12') && bare.includes(':') ? yearThenCapital(bare).exec(bare) : null;
  if (yearFirst) {
    const rest = classifyUncached(yearFirst[2]!);
    if (rest.kind === 'publisher' || rest.kind === 'place-publisher') return { kind: rest.kind, fields: { ...rest.fields, year: Number(yearFirst[1]) } };
  }
  const result = classifyPart(text);
  // "Springer Berlin": a publisher, then its place with no separator.
  const split = result.kind === 'text' ? publisherThenPlace(bare) : null;
  if (split) return { kind: 'place-publisher', fields: split };
  const publisher = result.fields.publisher;
  if ((result.kind === 'publisher' || result.kind === 'place-publisher') && publisher) {
    // "Köln: Oldenbourg 1992", "Princeton University Press 1988": the year after a publisher is the date.
    const dated = /^(.*\S)\s((?:1[5-9]|20)\d{2})$/u.exec(publisher);
    if (dated && result.fields.year === undefined) return { kind: result.kind, fields: { ...result.fields, publisher: dated[1]!, year: Number(dated[2]) } };
    // "Springer Berlin", "Westview Press Boulder, CO": a publisher, then its place with no separator.
    const placed = result.kind === 'publisher' ? publisherThenPlace(publisher) : null;
    if (placed) return { kind: 'place-publisher', fields: { ...result.fields, ...placed } };
  }
  return result;
}

/** "Springer-Verlag Berlin" → the publisher and the place, when the last words name a place and the first a publisher. */
function publisherThenPlace(text: string): { publisher: string; place: string } | null {
  const words = text.split(' ');
  for (let n = 1; n <= 3 && n < words.length; n++) {
    const place = words.slice(-n).join(' ');
    const publisher = words.slice(0, -n).join(' ');
    if ((referenceWords().places.has(phraseKey(place)) || isPlaceName(place)) && isPublisherName(publisher)) return { publisher, place };
  }
  return null;
}

// "2. ed.", "3 edition": a numbered edition.
const numberedEdition = guardedPattern('numberedEdition', lazyPattern(() => /^\d{1,2}\.?\s(?:ed|edn|edition)\.?$/i));

// Shapes the code below reads, each in the form its text needs (src/refs/latin1.ts: issue 17, start-up).
const placeThenRegion = latin1Pattern(() => /^\p{Lu}[\p{L}.'-]*(?:\s\p{Lu}[\p{L}.'-]*){0,3}(?:,\s?\p{Lu}[\p{L}.]{1,12})?$/u);

/**
 * Whether a part opening "In " names a journal whose name opens with "In" ("In Vitro Cell Dev Biol Anim", "In Vivo"):
 * its next word, of ASCII letters, is one of the data's inJournalWords. Read by char codes and a set, no pattern: a
 * chapter's "In M. Rossi & K. Tanaka (Eds.)" asks it in most English lists (issue 17, start-up).
 */
function inJournalName(value: string): boolean {
  if (!value.startsWith('In ')) return false;
  let end = 3;
  for (; end < value.length; end++) {
    const c = value.charCodeAt(end) | 0x20;
    if (c < 0x61 || c > 0x7a) break;
  }
  return end > 3 && referenceWords().inJournalWords.has(value.slice(3, end).toLowerCase());
}

function classifyPart(text: string): { kind: SegmentKind; fields: SourceFields } {
  const words = referenceWords();
  const value = text.trim();
  const bare = value.replace(/\.$/, '').trim();
  if (!bare) return { kind: 'note', fields: {} };
  // "[Motion picture]", "(DVD)", "television program": the medium, as the genre.
  // (A plain word alone — "Speech", "Audio" in "Audio, Speech, and Language Processing" — only in brackets.)
  // (Media and edition phrases are short: longer parts are not looked up.)
  const short = bare.length <= 32;
  const medium = !short ? '' : opensWithOneOf(bare, '[(') || closesWithOneOf(bare, '])') ? bare.replace(/^[[(]\s?|\s?[\])]$/g, '') : bare;
  if (short && words.media.has(phraseKey(medium)) && (medium !== bare || /\s|^\p{Lu}{2}/u.test(medium))) return { kind: 'genre', fields: { genre: medium } };
  const dropNote = wordPattern('dropNote', bare);
  dropNote.lastIndex = 0;
  const note = dropNote.exec(bare);
  if ((note && note.index === 0) || identifierNote(bare).test(bare) || (bare.startsWith('[') && /^\[(?:[^[\]]|\[[^[\]]*\])*\]$/.test(bare))) return { kind: 'note', fields: { note: bare } };
  // ("In Vitro Cell Dev Biol Anim 51(9)": a journal whose name opens with "In", no container's "In".)
  if (inPrefix(value).test(value) && !inJournalName(value)) return { kind: 'in', fields: {} };
  if (contributorsBefore(bare).test(bare) || extent(bare).test(bare)) {
    // "2 vols.", "312 pp.": how many volumes or pages the work has.
    const count = /^(\d{1,4})\s?(vols?|pp|p|S|pages)\.?$/i.exec(bare);
    if (!count) return { kind: 'note', fields: { note: bare } };
    return { kind: 'note', fields: /^vol/i.test(count[2]!) ? { note: bare, volumes: count[1]! } : { note: bare, pages: count[1]! } };
  }
  // ("1st American ed." is an edition, not an editor named "1st American".)
  if (wordPattern('edition', bare).test(bare) || numberedEdition(bare).test(bare) || (short && words.editionPhrases.has(phraseKey(bare)))) {
    return { kind: 'edition', fields: { edition: bare.replace(/\.$/, '') } };
  }
  let m = editorsBefore(bare).exec(bare) ?? editorsAfter(bare).exec(bare);
  if (m?.groups && testIn(anyCapital, m.groups.names!)) return { kind: 'editors', fields: { editors: namesIn(m.groups.names!) } };
  m = translatorsBefore(bare).exec(bare) ?? translatorsAfter(bare).exec(bare);
  // ("Trans. Amer. Math. Soc.": abbreviations in a row after "Trans." name a journal, not its translators.)
  if (m?.groups && !/^(?:\p{Lu}\p{Ll}{1,6}\.\s){2}/u.test(m.groups.names!)) return { kind: 'translators', fields: { translators: namesIn(m.groups.names!) } };
  const thesisWords = wordPattern('thesis', bare);
  thesisWords.lastIndex = 0;
  const thesis = thesisWords.exec(bare);
  if (thesis && bare.length <= thesis[0].length + 40) {
    // "PhD thesis Duke University": the institution after the genre, no separator.
    const after = bare.slice(thesis.index + thesis[0].length).trim();
    return { kind: 'genre', fields: { genre: thesis[0], genreKind: 'thesis', ...(thesis.index === 0 && after && isInstitution(after) ? { publisher: after } : {}) } };
  }
  const reportWords = wordPattern('report', bare);
  reportWords.lastIndex = 0;
  const report = reportWords.exec(bare);
  if (report) {
    // ("Report No. 123", "Report No.: 45": the label's full stop and colon are no part of the number.)
    let number = bare.slice(report.index + report[0].length).trim().replace(/^[.:]+\s?/, '').replace(/^(?:no\.?|number|#)\s?:?\s?/i, '');
    // "TR95-90 Computer Science Dept.": the number is one token; an institution may follow it.
    const token = /^(\S+)\s(\p{Lu}.{2,})$/u.exec(number);
    // (An abbreviation at the end keeps its full stop: "Dept.".)
    const after = token && /\d/.test(token[1]!) && isInstitution(token[2]!) ? tidyValue(token[2]!) + (value.endsWith('.') && referenceWords().abbreviations.has(token[2]!.split(/[^\p{L}]+/u).filter(Boolean).pop() ?? '') ? '.' : '') : '';
    if (after) number = token![1]!;
    const numbered = number !== '' && /\d/.test(number) && number.length <= 30 && !/\s\p{Ll}{3,}/u.test(number);
    // "Technical report" / "Tech. Rep. CIS-91-2" / "Center for … Technical Report CAIP-TR-125" (the institution first).
    if (report.index === 0 || (numbered && report.index < 120)) {
      const institution = report.index > 0 ? tidyValue(bare.slice(0, report.index)) : after;
      return { kind: 'genre', fields: { genre: report[0], genreKind: 'report', ...(numbered ? { number } : {}), ...(institution ? { publisher: institution } : {}) } };
    }
  }
  const numbers = readNumbers(bare);
  if (numbers && !numbers.note) return { kind: 'numbers', fields: numbers };
  if (numbers?.note) return { kind: 'note', fields: numbers };
  const date = readDate(bare);
  if (date) return { kind: 'date', fields: date };
  m = placePublisher().exec(bare);
  if (m?.groups) {
    const a = m.groups.a!.trim();
    const b = m.groups.b!.trim();
    // "Hamish Hamilton: London" — the publisher first.
    if (isPlaceName(b) && !isPlaceName(a)) return { kind: 'place-publisher', fields: { place: b, publisher: a } };
    // (A region alone — "MA: MIT Press" after "Cambridge" — is merged with the city below.)
    if (isPlaceName(a) || isRegion(a) || (placeThenRegion(a).test(a) && b.split(/\s+/).length <= 8 && isPublisherName(b))) {
      return { kind: 'place-publisher', fields: { place: a, publisher: b } };
    }
    // "Parisiis: Michaelis-Antonii David", "Linda a Velha: Vale & Vale": a place the data does not know, then a name.
    if (placeShaped(a).test(a) && !leadingArticle().test(a) && /:\s/.test(bare) && isPublisherShaped(b)) return { kind: 'place-publisher', fields: { place: a, publisher: b, guessed: true } };
  }
  if (isPlaceName(bare)) return { kind: 'place', fields: { place: bare } };
  if (isPublisherName(bare)) return { kind: 'publisher', fields: { publisher: bare } };
  // "Lecture Notes in Computer Science, Vol. 323" / "Prentice-Hall Series in Computational Mathematics".
  if (wordPattern('series', bare).test(bare) && !words.journalWords.has(phraseKey(bare.split(/\s+/)[0] ?? ''))) return { kind: 'series', fields: { series: bare } };
  return { kind: 'text', fields: {} };
}

const tails = new Map<string, number>();

/** Where a plain-text segment ends in numbers ("Bartonia 44: 58—67", "Proteins 2010", "Nucl. Phys. B 193 (1981) 150"), or -1. */
function numericTail(view: string): number {
  let at = tails.get(view);
  if (at === undefined) {
    if (tails.size >= REFERENCE_MEMO_MAX) tails.clear();
    at = findNumericTail(view);
    tails.set(view, at);
  }
  return at;
}

// Shapes the code below reads, each in the form its text needs (src/refs/latin1.ts: issue 17, start-up).
const numericStart = latin1Pattern(() => /^(?:\(?\d|[A-Z]?\d|[IVXLC]{1,7}[:(]|\((?:suppl|\p{L}{3,}\.?\s\d)|(?:vol|no|pp|p|v|n°|nr)\.?\s?\d|\p{L}{3,9}\s?\(\d{1,2}\)$)/iu);

function findNumericTail(view: string): number {
  // Candidates: each space followed by a digit (or a bracket or a label); the tail from there must
  // read as numbers. Tails with a long lower-case word are never numbers: skip them cheaply.
  for (let i = view.indexOf(' '); i !== -1 && i < view.length - 1; i = view.indexOf(' ', i + 1)) {
    const rest = view.slice(i + 1);
    // (Every match holds a digit, "(" or ":": a rest without one is not asked, and the pattern not compiled. Issue 17: start-up.)
    if (!(rest.includes('(') || rest.includes(':') || holdsDigit(rest)) || !numericStart(rest).test(rest)) continue;
    if (rest.length > 60) continue;
    if (readNumbers(rest) || readDate(rest)) return i;
  }
  return -1;
}

/**
 * A bracketed group that ends a part stands apart, as do the ones before it: "Peter Collier
 * (trans.) (Stanford University Press, 1988)" → "Peter Collier", "(trans.)", "(Stanford …)";
 * "Cells in motion [Motion picture]" → "Cells in motion", "[Motion picture]".
 */
function splitTrailingGroups(text: string, span: Span): Span[] {
  const groups: Span[] = [];
  let rest = span;
  for (let guard = 0; guard < 4; guard++) {
    // (A square-bracketed group may hold one more: "[arXiv:0905.2970 [hep-th]]".)
    // (Only a text closing with a bracket, or with one and a full stop: issue 17, start-up.)
    const closing = rest.text.endsWith('.') ? rest.text.slice(-2, -1) : rest.text.slice(-1);
    const tail = closing === ')' || closing === ']' ? /\s(\([^()]{2,200}\)|\[(?:[^[\]]|\[[^[\]]{1,40}\]){2,200}\])\.?$/u.exec(rest.text) : null;
    if (!tail || tail.index === 0) break;
    // "(USA)" in "Proceedings of the National Academy of Sciences (USA)" is part of the name; a group
    // with numbers, a colon, a comma or a role word stands apart.
    const inner = tail[1]!.slice(1, -1);
    if (!/[\d:,;]|\b(?:trans|transl|tr|eds?|editors?|dir|hrsg|ed)\b/iu.test(inner) && ['text', 'place'].includes(classifySegment(inner).kind)) break;
    // "27 (11)", "Vol. 19 (1-2)": a bracketed number after a number is its issue.
    if (/\d\s?$/.test(rest.text.slice(0, tail.index + 1)) && /^\(\s?\d[\d\s–-]*\)$/.test(tail[1]!) && !/^\((?:1[5-9]|20)\d{2}\)$/.test(tail[1]!)) break;
    const start = rest.start + tail.index + 1;
    groups.unshift({ text: text.slice(start, rest.end), start, end: rest.end });
    rest = { text: rest.text.slice(0, tail.index), start: rest.start, end: rest.start + tail.index };
  }
  return [rest, ...groups];
}

/** True for a volume, issue or page label ("Vol", "no", "pp", "S"). */
function isLabel(word: string): boolean {
  return referenceWords().labels.has(word.toLowerCase());
}

/** The part of `text` that ends at `end`, from the separator before it (", ", "; ", ". "; 40 characters at most). */
function partBefore(text: string, end: number): string {
  const window = text.slice(Math.max(0, end - 40), end);
  let from = window.length - 2;
  while (from > 0 && !(/[,;.]/.test(window[from - 1]!) && /\s/.test(window[from]!))) from--;
  return window.slice(Math.max(0, from)).trim();
}

/**
 * How much text `segmentSource` has cut since the process started: calls and characters. A
 * reference's cost is mostly segmentation; tests count it to show it grows linearly.
 */
export const segmentationWork = { calls: 0, characters: 0 };

// Shapes the code below reads, each in the form its text needs (src/refs/latin1.ts: issue 17, start-up).
const cityShaped = latin1Pattern(() => /^\p{Lu}[\p{L}.'’-]*(?:\s\p{Lu}[\p{L}.'’-]*){0,3}$/u);
const capitalisedWord = latin1Pattern(() => /^\p{Lu}\p{Ll}+$/u);
const initialBefore = latin1Pattern(() => /(?:^|[\s.(-])\p{Lu}$/u);
const lettersAtEnd = latin1Pattern(() => /[\p{L}]+$/u);
const abbreviationAfter = latin1Pattern(() => /^\s(\p{Lu}\p{Ll}{0,6})\.(?:\s|,|$)/u);
const shortCapitalised = latin1Pattern(() => /^\p{Lu}\p{Ll}{0,4}$/u);
const nextCapitalised = latin1Pattern(() => /^\s(\p{Lu}\p{L}*)/u);
const numberBeforeCapital = latin1Pattern(() => /^(?:(?:[Pp]p?|[Pp]ages?|[Vv]ol|[Nn]o)\.?\s?)?[A-Za-z]?\d[\d–—-]*\s(?=\p{Lu})/u);
const labelNumberAfter = latin1Pattern(() => /^\s(?:[A-Z]?\d|[IVXLCivxlc]{1,7}(?!\p{L}))/u);

/** Cuts the source text into classified segments. */
export function segmentSource(text: string): Segment[] {
  segmentationWork.calls++;
  segmentationWork.characters += text.length;
  // Separators: ", " "; " and ". " (a full stop after a word of two or more letters, a digit or a bracket).
  const cut = (i: number): number => {
    const ch = text[i]!;
    if (ch === ',' || ch === ';') {
      // "5,895" and "1,000" are numbers.
      if (/\d/.test(text[i - 1] ?? '') && /\d/.test(text[i + 1] ?? '') && ch === ',') return 0;
      return 1;
    }
    if (ch === '.' && /\s/.test(text[i + 1] ?? '')) {
      const before = text.slice(Math.max(0, i - 4), i);
      // An initial ("J. C. Watson") or a one-letter abbreviation ("J. Appl.") does not end a segment,
      // nor does a known abbreviation ("Dept.", "Proc.", "Phys.").
      if (initialBefore(before).test(before)) return 0;
      const word = execIn(lettersAtEnd, text.slice(Math.max(0, i - 12), i))?.[0];
      // A label before its number ("Vol. 81", "pp. 12", "p. 44", "v. 32", "No. 9", a newspaper's "p. A12") ends nothing.
      // (A Roman number whole: "vols. London" is no label. After a number and before a year the label is an extent's, which ends: "231 p. 1980".)
      if (word && testIn(labelNumberAfter, text.slice(i + 1, i + 10)) && isLabel(word) && !(/\d\s?$/.test(text.slice(0, i - word.length)) && /^\s(?:1[5-9]|20)\d{2}(?![\d–-])/.test(text.slice(i + 1, i + 8)))) return 0;
      // Abbreviations in a row ("Appl. Numer. Math.", "Am. J. Hum. Genet."): one name.
      const after = execIn(abbreviationAfter, text.slice(i + 1, i + 11));
      if (word && shortCapitalised(word).test(word) && after && !isLabel(after[1]!) && !referenceWords().roleAbbreviations.has(after[1]!.toLowerCase())) return 0;
      // A meeting's abbreviation before its year or number ("Proc. 1994 Winter USENIX Conference", "Proc. 6th …") ends nothing.
      if (word && testIn(capitalFirst, word) && referenceWords().proceedingsWords.has(phraseKey(word)) && /^\s\d/.test(text.slice(i + 1, i + 3))) return 0;
      // A language's abbreviation after "Trad." ("Trad. fr. par Maurice …") ends nothing.
      if (word && testIn(shortLowerWord, word) && /\b[Tt]rad\.?\s$/.test(text.slice(Math.max(0, i - word.length - 6), i - word.length))) return 0;
      // A month's abbreviation before the year ("15 Feb. 1993") ends nothing.
      if (word && referenceWords().months.has(word.toLowerCase()) && /^\s(?:1[5-9]|20)\d{2}\b/.test(text.slice(i + 1, i + 7))) return 0;
      // "Rev. ed.": one edition statement.
      if (word && /^(?:rev|enl)$/i.test(word) && /^\s(?:ed|edn)\./i.test(text.slice(i + 1, i + 6))) return 0;
      // "2nd ed." / "Rev. ed." ends an edition statement whatever follows.
      if (word && /^(?:ed|edn)$/i.test(word) && (wordTest('edition', partBefore(text, i + 1)) || /(?:^|\s)(?:rev|enl)\.\s(?:ed|edn)$/i.test(text.slice(Math.max(0, i - 10), i)))) return 1;
      const nextWord = execIn(nextCapitalised, text.slice(i + 1, i + 16))?.[1];
      // ("ed. Pp. 84–99": a role before a label ends its part.)
      if (word && nextWord && isLabel(nextWord) && referenceWords().roleAbbreviations.has(word.toLowerCase())) return 1;
      if (word && referenceWords().abbreviations.has(word) && !/^\s(?:\d|\p{Lu}[\p{L}]*\s?:)/u.test(text.slice(i + 1, i + 14))) return 0;
      // Contributors first in their part ("Dir. Bill Kurtis", "Perf. Charlie Sheen"): the names follow.
      if (word && testIn(contributorsBefore, text.slice(i - word.length, i + 3)) && /(?:^\s?|[,;.(]\s?)$/u.test(text.slice(0, i - word.length))) return 0;
      // A role before names, first in its part ("ed. W. M. Green", "tr. W. Rehg"): the names follow.
      if (word && nextWord && !isLabel(nextWord) && referenceWords().roleAbbreviations.has(word.toLowerCase()) && /(?:^\s?|[,;.(]\s?)$/u.test(text.slice(0, i - word.length)) && !/(?:\d|\b(?:rev|revised|new|enl))\.?\s$/iu.test(text.slice(0, i - word.length))) return 0;
      return 1;
    }
    return 0;
  };
  const top: Span[] = [];
  for (const span of splitTopLevel(text, cut)) {
    // A group of names and their role first in a part stands apart too: "(Eds D Armitage, F Berkes) pp. 208–227",
    // "(M. Cooper & W. B. Stiles, Eds.) Person-Centered Psychotherapies".
    const lead = span.text.startsWith('(') ? /^\([^()]{2,200}\)(?=\s)/u.exec(span.text) : null;
    if (lead && /\b(?:eds?|editors?|hrsg|trans|transl)\b/iu.test(lead[0])) {
      const rest = span.text.slice(lead[0].length).trimStart();
      const restStart = span.end - rest.length;
      top.push({ text: lead[0], start: span.start, end: span.start + lead[0].length }, ...splitTrailingGroups(text, { text: rest, start: restStart, end: span.end }));
      continue;
    }
    top.push(...splitTrailingGroups(text, span));
  }
  const segments: Segment[] = [];
  for (const span of top) {
    // A parenthesised group alone ("(pp. 96-116)", "(New York: Norton, 1995)") is read inside.
    const trimmed = span.text.trim();
    const group = trimmed.startsWith('(') ? /^\((.*)\)\.?$/su.exec(trimmed) : null;
    if (group && span.text.indexOf(')') === span.text.length - (span.text.endsWith('.') ? 2 : 1)) {
      const inner = splitTopLevel(text, (i) => (text[i] === ',' || text[i] === ';' ? 1 : 0), span.start + 1, span.start + 1 + group[1]!.length);
      // ("(in Russian)": a language note in brackets, not a container.)
      for (const s of inner) segments.push({ ...s, ...(testIn(inPlace, s.text.trim()) ? { kind: 'note' as const, fields: { note: s.text.trim() } } : classifySegment(s.text)), parenthesised: true });
      continue;
    }
    const { kind, fields } = classifySegment(span.text);
    // "pp. 168-175 Tokyo" / "1994 Morgan Kaufmann": numbers, then words with no separator.
    const head = kind === 'text' ? numberBeforeCapital(span.text).exec(span.text) : null;
    if (head && readNumbers(head[0].trim())) {
      const numbers = classifySegment(head[0].trim());
      const rest = span.text.slice(head[0].length);
      const restKind = classifySegment(rest);
      segments.push({ text: head[0].trim(), start: span.start, end: span.start + head[0].trimEnd().length, kind: numbers.kind, fields: numbers.fields, parenthesised: false });
      segments.push({ text: rest, start: span.start + head[0].length, end: span.end, kind: restKind.kind, fields: restKind.fields, parenthesised: false });
      continue;
    }
    if (kind === 'text') {
      // A segment that ends in numbers holds the container and its numbers.
      const at = numericTail(span.text);
      if (at > 0) {
        const head = span.text.slice(0, at);
        const tail = span.text.slice(at + 1);
        const headKind = classifySegment(head);
        segments.push({ text: head, start: span.start, end: span.start + at, kind: headKind.kind, fields: headKind.fields, parenthesised: false });
        const tailKind = classifySegment(tail);
        segments.push({ text: tail, start: span.start + at + 1, end: span.end, kind: tailKind.kind, fields: tailKind.fields, parenthesised: false });
        continue;
      }
    }
    segments.push({ text: span.text, start: span.start, end: span.end, kind, fields, parenthesised: false });
  }
  // "Peter Collier (trans.)" / "Michael Holquist (ed.)": a role in brackets after names.
  for (let k = 1; k < segments.length; k++) {
    // ("(ed. and trans.)": the editor who translated.)
    const inner = segments[k]!.text.replace(/^\(|\)\.?$/g, '').trim();
    const role = roleInBrackets(inner).exec(inner);
    const previous = segments[k - 1]!;
    if (!role || !segments[k]!.parenthesised || previous.kind !== 'text') continue;
    const names = namesIn(previous.text);
    segments[k - 1] = { ...previous, kind: role[1] ? 'translators' : 'editors', fields: role[1] ? { translators: names } : { editors: names }, end: segments[k]!.end };
    segments.splice(k, 1);
    k--;
  }
  // "Jonathan Wordsworth" + "M. H. Abrams" + "and Stephen Gill (eds.)": the names before the last one go with it
  // (inside brackets too: "Optics East (M. F. Lipson, A. K. Dutta, and K. Asakawa, eds.)").
  for (let k = 1; k < segments.length; k++) {
    const current = segments[k]!;
    // (Inside brackets the names before the role are all its: "(M. Cooper, J. C. Watson & W. B. Stiles, Eds.)".)
    if ((current.kind !== 'editors' && current.kind !== 'translators') || !(/^(?:and|&)\s/.test(current.text.trim()) || current.parenthesised)) continue;
    let first = k;
    const wholeName = (s: Segment) => s.kind === 'text' && s.parenthesised === current.parenthesised && (scanAuthors(s.text.trim())?.end ?? 0) >= s.text.trim().replace(/[.,]$/, '').length;
    while (first > 0 && wholeName(segments[first - 1]!) && /^[,;]$/.test(text.slice(segments[first - 1]!.end, segments[first]!.start).trim())) first--;
    if (first === k) continue;
    const names = [...segments.slice(first, k).flatMap((s) => scanAuthors(s.text.trim())!.names), ...(current.fields.editors ?? current.fields.translators ?? [])];
    segments.splice(first, k - first + 1, { ...current, start: segments[first]!.start, text: text.slice(segments[first]!.start, current.end), fields: current.kind === 'editors' ? { editors: names } : { translators: names } });
    k = first;
  }
  // "trans. D. W. Robertson" + "Jr.": the suffix is the last name's.
  for (let k = 1; k < segments.length; k++) {
    const previous = segments[k - 1]!;
    const names = previous.fields.translators ?? previous.fields.editors;
    const last = names?.[names.length - 1];
    if (!last || !isSuffix(segments[k]!.text.replace(/\.$/, ''))) continue;
    last.suffix = segments[k]!.text.replace(/\.$/, '');
    segments[k - 1] = { ...previous, end: segments[k]!.end };
    segments.splice(k, 1);
    k--;
  }
  // "Cambridge" + "MA: MIT Press" → one place and publisher; "Cambridge" + "MA" → one place;
  // "Morgan Kaufmann Publishers" + "Inc." → one publisher; "Little" + "Brown & Co." → one publisher.
  for (let k = 1; k < segments.length; k++) {
    const previous = segments[k - 1]!;
    const current = segments[k]!;
    const head = previous.text.replace(/\.$/, '');
    // (A city and its region stand apart by a comma, never a full stop: "Easter Island, Earth Island. New York: …".)
    // ("Marcel Dekker, New York": a city of its own after a name that is no place is the publisher's place, not a region.)
    const cityAfterName = current.kind === 'place' && previous.kind !== 'place' && referenceWords().places.has(phraseKey(current.text.trim().replace(/[.,]$/, ''))) && !isPlaceName(head);
    // (An institution is no city: "Universiteit Twente, Netherlands".)
    const cityLike = !cityAfterName && !isInstitution(head) && (previous.kind === 'place' || ((previous.kind === 'text' || previous.kind === 'publisher') && cityShaped(head).test(head))) && text.slice(previous.end, current.start).includes(',');
    const merge = (kind: SegmentKind, fields: SourceFields) => {
      segments[k - 1] = { ...previous, kind, fields, end: current.end, text: text.slice(previous.start, current.end) };
      segments.splice(k, 1);
      k--;
    };
    // ("D. C." keeps its last full stop.)
    const currentText = current.text.trim();
    const joined = `${head}, ${currentText.replace(stopNotAfterInitial(currentText), '')}`;
    if (cityLike && current.kind === 'place-publisher' && isRegion(current.fields.place ?? '')) merge('place-publisher', { ...current.fields, place: `${head}, ${current.fields.place}` });
    else if (cityLike && previous.kind !== 'publisher' && isRegion(current.text.replace(/\.$/, ''))) merge('place', { place: joined });
    // ("Houghton, Mifflin & Co.: Boston & New York": a firm in two names, then its place after a colon.)
    if (previous.kind === 'text' && capitalisedWord(head).test(head) && current.kind === 'place-publisher' && current.fields.publisher && current.fields.place && current.text.trim().startsWith(current.fields.publisher) && partnerName(current.fields.publisher).test(current.fields.publisher)) {
      merge('place-publisher', { ...current.fields, publisher: `${head}, ${current.fields.publisher}` });
      continue;
    }
    // ("Amsterdam; Boston: Morgan Kaufmann", "New York ; Oxford": places in a row, one place.)
    if (previous.kind === 'place' && (current.kind === 'place' || current.kind === 'place-publisher') && current.fields.place && text.slice(previous.end, current.start).includes(';')) {
      merge(current.kind, { ...current.fields, place: `${head}; ${current.fields.place}` });
      continue;
    }
    // ("Washington, D. C. MIT Press": the region, then the publisher with no separator.)
    const regionFirst = previous.kind === 'place' && (current.kind === 'text' || current.kind === 'publisher') ? /^((?:\p{Lu}\.\s?){1,3}|\p{Lu}{2})\s(\p{Lu}.{1,80})$/u.exec(current.text.trim().replace(/\.$/, '')) : null;
    if (regionFirst && isRegion(regionFirst[1]!.trim()) && (isPublisherName(regionFirst[2]!) || publisherLike(regionFirst[2]!).test(regionFirst[2]!))) {
      const region = regionFirst[1]!.trim();
      const at = current.start + current.text.indexOf(regionFirst[2]!);
      segments[k - 1] = { ...previous, kind: 'place', fields: { place: `${head}, ${region}` }, end: at - 1, text: text.slice(previous.start, at - 1) };
      segments[k] = { ...current, kind: 'publisher', fields: { publisher: regionFirst[2]! }, start: at, text: text.slice(at, current.end) };
      continue;
    }
    // ("Westview Press Boulder, CO": the region goes with the place that ends the publisher's part.)
    else if (previous.kind === 'place-publisher' && previous.fields.place && endsAlike(head, previous.fields.place) && isRegion(current.text.trim().replace(/\.$/, ''))) merge('place-publisher', { ...previous.fields, place: `${previous.fields.place}, ${current.text.trim().replace(/(?<!(?:^|\s)\p{Lu})[.,]$/u, '')}` });
    else if ((previous.kind === 'publisher' || previous.kind === 'text') && opensWithOneOf(current.text.trim(), 'ILCGilcg') && /^(?:Inc|Ltd|Co|Corp|LLC|GmbH)\.?$/i.test(current.text.trim())) merge('publisher', { publisher: `${head}, ${current.text.trim()}` });
    else if (referenceWords().publishers.has(phraseKey(joined.includes('&') ? joined.replace(/\s?&\s?co\.?$/i, '') : joined))) merge('publisher', { publisher: joined });
    else if ((previous.kind === 'publisher' || previous.kind === 'place-publisher') && previous.fields.publisher && isInstitution(previous.fields.publisher) && current.kind === 'text' && isInstitution(current.text.trim().replace(/[.,]$/, ''))) {
      // "Murray Hill, NJ: AT&T Bell Laboratories, Statistics Department.": one institution after its place.
      merge(previous.kind, { ...previous.fields, publisher: `${previous.fields.publisher}, ${current.text.trim().replace(/[.,]$/, '')}` });
    } else if ((previous.kind === 'publisher' || previous.kind === 'place-publisher') && (current.kind === 'text' || (current.kind === 'publisher' && (corporateEnding().test(current.text.trim()) || testIn(partnerEnding, current.text.trim()))))) {
      // "Farrar, Straus and Giroux", "Longmans, Green, and co.", "John Wiley and Sons, Inc.", "Boston: Little, Brown":
      // names in a row up to one after "and", or a corporate ending, go on with the publisher.
      const publisher = previous.fields.publisher ?? head;
      let last = k;
      while (last < segments.length && segments[last]!.kind === 'text' && testIn(partnerName, segments[last]!.text.trim()) && !/^(?:and|&)\s/.test(segments[last]!.text.trim())) last++;
      const closing = (segments[last]?.kind === 'text' || segments[last]?.kind === 'publisher') && /^(?:and|&)\s/.test(segments[last]!.text.trim()) && testIn(partnerName, segments[last]!.text.trim().replace(/^(?:and|&)\s/, ''));
      const known = referenceWords().publishers.has(phraseKey(`${publisher}, ${current.text.trim().replace(/[.,]$/, '')}`));
      // ("Garden City, N.Y.: Doubleday, Doran, 1928": after a place and its publisher, one more name then the date is the firm's.)
      const lastName = previous.kind === 'place-publisher' && testIn(capitalisedWord, current.text.trim().replace(/,$/, '')) && segments[k + 1] !== undefined && isNumeric(segments[k + 1]!) && segments[k + 1]!.fields.volume === undefined;
      if (closing || known || lastName || corporateEnding().test(current.text.trim()) || (testIn(partnerName, current.text.trim()) && /\s(?:and|&)\s/.test(current.text))) {
        const end = closing ? last : k;
        const more = text.slice(current.start, segments[end]!.end).replace(/(?<!\b(?:Inc|Ltd|Co|Corp))[.,]$/, '');
        segments[k - 1] = { ...previous, fields: { ...previous.fields, publisher: `${publisher}, ${more}` }, end: segments[end]!.end, text: text.slice(previous.start, segments[end]!.end) };
        segments.splice(k, end - k + 1);
        k--;
      }
    } else if ((previous.kind === 'publisher' || (previous.kind === 'text' && isInstitution(head))) && (current.kind === 'publisher' || (current.kind === 'text' && isInstitution(current.text)))) {
      // "Computer Science Dept., University of Massachusetts", "AT&T Bell Laboratories, Statistics Department": one institution.
      merge('publisher', { publisher: `${head}, ${current.text.trim().replace(/[.,]$/, '')}` });
    } else if (previous.kind === 'genre' && previous.fields.publisher && endsAlike(head, previous.fields.publisher) && isInstitution(current.text)) {
      // (So after a report's number: "TR95-90 Computer Science Dept., University of Massachusetts".)
      merge('genre', { ...previous.fields, publisher: `${previous.fields.publisher}, ${current.text.trim().replace(/[.,]$/, '')}` });
    }
  }
  // A place and publisher guessed from their shape stand at the end of a source, with only a date, pages and notes
  // after them; elsewhere ("Cancer: Principles and Practice. Lancet 1990") or before a volume ("Clinical Psychology:
  // Science and Practice, 10, 481-490", a journal) the words are plain text.
  let tail = true;
  for (let k = segments.length - 1; k >= 0; k--) {
    const s = segments[k]!;
    if (s.fields.guessed && !tail) segments[k] = { ...s, kind: 'text', fields: {} };
    if (!(s.kind === 'date' || s.kind === 'note' || (s.kind === 'numbers' && s.fields.volume === undefined && s.fields.issue === undefined))) tail = false;
  }
  return segments;
}

/**
 * A place at the end of a meeting's or book's name, with no separator before it: "… Programming Bled, Slovenia"
 * (a city, then its country or region), "… Workshop on Agent Worlds Germany" (a country alone, spelled out, after a
 * meeting's name: `meeting`). The name before
 * must end in a word in lower case, a number or a bracket ("… Intelligence (IJCAI-91) Sydney, Australia").
 */
function trailingPlace(container: string, meeting: boolean): { container: string; place: string } | null {
  const comma = container.lastIndexOf(', ');
  const nameEnd = /[\p{Ll}\d)]$/u;
  if (comma !== -1 && isRegion(container.slice(comma + 2))) {
    const city = /\s(\p{Lu}[\p{L}'’/-]+)$/u.exec(container.slice(0, comma));
    const name = city ? container.slice(0, city.index) : '';
    if (city && !isRegion(city[1]!) && nameEnd.test(name) && name.length >= 8) return { container: name, place: container.slice(city.index + 1) };
    return null;
  }
  // (A country alone, only after a meeting's name — a book may be about a country; four letters or more, not an
  // abbreviation — "IN", "OR" and "Ind" may end a name.)
  if (!meeting) return null;
  const words = container.split(' ');
  for (let n = 1; n <= 3 && n < words.length; n++) {
    const tail = words.slice(-n).join(' ');
    const name = words.slice(0, -n).join(' ');
    if (tail.length >= 4 && testIn(capitalisedStart, tail) && isRegion(tail) && nameEnd.test(name) && !/\s(?:of|in|for|the|and)$/.test(name) && name.length >= 8) return { container: name, place: tail };
  }
  return null;
}

/**
 * How many parts of a container's run continue a serial list in its name ("Systems, Man, and Cybernetics",
 * "Learning, Memory, and Cognition"): short capitalised parts up to one that starts with "and" or "&".
 */
function serialListParts(run: Segment[]): number {
  const last = run[run.length - 1]!.text.trim();
  if (run.length < 2 || !testIn(andThenCapital, last)) return 0;
  let n = 1;
  for (let k = run.length - 2; k > 0 && /^\p{Lu}[\p{L}'’-]*(?:\s\p{Lu}[\p{L}'’-]*)?$/u.test(run[k]!.text.trim()); k--) n++;
  return n;
}

/** Sets a field the source has not filled yet. */
function fill<K extends keyof SourceFields>(out: SourceFields, key: K, value: SourceFields[K] | undefined): void {
  if (value !== undefined && out[key] === undefined) out[key] = value;
}

/** A work's extent ("2 vols.", "312 pp.") or its contributors ("Dir. Roland Emmerich"). */
export function isExtentOrContributors(segment: Segment): boolean {
  return segment.kind === 'note' && (contributorsBefore(segment.text).test(segment.text) || testIn(extent, segment.text.replace(/\.$/, '')));
}

/** True when `text` opens with a role before names: "Dir. Bill Kurtis", "Perf. Charlie Sheen", "Ed. Peter Lind", "Translated by …". */
export function opensWithRole(text: string): boolean {
  const words = referenceWords();
  return contributorsBefore(text).test(text) || wordPattern('editedBy', text).test(text) || wordPattern('translatedBy', text).test(text);
}

/** Numbers that start with their label ("Vol. 15", "pp. 992-996", "page 346", "no. 3"). */
export function isLabelledNumbers(segment: Segment): boolean {
  return segment.kind === 'numbers' && isLabel(execIn(leadingWord, segment.text)?.[0] ?? '');
}

const isNumeric = (s: Segment) => s.kind === 'numbers' || s.kind === 'date';
/** A date and nothing else: a year or a month, no volume, issue or pages. */
export const isDateOnly = (s: Segment | undefined) => s !== undefined && isNumeric(s) && s.fields.volume === undefined && s.fields.page === undefined && s.fields.issue === undefined;
const isPublishing = (s: Segment) => s.kind === 'place-publisher' || s.kind === 'publisher' || s.kind === 'place';

// Shapes the code below reads, each in the form its text needs (src/refs/latin1.ts: issue 17, start-up).
const proceedingsShaped = latin1Pattern(() => /^\p{Lu}\S*\s(?:of|on|de|du|des|der|\p{Lu}|\d)/u);
const abbreviatedEnd = latin1Pattern(() => /(?:^|[\s.])\p{Lu}[\p{Ll}]{0,7}$/u);
const shortCapitalisedWord = latin1Pattern(() => /^\p{Lu}[\p{Ll}]{0,4}$/u);
const lettersThenStop = latin1Pattern(() => /([\p{L}]+)\.$/u);

/**
 * Reads a source: the text after a reference's title. After a quoted title (`quoted`) the text
 * that follows names the work it is part of — a periodical or a book (“Metaphor.” Oxford
 * English Dictionary. Oxford University Press) — never its publisher.
 */
export function readSourceText(text: string, quoted = false): Source {
  const segments = segmentSource(text);
  const out: Source = { inContainer: false, score: 0, unplaced: [], segments };
  if (segments.length === 0) return out;
  let k = 0;
  let score = 0;
  const first = segments[0]!;
  if (first.kind === 'in') {
    out.inContainer = true;
    score += 3;
    // "In J. C. Watson & M. S. Warner (Eds.), Container" / "In Container"
    const from = text.slice(first.start);
    const inner = from.replace(inPrefix(from), '');
    const shifted = text.length - inner.length;
    const rest = segmentSource(inner).map((s) => ({ ...s, start: s.start + shifted, end: s.end + shifted }));
    segments.splice(0, segments.length, ...rest);
  }
  // "In 2009 IEEE/RSJ International Conference on …", "“Title.” 2007 IEEE Conference on …": a year with the name after it,
  // no separator between, opens the name.
  const [year, name] = segments;
  if ((out.inContainer || quoted) && year && name && isDateOnly(year) && year.fields.month === undefined && name.kind === 'text' && /^\s$/.test(text.slice(year.end, name.start))) {
    segments.splice(0, 2, { ...name, start: year.start, text: text.slice(year.start, name.end) });
  }
  // A date first ("Title, (1994, March). Magazine, 41(3)", "Title, 1976, New York: Wiley"): the source follows it.
  let afterDate = k;
  while (!out.inContainer && isDateOnly(segments[afterDate])) afterDate++;
  if (afterDate > k && segments[afterDate] !== undefined && !isNumeric(segments[afterDate]!) && segments[afterDate]!.kind !== 'note') {
    for (; k < afterDate; k++) {
      const f = segments[k]!.fields;
      fill(out, 'year', f.year);
      fill(out, 'month', f.month);
    }
  }
  const dated = k;
  // Editors or translators before the container ("In X (Eds.), Container", "Daphne Ellis (trans.), Wagner").
  while (segments[k]?.kind === 'editors' || segments[k]?.kind === 'translators') {
    const f = segments[k]!.fields;
    if (f.editors) fill(out, 'editors', f.editors);
    if (f.translators) fill(out, 'translators', f.translators);
    k++;
  }
  if ((out.inContainer || quoted) && !out.editors) {
    // "In M. Bekoff & D. Jamieson (Eds.), Container" / "In C. B. Jones and T. Denvir, editors, Proc. …" /
    // "in Bill Puka, ed. Moral Development": names cut over several segments, then the role.
    const joined = text.slice(segments[k]?.start ?? 0);
    const match = leadingEditors().exec(joined);
    // ("In Famulus Christi, ed. Gerald Bonner": a role word with names after it is theirs; the name before it is the container's.)
    const namesAfter = match && /,\seds?\.\s$/.test(match[0]) && /^\s?\p{Lu}/u.test(joined.slice(match[0].length)) ? scanAuthors(joined.slice(match[0].length)) : null;
    const edited = namesAfter && /^(?:[.,;]|\s?$)/.test(joined.slice(match![0].length + namesAfter.end, match![0].length + namesAfter.end + 1)) ? null : match;
    // The names must read as names; "In Handbook of Combinatorics, R. Graham, and L. Lovasz, Eds." names
    // the container first; "In Myth, Rulership, …, ed. Julia Barrow" is a container, then a role before names.
    const split = edited?.groups ? containerThenNames(edited.groups.names!) : null;
    if (edited?.groups && split) {
      if (split.container) out.container = split.container;
      out.editors = split.names;
      const cut = (segments[k]?.start ?? 0) + edited[0].length;
      while (k < segments.length && segments[k]!.end <= cut) k++;
      if (k < segments.length && segments[k]!.start < cut) {
        const s = segments[k]!;
        const rest = text.slice(cut, s.end);
        segments[k] = { ...s, text: rest, start: cut, ...classifySegment(rest) };
      }
    }
  }
  // After a quoted title a series' name with a volume is the periodical's ("Cahiers Tristan L'Hermite, 22, 2000").
  const afterSeries = segments[k + 1];
  if (quoted && segments[k]?.kind === 'series' && afterSeries && isNumeric(afterSeries) && afterSeries.fields.volume !== undefined) segments[k] = { ...segments[k]!, kind: 'text', fields: {} };
  // After "In" the first name is the book's, whatever words it holds ("In The Foucault Effect: Studies in Governmentality").
  else if (out.inContainer && !out.container && segments[k]?.kind === 'series') segments[k] = { ...segments[k]!, kind: 'text', fields: {} };
  // A series' name with only its numbers and dates after it, no publisher, is a periodical's ("Federal Reserve Bulletin
  // (August-September, 1921)", "Monographs of the Society for Research in Child Development 63").
  else if (!out.container && segments[k]?.kind === 'series' && k + 1 < segments.length && segments.slice(k + 1).every((x) => isNumeric(x) || x.kind === 'note')) segments[k] = { ...segments[k]!, kind: 'text', fields: {} };
  // After a quoted title, notes before the periodical say what the piece is ("“Bad Company.” Review of Gain, by Richard Powers. Boston Globe, …").
  if (quoted && segments[k]?.kind === 'note' && !segments[k]!.text.trim().startsWith('[')) {
    let first = k;
    while (segments[first]?.kind === 'note') first++;
    if (segments[first]?.kind === 'text') k = first;
  }
  // The container: a run of plain text.
  let containerEnd = -1;
  const containerStart = k;
  // (An institution after the container's name is its publisher: "Journal of the College of Science, Imperial University of Tokyo".)
  while (k < segments.length && segments[k]!.kind === 'text' && !(k > containerStart && isInstitution(segments[k]!.text))) k++;
  if (k > containerStart) {
    const run = segments.slice(containerStart, k);
    // "In International Conference on Computer Vision (ICCV). IEEE.": a name in a sentence of its own
    // after the container, with only numbers, a place or notes after it, is its publisher.
    const last = run[run.length - 1]!;
    // (Only in a book or proceedings named after "In", and after a real sentence end, not an abbreviation's; "Proceedings AAAI-91. AAAI.")
    if (out.inContainer && run.length >= 2 && /\./.test(text.slice(run[run.length - 2]!.end, last.start)) && /(?:\p{Ll}{3}|\)|\p{Lu}-?\d{2})$/u.test(run[run.length - 2]!.text) && testIn(publisherLike, tidyValue(last.text).replace(/\.$/, '')) && !last.text.split(/[\s.]+/).some((w) => referenceWords().proceedingsWords.has(phraseKey(w))) && segments.slice(k).every((x) => isNumeric(x) || x.kind === 'note' || x.kind === 'place')) {
      out.publisher = tidyValue(last.text).replace(/\.$/, '');
      run.pop();
    }
    // (Notes after it — "Retrieved from", "Web", "[PubMed]" — say nothing of what the run is.)
    const next = segments.slice(k).find((x) => x.kind !== 'note');
    // "Phys. Biol. 12": the full stop cut off before the numbers belongs to the abbreviation.
    const runEnd = run[run.length - 1]!.end;
    const raw = text.slice(run[0]!.start, runEnd + (text[runEnd] === '.' && testIn(abbreviatedEnd, text.slice(run[0]!.start, runEnd)) ? 1 : 0));
    // A journal abbreviation keeps its final full stop ("J. Am. Chem. Soc."); a sentence end goes.
    const lastWord = execIn(lettersThenStop, tidyValue(raw))?.[1] ?? '';
    const abbreviated = (/\.\s?\S/u.test(raw) && (referenceWords().abbreviations.has(lastWord) || shortCapitalisedWord(lastWord).test(lastWord))) || endsInDottedAbbreviation(tidyValue(raw));
    const container = tidyValue(raw).replace(/\.$/, (dot) => (abbreviated ? dot : ''));
    const words = referenceWords();
    const journalish = run.some((s) => s.text.split(/[\s.]+/).some((w) => words.journalWords.has(phraseKey(w)) || words.proceedingsWords.has(phraseKey(w))));
    // Plain words in lower case ("An introduction to the series") read as the title's end, not a container.
    const proseWords = (t: string) => t.split(/\s+/).filter((w) => proseWord(w).test(w) && !functionWords.has(w)).length;
    const prose = run.slice(0, -1).some((s) => proseWords(s.text) >= 2) || (!journalish && proseWords(container) >= 3) || /^[([]/.test(container);
    const yearOnly = next !== undefined && isNumeric(next) && segments.slice(k).every((x) => x.kind === 'note' || ((x.kind === 'date' || x.kind === 'numbers') && x.fields.volume === undefined && x.fields.page === undefined));
    const placeNext = next?.kind === 'place' && segments.slice(k + 1).every((x) => x.kind === 'date' || x.kind === 'numbers' || x.kind === 'note' || x.kind === 'place');
    // (An acronym and a year — "IJCV, 2008." — is a journal, below.)
    // (So is a short name alone after the title: "Title. Praeger.", "Title. Basil Blackwell.", but not an acronym: "Title. BMJ.")
    const lastSentence = !next && segments.length === 1 && testIn(shortName, container);
    // (In brackets an acronym and a year are a publisher's: "Title (CUP, 1977)".)
    if (!out.inContainer && !quoted && run.length === 1 && (yearOnly || placeNext || lastSentence) && !journalish && !(yearOnly && /^[A-Z]{2,8}$/.test(container) && !run[0]!.parenthesised) && /^\p{Lu}[\p{L}'’&.-]*(?:\s(?:\p{Lu}[\p{L}'’&.-]*|&|and|of|de|du|des|für|of the)){0,4}$/u.test(container)) {
      // "Athena Scientific, 2005." / "Charles Griffin, London.": a name in words, then only a year or a
      // place, is the publisher of a book.
      out.publisher = container;
      score += 2;
    } else if (out.inContainer || quoted || (next && (isNumeric(next) || next.kind === 'editors')) || journalish || !next) {
      out.container = container;
      containerEnd = runEnd;
      // "Lunar and Planetary Science XI, pp. 468-470": a Roman number ending the name before labelled pages is its volume.
      const roman = !out.inContainer && next && isLabelledNumbers(next) && next.fields.volume === undefined ? romanEnd(container).exec(container) : null;
      if (roman && roman[1]!.length >= 2) {
        out.container = container.slice(0, roman.index);
        out.volume = roman[1]!;
      }
      // "British Fiction since 1970": a name never ends in a preposition; the number right after it is the name's.
      const tail = segments[k];
      if (tail && isDateOnly(tail) && /\s(?:since|from|after|before|until|to|of|in)$/.test(container) && /^\s$/.test(text.slice(runEnd, tail.start)) && /^\d{1,4}\.?$/.test(tail.text.trim())) {
        out.container = `${container} ${tail.text.trim().replace(/\.$/, '')}`;
        containerEnd = tail.end;
        segments.splice(k, 1);
      }
      // Numbers with a volume or pages are strong evidence of a journal; a year alone is weak.
      const numbered = next && isNumeric(next) && (next.fields.volume !== undefined || next.fields.page !== undefined || next.fields.issue !== undefined || segments.slice(k).some((x) => isNumeric(x) && (x.fields.volume !== undefined || x.fields.page !== undefined)));
      // (An acronym and a year: "IJCV, 2008." — a journal, plausibly.)
      score += numbered ? 3 : yearOnly && (journalish || /^[A-Z]{2,8}$/.test(container)) ? 2 : next && isNumeric(next) ? 1 : journalish ? 2 : 0;
      // A name that opens with a meeting's word ("Proc. 6th Int'l. Conf. on …", "Proceedings of the …") names
      // proceedings, as plainly as "In" does; its abbreviations cut it into parts that cost nothing.
      const proceedingsFirst = !out.inContainer && proceedingsShaped(container).test(container) && words.proceedingsWords.has(phraseKey(container.split(/\s/)[0]!));
      // (So does a meeting's name with its place after it: "11th International Conference on …, CSCL2015. Gothenburg, Sweden.")
      const meetingPlaced = !out.inContainer && !proceedingsFirst && placeNext && /^\p{Lu}/u.test(container) && run[0]!.text.split(/[\s.,()]+/).some((w) => words.proceedingsWords.has(phraseKey(w)));
      if (proceedingsFirst || meetingPlaced) score += 1;
      else if (!out.inContainer) score -= 2 * (run.length - 1 - serialListParts(run)) + (prose ? 3 : 0);
      // "In Proceedings of … Bled, Slovenia.": the meeting's place, written after its name with no separator.
      // (Not when a place follows: "In The Best-Sellers of France (New York: Norton, 1995)" names a book about France.)
      const placed = (out.inContainer || proceedingsFirst) && !segments.slice(k).some(isPublishing) ? trailingPlace(container, journalish) : null;
      if (placed) {
        out.container = placed.container;
        fill(out, 'place', placed.place);
      }
      // A name never starts with a small word in lower case: "and Cybernetics", "of the ACM" are the end of one cut short.
      if (/^(?:and|or|of|on|for|to|&)\s/.test(container)) score -= 3;
    } else {
      // Plain text before a publisher: a series, or the title's end (the caller tries a later cut).
      out.unplaced.push(container);
      score -= 2;
    }
  }
  // (What follows a leading date is what the source opens with.)
  const opening = segments[dated];
  if (!out.container && opening && (k === dated || ['editors', 'translators'].includes(opening.kind))) {
    const kind = opening.kind;
    if (isPublishing(opening) || kind === 'genre' || kind === 'edition' || kind === 'editors' || kind === 'translators' || kind === 'series') score += 3;
    else if (isExtentOrContributors(opening)) score += 3;
    // A status note ends a title too ("…, to appear in …", "…. Submitted, 1998.").
    else if (opening.kind === 'note' && wordTest('statusNote', opening.text.trim())) score += 2;
    // Labelled numbers never belong to a title ("…, pp. 992-996", "… Vol. 15").
    else if (isLabelledNumbers(opening)) score += 3;
    // A date alone ends a title too ("…, 2015."), weakly.
    else if (isNumeric(opening)) score += segments.every(isNumeric) && segments.every((x) => x.fields.volume === undefined && x.fields.page === undefined) ? 2 : 1;
  }
  for (; k < segments.length; k++) {
    const s = segments[k]!;
    const f = s.fields;
    switch (s.kind) {
      case 'numbers':
      case 'date': {
        // A single number read as a page is the issue when pages follow ("XIV:4 (1994), 409-418");
        // a second number is the issue when pages follow ("36, 3 (1988), 454-469"), else the page ("ApJ, 607, 200").
        const pagesFollow = segments.slice(k + 1).some((x) => isNumeric(x) && x.fields.page !== undefined);
        // AMA's book and chapter: "Los Angeles, CA: Academic Press; 2011:45-67" — a year where a journal's volume
        // stands, right after the publisher, is the year.
        const afterPublisher = segments[k - 1]?.kind === 'place-publisher' || segments[k - 1]?.kind === 'publisher';
        if (afterPublisher && f.volume !== undefined && isYear(f.volume) && f.issue === undefined && out.volume === undefined && out.year === undefined) {
          out.year = Number(f.volume);
          if (f.page !== undefined) fill(out, 'page', f.page);
          break;
        }
        if (f.volume !== undefined && out.volume === undefined) out.volume = f.volume;
        // (A number in brackets alone is the issue: "Physical Review B 2002, 65, (11).")
        else if (f.volume !== undefined && out.page === undefined && f.page === undefined && out.volume !== undefined && /^[A-Za-z]?\d+$/.test(f.volume) && !pagesFollow && !s.parenthesised) out.page = f.volume;
        else if (f.volume !== undefined && out.issue === undefined && f.page === undefined) out.issue = f.volume;
        if (f.issue !== undefined) fill(out, 'issue', f.issue);
        if (f.page !== undefined && pagesFollow && /^\d{1,3}$/.test(f.page) && f.volume !== undefined && out.issue === undefined) out.issue = f.page;
        else if (f.page !== undefined) fill(out, 'page', f.page);
        if (f.year !== undefined) fill(out, 'year', f.year);
        if (f.month !== undefined && (out.month === undefined || out.year === undefined)) fill(out, 'month', f.month);
        if (f.day !== undefined) fill(out, 'day', f.day);
        if (f.series !== undefined) fill(out, 'series', f.series);
        break;
      }
      case 'place-publisher':
        fill(out, 'place', f.place);
        fill(out, 'publisher', f.publisher);
        fill(out, 'year', f.year);
        break;
      case 'place':
        fill(out, 'place', f.place);
        break;
      case 'publisher':
        fill(out, 'publisher', f.publisher);
        fill(out, 'year', f.year);
        break;
      case 'editors':
      case 'translators': {
        // "Translated by Robert Hurley, Helen R. Lane, and Mark Seem": the names run on over segments.
        let names = s.kind === 'editors' ? f.editors! : f.translators!;
        while (segments[k + 1]?.kind === 'text' && /^(?:(?:and|&)\s)?\p{Lu}/u.test(segments[k + 1]!.text)) {
          const more = scanAuthors(segments[k + 1]!.text.replace(/^(?:and|&)\s/, ''));
          if (!more || more.end < segments[k + 1]!.text.replace(/^(?:and|&)\s/, '').replace(/[.,]$/, '').length - 1) break;
          names = [...names, ...more.names];
          k++;
        }
        fill(out, s.kind === 'editors' ? 'editors' : 'translators', names);
        break;
      }
      case 'series':
        fill(out, 'series', f.series);
        break;
      case 'edition':
        fill(out, 'edition', f.edition);
        break;
      case 'genre':
        fill(out, 'genre', f.genre);
        fill(out, 'genreKind', f.genreKind);
        fill(out, 'number', f.number);
        // (The institution after the number is the publisher — "TR95-90 Computer Science Dept." —; a name before
        // the genre may be a series: "Stanford Research Institute Long Range Planning Report No. 125".)
        if (f.publisher && endsAlike(s.text, f.publisher)) fill(out, 'publisher', f.publisher);
        break;
      case 'note':
        fill(out, 'volumes', f.volumes);
        fill(out, 'pages', f.pages);
        break;
      case 'in':
        break;
      case 'text': {
        // After a genre: the institution ("PhD thesis, University of Toronto"); before a place: the publisher.
        const next = segments[k + 1];
        let value = tidyValue(s.text).replace(/\.$/, '');
        if (out.genreKind && !out.publisher && segments[k - 1]?.kind === 'genre') {
          // "PhD thesis, Dept. of Computer Science, University of Toronto": the institution, whole.
          let last = k;
          // (Up to a country or region: "Ph.D. Thesis, Universiteit Twente, Netherlands.")
          while (segments[last + 1]?.kind === 'text' && !isRegion(segments[last + 1]!.text.trim().replace(/\.$/, ''))) last++;
          value = tidyValue(text.slice(s.start, segments[last]!.end)).replace(/\.$/, '');
          k = last;
          out.publisher = value;
        } else if (!out.publisher && ((next && next.kind === 'place') || isInstitution(value))) out.publisher = value;
        // (A name, not a journal before its volume — "Ontario, Canada. Geology, v. 24" — nor a phrase: "and the Forging of …".)
        else if (!out.publisher && out.place && segments[k - 1]?.kind === 'place' && !/^(?:and|&|The|An?)\s/.test(value) && value.split(/\s+/).every((w) => !proseWord(w).test(w) || functionWords.has(w)) && !segments.slice(k + 1).some((x) => isNumeric(x) && x.fields.volume !== undefined)) out.publisher = value;
        // A country or region spelled out after the publisher is the place ("…, Universiteit Twente, Netherlands.").
        else if (!out.place && out.publisher && value.length >= 4 && isRegion(value)) out.place = value;
        // "John Wiley & Sons, Brisbane.": a short name after the publisher, with only a date or notes after it (a volume or
        // pages make it a journal: "… Study Group. Lancet 357:425"), is the place.
        else if (!out.place && segments[k - 1]?.kind === 'publisher' && /^\p{Lu}[\p{L}'’-]+(?:\s\p{Lu}[\p{L}'’-]+)?$/u.test(value) && segments.slice(k + 1).every((x) => x.kind === 'note' || (isNumeric(x) && x.fields.volume === undefined && x.fields.page === undefined))) out.place = value;
        else {
          out.unplaced.push(value);
          score -= 1;
        }
        break;
      }
    }
  }
  // In a book or proceedings named after "In", a bare number right after the name belongs to the name
  // ("Advances in Neural Information Processing Systems 6", "Proceedings of CHI 90", "Verdi 2001, 2 vols. (…, 2003)").
  const bare = out.inContainer && containerEnd >= 0 ? segments.find((x) => x.start === containerEnd + 1 && x.kind === 'numbers' && /^\d{1,4}[.,]?$/.test(x.text.trim())) : undefined;
  // (Not after a label: "Japanese/Korean Linguistics Volume 30", "Handbuch Band 3".)
  if (bare && out.container && !isLabel((out.container.split(' ').pop() ?? '').replace(/\.$/, ''))) {
    const n = bare.text.trim().replace(/[.,]$/, '');
    const laterYear = segments.find((x) => x !== bare && x.start > bare.start && x.fields.year !== undefined)?.fields.year;
    if (bare.fields.volume === n && out.volume === n) {
      out.container = `${out.container} ${n}`;
      delete out.volume;
    } else if (bare.fields.year !== undefined && laterYear !== undefined) {
      out.container = `${out.container} ${n}`;
      out.year = laterYear;
    }
  }
  out.score = score;
  return out;
}

// Patterns the code above reads, each in the form its text needs (src/refs/latin1.ts: issue 17, start-up).
// (Made on first use, so declared after the functions that read them.)
const threeLetters = latin1Pattern(() => /\p{L}{3}/u);
// "Bd. 3 (2)": a bracketed number at the end, after a letter.
const bracketedNumberEnd = latin1Pattern(() => /(?<=\p{L})\s?\((\d{1,2})\)\.?$/u);
// "D. C." at the end: initials joined ("D.C.").
const spacedInitials = latin1Pattern(() => /(\p{Lu})\.\s(?=\p{Lu}\.?$)/gu);
const anyCapital = latin1Pattern(() => /\p{Lu}/u);
const notLetterOrDigit = latin1Pattern(() => /[^\p{L}\p{N}]+/gu);
const capitalFirst = latin1Pattern(() => /^\p{Lu}/u);
const shortLowerWord = latin1Pattern(() => /^\p{Ll}{2,5}$/u);
// "in Russian": a note of the language in brackets.
const inPlace = latin1Pattern(() => /^in\s\p{Lu}\p{Ll}{2,11}$/u);
// A full stop or comma at the end, unless after a lone initial ("… J.").
const stopNotAfterInitial = latin1Pattern(() => /(?<!(?:^|\s)\p{Lu})[.,]$/u);
const andThenCapital = latin1Pattern(() => /^(?:and|&)\s\p{Lu}/u);
const leadingWord = latin1Pattern(() => /^\p{L}+/u);
const capitalisedStart = latin1Pattern(() => /^\p{Lu}\p{Ll}/u);
