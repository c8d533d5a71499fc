import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { extname, join, sep } from 'node:path';
import { ConfigError } from '../core/errors.js';
import { errnoCode, errnoMeaning } from './errors.js';
import { hashPlainRead, readPlainFile, toPosix, type PathKind } from './files.js';

/** Something the input walk did not take, with why (reported as a warning on that path). */
export interface WalkProblem {
  path: string;
  rule: 'input-link-outside';
  message: string;
}

/** Options of {@link walkInputs}. */
export interface WalkOptions {
  /** File extensions (lower case, with the dot) that make a file an input; '*' takes every file. */
  extensions: readonly string[];
  /** Follow symbolic links whose target is outside every input root (default: refuse them). */
  followOutside?: boolean;
  /** Folder names never walked into (digest's own `.cache`, `.staging` when validating a dataset). */
  skipFolders?: readonly string[];
}

/** The inputs found, and what was refused. */
export interface Walked {
  /** POSIX paths, sorted, each file once. */
  paths: string[];
  problems: WalkProblem[];
}

const byName = (a: Dirent, b: Dirent) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

function within(real: string, roots: readonly string[]): boolean {
  return roots.some((root) => real === root || real.startsWith(root.endsWith(sep) ? root : root + sep));
}

/**
 * The input files of a pipeline: its `inputs` (files, or folders walked for the extensions).
 * Every folder is visited once by its real path, so a symbolic-link loop ends and a folder
 * reached twice gives no duplicates; a file reached by several names is taken once, under its
 * smallest path (so the answer does not depend on the order of `inputs`). Links are followed
 * only after every real folder was walked, and only while their target stays inside one of
 * the input roots; a link leading elsewhere (`/etc`, another project) is refused with a
 * problem unless `followOutside`. A link that leads nowhere is still an input: it fails on its
 * own, with a diagnostic. Nothing here reads a file.
 */
export function walkInputs(entries: readonly string[], options: WalkOptions): Walked {
  const roots: string[] = [];
  for (const entry of entries) {
    try {
      roots.push(realpathSync(entry));
    } catch {
      throw new ConfigError(`input ${entry} does not exist`);
    }
  }
  const visited = new Set<string>();
  const files = new Map<string, string>(); // real path → smallest path that reaches it
  const dangling = new Set<string>();
  const problems: WalkProblem[] = [];
  const links: { path: string; real: string }[] = [];
  const take = (path: string, real: string) => {
    const posix = toPosix(path);
    const before = files.get(real);
    if (before === undefined || posix < before) files.set(real, posix);
  };
  const isInput = (name: string) => options.extensions.includes('*') || options.extensions.includes(extname(name).toLowerCase());
  const walk = (dir: string, real: string): void => {
    if (visited.has(real)) return;
    visited.add(real);
    let children: Dirent[];
    try {
      children = readdirSync(dir, { withFileTypes: true }).sort(byName);
    } catch (error) {
      throw new ConfigError(`cannot read the input folder ${dir}: ${errnoCode(error) ?? (error as Error).message}`);
    }
    for (const child of children) {
      const path = join(dir, child.name);
      if (options.skipFolders?.includes(child.name)) continue;
      if (child.isSymbolicLink()) {
        let target: string;
        try {
          target = realpathSync(path);
        } catch {
          if (isInput(child.name)) dangling.add(toPosix(path)); // fails on its own, with a diagnostic
          continue;
        }
        links.push({ path, real: target });
      } else if (child.isDirectory()) walk(path, join(real, child.name));
      else if (isInput(child.name)) take(path, join(real, child.name));
    }
  };
  const follow = (link: { path: string; real: string }): void => {
    if (!options.followOutside && !within(link.real, roots)) {
      problems.push({ path: toPosix(link.path), rule: 'input-link-outside', message: `symbolic link to ${link.real}, outside the input folders: not followed (--follow-links follows it)` });
      return;
    }
    let isFolder: boolean;
    try {
      isFolder = statSync(link.real).isDirectory();
    } catch {
      return;
    }
    if (isFolder) walk(link.path, link.real);
    else if (isInput(link.path)) take(link.path, link.real);
  };
  entries.forEach((entry, i) => {
    if (statSync(entry).isDirectory()) walk(entry, roots[i]!);
    else take(entry, roots[i]!);
  });
  // Links last, breadth by breadth: a folder reached both ways is walked under its real name.
  while (links.length > 0) {
    const batch = links.splice(0).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    for (const link of batch) follow(link);
  }
  return { paths: [...new Set([...files.values(), ...dangling])].sort(), problems: problems.sort((a, b) => (a.path < b.path ? -1 : 1)) };
}

