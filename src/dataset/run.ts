import { createHash } from 'node:crypto';
import { DataFileChangedError } from '../core/data.js';
import type { Pipeline } from '../core/pipeline.js';
import { sha256 } from '../core/record.js';
import type { ArticleChange } from '../generated/changes.js';
import { OutputError } from '../io/errors.js';
import type { PreparedSearch, SearchEntry } from '../report/html/search.js';
import { changeFact } from '../report/html/index.js';
import type { EntryStore, InputState, KeptChange } from './cache.js';
import { carriedChange, pageSource, type PreviousBuild } from './changes.js';
import type { InputSummary } from './entry.js';
import type { PlannedInput } from './ids.js';
import { entryKey } from './keys.js';
import type { BuildPlan, InputPlan, PlanTable } from './plan.js';
import type { Runner } from './runner.js';
import type { TableRows } from './tables.js';
import type { Ledger } from './set-aside.js';
import type { DatasetWriter } from './writer.js';
import { bulkText, type EntryBulk, type PreparedBulk, type SentEntry, type SummaryHead } from './worker.js';
import { utf8Text } from '../io/utf8.js';

/**
 * One input settled: its summary, its rows when the tables need them, its change and search
 * entry when known — as JSON text when a thread ingested it (set aside as it is), as objects when
 * it was reused.
 */
export interface Settled {
  /** The input's index in the plan (its place in path order: {@link PlanTable}). */
  index: number;
  /** Its summary: the whole one when reused (the plan's) or when this thread made it; its head when a runner ingested it (the rest set aside as JSON). */
  summary: InputSummary | SummaryHead;
  rows: TableRows | null;
  /** The article's last change (null when the input failed, or when it is {@link Settled.carried}). */
  change: ArticleChange | string | null;
  /** The id whose previous entry the article carries, unread ({@link RunContext.keptChange}). */
  carried?: string;
  /** The index's `changeFact` of the change, as JSON, when known. */
  fact?: string;
  /**
   * What it adds to the search: JSON text when a thread ingested it, made ready for the index when
   * it was reused (the cache keeps it so); null when it failed, or when it was reused and its rows
   * were not read (the index finds it then).
   */
  search: SearchEntry | PreparedSearch | string | null;
  /** Its search entry and change made ready to splice, in place of `search` and `change`, when a worker made them so ({@link RunContext.prepare}). */
  prepared?: PreparedBulk | null;
}

/**
 * An input settled as it waits for its turn: for an input ingested, its rows, change and search
 * entry, its summary's and rows' texts stay with the runner (`bulk`: whether its rows are wanted)
 * until it is emitted, so they never settle a promise (runner.ts, Bulks).
 */
type Waiting = ((Omit<Settled, 'index' | 'summary'> & { summary: InputSummary; bulk?: undefined }) | { summary: SummaryHead; bulk: 'rows' | 'no-rows' }) & {
  /** The next build's state of the input but its summary (null: never cached), and its key. */
  state: InputStateBare | null;
};

/** The next build's state of an input, its summary aside. */
type InputStateBare = Omit<InputState, 'summary'>;

/**
 * What the build's ledger (set-aside.ts, {@link Ledger}) keeps of each input, at its place in id
 * order: the next build's state of it, its summary inside — the very text state.json holds for
 * it — or, for an input never cached (unreadable, crashed), its summary alone (no key).
 */
export type LedgerEntry = { summary: InputSummary } & (InputStateBare | { stat?: undefined; sha256?: undefined; key?: undefined });

/** How an input's row is placed among the review index's rows ({@link RunOutcome.kinds}). */
export const RowKind = {
  /** A record, with the id it was planned under: in id order, as the inputs settle. */
  Planned: 0,
  /** A record under another id (never seen: an id is part of the input's key): the rows are sorted. */
  Other: 1,
  /** No record: after the records, by path. */
  Failed: 2,
} as const;

/** What running the inputs gives back besides the rows streamed. */
export interface RunOutcome {
  /** Each input's {@link RowKind}, by its place in id order (a byte an input). */
  kinds: Uint8Array;
  /** Inputs ingested (not from the cache). */
  computed: number;
  /** What the tables were made from (ids, keys and outcomes), or '' when some input has no key. */
  source: string;
  /** Why a thread could not store a cache entry (the first such), or null. */
  cacheProblem: string | null;
}

