import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { surelyValidCsl } from '../../src/core/csl-check.js';
import { cslDateMembers, cslNameMembers, cslProperties, cslRequired } from '../../src/generated/csl-kinds.js';
import { cslItemValidator } from '../../src/core/schemas.js';
import { cslItem } from '../../src/generated/validators-csl.js';
import { pipeline, repo } from '../helpers.js';
// @ts-expect-error no declaration file for the .mjs script
import { generateCslKinds } from '../../scripts/gen-validators.mjs';

/** Ajv's generated validator alone: the definition the quick reading must never contradict. */
const ajv = (item: unknown): boolean => (cslItem as unknown as (value: unknown) => boolean)(item);

const schema = JSON.parse(readFileSync(repo('schemas/csl-data.json'), 'utf8')) as {
  items: { properties: Record<string, Record<string, unknown>>; required: string[] };
  definitions: Record<string, { anyOf: { properties?: Record<string, unknown> }[] }>;
};

/** The schema with one change made to a copy of it. */
function changed(edit: (copy: typeof schema) => void): typeof schema {
  const copy = structuredClone(schema);
  edit(copy);
  return copy;
}

describe('surelyValidCsl (issue 17: the CSL check of the validate stage)', () => {
  it('reads its kinds from schemas/csl-data.json: every property, a name’s and a date’s members (src/generated/csl-kinds.ts)', () => {
    expect(Object.keys(cslProperties).sort()).toEqual(Object.keys(schema.items.properties).sort());
    expect(cslRequired).toEqual(schema.items.required);
    expect(Object.keys(cslNameMembers).sort()).toEqual(Object.keys(schema.definitions['name-variable']!.anyOf[0]!.properties!).sort());
    // (edtf, a pattern, is Ajv's to read.)
    expect(Object.keys(cslDateMembers).sort()).toEqual(['circa', 'date-parts', 'literal', 'raw', 'season']);
    expect(cslProperties).toMatchObject({ title: 'string', volume: 'string-or-number', author: 'names', issued: 'date', type: 'type', categories: 'strings', custom: 'object' });
  });

  it('stops `npm run gen:types` on a shape of the schema it does not read, rather than read it wrong', () => {
    expect(generateCslKinds(schema)).toBe(readFileSync(repo('src/generated/csl-kinds.ts'), 'utf8'));
    const wrong = [
      changed((s) => (s.items.properties.title = { type: 'string', pattern: '^x' })),
      changed((s) => (s.items.properties.volume = { type: ['string', 'number'], minLength: 1 })),
      changed((s) => (s.items.properties.page = { type: ['number', 'string', 'null'] })),
      changed((s) => (s.items.properties.author = { type: 'array', items: { $ref: '#/definitions/name-variable' }, maxItems: 9 })),
      changed((s) => (s.items.properties.type = { type: 'string', pattern: 'x' })),
      changed((s) => ((s.items as Record<string, unknown>).allOf = [{ required: ['title'] }])),
      changed((s) => (s.definitions['name-variable']!.anyOf[0]!.properties!.family = { type: 'string', maxLength: 9 })),
      changed((s) => s.definitions['name-variable']!.anyOf.push({ properties: {} })),
      changed((s) => ((s.definitions['date-variable']!.anyOf[1]!.properties!['date-parts'] as Record<string, unknown>).maxItems = undefined)),
      changed((s) => (((s.definitions['date-variable']!.anyOf[1]!.properties!['date-parts'] as Record<string, unknown>).items as Record<string, unknown>).uniqueItems = true)),
    ];
    for (const s of wrong) expect(() => generateCslKinds(s)).toThrow(/is not a shape src\/core\/csl-check.ts reads/);
    // (Words for readers only change nothing.)
    expect(generateCslKinds(changed((s) => (s.items.properties.title = { type: 'string', description: 'x', title: 'Title' })))).toBe(generateCslKinds(schema));
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
  const keys = Object.keys(cslProperties);
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
        fc.tuple(...['type', 'id', ...chosen].map((key) => valueOfKind(cslProperties[key] ?? 'unknown'))),
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
    .chain(([x, key]) => valueOfKind(cslProperties[key] ?? 'unknown').map((v) => ({ ...x, [key]: v })));

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
