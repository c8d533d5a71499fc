import { describe, expect, it } from 'vitest';
import { ingestDetailed } from '../../src/ingest.js';
import fc from 'fast-check';
import { composeHeading, headingParts, inBodyName, labelTables, nameTokenStart, topicDisease } from '../../src/stages/label.js';
import { pipeline, repo } from '../helpers.js';
import { keepsOptimisedCode } from '../support/optimised.js';

const english = async (heading: string) => composeHeading(headingParts(heading, pipeline().data.structure, pipeline().data.concepts));

describe('label: exact English for headings', () => {
  it.each([
    ['2025年3月干细胞治疗强直性脊柱炎最新临床进展', 'March 2025: latest clinical progress in stem cell therapy for ankylosing spondylitis'],
    ['2025年3月干细胞治疗强直性脊柱炎临床进展', 'March 2025: clinical progress in stem cell therapy for ankylosing spondylitis'],
    ['２０２５年１２月幹細胞治療類風濕關節炎最新臨床進展', 'December 2025: latest clinical progress in stem cell therapy for rheumatoid arthritis'],
    ['2025年1-12月干细胞治疗类风湿关节炎临床进展汇总', 'January–December 2025: summary of clinical progress in stem cell therapy for rheumatoid arthritis'],
    ['2015年干细胞治疗肝硬化关键临床进展', '2015: key clinical progress in stem cell therapy for liver cirrhosis'],
    ['2025年干细胞治疗强直性脊柱炎临床总结', '2025: clinical summary of stem cell therapy for ankylosing spondylitis'],
    ['未来展望', 'Outlook'],
    ['结语', 'Conclusion'],
  ])('%s', async (heading, expected) => {
    expect(await english(heading)).toBe(expected);
  });

  it.each(['2025年3月干细胞治疗强直性脊柱炎与银屑病最新临床进展', '2025年3月行业动态', '一、干细胞治疗的基本原理'])('gives no guess for %s', async (heading) => {
    expect(await english(heading)).toBeNull();
  });
});

describe('label stage on the seeds', () => {
  it.each(['as-2025.txt', 'as-2025-hant.txt', 'as-2025-wechat.html'])('%s: English headings, title, topic and paper titles', async (file) => {
    const { record } = await ingestDetailed({ path: repo(`fixtures/articles/${file}`) }, { pipeline: pipeline() });
    expect(record.topic).toEqual({ disease: { id: 'disease:ankylosing-spondylitis', label: 'ankylosing spondylitis' }, therapy: 'stem cell therapy' });
    const march = record.sections.find((s) => s.month === '2025-03')!;
    expect(march.headingEn).toBe('March 2025: latest clinical progress in stem cell therapy for ankylosing spondylitis');
    expect(record.sections.filter((s) => s.kind !== 'intro').every((s) => typeof s.headingEn === 'string')).toBe(true);
    expect(march.items[0]?.paperTitleEn).toBe('Fat mass and obesity-associated protein in mesenchymal stem cells inhibits osteoclastogenesis via lnc NORAD/miR-4284 axis in ankylosing spondylitis');
  });
});

