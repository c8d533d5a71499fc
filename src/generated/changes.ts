/* Generated from schemas/changes.schema.json by scripts/gen-types.mjs: do not edit; run `npm run gen:types`. */

/**
 * This interface was referenced by `DatasetChanges`'s JSON-Schema
 * via the `definition` "Id".
 */
export type Id = string;

/**
 * changes.json of a dataset folder: what the review pages' change view shows, and what the next build compares with. Each article's digest (its items, dates, journals, DOIs, id) as built now and as it was before its last change; the dataset's revision counts the builds that changed a digest or the list of articles (a build that changes nothing keeps this file as it was, so the same inputs always give the same pages).
 */
export interface DatasetChanges {
  /**
   * The record schema version the dataset was written with (schemas/article.schema.json).
   */
  schemaVersion: '1.2.0';
  /**
   * 1 for the first build into the folder; one more for each later build that changed an article's digest or the list of articles.
   */
  revision: number;
  /**
   * Every record of the dataset, by id.
   */
  articles: ArticleChange[];
  /**
   * Articles the latest revision removed (their record is gone, or their input failed), by id; carried while nothing else changes.
   */
  removed: RemovedArticle[];
}
/**
 * One article's last change: `first` (built into a folder with no earlier build), `new` (added by a later build) or `changed` (its digest differs from `previous`), and the revision that made it.
 *
 * This interface was referenced by `DatasetChanges`'s JSON-Schema
 * via the `definition` "ArticleChange".
 */
export interface ArticleChange {
  id: Id;
  status: 'first' | 'new' | 'changed';
  revision: number;
  /**
   * The id the same input had before, when its id changed.
   */
  previousId: null | Id;
  current: ArticleDigest;
  /**
   * The digest before the last change (null unless `changed`).
   */
  previous: null | ArticleDigest;
}
/**
 * What the change view compares of a record: its id, input path, title, each item's place, date, journal, paper title, cited DOIs and a hash of its text, each reference's number and DOI.
 *
 * This interface was referenced by `DatasetChanges`'s JSON-Schema
 * via the `definition` "ArticleDigest".
 */
export interface ArticleDigest {
  id: Id;
  path: string | null;
  title: string | null;
  items: DigestItem[];
  references: DigestReference[];
}
/**
 * This interface was referenced by `DatasetChanges`'s JSON-Schema
 * via the `definition` "DigestItem".
 */
export interface DigestItem {
  /**
   * The item's place on the article page: section and item index (`s3-2`).
   */
  at: string;
  date: string;
  journal: string | null;
  paperTitle: string | null;
  /**
   * The DOIs of the references the item cites, in citation order.
   */
  dois: string[];
  /**
   * The first 16 hex digits of the SHA-256 of the item's text.
   */
  text: string;
  /**
   * The start of the item's text, to name an item that is gone.
   */
  excerpt: string;
}
/**
 * This interface was referenced by `DatasetChanges`'s JSON-Schema
 * via the `definition` "DigestReference".
 */
export interface DigestReference {
  number: number;
  doi: string | null;
}
/**
 * This interface was referenced by `DatasetChanges`'s JSON-Schema
 * via the `definition` "RemovedArticle".
 */
export interface RemovedArticle {
  id: Id;
  revision: number;
  last: ArticleDigest;
}
