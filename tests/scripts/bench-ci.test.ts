import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script, no types
import { buildRatios, ciFailures, ciLimits, leastOverLeast, median, startRoundOrder, startRoundsTable, steadyFloorMs } from '../../scripts/bench-ci.mjs';

type Runs = { articles: number; floors: number[][]; cold: number[]; unchanged: number[] };

/** A floor process's nine measured rounds (ms an article) at `ms`, one of them a round that ran a major collection. */
const floorRounds = (ms: number) => [ms, ms * 1.02, ms * 0.99, ms * 2.1, ms, ms * 1.01, ms * 0.98, ms * 1.03, ms];

/** Runs as `--ci` takes them on a quiet machine: six floors, five cold builds and five unchanged rebuilds of 120 articles. */
const quiet = (): Runs => ({
  articles: 120,
  floors: [0.2, 0.201, 0.199, 0.2, 0.202, 0.2].map(floorRounds),
  cold: [2_900, 2_950, 2_920, 2_980, 2_910],
  unchanged: [360, 370, 365, 380, 362],
});

describe('scripts/bench-ci.mjs: the ratios `npm run bench -- --ci` reads, and its limits (issue 17)', () => {
  it('takes the median of an odd or even count, and refuses none', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow(/at least one/);
  });

  it("reads a floor process as the median of its rounds: a round that collected, or lost its core, does not move it", () => {
    expect(steadyFloorMs(floorRounds(0.2))).toBeCloseTo(0.2, 10);
    expect(steadyFloorMs([0.2, 0.2, 0.2, 0.2, 0.9])).toBe(0.2);
  });

  it('divides the median cold build an article by the median floor, and reads unchanged / cold as the median of each rebuild over its cold build', () => {
    const r = buildRatios(quiet());
    expect(r.buildOverFloor).toBeCloseTo(2_920 / 120 / 0.2, 10);
    expect(r.unchangedOverCold).toBeCloseTo(median([360 / 2_900, 370 / 2_950, 365 / 2_920, 380 / 2_980, 362 / 2_910]), 10);
    expect(leastOverLeast(quiet())).toBeCloseTo(2_900 / 120 / 0.199, 10);
  });

  it('refuses runs without an unchanged rebuild after each cold build', () => {
    expect(() => buildRatios({ ...quiet(), unchanged: quiet().unchanged.slice(1) })).toThrow(/an unchanged rebuild after each cold build/);
  });

  it('is moved little by load that slowed some runs of either side', () => {
    const base = buildRatios(quiet());
    const loaded = quiet();
    loaded.cold[1] = 4_800; // a build that shared its core for most of its run (measured: 4,787 ms beside 2,916–3,120)
    loaded.floors[3] = floorRounds(0.26); // a floor under the same load
    loaded.unchanged[3] = 530;
    const r = buildRatios(loaded);
    expect(Math.abs(r.buildOverFloor / base.buildOverFloor - 1)).toBeLessThan(0.01);
    expect(Math.abs(r.unchangedOverCold / base.unchangedOverCold - 1)).toBeLessThan(0.01);
  });

  it('is not moved by a quiet stretch that fell to one side alone (CI read 150.2 where 120 was typical)', () => {
    // Runs as CI's third after changes 141–145 took them: every cold build 4.1–4.7 s, five floors at
    // 0.31 ms an article, one at 0.227 from a quiet stretch.
    const atLoad = (): Runs => ({ ...quiet(), floors: [0.31, 0.31, 0.31, 0.31, 0.31, 0.31].map(floorRounds), cold: [4_100, 4_400, 4_700, 4_300, 4_500], unchanged: [560, 580, 600, 570, 590] });
    const quietFloor = atLoad();
    quietFloor.floors[3] = floorRounds(0.227);
    expect(leastOverLeast(quietFloor) / leastOverLeast(atLoad())).toBeGreaterThan(1.3); // change 137's measure: 150.5 against 110.2
    expect(buildRatios(quietFloor)).toEqual(buildRatios(atLoad()));
    // A quiet stretch that fell to one build and its unchanged rebuild moves a median to its neighbour.
    const quietBuild = atLoad();
    quietBuild.cold[2] = 3_100;
    quietBuild.unchanged[2] = 330;
    expect(leastOverLeast(quietBuild) / leastOverLeast(atLoad())).toBeLessThan(0.8);
    const [moved, base] = [buildRatios(quietBuild), buildRatios(atLoad())];
    expect(Math.abs(moved.buildOverFloor / base.buildOverFloor - 1)).toBeLessThan(0.03);
    expect(Math.abs(moved.unchangedOverCold / base.unchangedOverCold - 1)).toBeLessThan(0.03);
  });

  it('passes the highest ratios measured under load, and fails a build a third dearer an article at the same load', () => {
    const measured = (r: Runs) => ({ ...buildRatios(r), linearity: 5.5, ingestOverVersion: 1.5, englishOverVersion: 1.6, versionOverNode: 1.55, keptKb: 17.3 });
    expect(ciFailures(measured(quiet()))).toEqual([]);
    // The highest build / floor a run under load measured (BENCHMARKS.md, "CI"), its runs as they were.
    const highest = { ...quiet(), cold: quiet().cold.map((ms) => (ms * ciLimits.buildOverFloor.highest) / buildRatios(quiet()).buildOverFloor) };
    expect(ciFailures(measured(highest))).toEqual([]);
    const slower = { ...highest, cold: highest.cold.map((ms) => ms * 1.34), unchanged: highest.unchanged.map((ms) => ms * 1.34) };
    expect(ciFailures(measured(slower))).toEqual([`${ciLimits.buildOverFloor.what}: ${buildRatios(slower).buildOverFloor.toFixed(3)} > ${ciLimits.buildOverFloor.limit}`]);
  });

  it('fails a build that holds its set-aside files\' and tables\' buffers at its end again (CI read 27.1 KB an input so, after change 184)', () => {
    expect(ciFailures({ keptKb: ciLimits.keptKb.highest })).toEqual([]);
    expect(ciFailures({ keptKb: 27.1 })).toEqual([`${ciLimits.keptKb.what}: 27.100 > ${ciLimits.keptKb.limit}`]);
  });

  it('fails a ratio that could not be measured, and refuses one it has no limit for', () => {
    expect(ciFailures({ linearity: Number.NaN })).toEqual([`${ciLimits.linearity.what}: NaN > ${ciLimits.linearity.limit}`]);
    expect(() => ciFailures({ speed: 1 })).toThrow(/no limit for speed/);
  });

  it('refuses runs with a side missing', () => {
    expect(() => buildRatios({ ...quiet(), cold: [] })).toThrow(/every kind/);
  });
});

