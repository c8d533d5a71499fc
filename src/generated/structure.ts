/* Generated from schemas/structure.schema.json by scripts/gen-types.mjs: do not edit; run `npm run gen:types`. */

/**
 * This interface was referenced by `StructureData`'s JSON-Schema
 * via the `definition` "Patterns".
 */
export type Patterns = string[];
/**
 * A year heading names one of these (a digest's topic words), unless it is the year alone: a line that opens with a year and names none is a title or a sentence.
 *
 * @minItems 1
 */
export type Words = [string, ...string[]];
/**
 * Second-level outline headings ("1.1 …", "①…", "临床案例1:"); outlineHeadings are the first level ("一、…", "01 …").
 */
export type Patterns1 = string[];
/**
 * @minItems 1
 *
 * This interface was referenced by `StructureData`'s JSON-Schema
 * via the `definition` "Words".
 */
export type Words1 = [string, ...string[]];
/**
 * A journal's volume and issue line over a paper ("第二军医大学学报 2021, Vol. 42 Issue (8)", "中国免疫学杂志 2016年12期", "Chin Med Biotechnol, October 2013, Vol. 8, No. 5", "第 19卷 第 2期"): kept out of the body as boilerplate of kind other; the journal it names (group journal, optional) is read through the journal table as the page's journal mentions are, and the line marks the page as a journal's paper (an overview, never a news item). Optional: without it no such line is read.
 */
export type Patterns2 = string[];
/**
 * The page's publication-date line (groups year, month or monthName, and day: "发布时间:2025-04-08", "Date: November 23, 2009", "Wednesday, June 15, 2016 - 12:01"; an English date alone, "17 March 2025", is as often a copied paper's date and is not one): read as the record's pageDate, then kept out of the body as boilerplate of kind page-date. In a web page also looked for in the text before the article body.
 */
export type Patterns3 = string[];
/**
 * A date standing alone on its line ("Dec 21, 2012", "5 June 2014", or with its time: "March 3, 2025 7:15 AM UTC"; groups year, monthName, day): the page date, kept out of the body as boilerplate of kind page-date, only on the line right under the title, where a news page prints its date; anywhere else (under a copied paper's "Published:") it is the pageDates' bare date, not one. Optional: without it no such line is read.
 */
export type Patterns4 = string[];
/**
 * A line of site chrome that names the document's title (group title, opening the line): a document-sharing site's image of the first page ("…报告_第1页"). The line stays out of the body (a boilerplate pattern must match it too); the title it names is the record's title when the page has none before it, and the line repeating it below is dropped as the title's copy. Optional: without it no title is read from chrome.
 */
export type Patterns5 = string[];
/**
 * A label that opens real lead text ("导读:"): stripped, the text after it kept as content.
 */
export type Patterns6 = string[];
/**
 * A byline at the start of a paragraph ("〔記者…/台南報導〕", a desk's or translator's credit "〔編譯…／綜合報導〕", "CHICAGO — "), a news wire's dateline ("BALDWIN PARK, Calif., Oct. 3, 2024 /PRNewswire/ --") or a stored page's date marker with the text glued after it ("date 2025-11-30 …"): kept out of the body as boilerplate, the rest of the paragraph read as a line of its own. A dateline's groups year, month or monthName, and day give the page date (boilerplate of kind page-date).
 */
export type Patterns7 = string[];
/**
 * A short line that is a table or figure caption ("表1 …"), or a photo's caption ending in its credit ("…。（路透社）", "…。（某院提供）"): boilerplate of kind caption, never the title or a heading.
 */
export type Patterns8 = string[];
/**
 * A reporter's byline alone on its line ("記者王某某/花蓮報導", an outlet's name and two reporters before it: "某某新聞網記者甲、乙 / 台北報導"; a desk's "綜合報導 / 台北市", "(綜合報導)"): boilerplate of kind other, and a byline the page's kind reads (a page with a byline and no dated items is a news item). Read on the folded, trimmed line (each pattern pre-tested). Optional: without it such a line is read as any other line.
 */
export type Patterns9 = string[];
/**
 * Verbs that make a relative day an event date (发表, 刊登, 宣布…).
 *
 * @minItems 1
 */
export type Words2 = [string, ...string[]];
/**
 * A paragraph that opens with a year alone ("2025年,…"; group year): not an item, but later dates without a year take it.
 */
export type Patterns10 = string[];
/**
 * A paragraph opening with one of these sums up ("总体来看,…"): on a page that is not a digest it ends the item above, and it and what follows (until the next item) are the section's prose.
 */
