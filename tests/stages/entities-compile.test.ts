import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DigestDocument } from '../../src/core/document.js';
import { runStages } from '../../src/pipeline.js';
import { entities } from '../../src/stages/entities.js';
import { isHoley, optimisedResult } from '../support/optimised.js';
import { pipeline, repo, runUpTo } from '../helpers.js';

// A file of its own: the stage's `run` here has only the type feedback this test gives it.
describe('entities: a journal entity’s xrefs are a packed array when the stage runs optimised (issue 17)', () => {
  it('so the record’s readers (its validator, the atomic write’s plain-JSON check) meet no new map', async () => {
    const text = readFileSync(repo('fixtures/articles/as-2025.txt'), 'utf8');
    // A document read up to the stage before entities for each run (the stage fills the document it is given).
    const docs: DigestDocument[] = [];
    for (let k = 0; k < 101; k++) docs.push(await runUpTo(text, 'link'));
    const p = pipeline();
    const only = { ...p, stages: p.stages.filter((s) => s.definition.name === 'entities') };
    let next = 0;
    const run = () => {
      const doc = docs[next++]!;
      // The stage runs before runStages first awaits: it is done when this returns.
      void runStages(doc, only);
      return doc;
    };
    const doc = optimisedResult(entities.run, run);
    const journals = doc.entities.filter((e) => e.type === 'journal' && e.xrefs.length > 0);
    // Not vacuous: the seed names journals with an ISSN in the data.
    expect(journals.length).toBeGreaterThan(0);
    // Before: `(journal?.issn ?? []).map(…)`, whose optimised form makes an array that allows holes.
    for (const e of journals) expect(isHoley(e.xrefs), e.id).toBe(false);
  });
});
