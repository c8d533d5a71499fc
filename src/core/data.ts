import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { closeSync, constants, fstatSync, openSync, readFileSync, readSync, realpathSync, type Stats } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { ParseError } from 'jsonc-parser';
import type { FactsData } from '../generated/facts.js';
import type { HtmlData } from '../generated/html.js';
import type { Lexicon } from '../generated/lexicon.js';
import type { JournalTable } from '../generated/journals.js';
import type { StructureData } from '../generated/structure.js';
import { shippedDataHashes } from '../generated/verified-data.js';
import { compiledDataDir, journalIndexFor, journalIndexOfBytes, lexiconMatcherFor, lexiconOfForm, readCompiled, structureTextOfForm } from './compiled-data.js';
import { ConfigError } from './errors.js';
import { JournalIndex } from './journals.js';
import { LexiconMatcher } from './lexicon.js';
import { LineIndex } from './location.js';
import { PatternGroup, type GroupPreTests } from './pattern-group.js';
import { packagePath } from './paths.js';
import { preTestsOfForm } from './pretest-form.js';
import { withPropertyRanges } from './property-ranges.js';
import { auditPattern } from './regex-audit.js';
import { validatorFor, type SchemaName } from './schemas.js';

export { JournalIndex, type Journal } from './journals.js';

/** Structure patterns, compiled. */
export interface CompiledStructure {
  maxHeadingLength: number;
  /** The longest a title without Han characters can be (an English headline); maxHeadingLength when the data gives none. */
  maxLatinTitleLength: number;
  /**
   * The places a dateline with no date may name (the data's `datelinePlaces`), in title case and in capitals:
   * a dateline pattern's groups `place` and `place2` must each be one of them. Null when the data gives none.
   */
  datelinePlaces: ReadonlySet<string> | null;
  /** The longest a title without Han characters can be when it ends with no stop at all (a press release's long headline); maxLatinTitleLength when the data gives none. */
  maxLatinHeadlineLength: number;
  /** English month names, January first: the full name, then abbreviations. */
  monthNames: string[][];
  /** Any English month name or abbreviation, lower case → its number (1–12). */
  monthNumbers: ReadonlyMap<string, number>;
  /** Numeral character (一, 十, 〇…) → its value, for dates written in Chinese numerals. */
  numerals: ReadonlyMap<string, number>;
  monthHeadings: RegExp[];
  rangeHeadings: RegExp[];
  yearHeadings: RegExp[];
  /** A year heading names one of these words (unless it is the year alone). */
  yearHeadingWords: RegExp;
  /** A line containing one of these characters is a sentence, never a month or year heading. */
  headingPunctuation: RegExp;
  /** How a line broken off mid-sentence ends ("近期发表于"): prose, never a free-form heading; null when the data gives none. A group of one. */
  unfinishedLineEnds: PatternGroup | null;
  /** How a photo's caption ends, in its credit (read on a paragraph's tail): the paragraph is a caption. A group of one ({@link STRUCTURE_SINGLES}). */
  captionCredits: PatternGroup | null;
  /** A line under a plain-text title that is its subtitle, opening with a dash ("--对11个…的Meta分析"): joined to the title; null when the data gives none. A group of one. */
  subtitleLines: PatternGroup | null;
  /** A line naming the authors' institution (a postcode beside a Han name, 作者单位): the line of names over it is the authors; null when the data gives none. */
  affiliationLines: RegExp | null;
  /** A label alone on its line opening an editor's note ("编者按"): never the title; null when the data gives none. A group of one. */
  noteLabels: PatternGroup | null;
  /** A news site's name before or after the headline on the title's line ("標題 - 某某新聞網"): cut off the title; null when the data gives none. A group of one. */
  titleSiteNames: PatternGroup | null;
  /** A reporter's byline alone on its line ("記者王某某/花蓮報導", "綜合報導 / 台北市"): chrome, and a byline the page's kind reads (empty when the data gives none). */
  bylineLines: RegExp[];
  /** Punctuation inside a word (CAR-T's hyphen), global: left out when a plain-text line is tested for punctuation; null when the data gives none. */
  wordMarks: RegExp | null;
  /** Punctuation a plain-text heading may hold beside its words (a colon between its halves, quotes, a closing question mark), global: left out as wordMarks are; null when the data gives none. */
  headingMarks: RegExp | null;
  /** First-level outline headings ("一、…", "01 …"). */
  outlineHeadings: RegExp[];
  /** Second-level outline headings ("1.1 …", "①…"). */
  outlineSubheadings: RegExp[];
  /** Section keywords: Latin ones as anchored word patterns, Chinese ones as substrings. */
  sectionKeywords: Record<'summary' | 'outlook' | 'conclusion', (RegExp | string)[]>;
  referenceHeadings: RegExp[];
  boilerplate: Record<'disclaimer' | 'qr-code' | 'other', RegExp[]>;
  /** A journal's volume and issue line over a paper (group journal, optional): chrome whose journal is read, and a paper's mark; empty when the data gives none. */
  issueLines: RegExp[];
  /** The publication-date line (groups year, month, day). */
  pageDates: RegExp[];
  /** A date alone on its line ("Dec 21, 2012"), the page date only right under the title; empty when the data gives none. */
  titleDateLines: RegExp[];
  /** Chrome naming the document's title (group title, opening the line): a document-sharing site's "…_第1页". */
  documentTitles: RegExp[];
  /** Labels of real lead text ("导读:"), stripped. */
  leadLabels: RegExp[];
  /** Bylines opening a paragraph, kept out of the body. */
  bylinePrefixes: RegExp[];
  /** Table and figure captions. */
  captions: RegExp[];
  itemDates: RegExp[];
  undatedItemStarts: RegExp[];
  /** A day relative to the page date ("于14日", group day). A group of one. */
  relativeDay: PatternGroup;
  /** Verbs that make a relative day an event date. */
  eventVerbs: RegExp;
  /** A word for the page date itself ("today"), read in a first sentence with an event verb; null when the data gives none. */
  todayWords: RegExp | null;
  /** A word inside a sentence dating its event to the days before the page date ("近日"), read with an event verb after it; null when the data gives none. */
  recentWords: RegExp | null;
  /** A paragraph opening with a year alone (group year). */
  yearOpeners: RegExp[];
  /** A paragraph that sums up ("总体来看,…"): on pages that are not digests it ends the item above. */
  closingWords: RegExp[];
  /** Where a sentence ends inside a paragraph (with the g flag). */
  sentenceBreak: RegExp;
  /** What makes an item report a publication. */
  publicationCues: RegExp;
  /** Page-kind signals read in the title and the first item. */
  pageKinds: {
    titleYearRange: RegExp;
    titleYear: RegExp;
    approvalVerbs: RegExp;
    regulators: RegExp;
    /** An approval that names itself with no regulator ("has won an approval", "Japan Approves"); null when the data gives none. */
    approvalPhrases: RegExp | null;
    /** A trial's words: an approval whose text holds one clears a trial, not a product; null when the data gives none. */
    trialCues: RegExp | null;
    /** A trial's application or its hold ("IND", "clinical hold") in the lead: a title's approval over it cleared a trial; null when the data gives none. */
    leadTrialCues: RegExp | null;
    /** An approval denied, withdrawn or not yet given: an approval whose text holds one names none; null when the data gives none. */
    denialCues: RegExp | null;
    /** An advisory body's vote or recommendation ("voted to recommend approval", "Panel Green Light"): an approval whose text holds one names none; null when the data gives none. */
    adviceCues: RegExp | null;
    trialRoundupTitles: RegExp[];
    overviewTitles: RegExp[];
  };
  /** Word → years to add, for the itemDates group `relative`. */
  relativeYears: StructureData['relativeYears'];
  /** One citation marker (group `numbers`), for `test`. */
  citationMarker: RegExp;
  /** The same pattern with the g flag, for `matchAll`. */
  citationMarkers: RegExp;
  messageExamples: StructureData['messageExamples'];
  english: StructureData['english'];
  /**
   * Each list of patterns above as a group, by its pointer in structure.json ("/pageDates",
   * "/boilerplate/other"): made at first need and pre-tested (src/core/pattern-group.ts). The
   * per-block readers ask these; a list read as an array makes all of its patterns.
   */
  groups: Readonly<Record<StructureList, PatternGroup>>;
}

