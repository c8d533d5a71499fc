// CPU time of the calling thread alone, and the linearity ratio built on it, for `npm run bench`
// (issue 5: an article ten times longer costs at most eleven times the CPU). The bench measured
// linearity as process CPU (every thread: V8's compiler and GC helpers too), the least of 11 runs
// of a long article over the least of 66 of a short one, and CI once failed on it: 11.52 against a
// limit of 11 where reruns in the same clone read 6.0–6.2. Ten trials of four measures under
// the same load (load average 9–10; BENCHMARKS.md, change 75) spread 1.76× (least, process CPU),
// 1.54× (least, this thread), 1.24× (medians, this thread) and 1.10× (means, this thread): the
// least of a few long runs over the least of many short ones is a ratio of two tails, and helper
// threads' CPU moves with what else the machine runs. Pure helpers: tests/scripts/thread-cpu.test.ts.
import { readFileSync } from 'node:fs';

/**
 * Milliseconds the calling thread has run on a CPU, from Linux's /proc/thread-self/schedstat (its
 * first field: nanoseconds on a CPU, this thread only); null where that file is not there (another
 * kernel), for the caller to fall back on process CPU and say so.
 */
export function threadCpuMs() {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'latin1').split(' ', 1)[0]) / 1e6;
  } catch {
    return null;
  }
}

/**
 * A CPU clock for the calling thread: `{ now(), what }`, `now()` in milliseconds — the thread's own
 * time where the kernel gives it, else the process's (all threads), `what` saying which.
 */
export function cpuClock() {
  if (threadCpuMs() !== null) return { now: () => threadCpuMs(), what: 'CPU of the ingesting thread' };
  return {
    now: () => {
      const c = process.cpuUsage();
      return (c.user + c.system) / 1000;
    },
    what: 'process CPU, all threads (no per-thread clock here)',
  };
}

/**
 * The mean of `longs` over the mean of `bases` (CPU times of the long and the short article): a
 * garbage collection's cost falls on whichever run triggers it, so a mean charges each side its
 * share where a least keeps only the runs that happened to collect nothing — and the many short
 * runs have many more chances at that than the few long ones.
 */
export function meanRatio(longs, bases) {
  if (longs.length === 0 || bases.length === 0) throw new Error('meanRatio needs runs on both sides');
  const mean = (list) => list.reduce((a, b) => a + b, 0) / list.length;
  return mean(longs) / mean(bases);
}
