import { mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatasetOutput } from '../../src/dataset/output.js';
import { toJson, writeAtomic } from '../../src/io/atomic.js';

describe('writing files', () => {
  it('writeAtomic makes missing folders and leaves no temporary file', async () => {
    const root = mkdtempSync(join(tmpdir(), 'digest-write-'));
    await writeAtomic(join(root, 'a', 'b', 'x.json'), toJson({ b: 1, a: [1] }), join(root, '.staging'));
    expect(readFileSync(join(root, 'a', 'b', 'x.json'), 'utf8')).toBe('{\n  "b": 1,\n  "a": [\n    1\n  ]\n}\n');
    expect(readdirSync(join(root, '.staging'))).toEqual([]);
  });

  it('refuses to write through a symbolic link inside the output folder', async () => {
    const out = mkdtempSync(join(tmpdir(), 'digest-write-'));
    const elsewhere = mkdtempSync(join(tmpdir(), 'digest-elsewhere-'));
    symlinkSync(elsewhere, join(out, 'articles'));
    const output = new DatasetOutput(out, 'write', {});
    await output.open();
    await expect(output.file('articles/x.json', 'k', '{}\n')).rejects.toThrow(/symbolic link/);
    await expect(output.file('../x.json', 'k', '{}\n')).rejects.toThrow(/outside/);
    expect(readdirSync(elsewhere)).toEqual([]);
  });
});
