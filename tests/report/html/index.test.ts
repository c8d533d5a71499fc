import { describe, expect, it } from 'vitest';
import type { ArticleChange, ArticleDigest, DatasetChanges } from '../../../src/generated/changes.js';
import { changeFact, indexPageText, indexRowCells, renderIndexPage, type IndexRow, type IndexRowCells } from '../../../src/report/html/index.js';
import { jsonForScript } from '../../../src/report/html/html.js';
import { SearchIndexBuilder, SearchIndexText, type SearchEntry } from '../../../src/report/html/search.js';

const counts = { months: 2, items: 3, references: 2, referencesWithDoi: 1, entities: 4, errors: 0, warnings: 0, infos: 0 };
const zero = { months: 0, items: 0, references: 0, referencesWithDoi: 0, entities: 0 };
const row = (id: string, more: Partial<IndexRow> = {}): IndexRow => ({
  path: `in/${id}.txt`,
  id,
  status: 'ok',
  title: `${id} 标题`,
  titleEn: null,
  topic: null,
  period: null,
  missingMonths: [],
  outOfOrderMonths: [],
  timeline: ['2025-01', '2025-03'],
  problems: {},
  ...counts,
  ...more,
});
const digest = (id: string, texts: string[]): ArticleDigest => ({
  id,
  path: `in/${id}.txt`,
  title: null,
  items: texts.map((text, i) => ({ at: `s1-${i}`, date: '2025-01-02', journal: null, paperTitle: null, dois: [], text, excerpt: text })),
  references: [],
});


/** An article's change: `now` and `before` are its items' texts (no previous digest: none). */
const changeOf = (id: string, status: ArticleChange['status'], revision: number, now: string[], before: string[] | null = null): ArticleChange => ({
  id, status, revision, previousId: status === 'changed' ? id : null, current: digest(id, now), previous: before && digest(id, before),
});

/** An article's search entry: one item in `journal`, one entity, no reference. */
const entryOf = (id: string, journal = 'Cell'): SearchEntry => ({
  id, title: `${id} <标题>`, titleEn: null, topic: null,
  items: [{ at: 's1-0', date: '2025-01-02', journal, title: null, titleEn: null, dois: [], institution: null, country: null }],
  entities: [{ id: 'disease:lupus', type: 'disease', label: 'lupus', surfaces: ['狼疮'], count: 1 }],
  references: [],
});

