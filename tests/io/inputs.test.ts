import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, openSync, closeSync, rmSync, symlinkSync, writeFileSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/dataset/build.js';
import { collectInputs, hashInput, readCapped, readInput, walkInputs } from '../../src/io/inputs.js';
import { repo } from '../helpers.js';
import { makeProject } from '../support/project.js';

const exts = ['.txt', '.md', '.html'];

describe('11.6 input walking: real paths remembered, links kept inside the inputs', () => {
  it('a symbolic-link loop gives each article once, and the build ends', async () => {
    const p = makeProject(['as-2025.txt', 'ra-2025.txt']);
    mkdirSync(join(p.inputs, 'a'));
    cpSync(repo('fixtures/articles/ra-2025-markdown.md'), join(p.inputs, 'a', 'md.md'));
    symlinkSync('..', join(p.inputs, 'a', 'loop')); // in/a/loop → in
    const result = await build({ pipeline: p.pipeline(), concurrency: 1 });
    expect(result.inputs.map((s) => s.path.slice(p.inputs.length + 1))).toEqual(['a/md.md', 'as-2025.txt', 'ra-2025.txt']);
  });

  it('two loops (2^n paths to walk without memory) end at once, each file once', () => {
    const root = mkdtempSync(join(tmpdir(), 'digest-walk-'));
    mkdirSync(join(root, 'a', 'b'), { recursive: true });
    writeFileSync(join(root, 'a', 'b', 'x.txt'), '干细胞');
    symlinkSync(root, join(root, 'a', 'up'));
    symlinkSync(join(root, 'a'), join(root, 'a', 'b', 'up'));
    symlinkSync(join(root, 'a', 'b'), join(root, 'a', 'b', 'here'));
    expect(walkInputs([root], { extensions: exts }).paths).toEqual([`${root}/a/b/x.txt`]);
  });

  it('a file reached by two names is taken once, under its smallest path, whatever the order of the inputs', () => {
    const root = mkdtempSync(join(tmpdir(), 'digest-walk-'));
    mkdirSync(join(root, 'z'));
    mkdirSync(join(root, 'a'));
    writeFileSync(join(root, 'z', 'x.txt'), '干细胞');
    symlinkSync(join(root, 'z', 'x.txt'), join(root, 'a', 'x.txt'));
    symlinkSync(join(root, 'z'), join(root, 'a', 'zz'));
    const one = walkInputs([join(root, 'z'), join(root, 'a')], { extensions: exts });
    const other = walkInputs([join(root, 'a'), join(root, 'z')], { extensions: exts });
    expect(one.paths).toEqual([`${root}/a/x.txt`]);
    expect(other).toEqual(one);
  });

  it('a link leading outside the input folders is refused with a warning, unless --follow-links', async () => {
    const p = makeProject(['as-2025.txt']);
    const outside = mkdtempSync(join(tmpdir(), 'digest-outside-'));
    cpSync(repo('fixtures/articles/ra-2025.txt'), join(outside, 'secret.txt'));
    symlinkSync(outside, join(p.inputs, 'elsewhere'));
    symlinkSync('/etc', join(p.inputs, 'etc'));
    const refused = p.digest('build', '--quiet');
    expect(refused.status).toBe(0);
    const warned = p.digest('build');
    expect(warned.stderr).toContain(`in/elsewhere: warning: symbolic link to ${outside}, outside the input folders: not followed (--follow-links follows it) [input-link-outside]`);
    expect(warned.stderr).toContain('in/etc: warning: symbolic link to /etc');
    const result = await build({ pipeline: p.pipeline(), concurrency: 1, check: true });
    expect(result.inputs.map((s) => s.path.slice(p.inputs.length + 1))).toEqual(['as-2025.txt']);
    expect(result.refused.map((r) => r.rule)).toEqual(['input-link-outside', 'input-link-outside']);
    // Followed, the link to /etc would walk the machine's /etc, whose folders only root may read.
    rmSync(join(p.inputs, 'etc'));
    const followed = walkInputs([p.inputs], { extensions: exts, followOutside: true });
    expect(followed.paths).toContain(`${p.inputs}/elsewhere/secret.txt`);
  });
});

