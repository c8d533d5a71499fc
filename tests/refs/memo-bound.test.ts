import { describe, expect, it } from 'vitest';
import { phraseKey, REFERENCE_MEMO_MAX } from '../../src/refs/data.js';
import { classifySegment, readSourceText, referenceMemoSizes } from '../../src/refs/source.js';

// Distinct words for distinct inputs: letters only, so no input is a number the parser reads apart.
const word = (n: number): string => {
  let out = '';
  do {
    out += String.fromCharCode(97 + (n % 26));
    n = Math.floor(n / 26);
  } while (n > 0);
  return `Q${out}`;
};

describe("the reference parser's memos stay at their bound (issue 17: flat in N)", () => {
  it('holds at most REFERENCE_MEMO_MAX entries each after three times as many distinct segments and phrases', () => {
    const first = classifySegment('Zorblat Review of Qab: 58–67');
    const inputs = 3 * REFERENCE_MEMO_MAX;
    let most = { classified: 0, tails: 0, foldedKeys: 0 };
    for (let i = 0; i < inputs; i++) {
      readSourceText(`Zorblat Review of ${word(i)} ${i % 90} ${word(i + 7)}: 58–67`);
      phraseKey(`Éditions ${word(i)}.`);
      const sizes = referenceMemoSizes();
      most = { classified: Math.max(most.classified, sizes.classified), tails: Math.max(most.tails, sizes.tails), foldedKeys: Math.max(most.foldedKeys, sizes.foldedKeys) };
    }
    // Each memo was used past its bound (so it was cleared), and never held more than the bound.
    expect(most.classified).toBe(REFERENCE_MEMO_MAX);
    expect(most.tails).toBe(REFERENCE_MEMO_MAX);
    expect(most.foldedKeys).toBe(REFERENCE_MEMO_MAX);
    // A text read again after its entry was cleared reads the same.
    expect(classifySegment('Zorblat Review of Qab: 58–67')).toEqual(first);
    expect(phraseKey('Éditions Qa.')).toBe('éditions qa');
  });
});
