import type { ArticleChange, ArticleDigest, DigestItem } from '../../generated/changes.js';
import { esc } from './html.js';

/** What differs between two versions of an item. */
export type ItemField = 'date' | 'journal' | 'paperTitle' | 'dois' | 'text' | 'place';

/** An item found in both versions, and what differs. */
export interface ItemChange {
  before: DigestItem;
  after: DigestItem;
  fields: ItemField[];
}

/** A reference whose DOI differs between the versions (null: the reference, or its DOI, is absent). */
export interface ReferenceChange {
  number: number;
  before: string | null;
  after: string | null;
  /** Whether the reference itself is new or gone (not only its DOI). */
  kind: 'added' | 'removed' | 'doi';
}

/** How one article's current version differs from its previous one. */
export interface ArticleDiff {
  added: DigestItem[];
  removed: DigestItem[];
  changed: ItemChange[];
  references: ReferenceChange[];
  id: { before: string; after: string } | null;
  path: { before: string | null; after: string | null } | null;
  title: { before: string | null; after: string | null } | null;
}

/**
 * Pairs the items of two versions, most certain first: the same text; the same paper title;
 * a DOI in common; the same date and journal. Each pass takes the current items in order and
 * the first unpaired previous item that fits, so the pairing is deterministic. What stays
 * unpaired was added or removed.
 */
function pairItems(previous: readonly DigestItem[], current: readonly DigestItem[]): { pairs: [DigestItem, DigestItem][]; added: DigestItem[]; removed: DigestItem[] } {
  const used = new Set<number>();
  const partner = new Map<number, number>();
  const passes: ((a: DigestItem, b: DigestItem) => boolean)[] = [
    (a, b) => a.text === b.text,
    (a, b) => a.paperTitle !== null && a.paperTitle === b.paperTitle,
    (a, b) => a.dois.some((doi) => b.dois.includes(doi)),
    (a, b) => a.journal !== null && a.journal === b.journal && a.date === b.date,
  ];
  for (const fits of passes) {
    current.forEach((item, j) => {
      if (partner.has(j)) return;
      const i = previous.findIndex((old, k) => !used.has(k) && fits(old, item));
      if (i < 0) return;
      used.add(i);
      partner.set(j, i);
    });
  }
  const pairs: [DigestItem, DigestItem][] = [];
  const added: DigestItem[] = [];
  current.forEach((item, j) => {
    const i = partner.get(j);
    if (i === undefined) added.push(item);
    else pairs.push([previous[i]!, item]);
  });
  return { pairs, added, removed: previous.filter((_, i) => !used.has(i)) };
}

/** The differences between two digests of one article. */
export function diffDigests(previous: ArticleDigest, current: ArticleDigest): ArticleDiff {
  const { pairs, added, removed } = pairItems(previous.items, current.items);
  const changed: ItemChange[] = [];
  for (const [before, after] of pairs) {
    const fields: ItemField[] = [];
    if (before.date !== after.date) fields.push('date');
    if (before.journal !== after.journal) fields.push('journal');
    if (before.paperTitle !== after.paperTitle) fields.push('paperTitle');
    if (before.dois.join(' ') !== after.dois.join(' ')) fields.push('dois');
    if (before.text !== after.text) fields.push('text');
    if (fields.length === 0 && before.at !== after.at) fields.push('place');
    if (fields.length) changed.push({ before, after, fields });
  }
  const references: ReferenceChange[] = [];
  const old = new Map(previous.references.map((r) => [r.number, r.doi]));
  const now = new Map(current.references.map((r) => [r.number, r.doi]));
  const numbers = [...new Set([...old.keys(), ...now.keys()])].sort((a, b) => a - b);
  for (const number of numbers) {
    const before = old.get(number);
    const after = now.get(number);
    if (before === undefined) references.push({ number, before: null, after: after ?? null, kind: 'added' });
    else if (after === undefined) references.push({ number, before, after: null, kind: 'removed' });
    else if (before !== after) references.push({ number, before, after, kind: 'doi' });
  }
  return {
    added,
    removed,
    changed,
    references,
    id: previous.id !== current.id ? { before: previous.id, after: current.id } : null,
    path: previous.path !== current.path ? { before: previous.path, after: current.path } : null,
    title: previous.title !== current.title ? { before: previous.title, after: current.title } : null,
  };
}

/** The diff of an article's last change, or null when it has no previous version to compare with. */
export function diffOf(change: ArticleChange | null | undefined): ArticleDiff | null {
  return change?.previous ? diffDigests(change.previous, change.current) : null;
}

/** "+2 new, 1 removed, 3 changed" — the items of a diff in a few words ('' when none moved). */
export function diffCounts(diff: ArticleDiff): string {
  const parts = [
    diff.added.length ? `${diff.added.length} new` : '',
    diff.removed.length ? `${diff.removed.length} removed` : '',
    diff.changed.length ? `${diff.changed.length} changed` : '',
  ].filter(Boolean);
  const refs = diff.references.length ? `${diff.references.length} reference${diff.references.length === 1 ? '' : 's'}` : '';
  const items = parts.length ? `${parts.join(', ')} item${diff.added.length + diff.removed.length + diff.changed.length === 1 ? '' : 's'}` : '';
  return [items, refs, diff.id ? 'id' : '', diff.title ? 'title' : '', diff.path ? 'path' : ''].filter(Boolean).join('; ');
}

const fieldNames: Record<ItemField, string> = { date: 'date', journal: 'journal', paperTitle: 'paper title', dois: 'DOIs', text: 'text', place: 'place' };

/** One field's change, before → after, escaped. */
export function fieldChange(change: ItemChange, field: ItemField): string {
  const show = (item: DigestItem): string => {
    if (field === 'date') return esc(item.date);
    if (field === 'journal') return esc(item.journal ?? '(none)');
    if (field === 'paperTitle') return esc(item.paperTitle ?? '(none)');
    if (field === 'dois') return item.dois.length ? item.dois.map((d) => `<code>${esc(d)}</code>`).join(', ') : '(none)';
    return '';
  };
  if (field === 'text') return 'text edited';
  if (field === 'place') return `moved (${esc(change.before.at)} → ${esc(change.after.at)})`;
  return `${fieldNames[field]} ${show(change.before)} → ${show(change.after)}`;
}

/** An item of a digest in one line: date · journal · paper title (escaped). */
export function itemLine(item: DigestItem): string {
  return [esc(item.date), item.journal ? esc(item.journal) : '', item.paperTitle ? `《${esc(item.paperTitle)}》` : ''].filter(Boolean).join(' · ');
}
