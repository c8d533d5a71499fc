import { referenceData } from '../generated/reference-data.js';
import type { CslType, ReferenceData } from '../generated/references.js';
import { lazyPattern } from './text.js';
import { latin1Forms, latin1Pattern } from './latin1.js';

/**
 * The reference parser's words (pipelines/data/references.json, compiled into
 * src/generated/reference-data.ts), turned once into the sets and patterns the parser asks.
 * Patterns made here are alternations of escaped literal words inside fixed context: they
 * match in time linear in the text (the ReDoS audit checks them, see `referencePatterns`).
 */
export interface ReferenceWords {
  data: ReferenceData;
  /** GB/T 7714 type codes → CSL types. */
  typeCodes: ReadonlyMap<string, { type: CslType; part: CslType; whole?: CslType }>;
  particles: ReadonlySet<string>;
  suffixes: ReadonlySet<string>;
  months: ReadonlyMap<string, number>;
  organisationWords: ReadonlySet<string>;
  journalWords: ReadonlySet<string>;
  /** Words that make a name a periodical's whatever its field ("journal", "review"). */
  periodicalWords: ReadonlySet<string>;
  /** Words that make a container a blog ("blog", "博客"). */
  blogWords: ReadonlySet<string>;
  publisherWords: ReadonlySet<string>;
  proceedingsWords: ReadonlySet<string>;
  /** Abbreviations whose full stop ends no part of a source (as written, case kept). */
  abbreviations: ReadonlySet<string>;
  /** Labels a page prints around references ("Google Scholar"), lower case. */
  listLabels: ReadonlySet<string>;
  /** Volume, issue and page labels, lower case. */
  labels: ReadonlySet<string>;
  /** A work's medium or form ("motion picture", "DVD"), lower case. */
  media: ReadonlySet<string>;
  /** Edition statements without a number ("reprint", "revised and expanded"), lower case. */
  editionPhrases: ReadonlySet<string>;
  /** One-word roles before names ("ed.", "trans.", "tr."), lower case: their full stop ends no part. */
  roleAbbreviations: ReadonlySet<string>;
  /** Publisher words in CJK scripts, which end a name ("人民出版社"). */
  cjkPublisherWords: readonly string[];
  /** Journal words in CJK scripts ("学报", "杂志"). */
  cjkJournalWords: readonly string[];
  /** Whole-phrase lookups (lower case, dots and spaces folded). */
  publishers: ReadonlySet<string>;
  places: ReadonlySet<string>;
  regions: ReadonlySet<string>;
  /** "[J]", "[M/OL]", "[EB/OL]": the code (group 1) and carrier (group 2). */
  typeCode: RegExp;
  /** A thesis phrase anywhere (global). */
  thesis: RegExp;
  /** A report phrase anywhere (global). */
  report: RegExp;
  /** "et al." / "等" / "and others" (global). */
  etAl: RegExp;
  /** A month name, whole word. */
  month: RegExp;
  /** "vol." / "Bd." … immediately before a number. */
  volumeLabel: RegExp;
  /** "no." / "Heft" … immediately before a number. */
  issueLabel: RegExp;
  /** "pp." / "S." … immediately before a number. */
  pageLabel: RegExp;
  /** "Suppl" / "增刊". */
  supplement: RegExp;
  /** "(Eds.)", ", ed.", "editors" after names. */
  editorRole: RegExp;
  /** "edited by", "Ed." before names. */
  editedBy: RegExp;
  /** "Translated by", "trans." before names. */
  translatedBy: RegExp;
  /** Notes to drop ("Retrieved from", "[PubMed]", "to appear"). */
  dropNote: RegExp;
  /** A note on the publication status at the start of a part ("to appear", "Submitted"). */
  statusNote: RegExp;
  /** CJK organisation endings. */
  cjkOrganisation: RegExp;
  /** A CJK committee that edits ("编辑委员会", "編集委員会", "编委会"): an editor word, up to two characters, a committee's ending. */
  cjkEditorialBody: RegExp;
  /** CJK edition statements ("2 版", "修订本"). */
  cjkEdition: RegExp;
  /** CJK volume statements ("第 1 卷", "下册"). */
  cjkVolume: RegExp;
  /** CJK role words after names ("主编", "译"). */
  cjkEditor: RegExp;
  cjkTranslator: RegExp;
  /** Names, then a CJK role word ("谢远涛, 译", "王夫之, 主编"): groups `names` and `word` (d flag). */
  cjkRoleAfterNames: RegExp;
  /** A numbered CJK volume ("第 2 卷", "제 3 권"): the number in group 1. */
  cjkVolumeNumber: RegExp;
  /** A numbered CJK volume with its own title ("第 2 卷 科学思想史"): the volume, then the title. */
  cjkNamedVolume: RegExp;
  /** GB/T 7714 dates of an electronic resource or a year as the standard writes it (d flag). */
  onlineDates: RegExp;
  /** A standard's, patent's, report's or official document's number. */
  documentNumber: RegExp;
  /** A reference still to be written ("TODO", "xxx"). */
  placeholder: RegExp;
  /** Latin edition statements ("2nd ed.", "Third Edition", "Rev. ed."). */
  edition: RegExp;
  /** A series phrase ("Lecture Notes in …", "… Series"). */
  series: RegExp;
  /** Degrees after a name, with affiliation letters ("MDa", "PhD", ", MD,*"): sticky. */
  degreeAfter: RegExp;
}

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Longest first, so "tech. rep" wins over "tech"; a written full stop may be left out.
const alternation = (words: readonly string[]) =>
  [...words]
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
    .map((w) => escape(w.replace(/\.$/, '')).replace(/\\\.\s*/g, '\\.?\\s?').replace(/ /g, '\\s'))
    .join('|');
