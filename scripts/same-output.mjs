// `node scripts/same-output.mjs OLD NEW [--articles 300] [-j 1,2] [--seed 17] [--work DIR] [--keep]
// [--refs-only | --no-refs] [--refs-files DIR]`: whether two built checkouts write the same bytes
// (issue 17: a speed or memory change must leave every output byte-identical; BENCHMARKS.md, the
// change that made this script, which replaced the lead's cmp.sh and refs.sh).
//
// The builds. The bench's corpus (scripts/corpus.mjs's `makeCorpus`, OLD's copy, seeded) is made
// once, with the edits an incremental build sees: 5 articles added (the corpus's next five), 5
// replaced by new content of the same shape under the same names (articles 20–24), 5 removed
// (articles 40–44). Then for each `-j` and each side, in ONE run folder that both sides use in
// turn (a record names its input's path, and the log the output folder: both sides must see the
// same paths), three builds: cold (a fresh copy of the corpus, no output), incremental (after the
// edits) and unchanged (the same again); after each, the output folder is set aside, less the
// build's cache (`.cache`, which holds identities of files, not output). Each stage's two output
// folders are compared file by file, and its two logs (stdout, stderr and the exit status). Each
// side's pipeline file is made by its own scripts/corpus.mjs (its own data files).
//
// The references. When `DIGEST_SHARED_DATA` names the shared labelled sets' folder (its
// references/*.jsonl; never read from a path of its own: the project stands alone), their raw strings, in chunks of 200 lines as
// `{"raw": …}` JSONL, are given to `digest refs` by each side, and stdout, stderr and the exit
// status compared; `--refs-files DIR` adds every file of DIR, given as it is.
//
// Prints one line a stage (and a line for the references), then ALL-SAME, or DIFFERENT and the
// first differences; the work folder is removed when all is the same (unless `--keep`) and kept
// otherwise. Exit status: 0 all the same, 1 a difference, 2 a bad command line or a checkout not
// built. Each checkout must be built (`npm run build`): dist/ is per checkout. A 300-article run
// builds 12 times (~11 min on two cores at load 12–19, the references ~10 more); `--articles` takes at
// least 45 (the edits' names); a `--work` folder must be empty or new.
// The comparing functions are pure and tested on tiny folders: tests/scripts/same-output.test.ts.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The three builds of a side, in order: what each is called in the report. */
export const STAGES = ['cold', 'incremental', 'unchanged'];

/** The top-level names of an output folder left out of the comparison: the build's cache. */
export const NOT_OUTPUT = ['.cache'];

/** Lines a chunk of a labelled set given to `digest refs` (refs.sh's size: a process a few seconds). */
export const REFS_CHUNK_LINES = 200;

/**
 * The edits between the cold and the incremental build, by the corpus's sorted file names: the
 * names to replace (five, from the 21st) and to remove (five, from the 41st), and the indices of
 * the articles to add (the five after the corpus's last). A replacement is article `i + 9000`
 * of the corpus: the same template as article `i` (templates go by `i` mod 9), new content.
 */
export function editPlan(names) {
  if (names.length < 45) throw new Error(`same-output: the corpus needs at least 45 articles for its edits (has ${names.length})`);
  return {
    replace: names.slice(20, 25).map((name, k) => ({ name, article: 20 + k + 9000 })),
    remove: names.slice(40, 45),
    add: [0, 1, 2, 3, 4].map((k) => names.length + k),
  };
}

/** Every file and symbolic link under `dir`, as paths relative to it with '/', sorted; top-level names in `exclude` left out. */
function listTree(dir, exclude) {
  const found = [];
  const walk = (at, prefix) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
      if (prefix === '' && exclude.includes(entry.name)) continue;
      if (entry.isDirectory()) walk(join(at, entry.name), rel);
      else found.push(rel);
    }
  };
  if (existsSync(dir)) walk(dir, '');
  return found.sort();
}

