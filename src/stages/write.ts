import { lstat, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { ArticleRecord } from '../generated/article.js';
import { SCHEMA_VERSION } from '../core/record.js';

/** One input of a build and what came of it. */
export interface BuiltInput {
  /** Input path as given. */
  path: string;
  record: ArticleRecord;
  ok: boolean;
}

/** Pretty JSON with a final newline: the one serialisation of every output file. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function counts(record: ArticleRecord) {
  const months = record.sections.filter((s) => s.kind === 'month');
  const items = record.sections.reduce((n, s) => n + s.items.length, 0);
  const severity = { error: 0, warning: 0, info: 0 };
  for (const d of record.diagnostics) severity[d.severity]++;
  return {
    months: months.length,
    items,
    references: record.references.length,
    referencesWithDoi: record.references.filter((r) => typeof r.csl.DOI === 'string').length,
    entities: record.entities.length,
    errors: severity.error,
    warnings: severity.warning,
    infos: severity.info,
  };
}

/**
 * Gives every record a unique id: inputs are taken in path order; a later input whose
 * name-derived id is taken gets its format ("ra-2025-html"), then its content hash appended.
 * Deterministic whatever order the inputs finished in.
 */
export function assignUniqueIds(inputs: BuiltInput[]): BuiltInput[] {
  const sorted = [...inputs].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const taken = new Set<string>();
  for (const input of sorted) {
    let id = input.record.id;
    if (taken.has(id)) {
      const base = id.slice(0, 80);
      id = `${base}-${input.record.source.format}`;
      if (taken.has(id)) id = `${base}-${input.record.source.sha256.slice(0, 12)}`;
      input.record = {
        ...input.record,
        id,
        diagnostics: [
          ...input.record.diagnostics,
          { severity: 'info', rule: 'id-renamed', source: 'write', message: `id ${input.record.id} is taken by another input; this record is ${id}`, line: 1, column: 1 },
        ],
      };
    }
    taken.add(id);
  }
  return sorted;
}

/**
 * The dataset a build writes, as relative path → file content: one record per good input
 * under articles/, items.jsonl (one row per dated item), references.jsonl, and manifest.json.
 */
export function datasetFiles(inputs: BuiltInput[], pipelineName: string): Map<string, string> {
  const files = new Map<string, string>();
  const good = inputs.filter((i) => i.ok).sort((a, b) => (a.record.id < b.record.id ? -1 : 1));
  const items: string[] = [];
  const refs: string[] = [];
  const entityRows: string[] = [];
  for (const { record } of good) {
    files.set(`articles/${record.id}.json`, toJson(record));
    const byId = new Map(record.references.map((r) => [r.id, r]));
    record.sections.forEach((section, sectionIndex) => {
      section.items.forEach((item, itemIndex) => {
        items.push(
          JSON.stringify({
            article: record.id,
            section: sectionIndex,
            item: itemIndex,
            date: item.date,
            datePrecision: item.datePrecision,
            month: item.date.slice(0, 7),
            journal: item.journal,
            paperTitle: item.paperTitle ?? null,
            citations: item.citations.map((id) => ({ id, doi: (byId.get(id)?.csl.DOI as string | undefined) ?? null })),
          }),
        );
      });
    });
    for (const entity of record.entities) {
      entityRows.push(
        JSON.stringify({
          article: record.id,
          id: entity.id,
          type: entity.type,
          label: entity.label,
          xrefs: entity.xrefs,
          count: entity.mentions.length,
          surfaces: [...new Set(entity.mentions.map((m) => m.text))].sort(),
        }),
      );
    }
    for (const reference of record.references) {
      const csl = reference.csl;
      refs.push(
        JSON.stringify({
          article: record.id,
          id: reference.id,
          number: reference.number,
          doi: csl.DOI ?? null,
          pmid: csl.PMID ?? null,
          pmcid: csl.PMCID ?? null,
          url: csl.URL ?? null,
          title: csl.title ?? null,
          container: csl['container-title'] ?? null,
          year: csl.issued?.['date-parts']?.[0]?.[0] ?? null,
          placeholder: reference.placeholder === true,
          raw: reference.raw,
        }),
      );
    }
  }
  files.set('items.jsonl', items.length ? `${items.join('\n')}\n` : '');
  files.set('references.jsonl', refs.length ? `${refs.join('\n')}\n` : '');
  files.set('entities.jsonl', entityRows.length ? `${entityRows.join('\n')}\n` : '');
  const manifest = {
    schemaVersion: SCHEMA_VERSION,
    pipeline: pipelineName,
    inputs: [...inputs]
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
      .map(({ path, record, ok }) => ({
        path,
        id: ok ? record.id : null,
        status: ok ? 'ok' : 'failed',
        sha256: record.source.sha256,
        bytes: record.source.bytes,
        encoding: record.source.encoding,
        format: record.source.format,
        ...counts(record),
      })),
    totals: {
      inputs: inputs.length,
      records: good.length,
      failed: inputs.length - good.length,
      items: items.length,
      references: refs.length,
      entities: entityRows.length,
    },
  };
  files.set('manifest.json', toJson(manifest));
  return files;
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && rel.split(sep)[0] !== '..' && !isAbsolute(rel);
}

async function refuseLinks(root: string, path: string): Promise<void> {
  // Walk from the output root down; a symbolic link on the way could lead writes outside it.
  let current = root;
  for (const part of relative(root, dirname(path)).split(sep).filter(Boolean)) {
    current = join(current, part);
    const info = await lstat(current).catch(() => null);
    if (info?.isSymbolicLink()) throw new Error(`refusing to write through the symbolic link ${current}`);
  }
}

let tempCounter = 0;

/**
 * Writes a file atomically: the content goes to a temporary file, then one rename puts it in
 * place, so a reader (or a build killed half-way) sees the old file or the new, never a
 * fragment. Temporary files live in `stagingDir` (same file system, hidden from readers) when
 * given, else beside the target.
 */
export async function writeAtomic(path: string, content: string, stagingDir?: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = stagingDir ? join(stagingDir, `${process.pid}-${++tempCounter}.tmp`) : `${path}.${process.pid}-${++tempCounter}.tmp`;
  if (stagingDir) await mkdir(stagingDir, { recursive: true });
  await writeFile(temp, content);
  await rename(temp, path);
}

/** The hidden folder under an output folder where temporary files are staged. */
export const STAGING = '.staging';

/** What `--check` found: files that differ, are missing, or should not be there. */
export interface CheckResult {
  changed: string[];
  missing: string[];
  extra: string[];
}

/** Compares the files a build would write with what is on disk, writing nothing. */
export async function checkDataset(outDir: string, files: Map<string, string>): Promise<CheckResult> {
  const result: CheckResult = { changed: [], missing: [], extra: [] };
  for (const [rel, content] of files) {
    const current = await readFile(join(outDir, rel), 'utf8').catch(() => null);
    if (current === null) result.missing.push(rel);
    else if (current !== content) result.changed.push(rel);
  }
  const existing = await readdir(join(outDir, 'articles')).catch(() => [] as string[]);
  for (const name of existing.sort()) if (name.endsWith('.json') && !files.has(`articles/${name}`)) result.extra.push(`articles/${name}`);
  return result;
}

/**
 * Writes the dataset under `outDir`: every file atomically, stale records removed, nothing
 * written outside `outDir` and no symbolic link followed. Returns the files that changed.
 */
export async function writeDataset(outDir: string, files: Map<string, string>): Promise<string[]> {
  const root = resolve(outDir);
  await mkdir(root, { recursive: true });
  // Fragments a killed build left are in the staging folder only: clear it first.
  const staging = join(root, STAGING);
  await rm(staging, { recursive: true, force: true });
  const changed: string[] = [];
  for (const [rel, content] of files) {
    const target = resolve(root, rel);
    if (!inside(root, target)) throw new Error(`refusing to write outside ${root}: ${rel}`);
    await refuseLinks(root, target);
    const current = await readFile(target, 'utf8').catch(() => null);
    if (current === content) continue;
    await writeAtomic(target, content, staging);
    changed.push(rel);
  }
  await rm(staging, { recursive: true, force: true });
  const existing = await readdir(join(root, 'articles')).catch(() => [] as string[]);
  for (const name of existing) {
    if ((name.endsWith('.json') && !files.has(`articles/${name}`)) || name.endsWith('.tmp')) {
      await rm(join(root, 'articles', name), { force: true });
      if (name.endsWith('.json')) changed.push(`articles/${name}`);
    }
  }
  return changed.sort();
}
