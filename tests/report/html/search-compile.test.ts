import { describe, expect, it } from 'vitest';
import { Pairs } from '../../../src/report/html/search.js';
import { keepsOptimisedCode } from '../../support/optimised.js';

// A file of its own: `Pairs` here has only the type feedback this test gives it, as in a build,
// where the pairs are first set when the index's concept pairs are read back at its end.
describe('the search data keeps the code TurboFan made for it (issue 17)', () => {
  it("Pairs' encoder: a value of 128 or more (two bytes) met first after the compile", () => {
    // Near articles and small counts: one byte each, as a build's first articles set them.
    const near = () => {
      const pairs = new Pairs();
      for (let article = 0; article < 40; article++) pairs.set(article, 1 + (article % 5));
      return pairs;
    };
    // Then, compiled, a concept's next article 200 on and a count of 300: two bytes each.
    const far = () => {
      const pairs = near();
      pairs.set(240, 300);
      pairs.set(241, 1);
      return pairs;
    };
    // `set`, which inlines the encoder, as `pairsReadBack` does in a build. Before: `while (value >=
    // 128)`'s body first reached by the far pair, with no feedback (in a build, `pairsReadBack`'s
    // one compile on the stack thrown away there, BENCHMARKS.md change 192).
    expect(keepsOptimisedCode(Pairs.prototype.set, far, near)).toBe(true);
    // Not vacuous (asked after: run first in the interpreter, the far pair would give the feedback):
    // 39 near pairs of a byte each, then (39, 4) and (240, 300) of two bytes each, 241 not yet encoded.
    expect(far().bytes).toBe(39 * 2 + 2 + 4);
  });

  it("Pairs' decoder: a number of two bytes read first after the compile", () => {
    const near = new Pairs();
    for (let article = 0; article < 40; article++) near.set(article, 1 + (article % 5));
    const far = new Pairs();
    for (let article = 0; article < 40; article++) far.set(article, 1 + (article % 5));
    far.set(240, 300);
    far.set(241, 1);
    let sum = 0;
    const add = (article: number, count: number) => void (sum += article + count);
    // Before: `scale *= 128`, in the loop's step, first reached by the far pair's two bytes, with no
    // feedback. (After the test above, which decodes no pair: run in the interpreter, it would give the feedback.)
    expect(keepsOptimisedCode(Pairs.prototype.forEach, () => far.forEach(add), () => near.forEach(add))).toBe(true);
    const seen: number[] = [];
    far.forEach((article, count) => seen.push(article, count));
    expect(seen.slice(-4)).toEqual([240, 300, 241, 1]);
  });
});
