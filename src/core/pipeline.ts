import { createHash } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import type { PipelineFile, WriteOptions } from '../generated/pipeline.js';
import { writeDefaults } from '../generated/stage-defaults.js';
import { shippedPipelineHashes } from '../generated/verified-data.js';
import { changedSinceRead, checkDataPlace, checkUniqueKeys, DataFileChangedError, dataPlaces, loadData, parseJsonText, READ_WHEN_ASKED, readDataFile, type DataFileRead, type DataFiles, type PipelineData } from './data.js';
import type { DigestDocument, Facet } from './document.js';
import { ConfigError } from './errors.js';
import { checkRuleSettings, coreRules, coreRuleSource, effectiveSeverity, indexRules, type RuleSettings, type RuleSource } from './rules.js';
import { validatorFor } from './schemas.js';
import { createContext, type StageDefinition } from './stage.js';

/** Any stage definition, whatever its options and state. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyStage = StageDefinition<any, any>;

/** The per-document stages a loader may resolve, by the name pipeline files use. */
export type StageRegistry = Readonly<Record<string, AnyStage>>;

/** What the loader is given: the stages it can resolve and the rule tables beyond theirs (the build's). */
export interface LoaderContext {
  stages: StageRegistry;
  /** Rule tables of whatever else reports diagnostics for this pipeline (the build). */
  rules?: readonly RuleSource[];
}

/** A stage of a loaded pipeline with its options merged over the defaults and its state for this pipeline. */
export interface ConfiguredStage {
  definition: AnyStage;
  options: object;
  state: unknown;
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
  write: Required<WriteOptions> | null;
  /**
   * Hash of what the records depend on: the pipeline file's settings but the paths naming its
   * data files, its schema and its dataset folder, and every data file's bytes — part of cache keys.
   */
  fingerprint: string;
}

/** Data files a pipeline names nothing for: beside it, under data/. */
const defaultData: DataFiles = { journals: 'data/journals.json', structure: 'data/structure.json', html: 'data/html.json', lexicon: 'data/lexicon.json', facts: 'data/facts.json' };

/** `write` is not a per-document stage, but it has a place in the order: last, after the text exists. */
const writeNeeds: readonly Facet[] = ['text'];

/** The shipped pipeline files' sha256s (known to write no key twice): the check is asked of any other pipeline file. */
const knownPipelineTexts = new Set<string>(shippedPipelineHashes);

/** Options renamed or removed, checked before the schema so the message can say what to write instead. */
function checkRenamedOptions(value: unknown, stages: StageRegistry, file: string): void {
  const entries = (value as { stages?: unknown } | null)?.stages;
  if (!Array.isArray(entries)) return;
  entries.forEach((entry: unknown, index) => {
    const { use, options } = (entry ?? {}) as { use?: unknown; options?: unknown };
    const renamed = typeof use === 'string' ? stages[use]?.renamedOptions : undefined;
    if (!renamed || options === null || typeof options !== 'object') return;
    for (const key of Object.keys(options)) {
      const migration = renamed[key];
      if (migration !== undefined) throw new ConfigError(`${file}: /stages/${index}/options/${key}: option "${key}" of stage "${use as string}" is no longer supported: ${migration}`);
    }
  });
}

/** Validates the pipeline file against its schema; an unknown option names the stage's known ones. */
function validatePipelineFile(value: unknown, stages: StageRegistry, file: string): PipelineFile {
  const validate = validatorFor<PipelineFile>('pipeline');
  if (validate(value)) return value;
  const [first] = validate.errors();
  const option = first && first.keyword === 'additionalProperties' ? /^\/stages\/(\d+)\/options$/.exec(first.pointer) : null;
  if (option && first?.property !== undefined) {
    const use = (value as PipelineFile).stages[Number(option[1])]!.use;
    const known = Object.keys(use === 'write' ? writeDefaults : (stages[use]?.defaults ?? {}));
    throw new ConfigError(
      `${file}: ${first.pointer}/${first.property}: unknown option of stage "${use}"${known.length ? ` (known: ${known.join(', ')})` : ' (it takes none)'}`,
    );
  }
  throw new ConfigError(`${file}: does not match schemas/pipeline.schema.json at ${first?.pointer || '/'}: ${first?.message}`);
}

