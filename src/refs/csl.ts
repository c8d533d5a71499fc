import type { CslItem as RecordCslItem, CslName as RecordCslName } from '../generated/article.js';

/** A CSL-JSON item as references carry it: the CSL part of the article schema (generated). */
export type CslItem = RecordCslItem;
/** A CSL-JSON name (generated from the article schema). */
export type CslName = RecordCslName;
/** A CSL date: `{ "date-parts": [[year, month?, day?]] }`. */
export type CslDate = NonNullable<CslItem['issued']>;

// One fixed key order, so output is stable whichever parser branch built the item.
const cslKeyOrder = [
  'id', 'type', 'title', 'author', 'editor', 'translator', 'container-title', 'collection-title', 'issued', 'volume', 'issue', 'page',
  'edition', 'genre', 'number', 'number-of-volumes', 'number-of-pages', 'publisher', 'publisher-place', 'accessed', 'DOI', 'PMID', 'PMCID', 'ISSN', 'ISBN', 'URL',
] as const;

/** Puts a CSL item's keys in one fixed order (known keys first, any others after, sorted). */
export function orderCsl(csl: CslItem): CslItem {
  const source = csl as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  let known = 0;
  for (const key of cslKeyOrder) {
    if (source[key] !== undefined) {
      out[key] = source[key];
      known++;
    }
  }
  // (Every key a known one with a value, as nearly always: no other key to sort.)
  const keys = Object.keys(source);
  if (keys.length === known) return out as CslItem;
  for (const key of keys.sort()) if (!(key in out) && source[key] !== undefined) out[key] = source[key];
  return out as CslItem;
}

/** A CSL date from its parts; undefined without a year. */
export function cslDate(year: number | null | undefined, month?: number | null, day?: number | null): CslDate | undefined {
  if (!year) return undefined;
  const parts = [year];
  if (month) {
    parts.push(month);
    if (day) parts.push(day);
  }
  return { 'date-parts': [parts] };
}
