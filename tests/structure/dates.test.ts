import { describe, expect, it } from 'vitest';
import { calendarDate, dayBefore, leadingDate, monthDayBefore, recentIn, relativeDay } from '../../src/structure/dates.js';
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

// The genre read a second time on real pages (BENCHMARKS.md, "the real genre, second pass"): the date
// of an item's event written inside its first sentence, after its subject.
describe('relativeDay: the date inside a first sentence that dates its event', () => {
  const read = (text: string) => {
    const found = relativeDay(text, pipeline().data.structure);
    return found && { year: found.year, month: found.month, day: found.day, written: text.slice(found.index, found.index + found.length) };
  };
  it.each([
    ['研究团队于2025年5月11日宣布完成首例移植。', { year: 2025, month: 5, day: 11, written: '于2025年5月11日' }],
    ['以此为例,FDA 已于 2024 年 12 月 18 日 批准该疗法。', { year: 2024, month: 12, day: 18, written: '于 2024 年 12 月 18 日' }],
    ['该团队于14日在《自然》上发表论文。', { year: null, month: null, day: 14, written: '于14日' }],
    ['据新华社东京12月26日电 调查委员会26日宣布,结论如下。', { year: null, month: null, day: 26, written: '26日' }],
    ['记者28日获悉,上海的专家开展了试验。', { year: null, month: null, day: 28, written: '28日' }],
  ])('%s', (text, expected) => {
    expect(read(text)).toEqual(expected);
  });

  it.each([
    ['要求各单位于2013年3月15日前将意见反馈并发布。', 'a deadline (…日前)'],
    ['团队计划于2026年开展研究并发布结果。', 'a year alone'],
    ['卫生部新闻发言人今天(10日)表示,将开展整顿。', 'no event verb'],
    ['该药获批上市。团队于2025年6月5日开出首张处方。', 'not in the first sentence'],
  ])('%s: none (%s)', (text) => {
    expect(read(text)).toBeNull();
  });

  it('monthDayBefore: that day of the page date\'s year when not later than the page date, else the year before', () => {
    expect(monthDayBefore('2014-12-27', 12, 26)).toBe('2014-12-26');
    expect(monthDayBefore('2015-01-03', 12, 30)).toBe('2014-12-30');
  });
});

describe('recentIn: a word inside a sentence dating its event to the days before the page date (genre-zh5)', () => {
  const recent = (text: string) => recentIn(text, pipeline().data.structure);
  it.each([
    ['根据科普网站《某某日报》报导,瑞士某大学的科学家近日在期刊《自然》发表研究,', 24],
    ['美国某医学院日前发表于《临床研究杂志》的研究指出,', 6],
  ])('%s', (text, index) => {
    expect(recent(text)).toEqual({ index, length: 2 });
  });

  it.each(['近日气温回升,门诊量增加。', '发表在《自然》的论文近日引起关注。', '截至日前,已有多项研究发表。', '该中心近期将公布试验结果。'])('%s: no event dated (no verb after the word, a deadline, or the near future)', (text) => {
    expect(recent(text)).toBeNull();
  });
});
