import { mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestDetailed } from '../../src/ingest.js';
import { assignUniqueIds, checkDataset, datasetFiles, writeDataset, type BuiltInput } from '../../src/stages/write.js';
import { pipeline, repo } from '../helpers.js';

async function built(path: string, as = path): Promise<BuiltInput> {
  const { record, ok } = await ingestDetailed({ path: repo(path) }, { pipeline: pipeline() });
  return { path: as, record, ok };
}

describe('write stage', () => {
  it('gives colliding ids a readable, deterministic suffix', async () => {
    const a = await built('fixtures/articles/ra-2025.txt', 'b/ra-2025.txt');
    const b = await built('fixtures/articles/ra-2025.txt', 'a/ra-2025.txt');
    const c = await built('fixtures/articles/ra-2025-markdown.md', 'c/ra-2025.md');
    c.record = { ...c.record, id: 'ra-2025' };
    const ids = assignUniqueIds([a, b, c]).map((i) => [i.path, i.record.id]);
    expect(ids).toEqual([
      ['a/ra-2025.txt', 'ra-2025'],
      ['b/ra-2025.txt', 'ra-2025-text'],
      ['c/ra-2025.md', 'ra-2025-markdown'],
    ]);
  });

  it('writes records, tables and a manifest; a rebuild changes nothing; stale records go', async () => {
    const out = mkdtempSync(join(tmpdir(), 'digest-write-'));
    const inputs = assignUniqueIds([await built('fixtures/articles/as-2025.txt'), await built('fixtures/articles/ra-2025.txt')]);
    const files = datasetFiles(inputs, 'digest');
    mkdirSync(join(out, 'articles'), { recursive: true });
    writeFileSync(join(out, 'articles', 'old.json'), '{}');
    expect(await writeDataset(out, files)).toEqual(['articles/as-2025.json', 'articles/old.json', 'articles/ra-2025.json', 'entities.jsonl', 'items.jsonl', 'manifest.json', 'references.jsonl']);
    expect(readdirSync(join(out, 'articles')).sort()).toEqual(['as-2025.json', 'ra-2025.json']);
    expect(await writeDataset(out, files)).toEqual([]);
    expect(await checkDataset(out, files)).toEqual({ changed: [], missing: [], extra: [] });
    const rows = readFileSync(join(out, 'references.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.find((r) => r.article === 'ra-2025' && r.id === 'ref-11')).toMatchObject({ doi: '10.1021/acsami.4c09080', url: 'https://pubs.acs.org/doi/abs/10.1021/acsami.4c09080' });
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.totals).toMatchObject({ inputs: 2, records: 2, failed: 0, items: 20, references: 20 });
    expect(manifest.totals.entities).toBeGreaterThan(150);
    const entities = readFileSync(join(out, 'entities.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(entities.find((e) => e.article === 'as-2025' && e.id === 'disease:ankylosing-spondylitis')).toMatchObject({ type: 'disease', label: 'ankylosing spondylitis', count: 45, surfaces: ['AS', 'Ankylosing Spondylitis', '强直性脊柱炎'] });
  });

  it('refuses to write through a symbolic link inside the output folder', async () => {
    const out = mkdtempSync(join(tmpdir(), 'digest-write-'));
    const elsewhere = mkdtempSync(join(tmpdir(), 'digest-elsewhere-'));
    symlinkSync(elsewhere, join(out, 'articles'));
    const files = datasetFiles([await built('fixtures/articles/as-2025.txt')], 'digest');
    await expect(writeDataset(out, files)).rejects.toThrow(/symbolic link/);
    expect(readdirSync(elsewhere)).toEqual([]);
  });
});
