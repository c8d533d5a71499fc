import type { ArticleRecord, Item } from '../generated/article.js';
import { linkDefaults } from '../generated/stage-defaults.js';
import type { Journal, PipelineData } from '../core/data.js';
import type { Block, CitationMarkerLocation, DigestDocument, NamedJournal } from '../core/document.js';
import { JournalIndex } from '../core/journals.js';
import { pinyinRubyOf } from '../core/lexicon.js';
import { byStart, ordered } from '../core/order.js';
import { rangedPattern } from '../core/property-ranges.js';
import { defineStage, type StageContext } from '../core/stage.js';
import { viewOf } from '../core/script.js';
import { foldedOf, foldWidth, joinedOf, matchesOf } from '../core/text.js';
import { flattenedMarkers, superscriptMarkers } from '../refs/superscripts.js';

/** Expands the numbers of one citation marker: "1,2" → [1, 2]; "1-3" → [1, 2, 3]. */
export function expandCitation(inner: string): number[] {
  const out: number[] = [];
  for (const part of foldWidth(inner).split(/[,，、]/).map((p) => p.trim())) {
    const range = /^(\d+)\s*[-–~]\s*(\d+)$/.exec(part);
    if (range) {
      const [from, to] = [Number(range[1]), Number(range[2])];
      if (to >= from && to - from <= 50) for (let n = from; n <= to; n++) out.push(n);
      else out.push(from, to);
    } else if (/^\d+$/.test(part)) out.push(Number(part));
  }
  return out;
}

/** The offset in the decoded text of a position inside an item's text (through the blocks segment left on the document). */
function sourceOffset(doc: DigestDocument, item: Item, index: number, fallback: number): number {
  const blocks: Block[] | undefined = doc.itemBlocks.get(item);
  if (!blocks) return fallback;
  let cursor = 0;
  for (const block of blocks) {
    if (index <= cursor + block.text.length) return block.exact ? block.start + (index - cursor) : block.start;
    cursor += block.text.length + 1;
  }
  return blocks[blocks.length - 1]!.start;
}

/** A superscript of an item's text that may cite: its index in the item's text, its offset in the decoded text, its numbers. */
interface ItemSuperscript {
  index: number;
  at: number;
  length: number;
  numbers: string;
  linked: boolean;
  /** Digits a copy flattened into the text ("cells.1 In"): a citation only in the list's order ({@link flatInListOrder}). */
  flat: boolean;
}

/**
 * The superscripts of an item's blocks that may cite (src/refs/superscripts.ts), placed in the item's
 * text (its blocks joined by line feeds), in text order; with `flattened`, the digits a copy flattened too.
 */
function itemSuperscripts(doc: DigestDocument, item: Item, blocks: readonly Block[], flattened: boolean): ItemSuperscript[] {
  const out: ItemSuperscript[] = [];
  let cursor = 0;
  for (const block of blocks) {
    const sups = superscriptMarkers(block);
    for (const sup of sups) {
      const at = sup.source ?? sourceOffset(doc, item, cursor + sup.index, block.start);
      out.push({ index: cursor + sup.index, at, length: sup.text.length, numbers: sup.numbers, linked: sup.linked, flat: false });
    }
    const flats = flattened ? flattenedMarkers(block) : [];
    for (const flat of flats) {
      const at = sourceOffset(doc, item, cursor + flat.index, block.start);
      out.push({ index: cursor + flat.index, at, length: flat.text.length, numbers: flat.numbers, linked: false, flat: !flat.named });
    }
    if (sups.length > 0 && flats.length > 0) out.sort((a, b) => a.index - b.index);
    cursor += block.text.length + 1;
  }
  return out;
}

/** A citation marker of the page, for the order test of flattened digits: where it stands, its numbers, and how firm it is. */
interface OrderedMarker {
  /** Its place in the decoded text (an item's markers all at the item's start, `seq` ordering them). */
  at: number;
  seq: number;
  numbers: number[];
  /** Bracketed or linked: a citation whatever its order; a superscript: where the list has its numbers; flattened digits: in order. */
  kind: 'firm' | 'superscript' | 'flat';
  marker: object;
}

// How far past the highest number cited so far a flattened marker's new number may be: a marker the
// copy lost (in a caption or a table left out, in a shape not read) leaves a gap of one or two.
const flatGap = 3;

/**
 * The page's citation markers for {@link flatInListOrder}: each item's, bracketed and superscript, in the
 * item's text order at the item's start, and those segment located outside items at their places.
 */
function orderedMarkers(read: readonly { itemStart: number; sups: readonly ItemSuperscript[]; bracketed: readonly RegExpExecArray[] }[], outside: readonly CitationMarkerLocation[]): OrderedMarker[] {
  const out: OrderedMarker[] = [];
  let seq = 0;
  for (const { itemStart, sups, bracketed } of read) {
    let next = 0;
    const push = (sup: ItemSuperscript) => out.push({ at: itemStart, seq: seq++, numbers: expandCitation(sup.numbers), kind: sup.flat ? 'flat' : sup.linked ? 'firm' : 'superscript', marker: sup });
    for (const m of bracketed) {
      for (; next < sups.length && sups[next]!.index < m.index; next++) push(sups[next]!);
      out.push({ at: itemStart, seq: seq++, numbers: expandCitation(m.groups!.numbers!), kind: 'firm', marker: m });
    }
    for (; next < sups.length; next++) push(sups[next]!);
  }
  for (const marker of outside) {
    const numbers = expandCitation(marker.numbers ?? marker.text.trim().slice(1, -1));
    out.push({ at: marker.start, seq: seq++, numbers, kind: marker.flat === true ? 'flat' : marker.weak === true ? 'superscript' : 'firm', marker });
  }
  return out;
}

