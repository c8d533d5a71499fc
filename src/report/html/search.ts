import type { ArticleRecord } from '../../generated/article.js';
import type { SearchIndex } from '../../generated/search-index.js';

/** What one article adds to the review index's search: made from its record, small enough to cache with its rows. */
export interface SearchEntry {
  id: string;
  title: string | null;
  titleEn: string | null;
  topic: string | null;
  items: { at: string; date: string; journal: string | null; title: string | null; titleEn: string | null; dois: string[]; institution: string | null; country: string | null }[];
  entities: { id: string; type: string; label: string; surfaces: string[]; count: number }[];
  references: { number: number; doi: string; title: string | null }[];
}

/** The topic of a record in words ("stem cell therapy · rheumatoid arthritis"), or null. */
export function topicText(topic: ArticleRecord['topic']): string | null {
  if (!topic) return null;
  return [topic.therapy, topic.disease?.label].filter(Boolean).join(' · ') || null;
}

/** The search entry of a record: its title and topic, each item's date, journal, paper title, DOIs and facts, its entities, its DOIs. */
export function searchEntry(record: ArticleRecord): SearchEntry {
  const doiOf = new Map(record.references.map((r) => [r.id, typeof r.csl.DOI === 'string' ? r.csl.DOI : null]));
  return {
    id: record.id,
    title: record.title,
    titleEn: record.titleEn,
    topic: topicText(record.topic),
    items: record.sections.flatMap((section, i) =>
      section.items.map((item, j) => {
        const institution = item.facts?.institution;
        return {
          at: `s${i}-${j}`,
          date: item.date,
          journal: item.journal,
          title: item.paperTitle ?? null,
          titleEn: item.paperTitleEn ?? null,
          dois: item.citations.map((id) => doiOf.get(id) ?? null).filter((d): d is string => d !== null),
          institution: institution ? [institution.text, institution.label].filter(Boolean).join(' · ') : null,
          country: item.facts?.country ?? null,
        };
      }),
    ),
    entities: record.entities.map((e) => ({ id: e.id, type: e.type, label: e.label, surfaces: [...new Set(e.mentions.map((m) => m.text))].sort(), count: e.mentions.length })),
    references: record.references.flatMap((r) => {
      const doi = doiOf.get(r.id);
      return doi ? [{ number: r.number, doi, title: typeof r.csl.title === 'string' ? r.csl.title : null }] : [];
    }),
  };
}

/**
 * Gathers the search entries of a dataset's articles (in any order) into the index the review
 * index embeds (schemas/search-index.schema.json): articles by id, journals and entities once
 * each however many articles name them. The same entries give the same index, byte for byte.
 */
export class SearchIndexBuilder {
  /** Each article's entry without its entities, which are gathered by concept as they come. */
  private readonly entries = new Map<string, Omit<SearchEntry, 'entities'>>();
  private readonly concepts = new Map<string, { type: string; label: string; labelFrom: string; surfaces: Set<string>; in: Map<string, number> }>();

  /** Adds one article's entry (once per article). */
  add(entry: SearchEntry): void {
    const { entities, ...rest } = entry;
    this.entries.set(entry.id, rest);
    for (const e of entities) {
      let concept = this.concepts.get(e.id);
      if (!concept) this.concepts.set(e.id, (concept = { type: e.type, label: e.label, labelFrom: entry.id, surfaces: new Set(), in: new Map() }));
      // The label and type of the first article by id, whatever order the articles come in.
      if (entry.id < concept.labelFrom) Object.assign(concept, { type: e.type, label: e.label, labelFrom: entry.id });
      for (const surface of e.surfaces) concept.surfaces.add(surface);
      concept.in.set(entry.id, e.count);
    }
  }

  /** Whether an article's entry is here. */
  has(id: string): boolean {
    return this.entries.has(id);
  }

  /** The index. */
  build(): SearchIndex {
    const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const ordered = [...this.entries.values()].sort((a, b) => byId(a.id, b.id));
    const articleIndex = new Map(ordered.map((e, i) => [e.id, i]));
    const journals = [...new Set(ordered.flatMap((e) => e.items.map((i) => i.journal).filter((j): j is string => j !== null)))].sort();
    const journalIndex = new Map(journals.map((j, i) => [j, i]));
    return {
      articles: ordered.map((e) => ({ id: e.id, title: e.title, titleEn: e.titleEn, topic: e.topic })),
      journals,
      items: ordered.flatMap((e, article) =>
        e.items.map((i) => ({ article, at: i.at, date: i.date, journal: i.journal === null ? null : journalIndex.get(i.journal)!, title: i.title, titleEn: i.titleEn, dois: i.dois, institution: i.institution, country: i.country })),
      ),
      entities: [...this.concepts.entries()]
        .sort(([a], [b]) => byId(a, b))
        .map(([id, c]) => ({
          id,
          type: c.type,
          label: c.label,
          surfaces: [...c.surfaces].sort(),
          in: [...c.in.entries()].filter(([article]) => articleIndex.has(article)).map(([article, count]) => ({ article: articleIndex.get(article)!, count })).sort((a, b) => a.article - b.article),
        })),
      references: ordered.flatMap((e, article) => e.references.map((r) => ({ article, number: r.number, doi: r.doi, title: r.title }))),
    };
  }
}
