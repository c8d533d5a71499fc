import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { DataFileChangedError } from '../core/data.js';
import { savedSinceLoad, type Pipeline } from '../core/pipeline.js';
import { OutputError } from '../io/errors.js';
import { realFs, type WriteFs } from '../io/fs.js';
import type { WalkProblem } from '../io/inputs.js';
import type { ArticleRecord } from '../generated/article.js';
import type { ArticleChange } from '../generated/changes.js';
import type { ManifestInput } from '../generated/manifest.js';
import { readPlainFile } from '../io/files.js';
import { changeFact, indexPageText, sortIndexRows, type ChangeFact, type IndexRow, type IndexRowCells, type IndexRows } from '../report/html/index.js';
import { jsonForScript } from '../report/html/html.js';
import { searchEntry, SearchIndexText, type PreparedSearch, type SearchEntry, type TextAside } from '../report/html/search.js';
import { emptyState, EntryStore, ownState, type BuildState, type InputState } from './cache.js';
import { CHANGES, PreviousBuild, SettledChanges } from './changes.js';
import type { InputSummary } from './entry.js';
import { rememberedIds } from './ids.js';
import { configFingerprint } from './keys.js';
import { manifestPieces, manifestRow, type Totals } from './manifest.js';
import { planBuild, PlanTable, tablesSource, type BuildPlan, type Shard } from './plan.js';
import { RowKind, runInputs, type LedgerEntry, type RunOutcome } from './run.js';
import { Ledger, SetAside, TextSpool } from './set-aside.js';
import { createRunner, runnerThreads, type Runner } from './runner.js';
import type { PlannedInput } from './ids.js';
import { TABLES } from './tables.js';
import { withChanged } from './file-names.js';
import { DatasetWriter, type OutputReport, type TableSink } from './writer.js';
import { fsFailure } from '../io/errors.js';

export type { Shard } from './plan.js';

/** Options of {@link build}. */
export interface BuildOptions {
  pipeline: Pipeline;
  /** The dataset folder (default: the pipeline's `out`). */
  outDir?: string;
  /** Compare with the folder instead of writing; nothing is written, not even the cache. */
  check?: boolean;
  /** Worker threads for ingesting, and the bound on files in flight (default: the core count). */
  concurrency?: number;
  shard?: Shard;
  /** The cache folder (default `<outDir>/.cache`); null disables the cache. */
  cacheDir?: string | null | undefined;
  /**
   * The dataset (a folder with manifest.json, or the manifest itself) whose ids the inputs keep:
   * an input it lists keeps its id, new inputs avoid the ids taken. Default: the output folder;
   * for a shard, the pipeline's `out` — the dataset the shards will be merged into — so every
   * shard plans the same ids. null: remember nothing (ids from the file names alone).
   */
  idsFrom?: string | null;
  /** Follow symbolic links in the input folders that lead outside them (default: refused, with a warning). */
  followLinks?: boolean;
  /** Called as each input is settled, in completion order. */
  onProgress?: (done: number, total: number, summary: InputSummary) => void;
  /**
   * Called once per input with its summary, in path order (the order of
   * {@link BuildResult.inputs}), when the build is done: the dataset written (or, with `check`,
   * compared) and the cache saved, just before `build()` resolves — so what a caller reports of
   * each input follows a build that succeeded, as it would from the result. An error it throws is
   * `build()`'s (the dataset is written by then). With `keepInputs: false`, the way to see each
   * input without the result holding them all.
   */
  onInput?: (summary: InputSummary, at: InputPosition) => void;
  /**
   * Whether the result lists every input's summary in `inputs` (default true). false: `inputs` is
   * empty and the build lets each summary go once `onInput` has had it, so a caller that reports
   * each input as it comes (the CLI) keeps nothing per input after the build; `totals` still
   * counts them all.
   */
  keepInputs?: boolean;
  /** The file-system seam: every write goes through it (tests inject ENOSPC); the build then stays on this thread. */
  fs?: WriteFs;
}

/** Where an input passed to {@link BuildOptions.onInput} stands among the build's inputs. */
export interface InputPosition {
  /** Its place in path order, from 0. */
  index: number;
  /** The build's (the shard's) inputs. */
  total: number;
  /** Links in the input folders that were not followed (the result's `refused`): known before the first input, for a report that names them first. */
  refused: readonly WalkProblem[];
}

