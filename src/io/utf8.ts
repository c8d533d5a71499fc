import * as nodeBuffer from 'node:buffer';
import type { WriteFs } from './fs.js';

/**
 * A file's text: one string, or pieces written one after another, never joined (joining, or
 * encoding a string made with `+`, first copies it whole into a new flat string: for a page, a
 * large allocation the kernel faults in; BENCHMARKS.md, "Change: a build's output encoded once").
 */
export type Text = string | readonly string[];

/** Bytes UTF-8 may take for a UTF-16 code unit, at most. */
const MAX_BYTES_PER_UNIT = 3;

/**
 * The most this thread's buffers grow to, never shrunk: a longer text is encoded into a buffer of
 * its own, let go after (grown to a whole manifest, the scratch buffer held ~20 MB after a
 * 2,000-article build: BENCHMARKS.md, "Change: a build keeps nothing per input it does not need").
 * A text that grows with a build's inputs is written in pieces instead ("what a build holds per
 * input, ranked").
 */
export const SCRATCH_MAX_BYTES = 4 << 20;

/** This thread's buffer for {@link utf8Of}: grown when a text needs more, up to {@link SCRATCH_MAX_BYTES}, never shrunk. */
let scratch: Buffer = Buffer.allocUnsafeSlow(1 << 20);

/** Whether a piece ends half-way through a surrogate pair (its next piece holds the other half). */
function endsInHighSurrogate(piece: string): boolean {
  const last = piece.charCodeAt(piece.length - 1);
  return last >= 0xd800 && last <= 0xdbff;
}

/**
 * Texts of at least this many UTF-16 units are encoded by {@link transcoded}; shorter ones by V8's
 * encoder, whose fixed cost per call is lower.
 */
export const TRANSCODE_MIN_UNITS = 2048;

/** Node's transcoder (absent from a Node built without ICU: then V8's encoder does everything). */
const transcode: typeof nodeBuffer.transcode | undefined = nodeBuffer.transcode;

/** This thread's buffer for the UTF-16 copy {@link transcoded} makes: grown up to {@link SCRATCH_MAX_BYTES}, never shrunk. */
let wide: Buffer | null = null;

/**
 * The UTF-8 bytes of `pieces` joined (`units` UTF-16 units in all), in a buffer of their own, or
 * null when the text holds a lone surrogate (which Node's transcoder refuses: V8's encoder writes
 * it as U+FFFD, and the caller encodes it so).
 *
 * V8's encoder (`Buffer.write`, `TextEncoder`) reads a two-byte string a character at a time, ~13
 * instructions each, the largest named function of a build's profile (BENCHMARKS.md, "a file's
 * text encoded to UTF-8 in one pass"). Here the pieces are copied as UTF-16 into one buffer,
 * converted at once by Node's transcoder (simdutf, ~4 instructions a character): the same bytes,
 * valid UTF-16 having one UTF-8 form. A pair split between two pieces is whole in the copy.
 */
export function transcoded(pieces: readonly string[], units: number): Uint8Array | null {
  // Uint8Array, not Buffer, in the signature: the published types must not need @types/node.
  if (transcode === undefined) return null;
  const size = units * 2;
  let target: Buffer;
  if (size > SCRATCH_MAX_BYTES) target = Buffer.allocUnsafeSlow(size);
  else {
    // The next power of two that holds the text, from 64 KB: at most twice its largest text (a
    // 1 MB floor was ~9 KB an input of what a 120-article build holds, `npm run bench -- --ci`).
    if (wide === null || size > wide.length) wide = Buffer.allocUnsafeSlow(Math.min(SCRATCH_MAX_BYTES, Math.max(1 << 16, 2 ** Math.ceil(Math.log2(size)))));
    target = wide;
  }
  let at = 0;
  for (const piece of pieces) at += target.write(piece, at, 'utf16le');
  try {
    return transcode(target.subarray(0, at), 'utf16le', 'utf8');
  } catch {
    return null; // a lone surrogate (U_INVALID_CHAR_FOUND)
  }
}

/**
 * The UTF-8 bytes of `text` (exactly `Buffer.from` of the pieces joined): a text of
 * {@link TRANSCODE_MIN_UNITS} or more in a buffer of its own ({@link transcoded}: a record, a
 * page), a shorter one as a view of this thread's scratch buffer, valid until the next call.
 * Written or compared at once, copied to keep.
 */
