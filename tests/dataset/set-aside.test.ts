import { existsSync, mkdtempSync, readFileSync, readSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it, vi } from 'vitest';
import { Ledger, SetAside, TextSpool } from '../../src/dataset/set-aside.js';
import { OutputError } from '../../src/io/errors.js';
import { realFs } from '../../src/io/fs.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'digest-set-aside-'));

// readSync watched: a ledger read in order reads ahead (issue 17).
vi.mock('node:fs', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:fs')>();
  return { ...original, readSync: vi.fn(original.readSync) };
});

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

describe('SetAside: what a build keeps for its end, out of memory', () => {
  it('JSON texts go to the file as they come, objects stay in memory, and all come back in the order they were added', () => {
    const file = join(tmp(), 'search.jsonl');
    const aside = new SetAside<{ id: string; text?: string }>(file, realFs);
    aside.add(JSON.stringify({ id: 'a', text: '强直性脊柱炎\nline two' }));
    aside.add({ id: 'kept' });
    // Past the 64 KB buffer: the file is begun before the end.
    for (let i = 0; i < 40; i++) aside.add(JSON.stringify({ id: `n${i}`, text: '干细胞'.repeat(1000) }));
    expect(existsSync(file)).toBe(true);
    const values = [...aside.values()];
    // The build adds them in id order and writes its end as streams in that order.
    expect(values.map((v) => v.id)).toEqual(['a', 'kept', ...Array.from({ length: 40 }, (_, i) => `n${i}`)]);
    expect(values[0]!.text).toBe('强直性脊柱炎\nline two');
    expect(aside.size).toBe(42);
    expect(readFileSync(file, 'utf8').split('\n')).toHaveLength(42); // one line per text, and the last line feed
    // Read again, the same values.
    expect([...aside.values()]).toEqual(values);
  });

  it('a value longer than the megabyte it is read back by, split anywhere in a character, comes back whole', () => {
    const file = join(tmp(), 'changes.jsonl');
    const aside = new SetAside<{ text: string }>(file, realFs);
    const long = `x${'间充质干细胞'.repeat(250_000)}`; // 1.5 M characters, 4.5 MB of UTF-8, odd offset
    aside.add(JSON.stringify({ text: 'short' }));
    aside.add(JSON.stringify({ text: long }));
    aside.add(JSON.stringify({ text: 'after' }));
    expect([...aside.values()].map((v) => v.text)).toEqual(['short', long, 'after']);
  });

  it('without a file (check mode writes nothing) everything stays in memory; nothing set aside, nothing read', () => {
    const aside = new SetAside<{ id: string }>(null, realFs);
    aside.add(JSON.stringify({ id: 'a' }));
    aside.add({ id: 'b' });
    aside.add(JSON.stringify({ id: 'c', text: 'an object with a text field is still the value' }));
    expect([...aside.values()]).toEqual([{ id: 'a' }, { id: 'b' }, { id: 'c', text: 'an object with a text field is still the value' }]);
    const file = join(tmp(), 'never.jsonl');
    expect([...new SetAside(file, realFs).values()]).toEqual([]);
    expect(existsSync(file)).toBe(false);
  });

  it('texts: each line as it was added, never parsed (an object as its JSON), in order, with or without a file', () => {
    for (const file of [join(tmp(), 'search-items.txt'), null]) {
      const aside = new SetAside<{ id: string }>(file, realFs);
      aside.add('3 17 {"article":0,"at":"s0-1"}{"title":"x y"}');
      aside.add({ id: 'kept' });
      aside.add('not JSON at all: 间充质 \u2028');
      expect([...aside.texts()]).toEqual(['3 17 {"article":0,"at":"s0-1"}{"title":"x y"}', '{"id":"kept"}', 'not JSON at all: 间充质 \u2028']);
      expect(file === null || existsSync(file)).toBe(true);
    }
  });

  it('textBytes: each line as texts gives it, as its UTF-8 bytes, never decoded — lines across the reads, objects and texts in memory too', () => {
    const file = join(tmp(), 'search-items.txt');
    const aside = new SetAside<{ id: string }>(file, realFs);
    const added: string[] = [];
    aside.add({ id: 'kept' });
    added.push(JSON.stringify({ id: 'kept' }));
    // ~1.9 MB of lines of odd lengths: some cross a read.
    for (let i = 0; i < 700; i++) {
      const line = `${i} ${'干细胞x'.repeat(i % 300)}`;
      aside.addText(`${i} `, new TextEncoder().encode('干细胞x'.repeat(i % 300)));
      added.push(line);
    }
    const lines = [...aside.texts()];
    expect(lines).toEqual(added);
    const bytes: string[] = [];
    for (const line of aside.textBytes()) bytes.push(Buffer.from(line).toString('utf8'));
    expect(bytes).toEqual(added);
    const inMemory = new SetAside<never>(null, realFs);
    inMemory.addText('a ', '强直性脊柱炎');
    expect([...inMemory.textBytes()].map((line) => Buffer.from(line).toString('utf8'))).toEqual(['a 强直性脊柱炎']);
  });

  it('the file is read back into one buffer used again (a line cut by a read moved to its front), and a larger one only for a longer line: not fresh memory for every read', () => {
    const file = join(tmp(), 'search-items.txt');
    const aside = new SetAside<never>(file, realFs);
    const added: string[] = [];
    // ~2.3 MB of lines (each cut by a read somewhere, as it falls), then one of ~0.8 MB, then short ones again.
    for (let i = 0; i < 3000; i++) added.push(`${i} ${'间充质'.repeat(i % 500)}`);
    added.push(`long ${'干'.repeat(280_000)}`);
    for (let i = 0; i < 10; i++) added.push(`after ${i}`);
    for (const line of added) aside.addText(line);
    const lines: string[] = [];
    const buffers = new Map<ArrayBufferLike, number>();
    for (const line of aside.textBytes()) {
      lines.push(Buffer.from(line).toString('utf8'));
      buffers.set(line.buffer, line.buffer.byteLength);
    }
    expect(lines).toEqual(added);
    // One buffer of 256 KB for the short lines, one larger for the long line (and those after it):
    // read a megabyte at a time, each read joined to the rest of the last, they were ~4 MB of buffers.
    expect(buffers.size).toBeLessThanOrEqual(2);
    expect([...buffers.values()].reduce((a, b) => a + b, 0)).toBeLessThan(1.5 * 2 ** 20);
  });

  it('a write that fails is the build’s OutputError, naming the file', () => {
    const file = join(tmp(), 'search.jsonl');
    const full = { ...realFs, writeSync: () => { throw Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' }); } };
    const aside = new SetAside(file, full);
    aside.add(JSON.stringify({ id: 'a' }));
    expect(() => [...aside.values()]).toThrow(OutputError);
    expect(() => [...aside.values()]).toThrow(`cannot write ${file}: no space left on the device (ENOSPC)`);
  });
});

describe('TextSpool: text made ahead and read back once', () => {
  it('passing pieces: the file read into one buffer again and again, 64 KB a piece (a build hashes and writes each before the next); else each piece its own buffer', () => {
    const file = join(tmp(), 'changes.txt');
    const spool = new TextSpool(file, realFs);
    const text = Array.from({ length: 4000 }, (_, i) => `{"id":"${i}","title":"${'干细胞'.repeat(i % 90)}"}`).join(',\n');
    spool.add(text.slice(0, 5000));
    spool.add(Buffer.from(text.slice(5000), 'utf8'));
    const passed: Buffer[] = [];
    const buffers = new Set<ArrayBufferLike>();
    for (const piece of spool.pieces(true)) {
      expect(typeof piece).not.toBe('string');
      buffers.add((piece as Uint8Array).buffer);
      passed.push(Buffer.from(piece));
    }
    expect(Buffer.concat(passed).toString('utf8')).toBe(text);
    expect(buffers.size).toBe(1);
    // Every piece but the last fills the buffer (a streamed file's pieces stay small: tests/dataset/build.test.ts).
    expect(passed.length).toBeGreaterThan(2);
    expect(passed.slice(0, -1).every((piece) => piece.length === 1 << 16)).toBe(true);
    const kept = [...spool.pieces()] as Uint8Array[];
    expect(Buffer.concat(kept).toString('utf8')).toBe(text);
    expect(new Set(kept.map((piece) => piece.buffer)).size).toBe(kept.length);
  });
});

describe('Ledger: a value a position, read back by position', () => {
  it('texts go to the file, each read back alone by its position in any order and as often as asked; objects stay as they are', () => {
    const file = join(tmp(), 'summaries.jsonl');
    const ledger = new Ledger<{ path: string; title?: string }>(file, realFs);
    const kept = { path: 'kept' };
    ledger.add(JSON.stringify({ path: 'a', title: '强直性脊柱炎\nline two' }));
    ledger.add(kept);
    // Past the 64 KB buffer: the file is begun before the end.
    for (let i = 0; i < 40; i++) ledger.add(JSON.stringify({ path: `n${i}`, title: '干细胞'.repeat(1000) }));
    expect(ledger.size).toBe(42);
    expect(ledger.get(41).path).toBe('n39');
    expect(ledger.get(0)).toEqual({ path: 'a', title: '强直性脊柱炎\nline two' });
    expect(ledger.get(1)).toBe(kept);
    expect(ledger.text(1)).toBeNull();
    expect(ledger.text(2)).toBe(JSON.stringify({ path: 'n0', title: '干细胞'.repeat(1000) }));
    // Each read of a text is a value of its own: nothing read is kept by the ledger.
    expect(ledger.get(0)).not.toBe(ledger.get(0));
    expect(readFileSync(file, 'utf8').split('\n')).toHaveLength(42);
    // What it holds of the texts: their places only, in memory no value but the object added as one.
    expect((ledger as unknown as { held: Map<number, unknown> }).held.size).toBe(1);
    // Added after a read, read back too.
    ledger.add(JSON.stringify({ path: 'late' }));
    expect(ledger.get(42).path).toBe('late');
    expect(() => ledger.get(43)).toThrow(RangeError);
    ledger.close();
    expect(ledger.get(0).path).toBe('a');
    ledger.close();
  });

  it('knows each position by where its text ends: empty texts, objects and texts in any mix read back as added', () => {
    const file = join(tmp(), 'summaries.jsonl');
    const ledger = new Ledger<{ n: number }>(file, realFs);
    const added: ({ n: number } | string)[] = [];
    for (let i = 0; i < 300; i++) {
      // An object now and then, runs of them, empty texts (a line of no bytes), texts of every length.
      const value = i % 7 === 3 || (i >= 100 && i < 110) ? { n: i } : i % 11 === 0 ? '' : JSON.stringify({ n: i, pad: 'é'.repeat(i % 13) });
      added.push(value);
      ledger.add(value);
    }
    added.forEach((value, at) => {
      if (typeof value === 'string') expect(ledger.text(at)).toBe(value);
      else expect([ledger.text(at), ledger.get(at)]).toEqual([null, value]);
    });
    expect(ledger.size).toBe(300);
    ledger.close();
  });

  it('holds eight bytes a position of text, not sixteen (what a build holds per input while it hands its inputs over)', () => {
    // Live ArrayBuffer bytes after two full collections, with both ledgers held: the growth from 2^15 to 2^16 positions.
    const live = () => {
      gc();
      gc();
      return process.memoryUsage().arrayBuffers;
    };
    const filled = (count: number) => {
      const ledger = new Ledger<never>(join(tmp(), 'summaries.jsonl'), realFs);
      for (let i = 0; i < count; i++) ledger.add('{}');
      return ledger;
    };
    const base = live();
    const small = filled(1 << 15);
    const afterSmall = live();
    const large = filled(1 << 16);
    const afterLarge = live();
    expect([small.size, large.size]).toEqual([1 << 15, 1 << 16]);
    // Before: 16 (a start and a length a position).
    expect((afterLarge - afterSmall - (afterSmall - base)) / (1 << 15)).toBeLessThan(12);
  });

  it('values read one after another take one read for every ~32 KB, not one each (a build reads each summary back five times at its end); any order reads alike', () => {
    const file = join(tmp(), 'summaries.jsonl');
    const ledger = new Ledger<{ n: number; text?: string }>(file, realFs);
    // ~3 KB each, as a build's summaries, and one larger than the window.
    const texts = Array.from({ length: 200 }, (_, n) => JSON.stringify(n === 150 ? { n, text: '干'.repeat(20000) } : { n, text: `摘要${n}`.repeat(500) }));
    texts.forEach((text, n) => ledger.add(n === 7 ? { n } : text));
    const reads = () => vi.mocked(readSync).mock.calls.length;
    const before = reads();
    for (let n = 0; n < texts.length; n++) expect(ledger.text(n)).toBe(n === 7 ? null : texts[n]);
    // ~1.25 MB in 32 KB reads, with the large one alone: ~40, where one read a value was 199.
    expect(reads() - before).toBeLessThan(50);
    // Backwards, skipping, again: each the value added.
    for (const n of [199, 3, 150, 151, 2, 120, 121, 122, 0, 8]) expect(ledger.text(n)).toBe(texts[n]);
    ledger.close();
    expect(ledger.get(199).n).toBe(199);
    // Added after a read, read back too.
    ledger.add(JSON.stringify({ n: 200 }));
    expect(ledger.get(200).n).toBe(200);
  });

  it('textBytes: a text as its UTF-8 bytes, read in order through the one window (a view, valid until the next read), never decoded; a text held in memory as text, an object null', () => {
    const ledger = new Ledger<{ n: number }>(join(tmp(), 'index-rows.txt'), realFs);
    // Rows of ~3 KB, multi-line, non-ASCII, one larger than the window.
    const texts = Array.from({ length: 40 }, (_, n) => (n === 30 ? '月'.repeat(20000) : `1\n<th>${n} 干细胞</th>\n`.repeat(100)));
    texts.forEach((text, n) => ledger.add(n === 5 ? { n } : text));
    const reads = () => vi.mocked(readSync).mock.calls.length;
    const before = reads();
    const views = new Set<ArrayBufferLike>();
    for (let n = 0; n < texts.length; n++) {
      const bytes = ledger.textBytes(n);
      if (n === 5) {
        expect(bytes).toBeNull();
        continue;
      }
      expect(bytes).toBeInstanceOf(Uint8Array);
      expect(Buffer.from(bytes as Uint8Array).toString('utf8')).toBe(texts[n]);
      views.add((bytes as Uint8Array).buffer);
    }
    // ~150 KB read in 32 KB windows (the large one alone): a few reads, into the window and the large one's buffer.
    expect(reads() - before).toBeLessThan(12);
    expect(views.size).toBeLessThanOrEqual(3);
    expect(ledger.text(3)).toBe(texts[3]);
    ledger.close();
    const inMemory = new Ledger<never>(null, realFs);
    inMemory.add('1\n<td>x</td>');
    expect(inMemory.textBytes(0)).toBe('1\n<td>x</td>');
  });

  it("a text given as UTF-8 bytes, or joined around a worker's bytes (a state's members, then its summary's JSON as it came), is set aside as they are and read back as the text they make, with or without a file", () => {
    const summary = JSON.stringify({ path: 'a', title: '强直性脊柱炎' });
    const bytes = new TextEncoder().encode(summary);
    const state = JSON.stringify({ stat: '1:2', key: 'k' });
    for (const file of [join(tmp(), 'summaries.jsonl'), null]) {
      const ledger = new Ledger<{ summary: { path: string } }>(file, realFs);
      ledger.addJoined(`${state.slice(0, -1)},"summary":`, bytes, '}');
      ledger.add(bytes);
      ledger.addJoined('{"summary":', summary, '}');
      ledger.add({ summary: { path: 'kept' } });
      ledger.add('{"n":1}');
      expect(ledger.text(0)).toBe(JSON.stringify({ stat: '1:2', key: 'k', summary: JSON.parse(summary) as unknown }));
      expect(ledger.text(1)).toBe(summary);
      expect(ledger.get(2)).toEqual({ summary: { path: 'a', title: '强直性脊柱炎' } });
      expect([ledger.text(3), ledger.get(3)]).toEqual([null, { summary: { path: 'kept' } }]);
      expect(ledger.text(4)).toBe('{"n":1}');
      if (file !== null) expect(readFileSync(file, 'utf8')).toBe([ledger.text(0), summary, ledger.text(2), '{"n":1}', ''].join('\n'));
      ledger.close();
    }
  });

  it('an object or null added as the ledger grows its table of ends (at 64, 128, 256… positions) keeps its place, the texts after it theirs', () => {
    // An incremental build adds a reused input's null row at any position (run.ts): one at a growth was written to the table let go.
    const ledger = new Ledger<null>(join(tmp(), 'rows.jsonl'), realFs);
    const growths = new Set([64, 128, 256]);
    for (let i = 0; i < 300; i++) ledger.add(growths.has(i) ? null : i % 2 === 0 ? new TextEncoder().encode(`row ${i}`) : `row ${i}`);
    for (let i = 0; i < 300; i++) expect(ledger.text(i)).toBe(growths.has(i) ? null : `row ${i}`);
    ledger.close();
  });

  it('without a file (check mode writes nothing), texts are kept in memory and read back alike', () => {
    const ledger = new Ledger<{ path: string }>(null, realFs);
    ledger.add(JSON.stringify({ path: 'a' }));
    ledger.add({ path: 'b' });
    expect(ledger.text(0)).toBe('{"path":"a"}');
    expect([ledger.get(0).path, ledger.get(1).path]).toEqual(['a', 'b']);
  });
});

describe('read, then added to: a set-aside lets its buffer go when read, and what is added after is read back too', () => {
  // A build adds while its inputs run and reads at its end; each writer's 128 KB buffer is let go
  // when the file is read (tests/dataset/memory.test.ts: none held as the inputs are handed over),
  // and a text added after a read takes a new one, in the same file.
  const texts = (from: number, count: number) => Array.from({ length: count }, (_, i) => JSON.stringify({ id: `n${from + i}`, text: '干细胞'.repeat((from + i) % 7) }));

  it('SetAside', () => {
    const aside = new SetAside<{ id: string }>(join(tmp(), 'search.jsonl'), realFs);
    for (const text of texts(0, 5)) aside.add(text);
    expect([...aside.texts()]).toEqual(texts(0, 5));
    for (const text of texts(5, 3)) aside.add(text);
    expect([...aside.texts()]).toEqual(texts(0, 8));
    expect([...aside.values()].map((v) => v.id)).toEqual(texts(0, 8).map((t) => (JSON.parse(t) as { id: string }).id));
  });

  it('TextSpool', () => {
    const spool = new TextSpool(join(tmp(), 'changes.txt'), realFs);
    spool.add('{"a":1}');
    expect([...spool.text()].join('')).toBe('{"a":1}');
    spool.add(',{"b":"间充质"}');
    expect([...spool.text()].join('')).toBe('{"a":1},{"b":"间充质"}');
  });

  it('Ledger (its window read ahead before the texts added after)', () => {
    const ledger = new Ledger<{ id: string }>(join(tmp(), 'summaries.jsonl'), realFs);
    for (const text of texts(0, 5)) ledger.add(text);
    expect([0, 1, 2, 3, 4].map((at) => ledger.text(at))).toEqual(texts(0, 5));
    for (const text of texts(5, 3)) ledger.add(text);
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((at) => ledger.text(at))).toEqual(texts(0, 8));
    ledger.close();
    expect(ledger.get(6).id).toBe('n6');
  });
});
