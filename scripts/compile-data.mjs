// Runs after tsc and compact-dist, before the bundle (npm run build): compiles the data files the
// package ships (pipelines/digest.json's journal table and lexicon) into the form a process loads
// in one read (src/core/compiled-data.ts): the journal index's keys and bare-name trie, the
// lexicon's two tries, each in dist/data/ under the sha256 of the data file's bytes. Building them
// from the data cost ~35 ms of every `digest ingest` and every build worker's start (issue 17).
// Files it wrote for other bytes or another format are deleted: dist/data/ holds only what this
// build made. The code that compiles is the same as at run time (dist/src), so the compiled form
// is exactly what a process would build (tests/core/compiled-data.test.ts compares them).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { readConfigFile } = await import(`${root}dist/src/core/data.js`);
const { compiledDataDir, compiledDataFile, encodeCompiled } = await import(`${root}dist/src/core/compiled-data.js`);
const { JournalIndex } = await import(`${root}dist/src/core/journals.js`);
const { LexiconMatcher } = await import(`${root}dist/src/core/lexicon.js`);

const compilers = {
  journals: (table) => JournalIndex.compile(table.journals, table.cues),
  lexicon: (lexicon) => LexiconMatcher.compile(lexicon),
};

const pipeline = JSON.parse(readConfigFile(join(root, 'pipelines', 'digest.json')));
mkdirSync(compiledDataDir, { recursive: true });
const written = new Set();
for (const [kind, compile] of Object.entries(compilers)) {
  const text = readConfigFile(join(root, 'pipelines', pipeline.data[kind]));
  const sha256 = createHash('sha256').update(text).digest('hex');
  const file = compiledDataFile(kind, sha256);
  const bytes = encodeCompiled(kind, sha256, compile(JSON.parse(text)));
  // Incremental, as tsc and the bundle are (npm's prepare runs the build often): the same bytes are not written again.
  if (!existsSync(file) || !readFileSync(file).equals(bytes)) writeFileSync(file, bytes);
  written.add(file);
}
for (const name of readdirSync(compiledDataDir)) {
  const file = join(compiledDataDir, name);
  if (!written.has(file)) rmSync(file);
}