describe('the index page: diagnostics and changes of each article', () => {
  it('counts of errors and warnings linked to the list, each rule to its first diagnostic; a failed input links nowhere', () => {
    const html = renderIndexPage(
      [row('a', { errors: 1, warnings: 2, problems: { 'body-empty': 1, 'item-uncited': 2 } }), row('b'), row('c', { ...zero, id: null, status: 'failed', errors: 1, problems: { 'input-unreadable': 1 }, timeline: [] })],
      'digest',
    );
    expect(html).toContain('<a href="a.html#diagnostics"><span class="sev error">1 error</span> <span class="sev warning">2 warnings</span></a><br><span class="rules"><a href="a.html#rule-body-empty"><code>body-empty</code></a>, <a href="a.html#rule-item-uncited"><code>item-uncited</code> ×2</a></span>');
    expect(html).toContain('<td data-label="Diagnostics" data-v="1000000000000"><span class="sev error">failed</span><br><span class="rules"><code>input-unreadable</code></span></td>');
    expect(html).toContain('<td data-label="Diagnostics" data-v="0">none</td>');
    expect(html).toContain('<span class="year">no months</span>');
  });

  it('the latest revision: changed articles with what changed (or only item places), added ones, removed ones with their input; older changes dated', () => {
    const changes: DatasetChanges = {
      schemaVersion: '1.2.0',
      revision: 3,
      articles: [
        { id: 'a', status: 'changed', revision: 3, previousId: 'a', current: digest('a', ['x', 'y']), previous: digest('a', ['x']) },
        { id: 'b', status: 'changed', revision: 3, previousId: 'b', current: { ...digest('b', ['x']), items: [{ ...digest('b', ['x']).items[0]!, at: 's2-0' }] }, previous: digest('b', ['x']) },
        { id: 'c', status: 'new', revision: 3, previousId: null, current: digest('c', ['x']), previous: null },
        { id: 'd', status: 'new', revision: 2, previousId: null, current: digest('d', ['x']), previous: null },
      ],
      removed: [
        { id: 'gone', revision: 3, last: digest('gone', ['x']) },
        { id: 'piped', revision: 3, last: { ...digest('piped', []), path: null } },
      ],
    };
    const html = renderIndexPage(['a', 'b', 'c', 'd'].map((id) => row(id)), 'digest', { changes });
    expect(html).toContain(
      '<p class="revision">Revision 3, the last build that changed the dataset: changed <a href="a.html#changes">a</a> (1 new item), <a href="b.html#changes">b</a> (1 changed item); added <a href="c.html#changes">c</a>; removed <code>gone</code> (in/gone.txt), <code>piped</code>.',
    );
    expect(html).toContain('<a href="d.html#changes"><span class="badge new">new</span></a> <span class="muted">(rev. 2)</span>');
    expect(html).toContain('<a href="a.html#changes"><span class="badge changed">changed</span></a> 1 new item');
  });

  it('a revision that lists nothing says so; the first build says there is nothing to compare with', () => {
    const quiet: DatasetChanges = { schemaVersion: '1.2.0', revision: 2, articles: [{ id: 'a', status: 'first', revision: 1, previousId: null, current: digest('a', []), previous: null }], removed: [] };
    expect(renderIndexPage([row('a')], 'digest', { changes: quiet })).toContain('the last build that changed the dataset: nothing listed.');
    const first: DatasetChanges = { ...quiet, revision: 1 };
    const html = renderIndexPage([row('a')], 'digest', { changes: first });
    expect(html).toContain('Revision 1: the first build into this folder');
    expect(html).toContain('<span class="muted" title="first build: nothing to compare with">–</span>');
  });

  it('as a stream: the same page, piece by piece, from the change view and the search entries read as it goes', () => {
    const changes: DatasetChanges = {
      schemaVersion: '1.2.0',
      revision: 2,
      articles: [changeOf('a', 'changed', 2, ['x', 'y'], ['x']), changeOf('b', 'first', 1, ['x'])],
      removed: [{ id: 'gone', revision: 2, last: digest('gone', ['x']) }],
    };
    const entries = ['a', 'b'].map((id) => entryOf(id));
    const builder = new SearchIndexBuilder();
    for (const e of entries) builder.add(e);
    const rows = [row('b'), row('a'), row('c', { ...zero, id: null, status: 'failed', errors: 1, problems: { 'input-unreadable': 1 }, timeline: [] })];
    const whole = renderIndexPage(rows, 'digest', { changes, search: builder.build() });
    const reads = { changes: 0, search: 0 };
    const pieces = [
      ...indexPageText(rows, 'digest', {
        changes: { revision: changes.revision, removed: changes.removed, articles: () => (reads.changes++, changes.articles) },
        search: () => (reads.search++, entries),
      }),
    ];
    expect(pieces.join('')).toBe(whole);
    expect(reads).toEqual({ changes: 1, search: 1 });
    // One piece a row (and a few around them), never the page in one.
    expect(pieces.length).toBeGreaterThan(rows.length);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(whole.length / 2);
    expect(renderIndexPage(rows, 'digest')).toBe([...indexPageText(rows, 'digest', { changes: null, search: null })].join(''));
  });

  it('made from what a build keeps as its articles settle — each change’s facts, the search index’s text made entry by entry — the same page', () => {
    const changes: DatasetChanges = {
      schemaVersion: '1.2.0',
      revision: 3,
      articles: [changeOf('a', 'changed', 3, ['x', 'y'], ['x']), changeOf('b', 'new', 2, ['x']), changeOf('c', 'changed', 3, ['x'], ['x']), changeOf('d', 'new', 3, ['x'])],
      removed: [],
    };
    const entries = ['a', 'b', 'c', 'd'].map((id) => ({ ...entryOf(id, id === 'c' ? 'Blood' : 'Cell'), references: [{ number: 1, doi: `10.1/${id}`, title: null }] }));
    const builder = new SearchIndexBuilder();
    for (const e of entries) builder.add(e);
    const rows = ['d', 'c', 'b', 'a'].map((id) => row(id));
    const whole = renderIndexPage(rows, 'digest', { changes, search: builder.build() });
    const search = new SearchIndexText(jsonForScript);
    for (const e of entries) search.add(e);
    const facts = changes.articles.map((a) => JSON.parse(JSON.stringify(changeFact(a))) as ReturnType<typeof changeFact>);
    expect([...indexPageText(rows, 'digest', { changes: { revision: 3, removed: [], facts: () => facts }, search })].join('')).toBe(whole);
  });

  it('rows written before (as a build’s threads write them: indexRowCells), as text or as UTF-8 bytes in one buffer used again, make the same page', () => {
    const changes: DatasetChanges = {
      schemaVersion: '1.2.0',
      revision: 2,
      articles: [changeOf('a', 'changed', 2, ['x', 'y'], ['x']), changeOf('b', 'first', 1, ['x'])],
      removed: [],
    };
    const rows = [
      row('a', { warnings: 2, problems: { 'item-undated': 2 }, missingMonths: ['2025-02'], period: { start: '2025-01', end: '2025-03' }, titleEn: 'A & “B” <c>' }),
      row('b', { timeline: ['2024-12', '2025-01'], outOfOrderMonths: ['2024-12'], topic: { therapy: 'stem cell therapy', disease: { id: 'disease:lupus', label: 'lupus' } } as IndexRow['topic'] }),
      row('c', { ...zero, id: null, status: 'failed', errors: 1, problems: { 'input-unreadable': 1 }, timeline: [] }),
    ];
    const whole = renderIndexPage(rows, 'digest', { changes });
    const sources = { changes: { revision: changes.revision, removed: changes.removed, articles: () => changes.articles }, search: null };
    const written = rows.map((r) => indexRowCells(r));
    expect(written.map((w) => w.id)).toEqual(['a', 'b', null]);
    expect(written.map((w) => w.cells[0])).toEqual(['1', '0', '1']);
    const asText = [...indexPageText({ count: 3, ok: 2, ordered: () => written }, 'digest', sources)];
    expect(asText.join('')).toBe(whole);
    // Each row's bytes written over the one before's, as a ledger's window is: each piece is taken as it comes.
    const shared = Buffer.alloc(64 * 1024);
    const asBytes = function* (): Generator<IndexRowCells> {
      for (const w of written) {
        shared.fill(0);
        const length = shared.write(w.cells, 0, 'utf8');
        yield { id: w.id, cells: shared.subarray(0, length) };
      }
    };
    const bytes: Buffer[] = [];
    for (const piece of indexPageText({ count: 3, ok: 2, ordered: asBytes }, 'digest', sources)) bytes.push(Buffer.from(piece));
    expect(Buffer.concat(bytes).toString('utf8')).toBe(whole);
    // Mixed with rows as fields, in any order given: the same page.
    expect([...indexPageText({ count: 3, ok: 2, ordered: () => [written[0]!, rows[1]!, written[2]!] }, 'digest', sources)].join('')).toBe(whole);
  });
});
