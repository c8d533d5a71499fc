// The pipeline alone, warm, in a process of its own, for scripts/bench.mjs's row "pipeline alone"
// and its linearity row: taken in the bench's own process after its builds (its corpora written,
// a build's records read back, parsed and written again), the same measure read 12.4–13.0 ms an
// article where a process of its own read 9.9–11.0 (BENCHMARKS.md, "After changes 92–95"): the row
// moved with what ran before it. A `digest build` worker runs its pipeline in a thread of its own too.
// Usage: node scripts/bench-pipeline.mjs --pipeline FILE --corpus FOLDER [--articles N] [--seed S]
// (the first N files of the folder by name, 400 by default); prints the rows' figures as JSON.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { article, DEFAULT_SEED } from './corpus.mjs';
import { readArgs } from './script-args.mjs';
import { cpuClock, meanRatio } from './thread-cpu.mjs';

/**
 * CPU of the in-process pipeline on an article and on the same article about nine times longer,
 * on the thread that ingests them (scripts/thread-cpu.mjs: V8's helper threads' CPU moves with the
 * machine's load): the mean of each side's runs, the two sides interleaved (each long run followed
 * by six of the short one) so that both means come from the same moments. Measured as two blocks
 * one after the other (the long article's first), the ratio moved with the load by itself:
 * 4.96–7.08 in four runs with four CPU burners, 4.79–5.51 interleaved; as the least of each side's
 * process CPU it spread 4.83–8.49 in ten trials under load and once failed CI at 11.52; as here,
 * 4.32–4.77 (BENCHMARKS.md, change 75). The seed is the corpus's (scripts/corpus.mjs).
 */
export async function linearity(ingestDetailed, loaded, seed) {
  const clock = cpuClock();
  const cpuOf = async (bytes) => {
    const c0 = clock.now();
    await ingestDetailed({ bytes, name: 'x.txt' }, { pipeline: loaded });
    return clock.now() - c0;
  };
  const base = article(8, { repeat: 0, seed }).bytes;
  const long = article(8, { repeat: 45, seed }).bytes; // 45 × 20 lines more: about ten times the bytes
  for (let r = 0; r < 3; r++) await ingestDetailed({ bytes: long, name: 'x.txt' }, { pipeline: loaded });
  const longs = [];
  const bases = [];
  for (let r = 0; r < 11; r++) {
    longs.push(await cpuOf(long));
    for (let k = 0; k < 6; k++) bases.push(await cpuOf(base));
  }
  return { bytes: long.length / base.length, ratio: meanRatio(longs, bases), what: clock.what };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const usage = 'Usage: node scripts/bench-pipeline.mjs --pipeline FILE --corpus FOLDER [--articles N] [--seed S]';
  const { values } = readArgs('bench-pipeline', usage, {
    options: {
      pipeline: { type: 'string' },
      corpus: { type: 'string' },
      articles: { type: 'string', integer: { min: 1 } },
      seed: { type: 'string', integer: { min: 0 } },
    },
  });
  if (values.pipeline === undefined || values.corpus === undefined) {
    process.stderr.write(`bench-pipeline: --pipeline and --corpus are required\n${usage}\n`);
    process.exit(2);
  }
  const root = fileURLToPath(new URL('..', import.meta.url));
  const { ingestDetailed, loadPipeline } = await import(join(root, 'dist/src/index.js'));
  const loaded = loadPipeline(values.pipeline);
  const files = readdirSync(values.corpus).sort().map((name) => join(values.corpus, name)).slice(0, Number(values.articles ?? 400));
  // Warm: no record JSON, pages, rows or writes; the first 20 once before the timed round.
  for (const file of files.slice(0, 20)) await ingestDetailed({ path: file }, { pipeline: loaded });
  const latencies = [];
  const c0 = process.cpuUsage();
  for (const file of files) {
    const t0 = performance.now();
    await ingestDetailed({ path: file }, { pipeline: loaded });
    latencies.push(performance.now() - t0);
  }
  const warm = process.cpuUsage(c0);
  latencies.sort((a, b) => a - b);
  // Linearity after the warm round, as the bench took it in its own process.
  const lin = await linearity(ingestDetailed, loaded, Number(values.seed ?? DEFAULT_SEED));
  process.stdout.write(
    JSON.stringify({
      articles: files.length,
      warmCpuMs: (warm.user + warm.system) / 1000 / files.length,
      p50: latencies[Math.floor(latencies.length * 0.5)],
      p95: latencies[Math.floor(latencies.length * 0.95)],
      linearity: lin,
    }),
  );
}
