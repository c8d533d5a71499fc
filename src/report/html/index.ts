import type { InputSummary } from '../../dataset/entry.js';
import { esc, page } from './html.js';

/** What the index shows of one input: a manifest row (the summary's fields, counts flattened). */
export type IndexRow = Pick<InputSummary, 'path' | 'id' | 'status' | 'title' | 'titleEn' | 'topic' | 'period' | 'missingMonths' | 'outOfOrderMonths'> &
  InputSummary['counts'] & { timeline: string[]; problems: Record<string, number> };

function timeline(row: IndexRow): string {
  if (row.timeline.length === 0) return '<span class="year">no months</span>';
  // The record's own missing and out-of-order months: the index shows what the record says.
  const { missingMonths: missing, outOfOrderMonths: outOfOrder } = row;
  const years = [...new Set([...row.timeline, ...missing].map((m) => m.slice(0, 4)))].sort().slice(0, 20);
  const present = new Set(row.timeline);
  const gaps = new Set(missing);
  const late = new Set(outOfOrder);
  const label = [`months ${row.timeline.join(', ')}`, missing.length ? `missing ${missing.join(', ')}` : '', outOfOrder.length ? `out of order ${outOfOrder.join(', ')}` : ''].filter(Boolean).join('; ');
  const strips = years.map((year) => {
    const cells = Array.from({ length: 12 }, (_, i) => {
      const month = `${year}-${String(i + 1).padStart(2, '0')}`;
      const cls = [present.has(month) ? 'on' : gaps.has(month) ? 'gap' : '', late.has(month) ? 'late' : ''].filter(Boolean).join(' ');
      return `<span${cls ? ` class="${cls}"` : ''} title="${month}${present.has(month) ? '' : gaps.has(month) ? ' missing' : ''}"></span>`;
    });
    return `<div><span class="year">${year}</span><span class="timeline">${cells.join('')}</span></div>`;
  });
  return `<div role="img" aria-label="${esc(label)}">${strips.join('')}</div>`;
}

function problems(row: IndexRow): string {
  const rules = Object.entries(row.problems)
    .map(([rule, n]) => `<code>${esc(rule)}</code>${n > 1 ? ` ×${n}` : ''}`)
    .join(', ');
  const counts = [row.errors ? `<span class="sev error">${row.errors} error${row.errors === 1 ? '' : 's'}</span>` : '', row.warnings ? `<span class="sev warning">${row.warnings} warning${row.warnings === 1 ? '' : 's'}</span>` : '']
    .filter(Boolean)
    .join(' ');
  return counts ? `${counts}<br>${rules}` : 'none';
}

/**
 * The index of a dataset's review pages: every input with its topic, period, a month
 * timeline (missing and out-of-order months marked), counts and diagnostics, linking to each
 * article's page; records by id, then failed inputs. Made from manifest rows only, so merged shards get the same index.
 */
export function renderIndexPage(rows: readonly IndexRow[], pipelineName: string): string {
  const ok = rows.filter((r) => r.status === 'ok').length;
  // Records by id, then failed inputs by path: the order does not depend on folder layout.
  const key = (r: IndexRow) => (r.status === 'ok' && r.id ? `0${r.id}` : `1${r.path}`);
  const ordered = [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const body = ordered.map((row) => {
    const name = row.id && row.status === 'ok' ? `<a href="${esc(encodeURIComponent(row.id))}.html">${esc(row.id)}</a>` : `<span class="failed">failed</span><br><code>${esc(row.path)}</code>`;
    const title = row.title ? `<span lang="zh">${esc(row.title)}</span>${row.titleEn ? `<br><span lang="en">${esc(row.titleEn)}</span>` : ''}` : '';
    const topic = row.topic ? [row.topic.therapy, row.topic.disease?.label].filter(Boolean).map(esc).join(' · ') : '';
    return `<tr>
<th scope="row">${name}</th>
<td class="title">${title}</td>
<td>${topic}</td>
<td>${row.period ? `${esc(row.period.start)} – ${esc(row.period.end)}` : ''}</td>
<td>${timeline(row)}</td>
<td class="num">${row.months}</td><td class="num">${row.items}</td><td class="num">${row.references} (${row.referencesWithDoi})</td><td class="num">${row.entities}</td>
<td>${problems(row)}</td>
</tr>`;
  });
  const html = `<header>
<h1>Digest review: ${rows.length} article${rows.length === 1 ? '' : 's'}</h1>
<p>Pipeline <code>${esc(pipelineName)}</code>: ${ok} record${ok === 1 ? '' : 's'}, ${rows.length - ok} failed. Each article's page shows what the pipeline understood and what it doubts.</p>
</header>
<main id="main">
<p>Timeline: <span class="timeline" style="display:inline-grid;grid-template-columns:repeat(3,.9rem)"><span class="on"></span><span class="gap"></span><span></span></span> a month with a section, a month missing within the period, a month outside it; an outlined month comes after a later one.</p>
<div class="scroll">
<table>
<caption class="skip">Articles, their months, counts and diagnostics</caption>
<thead><tr><th scope="col">Article</th><th scope="col">Title</th><th scope="col">Topic</th><th scope="col">Period</th><th scope="col">Months</th><th scope="col">Months found</th><th scope="col">Items</th><th scope="col">References (with DOI)</th><th scope="col">Entities</th><th scope="col">Diagnostics</th></tr></thead>
<tbody>
${body.join('\n')}
</tbody>
</table>
</div>
</main>
<footer>Written by digest-ingest. Static pages: they load nothing from the network.</footer>`;
  return page({ lang: 'en', title: `Digest review — ${pipelineName}`, body: html, bodyClass: 'index' });
}
