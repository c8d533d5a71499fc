import { createRequire } from 'node:module';
import type { AST } from '@eslint-community/regexpp';
import type { PreTest } from './pattern-group.js';

/**
 * Pre-tests read from a pattern's source (src/core/pattern-group.ts), at build time
 * (scripts/compile-data.mjs): regexpp's parser is ~5 ms of loading no ingest should pay. What a
 * pre-test says is implied by the pattern, so a text failing it cannot be matched:
 *
 * - `first`: when every branch opens with `^` (no m flag), the units a match's first character
 *   may begin with. Each node gives the units its matches may open with and whether it may match
 *   nothing: a character or class the units V8's own matching accepts for it under the pattern's
 *   flags (every non-surrogate unit tried, so case folding is V8's), and every lead surrogate
 *   when it may accept a character beyond the BMP; an assertion or look-around nothing (it reads
 *   no character, so what follows it opens the match); a sequence its parts' in order while they
 *   may match nothing; a group or alternation any branch's; a quantifier its element's (nothing
 *   when its least count is 0); a back-reference anything. A pattern that may match nothing at
 *   its start gets no `first`.
 * - `at`: when every branch opens with `^` (no m flag), the units every match holds at fixed
 *   offsets past the first: each branch read from its start while its parts' widths are fixed (an
 *   atom of one unit, a quantifier of one with a fixed count, a group of one branch; assertions
 *   read nothing), and the opening units of the first part whose width is not, at its offset; of
 *   the offsets every branch gives units for, up to two of the fewest units (one offset a set),
 *   those of all branches joined. A date "2025年…" is no match of `^\d{4}-\d{2}` at its fifth unit, which `first` lets through.
 * - `last`: when every branch closes with `$` (no m flag), the units a match's last character may
 *   close the text with, read as `first` is, from the end (a trail surrogate for an atom that may
 *   read beyond the BMP). One unit compared, where a literal at the end costs an `includes`.
 * - `most`: when every branch is anchored at both ends (no m flag), the most UTF-16 units a match
 *   may span (a character beyond the BMP two): the match is the whole text, so a longer text
 *   cannot match. Only a bound that is finite.
 * - `needs`: without the i flag, sets of literals every match holds one of each: a run of
 *   characters, a small class (one of its characters), a group or quantifier that cannot be skipped
 *   (what its one branch gives, or the union of each branch's best set); the two whose shortest
 *   string is longest, the one of fewer strings asked first (a text lacking both sets pays one
 *   `includes` for each string of the first: BENCHMARKS.md, "segment's per-block pre-tests").
 * - `core`: in a pattern of one branch whose last capturing group reads a long name (a journal's),
 *   the run of characters, classes and groups after it to the end: a small pattern every match
 *   holds a match of, asked last, unanchored. It rules out a text without backtracking over the
 *   name and, where no text passes it, without the pattern ever compiled (BENCHMARKS.md, change 146).
 */

/** The flags that decide how a pattern reads characters (not where it starts). */
function matchingFlags(flags: string): string {
  return flags.replace(/[gydm]/g, '');
}

let bmp = '';
/** Every unit but the surrogates, once each, in one string. */
function everyBmpUnit(): string {
  if (!bmp) {
    const units: string[] = [];
    for (let u = 0; u <= 0xffff; u++) if (u < 0xd800 || u > 0xdfff) units.push(String.fromCharCode(u));
    bmp = units.join('');
  }
  return bmp;
}

/** Sorted inclusive ranges [lo, hi, …] of a set of units. */
function rangesOf(units: Iterable<number>): number[] {
  const sorted = [...new Set(units)].sort((a, b) => a - b);
  const out: number[] = [];
  for (const u of sorted) {
    if (out.length > 0 && out[out.length - 1] === u - 1) out[out.length - 1] = u;
    else out.push(u, u);
  }
  return out;
}

const atomCache = new Map<string, Set<number>>();
/**
 * The units a one-character atom (character, class, escape, `.`) may open a match with under `flags`
 * (`fromEnd`: close it with: a character beyond the BMP closes with its trail surrogate).
 */