/** Printable ASCII, no ".", no space at an end or doubled: its key is its lower case. */
const plainWord = lazyPattern(() => /^[\x21-\x2d\x2f-\x7e]+(?: [\x21-\x2d\x2f-\x7e]+)*$/);
/** The comparison key of a phrase: lower case, no dots, single spaces. */
export const phraseKey = (phrase: string) => (plainWord().test(phrase) ? phrase.toLowerCase() : foldedKey(phrase));

// (Kept: each cut read asks them again.)
const foldedKeys = new Map<string, string>();

function foldedKey(phrase: string): string {
  let key = foldedKeys.get(phrase);
  if (key === undefined) {
    key = (/^[\x20-\x7e]*$/.test(phrase) ? phrase : phrase.normalize('NFKC')).toLowerCase().replace(/\./g, '').replace(/\s+/g, ' ').trim();
    // (Words and names, not whole lines.)
    if (phrase.length <= 64) {
      if (foldedKeys.size >= 4096) foldedKeys.clear();
      foldedKeys.set(phrase, key);
    }
  }
  return key;
}


let compiled: ReferenceWords | null = null;
let formsByName: Record<PatternName, (text: string) => RegExp> | null = null;
let sources: { name: string; source: string; flags: string }[] = [];
// Each word pattern's pre-test: the keys of which one must be in the text's key (see `wordKeys`), and its flags.
let needsByName: Partial<Record<PatternName, { keys: readonly string[]; flags: string }>> = {};

/**
 * The key a word pattern's pre-test reads (issue 17: start-up): lower case, with "ſ" as "s", and
 * no full stop or white space. A word of the data stands in its pattern as its letters in order
 * with an optional full stop and space at each of its full stops and `\s` for each space
 * (`alternation`), read under `i` and `u`'s simple case folding; so a text a word matches in holds
 * that word's key in its own key. The keys of a case-folding class agree: every code point a key's
 * letter matches under `iu` has that letter as its key (tests/refs/word-pretest.test.ts checks each letter
 * of the data's words against every code point: "K" (Kelvin) lowers to "k", but "ſ" does not to
 * "s", hence the replace).
 */
export const wordKey = (text: string): string => text.toLowerCase().replaceAll('ſ', 's').replace(/[\s.]+/g, '');

/** The keys of `words` a text's key must hold one of for a word to match in it: each word's, less those that hold another's. */
export function wordKeys(words: readonly string[]): string[] {
  const keys = [...new Set(words.map((w) => wordKey(w.replace(/\.$/, ''))))].sort((a, b) => a.length - b.length);
  // (A key no longer than one that holds it is its own test: "retrieved" answers for "retrieved from".)
  return keys.reduce<string[]>((kept, key) => (kept.some((k) => key.includes(k)) ? kept : [...kept, key]), []);
}

// The last text's key (the next pattern of the same part asks about the same text).
let lastKeyed = '';
let lastKey = '';

