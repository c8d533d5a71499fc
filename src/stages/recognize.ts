import { createHash } from 'node:crypto';
import type { Entity } from '../generated/article.js';
import { recognizeDefaults } from '../generated/stage-defaults.js';
import { configuredModel, modelRules } from '../core/models.js';
import { defineStage } from '../core/stage.js';

/** One token the token-classification pipeline returned. */
interface Token {
  entity: string;
  score: number;
  index: number;
  word: string;
}

const entityTypes: ReadonlySet<Entity['type']> = new Set<Entity['type']>(['disease', 'cell', 'molecule', 'measure', 'organization', 'journal', 'drug', 'country', 'other']);

/**
 * Rebuilds character spans from tokens: transformers.js gives words, not offsets, so each
 * word is found in the text after the previous one; B-X starts a span, I-X continues a span
 * of the same type that ends where it starts (white space between allowed).
 */
export function spansFromTokens(text: string, tokens: Token[], minScore: number): { start: number; end: number; label: string }[] {
  const lower = text.toLowerCase();
  const spans: { start: number; end: number; label: string }[] = [];
  let cursor = 0;
  let open: { start: number; end: number; label: string } | null = null;
  for (const token of tokens) {
    const word = token.word.replace(/^##/, '').toLowerCase();
    if (!word) continue;
    const at = lower.indexOf(word, cursor);
    if (at === -1) continue;
    cursor = at + word.length;
    if (token.score < minScore) {
      open = null;
      continue;
    }
    const [, prefix, label] = /^(?:([BI])-)?(.+)$/.exec(token.entity)!;
    const continues = open && open.label === label && prefix !== 'B' && text.slice(open.end, at).trim() === '';
    if (continues) open!.end = cursor;
    else {
      open = { start: at, end: cursor, label: label! };
      spans.push(open);
    }
  }
  return spans;
}

/**
 * recognize (optional): adds entities a local token-classification model finds, beyond the
 * lexicon. Model spans that the lexicon names are normalised to its concept; others become
 * concepts of their own, labelled as written. Lexicon mentions win where the two overlap.
 */
export const recognize = defineStage({
  name: 'recognize',
  description: 'Optional: tag entities with a local token-classification model (transformers.js).',
  needs: ['entities'],
  provides: ['entities'],
  rules: modelRules,
  defaults: recognizeDefaults,
  async run(doc, { options, data, baseDir, report }) {
    const model = await configuredModel('token-classification', options, baseDir, report, 'recognize');
    if (!model) return;
    const { default: PQueue } = await import('p-queue');
    const queue = new PQueue({ concurrency: 1, timeout: options.timeoutMs });
    const referenceBlocks = new Set(doc.referenceBlocks);
    const blocks = doc.blocks.filter((b) => b.exact && !referenceBlocks.has(b));
    const taken = doc.entities.flatMap((e) => e.mentions.map((m) => [m.start, m.end] as const));
    const byId = new Map(doc.entities.map((e) => [e.id, e]));
    const added: { entity: string; text: string; start: number; end: number }[] = [];
    for (let i = 0; i < blocks.length; i += options.batchSize) {
      const batch = blocks.slice(i, i + options.batchSize);
      let results: Token[][];
      try {
        const raw = (await queue.add(() => model.run(batch.map((b) => b.text)))) as Token[] | Token[][];
        results = batch.length === 1 && !Array.isArray((raw as unknown[])[0]) ? [raw as Token[]] : (raw as Token[][]);
      } catch (error) {
        report('model-failed', `the token-classification model failed on blocks ${i + 1}–${i + batch.length}: ${(error as Error).message}`, { offset: batch[0]!.start });
        continue;
      }
      for (const [k, block] of batch.entries()) {
        for (const span of spansFromTokens(block.text, results[k] ?? [], options.minScore)) {
          const start = block.start + span.start;
          const end = block.start + span.end;
          if (taken.some(([s, e]) => s < end && start < e)) continue;
          const text = block.text.slice(span.start, span.end);
          const known = data.concepts.conceptsIn(text).find((c) => c.start === 0 && c.end === text.length);
          const mapped = (options.labels[span.label] ?? span.label.toLowerCase()) as Entity['type'];
          const type = known?.type ?? (entityTypes.has(mapped) ? mapped : 'other');
          const id = known?.id ?? `${type}:model-${createHash('sha256').update(text).digest('hex').slice(0, 10)}`;
          let entity = byId.get(id);
          if (!entity) {
            entity = { id, type, label: known?.label ?? text, xrefs: [], mentions: [] };
            byId.set(id, entity);
            doc.entities.push(entity);
          }
          entity.mentions.push({ text, start, end });
          added.push({ entity: id, text, start, end });
          taken.push([start, end]);
        }
      }
    }
    for (const section of doc.sections) {
      for (const item of section.items) {
        const from = doc.lines.offset(item.position.start);
        const to = doc.lines.offset(item.position.end);
        item.entities = [...item.entities, ...added.filter((m) => m.start >= from && m.end <= to)].sort((a, b) => a.start - b.start);
      }
    }
    for (const entity of doc.entities) entity.mentions.sort((a, b) => a.start - b.start);
  },
});
