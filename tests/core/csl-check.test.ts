import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cslKinds, surelyValidCsl } from '../../src/core/csl-check.js';
import { cslItemValidator } from '../../src/core/schemas.js';
import { cslItem } from '../../src/generated/validators-csl.js';
import { pipeline, repo } from '../helpers.js';

/** Ajv's generated validator alone: the definition the quick reading must never contradict. */
const ajv = (item: unknown): boolean => (cslItem as unknown as (value: unknown) => boolean)(item);

const schema = JSON.parse(readFileSync(repo('schemas/csl-data.json'), 'utf8')) as {
  items: { properties: Record<string, Record<string, unknown>>; required: string[] };
  definitions: Record<string, { anyOf: { properties?: Record<string, unknown> }[] }>;
};

/** The kind csl-check.ts gives a property, read from its schema. */
function kindInSchema(property: Record<string, unknown>): string {
  const ref = property.$ref as string | undefined;
  const items = property.items as Record<string, unknown> | undefined;
  if (ref === '#/definitions/date-variable') return 'date';
  if (property.type === 'array' && items?.$ref === '#/definitions/name-variable') return 'names';
  if (property.type === 'array' && items?.type === 'string') return 'strings';
  if (property.type === 'string' && Array.isArray(property.enum)) return 'type';
  if (property.type === 'string') return 'string';
  if (JSON.stringify(property.type) === '["string","number"]') return 'string-or-number';
  if (property.type === 'object') return 'object';
  return `unknown: ${JSON.stringify(property)}`;
}

