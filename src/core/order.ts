/**
 * A list in the order `compare` gives, as a stable sort gives it: the list itself when it is in
 * that order already, else a sorted copy. V8's sort copies every array it sorts, and most lists
 * the analysis sorts (a block's matches, an article's mentions) come in order already (issue 17:
 * those copies were a fifth of what the entities stage allocated).
 */
export function ordered<T>(list: T[], compare: (a: T, b: T) => number): T[];
export function ordered<T>(list: readonly T[], compare: (a: T, b: T) => number): readonly T[];
export function ordered<T>(list: readonly T[], compare: (a: T, b: T) => number): readonly T[] {
  for (let k = 1; k < list.length; k++) if (compare(list[k - 1]!, list[k]!) > 0) return list.slice().sort(compare);
  return list;
}
