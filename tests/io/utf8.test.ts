import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { ownUtf8, SCRATCH_MAX_BYTES, Utf8Chunks, utf8Of, writeAll } from '../../src/io/utf8.js';

/** A long text's length: what Node's transcoder took until change 233 (a record, a page, a table's rows are longer). */
const LONG = 2048;

/** Texts whose UTF-8 is easy to get wrong: every width, pairs, lone surrogates, nothing at all. */
const pieces = ['', 'ascii', '中文（全角）', '😀', 'a\ud83d', '\ude00b', 'lone \ud800 high', '\udc00 lone low', '\ud83d', '', 'é', '\ud83d'];

describe('utf8Of', () => {
  it('gives Buffer.from of the pieces joined, byte for byte, a pair split between two pieces included', () => {
    for (let from = 0; from < pieces.length; from++) {
      for (let to = from; to <= pieces.length; to++) {
        const some = pieces.slice(from, to);
        expect(Buffer.from(utf8Of(some)).equals(Buffer.from(some.join(''))), JSON.stringify(some)).toBe(true);
      }
    }
    expect(Buffer.from(utf8Of('中')).equals(Buffer.from('中'))).toBe(true);
  });

  it('grows past its first megabyte, and a view is the bytes until the next call', () => {
    const big = '字'.repeat(700_000); // 2.1 MB of UTF-8
    const bytes = utf8Of([big, 'x']);
    expect(bytes.length).toBe(2_100_001);
    expect(Buffer.from(bytes).equals(Buffer.from(`${big}x`))).toBe(true);
    const kept = Buffer.from(utf8Of('first'));
    expect(Buffer.from(utf8Of('second')).toString()).toBe('second');
    expect(kept.toString()).toBe('first');
  });

  it('a text larger than the scratch buffer may grow to is encoded apart: the buffer the next texts share stays at most SCRATCH_MAX_BYTES', () => {
    // A build's manifest (~3 KB an input) grew the thread's buffer to three bytes a character of
    // it, for the rest of the process: ~20 MB after a 2,000-article build.
    const manifest = `{${'"x": 1,\n'.repeat(700_000)}}`; // 5.6 M units: 16.8 MB reserved at three bytes a unit
    const bytes = utf8Of(manifest);
    expect(bytes.length).toBe(manifest.length);
    expect(Buffer.from(bytes).equals(Buffer.from(manifest))).toBe(true);
    expect(utf8Of('next').buffer.byteLength).toBeLessThanOrEqual(SCRATCH_MAX_BYTES);
    // A short text and a long one are views of the one scratch buffer: no buffer made a text.
    const short = 'x'.repeat(LONG - 1);
    expect(utf8Of(short).buffer).toBe(utf8Of('next').buffer);
    // Before (change 233): a text of 2,048 units or more had a buffer of its own, the transcoder's.
    const record = `{"title":"${'干细胞 stem cells，'.repeat(2_250)}"}`; // ~36,000 units: a record
    expect(utf8Of(record).buffer).toBe(utf8Of('next').buffer);
    expect(Buffer.from(utf8Of(record)).equals(Buffer.from(record))).toBe(true);
  });

  /** Long pieces, from units that make every case. */
  const longPieces = (...middle: string[]) => ['中'.repeat(LONG), ...middle, 'tail é 😀'];

  it('a long text gives Buffer.from of the pieces joined: pairs split between pieces, Latin-1, ASCII, NUL, U+FFFF', () => {
    const cases = [
      longPieces(),
      longPieces('a\ud83d', '\ude00b'), // a pair split between two pieces
      ['x'.repeat(LONG)], // ASCII only
      ['é'.repeat(LONG)], // Latin-1 only (one byte a unit in V8, two in UTF-8)
      longPieces('\u0000', '\uffff', '\ufeff', '\u2028'),
      [`${'字'.repeat(LONG - 1)}\ud83d`, '\ude00'], // a pair split at the end
    ];
    for (const some of cases) {
      const bytes = utf8Of(some);
      expect(Buffer.from(bytes).equals(Buffer.from(some.join(''))), JSON.stringify(some.map((p) => p.slice(0, 8)))).toBe(true);
    }
  });

  it('a long text with a lone surrogate writes it as U+FFFD, as Buffer.from does', () => {
    for (const lone of ['\ud800', '\udc00', 'a\ud83d', '\ude00b']) {
      const some = longPieces(lone);
      expect(Buffer.from(utf8Of(some)).equals(Buffer.from(some.join('')))).toBe(true);
    }
    // A high surrogate last in the text, and a low one first.
    expect(Buffer.from(utf8Of(['中'.repeat(LONG), '\ud83d'])).equals(Buffer.from(`${'中'.repeat(LONG)}\ud83d`))).toBe(true);
    expect(Buffer.from(utf8Of(['\ude00', '中'.repeat(LONG)])).equals(Buffer.from(`\ude00${'中'.repeat(LONG)}`))).toBe(true);
  });

  it('any pieces, long or short, give Buffer.from of them joined (property)', () => {
    // Units drawn so that surrogates (paired or not), Latin-1 and CJK all come often.
    const unit = fc.oneof(
      fc.integer({ min: 0, max: 0x7f }),
      fc.integer({ min: 0x80, max: 0xff }),
      fc.integer({ min: 0x4e00, max: 0x4e40 }),
      fc.integer({ min: 0xd800, max: 0xdfff }),
      fc.constant(0xd83d),
      fc.constant(0xde00),
    );
    const piece = fc.tuple(fc.array(unit, { maxLength: 40 }), fc.nat({ max: 3 * LONG }), fc.constantFrom('中', 'x', 'é')).map(([units, pad, fill]) => fill.repeat(pad % 2 === 0 ? 0 : pad) + String.fromCharCode(...units));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 5 }), (some) => {
        expect(Buffer.from(utf8Of(some)).equals(Buffer.from(some.join('')))).toBe(true);
        const chunks: Buffer[] = [];
        const sink = new Utf8Chunks((bytes) => chunks.push(Buffer.from(bytes)), 256);
        for (const p of some) sink.add(p);
        sink.flush();
        expect(Buffer.concat(chunks).equals(Buffer.from(some.join('')))).toBe(true);
      }),
      { numRuns: 400, seed: 17 },
    );
  });
});