/**
 * Checks the order of the stages: each appears once, write comes last, and every facet a
 * stage needs is provided by a stage before it (`link` before `segment` has no items to link).
 */
function checkOrder(entries: PipelineFile['stages'], stages: StageRegistry, file: string): void {
  const provided = new Map<Facet, string>([['bytes', 'the input']]);
  const providers = new Map<Facet, string[]>();
  for (const definition of Object.values(stages)) for (const facet of definition.provides) providers.set(facet, [...(providers.get(facet) ?? []), definition.name]);
  const seen = new Map<string, number>();
  entries.forEach((entry, index) => {
    const first = seen.get(entry.use);
    if (first !== undefined) throw new ConfigError(`${file}: /stages/${index}: stage "${entry.use}" appears twice (first at /stages/${first})`);
    seen.set(entry.use, index);
    if (entry.use === 'write' && index !== entries.length - 1) {
      throw new ConfigError(`${file}: /stages/${index}: write runs over the whole set after every per-document stage, so it must be the last stage`);
    }
    const definition = entry.use === 'write' ? null : stages[entry.use];
    if (entry.use !== 'write' && !definition) throw new ConfigError(`${file}: /stages/${index}/use: no stage named "${entry.use}"`);
    const missing = (definition?.needs ?? writeNeeds).filter((facet) => !provided.has(facet));
    if (missing.length > 0) {
      const from = [...new Set(missing.flatMap((facet) => providers.get(facet) ?? []))];
      throw new ConfigError(
        `${file}: /stages/${index}: stage "${entry.use}" needs ${missing.join(', ')} from an earlier stage${from.length ? ` (${from.join(' or ')}); put it after ${from.length > 1 ? 'them' : 'it'}` : ''}`,
      );
    }
    for (const facet of definition?.provides ?? []) if (!provided.has(facet)) provided.set(facet, entry.use);
  });
}

/**
 * Loads, validates and resolves a pipeline file with the stages the caller knows; throws
 * ConfigError naming the file and a JSON pointer when it is wrong: an unknown or renamed
 * option, an option out of its range (the pipeline schema holds every range), stages out of
 * order, a rule that does not exist or a fatal rule set below error, a data file outside the
 * pipeline's folder or not a regular file, a data pattern that could backtrack.
 */
