import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { sha256, toRecord } from '../../src/core/record.js';
import { ingestDetailed } from '../../src/ingest.js';
import { loadPipeline } from '../../src/pipeline.js';
import { repo } from '../helpers.js';

// createHash watched: assembling a record again must not hash the input again.
vi.mock('node:crypto', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:crypto')>();
  return { ...original, createHash: vi.fn(original.createHash) };
});

describe('toRecord', () => {
  it('hashes a document’s input once, however often its record is assembled (the validate stage, then the result; issue 17)', async () => {
    const pipeline = loadPipeline(repo('pipelines/digest.json'));
    const { doc, record } = await ingestDetailed({ path: repo('fixtures/articles/as-2025.txt') }, { pipeline });
    vi.mocked(createHash).mockClear();
    expect(toRecord(doc, doc.id).source.sha256).toBe(record.source.sha256);
    expect(createHash).not.toHaveBeenCalled();
    expect(record.source.sha256).toBe(sha256(doc.bytes));
    // Other bytes on the document: their own hash.
    doc.bytes = new Uint8Array([1, 2, 3]);
    expect(toRecord(doc, doc.id).source.sha256).toBe(sha256(new Uint8Array([1, 2, 3])));
  });
});
