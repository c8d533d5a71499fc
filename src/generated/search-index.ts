/* Generated from schemas/search-index.schema.json by scripts/gen-types.mjs: do not edit; run `npm run gen:types`. */

/**
 * This interface was referenced by `SearchIndex`'s JSON-Schema
 * via the `definition` "Index".
 */
export type Index = number;

/**
 * The search index embedded in a dataset's review index (report/index.html, the JSON of <script type="application/json" id="search-data">): articles, items, entities, journals and DOIs across all articles, so that the index page's search box works offline. Articles by id; every other list points into `articles` (and items into `journals`) by position.
 */
export interface SearchIndex {
  articles: {
    id: string;
    title: string | null;
    titleEn: string | null;
    topic: string | null;
  }[];
  /**
   * Every journal an item names (its canonical English name), sorted.
   */
  journals: string[];
  items: {
    article: Index;
    at: string;
    date: string;
    journal: null | Index;
    /**
     * The paper title as the item writes it.
     */
    title: string | null;
    titleEn: string | null;
    dois: string[];
    /**
     * The institution of the item's facts, as written and in English.
     */
    institution: string | null;
    country: string | null;
  }[];
  /**
   * Every concept, with the articles that mention it and how often.
   */
  entities: {
    id: string;
    type: string;
    label: string;
    surfaces: string[];
    in: {
      article: Index;
      count: number;
    }[];
  }[];
  /**
   * Every reference with a DOI.
   */
  references: {
    article: Index;
    number: number;
    doi: string;
    title: string | null;
  }[];
}
