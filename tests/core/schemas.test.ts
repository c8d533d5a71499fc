import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it, vi } from 'vitest';
import type { ErrorObject } from 'ajv';
import { repo } from '../helpers.js';
import { ajvMessage } from '../../src/generated/validator-messages.js';

/**
 * The record's validator is a module of its own (src/generated/validators-article.ts), apart from
 * the rest of the dataset's (validators-dataset.ts, which imports from it what they share), so
 * that `digest ingest` loads the one it runs (issue 17: start-up). Split or not, each must answer
 * as Ajv compiling schemas/ does: the generated code is checked here against Ajv itself, on every
 * file of the committed dataset out/ and on invalid variants of them.
 */
const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020.js').default as new (options: object) => {
  addVocabulary(words: string[]): void;
  addSchema(schema: object, key: string): void;
  getSchema(key: string): ((value: unknown) => boolean) & { errors?: unknown[] | null };
};

/** Ajv compiling schemas/ at run time, with the options scripts/gen-validators.mjs generates under. */
function compiledByAjv(): (key: string) => ((value: unknown) => boolean) & { errors?: unknown[] | null } {
  const ajv = new Ajv2020({ strict: true, strictRequired: false, allowUnionTypes: true });
  ajv.addVocabulary(['tsType']);
  for (const name of ['article', 'manifest', 'items-row', 'references-row', 'entities-row', 'changes', 'search-index']) ajv.addSchema(JSON.parse(readFileSync(repo(`schemas/${name}.schema.json`), 'utf8')) as object, name);
  return (key) => ajv.getSchema(key);
}

/**
 * Errors as the generated validators and Ajv compiling schemas/ give them, side by side: the
 * generated ones hold no `schemaPath` (no code reads it) nor `message` (src/core/schemas.ts makes it
 * again from the keyword and params, with src/generated/validator-messages.ts), so Ajv's lose the
 * one and the generated ones are given the other; everything else as it is.
 */
const generatedErrors = (errors: unknown[] | null | undefined) => (errors ? (errors as ErrorObject[]).map((e) => ({ ...e, message: ajvMessage(e.keyword, e.params) })) : null);
const ajvErrors = (errors: unknown[] | null | undefined) => (errors ? (errors as ErrorObject[]).map(({ schemaPath: _, ...e }) => e) : null);

const records = readdirSync(repo('out/articles'))
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => [name, JSON.parse(readFileSync(repo(`out/articles/${name}`), 'utf8')) as Record<string, unknown>] as const);
const rows = (table: string) => readFileSync(repo(`out/${table}.jsonl`), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);

/** A deep copy of `value` with `edit` applied to it. */
const edited = <T>(value: T, edit: (copy: any) => void): T => {
  const copy = structuredClone(value);
  edit(copy);
  return copy;
};

/** Invalid variants of a record: a member missing, one of the wrong type, one too many, a pattern, an enum, deep in its parts. */
function invalidRecords(record: Record<string, unknown>): [string, unknown][] {
  return [
    ['no id', edited(record, (r) => delete r.id)],
    ['id not a slug', edited(record, (r) => (r.id = 'Not A Slug'))],
    ['an extra member', edited(record, (r) => (r.extra = 1))],
    ['title a number', edited(record, (r) => (r.title = 42))],
    ['source.sha256 short', edited(record, (r) => (r.source.sha256 = 'abc'))],
    ['a section of an unknown kind', edited(record, (r) => r.sections.length && (r.sections[0].kind = 'appendix'))],
    ['an item without its date', edited(record, (r) => r.sections.find((s: any) => s.items.length)?.items[0] && delete r.sections.find((s: any) => s.items.length).items[0].date)],
    ['a reference with an extra member', edited(record, (r) => r.references.length && (r.references[0].extra = true))],
    ['a reference CSL item of no type', edited(record, (r) => r.references.length && (r.references[0].csl.type = 7))],
    ['an entity of no type', edited(record, (r) => r.entities.length && delete r.entities[0].type)],
    ['a diagnostic of an unknown severity', edited(record, (r) => r.diagnostics.push({ severity: 'fatal', rule: 'x', source: 'y', message: 'z', line: 1, column: 1 }))],
    ['null', null],
    ['an array', [record]],
  ];
}

