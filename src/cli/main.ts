import { existsSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import type { ArticleRecord } from '../generated/article.js';
import { atLeast, type Diagnostic, type Severity } from '../core/diagnostic.js';
import { ConfigError } from '../core/errors.js';
import { packagePath } from '../core/paths.js';
import { coreRuleSource, indexRules, type DeclaredRule, type RuleSource } from '../core/rules.js';
import type { Pipeline } from '../core/pipeline.js';
import { reporters, type ReportedDiagnostic } from '../report/index.js';
import { forTerminal } from '../report/terminal.js';
import { datasetRuleSource } from '../dataset/rules.js';
import { toJson } from '../io/atomic.js';
import { errnoCode, fsFailure, OutputError } from '../io/errors.js';
import { readCapped, readInput, type WalkProblem } from '../io/inputs.js';
import type { Shard } from '../dataset/build.js';
import type { OutputReport } from '../dataset/writer.js';
import { useColor } from './color.js';
import { closest, commandHelp, commands, overviewHelp, parseCommand, UsageError, type Parsed } from './options.js';
import { LineIndex } from '../core/location.js';
import { countOf } from '../core/text.js';

/** Where the CLI reads and writes; tests pass their own. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Standard input, read up to `limit` + 1 bytes and no further (more than `limit` is an input too large). */
  stdin: (limit: number) => Promise<Uint8Array>;
  stderrIsTTY: boolean;
  /** The environment (FORCE_COLOR, NO_COLOR, TERM); default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
}

const defaultIo: Io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  stdin: async (limit) => (await readCapped(process.stdin, limit)).bytes,
  // Asked when a command runs, not when this module loads: process.stderr is made on first use,
  // and a caller with an io of its own (a test, the bench) never needs it (on a pipe, Node's net
  // module: ~7 M instructions; issue 17).
  get stderrIsTTY() {
    return process.stderr.isTTY === true;
  },
  env: process.env,
};

/** The most `digest refs` reads from a file or standard input (it has no pipeline to say). */
const REFS_MAX_BYTES = 64 * 1024 * 1024;

/** A record id as the schema allows it. */
const ID = /^[a-z0-9][a-z0-9-]{0,99}$/;

type Values = Parsed['values'];

/** How diagnostics and messages reach stderr for one command. */
interface Reporting {
  format: keyof typeof reporters;
  minimum: Severity;
  color: boolean;
  quiet: boolean;
}

/** One run of a command: its name, flags, where it writes and how it reports. */
interface Context {
  name: string;
  values: Values;
  io: Io;
  how: Reporting;
  /** The rules its diagnostics can carry, by id ({@link declareRules}). */
  declared?: Map<string, DeclaredRule>;
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}

/** A path as the user sees it: relative to the working folder when inside it. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return toPosix(rel === '' ? '.' : rel.startsWith('..') ? path : rel);
}

function reporting(values: Values, io: Io): Reporting {
  const format = (values.diagnostics as string | undefined) ?? 'unix';
  if (!(format in reporters)) throw new UsageError(`--diagnostics must be unix, json or github (got ${format})`);
  if (values.quiet && values.verbose) throw new UsageError('--quiet and --verbose exclude each other');
  if (values.color && values['no-color']) throw new UsageError('--color and --no-color exclude each other');
  const color = format === 'unix' && useColor({ color: values.color === true, noColor: values['no-color'] === true }, io.env ?? {}, io.stderrIsTTY);
  return { format: format as keyof typeof reporters, minimum: values.quiet ? 'error' : values.verbose ? 'info' : 'warning', color, quiet: values.quiet === true };
}

/** A person at a terminal reading human-format diagnostics: summaries and progress are for them only. */
function interactive(ctx: Context): boolean {
  return ctx.io.stderrIsTTY && ctx.how.format === 'unix' && !ctx.how.quiet;
}

/**
 * A line for people (a result, a note): printed in the unix and github formats, never in json
 * (whose stderr is JSON Lines and nothing else). `result` lines survive --quiet: quiet drops
 * warnings, not what the command did.
 */
function say(ctx: Context, text: string, kind: 'result' | 'note'): void {
  if (ctx.how.format === 'json') return;
  if (kind === 'note' && ctx.how.quiet) return;
  ctx.io.stderr(text);
}

/**
 * Declares the rules a command's diagnostics can carry: the core's, the build's and those of
 * the stages it runs (its pipeline's). Not the whole registry (src/rules.ts): that imports
 * every stage, and `digest text` runs two (issue 17: start-up).
 */
function declareRules(ctx: Context, stages: readonly RuleSource[]): void {
  ctx.declared = indexRules([coreRuleSource, ...stages, datasetRuleSource]);
}

/** The rules of a loaded pipeline's stages. */
function stagesOf(pipeline: Pipeline): RuleSource[] {
  return pipeline.stages.map((s) => s.definition);
}

/** Loads the pipeline a command uses (the loader, stages and data on first need) and declares its rules. */
async function loadFor(ctx: Context): Promise<Pipeline> {
  const { pipelineFor } = await import('../ingest.js');
  const pipeline = pipelineFor(choosePipeline(ctx));
  declareRules(ctx, stagesOf(pipeline));
  return pipeline;
}

/** Whether a rule is about the input as a whole (its declaration says so): reported without a position. */
function wholeInput(ctx: Context, rule: string): boolean {
  return ctx.declared?.get(rule)?.definition.wholeInput === true;
}

function report(ctx: Context, file: string, diagnostics: readonly Diagnostic[]): void {
  const list: ReportedDiagnostic[] = atLeast(diagnostics, ctx.how.minimum).map((d) => {
    if (!wholeInput(ctx, d.rule)) return { file, ...d };
    const { line: _line, column: _column, endLine: _endLine, endColumn: _endColumn, offset: _offset, ...rest } = d;
    return { file, ...rest };
  });
  if (list.length) ctx.io.stderr(reporters[ctx.how.format](list, { color: ctx.how.color }));
}

/**
 * The pipeline file a command uses: --pipeline (which must exist), else digest.json in the
 * working folder (what `digest init` writes), else pipelines/digest.json (this repository's
 * layout); else the package's own for commands that need no inputs, and a pointer to
 * `digest init` for `build`, whose inputs the pipeline names.
 */
function choosePipeline(ctx: Context): string | undefined {
  const given = ctx.values.pipeline as string | undefined;
  if (given !== undefined) {
    if (!existsSync(given)) throw new ConfigError(`${given}: no such pipeline file`);
    return given;
  }
  for (const candidate of ['digest.json', join('pipelines', 'digest.json')]) if (existsSync(candidate)) return candidate;
  if (ctx.name === 'build') {
    throw new ConfigError('no pipeline file here (digest.json, or pipelines/digest.json): write one for your articles with `digest init <folder>`, or name one with --pipeline FILE');
  }
  return undefined;
}

async function cmdIngest(args: string[], ctx: Context): Promise<number> {
  const { values, io } = ctx;
  if (args.length === 0) throw new UsageError('ingest needs at least one input (a path, or - for standard input)');
  const id = values.id as string | undefined;
  if (id !== undefined && !ID.test(id)) throw new UsageError(`--id must be lower-case letters, digits and hyphens, starting with a letter or digit, at most 100 (got ${id})`);
  if (id !== undefined && args.length > 1) throw new UsageError('--id names one record: give one input with it');
  if (args.filter((a) => a === '-').length > 1) throw new UsageError('standard input (-) can be read only once');
  const pipeline = await loadFor(ctx);
  const outDir = resolve((values.out as string | undefined) ?? pipeline.out);
  const { ingestDetailed, readLimit } = await import('../ingest.js');
  const { sha256 } = await import('../core/record.js');
  const { DatasetWriter } = await import('../dataset/writer.js');
  // The same transaction as a build: records are staged, then put in place together (never
  // through a link, never over a file digest did not write); nothing else in DIR is touched.
  const writer = values.stdout ? null : await DatasetWriter.open(outDir, { mode: 'write', command: 'ingest' });
  try {
    const records: ArticleRecord[] = [];
    const done: { name: string; result: Awaited<ReturnType<typeof ingestDetailed>>; target: string | null }[] = [];
    for (const arg of args) {
      let result;
      if (arg === '-') {
        const bytes = await io.stdin(readLimit(pipeline));
        // Named by content unless --id: a second article piped in never overwrites the first.
        result = await ingestDetailed({ bytes, name: '<stdin>' }, { pipeline, id: id ?? `stdin-${sha256(bytes).slice(0, 12)}` });
      } else result = await ingestDetailed({ path: arg }, { pipeline, ...(id !== undefined ? { id } : {}) });
      const name = arg === '-' ? '<stdin>' : arg;
      report(ctx, name, result.record.diagnostics);
      let target: string | null = null;
      if (result.ok && writer) {
        const rel = `articles/${result.record.id}.json`;
        await writer.file(rel, '', toJson(result.record));
        target = shown(join(writer.root, rel));
      } else if (result.ok) records.push(result.record);
      done.push({ name, result, target });
    }
    writer?.commit(false);
    for (const { name, result, target } of done) {
      if (interactive(ctx)) {
        const { summarize } = await import('../dataset/input-summary.js');
        const { ingestSummary } = await import('./summary.js');
        io.stderr(ingestSummary(summarize(name, result.record, result.ok), target, ctx.how.color));
      } else if (target) say(ctx, `${forTerminal(name)}: wrote ${forTerminal(target)}\n`, 'result');
    }
    // JSON Lines whatever the number of inputs: one format for whoever reads it (`jq .` pretty-prints).
    if (values.stdout) for (const r of records) io.stdout(`${JSON.stringify(r)}\n`);
    return done.some((d) => !d.result.ok) ? 1 : 0;
  } finally {
    writer?.abort();
  }
}

function parseShard(value: unknown): Shard | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d{1,4})\/(\d{1,4})$/.exec(String(value));
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) throw new UsageError(`--shard must be K/N with 1 ≤ K ≤ N (got ${String(value)})`);
  return { index, count };
}