function atomUnits(node: AST.Node, flags: string, fromEnd = false): Set<number> {
  const id = `${flags}/${node.raw}`;
  let units = atomCache.get(id);
  if (!units) {
    units = new Set<number>();
    for (const m of everyBmpUnit().matchAll(new RegExp(node.raw, `${flags}g`))) units.add(m[0].charCodeAt(0));
    // A surrogate alone (a broken text) is a character of its own to a pattern: each is tried alone.
    const one = new RegExp(`^(?:${node.raw})`, flags);
    for (let u = 0xd800; u <= 0xdfff; u++) if (one.test(String.fromCharCode(u))) units.add(u);
    atomCache.set(id, units);
  }
  if (!mayReadBeyondBmp(node, flags)) return units;
  const out = new Set(units);
  for (let u = fromEnd ? 0xdc00 : 0xd800; u <= (fromEnd ? 0xdfff : 0xdbff); u++) out.add(u);
  return out;
}

/**
 * Whether an atom may accept a character beyond the BMP, whose text opens with a lead surrogate (with
 * the u flag: without it a pattern reads units, and each surrogate was tried alone): a broad set
 * (`.`, a negated class or escape, a property) or a character written beyond the BMP.
 */
function mayReadBeyondBmp(node: AST.Node, flags: string): boolean {
  if (!flags.includes('u')) return false;
  if (node.type === 'Character') return node.value > 0xffff;
  if (node.type === 'CharacterSet') return node.kind === 'any' || node.kind === 'property' || node.negate;
  if (node.type === 'CharacterClass') return node.negate || node.elements.some((e) => mayReadBeyondBmp(e, flags));
  if (node.type === 'CharacterClassRange') return node.max.value > 0xffff;
  return true;
}

/** The units a node's matches may open with (`fromEnd`: close with; null: any), and whether it may match nothing. */
function firstOf(node: AST.Node, flags: string, fromEnd: boolean): { units: Set<number> | null; empty: boolean } {
  switch (node.type) {
    case 'Character':
    case 'CharacterClass':
    case 'CharacterSet':
    case 'ExpressionCharacterClass':
      return { units: atomUnits(node, flags, fromEnd), empty: false };
    case 'Assertion':
      return { units: new Set(), empty: true };
    case 'Quantifier': {
      const inner = firstOf(node.element, flags, fromEnd);
      return { units: inner.units, empty: inner.empty || node.min === 0 };
    }
    case 'Group':
    case 'CapturingGroup': {
      const units = new Set<number>();
      let empty = false;
      for (const alternative of node.alternatives) {
        const one = sequenceFirst(alternative.elements, flags, fromEnd);
        if (one.units === null) return { units: null, empty: true };
        for (const u of one.units) units.add(u);
        empty ||= one.empty;
      }
      return { units, empty };
    }
    default:
      return { units: null, empty: true };
  }
}

/** A sequence's {@link firstOf}: its parts' in order (`fromEnd`: from the last) while they may match nothing. */
function sequenceFirst(elements: readonly AST.Element[], flags: string, fromEnd = false): { units: Set<number> | null; empty: boolean } {
  const units = new Set<number>();
  for (let i = 0; i < elements.length; i++) {
    const one = firstOf(elements[fromEnd ? elements.length - 1 - i : i]!, flags, fromEnd);
    if (one.units === null) return { units: null, empty: true };
    for (const u of one.units) units.add(u);
    if (!one.empty) return { units, empty: false };
  }
  return { units, empty: true };
}

/** Where a branch's `^` (`fromEnd`: its `$`) stands: past the look-arounds and word boundaries before (after) it, which read no character; -1 when it has none there. */
function anchorAt(elements: readonly AST.Element[], fromEnd: boolean): number {
  const kind = fromEnd ? 'end' : 'start';
  for (let i = 0; i < elements.length; i++) {
    const element = elements[fromEnd ? elements.length - 1 - i : i]!;
    if (element.type !== 'Assertion') return -1;
    if (element.kind === kind) return fromEnd ? elements.length - 1 - i : i;
    if (element.kind === 'start' || element.kind === 'end') return -1;
  }
  return -1;
}

/**
 * The units every match of an anchored pattern (no m flag) opens the text with (`fromEnd`: of a
 * pattern anchored at the end, closes it with), as ranges; null when a branch is not anchored or may
 * match nothing.
 */
