import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/dataset/build.js';
import { OutputError } from '../../src/io/errors.js';
import { realFs, type WriteFs } from '../../src/io/fs.js';
import { copyDataset, tree } from '../helpers.js';
import { makeProject } from '../support/project.js';

const two = ['as-2025.txt', 'ra-2025.txt'];

/** Every file under a folder (links not followed), relative path → content. */
function snapshot(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const rel = `${prefix}${entry.name}`;
      if (entry.isDirectory()) walk(join(dir, entry.name), `${rel}/`);
      else out.set(rel, entry.isSymbolicLink() ? '<link>' : readFileSync(join(dir, entry.name), 'latin1'));
    }
  };
  walk(root, '');
  return out;
}

/** A file system whose writes fail with `code` once `after` of them have succeeded. */
function failingFs(code: string, after = 0): WriteFs & { writes: number } {
  const fail = () => {
    throw Object.assign(new Error(`${code}: injected`), { code });
  };
  const fs = {
    ...realFs,
    writes: 0,
    writeFileSync(path: string, data: string | Uint8Array) {
      if (fs.writes++ >= after) fail();
      realFs.writeFileSync(path, data);
    },
    writeSync(fd: number, data: string | Uint8Array) {
      if (fs.writes++ >= after) fail();
      return realFs.writeSync(fd, data);
    },
  };
  return fs;
}

