import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DigestDocument } from '../../src/core/document.js';
import { runStages } from '../../src/pipeline.js';
import { pipeline, repo } from '../helpers.js';

/**
 * Reading the genre fixtures' expect.md (tests/fixtures/genre-*): what a correct reading of each
 * page gives, as the data helper wrote it (docs/design/genre.md). The same reading as
 * scripts/genre-measures.mjs, typed, for the focused stage tests.
 */

/** One genre fixture: its folder name, input file and expect.md text. */
export interface GenreCase {
  name: string;
  input: string;
  expect: string;
}

/** Every genre fixture with an expect.md, by name. */
export function genreCases(): GenreCase[] {
  const root = repo('tests/fixtures');
  return readdirSync(root)
    .filter((n) => n.startsWith('genre-'))
    .sort()
    .flatMap((name) => {
      const files = readdirSync(join(root, name));
      const input = files.find((f) => f.startsWith('input.'));
      if (!input || !files.includes('expect.md')) return [];
      return [{ name, input: join(root, name, input), expect: readFileSync(join(root, name, 'expect.md'), 'utf8') }];
    });
}

/** One `## Heading` section of an expect.md, up to the next. */
export function section(text: string, heading: string): string {
  return new RegExp(`^## ${heading}\\s*$([\\s\\S]*?)(?=^## |(?![\\s\\S]))`, 'm').exec(text)?.[1] ?? '';
}

/** "- left → right" lines of a section. */
export function arrows(text: string): [string, string][] {
  return [...text.matchAll(/^- (.+?) → (.+?)\s*$/gm)].map((m) => [m[1]!, m[2]!]);
}

/** The rows of the first Markdown table whose header has the given columns. */
export function table(text: string, ...columns: string[]): Record<string, string>[] {
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

/** A value of the "## Page" table. */
export function pageField(text: string, name: string): string {
  return table(section(text, 'Page'), 'field', 'value').find((r) => r.field === name)?.value ?? '';
}

/** The journals a page names: surface (brackets taken off) → English name, publisher or not. */
export function journalsNamed(c: GenreCase): { surface: string; name: string; publisher: boolean }[] {
  return arrows(section(c.expect, 'Journals named')).map(([left, right]) => ({
    surface: left.replace(/^[《“「]|[》”」]$/g, '').trim(),
    name: right.replace(/^publisher /, ''),
    publisher: right.startsWith('publisher '),
  }));
}

/** The entities a page must tag: surface as written → concept id (or `pattern:<name>`). */
export function entitiesNamed(c: GenreCase): { surface: string; id: string }[] {
  return arrows(section(c.expect, 'Entities')).map(([surface, id]) => ({ surface, id: id.split(/\s/)[0]! }));
}

/** A cell of an items table without its note: "Cell Stem Cell (from ref-1…)" → "Cell Stem Cell"; "—…" → null. */
export function plainCell(cell: string | undefined): string | null {
  if (cell === undefined || cell === '' || cell.startsWith('—')) return null;
  return cell.replace(/\s+\((?:from|in|a|an|the|full-width|half)\b[^)]*\)\s*$/u, '').replace(/\s+—.*$/u, '').trim();
}

/** The rows of a page's items table (date, journal, written, paper title, citations …). */
export function itemRows(c: GenreCase): Record<string, string>[] {
  return table(section(c.expect, 'Sections and items'), 'date', 'journal');
}

/**
 * Runs the default pipeline's stages named (in pipeline order) on a document, from a given
 * one: a test can build what an earlier stage leaves (a facet) and run the later stages on it.
 */
export async function runStagesOn(doc: DigestDocument, names: readonly string[]): Promise<DigestDocument> {
  const p = pipeline();
  await runStages(doc, { ...p, stages: p.stages.filter((s) => names.includes(s.definition.name)) });
  return doc;
}
