/* Generated from schemas/pipeline.schema.json by scripts/gen-types.mjs: do not edit; run `npm run gen:types`. */

/**
 * One stage of the pipeline, by name, with its options; the options are checked against that stage's <Stage>Options.
 *
 * This interface was referenced by `PipelineFile`'s JSON-Schema
 * via the `definition` "StageEntry".
 */
export type StageEntry = {use: StageName; options?: {[k: string]: unknown}};
/**
 * The stages a pipeline can list, in the order they may appear (write runs over the whole set, last).
 *
 * This interface was referenced by `PipelineFile`'s JSON-Schema
 * via the `definition` "StageName".
 */
export type StageName =
  | 'read'
  | 'parse'
  | 'segment'
  | 'references'
  | 'link'
  | 'entities'
  | 'recognize'
  | 'label'
  | 'facts'
  | 'translate'
  | 'language'
  | 'validate'
  | 'write';
/**
 * This interface was referenced by `PipelineFile`'s JSON-Schema
 * via the `definition` "EntityType".
 */
export type EntityType =
  'disease' | 'cell' | 'molecule' | 'measure' | 'organization' | 'journal' | 'drug' | 'country' | 'other';

/**
 * A pipeline file: which inputs to ingest, which stages to run with which options, and where the domain data lives. Its data files and model folders resolve against the pipeline file's folder; `inputs` and `out` against the working directory.
 */
export interface PipelineFile {
  $schema?: string;
  name: string;
  description?: string;
  /**
   * Files or folders (searched recursively for the listed extensions) that `digest build` ingests, relative to the working directory, as `out` is.
   */
  inputs?: string[];
  extensions?: string[];
  /**
   * Output folder, relative to the working directory.
   */
  out?: string;
  data?: {
    journals?: string;
    structure?: string;
    html?: string;
    lexicon?: string;
    /**
     * Allow data files outside the pipeline file's folder (and the package's own pipelines/data/). Off by default: a pipeline file names only data beside it.
     */
    allowOutsideFolder?: boolean;
    facts?: string;
  };
  /**
   * Severity overrides per rule id; "off" silences a rule.
   */
  rules?: {
    [k: string]: 'error' | 'warning' | 'info' | 'off';
  };
  /**
   * @minItems 1
   */
  stages: [StageEntry, ...StageEntry[]];
}
/**
 * Options of the read stage (bytes → text).
 *
 * This interface was referenced by `PipelineFile`'s JSON-Schema
 * via the `definition` "ReadOptions".
 */
export interface ReadOptions {
  /**
   * The encoding used when no BOM, declaration, strict UTF-8 or detection decides: one TextDecoder knows (WHATWG names).
   */
  fallbackEncoding?:
    | 'utf-8'
    | 'ibm866'
    | 'iso-8859-2'
    | 'iso-8859-3'
    | 'iso-8859-4'
    | 'iso-8859-5'
    | 'iso-8859-6'
    | 'iso-8859-7'
    | 'iso-8859-8'
    | 'iso-8859-8-i'
    | 'iso-8859-10'
    | 'iso-8859-13'
    | 'iso-8859-14'
    | 'iso-8859-15'
    | 'koi8-r'
    | 'koi8-u'
    | 'macintosh'
    | 'windows-874'
    | 'windows-1250'
    | 'windows-1251'
    | 'windows-1252'
    | 'windows-1253'
    | 'windows-1254'
    | 'windows-1255'
    | 'windows-1256'
    | 'windows-1257'
    | 'windows-1258'
    | 'x-mac-cyrillic'
    | 'gbk'
    | 'gb18030'
    | 'big5'
    | 'euc-jp'
    | 'iso-2022-jp'
    | 'shift_jis'
    | 'euc-kr'
    | 'utf-16be'
    | 'utf-16le';
  /**
   * Inputs larger than this are refused before they are read (input-too-large). At most 256 MiB: a decoded text must fit V8's string limit with room to work.
   */
  maxBytes?: number;
}
/**
 * Options of the parse stage (text → blocks).
 *
 * This interface was referenced by `PipelineFile`'s JSON-Schema
 * via the `definition` "ParseOptions".
 */
