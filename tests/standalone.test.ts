import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repo } from './helpers.js';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe('the project stands alone', () => {
  it('no source, script, test or pipeline reads ../shared (but the accuracy report, which skips without it)', () => {
    // The accuracy report reads the third-party labelled sets where CI clones them, next to the
    // repository (DIGEST_SHARED_DATA overrides), and says so and skips when they are absent.
    const optional = [repo('tests/accuracy/reference-sets.ts'), repo('tests/accuracy/references.test.ts')];
    const offenders = ['src', 'scripts', 'tests', 'pipelines', 'bin', '.ci']
      .flatMap((d) => files(repo(d)))
      .filter((f) => !f.endsWith('standalone.test.ts') && !optional.includes(f))
      .filter((f) => /\.\.\/shared|\/work\/shared/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('every fixture folder says where its data came from and under which licence', () => {
    const readme = readFileSync(repo('fixtures/README.md'), 'utf8');
    for (const folder of readdirSync(repo('fixtures'))) {
      if (statSync(repo(`fixtures/${folder}`)).isDirectory()) expect(readme).toContain(`fixtures/${folder}/`);
    }
  });
});
