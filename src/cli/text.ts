import type { Block, IngestInput } from '../core/document.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { runStages, type Pipeline } from '../core/pipeline.js';
import { openDocument } from '../ingest.js';

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
    const upToParse = { ...pipeline, stages: pipeline.stages.filter((s) => s.definition.name === 'read' || s.definition.name === 'parse') };
    await runStages(doc, upToParse);
  }
  const blocks = doc.blocks.map((b) => {
    const p = doc.lines.point(b.start);
    return { kind: b.kind, text: b.text, line: p.line, column: p.column };
  });
  return { blocks, diagnostics: doc.diagnostics, failed: doc.failed };
}
