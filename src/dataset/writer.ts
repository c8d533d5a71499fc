import { createHash } from 'node:crypto';
import { readdirSync, realpathSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { STAGING, writeAtomicSync } from '../io/atomic.js';
import { errnoCode, fsFailure, OutputError } from '../io/errors.js';
import { assertPlainFolders, hashPlainFile, identityOf, inside, kindOf, makeFolders, readPlainFile, toPosix, type PathKind } from '../io/files.js';
import { realFs, type WriteFs } from '../io/fs.js';
import { Utf8Chunks, writeAll, type Text } from '../io/utf8.js';
import { acquireLock, processAlive, type Lock } from '../io/lock.js';
import { loadDatasetValidators } from '../core/schemas.js';
import { CompactNames, lazyChanged } from './file-names.js';
import { idsOfManifest } from './ids.js';
import { madeByDigest, MANIFEST, ownedFiles, ownedFilesOf, readJson } from './ownership.js';
import { placeFile, topName, type Placed, type Placement } from './place.js';

/** What a write changed (write mode) or found out of date (check mode), and what it left alone. */
export interface OutputReport {
  /**
   * The files changed (or, checking, out of date), sorted. A write's list is made when first read
   * (held by stem until then: file-names.ts); `countChanged` tells how many without making it.
   */
  changed: string[];
  missing: string[];
  extra: string[];
  /** Files under articles/ and report/ that digest did not write: never touched, only named. */
  foreign: string[];
}

/** A table written row by row: `write` appends, `close` stages the file (or compares it). */
export interface TableSink {
  /** Appends rows: text, or the UTF-8 bytes of text (rows that crossed from a worker). */
  write(rows: string | Uint8Array): void;
  /** Finishes the table; `source` is what it was made from, as known at the end ('' when unknown). */
  close(source: string): Promise<void>;
}

/** Options of {@link DatasetWriter.open}. */
export interface WriterOptions {
  mode: 'write' | 'check';
  /** The command writing (named to a second writer the lock turns away). */
  command: string;
  /** The file-system seam (tests inject failures). */
  fs?: WriteFs | undefined;
}

/**
 * What a transaction will do once committed: files to put in place, files to delete, and the
 * folders of the dataset that are put in place whole (`folders`: each staged folder renamed as
 * one, when nothing stands at its place; its files are in `puts` too, so a run that finds the
 * folder's place taken, or a digest that predates `folders`, puts them one by one).
 */
interface Journal {
  puts: string[];
  deletes: string[];
  folders?: string[];
}

const JOURNAL = 'journal.json';

/**
 * Where a writer sets its staged files aside ({@link DatasetWriter.setAsideStaged}): a `SetAside`
 * of `[rel, source]`, or `[rel, source, identity]` when the staged copy's identity was taken as it
 * was written ({@link Placed.staged}) (set-aside.ts).
 */
export interface StagedAside {
  /** Sets one aside, as the JSON text of `[rel, source]` or `[rel, source, identity]`. */
  add(json: string): void;
  /** Each one set aside, in the order added. */
  values(): Iterable<[string, string, string?]>;
}

function describe(kind: PathKind): string {
  return kind === 'file' ? 'a file digest did not write' : kind === 'link' ? 'a symbolic link' : kind === 'folder' ? 'a folder' : 'something that is not a regular file';
}

/**
 * The one write path of `digest build`, `digest merge` and `digest ingest`: a transaction on a
 * dataset folder. Opening takes the folder's lock and finishes (or rolls back) whatever a killed
 * run left in `.staging/`; every new or changed file is staged there, never written in place;
 * `commit` checks that nothing it would replace or delete is someone else's (a file digest did
 * not write, a symbolic link, a folder — any of them stops the commit, and nothing changes),
 * writes a journal (the commit point) and only then renames the staged files into place and
 * deletes the files of the old dataset the new one no longer has. A run that fails or is
 * killed before the journal leaves the previous dataset whole; one killed after it leaves old
 * and new files, each whole, and the next run finishes the journal first. Check mode writes
 * nothing at all and collects the differences instead.
 */
export class DatasetWriter {
  readonly report: OutputReport = { changed: [], missing: [], extra: [], foreign: [] };
  /** Output file → `source|identity`, for the next build's state ({@link DatasetWriter.takeOutputs}). */
  private outputs: Record<string, string> = {};
  private readonly expected = new Set<string>();
  /**
   * Each file staged, put in place at the commit, and what it was made from (for the next build's
   * state), once read back ({@link DatasetWriter.puts}); null while they are set aside.
   */
  private putsRead: Map<string, string> | null = null;
  /** The identity of each staged file taken as it was written ({@link Placed.staged}), once the puts are read; let go at the commit. */
  private stagedIdentities = new Map<string, string>();
  /** Where the files staged are set aside until first read ({@link DatasetWriter.setAsideStaged}); null: in the map from the start. */
  private stagedAside: StagedAside | null = null;
  /** What the folder's manifest lists ({@link DatasetWriter.owned}), once read. */
  private ownedSet: Set<string> | null = null;
  private readonly checked = new Set<string>();
  private previous: Readonly<Record<string, string>> = {};
  private closed = false;
  /** The names in the folder when it was opened ({@link Placement.present}). */
  private readonly present: readonly string[] | null;

  private constructor(
    readonly root: string,
    private readonly mode: 'write' | 'check',
    private readonly transaction: string | null,
    private readonly lock: Lock | null,
    private readonly fs: WriteFs,
  ) {
    let present: string[] | null = null;
    try {
      present = readdirSync(root);
    } catch {
      // Not listed: every file placed asks the file system.
    }
    this.present = present;
  }

  /**
   * Sets each file staged from now on aside in `aside` — `[rel, source]`, appended to a file in
   * the build's staging folder as it comes — until the staged files are first read (the finish):
   * a build's map of three files an input (~0.4 KB an input: the names, the sources, the map's
   * table) was the most its thread held per input while the workers were up, and so added to the
   * run's peak RSS (BENCHMARKS.md, "what grows per input, thread by thread"). A build asks it; an
   * ingest's few files stay in the map. Asked before anything is staged; later, it changes nothing.
   */
  setAsideStaged(aside: StagedAside): void {
    if (this.putsRead === null && this.stagedAside === null) this.stagedAside = aside;
  }

  /** The files staged so far and what each was made from: read back from where they were set aside, once. */
  private get puts(): Map<string, string> {
    if (this.putsRead === null) {
      this.putsRead = new Map();
      if (this.stagedAside !== null) {
        for (const [rel, source, identity] of this.stagedAside.values()) {
          this.putsRead.set(rel, source);
          if (identity !== undefined) this.stagedIdentities.set(rel, identity);
        }
      }
    }
    return this.putsRead;
  }

  /** Notes a staged file, what it was made from and its identity as staged (when taken): set aside until the puts are first read, then in the maps. */
  private stage(rel: string, source: string, identity?: string): void {
    if (this.putsRead === null && this.stagedAside !== null) this.stagedAside.add(JSON.stringify(identity === undefined ? [rel, source] : [rel, source, identity]));
    else {
      this.puts.set(rel, source);
      if (identity !== undefined) this.stagedIdentities.set(rel, identity);
      else this.stagedIdentities.delete(rel);
    }
  }

  /** Opens a dataset folder for writing (taking its lock, recovering a killed run) or checking. */
  static async open(folder: string, options: WriterOptions): Promise<DatasetWriter> {
    // Ownership is read from the manifest, which is trusted only when it validates; no CSL item is
    // checked here (the records' are, where they are made), so its validator is not loaded.
    await loadDatasetValidators();
    const fs = options.fs ?? realFs;
    let root = resolve(folder);
    const kind = kindOf(root);
    if (kind === 'file' || kind === 'other') throw new OutputError(`cannot use ${folder} as the output folder: it is a file, not a folder`);
    if (kind === 'link') root = realpathSync(root); // the folder the user named may be a link; nothing inside it may
    if (options.mode === 'check') {
      const lock = join(root, STAGING, 'lock');
      const pid = holderPid(readPlainFile(lock).bytes?.toString('utf8') ?? '');
      if (pid !== null && processAlive(pid)) throw new OutputError(`${folder} is being written by another digest (pid ${pid}); check again when it has finished`);
      return new DatasetWriter(root, 'check', null, null, fs);
    }
    try {
      fs.mkdirSync(root, { recursive: true });
    } catch (error) {
      throw fsFailure(error, 'make the output folder', folder);
    }
    const staging = join(root, STAGING);
    const stagingKind = kindOf(staging);
    if (stagingKind !== 'absent' && stagingKind !== 'folder') throw new OutputError(`${staging} is ${describe(stagingKind)}: digest keeps its staging folder there and never writes through a link; move it away`);
    try {
      fs.mkdirSync(staging, { recursive: true });
    } catch (error) {
      throw fsFailure(error, 'write in', folder);
    }
    let lock: Lock;
    try {
      lock = acquireLock(root, options.command, fs);
    } catch (error) {
      removeIfEmpty(staging, fs);
      throw error;
    }
    try {
      recover(root, fs);
      const transaction = join(staging, `txn-${process.pid}`);
      fs.mkdirSync(join(transaction, 'files'), { recursive: true });
      return new DatasetWriter(root, 'write', transaction, lock, fs);
    } catch (error) {
      lock.release();
      throw fsFailure(error, 'write in', folder);
    }
  }

  /**
   * The files the folder's manifest lists: read on first need (after
   * {@link DatasetWriter.remember}, when a build has its last state), once. Ownership is read
   * from the manifest, which is trusted only when it validates — or when the last build's state
   * says this digest wrote it, with the identity it still has ({@link DatasetWriter.madeHere}):
   * then it is the manifest that build wrote, which validated, and validating its 1.6 MB again
   * cost an unchanged rebuild of 1,000 articles ~0.1 s.
   */
  private get owned(): Set<string> {
    return (this.ownedSet ??= ownedFiles(join(this.root, MANIFEST), () => this.madeHere(MANIFEST)));
  }

  /**
   * The ids the folder's manifest gave its inputs (`rememberedIds` of it), read with what the
   * writer owns in one read of the manifest (1.6 MB at 1,000 articles), where a build read and
   * parsed it once for each.
   */
  rememberedIds(): Map<string, string> {
    const path = join(this.root, MANIFEST);
    const trusted = this.madeHere(MANIFEST);
    const value = readJson(path);
    this.ownedSet ??= ownedFilesOf(value, trusted && this.madeHere(MANIFEST));
    return idsOfManifest(value);
  }

  /**
   * Whether the folder's manifest lists `rel` (digest wrote it there): what
   * `PreviousBuild.read` asks, answered from the manifest this writer read, where reading
   * it a second time cost a build 0.1 s at 1,000 articles.
   */
  owns(rel: string): boolean {
    return this.owned.has(rel);
  }

  /**
   * Whether the last build's state ({@link DatasetWriter.remember}) says `rel` is a file it
   * wrote, and the file has the identity it had then: untouched since. That build ran this code
   * (a state is loaded only for the same configuration, code included), so the file is what
   * this code made.
   */
  madeHere(rel: string): boolean {
    const before = this.previous[rel];
    if (before === undefined) return false;
    const now = identityOf(inside(this.root, rel));
    return now !== null && before.endsWith(`|${now}`);
  }

  /** Where this writer places files (for worker threads). */
  get placement(): Placement {
    return { root: this.root, staging: this.transaction ? join(this.transaction, 'files') : '', mode: this.mode, present: this.present };
  }

  /** What the last build's state says about its output files (`source|identity`), to skip unchanged ones. */
  remember(previous: Readonly<Record<string, string>>): void {
    this.previous = previous;
  }

  /** A scratch file of this build in its staging folder (never put in place, gone with the transaction), or null in check mode. */
  scratch(name: string): string | null {
    return this.transaction ? join(this.transaction, name) : null;
  }

  /** Notes a file the dataset will have, before it is made (the review index, listed in the manifest it is made from). */
  expect(rel: string): void {
    this.expected.add(rel);
  }

  /**
   * What the last build's state says `rel` was made from, when the file is still the one it
   * wrote ({@link DatasetWriter.madeHere}); else null. A build that keeps such a file as it is
   * takes its key from here ({@link DatasetWriter.unchanged} then says it is in place).
   */
  sourceOf(rel: string): string | null {
    const before = this.previous[rel];
    if (before === undefined || !this.madeHere(rel)) return null;
    return before.slice(0, before.lastIndexOf('|'));
  }

  /** True when `rel` was made from `source` last time and is untouched since: nothing to do. */
  unchanged(rel: string, source: string): boolean {
    const before = this.previous[rel];
    if (source === '' || before === undefined || !before.startsWith(`${source}|`)) return false;
    const now = identityOf(inside(this.root, rel));
    if (now === null || before !== `${source}|${now}`) return false;
    this.expected.add(rel);
    this.outputs[rel] = before;
    return true;
  }

  /** Writes (or checks) one file whose content is known (or made on demand, only when needed). */
  async file(rel: string, source: string, content: Text | Uint8Array | (() => Text | Uint8Array | Promise<Text | Uint8Array>)): Promise<void> {
    if (this.unchanged(rel, source)) return;
    this.record(source, placeFile(this.placement, rel, typeof content === 'function' ? await content() : content, this.fs));
  }

  /** Takes note of a file placed elsewhere (by a worker thread) from `source`. */
  record(source: string, placed: Placed): void {
    // A staged file is in `puts` alone, not in `expected` too: ~0.1 KB an input less.
    if (placed.outcome === 'staged') {
      this.stage(placed.rel, source, placed.staged);
      return;
    }
    this.expected.add(placed.rel);
    if (placed.outcome === 'missing') this.report.missing.push(placed.rel);
    else if (placed.outcome === 'changed') this.report.changed.push(placed.rel);
    else if (placed.identity !== null) this.outputs[placed.rel] = `${source}|${placed.identity}`;
  }

  /**
   * Opens a table to be written row by row; compared by hash with what is there. `planned` is
   * what it is made from when that is known before (null: known only once it is written, as for
   * changes.json, whose key is its own hash — it is written once, and dropped at `close` when
   * the file in place was made from that key and is untouched).
   */
  table(rel: string, planned: string | null): TableSink | null {
    if (planned !== null && this.unchanged(rel, planned)) return null;
    let source = planned ?? '';
    this.expected.add(rel);
    const target = inside(this.root, rel);
    const staged = this.transaction ? join(this.transaction, 'files', rel) : '';
    // Hashed only to be compared with the file in place. Checking, nothing is written: as it is
    // made. Writing, nothing as it is written: at the close, the staged copy and the file in place
    // both, and only when the file in place has the size written — a cold build finds none (its
    // tables, manifest, changes.json and review index: ~50 MB at 1,000 articles), an incremental
    // one finds each of another size (one more article or one less; ~100 MB read and hashed at
    // 1,000 articles), and a file the same as the one in place is the only one read back.
    const hash = this.mode === 'write' ? null : createHash('sha256');
    let written = 0;
    let fd: number | null = null;
    // Each piece encoded once: the same bytes are hashed (checking) or written.
    const pending = new Utf8Chunks((bytes) => {
      hash?.update(bytes);
      written += bytes.byteLength;
      if (fd === null) return;
      try {
        writeAll(this.fs, fd, bytes);
      } catch (error) {
        throw fsFailure(error, 'write', target);
      }
    });
    if (this.mode === 'write') {
      try {
        fd = this.fs.openSync(staged, 'w', 0o644);
      } catch (error) {
        throw fsFailure(error, 'write', target);
      }
    }
    return {
      write: (rows: string | Uint8Array) => (typeof rows === 'string' ? pending.add(rows) : pending.addBytes(rows)),
      close: async (finalSource: string) => {
        source = finalSource;
        try {
          pending.flush();
        } finally {
          if (fd !== null) this.fs.closeSync(fd);
        }
        if (planned === null && this.unchanged(rel, source)) {
          if (staged) this.fs.rmSync(staged, { recursive: true, force: true });
          return;
        }
        const current = hashPlainFile(target, hash === null ? written : undefined);
        if (current !== null && current === (hash === null ? hashPlainFile(staged) : hash.digest('hex'))) {
          if (staged) this.fs.rmSync(staged, { recursive: true, force: true });
          const identity = identityOf(target);
          if (identity !== null) this.outputs[rel] = `${source}|${identity}`;
          return;
        }
        if (this.mode === 'check') (current === null && kindOf(target) === 'absent' ? this.report.missing : this.report.changed).push(rel);
        else this.stage(rel, source);
      },
    };
  }

  /** Every file this write expects in the folder besides the manifest, sorted. */
  files(): string[] {
    const files = [...this.expected];
    for (const rel of this.puts.keys()) if (!this.expected.has(rel)) files.push(rel);
    return files.filter((rel) => rel !== MANIFEST).sort();
  }

  /**
   * Finishes. Check mode: the files the old dataset has and this one would not are reported as
   * extra. Write mode: checks that nothing in the way is someone else's, writes the journal,
   * swaps the staged files in and (with `prune`) deletes the old dataset's files this one no
   * longer has — only files the old manifest lists. `digest ingest` commits without pruning.
   */
  commit(prune: boolean): OutputReport {
    const report = this.report;
    const deletes = prune ? [...this.owned].filter((rel) => !this.expected.has(rel) && !this.puts.has(rel) && rel !== MANIFEST).sort() : [];
    report.foreign = this.foreignFiles();
    if (this.mode === 'check') {
      for (const rel of deletes) if (kindOf(join(this.root, rel)) !== 'absent') report.extra.push(rel);
      return finish(report);
    }
    const puts = [...this.puts.keys()].sort();
    const conflicts: string[] = [];
    // The dataset is the folder's own: none of its files may sit behind a link, even unchanged ones.
    for (const rel of this.expected) {
      if (this.puts.has(rel)) continue;
      try {
        assertPlainFolders(this.root, inside(this.root, rel), this.checked);
      } catch (error) {
        conflicts.push((error as Error).message);
      }
    }
    // A folder of the dataset that is not there (a first build) has nothing in the way, and no link on the way: asked once, not for each file.
    const tops = new Map<string, PathKind>();
    const topKind = (top: string) => tops.get(top) ?? (tops.set(top, kindOf(join(this.root, top))).get(top) as PathKind);
    for (const rel of puts) {
      const top = topName(rel);
      // Its path made only past that test: every put's was made and checked as it was placed
      // (place.ts `placeFile`, the writer's `file` and `table`), and a first build's ~3,000
      // made it again here, serially after the workers (BENCHMARKS.md, change 237).
      if (top !== rel && topKind(top) === 'absent') continue;
      const target = inside(this.root, rel);
      try {
        assertPlainFolders(this.root, target, this.checked);
      } catch (error) {
        conflicts.push((error as Error).message);
        continue;
      }
      const kind = kindOf(target);
      if (kind === 'absent' || (kind === 'file' && (this.owned.has(rel) || madeByDigest(rel, target)))) continue;
      conflicts.push(`${target} is ${describe(kind)}, where the dataset has ${rel}: move it away`);
    }
    for (const rel of deletes) {
      try {
        assertPlainFolders(this.root, inside(this.root, rel), this.checked);
      } catch (error) {
        conflicts.push((error as Error).message);
      }
    }
    if (conflicts.length > 0) {
      const shown = [...new Set(conflicts)];
      throw new OutputError([`nothing was changed in ${this.root}:`, ...shown.slice(0, 10).map((c) => `  ${c}`), ...(shown.length > 10 ? [`  and ${shown.length - 10} more`] : [])].join('\n'));
    }
    const journal: Journal = { puts, deletes, folders: this.wholeFolders(puts, topKind) };
    writeAtomicSync(join(this.transaction!, JOURNAL), JSON.stringify(journal), this.transaction!, this.fs); // the commit point
    const whole = apply(this.root, this.transaction!, journal, this.fs, this.checked);
    // A file in a folder put in place whole has the identity it was staged with (taken as it was
    // written: a file changed since then is not trusted next time); any other is asked for.
    const staged = this.stagedIdentities;
    this.stagedIdentities = new Map();
    for (const rel of puts) {
      const identity = (whole.has(topName(rel)) ? staged.get(rel) : undefined) ?? identityOf(join(this.root, rel));
      if (identity !== null) this.outputs[rel] = `${this.puts.get(rel)}|${identity}`;
    }
    // Held by stem until read (~21 bytes an input, not three names): a build holds its report
    // while it hands its inputs over, and the CLI prints only how many (BENCHMARKS.md, "the files
    // changed held by stem"). Before the commit, in write mode, nothing is in `changed`.
    const changed = CompactNames.of([...report.changed, ...puts, ...deletes]);
    this.close();
    report.changed = [];
    finish(report);
    lazyChanged(report, changed);
    return report;
  }

  /**
   * The folders of the dataset that can be put in place by one rename each instead of one per
   * file (a first build's articles/ and report/: ~3,000 renames at 1,000 articles): those not in
   * the folder now, whose staged copy holds exactly this commit's files under it — plain files
   * and folders, nothing else (a file a dead worker staged for an input that then failed would
   * otherwise come in with it).
   */
  private wholeFolders(puts: readonly string[], topKind: (top: string) => PathKind): string[] {
    const under = new Map<string, Set<string>>();
    for (const rel of puts) {
      const top = topName(rel);
      if (top === rel || topKind(top) !== 'absent') continue;
      let files = under.get(top);
      if (!files) under.set(top, (files = new Set()));
      files.add(toPosix(rel));
    }
    const staged = join(this.transaction!, 'files');
    return [...under].filter(([top, files]) => stagedExactly(staged, top, files)).map(([top]) => top);
  }

  /**
   * What each output file was made from and its identity (`source|identity`), for the next
   * build's state: complete once committed. The writer lets go of it: a build that has saved its
   * state holds nothing of it while it hands its inputs over.
   */
  takeOutputs(): Record<string, string> {
    const outputs = this.outputs;
    this.outputs = {};
    return outputs;
  }

  /** Gives up: staged files removed, the folder as it was, the lock released. Safe to call twice. */
  abort(): void {
    this.close();
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    // Nothing is asked of them after this (the files changed are in the report): a few hundred
    // bytes an input that a build would otherwise hold while it hands its inputs over.
    this.putsRead = new Map(); // what was set aside goes with the transaction's folder
    this.stagedIdentities = new Map();
    this.previous = {}; // the last state's outputs (~0.4 KB an input), asked for only before the commit
    this.expected.clear();
    this.checked.clear();
    this.ownedSet = new Set();
    if (this.transaction) {
      try {
        this.fs.rmSync(this.transaction, { recursive: true, force: true });
      } catch {
        // Left for the next run's recovery.
      }
    }
    if (this.lock) {
      this.lock.release();
      removeIfEmpty(join(this.root, STAGING), this.fs);
    }
  }

  /** Files in the folder and under articles/ and report/ that are neither this dataset's nor the last one's (hidden ones aside). */
  private foreignFiles(): string[] {
    const foreign: string[] = [];
    for (const folder of ['', 'articles', 'report']) {
      const dir = join(this.root, folder);
      if (kindOf(dir) !== 'folder') continue;
      for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        const rel = folder ? `${folder}/${entry.name}` : entry.name;
        if (folder === '' && (entry.name.startsWith('.') || entry.isDirectory() || rel === MANIFEST)) continue;
        if (!this.expected.has(rel) && !this.puts.has(rel) && !this.owned.has(rel)) foreign.push(toPosix(relative(process.cwd(), join(dir, entry.name))) || rel);
      }
    }
    return foreign;
  }
}

