import type { Item, Section } from '../generated/article.js';
import type { CompiledStructure } from '../core/data.js';
import type { Block, DigestDocument } from '../core/document.js';
import { defineStage, type StageContext } from '../core/stage.js';
import { foldWidth } from '../core/text.js';
import { listAfterHeading } from '../refs/split.js';

const monthNames: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
};

/** What one block is, structurally. */
export type BlockRole =
  | { role: 'month'; year: number; month: number }
  | { role: 'range' }
  | { role: 'summary' | 'outlook' | 'conclusion' }
  | { role: 'year'; year: number }
  | { role: 'outline' }
  | { role: 'heading' }
  | { role: 'references'; withList?: boolean }
  | { role: 'boilerplate'; kind: 'disclaimer' | 'qr-code' | 'other' }
  | { role: 'body' };

const sentenceEnd = /[。！？!?；;]$|[。.!?]["”’)]?$/u;
const citationMarker = /[[［【]\s*\d{1,3}(?:\s*[-–,，、]\s*\d{1,3})*\s*[\]］】]/u;

function monthNumber(groups: Record<string, string | undefined>): number | null {
  if (groups.month) return Number(groups.month);
  if (groups.monthName) return monthNames[groups.monthName.toLowerCase().replace(/\.$/, '')] ?? null;
  return null;
}

/** Classifies a block: a kind of heading, the reference-list heading, boilerplate, or body text. */
export function classifyBlock(block: Block, s: CompiledStructure): BlockRole {
  const text = foldWidth(block.text).trim();
  const short = text.length <= s.maxHeadingLength;
  if (short && s.referenceHeadings.some((r) => r.test(text))) return { role: 'references' };
  // "参考文献[1]Smith…": the heading and the first entry on one line; the list starts in this block.
  if (listAfterHeading(text, s.referenceHeadings) > 0) return { role: 'references', withList: true };
  const head = text.slice(0, 200);
  for (const kind of ['disclaimer', 'qr-code', 'other'] as const) {
    if (s.boilerplate[kind].some((r) => r.test(head))) return { role: 'boilerplate', kind };
  }
  const markup = block.kind === 'heading' || block.strong === true;
  if (!short || citationMarker.test(text) || (sentenceEnd.test(text) && !markup)) return { role: 'body' };
  for (const r of s.monthHeadings) {
    const m = r.exec(text);
    if (m?.groups) {
      const month = monthNumber(m.groups);
      const year = Number(m.groups.year);
      if (month && month >= 1 && month <= 12 && year >= 1900 && year <= 2999) return { role: 'month', year, month };
    }
  }
  if (s.rangeHeadings.some((r) => r.test(text))) return { role: 'range' };
  for (const kind of ['summary', 'outlook', 'conclusion'] as const) {
    if (s.sectionKeywords[kind].some((k) => (typeof k === 'string' ? text.includes(k) : k.test(text)))) {
      return { role: kind };
    }
  }
  for (const r of s.yearHeadings) {
    const m = r.exec(text);
    if (m?.groups?.year && !/[,，]/.test(text)) return { role: 'year', year: Number(m.groups.year) };
  }
  if (s.outlineHeadings.some((r) => r.test(text))) return { role: 'outline' };
  if (markup && text.length <= 60) return { role: 'heading' };
  return { role: 'body' };
}

/** A date that opens an item. */
export interface ItemDate {
  year: number | null;
  month: number;
  day: number | null;
  relativeYear: -1 | 0 | null;
  length: number;
}

/** Parses the date an item opens with ("3月5日,", "5月初,", "10月,", "On 5 March,"), if any. */
export function leadingDate(text: string, s: CompiledStructure): ItemDate | null {
  // A date opens an item within its first few dozen characters; patterns never see more.
  const folded = foldWidth(text.slice(0, 60));
  for (const r of s.itemDates) {
    const m = r.exec(folded);
    if (!m?.groups) continue;
    const month = monthNumber(m.groups);
    if (!month || month < 1 || month > 12) continue;
    const day = m.groups.day ? Number(m.groups.day) : null;
    if (day !== null && (day < 1 || day > 31)) continue;
    const relative = m.groups.relative ? (m.groups.relative.startsWith('去') ? -1 : 0) : null;
    return { year: m.groups.year ? Number(m.groups.year) : null, month, day, relativeYear: relative, length: m[0].length };
  }
  return null;
}

const pad = (n: number) => String(n).padStart(2, '0');

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

interface Draft {
  section: Section;
  heading: Block | null;
  year: number | null;
  body: Block[];
}

type Report = StageContext<object>['report'];

function buildItems(draft: Draft, doc: DigestDocument, s: CompiledStructure, report: Report): void {
  const { section } = draft;
  const items: { item: Item; blocks: Block[] }[] = [];
  const prose: Block[] = [];
  let current: { item: Item; blocks: Block[] } | null = null;
  const sectionMonth = section.month ? Number(section.month.slice(5)) : null;

  for (const block of draft.body) {
    const date = leadingDate(block.text, s);
    const undated = !date && section.kind === 'month' && s.undatedItemStarts.some((r) => r.test(foldWidth(block.text.slice(0, 60))));
    if (date && (draft.year !== null || date.year !== null)) {
      let year = date.year ?? draft.year!;
      if (date.relativeYear === -1 && date.year === null) year -= 1;
      let day = date.day;
      if (day !== null && day > daysIn(year, date.month)) {
        report('item-date-invalid', `${year}-${pad(date.month)}-${pad(day)} is not a calendar date; kept at month precision`, { offset: block.start, end: block.start + date.length });
        day = null;
      }
      const item: Item = {
        date: day !== null ? `${year}-${pad(date.month)}-${pad(day)}` : `${year}-${pad(date.month)}`,
        datePrecision: day !== null ? 'day' : 'month',
        text: '',
        citations: [],
        journal: null,
        journalText: null,
        paperTitle: null,
        paperTitleEn: null,
        position: doc.lines.range(block.start, block.end),
        entities: [],
      };
      if (section.kind === 'month' && sectionMonth !== null && (date.month !== sectionMonth || (date.year !== null && `${date.year}-${pad(date.month)}` !== section.month))) {
        report('item-month-mismatch', `item dated ${item.date} sits under the ${section.month} heading`, { offset: block.start, end: block.start + date.length });
      }
      current = { item, blocks: [block] };
      items.push(current);
    } else if (undated || (current === null && section.kind === 'month' && (citationMarker.test(block.text) || /《[^《》]{1,200}》/u.test(block.text)))) {
      const item: Item = {
        date: section.month!,
        datePrecision: 'month',
        text: '',
        citations: [],
        journal: null,
        journalText: null,
        paperTitle: null,
        paperTitleEn: null,
        position: doc.lines.range(block.start, block.end),
        entities: [],
      };
      report('item-undated', `an item without a date of its own; dated ${section.month} from its heading`, { offset: block.start });
      current = { item, blocks: [block] };
      items.push(current);
    } else if (current) {
      current.blocks.push(block);
    } else {
      prose.push(block);
    }
  }
  for (const { item, blocks } of items) {
    item.text = blocks.map((b) => b.text).join('\n');
    const last = blocks[blocks.length - 1]!;
    item.position = doc.lines.range(blocks[0]!.start, last.end);
    itemBlocks.set(item, blocks);
  }
  section.items = items.map((i) => i.item);
  if (prose.length > 0) section.text = prose.map((b) => b.text).join('\n');
}

/** The blocks each item was built from (for later stages that need positions inside items). */
export const itemBlocks = new WeakMap<Item, Block[]>();

/**
 * segment: blocks → title, intro, month sections with dated items, summary / outlook /
 * conclusion, other sections, the reference-list blocks, and trailing boilerplate.
 */
export const segment = defineStage({
  name: 'segment',
  description: 'Split the body into intro, month sections with dated items, closing sections, reference list and boilerplate.',
  rules: {
    'no-month-sections': 'warning',
    'month-out-of-order': 'warning',
    'month-duplicate': 'warning',
    'month-missing': 'info',
    'item-month-mismatch': 'warning',
    'item-undated': 'warning',
    'item-date-invalid': 'warning',
    'structure-other': 'info',
    'boilerplate-removed': 'info',
    'no-reference-list': 'warning',
  },
  defaults: {},
  run(doc, { data, report }) {
    const s = data.structure;
    const drafts: Draft[] = [];
    let current: Draft | null = null;
    let inReferences = false;
    let declaredRange: { year: number; from: number; to: number; block: Block } | null = null;
    let blocks = doc.blocks;

    // A leading markup heading that repeats the page title is the title, not a section.
    const first = blocks[0];
    if (first && first.kind === 'heading' && (first.level === 1 || (doc.title !== null && first.text === doc.title))) {
      const role = classifyBlock(first, s);
      if (role.role !== 'month') {
        doc.title = first.text;
        blocks = blocks.slice(1);
      }
    }

    const open = (section: Section, heading: Block | null, year: number | null): Draft => {
      const draft: Draft = { section, heading, year, body: [] };
      drafts.push(draft);
      return draft;
    };
    const range = (block: Block) => doc.lines.range(block.start, block.end);

    for (const block of blocks) {
      const role = classifyBlock(block, s);
      if (role.role === 'boilerplate') {
        doc.boilerplate.push({ kind: role.kind, text: block.text, position: range(block) });
        report('boilerplate-removed', `${role.kind} line kept out of the article body`, { offset: block.start, end: block.end });
        continue;
      }
      if (inReferences) {
        doc.referenceBlocks.push(block);
        continue;
      }
      switch (role.role) {
        case 'references':
          inReferences = true;
          if (role.withList) doc.referenceBlocks.push(block);
          break;
        case 'month':
          current = open({ kind: 'month', heading: block.text, month: `${role.year}-${pad(role.month)}`, position: range(block), items: [] }, block, role.year);
          break;
        case 'range': {
          const m = /(\d{4})\s*年\s*(\d{1,2})\s*月?\s*[-–—~至到]\s*(\d{1,2})\s*月/u.exec(foldWidth(block.text));
          if (m) declaredRange = { year: Number(m[1]), from: Number(m[2]), to: Number(m[3]), block };
          doc.title ??= block.text;
          current = open({ kind: 'other', heading: block.text, position: range(block), items: [] }, block, m ? Number(m[1]) : null);
          break;
        }
        case 'summary':
        case 'outlook':
        case 'conclusion':
          current = open({ kind: role.role, heading: block.text, position: range(block), items: [] }, block, null);
          break;
        case 'year':
        case 'outline':
        case 'heading': {
          const yearOf = role.role === 'year' ? role.year : (current?.year ?? null);
          report('structure-other', `"${block.text.slice(0, 40)}" is a ${role.role === 'year' ? 'year' : role.role === 'outline' ? 'numbered outline' : 'free-form'} heading: kept as a section of kind other`, { offset: block.start, end: block.end });
          current = open({ kind: 'other', heading: block.text, position: range(block), items: [] }, block, yearOf);
          break;
        }
        case 'body':
          current ??= open({ kind: 'intro', heading: null, position: range(block), items: [] }, null, null);
          current.body.push(block);
          break;
      }
    }

    for (const draft of drafts) {
      const last = draft.body[draft.body.length - 1] ?? draft.heading;
      const firstBlock = draft.heading ?? draft.body[0];
      if (firstBlock && last) draft.section.position = doc.lines.range(firstBlock.start, last.end);
      if (draft.section.kind === 'month' || draft.section.kind === 'other') buildItems(draft, doc, s, report);
      else if (draft.body.length > 0) draft.section.text = draft.body.map((b) => b.text).join('\n');
    }
    doc.sections = drafts.map((d) => d.section);

    const months = drafts.filter((d) => d.section.kind === 'month');
    if (months.length === 0) {
      report('no-month-sections', 'no month headings found (expected e.g. "2025年3月…最新临床进展" or "March 2025")');
    }
    const seen = new Map<string, Block>();
    let previous = '';
    for (const d of months) {
      const month = d.section.month!;
      const at = { offset: d.heading!.start, end: d.heading!.end };
      if (seen.has(month)) report('month-duplicate', `month ${month} has a second section`, at);
      else if (month < previous) report('month-out-of-order', `month ${month} comes after ${previous}`, at);
      seen.set(month, d.heading!);
      if (month > previous) previous = month;
    }
    if (months.length > 0) {
      const sorted = [...seen.keys()].sort();
      doc.period = { start: sorted[0]!, end: sorted[sorted.length - 1]! };
      const expected: string[] = [];
      const from = declaredRange ? `${declaredRange.year}-${pad(declaredRange.from)}` : sorted[0]!;
      const to = declaredRange ? `${declaredRange.year}-${pad(declaredRange.to)}` : sorted[sorted.length - 1]!;
      for (let y = Number(from.slice(0, 4)), m = Number(from.slice(5)); `${y}-${pad(m)}` <= to; m === 12 ? ((m = 1), y++) : m++) {
        expected.push(`${y}-${pad(m)}`);
      }
      const missing = expected.filter((m) => !seen.has(m));
      if (missing.length > 0) {
        const anchor = declaredRange?.block ?? months[0]!.heading!;
        report('month-missing', `no section for ${missing.join(', ')} (covering ${from} to ${to})`, { offset: anchor.start, end: anchor.end });
      }
    }
    if (!inReferences) report('no-reference-list', 'no reference list heading (参考资料 / 参考文献 / References) found');
  },
});
