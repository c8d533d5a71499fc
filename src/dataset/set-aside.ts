import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { fsFailure } from '../io/errors.js';
import type { WriteFs } from '../io/fs.js';
import { utf8Text, Utf8Chunks, writeAll } from '../io/utf8.js';

/** A JSON text kept in memory (no file to set it aside in). */
class InMemoryText {
  constructor(readonly text: string) {}
}

/** So many of the file's lines, one after another (texts added in a row take one place in the order, not one each). */
class FileLines {
  constructor(public count: number) {}
}

/**
 * Values a build sets aside while its inputs settle and reads back at its end (each article's
 * search entry and change, which only the review index and changes.json need), in the order they
 * were set aside — the build adds them in id order, so its end can write both files as streams
 * (BENCHMARKS.md, "Change: memory flat in N"). JSON texts — what worker threads send — are appended
 * to a file in the build's staging folder as they come, so the main thread's heap stays flat in
 * the number of inputs; values that are objects already (carried over from the previous build or
 * read from the cache, held anyway) stay in memory, in their place in the order. Without a file
 * (check mode writes nothing) texts stay in memory too. JSON text holds no raw line feed, so the
 * file is one value a line.
 */
export class SetAside<T> {
  /** Every value in the order added: an object, a text kept in memory, or a run of the file's next lines. */
  private readonly order: (T | InMemoryText | FileLines)[] = [];
  private count = 0;
  /** Whether the file has been begun (later writes append to it). */
  private begun = false;
  /**
   * Texts waiting to be appended, as UTF-8: each encoded once, never joined into one string first.
   * Made at the first text, and let go once the file is read (its buffer, 128 KB, sat in the build's
   * heap to its return: {@link Appender} says why).
   */
  private pending: Utf8Chunks | null = null;

  constructor(
    /** The file in the staging folder, or null to keep everything in memory. */
    private readonly file: string | null,
    private readonly fs: WriteFs,
    /**
     * How many bytes wait before they are appended (the buffer holds twice that, from the first
     * text until the file is read): 64 KB for the large texts of articles; a set-aside of short texts takes less
     * (a build's staged files: ~150 bytes each, where 128 KB held was ~1 KB an input of a
     * 120-article build, BENCHMARKS.md "After changes 92–95").
     */
    private readonly chunkBytes = 1 << 16,
  ) {}

  /** Sets a value aside: an object, or its JSON text (or that text's UTF-8 bytes, written as they are). */
  add(value: T | string | Uint8Array): void {
    if (typeof value === 'string' || value instanceof Uint8Array) this.addText('', value);
    else {
      this.count++;
      this.order.push(value);
    }
  }

  /** Sets a text aside made of two parts: `head`, then `rest` (text, or UTF-8 bytes written as they are). */
  addText(head: string, rest?: string | Uint8Array): void {
    this.count++;
    if (this.file === null) {
      this.order.push(new InMemoryText(rest === undefined ? head : head + utf8Text(rest)));
      return;
    }
    const last = this.order[this.order.length - 1];
    if (last instanceof FileLines) last.count++;
    else this.order.push(new FileLines(1));
    const pending = (this.pending ??= new Utf8Chunks((bytes) => this.append(bytes), this.chunkBytes));
    pending.add(head);
    if (typeof rest === 'string') pending.add(rest);
    else if (rest !== undefined) pending.addBytes(rest);
    pending.add('\n');
  }

  /** How many values were set aside. */
  get size(): number {
    return this.count;
  }

  /** Every value set aside, in the order added, the file read back a line at a time (each call reads it again). */
  *values(): Generator<T> {
    for (const value of this.stored()) yield value instanceof InMemoryText ? (JSON.parse(value.text) as T) : value;
  }

  /**
   * Every value's text, in the order added, as it was added (an object's as its JSON): for texts
   * that are read as they are, not parsed (each call reads the file again).
   */
  *texts(): Generator<string> {
    for (const value of this.stored()) yield value instanceof InMemoryText ? value.text : JSON.stringify(value);
  }

