import type { MarkdownIt, Token } from 'markdown-it';
import type { Block, BlockKind, Superscript } from '../core/document.js';

/** A run of an inline token's text placed in its source line. Exported for the test of {@link toBlocks}. */
export interface Piece {
  text: string;
  start: number;
  end: number;
  strong: boolean;
  /** False when the piece's text was not found as such in its source line (escapes, entities). */
  found: boolean;
  /** Written inside inline HTML's `<sup>…</sup>` (a citation's evidence: src/refs/superscripts.ts). */
  sup?: boolean;
}

/** Offsets of the start of every line of `text`. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Markup between two pieces of a line (markers, a link's destination) is shorter than this. */
const MARKUP_WINDOW = 2048;

/**
 * Where `text` starts in `source` between `from` and the end of its line, no further than
 * MARKUP_WINDOW past `from`, or -1. Bounded so that text the source spells otherwise (an entity,
 * an escape) costs a short look, not a scan of the rest of the document for every piece.
 */
function findNear(source: string, text: string, from: number, lineEnd: number): number {
  const to = Math.min(lineEnd, from + MARKUP_WINDOW + text.length);
  if (to - from < text.length) return -1;
  const at = source.slice(from, to).indexOf(text);
  return at === -1 ? -1 : from + at;
}

/**
 * The visible text of an inline token, one list of pieces per source line, each piece placed
 * in its line. markdown-it gives block tokens their lines but inline text no offsets, so each
 * piece is looked up in its line from where the previous one ended: exact wherever the source
 * spells the text as it reads (most of a digest), approximate across escapes and entities.
 */
function inlineLines(inline: Token, source: string, starts: readonly number[]): Piece[][] {
  const lines: Piece[][] = [[]];
  let line = inline.map?.[0] ?? 0;
  let cursor = starts[line] ?? source.length;
  let strong = 0;
  let sup = 0;
  const lineEnd = () => (line + 1 < starts.length ? starts[line + 1]! - 1 : source.length);
  const place = (text: string) => {
    if (text === '') return;
    const at = findNear(source, text, cursor, lineEnd());
    const found = at !== -1;
    const start = found ? at : Math.min(cursor, lineEnd());
    cursor = found ? at + text.length : start;
    const piece: Piece = { text, start, end: start + text.length, strong: strong > 0, found };
    if (sup > 0) piece.sup = true;
    lines[lines.length - 1]!.push(piece);
  };
  for (const child of inline.children ?? []) {
    switch (child.type) {
      case 'text':
      case 'code_inline':
        place(child.content);
        break;
      case 'softbreak':
      case 'hardbreak':
        lines.push([]);
        line++;
        cursor = starts[line] ?? source.length;
        break;
      case 'strong_open':
        strong++;
        break;
      case 'strong_close':
        strong--;
        break;
      case 'html_inline':
        // Inline HTML is no prose, but a <sup> says what it holds is set high.
        if (/^<sup[\s>]/i.test(child.content)) sup++;
        else if (sup > 0 && /^<\/sup\s*>/i.test(child.content)) sup--;
        break;
      default:
        // Emphasis and link markers carry no text; images are not prose.
        break;
    }
  }
  return lines;
}

/**
 * The blocks of lines of pieces: one a line holding visible text, its text trimmed and placed by its
 * first and last pieces, exact when every piece was found and the source spells it so, strong when
 * every visible piece is. Exported for its test.
 */
export function toBlocks(pieces: Piece[][], kind: BlockKind, source: string, extra: Partial<Block>): Block[] {
  const out: Block[] = [];
  for (const line of pieces) {
    const visible = line.filter((p) => p.text.trim() !== '');
    if (visible.length === 0) continue;
    // Joined in a loop, not `map(…).join('')`: the array V8's optimised `map` makes is holey, another
    // map than its `join` had seen, and this function was thrown away at its first run compiled
    // (issue 17: BENCHMARKS.md, "arrays made by map").
    let raw = '';
    for (let k = 0; k < line.length; k++) raw += line[k]!.text;
    const text = raw.trim();
    const lead = raw.length - raw.trimStart().length;
    const start = line[0]!.start + lead;
    const end = line[line.length - 1]!.end - (raw.length - raw.trimEnd().length);
    const exact = line.every((p) => p.found) && source.slice(start, end) === text;
    const block: Block = { kind, text, start, end, exact, ...extra };
    if (visible.every((p) => p.strong)) block.strong = true;
    if (line.some((p) => p.sup)) block.superscripts = superscriptsOf(line, lead);
    out.push(block);
  }
  return out;
}