describe("the record's validator on its own, the dataset's beside it (issue 17: start-up)", () => {
  it('articleValidator() loads the record\'s module alone: the rest of the dataset\'s validators stay unloaded until loadRecordValidators()', async () => {
    vi.resetModules();
    const schemas = await import('../../src/core/schemas.js');
    const article = await schemas.articleValidator();
    expect(article(records[0]![1])).toBe(true);
    expect(schemas.validatorFor('article')(records[0]![1]), 'the record\'s, at hand once loaded').toBe(true);
    expect(() => schemas.validatorFor('manifest'), 'the manifest\'s: not loaded').toThrow(/loadRecordValidators/);
    expect(() => schemas.loadedCslItemValidator(), 'the CSL item\'s: not loaded').toThrow(/loadRecordValidators/);
    await schemas.cslItemValidator();
    expect(() => schemas.validatorFor('manifest'), 'nor by the CSL item\'s').toThrow(/loadRecordValidators/);
    await schemas.loadRecordValidators();
    expect(schemas.validatorFor('manifest')(JSON.parse(readFileSync(repo('out/manifest.json'), 'utf8')))).toBe(true);
    // One record validator, whichever way it was reached.
    const [split, dataset] = await Promise.all([import('../../src/generated/validators-article.js'), import('../../src/generated/validators-dataset.js')]);
    expect(dataset.article).toBe(split.article);
  });

  it('answers every record of out/ and invalid variants of them as Ajv compiling schemas/article.schema.json does, errors included', async () => {
    const { articleValidator } = await import('../../src/core/schemas.js');
    const ours = await articleValidator();
    const ajv = compiledByAjv()('article');
    expect(records.length).toBeGreaterThan(5);
    let invalid = 0;
    for (const [name, record] of records) {
      expect(ours(record), name).toBe(true);
      expect(ajv(record), name).toBe(true);
      for (const [what, value] of invalidRecords(record)) {
        const answer = ajv(value);
        if (!answer) invalid++;
        expect(ours(value), `${name}: ${what}`).toBe(answer);
        // Errors as Ajv gives them, with the pointers, keywords, params and messages of article.schema.json.
        const article = (await import('../../src/generated/validators-article.js')).article as unknown as ((value: unknown) => boolean) & { errors?: unknown[] | null };
        article(value);
        expect(generatedErrors(article.errors), `${name}: ${what}`).toEqual(ajvErrors(ajv.errors));
      }
    }
    expect(invalid, 'the variants are invalid').toBeGreaterThan(records.length * 8);
  });

  it("answers out/'s manifest, tables' rows and changes.json, and invalid variants, as Ajv compiling schemas/ does (validators-dataset.ts, which shares the record's parts)", async () => {
    const dataset = await import('../../src/generated/validators-dataset.js');
    const ajv = compiledByAjv();
    const manifest = JSON.parse(readFileSync(repo('out/manifest.json'), 'utf8')) as Record<string, unknown>;
    const changes = JSON.parse(readFileSync(repo('out/changes.json'), 'utf8')) as Record<string, unknown>;
    const cases: [keyof typeof dataset, string, unknown[]][] = [
      ['manifest', 'manifest', [manifest, edited(manifest, (m) => (m.inputs[0].months = ['2025-13'])), edited(manifest, (m) => (m.inputs[0].id = 'Bad Id')), edited(manifest, (m) => delete m.files)]],
      ['itemsRow', 'items-row', rows('items').flatMap((row) => [row, edited(row, (r) => (r.month = '2025-1')), edited(row, (r) => (r.article = 'x y'))])],
      ['referencesRow', 'references-row', rows('references').flatMap((row) => [row, edited(row, (r) => (r.csl.type = 1)), edited(row, (r) => (r.id = 'reference-one'))])],
      ['entitiesRow', 'entities-row', rows('entities').flatMap((row) => [row, edited(row, (r) => (r.type = 'planet')), edited(row, (r) => delete r.article)])],
      ['changes', 'changes', [changes, edited(changes, (c) => (c.extra = true))]],
    ];
    for (const [exported, key, values] of cases) {
      const generated = dataset[exported] as ((value: unknown) => boolean) & { errors?: unknown[] | null };
      const theirs = ajv(key);
      expect(values.length, key).toBeGreaterThan(1);
      for (const [i, value] of values.entries()) {
        expect(generated(value), `${key} #${i}`).toBe(theirs(value));
        expect(generatedErrors(generated.errors), `${key} #${i}`).toEqual(ajvErrors(theirs.errors));
      }
      expect(generated(values[0]), `${key}: out/'s own`).toBe(true);
    }
  });
});
