// The CLI's code, loaded the fastest way there is (issues 15 and 17: start-up). `npm run build`
// bundles it into one file, dist/cli/digest.cjs (scripts/bundle-cli.mjs: ~40 modules resolved
// and compiled one by one cost more than the work of a page), and keeps V8's code caches of it
// beside it, made after running the commands once, so that neither the bundle nor the functions a
// command runs are compiled again. A cache V8 refuses (another Node, other V8 flags) only costs
// the compiling. Without a bundle (dist built by tsc alone, or the package as npm installs it,
// which does not ship one) the CLI is dist/src/cli/main.js, the same code module by module.
// Node's modules as CommonJS gives them (process.getBuiltinModule), not imported: an ES module
// import of one builds a facade of its every export (node:fs's ~100, its lazy getters read):
// the six cost ~4 M instructions more of every start (issue 17).
const { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync, statSync } = process.getBuiltinModule('node:fs');
const { createRequire } = process.getBuiltinModule('node:module');
const { dirname } = process.getBuiltinModule('node:path');
const { fileURLToPath } = process.getBuiltinModule('node:url');
const { setFlagsFromString } = process.getBuiltinModule('node:v8');
const vm = process.getBuiltinModule('node:vm');

/**
 * V8's flags for the CLI, set before the bundle is compiled, and so also when its code caches are
 * made (V8 checks the flags before it takes a cache). They hold for the whole process, the build's
 * worker threads included. None changes what the code computes (a 300-article corpus builds
 * byte-identical with and without them); each was measured (BENCHMARKS.md, issue 17):
 * - `--regexp-tier-up-ticks=0`: each regular expression made from now on compiled once, to machine
 *   code. By default V8 compiles one to bytecode first and again to machine code at its second use,
 *   building its character classes twice: the reference parser's name patterns made a one-article
 *   `digest ingest` spend ~half its CPU compiling them. Matching is the same; steady-state speed too.
 *   Not `--no-regexp-tier-up`, which did the same for new patterns but, set in a running process,
 *   changed how V8 runs one it had already compiled to bytecode: a host process that had run
 *   patterns of its own before importing this module (vitest's fork) died of SIGSEGV in V8's
 *   regexp code. The ticks only say where a new pattern starts.
 * - `--interrupt-budget` at 8× Node 20's default (66 KB of bytecode run before a function is
 *   considered for optimisation): V8 optimised far more functions than paid back, on helper
 *   threads whose CPU the process pays: a one-article ingest ~5% fewer instructions, a cold build
 *   of 300 articles (two workers) 11.8 → 10.4 s of CPU. Hot code is still optimised, later.
 * - `--semi-space-growth-factor=16` (default 2): the young generation grows to its usual size in
 *   one step instead of four, so a one-article ingest scavenges 3 times instead of 9, promotes
 *   less, and stays under the old generation's first limit: no major GC (~8% fewer instructions).
 *   The young generation's maximum is unchanged: a build's peak RSS stays the same (253–262 MB
 *   against 253–256 at 300 articles). Once loaded, a long command sets it back to 2, and `text` and a
 *   short ingest or refs to 1 ({@link flagsAfterLoad}).
 * - `--bytecode-size-allowance-per-tick=150`: V8's own default, stated so that a build's setting
 *   ({@link flagsAfterLoad}) can be put back when a code cache is made after it.
 */
export const v8Flags = ['--regexp-tier-up-ticks=0', '--interrupt-budget=540672', '--semi-space-growth-factor=16', '--bytecode-size-allowance-per-tick=150'];
/**
 * Node's modules every command loads (crypto for hashing, os for the CPU count), loaded before the
 * flags below are set: Node compiles its own modules from a code cache built into the binary, which
 * V8 takes only under the flags it was made with, so a module loaded after a flag changes is
 * compiled from source (zlib, worker_threads and readline 4.2–4.8 ms before a flag, 9.2–11.5 ms
 * after; BENCHMARKS.md, changes 100 and 101). Not node:net, which only a CLI writing to a pipe or a
 * terminal loads (a caller with an io of its own never does: tests/package/bundle.test.ts): the
 * CLI's launcher, bin/digest.js, makes its two streams before it imports this module (change 102).
 */