// `text`'s key, kept for the next pattern asked about the same text.
function keyOf(text: string): string {
  if (text !== lastKeyed) {
    lastKeyed = text;
    lastKey = wordKey(text);
  }
  return lastKey;
}

/** Whether some key of `keys` is in `text`'s key: false proves that no word of theirs matches in `text`. */
export function mayHold(keys: readonly string[], text: string): boolean {
  const key = keyOf(text);
  for (const k of keys) if (key.includes(k)) return true;
  return false;
}

// Patterns that match nothing, one for each set of flags: what `wordPattern` answers for a text its pre-test rules out.
const matchNothing = new Map<string, RegExp>();
const nothingWith = (flags: string): RegExp => {
  let pattern = matchNothing.get(flags);
  if (!pattern) matchNothing.set(flags, (pattern = new RegExp('(?!)', flags)));
  return pattern;
};

/** Where a placed pattern's words stand in every text it matches: the text opens with one of them, or closes with one. */
export type WordPlace = 'start' | 'end';

/** The keys of `words` one of which a text's key must open (or close) with: each word's key, less those that open (close) with another's. */
export function placedKeys(place: WordPlace, words: readonly string[]): string[] {
  const keys = [...new Set(words.map(wordKey))].sort((a, b) => a.length - b.length);
  const within = (key: string, k: string) => (place === 'start' ? key.startsWith(k) : key.endsWith(k));
  return keys.reduce<string[]>((kept, key) => (kept.some((k) => within(key, k)) ? kept : [...kept, key]), []);
}

/** A placed pattern as made, for the test that its pre-test and its pattern agree. */
export interface PlacedPattern {
  name: string;
  place: WordPlace;
  keys: readonly string[];
  /** The pattern in the form the text needs, unguarded. */
  form: (text: string) => RegExp;
  /** What `placedPattern` answers: the form, or a pattern that matches nothing. */
  guarded: (text: string) => RegExp;
}

const placed: PlacedPattern[] = [];

/**
 * A pattern of the source reader's cascade (src/refs/source.ts: "In", the contributor, editor and
 * translator shapes, the numbered edition, the part and Roman-numeral shapes) pre-tested by the
 * words it is anchored on (issue 17: start-up): `words` are stated beside the pattern, each as the
 * pattern writes it at its `^` (`place` 'start') or before its `$` ('end'), its letters in order
 * with full stops and white space only where the pattern has them, read under the pattern's case
 * folding. A text its pattern matches then opens (closes) with that word, so its key (`wordKey`)
 * opens (closes) with the word's key; a text whose key opens (closes) with none of them gets a
 * pattern that matches nothing: the same `exec`, `test` and `replace` as the pattern's own (these
 * are neither global nor sticky), and the pattern is neither compiled nor run. On one article's
 * reference list the cascade fails on every part (journal names, numbers, a title), yet compiled
 * each of these on its first failing run. tests/refs/word-pretest.test.ts checks the pre-tests.
 */
export function placedPattern(name: string, place: WordPlace, words: readonly string[], form: (text: string) => RegExp): (text: string) => RegExp {
  const keys = placedKeys(place, words);
  const guarded = (text: string): RegExp => {
    const key = keyOf(text);
    for (const k of keys) if (place === 'start' ? key.startsWith(k) : key.endsWith(k)) return form(text);
    return nothingWith('');
  };
  placed.push({ name, place, keys, form, guarded });
  return guarded;
}

/** Every placed pattern made so far (src/refs/source.ts makes its own at load). */
export function placedPatterns(): readonly PlacedPattern[] {
  return placed;
}

/** The fields of `ReferenceWords` that hold a pattern. */
export type PatternName = { [K in keyof ReferenceWords]: ReferenceWords[K] extends RegExp ? K : never }[keyof ReferenceWords];

