import { beforeAll, describe, expect, it } from 'vitest';
import { articleDigest } from '../../../src/dataset/changes.js';
import type { ArticleRecord, Facts } from '../../../src/generated/article.js';
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

describe('an item’s facts beside it', () => {
  it('institution (with its English label, or said not in the lexicon), country, outcomes linked to their clause (shared when they overlap, or not found)', () => {
    const copy: ArticleRecord = structuredClone(record);
    const item = copy.sections.flatMap((s) => s.items)[0]!;
    item.text = '治疗12周后，ACR20应答率为60%，较基线的20%显著改善，安慰剂组为30%。';
    item.entities = [];
    const outcome = { measureId: null, unit: '%', population: null, approximate: false };
    item.facts = {
      institution: { text: '某某医院', label: null },
      country: null,
      outcomes: [
        { ...outcome, measure: 'ACR20', value: 60, timepoint: '12 weeks', comparator: '安慰剂', baseline: 20, text: 'ACR20应答率为60%' },
        { ...outcome, measure: 'ACR20 (placebo)', value: 30, timepoint: null, comparator: null, baseline: null, approximate: true, text: '应答率为60%，较基线' },
        { ...outcome, measure: 'DAS28', value: 2, timepoint: null, comparator: null, baseline: null, text: 'DAS28下降2分' },
      ],
    } satisfies Facts;
    const html = renderArticlePage(copy);
    const id = copy.sections.findIndex((s) => s.items.includes(item));
    const itemId = `s${id}-0`;
    expect(html).toContain('<span lang="zh-Hans">某某医院</span> <span class="muted">(not in the lexicon)</span>');
    expect(html).toContain('<dt>Country</dt><dd><span class="muted">none found</span></dd>');
    expect(html).toContain(`<li id="${itemId}-o0" data-clause="${itemId}-c0"><span class="measure">ACR20</span> <span class="value">60% (from 20%)</span> <span class="k">at</span> 12 weeks <span class="k">vs</span> <span lang="zh-Hans">安慰剂</span>`);
    // The second outcome's text overlaps the first's clause: it shares it.
    expect(html).toContain(`<li id="${itemId}-o1" data-clause="${itemId}-c0"><span class="measure">ACR20 (placebo)</span> <span class="value">≈30%</span><br>`);
    expect(html).toContain(`<li id="${itemId}-o2" data-clause=""><span class="measure">DAS28</span> <span class="value">2%</span><br><span class="from">from <span class="muted">clause not found in the text</span>`);
    expect(html).toContain('<p class="outcomes-h">Outcomes (3)</p>');
    const labelled = structuredClone(copy);
    labelled.sections[id]!.items[0]!.facts!.institution = { text: '某某医院', label: 'Some Hospital' };
    labelled.sections[id]!.items[0]!.facts!.outcomes = [];
    const other = renderArticlePage(labelled);
    expect(other).toContain('<span lang="zh-Hans">某某医院</span><br><span class="en" lang="en">Some Hospital</span>');
    expect(other).toContain('<p class="muted">No outcomes found.</p>');
  });
});

