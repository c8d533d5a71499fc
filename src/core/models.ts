import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { RuleTable } from './rules.js';

/**
 * The rules of the stages that run a model, shared (one definition each): both model stages
 * declare this same table, and the rule registry lists each rule once with both stages.
 */
export const modelRules = {
  'model-missing': {
    severity: 'warning',
    description: 'The stage has no model configured, or its folder lacks a file, or the model runtime failed to load; the stage adds nothing.',
    example: 'pipelines/digest-models.json without the models/ folder',
  },
  'model-runtime-missing': {
    severity: 'warning',
    description: 'A model stage is configured but the model runtime (@xenova/transformers) is not installed; the stage adds nothing, and the message says how to add it.',
    example: 'pipelines/digest-models.json in a project that never ran npm install @xenova/transformers@2.17',
  },
  'model-warning': {
    severity: 'info',
    description: 'The model runtime warned while loading the model.',
    example: 'a tokenizer without a configuration the runtime expects',
  },
  'model-failed': {
    severity: 'warning',
    description: 'A model call failed or timed out on a batch; that batch gets nothing from the model.',
    example: 'a call taking longer than timeoutMs',
  },
} as const satisfies RuleTable;

/** A model that cannot be used: not configured, folder missing, or the runtime absent. */
export class ModelUnavailableError extends Error {
  override readonly name = 'ModelUnavailableError';

  constructor(
    message: string,
    /** The rule it is reported under: the runtime's absence has its own, with the command that adds it. */
    readonly rule: 'model-missing' | 'model-runtime-missing' = 'model-missing',
  ) {
    super(message);
  }
}

/**
 * What to run to add the model runtime. It is not a dependency of digest-ingest (205 MB of
 * onnxruntime that the default pipeline never loads): a project that wants the model stages adds
 * it. transformers.js 2.17 asks for sharp 0.32, whose install script downloads libvips from the
 * network; the override takes sharp 0.33, which ships its binaries as npm packages.
 */
export const MODEL_RUNTIME_INSTALL =
  'npm install @xenova/transformers@2.17 --save, with "overrides": {"sharp": "^0.33.5"} in package.json (sharp 0.32, which transformers 2.17 asks for, downloads its binaries at install)';

/** True when an import failed because the package itself is not installed (not because it is broken). */
function notInstalled(error: unknown, name: string): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && String((error as Error).message).includes(name);
}

/** The tasks the optional model stages use. */
export type ModelTask = 'token-classification' | 'translation';

/** A transformers.js pipeline, as far as the stages call it. */
export type ModelPipeline = (input: string | string[], options?: Record<string, unknown>) => Promise<unknown>;

const registry = new Map<string, Promise<{ run: ModelPipeline; warnings: string[] }>>();
let loading: Promise<unknown> = Promise.resolve();

/** The files transformers.js needs for a task, under <folder>/<org>/<name>/. */
export function expectedFiles(task: ModelTask): string[] {
  const common = ['config.json', 'tokenizer.json', 'tokenizer_config.json'];
  return task === 'translation'
    ? [...common, 'onnx/encoder_model_quantized.onnx', 'onnx/decoder_model_merged_quantized.onnx']
    : [...common, 'onnx/model_quantized.onnx'];
}

/**
 * Loads a model once per process from a local folder, never from the network. The heavy
 * runtime (@xenova/transformers, onnxruntime) is imported here and only here, on first use.
 * Throws ModelUnavailableError with what is missing and where it was looked for.
 */
export function loadModel(task: ModelTask, folder: string, modelId: string): Promise<{ run: ModelPipeline; warnings: string[] }> {
  const root = resolve(folder);
  const key = `${task}\u0000${root}\u0000${modelId}`;
  let entry = registry.get(key);
  if (!entry) {
    // Messages name folders relative to the working directory: records must not depend on where a clone lives.
    const shown = relative(process.cwd(), root) || '.';
    entry = (async () => {
      const dir = join(shown, modelId);
      const missing = expectedFiles(task).filter((f) => !existsSync(join(root, modelId, f)));
      if (missing.length > 0) {
        throw new ModelUnavailableError(
          `model ${modelId} not found in ${shown} (missing ${missing.join(', ')}); models are never downloaded: put an ONNX export at ${dir}/ with ${expectedFiles(task).join(', ')}`,
        );
      }
      let transformers: typeof import('@xenova/transformers');
      try {
        transformers = await import('@xenova/transformers');
      } catch (error) {
        if (notInstalled(error, '@xenova/transformers')) {
          throw new ModelUnavailableError(`the model runtime is not installed, so the ${task} model is not run; to add it: ${MODEL_RUNTIME_INSTALL}`, 'model-runtime-missing');
        }
        throw new ModelUnavailableError(`the model runtime @xenova/transformers could not be loaded (${(error as Error).message}); reinstall it: ${MODEL_RUNTIME_INSTALL}`);
      }
      // env is global to transformers.js: loads are serialised so each sees its own folder.
      const previous = loading;
      let release!: () => void;
      loading = new Promise<void>((r) => (release = r));
      await previous;
      const warnings: string[] = [];
      const warn = console.warn;
      try {
        transformers.env.allowRemoteModels = false;
        transformers.env.allowLocalModels = true;
        transformers.env.localModelPath = `${root}/`;
        console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
        const pipe = await transformers.pipeline(task, modelId, { quantized: true });
        return { run: pipe as unknown as ModelPipeline, warnings };
      } catch (error) {
        throw new ModelUnavailableError(`model ${modelId} in ${shown} could not be loaded: ${(error as Error).message}`);
      } finally {
        console.warn = warn;
        release();
      }
    })();
    registry.set(key, entry);
  }
  return entry;
}

/** Forgets loaded models (tests; a long-running process that swaps model folders). */
export function disposeModels(): void {
  registry.clear();
}

/**
 * The model a stage is configured with, or null after reporting why there is none (not
 * configured, folder missing, runtime absent) as one `model-missing` diagnostic; load-time
 * warnings of the runtime become `model-warning` diagnostics.
 */
export async function configuredModel(
  task: ModelTask,
  options: { model: string; modelId: string },
  baseDir: string,
  report: (rule: string, message: string) => void,
  stage: string,
): Promise<{ run: ModelPipeline; warnings: string[] } | null> {
  if (!options.model || !options.modelId) {
    report('model-missing', `the ${stage} stage has no model configured (options.model and options.modelId); nothing added`);
    return null;
  }
  try {
    const model = await loadModel(task, resolve(baseDir, options.model), options.modelId);
    for (const warning of model.warnings) report('model-warning', warning);
    return model;
  } catch (error) {
    if (error instanceof ModelUnavailableError) {
      report(error.rule, error.message);
      return null;
    }
    throw error;
  }
}
