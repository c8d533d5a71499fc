import type { ArticleRecord, Diagnostic } from '../generated/article.js';
import type { ArticleDigest } from '../generated/changes.js';
import type { ManifestInput } from '../generated/manifest.js';
import { articleDigest, digestHash } from './changes.js';

// Not in entry.ts, whose page renderers ingest's summary never runs.

/** What the manifest, the report index and the terminal need to know about one input. */
export interface InputSummary {
  path: string;
  /** The record id, or null when the input failed. */
  id: string | null;
  status: 'ok' | 'failed';
  sha256: string;
  bytes: number;
  encoding: string;
  format: string;
  title: string | null;
  titleEn: string | null;
  topic: ArticleRecord['topic'];
  period: ArticleRecord['period'];
  /** The months that have a section, "YYYY-MM", in article order. */
  months: string[];
  /** The record's missingMonths: what the review index and the terminal summary show as missing. */
  missingMonths: string[];
  /** The record's outOfOrderMonths. */
  outOfOrderMonths: string[];
  /** The counts the manifest lists for the input (its schema names and describes them). */
  counts: Pick<ManifestInput, 'months' | 'items' | 'references' | 'referencesWithDoi' | 'entities' | 'errors' | 'warnings' | 'infos'>;
  /** Entities by type: how many distinct entities of each. */
  entityTypes: Record<string, number>;
  diagnostics: Diagnostic[];
  /** The hash of the record's change digest (changes.ts), null when the input failed: a reused input keeps its change when it matches (absent: made again). */
  digest?: string | null;
}

/** The summary of a record (ok or not) as the manifest and reports show it; `digest` is the record's change digest when the caller has it already. */
export function summarize(path: string, record: ArticleRecord, ok: boolean, digest: ArticleDigest | null = ok ? articleDigest(record) : null): InputSummary {
  const severity = { error: 0, warning: 0, info: 0 };
  for (const d of record.diagnostics) severity[d.severity]++;
  const monthSections = record.sections.filter((s) => s.kind === 'month');
  // A loop, not `map(…).filter(…)`: the array `map` makes in optimised code may hold holes, a map
  // `filter` had not seen, and this function was thrown away there (issue 17: BENCHMARKS.md, "arrays made by map").
  const months: string[] = [];
  for (const s of monthSections) if (typeof s.month === 'string') months.push(s.month);
  const entityTypes: Record<string, number> = {};
  for (const e of record.entities) entityTypes[e.type] = (entityTypes[e.type] ?? 0) + 1;
  return {
    path,
    id: ok ? record.id : null,
    status: ok ? 'ok' : 'failed',
    sha256: record.source.sha256,
    bytes: record.source.bytes,
    encoding: record.source.encoding,
    format: record.source.format,
    title: record.title,
    titleEn: record.titleEn,
    topic: record.topic,
    period: record.period,
    months,
    missingMonths: record.missingMonths,
    outOfOrderMonths: record.outOfOrderMonths,
    counts: {
      months: monthSections.length,
      items: record.sections.reduce((n, s) => n + s.items.length, 0),
      references: record.references.length,
      referencesWithDoi: record.references.filter((r) => typeof r.csl.DOI === 'string').length,
      entities: record.entities.length,
      errors: severity.error,
      warnings: severity.warning,
      infos: severity.info,
    },
    entityTypes: Object.fromEntries(Object.entries(entityTypes).sort(([a], [b]) => (a < b ? -1 : 1))),
    diagnostics: record.diagnostics,
    digest: ok && digest !== null ? digestHash(digest) : null,
  };
}
