import type { ArticleRecord, Diagnostic, Entity, Facts, Item, Reference, Section } from '../../generated/article.js';
import type { ArticleChange } from '../../generated/changes.js';
import { compareDiagnostics } from '../../core/diagnostic.js';
import { byStart, distinctSorted, ordered } from '../../core/order.js';
import { matchesOf } from '../../core/text.js';
import { diffOf, fieldChange, itemLine, type ArticleDiff, type ItemChange } from './changes.js';
import { esc, joined, langOf, pagePieces, safeUrl } from './html.js';

/** Entity types in legend order. */
export const ENTITY_TYPES = ['disease', 'cell', 'molecule', 'drug', 'measure', 'organization', 'journal', 'country', 'other'] as const;

/** Section kinds in words; a kind not listed (a newer schema's) is shown as it is named. */
const kindLabels: Readonly<Record<string, string>> = { intro: 'Introduction', month: 'Month', year: 'Year', summary: 'Summary', outlook: 'Outlook', conclusion: 'Conclusion', other: 'Other' };

interface Span {
  start: number;
  end: number;
  html: string;
}

/** Where a diagnostic is shown: the id of the element it is attached to. */
export type Placement = Map<number, string>;

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
  const sections = record.sections;
  // Indexed loops, not `forEach`, `sections.entries()`, `find(…)` and `findIndex(…)`: baseline code
  // allocates an iterator result, an entry and a closure at each step (BENCHMARKS.md, "loops
  // without iterators"), and V8 optimises a closure made per call again after every full collection
  // (changes 59 and 64).
  for (let k = 0; k < diagnostics.length; k++) {
    const place = placeOf(record, sections, diagnostics[k]!);
    if (place !== null) placement.set(k, place);
  }
  return placement;
}

/** The anchor of the innermost item, reference or section whose lines hold the point `d`, or null. */
function placeOf(record: ArticleRecord, sections: ArticleRecord['sections'], d: Point): string | null {
  for (let i = 0; i < sections.length; i++) {
    const items = sections[i]!.items;
    for (let j = 0; j < items.length; j++) if (contains(items[j]!.position, d)) return `s${i}-${j}`;
  }
  const refs = record.references;
  for (let r = 0; r < refs.length; r++) if (contains(refs[r]!.position, d)) return refs[r]!.id;
  for (let i = 0; i < sections.length; i++) if (contains(sections[i]!.position, d)) return `s${i}`;
  return null;
}

/** The source page of a record, at a line. */
function sourceHref(ctx: Pick<Context, 'id'>, line: number): string {
  return `${esc(encodeURIComponent(ctx.id))}.source.html#L${line}`;
}

/** A link to where something starts in the source ("source 96–106"). */
function sourceLink(ctx: Context, range: { start: Point; end: Point }): string {
  const last = range.end.column === 1 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line;
  const lines = last > range.start.line ? `${range.start.line}–${last}` : `${range.start.line}`;
  return `<a class="src-link" href="${sourceHref(ctx, range.start.line)}" aria-label="source, line${last > range.start.line ? 's' : ''} ${lines}">source ${lines}</a>`;
}

function diagnosticNote(d: Diagnostic, k: number, ctx: Pick<Context, 'id'>): string {
  return `<p class="diag ${d.severity}" id="d${k}-at"><span class="sev ${d.severity}">${d.severity}</span> <a href="${sourceHref(ctx, d.line)}" aria-label="${d.line}:${d.column} in the source">${d.line}:${d.column}</a> ${esc(d.message)} <code>${esc(d.rule)}</code> <a href="#d${k}">listed</a></p>`;
}

function notesFor(target: string, ctx: Context): string {
  return ctx.notes.get(target) ?? '';
}

/** Every placed diagnostic's note, joined by where it is placed (each item and section asks for its own: one pass over the diagnostics, not one a target). */
function notesByTarget(ctx: Omit<Context, 'notes' | 'marks'>): Map<string, string> {
  const notes = new Map<string, string>();
  ctx.diagnostics.forEach((d, k) => {
    const target = ctx.placement.get(k);
    if (target !== undefined) notes.set(target, (notes.get(target) ?? '') + diagnosticNote(d, k, ctx));
  });
  return notes;
}