function parseConcurrency(value: unknown): number {
  const concurrency = value === undefined ? availableParallelism() : Number(value);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256) throw new UsageError(`--concurrency must be a whole number from 1 to 256 (got ${String(value)})`);
  return concurrency;
}

function describeProblems(report: OutputReport): string[] {
  return [...report.changed.map((f) => `changed: ${f}`), ...report.missing.map((f) => `missing: ${f}`), ...report.extra.map((f) => `stale: ${f}`)].map(forTerminal);
}

/** Names the files a write left alone because digest did not write them (never deleted, never replaced). */
function noteForeign(ctx: Context, report: OutputReport): void {
  if (report.foreign.length === 0) return;
  const list = report.foreign.slice(0, 10).map(forTerminal).join(', ');
  say(ctx, `digest ${ctx.name}: left alone ${report.foreign.length} file${report.foreign.length === 1 ? '' : 's'} digest did not write: ${list}${report.foreign.length > 10 ? ', …' : ''}\n`, 'note');
}

async function cmdBuild(args: string[], ctx: Context): Promise<number> {
  const { values, io, how } = ctx;
  if (args.length > 0) throw new UsageError(`build takes no inputs on the command line (got ${args.join(' ')}); they come from the pipeline file`);
  const concurrency = parseConcurrency(values.concurrency);
  const shard = parseShard(values.shard);
  if (values['no-cache'] && values.cache !== undefined) throw new UsageError('--cache and --no-cache exclude each other');
  const pipeline = await loadFor(ctx);
  const outDir = resolve((values.out as string | undefined) ?? pipeline.out);
  const { build } = await import('../dataset/build.js');
  // How many files changed, told without making the list of their names (file-names.ts).
  const { countChanged } = await import('../dataset/file-names.js');
  const tty = interactive(ctx);
  const { ProgressBar, BuildTally } = tty ? await import('./summary.js') : { ProgressBar: null, BuildTally: null };
  const bar = ProgressBar ? new ProgressBar(io.stderr) : null;
  // The terminal's table, gathered input by input: the build keeps no summary for this command.
  const tally = BuildTally ? new BuildTally() : null;
  let failedSoFar = 0;
  const started = Date.now();
  // Links refused first, then each input's diagnostics in path order, once the build is done.
  let reported = false;
  const reportRefused = (refused: readonly WalkProblem[]) => {
    if (reported) return;
    reported = true;
    bar?.clear();
    for (const problem of refused) report(ctx, problem.path, [{ severity: 'warning', rule: problem.rule, source: 'build', message: problem.message, line: 1, column: 1 }]);
  };
  const result = await build({
    pipeline,
    outDir,
    check: values.check === true,
    concurrency,
    ...(shard ? { shard } : {}),
    ...(values['ids-from'] !== undefined ? { idsFrom: values['ids-from'] as string } : {}),
    cacheDir: values['no-cache'] ? null : (values.cache as string | undefined),
    followLinks: values['follow-links'] === true,
    ...(bar
      ? {
          onProgress: (done: number, total: number, summary: { status: string }) => {
            if (summary.status !== 'ok') failedSoFar++;
            bar.update(done, total, failedSoFar);
          },
        }
      : {}),
    keepInputs: false,
    onInput: (input, { refused }) => {
      reportRefused(refused);
      report(ctx, input.path, input.diagnostics);
      tally?.add(input);
    },
  });
  reportRefused(result.refused);
  noteForeign(ctx, result);
  if (result.cacheProblem !== null) say(ctx, `digest build: warning: the dataset is written, but the cache was not saved: ${forTerminal(result.cacheProblem)}\n`, 'note');
  const where = forTerminal(shown(outDir));
  const of = shard ? ` (shard ${shard.index}/${shard.count})` : '';
  const { inputs, failed } = result.totals;
  if (values.check) {
    const problems = describeProblems(result);
    if (problems.length) {
      // The outcome of a check is its result: said in every format but json, where the exit code says it.
      say(ctx, `digest build --check: ${where} is not what a build would write:\n${problems.map((p) => `  ${p}\n`).join('')}`, 'result');
      return 1;
    }
    say(ctx, `digest build --check: ${where} is up to date (${countOf(inputs, 'input')}${of})\n`, 'result');
    return failed > 0 ? 1 : 0;
  }
  if (tally) {
    const index = join(outDir, 'report', 'index.html');
    const facts = { computed: result.computed, reused: result.reused, threads: result.threads, changed: countChanged(result), seconds: (Date.now() - started) / 1000, outDir: shown(outDir) };
    io.stderr(tally.table({ ...facts, report: pipeline.write?.report === false ? null : shown(index) }, how.color));
  } else {
    say(
      ctx,
      `digest build: ${countOf(inputs, 'input')}${of}, ${countOf(inputs - failed, 'record')}, ${failed} failed; ` +
        `${result.computed} ingested, ${result.reused} from cache; ${countOf(countChanged(result), 'file')} changed under ${where}\n`,
      'result',
    );
  }
  return failed > 0 ? 1 : 0;
}