export interface ParseOptions {
  /**
   * How to read the text: by extension and content (auto), or forced.
   */
  format?: 'auto' | 'text' | 'html' | 'markdown';
  /**
   * More blocks than this is an error (too-many-blocks).
   */
  maxBlocks?: number;
  /**
   * A block (a line of text, a Markdown line, an HTML element's text) longer than this many characters is an error (line-too-long).
   */
  maxBlockLength?: number;
  /**
   * HTML nested deeper than this is an error (html-too-deep), checked before parsing.
   */
  maxHtmlDepth?: number;
}
/**
 * The segment stage takes no options (its patterns are data: structure.json).
 *
 * This interface was referenced by `PipelineFile`'s JSON-Schema
 * via the `definition` "SegmentOptions".
 */
export interface SegmentOptions {}
/**
 * Options of the references stage.
 *
 * This interface was referenced by `PipelineFile`'s JSON-Schema
 * via the `definition` "ReferencesOptions".
 */
export interface ReferencesOptions {
  /**
   * More reference entries than this is an error (too-many-references).
   */
  maxReferences?: number;
}
/**
 * The link stage takes no options.
 *
 * This interface was referenced by `PipelineFile`'s JSON-Schema
 * via the `definition` "LinkOptions".
 */
export interface LinkOptions {}
/**
 * Options of the entities stage.
 *
 * This interface was referenced by `PipelineFile`'s JSON-Schema
 * via the `definition` "EntitiesOptions".
 */
export interface EntitiesOptions {
  /**
   * Tag abbreviations the article defines ("间充质干细胞(MSCs)") that the lexicon does not know.
   */
  abbreviationDefinitions?: boolean;
}
/**
 * Options of the optional recognize stage (token classification with a local model).
 *
 * This interface was referenced by `PipelineFile`'s JSON-Schema
 * via the `definition` "RecognizeOptions".
 */
export interface RecognizeOptions {
  /**
   * Folder of local models, relative to the pipeline file (models are never downloaded); empty: not configured.
   */
  model?: string;
  /**
   * The model's "<org>/<name>" under the model folder; empty: not configured.
   */
  modelId?: string;
  /**
   * Blocks per model call.
   */
  batchSize?: number;
  /**
   * A model call taking longer than this fails (model-failed).
   */
  timeoutMs?: number;
  /**
   * Tokens scored below this are ignored.
   */
  minScore?: number;
  /**
   * Model label → entity type, for labels that are not already entity types.
   */
  labels?: {
    [k: string]: EntityType;
  };
}
/**
 * The label stage takes no options (its phrases are data: structure.json).
 *
 * This interface was referenced by `PipelineFile`'s JSON-Schema
 * via the `definition` "LabelOptions".
 */
export interface LabelOptions {}
/**
 * The facts stage takes no options (its vocabulary is data: facts.json).
 *
 * This interface was referenced by `PipelineFile`'s JSON-Schema
 * via the `definition` "FactsOptions".
 */
export interface FactsOptions {}
/**
 * Options of the optional translate stage (machine translation with a local model).
 *
 * This interface was referenced by `PipelineFile`'s JSON-Schema
 * via the `definition` "TranslateOptions".
 */
export interface TranslateOptions {
  /**
   * Folder of local models, relative to the pipeline file (models are never downloaded); empty: not configured.
   */
  model?: string;
  /**
   * The model's "<org>/<name>" under the model folder; empty: not configured.
   */
  modelId?: string;
  /**
   * Paragraphs per model call.
   */
  batchSize?: number;
  /**
   * A model call taking longer than this fails (model-failed).
   */
  timeoutMs?: number;
  /**
   * At most this many distinct paragraphs of an input are translated.
   */
  maxParagraphs?: number;
}
/**
 * Options of the language stage.
 *
 * This interface was referenced by `PipelineFile`'s JSON-Schema
 * via the `definition` "LanguageOptions".
 */
