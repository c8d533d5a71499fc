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
  author?: {
    family?: string;
    given?: string;
    literal?: string;
  }[];
  issued?: {
    'date-parts'?: number[][];
  };
  volume?: string;
  issue?: string;
  page?: string;
  DOI?: string;
  PMID?: string;
  PMCID?: string;
  URL?: string;
  ISSN?: string;
  [k: string]: unknown;
}
