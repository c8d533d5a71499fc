// A build worker's entry (piscina's `filename`, src/dataset/runner.ts): the worker's code loaded
// the way the CLI's is (bin/load.js; issue 17: two workers). `npm run build` bundles
// dist/src/dataset/worker.js and what it imports into one CommonJS file, dist/cli/worker.cjs
// (scripts/bundle-cli.mjs), and keeps V8's code cache of it beside it, made by the workers of a
// build, so that a worker neither resolves and compiles dist/src's ~90 ES modules one by one nor
// compiles the pipeline's functions as it first runs them: each worker isolate did all of that
// for itself. CommonJS, so piscina's require() takes this file at once (an ES module entry is
// first tried with require(), then imported through Node's ES module loader).
//
// Which code to run the main thread decides, once, and tells each worker in `workerData.code`
// (src/dataset/runner.ts, `workerCode`): the bundle only when told 'bundle' — the CLI bundle runs
// there, which bin/load.js runs only while the dist/src files it and this bundle were made from
// are unchanged (one list, dist/cli/digest.cjs.sources) — else dist/src/dataset/worker.js, the
// same code module by module: a worker never runs code other than the dist/src whose hash keys
// the build's cache (src/dataset/keys.ts). Each worker checked the list itself before: 2–3 ms of
// CPU a worker (issue 17). A cache V8 refuses (another Node, other V8 flags) only costs the
// compiling.
'use strict';
const { renameSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');
const vm = require('node:vm');
const { threadId, workerData } = require('node:worker_threads');
// The bundle and its cache read without a block of their size malloc'd and freed (see there).
const { readCodeCache, readLatin1 } = require('./read.cjs');

const root = join(__dirname, '..');
/** The worker bundle scripts/bundle-cli.mjs writes and its code cache. */
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

/** The task piscina calls: the bundle's when the main thread says 'bundle', else dist/src's. */
function loadTask() {
  if (workerData?.code !== 'bundle') {
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
