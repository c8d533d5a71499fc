import { mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/dataset/build.js';
import { merge } from '../../src/dataset/merge.js';
import { validatePaths } from '../../src/dataset/validate.js';
import { ConfigError } from '../../src/core/errors.js';
import { makeProject, type Project } from '../support/project.js';

let p: Project;
beforeAll(async () => {
  p = makeProject(['as-2025.txt', 'ra-2025.txt', 'ra-2025-site.html']);
  await build({ pipeline: p.pipeline(), concurrency: 1 });
});

/** A copy of the built dataset to break in one place. */
function copyOfOut(name: string): string {
  const dir = join(p.dir, name);
  for (const rel of ['articles', 'report']) mkdirSync(join(dir, rel), { recursive: true });
  for (const rel of ['manifest.json', 'changes.json', 'items.jsonl', 'references.jsonl', 'entities.jsonl', ...readdirSync(join(p.out, 'articles')).map((n) => `articles/${n}`), ...readdirSync(join(p.out, 'report')).map((n) => `report/${n}`)]) {
    writeFileSync(join(dir, rel), readFileSync(join(p.out, rel)));
  }
  return dir;
}

describe('12.4 every file under out/ has a schema and validates', () => {
  it('a built dataset: the manifest, every record and every row of every table', async () => {
    const result = await validatePaths([p.out]);
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({ records: 3, manifests: 1, unknown: [] });
    const rows = ['items.jsonl', 'references.jsonl', 'entities.jsonl'].map((t) => readFileSync(join(p.out, t), 'utf8').trim().split('\n').length);
    expect(result.rows).toBe(rows[0]! + rows[1]! + rows[2]!);
    const r = p.digest('validate', 'out');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(`digest validate: 3 records, 1 manifest, ${result.rows} table rows valid\n`);
  });

  it('a hand-edited manifest or table row fails with the file, the line and the pointer', () => {
    const dir = copyOfOut('broken-rows');
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    manifest.inputs[1].status = 'fine';
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    const items = readFileSync(join(dir, 'items.jsonl'), 'utf8').split('\n');
    items[2] = items[2]!.replace(/"date":"[^"]+"/, '"date":"March"');
    writeFileSync(join(dir, 'items.jsonl'), items.join('\n'));
    const r = p.digest('validate', 'broken-rows');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('broken-rows/manifest.json: error: /inputs/1/status: must be equal to one of the allowed values (ok, failed) [manifest-invalid]');
    expect(r.stderr).toContain('broken-rows/items.jsonl:3: error: /date: must match pattern');
  });

  it('a file the manifest lists but the folder lacks is reported; a file nobody wrote is named, not judged', () => {
    const dir = copyOfOut('missing-file');
    const [first] = readdirSync(join(dir, 'articles'));
    rmSync(join(dir, 'articles', first!));
    writeFileSync(join(dir, 'report', 'budget.xlsx'), 'numbers');
    const r = p.digest('validate', 'missing-file');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`missing-file/articles/${first}: error: listed in manifest.json but missing [dataset-file-missing]`);
    expect(r.stderr).toContain('not files of the dataset (not checked): missing-file/report/budget.xlsx');
  });

  it('the change view and the index\'s embedded search data are checked against their schemas', async () => {
    expect((await validatePaths([p.out])).problems).toEqual([]);
    const dir = copyOfOut('broken-review');
    const changes = JSON.parse(readFileSync(join(dir, 'changes.json'), 'utf8'));
    changes.articles[0].status = 'edited';
    writeFileSync(join(dir, 'changes.json'), JSON.stringify(changes));
    const index = readFileSync(join(dir, 'report', 'index.html'), 'utf8');
    writeFileSync(join(dir, 'report', 'index.html'), index.replace(/"article":0,/, '"article":-1,'));
    const problems = (await validatePaths([dir])).problems.map((x) => `${x.file.slice(dir.length + 1)} ${x.pointer} ${x.rule}`);
    expect(problems).toEqual(['changes.json /articles/0/status changes-invalid', 'report/index.html /items/0/article search-index-invalid']);
  });

  it('a dangling link and a link loop in the folder are one-line errors, never an internal error', () => {
    const dir = copyOfOut('links');
    symlinkSync(join(dir, 'nowhere.json'), join(dir, 'articles', 'dangling.json'));
    symlinkSync(join(dir, 'articles', 'loop-b.json'), join(dir, 'articles', 'loop-a.json'));
    symlinkSync(join(dir, 'articles', 'loop-a.json'), join(dir, 'articles', 'loop-b.json'));
    symlinkSync(join(dir, 'articles'), join(dir, 'articles', 'again'));
    const r = p.digest('validate', 'links', join(p.dir, 'links', 'articles', 'loop-a.json'));
    expect(r.status).toBe(1);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    const lines = r.stderr.trim().split('\n');
    expect(lines.filter((l) => l.includes('[file-unreadable]'))).toHaveLength(4);
    for (const line of lines.filter((l) => l.includes('error'))) expect(line).toMatch(/^\S+: error: cannot read: .+ \[file-unreadable\]$/);
  });
});

