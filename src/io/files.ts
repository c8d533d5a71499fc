import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fsFailure, OutputError } from './errors.js';
import type { WriteFs } from './fs.js';

/** What stands at a path, without following a symbolic link there. */
export type PathKind = 'absent' | 'file' | 'folder' | 'link' | 'other';

/** What stands at `path` (lstat: a link is a link, whatever it points to). */
export function kindOf(path: string): PathKind {
  let info;
  try {
    info = lstatSync(path, { throwIfNoEntry: false });
  } catch (error) {
    // ENOTDIR: a part of the path is a file, so nothing can stand here.
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') return 'absent';
    throw error;
  }
  if (!info) return 'absent';
  return info.isSymbolicLink() ? 'link' : info.isFile() ? 'file' : info.isDirectory() ? 'folder' : 'other';
}

/** POSIX form of a relative path (what manifests and messages show). */
export function toPosix(path: string): string {
  return path.split(sep).join('/');
}

/** The absolute path of `rel` under `root`; an OutputError when it would leave the folder. */
export function inside(root: string, rel: string): string {
  const target = resolve(root, rel);
  const back = relative(root, target);
  if (back === '' || back.split(sep)[0] === '..' || isAbsolute(back)) throw new OutputError(`refusing to write outside ${root}: ${rel}`);
  return target;
}

/**
 * Checks that every folder between `root` and `target` is a real folder (or not there yet):
 * digest never writes or deletes through a symbolic link inside its output folder. Folders
 * found plain are added to `checked`, so thousands of files in one folder cost one lstat.
 */
export function assertPlainFolders(root: string, target: string, checked?: Set<string>): void {
  let current = root;
  for (const part of relative(root, dirname(target)).split(sep).filter(Boolean)) {
    current = join(current, part);
    if (checked?.has(current)) continue;
    const kind = kindOf(current);
    if (kind === 'link') throw new OutputError(`${current} is a symbolic link: digest never writes or deletes through a link inside its output folder`);
    if (kind === 'file' || kind === 'other') throw new OutputError(`${current} is not a folder: digest needs a folder there`);
    if (kind === 'folder') checked?.add(current);
    else return; // absent: nothing below it exists either
  }
}

/**
 * Makes the folders above `target` under `root`, refusing any symbolic link on the way. A folder
 * in `checked` (found plain, or made here) is not asked for again: a build puts thousands of
 * files into a few folders, one mkdir each is enough.
 */
export function makeFolders(root: string, target: string, fs: WriteFs, checked?: Set<string>): void {
  const folder = dirname(target);
  if (checked?.has(folder)) return;
  assertPlainFolders(root, target, checked);
  try {
    fs.mkdirSync(folder, { recursive: true });
  } catch (error) {
    throw fsFailure(error, 'make the folder', folder);
  }
  checked?.add(folder);
}

/** A file's identity for change detection: size, modification and change times, inode. */
export function fileIdentity(info: { size: bigint; mtimeNs: bigint; ctimeNs: bigint; ino: bigint }): string {
  return `${info.size}:${info.mtimeNs}:${info.ctimeNs}:${info.ino}`;
}

/** The identity of the regular file at `path` (never through a link), or null. */
export function identityOf(path: string): string | null {
  // Synchronous on purpose: thousands of these in an unchanged rebuild cost ~6× more through the thread pool.
  try {
    const info = lstatSync(path, { bigint: true, throwIfNoEntry: false });
    return info?.isFile() ? fileIdentity(info) : null;
  } catch {
    return null;
  }
}

/** What {@link readPlainFile} found. */
export interface PlainRead {
  kind: PathKind;
  /** The content when `kind` is 'file' and it is at most the limit; else null. */
  bytes: Buffer | null;
  /** The size fstat reported (0 when not a regular file). */
  size: number;
}

/**
 * Reads the regular file at `path` without following a link there (O_NOFOLLOW), without
 * blocking on a FIFO (O_NONBLOCK), and only when it is at most `maxBytes`: the size is taken
 * from the open descriptor before any byte is read, and the read stops there whatever happens
 * to the file meanwhile. `follow` lets a link at the last step be followed (inputs may be links).
 */
export function readPlainFile(path: string, maxBytes = Number.MAX_SAFE_INTEGER, follow = false): PlainRead {
  const { kind, value, size } = withOpenFile(path, maxBytes, follow, (fd, size) => {
    const bytes = Buffer.allocUnsafe(size);
    let filled = 0;
    while (filled < bytes.length) {
      const n = readSync(fd, bytes, filled, bytes.length - filled, null);
      if (n === 0) break; // shrank meanwhile
      filled += n;
    }
    return filled === bytes.length ? bytes : bytes.subarray(0, filled);
  });
  return { kind, bytes: value, size };
}

