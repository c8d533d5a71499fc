import { cslDate, type CslItem } from './csl.js';
import { parseCitationIndex } from './citation-index.js';
import { parseGbt, parseGbtFragment } from './gbt7714.js';
import { parseGeneral, takeBracketedGenre, typeNewspaper } from './general.js';
import { findIdentifiers, withoutSchemelessLinks, type Identifiers } from './identifiers.js';
import { tidy } from './vancouver.js';
import { isOrganisation, parseAuthors, spaceThenCapital } from './names.js';
import { referenceWords } from './data.js';
import { DIGITS, hasCjk, holdsEmptyPair, lazyPattern, opensWithOneOf, squashSpaces, stripEnds } from './text.js';
import { latin1Pattern, testIn } from './latin1.js';
import { isLabelLine } from './split.js';

export type { CslItem, CslName } from './csl.js';
export { restoreHyphens } from './vancouver.js';
export { parseAuthors, parseName } from './names.js';

/** How a reference string was read. */
export interface ParsedReference {
  csl: CslItem;
  /** Which layout matched: decides how much to trust the fields. */
  style: 'gbt7714' | 'elsevier' | 'cell' | 'citation-index' | 'sentence' | 'url' | 'identifier' | 'placeholder' | 'unparsed';
  /** Parts of the string the parser could not place in any field. */
  unplaced?: string[];
}

const issued = cslDate;

function withIds(csl: CslItem, ids: Identifiers): CslItem {
  if (ids.DOI) csl.DOI = ids.DOI;
  if (ids.PMID) csl.PMID = ids.PMID;
  if (ids.PMCID) csl.PMCID = ids.PMCID;
  if (ids.ISSN) csl.ISSN = ids.ISSN;
  if (ids.URL) csl.URL = ids.URL;
  return csl;
}

function stripIdentifiers(text: string): string {
  // (A bar before "DOI" only where a bar stands: the pattern opens with `\s*`, tried from every offset.)
  const bare = withoutSchemelessLinks(text.includes('|') ? text.replace(/\s*\|\s*(?=DOI)/i, ' ') : text)
    .replace(/\b(?:doi|DOI)\s*[:：]?\s*(?:https?:\/\/\S+|10\.\S+)/g, '')
    .replace(/\bhttps?:\/\/\S+/g, '')
    .replace(/\b(?:PMID|PMCID)\s*[:：]?\s*\S+/g, '')
    .replace(/\bISSN\s*[:：]?\s*\S+/g, '');
  // Brackets a link stood in ("… 268 (http://dx.doi.org/…).") are empty now.
  // (Asked only where a bracket stands: a pattern no text reaches is never compiled. Issue 17: start-up.)
  const unbracketed = holdsEmptyPair(bare, '(', ')') || holdsEmptyPair(bare, '[', ']') ? bare.replace(/\s?\(\s?\)|\s?\[\s?\]/g, '') : bare;
  return withoutAvailableAt(unbracketed);
}

/** `text` without an "Available at" its link was taken from ("… Consumers. Available at"), and the separators left at its ends. */
function withoutAvailableAt(text: string): string {
  return stripEnds(text.replace(/\bAvailable (?:from|at)\s*:?\s*$/i, ''), '', ',;.|([').trim();
}

// Shapes the code below reads, each in the form its text needs (src/refs/latin1.ts: issue 17, start-up).
const capitalisedWords = latin1Pattern(() => /^\p{Lu}[\p{L}'.-]*(?:\s+\p{Lu}[\p{L}'.-]*){0,3}$/u);

/** Elsevier's export: "A B, C D,Title,Journal,Volume 147,2025,114017,ISSN …,https://doi.org/…". */
function parseElsevier(core: string, csl: CslItem): boolean {
  // (No "Volume", no volume field.)
  if (!core.includes('Volume')) return false;
  // Elsevier separates fields with a bare comma and names with comma + space.
  const fields = core.split(/,(?=\S)/);
  const v = fields.findIndex((f) => /^Volume\s+[\w-]+$/.test(f.trim()));
  if (v < 2) return false;
  let authorText = fields.slice(0, v - 2).join(',');
  let title = fields[v - 2]!;
  if (v - 2 === 0) {
    // Names and title arrived joined by ", " (a line break lost): names come first.
    const parts = title.split(/,\s+/);
    let n = 0;
    while (n < parts.length - 1 && testIn(capitalisedWords, parts[n]!.trim())) n++;
    if (n === 0) return false;
    authorText = parts.slice(0, n).join(', ');
    title = parts.slice(n).join(', ');
  }
  csl.author = parseAuthors(authorText, true);
  csl.title = tidy(title);
  csl['container-title'] = tidy(fields[v - 1]!);
  csl.volume = fields[v]!.trim().replace(/^Volume\s+/, '');
  let k = v + 1;
  const issueField = fields[k]?.trim() ?? '';
  const issue = issueField.startsWith('Issue') ? /^Issue\s+([\w-]+)$/.exec(issueField) : null;
  if (issue) {
    csl.issue = issue[1]!;
    k++;
  }
  const year = /^((?:19|20)\d{2})$/.exec(fields[k]?.trim() ?? '');
  if (year) {
    csl.issued = issued(Number(year[1]))!;
    k++;
  }
  const page = /^(?:Pages?\s+)?([\w–-]+)$/.exec(fields[k]?.trim() ?? '');
  if (page && !fields[k]!.trim().startsWith('ISSN')) csl.page = page[1]!.replaceAll('–', '-');
  return true;
}

