/* Generated from schemas/items-row.schema.json by scripts/gen-types.mjs: do not edit; run `npm run gen:types`. */

/**
 * One line of items.jsonl: one dated item of one record.
 */
export interface ItemsRow {
  /**
   * Stable identifier, safe as a file name.
   */
  article: string;
  /**
   * Index of the section in the record's sections.
   */
  section: number;
  /**
   * Index of the item in its section's items.
   */
  item: number;
  date: string;
  datePrecision: 'day' | 'month';
  month: string;
  /**
   * Canonical English name of the journal the item names.
   */
  journal: string | null;
  paperTitle: string | null;
  /**
   * The references the item cites, in its order, with their DOI.
   */
  citations: {
    id: string;
    doi: string | null;
  }[];
}
