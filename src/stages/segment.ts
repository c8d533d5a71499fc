import type { Item, Section } from '../generated/article.js';
import { segmentDefaults } from '../generated/stage-defaults.js';
import { monthOf, type CompiledStructure } from '../core/data.js';
import type { Block, DigestDocument } from '../core/document.js';
import { defineStage, type StageContext } from '../core/stage.js';
import { foldWidth } from '../core/text.js';
import { listAfterHeading } from '../refs/split.js';

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

function monthNumber(groups: Record<string, string | undefined>, s: CompiledStructure): number | null {
  return monthOf(groups.month, groups.monthName, s);
}

/** The months a range heading declares ("2025年1-12月…", "January – December 2025"), if its numbers make sense. */
export function declaredRange(text: string, s: CompiledStructure): { year: number; from: number; to: number } | null {
  const folded = foldWidth(text);
  for (const r of s.rangeHeadings) {
    const groups = r.exec(folded)?.groups;
    if (!groups?.year) continue;
    const from = monthOf(groups.from, groups.fromName, s);
    const to = monthOf(groups.to, groups.toName, s);
    if (from && to && from >= 1 && to <= 12 && from <= to) return { year: Number(groups.year), from, to };
  }
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
  if (!short || s.citationMarker.test(text) || (sentenceEnd.test(text) && !markup)) return { role: 'body' };
  for (const r of s.monthHeadings) {
    const m = r.exec(text);
    if (m?.groups) {
      const month = monthNumber(m.groups, s);
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
  /** Years to add to the section's year ("去年" → -1), or null when the date says nothing relative. */
  relativeYear: number | null;
  length: number;
}

/** Parses the date an item opens with ("3月5日,", "5月初,", "10月,", "On 5 March,"), if any. */
export function leadingDate(text: string, s: CompiledStructure): ItemDate | null {
  // A date opens an item within its first few dozen characters; patterns never see more.
  const folded = foldWidth(text.slice(0, 60));
  for (const r of s.itemDates) {
    const m = r.exec(folded);
    if (!m?.groups) continue;
    const month = monthNumber(m.groups, s);
    if (!month || month < 1 || month > 12) continue;
    const day = m.groups.day ? Number(m.groups.day) : null;
    if (day !== null && (day < 1 || day > 31)) continue;
    const said = m.groups.relative;
    const relative = said ? (Object.entries(s.relativeYears).find(([word]) => said.startsWith(word))?.[1] ?? 0) : null;
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
      if (date.relativeYear !== null && date.year === null) year += date.relativeYear;
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
    } else if (undated || (current === null && section.kind === 'month' && (s.citationMarker.test(block.text) || /《[^《》]{1,200}》/u.test(block.text)))) {
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
    doc.itemBlocks.set(item, blocks);
  }
  section.items = items.map((i) => i.item);
  if (prose.length > 0) section.text = prose.map((b) => b.text).join('\n');
}

/**
 * segment: blocks → title, intro, month sections with dated items, summary / outlook /
 * conclusion, other sections, the reference-list blocks, and trailing boilerplate.
 */
export const segment = defineStage({
  name: 'segment',
  description: 'Split the body into intro, month sections with dated items, closing sections, reference list and boilerplate.',
  needs: ['blocks'],
  provides: ['sections', 'items', 'itemBlocks', 'referenceBlocks'],
  rules: {
    'no-month-sections': {
      severity: 'warning',
      description: 'No block reads as a month heading.',
      example: 'an article with no heading such as "2025年3月…" or "March 2025"',
    },
    'month-out-of-order': {
      severity: 'warning',
      description: 'A month section comes after the section of a later month.',
      example: 'a 2025-02 section after the 2025-03 one',
    },
    'month-duplicate': {
      severity: 'warning',
      description: 'A month has a second section.',
      example: 'two "2025年3月…" headings',
    },
    'month-missing': {
      severity: 'info',
      description: 'A month within the period the article covers (its declared range, else its first to last month) has no section; the record lists them in missingMonths.',
      example: 'sections for 2025-01 and 2025-03 only',
    },
    'item-month-mismatch': {
      severity: 'warning',
      description: 'An item’s date is not in the month of the section it sits under.',
      example: 'an item dated 2月20日 under the 2025年3月 heading',
    },
    'item-undated': {
      severity: 'warning',
      description: 'An item under a month heading has no date of its own; it is dated to the heading’s month.',
      example: 'an item opening with 近日, under a month heading',
    },
    'item-date-invalid': {
      severity: 'warning',
      description: 'An item’s date is not a calendar date; it is kept at month precision.',
      example: '2月30日',
    },
    'structure-other': {
      severity: 'info',
      description: 'A heading is a year, outline or free-form heading; it becomes a section of kind other.',
      example: '一、研究背景',
    },
    'boilerplate-removed': {
      severity: 'info',
      description: 'A disclaimer, QR-code line or site chrome line was kept out of the body (it is in the record’s boilerplate).',
      example: '免责说明：…',
    },
    'no-reference-list': {
      severity: 'warning',
      description: 'No reference-list heading was found.',
      example: 'an article without 参考资料 / 参考文献 / References',
    },
  },
  defaults: segmentDefaults,
  run(doc, { data, report }) {
    const s = data.structure;
    const drafts: Draft[] = [];
    let current: Draft | null = null;
    let inReferences = false;
    let declared: { year: number; from: number; to: number; block: Block } | null = null;
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
          const months = declaredRange(block.text, s);
          if (months) declared = { ...months, block };
          doc.title ??= block.text;
          current = open({ kind: 'other', heading: block.text, position: range(block), items: [] }, block, months?.year ?? null);
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
      report('no-month-sections', `no month headings found (expected e.g. "${s.messageExamples.monthHeading}" or "March 2025")`);
    }
    const seen = new Map<string, Block>();
    let previous = '';
    for (const d of months) {
      const month = d.section.month!;
      const at = { offset: d.heading!.start, end: d.heading!.end };
      if (seen.has(month)) report('month-duplicate', `month ${month} has a second section`, at);
      else if (month < previous) {
        report('month-out-of-order', `month ${month} comes after ${previous}`, at);
        doc.outOfOrderMonths.push(month);
      }
      seen.set(month, d.heading!);
      if (month > previous) previous = month;
    }
    if (months.length > 0) {
      const sorted = [...seen.keys()].sort();
      doc.period = { start: sorted[0]!, end: sorted[sorted.length - 1]! };
      const expected: string[] = [];
      const from = declared ? `${declared.year}-${pad(declared.from)}` : sorted[0]!;
      const to = declared ? `${declared.year}-${pad(declared.to)}` : sorted[sorted.length - 1]!;
      for (let y = Number(from.slice(0, 4)), m = Number(from.slice(5)); `${y}-${pad(m)}` <= to; m === 12 ? ((m = 1), y++) : m++) {
        expected.push(`${y}-${pad(m)}`);
      }
      const missing = expected.filter((m) => !seen.has(m));
      doc.missingMonths = missing;
      if (missing.length > 0) {
        const anchor = declared?.block ?? months[0]!.heading!;
        report('month-missing', `no section for ${missing.join(', ')} (covering ${from} to ${to})`, { offset: anchor.start, end: anchor.end });
      }
    }
    if (!inReferences) report('no-reference-list', `no reference list heading (${s.messageExamples.referenceHeading}) found`);
  },
});
