// Preloaded by scripts/bench.mjs (`node -r`) into every process it times: when the process
// exits, writes its CPU time (user + system, every thread, since the process started; the system
// part also alone: the kernel's, mostly file creation, which this disk makes costly), the main
// thread's own CPU time (Linux: /proc/thread-self; null elsewhere; for build and merge, their own
// thread's), the process's first thread's and the helper threads' still there at exit (below), and
// peak RSS to the file DIGEST_BENCH_USAGE names.
const { readdirSync, readFileSync, writeFileSync } = require('node:fs');

/** This thread's CPU time in ms (user + system, from /proc: clock ticks of 10 ms), or null where there is no /proc. */
function threadCpuMs() {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/**
 * CPU time in ms of the threads still running at this thread's exit besides it (Linux: each one's
 * /proc/self/task/<tid>/schedstat, nanoseconds on a CPU), or null where there is none. Called as
 * the process's first thread exits, they are V8's helper threads (its compiler and collector
 * threads, which run beside every isolate's own thread) and libuv's pool: the command's thread and
 * a build's workers have ended by then, their CPU counted apart (the command's) or left as what
 * the rest does not explain (the workers': scripts/two-workers.mjs, `threadShares`).
 */
function helperThreadsCpuMs() {
  try {
    let ns = 0;
    for (const tid of readdirSync('/proc/self/task')) {
      if (tid === String(process.pid)) continue;
      try {
        ns += Number(readFileSync(`/proc/self/task/${tid}/schedstat`, 'latin1').split(' ', 1)[0]);
      } catch {
        // ended between the listing and the read
      }
    }
    return ns / 1e6;
  } catch {
    return null;
  }
}

const file = process.env.DIGEST_BENCH_USAGE;
const { isMainThread, workerData } = require('node:worker_threads');
// `digest build` and `merge` run on a thread of their own (bin/thread.js): what the bench calls the
// main thread's CPU is that thread's, which it leaves beside the report as it exits.
if (file && !isMainThread && Array.isArray(workerData?.argv)) {
  process.on('exit', () => {
    const cpuMs = threadCpuMs();
    if (cpuMs !== null) writeFileSync(`${file}.thread`, String(cpuMs));
  });
}
// Worker threads inherit the preload; only the main thread reports (getrusage covers all threads).
if (file && isMainThread) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    const helpersCpuMs = helperThreadsCpuMs();
    let mainCpuMs = threadCpuMs();
    // The process's first thread, when the command ran on a thread of its own: Node's start, the
    // launcher, then waiting (0 when it ran the command itself: its CPU is `mainCpuMs`).
    let launcherCpuMs = 0;
    try {
      const own = mainCpuMs;
      mainCpuMs = Number(readFileSync(`${file}.thread`, 'utf8'));
      require('node:fs').rmSync(`${file}.thread`);
      launcherCpuMs = own;
    } catch {
      // no command thread: the main thread ran the command
    }
    // Faults and switches too: a start-up round that reads far above its neighbours shows whether the
    // kernel (faults, reclaim) or the scheduler (involuntary switches) took the difference (`--ci`).
    writeFileSync(file, JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, systemCpuMs: u.systemCPUTime / 1000, mainCpuMs, launcherCpuMs, helpersCpuMs, maxRssKb: u.maxRSS, minorFaults: u.minorPageFault, majorFaults: u.majorPageFault, involuntarySwitches: u.involuntaryContextSwitches, voluntarySwitches: u.voluntaryContextSwitches }));
  });
}
