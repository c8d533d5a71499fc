import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ErrorObject } from 'ajv';
import { repo } from '../helpers.js';
import { cslItemValidator, loadRecordValidators, validatorFor, type SchemaError, type SchemaName } from '../../src/core/schemas.js';
import { ajvMessage } from '../../src/generated/validator-messages.js';
import * as data from '../../src/generated/validators-data.js';
import * as dataFiles from '../../src/generated/validators-data-files.js';

/**
 * The generated validators (src/generated/validators-*.ts) against Ajv compiling the same schemas at
 * run time, on the shipped pipeline, data files and out/'s records, rows and CSL items and on seeded
 * random edits of them: the same answer for every value, and the same errors (pointer, keyword,
 * params, message), though the generated code writes no schema path nor message (Ajv's message
 * made again from the keyword and params by src/generated/validator-messages.ts) and no schema
 * literal, calls its validate functions with their instance path alone, and has the data files'
 * and the CSL item's `$ref`s called, not inlined (scripts/gen-validators.mjs).
 */
const require = createRequire(import.meta.url);
type Validate = ((value: unknown) => boolean) & { errors?: ErrorObject[] | null };
interface AjvInstance {
  addVocabulary(words: string[]): void;
  addSchema(schema: object, key: string): void;
  getSchema(key: string): Validate;
}
const Ajv2020 = require('ajv/dist/2020.js').default as new (options: object) => AjvInstance;
const Ajv = require('ajv').default as new (options: object) => AjvInstance;

const json = (path: string): unknown => JSON.parse(readFileSync(repo(path), 'utf8'));
const rows = (table: string) => readFileSync(repo(`out/${table}.jsonl`), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as unknown);
const records = readdirSync(repo('out/articles'))
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => json(`out/articles/${name}`) as { references: { csl: unknown }[] });

/** Ajv compiling schemas/ at run time with the options the generator gives it, and the CSL item schema as gen-validators reads it. */
function runtimeAjv(): (name: SchemaName | 'cslItem') => Validate {
  const ajv = new Ajv2020({ strict: true, strictRequired: false, allowUnionTypes: true });
  ajv.addVocabulary(['tsType']);
  const files: Record<SchemaName, string> = {
    pipeline: 'pipeline', decoding: 'decoding', structure: 'structure', journals: 'journals', html: 'html', lexicon: 'lexicon', facts: 'facts',
    article: 'article', manifest: 'manifest', itemsRow: 'items-row', referencesRow: 'references-row', entitiesRow: 'entities-row', changes: 'changes', searchIndex: 'search-index',
  };
  for (const [name, file] of Object.entries(files)) ajv.addSchema(json(`schemas/${file}.schema.json`) as object, name);
  const csl = json('schemas/csl-data.json') as { items: object; definitions: object };
  const ajvCsl = new Ajv({ strict: false, allowUnionTypes: true });
  ajvCsl.addSchema({ ...csl.items, definitions: csl.definitions, $id: 'csl-item' }, 'cslItem');
  return (name) => (name === 'cslItem' ? ajvCsl.getSchema('cslItem') : ajv.getSchema(name));
}

/** Valid values of each schema: what the repository ships and its committed build wrote. */
const samples: [SchemaName | 'cslItem', unknown[]][] = [
  ['pipeline', [json('pipelines/digest.json'), json('pipelines/digest-models.json')]],
  ['decoding', [json('pipelines/data/decoding.json')]],
  ['structure', [json('pipelines/data/structure.json')]],
  ['journals', [json('pipelines/data/journals.json')]],
  ['html', [json('pipelines/data/html.json')]],
  ['lexicon', [json('pipelines/data/lexicon.json')]],
  ['facts', [json('pipelines/data/facts.json')]],
  ['article', records.slice(0, 4)],
  ['manifest', [json('out/manifest.json')]],
  ['itemsRow', rows('items').slice(0, 20)],
  ['referencesRow', rows('references').slice(0, 20)],
  ['entitiesRow', rows('entities').slice(0, 20)],
  ['changes', [json('out/changes.json')]],
  ['cslItem', records.flatMap((r) => r.references.map((ref) => ref.csl)).slice(0, 40)],
];

// What an edit puts in: values of every JSON type, of the shapes the schemas bound (empty, long, a bad month, a slug's opposite).
const pool: unknown[] = [null, true, false, 0, -1, 1.5, 3, 1e6, '', 'x', 'Not A Slug', '2025-13', 'a'.repeat(700), [], {}, ['x'], [1, 1], { a: 1 }, { '': null }];
const extraKeys = ['extra', 'type', 'id', 'kind', 'month', ''];

type Path = (string | number)[];
/** Every node of `value` by its path, the root first. */
function pathsOf(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  out.push(path);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...path, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) pathsOf(v, [...path, k], out);
  return out;
}
const at = (value: unknown, path: Path): any => path.reduce((node: any, key) => node[key], value);

