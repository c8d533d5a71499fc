/* Generated from schemas/facts.schema.json by scripts/gen-types.mjs: do not edit; run `npm run gen:types`. */

/**
 * @minItems 1
 *
 * This interface was referenced by `FactsData`'s JSON-Schema
 * via the `definition` "Words".
 */
export type Words = [string, ...string[]];
/**
 * This interface was referenced by `FactsData`'s JSON-Schema
 * via the `definition` "Pattern".
 */
export type Pattern = string;

/**
 * The vocabulary of the facts stage: patterns (JavaScript regular expressions, compiled with the u flag, run on the matching view) and word lists for timepoints, institutions, outcomes, populations and comparators.
 */
export interface FactsData {
  $schema?: string;
  description?: string;
  /**
   * Number words → their value (the span pattern's group n may be one).
   */
  numbers: {
    [k: string]: number;
  };
  /**
   * A week number ("第4周"); group n.
   */
  week: string;
  /**
   * A span of time ("治疗1年时", "五年后"); groups n (digits or a number word) and unit (a word of units).
   */
  span: string;
  /**
   * Unit name → the words of the span pattern's unit group that mean it.
   */
  units: {
    year: Words;
    month: Words;
    week: Words;
    day: Words;
  };
  /**
   * Words that end an institution's name (大学, 医院).
   */
  institutionSuffix: string;
  /**
   * Words after the actor of an item (牵头, 团队, 在): what comes before them is the institution and country.
   */
  actorCue: string;
  /**
   * Words before an institution that are not part of its name (由, 我国).
   */
  institutionPrefix: string;
  /**
   * A percentage; groups approx (a word meaning about) and value.
   */
  percent: string;
  /**
   * A count of something ("12项随机对照试验"); group value; the counted concept starts within the match.
   */
  count: string;
  /**
   * A change from one value to another; groups approxFrom, from, approxTo, to.
   */
  change: string;
  /**
   * The patients of a sentence ("31例…患者"); group n.
   */
  population: string;
  /**
   * The group an outcome is compared with; group group.
   */
  comparator: string;
  /**
   * Lexicon concepts the count pattern counts: concept id → the measure and unit an outcome gets.
   */
  counted: {
    [k: string]: {
      measure: string;
      unit: string;
    };
  };
}
