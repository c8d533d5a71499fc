import { referenceData } from '../generated/reference-data.js';
import type { CslType, ReferenceData } from '../generated/references.js';
import { lazyPattern } from './text.js';
import { latin1Forms, latin1Pattern, type WrittenPattern } from './latin1.js';
import { patternShapes } from '../generated/pattern-shapes.js';
import { readCompiled } from '../core/compiled-data.js';

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
  /** The words after "In" that open a journal's name ("In Vitro …", "In Vivo"), in lower case: the data's inJournalWords. */
  inJournalWords: ReadonlySet<string>;
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
  /**
   * A line-break hyphen between lower-case letters ("immuno- logy", "vol- ume"): the letters in
   * groups 1 and 2, to be joined. A suspended hyphen ("blood- and bone-marrow-derived") is none.
   */
  lineBreakHyphen: RegExp;
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

/**
 * How many entries each of the reference parser's memos keeps (this one, and source.ts's segment
 * classes and numeric tails) before it is cleared. Over the bench's corpus a thread reads ~0.45 new
 * segments and ~0.5 new phrases an article (93 % and 83 % of lookups hit): at 4,096 the memos grew
 * through a 4,000-article build's workers, never full; at 512 they are full by ~1,100 articles
 * and stay there, for 28 more misses in 2,000 articles (BENCHMARKS.md, "the workers' per-call
 * closures hoisted"; issue 17: flat in N).
 */
export const REFERENCE_MEMO_MAX = 512;

// (Kept: each cut read asks them again.)
const foldedKeys = new Map<string, string>();

/** How many phrases' folded keys are kept now (at most {@link REFERENCE_MEMO_MAX}): for tests of the bound. */
export function foldedKeyCount(): number {
  return foldedKeys.size;
}

function foldedKey(phrase: string): string {
  let key = foldedKeys.get(phrase);
  if (key === undefined) {
    key = (/^[\x20-\x7e]*$/.test(phrase) ? phrase : phrase.normalize('NFKC')).toLowerCase().replace(/\./g, '').replace(/\s+/g, ' ').trim();
    // (Words and names, not whole lines.)
    if (phrase.length <= 64) {
      if (foldedKeys.size >= REFERENCE_MEMO_MAX) foldedKeys.clear();
      foldedKeys.set(phrase, key);
    }
  }
  return key;
}


let compiled: ReferenceWords | null = null;
let formsByName: Record<PatternName, (text: string) => RegExp> | null = null;
let sources: { name: string; source: string; flags: string; guarded: boolean }[] = [];
// The flags of each word pattern made with a pre-test (`wordPattern` answers a pattern that matches nothing with them).
let guardedFlags: Partial<Record<PatternName, string>> = {};

// Old Cyrillic's letter variants, asked before they are folded.
const historicCyrillic = /[\u1c80-\u1c88]/;

/**
 * The key a pattern's pre-test reads (issue 17: start-up): lower case, with "ſ" as "s" and Old
 * Cyrillic's variants as their letters, and no full stop or white space. It is made character by character, so the key of a text holds the
 * key of every match in it (at its start when the match opens the text, at its end when it
 * closes it). scripts/gen-pattern-shapes.mjs reads from each pre-tested pattern the keys its
 * matches may have, each character's from V8's own case folding (under `i`, "K" (Kelvin) lowers to
 * "k", but "ſ" does not lower to "s", nor "ᲃ" to "с", hence the replaces); tests/refs/word-pretest.test.ts checks
 * the pre-tests against the patterns.
 */
export const wordKey = (text: string): string => {
  const key = text.toLowerCase().replaceAll('ſ', 's').replace(/[\s.]+/g, '');
  // A test first: a `replace` with a function costs ~2,200 instructions a key even where nothing
  // matches, the test ~1,500, and no reference holds these letters (issue 17: BENCHMARKS.md, change 199).
  return historicCyrillic.test(key) ? key.replace(/[\u1c80-\u1c88]/g, (c) => historicCyrillicFolds[c.charCodeAt(0) - 0x1c80]!) : key;
};

