import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { binaryKind, decode, declaredCharset, firstInvalidUtf8, isValidUtf8, normalizedOffset, normalizeLineEnds, sampleIsUtf8 } from '../../src/parse/decode.js';
import { fixture } from '../helpers.js';

const sample = '2025年3月干细胞治疗强直性脊柱炎最新临床进展\n3月26日,《世界干细胞杂志》上发表了一篇研究成果。[2]';

describe('decode: choosing the encoding', () => {
  it('trusts a UTF-8, UTF-16LE or UTF-16BE byte order mark', async () => {
    expect((await decode(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(sample)]))).encoding).toBe('utf-8');
    const le = await decode(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(sample, 'utf16le')]));
    expect(le).toMatchObject({ encoding: 'utf-16le', text: sample, how: 'bom' });
    const be = await decode(Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(sample, 'utf16be')]));
    expect(be).toMatchObject({ encoding: 'utf-16be', text: sample });
  });

  it('reads a gb2312 meta charset as GB18030', async () => {
    const page = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body><p>${sample}</p></body></html>`;
    expect(declaredCharset(iconv.encode(page, 'gbk'))).toBe('gb2312');
    const decoded = await decode(iconv.encode(page, 'gbk'));
    expect(decoded).toMatchObject({ encoding: 'gb18030', how: 'declared' });
    expect(decoded.text).toContain('世界干细胞杂志');
  });

  it('ignores a declared charset the bytes contradict', async () => {
    const page = `<html><head><meta charset="big5"></head><body><p>${sample}</p></body></html>`;
    const decoded = await decode(Buffer.from(page));
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.ignoredDeclaration).toBe('big5');
  });

  it('detects short GBK text (which chardet alone calls Shift_JIS) and Big5 text', async () => {
    expect((await decode(iconv.encode('干细胞治疗类风湿关节炎', 'gbk'))).encoding).toBe('gb18030');
    const big5 = await decode(iconv.encode('幹細胞治療類風濕關節炎最新臨床進展', 'big5'));
    expect(big5.encoding).toBe('big5');
    expect(big5.text).toBe('幹細胞治療類風濕關節炎最新臨床進展');
  });

  it('detects UTF-16 without a BOM when the text is all ASCII (its bytes are also valid UTF-8, full of NULs)', async () => {
    const english = 'March 2025 stem cell therapy progress\n\nOn March 5, a team reported results in Nature.\n';
    for (const label of ['utf16le', 'utf16-be'] as const) {
      const decoded = await decode(iconv.encode(english, label));
      expect(decoded).toMatchObject({ encoding: label === 'utf16le' ? 'utf-16le' : 'utf-16be', how: 'utf-16-pattern', text: english, replaced: 0 });
    }
  });

  it('an XML declaration names the charset too; a legacy label the bytes fit is kept', async () => {
    const xml = iconv.encode('<?xml version="1.0" encoding="GBK"?><article>干细胞</article>', 'gbk');
    expect(declaredCharset(xml)).toBe('GBK');
    expect(await decode(xml)).toMatchObject({ encoding: 'gb18030', how: 'declared', text: '<?xml version="1.0" encoding="GBK"?><article>干细胞</article>' });
    const latin = iconv.encode('<meta charset="windows-1252"><p>Café</p>', 'win1252');
    expect(await decode(latin)).toMatchObject({ encoding: 'windows-1252', how: 'declared', text: '<meta charset="windows-1252"><p>Café</p>' });
  });

  it('detects UTF-16 without a BOM from its zero bytes', async () => {
    expect((await decode(iconv.encode(`March 2025\n${sample}`, 'utf16le'))).encoding).toBe('utf-16le');
  });

  it('finds the byte offset of the first invalid UTF-8 sequence', () => {
    expect(firstInvalidUtf8(Buffer.from('abc'))).toBe(-1);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xe4, 0xb8]))).toBe(1);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0x62, 0xc0, 0x80]))).toBe(2);
    expect(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0);
  });

  it('isValidUtf8 (Node’s native check) answers as firstInvalidUtf8 does, edge sequences and seeded bytes', () => {
    const cases: number[][] = [[]];
    // Every lead byte, then each with every continuation byte and the bounds around the valid ranges.
    for (let b = 0; b < 0x100; b++) {
      cases.push([b]);
      for (const c of [0x00, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0]) {
        cases.push([b, c], [b, c, 0x80], [b, c, 0xbf, 0x80], [b, c, 0x80, 0x80, 0x41], [0x41, b, c, 0xbf]);
      }
    }
    cases.push([0xef, 0xbf, 0xbf], [0xf4, 0x8f, 0xbf, 0xbf], [0xf4, 0x90, 0x80, 0x80], [0xe0, 0x9f, 0xbf], [0xed, 0x9f, 0xbf], [0xed, 0xa0, 0x80], [0xc1, 0xbf], [0xc2, 0x80]);
    // Seeded strings of valid characters with now and then a byte changed, cut or inserted.
    let seed = 17;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = ['a', ' ', 'é', '—', '干', '細', '😀', '\u2019', '\u0000'];
    for (let k = 0; k < 2000; k++) {
      const bytes = [...Buffer.from(Array.from({ length: 1 + Math.floor(next() * 40) }, () => alphabet[Math.floor(next() * alphabet.length)]).join(''))];
      if (next() < 0.5) bytes[Math.floor(next() * bytes.length)] = Math.floor(next() * 256);
      if (next() < 0.3) bytes.length = Math.floor(next() * bytes.length);
      cases.push(bytes);
    }
    let invalid = 0;
    for (const bytes of cases) {
      const buffer = Uint8Array.from(bytes);
      const expected = firstInvalidUtf8(buffer) === -1;
      if (!expected) invalid++;
      expect([bytes, isValidUtf8(buffer)]).toEqual([bytes, expected]);
      // A view into a larger buffer reads only its own bytes.
      const padded = Uint8Array.from([0xff, ...bytes, 0xff]).subarray(1, bytes.length + 1);
      expect([bytes, isValidUtf8(padded)]).toEqual([bytes, expected]);
    }
    expect(invalid).toBeGreaterThan(1000);
    expect(cases.length - invalid).toBeGreaterThan(1000);
  });

  it('sampleIsUtf8 (native) answers as the sniffing rule did by firstInvalidUtf8: a character cut at the sample\'s end allowed only when bytes follow (issue 17)', () => {
    // The rule binaryKind read before: the first invalid sequence of the sample is none, or starts in its last three bytes when the file goes on.
    const rule = (bytes: Uint8Array, n: number) => {
      const invalid = firstInvalidUtf8(bytes, 0, n);
      return invalid === -1 || (n < bytes.length && invalid >= n - 3);
    };
    const edgy = fc.constantFrom(0x00, 0x41, 0x7f, 0x80, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff, 0x9f, 0xa0, 0x8f, 0x90);
    const text = fc.constantFrom(...['a', 'é', '干', '😀', '\u2019'].map((c) => [...Buffer.from(c)]));
    let answers = 0;
    fc.assert(
      fc.property(fc.array(fc.oneof(text, fc.array(fc.oneof(edgy, fc.integer({ min: 0, max: 255 })), { maxLength: 3 })), { maxLength: 16 }), fc.nat(), (pieces, a) => {
        const bytes = Uint8Array.from(pieces.flat());
        const n = a % (bytes.length + 1);
        const expected = rule(bytes, n);
        if (expected) answers++;
        expect([[...bytes], n, sampleIsUtf8(bytes, n)]).toEqual([[...bytes], n, expected]);
      }),
      { numRuns: 5000, seed: 17 },
    );
    // Both answers were asked about.
    expect(answers).toBeGreaterThan(500);
    expect(answers).toBeLessThan(4500);
    // An 8 KB sample of Chinese text ends inside a character: text when the file goes on, not when it ends there.
    const han = Buffer.from('干细胞'.repeat(1000));
    expect(sampleIsUtf8(han, 8192)).toBe(true);
    expect(sampleIsUtf8(han.subarray(0, 8192), 8192)).toBe(false);
    expect(binaryKind(han)).toBeNull();
  });

  it('finds the same first invalid byte with Node\'s validator in front as byte by byte, over any range (issue 17)', () => {
    // The definition the native check must agree with: the shortest form, no surrogates, nothing past U+10FFFF.
    const byHand = (bytes: Uint8Array, from: number, to: number): number => {
      for (let i = from; i < to; ) {
        const b = bytes[i]!;
        if (b < 0x80) { i++; continue; }
        const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
        if (need === 0) return i;
        let cp = b & (0x3f >> need);
        for (let k = 1; k <= need; k++) {
          if (i + k >= to || (bytes[i + k]! & 0xc0) !== 0x80) return i;
          cp = (cp << 6) | (bytes[i + k]! & 0x3f);
        }
        if (cp < [0, 0x80, 0x800, 0x10000][need]! || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
        i += need + 1;
      }
      return -1;
    };
    // Bytes around the edges of each rule: overlong leads, surrogates, U+10FFFF and past it, cut sequences.
    const edgy = fc.constantFrom(0x00, 0x41, 0x7f, 0x80, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff, 0x9f, 0xa0, 0x8f, 0x90);
    fc.assert(
      fc.property(fc.array(fc.oneof(edgy, fc.integer({ min: 0, max: 255 })), { maxLength: 40 }), fc.nat(), fc.nat(), (list, a, b) => {
        const bytes = Uint8Array.from(list);
        const from = list.length === 0 ? 0 : a % (list.length + 1);
        const to = from + (list.length === 0 ? 0 : b % (list.length - from + 1));
        expect(firstInvalidUtf8(bytes, from, to)).toBe(byHand(bytes, from, to));
        expect(firstInvalidUtf8(bytes)).toBe(byHand(bytes, 0, bytes.length));
      }),
      { numRuns: 3000, seed: 17 },
    );
    // Valid text of every length of sequence, whole and cut inside its last character.
    const text = Buffer.from('a é 干 😀');
    expect(firstInvalidUtf8(text)).toBe(-1);
    expect(firstInvalidUtf8(text, 0, text.length - 1)).toBe(text.length - 4);
  });

  it('normalises CRLF and lone CR', () => {
    expect(normalizeLineEnds('a\r\nb\rc\n')).toBe('a\nb\nc\n');
  });
});


/** Byte offsets of every 0xFF in a buffer (the stray bytes the damaged pages carry). */
const strayBytes = (bytes: Uint8Array) => [...bytes.keys()].filter((i) => bytes[i] === 0xff);

describe('decode: damaged legacy pages keep their encoding', () => {
  it('reads a page declared gb2312 with 12 invalid bytes as GB18030, each replaced and located', async () => {
    const bytes = fixture('extraction/zh/portal-gbk-damaged.html');
    const decoded = await decode(bytes);
    expect(decoded).toMatchObject({ encoding: 'gb18030', how: 'declared', replaced: 12 });
    expect(decoded.replacements.map((r) => r.byte)).toEqual(strayBytes(bytes).slice(0, 10));
    for (const r of decoded.replacements) expect(decoded.text[r.char]).toBe('\ufffd');
    expect(decoded.text).toContain('人脐带间充质干细胞联合常规治疗');
    expect(decoded.ignoredDeclaration).toBeUndefined();
  });

  it('reads an undeclared GBK page with 2 invalid bytes as GB18030, never windows-1252', async () => {
    const bytes = fixture('extraction/zh/mirror-gbk-undeclared.html');
    expect(declaredCharset(bytes)).toBeNull();
    const decoded = await decode(bytes);
    expect(decoded).toMatchObject({ encoding: 'gb18030', how: 'detected', replaced: 2 });
    expect(decoded.replacements.map((r) => r.byte)).toEqual(strayBytes(bytes));
    expect(decoded.text).toContain('膝骨关节炎是中老年人的常见病');
  });

  it('reads Big5 with a stray byte as Big5', async () => {
    const text = '衛生福利部日前公告再生醫療相關法規修正草案，開放更多細胞治療項目由醫療機構申請執行，並要求醫院定期登錄治療成效。';
    // A lead byte followed by "!", which no Big5 character has second (ICU reads a lone 0x80 or
    // 0xFF as characters of its own, so those are no damage to Big5).
    const bytes = Buffer.concat([iconv.encode(text.slice(0, 20), 'big5'), Buffer.from([0xa4, 0x21]), iconv.encode(text.slice(20), 'big5')]);
    const decoded = await decode(bytes);
    expect(decoded).toMatchObject({ encoding: 'big5', replaced: 1, replacements: [{ byte: 40, char: 20 }] });
    expect(decoded.text.replace('\ufffd!', '')).toBe(text);
  });

  it('still reads undeclared Latin-1 prose as windows-1252, not as GBK that happens to decode', async () => {
    const text = 'Les cellules souches mésenchymateuses réduisent l’activité de la maladie chez certains patients, selon une étude publiée à Genève. Élevé, préféré, déjà.';
    const decoded = await decode(iconv.encode(text.replace('’', "'"), 'latin1'));
    expect(decoded.encoding).toBe('windows-1252');
    expect(decoded.text).toBe(text.replace('’', "'"));
  });
});

describe('decode: files that lie about their encoding', () => {
  it('decodes half GBK, half UTF-8 part by part and says where the encoding changes', async () => {
    const gbkPart = '第一部分用GBK保存：干细胞治疗类风湿关节炎的临床研究进展。\n研究纳入六十例患者，随访十二个月。\n';
    const utf8Part = '第二部分用UTF-8保存：间充质干细胞可调节免疫反应，减轻炎症。\n安全性良好，未见严重不良事件。\n';
    const head = iconv.encode(gbkPart, 'gbk');
    const decoded = await decode(Buffer.concat([head, Buffer.from(utf8Part)]));
    expect(decoded.how).toBe('mixed');
    expect(decoded.text).toBe(gbkPart + utf8Part);
    expect(decoded.switches).toEqual([{ byte: head.length, char: gbkPart.length, from: 'gb18030', to: 'utf-8' }]);
    expect(decoded.replaced).toBe(0);
  });

  it('reads a UTF-8 page that declares iso-8859-1 as UTF-8 and keeps the lie on record', async () => {
    const page = '<html><head><meta charset=iso-8859-1><title>Café: cellules souches — 干细胞</title></head><body><p>Étude de phase II.</p></body></html>';
    const decoded = await decode(Buffer.from(page));
    expect(decoded).toMatchObject({ encoding: 'utf-8', text: page, ignoredDeclaration: 'iso-8859-1' });
  });

  it('keeps a declared single-byte charset for bytes that are not UTF-8', async () => {
    const page = '<html><head><meta charset=iso-8859-1><title>Café</title></head><body><p>Étude.</p></body></html>';
    const decoded = await decode(iconv.encode(page, 'latin1'));
    expect(decoded).toMatchObject({ encoding: 'windows-1252', how: 'declared', text: page });
    expect(decoded.ignoredDeclaration).toBeUndefined();
  });
});

describe('decode: binary input', () => {
  it('names PNG, gzip and PDF by their signature', () => {
    expect(binaryKind(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]))).toBe('a PNG image');
    expect(binaryKind(gzipSync(Buffer.from(sample)))).toBe('gzip-compressed data');
    expect(binaryKind(Buffer.from('%PDF-1.7\n%âãÏÓ\n'))).toBe('a PDF document');
  });

  it('calls bytes with NULs or many control bytes binary data, and text of any encoding text', () => {
    expect(binaryKind(Buffer.from(Array.from({ length: 256 }, (_, i) => (i * 37) % 256)))).toBe('binary data');
    // Not UTF-8, and a control byte in every four: an executable's tables, say.
    expect(binaryKind(Buffer.from(Array.from({ length: 400 }, (_, i) => [0x90, 0x02, 0x41, 0x42][i % 4]!)))).toBe('binary data');
    expect(binaryKind(Buffer.from(sample))).toBeNull();
    expect(binaryKind(iconv.encode(sample, 'gbk'))).toBeNull();
    expect(binaryKind(iconv.encode(sample, 'utf16le'))).toBeNull();
    expect(binaryKind(iconv.encode('干细胞治疗类风湿关节炎\n间充质干细胞\n2025年\n', 'utf16be'))).toBeNull();
    expect(binaryKind(Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(sample, 'utf16be')]))).toBeNull();
    // Nothing but NULs is no text at all: the read stage calls it empty, not binary.
    expect(binaryKind(Buffer.alloc(64))).toBeNull();
  });
});

describe('decode: offsets', () => {
  it('maps an offset in the decoded text to the text with normalised line ends', () => {
    const text = 'a\r\nb\r\n\ufffd';
    expect(normalizeLineEnds(text)[normalizedOffset(text, 6)]).toBe('\ufffd');
    expect(normalizedOffset('abc', 2)).toBe(2);
  });
});

describe('decode: found by fuzzing', () => {
  it('survives ICU throwing from a non-fatal streaming GB18030 decoder (81 30 E4…): places each replacement at its character', async () => {
    const bytes = Buffer.concat([Buffer.from([0x80, 0x81, 0x30, 0xe4, 0xb8, 0xc0, 0x80]), iconv.encode('强直性脊柱炎的治疗进展，研究纳入六十例患者，随访十二个月。', 'gbk')]);
    const decoded = await decode(bytes);
    expect(decoded.encoding).toBe('gb18030');
    expect(decoded.replaced).toBeGreaterThan(0);
    for (const r of decoded.replacements) expect(decoded.text[r.char]).toBe('\ufffd');
  });
});

describe('decode: text that only looks odd is not binary', () => {
  it('takes valid UTF-8 holding NULs and format characters for text (the read stage then finds no letters)', () => {
    expect(binaryKind(Buffer.from('\u0000\u200b\u202e\ufeff\u0001'.repeat(100)))).toBeNull();
    expect(binaryKind(Buffer.from(`${'干细胞\u0000'.repeat(3000)}`))).toBeNull();
  });
});