export const builtinsBeforeFlags = ['node:crypto', 'node:os'];
for (const name of builtinsBeforeFlags) process.getBuiltinModule(name);
// Two more of Node's modules made on first use, so touched here: node:util's parseArgs (a getter
// that loads two modules), with which every command reads its options, and the initialiser of
// `import.meta`, which this module reads.
void process.getBuiltinModule('node:util').parseArgs;
const moduleUrl = import.meta.url;
for (const flag of v8Flags) setFlagsFromString(flag);

/** The CLI bundle scripts/bundle-cli.mjs writes. */
export const bundleFile = fileURLToPath(new URL('../dist/cli/digest.cjs', moduleUrl));

/** `digest text`'s bundle (see {@link ownBundles}). */
export const textBundleFile = fileURLToPath(new URL('../dist/cli/text.cjs', moduleUrl));
const ingestBundleFile = fileURLToPath(new URL('../dist/cli/ingest.cjs', moduleUrl));

/** The commands with a bundle of their own, run while current: the CLI less what they never run (each MB ~500 faults twice). */
export const ownBundles = new Map([
  ['text', textBundleFile],
  ['ingest', ingestBundleFile],
  ['refs', ingestBundleFile],
]);

/** `command`'s own bundle, if current. */
function ownBundle(command) {
  const file = ownBundles.get(command);
  return file !== undefined && stateOf(file) === 'current' ? file : undefined;
}

/**
 * V8's code cache of the bundle for a command, beside it. V8 reads a whole cache when it compiles,
 * so a command that runs a fraction of the CLI has its own, made after running it alone: those
 * with their own bundle (refs takes ingest's), and --version, help or no command at all (the CLI's
 * own code). Every other command takes the cache made after running --version, text and ingest.
 */
export function codeCacheFile(command) {
  const own = ownBundle(command);
  if (own !== undefined) return `${own}.cache`;
  if (command === undefined || command === 'help' || command.startsWith('-')) return `${bundleFile}.cli.cache`;
  return `${bundleFile}.cache`;
}

/**
 * Runs the CommonJS bundle in this context from its source and a code cache; returns its exports
 * and the script (whose cache the build writes). A long command (`long`: glibc's thresholds
 * matter for the rest of its run) reads them with bin/read.cjs's `readLatin1` and `readCodeCache`;
 * a short one with {@link readShort}: its process ends soon after.
 */
function runBundle(file, cacheFile, long) {
  // Required only here: a short command does not pay for loading it.
  const { readLatin1, readCodeCache } = long ? createRequire(moduleUrl)('./read.cjs') : {};
  let read;
  let cachedData;
  let spare;
  if (long) {
    read = readLatin1(file);
    try {
      cachedData = readCodeCache(cacheFile);
    } catch {
      cachedData = undefined; // none yet: the build is writing it
    }
  } else ({ read, cachedData, spare } = readShort(file, cacheFile));
  // The file is the module in its function (V8 compiles the text read, no 1.9 MB copy flattened); an older build's is bare.
  const source = read.startsWith('(function (') ? read : `(function (exports, require, module, __filename, __dirname, __bundleImport) {${read}\n})`;
  const script = new vm.Script(source, { filename: file, cachedData });
  const module = { exports: {} };
  // import() of what the bundle leaves outside (piscina, the optional model runtime): this module's, which resolves from the same root.
  const bundleImport = (specifier) => import(specifier);
  script.runInThisContext().call(module.exports, module.exports, createRequire(file), module, file, dirname(file), bundleImport);
  // The read's buffer is dead now (the text copied into a string, the cache consumed by the compile)
  // and its pages resident: lent to the compiled data's reads (src/core/lent-buffer.ts).
  if (spare !== undefined) module.exports.lendReadBuffer?.(spare);
  return { main: module.exports.main, shortRun: module.exports.shortRun, script, codeCache: cachedData === undefined ? 'absent' : script.cachedDataRejected ? 'rejected' : 'used' };
}

/**
 * A short command's bundle as Latin-1 text (ASCII, as written: the fastest read; a copy), then its
 * code cache read over the same bytes, pages already faulted in: a buffer of its own took ~280
 * fresh ones (~10 µs each here) for ingest's (issue 17: start-up). The buffer is the larger of the
 * two files' sizes, so that a bundle smaller than its cache (ingest's, once it left its validators
 * to parts) still shares it. No cache yet: undefined. And the buffer itself (`spare`), whose pages
 * the compiled data's reads take once the script is compiled ({@link runBundle}).
 */
