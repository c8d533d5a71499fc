import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

// Run before each test file (setupFiles): the file's scratch folders, and those of the processes
// it starts, go in one folder of its own (inside the run's: private-tmp.ts), removed once the
// file's tests are done, so the disk holds what the files running now made rather than all the
// run made so far (a whole run wrote ~0.5 GB; on a full shared disk that ended a run in ENOSPC).
const parent = process.env.TMPDIR;
const dir = mkdtempSync(join(tmpdir(), 'file-'));
process.env.TMPDIR = dir;
// Registered first, so run last (hooks run as a stack): after the file's own afterAll hooks.
// TMPDIR goes back to the run's folder, so a test process vitest reuses for another file (pools
// without isolation) makes that file's folder beside this one, not inside a removed one.
afterAll(() => {
  if (process.env.DIGEST_KEEP_TMP !== '1') rmSync(dir, { recursive: true, force: true });
  if (parent === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = parent;
});