// Old Cyrillic's letter variants U+1C80–U+1C88 (rounded ve, long-legged de, narrow o, wide es, tall te,
// three-legged te, tall hard sign, tall yat, unblended uk), which `i` folds to в, д, о, с, т, т, ъ, ѣ, ꙋ
// and toLowerCase leaves: the Cyrillic labels ("Т. 53", "С. 156") hold с and т.
const historicCyrillicFolds = 'вдосттъѣꙋ';

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

/**
 * One branch (or merged branches) of a pre-tested pattern, as scripts/gen-pattern-shapes.mjs reads
 * it from the pattern's source: the key of a text the branch matches in is one of `whole`, opens
 * with one of `start`, closes with one of `end` and holds one of `within` (each left out when it
 * is no test).
 */
export interface PatternShape {
  whole?: readonly string[];
  start?: readonly string[];
  end?: readonly string[];
  within?: readonly string[];
}

/** Whether a pattern of these shapes may match in `text`: false proves that it matches nowhere in it. */
export function mayMatch(shapes: readonly PatternShape[], text: string): boolean {
  const key = keyOf(text);
  for (const { whole, start, end, within } of shapes) {
    if (whole && !whole.includes(key)) continue;
    if (start && !start.some((k) => key.startsWith(k))) continue;
    if (end && !end.some((k) => key.endsWith(k))) continue;
    if (within && !within.some((k) => key.includes(k))) continue;
    return true;
  }
  return false;
}

// Each pre-tested pattern's shapes, read from the generated text at its first use.
const shapesRead = new Map<string, { flags: string; shapes: readonly PatternShape[] } | undefined>();

/** The flags and shapes of the pre-tested pattern `name` (src/generated/pattern-shapes.ts), or undefined when the file holds none. */
export function shapesNamed(name: string): { flags: string; shapes: readonly PatternShape[] } | undefined {
  if (!shapesRead.has(name)) {
    const entry = patternShapes[name];
    const shapes = entry?.[1].split('\n').map((line) => Object.fromEntries(line.split('\t').map((test) => [test.slice(0, test.indexOf(' ')), test.split(' ').slice(1)])) as PatternShape);
    shapesRead.set(name, entry === undefined ? undefined : { flags: entry[0], shapes: shapes! });
  }
  return shapesRead.get(name);
}

// Patterns that match nothing, one for each set of flags: what a pre-test answers for a text it rules out.
const matchNothing = new Map<string, RegExp>();
const nothingWith = (flags: string): RegExp => {
  let pattern = matchNothing.get(flags);
  if (!pattern) matchNothing.set(flags, (pattern = new RegExp('(?!)', flags)));
  return pattern;
};

/** A pattern made by `guardedPattern`, for the generator of its shapes and the test that its pre-test and its pattern agree. */
export interface GuardedPattern {
  name: string;
  /** The pattern in the form the text needs, unguarded. */
  form: (text: string) => RegExp;
  /** What `guardedPattern` answers: the form, or a pattern that matches nothing. */
  guarded: (text: string) => RegExp;
  /** The pattern as written (its form for a text that is not Latin-1). */
  readonly pattern: RegExp;
}

// (Each as its name and forms: an object literal with a getter is made in dictionary mode, a runtime call and a
// dictionary a pattern at load, where only the generator and the tests read the list. Issue 17: start-up.)
const guardedList: [name: string, form: (text: string) => RegExp, guarded: (text: string) => RegExp][] = [];

