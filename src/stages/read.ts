import { defineStage } from '../core/stage.js';
import { readDefaults } from '../generated/stage-defaults.js';

/** A decoding decision: the WHATWG encoding label and why it was chosen. */
export interface Decoded {
  text: string;
  encoding: string;
  how: 'bom' | 'declared' | 'utf-8' | 'utf-16-pattern' | 'detected' | 'fallback';
  /** Byte offset of the first byte that did not decode, or -1. */
  firstInvalidByte: number;
  /** How many characters were replaced by U+FFFD. */
  replaced: number;
  /** A charset the document declared but the bytes contradict. */
  ignoredDeclaration?: string;
}

const labelAliases: Record<string, string> = {
  gb2312: 'gb18030', gbk: 'gb18030', 'x-gbk': 'gb18030', gb_2312: 'gb18030', 'gb_2312-80': 'gb18030', cp936: 'gb18030', 'windows-936': 'gb18030',
  'big5-hkscs': 'big5', 'x-x-big5': 'big5', cp950: 'big5',
  utf8: 'utf-8', 'unicode-1-1-utf-8': 'utf-8', utf16: 'utf-16le', 'utf-16': 'utf-16le', unicode: 'utf-16le',
  'iso-8859-1': 'windows-1252', latin1: 'windows-1252', ascii: 'windows-1252', 'us-ascii': 'windows-1252',
  shift_jis: 'shift_jis', 'euc-jp': 'euc-jp', 'euc-kr': 'euc-kr', 'iso-2022-jp': 'iso-2022-jp',
};

/** Normalises a charset label to the one TextDecoder is given, or null if it knows none. */
export function canonicalEncoding(label: string): string | null {
  const lower = label.trim().toLowerCase();
  const mapped = labelAliases[lower] ?? lower;
  try {
    new TextDecoder(mapped);
    return mapped;
  } catch {
    return null;
  }
}

/** Byte offset of the first invalid UTF-8 sequence, or -1 when the bytes are valid UTF-8. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) { i++; continue; }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) { need = 1; min = 0x80; }
    else if (b >= 0xe0 && b <= 0xef) { need = 2; min = 0x800; }
    else if (b >= 0xf0 && b <= 0xf4) { need = 3; min = 0x10000; }
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** The charset an HTML or XML document declares in its first bytes, if any. */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 16384)).toString('latin1');
  const meta = /<meta\b[^>]{0,400}?\bcharset {0,8}= {0,8}["']? {0,8}([a-z0-9_:.-]{2,40})/i.exec(head);
  if (meta) return meta[1]!;
  const xml = /^\s*<\?xml\b[^>]{0,200}?\bencoding\s*=\s*["']([a-z0-9_.-]{2,40})["']/i.exec(head);
  return xml ? xml[1]! : null;
}

function utf16Pattern(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 8) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.3 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.3 && oddZero < pairs * 0.05) return 'utf-16be';
  return null;
}

function decodeWith(bytes: Uint8Array, encoding: string, how: Decoded['how'], skip = 0): Decoded {
  const body = skip ? bytes.subarray(skip) : bytes;
  let text: string;
  let firstInvalidByte = -1;
  try {
    text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    text = new TextDecoder(encoding, { fatal: false, ignoreBOM: true }).decode(body);
    firstInvalidByte = encoding === 'utf-8' ? firstInvalidUtf8(body) + skip : skip;
  }
  let replaced = 0;
  if (firstInvalidByte !== -1) for (const ch of text) if (ch === '\ufffd') replaced++;
  return { text, encoding, how, firstInvalidByte, replaced };
}

