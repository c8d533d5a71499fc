/* Generated from schemas/lexicon.schema.json by scripts/gen-types.mjs: do not edit; run `npm run gen:types`. */

/**
 * This interface was referenced by `Lexicon`'s JSON-Schema
 * via the `definition` "EntityType".
 */
export type EntityType =
  'disease' | 'cell' | 'molecule' | 'measure' | 'organization' | 'journal' | 'drug' | 'country' | 'other';

/**
 * Bilingual concept lexicon for the entities stage.
 */
export interface Lexicon {
  $schema?: string;
  description?: string;
  /**
   * Open classes matched by pattern (IL-6, miR-146a, CD90, NCT01234567).
   */
  patterns: {
    name: string;
    type: EntityType;
    pattern: string;
    idPrefix: string;
    labelCase: 'upper' | 'keep';
  }[];
  concepts: {
    id: string;
    type: EntityType;
    label: string;
    xrefs: string[];
    zh: string[];
    en: string[];
    abbreviations: string[];
  }[];
}
