import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Pipeline } from '../core/pipeline.js';
import { packagePath } from '../core/paths.js';

/**
 * Bumped when the layout of cache entries or of the state file changes: it is part of every key
 * and of the state, so a cache of another format is never read (its inputs are ingested again and
 * its packs pruned). 6: an entry's rows as written, not escaped again as JSON strings (cache-entry.ts).
 * 8: the state keeps each article's change (cache.ts, KeptChange).
 */
export const CACHE_FORMAT = 8;

let codeVersion: string | null = null;

function hashTree(hash: ReturnType<typeof createHash>, dir: string): void {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) hashTree(hash, path);
    else if (/\.(?:js|ts|json|css)$/.test(name) && !name.endsWith('.d.ts')) hash.update(name).update(readFileSync(path));
  }
}

/**
 * The folders whose files make the output: the compiled code that runs (dist/src, or src when
 * run from source) and the review pages' stylesheet and script (assets/), which every page inlines.
 */
export function codeTrees(): string[] {
  return [codeTree(fileURLToPath(import.meta.url)), packagePath('assets')];
}

/**
 * The tree of the code that runs, from where this module is: <root>/{dist/src,src}/dataset/keys.{js,ts}
 * is in the tree two folders up. Elsewhere it is in the CLI bundle (dist/cli/digest.cjs, made
 * from dist/src by scripts/bundle-cli.mjs), whose code is dist/src's: the key is the same
 * whichever of the two runs a build.
 */
export function codeTree(here: string): string {
  return /[\\/]dataset[\\/]keys\.[jt]s$/.test(here) ? dirname(dirname(here)) : packagePath('dist', 'src');
}

/** A hash of the code files (.js, .ts, .json, .css) under some folders, names and contents, in name order. */
export function treesFingerprint(trees: readonly string[]): string {
  const hash = createHash('sha256');
  for (const tree of trees) hashTree(hash.update('\0tree\0'), tree);
  return hash.digest('hex');
}

/**
 * The code's part of every cache key: the package version and a hash of the code trees, so any
 * change to a stage — or to the pages' stylesheet or script — invalidates.
 */
export function codeFingerprint(): string {
  codeVersion ??= createHash('sha256').update(`format ${CACHE_FORMAT}\0`).update(readFileSync(packagePath('package.json'))).update(treesFingerprint(codeTrees())).digest('hex');
  return codeVersion;
}

/**
 * A model's path as its stage's messages name it (core/models.ts: relative to the working
 * directory), not absolute: a project moved with its models keys its inputs as before.
 */
function shownPath(path: string): string {
  return relative(process.cwd(), path);
}

/**
 * The sha256 of a model file's bytes, read a MiB at a time (a model is tens to hundreds of MB), or
 * null when it cannot be read (its stage says so when it loads the model). Its size and times are
 * not what a record depends on: a `cp -r` of the folder gives every file new times over the same
 * bytes, and a same-size edit can keep its time (`touch -r`, an unpacked archive).
 */
function modelFileHash(path: string): string | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  try {
    if (!fstatSync(fd).isFile()) return null;
    const hash = createHash('sha256');
    const chunk = new Uint8Array(1 << 20);
    for (let read = readSync(fd, chunk); read > 0; read = readSync(fd, chunk)) hash.update(chunk.subarray(0, read));
    return hash.digest('hex');
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/** The models a pipeline's optional stages load, as each file's name and the hash of its bytes: part of the key. */
function modelFingerprint(pipeline: Pipeline): string {
  const hash = createHash('sha256');
  for (const stage of pipeline.stages) {
    const options = stage.options as { model?: unknown; modelId?: unknown };
    if (typeof options.model !== 'string' || typeof options.modelId !== 'string') continue;
    const dir = join(dirname(pipeline.file), options.model, options.modelId);
    const walk = (path: string): void => {
      let info;
      try {
        info = statSync(path);
      } catch {
        hash.update(`${shownPath(path)}\0absent\0`);
        return;
      }
      if (info.isDirectory()) for (const name of readdirSync(path).sort()) walk(join(path, name));
      else hash.update(`${shownPath(path)}\0${modelFileHash(path) ?? 'unreadable'}\0`);
    };
    walk(dir);
  }
  return hash.digest('hex');
}

/** The configuration part of a key: code, pipeline file, data files and models. */
export function configFingerprint(pipeline: Pipeline): string {
  return createHash('sha256').update(codeFingerprint()).update(pipeline.fingerprint).update(modelFingerprint(pipeline)).digest('hex');
}

/** The cache key of one input: configuration, path, id and content. */
export function entryKey(config: string, path: string, id: string, renamedFrom: string | null, sha256: string): string {
  return createHash('sha256').update(`${config}\0${path}\0${id}\0${renamedFrom ?? ''}\0${sha256}`).digest('hex');
}
