// Runs after tsc and compact-dist (npm run build): bundles the CLI, dist/src/cli/main.js and
// everything it imports, into one CommonJS file, dist/cli/digest.cjs, then writes V8's code caches
// of it (digest.cjs.cache; .cli.cache for --version and help; text.cjs.cache and ingest.cjs.cache for the own bundles of `digest text` and `digest ingest`) after
// running the commands once in child processes, so that `node bin/digest.js` neither resolves ~40
// modules one by one nor compiles what it runs (issues 15 and 17: start-up; BENCHMARKS.md).
// bin/load.js loads them. The build's worker threads get a bundle of their own the same way,
// dist/cli/worker.cjs (dist/src/dataset/worker.js and what it imports), with the code cache its
// workers leave after a build of a small generated corpus (bin/worker.cjs loads them). The
// library (dist/src, the package's `exports`) keeps tsc's modules. `digest text` has a bundle of
// its own, dist/cli/text.cjs: the CLI less the modules only other commands run (textOnly) and the
// parts a first page never runs, so that its start reads 0.4 MB where the whole CLI is 1.9 (issue 17: start-up); `digest ingest` and
// `digest refs` another, dist/cli/ingest.cjs (ingestOnly), with a code cache made after ingest alone.
//
// `node scripts/bundle-cli.mjs --print`: the bundle as it would be written, on stdout, with no
// cache (tests/package/bundle.test.ts compares it with the file, so a stale bundle fails).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outfile = `${root}dist/cli/digest.cjs`;
/** The build workers' bundle (bin/worker.cjs runs it). */
const workerOutfile = `${root}dist/cli/worker.cjs`;
/** `digest text`'s bundle (bin/load.js runs it for that command). */
const textOutfile = `${root}dist/cli/text.cjs`;
/** `digest ingest`'s and `digest refs`'s bundle (bin/load.js runs it for those commands). */
const ingestOutfile = `${root}dist/cli/ingest.cjs`;

/**
 * The parts of the code the bundle takes from elsewhere: piscina finds its worker script beside
 * its own file (`__dirname`), the model runtime is the user's to install, and the build's
 * workers load a bundle of their own (or dist/src/dataset/worker.js) by path, through bin/worker.cjs.
 */
const external = ['piscina', '@xenova/transformers', 'onnxruntime-node', 'sharp'];

/**
 * src/parse/html-parser.ts finds htmlparser2's Parser module beside the package index at run time
 * (`import.meta.resolve`), which the bundler cannot follow; here the same path is found now and
 * imported statically, so the bundle holds the Parser and its tokenizer and not the index's 30
 * modules (importing the index, even for one name, would run them all at start). The same two classes.
 */
const parserPath = fileURLToPath(new URL('./Parser.js', import.meta.resolve('htmlparser2')));
const htmlParserModule = {
  name: 'html-parser',
  setup(b) {
    b.onLoad({ filter: /[\\/]dist[\\/]src[\\/]parse[\\/]html-parser\.js$/ }, () => ({
      contents: `import { Parser } from ${JSON.stringify(parserPath)};
import { DomHandler } from 'domhandler';
export async function parserModules() { return { Parser, DomHandler }; }`,
      resolveDir: `${root}dist/src/parse`,
      loader: 'js',
    }));
  },
};

/**
 * entities (htmlparser2's) keeps its decoding tables as base64 and decodes them when loaded, with
 * `atob`, which Node 20 implements in JavaScript a character at a time: ~3 ms of every first
 * page (profile of `digest text`). The same words decoded by Node's native base64 decoder: the
 * same Uint16Array for any valid base64 (tests/package/bundle.test.ts compares them on both tables).
 */
export function decodeBase64(input) {
  const bytes = Buffer.from(input, 'base64');
  const out = new Uint16Array(bytes.length >> 1);
  const words = bytes.subarray(0, out.length * 2);
  // The words are little-endian: copied as they are where the machine is too, else byte-swapped first.
  if (new Uint8Array(Uint16Array.of(1).buffer)[0] !== 1) words.swap16();
  new Uint8Array(out.buffer).set(words);
  return out;
}
const entitiesBase64 = {
  name: 'entities-base64',
  setup(b) {
    b.onLoad({ filter: /[\\/]entities[\\/]dist[\\/]esm[\\/]internal[\\/]decode-shared\.js$/ }, () => ({ contents: `export ${decodeBase64}`, loader: 'js' }));
  },
};

