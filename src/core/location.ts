import type { Point, Range } from '../generated/article.js';

/**
 * Maps UTF-16 offsets in a decoded text to 1-based line/column points (vfile-location style).
 * Built once per document; lookups are a binary search over line starts.
 */
export class LineIndex {
  private readonly starts: number[];

  /** @param text the decoded text, line ends already normalised to `\n`. */
  constructor(private readonly text: string) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.starts = starts;
  }

  /** The point of an offset; offsets past the end clamp to the end. */
  point(offset: number): Point {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: clamped - this.starts[low]! + 1 };
  }

  /** The range between two offsets. */
  range(start: number, end: number): Range {
    return { start: this.point(start), end: this.point(end) };
  }

  /** The offset of a point (inverse of {@link point}). */
  offset(point: Point): number {
    const start = this.starts[Math.max(0, Math.min(point.line - 1, this.starts.length - 1))]!;
    return Math.min(start + point.column - 1, this.text.length);
  }
}