function anchoredFirst(pattern: AST.Pattern, flags: string, fromEnd = false): number[] | null {
  // (The v flag's classes may hold strings, which one unit does not stand for.)
  if (flags.includes('v')) return null;
  const units = new Set<number>();
  for (const alternative of pattern.alternatives) {
    const elements = alternative.elements;
    // Look-arounds and word boundaries before the `^` (after the `$`) read no character: it still anchors.
    const at = anchorAt(elements, fromEnd);
    if (at < 0) return null;
    const rest = sequenceFirst(fromEnd ? elements.slice(0, at) : elements.slice(at + 1), flags, fromEnd);
    if (rest.units === null || rest.empty) return null;
    for (const u of rest.units) units.add(u);
  }
  return rangesOf(units);
}

/**
 * What a sequence read from the offset `offset` past the text's start says of the units at fixed
 * offsets: each atom that reads one unit (none beyond the BMP) puts its units at its offset in
 * `out` and moves the offset on by one, a quantifier of such an atom does so for its least count,
 * a group of one branch reads its branch, an assertion reads nothing; the first part whose width
 * is not fixed (a quantifier with a range, a group of several branches, an atom that may read a
 * character beyond the BMP) puts the units it opens with at its offset, when it cannot match
 * nothing, and ends the walk. The offset the sequence ends at, or -1 when the walk ended in it.
 */
function unitsAtOffsets(elements: readonly AST.Element[], flags: string, offset: number, out: Map<number, Set<number>>): number {
  const put = (at: number, units: Set<number>) => {
    const held = out.get(at);
    if (held === undefined) out.set(at, new Set(units));
    else for (const u of units) held.add(u);
  };
  for (const element of elements) {
    if (element.type === 'Assertion') continue;
    const oneUnit = (node: AST.Node) => (node.type === 'Character' || node.type === 'CharacterClass' || node.type === 'CharacterSet') && !mayReadBeyondBmp(node, flags);
    if (oneUnit(element)) {
      put(offset++, atomUnits(element, flags));
      continue;
    }
    if (element.type === 'Quantifier' && oneUnit(element.element)) {
      const units = atomUnits(element.element, flags);
      for (let i = 0; i < element.min; i++) put(offset++, units);
      if (element.min === element.max) continue;
      return -1;
    }
    if ((element.type === 'Group' || element.type === 'CapturingGroup') && element.alternatives.length === 1) {
      offset = unitsAtOffsets(element.alternatives[0]!.elements, flags, offset, out);
      if (offset < 0) return -1;
      continue;
    }
    const opening = firstOf(element, flags, false);
    if (opening.units !== null && !opening.empty) put(offset, opening.units);
    return -1;
  }
  return offset;
}

/** The most offsets an `at` pre-test asks. */
const MOST_OFFSETS = 2;

/**
 * The units every match of an anchored pattern (no m flag) holds at fixed offsets past the text's
 * start, 1 or more (the first unit is `first`'s): of the offsets every branch says something of,
 * the {@link MOST_OFFSETS} whose units are fewest (nearer first among equals; one offset a set of units), those of all
 * branches joined, as ranges; null when there is none. A match holds a unit at each, so a text no
 * longer than an offset cannot match either.
 */
function anchoredUnitsAt(pattern: AST.Pattern, flags: string): { offset: number; units: number[] }[] | null {
  if (flags.includes('v')) return null;
  let common: Map<number, Set<number>> | null = null;
  for (const alternative of pattern.alternatives) {
    const at = anchorAt(alternative.elements, false);
    if (at < 0) return null;
    const branch = new Map<number, Set<number>>();
    unitsAtOffsets(alternative.elements.slice(at + 1), flags, 0, branch);
    if (common === null) common = branch;
    else {
      // An offset some branch says nothing of may hold any unit: only those every branch speaks of are kept, their units joined.
      for (const [offset, units] of common) {
        const other = branch.get(offset);
        if (other === undefined) common.delete(offset);
        else for (const u of other) units.add(u);
      }
    }
  }
  const offsets = [...(common ?? [])].filter(([offset]) => offset > 0);
  offsets.sort((a, b) => a[1].size - b[1].size || a[0] - b[0]);
  // (One offset a set of units: "2025" holds a digit at 1, 2 and 3 alike.)
  const out: { offset: number; units: number[] }[] = [];
  const seen = new Set<string>();
  for (const [offset, units] of offsets) {
    const ranges = rangesOf(units);
    if (out.length === MOST_OFFSETS || seen.has(String(ranges))) continue;
    seen.add(String(ranges));
    out.push({ offset, units: ranges });
  }
  return out.length === 0 ? null : out;
}

