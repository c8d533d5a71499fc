import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PatternGroup } from '../../src/core/pattern-group.js';
import { openingLength } from '../../src/stages/segment.js';
import { pipeline } from '../helpers.js';

/** What segment asked before: every pattern run, the first length above zero kept. */
const byMapAndFind = (patterns: readonly RegExp[], text: string): number | undefined => patterns.map((r) => r.exec(text)?.[0].length ?? 0).find((n) => n > 0);

describe('openingLength (segment: a byline or lead label at a paragraph start)', () => {
  const structure = pipeline().data.structure;
  // The data's own patterns (with the build's pre-tests), and patterns that match empty text, overlap, or match nowhere at the start.
  const group = (list: RegExp[]) => new PatternGroup((k) => list[k]!, list.length);
  const sets: PatternGroup[] = [
    structure.groups['/bylinePrefixes'],
    structure.groups['/leadLabels'],
    group([/^x*/u, /^(?:导读|摘要)[:：]/u, /^〔[^〕]{0,20}〕/u]),
    group([/a?/u, /^b+/u, /c{2}/u]),
    group([]),
  ];
  const pieces = ['导读:', '摘要：', '〔記者王小明/台南報導〕', '〔', '〕', 'x', 'xx', 'a', 'bb', 'cc', '记者', ' ', '2025年3月', '研究', '：', 'Editor:', '\n'];

  it('gives what the list of every pattern’s match length and its first above zero gave, on seeded texts', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 6 }), (parts) => {
        const text = parts.join('');
        for (const patterns of sets) expect(openingLength(patterns, text), `${patterns.all().join(' ')} on ${JSON.stringify(text)}`).toBe(byMapAndFind(patterns.all(), text));
      }),
      { seed: 17, numRuns: 4000 },
    );
  });

  it('reads the data’s lead label, and nothing in a plain paragraph', () => {
    expect(openingLength(structure.groups['/leadLabels'], '导读:干细胞治疗')).toBe(byMapAndFind(structure.leadLabels, '导读:干细胞治疗'));
    expect(openingLength(structure.groups['/leadLabels'], '导读:干细胞治疗')).toBeGreaterThan(0);
    expect(openingLength(structure.groups['/bylinePrefixes'], '2025年3月，研究者发表')).toBeUndefined();
  });
});
