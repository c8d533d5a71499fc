import { existsSync, mkdtempSync, readFileSync, writeFileSync, cpSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { DigestDocument } from '../../src/core/document.js';
import { disposeModels } from '../../src/core/models.js';
import { runStages, type Pipeline } from '../../src/core/pipeline.js';
import { ingestDetailed } from '../../src/ingest.js';
import { spansFromTokens } from '../../src/stages/recognize.js';
import { tinyTokenClassifier, tinyTranslator } from '../support/tiny-models.js';
import { items, pipeline, repo } from '../helpers.js';

/** The default pipeline with one optional stage inserted after `after`, configured. */
function withStage(use: 'recognize' | 'translate', options: Record<string, unknown>, after: string): Pipeline {
  const p = pipeline();
  const stages = [...p.stages];
  const at = stages.findIndex((s) => s.definition.name === after) + 1;
  return { ...p, file: join(mkdtempSync(join(tmpdir(), 'pipe-')), 'p.json'), stages: [...stages.slice(0, at), configured(use, options), ...stages.slice(at)] };
}

function configured(use: 'recognize' | 'translate', options: Record<string, unknown>) {
  // Loaded lazily so the import graph of the other tests stays model-free.
  const stage = use === 'recognize' ? recognizeStage : translateStage;
  return { definition: stage as never, options: { ...(stage as { defaults: object }).defaults, ...options }, state: (stage as { createState?: () => unknown }).createState?.() };
}

const { recognize: recognizeStage } = await import('../../src/stages/recognize.js');
const { translate: translateStage } = await import('../../src/stages/translate.js');

async function run(text: string, p: Pipeline, name = 'x.txt') {
  const doc = new DigestDocument({ name });
  doc.bytes = new TextEncoder().encode(text);
  await runStages(doc, p);
  return doc;
}

afterEach(() => disposeModels());

describe('recognize: token spans', () => {
  it('rebuilds character offsets from words and merges B-/I- tags', () => {
    const tokens = [
      { entity: 'B-CELL', score: 0.9, index: 1, word: '干' },
      { entity: 'I-CELL', score: 0.9, index: 2, word: '细' },
      { entity: 'I-CELL', score: 0.9, index: 3, word: '胞' },
      { entity: 'B-MOLECULE', score: 0.9, index: 5, word: 'nano' },
      { entity: 'I-MOLECULE', score: 0.9, index: 6, word: '##gel' },
      { entity: 'B-DRUG', score: 0.2, index: 8, word: '药' },
    ];
    expect(spansFromTokens('用干细胞和Nanogel,药', tokens, 0.5)).toEqual([
      { start: 1, end: 4, label: 'CELL' },
      { start: 5, end: 12, label: 'MOLECULE' },
    ]);
  });
});

describe('recognize with a tiny local model (real transformers.js pipeline, offline)', () => {
  it('adds model entities with exact offsets; the lexicon wins where both tag', async () => {
    const model = tinyTokenClassifier({ 茴香脑: 'DRUG', 纳米粒: 'MOLECULE', 微球: 'MOLECULE' });
    const p = withStage('recognize', { model: model.root, modelId: model.id }, 'entities');
    const text = '2025年3月干细胞治疗最新临床进展\n3月5日,研究使用茴香脑和纳米粒治疗患者。\n随后又用微球。\n';
    const doc = await run(text, p);
    const byText = Object.fromEntries(doc.entities.flatMap((e) => e.mentions.map((m) => [m.text, e.id])));
    expect(byText['纳米粒']).toMatch(/^molecule:model-[0-9a-f]{10}$/);
    expect(byText['微球']).toMatch(/^molecule:model-[0-9a-f]{10}$/);
    // Both the lexicon and the model tag 茴香脑: one mention, the lexicon's concept.
    expect(doc.entities.filter((e) => e.mentions.some((m) => m.text === '茴香脑')).map((e) => e.id)).toEqual(['drug:trans-anethole']);
    for (const e of doc.entities) for (const m of e.mentions) expect(doc.text.slice(m.start, m.end)).toBe(m.text);
    expect(items(doc)[0]?.entities.map((m) => m.text)).toEqual(['茴香脑', '纳米粒', '微球']);
    expect(doc.diagnostics.filter((d) => d.rule === 'model-failed')).toEqual([]);
  });

  it('without a configured model: one diagnostic, nothing else changes', async () => {
    const p = withStage('recognize', {}, 'entities');
    const doc = await run('2025年3月干细胞治疗最新临床进展\n3月5日,研究使用茴香脑。\n', p);
    expect(doc.diagnostics.filter((d) => d.rule === 'model-missing').map((d) => d.severity)).toEqual(['warning']);
    expect(doc.entities.map((e) => e.id)).toEqual(['cell:stem-cell', 'drug:trans-anethole']);
  });
});

describe('translate with a tiny local model (real encoder/decoder loading and generation, offline)', () => {
  it('translates item and section prose, and caches by text hash', async () => {
    const model = tinyTranslator(['stem', 'cell', 'therapy']);
    const p = withStage('translate', { model: model.root, modelId: model.id }, 'facts');
    const text = '导语:干细胞疗法进展迅速。\n2025年3月干细胞治疗最新临床进展\n3月5日,研究显示疗效。[1]\n该研究纳入患者。\n';
    const first = await run(text, p);
    expect(first.sections[0]?.textEn).toBe('stem cell therapy');
    expect(items(first)[0]?.textEn).toBe('stem cell therapy\nstem cell therapy');
    expect(first.diagnostics.find((d) => d.rule === 'translation-stats')?.message).toBe('translated 3 paragraph(s): 3 by the model, 0 from the cache');
    const second = await run(text, p);
    expect(second.diagnostics.find((d) => d.rule === 'translation-stats')?.message).toBe('translated 3 paragraph(s): 0 by the model, 3 from the cache');
  });

  it('without the model: one clear diagnostic and the rest of the record intact', async () => {
    const p = withStage('translate', { model: join(tmpdir(), 'no-such-models'), modelId: 'Xenova/opus-mt-zh-en' }, 'facts');
    const text = readFileSync(repo('fixtures/articles/as-2025.txt'), 'utf8');
    const doc = await run(text, p, 'as-2025.txt');
    const missing = doc.diagnostics.filter((d) => d.rule === 'model-missing');
    expect(missing).toHaveLength(1);
    expect(missing[0]?.message).toContain('models are never downloaded: put an ONNX export at');
    expect(missing[0]?.message).toContain('onnx/encoder_model_quantized.onnx');
    const plain = await ingestDetailed({ text, name: 'as-2025.txt' }, { pipeline: pipeline() });
    expect(items(doc).map((i) => [i.date, i.citations, i.textEn ?? null])).toEqual(items(plain.record).map((i) => [i.date, i.citations, null]));
    expect(doc.failed).toBe(false);
  });
});

describe('start-up stays lazy', () => {
  // A resolve hook that refuses the model runtime: any attempt to load it fails loudly.
  const hook = `data:text/javascript,export async function resolve(s, c, n) { if (s.includes('@xenova/transformers') || s.includes('onnxruntime')) throw new Error('MODEL RUNTIME LOADED: ' + s); return n(s, c); }`;
  const script = (pipelineFile: string) =>
    `import { register } from 'node:module'; register(${JSON.stringify(hook)}); const { main } = await import(${JSON.stringify(repo('dist/src/cli/main.js'))}); process.exitCode = await main(['build', '--pipeline', ${JSON.stringify(pipelineFile)}, '--verbose']);`;
  const project = () => {
    const dir = mkdtempSync(join(tmpdir(), 'lazy-'));
    cpSync(repo('pipelines'), join(dir, 'pipelines'), { recursive: true });
    mkdirSync(join(dir, 'fixtures', 'articles'), { recursive: true });
    cpSync(repo('fixtures/articles/as-2025.txt'), join(dir, 'fixtures', 'articles', 'as-2025.txt'));
    return dir;
  };

  it('a build with no model configured never loads @xenova/transformers', () => {
    const dir = project();
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script('pipelines/digest.json')], { cwd: dir, encoding: 'utf8' });
    expect(r.stderr).not.toContain('MODEL RUNTIME LOADED');
    expect(r.status).toBe(0);
    expect(existsSync(join(dir, 'out', 'articles', 'as-2025.json'))).toBe(true);
  });

  it('(control) the hook does catch a load when a model stage is configured', () => {
    const dir = project();
    const model = tinyTranslator(['stem']);
    const file = join(dir, 'pipelines', 'with-model.json');
    const p = JSON.parse(readFileSync(join(dir, 'pipelines', 'digest.json'), 'utf8'));
    p.stages.splice(p.stages.length - 2, 0, { use: 'translate', options: { model: model.root, modelId: model.id } });
    writeFileSync(file, JSON.stringify(p));
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script('pipelines/with-model.json')], { cwd: dir, encoding: 'utf8' });
    expect(r.stderr).toContain('MODEL RUNTIME LOADED');
    expect(r.stderr).toContain('[model-missing]');
  });
});

