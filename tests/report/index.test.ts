import { describe, expect, it } from 'vitest';
import { github, json, unix, type ReportedDiagnostic } from '../../src/report/index.js';

const at: ReportedDiagnostic = { file: 'in/a.txt', line: 3, column: 7, endLine: 3, endColumn: 9, severity: 'warning', rule: 'item-uncited', source: 'link', message: 'item of 2025-03-05 cites nothing' };
const row: ReportedDiagnostic = { file: 'out/items.jsonl', line: 12, severity: 'error', rule: 'row-invalid', message: '/date: must match pattern' };
const whole: ReportedDiagnostic = { file: 'in/b.txt', severity: 'info', rule: 'decode-guessed', message: 'encoding guessed as gb18030, 100%: sure' };

describe('reporters', () => {
  it('unix: path:line:col, path:line for a row, path alone for a whole file; colour on request', () => {
    expect(unix([at, row, whole])).toBe(
      'in/a.txt:3:7: warning: item of 2025-03-05 cites nothing [item-uncited]\n' +
        'out/items.jsonl:12: error: /date: must match pattern [row-invalid]\n' +
        'in/b.txt: info: encoding guessed as gb18030, 100%: sure [decode-guessed]\n',
    );
    expect(unix([row], { color: true })).toBe('out/items.jsonl:12: \u001b[31merror\u001b[0m: /date: must match pattern \u001b[2m[row-invalid]\u001b[0m\n');
  });

  it('github: workflow commands, info as notice, the end of a range, properties escaped', () => {
    expect(github([at, row, whole])).toBe(
      '::warning file=in/a.txt,line=3,col=7,endLine=3,endColumn=9,title=item-uncited::item of 2025-03-05 cites nothing\n' +
        '::error file=out/items.jsonl,line=12,title=row-invalid::/date: must match pattern\n' +
        '::notice file=in/b.txt,title=decode-guessed::encoding guessed as gb18030, 100%25: sure\n',
    );
    // Control characters are escaped for the terminal first, so a message stays one line.
    expect(github([{ ...whole, file: 'a,b:c%.txt', message: 'two\nlines\r' }])).toBe('::notice file=a%2Cb%3Ac%25.txt,title=decode-guessed::two\\nlines\\r\n');
  });

  it('json: one object a line, as given', () => {
    expect(json([at, whole]).split('\n').slice(0, 2).map((l) => JSON.parse(l))).toEqual([at, whole]);
  });
});
