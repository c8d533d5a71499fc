import type { Entity, Mention } from '../generated/article.js';
import type { Lexicon } from '../generated/lexicon.js';
import type { Block } from '../core/document.js';
import { characterTables, lowerSameLength, matchingView } from '../core/script.js';
import { LongestMatcher } from '../core/trie.js';
import { defineStage } from '../core/stage.js';
import { slugify } from '../core/text.js';

type Concept = Lexicon['concepts'][number];

interface Matchers {
  names: LongestMatcher;
  nameConcepts: Concept[][];
  abbreviations: LongestMatcher;
  abbreviationConcepts: Concept[][];
  patterns: { rule: Lexicon['patterns'][number]; regex: RegExp }[];
  byId: Map<string, Concept>;
  traditional: Map<string, string>;
}

const matcherCache = new WeakMap<Lexicon, Promise<Matchers>>();

/** Builds the two matchers of a lexicon once (names case-insensitive, abbreviations exact). */
function matchersFor(lexicon: Lexicon): Promise<Matchers> {
  let cached = matcherCache.get(lexicon);
  if (!cached) {
    cached = (async () => {
      const { traditional } = await characterTables();
      const names = new Map<string, Concept[]>();
      const abbreviations = new Map<string, Concept[]>();
      const add = (map: Map<string, Concept[]>, key: string, concept: Concept) => {
        const list = map.get(key) ?? [];
        if (!list.includes(concept)) list.push(concept);
        map.set(key, list);
      };
      for (const concept of lexicon.concepts) {
        for (const name of [...concept.zh, ...concept.en]) add(names, lowerSameLength(matchingView(name, traditional)), concept);
        for (const abbreviation of concept.abbreviations) add(abbreviations, matchingView(abbreviation, traditional), concept);
      }
      return {
        names: new LongestMatcher([...names.keys()]),
        nameConcepts: [...names.values()],
        abbreviations: new LongestMatcher([...abbreviations.keys()]),
        abbreviationConcepts: [...abbreviations.values()],
        patterns: lexicon.patterns.map((rule) => ({ rule, regex: new RegExp(rule.pattern, 'gu') })),
        byId: new Map(lexicon.concepts.map((c) => [c.id, c])),
        traditional,
      };
    })();
    matcherCache.set(lexicon, cached);
  }
  return cached;
}

const tokenChar = /[\p{Script=Latin}\p{Script=Greek}\d]/u;

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

// The matcher scans every character (and works in grapheme clusters), so a paragraph's
// lexicon matches are computed once and shared by the stages that need them (facts, label).
const found = new Map<string, Candidate[]>();
const FOUND_LIMIT = 20000;

function findOnce(text: string, m: Matchers): Candidate[] {
  let hit = found.get(text);
  if (!hit) {
    hit = scan(text, m);
    if (found.size >= FOUND_LIMIT) found.clear();
    found.set(text, hit);
  }
  return hit;
}

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

interface Candidate {
  start: number;
  end: number;
  concept: { id: string; type: Entity['type']; label: string; xrefs: string[] };
}

function toEntityConcept(c: Concept): Candidate['concept'] {
  return { id: c.id, type: c.type as Entity['type'], label: c.label, xrefs: c.xrefs };
}

/** Every mention in one block's text, leftmost-longest across names, abbreviations and patterns. */
function findInText(text: string, m: Matchers, extra: ReadonlyMap<string, Candidate['concept']>): Candidate[] {
  const base = findOnce(text, m);
  if (extra.size === 0) return base;
  const view = matchingView(text, m.traditional);
  const more: Candidate[] = [];
  for (const [abbreviation, { id, type, label, xrefs }] of extra) {
    for (let at = view.indexOf(abbreviation); at !== -1; at = view.indexOf(abbreviation, at + 1)) {
      if (standsAlone(view, at, at + abbreviation.length)) more.push({ start: at, end: at + abbreviation.length, concept: { id, type, label, xrefs } });
    }
  }
  return more.length ? leftmostLongest([...base, ...more]) : base;
}

/** Keeps the earliest, then longest, of overlapping candidates (ties: the one listed first). */
function leftmostLongest(found: Candidate[]): Candidate[] {
  const sorted = found.map((c, i) => ({ c, i })).sort((a, b) => a.c.start - b.c.start || b.c.end - b.c.start - (a.c.end - a.c.start) || a.i - b.i);
  const kept: Candidate[] = [];
  let reach = 0;
  for (const { c } of sorted) {
    if (c.start < reach) continue;
    kept.push(c);
    reach = c.end;
  }
  return kept;
}

