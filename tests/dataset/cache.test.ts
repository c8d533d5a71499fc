import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EntryStore } from '../../src/dataset/cache.js';
import { computeEntry } from '../../src/dataset/entry.js';
import { entryKey } from '../../src/dataset/keys.js';
import { OutputError } from '../../src/io/errors.js';
import { realFs } from '../../src/io/fs.js';
import { pipeline, repo } from '../helpers.js';

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

describe('EntryStore: entries, pruning, state', () => {
  const key = (c: string) => c.repeat(64);
  const dead = () => Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);

  it('prune deletes the entries a build did not use and temporary files of ended processes; never its own, a link, or a name digest does not write', () => {
    const dir = join(tmp(), 'cache');
    const store = EntryStore.open(dir, { inOutput: false, write: true })!;
    const entry = { summary: { path: 'in/a.txt' } as never, rows: { 'items.jsonl': '' }, search: null as never };
    store.put(key('a'), entry);
    store.put(key('b'), entry);
    const fan = join(dir, 'entries', 'a');
    // An entry of cache format 3, in its folder of two hex digits: stale, and deleted too.
    mkdirSync(join(dir, 'entries', 'bb'));
    writeFileSync(join(dir, 'entries', 'bb', `${key('b')}.json`), '{}');
    writeFileSync(join(fan, `${dead()}-0-1.tmp`), 'left by a killed build');
    writeFileSync(join(fan, `${process.pid}-0-2.tmp`), 'being written now');
    writeFileSync(join(fan, 'notes.txt'), 'mine');
    symlinkSync(join(fan, 'notes.txt'), join(fan, `${key('c')}.json`));
    mkdirSync(join(dir, 'entries', 'not-a-fan'));
    mkdirSync(join(dir, '.staging'));
    store.prune(new Set([key('a')]));
    expect(store.meta(key('a'))).toMatchObject({ summary: { path: 'in/a.txt' } });
    expect(store.meta(key('b'))).toBeNull();
    expect(readdirSync(fan).sort()).toEqual([`${key('a')}.json`, `${key('c')}.json`, `${process.pid}-0-2.tmp`, 'notes.txt'].sort());
    expect(existsSync(join(dir, 'entries', 'not-a-fan'))).toBe(true);
    expect(readdirSync(join(dir, 'entries', 'bb'))).toEqual([]);
    expect(existsSync(join(dir, '.staging'))).toBe(false);
  });

  it('a read-only store (--check) stores, prunes and saves nothing', () => {
    const dir = join(tmp(), 'cache');
    EntryStore.open(dir, { inOutput: false, write: true })!.put(key('a'), { summary: {} as never, rows: {}, search: null as never });
    const readOnly = EntryStore.open(dir, { inOutput: false, write: false })!;
    readOnly.put(key('b'), { summary: {} as never, rows: {}, search: null as never });
    readOnly.prune(new Set());
    readOnly.saveState({ ...readOnly.loadState('config'), inputs: {} });
    expect(readOnly.meta(key('a'))).not.toBeNull();
    expect(readOnly.meta(key('b'))).toBeNull();
    expect(existsSync(join(dir, 'state.json'))).toBe(false);
  });

  it('state: not written again when unchanged, read back only for the same configuration', () => {
    const dir = join(tmp(), 'cache');
    let writes = 0;
    const counting = { ...realFs, renameSync: (from: string, to: string) => void (writes++, realFs.renameSync(from, to)) };
    const store = EntryStore.open(dir, { inOutput: false, write: true, fs: counting })!;
    store.saveState(store.loadState('config-1'));
    expect(writes).toBe(1);
    const loaded = store.loadState('config-1');
    expect(loaded.config).toBe('config-1');
    store.saveState(loaded, loaded);
    expect(writes).toBe(1);
    expect(store.loadState('config-2').config).toBe('config-2');
    writeFileSync(join(dir, 'state.json'), '{');
    expect(store.loadState('config-1').config).toBe('config-1');
  });
});

describe('computeEntry stores its own cache entry (the thread that ingests writes it)', () => {
  const input = { path: repo('fixtures/articles/as-2025.txt'), id: 'as-2025', renamedFrom: null };

  it('the entry goes under the build’s key, as EntryStore reads it; nothing is stored without a target', async () => {
    const root = tmp();
    const store = EntryStore.open(join(root, 'cache'), { inOutput: false, write: true })!;
    const where = { root: join(root, 'out'), staging: join(root, 'staging'), mode: 'write' as const };
    const entry = await computeEntry(input, pipeline(), where, realFs, undefined, store.target('config'));
    expect(entry.failure).toBeUndefined();
    const key = entryKey('config', input.path, input.id, null, entry.summary.sha256);
    expect(store.meta(key)).toEqual(JSON.parse(JSON.stringify({ summary: entry.summary, rows: entry.rows, search: JSON.parse(entry.searchJson!) })));
    expect(EntryStore.open(join(root, 'cache'), { inOutput: false, write: false })!.target('config')).toBeNull();
    await computeEntry(input, pipeline(), where, realFs, undefined, null);
    // One folder a hex digit of the key (a new folder costs the kernel ~1 ms here: at most 16 a cache).
    expect(readdirSync(join(root, 'cache', 'entries'))).toEqual([key.slice(0, 1)]);
  });

  it('an entry that cannot be written is the build’s failure, with nothing stored', async () => {
    const root = tmp();
    const store = EntryStore.open(join(root, 'cache'), { inOutput: false, write: true })!;
    const where = { root: join(root, 'out'), staging: join(root, 'staging'), mode: 'write' as const };
    const full = { ...realFs, renameSync: (from: string, to: string) => (to.includes('entries') ? failWith('ENOSPC') : realFs.renameSync(from, to)) };
    const entry = await computeEntry(input, pipeline(), where, full, undefined, store.target('config'));
    expect(entry.failure).toMatch(/^cannot write .+\.json: no space left on the device \(ENOSPC\)$/);
    expect(readdirSync(join(root, 'cache', 'entries')).flatMap((fan) => readdirSync(join(root, 'cache', 'entries', fan)))).toEqual([]);
  });
});

function failWith(code: string): never {
  throw Object.assign(new Error(code), { code });
}