export type Patterns11 = string[];
/**
 * Approval words: with a regulator in the title or the first dated item (the first sentence of the first paragraph on a page with none), with no trial cue there and no month or year headings, the page is a drug approval.
 *
 * @minItems 1
 */
export type Words3 = [string, ...string[]];
/**
 * A title that counts studies ("5项临床试验", "四项研究"): a trial roundup.
 */
export type Patterns12 = string[];
/**
 * A title that promises an explanation ("4种治疗方法", "原理", "有哪些"): an overview, whatever dated items it carries.
 */
export type Patterns13 = string[];

/**
 * Patterns (JavaScript regular expressions, compiled with the u flag) that recognise digest structure.
 */
export interface StructureData {
  $schema?: string;
  description?: string;
  maxHeadingLength: number;
  /**
   * The longest a page's title can be when it has no Han character (an English headline runs longer than a Chinese one: a press release's title is often 100–130 characters); maxHeadingLength when absent. Such a title never ends with a full stop.
   */
  maxLatinTitleLength?: number;
  /**
   * The longest a title with no Han character can be when it ends with no stop at all (a press release's headline of 160–240 characters: "… has submitted its application for a biologics license … to the US FDA"); between maxLatinTitleLength and this, a line ending in a full stop, even an abbreviation's ("… according to the FDA."), or holding a sentence's break is no title. maxLatinTitleLength when absent.
   */
  maxLatinHeadlineLength?: number;
  /**
   * Places a dateline with no date names ("London - …", "MUMBAI: …"), in title case: a bylinePrefixes pattern's named groups place and place2 must each be one of them, written in title case or in capitals (a set, not an alternation in the pattern: 268 names in one pattern cost ~5 ms to compile). Bounded: the capital and the four most populous cities of each country the lexicon names (its country concepts), with their ASCII and older spellings ("Sao Paulo", "Bangalore"), the city-states once, a name that is an English word left out ("Nice"); a city outside the list is read only with its state or its date.
   */
  datelinePlaces?: string[];
  /**
   * English month names, January first: each month's full name, then its abbreviations. Patterns say {monthName} for all of them (longest first); labels use the full name.
   *
   * @minItems 12
   * @maxItems 12
   */
  monthNames: [
    [string, ...string[]],
    [string, ...string[]],
    [string, ...string[]],
    [string, ...string[]],
    [string, ...string[]],
    [string, ...string[]],
    [string, ...string[]],
    [string, ...string[]],
    [string, ...string[]],
    [string, ...string[]],
    [string, ...string[]],
    [string, ...string[]]
  ];
  /**
   * Numeral characters → their value (十 is ten), for years, months and days written in Chinese numerals (二〇二五年十二月, 三十一日). {numeral} in a pattern stands for one of these characters.
   */
  numerals: {
    [k: string]: number;
  };
  monthHeadings: Patterns;
  rangeHeadings: Patterns;
  yearHeadings: Patterns;
  yearHeadingWords: Words;
  /**
   * A character class: a line containing one is a sentence, never a month or year heading ("2025年4月,世界卫生组织发布…").
   */
  headingPunctuation: string;
  /**
   * A pattern for how a line that breaks off mid-sentence ends (a preposition or conjunction waiting for the link text on the next line: "近期发表于" / "Nature Medicine的两项研究"): such a line is prose, never a free-form heading. A noun that ends in the same character (方向, 动向, 趋向: "CAR-T疗法的新方向") is no such ending.
   */
  unfinishedLineEnds?: string;
  /**
   * A pattern for punctuation that stands inside a word (the hyphen of CAR-T, IL-6, COVID-19): a short plain-text line holding only such marks is still a free-form heading ("CAR-T疗法为什么能治狼疮"); any other punctuation makes it prose.
   */
  wordMarks?: string;
  /**
   * A pattern for punctuation a short plain-text line may hold and still be a free-form heading, beside its words: a colon between its two halves ("干细胞治疗: 一线希望"), quotation marks around a name (“…”, 「…」), a question mark at its end ("為何幹細胞有效？") or between a question and what answers it, each half of a few characters ("什么是膝骨关节炎?干细胞治疗的临床应用"). Read like wordMarks; any other punctuation makes the line prose.
   */
  headingMarks?: string;
  outlineHeadings: Patterns;
  outlineSubheadings: Patterns1;
  sectionKeywords: {
    summary: Words1;
    outlook: Words1;
    conclusion: Words1;
  };
  referenceHeadings: Patterns;
  boilerplate: {
    disclaimer: Patterns;
    'qr-code': Patterns;
    other: Patterns;
  };
  issueLines?: Patterns2;
  pageDates: Patterns3;
  titleDateLines?: Patterns4;
  documentTitles?: Patterns5;
  leadLabels: Patterns6;
  bylinePrefixes: Patterns7;
  captions: Patterns8;
  /**
   * A line right under a plain-text title that is the title's subtitle, opening with a dash ("--对11个随机对照临床试验的Meta分析", "——记某医院干细胞团队"): joined to the title as written, and its copy further down (the title printed again over the paper, on two lines) is dropped as a caption. Read on the folded, trimmed line. Optional: without it no subtitle is joined.
   */
  subtitleLines?: string;
  /**
   * A line naming the authors' institution as a paper prints it under their names: a postcode beside a Han place or institution name ("吉林大学第一医院(长春 130002)", "200011 上海,…"), or the 作者单位 label. Read on the folded line right under a line of two or more Chinese names one space apart ("王某某 李某"): those are the authors, kept out of the body, never the title. Optional: without it such a line of names is read as any other line.
   */
  affiliationLines?: string;
  bylineLines?: Patterns9;
  /**
   * A news site's name printed before or after the headline on the title's line, with a dash, bar or underscore between ("某某新聞網 - 標題", "標題 - 某某新聞網"): cut off the title (the first match only), and the headline printed again below without it is the title's copy. Read on the folded title line. Optional: without it the title keeps the site's name.
   */
  titleSiteNames?: string;
  /**
   * A label alone on its line that opens an editor's note ("编者按", "編者的話"): never the page's title, whatever stands above it (a page that prints no headline over it has none); the note under it is a section of its own, the label its heading. Read on the folded, trimmed line. Optional: without it such a line can be the title.
   */
  noteLabels?: string;
  /**
   * How a photo's caption ends, in its credit ("… /Courtesy of Kyoto University", "… (Photo obtained by Nikkei)", "REUTERS/Jane Example/File Photo", a Chinese caption's "…。(某某某攝)"), read on a paragraph's last 200 characters: the paragraph, however long, is boilerplate of kind caption, never the title nor the first paragraph. Optional.
   */
  captionCredits?: string;
  itemDates: Patterns;
  undatedItemStarts: Patterns;
  /**
   * A date inside a paragraph's first sentence that dates its event: after 于 ("团队于14日", "于2025年5月11日宣布"; groups year, month, day) or a day right before an event verb ("委员会26日宣布", "记者28日获悉"); never a deadline ("于…日前"). With an event verb in that sentence the paragraph is an item: a full date as written; a day alone (or a month and day) read against the page date, that day of the page date's month (or of the month before, when the day is later than the page date's).
   */
  relativeDay: string;
  eventVerbs: Words2;
  /**
   * A word for the page date itself ("today"): in a paragraph's first sentence with an event verb, on a page with a page date (a wire's dateline), it dates an item to that day ("… today announced the publication …").
   */
  todayWords?: string;
  /**
   * A word inside a sentence that dates its event to the days before the page date ("…的科学家近日在《自然》发表研究", "…醫學院近日發表於《X》"): with an event verb after it in that sentence, on a page with a page date, the sentence opens an item at the page date's month, as a paragraph or sentence opening "近日," does (undatedItemStarts).
   */
  recentWords?: string;
  yearOpeners: Patterns10;
  closingWords: Patterns11;
  /**
   * Where a sentence ends inside a paragraph (a full stop, or the end of a citation marker, and the spaces after): a date right after one opens a new item in the middle of the line.
   */
  sentenceBreak: string;
  /**
   * An item whose text matches this (a 《…》 or quoted title, a publication verb, a journal word) or cites a reference reports a publication; the page kind counts them.
   */
  publicationCues: string;
  /**
   * Exact English for heading parts: a heading is given in English only when it decomposes fully into a date, a therapy, a disease (from the lexicon) and a phrase listed here.
   */
  english: {
    phrases: Translation[];
    therapies: Translation[];
    /**
     * Characters that may join the parts and carry no meaning (的, 在, spaces).
     */
    connectors: string[];
    /**
     * How English writes the name of a body (a committee, an office, an institute, a hospital): a therapy or disease written with a capital inside a run of capitalised words that holds one of the heads, the run going through the joiners and commas ("Cellular, Tissue and Gene Therapies Advisory Committee", "Office of Cellular, Tissue and Gene Therapies", "Sylvester Comprehensive Cancer Center"), names the body, not the page's therapy or disease: the topic does not count it. Optional.
     */
    bodyNames?: {
      /**
       * @maxItems 100
       */
      heads: string[];
      /**
       * @maxItems 20
       */
      joiners:
        | []
        | [string]
        | [string, string]
        | [string, string, string]
        | [string, string, string, string]
        | [string, string, string, string, string]
        | [string, string, string, string, string, string]
        | [string, string, string, string, string, string, string]
        | [string, string, string, string, string, string, string, string]
        | [string, string, string, string, string, string, string, string, string]
        | [string, string, string, string, string, string, string, string, string, string]
        | [string, string, string, string, string, string, string, string, string, string, string]
        | [string, string, string, string, string, string, string, string, string, string, string, string]
        | [
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string
          ]
        | [
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string
          ]
        | [
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string
          ]
        | [
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string
          ]
        | [
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string
          ]
        | [
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string
          ]
        | [
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string
          ]
        | [
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            string
          ];
    };
  };
  /**
   * Words that date an item relative to the page date, or without one to its section's year (the itemDates group "relative" starts with one): word → years to add.
   */
  relativeYears: {
    [k: string]: number;
  };
  /**
   * A citation marker in the text ("[1]", "[1,2]", "【3-5】"); the group "numbers" holds what is inside. The one pattern for citation markers: segment tells items from prose with it, link expands it.
   */
  citationMarker: string;
  /**
   * Signals of the page kinds that the structure alone does not give: read in the title (and, for approvals, the first dated item).
   */
  pageKinds: {
    /**
     * A span of years in the title (groups from, to): with a year heading, the page is a year roundup.
     */
    titleYearRange: string;
    /**
     * A year in the title (group year: "2025年", or a year 1800–2099 standing alone as in "March 2025"): the year of dates that give none when nothing nearer does.
     */
    titleYear: string;
    approvalVerbs: Words3;
    regulators: Words1;
    /**
     * An approval that names itself with no regulator: one won, received or granted ("has won an approval", "gained Korean regulatory approval", "Japan grants conditional approval"), a country approving ("Japan Approves …") or a product approved in a country ("Approved in South Korea"): with an approval word, read as a regulator is (the trial and denial cues still apply). Optional.
     */
    approvalPhrases?: string;
    /**
     * A trial's words ("trial", "study", "IND"): an approval whose text (the title, the first dated item's lead, or the first sentence of a page with no dated item) also holds one clears a trial ("FDA Clears Stem Cell Clinical Trial"), not a product, and the page is no drug approval. Optional.
     */
    trialCues?: string;
    /**
     * A trial's application or its hold ("IND", "Investigational New Drug", "clinical hold"): a title that names an approval ("FDA Approves Embryonic Stem Cell-Based Therapy", "FDA Clears New Drug Application") over a lead that names one reports a trial cleared to start, and the page is no drug approval. Optional.
     */
    leadTrialCues?: string;
    /**
     * An approval denied, withdrawn or not yet given ("FDA Denies Approval", "rejects", "complete response letter", "seeks", "applied for", "a potential filing", "until", "likely to", "expected to", "to Conclude", "unapproved", an approval required or lacking: "may require FDA approval", "without FDA approval", an application accepted, submitted or received: "FDA Acceptance of BLA Resubmission", "Acceptance and Priority Review of", "was submitted", "received the BLA"; a safety programme ended for approved products: "Eliminates REMS"): an approval word whose text (as for trialCues) also holds one names no approval, and the page is no drug approval. Optional.
     */
    denialCues?: string;
    /**
     * An advisory body's word, no approval ("voted to recommend approval", "CHMP recommends … approval", "Panel Green Light", "health ministry panel has given a conditional green light", "Committee voted 8-2 backing approval"): a committee or panel advises, the regulator decides. An approval word whose text (as for trialCues) also holds one names no approval, and the page is no drug approval; not after "following", "after" or "upon" ("authorisation following a recommendation for approval"). Optional.
     */
    adviceCues?: string;
    trialRoundupTitles: Patterns12;
    overviewTitles: Patterns13;
  };
  /**
   * What messages quote as examples of headings the patterns expect.
   */
  messageExamples: {
    monthHeading: string;
    referenceHeading: string;
  };
}
/**
 * This interface was referenced by `StructureData`'s JSON-Schema
 * via the `definition` "Translation".
 */
export interface Translation {
  /**
   * @minItems 1
   */
  zh: [string, ...string[]];
  en: string;
  /**
   * Joins the phrase to the therapy: "in" (default) or "of".
   */
  preposition?: string;
  /**
   * How an English page writes it, in lower case ("stem cell therapy", "stem-cell therapy"): read, in any case, on a page with no Han character outside its reference list, for its topic's therapy.
   */
  written?: string[];
}
