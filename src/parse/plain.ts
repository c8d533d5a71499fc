import type { Block } from '../core/document.js';

const listMarker = /^(?:[-*•·▪●]\s+)/u;

/**
 * Plain text: every non-blank line is a block whose text is exactly its (trimmed) slice of
 * the source. A leading bullet makes a list item (the bullet stays out of the text).
 */
export function plainBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    let start = lineStart;
    let end = lineEnd;
    while (start < end && /\s/u.test(text[start]!)) start++;
    while (end > start && /\s/u.test(text[end - 1]!)) end--;
    if (end > start) {
      const bullet = listMarker.exec(text.slice(start, Math.min(end, start + 4)));
      if (bullet && start + bullet[0].length < end) {
        const from = start + bullet[0].length;
        blocks.push({ kind: 'list-item', text: text.slice(from, end), start: from, end, exact: true });
      } else {
        blocks.push({ kind: 'paragraph', text: text.slice(start, end), start, end, exact: true });
      }
    }
    lineStart = lineEnd + 1;
  }
  return blocks;
}