describe('11.1 a symbolic link inside out/ is never written or deleted through', () => {
  it('out/articles linked to a folder elsewhere: the build stops, the folder and the dataset are untouched', async () => {
    const p = makeProject(two);
    await build({ pipeline: p.pipeline(), concurrency: 1 });
    const elsewhere = mkdtempSync(join(tmpdir(), 'digest-victim-'));
    mkdirSync(join(elsewhere, 'sub'));
    writeFileSync(join(elsewhere, 'thesis.json'), 'mine');
    writeFileSync(join(elsewhere, 'sub', 'notes.txt'), 'mine too');
    // The dataset's own records moved into the other folder, as a user might have arranged it.
    for (const name of readdirSync(join(p.out, 'articles'))) renameSync(join(p.out, 'articles', name), join(elsewhere, name));
    rmSync(join(p.out, 'articles'), { recursive: true });
    symlinkSync(elsewhere, join(p.out, 'articles'));
    const before = snapshot(elsewhere);
    // The dataset, and its cache but for the packs a failed build's threads leave (entries of the
    // right keys, which the next build reads).
    const datasetBefore = snapshot(p.out);
    const dataset = () => new Map([...snapshot(p.out)].filter(([rel]) => datasetBefore.has(rel) || !/^\.cache\/packs\/[^/]+\.pack$/.test(rel)));
    // Even with every record there as wanted, a dataset behind a link is not the folder's own.
    await expect(build({ pipeline: p.pipeline(), concurrency: 1 })).rejects.toThrow(/articles is a symbolic link/);
    rmSync(join(p.inputs, 'as-2025.txt')); // a stale record to delete: through the link it must not be
    await expect(build({ pipeline: p.pipeline(), concurrency: 1 })).rejects.toThrow(/articles is a symbolic link/);
    expect(snapshot(elsewhere)).toEqual(before);
    expect(dataset()).toEqual(datasetBefore);
  });

  it('out/.cache linked elsewhere: refused before anything is cleaned there', async () => {
    const p = makeProject(two);
    const elsewhere = mkdtempSync(join(tmpdir(), 'digest-victim-'));
    mkdirSync(join(elsewhere, 'entries', 'ab'), { recursive: true });
    writeFileSync(join(elsewhere, 'entries', 'ab', `${'ab'.repeat(32)}.json`), 'mine');
    mkdirSync(join(elsewhere, '.staging'));
    writeFileSync(join(elsewhere, '.staging', 'draft.txt'), 'mine');
    mkdirSync(p.out);
    symlinkSync(elsewhere, join(p.out, '.cache'));
    const before = snapshot(elsewhere);
    await expect(build({ pipeline: p.pipeline(), concurrency: 1 })).rejects.toThrow(/\.cache is a symbolic link/);
    expect(snapshot(elsewhere)).toEqual(before);
    expect(existsSync(join(p.out, 'manifest.json'))).toBe(false);
  });

  it('digest ingest --out D never writes a record through D/articles as a link (exit 2, one line)', () => {
    const p = makeProject(two);
    const elsewhere = mkdtempSync(join(tmpdir(), 'digest-victim-'));
    const out = join(p.dir, 'D');
    mkdirSync(out);
    symlinkSync(elsewhere, join(out, 'articles'));
    const r = p.digest('ingest', join(p.inputs, 'ra-2025.txt'), '--out', out);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${join(out, 'articles')} is a symbolic link`);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(readdirSync(elsewhere)).toEqual([]);
  });
});

describe('11.2 files digest did not write are never deleted or replaced', () => {
  it('a budget spreadsheet and notes under report/ and articles/ stay, and are named', async () => {
    const p = makeProject(two);
    mkdirSync(join(p.out, 'report'), { recursive: true });
    mkdirSync(join(p.out, 'articles'), { recursive: true });
    writeFileSync(join(p.out, 'report', 'budget.xlsx'), 'numbers');
    writeFileSync(join(p.out, 'articles', 'notes.json'), '{"mine": true}');
    writeFileSync(join(p.out, 'README.md'), 'my notes');
    const first = p.digest('build');
    expect(first.status).toBe(0);
    expect(first.stderr).toContain('left alone 3 files digest did not write: out/README.md, out/articles/notes.json, out/report/budget.xlsx');
    rmSync(join(p.inputs, 'as-2025.txt')); // its record and page are the build's: deleted
    const second = await build({ pipeline: p.pipeline(), concurrency: 1 });
    expect(second.changed).toEqual(
      ['articles/as-2025.json', 'changes.json', 'items.jsonl', 'manifest.json', 'references.jsonl', 'entities.jsonl', 'report/as-2025.html', 'report/as-2025.source.html', 'report/index.html'].sort(),
    );
    expect(readFileSync(join(p.out, 'report', 'budget.xlsx'), 'utf8')).toBe('numbers');
    expect(readFileSync(join(p.out, 'articles', 'notes.json'), 'utf8')).toBe('{"mine": true}');
    expect(JSON.parse(readFileSync(join(p.out, 'manifest.json'), 'utf8')).files).toEqual([
      'articles/ra-2025.json', 'changes.json', 'entities.jsonl', 'items.jsonl', 'references.jsonl', 'report/index.html', 'report/ra-2025.html', 'report/ra-2025.source.html',
    ]);
  });

  it('a first build (no report/ when it began) still refuses a file someone put in report/ while it ran, and changes nothing', async () => {
    const p = makeProject(two);
    // The build places its files without asking for those under report/ (not there when it took the folder); the commit asks again.
    let planted = false;
    const fs: WriteFs = {
      ...realFs,
      writeFileSync(path, data) {
        realFs.writeFileSync(path, data);
        if (!planted && path.includes(`${join('files', 'report')}`)) {
          planted = true;
          mkdirSync(join(p.out, 'report'), { recursive: true });
          writeFileSync(join(p.out, 'report', 'ra-2025.html'), '<p>my own page</p>');
        }
      },
    };
    await expect(build({ pipeline: p.pipeline(), concurrency: 1, fs })).rejects.toThrow(`${join(p.out, 'report', 'ra-2025.html')} is a file digest did not write, where the dataset has report/ra-2025.html: move it away`);
    const left = snapshot(p.out);
    for (const rel of left.keys()) if (rel.startsWith('.cache/')) left.delete(rel);
    expect(left).toEqual(new Map([['report/ra-2025.html', '<p>my own page</p>']]));
  });

  it('a file of its own where the dataset wants to write is an error naming it, and nothing changes', async () => {
    const p = makeProject(two);
    mkdirSync(join(p.out, 'report'), { recursive: true });
    writeFileSync(join(p.out, 'report', 'ra-2025.html'), '<p>my own page</p>');
    writeFileSync(join(p.out, 'items.jsonl'), 'date,amount\n');
    const r = p.digest('build');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${join(p.out, 'items.jsonl')} is a file digest did not write, where the dataset has items.jsonl`);
    expect(r.stderr).toContain(`${join(p.out, 'report', 'ra-2025.html')} is a file digest did not write`);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    const left = snapshot(p.out);
    for (const rel of left.keys()) if (rel.startsWith('.cache/')) left.delete(rel); // digest's own cache may have begun
    expect(left).toEqual(new Map([['report/ra-2025.html', '<p>my own page</p>'], ['items.jsonl', 'date,amount\n']]));
  });

  it('a manifest of schema 1.1 (no files list) still tells what the build owns: its inputs\' records and pages', async () => {
    const p = makeProject(two);
    await build({ pipeline: p.pipeline(), concurrency: 1 });
    const file = join(p.out, 'manifest.json');
    const manifest = JSON.parse(readFileSync(file, 'utf8'));
    delete manifest.files;
    manifest.schemaVersion = '1.1.0';
    writeFileSync(file, JSON.stringify(manifest));
    rmSync(join(p.inputs, 'as-2025.txt'));
    const result = await build({ pipeline: p.pipeline(), concurrency: 1 });
    expect(result.changed).toEqual(expect.arrayContaining(['articles/as-2025.json', 'report/as-2025.html', 'manifest.json']));
    expect(result.foreign).toEqual([]);
    expect(existsSync(join(p.out, 'articles', 'as-2025.json'))).toBe(false);
  });

  it('records digest ingest wrote are digest files: a build replaces them', async () => {
    const p = makeProject(two);
    expect(p.digest('ingest', join(p.inputs, 'ra-2025.txt'), '--out', p.out).status).toBe(0);
    writeFileSync(join(p.inputs, 'ra-2025.txt'), `${readFileSync(join(p.inputs, 'ra-2025.txt'), 'utf8')}\n`);
    const result = await build({ pipeline: p.pipeline(), concurrency: 1 });
    expect(result.failed).toBe(0);
    expect(result.foreign).toEqual([]);
  });
});

