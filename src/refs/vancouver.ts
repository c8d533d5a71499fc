/**
 * The biomedical sources the seed digests and PubMed Central copy: "Journal. 2004 May 3;99(2):1461-3"
 * (NLM), "Mol Biol Rep 52, 229 (2025)" (Springer), "Int. J. Mol. Sci. 2025, 26, 5766" (MDPI),
 * "J Clin Epidemiol 2003, 56(3):669-677" (BioMed Central), "Front. Immunol. 16:1613502"
 * (Frontiers). Each pattern is exact about its numbers, so a match is strong evidence of where
 * the title ended.
 */

import { endsInDottedAbbreviation, referenceWords } from './data.js';
import { lazyPattern, squashSpaces, stripEnds } from './text.js';
import { latin1Pattern } from './latin1.js';

// A dash between letters or digits (restoreHyphens), in the form its text needs (src/refs/latin1.ts).
const dashInWord = latin1Pattern(() => /(?<=[\p{L}\p{N}])[—–](?=[\p{L}\p{N}])/gu);

const monthWords: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };

/** Restores hyphens that arrived as em dashes inside words ("Single—cell", "PD—L1"). */
export function restoreHyphens(text: string): string {
  if (!text.includes('—') && !text.includes('–')) return text;
  return text.replace(dashInWord(text), '-');
}

/** A field's text: white space squashed, line-break hyphens joined ("immuno- logy"), dashes in words restored, separators trimmed from its ends. */
export function tidy(text: string): string {
  // (Each pass only where it can change something.)
  const squashed = squashSpaces(text);
  return stripEnds(restoreHyphens((squashed.includes('- ') ? squashed.replace(referenceWords().lineBreakHyphen, '$1$2') : squashed).trim()), ',.;:', ',;:');
}



// "Journal. 2004 May 3;99(2):1461-3" — NLM abbreviations carry no dots. A semicolon where the colon before the
// page stands ("Biosci Rep 2015;35;e00191", as some sites print it) reads as that colon. A page may be a unit's
// dotted number (Current Protocols' "2005;23:23.1.1-23.1.12", "2007;36:23.1.").
const vancouverSource =
  lazyPattern(() => /^(?<journal>[^.;:\d]+?)\.?\s+(?<year>(?:19|20)\d{2})(?:\s+(?<month>[A-Z][a-z]{2})[a-z]*\.?(?:[-\s]+(?<day>\d{1,2}))?(?:[-–\s]+[A-Z][a-z]{2}[a-z]*)?)?\s*(?:;\s*(?<volume>[\w]+(?:[-–]\w+)?(?:\s*Suppl\s*\d*)?)?\s*(?:\((?<issue>[^)]*)\))?\s*(?:[:;]\s*(?<page>[A-Za-z]?\d[\w–-]*(?:\.\d[\w–-]*)*))?|[.:]|$)/);