/** Cell Press pages copied without separators: "Title…arthritisFamily, Given et al.Journal, Volume 11, Issue 1, e41438". */
function parseCell(core: string, csl: CslItem): boolean {
  // (Both words needed; the lazy title would try every end.)
  if (!core.includes('et al.') || !core.includes('Volume')) return false;
  const m = /^(?<title>.+?\p{Ll})(?<family>\p{Lu}[\p{L}'-]+),\s*(?<given>[\p{L}.\s-]+?)\s+et al\.\s*(?<journal>[^,]+),\s*Volume\s+(?<volume>[\w-]+)(?:,\s*Issue\s+(?<issue>[\w-]+))?(?:,\s*(?<page>[\w–-]+))?/u.exec(core);
  if (!m?.groups) return false;
  const g = m.groups;
  csl.title = tidy(g.title!);
  csl.author = [{ family: g.family!, given: g.given!.trim() }];
  csl['container-title'] = tidy(g.journal!);
  csl.volume = g.volume!;
  if (g.issue) csl.issue = g.issue;
  if (g.page) csl.page = g.page;
  const year = /\b((?:19|20)\d{2})\b/.exec(core.slice(m[0].length));
  if (year) csl.issued = issued(Number(year[1]))!;
  return true;
}

// Shapes the code below reads, each in the form its text needs (src/refs/latin1.ts: issue 17, start-up).
const capitalsOnly = latin1Pattern(() => /^\p{Lu}{2,}(?:\s\p{Lu}){1,3}\.?$/u);

/** True when a reference entry carries no bibliographic content at all ("cde", "xxx", "TODO"). */
export function isPlaceholder(raw: string): boolean {
  const text = raw.trim();
  if (/https?:\/\/|\b10\.\d{4,9}\//i.test(text)) return false;
  // A year with anything around it is part of a citation ("[1936].", "2010 (6): 23.").
  if (/(?<!\d)(?:1[5-9]|20)\d{2}(?!\d)/.test(text) && /[\s,.:(\[]/.test(text)) return false;
  // A CJK character carries a word's worth: "李时珍." is a name, "cde" is not a reference.
  const letters = text.replace(/[^\p{L}\p{N}]/gu, '').replace(/[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]/gu, 'xxxx');
  // "LI J N": a family name in capitals with initials is a name, however short.
  if (capitalsOnly(text).test(text)) return false;
  return letters.length < 8 || !/[\s,，.。]/u.test(text) || referenceWords().placeholder.test(text);
}

// AMA's and Chicago's access date, ending a web reference: "… http://stemcells.nih.gov. Accessed June 17, 2013.",
// "(accessed June 7, 2015)." — month, day, comma, year, which the journal readers took for a container ("Accessed
// June"), a volume (17) and a page (2013). The day-first form ("Accessed 17 June 2013") was already a note.
// (Latin-1's letters written out, no property escape: see src/refs/latin1.ts.)
const accessDate = lazyPattern(() => /[\s.,;]\(?(?:last\s)?accessed(?:\son)?:?\s([A-Za-z\u00C0-\u00FF]{3,9})\.?\s(\d{1,2}),?\s((?:19|20)\d{2})\)?\.?$/i);

/** The reference without an access date at its end, the date set as the item's `accessed`. */
function takeAccessDate(core: string, csl: CslItem): string {
  const m = accessDate().exec(` ${core}`);
  const month = m ? referenceWords().months.get(m[1]!.toLowerCase()) : undefined;
  if (!m || month === undefined || Number(m[2]) < 1 || Number(m[2]) > 31) return core;
  csl.accessed = cslDate(Number(m[3]), month, Number(m[2]))!;
  // ("… products. Available at www.fda.gov/…. Accessed May 2, 2024.": the label before the link goes too.)
  return withoutAvailableAt(core.slice(0, Math.max(0, m.index - 1)));
}

/**
 * Nature's style, as a reference manager writes it where the volume is missing: "Title. Cytotherapy (2006)
 * doi:10.1080/…". A name alone before a bracketed year reads as a book's publisher ("Praeger (1998)"); with
 * an article's DOI after it (not a book's, whose DOI holds its ISBN's "978"), it is the journal.
 */
function journalBeforeYear(csl: CslItem, ids: Identifiers, core: string): void {
  const publisher = csl.publisher;
  if (csl.type !== 'book' || !ids.DOI || ids.DOI.includes('/978') || publisher === undefined) return;
  if (csl['publisher-place'] !== undefined || csl['container-title'] !== undefined || csl.edition !== undefined || csl.volume !== undefined) return;
  const year = csl.issued?.['date-parts']?.[0]?.[0];
  if (year === undefined || !core.endsWith(`${publisher} (${year})`)) return;
  csl['container-title'] = publisher;
  delete csl.publisher;
  csl.type = 'article-journal';
}

// An organisation's name as a web reference opens with it: up to eight words, each capitalised but the small ones.
const capitalisedName = lazyPattern(() => /^[A-Z]\S*(?: (?:[A-Z&]\S*|of|for|and|the|on|in|de|und)){0,7}$/);
// A title holding a sentence of its own ("… kits. Buy now") or a slash (a broken link's rest) is no page's; a
// numbered part's full stop ("Stem cell basics: 1. Introduction") is the title's own.
const notPageTitle = lazyPattern(() => /(?<!(?:^|[:\s])\d{1,2})\. |\//);
// A title as a sentence writes it: a word of three small letters or more ("Graft-versus-host disease").
const smallWord = lazyPattern(() => /(?:^|[\s-])[a-z]{3,}(?:$|[\s,-])/);

/** The end of a reference's first part: its first ". " that no capital's initial ("U.S. Food …") ends. */
function firstPartEnd(core: string): number {
  let cut = core.indexOf('. ');
  // (A capital alone before the full stop, at the start or after a full stop: an initial of an abbreviation.)
  while (cut > 0 && /[A-Z]/.test(core[cut - 1]!) && (cut === 1 || core[cut - 2] === '.')) cut = core.indexOf('. ', cut + 2);
  return cut;
}

/**
 * A web page an organisation publishes, as AMA and Vancouver lists cite one: "New York Blood Center. National
 * Cord Blood Program. Available at: http://…". With its link taken, two parts: an organisation's name (a word of
 * the data's organisationWords) and the page's title, holding no full stop of its own but a numbered part's
 * ("National Institutes of Health. Stem cell basics: 1. Introduction."). As a GB/T fragment the two were one
 * corporate name. Or the other way round, the title first and the site's name after it, as health sites are
 * cited ("Graft-versus-host disease. Medline Plus. Available at: …"): a title with a small word, a name of four
 * capitalised words at most and no digit, the site the page's container. Asked only of a reference with a link
 * and no DOI; a title holding a slash ("CIA World Factbook. Available at https://www.cia.gov/ library/…": a
 * link broken by a space left its rest) is none.
 */
function organisationPage(core: string, csl: CslItem, ids: Identifiers): boolean {
  if (!ids.URL || ids.DOI) return false;
  const cut = firstPartEnd(core);
  if (cut <= 0) return false;
  const name = core.slice(0, cut);
  const title = tidy(core.slice(cut + 2));
  if (!title || notPageTitle().test(title)) return false;
  if (capitalisedName().test(name) && isOrganisation(name)) {
    Object.assign(csl, { type: 'webpage', author: [{ literal: name }], title });
    return true;
  }
  // Title first: the site's name the second part, short and capitalised.
  if (/[.\d]/.test(title) || title.split(' ').length > 4 || !capitalisedName().test(title) || !smallWord().test(name) || notPageTitle().test(name)) return false;
  Object.assign(csl, { type: 'webpage', title: tidy(name), 'container-title': title });
  return true;
}

const gluedEtAl = lazyPattern(() => /(?<![A-Za-z])et al\.(?=[A-Z][a-z])/g);
// Wikipedia's lettered links back to each place citing the entry ("a b c \"Title\". …"), left before its text. What
// follows them, a quotation mark or a capital, is asked apart ({@link withoutLetteredBacklinks}): a `\p{…}` written
// in a literal is looked up in ICU each time the bundle is parsed without its code cache (BENCHMARKS.md, change 238).
const letteredBacklinks = lazyPattern(() => /^\^?\s?a b(?: [c-z])* /);

/**
 * `text` without Wikipedia's lettered backlinks ({@link letteredBacklinks}) where a quotation mark or a capital
 * follows them. (The longest run of letters is the only one to ask: a shorter one is followed by a small letter.)
 */
function withoutLetteredBacklinks(text: string): string {
  const m = letteredBacklinks().exec(text);
  if (m === null) return text;
  const at = m[0].length;
  const next = text[at];
  return next === '"' || next === '“' || testIn(spaceThenCapital, text.slice(at - 1, at + 2)) ? text.slice(at) : text;
}
const piiLocator = lazyPattern(() => /(;\s?\d{1,4})\.\s?pii:\s?(e\d{3,8})(?=\.?(?:\s|$))/);
// A page range whose dash a copy lost ("19, 1023 1028.", ":13625 13630."): two numbers of as many digits, the
// second the larger, after a volume's comma or colon and ending the source.
const undashedRange = lazyPattern(() => /(?<=[:,] ?)(\d{2,6}) (\d{2,6})(?=\.?$|[.;] )/);

/**
 * `text` without a link label an index page glued to the entry's last full stop ("… 1276–1284.Google Scholar"):
 * the part after the last full stop, after a digit, that a capital opens and list labels alone make (the data's
 * `listLabels`). The label test is asked only of a part of ASCII letters and spaces: it reads its text with a
 * `\p{…}` pattern, whose property sets ICU builds at its first use (BENCHMARKS.md, change 235).
 */
function withoutGluedLabels(text: string): string {
  const stop = text.lastIndexOf('.', text.length - 2);
  const before = text.charCodeAt(stop - 1);
  const first = text.charCodeAt(stop + 1);
  if (stop <= 0 || text.length - stop > 60 || before < 0x30 || before > 0x39 || first < 0x41 || first > 0x5a) return text;
  for (let i = stop + 2; i < text.length; i++) {
    const c = text.charCodeAt(i) | 0x20;
    if (c !== 0x20 && (c < 0x61 || c > 0x7a)) return text;
  }
  return isLabelLine(text.slice(stop + 1)) ? text.slice(0, stop + 1) : text;
}

/** Whether a number is shaped as a year of references (1500–2099). */
function isYearShaped(digits: string): boolean {
  return digits.length === 4 && (digits.startsWith('20') || (digits[0] === '1' && digits[1]! >= '5'));
}

/** `text` with a page range's lost dash put back (`undashedRange`): two numbers of as many digits, the second larger. */
function withRangeDash(text: string): string {
  const m = undashedRange().exec(text);
  // (Two years are a span of years, never pages: "Blood, 1998 2001.")
  if (!m || m[1]!.length !== m[2]!.length || Number(m[2]) <= Number(m[1]) || (isYearShaped(m[1]!) && isYearShaped(m[2]!))) return text;
  return `${text.slice(0, m.index)}${m[1]}-${m[2]}${text.slice(m.index + m[0].length)}`;
}

/** Whether `text` holds a digit, a space and a digit, each space's neighbours read by their char codes. */
function holdsSpacedDigits(text: string): boolean {
  for (let i = text.indexOf(' ', 1); i > 0 && i < text.length - 1; i = text.indexOf(' ', i + 1)) {
    const before = text.charCodeAt(i - 1);
    const after = text.charCodeAt(i + 1);
    if (before >= 0x30 && before <= 0x39 && after >= 0x30 && after <= 0x39) return true;
  }
  return false;
}

/** Parses one reference string into a CSL-JSON item (id given by the caller). */
export function parseReference(raw: string, id: string): ParsedReference {
  // Line-break hyphens from PDF copies ("Oppenhei- mer", "vol- ume") would split names and words.
  // A hyphen before a capital stays ("Griffiths- Jones" → "Griffiths-Jones"), and so does a suspended one
  // before "and" or "or" ("blood- and bone-marrow-derived"; the data's suspendedHyphenWords).
  // A spacing accent before its vowel, as PDF copies write it ("Arbel´aez", "Mu¨ller"), is the accented letter.
  // (Each fold only where its character stands.)
  let text = squashSpaces(raw).trim();
  if (text.includes('- ')) text = text.replace(referenceWords().lineBreakHyphen, '$1$2').replace(/(\p{L})- (\p{Lu})/gu, '$1-$2');
  if (text.includes('\u00B4') || text.includes('\u00A8')) {
    text = text.replace(/(?<=\p{Ll})([\u00B4\u00A8])([aeiou])(?=\p{Ll})/gu, (_, accent: string, vowel: string) => `${vowel}${accent === '\u00B4' ? '\u0301' : '\u0308'}`.normalize('NFC'));
  }
  // Spacing a page's markup left: a comma doubled where a name's two parts were two elements
  // ("Abramson,, S., Miller,, R.", Wiley's online lists) and a bracket padded inside ("( 1997)").
  if (text.includes(',,')) text = text.replace(/,(?:\s?,)+/g, ',');
  if (text.includes('( ') || text.includes(' )')) text = text.replace(/\( (?=\S)/g, '(').replace(/(?<=\S) \)/g, ')');
  // "…,CAELA M,et al.Rapid Expansion …[J]": a Chinese site's Latin list drops the space after "et al.", and the
  // names then run into the title; a capital and a small letter after it open the title.
  if (text.includes('et al.')) text = text.replace(gluedEtAl(), 'et al. ');
  // Wikipedia's links back to each place that cites the entry ("4.0 4.1 \"Progressive divergence …\""), left before
  // its text when a page is copied: the entry's number, then ".0", ".1", … (asked only of a text opening with a digit).
  if (opensWithOneOf(text, DIGITS) && text.includes('.0 ')) text = text.replace(/^(\d{1,3})\.0 (?:\1\.\d{1,2} )+/, '');
  // (Their lettered form, "a b c", asked only of a text opening with "a" or "^".)
  else if (opensWithOneOf(text, 'a^') && text.includes('a b ')) text = withoutLetteredBacklinks(text);
  // (A label glued to a full stop only where the text ends in a small letter, as every label does.)
  const last = text.charCodeAt(text.length - 1);
  if (last >= 0x61 && last <= 0x7a) text = withoutGluedLabels(text);
  // PubMed's ahead-of-print "2015; 35. pii: e00191": the publisher's item number an e-locator, the article's page.
  if (text.includes('pii:')) text = text.replace(piiLocator(), '$1:$2');
  // (A lost dash only where two numbers stand a space apart, tested by char codes around each space.)
  if (holdsSpacedDigits(text)) text = withRangeDash(text);
  const ids = findIdentifiers(text);
  const csl: CslItem = { id, type: 'article-journal' };
  if (isPlaceholder(text)) return { csl: { id, type: 'document' }, style: 'placeholder' };
  // Real references are a few hundred characters; the parsing patterns never see more than 2,000.
  if (text.length > 2000) return { csl: { id, type: 'document' }, style: 'unparsed' };
  let core = stripIdentifiers(text);
  // (Asked only where the word stands: "ccessed" holds both cases of its first letter.)
  if (core.includes('ccessed')) core = takeAccessDate(core, csl);
  if (!core) {
    // A bare link: a publisher page with a DOI is an article; anything else a web page.
    if (!ids.DOI) csl.type = 'webpage';
    return { csl: withIds(csl, ids), style: ids.URL ? 'url' : 'identifier' };
  }
  const gbt = parseGbt(core, csl);
  if (gbt) return { csl: withIds(csl, ids), style: 'gbt7714', unplaced: gbt.unplaced };
  if (organisationPage(core, csl, ids)) return { csl: withIds(csl, ids), style: 'sentence' };
  // One element on its own ("李时珍.", "EINSTEIN A.", "北京: 人民出版社, 2013.", "2001, 1 (1): 5-6.").
  if ((hasCjk(core) || core.length <= 100) && parseGbtFragment(core, csl)) return { csl: withIds(csl, ids), style: 'gbt7714' };
  if (parseElsevier(core, csl)) return { csl: withIds(csl, ids), style: 'elsevier' };
  if (parseCell(core, csl)) return { csl: withIds(csl, ids), style: 'cell' };
  if (parseCitationIndex(core, csl, ids.DOI)) return { csl: withIds(csl, ids), style: 'citation-index' };
  const general = parseGeneral(core, csl);
  if (general) {
    takeBracketedGenre(csl);
    typeNewspaper(csl, ids);
    journalBeforeYear(csl, ids, core);
  }
  if (general) return { csl: withIds(csl, ids), style: 'sentence', unplaced: general.unplaced };
  return { csl: withIds({ id, type: ids.DOI ? 'article-journal' : 'document' }, ids), style: 'unparsed' };
}