/**
 * franc builds, when it is loaded, the trigram table of each of its ~400 languages (~120,000
 * properties set: ~55 ms of CPU, the largest cost of an English article's `digest ingest`, and of
 * each build worker's first English article), though the language stage asks it about a few
 * (`only`). Here each table is built when franc first reads it: a getter in its place, in the
 * same order, that builds the same table once. franc reads a language's table only through that
 * property, so it answers the same. A franc whose loop is not the one expected fails the build
 * rather than bundle differently.
 */
const francTablesOnUse = {
  name: 'franc-tables-on-use',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]franc[\\/]index\.js$/ }, async ({ path }) => {
      const code = await readFile(path, 'utf8');
      const loop = /\n( *)const model = languages\[name\]\.split\('\|'\)\n[^]*?\n *numericData\[script\]\[name\] = trigrams\n/;
      const found = loop.exec(code);
      if (!found || !/const trigrams = \{\}\n *let weight = model\.length\n\n *while \(weight--\) \{\n *trigrams\[model\[weight\]\] = weight\n *\}\n/.test(found[0])) throw new Error(`bundle-cli: ${path} does not build its tables as expected`);
      const lazy = `
const source = languages[name]
let trigrams
Object.defineProperty(numericData[script], name, { configurable: true, enumerable: true, get() {
  if (trigrams === undefined) {
    const model = source.split('|')
    trigrams = {}
    let weight = model.length
    while (weight--) trigrams[model[weight]] = weight
  }
  return trigrams
} })
`;
      return { contents: code.slice(0, found.index) + lazy + code.slice(found.index + found[0].length), loader: 'js' };
    });
  },
};

/**
 * The generated Ajv validators require() Ajv's runtime helpers (ucs2length, equal) through a
 * `createRequire(import.meta.url)` of their own, which the bundler cannot follow: resolved, read
 * and compiled at run time they were ~4 ms of `digest text`'s first page (Node's CommonJS loader,
 * no code cache). Here their calls become plain `require("…")`s that the bundle holds. The
 * validators are compact-dist's minified code, so the names are read from it; a file that does
 * not have the expected shape fails the build rather than bundle differently. A validator module
 * that needs no helper (scripts/gen-validators.mjs gives it no `createRequire`) is bundled as it is.
 */
const validatorRuntime = {
  name: 'validator-runtime',
  setup(b) {
    b.onLoad({ filter: /[\\/]dist[\\/]src[\\/]generated[\\/]validators-[a-z-]+\.js$/ }, async ({ path }) => {
      const code = await readFile(path, 'utf8');
      const head = /import\{createRequire as ([\w$]+)\}from"node:module";const ([\w$]+)=\1\(import\.meta\.url\)[,;]/.exec(code);
      if (!head && !/createRequire|(?<![\w$.])require\(/.test(code)) return undefined;
      if (!head) throw new Error(`bundle-cli: ${path} does not open with the createRequire it is expected to`);
      const [, , local] = head;
      const rest = code.slice(head.index + head[0].length).replace(new RegExp(`(?<![\\w$.])${local.replace(/\$/g, '\\$')}\\(("ajv/[^"]+")\\)`, 'g'), 'require($1)');
      if (new RegExp(`(?<![\\w$.])${local.replace(/\$/g, '\\$')}(?![\\w$])`).test(rest)) throw new Error(`bundle-cli: ${path} uses its require other than for Ajv's runtime`);
      // The declaration list the head opened goes on (`const r=…,a=…`) or ends there.
      return { contents: code.slice(0, head.index) + (head[0].endsWith(',') ? 'const ' : '') + rest, loader: 'js' };
    });
  },
};

/**
 * A bundle of the CLI for some commands alone: the CLI's entry with the `import()`s of
 * src/cli/main.ts other than `kept` (each other command loads its modules so, on first need)
 * replaced by a module that throws if it is ever loaded, and, unless `recordValidators`, those of
 * src/core/schemas.ts too (`loadRecordValidators`, for what a build writes). bin/load.js runs such
 * a bundle for its commands alone, and the whole CLI for any other command in the same process.
 * Any other `import()` (chardet, markdown-it, htmlparser2's parser, franc) stays in, as in the
 * whole CLI's bundle. `name` names the bundle in the thrown message.
 */
function onlyFor(name, kept, recordValidators) {
  const keep = new Set(kept);
  return {
    name: `${name}-only`,
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind !== 'dynamic-import') return undefined;
        const fromMain = /[\\/]dist[\\/]src[\\/]cli[\\/]main\.js$/.test(args.importer) && !keep.has(args.path);
        const fromSchemas = !recordValidators && /[\\/]dist[\\/]src[\\/]core[\\/]schemas\.js$/.test(args.importer);
        // Named from the package root, so that the bundle's text is the same in any checkout.
        return fromMain || fromSchemas ? { path: `${relative(root, args.importer).split(sep).join('/')} -> ${args.path}`, namespace: `not-for-${name}` } : undefined;
      });
      b.onLoad({ filter: /.*/, namespace: `not-for-${name}` }, ({ path }) => ({
        contents: `throw new Error(${JSON.stringify(`digest ${name}'s bundle leaves out ${path}: bin/load.js runs the whole CLI for any other command`)});`,
        loader: 'js',
      }));
    },
  };
}

