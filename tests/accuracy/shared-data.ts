import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { repo } from '../helpers.js';

/**
 * The shared third-party data folder the accuracy runs read (never copied into the project):
 * `DIGEST_SHARED_DATA` when set, else `<repo>/../shared/data`, where CI clones the repository
 * next to `shared/`. Null, with the reason, when it is not there.
 */
export function sharedData(): { dir: string; missing: string | null } {
  const dir = resolve(process.env.DIGEST_SHARED_DATA ?? join(repo(''), '..', 'shared', 'data'));
  return { dir, missing: existsSync(dir) ? null : `shared data folder ${dir} not found (set DIGEST_SHARED_DATA): skipping` };
}
