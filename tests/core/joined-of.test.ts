import { describe, expect, it } from 'vitest';
import { byStart } from '../../src/core/order.js';
import { foldedOf, joinedOf } from '../../src/core/text.js';

describe('joinedOf and byStart: module-level forms of per-call callbacks (issue 17: pipeline CPU)', () => {
  it("joins each block's memoised text by line feeds, as map(…).join('\\n') did, and fills the memo", () => {
    const blocks = [{ text: 'ＡＢＣ' }, { text: '' }, { text: '１２３ x' }];
    const folded = new Map<{ text: string }, string>();
    expect(joinedOf(blocks, folded, foldedOf)).toBe(blocks.map((b) => foldedOf(b, new Map())).join('\n'));
    expect(folded.size).toBe(3);
    expect(joinedOf([], folded, foldedOf)).toBe('');
    expect(joinedOf([blocks[0]!], folded, foldedOf)).toBe('ABC');
  });

  it('orders spans by their start, keeping equal starts in place (a stable sort)', () => {
    const spans = [
      { start: 5, id: 'a' },
      { start: 1, id: 'b' },
      { start: 5, id: 'c' },
      { start: 0, id: 'd' },
    ];
    expect(spans.slice().sort(byStart).map((s) => s.id)).toEqual(['d', 'b', 'a', 'c']);
  });
});
