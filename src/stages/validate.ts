import type { ArticleRecord } from '../generated/article.js';
import { assembleRecord } from '../core/record.js';
import { articleValidator, cslItemValidator } from '../core/schemas.js';
import { defineStage } from '../core/stage.js';
import { validateDefaults } from '../generated/stage-defaults.js';

/**
 * validate: the assembled record against schemas/article.schema.json (2020-12) and every
 * reference's CSL against the official csl-data.json. An invalid record is never written;
 * the error names the JSON pointer. The record validated is the one written (`recordOf`).
 */
export const validate = defineStage({
  name: 'validate',
  description: 'Validate the record against the article schema and each reference against CSL-JSON.',
  needs: ['text'],
  provides: ['validated'],
  rules: {
    'record-invalid': {
      severity: 'error',
      fatal: true,
      description: 'The assembled record does not match schemas/article.schema.json (a bug: it is never written).',
      example: 'a stage that left a field of the wrong type',
    },
    'csl-invalid': {
      severity: 'error',
      fatal: true,
      description: 'A reference’s CSL-JSON does not match the official csl-data.json (a bug: the record is never written).',
      example: 'a reference parsed with an issued date that is not date-parts',
    },
  },
  defaults: validateDefaults,
  async run(doc, { report }) {
    // The record ingest writes: assembled once (recordOf).
    const record = assembleRecord(doc);
    const article = await articleValidator<ArticleRecord>();
    if (!article(record)) {
      for (const e of article.errors()) report('record-invalid', `record does not match schemas/article.schema.json at ${e.pointer || '/'}: ${e.message}`);
    }
    const csl = await cslItemValidator();
    record.references.forEach((reference, i) => {
      if (!csl(reference.csl)) {
        const [e] = csl.errors();
        report('csl-invalid', `references[${i}].csl is not valid CSL-JSON at /references/${i}/csl${e?.pointer ?? ''}: ${e?.message}`, { offset: doc.lines.offset(reference.position.start) });
      }
    });
  },
});