function citationLinks(marker: string, known: Set<number>): string {
  return esc(marker).replace(/\d{1,5}/g, (n) => (known.has(Number(n)) ? `<a class="cite" href="#ref-${n}" aria-label="reference ${n}">${n}</a>` : n));
}

/** A clause of an item's text that outcomes were read from: its range, its element id, the outcomes it holds. */
interface Clause {
  start: number;
  end: number;
  id: string;
  outcomes: number[];
}

/**
 * Finds the clause each outcome was read from in the item's text (its first occurrence). A
 * clause is widened to hold any mark it cuts through; one that overlaps an earlier clause
 * shares that clause. Returns the clauses in text order and, for each outcome, its clause's id
 * (null when its clause is not in the text).
 */
function clausesOf(item: Item, itemId: string, spans: readonly Span[]): { clauses: Clause[]; of: (string | null)[] } {
  const clauses: Clause[] = [];
  const of: (string | null)[] = [];
  (item.facts?.outcomes ?? []).forEach((outcome, n) => {
    let start = outcome.text ? item.text.indexOf(outcome.text) : -1;
    if (start < 0) return void of.push(null);
    let end = start + outcome.text.length;
    for (let k = 0; k < spans.length; k++) {
      const s = spans[k]!;
      if (s.start < start && s.end > start) start = s.start;
      if (s.start < end && s.end > end) end = s.end;
    }
    const overlapping = clauses.find((c) => c.start < end && start < c.end);
    if (overlapping) {
      overlapping.outcomes.push(n);
      return void of.push(overlapping.id);
    }
    const clause = { start, end, id: `${itemId}-c${n}`, outcomes: [n] };
    clauses.push(clause);
    of.push(clause.id);
  });
  clauses.sort(byStart);
  return { clauses, of };
}

/**
 * An item's text with entity mentions, citation markers and the clauses outcomes were read
 * from marked up. Mentions carry source offsets (of the raw file, markup included), so they are
 * found again in the item's text in order; one that is not found is left unmarked rather than misplaced.
 *
 * Written as small functions, one a kind of piece, so that what V8 compiles for a page is small
 * (issue 17: each build worker compiled this function whole, its callees inlined, the largest
 * TurboFan compile of a build — BENCHMARKS.md, changes 151 and 152): the marks are found by
 * {@link markedSpans}, and an item with no outcome (most of them) is written by {@link plainHtml}
 * alone; the clauses' code runs only for an item that has outcomes.
 */
function richText(item: Item, itemId: string, ctx: Context): { html: string; clauseOf: (string | null)[] } {
  const spans = markedSpans(item, ctx);
  const outcomes = item.facts?.outcomes;
  if (outcomes === undefined || outcomes.length === 0) return { html: plainHtml(item.text, spans), clauseOf: [] };
  const { clauses, of } = clausesOf(item, itemId, spans);
  return { html: clauses.length === 0 ? plainHtml(item.text, spans) : clausedHtml(item.text, spans, clauses, itemId), clauseOf: of };
}

/**
 * The marks of an item's text in text order: its mentions of known entities, then the citation
 * markers no mention overlaps. They never overlap one another: a mention is looked for after the
 * last one found, a marker that overlaps a span is left out.
 */
function markedSpans(item: Item, ctx: Context): Span[] {
  const text = item.text;
  const spans: Span[] = [];
  let cursor = 0;
  // Items' mentions come in text order (the entities stage places them so): `ordered` copies nothing then.
  // Indexed loops throughout: baseline code allocates an iterator result at each step of a `for … of`.
  const mentions = ordered(item.entities, byStart);
  for (let k = 0; k < mentions.length; k++) {
    const mention = mentions[k]!;
    const open = mention.entity ? ctx.marks.get(mention.entity) : undefined;
    if (open === undefined) continue;
    const at = text.indexOf(mention.text, cursor);
    if (at < 0 || mention.text.length === 0) continue;
    spans.push({ start: at, end: at + mention.text.length, html: `${open}${esc(mention.text)}</mark>` });
    cursor = at + mention.text.length;
  }
  const markers = matchesOf(text, citationMarkers);
  if (markers.length > 0) addCitations(spans, markers, ctx.known);
  return spans.sort(byStart);
}

/** "[3]", "[1-4, 7]": a citation marker in an item's text. */
const citationMarkers = /\[\d{1,5}(?:\s{0,2}[-–,，、]\s{0,2}\d{1,5}){0,20}\]/g;

