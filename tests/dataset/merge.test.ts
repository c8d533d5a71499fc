import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { escapeRegExp } from '../../src/core/data.js';
import { ConfigError } from '../../src/core/errors.js';
import { build } from '../../src/dataset/build.js';
import { merge } from '../../src/dataset/merge.js';
import { makeProject, type Project } from '../support/project.js';

let p: Project;
let shards: string[];
beforeAll(async () => {
  p = makeProject(['as-2025.txt', 'ra-2025.txt', 'as-2025-hant.txt']);
  shards = [1, 2].map((k) => join(p.dir, `s${k}`));
  for (const [i, dir] of shards.entries()) await build({ pipeline: p.pipeline(), outDir: dir, shard: { index: i + 1, count: 2 }, cacheDir: null, concurrency: 1 });
});

let copies = 0;
/** A copy of the two shards, shard `k` (0 or 1; the second by default) changed by `edit`. */
function brokenShards(edit: (shard: string) => void, k = 1): string[] {
  const dirs = shards.map((d, i) => join(p.dir, `copy-${++copies}-${i + 1}`));
  shards.forEach((d, i) => cpSync(d, dirs[i]!, { recursive: true }));
  edit(dirs[k]!);
  return dirs;
}

/** The ConfigError message a merge of `dirs` ends with (nothing is written). */
async function mergeError(dirs: string[]): Promise<string> {
  const out = join(p.dir, `merged-${++copies}`);
  const error = await merge({ shards: dirs, outDir: out }).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ConfigError);
  expect(() => readFileSync(join(out, 'manifest.json'))).toThrow();
  return (error as Error).message;
}

/** The first file under `prefix` ('articles/') the shard's manifest lists, if any. */
const listed = (dir: string, prefix: string): string | undefined => (JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).files as string[]).find((f) => f.startsWith(prefix))!;

// Paths in a pattern are escaped: a temporary folder's name may hold '+', '(' or '.' (TMPDIR is the user's).
describe('merge trusts nothing in a shard', () => {
  it('no shards at all', async () => {
    expect(await mergeError([])).toBe('merge needs the output folders of the shards');
  });

  it('a folder without a manifest, a manifest that is not JSON, a dataset that is not a shard', async () => {
    const empty = join(p.dir, 'empty');
    mkdirSync(empty, { recursive: true });
    expect(await mergeError([shards[0]!, empty])).toBe(`${join(empty, 'manifest.json')}: not a dataset manifest (ENOENT)`);
    const notJson = brokenShards((d) => writeFileSync(join(d, 'manifest.json'), '{'));
    expect(await mergeError(notJson)).toMatch(new RegExp(`^${escapeRegExp(notJson[1]!)}/manifest\\.json: not a dataset manifest \\(.*JSON.*\\)$`));
    const whole = brokenShards((d) => {
      const manifest = JSON.parse(readFileSync(join(d, 'manifest.json'), 'utf8'));
      delete manifest.shard;
      writeFileSync(join(d, 'manifest.json'), JSON.stringify(manifest));
    });
    expect(await mergeError(whole)).toBe(`${whole[1]}/manifest.json: not a shard (build it with --shard K/N)`);
  });

  it('shards of another pipeline, of another build, or the same shard twice', async () => {
    const edited = (change: (m: Record<string, unknown> & { shard: Record<string, unknown> }) => void) =>
      brokenShards((d) => {
        const manifest = JSON.parse(readFileSync(join(d, 'manifest.json'), 'utf8'));
        change(manifest);
        writeFileSync(join(d, 'manifest.json'), JSON.stringify(manifest));
      });
    const other = edited((m) => void (m.pipeline = 'another'));
    expect(await mergeError(other)).toMatch(/s?\/manifest\.json: made by pipeline another \(schema [\d.]+\), not \S+ \(schema [\d.]+\)$/);
    const plan = edited((m) => void (m.shard.plan = '0'.repeat(64)));
    expect(await mergeError(plan)).toContain('shard 2/2 of a different build (other inputs or shard count)');
    expect(await mergeError([shards[0]!, shards[0]!])).toBe(`${shards[0]}/manifest.json: shard 1/2 given twice (also ${shards[0]}/manifest.json)`);
  });

  it('a record the manifest lists that is missing, not JSON, or not a record of this digest', async () => {
    // Which shard an input falls in follows its path (a temporary folder here): take a shard that has a record.
    const k = shards.findIndex((d) => listed(d, 'articles/') !== undefined);
    const rel = listed(shards[k]!, 'articles/')!;
    const missing = brokenShards((d) => rmSync(join(d, rel)), k);
    expect(await mergeError(missing)).toBe(`${join(missing[k]!, rel)}: listed in the shard's manifest but missing`);
    const garbled = brokenShards((d) => writeFileSync(join(d, rel), '{"id":'), k);
    expect(await mergeError(garbled)).toBe(`${join(garbled[k]!, rel)}: not JSON`);
    const foreign = brokenShards((d) => writeFileSync(join(d, rel), '{"id": "x"}'), k);
    expect(await mergeError(foreign)).toMatch(new RegExp(`^${escapeRegExp(join(foreign[k]!, rel))}: not a record of this digest \\(schemas/article\\.schema\\.json\\): /: `));
  });

  it('a table row that is not JSON or not a row of its table, named by file and line', async () => {
    const notJson = brokenShards((d) => writeFileSync(join(d, 'items.jsonl'), 'nope\n'));
    expect(await mergeError(notJson)).toBe(`${notJson[1]}/items.jsonl:1: not JSON`);
    const notRow = brokenShards((d) => writeFileSync(join(d, 'references.jsonl'), '{"article": 7}\n'));
    expect(await mergeError(notRow)).toMatch(new RegExp(`^${escapeRegExp(notRow[1]!)}/references\\.jsonl:1: not a row of references\\.jsonl: `));
  });
});
