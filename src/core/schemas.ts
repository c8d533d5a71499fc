import { readFileSync } from 'node:fs';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { createRequire } from 'node:module';
import { packagePath } from './paths.js';

const require = createRequire(import.meta.url);

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

type SchemaName = 'article' | 'pipeline' | 'structure' | 'journals' | 'html';

let ajv2020: import('ajv').default | null = null;
let ajvDraft7: import('ajv').default | null = null;
const cache = new Map<string, ValidateFunction>();

function loadSchema(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(packagePath('schemas', file), 'utf8')) as Record<string, unknown>;
}

function draft2020(): import('ajv').default {
  if (ajv2020 === null) {
    // ajv ships CommonJS; createRequire keeps the import synchronous and typed loosely.
    const Ajv2020 = require('ajv/dist/2020.js').default as typeof import('ajv').default;
    const addFormats = require('ajv-formats').default as (a: unknown) => void;
    // strictRequired would reject the Section if/then ("then: required month" is valid 2020-12).
    ajv2020 = new Ajv2020({ allErrors: false, strict: true, strictRequired: false, allowUnionTypes: true });
    addFormats(ajv2020);
  }
  return ajv2020;
}

function draft7(): import('ajv').default {
  if (ajvDraft7 === null) {
    const Ajv = require('ajv').default as typeof import('ajv').default;
    // The official CSL schema uses union types and keywords strict mode rejects.
    ajvDraft7 = new Ajv({ allErrors: false, strict: false, allowUnionTypes: true });
  }
  return ajvDraft7;
}

function toErrors(errors: ErrorObject[] | null | undefined, prefix = ''): SchemaError[] {
  return (errors ?? []).map((e) => ({
    pointer: prefix + (e.instancePath || ''),
    message: `${e.message ?? 'is invalid'}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}${e.params && 'allowedValues' in e.params ? ` (${(e.params.allowedValues as unknown[]).join(', ')})` : ''}`,
  }));
}

function wrap<T>(fn: ValidateFunction): Validator<T> {
  const v = ((value: unknown) => fn(value)) as Validator<T>;
  v.errors = () => toErrors(fn.errors);
  return v;
}

/** The validator for one of the project's own schemas (JSON Schema 2020-12). */
export function validatorFor<T>(name: SchemaName): Validator<T> {
  let fn = cache.get(name);
  if (!fn) {
    fn = draft2020().compile(loadSchema(`${name}.schema.json`));
    cache.set(name, fn);
  }
  return wrap<T>(fn);
}

/** The validator for one CSL-JSON item, from the vendored official csl-data.json. */
export function cslItemValidator(): Validator<Record<string, unknown>> {
  let fn = cache.get('csl-item');
  if (!fn) {
    const schema = loadSchema('csl-data.json');
    const item = { ...(schema.items as Record<string, unknown>), definitions: schema.definitions };
    fn = draft7().compile(item);
    cache.set('csl-item', fn);
  }
  return wrap(fn);
}
