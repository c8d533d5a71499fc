// Preloaded by scripts/bench.mjs (`node -r`) into every process it times: when the process
// exits, writes its CPU time (user + system, every thread, since the process started) and peak
// RSS to the file DIGEST_BENCH_USAGE names.
const { writeFileSync } = require('node:fs');

const file = process.env.DIGEST_BENCH_USAGE;
// Worker threads inherit the preload; only the main thread reports (getrusage covers all threads).
if (file && require('node:worker_threads').isMainThread) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssKb: u.maxRSS }));
  });
}