/** The pointers of structure.json's lists of patterns (each compiled as a {@link PatternGroup}). */
export const STRUCTURE_LISTS = [
  '/monthHeadings',
  '/rangeHeadings',
  '/yearHeadings',
  '/outlineHeadings',
  '/outlineSubheadings',
  '/referenceHeadings',
  '/boilerplate/disclaimer',
  '/boilerplate/qr-code',
  '/boilerplate/other',
  '/issueLines',
  '/pageDates',
  '/titleDateLines',
  '/documentTitles',
  '/leadLabels',
  '/bylinePrefixes',
  '/bylineLines',
  '/captions',
  '/itemDates',
  '/undatedItemStarts',
  '/yearOpeners',
  '/closingWords',
  '/pageKinds/trialRoundupTitles',
  '/pageKinds/overviewTitles',
] as const;

/** A pointer of {@link STRUCTURE_LISTS}. */
export type StructureList = (typeof STRUCTURE_LISTS)[number];

/**
 * The pointers of structure.json's single patterns compiled as a {@link PatternGroup} of one, pre-tested
 * as a list's members are: those a one-article ingest asks of texts they never match, where V8 would
 * compile them all the same (a photo credit on every block's tail, a Chinese site's name on an English
 * title, a relative day on a sentence with no 日: ~0.2–1.4 ms a pattern; BENCHMARKS.md, issue 17).
 */
export const STRUCTURE_SINGLES = ['/captionCredits', '/titleSiteNames', '/relativeDay', '/subtitleLines', '/noteLabels', '/unfinishedLineEnds'] as const;

/** A pointer of {@link STRUCTURE_SINGLES}. */
export type StructureSingle = (typeof STRUCTURE_SINGLES)[number];

/**
 * The sources of structure.json's lists of patterns as they are compiled (u flag), by pointer: `{monthName}`
 * in a pattern becomes every month name, longest first, and `{numeral}` one numeral character of the
 * data's numerals; and of its {@link STRUCTURE_SINGLES}, each a list of one (none when the data gives
 * none). What loadStructure compiles and what the build's pre-tests are read from.
 */
export function structureSources(raw: StructureData, expand: (source: string) => string = expanderOf(raw)): Record<StructureList | StructureSingle, string[]> {
  const out = {} as Record<StructureList | StructureSingle, string[]>;
  for (const pointer of [...STRUCTURE_LISTS, ...STRUCTURE_SINGLES]) {
    let value: unknown = raw;
    for (const key of pointer.slice(1).split('/')) value = (value as Record<string, unknown> | undefined)?.[key];
    out[pointer] = (value === undefined ? [] : typeof value === 'string' ? [value] : (value as string[])).map(expand);
  }
  return out;
}

/** How structure.json's patterns are expanded: `{monthName}` and `{numeral}` (see {@link structureSources}). */
function expanderOf(raw: StructureData): (source: string) => string {
  const allNames = raw.monthNames.flat();
  const numeralClass = `[${Object.keys(raw.numerals).map(escapeRegExp).join('')}]`;
  // Built once: every pattern is expanded with it, and sorting and escaping the names again for
  // each of them was a measurable part of loading this file (issue 17: start-up).
  const monthAlternation = `(?:${words(allNames)})`;
  return (source) => source.replaceAll('{monthName}', monthAlternation).replaceAll('{numeral}', numeralClass);
}

/** The pre-tests of each list of {@link structureSources} (null where a pattern has none), with the list's table; the singles' too (the build's, written as src/core/pretest-form.ts says). */
export type StructurePreTests = Partial<Record<StructureList | StructureSingle, GroupPreTests>>;

/** A month (1–12, or anything a pattern captured) from a number or an English name of the data's month names. */
export function monthOf(number: string | undefined, name: string | undefined, s: CompiledStructure): number | null {
  if (number) return Number(number);
  if (name) return s.monthNumbers.get(name.toLowerCase().replace(/\.$/, '')) ?? null;
  return null;
}

/** The facts vocabulary, compiled (patterns run on the matching view). */
export interface CompiledFacts {
  numbers: Readonly<Record<string, number>>;
  week: RegExp;
  span: RegExp;
  /** A word of the span pattern's `unit` group → the unit it means. */
  units: ReadonlyMap<string, 'year' | 'month' | 'week' | 'day'>;
  institutionSuffix: RegExp;
  actorCue: RegExp;
  institutionPrefix: RegExp;
  /** With the g flag. */
  percent: RegExp;
  /** With the g flag. */
  count: RegExp;
  change: RegExp;
  population: RegExp;
  comparator: RegExp;
  counted: FactsData['counted'];
  /**
   * `counted`'s own keys as a set: facts asks it of every concept of every item, and
   * `Object.hasOwn(counted, id)` with an id that is no internalized string (ids are values of the
   * parsed lexicon) looked the id up in V8's string table at every call (issue 17).
   */
  countedIds: ReadonlySet<string>;
}

/**
 * The domain data every stage can read: one loaded data set, each file compiled once, when a
 * stage first reads it (loadData). What is derived from it (the journal index, the lexicon's
 * matcher) belongs to this object, never to the process.
 */
