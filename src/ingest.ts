import type { ArticleRecord } from './generated/article.js';
import { hasErrors } from './core/diagnostic.js';
import { DigestDocument, type IngestInput } from './core/document.js';
import { runStages, type Pipeline } from './core/pipeline.js';
import { recordId, toRecord } from './core/record.js';
import { createContext } from './core/stage.js';
import { readInput } from './io/inputs.js';
import { loadPipeline } from './pipeline.js';

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

function checkInput(input: IngestInput): void {
  if (input === null || typeof input !== 'object') throw new TypeError('ingest: input must be { path }, { bytes } or { text }');
  const kinds = ['path', 'bytes', 'text'].filter((k) => k in input);
  if (kinds.length !== 1) throw new TypeError(`ingest: input must have exactly one of path, bytes, text (got ${kinds.join(', ') || 'none'})`);
  if ('path' in input && typeof input.path !== 'string') throw new TypeError('ingest: input.path must be a string');
  if ('bytes' in input && !(input.bytes instanceof Uint8Array)) throw new TypeError('ingest: input.bytes must be a Uint8Array');
  if ('text' in input && typeof input.text !== 'string') throw new TypeError('ingest: input.text must be a string');
}

/**
 * Creates the document of an input and loads its bytes. A path that cannot be read, or a file
 * over the read stage's `maxBytes` (checked before reading), becomes a fatal diagnostic of the
 * read stage's rules (`input-unreadable`, `input-too-large`), so the document is failed.
 */
export async function openDocument(input: IngestInput, pipeline: Pipeline): Promise<DigestDocument> {
  checkInput(input);
  const doc = new DigestDocument({ path: 'path' in input ? input.path : null, name: input.name ?? null });
  if ('path' in input) {
    // Every pipeline has a read stage: the loader refuses one whose stages lack the text it makes.
    const read = pipeline.stages.find((s) => s.definition.name === 'read')!;
    const { report } = createContext(read.definition, read.options, pipeline.data, pipeline.rules, doc);
    // Only a regular file, and only up to the limit: checked on the open file before any byte is read.
    const got = readInput(input.path, (read.options as { maxBytes: number }).maxBytes);
    if (got.ok) doc.bytes = new Uint8Array(got.bytes.buffer, got.bytes.byteOffset, got.bytes.byteLength);
    else report(got.rule, got.message);
  } else {
    doc.bytes = 'bytes' in input ? input.bytes : new TextEncoder().encode(input.text);
  }
  return doc;
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
  const record = toRecord(doc, doc.id);
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