function compile(data: ReferenceData): ReferenceWords {
  const forms = {} as Record<PatternName, (text: string) => RegExp>;
  formsByName = forms;
  const made: { name: string; source: string; flags: string }[] = [];
  // Each pattern's source is written now (the ReDoS audit reads them all); the pattern is made on
  // its first use: a one-article ingest asks 11 of these 29, and with the pre-tests below makes 3
  // of them (as-2025: typeCode, edition, degreeAfter; issue 17: start-up).
  // `needs`: words one of which every match holds (an alternation the pattern cannot match
  // without), for `wordPattern`'s pre-test: a text whose key holds none of their keys is not asked
  // of the pattern, which is then not compiled (a one-article ingest's reference parts are mostly
  // journal names and numbers that the cascade of `classifyPart` tries every pattern on).
  const needs: Partial<Record<PatternName, { keys: readonly string[]; flags: string }>> = {};
  needsByName = needs;
  const pattern = (name: PatternName, source: string, flags: string, words?: readonly string[]) => {
    if (words) needs[name] = { keys: wordKeys(words), flags };
    made.push({ name, source, flags: flags.replace(/[gy]/g, '') });
    const full = lazyPattern(() => new RegExp(source, flags));
    forms[name] = latin1Forms(source, flags, full);
    return full;
  };
  const lower = (words: readonly string[]) => new Set(words.map(phraseKey));
  const codes = Object.keys(data.typeCodes);
  // Pieces of the CJK edition and volume statements ("第二版", "第 1 卷", "下册", "巳集上", "2010 年卷").
  const numerals = data.cjkNumerals.map(escape).join('');
  const ordinal = alternation(data.cjkOrdinalPrefixes);
  const volumeWords = alternation(data.cjkVolumeWords);
  const units = alternation(data.cjkVolumeUnits);
  const parts = alternation(data.cjkVolumeParts);
  const words: Omit<ReferenceWords, PatternName> = {
    data,
    typeCodes: new Map(Object.entries(data.typeCodes)),
    particles: lower(data.nameParticles),
    suffixes: lower(data.nameSuffixes),
    months: new Map(Object.entries(data.months).map(([k, v]) => [k.normalize('NFKC').toLowerCase(), v])),
    organisationWords: lower(data.organisationWords),
    journalWords: lower(data.journalWords),
    periodicalWords: lower(data.periodicalWords),
    blogWords: lower(data.blogWords ?? []),
    publisherWords: lower(data.publisherWords),
    proceedingsWords: lower(data.proceedingsWords),
    abbreviations: new Set(data.abbreviations),
    listLabels: lower(data.listLabels),
    labels: new Set([...data.volumeLabels, ...data.issueLabels, ...data.pageLabels, 'chap', 'ch', 'art', 'fasc', 'suppl'].map((w) => w.toLowerCase())),
    media: lower(data.mediumWords),
    editionPhrases: lower(data.editionPhrases),
    roleAbbreviations: lower([...data.editedBy, ...data.translatedBy].filter((w) => !/\s/.test(w))),
    cjkPublisherWords: data.publisherWords.filter((w) => /[^\x00-\x7f]/.test(w) && !/^[a-zà-ÿ&]/i.test(w)),
    cjkJournalWords: data.journalWords.filter((w) => /[^\x00-\x7f]/.test(w)),
    publishers: lower(data.publishers),
    places: lower(data.places),
    regions: lower(data.regions),
  };
  const patterns: Record<PatternName, () => RegExp> = {
    typeCode: pattern('typeCode', `\\[\\s?(${alternation(codes)})(?:\\s?\\/\\s?(${alternation(data.carrierCodes)}))?\\s?\\]`, 'u'),
    thesis: pattern('thesis', `(?<![\\p{L}])(?:${alternation(data.thesisWords)})(?![\\p{L}])`, 'giu', data.thesisWords),
    report: pattern('report', `(?<![\\p{L}])(?:${alternation(data.reportWords)})(?![\\p{L}])`, 'giu', data.reportWords),
    etAl: pattern('etAl', `(?<![A-Za-z])(?:${alternation(data.etAl)})(?![A-Za-z])\\.?`, 'giu', data.etAl),
    month: pattern('month', `(?<![\\p{L}])(?:${alternation(Object.keys(data.months))})(?![\\p{L}])\\.?`, 'iu', Object.keys(data.months)),
    // (Before a Roman number the label ends with a full stop or a space: "VII" is no "V" and "II".)
    volumeLabel: pattern('volumeLabel', `(?<![\\p{L}])(?:${alternation(data.volumeLabels)})(?:\\.?\\s?(?=\\d)|(?:\\.\\s?|\\s)(?=[IVXLC]))`, 'iu', data.volumeLabels),
    issueLabel: pattern('issueLabel', `(?<![\\p{L}])(?:${alternation(data.issueLabels)})\\.?\\s?(?=\\d)`, 'iu', data.issueLabels),
    pageLabel: pattern('pageLabel', `(?<![\\p{L}])(?:${alternation(data.pageLabels)})\\.?\\s?(?=[A-Za-z]?\\d)`, 'u', data.pageLabels),
    supplement: pattern('supplement', `(?<![\\p{L}])(?:${alternation(data.supplementWords)})(?![\\p{L}])\\.?`, 'iu', data.supplementWords),
    editorRole: pattern('editorRole', `^[\\s,]*(?:\\((?:${alternation(data.editorWords)})\\.?\\)|(?:${alternation(data.editorWords)})(?![\\p{L}])\\.?)`, 'iu', data.editorWords),
    editedBy: pattern('editedBy', `^(?:${alternation(data.editedBy)})(?![\\p{L}])\\.?\\s`, 'iu', data.editedBy),
    translatedBy: pattern('translatedBy', `^(?:${alternation(data.translatedBy)})(?![\\p{L}])\\.?\\s`, 'iu', data.translatedBy),
    dropNote: pattern('dropNote', `(?<![\\p{L}])(?:${alternation([...data.dropNotes, ...data.statusNotes])})(?![\\p{L}])`, 'giu', [...data.dropNotes, ...data.statusNotes]),
    statusNote: pattern('statusNote', `^(?:${alternation(data.statusNotes)})(?![\\p{L}])`, 'iu', data.statusNotes),
    cjkOrganisation: pattern('cjkOrganisation', `(?:${alternation(data.cjkOrganisationWords)})$`, 'u'),
    cjkEditorialBody: pattern('cjkEditorialBody', `(?:${alternation(data.cjkEditorWords)})\\p{Script=Han}{0,2}(?:${alternation(data.cjkEditorialBodyWords)})$`, 'u'),
    cjkEdition: pattern('cjkEdition', `^(?:(?:${ordinal})?\\s?[\\d${numerals}]{1,3}\\s?(?:${alternation(data.cjkEditionWords)})|\\S{0,8}(?:${alternation(data.cjkEditionWords)}))$`, 'u'),
    cjkVolume: pattern(
      'cjkVolume',
      `^(?:(?:${ordinal})\\s?[\\d${numerals}]{1,4}\\s?(?:${volumeWords})|(?:${parts})\\s?(?:${volumeWords})?|[\\d${numerals}]{1,3}\\s?(?:${volumeWords})|\\S{1,3}(?:${units})(?:${parts})?|\\d{4}\\s?(?:${alternation(data.cjkYearVolumeWords)}))$`,
      'u',
    ),
    cjkVolumeNumber: pattern('cjkVolumeNumber', `^(?:${ordinal})\\s?(\\d{1,4})\\s?(?:${alternation(data.cjkVolumeNumberUnits)})$`, 'u'),
    cjkNamedVolume: pattern('cjkNamedVolume', `^((?:${ordinal})\\s?\\d{1,4}\\s?(?:${units}))\\s(\\S.*)$`, 'u'),
    cjkRoleAfterNames: pattern('cjkRoleAfterNames', `^(?<names>.+?)(?:\\s?,\\s?|\\s)(?<word>${alternation([...data.cjkEditorWords, ...data.cjkTranslatorWords])})\\.?$`, 'du'),
    onlineDates: pattern(
      'onlineDates',
      // (A year in brackets is one the cataloguer supplied, "[1936]"; a whole date in brackets is when the copy was seen.)
      `^(?<issued>(?:c?(?:1[5-9]|20)\\d{2}(?:-\\d{1,2}){0,2}|\\[(?:1[5-9]|20)\\d{2}\\])(?:\\s?\\([^()]{1,20}\\)|\\s?(?:${alternation(data.cjkPrintingWords)}))?)?\\s?(?:\\((?<updated>[^()]{4,20})\\))?\\s?(?:\\[(?<accessed>[^\\]]{4,20})\\])?\\.?$`,
      'du',
    ),
    documentNumber: pattern('documentNumber', `^(?:[\\p{Lu}\\d][\\p{Lu}\\d/ .:—–-]{2,40}|\\S{1,10}\\s?[[［(]\\d{4}[\\]］)]\\s?\\d{1,5}\\s?(?:${alternation(data.cjkDocumentNumberWords)}))$`, 'u'),
    placeholder: pattern('placeholder', `^(?:${alternation(data.placeholderWords)}|x{3,})$`, 'iu'),
    cjkEditor: pattern('cjkEditor', `^(?:${alternation(data.cjkEditorWords)})$`, 'u'),
    cjkTranslator: pattern('cjkTranslator', `^(?:${alternation(data.cjkTranslatorWords)})$`, 'u'),
    edition: pattern(
      'edition',
      `^(?:\\d{1,2}(?:st|nd|rd|th|e|ª|\\.)?|(?:1[5-9]|20)\\d{2}|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|rev|revised|new|enl|expanded)\\.?(?:\\s(?:rev|revised|enl)\\.?)?(?:\\s\\p{Lu}\\p{Ll}+)?\\s(?:${alternation(data.editionWords)})(?![\\p{L}])\\.?(?:\\s(?:ed|edn)\\.?)?$`,
      'iu',
      data.editionWords,
    ),
    series: pattern('series', `(?<![\\p{L}])(?:${alternation(data.seriesWords)})(?![\\p{L}])`, 'iu', data.seriesWords),
    degreeAfter: pattern('degreeAfter', `(?:,?\\s(?:${alternation(data.degrees)})[a-g]?(?![\\p{L}]))+(?:,?\\*)?`, 'uy', data.degrees),
  };
  // (Getters, each making its pattern once: `words.etAl` is the same object at every use.)
  for (const name of Object.keys(patterns) as PatternName[]) Object.defineProperty(words, name, { get: patterns[name], enumerable: true });
  sources = made;
  return words as ReferenceWords;
}

