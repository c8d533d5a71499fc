import type { Entity, Mention } from '../generated/article.js';
import { entitiesDefaults } from '../generated/stage-defaults.js';
import type { Block, DigestDocument } from '../core/document.js';
import { leftmostLongest, standsAlone, type BlockMemo, type ConceptMatch, type LexiconMatcher, type MatchedConcept } from '../core/lexicon.js';
import { byStart, ordered } from '../core/order.js';
import { rangedPattern } from '../core/property-ranges.js';
import { viewOf } from '../core/script.js';
import { defineStage, type StageContext } from '../core/stage.js';
import { matchesOf, slugify } from '../core/text.js';
import { openingDatelineLength } from '../core/dateline.js';

type Extra = ReadonlyMap<string, MatchedConcept & { overrides?: true }>;

/** The first index whose mention starts at or after `offset` (mentions sorted by start). */
function lowerBound(list: readonly { start: number }[], offset: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (list[mid]!.start < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Every mention in one block, leftmost-longest across the lexicon's matches (the block's scan) and the article's own abbreviations (found in the block's matching view). */
function findInBlock(block: Block, memo: BlockMemo<Block>, m: LexiconMatcher, extra: Extra): ConceptMatch[] {
  const base = m.scanOf(block, memo).matches;
  if (extra.size === 0) return base;
  const view = viewOf(block, memo.views);
  const more: ConceptMatch[] = [];
  // `forEach`, not `for (const [abbreviation, …] of extra)`: in baseline code that allocated an
  // entry, its destructuring and an iterator result a definition, every block (BENCHMARKS.md, "loops without iterators").
  let overridden = false;
  extra.forEach(({ id, type, label, xrefs, overrides }, abbreviation) => {
    for (let at = view.indexOf(abbreviation); at !== -1; at = view.indexOf(abbreviation, at + 1)) {
      if (standsAlone(view, at, at + abbreviation.length) && !m.inCompound(view, at, at + abbreviation.length)) {
        more.push({ start: at, end: at + abbreviation.length, concept: { id, type, label, xrefs } });
        if (overrides) overridden = true;
      }
    }
  });
  if (!more.length) return base;
  // A page's own definition of an abbreviation the lexicon knows ("mass spectrometry (MS)") wins over the
  // lexicon's reading of it (multiple sclerosis) on that page: the lexicon's match of the same span is dropped.
  const kept = overridden ? base.filter((x) => !more.some((y) => y.start === x.start && y.end === x.end && extra.get(view.slice(x.start, x.end))?.overrides)) : base;
  return leftmostLongest([...kept, ...more]);
}

