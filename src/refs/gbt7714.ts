import { cslDate, type CslItem } from './csl.js';
import { phraseKey, referenceWords, wordPattern } from './data.js';
import { gbtName, gbtNames, isOrganisation } from './names.js';
import { hasCjk, lazyPattern, matchingView, splitTopLevel, tidyValue, trimSpan, type Span } from './text.js';
import { latin1Pattern, testIn } from './latin1.js';

/**
 * GB/T 7714-2015, the Chinese standard for references ("李炳穆. 韩国图书馆法[J]. 图书情报工作,
 * 2008, 52(6): 6-21."). Its grammar is explicit: responsibility. title: other title
 * information[type code/carrier]. other responsibility. edition. place: publisher, year:
 * pages[access date]. URL. DOI. A part of a work adds "//" and the work's own responsibility
 * and title after the code. The type code sets the CSL type (data/references.json) and never
 * stays in a title.
 */

// The tests of an element's end below, in their Latin-1 forms on Latin-1 text (src/refs/latin1.ts:
// no ICU lookup of \p{Lu} there; written inline, an English list's ingest parsed them in elementEnd's
// first compile, made and compiled them: ~20 lookups, ~7 M instructions; issue 17: start-up).
// A capital closing the text before a full stop, after a space, a stop, a bracket or nothing ("A" of "A. A. Balkema").
const capitalBefore = latin1Pattern(() => /(?:^|[\s.(])\p{Lu}$/u);
// An initial after the full stop's space (" A.").
const initialAfter = latin1Pattern(() => /^ \p{Lu}\./u);
// A chain of initials up to the full stop ("A. B").
const initialChain = latin1Pattern(() => /\p{Lu}\.\s\p{Lu}$/u);
// A capital opening a name before the full stop ("H" of "H. Fischer", "A" of ", A. Jones").
const nameInitial = latin1Pattern(() => /(?:^|[,(]\s?)\p{Lu}$/u);
// What ends an element after an abbreviation: a place's "Word:" or a CJK character.
const afterAbbreviation = latin1Pattern(() => /^ (?:\p{Lu}\p{Ll}+:|[\p{Script=Han}])/u);

// Element separator: a full stop (ASCII, full-width or ideographic, folded to ".") that ends an
// element: followed by a space, a CJK character, an opening bracket or the end.
function elementEnd(view: string, i: number): number {
  if (view[i] !== '.') return 0;
  const next = view[i + 1];
  const prev = view[i - 1] ?? '';
  if (next === undefined) return 1;
  // "1.1-1.36", "01128777.2", "A. A. Balkema" (an initial), "U.S.", "Univ. of", "D.C.": not an end.
  if (/\d/.test(prev) && /\d/.test(next)) return 0;
  if (next === ' ') {
    const before = view.slice(Math.max(0, i - 4), i);
    // "A. A. Balkema": initials with full stops run on; "IGLER D. A companion" ends the names.
    if (testIn(capitalBefore, before) && testIn(initialAfter, view.slice(i + 1, i + 4))) return 0;
    // "A. A. Balkema": the second initial of a chain runs on too.
    if (testIn(initialChain, view.slice(Math.max(0, i - 4), i))) return 0;
    // "H. Fischer", "J. Smith, A. Jones": an initial that opens a name is no end.
    if (testIn(nameInitial, view.slice(Math.max(0, i - 3), i))) return 0;
    if (/(?:^|[\s(])(?:Univ|Dept|Natl|Assoc|St|Dr|Mt|Rev|Eng|Mass|Colo|Calif|Ill|Conn)$/.test(view.slice(Math.max(0, i - 7), i)) && !testIn(afterAbbreviation, view.slice(i, i + 8))) return 0;
    return 1;
  }
  if (hasCjk(next) || next === '[' || next === '(' || next === '“') return 1;
  return 0;
}

/** The elements of a GB/T string between `from` and `to`, split at element-ending full stops. */
function elements(view: string, from: number, to: number): Span[] {
  return splitTopLevel(view, (i) => elementEnd(view, i), from, to);
}

const year = lazyPattern(() => /(?<!\d)(1[5-9]\d{2}|20\d{2})(?!\d)/);
const isoDate = lazyPattern(() => /(?<!\d)(1[5-9]\d{2}|20\d{2})-(\d{1,2})(?:-(\d{1,2}))?(?!\d)/);
const dateOf = (text: string) => {
  const m = isoDate().exec(text);
  if (m) return cslDate(Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : null);
  const y = year().exec(text);
  return y ? cslDate(Number(y[1])) : undefined;
};

// Journal numbering after the container: "2008, 52(6): 6-21", "2013(1): 56-75", "2014, 510: 356-362",
// "2012, 22(增刊 2): 81-86", "2001(9/10): 36-39", with an access date "[2013-10-25]" after the pages; a Chinese
// site's Latin list may write Vancouver's semicolon after the year ("[J].In Vitro Cell Dev Biol Anim,1996;32(6):602-611").
const journalNumbers =
  lazyPattern(() => /^(?<year>c?(?:1[5-9]|20)\d{2}[a-z]?)(?:\s?[,;]\s?(?<volume>[^(),:\s][^(),:]{0,20}?))?\s?(?:\((?<issue>[^()]{1,20})\))?\s?(?::\s?(?<page>[^[\]]{1,40}?))?\s?(?:\[(?<accessed>[^\]]{4,20})\])?\s?[.,;]?$/du);
// Newspaper: "2013-01-12(2)" (date, page) with an access date.
const newspaperNumbers = lazyPattern(() => /^(?<date>(?:1[5-9]|20)\d{2}-\d{1,2}-\d{1,2})\s?(?:\((?<page>[^()]{1,10})\))?\s?(?:\[(?<accessed>[^\]]{4,20})\])?\.?$/du);
// Publication: "北京: 中华书局, 2000: 29[2013-10-25]"; place and publisher may hold commas.
const publication =
  lazyPattern(() => /^(?:(?<place>[^:]{1,60}?)\s?:\s?)?(?<publisher>.{1,120}?)\s?,\s?(?<year>(?:c|\[)?(?:1[5-9]|20)\d{2}(?:-\d{1,2}(?:-\d{1,2})?)?\]?(?:\s?\([^()]{1,20}\))?-?(?:(?:1[5-9]|20)\d{2})?)(?:\s?:\s?(?<page>[^[\]]{1,40}?))?\s?(?:\[(?<accessed>[^\]]{4,20})\])?\.?$/du);
