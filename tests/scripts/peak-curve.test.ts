import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { repo } from '../helpers.js';
// @ts-expect-error: a plain ES module script, no types
import { betweenSizes, flatInNSizes, pooledTrend, secondHalfSlope, secondHalfTrend, statusMemory } from '../../scripts/peak-curve.mjs';

interface Sample {
  settled: number | null;
  rssKb: number;
  hwmKb: number;
  anonKb: number;
  fileKb: number;
}

/** A sample whose resident memory is `rssKb`, split 3:1 anonymous to file-backed, with the high-water mark given. */
const at = (settled: number | null, rssKb: number, hwmKb = rssKb): Sample => ({ settled, rssKb, hwmKb, anonKb: rssKb - 1000, fileKb: 1000 });

describe("scripts/peak-curve.mjs: the running peak of a build's memory (the bench's flat-in-N rows)", () => {
  it('reads the memory fields of /proc/<pid>/status, and nothing once the process is gone', () => {
    const status = 'Name:\tnode\nVmPeak:\t 1200000 kB\nVmHWM:\t  201000 kB\nVmRSS:\t  190500 kB\nRssAnon:\t  140000 kB\nRssFile:\t   50500 kB\nRssShmem:\t       0 kB\nThreads:\t13\n';
    expect(statusMemory(status)).toEqual({ rssKb: 190500, hwmKb: 201000, anonKb: 140000, fileKb: 50500 });
    // A zombie's status lists no memory.
    expect(statusMemory('Name:\tnode\nState:\tZ (zombie)\nThreads:\t1\n')).toBeNull();
  });

  it('takes the high-water mark at the half and at the end of the inputs: the warm-up before the half is left out', () => {
    const samples = [
      at(null, 50_000), // before the staging folder exists
      at(0, 120_000),
      at(100, 180_000), // warm-up: 60 MB in the first 100 inputs
      at(250, 181_000),
      at(500, 182_000), // the half
      at(700, 183_000, 185_000), // a peak between two polls: VmHWM has it, the sample does not
      at(1000, 184_000, 186_000), // the end of the workers' phase
      at(null, 230_000, 230_000), // the finish (staging renamed away): not counted
    ];
    const k = secondHalfSlope(samples, 1000);
    expect(k.half).toEqual({ settled: 500, hwmKb: 182_000, anonKb: 181_000, fileKb: 1000 });
    expect(k.end).toEqual({ settled: 1000, hwmKb: 186_000, anonKb: 183_000, fileKb: 1000 });
    expect(k.kbPerInput).toBeCloseTo(4000 / 500);
    // Which class grew: from the highest sample by each point.
    expect(k.anonKbPerInput).toBeCloseTo(2000 / 500);
    expect(k.fileKbPerInput).toBe(0);
  });

  it('ends at the last counted sample when the poll missed the last record (the folder renamed first)', () => {
    const samples = [at(0, 100_000), at(600, 150_000), at(950, 152_000), at(null, 160_000)];
    const k = secondHalfSlope(samples, 1000);
    expect(k.half.settled).toBe(600);
    expect(k.end.settled).toBe(950);
    expect(k.kbPerInput).toBeCloseTo(2000 / 350);
  });

  it('gives nothing for a build the poll saw too little of', () => {
    expect(secondHalfSlope([], 100)).toBeNull();
    expect(secondHalfSlope([at(null, 100_000), at(10, 110_000)], 100)).toBeNull();
    // Half and end in the same sample: no inputs between.
    expect(secondHalfSlope([at(0, 100_000), at(100, 110_000)], 100)).toBeNull();
  });

  it('a flat second half is 0 KB an input, a falling resident set does not lower the high-water mark', () => {
    const samples = [at(0, 100_000), at(50, 150_000), at(80, 140_000, 150_000), at(100, 145_000, 150_000)];
    const k = secondHalfSlope(samples, 100);
    expect(k.kbPerInput).toBe(0);
    expect(k.anonKbPerInput).toBe(0);
  });

  /**
   * A build's resident set polled at each input settled from 0 to `total` (the finish's sample
   * after, its workers gone): `base` plus `creepKb` an input, a worker's sawtooth (its old space
   * filling by 8 MB over every 40 inputs, emptied by a collection) and, at inputs a seeded
   * generator picks, one in 25, a compile's zone present for that sample only: most a few MB,
   * now and then more (an exponential size, 2 MB on average).
   */
  function polledBuild(total: number, creepKb: number, seed: number): Sample[] {
    let state = seed;
    const random = () => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state / 2 ** 32;
    };
    const samples: Sample[] = [];
    let hwm = 0;
    for (let i = 0; i < total; i++) {
      const zone = random() < 0.04 ? -2000 * Math.log(1 - random()) : 0;
      const rss = 150_000 + creepKb * i + ((i % 40) / 40) * 8000 + zone;
      hwm = Math.max(hwm, rss);
      samples.push(at(i, rss, hwm));
    }
    samples.push(at(total, 90_000, hwm));
    return samples;
  }

  it("a second half with no trend reads above zero by its high-water marks, and zero by its spans' peaks and floors", () => {
    // The high-water mark is a record: where nothing grows, a later coincidence of sawtooth and zone still raises it.
    const rises = [1, 2, 3, 4, 5, 6].map((seed) => ({ hwm: secondHalfSlope(polledBuild(4000, 0, seed), 4000).kbPerInput, trend: secondHalfTrend(polledBuild(4000, 0, seed), 4000) }));
    // Each half's record is as likely the higher: the end's raises the figure in about half the builds, and never lowers it.
    expect(rises.filter((r) => r.hwm > 0).length).toBeGreaterThanOrEqual(2);
    expect(Math.min(...rises.map((r) => r.hwm))).toBeGreaterThanOrEqual(0);
    expect(rises.reduce((sum, r) => sum + r.hwm, 0) / rises.length).toBeGreaterThan(0.3);
    for (const { trend } of rises) {
      // The spans' peaks scatter (a zone lands in one span and not the next), and their error says by how much.
      expect(Math.abs(trend.peaksKbPerInput)).toBeLessThanOrEqual(2.5 * trend.peaksErrorKb);
      expect(Math.abs(trend.floorsKbPerInput)).toBeLessThan(0.1);
      expect(trend.spans).toHaveLength(8);
      expect(trend.from).toBe(2000);
      expect(trend.to).toBe(4000); // the finish's sample (its workers gone: 90 MB) is no span's
    }
  });

  it("a creep of 2 KB an input reads 2 KB by the spans' peaks and floors", () => {
    const trend = secondHalfTrend(polledBuild(4000, 2, 7), 4000);
    expect(Math.abs(trend.peaksKbPerInput - 2)).toBeLessThanOrEqual(2.5 * trend.peaksErrorKb);
    expect(trend.floorsKbPerInput).toBeCloseTo(2, 1);
    expect(trend.floorsErrorKb).toBeLessThan(0.1);
    // Each span's highest and lowest sample, at its middle input.
    expect(trend.spans[0]).toEqual({ input: 2125, highKb: expect.any(Number), lowKb: 150_000 + 2 * 2000 });
  });

  it("gives no trend for a build the poll saw in fewer than three spans of its second half", () => {
    expect(secondHalfTrend([], 100)).toBeNull();
    expect(secondHalfTrend([at(0, 100_000), at(60, 110_000), at(100, 110_000)], 100)).toBeNull();
    const k = secondHalfTrend([at(0, 100_000), at(50, 110_000), at(70, 112_000), at(90, 114_000), at(100, 90_000)], 100, 5);
    expect(k.spans.map((s: { input: number }) => s.input)).toEqual([55, 75, 95]);
    expect(k.peaksKbPerInput).toBeCloseTo(100); // 2 MB over 20 inputs
    expect(k.peaksErrorKb).toBeCloseTo(0);
  });

  it('between sizes: the rise of the means over the step, the larger spread of a size over the same step, and the rise\'s error from the runs repeated', () => {
    const s = betweenSizes([180, 184], 1000, [196], 4000);
    expect(s.kbPerInput).toBeCloseTo(((196 - 182) * 1024) / 3000);
    expect(s.noiseKbPerInput).toBeCloseTo((4 * 1024) / 3000);
    // One degree of freedom (the 1,000s' pair): variance 8 MB², the difference's error √(8 × (1/2 + 1)) MB.
    expect(s.errorKbPerInput).toBeCloseTo((Math.sqrt(8 * 1.5) * 1024) / 3000);
    // Two runs a size: the runs' scatter pooled over both sizes, 2 degrees of freedom.
    const twice = betweenSizes([188, 192], 4000, [189, 191], 8000);
    expect(twice.kbPerInput).toBe(0);
    expect(twice.errorKbPerInput).toBeCloseTo((Math.sqrt(((4 + 4 + 1 + 1) / 2) * (1 / 2 + 1 / 2)) * 1024) / 4000);
    expect(betweenSizes([180], 1000, [180], 4000)).toEqual({ kbPerInput: 0, noiseKbPerInput: 0, errorKbPerInput: null });
  });

  /**
   * Peak RSS of a whole build of `n` inputs as change 208 measured them: a warm-up to a plateau
   * (179.5 MB at 1,000, 189–193 at 4,000, 188.6 at 8,000), nothing grown past it, and each run
   * off by a seeded ±3 MB (where a build's highest coincidence of peaks lands).
   */
  function warmedUpPeaks(n: number, runs: number, seed: number): number[] {
    let state = seed;
    const random = () => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state / 2 ** 32;
    };
    return Array.from({ length: runs }, () => 190 - 40 * Math.exp(-n / 700) + 6 * (random() - 0.5));
  }

  it("reads no growth between the bench's sizes from a build that stops growing once warmed up, where N to 4N read its warm-up", () => {
    const { from, to } = flatInNSizes(1000);
    expect([from, to]).toEqual([4000, 8000]);
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const between = betweenSizes(warmedUpPeaks(from, 2, seed), from, warmedUpPeaks(to, 2, seed + 100), to);
      // Nothing grows past warm-up: the rise is within two of its errors of zero, and the goal's 1 KB not disproved.
      expect(Math.abs(between.kbPerInput)).toBeLessThanOrEqual(2 * between.errorKbPerInput + 0.05);
      expect(between.kbPerInput - 2 * between.errorKbPerInput).toBeLessThanOrEqual(1);
      // The step the row took before: 1,000 → 4,000 reads the warm-up, ~3 KB an input, beyond its noise.
      const old = betweenSizes(warmedUpPeaks(1000, 2, seed), 1000, warmedUpPeaks(4000, 1, seed + 100), 4000);
      expect(old.kbPerInput).toBeGreaterThan(1.5);
    }
  });

  it("pools the largest builds' second halves: the mean of their slopes, with the error of a mean", () => {
    const one = { peaksKbPerInput: 1, peaksErrorKb: 0.6, floorsKbPerInput: 0.5, floorsErrorKb: 0.3 };
    const two = { peaksKbPerInput: 0, peaksErrorKb: 0.8, floorsKbPerInput: -0.5, floorsErrorKb: 0.4 };
    const pooled = pooledTrend([one, null, two]);
    expect(pooled.builds).toBe(2);
    expect(pooled.peaksKbPerInput).toBeCloseTo(0.5);
    expect(pooled.peaksErrorKb).toBeCloseTo(0.5); // √(0.36 + 0.64) ÷ 2
    expect(pooled.floorsKbPerInput).toBeCloseTo(0);
    expect(pooled.floorsErrorKb).toBeCloseTo(0.25);
    expect(pooledTrend([null, null])).toBeNull();
  });

  // The shape only, on a corpus of 8: the builds the two rows take, 32, 64, 32, 64, alone.
  it('bench.mjs --only sizes runs the builds of the rows "between sizes" and "inside one build" alone and prints them', () => {
    const r = spawnSync(process.execPath, [repo('scripts/bench.mjs'), '--only', 'sizes', '--articles', '8'], { cwd: repo('.'), encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    const peaks = /^peak RSS at 32 \/ 64 articles \(two workers, cold; 2 each, alternated\): (\d+\.\d), (\d+\.\d) \/ (\d+\.\d), (\d+\.\d) MB; CPU [\d.]+ s, [\d.]+ s \/ [\d.]+ s, [\d.]+ s$/.exec(lines[0]!);
    expect(peaks, lines[0]).not.toBeNull();
    // The row is the peaks' own: the rise of the means over the 32 inputs between, with its error.
    const [a1, a2, b1, b2] = [peaks![1], peaks![2], peaks![3], peaks![4]].map(Number) as [number, number, number, number];
    const row = /^peak RSS an input more, between sizes: from 32 to 64: (-?\d+\.\d\d) KB ± (\d+\.\d\d) \(the 32-article builds' peaks and the 64-article builds' differ by ±(\d+\.\d\d) KB an input over the step\)$/.exec(lines[1]!);
    expect(row, lines[1]).not.toBeNull();
    // Printed to 0.1 MB: the slope is known to within what that rounding allows over 32 inputs.
    expect(Math.abs(Number(row![1]) - (((b1 + b2) / 2 - (a1 + a2) / 2) * 1024) / 32)).toBeLessThanOrEqual((0.1 * 1024) / 32 + 0.005);
    expect(lines[2]).toMatch(/^the running peak over a build's second half, an input more: 64 articles, pooled: (?:not measured|peaks -?[\d.]+ ± [\d.]+ KB, floors -?[\d.]+ ± [\d.]+ KB); each: .+; 32 articles: .+$/);
  }, 240_000);
});
