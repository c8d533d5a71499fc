import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { repo } from '../helpers.js';
import { sharedData } from './shared-data.js';

/**
 * The labelled reference sets the accuracy report reads, and how each is scored. The sets are
 * third-party and stay outside the project: they are read from `DIGEST_SHARED_DATA`
 * (see shared-data.ts for where), never copied.
 */

/** Where the shared data sets live. */
export function sharedDataDir(): string {
  return sharedData().dir;
}

/** The fields compared, in the order they are printed. */
export const FIELDS = ['title', 'container-title', 'author', 'editor', 'issued', 'volume', 'issue', 'page', 'publisher', 'publisher-place', 'DOI', 'type'] as const;
/** One compared field. */
export type Field = (typeof FIELDS)[number];

/** A CSL item as `digest refs` prints it (only what the scoring reads). */
export type Item = Record<string, unknown>;

/** One labelled string: its raw text and, per field, a check of what the parser made. */
export interface Row {
  raw: string;
  /** The gold value of each field the row labels (for reading failures). */
  gold: Partial<Record<Field, string>>;
  /** Per labelled field: does the parsed item agree? */
  checks: Partial<Record<Field, (item: Item) => boolean>>;
  /**
   * Per field whose gold value is a fragment cut where markup began or ended (see `markupCut`):
   * does the parsed item hold that fragment where it was cut? The markup-aware figure uses this
   * check instead of `checks`.
   */
  cut?: Partial<Record<Field, (item: Item) => boolean>>;
  /** The fields the gold says the string does not have (for the spurious count). */
  absent: Field[];
  /** Labelled fields not scored because the gold value is not written in the string. */
  unwritten: Field[];
}

/**
 * A collector of one row's checks. With `written`, a gold value taken from a separate record
 * (NLM's, a BibTeX entry's) is scored only when the string spells it (normalised): a patent's
 * country or an author the string leaves out cannot be extracted, only looked up.
 */
function collector(raw: string, written: boolean) {
  const gold: Row['gold'] = {};
  const checks: Row['checks'] = {};
  const unwritten: Field[] = [];
  const haystack = norm(raw);
  const add = (field: Field, value: string | undefined, check: (item: Item, want: string) => boolean) => {
    if (value === undefined || norm(value) === '') return;
    if (written && field !== 'type' && !haystack.includes(norm(value))) {
      unwritten.push(field);
      return;
    }
    gold[field] = value;
    checks[field] = (item) => check(item, value);
  };
  return { gold, checks, unwritten, add };
}

/** A labelled set, loaded. */
export interface LabelledSet {
  name: string;
  file: string;
  rows: Row[];
  /** Fields not compared on this set, and why. */
  notes: string[];
}

/**
 * Case- and punctuation-insensitive form: NFKC, lower case, letters and digits only. Markup the
 * gold files carry (AnyStyle's `<italic>`, BibTeX's `\quad`, `\&`, `---`) is not content.
 */
