import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
let work: string | undefined;
afterEach(() => {
  if (work) rmSync(work, { recursive: true, force: true });
  work = undefined;
});

/** `git status --porcelain` of a fresh repository holding the project's .gitignore and what `make` puts beside it. */
function untracked(make: (dir: string) => void): string {
  work = mkdtempSync(join(tmpdir(), 'gitignore-'));
  const git = (...args: string[]) => execFileSync('git', ['-C', work as string, ...args], { encoding: 'utf8' });
  git('init', '-q');
  copyFileSync(join(root, '.gitignore'), join(work, '.gitignore'));
  make(work);
  return git('status', '--porcelain', '--untracked-files=all');
}

describe('.gitignore', () => {
  it('ignores node_modules as a folder', () => {
    const status = untracked((dir) => {
      mkdirSync(join(dir, 'node_modules', 'x'), { recursive: true });
      copyFileSync(join(root, 'package.json'), join(dir, 'node_modules', 'x', 'package.json'));
    });
    expect(status).toBe('?? .gitignore\n');
  });

  it('ignores node_modules as a symbolic link to a shared folder (a worktree\'s): committed, it deletes the real folder where it is merged', () => {
    const status = untracked((dir) => symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules')));
    expect(status).toBe('?? .gitignore\n');
  });
});
