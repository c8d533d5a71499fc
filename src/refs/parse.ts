import { cslDate, type CslItem, type CslName } from './csl.js';
import { parseGbt, parseGbtFragment } from './gbt7714.js';
import { parseGeneral } from './general.js';
import { findIdentifiers, type Identifiers } from './identifiers.js';
import { readSource, restoreHyphens, sentenceEnds, tidy, type Source } from './vancouver.js';
import { parseAuthors } from './names.js';
import { hasCjk } from './text.js';

export type { CslItem, CslName } from './csl.js';
export { restoreHyphens } from './vancouver.js';
export { parseAuthors, parseName } from './names.js';

/** How a reference string was read. */
export interface ParsedReference {
  csl: CslItem;
  /** Which layout matched: decides how much to trust the fields. */
  style: 'gbt7714' | 'elsevier' | 'cell' | 'sentence' | 'url' | 'identifier' | 'placeholder' | 'unparsed';
  /** Parts of the string the parser could not place in any field. */
  unplaced?: string[];
}

const issued = cslDate;

// "Toroser D, Sohal RS" / "Lin J-J, Chang H-T and Wu K": checked name by name, so no pattern
// nests quantifiers over the whole list (the single-regex form backtracked exponentially).
const vancouverName = /^(?:[\p{L}'’-]+ )*?[\p{L}'’-]+ +[A-Z](?:-?[A-Z]){0,3}(?: (?:Jr|Sr|2nd|3rd|II|III))?$/u;
function isVancouverAuthorList(text: string): boolean {
  const names = text.replace(/,? et al\.?$/, '').split(/, +| +and +/);
  return names.length > 0 && names.every((n) => n.length <= 80 && vancouverName.test(n));
}
// "M Casadio, PG Morasso, V Sanguineti, Title" / "E.J. Hoffmann, Y. Stech, Title": initials first, then the title.
const initialsFirstAuthors = /^(?:(?:[A-Z]{1,3}|(?:[A-Z]\.-?){1,3})\s?[\p{Lu}][\p{L}'’-]+(?:\s[\p{Lu}][\p{L}'’-]+)?(?:\s(?:Jr|Sr)\.?)?(?:\s+et al\.?)?(?:,\s+(?:and\s+)?|\s+and\s+))+/u;
// "Ly, T., Julian, R.R.: Title" (Springer with a colon).
const springerColonAuthors = /^(?:[\p{Lu}][\p{L}'’-]+(?:\s[\p{Lu}][\p{L}'’-]+)?,\s(?:[A-Z]\.-?\s?){1,4}(?:,\s(?:and\s|&\s)?|\s(?:and|&)\s)?)+(?:et al\.?)?$/u;

