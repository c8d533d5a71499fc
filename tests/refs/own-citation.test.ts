import { describe, expect, it, vi } from 'vitest';
import { isPageCitationHeading } from '../../src/refs/own-citation.js';

describe('isPageCitationHeading', () => {
  it('reads the headings under which a page cites itself, before a colon or alone', () => {
    for (const text of ['Cite This Page:', 'Cite this article', 'How to cite this article: Marlowe QT et al.', 'HOW TO CITE', 'Cite  this  page：']) expect(isPageCitationHeading(text), text).toBe(true);
  });

  it('reads no reference that opens with the same words', () => {
    for (const text of ['Cite This Page Ltd. Annual report. London; 2020.', 'Citation analysis of stem cell papers. Scientometrics Ex. 2021;3:1-9.', 'Howard T. How to cite sources. Writing Ex. 2019;2:3.']) expect(isPageCitationHeading(text), text).toBe(false);
  });
});

describe('isPageCitationHeading asks its pattern only of a line a heading may open (issue 17: start-up)', () => {
  it('answers lines opening with a number, a bracket or another letter without the pattern: a list of entries never compiles it', () => {
    const exec = vi.spyOn(RegExp.prototype, 'exec');
    try {
      for (const text of ['[1] Marlowe QT, Ruiz P. Grafts in Ex. Cell Ex. 2021;3:1-9.', '2. Okafor N. Healing. Lancet Ex. 2019;1:2.', '  Zhang W, et al. Repair. 2020.', '王某某. 干细胞[J]. 某某杂志, 2021.', '', '   ']) expect(isPageCitationHeading(text), text).toBe(false);
      expect((exec.mock.contexts as RegExp[]).filter((pattern) => pattern.source.includes('Cite'))).toEqual([]);
      expect(isPageCitationHeading('  cite this page:')).toBe(true);
      expect((exec.mock.contexts as RegExp[]).filter((pattern) => pattern.source.includes('Cite')).length).toBe(1);
    } finally {
      exec.mockRestore();
    }
  });
});
