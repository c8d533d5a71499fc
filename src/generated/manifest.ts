/* Generated from schemas/manifest.schema.json by scripts/gen-types.mjs: do not edit; run `npm run gen:types`. */

/**
 * This interface was referenced by `DatasetManifest`'s JSON-Schema
 * via the `definition` "DatasetFile".
 */
export type DatasetFile = string;

/**
 * manifest.json of a dataset folder (a build, a shard, or shards merged): every input with what became of it, the totals, and every file the dataset consists of.
 */
export interface DatasetManifest {
  /**
   * The record schema version the dataset was written with (schemas/article.schema.json).
   */
  schemaVersion: '1.2.0';
  /**
   * The name of the pipeline file that made the dataset.
   */
  pipeline: string;
  /**
   * Present on the output of `digest build --shard K/N`: which slice, and a hash of the whole plan (every input path and id), so that only shards of one plan merge.
   */
  shard?: {
    index: number;
    count: number;
    plan: string;
  };
  /**
   * Every input, in path order.
   */
  inputs: ManifestInput[];
  totals: {
    inputs: number;
    records: number;
    failed: number;
    items: number;
    references: number;
    entities: number;
  };
  /**
   * Every file of the dataset besides manifest.json, relative to the folder, sorted: what the next build may replace or delete. A file in the folder that is not listed here was not written by digest and is never touched.
   */
  files: DatasetFile[];
}
/**
 * What the dataset says about one input.
 *
 * This interface was referenced by `DatasetManifest`'s JSON-Schema
 * via the `definition` "ManifestInput".
 */
export interface ManifestInput {
  /**
   * The input path as collected (POSIX separators).
   */
  path: string;
  /**
   * The record id; null when the input failed.
   */
  id: null | string;
  status: 'ok' | 'failed';
  sha256: string;
  bytes: number;
  encoding: string;
  format: string;
  /**
   * Month sections.
   */
  months: number;
  items: number;
  references: number;
  referencesWithDoi: number;
  entities: number;
  errors: number;
  warnings: number;
  infos: number;
  title: string | null;
  titleEn: string | null;
  /**
   * What the page is about: the disease its title names (of several, the one the page names twice as often as each other; else the one two headings or more name; else the one the body names most, twice as often as the next) and the therapy (the one the headings or the title name, else the one the body names most).
   */
  topic: null | {
    disease: null | {
      id: string;
      label: string;
    };
    therapy: string | null;
  };
  /**
   * The months the page covers: from its month sections that hold items (month digest), its year sections (year roundup: first January to last December) or its dated items (trial roundup); null for news items, drug approvals and overviews. Never from a body sentence.
   */
  period: null | {
    start: string;
    end: string;
  };
  /**
   * The months that have a section, in article order.
   */
  timeline: string[];
  /**
   * The record's missingMonths: months its period implies that have no section.
   */
  missingMonths: string[];
  /**
   * The record's outOfOrderMonths: month sections that come after a later month.
   */
  outOfOrderMonths: string[];
  /**
   * Distinct entities of each type.
   */
  entityTypes: {
    [k: string]: number;
  };
  /**
   * Warning and error diagnostics by rule, with counts.
   */
  problems: {
    [k: string]: number;
  };
}
