import { parseArgs } from 'node:util';
import leven from 'leven';

/** A usage mistake on the command line: one line naming it (and a suggestion), exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** One flag of a command, as the help prints it and the parser checks it. */
export interface Flag {
  type: 'string' | 'boolean';
  short?: string;
  /** The value's name in the help (`FILE`, `DIR`, `N`). */
  value?: string;
  description: string;
  /** What it is when not given, as the help says it. */
  default?: string;
}

/** One command: its usage line, what it does, its flags and examples. */
export interface Command {
  usage: string;
  summary: string;
  /** A paragraph under the usage line. */
  about: string;
  flags: Readonly<Record<string, Flag>>;
  examples: readonly string[];
}

const help: Flag = { type: 'boolean', short: 'h', description: 'print this help' };
const diagnostics: Flag = { type: 'string', value: 'FMT', description: 'unix, json (JSON Lines, nothing else on stderr) or github', default: 'unix' };
const quiet: Flag = { type: 'boolean', short: 'q', description: 'errors and the result only (no warnings, summaries or progress)' };
const verbose: Flag = { type: 'boolean', short: 'v', description: 'info diagnostics too' };
const color: Flag = { type: 'boolean', description: 'colour even when stderr is not a terminal' };
const noColor: Flag = { type: 'boolean', description: 'no colour (also NO_COLOR=1 or TERM=dumb)' };
const pipeline: Flag = {
  type: 'string',
  short: 'p',
  value: 'FILE',
  description: 'the pipeline file',
  default: 'digest.json here, else pipelines/digest.json, else the package’s own',
};
const reporting = { diagnostics, quiet, verbose, color, 'no-color': noColor, help };

/** Every command's flags, declared in one table (unified-args style): the parser and the help read it. */
export const commands: Readonly<Record<string, Command>> = {
  ingest: {
    usage: 'digest ingest [options] <input>...',
    summary: 'one record per input to DIR/articles/<id>.json (- reads standard input)',
    about:
      'Ingests each input (a file, or - for standard input) and writes its record to DIR/articles/<id>.json; the records are put in place together once every input is read, replacing only records digest wrote. An input with an error gets no record; the others are still written.',
    flags: {
      pipeline,
      out: { type: 'string', short: 'o', value: 'DIR', description: 'the output folder', default: 'the pipeline’s "out"' },
      stdout: { type: 'boolean', description: 'print the records as JSON Lines (one record a line) and write nothing' },
      id: { type: 'string', value: 'ID', description: 'the record id ([a-z0-9-]; one input only)', default: 'from the file name; stdin-<hash> for -' },
      ...reporting,
    },
    examples: ['digest ingest fixtures/articles/ra-2025.txt', 'digest ingest -o mine articles/*.txt', 'cat article.txt | digest ingest - --id ra-2026 --stdout > ra-2026.jsonl'],
  },
  build: {
    usage: 'digest build [options]',
    summary: 'every input the pipeline names → the dataset (records, tables, manifest, review pages)',
    about:
      'Ingests every input the pipeline file names and writes the dataset: articles/*.json, items.jsonl, references.jsonl, entities.jsonl, manifest.json and report/*.html, swapped in only when the whole build succeeds. An input keeps the id the previous manifest gave it.',
    flags: {
      pipeline: { ...pipeline, default: 'digest.json here, else pipelines/digest.json; digest init writes one' },
      out: { type: 'string', short: 'o', value: 'DIR', description: 'the dataset folder', default: 'the pipeline’s "out"' },
      check: { type: 'boolean', description: 'write nothing (not even the cache); exit 1 if the folder is not what a build would write' },
      concurrency: { type: 'string', short: 'j', value: 'N', description: 'worker threads and files in flight (1–256)', default: 'one per core' },
      shard: { type: 'string', value: 'K/N', description: 'build a deterministic 1/N of the inputs (merge the N folders with digest merge)' },
      'ids-from': { type: 'string', value: 'DIR', description: 'the dataset whose manifest gives inputs their ids', default: 'the output folder; with --shard, the pipeline’s "out"' },
      cache: { type: 'string', value: 'DIR', description: 'the cache folder', default: 'DIR/.cache' },
      'no-cache': { type: 'boolean', description: 'no cache: ingest every input' },
      'follow-links': { type: 'boolean', description: 'follow links in the input folders that lead outside them' },
      ...reporting,
    },
    examples: ['digest build', 'digest build --check', 'digest build --shard 2/4 --out shards/2 --no-cache', 'digest build -p digest.json -o dataset -j 4'],
  },
  merge: {
    usage: 'digest merge [options] --out DIR <shard-dir>...',
    summary: 'join the folders of build --shard 1/N … N/N into the dataset one build writes',
    about:
      'Joins the output folders of `digest build --shard K/N` (every K of one plan) into the dataset one build writes, byte for byte. Every shard manifest is validated and only the files it lists are copied; a missing, repeated, foreign or hand-edited shard is refused.',
    flags: {
      out: { type: 'string', short: 'o', value: 'DIR', description: 'the dataset folder to write (required)' },
      check: { type: 'boolean', description: 'write nothing; exit 1 if DIR is not what the merge would write' },
      ...reporting,
    },
    examples: ['digest merge shards/1 shards/2 shards/3 shards/4 --out out'],
  },
  validate: {
    usage: 'digest validate [options] <path>...',
    summary: 'records, or dataset folders, against schemas/; every problem listed',
    about:
      'Checks record files, or folders of them, against schemas/ (each reference against CSL-JSON, each citation against the references); a dataset folder (one with manifest.json): every file in it, table rows by line. Every problem is one diagnostic naming the file, the row’s line and the JSON pointer.',
    flags: { ...reporting },
    examples: ['digest validate out', 'digest validate out/articles/ra-2025.json --diagnostics github'],
  },
  text: {
    usage: 'digest text [options] <input>',
    summary: 'the body the parse stage kept, one block a line',
    about: 'Prints what the read and parse stages kept of one input (a file, or - for standard input): one block a line, or JSON Lines of {kind, text, line, column} with --json. For checking extraction.',
    flags: { pipeline, json: { type: 'boolean', description: 'JSON Lines of {kind, text, line, column}' }, ...reporting },
    examples: ['digest text fixtures/articles/as-2025-wechat.html | head', 'digest text page.html --json'],
  },
  refs: {
    usage: 'digest refs [options] [FILE|-]',
    summary: 'a reference list → a JSON array of CSL-JSON items',
    about: 'Parses a reference list (a numbered block such as the references copied from the end of an article, one reference a line, or JSON Lines of {"raw": …}) from FILE or standard input into a JSON array of CSL-JSON items on standard output.',
    flags: { ...reporting },
    examples: ['digest refs references.txt', 'pbpaste | digest refs > refs.json'],
  },
  init: {
    usage: 'digest init [options] [DIR]',
    summary: 'write a pipeline file (digest.json) for the articles in DIR',
    about:
      'Writes a pipeline file whose inputs are the articles in DIR and whose data files are the ones the package ships, so that `digest build` in this folder builds them into out/. Refuses to overwrite a file unless --force.',
    flags: {
      pipeline: { type: 'string', short: 'p', value: 'FILE', description: 'where to write the pipeline file', default: 'digest.json' },
      out: { type: 'string', short: 'o', value: 'DIR', description: 'the dataset folder the pipeline names', default: 'out' },
      force: { type: 'boolean', description: 'replace an existing pipeline file' },
      ...reporting,
    },
    examples: ['digest init articles', 'digest init ~/digests --pipeline digests.json --out dataset'],
  },
};

