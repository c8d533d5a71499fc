#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (built once by `npm ci` through the prepare
// script; the package ships it built), loaded by ./load.js. Nothing is compiled here, ever.

// The two streams the CLI writes to, made before ./load.js is imported: making one loads what its
// file type needs (net on a pipe, tty and net on a terminal, a sync write stream on a file), and
// Node compiles its own modules from the code cache built into it only before ./load.js sets V8's
// flags (after, from source: ~11 M instructions; BENCHMARKS.md, changes 101 and 102). Every command
// but --version asks whether stderr is a terminal.
// A reader that stops early (`digest text x | head`) is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
void process.stderr;
const { main, threadCommands, notBuilt, NOT_BUILT } = await import('./load.js');

// Should the work ever stop with nothing left to wait for, Node would exit 0 having printed
// nothing; a silent success is the worst answer a CI job can get, so say so and fail.
let settled = false;
process.on('beforeExit', () => {
  if (settled) return;
  settled = true;
  process.stderr.write('digest: internal error: the command stopped before finishing its work\n');
  process.exitCode = 2;
});

// build and merge run on a thread whose young generation is capped (./thread.js: peak RSS flat in
// the number of inputs); every other command here, at once, without loading ./thread.js (its
// worker_threads, os and v8, imported as ES modules: ~15 M instructions, ~2 % of `digest text`).
const argv = process.argv.slice(2);
(threadCommands.has(argv[0]) ? (await import('./thread.js')).runOnThread(argv) : main(argv)).then(
  (code) => { settled = true; process.exitCode = code; },
  (error) => {
    settled = true;
    process.stderr.write(notBuilt(error) ? NOT_BUILT : `digest: internal error: ${error?.stack ?? error}\n`);
    process.exitCode = 2;
  },
);
