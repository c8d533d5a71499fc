import { referenceWords } from './data.js';
import { lazyPattern } from './text.js';

/** Identifiers found in a reference string, each cleaned. */
export interface Identifiers {
  DOI?: string;
  PMID?: string;
  PMCID?: string;
  ISSN?: string;
  URL?: string;
}

/** Removes `utm_*` tracking parameters (and a now-empty `?`) from a URL; keeps everything else. */
export function cleanUrl(url: string): string {
  const trimmed = url.replace(/[.,;:!?。，；、)\]）】>"'”]+$/u, (tail) => balancedTail(url, tail));
  const q = trimmed.indexOf('?');
  if (q === -1) return trimmed;
  const hashAt = trimmed.indexOf('#', q);
  const query = trimmed.slice(q + 1, hashAt === -1 ? undefined : hashAt);
  const hash = hashAt === -1 ? '' : trimmed.slice(hashAt);
  const kept = query.split('&').filter((p) => p && !/^utm_[^=]*(=|$)/i.test(p));
  return trimmed.slice(0, q) + (kept.length ? `?${kept.join('&')}` : '') + hash;
}

// A closing bracket at the end of a URL or DOI belongs to it only when it closes one opened inside.
function balancedTail(whole: string, tail: string): string {
  const body = whole.slice(0, whole.length - tail.length);
  let keep = '';
  for (const ch of tail) {
    const open = ch === ')' ? '(' : ch === ']' ? '[' : null;
    if (open && count(body + keep, open) > count(body + keep, ch)) keep += ch;
    else break;
  }
  return keep;
}

function count(text: string, ch: string): number {
  let n = 0;
  for (const c of text) if (c === ch) n++;
  return n;
}

/**
 * Cleans a DOI candidate: percent-decoding (links encode `< > # %`), trailing punctuation
 * and unbalanced closing brackets removed. Returns null when nothing DOI-shaped is left.
 */
export function cleanDoi(candidate: string): string | null {
  let doi = candidate.trim();
  try {
    if (doi.includes('%') && /%[0-9a-f]{2}/i.test(doi)) doi = decodeURIComponent(doi);
  } catch {
    // A stray % that is not an escape: keep the text as it is.
  }
  doi = doi.replace(/[.,;:!?。，；、'"”’]+$/u, '');
  while (/[)\]}>]$/.test(doi)) {
    const close = doi[doi.length - 1]!;
    const open = close === ')' ? '(' : close === ']' ? '[' : close === '>' ? '<' : '{';
    if (count(doi, open) >= count(doi, close)) break;
    doi = doi.slice(0, -1).replace(/[.,;:]+$/, '');
  }
  return /^10\.\d{4,9}\/\S+$/.test(doi) ? doi : null;
}

