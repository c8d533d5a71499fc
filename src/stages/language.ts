import { languageDefaults } from '../generated/stage-defaults.js';
import { defineStage } from '../core/stage.js';
import { rangedPattern } from '../core/property-ranges.js';
import { letterCounts } from '../core/script.js';

// What franc is not given: anything but Latin letters, white space and apostrophes (ranges, not ICU's set: src/core/property-ranges.ts).
const notLatin = rangedPattern(() => /[^\p{Script=Latin}\s'’-]+/gu);

const iso639_3to1: Record<string, string> = { eng: 'en', fra: 'fr', deu: 'de', spa: 'es', por: 'pt', ita: 'it', nld: 'nl', cmn: 'zh' };

/**
 * Simplified or traditional: of the Han characters, those OpenCC would change converting to
 * traditional (simplified-only characters) against those it would change converting to
 * simplified (traditional-only ones); the larger count names the script.
 */
export function scriptOf(counts: { simplifiedOnly: number; traditionalOnly: number }): 'Hans' | 'Hant' {
  return counts.traditionalOnly > counts.simplifiedOnly ? 'Hant' : 'Hans';
}

/**
 * language: ISO 639-1 language and ISO 15924 script of the body. Chinese is decided by the
 * share of Han characters (franc is unreliable on this text), simplified vs traditional by
 * OpenCC; other text goes to franc restricted to a few languages.
 */
export const language = defineStage({
  name: 'language',
  description: 'Detect the body language (Han share, then franc on Latin text) and, for Chinese, the script (OpenCC).',
  needs: ['blocks'],
  provides: ['language'],
  rules: {
    'language-undetermined': {
      severity: 'info',
      description: 'The body has no letters, or franc cannot tell its language.',
      example: 'a body of numbers and symbols only',
    },
  },
  defaults: languageDefaults,
  async run(doc, { options, report }) {
    const body = doc.blocks
      .map((b) => b.text)
      .join('\n')
      .slice(0, options.sampleCharacters);
    const counts = letterCounts(body);
    const { han, letters, latin } = counts;
    if (letters === 0) {
      report('language-undetermined', 'no letters in the body: language undetermined');
      return;
    }
    if (han / letters >= options.hanShare) {
      doc.language = 'zh';
      doc.script = scriptOf(counts);
      return;
    }
    const latinText = body.replace(notLatin(), ' ').replace(/\s+/g, ' ').trim();
    const { franc } = await import('franc');
    const code = franc(latinText, { only: options.candidates, minLength: 10 });
    doc.language = iso639_3to1[code] ?? 'und';
    doc.script = latin / letters > 0.5 ? 'Latn' : null;
    if (doc.language === 'und') report('language-undetermined', 'language could not be determined from the body text');
  },
});
