import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nameId } from '../../src/core/record.js';
import { planIds, rememberedIds } from '../../src/dataset/ids.js';
import { repo, tree } from '../helpers.js';

const bin = repo('bin/digest.js');

/** A folder outside the repository with an articles/ folder and a pipeline from `digest init`. */
function userProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'digest-ids-'));
  mkdirSync(join(dir, 'articles'));
  const init = spawnSync(process.execPath, [bin, 'init', 'articles'], { cwd: dir, encoding: 'utf8' });
  expect(init.status, init.stderr).toBe(0);
  return dir;
}

const digest = (dir: string, ...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8' });
const ids = (dir: string, out = 'out') => (JSON.parse(readFileSync(join(dir, out, 'manifest.json'), 'utf8')) as { inputs: { path: string; id: string }[] }).inputs.map((i) => [i.path, i.id]);

describe('record ids from Chinese file names', () => {
  it('are read in pinyin, word by word', () => {
    expect(nameId('类风湿关节炎-2025.txt')).toBe('lei-feng-shi-guan-jie-yan-2025');
    expect(nameId('articles/强直性脊柱炎-2025.md')).toBe('qiang-zhi-xing-ji-zhu-yan-2025');
    expect(nameId('干细胞MSC综述.html')).toBe('gan-xi-bao-msc-zong-shu');
    expect(nameId('長春新鹼.txt')).toBe('chang-chun-xin-jian'); // traditional characters too
    expect(nameId('重庆重要新闻.txt')).toBe('chong-qing-zhong-yao-xin-wen'); // a character's reading from its word
    expect(nameId('绿色.txt')).toBe('lv-se');
    expect(nameId('ra-2025.txt')).toBe('ra-2025');
    expect(nameId('。.txt')).toBeNull();
  });
});

describe('an id, once given, never changes because another file arrived', () => {
  it('adding 强直性脊柱炎-2025.txt beside 类风湿关节炎-2025.txt leaves the first id as it was', () => {
    const dir = userProject();
    cpSync(repo('fixtures/articles/ra-2025.txt'), join(dir, 'articles', '类风湿关节炎-2025.txt'));
    expect(digest(dir, 'build', '--quiet').status).toBe(0);
    expect(ids(dir)).toEqual([['articles/类风湿关节炎-2025.txt', 'lei-feng-shi-guan-jie-yan-2025']]);
    cpSync(repo('fixtures/articles/as-2025.txt'), join(dir, 'articles', '强直性脊柱炎-2025.txt'));
    expect(digest(dir, 'build', '--quiet').status).toBe(0);
    expect(ids(dir)).toEqual([
      ['articles/强直性脊柱炎-2025.txt', 'qiang-zhi-xing-ji-zhu-yan-2025'],
      ['articles/类风湿关节炎-2025.txt', 'lei-feng-shi-guan-jie-yan-2025'],
    ]);
    expect(readdirSync(join(dir, 'out', 'articles')).sort()).toEqual(['lei-feng-shi-guan-jie-yan-2025.json', 'qiang-zhi-xing-ji-zhu-yan-2025.json']);
  }, 120_000);

  it('a new file whose name gives a taken id gets another one; the holder keeps its own, though the newcomer sorts first', () => {
    const dir = userProject();
    mkdirSync(join(dir, 'articles', 'b'));
    cpSync(repo('fixtures/articles/ra-2025.txt'), join(dir, 'articles', 'b', 'ra-2025.txt'));
    expect(digest(dir, 'build', '--quiet').status).toBe(0);
    expect(ids(dir)).toEqual([['articles/b/ra-2025.txt', 'ra-2025']]);
    mkdirSync(join(dir, 'articles', 'a'));
    cpSync(repo('fixtures/articles/as-2025.txt'), join(dir, 'articles', 'a', 'ra-2025.txt'));
    expect(digest(dir, 'build', '--quiet').status).toBe(0);
    expect(ids(dir)).toEqual([
      ['articles/a/ra-2025.txt', 'ra-2025-txt'],
      ['articles/b/ra-2025.txt', 'ra-2025'],
    ]);
    // Incremental equals clean: a build without the cache, from the same previous manifest, writes the same files.
    const before = tree(join(dir, 'out'));
    expect(digest(dir, 'build', '--quiet', '--no-cache').status).toBe(0);
    expect(tree(join(dir, 'out'))).toEqual(before);
    expect(digest(dir, 'build', '--check').status).toBe(0);
    // A new dataset (no manifest to remember) plans from the names alone, in path order.
    expect(digest(dir, 'build', '--quiet', '--out', 'fresh').status).toBe(0);
    expect(ids(dir, 'fresh')).toEqual([
      ['articles/a/ra-2025.txt', 'ra-2025'],
      ['articles/b/ra-2025.txt', 'ra-2025-txt'],
    ]);
    // --ids-from takes them from another dataset.
    rmSync(join(dir, 'fresh'), { recursive: true });
    expect(digest(dir, 'build', '--quiet', '--out', 'fresh', '--ids-from', 'out').status).toBe(0);
    expect(ids(dir, 'fresh')).toEqual(ids(dir));
  }, 180_000);

  it('shards plan their ids from the dataset they will be merged into, so the merge equals the build', () => {
    const dir = userProject();
    for (const [sub, from] of [['b', 'ra-2025.txt'], ['c', 'as-2025.txt']] as const) {
      mkdirSync(join(dir, 'articles', sub));
      cpSync(repo(`fixtures/articles/${from}`), join(dir, 'articles', sub, 'ra-2025.txt'));
    }
    expect(digest(dir, 'build', '--quiet').status).toBe(0);
    // The merge goes into the dataset as it was before the second build, as the build does: the
    // change view compares each with the same previous build.
    cpSync(join(dir, 'out'), join(dir, 'merged'), { recursive: true });
    rmSync(join(dir, 'merged', '.cache'), { recursive: true, force: true });
    mkdirSync(join(dir, 'articles', 'a'));
    cpSync(repo('fixtures/articles/ra-2025-markdown.md'), join(dir, 'articles', 'a', 'ra-2025.md'));
    expect(digest(dir, 'build', '--quiet').status).toBe(0);
    for (const k of [1, 2]) expect(digest(dir, 'build', '--quiet', '--no-cache', '--shard', `${k}/2`, '--out', `shard-${k}`).status).toBe(0);
    const merged = digest(dir, 'merge', 'shard-1', 'shard-2', '--out', 'merged');
    expect(merged.status, merged.stderr).toBe(0);
    expect(tree(join(dir, 'merged'))).toEqual(tree(join(dir, 'out')));
    expect(Object.fromEntries(ids(dir))).toMatchObject({ 'articles/a/ra-2025.md': 'ra-2025-md', 'articles/b/ra-2025.txt': 'ra-2025' });
  }, 180_000);

  it('planIds keeps remembered ids, drops unusable ones, and says "renamed" as the first build said it', async () => {
    const remembered = new Map([
      ['x/ra-2025.txt', 'ra-2025'],
      ['y/ra-2025.txt', 'Not An Id'],
      ['z/other.txt', 'ra-2025'], // taken twice in a hand-edited manifest: the first path keeps it
    ]);
    const plan = await planIds(['w/ra-2025.txt', 'x/ra-2025.txt', 'y/ra-2025.txt', 'z/other.txt'], Number.MAX_SAFE_INTEGER, remembered);
    expect(plan.map((p) => [p.path, p.id, p.renamedFrom])).toEqual([
      ['w/ra-2025.txt', 'ra-2025-txt', 'ra-2025'],
      ['x/ra-2025.txt', 'ra-2025', null],
      ['y/ra-2025.txt', expect.stringMatching(/^ra-2025-[0-9a-f]{12}$/), 'ra-2025'],
      ['z/other.txt', 'other', null],
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'digest-ids-'));
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ inputs: [{ path: 'a.txt', id: 'a' }, { path: 'b.txt', id: null }, { path: 'c.txt', id: '../c' }] }));
    expect([...rememberedIds(join(dir, 'manifest.json'))]).toEqual([['a.txt', 'a']]);
    expect(rememberedIds(join(dir, 'none.json')).size).toBe(0);
  });
});