/** What {@link hashPlainRead} found: {@link PlainRead}'s answer, with the content's SHA-256 in place of its bytes. */
export interface PlainHash {
  kind: PathKind;
  /** The SHA-256 (hex) of the content when `kind` is 'file' and it is at most the limit; else null. */
  sha256: string | null;
  /** The size fstat reported (0 when not a regular file). */
  size: number;
}

/** Bytes {@link hashPlainRead} reads at a time. */
const HASH_CHUNK_BYTES = 1 << 16;

/** This thread's buffer for {@link hashPlainRead}, made on first use and kept. */
let hashChunk: Buffer | null = null;

/**
 * The SHA-256 of what {@link readPlainFile} would read — the same checks, the same bytes — read
 * through one buffer of this thread's, 64 KB at a time, so that no buffer is made per file. A
 * build's plan hashes every input before its workers read them again: a buffer of each file's size
 * each, malloc'd, left to the garbage collector, filled the build thread's malloc arena with
 * ~15–20 MB at the start of a 1,000–2,000-article build, which glibc then keeps for the rest of it
 * (BENCHMARKS.md, "the plan's reads in one buffer").
 */
export function hashPlainRead(path: string, maxBytes = Number.MAX_SAFE_INTEGER, follow = false): PlainHash {
  const { kind, value, size } = withOpenFile(path, maxBytes, follow, (fd, size) => {
    const chunk = (hashChunk ??= Buffer.allocUnsafeSlow(HASH_CHUNK_BYTES));
    const hash = createHash('sha256');
    for (let left = size; left > 0; ) {
      const n = readSync(fd, chunk, 0, Math.min(left, chunk.length), null);
      if (n === 0) break; // shrank meanwhile
      hash.update(chunk.subarray(0, n));
      left -= n;
    }
    return hash.digest('hex');
  });
  return { kind, sha256: value, size };
}

/**
 * Opens `path` as {@link readPlainFile} says and, when it is a regular file of at most `maxBytes`,
 * gives `read` the descriptor and the size fstat reported.
 */
function withOpenFile<T>(path: string, maxBytes: number, follow: boolean, read: (fd: number, size: number) => T): { kind: PathKind; value: T | null; size: number } {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | (follow ? 0 : constants.O_NOFOLLOW));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'absent', value: null, size: 0 };
    if (code === 'ELOOP' && !follow) return { kind: 'link', value: null, size: 0 };
    if (code === 'EISDIR') return { kind: 'folder', value: null, size: 0 };
    throw error;
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) return { kind: info.isDirectory() ? 'folder' : 'other', value: null, size: 0 };
    if (info.size > maxBytes) return { kind: 'file', value: null, size: info.size };
    return { kind: 'file', value: read(fd, info.size), size: info.size };
  } finally {
    closeSync(fd);
  }
}

/** Runs `use` on an open descriptor of the regular file at `path` (never through a link there) and its size; null when there is none or it fails. */
function withPlainFile<T>(path: string, use: (fd: number, size: number) => T): T | null {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch {
    return null;
  }
  try {
    const info = fstatSync(fd);
    return info.isFile() ? use(fd, info.size) : null;
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/**
 * The SHA-256 of the regular file at `path`, read in chunks (tables can be large), never through a
 * link at its place; null when there is no regular file there — or, given `size`, when the file is
 * not of that size (it cannot hold the bytes it is to be compared with: not read).
 */
export function hashPlainFile(path: string, size?: number): string | null {
  return withPlainFile(path, (fd, actual) => {
    if (size !== undefined && actual !== size) return null;
    const hash = createHash('sha256');
    const chunk = Buffer.allocUnsafe(1 << 16);
    for (let n = readSync(fd, chunk, 0, chunk.length, null); n > 0; n = readSync(fd, chunk, 0, chunk.length, null)) hash.update(chunk.subarray(0, n));
    return hash.digest('hex');
  });
}

/** The first `bytes` bytes of the regular file at `path` (never through a link), or null. */
export function headOfPlainFile(path: string, bytes: number): Buffer | null {
  return withPlainFile(path, (fd) => {
    const head = Buffer.allocUnsafe(bytes);
    return head.subarray(0, readSync(fd, head, 0, bytes, 0));
  });
}
