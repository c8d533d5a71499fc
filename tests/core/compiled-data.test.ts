import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPILED_DATA_FORMAT, compiledDataFile, decodeCompiled, encodeCompiled, journalIndexFor, lexiconMatcherFor, readCompiled } from '../../src/core/compiled-data.js';
import { loadData, readConfigFile, type DataFiles } from '../../src/core/data.js';
import { JournalIndex } from '../../src/core/journals.js';
import { LexiconMatcher } from '../../src/core/lexicon.js';
import type { JournalTable } from '../../src/generated/journals.js';
import type { Lexicon } from '../../src/generated/lexicon.js';
import { repo } from '../helpers.js';

const shippedFile = (name: string): string => repo(`pipelines/data/${name}.json`);
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const journalsText = readConfigFile(shippedFile('journals'));
const lexiconText = readConfigFile(shippedFile('lexicon'));
const table = JSON.parse(journalsText) as JournalTable;
const lexicon = JSON.parse(lexiconText) as Lexicon;

/** Every text the project's tests and fixtures hold: the articles, each test fixture's input, one line at a time too. */
function fixtureTexts(): string[] {
  const files = readdirSync(repo('fixtures/articles')).map((name) => repo(`fixtures/articles/${name}`));
  for (const dir of readdirSync(repo('tests/fixtures'), { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const name of readdirSync(join(dir.parentPath, dir.name))) if (name.startsWith('input')) files.push(join(dir.parentPath, dir.name, name));
  }
  const texts = files.map((file) => readFileSync(file, 'utf8'));
  return [...texts, ...texts.flatMap((text) => text.split('\n'))];
}

describe('compiled data (src/core/compiled-data.ts)', () => {
  it('the build compiled the shipped journal table and lexicon, and the forms it wrote are exactly what a process builds', () => {
    const journals = readCompiled('journals', sha256(journalsText));
    const concepts = readCompiled('lexicon', sha256(lexiconText));
    expect(journals).toEqual(JournalIndex.compile(table.journals, table.cues));
    expect(concepts).toEqual(LexiconMatcher.compile(lexicon));
  });

  it('gives exactly the matches the run-time build gives, on every fixture', () => {
    const dir = mkdtempSync(join(tmpdir(), 'compiled-'));
    writeFileSync(compiledDataFile('journals', sha256(journalsText), dir), encodeCompiled('journals', sha256(journalsText), JournalIndex.compile(table.journals, table.cues)));
    writeFileSync(compiledDataFile('lexicon', sha256(lexiconText), dir), encodeCompiled('lexicon', sha256(lexiconText), LexiconMatcher.compile(lexicon)));
    const built = { journals: new JournalIndex(table.journals, table.cues), concepts: new LexiconMatcher(lexicon) };
    const loaded = { journals: journalIndexFor(table.journals, table.cues, sha256(journalsText), dir), concepts: lexiconMatcherFor(lexicon, sha256(lexiconText), dir) };
    const texts = fixtureTexts();
    let journalHits = 0;
    let conceptHits = 0;
    for (const text of texts) {
      const view = JournalIndex.view(text);
      const bare = loaded.journals.bareNames(view);
      expect(bare).toEqual(built.journals.bareNames(view));
      expect(loaded.journals.find(text)).toBe(built.journals.find(text));
      const matches = loaded.concepts.matches(text);
      expect(matches).toEqual(built.concepts.matches(text));
      journalHits += bare.length + (built.journals.find(text) ? 1 : 0);
      conceptHits += matches.length;
    }
    // Every name of the table is found by its key in both.
    for (const journal of table.journals) for (const name of [journal.name, journal.abbreviation, ...journal.aliases]) expect(loaded.journals.find(name)).toBe(built.journals.find(name));
    expect(journalHits).toBeGreaterThan(100);
    expect(conceptHits).toBeGreaterThan(1000);
  });

  it('is never used for other bytes, another format or another Unicode version: the data is compiled afresh', () => {
    const dir = mkdtempSync(join(tmpdir(), 'compiled-'));
    // A data file changed since the build: one more journal.
    const changed = JSON.parse(journalsText) as JournalTable;
    changed.journals.push({ ...changed.journals[0]!, name: 'Journal of Freshly Compiled Tables', abbreviation: 'J Fresh Compiled Tables', aliases: ['新编译期刊'] });
    const changedText = `${JSON.stringify(changed, null, 2)}\n`;
    const file = join(dir, 'journals.json');
    writeFileSync(file, changedText);
    expect(readCompiled('journals', sha256(changedText))).toBeNull();
    // A compiled form of the old bytes put under the new bytes' name is refused (its header names the bytes it was made from).
    const old = encodeCompiled('journals', sha256(journalsText), JournalIndex.compile(table.journals, table.cues));
    writeFileSync(compiledDataFile('journals', sha256(changedText), dir), old);
    expect(readCompiled('journals', sha256(changedText), dir)).toBeNull();
    const index = journalIndexFor(changed.journals, changed.cues, sha256(changedText), dir);
    expect(index.find('新编译期刊')?.name).toBe('Journal of Freshly Compiled Tables');
    expect(index.bareNames('read in Journal of Freshly Compiled Tables today').map((b) => b.journal.name)).toEqual(['Journal of Freshly Compiled Tables']);

    // The loaded data set of a pipeline pointing at the changed file sees the new journal.
    const files = Object.fromEntries(['structure', 'html', 'lexicon', 'facts'].map((name) => [name, shippedFile(name)])) as DataFiles;
    expect(loadData({ ...files, journals: file }).journals.find('J Fresh Compiled Tables')?.name).toBe('Journal of Freshly Compiled Tables');

    // Another format, another Unicode version, another kind, or bytes cut short: refused.
    const header = (bytes: Buffer) => JSON.parse(bytes.subarray(4, 4 + bytes.readUInt32LE(0)).toString('utf8')) as Record<string, unknown>;
    const rewrite = (bytes: Buffer, edit: (h: Record<string, unknown>) => void): Buffer => {
      const h = header(bytes);
      edit(h);
      const json = Buffer.from(JSON.stringify(h), 'utf8');
      const text = Buffer.concat([json, Buffer.alloc(bytes.readUInt32LE(0) - json.length, ' ')]);
      expect(text.length).toBe(bytes.readUInt32LE(0));
      const out = Buffer.from(bytes);
      text.copy(out, 4);
      return out;
    };
    const good = encodeCompiled('journals', sha256(journalsText), JournalIndex.compile(table.journals, table.cues));
    expect(decodeCompiled(good, 'journals', sha256(journalsText))).not.toBeNull();
    expect(decodeCompiled(rewrite(good, (h) => void (h.format = COMPILED_DATA_FORMAT + 1)), 'journals', sha256(journalsText))).toBeNull();
    expect(decodeCompiled(rewrite(good, (h) => void (h.unicode = '1.0')), 'journals', sha256(journalsText))).toBeNull();
    expect(decodeCompiled(good, 'lexicon', sha256(journalsText))).toBeNull();
    expect(decodeCompiled(good.subarray(0, good.length - 8), 'journals', sha256(journalsText))).toBeNull();
    expect(decodeCompiled(good.subarray(0, 10), 'journals', sha256(journalsText))).toBeNull();
  });
});
