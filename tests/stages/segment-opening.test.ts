import { describe, expect, it } from 'vitest';
import { openingLength } from '../../src/stages/segment.js';
import { pipeline } from '../helpers.js';

/** mulberry32: seeded, so every run tests the same texts. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What segment asked before: every pattern run, the first length above zero kept. */
const byMapAndFind = (patterns: readonly RegExp[], text: string): number | undefined => patterns.map((r) => r.exec(text)?.[0].length ?? 0).find((n) => n > 0);

describe('openingLength (segment: a byline or lead label at a paragraph start)', () => {
  const structure = pipeline().data.structure;
  // The data's own patterns, and patterns that match empty text, overlap, or match nowhere at the start.
  const sets: RegExp[][] = [
    structure.bylinePrefixes,
    structure.leadLabels,
    [/^x*/u, /^(?:导读|摘要)[:：]/u, /^〔[^〕]{0,20}〕/u],
    [/a?/u, /^b+/u, /c{2}/u],
    [],
  ];
  const pieces = ['导读:', '摘要：', '〔記者王小明/台南報導〕', '〔', '〕', 'x', 'xx', 'a', 'bb', 'cc', '记者', ' ', '2025年3月', '研究', '：', 'Editor:', '\n'];

  it('gives what the list of every pattern’s match length and its first above zero gave, on 4,000 seeded texts', () => {
    const next = random(17);
    for (let n = 0; n < 4000; n++) {
      let text = '';
      const parts = Math.floor(next() * 6);
      for (let i = 0; i < parts; i++) text += pieces[Math.floor(next() * pieces.length)];
      for (const patterns of sets) expect(openingLength(patterns, text), `${patterns.join(' ')} on ${JSON.stringify(text)}`).toBe(byMapAndFind(patterns, text));
    }
  });

  it('reads the data’s byline and lead label, and nothing in a plain paragraph', () => {
    expect(openingLength(structure.leadLabels, '导读:干细胞治疗')).toBe(byMapAndFind(structure.leadLabels, '导读:干细胞治疗'));
    expect(openingLength(structure.leadLabels, '导读:干细胞治疗')).toBeGreaterThan(0);
    expect(openingLength(structure.bylinePrefixes, '2025年3月，研究者发表')).toBeUndefined();
  });
});
