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
