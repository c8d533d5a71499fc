import type { ArticleRecord, Diagnostic, Entity, Item, Reference, Section } from '../../generated/article.js';
import { compareDiagnostics } from '../../core/diagnostic.js';
import { esc, langOf, page, safeUrl } from './html.js';

/** Entity types in legend order. */
export const ENTITY_TYPES = ['disease', 'cell', 'molecule', 'drug', 'measure', 'organization', 'journal', 'country', 'other'] as const;

const kindLabels: Record<Section['kind'], string> = { intro: 'Introduction', month: 'Month', summary: 'Summary', outlook: 'Outlook', conclusion: 'Conclusion', other: 'Other' };

interface Span {
  start: number;
  end: number;
  html: string;
}

/** Where a diagnostic is shown: the id of the element it is attached to. */
type Placement = Map<number, string>;

type Point = { line: number; column: number };

function before(a: Point, b: Point): boolean {
  return a.line < b.line || (a.line === b.line && a.column < b.column);
}

/** Whether a point lies in a range whose end is exclusive (a range ends where the next begins). */
function contains(range: { start: Point; end: Point }, at: Point): boolean {
  return !before(at, range.start) && (before(at, range.end) || (range.start.line === range.end.line && range.start.column === range.end.column && at.line === range.start.line));
}

/** Attaches each diagnostic to the innermost item, reference or section whose lines hold it. */
function placeDiagnostics(record: ArticleRecord, diagnostics: Diagnostic[]): Placement {
  const placement: Placement = new Map();
  diagnostics.forEach((d, k) => {
    for (const [i, section] of record.sections.entries()) {
      const j = section.items.findIndex((item) => contains(item.position, d));
      if (j >= 0) return void placement.set(k, `s${i}-${j}`);
    }
    const ref = record.references.find((r) => contains(r.position, d));
    if (ref) return void placement.set(k, ref.id);
    const i = record.sections.findIndex((s) => contains(s.position, d));
    if (i >= 0) placement.set(k, `s${i}`);
  });
  return placement;
}

function diagnosticNote(d: Diagnostic, k: number): string {
  return `<p class="diag ${d.severity}" id="d${k}-at"><span class="sev ${d.severity}">${d.severity}</span> <a href="#d${k}">${d.line}:${d.column}</a> ${esc(d.message)} <code>${esc(d.rule)}</code></p>`;
}

function notesFor(target: string, diagnostics: Diagnostic[], placement: Placement): string {
  return diagnostics.map((d, k) => (placement.get(k) === target ? diagnosticNote(d, k) : '')).join('');
}

function citationLinks(marker: string, known: Set<number>): string {
  return esc(marker).replace(/\d{1,5}/g, (n) => (known.has(Number(n)) ? `<a class="cite" href="#ref-${n}" aria-label="reference ${n}">${n}</a>` : n));
}

/**
 * An item's text with entity mentions and citation markers marked up. Mentions carry source
 * offsets (of the raw file, markup included), so they are found again in the item's text in
 * order; one that is not found is left unmarked rather than misplaced.
 */
function richText(item: Item, entities: Map<string, Entity>, known: Set<number>): string {
  const text = item.text;
  const spans: Span[] = [];
  let cursor = 0;
  for (const mention of [...item.entities].sort((a, b) => a.start - b.start)) {
    const entity = mention.entity ? entities.get(mention.entity) : undefined;
    if (!entity) continue;
    const at = text.indexOf(mention.text, cursor);
    if (at < 0 || mention.text.length === 0) continue;
    spans.push({
      start: at,
      end: at + mention.text.length,
      html: `<mark class="ent ${esc(entity.type)}" data-entity="${esc(entity.id)}" title="${esc(`${entity.type}: ${entity.label}`)}">${esc(mention.text)}</mark>`,
    });
    cursor = at + mention.text.length;
  }
  for (const m of text.matchAll(/\[\d{1,5}(?:\s{0,2}[-–,，、]\s{0,2}\d{1,5}){0,20}\]/g)) {
    const start = m.index;
    const end = start + m[0].length;
    if (spans.some((s) => s.start < end && start < s.end)) continue;
    spans.push({ start, end, html: citationLinks(m[0], known) });
  }
  spans.sort((a, b) => a.start - b.start);
  let html = '';
  let at = 0;
  for (const span of spans) {
    html += esc(text.slice(at, span.start)) + span.html;
    at = span.end;
  }
  return html + esc(text.slice(at));
}