// Dates of electronic resources ("(2012-01-16)[2013-03-26]", "[2013-03-24]") and a year as the
// standard writes it ("c1988", "[1936]", a printing, an era in brackets): `onlineDates` in data.ts.

/** What one element after the title is. */
type Element =
  | { kind: 'translator' | 'editor'; names: CslItem['author'] }
  | { kind: 'edition'; value: string }
  | { kind: 'publication'; place?: string; publisher?: string; year?: string; page?: string; accessed?: string }
  | { kind: 'numbers'; year: string; volume?: string; issue?: string; page?: string; accessed?: string }
  | { kind: 'newspaper'; date: string; page?: string; accessed?: string }
  | { kind: 'dates'; issued?: string; updated?: string; accessed?: string }
  | { kind: 'link' }
  | { kind: 'other'; value: string };

function isPlace(text: string): boolean {
  return referenceWords().places.has(phraseKey(text));
}

function isPublisherName(text: string): boolean {
  const words = referenceWords();
  if (words.publishers.has(phraseKey(text))) return true;
  if (hasCjk(text)) return words.cjkPublisherWords.some((w) => text.endsWith(w));
  return text.split(/[\s,]+/).some((t) => words.publisherWords.has(phraseKey(t)));
}

/** Runs a pattern (with the d flag) on the matching view; its groups as the original text spells them. */
function groupsOf(pattern: RegExp, view: string, text: string): Record<string, string | undefined> | null {
  const m = pattern.exec(view);
  const ranges = m?.indices?.groups;
  if (!ranges) return null;
  const out: Record<string, string | undefined> = {};
  for (const [name, range] of Object.entries(ranges)) out[name] = range ? text.slice(range[0], range[1]) : undefined;
  return out;
}

// Names with a role word after them ("谢远涛, 译", "王夫之, 主编"): `cjkRoleAfterNames` in data.ts.
// "北京: 人民出版社" / "Cambridge, Eng.: Cambridge University Press" with no year.
const placeAndPublisher = lazyPattern(() => /^(?<place>[^:]{1,60}?)\s?:\s?(?<publisher>[^:]{1,120}?)\.?$/du);
// A place with its region or country: "Cambridge, Eng.", "Burr Ridge, IL" (Latin-1 form on Latin-1 text, as above).
const placeWithRegion = latin1Pattern(() => /^\p{Lu}[\p{L}\s]+,\s(?:\p{Lu}[\p{Ll}]{0,5}\.?|\p{Lu}{2})$/u);

