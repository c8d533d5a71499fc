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

describe('plainJsonUtf8: a plain record\'s JSON written straight to UTF-8 in the thread\'s scratch buffer (issue 17: pipeline CPU)', () => {
  const bytesOf = (v: unknown) => Buffer.from(toJson(v));

  it('writes the bytes of toJson for any plain JSON value (seeded)', () => {
    // Two-byte text, quotes, backslashes, control characters, U+007F, U+2028, pairs and lone
    // surrogates; integer-like and __proto__ names (JSON orders integer-like first); doubles; empty and deep containers.
    const unit = fc.constantFrom('a', '"', '\\', '\n', '\u0001', '\u001f', '\u007f', '\u2028', '中', '😀', '\ud83d', '\ude00', ' ', '}', ']', ',');
    const text = fc.string({ unit, maxLength: 12 });
    const value = fc.letrec((tie) => ({
      leaf: fc.oneof(text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Object.is(d, -0)), fc.boolean(), fc.constant(null)),
      array: fc.array(tie('any'), { maxLength: 6 }),
      object: fc.dictionary(fc.oneof(text, fc.constantFrom('1', '0', '10', 'a', '__proto__')), tie('any'), { maxKeys: 6 }),
      any: fc.oneof({ depthSize: 'small' }, tie('leaf'), tie('array'), tie('object')),
    })).any;
    fc.assert(
      fc.property(value, (v) => {
        expect(Buffer.from(plainJsonUtf8(v)).equals(bytesOf(v))).toBe(true);
      }),
      { seed: 17, numRuns: 3000 },
    );
  });

  const paragraph = (i: number, repeat = 48) => `第${i}段：国家卫生健康委员会发布的报告显示，${'病例数量持续下降。'.repeat(repeat)}`;
  const recordOf = (sections: number, repeat = 48) => ({
    id: 'x',
    sections: Array.from({ length: sections }, (_, s) => ({ heading: `第${s}节`, items: Array.from({ length: 12 }, (_, i) => ({ text: paragraph(i, repeat), date: '2025-01-01', mentions: [i, s], score: i / 7 })) })),
    entities: Array.from({ length: 120 }, (_, e) => ({ id: `e${e}`, surfaces: ['新冠', '新型冠状病毒'], count: e, sure: e % 2 === 0, note: null })),
    empty: [],
    none: {},
  });

  it('makes no JSON text of a Chinese record of ~200,000 units, and writes each in the same memory', () => {
    const record = recordOf(20);
    const expected = bytesOf(record);
    expect(toJson(record).length).toBeGreaterThan(150_000);
    const stringify = vi.spyOn(JSON, 'stringify');
    let first: Uint8Array;
    try {
      first = plainJsonUtf8(record);
      // No container is stringified, nor a string holding nothing to escape (a member's name is, once).
      expect(stringify.mock.calls.filter(([v]) => typeof v !== 'string' || v.startsWith('第'))).toEqual([]);
    } finally {
      stringify.mockRestore();
    }
    expect(Buffer.from(first).equals(expected)).toBe(true);
    const second = plainJsonUtf8(recordOf(20));
    // No buffer an output: the thread's scratch buffer, at its start, both times.
    expect(second.buffer).toBe(first.buffer);
    expect(second.byteOffset).toBe(first.byteOffset);
    expect(Buffer.from(second).equals(expected)).toBe(true);
  });

  it('comes out whole when it grows the scratch buffer mid-write, and past its bound in a buffer of its own', () => {
    // ~2.5 MB: past the scratch buffer's first 1 MB (and any size an earlier test left it at, up to 2 MB).
    const grown = recordOf(100, 70);
    const grownBytes = plainJsonUtf8(grown);
    expect(grownBytes.byteLength).toBeGreaterThan(2 << 20);
    expect(grownBytes.byteLength).toBeLessThan(SCRATCH_MAX_BYTES);
    expect(Buffer.from(grownBytes).equals(bytesOf(grown))).toBe(true);
    // Past SCRATCH_MAX_BYTES (4 MB): a buffer of its own, not kept as the scratch buffer.
    const large = recordOf(200, 70);
    const largeBytes = plainJsonUtf8(large);
    expect(largeBytes.byteLength).toBeGreaterThan(SCRATCH_MAX_BYTES);
    expect(Buffer.from(largeBytes).equals(bytesOf(large))).toBe(true);
    expect(largeBytes.buffer).not.toBe(grownBytes.buffer);
    expect(plainJsonUtf8(grown).buffer).toBe(grownBytes.buffer);
  });
});
