import { readdir, readFile, rmdir, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import type { ArticleRecord } from '../generated/article.js';
import { atLeast, type FileDiagnostic, type Severity } from '../core/diagnostic.js';
import { ConfigError } from '../core/errors.js';
import { packagePath } from '../core/paths.js';
import { cslItemValidator, validatorFor } from '../core/schemas.js';
import { ingestDetailed, pipelineFor } from '../ingest.js';
import { reporters } from '../report/index.js';
import { STAGING, toJson, writeAtomic } from '../stages/write.js';
import type { Shard } from '../build/build.js';
import type { OutputReport } from '../build/output.js';
import { textBlocks } from './text.js';
import { readReferenceList } from '../refs/list.js';
import { LineIndex } from '../core/location.js';

/** Where the CLI writes; tests pass their own. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdin: () => Promise<Uint8Array>;
  stderrIsTTY: boolean;
}

const defaultIo: Io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  stdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return new Uint8Array(Buffer.concat(chunks));
  },
  stderrIsTTY: process.stderr.isTTY === true,
};

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
    usage: 'digest build [--pipeline FILE] [--out DIR] [--check] [--concurrency N] [--shard K/N] [--cache DIR | --no-cache]',
    options: {
      ...common,
      out: { type: 'string' },
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
  const records: ArticleRecord[] = [];
  let failed = 0;
  for (const arg of args) {
    const result = arg === '-' ? await ingestDetailed({ bytes: await io.stdin(), name: '<stdin>' }, { pipeline }) : await ingestDetailed({ path: arg }, { pipeline });
    const name = arg === '-' ? '<stdin>' : arg;
    report(io, how, name, result.record.diagnostics);
    let target: string | null = null;
    if (result.ok && values.stdout) records.push(result.record);
    else if (result.ok) {
      const file = join(outDir, 'articles', `${result.record.id}.json`);
      await writeAtomic(file, toJson(result.record), join(outDir, STAGING));
      target = toPosix(relative(process.cwd(), file));
    }
    if (!result.ok) failed++;
    if (values.quiet) continue;
    if (interactive(io, how)) {
      const { summarize } = await import('../build/entry.js');
      const { ingestSummary } = await import('./summary.js');
      io.stderr(ingestSummary(summarize(name, result.record, result.ok), target, how.color));
    } else if (target) io.stderr(`${name}: wrote ${target}\n`);
  }
  // The staging folder is left only if another process is writing into it (rmdir needs it empty).
  if (!values.stdout) await rmdir(join(outDir, STAGING)).catch(() => undefined);
  if (values.stdout) {
    if (args.length === 1 && records.length === 1) io.stdout(toJson(records[0]));
    else for (const r of records) io.stdout(`${JSON.stringify(r)}\n`);
  }
  return failed > 0 ? 1 : 0;
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
  return [...report.changed.map((f) => `changed: ${f}`), ...report.missing.map((f) => `missing: ${f}`), ...report.extra.map((f) => `stale: ${f}`)];
}

async function cmdBuild(args: string[], values: Record<string, unknown>, io: Io): Promise<number> {
  if (args.length > 0) throw new UsageError(`build takes no positional arguments (got ${args.join(' ')}); inputs come from the pipeline file`);
  const how = reporting(values, io);
  const pipeline = pipelineFor(values.pipeline as string | undefined);
  const concurrency = parseConcurrency(values.concurrency);
  const shard = parseShard(values.shard);
  if (values['no-cache'] && values.cache !== undefined) throw new UsageError('--cache and --no-cache exclude each other');
  const outDir = resolve((values.out as string | undefined) ?? pipeline.out);
  const { build } = await import('../build/build.js');
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
  for (const input of result.inputs) report(io, how, input.path, input.diagnostics);
  const where = toPosix(relative(process.cwd(), outDir)) || '.';
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
    const facts = { computed: result.computed, reused: result.reused, threads: result.threads, changed: result.changed.length, seconds: (Date.now() - started) / 1000, outDir: where };
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
  const { merge } = await import('../build/merge.js');
  const result = await merge({ shards: args, outDir: values.out as string, check: values.check === true });
  const where = toPosix(relative(process.cwd(), result.outDir)) || '.';
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

async function recordFiles(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new UsageError(`${path} does not exist`);
  if (!info.isDirectory()) return [path];
  const articles = join(path, 'articles');
  const root = (await stat(articles).catch(() => null))?.isDirectory() ? articles : path;
  const out: string[] = [];
  const walk = async (dir: string) => {
    for (const name of (await readdir(dir)).sort()) {
      const child = join(dir, name);
      if ((await stat(child)).isDirectory()) await walk(child);
      else if (name.endsWith('.json') && name !== 'manifest.json') out.push(child);
    }
  };
  await walk(root);
  return out;
}

async function cmdValidate(args: string[], values: Record<string, unknown>, io: Io): Promise<number> {
  if (args.length === 0) throw new UsageError('validate needs at least one file or folder');
  const article = validatorFor<ArticleRecord>('article');
  const csl = cslItemValidator();
  let count = 0;
  for (const arg of args) {
    for (const file of await recordFiles(arg)) {
      let value: unknown;
      try {
        value = JSON.parse(await readFile(file, 'utf8'));
      } catch (error) {
        io.stderr(`${toPosix(file)}: error: not valid JSON: ${(error as Error).message} [record-invalid]\n`);
        return 1;
      }
      if (!article(value)) {
        const [e] = article.errors();
        io.stderr(`${toPosix(file)}: error: ${e?.pointer || '/'}: ${e?.message} [record-invalid]\n`);
        return 1;
      }
      for (const [i, reference] of value.references.entries()) {
        if (!csl(reference.csl)) {
          const [e] = csl.errors();
          io.stderr(`${toPosix(file)}: error: /references/${i}/csl${e?.pointer ?? ''}: ${e?.message} [csl-invalid]\n`);
          return 1;
        }
      }
      count++;
    }
  }
  if (!values.quiet) io.stderr(`digest validate: ${count} record${count === 1 ? '' : 's'} valid\n`);
  return 0;
}

async function cmdText(args: string[], values: Record<string, unknown>, io: Io): Promise<number> {
  if (args.length !== 1) throw new UsageError('text takes exactly one input');
  const how = reporting(values, io);
  const arg = args[0]!;
  const input = arg === '-' ? { bytes: await io.stdin(), name: '<stdin>' } : { path: arg };
  const { blocks, diagnostics, failed } = await textBlocks(input, pipelineFor(values.pipeline as string | undefined));
  report(io, how, arg === '-' ? '<stdin>' : arg, diagnostics);
  for (const block of blocks) io.stdout(values.json ? `${JSON.stringify(block)}\n` : `${block.text}\n`);
  return failed ? 1 : 0;
}

async function cmdRefs(args: string[], values: Record<string, unknown>, io: Io): Promise<number> {
  if (args.length > 1) throw new UsageError('refs takes at most one input');
  const how = reporting(values, io);
  const pipeline = pipelineFor(values.pipeline as string | undefined);
  const arg = args[0] ?? '-';
  const name = arg === '-' ? '<stdin>' : arg;
  const bytes = arg === '-' ? await io.stdin() : new Uint8Array(await readFile(arg).catch(() => {
    throw new UsageError(`cannot read ${arg}`);
  }));
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
      io.stderr(`digest ${name}: ${(error as Error).message}\nUsage: ${command.usage}\n`);
      return 2;
    }
    throw error;
  }
}
