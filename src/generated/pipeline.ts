/* Generated from schemas/pipeline.schema.json by scripts/gen-types.mjs: do not edit; run `npm run gen:types`. */

/**
 * A pipeline file: which inputs to ingest, which stages to run with which options, and where the domain data lives. Relative paths resolve against the pipeline file's folder.
 */
export interface PipelineFile {
  $schema?: string;
  name: string;
  description?: string;
  /**
   * Files or folders (searched recursively for the listed extensions) that `digest build` ingests.
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
  stages: [
    {
      use:
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
      options?: {};
    },
    ...{
      use:
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
      options?: {};
    }[]
  ];
}
