import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/dataset/input-summary.js';
import { ingestDetailed } from '../../src/ingest.js';
import { keepsOptimisedCode } from '../support/optimised.js';
import { pipeline, repo } from '../helpers.js';

// A file of its own: `summarize` here has only the type feedback this test gives it.
describe('summarize: compiled once (issue 17)', () => {
  it('keeps the code TurboFan made for it: the months listed without an array made by `map` in optimised code', async () => {
    const { record, ok } = await ingestDetailed({ path: repo('fixtures/articles/as-2025.txt') }, { pipeline: pipeline() });
    // The digest given, as a build gives it: the change digest is another function's compile.
    const run = () => summarize('as-2025.txt', record, ok, null);
    // Not vacuous: the record has months to list.
    expect(run().months.length).toBeGreaterThan(3);
    // Before: `monthSections.map((s) => s.month).filter(…)`, the optimised `map`'s array holey, a map `filter` had not seen.
    expect(keepsOptimisedCode(summarize, run)).toBe(true);
  });
});
