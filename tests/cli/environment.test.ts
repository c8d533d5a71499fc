import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, renameSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repo, tree } from '../helpers.js';

// What a build writes hangs on its inputs and its pipeline only: not on where the project is, the
// time zone, the locale or the umask of whoever runs it (the suite's own outcome must not either:
// a CI run failed on a temporary folder's name).

const bin = repo('bin/digest.js');
const articles = ['ra-2025.txt', 'as-2025.txt', 'ra-2025-site.html', 'as-2025-wechat.html'];
let root: string;

/** A project at `dir` (made): the articles in articles/ and the pipeline `digest init` writes, whose inputs are relative. */
function project(dir: string): string {
  mkdirSync(join(dir, 'articles'), { recursive: true });
  for (const name of articles) cpSync(repo(`fixtures/articles/${name}`), join(dir, 'articles', name));
  const init = spawnSync(process.execPath, [bin, 'init', 'articles', '--quiet'], { cwd: dir, encoding: 'utf8' });
  expect(init.status, init.stderr).toBe(0);
  return dir;
}

/** `digest build` in `dir` under `env` (added to this process's) and `umask` (octal, as the shell takes it). */
function build(dir: string, env: Record<string, string> = {}, umask = '022') {
  const r = spawnSync('/bin/sh', ['-c', `umask ${umask} && exec "$0" "$@"`, process.execPath, bin, 'build', '--quiet', '-j', '1'], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env } });
  expect(r.status, r.stderr).toBe(0);
  return join(dir, 'out');
}

/** Every file and folder under `dir`, the cache's too: relative path → its permission bits. */
function modes(dir: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const name of readdirSync(dir, { recursive: true }) as string[]) out.set(name, statSync(join(dir, name)).mode & 0o777);
  return out;
}

/** A dataset's files (its cache aside: machine-local, keyed by inode) compared byte for byte with the reference's. */
function expectSameDataset(out: string, reference: Map<string, string>): void {
  const files = tree(out);
  expect([...files.keys()]).toEqual([...reference.keys()]);
  for (const [name, bytes] of reference) expect(files.get(name) === bytes, name).toBe(true);
}

let reference: Map<string, string>;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'digest-env-'));
  reference = tree(build(project(join(root, 'p')), { TZ: 'UTC', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' }));
  expect(reference.size).toBeGreaterThan(articles.length * 3);
}, 180_000);

describe('a build gives the same bytes whoever runs it, wherever', () => {
  it('in a folder whose path is 150 characters longer (relative inputs): every file of the dataset the same', () => {
    const deep = join(root, 'a'.repeat(50), 'b'.repeat(50), 'c'.repeat(48));
    expect(relative(join(root, 'p'), deep).length).toBeGreaterThanOrEqual(150);
    expectSameDataset(build(project(deep), { TZ: 'UTC', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' }), reference);
  }, 180_000);

  it('moved to a folder at another depth, its pipeline written again by `digest init` (the data files the same, named by other paths): no input is ingested again, every file the same', () => {
    // A project's pipeline names the package's data files relative to itself (and its schema), so a
    // project moved, or the package installed elsewhere, has a pipeline file of other text with the
    // same data in it. The cache's key took the text: every input was ingested again (output the same).
    const from = project(join(root, 'm1', 'p'));
    build(from, { TZ: 'UTC', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' });
    const to = join(root, 'm2', 'deeper', 'p');
    mkdirSync(join(to, '..'), { recursive: true });
    renameSync(from, to);
    const init = spawnSync(process.execPath, [bin, 'init', 'articles', '--quiet', '--force'], { cwd: to, encoding: 'utf8' });
    expect(init.status, init.stderr).toBe(0);
    const again = spawnSync(process.execPath, [bin, 'build', '-j', '1'], { cwd: to, encoding: 'utf8', env: { ...process.env, TZ: 'UTC', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' } });
    expect(again.status, again.stderr).toBe(0);
    // Before: "4 ingested, 0 from cache".
    expect(again.stderr).toContain(`0 ingested, ${articles.length} from cache`);
    expectSameDataset(join(to, 'out'), reference);
  }, 180_000);

  it('in another time zone and locale (UTC+14 and Turkish; UTC−10 and German): every record, table and page the same', () => {
    // Kiritimati is a day ahead of UTC for ten hours of every day; Turkish and German write numbers "1.234,5".
    for (const [i, env] of [
      { TZ: 'Pacific/Kiritimati', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' },
      { TZ: 'America/Adak', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' },
      { TZ: 'Asia/Shanghai', LANG: 'C', LC_ALL: 'C' },
    ].entries()) {
      expectSameDataset(build(project(join(root, `t${i}`)), env), reference);
    }
  }, 300_000);

  it('under umask 077, every file and folder it writes is the user\'s to read (and the same bytes); under 022, everyone\'s', () => {
    const own = build(project(join(root, 'u')), { TZ: 'UTC', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' }, '077');
    expectSameDataset(own, reference);
    const written = modes(own);
    expect(written.size).toBeGreaterThan(reference.size);
    for (const [name, mode] of written) {
      const folder = statSync(join(own, name)).isDirectory();
      expect(mode & (folder ? 0o500 : 0o400), `${name} ${mode.toString(8)}`).toBe(folder ? 0o500 : 0o400);
      expect(mode & 0o077, `${name} ${mode.toString(8)}: the umask is the user's`).toBe(0);
    }
    for (const [name, mode] of modes(join(root, 'p', 'out'))) {
      const folder = statSync(join(root, 'p', 'out', name)).isDirectory();
      if (name.startsWith('.cache')) continue;
      expect(mode, name).toBe(folder ? 0o755 : 0o644);
    }
  }, 180_000);
});
