// `digest build` and `digest merge` run on a worker thread, not on the main thread: a worker's
// young generation can be capped when it starts (`resourceLimits`), the main thread's only where
// node starts (`--max-semi-space-size`, which `#!/usr/bin/env node` cannot pass). Left to V8, a
// build's main thread grew it to 2 × 16 MB part way through a long run: peak RSS rose with N
// (BENCHMARKS.md, "memory flat in N, again"). A second node started with the flag would cost an
// idle process (~42 MB of RSS) and a start; a thread costs an isolate and ~0.1 s of CPU.
import v8 from 'node:v8';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
// bin/load.js's, where `digest build` also reads it ({@link flagsAfterLoad} there); ./digest.js has loaded that module already.
import { concurrencyOf } from './load.js';

export { concurrencyOf };

/**
 * Its young generation in MB (V8's default is 48): what the build's workers have, whatever
 * `--concurrency` says. A one-thread build (`-j 1`) runs the pipeline on this thread, and then
 * scavenges twice as often as with 16 (347 against 173 scavenges at 250 articles) for no CPU
 * that alternated builds could find (eight pairs at 250, three at 1,000), while 16 raised peak
 * RSS by 8–17 MB and 48 took a 1,000-article `-j 1` build to 232–255 MB, over the 250 MB goal
 * (BENCHMARKS.md, "Change: the build thread's young generation under `-j 1`").
 */
export const COORDINATOR_YOUNG_MB = Number(process.env.DIGEST_COORDINATOR_YOUNG_MB) || 8;

/**
 * The most the build thread's old generation may grow to, in MB, where V8 would give it more:
 * 2047, one below the size from which V8's heap controller treats a heap as large. Measured on
 * that thread (BENCHMARKS.md, "Change: the build thread splices what the workers encoded; its old
 * generation kept below 2 GB"): limited to 128–1,024 MB, V8 made a full collection each time the
 * old space grew by ~4 MB of promoted garbage; limited to 2,048 MB or more (V8's default on a
 * machine with more than 8 GiB of memory: 4,096 here), none until the build's end, the garbage
 * piling up at ~7 KB an input. With it a two-worker build's peak RSS is 12–16 MB lower at 1,000
 * and 2,000 articles. It is a limit, not a target: the heap grows as it must up to it, so a
 * build fits as it does on a machine with 8 GiB, where V8's own default is this size — a
 * two-worker build ingests on this thread an input too big for a worker's heap, and a `-j 1`
 * build every input (not limited: {@link oldGenerationLimit}); 64 MB inputs, the read stage's
 * limit, took at most 546 MB of heap on it, a 16 MB article ingested whole 634 MB of RSS for the
 * whole process. Never more than V8's default; a size node was given stands
 * ({@link oldGenerationLimit}); `DIGEST_COORDINATOR_OLD_MB` sets it (0: V8's default).
 */
export const COORDINATOR_OLD_MB = 2047;

/**
 * The build thread's `resourceLimits` for its old generation ({@link COORDINATOR_OLD_MB}): the
 * size node was given (`--max-old-space-size`, on its command line or in NODE_OPTIONS); else
 * empty when V8's default for this process is no larger, when node was given `--max-heap-size`,
 * when the command (`argv`) runs on one thread (`-j 1`, or a one-core machine), or when
 * `DIGEST_COORDINATOR_OLD_MB` is 0.
 */
export function oldGenerationLimit(heapLimitMb = v8.getHeapStatistics().heap_size_limit / 2 ** 20, execArgv = process.execArgv, env = process.env, argv = []) {
  // In the order node reads them: NODE_OPTIONS, then the command line, whose size wins.
  const options = [...(env.NODE_OPTIONS ?? '').split(/\s+/), ...execArgv];
  // The user's old-generation size is given to the thread, whose limits are its own (a worker's
  // are set when it starts, not by the process's flag).
  const given = options.map((o) => /^--max[-_]old[-_]space[-_]size=(\d+)$/.exec(o)?.[1]).filter(Boolean).pop();
  if (given !== undefined) return { maxOldGenerationSizeMb: Number(given) };
  if (options.some((o) => /^--max[-_](?:old[-_]space|heap)[-_]size/.test(o))) return {};
  // A one-thread build ingests on this thread: there the limit made three times as many full
  // collections of its larger heap (BENCHMARKS.md, the change above: measured and left).
  if (concurrencyOf(argv) === 1) return {};
  const wanted = env.DIGEST_COORDINATOR_OLD_MB === undefined || env.DIGEST_COORDINATOR_OLD_MB === '' ? COORDINATOR_OLD_MB : Number(env.DIGEST_COORDINATOR_OLD_MB);
  // The heap's limit counts its young generation too (16–48 MB): a default old generation above `wanted` leaves more than that.
  return Number.isFinite(wanted) && wanted > 0 && heapLimitMb > wanted + 64 ? { maxOldGenerationSizeMb: wanted } : {};
}