// Old SICI DOIs carry < > ; ( ) in plain text: the pattern allows them and cleanDoi trims.
const doiUrl = lazyPattern(() => /\bhttps?:\/\/(?:dx\.)?doi\.org\/(10\.\d{4,9}\/[^\s"]+)/i);
const doiLabel = lazyPattern(() => /\bdoi\s*[:：]?\s*(?:https?:\/\/(?:dx\.)?doi\.org\/)?(10\.\d{4,9}\/[^\s"]+)/i);
// "…/doi/abs/10.…", "…/doi/pdfplus/10.…", "…/doi/10.…/summary": a publisher's page for a DOI.
const publisherDoi = lazyPattern(() => /\/doi\/(?:[a-z]{2,12}\/)?(10\.\d{4,9}\/[^\s?#"]+)/i);
const bareDoi = lazyPattern(() => /(?<![\w/.])(10\.\d{4,9}\/[^\s"]+)/);
const backslashedDoi = lazyPattern(() => /(?<![\w/.])(10\.\d{4,9})\\(?=\w)/g);
const urlPattern = lazyPattern(() => /\bhttps?:\/\/[^\s"<>，。；]+/i);
// A link printed with no scheme ("Available at www.fda.gov/BiologicsBloodVaccines/…"): "www." and a host of two
// labels at least, not inside a word, a path or an address. Global: the parser strips every one from the text.
const schemelessLink = lazyPattern(() => /(?<![\w./@:-])www\.[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:[/?#][^\s"<>，。；]*)?/g);

/** `text` without the links printed with no scheme ("www.fda.gov/…"), which `findIdentifiers` reads as its URL. */
export function withoutSchemelessLinks(text: string): string {
  return text.includes('www.') ? text.replace(schemelessLink(), '') : text;
}

/** A DOI without a trailing page name a publisher's link adds ("10.1002/9781118422557/summary"). */
export function dropPathSuffix(doi: string): string {
  const suffixes = referenceWords().data.doiPathSuffixes;
  let out = doi;
  for (let guard = 0; guard < 3; guard++) {
    const slash = out.lastIndexOf('/');
    const tail = out.slice(slash + 1).replace(/[.,;:]+$/, '').toLowerCase();
    // (The DOI's own suffix is the part after its first "/": never drop that.)
    if (slash <= out.indexOf('/') || !suffixes.includes(tail)) break;
    out = out.slice(0, slash);
  }
  return out;
}

/** Finds DOI, PMID, PMCID, ISSN and URL in a reference string. */
export function findIdentifiers(input: string): Identifiers {
  // Identifier patterns run on at most 4,000 characters (a reference is far shorter). A DOI a
  // line break cut after its slash ("doi:10.3389/ neuro.01.002.2008") is joined again.
  // A DOI whose slash a page printed as a backslash ("doi:10.1038\\nature08752") is read with its slash.
  const sliced = input.slice(0, 4000).replace(/\b(10\.\d{4,9}\/)\s(?=[\w(])/g, '$1');
  const text = sliced.includes('\\') ? sliced.replace(backslashedDoi(), '$1/') : sliced;
  const out: Identifiers = {};
  for (const pattern of [doiUrl(), doiLabel(), publisherDoi(), bareDoi()]) {
    const m = pattern.exec(text);
    if (!m) continue;
    let raw = m[1]!;
    if (pattern !== publisherDoi()) raw = raw.replace(/[?#].*$/, (rest) => (/^\?(utm_|scroll=|needAccess=|via)/i.test(rest) ? '' : rest));
    // A page name the link adds after the DOI ("/summary", "/full", "/abstract", "/pdf") is no part of it.
    if (pattern === publisherDoi() || pattern === doiUrl()) raw = dropPathSuffix(raw);
    const doi = cleanDoi(raw);
    if (doi) {
      out.DOI = doi;
      break;
    }
  }
  const pmid = /\bPMID\s*[:：]?\s*(\d{1,9})\b/i.exec(text);
  if (pmid) out.PMID = pmid[1]!;
  const pmcid = /\b(?:PMCID\s*[:：]?\s*)?(PMC\d{3,10})\b/.exec(text);
  if (pmcid) out.PMCID = pmcid[1]!;
  const issn = /\bISSN\s*[:：]?\s*(\d{4}-?\d{3}[\dXx])\b/.exec(text);
  if (issn) out.ISSN = issn[1]!.replace(/^(\d{4})-?/, '$1-').toUpperCase();
  const url = urlPattern().exec(text);
  // (Asked only where "www." stands and no link with a scheme was found.)
  const link = url?.[0] ?? (text.includes('www.') ? text.match(schemelessLink())?.[0] : undefined);
  if (link) out.URL = cleanUrl(link);
  return out;
}

// What may stand around identifiers on a line of their own ("DOI:", "PMID", "Available at", "|"),
// the whole line being nothing else: the labels and separators tile it. One anchored test that
// fails at the line's first word, where a global replace of the labels built the rest of every
// line (~50 matches a reference line) only to find words left (issue 17: pipeline CPU). The same
// answer: a label word is the only one that can start where it starts (none is another's prefix
// up to a word end, none starts with a separator), so a tiling exists exactly when the replace's
// leftmost, greedy matches leave nothing; one separator a step, so that no run is split two ways.
const onlyLabels = lazyPattern(() => /^(?:\b(?:doi|pmid|pmcid|isbn|issn|url|available\s(?:at|from)|retrieved\sfrom|link|full\stext|crossref|pubmed|google\sscholar)\b|[\s:：,;.|·•()[\]<>-])*$/iu);

/** Whether `text` holds a digit 0–9. */
function holdsAsciiDigit(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) return true;
  }
  return false;
}

// What every identifier `findIdentifiers` takes holds (its DOI patterns "10.", its URL "http", its PMID "PMID", its PMCID "PMC").
const identifierMark = lazyPattern(() => /10\.|http|pmc|pmid/i);

/** True when a line holds a DOI, URL, PMID or PMCID and nothing else ("https://doi.org/…", "DOI: 10.…", "PMID: 123"). */
export function isIdentifierOnly(line: string): boolean {
  const text = line.trim();
  if (!text || text.length > 600) return false;
  // (No identifier without one of these: every DOI pattern needs "10.", a URL "http", a PMID or PMCID its letters.)
  if (!identifierMark().test(text)) return false;
  // (The rest first: a reference's line has words left.)
  const rest = text
    .replace(/\bhttps?:\/\/\S+/gi, ' ')
    .replace(/\b10\.\d{4,9}\/\S+/g, ' ')
    .replace(/\bPMC\d{3,10}\b/g, ' ')
    .replace(/\b(?:PMID|PMCID)\s*[:：]?\s*\d{1,10}\b/gi, ' ');
  // (No label or separator is a digit: a line with one left — a reference's number, year or page — is answered without the pattern, never compiled for most pages.)
  if (holdsAsciiDigit(rest) || !onlyLabels().test(rest)) return false;
  const ids = findIdentifiers(text);
  return Boolean(ids.DOI || ids.URL || ids.PMID || ids.PMCID);
}
