import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BuildTally, buildTable, ingestSummary, ProgressBar } from '../../src/cli/summary.js';
import type { InputSummary } from '../../src/dataset/entry.js';
import { bare } from './run.js';

/** An input's summary as the build gives it, with the counts and months a case needs. */
function summary(path: string, counts: Partial<InputSummary['counts']> = {}, more: Partial<InputSummary> = {}): InputSummary {
  return {
    path,
    id: 'x',
    status: 'ok',
    months: [],
    missingMonths: [],
    outOfOrderMonths: [],
    entityTypes: {},
    counts: { months: 0, items: 0, references: 0, referencesWithDoi: 0, entities: 0, errors: 0, warnings: 0, infos: 0, ...counts },
    ...more,
  } as InputSummary;
}

describe('ingestSummary', () => {
  it('a failed input: no record written, its errors, no month span', () => {
    const text = ingestSummary(summary('bad.txt', { errors: 1 }, { status: 'failed', id: null }), null, false);
    expect(text).toBe(
      'bad.txt failed: no record written\n  months      0 found\n  items       0\n  references  0 (0 with DOI, 0 without)\n  entities    0\n  diagnostics 1 error, 0 warnings (0 info)\n',
    );
  });

  it('a record on standard output: the span, missing and out-of-order months (a long list cut after eight), entity types by count then name', () => {
    const months = ['2025-01', '2025-03', '2025-02'];
    const missing = ['2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01'];
    const text = ingestSummary(
      summary('a.txt', { months: 3, entities: 4, warnings: 2 }, { months, missingMonths: missing, outOfOrderMonths: ['2025-02'], entityTypes: { therapy: 1, disease: 2, cell: 1 } }),
      null,
      true,
    );
    const lines = bare(text).split('\n');
    expect(lines[0]).toBe('a.txt → standard output');
    expect(lines[1]).toBe('  months      3 found (2025-01 … 2025-02); missing 2025-04, 2025-05, 2025-06, 2025-07, 2025-08, 2025-09, 2025-10, 2025-11 and 2 more; out of order 2025-02');
    expect(lines[4]).toBe('  entities    4: disease 2, cell 1, therapy 1');
    expect(lines[5]).toBe('  diagnostics 0 errors, 2 warnings (0 info)');
    expect(text).toContain('\u001b[33m2 warnings\u001b[39m');
  });
});

describe('buildTable', () => {
  const facts = { computed: 3, reused: 17, threads: 2, changed: 1, seconds: 2.25, outDir: 'out', report: null };

  it('failures in red, worker threads counted, no review line without a report, at most 15 inputs listed', () => {
    const inputs = Array.from({ length: 18 }, (_, i) => summary(`in/${String(i).padStart(2, '0')}.txt`, { warnings: 1 + (i % 3), errors: i === 5 ? 1 : 0 }, i === 5 ? { status: 'failed' } : {}));
    inputs.push(summary('in/clean.txt'));
    const text = buildTable(inputs, facts, true);
    const plain = bare(text);
    expect(text).toContain('\u001b[31m1 failed\u001b[39m');
    expect(plain).toContain('  inputs      19 (18 records, 1 failed)\n');
    expect(plain).toContain('  ingested    3 (17 from cache) on 2 worker threads in 2.3 s\n');
    expect(plain).toContain('  written     1 file changed under out\n');
    expect(plain).not.toContain('review');
    const rows = plain.split('\n').filter((l) => l.startsWith('in/'));
    // The failed input first, then by warnings, then by path; the clean input never.
    expect(rows[0]).toMatch(/^in\/05\.txt\s/);
    expect(rows.slice(1, 3).map((r) => r.slice(0, 9))).toEqual(['in/02.txt', 'in/08.txt']);
    expect(rows).toHaveLength(15);
    expect(plain).toContain('… and 3 more inputs with warnings or errors\n');
  });

  it('gathered an input at a time (BuildTally, what the CLI keeps instead of every summary), in any order: the table sorting every input gives', () => {
    // The table as it was made from the whole list: every input with warnings or errors sorted, the first 15 shown.
    const whole = (inputs: InputSummary[]) => {
      const doubtful = inputs.filter((s) => s.counts.errors || s.counts.warnings).sort((a, b) => b.counts.errors - a.counts.errors || b.counts.warnings - a.counts.warnings || (a.path < b.path ? -1 : 1));
      return doubtful.slice(0, 15).map((s) => s.path);
    };
    const input = fc.record({ errors: fc.nat(3), warnings: fc.nat(3), items: fc.nat(9), failed: fc.boolean() });
    fc.assert(
      fc.property(fc.array(input, { maxLength: 40 }), fc.nat(), (specs, seed) => {
        const inputs = specs.map((c, i) => summary(`in/${String(i).padStart(2, '0')}.txt`, { errors: c.errors, warnings: c.warnings, items: c.items }, c.failed ? { status: 'failed' } : {}));
        // Settled in some other order than the paths'.
        const shuffled = [...inputs].sort((a, b) => ((a.path.charCodeAt(4) * 31 + seed) % 17) - ((b.path.charCodeAt(4) * 31 + seed) % 17) || (a.path < b.path ? 1 : -1));
        const tally = new BuildTally();
        for (const s of shuffled) tally.add(s);
        const text = bare(tally.table(facts, false));
        expect(text).toBe(bare(buildTable(inputs, facts, false)));
        expect(text.split('\n').filter((l) => l.startsWith('in/')).map((l) => l.slice(0, 9))).toEqual(whole(inputs));
        const more = inputs.filter((s) => s.counts.errors || s.counts.warnings).length - 15;
        expect(text.includes(`… and ${more} more inputs`)).toBe(more > 0);
      }),
    );
  });

  it('one worker thread is said in the singular; the main thread when there is none', () => {
    expect(buildTable([], { ...facts, threads: 1 }, false)).toContain('on 1 worker thread in');
    expect(buildTable([], { ...facts, threads: 0 }, false)).toContain('on the main thread in');
  });
});

describe('ProgressBar', () => {
  it('draws the last step whatever the throttle, failures named, and a full bar for no inputs', () => {
    let out = '';
    const bar = new ProgressBar((t) => void (out += t), 4);
    bar.update(1, 2, 0);
    bar.update(2, 2, 1);
    expect(out.endsWith('\r\u001b[2K████ 2/2 inputs, 1 failed')).toBe(true);
    out = '';
    new ProgressBar((t) => void (out += t), 4).update(0, 0, 0);
    expect(out).toBe('\r\u001b[2K████ 0/0 inputs');
  });
});
