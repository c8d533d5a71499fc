// Opening an input: its document and its bytes, by the pipeline's read stage. Apart from ingest.ts so that
// `digest text` opens a document without importing every stage (issue 17: start-up).
import { DigestDocument, type IngestInput } from './core/document.js';
import type { Pipeline } from './core/pipeline.js';
import { createContext } from './core/stage.js';
import { readInput } from './io/inputs.js';

/** The read stage's size limit, applied by everything that reads an input. */
export function readLimit(pipeline: Pipeline): number {
  const limit = (pipeline.stages.find((s) => s.definition.name === 'read')?.options as { maxBytes?: number } | undefined)?.maxBytes;
  return typeof limit === 'number' ? Math.min(limit, Number.MAX_SAFE_INTEGER) : Number.MAX_SAFE_INTEGER;
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
