import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { repo } from '../helpers.js';
import { SHORT_RUN_BYTES, shortRun } from '../../src/cli/main.js';
import { CompactNames } from '../../src/dataset/file-names.js';
import { bare, run, runIn } from './run.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'digest-main-'));

/** A folder with one good article, one that fails (an empty file) and a pipeline naming them, its data files in the repository. */
function project(change: (pipeline: Record<string, unknown>) => void = () => {}): string {
  const dir = tmp();
  mkdirSync(join(dir, 'in'));
  cpSync(repo('fixtures/articles/as-2025.txt'), join(dir, 'in', 'as-2025.txt'));
  writeFileSync(join(dir, 'in', 'empty.txt'), '');
  const raw = JSON.parse(readFileSync(repo('pipelines/digest.json'), 'utf8'));
  raw.inputs = ['in'];
  raw.data = Object.fromEntries(Object.entries(raw.data as Record<string, string>).map(([k, v]) => [k, repo(`pipelines/${v}`)]));
  delete raw.$schema;
  change(raw);
  writeFileSync(join(dir, 'digest.json'), JSON.stringify(raw));
  return dir;
}

describe('main: the command line before any command runs', () => {
  it('help for an unknown topic names it, with the closest command when there is one', async () => {
    expect(await run(['help', 'ingets'])).toMatchObject({ code: 2, stdout: '', stderr: 'digest: no command "ingets" (did you mean ingest?); digest help lists them\n' });
    expect(await run(['help', 'zzzzzzzz'])).toMatchObject({ code: 2, stderr: 'digest: no command "zzzzzzzz"; digest help lists them\n' });
    expect((await run(['help', 'refs'])).stdout).toContain('Usage: digest refs');
  });

  it('an unknown option or command is said in the format asked for, --diagnostics FMT or --diagnostics=FMT', async () => {
    expect((await run(['--bulid'])).stderr).toBe('digest: unknown option --bulid (did you mean build?); digest help lists the commands\n');
    const json = JSON.parse((await run(['nonsense', '--diagnostics=json'])).stderr);
    expect(json).toEqual({ severity: 'error', command: '', message: 'unknown command "nonsense"; digest help lists the commands' });
    expect(JSON.parse((await run(['nonsense', '--diagnostics', 'json'])).stderr).severity).toBe('error');
    // --diagnostics last, without its value: the default format.
    expect((await run(['nonsense', '--diagnostics'])).stderr).toBe('digest: unknown command "nonsense"; digest help lists the commands\n');
  });

  it('standard input twice is a usage error', async () => {
    const r = await run(['ingest', '-', '-', '--stdout']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('digest ingest: standard input (-) can be read only once\n');
  });
});

describe('shortRun: the commands bin/load.js compiles regular expressions for without V8\'s match-time optimisations', () => {
  it('is ingest or refs of regular files up to SHORT_RUN_BYTES together, whatever the options; never standard input, a build, text or anything that does not parse', () => {
    const dir = tmp();
    const file = (name: string, bytes: number) => {
      writeFileSync(join(dir, name), 'x'.repeat(bytes));
      return join(dir, name);
    };
    const article = repo('fixtures/articles/as-2025.txt');
    expect(shortRun(['ingest', article, '--stdout', '--quiet'])).toBe(true);
    expect(shortRun(['ingest', '--id', 'mine', article])).toBe(true);
    // ("--out DIR" takes its value: DIR is no input.)
    expect(shortRun(['ingest', '--out', 'no-such-folder', article])).toBe(true);
    const half = SHORT_RUN_BYTES.ingest / 2;
    expect(shortRun(['ingest', file('a.txt', half), file('b.txt', half)])).toBe(true);
    expect(shortRun(['ingest', file('a.txt', half), file('b.txt', half + 1)])).toBe(false);
    expect(shortRun(['refs', file('list.txt', SHORT_RUN_BYTES.refs)])).toBe(true);
    expect(shortRun(['refs', file('list.txt', SHORT_RUN_BYTES.refs + 1)])).toBe(false);
    expect(shortRun(['ingest', '-'])).toBe(false);
    expect(shortRun(['ingest', article, '-'])).toBe(false);
    expect(shortRun(['refs'])).toBe(false);
    expect(shortRun(['ingest', join(dir, 'no-such-file.txt')])).toBe(false);
    expect(shortRun(['ingest', dir])).toBe(false);
    expect(shortRun(['ingest', '--help'])).toBe(false);
    expect(shortRun(['ingest', '--no-such-option', article])).toBe(false);
    for (const argv of [['build'], ['build', '-j', '1'], ['merge', 'a', 'b'], ['validate'], ['text', article], ['--version'], ['help', 'ingest'], []]) expect(shortRun(argv), argv.join(' ')).toBe(false);
  });
});

describe('main: text and refs', () => {
  it('text - reads standard input and reports its diagnostics as <stdin>', async () => {
    const r = await run(['text', '-', '--diagnostics', 'json', '--verbose'], '2025年3月干细胞进展\n\n3月2日,研究发表。\n');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toContain('2025年3月干细胞进展');
    for (const line of r.stderr.trimEnd().split('\n').filter(Boolean)) expect(JSON.parse(line).file).toBe('<stdin>');
  });

  it('refs reads a file; an unplaced line is a warning at its line, a merged line an info (shown with --verbose)', async () => {
    const dir = tmp();
    const file = join(dir, 'refs.txt');
    writeFileSync(file, '[1] Smith J. Stem cells. Nature. 2020;580:1-10. [2] Doe A. Cells again. Cell. 2021;184:5-9.\n');
    const r = await run(['refs', file, '--verbose']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).map((c: { title: string }) => c.title)).toEqual(['Stem cells', 'Cells again']);
    expect(r.stderr).toMatch(/refs\.txt:1:\d+: info: reference \[2\] shares a line with the one before it; split \[reference-merged-line\]\n$/);
    expect((await run(['refs', file])).stderr).toBe('');
  });

  it('refs takes at most one input', async () => {
    expect(await run(['refs', 'a', 'b'])).toMatchObject({ code: 2, stderr: expect.stringContaining('digest refs: refs takes at most one input\n') });
  });
});