/** Adds a span for each citation marker of `markers` that overlaps no span already there. */
function addCitations(spans: Span[], markers: readonly RegExpExecArray[], known: Set<number>): void {
  for (let k = 0; k < markers.length; k++) {
    const m = markers[k]!;
    const start = m.index;
    const end = start + m[0].length;
    if (overlapsAny(spans, start, end)) continue;
    spans.push({ start, end, html: citationLinks(m[0], known) });
  }
}

/** `text` with its spans (in order, none overlapping) written as their marks and the text between them escaped. */
function plainHtml(text: string, spans: readonly Span[]): string {
  let html = '';
  let at = 0;
  for (let k = 0; k < spans.length; k++) {
    const span = spans[k]!;
    if (span.start > at) html += esc(text.slice(at, span.start));
    html += span.html;
    at = span.end;
  }
  return at < text.length ? html + esc(text.slice(at)) : html;
}

/**
 * {@link plainHtml} with each clause (in order, none overlapping, none cutting a span:
 * {@link clausesOf}) wrapped in its element, closed by the links to its outcomes. Where one
 * clause ends and the next begins, the first is closed before the next opens.
 */
function clausedHtml(text: string, spans: readonly Span[], clauses: readonly Clause[], itemId: string): string {
  let html = '';
  let at = 0;
  let s = 0;
  let c = 0;
  let open: Clause | null = null;
  for (;;) {
    if (open !== null && open.end === at) {
      html += clauseEnd(open, itemId);
      open = null;
    }
    if (open === null && c < clauses.length && clauses[c]!.start === at) {
      open = clauses[c++]!;
      html += `<span class="clause" id="${open.id}" tabindex="-1">`;
    }
    if (at >= text.length) return html;
    if (s < spans.length && spans[s]!.start === at) {
      html += spans[s]!.html;
      at = spans[s++]!.end;
      continue;
    }
    // The text up to the next span, or the open clause's end, or the next clause's start.
    let next = s < spans.length ? spans[s]!.start : text.length;
    if (open !== null) next = Math.min(next, open.end);
    else if (c < clauses.length) next = Math.min(next, clauses[c]!.start);
    html += esc(text.slice(at, next));
    at = next;
  }
}

/** The links to a clause's outcomes and its closing tag. */
function clauseEnd(clause: Clause, itemId: string): string {
  let links = '';
  for (let k = 0; k < clause.outcomes.length; k++) {
    const n = clause.outcomes[k]!;
    links += `<a class="cn" href="#${itemId}-o${n}" aria-label="outcome ${n + 1}">${n + 1}</a>`;
  }
  return `${links}</span>`;
}

// The marks are asked for each citation: a loop, where a callback (`some`) closing over the
// marker was a closure and its context allocated each time (BENCHMARKS.md, "fewer allocations in
// the pipeline"); indexed, as a `for … of` in baseline code allocates an iterator result a step.

/** Whether a span of `spans` overlaps [start, end). */
function overlapsAny(spans: readonly Span[], start: number, end: number): boolean {
  for (let k = 0; k < spans.length; k++) if (spans[k]!.start < end && start < spans[k]!.end) return true;
  return false;
}

/**
 * The opening tag of each entity's mentions by its id, made once a page (an article has ~100
 * entities and ~3 mentions of each), before the items: made on a mention's first need, its
 * escaping was compiled into the loop over every mention (issue 17).
 */
function markOpenings(entities: readonly Entity[]): Map<string, string> {
  const marks = new Map<string, string>();
  for (let k = 0; k < entities.length; k++) {
    const entity = entities[k]!;
    marks.set(entity.id, `<mark class="ent ${esc(entity.type)}" data-entity="${esc(entity.id)}" title="${esc(`${entity.type}: ${entity.label}`)}">`);
  }
  return marks;
}

/** "100%", "≈1.88 (from 4.69)": an outcome's value as written. */
function outcomeValue(o: Facts['outcomes'][number]): string {
  const unit = o.unit === null ? '' : o.unit === '%' ? '%' : ` ${o.unit}`;
  return `${o.approximate ? '≈' : ''}${o.value}${unit}${o.baseline !== null ? ` (from ${o.baseline}${unit})` : ''}`;
}