/** What {@link runInputs} works with. */
export interface RunContext {
  pipeline: Pipeline;
  plan: BuildPlan;
  runner: Runner;
  writer: DatasetWriter;
  cache: EntryStore | null;
  /** The tables need every input's rows (false when they are unchanged). */
  needRows: boolean;
  /** What the build replaces recorded of each article: each page shows its change against it. */
  previous: PreviousBuild;
  /**
   * Where each input's summary and next state wait from its turn to the build's end (a file in the
   * staging folder), at its place in id order, read back one at a time by place.
   */
  ledger: Ledger<LedgerEntry>;
  /**
   * Where each input's manifest row waits as the manifest holds it (the text its thread made:
   * {@link Entry.manifestRow}), at its place in id order beside the ledger's; null for an input
   * whose row the finish makes from its summary (one reused, or whose thread crashed).
   */
  rows?: Ledger<null> | undefined;
  /**
   * Where each input's row of the review index waits as its thread wrote it ({@link Entry.indexRow}),
   * at its place in id order; null for an input whose row the finish writes from its manifest row.
   */
  indexRows?: Ledger<null> | undefined;
  onProgress?: ((done: number, total: number, summary: InputSummary) => void) | undefined;
  /** Ask the workers for each input's search entry and change made ready to splice ({@link Settled.prepared}): the build makes the index's search data as the inputs settle. */
  prepare?: boolean;
  /** The last state's change of the input at `path` under the same `key`, while the changes.json it describes is in place. */
  keptChange?: ((path: string, key: string) => KeptChange | null) | undefined;
}

/** A {@link KeptChange}, empty without review pages. */
function keptChange(report: boolean, page: () => string, fact: () => string): KeptChange {
  return report ? { page: page(), fact: fact() } : { page: '', fact: '' };
}

function crashed(input: PlannedInput, message: string): InputSummary {
  return {
    path: input.path, id: null, status: 'failed', sha256: sha256(new Uint8Array(0)), bytes: 0, encoding: 'unknown', format: 'text',
    title: null, titleEn: null, topic: null, period: null, months: [], missingMonths: [], outOfOrderMonths: [],
    counts: { months: 0, items: 0, references: 0, referencesWithDoi: 0, entities: 0, errors: 1, warnings: 0, infos: 0 },
    entityTypes: {},
    diagnostics: [{ severity: 'error', rule: 'stage-crashed', source: 'build', message, line: 1, column: 1 }],
    digest: null,
  };
}

/**
 * Settles every input in id order — a cache hit whose record and pages are in place (its page
 * showing the change the previous build recorded) is reused, any other ingested on the runner —
 * and hands each one's rows to `emit` in that order, a window bounding what is in flight; each
 * summary and next state set aside as emitted (a byte an input held). A file that cannot be
 * staged (a full disk) is an OutputError: the build failed, nothing committed or remembered.
 */
