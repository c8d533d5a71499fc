import type { ReferenceEntry } from '../core/document.js';
import { plainBlocks } from '../parse/plain.js';
import { orderCsl, type CslItem } from './csl.js';
import { parseReference } from './parse.js';
import { splitReferences, type SplitNote } from './split.js';

/** How to read a list. */
export interface ListOptions {
  /** The list's heading patterns (the pipeline's `referenceHeadings`): a heading glued to entry [1] is cut off. */
  headings?: readonly RegExp[];
  /** At most this many entries; more is an error, and nothing is parsed (`references.maxReferences`). */
  maxReferences?: number;
}

/** A list read: its items, what the splitter noticed, and whether it was over the limit. */
export interface ParsedList {
  items: CslItem[];
  entries: ReferenceEntry[];
  notes: SplitNote[];
  /** Set when the list had more entries than `maxReferences` (then `items` is empty). */
  tooMany?: { count: number; limit: number };
}

/**
 * The numbers the entries get: their own where they have one and it is free, else the next
 * number after the largest (a loop, not `Math.max(...list)`: lists can have 10^5 entries).
 */
export function entryNumbers(entries: readonly { number: number | null }[]): number[] {
  let largest = 0;
  for (const entry of entries) if (entry.number !== null && entry.number > largest) largest = entry.number;
  let next = largest + 1;
  const used = new Set<number>();
  return entries.map((entry) => {
    let number = entry.number ?? next++;
    if (used.has(number)) number = next++;
    used.add(number);
    return number;
  });
}

/**
 * Reads a whole reference list: a numbered block as copied from a page ("参考资料" list,
 * [n] / n. numbering, entries over several lines), one reference per line, or JSON Lines of
 * `{"raw": "…"}` objects. Items have ids `ref-<n>`.
 */
export function readReferenceList(text: string, options: ListOptions = {}): ParsedList {
  const limit = options.maxReferences ?? Infinity;
  const normalised = text.replace(/\r\n?/g, '\n');
  const lines = normalised.split('\n').filter((l) => l.trim() !== '');
  if (lines.length > 0 && lines.every((l) => l.trimStart().startsWith('{'))) {
    if (lines.length > limit) return { items: [], entries: [], notes: [], tooMany: { count: lines.length, limit } };
    const items = lines.map((line, i) => {
      let raw = '';
      try {
        const value = JSON.parse(line) as { raw?: unknown };
        raw = typeof value.raw === 'string' ? value.raw : '';
      } catch {
        raw = line;
      }
      return orderCsl(parseReference(raw, `ref-${i + 1}`).csl);
    });
    return { items, entries: [], notes: [] };
  }
  const { entries, notes } = splitReferences(plainBlocks(normalised), options.headings ? { headings: options.headings } : {});
  if (entries.length > limit) return { items: [], entries, notes, tooMany: { count: entries.length, limit } };
  const numbers = entryNumbers(entries);
  const items = entries.map((entry, i) => orderCsl(parseReference(entry.raw, `ref-${numbers[i]}`).csl));
  return { items, entries, notes };
}

/** Parses a whole reference list into CSL-JSON items (see `readReferenceList`). */
export function parseReferences(text: string, options: ListOptions = {}): CslItem[] {
  return readReferenceList(text, options).items;
}
