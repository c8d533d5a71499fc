import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { repo } from '../helpers.js';
import { genreCases, section, table } from './expect-md.js';

/**
 * What a genre fixture's expect.md says about structure (read with tests/support/expect-md.ts):
 * the page table, the items table (from the simplified sibling when a variant says "the same …
 * as `genre-x`"), and the rule ids its Diagnostics section says must and must not appear.
 */
export interface GenreExpectation {
  name: string;
  /** The input file's path, relative to the repository. */
  input: string;
  /** The Page table: field → value as written. */
  page: Record<string, string>;
  /** The items table's rows (column → cell), in order. */
  items: Record<string, string>[];
  /** True when the rows come from the sibling fixture the expect.md names (headings there are in the other script). */
  borrowed: boolean;
  /** Rule ids in backticks on the "- must:" lines. */
  must: string[];
  /** Rule ids in backticks on the "- must not:" lines. */
  mustNot: string[];
}

/** The genre fixture cases' names, sorted. */
export const genreNames = (): string[] => genreCases().map((c) => c.name);

/** The rule ids quoted on the list items of a Diagnostics section that start with `label`. */
function rulesAfter(diagnostics: string, label: 'must' | 'must not'): string[] {
  const items = diagnostics.split(/\n(?=- )/).filter((item) => item.startsWith(`- ${label}:`));
  return items.flatMap((item) => [...item.matchAll(/`([a-z][a-z0-9-]+)`/g)].map((m) => m[1]!));
}

/** Reads what a genre fixture's expect.md says about structure. */
export function genreExpectation(name: string): GenreExpectation {
  const found = genreCases().find((c) => c.name === name);
  if (!found) throw new Error(`no genre fixture ${name}`);
  const page = Object.fromEntries(table(section(found.expect, 'Page'), 'field', 'value').map((r) => [r.field!, r.value!]));
  let items = table(section(found.expect, 'Sections and items'), 'date', 'precision');
  let borrowed = false;
  const sibling = /`(genre-[a-z-]+)`/.exec(section(found.expect, 'Sections and items'))?.[1];
  if (items.length === 0 && sibling) {
    items = table(section(readFileSync(repo(`tests/fixtures/${sibling}/expect.md`), 'utf8'), 'Sections and items'), 'date', 'precision');
    borrowed = true;
  }
  const diagnostics = section(found.expect, 'Diagnostics');
  return { name, input: relative(repo(''), found.input), page, items, borrowed, must: rulesAfter(diagnostics, 'must'), mustNot: rulesAfter(diagnostics, 'must not') };
}

/** The first token of a cell ("2025-09 (the page date's month…)" → "2025-09"). */
export const firstToken = (cell: string | undefined): string => (cell ?? '').trim().split(/\s+/)[0] ?? '';