/** An input's counts (its summary's `counts`). */
type InputCounts = InputSummary['counts'];

/**
 * Counts over every input of a build (of its shard), failed ones included: what the result's
 * `inputs` adds up to, kept whether or not `inputs` is ({@link BuildOptions.keepInputs}). Each of
 * an input's `counts` is summed (a failed input's are those of the record it could not keep).
 */
export interface BuildTotals extends InputCounts {
  inputs: number;
  /** Inputs that made a record (status ok). */
  records: number;
  failed: number;
}

/** Every one of an input's counts: the ones a summary has (one read from an older cache entry may have others). */
const COUNTS: readonly (keyof InputCounts)[] = ['months', 'items', 'references', 'referencesWithDoi', 'entities', 'errors', 'warnings', 'infos'];

/** Totals of no input. */
function noTotals(): BuildTotals {
  return { inputs: 0, records: 0, failed: 0, months: 0, items: 0, references: 0, referencesWithDoi: 0, entities: 0, errors: 0, warnings: 0, infos: 0 };
}

/** Adds an input to totals (its summary's status and counts: a worker's input has its summary's head only while it settles). */
function addTo(totals: BuildTotals, summary: Pick<InputSummary, 'status' | 'counts'>): void {
  totals.inputs++;
  if (summary.status === 'ok') totals.records++;
  else totals.failed++;
  for (const key of COUNTS) totals[key] += summary.counts[key];
}

/** What a build did. */
export interface BuildResult extends OutputReport {
  outDir: string;
  /** Every input of this build (of this shard), in path order; empty when the build was asked not to keep them ({@link BuildOptions.keepInputs}). */
  inputs: InputSummary[];
  /** Counts over every input, `inputs` kept or not. */
  totals: BuildTotals;
  failed: number;
  /** Inputs whose entry came from the cache, and inputs ingested. */
  reused: number;
  computed: number;
  /** How many worker threads ingested (0: in the main thread). */
  threads: number;
  /** Links in the input folders that were not followed. */
  refused: WalkProblem[];
  /** Why the cache state could not be saved after the dataset was written, or null. */
  cacheProblem: string | null;
}

/** Each value of `values`, through `f`. */
function* mapped<T, U>(values: Iterable<T>, f: (value: T) => U): Generator<U> {
  for (const value of values) yield f(value);
}

/** The search entry of a record in the dataset folder (one a build reused), or null when it cannot be read. */
function searchOfRecord(root: string, id: string) {
  try {
    const read = readPlainFile(join(root, 'articles', `${id}.json`), 1 << 30);
    return read.bytes ? searchEntry(JSON.parse(read.bytes.toString('utf8')) as ArticleRecord) : null;
  } catch {
    return null;
  }
}

/**
 * Writes (or checks) a file made a piece at a time, unless it is unchanged since it was made from
 * `source`. A null `source` is known only once the file is made (`sourceAfter`, from what `seen`
 * was shown of each piece): the file is then made once, and dropped if unchanged. Each piece is
 * hashed and written before the next is asked for, so a piece of bytes may be a view of a buffer
 * its maker fills again for the next (changes.json's and the review index's).
 */
async function streamFile(writer: DatasetWriter, rel: string, source: string | null, pieces: () => Iterable<string | Uint8Array>, seen?: (piece: string | Uint8Array) => void, sourceAfter?: () => string): Promise<void> {
  const sink = writer.table(rel, source);
  if (sink === null) return;
  try {
    for (const piece of pieces()) {
      seen?.(piece);
      sink.write(piece);
    }
  } catch (error) {
    // Its descriptor closed all the same; the build fails, and nothing is committed.
    await sink.close(source ?? '').catch(() => undefined);
    throw error;
  }
  await sink.close(source ?? sourceAfter?.() ?? '');
}

/**
 * Writes (or checks) the manifest made a piece at a time by `pieces` (the rows read back one by one)
 * and returns its key (the hash of the config and its text): its text (~3 KB an input) is never
 * whole in memory. Made once, staged as it is hashed, and dropped when the file in place has that
 * key, as changes.json (BENCHMARKS.md, "Change 31: a build holds almost nothing per input").
 */
