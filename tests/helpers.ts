import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DigestDocument } from '../src/core/document.js';
import { loadPipeline, runStages, type Pipeline } from '../src/pipeline.js';
import type { ArticleRecord, Item, Section } from '../src/generated/article.js';

/** Absolute path of a file in the repository. */
export const repo = (path: string): string => fileURLToPath(new URL(`../${path}`, import.meta.url));

/** Bytes of a fixture. */
export const fixture = (path: string): Buffer => readFileSync(repo(`fixtures/${path}`));

let cached: Pipeline | null = null;
/** The default pipeline, loaded once. */
export function pipeline(): Pipeline {
  cached ??= loadPipeline(repo('pipelines/digest.json'));
  return cached;
}

/** Runs the default pipeline's stages up to and including `last` on some text. */
export async function runUpTo(text: string, last: string, name = 'test.txt'): Promise<DigestDocument> {
  const p = pipeline();
  const index = p.stages.findIndex((s) => s.definition.name === last);
  const doc = new DigestDocument({ name });
  doc.bytes = new TextEncoder().encode(text);
  await runStages(doc, { ...p, stages: p.stages.slice(0, index + 1) });
  return doc;
}

/** The month sections of a record. */
export const months = (r: { sections: Section[] }): Section[] => r.sections.filter((s) => s.kind === 'month');
/** Every item of a record, in order. */
export const items = (r: { sections: Section[] }): Item[] => r.sections.flatMap((s) => s.items);

/** At most `n` characters of a text, with an ellipsis when cut (keeps snapshot lines short). */
const clip = (text: string, n = 60): string => (text.length > n ? `${text.slice(0, n)}…` : text);

/**
 * A compact, reviewable projection of a record for snapshot comparison: what a reader checks
 * against a fixture's expect.md — the page (kind, title, topic, period, page date), sections and
 * items (date, precision, citations, journal as named and as written, paper title), the journals
 * and citation markers the page names outside items, the references, the entities (concept →
 * the surfaces tagged) and the chrome kept out of the body.
 */
export function summarize(record: ArticleRecord) {
  const entities = Object.fromEntries(record.entities.map((e) => [e.id, [...new Set(e.mentions.map((m) => m.text))].join(' | ')]));
  return {
    id: record.id,
    format: record.source.format,
    encoding: record.source.encoding,
    language: record.language,
    script: record.script,
    kind: record.kind,
    title: record.title,
    titleEn: record.titleEn,
    topic: record.topic ? { disease: record.topic.disease?.id ?? null, therapy: record.topic.therapy } : null,
    period: record.period,
    pageDate: record.pageDate,
    sections: record.sections.map((s) => ({
      kind: s.kind,
      heading: s.heading,
      ...(s.headingEn ? { headingEn: s.headingEn } : {}),
      ...(s.month ? { month: s.month } : {}),
      ...(s.year ? { year: s.year } : {}),
      ...(s.outlineLevel ? { outlineLevel: s.outlineLevel } : {}),
      items: s.items.map((i) => ({
        date: i.date,
        precision: i.datePrecision,
        citations: i.citations,
        journal: i.journal,
        ...(i.journalText ? { journalText: i.journalText } : {}),
        ...(i.journalFamily ? { journalFamily: i.journalFamily } : {}),
        ...(i.paperTitle ? { paperTitle: i.paperTitle } : {}),
      })),
    })),
    journals: (record.journals ?? []).map((j) => `${j.text} → ${j.name ?? '(unknown)'}${j.kind === 'journal' ? '' : ` (${j.kind})`}`),
    citations: (record.citations ?? []).map((c) => `${c.text} → ${c.references.join(', ') || '(unresolved)'}`),
    references: record.references.map((r) => ({ id: r.id, DOI: r.csl.DOI ?? null, PMID: r.csl.PMID ?? null, title: r.csl.title ?? null, placeholder: r.placeholder === true })),
    entities,
    boilerplate: record.boilerplate.map((b) => `${b.kind}: ${clip(b.text)}`),
  };
}

/**
 * A copy of a dataset folder without its cache: the "previous build" a clean build (no cache)
 * starts from, so that it can be compared byte for byte with an incremental one — the change
 * view makes a build's output depend on the dataset it replaces, never on the cache.
 */
export function copyDataset(from: string, to: string): string {
  cpSync(from, to, { recursive: true, filter: (src) => !/[\\/]\.(?:cache|staging)(?:[\\/]|$)/.test(src.slice(from.length)) });
  return to;
}

/** Every file under a folder except the cache and staging folders, relative path → content (latin1 keeps bytes). */
export function tree(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name === '.staging' || name === '.cache') continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.set(relative(root, path), readFileSync(path, 'latin1'));
    }
  };
  if (existsSync(root)) walk(root);
  return out;
}

/** Writes `<dir>/pipeline.json`: the default pipeline over the folder `inputs`, into `<dir>/out`, with the repository's data files; returns its path. */
export function pipelineFileFor(dir: string, inputs: string): string {
  const raw = JSON.parse(readFileSync(repo('pipelines/digest.json'), 'utf8'));
  raw.inputs = [inputs];
  raw.out = join(dir, 'out');
  raw.data = Object.fromEntries(Object.entries(raw.data as Record<string, string>).map(([k, v]) => [k, repo(`pipelines/${v}`)]));
  delete raw.$schema;
  const file = join(dir, 'pipeline.json');
  writeFileSync(file, JSON.stringify(raw));
  return file;
}
