import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repo } from '../helpers.js';

/**
 * dist/src as `npm run build` leaves it and the package ships it: its JavaScript without comments
 * (tsconfig.build.json: ~0.3 MB unpacked, ~115 kB of the packed size that no one reads there),
 * still tsc's names and lines, and its declarations with every doc comment (tsconfig.types.json),
 * which is where a user's editor reads them.
 */
const dist = repo('dist/src');
const src = repo('src');

/** Every file under `dir` whose name ends with `suffix`, as absolute paths. */
function filesUnder(dir: string, suffix: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path, suffix);
    return name.endsWith(suffix) ? [path] : [];
  });
}

/** The head compact-dist.mjs writes on the validators it minified: how it knows them at the next build. */
const MINIFIED_MARK = /^\/\/ Minified by scripts\/compact-dist\.mjs from src\/generated\/validators-[a-z-]+\.ts /;
/** What a minifier or a bundler reads, were there any: pure annotations and licence comments. */
const KEPT = /^\/\*\s*[#@]__(?:PURE|NO_SIDE_EFFECTS)__\s*\*\/$|^\/\*!|@license|@preserve/;

/**
 * The comments of a JavaScript file, each with its line: the trivia before every token of the
 * parsed file (its tokens as the parser reads them, so a regular expression or a string with `//`
 * in it is not taken for one).
 */
function commentsOf(path: string): { line: number; text: string }[] {
  const text = readFileSync(path, 'utf8');
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  const found = new Map<number, string>();
  const visit = (node: ts.Node): void => {
    const children = node.getChildren(file);
    if (children.length === 0) {
      for (const range of ts.getLeadingCommentRanges(text, node.pos) ?? []) found.set(range.pos, text.slice(range.pos, range.end));
      return;
    }
    for (const child of children) visit(child);
  };
  visit(file);
  return [...found].map(([pos, comment]) => ({ line: file.getLineAndCharacterOfPosition(pos).line + 1, text: comment }));
}

describe("dist/src's JavaScript", () => {
  it('holds no comments: tsc writes it without them (the minified validators open with their mark; pure or licence comments would stay)', () => {
    const files = filesUnder(dist, '.js');
    expect(files.length).toBeGreaterThan(100);
    const left = files.flatMap((path) =>
      commentsOf(path)
        .filter(({ line, text }) => !KEPT.test(text) && !(line === 1 && MINIFIED_MARK.test(text)))
        .map(({ line, text }) => `${relative(dist, path)}:${line}: ${text.slice(0, 80)}`),
    );
    expect(left.slice(0, 10), `${left.length} comments left`).toEqual([]);
  }, 60_000);

  it('keeps its names and a statement a line, as tsc writes them: each exported function and class of src/ is there by name, and only the validators are minified', () => {
    for (const path of filesUnder(src, '.ts')) {
      const rel = relative(src, path).replace(/\.ts$/, '');
      const js = readFileSync(join(dist, `${rel}.js`), 'utf8');
      if (rel.startsWith('generated/validators-')) {
        expect(js, rel).toMatch(MINIFIED_MARK);
        continue;
      }
      for (const [, declared] of readFileSync(path, 'utf8').matchAll(/^export ((?:async )?function\*? [\w$]+|(?:abstract )?class [\w$]+)/gm)) {
        expect(`\n${js}`, `${rel}: ${declared}`).toContain(`\nexport ${declared!.replace(/^abstract /, '')}`);
      }
      // tsc's lines, not a minifier's: none much longer than its source's longest (tsc joins a
      // parameter list or a call that a comment split: up to 1.25× here), where a minified file is one line.
      const longest = (text: string) => Math.max(...text.split('\n').map((line) => line.trim().length));
      expect(longest(js), rel).toBeLessThanOrEqual(2 * longest(readFileSync(path, 'utf8')));
    }
  });
});

describe("dist/src's declarations", () => {
  it("keep every exported name's doc comment of src/ as written, which a user's editor shows", () => {
    let seen = 0;
    for (const path of filesUnder(src, '.ts')) {
      const rel = relative(src, path).replace(/\.ts$/, '');
      const declarations = readFileSync(join(dist, `${rel}.d.ts`), 'utf8');
      for (const [, doc] of readFileSync(path, 'utf8').matchAll(/^(\/\*\*(?:[^*]|\*(?!\/))*\*\/)\nexport (?:declare )?(?:async )?(?:function|const|let|class|abstract class|interface|type|enum) /gm)) {
        expect(declarations, rel).toContain(doc);
        seen += 1;
      }
    }
    expect(seen).toBeGreaterThan(700); // 794 when written
  });
});