describe('11.14 validate checks the links inside a record', () => {
  const broken = (name: string, change: (record: { sections: { items: { citations: string[] }[] }[]; references: { id: string; number: number }[] }) => void) => {
    const dir = copyOfOut(name);
    const file = join(dir, 'articles', 'ra-2025.json');
    const record = JSON.parse(readFileSync(file, 'utf8'));
    change(record);
    writeFileSync(file, JSON.stringify(record));
    return p.digest('validate', name);
  };

  it('a citation of a reference the record does not have', () => {
    const r = broken('cites-999', (record) => {
      record.sections[3]!.items[0]!.citations = ['ref-999'];
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('cites-999/articles/ra-2025.json: error: /sections/3/items/0/citations/0: cites ref-999, which is not among the record\'s references [record-link-broken]');
  });

  it('a reference whose number is not its id', () => {
    const r = broken('renumbered', (record) => {
      record.references[1]!.number = 7;
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('renumbered/articles/ra-2025.json: error: /references/1/id: ref-2 does not match its number 7 (ref-7) [record-link-broken]');
  });
});

describe('validatePaths in this process: every kind of file, broken every way', () => {
  /** The problems of validating `paths`, as "file-relative-to-dir rule pointer-or-line: message". */
  const problemsOf = async (dir: string, ...paths: string[]) =>
    (await validatePaths(paths.map((q) => join(dir, q)))).problems.map((x) => `${x.file.slice(dir.length + 1)} ${x.rule} ${x.line ?? x.pointer}: ${x.message}`);

  it('text that is not JSON, in the manifest, a record, a table row, the change view and the index’s search data', async () => {
    const dir = copyOfOut('not-json');
    const [record] = readdirSync(join(dir, 'articles'));
    writeFileSync(join(dir, 'manifest.json'), '{');
    writeFileSync(join(dir, 'articles', record!), '{"id":');
    const items = readFileSync(join(dir, 'items.jsonl'), 'utf8').split('\n');
    items[1] = 'nope';
    writeFileSync(join(dir, 'items.jsonl'), items.join('\n'));
    writeFileSync(join(dir, 'changes.json'), '[');
    const index = readFileSync(join(dir, 'report', 'index.html'), 'utf8');
    writeFileSync(join(dir, 'report', 'index.html'), index.replace(/(<script type="application\/json" id="search-data">)[\s\S]*?(<\/script>)/, '$1{"articles": 3}$2'));
    const problems = await problemsOf(dir, '.');
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^manifest\.json manifest-invalid : not valid JSON: /),
        expect.stringMatching(new RegExp(`^articles/${record} record-invalid : not valid JSON: `)),
        expect.stringMatching(/^items\.jsonl row-invalid 2: not valid JSON: /),
        expect.stringMatching(/^changes\.json changes-invalid : not valid JSON: /),
        expect.stringMatching(/^report\/index\.html search-index-invalid /),
      ]),
    );
    expect(problems).toHaveLength(5);
  });

  it('single files outside a dataset are known by their names: a manifest, a table, the change view, a record', async () => {
    const dir = copyOfOut('singles');
    const result = await validatePaths(['manifest.json', 'items.jsonl', 'changes.json', 'articles/ra-2025.json'].map((q) => join(dir, q)));
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({ manifests: 1, records: 1 });
    expect(result.rows).toBe(readFileSync(join(dir, 'items.jsonl'), 'utf8').trim().split('\n').length);
  });

  it('a record’s links and its CSL: a reference given twice, a mention of an unknown entity, an invalid CSL item', async () => {
    const dir = copyOfOut('links');
    const file = join(dir, 'articles', 'ra-2025.json');
    const record = JSON.parse(readFileSync(file, 'utf8'));
    record.references[1] = { ...record.references[1], id: 'ref-1', number: 1 };
    const item = record.sections.flatMap((s: { items: { entities: unknown[] }[] }) => s.items).find((i: { entities: unknown[] }) => i.entities.length > 0);
    item.entities[0].entity = 'nothing-such';
    writeFileSync(file, JSON.stringify(record));
    const problems = await problemsOf(dir, 'articles/ra-2025.json');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^articles\/ra-2025\.json record-link-broken \/references\/1\/id: ref-1 is given twice$/);
    record.references[1] = { ...record.references[1], id: 'ref-2', number: 2 };
    writeFileSync(file, JSON.stringify(record));
    expect(await problemsOf(dir, 'articles/ra-2025.json')).toEqual([expect.stringMatching(/^articles\/ra-2025\.json record-link-broken \/sections\/\d+\/items\/\d+\/entities\/0\/entity: names nothing-such, which is not among the record's entities$/)]);
    const again = JSON.parse(readFileSync(join(p.out, 'articles', 'ra-2025.json'), 'utf8'));
    again.references[0].csl.type = 'scroll';
    writeFileSync(file, JSON.stringify(again));
    expect(await problemsOf(dir, 'articles/ra-2025.json')).toEqual([expect.stringMatching(/^articles\/ra-2025\.json csl-invalid \/references\/0\/csl\/type: /)]);
  });

  it('a renumbered reference, a listed file missing, a dangling link, an index without search data, a link loop given as the path', async () => {
    const dir = copyOfOut('more');
    const file = join(dir, 'articles', 'ra-2025.json');
    const record = JSON.parse(readFileSync(file, 'utf8'));
    record.references[1].number = 7;
    writeFileSync(file, JSON.stringify(record));
    const [other] = readdirSync(join(dir, 'articles')).filter((n) => n !== 'ra-2025.json').sort();
    rmSync(join(dir, 'articles', other!));
    symlinkSync(join(dir, 'nowhere.json'), join(dir, 'articles', 'dangling.json'));
    const index = readFileSync(join(dir, 'report', 'index.html'), 'utf8');
    writeFileSync(join(dir, 'report', 'index.html'), index.replace(/<script type="application\/json" id="search-data">[\s\S]*?<\/script>/, ''));
    expect((await problemsOf(dir, '.')).sort()).toEqual([
      'articles/dangling.json file-unreadable : cannot read: no such file (a dangling link?)',
      `articles/${other} dataset-file-missing : listed in manifest.json but missing`,
      'articles/ra-2025.json record-link-broken /references/1/id: ref-2 does not match its number 7 (ref-7)',
    ].sort());
    symlinkSync(join(dir, 'loop-b'), join(dir, 'loop-a'));
    symlinkSync(join(dir, 'loop-a'), join(dir, 'loop-b'));
    expect(await problemsOf(dir, 'loop-a')).toEqual(['loop-a file-unreadable : cannot read: a loop of symbolic links']);
  });

  it('a FIFO in a dataset is a file it cannot read, said without waiting on it', async () => {
    const dir = copyOfOut('fifo');
    expect(spawnSync('mkfifo', [join(dir, 'articles', 'pipe.json')]).status).toBe(0);
    expect(await problemsOf(dir, '.')).toEqual(['articles/pipe.json file-unreadable : cannot read: not a regular file (other)']);
  });
});

describe('merge trusts no shard manifest', () => {
  it('a hand-edited shard manifest is a configuration error naming the file and the pointer', async () => {
    const q = makeProject(['as-2025.txt', 'ra-2025.txt', 'as-2025-hant.txt']);
    const shards = [1, 2].map((k) => join(q.dir, `s${k}`));
    for (const [i, dir] of shards.entries()) await build({ pipeline: q.pipeline(), outDir: dir, shard: { index: i + 1, count: 2 }, cacheDir: null, concurrency: 1 });
    const file = join(shards[1]!, 'manifest.json');
    const manifest = JSON.parse(readFileSync(file, 'utf8'));
    manifest.totals.items = 'many';
    writeFileSync(file, JSON.stringify(manifest));
    const merging = merge({ shards, outDir: join(q.dir, 'merged') });
    await expect(merging).rejects.toThrow(ConfigError);
    await expect(merge({ shards, outDir: join(q.dir, 'merged') })).rejects.toThrow(`${file}: not a dataset manifest of this digest (schemas/manifest.schema.json): /totals/items: must be integer`);
  });
});

describe('issue 14: references.jsonl rows carry their CSL item', () => {
  it('every reference of a built dataset loads into citation-js and formats as a bibliography entry', () => {
    const require = createRequire(import.meta.url);
    const { Cite } = require('@citation-js/core') as { Cite: new (data: unknown) => { format(kind: string, options: object): string; data: unknown[] } };
    require('@citation-js/plugin-csl');
    const rows = readFileSync(join(p.out, 'references.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { article: string; id: string; csl: { id: string; title?: string } });
    expect(rows.length).toBeGreaterThan(20);
    for (const row of rows) {
      const cite = new Cite([{ ...row.csl, id: `${row.article}/${row.id}` }]);
      expect(cite.data).toHaveLength(1);
      const entry = cite.format('bibliography', { format: 'text', template: 'vancouver', lang: 'en-US' });
      expect(entry.trim().length, `${row.article} ${row.id}`).toBeGreaterThan(0);
      if (row.csl.title) expect(entry).toContain(row.csl.title.slice(0, 20));
    }
  });
});
