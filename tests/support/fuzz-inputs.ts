import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { repo } from '../helpers.js';

/** One fuzz input: what ingest receives, and which class of input it is (for the report). */
export interface FuzzInput {
  kind: string;
  input: { bytes: Uint8Array; name: string } | { text: string; name: string };
}

const fixtures = readdirSync(repo('fixtures/articles'))
  .sort()
  .map((name) => ({ name, bytes: new Uint8Array(readFileSync(repo(`fixtures/articles/${name}`))) }));

const fixture = fc.constantFrom(...fixtures);
const bytesOf = (name: string, bytes: Uint8Array): FuzzInput['input'] => ({ bytes, name });

/** Random bytes, with any extension. */
const randomBytes = fc.record({ bytes: fc.uint8Array({ maxLength: 4096 }), ext: fc.constantFrom('.txt', '.html', '.md', '') }).map(
  ({ bytes, ext }): FuzzInput => ({ kind: 'random bytes', input: bytesOf(`random${ext}`, bytes) }),
);

/** A fixture cut short, with flipped bytes, spliced with another, or with its lines shuffled. */
const mutated = fc.oneof(
  fc.tuple(fixture, fc.double({ min: 0, max: 1, noNaN: true })).map(([f, at]): FuzzInput => ({ kind: 'truncation', input: bytesOf(f.name, f.bytes.slice(0, Math.floor(f.bytes.length * at))) })),
  fc.tuple(fixture, fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 40 })).map(([f, flips]): FuzzInput => {
    const bytes = f.bytes.slice();
    for (const [at, value] of flips) bytes[Math.floor((bytes.length - 1) * at)] = value;
    return { kind: 'byte flips', input: bytesOf(f.name, bytes) };
  }),
  fc.tuple(fixture, fixture, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })).map(([a, b, x, y]): FuzzInput => {
    const bytes = new Uint8Array([...a.bytes.slice(0, Math.floor(a.bytes.length * x)), ...b.bytes.slice(Math.floor(b.bytes.length * y))]);
    return { kind: 'splice', input: bytesOf(a.name, bytes) };
  }),
  fc.tuple(fixture, fc.integer()).map(([f, seed]): FuzzInput => {
    const lines = new TextDecoder().decode(f.bytes).split('\n');
    let s = seed;
    for (let i = lines.length - 1; i > 0; i--) {
      s = (s * 1103515245 + 12345) & 0x7fffffff;
      const j = s % (i + 1);
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
    }
    return { kind: 'line shuffle', input: { text: lines.join('\n'), name: f.name } };
  }),
);

const nasty = ['\u0000', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u202e', '\u202d', '\u2066', '\u2069', '\ud800', '\udfff', '\ufffd', '\r', '\u2028'];

/** A fixture's text with NUL, zero-width, bidi controls and lone surrogates scattered in. */
const controls = fc.tuple(fixture, fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...nasty)), { minLength: 1, maxLength: 60 })).map(([f, inserts]): FuzzInput => {
  let text = new TextDecoder().decode(f.bytes);
  for (const [at, ch] of inserts) {
    const i = Math.floor(text.length * at);
    text = text.slice(0, i) + ch + text.slice(i);
  }
  return { kind: 'control characters', input: { text, name: f.name } };
});

/** Broken multi-byte sequences in the encoded fixtures (GBK, Big5, UTF-16, UTF-8). */
const invalidSequences = fc.tuple(fixture, fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom([0x80], [0xff], [0xc0, 0x80], [0xe4, 0xb8], [0x81, 0x30], [0xd8, 0x00], [0xfe, 0xff])), { minLength: 1, maxLength: 20 })).map(
  ([f, inserts]): FuzzInput => {
    let bytes = [...f.bytes];
    for (const [at, seq] of inserts) {
      const i = Math.floor(bytes.length * at);
      bytes = [...bytes.slice(0, i), ...seq, ...bytes.slice(i)];
    }
    return { kind: 'invalid sequences', input: bytesOf(f.name, new Uint8Array(bytes)) };
  },
);

/** Hostile HTML: scripts, event handlers, javascript: URLs, entity floods, unclosed tags. */
const hostileHtml = fc
  .record({
    depth: fc.integer({ min: 1, max: 3000 }),
    entities: fc.integer({ min: 0, max: 50000 }),
    payload: fc.constantFrom(
      '<script>alert(1)</script>',
      '<img src=x onerror="alert(1)">',
      '<a href="javascript:alert(1)">点我</a>',
      '<svg onload=alert(1)><p>',
      '<iframe src="javascript:alert(1)"></iframe>',
      '<style>@import url(javascript:alert(1))</style>',
      '<!--<script>-->',
      '<![CDATA[<script>]]>',
      '<p title="</p><script>alert(1)</script>">',
    ),
    body: fc.constantFrom(...fixtures.filter((f) => f.name.endsWith('.txt') && !/gbk|utf16|big5/.test(f.name))).map((f) => new TextDecoder().decode(f.bytes)),
  })
  .map(({ depth, entities, payload, body }): FuzzInput => {
    const text = `<html><body>${'<div>'.repeat(depth)}${payload}${'&amp;&#x1F600;&lt;'.repeat(entities)}${body
      .split('\n')
      .map((l) => `<p>${l}${payload}</p>`)
      .join('')}${'</div>'.repeat(depth)}</body></html>`;
    return { kind: 'hostile HTML', input: { text, name: 'hostile.html' } };
  });

