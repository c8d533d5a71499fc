import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script, no types
import { cpuClock, meanRatio, threadCpuMs } from '../../scripts/thread-cpu.mjs';

const linux = process.platform === 'linux';

/** Runs a worker that spins until its own thread has run `ms` of CPU; resolves with what it ran. */
function burnInWorker(ms: number): Promise<number> {
  const url = new URL('../../scripts/thread-cpu.mjs', import.meta.url).href;
  const code = `
    const { parentPort } = require('node:worker_threads');
    import(${JSON.stringify(url)}).then(({ threadCpuMs }) => {
      const start = threadCpuMs();
      let x = 0;
      while (threadCpuMs() - start < ${ms}) for (let i = 0; i < 1e5; i++) x += i;
      parentPort.postMessage(threadCpuMs() - start + (x < 0 ? 1 : 0));
    });`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true });
    worker.once('message', (spent: number) => void worker.terminate().then(() => resolve(spent)));
    worker.once('error', reject);
  });
}

describe("scripts/thread-cpu.mjs: the bench's linearity measure (issue 5)", () => {
  it.runIf(linux)("counts the calling thread's CPU only: another thread's spinning is not in it, though it is in the process's", async () => {
    const p0 = process.cpuUsage();
    const t0 = threadCpuMs();
    const spent = await burnInWorker(300);
    const threadDelta = threadCpuMs() - t0;
    const p = process.cpuUsage(p0);
    expect(spent).toBeGreaterThanOrEqual(300);
    // The process's clock holds the worker's spinning; this thread's holds at most its start-up and
    // the waiting (starting a worker costs its creator a few tens of milliseconds, not 300).
    expect((p.user + p.system) / 1000).toBeGreaterThanOrEqual(spent);
    expect(threadDelta).toBeLessThan(spent / 2);
    expect(cpuClock().what).toBe('CPU of the ingesting thread');
  });

  it.runIf(linux)("never runs backwards, and grows with this thread's own work", () => {
    const start = threadCpuMs();
    let x = 0;
    let previous = start;
    while (threadCpuMs() - start < 20) {
      for (let i = 0; i < 1e4; i++) x += i;
      const now = threadCpuMs();
      expect(now).toBeGreaterThanOrEqual(previous);
      previous = now;
    }
    expect(x).toBeGreaterThan(0);
  });

  it('takes the ratio of the means, so each side pays for the collections its runs triggered', () => {
    // Eleven long runs at 40 ms, two of them 60 ms (a collection each); sixty-six short runs at
    // 5 ms, one in six at 8 (a collection each). Leasts would say 40 / 5 = 8; the costs are
    // 43.6 / 5.5.
    const longs = [...Array(9).fill(40), 60, 60];
    const bases = Array.from({ length: 66 }, (_, i) => (i % 6 === 5 ? 8 : 5));
    expect(meanRatio(longs, bases)).toBeCloseTo(((9 * 40 + 120) / 11) / ((55 * 5 + 11 * 8) / 66), 10);
    expect(() => meanRatio([], bases)).toThrow('runs on both sides');
  });
});
