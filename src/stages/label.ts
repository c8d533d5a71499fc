import type { Section } from '../generated/article.js';
import { labelDefaults } from '../generated/stage-defaults.js';
import { monthOf, type CompiledStructure } from '../core/data.js';
import type { DigestDocument } from '../core/document.js';
import type { LexiconMatcher } from '../core/lexicon.js';
import { monthNumber, yearNumber } from '../core/numerals.js';
import { rangedPattern } from '../core/property-ranges.js';
import { latin1Pattern } from '../refs/latin1.js';
import { lowerSameLength, viewOf } from '../core/script.js';
import { defineStage } from '../core/stage.js';
import { matchesOf } from '../core/text.js';
import { LongestMatcher } from '../core/trie.js';

/** The English full name of a month (1–12), from the data's month names. */
function monthName(month: number, s: CompiledStructure): string {
  return s.monthNames[month - 1]![0]!;
}

/**
 * The date a heading opens with, in English, and how long it is: a range ("2025年1-12月" →
 * "January–December 2025"), a month ("2025年3月" → "March 2025"; in numerals, "二〇二五年十二月"
 * → "December 2025") or a year ("2025年", "二〇二五年"), read with the structure patterns that
 * classify headings (one statement of each shape), or null. `valid` is false when the numbers
 * are no months or no year.
 */
function datePrefix(view: string, s: CompiledStructure): { english: string; length: number; valid: boolean } | null {
  const month = (n: string | undefined, name: string | undefined) => monthOf(n, name, s) ?? 0;
  const ok = (...ms: number[]) => ms.every((m) => m >= 1 && m <= 12);
  // Each list asked through its group, in order, of the members its pre-tests let through (a member
  // they rule out cannot match): the English month names' patterns are never made for a Chinese
  // heading (each list read whole made every pattern and ran each: BENCHMARKS.md, issue 17: start-up).
  const ranges = s.groups['/rangeHeadings'];
  for (const k of ranges.candidates(view)) {
    const m = ranges.exec(k, view);
    if (!m?.groups?.year) continue;
    const from = month(m.groups.from, m.groups.fromName);
    // A pattern with no end month declares one month ("October 2009 Digest").
    const one = m.groups.to === undefined && m.groups.toName === undefined;
    const to = one ? from : month(m.groups.to, m.groups.toName);
    const english = !ok(from, to) ? '' : one ? `${monthName(from, s)} ${m.groups.year}` : `${monthName(from, s)}–${monthName(to, s)} ${m.groups.year}`;
    return { english, length: m[0].length, valid: ok(from, to) };
  }
  // Month and year headings may write their numbers in numerals ("二〇二五年十二月…").
  const months = s.groups['/monthHeadings'];
  for (const k of months.candidates(view)) {
    const m = months.exec(k, view);
    if (!m?.groups?.year) continue;
    const n = monthNumber(m.groups, s) ?? 0;
    const year = yearNumber(m.groups.year, s);
    const valid = ok(n) && year !== null;
    return { english: valid ? `${monthName(n, s)} ${year}` : '', length: m[0].length, valid };
  }
  const years = s.groups['/yearHeadings'];
  for (const k of years.candidates(view)) {
    const m = years.exec(k, view);
    if (!m?.groups?.year) continue;
    const year = yearNumber(m.groups.year, s);
    return { english: year === null ? '' : String(year), length: m[0].length, valid: year !== null };
  }
  return null;
}

/** A therapy or heading phrase of the data's English table, in the matching view. */
interface Named {
  zh: string;
  en: string;
  preposition: string;
}

/**
 * What label reads of the data, compiled once per loaded pipeline (the stage's state) instead of
 * at every heading and page (issue 17): the therapies and phrases in the matching view, longest
 * first (the first listed among equals), and one trie of the therapies for the page's text.
 */
export interface LabelTables {
  therapies: Named[];
  phrases: Named[];
  /** The therapies as the data lists them (the trie's pattern indices). */
  therapyNames: Named[];
  therapyMatcher: LongestMatcher;
  /** How English pages write the therapies (the data's `written`, lower case), and their trie. */
  writtenNames: Named[];
  writtenMatcher: LongestMatcher;
  /** How English writes a body's name (the data's `english.bodyNames`); null when the data gives none. */
  bodyNames: BodyNames | null;
}

