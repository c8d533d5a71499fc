import { describe, expect, it } from 'vitest';
import { main, type Io } from '../../src/cli/main.js';
import { fixture, repo } from '../helpers.js';

const norm = (value: unknown) => String(value ?? '').normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

interface Row {
  raw: string;
  expected: Record<string, string>;
}

describe('reference parsing accuracy on 3,403 labelled PubMed Central strings', () => {
  it('reaches at least 90% on title, container-title, volume, first page and first author (via `digest refs`)', async () => {
    const rows: Row[] = fixture('references/pmc-vancouver-dev.jsonl').toString('utf8').trim().split('\n').map((l) => JSON.parse(l));
    let stdout = '';
    const io: Io = { stdout: (t) => void (stdout += t), stderr: () => {}, stdin: async () => new Uint8Array(), stderrIsTTY: false };
    expect(await main(['refs', repo('fixtures/references/pmc-vancouver-dev.jsonl')], io)).toBe(0);
    const items = JSON.parse(stdout) as Record<string, unknown>[];
    expect(items).toHaveLength(rows.length);
    const fields: Record<string, (c: Record<string, unknown>) => unknown> = {
      title: (c) => c.title,
      'container-title': (c) => c['container-title'],
      volume: (c) => c.volume,
      'page-first': (c) => String(c.page ?? '').split(/[-–]/)[0],
      'author-first-family': (c) => (c.author as { family?: string }[] | undefined)?.[0]?.family,
    };
    const figures: Record<string, string> = {};
    for (const [field, get] of Object.entries(fields)) {
      let right = 0;
      let total = 0;
      rows.forEach((row, i) => {
        if (row.expected[field] === undefined) return;
        total++;
        if (norm(get(items[i]!)) === norm(row.expected[field])) right++;
      });
      figures[field] = `${((100 * right) / total).toFixed(1)}% (${right}/${total})`;
      expect(right / total, `${field}: ${figures[field]}`).toBeGreaterThanOrEqual(0.9);
    }
    console.log('reference field accuracy (case- and punctuation-insensitive exact match):', figures);
  });
});
