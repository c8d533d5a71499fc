import type { Entity } from '../generated/article.js';
import type { Lexicon } from '../generated/lexicon.js';
import { characterTablesSync, lowerSameLength, matchingView, unitTest, viewOf, withoutMatches, type ShrunkView } from './script.js';
import { ordered } from './order.js';
import { rangedPattern, withPropertyRanges } from './property-ranges.js';
import { matchesOf, slugify } from './text.js';
import { LongestMatcher, type TrieMatch, type TrieTables } from './trie.js';

type Concept = Lexicon['concepts'][number];

/** The concept a mention is normalised to. */
export interface MatchedConcept {
  id: string;
  type: Entity['type'];
  label: string;
  xrefs: string[];
}

/** A span of a text that names a concept: [start, end) in UTF-16 units. */
export interface ConceptMatch {
  start: number;
  end: number;
  concept: MatchedConcept;
}

/** A concept named in a text, flattened (what `conceptsIn` returns). */
export interface ConceptSpan {
  start: number;
  end: number;
  id: string;
  type: Entity['type'];
  label: string;
}

/**
 * What a match of one of the lexicon's `notMentions` carries: it takes its span from any shorter
 * match inside it (leftmost-longest), then is dropped, so 激素水平 is no mention of glucocorticoids.
 */
const NOT_A_MENTION: MatchedConcept = { id: 'other:not-a-mention', type: 'other', label: '', xrefs: [] };

/** No open-class patterns to run: a view the patterns' alternation does not match (shared, never changed). */
const NO_PATTERNS: readonly { rule: Lexicon['patterns'][number]; regex: RegExp }[] = [];

// (Ranges, not ICU's sets: src/core/property-ranges.ts.)
const tokenChar = unitTest(rangedPattern(() => /[\p{Script=Latin}\p{Script=Greek}\d]/u));

/**
 * True when [start, end) of a view is not part of a longer Latin token: "AS" in "ASAS20",
 * "MAS" or "AS-MSCs" is not a mention of AS; Han text needs no boundary. A "-" of the view joins
 * unless the text writes one of `breaking` there ({@link joins}: `text` and `source`, the text the view was
 * made from and the view's offsets in it; `breaking`, the lexicon's `wordBreakingDashes`; without them every "-" joins).
 */
export function standsAlone(view: string, start: number, end: number, text?: string, source?: (offset: number) => number, breaking?: string): boolean {
  if (tokenChar(view, start) && (tokenChar(view, start - 1) || (view[start - 1] === '-' && tokenChar(view, start - 2) && joins(text, source, start - 1, breaking)))) return false;
  if (tokenChar(view, end - 1) && (tokenChar(view, end) || (view[end] === '-' && tokenChar(view, end + 1) && joins(text, source, end, breaking)))) return false;
  return true;
}

/**
 * False where the view's "-" at `at` is, in the text, one of the lexicon's `wordBreakingDashes` (an em
 * dash, a horizontal bar): the matching view folds them to "-" (a page range "12—15" in a Chinese
 * reference, read by other stages from the same view), but between words they break them, never join
 * them as a hyphen does. Read only where a "-" sits between two letters at a match's edge: most matches never ask.
 */
function joins(text: string | undefined, source: ((offset: number) => number) | undefined, at: number, breaking: string | undefined): boolean {
  if (text === undefined || source === undefined || breaking === undefined) return true;
  return !breaking.includes(text[source(at)]!);
}

/** Earliest, then longest, first: the order {@link leftmostLongest} reads matches in. */
const byStartThenLength = (a: ConceptMatch, b: ConceptMatch) => a.start - b.start || b.end - b.start - (a.end - a.start);

/** Two lists in {@link byStartThenLength} order merged into one in that order, `first`'s before `second`'s on a tie (as a stable sort of the two joined gives). */
function merged(first: readonly ConceptMatch[], second: readonly ConceptMatch[]): ConceptMatch[] {
  const out: ConceptMatch[] = [];
  let i = 0;
  let j = 0;
  while (i < first.length && j < second.length) out.push(byStartThenLength(first[i]!, second[j]!) <= 0 ? first[i++]! : second[j++]!);
  while (i < first.length) out.push(first[i++]!);
  while (j < second.length) out.push(second[j++]!);
  return out;
}