async function cmdMerge(args: string[], ctx: Context): Promise<number> {
  const { values } = ctx;
  if (args.length === 0) throw new UsageError('merge needs the output folders of the shards');
  if (values.out === undefined) throw new UsageError('merge needs --out DIR');
  const { merge } = await import('../dataset/merge.js');
  const { countChanged } = await import('../dataset/file-names.js');
  const result = await merge({ shards: args, outDir: values.out as string, check: values.check === true });
  const where = forTerminal(shown(result.outDir));
  noteForeign(ctx, result);
  if (values.check) {
    const problems = describeProblems(result);
    if (problems.length) {
      say(ctx, `digest merge --check: ${where} is not what the merge would write:\n${problems.map((p) => `  ${p}\n`).join('')}`, 'result');
      return 1;
    }
  }
  say(ctx, `digest merge: ${countOf(args.length, 'shard')}, ${countOf(result.inputs, 'input')}, ${countOf(result.records, 'record')}; ${values.check ? 'up to date' : `${countOf(countChanged(result), 'file')} changed`} under ${where}\n`, 'result');
  return 0;
}

async function cmdValidate(args: string[], ctx: Context): Promise<number> {
  if (args.length === 0) throw new UsageError('validate needs at least one file or folder');
  const { validatePaths } = await import('../dataset/validate.js');
  const result = await validatePaths(args);
  const problems: ReportedDiagnostic[] = result.problems.map((p) => ({
    file: toPosix(p.file),
    ...(p.line !== undefined ? { line: p.line } : {}),
    severity: p.severity,
    rule: p.rule,
    source: 'validate',
    message: p.pointer ? `${p.pointer}: ${p.message}` : p.message,
  }));
  const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  const shownProblems = problems.filter((p) => rank[p.severity] <= rank[ctx.how.minimum]);
  if (shownProblems.length) ctx.io.stderr(reporters[ctx.how.format](shownProblems, { color: ctx.how.color }));
  if (result.unknown.length) {
    say(ctx, `digest validate: not files of the dataset (not checked): ${result.unknown.slice(0, 10).map((f) => forTerminal(toPosix(f))).join(', ')}${result.unknown.length > 10 ? ', …' : ''}\n`, 'note');
  }
  const errors = result.problems.filter((p) => p.severity === 'error').length;
  const parts = [`${result.records} record${result.records === 1 ? '' : 's'}`, ...(result.manifests ? [`${result.manifests} manifest${result.manifests === 1 ? '' : 's'}`] : []), ...(result.rows ? [`${result.rows} table rows`] : [])];
  // With errors, the lines above are the result (and exit 1 says it).
  if (errors === 0) say(ctx, `digest validate: ${parts.join(', ')} valid\n`, 'result');
  return errors > 0 ? 1 : 0;
}

