import type { Entity } from '../generated/article.js';
import type { Lexicon } from '../generated/lexicon.js';
import { characterTablesSync, lowerSameLength, matchingView, withoutMatches, type ShrunkView } from './script.js';
import { slugify } from './text.js';
import { LongestMatcher } from './trie.js';

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

const tokenChar = /[\p{Script=Latin}\p{Script=Greek}\d]/u;

/**
 * True when [start, end) of a view is not part of a longer Latin token: "AS" in "ASAS20",
 * "MAS" or "AS-MSCs" is not a mention of AS; Han text needs no boundary.
 */
export function standsAlone(view: string, start: number, end: number): boolean {
  const first = view[start]!;
  const last = view[end - 1]!;
  if (tokenChar.test(first)) {
    const before = view[start - 1];
    if (before !== undefined && (tokenChar.test(before) || (before === '-' && tokenChar.test(view[start - 2] ?? '')))) return false;
  }
  if (tokenChar.test(last)) {
    const after = view[end];
    if (after !== undefined && (tokenChar.test(after) || (after === '-' && tokenChar.test(view[end + 1] ?? '')))) return false;
  }
  return true;
}

/** Keeps the earliest, then longest, of overlapping matches (ties: the one listed first). */
export function leftmostLongest(found: readonly ConceptMatch[]): ConceptMatch[] {
  const sorted = found.map((c, i) => ({ c, i })).sort((a, b) => a.c.start - b.c.start || b.c.end - b.c.start - (a.c.end - a.c.start) || a.i - b.i);
  const kept: ConceptMatch[] = [];
  let reach = 0;
  for (const { c } of sorted) {
    if (c.start < reach) continue;
    kept.push(c);
    reach = c.end;
  }
  return kept;
}

function toMatched(c: Concept): MatchedConcept {
  return { id: c.id, type: c.type as Entity['type'], label: c.label, xrefs: c.xrefs };
}

/** Paragraphs whose matches are remembered per matcher: a build sees each paragraph in several stages. */
const MEMO_LIMIT = 20_000;

/**
 * The lexicon of one loaded data set, compiled once: names (case-insensitive) and
 * abbreviations (exact) in two leftmost-longest tries over the matching view, plus the
 * open-class patterns. Owned by the pipeline's data, so two pipelines with two lexicons in
 * one process never see each other's matches; its memo of paragraph matches lives and dies
 * with it (and is bounded).
 */
export class LexiconMatcher {
  /** Traditional → simplified characters: the matching view every match runs on. */
  readonly traditional: Map<string, string>;
  /** Every abbreviation the lexicon knows (an article's own definitions add to these). */
  readonly abbreviations: ReadonlySet<string>;
  private readonly names: LongestMatcher;
  private readonly nameConcepts: Concept[][];
  private readonly abbreviationMatcher: LongestMatcher;
  private readonly abbreviationConcepts: Concept[][];
  private readonly patterns: { rule: Lexicon['patterns'][number]; regex: RegExp }[];
  private readonly byId: Map<string, Concept>;
  /** The lexicon's pinyinRuby pattern (g flag), or null: what the matching text leaves out. */
  private readonly ruby: RegExp | null;
  private readonly memo = new Map<string, ConceptMatch[]>();

  constructor(readonly lexicon: Lexicon) {
    this.traditional = characterTablesSync().traditional;
    const names = new Map<string, Concept[]>();
    const abbreviations = new Map<string, Concept[]>();
    const add = (map: Map<string, Concept[]>, key: string, concept: Concept) => {
      const list = map.get(key) ?? [];
      if (!list.includes(concept)) list.push(concept);
      map.set(key, list);
    };
    for (const concept of lexicon.concepts) {
      for (const name of [...concept.zh, ...concept.en]) add(names, lowerSameLength(matchingView(name, this.traditional)), concept);
      for (const abbreviation of concept.abbreviations) add(abbreviations, matchingView(abbreviation, this.traditional), concept);
    }
    this.names = new LongestMatcher([...names.keys()]);
    this.nameConcepts = [...names.values()];
    this.abbreviationMatcher = new LongestMatcher([...abbreviations.keys()]);
    this.abbreviationConcepts = [...abbreviations.values()];
    this.patterns = lexicon.patterns.map((rule) => ({ rule, regex: new RegExp(rule.pattern, 'gu') }));
    this.byId = new Map(lexicon.concepts.map((c) => [c.id, c]));
    this.abbreviations = new Set(lexicon.concepts.flatMap((c) => c.abbreviations));
    this.ruby = lexicon.pinyinRuby === undefined ? null : new RegExp(lexicon.pinyinRuby, 'gu');
  }

  /** The matching view of a text (same length: offsets in it are offsets in the text). */
  view(text: string): string {
    return matchingView(text, this.traditional);
  }

  /**
   * What matching reads: the view with the pinyin ruby of the mirrors taken out (醫(yī)療 reads
   * 医疗), with the map back to offsets in the text. The same text when there is none.
   */
  matchingText(text: string): ShrunkView {
    return withoutMatches(this.view(text), this.ruby);
  }

  /** The lexicon's own matches in one paragraph (names, abbreviations, patterns), remembered. */
  matches(paragraph: string): ConceptMatch[] {
    let hit = this.memo.get(paragraph);
    if (!hit) {
      hit = this.scan(paragraph);
      if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
      this.memo.set(paragraph, hit);
    }
    return hit;
  }

  /** The concepts named in a text, leftmost-longest, paragraph by paragraph (so matches made for the same paragraphs elsewhere are reused). */
  conceptsIn(text: string): ConceptSpan[] {
    const out: ConceptSpan[] = [];
    let offset = 0;
    for (const paragraph of text.split('\n')) {
      for (const c of this.matches(paragraph)) out.push({ start: offset + c.start, end: offset + c.end, id: c.concept.id, type: c.concept.type, label: c.concept.label });
      offset += paragraph.length + 1;
    }
    return out;
  }

  private scan(text: string): ConceptMatch[] {
    const shrunk = this.matchingText(text);
    const view = shrunk.text;
    const lower = lowerSameLength(view);
    const found: ConceptMatch[] = [];
    for (const hit of this.names.search(lower)) {
      if (standsAlone(view, hit.start, hit.end)) found.push({ start: hit.start, end: hit.end, concept: toMatched(this.nameConcepts[hit.patternIndex]![0]!) });
    }
    for (const hit of this.abbreviationMatcher.search(view)) {
      if (standsAlone(view, hit.start, hit.end)) found.push({ start: hit.start, end: hit.end, concept: toMatched(this.abbreviationConcepts[hit.patternIndex]![0]!) });
    }
    for (const { rule, regex } of this.patterns) {
      regex.lastIndex = 0;
      for (const hit of view.matchAll(regex)) {
        const end = hit.index + hit[0].length;
        if (!standsAlone(view, hit.index, end)) continue;
        const label = rule.labelCase === 'upper' ? hit[0].toUpperCase() : hit[0];
        const id = `${rule.idPrefix}${slugify(label.replace(/β/g, 'b'), 60)}`;
        const known = this.byId.get(id);
        found.push({ start: hit.index, end, concept: known ? toMatched(known) : { id, type: rule.type as Entity['type'], label, xrefs: [] } });
      }
    }
    const kept = leftmostLongest(found);
    if (shrunk.removed === 0) return kept;
    // Back to offsets in the text: a mention spans the pinyin inside it (and after its last character).
    return kept.map((c) => ({ start: shrunk.source(c.start), end: shrunk.source(c.end), concept: c.concept }));
  }
}