/** The head words of bodies' names and the words that join a name's words ({@link inBodyName}). */
export interface BodyNames {
  heads: ReadonlySet<string>;
  joiners: ReadonlySet<string>;
}

/** Compiles what label reads of the data ({@link LabelTables}). */
export function labelTables(structure: CompiledStructure, concepts: LexiconMatcher): LabelTables {
  const named = (list: CompiledStructure['english']['phrases']): Named[] => list.flatMap((t) => t.zh.map((zh) => ({ zh: concepts.view(zh), en: t.en, preposition: t.preposition ?? 'in' })));
  const longestFirst = (list: Named[]) => [...list].sort((a, b) => b.zh.length - a.zh.length);
  const therapyNames = named(structure.english.therapies);
  const writtenNames = structure.english.therapies.flatMap((t) => (t.written ?? []).map((w) => ({ zh: lowerSameLength(concepts.view(w)), en: t.en, preposition: 'in' })));
  return {
    therapies: longestFirst(therapyNames),
    phrases: longestFirst(named(structure.english.phrases)),
    therapyNames,
    therapyMatcher: new LongestMatcher(therapyNames.map((n) => n.zh)),
    writtenNames,
    writtenMatcher: new LongestMatcher(writtenNames.map((n) => n.zh)),
    bodyNames: structure.english.bodyNames ? { heads: new Set(structure.english.bodyNames.heads), joiners: new Set(structure.english.bodyNames.joiners) } : null,
  };
}