// A body's name read backwards token by token (BENCHMARKS.md, change 143): the tokens are those the
// forward cut of the 160-unit window before the term made, so `inBodyName` answers as it did.
describe('label: the words before a term read backwards', () => {
  const forwardTokens = /[A-Za-z&][A-Za-z&'’.-]*|[^\sA-Za-z&]/g;
  /** The units the seeded texts are made of: letters, "&", the word marks, white space of every kind `\s` holds, commas, digits, Han, a lone surrogate. */
  const units = ['A', 'C', 'z', 'q', '&', "'", '’', '.', '-', ' ', '\t', '\n', '\u00a0', '\u2003', '\u3000', '\ufeff', ',', '，', '7', '细', '胞', '\ud83d', '(', ')'];
  const texts = fc.sample(fc.array(fc.constantFrom(...units), { minLength: 0, maxLength: 40 }).map((parts) => parts.join('')), { seed: 17, numRuns: 3000 });

  /** The tokens of `text.slice(from, end)`, last first, by {@link nameTokenStart}. */
  function backwards(text: string, from: number, end: number): string[] {
    const out: string[] = [];
    for (let at = end; ; ) {
      let stop = at;
      while (stop > from && /\s/.test(text[stop - 1]!)) stop--;
      if (stop === from) return out;
      at = nameTokenStart(text, from, stop);
      out.push(text.slice(at, stop));
    }
  }

  it('cuts every slice of 3,000 seeded texts into the forward cut’s tokens', () => {
    const differ: string[] = [];
    let slices = 0;
    for (const text of texts) {
      for (let from = 0; from <= text.length; from += 3) {
        for (let end = from; end <= text.length; end++) {
          slices++;
          const expected = (text.slice(from, end).match(forwardTokens) ?? []).reverse();
          if (JSON.stringify(backwards(text, from, end)) !== JSON.stringify(expected)) differ.push(JSON.stringify([text, from, end]));
        }
      }
    }
    expect(slices).toBeGreaterThan(25_000);
    expect(differ.slice(0, 5)).toEqual([]);
  });

  it('reads a body’s name before a term through commas and joiners, within the window', () => {
    const names = { heads: new Set(['Office', 'Committee']), joiners: new Set(['of', 'and']) };
    const at = (text: string, term: string) => inBodyName(text, text.indexOf(term), text.indexOf(term) + term.length, names);
    expect(at('Staff of the Office of Cellular, Tissue and Gene Therapies spoke.', 'Gene')).toBe(true);
    expect(at('Staff of the office of Cellular, Tissue and Gene Therapies spoke.', 'Gene')).toBe(false);
    // Nine words back: past the reach of eight.
    expect(at('Office of A B C D E F G Gene', 'Gene')).toBe(false);
    expect(at('Office of A B C D E F Gene', 'Gene')).toBe(true);
    // The window is the 160 units before the term: a head cut by its start is read as cut ("ffice", no capital).
    const word = (units: number) => `A${'a'.repeat(units - 1)}`;
    expect(at(`Office ${word(152)} Gene`, 'Gene')).toBe(true);
    expect(at(`Office ${word(153)} Gene`, 'Gene')).toBe(false);
  });
});

describe('label: headingParts and topicDisease keep the code TurboFan made for them (issue 17)', () => {
  it('headingParts: the lexicon\'s concepts and the connectors read in optimised code meet no new map', () => {
    const { structure, concepts } = pipeline().data;
    const tables = labelTables(structure, concepts);
    const headings = ['2025年3月干细胞治疗强直性脊柱炎最新临床进展', '2025年1-12月干细胞治疗类风湿关节炎临床进展汇总', '未来展望', '2015年干细胞治疗肝硬化关键临床进展'];
    let k = 0;
    const next = () => headingParts(headings[k++ % headings.length]!, structure, concepts, tables);
    // Before: `conceptsIn` made its list with `map` and the connectors were taken out by `split(…).join('')`,
    // whose optimised forms make holey arrays: the code was thrown away at its first optimised run.
    expect(keepsOptimisedCode(headingParts, next)).toBe(true);
  });

  it('topicDisease: the title\'s concepts, listed in optimised code, meet no new map', async () => {
    const { structure, concepts } = pipeline().data;
    const { bodyNames } = labelTables(structure, concepts);
    const docs = await Promise.all(['as-2025.txt', 'ra-2025-site.html', 'ra-2025-markdown.md'].map(async (file) => (await ingestDetailed({ path: repo(`fixtures/articles/${file}`) }, { pipeline: pipeline() })).doc));
    let k = 0;
    const next = () => topicDisease(docs[k++ % docs.length]!, [], concepts, bodyNames);
    expect(next()?.label).toBe('ankylosing spondylitis');
    // Before: `filter(…).map(…)` made the list, holey in optimised code, which the loops after it read.
    expect(keepsOptimisedCode(topicDisease, next)).toBe(true);
  });
});
