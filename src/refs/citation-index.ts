import { referenceData } from '../generated/reference-data.js';
import type { CslItem } from './csl.js';
import { isParticle } from './names.js';
import { lazyPattern } from './text.js';
import { tidy } from './vancouver.js';

/**
 * Crossref's reference metadata as a citation index prints it ("Family, Title, Journal, № 19, с.
 * 179", a Ukrainian index's pages in any language): the first author's family, the article's
 * title, the journal, then the volume and the first page behind the index's own labels
 * (references.json's `citationIndexLabels`), fields parted by commas only — a title keeps its
 * full stop ("…species., Stem Cell Res Ther., № 6"), no year is printed, and the DOI stands on
 * the lines below. The general parser cuts fields at full stops and reads the family into the
 * title, so this form has a reader of its own, chosen only by its labels.
 */

/** One field of the tail: a label, optional space, one value with no space or comma in it. */
function labelledValue(piece: string, labels: readonly string[]): string | null {
  for (const label of labels) {
    if (!piece.startsWith(label)) continue;
    const value = piece.slice(label.length).trim();
    if (value !== '' && !/[\s,]/.test(value)) return value;
  }
  return null;
}

// A family name as Crossref keeps it: capitalised words ("Bayes-Genis", "O’Brien", "De Souza"),
// particles before them ("van der Berg"); never a word in lower case otherwise, a digit or a full stop.
// (Tested by case and by code unit, not by a pattern of Unicode's classes: V8 builds such a class through ICU as
// it parses the literal, at every start of a CLI whose code cache is refused. Issue 17: start-up.)
const notInName = lazyPattern(() => /[\d.,:;()[\]]/);

/** True for a word whose first letter is a capital ("Bayes-Genis", "Ødegaard"). */
function isCapitalised(word: string): boolean {
  const first = word.charAt(0);
  return first !== first.toLowerCase() && !notInName().test(word);
}

/** True when a comma piece reads as a family name alone (at most four words). */
function isFamilyName(piece: string): boolean {
  const words = piece.split(' ');
  if (words.length > 4) return false;
  let capitalised = 0;
  for (const word of words) {
    if (isCapitalised(word)) capitalised++;
    else if (!isParticle(word)) return false;
  }
  return capitalised > 0;
}

/** True when the string carries one of the index's labels as a comma piece of its own (tried before any parsing). */
function mayHoldLabels(core: string): boolean {
  const { volume, page } = referenceData.citationIndexLabels;
  for (const label of volume) if (core.includes(`, ${label}`)) return true;
  for (const label of page) if (core.includes(`, ${label}`)) return true;
  return false;
}

/**
 * Reads a citation index's form into `csl` (author, title, container, volume, page) and says
 * whether it did: the string must end in the labelled volume, the labelled page or both, with a
 * title and a container before them. `doi` is the entry's DOI, which the index prints bare on
 * the line below ("DOI:" on one line, the DOI on the next), so it may end the string.
 */
export function parseCitationIndex(core: string, csl: CslItem, doi?: string): boolean {
  if (!mayHoldLabels(core)) return false;
  let text = core.trim();
  if (doi && text.toLowerCase().endsWith(doi.toLowerCase())) text = text.slice(0, text.length - doi.length).trim();
  // (A separator the index writes after each entry's link: "https://doi.org/… -".)
  text = text.replace(/\s[-–—]$/, '').replace(/[.,;]$/, '');
  const pieces = text.split(', ');
  const { volume: volumeLabels, page: pageLabels } = referenceData.citationIndexLabels;
  const page = pieces.length > 0 ? labelledValue(pieces[pieces.length - 1]!, pageLabels) : null;
  if (page !== null) pieces.pop();
  const volume = pieces.length > 0 ? labelledValue(pieces[pieces.length - 1]!, volumeLabels) : null;
  if (volume !== null) pieces.pop();
  if ((volume === null && page === null) || pieces.length < 2 || pieces.some((p) => p.trim() === '')) return false;
  const container = pieces.pop()!;
  const family = pieces.length >= 2 && isFamilyName(pieces[0]!) ? pieces.shift()! : null;
  // (The full stop after a title is the rendering's; one after a journal ends its abbreviation: "Nat. Med.".)
  const title = tidy(pieces.join(', ')).replace(/(?<!\.)\.$/, '');
  if (!title) return false;
  if (family) csl.author = [{ family }];
  csl.title = title;
  csl['container-title'] = tidy(container);
  if (volume !== null) csl.volume = volume;
  if (page !== null) csl.page = page.replaceAll('–', '-');
  return true;
}
