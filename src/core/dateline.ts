import type { CompiledStructure } from './data.js';
import type { Block, DigestDocument } from './document.js';
import { foldedOf } from './text.js';

/**
 * The match of the structure's `bylinePrefixes` that opens a folded block — its opening dateline or
 * byline ("HONG KONG –", "MUMBAI:", "記者 X 報導") —, or null. A dateline with no date names its place
 * in the groups `place` (and `place2`), which must be in the data's `datelinePlaces`: a capitalised
 * word before a dash is a dateline only where it names a known place.
 *
 * Shared here because two stages read it alike: segment, to keep the dateline out of the lead, and
 * entities, to tag no place inside it.
 */
export function openingDatelineMatch(folded: string, s: CompiledStructure): RegExpExecArray | null {
  const patterns = s.groups['/bylinePrefixes'];
  const list = patterns.candidates(folded);
  for (let i = 0; i < list.length; i++) {
    const m = patterns.exec(list[i]!, folded);
    if (m && m[0].length > 0 && knownPlaces(m.groups, s) && !regionKicker(m, folded, s) && !lowerCaseAfter(m, folded)) return m;
  }
  return null;
}

/**
 * True when a dateline of a place alone (no date, no wire's credit: "TOKYO Mar 4", "(Reuters) -" are datelines) opens a block that is one line of headline, no sentence
 * ending it ("UK – MHRA authorises world-first gene therapy that aims to cure sickle-cell disease"): the region a
 * trade site's headline is filed under, not where a story was written, so the line stays whole as the title. A
 * dateline opens a paragraph of sentences ("LONDON – The MHRA has approved …."), ended by a stop (or an ellipsis, a teaser's
 * cut: "DENVER — A small phase 1 study found…"); a wire brief's company
 * label opens a line in capitals ("EXAMPLE BIO - HEALTH CANADA HAS APPROVED …"), no headline's lower case.
 */
function regionKicker(m: RegExpExecArray, folded: string, s: CompiledStructure): boolean {
  if (/[\d(]/.test(m[0])) return false;
  const rest = folded.slice(m[0].length).trimEnd();
  return rest.length > 0 && rest.length <= s.maxLatinHeadlineLength && /[a-z]/.test(rest) && !rest.includes('\n') && !/(?:[.!?。！？…]|\.\.\.)["'”’)]?$/.test(rest);
}

/**
 * True when a dateline of a place alone (no date, no wire's credit) is followed by a word in lower case: a
 * sentence's subject set off by a dash ("NICE - which provides guidance for the NHS - also recommends …"), not
 * where a story was written. A dateline opens a sentence: a capital follows it ("LONDON – The MHRA …"), or a
 * name that is no lower-case word ("TOKYO – iPS cells …").
 */
function lowerCaseAfter(m: RegExpExecArray, folded: string): boolean {
  if (/[\d(]/.test(m[0])) return false;
  return /^\s*[a-z]+[ ,]/.test(folded.slice(m[0].length));
}

/** Whether a dateline's place groups, where the pattern has them, name places the data knows. */
function knownPlaces(groups: Record<string, string | undefined> | undefined, s: CompiledStructure): boolean {
  const place = groups?.['place'];
  if (place === undefined) return true;
  const other = groups!['place2'];
  return s.datelinePlaces !== null && s.datelinePlaces.has(place) && (other === undefined || s.datelinePlaces.has(other));
}

/**
 * How much of a block of the document the structure's `bylinePrefixes` read as its opening dateline
 * or byline (0: none), read once and kept on the document (`doc.openingDatelines`): segment reads
 * it, and entities reads the same length again to tag no place inside it, without asking the patterns.
 */
export function openingDatelineLength(block: Block, doc: DigestDocument, s: CompiledStructure): number {
  let length = doc.openingDatelines.get(block);
  if (length === undefined) {
    length = openingDatelineMatch(foldedOf(block, doc.folded), s)?.[0].length ?? 0;
    doc.openingDatelines.set(block, length);
  }
  return length;
}