/** Keeps the earliest, then longest, of overlapping matches (ties: the one listed first). */
export function leftmostLongest(found: readonly ConceptMatch[]): ConceptMatch[] {
  // A stable order: of two matches with one start and one length, the one listed first stays first.
  const sorted = ordered(found, byStartThenLength);
  const kept: ConceptMatch[] = [];
  let reach = 0;
  for (let k = 0; k < sorted.length; k++) {
    const c = sorted[k]!;
    if (c.start < reach) continue;
    kept.push(c);
    reach = c.end;
  }
  return kept;
}

/**
 * How a lexicon's concepts are read without parsing them all: the build's UTF-16 text of the lexicon
 * (src/core/compiled-data.ts `lexiconTextForm`), where each concept lies in it, and what the matcher
 * asks of every concept at once, derived by the build from the same value.
 */
export interface ConceptText {
  /**
   * The lexicon as JSON without white space (`JSON.stringify` of its value), as UTF-16 (little-endian)
   * bytes: a concept's JSON is decoded from its own range at its first read, so no string of the whole
   * text (~250 KB, held beside the form's bytes) is ever made (issue 17: start-up).
   */
  readonly text: Uint8Array;
  /** Where each concept's JSON lies in `text`: [start, end) in UTF-16 units, two a concept, in order. */
  readonly ranges: Int32Array;
  /** The concepts' ids, in order, as a JSON array: parsed when an id is first looked up. */
  readonly ids: string;
  /** Every concept's abbreviations, in order (what {@link LexiconMatcher.abbreviations} holds). */
  readonly abbreviations: readonly string[];
  /** The indices of the concepts whose type is `country`, in order. */
  readonly countries: Int32Array;
}

/**
 * A lexicon's concepts as the matcher reads them: each one at a time, by index or id. From the
 * lexicon's own array, or from the build's text of it ({@link ConceptText}), where a concept is parsed
 * at its first read, as a journal of the journal table is (issue 17: the lexicon's 518 concepts were
 * ~6 M instructions of `JSON.parse` at every start; an article names a few dozen).
 */
export class ConceptEntries {
  /** The number of concepts. */
  readonly length: number;
  private readonly read: (Concept | undefined)[];
  private byId: Map<string, number> | null = null;
  private every: Concept[] | null = null;
  private knownAbbreviations: ReadonlySet<string> | null = null;
  private countryConcepts: Concept[] | null = null;

  /** The concepts of `source`: a lexicon's array, or the build's text of them. */
  constructor(private readonly source: readonly Concept[] | ConceptText) {
    this.length = isText(source) ? source.ranges.length >>> 1 : source.length;
    this.read = isText(source) ? new Array<Concept | undefined>(this.length) : (source as Concept[]);
  }

  /** Concept `k` (undefined outside 0 … length − 1). */
  at(k: number): Concept | undefined {
    const source = this.source;
    if (!isText(source) || k < 0 || k >= this.length) return this.read[k];
    return (this.read[k] ??= JSON.parse(utf16Units(source.text, source.ranges[2 * k]!, source.ranges[2 * k + 1]!)) as Concept);
  }

  /** The index of the concept with this id, if one has it. */
  indexOf(id: string): number | undefined {
    if (this.byId === null) {
      const source = this.source;
      const ids = isText(source) ? (JSON.parse(source.ids) as string[]) : source.map((c) => c.id);
      this.byId = new Map(ids.map((conceptId, k) => [conceptId, k]));
    }
    return this.byId.get(id);
  }

  /** Every concept, in order (all parsed now, once). */
  all(): Concept[] {
    if (this.every === null) {
      const every: Concept[] = [];
      for (let k = 0; k < this.length; k++) every.push(this.at(k)!);
      this.every = every;
    }
    return this.every;
  }

  /** Every abbreviation of every concept. */
  abbreviations(): ReadonlySet<string> {
    const source = this.source;
    return (this.knownAbbreviations ??= new Set(isText(source) ? source.abbreviations : source.flatMap((c) => c.abbreviations)));
  }