/**
 * `digest text`'s bundle ({@link onlyFor}): text's own two modules, not the record validators.
 * Left in, the rest made `digest text` read 1.9 MB at every start, the language stage's trigram
 * data (franc, 355 KB) and the dataset's and CSL validators (350 KB) among them, none of which it runs.
 * Like ingest's, it leaves the data files' validators to their part ({@link onFirstCall}) and
 * markdown-it and chardet to theirs ({@link lazyParts}): a saved page of the shipped data in UTF-8
 * runs none of them, and they were ~300 KB of its ~680 (issue 17: `digest text` set-up).
 */
const textOnly = onlyFor('text', ['./text.js', '../open.js'], false);

/**
 * `digest text`'s bundle without the general categories src/core/property-ranges.ts writes out
 * (`letter`, `number` of src/generated/unicode-classes.ts: ~12 kB as the bundle writes them, a
 * fifth of the room it is held to, tests/package/bundle.test.ts): undefined there, so text's
 * patterns keep `\p{L}` and `\p{N}` as written, which V8 reads from ICU (the same characters; text
 * meets them on few pages, each ingest on every page: issue 17, start-up).
 */
export const textLeavesOut = ['letter', 'number'];
const withoutCategories = {
  name: 'without-categories',
  setup(b) {
    b.onLoad({ filter: /[\\/]dist[\\/]src[\\/]generated[\\/]unicode-classes\.js$/ }, async ({ path }) => {
      let code = await readFile(path, 'utf8');
      for (const name of textLeavesOut) {
        const declared = new RegExp(`\\bexport const ${name} = "(?:[^"\\\\]|\\\\.)*";`);
        if (!declared.test(code)) throw new Error(`bundle-cli: ${path} declares no ${name} as a string to leave out`);
        code = code.replace(declared, `export const ${name} = undefined;`);
      }
      return { contents: code, loader: 'js' };
    });
  },
};

/**
 * `digest ingest`'s and `digest refs`'s bundle ({@link onlyFor}): what those two import (the
 * pipeline and its stages, the record's writer, the reference list, the terminal's summary) and
 * the record validators (ingest validates what it writes); not the dataset's build, merge and
 * validation (the review pages' index, the incremental state, the workers' pool), `text`'s own
 * modules or `init` (issue 17: start-up).
 */
export const ingestImports = ['../ingest.js', '../core/record.js', '../dataset/writer.js', '../dataset/input-summary.js', './summary.js', '../stages/read.js', '../refs/list.js'];
const ingestOnly = onlyFor('ingest', ingestImports, true);

/**
 * What ingest's bundle (and text's) leaves to bundles of their own, dist/cli/NAME.cjs, which it runs at their
 * first `import()` ({@link partLoader}): packages one article needs only for its kind — franc's
 * trigram data for Latin text, markdown-it for Markdown, chardet for a legacy encoding: ~570 KB of
 * the 1.8 MB every ingest read (issue 17: start-up). Not in a code cache: ingest's is made on an
 * article that runs none of them, so they were compiled at their first use in the bundle too.
 */
