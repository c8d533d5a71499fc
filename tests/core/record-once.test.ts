import { describe, expect, it, vi } from 'vitest';
import { finishDiagnostics } from '../../src/core/diagnostic.js';
import type { ConfiguredStage, Pipeline } from '../../src/core/pipeline.js';
import { toRecord } from '../../src/core/record.js';
import { defineStage } from '../../src/core/stage.js';
import { ingestDetailed } from '../../src/ingest.js';
import { pipeline, repo } from '../helpers.js';

// finishDiagnostics watched: each assembly of a record sorts the document's diagnostics once.
vi.mock('../../src/core/diagnostic.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/core/diagnostic.js')>();
  return { ...original, finishDiagnostics: vi.fn(original.finishDiagnostics) };
});

/** The default pipeline with its stages rearranged (the loader's order check is not what is tested here). */
function withStages(arrange: (stages: ConfiguredStage[], at: (name: string) => number) => ConfiguredStage[]): Pipeline {
  const p = pipeline();
  const stages = [...p.stages];
  return { ...p, stages: arrange(stages, (name) => stages.findIndex((s) => s.definition.name === name)) };
}

/** A stage that leaves a month the schema refuses, so validation reports after the record is assembled. */
const breakMonth: ConfiguredStage = {
  definition: defineStage({
    name: 'break-month',
    description: 'test: a month out of range',
    needs: [],
    provides: [],
    rules: {},
    defaults: {},
    run(doc) {
      const month = doc.sections.find((s) => s.kind === 'month');
      if (month) month.month = '2025-13';
    },
  }),
  options: {},
  state: undefined,
};

describe('a record is assembled once (issue 17)', () => {
  it('the record written is the one the validate stage assembled and validated', async () => {
    vi.mocked(finishDiagnostics).mockClear();
    const { doc, record, ok } = await ingestDetailed({ path: repo('fixtures/articles/as-2025.txt') }, { pipeline: pipeline() });
    expect(ok).toBe(true);
    expect(finishDiagnostics).toHaveBeenCalledTimes(1);
    // And it is what assembling it now gives.
    expect(record).toEqual(toRecord(doc, doc.id));
  });

  it('a stage that runs after validate: the record is assembled again, with that stage’s work', async () => {
    const late = withStages((stages, at) => {
      const [language] = stages.splice(at('language'), 1);
      stages.splice(at('validate') + 1, 0, language!);
      return stages;
    });
    vi.mocked(finishDiagnostics).mockClear();
    const { doc, record } = await ingestDetailed({ path: repo('fixtures/articles/as-2025.txt') }, { pipeline: late });
    expect(finishDiagnostics).toHaveBeenCalledTimes(2);
    expect(record.language).toBe(doc.language);
    expect(record.language).not.toBe('und');
    expect(record).toEqual(toRecord(doc, doc.id));
  });

  it('diagnostics validation reports after assembling are in the record, where they were reported', async () => {
    const broken = withStages((stages, at) => {
      stages.splice(at('validate'), 0, breakMonth);
      return stages;
    });
    const { doc, record, ok } = await ingestDetailed({ path: repo('fixtures/articles/as-2025.txt') }, { pipeline: broken });
    expect(ok).toBe(false);
    const invalid = record.diagnostics.filter((d) => d.rule === 'record-invalid');
    expect(invalid).toHaveLength(1);
    expect(invalid[0]).toMatchObject({ severity: 'error', line: 1, column: 1, fatal: true });
    expect(invalid[0]!.message).toContain('/month');
    expect(record.diagnostics).toEqual(finishDiagnostics(doc.diagnostics));
    expect(record).toEqual(toRecord(doc, doc.id));
  });
});