/** The most UTF-16 units a node may match (Infinity: no bound): a character beyond the BMP is two. */
function longestOf(node: AST.Node, flags: string): number {
  switch (node.type) {
    case 'Character':
      return node.value > 0xffff ? 2 : 1;
    case 'CharacterClass':
    case 'CharacterSet':
      return mayReadBeyondBmp(node, flags) ? 2 : 1;
    case 'Assertion':
      return 0;
    case 'Quantifier': {
      const inner = longestOf(node.element, flags);
      return inner === 0 ? 0 : node.max * inner;
    }
    case 'Group':
    case 'CapturingGroup':
      return Math.max(...node.alternatives.map((alternative) => alternative.elements.reduce((sum, element) => sum + longestOf(element, flags), 0)));
    default:
      // A back-reference, a class of strings (v): no bound read here.
      return Infinity;
  }
}

/** The most units a match of a pattern every branch of which is anchored at both ends (no m flag) may span (the whole text it matches), or null. */
function longestWhole(pattern: AST.Pattern, flags: string): number | null {
  // (The v flag's classes may hold strings of several characters.)
  if (flags.includes('v')) return null;
  let most = 0;
  for (const alternative of pattern.alternatives) {
    if (anchorAt(alternative.elements, false) < 0 || anchorAt(alternative.elements, true) < 0) return null;
    most = Math.max(most, alternative.elements.reduce((sum, element) => sum + longestOf(element, flags), 0));
  }
  return Number.isFinite(most) ? most : null;
}

/** A positive class of at most this many characters counts as a set of literals (one of them is in every match). */
const SMALL_CLASS = 16;

/** The characters of a small positive class, or null. */
function classChars(node: AST.CharacterClass): string[] | null {
  if (node.negate || node.unicodeSets) return null;
  const out: string[] = [];
  for (const e of node.elements) {
    if (e.type === 'Character') out.push(String.fromCodePoint(e.value));
    else if (e.type === 'CharacterClassRange' && e.max.value - e.min.value < SMALL_CLASS) {
      for (let c = e.min.value; c <= e.max.value; c++) out.push(String.fromCodePoint(c));
    } else return null;
    if (out.length > SMALL_CLASS) return null;
  }
  return out.length > 0 ? out : null;
}

/** The shortest string of a set: the set's worth as a pre-test (longer is rarer). */
const worth = (set: readonly string[]) => Math.min(...set.map((x) => x.length));

/** The best of some sets: the longest shortest string, then the fewest strings. */
function best(sets: readonly string[][]): string[] | null {
  let out: string[] | null = null;
  for (const set of sets) if (out === null || worth(set) > worth(out) || (worth(set) === worth(out) && set.length < out.length)) out = set;
  return out;
}

/** Sets of literals each of which a match of the branches holds one of: a union of each branch's best (none when a branch has none). */
function branchesSets(alternatives: readonly AST.Alternative[]): string[][] {
  if (alternatives.length === 1) return sequenceSets(alternatives[0]!.elements);
  const union = new Set<string>();
  for (const alternative of alternatives) {
    const one = best(sequenceSets(alternative.elements));
    if (one === null) return [];
    for (const x of one) union.add(x);
  }
  return [[...union]];
}

/** Sets of literals a sequence's every match holds one of each: a run of characters, and what each part that cannot be skipped gives. */
function sequenceSets(elements: readonly AST.Element[]): string[][] {
  const sets: string[][] = [];
  let run = '';
  for (const element of elements) {
    if (element.type === 'Character') {
      run += String.fromCodePoint(element.value);
      continue;
    }
    if (run) sets.push([run]);
    run = '';
    sets.push(...elementSets(element));
  }
  if (run) sets.push([run]);
  return sets;
}

function elementSets(node: AST.Element): string[][] {
  switch (node.type) {
    case 'CharacterClass': {
      const chars = classChars(node);
      return chars ? [chars] : [];
    }
    case 'Quantifier':
      if (node.min === 0) return [];
      return node.element.type === 'Character' ? [[String.fromCodePoint(node.element.value)]] : elementSets(node.element);
    case 'Group':
    case 'CapturingGroup':
      return branchesSets(node.alternatives);
    default:
      return [];
  }
}

