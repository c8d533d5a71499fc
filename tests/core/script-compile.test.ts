import { describe, expect, it } from 'vitest';
import { letterCounts } from '../../src/core/script.js';
import { keepsOptimisedCode } from '../support/optimised.js';

// A file of its own: `letterCounts` here has only the type feedback this test gives it (a test
// before it that counted a Chinese text would have given the feedback whose lack this one is about).
describe('script: letterCounts keeps the code TurboFan made for it (issue 17)', () => {
  it('when the first unit past 0xd800 (full-width punctuation) comes after V8 compiled it', () => {
    // What a build has read before V8 compiles the count: Han, and every printable ASCII character
    // (each classified once, as a build classifies hundreds of characters by then).
    let ascii = '';
    for (let c = 0x20; c < 0x7f; c++) ascii += String.fromCharCode(c);
    letterCounts(ascii);
    const chinese = '干细胞治疗，临床进展（2025）';
    // Before: the surrogate test asked `unit <= 0xdbff` only of a unit past 0xd800, which the texts
    // before the compile (Han, ASCII) never held, and the Han ranges were tested at a character's
    // first sighting: the code was thrown away for want of feedback at either.
    expect(keepsOptimisedCode(letterCounts, () => letterCounts(chinese), () => letterCounts('干细胞治疗 cells, 2025.'))).toBe(true);
    expect(letterCounts(chinese)).toMatchObject({ han: 9, letters: 9, latin: 0 });
  });
});
