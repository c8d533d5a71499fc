import { describe, expect, it } from 'vitest';
import { toBlocks, type Piece } from '../../src/parse/markdown.js';
import { keepsOptimisedCode } from '../support/optimised.js';

// A file of its own: `toBlocks` here has only the type feedback this test gives it.
describe('markdown: toBlocks keeps the code TurboFan made for it (issue 17)', () => {
  it('over lines of several pieces', () => {
    const source = '**2025年3月** 干细胞 [研究](x) 进展\n第二行 *强调* 文字\n';
    const piece = (text: string, start: number, strong = false): Piece => ({ text, start, end: start + text.length, strong, found: true });
    const lines: Piece[][] = [
      [piece('2025年3月', 2, true), piece(' 干细胞 ', 11), piece('研究', 17), piece(' 进展', 25)],
      [piece('第二行 ', 29), piece('强调', 34), piece(' 文字', 37)],
    ];
    expect(toBlocks(lines, 'paragraph', source, {}).map((b) => b.text)).toEqual(['2025年3月 干细胞 研究 进展', '第二行 强调 文字']);
    // Before: a line's text was `line.map((p) => p.text).join('')`, holey when made in optimised code.
    expect(keepsOptimisedCode(toBlocks, () => toBlocks(lines, 'paragraph', source, {}))).toBe(true);
  });
});