/** A word of a name (letters, "&", and the marks inside "U.S." or "Graft-Versus-Host"), read where it starts. */
const nameWordAt = /[A-Za-z&][A-Za-z&'’.-]*/y;
/** How many words either side of a term a body's name is read through. */
const NAME_REACH = 8;
/** How many units before a term a body's name is read back through (a run of words cut at this bound is cut there). */
const NAME_WINDOW = 160;

/** True for a unit of `\s` (JavaScript's white space and line terminators). */
function isSpace(unit: number): boolean {
  if (unit <= 0x20) return unit === 0x20 || (unit >= 0x09 && unit <= 0x0d);
  if (unit < 0xa0) return false;
  return unit === 0xa0 || unit === 0x1680 || (unit >= 0x2000 && unit <= 0x200a) || unit === 0x2028 || unit === 0x2029 || unit === 0x202f || unit === 0x205f || unit === 0x3000 || unit === 0xfeff;
}

/** True for a unit that may open a word of a name: a Latin letter or "&". */
function opensNameWord(unit: number): boolean {
  return (unit >= 0x41 && unit <= 0x5a) || (unit >= 0x61 && unit <= 0x7a) || unit === 0x26;
}

/** True for a unit a word of a name may hold: a letter, "&", and the marks inside "U.S.", "Graft-Versus-Host" or "Parkinson’s". */
function inNameWord(unit: number): boolean {
  return opensNameWord(unit) || unit === 0x27 || unit === 0x2019 || unit === 0x2e || unit === 0x2d;
}

/**
 * Where the last token of `text.slice(from, end)` starts, cut as `/[A-Za-z&][A-Za-z&'’.-]*|[^\sA-Za-z&]/g`
 * cuts that slice from its start (a word from its first letter to the end of its run of word units,
 * any other unit but white space one token): `end` follows a unit that is no white space, and is
 * `from`'s slice end or the start of a token read before. Read backwards, so that a body's name is
 * read through as many tokens as it takes (most terms: one) and not the window's ~150 tokens of
 * Chinese text, one match and one string each (BENCHMARKS.md, change 143).
 */
export function nameTokenStart(text: string, from: number, end: number): number {
  let runStart = end;
  while (runStart > from && inNameWord(text.charCodeAt(runStart - 1))) runStart--;
  for (let k = runStart; k < end; k++) if (opensNameWord(text.charCodeAt(k))) return k;
  return end - 1;
}
const capitalised = (word: string) => word[0]! >= 'A' && word[0]! <= 'Z';

/**
 * True when the term at [start, end) of `text`, written with a capital, is part of a body's name:
 * the capitalised words around it, through `joiners` and commas, hold one of `heads` ("Cellular,
 * Tissue and Gene Therapies Advisory Committee", "Office of Cellular, Tissue and Gene Therapies",
 * "Comprehensive Cancer Center"). Such a name is the body's, no mention of the page's therapy or
 * disease; a term in lower case ("stem cell and gene therapies") never is.
 */
export function inBodyName(text: string, start: number, end: number, names: BodyNames): boolean {
  if (!capitalised(text[start] ?? '')) return false;
  const part = (word: string) => capitalised(word) || names.joiners.has(word);
  let at = end;
  for (let n = 0; n < NAME_REACH; n++) {
    while (text[at] === ' ' || text[at] === ',') at++;
    nameWordAt.lastIndex = at;
    const m = nameWordAt.exec(text);
    if (!m) break;
    if (names.heads.has(m[0])) return true;
    if (!part(m[0])) break;
    at = nameWordAt.lastIndex;
  }
  // The words, commas and other marks before the term, read backwards from it within the window.
  const from = Math.max(0, start - NAME_WINDOW);
  at = start;
  for (let n = 0; n < NAME_REACH; ) {
    let tokenEnd = at;
    while (tokenEnd > from && isSpace(text.charCodeAt(tokenEnd - 1))) tokenEnd--;
    if (tokenEnd === from) break;
    at = nameTokenStart(text, from, tokenEnd);
    const token = text.slice(at, tokenEnd);
    if (token === ',') continue;
    if (names.heads.has(token)) return true;
    if (!part(token)) break;
    n++;
  }
  return false;
}

/** A heading taken apart into parts whose English is known exactly. */
export interface HeadingParts {
  date: string | null;
  therapy: string | null;
  disease: { id: string; label: string } | null;
  phrase: string | null;
  /** How the phrase joins the therapy ("in", "of"). */
  preposition: string;
  /** True when nothing of the heading is left unexplained. */
  complete: boolean;
}

/**
 * Takes a heading apart: a date prefix ("2025年3月", "2025年1-12月", "2025年"), a therapy,
 * a disease from the lexicon and a phrase ("最新临床进展"), in any order, joined only by
 * connectors. What cannot be explained makes the result incomplete.
 */
export function headingParts(heading: string, structure: CompiledStructure, concepts: LexiconMatcher, tables: LabelTables = labelTables(structure, concepts)): HeadingParts {
  const english = structure.english;
  let rest = concepts.view(heading).trim();
  const parts: HeadingParts = { date: null, therapy: null, disease: null, phrase: null, preposition: 'in', complete: false };
  const date = datePrefix(rest, structure);
  if (date) {
    if (!date.valid) return parts;
    parts.date = date.english;
    rest = rest.slice(date.length);
  }
  // The longest name the rest holds (the first listed among equals), taken out of it.
  const therapy = firstHeld(tables.therapies, rest);
  if (therapy) rest = rest.replace(therapy.zh, ' ');
  parts.therapy = therapy?.en ?? null;
  const disease = concepts.conceptsIn(rest).find(isDisease);
  if (disease) {
    parts.disease = { id: disease.id, label: disease.label };
    rest = `${rest.slice(0, disease.start)} ${rest.slice(disease.end)}`;
  }
  const phrase = firstHeld(tables.phrases, rest);
  if (phrase) rest = rest.replace(phrase.zh, ' ');
  parts.phrase = phrase?.en ?? null;
  parts.preposition = phrase?.preposition ?? 'in';
  // Each connector taken out with `replaceAll`, not `split(…).join('')`: the array V8's optimised `split`
  // makes allows holes, another map than the builtin's, so the `join` met a new map once
  // `headingParts` ran optimised (BENCHMARKS.md, "arrays made by map").
  for (const connector of english.connectors) rest = rest.replaceAll(connector, '');
  parts.complete = rest.trim() === '' && parts.phrase !== null;
  return parts;
}

// Module-level functions, not closures over a heading's or a page's locals made per call, which V8
// optimised again after every full collection (BENCHMARKS.md, changes 59 and 64).

/** The first name of `list` (longest first) whose Chinese `text` holds, or null. */
function firstHeld(list: readonly Named[], text: string): Named | null {
  for (let k = 0; k < list.length; k++) if (text.includes(list[k]!.zh)) return list[k]!;
  return null;
}

function isDisease(c: { type: string }): boolean {
  return c.type === 'disease';
}

/** Counts a disease concept in `counts` (by id); other concepts are not counted. */
function countDisease(counts: Map<string, { disease: Disease; count: number }>, c: { id: string; type: string; label: string }): void {
  if (c.type !== 'disease') return;
  const entry = counts.get(c.id) ?? { disease: { id: c.id, label: c.label }, count: 0 };
  entry.count++;
  counts.set(c.id, entry);
}

/** The page's blocks outside its reference list, and the first of them whose text is `title`. */
function bodyBlocks(doc: DigestDocument, title: string | null): { body: DigestDocument['blocks']; titleBlock: DigestDocument['blocks'][number] | undefined } {
  const referenceBlocks = new Set(doc.referenceBlocks);
  const body: DigestDocument['blocks'] = [];
  let titleBlock: DigestDocument['blocks'][number] | undefined;
  for (let k = 0; k < doc.blocks.length; k++) {
    const b = doc.blocks[k]!;
    if (referenceBlocks.has(b)) continue;
    body.push(b);
    if (titleBlock === undefined && title !== null && b.text === title) titleBlock = b;
  }
  return { body, titleBlock };
}

/** English for a heading whose parts are all known: "March 2025: latest clinical progress in stem cell therapy for ankylosing spondylitis". */
export function composeHeading(parts: HeadingParts): string | null {
  if (!parts.complete || !parts.phrase) return null;
  let text = parts.phrase;
  if (parts.therapy) text += ` ${parts.preposition} ${parts.therapy}`;
  if (parts.disease) text += ` for ${parts.disease.label}`;
  if (parts.date) return `${parts.date}: ${text}`;
  return text[0]!.toUpperCase() + text.slice(1);
}

// (Ranges, not ICU's set: src/core/property-ranges.ts.)
const hasHan = rangedPattern(() => /\p{Script=Han}/u);

type Disease = { id: string; label: string };
type Counts = ReadonlyMap<string, { disease: Disease; count: number }>;

/** The disease most named, when it is named at least twice and at least twice as often as the next (else null). */
function dominant(counts: Counts, atLeast: number): Disease | null {
  const [first, second] = [...counts.values()].sort((a, b) => b.count - a.count || (a.disease.id < b.disease.id ? -1 : 1));
  if (!first || first.count < atLeast) return null;
  return !second || first.count >= 2 * second.count ? first.disease : null;
}

/**
 * The counts joined by family (the lexicon's `broader`: acute GvHD and steroid-refractory acute GvHD are
 * kinds of GvHD): a family counts its members' mentions together and is named by the narrowest concept
 * that holds every member the page names ("GvHD" … "aGVHD": GvHD; "aGVHD" … "SR-aGVHD": acute GvHD).
 * The counts themselves when no disease counted has a broader concept.
 */
function byFamily(counts: Counts, concepts: LexiconMatcher): Counts {
  let families: Map<string, { disease: Disease; count: number; line: Disease[] }> | null = null;
  for (const [id, entry] of counts) {
    const line = concepts.lineage(id);
    if (line === null && families === null) continue;
    // The first member with a broader concept: the families are made from every count from here on.
    if (families === null) {
      families = new Map();
      for (const [other, e] of counts) {
        if (other === id) break;
        families.set(other, { disease: e.disease, count: e.count, line: [e.disease] });
      }
    }
    const own = line ?? [entry.disease];
    const key = own[own.length - 1]!.id;
    const family = families.get(key);
    // The narrowest concept both lines hold: the family's name so far and this member's.
    const common = family === undefined ? own : family.line.filter((d) => own.some((o) => o.id === d.id));
    families.set(key, { disease: common[0] ?? entry.disease, count: (family?.count ?? 0) + entry.count, line: common });
  }
  return families ?? counts;
}

/**
 * The disease a page is about: the one its title names (leftmost-longest over the lexicon, so
 * 2型糖尿病 is type 2 diabetes, not diabetes); when the title names several, the one of them the
 * page names at least twice as often as each other (a page about autism and its epilepsy), else
 * none (a page about several diseases); when the title names none, the one most headings name
 * (two at least); else the one the body names most, twice at least and twice as often as the next.
 * Kinds of one disease count as that disease's family ({@link byFamily}) where several are named.
 * A disease the body names in full is named too by its initials alone, in the title and the body
 * ("Stem cells reduce MS brain damage" over "multiple sclerosis"): the lexicon cannot hold "MS"
 * (authors' initials), but a page that names the disease spells it out.
 */
export function topicDisease(doc: DigestDocument, fromHeadings: readonly (Disease & { count: number })[], concepts: LexiconMatcher, bodyNames: BodyNames | null = null): Disease | null {
  // The blocks' concepts come from the document's scans; the title is scanned when no block is it.
  const { body, titleBlock } = bodyBlocks(doc, doc.title);
  // The page's long loops are functions of their own (see bodyDiseases): what is left here runs a
  // few operations a page, too few for V8 to compile it in a build.
  const found = bodyDiseases(doc, body, concepts, bodyNames);
  const counts = found.counts;
  const initials = initialsOfMentions(body, found);
  const titleScan = titleBlock ? concepts.scanOf(titleBlock, doc).lines : doc.title === null ? [] : concepts.conceptsIn(doc.title);
  const titleText = titleBlock ? titleBlock.text : doc.title ?? '';
  // Pushed in a loop, not `filter(…).map(…)`: the array V8's optimised `map` makes allows holes, another
  // map than the builtin's, and the loops below read it — their code was thrown away the first time
  // `topicDisease` ran optimised (BENCHMARKS.md, "arrays made by map").
  const titleConcepts: { id: string; type: string; label: string }[] = [];
  for (let k = 0; k < titleScan.length; k++) {
    const c = titleScan[k]!;
    if (doc.ownAbbreviations !== null && doc.ownAbbreviations.has(titleText.slice(c.start, c.end))) continue;
    if (bodyNames === null || !inBodyName(titleText, c.start, c.end, bodyNames)) titleConcepts.push('concept' in c ? c.concept : c);
  }
  if (doc.title !== null && !titleBlock) for (const c of titleConcepts) countDisease(counts, c);
  const inTitle = new Map<string, Disease>();
  for (const c of titleConcepts) if (c.type === 'disease') inTitle.set(c.id, { id: c.id, label: c.label });
  if (initials !== null) {
    countInitialsNamed(doc, body, concepts, initials, counts);
    if (doc.title !== null && inTitle.size === 0) for (const d of initialsNamed(doc.title, titleScan, initials)) inTitle.set(d.id, d);
  }
  if (inTitle.size === 1) return [...inTitle.values()][0]!;
  if (inTitle.size > 1) {
    const titled = byFamily(new Map([...inTitle.keys()].map((id) => [id, counts.get(id) ?? { disease: inTitle.get(id)!, count: 0 }])), concepts);
    return titled.size === 1 ? [...titled.values()][0]!.disease : dominant(titled, 1);
  }
  const headed = new Map(fromHeadings.map((d) => [d.id, { disease: { id: d.id, label: d.label }, count: d.count }]));
  const [top, next] = [...headed.values()].sort((a, b) => b.count - a.count || (a.disease.id < b.disease.id ? -1 : 1));
  if (top && top.count >= 2 && (!next || top.count > next.count)) return top.disease;
  return dominant(byFamily(counts, concepts), 2) ?? complicationOfNext(body, found);
}

/**
 * The page's disease where the most named one is a complication written with the next one's name
 * inside its own (糖尿病足 ⊃ 糖尿病): a diabetic-foot page names diabetes in "糖尿病患者" and "糖尿病的并发症"
 * as often as not, so the complication, named more often and twice at least, is the page's — the rest
 * twice as rare as it; null otherwise. Asked only where no disease dominates.
 */
function complicationOfNext(body: DigestDocument['blocks'], found: BodyDiseases): Disease | null {
  const [first, second, ...rest] = [...found.counts.values()].sort((a, b) => b.count - a.count || (a.disease.id < b.disease.id ? -1 : 1));
  if (!first || !second || first.count < 2 || first.count <= second.count) return null;
  for (const other of rest) if (first.count < 2 * other.count) return null;
  const written = (id: string): string[] => {
    const texts: string[] = [];
    for (let m = 0; m < found.mentions.length; m++) {
      const { start, end, concept } = found.mentions[m]!;
      if (concept.id === id) texts.push(body[found.blocks[m]!]!.text.slice(start, end));
    }
    return texts;
  };
  const inner = written(second.disease.id);
  return written(first.disease.id).some((outer) => inner.some((name) => outer.length > name.length && outer.includes(name))) ? first.disease : null;
}

/** The diseases a page's body names ({@link bodyDiseases}): each counted by id, and each mention counted, where it stands. */
export interface BodyDiseases {
  /** Each disease's mentions, by id, in the order the body first names them. */
  counts: Map<string, { disease: Disease; count: number }>;
  /** Each counted mention's block, an index into the body, in the body's order (one a mention, as `mentions`). */
  blocks: number[];
  /** Each counted mention: its span in its block's text and its concept. */
  mentions: { start: number; end: number; concept: { id: string; type: string; label: string } }[];
}

/**
 * The diseases the body's blocks name (`body`: the page's blocks outside its reference list), a
 * name inside a body's name ("… Comprehensive Cancer Center") aside: {@link topicDisease}'s loop
 * over every concept of every block, a function of its own. V8 compiles a function once it has
 * run long enough, and throws its code away where it meets an operation no earlier run reached:
 * in one function with the decision after it, the loop was compiled after a few hundred pages and
 * thrown away at the first page whose title names no disease, or whose disease is written in Latin
 * letters (its initials), each first met after the compile — the dearest function a build compiled
 * twice, 150–650 ms of a compiler thread (BENCHMARKS.md, changes 187, 192, 205 and 207). Here
 * every page runs all of it; the initials, the title and the decision are read after it, by code
 * that runs too little a page to be compiled in a build.
 */
export function bodyDiseases(doc: DigestDocument, body: DigestDocument['blocks'], concepts: LexiconMatcher, bodyNames: BodyNames | null): BodyDiseases {
  const counts = new Map<string, { disease: Disease; count: number }>();
  const blocks: number[] = [];
  const mentions: BodyDiseases['mentions'] = [];
  // Indexed: a `for … of` in baseline code allocates an iterator result a block and a match (BENCHMARKS.md, "loops without iterators").
  for (let i = 0; i < body.length; i++) {
    const lines = concepts.scanOf(body[i]!, doc).lines;
    for (let k = 0; k < lines.length; k++) {
      const c = lines[k]!.concept;
      if (c.type !== 'disease') continue;
      // "… Comprehensive Cancer Center" names a body, not the page's disease.
      if (bodyNames !== null && inBodyName(body[i]!.text, lines[k]!.start, lines[k]!.end, bodyNames)) continue;
      // An abbreviation the page defines otherwise ("mass spectrometry (MS)"): entities' reading, no disease.
      if (doc.ownAbbreviations !== null && doc.ownAbbreviations.has(body[i]!.text.slice(lines[k]!.start, lines[k]!.end))) continue;
      countDisease(counts, c);
      blocks.push(i);
      mentions.push(lines[k]!);
    }
  }
  return { counts, blocks, mentions };
}

/** A disease named in full also by its initials alone ("multiple sclerosis" … "MS"): initials → disease, of the body's mentions in order (a later one's initials win); null when none has initials. */
function initialsOfMentions(body: DigestDocument['blocks'], found: BodyDiseases): Map<string, Disease> | null {
  let initials: Map<string, Disease> | null = null;
  for (let m = 0; m < found.mentions.length; m++) {
    const { start, end, concept } = found.mentions[m]!;
    const key = initialsOf(body[found.blocks[m]!]!.text.slice(start, end));
    if (key !== null) (initials ??= new Map()).set(key, { id: concept.id, label: concept.label });
  }
  return initials;
}

/** Counts the diseases each body block names by their initials alone (`initials`) into `counts`. */
function countInitialsNamed(doc: DigestDocument, body: DigestDocument['blocks'], concepts: LexiconMatcher, initials: ReadonlyMap<string, Disease>, counts: Map<string, { disease: Disease; count: number }>): void {
  for (let i = 0; i < body.length; i++) {
    for (const d of initialsNamed(body[i]!.text, concepts.scanOf(body[i]!, doc).lines, initials)) countDisease(counts, { ...d, type: 'disease' });
  }
}

/** The initials of a disease's name as written in Latin letters, two to six words ("multiple sclerosis" → "MS", "Parkinson’s disease" → "PD"), or null. */
function initialsOf(written: string): string | null {
  const words = written.split(/[\s-]+/u);
  if (words.length < 2 || words.length > 6) return null;
  let key = '';
  for (const w of words) {
    if (!/^[A-Za-z]/.test(w)) return null;
    key += w[0]!.toUpperCase();
  }
  return key;
}

// A token of two to six letters opening and closing in a capital ("MS", "GvHD"), standing alone.
// (Its Latin-1 form on Latin-1 text, an English page's, src/refs/latin1.ts; on other text, a
// Chinese page's, its \p{L} and \p{N} as ranges, src/core/property-ranges.ts: as written it was
// eight ICU lookups where it was made and compiled. Issue 17: start-up.)
const writtenInitialsToken = () => /(?<![\p{L}\p{N}])[A-Z][A-Za-z]{0,4}[A-Z](?![\p{L}\p{N}])/gu;
const initialsToken = latin1Pattern(writtenInitialsToken, rangedPattern(writtenInitialsToken));

/** The diseases `text` names by their initials alone (`initials`), a token the lexicon matched (`known`) aside. */
function initialsNamed(text: string, known: readonly { start: number; end: number }[], initials: ReadonlyMap<string, Disease>): Disease[] {
  const found: Disease[] = [];
  // (matchesOf, not matchAll: matchAll makes a copy of the pattern at each call, and V8 copies its
  // source again — the ranged form's ~24 kB, ~0.2 M instructions a view of a Chinese page.)
  for (const m of matchesOf(text, initialsToken(text))) {
    const d = initials.get(m[0].toUpperCase());
    if (d && !known.some((c) => c.start < m.index + m[0].length && m.index < c.end)) found.push(d);
  }
  return found;
}

/** The matching views of the page's blocks, the reference list aside (the document's views), and of its title; `keep` chooses among the blocks. */
function bodyViews(doc: DigestDocument, concepts: LexiconMatcher, keep: (block: DigestDocument['blocks'][number]) => boolean = () => true): string[] {
  const referenceBlocks = new Set(doc.referenceBlocks);
  const body = doc.blocks.filter((b) => !referenceBlocks.has(b) && keep(b));
  const views = body.map((b) => viewOf(b, doc.views));
  if (doc.title !== null && !body.some((b) => b.text === doc.title)) views.push(concepts.view(doc.title));
  return views;
}

/**
 * The therapy the page's text names most, for a page whose title and headings name none:
 * leftmost-longest over the data's therapy names (间充质干细胞治疗 is mesenchymal stem cell
 * therapy, not stem cell therapy), the first named on a tie; null when the text names none.
 */
export function bodyTherapy(doc: DigestDocument, structure: CompiledStructure, concepts: LexiconMatcher, tables: LabelTables = labelTables(structure, concepts)): string | null {
  const { therapyNames, therapyMatcher } = tables;
  const counts = new Map<string, number>();
  for (const view of bodyViews(doc, concepts)) {
    for (const m of therapyMatcher.search(view)) {
      const en = therapyNames[m.patternIndex]!.en;
      counts.set(en, (counts.get(en) ?? 0) + 1);
    }
  }
  // Map order is the order first named; the sort is stable.
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

/**
 * The therapy an English page names (a page with no Han character outside its reference list): the
 * first its title names, else the one its text names most, by the data's `written` names in any case
 * ("Stem-cell therapy is a 'big leap' …"); null on any other page, or when it names none.
 */
export function writtenTherapy(doc: DigestDocument, concepts: LexiconMatcher, tables: LabelTables): string | null {
  // The chrome is no part of what the page names ("Category Archives: Cell Therapy News").
  const chrome = new Set(doc.boilerplate.map((b) => b.text));
  const views = bodyViews(doc, concepts, (b) => !chrome.has(b.text));
  for (let k = 0; k < views.length; k++) if (hasHan().test(views[k]!)) return null;
  const { writtenNames, writtenMatcher, bodyNames } = tables;
  // A therapy inside a body's name ("… Gene Therapies Advisory Committee") is the body's, not the page's.
  const named = (view: string, m: { start: number; end: number }) => bodyNames !== null && inBodyName(view, m.start, m.end, bodyNames);
  if (doc.title !== null) {
    const view = concepts.view(doc.title);
    const first = writtenMatcher.search(lowerSameLength(view)).find((m) => !named(view, m));
    if (first) return writtenNames[first.patternIndex]!.en;
  }
  const counts = new Map<string, number>();
  for (let k = 0; k < views.length; k++) {
    for (const m of writtenMatcher.search(lowerSameLength(views[k]!))) {
      if (named(views[k]!, m)) continue;
      const en = writtenNames[m.patternIndex]!.en;
      counts.set(en, (counts.get(en) ?? 0) + 1);
    }
  }
  // Map order is the order first named; the sort is stable.
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

const kindNames: Partial<Record<Section['kind'], string>> = { summary: 'Summary', outlook: 'Outlook', conclusion: 'Conclusion' };

/**
 * label: gives every record an English face where English can be given exactly — section
 * headings, the title and topic from heading parts known in data and the lexicon, journals
 * (already canonical), and each item's paper title from the reference it cites.
 */
export const label = defineStage({
  name: 'label',
  description: 'Give the record exact English: headings, title, topic, paper titles.',
  needs: ['sections', 'citations'],
  provides: ['labels'],
  rules: {
    'heading-untranslated': {
      severity: 'info',
      description: 'A heading has no exact English (it does not decompose into a date, therapy, disease and known phrase); it is given as its month or kind.',
      example: '2025年3月干细胞治疗的新希望',
    },
  },
  defaults: labelDefaults,
  createState: (): { tables: LabelTables | null } => ({ tables: null }),
  run(doc, { data, report, state }) {
    const structure = data.structure;
    const tables = (state.tables ??= labelTables(structure, data.concepts));
    const diseases = new Map<string, { id: string; label: string; count: number }>();
    let therapy: string | null = null;
    for (const section of doc.sections) {
      if (section.heading === null) {
        section.headingEn = null;
        continue;
      }
      if (!hasHan().test(section.heading)) {
        // Already English (or another Latin-script language, left as written).
        section.headingEn = section.heading;
        continue;
      }
      const parts = headingParts(section.heading, structure, data.concepts, tables);
      const composed = composeHeading(parts);
      if (parts.disease) {
        const d = diseases.get(parts.disease.id) ?? { ...parts.disease, count: 0 };
        d.count++;
        diseases.set(d.id, d);
      }
      therapy ??= parts.therapy;
      if (composed) section.headingEn = composed;
      else if (section.kind === 'month' && section.month) {
        section.headingEn = `${monthName(Number(section.month.slice(5)), structure)} ${section.month.slice(0, 4)}`;
      } else section.headingEn = kindNames[section.kind] ?? null;
      if (!composed && section.kind !== 'other') {
        report('heading-untranslated', `no exact English for "${section.heading}"; given as "${section.headingEn ?? '—'}"`, { offset: doc.lines.offset(section.position.start) });
      }
    }
    const titleParts = doc.title === null ? null : headingParts(doc.title, structure, data.concepts, tables);
    if (titleParts) therapy ??= titleParts.therapy;
    therapy ??= bodyTherapy(doc, structure, data.concepts, tables) ?? writtenTherapy(doc, data.concepts, tables);
    const disease = topicDisease(doc, [...diseases.values()], data.concepts, tables.bodyNames);
    doc.topic = disease || therapy ? { disease, therapy } : null;
    doc.titleEn = doc.title === null ? null : hasHan().test(doc.title) ? composeHeading(titleParts!) : doc.title;
    const references = new Map(doc.references.map((r) => [r.id, r]));
    for (const section of doc.sections) {
      for (const item of section.items) {
        const title = item.citations.map((id) => references.get(id)?.csl.title).find((t): t is string => typeof t === 'string');
        item.paperTitleEn = title ?? null;
      }
    }
  },
});
