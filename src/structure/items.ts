import type { Item, Section } from '../generated/article.js';
import type { CompiledStructure } from '../core/data.js';
import type { At, Block, DigestDocument } from '../core/document.js';
import { foldedOf, joinedOf, matchesOf } from '../core/text.js';
import { flattenedMarkers, superscriptMarkers } from '../refs/superscripts.js';
import { SourceLocator, subBlock, type BoilerplateKind } from './blocks.js';
import { calendarDate, dayBefore, daysIn, firstSentence, leadingDateFolded, monthDayBefore, openingYear, pad, recentIn, relativeDay, todayIn, type ItemDate } from './dates.js';

/** A section being built: its record object, its heading block, the year it dates items with, its body. */
export interface Draft {
  section: Section;
  heading: Block | null;
  /** The year a month, year or range heading gives (an outline heading inherits the one before). */
  year: number | null;
  body: Block[];
}

/** The rules readSection reports (declared by the segment stage). */
type ItemRule = 'item-month-mismatch' | 'item-undated' | 'item-date-invalid' | 'date-relative' | 'date-without-year';

/** What building items needs from the page: the document, the data, where to report, and the dates around. */
export interface ItemContext {
  doc: DigestDocument;
  s: CompiledStructure;
  report(rule: ItemRule, message: string, at: At): void;
  /** Keeps a block out of the body as boilerplate. */
  drop(kind: BoilerplateKind, block: Block): void;
  /** The year the title names, when it names one year. */
  titleYear: number | null;
  /** The last year a dated paragraph gave explicitly (or "2025年,…" opened with): later dates without a year take it. */
  runningYear: number | null;
  /** Items reported as item-month-mismatch (item-outside-period is not reported for them again). */
  mismatched: Set<Item>;
}

/** An item under construction and the blocks it is made of. */
interface Built {
  item: Item;
  blocks: Block[];
}

function newItem(date: string, precision: 'day' | 'month', block: Block, doc: DigestDocument): Item {
  return {
    date,
    datePrecision: precision,
    text: '',
    citations: [],
    journal: null,
    journalText: null,
    paperTitle: null,
    paperTitleEn: null,
    position: doc.lines.range(block.start, block.end),
    entities: [],
  };
}

/** The year of a date, and what it was read against when the text did not say it. */
function yearOf(date: ItemDate, draft: Draft, ctx: ItemContext): { year: number; against: string | null } | null {
  const page = ctx.doc.pageDate;
  if (date.year !== null) return { year: date.year, against: null };
  if (date.relativeYear !== null) {
    if (page) return { year: Number(page.slice(0, 4)) + date.relativeYear, against: `against the page date ${page}` };
    const base = draft.year ?? ctx.runningYear ?? ctx.titleYear;
    return base === null ? null : { year: base + date.relativeYear, against: `against the year ${base} of its heading or text` };
  }
  const known = draft.year ?? ctx.runningYear;
  if (known !== null) return { year: known, against: null };
  if (page) return { year: Number(page.slice(0, 4)), against: `the year of the page date ${page}` };
  return ctx.titleYear === null ? null : { year: ctx.titleYear, against: null };
}

/** The quoted titles (《…》, “…”, at least 4 characters) of a text: a paragraph repeating one is a photo caption. */
export function quotedTitles(text: string): string[] {
  // Most paragraphs quote nothing: the pattern runs only where a quotation opens.
  if (!text.includes('《') && !text.includes('“')) return [];
  return matchesOf(text, /《([^《》]{4,200})》|“([^“”]{4,200})”/gu).map((m) => (m[1] ?? m[2]!).trim());
}

/**
 * Where a paragraph splits because a date opens a new item in the middle of a line, after a
 * sentence end ("…相近。７月３０日，英国研究者…"): the text indices where each new item starts.
 */
function splitPoints(block: Block, draft: Draft, ctx: ItemContext): number[] {
  const folded = foldedOf(block, ctx.doc.folded);
  const points: number[] = [];
  // Indexed loops in this file's per-block readers: a `for … of` in baseline code allocates an
  // iterator a loop and an iterator result a step (BENCHMARKS.md, "loops without iterators").
  const breaks = matchesOf(folded, ctx.s.sentenceBreak);
  for (let k = 0; k < breaks.length; k++) {
    const m = breaks[k]!;
    const at = m.index + m[0].length;
    if (at >= folded.length) break;
    const date = leadingDateFolded(folded.slice(at, at + 60), ctx.s);
    if (date) {
      if (yearOf(date, draft, ctx) !== null) points.push(at);
    } else if (undatedEvent(folded, at, k + 1 < breaks.length ? breaks[k + 1]!.index : folded.length, draft, ctx)) points.push(at);
  }
  return points;
}