/**
 * The flattened markers ("…symmetrically.1 In 2019", "…cells2,3 and") that cite: in text order with the
 * page's other markers, each of whose numbers the list has and is one cited before or a new one at most
 * {@link flatGap} past the highest cited so far — the order a numbered (Vancouver) list is written in, which
 * numbers that belong to the text ("the 12 patients", a word's "2", a dose) do not keep.
 */
function flatInListOrder(markers: OrderedMarker[], has: (n: number) => boolean): Set<object> {
  markers.sort((a, b) => a.at - b.at || a.seq - b.seq);
  const cites = new Set<object>();
  const seen = new Set<number>();
  let highest = 0;
  for (const m of markers) {
    if (m.kind === 'firm') {
      for (const n of m.numbers) if (has(n)) (seen.add(n), (highest = Math.max(highest, n)));
      continue;
    }
    if (m.numbers.length === 0 || !m.numbers.every(has)) continue;
    if (m.kind === 'flat') {
      let next = highest;
      let inOrder = true;
      for (const n of m.numbers) {
        if (seen.has(n)) continue;
        // A number never cited, at or below the highest so far or too far past it: out of the list's order.
        if (n <= next || n > next + flatGap) {
          inOrder = false;
          break;
        }
        next = n;
      }
      if (!inOrder) continue;
      cites.add(m.marker);
    }
    for (const n of m.numbers) seen.add(n);
    highest = Math.max(highest, ...m.numbers);
  }
  return cites;
}

/** What a 《…》, “…” or 「…」 holds. */
export type BracketRole = 'journal' | 'family' | 'publisher' | 'unknown-journal' | 'document' | 'organization' | 'other';

/** A bracketed span of a text: [start, end) with the brackets, its content, and what the content is. */
export interface Bracket {
  start: number;
  end: number;
  text: string;
  role: BracketRole;
  /** A journal cue word stands right before or after it (期刊《X》, 《X》杂志). */
  cued: boolean;
  /**
   * Of role other, it may be a paper's title: a 《…》 unless a source word follows it (《SciTechDaily》报导),
   * a quoted phrase only with a title word around it (一篇“…”, 题为「…」, “…”一文).
   */
  titled: boolean;
}

/** A journal, family or publisher a text names: [start, end) in the text. */
export interface JournalName {
  start: number;
  end: number;
  text: string;
  /** The table's entry, or undefined for a 《…》 the cue words mark as a journal that the table does not know. */
  journal: Journal | undefined;
  kind: NamedJournal['kind'];
  /** Where the name's written form opens: its bracket, or the name itself (where item diagnostics point). */
  opens: number;
}

/** What a text says about journals: the names, in text order, and every bracketed span with its role. */
export interface JournalReading {
  names: JournalName[];
  brackets: Bracket[];
}

/** Tells whether a bracketed name is an organization (a hospital, a university: 《Monash Health》). */
export type OrganizationTest = (name: string) => boolean;

