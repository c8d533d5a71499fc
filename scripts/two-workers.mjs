// Two workers against one, for `npm run bench` (issue 17: ≥ 1.8× on 2 cores). The bench's row is
// the ratio of two wall times, each stretched by whatever else the machine runs in its own
// seconds: two pairs read 1.23× and 1.36× in one run, and back-to-back runs 1.29× and 1.48×,
// more than the gap to the goal (BENCHMARKS.md, "Where each goal stands"). A pair's speed-up over
// its own bound — 2 ÷ the cores its one-thread build kept busy, the bound the bench prints — is
// the one-thread build's CPU over twice the two-worker build's wall: the one-thread build's wall
// drops out, and its CPU moves far less with the load than its wall does. Pure functions:
// tests/scripts/two-workers.test.ts.

/**
 * One pair's figures, from its one-thread build `one` and its two-worker build `two` (each
 * `{ wallMs, cpuMs }`, CPU of every thread), on a machine of `cores` cores: the speed-up (wall
 * over wall); the cores the one-thread build kept busy (CPU over wall) and the bound two cores
 * allow at equal CPU (`cores` over those); the efficiency, the speed-up over that bound (the
 * one-thread build's CPU over `cores` × the two-worker build's wall: 1 where the two-worker build
 * did the one-thread build's work in the least wall the cores allow); the CPU ratio (two over one)
 * and the cores the two-worker build kept busy.
 */
export function pairFigures(one, two, cores = 2) {
  for (const [name, b] of [['one', one], ['two', two]]) {
    if (!(b.wallMs > 0) || !(b.cpuMs > 0)) throw new Error(`pairFigures: ${name} needs a positive wallMs and cpuMs`);
  }
  const oneThreadCores = one.cpuMs / one.wallMs;
  return {
    speedUp: one.wallMs / two.wallMs,
    oneThreadCores,
    bound: cores / oneThreadCores,
    efficiency: one.cpuMs / (cores * two.wallMs),
    cpuRatio: two.cpuMs / one.cpuMs,
    twoWorkerCores: two.cpuMs / two.wallMs,
  };
}

/**
 * Each figure of {@link pairFigures} over several pairs: `{ median, least, most, spread }`, the
 * spread being (most − least) ÷ median, what one pair may land away from another. `pairs` is a list
 * of `{ one, two }`.
 */
export function pairsSummary(pairs, cores = 2) {
  if (pairs.length === 0) throw new Error('pairsSummary needs at least one pair');
  const figures = pairs.map((p) => pairFigures(p.one, p.two, cores));
  const summary = {};
  for (const key of Object.keys(figures[0])) {
    const sorted = figures.map((f) => f[key]).sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    const least = sorted[0];
    const most = sorted[sorted.length - 1];
    summary[key] = { median, least, most, spread: (most - least) / median };
  }
  return { pairs: figures, ...summary };
}

/**
 * Where a build's CPU went, by thread, from the bench's usage report (scripts/bench-usage.cjs):
 * `cpuMs` every thread's, `mainCpuMs` the command's thread (bin/thread.js: it plans, settles and
 * finishes; under `--concurrency 1` it also ingests), `launcherCpuMs` the process's first thread
 * (Node's start; then it waits), `helpersCpuMs` the threads still there at exit besides it (V8's
 * compiler and collector helpers; libuv's pool, idle in a build). What is left is the pool's
 * workers (none under `--concurrency 1`: then ~0). Null when a part was not measured.
 */
export function threadShares(u) {
  if (u.mainCpuMs == null || u.launcherCpuMs == null || u.helpersCpuMs == null) return null;
  return { command: u.mainCpuMs, launcher: u.launcherCpuMs, helpers: u.helpersCpuMs, workers: Math.max(0, u.cpuMs - u.mainCpuMs - u.launcherCpuMs - u.helpersCpuMs) };
}