/** The compiled reference words (compiled on first use). */
export function referenceWords(): ReferenceWords {
  compiled ??= compile(referenceData);
  return compiled;
}

/**
 * True when a journal's name ends in an abbreviation whose full stop is its own ("Cell Res.",
 * "Stem Cell Rev."): the last word is a known abbreviation and no other word is abbreviated
 * without a full stop. In a name abbreviated the NLM way ("Immun Inflamm Dis.", "J Clin Res.")
 * the words carry no full stops, so a last one is the separator after the name. (A journal's
 * word written whole — "Cell", "Med" — is no sign of either way.)
 */
export function endsInDottedAbbreviation(name: string): boolean {
  const words = referenceWords();
  const parts = name.trim().split(/\s+/);
  const lastPart = parts[parts.length - 1] ?? '';
  const last = dottedWord(lastPart).exec(lastPart)?.[1];
  if (parts.length < 2 || !last || !words.abbreviations.has(last)) return false;
  return parts.slice(0, -1).every((w) => w.endsWith('.') || !((words.abbreviations.has(w) && !words.journalWords.has(w.toLowerCase())) || loneCapital(w).test(w)));
}

/**
 * The word pattern `name` in the form `text` needs: the pattern `referenceWords()[name]` is, or its
 * Latin-1 form when every unit of `text` is Latin-1 (src/refs/latin1.ts: the same matches, without
 * ICU's property sets at start-up). A caller that sets `lastIndex` sets it on the form it runs.
 * For a pattern made with the words every match holds, a text whose key holds none of theirs
 * (`mayHold`) gets a pattern that matches nothing, with the same flags: the same answer to
 * `exec`, `test`, `replace` and `lastIndex` as the pattern's own, which is then neither compiled
 * nor run (issue 17: start-up).
 */
