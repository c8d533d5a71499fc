// `node scripts/thread-times.mjs [--every MS] -- NODE_ARGS…` (Linux): runs `node NODE_ARGS…` with
// scripts/thread-times.cjs preloaded and prints where each thread's wall went — on a CPU, runnable
// but waiting for a CPU, asleep — and its user and system CPU and minor page faults: the first
// thread, the command's thread (bin/thread.js), each build worker, V8's and libuv's helpers summed.
// For the two-worker row (issue 17): its speed-up is a ratio of walls, and on this shared machine
// a worker's wall is mostly waiting for a core (load 12–23: 50–66 s of a 60–80 s build); what it
// sleeps is what it waits for the build thread, at any load (BENCHMARKS.md, change 196). E.g.
//   node scripts/thread-times.mjs -- bin/digest.js build -p corpus.json -q -j 2
// Pure function (the table from the preload's report): tests/scripts/thread-times.test.ts.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readArgs } from './script-args.mjs';
import { threadTimes, wallSplit } from './thread-cpu.mjs';

/**
 * The preload's report (scripts/thread-times.cjs: each thread's kind, /proc texts and wall) as
 * rows: the first thread, the command's, each worker in the order they started, then V8's and
 * libuv's helper threads summed into one row (`threads`: how many) — each row's wall split by
 * {@link wallSplit} (a summed row's asleep is left out: its threads' walls overlap), its CPU and faults.
 */
export function threadTable(report) {
  const order = { first: 0, command: 1, worker: 2 };
  const rows = [];
  const helpers = { kind: 'helpers', threads: 0, userMs: 0, systemMs: 0, runMs: 0, waitMs: 0, asleepMs: null, minorFaults: 0 };
  for (const t of report.threads) {
    const times = threadTimes(t.stat, t.schedstat);
    if (!(t.kind in order)) {
      helpers.threads++;
      for (const key of ['userMs', 'systemMs', 'runMs', 'waitMs', 'minorFaults']) helpers[key] += times[key];
      continue;
    }
    rows.push({ kind: t.kind, wallMs: t.wallMs, ...times, ...wallSplit(t.wallMs, times) });
  }
  // Stable: workers keep the order they were seen in.
  rows.sort((a, b) => order[a.kind] - order[b.kind]);
  if (helpers.threads > 0) rows.push(helpers);
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values, positionals } = readArgs('thread-times', 'Usage: node scripts/thread-times.mjs [--every MS] -- NODE_ARGS…', {
    options: { every: { type: 'string', integer: { min: 10 } } },
    positionals: 'some',
  });
  const work = mkdtempSync(join(tmpdir(), 'digest-thread-times-'));
  const report = join(work, 'threads.json');
  const preload = fileURLToPath(new URL('thread-times.cjs', import.meta.url));
  const t0 = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['-r', preload, ...positionals], { stdio: 'inherit', env: { ...process.env, DIGEST_THREAD_TIMES: report, DIGEST_THREAD_TIMES_EVERY: values.every ?? '' } });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const s = (ms) => (ms === null ? '–' : (ms / 1000).toFixed(2));
  try {
    if (existsSync(report)) {
      const rows = threadTable(JSON.parse(readFileSync(report, 'utf8')));
      console.log(`exit ${run.status}, wall ${s(wallMs)} s, load ${readFileSync('/proc/loadavg', 'latin1').split(' ').slice(0, 3).join(' ')}`);
      console.log('thread     wall s   on a CPU  waiting for one  asleep   user   system   minor faults');
      for (const r of rows) console.log(`${(r.kind + (r.threads ? ` (${r.threads})` : '')).padEnd(11)}${s(r.wallMs ?? null).padStart(6)} ${s(r.runMs).padStart(10)} ${s(r.waitMs).padStart(16)} ${s(r.asleepMs).padStart(7)} ${s(r.userMs).padStart(6)} ${s(r.systemMs).padStart(8)} ${String(r.minorFaults).padStart(14)}`);
    } else {
      // Killed by a signal, or not a node program: the preload never reached its exit.
      process.stderr.write(`thread-times: no report from the command (exit ${run.status ?? run.signal}): a process killed by a signal writes none\n`);
      process.exitCode = 1;
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
