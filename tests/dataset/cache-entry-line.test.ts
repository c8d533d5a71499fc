import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closePacks, packsDir, readEntry, storeEntry, tabbed, type EntryParts } from '../../src/dataset/cache-entry.js';

/**
 * The line as storeEntry wrote it before its texts' line feeds were turned into tabs in the encoded
 * bytes: each text with `replaceAll` (cache format 7's layout: the rows, then the search entry's parts).
 */
function lineBefore(key: string, entry: EntryParts<string>): Buffer {
  const texts: string[] = [];
  const lengths = (parts: [string, string][]) => `{${parts.map(([name, text]) => (texts.push(text.replaceAll('\n', '\t')), `${JSON.stringify(name)}:${Buffer.byteLength(text)}`)).join(',')}}`;
  const rows = lengths(Object.entries(entry.rows));
  const search = entry.search;
  const parts = ['article', 'items', 'journals', 'references', 'entities'] as const;
  const searchHead = search === null ? 'null' : `{"id":${JSON.stringify(search.id)},${lengths(parts.map((part) => [part, search[part]])).slice(1)}`;
  return Buffer.from([key, ' {"summary":', JSON.stringify(entry.summary), ',"rows":', rows, ',"search":', searchHead, '}\t', ...texts, '\n'].join(''));
}

/** JSON Lines text of `rows`, as recordRows writes a table ('' for none). */
const jsonLines = (rows: unknown[]) => rows.map((r) => `${JSON.stringify(r)}\n`).join('');

const row = fc.record({ article: fc.string(), text: fc.string({ unit: 'binary' }), n: fc.integer(), tags: fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 3 }) });

describe('storeEntry: the texts’ line feeds written as tabs in the encoded line', () => {
  it('writes exactly the bytes of the line with each table text replaceAll-ed (seeded random rows: line feeds, tabs, CJK, astral characters, lone surrogates in strings)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'digest-entry-line-'));
    mkdirSync(packsDir(dir));
    const target = { dir, config: 'c', build: 'b' };
    const expected: Buffer[] = [];
    fc.assert(
      fc.property(fc.array(row, { maxLength: 12 }), fc.array(row, { maxLength: 4 }), fc.string({ unit: 'grapheme' }), (items, refs, title) => {
        const key = 'k'.repeat(64);
        const search = { id: title, article: JSON.stringify({ title }), items: jsonLines(items), journals: JSON.stringify([title, null]), references: jsonLines(refs), entities: items.map((item) => `${item.n} ${JSON.stringify(item.tags)}\n`).join('') };
        const entry = { summary: { path: `in/${title}\n.txt`, title }, rows: { 'items.jsonl': jsonLines(items), 'references.jsonl': jsonLines(refs) }, search };
        storeEntry(target, key, entry);
        expected.push(lineBefore(key, entry));
        // And it reads back as it went in.
        const read = readEntry(lineBefore(key, entry), 65);
        expect(read?.rows).toEqual(entry.rows);
        expect(read?.search).toEqual(search);
      }),
      { seed: 17, numRuns: 400 },
    );
    closePacks(target);
    const [pack] = readdirSync(packsDir(dir));
    expect(readFileSync(join(packsDir(dir), pack!)).equals(Buffer.concat(expected))).toBe(true);
  });

  it('a long line (encoded apart from the thread scratch buffer) and a short one alike', () => {
    const dir = mkdtempSync(join(tmpdir(), 'digest-entry-line-'));
    mkdirSync(packsDir(dir));
    const target = { dir, config: 'c', build: 'b' };
    const long = { summary: { path: 'a' }, rows: { 'items.jsonl': jsonLines(Array.from({ length: 400 }, (_, i) => ({ text: `干细胞 ${i}\n` }))) }, search: null };
    const short = { summary: { path: 'b' }, rows: { 'items.jsonl': jsonLines([{ text: 'x' }]), 'entities.jsonl': '' }, search: null };
    storeEntry(target, 'a'.repeat(64), long);
    storeEntry(target, 'b'.repeat(64), short);
    closePacks(target);
    const [pack] = readdirSync(packsDir(dir));
    expect(readFileSync(join(packsDir(dir), pack!)).equals(Buffer.concat([lineBefore('a'.repeat(64), long), lineBefore('b'.repeat(64), short)]))).toBe(true);
  });
});

describe('tabbed', () => {
  it('turns every line feed but the last byte into a tab, in place', () => {
    const bytes = Buffer.from('a\nb\n\nc\n');
    expect(Buffer.from(tabbed(bytes)).toString()).toBe('a\tb\t\tc\n');
    expect(Buffer.from(tabbed(Buffer.from('\n'))).toString()).toBe('\n');
    expect(tabbed(new Uint8Array(0)).length).toBe(0);
    expect(Buffer.from(tabbed(Buffer.from('ab'))).toString()).toBe('ab');
  });
});