/** A command's name, the closest known one, or null (edit distance at most a third of the longer name, at least 2). */
export function closest(name: string, known: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const distance = leven(name, candidate);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(Math.max(name.length, best.length) / 3)) ? best : null;
}

/** What parsing a command line gave. */
export interface Parsed {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/**
 * Parses a command's arguments against its flag table, with messages of our own: an unknown
 * flag names the closest known one, a flag missing its value says which value (Node's
 * parseArgs text is never shown).
 */
export function parseCommand(name: string, args: readonly string[]): Parsed {
  const command = commands[name]!;
  const options = Object.fromEntries(Object.entries(command.flags).map(([flag, f]) => [flag, { type: f.type, ...(f.short ? { short: f.short } : {}) }]));
  const { values, positionals, tokens } = parseArgs({ args: [...args], options, allowPositionals: true, strict: false, tokens: true });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const flag = command.flags[token.name];
    if (!flag) {
      const long = token.rawName.startsWith('--');
      const suggestion = long ? closest(token.name, Object.keys(command.flags)) : null;
      const shown = long ? `--${token.name}` : token.rawName;
      throw new UsageError(`unknown option ${shown}${suggestion ? ` (did you mean --${suggestion}?)` : ''}`);
    }
    if (flag.type === 'string' && (token.value === undefined || (!token.inlineValue && /^-./.test(token.value)))) {
      throw new UsageError(`${token.rawName} needs a value (${flag.value ?? 'VALUE'})`);
    }
    if (flag.type === 'boolean' && token.inlineValue) throw new UsageError(`${token.rawName} takes no value`);
  }
  return { values: values as Parsed['values'], positionals };
}

/** Text wrapped at `width` columns after an indent (help paragraphs). */
function wrap(text: string, width: number, indent = ''): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width - indent.length) {
      lines.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(indent + line);
  return lines.join('\n');
}

const EXIT_CODES = 'Exit codes: 0 every input gave a valid record (warnings allowed); 1 some input failed, or a check found a difference (the other inputs are still processed); 2 a usage or configuration error, or an output folder digest cannot use.';

/** The full help of one command: usage, what it does, every option with its default, examples, exit codes. */
export function commandHelp(name: string): string {
  const command = commands[name]!;
  const rows = Object.entries(command.flags).map(([flag, f]) => {
    const left = `${f.short ? `-${f.short}, ` : '    '}--${flag}${f.value ? ` ${f.value}` : ''}`;
    return [left, `${f.description}${f.default ? ` (default: ${f.default})` : ''}`] as const;
  });
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return [
    `Usage: ${command.usage}`,
    '',
    wrap(command.about, 96),
    '',
    'Options:',
    ...rows.map(([left, right]) => `  ${left.padEnd(width)}${right}`),
    '',
    'Examples:',
    ...command.examples.map((e) => `  ${e}`),
    '',
    wrap(EXIT_CODES, 96),
    '',
  ].join('\n');
}

/** The overview: every command with one line, and where the rest is. */
export function overviewHelp(): string {
  const names = Object.keys(commands);
  const width = Math.max(...names.map((n) => n.length)) + 2;
  return [
    'Usage: digest <command> [options]',
    '',
    'Commands:',
    ...names.map((n) => `  ${n.padEnd(width)}${commands[n]!.summary}`),
    `  ${'help'.padEnd(width)}this overview, or a command's full help (digest help build)`,
    '',
    'Every command: -h, --help its full help (options, defaults, examples); -V, --version the version.',
    'Diagnostics go to stderr, one a line: path:line:column: severity: message [rule].',
    '',
    wrap(EXIT_CODES, 96),
    '',
  ].join('\n');
}