describe('main: build outcomes', () => {
  it('a failing input: exit 1, counted in the progress bar and the table; the review line absent when the pipeline writes no report', async () => {
    const dir = project((p) => void (p.stages as { use: string; options?: unknown }[]).forEach((s) => s.use === 'write' && (s.options = { report: false })));
    const r = await runIn(dir, ['build', '-j', '1', '--no-cache']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('in/empty.txt');
    const tty = await runIn(dir, ['build', '-j', '1'], '', true);
    expect(tty.code, tty.stderr).toBe(1);
    const text = bare(tty.stderr);
    expect(text).toContain('2/2 inputs, 1 failed');
    expect(text).toContain('  inputs      2 (1 record, 1 failed)');
    expect(text).not.toContain('  review');
  });

  it('says how many files changed without making the list of their names (the build holds them by stem)', async () => {
    const dir = project();
    const values = vi.spyOn(CompactNames.prototype, 'values');
    try {
      const plain = await runIn(dir, ['build', '-j', '1']);
      const written = readdirSync(join(dir, 'out'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && !/[\\/]\.cache([\\/]|$)/.test(join(e.parentPath, e.name).slice(join(dir, 'out').length)));
      expect(plain.stderr).toContain(`; ${written.length} files changed under out\n`);
      appendFileSync(join(dir, 'in', 'as-2025.txt'), '\n\n新增一段：2025年3月，研究团队报告了新的结果。\n');
      const tty = await runIn(dir, ['build', '-j', '1'], '', true);
      // Its page, record and source page, the tables it has rows in, the manifest, changes.json, the index.
      expect(bare(tty.stderr)).toMatch(/ {2}written {5}\d+ files changed under out/);
      expect(values).not.toHaveBeenCalled();
    } finally {
      values.mockRestore();
    }
  });

  it('what a build prints, input by input as the build hands them over: links refused first, then each input in path order, the bar cleared before them, the table last', async () => {
    const dir = project();
    const outside = mkdtempSync(join(tmpdir(), 'digest-outside-'));
    writeFileSync(join(outside, 'elsewhere.txt'), 'x');
    symlinkSync(join(outside, 'elsewhere.txt'), join(dir, 'in', 'a-link.txt'));
    writeFileSync(join(dir, 'in', 'b-empty.txt'), '');
    const tty = (await runIn(dir, ['build', '-j', '1', '--no-cache'], '', true)).stderr;
    // The bar's last step, cleared, then the link, then the inputs in path order, then the table.
    const clear = '\r\u001b[2K';
    const after = tty.slice(tty.lastIndexOf(clear) + clear.length);
    expect(tty.slice(0, tty.length - after.length)).toMatch(/3\/3 inputs, 2 failed\r\u001b\[2K$/);
    const lines = bare(after).split('\n');
    expect(lines.slice(0, 4).map((l) => l.split(':')[0])).toEqual(['in/a-link.txt', 'in/b-empty.txt', 'in/empty.txt', 'digest build']);
    expect(lines[0]).toMatch(/warning: .*\[input-link-outside\]$/);
    expect(bare(after)).toContain('  inputs      3 (1 record, 2 failed)\n');
    expect(bare(after)).toMatch(/\nin\/b-empty\.txt +0 +0 +0 +0 +1\nin\/empty\.txt +0 +0 +0 +0 +1\n$/);
    const plain = await runIn(dir, ['build', '-j', '1', '--no-cache']);
    expect(plain.code).toBe(1);
    expect(plain.stderr.split('\n').map((l) => l.split(':')[0])).toEqual(['in/a-link.txt', 'in/b-empty.txt', 'in/empty.txt', 'digest build', '']);
    expect(plain.stderr).toMatch(/\ndigest build: 3 inputs, 1 record, 2 failed; 3 ingested, 0 from cache; 0 files changed under out\n$/);
    const json = await runIn(dir, ['build', '-j', '1', '--no-cache', '--diagnostics', 'json']);
    expect(json.stderr.trimEnd().split('\n').map((l) => JSON.parse(l).file)).toEqual(['in/a-link.txt', 'in/b-empty.txt', 'in/empty.txt']);
  });

  it('--check with a failing input: up to date, and still exit 1', async () => {
    const dir = project();
    expect((await runIn(dir, ['build', '-j', '1', '--quiet'])).code).toBe(1);
    const check = await runIn(dir, ['build', '--check', '-j', '1', '--quiet']);
    expect(check).toMatchObject({ code: 1, stderr: expect.stringContaining('digest build --check: out is up to date (2 inputs)\n') });
  });

  it('files in the output folder digest did not write are named and left alone', async () => {
    const dir = project();
    mkdirSync(join(dir, 'out', 'articles'), { recursive: true });
    writeFileSync(join(dir, 'out', 'articles', 'mine.json'), '{}');
    const r = await runIn(dir, ['build', '-j', '1']);
    expect(r.stderr).toContain('digest build: left alone 1 file digest did not write: out/articles/mine.json\n');
    expect(readFileSync(join(dir, 'out', 'articles', 'mine.json'), 'utf8')).toBe('{}');
    expect((await runIn(dir, ['build', '-j', '1', '--quiet'])).stderr).not.toContain('left alone');
  });

  it('--ids-from: a shard takes its ids from the dataset named', async () => {
    const dir = project();
    expect((await runIn(dir, ['build', '-j', '1', '--quiet'])).code).toBe(1);
    const manifest = join(dir, 'out', 'manifest.json');
    const ids = JSON.parse(readFileSync(manifest, 'utf8'));
    ids.inputs = ids.inputs.map((i: { path: string; id: string | null }) => (i.path === 'in/as-2025.txt' ? { ...i, id: 'kept-id' } : i));
    writeFileSync(join(dir, 'ids.json'), JSON.stringify(ids));
    const r = await runIn(dir, ['build', '-j', '1', '--quiet', '--no-cache', '--shard', '1/1', '--out', 'shard', '--ids-from', 'ids.json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(readFileSync(join(dir, 'shard', 'manifest.json'), 'utf8')).inputs.find((i: { path: string }) => i.path === 'in/as-2025.txt').id).toBe('kept-id');
  });

  it('an output folder that is a file is one line, exit 2, no stack', async () => {
    const dir = project();
    writeFileSync(join(dir, 'taken'), 'a file');
    const r = await runIn(dir, ['ingest', 'in/as-2025.txt', '--out', 'taken']);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^digest ingest: .*taken/);
    expect(r.stderr).not.toContain('    at ');
  });
});

describe('main: where a pipeline file\'s relative paths resolve', () => {
  it('reads `inputs` and writes `out` against the working directory, as the pipeline schema says (its top description once said every relative path followed the pipeline file)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'digest-paths-'));
    mkdirSync(join(dir, 'conf'));
    mkdirSync(join(dir, 'in'));
    cpSync(repo('fixtures/articles/as-2025.txt'), join(dir, 'in/as-2025.txt'));
    const pipeline = JSON.parse(readFileSync(repo('pipelines/digest.json'), 'utf8')) as { inputs?: string[]; out?: string; data?: Record<string, string> };
    // The data stay the package's own, named by absolute paths (digest.json's are relative to pipelines/): only inputs and out are under test.
    const data = Object.fromEntries(Object.entries(pipeline.data ?? {}).map(([k, v]) => [k, typeof v === 'string' ? repo(join('pipelines', v)) : v]));
    writeFileSync(join(dir, 'conf/p.json'), JSON.stringify({ ...pipeline, data, inputs: ['in'], out: 'o' }));
    const r = await runIn(dir, ['build', '--pipeline', 'conf/p.json', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'o/manifest.json'), 'utf8')).toContain('in/as-2025.txt');
    const schema = JSON.parse(readFileSync(repo('schemas/pipeline.schema.json'), 'utf8')) as { description: string; properties: Record<string, { description?: string }> };
    expect(schema.properties.inputs!.description).toContain('relative to the working directory');
    expect(schema.properties.out!.description).toContain('relative to the working directory');
    expect(schema.description).toContain('`inputs` and `out` against the working directory');
  });
});
