// The running peak of one build's RSS against the inputs it has settled, for `npm run bench`
// (issue 17: flat in N). Peak RSS at two sizes mixes a cost paid once per input before or beside
// the run (the level rises with N) with where one run's peak happens to land (±2–7 MB a run
// here); a creep through the run shows inside one build. The bench polls the build's
// /proc/<pid>/status every 0.25 s — VmHWM is the kernel's own high-water mark, so no peak between
// two polls is missed — and counts the records the build has written into its staging folder;
// these functions turn those samples into the slope of the running peak over the build's second
// half (KB an input), which leaves its warm-up out (BENCHMARKS.md, change 50: "How the bench could
// tell warm-up from growth"), and the slopes of that half's spans' peaks and floors, which a
// record's timing does not move (change 208). Pure functions: tests/scripts/peak-curve.test.ts.

/**
 * The memory fields of a /proc/<pid>/status text, in KB: VmRSS (resident now), VmHWM (the highest
 * resident so far), RssAnon and RssFile (what is resident now, anonymous — V8's pages and glibc's
 * arenas — and file-backed — the binary, libraries and mapped files). Null when a field is missing
 * (the process has exited: its status no longer lists them).
 */
export function statusMemory(text) {
  const field = (name) => {
    const m = new RegExp(`^${name}:\\s+(\\d+) kB$`, 'm').exec(text);
    return m ? Number(m[1]) : null;
  };
  const rssKb = field('VmRSS');
  const hwmKb = field('VmHWM');
  const anonKb = field('RssAnon');
  const fileKb = field('RssFile');
  if (rssKb === null || hwmKb === null || anonKb === null || fileKb === null) return null;
  return { rssKb, hwmKb, anonKb, fileKb };
}

/**
 * The running peak over a build's second half, from samples in time order, each
 * `{ settled, rssKb, hwmKb, anonKb, fileKb }` (`settled`: records written so far; null before the
 * staging folder exists). The half is the first sample with at least `total / 2` settled, the end
 * the first with all `total` (or, if the poll missed it, the last sample with a count: the staging
 * folder is renamed away when the build commits). `kbPerInput` is the rise of VmHWM between them ÷
 * the inputs settled between; `anonKbPerInput` and `fileKbPerInput` say which class grew, from the
 * sample with the most resident memory seen by each point (a sample, so they need not add up to
 * the high-water mark's rise). Null when the samples do not reach half the inputs and a later
 * point (a build too short for the poll).
 */
export function secondHalfSlope(samples, total) {
  const counted = samples.filter((s) => s.settled !== null);
  const halfAt = counted.findIndex((s) => s.settled >= total / 2);
  if (halfAt < 0) return null;
  let endAt = counted.findIndex((s) => s.settled >= total);
  if (endAt < 0) endAt = counted.length - 1;
  const half = counted[halfAt];
  const end = counted[endAt];
  if (end.settled <= half.settled) return null;
  // The sample with the most resident memory up to a point (in the samples' own order, counted or not).
  const highestBy = (point) => {
    let best = null;
    for (const s of samples) {
      if (best === null || s.rssKb > best.rssKb) best = s;
      if (s === point) break;
    }
    return best;
  };
  const a = highestBy(half);
  const b = highestBy(end);
  const inputs = end.settled - half.settled;
  return {
    half: { settled: half.settled, hwmKb: half.hwmKb, anonKb: a.anonKb, fileKb: a.fileKb },
    end: { settled: end.settled, hwmKb: end.hwmKb, anonKb: b.anonKb, fileKb: b.fileKb },
    kbPerInput: (end.hwmKb - half.hwmKb) / inputs,
    anonKbPerInput: (b.anonKb - a.anonKb) / inputs,
    fileKbPerInput: (b.fileKb - a.fileKb) / inputs,
  };
}

/**
 * What the resident set does over a build's second half, span by span: the inputs settled
 * between the half and the last record cut into `windows` spans of equal inputs, each span's
 * highest and lowest VmRSS sample, and the least-squares slope of each against the span's
 * middle input, KB an input, with its standard error (from the fit's residuals: how far the
 * spans scatter about the line). {@link secondHalfSlope}'s figure is a difference of two
 * high-water marks, a record that cannot fall: over a resident set with no trend at all — a
 * worker's old space between collections, a compile's zone freed after it, glibc's arenas as
 * their chunks are reused — the end's record is the half's or a later, higher coincidence of
 * such peaks, so that figure is zero or above, above zero on average, and its noise is not
 * known from one build (BENCHMARKS.md, changes 153 and 208). The peaks' slope reads a creep of
 * the peaks themselves, near zero where there is none, its error saying how near; the floors'
 * a creep of what stays resident between them. The last record's sample is the finish's (the
 * workers leaving) and no span's. Null with fewer than three spans sampled (a build too short
 * for the poll).
 */
