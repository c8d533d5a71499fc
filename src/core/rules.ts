import type { Severity } from './diagnostic.js';
import { ConfigError } from './errors.js';

/** One diagnostic rule: what docs/rules.md lists and the pipeline file may configure. */
export interface RuleDefinition {
  /** The default severity. */
  severity: Severity;
  /** Stops processing this input (vfile's fatal message); can't be configured below error. */
  fatal?: boolean;
  /** What triggers it, one sentence. */
  description: string;
  /** An input (or situation) that triggers it. */
  example: string;
  /**
   * About the input as a whole (it could not be read, a link was refused): no place in its
   * text applies, so reporters print it without a line and column (`nope.txt: error: no such
   * file [input-unreadable]`), never with a meaningless 1:1.
   */
  wholeInput?: boolean;
}

/** Rule id → its declaration. */
export type RuleTable = Readonly<Record<string, RuleDefinition>>;

/** Something that declares rules: a stage, the core, the build. Its name is the diagnostics' `source`. */
export interface RuleSource {
  readonly name: string;
  readonly rules: RuleTable;
}

/** A rule's configured severity in a pipeline file; `off` silences it. */
export type RuleSetting = Severity | 'off';

/** Severity overrides from a pipeline file: a rule id → a severity, or `off`. */
export type RuleSettings = Readonly<Record<string, RuleSetting>>;

/**
 * Rules of the core itself (the stage runner), reported whatever the pipeline's stages are.
 * Each stage declares its own in its `rules` table.
 */
export const coreRules = {
  'stage-crashed': {
    severity: 'error',
    fatal: true,
    description: 'A stage threw on this input (a bug, or an input shape no limit caught); the input gets no record and the batch goes on.',
    example: 'an internal error in a stage, reported at 1:1 with the stage’s message',
  },
} as const satisfies RuleTable;

/** The core's rules as a rule source (its diagnostics name the stage that crashed as their source). */
export const coreRuleSource: RuleSource = { name: 'core', rules: coreRules };

/** Where a rule is declared. */
export interface DeclaredRule {
  id: string;
  /** The declaring sources' names (a stage, `core`, `build`), joined with ", " when a definition is shared. */
  source: string;
  definition: RuleDefinition;
}

/**
 * Indexes rule tables by id. Two sources may declare one rule only by sharing the same
 * definition object (the model stages' rules); two different definitions of one id are a
 * programming error.
 */
export function indexRules(sources: readonly RuleSource[]): Map<string, DeclaredRule> {
  const index = new Map<string, DeclaredRule>();
  for (const source of sources) {
    for (const [id, definition] of Object.entries(source.rules)) {
      const previous = index.get(id);
      if (previous && previous.definition !== definition) throw new Error(`rule ${id} is declared by both ${previous.source} and ${source.name}`);
      index.set(id, { id, source: previous ? `${previous.source}, ${source.name}` : source.name, definition });
    }
  }
  return index;
}

/** The severity a rule reports with under some settings, or null when it is off. */
export function effectiveSeverity(id: string, definition: RuleDefinition, settings: RuleSettings): Severity | null {
  const setting = settings[id] ?? definition.severity;
  return setting === 'off' ? null : setting;
}

/**
 * Checks a pipeline file's `rules`: every id is declared by one of `known`, and no fatal rule
 * is set below error (a rule that stops processing cannot be silenced: the input would fail
 * with nothing said). Throws ConfigError naming the pointer `/rules/<id>`.
 */
export function checkRuleSettings(settings: RuleSettings, known: ReadonlyMap<string, DeclaredRule>, file: string): void {
  for (const [id, setting] of Object.entries(settings)) {
    const declared = known.get(id);
    if (!declared) throw new ConfigError(`${file}: /rules/${id}: no stage of this pipeline reports that rule (see docs/rules.md)`);
    if (declared.definition.fatal && setting !== 'error') {
      throw new ConfigError(
        `${file}: /rules/${id}: "${id}" stops processing the input (a fatal rule of ${declared.source}), so it cannot be set to "${setting}"; only "error" is allowed`,
      );
    }
  }
}