/**
 * A pattern of the reference parser pre-tested by its shapes (issue 17: start-up): `name` keys
 * src/generated/pattern-shapes.ts, which scripts/gen-pattern-shapes.mjs writes from the pattern's
 * own source (the words a branch opens or closes with, the literal it must hold: each rule
 * stated once, in the pattern). A text whose key (`wordKey`) fits none of the shapes gets a
 * pattern that matches nothing with the same flags: the same `exec`, `test`, `replace` and
 * `lastIndex` as the pattern's own, and the pattern is neither compiled nor run. On one
 * article's reference list the source reader's cascade fails on every part (journal names,
 * numbers, a title), yet compiled each pattern on its first failing run. A name the generated
 * file does not hold (not generated yet) is not pre-tested. tests/refs/word-pretest.test.ts
 * checks the pre-tests.
 */
export function guardedPattern(name: string, form: (text: string) => RegExp): (text: string) => RegExp {
  // (The name scanner asks its sticky patterns about one text at each name: the answer is kept for the next ask.
  // The shapes are read at the first ask, not at load.)
  let lastText: string | undefined;
  let lastAnswer = true;
  // (Texts asked about so far: past `preTestAsks` the run is a long one, and the pattern runs without its pre-test.)
  let asks = 0;
  const guarded = (text: string): RegExp => {
    if (asks >= preTestAsks) return form(text);
    const entry = shapesNamed(name);
    if (entry === undefined) return form(text);
    if (text !== lastText) {
      lastText = text;
      lastAnswer = mayMatch(entry.shapes, text);
      asks++;
    }
    return lastAnswer ? form(text) : nothingWith(entry.flags);
  };
  guardedList.push([name, form, guarded]);
  return guarded;
}

/** Every pattern `guardedPattern` made so far (src/refs/source.ts and names.ts make theirs at load). */
export function guardedPatterns(): readonly GuardedPattern[] {
  return guardedList.map(([name, form, guarded]) => ({
    name,
    form,
    guarded,
    get pattern() {
      return 'written' in form ? (form as WrittenPattern).written() : form('\u0100');
    },
  }));
}

/** The fields of `ReferenceWords` that hold a pattern. */
export type PatternName = { [K in keyof ReferenceWords]: ReferenceWords[K] extends RegExp ? K : never }[keyof ReferenceWords];

