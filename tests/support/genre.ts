import { readdirSync, readFileSync } from 'node:fs';
import { repo } from '../helpers.js';

/**
 * What a genre fixture's expect.md says (tests/fixtures/genre-*, docs/design/genre.md): the page
 * table, the items table (from the simplified sibling when a variant says "the same … as
 * `genre-x`"), and the rule ids its Diagnostics section says must and must not appear.
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

/** The genre fixture cases, sorted. */
export const genreCases = (): string[] =>
  readdirSync(repo('tests/fixtures'))
    .filter((n) => n.startsWith('genre-'))
    .sort();

/** One `## Heading` section of an expect.md, up to the next. */
function part(text: string, heading: string): string {
  return new RegExp(`^## ${heading}\\s*$([\\s\\S]*?)(?=^## |(?![\\s\\S]))`, 'm').exec(text)?.[1] ?? '';
}

/** The rows of the first Markdown table whose header has the given columns. */
function table(text: string, ...columns: string[]): Record<string, string>[] {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const header = lines[i]!.split('|').map((c) => c.trim());
    if (!columns.every((c) => header.includes(c))) continue;
    const rows: Record<string, string>[] = [];
    for (let j = i + 2; j < lines.length && lines[j]!.startsWith('|'); j++) {
      const cells = lines[j]!.split('|').map((c) => c.trim());
      // A cell may hold a "|" of its own ("最新指南|2025年…"): the extra cells belong to the last column.
      const extra = cells.length - header.length;
      if (extra > 0) cells.splice(header.length - 2, extra + 1, cells.slice(header.length - 2, header.length - 1 + extra).join('|'));
      rows.push(Object.fromEntries(header.map((h, k) => [h, cells[k] ?? ''])));
    }
    return rows;
  }
  return [];
}

/** The rule ids quoted on the list items of a Diagnostics section that start with `label`. */
function rulesAfter(diagnostics: string, label: 'must' | 'must not'): string[] {
  const items = diagnostics.split(/\n(?=- )/).filter((item) => item.startsWith(`- ${label}:`));
  return items.flatMap((item) => [...item.matchAll(/`([a-z][a-z0-9-]+)`/g)].map((m) => m[1]!));
}

/** Reads a genre fixture's expect.md. */
export function genreExpectation(name: string): GenreExpectation {
  const dir = `tests/fixtures/${name}`;
  const text = readFileSync(repo(`${dir}/expect.md`), 'utf8');
  const input = readdirSync(repo(dir)).find((f) => f.startsWith('input.'))!;
  const page = Object.fromEntries(table(part(text, 'Page'), 'field', 'value').map((r) => [r.field!, r.value!]));
  let items = table(part(text, 'Sections and items'), 'date', 'precision');
  let borrowed = false;
  const sibling = /`(genre-[a-z-]+)`/.exec(part(text, 'Sections and items'))?.[1];
  if (items.length === 0 && sibling) {
    items = table(part(readFileSync(repo(`tests/fixtures/${sibling}/expect.md`), 'utf8'), 'Sections and items'), 'date', 'precision');
    borrowed = true;
  }
  const diagnostics = part(text, 'Diagnostics');
  return { name, input: `${dir}/${input}`, page, items, borrowed, must: rulesAfter(diagnostics, 'must'), mustNot: rulesAfter(diagnostics, 'must not') };
}

/** The first token of a cell ("2025-09 (the page date's month…)" → "2025-09"). */
export const firstToken = (cell: string | undefined): string => (cell ?? '').trim().split(/\s+/)[0] ?? '';
