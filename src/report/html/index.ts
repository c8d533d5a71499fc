import type { InputSummary } from '../../dataset/input-summary.js';
import type { ArticleChange, DatasetChanges, RemovedArticle } from '../../generated/changes.js';
import type { SearchIndex } from '../../generated/search-index.js';
import { diffCounts, diffOf } from './changes.js';
import { esc, jsonForScript, page } from './html.js';
import { SearchIndexText, searchIndexText, type SearchAsides, type SearchEntry } from './search.js';

/** What the index shows of one input: a manifest row (the summary's fields, counts flattened). */
export type IndexRow = Pick<InputSummary, 'path' | 'id' | 'status' | 'title' | 'titleEn' | 'topic' | 'period' | 'missingMonths' | 'outOfOrderMonths'> &
  InputSummary['counts'] & { timeline: string[]; problems: Record<string, number> };

/** Options of {@link renderIndexPage}: what the build knows beyond the manifest. */
export interface IndexPageOptions {
  /** The dataset's change view (changes.json): each article's last change, what the latest revision removed. */
  changes?: DatasetChanges | null;
  /** The search index across all articles, embedded in the page. */
  search?: SearchIndex | null;
}

/**
 * What {@link indexPageText} makes the index from besides the manifest rows, read as it goes
 * rather than held: the change view with its articles in id order (the function reads them again
 * on each call), and the search entries in id order (read once, the items and references waiting
 * in `searchAsides` meanwhile: in memory unless given) or the search index's text made from them
 * already, entry by entry (a build's, as its inputs settled).
 */
export interface IndexPageSources {
  /** The change view: its articles' changes, or only what the index shows of them ({@link changeFact}, each article's in id order). */
  changes: ({ revision: number; removed: readonly RemovedArticle[] } & ({ articles: () => Iterable<ArticleChange> } | { facts: () => Iterable<ChangeFact> })) | null;
  search: SearchIndex | (() => Iterable<SearchEntry>) | SearchIndexText | null;
  searchAsides?: SearchAsides;
  /**
   * Whether a {@link SearchIndexText}'s data may come as UTF-8 bytes ({@link SearchIndexText.pieces}:
   * a build writing the page as a stream), each valid only until the next piece is asked for
   * (the caller writes each as it comes); else every piece is text.
   */
  searchBytes?: boolean;
}

function articleHref(id: string, anchor = ''): string {
  return `${esc(encodeURIComponent(id))}.html${anchor ? `#${esc(anchor)}` : ''}`;
}

function timeline(row: IndexRow): string {
  if (row.timeline.length === 0) return '<span class="year">no months</span>';
  // The record's own missing and out-of-order months: the index shows what the record says.
  const { missingMonths: missing, outOfOrderMonths: outOfOrder } = row;
  const years = [...new Set([...row.timeline, ...missing].map((m) => m.slice(0, 4)))].sort().slice(0, 20);
  const present = new Set(row.timeline);
  const gaps = new Set(missing);
  const late = new Set(outOfOrder);
  const label = [`months ${row.timeline.join(', ')}`, missing.length ? `missing ${missing.join(', ')}` : '', outOfOrder.length ? `out of order ${outOfOrder.join(', ')}` : ''].filter(Boolean).join('; ');
  const linked = row.status === 'ok' && row.id !== null;
  const strips = years.map((year) => {
    const cells = Array.from({ length: 12 }, (_, i) => {
      const month = `${year}-${String(i + 1).padStart(2, '0')}`;
      const cls = [present.has(month) ? 'on' : gaps.has(month) ? 'gap' : '', late.has(month) ? 'late' : ''].filter(Boolean).join(' ');
      // A month with a section leads to it on the article page.
      const inner = present.has(month) && linked ? `<a href="${articleHref(row.id!, `m-${month}`)}" aria-label="${month}"></a>` : '';
      return `<span${cls ? ` class="${cls}"` : ''} title="${month}${present.has(month) ? '' : gaps.has(month) ? ' missing' : ''}">${inner}</span>`;
    });
    return `<div class="strip"><span class="year">${year}</span><span class="timeline">${cells.join('')}</span></div>`;
  });
  return `<div class="months" role="group" aria-label="${esc(label)}">${strips.join('')}</div>`;
}

