import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pipeline } from '../../src/core/pipeline.js';
import { shardOf } from '../../src/dataset/ids.js';
import { walkInputs } from '../../src/io/inputs.js';
import { loadPipeline } from '../../src/pipeline.js';
import { repo } from '../helpers.js';

/** A throw-away project: inputs, a pipeline file using the package's data, and an out/ of its own — never the repository's. */
export interface Project {
  dir: string;
  inputs: string;
  out: string;
  pipelineFile: string;
  pipeline(): Pipeline;
  /** Runs the built CLI in the project folder with this project's pipeline. */
  digest(...args: string[]): SpawnSyncReturns<string>;
}

/**
 * Makes a project in a temporary folder with the given fixture articles as inputs (copied under
 * `in/`); `options` change the pipeline file (say, `maxBytes` of the read stage) or name the folder (made if absent).
 */
export function makeProject(fixtures: readonly string[], options: { maxBytes?: number; inputs?: string[]; dir?: string } = {}): Project {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'digest-house-'));
  mkdirSync(dir, { recursive: true });
  const inputs = join(dir, 'in');
  mkdirSync(inputs);
  for (const name of fixtures) cpSync(repo(`fixtures/articles/${name}`), join(inputs, name));
  const raw = JSON.parse(readFileSync(repo('pipelines/digest.json'), 'utf8'));
  raw.inputs = options.inputs ?? [inputs];
  raw.out = join(dir, 'out');
  raw.data = Object.fromEntries(Object.entries(raw.data as Record<string, string>).map(([k, v]) => [k, repo(`pipelines/${v}`)]));
  if (options.maxBytes !== undefined) raw.stages.find((s: { use: string }) => s.use === 'read').options.maxBytes = options.maxBytes;
  delete raw.$schema;
  const pipelineFile = join(dir, 'pipeline.json');
  writeFileSync(pipelineFile, JSON.stringify(raw));
  return {
    dir,
    inputs,
    out: join(dir, 'out'),
    pipelineFile,
    pipeline: () => loadPipeline(pipelineFile),
    digest: (...args) => spawnSync(process.execPath, [repo('bin/digest.js'), ...args, ...(['build', 'ingest', 'text'].includes(args[0]!) ? ['--pipeline', pipelineFile] : [])], { cwd: dir, encoding: 'utf8', timeout: 120_000 }),
  };
}

/**
 * Makes projects with `make` until each of `count` shards holds at least `atLeast` of the
 * project's inputs, and returns that one (the others are deleted). A shard takes its inputs by a
 * hash of their paths, and a test project's paths hold its temporary folder's random name: without
 * this, a test of sharding would fail for the few folder names (one in a few hundred) that put too
 * few inputs in a shard. The split is computed as the build computes it (walkInputs, shardOf).
 */
export function withInputsInEveryShard<T extends { dir: string; pipeline(): Pipeline }>(make: () => T, count: number, atLeast = 1): T {
  for (let attempt = 0; attempt < 50; attempt++) {
    const project = make();
    const pipeline = project.pipeline();
    const sizes = new Array<number>(count).fill(0);
    for (const path of walkInputs(pipeline.inputs, { extensions: pipeline.extensions }).paths) sizes[shardOf(path, count)]!++;
    if (sizes.every((size) => size >= atLeast)) return project;
    rmSync(project.dir, { recursive: true, force: true });
  }
  throw new Error(`no project in 50 put ${atLeast} or more inputs in each of ${count} shards`);
}