function compile(data: ReferenceData): ReferenceWords {
  const forms = {} as Record<PatternName, (text: string) => RegExp>;
  formsByName = forms;
  const made: { name: string; source: string; flags: string; guarded: boolean }[] = [];
  // Each pattern's source is written on its first use (or when the ReDoS audit reads them all:
  // `referencePatterns`), and the pattern made then: a one-article ingest asks 11 of these 29, and with the pre-tests below
  // (and the type code's, a "[" in the text: src/refs/gbt7714.ts) makes 1 of them (as-2025: degreeAfter; issue 17: start-up).
  // `guarded`: the pattern is pre-tested by its shapes (scripts/gen-pattern-shapes.mjs reads them from the source
  // written here): a text that cannot hold a match is not asked of the pattern, which is then not compiled
  // (a one-article ingest's reference parts are mostly journal names and numbers that the cascade of
  // `classifyPart` tries every pattern on).
  const flagsOf: Partial<Record<PatternName, string>> = {};
  guardedFlags = flagsOf;
  // (Each source is written on its first use too: the alternations below sort and escape every
  // word list, and a one-article ingest needs a few of the 29.)
  // A source, or a piece of several, written once, on its first read.
  const piece = (write: () => string) => {
    let written: string | undefined;
    return () => (written ??= write());
  };
  const pattern = (name: PatternName, write: () => string, flags: string, guarded = false) => {
    if (guarded) flagsOf[name] = flags;
    const source = piece(write);
    made.push({ name, get source() { return source(); }, flags: flags.replace(/[gy]/g, ''), guarded });
    const full = lazyPattern(() => new RegExp(source(), flags));
    let textForms: ((text: string) => RegExp) | undefined;
    forms[name] = (text) => (textForms ??= latin1Forms(source(), flags, full))(text);
    return full;
  };
  const keys = (data === referenceData ? loadReferenceKeys().keys : null) ?? referenceKeys(data);
  const codes = Object.keys(data.typeCodes);
  // Pieces of the CJK edition and volume statements ("第二版", "第 1 卷", "下册", "巳集上", "2010 年卷").
  const numeralsOf = piece(() => data.cjkNumerals.map(escape).join(''));
  const ordinalOf = piece(() => alternation(data.cjkOrdinalPrefixes));
  const volumeWordsOf = piece(() => alternation(data.cjkVolumeWords));
  const unitsOf = piece(() => alternation(data.cjkVolumeUnits));
  const partsOf = piece(() => alternation(data.cjkVolumeParts));
  const words: Omit<ReferenceWords, PatternName> = {
    data,
    typeCodes: new Map(Object.entries(data.typeCodes)),
    particles: new Set(keys.particles),
    suffixes: new Set(keys.suffixes),
    months: new Map(Object.entries(data.months).map(([k, v]) => [k.normalize('NFKC').toLowerCase(), v])),
    organisationWords: new Set(keys.organisationWords),
    journalWords: new Set(keys.journalWords),
    periodicalWords: new Set(keys.periodicalWords),
    blogWords: new Set(keys.blogWords),
    publisherWords: new Set(keys.publisherWords),
    proceedingsWords: new Set(keys.proceedingsWords),
    abbreviations: new Set(data.abbreviations),
    listLabels: new Set(keys.listLabels),
    labels: new Set([...data.volumeLabels, ...data.issueLabels, ...data.pageLabels, 'chap', 'ch', 'art', 'fasc', 'suppl'].map((w) => w.toLowerCase())),
    media: new Set(keys.media),
    editionPhrases: new Set(keys.editionPhrases),
    roleAbbreviations: new Set(keys.roleAbbreviations),
    cjkPublisherWords: data.publisherWords.filter((w) => /[^\x00-\x7f]/.test(w) && !/^[a-zà-ÿ&]/i.test(w)),
    cjkJournalWords: data.journalWords.filter((w) => /[^\x00-\x7f]/.test(w)),
    publishers: new Set(keys.publishers),
    places: new Set(keys.places),
    inJournalWords: new Set(data.inJournalWords.map((w) => w.toLowerCase())),
    regions: new Set(keys.regions),
  };
  const patterns: Record<PatternName, () => RegExp> = {
    typeCode: pattern('typeCode', () => `\\[\\s?(${alternation(codes)})(?:\\s?\\/\\s?(${alternation(data.carrierCodes)}))?\\s?\\]`, 'u'),
    thesis: pattern('thesis', () => `(?<![\\p{L}])(?:${alternation(data.thesisWords)})(?![\\p{L}])`, 'giu', true),
    report: pattern('report', () => `(?<![\\p{L}])(?:${alternation(data.reportWords)})(?![\\p{L}])`, 'giu', true),
    etAl: pattern('etAl', () => `(?<![A-Za-z])(?:${alternation(data.etAl)})(?![A-Za-z])\\.?`, 'giu', true),
    month: pattern('month', () => `(?<![\\p{L}])(?:${alternation(Object.keys(data.months))})(?![\\p{L}])\\.?`, 'iu', true),
    // (Before a Roman number the label ends with a full stop or a space: "VII" is no "V" and "II".)
    volumeLabel: pattern('volumeLabel', () => `(?<![\\p{L}])(?:${alternation(data.volumeLabels)})(?:\\.?\\s?(?=\\d)|(?:\\.\\s?|\\s)(?=[IVXLC]))`, 'iu', true),
    issueLabel: pattern('issueLabel', () => `(?<![\\p{L}])(?:${alternation(data.issueLabels)})\\.?\\s?(?=\\d)`, 'iu', true),
    pageLabel: pattern('pageLabel', () => `(?<![\\p{L}])(?:${alternation(data.pageLabels)})\\.?\\s?(?=[A-Za-z]?\\d)`, 'u', true),
    supplement: pattern('supplement', () => `(?<![\\p{L}])(?:${alternation(data.supplementWords)})(?![\\p{L}])\\.?`, 'iu', true),
    editorRole: pattern('editorRole', () => `^[\\s,]*(?:\\((?:${alternation(data.editorWords)})\\.?\\)|(?:${alternation(data.editorWords)})(?![\\p{L}])\\.?)`, 'iu', true),
    editedBy: pattern('editedBy', () => `^(?:${alternation(data.editedBy)})(?![\\p{L}])\\.?\\s`, 'iu', true),
    translatedBy: pattern('translatedBy', () => `^(?:${alternation(data.translatedBy)})(?![\\p{L}])\\.?\\s`, 'iu', true),
    dropNote: pattern('dropNote', () => `(?<![\\p{L}])(?:${alternation([...data.dropNotes, ...data.statusNotes])})(?![\\p{L}])`, 'giu', true),
    statusNote: pattern('statusNote', () => `^(?:${alternation(data.statusNotes)})(?![\\p{L}])`, 'iu', true),
    cjkOrganisation: pattern('cjkOrganisation', () => `(?:${alternation(data.cjkOrganisationWords)})$`, 'u'),
    cjkEditorialBody: pattern('cjkEditorialBody', () => `(?:${alternation(data.cjkEditorWords)})\\p{Script=Han}{0,2}(?:${alternation(data.cjkEditorialBodyWords)})$`, 'u'),
    cjkEdition: pattern('cjkEdition', () => `^(?:(?:${ordinalOf()})?\\s?[\\d${numeralsOf()}]{1,3}\\s?(?:${alternation(data.cjkEditionWords)})|\\S{0,8}(?:${alternation(data.cjkEditionWords)}))$`, 'u'),
    cjkVolume: pattern(
      'cjkVolume',
      () => `^(?:(?:${ordinalOf()})\\s?[\\d${numeralsOf()}]{1,4}\\s?(?:${volumeWordsOf()})|(?:${partsOf()})\\s?(?:${volumeWordsOf()})?|[\\d${numeralsOf()}]{1,3}\\s?(?:${volumeWordsOf()})|\\S{1,3}(?:${unitsOf()})(?:${partsOf()})?|\\d{4}\\s?(?:${alternation(data.cjkYearVolumeWords)}))$`,
      'u',
    ),
    cjkVolumeNumber: pattern('cjkVolumeNumber', () => `^(?:${ordinalOf()})\\s?(\\d{1,4})\\s?(?:${alternation(data.cjkVolumeNumberUnits)})$`, 'u'),
    cjkNamedVolume: pattern('cjkNamedVolume', () => `^((?:${ordinalOf()})\\s?\\d{1,4}\\s?(?:${unitsOf()}))\\s(\\S.*)$`, 'u'),
    cjkRoleAfterNames: pattern('cjkRoleAfterNames', () => `^(?<names>.+?)(?:\\s?,\\s?|\\s)(?<word>${alternation([...data.cjkEditorWords, ...data.cjkTranslatorWords])})\\.?$`, 'du'),
    onlineDates: pattern(
      'onlineDates',
      // (A year in brackets is one the cataloguer supplied, "[1936]"; a whole date in brackets is when the copy was seen.)
      () => `^(?<issued>(?:c?(?:1[5-9]|20)\\d{2}(?:-\\d{1,2}){0,2}|\\[(?:1[5-9]|20)\\d{2}\\])(?:\\s?\\([^()]{1,20}\\)|\\s?(?:${alternation(data.cjkPrintingWords)}))?)?\\s?(?:\\((?<updated>[^()]{4,20})\\))?\\s?(?:\\[(?<accessed>[^\\]]{4,20})\\])?\\.?$`,
      'du',
    ),
    documentNumber: pattern('documentNumber', () => `^(?:[\\p{Lu}\\d][\\p{Lu}\\d/ .:—–-]{2,40}|\\S{1,10}\\s?[[［(]\\d{4}[\\]］)]\\s?\\d{1,5}\\s?(?:${alternation(data.cjkDocumentNumberWords)}))$`, 'u'),
    placeholder: pattern('placeholder', () => `^(?:${alternation(data.placeholderWords)}|x{3,})$`, 'iu'),
    lineBreakHyphen: pattern('lineBreakHyphen', () => `(\\p{Ll})- (?!(?:${alternation(data.suspendedHyphenWords)})(?![\\p{L}]))(\\p{Ll})`, 'gu'),
    cjkEditor: pattern('cjkEditor', () => `^(?:${alternation(data.cjkEditorWords)})$`, 'u'),
    cjkTranslator: pattern('cjkTranslator', () => `^(?:${alternation(data.cjkTranslatorWords)})$`, 'u'),
    edition: pattern(
      'edition',
      () => `^(?:\\d{1,2}(?:st|nd|rd|th|e|ª|\\.)?|(?:1[5-9]|20)\\d{2}|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|rev|revised|new|enl|expanded)\\.?(?:\\s(?:rev|revised|enl)\\.?)?(?:\\s\\p{Lu}\\p{Ll}+)?\\s(?:${alternation(data.editionWords)})(?![\\p{L}])\\.?(?:\\s(?:ed|edn)\\.?)?$`,
      'iu',
      true,
    ),
    series: pattern('series', () => `(?<![\\p{L}])(?:${alternation(data.seriesWords)})(?![\\p{L}])`, 'iu', true),
    degreeAfter: pattern('degreeAfter', () => `(?:,?\\s(?:${alternation(data.degrees)})[a-g]?(?![\\p{L}]))+(?:,?\\*)?`, 'uy', true),
  };
  // (Getters, each making its pattern once: `words.etAl` is the same object at every use.)
  for (const name of Object.keys(patterns) as PatternName[]) Object.defineProperty(words, name, { get: patterns[name], enumerable: true });
  sources = made;
  return words as ReferenceWords;
}