function readShort(file, cacheFile) {
  let cacheFd;
  try {
    cacheFd = openSync(cacheFile, 'r');
  } catch {
    cacheFd = undefined;
  }
  try {
    const cacheSize = cacheFd === undefined ? 0 : fstatSync(cacheFd).size;
    const fd = openSync(file, 'r');
    let bytes;
    let length;
    try {
      const size = fstatSync(fd).size;
      bytes = Buffer.allocUnsafe(Math.max(size, cacheSize));
      length = readInto(fd, bytes, size);
    } finally {
      closeSync(fd);
    }
    const read = bytes.latin1Slice(0, length);
    if (cacheFd === undefined) return { read, cachedData: undefined, spare: bytes };
    try {
      return { read, cachedData: bytes.subarray(0, readInto(cacheFd, bytes, cacheSize)), spare: bytes };
    } catch {
      return { read, cachedData: undefined, spare: bytes };
    }
  } finally {
    if (cacheFd !== undefined) closeSync(cacheFd);
  }
}

/** Reads up to `size` bytes of `fd` from its start into `bytes`; the count read. */
function readInto(fd, bytes, size) {
  let at = 0;
  for (let n; at < size && (n = readSync(fd, bytes, at, size - at, at)) > 0; ) at += n;
  return at;
}

/**
 * Whether every file a bundle was made from (listed with its size and modification time by
 * scripts/bundle-cli.mjs in `sourcesFile`, paths from `base`) is unchanged: by default the list of
 * the CLI's bundle, which holds the build workers' sources too, so that this one check, made once
 * here, stands for both bundles (src/dataset/runner.ts's `workerCode` tells the workers; the tests
 * name another list). dist/src compiled again without the bundle step would otherwise run old
 * code, and a build would file that code's records under the new code's cache key.
 */
export function bundleIsCurrent(sourcesFile = `${bundleFile}.sources`, base = fileURLToPath(new URL('..', moduleUrl))) {
  let listed;
  try {
    listed = JSON.parse(readFileSync(sourcesFile, 'utf8'));
  } catch {
    return false;
  }
  if (!Array.isArray(listed) || listed.length === 0) return false;
  for (const [path, size, mtimeMs] of listed) {
    let stat;
    try {
      stat = statSync(`${base}${path}`);
    } catch {
      return false;
    }
    if (stat.size !== size || stat.mtimeMs !== mtimeMs) return false;
  }
  return true;
}

const states = new Map();

/** 'current', 'stale' or 'absent': a bundle and its list ({@link bundleIsCurrent}), asked at first need: `text` checks its own list alone (47 files, not 115). */
function stateOf(file) {
  let state = states.get(file);
  if (state === undefined) {
    state = !existsSync(file) ? 'absent' : bundleIsCurrent(`${file}.sources`) ? 'current' : 'stale';
    states.set(file, state);
  }
  return state;
}

/** The whole CLI: its bundle, or dist/src where that is not current, said once by the thread that loads it (build's and merge's: ./thread.js). */
function loadWhole(argv) {
  const state = stateOf(bundleFile);
  if (state === 'current') return runBundle(bundleFile, codeCacheFile(argv[0]), longCommands.has(argv[0]));
  if (state === 'stale') process.stderr.write('digest: dist/cli/digest.cjs is older than dist/src (run npm run build); running dist/src\n');
  return import('../dist/src/cli/main.js').then((cli) => ({ ...cli, script: null, codeCache: state === 'stale' ? 'stale bundle' : 'no bundle' }));
}

/** Whether `error` says dist/ was never built (no bundle, no dist/src/cli/main.js). */
export function notBuilt(error) {
  return error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/src/cli/main.js');
}

/** What the launcher says then (./digest.js, ./thread.js), exit 2. */
export const NOT_BUILT = 'digest: dist/ is not built (was npm ci run with --ignore-scripts?): run npm run build once\n';

/** The CLI as the first command loaded it: a bundle of its own (`only`: the file) or the whole. */
let loaded = null;
/** The whole CLI (a promise), for a later command the first's own bundle lacks. */
let whole = null;

