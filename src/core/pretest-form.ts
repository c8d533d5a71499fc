import { asciiJson } from './compiled-data.js';
import type { GroupPreTestReader, GroupPreTests, GroupTable, PreTest } from './pattern-group.js';

/**
 * How the build writes the pre-tests of structure.json's lists (scripts/compile-data.mjs, the
 * `structure` form: src/core/compiled-data.ts) and how a process reads them back. Each group's
 * table is in the form's JSON header, parsed at load (every text asks it); each member's pre-test
 * is its own piece of ASCII JSON in `memberText`, parsed at the member's first candidacy
 * ({@link PatternGroup}'s `admits`): a one-article ingest asks 102–144 of the 255 members, and
 * parsing all of them with the header was ~6 M instructions of every start (issue 17: start-up;
 * BENCHMARKS.md, change 198's *Left*). A member's `first` is left out of its piece: the table
 * holds it, and a group given a table never reads it.
 */

/** The structure form's value ({@link encodeCompiled}'s input and {@link decodeCompiled}'s output). */
export interface PreTestFormValue {
  /** By pointer: the group's table, and `from`, the place of its first member's range in `memberRanges` (in members). */
  groups: Record<string, { table: GroupTable; from: number }>;
  /** Every member's pre-test as ASCII JSON, less its `first`, one piece after another. */
  memberText: Uint8Array;
  /** Where each member's piece lies in `memberText`: its start and end, two a member; an empty piece is a member with nothing to ask past its first unit. */
  memberRanges: Int32Array;
}

/** The pre-test of a member as its piece holds it: null when nothing but `first` is left. */
function pieceOf(test: PreTest | null): string {
  if (test === null) return '';
  const { first: _first, ...rest } = test;
  return Object.keys(rest).length === 0 ? '' : asciiJson(rest);
}

/** The form of the groups' pre-tests (by pointer, each with its table) that the build writes. */
export function preTestForm(groups: Readonly<Record<string, GroupPreTests>>): PreTestFormValue {
  const out: PreTestFormValue['groups'] = {};
  const pieces: string[] = [];
  for (const [pointer, { members, table }] of Object.entries(groups)) {
    out[pointer] = { table, from: pieces.length };
    for (const member of members) pieces.push(pieceOf(member));
  }
  const memberRanges = new Int32Array(2 * pieces.length);
  let text = '';
  pieces.forEach((piece, k) => {
    memberRanges[2 * k] = text.length;
    text += piece;
    memberRanges[2 * k + 1] = text.length;
  });
  return { groups: out, memberText: Uint8Array.from(text, (unit) => unit.charCodeAt(0)), memberRanges };
}

/**
 * Each group's reader of a structure form's value ({@link preTestForm}), by pointer; null when the
 * value is not one (no form, or one of another layout: the lists are then asked without pre-tests).
 */
export function preTestsOfForm(value: Record<string, unknown> | null): Record<string, GroupPreTestReader> | null {
  const groups = value?.groups as PreTestFormValue['groups'] | undefined;
  const text = value?.memberText;
  const ranges = value?.memberRanges;
  if (groups === undefined || groups === null || typeof groups !== 'object' || !(text instanceof Uint8Array) || !(ranges instanceof Int32Array)) return null;
  const readers: Record<string, GroupPreTestReader> = {};
  for (const pointer of Object.keys(groups)) {
    const { table, from } = groups[pointer]!;
    readers[pointer] = { table, member: (k) => memberOf(text, ranges, from + k) };
  }
  return readers;
}

/** The pre-test of the member at place `m` of the form (null: nothing to ask past its first unit). */
function memberOf(text: Uint8Array, ranges: Int32Array, m: number): PreTest | null {
  const start = ranges[2 * m]!;
  const end = ranges[2 * m + 1]!;
  if (start === end) return null;
  // ASCII, as preTestForm writes it: read as Latin-1 (no decoder's pass).
  return JSON.parse(Buffer.from(text.buffer as ArrayBuffer, text.byteOffset + start, end - start).toString('latin1')) as PreTest;
}
