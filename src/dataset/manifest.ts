import { SCHEMA_VERSION } from '../core/record.js';
import type { DatasetManifest, ManifestInput } from '../generated/manifest.js';
import type { InputSummary } from './input-summary.js';

/** A manifest row: what a dataset says about each of its inputs. */
export function manifestRow(s: InputSummary): ManifestInput {
  const problems: Record<string, number> = {};
  for (const d of s.diagnostics) if (d.severity !== 'info') problems[d.rule] = (problems[d.rule] ?? 0) + 1;
  return {
    path: s.path,
    id: s.id,
    status: s.status,
    sha256: s.sha256,
    bytes: s.bytes,
    encoding: s.encoding,
    format: s.format,
    ...s.counts,
    title: s.title,
    titleEn: s.titleEn,
    topic: s.topic,
    period: s.period,
    timeline: s.months,
    missingMonths: s.missingMonths,
    outOfOrderMonths: s.outOfOrderMonths,
    entityTypes: s.entityTypes,
    problems: Object.fromEntries(Object.entries(problems).sort(([a], [b]) => (a < b ? -1 : 1))),
  };
}

/**
 * A manifest row's text as the manifest holds it: JSON.stringify's text of the row at the depth
 * the whole manifest gives it (two levels in). Made by the thread that ingests an input, beside
 * its summary, so a build's finish splices the rows as they are rather than parse each summary
 * back (its diagnostics ~60 % of it) to make them again on the build thread alone (BENCHMARKS.md,
 * "the build's serial finish, second pass").
 */
export function manifestRowText(row: ManifestInput): string {
  return JSON.stringify(row, null, 2).replace(/\n/g, '\n    ');
}

/**
 * Whether a row's text ({@link manifestRowText}) is a record's (status ok): its own `status`
 * member, the only one at its depth — a raw line feed is only ever the text's own layout, never
 * inside a JSON string, so the line is the member's.
 */
function okRowText(text: string): boolean {
  return text.includes('\n      "status": "ok",');
}

/** Item, reference and entity counts over a dataset. */
export interface Totals {
  items: number;
  references: number;
  entities: number;
}

/**
 * The manifest of a set of inputs (a build, a shard, or shards merged): rows in path order,
 * totals, the shard when there is one, and `files` — every file of the dataset, which is what
 * the next build may replace or delete and nothing else.
 */
export function manifestText(pipelineName: string, rows: readonly ManifestInput[], totals: Totals, files: readonly string[], shard?: DatasetManifest['shard']): string {
  return [...manifestPieces(pipelineName, rows, totals, files, shard)].join('');
}

/** Stands for a member's value in a manifest's skeleton (no JSON text holds a raw NUL). */
const MARK = '\u0000';

/**
 * {@link manifestText} a piece at a time, the rows taken one at a time as they come: a build
 * writes its manifest as a stream, each input's summary read back for its row and let go, so the
 * manifest (~3 KB an input) is never whole in memory, nor are its rows (BENCHMARKS.md, "Change: a
 * build holds almost nothing per input"). The same text as `toJson` of the whole: each row is
 * JSON.stringify's text of it at the depth the whole would give it (two levels in), between the
 * members before the rows and those after, which are written by JSON.stringify too. A row may come
 * as that text already ({@link manifestRowText}), spliced as it is.
 */
export function* manifestPieces(pipelineName: string, rows: Iterable<ManifestInput | string>, totals: Totals, files: readonly string[], shard?: DatasetManifest['shard']): Generator<string> {
  const mark = JSON.stringify(MARK);
  const head = JSON.stringify({ schemaVersion: SCHEMA_VERSION, pipeline: pipelineName, ...(shard ? { shard } : {}), inputs: MARK }, null, 2);
  yield head.slice(0, head.lastIndexOf(mark));
  let count = 0;
  let records = 0;
  for (const row of rows) {
    yield `${count === 0 ? '[' : ','}\n    ${typeof row === 'string' ? row : manifestRowText(row)}`;
    count++;
    if (typeof row === 'string' ? okRowText(row) : row.status === 'ok') records++;
  }
  yield count === 0 ? '[]' : '\n  ]';
  const manifestTotals: DatasetManifest['totals'] = { inputs: count, records, failed: count - records, ...totals };
  // A file a piece, as the rows: whole, their text grew the thread's encoding buffer (io/utf8.ts).
  const tail = JSON.stringify({ inputs: 0, totals: manifestTotals, files: MARK }, null, 2);
  const rest = tail.slice(tail.indexOf('"inputs": 0') + '"inputs": 0'.length);
  const at = rest.lastIndexOf(mark);
  yield rest.slice(0, at);
  let first = true;
  for (const file of [...files].sort()) {
    yield `${first ? '[' : ','}\n    ${JSON.stringify(file)}`;
    first = false;
  }
  yield first ? '[]' : '\n  ]';
  yield rest.slice(at + mark.length);
  yield '\n';
}
