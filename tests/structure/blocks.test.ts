import { describe, expect, it } from 'vitest';
import { DigestDocument, type Block } from '../../src/core/document.js';
import { subBlock } from '../../src/structure/blocks.js';

describe('subBlock', () => {
  it("keeps the markup block's superscripts that fall inside the part, placed in the part's text", () => {
    const source = '<p>Lead words. Cells healed.<sup>1</sup> More,<sup>2,3</sup></p>';
    const doc = new DigestDocument({ name: 'x.html' });
    doc.text = source;
    const text = 'Lead words. Cells healed.1 More,2,3';
    const block: Block = { kind: 'paragraph', text, start: 3, end: source.length - 4, exact: false, superscripts: [
      { index: 25, length: 1, source: 33, linked: false },
      { index: 32, length: 3, source: 50, linked: false },
    ] };
    const part = subBlock(doc, block, 12);
    expect(part.text).toBe('Cells healed.1 More,2,3');
    expect(part.superscripts!.map((s) => [part.text.slice(s.index, s.index + s.length), s.source])).toEqual([
      ['1', 33],
      ['2,3', 50],
    ]);
    expect(subBlock(doc, block, 0, 12).superscripts).toEqual([]);
  });
});
