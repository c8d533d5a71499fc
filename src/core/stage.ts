import type { At, DigestDocument, Facet } from './document.js';
import type { PipelineData } from './data.js';
import { effectiveSeverity, type RuleDefinition, type RuleSettings, type RuleTable } from './rules.js';

export type { RuleSettings } from './rules.js';

/** What a stage receives besides the document: its options, the domain data, its state, and `report`. */
export interface StageContext<Options, State = undefined> {
  readonly options: Options;
  readonly data: PipelineData;
  /** The pipeline file's folder: relative paths in options (model folders) resolve against it. */
  readonly baseDir: string;
  /**
   * What the stage keeps across the documents of one loaded pipeline (a translation memory):
   * made by the stage's `createState` when the pipeline is loaded, never module-level.
   */
  readonly state: State;
  /**
   * Reports a diagnostic; the factory stamps the stage name, the configured severity and, for
   * a fatal rule, `fatal: true` (which makes the document failed: later stages are skipped).
   */
  report(rule: string, message: string, at?: At): void;
}

/**
 * A per-document stage: one file under src/stages/, one verb-named function from a document
 * to the same document enriched, plus diagnostics. It declares what it needs from earlier
 * stages and provides to later ones (facets of the document), the rules it may report, its
 * options' defaults (their types and ranges are in schemas/pipeline.schema.json), and the
 * options it no longer takes, each with migration text.
 */
export interface StageDefinition<Options extends object = object, State = undefined> {
  readonly name: string;
  readonly description: string;
  readonly needs: readonly Facet[];
  readonly provides: readonly Facet[];
  readonly rules: RuleTable;
  readonly defaults: Options;
  /** Options renamed or removed: old name → what to write instead (ajv's `removedOptions` style). */
  readonly renamedOptions?: Readonly<Record<string, string>>;
  /** Makes the state the stage keeps for one loaded pipeline. */
  createState?(): State;
  run(doc: DigestDocument, context: StageContext<Options, State>): void | Promise<void>;
}

/**
 * What a stage declares about itself that the pipeline loader checks a pipeline file against,
 * without its code (src/generated/stage-declarations.ts): its rules' severities, not their words.
 */
export interface StageDeclaration extends Pick<StageDefinition, 'name' | 'needs' | 'provides' | 'defaults' | 'renamedOptions'> {
  readonly rules: Readonly<Record<string, Pick<RuleDefinition, 'severity' | 'fatal' | 'wholeInput'>>>;
}

/** Declares a stage (identity helper that keeps the options and state types). */
export function defineStage<Options extends object, State = undefined>(definition: StageDefinition<Options, State>): StageDefinition<Options, State> {
  return definition;
}

/**
 * Builds the context a stage runs with: `report` resolves the rule's severity (pipeline
 * override, else the rule's default), drops it when `off`, marks fatal rules, and locates
 * the diagnostic in the text.
 */
export function createContext<Options extends object, State>(
  stage: StageDefinition<Options, State>,
  options: Options,
  data: PipelineData,
  rules: RuleSettings,
  doc: DigestDocument,
  baseDir = process.cwd(),
  state: State = undefined as State,
): StageContext<Options, State> {
  return {
    options,
    data,
    baseDir,
    state,
    report(rule, message, at) {
      const definition = stage.rules[rule];
      if (definition === undefined) throw new Error(`stage ${stage.name} reported undeclared rule ${rule}`);
      const severity = effectiveSeverity(rule, definition, rules);
      if (severity === null) return;
      doc.addDiagnostic({ severity, rule, source: stage.name, message, ...(definition.fatal ? { fatal: true } : {}) }, at);
    },
  };
}
