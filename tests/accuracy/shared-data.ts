import { existsSync, readFileSync } from 'node:fs';
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

/** The raw strings of the shared data's three labelled reference sets (none without the data): for tests that read them as text. */
export function labelledReferenceStrings(): string[] {
  const { dir, missing } = sharedData();
  if (missing) return [];
  const out: string[] = [];
  for (const file of ['anystyle-core.jsonl', 'pmc-vancouver-dev.jsonl', 'gbt7714-examples.jsonl']) {
    for (const line of readFileSync(join(dir, 'references', file), 'utf8').split('\n')) if (line.trim()) out.push((JSON.parse(line) as { raw: string }).raw);
  }
  return out;
}
