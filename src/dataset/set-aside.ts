import { closeSync, openSync, readSync } from 'node:fs';
import { fsFailure } from '../io/errors.js';
import type { WriteFs } from '../io/fs.js';

/**
 * Values a build sets aside while its inputs settle and reads back once at its end (each
 * article's search entry and change, which only the review index and changes.json need). JSON
 * texts — what worker threads send — are appended to a file in the build's staging folder as they
 * come, so the main thread's heap stays flat in the number of inputs while the workers run
 * (BENCHMARKS.md, change 4); values that are objects already (carried over from the previous build
 * or read from the cache) stay in memory. Without a file (check mode writes nothing) texts stay in
 * memory too. JSON text holds no raw line feed, so the file is one value a line.
 */
export class SetAside<T> {
  private readonly objects: T[] = [];
  private readonly texts: string[] = [];
  /** Whether the file has been begun (later writes append to it). */
  private begun = false;
  private pending = '';

  constructor(
    /** The file in the staging folder, or null to keep everything in memory. */
    private readonly file: string | null,
    private readonly fs: WriteFs,
  ) {}

  /** Sets a value aside: an object, or its JSON text. */
  add(value: T | string): void {
    if (typeof value !== 'string') this.objects.push(value);
    else if (this.file === null) this.texts.push(value);
    else {
      this.pending += `${value}\n`;
      if (this.pending.length > 1 << 16) this.flush();
    }
  }

  /** Every value set aside (objects first, then texts in the order they came), read back a line at a time. */
  *values(): Generator<T> {
    yield* this.objects;
    for (const text of this.texts) yield JSON.parse(text) as T;
    if (this.file === null) return;
    this.flush();
    if (!this.begun) return;
    // A megabyte at a time: the whole file at once would sit beside what is made from it.
    const fd = openSync(this.file, 'r');
    try {
      const chunk = Buffer.alloc(1 << 20);
      let rest = Buffer.alloc(0);
      for (let read = readSync(fd, chunk); read > 0; read = readSync(fd, chunk)) {
        const bytes = rest.length > 0 ? Buffer.concat([rest, chunk.subarray(0, read)]) : chunk.subarray(0, read);
        let start = 0;
        for (let end = bytes.indexOf(10); end !== -1; start = end + 1, end = bytes.indexOf(10, start)) yield JSON.parse(bytes.toString('utf8', start, end)) as T;
        rest = Buffer.from(bytes.subarray(start));
      }
    } finally {
      closeSync(fd);
    }
  }

  private flush(): void {
    if (this.pending === '' || this.file === null) return;
    // Opened for each 64 KB written, never left open: a build that fails leaves no descriptor behind.
    try {
      const fd = this.fs.openSync(this.file, this.begun ? 'a' : 'w', 0o600);
      try {
        this.fs.writeSync(fd, this.pending);
      } finally {
        this.fs.closeSync(fd);
      }
    } catch (error) {
      throw fsFailure(error, 'write', this.file);
    }
    this.begun = true;
    this.pending = '';
  }
}
