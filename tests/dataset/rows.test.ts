import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { recordRows, TABLES } from '../../src/dataset/tables.js';
import type { ArticleRecord } from '../../src/generated/article.js';
import { ingestDetailed } from '../../src/ingest.js';
import { jsonForScript } from '../../src/report/html/html.js';
import { prepareSearch, searchEntry, type SearchEntry } from '../../src/report/html/search.js';
import { pipeline, repo } from '../helpers.js';

/** Calls into JSON.stringify while `f` runs, and what it returns. */
function counted<T>(f: () => T): { value: T; calls: number } {
  const stringify = vi.spyOn(JSON, 'stringify');
  try {
    const value = f();
    return { value, calls: stringify.mock.calls.length };
  } finally {
    stringify.mockRestore();
  }
}

describe('the rows of a record: one JSON.stringify a table', () => {
  it.each(['ra-2025.txt', 'as-2025-wechat.html'])('%s: each row as JSON.stringify writes it alone, given the search entry’s surfaces or not, a few calls in all', async (name) => {
    const { record } = await ingestDetailed({ path: repo(`fixtures/articles/${name}`) }, { pipeline: pipeline() });
    const expected: Record<string, string> = {};
    let rows = 0;
    for (const table of TABLES) {
      const lines = (table.rowsOf as (r: ArticleRecord) => object[])(record).map((row) => JSON.stringify(row));
      rows += lines.length;
      expected[table.name] = lines.length ? `${lines.join('\n')}\n` : '';
    }
    const surfaces = searchEntry(record).entities.map((e) => e.surfaces);
    const { value, calls } = counted(() => recordRows(record, surfaces));
    expect(value).toEqual(expected);
    expect(recordRows(record)).toEqual(expected);
    expect(rows).toBeGreaterThan(20);
    // Two a table at most (the list, the first member's name), where one a row was.
    expect(calls).toBeLessThanOrEqual(2 * TABLES.length);
  });
});

/** prepareSearch's texts as made one value at a time (what jsonOfEach stands for). */
function preparedOneByOne(entry: SearchEntry, encode: (value: unknown) => string) {
  let items = '';
  for (const item of entry.items) {
    const before = encode({ at: item.at, date: item.date }).slice(1, -1);
    const after = encode({ title: item.title, titleEn: item.titleEn, dois: item.dois, institution: item.institution, country: item.country }).slice(1);
    items += `${before.length} ${before}${after}\n`;
  }
  let references = '';
  for (const r of entry.references) references += `${encode({ number: r.number, doi: r.doi, title: r.title }).slice(1)}\n`;
  let entities = '';
  for (const e of entry.entities) entities += `${e.count} ${JSON.stringify({ id: e.id, type: e.type, label: e.label, surfaces: e.surfaces })}\n`;
  return { items, references, entities };
}

describe('prepareSearch: its items, references and entity lines from one call a list', () => {
  const text = fc.oneof(fc.string(), fc.array(fc.constantFrom(',"title":', '},{"at":', '},{"number":', '},{"id":', '"', '\\', '<', '&', '\u2028', '😀', '\ud83d', '\ude00', '中', 'a'), { maxLength: 6 }).map((p) => p.join('')));
  const orNull = fc.option(text, { nil: null });
  const entries = fc.record({
    id: text,
    title: orNull,
    titleEn: orNull,
    topic: orNull,
    items: fc.array(fc.record({ at: text, date: text, journal: orNull, title: orNull, titleEn: orNull, dois: fc.array(text, { maxLength: 2 }), institution: orNull, country: orNull }), { maxLength: 6 }),
    entities: fc.array(fc.record({ id: text, type: text, label: text, surfaces: fc.array(text, { maxLength: 3 }), count: fc.nat() }), { maxLength: 6 }),
    references: fc.array(fc.record({ number: fc.nat(), doi: text, title: orNull }), { maxLength: 6 }),
  });

  it('the same texts as each value encoded alone, on seeded random entries (the cut texts inside strings, unicode, lone surrogates)', () => {
    fc.assert(
      fc.property(entries, fc.boolean(), (entry, forScript) => {
        const encode = forScript ? jsonForScript : JSON.stringify;
        const prepared = prepareSearch(entry, encode, true);
        expect({ items: prepared.items, references: prepared.references, entities: prepared.entities }).toEqual(preparedOneByOne(entry, encode));
      }),
      { seed: 4242, numRuns: 1500 },
    );
  });

  it('an item whose title JSON drops (undefined) still gives its halves', () => {
    const entry = { id: 'a', title: null, titleEn: null, topic: null, items: [0, 1].map((i) => ({ at: `s0-${i}`, date: '2025', journal: null, title: undefined as unknown as null, titleEn: 'x', dois: [], institution: null, country: null })), entities: [], references: [] };
    expect(prepareSearch(entry, JSON.stringify).items).toBe(preparedOneByOne(entry, JSON.stringify).items);
  });

  it('a fixed number of calls whatever the number of items, entities and references', async () => {
    const { record } = await ingestDetailed({ path: repo('fixtures/articles/ra-2025.txt') }, { pipeline: pipeline() });
    const entry = searchEntry(record);
    expect(entry.items.length + entry.entities.length + entry.references.length).toBeGreaterThan(30);
    const { value, calls } = counted(() => prepareSearch(entry, JSON.stringify, true));
    expect(value).toMatchObject(preparedOneByOne(entry, JSON.stringify));
    expect(calls).toBeLessThanOrEqual(10);
  });
});
