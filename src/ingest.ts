import type { ArticleRecord } from './generated/article.js';
import { hasErrors } from './core/diagnostic.js';
import { DigestDocument, type IngestInput } from './core/document.js';
import { runStages, type Pipeline } from './core/pipeline.js';
import { recordId, recordOf } from './core/record.js';
import { openDocument } from './open.js';
import { loadPipeline } from './pipeline.js';

export { openDocument, readLimit } from './open.js';

/** Options of {@link ingest}. */
export interface IngestOptions {
  /** A pipeline file path or an already-loaded pipeline (default: the package's pipelines/digest.json). */
  pipeline?: string | Pipeline;
  /** Overrides the record id derived from the input's name. */
  id?: string;
}

/** What ingesting one input produced: the document (with its stages' work) and its record. */
export interface IngestResult {
  doc: DigestDocument;
  record: ArticleRecord;
  /** False when an error diagnostic means the record must not be written. */
  ok: boolean;
}

const pipelineCache = new Map<string, Pipeline>();

/** Loads a pipeline once per path and process. */
export function pipelineFor(option: string | Pipeline | undefined): Pipeline {
  if (option !== undefined && typeof option !== 'string') return option;
  const key = option ?? '<default>';
  let pipeline = pipelineCache.get(key);
  if (!pipeline) {
    pipeline = option === undefined ? loadPipeline() : loadPipeline(option);
    pipelineCache.set(key, pipeline);
  }
  return pipeline;
}

/**
 * Ingests one input and reports everything: never throws for bad content (unreadable files,
 * undecodable bytes, broken structure all become diagnostics); throws only for bad options.
 */
export async function ingestDetailed(input: IngestInput, options: IngestOptions = {}): Promise<IngestResult> {
  const pipeline = pipelineFor(options.pipeline);
  const doc = await openDocument(input, pipeline);
  doc.id = options.id ?? recordId(doc.path ?? input.name ?? null, doc.bytes);
  if (!doc.failed) await runStages(doc, pipeline);
  const record = recordOf(doc, doc.id);
  return { doc, record, ok: !doc.failed && !hasErrors(record.diagnostics) };
}

/**
 * Ingests one digest article (a file path, raw bytes, or decoded text) into a structured
 * record. Content problems become `record.diagnostics`; only programmer errors throw.
 *
 * @example
 *   const record = await ingest({ path: 'fixtures/articles/ra-2025.txt' });
 *   record.sections.filter((s) => s.kind === 'month').length; // 12
 */
export async function ingest(input: IngestInput, options: IngestOptions = {}): Promise<ArticleRecord> {
  return (await ingestDetailed(input, options)).record;
}
