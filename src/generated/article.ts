/* Generated from schemas/article.schema.json by scripts/gen-types.mjs: do not edit; run `npm run gen:types`. */

/**
 * This interface was referenced by `ArticleRecord`'s JSON-Schema
 * via the `definition` "Month".
 */
export type Month = string;
/**
 * This interface was referenced by `ArticleRecord`'s JSON-Schema
 * via the `definition` "Section".
 */
export type Section = {
  kind: 'intro' | 'month' | 'year' | 'summary' | 'outlook' | 'conclusion' | 'other';
  heading: string | null;
  /**
   * The heading in English: exact for dated headings of known parts, else the month or section kind.
   */
  headingEn?: string | null;
  month?: Month;
  /**
   * The year a year heading names ("2015年干细胞治疗肝硬化关键临床进展"); only for kind year (since 1.2.0).
   */
  year?: number;
  /**
   * For a numbered outline heading: 1 for "一、…", "01 …", "【摘要】"; 2 for "1.1 …", "①…", "临床案例1:" (since 1.2.0).
   */
  outlineLevel?: number;
  /**
   * Prose of the section that belongs to no dated item, paragraphs joined by newlines.
   */
  text?: string;
  /**
   * Machine translation of the section's prose (optional translate stage).
   */
  textEn?: string | null;
  position: Range;
  items: Item[];
};

/**
 * One structured record per ingested digest article.
 */
export interface ArticleRecord {
  /**
   * Version of this schema the record follows (semver).
   */
  schemaVersion: '1.2.0';
  /**
   * Stable identifier, safe as a file name.
   */
  id: string;
  source: Source;
  /**
   * ISO 639-1 code of the body, or und.
   */
  language: string;
  /**
   * ISO 15924 script of the body; null when undetermined.
   */
  script: 'Hans' | 'Hant' | 'Latn' | null;
  title: string | null;
  /**
   * The title in English, when it can be given exactly (a dated heading of known parts).
   */
  titleEn: string | null;
  /**
   * What the page is about: the disease its title names (of several, the one the page names twice as often as each other; else the one two headings or more name; else the one the body names most, twice as often as the next) and the therapy (the one the headings or the title name, else the one the body names most).
   */
  topic: null | {
    disease: null | {
      id: string;
      label: string;
    };
    therapy: string | null;
  };
  /**
   * What kind of page this is, read from its structure (since 1.2.0): a month digest (dated items under month headings), a year roundup (under year headings), a trial roundup (several dated studies without month or year headings), a news item (one study or event), a drug approval, or an overview (outline and explanation). The diagnostics that fit depend on it.
   */
  kind: 'month-digest' | 'year-roundup' | 'trial-roundup' | 'news-item' | 'drug-approval' | 'overview';
  /**
   * The months the page covers: from its month sections that hold items (month digest), its year sections (year roundup: first January to last December) or its dated items (trial roundup); null for news items, drug approvals and overviews. Never from a body sentence.
   */
  period: null | {
    start: Month;
    end: Month;
  };
  /**
   * The date the page was published, from its publication line ("发布时间:2025-04-08 16:20") or a byline date; relative dates ("去年的5月3日", "今年3月", "于14日") are resolved against it. Null when the page gives none (since 1.2.0).
   */
  pageDate: null | string;
  /**
   * Months without a section within the period the article covers: the range its title or a range heading declares ("2025年1-12月…"), else its first to last month section. The review index and the terminal summary show exactly these (since 1.2.0).
   */
  missingMonths: Month[];
  /**
   * Months whose section comes after the section of a later month, in article order (since 1.2.0).
   */
  outOfOrderMonths: Month[];
  sections: Section[];
  references: Reference[];
  /**
   * Every journal, journal family and publisher the page names, anywhere (title, intro, items, running text), in text order: one entry per time it is written, the English name and the Chinese name of "《柳叶刀》(The Lancet)" being two (since 1.2.0). An item's journal is the first journal named in its lead.
   */
  journals?: JournalMention[];
  /**
   * Citation markers outside items (intro, prose, headings, news pages) with the references they resolve to; markers inside items are the items' citations (since 1.2.0).
   */
  citations?: CitationMarker[];
  entities: Entity[];
  /**
   * Site chrome and trailers kept out of the sections, so nothing is dropped silently: disclaimers, QR-code lines, captions (table captions, photo captions that repeat the title or a paper title; since 1.2.0), the publication-date line (read as pageDate; since 1.2.0) and other chrome (addresses, phone lines, breadcrumbs, bylines, tag lines, copyright notices, cross-links).
   */
  boilerplate: {
    kind: 'disclaimer' | 'qr-code' | 'caption' | 'page-date' | 'other';
    text: string;
    position: Range;
  }[];
  diagnostics: Diagnostic[];
}
/**
 * This interface was referenced by `ArticleRecord`'s JSON-Schema
 * via the `definition` "Source".
 */