export interface PipelineData {
  readonly structure: CompiledStructure;
  /** The journal table compiled for lookups. */
  readonly journals: JournalIndex;
  readonly html: HtmlData;
  readonly lexicon: Lexicon;
  readonly facts: CompiledFacts;
  /** The lexicon compiled for matching. */
  readonly concepts: LexiconMatcher;
}

/** The data files of a pipeline. */
export type DataFiles = Record<'journals' | 'structure' | 'html' | 'lexicon' | 'facts', string>;

/** The text of each data file of a pipeline, as read once by its loader (loadData takes them rather than reading the files again). */
export type DataTexts = Record<keyof DataFiles, string>;

/** Data files and pipeline files above this size are refused without being read. */
export const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

/** Escapes text for use as a literal inside a regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Reads a configuration file (a pipeline or a data file) as UTF-8: only a regular file, at
 * most `maxBytes`, opened without blocking (a FIFO or a device is refused before any read:
 * `/dev/zero` used to be read until memory ran out).
 */
export function readConfigFile(file: string, maxBytes = MAX_CONFIG_BYTES): string {
  return readConfigBytes(file, maxBytes).toString('utf8');
}

/** A data file's text (as {@link readConfigFile} reads it) and the sha256 of its bytes. */
export interface DataFileRead {
  /** Decoded at each read and not kept (the read lives as long as its pipeline): a loader that needs only the bytes and a compiled form decodes nothing (the journal table). */
  readonly text: string;
  /** The key of the file's compiled form and of the data files known to pass their checks. */
  hash: string;
  /** The bytes as read, where they are valid UTF-8 (so that they are the text's own UTF-8). */
  bytes?: Uint8Array;
  /** Whether the bytes are valid UTF-8 (the hash is theirs): asked instead of `bytes`, which a read made {@link readDataFile}'s `whenAsked` reads at its first ask. */
  utf8?: boolean;
  /**
   * The bytes [start, end) of a file read when asked ({@link READ_WHEN_ASKED}): of its bytes where they
   * were asked, else read alone from the file, taken only if it is still the one loaded.
   */
  range?: (start: number, end: number) => Uint8Array;
  /** The file's identity when its bytes were read, or (read when asked) when it was loaded: {@link changedSinceRead} compares it. */
  identity?: DataFileIdentity;
}

/** A file's identity as `fstat` gives it: device, inode, size, modification and change times (ms) — a {@link DataFileKey}'s first five. */
export type DataFileIdentity = readonly [dev: number, ino: number, size: number, mtimeMs: number, ctimeMs: number];

function identityOf(info: Stats): DataFileIdentity {
  return [info.dev, info.ino, info.size, info.mtimeMs, info.ctimeMs];
}

/**
 * The data files whose loaders, for a file known to pass, read a compiled form keyed by the file's
 * hash and not its bytes (the structure lists, the lexicon): a file the build keyed is read only
 * when its bytes are asked (a build's fingerprint, a form missing), not at every start (~224 KB,
 * ~55 fresh pages of a one-article ingest; issue 17). And the journal table, whose form says where
 * each entry lies: an entry found is read alone ({@link DataFileRead.range}; 82 KB, 21 pages).
 */
export const READ_WHEN_ASKED: ReadonlySet<string> = new Set(['structure', 'lexicon', 'journals']);

/**
 * A data file read after its pipeline loaded it ({@link READ_WHEN_ASKED}) that is no longer the
 * file it loaded (device, inode, size or a time changed): its bytes could mix two versions of the
 * data, so nothing is taken from them. A ConfigError (exit 2), also from inside a stage
 * (src/core/pipeline.ts `runStages` lets it through).
 */
export class DataFileChangedError extends ConfigError {}

/**
 * A data file as the build read it (scripts/compile-data.mjs, {@link dataFileKey}): the device and
 * inode it was on, its size, modification and change times (ms, as `fstat` gives them), and the
 * sha256 of its bytes then (valid UTF-8).
 */
export type DataFileKey = [dev: number, ino: number, size: number, mtimeMs: number, ctimeMs: number, sha256: string];

/**
 * The file the build writes the shipped data files' keys into ({@link DataFileKey}). Not shipped: an
 * installed copy has other inodes and times, so no key of it could ever match.
 */
export const dataFileKeysFile = `${compiledDataDir}/data-file-keys.json`;

/**
 * How long before the build read a file it must have been last changed (written, renamed, its times
 * set) for its key to be written: a file's times come from a clock that ticks in milliseconds or
 * seconds, and a change made in the tick the build read it in could keep size and both times (git's
 * "racy clean" index entries). A file changed later has a later change time, which no key holds.
 */
export const KEY_SETTLE_MS = 2000;

/** The build's keys of the shipped data files ({@link dataFileKeysFile}), read at the first data file read; none when there is no valid table. */
let builtKeys: readonly DataFileKey[] | null = null;

function buildDataFileKeys(): readonly DataFileKey[] {
  if (builtKeys === null) {
    let keys: unknown;
    try {
      keys = (JSON.parse(readFileSync(dataFileKeysFile, 'latin1')) as { format?: unknown; files?: unknown }).files;
    } catch {
      keys = [];
    }
    builtKeys = Array.isArray(keys) ? keys.filter(isDataFileKey) : [];
  }
  return builtKeys;
}

function isDataFileKey(key: unknown): key is DataFileKey {
  return Array.isArray(key) && key.length === 6 && key.slice(0, 5).every((n) => typeof n === 'number') && typeof key[5] === 'string' && /^[0-9a-f]{64}$/.test(key[5]);
}

/**
 * A shipped data file as the build keyed it, as the package carries it: its path under pipelines/
 * (the shipped pipeline's name for it), its size and the sha256 of its bytes. The key's device,
 * inode and times name the build's tree alone; these three travel in the tarball.
 */
export type DataFileSum = [path: string, size: number, sha256: string];

/** The file the build writes the shipped data files' sums into ({@link DataFileSum}); shipped. */
export const dataFileSumsFile = `${compiledDataDir}/data-file-sums.json`;

/**
 * The sums of a tree with no build keys (an installed package), each file's path made absolute,
 * with the modification and change times (ms) of the sums file itself: files written with it.
 */
export interface DataFileSums {
  readonly files: readonly DataFileSum[];
  readonly mtimeMs: number;
  readonly ctimeMs: number;
}

const noSums: DataFileSums = { files: [], mtimeMs: -Infinity, ctimeMs: -Infinity };
let packedSums: DataFileSums | null = null;

/**
 * The package's {@link dataFileSumsFile} where the build's keys are absent — a tree the build did not
 * run in, whose files npm wrote at the install, the sums file among them —, else none: a checkout
 * is keyed by identity, which says more.
 */
