import { statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { loadedCslItemValidator, loadRecordValidators, validatorFor, type Validator } from '../core/schemas.js';
import type { ArticleRecord } from '../generated/article.js';
import type { DatasetChanges } from '../generated/changes.js';
import type { DatasetManifest } from '../generated/manifest.js';
import { errnoCode } from '../io/errors.js';
import { readPlainFile, toPosix } from '../io/files.js';
import { walkInputs } from '../io/inputs.js';
import { CHANGES } from './changes.js';
import { MANIFEST } from './ownership.js';
import { TABLES } from './tables.js';

/** One thing wrong with a file: where (a JSON pointer, a line), what, and the rule. */
export interface ValidationProblem {
  file: string;
  /** 1-based line for JSON Lines rows. */
  line?: number;
  /** JSON pointer inside the value ('' for the whole value). */
  pointer: string;
  message: string;
  rule: 'record-invalid' | 'csl-invalid' | 'record-link-broken' | 'manifest-invalid' | 'row-invalid' | 'changes-invalid' | 'search-index-invalid' | 'dataset-file-missing' | 'file-unreadable';
  severity: 'error' | 'warning';
}

/** What validating some paths found. */
export interface ValidationResult {
  records: number;
  manifests: number;
  rows: number;
  /** Files under a dataset folder that are no file of the dataset (left by someone else): named, not judged. */
  unknown: string[];
  problems: ValidationProblem[];
}

/**
 * The links inside a record that the schema cannot express: every reference's id is
 * `ref-<number>` and unique; every citation of an item names one of the references; every
 * mention names one of the entities. Each broken link is a problem at its JSON pointer.
 */
export function recordLinkProblems(record: ArticleRecord): { pointer: string; message: string }[] {
  const problems: { pointer: string; message: string }[] = [];
  const ids = new Set<string>();
  record.references.forEach((reference, i) => {
    if (reference.id !== `ref-${reference.number}`) problems.push({ pointer: `/references/${i}/id`, message: `${reference.id} does not match its number ${reference.number} (ref-${reference.number})` });
    if (ids.has(reference.id)) problems.push({ pointer: `/references/${i}/id`, message: `${reference.id} is given twice` });
    ids.add(reference.id);
  });
  const entities = new Set(record.entities.map((e) => e.id));
  record.sections.forEach((section, s) =>
    section.items.forEach((item, i) => {
      item.citations.forEach((id, c) => {
        if (!ids.has(id)) problems.push({ pointer: `/sections/${s}/items/${i}/citations/${c}`, message: `cites ${id}, which is not among the record's references` });
      });
      item.entities.forEach((mention, m) => {
        if (mention.entity !== undefined && !entities.has(mention.entity)) problems.push({ pointer: `/sections/${s}/items/${i}/entities/${m}/entity`, message: `names ${mention.entity}, which is not among the record's entities` });
      });
    }),
  );
  return problems;
}

/** What a file is to the validator, by its place in a dataset folder or its name. */
type FileKind = 'manifest' | 'record' | 'table' | 'changes' | 'index' | 'page' | 'unknown';

function kindOfFile(rel: string, inDataset: boolean): FileKind {
  if (rel === MANIFEST || (!inDataset && basename(rel) === MANIFEST)) return 'manifest';
  if (rel === CHANGES || (!inDataset && basename(rel) === CHANGES)) return 'changes';
  if (inDataset && rel === 'report/index.html') return 'index';
  if (TABLES.some((t) => t.name === rel || (!inDataset && basename(rel) === t.name))) return 'table';
  if (inDataset) {
    if (/^articles\/[^/]+\.json$/.test(rel)) return 'record';
    if (/^report\/[^/]+\.html$/.test(rel)) return 'page';
    return 'unknown';
  }
  return rel.endsWith('.json') ? 'record' : 'unknown';
}

/**
 * What is wrong with one record value (none: it is valid): its first schema error, else its
 * first reference that is not CSL-JSON, else its first broken link (citation, reference id,
 * mention), as `digest validate` reports a record file. Needs the record validators loaded
 * ({@link loadRecordValidators}), as {@link validate} and {@link validatePaths} do first.
 */
export function recordProblems(value: unknown, file = '<record>'): ValidationProblem[] {
  const article = validatorFor<ArticleRecord>('article');
  const csl = loadedCslItemValidator();
  if (!article(value)) {
    const [e] = article.errors();
    return [{ file, pointer: e?.pointer ?? '', rule: 'record-invalid', message: e?.message ?? 'is invalid', severity: 'error' }];
  }
  for (const [i, reference] of value.references.entries()) {
    if (!csl(reference.csl)) {
      const [e] = csl.errors();
      return [{ file, pointer: `/references/${i}/csl${e?.pointer ?? ''}`, rule: 'csl-invalid', message: e?.message ?? 'is invalid', severity: 'error' }];
    }
  }
  const [broken] = recordLinkProblems(value);
  return broken ? [{ file, ...broken, rule: 'record-link-broken', severity: 'error' }] : [];
}

/**
 * Validates as `digest validate` does: record files, folders of them and dataset folders (every
 * file, table rows by line) when given paths; a record value (an {@link ArticleRecord} made in
 * memory, or parsed from anywhere) when given an object. Never throws for what it finds: every
 * problem is in `problems`, with the file (`<record>` for a value), the line of a row and the
 * JSON pointer.
 *
 * @example
 *   (await validate('out')).problems.length;            // 0: the dataset is valid
 *   await validate(await ingest({ path: 'a.txt' }));     // a record in memory
 */
export async function validate(target: string | readonly string[] | object): Promise<ValidationResult> {
  if (typeof target === 'string') return validatePaths([target]);
  if (Array.isArray(target) && target.every((t) => typeof t === 'string')) return validatePaths(target as string[]);
  await loadRecordValidators();
  const problems = recordProblems(target);
  return { records: problems.length === 0 ? 1 : 0, manifests: 0, rows: 0, unknown: [], problems };
}

/**
 * Validates record files, dataset folders and single dataset files. A folder with a
 * manifest.json is a dataset: every file under it is checked against its schema — the manifest,
 * each record (with the official CSL-JSON schema for references, and its internal links), each
 * row of each table (by line) — and every file the manifest lists must be there; review pages
 * have no schema and are only counted. Any other folder is searched for records. Links are
 * followed with loops ended; a file that cannot be read (a dangling link, a FIFO) is a problem,
 * never a crash. All problems are collected, at most one per file and row.
 */
export async function validatePaths(paths: readonly string[]): Promise<ValidationResult> {
  const result: ValidationResult = { records: 0, manifests: 0, rows: 0, unknown: [], problems: [] };
  await loadRecordValidators();
  const manifest = validatorFor<DatasetManifest>('manifest');
  const problem = (p: Omit<ValidationProblem, 'severity'>) => result.problems.push({ ...p, severity: 'error' });

  const readText = (file: string): string | null => {
    try {
      const read = readPlainFile(file, 1 << 30, true);
      if (read.bytes) return read.bytes.toString('utf8');
      problem({ file, pointer: '', rule: 'file-unreadable', message: read.kind === 'absent' ? 'cannot read: no such file (a dangling link?)' : read.kind === 'file' ? 'too large to validate' : `cannot read: not a regular file (${read.kind})` });
    } catch (error) {
      problem({ file, pointer: '', rule: 'file-unreadable', message: `cannot read: ${errnoCode(error) ?? (error as Error).message}` });
    }
    return null;
  };
  const parse = (file: string, text: string, rule: ValidationProblem['rule']): { ok: boolean; value: unknown } => {
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch (error) {
      problem({ file, pointer: '', rule, message: `not valid JSON: ${(error as Error).message}` });
      return { ok: false, value: null };
    }
  };
  const schemaProblem = (file: string, validator: Validator<unknown>, rule: ValidationProblem['rule'], line?: number) => {
    const [e] = validator.errors();
    problem({ file, ...(line !== undefined ? { line } : {}), pointer: e?.pointer ?? '', rule, message: e?.message ?? 'is invalid' });
  };

  const checkRecord = (file: string) => {
    const text = readText(file);
    if (text === null) return;
    const { ok, value } = parse(file, text, 'record-invalid');
    if (!ok) return;
    const found = recordProblems(value, file);
    result.problems.push(...found);
    if (found.length === 0) result.records++;
  };
  const checkManifest = (file: string): DatasetManifest | null => {
    const text = readText(file);
    if (text === null) return null;
    const { ok, value } = parse(file, text, 'manifest-invalid');
    if (!ok) return null;
    if (!manifest(value)) {
      schemaProblem(file, manifest as Validator<unknown>, 'manifest-invalid');
      return null;
    }
    result.manifests++;
    return value;
  };
  const checkTable = (file: string) => {
    const table = TABLES.find((t) => t.name === basename(file))!;
    const row = validatorFor<unknown>(table.schema);
    const text = readText(file);
    if (text === null) return;
    const lines = text.split('\n');
    lines.forEach((line, i) => {
      if (line === '' && i === lines.length - 1) return; // the final newline
      const { ok, value } = ((): { ok: boolean; value: unknown } => {
        try {
          return { ok: true, value: JSON.parse(line) };
        } catch (error) {
          problem({ file, line: i + 1, pointer: '', rule: 'row-invalid', message: `not valid JSON: ${(error as Error).message}` });
          return { ok: false, value: null };
        }
      })();
      if (!ok) return;
      if (!row(value)) return schemaProblem(file, row, 'row-invalid', i + 1);
      result.rows++;
    });
  };
  const checkJson = (file: string, schema: 'changes' | 'searchIndex', rule: ValidationProblem['rule'], text: string | null = readText(file)) => {
    if (text === null) return;
    const { ok, value } = parse(file, text, rule);
    if (!ok) return;
    const valid = validatorFor<unknown>(schema);
    if (!valid(value)) schemaProblem(file, valid, rule);
  };
  // The review index embeds its search index as a JSON data block: checked against its schema too.
  const checkIndex = (file: string) => {
    const text = readText(file);
    if (text === null) return;
    const open = '<script type="application/json" id="search-data">';
    const start = text.indexOf(open);
    if (start < 0) return;
    const end = text.indexOf('</script>', start);
    checkJson(file, 'searchIndex', 'search-index-invalid', end < 0 ? '' : text.slice(start + open.length, end));
  };
  const check = (file: string, kind: FileKind) => {
    if (kind === 'manifest') checkManifest(file);
    else if (kind === 'record') checkRecord(file);
    else if (kind === 'table') checkTable(file);
    else if (kind === 'changes') checkJson(file, 'changes', 'changes-invalid');
    else if (kind === 'index') checkIndex(file);
  };

  for (const path of paths) {
    let folder: boolean;
    try {
      folder = statSync(path).isDirectory();
    } catch (error) {
      problem({ file: path, pointer: '', rule: 'file-unreadable', message: `cannot read: ${errnoCode(error) === 'ELOOP' ? 'a loop of symbolic links' : errnoCode(error) === 'ENOENT' ? 'no such file or folder' : (errnoCode(error) ?? (error as Error).message)}` });
      continue;
    }
    if (!folder) {
      check(path, kindOfFile(path, false));
      continue;
    }
    const dataset = readPlainFile(join(path, MANIFEST), 0, true).kind === 'file';
    const { paths: files } = walkInputs([path], { extensions: dataset ? ['*'] : ['.json'], followOutside: true, skipFolders: dataset ? ['.cache', '.staging'] : [] });
    const found = new Set<string>();
    for (const file of files) {
      const rel = toPosix(relative(path, file));
      found.add(rel);
      const kind = kindOfFile(rel, dataset);
      if (kind === 'unknown' && dataset) result.unknown.push(file);
      else if (!(dataset && kind === 'manifest')) check(file, kind);
    }
    if (dataset) {
      const listed = checkManifest(join(path, MANIFEST));
      for (const rel of listed?.files ?? []) {
        if (!found.has(rel)) problem({ file: toPosix(join(path, rel)), pointer: '', rule: 'dataset-file-missing', message: `listed in ${MANIFEST} but missing` });
      }
    }
  }
  return result;
}
