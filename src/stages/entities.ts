import type { Entity, Mention } from '../generated/article.js';
import { entitiesDefaults } from '../generated/stage-defaults.js';
import type { Block } from '../core/document.js';
import { leftmostLongest, standsAlone, type ConceptMatch, type LexiconMatcher, type MatchedConcept } from '../core/lexicon.js';
import { defineStage } from '../core/stage.js';
import { slugify } from '../core/text.js';

type Extra = ReadonlyMap<string, MatchedConcept>;

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

/** Every mention in one block's text, leftmost-longest across the lexicon's matches and the article's own abbreviations. */
function findInText(text: string, m: LexiconMatcher, extra: Extra): ConceptMatch[] {
  const base = m.matches(text);
  if (extra.size === 0) return base;
  const view = m.view(text);
  const more: ConceptMatch[] = [];
  for (const [abbreviation, { id, type, label, xrefs }] of extra) {
    for (let at = view.indexOf(abbreviation); at !== -1; at = view.indexOf(abbreviation, at + 1)) {
      if (standsAlone(view, at, at + abbreviation.length)) more.push({ start: at, end: at + abbreviation.length, concept: { id, type, label, xrefs } });
    }
  }
  return more.length ? leftmostLongest([...base, ...more]) : base;
}

// "间充质干细胞(MSCs)", "类风湿关节炎(Rheumatoid Arthritis, RA)", "细胞松弛素B (CB)"
const definition = /[（(] {0,3}(?:([A-Za-z][A-Za-z '’-]{2,80}?) {0,3}[,，] {0,3})?[“"]?([A-Za-z][A-Za-z0-9-]{1,12})[”"]? {0,3}[）)]/gu;

/** Abbreviations the text defines that the lexicon does not know: abbreviation → concept. */
function definedAbbreviations(blocks: Block[], m: LexiconMatcher): Map<string, MatchedConcept & { at: number }> {
  const extra = new Map<string, MatchedConcept & { at: number }>();
  for (const block of blocks) {
    if (!/[(（]/u.test(block.text)) continue;
    const view = m.view(block.text);
    const mentions = m.matches(block.text);
    for (const d of view.matchAll(definition)) {
      const abbreviation = d[2]!;
      if (m.abbreviations.has(abbreviation) || extra.has(abbreviation)) continue;
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
    const blocks = doc.blocks.filter((b) => !referenceBlocks.has(b));
    const extra = options.abbreviationDefinitions ? definedAbbreviations(blocks, m) : new Map<string, MatchedConcept & { at: number }>();
    for (const [abbreviation, concept] of extra) {
      report('abbreviation-defined', `the article defines ${abbreviation} (${concept.label}); tagged as ${concept.id}`, { offset: concept.at });
    }
    const byId = new Map<string, Entity>();
    let unlocated = 0;
    const found: PlacedMention[] = [];
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
        found.push({ entity: c.concept.id, text, start, end: start + text.length });
        let entity = byId.get(c.concept.id);
        if (!entity) {
          entity = { id: c.concept.id, type: c.concept.type, label: c.concept.label, xrefs: [...c.concept.xrefs], mentions: [] };
          byId.set(entity.id, entity);
        }
        entity.mentions.push({ text, start, end: start + text.length });
      }
    }
    found.sort((a, b) => a.start - b.start);
    // Journals the link stage named: tagged where the item writes them, as journal concepts.
    const spans: JournalSpan[] = [];
    for (const section of doc.sections) {
      for (const item of section.items) {
        if (!item.journal || !item.journalText) continue;
        const from = doc.lines.offset(item.position.start);
        const at = doc.text.indexOf(item.journalText, from);
        const to = doc.lines.offset(item.position.end);
        if (at === -1 || at + item.journalText.length > to) continue;
        spans.push({ entity: `journal:${slugify(item.journal, 80)}`, journal: item.journal, text: item.journalText, start: at, end: at + item.journalText.length });
      }
    }
    const { mentions, removed, placed } = placeJournals(found, spans);
    for (const [owner, starts] of removed) {
      const entity = byId.get(owner)!;
      entity.mentions = entity.mentions.filter((y) => !starts.has(y.start));
      if (entity.mentions.length === 0) byId.delete(owner);
    }
    for (const span of placed) {
      let entity = byId.get(span.entity);
      if (!entity) {
        const journal = data.journals.find(span.journal);
        entity = { id: span.entity, type: 'journal', label: span.journal, xrefs: (journal?.issn ?? []).map((n) => `ISSN:${n}`), mentions: [] };
        byId.set(span.entity, entity);
      }
      entity.mentions.push({ text: span.text, start: span.start, end: span.end });
    }
    for (const entity of byId.values()) entity.mentions.sort((a, b) => a.start - b.start);
    if (unlocated > 0) report('mention-unlocated', `${unlocated} mention(s) split by markup could not be placed in the source and were left out`);
    doc.entities = [...byId.values()].sort((a, b) => a.mentions[0]!.start - b.mentions[0]!.start || (a.id < b.id ? -1 : 1));
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