async function writeManifest(writer: DatasetWriter, config: string, pieces: () => Iterable<string>): Promise<string> {
  // Both follow from the manifest's content (and the code, in the config key); the index from the changes too.
  const hash = createHash('sha256').update(config);
  let key: string | null = null;
  const keyOf = () => (key ??= hash.digest('hex'));
  // Through a table's sink, 64 KB at a time: encoded whole, it grew this thread's UTF-8 scratch
  // buffer to three bytes a character of it (src/io/utf8.ts, SCRATCH_MAX_BYTES).
  await streamFile(writer, 'manifest.json', null, pieces, (piece) => hash.update(piece), keyOf);
  return keyOf();
}

/**
 * Builds (or checks) a dataset in four steps. Plan: walk the inputs, plan every id, take this
 * shard, key each input by content. Run: reuse cached entries whose key is unchanged, ingest the
 * rest on a worker pool, in id order through a bounded window. Emit: stream each table's rows
 * (the registry in tables.ts) as inputs settle. Finish: the manifest (which lists every file of
 * the dataset), the change view (changes.json) and the review index, then one commit swaps the staged files in and deletes the
 * old dataset's files this one no longer has; then the cache state. Any failure before the
 * commit leaves the previous dataset as it was. Memory holds a few hundred bytes per input while
 * the inputs run and less at the finish (each summary is set aside, and read back by its place
 * when a row or a callback needs it), never the records.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const { pipeline } = options;
  const outDir = resolve(options.outDir ?? pipeline.out);
  const check = options.check === true;
  const concurrency = options.concurrency ?? availableParallelism();
  const writer = await DatasetWriter.open(outDir, { mode: check ? 'check' : 'write', command: 'build', fs: options.fs });
  let cache: EntryStore | null = null;
  let ledger: Ledger<LedgerEntry> | null = null;
  let rowLedger: Ledger<null> | null = null;
  let indexRowLedger: Ledger<null> | null = null;
  // The pool's threads ending, once every input has settled: awaited before the build returns or as it fails.
  let closing: Promise<void> | null = null;
  try {
    const config = configFingerprint(pipeline);
    const cacheDir = options.cacheDir === undefined ? join(writer.root, '.cache') : options.cacheDir;
    cache = cacheDir === null ? null : EntryStore.open(cacheDir, { inOutput: options.cacheDir === undefined, write: !check, fs: options.fs, outDir: writer.root });
    const state: BuildState = cache?.loadState(config) ?? emptyState(config);
    writer.remember(state.outputs);
    // The ids inputs keep: from the folder's manifest, read once with what the writer owns, when the ids come from this folder.
    const idsFrom = options.idsFrom === undefined ? (options.shard ? resolve(pipeline.out) : outDir) : options.idsFrom;
    // Made as the plan asks, held by no variable here: a suspended build keeps its variables, and
    // the map (an input's path and id, ~0.2 KB) is not asked for again.
    const remembered = () => (idsFrom === null ? new Map<string, string>() : idsFrom === outDir ? writer.rememberedIds() : rememberedIds(idsFrom.endsWith('.json') ? idsFrom : join(idsFrom, 'manifest.json')));
    // The change view compares with what the dataset in the folder recorded (nothing, on a first build).
    // Read only when asked, if the state describes the file in place.
    const previous = PreviousBuild.read(writer.root, (rel) => writer.owns(rel), (rel) => writer.madeHere(rel), state.changes);
    // While that file is in place, a same-key input's change is the one the state kept.
    const keptChange = previous.trusted && state.changes !== undefined ? (path: string, key: string) => (state.inputs[path]?.key === key ? (state.inputs[path]!.change ?? null) : null) : undefined;
    const next: BuildState = { format: state.format, config, inputs: {}, outputs: {} };

    // Plan.
    // A build whose last state knows none of its inputs (a first build, the state lost) will
    // ingest them all — even cache hits: with no state, no record or page is known to be in
    // place — so its pool starts as soon as the inputs are counted, and its workers load while
    // the inputs are hashed (BENCHMARKS.md, "the serial head and tail of a two-worker build").
    let early: Runner | null = null;
    const startEarly = async (selected: readonly PlannedInput[]) => {
      if (options.fs === undefined && Object.keys(state.inputs).length === 0 && runnerThreads(concurrency, selected.length) >= 2) early = await createRunner(pipeline, concurrency, selected.length);
    };
    let plan: BuildPlan;
    try {
      plan = await planBuild(pipeline, config, state, cache, { shard: options.shard, followLinks: options.followLinks, remembered: remembered(), beforeKeys: startEarly });
    } catch (error) {
      await (early as Runner | null)?.close();
      throw error;
    }
    let misses = 0;
    for (let index = 0; index < plan.inputs.count; index++) if (plan.inputs.hit(index) === null) misses++;
    const runner = (early as Runner | null) ?? (await createRunner(pipeline, concurrency, misses, options.fs));

    // Run and emit: the tables are streamed as the inputs settle, in id order.
    const planned = tablesSource(plan);
    const sinks: (TableSink | null)[] = TABLES.map((t) => writer.table(t.name, planned));
    const totals: Totals = { items: 0, references: 0, entities: 0 };
    // What the end needs of each article waits in the staging folder, not in memory, in id order
    // (the order inputs settle in): its summary; its search entry, unless made into the index's
    // text as it settles (searchNow, below); its change, written out as it settles.
    const searchEntries = new SetAside<SearchEntry>(writer.scratch('search.jsonl'), options.fs ?? realFs);
    ledger = new Ledger<LedgerEntry>(writer.scratch('summaries.jsonl'), options.fs ?? realFs);
    // Beside it, each input's manifest row as its thread made it (run.ts, RunContext.rows).
    rowLedger = new Ledger<null>(writer.scratch('rows.jsonl'), options.fs ?? realFs);
    // And its row of the review index as its thread wrote it — only into a file: in check mode,
    // which writes nothing, each row is written from its manifest row at the end, not held.
    const indexRowFile = pipeline.write?.report !== false ? writer.scratch('index-rows.txt') : null;
    if (indexRowFile !== null) indexRowLedger = new Ledger<null>(indexRowFile, options.fs ?? realFs);
    const stagedFile = writer.scratch('staged.jsonl');
    // Short texts (a file's name and source): a small buffer (SetAside's chunkBytes says why).
    if (stagedFile !== null) writer.setAsideStaged(new SetAside<[string, string, string?]>(stagedFile, options.fs ?? realFs, 1 << 13));
    // Counted as the inputs are emitted: the manifest's totals, the index's and the result's.
    const counted = noTotals();
    // Reused articles (their indexes) whose search entry was not read with their rows: the index finds theirs at the end.
    const searchLater = new Set<number>();
    const report = pipeline.write?.report !== false;
    const needRows = sinks.some((s) => s !== null);
    // The review index's search data, encoded a line at a time into the staging folder (never parsed again).
    const textAside = (name: string, chunkBytes?: number): TextAside => {
      const aside = new SetAside<never>(writer.scratch(name), options.fs ?? realFs, chunkBytes);
      return { add: (line, rest) => aside.addText(line, rest), lines: () => aside.texts(), lineBytes: () => aside.textBytes() };
    };
    // Its concept pairs too, a line an article, read back at the finish when the workers are gone
    // (BENCHMARKS.md, "the review index's concept pairs spooled"); in check mode, which writes
    // nothing, they stay in memory as pairs, smaller than their lines. Lines of ~0.5 KB: a 16 KB chunk.
    const spooled = writer.scratch('search-concepts.txt') !== null;
    let searchIndex = report
      ? new SearchIndexText(jsonForScript, {
          articles: textAside('search-articles.txt'),
          items: textAside('search-items.txt'),
          references: textAside('search-references.txt'),
          ...(spooled && { concepts: textAside('search-concepts.txt', 1 << 14) }),
        })
      : null;
    // When the tables are written again, something changed and so will the index: each article's
    // part of its search data is made as its input settles, while the workers still run, not at
    // the end on this thread alone (BENCHMARKS.md, "the serial head and tail of a two-worker
    // build"). Otherwise (nothing changed, most likely) the entries wait, and only an index
    // that must be written again reads them, at the end.
    const searchNow = searchIndex !== null && needRows;
    // An ok article's search entry when it was not read with its rows: from the cache, else from its record in place.
    const searchOfReused = (index: number): SearchEntry | PreparedSearch | null => {
      const key = plan.inputs.key(index);
      return (key && cache?.meta(key)?.search) || searchOfRecord(writer.root, plan.inputs.id(index));
    };
    // changes.json is written out as the articles settle, into the staging folder (unless every
    // article carries its change); what the index shows of each change (its fact) waits there too.
    const settledChanges = new SettledChanges(previous, new TextSpool(writer.scratch('changes.txt'), options.fs ?? realFs));
    const changeFacts = new SetAside<ChangeFact>(writer.scratch('change-facts.jsonl'), options.fs ?? realFs);
    let outcome: RunOutcome;
    try {
      outcome = await runInputs({ pipeline, plan, runner, writer, cache, previous, ledger, rows: rowLedger, indexRows: indexRowLedger ?? undefined, needRows, onProgress: options.onProgress, prepare: searchNow, keptChange }, (settled) => {
        const { summary, rows } = settled;
        addTo(counted, summary);
        if (summary.status !== 'ok') return;
        totals.items += summary.counts.items;
        totals.references += summary.counts.references;
        totals.entities += summary.counts.entities;
        if (rows) TABLES.forEach((t, i) => sinks[i]?.write(rows[t.name] ?? ''));
        const prepared = settled.prepared;
        if (prepared) {
          // Made ready by the worker (searchNow asked for it): spliced in as its bytes are.
          if (prepared.change) {
            settledChanges.addText(prepared.change.head, prepared.change.text);
            changeFacts.add(prepared.change.fact);
          }
          if (prepared.search) searchIndex!.addPrepared(prepared.search);
          return;
        }
        if (settled.carried !== undefined) settledChanges.addCarried(settled.carried);
        else if (settled.change) {
          const change = typeof settled.change === 'string' ? (JSON.parse(settled.change) as ArticleChange) : settled.change;
          settledChanges.add(change);
          if (report && settled.fact === undefined) changeFacts.add(JSON.stringify(changeFact(change)));
        }
        if (report && settled.fact !== undefined) changeFacts.add(settled.fact);
        if (searchNow) {
          const search = typeof settled.search === 'string' ? (JSON.parse(settled.search) as SearchEntry) : (settled.search ?? searchOfReused(settled.index));
          if (search) searchIndex!.add(search);
        } else if (settled.search && typeof settled.search === 'string') searchEntries.add(settled.search);
        else searchLater.add(settled.index);
      });
    } catch (error) {
      await runner.close();
      throw error;
    }
    // Every input has settled: the workers have nothing left to do. They end while the finish
    // runs, not before it: ending one (its isolate and heap torn down, on its own thread) took
    // 150–200 ms of wall this thread only waited out, serially after the workers (BENCHMARKS.md,
    // change 237). Its failure is the build's, once the finish is done (said handled now, so that
    // no rejection goes unhandled while it runs).
    closing = runner.close();
    closing.catch(() => undefined);
    await closeTables(sinks, outcome.source);

    // Finish (the worker threads ending). Each input's summary is read back from the ledger when
    // a row or a callback needs it, one at a time, never all of them into memory.
    const { kinds } = outcome;
    const total = plan.inputs.count;
    // Each input's place in the ledger (id order), by its place in path order.
    const placeOf = plan.inputs.places();
    const read = ledger;
    const summaryAt = (index: number): InputSummary => read.get(placeOf[index]!).summary;
    const rowsRead = rowLedger;
    const indexRowsRead = indexRowLedger;
    // An input's manifest row: the text its thread made, else made from its summary.
    const rowTextAt = (index: number): ManifestInput | string => rowsRead.text(placeOf[index]!) ?? manifestRow(summaryAt(index));
    writer.expect(CHANGES);
    if (report) writer.expect('report/index.html');
    const manifestKey = await writeManifest(writer, config, () =>
      manifestPieces(pipeline.name, mapped(placeOf.keys(), rowTextAt), totals, writer.files(), options.shard ? { ...options.shard, plan: plan.planHash } : undefined),
    );
    // changes.json and the review index (7 and 12 MB at 1,000 articles) are written as streams,
    // made from what was set aside as they go, so the end of a build is flat in N
    // (BENCHMARKS.md, "Change: memory flat in N"). changes.json is made once: staged as it is
    // hashed for its key (and the index's), and dropped when the file in place has that key.
    // Made only for an index made again (it may read the previous file).
    const changeView = () => ({ ...settledChanges.view(), facts: () => changeFacts.values() });
    // A build whose every article carried its change over keeps the file in place, which this
    // code wrote: its key is the one the last build recorded (BENCHMARKS.md, "an incremental
    // build keeps changes.json"). Else the file is made, its articles as the spool holds them,
    // UTF-8: hashed and written without being decoded and encoded again.
    const keptKey = settledChanges.sameAsPrevious() ? writer.sourceOf(CHANGES) : null;
    let changesKey: string;
    if (keptKey !== null && writer.unchanged(CHANGES, keptKey)) changesKey = keptKey;
    else {
      const changesHash = createHash('sha256');
      let made: string | null = null;
      const keyOf = () => (made ??= changesHash.digest('hex'));
      await streamFile(writer, CHANGES, null, () => settledChanges.pieces(true), (piece) => changesHash.update(piece), keyOf);
      changesKey = keyOf();
    }
    // The index is made from the manifest and the changes, each known by its key.
    const indexKey = createHash('sha256').update(`${manifestKey}\0${changesKey}`).digest('hex');
    if (report) {
      // The staging folder's report/ may not exist yet (no page was made again).
      if (writer.placement.staging) {
        const folder = join(writer.placement.staging, 'report');
        try {
          (options.fs ?? realFs).mkdirSync(folder, { recursive: true });
        } catch (error) {
          throw fsFailure(error, 'write in', folder);
        }
      }
    // Unless made as the inputs settled: every article's search entry in id order (read once), as set aside, or for a reused article whose rows were not read, from the cache, else from its record in place.
      // Read through `searchIndex`, not a copy in this block: the build's last await is here, and
      // a suspended function keeps the block's variables as long as it lives (the index's
      // concepts, ~0.3 KB an input, while the inputs are handed over).
      const entries = function* (): Generator<SearchEntry | PreparedSearch> {
        const setAside = searchEntries.values();
        let place = 0;
        try {
          for (; place < kinds.length; place++) {
            if (kinds[place] === RowKind.Failed) continue;
            const index = plan.inputs.atPlace(place);
            if (!searchLater.has(index)) {
              yield setAside.next().value as SearchEntry;
              continue;
            }
            const entry = searchOfReused(index);
            if (entry) yield entry;
          }
        } finally {
          // Read a value at a time, the set-aside file's reader would otherwise stay suspended
          // after its last line, its descriptor open (one a build, in a process that builds again and again).
          setAside.return(undefined);
        }
      };
      const page = function* (): Generator<string | Uint8Array> {
        if (!searchNow) for (const entry of entries()) searchIndex!.add(entry);
        yield* indexPageText(indexRows(read, rowsRead, indexRowsRead, kinds, counted, (place) => plan.inputs.id(plan.inputs.atPlace(place))), pipeline.name, { changes: changeView(), search: searchIndex, searchBytes: true });
      };
      await streamFile(writer, 'report/index.html', indexKey, page);
    }
    // The rows are read: their ledgers' windows (32 KB each) are let go, not held through the hand-over.
    rowLedger.close();
    indexRowLedger?.close();
    next.changes = settledChanges.summary();
    // The last moment to say that a file the pipeline read was saved during the build.
    stopIfSavedSinceLoad(pipeline);
    // The state and the hand-over read the summaries after the commit has removed the staging folder.
    read.open();
    const changes = writer.commit(true);
    next.outputs = writer.takeOutputs();
    // The dataset is in place: the cache only saves work next time, so failing to save it
    // (a disk that filled up just now) is said, not fatal — the next build hashes again.
    // An entry a thread could not store (the disk filled up) is a miss next time: said, not fatal.
    let cacheProblem: string | null = outcome.cacheProblem;
    if (!check && cache) {
      const store = cache;
      const attempt = (step: () => void) => {
        try {
          step();
        } catch (error) {
          if (!(error instanceof OutputError)) throw error;
          cacheProblem ??= error.message;
        }
      };
      attempt(() => {
        // Each input's key, gathered as its state is read back for the state file: each summary
        // read back once, not again for the keys (BENCHMARKS.md, change 237).
        const gathered: GatheredKeys = { keys: new Set(), complete: false };
        if (!sameState(state, next, plan, placeOf, read)) store.saveStateFrom(next, () => stateTexts(plan, placeOf, read, gathered));
        // Shards may share a cache folder: only a full build knows which entries are unused.
        // Asked only where a pack of an earlier build is looked into (none on a first build).
        if (!options.shard) store.prune(() => (gathered.complete ? gathered.keys : keysOf(read)));
      });
      // The index of each pack this build wrote (after prune, which may copy entries into one):
      // written even when the state could not be, so the next build reads indexes, not packs.
      attempt(() => store.seal());
    }
    // Saved: what the next build will know of each input, and what the plan knew, are let go before the inputs are handed over.
    next.outputs = {};
    // Nor are the plan's inputs (each one's path, id, identity and key) asked for again: each
    // input handed over is read back from the ledger by its place (BENCHMARKS.md, "let go before the inputs are handed over").
    plan.inputs = PlanTable.none;
    // An incremental build's too: the last build's state (each input's summary, key and files:
    // ~4 KB an input) and its changes.json as read (~7 KB an article) are not asked for again.
    state.inputs = {};
    state.outputs = {};
    previous.letGo();
    searchIndex = null;
    // Each input's summary, in path order, read back for the caller; into the result only when asked.
    const keep = options.keepInputs !== false;
    const inputs: InputSummary[] = [];
    if (keep || options.onInput) {
      for (let index = 0; index < total; index++) {
        const summary = summaryAt(index);
        if (keep) inputs.push(summary);
        options.onInput?.(summary, { index, total, refused: plan.problems });
      }
    }
    await closing;
    // The files changed stay held by stem until read (file-names.ts): a spread would make their names.
    return withChanged(changes, {
      outDir,
      inputs,
      totals: counted,
      failed: counted.failed,
      reused: total - outcome.computed,
      computed: outcome.computed,
      threads: runner.threads,
      refused: plan.problems,
      cacheProblem,
    });
  } finally {
    ledger?.close();
    rowLedger?.close();
    indexRowLedger?.close();
    cache?.close();
    writer.abort();
    // A finish that failed: the pool's threads gone before the build's error is thrown, as they were before the finish began.
    await (closing as Promise<void> | null)?.catch(() => undefined);
  }
}

/**
 * Throws DataFileChangedError naming the first file the pipeline's load read (the pipeline file,
 * then its data files) that would give other records now (`savedSinceLoad`: the pipeline file's
 * settings, a data file's bytes): the build stops before its commit, the previous
 * dataset as it was. Its records were all made from the bytes read at the start (the workers
 * checked theirs: worker.ts), but a save before a worker's check stops a build, and a save at any
 * other moment of it must too: one outcome for one act, whenever it falls, and the dataset in
 * place never older than its files without a word. A rerun costs nothing a next build would not:
 * the cache keys moved with the bytes. Six `fstat`s; a file's bytes hashed only if its identity moved.
 */