async function cmdText(args: string[], ctx: Context): Promise<number> {
  if (args.length !== 1) throw new UsageError('text takes exactly one input');
  const arg = args[0]!;
  const [{ loadTextPipeline, textBlocks }, { readLimit }] = await Promise.all([import('./text.js'), import('../open.js')]);
  const pipeline = loadTextPipeline(choosePipeline(ctx));
  declareRules(ctx, stagesOf(pipeline));
  const input = arg === '-' ? { bytes: await ctx.io.stdin(readLimit(pipeline)), name: '<stdin>' } : { path: arg };
  const { blocks, diagnostics, failed } = await textBlocks(input, pipeline);
  report(ctx, arg === '-' ? '<stdin>' : arg, diagnostics);
  for (const block of blocks) ctx.io.stdout(ctx.values.json ? `${JSON.stringify(block)}\n` : `${block.text}\n`);
  return failed ? 1 : 0;
}

async function cmdRefs(args: string[], ctx: Context): Promise<number> {
  if (args.length > 1) throw new UsageError('refs takes at most one input');
  const arg = args[0] ?? '-';
  const name = arg === '-' ? '<stdin>' : arg;
  let bytes: Uint8Array;
  // An unreadable input is reported with the read stage's rules, before any pipeline is loaded.
  declareRules(ctx, [(await import('../stages/read.js')).read]);
  if (arg === '-') bytes = await ctx.io.stdin(REFS_MAX_BYTES);
  else {
    const read = readInput(arg, REFS_MAX_BYTES);
    // The same rules, and so the same lines and exit code, as ingest and text give an unreadable input.
    if (!read.ok) {
      report(ctx, name, [{ severity: 'error', rule: read.rule, source: 'read', message: read.message, line: 1, column: 1 }]);
      return 1;
    }
    bytes = read.bytes;
  }
  if (bytes.length > REFS_MAX_BYTES) {
    report(ctx, name, [{ severity: 'error', rule: 'input-too-large', source: 'read', message: `input is over the limit of ${REFS_MAX_BYTES} bytes`, line: 1, column: 1 }]);
    return 1;
  }
  const pipeline = await loadFor(ctx);
  const { readReferenceList } = await import('../refs/list.js');
  const text = new TextDecoder().decode(bytes).replace(/\r\n?/g, '\n');
  // The pipeline's own limit and heading patterns apply here as in `ingest`.
  const stage = pipeline.stages.find((s) => s.definition.name === 'references');
  const maxReferences = (stage?.options as { maxReferences?: number } | undefined)?.maxReferences ?? 20000;
  const list = readReferenceList(text, { headings: pipeline.data.structure.referenceHeadings, maxReferences });
  const lines = new LineIndex(text);
  const at = (offset: number) => ({ ...lines.point(offset), offset });
  const diagnostics: Diagnostic[] = [];
  if (list.tooMany) {
    diagnostics.push({ severity: 'error', rule: 'too-many-references', source: 'references', message: `${list.tooMany.count} reference entries, over the limit maxReferences=${list.tooMany.limit}`, ...at(0) });
  }
  for (const note of list.notes) {
    if (note.kind === 'unplaced') diagnostics.push({ severity: 'warning', rule: 'reference-line-unplaced', source: 'references', message: `a line in the reference list that is no reference and belongs to none ("${(note.text ?? '').slice(0, 40)}")`, ...at(note.offset) });
    else if (note.kind === 'merged-line') diagnostics.push({ severity: 'info', rule: 'reference-merged-line', source: 'references', message: `reference [${note.number}] shares a line with the one before it; split`, ...at(note.offset) });
  }
  report(ctx, name, diagnostics);
  if (list.tooMany) return 1;
  ctx.io.stdout(toJson(list.items));
  return 0;
}