describe("a thread's scratch buffer", () => {
  /** This module as a thread that has encoded nothing yet sees it: loaded afresh. */
  const freshModule = async () => {
    vi.resetModules();
    return import('../../src/io/utf8.js');
  };

  it('is made at the first text at the size of a line, not of a record, and grown only when a text\'s UTF-8 fills it', async () => {
    const { utf8Of: fresh, SCRATCH_MAX_BYTES: most } = await freshModule();
    // Before (change 233): 1 MB made as the module loaded, in every thread.
    expect(fresh('x').buffer.byteLength).toBeLessThanOrEqual(64 << 10);
    // 400,000 ASCII units, 400 KB of UTF-8: before, room for three bytes a unit made it 2 MB.
    const ascii = 'x'.repeat(400_000);
    expect(Buffer.from(fresh(ascii)).equals(Buffer.from(ascii))).toBe(true);
    expect(fresh('next').buffer.byteLength).toBeLessThan(2 * ascii.length);
    // 2 M units, 2 MB of UTF-8 (6 MB at three bytes a unit): before, a buffer of its own; now the scratch buffer, grown within its bound.
    const long = `${'y'.repeat(2_000_000)}é`;
    const bytes = fresh(long);
    expect(bytes.buffer).toBe(fresh('next').buffer);
    expect(bytes.buffer.byteLength).toBeLessThanOrEqual(most);
    expect(Buffer.from(fresh(long)).equals(Buffer.from(long))).toBe(true);
  });

  it('a text whose last characters meet the end of the buffer gives Buffer.from of it: every width, a pair split between pieces, a lone surrogate', async () => {
    const ends = ['中', '😀', 'é', 'z', '\ud800', '\udc00', ['a\ud83d', '\ude00b'], ['中\ud83d', '\ude00']];
    for (const end of ends) {
      for (let short = 0; short <= 9; short++) {
        // A buffer as a thread's first text finds it (a text that ends within a character of its end grows it).
        const { utf8Of: fresh } = await freshModule();
        const size = fresh('').buffer.byteLength;
        const tail = typeof end === 'string' ? [end] : end;
        const some = ['x'.repeat(size - Buffer.byteLength(tail.join('')) - short), ...tail];
        expect(Buffer.from(fresh(some)).equals(Buffer.from(some.join(''))), `${JSON.stringify(tail)} ${short} short of ${size}`).toBe(true);
        expect(Buffer.from(fresh(some.join(''))).equals(Buffer.from(some.join('')))).toBe(true);
      }
    }
  });
});

