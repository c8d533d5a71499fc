import { describe, expect, it } from 'vitest';
import { entryNumbers, parseReferences, readReferenceList } from '../../src/refs/list.js';
import { parseReference } from '../../src/refs/parse.js';

describe('readReferenceList: JSON Lines of {"raw": …}', () => {
  const lines = '{"raw": "Doe J. Stem cells. Nature. 2020;577:1-5."}\n{"raw": 7}\n{not json\n';

  it('each line parsed from its raw text; a line without a raw string or not JSON gives an empty document, never an error', () => {
    expect(readReferenceList(lines)).toEqual({
      items: [
        { id: 'ref-1', type: 'article-journal', title: 'Stem cells', author: [{ family: 'Doe', given: 'J' }], 'container-title': 'Nature', issued: { 'date-parts': [[2020]] }, volume: '577', page: '1-5' },
        { id: 'ref-2', type: 'document' },
        { id: 'ref-3', type: 'document' },
      ],
      entries: [],
      notes: [],
    });
  });

  it('more lines than maxReferences: nothing parsed, the count and the limit said', () => {
    expect(readReferenceList(lines, { maxReferences: 2 })).toEqual({ items: [], entries: [], notes: [], tooMany: { count: 3, limit: 2 } });
    expect(parseReferences('[1] Doe J. A. Nature. 2020;1:1.\n[2] Roe J. B. Cell. 2021;2:2.\n', { maxReferences: 1 })).toEqual([]);
  });

  it('entryNumbers keeps the numbers written (once) and numbers the rest after the largest', () => {
    expect(entryNumbers([{ number: 3 }, { number: null }, { number: 7 }])).toEqual([3, 8, 7]);
    expect(entryNumbers([{ number: 1 }, { number: 1 }, { number: null }])).toEqual([1, 2, 3]);
  });
});

describe('parseReference: what is no reference text', () => {
  it('a link alone, a DOI alone, a link after words', () => {
    expect(parseReference('https://example.org/paper.pdf', 'ref-1')).toEqual({ csl: { id: 'ref-1', type: 'webpage', URL: 'https://example.org/paper.pdf' }, style: 'url' });
    expect(parseReference('doi:10.1000/xyz', 'ref-1')).toEqual({ csl: { id: 'ref-1', type: 'article-journal', DOI: '10.1000/xyz' }, style: 'identifier' });
    expect(parseReference('Available at https://example.org', 'ref-1')).toMatchObject({ csl: { type: 'webpage', URL: 'https://example.org' }, style: 'url' });
  });

  it('text over 2,000 characters is not parsed (a paragraph, not a reference)', () => {
    expect(parseReference(`Stem cells were studied. ${'The results were good and the patients improved. '.repeat(45)}`, 'ref-9')).toEqual({ csl: { id: 'ref-9', type: 'document' }, style: 'unparsed' });
  });

  it('Elsevier fields with "Volume", "Issue" and "Pages"', () => {
    expect(parseReference('Smith J, Doe A. Title here. Journal of Things, Volume 12, Issue 3, 2019, Pages 45-50', 'ref-1').csl).toMatchObject({
      title: 'Title here',
      'container-title': 'Journal of Things',
      volume: '12',
      issue: '3',
      issued: { 'date-parts': [[2019]] },
      page: '45-50',
    });
  });
});
