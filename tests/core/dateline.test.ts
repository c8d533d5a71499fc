import { describe, expect, it } from 'vitest';
import { openingDatelineMatch } from '../../src/core/dateline.js';
import { foldWidth } from '../../src/core/text.js';
import { pipeline } from '../helpers.js';

const structure = () => pipeline().data.structure;

describe('openingDatelineMatch: the dateline or byline a block opens with, shared by segment and entities', () => {
  it.each([
    ['HONG KONG – Example Bio said on Monday…', 'HONG KONG – '],
    ['MUMBAI: A city hospital reported…', 'MUMBAI: '],
    ['Sydney - Researchers found…', 'Sydney - '],
  ])('%s: a dateline naming a known place', (text, opening) => {
    expect(openingDatelineMatch(foldWidth(text), structure())?.[0]).toBe(opening);
  });

  it.each(['Results - the trial met its end point.', 'Quarterly: three studies were reported.', 'Researchers in Boston reported…'])('%s: no known place, no dateline', (text) => {
    expect(openingDatelineMatch(foldWidth(text), structure())).toBeNull();
  });
});
