// JavaScript as tsc writes it, less the indentation at each line's start (scripts/compact-dist.mjs,
// for dist/src): what only a reader of the file sees, never the code. A line that starts inside a
// literal keeps its spaces (a template's lines are its text, as is a string continued with a
// backslash), and the result must parse to the same tree, node for node, with the same text at
// every leaf, or this throws: lines stay as they were (so does automatic semicolon insertion, and
// a stack trace's line numbers), only columns move.

/**
 * The parse of `text` as a list: each node's kind, and a leaf's text as written (a literal's or a
 * name's exactly; another's, an empty block or object, less its white space).
 */
function shapeOf(ts, file, text) {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const shape = [];
  const visit = (node) => {
    let leaf = true;
    shape.push(node.kind);
    ts.forEachChild(node, (child) => {
      leaf = false;
      visit(child);
    });
    if (leaf) shape.push(ts.isLiteralKind(node.kind) || ts.isTemplateLiteralKind(node.kind) || ts.isIdentifier(node) ? node.getText(source) : node.getText(source).replace(/\s+/g, ''));
  };
  visit(source);
  return { source, shape };
}

/** The literals of `source` that can run over a line (templates' parts, strings), as [start, end) offsets. */
function literalRanges(ts, source) {
  const ranges = [];
  const visit = (node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node) || ts.isRegularExpressionLiteral(node)) {
      ranges.push([node.getStart(source), node.getEnd()]);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return ranges;
}

/** `text` (JavaScript, at path `file`) without the spaces and tabs that open its lines outside literals. */
export async function withoutIndentation(file, text) {
  const { default: ts } = await import('typescript');
  const before = shapeOf(ts, file, text);
  const inside = literalRanges(ts, before.source);
  let out = '';
  let from = 0;
  let r = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) {
    const line = at + 1;
    while (r < inside.length && inside[r][1] <= line) r += 1;
    if (r < inside.length && inside[r][0] < line) continue; // a literal's own line
    let end = line;
    while (text[end] === ' ' || text[end] === '\t') end += 1;
    if (end === line) continue;
    out += text.slice(from, line);
    from = end;
  }
  out += text.slice(from);
  const after = shapeOf(ts, file, out);
  if (after.shape.length !== before.shape.length || after.shape.some((part, i) => part !== before.shape[i]) || out.split('\n').length !== text.split('\n').length) {
    throw new Error(`without-indentation: ${file} does not parse the same without its indentation`);
  }
  return out;
}
