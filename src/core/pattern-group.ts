/**
 * What a text must be like for one pattern to match in it, read from the pattern's own source at
 * build time (src/core/pretest.ts): `first`, the UTF-16 units a text the pattern matches may open
 * with, as sorted inclusive ranges [lo, hi, lo, hi, …] (only for a pattern every branch of which is
 * anchored at the text's start); `at`, the units a text it matches holds at some offsets past its first
 * (anchored too: a text no longer than an offset cannot match); `last`, the same for the unit it closes with (every branch anchored
 * at the end); `most`, the most units a text it matches may have (anchored at both ends); `needs`,
 * sets of strings, every text it matches holding one string of each set, asked in order; `core`, a
 * pattern (source and flags) every text it matches holds a match of, asked last. A field left out
 * tells nothing. Each is implied by the pattern: a text that fails it cannot match.
 */
export interface PreTest {
  first?: readonly number[];
  at?: readonly { readonly offset: number; readonly units: readonly number[] }[];
  last?: readonly number[];
  most?: number;
  needs?: readonly (readonly string[])[];
  core?: { readonly source: string; readonly flags: string };
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
 * A group's table, and its members' pre-tests read one at a time, each at the member's first
 * candidacy: the build's compiled form of them (src/core/pretest-form.ts), where parsing every
 * member's at load was most of the structure form's ~6 M instructions of every start (issue 17).
 */
export interface GroupPreTestReader {
  table: GroupTable;
  /** The k-th member's pre-test (null: none), its `first` left out: the table holds it. */
  member(k: number): PreTest | null;
}

/** The bound of a member whose pre-test is not read yet: below every text's length, so {@link PatternGroup}'s `admits` reads it there. */
const UNREAD = -1;

/**
 * A list of data patterns asked of the same texts, made at their first need and asked only of the
 * texts their pre-tests let through (issue 17: start-up, pipeline CPU). V8 compiles a pattern at its
 * first run, whether it matches or not: a one-article `digest ingest` compiled ~400 patterns, more
 * than half of which never matched — structure.json's page-date and chrome patterns, tried on every
 * block (BENCHMARKS.md, change 100). The text's first unit picks, by one search of the group's
 * table, the members that may match it, in order; a member's length, last unit and unit at an offset, then its `needs`
 * (the costly part: {@link LiteralSet}), then its `core`, are asked before it runs. A
 * pre-test never changes an answer: a member it rules out could not have matched
 * (tests/core/pattern-group.test.ts checks each shipped pattern against its pre-test). Only
 * patterns without the g or y flag are pre-tested: those start at index 0.
 */
export class PatternGroup {
  /** How many patterns the group holds. */
  readonly length: number;
  private readonly made: (RegExp | undefined)[];
  private every: RegExp[] | null = null;
  private readonly needs: (readonly LiteralSet[] | undefined)[] = [];
  private readonly lasts: (readonly number[] | undefined)[] = [];
  private readonly ats: (PreTest['at'] | undefined)[] = [];
  /** Each member's most units ({@link UNREAD} while its pre-test is not read). */
  private readonly most: number[] = [];
  private readonly cores: (PreTest['core'] | undefined)[] = [];
  private readonly madeCores: (RegExp | undefined)[];
  private readonly table: GroupTable;
  /** Where the members' pre-tests not read yet are read from (null: every one was read here). */
  private readonly reader: GroupPreTestReader | null;