/** An outcome's row in an item's facts: its measure, value, time, comparator and population, linked to its clause (`clause`: its id, or none found). */
function outcomeRow(o: Facts['outcomes'][number], n: number, itemId: string, clause: string | null | undefined, lang: string): string {
  const parts = [
    o.timepoint ? `<span class="k">at</span> ${esc(o.timepoint)}` : '',
    o.comparator ? `<span class="k">vs</span> <span lang="${lang}">${esc(o.comparator)}</span>` : '',
    o.population ? `<span class="k">in</span> ${esc(o.population)}` : '',
  ].filter(Boolean);
  const from = clause ? `<a class="clause-link" href="#${clause}" data-clause="${clause}">the clause</a>` : '<span class="muted">clause not found in the text</span>';
  return `<li id="${itemId}-o${n}" data-clause="${clause ?? ''}"><span class="measure">${esc(o.measure)}</span> <span class="value">${esc(outcomeValue(o))}</span>${parts.length ? ` ${parts.join(' ')}` : ''}<br><span class="from">from ${from}: <q lang="${lang}">${esc(o.text)}</q></span></li>`;
}

/** The facts of an item beside its text: institution, country, and each outcome with its measure, value, time, comparator and population, linked to the clause it was read from. */
function renderFacts(item: Item, itemId: string, clauseOf: (string | null)[], ctx: Context): string {
  const facts = item.facts;
  if (!facts) return '';
  const institution = facts.institution
    ? `<span lang="${ctx.lang}">${esc(facts.institution.text)}</span>${facts.institution.label ? `<br><span class="en" lang="en">${esc(facts.institution.label)}</span>` : ' <span class="muted">(not in the lexicon)</span>'}`
    : '<span class="muted">none found</span>';
  // A loop writing the rows, not `map(…)` and its `join`: the array V8's optimised `map` makes is
  // holey, another map than the one its reader saw, and `renderItem` (this inlined into it) was
  // thrown away at its first page compiled (issue 17: BENCHMARKS.md, "arrays made by map").
  const outcomes = facts.outcomes;
  let rows = '';
  for (let n = 0; n < outcomes.length; n++) rows += outcomeRow(outcomes[n]!, n, itemId, clauseOf[n], ctx.lang);
  return `<aside class="facts" aria-label="Facts extracted from this item">
<dl><dt>Institution</dt><dd>${institution}</dd><dt>Country</dt><dd>${facts.country ? esc(facts.country) : '<span class="muted">none found</span>'}</dd></dl>
${outcomes.length ? `<p class="outcomes-h">Outcomes (${outcomes.length})</p><ol class="outcomes">${rows}</ol>` : '<p class="muted">No outcomes found.</p>'}
</aside>`;
}

/** What the last change did to an item: a badge, and for a changed item what changed. */
function changeNote(itemId: string, ctx: Context): { badge: string; note: string; cls: string } {
  const diff = ctx.diff;
  if (!diff) return { badge: '', note: '', cls: '' };
  if (diff.added.some((i) => i.at === itemId)) return { badge: ' <span class="badge new">new</span>', note: '', cls: ' is-new' };
  const change: ItemChange | undefined = diff.changed.find((c) => c.after.at === itemId);
  if (!change) return { badge: '', note: '', cls: '' };
  return {
    badge: ' <span class="badge changed">changed</span>',
    note: `<p class="change-note">Changed in revision ${ctx.change!.revision}: ${change.fields.map((f) => fieldChange(change, f)).join('; ')}.</p>`,
    cls: ' is-changed',
  };
}

const entityOf = (mention: Item['entities'][number]): string | null | undefined => mention.entity;

/** An item of a section: its date, journal, source link, paper title, marked-up text, notes and facts. Exported for its test. */
export function renderItem(item: Item, id: string, ctx: Context): string {
  const mentioned = distinctSorted(item.entities, entityOf);
  const paper = item.paperTitle
    ? `<p class="paper">《<span lang="${ctx.lang}">${esc(item.paperTitle)}</span>》${item.paperTitleEn ? `<span class="en" lang="en">${esc(item.paperTitleEn)}</span>` : ''}</p>`
    : '';
  const journal = item.journal ? ` · <span>${esc(item.journal)}</span>` : '';
  const { html, clauseOf } = richText(item, id, ctx);
  const change = changeNote(id, ctx);
  return `<article class="item${change.cls}" id="${id}" data-entities="${esc(mentioned.join(' '))}" aria-labelledby="${id}-h">
<h3 id="${id}-h"><span class="date">${esc(item.date)}</span>${journal}${change.badge} ${sourceLink(ctx, item.position)}</h3>
${change.note}<div class="item-body"><div class="item-main">
${paper}<p class="text" lang="${ctx.lang}">${html}</p>
${notesFor(id, ctx)}</div>
${renderFacts(item, id, clauseOf, ctx)}</div>
</article>`;
}