describe("scripts/bench-ci.mjs: the start-up rows' rounds (the fresh-clone CI run after changes 212–216 failed on one command's every run)", () => {
  it('starts each round one command later, so that over as many rounds as commands each runs once in each place', () => {
    expect(startRoundOrder(0, 4)).toEqual([0, 1, 2, 3]);
    expect(startRoundOrder(1, 4)).toEqual([1, 2, 3, 0]);
    expect(startRoundOrder(9, 7)).toEqual([2, 3, 4, 5, 6, 0, 1]);
    const places = Array.from({ length: 7 }, () => new Set<number>());
    for (let round = 0; round < 7; round++) startRoundOrder(round, 7).forEach((command: number, place: number) => places[command]!.add(place));
    for (const seen of places) expect([...seen].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('prints each command a line and each round a column: CPU/system, faults (major ones marked), involuntary switches and place', () => {
    const run = (name: string, cpuMs: number, place: number, majorFaults = 0) => ({ name, place, cpuMs, systemCpuMs: 20.4, wallMs: cpuMs + 10, minorFaults: 4_900, majorFaults, involuntarySwitches: 3 });
    const lines = startRoundsTable([
      [run('--version', 146.7, 1), run('ingest as-2025', 301.1, 2, 12)],
      [run('--version', 150.2, 2), run('ingest as-2025', 212.9, 1)],
    ]) as string[];
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^start-up rounds\s+round 1\s+round 2 /);
    expect(lines[1]).toMatch(/^--version\s+147\/20 4900 3 #1\s+150\/20 4900 3 #2$/);
    expect(lines[2]).toMatch(/^ingest as-2025\s+301\/20 4900\+12M 3 #2\s+213\/20 4900 3 #1$/);
  });

  it('says what a run did not measure, and refuses rounds of other commands', () => {
    const run = { name: 'node -e 0', cpuMs: 90, systemCpuMs: null, wallMs: 95, minorFaults: null, majorFaults: null, involuntarySwitches: null };
    expect((startRoundsTable([[run]]) as string[])[1]).toMatch(/90\/\? \? \?$/);
    expect(startRoundsTable([])).toEqual([]);
    expect(() => startRoundsTable([[run], [{ ...run, name: '--version' }]])).toThrow(/the same commands/);
  });
});
