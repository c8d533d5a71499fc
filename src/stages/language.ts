import { defineStage } from '../core/stage.js';
import { characterTables, countIn } from '../core/script.js';

const iso639_3to1: Record<string, string> = { eng: 'en', fra: 'fr', deu: 'de', spa: 'es', por: 'pt', ita: 'it', nld: 'nl', cmn: 'zh' };

/**
 * Simplified or traditional: counts the characters OpenCC would change converting to
 * traditional (simplified-only characters) and converting to simplified (traditional-only
 * ones); the larger count names the script.
 */
export async function detectScript(han: string): Promise<'Hans' | 'Hant'> {
  const { simplified, traditional } = await characterTables();
  // Both tables hold BMP characters only, so counting code units is counting characters.
  return countIn(han, traditional) > countIn(han, simplified) ? 'Hant' : 'Hans';
}

const UNKNOWN = 255;
const NOT_LETTER = 0;
const LETTER = 1;
const LATIN = 2;
const HAN = 3;
/** BMP code unit → letter class, filled as characters are first seen (regex tests are slow per character). */
const letterClass = new Uint8Array(0x10000).fill(UNKNOWN);

function classify(ch: string): number {
  const code = ch.codePointAt(0)!;
  if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0x20000 && code <= 0x2fa1f)) return HAN;
  if (/\p{Script=Latin}/u.test(ch)) return /\p{L}/u.test(ch) ? LATIN : NOT_LETTER;
  return /\p{L}/u.test(ch) ? LETTER : NOT_LETTER;
}

/** The Han characters of a text (joined) and its counts of letters and Latin letters. */
function letterCounts(text: string): { han: string; letters: number; latin: number } {
  const han: string[] = [];
  let letters = 0;
  let latin = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    let kind: number;
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const pair = text.slice(i, i + 2);
      kind = classify(pair);
      if (kind === HAN) han.push(pair);
      i++;
    } else {
      kind = letterClass[unit]!;
      if (kind === UNKNOWN) kind = letterClass[unit] = classify(text[i]!);
      if (kind === HAN) han.push(text[i]!);
    }
    if (kind !== NOT_LETTER) letters++;
    if (kind === LATIN) latin++;
  }
  return { han: han.join(''), letters, latin };
}

/**
 * language: ISO 639-1 language and ISO 15924 script of the body. Chinese is decided by the
 * share of Han characters (franc is unreliable on this text), simplified vs traditional by
 * OpenCC; other text goes to franc restricted to a few languages.
 */
export const language = defineStage({
  name: 'language',
  description: 'Detect the body language (Han share, then franc on Latin text) and, for Chinese, the script (OpenCC).',
  rules: { 'language-undetermined': 'info', 'script-mixed': 'info' },
  defaults: { hanShare: 0.3, sampleCharacters: 20000, candidates: ['eng', 'fra', 'deu', 'spa', 'por', 'ita', 'nld'] },
  async run(doc, { options, report }) {
    const body = doc.blocks
      .map((b) => b.text)
      .join('\n')
      .slice(0, options.sampleCharacters);
    const { han, letters, latin } = letterCounts(body);
    if (letters === 0) {
      report('language-undetermined', 'no letters in the body: language undetermined');
      return;
    }
    if (han.length / letters >= options.hanShare) {
      doc.language = 'zh';
      doc.script = await detectScript(han);
      return;
    }
    const latinText = body.replace(/[^\p{Script=Latin}\s'’-]+/gu, ' ').replace(/\s+/g, ' ').trim();
    const { franc } = await import('franc');
    const code = franc(latinText, { only: options.candidates, minLength: 10 });
    doc.language = iso639_3to1[code] ?? 'und';
    doc.script = latin / letters > 0.5 ? 'Latn' : null;
    if (doc.language === 'und') report('language-undetermined', 'language could not be determined from the body text');
  },
});
