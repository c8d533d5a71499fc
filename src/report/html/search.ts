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

/** The arrays of the search index, in the order its JSON has them. */
const SECTIONS = ['articles', 'journals', 'items', 'entities', 'references'] as const;

/** One element of one of the index's arrays. */
type IndexPart = { [K in keyof SearchIndex]: [K, SearchIndex[K][number]] }[keyof SearchIndex];

/**
 * The search index of entries given in id order, one array element at a time, in the order of
 * its JSON: articles by id, journals and entities once each however many articles name them.
 * `entries` is read three times (articles as they come, with the journals and entities gathered;
 * then items; then references), so only the journals and each entity's articles are gathered in
 * memory (two numbers per article and concept), never the entries.
 */
function* indexParts(entries: () => Iterable<SearchEntry>): Generator<IndexPart> {
  const journalSet = new Set<string>();
  // Each concept as the first article by id names it, its surfaces, and [article, count] pairs in article order.
  const concepts = new Map<string, { type: string; label: string; surfaces: Set<string>; in: number[] }>();
  let article = 0;
  let last: string | null = null;
  for (const entry of entries()) {
    if (last !== null && !(last < entry.id)) throw new Error(`search entries out of id order: ${entry.id} after ${last}`);
    last = entry.id;
    yield ['articles', { id: entry.id, title: entry.title, titleEn: entry.titleEn, topic: entry.topic }];
    for (const item of entry.items) if (item.journal !== null) journalSet.add(item.journal);
    for (const e of entry.entities) {
      let concept = concepts.get(e.id);
      if (!concept) concepts.set(e.id, (concept = { type: e.type, label: e.label, surfaces: new Set(), in: [] }));
      for (const surface of e.surfaces) concept.surfaces.add(surface);
      // A concept named twice by one article counts as the article's last naming says.
      if (concept.in.length > 0 && concept.in[concept.in.length - 2] === article) concept.in[concept.in.length - 1] = e.count;
      else concept.in.push(article, e.count);
    }
    article++;
  }
  const journals = [...journalSet].sort();
  const journalIndex = new Map(journals.map((j, i) => [j, i]));
  for (const journal of journals) yield ['journals', journal];
  article = 0;
  for (const e of entries()) {
    for (const i of e.items) {
      yield ['items', { article, at: i.at, date: i.date, journal: i.journal === null ? null : journalIndex.get(i.journal)!, title: i.title, titleEn: i.titleEn, dois: i.dois, institution: i.institution, country: i.country }];
    }
    article++;
  }
  for (const id of [...concepts.keys()].sort(byId)) {
    const c = concepts.get(id)!;
    const pairs: { article: number; count: number }[] = [];
    for (let k = 0; k < c.in.length; k += 2) pairs.push({ article: c.in[k]!, count: c.in[k + 1]! });
    yield ['entities', { id, type: c.type, label: c.label, surfaces: [...c.surfaces].sort(), in: pairs }];
  }
  article = 0;
  for (const e of entries()) {
    for (const r of e.references) yield ['references', { article, number: r.number, doi: r.doi, title: r.title }];
    article++;
  }
}

function byId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The search index's JSON text, a piece at a time, from entries given in id order (each call
 * of `entries` reads them again): the same text as `encode` of the whole index
 * ({@link SearchIndexBuilder}), when `encode` turns an array into its elements' texts joined by
 * commas (JSON.stringify does, and so does any escaping of single characters after it).
 */
export function* searchIndexText(entries: () => Iterable<SearchEntry>, encode: (value: unknown) => string = JSON.stringify): Generator<string> {
  let section = 0;
  let first = true;
  yield `{"${SECTIONS[0]}":[`;
  for (const [name, element] of indexParts(entries)) {
    for (const at = SECTIONS.indexOf(name); section < at; first = true) yield `],"${SECTIONS[++section]}":[`;
    yield first ? encode(element) : `,${encode(element)}`;
    first = false;
  }
  while (section < SECTIONS.length - 1) yield `],"${SECTIONS[++section]}":[`;
  yield ']}';
}

/**
 * Gathers the search entries of a dataset's articles (in any order) into the index the review
 * index embeds (schemas/search-index.schema.json): articles by id, journals and entities once
 * each however many articles name them. The same entries give the same index, byte for byte.
 */
export class SearchIndexBuilder {
  private readonly entries = new Map<string, SearchEntry>();

  /** Adds one article's entry (once per article; a second entry of an id replaces the first). */
  add(entry: SearchEntry): void {
    this.entries.set(entry.id, entry);
  }

  /** Whether an article's entry is here. */
  has(id: string): boolean {
    return this.entries.has(id);
  }

  /** The index. */
  build(): SearchIndex {
    const ordered = [...this.entries.values()].sort((a, b) => byId(a.id, b.id));
    const index: SearchIndex = { articles: [], journals: [], items: [], entities: [], references: [] };
    for (const [name, element] of indexParts(() => ordered)) (index[name] as unknown[]).push(element);
    return index;
  }
}
