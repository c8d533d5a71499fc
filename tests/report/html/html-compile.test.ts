import { beforeAll, describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../../../src/generated/article.js';
import { articlePagePieces } from '../../../src/report/html/article.js';
import { page, pagePieces } from '../../../src/report/html/html.js';
import { sourcePagePieces, type SourceText } from '../../../src/report/html/source.js';
import { keepsOptimisedCode } from '../../support/optimised.js';
import { recordWithSource } from '../../support/review-source.js';

// A file of its own: `pagePieces` here has only the type feedback this test gives it.
let record: ArticleRecord;
let source: SourceText;
beforeAll(async () => {
  ({ record, source } = await recordWithSource('fixtures/articles/ra-2025.txt'));
});

describe('pagePieces keeps the code TurboFan made for it (issue 17)', () => {
  it('when the index page comes after the article and source pages', () => {
    let k = 0;
    const pages = () => (k++ % 2 === 0 ? articlePagePieces(record) : sourcePagePieces(record, source));
    // The index page's options, written as the index writes them (src/report/html/index.ts).
    const index = () => page({ lang: 'en', title: 'Digest review — test', body: '<main id="main"></main>', bodyClass: 'index', script: true });
    // Before: the three pages passed options of three shapes (members missing, or in another
    // order), and the code compiled for the first two was thrown away at the index's.
    expect(keepsOptimisedCode(pagePieces, index, pages)).toBe(true);
  });
});