/**
 * The node options this process was started with, less those that give it a script of its own
 * (`-e`, `-p`, `--input-type`): a worker inherits them, and they would apply to its own file.
 * Preloads (`-r`, `--import`) and loader hooks are kept, as a worker of the main thread keeps them.
 */
export function workerExecArgv(execArgv = process.execArgv) {
  const kept = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i];
    if (['-e', '--eval', '-p', '--print', '-pe', '--input-type'].includes(arg)) i++; // and its value
    else if (!/^--(?:eval|print|input-type)=/.test(arg)) kept.push(arg);
  }
  return kept;
}

/**
 * Of node's options, those that preload code or hook the loader (`-r`, `--require`, `--import`,
 * `--loader`, `--experimental-loader`, each with its value): what the command's thread needs of
 * them when the rest cannot be given to a worker (which refuses, say, `--max-old-space-size`).
 */
export function preloadExecArgv(execArgv) {
  const kept = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i];
    if (['-r', '--require', '--import', '--loader', '--experimental-loader'].includes(arg)) kept.push(arg, execArgv[++i]);
    else if (/^--(?:require|import|loader|experimental-loader)=/.test(arg)) kept.push(arg);
  }
  return kept;
}

/**
 * Runs `digest <argv>` on a worker thread; resolves to its exit code. What it writes reaches this
 * process's stdout and stderr in order (each stream; a worker's streams are piped through this
 * thread), and it sees this process's stderr as a terminal when it is one (a worker's own is
 * not), so colours and the progress bar are what they would be here. A thread that stops
 * without an answer (an uncaught error, out of memory) is an internal error: exit code 2.
 */
export function runOnThread(argv) {
  return new Promise((resolve) => {
    let code = null;
    const start = (execArgv) =>
      new Worker(new URL(import.meta.url), {
        argv: [],
        execArgv,
        workerData: { argv, stderrIsTTY: process.stderr.isTTY === true },
        resourceLimits: { maxYoungGenerationSizeMb: COORDINATOR_YOUNG_MB, ...oldGenerationLimit(undefined, undefined, undefined, argv) },
      });
    let worker;
    try {
      worker = start(workerExecArgv());
    } catch (error) {
      // Node refuses V8's options (a heap size, --expose-gc…) in a worker's execArgv; they are
      // the process's and apply to every thread anyway: the thread keeps its preloads and hooks.
      if (error?.code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw error;
      worker = start(preloadExecArgv(workerExecArgv()));
    }
    worker.on('message', (message) => {
      code = message.code;
    });
    worker.on('error', (error) => {
      process.stderr.write(`digest: internal error: ${error?.stack ?? error}\n`);
      code = 2;
    });
    worker.on('exit', () => {
      if (code === null) process.stderr.write('digest: internal error: the command stopped before finishing its work\n');
      resolve(code ?? 2);
    });
  });
}

if (!isMainThread && workerData?.argv) {
  const { main, notBuilt, NOT_BUILT } = await import('./load.js');
  let code;
  try {
    code = await main(workerData.argv, {
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
      // build and merge read no standard input.
      stdin: async () => new Uint8Array(0),
      stderrIsTTY: workerData.stderrIsTTY,
      env: process.env,
    });
  } catch (error) {
    if (!notBuilt(error)) throw error;
    process.stderr.write(NOT_BUILT);
    code = 2;
  }
  parentPort.postMessage({ code });
}