export const lazyParts = ['franc', 'markdown-it', 'chardet'];

/**
 * The code ingest's and text's bundles open with: `__part(name)`, what its `import()` of a {@link lazyParts}
 * package becomes, runs the part's bundle beside it once (compiled as read, as bin/load.js
 * compiles the bundles) and gives its exports; where there is none (dist/cli made by an older
 * build) the package itself, through bin/load.js's import. `__onFirstCall(name, module, key)` is a
 * stand-in for the validator `key` of a generated module ({@link onFirstCall}): at each call it runs
 * the part (once), or where there is none `module` (dist/src's, a path from dist/cli) through
 * `require`, then the part's validator, whose `errors` it takes after the call, as
 * src/core/schemas.ts reads them. Here, not in bin/load.js, since the package (which holds no
 * bundles) would ship it for nothing.
 */
export const partLoader = `var __parts = new Map();
function __runPart(name, absent) {
  if (!__parts.has(name)) {
    const file = require("node:path").join(__dirname, name + ".cjs");
    const fs = require("node:fs");
    const part = { exports: {} };
    const built = fs.existsSync(file);
    if (built) new (require("node:vm").Script)(fs.readFileSync(file, "latin1"), { filename: file }).runInThisContext()(part.exports, require("node:module").createRequire(file), part);
    __parts.set(name, built ? part.exports : absent());
  }
  return __parts.get(name);
}
function __part(name) {
  return Promise.resolve(__runPart(name, () => __bundleImport(name)));
}
function __onFirstCall(name, module, key) {
  const validate = function (...args) {
    const real = __runPart(name, () => require(require("node:path").join(__dirname, module)))[key];
    const valid = real.apply(this, args);
    validate.errors = real.errors;
    return valid;
  };
  return validate;
}`;

/**
 * A part's bundle text, dist/cli/NAME.cjs, from esbuild's `options` (what to bundle, with which
 * plugins) and the options every part shares, written as the function bin/load.js compiles. None
 * imports anything at run time (a part is given no `__bundleImport`): an `import()` fails the build.
 */
async function partText(name, options) {
  const result = await build({
    ...options,
    bundle: true,
    write: false,
    outfile: `${root}dist/cli/${name}.cjs`,
    format: 'cjs',
    platform: 'node',
    target: 'esnext',
    minifyWhitespace: true,
    legalComments: 'none',
    logLevel: 'error',
  });
  return asFunction(ascii(throughLoader(result.outputFiles[0].text, [])));
}

/**
 * A lazy part's bundle text ({@link lazyParts}): the package as the CLI's bundle imports it (its
 * `import` conditions; markdown-it's default export too).
 */
export async function partBundle(name) {
  const reexport = name === 'markdown-it' ? `export * from 'markdown-it'; export { default } from 'markdown-it';` : `export * from ${JSON.stringify(name)};`;
  return partText(name, { stdin: { contents: reexport, resolveDir: root, loader: 'js' }, external, plugins: [francTablesOnUse] });
}

/**
 * Generated validator modules ingest's and text's bundles hold as stand-ins ({@link onFirstCall}) and run from
 * a bundle of their own, dist/cli/NAME.cjs, at the first call of one of their validators: the data
 * files' (a data file not known to pass: never the shipped data, whose hashes are trusted) and the
 * CSL item's (an item src/core/csl-check.ts cannot prove valid): ~245 KB of the 1.18 MB every
 * ingest read (issue 17: start-up).
 */
export const firstCallParts = ['validators-data-files', 'validators-csl'];

/** A {@link firstCallParts} module's part: dist/src's module bundled with Ajv's runtime helpers. */
export async function validatorPartBundle(name) {
  return partText(name, { entryPoints: [`${root}dist/src/generated/${name}.js`], plugins: [validatorRuntime] });
}

/**
 * A {@link firstCallParts} module in ingest's and text's bundles: for each validator it exports (read by
 * importing dist/src's module), a stand-in (`__onFirstCall`: {@link partLoader}) that runs the part
 * at its first call. The module's init then makes no schema literal or pattern, and a process that
 * never calls one never reads the part.
 */