describe('surelyValidCsl (issue 17: the CSL check of the validate stage)', () => {
  it('gives every property of schemas/csl-data.json the kind the schema gives it, and no other property', () => {
    const kinds = cslKinds();
    const inSchema = new Map(Object.entries(schema.items.properties).map(([key, p]) => [key, kindInSchema(p)]));
    expect(new Map([...kinds].sort())).toEqual(new Map([...inSchema].sort()));
    expect(schema.items.required.sort()).toEqual(['id', 'type']);
  });

  it('reads the names and dates the schema defines (their members unchanged since csl-check.ts was written)', () => {
    const name = schema.definitions['name-variable']!.anyOf;
    expect(name).toHaveLength(1);
    expect(Object.keys(name[0]!.properties!).sort()).toEqual(['comma-suffix', 'dropping-particle', 'family', 'given', 'literal', 'non-dropping-particle', 'parse-names', 'static-ordering', 'suffix']);
    const date = schema.definitions['date-variable']!.anyOf;
    expect(date).toHaveLength(2);
    expect(Object.keys(date[1]!.properties!).sort()).toEqual(['circa', 'date-parts', 'edtf', 'literal', 'raw', 'season']);
  });

  it('says valid of every item the reference parser makes from the fixtures, as Ajv does', async () => {
    const { ingestDetailed } = await import('../../src/ingest.js');
    let items = 0;
    for (const name of readdirSync(repo('fixtures/articles'))) {
      const { record } = await ingestDetailed({ path: repo(`fixtures/articles/${name}`) }, { pipeline: pipeline() });
      for (const reference of record?.references ?? []) {
        expect(ajv(reference.csl)).toBe(true);
        expect(surelyValidCsl(reference.csl)).toBe(true);
        items++;
      }
    }
    expect(items).toBeGreaterThan(50);
  }, 60_000);

  // Values of every shape the schema's kinds tell apart, valid or not for each.
  const anyValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.string({ maxLength: 6 }),
      fc.constantFrom('article-journal', 'book', 'webpage', 'journal', '2025', '2025-03', 'X', ''),
      fc.integer({ min: -3, max: 3000 }),
      fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 1.5),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(fc.constantFrom('family', 'given', 'literal', 'comma-suffix', 'parse-names', 'date-parts', 'raw', 'season', 'circa', 'edtf', 'other'), tie('value'), { maxKeys: 3 }),
    ),
  })).value;
  const name = fc.oneof(
    { weight: 8, arbitrary: fc.dictionary(fc.constantFrom('family', 'given', 'literal', 'suffix', 'comma-suffix', 'static-ordering', 'parse-names', 'dropping-particle', 'non-dropping-particle', 'nickname'), fc.oneof({ weight: 6, arbitrary: fc.string({ maxLength: 4 }) }, { weight: 1, arbitrary: fc.integer() }, { weight: 1, arbitrary: fc.boolean() }, { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Infinity, undefined, null) }), { maxKeys: 3 }) },
    { weight: 1, arbitrary: anyValue },
  );
  const part = fc.oneof(
    { weight: 8, arbitrary: fc.integer({ min: 1, max: 2030 }) },
    { weight: 3, arbitrary: fc.string({ maxLength: 4 }) },
    { weight: 1, arbitrary: fc.constantFrom(Infinity, Number.NaN, null, true, undefined) },
  );
  const date = fc.oneof(
    fc.record({ 'date-parts': fc.array(fc.array(part, { maxLength: 4 }), { maxLength: 3 }) }, { requiredKeys: [] }),
    fc.dictionary(fc.constantFrom('date-parts', 'season', 'circa', 'literal', 'raw', 'edtf', 'year'), anyValue, { maxKeys: 3 }),
    fc.constantFrom('2025', '2025-03-01', 'spring', ''),
  );
  const valueOfKind = (kind: string): fc.Arbitrary<unknown> => {
    switch (kind) {
      case 'names':
        return fc.oneof(fc.array(name, { maxLength: 3 }), anyValue);
      case 'date':
        return fc.oneof(date, anyValue);
      case 'type':
        return fc.oneof(fc.constantFrom('article-journal', 'book', 'webpage', 'chapter', 'journal', 'Book'), anyValue);
      default:
        return anyValue;
    }
  };
  const keys = [...cslKinds().keys()];
  const item = fc
    .array(
      fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...keys) },
        { weight: 1, arbitrary: fc.constantFrom('containerTitle', 'extra', 'title ', '__proto__x', 'constructor') },
      ),
      { maxLength: 8 },
    )
    .chain((chosen) =>
      fc.tuple(
        fc.tuple(...['type', 'id', ...chosen].map((key) => valueOfKind(cslKinds().get(key) ?? 'unknown'))),
        fc.boolean(),
        fc.boolean(),
      ).map(([values, dropType, dropId]) => {
        const out: Record<string, unknown> = {};
        ['type', 'id', ...chosen].forEach((key, i) => (out[key] = values[i]));
        if (dropType) delete out.type;
        if (dropId) delete out.id;
        return out;
      }),
    );
  // Items that are mostly valid, so both answers are exercised: the parser's own shapes.
  const validish = fc.record(
    {
      type: fc.constantFrom('article-journal', 'book', 'webpage'),
      id: fc.oneof(fc.string({ maxLength: 5 }), fc.nat()),
      title: fc.string({ maxLength: 8 }),
      'container-title': fc.string({ maxLength: 8 }),
      author: fc.array(fc.record({ family: fc.string({ maxLength: 4 }), given: fc.string({ maxLength: 4 }) }, { requiredKeys: ['family'] }), { maxLength: 4 }),
      issued: fc.record({ 'date-parts': fc.array(fc.array(fc.integer({ min: 1, max: 2030 }), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 2 }) }),
      volume: fc.oneof(fc.string({ maxLength: 3 }), fc.nat()),
      page: fc.string({ maxLength: 7 }),
      DOI: fc.string({ maxLength: 9 }),
    },
    { requiredKeys: ['type', 'id'] },
  );

  // A valid item with one field set to a value of any shape (its kind's near misses most often):
  // the verdict is that field's, so each rule of each kind is put to the test alone.
  const oneChanged = fc
    .tuple(validish, fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...keys) }, { weight: 1, arbitrary: fc.constantFrom('containerTitle', 'extra') }))
    .chain(([x, key]) => valueOfKind(cslKinds().get(key) ?? 'unknown').map((v) => ({ ...x, [key]: v })));

  it('never says valid of an item Ajv rejects (seeded random items of every kind, valid and not)', () => {
    let sure = 0;
    let rejected = 0;
    fc.assert(
      fc.property(fc.oneof(item, validish, oneChanged, oneChanged), (x) => {
        const quick = surelyValidCsl(x);
        const full = ajv(x);
        if (quick) {
          expect(full).toBe(true);
          sure++;
        }
        if (!full) rejected++;
      }),
      { seed: 17, numRuns: 6000 },
    );
    // Both answers came up often enough for the property to mean something.
    expect(sure).toBeGreaterThan(500);
    expect(rejected).toBeGreaterThan(500);
  });

  it('says valid of the valid items it can read (a name list, date parts, the item types, numbers as ids)', () => {
    fc.assert(
      fc.property(validish, (x) => {
        expect(ajv(x)).toBe(true);
        expect(surelyValidCsl(x)).toBe(true);
      }),
      { seed: 17, numRuns: 500 },
    );
  });

  it('leaves to Ajv what it cannot read, and the validator answers as Ajv with Ajv’s errors', async () => {
    const edtf = { type: 'book', id: 'a', issued: '2025-03' };
    expect(surelyValidCsl(edtf)).toBe(false);
    const validator = await cslItemValidator();
    expect(validator(edtf)).toBe(ajv(edtf));
    expect(validator({ type: 'book', id: 'a', author: [{ family: 'X' }] })).toBe(true);
    expect(validator({ type: 'journal', id: 'a' })).toBe(false);
    expect(validator.errors()[0]).toMatchObject({ pointer: '/type', keyword: 'enum' });
    expect(validator({ type: 'book', id: 'a', issued: { 'date-parts': [[2025, 3, 1, 2]] } })).toBe(false);
    expect(validator.errors().length).toBeGreaterThan(0);
    expect(validator({ type: 'book', id: 'a', containerTitle: 'x' })).toBe(false);
    expect(validator.errors()[0]).toMatchObject({ keyword: 'additionalProperties', property: 'containerTitle' });
    class Item {
      type = 'book';
      id = 'a';
    }
    expect(surelyValidCsl(new Item())).toBe(false);
    expect(validator(new Item())).toBe(ajv(new Item()));
  });
});