export interface LanguageOptions {
  /**
   * The share of Han characters among letters from which the body is Chinese.
   */
  hanShare?: number;
  /**
   * How many characters of the body are looked at.
   */
  sampleCharacters?: number;
  /**
   * The languages (ISO 639-3) franc may answer for non-Chinese text.
   *
   * @minItems 1
   * @maxItems 7
   */
  candidates?:
    | ['eng' | 'fra' | 'deu' | 'spa' | 'por' | 'ita' | 'nld']
    | [
        'eng' | 'fra' | 'deu' | 'spa' | 'por' | 'ita' | 'nld',
        'eng' | 'fra' | 'deu' | 'spa' | 'por' | 'ita' | 'nld'
      ]
    | [
        'eng' | 'fra' | 'deu' | 'spa' | 'por' | 'ita' | 'nld',
        'eng' | 'fra' | 'deu' | 'spa' | 'por' | 'ita' | 'nld',
        'eng' | 'fra' | 'deu' | 'spa' | 'por' | 'ita' | 'nld'
      ]
    | [
        'eng' | 'fra' | 'deu' | 'spa' | 'por' | 'ita' | 'nld',
        'eng' | 'fra' | 'deu' | 'spa' | 'por' | 'ita' | 'nld',
        'eng' | 'fra' | 'deu' | 'spa' | 'por' | 'ita' | 'nld',
        'eng' | 'fra' | 'deu' | 'spa' | 'por' | 'ita' | 'nld'
      ]
    | [
        'eng' | 'fra' | 'deu' | 'spa' | 'por' | 'ita' | 'nld',
        'eng' | 'fra' | 'deu' | 'spa' | 'por' | 'ita' | 'nld',
        'eng' | 'fra' | 'deu' | 'spa' | 'por' | 'ita' | 'nld',
        'eng' | 'fra' | 'deu' | 'spa' | 'por' | 'ita' | 'nld',
        'eng' | 'fra' | 'deu' | 'spa' | 'por' | 'ita' | 'nld'
      ]
    | [
        'eng' | 'fra' | 'deu' | 'spa' | 'por' | 'ita' | 'nld',
        'eng' | 'fra' | 'deu' | 'spa' | 'por' | 'ita' | 'nld',
        'eng' | 'fra' | 'deu' | 'spa' | 'por' | 'ita' | 'nld',
        'eng' | 'fra' | 'deu' | 'spa' | 'por' | 'ita' | 'nld',
        'eng' | 'fra' | 'deu' | 'spa' | 'por' | 'ita' | 'nld',
        'eng' | 'fra' | 'deu' | 'spa' | 'por' | 'ita' | 'nld'
      ]
    | [
        'eng' | 'fra' | 'deu' | 'spa' | 'por' | 'ita' | 'nld',
        'eng' | 'fra' | 'deu' | 'spa' | 'por' | 'ita' | 'nld',
        'eng' | 'fra' | 'deu' | 'spa' | 'por' | 'ita' | 'nld',
        'eng' | 'fra' | 'deu' | 'spa' | 'por' | 'ita' | 'nld',
        'eng' | 'fra' | 'deu' | 'spa' | 'por' | 'ita' | 'nld',
        'eng' | 'fra' | 'deu' | 'spa' | 'por' | 'ita' | 'nld',
        'eng' | 'fra' | 'deu' | 'spa' | 'por' | 'ita' | 'nld'
      ];
}
/**
 * The validate stage takes no options.
 *
 * This interface was referenced by `PipelineFile`'s JSON-Schema
 * via the `definition` "ValidateOptions".
 */
export interface ValidateOptions {}
/**
 * Options of write, which runs over the whole set after every per-document stage.
 *
 * This interface was referenced by `PipelineFile`'s JSON-Schema
 * via the `definition` "WriteOptions".
 */
export interface WriteOptions {
  /**
   * Write the HTML review pages under report/.
   */
  report?: boolean;
}