/** The lexicon's own matches in a text (names, abbreviations, patterns), computed once per paragraph. */
function scan(text: string, m: Matchers): Candidate[] {
  const view = matchingView(text, m.traditional);
  const lower = lowerSameLength(view);
  const found: Candidate[] = [];
  for (const hit of m.names.search(lower)) {
    if (standsAlone(view, hit.start, hit.end)) found.push({ start: hit.start, end: hit.end, concept: toEntityConcept(m.nameConcepts[hit.patternIndex]![0]!) });
  }
  for (const hit of m.abbreviations.search(view)) {
    if (standsAlone(view, hit.start, hit.end)) found.push({ start: hit.start, end: hit.end, concept: toEntityConcept(m.abbreviationConcepts[hit.patternIndex]![0]!) });
  }
  for (const { rule, regex } of m.patterns) {
    regex.lastIndex = 0;
    for (const hit of view.matchAll(regex)) {
      const end = hit.index + hit[0].length;
      if (!standsAlone(view, hit.index, end)) continue;
      const label = rule.labelCase === 'upper' ? hit[0].toUpperCase() : hit[0];
      const id = `${rule.idPrefix}${slugify(label.replace(/β/g, 'b'), 60)}`;
      const known = m.byId.get(id);
      found.push({ start: hit.index, end, concept: known ? toEntityConcept(known) : { id, type: rule.type as Entity['type'], label, xrefs: [] } });
    }
  }
  return leftmostLongest(found);
}