/**
 * The commands that run long (every input of a dataset): once the CLI is loaded they set the young
 * generation's growth back to V8's default. `--semi-space-growth-factor=16` saves a one-shot
 * command scavenges, but a build's main thread then holds the young generation at its maximum
 * (2 × 16 MB) for the whole run: ~35 MB more peak RSS at 1,000 inputs (BENCHMARKS.md, issue 17).
 * Set after the load, not before, so the bundle's one code cache serves every command (V8 takes a
 * cache only under the flags it was made with).
 */
export const longCommands = new Set(['build', 'merge', 'validate']);

/**
 * The commands bin/digest.js runs on a thread of their own (./thread.js): those that take every
 * input of a dataset. Here, not in ./thread.js, so that no other command loads that module.
 */
export const threadCommands = new Set(['build', 'merge']);

/**
 * The `--concurrency` (`-j`) a command's arguments ask for, as the CLI reads them (the last one
 * given; its default the machine's parallelism); NaN when it is not a number (the CLI says so).
 */
export function concurrencyOf(argv, parallelism = process.getBuiltinModule('node:os').availableParallelism()) {
  let value;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') break;
    if (arg === '-j' || arg === '--concurrency') value = argv[++i];
    else if (arg.startsWith('--concurrency=')) value = arg.slice('--concurrency='.length);
    else if (/^-j./.test(arg)) value = arg.slice(2);
  }
  return value === undefined ? parallelism : Number(value);
}

/**
 * What `digest build` sets once loaded when it may start workers (not under `-j 1`): V8 considers a function for TurboFan after it has run
 * through the interrupt budget 3 + (its bytecode's length ÷ this) times (V8's default 150), so a
 * lower number makes large functions wait longer. A build's TurboFan compiles were dearest for
 * the large ones (a stage's `run`, the article page's `richText`, facts' `outcomesOf`: 100–450 ms
 * of a compiler thread each), every build worker compiling them again, for functions each run
 * once or a few times an article; their loops stay in baseline code. Two-worker builds of 1,000
 * articles: CPU −19 %, the compiler threads' halved. Not on one thread, where that code pays for
 * its compiling (300 articles: +6 %; BENCHMARKS.md, change 151). Set after the load, so the CLI's
 * code cache stands; the workers' cache is made by a two-worker build, under it.
 */
export const BUILD_OPTIMISATION_ALLOWANCE = '--bytecode-size-allowance-per-tick=30';

/**
 * What `digest build` also sets once loaded when it may start workers: each young-generation
 * collection (scavenge) done by the thread whose heap it is, and the array buffers it frees swept
 * there too, instead of handed to V8's helper threads. With two workers on two cores there is no
 * idle core for the helpers: a worker scavenges ~2 times an article, and each time it posted the
 * work to Node's platform queue (a lock the other threads take too) and then waited for helpers
 * that had to take a core from the other worker — off the CPU, neither running nor waiting to run:
 * 0.3–1.5 s a worker in a 300-article build under load, 296 of its 410 sleeps inside a scavenge.
 * Without: that time −67 % (median), two workers' CPU −13 % (BENCHMARKS.md, change 157). V8
 * reads both at each collection, so they are safe to set in a running process (not
 * `--single-threaded-gc` or `--no-parallel-marking`: set after V8 started, a build crashed), and
 * neither is among the flags a code cache is checked against. Not on one thread, whose helpers
 * have the idle core.
 */
export const BUILD_WORKERS_GC = ['--no-parallel-scavenge', '--no-concurrent-array-buffer-sweeping'];