function stopIfSavedSinceLoad(pipeline: Pipeline): void {
  const changed = savedSinceLoad(pipeline);
  if (changed !== undefined) throw new DataFileChangedError(`${changed.file}: changed since the build loaded it (its records were made from the bytes before): run the command again`);
}

/**
 * Closes the tables' sinks, each let go as it closes: a sink's buffer (128 KB) stayed held by the
 * build's list of them to its return, three of them through the hand-over (BENCHMARKS.md, change
 * 190). A function of its own, so that no frame of the build's keeps the last one it closed.
 */
async function closeTables(sinks: (TableSink | null)[], source: string): Promise<void> {
  for (let i = 0; i < sinks.length; i++) {
    const sink = sinks[i];
    sinks[i] = null;
    await sink?.close(source);
  }
}

/**
 * The review index's rows, read back from the ledger as the page is written: records in id
 * order (the ledger's), then failed inputs by path — the order {@link indexPageText} sorts an
 * array of rows in. Only a record under an id other than its plan's (which its key rules out)
 * has the rows sorted whole. A row its thread wrote (`written`) is spliced as it is, the id of a
 * record in its plan's place (`idAt`) telling its change; else the row its thread made as text
 * (`rows`) is parsed, not the summary.
 */
function indexRows(ledger: Ledger<LedgerEntry>, rows: Ledger<null>, written: Ledger<null> | null, kinds: Uint8Array, totals: BuildTotals, idAt: (place: number) => string): IndexRows {
  const rowAt = (place: number): IndexRow => {
    const text = rows.text(place);
    return text === null ? manifestRow(ledger.get(place).summary) : (JSON.parse(text) as ManifestInput);
  };
  const placedRowAt = (place: number): IndexRow | IndexRowCells => {
    const cells = written?.textBytes(place) ?? null;
    return cells === null ? rowAt(place) : { id: kinds[place] === RowKind.Planned ? idAt(place) : null, cells };
  };
  const ordered = function* (): Generator<IndexRow | IndexRowCells> {
    if (kinds.includes(RowKind.Other)) {
      yield* sortIndexRows(mapped(kinds.keys(), rowAt));
      return;
    }
    const failed: [path: string, place: number][] = [];
    for (let place = 0; place < kinds.length; place++) {
      if (kinds[place] === RowKind.Planned) yield placedRowAt(place);
      else failed.push([ledger.get(place).summary.path, place]);
    }
    failed.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [, place] of failed) yield placedRowAt(place);
  };
  return { count: kinds.length, ok: totals.records, ordered };
}

