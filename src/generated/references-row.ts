/* Generated from schemas/references-row.schema.json by scripts/gen-types.mjs: do not edit; run `npm run gen:types`. */

/**
 * One line of references.jsonl: one reference of one record. `csl` is the CSL-JSON item as in the record, so a CSL processor can load the rows as they are; the other fields are conveniences taken from it.
 */
export interface ReferencesRow {
  /**
   * Stable identifier, safe as a file name.
   */
  article: string;
  id: string;
  number: number;
  doi: string | null;
  pmid: string | null;
  pmcid: string | null;
  url: string | null;
  title: string | null;
  /**
   * The CSL container-title.
   */
  container: string | null;
  year: number | null;
  placeholder: boolean;
  /**
   * The reference as written in the article.
   */
  raw: string;
  csl: CslItem;
}
/**
 * A CSL-JSON item; also validated against the vendored official csl-data.json.
 */
export interface CslItem {
  id: string;
  type: string;
  title?: string;
  'container-title'?: string;
  'collection-title'?: string;
  author?: CslName[];
  editor?: CslName[];
  translator?: CslName[];
  issued?: {
    'date-parts'?: number[][];
  };
  /**
   * When the cited copy was consulted (GB/T 7714 "[2013-03-26]").
   */
  accessed?: {
    'date-parts'?: number[][];
  };
  volume?: string;
  issue?: string;
  page?: string;
  edition?: string;
  publisher?: string;
  'publisher-place'?: string;
  /**
   * A report, standard or patent number ("GB/T 25100—2010", "RMRS-GTR-262").
   */
  number?: string;
  /**
   * How many volumes the work has ("2 vols.").
   */
  'number-of-volumes'?: string;
  /**
   * How many pages the work has ("312 pp.").
   */
  'number-of-pages'?: string;
  /**
   * What kind of thesis or report ("PhD thesis", "Technical report").
   */
  genre?: string;
  DOI?: string;
  PMID?: string;
  PMCID?: string;
  URL?: string;
  ISSN?: string;
  ISBN?: string;
  [k: string]: unknown;
}
/**
 * A CSL-JSON name: family and given as written (particles in the family: "von dem Hagen"), a suffix ("Jr", "III"), or one literal (a Chinese name, an organisation).
 */
export interface CslName {
  family?: string;
  given?: string;
  suffix?: string;
  literal?: string;
}
