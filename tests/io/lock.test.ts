import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputError } from '../../src/io/errors.js';
import { realFs } from '../../src/io/fs.js';
import { acquireLock } from '../../src/io/lock.js';

function folder(): { root: string; lock: string } {
  const root = mkdtempSync(join(tmpdir(), 'digest-lock-'));
  mkdirSync(join(root, '.staging'));
  return { root, lock: join(root, '.staging', 'lock') };
}

/** The pid of a process that has ended. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

describe('the output folder lock', () => {
  it('is held until released, and names its holder to a second writer', () => {
    const { root, lock } = folder();
    const held = acquireLock(root, 'build');
    expect(JSON.parse(readFileSync(lock, 'utf8'))).toEqual({ pid: process.pid, host: hostname(), command: 'build' });
    expect(() => acquireLock(root, 'merge')).toThrow(OutputError);
    held.release();
    expect(existsSync(lock)).toBe(false);
    acquireLock(root, 'merge').release();
  });

  it('a lock whose process is gone, or that names none, is taken over', () => {
    const { root, lock } = folder();
    writeFileSync(lock, JSON.stringify({ pid: deadPid(), host: hostname(), command: 'build' }));
    acquireLock(root, 'build').release();
    writeFileSync(lock, 'half-writ');
    acquireLock(root, 'build').release();
    expect(existsSync(lock)).toBe(false);
  });

  it('a lock from another host cannot be checked and is honoured', () => {
    const { root, lock } = folder();
    writeFileSync(lock, JSON.stringify({ pid: 1, host: 'elsewhere', command: 'build' }));
    expect(() => acquireLock(root, 'build')).toThrow(`is being written by another digest build (pid 1 on elsewhere)`);
  });

  it('a lock that cannot be written (a full disk) is not left behind', () => {
    const { root, lock } = folder();
    const full = { ...realFs, writeSync: () => { throw Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' }); } };
    expect(() => acquireLock(root, 'build', full)).toThrow('cannot take the lock');
    expect(existsSync(lock)).toBe(false);
  });
});

describe('the output folder lock when another process moves at the same moment', () => {
  const errno = (code: string) => Object.assign(new Error(code), { code });

  it('the lock cannot be created (permission): one clear error naming it', () => {
    const { root, lock } = folder();
    const denied = { ...realFs, openSync: () => { throw errno('EACCES'); } };
    expect(() => acquireLock(root, 'build', denied)).toThrow(`cannot take the lock ${lock}: permission denied (EACCES)`);
  });

  it('a stale lock another process took over first (the rename finds nothing): taken on the next try', () => {
    const { root, lock } = folder();
    writeFileSync(lock, JSON.stringify({ pid: deadPid(), host: hostname(), command: 'build' }));
    let renames = 0;
    const racing = { ...realFs, renameSync: (from: string, to: string) => {
      if (renames++ === 0) {
        rmSync(from); // the other process moved it away just before us
        throw errno('ENOENT');
      }
      realFs.renameSync(from, to);
    } };
    const held = acquireLock(root, 'ingest', racing);
    expect(JSON.parse(readFileSync(lock, 'utf8'))).toMatchObject({ pid: process.pid, command: 'ingest' });
    held.release();
  });

  it('a stale lock replaced by another process’s fresh one while it was moved aside: put back, and the folder is busy', () => {
    const { root, lock } = folder();
    writeFileSync(lock, JSON.stringify({ pid: deadPid(), host: hostname(), command: 'build' }));
    const fresh = JSON.stringify({ pid: process.ppid, host: hostname(), command: 'merge' });
    const racing = { ...realFs, renameSync: (from: string, to: string) => {
      if (from === lock) writeFileSync(lock, fresh); // the other process took over first
      realFs.renameSync(from, to);
    } };
    expect(() => acquireLock(root, 'build', racing)).toThrow(`is being written by another digest merge (pid ${process.ppid})`);
    expect(readFileSync(lock, 'utf8')).toBe(fresh);
  });

  it('a stale lock that cannot be moved aside: one clear error', () => {
    const { root, lock } = folder();
    writeFileSync(lock, JSON.stringify({ pid: deadPid(), host: hostname(), command: 'build' }));
    const stuck = { ...realFs, renameSync: () => { throw errno('EROFS'); } };
    expect(() => acquireLock(root, 'build', stuck)).toThrow(`cannot take over the stale lock ${lock}: read-only file system (EROFS)`);
  });
});
