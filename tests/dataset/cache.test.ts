import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EntryStore } from '../../src/dataset/cache.js';
import { OutputError } from '../../src/io/errors.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'digest-cache-'));

describe('EntryStore.open: where a cache may live', () => {
  it('a new folder becomes a tagged cache', () => {
    const dir = join(tmp(), 'cache');
    expect(EntryStore.open(dir, { inOutput: true, write: true })).not.toBeNull();
    expect(readFileSync(join(dir, 'CACHEDIR.TAG'), 'utf8')).toMatch(/^Signature: 8a477f597d28d172789f06886806bc55\n/);
    expect(existsSync(join(dir, 'entries'))).toBe(true);
  });

  it('a file is no cache: refused when writing, not read when checking', () => {
    const file = join(tmp(), 'cache');
    writeFileSync(file, 'mine');
    expect(() => EntryStore.open(file, { inOutput: false, write: true })).toThrow(new OutputError(`${file} is not a folder: it cannot hold the cache`));
    expect(EntryStore.open(file, { inOutput: false, write: false })).toBeNull();
    expect(readFileSync(file, 'utf8')).toBe('mine');
  });

  it('a link: refused as out/.cache, followed when the user names it with --cache', () => {
    const root = tmp();
    mkdirSync(join(root, 'real'));
    symlinkSync(join(root, 'real'), join(root, 'link'));
    expect(() => EntryStore.open(join(root, 'link'), { inOutput: true, write: true })).toThrow(/is a symbolic link: digest never writes or deletes through a link inside its output folder/);
    expect(EntryStore.open(join(root, 'link'), { inOutput: false, write: true })).not.toBeNull();
    expect(existsSync(join(root, 'real', 'CACHEDIR.TAG'))).toBe(true);
  });

  it('a folder of someone else’s files is never written or pruned; an untagged cache of an earlier digest is recognised by its layout', () => {
    const theirs = tmp();
    writeFileSync(join(theirs, 'budget.xlsx'), 'numbers');
    expect(() => EntryStore.open(theirs, { inOutput: false, write: true })).toThrow(/holds files and is not a digest cache \(no CACHEDIR\.TAG\)/);
    expect(existsSync(join(theirs, 'CACHEDIR.TAG'))).toBe(false);
    const earlier = tmp();
    mkdirSync(join(earlier, 'entries'));
    writeFileSync(join(earlier, 'state.json'), '{}');
    expect(EntryStore.open(earlier, { inOutput: false, write: true })).not.toBeNull();
    expect(existsSync(join(earlier, 'CACHEDIR.TAG'))).toBe(true);
  });
});