/** A section (the `i`-th): its heading, prose and items; `monthAnchors` the months given an anchor already. Exported for its test. */
export function renderSection(section: Section, i: number, ctx: Context, monthAnchors: Set<string>): string {
  const id = `s${i}`;
  const heading = section.heading ?? section.headingEn ?? kindLabels[section.kind] ?? section.kind;
  const en = section.heading && section.headingEn ? `<span class="en" lang="en">${esc(section.headingEn)}</span>` : '';
  const prose = section.text ? `<p class="prose" lang="${ctx.lang}">${esc(section.text)}</p>` : '';
  // The index's month squares lead to the first section of their month.
  let anchor = '';
  if (section.month && !monthAnchors.has(section.month)) {
    monthAnchors.add(section.month);
    anchor = `<span class="anchor" id="m-${esc(section.month)}"></span>`;
  }
  // Its items in a loop, not `map(…).join('\n')` (the optimised `map`'s holey array met its `join`
  // with another map: this function was thrown away; issue 17, BENCHMARKS.md, "arrays made by map").
  let items = '';
  for (let j = 0; j < section.items.length; j++) items += `${j > 0 ? '\n' : ''}${renderItem(section.items[j]!, `${id}-${j}`, ctx)}`;
  return `<section class="section ${esc(section.kind)}" id="${id}" aria-labelledby="${id}-h">
${anchor}<h2 id="${id}-h"><span lang="${section.heading ? ctx.lang : 'en'}">${esc(heading)}</span>${en}</h2>
${notesFor(id, ctx)}${prose}
${items}
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

/** A reference's entry in the list: its text, its identifiers' links, the items citing it (`citing`, in article order) and where it is in the source. */
function referenceItem(r: Reference, citing: readonly { id: string; date: string }[] | undefined, ctx: Context): string {
  const placeholder = r.placeholder ? ' <span class="placeholder">placeholder, not a citation</span>' : '';
  let back = '<span class="muted">Cited by no item</span>';
  if (citing !== undefined && citing.length > 0) {
    back = 'Cited by ';
    for (let k = 0; k < citing.length; k++) back += `${k > 0 ? ', ' : ''}<a class="backlink" href="#${citing[k]!.id}" aria-label="the item of ${esc(citing[k]!.date)} (${citing[k]!.id})">${esc(citing[k]!.date)}</a>`;
  }
  return `<li id="${esc(r.id)}" value="${r.number}"><span lang="${/[\u3400-\u9fff]/.test(r.raw) ? ctx.lang : 'en'}">${esc(r.raw)}</span>${placeholder}<br>${referenceLinks(r)}<span class="cited-by">${back} · ${sourceLink(ctx, r.position)}</span>${notesFor(r.id, ctx)}</li>`;
}

function renderReferences(record: ArticleRecord, ctx: Context): string {
  if (record.references.length === 0) return '';
  // Which items cite each reference, in article order.
  const citedBy = new Map<string, { id: string; date: string }[]>();
  record.sections.forEach((s, i) =>
    s.items.forEach((item, j) => {
      for (const ref of new Set(item.citations)) {
        const citing = citedBy.get(ref);
        if (citing) citing.push({ id: `s${i}-${j}`, date: item.date });
        else citedBy.set(ref, [{ id: `s${i}-${j}`, date: item.date }]);
      }
    }),
  );
  // Loops writing strings, not `map(…).join(…)` (issue 17: BENCHMARKS.md, "arrays made by map"):
  // the back-links' `join` was thrown away once its callback ran optimised.
  let items = '';
  for (let k = 0; k < record.references.length; k++) {
    const r = record.references[k]!;
    items += `${k > 0 ? '\n' : ''}${referenceItem(r, citedBy.get(r.id), ctx)}`;
  }
  return `<section id="references" aria-labelledby="references-h">
<h2 id="references-h">References</h2>
<ol class="refs">
${items}
</ol>
</section>`;
}

// At module scope, so V8 optimises each once (an arrow in the panel's code was made per page; BENCHMARKS.md, changes 59 and 64).
function byMentionsThenLabel(a: Entity, b: Entity): number {
  return b.mentions.length - a.mentions.length || (a.label < b.label ? -1 : 1);
}

function entityOption(e: Entity): string {
  return `<option value="${esc(e.id)}" data-label="${esc(e.label)}">${esc(e.label)} (${e.mentions.length})</option>`;
}

/** A type's entities as options, most mentioned first (sorts `list`, the panel's own). */
function entityOptions(list: Entity[]): string {
  list.sort(byMentionsThenLabel);
  let options = '';
  for (let k = 0; k < list.length; k++) options += entityOption(list[k]!);
  return options;
}

/** The entity types of `byType` in legend order, then those a newer schema's record may name, sorted. */
function typesInOrder(byType: Map<string, Entity[]>): string[] {
  const types: string[] = [];
  for (let k = 0; k < ENTITY_TYPES.length; k++) if (byType.has(ENTITY_TYPES[k]!)) types.push(ENTITY_TYPES[k]!);
  if (types.length < byType.size) types.push(...[...byType.keys()].filter((t) => !(ENTITY_TYPES as readonly string[]).includes(t)).sort());
  return types;
}

function renderEntityPanel(record: ArticleRecord): string {
  if (record.entities.length === 0) return '';
  const byType = new Map<string, Entity[]>();
  for (let k = 0; k < record.entities.length; k++) {
    const entity = record.entities[k]!;
    const list = byType.get(entity.type);
    if (list) list.push(entity);
    else byType.set(entity.type, [entity]);
  }
  // Loops writing strings, not `map(…).join('')`: V8's optimised `map` makes an array of another
  // map than its feedback saw, and this function was compiled again after its first `join` (issue 17).
  const types = typesInOrder(byType);
  let legend = '';
  let groups = '';
  for (let k = 0; k < types.length; k++) {
    const t = types[k]!;
    const list = byType.get(t)!;
    legend += `<li><mark class="ent ${esc(t)}">${esc(t)}</mark> ${list.length}</li>`;
    groups += `<optgroup label="${esc(t)}">${entityOptions(list)}</optgroup>`;
  }
  let mentions = 0;
  for (let k = 0; k < record.entities.length; k++) mentions += record.entities[k]!.mentions.length;
  return `<section class="panel" id="entities" aria-labelledby="entities-h">
<h2 id="entities-h">Entities</h2>
<p>${mentions} mention${mentions === 1 ? '' : 's'} of ${record.entities.length} entit${record.entities.length === 1 ? 'y' : 'ies'}, highlighted by type; hover or focus a mention for its entity.</p>
<ul class="legend" aria-label="Legend">${legend}</ul>
<p class="controls"><label><input type="checkbox" id="toggle-marks" checked disabled> Highlight entity mentions</label> <span class="muted">(remembered)</span></p>
<p class="controls"><label for="entity-filter">Show the items that mention</label>
<select id="entity-filter" disabled><option value="">every entity (all items)</option>${groups}</select></p>
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
  // The first diagnostic of each rule is where the index's rule links lead.
  const firstOfRule = new Set<string>();
  const rows = ctx.diagnostics.map((d, k) => {
    const ruleAnchor = firstOfRule.has(d.rule) ? '' : (firstOfRule.add(d.rule), `<span class="anchor" id="rule-${esc(d.rule)}"></span>`);
    return `<li id="d${k}">${ruleAnchor}<span class="sev ${d.severity}">${d.severity}</span> <a href="${sourceHref(ctx, d.line)}"><code>${esc(record.source.path ?? record.id)}:${d.line}:${d.column}</code></a> ${esc(d.message)} <code>[${esc(d.rule)}]</code>${where(k)}</li>`;
  });
  return `<section id="diagnostics" aria-labelledby="diagnostics-h">
<h2 id="diagnostics-h">Diagnostics (${ctx.diagnostics.length})</h2>
${rows.length ? `<p>Each position opens the source at that line.</p>\n<ol>\n${rows.join('\n')}\n</ol>` : '<p>None: the pipeline found nothing to doubt.</p>'}
</section>`;
}

