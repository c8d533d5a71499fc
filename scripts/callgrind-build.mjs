// `node scripts/callgrind-build.mjs BEFORE AFTER [--articles 100] [--runs 3] [--seed 17] [--parallel 2]`:
// the instructions of a whole cold one-thread build (`digest build -j 1`) of the bench's generated
// corpus, counted by callgrind for two built checkouts, alternated BEFORE, AFTER, BEFORE … (issue
// 17: pipeline CPU). Made to resolve a change of ~0.5 % of a build, which neither CPU time (the
// shared machine: ±10 % a pair) nor plain callgrind could: a build's count moved 2.5 % between
// runs of one code (BENCHMARKS.md, change 131), because V8 decides on its own helper threads and
// by the clock what it compiles and when, and when the heap grows. Here node runs with
// `--predictable` (one thread for V8's work: no concurrent compiler, collector or sweeper, no
// memory reducer), `--predictable-gc-schedule` (the heap grown by fixed steps, not by the
// collector's and the program's measured speeds) and a fixed `--random-seed` and `--hash-seed`: V8's
// flags hold for every thread of the process, so the build's own thread (bin/thread.js) runs
// under them too. They are not the CLI's flags, so the code caches are refused and the bundle is
// compiled from source: a fixed cost, the same for both sides. Steadier, not steady: with these
// flags five of six runs of 40 articles agreed to 0.03 % within their side, but one run of main
// read 5.7 % more (without the GC schedule, 100 articles: 0.16 %); what V8 still decides by the
// clock under callgrind (~50× slower) is not found yet (BENCHMARKS.md, change 138). Read each
// side's spread before the change; `--parallel 2` runs a pair side by side.
// Instructions are not CPU: page faults and cache misses are not in them.
//
// Each checkout must be built (`npm run build`). The corpus is made once, by BEFORE's
// scripts/corpus.mjs, in a folder of the system's temporary folder (or --work); each side's
// pipeline file is made there by its own scripts/corpus.mjs (its own data files, allowed outside
// the work folder) and builds the corpus into an output folder of its own, removed before each run. Prints each run's count,
// each side's median and spread, and the change of the medians against the larger spread.
// Pure functions (the callgrind file's total, the summaries): tests/scripts/callgrind-build.test.ts.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The V8 flags that make a build's instruction count steady (see above). */
export const steadyFlags = ['--predictable', '--predictable-gc-schedule', '--random-seed=17', '--hash-seed=17'];

/**
 * The total instructions of a callgrind output file's text: its `summary:` line (callgrind
 * writes `totals:` too, the same number); with `--separate-threads=yes` one file a thread, each
 * to be read and summed. Throws when the text holds neither line.
 */
export function callgrindTotal(text) {
  const match = /^(?:summary|totals):\s*(\d+)/m.exec(text);
  if (match === null) throw new Error('callgrind-build: no summary or totals line in the callgrind output');
  return Number(match[1]);
}

/** Counts' median, least and most, and spread: (most − least) ÷ median, how far one run of a code may land from another. */
export function countsSummary(counts) {
  if (counts.length === 0) throw new Error('countsSummary needs at least one count');
  const sorted = [...counts].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  const least = sorted[0];
  const most = sorted[sorted.length - 1];
  return { median, least, most, spread: (most - least) / median };
}

/**
 * BEFORE's and AFTER's counts compared: each side's {@link countsSummary}; the change of the
 * medians (AFTER over BEFORE, less 1); in how many of the alternated pairs (the i-th run of each)
 * AFTER is lower; and whether the change is resolved — two pairs or more, larger than either
 * side's spread and the same way in every pair.
 */
export function compareCounts(before, after) {
  const b = countsSummary(before);
  const a = countsSummary(after);
  const pairs = Math.min(before.length, after.length);
  let lower = 0;
  let higher = 0;
  for (let i = 0; i < pairs; i++) {
    if (after[i] < before[i]) lower++;
    else if (after[i] > before[i]) higher++;
  }
  const change = a.median / b.median - 1;
  // One run a side has no spread to go beyond: never resolved.
  const resolved = pairs >= 2 && Math.abs(change) > Math.max(a.spread, b.spread) && (lower === pairs || higher === pairs);
  return { before: b, after: a, change, pairs, lower, resolved };
}

