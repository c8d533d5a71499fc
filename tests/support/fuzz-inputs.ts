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

/** Every class of generated input. */
export const fuzzInputs = fc.oneof(randomBytes, mutated, controls, invalidSequences, hostileHtml);

/** Inputs too large to draw at random, tried once each. */
export function hugeInputs(): FuzzInput[] {
  const reference = (i: number) => `[${i + 1}]Smith J, Doe A. A title number ${i}. J Med. 2020;1:${i}-${i + 3}.`;
  return [
    { kind: 'deep HTML', input: { text: `<html><body>${'<div>'.repeat(100000)}x${'</div>'.repeat(100000)}</body></html>`, name: 'deep.html' } },
    { kind: 'many references', input: { text: `2025年3月干细胞治疗最新临床进展\n3月5日,《X》发表。[1]\n参考资料:\n${Array.from({ length: 100000 }, (_, i) => reference(i)).join('\n')}`, name: 'refs.txt' } },
    { kind: 'long line', input: { text: '干细胞'.repeat(Math.ceil((20 * 1024 * 1024) / 9)), name: 'line.txt' } },
    { kind: 'entity flood', input: { text: `<html><body><p>${'&amp;'.repeat(2_000_000)}</p></body></html>`, name: 'entities.html' } },
  ];
}
