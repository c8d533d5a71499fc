// `npm run fuzz -- --runs N [--seed S]`: a fuzzing campaign over ingest (tests/fuzz/fuzz.test.ts
// with N generated inputs). `npm test` runs the same property with 150 inputs.
import { spawnSync } from 'node:child_process';
import { readArgs } from './script-args.mjs';

const { values } = readArgs('fuzz', 'Usage: npm run fuzz [-- --runs N] [--seed S]', {
  options: { runs: { type: 'string', default: '1000', integer: { min: 1 } }, seed: { type: 'string', integer: { min: 0 } } },
});
const env = { ...process.env, FUZZ_RUNS: values.runs, ...(values.seed ? { FUZZ_SEED: values.seed } : {}) };
const started = Date.now();
const r = spawnSync('npx', ['vitest', 'run', 'tests/fuzz/fuzz.test.ts', '-t', 'never crashes'], { stdio: 'inherit', env });
console.log(`fuzz campaign: ${values.runs} runs, ${((Date.now() - started) / 1000).toFixed(0)} s, exit ${r.status}`);
process.exitCode = r.status ?? 1;