/**
 * What reading one input gave: its bytes, or the diagnostic that replaces them. (Typed as
 * Uint8Array, not Buffer, so the public declarations need no Node types.)
 */
export type InputRead = { ok: true; bytes: Uint8Array } | { ok: false; rule: 'input-too-large' | 'input-unreadable'; message: string };

/**
 * Reads one input file: only a regular file (a FIFO, a socket or a device, directly or through
 * a link, is never opened for reading: it could block or never end), and only when its size is
 * at most `maxBytes` — checked on the open descriptor before any byte is read.
 */
export function readInput(path: string, maxBytes: number): InputRead {
  let read;
  try {
    read = readPlainFile(path, maxBytes, true);
  } catch (error) {
    return unreadable(error);
  }
  if (read.kind === 'file' && read.bytes) return { ok: true, bytes: read.bytes };
  return refused(read.kind, read.size, maxBytes);
}

/** What {@link hashInput} found: the SHA-256 of the bytes {@link readInput} would give, or its refusal. */
export type InputHash = { ok: true; sha256: string } | Extract<InputRead, { ok: false }>;

/**
 * The SHA-256 (hex) of one input file as {@link readInput} would read it — the same checks and
 * refusals — read through a buffer this thread reuses, not one of the file's size: the build's
 * plan hashes every input up front, and a buffer each left the build thread's malloc arena holding
 * megabytes it never gave back (BENCHMARKS.md, "the plan's reads in one buffer").
 */
export function hashInput(path: string, maxBytes: number): InputHash {
  let read;
  try {
    read = hashPlainRead(path, maxBytes, true);
  } catch (error) {
    return unreadable(error);
  }
  if (read.kind === 'file' && read.sha256 !== null) return { ok: true, sha256: read.sha256 };
  return refused(read.kind, read.size, maxBytes);
}

/** An input that failed to open or read. */
function unreadable(error: unknown): Extract<InputRead, { ok: false }> {
  // The rule says it could not be read and the line names the path: the message says why, in words.
  return { ok: false, rule: 'input-unreadable', message: errnoCode(error) === 'ENOENT' ? 'no such file' : errnoMeaning(error) };
}

/** Why an input that is not a regular file within the limit is not read. */
function refused(kind: PathKind, size: number, maxBytes: number): Extract<InputRead, { ok: false }> {
  if (kind === 'file') return { ok: false, rule: 'input-too-large', message: `input is ${size} bytes, over the limit maxBytes=${maxBytes}` };
  if (kind === 'absent') return { ok: false, rule: 'input-unreadable', message: 'no such file' };
  return { ok: false, rule: 'input-unreadable', message: `not a regular file (${kind === 'folder' ? 'a folder' : 'a FIFO, socket or device'}; never read)` };
}

/**
 * Reads a stream (standard input) up to `maxBytes` + 1 bytes and stops: a gigabyte piped in
 * costs at most the limit in memory, and `over` says the limit was passed.
 */
export async function readCapped(stream: AsyncIterable<Uint8Array | string>, maxBytes: number): Promise<{ bytes: Uint8Array; over: boolean }> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const room = maxBytes + 1 - total;
    chunks.push(buffer.length > room ? buffer.subarray(0, room) : buffer);
    total += Math.min(buffer.length, room);
    if (total > maxBytes) break; // leaving the loop stops and releases the stream
  }
  return { bytes: new Uint8Array(Buffer.concat(chunks)), over: total > maxBytes };
}

/** The input files of a pipeline's `inputs` as {@link walkInputs} finds them (refused links left out). */
export async function collectInputs(entries: readonly string[], extensions: readonly string[]): Promise<string[]> {
  return walkInputs(entries, { extensions }).paths;
}
