import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repo } from '../helpers.js';
import { makeProject } from '../support/project.js';

/**
 * Runs a shell script in a private mount namespace with a small tmpfs at $MNT (gone when the
 * script ends), or returns null when the machine allows no such mount (then the test skips): as
 * root, or as a user where the kernel allows user namespaces.
 */
function onSmallDisk(dir: string, size: string, script: string): { status: number | null; stdout: string; stderr: string } | null {
  const mnt = join(dir, 'mnt');
  mkdirSync(mnt);
  // Not root: in a user namespace of its own too (`-r`), where the user is root and may mount; the
  // files the build writes there are the user's outside. Without it, every run as a user skipped.
  const namespaces = process.getuid?.() === 0 ? ['-m'] : ['-r', '-m'];
  const r = spawnSync('unshare', [...namespaces, 'sh', '-c', `mount -t tmpfs -o size=${size} tmpfs "$MNT" || exit 97\n${script}`], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, MNT: mnt, DIGEST: `${process.execPath} ${repo('bin/digest.js')}` },
    timeout: 120_000,
  });
  if (r.error || r.status === 97 || /unshare: /.test(r.stderr)) return null;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('11.3 a real full disk (a small tmpfs, where the machine allows mounting one)', () => {
  it('an empty disk too small for the dataset: one line, exit 2, nothing half-written', (context) => {
    const p = makeProject(['as-2025.txt', 'ra-2025.txt']);
    const r = onSmallDisk(p.dir, '48k', `$DIGEST build --pipeline ${p.pipelineFile} --out "$MNT/out" --quiet 2>err.txt; echo "status=$?"; cat err.txt; ls -A "$MNT/out" | tr '\\n' ' '`);
    if (r === null) return context.skip();
    const [status, ...rest] = r.stdout.split('\n');
    expect(status).toBe('status=2');
    expect(rest[0]).toMatch(/^digest build: cannot .+: no space left on the device \(ENOSPC\)$/);
    expect(r.stdout).not.toMatch(/internal error|\n\s+at /);
    // Nothing of the dataset went in place (its own cache may have begun).
    expect(rest[1]!.trim().split(' ').filter((n) => n !== '.cache' && n !== '')).toEqual([]);
  });

  it('a rebuild that fills the disk leaves the previous dataset byte for byte; the next build with room completes it', (context) => {
    const p = makeProject(['as-2025.txt', 'ra-2025.txt', 'as-2025-hant.txt']);
    const build = `$DIGEST build --pipeline ${p.pipelineFile} --out "$MNT/out" --quiet`;
    const r = onSmallDisk(p.dir, '4m', [
      `${build}; echo "first=$?"`,
      'cp -r "$MNT/out" good',
      // Edit every input so every record changes, then fill the disk.
      `for f in in/*.txt; do printf '\\n2025年12月1日,补记。\\n' >> "$f"; done`,
      'head -c 100m /dev/zero > "$MNT/filler" 2>/dev/null',
      `${build} 2>err.txt; echo "second=$?"; cat err.txt`,
      'diff -r --exclude=.cache "$MNT/out" good >/dev/null && echo "old dataset whole"',
      'test -e "$MNT/out/.staging" && echo "staging left"',
      'rm "$MNT/filler"',
      `${build}; echo "third=$?"`,
      `$DIGEST build --pipeline ${p.pipelineFile} --out "$MNT/out" --check --quiet; echo "check=$?"`,
    ].join('\n'));
    if (r === null) return context.skip();
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('first=0');
    expect(lines[1]).toBe('second=2');
    expect(lines[2]).toMatch(/^digest build: cannot .+: no space left on the device \(ENOSPC\)$/);
    expect(lines.slice(3)).toEqual(['old dataset whole', 'third=0', 'check=0']);
  });
});
