import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { serialize } from 'node:v8';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EntryStore } from '../../src/dataset/cache.js';
import { computeEntry, searchJsonOf, type InputSummary } from '../../src/dataset/entry.js';
import { manifestRow, manifestRowText } from '../../src/dataset/manifest.js';
import { createRunner } from '../../src/dataset/runner.js';
import { MessageChannel } from 'node:worker_threads';
import { BULK, bulkMessage, bulkText, ingestOnThread, joinEntry, splitEntry, summaryHead, type EntryBulk, type WorkerTask } from '../../src/dataset/worker.js';
import { pipelineFor } from '../../src/ingest.js';
import { pageSource, PreviousBuild, SettledChanges } from '../../src/dataset/changes.js';
import { TextSpool } from '../../src/dataset/set-aside.js';
import type { ArticleChange } from '../../src/generated/changes.js';
import { realFs } from '../../src/io/fs.js';
import { changeFact, indexRowCells } from '../../src/report/html/index.js';
import { jsonForScript } from '../../src/report/html/html.js';
import { SearchIndexText, type SearchEntry } from '../../src/report/html/search.js';
import { repo } from '../helpers.js';
import { loadRecordValidators } from '../../src/core/schemas.js';
import { DataFileChangedError, dataFileKey } from '../../src/core/data.js';
import { build } from '../../src/dataset/build.js';
import { loadPipeline } from '../../src/pipeline.js';
import { loadedFiles } from '../../src/core/pipeline.js';

const pipelineFile = repo('pipelines/digest.json');
/** A task on a fixture, placed in check mode into an empty folder: nothing is written. */
const task = (name: string): WorkerTask => ({
  input: { path: repo(`fixtures/articles/${name}`), id: name.replace(/\..*$/, ''), renamedFrom: null },
  pipelineFile,
  where: { root: mkdtempSync(join(tmpdir(), 'digest-worker-')), staging: '', mode: 'check' },
  prior: { revision: 0, entry: null },
  cache: null,
});