/** The process id a lock file names, or null when it names none. */
function holderPid(text: string): number | null {
  try {
    const pid = (JSON.parse(text) as { pid?: unknown }).pid;
    return Number.isInteger(pid) ? (pid as number) : null;
  } catch {
    return null;
  }
}

/** Removes the staging folder when nothing is left in it (it goes with the last writer). */
function removeIfEmpty(folder: string, fs: WriteFs): void {
  try {
    if (readdirSync(folder).length === 0) fs.rmSync(folder, { recursive: true, force: true });
  } catch {
    // Already gone, or not ours to judge.
  }
}

function finish(report: OutputReport): OutputReport {
  report.changed.sort();
  report.missing.sort();
  report.extra.sort();
  return report;
}

/** Whether the staged folder `top` (under `staged`) holds the files `files` (POSIX paths from `staged`) and nothing else but the folders they are in (none of them empty). */
function stagedExactly(staged: string, top: string, files: ReadonlySet<string>): boolean {
  let count = 0;
  const walk = (rel: string): boolean => {
    const entries = readdirSync(join(staged, rel), { withFileTypes: true });
    // An empty folder would come in with the rename, where files put one by one bring none.
    if (entries.length === 0) return false;
    for (const entry of entries) {
      const child = `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!walk(child)) return false;
      } else if (!entry.isFile() || !files.has(child)) return false;
      else count++;
    }
    return true;
  };
  try {
    return walk(top) && count === files.size;
  } catch {
    return false;
  }
}

/**
 * Puts a journal's staged files in place and deletes its deleted ones; idempotent (a killed apply
 * is applied again). A folder put in place whole is renamed only while nothing stands at its
 * place (checked just before: the caller holds the folder's lock); else, or once it has moved,
 * its files are what `puts` finds still staged. Returns the folders it put in place whole.
 */
function apply(root: string, transaction: string, journal: Journal, fs: WriteFs, checked: Set<string>): Set<string> {
  const moved = new Set<string>();
  for (const top of Array.isArray(journal.folders) ? journal.folders : []) {
    if (typeof top !== 'string' || topName(top) !== top) continue;
    const staged = join(transaction, 'files', top);
    const target = inside(root, top);
    if (kindOf(staged) !== 'folder' || kindOf(target) !== 'absent') continue;
    try {
      fs.renameSync(staged, target);
    } catch (error) {
      throw fsFailure(error, 'put in place', target);
    }
    moved.add(top);
  }
  for (const rel of journal.puts) {
    if (moved.has(topName(rel))) continue;
    const staged = join(transaction, 'files', rel);
    if (kindOf(staged) !== 'file') continue; // already put in place by the run that was killed
    const target = inside(root, rel);
    makeFolders(root, target, fs, checked);
    try {
      fs.renameSync(staged, target);
    } catch (error) {
      throw fsFailure(error, 'put in place', target);
    }
  }
  for (const rel of journal.deletes) {
    const target = inside(root, rel);
    assertPlainFolders(root, target, checked);
    const kind = kindOf(target);
    if (kind !== 'file' && kind !== 'link') continue; // gone already, or no longer ours to delete
    try {
      fs.unlinkSync(target);
    } catch (error) {
      if (errnoCode(error) !== 'ENOENT') throw fsFailure(error, 'delete', target);
    }
  }
  return moved;
}

/**
 * Finishes or rolls back what killed runs left in `<root>/.staging` (the caller holds the lock,
 * so no live run is writing there): a transaction with a journal had reached its commit point
 * and is applied; any other is dropped, leaving the folder as it was before that run.
 */
function recover(root: string, fs: WriteFs): void {
  const staging = join(root, STAGING);
  for (const name of readdirSync(staging).sort()) {
    if (name === 'lock' || name.startsWith('lock.')) continue;
    const path = join(staging, name);
    if (kindOf(path) === 'folder' && kindOf(join(path, JOURNAL)) === 'file') {
      const text = readPlainFile(join(path, JOURNAL)).bytes?.toString('utf8') ?? '';
      let journal: Journal | null = null;
      try {
        journal = JSON.parse(text) as Journal;
      } catch {
        // A journal is written atomically: an unreadable one was never committed.
      }
      if (journal && Array.isArray(journal.puts) && Array.isArray(journal.deletes)) apply(root, path, journal, fs, new Set());
    }
    fs.rmSync(path, { recursive: true, force: true });
  }
}
