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
 * Bytes UTF-8 takes for one character, at most (a surrogate pair): V8's encoder stops before a
 * character that does not fit, so a write that leaves at least this much room wrote all it was given.
 */
const MAX_BYTES_PER_CHARACTER = 4;

/**
 * The most this thread's buffers grow to, never shrunk: a longer text is encoded into a buffer of
 * its own, let go after (grown to a whole manifest, the scratch buffer held ~20 MB after a
 * 2,000-article build: BENCHMARKS.md, "Change: a build keeps nothing per input it does not need").
 * A text that grows with a build's inputs is written in pieces instead ("what a build holds per
 * input, ranked").
 */
export const SCRATCH_MAX_BYTES = 4 << 20;

/** The scratch buffer's size at a thread's first text: a line's or a short page's; a record grows it once or twice. */
const SCRATCH_FIRST_BYTES = 64 << 10;

/**
 * This thread's buffer for {@link utf8Of}: made at its first text, grown when a text's UTF-8 fills
 * it, up to {@link SCRATCH_MAX_BYTES}, never shrunk (change 242: it was made at 1 MB as the module
 * loaded, in every thread, and grown to three bytes a unit of a text whatever its UTF-8 took).
 */
let scratch: Buffer | null = null;

/** Whether a piece ends half-way through a surrogate pair (its next piece holds the other half). */
function endsInHighSurrogate(piece: string): boolean {
  const last = piece.charCodeAt(piece.length - 1);
  return last >= 0xd800 && last <= 0xdbff;
}

/** {@link writePieces}' answer for pieces that may not all have fit (the room left after one was under a character's). */
const MAY_NOT_FIT = -1;
/** {@link writePieces}' answer for a pair split between two pieces (written apart, two replacement characters). */
const SPLIT_PAIR = -2;

/** Writes `pieces` into `target` from its start: the bytes' end, or why they must be written again. */
function writePieces(target: Buffer, pieces: readonly string[]): number {
  let at = 0;
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i]!;
    if (piece.length === 0) continue;
    at += target.write(piece, at);
    if (target.length - at < MAX_BYTES_PER_CHARACTER) return MAY_NOT_FIT;
    // Asked once the piece is written, so flat (asked before, V8 would flatten it there).
    if (i < pieces.length - 1 && endsInHighSurrogate(piece)) return SPLIT_PAIR;
  }
  return at;
}

/**
 * The UTF-8 bytes of `text` (exactly `Buffer.from` of the pieces joined) as a view of this
 * thread's scratch buffer, valid until the next call — a record or a page as much as a line (a
 * text whose UTF-8 is past {@link SCRATCH_MAX_BYTES} in a buffer of its own). Written or compared
 * at once, copied to keep ({@link ownUtf8}).
 *
 * Every text by V8's encoder (`Buffer.write`) into a buffer kept: Node's transcoder (`buffer.transcode`,
 * taken from 2,048 units until change 233) counted a third of V8's instructions a character, but
 * each call copied its source and made its result in memory of its own, fresh pages the kernel
 * faults in and the collector frees (BENCHMARKS.md, changes 230 and 233). The write is limited to
 * the buffer: one that fills it is measured and written again into room for what it takes.
 */
export function utf8Of(text: Text): Uint8Array {
  const pieces: readonly string[] = typeof text === 'string' ? [text] : text;
  let target = (scratch ??= Buffer.allocUnsafeSlow(SCRATCH_FIRST_BYTES));
  for (;;) {
    const end = writePieces(target, pieces);
    if (end >= 0) return target.subarray(0, end);
    // A pair split between two pieces would be two replacement characters: join them.
    if (end === SPLIT_PAIR) return utf8Of(pieces.join(''));
    // Room for every byte and a character more, so that the next write leaves room and says it fit.
    let most = MAX_BYTES_PER_CHARACTER;
    for (const piece of pieces) most += Buffer.byteLength(piece);
    if (most > SCRATCH_MAX_BYTES) target = Buffer.allocUnsafeSlow(most);
    else target = scratch = Buffer.allocUnsafeSlow(Math.min(SCRATCH_MAX_BYTES, Math.max(most, target.length * 2)));
  }
}

/**
 * The UTF-8 bytes of `text` in an ArrayBuffer of their own, whole (never a slice of a pool or of
 * the scratch buffer): bytes a worker moves to the build thread. Encoded by {@link utf8Of} and
 * copied: one allocation of the exact size, where `TextEncoder.encode` measures the text first
 * and Node's transcoder made three.
 */
export function ownUtf8(text: string): Uint8Array {
  const bytes = utf8Of(text);
  const own = Buffer.allocUnsafeSlow(bytes.length);
  own.set(bytes);
  return own;
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
    const most = piece.length * MAX_BYTES_PER_UNIT;
    if (most > this.buffer.length) {
      // More than this buffer may ever take (a long table's rows for one article): encoded into the
      // thread's scratch buffer and handed on from there, this one not grown to it for good.
      this.put(utf8Of(piece));
      return;
    }
    if (this.used + most > this.buffer.length) this.handOn();
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
