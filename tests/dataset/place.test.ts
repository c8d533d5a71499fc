import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { placeFile, type Placement } from '../../src/dataset/place.js';
import { identityOf, kindOf } from '../../src/io/files.js';

function folder(mode: 'write' | 'check' = 'write'): Placement {
  const root = mkdtempSync(join(tmpdir(), 'digest-place-'));
  return { root, staging: join(root, '.staging', 'txn', 'files'), mode };
}

// Text with characters of one to four bytes in UTF-8, and a lone surrogate (written as U+FFFD).
const TEXT = 'a é 干细胞 😀 \ud800 end\n';

describe('placeFile: a file of the dataset, staged only when it differs', () => {
  it('stages a new file with the UTF-8 bytes of its text, folders made on the way', () => {
    const where = folder();
    // With the staged copy's identity, taken as it was written (what it keeps when its folder is put in place whole).
    expect(placeFile(where, 'report/x.html', TEXT)).toEqual({ rel: 'report/x.html', outcome: 'staged', identity: null, staged: identityOf(join(where.staging, 'report', 'x.html')) });
    expect(readFileSync(join(where.staging, 'report', 'x.html'))).toEqual(Buffer.from(TEXT));
    expect(kindOf(join(where.root, 'report', 'x.html'))).toBe('absent');
  });

  it('a file already as wanted is the same, with its identity, and nothing is staged — for text and for bytes', () => {
    const where = folder();
    mkdirSync(join(where.root, 'articles'));
    writeFileSync(join(where.root, 'articles', 'a.json'), TEXT);
    const text = placeFile(where, 'articles/a.json', TEXT);
    expect(text.outcome).toBe('same');
    expect(text.identity).toMatch(/^\d+:\d+:\d+:\d+$/);
    expect(placeFile(where, 'articles/a.json', new Uint8Array(Buffer.from(TEXT))).outcome).toBe('same');
    expect(kindOf(join(where.staging, 'articles', 'a.json'))).toBe('absent');
  });

  it('a file of the same size with other bytes, or of another size, is staged', () => {
    const where = folder();
    writeFileSync(join(where.root, 'a.json'), TEXT.replace('a', 'b'));
    expect(placeFile(where, 'a.json', TEXT).outcome).toBe('staged');
    writeFileSync(join(where.root, 'b.json'), `${TEXT}more`);
    expect(placeFile(where, 'b.json', TEXT).outcome).toBe('staged');
    expect(readFileSync(join(where.staging, 'b.json'), 'utf8')).toBe(Buffer.from(TEXT).toString('utf8'));
  });

  it('never reads through a link in the folder: a link to the same bytes is not the same file', () => {
    const where = folder();
    writeFileSync(join(where.root, 'elsewhere'), TEXT);
    symlinkSync(join(where.root, 'elsewhere'), join(where.root, 'a.json'));
    expect(placeFile(where, 'a.json', TEXT).outcome).toBe('staged');
  });

  it('in check mode names a missing or changed file and writes nothing', () => {
    const where = folder('check');
    writeFileSync(join(where.root, 'a.json'), 'old');
    expect(placeFile(where, 'a.json', TEXT).outcome).toBe('changed');
    expect(placeFile(where, 'b.json', TEXT).outcome).toBe('missing');
    writeFileSync(join(where.root, 'c.json'), TEXT);
    expect(placeFile(where, 'c.json', TEXT).outcome).toBe('same');
    expect(kindOf(join(where.root, '.staging'))).toBe('absent');
  });
});
