import { createHash } from 'node:crypto';
import type { Pipeline } from '../core/pipeline.js';
import { sha256 } from '../core/record.js';
import type { ArticleChange } from '../generated/changes.js';
import { OutputError } from '../io/errors.js';
import type { SearchEntry } from '../report/html/search.js';
import type { BuildState, EntryStore, InputState } from './cache.js';
import { carriedChange, pageSource, type PreviousBuild } from './changes.js';
import type { Entry, InputSummary } from './entry.js';
import type { PlannedInput } from './ids.js';
import { entryKey } from './keys.js';
import type { BuildPlan, InputPlan } from './plan.js';
import type { Runner } from './runner.js';
import type { RecordRows } from './tables.js';
import type { SetAside } from './set-aside.js';
import type { DatasetWriter } from './writer.js';

/**
 * One input settled: its summary, its rows when the tables need them, its change and search
 * entry when known — as JSON text when a thread ingested it (set aside as it is), as objects when
 * it was reused.
 */
export interface Settled {
  summary: InputSummary;
  rows: RecordRows | null;
  /** The article's last change (null when the input failed). */
  change: ArticleChange | string | null;
  /** What it adds to the search; null when it failed, or when it was reused and its rows were not read (the index finds it then). */
  search: SearchEntry | string | null;
}

/**
 * An input settled as it waits for its turn: for an input ingested, its rows, change and search
 * entry stay with the runner (`bulk`: whether its rows are wanted) until it is emitted, so they
 * never settle a promise (runner.ts, Bulks).
 */
type Waiting = (Settled & { bulk?: undefined }) | { summary: InputSummary; bulk: 'rows' | 'no-rows' };