// "Mol Biol Rep 52, 229 (2025)"
const springerSource = lazyPattern(() => /^(?<journal>[^,()]+?)\s+(?<volume>\d+)(?:\((?<issue>[^)]+)\))?,\s*(?<page>[\w–-]+)\s*\((?<year>(?:19|20)\d{2})\)/);
// "Int. J. Mol. Sci. 2025, 26, 5766" / "Nano Research, 2025, …" / "Physical Review B 2001, 63, (16)." (ACS, the issue bracketed)
const mdpiSource = latin1Pattern(() => /^(?<journal>(?:[A-Z][\p{L}]*\.?|&|and|of|in|the|for)(?:\s+(?:[A-Z][\p{L}]*\.?|&|and|of|in|the|for))*),?\s+(?<year>(?:19|20)\d{2})(?:,\s*(?<volume>\d+)(?:,?\s?\((?<issue>[^)]+)\))?(?:,\s*(?<page>[\w–-]+))?)?/u);
// "J Clin Epidemiol 2003, 56(3):669-677", "Brain, Behavior, and Immunity 1996, 10(2):139-163" (BioMed Central)
const bmcSource = lazyPattern(() => /^(?<journal>[^;]+?)\.?\s+(?<year>(?:19|20)\d{2}),\s*(?<volume>\w+)(?:\s*\((?<issue>[^)]*)\))?\s*(?::\s*(?<page>[A-Za-z]?\d[\w–-]*)|\.?$)/);
// "Neurosci. Lett. 459, 69-73" (APA-like and Royal Society)
const commaSource = lazyPattern(() => /^(?<journal>[^,;()]+?)\s+(?<volume>\d+)(?:\s*\((?<issue>[^)]*)\))?,\s*(?<page>[A-Za-z]?\d\w*(?:\s?[-–—]\s?[A-Za-z]?\d\w*)?)(?:\s*[-–]\s*\d+)?\.?(?:\s|$)/);
// "American Journal of Physical Anthropology, 130, 405-418" (APA)
const apaSource = lazyPattern(() => /^(?<journal>[^,;()]+?),\s*(?<volume>\d+)(?:\s*\((?<issue>[^)]*)\))?,\s*(?<page>[A-Za-z]?\d\w*(?:\s?[-–—]\s?[A-Za-z]?\d\w*)?)/);
// "Front. Immunol. 16:1613502" / "Immunity, Inflammation and Disease, 13: e70189" / "Medicine 104(31):p e43623, August 01, 2025"
// / Wikipedia's "Immunity 10 (6): 691–700. June 1999." and "… 4179–91. 17 June 2005." (the date after the pages,
// a full stop before it, its day before or after the month); Deutsches Ärzteblatt's edition letter and a dash before
// each page ("Dtsch Ärztebl 96: A-1177–1180")
const colonSource = lazyPattern(() => /^(?<journal>(?:[^:;]|:\s)+?),?\s+(?<volume>\d+)(?:\s*\((?<issue>[^)]+)\))?\s*:\s*(?:p\s+)?(?<page>(?:[A-Za-z]-?)?\d\w*(?:\s?[-–—]\s?(?:[A-Za-z]-?)?\d\w*)?)(?:[,.]\s*(?:(?:(?<dayFirst>\d{1,2})\s)?(?<monthName>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*)\s+(?:(?<day>\d{1,2}),\s*)?)?(?<year>(?:19|20)\d{2}))?/);

const functionWords = new Set(['of', 'and', 'in', 'for', 'the', 'on', 'de', 'et', 'der', 'und', 'la', 'le', 'des', 'du', 'y', 'to', 'a']);

// Shapes the code below reads, each in the form its text needs (src/refs/latin1.ts: issue 17, start-up).
const proseWord = latin1Pattern(() => /^\p{Ll}{3,}$/u);
const sentenceStart = latin1Pattern(() => /[.?!]\s+\p{Lu}/u);

// "A critical review. J Bone Joint Surg Br": a title fragment with real lower-case words, then the journal.
function sentenceBeforeJournal(journal: string): boolean {
  const cut = journal.search(sentenceStart(journal));
  if (cut === -1) return false;
  return journal
    .slice(0, cut)
    .split(/\s+/)
    .some((w) => proseWord(w).test(w) && !functionWords.has(w));
}

/** A journal source read by one of the patterns. */
export interface Source {
  journal: string;
  year: number | null;
  month: number | null;
  day: number | null;
  volume?: string;
  issue?: string;
  page?: string;
}

// Shapes the code below reads, each in the form its text needs (src/refs/latin1.ts: issue 17, start-up).
const lastJournalWord = latin1Pattern(() => /\s(\p{L}{3,9})\.?$/u);
const dayThenMonth = latin1Pattern(() => /\d\s\p{L}+\.?$/u);
const sentenceBreak = latin1Pattern(() => /[.?!]\s+\p{Lu}\p{Ll}+\s+\p{Ll}/u);

