import { defineStage } from '../core/stage.js';
import { isHan } from '../core/text.js';

const iso639_3to1: Record<string, string> = { eng: 'en', fra: 'fr', deu: 'de', spa: 'es', por: 'pt', ita: 'it', nld: 'nl', cmn: 'zh' };

type Convert = (text: string) => string;
let converters: { toTraditional: Convert; toSimplified: Convert } | null = null;

async function openccConverters(): Promise<{ toTraditional: Convert; toSimplified: Convert }> {
  if (!converters) {
    const { Converter } = await import('opencc-js');
    converters = { toTraditional: Converter({ from: 'cn', to: 'tw' }), toSimplified: Converter({ from: 'tw', to: 'cn' }) };
  }
  return converters;
}

/**
 * Simplified or traditional: converts the Han text both ways with OpenCC and counts the
 * characters each direction changes; traditional text changes when simplified, and vice versa.
 */
export async function detectScript(han: string): Promise<'Hans' | 'Hant'> {
  const { toTraditional, toSimplified } = await openccConverters();
  const countChanged = (a: string, b: string) => {
    let n = 0;
    for (let i = 0; i < a.length && i < b.length; i++) if (a[i] !== b[i]) n++;
    return n;
  };
  const simplifiedChars = countChanged(han, toTraditional(han));
  const traditionalChars = countChanged(han, toSimplified(han));
  return traditionalChars > simplifiedChars ? 'Hant' : 'Hans';
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
    let han = '';
    let letters = 0;
    let latin = 0;
    for (const ch of body) {
      if (isHan(ch)) {
        han += ch;
        letters++;
      } else if (/\p{L}/u.test(ch)) {
        letters++;
        if (/\p{Script=Latin}/u.test(ch)) latin++;
      }
    }
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
