import type { Block, BlockKind } from '../core/document.js';

interface MdNode {
  type: string;
  value?: string;
  depth?: number;
  ordered?: boolean | null;
  start?: number | null;
  children?: MdNode[];
  position?: { start: { offset?: number }; end: { offset?: number } };
}

interface Piece {
  text: string;
  start: number;
  end: number;
  strong: boolean;
}

/** Collects the visible text of inline content, splitting at line breaks. */
function inlineLines(nodes: MdNode[], strong: boolean, lines: Piece[][]): void {
  for (const node of nodes) {
    if (node.type === 'text' || node.type === 'inlineCode') {
      const start = node.position?.start.offset ?? 0;
      const parts = (node.value ?? '').split('\n');
      let cursor = start;
      parts.forEach((part, i) => {
        if (i > 0) lines.push([]);
        if (part) lines[lines.length - 1]!.push({ text: part, start: cursor, end: cursor + part.length, strong });
        cursor += part.length + 1;
      });
    } else if (node.type === 'break') {
      lines.push([]);
    } else if (node.children) {
      inlineLines(node.children, strong || node.type === 'strong', lines);
    }
  }
}

function toBlocks(pieces: Piece[][], kind: BlockKind, source: string, extra: Partial<Block>): Block[] {
  const out: Block[] = [];
  for (const line of pieces) {
    const visible = line.filter((p) => p.text.trim() !== '');
    if (visible.length === 0) continue;
    const raw = line.map((p) => p.text).join('');
    const text = raw.trim();
    const lead = raw.length - raw.trimStart().length;
    const start = line[0]!.start + lead;
    const end = line[line.length - 1]!.end - (raw.length - raw.trimEnd().length);
    const block: Block = { kind, text, start, end, exact: source.slice(start, end) === text, ...extra };
    if (visible.every((p) => p.strong)) block.strong = true;
    out.push(block);
  }
  return out;
}

/**
 * Markdown through mdast-util-from-markdown (positions included): headings, paragraphs split
 * at line breaks, and list items (ordered ones keep their number as `ordinal`).
 */
export async function markdownBlocks(text: string): Promise<Block[]> {
  const { fromMarkdown } = await import('mdast-util-from-markdown');
  const tree = fromMarkdown(text) as unknown as MdNode;
  const blocks: Block[] = [];
  const visit = (node: MdNode, inList: { ordinal?: number } | null): void => {
    switch (node.type) {
      case 'heading': {
        const lines: Piece[][] = [[]];
        inlineLines(node.children ?? [], false, lines);
        blocks.push(...toBlocks(lines, 'heading', text, { level: node.depth ?? 1 }));
        return;
      }
      case 'paragraph': {
        const lines: Piece[][] = [[]];
        inlineLines(node.children ?? [], false, lines);
        const kind: BlockKind = inList ? 'list-item' : 'paragraph';
        const made = toBlocks(lines, kind, text, {});
        if (inList?.ordinal !== undefined && made[0]) made[0].ordinal = inList.ordinal;
        blocks.push(...made);
        if (inList) delete inList.ordinal;
        return;
      }
      case 'code': {
        const lines: Piece[][] = [[]];
        inlineLines([{ ...node, type: 'text' }], false, lines);
        blocks.push(...toBlocks(lines, 'paragraph', text, {}));
        return;
      }
      case 'list': {
        let n = node.start ?? 1;
        for (const item of node.children ?? []) {
          visit(item, node.ordered ? { ordinal: n++ } : {});
        }
        return;
      }
      case 'html':
        return;
      default:
        for (const child of node.children ?? []) visit(child, inList);
    }
  };
  visit(tree, null);
  return blocks;
}
