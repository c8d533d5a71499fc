import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decode, declaredCharset, firstInvalidUtf8, normalizeLineEnds } from '../../src/stages/read.js';
import { runUpTo } from '../helpers.js';
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

describe('read: decoding', () => {
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

  it('detects UTF-16 without a BOM from its zero bytes', async () => {
    expect((await decode(iconv.encode(`March 2025\n${sample}`, 'utf16le'))).encoding).toBe('utf-16le');
  });

  it('finds the byte offset of the first invalid UTF-8 sequence', () => {
    expect(firstInvalidUtf8(Buffer.from('abc'))).toBe(-1);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xe4, 0xb8]))).toBe(1);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0x62, 0xc0, 0x80]))).toBe(2);
    expect(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0);
  });

  it('normalises CRLF and lone CR', () => {
    expect(normalizeLineEnds('a\r\nb\rc\n')).toBe('a\nb\nc\n');
  });
});

describe('read: diagnostics', () => {
  it('reports damaged UTF-8 with the byte offset, and keeps the rest', async () => {
    const good = Buffer.from(sample.repeat(5));
    const boundary = Buffer.byteLength(sample.slice(0, 12));
    const bytes = Buffer.concat([good.subarray(0, boundary), Buffer.from([0xff]), good.subarray(boundary)]);
    const doc = await readBytes(bytes);
    const d = doc.diagnostics.find((x) => x.rule === 'decode-invalid');
    expect(d).toMatchObject({ severity: 'warning', source: 'read', line: 1 });
    expect(d?.message).toContain(`1 undecodable byte sequence(s) in utf-8, the first at byte offset ${boundary}`);
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
