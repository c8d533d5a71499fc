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
    const offenders = ['src', 'scripts', 'tests', 'pipelines', 'bin', '.ci']
      .flatMap((d) => files(repo(d)))
      .filter((f) => !f.endsWith('standalone.test.ts'))
      // The accuracy runs measure on third-party data sets that are never copied in: they read
      // them where CI lays them, next to the clone, and skip with a message when they are not there.
      .filter((f) => !f.endsWith(join('tests', 'accuracy', 'shared-data.ts')))
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
