import { compareDiagnostics } from '../../core/diagnostic.js';
import type { ArticleRecord, Diagnostic, Range } from '../../generated/article.js';
import { esc, joined, langOf, pagePieces } from './html.js';

/** Up to this many characters of decoded text, the source page shows every line. */
export const FULL_SOURCE_CHARS = 256 * 1024;
/** A line longer than this is shown around what was kept from it and where diagnostics point. */
export const LONG_LINE_CHARS = 2000;
/** The source page shows at most this many characters of source; past it, lines are only counted. */
export const MAX_SHOWN_CHARS = 2 * 1024 * 1024;
/** In a large source, runs of lines not kept that are longer than this are cut to their ends. */
const ELIDE_RUN = 8;

/** The text the diagnostics of a record point into, and the spans (offsets) the parser kept as body blocks. */
export interface SourceText {
  text: string;
  blocks: readonly { start: number; end: number }[];
}

/** What a line of the source went into (exported for the test of {@link describe}). */
export type Owner =
  | { kind: 'item'; section: number; item: number }
  | { kind: 'heading'; section: number }
  | { kind: 'prose'; section: number }
  | { kind: 'reference'; index: number }
  | { kind: 'boilerplate'; index: number }
  | { kind: 'kept' }
  | { kind: 'none' };

const categoryOf: Record<Owner['kind'], string> = { item: 'item', heading: 'section', prose: 'section', reference: 'reference', boilerplate: 'dropped', kept: 'kept', none: 'none' };

function keyOf(owner: Owner): string {
  switch (owner.kind) {
    case 'item':
      return `item:${owner.section}-${owner.item}`;
    case 'heading':
    case 'prose':
      return `${owner.kind}:${owner.section}`;
    case 'reference':
    case 'boilerplate':
      return `${owner.kind}:${owner.index}`;
    default:
      return owner.kind;
  }
}

/** The last line a range covers (its end is exclusive: a range that ends at column 1 ends on the line before). */
function lastLine(range: Range): number {
  return range.end.column === 1 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line;
}

// What a line without kept spans or diagnostics (most lines of a page's markup) is given: one
// empty list each, not three new arrays and a callback a line (BENCHMARKS.md, "fewer
// allocations in the pipeline"). Read only.
const NO_SPANS: readonly [number, number][] = [];
const NO_NOTES: readonly { d: Diagnostic; k: number }[] = [];
const NO_COLUMNS: readonly number[] = [];
const columnOf = (note: { d: Diagnostic }): number => note.d.column;

/** Where each line starts in the text. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/**
 * The index of the line (of those starting at `starts`, as {@link lineStarts} lists them) that
 * holds `offset`. At module scope, not a closure made in each {@link keptSpans} call: V8 holds a
 * function's optimised code from its feedback weakly, so once the closures that ran it were gone
 * a full collection let it go, and the next page's closure was compiled again (3–4 times a worker
 * in a 1,000-article build; BENCHMARKS.md, change 192). Exported for its test.
 */
