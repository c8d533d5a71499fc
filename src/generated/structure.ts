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
  /**
   * English month names, January first: each month's full name, then its abbreviations. Patterns say {monthName} for all of them (longest first); labels use the full name.
   *
   * @minItems 12
   * @maxItems 12
   */
  monthNames: [
    [string, ...string[]],
    [string, ...string[]],
    [string, ...string[]],
    [string, ...string[]],
    [string, ...string[]],
    [string, ...string[]],
    [string, ...string[]],
    [string, ...string[]],
    [string, ...string[]],
    [string, ...string[]],
    [string, ...string[]],
    [string, ...string[]]
  ];
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
  /**
   * Exact English for heading parts: a heading is given in English only when it decomposes fully into a date, a therapy, a disease (from the lexicon) and a phrase listed here.
   */
  english: {
    phrases: Translation[];
    therapies: Translation[];
    /**
     * Characters that may join the parts and carry no meaning (的, 在, spaces).
     */
    connectors: string[];
  };
  /**
   * Words that date an item relative to its section's year (the itemDates group "relative" starts with one): word → years to add.
   */
  relativeYears: {
    [k: string]: number;
  };
  /**
   * A citation marker in the text ("[1]", "[1,2]", "【3-5】"); the group "numbers" holds what is inside. The one pattern for citation markers: segment tells items from prose with it, link expands it.
   */
  citationMarker: string;
  /**
   * What messages quote as examples of headings the patterns expect.
   */
  messageExamples: {
    monthHeading: string;
    referenceHeading: string;
  };
}
/**
 * This interface was referenced by `StructureData`'s JSON-Schema
 * via the `definition` "Translation".
 */
export interface Translation {
  /**
   * @minItems 1
   */
  zh: [string, ...string[]];
  en: string;
  /**
   * Joins the phrase to the therapy: "in" (default) or "of".
   */
  preposition?: string;
}
