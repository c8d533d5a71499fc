/**
 * The environment variables digest reads as settings (src/, bin/): node's options, colour, and the
 * threads' heap sizes. A test gives the ones it means (`env: { ...process.env, X }`); the shell
 * that runs the suite must not give any. With NODE_OPTIONS=--max-old-space-size=4096 (a common CI
 * setting) the build thread took 4096 MB where tests/package/thread.test.ts expects 2047; with
 * FORCE_COLOR=1 every message a test reads from a child's stderr carries colour codes.
 * tests/suite.test.ts holds this list to what the code reads.
 */
export const productSettings = [
  'NODE_OPTIONS',
  'FORCE_COLOR',
  'NO_COLOR',
  'DIGEST_COORDINATOR_OLD_MB',
  'DIGEST_COORDINATOR_YOUNG_MB',
  'DIGEST_WORKER_HEAP_MB',
  'DIGEST_WORKER_YOUNG_MB',
  'DIGEST_WORKER_CODE_CACHE_OUT',
] as const;

/**
 * What else the code reads from the environment, left as it is: TERM only turns colour off where
 * stderr is a terminal, and the tests that run digest on one set it.
 */
export const keptSettings = ['TERM'] as const;

/**
 * Vitest's global set-up: removes {@link productSettings} from the run's environment before its
 * test processes start, so that they, and every process a test starts, inherit none of them.
 */
export default function clearProductSettings(): void {
  for (const name of productSettings) delete process.env[name];
}
