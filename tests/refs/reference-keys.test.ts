import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compiledDataFile } from '../../src/core/compiled-data.js';
import { loadReferenceKeys, phraseKey, referenceKeys, referenceWords, REFERENCE_KEYS_SOURCE, type ReferenceKeys } from '../../src/refs/data.js';
import { referenceData } from '../../src/generated/reference-data.js';

/**
 * The reference words' phrase keys compiled by `npm run build` (scripts/compile-data.mjs, into
 * dist/data/) and read at their first use instead of made there (issue 17: 1.2–1.8 ms of a
 * one-article ingest); made as before when that form is absent or not current.
 */
const shipped = compiledDataFile('reference-keys', REFERENCE_KEYS_SOURCE);
const headerOf = (bytes: Buffer) => JSON.parse(bytes.subarray(4, 4 + bytes.readUInt32LE(0)).toString('utf8')) as Record<string, any>;

/** A copy of the build's form, its header edited, in a folder of its own (the form holds no arrays: its header is all of it). */
function formWith(edit: (header: Record<string, any>) => void): string {
  const header = headerOf(readFileSync(shipped));
  edit(header);
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const bytes = Buffer.alloc(Math.ceil((4 + json.length) / 8) * 8);
  bytes.writeUInt32LE(json.length, 0);
  json.copy(bytes, 4);
  const dir = mkdtempSync(join(tmpdir(), 'digest-reference-keys-'));
  writeFileSync(compiledDataFile('reference-keys', REFERENCE_KEYS_SOURCE, dir), bytes);
  return dir;
}

describe("the reference words' phrase keys, compiled at build time (src/refs/data.ts)", () => {
  it('the build compiled them, listed with the code that did (refs/data.js and the words\' module among it), and a process takes them: exactly the keys it would make', () => {
    const header = headerOf(readFileSync(shipped));
    expect(header.kind).toBe('reference-keys');
    expect(header.unicode).toBe(process.versions.unicode);
    expect((header.code as [string][]).map(([path]) => path)).toEqual(expect.arrayContaining(['dist/src/refs/data.js', 'dist/src/generated/reference-data.js']));
    const loaded = loadReferenceKeys();
    expect(loaded.compiled).toBe(true);
    expect(loaded.keys).toEqual(referenceKeys());
    // ~1,200 words in fifteen sets, NFKC and lower case, dots and spaces folded.
    const keys = Object.values(loaded.keys).flat();
    expect(keys.length).toBeGreaterThan(1000);
    expect(Object.keys(loaded.keys)).toHaveLength(15);
    expect(loaded.keys.particles).toEqual(referenceData.nameParticles.map(phraseKey));
  });

  it('makes them as before where the build wrote none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'digest-reference-keys-'));
    try {
      expect(loadReferenceKeys(dir)).toEqual({ keys: referenceKeys(), compiled: false });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('never takes a form that is not current: a file of its code changed since, another Unicode version, another kind or format, keys that do not fit the words', () => {
    const edits: [string, (header: Record<string, any>) => void][] = [
      ['a file of its code changed', (h) => (h.code[0][1] += 1)],
      ['a file of its code gone', (h) => h.code.push(['dist/src/refs/gone.js', 1, 1])],
      ['no code listed', (h) => (h.code = [])],
      ['another Unicode version', (h) => (h.unicode = '1.1')],
      ['another format', (h) => (h.format = 1)],
      ['another kind', (h) => (h.kind = 'lexicon')],
      ['a set missing', (h) => delete h.json.keys.places],
      ['a key too few', (h) => h.json.keys.particles.pop()],
      ['not a list', (h) => (h.json.keys.regions = 'x')],
    ];
    expect(loadReferenceKeys(formWith(() => {})).compiled, 'the form as the build wrote it, copied').toBe(true);
    for (const [what, edit] of edits) {
      const dir = formWith(edit);
      try {
        expect(loadReferenceKeys(dir), what).toEqual({ keys: referenceKeys(), compiled: false });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });

  it("referenceWords()' sets are the sets of those keys", () => {
    const words = referenceWords() as unknown as Record<keyof ReferenceKeys, ReadonlySet<string>>;
    for (const [name, keys] of Object.entries(referenceKeys()) as [keyof ReferenceKeys, string[]][]) expect(words[name], name).toEqual(new Set(keys));
    expect(referenceWords().roleAbbreviations.has(phraseKey('Ed.'))).toBe(true);
    expect(referenceWords().publisherWords.size).toBeGreaterThan(10);
  });
});
