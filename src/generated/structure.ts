/* Generated from schemas/structure.schema.json by scripts/gen-types.mjs: do not edit; run `npm run gen:types`. */

/**
 * This interface was referenced by `StructureData`'s JSON-Schema
 * via the `definition` "Patterns".
 */
export type Patterns = string[];
/**
 * @minItems 1
 *
 * This interface was referenced by `StructureData`'s JSON-Schema
 * via the `definition` "Words".
 */
export type Words = [string, ...string[]];

/**
 * Patterns (JavaScript regular expressions, compiled with the u flag) that recognise digest structure.
 */
export interface StructureData {
  $schema?: string;
  description?: string;
  maxHeadingLength: number;
  monthHeadings: Patterns;
  rangeHeadings: Patterns;
  yearHeadings: Patterns;
  outlineHeadings: Patterns;
  sectionKeywords: {
    summary: Words;
    outlook: Words;
    conclusion: Words;
  };
  referenceHeadings: Patterns;
  boilerplate: {
    disclaimer: Patterns;
    'qr-code': Patterns;
    other: Patterns;
  };
  itemDates: Patterns;
  undatedItemStarts: Patterns;
}