export function secondHalfTrend(samples, total, windows = 8) {
  const counted = samples.filter((s) => s.settled !== null);
  const half = counted.find((s) => s.settled >= total / 2);
  if (half === undefined) return null;
  const last = counted.find((s) => s.settled >= total) ?? counted[counted.length - 1];
  const span = last.settled - half.settled;
  if (span <= 0) return null;
  const spans = Array.from({ length: windows }, () => null);
  for (const s of counted) {
    if (s.settled < half.settled || s.settled >= last.settled) continue;
    const w = Math.floor(((s.settled - half.settled) * windows) / span);
    const at = spans[w];
    if (at === null) spans[w] = { highKb: s.rssKb, lowKb: s.rssKb };
    else {
      if (s.rssKb > at.highKb) at.highKb = s.rssKb;
      if (s.rssKb < at.lowKb) at.lowKb = s.rssKb;
    }
  }
  const points = [];
  for (let w = 0; w < windows; w++) if (spans[w] !== null) points.push({ input: half.settled + ((w + 0.5) * span) / windows, ...spans[w] });
  if (points.length < 3) return null;
  const peaks = fitted(points.map((p) => p.input), points.map((p) => p.highKb));
  const floors = fitted(points.map((p) => p.input), points.map((p) => p.lowKb));
  return { from: half.settled, to: last.settled, spans: points, peaksKbPerInput: peaks.slope, peaksErrorKb: peaks.error, floorsKbPerInput: floors.slope, floorsErrorKb: floors.error };
}

/** The least-squares line of `y` against `x` (three points or more): its slope and the slope's standard error. */
function fitted(x, y) {
  const n = x.length;
  const mx = x.reduce((a, v) => a + v, 0) / n;
  const my = y.reduce((a, v) => a + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
  }
  const slope = sxy / sxx;
  let residuals = 0;
  for (let i = 0; i < n; i++) residuals += (y[i] - my - slope * (x[i] - mx)) ** 2;
  return { slope, error: Math.sqrt(residuals / (n - 2) / sxx) };
}

/**
 * The two sizes between which the bench reads peak RSS an input more, for a bench of `n` articles:
 * 4n and 8n, both past a build's warm-up at the bench's 1,000 (BENCHMARKS.md, change 208: a
 * 1,000-article build ends still warming up, and glibc's arenas fill until ~5,000 inputs; the
 * 8,000-article build peaked below both 4,000 ones). From n to 4n the row read warm-up.
 */
export function flatInNSizes(n) {
  return { from: 4 * n, to: 8 * n };
}

/**
 * Peak RSS between two sizes: the rise of the means ÷ the inputs between, what one size's runs
 * differ by over the same step (`noiseKbPerInput`), and the rise's standard error from the runs
 * repeated (`errorKbPerInput`: the runs' scatter about their size's mean, pooled over both sizes,
 * as the error of a difference of two means; null while neither size was run twice). `small` and
 * `large` are lists of MB (the bench's unit: KB ÷ 1,024). The bench takes both sizes past a
 * build's warm-up (4N and 8N: BENCHMARKS.md, change 208 found a build still warming up at its
 * 1,000th input and glibc's arenas filling to ~5,000), so that the rise reads growth.
 */
export function betweenSizes(small, nSmall, large, nLarge) {
  const mean = (list) => list.reduce((x, y) => x + y, 0) / list.length;
  const spread = (list) => Math.max(...list) - Math.min(...list);
  const squares = (list) => list.reduce((sum, x) => sum + (x - mean(list)) ** 2, 0);
  const step = nLarge - nSmall;
  const freedom = small.length + large.length - 2;
  const pooledVariance = freedom > 0 ? (squares(small) + squares(large)) / freedom : null;
  return {
    kbPerInput: ((mean(large) - mean(small)) * 1024) / step,
    noiseKbPerInput: (Math.max(spread(small), spread(large)) * 1024) / step,
    errorKbPerInput: pooledVariance === null ? null : (Math.sqrt(pooledVariance * (1 / small.length + 1 / large.length)) * 1024) / step,
  };
}

/**
 * Several builds' {@link secondHalfTrend}s of one size read as one: the mean of their peaks' and
 * floors' slopes, each with the error of a mean of independent fits (the root of the errors'
 * squares summed, ÷ the builds). The builds that gave no trend are left out; null when none did.
 */
export function pooledTrend(trends) {
  const given = trends.filter((t) => t !== null && t !== undefined);
  if (given.length === 0) return null;
  const meanOf = (key) => given.reduce((sum, t) => sum + t[key], 0) / given.length;
  const errorOf = (key) => Math.sqrt(given.reduce((sum, t) => sum + t[key] ** 2, 0)) / given.length;
  return { builds: given.length, peaksKbPerInput: meanOf('peaksKbPerInput'), peaksErrorKb: errorOf('peaksErrorKb'), floorsKbPerInput: meanOf('floorsKbPerInput'), floorsErrorKb: errorOf('floorsErrorKb') };
}
