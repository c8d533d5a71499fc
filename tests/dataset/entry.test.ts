import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { placeRecord, searchJsonOf } from '../../src/dataset/entry.js';
import type { ArticleRecord } from '../../src/generated/article.js';
import { ingestDetailed } from '../../src/ingest.js';
import { isPlainJson, toJson } from '../../src/io/atomic.js';
import { renderArticlePage } from '../../src/report/html/article.js';
import { searchEntry } from '../../src/report/html/search.js';
import { pipeline, repo } from '../helpers.js';

const fixtures = readdirSync(repo('fixtures/articles')).sort();

function placement() {
  const root = mkdtempSync(join(tmpdir(), 'digest-entry-'));
  const staging = join(root, '.staging', 'txn', 'files');
  mkdirSync(staging, { recursive: true });
  return { root, staging, mode: 'write' as const };
}

describe('placing an ingested record', () => {
  // The build makes pages from the record in memory only when it is what its file reads back as:
  // the pipeline's records must stay plain JSON data, or every build parses each record again.
  it.each(fixtures)('the record the pipeline makes of %s is plain JSON data', async (name) => {
    const { record } = await ingestDetailed({ path: repo(`fixtures/articles/${name}`) }, { pipeline: pipeline() });
    expect(isPlainJson(record)).toBe(true);
  });

  it('makes the pages and the search entry from the record as written when the record in memory is not plain JSON', async () => {
    const result = await ingestDetailed({ path: repo('fixtures/articles/as-2025.txt') }, { pipeline: pipeline() });
    const item = result.record.sections.find((s) => s.items.length > 0)!.items[0]!;
    // A journal that writes itself as one name and prints itself as another.
    (item as { journal: unknown }).journal = { toJSON: () => 'Journal As Written', toString: () => 'Journal In Memory' };
    expect(isPlainJson(result.record)).toBe(false);
    const where = placement();
    const entry = placeRecord({ path: 'in/as-2025.txt', id: 'as-2025', renamedFrom: null }, result, where);
    const written = JSON.parse(readFileSync(join(where.staging, 'articles', 'as-2025.json'), 'utf8')) as ArticleRecord;
    expect(written.sections.find((s) => s.items.length > 0)!.items[0]!.journal).toBe('Journal As Written');
    const page = readFileSync(join(where.staging, 'report', 'as-2025.html'), 'utf8');
    expect(page).toContain('Journal As Written');
    expect(page).not.toContain('Journal In Memory');
    expect(page).toBe(renderArticlePage(written, { change: JSON.parse(entry.changeJson!) }));
    // Made on demand: a build that splices the search entry made ready never serialises it.
    expect(entry.searchJson).toBeUndefined();
    expect(searchJsonOf(entry)).toBe(JSON.stringify(searchEntry(written)));
    expect(entry.rows['items.jsonl']).toContain('"journal":"Journal As Written"');
  });

  it('writes the record as toJson serialises it, and its pages as made from that file', async () => {
    const result = await ingestDetailed({ path: repo('fixtures/articles/ra-2025.txt') }, { pipeline: pipeline() });
    const where = placement();
    const entry = placeRecord({ path: 'in/ra-2025.txt', id: 'ra-2025', renamedFrom: null }, result, where);
    const text = readFileSync(join(where.staging, 'articles', 'ra-2025.json'), 'utf8');
    expect(text).toBe(toJson(result.record));
    const written = JSON.parse(text) as ArticleRecord;
    expect(readFileSync(join(where.staging, 'report', 'ra-2025.html'), 'utf8')).toBe(renderArticlePage(written, { change: JSON.parse(entry.changeJson!) }));
    expect(entry.placed.map((p) => [p.rel, p.outcome])).toEqual([
      ['articles/ra-2025.json', 'staged'],
      ['report/ra-2025.html', 'staged'],
      ['report/ra-2025.source.html', 'staged'],
    ]);
  });
});
