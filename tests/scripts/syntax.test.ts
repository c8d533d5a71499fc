import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { repo } from '../helpers.js';

// The scripts npm runs (bench, fuzz, the generators) are plain JavaScript that no type check or
// unit test imports whole: a syntax error in one (a backtick left inside a template literal of
// bench.mjs's table) showed only when CI ran `npm run bench -- --ci` after every test had passed.
const scripts = readdirSync(repo('scripts'))
  .filter((name) => /\.(?:mjs|cjs|js)$/.test(name))
  .sort();

describe('scripts/: every script parses', () => {
  it.each(scripts)('%s', (name) => {
    const run = spawnSync(process.execPath, ['--check', repo(`scripts/${name}`)], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
  });
});
