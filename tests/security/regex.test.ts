import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { check } from 'recheck';
import { describe, expect, it } from 'vitest';
import { repo } from '../helpers.js';
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

/** Every pattern the data files hold (structure, html, lexicon). */
function dataPatterns(): Pattern[] {
  const out: Pattern[] = [];
  const structure = JSON.parse(readFileSync(repo('pipelines/data/structure.json'), 'utf8'));
  for (const [key, value] of Object.entries(structure)) {
    const lists = Array.isArray(value) ? { [key]: value } : key === 'boilerplate' ? (value as Record<string, string[]>) : {};
    for (const [name, list] of Object.entries(lists)) (list as unknown[]).forEach((p, i) => typeof p === 'string' && out.push({ where: `structure.json /${name}/${i}`, source: p, flags: 'u' }));
  }
  const html = JSON.parse(readFileSync(repo('pipelines/data/html.json'), 'utf8'));
  out.push({ where: 'html.json /chromeClassPattern', source: html.chromeClassPattern, flags: 'i' }, { where: 'html.json /chromeClassExceptions', source: html.chromeClassExceptions, flags: 'i' });
  const lexicon = JSON.parse(readFileSync(repo('pipelines/data/lexicon.json'), 'utf8'));
  lexicon.patterns.forEach((p: { name: string; pattern: string }) => out.push({ where: `lexicon.json pattern ${p.name}`, source: p.pattern, flags: 'u' }));
  // Patterns the reference parser builds from references.json's word lists and from name parts.
  for (const p of [...referencePatterns(), ...namePatterns()]) out.push({ where: `src/refs built pattern ${p.name}`, source: p.source, flags: p.flags });
  return out;
}

describe('no regular expression can backtrack catastrophically', () => {
  const patterns = [...codePatterns(), ...dataPatterns()];

  it('found the patterns', () => {
    expect(patterns.length).toBeGreaterThan(150);
  });

  it('recheck finds none exponential, and every polynomial one reviewed with its input bound', async () => {
    const allow = JSON.parse(readFileSync(repo('tests/security/regex-allowlist.json'), 'utf8')) as { patterns: { file: string; source: string; flags: string; bound: string }[] };
    const reviewed = new Set(allow.patterns.map((a) => `${a.source}\u0000${a.flags}`));
    const unsafe: string[] = [];
    for (const p of patterns) {
      const result = await check(p.source, p.flags, { timeout: 10_000 });
      if (result.status !== 'vulnerable') continue;
      const exponential = result.complexity.type === 'exponential';
      if (exponential || !reviewed.has(`${p.source}\u0000${p.flags}`)) {
        unsafe.push(`${p.where} /${p.source}/${p.flags}: ${result.complexity.summary}, attack ${result.attack.pattern}`);
      }
    }
    expect(unsafe).toEqual([]);
    for (const a of allow.patterns) expect(a.bound, a.source).not.toBe('REVIEW');
  }, 600_000);
});
