import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPlainJson, plainJsonPieces, toJson, writeAtomicSync } from '../../src/io/atomic.js';
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

describe('plainJsonPieces: a record\'s JSON in pieces none of which is a large object to V8 (issue 17: the kernel\'s part)', () => {
  it('joins to toJson of any plain JSON value (seeded)', () => {
    // Two-byte text, escapes, line feeds inside strings, integer-like keys (which JSON orders first), empty and deep containers.
    const text = fc.string({ unit: fc.constantFrom('a', '"', '\\', '\n', '中', '😀', ' ', '}', ']', ','), maxLength: 12 });
    const value = fc.letrec((tie) => ({
      leaf: fc.oneof(text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null)),
      array: fc.array(tie('any'), { maxLength: 6 }),
      object: fc.dictionary(fc.oneof(text, fc.constantFrom('1', '0', '10', 'a')), tie('any'), { maxKeys: 6 }),
      any: fc.oneof({ depthSize: 'small' }, tie('leaf'), tie('array'), tie('object')),
    })).any;
    fc.assert(
      fc.property(value, (v) => {
        expect(plainJsonPieces(v).join('')).toBe(toJson(v));
      }),
      { seed: 17, numRuns: 3000 },
    );
  });

  it('cuts a Chinese record of ~200,000 units into pieces of at most ~32,000, the same text joined', () => {
    const paragraph = (i: number) => `第${i}段：国家卫生健康委员会发布的报告显示，${'病例数量持续下降。'.repeat(48)}`;
    const record = {
      id: 'x',
      sections: Array.from({ length: 20 }, (_, s) => ({ heading: `第${s}节`, items: Array.from({ length: 12 }, (_, i) => ({ text: paragraph(i), date: '2025-01-01', mentions: [i, s] })) })),
      entities: Array.from({ length: 120 }, (_, e) => ({ id: `e${e}`, surfaces: ['新冠', '新型冠状病毒'], count: e })),
      empty: [],
      none: {},
    };
    const whole = toJson(record);
    expect(whole.length).toBeGreaterThan(150_000);
    const pieces = plainJsonPieces(record);
    expect(pieces.join('')).toBe(whole);
    // 64 K units of a two-byte string is 128 KB, from which V8 makes a flat copy a large object.
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(32_768);
  });
});
