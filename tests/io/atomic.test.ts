import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { isPlainJson, toJson, writeAtomicSync } from '../../src/io/atomic.js';
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
