// Runs after tsc and compact-dist, before the bundle (npm run build): compiles the data files the
// package ships (pipelines/digest.json's journal table and lexicon, and the pre-tests of its structure
// patterns: src/core/pattern-group.ts) into the form a process loads
// in one read (src/core/compiled-data.ts): the journal index's keys and bare-name trie, the
// lexicon's two tries, each in dist/data/ under the sha256 of the data file's bytes. Building them
// from the data cost ~35 ms of every `digest ingest` and every build worker's start (issue 17).
// Files it wrote for other bytes or another format are deleted: dist/data/ holds only what this
// build made. The code that compiles is the same as at run time (dist/src), so the compiled form
// is exactly what a process would build (tests/core/compiled-data.test.ts compares them). Each form
// lists the dist/src files of that code (the module graph of compiled-data.js, as esbuild resolves
// it) with their sizes and times, and a process refuses a form when one has changed since: a `tsc`
// alone after a change to how keys or tries are derived compiles the data at run time rather than
// load a form the new code would read differently. A listed file's TypeScript source must be here:
// a tree without it (an installed package) takes the file by its size, as no `tsc` can change it.
// The structure form's compiler (core/pretest.js) is listed with its source and not shipped: absent
// where its source is absent too, it is taken as an installed package's. And the reference parser's words' phrase keys
// (src/refs/data.ts `referenceKeys`: ~1,200 words, NFKC and lower case; 1.2–1.8 ms of every
// one-article ingest): the words are code (src/generated/reference-data.ts), so that form is listed
// with the module graph of refs/data.js, which holds them, and filed under REFERENCE_KEYS_SOURCE.
// And dist/data/data-file-keys.json: each shipped data file's identity with the sha256 of its bytes,
// so that a process does not hash ~270 KB of unchanged data at every start (src/core/data.ts
// `readDataFile`; ~8 M instructions of a one-article ingest). Not shipped (package.json's files);
// data-file-sums.json, each one's name, size and sha256, is (an installed package's start).
// And the lexicon's and structure.json's values as UTF-16 text (`lexicon-text`, `structure-text`), not
// shipped either, as the lexicon's tries.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const { dataFileKey, dataFileKeysFile, dataFileSumsFile, readConfigFile, readDataFile } = await import(`${root}dist/src/core/data.js`);
const { compiledDataDir, compiledDataFile, compilerFiles, emittedFrom, encodeCompiled, lexiconTextForm, structureTextForm } = await import(`${root}dist/src/core/compiled-data.js`);
const { JournalIndex } = await import(`${root}dist/src/core/journals.js`);
const { LexiconMatcher } = await import(`${root}dist/src/core/lexicon.js`);
const { referenceKeys, REFERENCE_KEYS_SOURCE } = await import(`${root}dist/src/refs/data.js`);
const { structureSources } = await import(`${root}dist/src/core/data.js`);
const { preTestOf } = await import(`${root}dist/src/core/pretest.js`);
const { PatternGroup } = await import(`${root}dist/src/core/pattern-group.js`);
const { preTestForm } = await import(`${root}dist/src/core/pretest-form.js`);

/**
 * The pre-tests of structure.json's lists of patterns (src/core/pattern-group.ts), by pointer: each read from its source as loadStructure compiles it, and the list's table;
 * written with each member's apart, parsed at its first candidacy (src/core/pretest-form.ts).
 */
function structurePreTests(raw) {
  const preTests = {};
  for (const [pointer, sources] of Object.entries(structureSources(raw))) {
    const members = sources.map((source) => preTestOf(source, 'u'));
    preTests[pointer] = { members, table: PatternGroup.tableOf(members.length, members) };
  }
  return preTestForm(preTests);
}

const compilers = {
  // With each journal's place in the file's bytes: a process parses a journal when a name of it is found.
  journals: (table, bytes) => {
    const entryRanges = JournalIndex.entryRanges(bytes);
    if (entryRanges?.length !== 2 * table.journals.length) throw new Error('compile-data: the journal table\'s entries were not found in its bytes');
    return { ...JournalIndex.compile(table.journals, table.cues), entryRanges };
  },
  lexicon: (lexicon) => LexiconMatcher.compile(lexicon),
  structure: structurePreTests,
};