/**
 * Whether the sentence of `folded` from `at` to `end` opens undated ("近期,…") and reports an event
 * (an event verb: "…的科研突破。近期,国际医学期刊《X》发表了…"), on a page whose date dates it and
 * outside a month section (whose heading dates its items): such a sentence opens an item of its own
 * as a paragraph opening so would, wherever in the paragraph it stands.
 */
function undatedEvent(folded: string, at: number, end: number, draft: Draft, ctx: ItemContext): boolean {
  if (ctx.doc.pageDate === null || draft.section.kind === 'month') return false;
  const head = folded.slice(at, at + 60);
  const sentence = folded.slice(at, end);
  if (ctx.s.groups['/undatedItemStarts'].test(head)) return ctx.s.eventVerbs.test(sentence);
  // "…打破!美國某醫學院近日發表於《X》…": the word inside the sentence dates it as an opening "近日," would.
  return recentIn(sentence, ctx.s) !== null;
}

/**
 * Opens an item at a block that starts with a date, or that reports an event on a day relative
 * to the page date ("…团队于14日在《X》上发表…"), or that opens undated ("近日,…") where the
 * page date or the month heading dates it. Returns null when the block opens no item.
 */
function openItem(block: Block, draft: Draft, current: Built | null, ctx: ItemContext): Built | null {
  const { doc, s, report } = ctx;
  const { section } = draft;
  const text = block.text;
  // The block's folded text (doc.folded): its date, head and first sentence are read in it, not folded again.
  const folded = foldedOf(block, doc.folded);
  const date = leadingDateFolded(folded, s);
  if (date) {
    const year = yearOf(date, draft, ctx);
    const written = text.slice(0, date.length).trim();
    if (year === null) {
      report('date-without-year', `"${written}" gives no year, and neither its heading, the page date nor the title does: not read as an item`, { offset: block.start, end: block.start + date.length });
      return null;
    }
    if (date.year !== null) ctx.runningYear = date.year;
    let day = date.day;
    if (day !== null && day > daysIn(year.year, date.month)) {
      report('item-date-invalid', `${year.year}-${pad(date.month)}-${pad(day)} is not a calendar date; kept at month precision`, { offset: block.start, end: block.start + date.length });
      day = null;
    }
    const value = day !== null ? `${year.year}-${pad(date.month)}-${pad(day)}` : `${year.year}-${pad(date.month)}`;
    const item = newItem(value, day !== null ? 'day' : 'month', block, doc);
    if (year.against) report('date-relative', `"${written}" read as ${value} (${year.against})`, { offset: block.start, end: block.start + date.length });
    if (section.kind === 'month' && section.month && value.slice(0, 7) !== section.month) {
      report('item-month-mismatch', `item dated ${item.date} sits under the ${section.month} heading`, { offset: block.start, end: block.start + date.length });
      ctx.mismatched.add(item);
    }
    return { item, blocks: [block] };
  }
  const head = folded.slice(0, 60);
  // A loop, not `map(…).find(…)` (closures made per block; BENCHMARKS.md, change 64): the first match,
  // among the patterns the group's pre-tests let through (src/core/pattern-group.ts).
  let undated: RegExpExecArray | null = null;
  const starts = s.groups['/undatedItemStarts'];
  const list = starts.candidates(head);
  for (let i = 0; i < list.length && undated === null; i++) undated = starts.exec(list[i]!, head);
  const page = doc.pageDate;
  const relative = relativeDay(folded, s);
  if (relative && relative.year !== null && relative.month !== null) {
    // A full date inside the first sentence ("团队于2025年5月11日宣布…"): as written, no page date needed.
    const value = calendarDate(relative.year, relative.month, relative.day);
    if (value) return { item: newItem(value, 'day', block, doc), blocks: [block] };
  }
  if (page) {
    const value = !relative || relative.year !== null ? null : relative.month !== null ? monthDayBefore(page, relative.month, relative.day) : dayBefore(page, relative.day);
    if (relative && value) {
      const at = { offset: new SourceLocator(doc, block).at(relative.index, text.slice(relative.index, relative.index + relative.length)) };
      report('date-relative', `"${text.slice(relative.index, relative.index + relative.length)}" read as ${value} (the day before or on the page date ${page})`, { ...at, end: at.offset + relative.length });
      return { item: newItem(value, 'day', block, doc), blocks: [block] };
    }
    // "… today announced the publication …" under a wire's dateline: the event is the page date's.
    const today = s.todayWords && section.kind !== 'month' ? todayIn(folded, s) : null;
    if (today) {
      const at = { offset: new SourceLocator(doc, block).at(today.index, text.slice(today.index, today.index + today.length)) };
      report('date-relative', `"${text.slice(today.index, today.index + today.length)}" read as ${page} (the page date)`, { ...at, end: at.offset + today.length });
      return { item: newItem(page, 'day', block, doc), blocks: [block] };
    }
    if (undated && section.kind !== 'month') {
      const value = page.slice(0, 7);
      let length = undated[0].length;
      while (length > 0 && /[\s,，:：]/u.test(text[length - 1]!)) length--;
      const word = text.slice(0, length);
      report('date-relative', `"${word}" read as ${value} (the month of the page date ${page})`, { offset: block.start, end: block.start + word.length });
      return { item: newItem(value, 'month', block, doc), blocks: [block] };
    }
    // "…的科学家近日在《自然》发表研究": the word inside the first sentence dates the event as "近日," opening it would.
    const recent = undated || section.kind === 'month' ? null : recentIn(firstSentence(folded), s);
    if (recent) {
      const value = page.slice(0, 7);
      const word = text.slice(recent.index, recent.index + recent.length);
      const at = { offset: new SourceLocator(doc, block).at(recent.index, word) };
      report('date-relative', `"${word}" read as ${value} (the month of the page date ${page})`, { ...at, end: at.offset + recent.length });
      return { item: newItem(value, 'month', block, doc), blocks: [block] };
    }
  }
  if (section.kind === 'month' && (undated || (current === null && (s.citationMarker.test(text) || /《[^《》]{1,200}》/u.test(text))))) {
    report('item-undated', `an item without a date of its own; dated ${section.month} from its heading`, { offset: block.start });
    return { item: newItem(section.month!, 'month', block, doc), blocks: [block] };
  }
  return null;
}

