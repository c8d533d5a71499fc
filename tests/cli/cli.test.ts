import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repo } from '../helpers.js';
import { bare, run, runIn } from './run.js';

const ra = repo('fixtures/articles/ra-2025.txt');
const as = repo('fixtures/articles/as-2025.txt');
const tmp = () => mkdtempSync(join(tmpdir(), 'digest-cli-'));

describe('digest ingest', () => {
  it('--stdout prints JSON Lines, one record a line, for one input as for several, and writes nothing', async () => {
    const out = tmp();
    const one = await run(['ingest', ra, '--stdout', '--out', out]);
    expect(one.code).toBe(0);
    expect(one.stdout.split('\n')).toHaveLength(2); // one line and its newline: not pretty-printed
    expect(JSON.parse(one.stdout).id).toBe('ra-2025');
    expect(readdirSync(out)).toEqual([]);
    const two = await run(['ingest', ra, as, '--stdout']);
    expect(two.stdout.trim().split('\n').map((l) => JSON.parse(l).id)).toEqual(['ra-2025', 'as-2025']);
    // The record itself is the one a file gets, byte for byte once pretty-printed.
    const written = await run(['ingest', ra, '--out', out]);
    expect(written.code).toBe(0);
    expect(`${JSON.stringify(JSON.parse(one.stdout), null, 2)}\n`).toBe(readFileSync(join(out, 'articles', 'ra-2025.json'), 'utf8'));
  });

  it('writes DIR/articles/<id>.json and reports diagnostics as path:line:col: severity: message [rule]', async () => {
    const out = tmp();
    const r = await run(['ingest', ra, '--out', out]);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'articles', 'ra-2025.json'), 'utf8')).id).toBe('ra-2025');
    expect(readdirSync(out)).toEqual(['articles']);
    expect(r.stderr).toContain(`${ra}:121:1: warning: reference [10] is a placeholder ("cde"), not a citation [reference-placeholder]`);
    for (const line of r.stderr.trim().split('\n').filter((l) => !l.includes(': wrote '))) {
      expect(line).toMatch(/^.+:\d+:\d+: (error|warning|info): .+ \[[a-z][a-z0-9-]*\]$/);
    }
  });

  it('reads stdin with -, naming the record by its content (a second article piped in never overwrites the first) or by --id', async () => {
    const r = await run(['ingest', '-', '--stdout'], readFileSync(as, 'utf8'));
    expect(r.code).toBe(0);
    const record = JSON.parse(r.stdout);
    expect(record.source.path).toBeNull();
    expect(record.id).toBe(`stdin-${record.source.sha256.slice(0, 12)}`);
    const out = tmp();
    const first = await run(['ingest', '-', '--out', out], readFileSync(as, 'utf8'));
    const second = await run(['ingest', '-', '--out', out], readFileSync(ra, 'utf8'));
    expect([first.code, second.code]).toEqual([0, 0]);
    const files = readdirSync(join(out, 'articles')).sort();
    expect(files).toHaveLength(2);
    for (const f of files) expect(f).toMatch(/^stdin-[0-9a-f]{12}\.json$/);
    // The same content gets the same id: piping it again replaces its own record, nothing else.
    expect((await run(['ingest', '-', '--out', out], readFileSync(as, 'utf8'))).stderr).toBe(first.stderr);
    expect(readdirSync(join(out, 'articles'))).toHaveLength(2);
    const named = await run(['ingest', '-', '--out', out, '--id', 'as-2025-pasted'], readFileSync(as, 'utf8'));
    expect(named.stderr).toContain('<stdin>: wrote ');
    expect(JSON.parse(readFileSync(join(out, 'articles', 'as-2025-pasted.json'), 'utf8')).id).toBe('as-2025-pasted');
    expect(JSON.parse((await run(['ingest', ra, '--id', 'mine', '--stdout'])).stdout).id).toBe('mine');
    const bad = await run(['ingest', '-', '--id', 'Not An Id'], 'x');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--id must be lower-case letters, digits and hyphens');
    expect((await run(['ingest', ra, as, '--id', 'both'])).stderr).toContain('--id names one record: give one input with it');
  });

  it('exits 1 when an input fails, still processing the others, and prints JSON diagnostics on request', async () => {
    const out = tmp();
    const empty = join(out, 'empty.txt');
    writeFileSync(empty, '');
    const r = await run(['ingest', empty, ra, '--out', out, '--diagnostics', 'json']);
    expect(r.code).toBe(1);
    expect(existsSync(join(out, 'articles', 'ra-2025.json'))).toBe(true);
    expect(existsSync(join(out, 'articles', 'empty.json'))).toBe(false);
    const first = JSON.parse(r.stderr.split('\n')[0]!);
    expect(first).toMatchObject({ file: empty, rule: 'input-empty', severity: 'error', line: 1, column: 1 });
  });

  it('exits 2 on usage errors', async () => {
    expect((await run(['ingest'])).code).toBe(2);
    expect((await run(['ingest', ra, '--bogus'])).code).toBe(2);
    expect((await run(['frobnicate'])).code).toBe(2);
    const bad = await run(['ingest', ra, '--diagnostics', 'xml']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--diagnostics must be unix, json or github');
  });

  it('exits 2 naming the pointer when the pipeline file is invalid', async () => {
    const dir = tmp();
    cpSync(repo('pipelines'), join(dir, 'pipelines'), { recursive: true });
    const file = join(dir, 'pipelines', 'digest.json');
    const p = JSON.parse(readFileSync(file, 'utf8'));
    p.stages[1].options.frobnicate = true;
    writeFileSync(file, JSON.stringify(p));
    const r = await run(['ingest', ra, '--pipeline', file, '--stdout']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('/stages/1/options/frobnicate: unknown option of stage "parse"');
    p.stages[1] = { use: 'parse', options: {}, extra: 1 };
    writeFileSync(file, JSON.stringify(p));
    expect((await run(['ingest', ra, '--pipeline', file, '--stdout'])).stderr).toContain('does not match schemas/pipeline.schema.json at /stages/1');
  });
});

