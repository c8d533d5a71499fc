/* Generated from schemas/decoding.schema.json by scripts/gen-types.mjs: do not edit; run `npm run gen:types`. */

/**
 * Knowledge the decoder uses to choose among legacy encodings (src/parse/decode.ts). Packaged with digest-ingest and read on first need; not a pipeline data file.
 */
export interface DecodingData {
  $schema?: string;
  description?: string;
  /**
   * Characters frequent in simplified Chinese prose, written one after another.
   */
  frequentHan: string;
  /**
   * The same characters as traditional Chinese writes them.
   */
  frequentHant: string;
}
