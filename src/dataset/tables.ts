import type { ArticleRecord } from '../generated/article.js';
import type { EntitiesRow } from '../generated/entities-row.js';
import type { ItemsRow } from '../generated/items-row.js';
import type { ReferencesRow } from '../generated/references-row.js';
import type { SchemaName } from '../core/schemas.js';
import { jsonOfEach } from '../io/atomic.js';
import { entitySurfaces } from '../report/html/search.js';

/** One JSON Lines table of the dataset: its file, the schema of its rows, and how a record becomes rows. */
export interface TableDefinition<Row> {
  name: string;
  /** The schema every row follows (schemas/<name>-row.schema.json). */
  schema: SchemaName;
  /** The record's rows; `surfaces`, when given, is each entity's distinct mention texts, sorted (as {@link entitySurfaces} makes them), for a table that has them. */
  rowsOf(record: ArticleRecord, surfaces?: readonly string[][]): Row[];
}

/** items.jsonl: one row per dated item, with the DOI of each reference it cites. */
export const itemsTable: TableDefinition<ItemsRow> = {
  name: 'items.jsonl',
  schema: 'itemsRow',
  rowsOf(record) {
    const byId = new Map(record.references.map((r) => [r.id, r]));
    return record.sections.flatMap((section, sectionIndex) =>
      section.items.map((item, itemIndex) => ({
        article: record.id,
        section: sectionIndex,
        item: itemIndex,
        date: item.date,
        datePrecision: item.datePrecision,
        month: item.date.slice(0, 7),
        journal: item.journal,
        paperTitle: item.paperTitle ?? null,
        citations: item.citations.map((id) => ({ id, doi: byId.get(id)?.csl.DOI ?? null })),
      })),
    );
  },
};

/** references.jsonl: one row per reference, its CSL-JSON item whole and the fields most queries want. */
export const referencesTable: TableDefinition<ReferencesRow> = {
  name: 'references.jsonl',
  schema: 'referencesRow',
  rowsOf(record) {
    return record.references.map((reference) => {
      const csl = reference.csl;
      return {
        article: record.id,
        id: reference.id,
        number: reference.number,
        doi: csl.DOI ?? null,
        pmid: csl.PMID ?? null,
        pmcid: csl.PMCID ?? null,
        url: csl.URL ?? null,
        title: csl.title ?? null,
        container: csl['container-title'] ?? null,
        year: csl.issued?.['date-parts']?.[0]?.[0] ?? null,
        placeholder: reference.placeholder === true,
        raw: reference.raw,
        csl,
      };
    });
  },
};

/** entities.jsonl: one row per concept per record, with its mention count and spellings. */
export const entitiesTable: TableDefinition<EntitiesRow> = {
  name: 'entities.jsonl',
  schema: 'entitiesRow',
  rowsOf(record, surfaces) {
    // A loop: a `map` callback over the record was a closure made per record, which V8 optimised
    // again after every full collection (BENCHMARKS.md, changes 59 and 64).
    const rows: EntitiesRow[] = [];
    for (let i = 0; i < record.entities.length; i++) {
      const entity = record.entities[i]!;
      rows.push({
        article: record.id,
        id: entity.id,
        type: entity.type,
        label: entity.label,
        xrefs: entity.xrefs,
        count: entity.mentions.length,
        surfaces: surfaces?.[i] ?? entitySurfaces(entity),
      });
    }
    return rows;
  },
};

/** Every table of a dataset, in the order they are written and merged. */
export const TABLES = [itemsTable, referencesTable, entitiesTable] as const;

/** The rows of one record, each table as JSON Lines text ('' when empty), by table name. */
export type RecordRows = Record<string, string>;

/** Each table's rows as text, or as the UTF-8 bytes of that text (rows that crossed from a worker thread: worker.ts, `bulkMessage`). */
export type TableRows = Record<string, string | Uint8Array>;

/**
 * The JSON Lines text of every table for one record; `surfaces` as the record's search entry has
 * them (each entity's, in order), so they are not made twice. Each table's rows are serialised in
 * one call ({@link jsonOfEach}).
 */
export function recordRows(record: ArticleRecord, surfaces?: readonly string[][]): RecordRows {
  const rows: RecordRows = {};
  for (const table of TABLES) {
    const lines = jsonOfEach((table.rowsOf as (r: ArticleRecord, s?: readonly string[][]) => object[])(record, surfaces));
    // One flat string, the last line's feed from an empty last piece: `${join}\n` would be a
    // string of two parts, which its first encoding copies flat again (io/utf8.ts).
    if (lines.length) lines.push('');
    rows[table.name] = lines.join('\n');
  }
  return rows;
}
