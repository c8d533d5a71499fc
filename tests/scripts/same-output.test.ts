import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script, no types
import { editPlan, firstDifference, rawChunks, runDifferences, stageLine, treeDifferences, verdict } from '../../scripts/same-output.mjs';
import { repo } from '../helpers.js';

const scratch = mkdtempSync(join(tmpdir(), 'same-output-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Writes `files` (relative path → text) under a new folder of the scratch folder; returns it. */
function tree(name: string, files: Record<string, string>): string {
  const dir = join(scratch, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * A stand-in checkout, built: `dist/`, a `bin/digest.js` whose `build` copies each input of the
 * pipeline's folder to `<out>/records/<name>` upper-cased (the records of the last build gone) (and writes a cache that differs every
 * run) and whose `refs` prints the line count of its file, and a `scripts/corpus.mjs` of the real
 * one's three exports. `extraAbove`: this side's build also writes `records/extra` when an input's
 * number is at least that (an added article: the incremental and unchanged builds differ).
 */
function checkout(name: string, extraAbove: number | null): string {
  const root = join(scratch, name);
  mkdirSync(join(root, 'dist'), { recursive: true });
  mkdirSync(join(root, 'bin'));
  mkdirSync(join(root, 'scripts'));
  writeFileSync(
    join(root, 'bin', 'digest.js'),
    `import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
const [command, file] = process.argv.slice(2).filter((a) => a !== '--pipeline');
if (command === 'refs') {
  process.stdout.write(readFileSync(file, 'utf8').split('\\n').length + ' lines\\n');
} else {
  const { inputs: [corpus], out } = JSON.parse(readFileSync(file, 'utf8'));
  rmSync(out + '/records', { recursive: true, force: true });
  mkdirSync(out + '/records', { recursive: true });
  mkdirSync(out + '/.cache', { recursive: true });
  writeFileSync(out + '/.cache/state', String(process.hrtime.bigint()));
  const names = readdirSync(corpus);
  for (const n of names) writeFileSync(out + '/records/' + n, readFileSync(corpus + '/' + n, 'utf8').toUpperCase());
  if (${extraAbove ?? 'Infinity'} <= Math.max(...names.map(Number))) writeFileSync(out + '/records/extra', 'x');
  process.stderr.write('fake build: ' + names.length + ' inputs\\n');
}
`,
  );
  writeFileSync(join(root, 'package.json'), '{"type":"module"}');
  writeFileSync(
    join(root, 'scripts', 'corpus.mjs'),
    `import { mkdirSync, writeFileSync } from 'node:fs';
export function article(i, { seed = 17 } = {}) { return { name: String(i).padStart(3, '0'), text: 'article ' + i + ' seed ' + seed, bytes: 'article ' + i + ' seed ' + seed }; }
export function makeCorpus(dir, n, seed = 17) { mkdirSync(dir, { recursive: true }); for (let i = 0; i < n; i++) { const a = article(i, { seed }); writeFileSync(dir + '/' + a.name, a.bytes); } }
export function corpusPipeline(file, corpus, out) { writeFileSync(file, JSON.stringify({ inputs: [corpus], out })); }
`,
  );
  return root;
}

/** The script run on two checkouts with the labelled sets of `shared` (a folder with references/*.jsonl). */
function sameOutput(oldRoot: string, newRoot: string, shared: string, work: string) {
  const run = spawnSync(process.execPath, [repo('scripts/same-output.mjs'), oldRoot, newRoot, '--articles', '45', '-j', '1', '--work', work], {
    encoding: 'utf8',
    env: { ...process.env, DIGEST_SHARED_DATA: shared },
  });
  return { status: run.status, lines: run.stdout.trim().split('\n'), stderr: run.stderr };
}

describe('scripts/same-output.mjs: whether two checkouts write the same bytes (issue 17: every speed or memory change byte-identical)', () => {
  it('finds no difference between equal folders, the cache left out', () => {
    const a = tree('equal-a', { 'records/1.json': '{"a":1}', 'index.html': '<p>', '.cache/state': 'one' });
    const b = tree('equal-b', { 'records/1.json': '{"a":1}', 'index.html': '<p>', '.cache/state': 'two', '.cache/more': '' });
    expect(treeDifferences(a, b)).toEqual({ files: 2, differences: [] });
  });

  it('finds a changed byte, a file on one side only and a link for a file; a cache below the top compared', () => {
    const a = tree('diff-a', { 'records/1.json': '{"a":1}', 'records/2.json': 'x', 'gone.txt': '', 'deep/.cache/x': '1', 'same.txt': 's' });
    const b = tree('diff-b', { 'records/1.json': '{"a":2}', 'records/2.json': 'x', 'new.txt': '', 'deep/.cache/x': '2' });
    symlinkSync('records/2.json', join(b, 'same.txt'));
    expect(treeDifferences(a, b)).toEqual({
      files: 5,
      differences: [
        { path: 'deep/.cache/x', kind: 'content', at: 0 },
        { path: 'gone.txt', kind: 'only-old' },
        { path: 'new.txt', kind: 'only-new' },
        { path: 'records/1.json', kind: 'content', at: 5 },
        { path: 'same.txt', kind: 'kind' },
      ],
    });
    // A missing folder is an empty one: every file of the other only on its side.
    expect(treeDifferences(a, join(scratch, 'none')).differences).toHaveLength(5);
  });

  it('tells where two texts part: the first differing byte, or the shorter length', () => {
    const bytes = (s: string) => new TextEncoder().encode(s);
    expect(firstDifference(bytes('abc'), bytes('abc'))).toBe(-1);
    expect(firstDifference(bytes('abc'), bytes('abd'))).toBe(2);
    expect(firstDifference(bytes('ab'), bytes('abc'))).toBe(2);
  });

  it('compares two runs by exit status, stdout and stderr', () => {
    const run = { status: 0, stdout: 'x', stderr: 'built' };
    expect(runDifferences(run, { ...run })).toEqual([]);
    expect(runDifferences(run, { ...run, status: 1, stderr: 'built ' })).toEqual(['status', 'stderr']);
  });

  it('says same or DIFFERENT a stage, and ALL-SAME only when no stage differed', () => {
    const same = stageLine('-j 1 cold', { files: 3, differences: [] }, [], { told: 'digest build: 3 inputs' });
    expect(same).toEqual({ same: true, line: '-j 1 cold              same (3 files, stdout, stderr and exit status): digest build: 3 inputs' });
    const files = [{ path: 'a', kind: 'only-old' }, { path: 'b', kind: 'content', at: 7 }, { path: 'c', kind: 'only-new' }, { path: 'd', kind: 'kind' }];
    const different = stageLine('-j 2 incremental', { files: 9, differences: files }, ['stderr']);
    expect(different).toEqual({ same: false, line: '-j 2 incremental       DIFFERENT: 4 of 9 files differ: a only in OLD; b differs from byte 7; c only in NEW; …; stderr differs' });
    expect(stageLine('refs x.jsonl', null, ['status', 'stdout']).line).toBe('refs x.jsonl           DIFFERENT: status, stdout differ');
    expect(verdict([{ label: 'a', ...same }, { label: 'refs', same: true, line: '' }])).toEqual({ same: true, line: 'ALL-SAME' });
    expect(verdict([{ label: 'a', ...same }, { label: '-j 2 incremental', ...different }]).line).toBe('DIFFERENT: -j 2 incremental');
    expect(verdict([]).same).toBe(true);
  });

  it("chunks a labelled set's raw strings as {raw} lines, and plans the edits by the corpus's names", () => {
    const set = `${[1, 2, 3, 4, 5].map((i) => JSON.stringify({ raw: `ref ${i}`, label: { x: i } })).join('\n')}\n\n`;
    expect(rawChunks(set, 2)).toEqual(['{"raw":"ref 1"}\n{"raw":"ref 2"}\n', '{"raw":"ref 3"}\n{"raw":"ref 4"}\n', '{"raw":"ref 5"}\n']);
    const names = Array.from({ length: 50 }, (_, i) => `n${String(i).padStart(2, '0')}`);
    expect(editPlan(names)).toEqual({
      replace: [20, 21, 22, 23, 24].map((i) => ({ name: `n${i}`, article: i + 9000 })),
      remove: ['n40', 'n41', 'n42', 'n43', 'n44'],
      add: [50, 51, 52, 53, 54],
    });
    expect(() => editPlan(names.slice(0, 44))).toThrow(/at least 45/);
  });

  it('runs both checkouts through cold, incremental and unchanged builds and the references: ALL-SAME, or the stages that differ and exit 1', () => {
    const shared = tree('shared', { 'references/set.jsonl': `${JSON.stringify({ raw: 'A. B. Title. J. 2020;1:2.' })}\n${JSON.stringify({ raw: 'C. D.' })}\n` });
    const old = checkout('old', null);
    const equal = sameOutput(old, checkout('equal', null), shared, join(scratch, 'work-equal'));
    expect(equal.stderr).toBe('');
    expect(equal.status).toBe(0);
    expect(equal.lines.slice(2)).toEqual([
      '-j 1 cold              same (45 files, stdout, stderr and exit status): fake build: 45 inputs',
      '-j 1 incremental       same (45 files, stdout, stderr and exit status): fake build: 45 inputs',
      '-j 1 unchanged         same (45 files, stdout, stderr and exit status): fake build: 45 inputs',
      'refs: 1 inputs         same (stdout, stderr and exit status)',
      'ALL-SAME',
    ]);
    // New articles (numbers 45–49) are added only for the incremental build: that side's extra record shows from there on.
    const unequal = sameOutput(old, checkout('unequal', 45), shared, join(scratch, 'work-unequal'));
    expect(unequal.status).toBe(1);
    expect(unequal.lines.slice(2, 6)).toEqual([
      '-j 1 cold              same (45 files, stdout, stderr and exit status): fake build: 45 inputs',
      '-j 1 incremental       DIFFERENT: 1 of 45 files differ: records/extra only in NEW',
      '-j 1 unchanged         DIFFERENT: 1 of 45 files differ: records/extra only in NEW',
      'refs: 1 inputs         same (stdout, stderr and exit status)',
    ]);
    expect(unequal.lines.slice(6)).toEqual(['DIFFERENT: -j 1 incremental, -j 1 unchanged', `kept ${join(scratch, 'work-unequal')}`]);
  }, 240_000);
});