/** The files of dist/src the compiling code is made of: `entry` (from dist/src) and everything it imports, `expected` among them. */
async function compilerModules(entry, expected) {
  const result = await build({ entryPoints: [`${root}dist/src/${entry}`], absWorkingDir: root, bundle: true, write: false, platform: 'node', format: 'esm', metafile: true, logLevel: 'error' });
  const paths = Object.keys(result.metafile.inputs).map((path) => path.replace(/\\/g, '/'));
  if (!expected.every((path) => paths.includes(path))) throw new Error(`compile-data: the compiler's modules were not found (${paths.join(', ')})`);
  return paths.filter((path) => path.startsWith('dist/src/')).sort();
}
const code = compilerFiles(await compilerModules('core/compiled-data.js', ['dist/src/core/journals.js', 'dist/src/core/lexicon.js']), root);
// The pre-tests: read by pretest.js from the sources data.js expands, read back by pretest-form.js.
// The modules of pretest.js's graph that data.js's does not reach run only here: the package leaves
// them out (package.json's files), and the form lists each with its source, so that an installed
// package, which has neither, takes the form, and a tree that has the source takes it only while
// the compiled file is there and unchanged (src/core/compiled-data.ts `codeIsCurrent`).
const preTestModules = await compilerModules('core/pretest.js', ['dist/src/core/pretest.js']);
const readerModules = new Set(await compilerModules('core/data.js', ['dist/src/core/data.js', 'dist/src/core/pattern-group.js', 'dist/src/core/pretest-form.js']));
const buildOnly = Object.fromEntries(preTestModules.filter((path) => !readerModules.has(path)).map((path) => [path, emittedFrom(path)]));
const preTestCode = compilerFiles([...new Set([...preTestModules, 'dist/src/core/data.js', 'dist/src/core/pattern-group.js', 'dist/src/core/pretest-form.js'])].sort(), root, buildOnly);
const keysCode = compilerFiles(await compilerModules('refs/data.js', ['dist/src/refs/data.js', 'dist/src/generated/reference-data.js']), root);

const pipeline = JSON.parse(readConfigFile(join(root, 'pipelines', 'digest.json')));
mkdirSync(compiledDataDir, { recursive: true });
const written = new Set();
// Incremental, as tsc and the bundle are (npm's prepare runs the build often): the same bytes are not written again.
const write = (file, bytes) => {
  if (!existsSync(file) || !readFileSync(file).equals(bytes)) writeFileSync(file, bytes);
  written.add(file);
};
for (const [kind, compile] of Object.entries(compilers)) {
  // Keyed as a process keys the file it reads (readDataFile: the sha256 of its bytes), hashed here whatever the last build's keys say.
  const { text, hash: sha256, bytes } = readDataFile(join(root, 'pipelines', pipeline.data[kind]), []);
  write(compiledDataFile(kind, sha256), encodeCompiled(kind, sha256, compile(JSON.parse(text), bytes), kind === 'structure' ? preTestCode : code));
}
// The lexicon's value as UTF-16 JSON text (src/core/compiled-data.ts `lexiconTextForm`): a process
// reads it rather than decode and parse the data file's UTF-8.
{
  const { text, hash: sha256 } = readDataFile(join(root, 'pipelines', pipeline.data.lexicon), []);
  write(compiledDataFile('lexicon-text', sha256), encodeCompiled('lexicon-text', sha256, lexiconTextForm(JSON.parse(text)), code));
}
// And structure.json's (src/core/compiled-data.ts `structureTextForm`), for the same reason.
{
  const { text, hash: sha256 } = readDataFile(join(root, 'pipelines', pipeline.data.structure), []);
  write(compiledDataFile('structure-text', sha256), encodeCompiled('structure-text', sha256, structureTextForm(JSON.parse(text)), code));
}
// Each data file of the shipped pipeline as read now, with the sha256 of its bytes (src/core/data.ts
// `dataFileKey`): a process that finds a file unchanged since (device, inode, size and both times)
// takes that hash rather than hashing its bytes again. A file changed in the last moments before
// this read is left out, and hashed by every process.
const named = Object.values(pipeline.data).map((name) => [name, dataFileKey(join(root, 'pipelines', name))]).filter(([, key]) => key !== null);
const keys = named.map(([, key]) => key);
write(dataFileKeysFile, Buffer.from(`${JSON.stringify({ format: 1, files: keys })}\n`, 'latin1'));
// And each keyed file's name, size and sha256, shipped (dist/data/data-file-sums.json, src/core/data.ts
// `DataFileSum`): an installed package, whose files have other identities, takes a file with its sum
// while it is the size the sum says and was written no later than the sums file (a file changed in
// the last moments before this read has no key, so no sum).
write(dataFileSumsFile, Buffer.from(`${JSON.stringify({ format: 1, files: named.map(([name, key]) => [name, key[2], key[5]]) })}\n`, 'latin1'));
write(compiledDataFile('reference-keys', REFERENCE_KEYS_SOURCE), encodeCompiled('reference-keys', REFERENCE_KEYS_SOURCE, { keys: referenceKeys() }, keysCode));
for (const name of readdirSync(compiledDataDir)) {
  const file = join(compiledDataDir, name);
  if (!written.has(file)) rmSync(file);
}