/** What one element after the title is; `view` is its matching view, `text` as written (same length). */
function classify(view: string, text: string): Element {
  const words = referenceWords();
  const value = tidyValue(text);
  if (/^(?:https?:\/\/|www\.|doi\s?:)/i.test(view)) return { kind: 'link' };
  let g = groupsOf(words.cjkRoleAfterNames, view, text);
  if (g) return { kind: words.data.cjkTranslatorWords.includes(g.word!) ? 'translator' : 'editor', names: gbtNames(g.names!) };
  if (words.cjkEdition.test(value) || wordPattern('edition', value).test(value)) return { kind: 'edition', value: value.replace(/\.$/, (dot) => (/\b(?:ed|edn|rev)$/i.test(value.slice(0, -1)) ? dot : '')) };
  g = groupsOf(newspaperNumbers(), view, text);
  if (g) return { kind: 'newspaper', date: g.date!, ...defined({ page: g.page, accessed: g.accessed }) };
  g = groupsOf(journalNumbers(), view, text);
  if (g && (g.volume !== undefined || g.issue !== undefined || g.page !== undefined)) {
    return { kind: 'numbers', year: g.year!, ...defined({ volume: g.volume, issue: g.issue, page: g.page, accessed: g.accessed }) };
  }
  g = groupsOf(words.onlineDates, view, text);
  if (g && (g.issued || g.updated || g.accessed)) return { kind: 'dates', ...defined({ issued: g.issued, updated: g.updated, accessed: g.accessed }) };
  g = groupsOf(publication(), view, text);
  if (g) {
    let place = g.place;
    let publisher = g.publisher;
    // "哈尔滨, 2013" / "Salt Lake City, 1964": a place with no publisher.
    if (place === undefined && publisher !== undefined && isPlace(publisher) && !isPublisherName(publisher)) {
      place = publisher;
      publisher = undefined;
    }
    return { kind: 'publication', ...defined({ place, publisher, year: g.year, page: g.page, accessed: g.accessed }) };
  }
  g = groupsOf(placeAndPublisher(), view, text);
  if (g && (isPlace(g.place!) || isPublisherName(g.publisher!))) return { kind: 'publication', place: g.place!, publisher: g.publisher! };
  const bare = value.replace(/\.$/, '');
  // "Cambridge, Eng." / "Burr Ridge, IL": a place alone.
  if (isPlace(bare) || testIn(placeWithRegion, value)) return { kind: 'publication', place: isPlace(bare) ? bare : value };
  if (isPublisherName(bare)) return { kind: 'publication', publisher: bare };
  return { kind: 'other', value };
}

function defined<T extends Record<string, string | undefined>>(values: T): { [K in keyof T]?: string } {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v.trim() !== '') out[k] = v.trim();
  return out as { [K in keyof T]?: string };
}

/** A numbered volume ("第 1 卷") → "1" (the standard's own rendering of a volume number); other volume words as written. */
function volumeValue(text: string): string {
  const m = referenceWords().cjkVolumeNumber.exec(text.trim());
  return m ? m[1]! : text.trim();
}

/** Pages as written, "—" and "–" read as hyphens. */
const pageValue = (text: string) => text.trim().replace(/\s*[—–]\s*/g, '-');

/** Sets the date, pages and access date an element gives. */
function setNumbers(csl: CslItem, date: string | undefined, page: string | undefined, accessed: string | undefined): void {
  const issued = date ? dateOf(date) : undefined;
  if (issued) csl.issued = issued;
  if (page) csl.page = pageValue(page);
  const seen = accessed ? dateOf(accessed) : undefined;
  if (seen) csl.accessed = seen;
}