function renderItem(item: Item, id: string, ctx: Context): string {
  const mentioned = [...new Set(item.entities.map((m) => m.entity).filter((e): e is string => typeof e === 'string'))].sort();
  const paper = item.paperTitle
    ? `<p class="paper">《<span lang="${ctx.lang}">${esc(item.paperTitle)}</span>》${item.paperTitleEn ? `<span class="en" lang="en">${esc(item.paperTitleEn)}</span>` : ''}</p>`
    : '';
  const journal = item.journal ? ` · <span>${esc(item.journal)}</span>` : '';
  return `<article class="item" id="${id}" data-entities="${esc(mentioned.join(' '))}" aria-labelledby="${id}-h">
<h3 id="${id}-h"><span class="date">${esc(item.date)}</span>${journal}</h3>
${paper}<p class="text" lang="${ctx.lang}">${richText(item, ctx.entities, ctx.known)}</p>
${notesFor(id, ctx.diagnostics, ctx.placement)}</article>`;
}

function renderSection(section: Section, i: number, ctx: Context): string {
  const id = `s${i}`;
  const heading = section.heading ?? section.headingEn ?? kindLabels[section.kind];
  const en = section.heading && section.headingEn ? `<span class="en" lang="en">${esc(section.headingEn)}</span>` : '';
  const prose = section.text ? `<p class="prose" lang="${ctx.lang}">${esc(section.text)}</p>` : '';
  return `<section class="section ${esc(section.kind)}" id="${id}" aria-labelledby="${id}-h">
<h2 id="${id}-h"><span lang="${section.heading ? ctx.lang : 'en'}">${esc(heading)}</span>${en}</h2>
${notesFor(id, ctx.diagnostics, ctx.placement)}${prose}
${section.items.map((item, j) => renderItem(item, `${id}-${j}`, ctx)).join('\n')}
</section>`;
}

