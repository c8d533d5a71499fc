import { constants, createReadStream, openSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { ConfigError } from '../core/errors.js';
import { loadRecordValidators, validatorFor } from '../core/schemas.js';
import type { ArticleRecord } from '../generated/article.js';
import type { ArticleChange } from '../generated/changes.js';
import type { DatasetManifest, ManifestInput } from '../generated/manifest.js';
import { readPlainFile } from '../io/files.js';
import { renderArticlePage } from '../report/html/article.js';
import { renderIndexPage } from '../report/html/index.js';
import { searchEntry, SearchIndexBuilder } from '../report/html/search.js';
import { articleDigest, CHANGES, decideChange, PreviousBuild } from './changes.js';
import { manifestText, type Totals } from './manifest.js';
import { MANIFEST } from './ownership.js';
import { TABLES } from './tables.js';
import { withChanged } from './file-names.js';
import { DatasetWriter, type OutputReport } from './writer.js';

/** Options of {@link merge}. */
export interface MergeOptions {
  /** The output folders of the N shard builds, in any order. */
  shards: readonly string[];
  outDir: string;
  /** Compare with the folder instead of writing. */
  check?: boolean;
}

/** What a merge did. */
export interface MergeResult extends OutputReport {
  outDir: string;
  inputs: number;
  records: number;
}

/**
 * A shard's manifest, validated against schemas/manifest.schema.json: a hand-edited or foreign
 * manifest is a configuration error naming the file and the JSON pointer, never trusted.
 */
function readShardManifest(dir: string): DatasetManifest {
  const file = join(dir, MANIFEST);
  let value: unknown;
  try {
    const read = readPlainFile(file, 1 << 30);
    if (!read.bytes) throw new Error(read.kind === 'absent' ? 'ENOENT' : `not a regular file (${read.kind})`);
    value = JSON.parse(read.bytes.toString('utf8'));
  } catch (error) {
    throw new ConfigError(`${file}: not a dataset manifest (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const valid = validatorFor<DatasetManifest>('manifest');
  if (!valid(value)) {
    const [e] = valid.errors();
    throw new ConfigError(`${file}: not a dataset manifest of this digest (schemas/manifest.schema.json): ${e?.pointer || '/'}: ${e?.message}`);
  }
  if (!value.shard) throw new ConfigError(`${file}: not a shard (build it with --shard K/N)`);
  return value;
}

/** Lines of a JSON Lines file, one at a time, with their numbers (never read through a link). */
async function* linesOf(path: string): AsyncGenerator<{ line: string; number: number }> {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    throw new ConfigError(`${path}: cannot read the shard's table (${(error as NodeJS.ErrnoException).code})`);
  }
  // The stream owns the descriptor from here on, and closes it.
  const stream = createReadStream('', { fd });
  const rl = createInterface({ input: stream, crlfDelay: Infinity });
  let number = 0;
  try {
    for await (const line of rl) {
      number++;
      if (line) yield { line, number };
    }
  } finally {
    rl.close();
    stream.destroy();
  }
}

/**
 * Joins the outputs of `digest build --shard K/N` for K = 1..N into the dataset one build
 * would have written, byte for byte: every shard manifest validated; the records and source
 * pages each one lists copied; the article pages, the change view and the index made from the
 * records against the dataset already in `outDir` — "the previous build" of a merge is what its
 * folder holds, as for a build into that folder; tables merged in id order (each shard's are sorted and ids are planned
 * over all inputs, so they never collide), each row checked against its schema; the manifest
 * rebuilt. Written through the same transaction as a build: nothing changes until all is staged.
 */
export async function merge(options: MergeOptions): Promise<MergeResult> {
  if (options.shards.length === 0) throw new ConfigError('merge needs the output folders of the shards');
  const dirs = options.shards.map((d) => resolve(d));
  await loadRecordValidators();
  const manifests = dirs.map(readShardManifest);
  const first = manifests[0]!;
  const count = first.shard!.count;
  const seen = new Map<number, string>();
  manifests.forEach((m, i) => {
    const where = join(dirs[i]!, MANIFEST);
    if (m.schemaVersion !== first.schemaVersion || m.pipeline !== first.pipeline) throw new ConfigError(`${where}: made by pipeline ${m.pipeline} (schema ${m.schemaVersion}), not ${first.pipeline} (schema ${first.schemaVersion})`);
    if (m.shard!.count !== count || m.shard!.plan !== first.shard!.plan) throw new ConfigError(`${where}: shard ${m.shard!.index}/${m.shard!.count} of a different build (other inputs or shard count)`);
    if (seen.has(m.shard!.index)) throw new ConfigError(`${where}: shard ${m.shard!.index}/${count} given twice (also ${seen.get(m.shard!.index)})`);
    seen.set(m.shard!.index, where);
  });
  const absent = Array.from({ length: count }, (_, i) => i + 1).filter((k) => !seen.has(k));
  if (absent.length) throw new ConfigError(`shards ${absent.map((k) => `${k}/${count}`).join(', ')} are missing`);

  const rows: ManifestInput[] = manifests.flatMap((m) => m.inputs).sort((a, b) => (a.path < b.path ? -1 : 1));
  const writer = await DatasetWriter.open(options.outDir, { mode: options.check ? 'check' : 'write', command: 'merge' });
  try {
    // Records and source pages: exactly the files each shard's manifest lists, in name order.
    // Article pages show each article's change against the dataset this merge replaces (as one
    // build into this folder would), so they are made again here from the records.
    const previous = PreviousBuild.read(writer.root, (rel) => writer.owns(rel));
    const ids = new Set(rows.filter((r) => r.status === 'ok' && r.id !== null).map((r) => r.id!));
    const articlePage = /^report\/[a-z0-9][a-z0-9-]{0,99}\.html$/;
    const copies = dirs.flatMap((dir, i) =>
      manifests[i]!.files.filter((rel) => rel.startsWith('articles/') || (rel.startsWith('report/') && rel !== 'report/index.html')).map((rel) => ({ dir, rel, pages: manifests[i]!.files.includes('report/index.html') })),
    );
    copies.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
    const changes: ArticleChange[] = [];
    const search = new SearchIndexBuilder();
    const validRecord = validatorFor<ArticleRecord>('article');
    for (const { dir, rel, pages } of copies) {
      if (articlePage.test(rel)) continue;
      const read = readPlainFile(join(dir, rel), 1 << 30);
      if (!read.bytes) throw new ConfigError(`${join(dir, rel)}: listed in the shard's manifest but ${read.kind === 'absent' ? 'missing' : `not a regular file (${read.kind})`}`);
      await writer.file(rel, '', read.bytes);
      if (!rel.startsWith('articles/')) continue;
      let record: unknown;
      try {
        record = JSON.parse(read.bytes.toString('utf8'));
      } catch {
        throw new ConfigError(`${join(dir, rel)}: not JSON`);
      }
      if (!validRecord(record)) throw new ConfigError(`${join(dir, rel)}: not a record of this digest (schemas/article.schema.json): ${validRecord.errors()[0]?.pointer || '/'}: ${validRecord.errors()[0]?.message}`);
      const change = decideChange(previous.priorFor(record.id, record.source.path, ids), articleDigest(record));
      changes.push(change);
      search.add(searchEntry(record));
      if (pages) await writer.file(`report/${record.id}.html`, '', renderArticlePage(record, { change }));
    }
    for (const table of TABLES) {
      const sink = writer.table(table.name, '');
      if (!sink) continue;
      const valid = validatorFor<{ article: string }>(table.schema);
      const sources = dirs.map((d) => ({ path: join(d, table.name), lines: linesOf(join(d, table.name)) }));
      const articleOf = (path: string, { line, number }: { line: string; number: number }): string => {
        let value: unknown;
        try {
          value = JSON.parse(line);
        } catch {
          throw new ConfigError(`${path}:${number}: not JSON`);
        }
        if (!valid(value)) throw new ConfigError(`${path}:${number}: not a row of ${table.name}: ${valid.errors()[0]?.pointer || '/'}: ${valid.errors()[0]?.message}`);
        return value.article;
      };
      const heads = await Promise.all(sources.map(async (s) => {
        const next = await s.lines.next();
        return next.done ? null : { ...next.value, article: articleOf(s.path, next.value) };
      }));
      for (;;) {
        let best = -1;
        heads.forEach((h, i) => {
          if (h && (best === -1 || h.article < heads[best]!.article)) best = i;
        });
        if (best === -1) break;
        // All of one article's rows are contiguous in its shard.
        const article = heads[best]!.article;
        while (heads[best] && heads[best]!.article === article) {
          sink.write(`${heads[best]!.line}\n`);
          const next = await sources[best]!.lines.next();
          heads[best] = next.done ? null : { ...next.value, article: articleOf(sources[best]!.path, next.value) };
        }
      }
      await sink.close('');
    }
    const totals: Totals = { items: 0, references: 0, entities: 0 };
    for (const m of manifests) {
      totals.items += m.totals.items;
      totals.references += m.totals.references;
      totals.entities += m.totals.entities;
    }
    const withReport = manifests.some((m) => m.files.includes('report/index.html'));
    const changeView = previous.next(changes);
    writer.expect(CHANGES);
    if (withReport) writer.expect('report/index.html');
    await writer.file(MANIFEST, '', manifestText(first.pipeline, rows, totals, writer.files()));
    await writer.file(CHANGES, '', changeView.text);
    if (withReport) await writer.file('report/index.html', '', renderIndexPage(rows, first.pipeline, { changes: changeView.value, search: search.build() }));
    const report = writer.commit(true);
    return withChanged(report, { outDir: resolve(options.outDir), inputs: rows.length, records: rows.filter((r) => r.status === 'ok').length });
  } finally {
    writer.abort();
  }
}
