import { describe, expect, it } from 'vitest';
import { clauses } from '../../src/stages/facts.js';
import { keepsOptimisedCode } from '../support/optimised.js';

// A file of its own: `clauses` here has only the type feedback this test gives it (a test before it
// that split a comma among digits would have given the feedback whose lack this test is about).
describe('facts: clauses keeps the code TurboFan made for it (issue 17)', () => {
  it('when the first comma among digits comes after V8 compiled it', () => {
    // Before: the digits after a comma were tested one by one, each test first reached by a text
    // such as this one's, after the compile — the code thrown away for want of type feedback.
    const kept = keepsOptimisedCode(clauses, () => clauses('共1,234例,其中12,5例'), () => clauses('甲,乙；丙,丁。患者,2例'));
    expect(kept).toBe(true);
  });
});
