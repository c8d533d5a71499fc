import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { loadPipeline } from '../../src/pipeline.js';
import { spansTo } from '../../src/core/lexicon.js';
import { repo } from '../helpers.js';
import { isOptimised, keepsOptimisedCode } from '../support/optimised.js';

// A file of its own: `spansTo` here has only the type feedback this test gives it (issue 17:
// BENCHMARKS.md, change 207).
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

describe("matchesWhole's trie test keeps the code TurboFan made for it (issue 17)", () => {
  it('spansTo answers for the trie hits of a text and keeps its code through full collections', () => {
    const matcher = loadPipeline(repo('pipelines/digest.json')).data.concepts;
    const texts: [string, 'organization' | 'disease', boolean][] = [
      ['Monash Health', 'organization', true],
      ['间充质干细胞治疗类风湿关节炎的随机对照试验', 'organization', false],
      ['类风湿关节炎', 'disease', true],
      ['类风湿关节炎', 'organization', false],
    ];
    let k = 0;
    const next = () => {
      const [text, type, whole] = texts[k++ % texts.length]!;
      return matcher.matchesWhole(text, type) === whole;
    };
    for (let n = 0; n < texts.length; n++) expect(next()).toBe(true);
    expect(keepsOptimisedCode(spansTo, next)).toBe(true);
    // Before: a closure made in each call of matchesWhole (no function to ask for here), whose code
    // only the closures that ran it held: a full collection after them let it go, and the next
    // call's closure was compiled again.
    gc();
    gc();
    expect(isOptimised(spansTo)).toBe(true);
    for (let n = 0; n < texts.length; n++) expect(next()).toBe(true);
  });
});
