import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTextPipeline, textBlocks } from '../../src/cli/text.js';
import { loadPipeline } from '../../src/pipeline.js';
import { repo } from '../helpers.js';

type Raw = { stages: { use: string; options?: Record<string, unknown> }[]; rules?: Record<string, string> };

/** A copy of the default pipeline and its data, edited. */
function pipelineFile(edit: (raw: Raw) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'text-pipeline-'));
  cpSync(repo('pipelines'), join(dir, 'pipelines'), { recursive: true });
  const file = join(dir, 'pipelines', 'digest.json');
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Raw;
  edit(raw);
  writeFileSync(file, JSON.stringify(raw, null, 2));
  return file;
}

function errorOf(load: () => unknown): string {
  try {
    load();
  } catch (error) {
    return (error as Error).message;
  }
  return 'loaded';
}

describe("digest text's pipeline (read and parse loaded, every other stage declared only)", () => {
  it('is checked exactly as every command checks it: the same message for each mistake', () => {
    const mistakes: ((raw: Raw) => void)[] = [
      (raw) => void (raw.rules = { 'item-uncited': 'sideways' }),
      (raw) => void (raw.rules = { 'stage-crashed': 'warning' }),
      (raw) => void (raw.rules = { 'model-missing': 'off' }),
      (raw) => void (raw.stages.find((s) => s.use === 'references')!.options = { maxReferences: 'many' }),
      (raw) => void (raw.stages.find((s) => s.use === 'entities')!.options = { nope: true }),
      (raw) => void raw.stages.reverse(),
      (raw) => void raw.stages.push({ use: 'link' }),
    ];
    for (const mistake of mistakes) {
      const file = pipelineFile(mistake);
      const expected = errorOf(() => loadPipeline(file));
      expect(expected).not.toBe('loaded');
      expect(errorOf(() => loadTextPipeline(file))).toBe(expected);
    }
  });

  it('accepts what every command accepts, with the same options and rules; the other stages never run here', () => {
    const file = pipelineFile((raw) => void (raw.rules = { 'item-uncited': 'off', 'reference-placeholder': 'info' }));
    const full = loadPipeline(file);
    const text = loadTextPipeline(file);
    expect(text.stages.map((s) => [s.definition.name, s.options])).toEqual(full.stages.map((s) => [s.definition.name, s.options]));
    expect(text.rules).toEqual(full.rules);
    expect(text.stages.find((s) => s.definition.name === 'parse')!.definition).toBe(full.stages.find((s) => s.definition.name === 'parse')!.definition);
    expect(() => text.stages.find((s) => s.definition.name === 'link')!.definition.run(null as never, null as never)).toThrow(/declared, not loaded/);
  });

  it('runs read and parse without hashing the data: the pipeline\'s fingerprint is never read for a page (issue 17: start-up)', async () => {
    // The fingerprint (a sha256 of the pipeline file and every data file) keys a build's cache;
    // a page's blocks never need it, and reading it cost every page a hash of ~200 KB.
    const loaded = loadTextPipeline(repo('pipelines/digest.json'));
    let reads = 0;
    const counted = Object.defineProperty({ ...loaded }, 'fingerprint', { get: () => (reads++, 'x'), enumerable: true });
    const page = { bytes: readFileSync(repo('fixtures/extraction/zh/hospital-aspnet.html')), name: 'hospital-aspnet.html' };
    const first = await textBlocks(page, counted);
    const again = await textBlocks(page, counted);
    expect(reads).toBe(0);
    expect(first.blocks.length).toBeGreaterThan(0);
    expect(again).toEqual(first);
  });
});
