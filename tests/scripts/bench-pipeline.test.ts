import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { repo } from '../helpers.js';

// The bench's rows "pipeline alone" and linearity are measured in a process of their own
// (scripts/bench-pipeline.mjs): taken in the bench's own process after its builds, the first read
// 12.4–13.0 ms an article where a process of its own read 9.9–11.0 (BENCHMARKS.md). `--only
// pipeline` runs them alone on a corpus of the run's size; here a small one, for the shape only.
describe('scripts/bench.mjs --only pipeline: the pipeline alone and linearity, in a process of their own', () => {
  it('prints both rows, measured by scripts/bench-pipeline.mjs on the corpus the run made', () => {
    const r = spawnSync(process.execPath, [repo('scripts/bench.mjs'), '--only', 'pipeline', '--articles', '6'], { cwd: repo('.'), encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const [alone, linearity, ...rest] = r.stdout.trim().split('\n');
    expect(rest).toEqual([]);
    const row = /^pipeline alone, in a process of its own, warm \((\d+) articles\): (\d+\.\d) ms CPU an article; p50 (\d+\.\d) ms, p95 (\d+\.\d) ms wall$/.exec(alone!);
    expect(row, alone).not.toBeNull();
    expect(Number(row![1]), 'every article of a corpus under 400').toBe(6);
    expect(Number(row![2])).toBeGreaterThan(0);
    expect(Number(row![3])).toBeLessThanOrEqual(Number(row![4]));
    // The long article is ~9× the short one (scripts/corpus.mjs); its cost some multiple of the short one's.
    const lin = /^linearity: an article (\d+\.\d)× longer costs (\d+\.\d\d)× \((.+), mean of 11 runs over mean of 66\)$/.exec(linearity!);
    expect(lin, linearity).not.toBeNull();
    expect(Number(lin![1])).toBeGreaterThan(5);
    expect(Number(lin![2])).toBeGreaterThan(1);
    expect(lin![3]).toMatch(/CPU/);
  }, 120_000);

  it('answers as JSON for a corpus folder and a pipeline, the first N files by name', async () => {
    const corpus = (await import(pathToFileURL(repo('scripts/corpus.mjs')).href)) as { makeCorpus: (dir: string, n: number, seed: number) => unknown; corpusPipeline: (file: string, corpus: string, out: string) => void };
    const dir = mkdtempSync(join(tmpdir(), 'digest-bench-pipeline-'));
    corpus.makeCorpus(join(dir, 'corpus'), 5, 3);
    corpus.corpusPipeline(join(dir, 'pipeline.json'), join(dir, 'corpus'), join(dir, 'out'));
    try {
      const r = spawnSync(process.execPath, [repo('scripts/bench-pipeline.mjs'), '--pipeline', join(dir, 'pipeline.json'), '--corpus', join(dir, 'corpus'), '--articles', '3', '--seed', '3'], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      const json = JSON.parse(r.stdout) as { articles: number; warmCpuMs: number; p50: number; p95: number; linearity: { bytes: number; ratio: number; what: string } };
      expect(json.articles).toBe(3);
      expect(json.warmCpuMs).toBeGreaterThan(0);
      expect(json.p50).toBeLessThanOrEqual(json.p95);
      expect(json.linearity.bytes).toBeGreaterThan(5);
      expect(json.linearity.ratio).toBeGreaterThan(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
