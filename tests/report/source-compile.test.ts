import { beforeAll, describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../../src/generated/article.js';
import { describe as describeSegment, sourcePagePieces, type SourceText } from '../../src/report/html/source.js';
import { keepsOptimisedCode } from '../support/optimised.js';
import { recordWithSource } from '../support/review-source.js';

// A file of its own: the functions here have only the type feedback these tests give them (issue
// 17, "the review pages' renderers compiled once" in BENCHMARKS.md); `describe` first, as the
// source page's runs call it.
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

  it('sourcePagePieces', () => {
    // Before: its legend was `filter(…).map(…).join('')`, the optimised `map`'s array holey at the `join`.
    expect(keepsOptimisedCode(sourcePagePieces, () => sourcePagePieces(record, source))).toBe(true);
  });
});
