import type { ArticleRecord, Diagnostic, Item, Reference, Section } from '../generated/article.js';
import type { BlockScan } from './lexicon.js';
import { LineIndex } from './location.js';

/** Where an input comes from: a file path, raw bytes, or already-decoded text. */
export type IngestInput =
  | { path: string; name?: string }
  | { bytes: Uint8Array; name?: string }
  | { text: string; name?: string };

/** The kinds of block the parse stage produces. */
export type BlockKind = 'heading' | 'paragraph' | 'list-item';

/**
 * One unit of body text with its place in the decoded text. For plain text the block's
 * text is exactly `doc.text.slice(start, end)` (`exact: true`); for markup it is the visible
 * text of an element whose markup starts at `start`.
 */
export interface Block {
  kind: BlockKind;
  text: string;
  start: number;
  end: number;
  /** True when `text` equals the source slice, so offsets inside the block are exact. */
  exact: boolean;
  /** Heading level (1–6) for markup headings. */
  level?: number;
  /** The number of an ordered-list item, when the markup numbered it. */
  ordinal?: number;
  /** The whole block is bold (how WeChat and some CMSs mark headings). */
  strong?: boolean;
  /** The short superscripts the markup wrote (`<sup>`), in text order: a citation's evidence where the text flattens "cells.<sup>1</sup>" to "cells.1". */
  superscripts?: Superscript[];
}

/** A superscript of a markup block: where its text stands in the block's text and in the decoded text. */
export interface Superscript {
  /** Its first character's index in the block's text. */
  index: number;
  length: number;
  /** Its first character's offset in the decoded text. */
  source: number;
  /** It is, or sits in, a link to a place on the same page (`href="#ref1"`): a footnote's. */
  linked: boolean;
}

/** Where a message points: an offset (and optional end) into the decoded text. */
export interface At {
  offset: number;
  end?: number;
}

/** A reference list entry before it is parsed. */
export interface ReferenceEntry {
  number: number | null;
  raw: string;
  start: number;
  end: number;
}

/**
 * A journal, journal family or publisher the text names (the link stage finds them in every
 * block): [start, end) in the decoded text.
 */
export interface NamedJournal {
  /** As written. */
  text: string;
  /** The English name from the journal table (the family's for a family), or null when the table does not know it. */
  name: string | null;
  kind: 'journal' | 'family' | 'publisher';
  start: number;
  end: number;
  /** False when markup kept the name from being placed exactly: [start, end) is then its block's. */
  exact: boolean;
}

/** A citation marker outside items, as the segment stage locates it: [start, end) in the decoded text. */
export interface CitationMarkerLocation {
  /** The marker as written ("[1,2]", "〔1,2〕", "【2】"; a superscript's "1", "2,3", "¹²", "^4^"). */
  text: string;
  start: number;
  end: number;
  /** A superscript's numbers as "2,3" or "4-6" (src/refs/superscripts.ts); a bracketed marker has none. */
  numbers?: string;
  /** A superscript linked to no place on the page: a citation only where every number names a reference. */
  weak?: boolean;
  /** Digits a copy flattened into the text ("cells.1 In"): a citation only where the page's markers also keep the list's order (src/stages/link.ts). */
  flat?: boolean;
}

/**
 * A journal's volume and issue line the segment stage kept out of the body ("第二军医大学学报 2021,
 * Vol. 42 Issue (8)"): its block, and the journal it names as written at `at` in the block's text
 * (null when it names none: "第 19卷 第 2期"); link reads the journal through the journal table.
 */
export interface IssueLine {
  block: Block;
  journal: { at: number; text: string } | null;
}

/**
 * What a stage can leave on the document for later stages: each stage declares the facets it
 * `needs` and `provides`, and the pipeline loader checks that every need is provided by an
 * earlier stage. `bytes` is there from the start (the document is opened with them).
 */
export type Facet =
  | 'bytes'
  | 'text'
  | 'blocks'
  | 'sections'
  | 'items'
  | 'itemBlocks'
  | 'pageKind'
  | 'pageDate'
  | 'citationMarkers'
  | 'issueLines'
  | 'referenceBlocks'
  | 'references'
  | 'citations'
  | 'journals'
  | 'entities'
  | 'labels'
  | 'facts'
  | 'translations'
  | 'language'
  | 'validated';

/**
 * One document per input, vfile-style: the bytes, the decoded text, what each stage adds,
 * and every diagnostic raised about it. Stages add to it; nothing else is shared.
 */