/** The word lists of the data whose phrase keys ({@link phraseKey}) `ReferenceWords` holds as sets, by the set's name. */
function keyedLists(data: ReferenceData) {
  return {
    particles: data.nameParticles,
    suffixes: data.nameSuffixes,
    organisationWords: data.organisationWords,
    journalWords: data.journalWords,
    periodicalWords: data.periodicalWords,
    blogWords: data.blogWords,
    publisherWords: data.publisherWords,
    proceedingsWords: data.proceedingsWords,
    listLabels: data.listLabels,
    media: data.mediumWords,
    editionPhrases: data.editionPhrases,
    roleAbbreviations: [...data.editedBy, ...data.translatedBy].filter((w) => !/\s/.test(w)),
    publishers: data.publishers,
    places: data.places,
    regions: data.regions,
  } satisfies Partial<Record<keyof ReferenceWords, readonly string[]>>;
}

/** The phrase keys of each of `ReferenceWords`' keyed sets, in the order of the words they are made from. */
export type ReferenceKeys = Record<keyof ReturnType<typeof keyedLists>, string[]>;

/**
 * The phrase keys of the keyed sets' words (~1,200, fifteen sets): what {@link referenceWords}
 * makes its sets of, and what `npm run build` compiles ahead of time (scripts/compile-data.mjs)
 * for the shipped words, since making them at first use cost 1.2–1.8 ms of a one-article
 * `digest ingest` (issue 17: start-up; NFKC for the ~150 words that are not plain ASCII).
 */
