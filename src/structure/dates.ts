import type { CompiledStructure } from '../core/data.js';
import { dateNumber, monthNumber, yearNumber } from '../core/numerals.js';
import { foldWidth } from '../core/text.js';

/** A date that opens an item. */
export interface ItemDate {
  year: number | null;
  month: number;
  day: number | null;
  /** Years to add to the base year ("去年" → -1), or null when the date says nothing relative. */
  relativeYear: number | null;
  /** How many characters of the text the date takes. */
  length: number;
}

/**
 * Parses the date an item opens with ("3月5日,", "5月初,", "10月,", "四月,", "二〇二五年五月十二日,",
 * "去年的11月8日,", "On 5 March,"), if any.
 */
export function leadingDate(text: string, s: CompiledStructure): ItemDate | null {
  // A date opens an item within its first few dozen characters; patterns never see more.
  return leadingDateFolded(foldWidth(text.slice(0, 60)), s);
}

/**
 * {@link leadingDate} of a text already width-folded (a block's `doc.folded`, or a slice of it):
 * the fold is one unit for one, so the fold of the first 60 units is the first 60 of the fold,
 * and segment, which asks at every block and after every full stop, does not fold them again.
 */
export function leadingDateFolded(folded: string, s: CompiledStructure): ItemDate | null {
  if (folded.length > 60) folded = folded.slice(0, 60);
  // Indexed loops here: asked at every block and after every full stop, a `for … of` in baseline
  // code allocated an iterator and an iterator result a pattern (BENCHMARKS.md, "loops without iterators").
  const patterns = s.groups['/itemDates'];
  const list = patterns.candidates(folded);
  for (let i = 0; i < list.length; i++) {
    const m = patterns.exec(list[i]!, folded);
    if (!m?.groups) continue;
    const month = monthNumber(m.groups, s);
    if (!month || month < 1 || month > 12) continue;
    const day = dateNumber(m.groups.day, s);
    if (day !== null && (day < 1 || day > 31)) continue;
    const year = m.groups.year === undefined ? null : yearNumber(m.groups.year, s);
    if (m.groups.year !== undefined && year === null) continue;
    const said = m.groups.relative;
    const relative = said ? (Object.entries(s.relativeYears).find(([word]) => said.startsWith(word))?.[1] ?? 0) : null;
    return { year, month, day, relativeYear: relative, length: m[0].length };
  }
  return null;
}

/** The year a paragraph opens with when it opens with a year alone ("2025年,…"), else null. */
export function openingYear(folded: string, s: CompiledStructure): number | null {
  // `folded`: the paragraph width-folded (its block's doc.folded, not folded again); patterns read its first 20 units.
  if (folded.length > 20) folded = folded.slice(0, 20);
  const patterns = s.groups['/yearOpeners'];
  const list = patterns.candidates(folded);
  for (let i = 0; i < list.length; i++) {
    const year = yearNumber(patterns.exec(list[i]!, folded)?.groups?.year, s);
    if (year !== null) return year;
  }
  return null;
}

/** The first sentence of a text (up to and including its first full stop), at most 200 characters. */
export function firstSentence(text: string): string {
  const end = text.slice(0, 200).search(/[。！？!?；;]/u);
  return end === -1 ? text.slice(0, 200) : text.slice(0, end + 1);
}

/**
 * The date in the first sentence of a text that dates its event, with an event verb in that sentence:
 * after 于 ("…团队于14日在《X》上在线发表…", "团队于2025年5月11日宣布…") or a day right before the verb
 * ("调查委员会26日宣布"). Returns what is written (a year and a month only when given) and where.
 */
export function relativeDay(folded: string, s: CompiledStructure): { year: number | null; month: number | null; day: number; index: number; length: number } | null {
  // `folded`: the paragraph width-folded (its block's doc.folded, not folded again). Folding keeps every
  // sentence end a sentence end (！？； become !?;): the first sentence of the fold is the fold of the first sentence.
  const sentence = firstSentence(folded);
  if (!s.eventVerbs.test(sentence)) return null;
  const m = s.relativeDay.firstMatch(sentence);
  const day = dateNumber(m?.groups?.day, s);
  if (!m || day === null || day < 1 || day > 31) return null;
  const month = m.groups!.month === undefined ? null : dateNumber(m.groups!.month, s);
  if (month !== null && (month < 1 || month > 12)) return null;
  // A year without its month says nothing of the day's month: the pattern never gives one alone.
  const year = month === null || m.groups!.year === undefined ? null : yearNumber(m.groups!.year, s);
  return { year, month, day, index: m.index, length: m[0].length };
}

/**
 * Where a sentence dates its event to the days before the page date with a word inside it (the data's
 * `recentWords`: "…的科学家近日在《自然》发表研究"), an event verb following that word in the sentence;
 * null otherwise. `sentence`: one sentence, width-folded. A word alone ("近日气温回升") or a verb only
 * before it ("发表的论文近日引起关注") dates nothing.
 */
export function recentIn(sentence: string, s: CompiledStructure): { index: number; length: number } | null {
  if (!s.recentWords) return null;
  const m = s.recentWords.exec(sentence);
  return m && s.eventVerbs.test(sentence.slice(m.index + m[0].length)) ? { index: m.index, length: m[0].length } : null;
}

/**
 * Where a paragraph's first sentence names the page date itself (the data's `todayWords`: "Acme
 * today announced …"), with an event verb in that sentence; null otherwise. `folded`: the paragraph width-folded.
 */
export function todayIn(folded: string, s: CompiledStructure): { index: number; length: number } | null {
  if (!s.todayWords) return null;
  const sentence = firstSentence(folded);
  const m = s.todayWords.exec(sentence);
  return m && s.eventVerbs.test(sentence) ? { index: m.index, length: m[0].length } : null;
}

/**
 * The date a month and day without a year stand for on a page of `pageDate`: that day in the page
 * date's year when not later than the page date, else a year before ("12月26日" on 2014-12-27 → 2014-12-26).
 */
export function monthDayBefore(pageDate: string, month: number, day: number): string | null {
  const year = Number(pageDate.slice(0, 4));
  const same = calendarDate(year, month, day);
  return same !== null && same <= pageDate ? same : calendarDate(year - 1, month, day);
}

/** The number of days in a month. */
export function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Zero-padded two digits. */
export const pad = (n: number): string => String(n).padStart(2, '0');

/** A page date "YYYY-MM-DD" from its parts, or null when they make no calendar date. */
export function calendarDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/**
 * The date a day relative to the page date stands for: that day of the page date's month when
 * it is not later than the page date's day, else of the month before ("于14日" on a page of
 * 2025-10-15 → 2025-10-14; on a page of 2025-10-05 → 2025-09-14). Null when that is no date.
 */
export function dayBefore(pageDate: string, day: number): string | null {
  let [year, month] = [Number(pageDate.slice(0, 4)), Number(pageDate.slice(5, 7))];
  if (day > Number(pageDate.slice(8, 10))) {
    month -= 1;
    if (month === 0) [year, month] = [year - 1, 12];
  }
  return calendarDate(year, month, day);
}
