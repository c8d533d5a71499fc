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
   * Text the matching view leaves out: the pinyin a mirror's converter left after the characters it converted (醫(yī)療, 系統(tǒng)). Matched on the view (simplified, half-width) with the u flag; every mention still spans the source as written.
   */
  pinyinRuby?: string;
  /**
   * Where an abbreviation's definition written before it (X(ABBR)) cannot start: after a word in always (激素治疗失败的急性移植物抗宿主病(aGVHD) is defined by 急性移植物抗宿主病), or after a word in clauseOpeners that opens its clause (据世界卫生组织(WHO) by 世界卫生组织). Punctuation always stops a definition.
   */
  definitionStops?: {
    /**
     * @maxItems 100
     */
    always: string[];
    /**
     * @maxItems 100
     */
    clauseOpeners: string[];
    /**
     * The lower-case words a body's name joins its capitalised words with ("National Stem Cell Foundation of Australia"), skipped when an abbreviation in capitals after a name is read as its words' initials: "(NSCFA)" spells the whole name, so it abbreviates the body, not the country the lexicon knows at the name's end. Matched as written. Optional.
     *
     * @maxItems 20
     */
    initialsJoiners?:
      | []
      | [string]
      | [string, string]
      | [string, string, string]
      | [string, string, string, string]
      | [string, string, string, string, string]
      | [string, string, string, string, string, string]
      | [string, string, string, string, string, string, string]
      | [string, string, string, string, string, string, string, string]
      | [string, string, string, string, string, string, string, string, string]
      | [string, string, string, string, string, string, string, string, string, string]
      | [string, string, string, string, string, string, string, string, string, string, string]
      | [string, string, string, string, string, string, string, string, string, string, string, string]
      | [
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string
        ]
      | [
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string
        ]
      | [
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string
        ]
      | [
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string
        ]
      | [
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string
        ]
      | [
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string
        ]
      | [
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string
        ]
      | [
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string
        ];
  };
  /**
   * Words that, glued to an abbreviation (before or after it, no space between), make it part of another term: SCI论文, SCI收录 and 发表SCI name the citation index, not spinal cord injury; OA期刊 an open-access journal. Written simplified (matched on the matching view); an abbreviation so glued is no mention, the lexicon's or one the article defines.
   */
  abbreviationCompounds?: {
    /**
     * @maxItems 50
     */
    before?: string[];
    /**
     * @maxItems 50
     */
    after?: string[];
  };
  /**
   * Words a caption or a figure's legend puts in parentheses to point at a part or a colour ("Dr. Jane Example (right)", "the grafted cells (green)"), or to gloss a cell source ("autologous (self)", "allogeneic (donor)"): never an abbreviation the page defines, though written where one would be. Matched as written. Optional.
   *
   * @maxItems 100
   */
  asides?: string[];
  /**
   * How an adverb ends that a quote or an aside puts in parentheses ("to (seriously) take this", "(respectively)"): a lower-case word in parentheses ending in one of these is never an abbreviation the page defines. Endings of adverbs only, so a gloss such as "(splenomegaly)" or "(dyskinesia)" stays a definition. Matched as written. Optional.
   *
   * @maxItems 40
   */
  asideEndings?: string[];
  /**
   * How long a lower-case word in parentheses after a lower-case word is, at least, to be a gloss of the words before it and never an abbreviation the page defines ("removed with surgery (unresectable)", "a type of skin cancer (melanoma)"); shorter ones ("(bid)") still define theirs, as does one after a capitalised word or a brand ("Amtagvi (lifileucel)"). Optional: absent, no such word is a gloss.
   */
  lowerCaseGlossMinLength?: number;
  /**
   * Dashes that the matching view folds to "-" but that break the words on either side, never join them as a hyphen does (US style writes an em dash with no spaces: "complications of Crohn’s—complex perianal fistulas" names both): a name whose edge meets one stands alone. Optional: absent, every "-" of the view joins.
   */
  wordBreakingDashes?: string;
  /**
   * Terms that hold a concept's name but name something else, with no concept of their own here: 激素水平 and 血清激素 are hormones in general, not the glucocorticoids bare 激素 means; a regulator's "complete response letter" is no complete response. Matched as names are (leftmost-longest, English in any case), so a name inside one is no mention; a concept's own longer name still wins where it starts first (促性腺激素水平).
   *
   * @maxItems 200
   */
  notMentions?: string[];
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
    /**
     * The concept this one is a kind of (acute GvHD: GvHD): a page's topic counts a family's mentions together.
     */
    broader?: string;
  }[];
}
