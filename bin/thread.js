// `digest build` and `digest merge` run on a worker thread, not on the main thread: a worker's
// young generation can be capped when it starts (`resourceLimits`), the main thread's only where
// node starts (`--max-semi-space-size`, which `#!/usr/bin/env node` cannot pass). Left to V8, a
// build's main thread grew it to 2 × 16 MB part way through a long run: peak RSS rose with N
// (BENCHMARKS.md, "memory flat in N, again"). A second node started with the flag would cost an
// idle process (~42 MB of RSS) and a start; a thread costs an isolate and ~0.1 s of CPU.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

/** The commands run on a thread of their own: those that take every input of a dataset. */
export const threadCommands = new Set(['build', 'merge']);

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
 * Runs `digest <argv>` on a worker thread; resolves to its exit code. What it writes reaches this
 * process's stdout and stderr in order (each stream; a worker's streams are piped through this
 * thread), and it sees this process's stderr as a terminal when it is one (a worker's own is
 * not), so colours and the progress bar are what they would be here. A thread that stops
 * without an answer (an uncaught error, out of memory) is an internal error: exit code 2.
 */
export function runOnThread(argv) {
  return new Promise((resolve) => {
    let code = null;
    const worker = new Worker(new URL(import.meta.url), {
      argv: [],
      execArgv: workerExecArgv(),
      workerData: { argv, stderrIsTTY: process.stderr.isTTY === true },
      resourceLimits: { maxYoungGenerationSizeMb: COORDINATOR_YOUNG_MB },
    });
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
  const { main } = await import('./load.js');
  const code = await main(workerData.argv, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    // build and merge read no standard input.
    stdin: async () => new Uint8Array(0),
    stderrIsTTY: workerData.stderrIsTTY,
    env: process.env,
  });
  parentPort.postMessage({ code });
}
