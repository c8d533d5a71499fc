import type { InputSummary } from '../../dataset/entry.js';
import type { ArticleChange, DatasetChanges } from '../../generated/changes.js';
import type { SearchIndex } from '../../generated/search-index.js';
import { diffCounts, diffOf } from './changes.js';
import { esc, jsonForScript, page } from './html.js';

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

/** The change cell of a row, and its sort value (latest revision first, then the size of the change); `byId`: the changes' articles by id. */
function changeCell(row: IndexRow, changes: DatasetChanges | null, byId: ReadonlyMap<string, ArticleChange>): { html: string; sort: number; latest: boolean } {
  if (!changes || row.status !== 'ok' || row.id === null) return { html: '', sort: 0, latest: false };
  const change = byId.get(row.id);
  if (!change) return { html: '', sort: 0, latest: false };
  const latest = change.revision === changes.revision && change.status !== 'first';
  const when = latest ? '' : ` <span class="muted">(rev. ${change.revision})</span>`;
  if (change.status === 'first') return { html: '<span class="muted" title="first build: nothing to compare with">–</span>', sort: 0, latest };
  const href = articleHref(row.id, 'changes');
  if (change.status === 'new') return { html: `<a href="${href}"><span class="badge new">new</span></a>${when}`, sort: change.revision * 1e6 + 1e5, latest };
  const diff = diffOf(change)!;
  const size = diff.added.length + diff.removed.length + diff.changed.length + diff.references.length;
  return { html: `<a href="${href}"><span class="badge changed">changed</span></a> ${esc(diffCounts(diff))}${when}`, sort: change.revision * 1e6 + size, latest };
}

/** The summary of the latest revision above the table: what it added, changed and removed. */
function changeSummary(changes: DatasetChanges | null): string {
  if (!changes) return '';
  if (changes.revision === 1 && changes.articles.every((a) => a.status === 'first'))
    return `<p class="revision">Revision 1: the first build into this folder — there is no previous build to compare with. The next build that changes an article shows what changed, here and on its page.</p>`;
  const latest = changes.articles.filter((a) => a.revision === changes.revision && a.status !== 'first');
  const added = latest.filter((a) => a.status === 'new');
  const changed = latest.filter((a) => a.status === 'changed');
  const link = (id: string) => `<a href="${articleHref(id, 'changes')}">${esc(id)}</a>`;
  const parts = [
    changed.length ? `changed ${changed.map((a) => `${link(a.id)} (${esc(diffCounts(diffOf(a)!)) || 'item places'})`).join(', ')}` : '',
    added.length ? `added ${added.map((a) => link(a.id)).join(', ')}` : '',
    changes.removed.length ? `removed ${changes.removed.map((r) => `<code>${esc(r.id)}</code>${r.last.path ? ` (${esc(r.last.path)})` : ''}`).join(', ')}` : '',
  ].filter(Boolean);
  return `<p class="revision">Revision ${changes.revision}, the last build that changed the dataset: ${parts.join('; ') || 'nothing listed'}. A build that changes nothing keeps the revision.</p>`;
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
  // Looked up once per row: a search of the list per row was quadratic in the dataset's size. The first of an id, as a search would find.
  const byId = new Map<string, ArticleChange>();
  for (const article of changes?.articles ?? []) if (!byId.has(article.id)) byId.set(article.id, article);
  const ok = rows.filter((r) => r.status === 'ok').length;
  // Records by id, then failed inputs by path: the order does not depend on folder layout.
  const key = (r: IndexRow) => (r.status === 'ok' && r.id ? `0${r.id}` : `1${r.path}`);
  const ordered = [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const body = ordered.map((row, n) => {
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
    const change = changeCell(row, changes, byId);
    const problemCount = row.errors * 1e6 + row.warnings;
    const months = `${row.period ? `<span class="period">${esc(row.period.start)} – ${esc(row.period.end)}</span>` : ''}${timeline(row)}<span class="muted">${row.months} month${row.months === 1 ? '' : 's'}${row.missingMonths.length ? `, ${row.missingMonths.length} missing` : ''}</span>`;
    return `<tr data-order="${n}" data-problems="${row.status !== 'ok' || row.errors + row.warnings > 0 ? 1 : 0}" data-latest="${change.latest ? 1 : 0}">
<th scope="row" data-label="Article" data-v="${esc(row.id ?? `~${row.path}`)}">${name}</th>
<td class="title" data-label="Title" data-v="${esc(row.titleEn ?? row.title ?? '')}">${title}</td>
<td data-label="Months" data-v="${esc(row.period ? `${row.period.start} ${String(row.months).padStart(4, '0')}` : '')}">${months}</td>
<td class="num" data-label="Items" data-v="${row.items}">${row.items}</td>
<td class="num" data-label="References (DOI)" data-v="${row.references}">${row.references} (${row.referencesWithDoi})</td>
<td class="num" data-label="Entities" data-v="${row.entities}">${row.entities}</td>
<td data-label="Diagnostics" data-v="${row.status === 'ok' ? problemCount : 1e12}">${row.status === 'ok' ? problems(row) : `<span class="sev error">failed</span><br><span class="rules">${Object.keys(row.problems).map((r) => `<code>${esc(r)}</code>`).join(', ')}</span>`}</td>
<td data-label="Changes" data-v="${change.sort}">${change.html}</td>
</tr>`;
  });
  const head = COLUMNS.map(
    (c, i) => `<th scope="col"${i === 0 ? ' aria-sort="ascending"' : ''}><button type="button" class="sort" data-col="${i}" data-numeric="${c.numeric ? 1 : 0}" disabled>${esc(c.label)}<span class="arrow" aria-hidden="true"></span></button></th>`,
  ).join('');
  const sortOptions = COLUMNS.flatMap((c, i) => [`<option value="${i}:asc">${esc(c.label)} ↑</option>`, `<option value="${i}:desc">${esc(c.label)} ↓</option>`]).join('');
  const search = options.search
    ? `<section class="search panel" role="search">
<h2 id="search-h"><label for="q">Search all articles</label></h2>
<input id="q" type="search" autocomplete="off" spellcheck="false" disabled aria-describedby="q-help" aria-controls="q-results" placeholder="a disease, drug, journal, DOI, paper title, institution…">
<p id="q-help" class="muted">Finds entities (in Chinese or English), journals, DOIs, paper titles, institutions, countries, dates and articles. ↓ moves into the results, Esc clears.</p>
<div id="q-results" aria-live="polite"></div>
</section>
<script type="application/json" id="search-data">${jsonForScript(options.search)}</script>`
    : '';
  const html = `<header>
<h1>Digest review: ${rows.length} article${rows.length === 1 ? '' : 's'}</h1>
<p>Pipeline <code>${esc(pipelineName)}</code>: ${ok} record${ok === 1 ? '' : 's'}, ${rows.length - ok} failed. Each article's page shows what the pipeline understood and what it doubts; its source page, the text beside what became of it.</p>
${changeSummary(changes)}
</header>
<main id="main">
${search}
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
${body.join('\n')}
</tbody>
</table>
</main>
<footer>Written by digest-ingest. Static pages: they load nothing from the network.</footer>`;
  return page({ lang: 'en', title: `Digest review — ${pipelineName}`, body: html, bodyClass: 'index', script: true });
}
