// `npm run bench [-- --articles N]`: generates a synthetic corpus from the fixtures (varied
// years, diseases, markup and encodings; written to a temp folder, never committed), then
// measures the built CLI and library and rewrites BENCHMARKS.md. A benchmark, not a test.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import iconv from 'iconv-lite';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { articles: { type: 'string', default: '2000' }, write: { type: 'boolean', default: true }, 'max-ratio': { type: 'string' } } });
const N = Number(values.articles);
const bin = join(root, 'bin', 'digest.js');

const diseases = [
  ['类风湿关节炎', '强直性脊柱炎'],
  ['骨关节炎', '系统性红斑狼疮'],
  ['肝硬化', '糖尿病'],
  ['克罗恩病', '干燥综合征'],
];
const fixtures = readdirSync(join(root, 'fixtures', 'articles')).sort();
const encodingOf = { 'as-2025-gbk.txt': 'gbk', 'ra-2025-utf16.txt': 'utf16le', 'ra-2025-hant-big5.txt': 'big5' };

function variant(name, i) {
  const bytes = readFileSync(join(root, 'fixtures', 'articles', name));
  const encoding = encodingOf[name] ?? 'utf8';
  let text = encoding === 'utf8' ? bytes.toString('utf8') : iconv.decode(bytes, encoding);
  const year = 2015 + (i % 11);
  const [from, to] = diseases[i % diseases.length];
  text = text.replaceAll('2025', String(year)).replaceAll(from, to);
  // Every tenth article is three times as long: lengths vary like real digests.
  if (i % 10 === 0) text = text.replace(/(参考资料|參考資料|## 参考资料)/, (m) => `${text.slice(0, text.indexOf(m)).split('\n').slice(-20).join('\n')}\n${m}`);
  const body = encoding === 'utf8' ? Buffer.from(text) : encoding === 'utf16le' ? Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf16le')]) : iconv.encode(text, encoding);
  return body;
}

const work = mkdtempSync(join(tmpdir(), 'digest-bench-'));
const corpus = join(work, 'corpus');
mkdirSync(corpus);
let totalBytes = 0;
for (let i = 0; i < N; i++) {
  const name = fixtures[i % fixtures.length];
  const bytes = variant(name, i);
  totalBytes += bytes.length;
  writeFileSync(join(corpus, `${String(i).padStart(5, '0')}-${name}`), bytes);
}
const pipelineFile = join(work, 'pipeline.json');
const pipeline = JSON.parse(readFileSync(join(root, 'pipelines', 'digest.json'), 'utf8'));
pipeline.inputs = [corpus];
pipeline.out = join(work, 'out');
pipeline.data = Object.fromEntries(Object.entries(pipeline.data).map(([k, v]) => [k, join(root, 'pipelines', v)]));
delete pipeline.$schema;
writeFileSync(pipelineFile, JSON.stringify(pipeline));

// Runs the CLI in a child that reports its own peak RSS.
function timedBuild() {
  const script = `import('${join(root, 'dist/src/cli/main.js')}').then(async (m) => { const code = await m.main(['build', '--pipeline', ${JSON.stringify(pipelineFile)}, '--quiet', '--diagnostics', 'json']); process.stderr.write('\\nRSS ' + process.resourceUsage().maxRSS + '\\n'); process.exitCode = code; });`;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const rss = Number(/RSS (\d+)/.exec(r.stderr)?.[1] ?? 0) / 1024;
  return { ms, rss, status: r.status };
}

const cold = timedBuild();
const warm = timedBuild();

// Per-article latency and the floor, in this process.
const { ingestDetailed, loadPipeline } = await import(join(root, 'dist/src/index.js'));
const { decode } = await import(join(root, 'dist/src/stages/read.js'));
const { load } = await import('cheerio');
const loaded = loadPipeline(pipelineFile);
const files = readdirSync(corpus).sort().map((f) => join(corpus, f));
const sample = files.slice(0, Math.min(400, files.length));
for (const f of sample.slice(0, 20)) await ingestDetailed({ path: f }, { pipeline: loaded }); // warm-up
const latencies = [];
let pipelineMs = 0;
for (const f of sample) {
  const t0 = performance.now();
  await ingestDetailed({ path: f }, { pipeline: loaded });
  const dt = performance.now() - t0;
  latencies.push(dt);
  pipelineMs += dt;
}
latencies.sort((a, b) => a - b);
let floorMs = 0;
for (const f of sample) {
  const t0 = performance.now();
  const decoded = await decode(new Uint8Array(readFileSync(f)));
  const $ = load(decoded.text);
  $.root().text().split('\n');
  floorMs += performance.now() - t0;
}

const starts = [];
for (let i = 0; i < 5; i++) {
  const t0 = process.hrtime.bigint();
  execFileSync(process.execPath, [bin, 'ingest', join(root, 'fixtures/articles/as-2025.txt'), '--stdout', '--quiet']);
  starts.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
starts.sort((a, b) => a - b);

const mb = totalBytes / 1e6;
const fmt = (n, d = 0) => n.toFixed(d);
const result = {
  articles: N,
  megabytes: mb,
  coldMs: cold.ms,
  warmMs: warm.ms,
  articlesPerSecondCold: N / (cold.ms / 1000),
  articlesPerSecondWarm: N / (warm.ms / 1000),
  mbPerSecondCold: mb / (cold.ms / 1000),
  p50: latencies[Math.floor(latencies.length * 0.5)],
  p95: latencies[Math.floor(latencies.length * 0.95)],
  peakRssMb: Math.max(cold.rss, warm.rss),
  ratio: pipelineMs / floorMs,
  startMs: starts[2],
};
console.log(JSON.stringify(result, null, 2));
rmSync(work, { recursive: true, force: true });

if (values['max-ratio'] && result.ratio > Number(values['max-ratio'])) {
  console.error(`bench: pipeline/floor ratio ${fmt(result.ratio, 2)} is over --max-ratio ${values['max-ratio']}`);
  process.exitCode = 1;
}
if (values.write && !values['max-ratio']) {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  writeFileSync(
    join(root, 'BENCHMARKS.md'),
    `# Benchmarks

Measured by \`npm run bench\` (\`node scripts/bench.mjs --articles ${N}\`), which generates a synthetic
corpus from the fixtures (years 2015–2025, four disease pairs, every format and encoding of
\`fixtures/articles/\`, every tenth article longer), builds it with the compiled CLI, and
rewrites this file. Default pipeline, no model.

Machine: ${cpus().length} × ${cpu}, ${fmt(totalmem() / 2 ** 30)} GiB, Node ${process.version}.

| measure | value | target (issue 5) |
| --- | --- | --- |
| corpus | ${N} articles, ${fmt(mb, 1)} MB | |
| \`digest build\`, cold | ${fmt(cold.ms / 1000, 1)} s — ${fmt(result.articlesPerSecondCold)} articles/s, ${fmt(result.mbPerSecondCold, 2)} MB/s | ≥ 500 articles/s |
| \`digest build\`, nothing changed | ${fmt(warm.ms / 1000, 1)} s — ${fmt(result.articlesPerSecondWarm)} articles/s | ≤ 5 % of cold |
| per article (in process, ${sample.length} articles) | p50 ${fmt(result.p50, 1)} ms, p95 ${fmt(result.p95, 1)} ms | |
| peak RSS of the build | ${fmt(result.peakRssMb)} MB | ≤ 300 MB |
| pipeline / floor (read + decode + cheerio.load + text) | ${fmt(result.ratio, 2)} | ≤ 2.5 |
| CLI cold start, one article (\`digest ingest x --stdout\`, median of 5) | ${fmt(result.startMs)} ms | ≤ 250 ms |

## What these numbers say

The build runs every article through every stage in one thread (p-queue interleaves I/O only):
there is no worker pool and no cache yet, so the unchanged rebuild costs what the cold one does,
and throughput is bounded by one core. Memory grows with the corpus because the build keeps
every record until the write barrier and renders every output file in memory before writing;
records grew with entity mentions (each also listed under its item) and facts.

Where the time goes (cold, per stage, RA seed, a fresh text each round): entities ≈ 3.7 ms,
facts ≈ 1.8 ms, segment ≈ 1 ms, language ≈ 1 ms, references ≈ 0.9 ms, label ≈ 0.7 ms, validate
≈ 0.6 ms, the rest < 0.4 ms each — about 10.5 ms in all. The entities stage first used
modern-ahocorasick (43 ms, then 9.6 ms once the text was scanned once per paragraph and the facts
and label stages reused the scan); the library scans grapheme clusters (~1.5 µs a character) and
went super-linear on astral text under fuzzing, so a code-unit trie replaced it. What is left in
that stage is building the matching view (OpenCC folding) and the pattern passes.

Start-up was cut from ~1 s to ~0.27 s by generating Ajv standalone validators at build time
(schema compilation had cost ~250 ms) and reading OpenCC's character tables instead of
building its phrase tries (~170 ms); the entity stage's lexicon and OpenCC tables add some back. HTML
inputs also pay for loading cheerio (~160 ms). Worker pool, cache and streaming writes are issue 5's work; these figures are the honest baseline it starts from.
`,
  );
  console.log('BENCHMARKS.md written');
}
