import { describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../../../src/generated/article.js';
import { SearchIndexBuilder, topicText, type SearchEntry } from '../../../src/report/html/search.js';

type Topic = ArticleRecord['topic'];

const entry = (id: string, label: string, journal: string | null): SearchEntry => ({
  id,
  title: `${id} 标题`,
  titleEn: null,
  topic: null,
  items: [{ at: 's1-0', date: '2025-03-02', journal, title: null, titleEn: null, dois: [], institution: null, country: null }],
  entities: [{ id: 'disease:lupus', type: 'disease', label, surfaces: [`${id}狼疮`], count: 2 }],
  references: [{ number: 1, doi: `10.1/${id}`, title: null }],
});

describe('the search index', () => {
  it('topicText: therapy and disease, either alone, or nothing', () => {
    expect(topicText({ therapy: 'stem cell therapy', disease: { id: 'disease:lupus', label: 'lupus' } } as Topic)).toBe('stem cell therapy · lupus');
    expect(topicText({ therapy: null, disease: { id: 'disease:lupus', label: 'lupus' } } as Topic)).toBe('lupus');
    expect(topicText({ therapy: null, disease: null } as Topic)).toBeNull();
    expect(topicText(null)).toBeNull();
  });

  it('the same entries in any order give the same index: articles by id, a concept labelled as the first article by id says', () => {
    const build = (entries: SearchEntry[]) => {
      const builder = new SearchIndexBuilder();
      for (const e of entries) builder.add(e);
      return builder.build();
    };
    const a = entry('a', 'lupus (from a)', 'Cell');
    const b = entry('b', 'lupus (from b)', null);
    const index = build([b, a]);
    expect(index).toEqual(build([a, b]));
    expect(index.articles.map((x) => x.id)).toEqual(['a', 'b']);
    expect(index.journals).toEqual(['Cell']);
    expect(index.items.map((i) => [i.article, i.journal])).toEqual([[0, 0], [1, null]]);
    expect(index.entities).toEqual([{ id: 'disease:lupus', type: 'disease', label: 'lupus (from a)', surfaces: ['a狼疮', 'b狼疮'], in: [{ article: 0, count: 2 }, { article: 1, count: 2 }] }]);
  });
});
