#!/usr/bin/env node
// Measures issue 13's table on the genre fixtures (tests/fixtures/genre-*): ingests each input with
// the default pipeline and compares the record with what its expect.md says a correct reading gives.
// Usage: npm run build && node scripts/genre-measures.mjs [--detail]
// Read-only: writes nothing; prints one table (and with --detail, what each fixture misses).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { ingest } = await import(join(root, 'dist/src/index.js'));
const detail = process.argv.includes('--detail');

/** One `## Heading` section of an expect.md, up to the next. */
const section = (text, heading) => new RegExp(`^## ${heading}\\s*$([\\s\\S]*?)(?=^## |(?![\\s\\S]))`, 'm').exec(text)?.[1] ?? '';
/** "- left → right" lines of a section. */
const arrows = (text) => [...text.matchAll(/^- (.+?) → (.+?)\s*$/gm)].map((m) => [m[1], m[2]]);
/** The rows of the first Markdown table whose header has the given columns, as objects. */
function table(text, ...columns) {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const header = lines[i].split('|').map((c) => c.trim());
    if (!columns.every((c) => header.includes(c))) continue;
    const rows = [];
    for (let j = i + 2; j < lines.length && lines[j].startsWith('|'); j++) {
      const cells = lines[j].split('|').map((c) => c.trim());
      rows.push(Object.fromEntries(header.map((h, k) => [h, cells[k] ?? ''])));
    }
    return rows;
  }
  return [];
}
const field = (text, name) => table(section(text, 'Page'), 'field', 'value').find((r) => r.field === name)?.value ?? '';