  /**
   * {@link SetAside.texts} as UTF-8 bytes, never decoded: the file's lines as they are, each a view
   * valid only until the next is asked for (what is copied into another file at once: the review
   * index's search data); a text kept in memory, or an object's JSON, encoded.
   */
  *textBytes(): Generator<Uint8Array> {
    const lines = this.fileLineBytes();
    try {
      for (const value of this.order) {
        if (!(value instanceof FileLines)) yield Buffer.from(value instanceof InMemoryText ? value.text : JSON.stringify(value), 'utf8');
        else for (let i = 0; i < value.count; i++) yield lines.next().value as Uint8Array;
      }
    } finally {
      lines.return(undefined);
    }
  }

  /** Every value in the order added: an object, or a text (the file's next line, or kept in memory). */
  private *stored(): Generator<T | InMemoryText> {
    const lines = this.fileLines();
    try {
      for (const value of this.order) {
        if (!(value instanceof FileLines)) yield value;
        else for (let i = 0; i < value.count; i++) yield new InMemoryText(lines.next().value as string);
      }
    } finally {
      lines.return(undefined);
    }
  }

  /** The file's lines, in order (none without a file, or before anything was written). */
  private *fileLines(): Generator<string> {
    for (const line of this.fileLineBytes()) yield line.toString('utf8');
  }

  /** The file's lines as bytes, in order, each a view valid until the next is asked for (none without a file, or before anything was written). */
  private *fileLineBytes(): Generator<Buffer> {
    if (this.pending !== null) {
      this.pending.flush();
      // Read back at the build's end, after the last text: the buffer is not asked for again (a text added after takes a new one).
      this.pending = null;
    }
    if (this.file === null || !this.begun) return;
    // A window of the file read again and again into one buffer, the part of a line it ends in
    // moved to its front: the whole file at once would sit beside what is made from it, and a
    // buffer for each read (a megabyte joined to the rest of the last) was fresh memory the
    // kernel maps page by page — ~9 MB of the review index's search data at 1,000 articles
    // (BENCHMARKS.md, "the finish's pieces in buffers used again").
    const fd = openSync(this.file, 'r');
    try {
      let buffer = Buffer.allocUnsafe(READ_WINDOW_BYTES);
      let kept = 0;
      for (let read = readSync(fd, buffer, kept, buffer.length - kept, null); read > 0; read = readSync(fd, buffer, kept, buffer.length - kept, null)) {
        const filled = kept + read;
        let start = 0;
        for (let end = buffer.indexOf(10); end !== -1 && end < filled; start = end + 1, end = buffer.indexOf(10, start)) yield buffer.subarray(start, end);
        kept = filled - start;
        if (start === 0 && kept === buffer.length) {
          // A line longer than the buffer: a larger one, the line's start copied in.
          const grown = Buffer.allocUnsafe(buffer.length * 2);
          buffer.copy(grown, 0, 0, kept);
          buffer = grown;
        } else buffer.copyWithin(0, start, filled);
      }
    } finally {
      closeSync(fd);
    }
  }

  private append(bytes: Uint8Array): void {
    if (this.file === null) return; // never: texts are kept in memory without a file
    appendTo(this.fs, this.file, this.begun, bytes);
    this.begun = true;
  }
}

