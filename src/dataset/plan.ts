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

/** What the plan knows about one input before anything is ingested ({@link PlanTable.plan}). */
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

/**
 * Texts (some absent), one an input, held as one string and where each ends: read back by place
 * as a slice. An object and a string an input, held for the whole build, were most of what the
 * build's thread held per input while the inputs ran (BENCHMARKS.md, "the plan as a table").
 */
class TextColumn {
  private readonly text: string;
  /** Where each text ends in `text` (it starts where the one before ends); empty when no text is there. */
  private readonly ends: Uint32Array;
  /** 1 where there is no text (null); null when every one is there. */
  private readonly absent: Uint8Array | null;

  constructor(values: readonly (string | null)[]) {
    // A column of none (a cold build's keys): no array an input.
    if (values.every((value) => value === null)) {
      this.ends = new Uint32Array(0);
      this.absent = null;
      this.text = '';
      return;
    }
    this.ends = new Uint32Array(values.length);
    let end = 0;
    let absent: Uint8Array | null = null;
    values.forEach((value, index) => {
      if (value === null) (absent ??= new Uint8Array(values.length))[index] = 1;
      else end += value.length;
      this.ends[index] = end;
    });
    this.absent = absent;
    // Joined, then flattened once by the first read: one string, not a rope of one node a text.
    this.text = values.join('');
  }

  /** The text at `index`, or null when it has none. */
  at(index: number): string | null {
    if (this.ends.length === 0 || this.absent?.[index] === 1) return null;
    return this.text.slice(index === 0 ? 0 : this.ends[index - 1]!, this.ends[index]!);
  }
}

/**
 * Paths, one an input, each held as its folder (each folder once) and its name: the inputs of a
 * build share a few folders, which were most of each path's text in the plan's table (~30–40 of
 * ~50–60 bytes an input on the bench's corpus; BENCHMARKS.md, "the plan's paths by folder").
 * Read back as the folder and the name joined.
 */
class PathColumn {
  private readonly folders: string[] = [];
  /** Each path's folder, an index into `folders`. */
  private readonly folderOf: Uint32Array;
  private readonly names: TextColumn;

  constructor(paths: readonly string[]) {
    const numbers = new Map<string, number>();
    this.folderOf = new Uint32Array(paths.length);
    const names: string[] = [];
    paths.forEach((path, index) => {
      // Through the last separator of either kind: any split joins back to the same text.
      const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1;
      const folder = path.slice(0, cut);
      let number = numbers.get(folder);
      if (number === undefined) {
        // Its characters copied: a slice would keep the whole path it was cut from alive.
        number = this.folders.push(folder.split('').join('')) - 1;
        numbers.set(folder, number);
      }
      this.folderOf[index] = number;
      names.push(path.slice(cut));
    });
    this.names = new TextColumn(names);
  }

  /** The path at `index`. */
  at(index: number): string {
    return this.folders[this.folderOf[index]!]! + this.names.at(index)!;
  }
}

/** An identity as {@link fileIdentity} writes it: a size, two times in nanoseconds and an inode, in decimal. */
const IDENTITY = /^(\d+):(-?\d+):(-?\d+):(\d+)$/;

/** How an input's identity is held ({@link IdentityColumn}). */
const IdentityKind = { Numbers: 0, Absent: 1, Racy: 2, Text: 3 } as const;

/**
 * File identities ({@link fileIdentity}: `size:mtimeNs:ctimeNs:inode`, or '' for a file changed
 * too recently to trust, or null), one an input, each held as its four numbers in 64 bits: 32
 * bytes an input where its decimal text took ~53 and where it ended. An identity its numbers do
 * not give back exactly (not of that form, or past 64 bits) is kept as it is.
 */
class IdentityColumn {
  /** Four numbers an input; empty when no identity is held as numbers. */
  private readonly numbers: BigInt64Array;
  /** Each identity's {@link IdentityKind}; null when every one is held as numbers. */
  private readonly kinds: Uint8Array | null;
  /** The identities held as text, by index. */
  private readonly texts = new Map<number, string>();

  constructor(identities: readonly (string | null)[]) {
    this.numbers = new BigInt64Array(identities.some((identity) => identity !== null && identity !== '') ? 4 * identities.length : 0);
    let kinds: Uint8Array | null = null;
    const kindAt = (index: number, kind: number) => ((kinds ??= new Uint8Array(identities.length))[index] = kind);
    identities.forEach((identity, index) => {
      if (identity === null) return kindAt(index, IdentityKind.Absent);
      if (identity === '') return kindAt(index, IdentityKind.Racy);
      const parts = IDENTITY.exec(identity);
      if (parts !== null) {
        for (let part = 0; part < 4; part++) this.numbers[4 * index + part] = BigInt.asIntN(64, BigInt(parts[part + 1]!));
        if (this.fromNumbers(index) === identity) return;
      }
      this.texts.set(index, identity);
      return kindAt(index, IdentityKind.Text);
    });
    this.kinds = kinds;
  }

  /** The identity at `index`, as given. */
  at(index: number): string | null {
    switch (this.kinds?.[index] ?? IdentityKind.Numbers) {
      case IdentityKind.Absent:
        return null;
      case IdentityKind.Racy:
        return '';
      case IdentityKind.Text:
        return this.texts.get(index)!;
      default:
        return this.fromNumbers(index);
    }
  }

  /** The identity the numbers at `index` write (size and inode unsigned, the times signed). */
  private fromNumbers(index: number): string {
    const at = 4 * index;
    return `${BigInt.asUintN(64, this.numbers[at]!)}:${this.numbers[at + 1]}:${this.numbers[at + 2]}:${BigInt.asUintN(64, this.numbers[at + 3]!)}`;
  }
}

