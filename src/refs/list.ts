import { plainBlocks } from '../parse/plain.js';
import { orderCsl, type CslItem } from './csl.js';
import { parseReference } from './parse.js';
import { splitReferences } from './split.js';

/**
 * Parses a whole reference list: a numbered block as copied from a page ("参考资料" list,
 * [n] / n. numbering, entries over several lines), one reference per line, or JSON Lines of
 * `{"raw": "…"}` objects. Returns CSL-JSON items with ids `ref-<n>`.
 */
export function parseReferences(text: string): CslItem[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const jsonl = lines.length > 0 && lines.every((l) => l.trimStart().startsWith('{'));
  if (jsonl) {
    return lines.map((line, i) => {
      let raw = '';
      try {
        const value = JSON.parse(line) as { raw?: unknown };
        raw = typeof value.raw === 'string' ? value.raw : '';
      } catch {
        raw = line;
      }
      return orderCsl(parseReference(raw, `ref-${i + 1}`).csl);
    });
  }
  const { entries } = splitReferences(plainBlocks(text.replace(/\r\n?/g, '\n')));
  let next = Math.max(0, ...entries.map((e) => e.number ?? 0)) + 1;
  const used = new Set<number>();
  return entries.map((entry) => {
    let number = entry.number ?? next++;
    if (used.has(number)) number = next++;
    used.add(number);
    return orderCsl(parseReference(entry.raw, `ref-${number}`).csl);
  });
}