/** Applies the elements after the title (or after the container's title) to the item. */
function applyElements(csl: CslItem, list: Element[]): string[] {
  const unplaced: string[] = [];
  for (const element of list) {
    switch (element.kind) {
      case 'translator':
      case 'editor':
        if (element.names?.length) csl[element.kind] = element.names;
        break;
      case 'edition':
        csl.edition = element.value;
        break;
      case 'publication':
        if (element.place) csl['publisher-place'] = tidyValue(element.place);
        if (element.publisher) csl.publisher = tidyValue(element.publisher.replace(/^\[|\]$/g, ''));
        setNumbers(csl, element.year, element.page, element.accessed);
        break;
      case 'numbers':
        if (element.volume) csl.volume = element.volume.trim();
        if (element.issue) csl.issue = element.issue.trim();
        setNumbers(csl, element.year, element.page, element.accessed);
        break;
      case 'newspaper':
        setNumbers(csl, element.date, element.page, element.accessed);
        break;
      case 'dates':
        if (!csl.issued) setNumbers(csl, element.updated ?? element.issued, undefined, element.accessed);
        else setNumbers(csl, undefined, undefined, element.accessed);
        break;
      case 'link':
        break;
      case 'other':
        unplaced.push(element.value);
        break;
    }
  }
  return unplaced;
}

// A number in the other title information of a standard, patent or report ("GB/T 25100—2010",
// "ISO 15836:2009", "US6915001", an official document's number): `documentNumber` in data.ts.

/** Title, other title information, volume and number from the part before the type code. */
function readTitle(csl: CslItem, text: string, code: string): void {
  let title = text.trim();
  // Other title information after the last ": " may be the work's number or its volume.
  const colon = title.lastIndexOf(': ') !== -1 ? title.lastIndexOf(': ') : title.lastIndexOf('：');
  if (colon > 0) {
    const tail = title.slice(colon + (title[colon] === '：' ? 1 : 2)).trim();
    if (/^(?:S|P|R|A|Z|DB|DS|CP)$/.test(code) && referenceWords().documentNumber.test(tail) && /\d/.test(tail)) {
      csl.number = tail;
      title = title.slice(0, colon);
    } else if (referenceWords().cjkVolume.test(tail)) {
      csl.volume = volumeValue(tail);
      title = title.slice(0, colon);
    }
  }
  // "中国科学技术史: 第 2 卷 科学思想史": a volume with its own title is cited by that title, the
  // multi-volume work's title kept as its collection (CSL 1.0.1 has no variable for a main title);
  // "康熙字典: 巳集上: 水部": the volume runs to the end.
  const parts = title.split(/\s?[:：]\s?/u);
  for (let k = 1; k < parts.length; k++) {
    const named = referenceWords().cjkNamedVolume.exec(parts[k]!);
    if (named && k === parts.length - 1) {
      csl.volume = volumeValue(named[1]!);
      csl['collection-title'] = tidyValue(parts.slice(0, k).join(': '));
      title = named[2]!;
      break;
    }
    if (referenceWords().cjkVolume.test(parts[k]!)) {
      csl.volume = [csl.volume ? undefined : volumeValue(parts[k]!), ...parts.slice(k + 1), ...(csl.volume ? [csl.volume] : [])].filter(Boolean).join(': ');
      title = parts.slice(0, k).join(': ');
      break;
    }
  }
  title = tidyValue(title);
  if (title) csl.title = title;
}

/** True when an element reads as a list of names (editors of the work a part belongs to). */
function looksLikeNames(text: string): boolean {
  const names = gbtNames(text);
  if (names.length === 0) return false;
  return names.every((n) => (n.literal ? (hasCjk(n.literal) ? n.literal.length <= 20 && !/[:：]/.test(n.literal) : isOrganisation(n.literal)) : true));
}

/**
 * Parses a string that carries a GB/T 7714 type code. Returns the elements it could not place
 * (as written), or null when the string has no type code.
 */