export interface Source {
  /**
   * Input path as given (relative to the working directory), or null for stdin/bytes.
   */
  path: string | null;
  sha256: string;
  format: 'text' | 'html' | 'markdown';
  /**
   * For HTML: which extractor kept the body.
   */
  variant?: 'wechat' | 'site' | 'generic';
  /**
   * WHATWG encoding label the bytes were decoded with.
   */
  encoding: string;
  bytes: number;
}
/**
 * This interface was referenced by `ArticleRecord`'s JSON-Schema
 * via the `definition` "Range".
 */
export interface Range {
  start: Point;
  end: Point;
}
/**
 * This interface was referenced by `ArticleRecord`'s JSON-Schema
 * via the `definition` "Point".
 */
export interface Point {
  line: number;
  column: number;
}
/**
 * This interface was referenced by `ArticleRecord`'s JSON-Schema
 * via the `definition` "Item".
 */
export interface Item {
  date: string;
  datePrecision: 'day' | 'month';
  /**
   * The item's text as in the source (after decoding), paragraphs joined by newlines.
   */
  text: string;
  /**
   * Machine translation of the item's text (optional translate stage), paragraph by paragraph.
   */
  textEn?: string | null;
  citations: string[];
  /**
   * Canonical English name of the journal the item names.
   */
  journal: string | null;
  /**
   * The journal as written in the item.
   */
  journalText?: string | null;
  /**
   * The paper title as written in the item (often a Chinese translation).
   */
  paperTitle?: string | null;
  /**
   * The journal family the item names when it names no journal of its own (《柳叶刀》子刊 → The Lancet); journal is then null (since 1.2.0).
   */
  journalFamily?: string | null;
  /**
   * The English title of the paper, from the first reference the item cites.
   */
  paperTitleEn?: string | null;
  position: Range;
  entities: Mention[];
  facts?: Facts;
}
/**
 * This interface was referenced by `ArticleRecord`'s JSON-Schema
 * via the `definition` "Mention".
 */
export interface Mention {
  entity?: string;
  text: string;
  /**
   * UTF-16 offset into the decoded source text.
   */
  start: number;
  end: number;
}
/**
 * What the item states: who did the work, where, and the quantitative outcomes it reports.
 *
 * This interface was referenced by `ArticleRecord`'s JSON-Schema
 * via the `definition` "Facts".
 */
export interface Facts {
  institution: null | {
    /**
     * As written.
     */
    text: string;
    /**
     * English name when the lexicon knows the organisation.
     */
    label: string | null;
  };
  /**
   * English country name, when the item names one (我国 → China).
   */
  country: string | null;
  outcomes: Outcome[];
}
/**
 * This interface was referenced by `ArticleRecord`'s JSON-Schema
 * via the `definition` "Outcome".
 */
export interface Outcome {
  /**
   * English label of what was measured.
   */
  measure: string;
  /**
   * The lexicon concept of the measure.
   */
  measureId: string | null;
  value: number;
  unit: string | null;
  /**
   * "week 4", "1 year", "5 years".
   */
  timepoint: string | null;
  /**
   * What the value is compared with, as written (e.g. 单药组).
   */
  comparator: string | null;
  /**
   * "31 patients".
   */
  population: string | null;
  /**
   * The value before ("from ~4.69 to ~1.88": 4.69).
   */
  baseline: number | null;
  approximate: boolean;
  /**
   * The clause the outcome was read from.
   */
  text: string;
}
/**
 * This interface was referenced by `ArticleRecord`'s JSON-Schema
 * via the `definition` "Reference".
 */
