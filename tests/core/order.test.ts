import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distinctSorted, ordered } from '../../src/core/order.js';

const entityOf = (m: { entity?: string | null | undefined }) => m.entity;

describe('distinctSorted', () => {
  it('is [...new Set(list.map(key).filter(string))].sort() on seeded random lists, short (scanned) and long (through a Set)', () => {
    const ids: string[] = ['disease:a', 'cell:b', 'drug:c', 'Z', 'a', '干细胞', '😀', 'é', 'e\u0301', ''];
    const mention = fc.record({ entity: fc.option(fc.constantFrom(...ids), { nil: undefined }) }, { requiredKeys: [] });
    fc.assert(
      fc.property(fc.array(mention, { maxLength: 80 }), (list) => {
        const expected = [...new Set(list.map((m) => m.entity).filter((e): e is string => typeof e === 'string'))].sort();
        expect(distinctSorted(list, entityOf)).toEqual(expected);
      }),
      { seed: 17, numRuns: 2000 },
    );
  });

  it('random strings, the lengths on either side of the scan limit', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 3 }), { minLength: 30, maxLength: 40 }), (texts) => {
        const list = texts.map((text) => ({ text }));
        expect(distinctSorted(list, (m) => m.text)).toEqual([...new Set(texts)].sort());
      }),
      { seed: 17, numRuns: 1000 },
    );
  });

  it('a new array every call, the list untouched', () => {
    const list = [{ entity: 'b' }, { entity: 'a' }, { entity: 'b' }];
    const out = distinctSorted(list, entityOf);
    expect(out).toEqual(['a', 'b']);
    expect(distinctSorted(list, entityOf)).not.toBe(out);
    expect(list.map((m) => m.entity)).toEqual(['b', 'a', 'b']);
  });
});

describe('ordered', () => {
  it('the list itself when in order, else a sorted copy', () => {
    const byN = (a: number, b: number) => a - b;
    const list = [1, 2, 3];
    expect(ordered(list, byN)).toBe(list);
    const unsorted = [3, 1, 2];
    expect(ordered(unsorted, byN)).toEqual([1, 2, 3]);
    expect(unsorted).toEqual([3, 1, 2]);
  });
});
