import { coreRuleSource, type RuleSource } from './core/rules.js';
import { datasetRuleSource } from './dataset/rules.js';
import { documentStages } from './stages/index.js';

/**
 * Rule tables of what reports diagnostics outside the per-document stages (the dataset's):
 * the pipeline loader accepts their ids in a pipeline file's `rules`.
 */
export const extraRuleTables: readonly RuleSource[] = [datasetRuleSource];

/**
 * Every rule table, the one registry of rules: the core's, each stage's, and the extra ones.
 * `npm run gen:docs` writes docs/rules.md from it, and a test checks that every rule reported
 * anywhere in src/ is declared here.
 */
export const ruleTables: readonly RuleSource[] = [coreRuleSource, ...Object.values(documentStages), ...extraRuleTables];
