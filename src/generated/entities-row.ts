/* Generated from schemas/entities-row.schema.json by scripts/gen-types.mjs: do not edit; run `npm run gen:types`. */

/**
 * One line of entities.jsonl: one concept of one record, with how often and how it is written there.
 */
export interface EntitiesRow {
  /**
   * Stable identifier, safe as a file name.
   */
  article: string;
  id: string;
  type:
    'disease' | 'cell' | 'molecule' | 'measure' | 'organization' | 'journal' | 'drug' | 'country' | 'other';
  label: string;
  xrefs: string[];
  /**
   * Mentions of the concept in the record.
   */
  count: number;
  /**
   * The distinct ways it is written, sorted.
   */
  surfaces: string[];
}
