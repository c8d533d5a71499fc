/**
 * A quick proof that a CSL-JSON item is valid against schemas/csl-data.json, for the items the
 * reference parser makes (issue 17). Ajv's generated validator (src/generated/validators-csl.ts)
 * tests each of the schema's 101 properties in turn (`item.x !== undefined`), whatever the item
 * holds: 5–20 µs an item of ~9 keys. This reads the keys the item has, each against its kind.
 *
 * It only ever answers "valid" for an item the schema accepts; anything it does not read as
 * surely valid (a non-finite number, a name or date that is not a plain object, an EDTF date
 * string, an unknown key, an object not of plain prototype) gets `false`, and the caller asks
 * Ajv, whose answer and errors stand. The kinds are the schema's own, read from it by
 * `npm run gen:types` into src/generated/csl-kinds.ts (which fails on a shape this does not
 * read; tests/generated.test.ts on a table that drifted from the schema); tests/core/csl-check.test.ts
 * holds the answers against Ajv's on seeded random items.
 */

import { cslDateMembers, cslDateParts, cslNameMembers, cslProperties, cslRequired, cslTypes, type CslKind } from '../generated/csl-kinds.js';

// The kinds as small integers, so that `isValue` switches on a number.
const STRING = 1;
const STRING_OR_NUMBER = 2;
const STRING_NUMBER_OR_BOOLEAN = 3;
const NAMES = 4;
const DATE = 5;
const DATE_PARTS = 6;
const TYPE = 7;
const STRINGS = 8;
const OBJECT = 9;
const codes: Record<CslKind, number> = {
  string: STRING,
  'string-or-number': STRING_OR_NUMBER,
  'string-number-or-boolean': STRING_NUMBER_OR_BOOLEAN,
  names: NAMES,
  date: DATE,
  'date-parts': DATE_PARTS,
  type: TYPE,
  strings: STRINGS,
  object: OBJECT,
};
const coded = (kinds: Readonly<Record<string, CslKind>>) => new Map(Object.entries(kinds).map(([key, kind]) => [key, codes[kind]]));

/** A property's code holds this bit too when every item must hold it (the schema's `required`). */
const REQUIRED = 16;
/** Each top-level property of an item and its kind's code. */
const kinds = coded(cslProperties);
for (const key of cslRequired) kinds.set(key, (kinds.get(key) ?? 0) | REQUIRED);
const requiredCount = cslRequired.length;
/** A name's members and a structured date's, each with its kind's code. */
const nameMembers = coded(cslNameMembers);
const dateMembers = coded(cslDateMembers);
const types = new Set(cslTypes);
const { min: PARTS_MIN, max: PARTS_MAX, partMin: PART_MIN, partMax: PART_MAX } = cslDateParts;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

function stringOrFiniteNumber(value: unknown): boolean {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

/** A value of a member's kind: a string, or also a finite number, or also a boolean. */
function isMember(kind: number, v: unknown): boolean {
  if (typeof v === 'string') return true;
  if (kind === STRING) return false;
  return (typeof v === 'number' && Number.isFinite(v)) || (kind === STRING_NUMBER_OR_BOOLEAN && typeof v === 'boolean');
}

function isName(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  for (const key in value) {
    const kind = nameMembers.get(key);
    if (kind === undefined) return false;
    const v = value[key];
    if (v !== undefined && !isMember(kind, v)) return false;
  }
  return true;
}

function isDateParts(v: unknown): boolean {
  if (!Array.isArray(v) || v.length < PARTS_MIN || v.length > PARTS_MAX) return false;
  for (let i = 0; i < v.length; i++) {
    const part: unknown = v[i];
    if (!Array.isArray(part) || part.length < PART_MIN || part.length > PART_MAX) return false;
    for (let k = 0; k < part.length; k++) if (!stringOrFiniteNumber(part[k])) return false;
  }
  return true;
}

function isDate(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  for (const key in value) {
    const kind = dateMembers.get(key);
    if (kind === undefined) return false; // edtf (a pattern), or a key the schema does not allow: Ajv decides
    const v = value[key];
    if (v !== undefined && !(kind === DATE_PARTS ? isDateParts(v) : isMember(kind, v))) return false;
  }
  return true;
}

function isValue(kind: number, value: unknown): boolean {
  switch (kind) {
    case STRING:
      return typeof value === 'string';
    case STRING_OR_NUMBER:
      return stringOrFiniteNumber(value);
    case TYPE:
      return typeof value === 'string' && types.has(value);
    case NAMES:
    case STRINGS: {
      if (!Array.isArray(value)) return false;
      for (let i = 0; i < value.length; i++) if (kind === NAMES ? !isName(value[i]) : typeof value[i] !== 'string') return false;
      return true;
    }
    case DATE:
      return isDate(value);
    case OBJECT:
      return isPlainObject(value);
    default:
      return false;
  }
}

/**
 * True only when `item` is valid against the CSL item schema; false when it is not, or when this
 * quick reading cannot tell (then Ajv's validator decides).
 */
export function surelyValidCsl(item: unknown): boolean {
  if (!isPlainObject(item)) return false;
  let required = 0;
  for (const key in item) {
    const kind = kinds.get(key);
    if (kind === undefined) return false;
    const value = item[key];
    if (value === undefined) continue;
    if (!isValue(kind & ~REQUIRED, value)) return false;
    if (kind & REQUIRED) required++;
  }
  return required === requiredCount;
}