  /** The concepts of type `country`, in order. */
  countries(): Concept[] {
    if (this.countryConcepts === null) {
      const source = this.source;
      const countries: Concept[] = [];
      if (isText(source)) for (let i = 0; i < source.countries.length; i++) countries.push(this.at(source.countries[i]!)!);
      else for (const concept of source) if (concept.type === 'country') countries.push(concept);
      this.countryConcepts = countries;
    }
    return this.countryConcepts;
  }
}

/** UTF-16 units [start, end) of little-endian `bytes` as a string. */
export function utf16Units(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + 2 * start, 2 * (end - start)).toString('utf16le');
}

function isText(source: readonly Concept[] | ConceptText): source is ConceptText {
  return !Array.isArray(source);
}

/** The concepts of each lexicon read from the build's text ({@link lexiconOfText}). */
const textEntries = new WeakMap<Lexicon, ConceptEntries>();

/**
 * A lexicon whose concepts are read from the build's text at their first need: `rest` is its value
 * with `concepts` empty, in the file's key order; its `concepts` reads as every concept, all parsed
 * at that first read, and its matcher reads them one at a time ({@link conceptEntriesOf}).
 */
export function lexiconOfText(rest: Lexicon, concepts: ConceptText): Lexicon {
  const entries = new ConceptEntries(concepts);
  // Redefined in place: the key keeps its place in the value's order.
  Object.defineProperty(rest, 'concepts', { get: () => entries.all(), enumerable: true, configurable: true });
  textEntries.set(rest, entries);
  return rest;
}

/** The concepts of a lexicon as its matcher reads them: one at a time where {@link lexiconOfText} made it, else its array's. */
export function conceptEntriesOf(lexicon: Lexicon): ConceptEntries {
  return textEntries.get(lexicon) ?? new ConceptEntries(lexicon.concepts);
}

function toMatched(c: Concept): MatchedConcept {
  return { id: c.id, type: c.type as Entity['type'], label: c.label, xrefs: c.xrefs };
}

/** What the matcher reads of a document's block (its text): the block itself is the key of its scan. */
export interface ScannedBlock {
  readonly text: string;
}

/**
 * What a document keeps per block for the matcher (DigestDocument has both): the scans, and the
 * blocks' matching views, which the journal reading and the label, entities and facts stages
 * read too, so a block is folded once whoever reads it first.
 */
export interface BlockMemo<B extends ScannedBlock> {
  readonly scans: Map<B, BlockScan>;
  readonly views: Map<B, string>;
}

/** Each lexicon's pinyin-ruby pattern, compiled once ({@link pinyinRubyOf}). */
const rubyPatterns = new WeakMap<Lexicon, RegExp | null>();

/**
 * The lexicon's pinyinRuby pattern (global), or null when it gives none: compiled once a lexicon.
 * Stages other than the lexicon's own scan read a mirror's text without the ruby too (a heading
 * "細(xì)胞治療的核心機制", a journal "當(dāng)代干細胞研究與治療"), by the same pattern.
 */
export function pinyinRubyOf(lexicon: Lexicon): RegExp | null {
  let pattern = rubyPatterns.get(lexicon);
  if (pattern === undefined) {
    pattern = lexicon.pinyinRuby === undefined ? null : new RegExp(withPropertyRanges(lexicon.pinyinRuby, 'gu'), 'gu');
    rubyPatterns.set(lexicon, pattern);
  }
  return pattern;
}

/**
 * What one scan of a block's text found. The document keeps one per block (`doc.scans`), so
 * the entities, label and facts stages read the same scan instead of each scanning the text
 * again (issue 17: a process-wide memo keyed by paragraph text did that before, and held up to
 * 20,000 paragraphs a worker).
 */
export interface BlockScan {
  /** The matching text of the block: its view without the pinyin ruby, with the map back. */
  shrunk: ShrunkView;
  /** The lexicon's matches in the whole text ({@link LexiconMatcher.matches}). */
  matches: ConceptMatch[];
  /** The matches line by line, offsets in the block's text ({@link LexiconMatcher.conceptsIn}): `matches` itself for a text of one line. */
  lines: ConceptMatch[];
}