describe('digest text', () => {
  it('prints the kept blocks, one a line, or JSON Lines with positions', async () => {
    const plain = await run(['text', repo('fixtures/articles/ra-2025-site.html')]);
    expect(plain.code).toBe(0);
    expect(plain.stdout.split('\n')).toContain('2025年3月干细胞治疗类风湿关节炎最新临床进展');
    expect(plain.stdout).not.toContain('首页');
    const json = await run(['text', ra, '--json']);
    const first = JSON.parse(json.stdout.split('\n')[0]!);
    expect(first).toMatchObject({ kind: 'paragraph', line: 1, column: 1 });
  });
});

describe('digest refs', () => {
  it('turns a copied 参考资料 block into CSL-JSON', async () => {
    const text = readFileSync(as, 'utf8');
    const block = text.slice(text.indexOf('参考资料'), text.indexOf('免责说明'));
    const r = await run(['refs', '-'], block.split('\n').slice(1).join('\n'));
    const items = JSON.parse(r.stdout);
    expect(items.map((i: { id: string }) => i.id)).toEqual(['ref-1', 'ref-2', 'ref-3', 'ref-4', 'ref-5', 'ref-6', 'ref-7']);
    expect(items[3]).toMatchObject({ id: 'ref-4', 'container-title': 'Bone', DOI: '10.1016/j.bone.2025.117591' });
    expect(items[4]).toMatchObject({ id: 'ref-5', DOI: '10.3389/fimmu.2025.1613502' });
  });

  it('130,000 entries end in the documented limit error (references.maxReferences), one line, no stack trace', async () => {
    const list = Array.from({ length: 130_000 }, (_, i) => `[${i + 1}]Smith J, Doe A. A title number ${i}. J Med. 2020;1:${i}-${i + 3}.`).join('\n');
    const r = await run(['refs', '-'], list);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('<stdin>:1:1: error: 130000 reference entries, over the limit maxReferences=20000 [too-many-references]\n');
  }, 120_000);

  it('reports a line it cannot place at its position and still prints the list', async () => {
    const r = await run(['refs', '-'], 'Smith J. One title here. J Med. 2020;1:1.\nhttps://doi.org/10.1000/one\n\n~~~\nDoe A. Two title here. J Med. 2021;2:2.\n');
    expect(r.code).toBe(0);
    // ("~~~", no letter or digit, is a separator and no entry: issue 17's pass on real pages' lists.)
    expect(JSON.parse(r.stdout)).toHaveLength(2);
    const orphan = await run(['refs', '-'], 'https://doi.org/10.1000/orphan\nSmith J. One title here. J Med. 2020;1:1.\n');
    expect(orphan.stderr).toMatch(/^<stdin>:1:1: warning: a line in the reference list that is no reference and belongs to none \("https:\/\/doi.org\/10.1000\/orphan"\) \[reference-line-unplaced\]\n$/);
    expect(JSON.parse(orphan.stdout)).toHaveLength(1);
  });
});