describe('an item’s text marked up: mentions, citations and the clauses outcomes were read from', () => {
  it('a clause widened over a mention it cuts (at its start or end), closed before the next one opens, sharing with one it overlaps; the text between escaped; without outcomes, the marks alone', () => {
    const copy: ArticleRecord = structuredClone(record);
    const [a, b] = copy.entities as [ArticleRecord['entities'][number], ArticleRecord['entities'][number]];
    const item = copy.sections.flatMap((s) => s.items)[0]!;
    const itemId = `s${copy.sections.findIndex((s) => s.items.includes(item))}-0`;
    item.text = '甲细胞<乙药>治疗后&缓解率为60%[1]，乙药组为30%；甲细胞组[2]无变化。';
    const mention = (entity: string, text: string) => ({ entity, text, start: 0, end: text.length });
    item.entities = [mention(a.id, '甲细胞'), mention(b.id, '乙药'), mention(a.id, '甲细胞')] as typeof item.entities;
    const outcome = { measureId: null, unit: '%', population: null, approximate: false, timepoint: null, comparator: null, baseline: null };
    item.facts = {
      institution: null,
      country: null,
      outcomes: [
        { ...outcome, measure: 'response', value: 60, text: '细胞<乙药>治疗后&缓解率为60%[1]' },
        { ...outcome, measure: 'response (placebo)', value: 30, text: '，乙药组为30%' },
        { ...outcome, measure: 'change', value: 0, text: '；甲细' },
        { ...outcome, measure: 'response (overlap)', value: 60, text: '治疗后' },
        { ...outcome, measure: 'none', value: 0, text: '不在文中' },
      ],
    } satisfies Facts;
    const mark = (e: typeof a, text: string) => `<mark class="ent ${e.type}" data-entity="${e.id}" title="${e.type}: ${e.label}">${text}</mark>`;
    const cite = (n: number) => `[<a class="cite" href="#ref-${n}" aria-label="reference ${n}">${n}</a>]`;
    const links = (...ns: number[]) => ns.map((n) => `<a class="cn" href="#${itemId}-o${n}" aria-label="outcome ${n + 1}">${n + 1}</a>`).join('');
    const open = (c: number) => `<span class="clause" id="${itemId}-c${c}" tabindex="-1">`;
    const textOf = (html: string) => /<p class="text"[^>]*>(.*?)<\/p>/.exec(html.slice(html.indexOf(`id="${itemId}"`)))![1];
    expect(textOf(renderArticlePage(copy))).toBe(
      `${open(0)}${mark(a, '甲细胞')}&lt;${mark(b, '乙药')}&gt;治疗后&amp;缓解率为60%${cite(1)}${links(0, 3)}</span>` +
        `${open(1)}，乙药组为30%${links(1)}</span>${open(2)}；${mark(a, '甲细胞')}${links(2)}</span>组${cite(2)}无变化。`,
    );
    delete item.facts;
    expect(textOf(renderArticlePage(copy))).toBe(`${mark(a, '甲细胞')}&lt;${mark(b, '乙药')}&gt;治疗后&amp;缓解率为60%${cite(1)}，乙药组为30%；${mark(a, '甲细胞')}组${cite(2)}无变化。`);
  });
});

describe('the article page of an edited record: what cannot be shown is left out, never guessed', () => {
  it('mentions of unknown entities or of text not in the item are not marked; an unknown citation number is not linked; links beside a reference; no title, the id', () => {
    const copy: ArticleRecord = structuredClone(record);
    const item = copy.sections.flatMap((s) => s.items)[0]!;
    item.text = '研究[1]与[99]：干细胞治疗有效。';
    item.entities = [
      { entity: 'nothing:such', text: '干细胞', start: 0, end: 3 },
      { entity: copy.entities[0]!.id, text: '不在文中', start: 0, end: 4 },
    ] as typeof item.entities;
    delete item.facts;
    copy.references[0]!.csl = { ...copy.references[0]!.csl, DOI: '10.1000/x', URL: 'https://example.org/elsewhere', PMID: '12345', PMCID: 'PMC67890' } as typeof copy.references[0]['csl'];
    copy.title = null;
    copy.titleEn = null;
    const html = renderArticlePage(copy);
    expect(html).toContain('<a class="cite" href="#ref-1" aria-label="reference 1">1</a>');
    expect(html).toContain('[99]');
    expect(html).not.toContain('href="#ref-99"');
    expect(html).not.toContain('data-entity="nothing:such"');
    expect(html).toContain('<a href="https://doi.org/10.1000/x">DOI 10.1000/x</a> <a href="https://pubmed.ncbi.nlm.nih.gov/12345/">PMID 12345</a> <a href="https://www.ncbi.nlm.nih.gov/pmc/articles/PMC67890/">PMC67890</a> <a href="https://example.org/elsewhere">link</a>');
    expect(html).toContain(`<h1><span lang="zh-Hans">ra-2025</span></h1>`);
    expect(html).toContain('<title>ra-2025 — digest review</title>');
  });
});

describe('headings and counts from what the record has', () => {
  it('a section without a heading is named by its English heading, else by its kind; one mention of one entity is said in the singular', () => {
    const copy: ArticleRecord = structuredClone(record);
    copy.sections[0] = { ...copy.sections[0]!, heading: null, headingEn: 'Opening words' };
    copy.sections[1] = { ...copy.sections[1]!, heading: null, headingEn: null, kind: 'outlook' };
    copy.entities = [{ ...copy.entities[0]!, mentions: copy.entities[0]!.mentions.slice(0, 1) }];
    const html = renderArticlePage(copy);
    expect(html).toContain('<h2 id="s0-h"><span lang="en">Opening words</span></h2>');
    expect(html).toContain('<h2 id="s1-h"><span lang="en">Outlook</span></h2>');
    expect(html).toContain('<p>1 mention of 1 entity, highlighted by type;');
  });
});
