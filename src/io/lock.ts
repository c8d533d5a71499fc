import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { STAGING } from './atomic.js';
import { errnoCode, fsFailure, OutputError } from './errors.js';
import { realFs, type WriteFs } from './fs.js';

/** A held lock on an output folder. */
export interface Lock {
  /** The lock file. */
  readonly path: string;
  /** Gives the folder back (removes the lock file if it is still ours). */
  release(): void;
}

/** What a lock file says: who holds the folder. */
interface Holder {
  pid: number;
  host: string;
  command: string;
}

/** Lock files this process holds: a second writer in the same process is refused like any other. */
const heldHere = new Set<string>();

function readHolder(path: string): { text: string; holder: Holder | null } | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return null;
    throw fsFailure(error, 'read the lock', path);
  }
  try {
    const value = JSON.parse(text) as Holder;
    return { text, holder: Number.isInteger(value.pid) && typeof value.host === 'string' ? value : null };
  } catch {
    return { text, holder: null };
  }
}

/** True when a process with this id runs on this machine (EPERM: it runs, as another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errnoCode(error) === 'EPERM';
  }
}

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Takes the lock file `<root>/.staging/lock` for one writer of the output folder `root` (the
 * staging folder must exist and be a real folder), or throws an
 * OutputError naming the holder. A second build, merge or ingest into the same folder exits at
 * once (exit 2) rather than wait: a CI job should not hang on a stuck run, and the message says
 * which process holds it. A lock whose process is gone (a build killed with kill -9) is taken
 * over: moved aside by one rename, so of two processes taking over the same stale lock only one
 * can succeed. A lock from another host cannot be checked and is honoured.
 */
export function acquireLock(root: string, command: string, fs: WriteFs = realFs): Lock {
  const path = join(root, STAGING, 'lock');
  const mine = JSON.stringify({ pid: process.pid, host: hostname(), command } satisfies Holder);
  const busy = (holder: Holder | null) =>
    new OutputError(
      `${root} is being written by another digest${holder ? ` ${holder.command} (pid ${holder.pid}${holder.host === hostname() ? '' : ` on ${holder.host}`})` : ''}; ` +
        `run again when it has finished, or delete ${path} if no digest is running`,
    );
  if (heldHere.has(path)) throw busy({ pid: process.pid, host: hostname(), command: 'run in this process' });
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      const fd = fs.openSync(path, 'wx', 0o644);
      try {
        fs.writeSync(fd, mine);
      } catch (error) {
        fs.closeSync(fd);
        fs.unlinkSync(path); // an empty lock would hold the folder for nobody
        throw error;
      }
      fs.closeSync(fd);
      heldHere.add(path);
      return {
        path,
        release() {
          heldHere.delete(path);
          if (readHolder(path)?.text === mine) fs.unlinkSync(path);
        },
      };
    } catch (error) {
      if (errnoCode(error) !== 'EEXIST') throw fsFailure(error, 'take the lock', path);
    }
    const found = readHolder(path);
    if (found === null) continue; // released meanwhile
    const { holder } = found;
    // A lock being written this very moment reads as nothing: look again before calling it stale.
    if (holder === null && attempt < 3) {
      pause(20);
      continue;
    }
    if (holder !== null && (holder.host !== hostname() || processAlive(holder.pid))) throw busy(holder);
    // Stale: move it aside, and make sure what was moved is the stale lock just read.
    const aside = `${path}.${process.pid}.stale`;
    try {
      fs.renameSync(path, aside);
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') continue;
      throw fsFailure(error, 'take over the stale lock', path);
    }
    const moved = readHolder(aside);
    if (moved?.text !== found.text) {
      // Another process took the stale lock over first and this rename moved its fresh one: put it back.
      fs.renameSync(aside, path);
      throw busy(moved?.holder ?? null);
    }
    fs.unlinkSync(aside);
  }
  throw busy(readHolder(path)?.holder ?? null);
}