/** What running the inputs gives back besides the rows streamed. */
export interface RunOutcome {
  /**
   * Every input's summary, by path, read back from where they were set aside (and the next
   * build's state completed with them): called once, after the runner is closed, so that they
   * are in memory only once the worker threads are gone (BENCHMARKS.md, "memory flat in N, again").
   */
  summaries: () => Map<string, InputSummary>;
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
  /** The state the next build will read (filled here, input by input). */
  next: BuildState;
  /** The tables need every input's rows (false when they are unchanged). */
  needRows: boolean;
  /** What the build replaces recorded of each article: each page shows its change against it. */
  previous: PreviousBuild;
  /** Where each input's summary waits from its turn to the run's end (a file in the staging folder). */
  summaries: SetAside<InputSummary>;
  onProgress?: ((done: number, total: number, summary: InputSummary) => void) | undefined;
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
 * Settles every input in id order — a cache hit whose record and pages are still in place (and
 * whose page shows the change the previous build recorded) is reused, anything else is ingested
 * on the runner with what the previous build recorded of it — and hands each one's rows to `emit` in that
 * order. A window bounds what is in flight, and each input's summary is set aside as it is
 * emitted, so memory holds its status, never its record or, until the run ends, its summary. A file that cannot be staged (a full disk) stops the run with an OutputError: it is
 * the build that failed, not the input, and nothing is committed or remembered.
 */
export async function runInputs(ctx: RunContext, emit: (settled: Settled) => void): Promise<RunOutcome> {
  const { plan, runner, writer, cache, next } = ctx;
  const report = ctx.pipeline.write?.report !== false;
  // Only each input's status is kept here; its summary (~2.5 KB of JSON) is set aside as it is
  // emitted: while the run lasts (and the main thread's heap is at its largest), memory holds
  // what is in flight, not one summary per input.
  const statuses = new Map<string, InputSummary['status']>();
  // The next build's state for each input but its summary, which joins it when read back.
  const states = new Map<string, Omit<InputState, 'summary'>>();
  const keys = new Map<string, string | null>();
  // Every id of this build: an article whose id is new is compared with the entry its input had under an id no input has now.
  const ids = new Set(plan.ordered.map((i) => i.id));
  let computed = 0;
  let cacheProblem: string | null = null;
  const cacheTarget = cache?.target(plan.config) ?? null;

  const ingest = async (p: InputPlan): Promise<Waiting> => {
    let entry: Entry;
    try {
      // An input that could not be read (or is over the limit) is reported each build, never cached.
      entry = await runner.run(p.input, writer.placement, ctx.previous.priorFor(p.input.id, p.input.path, ids), p.identity === null ? null : cacheTarget);
    } catch (error) {
      keys.set(p.input.path, null);
      return { summary: crashed(p.input, `ingesting crashed: ${(error as Error).message}`), rows: null, change: null, search: null };
    }
    if (entry.failure !== undefined) throw new OutputError(entry.failure);
    computed++;
    // Where the thread put the entry: the index the build writes at its end lists it.
    if (entry.stored !== undefined && entry.key !== undefined) cache?.stored(entry.key, entry.stored);
    cacheProblem ??= entry.cacheProblem ?? null;
    const { summary } = entry;
    if (p.identity === null) {
      keys.set(p.input.path, null); // unreadable or over the limit: never cached
      return { summary, bulk: 'no-rows' };
    }
    const change = runner.peek(p.input.path)?.changeJson ?? null;
    // The thread that stored the cache entry made its key already (none without a writable cache).
    const key = entry.key ?? entryKey(plan.config, p.input.path, p.input.id, p.input.renamedFrom, summary.sha256);
    // The article page shows its change too: it is remembered as made from both.
    const page = `report/${p.input.id}.html`;
    for (const placed of entry.placed) writer.record(placed.rel === page ? pageSource(key, change) : key, placed);
    // The thread that ingested the input stored its cache entry under this same key (unless it said why not).
    // Changed while building: remembered without an identity, so it is hashed again next time.
    states.set(p.input.path, { stat: key === p.key ? p.identity : '', sha256: summary.sha256, key });
    keys.set(p.input.path, key);
    return { summary, bulk: 'rows' };
  };
  const settle = async (input: PlannedInput): Promise<Waiting> => {
    const p = plan.byPath.get(input.path)!;
    const hit = p.hit;
    if (hit === null || p.key === null) return ingest(p);
    let change: ArticleChange | null = null;
    if (hit.status === 'ok') {
      // A reused article keeps the change the previous build recorded for its digest; if that
      // build recorded another digest (or none), its page must be made again.
      change = carriedChange(ctx.previous.priorFor(input.id, input.path, ids), hit.digest);
      if (change === null) return ingest(p);
      // A cached input whose record or pages are gone or edited is ingested again.
      const inPlace =
        writer.unchanged(`articles/${input.id}.json`, p.key) &&
        (!report || (writer.unchanged(`report/${input.id}.html`, pageSource(p.key, change)) && writer.unchanged(`report/${input.id}.source.html`, p.key)));
      if (!inPlace) return ingest(p);
    }
    let rows: RecordRows | null = null;
    let search: SearchEntry | null = null;
    if (ctx.needRows && hit.status === 'ok') {
      const meta = cache?.meta(p.key) ?? null;
      rows = meta?.rows ?? null;
      search = meta?.search ?? null;
      if (rows === null) return ingest(p);
    }
    states.set(input.path, { stat: p.identity!, sha256: hit.sha256, key: p.key });
    keys.set(input.path, p.key);
    return { summary: hit, rows, change, search };
  };

  const ordered = plan.ordered;
  const window = Math.max(8, runner.threads * 4);
  const pending: (Promise<Waiting> | undefined)[] = [];
  // An input's rows, change and search entry, taken from the runner when its turn comes.
  const whole = (waiting: Waiting, path: string): Settled => {
    if (waiting.bulk === undefined) return waiting;
    const bulk = runner.take(path);
    return { summary: waiting.summary, rows: waiting.bulk === 'rows' ? (bulk?.rows ?? null) : null, change: bulk?.changeJson ?? null, search: bulk?.searchJson ?? null };
  };
  let launched = 0;
  try {
    for (let done = 0; done < ordered.length; done++) {
      while (launched < ordered.length && launched < done + window) {
        const input = ordered[launched]!;
        const settling = settle(input).then((r) => {
          statuses.set(input.path, r.summary.status);
          ctx.onProgress?.(statuses.size, ordered.length, r.summary);
          return r;
        });
        // Awaited in order below; until then a failure must not count as unhandled.
        settling.catch(() => undefined);
        pending[launched++] = settling;
      }
      const settled = await pending[done]!;
      pending[done] = undefined;
      // A reused input's summary is the plan's (held anyway); one ingested is set aside as JSON text.
      ctx.summaries.add(settled.summary === plan.byPath.get(ordered[done]!.path)!.hit ? settled.summary : JSON.stringify(settled.summary));
      emit(whole(settled, ordered[done]!.path));
    }
  } finally {
    // On failure, let what is in flight finish before the pool goes.
    await Promise.allSettled(pending.filter(Boolean));
  }
  const source = createHash('sha256').update(plan.config);
  let known = true;
  for (const input of ordered) {
    const key = keys.get(input.path) ?? null;
    if (key === null) known = false;
    else source.update(`${input.id}\0${key}\0${statuses.get(input.path)!}\0`);
  }
  // Not a closure: one would keep this call's whole scope (every input's status, key and id) as long as the build holds it.
  return { summaries: readBack.bind(null, ctx.summaries, states, next), computed, source: known ? source.digest('hex') : '', cacheProblem };
}

/** The summaries set aside, by path, each joined to the next build's state of its input (RunOutcome.summaries). */
function readBack(aside: SetAside<InputSummary>, states: Map<string, Omit<InputState, 'summary'>>, next: BuildState): Map<string, InputSummary> {
  const byPath = new Map<string, InputSummary>();
  for (const summary of aside.values()) {
    byPath.set(summary.path, summary);
    const state = states.get(summary.path);
    if (state) next.inputs[summary.path] = { ...state, summary };
  }
  // Once only: the states are in `next` now.
  states.clear();
  return byPath;
}
