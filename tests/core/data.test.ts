import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadData, loadFacts, loadHtml, loadJournals, loadLexicon, loadStructure, type DataFiles } from '../../src/core/data.js';
import { ConfigError } from '../../src/core/errors.js';
import { shippedDataHashes } from '../../src/generated/verified-data.js';
import { repo } from '../helpers.js';

const names = ['journals', 'structure', 'html', 'lexicon', 'facts'] as const;
const shipped = (name: string): string => repo(`pipelines/data/${name}.json`);
const loaders = { journals: loadJournals, structure: loadStructure, html: loadHtml, lexicon: loadLexicon, facts: loadFacts };

/** A copy of a shipped data file with other bytes (a final line feed) and the same JSON: not trusted, so checked in full. */
function untrustedCopy(name: string, edit: (raw: Record<string, unknown>) => void = () => undefined): string {
  const dir = mkdtempSync(join(tmpdir(), 'data-'));
  const raw = JSON.parse(readFileSync(shipped(name), 'utf8')) as Record<string, unknown>;
  edit(raw);
  const file = join(dir, `${name}.json`);
  writeFileSync(file, `${JSON.stringify(raw, null, 2)}\n\n`);
  return file;
}

describe('data files known to pass (src/generated/verified-data.ts)', () => {
  it('are exactly the shipped files, by hash (run `npm run gen:types` after editing pipelines/data)', () => {
    const hashes = names.map((name) => createHash('sha256').update(readFileSync(shipped(name))).digest('hex'));
    expect([...shippedDataHashes].sort()).toEqual(hashes.sort());
  });

  it('pass every check the loader makes of a file it does not know: schema, pattern audit, unique names', () => {
    for (const name of names) expect(() => loaders[name](untrustedCopy(name)), name).not.toThrow();
  });

  it('a file the loader does not know is still checked when the pipeline loads, not when a stage first reads it', () => {
    const files = Object.fromEntries(names.map((name) => [name, shipped(name)])) as DataFiles;
    const lexicon = untrustedCopy('lexicon', (raw) => {
      (raw.patterns as { pattern: string }[])[0]!.pattern = '(?:a|a)+b';
    });
    expect(() => loadData({ ...files, lexicon })).toThrow(ConfigError);
    expect(() => loadData({ ...files, lexicon })).toThrow(/\/patterns\/0\/pattern/);
    const structure = untrustedCopy('structure', (raw) => {
      raw.maxHeadingLength = 'long';
    });
    expect(() => loadData({ ...files, structure })).toThrow(/does not match schemas\/structure\.schema\.json at \/maxHeadingLength/);
  });

  it('a known file loads on first use, and loads to what a checked copy loads to', () => {
    const files = Object.fromEntries(names.map((name) => [name, shipped(name)])) as DataFiles;
    const data = loadData(files);
    const checked = loadData(Object.fromEntries(names.map((name) => [name, untrustedCopy(name)])) as DataFiles);
    expect(data.structure.monthHeadings.map(String)).toEqual(checked.structure.monthHeadings.map(String));
    expect(data.facts.span.source).toBe(checked.facts.span.source);
    expect(data.html).toEqual(checked.html);
    expect(data.lexicon).toEqual(checked.lexicon);
    expect(data.journals.find('Nature Medicine')).toEqual(checked.journals.find('Nature Medicine'));
  });
});