function packedDataFileSums(): DataFileSums {
  if (packedSums === null) {
    packedSums = noSums;
    if (buildDataFileKeys().length === 0) {
      try {
        const fd = openSync(dataFileSumsFile, 'r');
        try {
          const { files } = JSON.parse(readFileSync(fd, 'latin1')) as { files: DataFileSum[] };
          const { mtimeMs, ctimeMs } = fstatSync(fd);
          packedSums = { files: files.map(([path, size, sha256]) => [packagePath('pipelines', path), size, sha256]), mtimeMs, ctimeMs };
        } finally {
          closeSync(fd);
        }
      } catch {
        // No sums (an older build): every file hashed.
      }
    }
  }
  return packedSums;
}

/**
 * The sha256 the sums give `file` read with this identity, if they give one: the file they name,
 * of their size, last written and changed no later than {@link KEY_SETTLE_MS} after the sums file
 * was (an install writes both within moments; an edit since has a later change time, which no
 * tool sets back).
 */
function summedHash(file: string, info: Stats, sums: DataFileSums): string | undefined {
  if (info.mtimeMs > sums.mtimeMs + KEY_SETTLE_MS || info.ctimeMs > sums.ctimeMs + KEY_SETTLE_MS) return undefined;
  for (const [path, size, sha256] of sums.files) if (size === info.size && path === file) return sha256;
  return undefined;
}

/** The sha256 a key gives a file read with this identity (its `fstat` after the read), if one does. */
function keyedHash(info: Stats, keys: readonly DataFileKey[]): string | undefined {
  for (const [dev, ino, size, mtimeMs, ctimeMs, sha256] of keys) {
    if (ino === info.ino && dev === info.dev && size === info.size && mtimeMs === info.mtimeMs && ctimeMs === info.ctimeMs) return sha256;
  }
  return undefined;
}

/**
 * Reads a data file as {@link readConfigFile} does, and gives the sha256 of its bytes: the key of
 * its compiled form and of the data known to pass. A file the build read and keyed
 * ({@link dataFileKey}: the shipped data) whose device, inode, size and both times are still those
 * it saw is not hashed again (~270 KB, ~8 M instructions of every start; issue 17), as git takes
 * an entry of its index: its bytes, read now, are those the build hashed, since any write, rename
 * or change of times since then gave the file a later change time. Where the build did not run (an
 * installed package: no key can match), a shipped data file the package's sums name
 * ({@link DataFileSums}: path, size, and times no later than the sums file's, past a settle) is
 * taken with their hash (~325 KB, ~9.5 M instructions of an installed start). Any other file is hashed: valid
 * UTF-8 bytes are their text's own UTF-8, so they are hashed as read, where hashing the text made V8
 * encode a two-byte string again first (the five shipped files, cold: 1.4–1.9 ms of CPU, 0.5–0.8
 * as bytes with `isUtf8`). Bytes that are not UTF-8 decode with replacement characters, and their
 * key stays the hash of that text, as it always was. `keys`: the build's, by default; `sums`: the
 * package's where those are the build's and there are none, else none (a caller's own keys, or `[]`, mean "hash").
 */
export function readDataFile(file: string, keys: readonly DataFileKey[] = buildDataFileKeys(), whenAsked = false, sums: DataFileSums = keys === builtKeys ? packedDataFileSums() : noSums): DataFileRead {
  if (whenAsked && (keys.length > 0 || sums.files.length > 0)) {
    const info = dataFileInfo(file, MAX_CONFIG_BYTES);
    const known = keyedHash(info, keys) ?? summedHash(file, info, sums);
    if (known !== undefined) return readWhenAsked(file, info, known);
  }
  const { bytes, info } = readConfigBytesAndInfo(file, MAX_CONFIG_BYTES);
  // A keyed or summed file was valid UTF-8 when the build hashed it, and its bytes are the same.
  const known = keyedHash(info, keys) ?? summedHash(file, info, sums);
  if (known === undefined && !isUtf8(bytes)) {
    const text = bytes.toString('utf8');
    return { text, hash: hashOf(text), utf8: false, identity: identityOf(info) };
  }
  return {
    // Decoded at each read, not kept: the read is held for the pipeline's life (its fingerprint
    // hashes the bytes), and bytes and text together held every data file twice — ~3 KB an input
    // of a 120-article build's held memory at its end (`--ci`'s keptKb, change 141).
    get text() {
      return bytes.toString('utf8');
    },
    hash: known ?? createHash('sha256').update(bytes).digest('hex'),
    bytes,
    utf8: true,
    identity: identityOf(info),
  };
}

/**
 * A keyed file's read whose bytes are read at their first ask, and taken only if the file is still
 * the one `info` (its identity at the load, its key's) says: else {@link DataFileChangedError}.
 * The identity is taken after the bytes are read, as {@link readDataFile} takes it, so a change
 * made while they were read shows too.
 */
function readWhenAsked(file: string, info: Stats, hash: string): DataFileRead {
  let held: Buffer | undefined;
  const changed = () => new DataFileChangedError(`${file}: changed since the pipeline was loaded (the data loaded and its bytes would be two versions): run the command again`);
  const bytes = (): Buffer => {
    if (held === undefined) {
      const read = readConfigBytesAndInfo(file, MAX_CONFIG_BYTES);
      if (!sameFile(read.info, info)) throw changed();
      held = read.bytes;
    }
    return held;
  };
  const range = (start: number, end: number): Uint8Array => {
    if (held !== undefined) return held.subarray(start, end);
    const fd = openConfigFile(file);
    try {
      const part = Buffer.allocUnsafe(end - start);
      let read = 0;
      while (read < part.length) {
        const n = readSync(fd, part, read, part.length - read, start + read);
        if (n === 0) break;
        read += n;
      }
      // Its identity after the read, as bytes() takes it: a change made while it read shows too.
      if (read < part.length || !sameFile(fstatSync(fd), info)) throw changed();
      return part;
    } finally {
      closeSync(fd);
    }
  };
  return {
    range,
    get text() {
      return bytes().toString('utf8');
    },
    hash,
    get bytes() {
      return bytes();
    },
    utf8: true,
    identity: identityOf(info),
  };
}

/**
 * Whether the file `read` was read from has other bytes now (or is gone): a build's last check
 * before it commits. Its identity first — the same device, inode, size and both times are the
 * same bytes, as for a key —, its bytes hashed only when the identity moved (an editor's save of
 * the same text, a `touch`: no change). A read without an identity is taken as unchanged.
 */
export function changedSinceRead(file: string, read: DataFileRead): boolean {
  if (read.identity === undefined) return false;
  let now: { bytes: Buffer; info: Stats };
  try {
    const then = read.identity;
    if (identityOf(dataFileInfo(file, MAX_CONFIG_BYTES)).every((part, index) => part === then[index])) return false;
    now = readConfigBytesAndInfo(file, MAX_CONFIG_BYTES);
  } catch {
    return true;
  }
  return (isUtf8(now.bytes) ? createHash('sha256').update(now.bytes).digest('hex') : hashOf(now.bytes.toString('utf8'))) !== read.hash;
}