// "间充质干细胞(MSCs)", "类风湿关节炎(Rheumatoid Arthritis, RA)", "细胞松弛素B (CB)"
const definition = /[（(] {0,3}(?:([A-Za-z][A-Za-z '’-]{2,80}?) {0,3}[,，] {0,3})?[“"]?([A-Za-z][A-Za-z0-9-]{1,12})[”"]? {0,3}[）)]/gu;
// (Ranges, not ICU's set: src/core/property-ranges.ts.)
const longFormChar = rangedPattern(() => /[\p{Script=Han}A-Za-z0-9-]/u);
const closesBracket = /[》」”] {0,2}$/u;
/** A definition written before its abbreviation longer than this is no name: the label is the abbreviation alone. */
const MAX_LONG_FORM = 20;

/** The words where a definition written before "(ABBR)" cannot start (the lexicon's definitionStops), in the matching view. */
interface DefinitionStops {
  always: readonly string[];
  clauseOpeners: readonly string[];
  /** The lexicon's `asides`: words in parentheses that are never an abbreviation. */
  asides?: readonly string[];
  /** The lexicon's `asideEndings`: how a lower-case adverb in parentheses ends ("(seriously)"), never an abbreviation. */
  asideEndings?: readonly string[];
  /** The lexicon's `definitionStops.initialsJoiners`: the lower-case words a body's name joins its capitalised words with ("of", "for"). */
  initialsJoiners?: readonly string[];
}

/**
 * Where the name an abbreviation abbreviates starts, in a matching view, when the lexicon does
 * not know it: the run of Han, Latin and digits that ends at `end`, after the last word of
 * `always` in it (激素治疗失败的急性移植物抗宿主病 → 急性移植物抗宿主病: never across 的), and past a
 * clause opener at its start (据世界卫生组织 → 世界卫生组织). Null when nothing of two or more
 * characters, or nothing short enough to be a name, is left.
 */
export function longFormStart(view: string, end: number, stops: DefinitionStops, wordEndsAt: (offset: number) => boolean = () => false): number | null {
  let start = end;
  while (start > 0 && end - start < 80 && longFormChar().test(view[start - 1]!)) start--;
  const run = view.slice(start, end);
  let cut = 0;
  for (const word of stops.always) {
    const at = run.lastIndexOf(word);
    if (at !== -1 && at + word.length > cut) cut = at + word.length;
  }
  // A clause opener after another known word opens the definition too (合并癫痫和异常脑电图 → 异常脑电图).
  for (let at = run.length - 3; at > cut; at--) {
    if (!wordEndsAt(start + at)) continue;
    const opener = stops.clauseOpeners.find((w) => run.startsWith(w, at) && run.length - at - w.length >= 2);
    if (opener) {
      cut = at;
      break;
    }
  }
  const opensClause = cut > 0 || start === 0 || !longFormChar().test(view[start - 1] ?? '');
  if (opensClause) {
    const opener = stops.clauseOpeners.find((w) => run.startsWith(w, cut) && run.length - cut - w.length >= 2);
    if (opener) cut += opener.length;
  }
  const length = run.length - cut;
  return length >= 2 && length <= MAX_LONG_FORM ? start + cut : null;
}

/** An abbreviation in capitals that may spell a name's initials ("NSCFA", "DCGI"). */
const capitalsOnly = /^[A-Z]{3,10}$/;
/** A two-letter abbreviation in capitals ("MS"): spells a name only where the lexicon reads it otherwise. */
const twoCapitals = /^[A-Z]{2}$/;
/** A letter of an English word, as a name's words are read back from an abbreviation. */
const nameLetter = /[A-Za-z'’-]/;

/**
 * Where, in `text`, the run of capitalised words ending at `end` starts when `abbreviation` (in
 * capitals) spells their initials, the `joiners` between them skipped ("National Stem Cell
 * Foundation of Australia (NSCFA)", "Drugs Controller General of India (DCGI)"); -1 when it spells
 * no such run. The run's last word must give the last letter: "Stem cells from Australia (SCA)" spells none.
 * With `anyCase`, words in lower case spell their initials too ("chimeric antigen receptor (CAR)", "risk
 * evaluation and mitigation strategies (REMS)"): how a name the lexicon does not know is read back whole.
 * With `twoLetters`, an abbreviation of two capitals spells a run too ("mass spectrometry (MS)"): asked only of
 * abbreviations the lexicon knows ({@link ownReading}), where a two-letter one is common and a page's other name rare.
 */
export function initialsRunStart(text: string, end: number, abbreviation: string, joiners: readonly string[], anyCase = false, twoLetters = false): number {
  if (!capitalsOnly.test(abbreviation) && !(twoLetters && twoCapitals.test(abbreviation))) return -1;
  let letters = abbreviation.length;
  let at = end;
  while (letters > 0) {
    let wordEnd = at;
    while (wordEnd > 0 && text[wordEnd - 1] === ' ') wordEnd--;
    let wordStart = wordEnd;
    while (wordStart > 0 && nameLetter.test(text[wordStart - 1]!)) wordStart--;
    if (wordStart === wordEnd) return -1;
    const word = text.slice(wordStart, wordEnd);
    if (letters < abbreviation.length && joiners.includes(word)) {
      at = wordStart;
      continue;
    }
    if ((anyCase ? word[0]!.toUpperCase() : word[0]) !== abbreviation[letters - 1]) return -1;
    letters--;
    at = wordStart;
  }
  return at;
}

/**
 * True when `abbreviation` (in capitals) cannot abbreviate the Latin name at `start`–`end` of `text`
 * it follows: its first letter is the initial of no word of the name nor of the words right before it,
 * as many as it has letters ("… in Patients With Hypoplastic Left Heart Syndrome (ELPIS)": a trial's
 * name after the disease it studies; "mesial temporal lobe epilepsy (MTLE)" still abbreviates
 * epilepsy). A name in another script is never asked.
 */
export function initialForeign(text: string, start: number, end: number, abbreviation: string): boolean {
  if (!capitalsOnly.test(abbreviation) || !/[A-Za-z]/.test(text[start] ?? '')) return false;
  const first = abbreviation[0]!;
  let before = abbreviation.length;
  for (let k = end - 1; k >= 0; k--) {
    const c = text[k]!;
    if (c !== ' ' && c !== '-' && (k === 0 || text[k - 1] === ' ' || text[k - 1] === '-')) {
      if (c.toUpperCase() === first) return false;
      if (k < start && --before === 0) return true;
    }
    if (k < start && !/[A-Za-z0-9' -]/.test(c)) return true;
  }
  return true;
}

/**
 * True when `abbreviation` cannot abbreviate the Latin name of a disease `written` it follows because
 * its last letter is in no place of the name's last word ("… for Septic Shock (UC-CISSII)": a trial's
 * acronym after the disease it studies; "age-related macular degeneration (AMD)", "mucopolysaccharidosis
 * type II (MPS II)" and "coronavirus disease 2019 (COVID-19)" end in a letter of their last word of
 * letters). Asked of diseases only: a company's ticker after its name ("Cynata Therapeutics (CPY)")
 * abbreviates the company. A name in another script is never asked.
 */
export function lastLetterForeign(written: string, abbreviation: string): boolean {
  const letters = abbreviation.replace(/[^A-Za-z]/g, '');
  const words = written.split(/[\s-]+/).filter((w) => /[A-Za-z]/.test(w));
  const last = words[words.length - 1];
  if (letters === '' || last === undefined) return false;
  return !last.toLowerCase().includes(letters[letters.length - 1]!.toLowerCase());
}

/**
 * True when the one English word the run before an abbreviation of letters gives ({@link longFormStart}: a Latin run
 * ends at a space) is capitalised and opens with another letter than the abbreviation: the last word of a proper
 * name whose initials the abbreviation spells in a way the page does not show ("European Union (EU)" read back to
 * "Union", "Investigational New Drug Application (IND)" to "Application", "… Clinical Translational, and Regulatory
 * (MCTR) Committee" to "Regulatory"), not its name: the abbreviation is labelled alone. A lower-case noun still names
 * what the abbreviation is ("aromatic L-amino acid decarboxylase (AADC)": "decarboxylase (AADC)"); a product's code
 * ("Kymriah (CTL019)") and a name in another script are not asked.
 */
export function lastWordElsewhere(word: string, abbreviation: string): boolean {
  return /^[A-Z][a-z]+$/.test(word) && /^[A-Za-z][A-Za-z-]*$/.test(abbreviation) && word[0] !== abbreviation[0]!.toUpperCase();
}

/** An abbreviation the text defines, with the concept it is tagged as and the definition as written. */
/** `overrides`: the page defines an abbreviation the lexicon reads otherwise ("mass spectrometry (MS)"), so the page's reading wins there. */
type Defined = MatchedConcept & { at: number; written: string | null; overrides?: true };

/** True when a word in parentheses is a lower-case adverb ("(seriously)", "(respectively)"): an aside, never an abbreviation. */
function adverbAside(word: string, endings: readonly string[] | undefined): boolean {
  if (!endings || !/^[a-z]+$/.test(word)) return false;
  for (let k = 0; k < endings.length; k++) if (word.length > endings[k]!.length && word.endsWith(endings[k]!)) return true;
  return false;
}

/**
 * True when a word in parentheses is a lower-case word of `minLength` letters or more (the lexicon's
 * `lowerCaseGlossMinLength`; none when it has none) after a lower-case English word
 * ("a skin cancer that cannot be removed with surgery (unresectable) or has spread (metastatic)", "perinatal
 * (birth-related)": {@link glossWord}): a gloss of the
 * words before it, never an abbreviation. Lower-case abbreviations are short ("(iv)", "(bid)", "(cfu)"), a product's
 * short name has a hyphen ("(lovo-cel)"), and a drug's lower-case name follows its brand ("Amtagvi (lifileucel)")
 * as an English name follows the Chinese it translates ("缝隙连接蛋白(connexin)"): those still define it.
 * `before`: the run of Latin letters right before the parenthesis (spaces skipped; empty after Han text or a digit).
 */
export function lowerCaseGloss(word: string, before: string, minLength: number | undefined): boolean {
  return minLength !== undefined && word.length >= minLength && glossWord.test(word) && /^[a-z]+$/.test(before);
}

/**
 * A gloss's one word, or two joined by a hyphen whose second has four letters or more ("perinatal (birth-related)"): a
 * product's short name ends in a shorter part ("(lovo-cel)", "(pz-cel)") and still defines it.
 */
const glossWord = /^[a-z]+(?:-[a-z]{4,})?$/;

/** An English possessive's ending ("'s", "’s"). */
const possessive = /^['’]s$/;

/**
 * The name a page writes before an abbreviation the lexicon knows, when it is none of the lexicon's names
 * (no mention ends there) and its words' initials, in any case, spell the abbreviation: "mass spectrometry (MS)"
 * on a page the lexicon would read as multiple sclerosis. Null when a mention ends there ("multiple sclerosis
 * (MS)", "Food and Drug Administration (FDA)", "… Administration's (KFDA)": the lexicon's own reading) or no such run of words is written.
 */
function ownReading(block: Block, shrunk: { text: string; source(offset: number): number }, mentions: readonly ConceptMatch[], paren: number, abbreviation: string, joiners: readonly string[]): string | null {
  let end = paren;
  while (end > 0 && shrunk.text[end - 1] === ' ') end--;
  const sourceEnd = shrunk.source(end);
  // A possessive after the name ("Korea Food and Drug Administration's (KFDA)") is no part of it.
  const nameEnd = possessive.test(block.text.slice(Math.max(0, sourceEnd - 2), sourceEnd)) ? sourceEnd - 2 : sourceEnd;
  for (let k = 0; k < mentions.length; k++) if (mentions[k]!.end === sourceEnd || mentions[k]!.end === nameEnd) return null;
  const spelled = initialsRunStart(block.text, sourceEnd, abbreviation, joiners, true, true);
  return spelled === -1 ? null : block.text.slice(spelled, sourceEnd);
}

/**
 * Abbreviations the text defines that the lexicon does not know, or reads otherwise ({@link ownReading}): abbreviation → concept. Not
 * an abbreviation: what the lexicon already matches whole (filing and registry numbers, CD19),
 * a journal's English name in parentheses (《自然》(Nature): `inJournal` says where journals are),
 * a caption's aside (the lexicon's `asides`: "(right)", "(green)"), an adverb's ("(seriously)": `asideEndings`), a lower-case
 * word's gloss ("(unresectable)": {@link lowerCaseGloss}), and a wire's credit inside the paragraph's opening dateline
 * (`bylineLength`: how much of a block the structure's `bylinePrefixes` read as its dateline).
 */
function definedAbbreviations(
  blocks: Block[],
  m: LexiconMatcher,
  memo: BlockMemo<Block>,
  stops: DefinitionStops,
  inJournal: (offset: number) => boolean,
  isJournal: (name: string) => boolean,
  bylineLength: (block: Block) => number,
): Map<string, Defined> {
  const extra = new Map<string, Defined>();
  // Indexed loops: a `for … of` in baseline code allocates an iterator result a block and a match.
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b]!;
    if (!/[(（]/u.test(block.text)) continue;
    const { shrunk, matches: mentions } = m.scanOf(block, memo);
    const view = shrunk.text;
    // Where mentions end, for longFormStart: made only for a definition the lexicon does not own
    // (most blocks with a parenthesis define nothing).
    let ends: Set<number> | null = null;
    let byline: number | undefined;
    const definitions = matchesOf(view, definition);
    for (let k = 0; k < definitions.length; k++) {
      const d = definitions[k]!;
      const abbreviation = d[2]!;
      if (extra.has(abbreviation)) continue;
      if (m.abbreviations.has(abbreviation)) {
        const own = ownReading(block, shrunk, mentions, d.index, abbreviation, stops.initialsJoiners ?? []);
        if (own !== null) extra.set(abbreviation, { id: `other:${slugify(abbreviation, 60) || 'abbreviation'}`, type: 'other', label: `${own} (${abbreviation})`, xrefs: [], at: block.exact ? block.start + shrunk.source(d.index) : block.start, written: own, overrides: true });
        continue;
      }
      // A caption's aside ("Dr. Jane Example (right)", "the grafted cells (green)"): no abbreviation.
      if (stops.asides?.includes(abbreviation) || adverbAside(abbreviation, stops.asideEndings)) continue;
      const whole = m.matches(abbreviation);
      if (whole.length === 1 && whole[0]!.start === 0 && whole[0]!.end === abbreviation.length) continue;
      const paren = shrunk.source(d.index);
      // A wire's credit inside the dateline opening the paragraph ("WASHINGTON (AP) —", "(dpa-AFX) -"): chrome, no definition.
      if (paren < (byline ??= bylineLength(block))) continue;
      const at = block.exact ? block.start + paren : block.start;
      const inside = block.exact ? block.start + shrunk.source(d.index + d[0].indexOf(abbreviation)) : -1;
      if (inside !== -1 && inJournal(inside)) continue;
      // Markup blocks have no exact places: a known journal's name in parentheses right after a bracket is that journal.
      if (!block.exact && isJournal(abbreviation) && closesBracket.test(view.slice(Math.max(0, d.index - 3), d.index))) continue;
      let end = d.index;
      while (end > 0 && view[end - 1] === ' ') end--;
      let wordStart = end;
      while (wordStart > 0 && /[A-Za-z]/.test(view[wordStart - 1]!)) wordStart--;
      if (lowerCaseGloss(abbreviation, view.slice(wordStart, end), m.lexicon.lowerCaseGlossMinLength)) continue;
      const sourceEnd = shrunk.source(end);
      const owner = mentions.find((x) => x.end === sourceEnd);
      // A body's name that ends in a concept the lexicon knows ("… Foundation of Australia (NSCFA)"): the
      // abbreviation spelling the whole name's initials abbreviates the body, not the country.
      const named = owner ? initialsRunStart(block.text, sourceEnd, abbreviation, stops.initialsJoiners ?? []) : -1;
      if (owner && (named === -1 || named >= owner.start) && !initialForeign(block.text, owner.start, owner.end, abbreviation) && !(owner.concept.type === 'disease' && lastLetterForeign(block.text.slice(owner.start, owner.end), abbreviation))) {
        extra.set(abbreviation, { ...owner.concept, at, written: block.text.slice(owner.start, owner.end) });
        continue;
      }
      if (named !== -1) {
        const written = block.text.slice(named, sourceEnd);
        extra.set(abbreviation, { id: `other:${slugify(abbreviation, 60) || 'abbreviation'}`, type: 'other', label: `${written} (${abbreviation})`, xrefs: [], at, written });
        continue;
      }
      const longForm = d[1]?.trim();
      // An English name whose words' initials the abbreviation spells, in whatever case, is read back whole;
      // the run of letters before the parenthesis (longFormStart) would end at the last space ("receptor (CAR)").
      const spelled = longForm ? -1 : initialsRunStart(block.text, sourceEnd, abbreviation, stops.initialsJoiners ?? [], true);
      ends ??= new Set(mentions.map((x) => x.end));
      const mentionEnds = ends;
      const from = longForm || spelled !== -1 ? null : longFormStart(view, end, stops, (i) => mentionEnds.has(shrunk.source(i)));
      const lastWord = from === null ? null : block.text.slice(shrunk.source(from), sourceEnd);
      const written = longForm ?? (spelled !== -1 ? block.text.slice(spelled, sourceEnd) : lastWord !== null && !lastWordElsewhere(lastWord, abbreviation) ? lastWord : null);
      const label = longForm ?? (written ? `${written} (${abbreviation})` : abbreviation);
      extra.set(abbreviation, { id: `other:${slugify(abbreviation, 60) || 'abbreviation'}`, type: 'other', label, xrefs: [], at, written });
    }
  }
  return extra;
}

/** A mention placed in the decoded text, with the concept it names. */
export type PlacedMention = Mention & { entity: string };

/** Where an item writes the journal link named: [start, end) in the decoded text. */
export interface JournalSpan {
  entity: string;
  journal: string;
  text: string;
  start: number;
  end: number;
}

/**
 * Tags journals where items write them: words inside a journal's name ("干细胞" in
 * 干细胞研究与治疗) are the journal, not mentions of their own, so mentions wholly inside a
 * journal span are removed and the span becomes a journal mention; a span that a mention
 * straddles is left alone. `mentions` and `spans` are sorted by start and do not overlap among
 * themselves. Returns the new mention list, the removed mentions' starts by entity, and the
 * spans placed.
 */
export function placeJournals(
  mentions: readonly PlacedMention[],
  spans: readonly JournalSpan[],
): { mentions: PlacedMention[]; removed: Map<string, Set<number>>; placed: JournalSpan[] } {
  // One pass over both sorted lists (it used to splice the list once per journal: quadratic,
  // 72 s for 20,000 items naming one journal). Mentions do not overlap, so sorted by start
  // they are sorted by end too, and the first mention that can touch a span only moves on.
  const dropped = new Uint8Array(mentions.length);
  const removed = new Map<string, Set<number>>();
  const placed: JournalSpan[] = [];
  let first = 0;
  for (const span of spans) {
    const { start: at, end } = span;
    while (first < mentions.length && mentions[first]!.end <= at) first++;
    let last = first;
    let straddled = false;
    for (; last < mentions.length && mentions[last]!.start < end; last++) {
      const x = mentions[last]!;
      if (x.start < at || x.end > end) straddled = true;
    }
    if (straddled) continue;
    for (let k = first; k < last; k++) {
      dropped[k] = 1;
      const x = mentions[k]!;
      const starts = removed.get(x.entity) ?? new Set<number>();
      starts.add(x.start);
      removed.set(x.entity, starts);
    }
    placed.push(span);
  }
  // Merge what is kept with the journal mentions, both in text order.
  const out: PlacedMention[] = [];
  let j = 0;
  for (let k = 0; k < mentions.length; k++) {
    if (dropped[k]) continue;
    const x = mentions[k]!;
    for (; j < placed.length && placed[j]!.start < x.start; j++) out.push(journalMention(placed[j]!));
    out.push(x);
  }
  for (; j < placed.length; j++) out.push(journalMention(placed[j]!));
  return { mentions: out, removed, placed };
}

function journalMention(span: JournalSpan): PlacedMention {
  return { entity: span.entity, text: span.text, start: span.start, end: span.end };
}

/**
 * entities: tags mentions of diseases, cells, molecules, drugs, measures, organisations,
 * countries and trial numbers in the body, in Chinese and English, through the lexicon (one
 * leftmost-longest trie pass over a matching view whose offsets are the text's), open-class patterns,
 * and abbreviations the article defines; normalises each to one concept with an English label.
 */
// At module scope, so V8 optimises each once: an arrow written in the stage's run is a closure
// made per article, optimised again after every full collection (BENCHMARKS.md, changes 59 and 64).
function byFirstMention(a: Entity, b: Entity): number {
  return a.mentions[0]!.start - b.mentions[0]!.start || (a.id < b.id ? -1 : 1);
}

/** The mentions whose start is not in `starts`. */
function withoutStarts(mentions: readonly Mention[], starts: ReadonlySet<number>): Mention[] {
  const out: Mention[] = [];
  for (let k = 0; k < mentions.length; k++) if (!starts.has(mentions[k]!.start)) out.push(mentions[k]!);
  return out;
}

export const entities = defineStage({
  name: 'entities',
  description: 'Tag and normalise entity mentions through the bilingual lexicon, patterns and defined abbreviations.',
  needs: ['blocks', 'referenceBlocks', 'items', 'journals'],
  provides: ['entities'],
  rules: {
    'abbreviation-defined': {
      severity: 'info',
      description: 'The article defines an abbreviation the lexicon does not know; it is tagged wherever it appears.',
      example: '间充质干细胞(MSCs)',
    },
    'pinyin-ruby': {
      severity: 'info',
      description: 'Pinyin left in parentheses after converted characters (a mirror\'s ruby) was left out for matching; counted once per page, at the first.',
      example: '醫(yī)療, 系統(tǒng), 間充質(zhì)干細(xì)胞',
    },
    'mention-unlocated': {
      severity: 'info',
      description: 'Mentions split by markup could not be placed in the source and were left out.',
      example: 'a disease name split by a <b> tag in the middle',
    },
  },
  defaults: entitiesDefaults,
  run(doc, { data, options, report }) {
    const m = data.concepts;
    const referenceBlocks = new Set(doc.referenceBlocks);
    // A loop: a `filter` callback over the set was a closure made per article (BENCHMARKS.md, change 64).
    const blocks: Block[] = [];
    for (let b = 0; b < doc.blocks.length; b++) if (!referenceBlocks.has(doc.blocks[b]!)) blocks.push(doc.blocks[b]!);
    // Journals the link stage found, where the text names them: tagged as journals, and the
    // words inside them ("Stem Cells" in 《Stem Cells》) are no mentions of their own.
    const spans: JournalSpan[] = [];
    let reach = -1;
    for (const j of doc.journalMentions) {
      if (j.kind !== 'journal' || j.name === null || !j.exact || j.start < reach) continue;
      spans.push({ entity: `journal:${slugify(j.name, 80)}`, journal: j.name, text: j.text, start: j.start, end: j.end });
      reach = j.end;
    }
    const inJournal = (offset: number) => {
      const k = lowerBound(spans, offset + 1) - 1;
      return k >= 0 && spans[k]!.start <= offset && offset < spans[k]!.end;
    };
    const datelines = data.structure;
    const stops = { ...(data.lexicon.definitionStops ?? { always: [], clauseOpeners: [] }), asides: data.lexicon.asides ?? [], asideEndings: data.lexicon.asideEndings ?? [] };
    const extra = options.abbreviationDefinitions ? definedAbbreviations(blocks, m, doc, stops, inJournal, (name) => data.journals.find(name) !== undefined, (block) => openingDatelineLength(block, doc, datelines)) : new Map<string, Defined>();
    for (const [abbreviation, concept] of extra) {
      if (concept.overrides) (doc.ownAbbreviations ??= new Set()).add(abbreviation);
      const as = concept.written ? ` as "${concept.written}"` : '';
      // A concept of the page's own is labelled with its definition already; a lexicon concept gets its English label.
      // One labelled by its abbreviation alone (no name read before it) is not named twice.
      const label = (concept.written && concept.id.startsWith('other:')) || concept.label === abbreviation ? '' : ` (${concept.label})`;
      report('abbreviation-defined', `the article defines ${abbreviation}${as}${label}; tagged as ${concept.id}`, { offset: concept.at });
    }
    reportPinyinRuby(doc, blocks, m, report);
    const byId = new Map<string, Entity>();
    let unlocated = 0;
    const found: PlacedMention[] = [];
    // Indexed: a `for … of` in baseline code allocates an iterator result a block and a mention.
    for (let b = 0; b < blocks.length; b++) {
      const block = blocks[b]!;
      let cursor = block.start;
      const inBlock = findInBlock(block, doc, m, extra);
      // The dateline opening the paragraph ("HONG KONG –", "HAMBURG, Germany and BOSTON, Mass., June 5, 2015
      // (GLOBE NEWSWIRE) --") is chrome, as segment read it: the places it names are no mentions. Segment's
      // reading, kept on the document; asked here only of a block segment did not read and that holds a mention.
      let dateline = -1;
      for (let i = 0; i < inBlock.length; i++) {
        const c = inBlock[i]!;
        if (dateline === -1) dateline = openingDatelineLength(block, doc, datelines);
        if (c.end <= dateline) continue;
        const text = block.text.slice(c.start, c.end);
        let start: number;
        if (block.exact) start = block.start + c.start;
        else {
          // Markup blocks: find the mention's own characters in the source, in order.
          start = doc.text.indexOf(text, cursor);
          if (start === -1 || start > block.end + 2048) {
            unlocated++;
            continue;
          }
        }
        cursor = start + text.length;
        found.push({ entity: c.concept.id, text, start, end: start + text.length });
        let entity = byId.get(c.concept.id);
        if (!entity) {
          entity = { id: c.concept.id, type: c.concept.type, label: c.concept.label, xrefs: c.concept.xrefs.slice(), mentions: [] };
          byId.set(entity.id, entity);
        }
        entity.mentions.push({ text, start, end: start + text.length });
      }
    }
    // In text order (as they mostly come already: `ordered` then copies nothing).
    const { mentions, removed, placed } = placeJournals(ordered(found, byStart), spans);
    for (const [owner, starts] of removed) {
      const entity = byId.get(owner)!;
      entity.mentions = withoutStarts(entity.mentions, starts);
      if (entity.mentions.length === 0) byId.delete(owner);
    }
    for (const span of placed) {
      let entity = byId.get(span.entity);
      if (!entity) {
        const journal = data.journals.find(span.journal);
        // Array.from, not map: V8's optimised `map` makes a holey array, a map the record's readers had not seen (BENCHMARKS.md, "arrays made by map").
        entity = { id: span.entity, type: 'journal', label: span.journal, xrefs: Array.from(journal?.issn ?? [], (n) => `ISSN:${n}`), mentions: [] };
        byId.set(span.entity, entity);
      }
      entity.mentions.push({ text: span.text, start: span.start, end: span.end });
    }
    for (const entity of byId.values()) entity.mentions = ordered(entity.mentions, byStart);
    if (unlocated > 0) report('mention-unlocated', `${unlocated} mention(s) split by markup could not be placed in the source and were left out`);
    doc.entities = [...byId.values()].sort(byFirstMention);
    for (const section of doc.sections) {
      for (const item of section.items) {
        const from = doc.lines.offset(item.position.start);
        const to = doc.lines.offset(item.position.end);
        const mine: PlacedMention[] = [];
        for (let k = lowerBound(mentions, from); k < mentions.length && mentions[k]!.start < to; k++) if (mentions[k]!.end <= to) mine.push(mentions[k]!);
        item.entities = mine;
      }
    }
  },
});

/**
 * Reports the pinyin ruby the matching view left out of the body (reference list and
 * boilerplate aside): once per page, at the first, with the count.
 */
function reportPinyinRuby(doc: DigestDocument, blocks: readonly Block[], m: LexiconMatcher, report: StageContext<object>['report']): void {
  const chrome = new Set(doc.boilerplate.map((b) => doc.lines.offset(b.position.start)));
  let count = 0;
  let first = -1;
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b]!;
    if (chrome.has(block.start)) continue;
    const { shrunk } = m.scanOf(block, doc);
    if (shrunk.removed === 0) continue;
    count += shrunk.removed;
    if (first === -1) first = block.exact ? block.start + shrunk.firstRemoved : block.start;
  }
  if (count > 0) report('pinyin-ruby', `${count} pinyin annotation(s) such as "(yī)" after converted characters were left out for matching; mentions still span the text as written`, { offset: first });
}