/** The change panel: what the last change of the article did, item by item. */
function renderChanges(ctx: Context): string {
  const change = ctx.change;
  // The first build has nothing to compare with: the header says so in a line.
  if (!change || change.status === 'first') return '';
  let body: string;
  if (change.status === 'new') body = `<p><span class="badge new">new</span> Added in revision ${change.revision}: the previous build had no such article.</p>`;
  else {
    const diff = ctx.diff!;
    const list: string[] = [];
    if (diff.id) list.push(`<li>Id <code>${esc(diff.id.before)}</code> → <code>${esc(diff.id.after)}</code></li>`);
    if (diff.path) list.push(`<li>Input <code>${esc(diff.path.before ?? 'standard input')}</code> → <code>${esc(diff.path.after ?? 'standard input')}</code></li>`);
    if (diff.title) list.push(`<li>Title <span lang="${ctx.lang}">${esc(diff.title.before ?? '(none)')}</span> → <span lang="${ctx.lang}">${esc(diff.title.after ?? '(none)')}</span></li>`);
    for (const item of diff.added) list.push(`<li><span class="badge new">new</span> <a href="#${esc(item.at)}">${itemLine(item)}</a></li>`);
    for (const c of diff.changed) list.push(`<li><span class="badge changed">changed</span> <a href="#${esc(c.after.at)}">${itemLine(c.after)}</a>: ${c.fields.map((f) => fieldChange(c, f)).join('; ')}</li>`);
    for (const item of diff.removed)
      list.push(`<li><span class="badge removed">removed</span> ${itemLine(item)}${item.dois.length ? ` · ${item.dois.map((d) => `<code>${esc(d)}</code>`).join(', ')}` : ''}: <q lang="${ctx.lang}">${esc(item.excerpt)}…</q></li>`);
    for (const r of diff.references) {
      const what = r.kind === 'added' ? `new${r.after ? `, DOI <code>${esc(r.after)}</code>` : ''}` : r.kind === 'removed' ? `removed${r.before ? ` (DOI <code>${esc(r.before)}</code>)` : ''}` : `DOI ${r.before ? `<code>${esc(r.before)}</code>` : '(none)'} → ${r.after ? `<code>${esc(r.after)}</code>` : '(none)'}`;
      list.push(`<li>Reference <a href="#ref-${r.number}">[${r.number}]</a> ${what}</li>`);
    }
    body = `<p><span class="badge changed">changed</span> Changed in revision ${change.revision}, compared with the version before:</p>
<ul class="change-list">${list.join('') || '<li>Only the places of items moved.</li>'}</ul>`;
  }
  return `<section class="panel changes" id="changes" aria-labelledby="changes-h">
<h2 id="changes-h">Changes</h2>
${body}
<p class="muted">A build that changes nothing keeps what this shows; the index names the latest revision.</p>
</section>`;
}