/** Whether two `fstat`s are of the same unchanged file: device, inode, size and both times (a {@link DataFileKey}'s identity). */
function sameFile(a: Stats, b: Stats): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs;
}

/**
 * The key the build writes for a data file ({@link DataFileKey}), its bytes hashed; null for bytes
 * that are not UTF-8, and for a file changed less than {@link KEY_SETTLE_MS} before `readAt` (the
 * moment it is read, by default), which a process will hash.
 */
export function dataFileKey(file: string, readAt: number = Date.now()): DataFileKey | null {
  const { bytes, info } = readConfigBytesAndInfo(file, MAX_CONFIG_BYTES);
  if (!isUtf8(bytes) || info.mtimeMs > readAt - KEY_SETTLE_MS || info.ctimeMs > readAt - KEY_SETTLE_MS) return null;
  return [info.dev, info.ino, info.size, info.mtimeMs, info.ctimeMs, createHash('sha256').update(bytes).digest('hex')];
}

/** The bytes of a configuration file ({@link readConfigFile}'s checks). */
function readConfigBytes(file: string, maxBytes: number): Buffer {
  return readConfigBytesAndInfo(file, maxBytes, false).bytes;
}

/**
 * The bytes of a configuration file ({@link readConfigFile}'s checks) and, when `after`, its `fstat`
 * once they are read: a change made while they were read shows in its times.
 */
function readConfigBytesAndInfo(file: string, maxBytes: number, after = true): { bytes: Buffer; info: Stats } {
  const fd = openConfigFile(file);
  try {
    const info = checkedInfo(file, fd, maxBytes);
    const buffer = Buffer.alloc(info.size);
    let read = 0;
    while (read < buffer.length) {
      const n = readSync(fd, buffer, read, buffer.length - read, read);
      if (n === 0) break;
      read += n;
    }
    return { bytes: read === buffer.length ? buffer : buffer.subarray(0, read), info: after ? fstatSync(fd) : info };
  } finally {
    closeSync(fd);
  }
}

/** A configuration file opened to read, without blocking (a FIFO is refused by {@link checkedInfo} before any read). */
function openConfigFile(file: string): number {
  try {
    return openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw new ConfigError(`${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`}`);
  }
}

/** The `fstat` of an open configuration file, refused unless a regular file of at most `maxBytes`. */
function checkedInfo(file: string, fd: number, maxBytes: number): Stats {
  const info = fstatSync(fd);
  if (!info.isFile()) throw new ConfigError(`${file}: not a regular file`);
  if (info.size > maxBytes) throw new ConfigError(`${file}: ${info.size} bytes, over the limit of ${maxBytes} for a configuration file`);
  return info;
}

/** A configuration file's `fstat`, with {@link readConfigFile}'s checks, its bytes not read. */
function dataFileInfo(file: string, maxBytes: number): Stats {
  const fd = openConfigFile(file);
  try {
    return checkedInfo(file, fd, maxBytes);
  } finally {
    closeSync(fd);
  }
}

/**
 * Parses JSON text; a syntax error names its line and column and what was expected, never
 * the content (Node's own message quotes the text around the error: a secret, if someone
 * names /etc/shadow as a lexicon).
 */
export function parseJsonText(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // jsonc-parser only says where a syntax error is: loaded then, not at every start (~15 ms).
    const { parse: parseLenient, printParseErrorCode } = createRequire(import.meta.url)('jsonc-parser') as typeof import('jsonc-parser');
    const errors: ParseError[] = [];
    parseLenient(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const first = errors[0];
    if (!first) throw new ConfigError(`${file}: not valid JSON`);
    const at = new LineIndex(text).point(first.offset);
    throw new ConfigError(`${file}:${at.line}:${at.column}: not valid JSON (${printParseErrorCode(first.error)})`);
  }
}

/**
 * Refuses a JSON text that writes one key twice in an object, naming the second at its line and
 * column. JSON.parse keeps the last value without a word, so two entries an edit or a merge ran
 * together (`{ "id": "a", …, "id": "b", … }`) would lose the first — a concept, a pattern —
 * silently. Asked only of a data or pipeline file not known to pass its checks.
 */
export function checkUniqueKeys(file: string, text: string): void {
  // The text is valid JSON (parsed before): its structure is its brackets, commas and strings, so a
  // scan of them finds each object's keys — no parser loaded (jsonc-parser: ~15 ms, ~50 M
  // instructions where no code cache serves, at every start of a pipeline of one's own).
  const open: (Set<string> | null)[] = []; // an object's keys so far, or null for an array
  let atKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b) {
      open.push(new Set());
      atKey = true;
    } else if (c === 0x5b) {
      open.push(null);
      atKey = false;
    } else if (c === 0x7d || c === 0x5d) {
      open.pop();
      atKey = false;
    } else if (c === 0x2c) {
      atKey = open[open.length - 1] instanceof Set;
    } else if (c === 0x22) {
      let end = i + 1;
      let escaped = false;
      for (let d = text.charCodeAt(end); d !== 0x22 && end < text.length; d = text.charCodeAt(end)) {
        if (d === 0x5c) escaped = true;
        end += d === 0x5c ? 2 : 1;
      }
      const keys = open[open.length - 1];
      if (atKey && keys instanceof Set) {
        const key = escaped ? (JSON.parse(text.slice(i, end + 1)) as string) : text.slice(i + 1, end);
        if (keys.has(key)) {
          const at = new LineIndex(text).point(i);
          throw new ConfigError(`${file}:${at.line}:${at.column}: the key ${JSON.stringify(key)} is written twice in one object (JSON keeps the last: the first would be lost)`);
        }
        keys.add(key);
        atKey = false;
      }
      i = end;
    }
  }
}

/**
 * The sha256 of each data file's bytes known to pass its schema and the pattern audit: the
 * package's own data files (hashed by `npm run gen:types`; a test verifies them in full), the
 * files this process verified since, and those the build's main thread verified before
 * starting its workers ({@link trustVerifiedData}). Both checks are pure functions of the bytes
 * (and of this code), so a file seen to pass once passes again: loading it again only parses
 * and compiles. Validating and auditing the shipped data was ~150 ms of every start and of
 * every worker's (issue 17).
 */
const verifiedData = new Set<string>(shippedDataHashes);

/** The hashes of the data files known to pass their checks in this process (for the build's workers). */
export function verifiedDataHashes(): string[] {
  return [...verifiedData];
}

/** Trusts data files another thread of this process verified (the build's main thread, for its workers). */
export function trustVerifiedData(hashes: Iterable<string>): void {
  for (const hash of hashes) verifiedData.add(hash);
}

function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A data file read and parsed: its value, whether it still has to be checked, and how to say it passed. */
interface ReadData<T> {
  value: T;
  /** The sha256 of the file's bytes: the key of its compiled form (src/core/compiled-data.ts). */
  hash: string;
  /** False when the bytes are known to pass the schema and the audit. */
  verify: boolean;
  /** Records that the file passed (its patterns too): later loads of the same bytes skip the checks. */
  passed(): void;
}

/** Reads a data file and validates it against its schema unless its bytes are known to pass. */
function readData<T>(file: string, schema: SchemaName, text = readConfigFile(file), hash = hashOf(text)): ReadData<T> {
  const value = parseJsonText(file, text) as T;
  const verify = !verifiedData.has(hash);
  if (verify) {
    checkUniqueKeys(file, text);
    checkSchema(file, schema, value);
  }
  return { value, hash, verify, passed: () => void verifiedData.add(hash) };
}

function checkSchema<T>(file: string, schema: SchemaName, value: unknown): asserts value is T {
  const validate = validatorFor<T>(schema);
  if (!validate(value)) {
    const [first] = validate.errors();
    throw new ConfigError(`${file}: does not match schemas/${schema}.schema.json at ${first?.pointer || '/'}: ${first?.message}`);
  }
}

/** Reads a JSON file and validates it against one of the project's schemas. */
export function loadValidated<T>(file: string, schema: SchemaName): T {
  const value = parseJsonText(file, readConfigFile(file));
  checkSchema<T>(file, schema, value);
  return value;
}

/** True when `path` is `folder` or inside it. */
function inside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/**
 * The folders a pipeline's data files may sit under, links resolved: the pipeline file's folder
 * and the package's own pipelines/ ({@link checkDataPlace}). Resolved once a pipeline, not once a
 * data file (each resolution ~0.1 ms cold: issue 17, start-up).
 */
export function dataPlaces(folder: string): string[] {
  return [folder, packagePath('pipelines')].map((f) => {
    try {
      return realPath(f);
    } catch {
      return resolve(f);
    }
  });
}

/**
 * A path with its links resolved, by the C library's realpath: the answer of Node's `realpathSync`
 * (its JavaScript walks the path a component at a time, ~3× the CPU when cold), and the same error codes.
 */
function realPath(path: string): string {
  return realpathSync.native(path);
}

/**
 * Checks where a data file lives: after resolving links, under the pipeline file's folder or
 * the package's own pipelines/ (its shipped data), unless the pipeline allows any place.
 * `allowed` is {@link dataPlaces} of `folder`, where the caller resolved it already.
 */
export function checkDataPlace(file: string, pipelineFile: string, pointer: string, folder: string, allowOutside: boolean, allowed?: readonly string[]): void {
  if (allowOutside) return;
  let real: string;
  try {
    real = realPath(file);
  } catch (error) {
    throw new ConfigError(`${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`}`);
  }
  allowed ??= dataPlaces(folder);
  if (!allowed.some((f) => inside(real, f))) {
    throw new ConfigError(
      `${pipelineFile}: ${pointer}: ${file} is outside the pipeline's folder (${folder}); data files must sit under it, or set "data": {"allowOutsideFolder": true}`,
    );
  }
}