/** Reads a biomedical journal source at the start of `rest`, or null. */
export function readSource(rest: string): Source | null {
  for (const pattern of [springerSource(), vancouverSource(), bmcSource(), colonSource(), mdpiSource(rest), commaSource(), apaSource()]) {
    const m = pattern.exec(rest);
    if (!m?.groups) continue;
    const g = m.groups;
    let journal = tidy(g.journal ?? '');
    // "Int. J. Mol. Sci." and "Cell Res." keep their last abbreviation dot; "Immun Inflamm Dis." loses the separator.
    if (!/\.\s\S/.test(journal) && !endsInDottedAbbreviation(journal)) journal = journal.replace(/\.$/, '');
    // A "journal" that reads like a sentence is the rest of the title: try a later boundary.
    // (Nor is one that holds or ends in numbers: "American Literature 20, no.", "Operations Research 36".)
    // (Nor one that ends in a date: "Time 113 21 July", MLA's periodical numbers.)
    const lastWord = lastJournalWord(journal).exec(journal)?.[1]?.toLowerCase();
    if (lastWord && referenceWords().months.has(lastWord) && dayThenMonth(journal).test(journal)) continue;
    if (!journal || journal.length > 120 || /^\d/.test(journal) || /\d,\s|\s\d{1,4}$/.test(journal) || sentenceBreak(journal).test(journal) || /[?!]\s/.test(journal) || journal.split(/\s+/).length > 14 || sentenceBeforeJournal(journal)) continue;
    const out: Source = {
      journal,
      year: g.year ? Number(g.year) : null,
      month: g.month ? (monthWords[g.month.toLowerCase()] ?? null) : g.monthName ? (monthWords[g.monthName.slice(0, 3).toLowerCase()] ?? null) : null,
      day: g.day ? Number(g.day) : g.dayFirst ? Number(g.dayFirst) : null,
    };
    if (g.volume) out.volume = g.volume.trim();
    if (g.issue) out.issue = g.issue.trim();
    // "Int Jnl Lab Hem. 2007;1-9.": a range where NLM's volume stands, no issue or page after it, is the pages
    // (an article out before its volume); a volume with pages after it ("1999;71-72:55-60") keeps its range.
    if (pattern === vancouverSource() && out.volume && !g.issue && !g.page && /^\d+[-–]\d+$/.test(out.volume)) {
      g.page = out.volume;
      delete out.volume;
    }
    // ("43 - 102", "1447– 1451": a range with spaces is one range.)
    if (g.page) out.page = g.page.replace(/\s?[–—-]\s?/g, '-');
    // "Distributed Computing, 6(3), 1993, pp. 141-154": a year is no page when labelled pages follow.
    if (g.page && /^(?:1[5-9]|20)\d{2}$/.test(g.page) && /^,?\s?(?:pp?\.|pages?\b|S\.)\s?\d/i.test(rest.slice(m[0].length))) continue;
    // "Nano Research, 2025" is a whole source only when nothing follows it.
    // "Operations Research 36, 3 (1988), 454-469": a number before a bracketed date is an issue, not a page
    // (Springer's "52, 229 (2025)" ends there; ACM's "36, 3 (1988), 454-469" goes on to the pages).
    const after = rest.slice(m[0].length);
    // "JANSSEN-CILAG 2010, 40 p.": a number before "p." is the book's length, not its pages.
    if (g.page && /^(?:pp?|S)\.?(?:\s|$)/.test(after)) continue;
    if (/^\s?\([^()]*(?:1[5-9]|20)\d{2}[^()]*\)/.test(after) || (pattern === springerSource() && /^,?\s?(?:pp?\.?\s?)?\d/.test(after))) continue;
    if (pattern === mdpiSource(rest) && !out.volume && rest.slice(m[0].length).replace(/[\s.,;]/g, '').length > 0) continue;
    return out;
  }
  return null;
}

// Word-final dots that do not end a sentence (a title never ends at a role or an edition: "trans.", "ed.", "rev.").
const notSentenceEnd = lazyPattern(() => /(?:\b(?:vs|e\.g|i\.e|et al|etc|spp|sp|no|fig|figs|st|dr|mr|approx|ca|cf|vol|vols|jr|sr|inc|ltd|co|ed|eds|trans|transl|tr|rev|repr|ser|dir|perf)|(?:^|[\s(])[A-Za-z]|\s[IVX]{1,6})$/i);

/** Offsets just after each likely sentence end (". ", "? ", "! ") in a string. */
export function sentenceEnds(text: string, from = 0): number[] {
  const ends: number[] = [];
  const re = /[.?!](?=\s+\S)|[.?!]$/g;
  re.lastIndex = from;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const before = text.slice(Math.max(0, m.index - 12), m.index);
    if (m[0] === '.' && notSentenceEnd().test(before)) continue;
    ends.push(m.index + 1);
  }
  return ends;
}