async function cmdInit(args: string[], ctx: Context): Promise<number> {
  if (args.length > 1) throw new UsageError('init takes one folder (the one that holds the articles)');
  const { initPipeline } = await import('./init.js');
  const done = initPipeline({
    folder: args[0] ?? 'articles',
    file: (ctx.values.pipeline as string | undefined) ?? 'digest.json',
    out: (ctx.values.out as string | undefined) ?? 'out',
    force: ctx.values.force === true,
  });
  say(ctx, `digest init: wrote ${forTerminal(done.file)} (inputs: ${forTerminal(done.folder)}, out: ${forTerminal(done.out)}); now run: digest build${done.file === 'digest.json' ? '' : ` --pipeline ${forTerminal(done.file)}`}\n`, 'result');
  if (!done.folderExists) say(ctx, `digest init: ${forTerminal(done.folder)} does not exist yet: put your articles (.txt, .md, .html) there\n`, 'note');
  return 0;
}

const handlers: Record<string, (args: string[], ctx: Context) => Promise<number>> = {
  ingest: cmdIngest,
  build: cmdBuild,
  merge: cmdMerge,
  validate: cmdValidate,
  text: cmdText,
  refs: cmdRefs,
  init: cmdInit,
};

function version(): string {
  return (JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string }).version;
}