/** The cache keys {@link stateTexts} met, and whether it met every input (it read to its end). */
interface GatheredKeys {
  keys: Set<string>;
  complete: boolean;
}

/**
 * Each input's path and the JSON text of its next state (its summary inside), in path order, from
 * the ledger: none for an input never cached. Each state's key is added to `gathered` as it is
 * read ({@link keysOf}'s set, once every input is read).
 */
function* stateTexts(plan: BuildPlan, placeOf: Uint32Array, ledger: Ledger<LedgerEntry>, gathered?: GatheredKeys): Generator<readonly [string, string]> {
  const byPath = Uint32Array.from(placeOf.keys());
  // Path order is the walk's (sorted as strings already): sorted again only if not.
  const path = (index: number) => plan.inputs.path(index);
  if (!byPath.every((index, at) => at === 0 || path(byPath[at - 1]!) < path(index))) byPath.sort((a, b) => (path(a) < path(b) ? -1 : path(a) > path(b) ? 1 : 0));
  for (const index of byPath) {
    const place = placeOf[index]!;
    // A text set aside is the state's own text (JSON.stringify of the same entry); an object is made into it.
    const text = ledger.text(place);
    if (text !== null) {
      if (text.startsWith('{"stat":')) {
        gathered?.keys.add(keyOfStateText(text));
        yield [path(index), text];
      }
      continue;
    }
    const entry = ledger.get(place);
    if (entry.key !== undefined) {
      gathered?.keys.add(entry.key);
      yield [path(index), JSON.stringify(entry)];
    }
  }
  if (gathered) gathered.complete = true;
}

