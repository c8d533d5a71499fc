import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { esc } from '../../src/report/html/html.js';
import { renderPiece, tagSpans } from '../../src/report/html/source.js';

/** The piece as it was rendered before issue 17's change: every cut in a set, each run's classes by scanning both lists. */
function plainPiece(line: string, from: number, to: number, kept: readonly [number, number][], tags: readonly [number, number][]): string {
  if (tags.length === 0 && (kept.length === 0 || (kept.length === 1 && kept[0]![0] <= from && kept[0]![1] >= to))) {
    const text = esc(line.slice(from, to));
    return kept.length === 0 || from === to ? text : `<span class="k">${text}</span>`;
  }
  const cuts = new Set([from, to]);
  for (const [a, b] of [...kept, ...tags]) {
    if (a > from && a < to) cuts.add(a);
    if (b > from && b < to) cuts.add(b);
  }
  const points = [...cuts].sort((a, b) => a - b);
  let html = '';
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    const classes = [kept.some(([x, y]) => a >= x && b <= y) ? 'k' : '', tags.some(([x, y]) => a >= x && b <= y) ? 'tag' : ''].filter(Boolean).join(' ');
    const text = esc(line.slice(a, b));
    html += classes ? `<span class="${classes}">${text}</span>` : text;
  }
  return html;
}

/** Spans in order and disjoint, as the source page's kept spans are merged: from sorted cut points taken in pairs. */
function disjointSpans(points: number[], length: number): [number, number][] {
  const sorted = [...new Set(points.map((p) => p % (length + 1)))].sort((a, b) => a - b);
  const spans: [number, number][] = [];
  for (let i = 0; i + 1 < sorted.length; i += 2) {
    const last = spans[spans.length - 1];
    // keptSpans merges spans that touch.
    if (last && sorted[i]! <= last[1]) last[1] = Math.max(last[1], sorted[i + 1]!);
    else spans.push([sorted[i]!, sorted[i + 1]!]);
  }
  return spans;
}

describe('a source line rendered piece by piece', () => {
  it('marks the same runs as scanning every kept span and tag for each run (issue 17)', () => {
    const line = fc.string({ unit: fc.constantFrom('<', '>', 'a', '/', '"', '&', ' ', '中'), maxLength: 80 });
    fc.assert(
      fc.property(line, fc.array(fc.nat(), { maxLength: 12 }), fc.nat(), fc.nat(), (text, points, x, y) => {
        const kept = disjointSpans(points, text.length);
        const tags = tagSpans(text);
        const from = Math.min(x, y) % (text.length + 1);
        const to = from + (Math.max(x, y) % (text.length + 1 - from));
        expect(renderPiece(text, from, to, kept, tags)).toBe(plainPiece(text, from, to, kept, tags));
        expect(renderPiece(text, 0, text.length, kept, tags)).toBe(plainPiece(text, 0, text.length, kept, tags));
      }),
      { seed: 17, numRuns: 3000 },
    );
  });

  it('a line of many tags: each run classed once', () => {
    const text = `${'<b>x</b>'.repeat(50)}tail`;
    const kept: [number, number][] = [[3, 4], [100, 200], [398, 404]];
    expect(renderPiece(text, 0, text.length, kept, tagSpans(text))).toBe(plainPiece(text, 0, text.length, kept, tagSpans(text)));
  });
});
