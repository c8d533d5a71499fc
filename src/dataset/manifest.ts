import { SCHEMA_VERSION } from '../core/record.js';
import type { DatasetManifest, ManifestInput } from '../generated/manifest.js';
import { toJson } from '../io/atomic.js';
import type { InputSummary } from './entry.js';

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
  const records = rows.filter((r) => r.status === 'ok').length;
  const manifest: DatasetManifest = {
    schemaVersion: SCHEMA_VERSION,
    pipeline: pipelineName,
    ...(shard ? { shard } : {}),
    inputs: [...rows],
    totals: { inputs: rows.length, records, failed: rows.length - records, ...totals },
    files: [...files].sort(),
  };
  return toJson(manifest);
}
