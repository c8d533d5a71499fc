import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { jsonOfEach } from '../../src/io/atomic.js';
import { jsonForScript } from '../../src/report/html/html.js';

/** What jsonOfEach stands for: each value encoded alone. */
const oneByOne = (values: readonly object[], encode: (value: unknown) => string = JSON.stringify) => values.map((value) => encode(value));

/** Strings that come near a cut: the boundary itself, quotes, backslashes, unicode, lone surrogates, what jsonForScript escapes. */
const tricky = fc.oneof(
  fc.string(),
  fc.array(fc.constantFrom('},{"', '},{"a":', '"a":', '\\', '"', '}', ',', '{', 'a', '<', '\u2028', '😀', '\ud83d', '\ude00', '中', '\n'), { maxLength: 8 }).map((parts) => parts.join('')),
);
/** Values whose first member is `a` most times (the cut path), any of JSON's kinds after it, nested objects and arrays of objects starting with `a`. */
const member = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    tricky,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.record({ a: tie('value'), b: tie('value') }, { requiredKeys: [] }),
  ),
}));
/** A value the cut path takes: `a` first, holding a string, number, boolean or null. */
const cutRow = fc.record({ a: fc.oneof(tricky, fc.integer(), fc.double(), fc.boolean(), fc.constant(null)), b: member.value, c: member.value }, { requiredKeys: ['a'] });
/** Any value: `a` missing, undefined or an array of objects, now and then. */
const anyRow = fc.record(
  { a: fc.oneof(tricky, fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.constant([{ a: 1 }, { a: 2 }])), b: member.value, c: member.value },
  { requiredKeys: [] },
);
const lists = fc.oneof(fc.array(cutRow, { maxLength: 12 }), fc.array(fc.oneof(cutRow, anyRow), { maxLength: 12 }));

describe('jsonOfEach: the JSON of each value from one JSON.stringify of the list', () => {
  it('equals each value encoded alone on seeded random lists (boundary text in strings, unicode, lone surrogates, nesting)', () => {
    let cut = 0;
    fc.assert(
      fc.property(lists, fc.boolean(), (values, forScript) => {
        const encode = forScript ? jsonForScript : JSON.stringify;
        const expected = oneByOne(values, encode);
        const stringify = vi.spyOn(JSON, 'stringify');
        try {
          expect(jsonOfEach(values, encode)).toEqual(expected);
          if (values.length > 1 && stringify.mock.calls.length < values.length) cut++;
        } finally {
          stringify.mockRestore();
        }
      }),
      { seed: 1717, numRuns: 3000 },
    );
    // The cut path taken in most runs, not only the fallback.
    expect(cut).toBeGreaterThan(1000);
  });

  it('cuts one call for a list whose values share their first member, even with the boundary text inside strings', () => {
    const values = [{ a: 'x},{"a":y', b: ['},{"a":'] }, { a: '\ud83d}', b: { a: 1 } }, { a: 3, b: '中😀\u2028<' }];
    const expected = oneByOne(values);
    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      expect(jsonOfEach(values)).toEqual(expected);
      // One for the list, one for the member's name in the boundary.
      expect(stringify).toHaveBeenCalledTimes(2);
    } finally {
      stringify.mockRestore();
    }
  });

  it.each([
    ['a nested array of objects starting with the same name (more cuts than boundaries)', [{ a: 1, b: [{ a: 2 }, { a: 3 }] }, { a: 4 }]],
    ['first members differing, with a nested array making the count come out right', [{ a: 1 }, { b: 2, c: [{ a: 3 }, { a: 4 }] }]],
    ['a first member JSON drops (undefined)', [{ a: undefined, b: 1 }, { a: 2 }]],
    ['a first member that is an object', [{ a: { a: 1 } }, { a: 2 }]],
    ['an array among the values', [[1], { a: 2 }]],
    ['a value with toJSON', [new Date(0), { a: 2 }]],
    ['an empty object', [{}, { a: 2 }]],
  ])('falls back to one call a value: %s', (_, values) => {
    const expected = oneByOne(values);
    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      expect(jsonOfEach(values)).toEqual(expected);
      expect(stringify.mock.calls.filter((call) => call[0] === values[1]).length).toBe(1);
    } finally {
      stringify.mockRestore();
    }
  });

  it('gives none for no values and the one text for one', () => {
    expect(jsonOfEach([])).toEqual([]);
    expect(jsonOfEach([{ a: '},{"a":' }])).toEqual(['{"a":"},{\\"a\\":"}']);
  });
});
