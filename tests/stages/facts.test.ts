import { describe, expect, it } from 'vitest';
import { ingestDetailed } from '../../src/ingest.js';
import { itemFacts, timepointIn } from '../../src/stages/facts.js';
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
