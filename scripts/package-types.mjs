// The package's declarations (package.json "types": dist/types/index.d.ts), written by
// scripts/compact-dist.mjs from tsc's dist/src/*.d.ts: each file less the top-level declarations
// no name the package exports reaches, and only the files what is left imports. "exports" lets a
// consumer import the root alone, so a declaration that none of the root's exports names, directly
// or through the types of what it names, is one no consumer's compiler or editor ever reads:
// tsc writes one for every exported name of every module (the stages, the dataset's plan and
// cache, the CLI's helpers …), and with its doc comment, ~half of the declarations' bytes
// (issue 17: room in the package). dist/src keeps tsc's declarations whole (the repository's tests
// read them). tests/package/types.test.ts holds what a consumer sees the same: every type, member,
// signature and doc comment reachable from the root, read from both.
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The top-level statements of `program`'s files under `dist` that a name `entry` exports reaches:
 * the statements declaring it (and every alias on its way: a re-export, an import) and, from
 * each kept statement, every name it mentions, its doc comments' `{@link}` targets included.
 */
function reachedStatements(ts, program, dist, entry) {
  const checker = program.getTypeChecker();
  const ours = (node) => node.getSourceFile().fileName.startsWith(`${dist}/`);
  const statementOf = (node) => {
    while (node.parent && !ts.isSourceFile(node.parent)) node = node.parent;
    return node;
  };
  const kept = new Set();
  const seen = new Set();
  const pending = [];
  const keep = (statement) => {
    if (kept.has(statement)) return;
    kept.add(statement);
    // An import's names are followed to what they import; the import itself stays as long as a
    // kept statement uses one of its names (withoutUnusedImports), not for all of them.
    if (!ts.isImportDeclaration(statement)) pending.push(statement);
  };
  const reach = (symbol) => {
    while (symbol && !seen.has(symbol)) {
      seen.add(symbol);
      for (const declaration of symbol.declarations ?? []) if (ours(declaration)) keep(statementOf(declaration));
      symbol = symbol.flags & ts.SymbolFlags.Alias ? checker.getImmediateAliasedSymbol(symbol) : undefined;
    }
  };
  for (const symbol of checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(entry)))) reach(symbol);
  const visit = (node) => {
    if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) reach(checker.getSymbolAtLocation(node));
    for (const doc of node.jsDoc ?? []) visit(doc);
    ts.forEachChild(node, visit);
  };
  while (pending.length > 0) visit(pending.pop());
  return kept;
}

/** `text` (one declaration file) without the names of its imports that nothing else in it mentions, and without an import left empty. */
function withoutUnusedImports(ts, fileName, text) {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const used = new Set();
  const collect = (node) => {
    if (ts.isImportDeclaration(node)) return;
    if (ts.isIdentifier(node)) used.add(node.text);
    for (const doc of node.jsDoc ?? []) collect(doc);
    ts.forEachChild(node, collect);
  };
  collect(file);
  const printer = ts.createPrinter({ removeComments: true });
  const edits = [];
  for (const statement of file.statements) {
    if (!ts.isImportDeclaration(statement) || !statement.importClause) continue;
    const clause = statement.importClause;
    const bindings = clause.namedBindings;
    const name = clause.name && used.has(clause.name.text) ? clause.name : undefined;
    let named = bindings;
    if (bindings && ts.isNamedImports(bindings)) {
      const elements = bindings.elements.filter((element) => used.has(element.name.text));
      named = elements.length === 0 ? undefined : elements.length === bindings.elements.length ? bindings : ts.factory.updateNamedImports(bindings, elements);
    } else if (bindings && !used.has(bindings.name.text)) named = undefined;
    if (name === clause.name && named === bindings) continue;
    const replacement =
      name || named
        ? printer.printNode(
            ts.EmitHint.Unspecified,
            ts.factory.updateImportDeclaration(statement, statement.modifiers, ts.factory.updateImportClause(clause, clause.isTypeOnly, name, named), statement.moduleSpecifier, statement.attributes),
            file,
          )
        : '';
    edits.push([statement.getStart(file), statement.getEnd(), replacement]);
  }
  for (const [start, end, replacement] of edits.reverse()) text = text.slice(0, start) + replacement + text.slice(end).replace(replacement === '' ? /^\r?\n/ : /^$/, '');
  return text;
}

/**
 * The package's declarations: for each file of `dist` (tsc's dist/src) that the trimmed `entry`
 * reaches through its imports, re-exports and `import()` types, its path from `dist` ("/") and
 * its text less the statements {@link reachedStatements} does not keep (each with its doc
 * comment; a file's opening line comments and `///` directives stay). Sorted by path.
 */
export async function packageDeclarations(dist, entry = 'index.d.ts') {
  const { default: ts } = await import('typescript');
  dist = resolve(dist);
  const entryFile = resolve(dist, entry);
  const program = ts.createProgram([entryFile], { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, types: [], noEmit: true });
  const kept = reachedStatements(ts, program, dist, entryFile);
  const trimmed = new Map();
  for (const file of program.getSourceFiles()) {
    if (!file.fileName.startsWith(`${dist}/`)) continue;
    const text = file.getFullText();
    let out = '';
    let from = 0;
    for (const statement of file.statements) {
      if (kept.has(statement) || file.fileName === entryFile) continue;
      // The statement with its leading trivia (its doc comment), but the file's opening line comments and directives.
      let start = statement.getFullStart();
      if (start === 0) {
        for (const range of ts.getLeadingCommentRanges(text, 0) ?? []) if (range.kind === ts.SyntaxKind.SingleLineCommentTrivia) start = text.indexOf('\n', range.end) + 1 || range.end;
      }
      out += text.slice(from, start);
      from = statement.getEnd();
      // The range holds the newline before the statement; the one after it goes when none is left before.
      if ((start === 0 || text[start - 1] === '\n') && text[from] === '\n') from += 1;
    }
    out += text.slice(from);
    trimmed.set(file.fileName, withoutUnusedImports(ts, file.fileName, out));
  }
  // The files the trimmed entry reaches.
  const shipped = new Map();
  const pendingFiles = [entryFile];
  while (pendingFiles.length > 0) {
    const file = pendingFiles.pop();
    if (shipped.has(file)) continue;
    const text = trimmed.get(file);
    if (text === undefined) throw new Error(`package-types: ${relative(dist, file)} is reached but not a declaration of ${dist}`);
    shipped.set(file, text);
    const { importedFiles, referencedFiles } = ts.preProcessFile(text, true, true);
    for (const { fileName } of [...importedFiles, ...referencedFiles]) {
      if (!fileName.startsWith('.')) continue;
      pendingFiles.push(resolve(dirname(file), fileName.replace(/\.js$/, '.d.ts')));
    }
  }
  return [...shipped]
    .map(([file, text]) => [relative(dist, file).split('\\').join('/'), text])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Writes {@link packageDeclarations} of `dist` into `out` (emptied first), as `[path, text]` pairs from `out`. */
export async function writePackageDeclarations(dist, out) {
  const { mkdirSync, rmSync, writeFileSync } = await import('node:fs');
  const files = await packageDeclarations(dist);
  rmSync(out, { recursive: true, force: true });
  for (const [path, text] of files) {
    mkdirSync(dirname(join(out, path)), { recursive: true });
    writeFileSync(join(out, path), text);
  }
  return files;
}
