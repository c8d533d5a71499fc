import type { ErrorObject } from 'ajv';
import * as data from '../generated/validators-data.js';
import * as dataFiles from '../generated/validators-data-files.js';
import { ajvMessage } from '../generated/validator-messages.js';
import { surelyValidCsl } from './csl-check.js';

/** One schema violation: where (JSON pointer) and what. */
export interface SchemaError {
  pointer: string;
  message: string;
  /** The schema keyword that failed (`minimum`, `enum`, `additionalProperties`…). */
  keyword: string;
  /** For `additionalProperties`: the property that is not allowed. */
  property?: string;
}

/** A compiled validator: compile once, validate many times. */
export interface Validator<T> {
  (value: unknown): value is T;
  /** The violations of the last failed call. */
  errors(): SchemaError[];
}

/**
 * The schemas of the pipeline file and its data files, loaded with this module. The data files'
 * (validators-data-files) run only on a file whose bytes are not known to pass (src/core/data.ts):
 * `digest ingest`'s bundle runs that module from a bundle of its own at the first call of one of
 * them (scripts/bundle-cli.mjs `onFirstCall`), as it does the CSL item's, which only an item
 * {@link surelyValidCsl} cannot answer calls (issue 17: start-up).
 */
export type DataSchemaName = 'pipeline' | 'structure' | 'journals' | 'html' | 'lexicon' | 'facts' | 'decoding';

/** The schemas of what a build writes (records, manifest, table rows): loaded on first need. */
export type DatasetSchemaName = 'article' | 'manifest' | 'itemsRow' | 'referencesRow' | 'entitiesRow' | 'changes' | 'searchIndex';

/** The project's schemas by the name their generated validator is exported under. */
export type SchemaName = DataSchemaName | DatasetSchemaName;

/** Ajv's standalone validate function, as the generated modules export it. */
interface StandaloneValidate {
  (value: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/**
 * The generated validators' errors as the project shows them. Their error objects hold no `message`
 * nor `schemaPath` (scripts/gen-validators.mjs `compactErrors`): the message is Ajv's, made again
 * here from the keyword and params.
 */
function toErrors(errors: ErrorObject[] | null | undefined): SchemaError[] {
  return (errors ?? []).map((e) => {
    const params = e.params as Record<string, unknown>;
    const extra =
      'additionalProperty' in params ? ` (${String(params.additionalProperty)})` : 'allowedValues' in params ? ` (${(params.allowedValues as unknown[]).join(', ')})` : '';
    const error: SchemaError = { pointer: e.instancePath || '', message: `${e.message ?? ajvMessage(e.keyword, params)}${extra}`, keyword: e.keyword };
    if ('additionalProperty' in params) error.property = String(params.additionalProperty);
    return error;
  });
}

function wrap<T>(fn: StandaloneValidate): Validator<T> {
  const v = ((value: unknown) => fn(value)) as Validator<T>;
  v.errors = () => toErrors(fn.errors);
  return v;
}

/**
 * The CSL item validator: an item the quick reading proves valid (csl-check.ts: the keys it has,
 * ~1 µs) skips Ajv's, which tests all 101 of the schema's properties (5–20 µs an item); any other
 * item is Ajv's to judge, so its answer and `errors()` are Ajv's own.
 */
function wrapCsl(fn: StandaloneValidate): Validator<Record<string, unknown>> {
  const v = ((value: unknown) => surelyValidCsl(value) || fn(value)) as Validator<Record<string, unknown>>;
  v.errors = () => toErrors(fn.errors);
  return v;
}

// The record, dataset and CSL validators are ~1.4 MB of generated code: a command that
// validates no record (`digest text`) must not pay for compiling them at start-up. Each module
// is loaded on its own first need: `digest ingest` validates a record and its CSL items, and
// does not load the other six of the dataset's validators (manifest, table rows, changes, search
// index: validators-dataset, ~110 KB of code) unless it writes a dataset (issue 17: start-up).
let articleModule: { article: StandaloneValidate } | null = null;
let cslModule: { cslItem: StandaloneValidate } | null = null;
let datasetModule: Record<DatasetSchemaName, StandaloneValidate> | null = null;

/**
 * Loads the validators of records, dataset files and CSL items (once per process). Code that
 * validates what a build writes awaits this first, then uses {@link validatorFor} synchronously.
 */
export async function loadRecordValidators(): Promise<void> {
  if (datasetModule && cslModule) return;
  const [, csl] = await Promise.all([loadDatasetValidators(), import('../generated/validators-csl.js')]);
  cslModule = csl as unknown as { cslItem: StandaloneValidate };
}

/**
 * Loads the dataset files' validators alone (with the record's, which they share code with), not
 * the CSL item's: what writing a dataset asks of {@link validatorFor} (its manifest, trusted only
 * when valid; its changes). The thread that writes a build's dataset while workers ingest checks no
 * CSL item, and a module loaded keeps its source text (~126 KB) to the process's end
 * (BENCHMARKS.md, issue 17: the kept row).
 */
export async function loadDatasetValidators(): Promise<void> {
  datasetModule ??= (await import('../generated/validators-dataset.js')) as unknown as Record<DatasetSchemaName, StandaloneValidate>;
}

/**
 * The validator for one of the project's own schemas (JSON Schema 2020-12), generated from
 * schemas/ by `npm run gen:types` (Ajv standalone), so nothing compiles at run time. The data
 * schemas are always at hand; the dataset's need {@link loadRecordValidators} first (the
 * record's, `article`, is also at hand once {@link articleValidator} has loaded it).
 */
export function validatorFor<T>(name: SchemaName): Validator<T> {
  const fn =
    name in data
      ? (data as unknown as Record<DataSchemaName, StandaloneValidate>)[name as DataSchemaName]
      : name in dataFiles
        ? (dataFiles as unknown as Record<DataSchemaName, StandaloneValidate>)[name as DataSchemaName]
        : (datasetModule?.[name as DatasetSchemaName] ?? (name === 'article' ? articleModule?.article : undefined));
  if (!fn) throw new Error(`validatorFor(${name}): await loadRecordValidators() first`);
  return wrap<T>(fn);
}

/** The validator for a record (schemas/article.schema.json), loaded on first use: its module alone, not the rest of the dataset's. */
export async function articleValidator<T>(): Promise<Validator<T>> {
  articleModule ??= (await import('../generated/validators-article.js')) as unknown as { article: StandaloneValidate };
  return wrap<T>(articleModule.article);
}

/** The CSL-JSON item validator once {@link loadRecordValidators} (or {@link cslItemValidator}) has loaded it (for synchronous code after that). */
export function loadedCslItemValidator(): Validator<Record<string, unknown>> {
  if (!cslModule) throw new Error('loadedCslItemValidator(): await loadRecordValidators() first');
  return wrapCsl(cslModule.cslItem);
}

/** The validator for one CSL-JSON item, generated from the vendored official csl-data.json; loaded on first use. */
export async function cslItemValidator(): Promise<Validator<Record<string, unknown>>> {
  cslModule ??= (await import('../generated/validators-csl.js')) as unknown as { cslItem: StandaloneValidate };
  return wrapCsl(cslModule.cslItem);
}
