// What the review pages' compile tests render (issue 17, "the review pages' renderers compiled
// once" in BENCHMARKS.md): one fixture's record and the source text its source page shows.
import type { ArticleRecord } from '../../src/generated/article.js';
import { ingestDetailed } from '../../src/ingest.js';
import type { SourceText } from '../../src/report/html/source.js';
import { pipeline, repo } from '../helpers.js';

/** A fixture's record and its source text (its text and blocks), as a build hands them to the source page. */
export async function recordWithSource(fixture: string): Promise<{ record: ArticleRecord; source: SourceText }> {
  const { doc, record } = await ingestDetailed({ path: repo(fixture) }, { pipeline: pipeline() });
  return { record, source: { text: doc.text, blocks: doc.blocks } };
}
