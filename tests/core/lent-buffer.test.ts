import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compiledDataFile, readCompiled, structureTextOfForm } from '../../src/core/compiled-data.js';
import { readDataFile } from '../../src/core/data.js';
import { lendReadBuffer, readIntoLent } from '../../src/core/lent-buffer.js';
import { repo } from '../helpers.js';

/** `readIntoLent` of a whole file, opened and closed here. */
function readWhole(file: string): Uint8Array | null {
  const fd = openSync(file, 'r');
  try {
    return readIntoLent(fd, readFileSync(file).length);
  } finally {
    closeSync(fd);
  }
}

describe('the lent buffer (src/core/lent-buffer.ts)', () => {
  it('reads each file into the next 8-aligned part of the lent buffer, never over a part given before; null when nothing is lent or the rest is too small', () => {
    const dir = mkdtempSync(join(tmpdir(), 'digest-lent-'));
    try {
      const files = [5, 13, 8, 0, 30].map((size, k) => {
        const file = join(dir, `f${k}`);
        writeFileSync(file, Buffer.from(Array.from({ length: size }, (_, i) => (i * 37 + k) % 256)));
        return file;
      });
      expect(readWhole(files[0]!)).toBeNull();
      // A buffer whose memory starts off an 8-byte boundary, as a slice of a pool may.
      const backing = new ArrayBuffer(72);
      const lent = new Uint8Array(backing, 3, 64);
      lendReadBuffer(lent);
      const parts = files.map((file) => [file, readWhole(file)] as const);
      for (const [file, part] of parts.slice(0, 4)) {
        expect(part, file).not.toBeNull();
        expect(part!.buffer).toBe(backing);
        expect(part!.byteOffset % 8).toBe(0);
        expect(Buffer.from(part!).equals(readFileSync(file))).toBe(true);
      }
      // 5 at 8, 13 at 16, 8 at 32 and 0 at 40 (the buffer spans offsets 3 to 67): 30 from 40 pass its end.
      expect(parts.slice(0, 4).map(([, part]) => part!.byteOffset)).toEqual([8, 16, 32, 40]);
      expect(parts[4]![1]).toBeNull();
      // What was read before is still there: no part was read over.
      for (const [file, part] of parts.slice(0, 4)) expect(Buffer.from(part!).equals(readFileSync(file))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a compiled form read into it gives the value read without it, its arrays viewing the lent buffer', () => {
    const { hash } = readDataFile(repo('pipelines/data/structure.json'), []);
    const before = structureTextOfForm(hash);
    const structure = readCompiled('structure', hash)!;
    expect(before).not.toBeNull();
    const backing = new ArrayBuffer(readFileSync(compiledDataFile('structure-text', hash)).length + readFileSync(compiledDataFile('structure', hash)).length + 16);
    lendReadBuffer(new Uint8Array(backing));
    expect(structureTextOfForm(hash)).toBe(before);
    const lentStructure = readCompiled('structure', hash)!;
    expect(lentStructure).toEqual(structure);
    const arrays = Object.values(lentStructure).filter((value) => ArrayBuffer.isView(value));
    expect(arrays.length).toBeGreaterThan(0);
    for (const array of arrays) expect((array as Uint8Array).buffer).toBe(backing);
    // The buffer is full now: the next form is read into its own, and is the same.
    expect(readCompiled('structure', hash)).toEqual(structure);
  });
});
