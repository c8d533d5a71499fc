import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { OutputError } from '../../src/io/errors.js';
import { assertPlainFolders, hashPlainFile, hashPlainRead, headOfPlainFile, inside, kindOf, readPlainFile } from '../../src/io/files.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'digest-files-'));

/** A folder holding one of each kind: a file f (with `text`), a folder d, a link l to f, a FIFO p. */
function everyKind(text: string): string {
  const dir = tmp();
  writeFileSync(join(dir, 'f'), text);
  mkdirSync(join(dir, 'd'));
  symlinkSync('f', join(dir, 'l'));
  expect(spawnSync('mkfifo', [join(dir, 'p')]).status).toBe(0);
  return dir;
}

describe('what stands at a path', () => {
  it('kindOf: a file, a folder, a link (never followed), a FIFO, nothing, a path through a file', () => {
    const dir = everyKind('x');
    expect(['f', 'd', 'l', 'p', 'none', 'f/below'].map((n) => kindOf(join(dir, n)))).toEqual(['file', 'folder', 'link', 'other', 'absent', 'absent']);
  });

  it('readPlainFile: the bytes of a file within the limit, its size only over it; a folder, a link, nothing, a FIFO', () => {
    const dir = everyKind('hello');
    expect(readPlainFile(join(dir, 'f')).bytes?.toString()).toBe('hello');
    expect(readPlainFile(join(dir, 'f'), 4)).toEqual({ kind: 'file', bytes: null, size: 5 });
    expect(readPlainFile(join(dir, 'd')).kind).toBe('folder');
    expect(readPlainFile(join(dir, 'l')).kind).toBe('link');
    expect(readPlainFile(join(dir, 'l'), 100, true).bytes?.toString()).toBe('hello');
    expect(readPlainFile(join(dir, 'none')).kind).toBe('absent');
    expect(readPlainFile(join(dir, 'f', 'below')).kind).toBe('absent');
    expect(readPlainFile(join(dir, 'p'), 100, true)).toEqual({ kind: 'other', bytes: null, size: 0 });
  });

  it('hashPlainRead: what readPlainFile finds, with the SHA-256 of its bytes in place of them', () => {
    const dir = everyKind('hello');
    const hello = '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824';
    expect(hashPlainRead(join(dir, 'f'))).toEqual({ kind: 'file', sha256: hello, size: 5 });
    expect(hashPlainRead(join(dir, 'f'), 4)).toEqual({ kind: 'file', sha256: null, size: 5 });
    expect(hashPlainRead(join(dir, 'd'))).toEqual({ kind: 'folder', sha256: null, size: 0 });
    expect(hashPlainRead(join(dir, 'l')).kind).toBe('link');
    expect(hashPlainRead(join(dir, 'l'), 100, true).sha256).toBe(hello);
    expect(hashPlainRead(join(dir, 'none')).kind).toBe('absent');
    expect(hashPlainRead(join(dir, 'f', 'below')).kind).toBe('absent');
    expect(hashPlainRead(join(dir, 'p'), 100, true)).toEqual({ kind: 'other', sha256: null, size: 0 });
  });

  it('headOfPlainFile and hashPlainFile: only a regular file at the place, never through a link', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'f'), 'hello world');
    symlinkSync('f', join(dir, 'l'));
    mkdirSync(join(dir, 'd'));
    expect(headOfPlainFile(join(dir, 'f'), 5)?.toString()).toBe('hello');
    expect(headOfPlainFile(join(dir, 'f'), 100)?.toString()).toBe('hello world');
    expect(headOfPlainFile(join(dir, 'l'), 5)).toBeNull();
    expect(headOfPlainFile(join(dir, 'd'), 5)).toBeNull();
    expect(hashPlainFile(join(dir, 'f'))).toBe('b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9');
    expect(hashPlainFile(join(dir, 'none'))).toBeNull();
  });
});

describe('writing stays inside the output folder', () => {
  it('inside: a path under the root; the root itself, ../ and an absolute path elsewhere are refused', () => {
    expect(inside('/out', 'articles/a.json')).toBe('/out/articles/a.json');
    for (const rel of ['', '.', '../x', '/etc/passwd', 'articles/../../x']) expect(() => inside('/out', rel), rel).toThrow(OutputError);
  });

  it('assertPlainFolders: a link or a file on the way is refused; folders found plain are remembered', () => {
    const root = tmp();
    mkdirSync(join(root, 'a', 'b'), { recursive: true });
    writeFileSync(join(root, 'file'), '');
    symlinkSync(tmpdir(), join(root, 'link'));
    const checked = new Set<string>();
    assertPlainFolders(root, join(root, 'a', 'b', 'c', 'x.json'), checked);
    expect([...checked]).toEqual([join(root, 'a'), join(root, 'a', 'b')]);
    expect(() => assertPlainFolders(root, join(root, 'link', 'x.json'))).toThrow(`${join(root, 'link')} is a symbolic link: digest never writes or deletes through a link inside its output folder`);
    expect(() => assertPlainFolders(root, join(root, 'file', 'x.json'))).toThrow(`${join(root, 'file')} is not a folder: digest needs a folder there`);
  });
});
