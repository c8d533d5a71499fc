import { describe, expect, it } from 'vitest';
import type { ArticleDigest, DigestItem } from '../../../src/generated/changes.js';
import { diffCounts, diffDigests, diffOf, fieldChange, itemLine } from '../../../src/report/html/changes.js';

const item = (at: string, text: string, more: Partial<DigestItem> = {}): DigestItem => ({ at, date: '2025-03-02', journal: null, paperTitle: null, dois: [], text, excerpt: text, ...more });
const digest = (items: DigestItem[], more: Partial<ArticleDigest> = {}): ArticleDigest => ({ id: 'ra-2025', path: 'in/ra.txt', title: '进展', items, references: [], ...more });

describe('diffDigests: items paired most certain first', () => {
  it('by text, then paper title, then a DOI in common, then date and journal; the rest added or removed', () => {
    const before = digest([
      item('s1-0', 'aaa'),
      item('s1-1', 'bbb', { paperTitle: 'Paper B' }),
      item('s1-2', 'ccc', { dois: ['10.1/c'] }),
      item('s1-3', 'ddd', { journal: 'Nature', date: '2025-03-05' }),
      item('s1-4', 'gone'),
    ]);
    const after = digest([
      item('s1-0', 'aaa'),
      item('s1-1', 'bbb-edited', { paperTitle: 'Paper B', date: '2025-03-03' }),
      item('s1-2', 'ccc-edited', { dois: ['10.1/c', '10.1/x'] }),
      item('s2-0', 'ddd-edited', { journal: 'Nature', date: '2025-03-05', paperTitle: 'Now titled' }),
      item('s2-1', 'fresh'),
    ]);
    const diff = diffDigests(before, after);
    expect(diff.added.map((i) => i.text)).toEqual(['fresh']);
    expect(diff.removed.map((i) => i.text)).toEqual(['gone']);
    expect(diff.changed.map((c) => [c.before.text, c.fields])).toEqual([
      ['bbb', ['date', 'text']],
      ['ccc', ['dois', 'text']],
      ['ddd', ['paperTitle', 'text']],
    ]);
    expect(diff).toMatchObject({ id: null, path: null, title: null, references: [] });
    expect(diffCounts(diff)).toBe('1 new, 1 removed, 3 changed items');
  });

  it('an item that only moved is changed in place; a journal change is named', () => {
    const diff = diffDigests(digest([item('s1-0', 'same'), item('s1-1', 'j', { journal: 'Cell', paperTitle: 'T' })]), digest([item('s2-0', 'same'), item('s1-1', 'j2', { journal: 'Nature', paperTitle: 'T' })]));
    expect(diff.changed.map((c) => c.fields)).toEqual([['place'], ['journal', 'text']]);
    expect(diffCounts(diff)).toBe('2 changed items');
  });

  it('references added, removed and with another DOI, in number order; id, path and title', () => {
    const before = digest([], { references: [{ number: 1, doi: '10.1/a' }, { number: 2, doi: '10.1/b' }, { number: 3, doi: null }] });
    const after = digest([], { id: 'ra-2025b', path: null, title: null, references: [{ number: 4, doi: null }, { number: 1, doi: '10.1/a2' }, { number: 3, doi: null }] });
    const diff = diffDigests(before, after);
    expect(diff.references).toEqual([
      { number: 1, before: '10.1/a', after: '10.1/a2', kind: 'doi' },
      { number: 2, before: '10.1/b', after: null, kind: 'removed' },
      { number: 4, before: null, after: null, kind: 'added' },
    ]);
    expect(diff.id).toEqual({ before: 'ra-2025', after: 'ra-2025b' });
    expect(diff.path).toEqual({ before: 'in/ra.txt', after: null });
    expect(diff.title).toEqual({ before: '进展', after: null });
    expect(diffCounts(diff)).toBe('3 references; id; title; path');
    expect(diffCounts(diffDigests(digest([], { references: [{ number: 1, doi: null }] }), digest([])))).toBe('1 reference');
    expect(diffCounts(diffDigests(digest([item('a', 'x')]), digest([item('a', 'x', { date: '2025-04-01' })])))).toBe('1 changed item');
  });

  it('no previous version, no diff', () => {
    expect(diffOf(null)).toBeNull();
    expect(diffOf({ id: 'a', status: 'first', revision: 1, previousId: null, current: digest([]), previous: null })).toBeNull();
    expect(diffOf({ id: 'a', status: 'changed', revision: 2, previousId: 'a', current: digest([item('a', 'x')]), previous: digest([]) })?.added).toHaveLength(1);
  });
});

describe('fieldChange and itemLine: what the page prints, escaped', () => {
  const before = item('s1-0', 't', { journal: 'A&B', paperTitle: null, dois: [] });
  const after = item('s2-0', 't2', { date: '2025-03-04', journal: null, paperTitle: '<i>P</i>', dois: ['10.1/x'] });
  const change = { before, after, fields: [] };

  it.each([
    ['date', 'date 2025-03-02 → 2025-03-04'],
    ['journal', 'journal A&amp;B → (none)'],
    ['paperTitle', 'paper title (none) → &lt;i&gt;P&lt;/i&gt;'],
    ['dois', 'DOIs (none) → <code>10.1/x</code>'],
    ['text', 'text edited'],
    ['place', 'moved (s1-0 → s2-0)'],
  ] as const)('%s', (field, expected) => {
    expect(fieldChange(change, field)).toBe(expected);
  });

  it('date · journal · 《paper title》, the parts that are there', () => {
    expect(itemLine(before)).toBe('2025-03-02 · A&amp;B');
    expect(itemLine(after)).toBe('2025-03-04 · 《&lt;i&gt;P&lt;/i&gt;》');
  });
});
