import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { asciiJson, COMPILED_DATA_FORMAT, compiledDataDir, compiledDataFile, compilerFiles, decodeCompiled, emittedFrom, encodeCompiled, journalIndexFor, journalIndexOfBytes, lexiconMatcherFor, lexiconOfForm, lexiconTextForm, readCompiled, structureTextOfForm, type CompilerFile } from '../../src/core/compiled-data.js';
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

/** The header of a compiled form. */
const headerOf = (bytes: Buffer) => JSON.parse(bytes.subarray(4, 4 + bytes.readUInt32LE(0)).toString('utf8')) as Record<string, unknown>;
/** The code the build compiled the shipped forms with (dist/src files, as they are now): what the forms the tests write list. */
const code = headerOf(readFileSync(compiledDataFile('journals', sha256(journalsText)))).code as CompilerFile[];

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
    expect(journals).toEqual({ ...JournalIndex.compile(table.journals, table.cues), entryRanges: JournalIndex.entryRanges(readFileSync(shippedFile('journals'))) });
    expect(concepts).toEqual(LexiconMatcher.compile(lexicon));
    // And the lexicon's own value, as UTF-16 text: the data file's value, its keys in the file's order.
    expect(JSON.stringify(lexiconOfForm(sha256(lexiconText)))).toBe(JSON.stringify(lexicon));
    // And structure.json's, the same way.
    const structureText = readConfigFile(shippedFile('structure'));
    expect(structureTextOfForm(sha256(structureText))).toBe(JSON.stringify(JSON.parse(structureText)));
  });

  it("the journal form holds each journal's place in the data file's bytes, and an index made from the bytes reads only the journals found", () => {
    const bytes = readFileSync(shippedFile('journals'));
    const ranges = JournalIndex.entryRanges(bytes)!;
    expect(ranges.length).toBe(2 * table.journals.length);
    table.journals.forEach((journal, j) => expect(JSON.parse(bytes.subarray(ranges[2 * j]!, ranges[2 * j + 1]!).toString('utf8'))).toEqual(journal));
    const index = journalIndexOfBytes(bytes, sha256(journalsText))!;
    const parse = vi.spyOn(JSON, 'parse');
    try {
      expect(index.find('the lancet')?.name).toBe('The Lancet');
      expect(index.bareNames('as Cell Stem Cell reported').map((b) => b.journal.name)).toEqual(['Cell Stem Cell']);
      expect(index.find('Cell Stem Cell'), 'one object a journal').toBe(index.bareNames('Cell Stem Cell')[0]!.journal);
      expect(parse).toHaveBeenCalledTimes(2);
    } finally {
      parse.mockRestore();
    }
    expect(index.journals).toEqual(table.journals);
    // Without a form, or with one of other bytes: none (the caller parses the file).
    expect(journalIndexOfBytes(bytes, sha256(`${journalsText} `))).toBeNull();
  });

  it("entryRanges: each object of the top-level journals array, whatever its strings hold; null without the array", () => {
    const text = '{"$schema": "x [{", "note": {"journals": [{"a": 1}]},\n "journals" :\n [ {"name": "A \\"}] {[", "aliases": ["干细胞"]},{"name":"B","x":{"y":[1,{}]}} ],\n "cues": {"before": ["}"]}}';
    const bytes = Buffer.from(text, 'utf8');
    const ranges = JournalIndex.entryRanges(bytes)!;
    const entries = Array.from({ length: ranges.length / 2 }, (_, j) => JSON.parse(bytes.subarray(ranges[2 * j]!, ranges[2 * j + 1]!).toString('utf8')) as unknown);
    expect(entries).toEqual((JSON.parse(text) as { journals: unknown[] }).journals);
    expect(JournalIndex.entryRanges(Buffer.from('{"journals": 3, "cues": {}}'))).toBeNull();
    expect(JournalIndex.entryRanges(Buffer.from('{"other": [{"journals": [{}]}]}'))).toBeNull();
    expect(JournalIndex.entryRanges(Buffer.from('{"journals": []}'))).toEqual(new Int32Array(0));
  });

  it('writes its header in ASCII, so that it is read as a one-byte string; its value is the same', () => {
    // The structure form's pre-tests hold Han literals: its 57,000-character header was a two-byte string (issue 17: start-up).
    const value = { preTests: { '/a': ['干细胞', '𠀀', 'é\u2028'] } };
    const bytes = encodeCompiled('structure', 'x', value, code);
    const header = bytes.subarray(4, 4 + bytes.readUInt32LE(0));
    expect(header.every((b) => b < 0x80)).toBe(true);
    expect(JSON.parse(header.toString('latin1'))).toMatchObject({ json: value });
    expect(asciiJson(value)).toBe('{"preTests":{"/a":["\\u5e72\\u7ec6\\u80de","\\ud840\\udc00","\\u00e9\\u2028"]}}');
    // (The forms; not data-file-keys.json, the build's keys of the data files: src/core/data.ts.)
    const shipped = readdirSync(compiledDataDir).filter((name) => name.endsWith('.bin'));
    expect(shipped.length).toBeGreaterThan(3);
    for (const name of shipped) {
      const form = readFileSync(join(compiledDataDir, name));
      expect(form.subarray(4, 4 + form.readUInt32LE(0)).every((b) => b < 0x80), name).toBe(true);
    }
  });

  it('gives exactly the matches the run-time build gives, on every fixture', () => {
    const dir = mkdtempSync(join(tmpdir(), 'compiled-'));
    writeFileSync(compiledDataFile('journals', sha256(journalsText), dir), encodeCompiled('journals', sha256(journalsText), JournalIndex.compile(table.journals, table.cues), code));
    writeFileSync(compiledDataFile('lexicon', sha256(lexiconText), dir), encodeCompiled('lexicon', sha256(lexiconText), LexiconMatcher.compile(lexicon), code));
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

  it('the shipped forms hold tries in 16 bits and the journal keys as units, not strings: under 400 kB read together (issue 17: each page read costs a fault)', () => {
    const journalsBytes = readFileSync(compiledDataFile('journals', sha256(journalsText)));
    const lexiconBytes = readFileSync(compiledDataFile('lexicon', sha256(lexiconText)));
    // 481 kB when the tables were 32-bit and the keys ~1,100 strings in the header. The data grows
    // with each audit of the genre: 297.9 kB after the English one (change 92), 300.2 kB with the
    // third Chinese pass's five journals and three concepts, 308.3 kB before change 141; 312.1 kB with
    // each journal's place in the data file (8 bytes a journal: the table is not parsed at load), and
    // as much with the tenth English pass's thirteen concepts; 320.2 kB with the eleventh's eleven; 331.2 kB
    // with the sixteenth Chinese pass's three journals and three concepts; 338.4 kB before the sixteenth English and
    // eighteenth Chinese passes, ~347 kB with their thirteen and five concepts and six journals; ~357 kB with the
    // nineteenth Chinese pass's six concepts and six journals and the seventeenth English pass's twenty-five concepts; raised to 380 kB
    // before the twentieth Chinese and eighteenth English passes; 375.2 kB after the twenty-first and nineteenth, raised
    // to 400 kB before the twenty-second and twentieth; 393.5 kB after the twenty-fifth and twenty-third, raised to
    // 420 kB before the twenty-sixth and twenty-fourth; 401.0 kB after the twenty-seventh and twenty-fifth, raised to
    // 440 kB before the twenty-eighth and twenty-sixth — the bound is the format's, not the data's.
    expect(journalsBytes.length + lexiconBytes.length).toBeLessThan(440_000);
    expect(Object.keys(headerOf(journalsBytes).json as object)).toEqual(['cueWords']);
    const concepts = readCompiled('lexicon', sha256(lexiconText)) as { names: Record<string, Int32Array | Uint16Array | Int16Array> };
    expect(concepts.names.first!.constructor.name).toBe('Uint16Array');
    expect(concepts.names.patternAt!.constructor.name).toBe('Int16Array');
  });

  it("finds each name's journal as a map of the keys would, and nothing for a key's prefix or extension (the keys are searched by halves)", () => {
    const index = journalIndexFor(table.journals, table.cues, sha256(journalsText));
    const byKey = new Map<string, JournalTable['journals'][number]>();
    for (const journal of table.journals) for (const name of [journal.name, journal.abbreviation, ...journal.aliases]) if (JournalIndex.key(name) !== '' && !byKey.has(JournalIndex.key(name))) byKey.set(JournalIndex.key(name), journal);
    for (const [key, journal] of byKey) {
      expect(index.find(key)).toBe(journal);
      for (const other of [key.slice(0, -1), `${key}x`, `${key}\uffff`, `\u0000${key}`]) expect(index.find(other)).toBe(byKey.get(JournalIndex.key(other)));
    }
    expect(index.find('')).toBeUndefined();
    expect(index.find(' . ')).toBeUndefined();
  });

  it('a loaded index or matcher touches no journal and no concept until one is found: loading makes no object a name (issue 17: allocation)', () => {
    // The table's and the lexicon's entries, watched: which are read, and when.
    const read = new Set<number>();
    const watch = <T extends object>(list: readonly T[]): T[] =>
      new Proxy([...list], {
        get(target, key, receiver) {
          if (typeof key === 'string' && /^\d+$/.test(key)) read.add(Number(key));
          return Reflect.get(target, key, receiver) as unknown;
        },
      });
    const index = journalIndexFor(watch(table.journals), table.cues, sha256(journalsText));
    expect(read.size).toBe(0);
    expect(index.find('the lancet')?.name).toBe('The Lancet');
    expect(index.bareNames('as Cell Stem Cell reported').map((b) => b.journal.name)).toEqual(['Cell Stem Cell']);
    expect(read.size).toBe(2);
    read.clear();
    const matcher = lexiconMatcherFor({ ...lexicon, concepts: watch(lexicon.concepts) }, sha256(lexiconText));
    expect(read.size).toBe(0);
    const first = matcher.matches('强直性脊柱炎（AS）患者');
    expect(first.length).toBeGreaterThan(0);
    expect(read.size).toBeLessThanOrEqual(first.length);
    // One object per concept, shared by every match of it.
    const again = matcher.matches('强直性脊柱炎');
    expect(again[0]!.concept).toBe(first[0]!.concept);
  });

  it('a lexicon-text form gives the lexicon back, Han and astral names too; none for other bytes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'compiled-'));
    const value = { concepts: [{ id: 'x', zh: ['间充质干细胞', '𠀀'], en: ['MSC \u2028 é'] }], patterns: [] } as unknown as Lexicon;
    writeFileSync(compiledDataFile('lexicon-text', 'a'.repeat(64), dir), encodeCompiled('lexicon-text', 'a'.repeat(64), lexiconTextForm(value), code));
    expect(lexiconOfForm('a'.repeat(64), dir)).toEqual(value);
    expect(lexiconOfForm('b'.repeat(64), dir)).toBeNull();
  });

  it("a lexicon-text form holds each concept's place in its text, their ids, every abbreviation and the countries; a key's text inside a string moves nothing", () => {
    const value = {
      description: 'a "concepts":0 inside a string, and "concepts":[] too',
      concepts: [
        { id: 'country:x', type: 'country', zh: ['某国'], en: ['X'], abbreviations: ['XC'] },
        { id: 'disease:y', type: 'disease', zh: [], en: ['Y "quoted"'], abbreviations: [], broader: 'disease:z' },
        { id: 'country:z', type: 'country', zh: [], en: ['Z'], abbreviations: ['ZC', 'XC'] },
      ],
      patterns: [],
    } as unknown as Lexicon;
    const form = lexiconTextForm(value) as { text: Uint8Array; conceptRanges: Int32Array; ids: Uint8Array; abbreviations: string[]; countries: Int32Array };
    const text = Buffer.from(form.text).toString('utf16le');
    expect(text).toBe(JSON.stringify(value));
    value.concepts.forEach((concept, k) => expect(JSON.parse(text.slice(form.conceptRanges[2 * k], form.conceptRanges[2 * k + 1]))).toEqual(concept));
    expect(JSON.parse(Buffer.from(form.ids).toString('utf16le'))).toEqual(['country:x', 'disease:y', 'country:z']);
    expect(form.abbreviations).toEqual(['XC', 'ZC', 'XC']);
    expect([...form.countries]).toEqual([0, 2]);
    const dir = mkdtempSync(join(tmpdir(), 'compiled-'));
    for (const lexicon of [value, { ...value, concepts: [] }]) {
      writeFileSync(compiledDataFile('lexicon-text', 'a'.repeat(64), dir), encodeCompiled('lexicon-text', 'a'.repeat(64), lexiconTextForm(lexicon), code));
      expect(JSON.stringify(lexiconOfForm('a'.repeat(64), dir))).toBe(JSON.stringify(lexicon));
    }
  });

  it('a lexicon-text form without the concepts\' places (as the build wrote it before) gives no lexicon: the data file is read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'compiled-'));
    const value = { concepts: [{ id: 'x', zh: [], en: ['X'], abbreviations: [] }], patterns: [] } as unknown as Lexicon;
    const { text } = lexiconTextForm(value) as { text: Uint8Array };
    writeFileSync(compiledDataFile('lexicon-text', 'a'.repeat(64), dir), encodeCompiled('lexicon-text', 'a'.repeat(64), { text }, code));
    expect(lexiconOfForm('a'.repeat(64), dir)).toBeNull();
  });

  it('reads an ASCII header as Latin-1 and any other as UTF-8: a header written before it was ASCII gives the same value', () => {
    const value = { preTests: { '/a': ['干细胞', '𠀀', 'é\u2028'] } };
    const ascii = encodeCompiled('structure', 'x', value, code);
    expect(decodeCompiled(ascii, 'structure', 'x')).toEqual(value);
    // The same header as UTF-8 (its Han written as such), padded to its place.
    const header = Buffer.from(JSON.stringify(headerOf(ascii)), 'utf8');
    expect(header.every((b) => b < 0x80)).toBe(false);
    const utf8 = Buffer.alloc(Math.ceil((4 + header.length) / 8) * 8);
    utf8.writeUInt32LE(header.length, 0);
    header.copy(utf8, 4);
    expect(decodeCompiled(utf8, 'structure', 'x')).toEqual(value);
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
    const old = encodeCompiled('journals', sha256(journalsText), JournalIndex.compile(table.journals, table.cues), code);
    writeFileSync(compiledDataFile('journals', sha256(changedText), dir), old);
    expect(readCompiled('journals', sha256(changedText), dir)).toBeNull();
    const index = journalIndexFor(changed.journals, changed.cues, sha256(changedText), dir);
    expect(index.find('新编译期刊')?.name).toBe('Journal of Freshly Compiled Tables');
    expect(index.bareNames('read in Journal of Freshly Compiled Tables today').map((b) => b.journal.name)).toEqual(['Journal of Freshly Compiled Tables']);

    // The loaded data set of a pipeline pointing at the changed file sees the new journal.
    const files = Object.fromEntries(['structure', 'html', 'lexicon', 'facts'].map((name) => [name, shippedFile(name)])) as DataFiles;
    expect(loadData({ ...files, journals: file }).journals.find('J Fresh Compiled Tables')?.name).toBe('Journal of Freshly Compiled Tables');

    // Another format, another Unicode version, another kind, or bytes cut short: refused.
    const rewrite = (bytes: Buffer, edit: (h: Record<string, unknown>) => void): Buffer => {
      const h = headerOf(bytes);
      edit(h);
      const json = Buffer.from(JSON.stringify(h), 'utf8');
      const text = Buffer.concat([json, Buffer.alloc(bytes.readUInt32LE(0) - json.length, ' ')]);
      expect(text.length).toBe(bytes.readUInt32LE(0));
      const out = Buffer.from(bytes);
      text.copy(out, 4);
      return out;
    };
    const good = encodeCompiled('journals', sha256(journalsText), JournalIndex.compile(table.journals, table.cues), code);
    expect(decodeCompiled(good, 'journals', sha256(journalsText))).not.toBeNull();
    expect(decodeCompiled(rewrite(good, (h) => void (h.format = COMPILED_DATA_FORMAT + 1)), 'journals', sha256(journalsText))).toBeNull();
    expect(decodeCompiled(rewrite(good, (h) => void (h.unicode = '1.0')), 'journals', sha256(journalsText))).toBeNull();
    expect(decodeCompiled(good, 'lexicon', sha256(journalsText))).toBeNull();
    expect(decodeCompiled(good.subarray(0, good.length - 8), 'journals', sha256(journalsText))).toBeNull();
    expect(decodeCompiled(good.subarray(0, 10), 'journals', sha256(journalsText))).toBeNull();
  });

  it("the build lists the compiler's code in each form: every dist/src file compiled-data.js imports, journals and lexicon among them", () => {
    const paths = code.map(([path]) => path);
    for (const path of ['dist/src/core/compiled-data.js', 'dist/src/core/journals.js', 'dist/src/core/lexicon.js', 'dist/src/core/trie.js', 'dist/src/core/script.js', 'dist/src/generated/script-tables.js']) expect(paths).toContain(path);
    expect(headerOf(readFileSync(compiledDataFile('lexicon', sha256(lexiconText)))).code).toEqual(code);
  });

  it('is never used once a file of the code that compiled it has changed, and is used when only its time has (a form with no code listed, as before, neither)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'compiled-'));
    const compiler = join(dir, 'compiler.js');
    writeFileSync(compiler, 'export const key = (name) => name.toLowerCase();\n');
    const value = JournalIndex.compile(table.journals, table.cues);
    const form = (files: readonly CompilerFile[]) => encodeCompiled('journals', sha256(journalsText), value, files);
    const listed = compilerFiles(['compiler.js'], dir);
    expect(decodeCompiled(form(listed), 'journals', sha256(journalsText), dir)).not.toBeNull();
    // Rewritten with other code, of another size or of the same size at another time: refused.
    writeFileSync(compiler, 'export const key = (name) => name.toUpperCase().trim();\n');
    expect(decodeCompiled(form(listed), 'journals', sha256(journalsText), dir)).toBeNull();
    writeFileSync(compiler, 'export const key = (name) => name.toUpperCase();\n');
    utimesSync(compiler, new Date(2001, 0, 1), new Date(2001, 0, 1));
    expect(decodeCompiled(form(listed), 'journals', sha256(journalsText), dir)).toBeNull();
    // The same bytes at another time (a copy's, or a checkout's after a restore): taken, its bytes hashed.
    writeFileSync(compiler, 'export const key = (name) => name.toLowerCase();\n');
    utimesSync(compiler, new Date('1985-10-26T08:15:00Z'), new Date('1985-10-26T08:15:00Z'));
    expect(decodeCompiled(form(listed), 'journals', sha256(journalsText), dir)).not.toBeNull();
    expect(decodeCompiled(form(compilerFiles(['compiler.js'], dir)), 'journals', sha256(journalsText), dir)).not.toBeNull();
    // A file gone, no code listed at all (a form of the format before this check), or listed
    // without its bytes' hash (format 2): refused.
    expect(decodeCompiled(form(listed.map(([path, size, time]) => [path, size, time] as unknown as CompilerFile)), 'journals', sha256(journalsText), dir)).toBeNull();
    expect(decodeCompiled(form([...listed, ['gone.js', 1, 1, '']]), 'journals', sha256(journalsText), dir)).toBeNull();
    expect(decodeCompiled(form([]), 'journals', sha256(journalsText), dir)).toBeNull();
    const noCode = Buffer.from(form(compilerFiles(['compiler.js'], dir)));
    const h = headerOf(noCode);
    delete h.code;
    const json = Buffer.from(JSON.stringify(h), 'utf8');
    json.copy(noCode, 4);
    noCode.fill(' ', 4 + json.length, 4 + noCode.readUInt32LE(0));
    expect(decodeCompiled(noCode, 'journals', sha256(journalsText), dir)).toBeNull();
  });

  it("a build-only compiler file (listed with its source) may be absent only where its source is too; present, it is checked as any other", () => {
    const dir = mkdtempSync(join(tmpdir(), 'compiled-'));
    try {
      mkdirSync(join(dir, 'dist'));
      mkdirSync(join(dir, 'src'));
      const compiler = join(dir, 'dist', 'compiler.js');
      const source = join(dir, 'src', 'compiler.ts');
      const reader = join(dir, 'dist', 'reader.js');
      writeFileSync(compiler, 'export const key = (name) => name.toLowerCase();\n');
      writeFileSync(source, 'export const key = (name: string) => name.toLowerCase();\n');
      writeFileSync(reader, 'export const read = (bytes) => bytes;\n');
      const value = JournalIndex.compile(table.journals, table.cues);
      const listed = compilerFiles(['dist/compiler.js', 'dist/reader.js'], dir, { 'dist/compiler.js': 'src/compiler.ts' });
      expect(listed.map((entry) => entry[4])).toEqual(['src/compiler.ts', undefined]);
      const form = encodeCompiled('journals', sha256(journalsText), value, listed);
      const taken = () => decodeCompiled(form, 'journals', sha256(journalsText), dir) !== null;
      expect(taken()).toBe(true);
      // Rewritten (a `tsc` alone after an edit of its source): refused, as any listed file.
      writeFileSync(compiler, 'export const key = (name) => name.toUpperCase();\n');
      expect(taken()).toBe(false);
      // Absent while its source is there (a tree that can emit another compiler): refused.
      rmSync(compiler);
      expect(taken()).toBe(false);
      // Absent with its source (an installed package: neither shipped): taken.
      rmSync(source);
      expect(taken()).toBe(true);
      // A file listed without a source, absent: refused, whatever else is absent.
      rmSync(reader);
      expect(taken()).toBe(false);
      // The build refuses to list a build-only file whose source it cannot find.
      writeFileSync(compiler, 'export const key = (name) => name.toLowerCase();\n');
      expect(() => compilerFiles(['dist/compiler.js'], dir, { 'dist/compiler.js': 'src/compiler.ts' })).toThrow(/src\/compiler\.ts was not found/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the build lists the structure form's compiler, core/pretest.js, as build-only with its source, and no other file of the form's code", () => {
    const structureText = readConfigFile(shippedFile('structure'));
    const listed = headerOf(readFileSync(compiledDataFile('structure', sha256(structureText)))).code as CompilerFile[];
    expect(listed.filter((entry) => entry[4] !== undefined)).toEqual([[`dist/src/core/pretest.js`, expect.any(Number), expect.any(Number), expect.any(String), 'src/core/pretest.ts']]);
    expect(listed.map(([path]) => path)).toEqual(expect.arrayContaining(['dist/src/core/data.js', 'dist/src/core/pattern-group.js', 'dist/src/core/pretest-form.js']));
    expect(code.every((entry) => entry.length === 4)).toBe(true);
  });

  it("a compiler file of dist/src whose TypeScript source is absent (an installed package) is taken by its size, its bytes not read; with its source, checked as before", () => {
    expect([emittedFrom('dist/src/core/journals.js'), emittedFrom('dist/src/generated/script-tables.js'), emittedFrom('compiler.js'), emittedFrom('dist/compiler.js')]).toEqual(['src/core/journals.ts', 'src/generated/script-tables.ts', undefined, undefined]);
    const dir = mkdtempSync(join(tmpdir(), 'compiled-installed-'));
    try {
      mkdirSync(join(dir, 'dist/src/core'), { recursive: true });
      mkdirSync(join(dir, 'src/core'), { recursive: true });
      const compiler = join(dir, 'dist/src/core/key.js');
      const source = join(dir, 'src/core/key.ts');
      writeFileSync(compiler, 'export const key = (name) => name.toLowerCase();\n');
      writeFileSync(source, 'export const key = (name: string) => name.toLowerCase();\n');
      const form = encodeCompiled('journals', sha256(journalsText), JournalIndex.compile(table.journals, table.cues), compilerFiles(['dist/src/core/key.js'], dir));
      const taken = () => decodeCompiled(form, 'journals', sha256(journalsText), dir) !== null;
      expect(taken()).toBe(true);
      // Rewritten, the same size at another time, with its source there (a checkout after a `tsc`): refused.
      writeFileSync(compiler, 'export const key = (name) => name.toUpperCase();\n');
      expect(taken()).toBe(false);
      // Its source gone (the tree can emit no other compiler): taken by its size.
      rmSync(source);
      expect(taken()).toBe(true);
      // Of another size: refused, source or none.
      writeFileSync(compiler, 'export const key = (name) => name.toUpperCase().trim();\n');
      expect(taken()).toBe(false);
      // The build lists no file of dist/src whose source it cannot find: a checkout always hashes what it lists.
      expect(() => compilerFiles(['dist/src/core/key.js'], dir)).toThrow(/src\/core\/key\.ts was not found/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("every file of dist/src the build's forms list has its TypeScript source in this tree, where emittedFrom says: a checkout checks each by its time, then its bytes", () => {
    const listed = readdirSync(compiledDataDir)
      .filter((name) => name.endsWith('.bin'))
      .flatMap((name) => headerOf(readFileSync(join(compiledDataDir, name))).code as CompilerFile[]);
    const paths = [...new Set(listed.map(([path]) => path))];
    expect(paths.length).toBeGreaterThan(15);
    expect(paths.filter((path) => path.startsWith('dist/src/') && !existsSync(repo(emittedFrom(path)!)))).toEqual([]);
  });

  it('after the build, a `tsc` alone that changes how keys are derived: the process compiles the table with its own code, never the stale form', () => {
    // A copy of the package as the build leaves it (dist/src with its files' times, the forms the build's
    // compile step wrote in dist/data, the data), then dist/src/core/journals.js rewritten as tsc would
    // after an edit to `JournalIndex.key`, no build step after it. The build's own forms, copied, not made
    // again in the copy by scripts/compile-data.mjs: that compiled every data file (~8 s of CPU, the
    // structure patterns' pre-tests most of it) for the journals' form alone, and a loaded machine took
    // this test to its timeout.
    const dir = mkdtempSync(join(tmpdir(), 'compiled-code-'));
    try {
      cpSync(repo('dist/src'), join(dir, 'dist/src'), { recursive: true, preserveTimestamps: true });
      cpSync(compiledDataDir, join(dir, 'dist/data'), { recursive: true });
      cpSync(repo('package.json'), join(dir, 'package.json'));
      for (const name of ['schemas', 'pipelines', 'node_modules']) symlinkSync(repo(name), join(dir, name));
      const node = (args: string[]) => spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8' });
      // What a process of the copy sees: whether the journals' form is taken, and the journal a name finds.
      const probe = `const { readCompiled, journalIndexFor } = await import('./dist/src/core/compiled-data.js');
const table = JSON.parse((await import('node:fs')).readFileSync('pipelines/data/journals.json', 'utf8'));
const sha = ${JSON.stringify(sha256(journalsText))};
console.log(JSON.stringify({ taken: readCompiled('journals', sha) !== null, found: journalIndexFor(table.journals, table.cues, sha).find('the Lancet')?.name ?? null }));`;
      const look = () => JSON.parse(node(['--input-type=module', '-e', probe]).stdout) as { taken: boolean; found: string | null };
      expect(look()).toEqual({ taken: true, found: 'The Lancet' });
      const journalsJs = join(dir, 'dist/src/core/journals.js');
      const source = readFileSync(journalsJs, 'utf8');
      const keyed = source.replace(/(static key\(name\) \{\s*return )JournalIndex\.view\(name\)/, "$1'k:' + JournalIndex.view(name)");
      expect(keyed).not.toBe(source);
      writeFileSync(journalsJs, keyed);
      expect(look()).toEqual({ taken: false, found: 'The Lancet' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