export function parseGbt(text: string, csl: CslItem): { unplaced: string[] } | null {
  const words = referenceWords();
  const view = matchingView(text);
  // (Only a text holding a bracket: the pattern is not compiled for a list of other styles. Issue 17: start-up.)
  const code = view.includes('[') ? words.typeCode.exec(view) : null;
  if (!code) return null;
  const typeCode = code[1]!.toUpperCase();
  const entry = words.typeCodes.get(typeCode)!;
  const kindOf = (span: Span) => classify(view.slice(span.start, span.end), text.slice(span.start, span.end));
  const textOf = (span: Span) => text.slice(span.start, span.end);
  let after = code.index + code[0].length;
  const isPart = view.slice(after, after + 3).trim().startsWith('//');
  if (isPart) after = view.indexOf('//', after) + 2;

  // Responsibility, then title: split at the last element end before the code.
  const head = elements(view, 0, code.index);
  const titleSpan = head[head.length - 1];
  const responsibility = head.slice(0, -1);
  if (titleSpan) readTitle(csl, textOf(titleSpan), typeCode);
  const names = responsibility.length ? gbtNames(text.slice(responsibility[0]!.start, responsibility[responsibility.length - 1]!.end)) : [];

  let rest = elements(view, after, view.length);
  csl.type = isPart ? entry.part : entry.type;
  if (isPart) {
    // "// Editors. Container: volume. edition. place: publisher, year: pages."
    const firstPublication = rest.findIndex((e, i) => i > 0 && kindOf(e).kind !== 'other');
    const container = firstPublication === -1 ? rest.slice(0, 1) : rest.slice(0, firstPublication);
    let titleIndex = 0;
    if (container.length >= 2 && looksLikeNames(textOf(container[0]!))) {
      csl.editor = gbtNames(textOf(container[0]!));
      titleIndex = 1;
    }
    const containerText = container.slice(titleIndex).map(textOf).join('. ');
    const volume = /^(?<title>.+?)\s?[:：]\s?(?<volume>[^:：]+)$/u.exec(containerText);
    if (volume?.groups && words.cjkVolume.test(volume.groups.volume!.trim())) {
      csl['container-title'] = tidyValue(volume.groups.title!);
      csl.volume = volumeValue(volume.groups.volume!);
    } else if (containerText) csl['container-title'] = tidyValue(containerText);
    rest = rest.slice(container.length);
  } else if ((typeCode === 'J' || typeCode === 'N') && rest[0]) {
    const first = rest[0];
    const firstView = view.slice(first.start, first.end);
    if (typeCode === 'J' && entry.whole && /^[c[]?(?:1[5-9]|20)\d{2}(?:\D|$)/.test(firstView)) {
      // A serial as a whole: "临床内科杂志[J]. 1984, 1(1)-." — its holdings statement is its volume.
      csl.type = entry.whole;
      const holdings = tidyValue(textOf(first)).replace(/\.$/, '');
      if (/[(-]/.test(holdings)) csl.volume = holdings;
      const date = dateOf(holdings);
      if (date) csl.issued = date;
      rest = rest.slice(1);
    } else {
      // "Journal, 2008, 52(6): 6-21" / "人民日报, 2013-01-12(2)": the container runs to the year (";" after it: above).
      const numbersAt = /,\s?c?(?:1[5-9]|20)\d{2}(?:[\s,;(:-]|$)/u.exec(firstView);
      if (numbersAt) {
        csl['container-title'] = tidyValue(textOf(first).slice(0, numbersAt.index));
        rest = [trimSpan(view, first.start + numbersAt.index + 1, first.end), ...rest.slice(1)];
      } else if (kindOf(first).kind === 'other') {
        csl['container-title'] = tidyValue(textOf(first));
        rest = rest.slice(1);
      }
    }
  }

  // The whole work's responsibility: a proceedings volume, a compilation and a serial are edited,
  // and so is a work whose responsibility is an editorial body ("…辞典編集委員会").
  if (names.length) {
    const editorialBodies = names.every((n) => n.literal !== undefined && words.cjkEditorialBody.test(n.literal));
    if (!isPart && (csl.type === 'periodical' || typeCode === 'C' || typeCode === 'G' || editorialBodies)) csl.editor = names;
    else csl.author = names;
  }
  return { unplaced: applyElements(csl, rest.map(kindOf)) };
}

/**
 * A GB/T element written on its own (the standard's examples of one element, or a Chinese
 * reference copied without its type code): names, a title, an edition, a publication
 * statement, a journal's numbers or a date.
 */
export function parseGbtFragment(text: string, target: CslItem): boolean {
  const csl: CslItem = { id: target.id, type: target.type };
  if (!readFragment(text, csl)) return false;
  Object.assign(target, csl);
  return true;
}

function readFragment(text: string, csl: CslItem): boolean {
  const view = matchingView(text);
  const parts = elements(view, 0, view.length);
  if (parts.length === 0 || parts.length > 3) return false;
  const classified = parts.map((s) => classify(view.slice(s.start, s.end), text.slice(s.start, s.end)));
  const latin = !hasCjk(text);
  if (classified.some((c) => c.kind === 'other')) {
    if (parts.length === 1) return readLoneElement(tidyValue(text).replace(/\.$/, ''), csl);
    // "Stanford University. Department of Civil Engineering." — one corporate name in parts.
    if (classified.every((c) => c.kind === 'other') && isOrganisation(text) && titleCased(text) && !/\d/.test(text) && text.split(/\s+/).length <= 12) {
      csl.author = [{ literal: tidyValue(text).replace(/\.$/, '') }];
      return true;
    }
    return false;
  }
  // A Latin publication statement is short: "New York: Academic Press, 2012", "MacMillan, 1975".
  if (latin && classified.some((c) => c.kind === 'publication' && !plainPublication(c))) return false;
  const unplaced = applyElements(csl, classified);
  return unplaced.length === 0 && Object.keys(csl).length > 2;
}

const wordCount = (text: string | undefined) => (text ? text.split(/\s+/).length : 0);
/** Every word capitalised but the small ones ("Department of Civil Engineering"). */
const titleCased = (text: string) => text.split(/\s+/).every((w) => /^[\p{Lu}\d]/u.test(w) || /^(?:of|for|and|the|on|in|de|du|des|la|le|et|für|und)$/.test(w));

/** A Latin place and publisher as they stand in a publication statement (not a sentence with a colon). */
function plainPublication(c: Extract<Element, { kind: 'publication' }>): boolean {
  const placeOk = c.place === undefined || isPlace(c.place) || /^\p{Lu}[\p{L}.]*(?:\s\p{Lu}[\p{L}.]*){0,2}(?:,\s?\p{Lu}[\p{L}.]{1,8})?$/u.test(c.place);
  const publisherOk =
    c.publisher === undefined ||
    (wordCount(c.publisher) <= 7 &&
      !/["“”]/.test(c.publisher) &&
      (c.place !== undefined || (!/,(?!\s?(?:Inc|Ltd)\b)/.test(c.publisher) && (isPublisherName(c.publisher) || /^\p{Lu}[\p{L}&.-]*(?:\s\p{Lu}[\p{L}&.-]*){0,2}$/u.test(c.publisher)))));
  return placeOk && publisherOk;
}

// Family in capitals and initials ("EINSTEIN A", "DE MORGAN A", "LI Jiangning", "FORDHAM E W").
const isCapitalsName = (text: string) => capitalsName(text).test(text);
const capitalsName = latin1Pattern(() => /^\p{Lu}[\p{Lu}'’-]+(?:\s\p{Lu}[\p{Lu}'’-]+){0,2}(?:\s\p{Lu}){0,3}(?:\s\p{Lu}\p{Ll}+)?$/u);

/** One element alone: a journal's name, a list of names, or an organisation. */
function readLoneElement(value: string, csl: CslItem): boolean {
  const words = referenceWords();
  // A journal's name ("北京师范大学学报 (自然科学版)", "J Math & Phys", "中国科学: D 辑 地球科学").
  const head = value.replace(/\s?[(（][^()（）]*[)）]$/u, '').replace(/[:：].*$/u, '');
  if (hasCjk(head)) {
    const journal = words.cjkJournalWords.some((w) => head.endsWith(w) || value.includes(`${w} `) || value.includes(`${w}:`) || value.includes(`${w}：`));
    if (journal && !words.cjkOrganisation.test(value)) {
      csl['container-title'] = value;
      return true;
    }
    // Names: "李时珍", "钱学森, 刘再复", "昂温 G, 昂温 P S".
    const names = gbtNames(value);
    if (names.length && value.split(/[,，]/).every((n) => n.trim().length <= 30)) {
      csl.author = names;
      return true;
    }
    return false;
  }
  if (/\d/.test(value)) return false;
  const tokens = head.split(/[\s&]+/).filter(Boolean);
  if (!value.includes(',') && tokens.length <= 8 && tokens.some((t) => words.journalWords.has(phraseKey(t))) && !isOrganisation(value)) {
    csl['container-title'] = value;
    return true;
  }
  const parts = value
    .replace(words.etAl, '')
    .split(/\s?,\s?/)
    .filter((p) => p.trim() !== '');
  if (parts.length > 0 && parts.every((p) => isCapitalsName(p.trim()) || isSuffixWord(p))) {
    csl.author = gbtNames(value);
    return true;
  }
  if (isOrganisation(value) && tokens.length <= 10) {
    csl.author = [{ literal: value }];
    return true;
  }
  return false;
}

const isSuffixWord = (word: string) => referenceWords().suffixes.has(phraseKey(word));

/** A single GB/T name, for callers outside this module. */
export { gbtName };