/** `value` with one edit: a node replaced by a value of the pool or another node's copy, a member or element removed or added, an element doubled. */
function edited(value: unknown, [where, op, what]: [number, number, number]): unknown {
  const copy = structuredClone(value);
  const paths = pathsOf(copy);
  const path = paths[where % paths.length]!;
  const parent = path.length ? at(copy, path.slice(0, -1)) : null;
  const key = path[path.length - 1]!;
  const node = at(copy, path);
  const replace = (v: unknown) => (parent === null ? v : ((parent[key] = v), copy));
  switch (op) {
    case 0:
      return replace(structuredClone(pool[what % pool.length]));
    case 1:
      if (parent === null) return replace(structuredClone(pool[what % pool.length]));
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
      return copy;
    case 2:
      if (Array.isArray(node)) node.push(structuredClone(pool[what % pool.length]));
      else if (node && typeof node === 'object') node[extraKeys[what % extraKeys.length]!] = structuredClone(pool[what % pool.length]);
      else return replace(structuredClone(pool[what % pool.length]));
      return copy;
    case 3:
      return replace(structuredClone(at(copy, paths[what % paths.length]!)));
    default:
      if (Array.isArray(node) && node.length > 0) node.push(structuredClone(node[what % node.length]));
      else return replace(structuredClone(pool[what % pool.length]));
      return copy;
  }
}

/** The generated validate function of `name`, as its module exports it. */
async function generated(name: SchemaName | 'cslItem'): Promise<Validate> {
  if (name in data) return (data as unknown as Record<string, Validate>)[name]!;
  if (name in dataFiles) return (dataFiles as unknown as Record<string, Validate>)[name]!;
  if (name === 'cslItem') return (await import('../../src/generated/validators-csl.js')).cslItem as unknown as Validate;
  return (await import('../../src/generated/validators-dataset.js'))[name as 'article'] as unknown as Validate;
}

/** Errors side by side: Ajv's without the schema path the generated code leaves out; the generated ones with the message made again. */
const generatedErrors = (errors: ErrorObject[] | null | undefined) => (errors ? errors.map((e) => ({ ...e, message: ajvMessage(e.keyword, e.params) })) : null);
const ajvErrors = (errors: ErrorObject[] | null | undefined) => (errors ? errors.map(({ schemaPath: _, ...e }) => e) : null);

/** What src/core/schemas.ts makes of Ajv's errors: the project's own reading of them, stated again here. */
const shown = (errors: ErrorObject[]): SchemaError[] =>
  errors.map((e) => {
    const params = e.params as Record<string, unknown>;
    const extra = 'additionalProperty' in params ? ` (${String(params.additionalProperty)})` : 'allowedValues' in params ? ` (${(params.allowedValues as unknown[]).join(', ')})` : '';
    return { pointer: e.instancePath, message: `${e.message}${extra}`, keyword: e.keyword, ...('additionalProperty' in params ? { property: String(params.additionalProperty) } : {}) };
  });

describe('the generated validators answer as Ajv compiling the schemas does (scripts/gen-validators.mjs)', () => {
  const ajv = runtimeAjv();

  it.each(samples)('%s: the shipped and built values, and seeded random edits of them, with the same errors', async (name, values) => {
    const ours = await generated(name);
    const theirs = ajv(name);
    expect(values.length, name).toBeGreaterThan(0);
    for (const value of values) {
      expect(ours(value), `${name}: a shipped value`).toBe(true);
      expect(theirs(value), `${name}: a shipped value`).toBe(true);
    }
    let invalid = 0;
    fc.assert(
      fc.property(fc.nat(), fc.array(fc.tuple(fc.nat(), fc.nat(4), fc.nat()), { minLength: 1, maxLength: 3 }), (which, edits) => {
        const value = edits.reduce(edited, values[which % values.length]);
        const answer = theirs(value);
        if (!answer) invalid++;
        expect(ours(value)).toBe(answer);
        expect(generatedErrors(ours.errors)).toEqual(ajvErrors(theirs.errors));
      }),
      { seed: 222, numRuns: 100 },
    );
    expect(invalid, `${name}: edits Ajv refuses`).toBeGreaterThan(30);
  });

  it("shows each refusal as Ajv's errors read by the project: pointer, message (with the property or allowed values), keyword", async () => {
    await loadRecordValidators();
    const csl = await cslItemValidator();
    let refused = 0;
    for (const [name, values] of samples) {
      const ours = name === 'cslItem' ? csl : validatorFor(name);
      const theirs = ajv(name);
      for (let i = 0; i < 40; i++) {
        const value = edited(values[i % values.length], [i * 7919, i % 5, i * 31]);
        if (theirs(value)) continue;
        refused++;
        expect(ours(value), `${name} #${i}`).toBe(false);
        expect(ours.errors(), `${name} #${i}`).toEqual(shown(theirs.errors!));
      }
    }
    expect(refused).toBeGreaterThan(200);
  });
});
