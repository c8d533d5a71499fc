import { createReadStream } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { ConfigError } from '../core/errors.js';
import { manifest, TABLES } from './build.js';
import { DatasetOutput, type OutputReport } from './output.js';
import { renderIndexPage, type IndexRow } from '../report/html/index.js';

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

interface ShardManifest {
  schemaVersion: string;
  pipeline: string;
  shard?: { index: number; count: number; plan: string };
  inputs: Record<string, unknown>[];
  totals: { items: number; references: number; entities: number };
}

async function readManifest(dir: string): Promise<ShardManifest> {
  const file = join(dir, 'manifest.json');
  let value: ShardManifest;
  try {
    value = JSON.parse(await readFile(file, 'utf8')) as ShardManifest;
  } catch (error) {
    throw new ConfigError(`${file}: not a dataset manifest (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  if (!value.shard) throw new ConfigError(`${file}: not a shard (build it with --shard K/N)`);
  return value;
}

/** Lines of a JSON Lines file, one at a time. */
async function* linesOf(path: string): AsyncGenerator<string> {
  const rl = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of rl) if (line) yield line;
}

/**
 * Joins the outputs of `digest build --shard K/N` for K = 1..N into the dataset one build
 * would have written, byte for byte: records copied, tables merged in id order (each shard's
 * are sorted and ids are planned over all inputs, so they never collide), manifest rebuilt.
 */
export async function merge(options: MergeOptions): Promise<MergeResult> {
  if (options.shards.length === 0) throw new ConfigError('merge needs the output folders of the shards');
  const dirs = options.shards.map((d) => resolve(d));
  const manifests = await Promise.all(dirs.map(readManifest));
  const first = manifests[0]!;
  const count = first.shard!.count;
  const seen = new Map<number, string>();
  manifests.forEach((m, i) => {
    const where = join(dirs[i]!, 'manifest.json');
    if (m.schemaVersion !== first.schemaVersion || m.pipeline !== first.pipeline) throw new ConfigError(`${where}: made by pipeline ${m.pipeline} (schema ${m.schemaVersion}), not ${first.pipeline} (schema ${first.schemaVersion})`);
    if (m.shard!.count !== count || m.shard!.plan !== first.shard!.plan) throw new ConfigError(`${where}: shard ${m.shard!.index}/${m.shard!.count} of a different build (other inputs or shard count)`);
    if (seen.has(m.shard!.index)) throw new ConfigError(`${where}: shard ${m.shard!.index}/${count} given twice (also ${seen.get(m.shard!.index)})`);
    seen.set(m.shard!.index, where);
  });
  const absent = Array.from({ length: count }, (_, i) => i + 1).filter((k) => !seen.has(k));
  if (absent.length) throw new ConfigError(`shards ${absent.map((k) => `${k}/${count}`).join(', ')} are missing`);

  const rows = manifests.flatMap((m) => m.inputs).sort((a, b) => ((a.path as string) < (b.path as string) ? -1 : 1));
  const output = new DatasetOutput(options.outDir, options.check ? 'check' : 'write', {});
  await output.open();
  for (const dir of dirs) {
    for (const name of (await readdir(join(dir, 'articles')).catch(() => [] as string[])).sort()) {
      if (name.endsWith('.json')) await output.file(`articles/${name}`, '', () => readFile(join(dir, 'articles', name), 'utf8'));
    }
  }
  for (const dir of dirs) {
    for (const name of (await readdir(join(dir, 'report')).catch(() => [] as string[])).sort()) {
      if (name.endsWith('.html') && name !== 'index.html') await output.file(`report/${name}`, '', () => readFile(join(dir, 'report', name)));
    }
  }
  for (const table of TABLES) {
    const sink = await output.table(table, '');
    if (!sink) continue;
    const sources = dirs.map((d) => linesOf(join(d, table)));
    const heads = await Promise.all(sources.map((s) => s.next()));
    const articleOf = (line: string) => (JSON.parse(line) as { article: string }).article;
    for (;;) {
      let best = -1;
      let bestId = '';
      heads.forEach((h, i) => {
        if (h.done) return;
        const id = articleOf(h.value);
        if (best === -1 || id < bestId) {
          best = i;
          bestId = id;
        }
      });
      if (best === -1) break;
      // All of one article's rows are contiguous in its shard.
      while (!heads[best]!.done && articleOf(heads[best]!.value as string) === bestId) {
        await sink.write(`${heads[best]!.value as string}\n`);
        heads[best] = await sources[best]!.next();
      }
    }
    await sink.close();
  }
  const totals = { items: 0, references: 0, entities: 0 };
  for (const m of manifests) {
    totals.items += m.totals.items;
    totals.references += m.totals.references;
    totals.entities += m.totals.entities;
  }
  await output.file('manifest.json', '', manifest(first.pipeline, rows, totals));
  const withReport = (await Promise.all(dirs.map((d) => readdir(join(d, 'report')).then(() => true, () => false)))).some(Boolean);
  if (withReport) await output.file('report/index.html', '', renderIndexPage(rows as unknown as IndexRow[], first.pipeline));
  const report = await output.close(['articles', 'report']);
  return { ...report, outDir: resolve(options.outDir), inputs: rows.length, records: rows.filter((r) => r.status === 'ok').length };
}
