/**
 * What a text must be like for one pattern to match in it, read from the pattern's own source at
 * build time (src/core/pretest.ts): `first`, the UTF-16 units a text the pattern matches may open
 * with, as sorted inclusive ranges [lo, hi, lo, hi, …] (only for a pattern every branch of which is
 * anchored at the text's start); `needs`, sets of strings, every text it matches holding one string
 * of each set. A field left out tells nothing. Each is implied by the pattern: a text that fails it cannot match.
 */
export interface PreTest {
  first?: readonly number[];
  needs?: readonly (readonly string[])[];
}

/**
 * A group's table: which members may match a text, by the text's first unit. `cuts` are where the
 * members' `first` ranges start or end (sorted); the units from cuts[i - 1] to below cuts[i] (below
 * cuts[0] for i = 0) make interval i, whose members are `lists[at[i]]`; `open` the members that may
 * match an empty text (those with no `first`). Built at build time with the pre-tests
 * ({@link PatternGroup.tableOf}): building it at run time was ~12 ms of a one-article ingest.
 */
export interface GroupTable {
  cuts: readonly number[];
  lists: readonly (readonly number[])[];
  at: readonly number[];
  open: readonly number[];
}

/** A group's members' pre-tests (null where one has none) and its table. */
export interface GroupPreTests {
  members: readonly (PreTest | null)[];
  table: GroupTable;
}

/**
 * A list of data patterns asked of the same texts, made at their first need and asked only of the
 * texts their pre-tests let through (issue 17: start-up, pipeline CPU). V8 compiles a pattern at its
 * first run, whether it matches or not: a one-article `digest ingest` compiled ~400 patterns, more
 * than half of which never matched — structure.json's page-date and chrome patterns, tried on every
 * block (BENCHMARKS.md, change 100). The text's first unit picks, by one search of the group's
 * table, the members that may match it, in order; a member's `needs` are asked before it runs. A
 * pre-test never changes an answer: a member it rules out could not have matched
 * (tests/core/pattern-group.test.ts checks each shipped pattern against its pre-test). Only
 * patterns without the g or y flag are pre-tested: those start at index 0.
 */
export class PatternGroup {
  /** How many patterns the group holds. */
  readonly length: number;
  private readonly made: (RegExp | undefined)[];
  private every: RegExp[] | null = null;
  private readonly needs: readonly (readonly (readonly string[])[] | undefined)[];
  private readonly table: GroupTable;

  /**
   * `make(k)` makes the k-th pattern (called once, at its first need); `preTests` the members'
   * pre-tests and their table (none: every member is asked of every text), or the members' alone
   * (the table is built here); `made` holds patterns already made (a data file compiled in full to check it).
   */
  constructor(
    private readonly make: (k: number) => RegExp,
    length: number,
    preTests: GroupPreTests | readonly (PreTest | null)[] | null = null,
    made: readonly RegExp[] | null = null,
  ) {
    this.length = length;
    this.made = made ? [...made] : new Array<RegExp | undefined>(length).fill(undefined);
    const members = preTests === null ? null : 'table' in preTests ? preTests.members : preTests;
    const needs: (readonly (readonly string[])[] | undefined)[] = [];
    for (let k = 0; k < length; k++) needs.push(members?.[k]?.needs);
    this.needs = needs;
    this.table = preTests !== null && 'table' in preTests ? preTests.table : PatternGroup.tableOf(length, members);
  }

  /** The table of a group of `length` members with these pre-tests (none: one interval, every member). */
  static tableOf(length: number, members: readonly (PreTest | null | undefined)[] | null): GroupTable {
    const firsts: (readonly number[] | undefined)[] = [];
    const points = new Set<number>();
    for (let k = 0; k < length; k++) {
      const first = members?.[k]?.first;
      firsts.push(first);
      if (first) for (let i = 0; i < first.length; i += 2) points.add(first[i]!).add(first[i + 1]! + 1);
    }
    const cuts = [...points].sort((a, b) => a - b);
    const lists: number[][] = [];
    const at: number[] = [];
    const index = new Map<string, number>();
    for (let i = 0; i <= cuts.length; i++) {
      // Every unit of interval i is at least cuts[i - 1] and below cuts[i]: its lowest one decides.
      const unit = i === 0 ? -1 : cuts[i - 1]!;
      const list: number[] = [];
      for (let k = 0; k < length; k++) if (covers(firsts[k], unit)) list.push(k);
      const key = list.join(',');
      if (!index.has(key)) index.set(key, lists.push(list) - 1);
      at.push(index.get(key)!);
    }
    const open: number[] = [];
    for (let k = 0; k < length; k++) if (firsts[k] === undefined) open.push(k);
    return { cuts, lists, at, open };
  }

  /** The k-th pattern, made now if it was not. */
  pattern(k: number): RegExp {
    let regex = this.made[k];
    if (regex === undefined) {
      regex = this.make(k);
      this.made[k] = regex;
    }
    return regex;
  }

  /** Every pattern of the group, in order (each made now if it was not; the same array at every call). */
  all(): RegExp[] {
    if (this.every === null) {
      const out: RegExp[] = [];
      for (let k = 0; k < this.length; k++) out.push(this.pattern(k));
      this.every = out;
    }
    return this.every;
  }

  /**
   * The members whose `first` lets `text` through, in order: the only ones {@link exec} and
   * {@link test} can find a match for. One search of the table (no pattern runs).
   */
  candidates(text: string): readonly number[] {
    const table = this.table;
    if (text.length === 0) return table.open;
    const unit = text.charCodeAt(0);
    const cuts = table.cuts;
    let lo = 0;
    let hi = cuts.length;
    // The number of cuts at or below the unit: its interval.
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cuts[mid]! <= unit) lo = mid + 1;
      else hi = mid;
    }
    return table.lists[table.at[lo]!]!;
  }

  /** The k-th pattern's match in `text` (from its start), or null; null without running it when its `needs` rule the text out. */
  exec(k: number, text: string): RegExpExecArray | null {
    return this.holdsNeeds(k, text) ? this.pattern(k).exec(text) : null;
  }

  /** Whether some pattern of the group matches `text` (`patterns.some((r) => r.test(text))`, pre-tested). */
  test(text: string): boolean {
    const list = this.candidates(text);
    for (let i = 0; i < list.length; i++) {
      const k = list[i]!;
      if (this.holdsNeeds(k, text) && this.pattern(k).test(text)) return true;
    }
    return false;
  }

  private holdsNeeds(k: number, text: string): boolean {
    const needs = this.needs[k];
    if (needs === undefined) return true;
    for (let i = 0; i < needs.length; i++) if (!holdsOne(text, needs[i]!)) return false;
    return true;
  }
}

/** Whether `text` holds one of `strings`. */
function holdsOne(text: string, strings: readonly string[]): boolean {
  for (let i = 0; i < strings.length; i++) if (text.includes(strings[i]!)) return true;
  return false;
}

/** Whether the ranges of `first` hold `unit` (no `first`: every unit). */
function covers(first: readonly number[] | undefined, unit: number): boolean {
  if (first === undefined) return true;
  for (let i = 0; i < first.length; i += 2) if (first[i]! <= unit && unit <= first[i + 1]!) return true;
  return false;
}
