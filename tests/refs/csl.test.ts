import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderCsl } from '../../src/refs/csl.js';

// The order as it was written before the ranks (issue 17): each known key asked in turn, then any others sorted.
const cslKeyOrder = [
  'id', 'type', 'title', 'author', 'editor', 'translator', 'container-title', 'collection-title', 'issued', 'volume', 'issue', 'page',
  'edition', 'genre', 'number', 'number-of-volumes', 'number-of-pages', 'publisher', 'publisher-place', 'accessed', 'DOI', 'PMID', 'PMCID', 'ISSN', 'ISBN', 'URL',
];
function plainOrder(source: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of cslKeyOrder) if (source[key] !== undefined) out[key] = source[key];
  for (const key of Object.keys(source).sort()) if (!(key in out) && source[key] !== undefined) out[key] = source[key];
  return out;
}

describe('orderCsl', () => {
  it('puts known keys in the fixed order and others after, sorted, leaving undefined values out: as the plain definition, on any item', () => {
    const key = fc.oneof(fc.constantFrom(...cslKeyOrder), fc.constantFrom('note', 'abstract', 'ISBN-13', 'Zeta', 'a', '_x'), fc.string({ maxLength: 6 }).filter((k) => k !== '__proto__'));
    const value = fc.oneof(fc.constant(undefined), fc.string({ maxLength: 4 }), fc.integer(), fc.constant(null));
    fc.assert(
      fc.property(fc.array(fc.tuple(key, value), { maxLength: 30 }), (entries) => {
        const item: Record<string, unknown> = {};
        for (const [k, v] of entries) item[k] = v;
        const ordered = orderCsl(item as never) as Record<string, unknown>;
        const plain = plainOrder(item);
        expect(Object.keys(ordered)).toEqual(Object.keys(plain));
        expect(JSON.stringify(ordered)).toBe(JSON.stringify(plain));
      }),
      { seed: 17, numRuns: 3000 },
    );
  });

  it('orders a parsed item’s keys whatever order the parser set them in', () => {
    const item = { URL: 'u', page: '1-2', id: 'ref-1', title: 't', type: 'article-journal', note: 'n', DOI: 'd', author: [{ family: 'A' }], volume: undefined };
    expect(Object.keys(orderCsl(item as never))).toEqual(['id', 'type', 'title', 'author', 'page', 'DOI', 'URL', 'note']);
  });
});
