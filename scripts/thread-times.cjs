// Preloaded by scripts/thread-times.mjs (`node -r`) into the process it watches (issue 17: two
// workers): where each thread's wall went — on a CPU, waiting for one, asleep. A build's workers
// are ended by their pool (`terminate`), which runs no 'exit' handler in them, so they cannot say
// it themselves: the process's first thread, idle while the command runs on a thread of its own
// (bin/thread.js), reads every thread's /proc stat and schedstat every DIGEST_THREAD_TIMES_EVERY
// ms (default 200; a read of a build's ~14 threads costs 2–3 ms at load 20: ~1 s of the first
// thread's CPU in a 1,000-article build, so the bench's own builds do not take it) and keeps each
// thread's last texts; every other thread says, as it starts, which it is (the command's thread:
// its workerData names argv; else a build worker). At the first thread's exit,
// one JSON file at DIGEST_THREAD_TIMES: each thread's kind, its texts, and its wall from its start
// (or first sight) to its last sight; scripts/thread-times.mjs reads it (scripts/thread-cpu.mjs,
// `threadTimes` and `wallSplit`).
const { appendFileSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } = require('node:fs');
const { isMainThread, workerData } = require('node:worker_threads');

const file = process.env.DIGEST_THREAD_TIMES;
const kinds = `${file}.kinds`;

if (file && !isMainThread) {
  const tid = readlinkSync('/proc/thread-self').split('/').pop();
  appendFileSync(kinds, `${tid} ${Array.isArray(workerData?.argv) ? 'command' : 'worker'} ${Date.now()}\n`);
}

if (file && isMainThread) {
  const start = Date.now();
  /** Each thread seen: its texts at its last sight, and when it was first and last seen. */
  const seen = new Map();
  const sample = () => {
    const now = Date.now();
    for (const tid of readdirSync('/proc/self/task')) {
      try {
        const dir = `/proc/self/task/${tid}`;
        const texts = { stat: readFileSync(`${dir}/stat`, 'latin1'), schedstat: readFileSync(`${dir}/schedstat`, 'latin1'), name: readFileSync(`${dir}/comm`, 'latin1').trim() };
        seen.set(tid, { ...texts, first: seen.get(tid)?.first ?? now, last: now });
      } catch {
        // ended between the listing and the read
      }
    }
  };
  setInterval(sample, Number(process.env.DIGEST_THREAD_TIMES_EVERY) || 200).unref();
  process.on('exit', () => {
    sample();
    const told = new Map();
    try {
      for (const line of readFileSync(kinds, 'latin1').trim().split('\n')) {
        const [tid, kind, at] = line.split(' ');
        told.set(tid, { kind, at: Number(at) });
      }
      rmSync(kinds);
    } catch {
      // no thread but this one
    }
    const threads = [];
    for (const [tid, s] of seen) {
      const own = tid === String(process.pid) ? { kind: 'first', at: start } : (told.get(tid) ?? { kind: 'helper', at: s.first });
      threads.push({ tid, kind: own.kind, name: s.name, wallMs: s.last - own.at, stat: s.stat, schedstat: s.schedstat });
    }
    writeFileSync(file, JSON.stringify({ wallMs: Date.now() - start, threads }));
  });
}