describe('11.3 a failed rebuild leaves the previous good dataset whole', () => {
  it('ENOSPC at any write of a rebuild: one OutputError, the old dataset byte for byte, nothing staged left', async () => {
    const p = makeProject(['as-2025.txt', 'ra-2025.txt', 'as-2025-hant.txt', 'ra-2025-markdown.md']);
    await build({ pipeline: p.pipeline(), concurrency: 1 });
    const good = snapshot(p.out);
    copyDataset(p.out, join(p.dir, 'clean'));
    writeFileSync(join(p.inputs, 'as-2025.txt'), readFileSync(join(p.inputs, 'as-2025.txt'), 'utf8').replaceAll('2025年', '2024年'));
    rmSync(join(p.inputs, 'ra-2025.txt'));
    // Fail at the 1st, 2nd, … write until a rebuild gets through: every failure leaves the old dataset.
    let after = 0;
    for (;; after++) {
      const fs = failingFs('ENOSPC', after);
      try {
        await build({ pipeline: p.pipeline(), concurrency: 1, fs });
        break;
      } catch (error) {
        expect(error).toBeInstanceOf(OutputError);
        expect((error as Error).message).toMatch(/^cannot (?:write|take the lock) .+: no space left on the device \(ENOSPC\)$/);
        const now = snapshot(p.out);
        for (const [rel, content] of good) if (!rel.startsWith('.cache/')) expect(now.get(rel) === content, `${rel} after ENOSPC at write ${after + 1}`).toBe(true);
        expect(existsSync(join(p.out, '.staging'))).toBe(false);
      }
    }
    expect(after).toBeGreaterThan(5);
    const clean = await build({ pipeline: p.pipeline(), outDir: join(p.dir, 'clean'), cacheDir: null, concurrency: 1 });
    expect(clean.failed).toBe(0);
    expect(tree(p.out)).toEqual(tree(join(p.dir, 'clean')));
  }, 120_000);

  it('EACCES, EROFS and ENOTDIR are the same one clear error', async () => {
    for (const code of ['EACCES', 'EROFS', 'ENOTDIR']) {
      const p = makeProject(two);
      await expect(build({ pipeline: p.pipeline(), concurrency: 1, fs: failingFs(code) })).rejects.toThrow(new RegExp(`^cannot (?:write|take the lock) .+ \\(${code}\\)$`));
    }
  });
});

describe('11.4 a failed write never marks the cache as done', () => {
  it('a record that could not be put in place is made again, with its rows, by the next build; --check is honest meanwhile', async () => {
    const p = makeProject(['as-2025.txt', 'ra-2025.txt', 'as-2025-hant.txt']);
    await build({ pipeline: p.pipeline(), concurrency: 1 });
    copyDataset(p.out, join(p.dir, 'clean'));
    const edited = join(p.inputs, 'as-2025.txt');
    writeFileSync(edited, readFileSync(edited, 'utf8').replaceAll('2025年', '2024年'));
    // Something in the way of the record: that write fails.
    rmSync(join(p.out, 'articles', 'as-2025.json'));
    mkdirSync(join(p.out, 'articles', 'as-2025.json'));
    await expect(build({ pipeline: p.pipeline(), concurrency: 1 })).rejects.toThrow(/as-2025\.json is a folder/);
    const check = await build({ pipeline: p.pipeline(), concurrency: 1, check: true });
    expect(check.changed.length + check.missing.length).toBeGreaterThan(0);
    rmSync(join(p.out, 'articles', 'as-2025.json'), { recursive: true });
    const repaired = await build({ pipeline: p.pipeline(), concurrency: 1 });
    expect(repaired.failed).toBe(0);
    await build({ pipeline: p.pipeline(), outDir: join(p.dir, 'clean'), cacheDir: null, concurrency: 1 });
    expect(tree(p.out)).toEqual(tree(join(p.dir, 'clean')));
    expect(readFileSync(join(p.out, 'items.jsonl'), 'utf8')).toContain('"article":"as-2025"');
    expect(await build({ pipeline: p.pipeline(), concurrency: 1, check: true })).toMatchObject({ changed: [], missing: [], extra: [] });
  }, 120_000);
});