export function loadPipelineWith(file: string, context: LoaderContext): Pipeline {
  const path = resolve(file);
  // Read as a data file is (no build key: hashed from its bytes), for the check below.
  const read = readDataFile(path, []);
  const text = read.text;
  const value = parseJsonText(path, text);
  // `{"stages": […], "stages": […]}` is valid JSON that keeps only the last: refused with its place
  // before the schema speaks of what is left. A shipped file's bytes are known to pass, so its
  // start never loads jsonc-parser (~15 ms) for the check.
  if (!knownPipelineTexts.has(read.hash)) checkUniqueKeys(path, text);
  checkRenamedOptions(value, context.stages, path);
  const raw = validatePipelineFile(value, context.stages, path);
  checkOrder(raw.stages, context.stages, path);

  const base = dirname(path);
  const allowOutside = raw.data?.allowOutsideFolder === true;
  const dataFiles = {} as DataFiles;
  const places = allowOutside ? undefined : dataPlaces(base);
  for (const key of Object.keys(defaultData) as (keyof DataFiles)[]) {
    dataFiles[key] = resolve(base, raw.data?.[key] ?? defaultData[key]);
    checkDataPlace(dataFiles[key], path, `/data/${key}`, base, allowOutside, places);
  }
  // Each data file read once (in the order loadData reads them, so that the first unreadable one
  // is the one named): loadData takes the reads, and the fingerprint is hashed from the same texts,
  // when first asked for. Only a build's cache keys read it: `digest ingest`, `text` and `refs`
  // never hashed ~200 KB of data for nothing (issue 17: start-up). Each file's own key is hashed
  // from its bytes as read (readDataFile).
  // Each text decoded where a loader reads it (the journal table's is not, when its compiled form serves).
  const reads = {} as Record<keyof DataFiles, DataFileRead>;
  // The structure lists', the lexicon's and the journal table's bytes, where the build keyed the file, read only when asked (READ_WHEN_ASKED).
  for (const key of ['structure', 'journals', 'html', 'lexicon', 'facts'] as const) reads[key] = readDataFile(dataFiles[key], undefined, READ_WHEN_ASKED.has(key));
  const data = loadData(dataFiles, reads);
  loads.set(data, [{ file: path, read }, ...(Object.keys(dataFiles) as (keyof DataFiles)[]).map((key) => ({ file: dataFiles[key], read: reads[key] }))]);
  // Its settings made only when asked: a save of the pipeline file during a build (a start makes none).
  loadSettings.set(data, { raw, base });
  let fingerprint: string | undefined;

  const stages: ConfiguredStage[] = [];
  let write: Required<WriteOptions> | null = null;
  for (const entry of raw.stages) {
    if (entry.use === 'write') {
      write = { ...writeDefaults, ...(entry.options ?? {}) };
      continue;
    }
    const definition = context.stages[entry.use]!;
    stages.push({ definition, options: { ...definition.defaults, ...(entry.options ?? {}) }, state: definition.createState?.() });
  }
  const rules = (raw.rules ?? {}) as RuleSettings;
  checkRuleSettings(rules, indexRules([coreRuleSource, ...stages.map((s) => s.definition), ...(context.rules ?? [])]), path);
  return {
    file: path,
    name: raw.name,
    inputs: raw.inputs ?? [],
    extensions: raw.extensions ?? ['.txt', '.md', '.markdown', '.html', '.htm'],
    out: raw.out ?? 'out',
    rules,
    data,
    stages,
    write,
    get fingerprint() {
      if (fingerprint === undefined) {
        const hash = createHash('sha256').update(keyedSettings(raw));
        // A file's bytes where it has them: valid UTF-8, so they are its text's own UTF-8, and no text is decoded for it.
        for (const key of Object.keys(dataFiles) as (keyof DataFiles)[]) hash.update(reads[key].bytes ?? reads[key].text);
        fingerprint = hash.digest('hex');
      }
      return fingerprint;
    },
  };
}

/** A file a pipeline's load read: the pipeline file or one of its data files, with its read (hash, identity). */
export interface LoadedFile {
  file: string;
  read: DataFileRead;
}

/** Each load's files ({@link loadedFiles}), by its data: a pipeline copied with a spread keeps them. */
const loads = new WeakMap<PipelineData, readonly LoadedFile[]>();

/**
 * The files `pipeline`'s load read — the pipeline file, then its data files — in the order its
 * fingerprint hashes them: which one changed, where fingerprints differ (a build's workers), and
 * whether one changed since the load (a build's last check). Undefined for a pipeline not loaded here.
 */
export function loadedFiles(pipeline: Pipeline): readonly LoadedFile[] | undefined {
  return loads.get(pipeline.data);
}

/** Each load's pipeline file as validated and its folder, by its data: its {@link buildSettings}, when a save asks. */
const loadSettings = new WeakMap<PipelineData, { raw: PipelineFile; base: string }>();

/**
 * What of a pipeline file a build depends on, as JSON: its keyed settings ({@link keyedSettings})
 * and the data files it names, resolved from its folder `base` (whose bytes its fingerprint hashes),
 * with whether they may lie outside it. Not its whitespace, `$schema`, description or `out`.
 */