/**
 * This shard's inputs (all inputs without a shard), in path order, with what the plan knows of
 * each: a table of a few columns read by an input's index (its place in path order), and its
 * place in id order, the order of the tables and of the build's ledger. Each input's plan is made
 * when asked for ({@link PlanTable.plan}), never held.
 */
export class PlanTable {
  /** No input: what a build holds once its inputs have been handed over. */
  static readonly none = new PlanTable([], [], [], []);

  /** The number of inputs. */
  readonly count: number;
  private readonly paths: PathColumn;
  private readonly ids: TextColumn;
  /** `renamedFrom` of the few inputs that have one, by index. */
  private readonly renamed = new Map<number, string>();
  private readonly identities: IdentityColumn;
  private readonly keys: TextColumn;
  /** Each input's hit by index; null when no input has one (a cold build). */
  private readonly hits: (InputSummary | null)[] | null;
  /** The index of the input at each place in id order. */
  private readonly byId: Uint32Array;

  constructor(inputs: readonly PlannedInput[], identities: readonly (string | null)[], keys: readonly (string | null)[], hits: readonly (InputSummary | null)[]) {
    this.count = inputs.length;
    this.paths = new PathColumn(inputs.map((input) => input.path));
    this.ids = new TextColumn(inputs.map((input) => input.id));
    inputs.forEach((input, index) => {
      if (input.renamedFrom !== null) this.renamed.set(index, input.renamedFrom);
    });
    this.identities = new IdentityColumn(identities);
    this.keys = new TextColumn(keys);
    this.hits = hits.some((hit) => hit !== null) ? [...hits] : null;
    const byId = Uint32Array.from(inputs.keys());
    this.byId = byId.sort((a, b) => (inputs[a]!.id < inputs[b]!.id ? -1 : inputs[a]!.id > inputs[b]!.id ? 1 : 0));
  }

  /** The path of the input at `index` (path order). */
  path(index: number): string {
    return this.paths.at(index);
  }

  /** The record id the input at `index` was planned under. */
  id(index: number): string {
    return this.ids.at(index)!;
  }

  /** The input at `index`, as {@link planIds} gave it. */
  input(index: number): PlannedInput {
    return { path: this.path(index), id: this.id(index), renamedFrom: this.renamed.get(index) ?? null };
  }

  /** What the plan knows of the input at `index`: its identity, key and hit. */
  plan(index: number): InputPlan {
    return { input: this.input(index), identity: this.identities.at(index), key: this.key(index), hit: this.hit(index) };
  }

  /** The input at `index`'s cache key, or null ({@link InputPlan.key}). */
  key(index: number): string | null {
    return this.keys.at(index);
  }

  /** The input at `index`'s summary from the last build or the cache, when its key is unchanged. */
  hit(index: number): InputSummary | null {
    return this.hits?.[index] ?? null;
  }

  /** The index of the input at `place` in id order. */
  atPlace(place: number): number {
    return this.byId[place]!;
  }

  /** Each input's place in id order, by its index. */
  places(): Uint32Array {
    const places = new Uint32Array(this.count);
    this.byId.forEach((index, place) => (places[index] = place));
    return places;
  }

  /** Whether an input of this plan has the id `id` (a binary search in id order). */
  hasId(id: string): boolean {
    let low = 0;
    let high = this.count;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const at = this.id(this.byId[middle]!);
      if (at === id) return true;
      if (at < id) low = middle + 1;
      else high = middle;
    }
    return false;
  }
}

/** Everything decided before ingesting: inputs, ids, this shard's slice, keys. */
export interface BuildPlan {
  config: string;
  /** This shard's inputs (all inputs without a shard), what is known of each, in path order and in id order. */
  inputs: PlanTable;
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
  // Gathered a column at a time, then made into the table: no object is kept an input.
  const identities: (string | null)[] = [];
  const keys: (string | null)[] = [];
  const hits: (InputSummary | null)[] = [];
  const add = (identity: string | null, key: string | null, hit: InputSummary | null) => {
    identities.push(identity);
    keys.push(key);
    hits.push(hit);
  };
  for (const input of selected) {
    let info;
    try {
      // Synchronous stat: far cheaper than a thread-pool round trip per input (see BENCHMARKS.md).
      info = statSync(input.path, { bigint: true, throwIfNoEntry: false });
    } catch {
      info = undefined;
    }
    if (!info || !info.isFile() || info.size > BigInt(maxBytes)) {
      add(null, null, null); // fails in ingest with its diagnostic; never cached
      continue;
    }
    const identity = racy(info, started) ? '' : fileIdentity(info);
    const before = state.inputs[input.path];
    if (before === undefined && noEntries) {
      add(identity, null, null);
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
      add(null, null, null);
      continue;
    }
    const key = entryKey(config, input.path, input.id, input.renamedFrom, hash);
    const hit = before?.key === key ? before.summary : (cache?.meta(key)?.summary ?? null);
    add(identity, key, hit);
  }
  const planHash = createHash('sha256');
  for (const p of planned) planHash.update(`${p.path}\0${p.id}\0`);
  return {
    config,
    inputs: new PlanTable(selected, identities, keys, hits),
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
  const inputs = plan.inputs;
  for (let place = 0; place < inputs.count; place++) {
    const index = inputs.atPlace(place);
    const key = inputs.key(index);
    const hit = inputs.hit(index);
    if (key === null || hit === null) return '';
    hash.update(`${inputs.id(index)}\0${key}\0${hit.status}\0`);
  }
  return hash.digest('hex');
}