// "Kupeli Esra, Orhan Ilkay, Yesilada Erdem": capitalised words, commas and name particles only.
const namesOnly = /^[\p{Lu}][\p{L}'’".-]*(?:,?\s+(?:[\p{Lu}][\p{L}'’".-]*|and|et al\.?|van|de|der|den|von|le|la|du|da|dos|of|for|the))*$/u;
// After an initial, the author list goes on when what follows is another name.
const moreNames = /^(?:[A-Z]\.[\s,-]|[A-Z]\.?[A-Z]\.|and\s|&\s|et al|[\p{Lu}][\p{L}'’-]+,\s*[A-Z]\.)/u;

const rockefellerAuthors = /^((?:\p{Ll}+\s)*\p{Lu}[\p{L}'’-]+(?:\s\p{Lu}[\p{L}'’-]+)*,\s(?:[A-Z]\.\s?-?)+(?:,?\s(?:and\s)?(?:[A-Z]\.\s?-?)+(?:[\p{Lu}\p{Ll}][\p{L}'’-]+\s)*\p{Lu}[\p{L}'’-]+(?:,?\s(?:Jr|Sr)\.?)?)+\.?)[.,]?\s+(?=\S)/u;
const springerCommaAuthors = /^((?:\p{Lu}[\p{L}'’-]+(?:\s\p{Lu}[\p{L}'’-]+)?,\s(?:[A-Z]\.\s?-?)+(?:,\s(?:and\s|&\s)?|\s(?:and|&)\s))+\p{Lu}[\p{L}'’-]+(?:\s\p{Lu}[\p{L}'’-]+)?,\s(?:[A-Z]\.\s?-?)+(?:,?\s?(?:Jr|Sr)\.?)?),\s+(?=\p{Lu})(?!\p{Lu}[\p{L}'’-]+(?:\s\p{Lu}[\p{L}'’-]+)?,\s[A-Z]\.)/u;
const semicolonAuthors = /^((?:[^;.]+?(?:\s[A-Z]\.)+\s?;\s)+\p{Lu}[\p{L}'’-]+(?:\s[A-Z]\.)+)\s+(?=\p{Lu})/u;

/** Where the author list ends, and where the rest (title …) begins. */
function authorEnd(text: string): { end: number; restStart: number } | null {
  // Rockefeller: "Chesla, S.E., P. Selvaraj, and C. Zhu. 1998. Title."
  const dottedYear = /(?:(?<=\.)|,)\s+((?:1[89]|20)\d{2}[a-z]?)\.\s+(?=\S)/.exec(text);
  if (dottedYear && dottedYear.index < text.length * 0.8) return { end: dottedYear.index, restStart: dottedYear.index + dottedYear[0].length };
  // "Briggs, A. H., D. E. Wonderling, and C. Z. Mooney. Title" / "Liu, S., Hobgood, C., and Brice, J. H., Title"
  const listed = rockefellerAuthors.exec(text) ?? springerCommaAuthors.exec(text) ?? semicolonAuthors.exec(text);
  if (listed) return { end: listed[1]!.length, restStart: listed[0].length };
  const first = initialsFirstAuthors.exec(text);
  if (first && /,\s*$|\band\s*$/.test(first[0]) && !/^\p{Lu}[\p{L}'’-]+\s+[A-Z]{1,4}[,.]/u.test(text)) {
    return { end: first[0].replace(/(?:,\s*(?:and\s*)?|\s+and\s*)$/, '').length, restStart: first[0].length };
  }
  const year = /\s*\(((?:1[89]|20)\d{2})[a-z]?\)[.,]?\s*/.exec(text);
  if (year && year.index > 0 && year.index < text.length * 0.8 && !/[.?!]\s/.test(text.slice(0, year.index).replace(/\b[A-Z]\.\s?/g, 'X'))) {
    return { end: year.index, restStart: year.index + year[0].length };
  }
  const bareYear = /(?<=[A-Z]\.?)\s+((?:19|20)\d{2}[a-z]?)\.?\s+(?=\p{Lu})/u.exec(text);
  if (bareYear && bareYear.index < text.length * 0.5 && !/[.?!]\s/.test(text.slice(0, bareYear.index).replace(/\b[A-Z]\.\s?/g, 'X'))) {
    return { end: bareYear.index, restStart: bareYear.index + bareYear[0].length };
  }
  // BioMed Central: "Shevach EM: Title" / "Toroser D, Sohal RS: Title".
  const colon = /:\s+/.exec(text);
  const beforeColon = colon ? text.slice(0, colon.index) : '';
  if (colon && !/\.\s+\S/.test(beforeColon) && (isVancouverAuthorList(beforeColon) || springerColonAuthors.test(beforeColon) || namesOnly.test(beforeColon))) return { end: colon.index, restStart: colon.index + colon[0].length };
  const etal = /\bet\.?\s*al\.?[,:]?\s+/i.exec(text);
  if (etal && etal.index < text.length * 0.7) return { end: etal.index + etal[0].trimEnd().length, restStart: etal.index + etal[0].length };
  const re = /([^\s;]+)\.\s+(?=\S)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const token = m[1]!.replace(/^[(]/, '').replace(/,\*?$/, '');
    const isInitials = /^(?:[A-Z][a-z]?\.?-?){1,4}$/.test(token) || /^(?:[A-Z]\.)+[A-Z]$/.test(token) || /^[A-Z]{1,4}$/.test(token) || /,\*$/.test(m[0]) || /^MD[a-z]?,?\*?$/.test(token);
    const before = text.slice(0, m.index).replace(/\b(?:van|von|der|den|del|della|and|et al)\b/g, '');
    if (isInitials && !moreNames.test(text.slice(m.index + m[0].length)) && !/(?:^|\s)\p{Ll}{4,}\b/u.test(before)) {
      return { end: m.index + m[1]!.length + 1, restStart: m.index + m[0].length };
    }
  }
  return null;
}

function withIds(csl: CslItem, ids: Identifiers): CslItem {
  if (ids.DOI) csl.DOI = ids.DOI;
  if (ids.PMID) csl.PMID = ids.PMID;
  if (ids.PMCID) csl.PMCID = ids.PMCID;
  if (ids.ISSN) csl.ISSN = ids.ISSN;
  if (ids.URL) csl.URL = ids.URL;
  return csl;
}

function stripIdentifiers(text: string): string {
  return text
    .replace(/\s*\|\s*(?=DOI)/i, ' ')
    .replace(/\b(?:doi|DOI)\s*[:：]?\s*(?:https?:\/\/\S+|10\.\S+)/g, '')
    .replace(/\bhttps?:\/\/\S+/g, '')
    .replace(/\b(?:PMID|PMCID)\s*[:：]?\s*\S+/g, '')
    .replace(/\bISSN\s*[:：]?\s*\S+/g, '')
    .replace(/\bAvailable (?:from|at)\s*:?\s*$/i, '')
    .replace(/[\s,;.|]+$/g, '')
    .trim();
}

/** Elsevier's export: "A B, C D,Title,Journal,Volume 147,2025,114017,ISSN …,https://doi.org/…". */
function parseElsevier(core: string, csl: CslItem): boolean {
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
    while (n < parts.length - 1 && /^\p{Lu}[\p{L}'.-]*(?:\s+\p{Lu}[\p{L}'.-]*){0,3}$/u.test(parts[n]!.trim())) n++;
    if (n === 0) return false;
    authorText = parts.slice(0, n).join(', ');
    title = parts.slice(n).join(', ');
  }
  csl.author = parseAuthors(authorText, true);
  csl.title = tidy(title);
  csl['container-title'] = tidy(fields[v - 1]!);
  csl.volume = fields[v]!.trim().replace(/^Volume\s+/, '');
  let k = v + 1;
  const issue = /^Issue\s+([\w-]+)$/.exec(fields[k]?.trim() ?? '');
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
  if (page && !/^ISSN/.test(fields[k]!.trim())) csl.page = page[1]!.replace(/–/g, '-');
  return true;
}

/** Cell Press pages copied without separators: "Title…arthritisFamily, Given et al.Journal, Volume 11, Issue 1, e41438". */
function parseCell(core: string, csl: CslItem): boolean {
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

function applySource(csl: CslItem, source: Source, fallbackYear: RegExpExecArray | null): void {
  csl['container-title'] = source.journal;
  const year = source.year ?? (fallbackYear ? Number(fallbackYear[1]) : null);
  const date = issued(year, source.month, source.day);
  if (date) csl.issued = date;
  if (source.volume) csl.volume = source.volume;
  if (source.issue) csl.issue = source.issue;
  if (source.page) csl.page = source.page;
}

/** Sentence-shaped styles (Vancouver/PubMed, Springer, MDPI, Frontiers, Wiley, Wolters Kluwer). */
function parseSentence(core: string, csl: CslItem): boolean {
  // IEEE / OSA: Authors, "Title," Journal 36, 21-31 (1997).
  const quoted = /^(?<authors>[^"“]{2,}?),?\s*["“](?<title>[^"”]{10,}?)[,.]?["”],?\s*(?<rest>.*)$/u.exec(core);
  if (quoted?.groups) {
    const source = readSource(quoted.groups.rest!.replace(/^in\s+/i, ''));
    if (source) {
      const names = parseAuthors(quoted.groups.authors!, true);
      if (names.length) csl.author = names;
      csl.title = tidy(quoted.groups.title!);
      applySource(csl, source, /\(((?:19|20)\d{2})\)/.exec(quoted.groups.rest!));
      return true;
    }
  }
  const authors = authorEnd(core);
  const body = authors ? core.slice(authors.restStart) : core;
  if (authors) {
    const names = parseAuthors(core.slice(0, authors.end).replace(/\.$/, '').replace(/((?:[A-Z]\.)+[A-Z])$/, '$1.'));
    if (names.length > 0) csl.author = names;
  }
  const yearInAuthors = authors ? /\(((?:19|20)\d{2})[a-z]?\)/.exec(core.slice(authors.end, authors.restStart)) : null;
  // The title ends at the first sentence end after which the rest reads as a journal source.
  for (const end of sentenceEnds(body)) {
    const source = readSource(body.slice(end).trim());
    if (!source) continue;
    csl.title = tidy(body.slice(0, end)).replace(/\.$/, '').replace(/^\d{1,3}\.\s+(?=\p{Lu})/u, '').replace(/^(?:1[89]|20)\d{2}[a-z]?\.?\s+/, '');
    applySource(csl, source, yearInAuthors ?? /\b((?:19|20)\d{2})\b/.exec(body.slice(end)));
    return csl.title.length > 0;
  }
  // No recognisable source: keep the first sentence as the title.
  const [first] = sentenceEnds(body);
  const title = tidy(first ? body.slice(0, first) : body).replace(/\.$/, '');
  if (title.length >= 10 && /\s/.test(title)) {
    csl.title = title;
    const year = /\b((?:19|20)\d{2})\b/.exec(body.slice(first ?? 0)) ?? yearInAuthors;
    if (year) csl.issued = issued(Number(year[1]))!;
    return true;
  }
  return false;
}

/** True when a reference entry carries no bibliographic content at all ("cde", "xxx", "TODO"). */
export function isPlaceholder(raw: string): boolean {
  const text = raw.trim();
  if (/https?:\/\/|\b10\.\d{4,9}\//i.test(text)) return false;
  // A year with anything around it is part of a citation ("[1936].", "2010 (6): 23.").
  if (/(?<!\d)(?:1[5-9]|20)\d{2}(?!\d)/.test(text) && /[\s,.:(\[]/.test(text)) return false;
  // A CJK character carries a word's worth: "李时珍." is a name, "cde" is not a reference.
  const letters = text.replace(/[^\p{L}\p{N}]/gu, '').replace(/[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]/gu, 'xxxx');
  // "LI J N": a family name in capitals with initials is a name, however short.
  if (/^\p{Lu}{2,}(?:\s\p{Lu}){1,3}\.?$/u.test(text)) return false;
  return letters.length < 8 || !/[\s,，.。]/u.test(text) || /^(?:todo|tbd|xxx+|placeholder|待补充|待定)$/i.test(text);
}

/** Parses one reference string into a CSL-JSON item (id given by the caller). */
export function parseReference(raw: string, id: string): ParsedReference {
  // Line-break hyphens from PDF copies ("Oppenhei- mer", "vol- ume") would split names and words.
  // A hyphen before a capital stays ("Griffiths- Jones" → "Griffiths-Jones").
  const text = raw.replace(/\s+/g, ' ').trim().replace(/(\p{Ll})- (\p{Ll})/gu, '$1$2').replace(/(\p{L})- (\p{Lu})/gu, '$1-$2');
  const ids = findIdentifiers(text);
  const csl: CslItem = { id, type: 'article-journal' };
  if (isPlaceholder(text)) return { csl: { id, type: 'document' }, style: 'placeholder' };
  // Real references are a few hundred characters; the parsing patterns never see more than 2,000.
  if (text.length > 2000) return { csl: { id, type: 'document' }, style: 'unparsed' };
  const core = stripIdentifiers(text);
  if (!core) {
    // A bare link: a publisher page with a DOI is an article; anything else a web page.
    if (!ids.DOI) csl.type = 'webpage';
    return { csl: withIds(csl, ids), style: ids.URL ? 'url' : 'identifier' };
  }
  const gbt = parseGbt(core, csl);
  if (gbt) return { csl: withIds(csl, ids), style: 'gbt7714', unplaced: gbt.unplaced };
  // One element on its own ("李时珍.", "EINSTEIN A.", "北京: 人民出版社, 2013.", "2001, 1 (1): 5-6.").
  if ((hasCjk(core) || core.length <= 100) && parseGbtFragment(core, csl)) return { csl: withIds(csl, ids), style: 'gbt7714' };
  if (parseElsevier(core, csl)) return { csl: withIds(csl, ids), style: 'elsevier' };
  if (parseCell(core, csl)) return { csl: withIds(csl, ids), style: 'cell' };
  if (process.env.REFS_LEGACY) {
    if (parseSentence(core, csl)) return { csl: withIds(csl, ids), style: 'sentence' };
  } else {
    const general = parseGeneral(core, csl);
    if (general) return { csl: withIds(csl, ids), style: 'sentence', unplaced: general.unplaced };
  }
  return { csl: withIds({ id, type: ids.DOI ? 'article-journal' : 'document' }, ids), style: 'unparsed' };
}
