import type { ErrorObject } from 'ajv';
import * as data from '../generated/validators-data.js';

/** One schema violation: where (JSON pointer) and what. */
export interface SchemaError {
  pointer: string;
  message: string;
}

/** A compiled validator: compile once, validate many times. */
export interface Validator<T> {
  (value: unknown): value is T;
  /** The violations of the last failed call. */
  errors(): SchemaError[];
}

type SchemaName = 'pipeline' | 'structure' | 'journals' | 'html' | 'lexicon';

/** Ajv's standalone validate function, as the generated modules export it. */
interface StandaloneValidate {
  (value: unknown): boolean;
  errors?: ErrorObject[] | null;
}

function toErrors(errors: ErrorObject[] | null | undefined): SchemaError[] {
  return (errors ?? []).map((e) => {
    const params = e.params as Record<string, unknown>;
    const extra =
      'additionalProperty' in params ? ` (${String(params.additionalProperty)})` : 'allowedValues' in params ? ` (${(params.allowedValues as unknown[]).join(', ')})` : '';
    return { pointer: e.instancePath || '', message: `${e.message ?? 'is invalid'}${extra}` };
  });
}

function wrap<T>(fn: StandaloneValidate): Validator<T> {
  const v = ((value: unknown) => fn(value)) as Validator<T>;
  v.errors = () => toErrors(fn.errors);
  return v;
}

/**
 * The validator for the pipeline file or a data file's schema (JSON Schema 2020-12). The code was
 * generated from schemas/ by `npm run gen:types` (Ajv standalone), so nothing compiles at run time.
 */
export function validatorFor<T>(name: SchemaName): Validator<T> {
  return wrap<T>((data as unknown as Record<SchemaName, StandaloneValidate>)[name]);
}

/**
 * The validator for a record (schemas/article.schema.json). Its generated code is imported on
 * first use: a command that validates no record (`digest text`) does not compile it.
 */
export async function articleValidator<T>(): Promise<Validator<T>> {
  const { article } = (await import('../generated/validators-article.js')) as unknown as { article: StandaloneValidate };
  return wrap<T>(article);
}

/** The validator for one CSL-JSON item, generated from the vendored official csl-data.json; imported on first use. */
export async function cslItemValidator(): Promise<Validator<Record<string, unknown>>> {
  const { cslItem } = (await import('../generated/validators-csl.js')) as unknown as { cslItem: StandaloneValidate };
  return wrap(cslItem);
}