describe('terminal summaries (only on a terminal, never on a pipe or with --quiet)', () => {

  it('ingest prints months (missing ones named), items, references with and without DOI, entities by type, diagnostics, the output path', async () => {
    const out = tmp();
    const r = await run(['ingest', as, ra, '--out', out], '', true);
    expect(r.code).toBe(0);
    const text = bare(r.stderr);
    expect(text).toContain(`${as} → `);
    // The record's missingMonths: the title declares 2025年1-12月, so January is missing too.
    expect(text).toMatch(/as-2025\.json\n  months      6 found \(2025-02 … 2025-12\); missing 2025-01, 2025-04, 2025-08, 2025-09, 2025-10, 2025-11\n/);
    expect(text).toContain('  references  7 (7 with DOI, 0 without)');
    expect(text).toMatch(/  entities    65: disease 14, measure 14, cell 12, molecule 11, journal 6, drug 4, /);
    expect(text).toContain('  months      12 found (2025-01 … 2025-12); none missing or out of order');
    expect(text).toContain('  references  13 (11 with DOI, 2 without)');
    expect(text).toContain('  diagnostics 0 errors, 1 warning');
    // The warning itself still comes first, in the usual file:line:col form.
    expect(text.indexOf('[reference-placeholder]')).toBeLessThan(text.indexOf(`${ra} → `));
  });

  it('nothing of it on a pipe, with --quiet or with a machine format; --quiet still says what was written', async () => {
    const out = tmp();
    const piped = await run(['ingest', as, '--out', out]);
    expect(piped.stderr).toMatch(/^\S+as-2025\.txt: wrote \S+\/articles\/as-2025\.json\n$/);
    expect(piped.stderr).not.toContain('months');
    // ra-2025 has a warning and nothing worse: quiet drops the warning, never the result.
    const quiet = await run(['ingest', ra, '--out', out, '--quiet'], '', true);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toMatch(/^\S+ra-2025\.txt: wrote \S+\/articles\/ra-2025\.json\n$/);
    expect((await run(['ingest', as, '--out', out, '--diagnostics', 'json'], '', true)).stderr).toBe('');
  });

  it('build draws a progress bar and ends with a table; --quiet and pipes get neither', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'in'));
    cpSync(ra, join(dir, 'in', 'ra-2025.txt'));
    cpSync(as, join(dir, 'in', 'as-2025.txt'));
    const raw = JSON.parse(readFileSync(repo('pipelines/digest.json'), 'utf8'));
    raw.inputs = [join(dir, 'in')];
    raw.data = Object.fromEntries(Object.entries(raw.data as Record<string, string>).map(([k, v]) => [k, repo(`pipelines/${v}`)]));
    delete raw.$schema;
    writeFileSync(join(dir, 'p.json'), JSON.stringify(raw));
    const tty = await run(['build', '--pipeline', join(dir, 'p.json'), '--out', join(dir, 'out')], '', true);
    expect(tty.code).toBe(0);
    expect(tty.stderr).toMatch(/\r\u001b\[2K█+ 2\/2 inputs/);
    const text = bare(tty.stderr);
    expect(text).toContain('  inputs      2 (2 records, 0 failed)');
    expect(text).toContain('  references  20 (18 with DOI)');
    expect(text).toMatch(/input\s+months\s+items\s+refs\s+warnings\s+errors\n[─ ]+\n.*ra-2025\.txt\s+12\s+13\s+13\s+1\s+0\n/);
    expect(text).toMatch(/  review      \S+\/out\/report\/index\.html\n/);
    const quiet = await run(['build', '--pipeline', join(dir, 'p.json'), '--out', join(dir, 'out'), '--quiet'], '', true);
    expect(quiet.stderr).toMatch(/^digest build: 2 inputs, 2 records, 0 failed; 0 ingested, 2 from cache; 0 files changed under \S+\n$/);
    const piped = await run(['build', '--pipeline', join(dir, 'p.json'), '--out', join(dir, 'out')]);
    expect(piped.stderr).not.toContain('█');
    expect(piped.stderr).toContain('digest build: 2 inputs, 2 records, 0 failed; 0 ingested, 2 from cache; 0 files changed');
  });
});

