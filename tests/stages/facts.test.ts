import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { ingestDetailed } from '../../src/ingest.js';
import { clauses, itemFacts, sentencesOf, separatesThousands, timepointIn } from '../../src/stages/facts.js';
import { items, pipeline, repo } from '../helpers.js';

const data = () => pipeline().data;
const brief = (o: { measure: string; value: number; unit: string | null; timepoint: string | null; population: string | null; baseline: number | null; approximate: boolean }) =>
  [o.measure, o.value, o.unit, o.timepoint, o.population, o.baseline, o.approximate];

describe('facts: timepoints', () => {
  it.each([
    ['第4周达标的ASAS20比例', 'week 4'],
    ['治疗1年时达100%', '1 year'],
    ['五年后仍保持在89.3%', '5 years'],
    ['经过六个月的MSC治疗后', '6 months'],
    ['单次输注后52周随访', '52 weeks'],
    ['随访1,000天后仍有效', '1000 days'],
    ['治疗后，6个月时复查', '6 months'],
    ['疗效显著', null],
  ])('%s', (clause, expected) => {
    expect(timepointIn(data().concepts.view(clause), data().facts)).toBe(expected);
  });
});

describe('facts on the seeds (every variant agrees)', () => {
  it.each(['ra-2025.txt', 'ra-2025-site.html', 'ra-2025-hant-big5.txt'])('%s: ACR20, low disease activity, remission of the November item', async (file) => {
    const { record } = await ingestDetailed({ path: repo(`fixtures/articles/${file}`) }, { pipeline: pipeline() });
    const november = items(record).find((i) => i.date === '2025-11-17')!;
    expect(november.facts?.institution?.label).toBe('The First Affiliated Hospital of Chongqing Medical University');
    expect(november.facts?.outcomes.map(brief)).toEqual([
      ['ACR20', 100, '%', '1 year', null, null, false],
      ['ACR20', 89.3, '%', '5 years', null, null, false],
      ['low disease activity', 42.9, '%', null, null, null, false],
      ['clinical remission', 25, '%', null, null, null, false],
    ]);
    expect(november.facts?.outcomes[0]?.comparator).toBe(file.includes('hant') ? '單藥組' : '单药组');
    const countries = items(record).map((i) => i.facts?.country ?? null);
    expect(countries.slice(0, 6)).toEqual([null, 'Italy', 'Iran', null, 'Taiwan', 'Saudi Arabia']);
  });

  it.each(['as-2025.txt', 'as-2025-gbk.txt', 'as-2025-wechat.html'])('%s: ASAS20 over weeks in 31 patients, BASDAI fall, trial counts', async (file) => {
    const { record } = await ingestDetailed({ path: repo(`fixtures/articles/${file}`) }, { pipeline: pipeline() });
    const july = items(record).find((i) => i.date === '2025-07-11')!;
    expect(july.facts?.outcomes.map(brief)).toEqual([
      ['ASAS20', 77.4, '%', 'week 4', '31 patients', null, false],
      ['ASAS20', 54.8, '%', 'week 12', '31 patients', null, false],
      ['ASAS20', 32.3, '%', 'week 16', '31 patients', null, false],
      ['BASDAI', 1.88, null, null, null, 4.69, true],
    ]);
    const february = items(record).find((i) => i.date === '2025-02-11')!;
    expect(february.facts?.outcomes.map((o) => [o.measure, o.value, o.unit])).toEqual([
      ['randomized controlled trials', 42, 'trials'],
      ['participants', 2183, 'participants'],
    ]);
    expect(february.facts?.institution).toEqual({ text: '中国医学科学院', label: 'Chinese Academy of Medical Sciences' });
  });

  it('reads an institution named inside a country-bearing name', async () => {
    const f = itemFacts({ text: '6月16日,莫斯科谢切诺夫第一国立医科大学再生医学研究所牵头在《国际分子科学杂志》上发表研究。[7]' }, data());
    expect(f).toMatchObject({ institution: { text: '莫斯科谢切诺夫第一国立医科大学再生医学研究所', label: 'Sechenov First Moscow State Medical University' }, country: 'Russia', outcomes: [] });
  });
});