export function utf8Of(text: Text): Uint8Array {
  const pieces: readonly string[] = typeof text === 'string' ? [text] : text;
  let units = 0;
  for (const piece of pieces) units += piece.length;
  if (units >= TRANSCODE_MIN_UNITS) {
    const bytes = transcoded(pieces, units);
    if (bytes !== null) return bytes;
  }
  const most = units * MAX_BYTES_PER_UNIT;
  let target = scratch;
  if (most > SCRATCH_MAX_BYTES) target = Buffer.allocUnsafeSlow(most);
  else if (most > scratch.length) target = scratch = Buffer.allocUnsafeSlow(Math.min(SCRATCH_MAX_BYTES, Math.max(most, scratch.length * 2)));
  let at = 0;
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i]!;
    if (piece.length === 0) continue;
    at += target.write(piece, at);
    // A pair split between two pieces would be two replacement characters: join them. Asked once
    // the piece is written, so flat (asked before, V8 would flatten it there).
    if (i < pieces.length - 1 && endsInHighSurrogate(piece)) return utf8Of(pieces.join(''));
  }
  return target.subarray(0, at);
}

/** Writes all of `bytes` at the descriptor's position (a write may take fewer bytes than it is given). */
export function writeAll(fs: Pick<WriteFs, 'writeSync'>, fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length; ) {
    const n = fs.writeSync(fd, done === 0 ? bytes : bytes.subarray(done));
    if (!(n > 0)) throw Object.assign(new Error(`EIO: a write took nothing (${bytes.length - done} bytes left)`), { code: 'EIO' });
    done += n;
  }
}

/**
 * Text appended a piece at a time and handed on as UTF-8 chunks of about `chunkBytes` (a table
 * or a set-aside file streamed to disk, and hashed on the way): each piece is encoded once, into
 * this object's own buffer, where joining the pieces into a string and encoding that copied them
 * twice. `emit` receives a view of that buffer, valid only during the call.
 */
export class Utf8Chunks {
  private buffer: Buffer;
  private used = 0;
  /** The high half of a pair a piece ended with: written with the next piece (never seen in digest's own texts, whole JSON each). */
  private carry = '';

  constructor(
    private readonly emit: (bytes: Uint8Array) => void,
    private readonly chunkBytes = 1 << 16,
  ) {
    this.buffer = Buffer.allocUnsafeSlow(chunkBytes * 2);
  }

  /** Appends a piece; a chunk is handed on once `chunkBytes` are waiting. */
  add(piece: string): void {
    if (this.carry !== '') {
      piece = this.carry + piece;
      this.carry = '';
    }
    if (piece.length === 0) return;
    if (endsInHighSurrogate(piece)) {
      this.carry = piece.slice(-1);
      piece = piece.slice(0, -1);
    }
    this.write(piece);
  }

  /** Appends bytes already encoded (whole characters): after what waits, in the same chunks. */
  addBytes(bytes: Uint8Array): void {
    if (this.carry !== '') {
      const carry = this.carry;
      this.carry = '';
      this.write(carry);
    }
    this.put(bytes);
  }

  /** Appends whole characters' bytes: into the chunk waiting, or handed on as they are when larger than the buffer. */
  private put(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    if (this.used + bytes.length > this.buffer.length) {
      this.handOn();
      if (bytes.length > this.buffer.length) {
        this.emit(bytes);
        return;
      }
    }
    this.buffer.set(bytes, this.used);
    this.used += bytes.length;
    if (this.used >= this.chunkBytes) this.handOn();
  }

  /** Hands on whatever is waiting (a high surrogate left over is written as itself, as Buffer.from writes one). */
  flush(): void {
    if (this.carry !== '') {
      const carry = this.carry;
      this.carry = '';
      this.write(carry);
    }
    this.handOn();
  }

  private write(piece: string): void {
    // A long piece (a table's rows for one article) through the transcoder, as utf8Of does.
    const bytes = piece.length >= TRANSCODE_MIN_UNITS ? transcoded([piece], piece.length) : null;
    if (bytes !== null) {
      this.put(bytes);
      return;
    }
    const most = piece.length * MAX_BYTES_PER_UNIT;
    if (this.used + most > this.buffer.length) {
      this.handOn();
      if (most > this.buffer.length) this.buffer = Buffer.allocUnsafeSlow(most);
    }
    this.used += this.buffer.write(piece, this.used);
    if (this.used >= this.chunkBytes) this.handOn();
  }

  private handOn(): void {
    if (this.used === 0) return;
    // Kept when `emit` throws (a full disk): flushing again tries the same bytes again.
    this.emit(this.buffer.subarray(0, this.used));
    this.used = 0;
  }
}

/** Text as it is, or UTF-8 bytes (a worker's, transferred) as text. */
export function utf8Text(value: string | Uint8Array): string {
  return typeof value === 'string' ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8');
}
