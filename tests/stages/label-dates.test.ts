import { describe, expect, it } from 'vitest';
import { loadStructure, readConfigFile } from '../../src/core/data.js';
import { headingParts } from '../../src/stages/label.js';
import { pipeline, repo } from '../helpers.js';

const parts = (heading: string) => headingParts(heading, pipeline().data.structure, pipeline().data.concepts);
const topic = '干细胞治疗类风湿关节炎最新临床进展';

describe('headingParts: the date a heading opens with', () => {
  it.each([
    [`2025年1-6月${topic}`, 'January–June 2025'],
    [`2025年${topic}`, '2025'],
    [`二〇二五年${topic}`, '2025'],
  ])('%s → %s, and the rest explained', (heading, date) => {
    expect(parts(heading)).toEqual({
      date,
      therapy: 'stem cell therapy',
      disease: { id: 'disease:rheumatoid-arthritis', label: 'rheumatoid arthritis' },
      phrase: 'latest clinical progress',
      preposition: 'in',
      complete: true,
    });
  });

  it.each([`2025年13月${topic}`, `2025年1-13月${topic}`])('%s: no month 13, so nothing is composed', (heading) => {
    expect(parts(heading)).toEqual({ date: null, therapy: null, disease: null, phrase: null, preposition: 'in', complete: false });
  });
});

describe('headingParts: the date lists asked through their groups', () => {
  it('makes only the date patterns whose pre-tests let the heading through: no English month name for a Chinese heading', () => {
    const file = repo('pipelines/data/structure.json');
    const structure = loadStructure(file, readConfigFile(file));
    const lists = ['/rangeHeadings', '/monthHeadings', '/yearHeadings'] as const;
    for (const heading of [`2025年1-12月${topic}`, `2025年${topic}`, `二〇二五年十二月${topic}`, '结语', '2025-03 月报']) headingParts(heading, structure, pipeline().data.concepts);
    for (const pointer of lists) {
      const made = (structure.groups[pointer] as unknown as { made: (RegExp | undefined)[] }).made.filter((r): r is RegExp => r !== undefined);
      expect(made.filter((r) => r.source.includes('January')), pointer).toEqual([]);
    }
    // (The year headings are one pattern, which "2025年…" runs.)
    for (const pointer of ['/rangeHeadings', '/monthHeadings'] as const) expect((structure.groups[pointer] as unknown as { made: unknown[] }).made.filter(Boolean).length, pointer).toBeLessThan(structure.groups[pointer].length);
    // The English headings still read theirs.
    expect(headingParts('January – December 2025 stem cell therapy', structure, pipeline().data.concepts).date).toBe('January–December 2025');
  });
});