const onFirstCall = {
  name: 'on-first-call',
  setup(b) {
    const names = new RegExp(`[\\\\/]dist[\\\\/]src[\\\\/]generated[\\\\/](${firstCallParts.join('|')})\\.js$`);
    b.onLoad({ filter: names }, async ({ path }) => {
      const name = names.exec(path)[1];
      const exported = Object.keys(await import(pathToFileURL(path).href));
      if (exported.length === 0 || exported.some((key) => !/^[A-Za-z]\w*$/.test(key))) throw new Error(`bundle-cli: ${path} exports ${exported.join(', ') || 'nothing'}`);
      const from = [JSON.stringify(name), JSON.stringify(`../src/generated/${name}.js`)].join(', ');
      return { contents: exported.map((key) => `export const ${key} = __onFirstCall(${from}, ${JSON.stringify(key)});\n`).join(''), loader: 'js' };
    });
  },
};

/** What ingest's and text's bundles import at run time: the CLI's externals and the {@link lazyParts}. */
const partsOutside = [...external, ...lazyParts];

/** The saved page `digest text` runs on to make its caches, and the article `digest ingest` does (paths from the package root). */
const cachePage = 'fixtures/extraction/zh/hospital-aspnet.html';
const cacheArticle = 'fixtures/articles/as-2025.txt';

/**
 * What makes the code caches, beside the bundles' texts (compared on their own): this script (the
 * commands it runs, in which processes, on which inputs), the launcher and the workers' entry that
 * compile the bundles under their V8 flags and wrappers (part of the source V8 checks), the launcher's
 * thread for the build that makes the workers' cache, the script of that build's corpus, and the two inputs the
 * commands run on. A change to any of them makes the caches again in an existing checkout.
 */
export const cacheMakers = ['scripts/bundle-cli.mjs', 'bin/load.js', 'bin/worker.cjs', 'bin/read.cjs', 'bin/digest.js', 'bin/thread.js', 'scripts/corpus.mjs', cachePage, cacheArticle];

/**
 * The caches' stamp, written to dist/cli/digest.cjs.v8 once they are made: V8's version, then one
 * line a file of {@link cacheMakers}, its sha256 and path (`read` gives a file's bytes: a test's seam).
 * A file not there (a copy without the fixtures) is stamped as absent.
 */
export function cacheStamp(read = (file) => readFileSync(`${root}${file}`)) {
  const line = (file) => {
    let bytes;
    try {
      bytes = read(file);
    } catch {
      return `absent  ${file}`;
    }
    return `${createHash('sha256').update(bytes).digest('hex')}  ${file}`;
  };
  return `${process.versions.v8}\n${cacheMakers.map(line).join('\n')}\n`;
}

/**
 * The CLI bundle's text: one CommonJS module, written as the function expression bin/load.js
 * compiles ({@link asFunction}); `import.meta.url` is the bundle's own URL.
 */
export async function bundle() {
  return asFunction((await bundleWithSources()).text);
}

/**
 * A CommonJS module's text as the one function expression bin/load.js compiles and calls with
 * `(exports, require, module, __filename, __dirname, __bundleImport)`. Written so in the file, the
 * text V8 compiles is the text read: wrapped at run time instead, the 1.9 MB read was a rope V8
 * flattened into a third copy (the file's buffer and its text the two others), ~470 fresh pages
 * faulted in at every start (BENCHMARKS.md, issue 17: start-up).
 */
function asFunction(text) {
  return `(function (exports, require, module, __filename, __dirname, __bundleImport) {${text}\n})`;
}

/** `digest text`'s bundle's text: the CLI without what only other commands run ({@link textOnly}), written as {@link bundle} writes the CLI's. */
export async function textBundle() {
  return asFunction((await textBundleWithSources()).text);
}

/** {@link textBundle}'s module text and its list of dist/src files ({@link bundleWithSources}). */
function textBundleWithSources() {
  return bundleWithSources(`${root}dist/src/cli/main.js`, textOutfile, [textOnly, onFirstCall, withoutCategories], partsOutside, lazyParts);
}

/** `digest ingest`'s and `digest refs`'s bundle's text: the CLI without what only other commands run ({@link ingestOnly}), written as {@link bundle} writes the CLI's, its names short ({@link ingestBundleWithSources}). */
export async function ingestBundle() {
  return asFunction((await ingestBundleWithSources()).text);
}

