import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildTable, ingestSummary } from '../../src/cli/summary.js';
import type { InputSummary } from '../../src/dataset/entry.js';
import { unix } from '../../src/report/index.js';
import { forTerminal } from '../../src/report/terminal.js';
import { repo } from '../helpers.js';
import { makeProject } from '../support/project.js';

const HOSTILE = 'evil\nx.txt:1:1: error: forged \u001b]0;pwned\u0007\u001b[2J\u202e.txt';

function summaryOf(path: string): InputSummary {
  return {
    path, id: 'evil', status: 'ok', sha256: '0'.repeat(64), bytes: 1, encoding: 'utf-8', format: 'text', title: null, titleEn: null, topic: null, period: null, months: [], missingMonths: [], outOfOrderMonths: [],
    counts: { months: 0, items: 0, references: 0, referencesWithDoi: 0, entities: 0, errors: 0, warnings: 1, infos: 0 }, entityTypes: {}, diagnostics: [],
  };
}

const active = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('11.15 what reaches the terminal is escaped', () => {
  it('control characters, ESC sequences and bidi overrides become visible escapes', () => {
    expect(forTerminal(HOSTILE)).toBe('evil\\nx.txt:1:1: error: forged \\e]0;pwned\\u{7}\\e[2J\\u{202e}.txt');
    expect(forTerminal('干细胞 治疗.txt')).toBe('干细胞 治疗.txt');
  });

  it('the unix reporter prints one line per diagnostic whatever the name or the message holds', () => {
    const text = unix([{ file: HOSTILE, severity: 'warning', rule: 'reference-placeholder', source: 'references', message: 'reference [1] is "\u001b]0;pwned\u0007"', line: 3, column: 1 }]);
    expect(text.split('\n')).toHaveLength(2);
    expect(text.slice(0, -1)).not.toMatch(active);
  });

  it('the ingest summary and the build table escape paths', () => {
    const summary = ingestSummary(summaryOf(HOSTILE), `out/articles/${HOSTILE}`, false);
    expect(summary.split('\n')[0]).not.toMatch(active);
    const table = buildTable([summaryOf(HOSTILE)], { computed: 1, reused: 0, threads: 0, changed: 1, seconds: 0, outDir: `out\u001b[2J`, report: null }, false);
    expect(table.replace(/\n/g, '')).not.toMatch(active);
  });

  it('a file named to forge an error line cannot: the build prints its one diagnostic on one line', () => {
    const p = makeProject([]);
    writeFileSync(join(p.inputs, HOSTILE), '');
    const r = p.digest('build');
    expect(r.status).toBe(1);
    const lines = r.stderr.split('\n');
    expect(lines.filter((l) => l.includes('[input-empty]'))).toHaveLength(1);
    expect(lines.some((l) => l.startsWith('x.txt:1:1: error: forged'))).toBe(false);
    expect(r.stderr.replace(/\n/g, '')).not.toMatch(active);
  });
});

describe('11.15 a folder digest cannot use is one line and exit 2, never an internal error', () => {
  it('out/ that is a file', () => {
    const p = makeProject(['as-2025.txt']);
    writeFileSync(p.out, 'not a folder');
    for (const args of [['build'], ['build', '--check'], ['ingest', join(p.inputs, 'as-2025.txt'), '--out', p.out]]) {
      const r = p.digest(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toBe(`digest ${args[0]}: cannot use ${p.out} as the output folder: it is a file, not a folder\n`);
    }
  });

  it('a read-only out/ (a read-only bind mount, where the machine allows one)', (context) => {
    const p = makeProject(['as-2025.txt']);
    expect(p.digest('build', '--quiet').status).toBe(0);
    const script = `mount --bind "$1" "$1" && mount -o remount,ro,bind "$1" && touch "$1/probe" 2>/dev/null && exit 3; shift; exec "$@"`;
    const r = spawnSync('unshare', ['-m', 'sh', '-c', script, 'sh', p.out, process.execPath, repo('bin/digest.js'), 'ingest', join(p.inputs, 'as-2025.txt'), '--out', p.out], { cwd: p.dir, encoding: 'utf8' });
    if (r.error || (r.status !== 2 && /mount|unshare/.test(r.stderr))) context.skip();
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^digest ingest: cannot .+: read-only file system \(EROFS\)\n$/);
  });
});
