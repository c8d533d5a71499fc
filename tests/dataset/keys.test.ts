import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { build } from '../../src/dataset/build.js';
import { configFingerprint } from '../../src/dataset/keys.js';
import { loadPipeline } from '../../src/pipeline.js';
import { repo } from '../helpers.js';
import { tinyTokenClassifier } from '../support/tiny-models.js';

let root: string | undefined;
afterEach(() => {
  vi.restoreAllMocks();
  if (root !== undefined) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

/** A project at `dir`: the shipped pipeline with the model stages, its data and its models' folder beside it, one model's file in place. */
function modelProject(dir: string): string {
  cpSync(repo('pipelines/data'), join(dir, 'data'), { recursive: true });
  const raw = JSON.parse(readFileSync(repo('pipelines/digest-models.json'), 'utf8')) as { stages: { options?: { model?: string } }[]; $schema?: string };
  for (const stage of raw.stages) if (stage.options?.model !== undefined) stage.options.model = 'models';
  delete raw.$schema;
  writeFileSync(join(dir, 'digest.json'), JSON.stringify(raw, null, 2));
  mkdirSync(join(dir, 'models', 'local', 'ner-zh'), { recursive: true });
  writeFileSync(join(dir, 'models', 'local', 'ner-zh', 'config.json'), '{}');
  return join(dir, 'digest.json');
}

describe("the configuration's part of a cache key", () => {
  it('a project moved with its models, the build run in it, keeps its key: a model is named as its stage names it, relative to the working directory', () => {
    // The models' paths were hashed absolute: a project moved ingested every input again.
    root = mkdtempSync(join(tmpdir(), 'digest-keys-'));
    const from = join(root, 'a', 'p');
    mkdirSync(from, { recursive: true });
    const file = modelProject(from);
    const cwd = vi.spyOn(process, 'cwd').mockReturnValue(from);
    const before = configFingerprint(loadPipeline(file));
    const to = join(root, 'b', 'deeper', 'p');
    mkdirSync(join(to, '..'), { recursive: true });
    renameSync(from, to);
    cwd.mockReturnValue(to);
    expect(configFingerprint(loadPipeline(join(to, 'digest.json')))).toBe(before);
    // Run from another folder, a stage's message (a model missing) names the models' folder otherwise: another key.
    cwd.mockReturnValue(root);
    expect(configFingerprint(loadPipeline(join(to, 'digest.json')))).not.toBe(before);
  });
});

describe("a model's files in the key: their bytes, not their sizes and times", () => {
  /** Every file under `dir`, depth first. */
  const filesUnder = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]));

  it('a model folder copied (new times, the same bytes) reuses every record; one byte changed, its size and time kept, ingests every input again', async () => {
    // Keyed by size and modification time, the copy ingested both inputs again and the edit none.
    const dir = (root = mkdtempSync(join(tmpdir(), 'digest-keys-model-')));
    const model = tinyTokenClassifier({ 茴香脑: 'DRUG' });
    const file = modelProject(dir);
    const raw = JSON.parse(readFileSync(file, 'utf8')) as { stages: { use: string; options?: { modelId?: string } }[] };
    // The tiny model as the recognize stage's; translate's model stays absent (it reports model-missing, as shipped).
    for (const stage of raw.stages) if (stage.use === 'recognize') stage.options!.modelId = model.id;
    writeFileSync(file, JSON.stringify(raw, null, 2));
    const models = join(dir, 'models');
    cpSync(join(model.root, model.id), join(models, model.id), { recursive: true });
    rmSync(model.root, { recursive: true, force: true });
    // Every file at one time of its own, with no clock read.
    const then = new Date(Date.UTC(2001, 0, 1));
    for (const path of filesUnder(models)) utimesSync(path, then, then);
    const inputs = join(dir, 'in');
    mkdirSync(inputs);
    for (const name of ['as-2025.txt', 'ra-2025.txt']) cpSync(repo(`fixtures/articles/${name}`), join(inputs, name));
    const run = () => build({ pipeline: { ...loadPipeline(file), inputs: [inputs] }, outDir: join(dir, 'out'), concurrency: 1 });
    expect((await run()).computed).toBe(2);

    // `cp -r`: the same bytes under new times (another fixed time here).
    renameSync(models, join(dir, 'models-before'));
    cpSync(join(dir, 'models-before'), models, { recursive: true });
    const copied = new Date(Date.UTC(2002, 0, 1));
    for (const path of filesUnder(models)) utimesSync(path, copied, copied);
    const afterCopy = await run();
    expect([afterCopy.computed, afterCopy.reused]).toEqual([0, 2]);

    // One byte of the ONNX file changed (its producer's name: the model answers as before), its size and time as they were.
    const onnx = filesUnder(models).find((path) => path.endsWith('.onnx'))!;
    const bytes = readFileSync(onnx);
    const at = bytes.indexOf('digest-ingest tests');
    expect(at).toBeGreaterThan(0);
    bytes[at] = 'D'.charCodeAt(0);
    const { size } = statSync(onnx);
    writeFileSync(onnx, bytes);
    utimesSync(onnx, copied, copied);
    expect([statSync(onnx).size, statSync(onnx).mtimeMs]).toEqual([size, copied.getTime()]);
    const afterEdit = await run();
    expect([afterEdit.computed, afterEdit.reused]).toEqual([2, 0]);
  }, 240_000);
});