/** What the renderers of an article page read: the record's id, language and references' numbers, its diagnostics placed, the entities' marks, its last change. Exported for the tests ({@link articleContext}). */
export interface Context {
  id: string;
  lang: string;
  known: Set<number>;
  diagnostics: Diagnostic[];
  placement: Placement;
  /** The notes of the diagnostics placed at each item or section ({@link notesByTarget}). */
  notes: Map<string, string>;
  /** Each entity's mark opening tag by its id ({@link markOpenings}). */
  marks: Map<string, string>;
  change: ArticleChange | null;
  diff: ArticleDiff | null;
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The context an article page's renderers read: its diagnostics in order and placed, their notes, the entities' marks, the change and its diff. Exported for the tests (a renderer asked alone). */
export function articleContext(record: ArticleRecord, change: ArticleChange | null): Context {
  const diagnostics = [...record.diagnostics].sort(compareDiagnostics);
  const placed: Omit<Context, 'notes' | 'marks'> = {
    id: record.id,
    lang: langOf(record.language, record.script),
    known: new Set(record.references.map((r) => r.number)),
    diagnostics,
    placement: placeDiagnostics(record, diagnostics),
    change,
    diff: diffOf(change),
  };
  return { ...placed, notes: notesByTarget(placed), marks: markOpenings(record.entities) };
}

/** Options of {@link renderArticlePage}. */
export interface ArticlePageOptions {
  /** The article's last change (the build's change view); without it the page has no change panel. */
  change?: ArticleChange | null;
}

/**
 * The review page of one record: months and items in order, each item's facts beside it with
 * the clause each outcome was read from marked in the text, entity mentions highlighted (a
 * remembered toggle turns them off) with a legend and a filter kept in the URL, citations linked
 * to references and references back to the items citing them, identifiers linked, the English
 * title beside the Chinese one, every diagnostic at its place and in a list — each position
 * opening the source page at its line — and, given the build's change view, what the article's
 * last change did. Static and self-contained; every piece of text is escaped.
 */
export function renderArticlePage(record: ArticleRecord, options: ArticlePageOptions = {}): string {
  return articlePagePieces(record, options).join('');
}

/** {@link renderArticlePage} as pieces in order, for a build to write one after another without joining them (io/utf8.ts). */
export function articlePagePieces(record: ArticleRecord, options: ArticlePageOptions = {}): string[] {
  const change = options.change ?? null;
  const ctx = articleContext(record, change);
  const diagnostics = ctx.diagnostics;
  const months = record.sections.filter((s) => s.kind === 'month');
  const items = record.sections.reduce((n, s) => n + s.items.length, 0);
  const withDoi = record.references.filter((r) => typeof r.csl.DOI === 'string').length;
  const severity = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) severity[d.severity]++;
  const toc = record.sections
    .map((s, i) => (s.kind === 'month' || s.items.length ? `<li><a href="#s${i}">${esc(s.month ?? s.headingEn ?? s.kind)}</a></li>` : ''))
    .join('');
  const topic = record.topic ? [record.topic.therapy, record.topic.disease?.label].filter(Boolean).join(' · ') : '';
  const unplaced = diagnostics.map((d, k) => (ctx.placement.has(k) ? '' : diagnosticNote(d, k, ctx))).join('');
  const status = change === null ? '' : change.status === 'first' ? '' : ` · <a href="#changes"><span class="badge ${change.status}">${change.status}</span> in revision ${change.revision}</a>`;
  const changeLine = change?.status === 'first' ? '<li>Changes: none — the first build into this folder, nothing to compare with</li>' : '';
  const monthAnchors = new Set<string>();
  const body = `<header>
<p><a href="index.html">All articles</a> · <code>${esc(record.id)}</code> · ${esc(record.source.path ?? 'standard input')} (${esc(record.source.format)}, ${esc(record.source.encoding)}) · <a href="${esc(encodeURIComponent(record.id))}.source.html">source</a>${status}</p>
<h1><span lang="${ctx.lang}">${esc(record.title ?? record.id)}</span>${record.titleEn ? `<span class="en" lang="en">${esc(record.titleEn)}</span>` : ''}</h1>
<ul class="meta">
${topic ? `<li>Topic: ${esc(topic)}</li>` : ''}${record.period ? `<li>Period: ${esc(record.period.start)} – ${esc(record.period.end)}</li>` : ''}
<li>${count(months.length, 'month')} · ${count(items, 'item')} · ${count(record.references.length, 'reference')} (${withDoi} with DOI) · ${count(record.entities.length, 'entity').replace('entitys', 'entities')}</li>
<li>${count(severity.error, 'error')}, ${count(severity.warning, 'warning')}, ${severity.info} info</li>
${changeLine}</ul>
</header>
<nav class="toc" aria-label="Sections">
<ol>${toc}${record.references.length ? '<li><a href="#references">References</a></li>' : ''}<li><a href="#diagnostics">Diagnostics</a></li>${change && change.status !== 'first' ? '<li><a href="#changes">Changes</a></li>' : ''}</ol>
</nav>
<main id="main">
${unplaced ? `<section class="panel" aria-label="Diagnostics about the whole article">${unplaced}</section>` : ''}
${renderChanges(ctx)}
${renderEntityPanel(record)}
`;
  const sections = record.sections.map((s, i) => renderSection(s, i, ctx, monthAnchors));
  const end = `
${renderReferences(record, ctx)}
${renderDiagnostics(ctx, record)}
</main>
<footer>Written by digest-ingest (record schema ${esc(record.schemaVersion)}) from ${esc(record.source.path ?? 'standard input')}, SHA-256 <code>${esc(record.source.sha256.slice(0, 12))}</code>. A static page: it loads nothing from the network.</footer>`;
  return pagePieces({ lang: 'en', title: `${record.title ?? record.id} — digest review`, body: [body, ...joined(sections, '\n'), end], script: true, bodyClass: 'article-page' });
}