/** The `<sup>` runs of a line of pieces, placed in its block's text (the pieces joined, `lead` characters trimmed from the start). */
function superscriptsOf(line: readonly Piece[], lead: number): Superscript[] {
  const out: Superscript[] = [];
  let offset = -lead;
  let open: Superscript | null = null;
  for (const piece of line) {
    if (piece.sup && open && open.index + open.length === offset) open.length += piece.text.length;
    else if (piece.sup) {
      open = { index: offset, length: piece.text.length, source: piece.start, linked: false };
      out.push(open);
    } else open = null;
    offset += piece.text.length;
  }
  return out.filter((s) => s.index >= 0 && s.length <= 40);
}

/** Code block contents, a piece per line, at their source lines (after the opening fence, if any). */
function codeLines(token: Token, source: string, starts: readonly number[]): Piece[][] {
  const first = (token.map?.[0] ?? 0) + (token.type === 'fence' ? 1 : 0);
  return token.content
    .replace(/\n$/, '')
    .split('\n')
    .map((text: string, i: number) => {
      const lineStart = starts[first + i] ?? source.length;
      const lineEnd = first + i + 1 < starts.length ? starts[first + i + 1]! - 1 : source.length;
      const at = text === '' ? -1 : findNear(source, text, lineStart, lineEnd);
      const found = at !== -1;
      const start = found ? at : lineStart;
      return [{ text, start, end: start + text.length, strong: false, found }];
    });
}

/**
 * Appends a list to another without spreading it into call arguments: a paragraph of 130,000
 * lines made 130,000 arguments, past V8's stack ("Maximum call stack size exceeded").
 */
function appendAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

let parser: MarkdownIt | null = null;

/**
 * Markdown through markdown-it (CommonMark): headings, paragraphs split at line breaks, list
 * items (ordered ones keep their number as `ordinal`) and code blocks; HTML blocks are dropped.
 * Chosen over micromark for speed: ~1 ms against ~11 ms for a 20 KB digest.
 */
export async function markdownBlocks(text: string): Promise<Block[]> {
  if (parser === null) {
    const { default: MarkdownIt } = await import('markdown-it');
    parser = new MarkdownIt('commonmark');
  }
  const tokens = parser.parse(text, {});
  const starts = lineStarts(text);
  const blocks: Block[] = [];
  // One entry per open list: its next number (ordered lists) or null (bullets).
  const lists: (number | null)[] = [];
  // The ordinal waiting for the first paragraph of the current list item.
  let pendingOrdinal: number | undefined;
  let heading: number | null = null;
  for (const token of tokens) {
    switch (token.type) {
      case 'ordered_list_open':
        lists.push(Number(token.attrGet('start') ?? 1));
        break;
      case 'bullet_list_open':
        lists.push(null);
        break;
      case 'ordered_list_close':
      case 'bullet_list_close':
        lists.pop();
        break;
      case 'list_item_open': {
        const next = lists[lists.length - 1];
        if (typeof next === 'number') {
          pendingOrdinal = next;
          lists[lists.length - 1] = next + 1;
        } else pendingOrdinal = undefined;
        break;
      }
      case 'heading_open':
        heading = Number(token.tag.slice(1));
        break;
      case 'heading_close':
        heading = null;
        break;
      case 'inline': {
        const lines = inlineLines(token, text, starts);
        if (heading !== null) {
          appendAll(blocks, toBlocks(lines, 'heading', text, { level: heading }));
          break;
        }
        const made = toBlocks(lines, lists.length > 0 ? 'list-item' : 'paragraph', text, {});
        if (pendingOrdinal !== undefined && made[0]) made[0].ordinal = pendingOrdinal;
        pendingOrdinal = undefined;
        appendAll(blocks, made);
        break;
      }
      case 'code_block':
      case 'fence':
        appendAll(blocks, toBlocks(codeLines(token, text, starts), 'paragraph', text, {}));
        break;
      default:
        break;
    }
  }
  return blocks;
}
