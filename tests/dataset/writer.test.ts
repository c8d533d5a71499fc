import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { DatasetWriter } from '../../src/dataset/writer.js';
import { realFs } from '../../src/io/fs.js';
import { identityOf, inside } from '../../src/io/files.js';
import { SetAside } from '../../src/dataset/set-aside.js';

// createHash watched: a table written where no file stands hashes nothing (issue 17).
vi.mock('node:crypto', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:crypto')>();
  return { ...original, createHash: vi.fn(original.createHash) };
});

// inside watched: the commit makes a file's path only where it asks the file system of it (change 237).
vi.mock('../../src/io/files.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/io/files.js')>();
  return { ...original, inside: vi.fn(original.inside) };
});

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

describe("DatasetWriter.open: the validators it loads (issue 17: what a build's own thread holds)", () => {
  it("loads the dataset files' validators, not the CSL item's: the thread that writes while workers ingest checks no item", async () => {
    vi.resetModules();
    const schemas = await import('../../src/core/schemas.js');
    const { DatasetWriter: FreshWriter } = await import('../../src/dataset/writer.js');
    const writer = await FreshWriter.open(join(tmp(), 'out'), { mode: 'write', command: 'build' });
    expect(schemas.validatorFor('manifest')({}), "the manifest's: loaded (ownership trusts a valid manifest only)").toBe(false);
    expect(() => schemas.loadedCslItemValidator(), "the CSL item's: not loaded").toThrow(/loadRecordValidators/);
    writer.abort();
    await schemas.loadRecordValidators();
    expect(schemas.loadedCslItemValidator()({ id: 'x', type: 'article-journal' }), 'loaded when asked for').toBe(true);
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

/** A writer's file system that notes every rename and folder made. */
function notingFs() {
  const renames: [string, string][] = [];
  const made: string[] = [];
  const fs = {
    ...realFs,
    mkdirSync: (path: string, options: { recursive: true }) => (made.push(path), realFs.mkdirSync(path, options)),
    renameSync: (from: string, to: string) => (renames.push([from, to]), realFs.renameSync(from, to)),
  };
  return { fs, renames, made };
}

/** Stages a/b/c's page and record and commits them. */
async function commitThree(root: string, fs: typeof realFs, before?: (writer: DatasetWriter) => void): Promise<void> {
  const writer = await DatasetWriter.open(root, { mode: 'write', command: 'build', fs });
  try {
    for (const name of ['a', 'b', 'c']) {
      await writer.file(`report/${name}.html`, '', `<p>${name}</p>\n`);
      await writer.file(`articles/${name}.json`, '', '{}\n');
    }
    before?.(writer);
    writer.commit(true);
  } finally {
    writer.abort();
  }
}

describe('DatasetWriter.commit: folders', () => {
  it('a folder already there: its files are put one by one, beside what it holds, and it is neither made nor moved', async () => {
    const root = join(tmp(), 'out');
    for (const folder of ['articles', 'report']) {
      mkdirSync(join(root, folder), { recursive: true });
      writeFileSync(join(root, folder, 'kept.txt'), 'mine');
    }
    const noted = notingFs();
    await commitThree(root, noted.fs, () => {
      noted.made.length = 0;
      noted.renames.length = 0;
    });
    expect(noted.made.filter((p) => p === join(root, 'report') || p === join(root, 'articles'))).toEqual([]);
    expect(noted.renames.filter(([, to]) => !to.includes('.staging')).length).toBe(6);
    expect(readFileSync(join(root, 'report', 'c.html'), 'utf8')).toBe('<p>c</p>\n');
    expect(readFileSync(join(root, 'report', 'kept.txt'), 'utf8')).toBe('mine');
  });

  it('a folder of the dataset not there yet (a first build) is put in place by one rename, not one per file — and no path of a file in it made again (was: one a file, serially after the workers)', async () => {
    const root = join(tmp(), 'out');
    const noted = notingFs();
    await commitThree(root, noted.fs, () => {
      noted.renames.length = 0;
      vi.mocked(inside).mockClear();
    });
    const moved = noted.renames.filter(([, to]) => !to.includes('.staging')).map(([, to]) => to);
    expect(moved.sort()).toEqual([join(root, 'articles'), join(root, 'report')]);
    // Each file's path was made and checked as it was placed; the commit makes the two folders'.
    expect(vi.mocked(inside).mock.calls.map(([, rel]) => rel).sort()).toEqual(['articles', 'report']);
    expect(readdirSync(join(root, 'articles')).sort()).toEqual(['a.json', 'b.json', 'c.json']);
    expect(readFileSync(join(root, 'report', 'b.html'), 'utf8')).toBe('<p>b</p>\n');
    expect(existsSync(join(root, '.staging'))).toBe(false);
  });

  it.each([
    ['a file the commit does not put (left by a worker that died)', (staging: string) => writeFileSync(join(staging, 'report', 'stray.html'), 'stray')],
    ['an empty folder', (staging: string) => mkdirSync(join(staging, 'report', 'empty'))],
  ])('a staged folder holding %s is put file by file, without it', async (_, extra) => {
    const root = join(tmp(), 'out');
    const noted = notingFs();
    await commitThree(root, noted.fs, (writer) => {
      extra(writer.placement.staging);
      noted.renames.length = 0;
    });
    const moved = noted.renames.filter(([, to]) => !to.includes('.staging')).map(([, to]) => to);
    expect(moved).not.toContain(join(root, 'report'));
    expect(moved).toContain(join(root, 'articles'));
    expect(readdirSync(join(root, 'report')).sort()).toEqual(['a.html', 'b.html', 'c.html']);
  });

  it('a commit killed after its journal, before its folders moved, is finished by the next writer; one whose folder place is taken meanwhile puts the files beside what is there', async () => {
    for (const taken of [false, true]) {
      const root = join(tmp(), 'out');
      let journaled = false;
      const killed = {
        ...realFs,
        renameSync(from: string, to: string) {
          if (journaled) throw Object.assign(new Error('killed'), { code: 'EIO' });
          realFs.renameSync(from, to);
          if (to.endsWith('journal.json')) journaled = true;
        },
        rmSync() {},
      };
      const writer = await DatasetWriter.open(root, { mode: 'write', command: 'build', fs: killed });
      for (const name of ['a', 'b']) await writer.file(`report/${name}.html`, '', `<p>${name}</p>\n`);
      expect(() => writer.commit(true)).toThrow(/put in place/);
      writer.abort(); // its transaction stays (rmSync does nothing here), as after kill -9
      rmSync(join(root, '.staging', 'lock'), { force: true });
      expect(existsSync(join(root, 'report'))).toBe(false);
      if (taken) {
        mkdirSync(join(root, 'report'));
        writeFileSync(join(root, 'report', 'mine.txt'), 'mine');
      }
      const next = await DatasetWriter.open(root, { mode: 'write', command: 'build' });
      next.abort();
      expect(readdirSync(join(root, 'report')).sort()).toEqual(taken ? ['a.html', 'b.html', 'mine.txt'] : ['a.html', 'b.html']);
      expect(readFileSync(join(root, 'report', 'a.html'), 'utf8')).toBe('<p>a</p>\n');
      expect(existsSync(join(root, '.staging'))).toBe(false);
    }
  });
});

describe('DatasetWriter.commit: the identity each file put in place is remembered with', () => {
  it.each([false, true])('a file in a folder put in place whole keeps the one it was staged with, taken as it was written — one changed in the staging folder before the commit is not taken for what the build wrote; a file put in place alone is asked where it stands (staged files set aside: %s)', async (setAside) => {
    const root = join(tmp(), 'out');
    mkdirSync(join(root, 'report'), { recursive: true }); // there already: its files are put one by one
    const writer = await DatasetWriter.open(root, { mode: 'write', command: 'build' });
    try {
      if (setAside) writer.setAsideStaged(new SetAside<[string, string, string?]>(writer.scratch('staged.jsonl'), realFs, 1 << 13));
      for (const rel of ['articles/a.json', 'articles/b.json', 'report/a.html']) await writer.file(rel, `from-${rel}`, '{}\n');
      // Changed after it was written, before the commit (another size: an identity any clock tells apart).
      writeFileSync(join(writer.placement.staging, 'articles', 'b.json'), '{"x":1}\n');
      writeFileSync(join(writer.placement.staging, 'report', 'a.html'), '<p>changed</p>\n');
      writer.commit(true);
      const outputs = writer.takeOutputs();
      expect(outputs['articles/a.json']).toBe(`from-articles/a.json|${identityOf(join(root, 'articles', 'a.json'))}`);
      // Its folder came whole, the file as changed: remembered as written, so the next build does not take it for its own.
      expect(readFileSync(join(root, 'articles', 'b.json'), 'utf8')).toBe('{"x":1}\n');
      expect(outputs['articles/b.json']).toMatch(/^from-articles\/b\.json\|3:/);
      expect(outputs['articles/b.json']).not.toBe(`from-articles/b.json|${identityOf(join(root, 'articles', 'b.json'))}`);
      // Renamed by itself: asked where it stands.
      expect(outputs['report/a.html']).toBe(`from-report/a.html|${identityOf(join(root, 'report', 'a.html'))}`);
    } finally {
      writer.abort();
    }
  });
});

describe('DatasetWriter.rememberedIds', () => {
  it('reads the ids the manifest gave its inputs and what the writer owns in one read of the manifest (a build read it once for each)', async () => {
    const root = tmp();
    // A manifest of 1.1's shape (no files list): what it owns follows from its rows.
    const manifest = { schemaVersion: '1.1.0', pipeline: 'p', inputs: [{ path: 'in/a.txt', id: 'a', status: 'ok' }, { path: 'in/b.txt', id: null, status: 'failed' }] };
    writeFileSync(join(root, 'manifest.json'), JSON.stringify(manifest));
    const writer = await DatasetWriter.open(root, { mode: 'check', command: 'build' });
    expect([...writer.rememberedIds()]).toEqual([['in/a.txt', 'a']]);
    // Gone now: what the writer owns was read with the ids, not read again.
    rmSync(join(root, 'manifest.json'));
    expect(writer.owns('articles/a.json')).toBe(true);
    expect(writer.owns('report/a.html')).toBe(true);
    expect(writer.owns('articles/b.json')).toBe(false);
    // A folder without a manifest remembers nothing and owns nothing.
    const empty = await DatasetWriter.open(tmp(), { mode: 'check', command: 'build' });
    expect(empty.rememberedIds().size).toBe(0);
    expect(empty.owns('changes.json')).toBe(false);
  });
});

describe('DatasetWriter.table', () => {
  /** Writes a table of two rows into `root` (after `meanwhile`, once its rows are written) and commits; what the table's close found. */
  async function writeTable(root: string, meanwhile?: () => void): Promise<{ changed: string[]; hashes: number }> {
    const writer = await DatasetWriter.open(root, { mode: 'write', command: 'build' });
    try {
      vi.mocked(createHash).mockClear();
      const sink = writer.table('items.jsonl', 'planned')!;
      sink.write('{"a":1}\n');
      sink.write(new TextEncoder().encode('{"b":"二"}\n'));
      meanwhile?.();
      await sink.close('planned');
      const hashes = vi.mocked(createHash).mock.calls.length;
      return { changed: writer.commit(true).changed, hashes };
    } finally {
      writer.abort();
    }
  }

  it('hashes nothing when no file stands in its place (a cold build: ~50 MB at 1,000 articles), and puts it in place', async () => {
    const root = tmp();
    const { changed, hashes } = await writeTable(root);
    expect(hashes).toBe(0);
    expect(changed).toEqual(['items.jsonl']);
    expect(readFileSync(join(root, 'items.jsonl'), 'utf8')).toBe('{"a":1}\n{"b":"二"}\n');
  });

  it('a file that appears in its place while it is written is compared all the same: the same bytes are left as they are, others staged to replace it', async () => {
    const same = tmp();
    expect((await writeTable(same, () => writeFileSync(join(same, 'items.jsonl'), '{"a":1}\n{"b":"二"}\n'))).changed).toEqual([]);
    // Staged: the commit then finds a file digest did not write in the way, and changes nothing.
    const other = tmp();
    await expect(writeTable(other, () => writeFileSync(join(other, 'items.jsonl'), '{"a":2}\n'))).rejects.toThrow(`${join(other, 'items.jsonl')} is a file digest did not write`);
    expect(readFileSync(join(other, 'items.jsonl'), 'utf8')).toBe('{"a":2}\n');
  });

  it('a file in its place: compared by hash, and left as it is when the same', async () => {
    const root = tmp();
    writeFileSync(join(root, 'items.jsonl'), '{"a":1}\n{"b":"二"}\n');
    const { changed, hashes } = await writeTable(root);
    expect(changed).toEqual([]);
    expect(hashes).toBe(2); // what is written, and the file in place
  });

  it('a file in its place of another size (an incremental build finds its tables, manifest, changes.json and index so: ~100 MB at 1,000 articles): neither it nor what is written is hashed, and what is written is staged to replace it', async () => {
    for (const inPlace of ['{"a":1}\n', '{"a":1}\n{"b":"二"}\n{"c":3}\n']) {
      const root = tmp();
      writeFileSync(join(root, 'items.jsonl'), inPlace);
      // Staged: the commit then finds a file digest did not write in the way, and changes nothing.
      await expect(writeTable(root)).rejects.toThrow(`${join(root, 'items.jsonl')} is a file digest did not write`);
      expect(vi.mocked(createHash).mock.calls.length).toBe(0);
      expect(readFileSync(join(root, 'items.jsonl'), 'utf8')).toBe(inPlace);
    }
  });
});
