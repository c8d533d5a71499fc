import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { repo } from '../helpers.js';
// @ts-expect-error: a plain ES module script, no types
import { withoutIndentation } from '../../scripts/without-indentation.mjs';

const strip = (text: string): Promise<string> => withoutIndentation('x.js', text);

describe('withoutIndentation (scripts/without-indentation.mjs)', () => {
  it("takes the spaces and tabs off each line's start, keeps every line", async () => {
    const text = 'export function f(a) {\n    if (a)\n        return 1;\n\tconst b = {\n    };\n    return b;\n}\n';
    expect(await strip(text)).toBe('export function f(a) {\nif (a)\nreturn 1;\nconst b = {\n};\nreturn b;\n}\n');
  });

  it("leaves the lines of a template, and of a string continued with a backslash, as they are: they are the literal's text", async () => {
    const text = "const page = `<ul>\n    <li>${x}</li>\n  ${`\n      inner`}\n</ul>`;\nconst s = 'one \\\n    two';\n    f(page, s);\n";
    expect(await strip(text)).toBe("const page = `<ul>\n    <li>${x}</li>\n  ${`\n      inner`}\n</ul>`;\nconst s = 'one \\\n    two';\nf(page, s);\n");
  });

  it('leaves code whose statements run on over lines parsing the same (automatic semicolons, a regular expression)', async () => {
    const text = 'let a = b\n    ++c\nconst r = /  x/g\n    .test(y)\n';
    const out = await strip(text);
    expect(out).toBe('let a = b\n++c\nconst r = /  x/g\n.test(y)\n');
  });
});

describe("dist/src's JavaScript (scripts/compact-dist.mjs)", () => {
  it("opens no line with indentation outside a literal, the minified validators aside (the package's 10.9 kB of spaces)", async () => {
    const dist = repo('dist/src');
    const files = readdirSync(dist, { recursive: true })
      .map((path) => String(path).split('\\').join('/'))
      .filter((path) => path.endsWith('.js') && !path.startsWith('generated/validators-'));
    expect(files.length).toBeGreaterThan(100);
    const indented: string[] = [];
    for (const path of files) {
      const text = readFileSync(`${dist}/${path}`, 'utf8');
      if ((await withoutIndentation(path, text)) !== text) indented.push(path);
    }
    expect(indented).toEqual([]);
  }, 120_000);
});
