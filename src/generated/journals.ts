/* Generated from schemas/journals.schema.json by scripts/gen-types.mjs: do not edit; run `npm run gen:types`. */

/**
 * Canonical journal names with the other names they appear under. name is the English title, abbreviation the NLM (MEDLINE) abbreviation, issn only ISSNs checked against a published source, aliases every other name (Chinese names in both scripts, ISO abbreviations, short names).
 */
export interface JournalTable {
  $schema?: string;
  description?: string;
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
  }[];
}
