import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import { ConfigError } from '../core/errors.js';
import type { Pipeline } from '../core/pipeline.js';
import { sha256 } from '../core/record.js';
import { readInputFile } from '../ingest.js';
import { SCHEMA_VERSION } from '../core/record.js';
import { toJson } from '../io/atomic.js';
import { configFingerprint, entryKey, EntryStore, fileIdentity, loadState, saveState, type BuildState, type InputState } from './cache.js';
import type { Entry, InputSummary, RecordRows } from './entry.js';
import { planIds, shardOf, type PlannedInput } from './ids.js';
import { DatasetOutput, type OutputReport } from './output.js';
import { renderIndexPage, type IndexRow } from '../report/html/index.js';
import { createRunner } from './runner.js';

/** One of N deterministic slices of a build's inputs (1-based, as CI matrices count). */
export interface Shard {
  index: number;
  count: number;
}

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
  /** Called as each input is settled, in completion order. */
  onProgress?: (done: number, total: number, summary: InputSummary) => void;
}

/** What a build did. */
export interface BuildResult extends OutputReport {
  outDir: string;
  /** Every input of this build (of this shard), in path order. */
  inputs: InputSummary[];
  failed: number;
  /** Inputs whose entry came from the cache, and inputs ingested. */
  reused: number;
  computed: number;
  /** How many worker threads ingested (0: in the main thread). */
  threads: number;
}

/** The files a dataset folder holds besides the per-article ones. */
export const TABLES = ['items.jsonl', 'references.jsonl', 'entities.jsonl'] as const;

function toPosix(path: string): string {
  return path.split(sep).join('/');
}

/**
 * The input files of a pipeline: its `inputs` (files, or folders walked for the pipeline's
 * extensions), POSIX paths, sorted, without repeats.
 */
export async function collectInputs(entries: readonly string[], extensions: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  const walk = async (path: string): Promise<void> => {
    const info = await stat(path).catch(() => null);
    if (!info) throw new ConfigError(`input ${path} does not exist`);
    if (info.isDirectory()) {
      const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const entry of entries) {
        const child = join(path, entry.name);
        // Only links need a stat (to a folder or not); a dangling link or an unreadable entry is
        // still an input: it fails on its own, with a diagnostic.
        const isDirectory = entry.isSymbolicLink() ? (await stat(child).catch(() => null))?.isDirectory() === true : entry.isDirectory();
        if (isDirectory) await walk(child);
        else if (extensions.includes(extname(entry.name).toLowerCase())) out.push(toPosix(child));
      }
    } else out.push(toPosix(path));
  };
  for (const entry of entries) await walk(entry);
  return [...new Set(out)].sort();
}

/** A manifest row: what a dataset says about each of its inputs. */
export function manifestRow(s: InputSummary): Record<string, unknown> {
  const problems: Record<string, number> = {};
  for (const d of s.diagnostics) if (d.severity !== 'info') problems[d.rule] = (problems[d.rule] ?? 0) + 1;
  return {
    path: s.path,
    id: s.id,
    status: s.status,
    sha256: s.sha256,
    bytes: s.bytes,
    encoding: s.encoding,
    format: s.format,
    ...s.counts,
    title: s.title,
    titleEn: s.titleEn,
    topic: s.topic,
    period: s.period,
    timeline: s.months,
    entityTypes: s.entityTypes,
    problems: Object.fromEntries(Object.entries(problems).sort(([a], [b]) => (a < b ? -1 : 1))),
  };
}

/** The manifest of a set of inputs (a build, a shard, or shards merged). */
export function manifest(pipelineName: string, rows: readonly Record<string, unknown>[], totals: { items: number; references: number; entities: number }, shard?: Shard & { plan: string }): string {
  const records = rows.filter((r) => r.status === 'ok').length;
  return toJson({
    schemaVersion: SCHEMA_VERSION,
    pipeline: pipelineName,
    ...(shard ? { shard } : {}),
    inputs: rows,
    totals: { inputs: rows.length, records, failed: rows.length - records, ...totals },
  });
}

function failedSummary(input: PlannedInput, message: string): InputSummary {
  return {
    path: input.path, id: null, status: 'failed', sha256: sha256(new Uint8Array(0)), bytes: 0, encoding: 'unknown', format: 'text',
    title: null, titleEn: null, topic: null, period: null, months: [],
    counts: { months: 0, items: 0, references: 0, referencesWithDoi: 0, entities: 0, errors: 1, warnings: 0, infos: 0 },
    entityTypes: {},
    diagnostics: [{ severity: 'error', rule: 'stage-crashed', source: 'build', message, line: 1, column: 1 }],
  };
}

