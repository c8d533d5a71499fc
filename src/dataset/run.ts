import { createHash } from 'node:crypto';
import type { Pipeline } from '../core/pipeline.js';
import { sha256 } from '../core/record.js';
import { OutputError } from '../io/errors.js';
import type { BuildState, EntryStore } from './cache.js';
import type { Entry, InputSummary } from './entry.js';
import type { PlannedInput } from './ids.js';
import { entryKey } from './keys.js';
import type { BuildPlan, InputPlan } from './plan.js';
import type { Runner } from './runner.js';
import type { RecordRows } from './tables.js';
import type { DatasetWriter } from './writer.js';

/** One input settled: its summary, and its rows when the tables need them. */
export interface Settled {
  summary: InputSummary;
  rows: RecordRows | null;
}

/** What running the inputs gives back besides the rows streamed. */
export interface RunOutcome {
  /** Every input's summary, by path. */
  summaries: Map<string, InputSummary>;
  /** Inputs ingested (not from the cache). */
  computed: number;
  /** What the tables were made from (ids, keys and outcomes), or '' when some input has no key. */
  source: string;
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
  onProgress?: ((done: number, total: number, summary: InputSummary) => void) | undefined;
}

function crashed(input: PlannedInput, message: string): InputSummary {
  return {
    path: input.path, id: null, status: 'failed', sha256: sha256(new Uint8Array(0)), bytes: 0, encoding: 'unknown', format: 'text',
    title: null, titleEn: null, topic: null, period: null, months: [], missingMonths: [], outOfOrderMonths: [],
    counts: { months: 0, items: 0, references: 0, referencesWithDoi: 0, entities: 0, errors: 1, warnings: 0, infos: 0 },
    entityTypes: {},
    diagnostics: [{ severity: 'error', rule: 'stage-crashed', source: 'build', message, line: 1, column: 1 }],
  };
}

/**
 * Settles every input in id order — a cache hit whose record and page are still in place is
 * reused, anything else is ingested on the runner — and hands each one's rows to `emit` in that
 * order. A window bounds what is in flight, so memory holds one summary per input, never the
 * records. A file that cannot be staged (a full disk) stops the run with an OutputError: it is
 * the build that failed, not the input, and nothing is committed or remembered.
 */
export async function runInputs(ctx: RunContext, emit: (settled: Settled) => void): Promise<RunOutcome> {
  const { plan, runner, writer, cache, next } = ctx;
  const report = ctx.pipeline.write?.report !== false;
  const summaries = new Map<string, InputSummary>();
  const keys = new Map<string, string | null>();
  let computed = 0;

  const ingest = async (p: InputPlan): Promise<Settled> => {
    let entry: Entry;
    try {
      entry = await runner.run(p.input, writer.placement);
    } catch (error) {
      keys.set(p.input.path, null);
      return { summary: crashed(p.input, `ingesting crashed: ${(error as Error).message}`), rows: null };
    }
    if (entry.failure !== undefined) throw new OutputError(entry.failure);
    computed++;
    const { summary } = entry;
    if (p.identity === null) {
      keys.set(p.input.path, null); // unreadable or over the limit: reported each build, never cached
      return { summary, rows: null };
    }
    const key = entryKey(plan.config, p.input.path, p.input.id, p.input.renamedFrom, summary.sha256);
    for (const placed of entry.placed) writer.record(key, placed);
    cache?.put(key, { summary, rows: entry.rows });
    // Changed while building: remembered without an identity, so it is hashed again next time.
    next.inputs[p.input.path] = { stat: key === p.key ? p.identity : '', sha256: summary.sha256, key, summary };
    keys.set(p.input.path, key);
    return { summary, rows: entry.rows };
  };
  const settle = async (input: PlannedInput): Promise<Settled> => {
    const p = plan.byPath.get(input.path)!;
    const hit = p.hit;
    if (hit === null || p.key === null) return ingest(p);
    // A cached input whose record or page is gone or edited is ingested again.
    if (hit.status === 'ok' && !(writer.unchanged(`articles/${input.id}.json`, p.key) && (!report || writer.unchanged(`report/${input.id}.html`, p.key)))) return ingest(p);
    let rows: RecordRows | null = null;
    if (ctx.needRows && hit.status === 'ok') {
      rows = cache?.meta(p.key)?.rows ?? null;
      if (rows === null) return ingest(p);
    }
    next.inputs[input.path] = { stat: p.identity!, sha256: hit.sha256, key: p.key, summary: hit };
    keys.set(input.path, p.key);
    return { summary: hit, rows };
  };

  const ordered = plan.ordered;
  const window = Math.max(8, runner.threads * 4);
  const pending: (Promise<Settled> | undefined)[] = [];
  let launched = 0;
  try {
    for (let done = 0; done < ordered.length; done++) {
      while (launched < ordered.length && launched < done + window) {
        const input = ordered[launched]!;
        const settling = settle(input).then((r) => {
          summaries.set(input.path, r.summary);
          ctx.onProgress?.(summaries.size, ordered.length, r.summary);
          return r;
        });
        // Awaited in order below; until then a failure must not count as unhandled.
        settling.catch(() => undefined);
        pending[launched++] = settling;
      }
      const settled = await pending[done]!;
      pending[done] = undefined;
      emit(settled);
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
    else source.update(`${input.id}\0${key}\0${summaries.get(input.path)!.status}\0`);
  }
  return { summaries, computed, source: known ? source.digest('hex') : '' };
}
