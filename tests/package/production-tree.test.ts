import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { productionTree } from './production-tree.js';

/**
 * productionTree (what pack.test.ts copies into its scratch install) on small projects of our own:
 * it fails on a real install's extraneous or missing package as `npm ls` does, and takes a
 * worktree's node_modules linked to another checkout's install as that install, only when the two
 * projects ask for the same packages.
 */
const base = realpathSync(mkdtempSync(join(tmpdir(), 'production-tree-')));
const env = { ...process.env, npm_config_cache: join(base, 'cache'), npm_config_offline: 'true', npm_config_update_notifier: 'false' };
const write = (file: string, value: unknown) => writeFileSync(file, `${JSON.stringify(value)}\n`);

/** A project at `dir` asking for `dependencies`, installed as `installed` (name → version), or with no node_modules when `installed` is null. */
function project(dir: string, dependencies: Record<string, string>, installed: Record<string, string> | null) {
  mkdirSync(dir, { recursive: true });
  write(join(dir, 'package.json'), { name: 'p', version: '1.0.0', private: true, dependencies });
  if (installed === null) return;
  for (const [name, version] of Object.entries(installed)) {
    mkdirSync(join(dir, 'node_modules', name), { recursive: true });
    // A dev dependency of its own, which no install of it holds: npm asks for it of a linked package.
    write(join(dir, 'node_modules', name, 'package.json'), { name, version, devDependencies: { 'its-tests': '1.0.0' } });
  }
}

/** A worktree at `dir` asking for `dependencies`, its node_modules a link to `owner`'s. */
function worktree(dir: string, owner: string, dependencies: Record<string, string>) {
  project(dir, dependencies, null);
  symlinkSync(join(owner, 'node_modules'), join(dir, 'node_modules'));
}

let n = 0;
const fresh = (name: string) => join(base, `${name}-${n++}`);

describe('productionTree', () => {
  it('lists a sound install, and fails on an extraneous or a missing package', () => {
    const sound = fresh('sound');
    project(sound, { a: '1.0.0', b: '^2.0.0' }, { a: '1.0.0', b: '2.1.0' });
    expect(productionTree(sound, env)).toEqual({ modules: join(sound, 'node_modules'), paths: [join(sound, 'node_modules/a'), join(sound, 'node_modules/b')] });
    const extraneous = fresh('extraneous');
    project(extraneous, { a: '1.0.0' }, { a: '1.0.0', stray: '1.0.0' });
    expect(() => productionTree(extraneous, env)).toThrow(/extraneous: stray@1\.0\.0/);
    const missing = fresh('missing');
    project(missing, { a: '1.0.0', b: '^2.0.0' }, { a: '1.0.0' });
    expect(() => productionTree(missing, env)).toThrow(/missing: b@\^2\.0\.0/);
    const invalid = fresh('invalid');
    project(invalid, { a: '1.0.0', b: '^2.0.0' }, { a: '1.0.0', b: '3.0.0' });
    expect(() => productionTree(invalid, env)).toThrow(/invalid: b@3\.0\.0/);
  });

  it("takes a worktree's linked node_modules as its owner's install, which npm ls alone cannot", () => {
    const owner = fresh('owner');
    project(owner, { a: '1.0.0' }, { a: '1.0.0' });
    const wt = fresh('worktree');
    worktree(wt, owner, { a: '1.0.0' });
    // What pack.test.ts met: npm takes the linked install's packages for linked local ones.
    const plain = spawnSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: wt, encoding: 'utf8', env });
    expect(plain.status).not.toBe(0);
    expect(productionTree(wt, env)).toEqual({ modules: join(owner, 'node_modules'), paths: [join(owner, 'node_modules/a')] });
  });

  it('still fails through the link: an owner asking for other packages, or an install unsound there', () => {
    const owner = fresh('owner');
    project(owner, { a: '1.0.0' }, { a: '1.0.0' });
    const more = fresh('worktree');
    worktree(more, owner, { a: '1.0.0', b: '^2.0.0' });
    expect(() => productionTree(more, env)).toThrow(/dependencies or lockfile differ/);
    const stray = fresh('owner');
    project(stray, { a: '1.0.0' }, { a: '1.0.0', stray: '1.0.0' });
    const wt = fresh('worktree');
    worktree(wt, stray, { a: '1.0.0' });
    expect(() => productionTree(wt, env)).toThrow(/extraneous: stray@1\.0\.0/);
    // The same dependencies but another lockfile: not this project's install either.
    const locked = fresh('worktree');
    worktree(locked, owner, { a: '1.0.0' });
    write(join(locked, 'package-lock.json'), { lockfileVersion: 3, packages: { '': {}, 'node_modules/a': { version: '1.0.1' } } });
    expect(() => productionTree(locked, env)).toThrow(/dependencies or lockfile differ/);
  });
});
