import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestDetailed } from '../../src/ingest.js';
import { items, months, pipeline, repo } from '../helpers.js';

const variants = readdirSync(repo('fixtures/articles')).sort();
const ra = variants.filter((f) => f.startsWith('ra-2025'));
const as = variants.filter((f) => f.startsWith('as-2025'));

const raDois: Record<string, string | undefined> = {
  'ref-1': '10.1016/j.intimp.2025.114017',
  'ref-2': undefined,
  'ref-3': '10.1007/s11033-025-10290-z',
  'ref-4': '10.1186/s13287-025-04144-5',
  'ref-5': '10.1007/s11033-025-10426-1',
  'ref-6': '10.1002/iid3.70189',
  'ref-7': '10.3390/ijms26125766',
  'ref-8': '10.1186/s13287-025-04515-y',
  'ref-9': '10.1097/MD.0000000000043623',
  'ref-10': undefined,
  'ref-11': '10.1021/acsami.4c09080',
  'ref-12': '10.1186/s13287-025-04772-x',
  'ref-13': '10.2147/BTT.S571417',
};

const asDois = {
  'ref-1': '10.1186/s13287-025-04184-x',
  'ref-2': '10.4252/wjsc.v17.i3.98911',
  'ref-3': '10.1002/iid3.70189',
  'ref-4': '10.1016/j.bone.2025.117591',
  'ref-5': '10.3389/fimmu.2025.1613502',
  'ref-6': '10.26599/NR.2025.94907838',
  'ref-7': '10.1186/s13287-025-04701-y',
};

describe.each(ra)('rheumatoid arthritis seed as %s', (file) => {
  it('has 12 months, 13 dated items, 13 references with the right identifiers', async () => {
    const { record, ok } = await ingestDetailed({ path: repo(`fixtures/articles/${file}`) }, { pipeline: pipeline() });
    expect(ok).toBe(true);
    expect(record.language).toBe('zh');
    expect(months(record).map((s) => s.month)).toEqual(Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`));
    expect(items(record).map((i) => i.date)).toEqual([
      '2025-01-07', '2025-01-15', '2025-02-13', '2025-03-05', '2025-04-28', '2025-05', '2025-06-16',
      '2025-07-09', '2025-08-01', '2025-09-28', '2025-10', '2025-11-17', '2025-12-23',
    ]);
    expect(items(record).filter((i) => i.datePrecision === 'month').map((i) => i.date)).toEqual(['2025-05', '2025-10']);
    expect(Object.fromEntries(record.references.map((r) => [r.id, r.csl.DOI]))).toEqual(raDois);
    expect(record.references.find((r) => r.id === 'ref-6')?.csl).toMatchObject({ PMID: '40353645', PMCID: 'PMC12067559' });
    expect(record.references.find((r) => r.id === 'ref-10')?.placeholder).toBe(true);
    expect(record.diagnostics.find((d) => d.rule === 'reference-placeholder')?.message).toContain('[10]');
    // Every item cites its own reference; every item but the NMPA notice names its journal.
    expect(items(record).map((i) => i.citations)).toEqual(Array.from({ length: 13 }, (_, i) => [`ref-${i + 1}`]));
    expect(items(record).map((i) => i.journal)).toEqual([
      'International Immunopharmacology', 'Heliyon', 'Molecular Biology Reports', 'Stem Cell Research & Therapy',
      'Molecular Biology Reports', 'Immunity, Inflammation and Disease', 'International Journal of Molecular Sciences',
      'Stem Cell Research & Therapy', 'Medicine', null, 'ACS Applied Materials & Interfaces', 'Stem Cell Research & Therapy',
      'Biologics: Targets and Therapy',
    ]);
    expect(record.sections.map((s) => s.kind).filter((k) => k !== 'month')).toEqual(['intro', 'other', 'summary', 'outlook', 'conclusion']);
  });
});

describe.each(as)('ankylosing spondylitis seed as %s', (file) => {
  it('has months 02 03 05 06 07 12, 7 items, 7 references, [4] and [5] split apart', async () => {
    const { record, ok } = await ingestDetailed({ path: repo(`fixtures/articles/${file}`) }, { pipeline: pipeline() });
    expect(ok).toBe(true);
    expect(months(record).map((s) => s.month)).toEqual(['2025-02', '2025-03', '2025-05', '2025-06', '2025-07', '2025-12']);
    expect(items(record).map((i) => [i.date, i.datePrecision])).toEqual([
      ['2025-02-11', 'day'], ['2025-03-26', 'day'], ['2025-05-12', 'day'], ['2025-06', 'month'],
      ['2025-07-11', 'day'], ['2025-07-23', 'day'], ['2025-12-29', 'day'],
    ]);
    expect(Object.fromEntries(record.references.map((r) => [r.id, r.csl.DOI]))).toEqual(asDois);
    expect(record.references.find((r) => r.id === 'ref-4')?.csl['container-title']).toBe('Bone');
    expect(record.references.find((r) => r.id === 'ref-5')?.csl.title).toMatch(/^Breaking boundaries in ankylosing spondylitis/);
    expect(items(record).map((i) => i.citations)).toEqual(Array.from({ length: 7 }, (_, i) => [`ref-${i + 1}`]));
    expect(items(record).map((i) => i.journal)).toEqual([
      'Stem Cell Research & Therapy', 'World Journal of Stem Cells', 'Immunity, Inflammation and Disease', 'Bone',
      'Frontiers in Immunology', 'Nano Research', 'Stem Cell Research & Therapy',
    ]);
    expect(record.diagnostics.find((d) => d.rule === 'month-missing')?.message).toBe('no section for 2025-01, 2025-04, 2025-08, 2025-09, 2025-10, 2025-11 (covering 2025-01 to 2025-12)');
  });
});

describe('variants', () => {
  it('cover the encodings, formats and scripts of the wild', async () => {
    const seen = new Set<string>();
    for (const file of variants) {
      const { record } = await ingestDetailed({ path: repo(`fixtures/articles/${file}`) }, { pipeline: pipeline() });
      seen.add(`${record.source.format}/${record.source.encoding}/${record.script}${record.source.variant ? `/${record.source.variant}` : ''}`);
    }
    expect([...seen].sort()).toEqual([
      'html/utf-8/Hans/site',
      'html/utf-8/Hans/wechat',
      'markdown/utf-8/Hans',
      'text/big5/Hant',
      'text/gb18030/Hans',
      'text/utf-16le/Hans',
      'text/utf-8/Hans',
      'text/utf-8/Hant',
    ]);
  });

  it('mention offsets are UTF-16 offsets into the decoded text: item positions point at the item', async () => {
    const { doc, record } = await ingestDetailed({ path: repo('fixtures/articles/ra-2025-utf16.txt') }, { pipeline: pipeline() });
    const first = items(record)[0]!;
    expect(doc.text.slice(doc.lines.offset(first.position.start)).startsWith('1月7日,')).toBe(true);
    expect(first.position.start).toEqual({ line: 6, column: 1 });
  });
});
