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

/**
 * Orders spans by their start: one comparator at module scope for the stages and pages that sort
 * by it. An arrow written at each sort is a closure made per call, and V8 optimises it again after
 * every full collection (BENCHMARKS.md, changes 59 and 64).
 */
export function byStart(a: { start: number }, b: { start: number }): number {
  return a.start - b.start;
}

/** Up to this many values, {@link distinctSorted} finds repeats by a scan of what it kept; past it, by a Set. */
const SCAN_MAX = 32;

/**
 * The distinct strings `key` gives for the values of `list` (a value it gives none for is
 * skipped), sorted by code units: what `[...new Set(list.map(key).filter(isString))].sort()`
 * gives, without the mapped and filtered arrays, the Set and its spread copy for each list — an
 * item's entity ids and an entity's surfaces, a few each, made for every item and entity of a
 * page and search entry (BENCHMARKS.md, "fewer allocations in the pipeline"). A long list is
 * deduplicated through a Set, so the cost stays linear.
 */
export function distinctSorted<T>(list: readonly T[], key: (value: T) => string | null | undefined): string[] {
  const out: string[] = [];
  // Indexed: a `for … of` in baseline code allocates an iterator result a value (BENCHMARKS.md, "loops without iterators").
  if (list.length <= SCAN_MAX) {
    for (let i = 0; i < list.length; i++) {
      const k = key(list[i]!);
      if (typeof k === 'string' && !out.includes(k)) out.push(k);
    }
  } else {
    const seen = new Set<string>();
    for (let i = 0; i < list.length; i++) {
      const k = key(list[i]!);
      if (typeof k === 'string' && !seen.has(k)) {
        seen.add(k);
        out.push(k);
      }
    }
  }
  return out.sort();
}