describe('11.7 only regular files are read, and never past the limit', () => {
  it('a FIFO and /dev/zero through a link, named with no ASCII letters: diagnostics, never a read; the build ends', () => {
    const p = makeProject(['as-2025.txt'], { maxBytes: 1_000_000 });
    execFileSync('mkfifo', [join(p.inputs, '管道.txt')]);
    const inside = join(p.dir, 'in', '设备');
    mkdirSync(inside);
    symlinkSync('/dev/zero', join(inside, '零.txt'));
    const r = p.digest('build', '--follow-links', '--diagnostics', 'json', '--quiet');
    expect(r.signal).toBeNull(); // ended by itself: no read blocked on the FIFO or ran on in /dev/zero
    expect(r.status).toBe(1);
    const errors = r.stderr.trim().split('\n').map((l) => JSON.parse(l) as { file: string; rule: string; message: string });
    expect(errors.map((e) => [e.file.slice(p.inputs.length + 1), e.rule])).toEqual([['管道.txt', 'input-unreadable'], ['设备/零.txt', 'input-unreadable']]);
    for (const e of errors) expect(e.message).toMatch(/not a regular file \(a FIFO, socket or device; never read\)$/);
  });

  it('a file over maxBytes is refused from its size, before a byte is read — also by the id planner', () => {
    const p = makeProject([], { maxBytes: 1000 });
    const big = join(p.inputs, '大文件.txt');
    closeSync(openSync(big, 'w'));
    truncateSync(big, 3 * 1024 ** 3); // 3 GB, sparse: reading it whole would be slow, and over 2 GB Node refuses
    expect(readInput(big, 1000)).toEqual({ ok: false, rule: 'input-too-large', message: `input is ${3 * 1024 ** 3} bytes, over the limit maxBytes=1000` });
    const r = p.digest('build', '--diagnostics', 'json', '--quiet');
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stderr.trim())).toMatchObject({ rule: 'input-too-large' });
  });
});

describe('11.11 standard input is read with a cap', () => {
  it('an endless stdin stops at maxBytes + 1 and is input-too-large (a gigabyte in never costs a gigabyte of memory)', () => {
    const p = makeProject([], { maxBytes: 100_000 });
    const zero = openSync('/dev/zero', 'r');
    try {
      const r = spawnSync(process.execPath, [repo('bin/digest.js'), 'ingest', '-', '--stdout', '--pipeline', p.pipelineFile, '--diagnostics', 'json'], { stdio: [zero, 'pipe', 'pipe'], encoding: 'utf8', timeout: 60_000 });
      expect(r.signal).toBeNull();
      expect(r.status).toBe(1);
      expect(JSON.parse(r.stderr.trim().split('\n')[0]!)).toMatchObject({ file: '<stdin>', rule: 'input-too-large' });
    } finally {
      closeSync(zero);
    }
  });
});

