import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import type { ArticleRecord } from '../generated/article.js';
import { atLeast, type FileDiagnostic, type Severity } from '../core/diagnostic.js';
import { ConfigError } from '../core/errors.js';
import { packagePath } from '../core/paths.js';
import { ingestDetailed, pipelineFor } from '../ingest.js';
import { reporters } from '../report/index.js';
import { forTerminal } from '../report/terminal.js';
import { toJson } from '../io/atomic.js';
import { errnoCode, fsFailure, OutputError } from '../io/errors.js';
import { readCapped, readInput } from '../io/inputs.js';
import type { Shard } from '../dataset/build.js';
import { readLimit } from '../dataset/plan.js';
import type { OutputReport } from '../dataset/writer.js';
import { textBlocks } from './text.js';
import { readReferenceList } from '../refs/list.js';
import { LineIndex } from '../core/location.js';

/** Where the CLI writes; tests pass their own. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Standard input, read up to `limit` + 1 bytes and no further (more than `limit` is an input too large). */
  stdin: (limit: number) => Promise<Uint8Array>;
  stderrIsTTY: boolean;
}

const defaultIo: Io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  stdin: async (limit) => (await readCapped(process.stdin, limit)).bytes,
  stderrIsTTY: process.stderr.isTTY === true,
};

/** The most `digest refs` reads from a file or standard input (it has no pipeline to say). */
const REFS_MAX_BYTES = 64 * 1024 * 1024;

class UsageError extends Error {}

const common = {
  help: { type: 'boolean', short: 'h' },
  pipeline: { type: 'string' },
  diagnostics: { type: 'string' },
  verbose: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
} as const;

/** Every command's flags, declared in one table (unified-args style). */
const commands = {
  ingest: {
    summary: 'ingest files (or - for stdin); write one record per input to DIR/articles/<id>.json',
    usage: 'digest ingest <input>... [--pipeline FILE] [--out DIR] [--stdout]',
    options: { ...common, out: { type: 'string' }, stdout: { type: 'boolean' } },
  },
  build: {
    summary: 'ingest every input the pipeline names and write the dataset under its out folder',
    usage: 'digest build [--pipeline FILE] [--out DIR] [--check] [--concurrency N] [--shard K/N] [--cache DIR | --no-cache] [--follow-links]',
    options: {
      ...common,
      out: { type: 'string' },
      'follow-links': { type: 'boolean' },
      check: { type: 'boolean' },
      concurrency: { type: 'string' },
      shard: { type: 'string' },
      cache: { type: 'string' },
      'no-cache': { type: 'boolean' },
    },
  },
  merge: {
    summary: 'join the output folders of `build --shard K/N` (K = 1..N) into one dataset',
    usage: 'digest merge <shard-dir>... --out DIR [--check]',
    options: { ...common, out: { type: 'string' }, check: { type: 'boolean' } },
  },
  validate: {
    summary: 'validate record files or folders against schemas/',
    usage: 'digest validate <path>...',
    options: { ...common },
  },
  text: {
    summary: 'print the body the parse stage kept, one block a line (--json: JSON Lines)',
    usage: 'digest text <input> [--json] [--pipeline FILE]',
    options: { ...common, json: { type: 'boolean' } },
  },
  refs: {
    summary: 'parse a reference list (or JSON Lines of {"raw": …}) into a JSON array of CSL-JSON items',
    usage: 'digest refs [FILE|-]',
    options: { ...common },
  },
} as const;

type CommandName = keyof typeof commands;

