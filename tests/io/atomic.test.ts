import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toJson, writeAtomicSync } from '../../src/io/atomic.js';
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
