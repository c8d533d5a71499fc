import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDataPlace, loadData, loadFacts, loadHtml, loadJournals, loadLexicon, loadStructure, loadValidated, parseJsonText, readConfigFile, type DataFiles } from '../../src/core/data.js';
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

const tmp = () => mkdtempSync(join(tmpdir(), 'digest-data-'));

/** The message of the ConfigError `run` throws. */
function configError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('no error');
}

describe('configuration files are read with care', () => {
  it('readConfigFile: a missing file, a path through a file, a folder, a file over the bound', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.json'), '{"a": 1}');
    mkdirSync(join(dir, 'folder.json'));
    expect(readConfigFile(join(dir, 'a.json'))).toBe('{"a": 1}');
    expect(configError(() => readConfigFile(join(dir, 'none.json')))).toBe(`${join(dir, 'none.json')}: no such file`);
    expect(configError(() => readConfigFile(join(dir, 'a.json', 'x')))).toBe(`${join(dir, 'a.json', 'x')}: cannot read: ENOTDIR`);
    expect(configError(() => readConfigFile(join(dir, 'folder.json')))).toBe(`${join(dir, 'folder.json')}: not a regular file`);
    expect(configError(() => readConfigFile(join(dir, 'a.json'), 4))).toBe(`${join(dir, 'a.json')}: 8 bytes, over the limit of 4 for a configuration file`);
  });

  it('parseJsonText: a syntax error names its line and column, never the text; empty text is not JSON', () => {
    expect(parseJsonText('f.json', '{"a": [1, 2]}')).toEqual({ a: [1, 2] });
    const message = configError(() => parseJsonText('f.json', '{\n  "secret": "hunter2",\n  oops\n}'));
    expect(message).toBe('f.json:3:3: not valid JSON (InvalidSymbol)');
    expect(message).not.toContain('hunter2');
    expect(configError(() => parseJsonText('f.json', ''))).toBe('f.json:1:1: not valid JSON (ValueExpected)');
  });

  it('loadValidated: a file that does not match its schema names the schema and the pointer', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'lexicon.json'), '{"concepts": 3}');
    expect(configError(() => loadValidated(join(dir, 'lexicon.json'), 'lexicon'))).toMatch(/lexicon\.json: does not match schemas\/lexicon\.schema\.json at \/\S*: /);
  });

  it('checkDataPlace: under the pipeline folder is fine; a dangling link is no such file; anywhere with the option', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'p.json'), '{}');
    writeFileSync(join(dir, 'lexicon.json'), '{}');
    symlinkSync(join(dir, 'gone.json'), join(dir, 'dangling.json'));
    expect(() => checkDataPlace(join(dir, 'lexicon.json'), join(dir, 'p.json'), '/data/lexicon', dir, false)).not.toThrow();
    expect(configError(() => checkDataPlace(join(dir, 'dangling.json'), join(dir, 'p.json'), '/data/lexicon', dir, false))).toBe(`${join(dir, 'dangling.json')}: no such file`);
    expect(() => checkDataPlace('/etc/hostname', join(dir, 'p.json'), '/data/lexicon', dir, true)).not.toThrow();
  });
});
