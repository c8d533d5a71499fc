import { createHash } from 'node:crypto';
import { translateDefaults } from '../generated/stage-defaults.js';
import { configuredModel, modelRules } from '../core/models.js';
import { defineStage } from '../core/stage.js';

const keyOf = (modelId: string, text: string) => createHash('sha256').update(modelId).update('\u0000').update(text).digest('hex');

/**
 * translate (optional): machine translation of every item's and section's prose, paragraph
 * by paragraph, with a local transformers.js model (e.g. an opus-mt zh→en export), batched
 * through a bounded queue and cached by text hash for the life of the loaded pipeline (a
 * build translates a paragraph once; the memory is the stage's state, made per pipeline). Without the model: one clear diagnostic, the record otherwise
 * as it was. It writes nothing: a disk cache would write outside --out.
 */
export const translate = defineStage({
  name: 'translate',
  description: 'Optional: machine-translate prose to English with a local model (transformers.js), cached by text hash.',
  needs: ['sections'],
  provides: ['translations'],
  rules: {
    ...modelRules,
    'translation-stats': {
      severity: 'info',
      description: 'How many paragraphs the translate stage translated, took from its memory, or failed.',
      example: 'any input ingested with a translation model configured',
    },
  },
  defaults: translateDefaults,
  createState: () => new Map<string, string>(),
  async run(doc, { options, baseDir, report, state: memory }) {
    const model = await configuredModel('translation', options, baseDir, report, 'translate');
    if (!model) return;

    const targets: { paragraphs: string[]; set: (english: string) => void }[] = [];
    for (const section of doc.sections) {
      if (section.text) targets.push({ paragraphs: section.text.split('\n'), set: (en) => void (section.textEn = en) });
      for (const item of section.items) targets.push({ paragraphs: item.text.split('\n'), set: (en) => void (item.textEn = en) });
    }
    const wanted = [...new Set(targets.flatMap((t) => t.paragraphs))].filter((p) => /\p{Script=Han}/u.test(p)).slice(0, options.maxParagraphs);
    const translations = new Map<string, string>();
    const todo: string[] = [];
    let cached = 0;
    for (const paragraph of wanted) {
      const key = keyOf(options.modelId, paragraph);
      const hit = memory.get(key);
      if (hit !== undefined) {
        translations.set(paragraph, hit);
        cached++;
      } else todo.push(paragraph);
    }
    const { default: PQueue } = await import('p-queue');
    const queue = new PQueue({ concurrency: 1, timeout: options.timeoutMs });
    let failed = 0;
    for (let i = 0; i < todo.length; i += options.batchSize) {
      const batch = todo.slice(i, i + options.batchSize);
      try {
        const out = (await queue.add(() => model.run(batch))) as { translation_text: string }[] | { translation_text: string };
        const list = Array.isArray(out) ? out : [out];
        batch.forEach((paragraph, k) => {
          const english = list[k]?.translation_text ?? '';
          translations.set(paragraph, english);
          const key = keyOf(options.modelId, paragraph);
          memory.set(key, english);
        });
      } catch (error) {
        failed += batch.length;
        report('model-failed', `translation failed for ${batch.length} paragraph(s): ${(error as Error).message}`);
      }
    }
    for (const target of targets) {
      if (!target.paragraphs.some((p) => translations.has(p))) continue;
      target.set(target.paragraphs.map((p) => translations.get(p) ?? p).join('\n'));
    }
    report('translation-stats', `translated ${wanted.length} paragraph(s): ${todo.length - failed} by the model, ${cached} from the cache${failed ? `, ${failed} failed` : ''}`);
  },
});