export function wordPattern(name: PatternName, text: string): RegExp {
  referenceWords();
  const needs = needsByName[name];
  return needs === undefined || mayHold(needs.keys, text) ? formsByName![name](text) : nothingWith(needs.flags);
}

/** Each word pattern's pre-test (the keys one of which a text's key must hold) and flags, for the test that pre-test and pattern agree. */
export function wordPatternNeeds(): { name: PatternName; keys: readonly string[]; flags: string }[] {
  referenceWords();
  return Object.entries(needsByName).map(([name, needs]) => ({ name: name as PatternName, ...needs }));
}

/** Every pattern compiled from the data, for the ReDoS audit. */
export function referencePatterns(): { name: string; source: string; flags: string }[] {
  referenceWords();
  return sources;
}

/** The CSL type a GB/T 7714 type code gives, as a whole work or as a part of one ("//"). */
export function typeForCode(code: string, part: boolean): CslType | undefined {
  const entry = referenceWords().typeCodes.get(code.toUpperCase());
  return entry ? (part ? entry.part : entry.type) : undefined;
}

// Patterns the code above reads, each in the form its text needs (src/refs/latin1.ts: issue 17, start-up).
const dottedWord = latin1Pattern(() => /^(\p{L}+)\.$/u);
const loneCapital = latin1Pattern(() => /^\p{Lu}$/u);