/** Most sets a pre-test asks (each one more `includes` a member that passed the first unit). */
const MOST_SETS = 2;

/** The best sets of literals every match holds one of each (without the i flag: case folding would need every case). */
function requiredLiterals(pattern: AST.Pattern, flags: string): string[][] | null {
  if (flags.includes('i')) return null;
  const sets = branchesSets(pattern.alternatives).filter((set) => worth(set) > 0);
  sets.sort((a, b) => worth(b) - worth(a) || a.length - b.length);
  // Asked in order, each set until one string is found: the set of fewer strings first.
  return sets.length > 0 ? sets.slice(0, MOST_SETS).sort((a, b) => a.length - b.length) : null;
}

/** The fewest elements a {@link coreOf} run holds: a shorter tail is no cheaper to compile than the pattern. */
const CORE_ELEMENTS = 8;
/** The fewest units the capturing group before a {@link coreOf} run may span: a short group (a year, a day) is no costly part. */
const CORE_GROUP_UNITS = 16;

/** Whether a node reads characters only: no capturing group, back-reference or assertion anywhere in it. */
function readsOnly(node: AST.Element): boolean {
  switch (node.type) {
    case 'Character':
    case 'CharacterClass':
    case 'CharacterSet':
      return true;
    case 'Quantifier':
      return readsOnly(node.element);
    case 'Group':
      return node.alternatives.every((alternative) => alternative.elements.every(readsOnly));
    default:
      return false;
  }
}

/**
 * The `core` of a pattern of one branch: the source of the run of elements after its last
 * top-level capturing group (the `$` closing it aside), when that group may span
 * {@link CORE_GROUP_UNITS} units or more and the run reads characters only and holds
 * {@link CORE_ELEMENTS} elements or more; else null. Every match holds a match of the run (the
 * part of it the run read), so a text the run, unanchored, does not match cannot match.
 */
function coreOf(pattern: AST.Pattern, flags: string): string | null {
  if (pattern.alternatives.length !== 1) return null;
  const elements = pattern.alternatives[0]!.elements;
  let group = -1;
  for (let i = 0; i < elements.length; i++) if (elements[i]!.type === 'CapturingGroup') group = i;
  if (group < 0 || longestOf(elements[group]!, flags) < CORE_GROUP_UNITS) return null;
  let end = elements.length;
  const closing = elements[end - 1]!;
  if (closing.type === 'Assertion' && closing.kind === 'end') end--;
  const run = elements.slice(group + 1, end);
  if (run.length < CORE_ELEMENTS || !run.every(readsOnly)) return null;
  return run.map((element) => element.raw).join('');
}

/** A pattern's pre-test, read from its source; null when nothing can be said (or it runs from a lastIndex: g, y). */
export function preTestOf(source: string, flags: string): PreTest | null {
  if (/[gy]/.test(flags)) return null;
  const { RegExpParser } = createRequire(import.meta.url)('@eslint-community/regexpp') as typeof import('@eslint-community/regexpp');
  const pattern = new RegExpParser().parsePattern(source, 0, source.length, { unicode: flags.includes('u'), unicodeSets: flags.includes('v') });
  const reading = matchingFlags(flags);
  // (With the m flag `^` also matches after each line break.)
  const first = flags.includes('m') ? null : anchoredFirst(pattern, reading);
  const at = flags.includes('m') ? null : anchoredUnitsAt(pattern, reading);
  const last = flags.includes('m') ? null : anchoredFirst(pattern, reading, true);
  const most = flags.includes('m') ? null : longestWhole(pattern, reading);
  const needs = requiredLiterals(pattern, reading);
  // (The v flag's classes may hold strings; the core is compiled with the pattern's flags.)
  const core = flags.includes('v') ? null : coreOf(pattern, reading);
  if (!first && !at && !last && most === null && !needs && core === null) return null;
  const test: PreTest = {};
  if (first) test.first = first;
  if (at) test.at = at;
  if (last) test.last = last;
  if (most !== null) test.most = most;
  if (needs) test.needs = needs;
  if (core !== null) test.core = { source: core, flags: reading };
  return test;
}