  /**
   * `make(k)` makes the k-th pattern (called once, at its first need); `preTests` the members'
   * pre-tests and their table (none: every member is asked of every text), or the members' alone
   * (the table is built here), or the table and a reader of each member's at its first candidacy;
   * `made` holds patterns already made (a data file compiled in full to check it).
   */
  constructor(
    private readonly make: (k: number) => RegExp,
    length: number,
    preTests: GroupPreTests | GroupPreTestReader | readonly (PreTest | null)[] | null = null,
    made: readonly RegExp[] | null = null,
  ) {
    this.length = length;
    this.made = made ? [...made] : new Array<RegExp | undefined>(length).fill(undefined);
    this.reader = preTests !== null && 'member' in preTests ? preTests : null;
    const members = preTests === null || 'member' in preTests ? null : 'table' in preTests ? preTests.members : preTests;
    for (let k = 0; k < length; k++) {
      this.needs.push(undefined);
      this.lasts.push(undefined);
      this.ats.push(undefined);
      this.most.push(UNREAD);
      this.cores.push(undefined);
      if (this.reader === null) this.read(k, members?.[k] ?? null);
    }
    this.madeCores = new Array<RegExp | undefined>(length).fill(undefined);
    this.table = preTests !== null && 'table' in preTests ? preTests.table : PatternGroup.tableOf(length, members);
  }

  /** Takes the k-th member's pre-test (null: nothing to ask). */
  private read(k: number, test: PreTest | null): void {
    this.needs[k] = test?.needs?.map((strings) => new LiteralSet(strings));
    this.lasts[k] = test?.last;
    this.ats[k] = test?.at;
    this.most[k] = test?.most ?? Infinity;
    this.cores[k] = test?.core;
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

  /** The k-th pattern's match in `text` (from its start), or null; null without running it when its pre-test rules the text out. */
  exec(k: number, text: string): RegExpExecArray | null {
    return this.admits(k, text) ? this.pattern(k).exec(text) : null;
  }

  /**
   * The match in `text` of the group's first pattern that matches it, in order, or null (a group of one:
   * its pattern's `exec`, pre-tested). Only the members {@link candidates} gives are asked.
   */
  firstMatch(text: string): RegExpExecArray | null {
    const list = this.candidates(text);
    for (let i = 0; i < list.length; i++) {
      const m = this.exec(list[i]!, text);
      if (m !== null) return m;
    }
    return null;
  }

  /** Whether some pattern of the group matches `text` (`patterns.some((r) => r.test(text))`, pre-tested). */
  test(text: string): boolean {
    const list = this.candidates(text);
    for (let i = 0; i < list.length; i++) {
      const k = list[i]!;
      if (this.admits(k, text) && this.pattern(k).test(text)) return true;
    }
    return false;
  }

  /**
   * Whether the k-th member's pre-test lets `text` through, its first unit aside ({@link candidates} asked that): the cheap tests first.
   * It reads the length of `text` and of nothing else: V8 (Node 20) gives `a.length` and `b.length`
   * one feedback slot when a parameter and a local have the same index (its bytecode generator's slot
   * cache keys by the index), and a slot that has seen an array beside strings makes TurboFan check
   * the exact string maps it saw — the first cons or sliced string threw the code away
   * (BENCHMARKS.md, "one feedback slot for two lengths"). The offsets' and literals' lists are read
   * by functions of their own.
   */
  private admits(k: number, text: string): boolean {
    const length = text.length;
    const most = this.most[k]!;
    if (length > most) {
      if (most !== UNREAD) return false;
      // The member's first candidacy: its pre-test read now, then asked.
      this.read(k, this.reader!.member(k));
      return this.admits(k, text);
    }
    const last = this.lasts[k];
    // (A member with a last unit matches no empty text.)
    if (last !== undefined && (length === 0 || !covers(last, text.charCodeAt(length - 1)))) return false;
    const at = this.ats[k];
    if (at !== undefined && !holdsAt(at, text, length)) return false;
    const needs = this.needs[k];
    if (needs !== undefined && !holdsEvery(needs, text)) return false;
    const core = this.cores[k];
    return core === undefined || this.coreOf(k, core).test(text);
  }

  /**
   * The k-th member's core, made at its first need: a text reaching it has passed every other
   * pre-test, so on a text it rules out the member itself is never compiled (the issue lines'
   * journal patterns, ~2.7 M instructions each to compile, were the costly part: BENCHMARKS.md, change 146).
   */
  private coreOf(k: number, core: NonNullable<PreTest['core']>): RegExp {
    let regex = this.madeCores[k];
    if (regex === undefined) {
      regex = new RegExp(core.source, core.flags);
      this.madeCores[k] = regex;
    }
    return regex;
  }
}

/**
 * How many times a set of literals is asked by `includes` before it is asked by one pattern of its
 * strings: the pattern's compile (tens of µs) pays back over a few hundred texts, and a one-article
 * ingest (as-2025: 58 lines) asks none this often, so it compiles nothing more.
 */
export const ASKS_BEFORE_PATTERN = 256;

/**
 * A set of literals a member's matches hold one of: asked by `includes`, string by string, or —
 * for a set of two or more strings of two or more units each, once it has been asked
 * {@link ASKS_BEFORE_PATTERN} times — by one test of their alternation. An `includes` of a Han
 * literal costs ~190 ns on a Chinese text (V8 looks for the literal's first unit by its higher byte,
 * 0x4e for 上 as for every U+4Exx, so memchr stops at most characters), and a set pays one for each
 * string a text lacks; irregexp looks for the alternation in one pass, skipping ahead by the
 * strings' units: ~3× cheaper for such sets, no cheaper for one string or single characters
 * (BENCHMARKS.md, "segment's per-block pre-tests").
 */
export class LiteralSet {
  private pattern: RegExp | null = null;
  private asked = 0;
  private readonly alternation: boolean;

