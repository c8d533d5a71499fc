// `node scripts/regex-cost.mjs <digest command and arguments>`: which regular expressions one run
// of a command compiles, where in dist/src each is used first, and what making and compiling each
// costs on its own (issue 17: start-up). A one-article `digest ingest` compiles ~390 patterns at
// their first use, in a process that runs each a few times: their compiling, not their matching,
// is what a one-shot command pays. The command runs in this process from dist/src (so that stack
// frames name files) under the launcher's V8 flags (bin/load.js), its output dropped; each pattern
// seen is then made and run once again in isolation (with a unique empty-matching tail, which V8's
// cache of compiled patterns cannot serve), CPU time the least of three tries.
//
//   node scripts/regex-cost.mjs ingest fixtures/articles/as-2025.txt --stdout
//   node scripts/regex-cost.mjs --top 40 --json ingest fixtures/articles/as-2025.txt --stdout
//
// Prints the total, the total by file and the most costly patterns (or, with --json, all of it).
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Options before the command: `--top N`, `--json`. */
function parseOptions(argv) {
  const options = { top: 20, json: false };
  let i = 0;
  for (; i < argv.length; i++) {
    if (argv[i] === '--json') options.json = true;
    else if (argv[i] === '--top') options.top = Number(argv[++i]);
    else break;
  }
  if (!Number.isInteger(options.top) || options.top < 0) throw new Error('regex-cost: --top takes a whole number');
  return { options, command: argv.slice(i) };
}

/** The first frame of a stack in the package's compiled code, as `folder/file.js:line` (null when none is). */
export function sourceOf(stack) {
  for (const line of stack.split('\n').slice(1)) {
    const m = /[\\/]dist[\\/]src[\\/](.+?):(\d+):\d+\)?$/.exec(line);
    if (m) return `${m[1].replace(/\\/g, '/')}:${m[2]}`;
  }
  return null;
}

/**
 * Runs `command` (argv of `digest`) and returns each pattern it executed, in order of first use:
 * source, flags, where it was first used, and how many times it ran. Every way a pattern runs
 * (exec, test, match, replace, split, matchAll, search) goes through `RegExp.prototype.exec` once
 * it is replaced.
 */
export async function patternsOf(command) {
  const { main } = await import(`${root}dist/src/cli/main.js`);
  const exec = RegExp.prototype.exec;
  const seen = new Map();
  function recording(subject) {
    const key = `${this.flags}/${this.source}`;
    const entry = seen.get(key);
    if (entry) entry.runs++;
    else {
      // The stack is read with the original exec back: formatting it runs patterns of Node's own.
      RegExp.prototype.exec = exec;
      seen.set(key, { source: this.source, flags: this.flags, at: sourceOf(new Error().stack ?? '') ?? '(outside dist/src)', runs: 1 });
      RegExp.prototype.exec = recording;
    }
    return exec.call(this, subject);
  }
  const io = { stdout: () => {}, stderr: () => {}, stdin: async () => new Uint8Array(), stderrIsTTY: false, env: {} };
  RegExp.prototype.exec = recording;
  let code;
  try {
    code = await main(command, io);
  } finally {
    RegExp.prototype.exec = exec;
  }
  return { code, patterns: [...seen.values()] };
}

/** CPU time (ms, least of `tries`) of making a pattern and running it once: its parse and compilation. */
export function compileCost(source, flags, tries = 3) {
  let least = Infinity;
  for (let t = 0; t < tries; t++) {
    // An empty-matching tail after the whole pattern: the same language, a source V8's cache of compiled patterns has not seen.
    const unique = `(?:${source})(?:\\u0000${compileCost.unique++})?`;
    const start = process.cpuUsage();
    const pattern = new RegExp(unique, flags);
    pattern.exec('x');
    const used = process.cpuUsage(start);
    least = Math.min(least, (used.user + used.system) / 1000);
  }
  return least;
}
compileCost.unique = 0;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { options, command } = parseOptions(process.argv.slice(2));
  if (command.length === 0) throw new Error('regex-cost: name a digest command, e.g. ingest fixtures/articles/as-2025.txt --stdout');
  // The launcher's V8 flags (set when bin/load.js is imported), so that patterns compile as the CLI compiles them.
  await import(`${root}bin/load.js`);
  const { code, patterns } = await patternsOf(command);
  for (const p of patterns) {
    p.ms = compileCost(p.source, p.flags);
    p.propertyEscapes = (p.source.match(/\\[pP]\{/g) ?? []).length;
  }
  patterns.sort((a, b) => b.ms - a.ms);
  const byFile = new Map();
  for (const p of patterns) {
    const file = p.at.replace(/:\d+$/, '');
    const entry = byFile.get(file) ?? { file, patterns: 0, ms: 0 };
    entry.patterns++;
    entry.ms += p.ms;
    byFile.set(file, entry);
  }
  const files = [...byFile.values()].sort((a, b) => b.ms - a.ms);
  const total = patterns.reduce((sum, p) => sum + p.ms, 0);
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ command, exitCode: code, totalMs: total, files, patterns }, null, 2)}\n`);
  } else {
    console.log(`digest ${command.join(' ')} (exit ${code}): ${patterns.length} patterns run, ${total.toFixed(1)} ms of CPU to make and compile them in isolation`);
    console.log('\nby file (where each is first used):');
    for (const f of files) console.log(`${f.ms.toFixed(1).padStart(8)} ms ${String(f.patterns).padStart(4)}  ${f.file}`);
    console.log(`\nthe ${Math.min(options.top, patterns.length)} most costly (ms, first used at, flags, length, \\p escapes, runs, source):`);
    for (const p of patterns.slice(0, options.top)) {
      console.log(`${p.ms.toFixed(2).padStart(7)} ${p.at.padEnd(28)} ${p.flags.padEnd(4)} ${String(p.source.length).padStart(6)} ${String(p.propertyEscapes).padStart(3)} ${String(p.runs).padStart(5)}  ${p.source.slice(0, 90)}`);
    }
  }
}
