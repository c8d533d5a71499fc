// `digest text`'s CPU a page, for scripts/bench.mjs, in a process of its own: in the bench's own
// process, after its builds and its warm pipeline, the same code read 4.5–8.5 ms a Readability page
// and parsing alone 1.2–4.6 ms from run to run, bimodal, where a process of its own reads 4.3–4.8
// (BENCHMARKS.md, "After changes 83–85"). A `digest text` user runs its pages in a process of its
// own too. Usage: node scripts/bench-pages.mjs PIPELINE; prints the rows' figures as JSON (a set whose
// pages are not there as `{ label, absent: path }`).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { loadPipeline } = await import(join(root, 'dist/src/index.js'));
const loaded = loadPipeline(process.argv[2]);
const zhDir = join(root, 'fixtures/extraction/zh');
// Per-page CPU of `digest text` (read + parse) on saved pages, next to parsing alone (the same
// htmlparser2 back end) and to `cheerio.load` alone (issue 15) on the same decoded text: the Chinese pages written for the project
// and, when the shared data folder is there, Readability's 40 test pages.
const { textBlocks } = await import(join(root, 'dist/src/cli/text.js'));
const { decode } = await import(join(root, 'dist/src/parse/decode.js'));
const { Parser } = await import(new URL('./Parser.js', import.meta.resolve('htmlparser2')).href);
const { DomHandler } = await import('domhandler');
const { load: cheerioLoad } = await import('cheerio');
const sharedPages = join(process.env.DIGEST_SHARED_DATA ?? join(root, '..', 'shared', 'data'), 'extraction', 'readability-pages.jsonl');
const pageSets = [['Chinese pages (fixtures/extraction/zh)', readdirSync(zhDir).filter((name) => name.endsWith('.html')).map((name) => ({ name, bytes: readFileSync(join(zhDir, name)) }))]];
const readabilityLabel = "Readability's 40 test pages (shared data)";
const sharedPagesThere = existsSync(sharedPages);
if (sharedPagesThere) {
  pageSets.push([readabilityLabel, readFileSync(sharedPages, 'utf8').trim().split('\n').map((l) => JSON.parse(l)).map((p) => ({ name: `${p.id}.html`, bytes: new TextEncoder().encode(p.html) }))]);
}
const cpuMs = async (fn) => {
  const t = process.cpuUsage();
  await fn();
  const d = process.cpuUsage(t);
  return (d.user + d.system) / 1000;
};
const perPage = [];
for (const [label, pages] of pageSets) {
  const texts = [];
  for (const p of pages) texts.push((await decode(p.bytes)).text);
  const rounds = 5;
  // Warm-up: ~400 pages' runs (at least three rounds), so that the row is the steady cost of a page
  // in optimised code — a fresh process of the 18 Chinese pages reads ~4 ms a page in its first
  // round and settles at ~0.5 ms after ~300 runs; the first page's set-up is a row of its own.
  const warmRounds = Math.max(3, Math.ceil(400 / pages.length));
  for (let r = 0; r < warmRounds; r++) for (const p of pages) await textBlocks(p, loaded);
  for (let r = 0; r < warmRounds; r++) for (const t of texts) new Parser(new DomHandler(undefined, { withStartIndices: true, withEndIndices: true }), { decodeEntities: true }).end(t);
  const textMs = await cpuMs(async () => {
    for (let r = 0; r < rounds; r++) for (const p of pages) await textBlocks(p, loaded);
  });
  const parseMs = await cpuMs(async () => {
    for (let r = 0; r < rounds; r++) for (const t of texts) new Parser(new DomHandler(undefined, { withStartIndices: true, withEndIndices: true }), { decodeEntities: true }).end(t);
  });
  // cheerio.load alone (its default parse5 back end, what issue 15 compares with): a DOM and no more.
  for (const t of texts) cheerioLoad(t); // warm-up: a comparison, not the row's subject (~26 ms a Readability page)
  const cheerioMs = await cpuMs(async () => {
    for (let r = 0; r < rounds; r++) for (const t of texts) cheerioLoad(t);
  });
  const kb = pages.reduce((n, p) => n + p.bytes.length, 0) / pages.length / 1024;
  perPage.push({ label, pages: pages.length, kb, textMs: textMs / rounds / pages.length, parseMs: parseMs / rounds / pages.length, cheerioMs: cheerioMs / rounds / pages.length });
}

// Said, not left out: a table without the row reads as if the pages had not been asked for.
if (!sharedPagesThere) perPage.push({ label: readabilityLabel, absent: relative(root, sharedPages) || sharedPages });
process.stdout.write(JSON.stringify(perPage));
