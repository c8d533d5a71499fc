import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { surfacesOf } from '../../src/dataset/tables.js';

describe("an entity row's surfaces", () => {
  it('are the distinct texts in default sort order, as a set spread and sorted gives them (issue 17)', () => {
    const text = fc.oneof(fc.constantFrom('CAR-T', 'car-t', 'CAR-T细胞', '间充质干细胞', 'MSC', 'MSCs', ''), fc.string({ maxLength: 4 }), fc.string({ unit: 'binary', maxLength: 3 }));
    fc.assert(
      fc.property(fc.array(text, { maxLength: 9 }), (texts) => {
        const mentions = texts.map((t) => ({ text: t }));
        expect(surfacesOf(mentions)).toEqual([...new Set(texts)].sort());
      }),
      { seed: 17, numRuns: 3000 },
    );
  });

  it('one text, mentioned once or many times, is that text', () => {
    expect(surfacesOf([])).toEqual([]);
    expect(surfacesOf([{ text: 'MSC' }])).toEqual(['MSC']);
    expect(surfacesOf([{ text: 'MSC' }, { text: 'MSC' }, { text: 'MSC' }])).toEqual(['MSC']);
    expect(surfacesOf([{ text: 'b' }, { text: 'a' }, { text: 'b' }])).toEqual(['a', 'b']);
  });
});
