import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../src/core/record.js';
import { manifestPieces, manifestRowText, manifestText } from '../../src/dataset/manifest.js';
import type { ManifestInput } from '../../src/generated/manifest.js';

const row = (path: string, status: 'ok' | 'failed', extra: Partial<ManifestInput> = {}): ManifestInput => ({
  path, id: status === 'ok' ? path.replace(/\W/g, '-') : null, status, sha256: 'a'.repeat(64), bytes: 10, encoding: 'utf-8', format: 'text',
  months: 2, items: 3, references: 1, referencesWithDoi: 0, entities: 4, errors: status === 'ok' ? 0 : 1, warnings: 1, infos: 0,
  title: '强直性脊柱炎 "quoted"\n', titleEn: null, topic: { disease: { id: 'disease:x', label: 'x' }, therapy: null }, period: { start: '2025-01', end: '2025-02' },
  timeline: ['2025-01', '2025-02'], missingMonths: [], outOfOrderMonths: [], entityTypes: {}, problems: status === 'ok' ? {} : { 'read-failed': 1 },
  ...extra,
});

describe('the manifest, a row at a time', () => {
  it('the same text as the whole manifest pretty-printed: rows, none, a shard, totals counted from the rows', () => {
    const totals = { items: 6, references: 2, entities: 8 };
    const files = ['report/index.html', 'articles/b.json', 'articles/a.json'];
    const shard = { index: 1, count: 2, plan: 'p'.repeat(64) };
    for (const [rows, withShard] of [[[row('in/a.txt', 'ok'), row('in/b.txt', 'failed'), row('in/c.txt', 'ok', { entityTypes: { disease: 2 } })], true], [[], false], [[row('in/a.txt', 'failed')], false]] as const) {
      const whole = {
        schemaVersion: SCHEMA_VERSION,
        pipeline: 'digest',
        ...(withShard ? { shard } : {}),
        inputs: rows,
        totals: { inputs: rows.length, records: rows.filter((r) => r.status === 'ok').length, failed: rows.filter((r) => r.status !== 'ok').length, ...totals },
        files: [...files].sort(),
      };
      const expected = `${JSON.stringify(whole, null, 2)}\n`;
      // The rows taken from an iterator, read once.
      expect([...manifestPieces('digest', rows.values(), totals, files, withShard ? shard : undefined)].join('')).toBe(expected);
      expect(manifestText('digest', rows, totals, files, withShard ? shard : undefined)).toBe(expected);
    }
  });
});

describe('rows given as their text', () => {
  it('are spliced as they are: the same manifest as the rows given as objects, records counted from their own status (not from a title that reads like one)', () => {
    const totals = { items: 6, references: 2, entities: 8 };
    const files = ['articles/a.json'];
    const tricky = row('in/d.txt', 'failed', { title: '\n      "status": "ok",', titleEn: '"status": "ok"' });
    const rows = [row('in/a.txt', 'ok'), row('in/b.txt', 'failed'), tricky, row('in/c.txt', 'ok', { entityTypes: { disease: 2 } })];
    const expected = manifestText('digest', rows, totals, files);
    // Some rows as text, some as objects, as a build has them (text from the threads, objects for reused inputs).
    const mixed = rows.map((r, i) => (i % 2 === 0 ? manifestRowText(r) : r));
    expect([...manifestPieces('digest', mixed, totals, files)].join('')).toBe(expected);
    expect([...manifestPieces('digest', rows.map(manifestRowText), totals, files)].join('')).toBe(expected);
    expect(JSON.parse(expected).totals).toMatchObject({ inputs: 4, records: 2, failed: 2 });
    // The text parses back to the row itself, as the review index reads it.
    for (const r of rows) expect(JSON.parse(manifestRowText(r))).toEqual(r);
  });

});