/**
 * {@link ingestBundle}'s module text and its list of dist/src files. Its local names are made short
 * (esbuild's `minifyIdentifiers`; properties, strings and regular expressions stay as written, and
 * a stage's or a rule's name is a string): the 0.98 MB every `digest ingest` reads, copies into
 * V8's heap and hashes is 0.83 MB, its code cache 26 KB smaller, ~65 fresh pages fewer a start
 * (BENCHMARKS.md, issue 17: `digest ingest` ≤ 1.5× `--version`). A stack trace from it names
 * functions by those short names; the whole CLI's bundle, and dist/src, keep theirs.
 */
function ingestBundleWithSources() {
  return bundleWithSources(`${root}dist/src/cli/main.js`, ingestOutfile, [ingestOnly, onFirstCall], partsOutside, lazyParts, { minifyIdentifiers: true });
}

/** The build workers' bundle's text: dist/src/dataset/worker.js and what it imports, as {@link bundle} makes the CLI's. */
export async function workerBundle() {
  return (await bundleWithSources(`${root}dist/src/dataset/worker.js`, workerOutfile)).text;
}

/** The dist/src files the build workers' bundle is made from (paths from the package root), all of which bin/load.js's one list holds. */
export async function workerSources() {
  return (await bundleWithSources(`${root}dist/src/dataset/worker.js`, workerOutfile)).sources;
}

/**
 * The bundle's text and the files of dist/src it was made from (paths from the package root);
 * `outside`: the packages it imports at run time, and of them `parts`, those it runs from a bundle
 * of their own ({@link partLoader}); `minify`, esbuild's minifying options beyond whitespace.
 */