function referenceLinks(reference: Reference): string {
  const csl = reference.csl as Record<string, unknown>;
  const links: string[] = [];
  if (typeof csl.DOI === 'string') links.push(`<a href="${esc(`https://doi.org/${encodeURI(csl.DOI)}`)}">DOI ${esc(csl.DOI)}</a>`);
  if (typeof csl.PMID === 'string' && /^\d{1,9}$/.test(csl.PMID)) links.push(`<a href="https://pubmed.ncbi.nlm.nih.gov/${csl.PMID}/">PMID ${csl.PMID}</a>`);
  if (typeof csl.PMCID === 'string' && /^PMC\d{1,9}$/.test(csl.PMCID)) links.push(`<a href="https://www.ncbi.nlm.nih.gov/pmc/articles/${csl.PMCID}/">${csl.PMCID}</a>`);
  const url = safeUrl(csl.URL);
  if (url && !(typeof csl.DOI === 'string' && url.includes(csl.DOI))) links.push(`<a href="${esc(url)}">link</a>`);
  return links.length ? `<span class="links">${links.join(' ')}</span>` : '';
}

function renderReferences(record: ArticleRecord, ctx: Context): string {
  if (record.references.length === 0) return '';
  const items = record.references.map((r) => {
    const placeholder = r.placeholder ? ' <span class="placeholder">placeholder, not a citation</span>' : '';
    return `<li id="${esc(r.id)}" value="${r.number}"><span lang="${/[\u3400-\u9fff]/.test(r.raw) ? ctx.lang : 'en'}">${esc(r.raw)}</span>${placeholder}<br>${referenceLinks(r)}${notesFor(r.id, ctx.diagnostics, ctx.placement)}</li>`;
  });
  return `<section id="references" aria-labelledby="references-h">
<h2 id="references-h">References</h2>
<ol class="refs">
${items.join('\n')}
</ol>
</section>`;
}

function renderEntityPanel(record: ArticleRecord): string {
  if (record.entities.length === 0) return '';
  const byType = new Map<string, Entity[]>();
  for (const entity of record.entities) byType.set(entity.type, [...(byType.get(entity.type) ?? []), entity]);
  const types = ENTITY_TYPES.filter((t) => byType.has(t));
  const legend = types.map((t) => `<li><mark class="ent ${t}">${t}</mark> ${byType.get(t)!.length}</li>`).join('');
  const groups = types
    .map((t) => {
      const options = [...byType.get(t)!]
        .sort((a, b) => b.mentions.length - a.mentions.length || (a.label < b.label ? -1 : 1))
        .map((e) => `<option value="${esc(e.id)}" data-label="${esc(e.label)}">${esc(e.label)} (${e.mentions.length})</option>`)
        .join('');
      return `<optgroup label="${t}">${options}</optgroup>`;
    })
    .join('');
  return `<section class="panel" aria-labelledby="entities-h">
<h2 id="entities-h">Entities</h2>
<p>Mentions are highlighted by type; hover or focus a mention for its entity.</p>
<ul class="legend" aria-label="Legend">${legend}</ul>
<label for="entity-filter">Show the items that mention</label>
<select id="entity-filter" disabled><option value="">every entity (all items)</option>${groups}</select>
<p id="filter-status" role="status" aria-live="polite"></p>
</section>`;
}

function renderDiagnostics(ctx: Context, record: ArticleRecord): string {
  const where = (k: number): string => {
    const target = ctx.placement.get(k);
    if (!target) return '';
    const label = target.startsWith('ref-') ? `reference ${target.slice(4)}` : target.includes('-') ? 'its item' : 'its section';
    return ` <a href="#d${k}-at">shown at ${label}</a>`;
  };
  const rows = ctx.diagnostics.map(
    (d, k) => `<li id="d${k}"><span class="sev ${d.severity}">${d.severity}</span> <code>${esc(record.source.path ?? record.id)}:${d.line}:${d.column}</code> ${esc(d.message)} <code>[${esc(d.rule)}]</code>${where(k)}</li>`,
  );
  return `<section id="diagnostics" aria-labelledby="diagnostics-h">
<h2 id="diagnostics-h">Diagnostics (${ctx.diagnostics.length})</h2>
${rows.length ? `<ol>\n${rows.join('\n')}\n</ol>` : '<p>None: the pipeline found nothing to doubt.</p>'}
</section>`;
}

interface Context {
  lang: string;
  entities: Map<string, Entity>;
  known: Set<number>;
  diagnostics: Diagnostic[];
  placement: Placement;
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * The review page of one record: months and items in order, entity mentions highlighted with
 * a legend and a filter, citations linked to references, identifiers linked, the English title
 * beside the Chinese one, every diagnostic at its place and in a list. Static and
 * self-contained; every piece of text is escaped.
 */
export function renderArticlePage(record: ArticleRecord): string {
  const diagnostics = [...record.diagnostics].sort(compareDiagnostics);
  const ctx: Context = {
    lang: langOf(record.language, record.script),
    entities: new Map(record.entities.map((e) => [e.id, e])),
    known: new Set(record.references.map((r) => r.number)),
    diagnostics,
    placement: placeDiagnostics(record, diagnostics),
  };
  const months = record.sections.filter((s) => s.kind === 'month');
  const items = record.sections.reduce((n, s) => n + s.items.length, 0);
  const withDoi = record.references.filter((r) => typeof r.csl.DOI === 'string').length;
  const severity = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) severity[d.severity]++;
  const toc = record.sections
    .map((s, i) => (s.kind === 'month' || s.items.length ? `<li><a href="#s${i}">${esc(s.month ?? s.headingEn ?? s.kind)}</a></li>` : ''))
    .join('');
  const topic = record.topic ? [record.topic.therapy, record.topic.disease?.label].filter(Boolean).join(' · ') : '';
  const unplaced = diagnostics.map((d, k) => (ctx.placement.has(k) ? '' : diagnosticNote(d, k))).join('');
  const body = `<header>
<p><a href="index.html">All articles</a> · <code>${esc(record.id)}</code> · ${esc(record.source.path ?? 'standard input')} (${esc(record.source.format)}, ${esc(record.source.encoding)})</p>
<h1><span lang="${ctx.lang}">${esc(record.title ?? record.id)}</span>${record.titleEn ? `<span class="en" lang="en">${esc(record.titleEn)}</span>` : ''}</h1>
<ul class="meta">
${topic ? `<li>Topic: ${esc(topic)}</li>` : ''}${record.period ? `<li>Period: ${esc(record.period.start)} – ${esc(record.period.end)}</li>` : ''}
<li>${count(months.length, 'month')} · ${count(items, 'item')} · ${count(record.references.length, 'reference')} (${withDoi} with DOI) · ${count(record.entities.length, 'entity').replace('entitys', 'entities')}</li>
<li>${count(severity.error, 'error')}, ${count(severity.warning, 'warning')}, ${severity.info} info</li>
</ul>
</header>
<nav class="toc" aria-label="Sections">
<ol>${toc}${record.references.length ? '<li><a href="#references">References</a></li>' : ''}<li><a href="#diagnostics">Diagnostics</a></li></ol>
</nav>
<main id="main">
${unplaced ? `<section class="panel" aria-label="Diagnostics about the whole article">${unplaced}</section>` : ''}
${renderEntityPanel(record)}
${record.sections.map((s, i) => renderSection(s, i, ctx)).join('\n')}
${renderReferences(record, ctx)}
${renderDiagnostics(ctx, record)}
</main>
<footer>Written by digest-ingest (record schema ${esc(record.schemaVersion)}) from ${esc(record.source.path ?? 'standard input')}, SHA-256 <code>${esc(record.source.sha256.slice(0, 12))}</code>. A static page: it loads nothing from the network.</footer>`;
  return page({ lang: 'en', title: `${record.title ?? record.id} — digest review`, body, script: record.entities.length > 0 });
}
