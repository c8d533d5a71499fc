import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repo } from '../helpers.js';
// @ts-expect-error: a plain ES module script, no types
import { packageDeclarations } from '../../scripts/package-types.mjs';

const full = repo('dist/src');
const shipped = repo('dist/types');

/**
 * What a consumer's compiler and editor can see of the package whose declarations start at `entry`:
 * every name the root exports, and from each the types it reaches — each property, index
 * signature, call and construct signature (with its parameters), each with its type as the checker
 * prints it and its doc comment and tags — into every type declared in the package (a built-in
 * type's arguments only: `Promise<T>`'s T, not Promise's members). One line a thing, the
 * declarations' folder written as `<types>`, so that two folders of declarations compare.
 */
function surfaceOf(entry: string, root: string): string[] {
  const program = ts.createProgram([entry], { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, types: [], noEmit: true, strict: true });
  const checker = program.getTypeChecker();
  const lines: string[] = [];
  const seen = new Set<string>();
  const flags = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseFullyQualifiedType | ts.TypeFormatFlags.WriteTypeArgumentsOfSignature;
  // A well-known symbol's member is named by the checker's id of it (`__@iterator@84`), which differs between programs.
  const local = (text: string) => text.split(root).join('<types>').replace(/(__@\w+)@\d+/g, '$1');
  const print = (type: ts.Type) => local(checker.typeToString(type, undefined, flags));
  const docOf = (symbol: ts.Symbol | ts.Signature) =>
    JSON.stringify([ts.displayPartsToString(symbol.getDocumentationComment(checker)), symbol.getJsDocTags(checker).map((tag) => [tag.name, ts.displayPartsToString(tag.text)])]);
  const ours = (symbol: ts.Symbol | undefined) => (symbol?.declarations ?? []).some((d) => d.getSourceFile().fileName.startsWith(root));
  const walk = (type: ts.Type, at: string): void => {
    const key = `${print(type)}|${type.flags}`;
    if (seen.has(key)) return;
    seen.add(key);
    if (type.isUnionOrIntersection()) for (const part of type.types) walk(part, `${at}|`);
    if (type.flags & ts.TypeFlags.Object && (type as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference) {
      for (const argument of checker.getTypeArguments(type as ts.TypeReference)) walk(argument, `${at}<>`);
    }
    if (type.aliasTypeArguments) for (const argument of type.aliasTypeArguments) walk(argument, `${at}<>`);
    // The members of an object type declared in the package (an inline one too: its declaration
    // is in a file of it), not a string's of a union of literals the package names.
    if (!(type.flags & ts.TypeFlags.Object) || (!ours(type.getSymbol()) && !ours(type.aliasSymbol))) return;
    for (const property of checker.getPropertiesOfType(type)) {
      const propertyType = checker.getTypeOfSymbol(property);
      lines.push(`${key} .${local(property.getName())}${property.flags & ts.SymbolFlags.Optional ? '?' : ''}: ${print(propertyType)} ${docOf(property)}`);
      walk(propertyType, `${at}.${property.getName()}`);
    }
    for (const info of checker.getIndexInfosOfType(type)) {
      lines.push(`${key} [${print(info.keyType)}]: ${print(info.type)}`);
      walk(info.type, `${at}[]`);
    }
    for (const kind of [ts.SignatureKind.Call, ts.SignatureKind.Construct]) {
      for (const signature of checker.getSignaturesOfType(type, kind)) {
        lines.push(`${key} ${kind}: ${local(checker.signatureToString(signature, undefined, flags))} ${docOf(signature)}`);
        for (const parameter of signature.getParameters()) walk(checker.getTypeOfSymbol(parameter), `${at}()`);
        walk(signature.getReturnType(), `${at}()=>`);
      }
    }
  };
  const module = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
  for (const exported of checker.getExportsOfModule(module)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    lines.push(`export ${exported.getName()} ${symbol.flags} ${docOf(symbol)}`);
    if (symbol.flags & ts.SymbolFlags.Value) walk(checker.getTypeOfSymbol(symbol), exported.getName());
    if (symbol.flags & ts.SymbolFlags.Type) walk(checker.getDeclaredTypeOfSymbol(symbol), exported.getName());
  }
  const problems = ts.getPreEmitDiagnostics(program).map((d) => local(`${d.file?.fileName}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`));
  return [...problems, ...lines];
}

/** Every file under `dir` whose name ends with `.d.ts`, as paths from `dir` with "/", sorted. */
const declarationsUnder = (dir: string) =>
  readdirSync(dir, { recursive: true })
    .map((path) => String(path).split('\\').join('/'))
    .filter((path) => path.endsWith('.d.ts'))
    .sort();

describe("the package's declarations (dist/types, scripts/package-types.mjs)", () => {
  it('show a consumer what tsc\'s whole declarations show: every type, member, signature and doc comment reachable from the root', () => {
    expect(existsSync(join(shipped, 'index.d.ts'))).toBe(true);
    const before = surfaceOf(join(full, 'index.d.ts'), `${full}/`);
    const after = surfaceOf(join(shipped, 'index.d.ts'), `${shipped}/`);
    expect(before.length).toBeGreaterThan(800); // 869 when written
    expect(after).toEqual(before);
  }, 120_000);

  it('are what the build wrote from dist/src, and less than tsc wrote: declarations no export reaches left out', async () => {
    const files = (await packageDeclarations(full)) as [string, string][];
    expect(files.map(([path]) => path)).toEqual(declarationsUnder(shipped));
    for (const [path, text] of files) expect(readFileSync(join(shipped, path), 'utf8'), path).toBe(text);
    // The stages' declarations are no part of what the root exports; nor is, in a file that is, a helper it exports for the code alone.
    expect(files.some(([path]) => path.startsWith('stages/'))).toBe(false);
    const data = files.find(([path]) => path === 'core/data.d.ts')?.[1] ?? '';
    expect(readFileSync(join(full, 'core/data.d.ts'), 'utf8')).toContain('export declare function verifiedDataHashes');
    expect(data).not.toContain('verifiedDataHashes');
    expect(data).toContain('export interface CompiledStructure');
    const size = (list: string[], dir: string) => list.reduce((sum, path) => sum + readFileSync(join(dir, path)).length, 0);
    expect(size(declarationsUnder(shipped), shipped)).toBeLessThan(0.6 * size(declarationsUnder(full), full));
  }, 120_000);
});

describe('surfaceOf, the comparison above', () => {
  it('sees a doc comment of a member reached only through a type (CompiledStructure under Pipeline), and a member', () => {
    const lines = surfaceOf(join(full, 'index.d.ts'), `${full}/`);
    expect(lines.some((line) => line.includes('.maxLatinTitleLength: number') && line.includes('The longest a title without Han characters can be'))).toBe(true);
  }, 120_000);
});
