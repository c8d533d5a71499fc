import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { manifestRow } from '../../src/dataset/manifest.js';
import { summarize } from '../../src/dataset/entry.js';
import { ingestSummary } from '../../src/cli/summary.js';
import { ingestDetailed } from '../../src/ingest.js';
import { renderIndexPage, type IndexRow } from '../../src/report/html/index.js';
import { pipeline, repo } from '../helpers.js';

const fixtures = [
  ...readdirSync(repo('fixtures/articles')).map((f) => `fixtures/articles/${f}`),
  ...readdirSync(repo('tests/fixtures'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => `tests/fixtures/${d.name}/${readdirSync(repo(`tests/fixtures/${d.name}`)).find((f) => f.startsWith('input.'))}`),
].sort();

/** The months the review index marks as missing (cells of class "gap"). */
function indexGaps(html: string): string[] {
  return [...html.matchAll(/<span class="gap[^"]*" title="(\d{4}-\d{2}) missing">/g)].map((m) => m[1]!).sort();
}

/** The months the terminal summary lists as missing. */
/** The missing months a terminal summary names: the first few, then "and N more" stands for the rest. */
function summaryGaps(text: string, all: readonly string[]): string[] {
  const m = /missing ([\d, -]+?)(?: and (\d+) more)?(?:;|\n|$)/.exec(text);
  if (!m) return [];
  const listed = m[1]!.split(', ').map((x) => x.trim());
  const more = Number(m[2] ?? 0);
  // The summary lists months in the record's order; what it elides must be exactly the rest.
  expect(listed).toEqual(all.slice(0, listed.length));
  return [...listed, ...all.slice(listed.length, listed.length + more)].sort();
}

describe('the record, the review index and the terminal summary agree on missing months', () => {
  it('covers a fixture with months missing, one within the period and one before it (declared by its range heading)', async () => {
    const { record } = await ingestDetailed({ path: repo('fixtures/articles/as-2025.txt') }, { pipeline: pipeline() });
    // The title declares 2025年1-12月; the first month section is February: January is missing too.
    expect(record.missingMonths).toEqual(['2025-01', '2025-04', '2025-08', '2025-09', '2025-10', '2025-11']);
    expect(record.period).toEqual({ start: '2025-02', end: '2025-12' });
  });

  it.each(fixtures)('%s', async (path) => {
    const { record, ok } = await ingestDetailed({ path: repo(path) }, { pipeline: pipeline() });
    const summary = summarize(path, record, ok);
    const page = renderIndexPage([manifestRow(summary) as unknown as IndexRow], 'digest');
    expect(indexGaps(page)).toEqual([...record.missingMonths].sort());
    expect(summaryGaps(ingestSummary(summary, null, false), record.missingMonths)).toEqual([...record.missingMonths].sort());
    const lateCells = [...page.matchAll(/<span class="[^"]*\blate\b[^"]*" title="(\d{4}-\d{2})/g)].map((m) => m[1]!).sort();
    expect(lateCells).toEqual([...record.outOfOrderMonths].sort());
  });
});
