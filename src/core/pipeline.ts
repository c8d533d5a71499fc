import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { PipelineFile } from '../generated/pipeline.js';
import { documentStages, type DocumentStageName } from '../stages/index.js';
import { loadHtml, loadJournals, loadLexicon, loadStructure, loadValidated, type PipelineData } from './data.js';
import type { DigestDocument } from './document.js';
import { ConfigError } from './errors.js';
import { packagePath } from './paths.js';
import { createContext, type RuleSettings, type StageDefinition } from './stage.js';

/** A stage of a loaded pipeline with its options merged over the defaults. */
export interface ConfiguredStage {
  definition: StageDefinition<object>;
  options: object;
}

/** A pipeline file, validated, with its data loaded and its stages resolved. */
export interface Pipeline {
  /** Absolute path of the pipeline file. */
  file: string;
  name: string;
  /** Inputs as written (relative to the working directory). */
  inputs: string[];
  extensions: string[];
  out: string;
  rules: RuleSettings;
  data: PipelineData;
  stages: ConfiguredStage[];
  /** Options of the write stage, or null when the pipeline does not write. */
  write: Record<string, unknown> | null;
  /** Hash of the pipeline file and every data file it names: part of cache keys. */
  fingerprint: string;
}

/** Options of the write stage: `report` writes the HTML review pages under report/. */
const writeDefaults = { report: true };

/** The pipeline shipped with the package. */
export const defaultPipelinePath = packagePath('pipelines', 'digest.json');

const defaultData = { journals: 'data/journals.json', structure: 'data/structure.json', html: 'data/html.json', lexicon: 'data/lexicon.json' } as const;

function checkOptions(stage: StageDefinition<object>, given: Record<string, unknown>, file: string, index: number): object {
  const defaults = stage.defaults as Record<string, unknown>;
  for (const [key, value] of Object.entries(given)) {
    if (!(key in defaults)) {
      const known = Object.keys(defaults);
      throw new ConfigError(
        `${file}: /stages/${index}/options/${key}: unknown option of stage "${stage.name}"${known.length ? ` (known: ${known.join(', ')})` : ' (it takes none)'}`,
      );
    }
    const kind = (v: unknown) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);
    const expected = kind(defaults[key]);
    const actual = kind(value);
    if (expected !== actual) throw new ConfigError(`${file}: /stages/${index}/options/${key}: must be ${expected}, got ${actual}`);
  }
  return { ...defaults, ...given };
}

/** Loads, validates and resolves a pipeline file; throws ConfigError with a JSON pointer when it is wrong. */
export function loadPipeline(file: string = defaultPipelinePath): Pipeline {
  const path = resolve(file);
  const raw = loadValidated<PipelineFile>(path, 'pipeline');
  const base = dirname(path);
  const dataFiles = {
    journals: resolve(base, raw.data?.journals ?? defaultData.journals),
    structure: resolve(base, raw.data?.structure ?? defaultData.structure),
    html: resolve(base, raw.data?.html ?? defaultData.html),
    lexicon: resolve(base, raw.data?.lexicon ?? defaultData.lexicon),
  };
  const data: PipelineData = {
    journals: loadJournals(dataFiles.journals),
    structure: loadStructure(dataFiles.structure),
    html: loadHtml(dataFiles.html),
    lexicon: loadLexicon(dataFiles.lexicon),
  };
  const hash = createHash('sha256').update(readFileSync(path));
  for (const f of Object.values(dataFiles)) hash.update(readFileSync(f));

  const stages: ConfiguredStage[] = [];
  let write: Record<string, unknown> | null = null;
  raw.stages.forEach((entry, index) => {
    if (entry.use === 'write') {
      write = { ...writeDefaults, ...(entry.options ?? {}) };
      for (const [key, value] of Object.entries(entry.options ?? {})) {
        if (!(key in writeDefaults)) throw new ConfigError(`${path}: /stages/${index}/options/${key}: unknown option of stage "write" (known: ${Object.keys(writeDefaults).join(', ')})`);
        if (typeof value !== typeof writeDefaults[key as keyof typeof writeDefaults]) throw new ConfigError(`${path}: /stages/${index}/options/${key}: must be ${typeof writeDefaults[key as keyof typeof writeDefaults]}, got ${typeof value}`);
      }
      return;
    }
    const definition = documentStages[entry.use as DocumentStageName] as StageDefinition<object>;
    stages.push({ definition, options: checkOptions(definition, entry.options ?? {}, path, index) });
  });
  for (const rule of Object.keys(raw.rules ?? {})) {
    const known = stages.some((s) => rule in s.definition.rules) || rule === 'stage-crashed';
    if (!known) throw new ConfigError(`${path}: /rules/${rule}: no stage of this pipeline reports that rule`);
  }
  return {
    file: path,
    name: raw.name,
    inputs: raw.inputs ?? [],
    extensions: raw.extensions ?? ['.txt', '.md', '.markdown', '.html', '.htm'],
    out: raw.out ?? 'out',
    rules: (raw.rules ?? {}) as RuleSettings,
    data,
    stages,
    write,
    fingerprint: hash.digest('hex'),
  };
}

/**
 * Runs the pipeline's per-document stages in order. A stage that throws becomes an error
 * diagnostic on this document (rule `stage-crashed`) and stops its remaining stages; the
 * caller's batch goes on.
 */
export async function runStages(doc: DigestDocument, pipeline: Pipeline): Promise<void> {
  for (const { definition, options } of pipeline.stages) {
    if (doc.failed) return;
    const context = createContext(definition, options, pipeline.data, pipeline.rules, doc, dirname(pipeline.file));
    try {
      await definition.run(doc, context);
    } catch (error) {
      doc.addDiagnostic({
        severity: 'error',
        rule: 'stage-crashed',
        source: definition.name,
        message: `the ${definition.name} stage failed on this input: ${(error as Error)?.message ?? String(error)}`,
      });
      doc.failed = true;
    }
  }
}
