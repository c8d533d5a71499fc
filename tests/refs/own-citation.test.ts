import { describe, expect, it } from 'vitest';
import { isPageCitationHeading } from '../../src/refs/own-citation.js';

describe('isPageCitationHeading', () => {
  it('reads the headings under which a page cites itself, before a colon or alone', () => {
    for (const text of ['Cite This Page:', 'Cite this article', 'How to cite this article: Marlowe QT et al.', 'HOW TO CITE', 'Cite  this  page：']) expect(isPageCitationHeading(text), text).toBe(true);
  });

  it('reads no reference that opens with the same words', () => {
    for (const text of ['Cite This Page Ltd. Annual report. London; 2020.', 'Citation analysis of stem cell papers. Scientometrics Ex. 2021;3:1-9.', 'Howard T. How to cite sources. Writing Ex. 2019;2:3.']) expect(isPageCitationHeading(text), text).toBe(false);
  });
});