export async function runInputs(ctx: RunContext, emit: (settled: Settled) => void): Promise<RunOutcome> {
  const { plan, runner, writer, cache } = ctx;
  const inputs = plan.inputs;
  const report = ctx.pipeline.write?.report !== false;
  // Nothing is kept here by input: its summary (~2.5 KB of JSON) and next state are set aside as
  // it is emitted, and what the tables were made from is hashed then, in id order.
  const kinds = new Uint8Array(inputs.count);
  let settledCount = 0;
  // Every id of this build: an article whose id is new is compared with the entry its input had under an id no input has now.
  // Looked up in the plan's table (in id order), not held as a set of their own.
  const ids = { has: (id: string) => inputs.hasId(id) };
  let computed = 0;
  let cacheProblem: string | null = null;
  const cacheTarget = cache?.target(plan.config) ?? null;

  const ingest = async (p: InputPlan): Promise<Waiting> => {
    let entry: SentEntry;
    try {
      // An input that could not be read (or is over the limit) is reported each build, never cached.
      entry = await runner.run(p.input, writer.placement, ctx.previous.priorFor(p.input.id, p.input.path, ids), p.identity === null ? null : cacheTarget, ctx.prepare === true);
    } catch (error) {
      // Not this input's fault: the pipeline's files changed under the build (a worker read other
      // bytes than this thread's), and every input after it would be of the other version. The
      // build stops (exit 2), as `digest ingest` does (src/core/pipeline.ts, runStages).
      if (error instanceof DataFileChangedError) throw error;
      return { summary: crashed(p.input, `ingesting crashed: ${(error as Error).message}`), rows: null, change: null, search: null, state: null };
    }
    if (entry.failure !== undefined) throw new OutputError(entry.failure);
    computed++;
    // Where the thread put the entry: the index the build writes at its end lists it.
    if (entry.stored !== undefined && entry.key !== undefined) cache?.stored(entry.key, entry.stored);
    cacheProblem ??= entry.cacheProblem ?? null;
    const { summary } = entry;
    if (p.identity === null) return { summary, bulk: 'no-rows', state: null }; // unreadable or over the limit: never cached
    const bulk = runner.peek(p.input.path);
    // The thread that stored the cache entry made its key already (none without a writable cache).
    const key = entry.key ?? entryKey(plan.config, p.input.path, p.input.id, p.input.renamedFrom, summary.sha256);
    // The article page shows its change too: it is remembered as made from both (made by the worker when it had the key).
    const page = `report/${p.input.id}.html`;
    const prepared = bulk?.prepared?.change ?? null;
    const changeJson = bulkText(bulk?.changeJson);
    const source = prepared?.pageSource ?? pageSource(key, changeJson);
    for (const placed of entry.placed) writer.record(placed.rel === page ? source : key, placed);
    // What the next build knows of its change without reading changes.json.
    const made = summary.status === 'ok' && (prepared !== null || changeJson !== null) ? keptChange(report, () => source, () => (prepared ? utf8Text(prepared.fact) : JSON.stringify(changeFact(JSON.parse(changeJson!) as ArticleChange)))) : null;
    // The thread that ingested the input stored its cache entry under this same key (unless it said why not).
    // Changed while building: remembered without an identity, so it is hashed again next time. An
    // input the plan did not hash (plan.ts: no entry could match it) is keyed by the bytes the
    // thread read, after the plan took its identity: any change since then changes the identity,
    // so the pair is as safe as the plan's own. Unless it failed: its read may have failed, and
    // the hash is then the empty input's (a file unreadable for a while is read again next time).
    const stat = p.key === null ? (summary.status === 'ok' ? p.identity : '') : key === p.key ? p.identity : '';
    return { summary, bulk: 'rows', state: made === null ? { stat, sha256: summary.sha256, key } : { stat, sha256: summary.sha256, key, change: made } };
  };
  const settle = async (index: number): Promise<Waiting> => {
    const p = inputs.plan(index);
    const { input, hit } = p;
    if (hit === null || p.key === null) return ingest(p);
    let change: ArticleChange | null = null;
    let kept: KeptChange | null = null;
    if (hit.status === 'ok') {
      // The state knows the change its build left for this very entry in the changes.json in place.
      kept = ctx.keptChange?.(input.path, p.key) ?? null;
      if (kept === null) {
        // A reused article keeps the change the previous build recorded for its digest; if that
        // build recorded another digest (or none), its page must be made again.
        change = carriedChange(ctx.previous.priorFor(input.id, input.path, ids), hit.digest);
        if (change === null) return ingest(p);
        const known = change;
        kept = keptChange(report, () => pageSource(p.key!, known), () => JSON.stringify(changeFact(known)));
      }
      // A cached input whose record or pages are gone or edited is ingested again.
      const inPlace =
        writer.unchanged(`articles/${input.id}.json`, p.key) &&
        (!report || (writer.unchanged(`report/${input.id}.html`, kept.page) && writer.unchanged(`report/${input.id}.source.html`, p.key)));
      if (!inPlace) return ingest(p);
    }
    let rows: TableRows | null = null;
    let search: PreparedSearch | null = null;
    if (ctx.needRows && hit.status === 'ok') {
      // The rows as the cache holds them, UTF-8: written to the tables as they are.
      const reused = cache?.reused(p.key) ?? null;
      if (reused === null) return ingest(p);
      rows = reused.rows;
      // Made ready for the index, as a worker's is: taken only when the index is made as the inputs settle.
      if (ctx.prepare) search = reused.search;
    }
    const state: InputStateBare = kept === null ? { stat: p.identity!, sha256: hit.sha256, key: p.key } : { stat: p.identity!, sha256: hit.sha256, key: p.key, change: kept };
    const carried = kept !== null && change === null ? { carried: hit.id ?? input.id } : {};
    return { summary: hit, rows, change, search, ...carried, ...(kept === null || !report ? {} : { fact: kept.fact }), state };
  };

  const window = Math.max(8, runner.threads * 4);
  // The inputs in flight, by their place in id order modulo the window: a slot an input in flight,
  // where an array by place grew a slot an input for the whole run (8 bytes an input, holes and all).
  const pending: (Promise<Waiting> | undefined)[] = new Array<Promise<Waiting> | undefined>(window).fill(undefined);
  // An input's rows, change and search entry, from the bulk the runner held for it.
  const fromBulk = (waiting: Waiting & { bulk: 'rows' | 'no-rows' }, bulk: EntryBulk, index: number): Settled => {
    const prepared = bulk.prepared ?? null;
    return {
      index,
      summary: waiting.summary,
      rows: waiting.bulk === 'rows' ? bulk.rows : null,
      // A prepared change also sent its JSON when the worker had no key to make the page's source key with.
      change: prepared === null ? bulkText(bulk.changeJson) : null,
      search: bulkText(bulk.searchJson),
      prepared,
    };
  };
  // The whole summary of an input settled, for the progress callback: an input ingested has its
  // JSON with the runner until its turn (parsed only for a caller that asked for progress).
  const summaryOf = (waiting: Waiting, index: number): InputSummary =>
    waiting.bulk === undefined ? waiting.summary : (JSON.parse(bulkText(runner.peek(inputs.path(index))!.summaryJson)!) as InputSummary);
  // What the tables were made from, hashed as the inputs are emitted (in id order).
  const source = createHash('sha256').update(plan.config);
  let known = true;
  let launched = 0;
  try {
    for (let done = 0; done < inputs.count; done++) {
      while (launched < inputs.count && launched < done + window) {
        const index = inputs.atPlace(launched);
        const settling = settle(index).then((r) => {
          if (ctx.onProgress) ctx.onProgress(++settledCount, inputs.count, summaryOf(r, index));
          return r;
        });
        // Awaited in order below; until then a failure must not count as unhandled.
        settling.catch(() => undefined);
        pending[launched++ % window] = settling;
      }
      const settled = await pending[done % window]!;
      pending[done % window] = undefined;
      const index = inputs.atPlace(done);
      const id = inputs.id(index);
      const { summary, state } = settled;
      if (state === null) known = false;
      else source.update(`${id}\0${state.key}\0${summary.status}\0`);
      kinds[done] = summary.status !== 'ok' || !summary.id ? RowKind.Failed : summary.id === id ? RowKind.Planned : RowKind.Other;
      if (settled.bulk === undefined) {
        // A reused input's summary is the plan's (held anyway): its entry stays an object; one whose thread crashed is set aside as JSON text.
        const { summary: whole, rows, change, search, carried, fact } = settled;
        const entry: LedgerEntry = state === null ? { summary: whole } : { ...state, summary: whole };
        ctx.ledger.add(whole === inputs.hit(index) ? entry : JSON.stringify(entry));
        ctx.rows?.add(null);
        ctx.indexRows?.add(null);
        emit({ index, summary: whole, rows, change, search, ...(carried === undefined ? {} : { carried }), ...(fact === undefined ? {} : { fact }) });
        continue;
      }
      // One ingested: its summary's JSON (bytes from a worker) set aside as it came, inside its next
      // state's text — the text JSON.stringify({ ...state, summary }) makes, members in that order.
      const bulk = runner.take(inputs.path(index));
      if (bulk === undefined) throw new Error(`no bulk for ${inputs.path(index)}: the runner settled it without one`);
      ctx.ledger.addJoined(state === null ? '{"summary":' : `${JSON.stringify(state).slice(0, -1)},"summary":`, bulk.summaryJson, '}');
      ctx.rows?.add(bulk.manifestRow ?? null);
      ctx.indexRows?.add(bulk.indexRow ?? null);
      emit(fromBulk(settled, bulk, index));
    }
  } finally {
    // On failure, let what is in flight finish before the pool goes.
    await Promise.allSettled(pending.filter(Boolean));
  }
  return { kinds, computed, source: known ? source.digest('hex') : '', cacheProblem };
}
