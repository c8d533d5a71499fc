import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRecordValidators } from '../../src/core/schemas.js';
import { madeByDigest, ownedFiles } from '../../src/dataset/ownership.js';
import { PAGE_MARK } from '../../src/report/html/html.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'digest-owned-'));

beforeAll(async () => {
  await loadRecordValidators();
});

describe('ownedFiles: what a manifest says digest wrote', () => {
  it('a manifest of schema 1.1 (no files list): the files its ok inputs imply, never a failed input or an id that is no id', () => {
    const dir = tmp();
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({ schemaVersion: '1.1.0', inputs: [{ id: 'ra-2025', status: 'ok' }, { id: 'bad', status: 'failed' }, { id: '../../etc', status: 'ok' }, null] }),
    );
    expect([...ownedFiles(join(dir, 'manifest.json'))].sort()).toEqual([
      'articles/ra-2025.json',
      'entities.jsonl',
      'items.jsonl',
      'references.jsonl',
      'report/index.html',
      'report/ra-2025.html',
      'report/ra-2025.source.html',
    ]);
  });

  it('a manifest the last build wrote, untouched since (asked before and after the read), is read without validating; any other is validated', () => {
    const dir = tmp();
    // Not a valid manifest (no pipeline, no totals): only trusted, its files are owned.
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ schemaVersion: '1.2.0', inputs: [], files: ['items.jsonl', 'report/index.html'] }));
    expect([...ownedFiles(join(dir, 'manifest.json'), () => true)]).toEqual(['items.jsonl', 'report/index.html']);
    // Replaced between the two asks, or not made here: validated (and refused: schema 1.2 lists its files; its inputs imply none).
    let asks = 0;
    expect(ownedFiles(join(dir, 'manifest.json'), () => ++asks === 1).size).toBe(4);
    expect(asks).toBe(2);
    expect(ownedFiles(join(dir, 'manifest.json'), () => false).size).toBe(4);
    // Trusted, but no list of names where the files are: validated.
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ schemaVersion: '1.2.0', inputs: [], files: ['a', 1] }));
    expect(ownedFiles(join(dir, 'manifest.json'), () => true).size).toBe(4);
  });

  it('no manifest, one that is not JSON, or one that is no manifest: digest owns nothing', () => {
    const dir = tmp();
    expect(ownedFiles(join(dir, 'manifest.json')).size).toBe(0);
    writeFileSync(join(dir, 'manifest.json'), '{');
    expect(ownedFiles(join(dir, 'manifest.json')).size).toBe(0);
    writeFileSync(join(dir, 'manifest.json'), '{"budget": 12}');
    expect(ownedFiles(join(dir, 'manifest.json')).size).toBe(0);
  });
});

describe('madeByDigest: judged by content', () => {
  it.each([
    ['manifest.json', '{"schemaVersion": "1.2.0", "inputs": []}', true],
    ['manifest.json', '{"inputs": []}', false],
    ['changes.json', '{"schemaVersion": "1.2.0", "revision": 2, "articles": []}', true],
    ['changes.json', '{"schemaVersion": "1.2.0", "articles": []}', false],
    ['articles/ra-2025.json', '{"schemaVersion": "1.2.0", "id": "ra-2025"}', true],
    ['articles/ra-2025.json', '{"schemaVersion": "1.2.0", "id": "other"}', false],
    ['report/ra-2025.html', `<!doctype html><head>${PAGE_MARK}</head>`, true],
    ['report/notes.html', '<!doctype html><p>my notes</p>', false],
    ['items.jsonl', '', true],
    ['items.jsonl', '{"article":"ra-2025","id":"x"}\n', true],
    ['items.jsonl', 'date,amount\n', false],
    ['budget.xlsx', 'numbers', false],
  ])('%s holding %j: %s', (rel, content, expected) => {
    const dir = tmp();
    mkdirSync(join(dir, 'articles'));
    mkdirSync(join(dir, 'report'));
    writeFileSync(join(dir, rel), content);
    expect(madeByDigest(rel, join(dir, rel))).toBe(expected);
  });

  it('a link where a table would be is not digest’s, whatever it leads to', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'real.jsonl'), '');
    symlinkSync(join(dir, 'real.jsonl'), join(dir, 'items.jsonl'));
    expect(madeByDigest('items.jsonl', join(dir, 'items.jsonl'))).toBe(false);
  });
});