describe('11.5 one writer at a time', () => {
  it('a build into a folder another live digest holds exits 2 naming it; a dead holder\'s lock is taken over', async () => {
    const p = makeProject(two);
    mkdirSync(join(p.out, '.staging'), { recursive: true });
    // A live holder: this very process (alive by definition), as another build would be.
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      writeFileSync(join(p.out, '.staging', 'lock'), JSON.stringify({ pid: holder.pid, host: (await import('node:os')).hostname(), command: 'build' }));
      const r = p.digest('build');
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`is being written by another digest build (pid ${holder.pid})`);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      // --check reads nothing half-written either.
      expect(p.digest('build', '--check').status).toBe(2);
    } finally {
      holder.kill();
    }
    await new Promise((r) => holder.on('exit', r));
    // Now the holder is gone (as after kill -9): its lock is stale and taken over.
    const r = p.digest('build');
    expect(r.status).toBe(0);
    expect(existsSync(join(p.out, '.staging'))).toBe(false);
  });

  it('two builds into one folder from the same process: the second is refused, the first unharmed', async () => {
    const p = makeProject(two);
    const first = build({ pipeline: p.pipeline(), concurrency: 1 });
    await expect(build({ pipeline: p.pipeline(), concurrency: 1 })).rejects.toThrow(/is being written by another digest/);
    expect((await first).failed).toBe(0);
  });
});

describe('the kill -9 tests and the journal', () => {
  it('a run killed after its commit point is finished by the next run', async () => {
    const p = makeProject(two);
    await build({ pipeline: p.pipeline(), concurrency: 1 });
    copyDataset(p.out, join(p.dir, 'clean'));
    rmSync(join(p.inputs, 'as-2025.txt'));
    // Stop right after the journal is written: the renames that follow fail as if killed.
    let journaled = false;
    const fs: WriteFs = {
      ...realFs,
      renameSync(from, to) {
        if (journaled) throw Object.assign(new Error('killed'), { code: 'EIO' });
        realFs.renameSync(from, to);
        if (to.endsWith('journal.json')) journaled = true;
      },
      rmSync() {},
      unlinkSync() {},
    };
    await expect(build({ pipeline: p.pipeline(), concurrency: 1, fs })).rejects.toThrow(OutputError);
    const lock = join(p.out, '.staging', 'lock');
    if (existsSync(lock)) rmSync(lock);
    expect(readdirSync(join(p.out, '.staging')).some((n) => n.startsWith('txn-'))).toBe(true);
    // The next run applies the journal first, then finds nothing to do but what the journal did.
    const next = await build({ pipeline: p.pipeline(), concurrency: 1 });
    expect(next.computed).toBe(0);
    await build({ pipeline: p.pipeline(), outDir: join(p.dir, 'clean'), cacheDir: null, concurrency: 1 });
    expect(tree(p.out)).toEqual(tree(join(p.dir, 'clean')));
    cpSync(p.out, join(p.dir, 'copy'), { recursive: true });
  });

  it('a first build killed after its commit point, its folders not yet moved whole, is finished by the next run; --check then finds the folder up to date', async () => {
    const p = makeProject(two);
    await build({ pipeline: p.pipeline(), outDir: join(p.dir, 'clean'), cacheDir: null, concurrency: 1 });
    let journaled = false;
    const moved: string[] = [];
    const fs: WriteFs = {
      ...realFs,
      renameSync(from, to) {
        if (journaled) {
          moved.push(to);
          throw Object.assign(new Error('killed'), { code: 'EIO' });
        }
        realFs.renameSync(from, to);
        if (to.endsWith('journal.json')) journaled = true;
      },
      rmSync() {},
      unlinkSync() {},
    };
    await expect(build({ pipeline: p.pipeline(), concurrency: 1, fs })).rejects.toThrow(OutputError);
    // The first put after the journal is a whole folder (the dataset has none yet).
    expect(moved).toEqual([join(p.out, 'articles')]);
    const lock = join(p.out, '.staging', 'lock');
    if (existsSync(lock)) rmSync(lock);
    await build({ pipeline: p.pipeline(), concurrency: 1 });
    expect(tree(p.out)).toEqual(tree(join(p.dir, 'clean')));
    const check = await build({ pipeline: p.pipeline(), concurrency: 1, check: true });
    expect([check.changed, check.missing, check.extra]).toEqual([[], [], []]);
  });
});
