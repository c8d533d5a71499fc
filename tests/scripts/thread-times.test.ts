import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script, no types
import { threadTimes, wallSplit } from '../../scripts/thread-cpu.mjs';
// @ts-expect-error: a plain ES module script, no types
import { threadTable } from '../../scripts/thread-times.mjs';

const linux = process.platform === 'linux';

/** A /proc stat line of a thread named `name`, its minor faults, user and system ticks as given (the other fields as a thread has them). */
function stat(name: string, minorFaults: number, userTicks: number, systemTicks: number): string {
  return `4242 (${name}) S 1 4242 4242 0 -1 4194368 ${minorFaults} 0 0 0 ${userTicks} ${systemTicks} 0 0 20 0 14 0 4810 1379311616 46123 18446744073709551615 1 1 0 0 0 0 0 4096 134234626 0 0 0 -1 1 0 0 0 0 0`;
}

describe("scripts/thread-times: where a thread's wall went (issue 17: two workers)", () => {
  it("reads a thread's CPU, time on a CPU, time waiting for one and faults, whatever its name holds", () => {
    expect(threadTimes(stat('node', 9721, 295, 33), '3290000000 25280000000 3812\n')).toEqual({ userMs: 2950, systemMs: 330, runMs: 3290, waitMs: 25280, minorFaults: 9721 });
    // A name with spaces and a parenthesis: the fields are counted from its last ')'.
    expect(threadTimes(stat('V8 Default) W', 7, 1, 2), '5000000 1000000 3')).toMatchObject({ userMs: 10, systemMs: 20, runMs: 5, waitMs: 1, minorFaults: 7 });
    expect(() => threadTimes('not a stat line', '')).toThrow(/not a thread/);
  });

  it('splits a wall into time on a CPU, waiting for one, and asleep (the rest, never below 0)', () => {
    expect(wallSplit(30250, { runMs: 920, waitMs: 7440 })).toEqual({ runMs: 920, waitMs: 7440, asleepMs: 21890 });
    expect(wallSplit(27880, { runMs: 3440, waitMs: 25170 })).toEqual({ runMs: 3440, waitMs: 25170, asleepMs: 0 });
  });

  it("tables the first thread, the command's, each worker in the order seen, and the helpers summed", () => {
    const thread = (kind: string, wallMs: number, run: number, wait: number) => ({ tid: '1', kind, name: 'node', wallMs, stat: stat('node', 10, run / 10, 0), schedstat: `${run * 1e6} ${wait * 1e6} 1` });
    const rows = threadTable({
      wallMs: 31000,
      threads: [thread('helper', 30000, 300, 100), thread('worker', 27000, 3000, 24000), thread('first', 31000, 500, 500), thread('command', 30000, 900, 7000), thread('worker', 26000, 2000, 23000), thread('helper', 30000, 200, 50)],
    });
    expect(rows.map((r: { kind: string }) => r.kind)).toEqual(['first', 'command', 'worker', 'worker', 'helpers']);
    expect(rows[1]).toMatchObject({ wallMs: 30000, runMs: 900, waitMs: 7000, asleepMs: 22100, userMs: 900 });
    expect(rows[2]).toMatchObject({ runMs: 3000, asleepMs: 0 });
    expect(rows[3]).toMatchObject({ runMs: 2000, asleepMs: 1000 });
    expect(rows[4]).toEqual({ kind: 'helpers', threads: 2, userMs: 500, systemMs: 0, runMs: 500, waitMs: 150, asleepMs: null, minorFaults: 20 });
  });

  it.runIf(linux)('tells a worker that sleeps from one that runs, though the pool ends both without their exit handlers', () => {
    const work = mkdtempSync(join(tmpdir(), 'thread-times-test-'));
    try {
      const report = join(work, 'threads.json');
      // Two workers as a build's pool has them: one asleep 400 ms, one running 200 ms of CPU, both
      // terminated. The first thread ends them 100 ms after both are done: its 20 ms sampling timer
      // expires before that timeout and Node runs expired timers in order, so a sight after the
      // run is taken at any load (a rest inside the worker alone left that to the scheduler).
      const program = `
        const { Worker } = require('node:worker_threads');
        const rest = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
        const body = (spin) => \`
          const { parentPort } = require('node:worker_threads');
          const rest = \${rest};
          const cpu = () => Number(require('node:fs').readFileSync('/proc/thread-self/schedstat', 'latin1').split(' ')[0]) / 1e6;
          if (\${spin}) { const start = cpu(); let x = 0; while (cpu() - start < 200) for (let i = 0; i < 1e5; i++) x += i; rest(150); }
          else rest(400);
          parentPort.postMessage('done');
          setInterval(() => {}, 1000);\`;
        const workers = [new Worker(body(false), { eval: true }), new Worker(body(true), { eval: true })];
        let done = 0;
        for (const w of workers) w.once('message', () => { if (++done === 2) setTimeout(() => { for (const v of workers) v.terminate(); }, 100); });`;
      const preload = fileURLToPath(new URL('../../scripts/thread-times.cjs', import.meta.url));
      const run = spawnSync(process.execPath, ['-r', preload, '-e', program], { env: { ...process.env, DIGEST_THREAD_TIMES: report, DIGEST_THREAD_TIMES_EVERY: '20' }, encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      const rows = threadTable(JSON.parse(readFileSync(report, 'utf8')));
      const workers = rows.filter((r: { kind: string }) => r.kind === 'worker');
      expect(workers).toHaveLength(2);
      // Which started first is the scheduler's: the one that ran less is the sleeper.
      const [sleeper, runner] = (workers as { runMs: number; asleepMs: number }[]).sort((a, b) => a.runMs - b.runMs);
      expect(sleeper!.runMs).toBeLessThan(100);
      expect(sleeper!.asleepMs).toBeGreaterThanOrEqual(300);
      expect(runner!.runMs).toBeGreaterThanOrEqual(100);
      expect(rows[0]).toMatchObject({ kind: 'first' });
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
