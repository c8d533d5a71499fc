import type { ArticleRecord } from '../generated/article.js';
import { toRecord } from '../core/record.js';
import { articleValidator, cslItemValidator } from '../core/schemas.js';
import { defineStage } from '../core/stage.js';

/**
 * validate: the assembled record against schemas/article.schema.json (2020-12) and every
 * reference's CSL against the official csl-data.json. An invalid record is never written;
 * the error names the JSON pointer.
 */
export const validate = defineStage({
  name: 'validate',
  description: 'Validate the record against the article schema and each reference against CSL-JSON.',
  rules: { 'record-invalid': 'error', 'csl-invalid': 'error' },
  defaults: {},
  async run(doc, { report }) {
    const record = toRecord(doc, doc.id);
    const article = await articleValidator<ArticleRecord>();
    if (!article(record)) {
      for (const e of article.errors()) report('record-invalid', `record does not match schemas/article.schema.json at ${e.pointer || '/'}: ${e.message}`);
      doc.failed = true;
    }
    const csl = await cslItemValidator();
    record.references.forEach((reference, i) => {
      if (!csl(reference.csl)) {
        const [e] = csl.errors();
        report('csl-invalid', `references[${i}].csl is not valid CSL-JSON at /references/${i}/csl${e?.pointer ?? ''}: ${e?.message}`, { offset: doc.lines.offset(reference.position.start) });
        doc.failed = true;
      }
    });
  },
});
