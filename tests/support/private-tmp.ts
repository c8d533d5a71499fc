import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Vitest's global set-up: every test file, and every process a test starts, makes its scratch
 * folders (`mkdtempSync(join(tmpdir(), …))`, Chromium's profile) in one folder of this run,
 * removed when the run ends. A whole `npm test` leaves ~0.5 GB of projects, corpora and datasets
 * behind otherwise; on a machine shared by several runs a day the disk fills, and then any test
 * that writes fails with ENOSPC — a failure that depends on who ran what before, not on the code.
 * TMPDIR is what `os.tmpdir()` reads, and what the test workers and their children inherit: the
 * workers are started after this runs. `DIGEST_KEEP_TMP=1` keeps the folder to look into.
 */
export default function privateTmp(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'digest-test-run-'));
  process.env.TMPDIR = dir;
  const remove = () => {
    if (process.env.DIGEST_KEEP_TMP !== '1') rmSync(dir, { recursive: true, force: true });
  };
  // Also when the run ends on an error that skips the teardown (an unhandled rejection did).
  process.once('exit', remove);
  return () => {
    if (process.env.DIGEST_KEEP_TMP === '1') console.log(`test scratch kept in ${dir}`);
    remove();
  };
}