describe('Utf8Chunks', () => {
  const collect = (texts: string[], chunkBytes?: number) => {
    const chunks: Buffer[] = [];
    const sink = new Utf8Chunks((bytes) => chunks.push(Buffer.from(bytes)), chunkBytes);
    for (const text of texts) sink.add(text);
    sink.flush();
    return chunks;
  };

  it('hands on exactly Buffer.from of everything added, in chunks of about the size asked, pairs split between pieces whole', () => {
    const texts = Array.from({ length: 400 }, (_, i) => pieces[i % pieces.length]! + '行'.repeat(i % 37));
    const chunks = collect(texts, 256);
    expect(Buffer.concat(chunks).equals(Buffer.from(texts.join('')))).toBe(true);
    expect(chunks.length).toBeGreaterThan(10);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(256 + 200);
    // A piece larger than a chunk goes through whole.
    const huge = 'é'.repeat(10_000);
    expect(Buffer.concat(collect(['a', huge, 'b'], 256)).equals(Buffer.from(`a${huge}b`))).toBe(true);
    expect(collect([])).toEqual([]);
  });

  it('takes bytes already encoded between texts, in order and in the same chunks (rows that crossed from a worker)', () => {
    const chunks: Buffer[] = [];
    const sink = new Utf8Chunks((bytes) => chunks.push(Buffer.from(bytes)), 256);
    const parts: (string | Uint8Array)[] = [];
    for (let i = 0; i < 300; i++) parts.push(i % 3 === 0 ? new TextEncoder().encode(`字节${i}`.repeat(i % 50)) : pieces[i % pieces.length]!);
    // A high surrogate a text ended with goes before the bytes that follow it, as flush writes it.
    parts.push('x\ud83d', new TextEncoder().encode('after'), new TextEncoder().encode('y'.repeat(2000)), '', new Uint8Array(0), 'end');
    for (const part of parts) if (typeof part === 'string') sink.add(part);
    else sink.addBytes(part);
    sink.flush();
    // Texts next to each other are one text (a pair split between two is whole); bytes stand apart.
    const runs: (string | Uint8Array)[] = [];
    for (const part of parts) {
      const last = runs.length - 1;
      if (typeof part === 'string' && typeof runs[last] === 'string') runs[last] += part;
      else runs.push(part);
    }
    const expected = Buffer.concat(runs.map((run) => (typeof run === 'string' ? Buffer.from(run) : Buffer.from(run))));
    expect(Buffer.concat(chunks).equals(expected)).toBe(true);
    expect(chunks.length).toBeGreaterThan(10);
  });

  it("hands a piece longer than its buffer on from the thread's scratch buffer: no buffer made for it, its own not grown", () => {
    const seen: { buffer: ArrayBufferLike; bytes: Buffer }[] = [];
    const sink = new Utf8Chunks((bytes) => seen.push({ buffer: bytes.buffer, bytes: Buffer.from(bytes) }), 256); // a 512-byte buffer
    const rows = '{"term":"间充质干细胞"}\n'.repeat(300); // ~5,700 units: a long table's rows
    const texts = ['a', rows, 'b'.repeat(100), `\udc00${rows}`, 'c'.repeat(100)]; // a lone surrogate too (the transcoder refused those)
    for (const text of texts) sink.add(text);
    sink.flush();
    expect(Buffer.concat(seen.map((s) => s.bytes)).equals(Buffer.from(texts.join('')))).toBe(true);
    const scratch = utf8Of('').buffer;
    const own = seen[0]!.buffer;
    expect(own.byteLength).toBe(512);
    // Before (change 233): the rows' bytes came in a buffer of the transcoder's, and the rows with
    // a lone surrogate grew the sink's buffer to three bytes a unit of them, for as long as it lived.
    expect(seen.filter((s) => s.buffer === scratch).map((s) => s.bytes.length)).toEqual([Buffer.byteLength(rows), Buffer.byteLength(`\udc00${rows}`)]);
    expect(seen.every((s) => s.buffer === scratch || s.buffer === own)).toBe(true);
  });

  it('keeps what it could not hand on: flushing again tries the same bytes', () => {
    let fail = true;
    const got: string[] = [];
    const sink = new Utf8Chunks((bytes) => {
      if (fail) throw new Error('ENOSPC');
      got.push(bytes.toString());
    });
    sink.add('kept');
    expect(() => sink.flush()).toThrow('ENOSPC');
    fail = false;
    sink.flush();
    expect(got).toEqual(['kept']);
  });
});

describe('writeAll', () => {
  it('writes what a short write left, and fails on a write that takes nothing', () => {
    const written: number[] = [];
    writeAll({ writeSync: (_fd, data) => (written.push(data.length), Math.min(3, data.length)) }, 1, Buffer.from('0123456789'));
    expect(written).toEqual([10, 7, 4, 1]);
    expect(() => writeAll({ writeSync: () => 0 }, 1, Buffer.from('x'))).toThrow(/EIO/);
  });
});

describe('ownUtf8', () => {
  it("gives Buffer.from's bytes in an ArrayBuffer of their own, whole, that the next texts leave alone and a port can move", () => {
    const texts = [...pieces, pieces.join(''), '中'.repeat(LONG), `${'干细胞 stem cells，'.repeat(2_250)}\ud800`];
    for (const text of texts) {
      const own = ownUtf8(text);
      expect(Buffer.from(own).equals(Buffer.from(text)), JSON.stringify(text.slice(0, 8))).toBe(true);
      // Whole: its buffer is its bytes (a view of a pool or of the scratch buffer would move them all, or fail).
      expect([own.byteOffset, own.byteLength]).toEqual([0, own.buffer.byteLength]);
      expect(own.buffer).not.toBe(utf8Of('next').buffer);
      utf8Of('written over');
      expect(Buffer.from(own).equals(Buffer.from(text))).toBe(true);
      const moved = structuredClone(own, { transfer: [own.buffer as ArrayBuffer] });
      expect(own.buffer.byteLength).toBe(0);
      expect(Buffer.from(moved).equals(Buffer.from(text))).toBe(true);
    }
  });
});