async function bundleWithSources(entry = `${root}dist/src/cli/main.js`, file = outfile, plugins = [], outside = external, parts = [], minify = {}) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    outfile: file,
    format: 'cjs',
    platform: 'node',
    // What tsc emitted, untouched: with a node20 target esbuild rewrites regular expression literals with \p{…} as `new RegExp(…)` calls, made again at every call (a third more CPU for a one-article ingest).
    target: 'esnext',
    external: outside,
    plugins: [...plugins, htmlParserModule, entitiesBase64, validatorRuntime, francTablesOnUse],
    // Whitespace only (but for ingest's own bundle): names stay, so a stack trace from the bundle still reads; half the bytes to read and hash at each start.
    minifyWhitespace: true,
    ...minify,
    define: { 'import.meta.url': '__bundleUrl' },
    banner: { js: `// Generated by scripts/bundle-cli.mjs from dist/src (npm run build); do not edit.\nvar __bundleUrl = require("node:url").pathToFileURL(__filename).href;${parts.length ? `\n${partLoader}` : ''}` },
    legalComments: 'none',
    logLevel: 'error',
    metafile: true,
  });
  const sources = Object.keys(result.metafile.inputs).filter((path) => path.startsWith('dist/src/')).sort();
  const text = throughLoader(result.outputFiles[0].text, outside).replace(/__bundleImport\(("[^"]+")\)/g, (call, specifier) => (parts.includes(JSON.parse(specifier)) ? `__part(${specifier})` : call));
  return { text: ascii(text), sources };
}

/**
 * What bin/load.js checks before it runs the bundle: each dist/src file the CLI's bundle or the
 * workers' was made from (`sources`), with its size and modification time as they are now, in one
 * list, dist/cli/digest.cjs.sources. A dist/src compiled again without the bundle step (`tsc`
 * alone) no longer matches, and the launcher runs dist/src rather than old code; the build's
 * workers run the code the launcher ran (src/dataset/runner.ts, `workerCode`), so no worker checks
 * a list of its own.
 */
function writeSourceList(sources, file = `${outfile}.sources`) {
  const listed = [...new Set(sources)].sort().map((path) => {
    const stat = statSync(`${root}${path}`);
    return [path, stat.size, stat.mtimeMs];
  });
  writeFileSync(file, `${JSON.stringify(listed)}\n`);
}

/**
 * The one list of both bundles' dist/src files ({@link writeSourceList}), and `digest text`'s
 * bundle's own, dist/cli/text.cjs.sources (its ~110 files of the CLI's ~180: what bin/load.js
 * checks before it runs `text`), and ingest's, dist/cli/ingest.cjs.sources (~170); the workers'
 * own list an older build wrote, removed.
 */
function writeSourceLists(cliSources, workersSources, textSources, ingestSources) {
  rmSync(`${workerOutfile}.sources`, { force: true });
  writeSourceList([...cliSources, ...workersSources]);
  writeSourceList(textSources, `${textOutfile}.sources`);
  writeSourceList(ingestSources, `${ingestOutfile}.sources`);
}

/**
 * The workers' code cache: a two-worker `digest build` of a generated corpus of 16 articles (every
 * format, encoding and script of the fixtures; 8 inputs a worker, as runner.ts wants for two),
 * each worker writing the cache of what it has compiled after each task (bin/worker.cjs,
 * DIGEST_WORKER_CODE_CACHE_OUT): the pipeline, the record and pages, the cache entries, made
 * under the V8 flags a build's workers run with (bin/load.js, and a long command's after the load).
 */
async function makeWorkerCache(cache) {
  const { makeCorpus, corpusPipeline } = await import('./corpus.mjs');
  const dir = mkdtempSync(join(tmpdir(), 'digest-worker-cache-'));
  try {
    makeCorpus(join(dir, 'corpus'), 16);
    corpusPipeline(join(dir, 'pipeline.json'), join(dir, 'corpus'), join(dir, 'out'));
    const env = { ...process.env, DIGEST_WORKER_CODE_CACHE_OUT: cache };
    delete env.NODE_V8_COVERAGE; // other V8 flags: V8 would refuse the cache in a plain run
    const run = spawnSync(process.execPath, [`${root}bin/digest.js`, 'build', '--pipeline', join(dir, 'pipeline.json'), '--quiet', '--concurrency', '2'], { cwd: root, encoding: 'utf8', env, stdio: ['ignore', 'ignore', 'pipe'] });
    if (run.status !== 0 || !existsSync(cache)) throw new Error(`bundle-cli: the build that makes ${cache} failed (exit ${run.status}): ${run.stderr}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The bundle's `import()` calls (of the packages left outside it) made through the loader's
 * `__bundleImport`, the one function bin/load.js passes in beside `require`: code that V8 takes
 * from a code cache has no dynamic import callback in Node 20 (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING),
 * and vm's USE_MAIN_CONTEXT_DEFAULT_LOADER prints an experimental warning. An `import(` of
 * anything but `outside` (the packages left outside the bundle) fails the build rather than fail at run time.
 */
function throughLoader(text, outside) {
  const calls = [...text.matchAll(/(?<![\w$.])import\(("[^"]+")\)/g)];
  for (const [, specifier] of calls) {
    if (!outside.includes(JSON.parse(specifier))) throw new Error(`bundle-cli: import(${specifier}) left in the bundle: bundle it, or add it to the externals`);
  }
  const replaced = text.replace(/(?<![\w$.])import\(("[^"]+")\)/g, '__bundleImport($1)');
  if (/(?<![\w$.])import\(/.test(replaced)) throw new Error('bundle-cli: an import() with a computed specifier is left in the bundle');
  return replaced;
}

/**
 * The bundle in ASCII: esbuild escapes non-ASCII characters in strings but leaves them in regular
 * expression literals and String.raw templates (here all regular expression sources), and one
 * such character makes V8 hold the whole 1.7 MB source as a two-byte string, read ~3× slower
 * than a Latin-1 one (bin/load.js reads it so). `\uXXXX` means the same character in a regular
 * expression, with or without the u flag, in a class or out of one (a surrogate pair of escapes
 * is one code point under u).
 */
function ascii(text) {
  return text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { text: moduleText, sources } = await bundleWithSources();
  const text = asFunction(moduleText);
  const worker = await bundleWithSources(`${root}dist/src/dataset/worker.js`, workerOutfile);
  const textOnlyBundle = await textBundleWithSources();
  const textText = asFunction(textOnlyBundle.text);
  const ingestOnlyBundle = await ingestBundleWithSources();
  const ingestText = asFunction(ingestOnlyBundle.text);
  const partTexts = await Promise.all([
    ...lazyParts.map(async (name) => [`${root}dist/cli/${name}.cjs`, await partBundle(name)]),
    ...firstCallParts.map(async (name) => [`${root}dist/cli/${name}.cjs`, await validatorPartBundle(name)]),
  ]);
  if (process.argv.includes('--print')) {
    process.stdout.write(text);
  } else {
    // Incremental, as tsc is (npm's prepare runs the build often): the same bundle with its caches
    // made by this V8 by the same code ({@link cacheStamp}) is left alone. A cache V8 refuses still
    // works, but only compiles.
    const madeBy = `${outfile}.v8`;
    const stamp = cacheStamp();
    const workerCache = `${workerOutfile}.cache`;
    const caches = [`${outfile}.cache`, `${textOutfile}.cache`, `${ingestOutfile}.cache`, `${outfile}.cli.cache`, workerCache];
    const same = (file, content) => existsSync(file) && readFileSync(file, 'latin1') === content;
    // (tsc rewrote dist/src, so its files' times are listed again either way.)
    // The CLI bundle's cache for `digest text` an older build wrote: text has a bundle of its own now.
    rmSync(`${outfile}.text.cache`, { force: true });
    if (same(outfile, text) && same(workerOutfile, worker.text) && same(textOutfile, textText) && same(ingestOutfile, ingestText) && partTexts.every(([file, partText]) => same(file, partText)) && same(madeBy, stamp) && caches.every((f) => existsSync(f))) {
      writeSourceLists(sources, worker.sources, textOnlyBundle.sources, ingestOnlyBundle.sources);
      process.exit(0);
    }
    mkdirSync(`${root}dist/cli`, { recursive: true });
    for (const file of [...caches, madeBy]) rmSync(file, { force: true });
    writeFileSync(outfile, text);
    writeFileSync(workerOutfile, worker.text);
    writeFileSync(textOutfile, textText);
    writeFileSync(ingestOutfile, ingestText);
    for (const [file, partText] of partTexts) writeFileSync(file, partText);
    writeSourceLists(sources, worker.sources, textOnlyBundle.sources, ingestOnlyBundle.sources);
    // The code caches: the commands run once, output dropped, in a fresh process each (a cache
    // holds what its process compiled): `text` on a saved page for text's own bundle, `ingest` of
    // an article for ingest's (refs runs from it too: its code is a part of ingest's), `--version`
    // and `help` for those, and `--version`, `text` and `ingest` of an article to stdout for every
    // other command (bin/load.js; `text` there for a process whose first command was another).
    const page = `${root}${cachePage}`;
    const article = `${root}${cacheArticle}`;
    // A cache holds the flags of the process that made it, and V8 refuses it where they differ:
    // bin/load.js's createCodeCache serialises under the load's flags whatever the first command
    // set after it, so any order of commands makes caches fresh processes take.
    const runs = {
      [`${textOutfile}.cache`]: [['text', page]],
      [`${ingestOutfile}.cache`]: [['ingest', article, '--stdout']],
      [`${outfile}.cli.cache`]: [['--version'], ['help']],
      [`${outfile}.cache`]: [['--version'], ['text', page], ['ingest', article, '--stdout']],
    };
    // A copy without the fixtures gets no caches: the CLI then compiles as it runs (bin/load.js).
    if (![page, article].every((f) => existsSync(f))) console.warn('bundle-cli: no fixtures to run, so no code cache');
    else for (const [cache, commands] of Object.entries(runs)) {
      const script = `const { main, createCodeCache } = await import(${JSON.stringify(`${root}bin/load.js`)});
const io = { stdout: () => {}, stderr: () => {}, stdin: async () => new Uint8Array(), stderrIsTTY: false, env: {} };
for (const argv of ${JSON.stringify(commands)}) await main(argv, io);
(await import('node:fs')).writeFileSync(${JSON.stringify(cache)}, createCodeCache());`;
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'inherit', 'inherit'] });
      if (run.status !== 0) throw new Error(`bundle-cli: the run that makes ${cache} failed (exit ${run.status})`);
    }
    // After the CLI's caches: the build that makes the workers' runs the CLI from them.
    if (existsSync(`${root}fixtures/articles`)) await makeWorkerCache(workerCache);
    writeFileSync(madeBy, stamp);
  }
}
