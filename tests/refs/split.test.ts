import { describe, expect, it } from 'vitest';
import { plainBlocks } from '../../src/parse/plain.js';
import { splitReferences } from '../../src/refs/split.js';

const split = (text: string) => splitReferences(plainBlocks(text));

describe('splitting reference lists', () => {
  it.each([
    ['[1]A.\n[2]B.', [1, 2]],
    ['［1］A.\n［2］B.', [1, 2]],
    ['【1】A.\n【2】B.', [1, 2]],
    ['1. A.\n2. B.', [1, 2]],
    ['(1) A.\n(2) B.', [1, 2]],
  ])('numbers of %j', (text, numbers) => {
    expect(split(text).entries.map((e) => e.number)).toEqual(numbers);
  });

  it('joins an entry that runs over two lines', () => {
    const { entries } = split('[1]Zhixiang Huang, Tianwang Li,\nIntegrin-linked kinase,Bone,Volume 200,2025,117591\n[2]Next.');
    expect(entries.map((e) => e.raw)).toEqual(['Zhixiang Huang, Tianwang Li, Integrin-linked kinase,Bone,Volume 200,2025,117591', 'Next.']);
  });

  it('splits two entries that share a line when the numbers follow on', () => {
    const text = '[4]Huang Z. Title,Bone,Volume 200,2025,117591,https://doi.org/10.1016/j.bone.2025.117591.[5]Ke M, Liu W. Breaking boundaries. Front. Immunol. 16:1613502.';
    const { entries, notes } = split(text);
    expect(entries.map((e) => e.number)).toEqual([4, 5]);
    expect(entries[0]?.raw.endsWith('117591.')).toBe(true);
    expect(entries[1]?.raw.startsWith('Ke M')).toBe(true);
    expect(entries[1]?.start).toBe(text.indexOf('[5]'));
    expect(notes).toEqual([{ kind: 'merged-line', offset: text.indexOf('[5]'), number: 5 }]);
  });

  it('does not split on a bracketed number that does not continue the sequence', () => {
    const { entries } = split('[1]Smith J. Cells [2] and tissues. J 2020;1:1.\n[2]Next.');
    expect(entries.map((e) => e.number)).toEqual([1, 2]);
  });

  it('keeps unnumbered lines as entries of their own and says so', () => {
    const { entries, notes } = split('Smith J. One. J 2020;1:1.\nDoe A. Two. K 2021;2:2.');
    expect(entries.map((e) => e.number)).toEqual([null, null]);
    expect(notes.map((n) => n.kind)).toEqual(['unnumbered', 'unnumbered']);
  });
});
