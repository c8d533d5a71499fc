import { describe, expect, it } from 'vitest';
import { ingestDetailed } from '../../src/ingest.js';
import { FULL_SOURCE_CHARS, LONG_LINE_CHARS, MAX_SHOWN_CHARS, renderSourcePage } from '../../src/report/html/source.js';
import { diffDigests } from '../../src/report/html/changes.js';
import { articleDigest } from '../../src/dataset/changes.js';
import { pipeline, repo } from '../helpers.js';
import { readFileSync } from 'node:fs';

const seed = () => readFileSync(repo('fixtures/articles/ra-2025.txt'), 'utf8');

async function sourcePage(text: string, name = 'big.txt') {
  const { doc, record } = await ingestDetailed({ text, name }, { pipeline: pipeline() });
  return { html: renderSourcePage(record, { text: doc.text, blocks: doc.blocks }), record, text: doc.text };
}

describe('the source page of a large input', () => {
  it('an ordinary article is shown whole: every line has its anchor', async () => {
    const { html, text } = await sourcePage(seed());
    const lines = text.split('\n').length;
    expect([...html.matchAll(/ id="L(\d+)"/g)].map((m) => Number(m[1]))).toEqual(Array.from({ length: lines }, (_, i) => i + 1));
    expect(html).not.toContain('not shown');
  });

  it(`past ${FULL_SOURCE_CHARS / 1024} KB, long runs of lines not kept are cut to their ends, and every kept line and diagnostic stays`, async () => {
    // 300 KB of lines that are no part of the body (a code block of a saved page, say) before the article.
    const filler = Array.from({ length: 6000 }, (_, i) => `<!-- ${i} ${'x'.repeat(40)} -->`).join('\n');
    const { html, record, text } = await sourcePage(`${seed()}\n\n${filler}\n`, 'big.md');
    expect(text.length).toBeGreaterThan(FULL_SOURCE_CHARS);
    expect(html).toMatch(/… \d+ lines not kept, not shown \(the source is over 256 KB\) …/);
    expect(html.length).toBeLessThan(text.length);
    for (const item of record.sections.flatMap((s) => s.items)) expect(html).toContain(` id="L${item.position.start.line}"`);
    for (const d of record.diagnostics) expect(html).toContain(` id="L${d.line}"`);
  });

  it(`a line over ${LONG_LINE_CHARS} characters (a minified page) is shown around what was kept, the rest counted`, async () => {
    const page = `<html><body><div>${'<span>chrome</span>'.repeat(2000)}</div><div class="article-content"><p>${seed().split('\n').slice(0, 3).join('</p><p>')}</p></div>${'<i>tail</i>'.repeat(2000)}</body></html>`;
    const { html, text } = await sourcePage(page, 'min.html');
    expect(text.split('\n').length).toBe(1);
    expect(html).toMatch(/… [\d,]+ characters …/);
    expect(html.length).toBeLessThan(text.length);
    // The kept text is there.
    expect(html).toContain('类风湿关节炎(Rheumatoid Arthritis, RA)');
  });

  it(`shows at most ${MAX_SHOWN_CHARS / 1024 / 1024} MB of source, and says where it stops`, async () => {
    const huge = Array.from({ length: 5000 }, (_, i) => `${i}月1日,${'正文'.repeat(300)}`).join('\n');
    const { html } = await sourcePage(huge, 'huge.txt');
    expect(html).toMatch(/The page stops at line \d+ of 5000/);
    expect(html.length).toBeLessThan(MAX_SHOWN_CHARS * 4);
  }, 60_000);
});

describe('the diff of two versions of an article', () => {
  it('pairs items by text, then paper title, DOI, date and journal; what is left was added or removed', async () => {
    const { record } = await ingestDetailed({ path: repo('fixtures/articles/ra-2025.txt') }, { pipeline: pipeline() });
    const before = articleDigest(record);
    const after = structuredClone(before);
    after.items[0]!.date = '2025-01-08';
    after.items[0]!.text = 'ffffffffffffffff';
    after.items[1]!.dois = ['10.1000/other'];
    const gone = after.items.splice(2, 1)[0]!;
    after.items.push({ ...gone, at: 's99-0', text: 'eeeeeeeeeeeeeeee', paperTitle: 'a new paper', dois: ['10.1000/new'], journal: 'Another Journal' });
    const diff = diffDigests(before, after);
    expect(diff.changed.map((c) => [c.before.at, c.fields])).toEqual([
      [before.items[0]!.at, ['date', 'text']],
      [before.items[1]!.at, ['dois']],
    ]);
    expect(diff.added.map((i) => i.paperTitle)).toEqual(['a new paper']);
    expect(diff.removed.map((i) => i.at)).toEqual([gone.at]);
    expect(diffDigests(before, before)).toMatchObject({ added: [], removed: [], changed: [], references: [], id: null, path: null, title: null });
  });
});

describe('what each run of source lines became', () => {
  const kinds = (html: string) => [...new Set([...html.matchAll(/<p class="what"><span class="kind[^"]*">([^<]+)<\/span>/g)].map((m) => m[1]))].sort();

  it('a saved page: markup not kept, prose, headings (with their English), items (with their facts), the title, references, boilerplate', async () => {
    const { doc, record } = await ingestDetailed({ path: repo('fixtures/articles/ra-2025-site.html') }, { pipeline: pipeline() });
    const html = renderSourcePage(record, { text: doc.text, blocks: doc.blocks });
    expect(kinds(html)).toEqual(['Dropped as boilerplate', 'Heading', 'Item', 'Kept', 'Not kept', 'Prose', 'Reference']);
    expect(html).toContain('<span class="kind none">Not kept</span>: markup and page chrome (');
    expect(html).toContain('<p class="got en" lang="en">');
    expect(html).toMatch(/<p class="facts-line">Facts: [^<]+<\/p>/);
  });

  it('an item over several source lines is shown once, then "(continued)"', async () => {
    const { doc, record } = await ingestDetailed({ path: repo('fixtures/articles/ra-2025-markdown.md') }, { pipeline: pipeline() });
    const html = renderSourcePage(record, { text: doc.text, blocks: doc.blocks });
    expect(html).toContain('<p class="cont">(continued)</p>');
  });
});
