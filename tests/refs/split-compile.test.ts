import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { Block } from '../../src/core/document.js';
import { lineAt, splitReferences } from '../../src/refs/split.js';
import { isOptimised, keepsOptimisedCode } from '../support/optimised.js';

// A file of its own: `lineAt` here has only the type feedback this test gives it (issue 17:
// BENCHMARKS.md, change 205).
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const block = (text: string, start: number): Block => ({ kind: 'list-item', text, start, end: start + text.length, exact: true });
const list = ['[1] Zhang S, Li W. Mesenchymal stem cells in lupus. Stem Cell Res Ther. 2020;11:12.', '[2] Wang X. Umbilical cord cells. Cell. 2019;178:1-10.', 'doi: 10.1000/xyz', '[3] Liu Y. Knee cartilage. Lancet. 2021;397:5.'];
const blocks = list.map((text, k) => block(text, 100 * k));

describe("the reference splitter's line search keeps the code TurboFan made for it (issue 17)", () => {
  it('lineAt finds the line of each joined-text index and keeps its code through full collections', () => {
    const lines = [0, 10, 25, 26, 80].map((joinedStart, index) => ({ index, joinedStart, block: blocks[0]!, label: false, identifier: false }));
    expect([0, 9, 10, 25, 26, 79, 80, 500].map((at) => lineAt(lines, at).index)).toEqual([0, 0, 1, 2, 3, 3, 4, 4]);
    const split = () => splitReferences(blocks);
    expect(split().entries.length).toBe(3);
    expect(keepsOptimisedCode(lineAt, split)).toBe(true);
    // Before: a closure made in each call of splitReferences (no function to ask for here), whose
    // code only the closures that ran it held: a full collection after them let it go, and the
    // next list's closure was compiled again (three times in a 1,000-article build).
    gc();
    gc();
    expect(isOptimised(lineAt)).toBe(true);
    expect(split().entries.length).toBe(3);
  });
});
