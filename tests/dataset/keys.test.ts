import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { configFingerprint } from '../../src/dataset/keys.js';
import { loadPipeline } from '../../src/pipeline.js';
import { repo } from '../helpers.js';

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
