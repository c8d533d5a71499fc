import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { repo } from './helpers.js';
// The generator is plain JavaScript shared with `npm run gen:types`.
// @ts-expect-error no declaration file for the .mjs script
import { generate, targets } from '../scripts/gen-types.mjs';

describe('generated types', () => {
  it.each(targets as [string, string][])('%s matches %s (run `npm run gen:types` after a schema change)', async (schema, out) => {
    expect(await generate(schema)).toBe(readFileSync(repo(out), 'utf8'));
  });
});
