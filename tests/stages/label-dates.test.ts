import { describe, expect, it } from 'vitest';
import { headingParts } from '../../src/stages/label.js';
import { pipeline } from '../helpers.js';

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