const bracketed = /《([^《》]{1,200})》|“([^“”]{1,200})”|「([^「」]{1,200})」/gu;
/** An English name in parentheses right after a bracket (the view has half-width parentheses). */
const parenthesized = /^ {0,2}\(([A-Za-z][^()]{0,120})\)/u;
// (Ranges, not ICU's sets: src/core/property-ranges.ts.)
const hasHan = rangedPattern(() => /\p{Script=Han}/u);
const hasLatin = /[A-Za-z]/u;
const hanRun = rangedPattern(() => /[\p{Script=Han}·・‧]+/gu);
const latinRun = /[A-Za-z][A-Za-z0-9 .,:&'’+-]*[A-Za-z0-9)]|[A-Za-z]/gu;

function hanCount(text: string): number {
  let n = 0;
  const han = hasHan();
  for (const ch of text) if (han.test(ch)) n++;
  return n;
}

/**
 * The journal `name` names, else the one it names without a mirror's pinyin ruby
 * (《當(dāng)代干細胞研究與治療》): a module-level function, not a closure over the index made per
 * block, which V8 optimised again after every full collection (BENCHMARKS.md, changes 59 and 64).
 */
function findJournal(journals: JournalIndex, name: string, ruby: RegExp | null): ReturnType<JournalIndex['find']> {
  return journals.find(name) ?? (ruby !== null && name.includes('(') ? journals.find(name.replace(ruby, '')) : undefined);
}

/**
 * The Latin and the Han runs of a bracket's text that writes both ("Nature Biotechnology 自然生物科技"),
 * in text order, with the journal they name, when there are two or more and each names that one
 * journal; else null. Lists pushed in loops, not made by `map(…)`: the array V8's optimised `map`
 * makes allows holes, another map than the builtin's, and `readJournals`' code, which read these
 * lists, was thrown away the first time it ran optimised (issue 17: BENCHMARKS.md, "arrays made by map").
 */
function runsOfOneJournal(bare: string, journals: JournalIndex): { runs: { at: number; text: string }[]; journal: NonNullable<ReturnType<JournalIndex['find']>> } | null {
  const runs: { at: number; text: string }[] = [];
  const latin = matchesOf(bare, latinRun);
  const han = matchesOf(bare, hanRun());
  for (let k = 0; k < latin.length + han.length; k++) {
    const m = k < latin.length ? latin[k]! : han[k - latin.length]!;
    const text = m[0].trim();
    if (text.length > 0) runs.push({ at: m.index, text });
  }
  if (runs.length < 2) return null;
  const journal = journals.find(runs[0]!.text);
  if (journal === undefined) return null;
  for (let k = 1; k < runs.length; k++) if (journals.find(runs[k]!.text) !== journal) return null;
  // Stable: runs starting together keep the Latin run first.
  return { runs: runs.sort((a, b) => a.at - b.at), journal };
}

/**
 * Reads the journals a text names, wherever it names them: in 《…》, “…” or 「…」 (the table's
 * names through the script-folded view; a name with a trailing cue word, 「Circulation期刊」; an
 * English and a Chinese name in one bracket, 「Nature Biotechnology 自然生物科技」); the English
 * name in parentheses right after a bracket (《柳叶刀》(The Lancet), 《自然》（Nature）), which also
 * names a bracket the table does not know; and names written bare (Latin names, longest first;
 * a one-word title such as Blood or Nature only next to a cue word). A 《…》 that is a document
 * (指南…), an organization (《Monash Health》) or unknown without a cue is no journal; one the
 * cue words mark is a journal the table does not know; one followed by a family word
 * (《柳叶刀》子刊) names the family.
 */
export function readJournals(text: string, journals: JournalIndex, isOrganization: OrganizationTest, view: string = JournalIndex.view(text), ruby: RegExp | null = null): JournalReading {
  const names: JournalName[] = [];
  const brackets: Bracket[] = [];
  const covered: [number, number][] = [];
  // Indexed loops here and below: asked of every block, a `for … of` in baseline code allocated
  // an iterator (most blocks have no bracket) and an iterator result a step (BENCHMARKS.md, "loops without iterators").
  const matches = matchesOf(view, bracketed);
  for (let k = 0; k < matches.length; k++) {
    const m = matches[k]!;
    const open = view[m.index]!;
    const inner = m[1] ?? m[2] ?? m[3]!;
    const lead = inner.length - inner.trimStart().length;
    const contentStart = m.index + 1 + lead;
    const content = text.slice(contentStart, m.index + 1 + inner.trimEnd().length);
    const start = m.index;
    let end = m.index + m[0].length;
    const cued = journals.cueBefore(view, start) || journals.cueAfter(view, end);
    const found: JournalName[] = [];
    const whole = findJournal(journals, content, ruby);
    if (whole) found.push({ start: contentStart, end: contentStart + content.length, text: content, journal: whole, kind: whole.publisher ? 'publisher' : 'journal', opens: start });
    else {
      // 「Circulation期刊」; 「Nature Biotechnology 自然生物科技」: each part names the journal.
      const bare = journals.withoutTrailingCue(content) ?? content;
      const direct = bare !== content ? findJournal(journals, bare, ruby) : undefined;
      if (direct) found.push({ start: contentStart, end: contentStart + bare.length, text: bare, journal: direct, kind: direct.publisher ? 'publisher' : 'journal', opens: start });
      else if (hasHan().test(bare) && hasLatin.test(bare)) {
        const one = runsOfOneJournal(bare, journals);
        for (let k = 0; one !== null && k < one.runs.length; k++) {
          const p = one.runs[k]!;
          found.push({ start: contentStart + p.at, end: contentStart + p.at + p.text.length, text: p.text, journal: one.journal, kind: 'journal', opens: start });
        }
      }
    }
    // A short Chinese name in quotation marks (“细胞”) is a word in quotes unless a cue says otherwise.
    const quoted = open !== '《';
    if (quoted && found.length > 0 && !cued && !hasLatin.test(content)) found.length = 0;
    let role: BracketRole;
    if (found.length > 0) role = found[0]!.kind === 'publisher' ? 'publisher' : 'journal';
    else if (journals.isDocument(content)) role = 'document';
    else if (isOrganization(content)) role = 'organization';
    else if (!quoted && cued) role = 'unknown-journal';
    else role = 'other';
    // 《柳叶刀》(The Lancet), 《自然》（Nature）: the English name right after the bracket.
    const english = role === 'document' || role === 'organization' ? null : parenthesized.exec(view.slice(end, end + 130));
    if (english && !hasHan().test(english[1]!)) {
      const name = english[1]!.trim();
      const entry = journals.find(name);
      // 「再生醫療」(Regenerative Medicine): an everyday phrase of the genre (the data's `cueOnly`) after a
      // quoted term that is none of the journal's names, with no cue around it, glosses the term in English;
      // 「再生醫學」(Regenerative Medicine), 《…》 or a cue word still names the journal.
      if (entry && !(quoted && role === 'other' && entry.cueOnly === true && whole !== entry)) {
        const at = end + english[0].indexOf(english[1]!);
        if (role === 'unknown-journal' || role === 'other') {
          found.push({ start: contentStart, end: contentStart + content.length, text: content, journal: entry, kind: entry.publisher ? 'publisher' : 'journal', opens: start });
          role = entry.publisher ? 'publisher' : 'journal';
        }
        found.push({ start: at, end: at + name.length, text: name, journal: entry, kind: entry.publisher ? 'publisher' : 'journal', opens: at });
        covered.push([end, end + english[0].length]);
        end += english[0].length;
      }
    }
    if (role === 'journal' && journals.cueAfter(view, end, 'family')) {
      role = 'family';
      for (const f of found) f.kind = 'family';
    }
    if (role === 'unknown-journal') found.push({ start: contentStart, end: contentStart + content.length, text: content, journal: undefined, kind: 'journal', opens: start });
    const close = m.index + m[0].length;
    const titled = role === 'other' && (quoted ? journals.cueBefore(view, start, 'titleBefore') || journals.cueAfter(view, close, 'titleAfter') : !journals.cueAfter(view, close, 'sourceAfter'));
    brackets.push({ start, end: close, text: content, role, cued, titled });
    covered.push([start, m.index + m[0].length]);
    names.push(...found);
  }
  // Names written bare, outside every bracket.
  covered.sort((a, b) => a[0] - b[0]);
  let c = 0;
  const bares = journals.bareNames(view);
  for (let k = 0; k < bares.length; k++) {
    const bare = bares[k]!;
    while (c < covered.length && covered[c]![1] <= bare.start) c++;
    if (c < covered.length && covered[c]![0] < bare.end) continue;
    // The cue words are read only where they decide (a one-word name, or a name inside a title run).
    if ((bare.needsCue || inTitleRun(journals, view, bare.start, bare.end)) && !journals.cueBefore(view, bare.start) && !journals.cueAfter(view, bare.end) && !(bare.needsCue && (readingListTail(view, bare.start, bare.end) || journals.opensSentence(view, bare.start, bare.end)))) {
      // An everyday phrase of the genre after a sentence's "in" ("described in Regenerative Medicine last year") or
      // written in Chinese prose ("发表在Stem Cells (2014)上", where the phrase itself would be 干细胞) is the journal.
      if (!(bare.everyday && (inChineseProse(view, bare.start, bare.end) || (inAfterProse(journals, view, bare.start) && !inTitleRun(journals, view, bare.start, bare.end))))) continue;
    }
    // "Stem Cells, Inc. announced…": a company's name, whatever cue stands around it.
    if (journals.companyAfter(view, bare.end)) continue;
    const family = journals.cueAfter(view, bare.end, 'family');
    names.push({ start: bare.start, end: bare.end, text: text.slice(bare.start, bare.end), journal: bare.journal, kind: bare.journal.publisher ? 'publisher' : family ? 'family' : 'journal', opens: bare.start });
  }
  return { names: ordered(names, byStart), brackets };
}

/**
 * True when an English name stands inside a longer run of capitalised words that is no journal: a
 * foundation, a programme, a heading or a title ("Stem Cell Research Foundation", "Regenerative Medicine
 * Advanced Therapy", "Spinal Cord Injury", "Rejuvenated Stem Cells Help…", "Investigation of Stem Cells",
 * a link's text glued to "in" as in "inStem Cell Reports", a term's gloss "(Mesenchymal Stem Cells, MSCs)"). Asked only of a name with no cue word around
 * it: "in Nature Medicine" or "the journal Stem Cells" stays a journal.
 */
function inTitleRun(journals: JournalIndex, view: string, start: number, end: number): boolean {
  if (!/^[A-Z]/.test(view.slice(start, start + 1))) return false;
  // A title-case phrase runs on ("Stem Cells + Gene Therapy", "Stem Cells in Your Face").
  if (journals.titleRunsOn(view, end)) return true;
  // A term's English gloss in brackets, its initials after a comma ("间充质干细胞(Mesenchymal Stem Cells, MSCs)").
  if (/^\s*[,，]\s*[A-Z][A-Za-z]{1,9}\s*[)）]/.test(view.slice(end, end + 16)) && /[(（][^()（）]{0,60}$/.test(view.slice(Math.max(0, start - 60), start))) return true;
  const after = /^\s*([A-Za-z][\w-]*)/.exec(view.slice(end, end + 40));
  // A capitalised word runs straight on after the name ("… Foundation", "… Injury").
  if (after && /^[A-Z]/.test(after[1]!)) return true;
  // The word right before is glued to the name (no space).
  if (start > 0 && /[A-Za-z]/.test(view[start - 1]!)) return true;
  // The two words before the name, from at most 40 characters (a split, not a backtracking pattern).
  const words = view.slice(Math.max(0, start - 40), start).trimEnd().split(/\s+/);
  const last = words[words.length - 1] ?? '';
  const prior = words.length > 1 ? words[words.length - 2]! : '';
  // Capitalised, or a link's text glued to the word before it ("inStem"); a word ending in a comma
  // closes a list ("in Nature, Science and Cell"), not a name.
  const capital = (w: string): boolean => (/^[A-Z][a-z]/.test(w) || /[a-z][A-Z]/.test(w)) && /[A-Za-z]$/.test(w);
  // A capitalised word right before, itself mid-sentence (not the first word after a full stop).
  if (capital(last) && prior !== '' && !/[.!?:"“”]$/.test(prior)) return true;
  // "Society for Blood and Bone Marrow Transplantation", "Congress of Parkinson's Disease and Movement
  // Disorders": a name's joining word (`nameJoiners`) after one to three capitalised words that a
  // title's joining word ties to a capitalised word before them ("in Cell and Nature Medicine" is a list).
  if (journals.joinsName(last) && capital(prior)) {
    let k = words.length - 3;
    while (k >= words.length - 4 && k >= 0 && capital(words[k]!)) k--;
    if (k >= 1 && journals.joinsTitle(words[k]!) && capital(words[k - 1]!)) return true;
  }
  // "Japan Lead in Regenerative Medicine": a headline's joining word (`midTitleJoiners`) after a capitalised word
  // itself mid-sentence ("Writing in Science Translational Medicine, …" opens a sentence: a journal).
  if (journals.joinsMidTitle(last) && capital(prior) && words.length >= 3 && words[words.length - 3] !== '' && !/[.!?:"“”]$/.test(words[words.length - 3]!)) return true;
  // "Investigation of Stem Cells": a joining word (journals.json's `titleJoiners`) after a capitalised one,
  // also one opening a parenthesis ("(Centre for Regenerative Medicine, Modena)": a body's name in an aside).
  return journals.joinsTitle(last) && (capital(prior) || (prior.length > 1 && (prior[0] === '(' || prior[0] === '（') && capital(prior.slice(1))));
}

/**
 * True when a Han character stands right before or after a name, a space aside (not a bracket: the
 * gloss "干细胞(Stem Cells,SCs)" is a term's): an English name inside Chinese prose.
 */
function inChineseProse(view: string, start: number, end: number): boolean {
  const before = view[start - 1] === ' ' ? start - 2 : start - 1;
  const after = view[end] === ' ' ? end + 1 : end;
  return (before >= 0 && hasHan().test(view[before]!)) || (after < view.length && hasHan().test(view[after]!));
}

/**
 * True when a sentence's "in" (journals.json's `midTitleJoiners`) stands right before the name after a
 * word in lower case: "described in Regenerative Medicine last year" names the journal, where a
 * headline's "Breakthrough in Regenerative Medicine:" or "Why Stem Cells?" names none.
 */
function inAfterProse(journals: JournalIndex, view: string, start: number): boolean {
  const words = view.slice(Math.max(0, start - 40), start).trimEnd().split(/\s+/);
  return words.length >= 2 && journals.joinsMidTitle(words[words.length - 1]!) && /^[a-z][a-z'’-]*$/.test(words[words.length - 2]!);
}

/**
 * True when a one-word name closes, after a comma, the first sentence of its line, which opens with
 * four words or more and holds no other comma: a reading list's line, a paper's title and then its
 * journal ("… promotes reprogramming, Nature."; "… drive active adipogenesis, Science. I always
 * heard…"). A list's last member is none ("… such as Autism, Cerebral Palsy, Multiple Sclerosis, Stroke.":
 * a clinic's list of conditions, capitalised, whose last one a journal is named after).
 */
function readingListTail(view: string, start: number, end: number): boolean {
  if (start < 2 || view[start - 2] !== ',' || view[start - 1] !== ' ' || view[end] !== '.' || !(end + 1 === view.length || /\s/.test(view[end + 1]!))) return false;
  const before = view.slice(view.lastIndexOf('\n', start) + 1, start - 2);
  return !/[.!?]\s|,/.test(before) && before.trim().split(/\s+/).length >= 4;
}

/** What an item's lead says about its journal: the first of each kind of name, and its paper title. */
export interface LeadReading {
  /** The first journal the table knows. */
  known: JournalName | undefined;
  family: JournalName | undefined;
  publisher: JournalName | undefined;
  /** The first 《…》 the cue words mark as a journal that the table does not know. */
  unknown: JournalName | undefined;
  /** An organization where a journal belongs (《Monash Health》杂志). */
  organization: Bracket | undefined;
  /** The first other 《…》 (not a news source) or titled “…” / 「…」 of four characters or more. */
  paperTitle: string | null;
}

/** Reads an item's lead (its first paragraph): {@link readJournals}, then the first name of each kind and the paper title. */
export function readLead(lead: string, journals: JournalIndex, isOrganization: OrganizationTest): LeadReading {
  return leadOf(readJournals(lead, journals, isOrganization));
}

/** What a lead's reading gives: the first name of each kind and the paper title. */
function leadOf({ names, brackets }: JournalReading): LeadReading {
  return {
    known: names.find((n) => n.kind === 'journal' && n.journal),
    family: names.find((n) => n.kind === 'family'),
    publisher: names.find((n) => n.kind === 'publisher'),
    unknown: names.find((n) => n.kind === 'journal' && !n.journal),
    organization: brackets.find((b) => b.role === 'organization' && b.cued),
    paperTitle: brackets.find((b) => b.titled && b.text.length >= 4)?.text ?? null,
  };
}

/** The English name a mention gives: the journal's, or for a family its family's. */
function englishName(name: JournalName): string | null {
  if (!name.journal) return null;
  return name.kind === 'family' ? (name.journal.family ?? name.journal.name) : name.journal.name;
}

type Report = StageContext<object>['report'];

/**
 * Which item checks fit which kind of page (docs/design/genre.md, "Page kinds"): a news item, a
 * drug approval or an overview cites in running text, so an item without a marker is no fault
 * there; a drug approval's item is a regulator's decision, so it names no journal by nature.
 */
const itemChecks: Readonly<Record<ArticleRecord['kind'], { uncited: boolean; noJournal: boolean }>> = {
  'month-digest': { uncited: true, noJournal: true },
  'year-roundup': { uncited: true, noJournal: true },
  'trial-roundup': { uncited: true, noJournal: true },
  'news-item': { uncited: false, noJournal: true },
  'drug-approval': { uncited: false, noJournal: false },
  overview: { uncited: false, noJournal: true },
};

/**
 * An organization, by the data: a name the lexicon matches whole as an organization (Monash
 * Health, 上海长海医院), or one that ends in an institution word of the facts vocabulary (医院, 大学…).
 */
export function organizationTest(data: PipelineData): OrganizationTest {
  const suffix = new RegExp(data.facts.institutionSuffix.source, 'gu');
  return (name) => {
    if (data.concepts.matchesWhole(name, 'organization')) return true;
    const view = data.concepts.view(name);
    return matchesOf(view, suffix).some((m) => m.index + m[0].length === view.length);
  };
}

/**
 * link: citation markers → reference ids (in items, and outside them where segment located
 * them), the journals the page names anywhere → their English names, an item's journal (the
 * first journal its lead names), and the checks between them.
 */
export const link = defineStage({
  name: 'link',
  description: 'Link citation markers to references, read the journals the page names and give each item its journal through the journal table.',
  needs: ['items', 'itemBlocks', 'pageKind', 'citationMarkers', 'issueLines', 'references'],
  provides: ['citations', 'journals'],
  rules: {
    'citation-unresolved': {
      severity: 'warning',
      description: 'A citation marker names a number the reference list does not have.',
      example: '…的研究[12]。 with a reference list of 10 entries',
    },
    'reference-uncited': {
      severity: 'warning',
      description: 'A reference is never cited in the text (once for the whole list when the text holds no citation marker at all).',
      example: 'reference [7] with no [7] marker anywhere',
    },
    'item-uncited': {
      severity: 'info',
      description: 'An item of a month digest, year roundup or trial roundup cites no reference although the article has a reference list (news items, drug approvals and overviews cite in running text).',
      example: 'an item without any [n] marker',
    },
    'journal-unknown': {
      severity: 'info',
      description: 'The journal an item names is not in the journal table (pipelines/data/journals.json).',
      example: '发表在《某某医学杂志》上',
    },
    'journal-is-publisher': {
      severity: 'warning',
      description: 'What an item names as its journal is a publisher.',
      example: '发表在《springer nature》上',
    },
    'journal-from-reference': {
      severity: 'info',
      description: 'An item names a publisher or an organization where its journal belongs; the journal is taken from the reference it cites.',
      example: '5月,《Monash Health》杂志上发表了一篇综述。[5] with reference [5] in Dev Med Child Neurol',
    },
    'journal-family-only': {
      severity: 'info',
      description: 'An item names a journal family, not a journal; the record gives the family (journalFamily) and no journal.',
      example: '2024年9月,该团队在《柳叶刀》子刊发表评论',
    },
    'journal-mismatch': {
      severity: 'warning',
      description: 'An item names one journal and the reference it cites is in another.',
      example: 'an item in 《干细胞研究与治疗》 citing a reference in Front Immunol',
    },
    'item-no-journal': {
      severity: 'info',
      description: 'An item names no journal (not reported on a drug approval, whose items are a regulator’s decisions).',
      example: '3月5日，某团队宣布…',
    },
  },
  defaults: linkDefaults,
  run(doc, { data, report }) {
    const byId = new Map(doc.references.map((r) => [r.id, r]));
    const cited = new Set<string>();
    const isOrganization = organizationTest(data);
    const ruby = pinyinRubyOf(data.lexicon);
    const checks = itemChecks[doc.kind];
    // How many markers the text holds, resolved or not: a page with none cites by no marker at all.
    let markers = 0;
    const resolve = (numbers: number[], at: number, end: number, into: string[]) => {
      markers++;
      for (const n of numbers) {
        const id = `ref-${n}`;
        if (!byId.has(id)) {
          report('citation-unresolved', `citation [${n}] has no entry in the reference list`, { offset: at, end });
          continue;
        }
        if (!into.includes(id)) into.push(id);
        cited.add(id);
      }
    };
    // A superscript no link makes a footnote's ("cells.<sup>1</sup>", "shown¹") cites only where the
    // list has every number it names: else it is a power, a note or a number set high, and no marker.
    const cites = (numbers: number[]) => numbers.length > 0 && numbers.every((n) => byId.has(`ref-${n}`));

    // Each body block is read for journals once: an item's lead is its first block (or that block's first line).
    const readings: BlockReadings = { readings: new Map(), doc, journals: data.journals, isOrganization, ruby };
    doc.journalMentions = pageJournals(doc, readings, data.journals);

    // Each item's markers, read before any is resolved: digits a copy flattened cite only in the order of
    // the page's markers, items and prose together.
    const flattened = doc.references.length > 0;
    const itemRanges: [number, number][] = [];
    const read: { item: Item; itemStart: number; sups: ItemSuperscript[]; bracketed: RegExpExecArray[] }[] = [];
    let anyFlat = flattened && doc.citationMarkers.some((m) => m.flat === true);
    for (const section of doc.sections) {
      for (const item of section.items) {
        // The item's text is its blocks joined by line feeds: so is its folded text.
        const blocks = doc.itemBlocks.get(item);
        const folded = blocks ? joinedOf(blocks, doc.folded, foldedOf) : foldWidth(item.text);
        const sups = blocks ? itemSuperscripts(doc, item, blocks, flattened) : [];
        if (flattened && !anyFlat) anyFlat = sups.some((sup) => sup.flat);
        const itemStart = doc.lines.offset(item.position.start);
        itemRanges.push([itemStart, doc.lines.offset(item.position.end)]);
        read.push({ item, itemStart, sups, bracketed: matchesOf(folded, data.structure.citationMarkers) });
      }
    }
    // Markers outside items, where segment located them (the citationMarkers facet).
    itemRanges.sort((a, b) => a[0] - b[0]);
    const outside = doc.citationMarkers.filter((marker) => !itemRanges.some(([from, to]) => marker.start >= from && marker.start < to));
    const flatCites = anyFlat ? flatInListOrder(orderedMarkers(read, outside), (n) => byId.has(`ref-${n}`)) : null;

    for (const { item, itemStart, sups, bracketed } of read) {
      const ids: string[] = [];
      const resolveSuperscript = (sup: ItemSuperscript): void => {
        const numbers = expandCitation(sup.numbers);
        if (sup.flat ? flatCites?.has(sup) === true : sup.linked || cites(numbers)) resolve(numbers, sup.at, sup.at + sup.length, ids);
      };
      let next = 0;
      for (const m of bracketed) {
        // (Superscripts before this marker first, so the ids stand in text order.)
        for (; next < sups.length && sups[next]!.index < m.index; next++) resolveSuperscript(sups[next]!);
        const at = sourceOffset(doc, item, m.index, itemStart);
        resolve(expandCitation(m.groups!.numbers!), at, at + m[0].length, ids);
      }
      for (; next < sups.length; next++) resolveSuperscript(sups[next]!);
      item.citations = ids;
      if (ids.length === 0 && doc.references.length > 0 && checks.uncited) report('item-uncited', `item of ${item.date} cites no reference`, { offset: itemStart });
      nameJournal(doc, item, itemStart, leadReading(doc, item, readings, data.journals, isOrganization, ruby), data.journals, byId, report, checks.noJournal);
    }

    doc.citations = [];
    for (const marker of outside) {
      const ids: string[] = [];
      const numbers = expandCitation(marker.numbers ?? marker.text.trim().slice(1, -1));
      if (marker.flat === true ? flatCites?.has(marker) !== true : marker.weak && !cites(numbers)) continue;
      resolve(numbers, marker.start, marker.end, ids);
      doc.citations.push({ text: marker.text, references: ids, position: doc.lines.range(marker.start, marker.end) });
    }

    // A page whose text holds no marker at all (a news story's "Journal Reference:", a repost's
    // list of sources, a citation index's list) cites none of its references by number: said once,
    // at the list, not once a reference (real pages: every reference of six such lists warned).
    const references = doc.references;
    if (markers === 0 && references.length > 1) {
      const first = references[0]!;
      const last = references[references.length - 1]!;
      report('reference-uncited', `none of the ${references.length} references ([${first.number}]–[${last.number}]) is cited in the text: it holds no citation marker`, { offset: doc.lines.offset(first.position.start) });
    } else {
      for (const reference of references) {
        if (!cited.has(reference.id)) {
          const at = doc.lines.offset(reference.position.start);
          report('reference-uncited', `reference [${reference.number}] is never cited in the text`, { offset: at });
        }
      }
    }
  },
});

/** A page's body blocks' journal readings so far, and what a block is read with ({@link readingOf}). */
interface BlockReadings {
  readonly readings: Map<Block, JournalReading>;
  readonly doc: DigestDocument;
  readonly journals: JournalIndex;
  readonly isOrganization: OrganizationTest;
  readonly ruby: RegExp | null;
}

/**
 * A body block's journal reading, read once a block: an item's lead is its first block (or that
 * block's first line). A function of the module, not a closure made in each run: V8 holds a
 * closure's optimised code only while a closure of it lives, and a full collection after one page
 * let it go (compiled twice in a 1,000-article build; issue 17: BENCHMARKS.md, change 205).
 */
function readingOf(r: BlockReadings, block: Block): JournalReading {
  let reading = r.readings.get(block);
  if (!reading) {
    reading = readJournals(block.text, r.journals, r.isOrganization, viewOf(block, r.doc.views), r.ruby);
    r.readings.set(block, reading);
  }
  return reading;
}

/**
 * Every journal, family and publisher the body names (reference list and boilerplate aside), and
 * the journal each volume and issue line names ("第二军医大学学报 2021, Vol. 42 Issue (8)": kept out of
 * the body, read through the table, a name it does not know left out), in text order, placed in the
 * decoded text (markup blocks: found in the source after the block's start, as written or
 * HTML-escaped, else given the block's place).
 */
function pageJournals(doc: DigestDocument, readings: BlockReadings, journals: JournalIndex): NamedJournal[] {
  const skip = new Set<Block>(doc.referenceBlocks);
  // A block is chrome when boilerplate covers all of it (a byline segment cut off the front of a paragraph leaves the rest of it body).
  // By start, the ends boilerplate covers from there (numbers: a string key made for every block was a tenth of the stage).
  const chrome = new Map<number, number[]>();
  for (const b of doc.boilerplate) {
    const start = doc.lines.offset(b.position.start);
    const ends = chrome.get(start);
    if (ends) ends.push(doc.lines.offset(b.position.end));
    else chrome.set(start, [doc.lines.offset(b.position.end)]);
  }
  const out: NamedJournal[] = [];
  // Indexed: a `for … of` in baseline code allocates an iterator a block and an iterator result a step.
  const blocks = doc.blocks;
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b]!;
    if (skip.has(block) || chrome.get(block.start)?.includes(block.end)) continue;
    placeNames(doc, block, readingOf(readings, block).names, out);
  }
  for (let k = 0; k < doc.issueLines.length; k++) {
    const { block, journal: named } = doc.issueLines[k]!;
    const journal = named === null ? undefined : journals.find(named.text);
    if (!journal || journal.publisher) continue;
    placeNames(doc, block, [{ start: named!.at, end: named!.at + named!.text.length, text: named!.text, journal, kind: 'journal', opens: named!.at }], out);
  }
  return out.sort(byStart);
}

/** Places the names read in a block in the decoded text (a markup block's as written or HTML-escaped after its start, else at the block) and adds them to `out`. */
function placeNames(doc: DigestDocument, block: Block, names: readonly JournalName[], out: NamedJournal[]): void {
  let cursor = block.start;
  for (let k = 0; k < names.length; k++) {
    const name = names[k]!;
    let start = block.start + name.start;
    let end = start + name.text.length;
    let exact = block.exact;
    if (!exact) {
      // Markup: the name as written, else as HTML escapes it ("Medicine &amp; Child Neurology": placed, not exact).
      const escaped = name.text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
      const at = doc.text.indexOf(name.text, cursor);
      const atEscaped = at === -1 && escaped !== name.text ? doc.text.indexOf(escaped, cursor) : -1;
      const found = at !== -1 ? at : atEscaped;
      const placed = found !== -1 && found <= block.end + 2048;
      exact = placed && at !== -1;
      start = placed ? found : block.start;
      end = placed ? found + (at !== -1 ? name.text.length : escaped.length) : block.end;
      if (placed) cursor = end;
    }
    out.push({ text: name.text, name: englishName(name), kind: name.kind, start, end, exact });
  }
}

/**
 * An item's lead (the first line of its text) read for journals: its first block's reading when
 * the block is that line, else the line read on its own (from the block's view).
 */
function leadReading(doc: DigestDocument, item: Item, readings: BlockReadings, journals: JournalIndex, isOrganization: OrganizationTest, ruby: RegExp | null): LeadReading {
  const lead = item.text.split('\n', 1)[0]!;
  const first = doc.itemBlocks.get(item)?.[0];
  if (first?.text === lead) return leadOf(readingOf(readings, first));
  const view = first !== undefined && first.text.startsWith(lead) ? viewOf(first, doc.views).slice(0, lead.length) : JournalIndex.view(lead);
  return leadOf(readJournals(lead, journals, isOrganization, view, ruby));
}

/** The journal an item names: the first journal its lead names, else what it names instead (a family, a publisher, an organization), with the diagnostics that go with each. */
function nameJournal(
  doc: DigestDocument,
  item: Item,
  itemStart: number,
  lead: LeadReading,
  journals: JournalIndex,
  byId: ReadonlyMap<string, DigestDocument['references'][number]>,
  report: Report,
  /** False on a page kind whose items name no journal by nature (a drug approval). */
  checkNoJournal: boolean,
): void {
  const { known, family, publisher, unknown, organization, paperTitle } = lead;
  const chosen = known ?? family ?? publisher ?? unknown;
  const at = (index: number) => sourceOffset(doc, item, index, itemStart);
  item.journal = null;
  item.journalText = chosen?.text ?? organization?.text ?? null;
  item.paperTitle = paperTitle;
  // The journal of the first cited reference the table knows, for a page that names a publisher or an organization instead.
  const fromReference = (): { journal: Journal; id: string } | null => {
    for (const id of item.citations) {
      const container = byId.get(id)?.csl['container-title'];
      const journal = typeof container === 'string' ? journals.find(container) : undefined;
      if (journal && !journal.publisher) return { journal, id };
    }
    return null;
  };
  if (known) {
    item.journal = known.journal!.name;
    for (const id of item.citations) {
      const container = byId.get(id)!.csl['container-title'];
      if (typeof container !== 'string') continue;
      const refJournal = journals.find(container);
      // A container the table does not know agrees when it is the item's journal, or holds the name the item writes
      // (a GB/T 7714 reference read whole as its container: "…[J]. 中华医学杂志, 2025").
      const agrees = refJournal
        ? refJournal.name === item.journal
        : JournalIndex.key(container) === JournalIndex.key(item.journal) || JournalIndex.key(container).includes(JournalIndex.key(known.text));
      if (!agrees) report('journal-mismatch', `item names ${item.journal} but its reference [${id.slice(4)}] is in ${container}`, { offset: at(known.opens) });
    }
  } else if (family) {
    item.journalFamily = englishName(family);
    report('journal-family-only', `item of ${item.date} names a journal of the family ${item.journalFamily} ("${family.text}"), not the journal`, { offset: at(family.opens) });
  } else if (publisher || organization) {
    const written = publisher?.text ?? organization!.text;
    const place = at(publisher?.opens ?? organization!.start);
    if (publisher) report('journal-is-publisher', `"${written}" is a publisher, not a journal`, { offset: place });
    const taken = fromReference();
    if (taken) {
      item.journal = taken.journal.name;
      report('journal-from-reference', `item names "${written}" (${publisher ? 'a publisher' : 'an organization'}); its journal ${taken.journal.name} is taken from reference [${taken.id.slice(4)}]`, { offset: place });
    } else if (!publisher && checkNoJournal) report('item-no-journal', `item of ${item.date} names no journal ("${written}" is an organization)`, { offset: itemStart });
  } else if (unknown) {
    report('journal-unknown', `journal "${unknown.text}" is not in the journal table (pipelines/data/journals.json)`, { offset: at(unknown.opens) });
  } else if (checkNoJournal) {
    report('item-no-journal', `item of ${item.date} names no journal`, { offset: itemStart });
  }
}
