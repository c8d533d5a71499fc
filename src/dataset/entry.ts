import type { ArticleRecord } from '../generated/article.js';
import type { Pipeline } from '../core/pipeline.js';
import { ingestDetailed, type IngestResult } from '../ingest.js';
import { articlePagePieces } from '../report/html/article.js';
import { prepareSearch, searchEntry, type PreparedSearch, type SearchEntry } from '../report/html/search.js';
import { jsonForScript } from '../report/html/html.js';
import { sourcePagePieces } from '../report/html/source.js';
import { isPlainJson, plainJsonPieces, toJsonPieces } from '../io/atomic.js';
import { OutputError } from '../io/errors.js';
import { utf8Text } from '../io/utf8.js';
import { realFs, type WriteFs } from '../io/fs.js';
import { storeEntry, type CacheTarget, type EntryParts, type PackSpot } from './cache-entry.js';
import type { PlannedInput } from './ids.js';
import { entryKey } from './keys.js';
import { articleDigest, decideChange, type ChangePrior } from './changes.js';
import { summarize, type InputSummary } from './input-summary.js';
import type { ArticleChange, ArticleDigest } from '../generated/changes.js';
import { placeFile, type Placed, type Placement } from './place.js';
import { recordRows, type RecordRows } from './tables.js';
import { manifestRow, manifestRowText } from './manifest.js';
import { indexRowCells } from '../report/html/index.js';

export { summarize, type InputSummary };

/** What ingesting one input gives the build: what the cache stores under its key (summary, rows, search entry), where its files went, its change. */
export interface Entry {
  summary: InputSummary;
  rows: RecordRows;
  /** The record and review pages as placed in the dataset folder (none when the input failed). */
  placed: Placed[];
  /**
   * What the article adds to the review index's search, as JSON text (null when the input
   * failed): text, so it crosses threads as one string and the build sets it aside as it is.
   * Absent while the thread that made the entry still holds `made`: made on demand
   * ({@link searchJsonOf}), since a build that splices the search entry made ready (and the
   * cache, which keeps it so) never reads this text.
   */
  searchJson?: string | null;
  /** The article's last change, as its page shows it, as JSON text (null when the input failed); not cached: the next build reads it from changes.json. */
  changeJson?: string | null;
  /**
   * The search entry and change the JSON texts above were made from, on the thread that made
   * them (a worker makes them ready for the build thread from these: worker.ts, `prepared`);
   * never sent across threads (worker.ts, `splitEntry`, leaves them out).
   */
  made?: {
    search: SearchEntry | null;
    change: ArticleChange | null;
    /** The search entry made ready for the review index, when the thread stored it in the cache so ({@link computeEntry}). */
    prepared?: PreparedSearch | null;
  };
  /**
   * The input's manifest row as the manifest holds it ({@link manifestRowText} of its summary),
   * made by the thread that ingested it: the build's finish splices it into the manifest and
   * parses it for the review index's row, where it parsed the whole summary back twice.
   */
  manifestRow?: string;
  /**
   * The input's row of the review index written but for its place and change (the cells of
   * {@link indexRowCells} of its manifest row), when the pipeline makes review pages and the build
   * writes (not in check mode): the build's finish splices it as it is, where it parsed the
   * manifest row back and wrote the row's timeline on the build thread alone.
   */
  indexRow?: string;
  /** The input's cache key, as the thread that ingested it made it (from the bytes it read), so the build need not hash it again. */
  key?: string;
  /** Where the thread that ingested the input stored its cache entry (which pack, where in it): the build indexes it. */
  stored?: PackSpot;
  /**
   * Why the cache entry could not be stored (a full disk): the input's files are in place, so
   * the build goes on and says so; the next build ingests the input again.
   */
  cacheProblem?: string;
  /**
   * Why the record or a page could not be written (a full disk, a read-only folder): a failure of
   * the build, not of the input. A message, because errors lose their class between threads.
   */
  failure?: string;
}

/** No previous build: every article is the first of its folder. */
const FIRST: ChangePrior = { revision: 0, entry: null };

/**
 * Ingests one planned input: places its record, its review page (with its change against
 * `prior`, what the previous build recorded of it) and its source page in the dataset folder (or
 * compares them, in check mode) and returns what the cache keeps — and, given a `cache` target
 * (an input that could be read, a writable cache), stores that entry under its key itself, in this
 * thread's pack, and says where (`stored`), so the thread that made it writes it (a worker's entry
 * text never crosses to the main thread). A file that cannot be placed is the entry's `failure`,
 * and then nothing is stored; an entry that cannot be stored is its `cacheProblem`. A renamed
 * input's record carries its new id and an info diagnostic naming the id it could not have.
 */