/** The format asked for, read before parsing so that even a usage error comes out as JSON when json was asked for. */
function askedFormat(args: readonly string[]): string {
  const at = args.findIndex((a) => a === '--diagnostics' || a.startsWith('--diagnostics='));
  if (at < 0) return 'unix';
  return args[at]!.includes('=') ? args[at]!.slice('--diagnostics='.length) : (args[at + 1] ?? 'unix');
}

/** An error of the command itself (not of an input): one line, or one JSON object in json mode. */
function fail(io: Io, name: string, format: string, message: string, usage: boolean): number {
  if (format === 'json') io.stderr(`${JSON.stringify({ severity: 'error', command: name, message })}\n`);
  else io.stderr(message.split('\n').map((line) => `digest${name ? ` ${name}` : ''}: ${forTerminal(line)}\n`).join('') + (usage && name ? `Usage: ${commands[name]!.usage} (digest ${name} --help for more)\n` : ''));
  return 2;
}

/**
 * The most bytes of input for which a run counts as short (see {@link shortRun}): the inputs of
 * `ingest` together, the list `refs` reads. Measured in instructions with and without
 * `--no-regexp-optimization` (BENCHMARKS.md, issue 17): ingest of one article (12 KB) −110 M, of a
 * 122 KB article with 78 references −118 M, of ten articles (177 KB) −87 M; refs of 40 references
 * (10 KB) −104 M, of 300 (73 KB) −15 M, of 1,464 (358 KB) +660 M. References are what a long run
 * matches most: ingest's limit is set under the ten articles measured, refs' under half the break-even.
 */