export function lineOf(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Offsets [from, to) within each line (by line index) that the parser kept, merged. */
function keptSpans(starts: readonly number[], length: number, blocks: SourceText['blocks']): Map<number, [number, number][]> {
  const spans = new Map<number, [number, number][]>();
  // Indexed loops and `forEach`, not `for … of`: baseline code allocates an iterator result a
  // step, and an entry and its destructuring a line of the Map (BENCHMARKS.md, "loops without iterators").
  for (let k = 0; k < blocks.length; k++) {
    const block = blocks[k]!;
    const start = Math.max(0, Math.min(block.start, length));
    const end = Math.max(start, Math.min(block.end, length));
    for (let line = lineOf(starts, start); line < starts.length && starts[line]! < Math.max(end, start + 1); line++) {
      const lineEnd = line + 1 < starts.length ? starts[line + 1]! - 1 : length;
      const from = Math.max(start, starts[line]!) - starts[line]!;
      const to = Math.min(end, lineEnd) - starts[line]!;
      if (to <= from) continue;
      const list = spans.get(line);
      if (list) list.push([from, to]);
      else spans.set(line, [[from, to]]);
    }
  }
  spans.forEach(mergeLine);
  return spans;
}

/** A line's spans of {@link keptSpans} in order and merged, in `spans` (a `Map#forEach` callback: it sets only keys it is given). */
function mergeLine(list: [number, number][], line: number, spans: Map<number, [number, number][]>): void {
  // A line one block touches (most of them) holds one span, merged already: no sort, no copy.
  if (list.length === 1) return;
  list.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (let k = 0; k < list.length; k++) {
    const span = list[k]!;
    const last = merged[merged.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([span[0], span[1]]);
  }
  spans.set(line, merged);
}

/** The `<…>` tags of a line of markup, as [from, to) offsets, in order and disjoint: one linear scan. */
export function tagSpans(line: string): [number, number][] {
  const tags: [number, number][] = [];
  for (let at = line.indexOf('<'); at !== -1; ) {
    const close = line.indexOf('>', at);
    if (close === -1) {
      tags.push([at, line.length]);
      break;
    }
    tags.push([at, close + 1]);
    at = line.indexOf('<', close + 1);
  }
  return tags;
}

/**
 * A piece [from, to) of a line, escaped, each run in it marked with its classes: kept by the
 * parser (`kept`: spans in order and disjoint, as keptSpans merges them), markup (`tags`, as
 * {@link tagSpans} reads them). Exported for its test.
 */
export function renderPiece(line: string, from: number, to: number, kept: readonly [number, number][], tags: readonly [number, number][]): string {
  // A line of plain text (no tags), kept whole or not at all: most lines of a text or Markdown source.
  if (tags.length === 0 && (kept.length === 0 || (kept.length === 1 && kept[0]![0] <= from && kept[0]![1] >= to))) {
    const text = esc(line.slice(from, to));
    return kept.length === 0 || from === to ? text : `<span class="k">${text}</span>`;
  }
  // The cuts inside [from, to), in increasing order, each once. Both lists are in order and
  // disjoint (keptSpans merges the kept spans; tagSpans reads tags left to right), so the one
  // span of each that may hold a piece is found by moving forward (it was a scan of both lists,
  // and two arrays and a join, per piece: quadratic on a line of markup with many tags).
  const points = new Int32Array(2 + 2 * (kept.length + tags.length));
  let n = 0;
  points[n++] = from;
  points[n++] = to;
  // Indexed, not `for (const [a, b] of …)` over a list of the two: baseline code allocated the
  // list, an iterator result a step and a destructuring iterator a span.
  for (let k = 0; k < kept.length; k++) {
    const a = kept[k]![0];
    const b = kept[k]![1];
    if (a > from && a < to) points[n++] = a;
    if (b > from && b < to) points[n++] = b;
  }
  for (let k = 0; k < tags.length; k++) {
    const a = tags[k]![0];
    const b = tags[k]![1];
    if (a > from && a < to) points[n++] = a;
    if (b > from && b < to) points[n++] = b;
  }
  const sorted = points.subarray(0, n).sort();
  let html = '';
  let k = 0;
  let t = 0;
  for (let i = 0; i + 1 < n; i++) {
    const a = sorted[i]!;
    const b = sorted[i + 1]!;
    if (a === b) continue;
    while (k < kept.length && kept[k]![1] <= a) k++;
    while (t < tags.length && tags[t]![1] <= a) t++;
    const inKept = k < kept.length && kept[k]![0] <= a && b <= kept[k]![1];
    const inTag = t < tags.length && tags[t]![0] <= a && b <= tags[t]![1];
    const text = esc(line.slice(a, b));
    html += inKept ? (inTag ? `<span class="k tag">${text}</span>` : `<span class="k">${text}</span>`) : inTag ? `<span class="tag">${text}</span>` : text;
  }
  return html;
}

/** A line's content: whole, or — when long — windows around what was kept and where diagnostics point, the rest counted. */
function renderLine(line: string, kept: readonly [number, number][], columns: readonly number[], markup: boolean): string {
  const tags = markup ? tagSpans(line) : [];
  if (line.length <= LONG_LINE_CHARS) return renderPiece(line, 0, line.length, kept, tags);
  const windows: [number, number][] = [];
  const around = (at: number, before: number, after: number) => windows.push([Math.max(0, at - before), Math.min(line.length, at + after)]);
  for (const [a, b] of kept) around(a, 200, Math.min(b - a, 1600) + 200);
  for (const column of columns) around(column - 1, 300, 300);
  if (windows.length === 0) around(0, 0, 300);
  windows.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const w of windows) {
    const last = merged[merged.length - 1];
    if (last && w[0] <= last[1]) last[1] = Math.max(last[1], w[1]);
    else merged.push([...w]);
  }
  let html = '';
  let at = 0;
  for (const [a, b] of merged) {
    if (a > at) html += `<span class="cut">… ${(a - at).toLocaleString('en-US')} characters …</span>`;
    html += renderPiece(line, a, b, kept, tags);
    at = b;
  }
  if (at < line.length) html += `<span class="cut">… ${(line.length - at).toLocaleString('en-US')} characters …</span>`;
  return html;
}

/** Which part of the record each line went into: boilerplate, a reference, an item, a section's heading or prose; else kept elsewhere, or not kept. */
/** Gives `owner` the lines of `range` that have none yet (and, with `kept`, only those whose text the parser kept). */
function claim(owners: Owner[], lineCount: number, range: Range, owner: Owner, kept: Map<number, [number, number][]> | null): void {
  for (let line = range.start.line; line <= Math.min(lastLine(range), lineCount); line++) {
    if (owners[line]!.kind === 'none' && (kept === null || kept.has(line - 1))) owners[line] = owner;
  }
}

function ownersOf(record: ArticleRecord, lineCount: number, kept: Map<number, [number, number][]>): Owner[] {
  // Loops and a module-level `claim`: the callbacks here were closures made per page, which V8
  // optimised again after every full collection (BENCHMARKS.md, changes 59 and 64).
  const owners: Owner[] = [];
  for (let line = 0; line <= lineCount; line++) owners.push({ kind: 'none' });
  const { boilerplate, references, sections } = record;
  for (let index = 0; index < boilerplate.length; index++) claim(owners, lineCount, boilerplate[index]!.position, { kind: 'boilerplate', index }, null);
  for (let index = 0; index < references.length; index++) claim(owners, lineCount, references[index]!.position, { kind: 'reference', index }, null);
  for (let section = 0; section < sections.length; section++) {
    const items = sections[section]!.items;
    for (let i = 0; i < items.length; i++) claim(owners, lineCount, items[i]!.position, { kind: 'item', section, item: i }, null);
  }
  for (let section = 0; section < sections.length; section++) {
    const s = sections[section]!;
    if (s.heading !== null) claim(owners, lineCount, { start: s.position.start, end: { line: s.position.start.line, column: s.position.start.column + 1 } }, { kind: 'heading', section }, kept);
    claim(owners, lineCount, s.position, { kind: 'prose', section }, kept);
  }
  for (let line = 1; line <= lineCount; line++) if (owners[line]!.kind === 'none' && kept.has(line - 1)) owners[line] = { kind: 'kept' };
  return owners;
}

/** A run of lines with one owner, `first` to `last` (1-based). Exported for the test of {@link describe}. */
export interface Segment {
  owner: Owner;
  first: number;
  last: number;
}

function link(id: string, anchor: string, label: string): string {
  return `<a href="${esc(encodeURIComponent(id))}.html#${esc(anchor)}">${label}</a>`;
}

/** `html` the first time `key` is shown on the page, "(continued)" after. */
function once(shown: Set<string>, key: string, html: string): string {
  return shown.has(key) ? '<p class="cont">(continued)</p>' : (shown.add(key), html);
}

/**
 * What was parsed of a reference, its fields escaped and apart by " · ", those missing or empty
 * left out. A loop, not `filter(…).map(…).join(…)`: the optimised `map`'s holey array met its
 * `join` with another map and {@link describe} was thrown away (issue 17: BENCHMARKS.md, "arrays made by map").
 */
function parsedLine(fields: readonly unknown[]): string {
  let line = '';
  let written = 0;
  for (let k = 0; k < fields.length; k++) {
    const x = fields[k];
    if (x !== undefined && x !== null && x !== '') line += `${written++ > 0 ? ' · ' : ''}${esc(x)}`;
  }
  return line;
}

/** What the right-hand column says of a segment: what the lines became in the record. Exported for its test. */
export function describe(segment: Segment, record: ArticleRecord, lang: string, shown: Set<string>, markup: boolean, blank: boolean): string {
  const owner = segment.owner;
  const lines = segment.last - segment.first + 1;
  switch (owner.kind) {
    case 'item': {
      const item = record.sections[owner.section]!.items[owner.item]!;
      const at = `s${owner.section}-${owner.item}`;
      const facts = item.facts;
      const factLine = facts
        ? [facts.institution ? esc(facts.institution.label ?? facts.institution.text) : '', facts.country ? esc(facts.country) : '', facts.outcomes.length ? `${facts.outcomes.length} outcome${facts.outcomes.length === 1 ? '' : 's'}` : ''].filter(Boolean).join(' · ')
        : '';
      return `<p class="what"><span class="kind">Item</span> ${link(record.id, at, esc(item.date))}${item.journal ? ` · ${esc(item.journal)}` : ''}</p>${once(shown, at, `<p class="got" lang="${lang}">${esc(item.text)}</p>${factLine ? `<p class="facts-line">Facts: ${factLine}</p>` : ''}`)}`;
    }
    case 'heading': {
      const section = record.sections[owner.section]!;
      return `<p class="what"><span class="kind">Heading</span> of ${link(record.id, `s${owner.section}`, esc(section.month ?? section.kind))}</p><p class="got" lang="${lang}">${esc(section.heading)}</p>${section.headingEn ? `<p class="got en" lang="en">${esc(section.headingEn)}</p>` : ''}`;
    }
    case 'prose': {
      const section = record.sections[owner.section]!;
      return `<p class="what"><span class="kind">Prose</span> of ${link(record.id, `s${owner.section}`, esc(section.month ?? section.kind))}</p>${once(shown, `prose-${owner.section}`, section.text ? `<p class="got" lang="${lang}">${esc(section.text)}</p>` : '')}`;
    }
    case 'reference': {
      const ref = record.references[owner.index]!;
      const csl = ref.csl as Record<string, unknown>;
      const parsed = parsedLine([csl.title, csl['container-title'], (csl.issued as { 'date-parts'?: number[][] } | undefined)?.['date-parts']?.[0]?.[0], csl.DOI ? `DOI ${csl.DOI}` : '']);
      return `<p class="what"><span class="kind">Reference</span> ${link(record.id, ref.id, `[${ref.number}]`)}${ref.placeholder ? ' <span class="placeholder">placeholder</span>' : ''}</p><p class="got">${parsed || 'nothing parsed'}</p>`;
    }
    case 'boilerplate': {
      const b = record.boilerplate[owner.index]!;
      return `<p class="what"><span class="kind drop">Dropped as boilerplate</span> (${esc(b.kind)})</p><p class="got" lang="${lang}">${esc(b.text)}</p>`;
    }
    case 'kept':
      return `<p class="what"><span class="kind">Kept</span> outside the sections: the title, or the heading of a list</p>`;
    default:
      return `<p class="what"><span class="kind none">Not kept</span>: ${blank ? `${lines === 1 ? 'a blank line' : 'blank lines'}` : markup ? 'markup and page chrome' : 'not part of the body'} (${lines} line${lines === 1 ? '' : 's'})</p>`;
  }
}

/** The legend's entries in order: a category of lines ({@link categoryOf}) and what its lines became. */
const LEGEND: readonly (readonly [string, string])[] = [
  ['item', 'in an item'],
  ['section', 'a section heading or prose'],
  ['reference', 'in a reference'],
  ['dropped', 'dropped as boilerplate'],
  ['kept', 'kept elsewhere'],
  ['none', 'not kept'],
];

/** A source page's lines and what is shown of them: the state the page's line rendering reads and spends. */
interface SourceLines {
  id: string;
  text: string;
  starts: number[];
  lineCount: number;
  kept: Map<number, [number, number][]>;
  atLine: Map<number, { d: Diagnostic; k: number }[]>;
  markup: boolean;
  /** Characters still to show ({@link MAX_SHOWN_CHARS} at first). */
  budget: number;
  /** The first line not shown once the budget is spent. */
  stoppedAt: number | null;
}

/** Line `n`'s text (1-based), without its line feed. */
function lineText(page: SourceLines, n: number): string {
  return page.text.slice(page.starts[n - 1]!, n < page.lineCount ? page.starts[n]! - 1 : page.text.length);
}

/** Lines `first` to `last` with their numbers, kept text and diagnostics, until the page's budget is spent. */
function renderLines(page: SourceLines, first: number, last: number): string {
  let html = '';
  for (let n = first; n <= last; n++) {
    const text = lineText(page, n);
    if (page.budget <= 0) {
      page.stoppedAt ??= n;
      break;
    }
    page.budget -= Math.min(text.length, LONG_LINE_CHARS * 2);
    const notes = page.atLine.get(n) ?? NO_NOTES;
    html += `<div class="ln" id="L${n}"><a class="n" href="#L${n}">${n}</a><code>${renderLine(text, page.kept.get(n - 1) ?? NO_SPANS, notes.length === 0 ? NO_COLUMNS : notes.map(columnOf), page.markup)}</code></div>`;
    // Indexed: a `for … of` made an iterator a line, though most lines have no notes.
    for (let i = 0; i < notes.length; i++) {
      const { d, k } = notes[i]!;
      html += `<p class="diag ${d.severity}"><span class="sev ${d.severity}">${d.severity}</span> ${d.line}:${d.column} ${esc(d.message)} <code>${esc(d.rule)}</code> ${link(page.id, `d${k}`, 'in the article')}</p>`;
    }
  }
  return html;
}

/**
 * The source page of a record (`report/<id>.source.html`): the decoded text its diagnostics
 * point into (for HTML, the page's markup as decoded), line by line with numbers and anchors
 * (`#L131`), beside what each run of lines became — an item, a heading, a reference, boilerplate
 * dropped, or nothing — with the text the parser kept from it emphasised and every diagnostic
 * under its line. Up to {@link FULL_SOURCE_CHARS} every line is shown; past that, long runs of
 * lines not kept are cut to their ends, and past {@link MAX_SHOWN_CHARS} lines are only counted.
 * Long lines (minified pages) are shown around what was kept and where diagnostics point.
 */
export function renderSourcePage(record: ArticleRecord, source: SourceText): string {
  return sourcePagePieces(record, source).join('');
}

/** {@link renderSourcePage} as pieces in order, for a build to write one after another without joining them (io/utf8.ts). */
export function sourcePagePieces(record: ArticleRecord, source: SourceText): string[] {
  const lang = langOf(record.language, record.script);
  const markup = record.source.format !== 'text';
  const starts = lineStarts(source.text);
  const lineCount = starts.length;
  const kept = keptSpans(starts, source.text.length, source.blocks);
  const owners = ownersOf(record, lineCount, kept);
  const diagnostics = [...record.diagnostics].sort(compareDiagnostics);
  const atLine = new Map<number, { d: Diagnostic; k: number }[]>();
  for (let k = 0; k < diagnostics.length; k++) {
    const d = diagnostics[k]!;
    const line = Math.min(d.line, lineCount);
    const notes = atLine.get(line);
    if (notes) notes.push({ d, k });
    else atLine.set(line, [{ d, k }]);
  }

  const segments: Segment[] = [];
  for (let line = 1; line <= lineCount; line++) {
    const owner = owners[line]!;
    const last = segments[segments.length - 1];
    if (last && (last.owner === owner || keyOf(last.owner) === keyOf(owner))) last.last = line;
    else segments.push({ owner, first: line, last: line });
  }
  const counts: Record<string, number> = {};
  for (let line = 1; line <= lineCount; line++) counts[categoryOf[owners[line]!.kind]] = (counts[categoryOf[owners[line]!.kind]] ?? 0) + 1;

  const large = source.text.length > FULL_SOURCE_CHARS;
  const page: SourceLines = { id: record.id, text: source.text, starts, lineCount, kept, atLine, markup, budget: MAX_SHOWN_CHARS, stoppedAt: null };
  const shown = new Set<string>();
  // A loop, and module-level `lineText` and `renderLines` over the page's state: as closures they
  // were made per page and V8 optimised them again after every full collection (BENCHMARKS.md,
  // changes 59, 64 and 93).
  const body: string[] = [];
  for (let g = 0; g < segments.length; g++) {
    const segment = segments[g]!;
    if (page.stoppedAt !== null) {
      body.push('');
      continue;
    }
    const { first, last } = segment;
    // Whether every line is blank: asked only of lines not kept (nothing else says it), of the run's text at once.
    const blank = segment.owner.kind === 'none' && source.text.slice(starts[first - 1]!, last < lineCount ? starts[last]! - 1 : source.text.length).trim() === '';
    let lines: string;
    if (large && segment.owner.kind === 'none' && last - first + 1 > ELIDE_RUN) {
      // Lines with a diagnostic are always shown; the rest of a long run is counted.
      const keep = new Set([first, first + 1, last - 1, last]);
      for (const n of atLine.keys()) if (n >= first && n <= last) keep.add(n);
      lines = '';
      let skipped = 0;
      for (let n = first; n <= last; n++) {
        if (keep.has(n)) {
          if (skipped) lines += `<p class="cut">… ${skipped} line${skipped === 1 ? '' : 's'} not kept, not shown (the source is over ${FULL_SOURCE_CHARS / 1024} KB) …</p>`;
          skipped = 0;
          lines += renderLines(page, n, n);
        } else skipped++;
      }
    } else lines = renderLines(page, first, last);
    // A blank gap between paragraphs is shown as a line, with nothing to say beside it.
    const quiet = blank && segment.owner.kind === 'none' && last - first < 2;
    body.push(`<div class="seg c-${categoryOf[segment.owner.kind]}${quiet ? ' blank' : ''}"><div class="src">${lines}</div><div class="got-col">${quiet ? '' : describe(segment, record, lang, shown, markup, blank)}</div></div>`);
  }
  const stoppedAt = page.stoppedAt;
  const cut = stoppedAt !== null ? `<p class="cut">The page stops at line ${stoppedAt} of ${lineCount}: it shows at most ${MAX_SHOWN_CHARS / 1024 / 1024} MB of source. The rest is in ${esc(record.source.path ?? 'the input')}.</p>` : '';
  // A loop over a module-level list, not `filter(…).map(…).join('')` over one made per page: the
  // optimised `map` made a holey array, another map than its `join` saw, and this function — a
  // build's dearest page compile — was thrown away and compiled again (issue 17: BENCHMARKS.md,
  // "arrays made by map").
  let legend = '';
  for (let k = 0; k < LEGEND.length; k++) {
    // Indexed, not destructured: an array pattern takes an iterator in baseline code.
    const c = LEGEND[k]![0];
    const n = counts[c];
    if (n) legend += `<li class="c-${c}">${n} line${n === 1 ? '' : 's'} ${LEGEND[k]![1]}</li>`;
  }
  const what = markup
    ? `The ${esc(record.source.format)} source as decoded (${esc(record.source.encoding)}), markup and all: diagnostics point into these lines. The text the parser kept is emphasised; markup is grey.`
    : `The text as decoded (${esc(record.source.encoding)}): diagnostics point into these lines.`;
  const html = `<header>
<p><a href="index.html">All articles</a> · ${link(record.id, 'main', esc(record.id))} · ${esc(record.source.path ?? 'standard input')} (${esc(record.source.format)}, ${esc(record.source.encoding)}, ${record.source.bytes.toLocaleString('en-US')} bytes)</p>
<h1>Source of <span lang="${lang}">${esc(record.title ?? record.id)}</span></h1>
<p>${what} Beside each run of lines: what it became in the record.${large ? ` The source is over ${FULL_SOURCE_CHARS / 1024} KB: long runs of lines not kept are cut to their ends.` : ''}</p>
<ul class="legend seg-legend" aria-label="Lines by what they became">${legend}</ul>
</header>
<main id="main" class="source">
`;
  const end = `
${cut}
</main>
<footer>Written by digest-ingest from ${esc(record.source.path ?? 'standard input')}, SHA-256 <code>${esc(record.source.sha256.slice(0, 12))}</code>. A static page: it loads nothing from the network.</footer>`;
  // `script: false` written out: every page's options of one shape (html.ts, `pageOptionsOf`).
  return pagePieces({ lang: 'en', title: `Source of ${record.title ?? record.id} — digest review`, body: [html, ...joined(body, '\n'), end], script: false, bodyClass: 'source-page' });
}