export interface Reference {
  id: string;
  number: number;
  raw: string;
  /**
   * True when the entry carries no bibliographic content (e.g. "cde").
   */
  placeholder?: boolean;
  position: Range;
  csl: CslItem;
}
/**
 * A CSL-JSON item; also validated against the vendored official csl-data.json.
 *
 * This interface was referenced by `ArticleRecord`'s JSON-Schema
 * via the `definition` "CslItem".
 */
export interface CslItem {
  id: string;
  type: string;
  title?: string;
  'container-title'?: string;
  'collection-title'?: string;
  author?: CslName[];
  editor?: CslName[];
  translator?: CslName[];
  issued?: {
    'date-parts'?: number[][];
  };
  /**
   * When the cited copy was consulted (GB/T 7714 "[2013-03-26]").
   */
  accessed?: {
    'date-parts'?: number[][];
  };
  volume?: string;
  issue?: string;
  page?: string;
  edition?: string;
  publisher?: string;
  'publisher-place'?: string;
  /**
   * A report, standard or patent number ("GB/T 25100—2010", "RMRS-GTR-262").
   */
  number?: string;
  /**
   * How many volumes the work has ("2 vols.").
   */
  'number-of-volumes'?: string;
  /**
   * How many pages the work has ("312 pp.").
   */
  'number-of-pages'?: string;
  /**
   * What kind of thesis or report ("PhD thesis", "Technical report").
   */
  genre?: string;
  DOI?: string;
  PMID?: string;
  PMCID?: string;
  URL?: string;
  ISSN?: string;
  ISBN?: string;
  [k: string]: unknown;
}
/**
 * A CSL-JSON name: family and given as written (particles in the family: "von dem Hagen"), a suffix ("Jr", "III"), or one literal (a Chinese name, an organisation).
 *
 * This interface was referenced by `ArticleRecord`'s JSON-Schema
 * via the `definition` "CslName".
 */
export interface CslName {
  family?: string;
  given?: string;
  suffix?: string;
  literal?: string;
}
/**
 * This interface was referenced by `ArticleRecord`'s JSON-Schema
 * via the `definition` "JournalMention".
 */
export interface JournalMention {
  /**
   * The name as written (inside 《…》, “…” or 「…」 without them; bare English as written).
   */
  text: string;
  /**
   * The English name from the journal table: the journal's, its family's or the publisher's; null for a journal the wording marks but the table does not know.
   */
  name: string | null;
  /**
   * journal; family (《柳叶刀》子刊: a journal of that family, not the journal); publisher (《springer nature》).
   */
  kind: 'journal' | 'family' | 'publisher';
  position: Range;
}
/**
 * This interface was referenced by `ArticleRecord`'s JSON-Schema
 * via the `definition` "CitationMarker".
 */
export interface CitationMarker {
  /**
   * The marker as written: [1,2], [3-5], 〔1,2〕, 【2】.
   */
  text: string;
  /**
   * The references its numbers name, in order; numbers with no reference are left out (and reported).
   */
  references: string[];
  position: Range;
}
/**
 * This interface was referenced by `ArticleRecord`'s JSON-Schema
 * via the `definition` "Entity".
 */
export interface Entity {
  id: string;
  type:
    'disease' | 'cell' | 'molecule' | 'measure' | 'organization' | 'journal' | 'drug' | 'country' | 'other';
  label: string;
  xrefs: string[];
  mentions: Mention[];
}
/**
 * This interface was referenced by `ArticleRecord`'s JSON-Schema
 * via the `definition` "Diagnostic".
 */
export interface Diagnostic {
  severity: 'error' | 'warning' | 'info';
  rule: string;
  /**
   * The stage that reported it.
   */
  source: string;
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /**
   * UTF-16 offset into the decoded text (or byte offset for decoding errors, see rule).
   */
  offset?: number;
  /**
   * True when the rule stops processing the input (vfile's fatal message): the input gets no record. Absent otherwise (since 1.2.0).
   */
  fatal?: boolean;
}
