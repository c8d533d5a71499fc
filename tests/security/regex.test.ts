import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { auditPattern } from '../../src/core/regex-audit.js';
import { pipeline, repo } from '../helpers.js';
import { referencePatterns } from '../../src/refs/data.js';
import { namePatterns } from '../../src/refs/names.js';

interface Pattern {
  where: string;
  source: string;
  flags: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'generated' ? [] : sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Every regular expression literal and every `new RegExp('…')` with a literal source in src/. */
function codePatterns(): Pattern[] {
  const out: Pattern[] = [];
  for (const file of sourceFiles(repo('src'))) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node): void => {
      const line = sf.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      const where = `${file.slice(repo('').length)}:${line}`;
      if (ts.isRegularExpressionLiteral(node)) {
        const text = node.text;
        const slash = text.lastIndexOf('/');
        out.push({ where, source: text.slice(1, slash), flags: text.slice(slash + 1).replace(/[gy]/g, '') });
      } else if (ts.isNewExpression(node) && node.expression.getText() === 'RegExp' && node.arguments?.[0] && ts.isStringLiteralLike(node.arguments[0])) {
        const flags = node.arguments[1] && ts.isStringLiteralLike(node.arguments[1]) ? node.arguments[1].text : '';
        out.push({ where, source: node.arguments[0].text, flags: flags.replace(/[gy]/g, '') });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}

/** Every pattern of the shipped data, as the loader compiled it (month-name macros expanded). */
function dataPatterns(): Pattern[] {
  const out: Pattern[] = [];
  const walk = (value: unknown, where: string): void => {
    if (value instanceof RegExp) out.push({ where, source: value.source, flags: value.flags.replace(/[gy]/g, '') });
    else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${where}/${i}`));
    else if (value instanceof Map) return;
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, `${where}/${k}`);
  };
  const data = pipeline().data;
  walk(data.structure, 'structure.json');
  walk(data.facts, 'facts.json');
  data.lexicon.patterns.forEach((p) => out.push({ where: `lexicon.json ${p.name}`, source: p.pattern, flags: 'u' }));
  out.push({ where: 'html.json /chromeClassPattern', source: data.html.chromeClassPattern, flags: 'i' }, { where: 'html.json /chromeClassExceptions', source: data.html.chromeClassExceptions, flags: 'i' });
  data.html.metaLinePatterns.forEach((p, i) => out.push({ where: `html.json /metaLinePatterns/${i}`, source: p, flags: 'u' }));
  return out;
}

/**
 * Patterns the reference parser builds in code from the packaged reference words
 * (references.json, compiled into src/generated at build time, not a pipeline data file) and
 * from name parts: code, reviewed like the literals.
 */
function builtPatterns(): Pattern[] {
  return [...referencePatterns(), ...namePatterns()].map((p) => ({ where: `src/refs (built: ${p.name})`, source: p.source, flags: p.flags }));
}

interface Reviewed {
  file: string;
  source: string;
  flags: string;
  complexity: string;
  bound: string;
}

describe('no regular expression can backtrack catastrophically (a static, deterministic audit: the same verdict every run)', () => {
  const code = [...codePatterns(), ...builtPatterns()];
  const data = dataPatterns();
  const allow = JSON.parse(readFileSync(repo('tests/security/regex-allowlist.json'), 'utf8')) as { patterns: Reviewed[] };
  const key = (p: { source: string; flags: string }) => `${p.source}\u0000${p.flags}`;

  it('found the patterns', () => {
    expect(code.length).toBeGreaterThan(150);
    expect(data.length).toBeGreaterThan(40);
  });

  it('no pattern in src/ is exponential; each polynomial one is reviewed with the input bound that makes it safe', () => {
    const reviewed = new Set(allow.patterns.map(key));
    const unsafe: string[] = [];
    const polynomial = new Set<string>();
    for (const p of code) {
      const verdict = auditPattern(p.source, p.flags);
      if (verdict.complexity === 'linear') continue;
      polynomial.add(key(p));
      if (verdict.complexity === 'exponential' || !reviewed.has(key(p))) unsafe.push(`${p.where} /${p.source}/${p.flags}: ${verdict.complexity}: ${verdict.reason}`);
    }
    expect(unsafe).toEqual([]);
    // The list holds nothing stale: each entry is a polynomial pattern still in the code.
    expect(allow.patterns.filter((a) => !polynomial.has(key(a))).map((a) => `${a.file} /${a.source}/${a.flags}`)).toEqual([]);
    for (const a of allow.patterns) expect(a.bound, a.source).not.toBe('REVIEW');
  });

  it('every pattern of the shipped data is linear (the loader refuses anything else, the user\'s own data included)', () => {
    const slow = data.map((p) => ({ p, v: auditPattern(p.source, p.flags) })).filter(({ v }) => v.complexity !== 'linear');
    expect(slow.map(({ p, v }) => `${p.where}: ${v.complexity}: ${v.reason}`)).toEqual([]);
  });

  it.each([
    ['(?:a|a)+b', 'exponential'],
    ['^(?:a|ab|b)+c', 'exponential'],
    ['(a+)+$', 'exponential'],
    ['^(?:x(?:\\d|\\w))+$', 'exponential'],
    ['\\s*x?\\s*$', 'polynomial'],
    ['a+b', 'polynomial'],
    ['^(?:js|json)+$', 'linear'],
    ['^[a-z]+\\d{1,4}$', 'linear'],
  ])('the audit calls /%s/ %s, every time', (source, complexity) => {
    const verdicts = new Set([1, 2, 3].map(() => auditPattern(source, 'u').complexity));
    expect([...verdicts]).toEqual([complexity]);
  });
});
