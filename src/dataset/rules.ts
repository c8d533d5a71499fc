import type { RuleSource, RuleTable } from '../core/rules.js';

/**
 * Rules the dataset side reports: while walking inputs and planning ids (per input, in the
 * build's diagnostics) and while validating a dataset folder (`digest validate`).
 */
export const datasetRules = {
  'id-renamed': {
    severity: 'info',
    wholeInput: true,
    description: 'The id an input’s file name gives is taken by another input of the build, so this record carries another id.',
    example: 'fixtures/ra-2025.txt and fixtures/ra-2025.html: the second becomes ra-2025-html',
  },
  'input-link-outside': {
    severity: 'warning',
    wholeInput: true,
    description: 'A symbolic link in an input folder leads outside every input folder and is not followed (`--follow-links` follows it).',
    example: 'in/etc → /etc',
  },
  'record-link-broken': {
    severity: 'error',
    description: 'In a record, a citation names no reference of the record, a reference id is not `ref-<number>`, or a mention names no entity.',
    example: 'an item citing ref-999 in a record with ten references',
  },
  'manifest-invalid': {
    severity: 'error',
    description: '`manifest.json` does not follow `schemas/manifest.schema.json` (or is not JSON).',
    example: 'inputs[1].status is "fine"',
  },
  'row-invalid': {
    severity: 'error',
    description: 'A line of a dataset table is not JSON or does not follow its row schema.',
    example: 'line 3 of items.jsonl with "date": "March"',
  },
  'changes-invalid': {
    severity: 'error',
    description: '`changes.json`, the change view the review pages show and the next build compares with, does not follow `schemas/changes.schema.json` (or is not JSON).',
    example: 'articles[0].status is "edited"',
  },
  'search-index-invalid': {
    severity: 'error',
    description: 'The search index embedded in `report/index.html` does not follow `schemas/search-index.schema.json` (or is not JSON).',
    example: 'items[4].article is -1',
  },
  'dataset-file-missing': {
    severity: 'error',
    wholeInput: true,
    description: 'A file that `manifest.json` lists is not in the dataset folder.',
    example: 'out/articles/ra-2025.json deleted by hand',
  },
  'file-unreadable': {
    severity: 'error',
    wholeInput: true,
    description: 'A file to validate cannot be read.',
    example: 'a dangling symbolic link, or a link loop, among the paths given to digest validate',
  },
} as const satisfies RuleTable;

/** The dataset's rules as a rule source of the one registry (src/rules.ts). */
export const datasetRuleSource: RuleSource = { name: 'build', rules: datasetRules };