describe("facts: the lexicon's countries (issue 17)", () => {
  it("are filtered once a lexicon, by its matcher, not again for every article: the same list each read, the lexicon's countries in its order", async () => {
    const { loadPipeline } = await import('../../src/pipeline.js');
    // A pipeline of its own, whose lexicon's concepts are watched.
    const own = loadPipeline(repo('pipelines/digest.json'));
    const concepts = own.data.lexicon.concepts;
    const filter = vi.spyOn(concepts, 'filter');
    try {
      const countries = own.data.concepts.countries;
      expect(countries.map((c) => c.id)).toEqual(concepts.flatMap((c) => (c.type === 'country' ? [c.id] : [])));
      expect(countries.length).toBeGreaterThan(20);
      filter.mockClear();
      for (const file of ['ra-2025.txt', 'as-2025.txt', 'ra-2025-site.html']) {
        const { record } = await ingestDetailed({ path: repo(`fixtures/articles/${file}`) }, { pipeline: own });
        expect(items(record).some((i) => i.facts?.country)).toBe(true);
      }
      // Before: the facts stage filtered the lexicon's concepts once an article.
      expect(filter).not.toHaveBeenCalled();
      expect(own.data.concepts.countries).toBe(countries);
    } finally {
      filter.mockRestore();
    }
  });
});

describe('facts: the outcome patterns read only clauses that can state an outcome (issue 17)', () => {
  it('reads timepoints, changes and counts only in clauses with a measure or a counted concept, and finds the same outcomes', async () => {
    const { loadPipeline } = await import('../../src/pipeline.js');
    // A pipeline of its own, whose facts patterns are watched.
    const own = loadPipeline(repo('pipelines/digest.json'));
    const f = own.data.facts;
    const calls = { week: 0, change: 0, population: 0 };
    const watched = (pattern: RegExp, key: keyof typeof calls) =>
      new (class extends RegExp {
        override exec(text: string) {
          calls[key]++;
          return super.exec(text);
        }
      })(pattern.source, pattern.flags);
    f.week = watched(f.week, 'week');
    f.change = watched(f.change, 'change');
    f.population = watched(f.population, 'population');
    const { record } = await ingestDetailed({ path: repo('fixtures/articles/ra-2025.txt') }, { pipeline: own });
    const expected = await ingestDetailed({ path: repo('fixtures/articles/ra-2025.txt') }, { pipeline: pipeline() });
    expect(items(record).map((i) => i.facts)).toEqual(items(expected.record).map((i) => i.facts));
    const outcomes = items(record).flatMap((i) => i.facts?.outcomes ?? []);
    const clauses = items(record).reduce((n, i) => n + i.text.split(/[，；;。\n]/u).length, 0);
    expect(outcomes.length).toBeGreaterThan(3);
    // A timepoint and a population are read for each outcome of a percentage or change, not for every clause.
    expect(calls.week).toBeLessThanOrEqual(outcomes.length);
    expect(calls.population).toBeLessThanOrEqual(outcomes.length);
    expect(calls.change).toBeLessThan(clauses / 3);
  });
});

describe('facts: sentences (issue 17)', () => {
  /** The definition sentencesOf replaced. */
  const split = (text: string) => text.split(/(?<=[。；;\n])/u);

  it('cuts a text as the split with a lookbehind did: after each end mark but the last character', () => {
    for (const text of ['', '。', ';;', 'a。b', 'a。b。', '\n', '\n\nx', '第4周;77%；第12周。\n', '😀。😀', '\ud83d。']) expect(sentencesOf(text)).toEqual(split(text));
  });

  it('gives the split’s pieces on seeded random texts of end marks, look-alikes, Han, surrogates and ASCII', () => {
    const unit = fc.constantFrom('。', '；', ';', '\n', '，', '．', '.', '!', '﹔', '\r', 'a', '1', '周', ' ', '😀', '\ud83d', '\ude00');
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 40 }), (units) => {
        const text = units.join('');
        expect(sentencesOf(text)).toEqual(split(text));
      }),
      { seed: 17, numRuns: 3000 },
    );
  });
});

describe('facts: clauses and the thousands separator (issue 17)', () => {
  /** The test `separatesThousands` replaced: each operation reached only when the ones before it held. */
  const before = (text: string, i: number) => i > 0 && i + 3 < text.length && /\d/.test(text[i - 1]!) && /\d/.test(text[i + 1]!) && /\d/.test(text[i + 2]!) && /\d/.test(text[i + 3]!);

  it('reads a comma between a digit and three as a thousands separator, as the test it replaced did, on seeded random texts', () => {
    const unit = fc.constantFrom(',', '，', '1', '0', '9', '周', 'a', '。', ';', '\n', '\ud83d');
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 12 }), (units) => {
        const text = units.join('');
        for (let i = 0; i < text.length; i++) if (text[i] === ',') expect(separatesThousands(text, i)).toBe(before(text, i));
      }),
      { seed: 17, numRuns: 3000 },
    );
    expect(clauses('共1,234例,其中12,5例；随访')).toEqual([
      { text: '共1,234例', start: 0 },
      { text: '其中12', start: 8 },
      { text: '5例', start: 13 },
      { text: '随访', start: 16 },
    ]);
  });
});