describe('an entry crosses back from a worker thread in two parts', () => {
  it('the bulk (rows, search entry, change) is posted apart, before the entry is returned without it; joined, the entry is whole', async () => {
    const t = task('as-2025.txt');
    const whole = await computeEntry(t.input, pipelineFor(pipelineFile), t.where, undefined, t.prior, t.cache);
    const posted: unknown[] = [];
    const returned = await ingestOnThread(t, { postMessage: (message: unknown) => void posted.push(message) });
    for (const part of ['rows', 'searchJson', 'changeJson', 'manifestRow', 'indexRow', 'made']) expect(part in returned).toBe(false);
    expect(returned.summary).toEqual(summaryHead(whole.summary));
    expect(posted).toHaveLength(1);
    const bulk = (posted[0] as { [BULK]: EntryBulk })[BULK];
    expect(bulk.path).toBe(t.input.path);
    // The summary and the manifest row with the bulk, as JSON text (the row as the manifest holds it), made on the thread that ingested it.
    expect(bulkText(bulk.summaryJson)).toBe(JSON.stringify(whole.summary));
    expect(bulkText(bulk.manifestRow)).toBe(manifestRowText(manifestRow(whole.summary)));
    // Not its review index row: in check mode nothing is set aside, and the build writes each row at the end.
    expect(bulk.indexRow).toBeUndefined();
    expect(Object.keys(bulk.rows).length).toBeGreaterThan(0);
    expect(joinEntry(returned, bulk)).toEqual({ ...whole, made: undefined, searchJson: searchJsonOf(whole) });
  }, 60_000);

  it("a worker's answer, which the pool structured-clones, carries the summary's head and where the files went, under 1 KB; the summary and both rows cross as UTF-8 bytes, moved (was: cloned with it, ~11 KB an article of the bench's, the summary stringified again on the build thread)", async () => {
    const t = task('as-2025.txt');
    const root = mkdtempSync(join(tmpdir(), 'digest-worker-'));
    const where = { root, staging: join(root, 'files'), mode: 'write' as const };
    const posted: [{ [BULK]: EntryBulk }, ArrayBuffer[]][] = [];
    const returned = await ingestOnThread({ ...t, where }, { postMessage: (message: unknown, transfer?: unknown) => void posted.push([message as { [BULK]: EntryBulk }, transfer as ArrayBuffer[]]) });
    const [message, transfer] = posted[0]!;
    const bulk = message[BULK];
    const summary = JSON.parse(bulkText(bulk.summaryJson)!) as InputSummary;
    expect(serialize(returned).length).toBeLessThan(1024);
    // What the answer carried before besides: the summary alone (this fixture's) is over 2 KB cloned.
    expect(serialize(summary).length).toBeGreaterThan(2 * 1024);
    expect(returned.summary).toEqual(summaryHead(summary));
    for (const text of [bulk.summaryJson, bulk.manifestRow, bulk.indexRow]) {
      expect(text).toBeInstanceOf(Uint8Array);
      expect(transfer).toContain((text as Uint8Array).buffer);
    }
    expect(bulkText(bulk.manifestRow)).toBe(manifestRowText(manifestRow(summary)));
    expect(bulkText(bulk.indexRow)).toBe(indexRowCells(manifestRow(summary)).cells);
  }, 60_000);

  it('writing, an entry carries its review index row as the index writes it (indexRowCells of its manifest row); without review pages, none', async () => {
    const t = task('as-2025.txt');
    const root = mkdtempSync(join(tmpdir(), 'digest-worker-'));
    const where = { root, staging: join(root, 'files'), mode: 'write' as const };
    const entry = await computeEntry(t.input, pipelineFor(pipelineFile), where, undefined, t.prior, t.cache);
    expect(entry.indexRow).toBe(indexRowCells(manifestRow(entry.summary)).cells);
    expect(entry.indexRow).toMatch(/^[01]\n<th scope="row" data-label="Article" data-v="as-2025">/);
    const noPages = pipelineFor(pipelineFile);
    const without = await computeEntry(t.input, { ...noPages, write: { ...noPages.write, report: false } }, { ...where, staging: join(root, 'files2') }, undefined, t.prior, t.cache);
    expect(without.indexRow).toBeUndefined();
  }, 60_000);

  it('the bulk crosses threads as UTF-8 bytes, moved (not copied), and reads back as the same text', async () => {
    const t = task('as-2025.txt');
    const whole = await computeEntry(t.input, pipelineFor(pipelineFile), t.where, undefined, t.prior, t.cache);
    const { entry, bulk } = splitEntry(t.input.path, { ...whole, changeJson: '{"id":"as-2025","note":"改动"}' });
    const { message, transfer } = bulkMessage(bulk);
    const sent = message[BULK];
    const { port1, port2 } = new MessageChannel();
    try {
      const arrived = new Promise<EntryBulk>((resolve) => port2.once('message', (m: { [BULK]: EntryBulk }) => resolve(m[BULK])));
      port1.postMessage(message, transfer);
      // Moved: the sender's buffers are empty now.
      // Each table's rows, the search entry, the change, the summary and the manifest row.
      expect(transfer.length).toBe(Object.values(bulk.rows).filter((r) => r.length > 0).length + 4);
      for (const buffer of transfer) expect(buffer.byteLength).toBe(0);
      expect(Object.values(sent.rows).every((r) => r instanceof Uint8Array)).toBe(true);
      const got = await arrived;
      for (const [table, rows] of Object.entries(got.rows)) {
        expect(typeof rows === 'string' ? rows : new TextDecoder().decode(rows)).toBe(bulk.rows[table]);
        if (rows.length > 0) expect(rows).toBeInstanceOf(Uint8Array);
      }
      expect(got.searchJson).toBeInstanceOf(Uint8Array);
      expect(bulkText(got.searchJson)).toBe(bulk.searchJson);
      expect(bulkText(got.changeJson)).toBe('{"id":"as-2025","note":"改动"}');
      expect(joinEntry(entry, got)).toEqual({ ...whole, made: undefined, searchJson: searchJsonOf(whole), changeJson: '{"id":"as-2025","note":"改动"}' });
    } finally {
      port1.close();
    }
  }, 60_000);

  it('asked to prepare, a worker sends the search entry and change made ready to splice, as bytes: spliced, they give what the JSON gave', async () => {
    const store = EntryStore.open(join(mkdtempSync(join(tmpdir(), 'digest-worker-')), 'cache'), { inOutput: false, write: true })!;
    const t = { ...task('as-2025.txt'), cache: store.target('config'), prior: { revision: 1, entry: null } };
    const whole = await computeEntry(t.input, pipelineFor(pipelineFile), t.where, undefined, t.prior, null);
    const posted: { [BULK]: EntryBulk }[] = [];
    const returned = await ingestOnThread({ ...t, prepare: true }, { postMessage: (message: unknown) => void posted.push(message as { [BULK]: EntryBulk }) });
    store.close();
    const { port1, port2 } = new MessageChannel();
    try {
      // What bulkMessage makes of the bulk posted, through a real port.
      const { message, transfer } = bulkMessage(posted[0]![BULK]);
      const arrived = new Promise<EntryBulk>((resolve) => port2.once('message', (m: { [BULK]: EntryBulk }) => resolve(m[BULK])));
      port1.postMessage(message, transfer);
      const got = await arrived;
      // No JSON crosses: the thread had the key, so it made the page's source key too.
      expect(got.searchJson).toBeNull();
      expect(got.changeJson).toBeNull();
      const prepared = got.prepared!;
      expect(prepared.search!.items).toBeInstanceOf(Uint8Array);
      expect(prepared.change!.text).toBeInstanceOf(Uint8Array);
      const change = JSON.parse(whole.changeJson!) as ArticleChange;
      expect(change.status).toBe('new');
      expect(prepared.change!.pageSource).toBe(pageSource(returned.key!, whole.changeJson!));
      expect(bulkText(prepared.change!.fact)).toBe(JSON.stringify(changeFact(change)));
      // PreviousBuild.read validates a manifest: the dataset's validators, which the validate stage no longer loads with the record's.
      await loadRecordValidators();
      const spool = (add: (settled: SettledChanges) => void) => {
        const settled = new SettledChanges(PreviousBuild.read(mkdtempSync(join(tmpdir(), 'digest-empty-'))), new TextSpool(null, realFs));
        add(settled);
        return [...settled.text()].join('');
      };
      expect(spool((s) => s.addText(prepared.change!.head, prepared.change!.text))).toBe(spool((s) => s.add(change)));
      const spliced = new SearchIndexText(jsonForScript);
      spliced.addPrepared(prepared.search!);
      const added = new SearchIndexText(jsonForScript);
      added.add(JSON.parse(searchJsonOf(whole)!) as SearchEntry);
      expect([...spliced.text()].join('')).toBe([...added.text()].join(''));
    } finally {
      port1.close();
    }
  }, 60_000);

  it('a task with a cache target stores the entry in this thread’s pack, and only where it went crosses back, with the entry', async () => {
    const store = EntryStore.open(join(mkdtempSync(join(tmpdir(), 'digest-worker-')), 'cache'), { inOutput: false, write: true })!;
    const t = { ...task('as-2025.txt'), cache: store.target('config') };
    const posted: unknown[] = [];
    const returned = await ingestOnThread(t, { postMessage: (message: unknown) => void posted.push(message) });
    expect(returned.stored).toEqual({ pack: expect.stringMatching(/^\d+-\d+-\d+\.pack$/), offset: 0, length: expect.any(Number) });
    expect(JSON.stringify(posted)).not.toContain('"stored"');
    store.stored(returned.key!, returned.stored!);
    expect(summaryHead(store.meta(returned.key!)!.summary)).toEqual(returned.summary);
    expect(store.meta(returned.key!)?.summary).toEqual(JSON.parse(bulkText((posted[0] as { [BULK]: EntryBulk })[BULK].summaryJson)!));
    store.close();
  }, 60_000);

  it('split and joined again, an entry is the same, a failed one (no change) too', () => {
    const summary = { path: 'in/x.txt' } as never;
    const entries = [
      { summary, rows: { 'items.jsonl': '{"a":1}\n' }, placed: [], searchJson: '{"id":"x"}', changeJson: '{"id":"x"}' },
      { summary, rows: {}, placed: [], searchJson: null },
      { summary, rows: {}, placed: [], searchJson: null, changeJson: null, failure: 'cannot write' },
    ];
    for (const entry of entries) {
      const { entry: small, bulk } = splitEntry('in/x.txt', entry);
      expect('rows' in small).toBe(false);
      expect(joinEntry(small, bulk)).toEqual(entry);
    }
  });

  it('a runner on this thread holds each bulk until it is taken, once', async () => {
    const runner = await createRunner(pipelineFor(pipelineFile), 1, 1);
    expect(runner.threads).toBe(0);
    const t = task('as-2025.txt');
    const entry = await runner.run(t.input, t.where, t.prior, t.cache);
    expect('searchJson' in entry).toBe(false);
    const peeked = runner.peek(t.input.path);
    expect(peeked?.searchJson).toContain('"id":"as-2025"');
    expect(runner.take(t.input.path)).toBe(peeked);
    expect(runner.take(t.input.path)).toBeUndefined();
    await runner.close();
  }, 60_000);

  it('asked to prepare, a runner on this thread hands the search entry and change over made ready to splice, as a worker does (was: as JSON, which the build parsed back)', async () => {
    const runner = await createRunner(pipelineFor(pipelineFile), 1, 1);
    const t = task('as-2025.txt');
    await runner.run(t.input, t.where, t.prior, t.cache, true);
    const bulk = runner.take(t.input.path)!;
    const whole = await computeEntry(t.input, pipelineFor(pipelineFile), t.where, undefined, t.prior, t.cache);
    const fromWorker = splitEntry(t.input.path, whole, true).bulk;
    expect(bulk.searchJson).toBeNull();
    expect(bulk.prepared).toEqual(fromWorker.prepared);
    // The entities as JSON text, not the objects the article's record holds (no slice of its source kept).
    expect(typeof bulk.prepared?.search?.entities).toBe('string');
    expect(bulk.changeJson).toEqual(fromWorker.changeJson);
    await runner.close();
  }, 60_000);
});

