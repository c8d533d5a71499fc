// Preloaded by scripts/bench.mjs (`node -r`) into every process it times: when the process
// exits, writes its CPU time (user + system, every thread, since the process started; the system
// part also alone: the kernel's, mostly file creation, which this disk makes costly), the main
// thread's own CPU time (Linux: /proc/thread-self; null elsewhere; for build and merge, their own
// thread's) and peak RSS to the file
// DIGEST_BENCH_USAGE names.
const { readFileSync, writeFileSync } = require('node:fs');

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
    let mainCpuMs = threadCpuMs();
    try {
      mainCpuMs = Number(readFileSync(`${file}.thread`, 'utf8'));
      require('node:fs').rmSync(`${file}.thread`);
    } catch {
      // no command thread: the main thread ran the command
    }
    writeFileSync(file, JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, systemCpuMs: u.systemCPUTime / 1000, mainCpuMs, maxRssKb: u.maxRSS }));
  });
}
