import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatasetWriter } from '../../src/dataset/writer.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'digest-writer-'));

describe('DatasetWriter.open: what may be the output folder', () => {
  it('a file is refused, and left as it was', async () => {
    const file = join(tmp(), 'out');
    writeFileSync(file, 'mine');
    await expect(DatasetWriter.open(file, { mode: 'write', command: 'build' })).rejects.toThrow(`cannot use ${file} as the output folder: it is a file, not a folder`);
    await expect(DatasetWriter.open(file, { mode: 'check', command: 'build' })).rejects.toThrow('it is a file, not a folder');
    expect(readFileSync(file, 'utf8')).toBe('mine');
  });

  it('the folder named may be a link: the writer works in the folder it leads to', async () => {
    const root = tmp();
    mkdirSync(join(root, 'real'));
    symlinkSync(join(root, 'real'), join(root, 'out'));
    const writer = await DatasetWriter.open(join(root, 'out'), { mode: 'write', command: 'ingest' });
    try {
      expect(writer.root).toBe(join(root, 'real'));
      await writer.file('articles/a.json', '', '{}\n');
      writer.commit(false);
    } finally {
      writer.abort();
    }
    expect(readFileSync(join(root, 'real', 'articles', 'a.json'), 'utf8')).toBe('{}\n');
  });

  it.each([
    ['a file', (staging: string) => writeFileSync(staging, 'mine'), 'a file digest did not write'],
    ['a link', (staging: string) => symlinkSync(tmpdir(), staging), 'a symbolic link'],
  ])('a staging place that is %s is refused, never written through', async (_, make, what) => {
    const out = tmp();
    make(join(out, '.staging'));
    await expect(DatasetWriter.open(out, { mode: 'write', command: 'build' })).rejects.toThrow(`${join(out, '.staging')} is ${what}: digest keeps its staging folder there and never writes through a link; move it away`);
  });
});
