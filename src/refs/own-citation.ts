import { referenceData } from '../generated/reference-data.js';

let heading: RegExp | null = null;
/**
 * The units a heading may open with: each of references.json's pageCitationHeadings' first
 * letters in both cases (the pattern is case-insensitive without the u flag, under which an ASCII
 * letter matches itself and its other case alone); null when a heading opens with anything else,
 * and every line is then asked.
 */
let openings: string | null | undefined;

/** Whether `unit` may open a line {@link heading} matches: most reference lines open with a number, a bracket or a name, and are answered without the pattern. */
function mayOpenHeading(unit: string): boolean {
  if (openings === undefined) {
    const firsts = referenceData.pageCitationHeadings.map((w) => w.charAt(0));
    const isAsciiLetter = (c: string) => c !== '' && (c.charCodeAt(0) | 0x20) >= 0x61 && (c.charCodeAt(0) | 0x20) <= 0x7a;
    openings = firsts.every(isAsciiLetter) ? firsts.map((c) => c.toLowerCase() + c.toUpperCase()).join('') : null;
  }
  return openings === null || openings.includes(unit);
}

/**
 * True when a line of the reference list opens the page's citation of itself ("Cite This Page:",
 * "Cite this article", "How to cite", references.json's pageCitationHeadings): what follows cites
 * the page the record is made of, in the styles a reader may copy, not a work the article cites,
 * so it ends the list (segment keeps it out as chrome).
 */
export function isPageCitationHeading(text: string): boolean {
  if (text.length > 200) return false;
  const line = text.trimStart();
  // (A line no heading can open is not asked: the pattern is compiled for a page whose list holds one's first letter, ~0.35 M instructions a compile.)
  if (line === '' || !mayOpenHeading(line[0]!)) return false;
  heading ??= new RegExp(`^(?:${referenceData.pageCitationHeadings.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+')).join('|')})\\s*(?:[:：]|$)`, 'i');
  return heading.test(line);
}