// "间充质干细胞(MSCs)", "类风湿关节炎(Rheumatoid Arthritis, RA)", "细胞松弛素B (CB)"
const definition = /[（(] {0,3}(?:([A-Za-z][A-Za-z '’-]{2,80}?) {0,3}[,，] {0,3})?[“"]?([A-Za-z][A-Za-z0-9-]{1,12})[”"]? {0,3}[）)]/gu;

/** Abbreviations the text defines that the lexicon does not know: abbreviation → concept. */
function definedAbbreviations(blocks: Block[], m: Matchers, known: Set<string>): Map<string, Candidate['concept'] & { at: number }> {
  const extra = new Map<string, Candidate['concept'] & { at: number }>();
  for (const block of blocks) {
    if (!/[(（]/u.test(block.text)) continue;
    const view = matchingView(block.text, m.traditional);
    const mentions = findOnce(block.text, m);
    for (const d of view.matchAll(definition)) {
      const abbreviation = d[2]!;
      if (known.has(abbreviation) || extra.has(abbreviation)) continue;
      const before = view.slice(Math.max(0, d.index - 200), d.index).trimEnd();
      const beforeStart = Math.max(0, d.index - 200);
      const owner = mentions.find((x) => x.end === beforeStart + before.length);
      const at = block.exact ? block.start + d.index : block.start;
      if (owner) {
        extra.set(abbreviation, { ...owner.concept, at });
      } else {
        const longForm = d[1]?.trim();
        const han = /[\p{Script=Han}A-Za-z0-9-]{2,15}$/u.exec(before)?.[0];
        const label = longForm ?? (han ? `${han} (${abbreviation})` : abbreviation);
        extra.set(abbreviation, { id: `other:${slugify(abbreviation, 60) || 'abbreviation'}`, type: 'other', label, xrefs: [], at });
      }
    }
  }
  return extra;
}

/**
 * entities: tags mentions of diseases, cells, molecules, drugs, measures, organisations,
 * countries and trial numbers in the body, in Chinese and English, through the lexicon (one
 * leftmost-longest trie pass over a matching view whose offsets are the text's), open-class patterns,
 * and abbreviations the article defines; normalises each to one concept with an English label.
 */
export const entities = defineStage({
  name: 'entities',
  description: 'Tag and normalise entity mentions through the bilingual lexicon, patterns and defined abbreviations.',
  rules: { 'abbreviation-defined': 'info', 'mention-unlocated': 'info' },
  defaults: { abbreviationDefinitions: true },
  async run(doc, { data, options, report }) {
    const m = await matchersFor(data.lexicon);
    const referenceBlocks = new Set(doc.referenceBlocks);
    const blocks = doc.blocks.filter((b) => !referenceBlocks.has(b));
    const known = new Set(data.lexicon.concepts.flatMap((c) => c.abbreviations));
    const extra = options.abbreviationDefinitions ? definedAbbreviations(blocks, m, known) : new Map<string, Candidate['concept'] & { at: number }>();
    for (const [abbreviation, concept] of extra) {
      report('abbreviation-defined', `the article defines ${abbreviation} (${concept.label}); tagged as ${concept.id}`, { offset: concept.at });
    }
    const byId = new Map<string, Entity>();
    let unlocated = 0;
    const mentions: (Mention & { entity: string })[] = [];
    for (const block of blocks) {
      let cursor = block.start;
      for (const c of findInText(block.text, m, extra)) {
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
        const mention = { entity: c.concept.id, text, start, end: start + text.length };
        mentions.push(mention);
        let entity = byId.get(c.concept.id);
        if (!entity) {
          entity = { id: c.concept.id, type: c.concept.type, label: c.concept.label, xrefs: [...c.concept.xrefs], mentions: [] };
          byId.set(entity.id, entity);
        }
        entity.mentions.push({ text, start, end: start + text.length });
      }
    }
    mentions.sort((a, b) => a.start - b.start);
    // Journals the link stage named: tagged where the item writes them, as journal concepts.
    for (const section of doc.sections) {
      for (const item of section.items) {
        if (!item.journal || !item.journalText) continue;
        const from = doc.lines.offset(item.position.start);
        const at = doc.text.indexOf(item.journalText, from);
        const to = doc.lines.offset(item.position.end);
        if (at === -1 || at + item.journalText.length > to) continue;
        const end = at + item.journalText.length;
        // Words inside a journal's name ("干细胞" in 干细胞研究与治疗) are the journal, not mentions.
        // Mentions are in text order: only those from just before `at` to `end` can overlap.
        const first = Math.max(0, lowerBound(mentions, at) - 1);
        let last = first;
        while (last < mentions.length && mentions[last]!.start < end) last++;
        const near = mentions.slice(first, last);
        if (near.some((x) => x.start < end && at < x.end && (x.start < at || x.end > end))) continue;
        for (let k = last - 1; k >= first; k--) {
          const x = mentions[k]!;
          if (x.start >= at && x.end <= end) {
            mentions.splice(k, 1);
            const owner = byId.get(x.entity)!;
            owner.mentions = owner.mentions.filter((y) => y.start !== x.start);
            if (owner.mentions.length === 0) byId.delete(owner.id);
          }
        }
        const id = `journal:${slugify(item.journal, 80)}`;
        let entity = byId.get(id);
        if (!entity) {
          const journal = data.journals.find(item.journal);
          entity = { id, type: 'journal', label: item.journal, xrefs: (journal?.issn ?? []).map((n) => `ISSN:${n}`), mentions: [] };
          byId.set(id, entity);
        }
        entity.mentions.push({ text: item.journalText, start: at, end });
        mentions.splice(lowerBound(mentions, at), 0, { entity: id, text: item.journalText, start: at, end });
      }
    }
    for (const entity of byId.values()) entity.mentions.sort((a, b) => a.start - b.start);
    if (unlocated > 0) report('mention-unlocated', `${unlocated} mention(s) split by markup could not be placed in the source and were left out`);
    doc.entities = [...byId.values()].sort((a, b) => a.mentions[0]!.start - b.mentions[0]!.start || (a.id < b.id ? -1 : 1));
    for (const section of doc.sections) {
      for (const item of section.items) {
        const from = doc.lines.offset(item.position.start);
        const to = doc.lines.offset(item.position.end);
        const mine: typeof mentions = [];
        for (let k = lowerBound(mentions, from); k < mentions.length && mentions[k]!.start < to; k++) if (mentions[k]!.end <= to) mine.push(mentions[k]!);
        item.entities = mine;
      }
    }
  },
});

/**
 * The lexicon concepts named in a text, leftmost-longest, with their spans. Paragraph by
 * paragraph, so results computed for the same paragraphs elsewhere in the pipeline are reused.
 */
export async function conceptsIn(text: string, lexicon: Lexicon): Promise<{ start: number; end: number; id: string; type: Entity['type']; label: string }[]> {
  const m = await matchersFor(lexicon);
  const out: { start: number; end: number; id: string; type: Entity['type']; label: string }[] = [];
  let offset = 0;
  for (const paragraph of text.split('\n')) {
    for (const c of findOnce(paragraph, m)) out.push({ start: offset + c.start, end: offset + c.end, id: c.concept.id, type: c.concept.type, label: c.concept.label });
    offset += paragraph.length + 1;
  }
  return out;
}
