import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { repo } from '../helpers.js';

/**
 * bin/read.cjs: a long command's threads (bin/load.js for build and merge, bin/worker.cjs in each
 * build worker) read their bundle and its code cache without a block of their size passing
 * through glibc's malloc (BENCHMARKS.md, "a build's threads read the bundles without freeing a
 * block glibc mapped").
 */
const load = (await import(pathToFileURL(repo('bin/read.cjs')).href)) as {
  readLatin1: (file: string) => string;
  readCodeCache: (file: string) => Uint8Array;
};

describe('reading the bundles', () => {
  it('readLatin1 gives the text readFileSync gives, across its 64 KB pieces and for an empty file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'digest-read-'));
    for (const size of [0, 1, 65_535, 65_536, 65_537, 300_001]) {
      const bytes = Buffer.alloc(size);
      for (let i = 0; i < size; i++) bytes[i] = (i * 31 + 7) % 256;
      const file = join(dir, `f${size}`);
      writeFileSync(file, bytes);
      expect(load.readLatin1(file) === readFileSync(file, 'latin1'), `${size} bytes`).toBe(true);
    }
  });

  it('readCodeCache gives the file\'s bytes in a WebAssembly memory (not a buffer malloc\'d and freed)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'digest-read-'));
    for (const size of [0, 10, 65_536, 1_300_000]) {
      const bytes = Buffer.alloc(size, 0x5a);
      const file = join(dir, `c${size}`);
      writeFileSync(file, bytes);
      const read = load.readCodeCache(file);
      expect(Buffer.from(read.buffer, read.byteOffset, read.byteLength).equals(bytes), `${size} bytes`).toBe(true);
      // A WebAssembly memory's buffer is a whole number of 64 KB pages.
      expect(read.buffer.byteLength % 65_536).toBe(0);
    }
  });

  it('readCodeCache of a missing file throws, as readFileSync did (the launcher then compiles without a cache)', () => {
    expect(() => load.readCodeCache(join(tmpdir(), 'digest-no-such-cache'))).toThrow(/ENOENT/);
  });
});
