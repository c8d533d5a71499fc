import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { DataFileChangedError, trustVerifiedData } from '../core/data.js';
import { loadedFiles, type Pipeline } from '../core/pipeline.js';
import { pipelineFor } from '../ingest.js';
import type { CacheTarget } from './cache-entry.js';
import { changeArticleText, pageSource, type ChangeHead, type ChangePrior } from './changes.js';
import { changeFact } from '../report/html/index.js';
import { jsonForScript } from '../report/html/html.js';
import { prepareSearch, type PreparedSearch } from '../report/html/search.js';
import { ownUtf8, utf8Text } from '../io/utf8.js';
import { computeEntry, searchJsonOf, type Entry, type InputSummary } from './entry.js';
import type { PlannedInput } from './ids.js';
import type { Placement } from './place.js';
import type { TableRows } from './tables.js';

/** What the build sends a worker thread: one input, the pipeline file, where its files go. */
export interface WorkerTask {
  input: PlannedInput;
  pipelineFile: string;
  where: Placement;
  /** What the previous build recorded of the article: its page shows the change. */
  prior: ChangePrior;
  /** Where this thread stores the input's cache entry (null: not cached). */
  cache: CacheTarget | null;
  /** Send the search entry and change made ready for the build thread to splice ({@link PreparedBulk}), not as JSON. */
  prepare?: boolean;
}

/**
 * An input's search entry and change made ready by the worker for the build thread, which only
 * splices them (in id order) into the review index's search data and changes.json — when the
 * build makes those as its inputs settle. The JSON the build thread parsed and encoded again was
 * most of what it allocated per input (~150 of ~240 KB), and so most of what made its young
 * generation collect and promote the inputs still waiting their turn (BENCHMARKS.md, "Change:
 * the build thread splices what the workers encoded").
 */
export interface PreparedBulk {
  /** Null when the input failed. */
  search: PreparedSearch | null;
  /** Null when the input failed. */
  change: {
    head: ChangeHead;
    /** The change as changes.json holds it ({@link changeArticleText}). */
    text: string | Uint8Array;
    /** What the review index shows of it: {@link changeFact}'s JSON. */
    fact: string | Uint8Array;
    /** The article page's source key ({@link pageSource} of the entry's key and the change), when this thread made the key; else the build makes it from `changeJson`. */
    pageSource?: string;
  } | null;
}

/** What the pool gives every worker when it starts (runner.ts). */
export interface WorkerStart {
  /** The data files the main thread has checked (their hashes): the worker loads them without checking them again. */
  verifiedData: string[];
  /**
   * Which code bin/worker.cjs runs (runner.ts, `workerCode`): the workers' bundle only when told
   * 'bundle'; dist/src's modules otherwise (told 'modules', or not told).
   */
  code?: 'bundle' | 'modules';
  /**
   * The build's pipeline's fingerprint (its file and data files as the build thread read them): a
   * worker whose own load of the file reads other bytes answers {@link DataChanged} (runner.ts).
   */
  fingerprint?: string;
  /**
   * The sha256 of each file the build's load read — the pipeline file, then its data files, as
   * src/core/pipeline.ts `loadedFiles` lists them —: where the fingerprints differ, the file that
   * changed is named to the user, not the pipeline file.
   */
  fileHashes?: string[] | undefined;
}

const start = workerData as WorkerStart | undefined;
trustVerifiedData(start?.verifiedData ?? []);

/**
 * A worker's answer instead of an entry when the pipeline it loaded is not the build's — a data
 * file or the pipeline file changed during the build (DataFileChangedError's message): the build
 * stops (runner.ts), where every later task of this worker would have failed and run again on the
 * build thread, at one thread's speed and without a word.
 */
export interface DataChanged {
  dataChanged: string;
}

/** The pipelines this thread found to be the build's ({@link sameAsBuild}). */
const checked = new WeakSet<Pipeline>();

/**
 * `pipeline` (this thread's load of the build's pipeline file) if it is what the build thread
 * loaded — its fingerprint, the hash of the file and of every data file's bytes, is `fingerprint` —
 * else DataFileChangedError naming the file whose hash is not the build's (`fileHashes`), as the
 * build thread names a file changed under it (src/core/data.ts). The fingerprint reads the bytes a
 * start leaves unread (the structure lists, the lexicon: src/core/data.ts, READ_WHEN_ASKED) and
 * holds them, so a file changed later no longer reaches this thread (its first ask of them threw
 * then, at every later task): ~5 M instructions a worker, once (~234 KB read, ~550 KB hashed), as
 * the build thread's cache keys did.
 */