/** Writes bytes to the end of a scratch file (begun: else the file is made anew). */
function appendTo(fs: WriteFs, file: string, begun: boolean, bytes: Uint8Array): void {
  // Opened for each 64 KB written, never left open: a build that fails leaves no descriptor behind.
  try {
    const fd = fs.openSync(file, begun ? 'a' : 'w', 0o600);
    try {
      writeAll(fs, fd, bytes);
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    throw fsFailure(error, 'write', file);
  }
}

/**
 * A scratch file texts are appended to, as UTF-8, 64 KB at a time. Its buffer (128 KB) is made at
 * the first text and let go when what waits is written to be read: a build adds while its inputs
 * run and reads at its end, and every buffer of its set-aside files was held to its return — a
 * build's ledgers, set-asides and spool, nine of them, ~1 MB held through the hand-over
 * (BENCHMARKS.md, change 190).
 */
class Appender {
  /** Whether the file has been begun (later writes append to it). */
  begun = false;
  private pending: Utf8Chunks | null = null;

  constructor(
    private readonly file: string,
    private readonly fs: WriteFs,
  ) {}

  /** Appends a text, or UTF-8 bytes as they are (written once 64 KB wait). */
  add(text: string | Uint8Array): void {
    const pending = (this.pending ??= new Utf8Chunks((bytes) => {
      appendTo(this.fs, this.file, this.begun, bytes);
      this.begun = true;
    }));
    if (typeof text === 'string') pending.add(text);
    else pending.addBytes(text);
  }

  /** Writes what waits, and lets the buffer go (a text added after takes a new one). */
  flush(): void {
    if (this.pending === null) return;
    // Kept when the write fails (a full disk): flushing again tries the same bytes again.
    this.pending.flush();
    this.pending = null;
  }
}

/**
 * Text a build makes ahead of its end, piece after piece, and reads back once, whole, in the
 * same order: changes.json's articles, each written out as it settles while the workers run
 * (BENCHMARKS.md, "the serial head and tail of a two-worker build"). Unlike {@link SetAside}, no
 * piece is a value of its own, so pieces may hold line feeds. Appended to a file in the staging
 * folder 64 KB at a time, so the heap stays flat in the number of inputs; without a file (check
 * mode writes nothing) kept in memory.
 */
export class TextSpool {
  private readonly kept: string[] = [];
  private readonly out: Appender | null;

  constructor(
    /** The file in the staging folder, or null to keep the text in memory. */
    private readonly file: string | null,
    fs: WriteFs,
  ) {
    this.out = file === null ? null : new Appender(file, fs);
  }

  /** Appends a piece: text, or UTF-8 bytes (whole characters) written as they are. */
  add(text: string | Uint8Array): void {
    if (this.out === null) this.kept.push(utf8Text(text));
    else this.out.add(text);
  }

  /** The text added, 16 KB at a time (never cut inside a character): pieces the size of an article's change or two, as the writer's sink takes them. */
  *text(): Generator<string> {
    const decoder = new StringDecoder('utf8');
    for (const piece of this.pieces()) yield typeof piece === 'string' ? piece : decoder.write(piece);
    const rest = decoder.end();
    if (rest) yield rest;
  }

  /**
   * The text added, as it was kept: the file's UTF-8 bytes 16 KB at a time (a piece may end inside
   * a character: the pieces are to be joined, or hashed and written one after another), or the
   * texts kept in memory. What the build's end writes and hashes as they are: decoded into text,
   * changes.json (7 MB at 1,000 articles) was encoded to UTF-8 again three times, for its two
   * hashes and the file (BENCHMARKS.md, "the build thread's per-input work cut").
   *
   * `passing`: the caller is done with a piece when it asks for the next (it hashes and writes
   * each), so the file is read 64 KB at a time into one buffer again and again, each piece a view
   * of it: a buffer for each piece was fresh memory the kernel maps page by page, ~30 ms of
   * changes.json's ~50 at 1,000 articles (BENCHMARKS.md, "the finish's pieces in buffers used again").
   */
  *pieces(passing = false): Generator<string | Uint8Array> {
    if (this.out === null) {
      yield* this.kept;
      return;
    }
    this.out.flush();
    if (!this.out.begun) return;
    const fd = openSync(this.file!, 'r');
    try {
      if (passing)
        for (let chunk = Buffer.allocUnsafe(1 << 16), read = readSync(fd, chunk); read > 0; read = readSync(fd, chunk)) yield chunk.subarray(0, read);
      // Else a buffer a piece: the caller may keep a piece after asking for the next.
      else for (let chunk = Buffer.allocUnsafe(1 << 14), read = readSync(fd, chunk); read > 0; chunk = Buffer.allocUnsafe(1 << 14), read = readSync(fd, chunk)) yield chunk.subarray(0, read);
    } finally {
      closeSync(fd);
    }
  }
}

/** How much of a set-aside file is read at once at a build's end, into a buffer used again: a few reads a megabyte. */
const READ_WINDOW_BYTES = 1 << 18;

/** The most a {@link Ledger} reads ahead: ~10 of a build's summaries (~3 KB each). */
const LEDGER_WINDOW_BYTES = 1 << 15;

/**
 * Values a build sets aside one per position (0, 1, 2… in the order added) and reads back by
 * position, in any order and as often as needed: each input's summary, added in id order as it is
 * emitted, read back at the build's end in path order for the manifest, the cache's state and the
 * callbacks, and in id order for the review index — one at a time, so the end holds one summary,
 * not a map of them all (~3 KB an input: BENCHMARKS.md, "Change 31: a build holds almost nothing per
 * input"). JSON texts are appended to a file in the staging folder, and the ledger keeps only each
 * where each one ends (8 bytes); values that are objects already (held anyway, as the plan's summaries of
 * reused inputs are) stay in memory, as every value does without a file (check mode).
 */
export class Ledger<T> {
  /**
   * Where each position's text ends in the file (its line feed's offset plus one: the bytes
   * appended up to it); a position whose end is the one before's is held in memory. One number a
   * position, not its start and length: the two were ~20 bytes an input still held when a build
   * hands its inputs over (BENCHMARKS.md, "the files changed held by stem").
   */
  private ends = new Float64Array(64);
  private readonly held = new Map<number, T | InMemoryText>();
  private count = 0;
  private bytes = 0;
  /** The file opened for reading (after the first read), or null. */
  private fd: number | null = null;
  private readonly out: Appender | null;
  /**
   * The file's bytes from `windowStart` read ahead, `windowLength` of them: values read one after
   * another (the index's rows, the cache's keys; the manifest's and the callbacks' too when path
   * order is id order) take one read a window, not one each — five reads of every summary at a
   * build's end were ~5,000 reads at 1,000 articles. Null until a second value in a row is read,
   * and again once the ledger is closed.
   */
  private window: Buffer | null = null;
  private windowStart = 0;
  private windowLength = 0;
  /** The position read last (-1: none yet). */
  private lastRead = -1;

  constructor(
    /** The file in the staging folder, or null to keep everything in memory. */
    private readonly file: string | null,
    fs: WriteFs,
  ) {
    this.out = file === null ? null : new Appender(file, fs);
  }

  /** Sets the next position's value aside: an object (kept), or its JSON text (or that text's UTF-8 bytes, written as they are). */
  add(value: T | string | Uint8Array): void {
    if (typeof value === 'string' || value instanceof Uint8Array) this.addJoined('', value, '');
    else {
      // The position first: taking it may grow `ends` into a new array.
      const at = this.next();
      this.ends[at] = this.bytes;
      this.held.set(at, value);
    }
  }

  /**
   * Sets the next position's JSON text aside made of three parts, `head`, `body` and `tail`: a
   * worker's bytes (an input's summary) spliced between the build's own text (its next state's
   * members) as they are, never decoded, joined or encoded again on this thread.
   */
  addJoined(head: string, body: string | Uint8Array, tail: string): void {
    const at = this.next();
    if (this.out === null) {
      this.ends[at] = this.bytes;
      this.held.set(at, new InMemoryText(head + utf8Text(body) + tail));
      return;
    }
    // A line, never empty: its end is past the one before's.
    this.bytes += Buffer.byteLength(head, 'utf8') + (typeof body === 'string' ? Buffer.byteLength(body, 'utf8') : body.byteLength) + Buffer.byteLength(tail, 'utf8') + 1;
    this.ends[at] = this.bytes;
    if (head !== '') this.out.add(head);
    this.out.add(body);
    this.out.add(tail === '' ? '\n' : `${tail}\n`);
  }

  /** The next position, room made for its end. */
  private next(): number {
    const at = this.count++;
    if (this.count > this.ends.length) {
      const grown = new Float64Array(this.ends.length * 2);
      grown.set(this.ends);
      this.ends = grown;
    }
    return at;
  }

  /** How many values were set aside. */
  get size(): number {
    return this.count;
  }

  /** The value at a position (a text read back is parsed: each call gives a new object). */
  get(at: number): T {
    const text = this.text(at);
    return text === null ? (this.held.get(at) as T) : (JSON.parse(text) as T);
  }

  /** The JSON text a position was added as, or null when it was added as an object. */
  text(at: number): string | null {
    const bytes = this.bytesAt(at);
    return typeof bytes === 'string' || bytes === null ? bytes : bytes.toString('utf8');
  }

  /**
   * The text a position was added as, as its UTF-8 bytes when it waits in the file — a view valid
   * only until the next position is read (the review index's rows, written as they are read:
   * never decoded and encoded again) —, as text when it was held in memory, or null when it was
   * added as an object.
   */
  textBytes(at: number): Uint8Array | string | null {
    return this.bytesAt(at);
  }

  private bytesAt(at: number): Buffer | string | null {
    if (!(at >= 0 && at < this.count)) throw new RangeError(`no value set aside at ${at} (${this.count} were)`);
    const start = at === 0 ? 0 : this.ends[at - 1]!;
    const end = this.ends[at]!;
    if (end === start) {
      const value = this.held.get(at);
      return value instanceof InMemoryText ? value.text : null;
    }
    const length = end - start - 1;
    const next = at === this.lastRead + 1;
    this.lastRead = at;
    const window = this.window;
    if (window !== null && start >= this.windowStart && start + length <= this.windowStart + this.windowLength) return window.subarray(start - this.windowStart, start - this.windowStart + length);
    this.out!.flush();
    this.fd ??= openSync(this.file!, 'r');
    if (next && length <= LEDGER_WINDOW_BYTES) {
      const ahead = (this.window ??= Buffer.allocUnsafe(LEDGER_WINDOW_BYTES));
      this.windowStart = start;
      this.windowLength = 0;
      this.windowLength = this.readAt(ahead, Math.min(LEDGER_WINDOW_BYTES, this.bytes - start), start, length, at);
      return ahead.subarray(0, length);
    }
    const buffer = Buffer.allocUnsafe(length);
    this.readAt(buffer, length, start, length, at);
    return buffer;
  }

  /** Reads `wanted` bytes of the file from `start` into `buffer` (at least `needed` of them: else the file is short); how many were read. */
  private readAt(buffer: Buffer, wanted: number, start: number, needed: number, at: number): number {
    let filled = 0;
    while (filled < wanted) {
      const read = readSync(this.fd!, buffer, filled, wanted - filled, start + filled);
      if (read === 0) break;
      filled += read;
    }
    if (filled < needed) throw new Error(`${this.file} ends before the value set aside at ${at}`);
    return filled;
  }

  /**
   * Writes what waits and opens the file for reading, so the ledger can still be read once its
   * folder is gone: a build's commit removes its staging folder, and its cache state and the
   * hand-over read the summaries after it (which the manifest, reading them first, used to open).
   */
  open(): void {
    if (this.out === null) return;
    this.out.flush();
    if (this.bytes > 0) this.fd ??= openSync(this.file!, 'r');
  }

  /** Closes the file if it was read (the ledger can be read again: it opens it again). */
  close(): void {
    this.window = null;
    this.windowLength = 0;
    if (this.fd === null) return;
    const fd = this.fd;
    this.fd = null;
    closeSync(fd);
  }
}
