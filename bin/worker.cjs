// A build worker's entry (piscina's `filename`, src/dataset/runner.ts): the worker's code loaded
// the way the CLI's is (bin/load.js; issue 17: two workers). `npm run build` bundles
// dist/src/dataset/worker.js and what it imports into one CommonJS file, dist/cli/worker.cjs
// (scripts/bundle-cli.mjs), and keeps V8's code cache of it beside it, made by the workers of a
// build, so that a worker neither resolves and compiles dist/src's ~90 ES modules one by one nor
// compiles the pipeline's functions as it first runs them: each worker isolate did all of that
// for itself. CommonJS, so piscina's require() takes this file at once (an ES module entry is
// first tried with require(), then imported through Node's ES module loader).
//
// Without a bundle, or with one that is no longer dist/src's code (bin/load.js's rule: dist/src
// compiled again without the bundle step), the worker is dist/src/dataset/worker.js, the same
// code module by module: a worker never runs code other than the dist/src whose hash keys the
// build's cache (src/dataset/keys.ts). A cache V8 refuses (another Node, other V8 flags) only
// costs the compiling.
'use strict';
const { existsSync, readFileSync, renameSync, statSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');
const vm = require('node:vm');
const { threadId } = require('node:worker_threads');
// The bundle and its cache read without a block of their size malloc'd and freed (see there).
const { readCodeCache, readLatin1 } = require('./read.cjs');

/**
 * bin/load.js's rule for whether a bundle is dist/src's code as it is now (`listedUnchanged`),
 * taken from that file's text: stated once, and no module more on the CLI's start path (importing
 * load.js here would run it: V8 flags, the CLI bundle's own check). A load.js without the function
 * is an error, not a bundle trusted.
 */
function bundleRule() {
  const text = readFileSync(join(__dirname, 'load.js'), 'utf8');
  const start = text.indexOf('\nfunction listedUnchanged(');
  const end = text.indexOf('\n}\n', start);
  if (start < 0 || end < 0) throw new Error('bin/worker.cjs: bin/load.js holds no listedUnchanged function');
  return new Function('readFileSync', 'statSync', `return ${text.slice(start + 1, end + 2)}`)(readFileSync, statSync);
}

const root = join(__dirname, '..');
/** The worker bundle scripts/bundle-cli.mjs writes, its list of sources and its code cache. */
const bundleFile = join(root, 'dist', 'cli', 'worker.cjs');
const cacheFile = `${bundleFile}.cache`;

/**
 * Set by scripts/bundle-cli.mjs only, for the build it runs to make the code cache: after each
 * task the worker writes the cache of what it has compiled so far to this path (through a
 * temporary file of its own, then a rename: the last task of either worker leaves a whole cache).
 */
const cacheOut = process.env.DIGEST_WORKER_CODE_CACHE_OUT;

/** Runs the bundle in this thread's context from its source and code cache; its `ingestTask` and the script. */
function runBundle() {
  const source = readLatin1(bundleFile); // ASCII, as scripts/bundle-cli.mjs writes it: Latin-1 reads it the fastest
  let cachedData;
  try {
    cachedData = cacheOut ? undefined : readCodeCache(cacheFile);
  } catch {
    cachedData = undefined; // none: compiled as it runs
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname, __bundleImport) {${source}\n})`, { filename: bundleFile, cachedData });
  const module = { exports: {} };
  // import() of what the bundle leaves outside (the optional model runtime): code V8 takes from a
  // code cache has no dynamic-import callback in Node 20, so the bundle calls this module's.
  const bundleImport = (specifier) => import(specifier);
  script.runInThisContext().call(module.exports, module.exports, require('node:module').createRequire(bundleFile), module, bundleFile, join(root, 'dist', 'cli'), bundleImport);
  const codeCache = cachedData === undefined ? 'absent' : script.cachedDataRejected ? 'rejected' : 'used';
  return { task: module.exports.default, script, codeCache };
}

/** The task piscina calls: the bundle's, or dist/src's when there is no current bundle. */
function loadTask() {
  if (!existsSync(bundleFile) || !bundleRule()(`${bundleFile}.sources`, `${root}/`)) {
    return import(pathToFileURL(join(root, 'dist', 'src', 'dataset', 'worker.js')).href).then((m) => {
      exports.codeCache = 'no bundle';
      return m.default;
    });
  }
  const { task, script, codeCache } = runBundle();
  exports.codeCache = codeCache;
  if (!cacheOut) return task;
  return async (input) => {
    const entry = await task(input);
    const temporary = `${cacheOut}.${process.pid}.${threadId}`;
    writeFileSync(temporary, script.createCachedData());
    renameSync(temporary, cacheOut);
    return entry;
  };
}

// piscina takes an ES-module-shaped export: `default` is the task (or a promise of it, awaited).
exports.__esModule = true;
/** Whether V8 used the worker bundle's code cache: 'used', 'rejected', 'absent', or 'no bundle' (dist/src's modules). */
exports.codeCache = 'not loaded';
exports.default = loadTask();