function sameAsBuild(pipeline: Pipeline, fingerprint: string, fileHashes?: readonly string[]): Pipeline {
  if (checked.has(pipeline)) return pipeline;
  if (pipeline.fingerprint !== fingerprint) {
    // The pipeline file first: changed, it may name other data files, whose hashes are not comparable.
    const changed = loadedFiles(pipeline)?.find((loaded, index) => fileHashes !== undefined && loaded.read.hash !== fileHashes[index]);
    if (changed !== undefined) throw new DataFileChangedError(`${changed.file}: changed since the build loaded it (the build's records would be of two versions): run the command again`);
    throw new DataFileChangedError(`${pipeline.file}: it or a data file it names changed since the build loaded it (the build's records would be of two versions): run the command again`);
  }
  checked.add(pipeline);
  return pipeline;
}

/**
 * What the build thread reads of an input's summary as the input settles (its status, id and
 * counts for the totals and the review index's order; its sha256 for a key the thread did not
 * make): the whole summary crosses as JSON text in the bulk ({@link EntryBulk.summaryJson}),
 * which the build only writes.
 */
export type SummaryHead = Pick<InputSummary, 'path' | 'id' | 'status' | 'sha256' | 'counts'>;

/** The head of a summary ({@link SummaryHead}): new objects, none of the summary's own. */
export function summaryHead(summary: InputSummary): SummaryHead {
  return { path: summary.path, id: summary.id, status: summary.status, sha256: summary.sha256, counts: { ...summary.counts } };
}

/**
 * An entry as a runner hands it to the build: its summary's head only, and no bulk — rows,
 * search entry, change, the summary's and the rows' texts wait with the runner ({@link EntryBulk}).
 * What a worker's answer carries is structured-cloned, and the build thread deserialised the whole
 * summary (~11 KB a clone with its two rows) to write it back out as JSON (BENCHMARKS.md, change 196's *Left*).
 */
export type SentEntry = Omit<Entry, 'summary' | 'rows' | 'searchJson' | 'changeJson' | 'made' | 'manifestRow' | 'indexRow'> & { summary: SummaryHead };

/**
 * The bulk of an entry — its rows, search entry and change, ~100 KB of text an article — sent
 * to the main thread apart from the entry itself, as a message the main thread takes in as it
 * arrives (runner.ts). What a task returns reaches the caller by resolving promises, and V8 then
 * keeps it through the main thread's next young-generation collections (measured: ~14 MB
 * promoted at each scavenge, a young generation grown to its maximum, an old one filling
 * between full collections); taken in by a message listener, it is garbage once written.
 */
export interface EntryBulk {
  /** The input's path: which task the bulk belongs to. */
  path: string;
  /**
   * The input's summary as JSON (`JSON.stringify`), as text or (crossed from a worker) its UTF-8
   * bytes: what the build's ledger keeps of it, written as it is ({@link SentEntry} has its head).
   */
  summaryJson: string | Uint8Array;
  /** The input's manifest row as the manifest holds it ({@link Entry.manifestRow}), as text or its UTF-8 bytes. */
  manifestRow?: string | Uint8Array | undefined;
  /** The input's row of the review index as its thread wrote it ({@link Entry.indexRow}), as text or its UTF-8 bytes. */
  indexRow?: string | Uint8Array | undefined;
  /** Each table's rows: as text on the thread that made them, as UTF-8 bytes once they have crossed from a worker ({@link bulkMessage}). */
  rows: TableRows;
  /** The search entry's JSON, as text or (crossed from a worker) its UTF-8 bytes: read it with {@link bulkText}. */
  searchJson: string | Uint8Array | null;
  /** The change's JSON, as text or (crossed from a worker) its UTF-8 bytes: read it with {@link bulkText}. */
  changeJson?: string | Uint8Array | null | undefined;
  /** The search entry and change made ready to splice (a task that asked for them), instead of their JSON. */
  prepared?: PreparedBulk | undefined;
}

/** A message carrying an {@link EntryBulk} (the worker's other messages are piscina's). */
export const BULK = 'digest-entry-bulk';

/**
 * An entry without its bulk (rows, search entry and change; the summary's and the rows' texts), its
 * summary's head in place of the summary, and the bulk.
 */
