import { loadPipelineWith, type Pipeline } from './core/pipeline.js';
import { defaultPipelinePath } from './core/paths.js';
import { extraRuleTables } from './rules.js';
import { documentStages } from './stages/index.js';

export { runStages, type ConfiguredStage, type Pipeline } from './core/pipeline.js';

export { defaultPipelinePath } from './core/paths.js';

/**
 * Loads, validates and resolves a pipeline file with the package's stages (the core's loader
 * takes the stage registry as a parameter, so nothing in src/core/ imports a stage). Throws
 * ConfigError with the file and a JSON pointer when the file is wrong.
 */
export function loadPipeline(file: string = defaultPipelinePath): Pipeline {
  return loadPipelineWith(file, { stages: documentStages, rules: extraRuleTables });
}