/**
 * Whether the next state is the one loaded, told by its parts (every input reused with the very
 * summary and change the state had, no other, the same outputs and changes.json), not by making
 * its text (3.3 MB at 1,000 articles) to hash.
 */
function sameState(state: BuildState, next: BuildState, plan: BuildPlan, placeOf: Uint32Array, ledger: Ledger<LedgerEntry>): boolean {
  if (!ownState(state)) return false;
  if (next.changes?.revision !== state.changes?.revision || next.changes?.articles !== state.changes?.articles) return false;
  const paths = Object.keys(state.inputs);
  if (paths.length !== plan.inputs.count) return false;
  for (let index = 0; index < plan.inputs.count; index++) {
    const place = placeOf[index]!;
    if (ledger.text(place) !== null) return false;
    const entry = ledger.get(place);
    const before = state.inputs[plan.inputs.path(index)];
    if (before === undefined || entry.summary !== before.summary || entry.stat !== before.stat || entry.key !== before.key || entry.sha256 !== before.sha256 || (entry as InputState).change !== before.change) return false;
  }
  const outputs = Object.keys(next.outputs);
  if (outputs.length !== Object.keys(state.outputs).length) return false;
  return outputs.every((rel) => next.outputs[rel] === state.outputs[rel]);
}

/** The cache key of every input the ledger has a state of (what a full build keeps of the cache). */
function keysOf(ledger: Ledger<LedgerEntry>): Set<string> {
  const keys = new Set<string>();
  for (let place = 0; place < ledger.size; place++) {
    const text = ledger.text(place);
    if (text === null) {
      const key = ledger.get(place).key;
      if (key !== undefined) keys.add(key);
    } else if (text.startsWith('{"stat":')) keys.add(keyOfStateText(text));
  }
  return keys;
}

/** The cache key of a state's text as the ledger holds it (`{"stat":…,"key":…,"summary":…}`): its members before its summary, parsed without the summary. */
function keyOfStateText(text: string): string {
  return (JSON.parse(`${text.slice(0, text.indexOf(',"summary":'))}}`) as { key: string }).key;
}