export function splitEntry(path: string, entry: Entry, prepare = false): { entry: SentEntry; bulk: EntryBulk } {
  const { summary, rows, searchJson: _text, changeJson, made, manifestRow, indexRow, ...rest } = entry;
  const sent: SentEntry = { ...rest, summary: summaryHead(summary) };
  const texts = { path, summaryJson: JSON.stringify(summary), ...(manifestRow === undefined ? {} : { manifestRow }), ...(indexRow === undefined ? {} : { indexRow }) };
  if (!prepare || made === undefined) return { entry: sent, bulk: { ...texts, rows, searchJson: searchJsonOf(entry), changeJson } };
  const change = made.change;
  const prepared: PreparedBulk = {
    search: made.search === null ? null : (made.prepared ?? prepareSearch(made.search, jsonForScript, true)),
    change:
      change === null
        ? null
        : {
            head: { id: change.id, revision: change.revision, previousId: change.previousId },
            text: changeArticleText(change),
            fact: JSON.stringify(changeFact(change)),
            ...(entry.key === undefined ? {} : { pageSource: pageSource(entry.key, changeJson ?? null) }),
          },
  };
  // Without the key here, the build makes the page's source key from the change's JSON.
  return { entry: sent, bulk: { ...texts, rows, searchJson: null, changeJson: prepared.change?.pageSource === undefined ? changeJson : null, prepared } };
}

/**
 * The message that carries a bulk to the build thread, and what it transfers: each table's rows,
 * the search entry and the change as UTF-8 bytes in buffers of their own, moved, not copied.
 * Text would arrive as strings the message's deserialiser makes in the build thread's heap, and
 * V8 promotes much of it to wait for a full collection: ~12 KB an input of old-generation
 * garbage, the build thread's heap growing through the build (BENCHMARKS.md, "Change 34: the
 * rows cross from a worker as bytes"). Bytes live outside the heap and go with their small
 * buffer objects; the build writes the rows' bytes as they are, so it no longer encodes them
 * (the workers do, two at a time).
 */
export function bulkMessage(bulk: EntryBulk): { message: { [BULK]: EntryBulk }; transfer: ArrayBuffer[] } {
  const transfer: ArrayBuffer[] = [];
  const rows: TableRows = {};
  for (const [table, text] of Object.entries(bulk.rows)) rows[table] = moved(text, transfer);
  const message: EntryBulk = { ...bulk, summaryJson: moved(bulk.summaryJson, transfer), rows, searchJson: moved(bulk.searchJson, transfer) };
  if (bulk.manifestRow !== undefined) message.manifestRow = moved(bulk.manifestRow, transfer);
  if (bulk.indexRow !== undefined) message.indexRow = moved(bulk.indexRow, transfer);
  if (bulk.changeJson !== undefined) message.changeJson = moved(bulk.changeJson, transfer);
  const prepared = bulk.prepared;
  if (prepared !== undefined) {
    const { search, change } = prepared;
    message.prepared = {
      search:
        search === null
          ? null
          : { id: search.id, article: moved(search.article, transfer), items: moved(search.items, transfer), journals: moved(search.journals, transfer), references: moved(search.references, transfer), entities: Array.isArray(search.entities) ? search.entities : moved(search.entities, transfer) },
      change: change === null ? null : { ...change, text: moved(change.text, transfer), fact: moved(change.fact, transfer) },
    };
  }
  return { message: { [BULK]: message }, transfer };
}

/**
 * A bulk as the build thread receives it from a worker ({@link bulkMessage}), each of its byte
 * arrays made a `Buffer` view of the same memory, in place: bytes posted between threads arrive
 * as plain `Uint8Array`s, where those the build thread makes itself (io/utf8.ts) are
 * `Buffer`s, and the code that writes both (io/utf8.ts, `Utf8Chunks.addBytes`) was thrown away
 * at the first worker's bytes and compiled again for two kinds (BENCHMARKS.md, change 192).
 */
export function receivedBulk(bulk: EntryBulk): EntryBulk {
  const rows = bulk.rows;
  const tables = Object.keys(rows);
  for (let k = 0; k < tables.length; k++) rows[tables[k]!] = bufferView(rows[tables[k]!]!);
  bulk.summaryJson = bufferView(bulk.summaryJson);
  if (bulk.manifestRow !== undefined) bulk.manifestRow = bufferView(bulk.manifestRow);
  if (bulk.indexRow !== undefined) bulk.indexRow = bufferView(bulk.indexRow);
  bulk.searchJson = bufferView(bulk.searchJson);
  if (bulk.changeJson !== undefined) bulk.changeJson = bufferView(bulk.changeJson);
  const search = bulk.prepared?.search;
  if (search) {
    search.article = bufferView(search.article);
    search.items = bufferView(search.items);
    search.journals = bufferView(search.journals);
    search.references = bufferView(search.references);
    search.entities = bufferView(search.entities);
  }
  const change = bulk.prepared?.change;
  if (change) {
    change.text = bufferView(change.text);
    change.fact = bufferView(change.fact);
  }
  return bulk;
}