/**
 * The V8 flags a command sets once the CLI is loaded: see {@link longCommands} and, for a build,
 * {@link BUILD_OPTIMISATION_ALLOWANCE} and {@link BUILD_WORKERS_GC}; and for a short
 * run (the CLI's `shortRun`: `ingest` or `refs` of a few files, up to 192 and 32 KB):
 * - `--no-regexp-optimization`: V8 then compiles each regular expression without its match-time
 *   optimisations (Boyer-Moore look-ahead, quick checks), which such a run pays far more for than it
 *   gets back: ~400 patterns compiled to run a few times each. Matching is the same; one article's
 *   ingest ~110 M fewer instructions (−9 %). A long run keeps them: refs of 1,464 references took
 *   21 % more instructions without, and a warm process matching 200 articles was 19–43 % slower an
 *   article (BENCHMARKS.md, issue 17).
 * - `--semi-space-growth-factor=1`: the young generation stays at its first size (1 MB a
 *   semispace) instead of growing 16× at the second scavenge. The growth maps 32 MB, and the run
 *   then allocates into fresh pages the kernel must fault in one by one (~10 µs each on the 2-core
 *   machine); kept small, the same pages are reused scavenge after scavenge. One article's ingest:
 *   ~700 fewer minor faults and ~20 ms less CPU, for a few more scavenges (+1–4 % instructions;
 *   BENCHMARKS.md, issue 17: start-up).
 * `text` (one page, of any size) keeps its young generation at its first size too, for the same
 * reason, its patterns optimised as a long run's: a whole `digest text` of pages of 4 KB to 3.4 MB
 * took less CPU and ~250–7,000 fewer faults so (BENCHMARKS.md, change 74).
 * Decided by the first command a process runs, as the rest.
 */
export function flagsAfterLoad(command, argv = [command], shortRun = () => false) {
  const flags = longCommands.has(command) ? ['--semi-space-growth-factor=2'] : command === 'text' ? ['--semi-space-growth-factor=1'] : [];
  if (command === 'build' && concurrencyOf(argv) !== 1) flags.push(BUILD_OPTIMISATION_ALLOWANCE, ...BUILD_WORKERS_GC);
  if (shortRun(argv)) flags.push('--no-regexp-optimization', '--semi-space-growth-factor=1');
  return flags;
}

/** The flags {@link flagsAfterLoad} gave the first command of this process, once set. */
let applied = [];

/**
 * The first command's load, begun synchronously by the first call, so that calls made before it
 * settles share it (else each loaded the CLI again and said a stale bundle's warning again).
 */
let loading = null;

async function loadFirst(argv) {
  const own = ownBundle(argv[0]);
  const cli = own !== undefined ? { ...runBundle(own, codeCacheFile(argv[0]), false), only: own } : await loadWhole(argv);
  applied = flagsAfterLoad(argv[0], argv, cli.shortRun);
  for (const flag of applied) setFlagsFromString(flag);
  loaded = cli;
  return cli;
}

/** The CLI's entry: `main(argv, io?)` resolves to the exit code. */
export async function main(argv, io) {
  loading ??= loadFirst(argv);
  const first = await loading;
  if (first.only === undefined || ownBundles.get(argv[0]) === first.only) return first.main(argv, io);
  whole ??= Promise.resolve(underLoadFlags(() => loadWhole(argv)));
  return (await whole).main(argv, io);
}
/** The V8 flags set after the CLI was loaded (by the first command: see {@link flagsAfterLoad}). */
export const flagsSet = () => [...applied];
/** Whether V8 used the code cache: 'used', 'rejected', 'absent', 'no bundle', 'stale bundle', or 'not loaded' before the first call. */
export const codeCache = () => loaded?.codeCache ?? 'not loaded';
/** `flag` (from {@link flagsAfterLoad}) as the load left it: its {@link v8Flags} setting, or `--x` for `--no-x`. */
function flagAtLoad(flag) {
  const name = flag.replace(/^--(?:no-)?/, '').split('=')[0];
  const atLoad = v8Flags.find((f) => f.replace(/^--(?:no-)?/, '').split('=')[0] === name);
  if (atLoad !== undefined) return atLoad;
  if (flag.startsWith('--no-') && !flag.includes('=')) return `--${name}`;
  throw new Error(`bin/load.js: give ${flag} a setting in v8Flags`);
}

/**
 * The code cache of the bundle as it is compiled now, for the build to write after a run of
 * commands; null without a bundle. Serialised under the load's flags (V8 stamps the flags of that
 * moment, and takes a cache only under the same): else a cache made after `text` or a short
 * ingest was refused by every fresh process.
 */
export function createCodeCache() {
  const script = loaded?.script;
  if (!script) return null;
  return underLoadFlags(() => script.createCachedData());
}

/** `make()` with the flags {@link flagsAfterLoad} set put back as the load left them: V8 takes a code cache only under the flags it was made with. */
function underLoadFlags(make) {
  for (const flag of applied) setFlagsFromString(flagAtLoad(flag));
  try {
    return make();
  } finally {
    for (const flag of applied) setFlagsFromString(flag);
  }
}