/** Citation markers in a prose block, located for the link stage (the document's citationMarkers). */
function locateMarkers(block: Block, ctx: ItemContext): void {
  const locator = new SourceLocator(ctx.doc, block);
  const markers = matchesOf(foldedOf(block, ctx.doc.folded), ctx.s.citationMarkers);
  for (let k = 0; k < markers.length; k++) {
    const m = markers[k]!;
    const text = block.text.slice(m.index, m.index + m[0].length);
    const start = locator.at(m.index, text);
    ctx.doc.citationMarkers.push({ text, start, end: start + text.length });
  }
  // Superscripts ("cells.<sup>1</sup>", "shown¹²"): link counts one only where the list names its numbers, unless it is a footnote link.
  const sups = superscriptMarkers(block);
  // Digits a copy flattened ("cells.1 In"), read only on a page with a reference list: link counts one only in the list's order.
  const flats = ctx.doc.referenceBlocks.length > 0 ? flattenedMarkers(block) : [];
  if (sups.length === 0 && flats.length === 0) return;
  const from = ctx.doc.citationMarkers.length - markers.length;
  const placer = new SourceLocator(ctx.doc, block);
  for (const sup of sups) {
    const start = sup.source ?? placer.at(sup.index, sup.text);
    ctx.doc.citationMarkers.push({ text: sup.text, start, end: start + sup.text.length, numbers: sup.numbers, weak: !sup.linked });
  }
  const flatPlacer = new SourceLocator(ctx.doc, block);
  for (const flat of flats) {
    // Placed by the word it is glued to and itself: its digits alone may stand earlier in the markup.
    const word = flatPlacer.at(flat.word, block.text.slice(flat.word, flat.end));
    const start = word === block.start && !block.exact ? word : word + (flat.index - flat.word);
    ctx.doc.citationMarkers.push({ text: flat.text, start, end: start + flat.text.length, numbers: flat.numbers, weak: true, flat: !flat.named });
  }
  // (In text order with the block's bracketed markers.)
  if (markers.length > 0 || (sups.length > 0 && flats.length > 0)) ctx.doc.citationMarkers.splice(from, Infinity, ...ctx.doc.citationMarkers.slice(from).sort((a, b) => a.start - b.start));
}

