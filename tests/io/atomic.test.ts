import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { isPlainJson, plainJsonUtf8, toJson, writeAtomicSync } from '../../src/io/atomic.js';
import { SCRATCH_MAX_BYTES } from '../../src/io/utf8.js';
import { OutputError } from '../../src/io/errors.js';
import { realFs } from '../../src/io/fs.js';

describe('writing files atomically', () => {
  it('makes missing folders and leaves no temporary file', () => {
    const root = mkdtempSync(join(tmpdir(), 'digest-write-'));
    writeAtomicSync(join(root, 'a', 'b', 'x.json'), toJson({ b: 1, a: [1] }), join(root, '.staging'));
    expect(readFileSync(join(root, 'a', 'b', 'x.json'), 'utf8')).toBe('{\n  "b": 1,\n  "a": [\n    1\n  ]\n}\n');
    expect(readdirSync(join(root, '.staging'))).toEqual([]);
  });

  it('a failing write is an OutputError naming the file and the cause, and leaves no temporary file', () => {
    const root = mkdtempSync(join(tmpdir(), 'digest-write-'));
    const full = { ...realFs, writeFileSync: () => { throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }); } };
    expect(() => writeAtomicSync(join(root, 'x.json'), '{}', join(root, '.staging'), full)).toThrow(OutputError);
    expect(() => writeAtomicSync(join(root, 'x.json'), '{}', join(root, '.staging'), full)).toThrow(`cannot write ${join(root, 'x.json')}: no space left on the device (ENOSPC)`);
    expect(readdirSync(root).filter((n) => n !== '.staging')).toEqual([]);
  });
});

describe('isPlainJson: a value that reads back the same from its JSON', () => {
  const readBack = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

  it('holds for JSON data, nested, and agrees with a round trip', () => {
    const value = { a: [1, 'x', null, true, { b: [] }], c: { d: -1.5e-7, e: '', '1': 0 } };
    expect(isPlainJson(value)).toBe(true);
    expect(isDeepStrictEqual(readBack(value), value)).toBe(true);
    // An object without a prototype reads back as an ordinary one: the same fields, the same values.
    expect(isPlainJson({ f: Object.assign(Object.create(null) as object, { g: 2 }) })).toBe(true);
  });

  it.each([
    ['an undefined field', { a: 1, b: undefined }],
    ['NaN', { a: Number.NaN }],
    ['Infinity', [Number.POSITIVE_INFINITY]],
    ['-0', { a: [-0] }],
    ['a Date', { at: new Date(0) }],
    ['a Map', { m: new Map([[1, 2]]) }],
    ['a class instance', { x: new (class Point { y = 1; })() }],
    ['a hole', { a: [1, , 3] }], // eslint-disable-line no-sparse-arrays
    ['a function', { toJSON: () => 1 }],
    ['a bigint', { n: 1n }],
    ['undefined itself', undefined],
  ])('fails for %s, which does not read back the same', (_, value) => {
    expect(isPlainJson(value)).toBe(false);
    let same: boolean;
    try {
      same = isDeepStrictEqual(readBack(value), value);
    } catch {
      same = false; // a bigint has no JSON at all
    }
    expect(same).toBe(false);
  });
});

describe('plainJsonUtf8: a record\'s JSON encoded straight to its bytes, once (issue 17: pipeline CPU / floor)', () => {
  const utf8OfJson = (v: unknown) => Buffer.from(toJson(v), 'utf8');

  it('writes the UTF-8 of toJson of any plain JSON value (seeded)', () => {
    // Two-byte text, escapes, control characters, pairs and lone surrogates, line feeds inside
    // strings, integer-like keys (which JSON orders first), empty and deep containers.
    const unit = fc.constantFrom('a', '"', '\\', '\n', '\t', '\u0001', '\u001f', '\u007f', '\u2028', '中', '😀', '\ud800', '\udc00', ' ', '}', ']', ',');
    const text = fc.string({ unit, maxLength: 12 });
    const value = fc.letrec((tie) => ({
      leaf: fc.oneof(text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null)),
      array: fc.array(tie('any'), { maxLength: 6 }),
      object: fc.dictionary(fc.oneof(text, fc.constantFrom('1', '0', '10', 'a', '__proto__')), tie('any'), { maxKeys: 6 }),
      any: fc.oneof({ depthSize: 'small' }, tie('leaf'), tie('array'), tie('object')),
    })).any;
    fc.assert(
      fc.property(value, (v) => {
        expect(Buffer.from(plainJsonUtf8(v)).equals(utf8OfJson(v))).toBe(true);
      }),
      { seed: 17, numRuns: 3000 },
    );
  });

  const paragraph = (i: number) => `第${i}段：国家卫生健康委员会发布的报告显示，${'病例数量持续下降。'.repeat(48)}`;
  const record = (sections: number) => ({
    id: 'x',
    sections: Array.from({ length: sections }, (_, s) => ({ heading: `第${s}节`, items: Array.from({ length: 12 }, (_, i) => ({ text: paragraph(i), date: '2025-01-01', mentions: [i, s, 0.5, 1e21], quoted: '"引号"', ok: true, none: null })) })),
    entities: Array.from({ length: 120 }, (_, e) => ({ id: `e${e}`, surfaces: ['新冠', '新型冠状病毒'], count: e })),
    empty: [],
    none: {},
  });

  it('encodes a Chinese record of ~200,000 units into this thread\'s one buffer, making no text of its JSON', () => {
    const value = record(20);
    const expected = utf8OfJson(value);
    expect(toJson(value).length).toBeGreaterThan(150_000);
    // No JSON.stringify of a container (what made the record's text, in pieces, before): only of
    // a member name once, and of a string to escape.
    const stringify = vi.spyOn(JSON, 'stringify');
    let first: Uint8Array;
    try {
      first = plainJsonUtf8(value);
      expect(stringify.mock.calls.every((call: unknown[]) => typeof call[0] === 'string')).toBe(true);
    } finally {
      stringify.mockRestore();
    }
    expect(Buffer.from(first).equals(expected)).toBe(true);
    // The same memory the next time: no buffer made per output.
    const second = plainJsonUtf8(record(20));
    expect(second.buffer).toBe(first.buffer);
    expect(Buffer.from(second).equals(expected)).toBe(true);
  });

  it('keeps what it wrote when the buffer grows mid-record, and writes a record past the scratch bound into a buffer of its own', () => {
    // ~1.2 MB: past the scratch buffer's first 1 MB, grown while the record is written.
    const middling = record(60);
    expect(Buffer.from(plainJsonUtf8(middling)).equals(utf8OfJson(middling))).toBe(true);
    const large = record(260); // ~5 MB of UTF-8
    const expected = utf8OfJson(large);
    expect(expected.length).toBeGreaterThan(SCRATCH_MAX_BYTES);
    expect(Buffer.from(plainJsonUtf8(large)).equals(expected)).toBe(true);
  });
});
