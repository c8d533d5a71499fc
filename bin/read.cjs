// Reading the bundles a long command's threads run (bin/load.js for `build` and `merge`, on their
// thread; bin/worker.cjs in each build worker) without a block of their size passing through
// glibc's malloc and being freed (issue 17: flat in N). CommonJS, so that bin/worker.cjs requires it
// as piscina requires that file; bin/load.js requires it only for a long command.
'use strict';
const { closeSync, fstatSync, openSync, readFileSync, readSync } = require('node:fs');

/**
 * Bytes read at a time by {@link readLatin1}: below glibc's first threshold for serving a
 * block from its own mapping (128 KB), so the buffer comes from an arena.
 */
const PIECE_BYTES = 64 * 1024;

/**
 * A file as Latin-1 text, read 64 KB at a time, so that no block the size of the file is
 * malloc'd and freed (readFileSync's buffer, and its text, which Node copies outside V8's heap
 * above 1 MB). glibc serves a block of 128 KB or more from a mapping of its own, and when one
 * is freed it raises that threshold to the block's size and the threshold for giving the
 * arenas' free tops back to twice that: freeing the 1.9 MB bundle's buffer at a build's start
 * left every thread's arena keeping up to 3.7 MB of free memory for the rest of the process
 * (BENCHMARKS.md, "Change: a build's threads read the bundles without freeing a block glibc
 * mapped"). The pieces join in V8's heap.
 */
function readLatin1(file) {
  const fd = openSync(file, 'r');
  try {
    const piece = Buffer.allocUnsafeSlow(PIECE_BYTES);
    let text = '';
    for (let n; (n = readSync(fd, piece, 0, PIECE_BYTES, null)) > 0; ) text += piece.toString('latin1', 0, n);
    return text;
  } finally {
    closeSync(fd);
  }
}

/**
 * A code cache's bytes (V8 takes them in one piece), read into a WebAssembly memory: V8 maps
 * and unmaps that itself, so the 1.3 MB block never passes through glibc's malloc and its
 * freeing moves no threshold ({@link readLatin1}). Where WebAssembly is not there (`--jitless`)
 * or its memory cannot be had (a limit on address space), read as any file.
 */
function readCodeCache(file) {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    let bytes;
    try {
      bytes = new Uint8Array(new WebAssembly.Memory({ initial: Math.ceil(size / 65536) || 1 }).buffer, 0, size);
    } catch {
      return readFileSync(fd);
    }
    let at = 0;
    for (let n; at < size && (n = readSync(fd, bytes, at, size - at, null)) > 0; ) at += n;
    return bytes.subarray(0, at);
  } finally {
    closeSync(fd);
  }
}

module.exports = { readLatin1, readCodeCache };
