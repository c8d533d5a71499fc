import type { ErrorObject } from 'ajv';
import * as csl from '../generated/validators-csl.js';
import * as project from '../generated/validators-project.js';

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

/** The project's schemas by the name their generated validator is exported under. */
export type SchemaName = 'article' | 'pipeline' | 'structure' | 'journals' | 'html' | 'lexicon' | 'facts' | 'manifest' | 'itemsRow' | 'referencesRow' | 'entitiesRow' | 'changes' | 'searchIndex';

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
    const error: SchemaError = { pointer: e.instancePath || '', message: `${e.message ?? 'is invalid'}${extra}`, keyword: e.keyword };
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
 * The validator for one of the project's own schemas (JSON Schema 2020-12). The code was
 * generated from schemas/ by `npm run gen:types` (Ajv standalone), so nothing compiles at run time.
 */
export function validatorFor<T>(name: SchemaName): Validator<T> {
  return wrap<T>((project as unknown as Record<SchemaName, StandaloneValidate>)[name]);
}

/** The validator for one CSL-JSON item, generated from the vendored official csl-data.json. */
export function cslItemValidator(): Validator<Record<string, unknown>> {
  return wrap((csl as unknown as { cslItem: StandaloneValidate }).cslItem);
}