async function version(): Promise<string> {
  const pkg = JSON.parse(await readFile(packagePath('package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

function help(): string {
  const lines = ['Usage: digest <command> [options]', '', 'Commands:'];
  for (const [name, c] of Object.entries(commands)) lines.push(`  ${name.padEnd(9)} ${c.summary}`);
  lines.push(
    '',
    'Options for every command:',
    '  --pipeline FILE      pipeline file (default: pipelines/digest.json)',
    '  --diagnostics FMT    unix (default), json or github',
    '  --verbose            also print info diagnostics',
    '  --quiet, -q          print errors only',
    '  --help, -h           this help; --version prints the version',
    '',
    'Exit codes: 0 every input produced a valid record; 1 some input failed; 2 usage error.',
    '',
  );
  return lines.join('\n');
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}

interface Reporting {
  format: keyof typeof reporters;
  minimum: Severity;
  color: boolean;
}

function reporting(values: Record<string, unknown>, io: Io): Reporting {
  const format = (values.diagnostics as string | undefined) ?? 'unix';
  if (!(format in reporters)) throw new UsageError(`--diagnostics must be unix, json or github (got ${format})`);
  return {
    format: format as keyof typeof reporters,
    minimum: values.quiet ? 'error' : values.verbose ? 'info' : 'warning',
    color: io.stderrIsTTY && !process.env.NO_COLOR && format === 'unix',
  };
}

/** A person at a terminal reading human-format diagnostics: summaries and progress are for them only. */
function interactive(io: Io, how: Reporting): boolean {
  return io.stderrIsTTY && how.format === 'unix';
}

function report(io: Io, how: Reporting, file: string, diagnostics: ArticleRecord['diagnostics']): void {
  const list: FileDiagnostic[] = atLeast(diagnostics, how.minimum).map((d) => ({ file, ...d }));
  if (list.length) io.stderr(reporters[how.format](list, { color: how.color }));
}

async function cmdIngest(args: string[], values: Record<string, unknown>, io: Io): Promise<number> {
  if (args.length === 0) throw new UsageError('ingest needs at least one input (a path, or - for stdin)');
  const how = reporting(values, io);
  const pipeline = pipelineFor(values.pipeline as string | undefined);
  const outDir = resolve((values.out as string | undefined) ?? pipeline.out);
  const { DatasetWriter } = await import('../dataset/writer.js');
  // The same transaction as a build: records are staged, then put in place together (never
  // through a link, never over a file digest did not write); nothing else in DIR is touched.
  const writer = values.stdout ? null : await DatasetWriter.open(outDir, { mode: 'write', command: 'ingest' });
  try {
    const records: ArticleRecord[] = [];
    const done: { name: string; result: Awaited<ReturnType<typeof ingestDetailed>>; target: string | null }[] = [];
    for (const arg of args) {
      const name = arg === '-' ? '<stdin>' : arg;
      const result = arg === '-' ? await ingestDetailed({ bytes: await io.stdin(readLimit(pipeline)), name }, { pipeline }) : await ingestDetailed({ path: arg }, { pipeline });
      report(io, how, name, result.record.diagnostics);
      let target: string | null = null;
      if (result.ok && writer) {
        const rel = `articles/${result.record.id}.json`;
        await writer.file(rel, '', toJson(result.record));
        target = toPosix(relative(process.cwd(), join(writer.root, rel)));
      } else if (result.ok) records.push(result.record);
      done.push({ name, result, target });
    }
    writer?.commit(false);
    if (!values.quiet) {
      for (const { name, result, target } of done) {
        if (interactive(io, how)) {
          const { summarize } = await import('../dataset/entry.js');
          const { ingestSummary } = await import('./summary.js');
          io.stderr(ingestSummary(summarize(name, result.record, result.ok), target, how.color));
        } else if (target) io.stderr(`${forTerminal(name)}: wrote ${forTerminal(target)}\n`);
      }
    }
    if (values.stdout) {
      if (args.length === 1 && records.length === 1) io.stdout(toJson(records[0]));
      else for (const r of records) io.stdout(`${JSON.stringify(r)}\n`);
    }
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
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256) throw new UsageError('--concurrency must be a whole number from 1 to 256');
  return concurrency;
}

function describeProblems(report: OutputReport): string[] {
  return [...report.changed.map((f) => `changed: ${f}`), ...report.missing.map((f) => `missing: ${f}`), ...report.extra.map((f) => `stale: ${f}`)].map(forTerminal);
}

/** Names the files a write left alone because digest did not write them (never deleted, never replaced). */
function noteForeign(io: Io, command: string, report: OutputReport, quiet: boolean): void {
  if (quiet || report.foreign.length === 0) return;
  const shown = report.foreign.slice(0, 10).map(forTerminal).join(', ');
  io.stderr(`digest ${command}: left alone ${report.foreign.length} file${report.foreign.length === 1 ? '' : 's'} digest did not write: ${shown}${report.foreign.length > 10 ? ', …' : ''}\n`);
}

async function cmdBuild(args: string[], values: Record<string, unknown>, io: Io): Promise<number> {
  if (args.length > 0) throw new UsageError(`build takes no positional arguments (got ${args.join(' ')}); inputs come from the pipeline file`);
  const how = reporting(values, io);
  const pipeline = pipelineFor(values.pipeline as string | undefined);
  const concurrency = parseConcurrency(values.concurrency);
  const shard = parseShard(values.shard);
  if (values['no-cache'] && values.cache !== undefined) throw new UsageError('--cache and --no-cache exclude each other');
  const outDir = resolve((values.out as string | undefined) ?? pipeline.out);
  const { build } = await import('../dataset/build.js');
  const tty = !values.quiet && interactive(io, how);
  const { ProgressBar, buildTable } = tty ? await import('./summary.js') : { ProgressBar: null, buildTable: null };
  const bar = ProgressBar ? new ProgressBar(io.stderr) : null;
  let failedSoFar = 0;
  const started = Date.now();
  const result = await build({
    pipeline,
    outDir,
    check: values.check === true,
    concurrency,
    ...(shard ? { shard } : {}),
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
  });
  bar?.clear();
  for (const refused of result.refused) report(io, how, refused.path, [{ severity: 'warning', rule: refused.rule, source: 'build', message: refused.message, line: 1, column: 1 }]);
  for (const input of result.inputs) report(io, how, input.path, input.diagnostics);
  noteForeign(io, 'build', result, values.quiet === true);
  if (result.cacheProblem !== null) io.stderr(`digest build: warning: the dataset is written, but the cache was not saved: ${forTerminal(result.cacheProblem)}\n`);
  const where = forTerminal(toPosix(relative(process.cwd(), outDir)) || '.');
  const of = shard ? ` (shard ${shard.index}/${shard.count})` : '';
  if (values.check) {
    const problems = describeProblems(result);
    if (problems.length) {
      io.stderr(`digest build --check: ${where} is not what a build would write:\n${problems.map((p) => `  ${p}\n`).join('')}`);
      return 1;
    }
    if (!values.quiet) io.stderr(`digest build --check: ${where} is up to date (${result.inputs.length} inputs${of})\n`);
    return result.failed > 0 ? 1 : 0;
  }
  if (buildTable) {
    const index = join(outDir, 'report', 'index.html');
    const facts = { computed: result.computed, reused: result.reused, threads: result.threads, changed: result.changed.length, seconds: (Date.now() - started) / 1000, outDir: toPosix(relative(process.cwd(), outDir)) || '.' };
    io.stderr(buildTable(result.inputs, { ...facts, report: pipeline.write?.report === false ? null : toPosix(relative(process.cwd(), index)) }, how.color));
  } else if (!values.quiet) {
    io.stderr(
      `digest build: ${result.inputs.length} inputs${of}, ${result.inputs.length - result.failed} records, ${result.failed} failed; ` +
        `${result.computed} ingested, ${result.reused} from cache; ${result.changed.length} files changed under ${where}\n`,
    );
  }
  return result.failed > 0 ? 1 : 0;
}

async function cmdMerge(args: string[], values: Record<string, unknown>, io: Io): Promise<number> {
  if (args.length === 0) throw new UsageError('merge needs the output folders of the shards');
  if (values.out === undefined) throw new UsageError('merge needs --out DIR');
  const { merge } = await import('../dataset/merge.js');
  const result = await merge({ shards: args, outDir: values.out as string, check: values.check === true });
  const where = forTerminal(toPosix(relative(process.cwd(), result.outDir)) || '.');
  noteForeign(io, 'merge', result, values.quiet === true);
  if (values.check) {
    const problems = describeProblems(result);
    if (problems.length) {
      io.stderr(`digest merge --check: ${where} is not what the merge would write:\n${problems.map((p) => `  ${p}\n`).join('')}`);
      return 1;
    }
  }
  if (!values.quiet) io.stderr(`digest merge: ${args.length} shards, ${result.inputs} inputs, ${result.records} records; ${values.check ? 'up to date' : `${result.changed.length} files changed`} under ${where}\n`);
  return 0;
}

async function cmdValidate(args: string[], values: Record<string, unknown>, io: Io): Promise<number> {
  if (args.length === 0) throw new UsageError('validate needs at least one file or folder');
  const { validatePaths } = await import('../dataset/validate.js');
  const result = await validatePaths(args);
  for (const p of result.problems) {
    io.stderr(`${forTerminal(toPosix(p.file))}${p.line !== undefined ? `:${p.line}` : ''}: ${p.severity}: ${p.pointer ? `${p.pointer}: ` : ''}${forTerminal(p.message)} [${p.rule}]\n`);
  }
  if (result.unknown.length && !values.quiet) {
    io.stderr(`digest validate: not files of the dataset (not checked): ${result.unknown.slice(0, 10).map((f) => forTerminal(toPosix(f))).join(', ')}${result.unknown.length > 10 ? ', …' : ''}\n`);
  }
  const errors = result.problems.filter((p) => p.severity === 'error').length;
  if (errors > 0) return 1;
  if (!values.quiet) {
    const parts = [`${result.records} record${result.records === 1 ? '' : 's'}`, ...(result.manifests ? [`${result.manifests} manifest${result.manifests === 1 ? '' : 's'}`] : []), ...(result.rows ? [`${result.rows} table rows`] : [])];
    io.stderr(`digest validate: ${parts.join(', ')} valid\n`);
  }
  return 0;
}

async function cmdText(args: string[], values: Record<string, unknown>, io: Io): Promise<number> {
  if (args.length !== 1) throw new UsageError('text takes exactly one input');
  const how = reporting(values, io);
  const arg = args[0]!;
  const pipeline = pipelineFor(values.pipeline as string | undefined);
  const input = arg === '-' ? { bytes: await io.stdin(readLimit(pipeline)), name: '<stdin>' } : { path: arg };
  const { blocks, diagnostics, failed } = await textBlocks(input, pipeline);
  report(io, how, arg === '-' ? '<stdin>' : arg, diagnostics);
  for (const block of blocks) io.stdout(values.json ? `${JSON.stringify(block)}\n` : `${block.text}\n`);
  return failed ? 1 : 0;
}

async function cmdRefs(args: string[], values: Record<string, unknown>, io: Io): Promise<number> {
  if (args.length > 1) throw new UsageError('refs takes at most one input');
  const how = reporting(values, io);
  const pipeline = pipelineFor(values.pipeline as string | undefined);
  const arg = args[0] ?? '-';
  let bytes: Uint8Array;
  if (arg === '-') bytes = await io.stdin(REFS_MAX_BYTES);
  else {
    const read = readInput(arg, REFS_MAX_BYTES);
    if (!read.ok) throw new UsageError(read.message);
    bytes = read.bytes;
  }
  if (bytes.length > REFS_MAX_BYTES) throw new UsageError(`the reference list is over ${REFS_MAX_BYTES} bytes`);
  const name = arg === '-' ? '<stdin>' : arg;
  const text = new TextDecoder().decode(bytes).replace(/\r\n?/g, '\n');
  // The pipeline's own limit and heading patterns apply here as in `ingest`.
  const stage = pipeline.stages.find((s) => s.definition.name === 'references');
  const maxReferences = (stage?.options as { maxReferences?: number } | undefined)?.maxReferences ?? 20000;
  const list = readReferenceList(text, { headings: pipeline.data.structure.referenceHeadings, maxReferences });
  const lines = new LineIndex(text);
  const at = (offset: number) => lines.point(offset);
  const diagnostics: ArticleRecord['diagnostics'] = [];
  if (list.tooMany) {
    diagnostics.push({ severity: 'error', rule: 'too-many-references', source: 'references', message: `${list.tooMany.count} reference entries, over the limit maxReferences=${list.tooMany.limit}`, ...at(0), offset: 0 });
  }
  for (const note of list.notes) {
    if (note.kind === 'unplaced') diagnostics.push({ severity: 'warning', rule: 'reference-line-unplaced', source: 'references', message: `a line in the reference list that is no reference and belongs to none ("${(note.text ?? '').slice(0, 40)}")`, ...at(note.offset), offset: note.offset });
    else if (note.kind === 'merged-line') diagnostics.push({ severity: 'info', rule: 'reference-merged-line', source: 'references', message: `reference [${note.number}] shares a line with the one before it; split`, ...at(note.offset), offset: note.offset });
  }
  report(io, how, name, diagnostics);
  if (list.tooMany) return 1;
  io.stdout(toJson(list.items));
  return 0;
}

const handlers: Record<CommandName, (args: string[], values: Record<string, unknown>, io: Io) => Promise<number>> = {
  ingest: cmdIngest,
  build: cmdBuild,
  merge: cmdMerge,
  validate: cmdValidate,
  text: cmdText,
  refs: cmdRefs,
};

/** Runs the CLI with the given arguments; resolves to the exit code. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(help());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${await version()}\n`);
    return 0;
  }
  if (!(name in commands)) {
    io.stderr(`digest: unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  const command = commands[name as CommandName];
  try {
    const { values, positionals } = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
    if (values.help) {
      io.stdout(`Usage: ${command.usage}\n\n${command.summary}\n`);
      return 0;
    }
    return await handlers[name as CommandName](positionals, values as Record<string, unknown>, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`digest ${name}: ${forTerminal((error as Error).message)}\nUsage: ${command.usage}\n`);
      return 2;
    }
    // A file-system failure (full disk, read-only folder, a link or foreign file in the way,
    // another build holding the folder) is the user's to fix: one line each, exit 2, no stack.
    if (error instanceof OutputError || errnoCode(error) !== null) {
      const message = error instanceof OutputError ? error.message : fsFailure(error, 'use', (error as NodeJS.ErrnoException).path ?? 'a file').message;
      for (const line of message.split('\n')) io.stderr(`digest ${name}: ${forTerminal(line)}\n`);
      return 2;
    }
    throw error;
  }
}