function problems(row: IndexRow): string {
  const linked = row.status === 'ok' && row.id !== null;
  const rules = Object.entries(row.problems)
    .map(([rule, n]) => {
      const code = `<code>${esc(rule)}</code>${n > 1 ? ` ×${n}` : ''}`;
      return linked ? `<a href="${articleHref(row.id!, `rule-${rule}`)}">${code}</a>` : code;
    })
    .join(', ');
  const counts = [row.errors ? `<span class="sev error">${row.errors} error${row.errors === 1 ? '' : 's'}</span>` : '', row.warnings ? `<span class="sev warning">${row.warnings} warning${row.warnings === 1 ? '' : 's'}</span>` : '']
    .filter(Boolean)
    .join(' ');
  if (!counts) return 'none';
  return `${linked ? `<a href="${articleHref(row.id!, 'diagnostics')}">${counts}</a>` : counts}<br><span class="rules">${rules}</span>`;
}

/** A row's change cell and its sort value (latest revision first, then the size of the change). */
interface ChangeCell {
  html: string;
  sort: number;
  latest: boolean;
}

const NO_CHANGE: ChangeCell = { html: '', sort: 0, latest: false };

/**
 * What the index shows of an article's change: its status and revision, and for a change its
 * items' counts in words and the size used to sort by — all the index needs, without the
 * digests (a build sets these aside as its articles settle, and reads them back small).
 */
export interface ChangeFact {
  id: string;
  status: ArticleChange['status'];
  revision: number;
  /** {@link diffCounts} of a `changed` article's diff ('' otherwise). */
  counts: string;
  /** How many items and references a `changed` article's diff moved (0 otherwise). */
  size: number;
}

/** What the index shows of an article's change. */
export function changeFact(change: ArticleChange): ChangeFact {
  if (change.status !== 'changed') return { id: change.id, status: change.status, revision: change.revision, counts: '', size: 0 };
  const diff = diffOf(change)!;
  return { id: change.id, status: change.status, revision: change.revision, counts: diffCounts(diff), size: diff.added.length + diff.removed.length + diff.changed.length + diff.references.length };
}

/** The change cell of an article's row, from its change and the dataset's revision. */
function changeCell(id: string, change: ChangeFact, revision: number): ChangeCell {
  const latest = change.revision === revision && change.status !== 'first';
  const when = latest ? '' : ` <span class="muted">(rev. ${change.revision})</span>`;
  if (change.status === 'first') return { html: '<span class="muted" title="first build: nothing to compare with">–</span>', sort: 0, latest };
  const href = articleHref(id, 'changes');
  if (change.status === 'new') return { html: `<a href="${href}"><span class="badge new">new</span></a>${when}`, sort: change.revision * 1e6 + 1e5, latest };
  return { html: `<a href="${href}"><span class="badge changed">changed</span></a> ${esc(change.counts)}${when}`, sort: change.revision * 1e6 + change.size, latest };
}

/**
 * One pass over the change view's articles: each article's change cell (the first of an id, as a
 * search would find) and the summary of the latest revision above the table — what it added,
 * changed and removed.
 */
