import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { repo } from '../helpers.js';
// @ts-expect-error: a plain ES module script, no types
import { pairFigures, pairsSummary, threadShares } from '../../scripts/two-workers.mjs';

const linux = process.platform === 'linux';
const usage = fileURLToPath(new URL('../../scripts/bench-usage.cjs', import.meta.url));

describe("scripts/two-workers.mjs: the bench's two workers against one (issue 17)", () => {
  it("gives a pair's speed-up, its bound and the speed-up over the bound", () => {
    const f = pairFigures({ wallMs: 13_000, cpuMs: 15_600 }, { wallMs: 10_000, cpuMs: 18_000 });
    expect(f.speedUp).toBeCloseTo(1.3, 10);
    expect(f.oneThreadCores).toBeCloseTo(1.2, 10);
    expect(f.bound).toBeCloseTo(2 / 1.2, 10);
    expect(f.efficiency).toBeCloseTo(0.78, 10);
    expect(f.efficiency).toBeCloseTo(f.speedUp / f.bound, 10);
    expect(f.cpuRatio).toBeCloseTo(18_000 / 15_600, 10);
    expect(f.twoWorkerCores).toBeCloseTo(1.8, 10);
  });

  it("leaves out the one-thread build's wall: a load that stretched it moves the speed-up, not the efficiency", () => {
    const two = { wallMs: 8_000, cpuMs: 17_000 };
    const quiet = pairFigures({ wallMs: 13_000, cpuMs: 16_000 }, two);
    const loaded = pairFigures({ wallMs: 16_000, cpuMs: 16_000 }, two);
    expect(loaded.speedUp / quiet.speedUp).toBeCloseTo(16 / 13, 10);
    expect(loaded.efficiency).toBe(quiet.efficiency);
    // …and the two-worker build's wall moves it as it moves the speed-up.
    expect(pairFigures({ wallMs: 13_000, cpuMs: 16_000 }, { ...two, wallMs: 8_800 }).efficiency).toBeCloseTo(quiet.efficiency / 1.1, 10);
  });

  it('counts the cores given', () => {
    expect(pairFigures({ wallMs: 10, cpuMs: 10 }, { wallMs: 5, cpuMs: 10 }, 4).bound).toBe(4);
    expect(pairFigures({ wallMs: 10, cpuMs: 10 }, { wallMs: 5, cpuMs: 10 }, 4).efficiency).toBe(0.5);
  });

  it('refuses a build without a wall or CPU time', () => {
    expect(() => pairFigures({ wallMs: 0, cpuMs: 1 }, { wallMs: 1, cpuMs: 1 })).toThrow(/one needs/);
    expect(() => pairFigures({ wallMs: 1, cpuMs: 1 }, { wallMs: 1, cpuMs: Number.NaN })).toThrow(/two needs/);
    expect(() => pairsSummary([])).toThrow(/at least one/);
  });

  it('summarises pairs by median, least, most and spread (odd and even counts)', () => {
    const pair = (oneWall: number, twoWall: number) => ({ one: { wallMs: oneWall, cpuMs: 12_000 }, two: { wallMs: twoWall, cpuMs: 13_000 } });
    const three = pairsSummary([pair(10_000, 8_000), pair(10_000, 6_000), pair(10_000, 7_500)]);
    expect(three.pairs).toHaveLength(3);
    expect(three.efficiency.median).toBeCloseTo(12_000 / 15_000, 10);
    expect(three.efficiency.least).toBeCloseTo(12_000 / 16_000, 10);
    expect(three.efficiency.most).toBeCloseTo(1, 10);
    expect(three.efficiency.spread).toBeCloseTo((1 - 0.75) / 0.8, 10);
    expect(three.speedUp.median).toBeCloseTo(10 / 7.5, 10);
    const two = pairsSummary([pair(10_000, 8_000), pair(10_000, 6_000)]);
    expect(two.efficiency.median).toBeCloseTo((0.75 + 1) / 2, 10);
    expect(two.cpuRatio.spread).toBe(0);
  });

  it("splits a build's CPU by thread, the workers as what the rest leaves; null when a part is missing", () => {
    expect(threadShares({ cpuMs: 10_000, mainCpuMs: 1_500, launcherCpuMs: 300, helpersCpuMs: 2_000 })).toEqual({ command: 1_500, launcher: 300, helpers: 2_000, workers: 6_200 });
    expect(threadShares({ cpuMs: 3_000, mainCpuMs: 2_500, launcherCpuMs: 300, helpersCpuMs: 210 }).workers).toBe(0);
    expect(threadShares({ cpuMs: 10_000, mainCpuMs: 1_500, launcherCpuMs: null, helpersCpuMs: 2_000 })).toBeNull();
    expect(threadShares({ cpuMs: 10_000, mainCpuMs: 1_500, launcherCpuMs: 300 })).toBeNull();
  });

  it.runIf(linux)("scripts/bench-usage.cjs reports the command thread's CPU apart from the first thread's and the helpers' still there at exit", () => {
    const dir = mkdtempSync(join(tmpdir(), 'two-workers-'));
    try {
      const report = join(dir, 'usage.json');
      // A command thread as bin/thread.js runs one (workerData.argv) spinning ~300 ms of its own CPU.
      const script = `
        const { Worker } = require('node:worker_threads');
        new Worker("let x = 0; const t = () => Number(require('node:fs').readFileSync('/proc/thread-self/schedstat', 'latin1').split(' ')[0]) / 1e6; const c = t(); while (t() - c < 300) x++;", { eval: true, workerData: { argv: ['build'] } });`;
      const r = spawnSync(process.execPath, ['-r', usage, '-e', script], { env: { ...process.env, DIGEST_BENCH_USAGE: report }, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      const u = JSON.parse(readFileSync(report, 'utf8')) as { cpuMs: number; mainCpuMs: number; launcherCpuMs: number; helpersCpuMs: number };
      expect(u.mainCpuMs).toBeGreaterThanOrEqual(290);
      expect(u.launcherCpuMs).toBeGreaterThan(0);
      expect(u.helpersCpuMs).toBeGreaterThanOrEqual(0);
      // The command thread had ended: its CPU is not among the helpers'.
      expect(u.helpersCpuMs + u.launcherCpuMs).toBeLessThan(u.cpuMs - 250);
      const shares = threadShares(u);
      expect(shares.command).toBe(u.mainCpuMs);
      // With no command thread the first thread ran the command: no launcher apart.
      const alone = spawnSync(process.execPath, ['-r', usage, '-e', '0'], { env: { ...process.env, DIGEST_BENCH_USAGE: report }, encoding: 'utf8' });
      expect(alone.status, alone.stderr).toBe(0);
      expect(JSON.parse(readFileSync(report, 'utf8'))).toMatchObject({ launcherCpuMs: 0 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // The shape only, on a corpus of 16 (two inputs a worker at least: the pool starts at 8 a thread).
  it.runIf(linux)('bench.mjs --only workers runs the pairs alone and prints each with its threads, then the medians', () => {
    const r = spawnSync(process.execPath, [repo('scripts/bench.mjs'), '--only', 'workers', '--articles', '16', '--runs', '1'], { cwd: repo('.'), encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const [pair, medians, ...rest] = r.stdout.trim().split('\n');
    expect(rest).toEqual([]);
    const row = /^pair 1: one thread (\d+\.\d\d) s wall, (\d+\.\d\d) s CPU \((?:workers [\d.]+ s, )?build thread [\d.]+ s, V8's helpers [\d.]+ s, first thread [\d.]+ s\); two workers (\d+\.\d\d) s wall, (\d+\.\d\d) s CPU \(workers [\d.]+ s, build thread [\d.]+ s, V8's helpers [\d.]+ s, first thread [\d.]+ s\); (\d+\.\d\d)× faster, bound (\d+\.\d\d), efficiency (\d\.\d{3}), CPU (\d+\.\d{3})×$/.exec(pair!);
    // A one-thread build names its workers' CPU only when it is over 5 % of the build's (bench.mjs
    // `fmtShares`): on a loaded machine the part it spends there can reach that.
    expect(row, pair).not.toBeNull();
    const [oneWall, oneCpu, twoWall] = [row![1], row![2], row![3]].map(Number) as [number, number, number];
    // The printed figures are the pair's own: the efficiency is the one-thread CPU over twice the
    // two-worker wall. The times are printed to 0.01 s, so a ratio of them is known only to within
    // what that rounding allows (a build of 16 lasts about a second: a fixed tolerance would fail
    // on some runs and not others).
    const within = (printed: number, a: number, b: number, ratio: number, digits: number) =>
      expect(Math.abs(printed - ratio), `${printed} against ${ratio}`).toBeLessThanOrEqual(ratio * (0.005 / a + 0.005 / b) * 1.01 + 0.5 * 10 ** -digits);
    within(Number(row![7]), oneCpu, twoWall, oneCpu / (2 * twoWall), 3);
    within(Number(row![5]), oneWall, twoWall, oneWall / twoWall, 2);
    expect(medians).toMatch(/^1 pairs, 16 articles, medians: speed-up [\d.]+ \([\d.]+–[\d.]+, spread 0\.0 %\); bound [\d.]+ .*; efficiency [\d.]+ .*; CPU two over one [\d.]+ /);
  }, 240_000);
});