/** A count in G (10⁹) instructions, to the millionth. */
const giga = (n) => `${(n / 1e9).toFixed(6)} G`;
/** A share in %, signed, to the ten-thousandth. */
const percent = (x) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(4)} %`;

/** Runs one cold `-j 1` build of `root`'s CLI under callgrind; resolves to its instruction count. */
function countBuild(root, pipelineFile, outDir, callgrindFile) {
  rmSync(outDir, { recursive: true, force: true });
  const args = ['--tool=callgrind', `--callgrind-out-file=${callgrindFile}`, process.execPath, ...steadyFlags, join(root, 'bin', 'digest.js'), 'build', '-p', pipelineFile, '-j', '1', '-q'];
  return new Promise((done, fail) => {
    const child = spawn('valgrind', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (code) => {
      if (code !== 0) return fail(new Error(`callgrind-build: the build of ${root} exited ${code}\n${stderr.slice(-2000)}`));
      try {
        done(callgrindTotal(readFileSync(callgrindFile, 'utf8')));
      } catch (error) {
        fail(error);
      } finally {
        rmSync(callgrindFile, { force: true });
      }
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { readArgs } = await import('./script-args.mjs');
  const usage = 'usage: node scripts/callgrind-build.mjs BEFORE AFTER [--articles N] [--runs N] [--seed N] [--parallel 1|2] [--work DIR]';
  const { values, positionals } = readArgs('callgrind-build', usage, {
    options: {
      articles: { type: 'string', integer: { min: 1 } },
      runs: { type: 'string', integer: { min: 1 } },
      seed: { type: 'string', integer: { min: 0 } },
      parallel: { type: 'string', oneOf: ['1', '2'] },
      work: { type: 'string' },
    },
    positionals: 'some',
  });
  if (positionals.length !== 2) {
    process.stderr.write(`callgrind-build: name two checkouts, BEFORE and AFTER\n${usage}\n`);
    process.exit(2);
  }
  const roots = positionals.map((p) => resolve(p));
  const articles = Number(values.articles ?? 100);
  const runs = Number(values.runs ?? 3);
  const seed = Number(values.seed ?? 17);
  // Two at once, one of each side: the counts do not depend on the machine's load.
  const parallel = Number(values.parallel ?? 1);
  const work = values.work ? resolve(values.work) : mkdtempSync(join(tmpdir(), 'callgrind-build-'));
  const corpusOf = (root) => import(pathToFileURL(join(root, 'scripts', 'corpus.mjs')).href);
  (await corpusOf(roots[0])).makeCorpus(join(work, 'corpus'), articles, seed);
  const sides = [];
  for (const [i, root] of roots.entries()) {
    const name = i === 0 ? 'before' : 'after';
    const pipelineFile = join(work, `${name}.json`);
    // Each side's pipeline names its own checkout's data files, outside the work folder.
    (await corpusOf(root)).corpusPipeline(pipelineFile, join(work, 'corpus'), join(work, `out-${name}`));
    const pipeline = JSON.parse(readFileSync(pipelineFile, 'utf8'));
    pipeline.data.allowOutsideFolder = true;
    writeFileSync(pipelineFile, JSON.stringify(pipeline));
    sides.push({ name, root, pipelineFile, outDir: join(work, `out-${name}`), counts: [] });
  }
  console.log(`callgrind, a cold -j 1 build of ${articles} articles (seed ${seed}), node ${steadyFlags.join(' ')}; ${runs} run(s) a side, alternated; work in ${work}`);
  const one = async (side, run) => {
    const count = await countBuild(side.root, side.pipelineFile, side.outDir, join(work, `callgrind.${side.name}.${run}`));
    side.counts[run] = count;
    console.log(`  run ${run + 1} ${side.name.padEnd(6)} ${giga(count)}  (${side.root})`);
  };
  for (let run = 0; run < runs; run++) {
    if (parallel === 2) await Promise.all(sides.map((side) => one(side, run)));
    else for (const side of sides) await one(side, run);
  }
  const result = compareCounts(sides[0].counts, sides[1].counts);
  for (const [name, s] of [['before', result.before], ['after', result.after]]) {
    console.log(`${name.padEnd(6)} median ${giga(s.median)}, ${giga(s.least)}–${giga(s.most)}, spread ${percent(s.spread)}`);
  }
  console.log(`after against before: ${percent(result.change)} (lower in ${result.lower} of ${result.pairs} pairs): ${result.resolved ? 'resolved' : 'not resolved'} beyond the larger spread`);
}