function changeFacts(changes: IndexPageSources['changes']): { cells: Map<string, ChangeCell>; summary: string } {
  const cells = new Map<string, ChangeCell>();
  if (!changes) return { cells, summary: '' };
  const link = (id: string) => `<a href="${articleHref(id, 'changes')}">${esc(id)}</a>`;
  let allFirst = true;
  const changed: string[] = [];
  const added: string[] = [];
  const facts = 'facts' in changes ? changes.facts() : (function* () {
    for (const a of changes.articles()) yield changeFact(a);
  })();
  for (const a of facts) {
    if (!cells.has(a.id)) cells.set(a.id, changeCell(a.id, a, changes.revision));
    if (a.status !== 'first') allFirst = false;
    if (a.revision !== changes.revision || a.status === 'first') continue;
    if (a.status === 'new') added.push(link(a.id));
    else if (a.status === 'changed') changed.push(`${link(a.id)} (${esc(a.counts) || 'item places'})`);
  }
  if (changes.revision === 1 && allFirst)
    return { cells, summary: `<p class="revision">Revision 1: the first build into this folder — there is no previous build to compare with. The next build that changes an article shows what changed, here and on its page.</p>` };
  const parts = [
    changed.length ? `changed ${changed.join(', ')}` : '',
    added.length ? `added ${added.join(', ')}` : '',
    changes.removed.length ? `removed ${changes.removed.map((r) => `<code>${esc(r.id)}</code>${r.last.path ? ` (${esc(r.last.path)})` : ''}`).join(', ')}` : '',
  ].filter(Boolean);
  return { cells, summary: `<p class="revision">Revision ${changes.revision}, the last build that changed the dataset: ${parts.join('; ') || 'nothing listed'}. A build that changes nothing keeps the revision.</p>` };
}

/** A column of the table: its header, and whether its sort is numeric. */
const COLUMNS: readonly { label: string; short: string; numeric: boolean }[] = [
  { label: 'Article', short: 'article', numeric: false },
  { label: 'Title', short: 'title', numeric: false },
  { label: 'Months', short: 'months', numeric: false },
  { label: 'Items', short: 'items', numeric: true },
  { label: 'References (DOI)', short: 'refs', numeric: true },
  { label: 'Entities', short: 'entities', numeric: true },
  { label: 'Diagnostics', short: 'diagnostics', numeric: true },
  { label: 'Changes', short: 'changes', numeric: true },
];

/**
 * The index of a dataset's review pages: every input with its title and topic, its months (a
 * timeline whose squares lead to the month on the article page, missing and out-of-order
 * months marked), counts, diagnostics (each rule leading to its first diagnostic) and its last
 * change; the latest revision's changes above; a search across all articles (its index embedded
 * as JSON, so it works offline), sorting by any column and filters. Records by id, then failed
 * inputs. Made from manifest rows, the change view and the search index, all of which merged
 * shards reproduce, so they get the same index.
 */
export function renderIndexPage(rows: readonly IndexRow[], pipelineName: string, options: IndexPageOptions = {}): string {
  const changes = options.changes ?? null;
  return [...indexPageText(rows, pipelineName, { changes: changes && { ...changes, articles: () => changes.articles }, search: options.search ?? null })].join('');
}

/**
 * The index's rows as a build reads them back, one at a time (never all in memory: BENCHMARKS.md,
 * "Change 31: a build holds almost nothing per input"): how many, how many are records, and the rows
 * in the index's order ({@link sortIndexRows}).
 */
export interface IndexRows {
  count: number;
  ok: number;
  /**
   * The rows in order, each as its fields or written already ({@link indexRowCells}); written
   * cells as bytes are valid until the next row is asked for, the page's piece holding them until
   * the next piece (a build writes each piece as it comes).
   */
  ordered: () => Iterable<IndexRow | IndexRowCells>;
}