describe('the model runtime is the user’s to add', () => {
  it('is no dependency of the package (a devDependency here, for these tests)', () => {
    const pkg = JSON.parse(readFileSync(repo('package.json'), 'utf8'));
    for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies']) expect(Object.keys(pkg[field] ?? {})).not.toContain('@xenova/transformers');
    expect(Object.keys(pkg.devDependencies)).toContain('@xenova/transformers');
  });

  it('absent, a configured model stage says exactly how to add it (model-runtime-missing) and the record is otherwise made', () => {
    // As in a project that never installed it: resolving the package fails the way Node fails.
    const absent = `data:text/javascript,export async function resolve(s, c, n) { if (s === '@xenova/transformers') { const e = new Error("Cannot find package '@xenova/transformers' imported from x"); e.code = 'ERR_MODULE_NOT_FOUND'; throw e; } return n(s, c); }`;
    const dir = mkdtempSync(join(tmpdir(), 'runtime-'));
    const model = tinyTranslator(['stem']);
    const p = JSON.parse(readFileSync(repo('pipelines/digest.json'), 'utf8'));
    p.stages.splice(p.stages.length - 2, 0, { use: 'translate', options: { model: model.root, modelId: model.id } });
    p.data = Object.fromEntries(Object.entries(p.data as Record<string, string>).map(([k, v]) => [k, repo(`pipelines/${v}`)]));
    delete p.$schema;
    writeFileSync(join(dir, 'p.json'), JSON.stringify(p));
    const code = `import { register } from 'node:module'; register(${JSON.stringify(absent)}); const { main } = await import(${JSON.stringify(repo('dist/src/cli/main.js'))}); process.exitCode = await main(['ingest', ${JSON.stringify(repo('fixtures/articles/as-2025.txt'))}, '--pipeline', 'p.json', '--stdout']);`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: dir, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      'warning: the model runtime is not installed, so the translation model is not run; to add it: npm install @xenova/transformers@2.17 --save, with "overrides": {"sharp": "^0.33.5"} in package.json',
    );
    expect(r.stderr).toContain('[model-runtime-missing]');
    expect(JSON.parse(r.stdout).id).toBe('as-2025');
  });
});

describe('pipelines/digest-models.json', () => {
  it('is a valid pipeline whose model stages report their absence and change nothing else', async () => {
    const { loadPipeline } = await import('../../src/pipeline.js');
    const p = loadPipeline(repo('pipelines/digest-models.json'));
    expect(p.stages.map((s) => s.definition.name)).toEqual(['read', 'parse', 'segment', 'references', 'link', 'entities', 'recognize', 'label', 'facts', 'translate', 'language', 'validate']);
    const { record, ok } = await ingestDetailed({ path: repo('fixtures/articles/as-2025.txt') }, { pipeline: p });
    expect(ok).toBe(true);
    expect(record.diagnostics.filter((d) => d.rule === 'model-missing').map((d) => d.source).sort()).toEqual(['recognize', 'translate']);
    expect(record.diagnostics.find((d) => d.source === 'translate')?.message).toContain('not found in models (missing');
  });
});