export function referenceKeys(data: ReferenceData = referenceData): ReferenceKeys {
  return Object.fromEntries(Object.entries(keyedLists(data)).map(([name, words]) => [name, words.map(phraseKey)])) as ReferenceKeys;
}

/**
 * The name the compiled reference keys are filed under in place of a data file's sha256: the words
 * are code (src/generated/reference-data.ts), and the form's guard is the list of the code that
 * compiled it, which holds that module (src/core/compiled-data.ts refuses a form once one of its
 * files has changed, or under another Unicode version).
 */
export const REFERENCE_KEYS_SOURCE = 'reference-data';

/**
 * The shipped words' phrase keys: the build's compiled form (in `dir`, the build's folder by
 * default) when it is there and current — the same code and Unicode version, a list of keys for
 * each of the words —, else made here by {@link referenceKeys}. `compiled` says which.
 */
export function loadReferenceKeys(dir?: string): { keys: ReferenceKeys; compiled: boolean } {
  const form = readCompiled('reference-keys', REFERENCE_KEYS_SOURCE, dir) as { keys?: Partial<Record<string, unknown>> } | null;
  const lists = keyedLists(referenceData);
  const fits = (name: string, words: readonly string[]) => {
    const keys = form?.keys?.[name];
    return Array.isArray(keys) && keys.length === words.length;
  };
  if (form?.keys && Object.entries(lists).every(([name, words]) => fits(name, words))) return { keys: form.keys as ReferenceKeys, compiled: true };
  return { keys: referenceKeys(), compiled: false };
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
 * For a pattern made with a pre-test, a text whose key fits none of its shapes (`mayMatch`, the
 * shapes read from the pattern's source by scripts/gen-pattern-shapes.mjs) gets a pattern that
 * matches nothing, with the same flags: the same answer to `exec`, `test`, `replace` and
 * `lastIndex` as the pattern's own, which is then neither compiled nor run (issue 17: start-up).
 */
export function wordPattern(name: PatternName, text: string): RegExp {
  referenceWords();
  const flags = guardedFlags[name];
  const shapes = flags === undefined ? undefined : shapesNamed(name)?.shapes;
  if (shapes === undefined) return formsByName![name](text);
  // (degreeAfter is asked about one text at each name: the answer is kept for the next ask.)
  let last = lastAsked.get(name);
  if (last === undefined) lastAsked.set(name, (last = { text: '', answer: true, asks: 0 }));
  // (A long run: see `preTestAsks`.)
  if (last.asks >= preTestAsks) return formsByName![name](text);
  if (text !== last.text || last.text === '') {
    last.text = text;
    last.answer = mayMatch(shapes, text);
    last.asks++;
  }
  return last.answer ? formsByName![name](text) : nothingWith(flags!);
}

// Each pre-tested word pattern's last text asked about, the pre-test's answer, and how many texts it was asked about.
const lastAsked = new Map<PatternName, { text: string; answer: boolean; asks: number }>();

/**
 * How many texts a pattern's pre-test is asked about before its pattern runs without it (issue 17).
 * A pre-test saves a short run the pattern's compiling (a one-article ingest asks each at most 13
 * times: as-2025, counted); in a long run (a build, a labelled set) the pattern is compiled once and
 * the pre-test would be paid at every ask: the key of each text (lower case, three passes) and its
 * shapes' `startsWith` and `includes`, ~10 % of a warm parse on the bench's corpus, where a sticky
 * or anchored pattern reads a few characters. The answer is the same either way: a pre-test only
 * rules out texts the pattern matches nowhere in.
 */
let preTestAsks = 256;

/**
 * Sets how many texts each pre-test is asked about before its pattern runs without it (default
 * 256), and returns the setting before: tests/refs/word-pretest.test.ts keeps the pre-tests on
 * (`Infinity`) to compare them with the patterns over thousands of texts.
 */
export function setPreTestAsks(asks: number): number {
  const before = preTestAsks;
  preTestAsks = asks;
  return before;
}

/** Every pattern compiled from the data (flags without g and y), for the ReDoS audit, and whether it is pre-tested (`wordPattern`). */
export function referencePatterns(): { name: string; source: string; flags: string; guarded: boolean }[] {
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
