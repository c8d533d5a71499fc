import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ConfiguredStage, Pipeline } from '../../src/core/pipeline.js';

// finishDiagnostics watched: each assembly of a record sorts the document's diagnostics once.
vi.mock('../../src/core/diagnostic.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/core/diagnostic.js')>();
  return { ...original, finishDiagnostics: vi.fn(original.finishDiagnostics) };
});

// The modules under test are imported afresh, after the mock: under `--no-isolate` another test
// file may have loaded them already, bound to the real finishDiagnostics the mock cannot reach.
let finishDiagnostics: typeof import('../../src/core/diagnostic.js').finishDiagnostics;
let toRecord: typeof import('../../src/core/record.js').toRecord;
let defineStage: typeof import('../../src/core/stage.js').defineStage;
let ingestDetailed: typeof import('../../src/ingest.js').ingestDetailed;
let pipeline: typeof import('../helpers.js').pipeline;
let repo: typeof import('../helpers.js').repo;

beforeAll(async () => {
  vi.resetModules();
  ({ finishDiagnostics } = await import('../../src/core/diagnostic.js'));
  ({ toRecord } = await import('../../src/core/record.js'));
  ({ defineStage } = await import('../../src/core/stage.js'));
  ({ ingestDetailed } = await import('../../src/ingest.js'));
  ({ pipeline, repo } = await import('../helpers.js'));
});

/** The default pipeline with its stages rearranged (the loader's order check is not what is tested here). */
function withStages(arrange: (stages: ConfiguredStage[], at: (name: string) => number) => ConfiguredStage[]): Pipeline {
  const p = pipeline();
  const stages = [...p.stages];
  return { ...p, stages: arrange(stages, (name) => stages.findIndex((s) => s.definition.name === name)) };
}

/** A stage that leaves a month the schema refuses, so validation reports after the record is assembled. */
function breakMonth(): ConfiguredStage {
  return {
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
}

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
      stages.splice(at('validate'), 0, breakMonth());
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
