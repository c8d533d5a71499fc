/* Generated from schemas/pipeline.schema.json by scripts/gen-types.mjs: do not edit; run `npm run gen:types`. */
import type { ReadOptions, ParseOptions, SegmentOptions, ReferencesOptions, LinkOptions, EntitiesOptions, RecognizeOptions, LabelOptions, FactsOptions, TranslateOptions, LanguageOptions, ValidateOptions, WriteOptions } from './pipeline.js';

/** Defaults of the read stage's options (schemas/pipeline.schema.json#/$defs/ReadOptions). */
export const readDefaults: Required<ReadOptions> = {"fallbackEncoding":"gb18030","maxBytes":67108864};

/** Defaults of the parse stage's options (schemas/pipeline.schema.json#/$defs/ParseOptions). */
export const parseDefaults: Required<ParseOptions> = {"format":"auto","maxBlocks":200000,"maxBlockLength":1000000,"maxHtmlDepth":1000};

/** Defaults of the segment stage's options (schemas/pipeline.schema.json#/$defs/SegmentOptions). */
export const segmentDefaults: Required<SegmentOptions> = {};

/** Defaults of the references stage's options (schemas/pipeline.schema.json#/$defs/ReferencesOptions). */
export const referencesDefaults: Required<ReferencesOptions> = {"maxReferences":20000};

/** Defaults of the link stage's options (schemas/pipeline.schema.json#/$defs/LinkOptions). */
export const linkDefaults: Required<LinkOptions> = {};

/** Defaults of the entities stage's options (schemas/pipeline.schema.json#/$defs/EntitiesOptions). */
export const entitiesDefaults: Required<EntitiesOptions> = {"abbreviationDefinitions":true};

/** Defaults of the recognize stage's options (schemas/pipeline.schema.json#/$defs/RecognizeOptions). */
export const recognizeDefaults: Required<RecognizeOptions> = {"model":"","modelId":"","batchSize":16,"timeoutMs":30000,"minScore":0.5,"labels":{}};

/** Defaults of the label stage's options (schemas/pipeline.schema.json#/$defs/LabelOptions). */
export const labelDefaults: Required<LabelOptions> = {};

/** Defaults of the facts stage's options (schemas/pipeline.schema.json#/$defs/FactsOptions). */
export const factsDefaults: Required<FactsOptions> = {};

/** Defaults of the translate stage's options (schemas/pipeline.schema.json#/$defs/TranslateOptions). */
export const translateDefaults: Required<TranslateOptions> = {"model":"","modelId":"Xenova/opus-mt-zh-en","batchSize":8,"timeoutMs":120000,"maxParagraphs":2000};

/** Defaults of the language stage's options (schemas/pipeline.schema.json#/$defs/LanguageOptions). */
export const languageDefaults: Required<LanguageOptions> = {"hanShare":0.3,"sampleCharacters":20000,"candidates":["eng","fra","deu","spa","por","ita","nld"]};

/** Defaults of the validate stage's options (schemas/pipeline.schema.json#/$defs/ValidateOptions). */
export const validateDefaults: Required<ValidateOptions> = {};

/** Defaults of the write stage's options (schemas/pipeline.schema.json#/$defs/WriteOptions). */
export const writeDefaults: Required<WriteOptions> = {"report":true};
