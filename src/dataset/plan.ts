import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import type { Pipeline } from '../core/pipeline.js';
import { fileIdentity } from '../io/files.js';
import { hashInput, walkInputs, type WalkProblem } from '../io/inputs.js';
import { readLimit } from '../open.js';
import type { BuildState, EntryStore } from './cache.js';
import type { InputSummary } from './entry.js';
import { planIds, shardOf, type PlannedInput } from './ids.js';
import { entryKey } from './keys.js';

/** One of N deterministic slices of a build's inputs (1-based, as CI matrices count). */
export interface Shard {
  index: number;
  count: number;
}

/** What the plan knows about one input before anything is ingested. */
export interface InputPlan {
  input: PlannedInput;
  /** File identity when hashed; null when the input cannot be keyed (unreadable, over the limit): never cached. */
  identity: string | null;
  /**
   * Its cache key; null with an identity when it was not hashed because no entry could match it
   * (the last build's state does not know it and the cache holds no entry): the thread that
   * ingests it reads and hashes it anyway, and keys it from that ({@link planBuild}).
   */
  key: string | null;
  /** Its summary from the last build or the cache, when the key is unchanged. */
  hit: InputSummary | null;
}

/** Everything decided before ingesting: inputs, ids, this shard's slice, keys. */
export interface BuildPlan {
  config: string;
  /** This shard's inputs in path order (all inputs without a shard). */
  selected: PlannedInput[];
  /** The same in id order: the order of the tables. */
  ordered: PlannedInput[];
  byPath: Map<string, InputPlan>;
  /** A hash of every input's path and id: shards of one plan share it. */
  planHash: string;
  /** Links the walk refused. */
  problems: WalkProblem[];
}

/** Options of {@link planBuild}. */
export interface PlanOptions {
  shard?: Shard | undefined;
  followLinks?: boolean | undefined;
  remembered?: ReadonlyMap<string, string> | undefined;
  /**
   * Called (and awaited) once this shard's inputs are known, before they are read and hashed: a
   * build that already knows it has work starts its worker threads here, so that they load while
   * the inputs are hashed (BENCHMARKS.md, "the serial head and tail of a two-worker build").
   */
  beforeKeys?: ((selected: readonly PlannedInput[]) => Promise<void>) | undefined;
}

/** A file changed within the last two seconds may change again within its time stamp's resolution. */
function racy(info: { mtimeMs: bigint }, started: number): boolean {
  return Number(info.mtimeMs) > started - 2000;
}

/**
 * Plans a build: walks the inputs, plans every id (over all inputs, so a shard and a full build
 * agree), takes this shard's slice, and keys each input by its content (hashed, or reused from
 * the last build when the file's identity is unchanged) — nothing is read past the read limit,
 * and only regular files are read. An input whose key the last build or the cache knows is a hit.
 * An input nothing could be a hit for — the state does not know its path, and the cache holds no
 * entry at all (a cold build) — is not read here: the read stage reads and hashes it once more
 * anyway, and its key is made from that hash (its identity, taken before that read, is what the
 * next build trusts it by: any later change to the file changes the identity).
 */
export async function planBuild(pipeline: Pipeline, config: string, state: BuildState, cache: EntryStore | null, options: PlanOptions): Promise<BuildPlan> {
  const maxBytes = readLimit(pipeline);
  const walked = walkInputs(pipeline.inputs, { extensions: pipeline.extensions, followOutside: options.followLinks === true });
  const planned = await planIds(walked.paths, maxBytes, options.remembered);
  const shard = options.shard;
  const selected = shard ? planned.filter((p) => shardOf(p.path, shard.count) === shard.index - 1) : planned;
  await options.beforeKeys?.(selected);
  // Identities are taken against the plan's start, so a file edited during the build is rehashed next time.
  const started = Date.now();
  // An empty cache (or none) can give no hit: its inputs' keys need not be known before ingesting.
  const noEntries = cache === null || cache.holdsNone();
  const byPath = new Map<string, InputPlan>();
  for (const input of selected) {
    let info;
    try {
      // Synchronous stat: far cheaper than a thread-pool round trip per input (see BENCHMARKS.md).
      info = statSync(input.path, { bigint: true, throwIfNoEntry: false });
    } catch {
      info = undefined;
    }
    if (!info || !info.isFile() || info.size > BigInt(maxBytes)) {
      byPath.set(input.path, { input, identity: null, key: null, hit: null }); // fails in ingest with its diagnostic; never cached
      continue;
    }
    const identity = racy(info, started) ? '' : fileIdentity(info);
    const before = state.inputs[input.path];
    if (before === undefined && noEntries) {
      byPath.set(input.path, { input, identity, key: null, hit: null });
      continue;
    }
    let hash: string | null = before && identity !== '' && before.stat === identity ? before.sha256 : null;
    if (hash === null) {
      // Hashed through one reused buffer, not read whole: a buffer per file, thousands alive until a
      // collection, left this thread's malloc arena megabytes larger for the whole build.
      const read = hashInput(input.path, maxBytes);
      hash = read.ok ? read.sha256 : null;
    }
    if (hash === null) {
      byPath.set(input.path, { input, identity: null, key: null, hit: null });
      continue;
    }
    const key = entryKey(config, input.path, input.id, input.renamedFrom, hash);
    const hit = before?.key === key ? before.summary : (cache?.meta(key)?.summary ?? null);
    byPath.set(input.path, { input, identity, key, hit });
  }
  const planHash = createHash('sha256');
  for (const p of planned) planHash.update(`${p.path}\0${p.id}\0`);
  return {
    config,
    selected,
    ordered: [...selected].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    byPath,
    planHash: planHash.digest('hex'),
    problems: walked.problems,
  };
}

/**
 * What the tables are made from, when it is known before ingesting: every input a hit, so
 * their ids, keys and outcomes are those of the last build. When any input has to be ingested
 * the outcome is not known yet, and the tables are made again (and compared by content):
 * a table is never skipped on the strength of a plan whose inputs have not all succeeded as before.
 */
export function tablesSource(plan: BuildPlan): string {
  const hash = createHash('sha256').update(plan.config);
  for (const input of plan.ordered) {
    const p = plan.byPath.get(input.path)!;
    if (p.key === null || p.hit === null) return '';
    hash.update(`${input.id}\0${p.key}\0${p.hit.status}\0`);
  }
  return hash.digest('hex');
}
