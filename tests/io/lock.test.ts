import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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
