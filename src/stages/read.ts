import type { LineIndex } from '../core/location.js';
import { defineStage } from '../core/stage.js';
import { binaryKind, decode, normalizeLineEnds, normalizedOffset, type Decoded } from '../parse/decode.js';

/**
 * read: bytes → text. Records the encoding, normalises line ends, and reports undecodable
 * bytes (with their byte offset) instead of failing.
 */
export const read = defineStage({
  name: 'read',
  description: 'Decode the input bytes to text (BOM, declared charset, UTF-8, UTF-16, GB18030, Big5) and normalise line ends.',
  rules: {
    'input-empty': 'error',
    'input-too-large': 'error',
    'input-binary': 'error',
    'decode-replaced': 'warning',
    'encoding-mixed': 'warning',
    'decode-guessed': 'info',
    'charset-mismatch': 'warning',
  },
  defaults: { fallbackEncoding: 'gb18030', maxBytes: 64 * 1024 * 1024 },
  async run(doc, { options, report }) {
    if (doc.bytes.length > options.maxBytes) {
      report('input-too-large', `input is ${doc.bytes.length} bytes, over the limit maxBytes=${options.maxBytes}`);
      doc.failed = true;
      return;
    }
    const binary = binaryKind(doc.bytes);
    if (binary !== null) {
      report('input-binary', `input is ${binary}, not text; nothing was read from it`);
      doc.failed = true;
      return;
    }
    const decoded = await decode(doc.bytes, options.fallbackEncoding);
    doc.encoding = decoded.encoding;
    doc.setText(normalizeLineEnds(decoded.text));
    // Replacement characters and control codes alone are no text an editor could have meant.
    if (!/[\p{L}\p{N}]/u.test(doc.text)) {
      report('input-empty', doc.text.trim() === '' ? 'input has no text' : 'input has no readable text (no letters or digits after decoding)');
      doc.failed = true;
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
