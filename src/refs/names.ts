import { latinNameShapes, nameAlphabetRuns } from '../generated/name-alphabet.js';
import { letterOrMark } from '../generated/unicode-classes.js';
import type { CslName } from './csl.js';
import { guardedPattern, phraseKey, referenceWords, wordPattern } from './data.js';
import { scratchBytes } from '../core/text.js';
import { hasCjk, lazyPattern, opensWithOneOf } from './text.js';
import { latin1Pattern, testIn } from './latin1.js';

/**
 * Personal and corporate names as references write them. Chinese, Japanese and Korean names
 * are kept whole as one `literal`: GB/T 7714 writes them family-and-given run together with no
 * separator, transliterated foreign surnames (哈里森, 库恩) and organisations (中国图书馆学会)
 * look the same, so any split would be a guess. Latin names are family + given as written
 * ("KENNEDY" + "W J"), with particles kept in the family ("von dem Hagen") and generational
 * suffixes apart ("Jr").
 */

const upperWord = latin1Pattern(() => /^\p{Lu}[\p{Lu}'’-]*$/u);
const initial = latin1Pattern(() => /^(?:\p{Lu}\.?-?){1,3}\.?$/u);

/** True for a generational suffix ("Jr", "Jr.", "III"). */
export function isSuffix(word: string): boolean {
  return referenceWords().suffixes.has(phraseKey(word.replace(/,$/, '')));
}

/** True for a word of a publisher's name ("Editions"): at module scope, not an arrow made per name. */
function isPublisherWord(word: string): boolean {
  return referenceWords().publisherWords.has(phraseKey(word));
}

/** True for a name particle ("van", "von", "de"). */
export function isParticle(word: string): boolean {
  return referenceWords().particles.has(phraseKey(word));
}

/** True when a name reads as an organisation's ("World Health Organization", "中国图书馆学会"). */
export function isOrganisation(name: string): boolean {
  const words = referenceWords();
  if (hasCjk(name)) return name.length > 4 && words.cjkOrganisation.test(name);
  const tokens = name.split(/[\s,]+/).filter(Boolean);
  return tokens.some((t) => words.organisationWords.has(phraseKey(t)));
}

// Shapes the code below reads, each in the form its text needs (src/refs/latin1.ts: issue 17, start-up).
const capitalisedName = latin1Pattern(() => /^\p{Lu}\p{Ll}+(?:-\p{Lu}?\p{Ll}+)?$/u);

/**
 * One name as GB/T 7714 writes it: CJK whole ("陈登原", "昂温 G"); Latin family in capitals
 * then initials ("KENNEDY W J", "DES MARAIS D J") or a given name ("LI Jiangning"); an
 * organisation whole.
 */
export function gbtName(raw: string): CslName | null {
  const name = raw.replace(/\s+/g, ' ').trim().replace(/[.,;:]+$/, '');
  if (!name) return null;
  if (hasCjk(name)) return { literal: name };
  const tokens = name.split(' ');
  // Family: the leading upper-case words (at least one); given: what follows, when it is initials or names.
  let k = 0;
  while (k < tokens.length && upperWord(tokens[k]!).test(tokens[k]!) && (k === 0 || tokens[k]!.replace(/[.-]/g, '').length > 1)) k++;
  const rest = tokens.slice(k);
  if (k > 0 && rest.length > 0 && rest.length <= 3 && rest.every((t) => initial(t).test(t) || capitalisedName(t).test(t))) {
    return { family: tokens.slice(0, k).join(' '), given: rest.join(' ') };
  }
  if (k === tokens.length && k <= 3 && !isOrganisation(name)) return tokens.length === 1 ? { family: name } : { family: tokens.slice(0, -1).join(' '), given: tokens[tokens.length - 1]! };
  // Cyrillic and other scripts without case rules fall here too: "Кочетков А Я".
  if (tokens.length >= 2 && tokens.length <= 4 && tokens.slice(1).every((t) => initial(t).test(t)) && !isOrganisation(name)) {
    return { family: tokens[0]!, given: tokens.slice(1).join(' ') };
  }
  return { literal: name };
}

/**
 * A GB/T 7714 list of names ("陈晋镳, 张惠民, 朱士兴, 等", "PEEBLES P Z, Jr", "Online Computer
 * Library Center, Inc."): split at commas, "等"/"et al." ends it, "Jr" and "Inc." attach to the
 * name before.
 */
export function gbtNames(raw: string): CslName[] {
  const words = referenceWords();
  const text = raw.replace(words.etAl, '\u0000').split('\u0000')[0]!;
  const parts = text.split(/\s*[,，、;；]\s*/).filter((p) => p.trim() !== '');
  const names: CslName[] = [];
  for (const part of parts) {
    const previous = names[names.length - 1];
    if (previous && isSuffix(part)) {
      previous.suffix = part.replace(/\.$/, '');
      continue;
    }
    if (previous?.literal && /^(?:inc|ltd|llc|co|corp|gmbh|s\.?a)\.?$/i.test(part.trim())) {
      previous.literal += `, ${part.trim()}`;
      continue;
    }
    const name = gbtName(part);
    if (name) names.push(name);
  }
  return names;
}

// ——— Author lists at the start of a reference (every style but GB/T) ———

// The shape of each name: a capitalised name word, "Smith", "García", "Hel-Or", "O'Connor",
// "McKinsey", "BESSA", "Jean-Philippe", is `\p{Lu}` then letters or marks (`letters` below: the
// class body [\p{L}\p{M}], see shapeSources)
// (an arrow, a box or U+FFFD inside stands for a glyph a PDF lost: "Ku↵ner"; not all of \p{So},
// whose emoji ranges make each pattern take tens of milliseconds to compile).
const LOST = String.raw`\u2190-\u21FF\u25A0-\u25FF\uFFFD`;
// A particle before a family name; capitalised ones ("Van", "La", "Di") count where a family is expected.
const P = String.raw`(?:van|von|de|der|den|del|della|delle|di|da|das|do|dos|du|la|le|ten|ter|zu|zur|vom|dem|des|y|e|el|al|ben|bin|ibn|abu|St\.)`;
const CP = String.raw`(?:[Vv]an|[Vv]on|[Dd]e|[Dd]er|[Dd]el|[Dd]ella|[Dd]i|[Dd]a|[Dd]u|[Dd]es|[Dd]os|[Ll]a|[Ll]e|[Tt]en|[Tt]er|St\.)`;
// Initials with full stops or hyphens ("J.", "J. A.", "J.-P.", "J-L.", "C.-C.", "R.Q.", "Ph.").
const INITIAL = String.raw`(?:\p{Lu}(?:-\p{Lu})?|\p{Lu}\p{Ll}|Chr|Wm|Jos|Geo)\.`;
const DOTTED = String.raw`${INITIAL}(?:\s?-?\s?${INITIAL}){0,3}(?:\p{Lu}(?![\p{L}]))?`;
// Initials before a family name, the last one maybe without its full stop ("V Harinarayan", "J. J Koenderink").
const LEADING = String.raw`(?:${INITIAL}\s?-?\s?){0,3}(?:${INITIAL}|\p{Lu}{1,3}(?=\s(?:${P}\s)?\p{Lu}\p{Ll}))`;
// Initials after a family name ("JA", "W J", "J.C.", "M. J.").
const BARE = String.raw`(?:\p{Lu}\.(?:\s?-?\p{Lu}\.){0,3}|\p{Lu}{1,4}(?:-\p{Lu}{1,2})?|\p{Lu}(?:\s\p{Lu}){1,2})`;
const SUFFIX = String.raw`(?:Jr|Sr|II|III|IV)`;

/** The shape of one name in a list. */
export type Shape = 'family-initials' | 'family-given' | 'vancouver' | 'initials-family' | 'family-bracketed' | 'given-family' | 'capitals-given';

/** The letters of a name word as the patterns are read and audited: a letter or a combining mark. */
const LETTERS_AS_WRITTEN = String.raw`\p{L}\p{M}`;

/**
 * The name shapes' pattern sources (flags u), with `letters` the class body of a name word's
 * letters. The parser compiles them with `letterOrMark`, the same class written out as ranges
 * (src/generated/unicode-classes.ts): V8 otherwise unites the two Unicode property sets again at
 * each of the dozens of places they stand in these patterns, each time it parses one (twice per
 * pattern), ~40% of compiling them, the largest piece of a one-article `digest ingest`. The ReDoS
 * audit reads them with `\p{L}\p{M}` (namePatterns): the same characters
 * (tests/refs/unicode-classes.test.ts), so the same patterns.
 *
 * A shape's `opening` is a short pattern every match of the shape matches at the same place (what
 * the shape's first parts imply: a family's words hold no white space, comma or bracket; initials
 * end in a full stop). The scanner tries it first, so that a shape a list never takes is never
 * compiled: each shape is ~1 K characters and ~1–2 ms to compile, and most lists take two or three
 * of the seven (issue 17: start-up). tests/refs/name-alphabet.test.ts checks that no match of a
 * shape fails its opening.
 */
function shapeSources(letters: string): { shape: Shape; source: string; opening?: string }[] {
  const W = String.raw`\p{Lu}[${letters}${LOST}'’]*(?:-\p{L}[${letters}${LOST}'’]*)?`;
  // A family name: particles, then one to three words ("García Coll", "von dem Hagen", "Van Hise").
  const FAM = String.raw`(?:${P}\s){0,3}${W}(?:\s(?:${P}\s){0,2}${W}){0,2}`;
  // A family name of one word after its particles ("Lakoff", "Di Michele", "van der Berg"), where a
  // second word would be a given name ("Cheng Wang, Shiliang Hu" is no family "Cheng Wang").
  // ("Buarque de Holanda", "Ortega y Gasset": two words with a Romance particle between are one family;
  // "Mathilde von Bulow" is a given name and a family.)
  const FAM1 = String.raw`(?:${CP}\s){0,2}${W}(?:\s(?:de|da|das|do|dos|del|della|y|e)\s${W})?`;
  // A Vancouver family: later words are never initials ("Liu SM Zhong J" is two names) nor a
  // suffix ("Dennis Jr G" is Dennis, Jr).
  const FAMV = String.raw`(?:${P}\s){0,3}${W}(?:\s(?:${P}\s){0,2}(?!\p{Lu}{1,4}(?![\p{L}])|${SUFFIX}(?![\p{L}]))${W}){0,2}`;
  const degrees = referenceWords().data.degrees.join('|');
  // A given name's further words are never degrees ("Wang, Tao MDa").
  const MORE = String.raw`(?!(?:${degrees})[a-g]?(?![\p{L}]))\p{Lu}[${letters}'’]+(?:-\p{L}[${letters}'’]*)?`;
  // Given names: words, then initials ("Stanley J.", "Marcelo Secron", "Ian H.", "Paul A"), then a
  // particle the family sheds after the comma ("Andrade, Mário de.", "Van Reenen, Pieter Th van.").
  const GIVEN = String.raw`${W}(?:\s${MORE}){0,2}(?:\s\p{Lu}\.?(?![\p{L}])){0,2}(?:\s${P}(?=[.,;]))?`;
  return [
    // "Smith, J. A." / "García Coll, C. T." / "Schuraytz,B.C." / "Baes Jr., C. F." / "Santos Otero, A. de." (the
    // particle the family sheds after the comma, as in GIVEN)
    { shape: 'family-initials', source: String.raw`(?<family>${FAM})(?:\s(?<suffix>${SUFFIX})\.?)?,\s?(?<given>${DOTTED}(?:\s\p{Lu}(?=[,;]))?(?:\s${P}(?=[.,;]))?|\p{Lu}(?:\s\p{Lu}){1,2}\.?(?=\s?[,;:]|$)|\p{Lu}{1,3}\.?(?=[,;:\s]|$))` },
    // "Smith JA" / "de Ridder MA" / "KENNEDY W J" / "Kempner J.C." / "GORDON M. J." / "Dennis Jr G"
    // (a suffix between, its full stop maybe glued to the initials: "Gale Jr.M.")
    { shape: 'vancouver', source: String.raw`(?<family>${FAMV})\s(?:(?<suffix>${SUFFIX})(?:\.\s?|\s))?(?<given>${BARE})(?=[,;.:()\s]|$)`, opening: String.raw`[^\s,]+\s` },
    // "Lakoff, George" / "Stein, Stanley J." / "BESSA, Marcelo Secron" / "Stewart III, Charles" / "Wimsatt Jr., William"
    { shape: 'family-given', source: String.raw`(?<family>${FAM1})(?:\s(?<suffix>${SUFFIX})\.?)?,\s(?<given>${GIVEN})` },
    // "J. Smith" / "D. H. van Hessem" / "C.-C. King" / "R.Q. Wolever"
    // (The family ends the name: "W. Li. Linearly …" is "W." "Li", not "W. Li." "Linearly".)
    { shape: 'initials-family', source: String.raw`(?<given>${LEADING})\s?(?<family>${FAM})(?=\s?[,;.:()[*]|\s(?:(?:and|And|AND|und|et|y|Jr|Sr|II|III|IV)\b|&)|\s\(?(?:1[5-9]|20)\d{2}|\s?["“«‘]|$)`, opening: String.raw`${INITIAL}|\p{Lu}{1,3}\s` },
    // "Kefi (N.)" / "HERBIN (Fr.-R.)": a family, then its initials in brackets (French lists).
    { shape: 'family-bracketed', source: String.raw`(?<family>${FAM})\s\((?<given>${DOTTED})\)`, opening: String.raw`[^\s(,]+(?:\s[^\s(,]+)*\s\(${INITIAL}` },
    // "GAÏTI Brigitte" / "CASSARD Jean-Christophe" / "FERRIERES Madeleine": a family in capitals first.
    { shape: 'capitals-given', source: String.raw`(?<family>\p{Lu}{2,}[\p{Lu}'’-]*(?:\s\p{Lu}{2,}[\p{Lu}'’-]*)?)\s(?<given>\p{Lu}\p{Ll}[\p{L}'’]*(?:-\p{Lu}\p{Ll}+)?(?:\s\p{Lu}\.)?)(?=[,;.]|\s(?:et|and|&)\s)`, opening: String.raw`\p{Lu}{2}` },
    // "Dario Benedetto" / "Robin C. Williamson" / "Ludwig van Beethoven" / "Cristina La Rocca"
    // (A given name is never in capitals: "CIA World Factbook" is a title.)
    // ("Adam DI Kramer", "Jamie E Guillory": middle initials without full stops; "Mauricio Breternitz Jr.": a suffix is no family.)
    { shape: 'given-family', source: String.raw`(?<given>(?!\p{Lu}{2,}(?![\p{Ll}]))${W}(?:\s(?:(?!${CP}\s|\p{Lu}{2,}(?![\p{Ll}]))${W}|\p{Lu}\.|\p{Lu}{1,2}(?=\s\p{Lu}\p{Ll}))){0,2})\s(?<family>(?!${SUFFIX}(?![\p{L}]))(?:${CP}\s){0,2}${W})`, opening: String.raw`\p{Lu}[^\s,]*\s` },
  ];
}

/** A name shape compiled on first use in each of its two forms. */
interface NameShape {
  shape: Shape;
  /** As written, with the letters written out (for a text with a code point beyond the BMP). */
  full: () => RegExp;
  /** Over the one-byte alphabet (src/generated/name-alphabet.ts); null when that file is stale. */
  latin: (() => RegExp) | null;
  /** The shape's opening over the one-byte alphabet, tried before `latin` (null when the shape has none or the file is stale). */
  opening: (() => RegExp) | null;
}

let compiledShapes: NameShape[] | null = null;

/**
 * A pattern's source with each non-ASCII character as its `\uXXXX` escape (the same pattern): the
 * generated file keeps the shapes so, and the CLI bundle writes its String.raw templates so
 * (scripts/bundle-cli.mjs), where dist/src keeps the characters.
 */
export const asciiSource = (source: string) => source.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * The name shapes (the degree words come from the data). Each is read over the one-byte
 * alphabet the generated file maps texts into, a pattern of ~1 K characters that V8 compiles
 * once, for one-byte subjects, instead of one of 44–87 K characters compiled for one-byte and
 * two-byte texts alike (issue 17: start-up). The generated forms are taken only while the shapes
 * as written here are the ones they were generated from.
 */
function nameShapes(): NameShape[] {
  if (compiledShapes) return compiledShapes;
  const audited = namePatterns();
  const current = audited.length === latinNameShapes.length && audited.every((p, i) => latinNameShapes[i]!.name === p.name && latinNameShapes[i]!.source === asciiSource(p.source));
  const latinOf = (name: string) => latinNameShapes[audited.findIndex((p) => p.name === name)]!.latin;
  compiledShapes = shapeSources(letterOrMark).map(({ shape, source, opening }) => ({
    shape,
    full: lazyPattern(() => new RegExp(source, 'uy')),
    latin: current ? lazyPattern(() => new RegExp(latinOf(`name shape ${shape}`), 'uy')) : null,
    opening: current && opening !== undefined ? lazyPattern(() => new RegExp(latinOf(`name opening ${shape}`), 'uy')) : null,
  }));
  return compiledShapes;
}

let alphabet: Uint8Array | null = null;
// The last text mapped, and its image: a caller that scans ever shorter ends of one text
// (`laterReferenceHead`, at each capitalised word of a title) gets each image as a slice of it,
// not a pass over the rest of the text each time. (The map goes unit by unit, so the image of an
// end is the end of the image; a text with a surrogate pair has no image and is not kept.)
let lastText = '';
let lastImage: string | null = null;

/**
 * A text mapped unit by unit into the name shapes' one-byte alphabet (same length, so offsets
 * carry over), or null when it holds a surrogate pair (a code point beyond the BMP, which the
 * map does not cover) or the generated shapes are stale: such a text is read with the shapes as written.
 */
export function toNameAlphabet(text: string): string | null {
  if (!nameShapes()[0]!.latin) return null;
  if (!alphabet) {
    alphabet = new Uint8Array(0x10000);
    // "step,unit;step,unit;…" (base 36): each run starts `step` after the one before and maps to
    // `unit` up to the next run's start. Read with indexOf, not split: 2,400 runs split into
    // arrays cost ~7 M instructions of a one-article ingest (issue 17).
    let start = 0;
    let unit = 0;
    for (let at = 0; at < nameAlphabetRuns.length; ) {
      const comma = nameAlphabetRuns.indexOf(',', at);
      let end = nameAlphabetRuns.indexOf(';', comma);
      if (end < 0) end = nameAlphabetRuns.length;
      const next = start + parseInt(nameAlphabetRuns.slice(at, comma), 36);
      if (at > 0) alphabet.fill(unit, start, next);
      start = next;
      unit = parseInt(nameAlphabetRuns.slice(comma + 1, end), 36);
      at = end + 1;
    }
    alphabet.fill(unit, start, 0x10000);
  }
  if (lastImage !== null && text.length <= lastText.length && lastText.endsWith(text)) return lastImage.slice(lastText.length - text.length);
  const image = mapped(text, alphabet);
  if (image !== null) {
    lastText = text;
    lastImage = image;
  }
  return image;
}

/** The image of a text under the map, or null when it holds a surrogate pair. */
function mapped(text: string, alphabet: Uint8Array): string | null {
  // Made in the thread's scratch bytes, not a new buffer a call (issue 17).
  const n = text.length;
  const units = scratchBytes(n);
  // A Latin-1 text is its own image (but for a few controls): copied as a one-byte string.
  let i = 0;
  while (i < n && alphabet[text.charCodeAt(i)] === text.charCodeAt(i)) i++;
  if (i === n) {
    units.write(text, 0, n, 'latin1');
    return units.toString('latin1', 0, n);
  }
  for (i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) return null;
    units[i] = alphabet[c]!;
  }
  return units.toString('latin1', 0, n);
}

/** A text the author scanner reads: as given, and its one-byte form when it has one. */
interface Reading {
  text: string;
  latin: string | null;
}

/**
 * Where a shape's groups stand in its match, by the shape's structure (see `shapeSources`): one
 * name group opens the match and the other closes it (before a closing bracket in
 * `family-bracketed`), and a suffix stands one white-space character after the family. A match
 * over the one-byte image gives each group's text there, of the same length as in the text, so
 * its place gives the text's own characters; V8's `d` flag, which builds every group's offsets
 * for each name matched (~0.5 µs a name), is not needed (issue 17). `tests/refs/name-alphabet.test.ts`
 * checks these places against the offsets `d` gives.
 */
export const groupPlaces: Record<Shape, { first: 'family' | 'given'; last: 'family' | 'given'; lastBefore: number }> = {
  'family-initials': { first: 'family', last: 'given', lastBefore: 0 },
  vancouver: { first: 'family', last: 'given', lastBefore: 0 },
  'family-given': { first: 'family', last: 'given', lastBefore: 0 },
  'initials-family': { first: 'given', last: 'family', lastBefore: 0 },
  'family-bracketed': { first: 'family', last: 'given', lastBefore: 1 },
  'capitals-given': { first: 'family', last: 'given', lastBefore: 0 },
  'given-family': { first: 'given', last: 'family', lastBefore: 0 },
};

/** A name's groups in `text` from a match of its shape over the text's image at `index`, placed by `groupPlaces`. */
export function placeGroups(shape: Shape, text: string, index: number, m: RegExpExecArray): Record<string, string | undefined> {
  const image = m.groups!;
  const place = groupPlaces[shape];
  const end = index + m[0].length - place.lastBefore;
  const first = text.slice(index, index + image[place.first]!.length);
  const last = text.slice(end - image[place.last]!.length, end);
  const suffixAt = index + (image.family?.length ?? 0) + 1;
  const suffix = image.suffix === undefined ? undefined : text.slice(suffixAt, suffixAt + image.suffix.length);
  return place.first === 'family' ? { family: first, given: last, suffix } : { family: last, given: first, suffix };
}

/** One name shape tried at an offset: the shape, the length it reads and its groups, taken from the text itself. */
function matchShape(shape: NameShape, reading: Reading, index: number): { shape: Shape; length: number; groups: Record<string, string | undefined> } | null {
  if (reading.latin !== null) {
    // (The opening first: a shape whose opening fails here cannot match here, and is not compiled for it.)
    // (`test`, not `exec`: only whether it matches counts, and `exec` builds a match array.)
    if (shape.opening !== null && !testAt(shape.opening(), reading.latin, index)) return null;
    const m = at(shape.latin!(), reading.latin, index);
    return m ? { shape: shape.shape, length: m[0].length, groups: placeGroups(shape.shape, reading.text, index, m) } : null;
  }
  const m = at(shape.full(), reading.text, index);
  return m?.groups ? { shape: shape.shape, length: m[0].length, groups: m.groups } : null;
}

// "Bao Q *, Zhao Y*": a co-first-author mark.
const coFirstMark = guardedPattern('coFirstMark', lazyPattern(() => /\s?\*+/uy));
/**
 * The name patterns built from parts (for the ReDoS audit, which reads only literal patterns),
 * written with `\p{L}\p{M}`; `compiled` gives the sources the parser compiles instead. The
 * shapes first, then the openings of those that have one (each rewritten over the one-byte
 * alphabet with the shapes: scripts/gen-name-alphabet.mjs).
 */
export function namePatterns(compiled = false): { name: string; source: string; flags: string }[] {
  const sources = shapeSources(compiled ? letterOrMark : LETTERS_AS_WRITTEN);
  return [
    ...sources.map((s) => ({ name: `name shape ${s.shape}`, source: s.source, flags: 'u' })),
    ...sources.flatMap((s) => (s.opening === undefined ? [] : [{ name: `name opening ${s.shape}`, source: s.opening, flags: 'u' }])),
  ];
}

// What may follow a name inside a list.
// (APA 7 puts an ellipsis before the last of many authors: "Asgaard, G., ... Botros, N.".)
const separator = lazyPattern(() => /(?:,?\s?(?:\.\s?\.\s?\.|…)\s|\s?[,;]{1,2}\s?(?:(?:and|And|AND|&|und|et|y)\s)?|\s(?:and|And|AND|&|und|et|y)\s)/uy);
const vancouverSeparator = latin1Pattern(() => /(?:\.\s|\s)(?=\p{Lu})/uy);
const suffixAfter = lazyPattern(() => /,?\s(?<suffix>Jr|Sr|II|III|IV|2nd|3rd)\.?(?=[\s,;.:(]|$)/uy);
const etAlAfter = lazyPattern(() => /,?\s?(?:et\.?\s?al|and others|u\.\s?a)\b\.?/uy);
const roleAfter = lazyPattern(() => /(?:,?\s?\((?<role>eds?|editors?|hrsg|hg|coords?|dirs?|orgs?)\.?\)|,?\s(?<role2>eds?|editors?|hrsg)\b\.?)/iuy);
// Other roles in parentheses: the names stay authors ("Moore, M. (Writer/Director).").
// (Also after a comma: "Soderbergh, Steven, director.")
const otherRoleAfter = guardedPattern('otherRoleAfter', lazyPattern(() => /\s?\((?:writer|director|producer|executive producer|host|narrator|performer|composer|compiler|illustrator|photographer|speaker|interviewer|presenter|artist|screenwriter)(?:\s?\/\s?(?:writer|director|producer))?s?\)|,\s(?:writer|director|producer|narrator|performer|composer|compiler|illustrator|photographer|screenwriter)(?=\.\s)/iuy));
// Another name for the same person in brackets: "Esty, Joshua (Jed).", "Céline, Louis-Ferdinand (Louis-Ferdinand Destouches).".
const otherNameAfter = latin1Pattern(() => /\s\((?!(?:1[5-9]|20)\d{2})\p{Lu}[^()\d]{1,40}\)(?=\.\s|,\s)/uy);
// "Nishida, T., & et al.": the separator, then "et al.".
const etAlAfterSeparator = guardedPattern('etAlAfterSeparator', lazyPattern(() => /\s?[,;]?\s?(?:&|and)\s(?:et\.?\s?al|others)\b\.?/uy));
// What may end the list: punctuation before the title or the year.
const listEnd = latin1Pattern(() => /(?:\.,\s|\s?[.:]\s|\s?[.:]?$|\s?[([]|\s?,\s|\s(?=["“«‘]|(?:1[5-9]|20)\d{2}\b)|\.(?=["“«‘\p{Lu}]))/uy);

const at = (pattern: RegExp, text: string, index: number): RegExpExecArray | null => {
  pattern.lastIndex = index;
  return pattern.exec(text);
};
/** Whether a sticky pattern matches at `index` (no match array made). */
const testAt = (pattern: RegExp, text: string, index: number): boolean => {
  pattern.lastIndex = index;
  return pattern.test(text);
};
// A white-space unit then another, read where a name's full stop or bracket ends (sticky: no copy of the two units).
const spaceThenNonSpace = /\s\S/y;

/**
 * The length of a sticky pattern's match at `index`, or -1: where only the length counts, no
 * match array and no copy of the matched text are made (`test` leaves `lastIndex` at the match's
 * end, as only a sticky or global pattern's `test` does: {@link lengthPatterns}). The name
 * scanner asks half a dozen such patterns at each name (issue 17: allocation).
 */
export const lengthAt = (pattern: RegExp, text: string, index: number): number => {
  pattern.lastIndex = index;
  return pattern.test(text) ? pattern.lastIndex - index : -1;
};

/**
 * The patterns `scanFrom` asks with {@link lengthAt} or `testAt`, in the forms it asks them about
 * `text`: for tests/refs/names.test.ts, which checks that each is sticky and that the length
 * agrees with `exec`'s match.
 */
export function lengthPatterns(text: string): RegExp[] {
  return [wordPattern('degreeAfter', text), coFirstMark(text), otherNameAfter(text), etAlAfter(), etAlAfterSeparator(text), roleAfter(), otherRoleAfter(text), listEnd(text), spaceThenNonSpace];
}

const undottedInitials = lazyPattern(() => /^[A-Z]{1,3}$/);

/**
 * Whether `name` opens with a capital and then a small letter ("Dhubhghaill", not "G" or "CRUZ"), read by case
 * mapping: a `\p{Lu}\p{Ll}` pattern would build ICU's property sets at its first use, in every list of names that
 * any shape starts as Vancouver's (en-2025: +1.9 M instructions a process).
 */
function opensCapitalThenSmall(name: string): boolean {
  if (name.length < 2) return false;
  const first = name[0]!;
  const second = name[1]!;
  return first !== first.toLowerCase() && second !== second.toUpperCase();
}

/** Shapes a list started in one shape may continue with. */
const continues: Record<Shape, Shape[]> = {
  'family-initials': ['family-initials', 'initials-family', 'vancouver', 'given-family'],
  'family-given': ['family-given', 'given-family', 'family-initials'],
  vancouver: ['vancouver', 'initials-family'],
  'initials-family': ['initials-family', 'given-family'],
  'given-family': ['given-family', 'initials-family'],
  'capitals-given': ['capitals-given', 'family-initials', 'vancouver'],
  'family-bracketed': ['family-bracketed'],
};

/**
 * The shapes a name of a list started in `first` may take, as `scanFrom` asks them: the first
 * name `first` alone, a later one {@link continues}, one after a semicolon those and the two
 * comma shapes. Made once a shape, not a list at every name (issue 17: allocation).
 */
const allowedAfter = new Map<Shape, { first: readonly Shape[]; next: readonly Shape[]; afterSemicolon: readonly Shape[] }>(
  (Object.keys(continues) as Shape[]).map((shape) => [shape, { first: [shape], next: continues[shape], afterSemicolon: [...continues[shape], 'family-given', 'family-initials'] }]),
);

/** The shapes after which a list's last name may be a journal's abbreviation (`scanFrom`). */
const givenFirstShapes: readonly Shape[] = ['given-family', 'initials-family'];

/** An author (or editor) list read from the start of a reference. */
export interface AuthorList {
  names: CslName[];
  role: 'author' | 'editor';
  /** Offset where the list ends (after its last name, suffix, role or "et al."). */
  end: number;
  shape: Shape;
}

/** True for a word that names a periodical ("Lett", "Phys", "Journal"), as a family name never does before numbers. */
const isJournalWord = (word: string) => referenceWords().journalWords.has(phraseKey(word));

function toName(shape: Shape, groups: Record<string, string | undefined>): CslName {
  const family = (groups.family ?? '').trim();
  const given = (groups.given ?? '').trim();
  const name: CslName = given ? { family, given } : { family };
  if (groups.suffix) name.suffix = groups.suffix;
  return name;
}

/**
 * Reads the list of names a reference opens with, in any of the shapes styles use: "Family,
 * I." (APA, Harvard, Chicago with initials), "Family, Given" then "Given Family" (Chicago,
 * MLA), "Family II" (Vancouver, GB/T in Latin), "I. Family" and "Given Family" (IEEE, ACM,
 * LNCS, physics), one organisation. A name is taken only when what follows it is another
 * name's separator or the list's end, so a title never runs into the list. The shapes read the
 * text mapped into their one-byte alphabet (`toNameAlphabet`) unless `oneByte` is false.
 */
export function scanAuthors(text: string, oneByte = true): AuthorList | null {
  // Every shape may start a list; the one that reads the most names wins (then the longest, then the first).
  let best: AuthorList | null = null;
  // (`oneByte` false reads with the shapes as written: the tests compare the two.)
  const reading: Reading = { text, latin: oneByte ? toNameAlphabet(text) : null };
  // Indexed loops over the shapes, here and in scanFrom: a `for … of` in baseline code allocates
  // an iterator result a shape tried, at every name (BENCHMARKS.md, "loops without iterators").
  const shapes = nameShapes();
  for (let k = 0; k < shapes.length; k++) {
    const list = scanFrom(reading, shapes[k]!.shape);
    if (list && (!best || list.names.length > best.names.length || (list.names.length === best.names.length && list.end > best.end))) best = list;
  }
  return best;
}

// Shapes the code below reads, each in the form its text needs (src/refs/latin1.ts: issue 17, start-up).
const dottedInitials4 = latin1Pattern(() => /^\p{Lu}{1,4}\.$/u);
/** A space then a capital (`\p{Lu}`), in the form its text needs: also how the parser asks what follows Wikipedia's lettered backlinks (parse.ts). */
export const spaceThenCapital = latin1Pattern(() => /^\s\p{Lu}/u);
const dottedInitials3 = latin1Pattern(() => /^\p{Lu}{1,3}\.$/u);
const stopThenCapital = latin1Pattern(() => /^\.\s\p{Lu}/u);
const lowerAtEnd = latin1Pattern(() => /\p{Ll}$/u);

function scanFrom(reading: Reading, firstShape: Shape, limit = Infinity): AuthorList | null {
  const { text } = reading;
  const allowedShapes = allowedAfter.get(firstShape)!;
  const shapes = nameShapes();
  // (Most shapes a list is tried in fail at its first name: the lists are made once one matches.)
  let first: { shape: Shape; length: number; groups: Record<string, string | undefined> } | null = null;
  for (let k = 0; k < shapes.length && first === null; k++) {
    if (shapes[k]!.shape === firstShape) first = matchShape(shapes[k]!, reading, 0);
  }
  if (first === null) return null;
  const names: CslName[] = [];
  const kinds: Shape[] = [];
  let pos = 0;
  // How many names stood before the first "and" (or "et al."): names after it need no more proof.
  let andAt = Infinity;
  let role: AuthorList['role'] = 'author';
  let lastGood = -1;
  let lastGoodCount = 0;
  let semicolon = false;
  // Where the list may end after each count of names.
  const goodEnds: number[] = [];
  for (;;) {
    // (After a semicolon a list in one shape may go on in another: "Balsamo, V.; Nguyen, Duy; …".)
    const allowed = names.length === 0 ? allowedShapes.first : semicolon ? allowedShapes.afterSemicolon : allowedShapes.next;
    let matched: { shape: Shape; length: number; groups: Record<string, string | undefined> } | null = first;
    // (The first name was matched above, before the lists were made.)
    first = null;
    for (let k = 0; k < shapes.length && matched === null; k++) {
      const candidate = shapes[k]!;
      if (allowed.includes(candidate.shape)) matched = matchShape(candidate, reading, pos);
    }
    if (!matched) break;
    let end = pos + matched.length;
    const name = toName(matched.shape, matched.groups);
    // OUCI's "Van den Bogerd B, SN Dhubhghaill, C Koppen": a Vancouver list's later names may put their initials
    // first, capitals with no full stop before a family name in small letters ("BARRÓN CRUZ, M.G." is no such name).
    if (firstShape === 'vancouver' && matched.shape === 'initials-family' && !(undottedInitials().test(name.given ?? '') && opensCapitalThenSmall(name.family ?? ''))) break;
    // "…, The Marrow Book.": an article starts a title, never a given name; "Editions Tchou" is a publisher.
    if (matched.shape === 'given-family' && (/^(?:The|An?)\s/.test(name.given ?? '') || `${name.given} ${name.family}`.split(/\s+/).some(isPublisherWord))) break;
    // "Baillie J. To cut …": the full stop ends the sentence, Vancouver initials carry none of their own.
    if (matched.shape === 'vancouver' && testIn(dottedInitials4, name.given ?? '') && testIn(spaceThenCapital, text.slice(end, end + 2))) name.given = name.given!.slice(0, -1);
    const suffix = at(suffixAfter(), text, end);
    if (suffix?.groups) {
      name.suffix = suffix.groups.suffix!;
      end += suffix[0].length;
    }
    // (Lengths, not matches, where only a length counts: `lengthAt`.)
    let degree = lengthAt(wordPattern('degreeAfter', text), text, end);
    if (degree < 0) degree = lengthAt(coFirstMark(text), text, end);
    if (degree > 0) end += degree;
    // (Another name in brackets may stand before "et al." too: "Gorky, Maxim (Alexei Peshkov), et al., eds.")
    const alias = lengthAt(otherNameAfter(text), text, end);
    if (alias >= 0 && testAt(etAlAfter(), text, end + alias)) end += alias;
    names.push(name);
    kinds.push(matched.shape);
    if (names.length === limit) return { names, role, end, shape: firstShape };
    let etAlLength = lengthAt(etAlAfter(), text, end);
    if (etAlLength < 0) etAlLength = lengthAt(etAlAfterSeparator(text), text, end);
    const etAl = etAlLength >= 0;
    if (etAl) {
      end += etAlLength;
      andAt = Math.min(andAt, names.length);
    }
    const roleLength = lengthAt(roleAfter(), text, end);
    const roleMatch = roleLength >= 0;
    if (roleMatch) {
      role = 'editor';
      end += roleLength;
    } else {
      let other = lengthAt(otherRoleAfter(text), text, end);
      if (other < 0) other = lengthAt(otherNameAfter(text), text, end);
      if (other > 0) end += other;
    }
    // The list may end here when what follows is the list's end (a role or "et al." ends it too).
    const ending = testAt(listEnd(text), text, end);
    // (The unit before `end` read as it stands: `/[.)]$/` over a copy of the text up to `end` tried every offset of it, at every name.)
    const before = text.charCodeAt(end - 1);
    const dotted = (before === 0x2e || before === 0x29) && testAt(spaceThenNonSpace, text, end);
    if (ending || dotted || etAl || roleMatch || end >= text.length) {
      lastGood = end;
      lastGoodCount = names.length;
      goodEnds[names.length] = end;
    }
    if (etAl || roleMatch) break;
    // Vancouver lists may go on after a full stop or a space ("Goss DL. Moore JH.", "Liu SM Zhong J");
    // so may "Family, JN." lists ("Ferguson, JN. Aldag, JM.").
    const spaced = firstShape === 'vancouver' || (matched.shape === 'family-initials' && testIn(dottedInitials3, name.given ?? ''));
    const sep = at(separator(), text, end) ?? (spaced ? at(vancouverSeparator(text), text, end) : null);
    if (!sep) break;
    const joined = /\b(?:and|And|AND|und|et|y)\b|&/.test(sep[0]);
    // In a given-first list the name after "and" is the last ("K. Chandy and J. Misra, Parallel Program Design: …"),
    // unless another "and" follows. (Family-first lists may run on: "Kim, S.E. & Wong, S.T., Gregorich, S, …".)
    if (andAt < names.length && !joined && (firstShape === 'initials-family' || firstShape === 'given-family')) break;
    if (joined) andAt = Math.min(andAt, names.length);
    semicolon = sep[0].includes(';');
    pos = end + sep[0].length;
  }
  if (lastGood < 0) return null;
  // "S. E. Han, G. Chen, Nano Lett. 2010, 10, 1012", "…, J Appl Phys 1987, 62, 243": a journal's abbreviation, then its numbers, ends a list with no title (ACS).
  while (lastGoodCount > 1 && givenFirstShapes.includes(kinds[lastGoodCount - 1]!) && isJournalWord(names[lastGoodCount - 1]!.family?.split(' ').pop() ?? '') && /^\.?,?\s[A-Z]?\d/.test(text.slice(lastGood, lastGood + 5))) {
    lastGoodCount--;
    lastGood = goodEnds[lastGoodCount] ?? -1;
    if (lastGood < 0) return null;
  }
  // "Given Family" names after the first need an "and" before the list's last name: "Randall
  // Packard, White Plague, Black Labour: …" is one author and a title.
  // (A year right after the list proves it too: "Coüasnon, Bertrand, Bernard Rétif, 1995, …".)
  // (So does a full stop after three names or more: "Devaney, Johanna, Jason Hockman, Jon Wild, Peter Schubert. Title …".)
  const stopped = lastGoodCount >= 3 && testIn(stopThenCapital, text.slice(lastGood, lastGood + 3)) && testIn(lowerAtEnd, text.slice(0, lastGood));
  // (So does a role after a list of given-first names: "L Douglas Kiel, Euel W Elliott (ed.), Title".)
  // (So does a quoted title right after it: "Ana Lima, Rui Costa, “Title,” …".)
  if (andAt >= lastGoodCount && !stopped && !(role === 'editor' && firstShape === 'given-family') && !/^\s?[.,]?\s?(?:\(?(?:1[5-9]|20)\d{2}(?!\d)|["“«‘„])/u.test(text.slice(lastGood))) {
    const firstGiven = kinds.indexOf('given-family', 1);
    if (firstGiven > 0 && firstGiven < lastGoodCount) return scanFrom(reading, firstShape, firstGiven);
  }
  return { names: names.slice(0, lastGoodCount), role, end: lastGood, shape: firstShape };
}

// An organisation's name up to the first sentence end, colon, year or comma: "U.S. Department of
// Transportation.", "American Educational Research Association. (1985).", "The Boston Consulting Group.",
// BMC's "Korean Food and Drug Administration: Cell therapy." (its names end at a colon), German bodies'
// "Wissenschaftlicher Beirat der Bundesärztekammer (1997)".
const organisationLead = latin1Pattern(() => /^(?<name>(?:(?:\p{Lu}\.){2,4}|[\p{Lu}\d][\p{L}\d&'’-]*|of|for|and|the|on|in|de|du|des|der|la|le|et|für|und|&)(?:\s(?:(?:\p{Lu}\.){2,4}|[\p{Lu}\d][\p{L}\d&'’-]*|of|for|and|the|on|in|de|du|des|der|la|le|et|für|und|&)){1,14})(?=\.\s|\.$|:\s|\s?\((?:1[5-9]|20)\d{2}|,\s(?:(?:1[5-9]|20)\d{2}|["“«‘]))/u);

/** An organisation as the author ("World Health Organization."), as one literal name. */
export function scanOrganisation(text: string): AuthorList | null {
  const m = organisationLead(text).exec(text);
  if (!m?.groups) return null;
  const name = m.groups.name!.replace(/\.$/, '');
  if (!isOrganisation(name) || name.split(/\s+/).length < 2) return null;
  return { names: [{ literal: name }], role: 'author', end: name.length, shape: 'given-family' };
}

// ——— Names as a whole string (lists found by their end, Elsevier's given-first lists) ———

// Wolters Kluwer lists carry degrees with affiliation letters: "Wang, Tao MDa", "Luo, Zhiqiang MDf,*".
const degree = lazyPattern(() => /\s+(?:MD|PhD|MSc|MPH|RN|DDS|DVM)[a-g]?(?:[,\s]+(?:MD|PhD|MSc|MPH)[a-g]?)*[,*\s]*$/);
/** Whether `text` holds a degree `degree` reads (each is written as it stands there: no i flag). */
const holdsDegree = (text: string) => DEGREES.some((d) => text.includes(d));
const DEGREES = ['MD', 'PhD', 'MSc', 'MPH', 'RN', 'DDS', 'DVM'];
const initials = lazyPattern(() => /^(?:[A-Z][a-z]?\.?-?){1,4}$|^(?:[A-Z]\.){1,4}(?:-[A-Z]\.)?$/);

/** Parses one name in any of the shapes references use (a list's piece, cut at commas). */
export function parseName(raw: string, givenFirst = false): CslName | null {
  // (Each pattern asked only of a name holding what its matches hold — a leading "and" or "&", a degree, "et" first —: a
  // one-article list's names compile none of them. Issue 17: start-up.)
  const unjoined = (opensWithOneOf(raw.trimStart(), 'aA&') ? raw.replace(/^\s*(?:and|&)\s+/i, '') : raw).replace(/[,*\s]+$/, '');
  let name = (holdsDegree(unjoined) ? unjoined.replace(degree(), '') : unjoined).trim();
  if (!name || (opensWithOneOf(name, 'eE') && /^et\.?\s*al\.?$/i.test(name))) return null;
  if (name.includes(',')) {
    const [family, given] = name.split(/\s*,\s*/, 2) as [string, string];
    return given ? { family, given } : { family };
  }
  const parts = name.split(/\s+/);
  if (parts.length === 1) return { family: parts[0]! };
  const last = parts[parts.length - 1]!;
  if (!givenFirst && initials().test(last.replace(/\.$/, '')) && last.length <= 4) {
    return { family: parts.slice(0, -1).join(' '), given: last };
  }
  return { family: last, given: parts.slice(0, -1).join(' ') };
}

/** Splits an author list ("A B, C D", "A, B., C, D.", "A, B.; C, D.", "… and X Y") into names. */
export function parseAuthors(raw: string, givenFirst = false): CslName[] {
  // (Each asked only where its word stands, in any case: issue 17, start-up.)
  const lower = raw.toLowerCase();
  const withoutEtAl = lower.includes('et') ? raw.replace(/\bet\.?\s*al\.?/gi, '') : raw;
  const commas = lower.includes('and') ? withoutEtAl.replace(/\s+and\s+/gi, ', ') : withoutEtAl;
  const text = (commas.includes('&') ? commas.replace(/\s*&\s*/g, ', ') : commas).trim();
  const tokens = text.includes(';') ? text.split(/\s*;\s*/) : text.split(/\s*,\s*/);
  const names: CslName[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!.trim();
    if (!token) continue;
    const next = tokens[i + 1]?.trim();
    if (!text.includes(';') && next && !token.includes(' ') && initials().test(next.replace(/\s+/g, ''))) {
      names.push({ family: token.replace(degree(), ''), given: next });
      i++;
      continue;
    }
    const name = parseName(token, givenFirst);
    if (name) names.push(name);
  }
  return names;
}


// Shapes the code below reads, each in the form its text needs (src/refs/latin1.ts: issue 17, start-up).
const nameThenComma = latin1Pattern(() => /^\p{Lu}[^,]*,\s/u);
const longLowerWord = latin1Pattern(() => /(?:^|\s)\p{Ll}{4,}\b/u);
const sentenceBreak = latin1Pattern(() => /[.?!]\s+\p{Lu}\p{Ll}+\s+\p{Ll}/u);
const yearOrInitialStop = latin1Pattern(() => /\d{4}|\p{Ll}\.\s\p{Lu}/u);
const initialsWord = latin1Pattern(() => /(?:^|\s)(?:\p{Lu}{1,4}|(?:\p{Lu}\.){1,3})(?:\s|$)/u);
const capitalStart = latin1Pattern(() => /^\p{Lu}/u);
const lowerFamilyInitials = latin1Pattern(() => /(?<![\p{L}'’-])\p{Ll}[\p{Ll}'’-]*\s\p{Lu}{1,3}(?=[,;.]|$)/gu);

/**
 * Where an author list ends when the name scanner stopped early on a name it could not read
 * ("ffytche DH", "Luong le A", "Blu"her M"): at the first "(year)", ": ", "et al." or Vancouver
 * list end (initials and a full stop: "Howard R. Differences…") after it, when what lies before
 * holds no words of a title (lower-case words of four letters or more).
 */
export function looseAuthorEnd(text: string, from: number): { end: number; names: CslName[] } | null {
  const region = text.slice(0, 600);
  const stop = initialsStop(region);
  stop.lastIndex = from + 1;
  const ends = [/\s?\((?:1[5-9]|20)\d{2}[a-z]?\)/u.exec(region), /:\s/u.exec(region), /[,\s]\s?et\.?\s?al\b\.?/iu.exec(region), stop.exec(region)]
    .filter((m): m is RegExpExecArray => m !== null && m.index > from)
    .sort((a, b) => a.index - b.index);
  const boundary = ends[0];
  if (!boundary || boundary.index > text.length * 0.7) return null;
  const before = region.slice(0, boundary.index);
  // (A list's end at initials needs a list before it: '"Charles R. Van Hise." In Wikipedia' is a title.)
  if (boundary[0].startsWith('.') && !nameThenComma(before).test(before)) return null;
  // (A family in lower case before its initials is a name's: "ffytche DH", "ladecola C".)
  const unparticled = before.replace(/\b(?:van|von|der|den|del|della|and|et|al|le|la|de|du|da|dos|for|the)\b/g, '');
  const words = unparticled.replace(lowerFamilyInitials(unparticled), '');
  if (longLowerWord(words).test(words) || sentenceBreak(before).test(before)) return null;
  // What the scanner left must read as more names: short pieces, most with initials ("ffytche DH"),
  // no date and no sentence end ("Perec, Georges. A Void. London: …" is a title and a place).
  if (testIn(yearOrInitialStop, before.slice(from))) return null;
  const pieces = before.slice(from).split(/\s?[,;]\s?|\s(?:and|&)\s/).map((p) => p.trim()).filter((p) => p && !/^(?:and|&|et al\.?)$/.test(p));
  // (A group named among the authors counts as a name: "Golding J, ALSPAC Study Team: Title".)
  const named = pieces.filter((p) => (/^(?:\S+\s){0,3}\S+$/u.test(p) && initialsWord(p).test(p)) || (capitalStart(p).test(p) && isOrganisation(p)));
  if (pieces.length === 0 || named.length < pieces.length * 0.6) return null;
  const end = /et\.?\s?al/i.test(boundary[0]) ? boundary.index + boundary[0].length : boundary.index;
  // (A page number a PDF copy left among the names goes: "Lund M, 41. Weller T"; a group is one name.)
  const names = parseAuthors(text.slice(0, end).replace(/\s\d{1,4}\.(?=\s)/g, '')).map((n) => (n.given && isOrganisation(`${n.given} ${n.family}`) ? { literal: `${n.given} ${n.family}` } : n));
  return names.length ? { end, names } : null;
}

// A Vancouver list's end: a name's initials, a full stop, the title ("…, Howard R. Differences between…").
// (After a word: ", J. Appl. Cryst." is a journal after "et al.,".)
// (Full stop first: tried only at full stops.)
const initialsStop = latin1Pattern(() => /\.(?<=[\p{L}\d'’.-]{2}\s\p{Lu}{1,3}\.)\s(?=\p{Lu})/gu);
