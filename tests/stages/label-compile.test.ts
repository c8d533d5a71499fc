import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestDetailed } from '../../src/ingest.js';
import { bodyDiseases, labelTables, topicDisease } from '../../src/stages/label.js';
import { pipeline, repo } from '../helpers.js';
import { keepsOptimisedCode } from '../support/optimised.js';

// A file of its own: `bodyDiseases` here has only the type feedback this test gives it (issue 17:
// BENCHMARKS.md, change 207).
describe("the topic's loop over the body keeps the code TurboFan made for it (issue 17)", () => {
  it('bodyDiseases, compiled over Chinese pages, over an English page that names its disease by initials in a title naming none', async () => {
    const { structure, concepts } = pipeline().data;
    const { bodyNames } = labelTables(structure, concepts);
    const docOf = async (path: string) => (await ingestDetailed({ path: repo(path) }, { pipeline: pipeline() })).doc;
    // The bench's pages: a title naming its disease in Han characters, the body naming it so too.
    const chinese = await Promise.all(['as-2025.txt', 'ra-2025-site.html', 'ra-2025-markdown.md'].map((file) => docOf(`fixtures/articles/${file}`)));
    // "Transplant study in MS meets its safety goal", over "relapsing multiple sclerosis"; and the
    // page under a title naming no disease, not even by its initials.
    const englishFile = 'tests/fixtures/genre-en3-society-release/input.txt';
    const english = await docOf(englishFile);
    const dir = mkdtempSync(join(tmpdir(), 'digest-label-compile-'));
    let untitled: typeof english;
    try {
      writeFileSync(join(dir, 'untitled.txt'), readFileSync(repo(englishFile), 'utf8').replace('Transplant study in MS meets', 'Transplant study meets'));
      untitled = (await ingestDetailed({ path: join(dir, 'untitled.txt') }, { pipeline: pipeline() })).doc;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(untitled.title).toBe('Transplant study meets its safety goal');
    const bodyOf = (doc: (typeof chinese)[number]) => doc.blocks.filter((b) => !doc.referenceBlocks.includes(b));
    expect(topicDisease(english, [], concepts, bodyNames)?.id).toBe('disease:multiple-sclerosis');
    expect(topicDisease(untitled, [], concepts, bodyNames)?.id).toBe('disease:multiple-sclerosis');
    expect(topicDisease(chinese[0]!, [], concepts, bodyNames)?.label).toBe('ankylosing spondylitis');
    const found = bodyDiseases(english, bodyOf(english), concepts, bodyNames);
    expect(found.counts.get('disease:multiple-sclerosis')?.count).toBeGreaterThan(0);
    expect(found.mentions.length).toBe(found.blocks.length);
    let k = 0;
    const warm = () => bodyDiseases(chinese[k % 3]!, bodyOf(chinese[k++ % 3]!), concepts, bodyNames);
    const run = () => [english, untitled].map((doc) => topicDisease(doc, [], concepts, bodyNames)?.id);
    // Before: one function with the decision after the loop, whose code — compiled over pages like
    // the first — was thrown away at the first page whose title named no disease (in the bench's
    // corpus, `inTitle.size > 1`), a site no earlier page had reached: the dearest function a
    // 1,000-article build compiled twice. (Main's `topicDisease`, run as here: thrown away on
    // `untitled`; BENCHMARKS.md, change 207.)
    expect(keepsOptimisedCode(bodyDiseases, run, warm)).toBe(true);
    expect(run()).toEqual(['disease:multiple-sclerosis', 'disease:multiple-sclerosis']);
  });
});
