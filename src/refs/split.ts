import type { Block, ReferenceEntry } from '../core/document.js';
import { foldWidth } from '../core/text.js';

/** Something the splitter noticed about the list's numbering. */
export interface SplitNote {
  kind: 'unnumbered' | 'merged-line';
  offset: number;
  number: number | null;
}

const lineStartMarker = /^\s*(?:\[\s*(\d{1,6})\s*\]|［\s*(\d{1,6})\s*］|【\s*(\d{1,6})\s*】|\(\s*(\d{1,3})\s*\)|（\s*(\d{1,3})\s*）|(\d{1,3})\s*[.．、](?!\d))\s*/u;
const inlineMarker = /(?:\[(\d{1,6})\]|［(\d{1,6})］|【(\d{1,6})】)\s*(?=\S)/gu;
// What may stand right before a second entry's number on the same line.
const inlineLeft = /[.。;；)\]\p{L}\d]$/u;

interface Segment {
  joinedStart: number;
  block: Block;
}

interface Marker {
  at: number;
  end: number;
  number: number | null;
  inline: boolean;
}

/**
 * Splits the blocks of a reference list into entries: one per `[n]`, `n.`, `(n)`, `【n】` or
 * Markdown list item; an entry may run over several lines, and two entries on one line
 * ("…117591.[5]Ke M, …") are split when the second number follows the first.
 */
export function splitReferences(blocks: readonly Block[]): { entries: ReferenceEntry[]; notes: SplitNote[] } {
  const segments: Segment[] = [];
  let joined = '';
  for (const block of blocks) {
    if (joined) joined += '\n';
    segments.push({ joinedStart: joined.length, block });
    joined += block.text;
  }
  // The segment holding a joined-text index: binary search (lists can have 10^5 entries).
  const segmentAt = (index: number): Segment => {
    let low = 0;
    let high = segments.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (segments[mid]!.joinedStart <= index) low = mid;
      else high = mid - 1;
    }
    return segments[low]!;
  };
  const sourceOffset = (index: number): number => {
    const seg = segmentAt(index);
    return seg.block.exact ? seg.block.start + Math.min(index - seg.joinedStart, seg.block.text.length) : seg.block.start;
  };

  const markers: Marker[] = [];
  const lineMarkerEnd = new Map<Segment, number>();
  for (const seg of segments) {
    if (seg.block.ordinal !== undefined) {
      markers.push({ at: seg.joinedStart, end: seg.joinedStart, number: seg.block.ordinal, inline: false });
      continue;
    }
    const m = lineStartMarker.exec(foldWidth(seg.block.text));
    if (m) {
      const number = Number(m.slice(1).find((g) => g !== undefined));
      markers.push({ at: seg.joinedStart, end: seg.joinedStart + m[0].length, number, inline: false });
      lineMarkerEnd.set(seg, seg.joinedStart + m[0].length);
    }
  }
  // Markers are found in the width-folded view (［１］ → [1]); it has the same length.
  const folded = foldWidth(joined);
  for (const m of folded.matchAll(inlineMarker)) {
    const at = m.index;
    const left = folded.slice(Math.max(0, at - 40), at).replace(/[ \t]+$/, '');
    if (left === '' || left.endsWith('\n') || !inlineLeft.test(left) || at < (lineMarkerEnd.get(segmentAt(at)) ?? -1)) continue;
    markers.push({ at, end: at + m[0].length, number: Number(m.slice(1).find((g) => g !== undefined)), inline: true });
  }
  markers.sort((a, b) => a.at - b.at);

  // An inline "[n]" starts an entry only when it continues the numbering and no line of its
  // own carries that number (else it is text inside the entry, like "cells [2] and").
  const lineNumbers = new Set(markers.filter((m) => !m.inline).map((m) => m.number));
  const accepted: Marker[] = [];
  for (const marker of markers) {
    const previous = accepted[accepted.length - 1];
    if (marker.inline && (!previous || marker.number !== previous.number! + 1 || lineNumbers.has(marker.number))) continue;
    accepted.push(marker);
  }

  const entries: ReferenceEntry[] = [];
  const notes: SplitNote[] = [];
  const firstAt = accepted[0]?.at ?? joined.length;
  // Lines before the first number (or a list with no numbers at all): one entry per line.
  for (const seg of segments) {
    if (seg.joinedStart >= firstAt) break;
    const text = joined.slice(seg.joinedStart, Math.min(seg.joinedStart + seg.block.text.length, firstAt)).trim();
    if (!text) continue;
    entries.push({ number: null, raw: text, start: seg.block.start, end: seg.block.end });
    notes.push({ kind: 'unnumbered', offset: seg.block.start, number: null });
  }
  accepted.forEach((marker, i) => {
    const next = accepted[i + 1]?.at ?? joined.length;
    const raw = joined
      .slice(marker.end, next)
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .join(' ');
    entries.push({ number: marker.number, raw, start: sourceOffset(marker.at), end: sourceOffset(Math.max(marker.at, next - 1)) + 1 });
    if (marker.inline) notes.push({ kind: 'merged-line', offset: sourceOffset(marker.at), number: marker.number });
  });
  return { entries, notes };
}
