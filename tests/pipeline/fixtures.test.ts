import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestDetailed } from '../../src/ingest.js';
import { reporters } from '../../src/report/index.js';
import { pipeline, repo, summarize } from '../helpers.js';

const root = repo('tests/fixtures');
const cases = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
const update = process.env.UPDATE_SNAPSHOT === '1';

describe.each(cases)('fixture case %s', (name) => {
  it('matches expected.json and diagnostics.txt', async () => {
    const input = readdirSync(`${root}/${name}`).find((f) => f.startsWith('input.'));
    expect(input, `tests/fixtures/${name} has no input.* file`).toBeDefined();
    const { record } = await ingestDetailed({ path: `${root}/${name}/${input}` }, { pipeline: pipeline(), id: name });
    const summary = `${JSON.stringify(summarize(record), null, 2)}\n`;
    const diagnostics = reporters.unix(record.diagnostics.map((d) => ({ file: input!, ...d })));
    const expectedFile = `${root}/${name}/expected.json`;
    const diagnosticsFile = `${root}/${name}/diagnostics.txt`;
    // A snapshot is written only on request (and its diff read before committing): a case without one fails.
    if (update) {
      writeFileSync(expectedFile, summary);
      writeFileSync(diagnosticsFile, diagnostics);
    }
    expect(existsSync(expectedFile), `tests/fixtures/${name} has no expected.json (UPDATE_SNAPSHOT=1 writes it)`).toBe(true);
    expect(summary).toBe(readFileSync(expectedFile, 'utf8'));
    expect(diagnostics).toBe(readFileSync(diagnosticsFile, 'utf8'));
  });
});
