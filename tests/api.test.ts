import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';
import { repo } from './helpers.js';

describe('public API', () => {
  it('exports exactly these names (a change here is a contract change: CHANGELOG it)', () => {
    expect(Object.keys(api).sort()).toEqual([
      'ConfigError', 'DigestDocument', 'OutputError', 'SCHEMA_VERSION', 'build', 'cleanDoi', 'cleanUrl', 'collectInputs', 'defaultPipelinePath', 'findIdentifiers',
      'ingest', 'ingestDetailed', 'loadPipeline', 'merge', 'parseReference', 'parseReferences', 'recordId', 'renderArticlePage', 'renderIndexPage', 'reporters',
      'validate', 'validatePaths', 'walkInputs',
    ]);
  });

  it('ingest never throws for bad content, only for bad options', async () => {
    const record = await api.ingest({ bytes: new Uint8Array([0xff, 0xfe, 0x00]) });
    expect(record.diagnostics.some((d) => d.severity === 'error')).toBe(true);
    const missing = await api.ingest({ path: '/nonexistent/file.txt' });
    expect(missing.diagnostics[0]).toMatchObject({ rule: 'input-unreadable', severity: 'error' });
    await expect(api.ingest({ path: 'a', text: 'b' } as never)).rejects.toThrow(TypeError);
    await expect(api.ingest({ text: 'x' }, { pipeline: '/nonexistent/pipeline.json' })).rejects.toThrow(api.ConfigError);
  });

  it('parseReferences returns CSL-JSON items', () => {
    expect(api.parseReferences('[1]Gerke H, Baillie J. To cut or stretch? Am J Gastroenterol. 2004;99:1461-3.')).toEqual([
      { id: 'ref-1', type: 'article-journal', title: 'To cut or stretch?', author: [{ family: 'Gerke', given: 'H' }, { family: 'Baillie', given: 'J' }], 'container-title': 'Am J Gastroenterol', issued: { 'date-parts': [[2004]] }, volume: '99', page: '1461-3' },
    ]);
  });

  it('validate() checks a record in memory and paths as digest validate does', async () => {
    const record = await api.ingest({ path: repo('fixtures/articles/ra-2025.txt') });
    expect((await api.validate(record))).toEqual({ records: 1, manifests: 0, rows: 0, unknown: [], problems: [] });
    const broken = structuredClone(record);
    broken.sections[3]!.items[0]!.citations = ['ref-999'];
    expect((await api.validate(broken)).problems).toEqual([
      { file: '<record>', pointer: '/sections/3/items/0/citations/0', rule: 'record-link-broken', message: expect.stringContaining('ref-999'), severity: 'error' },
    ]);
    const invalid = { ...record, schemaVersion: '0.0.1' };
    expect((await api.validate(invalid)).problems[0]).toMatchObject({ rule: 'record-invalid', pointer: '/schemaVersion' });
    const dataset = (await api.validate(repo('out')));
    expect(dataset.problems).toEqual([]);
    expect(dataset.manifests).toBe(1);
    expect((await api.validate([repo('out/articles/ra-2025.json')])).records).toBe(1);
  });

  it('the schema version in records is the one in the schema', () => {
    const schema = JSON.parse(readFileSync(repo('schemas/article.schema.json'), 'utf8'));
    expect(schema.properties.schemaVersion.const).toBe(api.SCHEMA_VERSION);
  });
});
