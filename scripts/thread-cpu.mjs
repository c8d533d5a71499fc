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

/**
 * One thread's times from its two /proc files (Linux: /proc/<pid>/task/<tid>/stat and
 * schedstat): its user and system CPU in ms (the stat file's clock ticks, 10 ms each), its time on
 * a CPU and its time runnable but waiting for one in ms (schedstat's first two fields, ns), and its
 * minor page faults. The stat file is read past its name's closing parenthesis: a thread's name may
 * hold spaces and parentheses.
 */
export function threadTimes(statText, schedstatText) {
  const fields = statText.slice(statText.lastIndexOf(')') + 2).split(' ');
  const [onCpuNs, waitingNs] = schedstatText.trim().split(' ').map(Number);
  if (fields.length < 13 || !Number.isFinite(onCpuNs) || !Number.isFinite(waitingNs)) throw new Error('threadTimes: not a thread\'s stat and schedstat');
  return { userMs: Number(fields[11]) * 10, systemMs: Number(fields[12]) * 10, runMs: onCpuNs / 1e6, waitMs: waitingNs / 1e6, minorFaults: Number(fields[7]) };
}

/**
 * A thread's wall time split three ways (issue 17: two workers): on a CPU (`runMs`); runnable but
 * waiting for a CPU (`waitMs`: other threads had the cores — the machine's load, or this process's
 * own other threads); and asleep, the rest (`asleepMs`: waiting for something — a task, a message,
 * a lock, a disk). The two-worker row's walls mix the first two with the third: at load 12–23 a
 * worker of a 1,000-article build ran 8–11 s, waited 50–66 s for a core and slept under 0.3 s, so
 * only the third says whether the workers wait for the build thread (BENCHMARKS.md, change 196).
 * `asleepMs` is never below 0 (a thread's wall sampled a little early).
 */
export function wallSplit(wallMs, { runMs, waitMs }) {
  return { runMs, waitMs, asleepMs: Math.max(0, wallMs - runMs - waitMs) };
}