/** The first byte offset at which two buffers differ (their shorter length when one is the other's start); -1 when equal. */
export function firstDifference(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

/**
 * Two folders compared: `files`, how many files OLD's holds; `differences`, each
 * `{ path, kind }` — `only-old`, `only-new`, `content` (with `at`, the first differing byte) or
 * `kind` (a file on one side, a link on the other) — in path order. A missing folder is an empty
 * one. Top-level names in `exclude` (the cache) are left out on both sides.
 */
export function treeDifferences(oldDir, newDir, exclude = NOT_OUTPUT) {
  const oldFiles = listTree(oldDir, exclude);
  const newFiles = listTree(newDir, exclude);
  const newSet = new Set(newFiles);
  const oldSet = new Set(oldFiles);
  const differences = [];
  for (const path of [...new Set([...oldFiles, ...newFiles])].sort()) {
    if (!newSet.has(path)) {
      differences.push({ path, kind: 'only-old' });
      continue;
    }
    if (!oldSet.has(path)) {
      differences.push({ path, kind: 'only-new' });
      continue;
    }
    const a = lstatSync(join(oldDir, path));
    const b = lstatSync(join(newDir, path));
    if (a.isSymbolicLink() !== b.isSymbolicLink()) {
      differences.push({ path, kind: 'kind' });
      continue;
    }
    const at = a.isSymbolicLink()
      ? readlinkSync(join(oldDir, path)) === readlinkSync(join(newDir, path)) ? -1 : 0
      : firstDifference(readFileSync(join(oldDir, path)), readFileSync(join(newDir, path)));
    if (at >= 0) differences.push({ path, kind: 'content', at });
  }
  return { files: oldFiles.length, differences };
}

/** Which of a command's results differ between two runs, each `{ status, stdout, stderr }`: a list of those names, empty when all agree. */
export function runDifferences(oldRun, newRun) {
  return ['status', 'stdout', 'stderr'].filter((key) => String(oldRun[key]) !== String(newRun[key]));
}

/** How one difference of a folder reads in a report line. */
function describeDifference({ path, kind, at }) {
  if (kind === 'only-old') return `${path} only in OLD`;
  if (kind === 'only-new') return `${path} only in NEW`;
  if (kind === 'kind') return `${path} a link on one side only`;
  return `${path} differs from byte ${at}`;
}

/**
 * One stage's report line: `label` padded, then `same (…)` or `DIFFERENT: …` with how many files
 * differ and the first `first` of them, and which of the logs differ. `tree` is
 * {@link treeDifferences}'s result (null for a stage with no output folder, as the references),
 * `logs` {@link runDifferences}'s; `told`, what OLD's run said last (a build's summary line: that
 * the edits were seen), ends a line that is the same.
 */
export function stageLine(label, tree, logs, { first = 3, told = '' } = {}) {
  const files = tree === null ? [] : tree.differences;
  const same = files.length === 0 && logs.length === 0;
  const count = tree === null ? '' : `${tree.files} files`;
  if (same) return { same, line: `${label.padEnd(22)} same${count ? ` (${count}, ` : ' ('}stdout, stderr and exit status)${told ? `: ${told}` : ''}` };
  const parts = [];
  if (files.length > 0) parts.push(`${files.length} of ${count} differ: ${files.slice(0, first).map(describeDifference).join('; ')}${files.length > first ? '; …' : ''}`);
  if (logs.length > 0) parts.push(`${logs.join(', ')} differ${logs.length === 1 ? 's' : ''}`);
  return { same, line: `${label.padEnd(22)} DIFFERENT: ${parts.join('; ')}` };
}

/** The last line: ALL-SAME when every stage's line was the same, else DIFFERENT and the stages that were not. */
export function verdict(stages) {
  const different = stages.filter((s) => !s.same).map((s) => s.label);
  return different.length === 0 ? { same: true, line: 'ALL-SAME' } : { same: false, line: `DIFFERENT: ${different.join(', ')}` };
}

/** The raw strings of a labelled set's JSONL text, as `{"raw": …}` lines in chunks of `size` (each chunk one text ending in a newline). */
export function rawChunks(text, size = REFS_CHUNK_LINES) {
  const lines = text.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.stringify({ raw: JSON.parse(line).raw }));
  const chunks = [];
  for (let i = 0; i < lines.length; i += size) chunks.push(`${lines.slice(i, i + size).join('\n')}\n`);
  return chunks;
}

/** A text's last line that is not blank ('' when none). */
function lastLine(text) {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  return lines.length === 0 ? '' : lines[lines.length - 1].trim();
}

/** The checkout's CLI run with `args` in `cwd`: its exit status, stdout and stderr as text. */
function digest(root, args) {
  const run = spawnSync(process.execPath, [join(root, 'bin', 'digest.js'), ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (run.error) throw run.error;
  return { status: run.status ?? `signal ${run.signal}`, stdout: run.stdout, stderr: run.stderr };
}

/** A checkout's short commit, and whether its tree has changes, for the report's head ('?' where git cannot say). */
function describeCheckout(root) {
  const head = spawnSync('git', ['-C', root, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' });
  const dirty = spawnSync('git', ['-C', root, 'status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' });
  return `${head.status === 0 ? head.stdout.trim() : '?'}${dirty.status === 0 && dirty.stdout.trim() !== '' ? ', with changes' : ''}`;
}

/** The builds' part: each `-j`, each side, cold, incremental and unchanged in one run folder; returns each stage's line. */
async function compareBuilds(roots, work, { articles, seed, jobs }) {
  const corpusOf = (root) => import(pathToFileURL(join(root, 'scripts', 'corpus.mjs')).href);
  const corpusModule = await corpusOf(roots[0]);
  const corpus = join(work, 'corpus');
  corpusModule.makeCorpus(corpus, articles, seed);
  const plan = editPlan(readdirSync(corpus).sort());
  const added = join(work, 'added');
  mkdirSync(added);
  for (const i of plan.add) {
    const { name, bytes } = corpusModule.article(i, { seed });
    writeFileSync(join(added, name), bytes);
  }
  for (const { name, article } of plan.replace) writeFileSync(join(added, name), corpusModule.article(article, { seed }).bytes);
  const run = join(work, 'run');
  const lines = [];
  for (const j of jobs) {
    const logs = [];
    for (const [side, root] of roots.entries()) {
      rmSync(run, { recursive: true, force: true });
      mkdirSync(run);
      cpSync(corpus, join(run, 'corpus'), { recursive: true });
      const pipelineFile = join(run, 'pipeline.json');
      (await corpusOf(root)).corpusPipeline(pipelineFile, join(run, 'corpus'), join(run, 'out'));
      const args = ['build', '--pipeline', pipelineFile, '--quiet', '-j', String(j)];
      logs[side] = [];
      for (const stage of STAGES) {
        if (stage === 'incremental') {
          for (const name of plan.remove) rmSync(join(run, 'corpus', name));
          cpSync(added, join(run, 'corpus'), { recursive: true });
        }
        logs[side].push(digest(root, args));
        const kept = join(work, `${side === 0 ? 'old' : 'new'}-j${j}-${stage}`);
        if (existsSync(join(run, 'out'))) cpSync(join(run, 'out'), kept, { recursive: true, filter: (from) => basename(from) !== '.cache' || resolve(from, '..') !== join(run, 'out') });
      }
    }
    for (const [k, stage] of STAGES.entries()) {
      const tree = treeDifferences(join(work, `old-j${j}-${stage}`), join(work, `new-j${j}-${stage}`));
      const told = lastLine(logs[0][k].stderr) || lastLine(logs[0][k].stdout);
      const line = stageLine(`-j ${j} ${stage}`, tree, runDifferences(logs[0][k], logs[1][k]), { told });
      lines.push({ label: `-j ${j} ${stage}`, ...line });
      console.log(line.line);
      // The next side's and -j's folders are what count: a same stage's copies go at once.
      if (line.same) for (const side of ['old', 'new']) rmSync(join(work, `${side}-j${j}-${stage}`), { recursive: true, force: true });
    }
  }
  rmSync(run, { recursive: true, force: true });
  return lines;
}

/** The references' part: each chunk of each labelled set (and each file of `extra`) given to `digest refs` by both sides; one line for them all, or one a differing chunk. */
function compareRefs(roots, work, shared, extra) {
  const inputs = join(work, 'refs');
  mkdirSync(inputs);
  const files = [];
  const sets = join(shared, 'references');
  for (const name of readdirSync(sets).filter((n) => n.endsWith('.jsonl')).sort()) {
    for (const [k, chunk] of rawChunks(readFileSync(join(sets, name), 'utf8')).entries()) {
      const file = join(inputs, `${name.slice(0, -'.jsonl'.length)}-${String(k).padStart(2, '0')}.jsonl`);
      writeFileSync(file, chunk);
      files.push(file);
    }
  }
  if (extra) for (const name of readdirSync(extra).sort()) files.push(join(extra, name));
  const lines = [];
  for (const file of files) {
    const differ = runDifferences(digest(roots[0], ['refs', file]), digest(roots[1], ['refs', file]));
    if (differ.length > 0) lines.push({ label: `refs ${basename(file)}`, ...stageLine(`refs ${basename(file)}`, null, differ) });
  }
  if (lines.length === 0) lines.push({ label: 'refs', ...stageLine(`refs: ${files.length} inputs`, null, []) });
  for (const line of lines) console.log(line.line);
  return lines;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { readArgs } = await import('./script-args.mjs');
  const usage = 'usage: node scripts/same-output.mjs OLD NEW [--articles N] [-j 1,2] [--seed N] [--work DIR] [--keep] [--refs-only | --no-refs] [--refs-files DIR]';
  const { values, positionals } = readArgs('same-output', usage, {
    options: {
      articles: { type: 'string', integer: { min: 45 } },
      jobs: { type: 'string', short: 'j' },
      seed: { type: 'string', integer: { min: 0 } },
      work: { type: 'string' },
      keep: { type: 'boolean' },
      'refs-only': { type: 'boolean' },
      'no-refs': { type: 'boolean' },
      'refs-files': { type: 'string' },
    },
    positionals: 'some',
  });
  const refuse = (message) => {
    process.stderr.write(`same-output: ${message}\n${usage}\n`);
    process.exit(2);
  };
  if (positionals.length !== 2) refuse('name two checkouts, OLD and NEW');
  const jobs = (values.jobs ?? '1,2').split(',');
  if (!jobs.every((j) => /^[1-9]\d*$/.test(j))) refuse(`-j takes thread counts separated by commas (got ${JSON.stringify(values.jobs)})`);
  const roots = positionals.map((p) => resolve(p));
  for (const root of roots) if (!existsSync(join(root, 'dist')) || !existsSync(join(root, 'bin', 'digest.js'))) refuse(`${root} is not a built checkout (run npm run build there)`);
  const shared = process.env.DIGEST_SHARED_DATA;
  const refs = !values['no-refs'] && shared !== undefined && existsSync(join(shared, 'references'));
  if (values['refs-only'] && !refs) refuse(values['no-refs'] ? '--refs-only and --no-refs leave nothing to compare' : `--refs-only: no labelled sets (DIGEST_SHARED_DATA names no folder with references/*.jsonl)`);
  const articles = Number(values.articles ?? 300);
  const seed = Number(values.seed ?? 17);
  if (values.work && existsSync(values.work) && readdirSync(values.work).length > 0) refuse(`--work ${values.work} is not empty: the comparison must not meet another run's files`);
  const work = values.work ? resolve(values.work) : mkdtempSync(join(tmpdir(), 'same-output-'));
  mkdirSync(work, { recursive: true });
  console.log(`same-output: OLD ${roots[0]} (${describeCheckout(roots[0])}), NEW ${roots[1]} (${describeCheckout(roots[1])}); work in ${work}`);
  if (!values['refs-only']) console.log(`builds: the bench's corpus of ${articles} (seed ${seed}), -j ${jobs.join(',')}; cold, incremental (5 added, 5 replaced, 5 removed), unchanged`);
  const lines = [];
  if (!values['refs-only']) lines.push(...(await compareBuilds(roots, work, { articles, seed, jobs: jobs.map(Number) })));
  if (refs) lines.push(...compareRefs(roots, work, shared, values['refs-files'] ? resolve(values['refs-files']) : null));
  else if (!values['no-refs']) console.log('refs: not compared (DIGEST_SHARED_DATA names no folder with references/*.jsonl)');
  const result = verdict(lines);
  console.log(result.line);
  if (result.same && !values.keep) rmSync(work, { recursive: true, force: true });
  else console.log(`kept ${work}`);
  process.exitCode = result.same ? 0 : 1;
}