export function norm(value: unknown): string {
  return String(value ?? '')
    .replace(/<\/?[a-z]+>/g, '')
    .replace(/\\(?:quad|relax)\b/g, ' ')
    .replace(/\\&/g, '&')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

// Label words that stand in volume and page spans ("Vol. 39, No. 9", "pp. 35-50", "n°95", "S. 12",
// "v.13 n.4", "16. Jg. H.2", GOST's "Т. 53, №2. С. 156"): the parser's own volume, issue and page labels.
// (The Cyrillic words bounded by letters and digits: `\b` knows ASCII words only, and "Т. 1" has none.)
const labelWords = /\b(?:vols?|volume|v|nos?|n|nr|n°|number|issue|iss|band|heft|h|jg|bd|pp|p|pages?|s|suppl|supplement)\b\.?|n°|№|(?<![\p{L}\p{N}])(?:т|том|с)(?![\p{L}\p{N}])\.?/giu;

/** A volume, issue or page value without its labels, normalised as `norm` does ("Vol. 39" and "Т. 39" → "39"). */
export const unlabel = (value: unknown) => norm(String(value ?? '').replace(labelWords, ' '));

// The particles a family opens with ("van der Heijde", "De Luca"), any case.
const isParticle = (w: string) => /^(?:van|von|de|der|den|del|della|di|da|dos|du|la|le|ten|ter|zu|vom)$/i.test(w);
const year = (value: unknown): string | null => /(?<!\d)(1[5-9]\d{2}|20\d{2})(?!\d)/.exec(String(value ?? ''))?.[1] ?? null;
const itemYear = (item: Item) => String((item.issued as { 'date-parts'?: number[][] } | undefined)?.['date-parts']?.[0]?.[0] ?? '');
const names = (item: Item, key: string) => (item[key] as { family?: string; given?: string; literal?: string }[] | undefined) ?? [];
const firstFamily = (item: Item, key: string) => {
  const first = names(item, key)[0];
  return first ? (first.literal ?? first.family ?? '') : '';
};
const str = (item: Item, key: string) => (typeof item[key] === 'string' ? (item[key] as string) : '');

function readJsonl(path: string): Record<string, unknown>[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/**
 * Where a gold value from an NLM record was cut at markup. NLM's titles lose their italic runs
 * (species, genes, "in vivo") and what follows or precedes them: a title that ends in a space or
 * an opening bracket ("The relative densities of red (" for "…of red (Cervus elaphus) and
 * roe…") was cut at its end; one that begins with a space, a comma, a colon, a full stop or a
 * hyphen (", a putative LRR receptor kinase, regulates…", "-nitrosoglutathione is…") was cut at
 * its start. A title that begins with an opening bracket or a quotation mark is not cut: it is a
 * translated title ("[Family and career planning…]") or a quoted one, and is scored strictly.
 */
export function markupCut(gold: string): 'end' | 'start' | null {
  if (/^[\s,.:;\-–]/u.test(gold)) return 'start';
  if (/[\s([]$/u.test(gold)) return 'end';
  return null;
}

/** The markup-aware check of a cut gold title: the parsed title begins with it (cut at its end), or holds it (cut at its start). */
function cutTitleCheck(gold: string): ((item: Item) => boolean) | null {
  const where = markupCut(gold);
  const want = norm(gold);
  if (where === 'end') return (item) => norm(item.title).startsWith(want);
  if (where === 'start') return (item) => norm(item.title).includes(want);
  return null;
}

/**
 * A family name as the record writes it (particles kept before it, as the string spells them:
 * "van der Heijde", "De Luca") against an NLM record's family. NLM's records mostly keep the
 * family without the particles before it ("Heijde", "Luca": 40 of the 43 PMC gold families whose
 * string opens with a particle) and sometimes with them ("Di Corcia", "van Meer"): the part a CSL
 * processor splits off as the `non-dropping-particle` when it parses a family. So the record's
 * family agrees when it is the gold whole, or the gold once its leading particles are set apart;
 * a particle alone is never a family.
 */
export function sameNlmFamily(family: string, gold: string): boolean {
  if (norm(family) === norm(gold)) return true;
  const words = family.split(/\s+/).filter(Boolean);
  let i = 0;
  while (i < words.length - 1 && isParticle(words[i]!)) i++;
  return i > 0 && !isParticle(words[i]!) && norm(words.slice(i).join(' ')) === norm(gold);
}

/** PubMed Central strings: `expected` holds title, container, volume, first page, first author's family, DOI. */
function pmcSet(path: string): LabelledSet {
  const rows = readJsonl(path).map((r): Row => {
    const raw = r.raw as string;
    const e = r.expected as Record<string, string>;
    const { gold, checks, unwritten, add } = collector(raw, true);
    add('title', e.title, (item, want) => norm(item.title) === norm(want));
    const cutTitle = checks.title && e.title !== undefined ? cutTitleCheck(e.title) : null;
    add('container-title', e['container-title'], (item, want) => norm(item['container-title']) === norm(want));
    add('author', e['author-first-family'], (item, want) => sameNlmFamily(firstFamily(item, 'author'), want));
    add('volume', e.volume, (item, want) => unlabel(item.volume) === unlabel(want));
    add('page', e['page-first'], (item, want) => norm(str(item, 'page').split(/[-–]/)[0]) === norm(want));
    // The DOI is the record's: only the strings that spell it can be expected to yield it.
    if (e.DOI && raw.toLowerCase().includes(e.DOI.toLowerCase())) add('DOI', e.DOI, (item, want) => norm(item.DOI) === norm(want));
    return { raw, gold, checks, absent: [], unwritten, ...(cutTitle ? { cut: { title: cutTitle } } : {}) };
  });
  return {
    name: 'PMC dev (pmc-vancouver-dev)',
    file: path,
    rows,
    notes: [
      'title, markup-aware: NLM cut some gold titles where italics began or ended; one that ends in a space or an opening bracket is matched when the parsed title begins with it, one that begins with a space or punctuation (not a bracket or quotation mark) when the parsed title contains it; the strict figure compares every title whole, and the targets apply to the markup-aware one',
      'author: first family; the record keeps the particles before it ("van der Heijde"), NLM\'s record mostly not ("Heijde"): either agrees (sameNlmFamily)',
      'first page only (the gold has no last page)', 'DOI only where the string spells it (the gold DOI is the record’s)', 'no year, issue, publisher or type in the gold'],
  };
}

// BibTeX entry types of the GB/T set → the CSL type a reader of the standard gives them.
const bibToCsl: Record<string, string> = {
  article: 'article-journal',
  book: 'book',
  collection: 'book',
  proceedings: 'book',
  incollection: 'chapter',
  inproceedings: 'paper-conference',
  online: 'webpage',
  standard: 'standard',
  newspaper: 'article-newspaper',
  techreport: 'report',
  patent: 'patent',
  phdthesis: 'thesis',
  mastersthesis: 'thesis',
  periodical: 'periodical',
  archive: 'manuscript',
  legislation: 'legislation',
};

/** The family part of a BibTeX-style name ("Kanamori, Hiroo" → Kanamori; "陈登原" → 陈登原). */
function bibFamily(name: string): string {
  const comma = name.indexOf(',');
  return comma === -1 ? name : name.slice(0, comma);
}

/** GB/T 7714 examples: `csl` holds the labelled fields as arrays, `fields.ENTRYTYPE` the type. */
function gbtSet(path: string): LabelledSet {
  const rows = readJsonl(path).map((r): Row => {
    const raw = r.raw as string;
    const c = r.csl as Record<string, string[]>;
    const f = r.fields as Record<string, string>;
    const { gold, checks, unwritten, add } = collector(raw, true);
    add('title', c.title?.[0], (item, want) => norm(item.title) === norm(want));
    add('container-title', c['container-title']?.[0], (item, want) => norm(item['container-title']) === norm(want));
    add('author', c.author?.[0] && bibFamily(c.author[0]), (item, want) => norm(firstFamily(item, 'author')) === norm(want));
    // GB/T 7714 names a book's editors first as it names authors, with no role word ("FAN X, SOMMERS C H.
    // Food irradiation…[M/OL]. 2nd ed."): only the BibTeX record knows they edit, so that editor is not scored.
    if (c.editor && !c.author && /\[M(?:\/OL)?\](?!\s?\/\/)/.test(raw) && !/\((?:eds?|editors?)\.?\)|,\s?eds?\.|\beditors?\b|[编編]/i.test(raw)) unwritten.push('editor');
    else add('editor', c.editor?.[0] && bibFamily(c.editor[0]), (item, want) => norm(firstFamily(item, 'editor')) === norm(want));
    add('issued', c.issued?.map(year).find((y) => y) ?? undefined, (item, want) => itemYear(item) === want);
    add('volume', c.volume?.[0], (item, want) => unlabel(item.volume) === unlabel(want));
    add('issue', c.issue?.[0], (item, want) => [item.issue, item.number].some((v) => unlabel(v) === unlabel(want)));
    add('page', c.page?.[0], (item, want) => norm(item.page) === norm(want));
    add('publisher', c.publisher?.[0], (item, want) => norm(item.publisher) === norm(want));
    add('publisher-place', c['publisher-place']?.[0], (item, want) => norm(item['publisher-place']) === norm(want));
    add('DOI', c.DOI?.[0], (item, want) => norm(item.DOI) === norm(want));
    // A type can be read only from a type code ("[J]", "[M/OL]"); fragments without one are not scored.
    if (/\[[A-Z]{1,2}(?:\/[A-Z]{2})?\]/.test(raw)) add('type', bibToCsl[f.ENTRYTYPE!] ?? f.ENTRYTYPE, (item, want) => item.type === want);
    const absent = (['title', 'container-title', 'author', 'volume', 'issue', 'page', 'publisher', 'DOI'] as Field[]).filter((k) => gold[k] === undefined && !(k === 'author' && c.editor));
    return { raw, gold, checks, absent, unwritten };
  });
  return {
    name: 'GB/T 7714 examples (gbt7714-examples)',
    file: path,
    rows,
    notes: [
      'author and editor: first name (family, or the whole Chinese name)',
      'editor: not scored for a book ([M], [M/OL]) whose editors stand first with no role word (the standard writes none; the BibTeX record alone says they edit): counted among the values not in the string',
      'issue: `issue` or `number` (the gold files a standard’s or report’s number as its issue)',
      'type: only strings with a type code',
    ],
  };
}

// Connectors and roles inside an AnyStyle author span.
const authorNoise = /\((?:eds?|editors?|hrsg|coords?|orgs?|dir)\.?\)|\b(?:eds?|editors?|edited by|et al|and others)\b\.?|\bet al\b\.?/giu;

// Words that make a name an organisation's, written whole ("U.S. Department of Transportation").
const orgWords = /\b(?:department|university|association|commission|organi[sz]ation|institute|society|council|ministry|bureau|group|committee|agency|cent(?:er|re)|office|foundation|board|service|library|corporation|company|inc|ltd|academy|federation|union|administration|program(?:me)?|project|network|conference|consortium|team|national|international|world|american|european)\b/i;
// More words of a body's name, asked only of a whole span that holds no person's name (organisationSpan).
const bodyWords = /\b(?:alliance|forum|army|corps|study|institut|minist[eè]re)\b/i;
// An organisation's name whole, before the span is cut at its first "and" or comma: "Health and Retirement
// Study", "Victorian Equal Opportunity and Human Rights Commission", "American Bar Association, Commission on
// Women in the Profession" (a body and its part), "U.S. Army Corps of Engineers" — an organisation word and
// no name of a person's shape (no initials after a comma or a family, no "&", ";" or "and the" between names:
// "Smith J and the Example Study Group" is a person and a group); a note in brackets
// after it ("EMB Ltd. (Edward M. Berstein)", "… (MEF)") is not part of the name.
const personShape = /,\s*(?:\p{Lu}\.\s?){1,3}(?:,|$)|\p{Lu}\p{Ll}+\s\p{Lu}{1,3}(?:,|\.?$)/u;
function organisationSpan(text: string): string | null {
  if (!(orgWords.test(text) || bodyWords.test(text)) || /[;&]|\band the\b/i.test(text) || personShape.test(text)) return null;
  const name = text.replace(/\s*\([^()]*\)$/, '').replace(/[\s,.]+$/, '');
  return text.split(/\s+/).length >= 3 ? name : null;
}
// (Initials in brackets are initials: French lists write "Kefi (N.)", "ALY (M.I.)".)
const isInitials = (w: string) => /^\(?(?:\p{Lu}\.?-?){1,3}\.?\)?$/u.test(w) && !/^\p{Lu}\p{Ll}/u.test(w);
/** The last word of a given-first name, with the particles before it ("D. H. van Hessem" → van Hessem). */
function lastFamily(words: string[]): string {
  let i = words.length - 1;
  while (i > 0 && isParticle(words[i - 1]!)) i--;
  return words.slice(i).join(' ');
}

/**
 * The first author's family name as an AnyStyle span writes it. The span holds names only, so a
 * few plain rules read it, in order: an organisation whole; "Family Initials" (the family one word
 * or more, the initials maybe in brackets); "Initials Family"; "FAMILY Given"; "Family, Given" (the
 * part after the comma is initials or one given name, or the family is one word); else a
 * given-first list ("John Smith, Jane Doe"); "FAMILY Given" with more given names.
 */
export function spanFirstFamily(span: string): string {
  const text = span
    .replace(/<\/?[a-z]+>/g, '')
    .replace(authorNoise, ' ')
    .replace(/^\s*(?:by|in)\s+/i, '')
    .replace(/[\s,.;:]+$/u, '')
    .trim();
  const organisation = organisationSpan(text);
  if (organisation) return organisation;
  const first = text.split(/\s*(?:;|&|\band\b|\bund\b|\bet\b|\by\b)\s*/u)[0]!.replace(/[\s,.]+$/, '').trim();
  if (orgWords.test(first) && first.split(/\s+/).length >= 3 && !personShape.test(first)) return first;
  const parts = first.split(/\s*,\s*/).filter(Boolean);
  // (A suffix is no family: "Wimsatt Jr., William Kurtz" is Wimsatt.)
  const words = (parts[0] ?? '').split(/\s+/).filter((w) => w && !/^(?:Jr|Sr|II|III|IV)\.?$/.test(w));
  // (The family may be more than one word: "Van Buuren S", "COTTA RAMOSINO L.".)
  const initialsFrom = words.findIndex(isInitials);
  if (initialsFrom > 0 && words.slice(initialsFrom).every(isInitials)) return words.slice(0, initialsFrom).join(' ');
  if (words.length > 1 && isInitials(words[0]!)) return lastFamily(words);
  // ("ACKET Claude, BACHER Pierre": a family in capitals, then a given name, before any comma.)
  if (words.length === 2 && /^\p{Lu}{2,}$/u.test(words[0]!) && /^\p{Lu}\p{Ll}/u.test(words[1]!)) return words[0]!;
  if (parts.length > 1) {
    const next = parts[1]!.split(/\s+/).filter(Boolean);
    const familyWords = words.filter((w) => !isParticle(w));
    if (next.every(isInitials) || familyWords.length <= 1 || next.filter((w) => !isInitials(w)).length <= 1) return words.join(' ');
    return lastFamily(words);
  }
  if (words.length > 1 && /^\p{Lu}{2,}$/u.test(words[0]!) && !/^\p{Lu}{2,}$/u.test(words[words.length - 1]!)) return words[0]!;
  return lastFamily(words);
}

/** AnyStyle's gold set: `fields` holds the labelled spans as they stand (punctuation included). */
function anystyleSet(path: string): LabelledSet {
  const stripIn = (s: string) => s.replace(/^\s*in[:\s]\s*/i, '');
  const rows = readJsonl(path).map((r): Row => {
    const raw = r.raw as string;
    const f = r.fields as Record<string, string[]>;
    const { gold, checks, unwritten, add } = collector(raw, false);
    add('title', f.title?.[0], (item, want) => norm(item.title) === norm(want));
    const container = f.journal?.[0] ?? f['container-title']?.[0];
    add('container-title', container && stripIn(container), (item, want) => norm(item['container-title']) === norm(want));
    add('author', f.author?.[0] && spanFirstFamily(f.author[0]), (item, want) => norm(firstFamily(item, 'author')) === norm(want));
    add('editor', f.editor?.[0] && !f.author ? spanFirstFamily(f.editor[0]) : undefined, (item, want) => norm(firstFamily(item, 'editor')) === norm(want));
    add('issued', f.date?.map(year).find((y) => y) ?? undefined, (item, want) => itemYear(item) === want);
    // The volume span often holds the issue too ("6(1)", "Vol. 39, No. 9"), and sometimes the whole
    // numbers group of a journal ("2012;30(15):", "81(4):044005"): volume, volume and issue, or the
    // item's own year, volume, issue and pages in the order the span has them.
    add('volume', f.volume?.[0], (item, want) => {
      // ("2 vols." is the work's number of volumes, CSL's `number-of-volumes`.)
      if (/\bvols\.?\s*$/i.test(want) && item['number-of-volumes'] !== undefined) return unlabel(item['number-of-volumes']) === unlabel(want);
      const volume = unlabel(item.volume);
      if (!volume && !unlabel(item.issue)) return false;
      const group = [`${volume}${unlabel(item.issue)}`, `${itemYear(item)}${volume}${unlabel(item.issue)}`];
      return [volume, ...group, ...group.map((g) => `${g}${unlabel(item.page)}`)].includes(unlabel(want));
    });
    // ("312 pp." is the work's number of pages, CSL's `number-of-pages`.)
    add('page', f.pages?.[0], (item, want) => (/^\s*\d+\s?(?:pp|p|s)\.?[\s,.]*$/i.test(want) && item['number-of-pages'] !== undefined ? unlabel(item['number-of-pages']) : unlabel(item.page)) === unlabel(want));
    add('publisher', f.publisher?.[0], (item, want) => norm(item.publisher) === norm(want));
    add('publisher-place', f.location?.[0], (item, want) => norm(item['publisher-place']) === norm(want));
    add('DOI', f.doi?.[0]?.replace(/^.*?(?=10\.)/, ''), (item, want) => norm(item.DOI) === norm(want));
    const absent = (['title', 'container-title', 'author', 'volume', 'page', 'publisher', 'DOI'] as Field[]).filter((k) => gold[k] === undefined && !(k === 'author' && f.editor));
    return { raw, gold, checks, absent, unwritten };
  });
  return {
    name: 'AnyStyle core (anystyle-core)',
    file: path,
    rows,
    notes: [
      'author: first family, read from the gold span (spanFirstFamily)',
      'container-title: the journal or container span, a leading "In" dropped',
      'volume: the span may hold the issue too ("6(1)"), or the year and pages ("2012;30(15):1750-1754"): the item\'s own volume with its issue, year and pages in that order; a span "2 vols." is the number of volumes (`number-of-volumes`)',
      'page: a span "312 pp." is the number of pages (`number-of-pages`)',
      'no issue or type labels in the gold',
    ],
  };
}

/** The three sets, each null when its file is not there. */
export function labelledSets(dir = sharedDataDir()): { name: string; path: string; set: LabelledSet | null }[] {
  const at = (file: string) => resolve(dir, 'references', file);
  const load = (file: string, make: (path: string) => LabelledSet) => ({ name: file, path: at(file), set: existsSync(at(file)) ? make(at(file)) : null });
  return [load('gbt7714-examples.jsonl', gbtSet), load('anystyle-core.jsonl', anystyleSet), load('pmc-vancouver-dev.jsonl', pmcSet)];
}

/** Right/total per field, and how often a field the gold lacks was filled in. */
export interface Figures {
  /** Strict: every gold value compared whole. */
  right: Partial<Record<Field, number>>;
  /** Markup-aware: gold values cut at markup matched as fragments (`Row.cut`), the others as in `right`. */
  rightMarkupAware: Partial<Record<Field, number>>;
  /** Gold values cut at markup, per field. */
  cut: Partial<Record<Field, number>>;
  total: Partial<Record<Field, number>>;
  spurious: Partial<Record<Field, number>>;
  /** Labelled values not scored: not written in the string. */
  unwritten: Partial<Record<Field, number>>;
  /** Row indices that failed (markup-aware), per field. */
  failed: Partial<Record<Field, number[]>>;
  /** Title misses whose gold title is a strict beginning of the parsed one (a gold title cut short). */
  goldTitleCut: number;
}

const cslKey: Partial<Record<Field, string>> = { author: 'author', title: 'title', 'container-title': 'container-title', volume: 'volume', issue: 'issue', page: 'page', publisher: 'publisher', DOI: 'DOI' };

/** Scores the parsed items (one per row, in order) against a set. */
export function score(set: LabelledSet, items: Item[]): Figures {
  const figures: Figures = { right: {}, rightMarkupAware: {}, cut: {}, total: {}, spurious: {}, unwritten: {}, failed: {}, goldTitleCut: 0 };
  const count = (tally: Partial<Record<Field, number>>, field: Field) => void (tally[field] = (tally[field] ?? 0) + 1);
  set.rows.forEach((row, i) => {
    const item = items[i] ?? {};
    for (const field of FIELDS) {
      const check = row.checks[field];
      if (!check) continue;
      count(figures.total, field);
      const cutCheck = row.cut?.[field];
      if (cutCheck) count(figures.cut, field);
      if (check(item)) count(figures.right, field);
      if (cutCheck ? cutCheck(item) : check(item)) count(figures.rightMarkupAware, field);
      else {
        (figures.failed[field] ??= []).push(i);
        const gold = norm(row.gold.title);
        if (field === 'title' && gold && norm(item.title).startsWith(gold)) figures.goldTitleCut++;
      }
    }
    for (const field of row.unwritten) figures.unwritten[field] = (figures.unwritten[field] ?? 0) + 1;
    for (const field of row.absent) {
      const key = cslKey[field];
      if (key && item[key] !== undefined) figures.spurious[field] = (figures.spurious[field] ?? 0) + 1;
    }
  });
  return figures;
}

/** One line of JSON per miss of a field (markup-aware): the row, the string, the gold value and what was parsed. */
export function misses(set: LabelledSet, figures: Figures, items: Item[], field: Field): string[] {
  // (The fields' names are the CSL item's keys.)
  return (figures.failed[field] ?? []).map((i) => JSON.stringify({ row: i, raw: set.rows[i]!.raw, gold: set.rows[i]!.gold[field], parsed: field === 'issued' ? itemYear(items[i] ?? {}) : (items[i] ?? {})[field] }));
}

/** A percentage with one decimal. */
export const percent = (right: number, total: number) => (total ? (100 * right) / total : 0);

/** The figures as printable lines: field, percentage (markup-aware, and strict where they differ), right/total, spurious. */
export function table(set: LabelledSet, figures: Figures): string {
  const lines = [`${set.name}: ${set.rows.length} strings`];
  for (const field of FIELDS) {
    const total = figures.total[field];
    if (!total) continue;
    const right = figures.rightMarkupAware[field] ?? 0;
    const spurious = figures.spurious[field];
    const unwritten = figures.unwritten[field];
    const cut = figures.cut[field];
    const strict = figures.right[field] ?? 0;
    const extra = [
      cut ? `markup-aware; strict ${percent(strict, total).toFixed(1)} % (${strict}/${total}); ${cut} gold values cut at markup` : '',
      unwritten ? `${unwritten} gold values not in the string, not scored` : '',
      spurious ? `filled where the gold has none: ${spurious}` : '',
    ]
      .filter(Boolean)
      .join('; ');
    lines.push(`  ${field.padEnd(16)} ${percent(right, total).toFixed(1).padStart(5)} %  (${right}/${total})${extra ? `  ${extra}` : ''}`);
  }
  if (figures.goldTitleCut) {
    lines.push(`  · title: ${figures.goldTitleCut} of the ${figures.failed.title?.length ?? 0} misses run on past the gold title (it is a strict beginning of the parsed one)`);
  }
  for (const note of set.notes) lines.push(`  · ${note}`);
  return lines.join('\n');
}