const totals = { kinds: 0, kindsFound: 0, pageDates: 0, pageDatesFound: 0, titles: 0, titlesFound: 0, pages: 0, itemPages: 0, itemsAll: 0, items: 0, itemsFound: 0, journals: 0, journalsFound: 0, terms: 0, termsFound: 0, topics: 0, topicsFound: 0, falseMonths: 0 };
const misses = [];
for (const name of readdirSync(join(root, 'tests/fixtures')).filter((n) => n.startsWith('genre-')).sort()) {
  const dir = join(root, 'tests/fixtures', name);
  const expectFile = join(dir, 'expect.md');
  const input = readdirSync(dir).find((f) => f.startsWith('input.'));
  if (!existsSync(expectFile) || !input) continue;
  const expect = readFileSync(expectFile, 'utf8');
  const record = await ingest({ path: join(dir, input) });
  totals.pages++;

  // Dated items: every expected date must be among the record's item dates (as a multiset).
  const wanted = table(section(expect, 'Sections and items'), 'date', 'journal').map((r) => r.date.split(' ')[0]).filter((d) => /^\d{4}-\d{2}/.test(d));
  const have = record.sections.flatMap((s) => s.items.map((i) => i.date));
  const missing = wanted.filter((d) => { const k = have.indexOf(d); if (k === -1) return true; have.splice(k, 1); return false; });
  if (wanted.length) {
    totals.itemPages++;
    totals.items += wanted.length;
    totals.itemsFound += wanted.length - missing.length;
    if (missing.length === 0) totals.itemsAll++;
    else misses.push(`${name}: items not found ${missing.join(', ')}`);
  }

  // Journals named anywhere: found when some item carries the English name, or the record's
  // page-level list of journals named (since schema 1.2.0) has it.
  const journalNames = new Set([...record.sections.flatMap((s) => s.items.map((i) => i.journal)), ...(record.journals ?? []).map((j) => j.name)].filter(Boolean));
  for (const [surface, english] of arrows(section(expect, 'Journals named'))) {
    if (english.startsWith('publisher ')) continue;
    totals.journals++;
    if (journalNames.has(english)) totals.journalsFound++;
    else misses.push(`${name}: journal ${surface} → ${english} not given`);
  }

  // Terms: the expected concept must be tagged (pattern ids by the text they match).
  const ids = new Set(record.entities.map((e) => e.id));
  const texts = new Set(record.entities.flatMap((e) => e.mentions.map((m) => m.text)));
  for (const [surface, id] of arrows(section(expect, 'Entities'))) {
    const concept = id.split(/\s/)[0];
    totals.terms++;
    const ok = concept.startsWith('pattern:') ? texts.has(surface) : ids.has(concept);
    if (ok) totals.termsFound++;
    else misses.push(`${name}: term ${surface} → ${concept} not tagged`);
  }

  // Page date and title: where expect.md gives them (a date first in its page-date field; a title that is not "none" or "—").
  const pageDate = /^(\d{4}-\d{2}-\d{2})/.exec(field(expect, 'page date'))?.[1];
  if (pageDate) {
    totals.pageDates++;
    if (record.pageDate === pageDate) totals.pageDatesFound++;
    else misses.push(`${name}: page date ${pageDate}, record says ${record.pageDate ?? 'none'}`);
  }
  // A note in parentheses after the title is the fixture writer's; a title holding "|" is cut at it by the table.
  const title = field(expect, 'title').replace(/\s+\((?:the|a|line|not)\b.*\)$/, '');
  if (title && !/^(?:none|—|null)\b/i.test(title)) {
    totals.titles++;
    if (record.title?.trim().startsWith(title)) totals.titlesFound++;
    else misses.push(`${name}: title "${title}", record says ${JSON.stringify(record.title)}`);
  }

  // Topic: the expected disease id, where the page has one.
  const topic = /`(disease:[a-z0-9-]+)`/.exec(field(expect, 'topic'))?.[1];
  if (topic) {
    totals.topics++;
    if (record.topic?.disease?.id === topic) totals.topicsFound++;
    else misses.push(`${name}: topic ${topic}, record says ${record.topic?.disease?.id ?? 'none'}`);
  }

  // Page kind: the first kind expect.md names.
  const kind = /`([a-z-]+)`/.exec(field(expect, 'kind'))?.[1];
  if (kind) {
    totals.kinds++;
    if (record.kind === kind) totals.kindsFound++;
    else misses.push(`${name}: kind ${kind}, record says ${record.kind}`);
  }

  // False month sections: any month section on a page that is not a month digest, or outside its period.
  const period = /(\d{4}-\d{2}) … (\d{4}-\d{2})/.exec(field(expect, 'period'));
  for (const s of record.sections.filter((x) => x.kind === 'month')) {
    const inPeriod = kind === 'month-digest' && period && s.month >= period[1] && s.month <= period[2];
    if (!inPeriod) {
      totals.falseMonths++;
      misses.push(`${name}: false month section ${s.month} ("${s.heading}")`);
    }
  }
}

const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(0)}%` : '—');
console.log(`| measure on ${totals.pages} genre fixtures | now |`);
console.log('| --- | --- |');
console.log(`| pages whose dated items are all found | ${totals.itemsAll} of ${totals.itemPages} (${totals.itemsFound} of ${totals.items} items) |`);
console.log(`| journals named in the text and given their English name | ${totals.journalsFound} of ${totals.journals} |`);
console.log(`| defined abbreviations and biomedical terms tagged | ${pct(totals.termsFound, totals.terms)} (${totals.termsFound} of ${totals.terms}) |`);
console.log(`| page dates read (of the pages that print one) | ${totals.pageDatesFound} of ${totals.pageDates} |`);
console.log(`| titles read (of the pages that have one) | ${totals.titlesFound} of ${totals.titles} |`);
console.log(`| page kinds read | ${totals.kindsFound} of ${totals.kinds} |`);
console.log(`| pages whose disease topic is found | ${totals.topicsFound} of ${totals.topics} |`);
console.log(`| false month sections made from body lines | ${totals.falseMonths} |`);
if (detail) for (const m of misses) console.log(`  ${m}`);
