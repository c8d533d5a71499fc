/**
 * digest-ingest: turn stem-cell therapy digest articles into schema-valid structured records.
 * Public API, re-exports only.
 */
export { ingest, ingestDetailed, type IngestOptions, type IngestResult } from './ingest.js';
export { parseReferences } from './refs/list.js';
export { parseReference, type CslItem, type CslName, type ParsedReference } from './refs/parse.js';
export { findIdentifiers, cleanDoi, cleanUrl, type Identifiers } from './refs/identifiers.js';
export { loadPipeline, defaultPipelinePath, type Pipeline } from './pipeline.js';
export { ConfigError } from './core/errors.js';
export { DigestDocument, type IngestInput, type Block } from './core/document.js';
export { SCHEMA_VERSION, recordId } from './core/record.js';
export { reporters, type Reporter, type ReportedDiagnostic } from './report/index.js';
export { build, type BuildOptions, type BuildResult, type BuildTotals, type InputPosition, type Shard } from './dataset/build.js';
export { collectInputs, walkInputs, type WalkOptions, type Walked } from './io/inputs.js';
export { OutputError } from './io/errors.js';
export { validate, validatePaths, type ValidationResult, type ValidationProblem } from './dataset/validate.js';
export { merge, type MergeOptions, type MergeResult } from './dataset/merge.js';
export type { InputSummary } from './dataset/entry.js';
export { renderArticlePage } from './report/html/article.js';
export { renderIndexPage, type IndexRow } from './report/html/index.js';
export type { FileDiagnostic, Severity } from './core/diagnostic.js';
export type * from './generated/article.js';