describe("a pipeline file or data file changed during a build (a worker's pipeline must be the build's)", () => {
  it('a data file changed after the build thread loaded the pipeline and before a worker did: the build stops (DataFileChangedError, exit 2) naming that file, nothing committed (was: the workers made their records from the changed file, the build thread from the one it loaded; then, the message named the pipeline file)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'digest-worker-changed-'));
    // The pipeline and its data files copied: files the build never keyed, read whole at every load.
    cpSync(repo('pipelines'), join(dir, 'pipelines'), { recursive: true });
    const inputs = join(dir, 'in');
    mkdirSync(inputs);
    const fixtures = readdirSync(repo('fixtures/articles')).sort();
    // 16 inputs: two workers (runner.ts starts one for every 8).
    for (let i = 0; i < 16; i++) cpSync(repo(`fixtures/articles/${fixtures[i % fixtures.length]!}`), join(inputs, `${String(i).padStart(2, '0')}-${fixtures[i % fixtures.length]!}`));
    const pipeline = { ...loadPipeline(join(dir, 'pipelines', 'digest.json')), inputs: [inputs] };
    // An editor's save of the lexicon while the build starts: the workers load the file at their first task.
    appendFileSync(join(dir, 'pipelines', 'data', 'lexicon.json'), '\n');
    const out = join(dir, 'out');
    const built = build({ pipeline, outDir: out, cacheDir: null, concurrency: 2 });
    await expect(built).rejects.toBeInstanceOf(DataFileChangedError);
    await expect(built).rejects.toThrow(`${join(dir, 'pipelines', 'data', 'lexicon.json')}: changed since the build loaded it (the build's records would be of two versions): run the command again`);
    expect(existsSync(join(out, 'manifest.json'))).toBe(false);
  }, 120_000);

  it("a worker whose load differs from the build's in the pipeline file itself names the pipeline file; a worker told no file hashes, the pipeline file as before", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'digest-worker-renamed-'));
    cpSync(repo('pipelines'), join(dir, 'pipelines'), { recursive: true });
    const file = join(dir, 'pipelines', 'digest.json');
    const built = loadPipeline(file);
    const hashes = loadedFiles(built)!.map((loaded) => loaded.read.hash);
    // Six files, the pipeline file first, in the order its fingerprint hashes them.
    expect(loadedFiles(built)!.map((loaded) => loaded.file)).toEqual([file, ...['journals', 'structure', 'html', 'lexicon', 'facts'].map((name) => join(dir, 'pipelines', 'data', `${name}.json`))]);
    // A setting the records depend on (a whitespace-only save changes no fingerprint: the settings are keyed, not the text).
    const raw = JSON.parse(readFileSync(file, 'utf8')) as { stages: { use: string; options?: { maxBytes?: number } }[] };
    raw.stages.find((stage) => stage.use === 'read')!.options!.maxBytes = 1 << 20;
    writeFileSync(file, JSON.stringify(raw, null, 2));
    const port = { postMessage: () => undefined };
    const fixture = { ...task('as-2025.txt'), pipelineFile: file };
    await expect(ingestOnThread(fixture, port, built.fingerprint, hashes)).rejects.toThrow(`${file}: changed since the build loaded it`);
    await expect(ingestOnThread(fixture, port, built.fingerprint)).rejects.toThrow(`${file}: it or a data file it names changed since the build loaded it`);
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it("a worker that loaded the pipeline before a data file it reads when asked changed keeps the bytes it checked against the build's: its later tasks succeed, from the build's data (was: each failed with DataFileChangedError and ran again on the build thread, the build at one thread's speed without a word)", () => {
    // A copy of the built package whose structure.json the build keyed (read at its first ask:
    // src/core/data.ts, READ_WHEN_ASKED) and whose form of its text is absent, so that a worker reads
    // the file's bytes when an article first needs the lists — the bug needs both; the shipped
    // tree's forms are there, and its keys name its own files, which no test may change.
    const pkg = mkdtempSync(join(tmpdir(), 'digest-worker-keyed-'));
    for (const part of ['package.json', 'schemas', 'pipelines', 'assets', 'dist/src', 'dist/data']) cpSync(repo(part), join(pkg, part), { recursive: true });
    symlinkSync(realpathSync(repo('node_modules')), join(pkg, 'node_modules'));
    for (const name of readdirSync(join(pkg, 'dist', 'data'))) if (name.startsWith('structure-text-')) rmSync(join(pkg, 'dist', 'data', name));
    const structure = join(pkg, 'pipelines', 'data', 'structure.json');
    // Read as at the latest time there is: past any settle window, whatever the clock says (the copy was just made).
    const key = dataFileKey(structure, Number.MAX_SAFE_INTEGER)!;
    writeFileSync(join(pkg, 'dist', 'data', 'data-file-keys.json'), JSON.stringify({ files: [key] }));
    const empty = join(pkg, 'empty.txt');
    writeFileSync(empty, '。。。\n');
    // In a process of the copy's modules: the build thread's load (its keys read every byte), then a
    // worker's first task — an input that fails before any stage asks the lists —, the file saved
    // again, and two articles.
    const script = `
      import { appendFileSync } from 'node:fs';
      import { loadPipeline } from './dist/src/pipeline.js';
      import { ingestOnThread } from './dist/src/dataset/worker.js';
      const file = ${JSON.stringify(join(pkg, 'pipelines', 'digest.json'))};
      const fingerprint = loadPipeline(file).fingerprint;
      const task = (path, id) => ({ input: { path, id, renamedFrom: null }, pipelineFile: file, where: { root: ${JSON.stringify(pkg)}, staging: '', mode: 'check' }, prior: { revision: 0, entry: null }, cache: null });
      const port = { postMessage: () => undefined };
      const answers = [];
      const run = (path, id) => ingestOnThread(task(path, id), port, fingerprint).then((e) => answers.push(e.summary.status), (e) => answers.push(e.message));
      await run(${JSON.stringify(empty)}, 'empty');
      appendFileSync(${JSON.stringify(structure)}, '\\n');
      await run(${JSON.stringify(repo('fixtures/articles/as-2025.txt'))}, 'a');
      await run(${JSON.stringify(repo('fixtures/articles/ra-2025.txt'))}, 'b');
      console.log(JSON.stringify(answers));
    `;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: pkg, encoding: 'utf8', timeout: 120_000 });
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual(['failed', 'ok', 'ok']);
    rmSync(pkg, { recursive: true, force: true });
  }, 120_000);
});
