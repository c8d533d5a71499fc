import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import type { Pipeline } from '../core/pipeline.js';
import { OutputError } from '../io/errors.js';
import { realFs, type WriteFs } from '../io/fs.js';
import type { WalkProblem } from '../io/inputs.js';
import type { ArticleRecord } from '../generated/article.js';
import type { ArticleChange } from '../generated/changes.js';
import type { ManifestInput } from '../generated/manifest.js';
import { readPlainFile } from '../io/files.js';
import { changeFact, indexPageText, type ChangeFact } from '../report/html/index.js';
import { jsonForScript } from '../report/html/html.js';
import { searchEntry, SearchIndexText, type SearchEntry, type TextAside } from '../report/html/search.js';
import { emptyState, EntryStore, type BuildState } from './cache.js';
import { CHANGES, PreviousBuild, SettledChanges } from './changes.js';
import type { InputSummary } from './entry.js';
import { rememberedIds } from './ids.js';
import { configFingerprint } from './keys.js';
import { manifestRow, manifestText, type Totals } from './manifest.js';
import { planBuild, tablesSource, type BuildPlan, type Shard } from './plan.js';
import { runInputs, type RunOutcome } from './run.js';
import { SetAside, TextSpool } from './set-aside.js';
import { createRunner, runnerThreads, type Runner } from './runner.js';
import type { PlannedInput } from './ids.js';
import { TABLES } from './tables.js';
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

/** Adds an input to totals. */
function addTo(totals: BuildTotals, summary: InputSummary): void {
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
 * was shown of each piece): the file is then made once, and dropped if unchanged.
 */
