// Summarises V8 CPU profiles (`node --cpu-prof`, one file per thread) by self time: the top
// functions, and the time per source file — the project's files by path (src/stages/entities…),
// dependencies by package, Node's own and V8's (GC, compilation) by name. How BENCHMARKS.md's
// profiles were read: `node scripts/profile.mjs DIR-OR-FILES… [--top 30]`.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readArgs } from './script-args.mjs';

const { values, positionals } = readArgs('profile', 'Usage: node scripts/profile.mjs DIR-OR-FILE.cpuprofile… [--top N] [--inclusive NAME,…]', {
  positionals: 'some',
  options: { top: { type: 'string', default: '30', integer: { min: 1 } }, inclusive: { type: 'string', default: '' } },
});
/** Function names whose inclusive time (theirs and everything they call) is listed too. */
const inclusiveNames = values.inclusive ? values.inclusive.split(',') : [];
const top = Number(values.top);
const missing = positionals.find((p) => !existsSync(p));
if (missing !== undefined) {
  process.stderr.write(`profile: no such file or folder: ${missing}\n`);
  process.exit(2);
}
const files = positionals.flatMap((p) => (statSync(p).isDirectory() ? readdirSync(p).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(p, f)) : [p]));

/** Where a frame's code lives: the project's file, a package, Node's internals, or V8's own. */
function placeOf(url, name) {
  if (!url) return `(${name || 'anonymous'})`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return `npm:${pkg[1]}`;
  const own = /\/(?:dist\/)?(src\/.*|scripts\/.*|bin\/.*)$/.exec(url);
  if (own) return own[1].replace(/\.js$/, '');
  if (url.startsWith('node:')) return 'node:internals';
  return url;
}

const byFunction = new Map();
const byPlace = new Map();
const inclusive = new Map();
let total = 0;
for (const file of files) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i] ?? 0;
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + dt);
  }
  for (const [id, us] of self) {
    const { callFrame } = nodes.get(id);
    const place = placeOf(callFrame.url, callFrame.functionName);
    if (place === '(idle)') continue;
    total += us;
    const key = `${callFrame.functionName || '(anonymous)'}  ${place}:${callFrame.lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    byPlace.set(place, (byPlace.get(place) ?? 0) + us);
    if (inclusiveNames.length) {
      const seen = new Set();
      for (let at = id; at !== undefined; at = parent.get(at)) {
        const name = nodes.get(at).callFrame.functionName;
        if (inclusiveNames.includes(name)) seen.add(name);
      }
      for (const name of seen) inclusive.set(name, (inclusive.get(name) ?? 0) + us);
    }
  }
}
const show = (title, map) => {
  console.log(`\n${title}`);
  for (const [key, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, map === inclusive ? undefined : top)) {
    console.log(`${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / total).toFixed(1).padStart(5)} %  ${key}`);
  }
};
console.log(`${files.length} profile(s), ${(total / 1000).toFixed(0)} ms of samples (idle left out)`);
if (inclusiveNames.length) show('inclusive time of the functions asked for', inclusive);
show('by file or package (self time)', byPlace);
show('by function (self time)', byFunction);