describe('digest build, merge and validate (in this process, from the project folder)', () => {
  const project = () => {
    const dir = tmp();
    cpSync(repo('pipelines'), join(dir, 'pipelines'), { recursive: true });
    mkdirSync(join(dir, 'fixtures', 'articles'), { recursive: true });
    cpSync(ra, join(dir, 'fixtures', 'articles', 'ra-2025.txt'));
    cpSync(as, join(dir, 'fixtures', 'articles', 'as-2025.txt'));
    return dir;
  };
  const digest = (dir: string, ...args: string[]) => runIn(dir, args);

  it('build writes the dataset, --check passes, then fails after a change', async () => {
    const dir = project();
    const build = await digest(dir, 'build', '--pipeline', 'pipelines/digest.json', '-j', '1');
    expect(build.code).toBe(0);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['.cache', 'articles', 'changes.json', 'entities.jsonl', 'items.jsonl', 'manifest.json', 'references.jsonl', 'report']);
    expect(build.stderr).toContain('2 ingested, 0 from cache');
    const again = await digest(dir, 'build', '--pipeline', 'pipelines/digest.json', '-j', '1');
    expect(again.stderr).toContain('0 ingested, 2 from cache; 0 files changed');
    expect(readFileSync(join(dir, 'out', 'items.jsonl'), 'utf8').trim().split('\n')).toHaveLength(20);
    const manifest = JSON.parse(readFileSync(join(dir, 'out', 'manifest.json'), 'utf8'));
    expect(manifest.inputs.map((i: { path: string }) => i.path)).toEqual(['fixtures/articles/as-2025.txt', 'fixtures/articles/ra-2025.txt']);
    const upToDate = await digest(dir, 'build', '--check', '--pipeline', 'pipelines/digest.json', '-j', '1', '--quiet');
    expect(upToDate.code).toBe(0);
    expect(upToDate.stderr).toBe('digest build --check: out is up to date (2 inputs)\n');
    writeFileSync(join(dir, 'out', 'items.jsonl'), 'tampered\n');
    rmSync(join(dir, 'out', 'articles', 'as-2025.json'));
    const check = await digest(dir, 'build', '--check', '--pipeline', 'pipelines/digest.json', '-j', '1', '--quiet');
    expect(check.code).toBe(1);
    expect(check.stderr).toBe('digest build --check: out is not what a build would write:\n  changed: items.jsonl\n  missing: articles/as-2025.json\n');
    expect(readFileSync(join(dir, 'out', 'items.jsonl'), 'utf8')).toBe('tampered\n');
    // In json, stderr is JSON Lines only: the exit code is the check's answer.
    const json = await digest(dir, 'build', '--check', '--pipeline', 'pipelines/digest.json', '-j', '1', '--diagnostics', 'json');
    expect(json.code).toBe(1);
    expect(json.stderr).not.toContain('--check');
    for (const line of json.stderr.trimEnd().split('\n')) expect(JSON.parse(line)).toMatchObject({ severity: 'warning' });
  });

  it('build --shard K/N then merge gives what one build gives; merge --check; bad --shard, merge without shards or --out are usage errors', async () => {
    const dir = project();
    for (const name of ['as-2025-hant.txt', 'ra-2025-site.html', 'as-2025-wechat.html']) cpSync(repo(`fixtures/articles/${name}`), join(dir, 'fixtures', 'articles', name));
    expect((await digest(dir, 'build', '--pipeline', 'pipelines/digest.json', '--quiet', '-j', '1')).code).toBe(0);
    for (const k of [1, 2]) {
      const shard = await digest(dir, 'build', '--pipeline', 'pipelines/digest.json', '--no-cache', '--shard', `${k}/2`, '--out', `shard-${k}`, '-j', '1', '--quiet');
      expect(shard.stderr).toMatch(new RegExp(`^digest build: \\d inputs? \\(shard ${k}/2\\), `));
    }
    expect(existsSync(join(dir, 'shard-1', '.cache'))).toBe(false);
    const merged = await digest(dir, 'merge', 'shard-2', 'shard-1', '--out', 'merged');
    expect(merged.stderr).toContain('digest merge: 2 shards, 5 inputs, 5 records');
    for (const file of ['manifest.json', 'items.jsonl', 'references.jsonl', 'entities.jsonl', 'articles/ra-2025-site.json']) {
      expect(readFileSync(join(dir, 'merged', file), 'utf8'), file).toBe(readFileSync(join(dir, 'out', file), 'utf8'));
    }
    expect(await digest(dir, 'merge', 'shard-2', 'shard-1', '--out', 'merged', '--check')).toMatchObject({ code: 0, stderr: 'digest merge: 2 shards, 5 inputs, 5 records; up to date under merged\n' });
    writeFileSync(join(dir, 'merged', 'entities.jsonl'), '');
    const stale = await digest(dir, 'merge', 'shard-2', 'shard-1', '--out', 'merged', '--check');
    expect(stale).toMatchObject({ code: 1, stderr: 'digest merge --check: merged is not what the merge would write:\n  changed: entities.jsonl\n' });
    for (const shard of ['3/2', '0/2', '1/0', 'one/two']) {
      const bad = await digest(dir, 'build', '--shard', shard);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain(`--shard must be K/N with 1 ≤ K ≤ N (got ${shard})`);
    }
    const missing = await digest(dir, 'merge', 'shard-1', '--out', 'm');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('shards 2/2 are missing');
    expect(await digest(dir, 'merge', '--out', 'm')).toMatchObject({ code: 2, stderr: expect.stringContaining('digest merge: merge needs the output folders of the shards\n') });
    expect(await digest(dir, 'merge', 'shard-1', 'shard-2')).toMatchObject({ code: 2, stderr: expect.stringContaining('digest merge: merge needs --out DIR\n') });
  });

  it('build refuses inputs on the command line, --cache with --no-cache, a --concurrency out of range', async () => {
    const dir = project();
    const cases: [string[], string][] = [
      [['build', 'fixtures/articles/ra-2025.txt'], 'build takes no inputs on the command line (got fixtures/articles/ra-2025.txt); they come from the pipeline file'],
      [['build', '--cache', 'c', '--no-cache'], '--cache and --no-cache exclude each other'],
      [['build', '-j', '0'], '--concurrency must be a whole number from 1 to 256 (got 0)'],
      [['build', '-j', '1.5'], '--concurrency must be a whole number from 1 to 256 (got 1.5)'],
    ];
    for (const [args, message] of cases) {
      const r = await digest(dir, ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toBe(`digest build: ${message}\nUsage: digest build [options] (digest build --help for more)\n`);
    }
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('validate passes on out/ and fails on a hand-broken record, naming file and pointer', async () => {
    const dir = project();
    expect((await digest(dir, 'build', '--pipeline', 'pipelines/digest.json', '--quiet', '-j', '1')).code).toBe(0);
    const ok = await digest(dir, 'validate', 'out');
    expect(ok.code).toBe(0);
    expect(ok.stderr).toMatch(/^digest validate: 2 records, 1 manifest, \d+ table rows valid\n$/);
    const one = await digest(dir, 'validate', 'out/articles/as-2025.json');
    expect(one).toMatchObject({ code: 0, stderr: 'digest validate: 1 record valid\n' });
    const file = join(dir, 'out', 'articles', 'ra-2025.json');
    const record = JSON.parse(readFileSync(file, 'utf8'));
    record.sections[3].items[0].date = '2025-3-5';
    writeFileSync(file, JSON.stringify(record));
    const r = await digest(dir, 'validate', 'out');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('out/articles/ra-2025.json: error: /sections/3/items/0/date: must match pattern');
    writeFileSync(join(dir, 'out', 'entities.jsonl'), `${readFileSync(join(dir, 'out', 'entities.jsonl'), 'utf8')}{"article": 1}\n`);
    const rows = readFileSync(join(dir, 'out', 'entities.jsonl'), 'utf8').trimEnd().split('\n').length;
    expect((await digest(dir, 'validate', 'out')).stderr).toMatch(new RegExp(`out/entities\\.jsonl:${rows}: error: must have required property 'id' \\[row-invalid\\]`));
    const github = await digest(dir, 'validate', 'out', '--diagnostics', 'github');
    expect(github.stderr).toContain('::error file=out/articles/ra-2025.json,title=');
    expect(await digest(dir, 'validate')).toMatchObject({ code: 2, stderr: expect.stringContaining('digest validate: validate needs at least one file or folder\n') });
  });

  it('validate names the files in a dataset it does not check (a note, hidden by --quiet) and a path it cannot read', async () => {
    const dir = project();
    expect((await digest(dir, 'build', '--pipeline', 'pipelines/digest.json', '--quiet', '-j', '1')).code).toBe(0);
    writeFileSync(join(dir, 'out', 'notes.txt'), 'mine\n');
    const r = await digest(dir, 'validate', 'out');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^digest validate: not files of the dataset \(not checked\): out\/notes\.txt\ndigest validate: 2 records, 1 manifest, \d+ table rows valid\n$/);
    expect((await digest(dir, 'validate', 'out', '--quiet')).stderr).toMatch(/^digest validate: 2 records, 1 manifest, \d+ table rows valid\n$/);
    const missing = await digest(dir, 'validate', 'nowhere');
    expect(missing).toMatchObject({ code: 1, stderr: 'nowhere: error: cannot read: no such file or folder [file-unreadable]\n' });
  });
});

describe('bin/digest.js (a real child process on the built CLI)', () => {
  const bin = repo('bin/digest.js');

  it('prints --help and --version', () => {
    expect(execFileSync('node', [bin, '--help'], { encoding: 'utf8' })).toContain('Usage: digest <command>');
    expect(execFileSync('node', [bin, '--version'], { encoding: 'utf8' }).trim()).toBe(JSON.parse(readFileSync(repo('package.json'), 'utf8')).version);
  });
});

describe('digest on a pipe that closes early', () => {
  it('exits quietly when the reader stops (digest text x | head -1)', async () => {
    const { spawn } = await import('node:child_process');
    // Far more output than a pipe buffers, so the writer is still writing when the reader leaves.
    const child = spawn('node', [repo('bin/digest.js'), 'text', '-'], { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdin.end(readFileSync(ra, 'utf8').repeat(60));
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toContain('EPIPE');
    expect(code).toBe(0);
  });
});
