import { createHash } from 'node:crypto';
import { createReadStream, lstatSync, readFileSync, statSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { STAGING, writeAtomicSync } from '../io/atomic.js';
import { fileIdentity } from './cache.js';

/** What a build changed (write mode) or found out of date (check mode). */
export interface OutputReport {
  changed: string[];
  missing: string[];
  extra: string[];
}

/** A table written row by row: `write` appends, `close` puts the file in place (or compares it). */
export interface TableSink {
  write(text: string): Promise<void>;
  close(): Promise<void>;
}

async function hashFile(path: string): Promise<string | null> {
  try {
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
    return hash.digest('hex');
  } catch {
    return null;
  }
}

/** Where and how a file of the dataset is placed: the folder, its staging folder, write or check. */
export interface Placement {
  root: string;
  staging: string;
  mode: 'write' | 'check';
}

/** What placing one file did: same as on disk, written, or (check mode) missing or changed. */
export interface Placed {
  rel: string;
  outcome: 'same' | 'written' | 'missing' | 'changed';
  /** The file's identity after placing, or null when it is not on disk as wanted. */
  identity: string | null;
}

function targetOf(root: string, rel: string): string {
  const target = resolve(root, rel);
  const back = relative(root, target);
  if (back === '' || back.split(sep)[0] === '..' || isAbsolute(back)) throw new Error(`refusing to write outside ${root}: ${rel}`);
  return target;
}

/** Folders already checked for symbolic links, per thread (a build creates no links). */
const linkFree = new Set<string>();

function refuseLinks(root: string, target: string): void {
  let current = root;
  for (const part of relative(root, dirname(target)).split(sep).filter(Boolean)) {
    current = join(current, part);
    if (linkFree.has(current)) continue;
    const info = lstatSync(current, { throwIfNoEntry: false });
    if (info?.isSymbolicLink()) throw new Error(`refusing to write through the symbolic link ${current}`);
    if (info?.isDirectory()) linkFree.add(current);
  }
}

function identityOf(target: string): string | null {
  // Synchronous on purpose: thousands of these in an unchanged rebuild cost ~6× more through the thread pool.
  const info = statSync(target, { bigint: true, throwIfNoEntry: false });
  return info ? fileIdentity(info) : null;
}

function readOrNull(target: string): Buffer | null {
  try {
    return readFileSync(target);
  } catch {
    return null;
  }
}

/**
 * Places one file of the dataset: compares it with what is on disk and, in write mode, writes
 * it atomically when it differs — never outside the folder, never through a symbolic link.
 * Worker threads call this for the records and pages they make, so those bytes never cross
 * to the main thread. Synchronous on purpose: these files are small, and on a worker thread
 * each asynchronous call is a round trip through libuv's shared pool with the worker idle.
 */
export function placeFile(where: Placement, rel: string, content: string | Uint8Array): Placed {
  const target = targetOf(where.root, rel);
  const bytes = typeof content === 'string' ? Buffer.from(content) : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  const current = readOrNull(target);
  if (current !== null && current.equals(bytes)) return { rel, outcome: 'same', identity: identityOf(target) };
  if (where.mode === 'check') return { rel, outcome: current === null ? 'missing' : 'changed', identity: null };
  refuseLinks(where.root, target);
  writeAtomicSync(target, bytes, where.staging);
  return { rel, outcome: 'written', identity: identityOf(target) };
}

/**
 * The dataset folder a build writes into, or checks against. Every file goes through here:
 * written atomically only when its content differs, never through a symbolic link or outside
 * the folder; in check mode nothing is written and differences are collected instead.
 * Remembers each file's identity and the source it was made from, so an unchanged file whose
 * source is unchanged is not even read.
 */
export class DatasetOutput {
  readonly report: OutputReport = { changed: [], missing: [], extra: [] };
  /** Output file → `source|identity`, for the next build's state. */
  readonly outputs: Record<string, string> = {};
  private readonly expected = new Set<string>();
  private readonly root: string;
  private readonly staging: string;
  private counter = 0;

  constructor(
    root: string,
    private readonly mode: 'write' | 'check',
    private readonly previous: Readonly<Record<string, string>>,
  ) {
    this.root = resolve(root);
    this.staging = join(this.root, STAGING);
  }

  /** Prepares the folder: a killed build's fragments are in the staging folder only. */
  async open(): Promise<void> {
    linkFree.clear();
    if (this.mode === 'check') return;
    await mkdir(this.root, { recursive: true });
    await rm(this.staging, { recursive: true, force: true });
  }

  /** Where this output places files (for worker threads). */
  get placement(): Placement {
    return { root: this.root, staging: this.staging, mode: this.mode };
  }

  /** True when `rel` was made from `source` last time and is untouched since: nothing to do. */
  async unchanged(rel: string, source: string): Promise<boolean> {
    const before = this.previous[rel];
    if (source === '') return false; // no known source: compare the content
    if (before === undefined || !before.startsWith(`${source}|`)) return false;
    const now = identityOf(targetOf(this.root, rel));
    if (now === null || before !== `${source}|${now}`) return false;
    this.expected.add(rel);
    this.outputs[rel] = before;
    return true;
  }

  /** Writes (or checks) one file whose content is known (or made on demand, only when needed). */
  async file(rel: string, source: string, content: string | Uint8Array | (() => Promise<string | Uint8Array>)): Promise<void> {
    if (await this.unchanged(rel, source)) return;
    this.record(source, placeFile(this.placement, rel, typeof content === 'function' ? await content() : content));
  }

  /** Takes note of a file placed elsewhere (by a worker thread) from `source`. */
  record(source: string, placed: Placed): void {
    this.expected.add(placed.rel);
    if (placed.outcome === 'missing') this.report.missing.push(placed.rel);
    else if (placed.outcome !== 'same') this.report.changed.push(placed.rel);
    // Only a file on disk as wanted has an identity to remember.
    if (placed.identity !== null) this.outputs[placed.rel] = `${source}|${placed.identity}`;
  }

  /** Opens a table to be written row by row; compared by hash with what is there. */
  async table(rel: string, source: string): Promise<TableSink | null> {
    if (await this.unchanged(rel, source)) return null;
    this.expected.add(rel);
    const target = targetOf(this.root, rel);
    const hash = createHash('sha256');
    let handle: FileHandle | null = null;
    let temp = '';
    if (this.mode === 'write') {
      refuseLinks(this.root, target);
      await mkdir(this.staging, { recursive: true });
      temp = join(this.staging, `${process.pid}-table-${++this.counter}.tmp`);
      handle = await open(temp, 'w');
    }
    let pending = '';
    const flush = async () => {
      if (handle && pending) await handle.write(pending);
      pending = '';
    };
    return {
      write: async (text: string) => {
        hash.update(text);
        if (!handle) return;
        pending += text;
        if (pending.length > 1 << 16) await flush();
      },
      close: async () => {
        await flush();
        await handle?.close();
        const digest = hash.digest('hex');
        const current = await hashFile(target);
        if (current === digest) {
          if (temp) await rm(temp, { force: true });
          await this.remember(rel, source, target);
          return;
        }
        if (this.mode === 'check') {
          (current === null ? this.report.missing : this.report.changed).push(rel);
          return;
        }
        await mkdir(dirname(target), { recursive: true });
        await rename(temp, target);
        this.report.changed.push(rel);
        await this.remember(rel, source, target);
      },
    };
  }

  private async remember(rel: string, source: string, target: string): Promise<void> {
    const now = identityOf(target);
    if (now !== null) this.outputs[rel] = `${source}|${now}`;
  }

  /**
   * Finishes: files under the given folders that this build did not make are stale —
   * removed (write mode) or reported (check mode); staging is cleared.
   */
  async close(folders: readonly string[]): Promise<OutputReport> {
    for (const folder of folders) {
      const names = (await readdir(join(this.root, folder)).catch(() => [] as string[])).sort();
      for (const name of names) {
        const rel = `${folder}/${name}`;
        if (this.expected.has(rel)) continue;
        const isTemp = name.endsWith('.tmp');
        if (this.mode === 'check') {
          if (!isTemp) this.report.extra.push(rel);
          continue;
        }
        await rm(join(this.root, folder, name), { force: true, recursive: true });
        if (!isTemp) this.report.changed.push(rel);
      }
    }
    if (this.mode === 'write') await rm(this.staging, { recursive: true, force: true });
    this.report.changed.sort();
    this.report.missing.sort();
    this.report.extra.sort();
    return this.report;
  }
}
