import { beforeAll, describe, expect, it } from 'vitest';
import { articleDigest } from '../../../src/dataset/changes.js';
import type { ArticleRecord } from '../../../src/generated/article.js';
import type { ArticleChange, ArticleDigest } from '../../../src/generated/changes.js';
import { ingest } from '../../../src/ingest.js';
import { renderArticlePage } from '../../../src/report/html/article.js';
import { pipeline, repo } from '../../helpers.js';

let record: ArticleRecord;
let current: ArticleDigest;
beforeAll(async () => {
  record = await ingest({ path: repo('fixtures/articles/ra-2025.txt') }, { pipeline: pipeline(), id: 'ra-2025' });
  current = articleDigest(record);
});

/** The change panel of the page, as text between its section tags. */
const panel = (html: string) => /<section[^>]*id="changes"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';

describe('the article page’s change panel', () => {
  it('none on a first build; a line for a new article', () => {
    const first: ArticleChange = { id: 'ra-2025', status: 'first', revision: 1, previousId: null, current, previous: null };
    expect(panel(renderArticlePage(record, { change: first }))).toBe('');
    expect(panel(renderArticlePage(record))).toBe('');
    const fresh: ArticleChange = { ...first, status: 'new', revision: 3 };
    expect(panel(renderArticlePage(record, { change: fresh }))).toContain('Added in revision 3: the previous build had no such article.');
  });

  it('a changed article: id, input, title, items new, changed and removed, references by kind; the items badged in place', () => {
    const [first, second, third, ...rest] = current.items;
    const previous: ArticleDigest = {
      id: 'ra-old',
      path: null,
      title: null,
      items: [{ ...second!, date: '2024-12-31' }, { ...third!, text: 'ffffffffffffffff', journal: null, paperTitle: null, dois: ['10.9/gone'], excerpt: '一条旧的<条目>' }, ...rest],
      references: [...current.references.slice(1).map((r, i) => (i === 0 ? { ...r, doi: '10.9/old' } : r)), { number: 99, doi: '10.9/removed' }],
    };
    const html = renderArticlePage(record, { change: { id: 'ra-2025', status: 'changed', revision: 4, previousId: 'ra-old', current, previous } });
    const text = panel(html);
    expect(text).toContain('Changed in revision 4, compared with the version before:');
    expect(text).toContain('<li>Id <code>ra-old</code> → <code>ra-2025</code></li>');
    expect(text).toContain(`<li>Input <code>standard input</code> → <code>${record.source.path}</code></li>`);
    expect(text).toMatch(/<li>Title <span lang="zh-Hans">\(none\)<\/span> → <span lang="zh-Hans">[^<]+<\/span><\/li>/);
    expect(text).toContain(`<span class="badge new">new</span> <a href="#${first!.at}">`);
    expect(text).toContain(`<span class="badge changed">changed</span> <a href="#${second!.at}">`);
    expect(text).toContain(`date 2024-12-31 → ${second!.date}`);
    expect(text).toContain('<span class="badge removed">removed</span> ');
    expect(text).toContain(' · <code>10.9/gone</code>: <q lang="zh-Hans">一条旧的&lt;条目&gt;…</q>');
    const firstRef = current.references[0]!;
    expect(text).toContain(`Reference <a href="#ref-${firstRef.number}">[${firstRef.number}]</a> new${firstRef.doi ? `, DOI <code>${firstRef.doi}</code>` : ''}`);
    expect(text).toContain('Reference <a href="#ref-99">[99]</a> removed (DOI <code>10.9/removed</code>)');
    expect(text).toMatch(/Reference <a href="#ref-\d+">\[\d+\]<\/a> DOI <code>10\.9\/old<\/code> → /);
    // The items themselves carry the badge and, when changed, the note.
    expect(html).toContain(`Changed in revision 4: date 2024-12-31 → ${second!.date}.`);
    expect(html).toContain(`<article class="item is-new" id="${first!.at}"`);
  });

  it('only places moved: said so', () => {
    const previous: ArticleDigest = { ...current, items: current.items.map((i, k) => (k === 0 ? { ...i, at: 's0-0' } : i)) };
    const text = panel(renderArticlePage(record, { change: { id: 'ra-2025', status: 'changed', revision: 2, previousId: 'ra-2025', current, previous } }));
    expect(text).toContain(`moved (s0-0 → ${current.items[0]!.at})`);
    const same = panel(renderArticlePage(record, { change: { id: 'ra-2025', status: 'changed', revision: 2, previousId: 'ra-2025', current, previous: current } }));
    expect(same).toContain('<li>Only the places of items moved.</li>');
  });
});

describe('the article page of a record read from standard input, without diagnostics', () => {
  it('names standard input, and says the pipeline found nothing to doubt', () => {
    const bare: ArticleRecord = { ...record, source: { ...record.source, path: null }, diagnostics: [] };
    const html = renderArticlePage(bare);
    expect(html).toContain('None: the pipeline found nothing to doubt');
    expect(html).toMatch(/from standard input, SHA-256/);
  });
});
