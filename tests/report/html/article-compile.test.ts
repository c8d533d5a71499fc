import { beforeAll, describe, expect, it } from 'vitest';
import type { ArticleRecord, Item } from '../../../src/generated/article.js';
import { ingest } from '../../../src/ingest.js';
import { articleContext, renderItem, renderSection, type Context } from '../../../src/report/html/article.js';
import { pipeline, repo } from '../../helpers.js';
import { keepsOptimisedCode } from '../../support/optimised.js';

// A file of its own: the renderers here have only the type feedback these tests give them (issue
// 17, "the review pages' renderers compiled once" in BENCHMARKS.md).
let record: ArticleRecord;
let ctx: Context;
beforeAll(async () => {
  record = await ingest({ path: repo('fixtures/articles/as-2025.txt') }, { pipeline: pipeline(), id: 'as-2025' });
  ctx = articleContext(record, null);
});

describe('the article page’s renderers keep the code TurboFan made for them (issue 17)', () => {
  it('renderItem, over items with outcomes and without', () => {
    const items: [Item, string][] = [];
    record.sections.forEach((s, i) => s.items.forEach((item, j) => items.push([item, `s${i}-${j}`])));
    const withOutcomes = items.filter(([item]) => (item.facts?.outcomes.length ?? 0) > 0);
    expect(withOutcomes.length).toBeGreaterThan(0);
    expect(withOutcomes.length).toBeLessThan(items.length);
    let k = 0;
    const next = () => renderItem(items[k % items.length]![0], items[k++ % items.length]![1], ctx);
    // Before: the outcomes' rows were `facts.outcomes.map(…)`, holey when made in optimised code,
    // and the row count read from them met another map than the interpreter's packed arrays.
    expect(keepsOptimisedCode(renderItem, next)).toBe(true);
  });

  it('renderSection, over every section', () => {
    let k = 0;
    const next = () => renderSection(record.sections[k % record.sections.length]!, k++ % record.sections.length, ctx, new Set());
    // Before: its items were `section.items.map(renderItem).join('\n')`: the same holey array at the `join`.
    expect(keepsOptimisedCode(renderSection, next)).toBe(true);
  });
});
