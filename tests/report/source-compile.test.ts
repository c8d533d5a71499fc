import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../../src/generated/article.js';
import { describe as describeSegment, lineOf, sourcePagePieces, type SourceText } from '../../src/report/html/source.js';
import { isOptimised, keepsOptimisedCode } from '../support/optimised.js';
import { recordWithSource } from '../support/review-source.js';

// A file of its own: the functions here have only the type feedback these tests give them (issue
// 17, "the review pages' renderers compiled once" in BENCHMARKS.md); `describe` first, as the
// source page's runs call it.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

let record: ArticleRecord;
let source: SourceText;
beforeAll(async () => {
  ({ record, source } = await recordWithSource('fixtures/articles/ra-2025.txt'));
});

describe('the source page keeps the code TurboFan made for it (issue 17)', () => {
  it('describe, over a reference’s lines', () => {
    expect(record.references.length).toBeGreaterThan(1);
    let k = 0;
    const next = () => describeSegment({ owner: { kind: 'reference', index: k++ % record.references.length }, first: 1, last: 1 }, record, 'zh', new Set(), false, false);
    expect(next()).toContain('<span class="kind">Reference</span>');
    // Before: what was parsed of the reference was `filter(…).map(…).join(' · ')`: the same holey array.
    expect(keepsOptimisedCode(describeSegment, next)).toBe(true);
  });

  it("lineOf, the kept spans' line search, keeps its code through full collections", () => {
    const starts = [0, 10, 25, 26, 80];
    expect([0, 9, 10, 25, 26, 79, 80, 500].map((offset) => lineOf(starts, offset))).toEqual([0, 0, 1, 2, 3, 3, 4, 4]);
    expect(keepsOptimisedCode(lineOf, () => sourcePagePieces(record, source))).toBe(true);
    // Before: a closure made in each call of keptSpans (no function to ask for here), whose code
    // only the closures that ran it held: a full collection after them let it go, and the next
    // page's closure was compiled again (3–4 times a worker in a 1,000-article build, BENCHMARKS.md change 192).
    gc();
    gc();
    expect(isOptimised(lineOf)).toBe(true);
  });

  it('sourcePagePieces', () => {
    // Before: its legend was `filter(…).map(…).join('')`, the optimised `map`'s array holey at the `join`.
    expect(keepsOptimisedCode(sourcePagePieces, () => sourcePagePieces(record, source))).toBe(true);
  });
});