/**
 * What building a {@link LexiconMatcher} derives from its lexicon, as flat data: the names' and
 * the abbreviations' tries over the matching view, and for each of their patterns the index (in
 * `lexicon.concepts`) of the concept it normalises to. scripts/compile-data.mjs stores it for the
 * shipped lexicon (src/core/compiled-data.ts), so a process does not fold every name again.
 */
export interface CompiledLexicon {
  names: TrieTables;
  nameConcepts: Int32Array;
  abbreviations: TrieTables;
  abbreviationConcepts: Int32Array;
}

/**
 * Whether a trie hit ends at `end` and names a concept of `type` (`concepts` maps the trie's
 * patterns to the entries'). A function of the module, not a closure made in each
 * `matchesWhole`: V8 holds a function's optimised code through its closures, and a full
 * collection after a call let the call's closure go with its code, compiled again at the next
 * (BENCHMARKS.md, changes 205 and 207).
 */
export function spansTo(hits: readonly TrieMatch[], concepts: Int32Array, end: number, entries: ConceptEntries, type: Entity['type']): boolean {
  for (let k = 0; k < hits.length; k++) {
    const h = hits[k]!;
    if (h.end === end && entries.at(concepts[h.patternIndex]!)?.type === type) return true;
  }
  return false;
}

/**
 * The lexicon of one loaded data set, compiled once: names (case-insensitive) and
 * abbreviations (exact) in two leftmost-longest tries over the matching view, plus the
 * open-class patterns. Owned by the pipeline's data, so two pipelines with two lexicons in
 * one process never see each other's matches. It keeps nothing per text: what a document's
 * blocks hold is scanned once per document ({@link scanOf}).
 */
export class LexiconMatcher {
  /** Traditional → simplified characters (OpenCC's table as a Map, made on first read: the matching view itself reads a code-unit table). */
  get traditional(): Map<string, string> {
    return characterTablesSync().traditional;
  }
  private readonly names: LongestMatcher;
  /** The index (in `lexicon.concepts`) of the concept each name normalises to. */
  private readonly nameConcepts: Int32Array;
  private readonly abbreviationMatcher: LongestMatcher;
  private readonly abbreviationConcepts: Int32Array;
  /** Each concept's {@link MatchedConcept}, made at its first match (an article names a few dozen; issue 17). */
  private readonly matched: (MatchedConcept | undefined)[];
  private readonly patterns: { rule: Lexicon['patterns'][number]; regex: RegExp }[];
  /**
   * Every open-class pattern in one alternation, or null (no patterns, or one that numbers or
   * names its groups, which an alternation would renumber): where it first matches no pattern
   * matched before, so a text it does not match is not searched by each pattern in turn.
   */
  private readonly anyPattern: RegExp | null;
  /** The lexicon's `abbreviationCompounds`, in the matching view (simplified, half-width). */
  private readonly compoundBefore: readonly string[];
  private readonly compoundAfter: readonly string[];
  /** The lexicon's concepts, each read at its first need (ids looked up at a pattern's first match or the first {@link lineage}). */
  private readonly entries: ConceptEntries;
  /** The entity types the open-class patterns give. */
  private readonly patternTypes: ReadonlySet<string>;
  /** The lexicon's pinyinRuby pattern (g flag), or null: what the matching text leaves out. */
  private readonly ruby: RegExp | null;