/**
 * Builds (or checks) a dataset: plans ids over every input, takes this shard's slice, reuses
 * cached entries whose key (code, pipeline, data, path, id, content) is unchanged, ingests the
 * rest on a worker pool, then streams the dataset files in id order. Memory holds one small
 * summary per input, never the records.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const { pipeline } = options;
  const outDir = resolve(options.outDir ?? pipeline.out);
  const check = options.check === true;
  const concurrency = options.concurrency ?? availableParallelism();
  const paths = await collectInputs(pipeline.inputs, pipeline.extensions);
  const planned = await planIds(paths);
  const shard = options.shard;
  const selected = shard ? planned.filter((p) => shardOf(p.path, shard.count) === shard.index - 1) : planned;

  const config = configFingerprint(pipeline);
  const cacheDir = options.cacheDir === undefined ? join(outDir, '.cache') : options.cacheDir === null ? null : resolve(options.cacheDir);
  const state: BuildState = cacheDir ? await loadState(cacheDir, config) : { format: 0, config, inputs: {}, outputs: {} };
  const cache = cacheDir ? new EntryStore(cacheDir) : null;
  // A build that may not write its cache (--check, --no-cache) keeps no entries: nothing in a
  // build reads back an entry it made itself.
  const writeStore = check ? null : cache;
  const next: BuildState = { format: state.format, config, inputs: {}, outputs: {} };
  const summaries = new Map<string, InputSummary>();
  const maxBytes = (pipeline.stages.find((s) => s.definition.name === 'read')?.options as { maxBytes?: number } | undefined)?.maxBytes ?? Infinity;

  const output = new DatasetOutput(outDir, check ? 'check' : 'write', state.outputs);
  const report = pipeline.write?.report !== false;
  // 1. Key every input by reading and hashing it (or by its unchanged file identity).
  const { default: PQueue } = await import('p-queue');
  const io = new PQueue({ concurrency: Math.max(4, concurrency * 2) });
  // Identities are taken against the build's start, so a file edited during the build is rehashed next time.
  const started = Date.now();
  const plans = new Map<string, { input: PlannedInput; identity: string | null; key: string | null; hit: InputSummary | null }>();
  await Promise.all(
    selected.map((input) =>
      io.add(async () => {
        // Synchronous stat: far cheaper than a thread-pool round trip per input (see BENCHMARKS.md).
        const info = statOrNull(input.path);
        if (!info || !info.isFile() || info.size > BigInt(Math.min(maxBytes, Number.MAX_SAFE_INTEGER))) {
          plans.set(input.path, { input, identity: null, key: null, hit: null }); // fails in ingest with its diagnostic; never cached
          return;
        }
        const identity = racy(info, started) ? '' : fileIdentity(info);
        const before = state.inputs[input.path];
        const hash = before && identity !== '' && before.stat === identity ? before.sha256 : await hashInput(input.path, info.size);
        if (hash === null) {
          plans.set(input.path, { input, identity: null, key: null, hit: null });
          return;
        }
        const key = entryKey(config, input.path, input.id, input.renamedFrom, hash);
        let hit = before?.key === key ? before.summary : null;
        if (!hit && cache) hit = (await cache.meta(key))?.summary ?? null;
        plans.set(input.path, { input, identity, key, hit });
      }),
    ),
  );

  // 2. In id order: ingest what the cache lacks (on worker threads when there is enough of
  // it), write each record, and stream the tables. A window bounds what is in flight.
  const misses = [...plans.values()].filter((p) => p.hit === null).length;
  const runner = await createRunner(pipeline, concurrency, misses);
  await output.open();
  const aggregate = createHash('sha256').update(config);
  const ordered = [...selected].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const input of ordered) aggregate.update(`${input.id}\0${plans.get(input.path)!.key}\0`);
  let source = aggregate.digest('hex');
  const sinks = await Promise.all(TABLES.map((t) => output.table(t, source)));
  const needRows = sinks.some((s) => s !== null);
  const totals = { items: 0, references: 0, entities: 0 };
  let computed = 0;

  const ingestOne = async (plan: { input: PlannedInput; identity: string | null; key: string | null }): Promise<{ summary: InputSummary; rows: RecordRows | null }> => {
    let entry: Entry;
    try {
      entry = await runner.run(plan.input, output.placement);
    } catch (error) {
      return { summary: failedSummary(plan.input, `ingesting crashed: ${(error as Error).message}`), rows: null };
    }
    computed++;
    const { summary } = entry;
    if (plan.identity === null) return { summary, rows: null }; // unreadable or over the limit: reported each build, never cached
    const key = entryKey(config, plan.input.path, plan.input.id, plan.input.renamedFrom, summary.sha256);
    if (key !== plan.key) source = ''; // changed while building: the tables must be remade next time
    for (const placed of entry.placed) output.record(key, placed);
    await writeStore?.put(key, { summary, rows: entry.rows });
    next.inputs[plan.input.path] = { stat: key === plan.key ? plan.identity : '', sha256: summary.sha256, key, summary } satisfies InputState;
    return { summary, rows: entry.rows };
  };
  const settleOne = async (input: PlannedInput): Promise<{ summary: InputSummary; rows: RecordRows | null }> => {
    const plan = plans.get(input.path)!;
    const hit = plan.hit;
    if (hit === null || plan.key === null) return ingestOne(plan);
    // A cached input whose record file is gone or edited is ingested again.
    if (hit.status === 'ok') {
      const fresh = (await output.unchanged(`articles/${input.id}.json`, plan.key)) && (!report || (await output.unchanged(`report/${input.id}.html`, plan.key)));
      if (!fresh) return ingestOne(plan);
    }
    next.inputs[input.path] = { stat: plan.identity!, sha256: hit.sha256, key: plan.key, summary: hit };
    if (!needRows || hit.status !== 'ok') return { summary: hit, rows: null };
    const meta = (await cache?.meta(plan.key)) ?? null;
    return meta ? { summary: hit, rows: meta.rows } : ingestOne(plan);
  };

  const window = Math.max(8, runner.threads * 4);
  const pending: (Promise<{ summary: InputSummary; rows: RecordRows | null }> | undefined)[] = [];
  let launched = 0;
  try {
    for (let done = 0; done < ordered.length; done++) {
      while (launched < ordered.length && launched < done + window) {
        const input = ordered[launched]!;
        pending[launched++] = settleOne(input).then((r) => {
          summaries.set(input.path, r.summary);
          options.onProgress?.(summaries.size, selected.length, r.summary);
          return r;
        });
      }
      const { summary, rows } = await pending[done]!;
      pending[done] = undefined;
      if (summary.status !== 'ok') continue;
      totals.items += summary.counts.items;
      totals.references += summary.counts.references;
      totals.entities += summary.counts.entities;
      if (rows) {
        await sinks[0]?.write(rows.items);
        await sinks[1]?.write(rows.references);
        await sinks[2]?.write(rows.entities);
      }
    }
  } finally {
    // On failure, let what is in flight finish before the pool goes.
    await Promise.allSettled(pending.filter(Boolean));
    await runner.close();
  }
  for (const sink of sinks) await sink?.close();

  // 3. The manifest, in path order, and stale records out.
  const rows = selected.map((p) => summaries.get(p.path)!);
  const plan = createHash('sha256');
  for (const p of planned) plan.update(`${p.path}\0${p.id}\0`);
  const manifestRows = rows.map(manifestRow);
  const manifestText = manifest(pipeline.name, manifestRows, totals, shard ? { ...shard, plan: plan.digest('hex') } : undefined);
  // Both files follow from the manifest's content (and the code, in the config key).
  const manifestKey = createHash('sha256').update(config).update(manifestText).digest('hex');
  await output.file('manifest.json', manifestKey, manifestText);
  if (report) await output.file('report/index.html', manifestKey, () => Promise.resolve(renderIndexPage(manifestRows as unknown as IndexRow[], pipeline.name)));
  const changes = await output.close(report ? ['articles', 'report'] : ['articles']);
  if (source === '') for (const t of TABLES) delete output.outputs[t];
  Object.assign(next.outputs, output.outputs);

  if (!check && cache) {
    await saveState(cacheDir!, next, state);
    // Shards may share a cache folder: only a full build knows which entries are unused.
    if (!shard) await cache.prune(new Set(Object.values(next.inputs).map((i) => i.key)));
  }
  return {
    ...changes,
    outDir,
    inputs: rows,
    failed: rows.filter((s) => s.status !== 'ok').length,
    reused: selected.length - computed,
    computed,
    threads: runner.threads,
  };
}

/** The SHA-256 of an input, or null when it cannot be read. */
async function hashInput(path: string, size: bigint): Promise<string | null> {
  try {
    return sha256(await readInputFile(path, size));
  } catch {
    return null;
  }
}

function statOrNull(path: string) {
  try {
    return statSync(path, { bigint: true, throwIfNoEntry: false }) ?? null;
  } catch {
    return null;
  }
}

/** A file changed within the last two seconds may change again within its time stamp's resolution. */
function racy(info: { mtimeMs: bigint }, started: number): boolean {
  return Number(info.mtimeMs) > started - 2000;
}
