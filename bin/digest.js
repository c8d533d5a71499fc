#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (built by `npm ci` through the prepare script).
import { main } from '../dist/src/cli/main.js';

// A reader that stops early (`digest text x | head`) is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

// Should the work ever stop with nothing left to wait for, Node would exit 0 having printed
// nothing; a silent success is the worst answer a CI job can get, so say so and fail.
let settled = false;
process.on('beforeExit', () => {
  if (settled) return;
  settled = true;
  process.stderr.write('digest: internal error: the command stopped before finishing its work\n');
  process.exitCode = 2;
});

main(process.argv.slice(2)).then(
  (code) => { settled = true; process.exitCode = code; },
  (error) => { settled = true; process.stderr.write(`digest: internal error: ${error?.stack ?? error}\n`); process.exitCode = 2; },
);