  constructor(private readonly strings: readonly string[]) {
    this.alternation = strings.length > 1 && strings.every((x) => x.length > 1);
  }

  /** Whether `text` holds one of the strings. */
  heldBy(text: string): boolean {
    if (this.pattern !== null) return this.pattern.test(text);
    if (this.alternation && ++this.asked >= ASKS_BEFORE_PATTERN) {
      // No flags: the pattern reads UTF-16 units, as `includes` does (a surrogate pair's halves too).
      this.pattern = new RegExp(alternationOf(this.strings));
      return this.pattern.test(text);
    }
    const strings = this.strings;
    for (let i = 0; i < strings.length; i++) if (text.includes(strings[i]!)) return true;
    return false;
  }
}

/** Whether `text` (of `length` units) holds, at each offset of `at`, one of its units. */
function holdsAt(at: NonNullable<PreTest['at']>, text: string, length: number): boolean {
  for (let i = 0; i < at.length; i++) {
    const { offset, units } = at[i]!;
    if (length <= offset || !covers(units, text.charCodeAt(offset))) return false;
  }
  return true;
}

/** Whether `text` holds one string of each set. */
function holdsEvery(needs: readonly LiteralSet[], text: string): boolean {
  for (let i = 0; i < needs.length; i++) if (!needs[i]!.heldBy(text)) return false;
  return true;
}

/**
 * The strings as one alternation's source, each escaped. Written in a loop, not
 * `strings.map(…).join('|')`: the array V8's optimised `map` makes allows holes, another map than
 * the builtin's, and `join` met it the first time a set reached its pattern inside code TurboFan
 * had made — PatternGroup's `test` was thrown away and compiled again in every worker
 * (BENCHMARKS.md, "arrays made by map").
 */
function alternationOf(strings: readonly string[]): string {
  let source = '';
  for (let i = 0; i < strings.length; i++) source += (i === 0 ? '' : '|') + strings[i]!.replace(REGEX_SYNTAX, '\\$&');
  return source;
}

/** The characters a pattern reads as syntax (the g flag: each is escaped). */
const REGEX_SYNTAX = /[\\^$.*+?()[\]{}|/-]/g;

/** Whether the ranges of `first` hold `unit` (no `first`: every unit). */
function covers(first: readonly number[] | undefined, unit: number): boolean {
  if (first === undefined) return true;
  for (let i = 0; i < first.length; i += 2) if (first[i]! <= unit && unit <= first[i + 1]!) return true;
  return false;
}
