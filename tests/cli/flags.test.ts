import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { commands } from '../../src/cli/options.js';
import { buildTable } from '../../src/cli/summary.js';
import type { InputSummary } from '../../src/dataset/entry.js';
import { repo } from '../helpers.js';
import { bare, run } from './run.js';

const ra = repo('fixtures/articles/ra-2025.txt');
const as = repo('fixtures/articles/as-2025.txt');
const tmp = () => mkdtempSync(join(tmpdir(), 'digest-flags-'));
const ESC = '\u001b[';

describe('help: one full help per command, from the flag table', () => {
  const names = Object.keys(commands);

  it.each(names)('digest %s --help matches its snapshot (tests/cli/help/), and digest help and -h print the same', async (name) => {
    const help = await run([name, '--help']);
    expect(help.code).toBe(0);
    expect((await run(['help', name])).stdout).toBe(help.stdout);
    expect((await run([name, '-h'])).stdout).toBe(help.stdout);
    const file = repo(`tests/cli/help/${name}.txt`);
    if (process.env.UPDATE_SNAPSHOT === '1' || !existsSync(file)) {
      mkdirSync(repo('tests/cli/help'), { recursive: true });
      writeFileSync(file, help.stdout);
    }
    expect(help.stdout).toBe(readFileSync(file, 'utf8'));
  });

  it.each(names)('the help of %s names every option with its default and has examples', async (name) => {
    const { stdout } = await run(['help', name]);
    expect(stdout).toMatch(new RegExp(`^Usage: digest ${name} `));
    for (const [flag, f] of Object.entries(commands[name]!.flags)) {
      const options = stdout.slice(stdout.indexOf('\nOptions:\n'), stdout.indexOf('\nExamples:\n')).split('\n');
      const line = options.find((l) => l.includes(`--${flag} `) || l.endsWith(`--${flag}`))!;
      expect(line, flag).toBeDefined();
      if (f.short) expect(line).toContain(`-${f.short}, --${flag}`);
      if (f.default) expect(line).toContain(`(default: ${f.default})`);
    }
    expect(stdout).toMatch(/\nExamples:\n {2}digest /);
    expect(stdout).toContain('Exit codes: 0 ');
  });

  it('digest alone is a usage error with the overview; digest help and --help print it; an unknown topic is named', async () => {
    const bareRun = await run([]);
    expect(bareRun.code).toBe(2);
    expect(bareRun.stderr).toContain('Usage: digest <command>');
    expect((await run(['help'])).stdout).toBe((await run(['--help'])).stdout);
    for (const name of names) expect((await run(['--help'])).stdout).toContain(`  ${name} `);
    const unknown = await run(['help', 'biuld']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('digest: no command "biuld" (did you mean build?); digest help lists them\n');
  });
});

describe('mistakes on the command line: one clean line, a suggestion, exit 2', () => {
  it('a misspelt command: did you mean (edit distance)', async () => {
    const r = await run(['injest', ra]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('digest: unknown command "injest" (did you mean ingest?); digest help lists the commands\n');
    expect((await run(['vaildate'])).stderr).toContain('(did you mean validate?)');
    // Nothing close: no guess.
    expect((await run(['frobnicate'])).stderr).toBe('digest: unknown command "frobnicate"; digest help lists the commands\n');
  });

  it('an unknown option: our message, no parseArgs text, no unclosed quote, the closest option', async () => {
    const r = await run(['ingest', ra, '--otu', 'x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('digest ingest: unknown option --otu (did you mean --out?)\nUsage: digest ingest [options] <input>... (digest ingest --help for more)\n');
    for (const text of [r.stderr, (await run(['build', '--shrad=1/2'])).stderr, (await run(['text', ra, '-x'])).stderr]) {
      expect(text).not.toMatch(/To specify a positional argument|ERR_PARSE_ARGS|'/);
    }
    expect((await run(['build', '--shrad=1/2'])).stderr).toContain('unknown option --shrad (did you mean --shard?)');
    expect((await run(['text', ra, '-x'])).stderr).toContain('unknown option -x\n');
  });

  it('an option without its value, or a value where none goes', async () => {
    expect((await run(['ingest', ra, '--out'])).stderr).toContain('digest ingest: --out needs a value (DIR)');
    expect((await run(['ingest', ra, '-o', '--stdout'])).stderr).toContain('digest ingest: -o needs a value (DIR)');
    expect((await run(['ingest', ra, '--stdout=yes'])).stderr).toContain('digest ingest: --stdout takes no value');
    expect((await run(['build', '-j', 'many'])).stderr).toContain('--concurrency must be a whole number from 1 to 256 (got many)');
  });

  it('short flags: -o, -q, -v, -p, -h; -V is the version', async () => {
    const out = tmp();
    const quiet = await run(['ingest', '-q', '-o', out, '-p', repo('pipelines/digest.json'), ra]);
    expect(quiet.code).toBe(0);
    expect(existsSync(join(out, 'articles', 'ra-2025.json'))).toBe(true);
    expect(quiet.stderr).not.toContain('warning');
    const verbose = await run(['ingest', '-v', '-o', out, ra]);
    expect(verbose.stderr).toContain(': info: ');
    expect((await run(['-V'])).stdout).toBe(`${JSON.parse(readFileSync(repo('package.json'), 'utf8')).version}\n`);
    expect((await run(['ingest', '-qv', ra])).stderr).toContain('--quiet and --verbose exclude each other');
  });
});

describe('inputs that cannot be read, and the pipeline file', () => {
  it('a missing input is one line without a position, the same in ingest, text and refs, and exit 1', async () => {
    for (const command of ['ingest', 'text', 'refs']) {
      // Never the repository's out/: a build beside the tests holds its lock (and it is not the tests' to write).
      const r = await run([command, 'nope.txt', ...(command === 'ingest' ? ['--out', tmp()] : [])]);
      expect(r.code, command).toBe(1);
      expect(r.stderr, command).toBe('nope.txt: error: no such file [input-unreadable]\n');
    }
    // The other inputs still go through.
    const out = tmp();
    const mixed = await run(['ingest', 'nope.txt', ra, '--out', out, '--quiet']);
    expect(mixed.code).toBe(1);
    expect(existsSync(join(out, 'articles', 'ra-2025.json'))).toBe(true);
    const json = await run(['text', 'nope.txt', '--diagnostics', 'json']);
    expect(JSON.parse(json.stderr)).toEqual({ file: 'nope.txt', severity: 'error', rule: 'input-unreadable', source: 'read', message: 'no such file', fatal: true });
    const github = await run(['refs', 'nope.txt', '--diagnostics', 'github']);
    expect(github.stderr).toBe('::error file=nope.txt,title=input-unreadable::no such file\n');
  });

  it('a folder given as an input says so', async () => {
    expect((await run(['ingest', repo('fixtures'), '--out', tmp()])).stderr).toMatch(/fixtures: error: not a regular file \(a folder; never read\) \[input-unreadable\]\n$/);
  });

  it('a missing --pipeline is said once, exit 2, without an errno code', async () => {
    for (const command of ['ingest', 'text', 'build']) {
      const r = await run(command === 'build' ? [command, '--pipeline', 'nope.json'] : [command, ra, '--pipeline', 'nope.json']);
      expect(r.code, command).toBe(2);
      expect(r.stderr, command).toBe(`digest ${command}: nope.json: no such pipeline file\n`);
    }
  });

  it('exit codes are the same everywhere: content 1, usage 2', async () => {
    expect((await run(['refs', 'a', 'b'])).code).toBe(2);
    expect((await run(['text', 'a', 'b'])).code).toBe(2);
    expect((await run(['ingest'])).code).toBe(2);
    const dir = tmp();
    writeFileSync(join(dir, 'empty.txt'), '');
    expect((await run(['ingest', join(dir, 'empty.txt'), '--stdout'])).code).toBe(1);
    expect((await run(['text', join(dir, 'empty.txt')])).code).toBe(1);
    expect((await run(['refs', join(dir, 'empty.txt')])).code).toBe(0); // an empty list is a list: []
  });
});

describe('colour', () => {
  const warningRun = (tty: boolean, env: Record<string, string>, ...flags: string[]) => run(['ingest', ra, '--stdout', ...flags], '', tty, env);

  it('on a terminal by default; off with NO_COLOR, TERM=dumb or --no-color; on a pipe with FORCE_COLOR or --color', async () => {
    expect((await warningRun(true, {})).stderr).toContain(ESC);
    expect((await warningRun(false, {})).stderr).not.toContain(ESC);
    expect((await warningRun(true, { NO_COLOR: '1' })).stderr).not.toContain(ESC);
    expect((await warningRun(true, { NO_COLOR: '' })).stderr).toContain(ESC); // an empty NO_COLOR is unset (no-color.org)
    expect((await warningRun(true, { TERM: 'dumb' })).stderr).not.toContain(ESC);
    expect((await warningRun(true, {}, '--no-color')).stderr).not.toContain(ESC);
    expect((await warningRun(false, { FORCE_COLOR: '1' })).stderr).toContain(ESC);
    expect((await warningRun(false, { FORCE_COLOR: '' })).stderr).toContain(ESC);
    expect((await warningRun(true, { FORCE_COLOR: '0' })).stderr).not.toContain(ESC);
    expect((await warningRun(false, { TERM: 'dumb' }, '--color')).stderr).toContain(ESC);
    expect((await warningRun(true, { FORCE_COLOR: '1' }, '--no-color')).stderr).not.toContain(ESC);
    // Machine formats are never coloured.
    expect((await warningRun(true, { FORCE_COLOR: '1' }, '--diagnostics', 'json')).stderr).not.toContain(ESC);
    expect((await run(['ingest', ra, '--color', '--no-color'])).stderr).toContain('--color and --no-color exclude each other');
  });
});

describe('--diagnostics json: JSON Lines on stderr and nothing else', () => {
  it('ingest, build, validate: every stderr line is a JSON object; errors of the command too', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'empty.txt'), '');
    const ingest = await run(['ingest', ra, join(dir, 'empty.txt'), 'nope.txt', '--out', join(dir, 'out'), '--diagnostics', 'json', '--verbose']);
    expect(ingest.code).toBe(1);
    const lines = ingest.stderr.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
    expect(lines.map((l) => JSON.parse(l).rule)).toEqual(expect.arrayContaining(['reference-placeholder', 'input-empty', 'input-unreadable']));
    const usage = await run(['ingest', ra, '--bogus', '--diagnostics', 'json']);
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.stderr)).toEqual({ severity: 'error', command: 'ingest', message: 'unknown option --bogus' });
    const check = await run(['validate', join(dir, 'out'), '--diagnostics', 'json']);
    expect(check).toMatchObject({ code: 0, stderr: '' });
  });

  it('validate reports through the chosen format', async () => {
    const dir = tmp();
    await run(['ingest', ra, '--out', dir, '--quiet']);
    const file = join(dir, 'articles', 'ra-2025.json');
    const record = JSON.parse(readFileSync(file, 'utf8'));
    record.sections[3].items[0].date = '2025-3-5';
    writeFileSync(file, JSON.stringify(record));
    const unix = await run(['validate', dir]);
    expect(unix.code).toBe(1);
    expect(unix.stderr).toContain(`${file}: error: /sections/3/items/0/date: must match pattern`);
    const json = await run(['validate', dir, '--diagnostics', 'json']);
    const [problem, ...rest] = json.stderr.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ file, severity: 'error', rule: 'record-invalid' });
    expect(problem.message).toMatch(/^\/sections\/3\/items\/0\/date: must match pattern/);
    const github = await run(['validate', dir, '--diagnostics', 'github']);
    expect(github.stderr).toMatch(/^::error file=.*ra-2025\.json,title=record-invalid::\/sections\/3\/items\/0\/date: must match pattern/);
  });
});