/**
 * Compiles one pattern of a data file and audits it for catastrophic backtracking, exactly as
 * the shipped patterns are audited (src/core/regex-audit.ts): a user's lexicon pattern
 * `(?:a|a)+b` is refused here, naming the pointer, instead of hanging a build.
 */
export function compilePattern(file: string, pointer: string, source: string, flags = 'u', audit = true): RegExp {
  let regex: RegExp;
  try {
    // (Its \p{Script=Han} as ranges: the same pattern, without ICU's lookups; the audit below reads it as written.)
    regex = new RegExp(withPropertyRanges(source, flags), flags);
  } catch (error) {
    const reason = (error as Error).message.split(': ').pop();
    throw new ConfigError(`${file}: ${pointer} is not a valid regular expression: ${reason}`);
  }
  if (!audit) return regex;
  const verdict = auditPattern(source, flags);
  if (verdict.complexity !== 'linear') {
    throw new ConfigError(
      `${file}: ${pointer}: this pattern can take ${verdict.complexity} time on hostile text (${verdict.reason}); data patterns must match in linear time`,
    );
  }
  return regex;
}

function compileAllOf(file: string, pointer: string, sources: readonly string[], expand: (s: string) => string = (s) => s, flags = 'u', audit = true): RegExp[] {
  return sources.map((source, i) => compilePattern(file, `${pointer}/${i}`, expand(source), flags, audit));
}

function keywords(list: readonly string[]): (RegExp | string)[] {
  return list.map((k) => (/^[a-z]/i.test(k) ? new RegExp(`^${escapeRegExp(k)}\\b`, 'i') : k));
}

function words(list: readonly string[]): string {
  return [...list].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
}

/**
 * Loads and compiles the structure patterns; `{monthName}` in a pattern becomes every month
 * name, longest first, and `{numeral}` one numeral character of the data's numerals.
 */