export async function computeEntry(input: PlannedInput, pipeline: Pipeline, where: Placement, fs: WriteFs = realFs, prior: ChangePrior = FIRST, cache: CacheTarget | null = null): Promise<Entry> {
  const entry = await makeEntry(input, pipeline, where, fs, prior);
  const row = manifestRow(entry.summary);
  entry.manifestRow = manifestRowText(row);
  // Not in check mode: nothing is set aside there (build.ts writes each row at the end).
  if (pipeline.write?.report !== false && where.mode === 'write') entry.indexRow = indexRowCells(row).cells;
  if (cache === null || entry.failure !== undefined) return entry;
  entry.key = entryKey(cache.config, input.path, input.id, input.renamedFrom, entry.summary.sha256);
  // The search entry made ready for the review index, as the cache keeps it and the build splices
  // it (worker.ts, splitEntry, takes this one rather than making it again).
  const search = entry.made?.search ? storedSearch(entry.made.search) : null;
  if (entry.made) entry.made.prepared = search;
  try {
    entry.stored = storeEntry(cache, entry.key, { summary: entry.summary, rows: entry.rows, search }, fs);
  } catch (error) {
    if (error instanceof OutputError) return { ...entry, cacheProblem: error.message };
    throw error;
  }
  return entry;
}

/**
 * A search entry made ready for the review index as a build's index encodes it (`jsonForScript`,
 * entities as their lines): what a cache entry keeps, so a hit is spliced into the index as a
 * worker's entry is (cache-entry.ts, format 7).
 */
function storedSearch(entry: SearchEntry): EntryParts<string>['search'] {
  const made = prepareSearch(entry, jsonForScript, true);
  return { id: made.id, article: utf8Text(made.article), items: utf8Text(made.items), journals: utf8Text(made.journals), references: utf8Text(made.references), entities: utf8Text(made.entities as string) };
}

/** Ingests one planned input and places its files (computeEntry without the cache). */
async function makeEntry(input: PlannedInput, pipeline: Pipeline, where: Placement, fs: WriteFs, prior: ChangePrior): Promise<Entry> {
  const result = await ingestDetailed({ path: input.path }, { pipeline, id: input.id });
  return placeRecord(input, result, where, { fs, prior, report: pipeline.write?.report !== false });
}

/** Options of {@link placeRecord}. */
export interface PlaceOptions {
  fs?: WriteFs;
  /** What the previous build recorded of the article (default: nothing, a first build). */
  prior?: ChangePrior;
  /** Whether the review pages are made (the pipeline's `write.report`; default true). */
  report?: boolean;
}

/**
 * Everything a build does with an input once the pipeline has made its record: its summary,
 * rows, change and search entry, its record and review pages placed in the dataset folder. The
 * pages are made from the record as written, exactly as `digest merge` makes them from the file:
 * a record that is plain JSON data already ({@link isPlainJson}, what the pipeline makes) is that
 * record; any other is parsed back from its JSON first.
 */
export function placeRecord(input: PlannedInput, result: IngestResult, where: Placement, options: PlaceOptions = {}): Entry {
  const { fs = realFs, prior = FIRST, report = true } = options;
  let record = result.record;
  if (input.renamedFrom !== null) {
    record = {
      ...record,
      diagnostics: [
        ...record.diagnostics,
        { severity: 'info', rule: 'id-renamed', source: 'write', message: `id ${input.renamedFrom} is taken by another input; this record is ${input.id}`, line: 1, column: 1 },
      ],
    };
  }
  const placed: Placed[] = [];
  if (!result.ok) return { summary: summarize(input.path, record, false), rows: {}, placed, searchJson: null, changeJson: null };
  // A plain record (what the pipeline makes) is written in pieces none of which V8 copies into a
  // large object of its own to encode (io/atomic.ts, plainJsonPieces); any other is parsed back.
  const plain = isPlainJson(record);
  const json = plain ? plainJsonPieces(record) : toJsonPieces(record);
  const written = plain ? record : (JSON.parse(json[0]!) as ArticleRecord);
  const digest = articleDigest(written);
  const summary = summarize(input.path, written, true, digest);
  const search = searchEntry(written);
  const rows = recordRows(written, search.entities.map((e) => e.surfaces));
  const change = decideChange(prior, digest);
  try {
    placed.push(placeFile(where, `articles/${input.id}.json`, json, fs));
    if (report) {
      placed.push(placeFile(where, `report/${input.id}.html`, articlePagePieces(written, { change }), fs));
      placed.push(placeFile(where, `report/${input.id}.source.html`, sourcePagePieces(written, { text: result.doc.text, blocks: result.doc.blocks }), fs));
    }
  } catch (error) {
    if (error instanceof OutputError) return { summary, rows, placed, searchJson: null, changeJson: JSON.stringify(change), failure: error.message };
    throw error;
  }
  return { summary, rows, placed, changeJson: JSON.stringify(change), made: { search, change } };
}

/** An entry's search entry as JSON text ({@link Entry.searchJson}), made from `made` when the entry does not carry it; null when the input failed. */
export function searchJsonOf(entry: Entry): string | null {
  if (entry.searchJson !== undefined) return entry.searchJson;
  return entry.made?.search ? JSON.stringify(entry.made.search) : null;
}
