import { readSync } from 'node:fs';

/**
 * A buffer lent to the compiled forms' reads (issue 17: start-up): bin/load.js reads a short
 * command's bundle and its code cache into one buffer (~0.9 MB for ingest's), whose bytes no one
 * reads once the script is compiled and whose pages are resident. A one-article ingest then read
 * ~0.88 MB of compiled forms (src/core/compiled-data.ts) into buffers of their own, each page a
 * fresh fault (~214, at ~13–18 µs each here). Read into the lent buffer instead, part after part,
 * they fault none. A part is never given back: a form's arrays are views of its bytes, held for
 * the process's life. No module but the launcher lends it (a build's threads read as before).
 */
let lent: { bytes: Uint8Array; taken: number } | null = null;

/** Lends the forms' reads `bytes`, which no one reads or writes any more ({@link readIntoLent}). */
export function lendReadBuffer(bytes: Uint8Array): void {
  lent = { bytes, taken: 0 };
}

/**
 * The first `size` bytes of the open file `fd` (fewer if it ends first), read into the next part of
 * the lent buffer, 8-aligned in its memory (typed arrays are viewed in it); null when nothing is
 * lent or what is left of it is too small (the caller reads the file into a buffer of its own).
 */
export function readIntoLent(fd: number, size: number): Uint8Array | null {
  if (lent === null) return null;
  const { bytes } = lent;
  const start = lent.taken + ((8 - ((bytes.byteOffset + lent.taken) % 8)) % 8);
  if (start + size > bytes.length) return null;
  let read = 0;
  for (let n; read < size && (n = readSync(fd, bytes, start + read, size - read, read)) > 0; ) read += n;
  lent.taken = start + read;
  return bytes.subarray(start, start + read);
}
