import { describe, expect, it } from 'vitest';
import { DigestDocument } from '../../src/core/document.js';
import { createContext } from '../../src/core/stage.js';
import { validate } from '../../src/stages/validate.js';
import { pipeline } from '../helpers.js';

describe('validate stage', () => {
  it('rejects a record that breaks the schema, naming the JSON pointer', async () => {
    const doc = new DigestDocument({ name: 'x.txt' });
    doc.setText('text');
    doc.id = 'x';
    doc.sections = [{ kind: 'month', heading: 'h', month: '2025-13', position: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } }, items: [] }];
    await validate.run(doc, createContext(validate, {}, pipeline().data, {}, doc));
    expect(doc.failed).toBe(true);
    expect(doc.diagnostics[0]).toMatchObject({ rule: 'record-invalid', severity: 'error', source: 'validate' });
    expect(doc.diagnostics[0]?.message).toContain('/sections/0/month');
  });

  it('rejects CSL the official schema does not allow', async () => {
    const doc = new DigestDocument({ name: 'x.txt' });
    doc.setText('text');
    doc.id = 'x';
    doc.references = [{ id: 'ref-1', number: 1, raw: 'r', position: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } }, csl: { id: 'ref-1', type: 'article-journal', journal: 'x' } }];
    await validate.run(doc, createContext(validate, {}, pipeline().data, {}, doc));
    expect(doc.diagnostics.find((d) => d.rule === 'csl-invalid')?.message).toContain('/references/0/csl');
  });
});