export class DigestDocument {
  /** Path as given, or null for stdin and in-memory inputs. */
  readonly path: string | null;
  /** Name for ids and messages: the path, the given name, or `<stdin>`. */
  readonly name: string;
  /** The record id (set by the caller before the stages run). */
  id = 'article';
  bytes: Uint8Array = new Uint8Array(0);
  text = '';
  encoding = 'utf-8';
  format: 'text' | 'html' | 'markdown' = 'text';
  variant: 'wechat' | 'site' | 'generic' | undefined;
  blocks: Block[] = [];
  title: string | null = null;
  titleEn: string | null = null;
  topic: ArticleRecord['topic'] = null;
  sections: Section[] = [];
  /** The blocks each item was built from (segment provides it; link reads positions inside items through it). */
  readonly itemBlocks = new Map<Item, Block[]>();
  /** What kind of page this is (segment provides it as the facet `pageKind`; link and the review page choose their diagnostics and views by it). */
  kind: ArticleRecord['kind'] = 'overview';
  /** The page's publication date, YYYY-MM-DD (segment provides it as the facet `pageDate`), or null. */
  pageDate: string | null = null;
  /** Months without a section within the period the article covers (its declared range, else its first to last month). */
  missingMonths: string[] = [];
  /** Months whose section comes after the section of a later month. */
  outOfOrderMonths: string[] = [];
  /** Blocks under the reference-list heading, for the references stage. */
  referenceBlocks: Block[] = [];
  referenceEntries: ReferenceEntry[] = [];
  references: Reference[] = [];
  boilerplate: ArticleRecord['boilerplate'] = [];
  /** Citation markers in prose outside items, in text order, located by segment (facet `citationMarkers`); link resolves them into the record's `citations`. */
  citationMarkers: CitationMarkerLocation[] = [];
  /** The journals' volume and issue lines kept out of the body, in text order (segment: facet `issueLines`); link reads their journals. */
  issueLines: IssueLine[] = [];
  /** The markers outside items with the references they name (link: the record's `citations`). */
  citations: NonNullable<ArticleRecord['citations']> = [];
  /** Every journal, family and publisher the body names, in text order (link: the record's `journals`). */
  journalMentions: NamedJournal[] = [];
  entities: ArticleRecord['entities'] = [];
  /**
   * The abbreviations the page defines otherwise than the lexicon reads them ("mass spectrometry (MS)"), which
   * entities tags as the page's own; label counts no disease of the lexicon's reading of them. Null: none.
   */
  ownAbbreviations: Set<string> | null = null;
  /**
   * The lexicon's scan of each block, made once on first need (LexiconMatcher.scanOf) and read
   * by every stage that needs a block's mentions — entities, label, facts — so the text is
   * scanned once, and forgotten with the document.
   */
  readonly scans = new Map<Block, BlockScan>();
  /**
   * The width-folded text of each block (full-width ASCII → half-width: what the structure
   * patterns read), made once on first need (`foldedOf`) and read by segment, the page kind and
   * link; forgotten with the document.
   */
  readonly folded = new Map<Block, string>();
  /**
   * The matching view of each block (traditional → simplified, width and look-alikes folded;
   * offsets are the text's), made once on first need (`viewOf`) and read by the lexicon's scan,
   * the journal reading, label, entities and facts; forgotten with the document.
   */
  readonly views = new Map<Block, string>();
  /**
   * How much of each block its opening dateline or byline is (0: none), read once on first need
   * (`openingDatelineLength`) — by segment, which keeps it out of the lead, and again by entities,
   * which tags no place inside it — and forgotten with the document.
   */
  readonly openingDatelines = new Map<Block, number>();
  period: ArticleRecord['period'] = null;
  language = 'und';
  script: ArticleRecord['script'] = null;
  readonly diagnostics: Diagnostic[] = [];
  /**
   * How many stages have started on the document (runStages counts them): a value made from the
   * document by one stage is current while no other has started since (the record the validate
   * stage assembled is the one written, `recordOf`).
   */
  stagesRun = 0;
  /**
   * The record the validate stage assembled (`assembleRecord`), with the stage count and the
   * number of diagnostics then; null before. Held by the document, so it goes with it.
   */
  assembled: { record: ArticleRecord; stagesRun: number; diagnostics: number } | null = null;
  private index: LineIndex | null = null;

  constructor(init: { path?: string | null; name?: string | null }) {
    this.path = init.path ?? null;
    this.name = init.path ?? init.name ?? '<stdin>';
  }

  /**
   * True when a fatal diagnostic was reported (vfile's model): a stage could not do its job,
   * later stages are skipped and no record is written. Derived, never set.
   */
  get failed(): boolean {
    return this.diagnostics.some((d) => d.fatal === true);
  }

  /** Line index over the decoded text (rebuilt if the text changes). */
  get lines(): LineIndex {
    if (this.index === null) this.index = new LineIndex(this.text);
    return this.index;
  }

  /** Replaces the decoded text (the read stage does this once). */
  setText(text: string): void {
    this.text = text;
    this.index = null;
  }

  /** Adds a diagnostic located at an offset range of the decoded text. */
  addDiagnostic(d: Omit<Diagnostic, 'line' | 'column' | 'endLine' | 'endColumn' | 'offset'>, at: At = { offset: 0 }): Diagnostic {
    const start = this.lines.point(at.offset);
    const out: Diagnostic = { ...d, line: start.line, column: start.column, offset: at.offset };
    if (at.end !== undefined && at.end > at.offset) {
      const end = this.lines.point(at.end);
      out.endLine = end.line;
      out.endColumn = end.column;
    }
    this.diagnostics.push(out);
    return out;
  }
}