export function loadStructure(file: string, text?: string, hash?: string): CompiledStructure {
  const read = readData<StructureData>(file, 'structure', text, hash);
  const { value: raw, verify } = read;
  const expand = expanderOf(raw);
  const sources = structureSources(raw, expand);
  const one = (pointer: string, source: string, flags = 'u') => compilePattern(file, pointer, expand(source), flags, verify);
  // The build's pre-tests of the shipped file (scripts/compile-data.mjs); a file still to be checked
  // is compiled in full here, its lists without pre-tests.
  const preTests = verify ? null : preTestsOfForm(readCompiled('structure', read.hash));
  const groups = {} as Record<StructureList, PatternGroup>;
  for (const pointer of STRUCTURE_LISTS) {
    const list = sources[pointer];
    const made = verify ? compileAllOf(file, pointer, list) : null;
    groups[pointer] = new PatternGroup((k) => compilePattern(file, `${pointer}/${k}`, list[k]!, 'u', false), list.length, preTests?.[pointer] ?? null, made);
  }
  // A single pattern as a group of one, pre-tested (named by its own pointer, as before, when it is checked).
  const single = (pointer: StructureSingle): PatternGroup | null => {
    const [source] = sources[pointer];
    if (source === undefined) return null;
    return new PatternGroup(() => compilePattern(file, pointer, source, 'u', false), 1, preTests?.[pointer] ?? null, verify ? [compilePattern(file, pointer, source)] : null);
  };
  const kinds = raw.pageKinds;
  const monthNumbers = new Map<string, number>();
  raw.monthNames.forEach((names, i) => names.forEach((name) => monthNumbers.set(name.toLowerCase(), i + 1)));
  // The lists (STRUCTURE_LISTS) are added below, each read from its group.
  const compiled: Omit<CompiledStructure, ListField | 'boilerplate' | 'pageKinds'> & { pageKinds: Omit<CompiledStructure['pageKinds'], 'trialRoundupTitles' | 'overviewTitles'> } = {
    maxHeadingLength: raw.maxHeadingLength,
    maxLatinTitleLength: raw.maxLatinTitleLength ?? raw.maxHeadingLength,
    maxLatinHeadlineLength: raw.maxLatinHeadlineLength ?? raw.maxLatinTitleLength ?? raw.maxHeadingLength,
    // A set, not an alternation in the pattern: 268 names in one pattern cost ~5 ms to compile (BENCHMARKS.md, change 154).
    datelinePlaces: raw.datelinePlaces ? new Set([...raw.datelinePlaces, ...raw.datelinePlaces.map((p) => p.toUpperCase())]) : null,
    monthNames: raw.monthNames,
    monthNumbers,
    numerals: new Map(Object.entries(raw.numerals)),
    yearHeadingWords: new RegExp(words(raw.yearHeadingWords), 'iu'),
    headingPunctuation: one('/headingPunctuation', raw.headingPunctuation),
    unfinishedLineEnds: single('/unfinishedLineEnds'),
    captionCredits: single('/captionCredits'),
    subtitleLines: single('/subtitleLines'),
    affiliationLines: raw.affiliationLines === undefined ? null : one('/affiliationLines', raw.affiliationLines),
    noteLabels: single('/noteLabels'),
    titleSiteNames: single('/titleSiteNames'),
    wordMarks: raw.wordMarks === undefined ? null : one('/wordMarks', raw.wordMarks, 'gu'),
    headingMarks: raw.headingMarks === undefined ? null : one('/headingMarks', raw.headingMarks, 'gu'),
    sectionKeywords: {
      summary: keywords(raw.sectionKeywords.summary),
      outlook: keywords(raw.sectionKeywords.outlook),
      conclusion: keywords(raw.sectionKeywords.conclusion),
    },
    relativeDay: single('/relativeDay')!,
    eventVerbs: new RegExp(words(raw.eventVerbs), 'iu'),
    todayWords: raw.todayWords === undefined ? null : one('/todayWords', raw.todayWords),
    recentWords: raw.recentWords === undefined ? null : one('/recentWords', raw.recentWords),
    sentenceBreak: one('/sentenceBreak', raw.sentenceBreak, 'gu'),
    publicationCues: one('/publicationCues', raw.publicationCues),
    pageKinds: {
      titleYearRange: one('/pageKinds/titleYearRange', kinds.titleYearRange),
      titleYear: one('/pageKinds/titleYear', kinds.titleYear),
      approvalVerbs: new RegExp(words(kinds.approvalVerbs), 'iu'),
      regulators: new RegExp(words(kinds.regulators), 'u'),
      approvalPhrases: kinds.approvalPhrases === undefined ? null : one('/pageKinds/approvalPhrases', kinds.approvalPhrases),
      trialCues: kinds.trialCues === undefined ? null : one('/pageKinds/trialCues', kinds.trialCues),
      leadTrialCues: kinds.leadTrialCues === undefined ? null : one('/pageKinds/leadTrialCues', kinds.leadTrialCues),
      denialCues: kinds.denialCues === undefined ? null : one('/pageKinds/denialCues', kinds.denialCues),
      adviceCues: kinds.adviceCues === undefined ? null : one('/pageKinds/adviceCues', kinds.adviceCues),
    },
    relativeYears: raw.relativeYears,
    citationMarker: compilePattern(file, '/citationMarker', raw.citationMarker, 'u', verify),
    citationMarkers: compilePattern(file, '/citationMarker', raw.citationMarker, 'gu', verify),
    messageExamples: raw.messageExamples,
    english: raw.english,
    groups,
  };
  defineLists(compiled, groups);
  read.passed();
  return compiled as CompiledStructure;
}

/**
 * {@link loadStructure} of a file read by {@link readDataFile}: a file known to pass whose build wrote
 * its value as UTF-16 text (src/core/compiled-data.ts `structureTextForm`) is parsed from that text,
 * its UTF-8 never decoded; the same value.
 */
function loadStructureRead(file: string, read: DataFileRead): CompiledStructure {
  const text = read.utf8 === true && verifiedData.has(read.hash) ? structureTextOfForm(read.hash) : null;
  return loadStructure(file, text ?? read.text, read.hash);
}

/** The top-level fields of CompiledStructure that are lists of STRUCTURE_LISTS. */
type ListField = 'monthHeadings' | 'rangeHeadings' | 'yearHeadings' | 'outlineHeadings' | 'outlineSubheadings' | 'referenceHeadings' | 'issueLines' | 'pageDates' | 'titleDateLines' | 'documentTitles' | 'leadLabels' | 'bylinePrefixes' | 'bylineLines' | 'captions' | 'itemDates' | 'undatedItemStarts' | 'yearOpeners' | 'closingWords';

/**
 * Gives `target` each list of {@link STRUCTURE_LISTS} as a property at its pointer ("/boilerplate/other":
 * `boilerplate.other`) that reads as its group's patterns, all made at the first read: the per-block
 * readers ask the groups, which make a pattern at its first need; a caller reading a list gets them all.
 */
function defineLists(target: object, groups: Readonly<Record<StructureList, PatternGroup>>): void {
  for (const pointer of STRUCTURE_LISTS) {
    const keys = pointer.slice(1).split('/');
    let owner = target as Record<string, unknown>;
    for (let i = 0; i < keys.length - 1; i++) owner = (owner[keys[i]!] ??= {}) as Record<string, unknown>;
    Object.defineProperty(owner, keys[keys.length - 1]!, { get: () => groups[pointer].all(), enumerable: true });
  }
}

/** Loads and compiles the facts vocabulary. */
export function loadFacts(file: string, text?: string, hash?: string): CompiledFacts {
  const read = readData<FactsData>(file, 'facts', text, hash);
  const raw = read.value;
  const units = new Map<string, 'year' | 'month' | 'week' | 'day'>();
  for (const unit of ['year', 'month', 'week', 'day'] as const) for (const word of raw.units[unit]) units.set(word, unit);
  const one = (key: keyof FactsData & string, flags = 'u') => compilePattern(file, `/${key}`, raw[key] as string, flags, read.verify);
  const compiled: CompiledFacts = {
    numbers: raw.numbers,
    week: one('week'),
    span: one('span'),
    units,
    institutionSuffix: one('institutionSuffix'),
    actorCue: one('actorCue'),
    institutionPrefix: one('institutionPrefix'),
    percent: one('percent', 'gu'),
    count: one('count', 'gu'),
    change: one('change'),
    population: one('population'),
    comparator: one('comparator'),
    counted: raw.counted,
    countedIds: new Set(Object.keys(raw.counted)),
  };
  read.passed();
  return compiled;
}

