import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { changedSinceRead, checkDataPlace, checkUniqueKeys, DataFileChangedError, dataFileKey, dataFileKeysFile, dataFileSumsFile, dataPlaces, KEY_SETTLE_MS, loadData, loadFacts, loadHtml, loadJournals, loadLexicon, loadStructure, loadValidated, parseJsonText, readConfigFile, readDataFile, type DataFileKey, type DataFiles, type DataFileSum, type DataFileSums } from '../../src/core/data.js';
import { ConfigError } from '../../src/core/errors.js';
import { LexiconMatcher } from '../../src/core/lexicon.js';
import type { Lexicon } from '../../src/generated/lexicon.js';
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

  it('write no key twice in an object (the copies above are re-serialised, so this reads the files as written)', () => {
    for (const name of readdirSync(repo('pipelines/data')).filter((n) => n.endsWith('.json'))) {
      expect(() => checkUniqueKeys(name, readFileSync(repo(`pipelines/data/${name}`), 'utf8')), name).not.toThrow();
    }
  });

  it('a file that writes a key twice in an object is refused at the second, by line and column: JSON.parse would keep the last and lose an entry silently', () => {
    // Two concepts run together, as a merge that kept both sides' appended entries once joined them: valid JSON, valid by the schema.
    const text = JSON.stringify(JSON.parse(readFileSync(shipped('lexicon'), 'utf8')), null, 2);
    const joint = text.indexOf('\n    },\n    {\n', text.indexOf('"concepts": ['));
    const joined = `${text.slice(0, joint)},${text.slice(joint + '\n    },\n    {'.length)}`;
    const line = joined.slice(0, joined.indexOf('"id"', joint)).split('\n').length;
    const file = join(mkdtempSync(join(tmpdir(), 'data-')), 'lexicon.json');
    writeFileSync(file, joined);
    expect(() => loadLexicon(file)).toThrow(ConfigError);
    expect(() => loadLexicon(file)).toThrow(`lexicon.json:${line}:7: the key "id" is written twice in one object (JSON keeps the last: the first would be lost)`);
    expect(() => checkUniqueKeys('x.json', '{"a": {"b": 1, "c": {"b": 2}}, "d": [{"b": 3}, {"b": 4}]}')).not.toThrow();
    expect(() => checkUniqueKeys('x.json', '{"a": 1,\n "b": [{"c": 1, "c": 2}]}')).toThrow('x.json:2:17: the key "c" is written twice');
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

describe("the lexicon's value from the build's UTF-16 form (src/core/compiled-data.ts lexiconTextForm)", () => {
  it("a known lexicon loads from the form, its file's UTF-8 never decoded, to the file's own value", () => {
    const files = Object.fromEntries(names.map((name) => [name, shipped(name)])) as DataFiles;
    const size = statSync(shipped('lexicon')).size;
    const decode = vi.spyOn(Buffer.prototype, 'toString');
    try {
      const lexicon = loadData(files).lexicon;
      // Its keys in the file's order, every value the same.
      expect(JSON.stringify(lexicon)).toBe(JSON.stringify(JSON.parse(readFileSync(shipped('lexicon'), 'utf8'))));
      expect(decode.mock.contexts.filter((bytes) => (bytes as Buffer).length === size)).toEqual([]);
    } finally {
      decode.mockRestore();
    }
  });

  it("a known lexicon makes no string of its form's whole text: the text around the concepts and each concept read are decoded from their own ranges", () => {
    const files = Object.fromEntries(names.map((name) => [name, shipped(name)])) as DataFiles;
    const decode = vi.spyOn(Buffer.prototype, 'toString');
    try {
      const data = loadData(files);
      expect(data.concepts.matches('克罗恩病患者接受间充质干细胞治疗').map((m) => m.concept.id)).toContain('disease:crohn-disease');
      // The form's text is the whole lexicon, ~128,000 UTF-16 units: main decoded it whole (one string
      // beside the form's bytes); the ids (~15,000 units) are the longest text decoded now.
      const longest = Math.max(...decode.mock.results.map((r) => (typeof r.value === 'string' ? r.value.length : 0)));
      expect(longest).toBeLessThan(30_000);
    } finally {
      decode.mockRestore();
    }
  });

  it('a known lexicon parses only the concepts its matcher reads, and answers as the lexicon parsed whole does', () => {
    const files = Object.fromEntries(names.map((name) => [name, shipped(name)])) as DataFiles;
    const parse = vi.spyOn(JSON, 'parse');
    let data: ReturnType<typeof loadData>;
    let found: ReturnType<ReturnType<typeof loadData>['concepts']['matches']>;
    try {
      data = loadData(files);
      found = data.concepts.matches('克罗恩病患者接受间充质干细胞治疗');
      // The whole lexicon's text (~95,000 units) or its concepts' array was parsed at once before.
      const longest = Math.max(...parse.mock.calls.map(([text]) => (typeof text === 'string' ? text.length : 0)));
      expect(longest).toBeLessThan(20_000);
    } finally {
      parse.mockRestore();
    }
    expect(found.map((m) => m.concept.id)).toContain('disease:crohn-disease');
    // Every answer the matcher gives from all concepts, against a matcher of the file parsed whole.
    const whole = new LexiconMatcher(JSON.parse(readFileSync(shipped('lexicon'), 'utf8')) as Lexicon);
    expect(data.concepts.countries).toEqual(whole.countries);
    expect([...data.concepts.abbreviations]).toEqual([...whole.abbreviations]);
    for (const concept of whole.lexicon.concepts) expect(data.concepts.lineage(concept.id)).toEqual(whole.lineage(concept.id));
    expect(data.concepts.lineage('molecule:no-such-concept')).toBeNull();
    const text = 'CD34+ 细胞, IL-6, NCT01234567, 克罗恩病 (CD), GvHD, 急性移植物抗宿主病';
    expect(data.concepts.matches(text)).toEqual(whole.matches(text));
  });

  it('a lexicon changed since the build is read from its file (its form is keyed by the bytes it was made from)', () => {
    const files = Object.fromEntries(names.map((name) => [name, shipped(name)])) as DataFiles;
    const lexicon = untrustedCopy('lexicon', (raw) => {
      (raw.concepts as { en: string[] }[])[0]!.en.push('Freshly Edited Name');
    });
    expect(loadData({ ...files, lexicon }).lexicon.concepts[0]!.en).toContain('Freshly Edited Name');
  });
});

describe("structure.json's value from the build's UTF-16 form (src/core/compiled-data.ts structureTextForm)", () => {
  it("a known structure file loads from the form, its file's UTF-8 never decoded, to what its file's text loads to", () => {
    const files = Object.fromEntries(names.map((name) => [name, shipped(name)])) as DataFiles;
    const size = statSync(shipped('structure')).size;
    const decode = vi.spyOn(Buffer.prototype, 'toString');
    let structure: ReturnType<typeof loadData>['structure'];
    try {
      structure = loadData(files).structure;
      expect(decode.mock.contexts.filter((bytes) => (bytes as Buffer).length === size)).toEqual([]);
    } finally {
      decode.mockRestore();
    }
    const text = readFileSync(shipped('structure'), 'utf8');
    const fromText = loadStructure(shipped('structure'), text, createHash('sha256').update(readFileSync(shipped('structure'))).digest('hex'));
    expect(JSON.stringify(structure)).toBe(JSON.stringify(fromText));
    expect(structure.pageDates.map(String)).toEqual(fromText.pageDates.map(String));
  });

  it('a structure file changed since the build is read from its file (its form is keyed by the bytes it was made from)', () => {
    const files = Object.fromEntries(names.map((name) => [name, shipped(name)])) as DataFiles;
    const structure = untrustedCopy('structure', (raw) => {
      raw.maxHeadingLength = 77;
    });
    expect(loadData({ ...files, structure }).structure.maxHeadingLength).toBe(77);
  });
});

const tmp = () => mkdtempSync(join(tmpdir(), 'digest-data-'));

/** Waits until the file system's clock, as a file written in `dir` reads it, has moved past `ctimeMs` (a key's change time: it ticks in ms or coarser). */
function waitForTheClockPast(dir: string, ctimeMs: number): void {
  const probe = join(dir, 'probe');
  for (let i = 0; i < 300; i++) {
    writeFileSync(probe, '');
    if (statSync(probe).ctimeMs > ctimeMs) return;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
  }
  throw new Error("the file system's clock did not move");
}

/**
 * What the build's keys must hold (scripts/compile-data.mjs): each key of a shipped file unchanged since
 * the build holds a time before the build's settle and its bytes' sha256 (one of the shipped hashes), and
 * every shipped file changed well before the build is keyed. A stale key — its inode no shipped file's
 * now, or its file changed since — is never taken by a read (the test above) and is skipped here.
 */
function expectBuiltKeys(keys: readonly DataFileKey[], built: number): void {
  for (const [dev, ino, size, mtimeMs, ctimeMs, sha256] of keys) {
    const name = names.find((n) => statSync(shipped(n)).ino === ino);
    if (name === undefined) continue;
    const now = statSync(shipped(name));
    if (now.dev !== dev || now.size !== size || now.mtimeMs !== mtimeMs || now.ctimeMs !== ctimeMs) continue;
    expect(Math.max(mtimeMs, ctimeMs)).toBeLessThanOrEqual(built - KEY_SETTLE_MS);
    expect(shippedDataHashes).toContain(sha256);
    expect(sha256).toBe(createHash('sha256').update(readFileSync(shipped(name))).digest('hex'));
  }
  for (const name of names) {
    const info = statSync(shipped(name));
    if (Math.max(info.mtimeMs, info.ctimeMs) <= built - KEY_SETTLE_MS - 1000) expect(keys.map((key) => key[1]), name).toContain(info.ino);
  }
}

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

  it('readDataFile: the text readConfigFile gives, keyed by the sha256 of its bytes; bytes that are not UTF-8 keep the key their text gave', () => {
    // The key of a data file's compiled form and of the data known to pass: hashed from the bytes as
    // read (valid UTF-8 bytes are their text's own UTF-8), never from a text encoded again.
    const dir = tmp();
    const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');
    const cases: [string, Buffer][] = [
      ['ascii.json', Buffer.from('{"a": 1}')],
      ['han.json', Buffer.from('{"名": "干细胞疗法", "x": "ſK"}\n')],
      ['bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"b": "間充質"}')])],
      ['astral.json', Buffer.from('{"c": "𠀀😀"}')],
      ['empty.json', Buffer.alloc(0)],
      ['latin1.json', Buffer.from('{"d": "caf\u00e9"}', 'latin1')],
      ['cut.json', Buffer.concat([Buffer.from('{"e": "'), Buffer.from('细').subarray(0, 2), Buffer.from('"}')])],
      ['surrogate.json', Buffer.from([0x22, 0xed, 0xa0, 0x80, 0x22])],
    ];
    for (const [name, bytes] of cases) {
      const file = join(dir, name);
      writeFileSync(file, bytes);
      const read = readDataFile(file);
      expect(read.text, name).toBe(readConfigFile(file));
      expect(read.hash, name).toBe(sha256(Buffer.from(read.text, 'utf8')));
      if (name === 'latin1.json' || name === 'cut.json' || name === 'surrogate.json') expect(read.hash, name).not.toBe(sha256(bytes));
      else expect(read.hash, name).toBe(sha256(bytes));
    }
    for (const name of names) expect(shippedDataHashes).toContain(readDataFile(shipped(name)).hash);
    // Valid UTF-8 comes with its bytes (a loader may need no text: the journal table); other bytes with none.
    expect(Buffer.from(readDataFile(join(dir, 'han.json')).bytes!).equals(cases[1]![1])).toBe(true);
    expect(readDataFile(join(dir, 'cut.json')).bytes).toBeUndefined();
    expect(configError(() => readDataFile(join(dir, 'none.json')))).toBe(`${join(dir, 'none.json')}: no such file`);
    expect(configError(() => readDataFile(dir))).toBe(`${dir}: not a regular file`);
  });

  it("readDataFile: a file the build keyed and that is unchanged since is taken with its key's hash, not hashed again; any change to it is hashed", () => {
    // The build keys the shipped data files (scripts/compile-data.mjs), so that no start hashes ~270 KB
    // of data it can tell has not changed (issue 17: start-up). A key whose hash is not its file's
    // shows which one a read took.
    const dir = tmp();
    const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');
    const file = join(dir, 'lexicon.json');
    writeFileSync(file, '{"concepts": ["干细胞"]}');
    const real = dataFileKey(file, Date.now() + KEY_SETTLE_MS + 1000)!;
    expect(real[5]).toBe(sha256(readFileSync(file)));
    const marked = (key: DataFileKey): DataFileKey => [...key.slice(0, 5), 'f'.repeat(64)] as DataFileKey;
    const key = marked(real);
    expect(readDataFile(file, [key]).hash).toBe('f'.repeat(64));
    expect(readDataFile(file, [key]).text).toBe('{"concepts": ["干细胞"]}');
    // Each part of the identity decides: another device, inode, size, modification or change time is another file.
    for (let part = 0; part < 5; part++) {
      const other = [...key] as DataFileKey;
      (other[part] as number) += 1;
      expect(readDataFile(file, [other]).hash, `part ${part}`).toBe(real[5]);
    }
    // Rewritten in place with other bytes of the same size, its modification time set back: the change time moved.
    waitForTheClockPast(dir, real[4]);
    writeFileSync(file, '{"concepts": ["造血干"]}');
    utimesSync(file, new Date(real[3]), new Date(real[3]));
    expect(statSync(file).size).toBe(real[2]);
    expect(readDataFile(file, [key]).hash).toBe(sha256('{"concepts": ["造血干"]}'));
    // Replaced by another file of the same size and times (a rename over it): another inode.
    const again = dataFileKey(file, Date.now() + KEY_SETTLE_MS + 1000)!;
    const twin = join(dir, 'twin.json');
    writeFileSync(twin, '{"concepts": ["间充质"]}');
    utimesSync(twin, new Date(again[3]), new Date(again[3]));
    renameSync(twin, file);
    expect(readDataFile(file, [marked(again)]).hash).toBe(sha256('{"concepts": ["间充质"]}'));
    // The default keys are the build's: a file it never keyed is hashed.
    expect(readDataFile(file).hash).toBe(sha256('{"concepts": ["间充质"]}'));
  });

  it("readDataFile's whenAsked: a keyed file's bytes are read at their first ask and taken only if the file is still the one the key names; anything else is read now", () => {
    // The structure lists and the lexicon are served from forms keyed by the file's hash: a start need
    // not read their ~224 KB (issue 17). A file changed between the load and that read is an error, never a mix.
    const dir = tmp();
    const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');
    const file = join(dir, 'lexicon.json');
    writeFileSync(file, '{"concepts": ["干细胞"]}');
    const key = dataFileKey(file, Date.now() + KEY_SETTLE_MS + 1000)!;
    const unchanged = readDataFile(file, [key], true);
    expect(unchanged).toMatchObject({ hash: key[5], utf8: true });
    expect(Buffer.from(unchanged.bytes!).toString('utf8')).toBe('{"concepts": ["干细胞"]}');
    expect(unchanged.text).toBe('{"concepts": ["干细胞"]}');
    // Asked after a change: the bytes were not read at the load (else they would be the load's), and the change is refused.
    const later = readDataFile(file, [key], true);
    waitForTheClockPast(dir, key[4]);
    // Rewritten in place with bytes of the same size, its modification time set back: only the change time tells.
    writeFileSync(file, '{"concepts": ["造血干"]}');
    utimesSync(file, new Date(key[3]), new Date(key[3]));
    const changed = `${file}: changed since the pipeline was loaded (the data loaded and its bytes would be two versions): run the command again`;
    expect(() => later.bytes).toThrow(DataFileChangedError);
    expect(() => later.text).toThrow(changed);
    expect(new DataFileChangedError('x')).toBeInstanceOf(ConfigError);
    // Replaced by a rename of a twin with the same size and times: another inode.
    const again = dataFileKey(file, Date.now() + KEY_SETTLE_MS + 1000)!;
    const renamed = readDataFile(file, [again], true);
    const twin = join(dir, 'twin.json');
    writeFileSync(twin, '{"concepts": ["间充质"]}');
    utimesSync(twin, new Date(again[3]), new Date(again[3]));
    renameSync(twin, file);
    expect(() => renamed.bytes).toThrow(changed);
    // A file no key names is read (and hashed) now, as without whenAsked: a later change reaches nothing.
    const unkeyed = readDataFile(file, [again], true);
    expect(unkeyed.hash).toBe(sha256('{"concepts": ["间充质"]}'));
    writeFileSync(file, '{"concepts": ["另一个"]}');
    expect(unkeyed.text).toBe('{"concepts": ["间充质"]}');
    // Not valid UTF-8 and unkeyed: read now, no bytes, as before.
    writeFileSync(file, Buffer.from([0x22, 0xff, 0x22]));
    const notUtf8 = readDataFile(file, [again], true);
    expect([notUtf8.utf8, notUtf8.bytes]).toEqual([false, undefined]);
  });

  it("readDataFile's whenAsked: a keyed file's range is read alone from the file, and only while the file is still the one the key names; once its bytes were asked, from them", () => {
    // The journal table: a start reads the entries it finds, not the table's 82 KB (issue 17).
    const dir = tmp();
    const file = join(dir, 'journals.json');
    writeFileSync(file, '[{"a": "干细胞"}, {"b": 2}]');
    const key = dataFileKey(file, Number.MAX_SAFE_INTEGER)!;
    const read = readDataFile(file, [key], true);
    const second = Buffer.from('[{"a": "干细胞"}, ').length;
    expect(Buffer.from(read.range!(second, second + 8)).toString('utf8')).toBe('{"b": 2}');
    expect(Buffer.from(read.range!(1, second - 2)).toString('utf8')).toBe('{"a": "干细胞"}');
    // Rewritten in place with bytes of the same size, its modification time set back: a range is refused, never the new bytes.
    const asked = readDataFile(file, [key], true);
    expect(asked.bytes!.length).toBe(key[2]);
    waitForTheClockPast(dir, key[4]);
    writeFileSync(file, '[{"a": "造血干"}, {"b": 3}]');
    utimesSync(file, new Date(key[3]), new Date(key[3]));
    expect(() => read.range!(second, second + 8)).toThrow(DataFileChangedError);
    // A read whose bytes were asked before the change answers from them.
    expect(Buffer.from(asked.range!(second, second + 8)).toString('utf8')).toBe('{"b": 2}');
    // A file read whole (no key) has its bytes, and no range of its own.
    expect(readDataFile(file, [], true).range).toBeUndefined();
  });

  it("readDataFile: where the build's keys are absent (an installed package), a file the package's sums name is taken with their hash while its size is theirs and it was written and changed no later than the sums file, past the settle; anything else is hashed", () => {
    // An installed package carries no key npm's writes could match, and hashed its five data files
    // (~325 KB) at every start (BENCHMARKS.md, change 231's Left). A sum whose hash is not its file's
    // shows which reads took it.
    const dir = tmp();
    const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');
    const file = join(dir, 'lexicon.json');
    writeFileSync(file, '{"concepts": ["干细胞"]}');
    const info = statSync(file);
    const real = sha256('{"concepts": ["干细胞"]}');
    const sums = (files: DataFileSum[], at = info): DataFileSums => ({ files, mtimeMs: at.mtimeMs, ctimeMs: at.ctimeMs });
    const marked: DataFileSum = [file, info.size, 'f'.repeat(64)];
    expect(readDataFile(file, [], false, sums([marked])).hash).toBe('f'.repeat(64));
    expect(readDataFile(file, [], false, sums([marked])).text).toBe('{"concepts": ["干细胞"]}');
    // Its bytes read at their first ask (whenAsked), as a keyed file's.
    const later = readDataFile(file, [], true, sums([marked]));
    expect(later.hash).toBe('f'.repeat(64));
    // Written up to the settle after the sums file (an install writes both within moments): taken; later: hashed.
    const before = (ms: number) => ({ mtimeMs: info.mtimeMs - ms, ctimeMs: info.ctimeMs - ms }) as typeof info;
    expect(readDataFile(file, [], false, sums([marked], before(KEY_SETTLE_MS))).hash).toBe('f'.repeat(64));
    expect(readDataFile(file, [], false, sums([marked], { ...before(0), ctimeMs: info.ctimeMs - KEY_SETTLE_MS - 1 } as typeof info)).hash).toBe(real);
    expect(readDataFile(file, [], false, sums([marked], { ...before(0), mtimeMs: info.mtimeMs - KEY_SETTLE_MS - 1 } as typeof info)).hash).toBe(real);
    // Another size, another path: hashed.
    expect(readDataFile(file, [], false, sums([[file, info.size + 1, 'f'.repeat(64)]])).hash).toBe(real);
    expect(readDataFile(file, [], false, sums([[join(dir, 'journals.json'), info.size, 'f'.repeat(64)]])).hash).toBe(real);
    // A key of the build decides first; a caller's own keys (or none) never reach the package's sums.
    const key = dataFileKey(file, Number.MAX_SAFE_INTEGER)!;
    expect(readDataFile(file, [[...key.slice(0, 5), 'e'.repeat(64)] as DataFileKey], false, sums([marked])).hash).toBe('e'.repeat(64));
    expect(readDataFile(file, []).hash).toBe(real);
    // Rewritten in place with other bytes of the same size, its modification time set back: the change time moved past the settle.
    waitForTheClockPast(dir, info.ctimeMs + KEY_SETTLE_MS);
    writeFileSync(file, '{"concepts": ["造血干"]}');
    utimesSync(file, new Date(info.mtimeMs), new Date(info.mtimeMs));
    expect(statSync(file).size).toBe(info.size);
    expect(readDataFile(file, [], false, sums([marked])).hash).toBe(sha256('{"concepts": ["造血干"]}'));
    expect(() => later.bytes).toThrow(DataFileChangedError);
  });

  it("the package's sums: each shipped data file the build keyed, by its name under pipelines/, its size and the sha256 of its bytes", () => {
    const keys = (JSON.parse(readFileSync(dataFileKeysFile, 'utf8')) as { files: DataFileKey[] }).files;
    const table = JSON.parse(readFileSync(dataFileSumsFile, 'utf8')) as { format: number; files: DataFileSum[] };
    expect(table.format).toBe(1);
    expect(table.files.map(([, size, sha256]) => [size, sha256])).toEqual(keys.map((key) => [key[2], key[5]]));
    for (const [path, size, sha256] of table.files) {
      const bytes = readFileSync(repo(`pipelines/${path}`));
      // (A file edited since the build is hashed at every start, here as in a package.)
      if (bytes.length === size && statSync(repo(`pipelines/${path}`)).ctimeMs <= statSync(dataFileSumsFile).ctimeMs) expect(sha256, path).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
    // The keys' files, named as the shipped pipeline names them (the keys leave out a file changed as the build read it).
    for (const [path] of table.files) expect(names.map((name) => `data/${name}.json`)).toContain(path);
  });

  it("changedSinceRead (a build's last check): the same identity is no change, nor other times over the same bytes; other bytes, in place or by a rename, or no file, are — for a read now and a keyed read when asked alike", () => {
    const dir = tmp();
    const file = join(dir, 'lexicon.json');
    writeFileSync(file, '{"concepts": ["干细胞"]}');
    // A "now" past any settle window, with no clock read.
    const key = dataFileKey(file, Number.MAX_SAFE_INTEGER)!;
    for (const read of [readDataFile(file, []), readDataFile(file, [key], true)]) {
      writeFileSync(file, '{"concepts": ["干细胞"]}');
      utimesSync(file, new Date(key[3]), new Date(key[3]));
      const now = readDataFile(file, []);
      expect(changedSinceRead(file, now)).toBe(false);
      // Saved with the same bytes (an editor's save, a touch): its times moved, its bytes did not.
      utimesSync(file, new Date(key[3] + 60_000), new Date(key[3] + 60_000));
      expect(changedSinceRead(file, read)).toBe(false);
      // The same size, other bytes, the modification time set back: only the change time tells.
      waitForTheClockPast(dir, statSync(file).ctimeMs);
      writeFileSync(file, '{"concepts": ["造血干"]}');
      utimesSync(file, new Date(key[3]), new Date(key[3]));
      expect(changedSinceRead(file, read)).toBe(true);
      expect(changedSinceRead(file, now)).toBe(true);
      // Other bytes put in place by a rename.
      const twin = join(dir, 'twin.json');
      writeFileSync(twin, '{"concepts": ["间充质"]}');
      renameSync(twin, file);
      expect(changedSinceRead(file, read)).toBe(true);
      // The same bytes again by a rename: another inode, no change.
      writeFileSync(twin, '{"concepts": ["干细胞"]}');
      renameSync(twin, file);
      expect(changedSinceRead(file, read)).toBe(false);
    }
    const gone = readDataFile(file, []);
    rmSync(file);
    expect(changedSinceRead(file, gone)).toBe(true);
  });

  it('dataFileKey: no key for a file changed within KEY_SETTLE_MS of its read (a change in the same clock tick keeps every time), nor for bytes that are not UTF-8', () => {
    const dir = tmp();
    const file = join(dir, 'facts.json');
    writeFileSync(file, '{"a": 1}');
    const info = statSync(file);
    const changed = Math.max(info.mtimeMs, info.ctimeMs);
    expect(dataFileKey(file, changed + KEY_SETTLE_MS - 1)).toBeNull();
    expect(dataFileKey(file, changed + KEY_SETTLE_MS)).toEqual([info.dev, info.ino, info.size, info.mtimeMs, info.ctimeMs, createHash('sha256').update('{"a": 1}').digest('hex')]);
    // Just written, read now: too recent.
    expect(dataFileKey(file, changed)).toBeNull();
    writeFileSync(file, Buffer.from('{"d": "caf\u00e9"}', 'latin1'));
    expect(dataFileKey(file, Date.now() + KEY_SETTLE_MS + 1000)).toBeNull();
  });

  it("the build's keys: every shipped data file changed well before the build is keyed, with the sha256 of its bytes; no key names another file", () => {
    const table = JSON.parse(readFileSync(dataFileKeysFile, 'utf8')) as { format: number; files: DataFileKey[] };
    expect(table.format).toBe(1);
    expectBuiltKeys(table.files, statSync(dataFileKeysFile).mtimeMs);
  });

  it("the build's keys' check skips a stale key — a file replaced since the build (another inode) or changed in place — and still reads the others", () => {
    const table = JSON.parse(readFileSync(dataFileKeysFile, 'utf8')) as { format: number; files: DataFileKey[] };
    const built = statSync(dataFileKeysFile).mtimeMs;
    // A data file saved by an editor's rename after the build: its key names an inode no shipped file has now.
    const gone = statSync(untrustedCopy('facts'));
    const replaced: DataFileKey = [gone.dev, gone.ino, gone.size, built - KEY_SETTLE_MS - 5000, built - KEY_SETTLE_MS - 5000, 'f'.repeat(64)];
    // A shipped file written in place since: its inode, an earlier change time and another hash.
    const html = statSync(shipped('html'));
    const edited: DataFileKey = [html.dev, html.ino, html.size + 1, html.mtimeMs - 10_000, html.ctimeMs - 10_000, 'e'.repeat(64)];
    expectBuiltKeys([...table.files, replaced, edited], built);
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

  it('checkDataPlace: links resolved as realpathSync resolves them; the allowed folders resolved once when given (dataPlaces)', () => {
    const dir = tmp();
    const outside = tmp();
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'p.json'), '{}');
    writeFileSync(join(dir, 'data', 'lexicon.json'), '{}');
    writeFileSync(join(outside, 'lexicon.json'), '{}');
    symlinkSync(join(dir, 'data'), join(dir, 'inner'));
    symlinkSync(join(outside, 'lexicon.json'), join(dir, 'data', 'away.json'));
    symlinkSync(dir, join(outside, 'house'));
    writeFileSync(join(dir, 'data', 'file'), '');
    const places = dataPlaces(join(outside, 'house'));
    expect(places).toEqual([realpathSync(dir), realpathSync(repo('pipelines'))]);
    const check = (file: string, folder = dir) => {
      try {
        checkDataPlace(file, join(dir, 'p.json'), '/data/lexicon', folder, false);
        return 'fine';
      } catch (error) {
        return (error as Error).message.replace(join(dir, 'p.json'), 'PIPELINE').replace(file, 'FILE').replace(`(${folder})`, '(FOLDER)');
      }
    };
    const outsideMessage = 'PIPELINE: /data/lexicon: FILE is outside the pipeline\'s folder (FOLDER); data files must sit under it, or set "data": {"allowOutsideFolder": true}';
    expect(check(join(dir, 'inner', 'lexicon.json'))).toBe('fine');
    expect(check(join(outside, 'house', 'data', 'lexicon.json'))).toBe('fine');
    expect(check(join(dir, 'data', 'lexicon.json'), join(outside, 'house'))).toBe('fine');
    expect(check(join(dir, 'data', 'away.json'))).toBe(outsideMessage);
    expect(check(join(dir, 'data', 'file', 'x.json'))).toBe('FILE: cannot read: ENOTDIR');
    expect(check(repo('pipelines/data/lexicon.json'))).toBe('fine');
    const native = vi.spyOn(fs.realpathSync, 'native');
    try {
      checkDataPlace(join(dir, 'inner', 'lexicon.json'), join(dir, 'p.json'), '/data/lexicon', dir, false, places);
      expect(native.mock.calls.map(([path]) => path)).toEqual([join(dir, 'inner', 'lexicon.json')]);
      expect(() => checkDataPlace(join(dir, 'data', 'away.json'), join(dir, 'p.json'), '/data/lexicon', dir, false, places)).toThrow(ConfigError);
    } finally {
      native.mockRestore();
    }
  });
});
