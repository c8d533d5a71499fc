import { describe, expect, it } from 'vitest';
import { fixture, runUpTo } from '../helpers.js';

describe('language stage', () => {
  it('simplified Chinese', async () => {
    const doc = await runUpTo(fixture('articles/as-2025.txt').toString('utf8'), 'language');
    expect([doc.language, doc.script]).toEqual(['zh', 'Hans']);
  });

  it('traditional Chinese (an OpenCC mirror)', async () => {
    const doc = await runUpTo(fixture('articles/as-2025-hant.txt').toString('utf8'), 'language');
    expect([doc.language, doc.script]).toEqual(['zh', 'Hant']);
  });

  it('Chinese full of acronyms is still Chinese', async () => {
    const doc = await runUpTo('MSC-EVs可靶向递送抗炎药物(如抗TNF-α)、miRNA(如miR-320a、miR-150-5p)及代谢调控因子,抑制Th17细胞分化、促进Treg细胞增殖。', 'language');
    expect(doc.language).toBe('zh');
  });

  it('English biomedical text', async () => {
    const doc = await runUpTo(
      'Mesenchymal stem cells reduced disease activity in patients with rheumatoid arthritis, and the treatment was well tolerated over five years of follow-up in the extension study.',
      'language',
    );
    expect([doc.language, doc.script]).toEqual(['en', 'Latn']);
  });
});