/** One piece of a section's body, in order: an item's opening paragraph, or a paragraph that opens none. */
type Piece = { opens: Built } | { block: Block; lead: boolean };

/** A section read into pieces: what assembleItems needs once the page kind is known. */
export interface ReadSection {
  draft: Draft;
  pieces: Piece[];
}

/**
 * Reads a section's body: every paragraph (or sentence after a full stop) that opens with a date
 * opens an item, wherever the section stands. The items are on the section at once (with their opening
 * paragraph as their text, so the page kind can be read); assembleItems decides where the
 * other paragraphs go.
 */
export function readSection(draft: Draft, ctx: ItemContext): ReadSection {
  const pieces: Piece[] = [];
  let current: Built | null = null;
  const body = draft.body;
  for (let b = 0; b < body.length; b++) {
    const block = body[b]!;
    const opening = openingYear(foldedOf(block, ctx.doc.folded), ctx.s);
    if (opening !== null) ctx.runningYear = opening;
    const points = splitPoints(block, draft, ctx);
    const bounds = [0, ...points, block.text.length];
    const locator = new SourceLocator(ctx.doc, block);
    for (let i = 0; i + 1 < bounds.length; i++) {
      const piece = points.length === 0 ? block : subBlock(ctx.doc, block, bounds[i]!, bounds[i + 1]!, locator);
      const opened = openItem(piece, draft, current, ctx);
      if (opened) {
        current = opened;
        pieces.push({ opens: opened });
      } else {
        // The sentence before an item that opens mid-line leads into it: never the item above's.
        const lead = i === 0 && points.length > 0;
        if (lead) current = null;
        pieces.push({ block: piece, lead });
      }
    }
  }
  draft.section.items = [];
  for (let k = 0; k < pieces.length; k++) {
    const p = pieces[k]!;
    if ('opens' in p) draft.section.items.push(p.opens.item);
  }
  for (let k = 0; k < pieces.length; k++) {
    const p = pieces[k]!;
    if ('opens' in p) ctx.doc.itemBlocks.set(p.opens.item, p.opens.blocks);
  }
  return { draft, pieces };
}

/**
 * How far an item reaches beyond its opening paragraph: to the next item (a digest's items run
 * on, "该研究显示…" belongs to the study above), to a paragraph that sums up ("总体来看,…", a
 * roundup's closing words), or nowhere (a news item's later paragraphs are the page's commentary).
 */
export type ItemReach = 'next-item' | 'closing-words' | 'own-paragraph';

/** A block's text (what an item's and a section's texts join). */
function textOf(block: Block): string {
  return block.text;
}

/**
 * Assembles a section read by readSection: each item's text and blocks (and position), the
 * section's prose (what belongs to no item), and where the citation markers in that prose are
 * (the document's citationMarkers, which link resolves into the record's citations).
 */
export function assembleItems({ draft, pieces }: ReadSection, reach: ItemReach, ctx: ItemContext): void {
  const { section } = draft;
  const prose: Block[] = [];
  let current: Built | null = null;
  for (let k = 0; k < pieces.length; k++) {
    const piece = pieces[k]!;
    if ('opens' in piece) {
      current = piece.opens;
      continue;
    }
    const closes = reach === 'own-paragraph' || (reach === 'closing-words' && ctx.s.groups['/closingWords'].test(foldedOf(piece.block, ctx.doc.folded).slice(0, 20)));
    if (piece.lead || closes) current = null;
    if (current) current.blocks.push(piece.block);
    else prose.push(piece.block);
  }
  for (let k = 0; k < section.items.length; k++) {
    const item = section.items[k]!;
    const blocks = ctx.doc.itemBlocks.get(item)!;
    // Joined in a loop, not `map(…).join(…)`: the array V8's optimised `map` makes allows holes, another
    // map than the builtin's, and the `join` read it — `assembleItems` was thrown away the first time it
    // ran optimised, once for each of the two (issue 17: BENCHMARKS.md, "arrays made by map").
    item.text = joinedOf(blocks, null, textOf);
    item.position = ctx.doc.lines.range(blocks[0]!.start, blocks[blocks.length - 1]!.end);
  }
  if (prose.length > 0) section.text = joinedOf(prose, null, textOf);
  for (let k = 0; k < prose.length; k++) locateMarkers(prose[k]!, ctx);
}