/** Bytes as a `Buffer` over the same memory (no copy); anything else as it is. */
function bufferView<T>(value: T | Uint8Array): T | Uint8Array {
  return value instanceof Uint8Array && !Buffer.isBuffer(value) ? Buffer.from(value.buffer, value.byteOffset, value.byteLength) : value;
}

/**
 * A text to move: its UTF-8 bytes in a buffer of their own (io/utf8.ts, {@link ownUtf8}), added to
 * `transfer`; anything else (and empty text) as it is. At module scope: a closure over `transfer` made per message was optimised
 * again after every full collection (BENCHMARKS.md, changes 59, 64 and 93).
 */
function moved<T>(text: string | T, transfer: ArrayBuffer[]): string | Uint8Array | T {
  if (typeof text !== 'string' || text.length === 0) return text;
  const bytes = ownUtf8(text);
  transfer.push(bytes.buffer as ArrayBuffer);
  return bytes;
}

/** A bulk's text, whether it stayed text or crossed as UTF-8 bytes ({@link bulkMessage}); null for null or absent. */
export function bulkText(value: string | Uint8Array | null | undefined): string | null {
  return value === null || value === undefined ? null : utf8Text(value);
}

/** An entry made whole again from its {@link splitEntry} parts (the summary parsed back, texts that crossed as bytes text again). */
export function joinEntry(entry: SentEntry, bulk: EntryBulk): Entry {
  const { path: _path, ...parts } = bulk;
  const rows: Entry['rows'] = {};
  for (const [table, text] of Object.entries(parts.rows)) rows[table] = bulkText(text)!;
  const joined: Entry = { ...entry, summary: JSON.parse(bulkText(parts.summaryJson)!) as InputSummary, rows, searchJson: bulkText(parts.searchJson) };
  if (parts.changeJson !== undefined) joined.changeJson = bulkText(parts.changeJson);
  if (parts.manifestRow !== undefined) joined.manifestRow = bulkText(parts.manifestRow)!;
  if (parts.indexRow !== undefined) joined.indexRow = bulkText(parts.indexRow)!;
  return joined;
}

/**
 * One task on a thread whose `port` leads to the main thread: the input ingested, its files
 * written there, its bulk posted on `port` before the entry is returned (so it is on its way
 * first), the entry returned without it.
 */
export async function ingestOnThread(task: WorkerTask, port: Pick<MessagePort, 'postMessage'>, fingerprint?: string, fileHashes?: readonly string[]): Promise<SentEntry> {
  // pipelineFor loads each pipeline file once per thread; given the build's fingerprint, it must be the build's.
  const loaded = pipelineFor(task.pipelineFile);
  const pipeline = fingerprint === undefined ? loaded : sameAsBuild(loaded, fingerprint, fileHashes);
  const { entry, bulk } = splitEntry(task.input.path, await computeEntry(task.input, pipeline, task.where, undefined, task.prior, task.cache), task.prepare === true);
  const { message, transfer } = bulkMessage(bulk);
  port.postMessage(message, transfer);
  return entry;
}

/** Nothing: what the chain of tasks settles to (it keeps no task's entry alive). */
const noop = (): undefined => undefined;

/** The task this thread runs last (or ran): the next one starts when it has settled. */
let running: Promise<unknown> = Promise.resolve();

/**
 * Runs `task` once every task handed in before it has settled, one at a time: the pool gives a
 * worker its next task while it runs one (runner.ts, TASKS_PER_WORKER), and two ingests must
 * not take turns at their awaits — the thread's scratch memory and memos serve one at a time,
 * and one input's work stays in one piece on the core.
 */
export function oneAtATime<T>(task: () => Promise<T>): Promise<T> {
  const run = running.then(task);
  running = run.then(noop, noop);
  return run;
}

/**
 * The worker thread's task (piscina calls the default export): one input in; its record, pages
 * and cache entry written (or compared) here, so their bytes never cross threads; its entry out,
 * its bulk apart ({@link EntryBulk}). Tasks run one after the other ({@link oneAtATime}). A
 * pipeline changed since the build loaded it is answered, not thrown ({@link DataChanged}): an
 * error crosses to the build thread without its class.
 */
export default async function ingestTask(task: WorkerTask): Promise<SentEntry | DataChanged> {
  return oneAtATime(() => ingestOnThread(task, parentPort!, start?.fingerprint, start?.fileHashes).catch(dataChangedAnswer));
}

/** A DataFileChangedError as the worker's answer ({@link DataChanged}); any other error thrown on. */
export function dataChangedAnswer(error: unknown): DataChanged {
  if (error instanceof DataFileChangedError) return { dataChanged: error.message };
  throw error;
}
