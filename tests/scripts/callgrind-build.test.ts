import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script, no types
import { callgrindTotal, compareCounts, countsSummary } from '../../scripts/callgrind-build.mjs';

describe("scripts/callgrind-build.mjs: a build's instructions, before against after (issue 17: pipeline CPU)", () => {
  it("reads the total of a callgrind output file from its summary line, or its totals line", () => {
    const file = '# callgrind format\nversion: 1\ncreator: callgrind-3.22.0\npid: 9807\ncmd:  node --predictable bin/digest.js build\npart: 1\n\npositions: line\nevents: Ir\nsummary: 12772701322\n\nfl=(1) ???\nfn=(1) 0x000000000001f540\n0 3\ntotals: 12772701322\n';
    expect(callgrindTotal(file)).toBe(12772701322);
    expect(callgrindTotal('events: Ir\ntotals: 42\n')).toBe(42);
    expect(() => callgrindTotal('events: Ir\n0 3\n')).toThrow(/no summary or totals/);
  });

  it('summarises counts: the median of an odd and an even number, the spread over the median', () => {
    expect(countsSummary([103, 100, 101])).toEqual({ median: 101, least: 100, most: 103, spread: 3 / 101 });
    expect(countsSummary([100, 104, 102, 101])).toEqual({ median: 101.5, least: 100, most: 104, spread: 4 / 101.5 });
    expect(countsSummary([7])).toEqual({ median: 7, least: 7, most: 7, spread: 0 });
    expect(() => countsSummary([])).toThrow();
  });

  it('resolves a change only beyond both spreads and the same way in every pair', () => {
    // −1 % against spreads of 0.01 %: resolved, lower in 3 of 3.
    const steady = compareCounts([10_000, 10_001, 10_000], [9_900, 9_901, 9_900]);
    expect(steady.change).toBeCloseTo(-0.01, 10);
    expect(steady).toMatchObject({ pairs: 3, lower: 3, resolved: true });
    // The same medians with a side that moves 2 %: not resolved.
    expect(compareCounts([10_000, 10_200, 10_000], [9_900, 9_901, 9_900]).resolved).toBe(false);
    // One pair the other way: not resolved, lower in 3 of 4.
    expect(compareCounts([10_000, 10_000, 10_000, 9_890], [9_900, 9_900, 9_900, 9_900])).toMatchObject({ lower: 3, pairs: 4, resolved: false });
    // One run a side: no spread to go beyond, never resolved.
    expect(compareCounts([100], [90])).toMatchObject({ pairs: 1, lower: 1, resolved: false });
    // Higher in every pair: resolved, upward.
    const higher = compareCounts([100, 100, 100], [102, 102, 102]);
    expect(higher).toMatchObject({ lower: 0, resolved: true });
    expect(higher.change).toBeCloseTo(0.02, 10);
  });
});