  /** Builds the matcher of a lexicon, or takes what {@link compile} gave for the same lexicon. */
  constructor(
    readonly lexicon: Lexicon,
    compiled: CompiledLexicon = LexiconMatcher.compile(lexicon),
  ) {
    this.names = new LongestMatcher(compiled.names);
    this.nameConcepts = compiled.nameConcepts;
    this.abbreviationMatcher = new LongestMatcher(compiled.abbreviations);
    this.abbreviationConcepts = compiled.abbreviationConcepts;
    this.entries = conceptEntriesOf(lexicon);
    // Sized once: filled in any order, it keeps fast elements.
    this.matched = new Array<MatchedConcept | undefined>(this.entries.length);
    this.patterns = lexicon.patterns.map((rule) => ({ rule, regex: new RegExp(rule.pattern, 'gu') }));
    const groups = /\\[1-9]|\\k<|\(\?<(?![=!])/u;
    this.anyPattern = lexicon.patterns.length === 0 || lexicon.patterns.some((p) => groups.test(p.pattern)) ? null : new RegExp(lexicon.patterns.map((p) => `(?:${p.pattern})`).join('|'), 'u');
    this.patternTypes = new Set(lexicon.patterns.map((p) => p.type));
    this.ruby = pinyinRubyOf(lexicon);
    this.compoundBefore = (lexicon.abbreviationCompounds?.before ?? []).map(matchingView);
    this.compoundAfter = (lexicon.abbreviationCompounds?.after ?? []).map(matchingView);
  }

  /**
   * True when an abbreviation at [start, end) of a view is glued to a word that makes it part of
   * another term (`abbreviationCompounds`): SCI in SCI论文, SCI收录 or 发表SCI names the citation
   * index, not spinal cord injury. Asked only where an abbreviation matched, and for the article's
   * own abbreviations too.
   */
  inCompound(view: string, start: number, end: number): boolean {
    const after = this.compoundAfter;
    for (let k = 0; k < after.length; k++) if (view.startsWith(after[k]!, end)) return true;
    const before = this.compoundBefore;
    for (let k = 0; k < before.length; k++) if (start >= before[k]!.length && view.startsWith(before[k]!, start - before[k]!.length)) return true;
    return false;
  }

  /** Every abbreviation the lexicon knows (an article's own definitions add to these); made on first read. */
  get abbreviations(): ReadonlySet<string> {
    return this.entries.abbreviations();
  }

  /**
   * The lexicon's countries, in its order: what an item's institution may name without a match
   * (the facts stage reads them for every item). Made on first read, once a lexicon: the facts
   * stage filtered the lexicon's concepts again for every article (BENCHMARKS.md, change 99), and
   * a stage may keep no state of its own.
   */
  get countries(): Lexicon['concepts'] {
    return this.entries.countries();
  }

  /**
   * A concept and those its `broader` links lead to, narrowest first (steroid-refractory acute GvHD,
   * acute GvHD, GvHD), or null when it names none: the label stage counts a family's mentions
   * together for the page's topic.
   */
  lineage(id: string): { id: string; label: string }[] | null {
    const k = this.entries.indexOf(id);
    let concept = k === undefined ? undefined : this.entries.at(k)!;
    if (concept?.broader === undefined) return null;
    const line = [{ id: concept.id, label: concept.label }];
    // A few steps at most: a loop in the data (which the lexicon's test forbids) cannot hang a stage.
    for (let step = 0; step < 8 && concept.broader !== undefined; step++) {
      const up = this.entries.indexOf(concept.broader);
      if (up === undefined) break;
      concept = this.entries.at(up)!;
      line.push({ id: concept.id, label: concept.label });
    }
    return line;
  }

  /** The concept at index `k` of the lexicon, as matches carry it (one object per concept). */
  private concept(k: number): MatchedConcept {
    return (this.matched[k] ??= toMatched(this.entries.at(k)!));
  }

  /** The tries of a lexicon: names (lower case) and abbreviations in the matching view, each to the first concept that claims it. */
  static compile(lexicon: Lexicon): CompiledLexicon {
    const names = new Map<string, number>();
    const abbreviations = new Map<string, number>();
    lexicon.concepts.forEach((concept, k) => {
      for (const name of [...concept.zh, ...concept.en]) {
        const key = lowerSameLength(matchingView(name));
        if (!names.has(key)) names.set(key, k);
      }
      for (const abbreviation of concept.abbreviations) {
        const key = matchingView(abbreviation);
        if (!abbreviations.has(key)) abbreviations.set(key, k);
      }
    });
    // Terms that hold a name but name something else: in the names' trie with no concept (-1).
    for (const term of lexicon.notMentions ?? []) {
      const key = lowerSameLength(matchingView(term));
      if (!names.has(key)) names.set(key, -1);
    }
    return {
      names: new LongestMatcher([...names.keys()]).tables(),
      nameConcepts: Int32Array.from(names.values()),
      abbreviations: new LongestMatcher([...abbreviations.keys()]).tables(),
      abbreviationConcepts: Int32Array.from(abbreviations.values()),
    };
  }

  /** The matching view of a text (same length: offsets in it are offsets in the text). */
  view(text: string): string {
    return matchingView(text);
  }

  /**
   * What matching reads: the view with the pinyin ruby of the mirrors taken out (醫(yī)療 reads
   * 医疗), with the map back to offsets in the text. The same text when there is none.
   */
  matchingText(text: string, view: string = this.view(text)): ShrunkView {
    return withoutMatches(view, this.ruby);
  }

  /** The lexicon's own matches in one text (names, abbreviations, patterns), leftmost-longest. */
  matches(text: string): ConceptMatch[] {
    return this.scan(this.matchingText(text), text);
  }

  /**
   * True when the lexicon's matches of a text are one match of the type that spans all of it (a
   * bracket naming an organization, 《Monash Health》). Such a match starts a trie match at the
   * first character and ends at the last, or is a pattern's of that type: a text with neither
   * (most 《…》 are paper titles) is not scanned whole (issue 17).
   */
  matchesWhole(text: string, type: Entity['type']): boolean {
    const shrunk = this.matchingText(text);
    const view = shrunk.text;
    if (!this.patternTypes.has(type)) {
      const end = view.length;
      if (!spansTo(this.names.matchesAt(lowerSameLength(view), 0), this.nameConcepts, end, this.entries, type) && !spansTo(this.abbreviationMatcher.matchesAt(view, 0), this.abbreviationConcepts, end, this.entries, type)) return false;
    }
    const found = this.scan(shrunk, text);
    return found.length === 1 && found[0]!.start === 0 && found[0]!.end === text.length && found[0]!.concept.type === type;
  }

  /** The concepts named in a text, leftmost-longest, paragraph by paragraph (a name never runs across a line feed). */
  conceptsIn(text: string): ConceptSpan[] {
    return spans(this.lineMatches(text));
  }

  /**
   * The scan of a block, made on first need and kept in `memo.scans` (the document's
   * `doc.scans`), from the block's matching view (`doc.views`): every stage that reads a block's
   * mentions shares it.
   */
  scanOf<B extends ScannedBlock>(block: B, memo: BlockMemo<B>): BlockScan {
    let scan = memo.scans.get(block);
    if (!scan) {
      const view = viewOf(block, memo.views);
      const shrunk = this.matchingText(block.text, view);
      const matches = this.scan(shrunk, block.text);
      scan = { shrunk, matches, lines: block.text.includes('\n') ? this.lineMatches(block.text, view) : matches };
      memo.scans.set(block, scan);
    }
    return scan;
  }

  /**
   * The concepts of a text made of blocks joined by line feeds (an item's text), exactly as
   * {@link conceptsIn} gives them for that text, from the blocks' scans.
   */
  conceptsInBlocks<B extends ScannedBlock>(blocks: readonly B[], memo: BlockMemo<B>): ConceptSpan[] {
    const out: ConceptSpan[] = [];
    let offset = 0;
    // Indexed loops here and in the scans below: a `for … of` in baseline code allocates an
    // iterator a loop and an iterator result a step, at every block (BENCHMARKS.md, "loops without iterators").
    for (let b = 0; b < blocks.length; b++) {
      const block = blocks[b]!;
      const lines = this.scanOf(block, memo).lines;
      for (let k = 0; k < lines.length; k++) out.push(span(lines[k]!, offset));
      offset += block.text.length + 1;
    }
    return out;
  }

  /** The matches of each line of a text, offsets in the text (`view`: the text's matching view, when the caller has it). */
  private lineMatches(text: string, view?: string): ConceptMatch[] {
    const out: ConceptMatch[] = [];
    let offset = 0;
    const paragraphs = text.split('\n');
    for (let p = 0; p < paragraphs.length; p++) {
      const paragraph = paragraphs[p]!;
      const shrunk = this.matchingText(paragraph, view === undefined ? this.view(paragraph) : view.slice(offset, offset + paragraph.length));
      const matches = this.scan(shrunk, paragraph);
      for (let k = 0; k < matches.length; k++) {
        const c = matches[k]!;
        out.push(offset === 0 ? c : { start: offset + c.start, end: offset + c.end, concept: c.concept });
      }
      offset += paragraph.length + 1;
    }
    return out;
  }

  /** `text`: what `shrunk` was made from, read only where a "-" of the view sits at a match's edge ({@link standsAlone}). */
  private scan(shrunk: ShrunkView, text: string): ConceptMatch[] {
    const view = shrunk.text;
    const lower = lowerSameLength(view);
    const source = shrunk.source;
    // The tries' matches go straight into match objects (none of their own per hit); each trie's
    // are in text order without overlaps, so the two lists merge into the order leftmostLongest
    // sorts by (names first on a tie) and it need not sort them.
    const names: ConceptMatch[] = [];
    const nameConcepts = this.nameConcepts;
    let blocked = false;
    this.names.visit(lower, (start, end, pattern) => {
      if (!standsAlone(view, start, end, text, source, this.lexicon.wordBreakingDashes)) return;
      const k = nameConcepts[pattern]!;
      if (k < 0) blocked = true;
      names.push({ start, end, concept: k < 0 ? NOT_A_MENTION : this.concept(k) });
    });
    const abbreviations: ConceptMatch[] = [];
    const abbreviationConcepts = this.abbreviationConcepts;
    this.abbreviationMatcher.visit(view, (start, end, pattern) => {
      if (standsAlone(view, start, end, text, source, this.lexicon.wordBreakingDashes) && !this.inCompound(view, start, end)) abbreviations.push({ start, end, concept: this.concept(abbreviationConcepts[pattern]!) });
    });
    const found = abbreviations.length === 0 ? names : names.length === 0 ? abbreviations : merged(names, abbreviations);
    const from = this.anyPattern === null ? 0 : (this.anyPattern.exec(view)?.index ?? -1);
    const patterns = from === -1 ? NO_PATTERNS : this.patterns;
    for (let p = 0; p < patterns.length; p++) {
      const { rule, regex } = patterns[p]!;
      regex.lastIndex = from;
      const hits = matchesOf(view, regex);
      for (let h = 0; h < hits.length; h++) {
        const hit = hits[h]!;
        const end = hit.index + hit[0].length;
        if (!standsAlone(view, hit.index, end, text, source, this.lexicon.wordBreakingDashes)) continue;
        const label = rule.labelCase === 'upper' ? hit[0].toUpperCase() : hit[0];
        const id = `${rule.idPrefix}${slugify(label.replace(/β/g, 'b'), 60)}`;
        const k = this.entries.indexOf(id);
        const known = k === undefined ? undefined : this.concept(k);
        found.push({ start: hit.index, end, concept: known ?? { id, type: rule.type as Entity['type'], label, xrefs: [] } });
      }
    }
    const longest = leftmostLongest(found);
    const kept = blocked ? longest.filter((c) => c.concept !== NOT_A_MENTION) : longest;
    if (shrunk.removed === 0) return kept;
    // Back to offsets in the text: a mention spans the pinyin inside it (and after its last character).
    return kept.map((c) => ({ start: shrunk.source(c.start), end: shrunk.source(c.end), concept: c.concept }));
  }
}

function span(c: ConceptMatch, offset: number): ConceptSpan {
  return { start: offset + c.start, end: offset + c.end, id: c.concept.id, type: c.concept.type, label: c.concept.label };
}

function spans(matches: readonly ConceptMatch[]): ConceptSpan[] {
  // Pushed, not `matches.map(…)`: the array V8's optimised `map` makes allows holes (another map than
  // the builtin's), so every site that reads the list — label's `headingParts` and `topicDisease` —
  // saw a new map once the caller reached TurboFan, and was thrown away and compiled again (issue 17:
  // BENCHMARKS.md, "arrays made by map").
  const out: ConceptSpan[] = [];
  for (let k = 0; k < matches.length; k++) out.push(span(matches[k]!, 0));
  return out;
}