function buildSettings(raw: PipelineFile, base: string): string {
  const data = raw.data ?? {};
  const files = (Object.keys(defaultData) as (keyof DataFiles)[]).map((key) => resolve(base, data[key] ?? defaultData[key]));
  return JSON.stringify([keyedSettings(raw), data.allowOutsideFolder === true, files]);
}

/**
 * Whether the pipeline file `file`, as it is now, gives a build what its load (`loaded`) gave
 * ({@link buildSettings}): valid JSON writing no key twice, valid against its schema, with the same
 * settings and data files. Any other file — unreadable, invalid, its settings changed — is not.
 */
function sameBuildSettings(file: string, loaded: { raw: PipelineFile; base: string } | undefined): boolean {
  if (loaded === undefined) return false;
  try {
    const text = readDataFile(file, []).text;
    const value = parseJsonText(file, text);
    checkUniqueKeys(file, text);
    return validatorFor<PipelineFile>('pipeline')(value) && buildSettings(value, dirname(file)) === buildSettings(loaded.raw, loaded.base);
  } catch {
    return false;
  }
}

/**
 * The first file `pipeline`'s load read that a build must not commit past, or undefined: the
 * pipeline file saved with settings a build depends on changed ({@link buildSettings}: a save of
 * its whitespace, `$schema`, description or `out` alone gives the same records under the same cache
 * keys, and a worker loading it after the save finds the build's fingerprint), then a data file
 * with other bytes now (`changedSinceRead`: every byte is part of its cache key). A build's last
 * check before its commit (src/dataset/build.ts).
 */
export function savedSinceLoad(pipeline: Pipeline): LoadedFile | undefined {
  const files = loadedFiles(pipeline);
  if (files === undefined) return undefined;
  const [own, ...data] = files;
  if (own !== undefined && changedSinceRead(own.file, own.read) && !sameBuildSettings(own.file, loadSettings.get(pipeline.data))) return own;
  return data.find((loaded) => changedSinceRead(loaded.file, loaded.read));
}

/**
 * The pipeline file's settings a record can depend on, as JSON: its text but the paths that name
 * its data files (hashed by their bytes instead), its `$schema`, description and dataset folder.
 * Those paths are relative to the package or absolute (`digest init` writes the package's data
 * files relative to the new file), so a project moved or a package installed elsewhere has a
 * pipeline of other text with the same data: keyed by the text, a build ingested every input again.
 */
function keyedSettings(raw: PipelineFile): string {
  // What is left out names files or folders, or tells people: the dataset's folder is where records go, not what they hold.
  const { $schema, description, out, data, ...settings } = raw;
  return JSON.stringify(settings);
}

/**
 * Runs the pipeline's per-document stages in order, until one reports a fatal diagnostic. A
 * stage that throws becomes a fatal error on this document (rule `stage-crashed`); the
 * caller's batch goes on — but for a data file changed since the load (DataFileChangedError),
 * thrown on as the load's errors are.
 */
export async function runStages(doc: DigestDocument, pipeline: Pipeline): Promise<void> {
  for (const { definition, options, state } of pipeline.stages) {
    if (doc.failed) return;
    const context = createContext(definition, options, pipeline.data, pipeline.rules, doc, dirname(pipeline.file), state);
    doc.stagesRun++;
    try {
      await definition.run(doc, context);
    } catch (error) {
      // Not this input's fault: a data file changed under the run (exit 2, as at a load).
      if (error instanceof DataFileChangedError) throw error;
      doc.addDiagnostic({
        severity: effectiveSeverity('stage-crashed', coreRules['stage-crashed'], pipeline.rules) ?? 'error',
        rule: 'stage-crashed',
        source: definition.name,
        message: `the ${definition.name} stage failed on this input: ${(error as Error)?.message ?? String(error)}`,
        fatal: true,
      });
    }
  }
}
