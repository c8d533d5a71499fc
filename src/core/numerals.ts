import { monthOf, type CompiledStructure } from './data.js';

// Numbers in dates, shared by the stages that read dates: segment (through src/structure/) reads
// them in items and headings, label composes the English of the same headings.

/**
 * The value of a number written in digits ("12") or in numerals ("十二", "二〇二五", "三十一",
 * "十"), or null when the text is neither. `numerals` maps each numeral character to its value
 * (structure.json `numerals`); the one valued ten composes tens and units ("三十一" = 3×10+1),
 * the others read positionally ("二〇二五" = 2025).
 */
export function numberValue(text: string, numerals: ReadonlyMap<string, number>): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  const values = [...text].map((c) => numerals.get(c));
  if (values.length === 0 || values.some((v) => v === undefined)) return null;
  const digits = values as number[];
  const ten = digits.indexOf(10);
  if (ten === -1) return Number(digits.join(''));
  const before = digits.slice(0, ten);
  const after = digits.slice(ten + 1);
  // At most one digit on each side of the ten, and no second ten: "二十三", not "二二十十".
  if (before.length > 1 || after.length > 1 || [...before, ...after].some((d) => d > 9)) return null;
  return (before[0] ?? 1) * 10 + (after[0] ?? 0);
}

/** A year, month or day group of a structure pattern: digits (spaces inside allowed, "2 0 2 5") or numerals. */
export function dateNumber(value: string | undefined, s: CompiledStructure): number | null {
  return value === undefined ? null : numberValue(value.replace(/\s+/g, ''), s.numerals);
}

/** The month a pattern captured (group `month`: digits or numerals; group `monthName`: an English name). */
export function monthNumber(groups: Record<string, string | undefined>, s: CompiledStructure): number | null {
  return groups.monthName ? monthOf(undefined, groups.monthName, s) : dateNumber(groups.month, s);
}

/** The year a pattern captured (digits or numerals, "二〇二五"), if it is a plausible year. */
export function yearNumber(value: string | undefined, s: CompiledStructure): number | null {
  const year = dateNumber(value, s);
  return year !== null && year >= 1000 && year <= 2999 ? year : null;
}