describe('reading one input', () => {
  it('readInput: a folder and a FIFO are named and never read; a missing file; a file over the limit by its size', () => {
    const dir = mkdtempSync(join(tmpdir(), 'digest-read-'));
    mkdirSync(join(dir, 'folder.txt'));
    expect(spawnSync('mkfifo', [join(dir, 'pipe.txt')]).status).toBe(0);
    writeFileSync(join(dir, 'big.txt'), '干细胞');
    expect(readInput(join(dir, 'folder.txt'), 100)).toEqual({ ok: false, rule: 'input-unreadable', message: 'not a regular file (a folder; never read)' });
    expect(readInput(join(dir, 'pipe.txt'), 100)).toEqual({ ok: false, rule: 'input-unreadable', message: 'not a regular file (a FIFO, socket or device; never read)' });
    expect(readInput(join(dir, 'none.txt'), 100)).toEqual({ ok: false, rule: 'input-unreadable', message: 'no such file' });
    expect(readInput(join(dir, 'big.txt'), 8)).toEqual({ ok: false, rule: 'input-too-large', message: 'input is 9 bytes, over the limit maxBytes=8' });
    expect(readInput(join(dir, 'big.txt', 'below'), 100)).toEqual({ ok: false, rule: 'input-unreadable', message: 'no such file' });
  });

  it('hashInput: the SHA-256 of the bytes readInput gives, through one reused buffer — files larger and smaller than it, in turn; its refusals are readInput\'s', () => {
    const dir = mkdtempSync(join(tmpdir(), 'digest-hash-'));
    const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
    // Larger than the 64 KB it reads at a time, not a multiple of it, then smaller: no byte of a
    // file hashed before may be left in what the next one hashes.
    const files: [string, Uint8Array][] = [
      ['long.txt', randomBytes(3 * 65536 + 123)],
      ['short.txt', Buffer.from('干细胞治疗')],
      ['exact.txt', randomBytes(65536)],
      ['empty.txt', new Uint8Array(0)],
      ['again.txt', randomBytes(70000)],
    ];
    for (const [name, bytes] of files) writeFileSync(join(dir, name), bytes);
    symlinkSync(join(dir, 'short.txt'), join(dir, 'link.txt'));
    for (const [name, bytes] of [...files, ['link.txt', files[1]![1]] as const]) {
      const read = readInput(join(dir, name), 1 << 20);
      expect(read.ok && sha(read.bytes)).toBe(sha(bytes));
      expect(hashInput(join(dir, name), 1 << 20)).toEqual({ ok: true, sha256: sha(bytes) });
    }
    mkdirSync(join(dir, 'folder.txt'));
    expect(spawnSync('mkfifo', [join(dir, 'pipe.txt')]).status).toBe(0);
    for (const [name, limit] of [['folder.txt', 100], ['pipe.txt', 100], ['none.txt', 100], ['short.txt', 8], [join('short.txt', 'below'), 100]] as const) {
      const refused = readInput(join(dir, name), limit);
      expect(refused.ok).toBe(false);
      expect(hashInput(join(dir, name), limit)).toEqual(refused);
    }
  });

  it('readCapped: strings and bytes, cut at the limit + 1 (over), or whole (not over)', async () => {
    async function* chunks(...parts: (string | Uint8Array)[]) {
      yield* parts;
    }
    const whole = await readCapped(chunks('ab', new Uint8Array([99, 100])), 4);
    expect({ text: Buffer.from(whole.bytes).toString(), over: whole.over }).toEqual({ text: 'abcd', over: false });
    const cut = await readCapped(chunks('abc', 'defgh', 'never read'), 4);
    expect({ text: Buffer.from(cut.bytes).toString(), over: cut.over }).toEqual({ text: 'abcde', over: true });
  });

  it('collectInputs: the files a pipeline’s inputs name, by extension, sorted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'digest-collect-'));
    mkdirSync(join(dir, 'sub'));
    for (const name of ['b.txt', 'a.md', 'notes.pdf', 'sub/c.html']) writeFileSync(join(dir, name), 'x');
    expect(await collectInputs([dir], exts)).toEqual(['a.md', 'b.txt', 'sub/c.html'].map((n) => join(dir, n)));
  });
});

describe('walkInputs: the edges', () => {
  it('a file named directly is an input; a dangling link with an input extension is kept (it fails on its own), one without is not', () => {
    const dir = mkdtempSync(join(tmpdir(), 'digest-walk-'));
    writeFileSync(join(dir, 'a.txt'), '干细胞');
    mkdirSync(join(dir, 'in'));
    symlinkSync(join(dir, 'gone.txt'), join(dir, 'in', 'dangling.txt'));
    symlinkSync(join(dir, 'gone.pdf'), join(dir, 'in', 'dangling.pdf'));
    expect(walkInputs([join(dir, 'a.txt'), join(dir, 'in')], { extensions: exts })).toEqual({ paths: [join(dir, 'a.txt'), join(dir, 'in', 'dangling.txt')], problems: [] });
  });

  it('links outside the inputs are refused, several of them in path order; an input that does not exist is a configuration error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'digest-walk-'));
    const elsewhere = mkdtempSync(join(tmpdir(), 'digest-elsewhere-'));
    writeFileSync(join(elsewhere, 'x.txt'), '干细胞');
    writeFileSync(join(elsewhere, 'y.txt'), '间充质干细胞');
    mkdirSync(join(dir, 'in'));
    symlinkSync(elsewhere, join(dir, 'in', 'b-link'));
    symlinkSync(join(elsewhere, 'x.txt'), join(dir, 'in', 'a-link.txt'));
    const walked = walkInputs([join(dir, 'in')], { extensions: exts });
    expect(walked.paths).toEqual([]);
    expect(walked.problems.map((p) => [p.path.slice(dir.length + 1), p.rule])).toEqual([
      ['in/a-link.txt', 'input-link-outside'],
      ['in/b-link', 'input-link-outside'],
    ]);
    // Followed, x.txt is reached twice and taken once, under its smallest path.
    expect(walkInputs([join(dir, 'in')], { extensions: exts, followOutside: true }).paths).toEqual([join(dir, 'in', 'a-link.txt'), join(dir, 'in', 'b-link', 'y.txt')]);
    expect(() => walkInputs([join(dir, 'nowhere')], { extensions: exts })).toThrow(`input ${join(dir, 'nowhere')} does not exist`);
  });
});
