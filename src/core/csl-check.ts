/**
 * A quick proof that a CSL-JSON item is valid against schemas/csl-data.json, for the items the
 * reference parser makes (issue 17). Ajv's generated validator (src/generated/validators-csl.ts)
 * tests each of the schema's 101 properties in turn (`item.x !== undefined`), whatever the item
 * holds: 5–20 µs an item of ~9 keys. This reads the keys the item has, each against its kind.
 *
 * It only ever answers "valid" for an item the schema accepts; anything it does not read as
 * surely valid (a non-finite number, a name or date that is not a plain object, an EDTF date
 * string, an unknown key, an object not of plain prototype) gets `false`, and the caller asks
 * Ajv, whose answer and errors stand. tests/core/csl-check.test.ts holds the kinds below against
 * the schema file and the answers against Ajv's on seeded random items.
 */

const STRING = 1;
const STRING_OR_NUMBER = 2;
const NAMES = 3;
const DATE = 4;
const TYPE = 5;
const STRINGS = 6;
const OBJECT = 7;

const kinds = new Map<string, number>();
const add = (kind: number, keys: string) => {
  for (const key of keys.split(' ')) kinds.set(key, kind);
};
add(
  STRING,
  'language journalAbbreviation shortTitle abstract annote archive archive_collection archive_location archive-place authority call-number citation-label collection-title container-title container-title-short dimensions division DOI event event-place genre ISAN ISBN ISCI ISMN ISRC ISSN ISWC jurisdiction keyword medium note original-publisher original-publisher-place original-title part-title PMCID PMID publisher publisher-place references reviewed-title scale section source status title title-short translated-title translated-title-short URL version year-suffix',
);
add(STRING_OR_NUMBER, 'id chapter-number citation-number collection-number edition first-reference-note-number issue locator number number-of-pages number-of-volumes page page-first part printing supplement volume');
add(NAMES, 'author chair collection-editor compiler composer container-author contributor curator director editor editorial-director executive-producer interviewer illustrator organizer original-author performer producer recipient reviewed-author translator');
add(DATE, 'accessed available-date container event-date issued original-date submitted');
add(TYPE, 'type');
add(STRINGS, 'categories');
add(OBJECT, 'custom');

/** The item types the schema's `type` enumerates. */
const types = new Set(
  'article article-journal article-magazine article-newspaper bill book broadcast chapter classic collection dataset document entry entry-dictionary entry-encyclopedia figure graphic hearing interview legal_case legislation manuscript map motion_picture musical_score pamphlet paper-conference patent performance periodical personal_communication post post-weblog regulation report review review-book software song speech standard thesis treaty webpage'.split(
    ' ',
  ),
);

/** A name's members (definitions/name-variable) and what each may hold: 1 a string, 2 a string, number or boolean. */
const nameMembers = new Map<string, number>([
  ['family', 1],
  ['given', 1],
  ['dropping-particle', 1],
  ['non-dropping-particle', 1],
  ['suffix', 1],
  ['comma-suffix', 2],
  ['static-ordering', 2],
  ['literal', 1],
  ['parse-names', 2],
]);

/** The kinds of {@link cslKinds}, by name (for the test that holds them against the schema). */
export const CSL_KIND_NAMES = ['', 'string', 'string-or-number', 'names', 'date', 'type', 'strings', 'object'] as const;

/** Each top-level property of a CSL item and its kind's name (for the test that holds them against the schema). */
export function cslKinds(): Map<string, (typeof CSL_KIND_NAMES)[number]> {
  return new Map([...kinds].map(([key, kind]) => [key, CSL_KIND_NAMES[kind]!]));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

function stringOrFiniteNumber(value: unknown): boolean {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

function isName(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  for (const key in value) {
    const member = nameMembers.get(key);
    if (member === undefined) return false;
    const v = value[key];
    if (v === undefined || typeof v === 'string') continue;
    if (member === 2 && (typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)))) continue;
    return false;
  }
  return true;
}

function isDate(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  for (const key in value) {
    const v = value[key];
    if (v === undefined) continue;
    switch (key) {
      case 'date-parts': {
        if (!Array.isArray(v) || v.length < 1 || v.length > 2) return false;
        for (let i = 0; i < v.length; i++) {
          const part: unknown = v[i];
          if (!Array.isArray(part) || part.length < 1 || part.length > 3) return false;
          for (let k = 0; k < part.length; k++) if (!stringOrFiniteNumber(part[k])) return false;
        }
        break;
      }
      case 'season':
        if (!stringOrFiniteNumber(v)) return false;
        break;
      case 'circa':
        if (!stringOrFiniteNumber(v) && typeof v !== 'boolean') return false;
        break;
      case 'literal':
      case 'raw':
        if (typeof v !== 'string') return false;
        break;
      default:
        return false; // edtf (a pattern), or a key the schema does not allow: Ajv decides
    }
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
  if (!isPlainObject(item) || item.type === undefined || item.id === undefined) return false;
  for (const key in item) {
    const kind = kinds.get(key);
    if (kind === undefined) return false;
    const value = item[key];
    if (value !== undefined && !isValue(kind, value)) return false;
  }
  return true;
}