function fatalOk(bytes: Uint8Array, encoding: string): boolean {
  try {
    new TextDecoder(encoding, { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Decodes bytes: a BOM wins, then a declared HTML/XML charset the bytes agree with, then
 * strict UTF-8, then a UTF-16 zero-byte pattern, then statistical detection (chardet) among
 * encodings that decode the bytes without error, then the fallback with replacement.
 */
export async function decode(bytes: Uint8Array, fallback = 'gb18030'): Promise<Decoded> {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decodeWith(bytes, 'utf-8', 'bom', 3);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeWith(bytes, 'utf-16le', 'bom', 2);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeWith(bytes, 'utf-16be', 'bom', 2);

  const declaredLabel = declaredCharset(bytes);
  const declared = declaredLabel ? canonicalEncoding(declaredLabel) : null;
  let ignoredDeclaration: string | undefined;
  if (declared && !declared.startsWith('utf-16')) {
    if (fatalOk(bytes, declared)) return decodeWith(bytes, declared, 'declared');
    ignoredDeclaration = declaredLabel!;
  }
  const invalidUtf8 = firstInvalidUtf8(bytes);
  if (invalidUtf8 === -1) return withIgnored(decodeWith(bytes, 'utf-8', 'utf-8'), ignoredDeclaration);

  const sixteen = utf16Pattern(bytes);
  if (sixteen) return withIgnored(decodeWith(bytes, sixteen, 'utf-16-pattern'), ignoredDeclaration);

  // Mostly-valid UTF-8 with a few damaged sequences is still UTF-8: count valid multi-byte runs.
  const lossy = decodeWith(bytes, 'utf-8', 'utf-8');
  const multibyte = lossy.text.length - lossy.replaced;
  if (lossy.replaced > 0 && lossy.replaced * 50 < multibyte && /[\u0080-\uffff]/.test(lossy.text.replace(/\ufffd/g, ''))) {
    return withIgnored(lossy, ignoredDeclaration);
  }

  // This genre is Chinese: GB18030 and Big5 go first when they decode cleanly (chardet alone
  // mistakes short GBK for Shift_JIS); the frequent-character score decides between them.
  const chinese = ['gb18030', 'big5'].filter((e) => fatalOk(bytes, e));
  if (chinese.length > 0) {
    const encoding = chinese.length === 2 ? pickChinese(bytes) : chinese[0]!;
    return withIgnored(decodeWith(bytes, encoding, 'detected'), ignoredDeclaration);
  }
  const { analyse } = await import('chardet');
  for (const match of analyse(bytes)) {
    const encoding = canonicalEncoding(match.name);
    if (encoding && encoding !== 'utf-8' && fatalOk(bytes, encoding)) {
      return withIgnored(decodeWith(bytes, encoding, 'detected'), ignoredDeclaration);
    }
  }
  return withIgnored(decodeWith(bytes, declared ?? fallback, 'fallback'), ignoredDeclaration);
}

// Characters frequent in Chinese prose; whichever decoding yields more of them is right.
const frequentHan = new Set('的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理世车细胞治疗类风湿关节炎间充质');
const frequentHant = new Set('的一是在不了有和人這中大為上個國我以要他時來用們生到作地於出就分對成會可主發年動同工也能下過子說產種面而方後多定行學法所民得經十三之進著等部度家電力裡如水化高自二理起小物現實加量都兩體制機當使點從業本去把性好應開它合還因由其些然前外天政四日那社義事平形相全表間樣與關各重新線內數正心反你明看原又麼利比或但質氣第向道命此變條只沒結解問意建月公無系軍很情者最立代想已通並提直題黨程展五果料象員革位入常文總次品式活設及管特件長求老頭基資邊流路級少圖山統接知較將組見計別她手角期根論運農指幾九區強放決西被幹做必戰先回則任取據處理世車細胞治療類風濕關節炎間充質');

function pickChinese(bytes: Uint8Array): string {
  const score = (text: string, set: Set<string>) => {
    let n = 0;
    for (const ch of text) if (set.has(ch)) n++;
    return n;
  };
  const gb = new TextDecoder('gb18030').decode(bytes);
  const big5 = new TextDecoder('big5').decode(bytes);
  return score(big5, frequentHant) > score(gb, frequentHan) ? 'big5' : 'gb18030';
}

function withIgnored(decoded: Decoded, ignored: string | undefined): Decoded {
  return ignored === undefined ? decoded : { ...decoded, ignoredDeclaration: ignored };
}

/** Normalises CRLF and lone CR to LF. */
export function normalizeLineEnds(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/**
 * read: bytes → text. Records the encoding, normalises line ends, and reports undecodable
 * bytes (with their byte offset) instead of failing. Its size limit is also applied before a
 * file is read at all (ingest's openDocument reports `input-too-large` and `input-unreadable`
 * with this stage's rules).
 */
export const read = defineStage({
  name: 'read',
  description: 'Decode the input bytes to text (BOM, declared charset, UTF-8, UTF-16, GB18030, Big5) and normalise line ends.',
  needs: ['bytes'],
  provides: ['text'],
  rules: {
    'input-unreadable': {
      severity: 'error',
      fatal: true,
      wholeInput: true,
      description: 'The input file cannot be read (missing, a folder, no permission, not a regular file).',
      example: 'digest ingest missing.txt',
    },
    'input-too-large': {
      severity: 'error',
      fatal: true,
      wholeInput: true,
      description: 'The input is larger than the read stage’s maxBytes; it is refused before it is read.',
      example: 'a 100 MB file with the default maxBytes of 64 MiB',
    },
    'input-empty': {
      severity: 'error',
      fatal: true,
      description: 'After decoding, the input has no letters or digits at all; nothing after it could find anything.',
      example: 'an empty file, or one of NUL bytes only',
    },
    'decode-invalid': {
      severity: 'warning',
      description: 'Some bytes are not valid in the encoding chosen; they became U+FFFD.',
      example: 'a UTF-8 file with a few bytes of Latin-1 in it',
    },
    'decode-guessed': {
      severity: 'info',
      description: 'No BOM, declared charset or strict UTF-8 decided the encoding; it was detected statistically or fell back.',
      example: 'a GBK text file without a charset declaration',
    },
    'charset-mismatch': {
      severity: 'warning',
      description: 'The page declares a charset its bytes are not valid in; the bytes were decoded otherwise.',
      example: '<meta charset="gb2312"> on a page saved as UTF-8 with characters GB2312 lacks',
    },
  },
  defaults: readDefaults,
  async run(doc, { options, report }) {
    if (doc.bytes.length > options.maxBytes) {
      report('input-too-large', `input is ${doc.bytes.length} bytes, over the limit maxBytes=${options.maxBytes}`);
      return;
    }
    const decoded = await decode(doc.bytes, options.fallbackEncoding);
    doc.encoding = decoded.encoding;
    doc.setText(normalizeLineEnds(decoded.text));
    // Replacement characters and control codes alone are no text an editor could have meant.
    if (!/[\p{L}\p{N}]/u.test(doc.text)) {
      report('input-empty', doc.text.trim() === '' ? 'input has no text' : 'input has no readable text (no letters or digits after decoding)');
      return;
    }
    if (decoded.ignoredDeclaration !== undefined) {
      report('charset-mismatch', `the page declares charset "${decoded.ignoredDeclaration}" but its bytes are not valid in it; decoded as ${decoded.encoding}`);
    }
    if (decoded.how === 'detected' || decoded.how === 'fallback') {
      report('decode-guessed', `no BOM or usable charset declaration; encoding guessed as ${decoded.encoding}`);
    }
    if (decoded.firstInvalidByte !== -1) {
      const at = doc.text.indexOf('\ufffd');
      report(
        'decode-invalid',
        `${decoded.replaced} undecodable byte sequence(s) in ${decoded.encoding}, the first at byte offset ${decoded.firstInvalidByte}; replaced with U+FFFD`,
        { offset: Math.max(0, at) },
      );
    }
  },
});
