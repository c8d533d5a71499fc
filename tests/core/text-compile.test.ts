import { describe, expect, it } from 'vitest';
import { foldWidth } from '../../src/core/text.js';
import { matchingView } from '../../src/refs/text.js';
import { keepsOptimisedCode } from '../support/optimised.js';

// A file of its own: the thread's scratch bytes and the functions here have only what this test
// gives them (issue 17: BENCHMARKS.md, change 207).
describe('the folds keep the code TurboFan made for them when a long text first comes after the compile (issue 17)', () => {
  it('foldWidth and matchingView over short texts, then one of 40,000 units', () => {
    const short = ['Ｌｉ Ｗ，Ｚｈａｎｇ Ｓ。', '张三、李四。干细胞研究与治疗，２０２０；１１：１２', 'Wang X. Cell. 2019;178:1-10.'];
    // Longer than any scratch a short text had made; shorter than the scratch's most (64 K units).
    const long = `${'干细胞，'.repeat(10_000)}`;
    expect(foldWidth(short[0]!)).toBe('Li W,Zhang S。');
    expect(matchingView(short[1]!)).toBe('张三,李四.干细胞研究与治疗,2020;11:12');
    let k = 0;
    const warm = () => matchingView(short[k++ % short.length]!);
    let longView = '';
    const once = () => (longView = matchingView(long));
    // Before: the scratch grew by doubling from 1 KB, a growth first reached by the first long
    // text after the compile, where the code was thrown away (a build's `matchingView`).
    expect(keepsOptimisedCode(matchingView, once, warm)).toBe(true);
    expect(longView).toBe('干细胞,'.repeat(10_000));
    let j = 0;
    expect(keepsOptimisedCode(foldWidth, () => foldWidth(long), () => foldWidth(short[j++ % short.length]!))).toBe(true);
    expect(foldWidth(long)).toBe(long.replaceAll('，', ','));
  });
});
