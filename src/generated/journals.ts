/* Generated from schemas/journals.schema.json by scripts/gen-types.mjs: do not edit; run `npm run gen:types`. */

/**
 * Right before a name (期刊《X》, 期刊杂志“X”, published in X): it is a journal. Marks a 《…》 the table does not know as a journal, and lets a one-word English title (Blood, Stroke, Cells) match bare.
 *
 * @maxItems 200
 */
export type Words = string[];
/**
 * Right after a name (《X》杂志, 《X》上, X journal): it is a journal, as for before.
 *
 * @maxItems 200
 */
export type Words1 = string[];
/**
 * Right after a journal's name (《柳叶刀》子刊): the text names the journal's family, not the journal.
 *
 * @maxItems 200
 */
export type Words2 = string[];
/**
 * A 《…》 that ends in one of these (指南, 指导原则, 规划纲要…) is a document: not a journal, not a paper title.
 *
 * @maxItems 200
 */
export type Words3 = string[];
/**
 * Lower-case English words that join the capitalised words of one longer name or title ("Investigation of Stem Cells in Stroke"): a bare English name right after a capitalised word and one of these, with no cue word around it, stands inside that title and is no journal.
 *
 * @maxItems 200
 */
export type Words4 = string[];
/**
 * Lower-case English words that join two capitalised words of one longer name only inside a run a titleJoiners word already ties ("Society for Blood and Bone Marrow Transplantation"): a bare English name right after one of these, a capitalised word, a titleJoiners word and a capitalised word, with no cue word around it, is no journal; after a list's "in Cell and" a name stays one. Optional.
 *
 * @maxItems 200
 */
export type Words5 = string[];
/**
 * Lower-case English words that join a headline's capitalised words around a name only where the capitalised word before them is itself mid-sentence ("Japan Lead in Regenerative Medicine"): a bare English name right after a capitalised word, mid-sentence, and one of these, with no cue word around it, stands inside that headline and is no journal; a sentence's first word before one ("Writing in Science Translational Medicine, …") leaves the name a journal. Optional.
 *
 * @maxItems 200
 */
export type Words6 = string[];
/**
 * English words that, opening a sentence right before a one-word name with a comma after it ("In Nature, researchers report…"), cue it as a journal: the capital the name keeps after the sentence's first word is the journal's, as "in nature" is not one. Compared in lower case; the word must open with a capital. Optional.
 *
 * @maxItems 200
 */
export type Words7 = string[];
/**
 * English words or signs that, right after a bare English name and before a capitalised word, make the name a part of a title-case phrase ("Stem Cells + Gene Therapy", "Stem Cells for Macular Degeneration", "Stem Cells in Your Face"): with no cue word around it, no journal. "In Nature, …" and "published in Stem Cells" stay journals. Compared in lower case; the word after must open with a capital.
 *
 * @maxItems 200
 */
export type Words8 = string[];
/**
 * Lower-case English words that, right after a bare English name (after an optional comma), make it a company's name ("Stem Cells, Inc."): no journal, whatever cue stands around it.
 *
 * @maxItems 200
 */
export type Words9 = string[];
/**
 * Words right before a name in quotation marks (“…”, 「…」) that make it a paper's title ("发表了一篇“…”", "题为“…”"): without a title word around it, a quoted phrase is a term in quotes (「重启免疫系统」), never an item's paper title. Matched in the script-folded view (题为 also matches 題為).
 *
 * @maxItems 200
 */
export type Words10 = string[];
/**
 * Words right after a name in quotation marks that make it a paper's title ("“…”一文", "以“…”为题"); see titleBefore.
 *
 * @maxItems 200
 */
export type Words11 = string[];
/**
 * Words right after a 《…》 that make it the news source a page retells ("根据《SciTechDaily》报导"), not a paper's title.
 *
 * @maxItems 200
 */
export type Words12 = string[];
/**
 * @maxItems 200
 *
 * This interface was referenced by `JournalTable`'s JSON-Schema
 * via the `definition` "Words".
 */
export type Words13 = string[];

/**
 * Canonical journal names with the other names they appear under. name is the English title, abbreviation the NLM (MEDLINE) abbreviation, issn only ISSNs checked against a published source, aliases every other name (Chinese names in both scripts, ISO abbreviations, short names).
 */
export interface JournalTable {
  $schema?: string;
  description?: string;
  /**
   * Words around a name that tell what it is. Matched in the script-folded view: traditional and half-converted text (雜志, 雜誌, 國際期刊) match the simplified words; English words match in any case.
   */
  cues: {
    before: Words;
    after: Words1;
    family: Words2;
    documents: Words3;
    titleJoiners?: Words4;
    nameJoiners?: Words5;
    midTitleJoiners?: Words6;
    sentenceOpeners?: Words7;
    titleRunAfter?: Words8;
    companyAfter?: Words9;
    titleBefore?: Words10;
    titleAfter?: Words11;
    sourceAfter?: Words12;
  };
  journals: {
    name: string;
    abbreviation: string;
    issn: string[];
    aliases: string[];
    /**
     * The name is a publisher, not a journal.
     */
    publisher?: boolean;
    /**
     * Where abbreviation comes from when it is not NLM's MEDLINE abbreviation: iso4 (derived by the ISO 4 / LTWA rules) or journal (the journal's own). Absent means nlm.
     */
    abbreviationSource?: 'nlm' | 'iso4' | 'journal';
    /**
     * The title as the NLM catalogue records it, when it differs from name beyond case, punctuation, a leading 'The' or a place qualifier (pinyin titles of Chinese journals).
     */
    nlmTitle?: string;
    /**
     * The brand family the journal belongs to (The Lancet, Nature Portfolio, Cell Press, JAMA Network, BMJ, Frontiers, MDPI, BMC, …), so a page naming a family ('《柳叶刀》子刊') can be read.
     */
    family?: string;
    /**
     * The journal's English name is also an everyday phrase of the genre ('Stem Cells', 'Regenerative Medicine': 'Why Stem Cells?', 'the World map of Regenerative Medicine'): read bare in prose only after or before a cue word ('published in', 'the journal'), as a one-word name is.
     */
    cueOnly?: boolean;
  }[];
}
