import type { LineIndex } from '../core/location.js';
import { hasLetterOrDigit } from '../core/script.js';
import { defineStage } from '../core/stage.js';
import { readDefaults } from '../generated/stage-defaults.js';
import { binaryKind, decode, normalizeLineEnds, normalizedOffset, type Decoded } from '../parse/decode.js';

/**
 * read: bytes → text. Records the encoding, normalises line ends, and reports undecodable
 * bytes (with their byte offset) instead of failing.
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
    'input-binary': {
      severity: 'error',
      fatal: true,
      description: 'The input is not text: a known file signature (PNG, JPEG, gzip, ZIP, PDF…) or, if not UTF-8, NUL or many control bytes in its first 8 KB.',
      example: 'a PNG screenshot saved as digest.txt',
    },
    'decode-replaced': {
      severity: 'warning',
      description: 'Bytes not valid in the chosen encoding were replaced with U+FFFD; the message gives the byte offsets and line:column of the first ten.',
      example: 'a page declared gb2312 with 12 stray bytes in it',
    },
    'encoding-mixed': {
      severity: 'warning',
      description: 'The file changes encoding part-way; each part is decoded in its own, and the warning stands where it changes.',
      example: 'a GBK digest with paragraphs pasted from a UTF-8 page',
    },
    'decode-guessed': {
      severity: 'info',
      description: 'No BOM, declared charset or strict UTF-8 decided the encoding; it was detected statistically or fell back.',
      example: 'a GBK text file without a charset declaration',
    },
    'charset-mismatch': {
      severity: 'warning',
      description: 'The page declares a charset its bytes contradict (not valid in it, or valid UTF-8 with multi-byte characters); the bytes were decoded otherwise, and the warning points at the declaration.',
      example: '<meta charset="iso-8859-1"> on a page saved as UTF-8',
    },
  },
  defaults: readDefaults,
  async run(doc, { options, report }) {
    if (doc.bytes.length > options.maxBytes) {
      report('input-too-large', `input is ${doc.bytes.length} bytes, over the limit maxBytes=${options.maxBytes}`);
      return;
    }
    const binary = binaryKind(doc.bytes);
    if (binary !== null) {
      report('input-binary', `input is ${binary}, not text; nothing was read from it`);
      return;
    }
    const decoded = await decode(doc.bytes, options.fallbackEncoding);
    doc.encoding = decoded.encoding;
    doc.setText(normalizeLineEnds(decoded.text));
    // Replacement characters and control codes alone are no text an editor could have meant.
    if (!hasLetterOrDigit(doc.text)) {
      report('input-empty', doc.text.trim() === '' ? 'input has no text' : 'input has no readable text (no letters or digits after decoding)');
      return;
    }
    const at = (char: number) => ({ offset: normalizedOffset(decoded.text, char) });
    if (decoded.ignoredDeclaration !== undefined) {
      const why = decoded.encoding === 'utf-8' && decoded.replaced === 0 ? 'its bytes are valid UTF-8 with multi-byte characters' : `its bytes are not valid in it`;
      report('charset-mismatch', `the page declares charset "${decoded.ignoredDeclaration}" but ${why}; decoded as ${decoded.encoding}`, at(decoded.ignoredDeclarationAt ?? 0));
    }
    if (decoded.how === 'detected' || decoded.how === 'fallback') {
      report('decode-guessed', `no BOM or usable charset declaration; encoding guessed as ${decoded.encoding}`);
    }
    for (const change of decoded.switches) {
      report('encoding-mixed', `the encoding changes here from ${change.from} to ${change.to} (byte offset ${change.byte}); each part was decoded in its own`, at(change.char));
    }
    if (decoded.replaced > 0) report('decode-replaced', replacedMessage(decoded, doc.lines, at), at(decoded.replacements[0]?.char ?? 0));
  },
});

/** Says how many byte sequences were replaced and where: byte offsets and line:column of the first few. */
function replacedMessage(decoded: Decoded, lines: LineIndex, at: (char: number) => { offset: number }): string {
  const places = decoded.replacements.map((r) => {
    const p = lines.point(at(r.char).offset);
    return `byte ${r.byte} (${p.line}:${p.column})`;
  });
  const more = decoded.replaced > places.length ? `, and ${decoded.replaced - places.length} more` : '';
  return `${decoded.replaced} byte sequence(s) not valid in ${decoded.encoding} replaced with U+FFFD: ${places.join(', ')}${more}`;
}