async function streamFile(writer: DatasetWriter, rel: string, source: string | null, pieces: () => Iterable<string>, seen?: (piece: string) => void, sourceAfter?: () => string): Promise<void> {
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
 * Writes (or checks) the manifest `make` makes and returns its key (the hash of the config and its
 * text). Its text (~3 KB an input) lives in this call only, not in the frame of the build's finish, which
 * would hold it to the end (BENCHMARKS.md, "Change: a build keeps nothing per input it does not need").
 */
async function writeManifest(writer: DatasetWriter, config: string, make: () => string): Promise<string> {
  const text = make();
  // Both follow from the manifest's content (and the code, in the config key); the index from the changes too.
  const key = createHash('sha256').update(config).update(text).digest('hex');
  // Through a table's sink, 64 KB at a time, as changes.json: encoded whole, it grew this thread's
  // UTF-8 scratch buffer to three bytes a character of it (src/io/utf8.ts, SCRATCH_MAX_BYTES).
  await streamFile(writer, 'manifest.json', key, function* () {
    for (let at = 0; at < text.length; at += 1 << 16) yield text.slice(at, at + (1 << 16));
  });
  return key;
}

/**
 * Builds (or checks) a dataset in four steps. Plan: walk the inputs, plan every id, take this
 * shard, key each input by content. Run: reuse cached entries whose key is unchanged, ingest the
 * rest on a worker pool, in id order through a bounded window. Emit: stream each table's rows
 * (the registry in tables.ts) as inputs settle. Finish: the manifest (which lists every file of
 * the dataset), the change view (changes.json) and the review index, then one commit swaps the staged files in and deletes the
 * old dataset's files this one no longer has; then the cache state. Any failure before the
 * commit leaves the previous dataset as it was. Memory holds a few hundred bytes per input while
 * the inputs run (each summary is set aside until the finish), never the records.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const { pipeline } = options;
  const outDir = resolve(options.outDir ?? pipeline.out);
  const check = options.check === true;
  const concurrency = options.concurrency ?? availableParallelism();
  const writer = await DatasetWriter.open(outDir, { mode: check ? 'check' : 'write', command: 'build', fs: options.fs });
  let cache: EntryStore | null = null;
  try {
    const config = configFingerprint(pipeline);
    const cacheDir = options.cacheDir === undefined ? join(writer.root, '.cache') : options.cacheDir;
    cache = cacheDir === null ? null : EntryStore.open(cacheDir, { inOutput: options.cacheDir === undefined, write: !check, fs: options.fs, outDir: writer.root });
    const state: BuildState = cache?.loadState(config) ?? emptyState(config);
    writer.remember(state.outputs);
    // The change view compares with what the dataset in the folder recorded (nothing, on a first build).
    const previous = PreviousBuild.read(writer.root);
    const next: BuildState = { format: state.format, config, inputs: {}, outputs: {} };

    // Plan.
    const idsFrom = options.idsFrom === undefined ? (options.shard ? resolve(pipeline.out) : outDir) : options.idsFrom;
    const remembered = idsFrom === null ? new Map<string, string>() : rememberedIds(idsFrom.endsWith('.json') ? idsFrom : join(idsFrom, 'manifest.json'));
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
      plan = await planBuild(pipeline, config, state, cache, { shard: options.shard, followLinks: options.followLinks, remembered, beforeKeys: startEarly });
    } catch (error) {
      await (early as Runner | null)?.close();
      throw error;
    }
    const misses = [...plan.byPath.values()].filter((p) => p.hit === null).length;
    const runner = (early as Runner | null) ?? (await createRunner(pipeline, concurrency, misses, options.fs));

    // Run and emit: the tables are streamed as the inputs settle, in id order.
    const planned = tablesSource(plan);
    const sinks: (TableSink | null)[] = TABLES.map((t) => writer.table(t.name, planned));
    const totals: Totals = { items: 0, references: 0, entities: 0 };
    // What the end needs of each article waits in the staging folder, not in memory, in id order
    // (the order inputs settle in): its summary; its search entry, unless made into the index's
    // text as it settles (searchNow, below); its change, written out as it settles.
    const searchEntries = new SetAside<SearchEntry>(writer.scratch('search.jsonl'), options.fs ?? realFs);
    const summariesAside = new SetAside<InputSummary>(writer.scratch('summaries.jsonl'), options.fs ?? realFs);
    // Reused articles whose search entry was not read with their rows: the index finds theirs at the end.
    const searchLater = new Set<string>();
    const report = pipeline.write?.report !== false;
    const needRows = sinks.some((s) => s !== null);
    // The review index's search data, encoded a line at a time into the staging folder (never parsed again).
    const textAside = (name: string): TextAside => {
      const aside = new SetAside<never>(writer.scratch(name), options.fs ?? realFs);
      return { add: (line) => aside.add(line), lines: () => aside.texts() };
    };
    const searchIndex = report ? new SearchIndexText(jsonForScript, { articles: textAside('search-articles.txt'), items: textAside('search-items.txt'), references: textAside('search-references.txt') }) : null;
    // When the tables are written again, something changed and so will the index: each article's
    // part of its search data is made as its input settles, while the workers still run, not at
    // the end on this thread alone (BENCHMARKS.md, "the serial head and tail of a two-worker
    // build"). Otherwise (nothing changed, most likely) the entries wait, and only an index
    // that must be written again reads them, at the end.
    const searchNow = searchIndex !== null && needRows;
    // An ok article's search entry when it was not read with its rows: from the cache, else from its record in place.
    const searchOfReused = (path: string): SearchEntry | null => {
      const planned = plan.byPath.get(path)!;
      return (planned.key && cache?.meta(planned.key)?.search) || searchOfRecord(writer.root, planned.input.id);
    };
    // changes.json is written out as the articles settle (it is made every build: its key is its
    // own hash), into the staging folder; what the index shows of each change waits there too —
    // made now when the index will be made again (see searchNow), else each change as it came,
    // for an index that turns out to need making.
    const settledChanges = new SettledChanges(previous, new TextSpool(writer.scratch('changes.txt'), options.fs ?? realFs));
    const changeFacts = new SetAside<ChangeFact>(writer.scratch('change-facts.jsonl'), options.fs ?? realFs);
    const changesLater = new SetAside<ArticleChange>(writer.scratch('changes.jsonl'), options.fs ?? realFs);
    let outcome: RunOutcome;
    try {
      outcome = await runInputs({ pipeline, plan, runner, writer, cache, next, previous, summaries: summariesAside, needRows, onProgress: options.onProgress }, (settled) => {
        const { summary, rows } = settled;
        if (summary.status !== 'ok') return;
        totals.items += summary.counts.items;
        totals.references += summary.counts.references;
        totals.entities += summary.counts.entities;
        if (rows) TABLES.forEach((t, i) => sinks[i]?.write(rows[t.name] ?? ''));
        if (settled.change) {
          const change = typeof settled.change === 'string' ? (JSON.parse(settled.change) as ArticleChange) : settled.change;
          settledChanges.add(change);
          if (searchNow) changeFacts.add(JSON.stringify(changeFact(change)));
          else if (report) changesLater.add(settled.change);
        }
        if (searchNow) {
          const search = typeof settled.search === 'string' ? (JSON.parse(settled.search) as SearchEntry) : (settled.search ?? searchOfReused(summary.path));
          if (search) searchIndex!.add(search);
        } else if (settled.search) searchEntries.add(settled.search);
        else searchLater.add(summary.path);
      });
    } finally {
      await runner.close();
    }
    for (const sink of sinks) await sink?.close(outcome.source);

    // Finish (the worker threads are gone: the summaries set aside come back into memory here).
    const summaries = outcome.summaries();
    // The manifest's rows, which the review index lists too: let go once it is made.
    let rows: ManifestInput[] | null = plan.selected.map((p) => manifestRow(summaries.get(p.path)!));
    writer.expect(CHANGES);
    if (report) writer.expect('report/index.html');
    const manifestKey = await writeManifest(writer, config, () => manifestText(pipeline.name, rows!, totals, writer.files(), options.shard ? { ...options.shard, plan: plan.planHash } : undefined));
    // changes.json and the review index (7 and 12 MB at 1,000 articles) are written as streams,
    // made from what was set aside as they go, so the end of a build is flat in N
    // (BENCHMARKS.md, "Change: memory flat in N"). changes.json is made once: staged as it is
    // hashed for its key (and the index's), and dropped when the file in place has that key.
    const changeView = { ...settledChanges.view(), facts: searchNow ? () => changeFacts.values() : () => mapped(changesLater.values(), changeFact) };
    const changesHash = createHash('sha256');
    const indexHash = createHash('sha256').update(manifestKey);
    await streamFile(writer, CHANGES, null, () => settledChanges.text(), (piece) => {
      changesHash.update(piece);
      indexHash.update(piece);
    }, () => changesHash.digest('hex'));
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
      const index = searchIndex!;
      const entries = function* (): Generator<SearchEntry> {
        const setAside = searchEntries.values();
        try {
          for (const input of plan.ordered) {
            const summary = summaries.get(input.path)!;
            if (summary.status !== 'ok') continue;
            if (!searchLater.has(input.path)) {
              yield setAside.next().value as SearchEntry;
              continue;
            }
            const entry = searchOfReused(input.path);
            if (entry) yield entry;
          }
        } finally {
          // Read a value at a time, the set-aside file's reader would otherwise stay suspended
          // after its last line, its descriptor open (one a build, in a process that builds again and again).
          setAside.return(undefined);
        }
      };
      const page = function* (): Generator<string> {
        if (!searchNow) for (const entry of entries()) index.add(entry);
        yield* indexPageText(rows!, pipeline.name, { changes: changeView, search: index });
      };
      await streamFile(writer, 'report/index.html', indexHash.digest('hex'), page);
    }
    rows = null;
    const changes = writer.commit(true);
    Object.assign(next.outputs, writer.outputs);
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
        store.saveState(next, state);
        // Shards may share a cache folder: only a full build knows which entries are unused.
        if (!options.shard) store.prune(new Set(Object.values(next.inputs).map((i) => i.key)));
      });
      // The index of each pack this build wrote (after prune, which may copy entries into one):
      // written even when the state could not be, so the next build reads indexes, not packs.
      attempt(() => store.seal());
    }
    // Saved: what the next build will know of each input is let go before the inputs are handed over.
    next.inputs = {};
    // Each input's summary, in path order, to the caller and into the totals; into the result only when asked.
    const keep = options.keepInputs !== false;
    const inputs: InputSummary[] = [];
    const counted = noTotals();
    const total = plan.selected.length;
    for (let index = 0; index < total; index++) {
      const summary = summaries.get(plan.selected[index]!.path)!;
      addTo(counted, summary);
      if (keep) inputs.push(summary);
      options.onInput?.(summary, { index, total, refused: plan.problems });
    }
    return {
      ...changes,
      outDir,
      inputs,
      totals: counted,
      failed: counted.failed,
      reused: plan.selected.length - outcome.computed,
      computed: outcome.computed,
      threads: runner.threads,
      refused: plan.problems,
      cacheProblem,
    };
  } finally {
    cache?.close();
    writer.abort();
  }
}
