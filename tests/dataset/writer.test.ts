import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatasetWriter } from '../../src/dataset/writer.js';
import { realFs } from '../../src/io/fs.js';

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

describe('DatasetWriter.open in check mode', () => {
  it('a folder another digest is writing (its lock names a live process) is not checked half-written', async () => {
    const out = tmp();
    mkdirSync(join(out, '.staging'));
    writeFileSync(join(out, '.staging', 'lock'), JSON.stringify({ pid: process.pid, host: 'here', command: 'build' }));
    await expect(DatasetWriter.open(out, { mode: 'check', command: 'build' })).rejects.toThrow(`${out} is being written by another digest (pid ${process.pid}); check again when it has finished`);
    writeFileSync(join(out, '.staging', 'lock'), 'not a lock');
    await expect(DatasetWriter.open(out, { mode: 'check', command: 'build' })).resolves.toBeInstanceOf(DatasetWriter);
  });
});

describe('DatasetWriter.commit: folders', () => {
  it('makes each folder of the dataset once, however many files go into it', async () => {
    const root = join(tmp(), 'out');
    const made: string[] = [];
    const fs = { ...realFs, mkdirSync: (path: string, options: { recursive: true }) => (made.push(path), realFs.mkdirSync(path, options)) };
    const writer = await DatasetWriter.open(root, { mode: 'write', command: 'build', fs });
    try {
      for (const name of ['a', 'b', 'c']) {
        await writer.file(`report/${name}.html`, '', `<p>${name}</p>\n`);
        await writer.file(`articles/${name}.json`, '', '{}\n');
      }
      made.length = 0;
      writer.commit(true);
    } finally {
      writer.abort();
    }
    expect(made.filter((p) => p === join(root, 'report') || p === join(root, 'articles')).sort()).toEqual([join(root, 'articles'), join(root, 'report')]);
    expect(readFileSync(join(root, 'report', 'c.html'), 'utf8')).toBe('<p>c</p>\n');
  });
});
