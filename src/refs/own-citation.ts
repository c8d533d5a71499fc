import { referenceData } from '../generated/reference-data.js';

let heading: RegExp | null = null;

/**
 * True when a line of the reference list opens the page's citation of itself ("Cite This Page:",
 * "Cite this article", "How to cite", references.json's pageCitationHeadings): what follows cites
 * the page the record is made of, in the styles a reader may copy, not a work the article cites,
 * so it ends the list (segment keeps it out as chrome).
 */
export function isPageCitationHeading(text: string): boolean {
  if (text.length > 200) return false;
  heading ??= new RegExp(`^(?:${referenceData.pageCitationHeadings.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+')).join('|')})\\s*(?:[:：]|$)`, 'i');
  return heading.test(text.trimStart());
}
