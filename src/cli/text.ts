import type { Block, IngestInput } from '../core/document.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { defaultPipelinePath } from '../core/paths.js';
import { loadPipelineWith, runStages, type AnyStage, type Pipeline } from '../core/pipeline.js';
import type { RuleDefinition } from '../core/rules.js';
import { datasetRuleSource } from '../dataset/rules.js';
import { stageDeclarations } from '../generated/stage-declarations.js';
import { openDocument } from '../open.js';
import { parse } from '../stages/parse.js';
import { read } from '../stages/read.js';

/** The stages `digest text` runs. */
const textStages: Readonly<Record<string, AnyStage>> = { read, parse };

/**
 * Loads a pipeline file for `digest text`, checked exactly as every command checks it (options,
 * order and rules of every stage it names), with only read and parse loaded: the other stages
 * are their declarations (src/generated/stage-declarations.ts), whose code never runs here.
 * Importing every stage was a third of `digest text`'s start-up (issue 17).
 */
export function loadTextPipeline(file: string = defaultPipelinePath): Pipeline {
  let pipeline = textPipelines.get(file);
  if (!pipeline) {
    pipeline = loadWithDeclarations(file);
    textPipelines.set(file, pipeline);
  }
  return pipeline;
}

/** Text pipelines loaded in this process, by path: once per path and process, as ingest's. */
const textPipelines = new Map<string, Pipeline>();

function loadWithDeclarations(file: string): Pipeline {
  const stages: Record<string, AnyStage> = {};
  // Stages that share a rule share its declaration (the loader refuses two different ones).
  const rules = new Map<string, RuleDefinition>();
  for (const [name, declaration] of Object.entries(stageDeclarations)) {
    stages[name] = textStages[name] ?? {
      ...declaration,
      description: '',
      rules: Object.fromEntries(
        Object.entries(declaration.rules).map(([id, facts]) => {
          if (!rules.has(id)) rules.set(id, { ...facts, description: '', example: '' });
          return [id, rules.get(id)!];
        }),
      ),
      run() {
        throw new Error(`stage ${name} is declared, not loaded: digest text runs read and parse only`);
      },
    };
  }
  return loadPipelineWith(file, { stages, rules: [datasetRuleSource] });
}
/**
 * Each pipeline with only its read and parse stages, made once: over the pipeline, not a spread of
 * it, which read its fingerprint (a sha256 of every data file) at each page (issue 17: start-up).
 */
const upToParse = new WeakMap<Pipeline, Pipeline>();

/** One kept block as `digest text --json` prints it. */
export interface TextBlock {
  kind: Block['kind'];
  text: string;
  line: number;
  column: number;
}

/** Runs only the read and parse stages of a pipeline and returns the kept blocks with positions. */
export async function textBlocks(input: IngestInput, pipeline: Pipeline): Promise<{ blocks: TextBlock[]; diagnostics: Diagnostic[]; failed: boolean }> {
  const doc = await openDocument(input, pipeline);
  if (!doc.failed) {
    let stages = upToParse.get(pipeline);
    if (!stages) upToParse.set(pipeline, (stages = Object.create(pipeline, { stages: { value: pipeline.stages.filter((s) => s.definition.name === 'read' || s.definition.name === 'parse') } }) as Pipeline));
    await runStages(doc, stages);
  }
  const blocks = doc.blocks.map((b) => {
    const p = doc.lines.point(b.start);
    return { kind: b.kind, text: b.text, line: p.line, column: p.column };
  });
  return { blocks, diagnostics: doc.diagnostics, failed: doc.failed };
}
