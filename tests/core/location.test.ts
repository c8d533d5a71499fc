import { describe, expect, it } from 'vitest';
import { LineIndex } from '../../src/core/location.js';

describe('LineIndex', () => {
  const text = '第一行\nsecond line\n\n第四行 with 中文';
  const index = new LineIndex(text);

  it('maps offsets to 1-based line and column', () => {
    expect(index.point(0)).toEqual({ line: 1, column: 1 });
    expect(index.point(4)).toEqual({ line: 2, column: 1 });
    expect(index.point(text.indexOf('with'))).toEqual({ line: 4, column: 5 });
    expect(index.point(16)).toEqual({ line: 3, column: 1 });
  });

  it('round-trips points to offsets and clamps past the end', () => {
    for (const offset of [0, 3, 4, 10, 17, text.length]) expect(index.offset(index.point(offset))).toBe(offset);
    expect(index.point(10_000)).toEqual(index.point(text.length));
  });
});