/** Loads the journal table and its cue words (compiled into one index: src/core/journals.ts). */
export function loadJournals(file: string, text?: string, hash?: string): JournalIndex {
  const read = readData<JournalTable>(file, 'journals', text, hash);
  read.passed();
  return journalIndexFor(read.value.journals, read.value.cues, read.hash);
}

/**
 * {@link loadJournals} of a file read by {@link readDataFile}: a file known to pass whose build made
 * a compiled form with its entries' places is neither decoded nor parsed (its journals are, when
 * found: src/core/journals.ts `JournalEntries`).
 */
function loadJournalsRead(file: string, read: DataFileRead): JournalIndex {
  // (A file read when asked is read an entry at a time; its `bytes` would read it whole.)
  const index = read.utf8 === true && verifiedData.has(read.hash) ? journalIndexOfBytes(read.range ?? read.bytes!, read.hash) : null;
  return index ?? loadJournals(file, read.text, read.hash);
}

/** Loads the HTML reading rules, checking (and auditing) their patterns. */
export function loadHtml(file: string, text?: string, hash?: string): HtmlData {
  const read = readData<HtmlData>(file, 'html', text, hash);
  const raw = read.value;
  if (read.verify) {
    compilePattern(file, '/chromeClassPattern', raw.chromeClassPattern, 'i');
    compilePattern(file, '/chromeClassExceptions', raw.chromeClassExceptions, 'i');
    compileAllOf(file, '/metaLinePatterns', raw.metaLinePatterns);
    read.passed();
  }
  return raw;
}

/** The sha256 of the file each loaded lexicon was read from: the key of its matcher's compiled form. */
const lexiconHashes = new WeakMap<Lexicon, string>();

/** The matcher of a lexicon loadLexicon read: from the build's compiled form of its file when there is one. */
function matcherOf(lexicon: Lexicon): LexiconMatcher {
  const hash = lexiconHashes.get(lexicon);
  return hash === undefined ? new LexiconMatcher(lexicon) : lexiconMatcherFor(lexicon, hash);
}

/**
 * Loads the lexicon and checks what the schema cannot: ids unique, every pattern a valid and
 * linear-time regular expression, and no name or abbreviation claimed by two concepts.
 */
export function loadLexicon(file: string, text?: string, hash?: string): Lexicon {
  const read = readData<Lexicon>(file, 'lexicon', text, hash);
  const raw = read.value;
  lexiconHashes.set(raw, read.hash);
  if (!read.verify) return raw;
  raw.patterns.forEach((p, i) => compilePattern(file, `/patterns/${i}/pattern`, p.pattern));
  if (raw.pinyinRuby !== undefined) compilePattern(file, '/pinyinRuby', raw.pinyinRuby, 'gu');
  const ids = new Set<string>();
  const owners = new Map<string, string>();
  raw.concepts.forEach((concept, i) => {
    if (ids.has(concept.id)) throw new ConfigError(`${file}: /concepts/${i}/id: ${concept.id} appears twice`);
    ids.add(concept.id);
    for (const name of [...concept.zh, ...concept.en.map((n) => n.toLowerCase()), ...concept.abbreviations]) {
      const owner = owners.get(name);
      if (owner !== undefined && owner !== concept.id) throw new ConfigError(`${file}: /concepts/${i}: "${name}" already names ${owner}`);
      owners.set(name, concept.id);
    }
  });
  read.passed();
  return raw;
}

/**
 * {@link loadLexicon} of a file read by {@link readDataFile}: a file known to pass whose build wrote
 * its value as UTF-16 text (src/core/compiled-data.ts `lexiconTextForm`) is neither decoded nor
 * parsed from its UTF-8; its value is the form's, the same JSON.
 */
function loadLexiconRead(file: string, read: DataFileRead): Lexicon {
  const lexicon = read.utf8 === true && verifiedData.has(read.hash) ? lexiconOfForm(read.hash) : null;
  if (lexicon === null) return loadLexicon(file, read.text, read.hash);
  lexiconHashes.set(lexicon, read.hash);
  return lexicon;
}

/**
 * Loads a pipeline's data set. Every file is read here; a file whose bytes are not known to
 * pass is checked and compiled here too (a bad one is a ConfigError now, not in the middle of
 * a build). A file known to pass — the shipped data, or a file this process or the build's main
 * thread checked — is parsed and compiled on first use only: `digest text` reads HTML rules and
 * nothing else, and an `ingest` never builds what its stages do not read (issue 17). The
 * journal index and the lexicon matcher are built on first use too, and owned by the result.
 * `texts` are the files' texts where the caller read them, `hashes` the sha256 of their bytes
 * where it has them ({@link readDataFile}); a text without its hash is hashed here.
 */
export function loadData(files: DataFiles, texts: Partial<Record<keyof DataFiles, string | DataFileRead>> = {}, hashes: Partial<DataTexts> = {}): PipelineData {
  const structure = onFirstUse(files.structure, texts.structure, hashes.structure, loadStructure, loadStructureRead);
  const journals = onFirstUse(files.journals, texts.journals, hashes.journals, loadJournals, loadJournalsRead);
  const html = onFirstUse(files.html, texts.html, hashes.html, loadHtml);
  const lexicon = onFirstUse(files.lexicon, texts.lexicon, hashes.lexicon, loadLexicon, loadLexiconRead);
  const facts = onFirstUse(files.facts, texts.facts, hashes.facts, loadFacts);
  let concepts: LexiconMatcher | null = null;
  return {
    get structure() {
      return structure();
    },
    get journals() {
      return journals();
    },
    get html() {
      return html();
    },
    get lexicon() {
      return lexicon();
    },
    get facts() {
      return facts();
    },
    get concepts() {
      concepts ??= matcherOf(lexicon());
      return concepts;
    },
  };
}

/**
 * One data file's loaded value: loaded now when its bytes still have to be checked, else on the
 * first call (its bytes are read now either way, so a later change to the file cannot reach a
 * build that already checked it).
 */
function onFirstUse<T>(
  file: string,
  given: string | DataFileRead | undefined,
  known: string | undefined,
  load: (file: string, text: string, hash: string) => T,
  loadRead: (file: string, read: DataFileRead) => T = (f, read) => load(f, read.text, read.hash),
): () => T {
  // Hashed once here (or as read: readDataFile); the loader's readData takes this hash rather than hashing the text again.
  const read: DataFileRead = given === undefined ? readDataFile(file) : typeof given === 'string' ? { text: given, hash: known ?? hashOf(given) } : given;
  if (!verifiedData.has(read.hash)) {
    const value = loadRead(file, read);
    return () => value;
  }
  let value: T | undefined;
  let loaded = false;
  return () => {
    if (!loaded) {
      value = loadRead(file, read);
      loaded = true;
    }
    return value as T;
  };
}