/** Rows in the index's order: records by id, then failed inputs by path, so the order does not depend on folder layout. */
export function sortIndexRows(rows: Iterable<IndexRow>): IndexRow[] {
  const key = (r: IndexRow) => (r.status === 'ok' && r.id ? `0${r.id}` : `1${r.path}`);
  return [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/**
 * An index row written but for what only the build's end knows (its place in the order, its
 * change): its id when it is a record (its change cell is looked up by it), else null, and its
 * cells — a digit, whether the row has problems (its `data-problems`), then the row's cells from
 * its first to its diagnostics, each on a line of its own.
 */
export interface IndexRowCells {
  id: string | null;
  /** The text, or its UTF-8 bytes as a build reads them back (valid until the next row is asked for: {@link IndexRows}). */
  cells: string | Uint8Array;
}

/**
 * A row's cells as the index writes them ({@link IndexRowCells}). A build's threads write each
 * input's as they ingest it, beside its manifest row, so that the finish splices them rather than
 * parse each row back and write its timeline on the build thread alone (BENCHMARKS.md, "the
 * review index's rows written by the threads that ingest").
 */
export function indexRowCells(row: IndexRow): IndexRowCells & { cells: string } {
  const { id, problems: flag, body } = rowParts(row);
  return { id, cells: `${flag}${body}` };
}

/** A row's cells from its fields: its id when a record, whether it has problems, and its cells ({@link indexRowCells} less the digit). */
function rowParts(row: IndexRow): { id: string | null; problems: 0 | 1; body: string } {
  const name =
    row.id && row.status === 'ok'
      ? `<a href="${articleHref(row.id)}">${esc(row.id)}</a><br><span class="path">${esc(row.path)}</span>`
      : `<span class="failed">failed</span><br><span class="path">${esc(row.path)}</span>`;
  const topic = row.topic ? [row.topic.therapy, row.topic.disease?.label].filter(Boolean).map(esc).join(' · ') : '';
  const title = [
    row.title ? `<span class="t" lang="zh" title="${esc(row.title)}">${esc(row.title)}</span>` : '',
    row.titleEn ? `<span class="t en" lang="en" title="${esc(row.titleEn)}">${esc(row.titleEn)}</span>` : '',
    topic ? `<span class="topic">${topic}</span>` : '',
  ].join('');
  const problemCount = row.errors * 1e6 + row.warnings;
  const months = `${row.period ? `<span class="period">${esc(row.period.start)} – ${esc(row.period.end)}</span>` : ''}${timeline(row)}<span class="muted">${row.months} month${row.months === 1 ? '' : 's'}${row.missingMonths.length ? `, ${row.missingMonths.length} missing` : ''}</span>`;
  const body = `
<th scope="row" data-label="Article" data-v="${esc(row.id ?? `~${row.path}`)}">${name}</th>
<td class="title" data-label="Title" data-v="${esc(row.titleEn ?? row.title ?? '')}">${title}</td>
<td data-label="Months" data-v="${esc(row.period ? `${row.period.start} ${String(row.months).padStart(4, '0')}` : '')}">${months}</td>
<td class="num" data-label="Items" data-v="${row.items}">${row.items}</td>
<td class="num" data-label="References (DOI)" data-v="${row.references}">${row.references} (${row.referencesWithDoi})</td>
<td class="num" data-label="Entities" data-v="${row.entities}">${row.entities}</td>
<td data-label="Diagnostics" data-v="${row.status === 'ok' ? problemCount : 1e12}">${row.status === 'ok' ? problems(row) : `<span class="sev error">failed</span><br><span class="rules">${Object.keys(row.problems).map((r) => `<code>${esc(r)}</code>`).join(', ')}</span>`}</td>
`;
  return { id: row.status === 'ok' && row.id !== null ? row.id : null, problems: row.status !== 'ok' || row.errors + row.warnings > 0 ? 1 : 0, body };
}

/**
 * {@link renderIndexPage} a piece at a time, from sources read as it goes: a build writes the
 * page as a stream, so neither the change view's articles, nor the search index, nor the page
 * are ever whole in memory (BENCHMARKS.md, "Change: memory flat in N").
 */
export function* indexPageText(rows: readonly IndexRow[] | IndexRows, pipelineName: string, sources: IndexPageSources): Generator<string | Uint8Array> {
  const { changes, search } = sources;
  const { cells, summary } = changeFacts(changes);
  const { count, ok, ordered } = Array.isArray(rows) ? { count: rows.length, ok: rows.filter((r) => r.status === 'ok').length, ordered: () => sortIndexRows(rows) } : (rows as IndexRows);
  const head = COLUMNS.map(
    (c, i) => `<th scope="col"${i === 0 ? ' aria-sort="ascending"' : ''}><button type="button" class="sort" data-col="${i}" data-numeric="${c.numeric ? 1 : 0}" disabled>${esc(c.label)}<span class="arrow" aria-hidden="true"></span></button></th>`,
  ).join('');
  const sortOptions = COLUMNS.flatMap((c, i) => [`<option value="${i}:asc">${esc(c.label)} ↑</option>`, `<option value="${i}:desc">${esc(c.label)} ↓</option>`]).join('');
  // The page around its body, split where a mark stands for the body.
  const mark = '\u0000body\u0000';
  const [before, after] = page({ lang: 'en', title: `Digest review — ${pipelineName}`, body: mark, bodyClass: 'index', script: true }).split(mark) as [string, string];
  yield before;
  yield `<header>
<h1>Digest review: ${count} article${count === 1 ? '' : 's'}</h1>
<p>Pipeline <code>${esc(pipelineName)}</code>: ${ok} record${ok === 1 ? '' : 's'}, ${count - ok} failed. Each article's page shows what the pipeline understood and what it doubts; its source page, the text beside what became of it.</p>
${summary}
</header>
<main id="main">
`;
  if (search) {
    yield `<section class="search panel" role="search">
<h2 id="search-h"><label for="q">Search all articles</label></h2>
<input id="q" type="search" autocomplete="off" spellcheck="false" disabled aria-describedby="q-help" aria-controls="q-results" placeholder="a disease, drug, journal, DOI, paper title, institution…">
<p id="q-help" class="muted">Finds entities (in Chinese or English), journals, DOIs, paper titles, institutions, countries, dates and articles. ↓ moves into the results, Esc clears.</p>
<div id="q-results" aria-live="polite"></div>
</section>
<script type="application/json" id="search-data">`;
    if (typeof search === 'function') yield* searchIndexText(search(), jsonForScript, sources.searchAsides);
    else if (search instanceof SearchIndexText) yield* sources.searchBytes === true ? search.pieces(true) : search.text();
    else yield jsonForScript(search);
    yield '</script>';
  }
  yield `
<div class="controls" id="table-controls" hidden>
<label><input type="checkbox" id="only-problems"> Only articles with problems</label>
${changes && changes.revision > 1 ? `<label><input type="checkbox" id="only-latest"> Only articles changed in revision ${changes.revision}</label>` : ''}
<label class="sort-select">Sort by <select id="sort-by">${sortOptions}</select></label>
<span id="table-status" role="status" aria-live="polite"></span>
</div>
<p class="legend-line">Timeline: <span class="timeline key"><span class="on"></span><span class="gap"></span><span></span></span> a month with a section (it leads there), a month missing within the period, a month outside it; an outlined month comes after a later one.</p>
<table id="articles">
<caption class="skip">Articles, their months, counts, diagnostics and changes; the column buttons sort</caption>
<colgroup>${COLUMNS.map((c) => `<col class="col-${c.short}">`).join('')}</colgroup>
<thead><tr>${head}</tr></thead>
<tbody>
`;
  let n = -1;
  for (const row of ordered()) {
    n++;
    // A row its thread wrote already, or written here from its fields (rowParts): the same text.
    const open = `${n === 0 ? '' : '\n'}<tr data-order="${n}" data-problems="`;
    const parts = 'cells' in row ? null : rowParts(row);
    const id = parts === null ? (row as IndexRowCells).id : parts.id;
    const change = (id !== null && cells.get(id)) || NO_CHANGE;
    const close = `<td data-label="Changes" data-v="${change.sort}">${change.html}</td>
</tr>`;
    const latest = change.latest ? 1 : 0;
    if (parts !== null) {
      yield `${open}${parts.problems}" data-latest="${latest}">${parts.body}${close}`;
      continue;
    }
    const rowCells = (row as IndexRowCells).cells;
    if (typeof rowCells === 'string') yield `${open}${rowCells[0]}" data-latest="${latest}">${rowCells.slice(1)}${close}`;
    else {
      yield `${open}${rowCells[0] === 49 ? 1 : 0}" data-latest="${latest}">`;
      yield rowCells.subarray(1);
      yield close;
    }
  }
  yield `
</tbody>
</table>
</main>
<footer>Written by digest-ingest. Static pages: they load nothing from the network.</footer>`;
  yield after;
}
