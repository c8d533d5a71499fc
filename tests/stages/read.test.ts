import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { repo, runUpTo } from '../helpers.js';
import { DigestDocument } from '../../src/core/document.js';
import { runStages } from '../../src/core/pipeline.js';
import { pipeline } from '../helpers.js';

const sample = '2025年3月干细胞治疗强直性脊柱炎最新临床进展\n3月26日,《世界干细胞杂志》上发表了一篇研究成果。[2]';

async function readBytes(bytes: Uint8Array) {
  const doc = new DigestDocument({ name: 'x.txt' });
  doc.bytes = bytes;
  const p = pipeline();
  await runStages(doc, { ...p, stages: p.stages.slice(0, 1) });
  return doc;
}

describe('read: diagnostics', () => {
  it('reports damaged UTF-8 with the byte offset, and keeps the rest', async () => {
    const good = Buffer.from(sample.repeat(5));
    const boundary = Buffer.byteLength(sample.slice(0, 12));
    const bytes = Buffer.concat([good.subarray(0, boundary), Buffer.from([0xff]), good.subarray(boundary)]);
    const doc = await readBytes(bytes);
    const d = doc.diagnostics.find((x) => x.rule === 'decode-replaced');
    expect(d).toMatchObject({ severity: 'warning', source: 'read', line: 1 });
    expect(d?.message).toBe(`1 byte sequence(s) not valid in utf-8 replaced with U+FFFD: byte ${boundary} (1:13)`);
    expect(d?.column).toBe(13);
    expect(doc.failed).toBe(false);
    expect(doc.text).toContain('世界干细胞杂志');
  });

  it('fails an empty input with an error, not a crash', async () => {
    const doc = await readBytes(new Uint8Array(0));
    expect(doc.failed).toBe(true);
    expect(doc.diagnostics[0]).toMatchObject({ rule: 'input-empty', severity: 'error', line: 1, column: 1 });
  });

  it('normalises line ends in the decoded text', async () => {
    const doc = await runUpTo('a\r\nb\r\n', 'read');
    expect(doc.text).toBe('a\nb\n');
  });
});

describe('read: decoding that never lies', () => {
  const zh = (name: string) => readFileSync(repo(`fixtures/extraction/zh/${name}`));

  it('refuses a PNG or a gzip named .txt with the fatal error input-binary: no text, no record', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from('IHDR image data follows')]);
    for (const [bytes, kind] of [[png, 'a PNG image'], [gzipSync(Buffer.from(sample.repeat(20))), 'gzip-compressed data']] as const) {
      const doc = await readBytes(bytes);
      expect(doc.failed).toBe(true);
      expect(doc.diagnostics).toMatchObject([{ rule: 'input-binary', severity: 'error', line: 1, column: 1, message: `input is ${kind}, not text; nothing was read from it` }]);
    }
  });

  it('reads GBK declared gb2312 with 12 stray bytes as GB18030 and reports decode-replaced with byte offsets and places', async () => {
    const doc = await readBytes(zh('portal-gbk-damaged.html'));
    expect(doc.encoding).toBe('gb18030');
    expect(doc.text).toContain('人脐带间充质干细胞联合常规治疗');
    const d = doc.diagnostics.find((x) => x.rule === 'decode-replaced');
    expect(d).toMatchObject({ severity: 'warning', line: 12, column: 54 });
    expect(d?.message).toMatch(/^12 byte sequence\(s\) not valid in gb18030 replaced with U\+FFFD: byte 986 \(12:54\), byte 1059 \(13:18\), .*, and 2 more$/);
    expect(doc.text.split('\n')[d!.line - 1]![d!.column - 1]).toBe('\ufffd');
  });

  it('reads undeclared GBK with 2 stray bytes as GB18030, not windows-1252', async () => {
    const doc = await readBytes(zh('mirror-gbk-undeclared.html'));
    expect(doc.encoding).toBe('gb18030');
    expect(doc.diagnostics.map((d) => d.rule).sort()).toEqual(['decode-guessed', 'decode-replaced']);
    expect(doc.diagnostics.find((d) => d.rule === 'decode-replaced')?.message).toMatch(/^2 byte sequence\(s\) not valid in gb18030 replaced with U\+FFFD: byte \d+ \(\d+:\d+\), byte \d+ \(\d+:\d+\)$/);
  });

  it('warns where a file changes from GBK to UTF-8 (encoding-mixed, with the position), and reads both halves', async () => {
    const gbkPart = '标题：干细胞治疗进展\r\n第一部分用GBK保存，研究纳入六十例患者，随访十二个月。\r\n';
    const utf8Part = '第二部分用UTF-8保存，间充质干细胞可调节免疫反应，减轻炎症。\r\n';
    const doc = await readBytes(Buffer.concat([iconv.encode(gbkPart, 'gbk'), Buffer.from(utf8Part)]));
    expect(doc.text).toBe((gbkPart + utf8Part).replace(/\r\n/g, '\n'));
    const d = doc.diagnostics.find((x) => x.rule === 'encoding-mixed');
    expect(d).toMatchObject({ severity: 'warning', line: 3, column: 1 });
    expect(d?.message).toBe(`the encoding changes here from gb18030 to utf-8 (byte offset ${iconv.encode(gbkPart, 'gbk').length}); each part was decoded in its own`);
  });

  it('reads a UTF-8 page that declares iso-8859-1 as UTF-8 with a charset-mismatch warning: the title is not garbled', async () => {
    const page = '<html><head><meta charset=iso-8859-1><title>干细胞治疗类风湿关节炎：Café clinique</title></head><body><article><p>3月26日，《世界干细胞杂志》发表了一项研究成果，结果令人鼓舞。</p></article></body></html>';
    const doc = await runUpTo(page, 'parse', 'x.html');
    expect(doc.encoding).toBe('utf-8');
    expect(doc.title).toBe('干细胞治疗类风湿关节炎：Café clinique');
    expect(doc.diagnostics.find((d) => d.rule === 'charset-mismatch')).toMatchObject({
      severity: 'warning',
      line: 1,
      column: 13,
      message: 'the page declares charset "iso-8859-1" but its bytes are valid UTF-8 with multi-byte characters; decoded as utf-8',
    });
  });
});