describe('the build table measures display width', () => {
  const summary = (path: string): InputSummary =>
    ({ path, status: 'ok', counts: { months: 12, items: 13, references: 13, referencesWithDoi: 11, entities: 9, errors: 0, warnings: 1, infos: 0 } }) as InputSummary;

  it('a Chinese path keeps every column after it in line', () => {
    const text = buildTable([summary('articles/类风湿关节炎-2025.txt'), summary('articles/ra-2025.txt')], { computed: 2, reused: 0, threads: 0, changed: 2, seconds: 1, outDir: 'out', report: null }, false);
    const rows = text.split('\n').filter((l) => /\s12\s+13\s+13\s+1\s+0$/.test(l));
    expect(rows).toHaveLength(2);
    // The rows end at the same terminal column, and "months" starts where its header does.
    expect(new Set(rows.map((r) => stringWidth(r))).size).toBe(1);
    const header = text.split('\n').find((l) => l.startsWith('input'))!;
    expect(stringWidth(header)).toBe(stringWidth(rows[0]!));
  });
});

describe('a child process: the built CLI behaves the same', () => {
  it('exit 2 and the suggestion from bin/digest.js', () => {
    const r = spawnSync(process.execPath, [repo('bin/digest.js'), 'injest'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(bare(r.stderr)).toContain('did you mean ingest?');
    expect(r.stdout).toBe('');
  });
});
