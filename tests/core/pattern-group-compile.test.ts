import { describe, expect, it } from 'vitest';
import { ASKS_BEFORE_PATTERN, PatternGroup, type PreTest } from '../../src/core/pattern-group.js';
import { keepsOptimisedCode } from '../support/optimised.js';

// A file of its own: the group's functions here have only the type feedback these tests give them.
describe('PatternGroup: test keeps the code TurboFan made for it (issue 17)', () => {
  it('when a text of another kind of string (cons, sliced) comes after V8 compiled it', () => {
    // A member with units at offsets (read from a list) and one with a length bound, as the
    // structure data's anchored patterns have.
    const patterns = [/^第\d+期/u, /^(?:来源|來源)[:：]/u];
    const preTests: PreTest[] = [{ first: [0x7b2c, 0x7b2c], at: [{ offset: 1, units: [0x30, 0x39] }] }, { first: [0x4f86, 0x4f86, 0x6765, 0x6765], most: 200 }];
    const group = new PatternGroup((k) => patterns[k]!, patterns.length, preTests);
    let held = 0;
    const warm = () => {
      for (const text of ['第12期 干细胞', '第x期', '来源：某报', '来源', '第']) held += group.test(text) ? 1 : 0;
    };
    // A text joined from two (a cons string) and one cut from a longer one (a sliced string).
    // Before, `admits` read `text.length` and the offsets' list's `at.length` through one feedback
    // slot, which had seen an array: TurboFan checked the exact string maps it had seen, and the
    // first text of another kind threw the code away.
    const long = '来源：某某日报，第3期，间充质干细胞治疗的临床进展'.repeat(2);
    const joined = '第7期，' + long.slice(0, 30 + held);
    const cut = long.slice(0, 25 + held);
    let found = 0;
    const run = () => {
      found = (group.test(joined) ? 1 : 0) + (group.test(cut) ? 1 : 0);
    };
    expect(keepsOptimisedCode(PatternGroup.prototype.test, run, warm)).toBe(true);
    expect(found).toBe(2);
  });

  it('when a set of literals first reaches its pattern after V8 compiled it', () => {
    // Two groups of one member each, whose literals a matching text must hold; the first group's
    // set reaches its pattern (after ASKS_BEFORE_PATTERN asks) before the compile, the second's after.
    const preTests = (): PreTest[] => [{ needs: [['干细胞', '间充质']] }];
    const warmed = new PatternGroup(() => /干细胞治疗/u, 1, preTests());
    const late = new PatternGroup(() => /干细胞治疗/u, 1, preTests());
    // (Its pattern made now: a build has made many before V8 compiles `test`, this test only one.)
    late.pattern(0);
    const texts = ['干细胞治疗', '间充质细胞', '临床试验'];
    let held = 0;
    const warm = () => {
      for (const text of texts) held += warmed.test(text) ? 1 : 0;
    };
    // Before, the set's alternation was `strings.map(…).join('|')`: V8's optimised `map` makes an
    // array that allows holes, whose map `join` had not seen, and the code was thrown away.
    const run = () => {
      for (let k = 0; k <= ASKS_BEFORE_PATTERN; k++) held += late.test(texts[k % texts.length]!) ? 1 : 0;
    };
    expect(3 * 100).toBeGreaterThan(ASKS_BEFORE_PATTERN);
    expect(keepsOptimisedCode(PatternGroup.prototype.test, run, warm)).toBe(true);
    expect(held).toBe(100 + Math.ceil((ASKS_BEFORE_PATTERN + 1) / 3));
  });
});