export const SHORT_RUN_BYTES = { ingest: 192 * 1024, refs: 32 * 1024 } as const;

/**
 * Whether `argv` runs a command that compiles more regular expressions than it matches: `ingest`
 * or `refs` of regular files of at most {@link SHORT_RUN_BYTES} together (never standard input,
 * whose size is not known before it is read). Such a process compiles ~400 patterns (the
 * reference parser's most of them) to run each a few times, so bin/load.js then has V8 compile
 * them without its match-time optimisations (`--no-regexp-optimization`): the same matches, ~110 M
 * fewer instructions for one article (issue 17: start-up); a longer run, whose patterns run
 * thousands of times, keeps them. False for anything that does not parse or cannot be read (the
 * command reports that itself).
 */
export function shortRun(argv: readonly string[]): boolean {
  const [name, ...rest] = argv;
  if (name !== 'ingest' && name !== 'refs') return false;
  try {
    const { values, positionals } = parseCommand(name, rest);
    if (values.help === true || positionals.length === 0 || positionals.includes('-')) return false;
    let bytes = 0;
    for (const input of positionals) {
      const info = statSync(input);
      if (!info.isFile()) return false;
      bytes += info.size;
    }
    return bytes <= SHORT_RUN_BYTES[name];
  } catch {
    return false;
  }
}

/** Lends the compiled forms' reads bin/load.js's buffer of the bundle and its code cache, dead once the script is compiled (src/core/lent-buffer.ts). */
export { lendReadBuffer } from '../core/lent-buffer.js';

/** Runs the CLI with the given arguments; resolves to the exit code. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr(overviewHelp());
    return 2;
  }
  if (name === '--help' || name === '-h') {
    io.stdout(overviewHelp());
    return 0;
  }
  if (name === 'help') {
    const topic = rest[0];
    if (topic === undefined) io.stdout(overviewHelp());
    else if (topic in commands) io.stdout(commandHelp(topic));
    else return fail(io, '', 'unix', `no command "${topic}"${closest(topic, Object.keys(commands)) ? ` (did you mean ${closest(topic, Object.keys(commands))}?)` : ''}; digest help lists them`, false);
    return 0;
  }
  if (name === '--version' || name === '-V') {
    io.stdout(`${version()}\n`);
    return 0;
  }
  if (!(name in commands)) {
    const suggestion = closest(name.replace(/^-+/, ''), Object.keys(commands));
    const what = name.startsWith('-') ? `unknown option ${name}` : `unknown command "${name}"`;
    return fail(io, '', askedFormat(rest), `${what}${suggestion ? ` (did you mean ${suggestion}?)` : ''}; digest help lists the commands`, false);
  }
  const format = askedFormat(rest);
  try {
    const { values, positionals } = parseCommand(name, rest);
    if (values.help) {
      io.stdout(commandHelp(name));
      return 0;
    }
    const ctx: Context = { name, values, io, how: reporting(values, io) };
    return await handlers[name]!(positionals, ctx);
  } catch (error) {
    if (error instanceof UsageError) return fail(io, name, format, error.message, true);
    if (error instanceof ConfigError) return fail(io, name, format, error.message, false);
    // A file-system failure (full disk, read-only folder, a link or foreign file in the way,
    // another build holding the folder) is the user's to fix: one line each, exit 2, no stack.
    if (error instanceof OutputError || errnoCode(error) !== null) {
      const message = error instanceof OutputError ? error.message : fsFailure(error, 'use', (error as NodeJS.ErrnoException).path ?? 'a file').message;
      return fail(io, name, format, message, false);
    }
    throw error;
  }
}
