import type { JournalTable } from '../generated/journals.js';
import { rangedPattern } from './property-ranges.js';
import { lowerSameLength, matchingView, unitTest } from './script.js';
import { LongestMatcher, type TrieTables } from './trie.js';

/** A journal (or a publisher, `publisher: true`) from the journal table. */
export type Journal = JournalTable['journals'][number];

/** The cue words of the journal table, as the data file writes them. */
export type JournalCueWords = JournalTable['cues'];

/** A journal name written bare in prose: [start, end) in the text searched. */
export interface BareName {
  start: number;
  end: number;
  journal: Journal;
  /** A one-word title (Blood, Stroke, Cells, Nature) or an everyday phrase of the genre (the data's `cueOnly`: Stem Cells): a journal only next to a cue word or in brackets. */
  needsCue: boolean;
  /** An everyday phrase of the genre (the data's `cueOnly`), which a sentence's "in" after a word in lower case names as a journal too ("described in Regenerative Medicine last year"). */
  everyday: boolean;
}

/**
 * What building a {@link JournalIndex} derives from its table, as flat data: the keys, sorted by
 * code unit and laid end to end (`keyUnits`, key k at `keyStarts[k]` … `keyStarts[k + 1]`), each
 * with the index of its journal in the table; the bare-name trie's tables with each name's journal
 * index and whether it needs a cue (`bareOneWord`: 0 none, 1 one word, 2 an everyday phrase of the
 * genre, the data's `cueOnly`); and the folded cue words. scripts/compile-data.mjs stores it
 * for the shipped table (src/core/compiled-data.ts), so a process does not fold every name again;
 * as units, so it parses no key strings and builds no map (issue 17: allocation).
 */
export interface CompiledJournalIndex {
  keyUnits: Uint16Array;
  keyStarts: Int32Array;
  keyJournals: Int32Array;
  bare: TrieTables;
  bareJournals: Int32Array;
  bareOneWord: Uint8Array;
  cueWords: Record<keyof JournalCueWords, string[]>;
  /**
   * Where each journal's entry lies in the data file's bytes, [start, end) a journal ({@link
   * JournalIndex.entryRanges}): with these a process parses a journal when a name of it is found,
   * not the whole table at load. Only a form compiled from the file's bytes has them.
   */
  entryRanges?: Int32Array;
}

/**
 * A journal table kept as its data file's bytes: an entry is decoded and parsed at its first read
 * and kept (one object a journal, as a parsed table gives). An article names a few of the ~420
 * journals; parsing journals.json whole was ~6 M instructions of every one-article ingest and
 * ~0.3 MB held for the process (issue 17: start-up).
 */
export class JournalEntries {
  private readonly read: (Journal | undefined)[];
  private readonly bytesOf: (start: number, end: number) => Uint8Array;

  /**
   * `ranges` as {@link JournalIndex.entryRanges} gives them for the file's bytes: `bytes` itself, or
   * a reader of the bytes [start, end) (a file read an entry at a time, at its first find: a start
   * that finds no journal reads none of the 82 KB).
   */
  constructor(
    bytes: Uint8Array | ((start: number, end: number) => Uint8Array),
    private readonly ranges: Int32Array,
  ) {
    this.bytesOf = typeof bytes === 'function' ? bytes : (start, end) => bytes.subarray(start, end);
    this.read = new Array<Journal | undefined>(ranges.length >>> 1);
  }

  /** The number of journals. */
  get length(): number {
    return this.read.length;
  }

  /** Journal `j` of the table. */
  at(j: number): Journal {
    return (this.read[j] ??= JSON.parse(utf8.decode(this.bytesOf(this.ranges[2 * j]!, this.ranges[2 * j + 1]!))) as Journal);
  }
}

const utf8 = new TextDecoder();

const NO_CUES: JournalCueWords = { before: [], after: [], family: [], documents: [], titleJoiners: [], companyAfter: [] };

/** The most names a {@link JournalIndex} remembers the answer for ({@link JournalIndex.find}); past it, it forgets them all and starts again. */
export const NAMES_REMEMBERED = 512;