const legacy = fixtures.filter((f) => /gbk|big5/.test(f.name));
const utf8 = fixtures.filter((f) => !/gbk|big5|utf16/.test(f.name));

/**
 * A file in two encodings (issue 11): lines of a GBK or Big5 fixture and lines of a UTF-8 one,
 * interleaved in runs at random cut points, as when paragraphs are pasted between pages.
 */
const mixedEncodings = fc
  .tuple(fc.constantFrom(...legacy), fc.constantFrom(...utf8), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }))
  .map(([a, b, cuts]): FuzzInput => {
    const lines = (bytes: Uint8Array) => {
      const out: Uint8Array[] = [];
      let start = 0;
      for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x0a) (out.push(bytes.slice(start, i + 1)), (start = i + 1));
      if (start < bytes.length) out.push(bytes.slice(start));
      return out;
    };
    const [la, lb] = [lines(a.bytes), lines(b.bytes)];
    const points = [...cuts].sort((x, y) => x - y);
    const parts: Uint8Array[] = [];
    let from = 0;
    points.forEach((p, k) => {
      const source = k % 2 === 0 ? la : lb;
      const to = Math.max(from, Math.floor(source.length * p));
      parts.push(...source.slice(from, to));
      from = to;
    });
    parts.push(...(points.length % 2 === 0 ? la : lb).slice(from));
    return { kind: 'mixed encodings', input: bytesOf(a.name, Uint8Array.from(parts.flatMap((l) => [...l]))) };
  });

/** Binary files named as text (issue 11): a known signature followed by random bytes. */
const binary = fc
  .tuple(
    fc.constantFrom([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0x1f, 0x8b, 0x08], [0x25, 0x50, 0x44, 0x46, 0x2d], [0x50, 0x4b, 0x03, 0x04], [0xff, 0xd8, 0xff, 0xe0]),
    fc.uint8Array({ maxLength: 2048 }),
    fc.constantFrom('.txt', '.html', '.md'),
  )
  .map(([signature, rest, ext]): FuzzInput => ({ kind: 'binary named as text', input: bytesOf(`file${ext}`, Uint8Array.from([...signature, ...rest])) }));

/** Every class of generated input. */
export const fuzzInputs = fc.oneof(randomBytes, mutated, controls, invalidSequences, hostileHtml, mixedEncodings, binary);

/** Inputs too large to draw at random, tried once each. */
export function hugeInputs(): FuzzInput[] {
  const reference = (i: number) => `[${i + 1}]Smith J, Doe A. A title number ${i}. J Med. 2020;1:${i}-${i + 3}.`;
  return [
    { kind: 'deep HTML', input: { text: `<html><body>${'<div>'.repeat(100000)}x${'</div>'.repeat(100000)}</body></html>`, name: 'deep.html' } },
    { kind: 'many references', input: { text: `2025年3月干细胞治疗最新临床进展\n3月5日,《X》发表。[1]\n参考资料:\n${Array.from({ length: 100000 }, (_, i) => reference(i)).join('\n')}`, name: 'refs.txt' } },
    { kind: 'long line', input: { text: '干细胞'.repeat(Math.ceil((20 * 1024 * 1024) / 9)), name: 'line.txt' } },
    { kind: 'entity flood', input: { text: `<html><body><p>${'&amp;'.repeat(2_000_000)}</p></body></html>`, name: 'entities.html' } },
    // Issue 11: a Markdown paragraph and a code block of 140,000 lines each (the parser's stack
    // overflowed at 130,000), 20,000 dated items naming one journal (quadratic re-tagging), and
    // more references than the limit.
    { kind: 'deep Markdown', input: { text: `# 2025年3月干细胞治疗最新临床进展\n\n${'干细胞研究\n'.repeat(140_000)}\n\`\`\`\n${'x\n'.repeat(140_000)}\`\`\`\n`, name: 'deep.md' } },
    { kind: 'one journal, many items', input: { text: `2025年3月干细胞治疗最新临床进展\n${'3月5日,《干细胞研究与治疗》发表了一项研究。\n'.repeat(20_000)}`, name: 'journal.txt' } },
    { kind: 'references over the limit', input: { text: `2025年3月干细胞治疗最新临床进展\n3月5日,《X》发表。[1]\n参考资料:\n${Array.from({ length: 25_000 }, (_, i) => reference(i)).join('\n')}`, name: 'limit.txt' } },
  ];
}
