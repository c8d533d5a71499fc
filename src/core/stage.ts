import type { At, DigestDocument } from './document.js';
import type { Severity } from './diagnostic.js';
import type { PipelineData } from './data.js';

/** What a stage receives besides the document: its options, the domain data, and `report`. */
export interface StageContext<Options> {
  readonly options: Options;
  readonly data: PipelineData;
  /** The pipeline file's folder: relative paths in options (model folders) resolve against it. */
  readonly baseDir: string;
  /** Reports a diagnostic; the factory stamps the stage name and the configured severity. */
  report(rule: string, message: string, at?: At): void;
}

/**
 * A per-document stage: one file under src/stages/, one verb-named function from a document
 * to the same document enriched, plus diagnostics. Declares the rules it may report with
 * their default severity, and its options with their defaults (which also give their types).
 */
export interface StageDefinition<Options extends object = object> {
  readonly name: string;
  readonly description: string;
  readonly rules: Readonly<Record<string, Severity>>;
  readonly defaults: Options;
  run(doc: DigestDocument, context: StageContext<Options>): void | Promise<void>;
}

/** Declares a stage (identity helper that keeps the options type). */
export function defineStage<Options extends object>(definition: StageDefinition<Options>): StageDefinition<Options> {
  return definition;
}

/** Severity overrides from a pipeline file: a rule id → a severity, or `off`. */
export type RuleSettings = Readonly<Record<string, Severity | 'off'>>;

/**
 * Builds the context a stage runs with: `report` resolves the rule's severity (pipeline
 * override, else the stage's default), drops it when `off`, and locates it in the text.
 */
export function createContext<Options extends object>(
  stage: StageDefinition<Options>,
  options: Options,
  data: PipelineData,
  rules: RuleSettings,
  doc: DigestDocument,
  baseDir = process.cwd(),
): StageContext<Options> {
  return {
    options,
    data,
    baseDir,
    report(rule, message, at) {
      const fallback = stage.rules[rule];
      if (fallback === undefined) throw new Error(`stage ${stage.name} reported undeclared rule ${rule}`);
      const severity = rules[rule] ?? fallback;
      if (severity === 'off') return;
      doc.addDiagnostic({ severity, rule, source: stage.name, message }, at);
    },
  };
}
