import { describe, expect, it } from 'vitest';
import { LongestMatcher, type TrieMatch } from '../../src/core/trie.js';
import { keepsOptimisedCode } from '../support/optimised.js';

// A file of its own: `visit` here has only the type feedback this test gives it.
describe('trie: visit keeps the code TurboFan made for it (issue 17)', () => {
  it('when a text of another kind of string (cons, sliced) comes after V8 compiled it', () => {
    // Made from patterns (not from stored tables): the matcher's tables are typed arrays either way.
    const matcher = new LongestMatcher(['干细胞', '间充质干细胞', '治疗', 'msc', 'mscs']);
    const found: TrieMatch[] = [];
    const keep = (start: number, end: number, patternIndex: number) => found.push({ start, end, patternIndex });
    // What a build hands it before V8 compiles it: flat texts of both widths, with matches, units
    // that open no pattern and units that open one that does not complete ("ms ", "干燥").
    const warm = () => {
      found.length = 0;
      matcher.visit('the mscs and msc, ms trial', keep);
      matcher.visit('间充质干细胞治疗与干燥症', keep);
    };
    // A text joined from two (a cons string) and a text cut from a longer one (a sliced string):
    // each of another map than the literals above. Before, `text.length` and the table's
    // `first.length` shared one feedback slot, which had seen a typed array: TurboFan checked the
    // exact string maps it had seen, and either text threw the code away.
    const prose = '间充质干细胞治疗的临床进展与mscs的免疫调节'.repeat(3);
    const joined = '骨髓来源的干细胞治疗' + prose.slice(0, 20 + found.length);
    const cut = prose.slice(2, 40 + found.length);
    const run = () => {
      found.length = 0;
      matcher.visit(joined, keep);
      matcher.visit(cut, keep);
    };
    expect(keepsOptimisedCode(LongestMatcher.prototype.visit, run, warm)).toBe(true);
    run();
    expect(found.map((m) => joined.slice(m.start, m.end) + ':' + m.patternIndex).slice(0, 3)).toEqual(['干细胞:0', '治疗:2', '间充质干细胞:1']);
  });
});
