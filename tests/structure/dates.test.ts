import { describe, expect, it } from 'vitest';
import { calendarDate, dayBefore, leadingDate } from '../../src/structure/dates.js';
import { pipeline } from '../helpers.js';

const lead = (text: string) => leadingDate(text, pipeline().data.structure);

describe('leadingDate: the date an item opens with', () => {
  it.each([
    ['去年的11月8日,研究', { year: null, month: 11, day: 8, relativeYear: -1, length: 8 }],
    ['今年3月5日,研究', { year: null, month: 3, day: 5, relativeYear: 0, length: 6 }],
    ['二〇二五年五月十二日,研究', { year: 2025, month: 5, day: 12, relativeYear: null, length: 10 }],
    ['On 5 March, a team', { year: null, month: 3, day: 5, relativeYear: null, length: 11 }],
    ['5月初,研究', { year: null, month: 5, day: null, relativeYear: null, length: 3 }],
  ])('%s', (text, expected) => {
    expect(lead(text)).toEqual(expected);
  });

  it.each(['3月32日,研究', '13月5日,研究', '研究于3月'])('%s: no date (no such day or month, or not at the start)', (text) => {
    expect(lead(text)).toBeNull();
  });
});

describe('days relative to the page date', () => {
  it('dayBefore: this month when not later than the page date, else the month before (across a year end); no such day, null', () => {
    expect(dayBefore('2025-10-15', 14)).toBe('2025-10-14');
    expect(dayBefore('2025-01-05', 14)).toBe('2024-12-14');
    expect(dayBefore('2025-03-01', 30)).toBeNull();
  });

  it('calendarDate: only real days (29 February in leap years)', () => {
    expect(calendarDate(2025, 2, 29)).toBeNull();
    expect(calendarDate(2024, 2, 29)).toBe('2024-02-29');
  });
});