/** Characters a name's key ignores: spaces, dots and other punctuation, the middle dots of 《柳叶刀·神经病学》. */
const ignoredInKey = /[\s.,:;'"’()（）:：、\-–—·・‧]+/g;

// (Ranges, not ICU's set: src/core/property-ranges.ts.)
const latinOrDigit = unitTest(rangedPattern(() => /[\p{Script=Latin}\d]/u));
// A journal's name found bare in prose: Latin letters, digits and a name's punctuation (the index is built at
// compile time, or at run time from a data file of a caller's own).
const latinName = rangedPattern(() => /^[\p{Script=Latin}\d][\p{Script=Latin}\d\s.,:&'’()+-]*$/u);

/**
 * The journal table, compiled once per loaded data set: every name (English title, NLM
 * abbreviation, aliases) by a key that ignores case, spacing, punctuation, `&`/`and` and script
 * (a name is folded traditional → simplified on both sides, so the half-converted 《干細胞研究與
 * 治療》 and 《世界干細胞雜誌》 of the mirrors find the entries written 干细胞研究与治疗 and
 * 世界幹細胞雜誌), the Latin names as one trie for names written bare in prose (linear in the
 * text, leftmost-longest: Cell Stem Cell before Cell; it replaced one regular expression per name,
 * ~110 ms at start-up for the 401 journals), and the cue words.
 */
export class JournalIndex {
  private readonly table: readonly Journal[] | JournalEntries;
  private readonly keyUnits: Uint16Array;
  private readonly keyStarts: Int32Array;
  private readonly keyJournals: Int32Array;
  private readonly bare: LongestMatcher;
  private readonly bareJournals: Int32Array;
  private readonly bareOneWord: Uint8Array;
  /** The names {@link find} was asked for, each with its journal's index in the table or -1: at most {@link NAMES_REMEMBERED}. */
  private readonly named = new Map<string, number>();
  /** Cue words in the folded, lower-cased view (what `view` + lower case gives), longest first. */
  private readonly cueWords: Record<keyof JournalCueWords, string[]>;

  /**
   * Builds the index of a table, or takes what {@link compile} gave for the same table and cue words;
   * a table kept as its file's bytes ({@link JournalEntries}) comes with its compiled form.
   */
  constructor(journals: readonly Journal[], cues?: JournalCueWords, compiled?: CompiledJournalIndex);
  constructor(journals: JournalEntries, cues: JournalCueWords | undefined, compiled: CompiledJournalIndex);
  constructor(journals: readonly Journal[] | JournalEntries, cues: JournalCueWords = NO_CUES, compiled?: CompiledJournalIndex) {
    compiled ??= JournalIndex.compile(journals as readonly Journal[], cues);
    this.table = journals;
    // Kept as compiled: a journal is read by its index once a name is found.
    ({ keyUnits: this.keyUnits, keyStarts: this.keyStarts, keyJournals: this.keyJournals, bareJournals: this.bareJournals, bareOneWord: this.bareOneWord, cueWords: this.cueWords } = compiled);
    this.bare = new LongestMatcher(compiled.bare);
  }

  /** The table's journals, in its order (every entry parsed, where the table is kept as bytes). */
  get journals(): readonly Journal[] {
    const table = this.table;
    return Array.isArray(table) ? table : Array.from({ length: table.length }, (_, j) => (table as JournalEntries).at(j));
  }

  /** Journal `j` of the table. */
  private journal(j: number): Journal {
    const table = this.table;
    return Array.isArray(table) ? table[j]! : (table as JournalEntries).at(j);
  }

  /**
   * Where each entry of the data file's `journals` array lies in its bytes (UTF-8 JSON, as
   * journals.json is written): [start, end) a journal, end to end in one array. Read by a scan of
   * the JSON's strings and brackets (the file passed its schema: `journals` is a top-level array of
   * objects); null when the text has no such array. scripts/compile-data.mjs stores them in the
   * compiled form.
   */
  static entryRanges(bytes: Uint8Array): Int32Array | null {
    const ranges: number[] = [];
    const key = new TextEncoder().encode('"journals"');
    let depth = 0;
    let inTable = false;
    let start = -1;
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i]!;
      if (b === 0x22) {
        // A string: a key of the top-level object may be "journals", followed by its colon.
        const open = i;
        for (i++; i < bytes.length && bytes[i] !== 0x22; i++) if (bytes[i] === 0x5c) i++;
        if (depth === 1 && i - open + 1 === key.length && key.every((k, n) => bytes[open + n] === k)) {
          let after = i + 1;
          while (after < bytes.length && (bytes[after] === 0x20 || bytes[after] === 0x0a || bytes[after] === 0x0d || bytes[after] === 0x09 || bytes[after] === 0x3a)) after++;
          if (bytes[after] === 0x5b) inTable = true;
        }
      } else if (b === 0x7b || b === 0x5b) {
        depth++;
        if (inTable && depth === 3 && b === 0x7b) start = i;
      } else if (b === 0x7d || b === 0x5d) {
        if (inTable && depth === 3 && b === 0x7d) ranges.push(start, i + 1);
        if (inTable && depth === 2 && b === 0x5d) return Int32Array.from(ranges);
        depth--;
      }
    }
    return null;
  }

  /** What the index of a table is made of: every name's key and journal, the bare names' trie, the folded cue words. */
  static compile(journals: readonly Journal[], cues: JournalCueWords = NO_CUES): CompiledJournalIndex {
    const byKey = new Map<string, number>();
    const bareNames: string[] = [];
    const bareJournals: number[] = [];
    const bareOneWord: number[] = [];
    const seenBare = new Set<string>();
    journals.forEach((journal, j) => {
      for (const name of [journal.name, journal.abbreviation, ...journal.aliases]) {
        const key = JournalIndex.key(name);
        if (key !== '' && !byKey.has(key)) byKey.set(key, j);
      }
      const names = [journal.name, journal.abbreviation, ...journal.aliases];
      // Running prose writes "the New England Journal of Medicine", the article in lower case:
      // a name opening with "The" is also found bare without it (the key ignores it already).
      for (let k = 0, n = names.length; k < n; k++) if (names[k]!.startsWith('The ')) names.push(names[k]!.slice(4));
      for (const name of names) {
        // Bare in prose: Latin names of at least 4 characters, matched as written (case and all).
        if (name.length < 4 || !latinName().test(name) || seenBare.has(name)) continue;
        seenBare.add(name);
        bareNames.push(name);
        bareJournals.push(j);
        // A one-word name ("Blood", 1) or one that is an everyday phrase of the genre ("Stem Cells", 2: the
        // data's `cueOnly`, "Why Stem Cells?") names the journal only with a cue word around it.
        bareOneWord.push(journal.cueOnly === true ? 2 : /\s/.test(name.trim()) ? 0 : 1);
      }
    });
    // In code-unit order, as find compares.
    const keys = [...byKey.keys()].sort();
    const keyStarts = new Int32Array(keys.length + 1);
    keys.forEach((key, k) => (keyStarts[k + 1] = keyStarts[k]! + key.length));
    const keyUnits = new Uint16Array(keyStarts[keys.length]!);
    keys.forEach((key, k) => {
      for (let i = 0; i < key.length; i++) keyUnits[keyStarts[k]! + i] = key.charCodeAt(i);
    });
    const fold = (words: readonly string[]) => [...new Set(words.map((w) => lowerSameLength(JournalIndex.view(w))))].sort((a, b) => b.length - a.length);
    return {
      keyUnits,
      keyStarts,
      keyJournals: Int32Array.from(keys, (key) => byKey.get(key)!),
      bare: new LongestMatcher(bareNames).tables(),
      bareJournals: Int32Array.from(bareJournals),
      bareOneWord: Uint8Array.from(bareOneWord),
      cueWords: { before: fold(cues.before), after: fold(cues.after), family: fold(cues.family), documents: fold(cues.documents), titleJoiners: fold(cues.titleJoiners ?? []), titleRunAfter: fold(cues.titleRunAfter ?? []), nameJoiners: fold(cues.nameJoiners ?? []), midTitleJoiners: fold(cues.midTitleJoiners ?? []), sentenceOpeners: fold(cues.sentenceOpeners ?? []), companyAfter: fold(cues.companyAfter ?? []), titleBefore: fold(cues.titleBefore ?? []), titleAfter: fold(cues.titleAfter ?? []), sourceAfter: fold(cues.sourceAfter ?? []) },
    };
  }

  /** The view names are compared in: traditional → simplified, full-width → half-width (one code unit for one). */
  static view(text: string): string {
    return matchingView(text);
  }

  /** The comparison key of a journal name: script-folded, case, spacing, punctuation, a leading "The" and `&`/`and` ignored. */
  static key(name: string): string {
    return JournalIndex.view(name)
      .normalize('NFKC')
      .toLowerCase()
      .trim()
      .replace(/^the\s+/, '')
      .replace(/&/g, ' and ')
      .replace(ignoredInKey, '');
  }

  /**
   * The journal (or publisher) with this name, if known. A name asked before is not keyed again:
   * an article asks ~44 times for ~28 names (link's readings and checks, then entities for the
   * journals link placed), and the pages of a build cite the same journals, while a key is
   * folded, normalised, lower-cased and cut by four passes (~4 µs, issue 17: BENCHMARKS.md,
   * "an article's analysis in steady state"). The answer is the table's, whatever was asked before.
   */
  find(name: string): Journal | undefined {
    let j = this.named.get(name);
    if (j === undefined) {
      j = this.journalOfKey(JournalIndex.key(name));
      // Bounded, so a long build's distinct names never pile up (a few dozen kB at most).
      if (this.named.size >= NAMES_REMEMBERED) this.named.clear();
      this.named.set(name, j);
    }
    return j < 0 ? undefined : this.journal(j);
  }

  /** The index in the table of the journal whose name has this key, or -1. */
  private journalOfKey(key: string): number {
    if (key === '') return -1;
    const units = this.keyUnits;
    const starts = this.keyStarts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const start = starts[mid]!;
      const length = starts[mid + 1]! - start;
      let order = 0;
      for (let i = 0; order === 0 && i < key.length && i < length; i++) order = key.charCodeAt(i) - units[start + i]!;
      if (order === 0) order = key.length - length;
      if (order === 0) return this.keyJournals[mid]!;
      if (order < 0) high = mid;
      else low = mid + 1;
    }
    return -1;
  }

  /**
   * Journal names written bare in a view (`JournalIndex.view` of a text): at each start of a
   * Latin word the longest name that ends at a word end, then past it. Case-sensitive, so the
   * prose "stem cells" is not the journal Stem Cells.
   */
  bareNames(view: string): BareName[] {
    const out: BareName[] = [];
    let i = 0;
    while (i < view.length) {
      if (!latinOrDigit(view, i) || latinOrDigit(view, i - 1)) {
        i++;
        continue;
      }
      const candidates = this.bare.matchesAt(view, i);
      let taken: BareName | null = null;
      for (let k = candidates.length - 1; k >= 0 && !taken; k--) {
        const { end, patternIndex } = candidates[k]!;
        if (latinOrDigit(view, end)) continue;
        const cue = this.bareOneWord[patternIndex]!;
        taken = { start: i, end, journal: this.journal(this.bareJournals[patternIndex]!), needsCue: cue !== 0, everyday: cue === 2 };
      }
      if (taken) {
        out.push(taken);
        i = taken.end;
      } else i++;
    }
    return out;
  }

  /** True when the text right before `at` (spaces aside) ends in a cue word of the kind. */
  cueBefore(view: string, at: number, kind: 'before' | 'titleBefore' = 'before'): boolean {
    const before = lowerSameLength(view.slice(Math.max(0, at - 24), at)).trimEnd();
    // Loops, not callbacks over `before`: a closure made per call is optimised again after each full
    // collection (BENCHMARKS.md, changes 59, 64 and "the workers' per-call closures hoisted").
    const words = this.cueWords[kind] ?? [];
    for (let k = 0; k < words.length; k++) {
      const w = words[k]!;
      if (before.endsWith(w) && !(/^[a-z]/.test(w) && latinOrDigit(before, before.length - w.length - 1))) return true;
    }
    return false;
  }

  /** True when the text from `at` (spaces aside) opens with a cue word of the kind (`after`, `family`, a paper title's `titleAfter`, a news source's `sourceAfter`). */
  cueAfter(view: string, at: number, kind: 'after' | 'family' | 'titleAfter' | 'sourceAfter' = 'after'): boolean {
    const after = lowerSameLength(view.slice(at, at + 24)).trimStart();
    const words = this.cueWords[kind] ?? [];
    for (let k = 0; k < words.length; k++) {
      const w = words[k]!;
      if (after.startsWith(w) && !(/[a-z]$/.test(w) && latinOrDigit(after, w.length))) return true;
    }
    return false;
  }

  /** The name with a trailing cue word removed (「Circulation期刊」 → Circulation), or null when it has none. */
  withoutTrailingCue(name: string): string | null {
    const view = lowerSameLength(JournalIndex.view(name)).trimEnd();
    const words = this.cueWords.after;
    for (let k = 0; k < words.length; k++) {
      const cue = words[k]!;
      if (cue.length < view.length && view.endsWith(cue)) return cue ? name.slice(0, view.length - cue.length).trim() : null;
    }
    return null;
  }

  /**
   * True when an English word joins the capitalised words of one title ("of" in "Investigation of Stem
   * Cells"). Compared as written: a joining word is lower-case, and "The" after a full stop opens a sentence.
   */
  joinsTitle(word: string): boolean {
    return (this.cueWords.titleJoiners ?? []).includes(word);
  }

  /** True when an English word joins a headline's capitalised words around a name after a capitalised word that is mid-sentence ("in" in "Japan Lead in Regenerative Medicine"); compared as written. */
  joinsMidTitle(word: string): boolean {
    return (this.cueWords.midTitleJoiners ?? []).includes(word);
  }

  /** True when an English word joins two capitalised words of one name inside a run already joined ("and" in "Society for Blood and Bone Marrow Transplantation"); compared as written. */
  joinsName(word: string): boolean {
    return (this.cueWords.nameJoiners ?? []).includes(word);
  }

  /**
   * True when a sentence opens with a word of journals.json's `sentenceOpeners`, capitalised, right
   * before the name at `start`, and a comma follows the name at `end` ("In Nature, researchers report…").
   */
  opensSentence(view: string, start: number, end: number): boolean {
    if (view[end] !== ',' || view[start - 1] !== ' ') return false;
    const words = this.cueWords.sentenceOpeners ?? [];
    for (let k = 0; k < words.length; k++) {
      const w = words[k]!;
      const at = start - 1 - w.length;
      if (at < 0 || !/[A-Z]/.test(view[at]!) || lowerSameLength(view.slice(at, start - 1)) !== w) continue;
      if (at === 0 || /(?:[.!?]["”’]?\s|\n)$/.test(view.slice(Math.max(0, at - 3), at))) return true;
    }
    return false;
  }

  /**
   * True when a title-case phrase runs on after a bare name (journals.json's `titleRunAfter`, then a
   * capitalised word): "Stem Cells + Gene Therapy", "Stem Cells for Macular Degeneration".
   */
  titleRunsOn(view: string, at: number): boolean {
    const rest = view.slice(at, at + 24);
    const after = lowerSameLength(rest).trimStart();
    const skipped = rest.length - after.length;
    const words = this.cueWords.titleRunAfter ?? [];
    for (let k = 0; k < words.length; k++) {
      const w = words[k]!;
      if (after.startsWith(w) && /^\s+[A-Z]/.test(rest.slice(skipped + w.length))) return true;
    }
    return false;
  }

  /**
   * True when a company word follows a bare name, after an optional comma ("Stem Cells, Inc.",
   * "Cell Press Ltd"): the name is a company's, not a journal's. The words are journals.json's `companyAfter`.
   */
  companyAfter(view: string, at: number): boolean {
    const after = lowerSameLength(view.slice(at, at + 24)).replace(/^,?\s+/, '');
    const words = this.cueWords.companyAfter ?? [];
    for (let k = 0; k < words.length; k++) {
      const w = words[k]!;
      if (after.startsWith(w) && !latinOrDigit(after, w.length)) return true;
    }
    return false;
  }

  /** True when a bracketed name ends in a document word (指南, 规划纲要, 指导原则…): a document, not a journal. */
  isDocument(name: string): boolean {
    let view = lowerSameLength(JournalIndex.view(name));
    let end = view.length;
    while (end > 0 && ') \t'.includes(view[end - 1]!)) end--;
    view = view.slice(0, end);
    const words = this.cueWords.documents;
    for (let k = 0; k < words.length; k++) if (view.endsWith(words[k]!)) return true;
    return false;
  }
}
