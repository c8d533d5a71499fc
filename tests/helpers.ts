import { cpSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
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

/** A compact, reviewable projection of a record for snapshot comparison. */
export function summarize(record: ArticleRecord) {
  return {
    id: record.id,
    format: record.source.format,
    encoding: record.source.encoding,
    language: record.language,
    script: record.script,
    title: record.title,
    period: record.period,
    sections: record.sections.map((s) => ({
      kind: s.kind,
      heading: s.heading,
      ...(s.month ? { month: s.month } : {}),
      items: s.items.map((i) => ({ date: i.date, precision: i.datePrecision, citations: i.citations, journal: i.journal })),
    })),
    references: record.references.map((r) => ({ id: r.id, DOI: r.csl.DOI ?? null, PMID: r.csl.PMID ?? null, title: r.csl.title ?? null, placeholder: r.placeholder === true })),
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
