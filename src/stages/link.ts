import type { Item } from '../generated/article.js';
import { linkDefaults } from '../generated/stage-defaults.js';
import { JournalIndex, type CompiledStructure, type Journal } from '../core/data.js';
import type { Block, DigestDocument } from '../core/document.js';
import { defineStage } from '../core/stage.js';
import { foldWidth } from '../core/text.js';

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

interface JournalGuess {
  text: string;
  journal: Journal | undefined;
  index: number;
}

/**
 * Finds the journal an item names: the first 《…》 or “…” that the journal table knows; else
 * a bracketed name the wording marks as a journal ("在《X》上", "期刊《X》"); else a known
 * English name written bare. Returns the paper title too: the first other 《…》 / “…”.
 */
export function findJournal(lead: string, journals: JournalIndex, cues: CompiledStructure['journalCues']): { journal: JournalGuess | null; title: string | null } {
  const quoted: { text: string; index: number; end: number }[] = [];
  for (const m of lead.matchAll(/《([^《》]{1,200})》|“([^“”]{1,200})”|「([^「」]{1,200})」/gu)) {
    quoted.push({ text: (m[1] ?? m[2] ?? m[3]!).trim(), index: m.index, end: m.index + m[0].length });
  }
  let found: JournalGuess | null = null;
  for (const q of quoted) {
    const journal = journals.find(q.text);
    if (journal) {
      found = { text: q.text, journal, index: q.index };
      break;
    }
  }
  if (!found) {
    for (const q of quoted) {
      if (!lead.startsWith('《', q.index)) continue;
      if (cues.after.test(lead.slice(q.end)) || cues.before.test(lead.slice(Math.max(0, q.index - 4), q.index))) {
        found = { text: q.text, journal: undefined, index: q.index };
        break;
      }
    }
  }
  if (!found) {
    for (const { journal, pattern } of journals.bareNames) {
      const m = pattern.exec(lead);
      if (m && (!found || m.index < found.index)) found = { text: m[0], journal, index: m.index };
    }
  }
  const title = quoted.find((q) => q.text !== found?.text && !journals.find(q.text) && q.text.length >= 4)?.text ?? null;
  return { journal: found, title };
}

/**
 * link: citation markers → reference ids, the item's journal → its canonical English name,
 * and the checks between them (unknown markers, uncited references, journal disagreement).
 */
export const link = defineStage({
  name: 'link',
  description: 'Link citation markers to references and name each item’s journal through the journal table.',
  needs: ['items', 'itemBlocks', 'references'],
  provides: ['citations', 'journals'],
  rules: {
    'citation-unresolved': {
      severity: 'warning',
      description: 'A citation marker names a number the reference list does not have.',
      example: '…的研究[12]。 with a reference list of 10 entries',
    },
    'reference-uncited': {
      severity: 'warning',
      description: 'A reference is never cited in the text.',
      example: 'reference [7] with no [7] marker anywhere',
    },
    'item-uncited': {
      severity: 'info',
      description: 'An item cites no reference although the article has a reference list.',
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
    'journal-mismatch': {
      severity: 'warning',
      description: 'An item names one journal and the reference it cites is in another.',
      example: 'an item in 《干细胞研究与治疗》 citing a reference in Front Immunol',
    },
    'item-no-journal': {
      severity: 'info',
      description: 'An item names no journal.',
      example: '3月5日，某团队宣布…',
    },
  },
  defaults: linkDefaults,
  run(doc, { data, report }) {
    const byId = new Map(doc.references.map((r) => [r.id, r]));
    const cited = new Set<string>();
    for (const section of doc.sections) {
      for (const item of section.items) {
        const itemStart = doc.lines.offset(item.position.start);
        const ids: string[] = [];
        for (const m of foldWidth(item.text).matchAll(data.structure.citationMarkers)) {
          const at = sourceOffset(doc, item, m.index, itemStart);
          for (const n of expandCitation(m.groups!.numbers!)) {
            const id = `ref-${n}`;
            if (!byId.has(id)) {
              report('citation-unresolved', `citation [${n}] has no entry in the reference list`, { offset: at, end: at + m[0].length });
              continue;
            }
            if (!ids.includes(id)) ids.push(id);
            cited.add(id);
          }
        }
        item.citations = ids;
        if (ids.length === 0 && doc.references.length > 0) report('item-uncited', `item of ${item.date} cites no reference`, { offset: itemStart });

        const lead = item.text.split('\n', 1)[0]!;
        const { journal, title } = findJournal(lead, data.journals, data.structure.journalCues);
        item.journalText = journal?.text ?? null;
        item.paperTitle = title;
        if (!journal) {
          item.journal = null;
          report('item-no-journal', `item of ${item.date} names no journal`, { offset: itemStart });
        } else if (journal.journal?.publisher) {
          item.journal = null;
          report('journal-is-publisher', `"${journal.text}" is a publisher, not a journal`, { offset: sourceOffset(doc, item, journal.index, itemStart) });
        } else if (!journal.journal) {
          item.journal = null;
          report('journal-unknown', `journal "${journal.text}" is not in the journal table (pipelines/data/journals.json)`, { offset: sourceOffset(doc, item, journal.index, itemStart) });
        } else {
          item.journal = journal.journal.name;
        }
        if (item.journal) {
          for (const id of ids) {
            const container = byId.get(id)!.csl['container-title'];
            if (typeof container !== 'string') continue;
            const refJournal = data.journals.find(container);
            const agrees = refJournal ? refJournal.name === item.journal : JournalIndex.key(container) === JournalIndex.key(item.journal);
            if (!agrees) {
              report('journal-mismatch', `item names ${item.journal} but its reference [${id.slice(4)}] is in ${container}`, { offset: sourceOffset(doc, item, journal!.index, itemStart) });
            }
          }
        }
      }
    }
    for (const reference of doc.references) {
      if (!cited.has(reference.id)) {
        const at = doc.lines.offset(reference.position.start);
        report('reference-uncited', `reference [${reference.number}] is never cited in the text`, { offset: at });
      }
    }
  },
});
