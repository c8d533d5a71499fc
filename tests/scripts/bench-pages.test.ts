import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repo } from '../helpers.js';

// `npm run bench`'s rows of `digest text` CPU a page (scripts/bench-pages.mjs). Readability's pages
// are shared data beside the checkout: where they are not, the row says so. Before, it was left
// out, and a bench run from a worktree elsewhere wrote a table with one row fewer and no word why.
describe("scripts/bench-pages.mjs: `digest text`'s CPU a page, each page set measured or said absent", () => {
  const dir = mkdtempSync(join(tmpdir(), 'digest-bench-pages-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (shared: string) => {
    const r = spawnSync(process.execPath, [repo('scripts/bench-pages.mjs'), repo('pipelines/digest.json')], { cwd: repo('.'), encoding: 'utf8', env: { ...process.env, DIGEST_SHARED_DATA: shared } });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    return JSON.parse(r.stdout) as { label: string; pages?: number; textMs?: number; absent?: string }[];
  };

  it('names the shared pages it did not find, after the sets it measured', () => {
    const rows = run(join(dir, 'none'));
    expect(rows.map((row) => row.label)).toEqual(['Chinese pages (fixtures/extraction/zh)', "Readability's 40 test pages (shared data)"]);
    expect(rows[0]!.textMs).toBeGreaterThan(0);
    expect(rows[1]).toEqual({ label: "Readability's 40 test pages (shared data)", absent: relative(repo('.'), join(dir, 'none', 'extraction', 'readability-pages.jsonl')) });
  }, 120_000);

  it('measures the shared pages where they are', () => {
    const shared = join(dir, 'shared');
    mkdirSync(join(shared, 'extraction'), { recursive: true });
    const page = (id: string, words: string) => JSON.stringify({ id, html: `<html><body><nav>Home</nav><article><h1>${words}</h1><p>${words.repeat(20)}</p></article></body></html>` });
    writeFileSync(join(shared, 'extraction', 'readability-pages.jsonl'), `${page('one', 'Stem cells in trials. ')}\n${page('two', 'Grafts in mice. ')}\n`);
    const rows = run(shared);
    expect(rows.map((row) => row.label)).toEqual(['Chinese pages (fixtures/extraction/zh)', "Readability's 40 test pages (shared data)"]);
    expect(rows[1]!.pages).toBe(2);
    expect(rows[1]!.textMs).toBeGreaterThan(0);
    expect(rows[1]!.absent).toBeUndefined();
  }, 120_000);
});
