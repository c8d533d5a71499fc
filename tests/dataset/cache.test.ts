import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EntryStore, ownState, stateFileName, type CachedEntry } from '../../src/dataset/cache.js';
import { computeEntry } from '../../src/dataset/entry.js';
import { readEntry, readEntryBytes, storeEntry } from '../../src/dataset/cache-entry.js';
import { CACHE_FORMAT, entryKey } from '../../src/dataset/keys.js';
import { OutputError } from '../../src/io/errors.js';
import { realFs } from '../../src/io/fs.js';
import { jsonForScript } from '../../src/report/html/html.js';
import { prepareSearch, type SearchEntry } from '../../src/report/html/search.js';
import { pipeline, repo } from '../helpers.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'digest-cache-'));

describe('EntryStore.open: where a cache may live', () => {
  it('a new folder becomes a tagged cache', () => {
    const dir = join(tmp(), 'cache');
    expect(EntryStore.open(dir, { inOutput: true, write: true })).not.toBeNull();
    expect(readFileSync(join(dir, 'CACHEDIR.TAG'), 'utf8')).toMatch(/^Signature: 8a477f597d28d172789f06886806bc55\n/);
    expect(existsSync(join(dir, 'packs'))).toBe(true);
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

  it('a packs folder that is a link or a file is refused when writing, not read when checking', () => {
    const root = tmp();
    const dir = join(root, 'cache');
    EntryStore.open(dir, { inOutput: false, write: true });
    rmSync(join(dir, 'packs'), { recursive: true });
    mkdirSync(join(root, 'elsewhere'));
    symlinkSync(join(root, 'elsewhere'), join(dir, 'packs'));
    expect(() => EntryStore.open(dir, { inOutput: false, write: true })).toThrow(/packs is not a folder digest made/);
    expect(EntryStore.open(dir, { inOutput: false, write: false })).toBeNull();
    expect(readdirSync(join(root, 'elsewhere'))).toEqual([]);
  });
});

describe('EntryStore: entries, pruning, state', () => {
  const key = (c: string) => c.repeat(64);
  const dead = () => Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
  const entry = (path: string, padding = 0) => ({ summary: { path } as never, rows: { 'items.jsonl': 'x'.repeat(padding) }, search: null as never });
  const packsOf = (dir: string) => readdirSync(join(dir, 'packs')).sort();
  /** A store of one build: the entries put, the packs sealed and closed. */
  const session = (dir: string, entries: [string, CachedEntry][]) => {
    const store = EntryStore.open(dir, { inOutput: false, write: true })!;
    for (const [k, e] of entries) store.put(k, e);
    store.seal();
    store.close();
  };

  it('a build’s entries go into one pack, with its index; another store of the cache reads them', () => {
    const dir = join(tmp(), 'cache');
    session(dir, [[key('a'), entry('in/a.txt')], [key('b'), entry('in/b.txt')]]);
    const names = packsOf(dir);
    expect(names).toHaveLength(2);
    expect(names[0]).toMatch(new RegExp(`^${process.pid}-\\d+-\\d+\\.idx$`));
    expect(names[1]).toBe(names[0]!.replace(/idx$/, 'pack'));
    const store = EntryStore.open(dir, { inOutput: false, write: false })!;
    expect(store.meta(key('a'))).toEqual(entry('in/a.txt'));
    expect(store.meta(key('b'))?.summary).toEqual({ path: 'in/b.txt' });
    expect(store.meta(key('c'))).toBeNull();
    store.close();
  });

  it('a pack without its index (a killed build) is scanned: its whole lines serve, a torn last line is a miss', () => {
    const dir = join(tmp(), 'cache');
    const killed = EntryStore.open(dir, { inOutput: false, write: true })!;
    killed.put(key('a'), entry('in/a.txt'));
    killed.put(key('b'), entry('in/b.txt'));
    killed.close(); // no seal: no index
    const [pack] = packsOf(dir);
    expect(pack).toMatch(/\.pack$/);
    appendFileSync(join(dir, 'packs', pack!), `${key('c')} {"summary":{"path":"in/c.t`);
    const store = EntryStore.open(dir, { inOutput: false, write: false })!;
    expect(store.meta(key('a'))).toEqual(entry('in/a.txt'));
    expect(store.meta(key('b'))).toEqual(entry('in/b.txt'));
    expect(store.meta(key('c'))).toBeNull();
    store.close();
  });

  it('a garbled line, a garbled index or a pack cut short is a miss, never a crash', () => {
    const dir = join(tmp(), 'cache');
    session(dir, [[key('a'), entry('in/a.txt')], [key('b'), entry('in/b.txt')], [key('c'), entry('in/c.txt')]]);
    const [index, pack] = packsOf(dir);
    const path = join(dir, 'packs', pack!);
    const bytes = readFileSync(path);
    // a's JSON garbled in place, c's line cut off (the pack shorter than its index says).
    bytes.write('#', bytes.indexOf('"summary"'));
    writeFileSync(path, bytes.subarray(0, bytes.length - 10));
    let store = EntryStore.open(dir, { inOutput: false, write: false })!;
    expect(store.meta(key('a'))).toBeNull();
    expect(store.meta(key('b'))).toEqual(entry('in/b.txt'));
    expect(store.meta(key('c'))).toBeNull();
    store.close();
    // An index that is not one: the pack is scanned instead.
    writeFileSync(join(dir, 'packs', index!), 'digest-pack-index 1\nnonsense\n');
    store = EntryStore.open(dir, { inOutput: false, write: false })!;
    expect(store.meta(key('b'))).toEqual(entry('in/b.txt'));
    expect(store.meta(key('a'))).toBeNull();
    store.close();
  });

  it('prune deletes packs with no entry kept, compacts a mostly dead one into the build’s pack, keeps the rest; temporary files of ended processes go; never a live process’s pack, a link, or a name digest does not write', () => {
    const dir = join(tmp(), 'cache');
    // One build: a small entry kept, a large one not (the pack mostly dead: compacted).
    session(dir, [[key('a'), entry('in/a.txt')], [key('b'), entry('in/b.txt', 10_000)]]);
    const [compacted] = packsOf(dir).filter((n) => n.endsWith('.pack'));
    // Another: only entries not kept (deleted); another: all kept (left as it is).
    session(dir, [[key('c'), entry('in/c.txt')]]);
    const [gone] = packsOf(dir).filter((n) => n.endsWith('.pack') && n !== compacted);
    session(dir, [[key('d'), entry('in/d.txt')]]);
    const [kept] = packsOf(dir).filter((n) => n.endsWith('.pack') && n !== compacted && n !== gone);
    const packs = join(dir, 'packs');
    // An entry's line as cache format 6 writes it (cache-entry.ts, storeEntry): its rows (none here) after a tab.
    const line = (k: string) => `${k} ${JSON.stringify({ summary: { path: `in/${k[0]}.txt` }, search: null, rows: { 'items.jsonl': 0 } })}\t\n`;
    // A pack of a process that ended, unindexed, kept entry and all: scanned, and left as it is.
    const ended = dead();
    writeFileSync(join(packs, `${ended}-1-1.pack`), line(key('e')));
    // A pack of a process still running (a shard sharing the folder): never touched.
    writeFileSync(join(packs, `${process.ppid}-1-1.pack`), line(key('f')));
    writeFileSync(join(packs, `${ended}-0-1.tmp`), 'left by a killed build');
    writeFileSync(join(packs, `${process.pid}-0-2.tmp`), 'being written now');
    writeFileSync(join(packs, `${ended}-9-9.idx`), 'an index whose pack is gone');
    writeFileSync(join(packs, 'notes.txt'), 'mine');
    symlinkSync(join(packs, 'notes.txt'), join(packs, `${ended}-2-1.pack`));
    // Entries of cache format 4 (a folder by a key's first digit) and 3 (two digits): deleted, their folders with them.
    mkdirSync(join(dir, 'entries', 'a'), { recursive: true });
    writeFileSync(join(dir, 'entries', 'a', `${key('a')}.json`), '{}');
    writeFileSync(join(dir, 'entries', 'a', `${ended}-0-3.tmp`), '{');
    mkdirSync(join(dir, 'entries', 'bb'));
    writeFileSync(join(dir, 'entries', 'bb', `${key('b')}.json`), '{}');
    writeFileSync(join(dir, 'entries', 'bb', 'notes.txt'), 'mine');
    mkdirSync(join(dir, 'entries', 'not-a-fan'));
    mkdirSync(join(dir, '.staging'));
    const store = EntryStore.open(dir, { inOutput: false, write: true })!;
    store.prune(new Set([key('a'), key('d'), key('e')]));
    store.seal();
    store.close();
    const after = packsOf(dir);
    const [made] = after.filter((n) => n.endsWith('.pack') && ![compacted, gone, kept].includes(n) && n.startsWith(`${process.pid}-`));
    expect(made).toBeDefined();
    expect(after).toEqual(
      [made!, made!.replace(/pack$/, 'idx'), kept!, kept!.replace(/pack$/, 'idx'), `${ended}-1-1.pack`, `${process.ppid}-1-1.pack`, `${process.pid}-0-2.tmp`, 'notes.txt', `${ended}-2-1.pack`].sort(),
    );
    const reader = EntryStore.open(dir, { inOutput: false, write: false })!;
    expect(reader.meta(key('a'))).toEqual(entry('in/a.txt'));
    expect(reader.meta(key('d'))).toEqual(entry('in/d.txt'));
    expect(reader.meta(key('e'))).toEqual(entry('in/e.txt'));
    expect(reader.meta(key('f'))).toEqual(entry('in/f.txt'));
    expect(reader.meta(key('b'))).toBeNull();
    expect(reader.meta(key('c'))).toBeNull();
    reader.close();
    expect(readdirSync(join(dir, 'entries')).sort()).toEqual(['bb', 'not-a-fan']);
    expect(readdirSync(join(dir, 'entries', 'bb'))).toEqual(['notes.txt']);
    expect(existsSync(join(dir, '.staging'))).toBe(false);
  });

  it('prune asks for the keys it keeps only where it looks into a pack of an earlier build: a first build (every pack its own) makes none, its inputs\' states not read back for them (BENCHMARKS.md, change 237)', () => {
    const dir = join(tmp(), 'cache');
    let asked = 0;
    const first = EntryStore.open(dir, { inOutput: false, write: true })!;
    first.put(key('a'), entry('in/a.txt'));
    first.prune(() => {
      asked++;
      return new Set([key('a')]);
    });
    expect(asked).toBe(0);
    first.seal();
    first.close();
    // Packs of earlier builds: the keys asked once, what they do not name dropped.
    session(dir, [[key('b'), entry('in/b.txt')]]);
    const next = EntryStore.open(dir, { inOutput: false, write: true })!;
    next.prune(() => {
      asked++;
      return new Set([key('b')]);
    });
    next.seal();
    next.close();
    expect(asked).toBe(1);
    const reader = EntryStore.open(dir, { inOutput: false, write: false })!;
    expect(reader.meta(key('b'))).toEqual(entry('in/b.txt'));
    expect(reader.meta(key('a'))).toBeNull();
    reader.close();
  });

  it('packs that pile up (an incremental build leaves one a thread) are merged once there are more than 16: the smallest into the build’s pack', () => {
    const dir = join(tmp(), 'cache');
    const keys = Array.from({ length: 20 }, (_, i) => i.toString(16).padStart(64, 'e'));
    keys.forEach((k, i) => session(dir, [[k, entry(`in/${i}.txt`, i)]]));
    expect(packsOf(dir).filter((n) => n.endsWith('.pack'))).toHaveLength(20);
    const store = EntryStore.open(dir, { inOutput: false, write: true })!;
    store.prune(new Set(keys));
    store.seal();
    store.close();
    // 12 of the 20 (the smallest) merged into one: 9 packs, each with its index.
    const after = packsOf(dir);
    expect(after.filter((n) => n.endsWith('.pack'))).toHaveLength(9);
    expect(after.filter((n) => n.endsWith('.idx'))).toHaveLength(9);
    const reader = EntryStore.open(dir, { inOutput: false, write: false })!;
    keys.forEach((k, i) => expect(reader.meta(k)).toEqual(entry(`in/${i}.txt`, i)));
    reader.close();
  });

  it('a read-only store (--check) stores, prunes and saves nothing', () => {
    const dir = join(tmp(), 'cache');
    session(dir, [[key('a'), { summary: {} as never, rows: {}, search: null as never }]]);
    const before = packsOf(dir);
    const readOnly = EntryStore.open(dir, { inOutput: false, write: false })!;
    expect(readOnly.target('config')).toBeNull();
    readOnly.put(key('b'), { summary: {} as never, rows: {}, search: null as never });
    readOnly.prune(new Set());
    readOnly.seal();
    readOnly.saveState({ ...readOnly.loadState('config'), inputs: {} });
    expect(readOnly.meta(key('a'))).not.toBeNull();
    expect(readOnly.meta(key('b'))).toBeNull();
    readOnly.close();
    expect(existsSync(join(dir, 'state.json'))).toBe(false);
    expect(packsOf(dir)).toEqual(before);
  });

  it('state: read back only for the same configuration', () => {
    const dir = join(tmp(), 'cache');
    const store = EntryStore.open(dir, { inOutput: false, write: true })!;
    store.saveState(store.loadState('config-1'));
    const loaded = store.loadState('config-1');
    expect(loaded.config).toBe('config-1');
    expect(store.loadState('config-2').config).toBe('config-2');
    writeFileSync(join(dir, 'state.json'), '{');
    expect(store.loadState('config-1').config).toBe('config-1');
  });
});

describe('the state written from its inputs one at a time', () => {
  it('the same text as JSON.stringify of the whole state (inputs and outputs sorted by path)', () => {
    const dir = join(tmp(), 'cache');
    let writes = 0;
    const counting = { ...realFs, renameSync: (from: string, to: string) => void (writes++, realFs.renameSync(from, to)) };
    const store = EntryStore.open(dir, { inOutput: false, write: true, fs: counting })!;
    const summary = { path: '/in/b "quoted".txt', title: '强直性脊柱炎', diagnostics: [] } as never;
    const inputs = {
      '/in/b "quoted".txt': { stat: '1:2:3', sha256: 'b'.repeat(64), key: 'b'.repeat(64), summary },
      '/in/a.txt': { stat: '', sha256: 'a'.repeat(64), key: 'c'.repeat(64), summary },
    };
    const state = { format: CACHE_FORMAT, config: 'config-1', inputs, outputs: { 'report/b.html': 'k|i', 'articles/a.json': 'k|j' } };
    const whole = JSON.stringify({ ...state, inputs: { '/in/a.txt': inputs['/in/a.txt'], '/in/b "quoted".txt': inputs['/in/b "quoted".txt'] }, outputs: { 'articles/a.json': 'k|j', 'report/b.html': 'k|i' } });
    const texts = () => [['/in/a.txt', JSON.stringify(inputs['/in/a.txt'])], ['/in/b "quoted".txt', JSON.stringify(inputs['/in/b "quoted".txt'])]] as const;
    store.saveStateFrom(state, texts);
    expect(readFileSync(join(dir, 'state.json'), 'utf8')).toBe(whole);
    expect(writes).toBe(1);
    // The whole state saved as one gives the same text.
    store.saveState(state);
    expect(readFileSync(join(dir, 'state.json'), 'utf8')).toBe(whole);
    expect(writes).toBe(2);
    const loaded = { ...store.loadState('config-1') };
    expect(loaded.inputs['/in/a.txt']!.stat).toBe('');
    // Out of path order: refused, nothing written.
    expect(() => store.saveStateFrom(state, () => [...texts()].reverse())).toThrow(/out of path order/);
    expect(writes).toBe(2);
    expect(readFileSync(join(dir, 'state.json'), 'utf8')).toBe(whole);
  });
});

describe('the state of the last build, one an output folder', () => {
  it('a cache named with --cache keeps one state a folder (by its path), a cache in the output folder state.json', () => {
    const dir = join(tmp(), 'cache');
    const [one, two] = [join(tmp(), 'one'), join(tmp(), 'two')];
    const forOne = EntryStore.open(dir, { inOutput: false, write: true, outDir: one })!;
    const forTwo = EntryStore.open(dir, { inOutput: false, write: true, outDir: two })!;
    forOne.saveState({ ...forOne.loadState('config'), outputs: { 'articles/a.json': 'from-one' } });
    forTwo.saveState({ ...forTwo.loadState('config'), outputs: { 'articles/b.json': 'from-two' } });
    expect(readdirSync(dir).filter((n) => n.startsWith('state')).sort()).toEqual([stateFileName(one), stateFileName(two)].sort());
    expect(stateFileName(one)).toMatch(/^state-[0-9a-f]{16}\.json$/);
    expect(stateFileName(one)).not.toBe(stateFileName(two));
    expect(EntryStore.open(dir, { inOutput: false, write: false, outDir: one })!.loadState('config').outputs).toEqual({ 'articles/a.json': 'from-one' });
    expect(EntryStore.open(dir, { inOutput: false, write: false, outDir: two })!.loadState('config').outputs).toEqual({ 'articles/b.json': 'from-two' });
    const inOutput = join(one, '.cache');
    const own = EntryStore.open(inOutput, { inOutput: true, write: true, outDir: one })!;
    own.saveState(own.loadState('config'));
    expect(readdirSync(inOutput).filter((n) => n.startsWith('state'))).toEqual(['state.json']);
  });

  it('with no state of its folder yet, a --cache store reads the one state.json an earlier digest left there, and saves its own', () => {
    const dir = join(tmp(), 'cache');
    const out = join(tmp(), 'out');
    const earlier = EntryStore.open(dir, { inOutput: false, write: true })!;
    earlier.saveState({ ...earlier.loadState('config'), outputs: { 'articles/a.json': 'earlier' } });
    expect(existsSync(join(dir, 'state.json'))).toBe(true);
    const store = EntryStore.open(dir, { inOutput: false, write: true, outDir: out })!;
    const loaded = store.loadState('config');
    expect(loaded.outputs).toEqual({ 'articles/a.json': 'earlier' });
    // Read from the old name, so saved under the new one even when nothing changed.
    store.saveState(loaded);
    expect(JSON.parse(readFileSync(join(dir, stateFileName(out)), 'utf8')).outputs).toEqual({ 'articles/a.json': 'earlier' });
    // A state of its own, unreadable, is not replaced by the old one.
    writeFileSync(join(dir, stateFileName(out)), '{');
    expect(store.loadState('config').outputs).toEqual({});
  });

  it('a state keeps each input\'s change and what its changes.json holds, as JSON.stringify of the whole writes them; read from its own file or not, said by ownState', () => {
    const dir = join(tmp(), 'cache');
    const out = join(tmp(), 'out');
    const earlier = EntryStore.open(dir, { inOutput: false, write: true })!;
    const summary = { path: '/in/a.txt', id: 'a', status: 'ok' } as never;
    const state = {
      format: CACHE_FORMAT,
      config: 'config',
      inputs: { '/in/a.txt': { stat: '1:2:3', sha256: 'a'.repeat(64), key: 'b'.repeat(64), change: { page: 'c'.repeat(64), fact: '{"id":"a","status":"first","revision":1,"counts":"","size":0}' }, summary } },
      outputs: { 'changes.json': 'k|i' },
      changes: { revision: 1, articles: 1 },
    };
    earlier.saveState(state);
    expect(readFileSync(join(dir, 'state.json'), 'utf8')).toBe(JSON.stringify(state));
    const loaded = earlier.loadState('config');
    expect(JSON.parse(JSON.stringify(loaded))).toEqual(state);
    expect(ownState(loaded)).toBe(true);
    // An earlier digest's state.json read by a store of another folder: not its own.
    expect(ownState(EntryStore.open(dir, { inOutput: false, write: true, outDir: out })!.loadState('config'))).toBe(false);
  });
});

describe('computeEntry stores its own cache entry (the thread that ingests writes it)', () => {
  const input = { path: repo('fixtures/articles/as-2025.txt'), id: 'as-2025', renamedFrom: null };

  it('the entry goes under the build’s key into this thread’s pack, where the store reads it; nothing is stored without a target', async () => {
    const root = tmp();
    const store = EntryStore.open(join(root, 'cache'), { inOutput: false, write: true })!;
    const where = { root: join(root, 'out'), staging: join(root, 'staging'), mode: 'write' as const };
    const entry = await computeEntry(input, pipeline(), where, realFs, undefined, store.target('config'));
    expect(entry.failure).toBeUndefined();
    const key = entryKey('config', input.path, input.id, null, entry.summary.sha256);
    expect(entry.key).toBe(key);
    expect(entry.stored).toMatchObject({ offset: 0 });
    store.stored(key, entry.stored!);
    // The search entry made ready for the review index as the build's index encodes it, kept for the worker's message too.
    const search = prepareSearch(entry.made!.search!, jsonForScript, true);
    expect(entry.made?.prepared).toEqual(search);
    expect(store.meta(key)).toEqual({ ...JSON.parse(JSON.stringify({ summary: entry.summary, rows: entry.rows })), search });
    expect(EntryStore.open(join(root, 'cache'), { inOutput: false, write: false })!.target('config')).toBeNull();
    expect((await computeEntry(input, pipeline(), where, realFs, undefined, null)).stored).toBeUndefined();
    // A second entry of the build goes into the same pack, after the first.
    const again = await computeEntry(input, pipeline(), where, realFs, undefined, store.target('config'));
    expect(again.stored).toEqual({ pack: entry.stored!.pack, offset: entry.stored!.length, length: entry.stored!.length });
    store.seal();
    store.close();
    expect(readdirSync(join(root, 'cache', 'packs'))).toEqual([entry.stored!.pack.replace(/pack$/, 'idx'), entry.stored!.pack]);
  });

  it('an entry that cannot be stored is a cache problem, not the input’s nor the build’s failure; the pack takes nothing more', async () => {
    const root = tmp();
    const store = EntryStore.open(join(root, 'cache'), { inOutput: false, write: true })!;
    const where = { root: join(root, 'out'), staging: join(root, 'staging'), mode: 'write' as const };
    let packWrites = 0;
    let packFd = -1;
    const full = {
      ...realFs,
      openSync: (path: string, flags: string | number, mode?: number) => {
        const fd = realFs.openSync(path, flags, mode);
        if (path.endsWith('.pack')) packFd = fd;
        return fd;
      },
      writeSync: (fd: number, data: string | Uint8Array) => (fd === packFd ? (packWrites++, failWith('ENOSPC')) : realFs.writeSync(fd, data)),
    };
    const entry = await computeEntry(input, pipeline(), where, full, undefined, store.target('config'));
    expect(entry.failure).toBeUndefined();
    expect(entry.stored).toBeUndefined();
    expect(entry.cacheProblem).toMatch(/^cannot write .+\.pack: no space left on the device \(ENOSPC\)$/);
    const again = await computeEntry(input, pipeline(), where, full, undefined, store.target('config'));
    expect(again.cacheProblem).toBe(entry.cacheProblem);
    expect(packWrites).toBe(1);
    store.close();
  });
});

function failWith(code: string): never {
  throw Object.assign(new Error(code), { code });
}

describe('an entry’s line (cache format 7)', () => {
  const key = (c: string) => c.repeat(64);
  // Rows as the tables hold them: JSON Lines, each line's text JSON (so quotes, backslashes and
  // escaped control characters, never a raw tab or line feed), one table empty.
  const rows = {
    'items.jsonl': `${JSON.stringify({ title: 'say "hi"\tthere\\', zh: '干细胞治疗 😀', nl: 'a\nb' })}\n${JSON.stringify({ n: 1 })}\n`,
    'references.jsonl': '',
    'entities.jsonl': `${JSON.stringify({ label: '\u2028 \u0000 \t' })}\n`,
  };
  // A search entry made ready for the index: JSON, and lines of JSON (items, references, entities).
  const search = {
    id: 'a',
    article: JSON.stringify({ id: 'a', title: '标题 😀' }),
    items: `12 "at":"s0-0","date":"2025-03-05","title":"干细胞"}\n`,
    journals: JSON.stringify(['《干细胞研究与治疗》', null]),
    references: `"number":1,"doi":"10.1/x","title":null}\n"number":2,"doi":"10.1/y","title":"é"}\n`,
    entities: `3 {"id":"q1","type":"disease","label":"糖尿病","surfaces":["糖尿病"]}\n`,
  };
  const parts = ['article', 'items', 'journals', 'references', 'entities'] as const;
  const summary = { path: 'in/a.txt', title: '标题\t"x"' };
  const bytesOf = (entry: { rows: Record<string, Uint8Array>; search: object | null } | null) =>
    entry && {
      rows: Object.fromEntries(Object.entries(entry.rows).map(([table, bytes]) => [table, Buffer.from(bytes).toString('utf8')])),
      search: entry.search && Object.fromEntries(Object.entries(entry.search).map(([part, v]) => [part, typeof v === 'string' ? v : Buffer.from(v as Uint8Array).toString('utf8')])),
    };

  it('keeps the rows and the search entry’s parts as written, each line feed a tab, after a head that says each one’s length in UTF-8 bytes: one line, read back the same', () => {
    const dir = join(tmp(), 'cache');
    const store = EntryStore.open(dir, { inOutput: false, write: true })!;
    const spot = storeEntry(store.target('c')!, key('a'), { summary, rows, search });
    store.stored(key('a'), spot);
    store.seal();
    store.close();
    const line = readFileSync(join(dir, 'packs', spot.pack)).subarray(spot.offset, spot.offset + spot.length).toString('utf8');
    expect(line.indexOf('\n')).toBe(line.length - 1);
    const lengths = Object.fromEntries(Object.entries(rows).map(([table, text]) => [table, Buffer.byteLength(text)]));
    const searchHead = { id: 'a', ...Object.fromEntries(parts.map((part) => [part, Buffer.byteLength(search[part])])) };
    const texts = [...Object.values(rows), ...parts.map((part) => search[part])].join('');
    expect(line).toBe(`${key('a')} {"summary":${JSON.stringify(summary)},"rows":${JSON.stringify(lengths)},"search":${JSON.stringify(searchHead)}}\t${texts.replaceAll('\n', '\t')}\n`);
    const reader = EntryStore.open(dir, { inOutput: false, write: false })!;
    expect(reader.meta(key('a'))).toEqual({ summary, rows, search });
    // As a build that makes its tables and index again takes it: UTF-8 bytes, line feeds back in place.
    const reused = reader.reused(key('a'))!;
    expect(bytesOf(reused)).toEqual({ rows, search });
    for (const [table, text] of Object.entries(rows)) expect(Buffer.compare(Buffer.from(reused.rows[table]!), Buffer.from(text, 'utf8'))).toBe(0);
    expect(reader.reused(key('c'))).toBeNull();
    reader.close();
  });

  it('an entry with no search entry (a failed input) says null, and reads back so', () => {
    const dir = join(tmp(), 'cache');
    const store = EntryStore.open(dir, { inOutput: false, write: true })!;
    const spot = storeEntry(store.target('c')!, key('b'), { summary, rows: {}, search: null });
    store.stored(key('b'), spot);
    store.seal();
    store.close();
    const text = readFileSync(join(dir, 'packs', spot.pack)).subarray(spot.offset, spot.offset + spot.length).toString('utf8');
    expect(text).toBe(`${key('b')} {"summary":${JSON.stringify(summary)},"rows":{},"search":null}\t\n`);
    const reader = EntryStore.open(dir, { inOutput: false, write: false })!;
    expect(reader.meta(key('b'))).toEqual({ summary, rows: {}, search: null });
    expect(bytesOf(reader.reused(key('b')))).toEqual({ rows: {}, search: null });
    reader.close();
  });

  it('read as bytes, each text ends where its length in bytes says; a length that does not fit, or a text that would start or end inside a character, is a miss', () => {
    const line = (head: unknown, text: string | Buffer) => Buffer.concat([Buffer.from(`${key('a')} ${JSON.stringify(head)}\t`, 'utf8'), typeof text === 'string' ? Buffer.from(text, 'utf8') : text, Buffer.from('\n')]);
    const rowsOnly = (lengths: unknown) => ({ summary, rows: lengths, search: null });
    const text = (entry: ReturnType<typeof readEntryBytes>) => bytesOf(entry)?.rows ?? null;
    // é (2 bytes), 干 (3 bytes), 😀 (4 bytes), each line's tab a line feed again.
    const rowsText = { 'items.jsonl': 'é干😀\tx\t', 'references.jsonl': '', 'entities.jsonl': '😀\t' };
    const lengths = Object.fromEntries(Object.entries(rowsText).map(([table, t]) => [table, Buffer.byteLength(t)]));
    expect(text(readEntryBytes(line(rowsOnly(lengths), Object.values(rowsText).join('')), 65))).toEqual(Object.fromEntries(Object.entries(rowsText).map(([table, t]) => [table, t.replaceAll('\t', '\n')])));
    expect(text(readEntryBytes(line(rowsOnly({ 'items.jsonl': 9 }), 'é干😀'), 65))).toEqual({ 'items.jsonl': 'é干😀' });
    expect(readEntryBytes(line(rowsOnly({ 'items.jsonl': 8 }), 'é干😀'), 65)).toBeNull(); // ends inside 😀
    expect(readEntryBytes(line(rowsOnly({ 'items.jsonl': 4 }), 'é干😀'), 65)).toBeNull(); // inside 干
    expect(readEntryBytes(line(rowsOnly({ 'items.jsonl': 10 }), 'é干😀'), 65)).toBeNull(); // past the line
    expect(readEntryBytes(line(rowsOnly({ 'items.jsonl': -1 }), 'abc'), 65)).toBeNull();
    expect(readEntryBytes(line(rowsOnly({ 'items.jsonl': '3' }), 'abc'), 65)).toBeNull();
    expect(readEntryBytes(line(rowsOnly({ 'items.jsonl': 2 }), 'abc'), 65)).toBeNull(); // a byte left over
    expect(readEntryBytes(line(rowsOnly(null), 'abc'), 65)).toBeNull();
    expect(readEntryBytes(Buffer.from(`${key('a')} {"rows":{}}`), 65)).toBeNull(); // no tab, no line feed
    expect(readEntryBytes(Buffer.from(`${key('a')} {"rows":{}}\n`), 65)).toBeNull(); // no tab
    // A table that would start inside a character: a miss.
    expect(readEntryBytes(line(rowsOnly({ 'items.jsonl': 1 }), Buffer.from('é').subarray(1)), 65)).toBeNull();
    // The search entry's parts follow the rows; one missing, not a number, or the entry not an object with an id: a miss.
    const searchText = parts.map((part) => search[part]).join('').replaceAll('\n', '\t');
    const searchLengths = Object.fromEntries(parts.map((part) => [part, Buffer.byteLength(search[part])]));
    expect(bytesOf(readEntryBytes(line({ summary, rows: { 'items.jsonl': 2 }, search: { id: 'a', ...searchLengths } }, `é${searchText}`), 65))).toEqual({ rows: { 'items.jsonl': 'é' }, search });
    expect(readEntryBytes(line({ summary, rows: {}, search: { id: 'a', ...searchLengths, entities: undefined } }, searchText), 65)).toBeNull();
    expect(readEntryBytes(line({ summary, rows: {}, search: { ...searchLengths } }, searchText), 65)).toBeNull();
    expect(readEntryBytes(line({ summary, rows: {}, search: 'a' }, searchText), 65)).toBeNull();
    expect(readEntryBytes(line({ summary, rows: {} }, searchText), 65)).toBeNull(); // no search member
  });

  it('a line of cache format 6 (lengths in UTF-16 units, the search entry’s JSON in the head) or 5 (the rows escaped as JSON strings) is a miss, never a misread', () => {
    const sixth = Buffer.from(`${key('a')} ${JSON.stringify({ summary, search: { id: 'a' }, rows: { 'items.jsonl': 'é干😀'.length } })}\té干😀\n`, 'utf8');
    expect(readEntryBytes(Buffer.from(sixth), 65)).toBeNull();
    expect(readEntry(Buffer.from(sixth), 65)).toBeNull();
    const fifth = Buffer.from(`${key('b')} ${JSON.stringify({ summary, rows, search: null })}\n`, 'utf8');
    expect(readEntry(Buffer.from(fifth), 65)).toBeNull();
    // Under their keys in a pack: the store reads them as misses.
    const dir = join(tmp(), 'cache');
    EntryStore.open(dir, { inOutput: false, write: true })!.close();
    writeFileSync(join(dir, 'packs', `${process.ppid}-1-1.pack`), Buffer.concat([sixth, fifth]));
    const reader = EntryStore.open(dir, { inOutput: false, write: false })!;
    expect(reader.meta(key('a'))).toBeNull();
    expect(reader.reused(key('a'))).toBeNull();
    expect(reader.meta(key('b'))).toBeNull();
    reader.close();
  });

  it('a state of cache format 5 is not loaded: its build starts from nothing', () => {
    const dir = join(tmp(), 'cache');
    const store = EntryStore.open(dir, { inOutput: false, write: true })!;
    writeFileSync(join(dir, 'state.json'), JSON.stringify({ format: 5, config: 'c', inputs: { 'in/a.txt': { stat: '1:2:3:4', sha256: 'f'.repeat(64), key: key('a'), summary } }, outputs: { 'articles/a.json': `${key('a')}|1:2:3:4` } }));
    expect(store.loadState('c')).toEqual({ format: CACHE_FORMAT, config: 'c', inputs: {}, outputs: {} });
    store.close();
  });
});
