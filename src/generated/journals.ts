/* Generated from schemas/journals.schema.json by scripts/gen-types.mjs: do not edit; run `npm run gen:types`. */

/**
 * Canonical journal names with the other names they appear under.
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
  }[];
}
