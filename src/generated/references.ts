/* Generated from schemas/references.schema.json by scripts/gen-types.mjs: do not edit; run `npm run gen:types`. */

/**
 * Page names a publisher's link adds after a DOI ("…/10.1002/9781118422557/summary"): no part of the DOI.
 *
 * @minItems 1
 */
export type Words = [string, ...string[]];
/**
 * This interface was referenced by `ReferenceData`'s JSON-Schema
 * via the `definition` "CslType".
 */
export type CslType =
  | 'article'
  | 'article-journal'
  | 'article-magazine'
  | 'article-newspaper'
  | 'bill'
  | 'book'
  | 'broadcast'
  | 'chapter'
  | 'classic'
  | 'collection'
  | 'dataset'
  | 'document'
  | 'entry'
  | 'entry-dictionary'
  | 'entry-encyclopedia'
  | 'figure'
  | 'graphic'
  | 'hearing'
  | 'interview'
  | 'legal_case'
  | 'legislation'
  | 'manuscript'
  | 'map'
  | 'motion_picture'
  | 'musical_score'
  | 'pamphlet'
  | 'paper-conference'
  | 'patent'
  | 'performance'
  | 'periodical'
  | 'personal_communication'
  | 'post'
  | 'post-weblog'
  | 'regulation'
  | 'report'
  | 'review'
  | 'review-book'
  | 'software'
  | 'song'
  | 'speech'
  | 'standard'
  | 'thesis'
  | 'treaty'
  | 'webpage';
/**
 * GB/T 7714 carrier codes after the type code ("[J/OL]": online).
 *
 * @minItems 1
 */
export type Words1 = [string, ...string[]];
/**
 * Lower-case words that belong to a family name ("van", "von dem").
 *
 * @minItems 1
 */
export type Words2 = [string, ...string[]];
/**
 * Generational suffixes after a name ("Jr", "III").
 *
 * @minItems 1
 */
export type Words3 = [string, ...string[]];
/**
 * Academic degrees written after names in some lists ("Wang, Tao MDa"); dropped.
 *
 * @minItems 1
 */
export type Words4 = [string, ...string[]];
/**
 * Words that end an author list and stand for the names left out.
 *
 * @minItems 1
 */
export type Words5 = [string, ...string[]];
/**
 * Role words after editors' names ("(Eds.)", ", ed.").
 *
 * @minItems 1
 */
export type Words6 = [string, ...string[]];
/**
 * Words before editors' names ("edited by", "Ed.").
 *
 * @minItems 1
 */
export type Words7 = [string, ...string[]];
/**
 * Words before translators' names ("Translated by", "trans.").
 *
 * @minItems 1
 */
export type Words8 = [string, ...string[]];
/**
 * Chinese role words after editors' names ("主编").
 *
 * @minItems 1
 */
export type Words9 = [string, ...string[]];
/**
 * Endings of a committee that edits, after an editor word ("编辑委员会", "编委会", "編集委員会"): such a committee named first is the work's editor (an editorial office, "…词典编辑室", is its compiler and stays the author).
 *
 * @minItems 1
 */
export type Words10 = [string, ...string[]];
/**
 * Chinese role words after translators' names ("译").
 *
 * @minItems 1
 */
export type Words11 = [string, ...string[]];
/**
 * Season words that stand for a month in a date.
 *
 * @minItems 1
 */
export type Words12 = [string, ...string[]];
/**
 * Words that make a phrase a publisher's name ("Press", "出版社").
 *
 * @minItems 1
 */
export type Words13 = [string, ...string[]];
/**
 * Publishers often written without such a word ("Springer", "Wiley").
 *
 * @minItems 1
 */
export type Words14 = [string, ...string[]];
/**
 * Places of publication (cities), matched whole.
 *
 * @minItems 1
 */
export type Words15 = [string, ...string[]];
/**
 * States, provinces and countries written after a city ("Cambridge, MA", "Menlo Park, California").
 *
 * @minItems 1
 */
export type Words16 = [string, ...string[]];
/**
 * Phrases that make a reference a thesis; the phrase becomes its genre.
 *
 * @minItems 1
 */
export type Words17 = [string, ...string[]];
/**
 * Phrases that make a reference a report; the phrase becomes its genre.
 *
 * @minItems 1
 */
export type Words18 = [string, ...string[]];
/**
 * Words that make a container a conference's proceedings.
 *
 * @minItems 1
 */
export type Words19 = [string, ...string[]];
/**
 * Words (full or abbreviated) that make a phrase a journal's name.
 *
 * @minItems 1
 */
export type Words20 = [string, ...string[]];
/**
 * Words that make a name a periodical's whatever its field ("Journal", "Review", "Bulletin"), unlike the field words above ("Science", "Physics"): an institution's name never holds one.
 *
 * @minItems 1
 */
export type Words21 = [string, ...string[]];
/**
 * Words that make a container a blog ("Tesla Blog"): its dated entries are posts, not a journal's or a newspaper's articles.
 *
 * @minItems 1
 */
export type Words22 = [string, ...string[]];
/**
 * Words that make a part of a book's source its series ("Lecture Notes in Computer Science", "Studies in …").
 *
 * @minItems 1
 */
export type Words23 = [string, ...string[]];
/**
 * Labels before a volume number ("Vol.", "Bd.").
 *
 * @minItems 1
 */
export type Words24 = [string, ...string[]];
/**
 * Labels before an issue number ("No.", "Heft").
 *
 * @minItems 1
 */
export type Words25 = [string, ...string[]];
/**
 * Labels before pages ("pp.", "S.").
 *
 * @minItems 1
 */
export type Words26 = [string, ...string[]];
/**
 * Words that mark a supplement ("Suppl", "增刊").
 *
 * @minItems 1
 */
export type Words27 = [string, ...string[]];
/**
 * Words after an edition number ("2nd ed.").
 *
 * @minItems 1
 */
export type Words28 = [string, ...string[]];
/**
 * Chinese edition words ("2 版", "修订本").
 *
 * @minItems 1
 */
export type Words29 = [string, ...string[]];
/**
 * Chinese volume words ("第 1 卷", "下册").
 *
 * @minItems 1
 */
export type Words30 = [string, ...string[]];
/**
 * Abbreviations whose full stop never ends a part of the source ("Dept.", "Proc.", "Phys.").
 *
 * @minItems 1
 */
export type Words31 = [string, ...string[]];
/**
 * Access notes and database tags that are no part of the citation ("Retrieved from", "[PubMed]").
 *
 * @minItems 1
 */
export type Words32 = [string, ...string[]];
/**
 * Notes on a work's publication status ("to appear", "submitted", "Special Issue on …"): dropped like the notes above, and a title ends before them.
 *
 * @minItems 1
 */
export type Words33 = [string, ...string[]];
/**
 * Words a page prints around its references ("Article", "Google Scholar", "PubMed", "Journal", "Publisher"): a line of nothing else in a copied list is no entry.
 *
 * @minItems 1
 */
export type Words34 = [string, ...string[]];
/**
 * Words that make an author an organisation, kept whole as a literal name.
 *
 * @minItems 1
 */
export type Words35 = [string, ...string[]];
/**
 * Chinese endings that make an author an organisation ("委员会").
 *
 * @minItems 1
 */
export type Words36 = [string, ...string[]];
/**
 * Chinese numerals written in edition and volume statements ("第二版", "第十卷").
 *
 * @minItems 1
 */
export type Words37 = [string, ...string[]];
/**
 * Words before an ordinal number ("第 1 卷", Korean "제 1 권").
 *
 * @minItems 1
 */
export type Words38 = [string, ...string[]];
/**
 * Volume words that may follow any short name ("巳集", "下册") or a number ("第 2 卷" → volume "2").
 *
 * @minItems 1
 */
export type Words39 = [string, ...string[]];
/**
 * Volume words after an ordinal that the standard renders as the number alone ("第 1 卷" → "1"; "第 1 册" stays as written).
 *
 * @minItems 1
 */
export type Words40 = [string, ...string[]];
/**
 * Parts of a work in volumes ("上", "下": "下册", "巳集上").
 *
 * @minItems 1
 */
export type Words41 = [string, ...string[]];
/**
 * Words after a year that make it a volume ("2010 年卷").
 *
 * @minItems 1
 */
export type Words42 = [string, ...string[]];
/**
 * Words after a year that say it is a printing ("1995 印刷").
 *
 * @minItems 1
 */
export type Words43 = [string, ...string[]];
/**
 * Words that end a Chinese official document number ("京政办发［2005］37 号").
 *
 * @minItems 1
 */
export type Words44 = [string, ...string[]];
/**
 * Words a list holds where a reference is still to be written ("TODO", "待补充"); a run of x is one too.
 *
 * @minItems 1
 */
export type Words45 = [string, ...string[]];
/**
 * Words that follow a suspended hyphen ("blood- and bone-marrow-derived", "pre- or post-operative"): a hyphen and a space before one of them are kept, not joined as a line-break hyphen would be ("immuno- logy").
 *
 * @minItems 1
 */
export type Words46 = [string, ...string[]];
/**
 * Words after "In" that make it the first word of a journal's name ("In Vitro Cell Dev Biol Anim", "In Vivo"), never the "In" that opens a chapter's book or an article's proceedings.
 *
 * @minItems 1
 */
export type Words47 = [string, ...string[]];
/**
 * The label of the copy button a journal's site prints at the end of the page's own citation under "引用本文:" ("… doi: 10.7507/… 复制"): no part of the citation, taken off before its source is read.
 *
 * @minItems 1
 */
export type Words48 = [string, ...string[]];
/**
 * Headings under which a page cites itself ("Cite This Page:" after a story's "Journal Reference:", "How to cite"), matched at a line's start before a colon or the line's end: inside the reference list they end it, and the page's own citation is kept out as chrome (it cites the page the record is made of, not a work the article cites).
 *
 * @minItems 1
 */
export type Words49 = [string, ...string[]];
/**
 * Units written with a power ("m²", "cm<sup>3</sup>"): a superscript number right after one of them is an exponent, never a citation. (After a digit, "10⁶", or a one-letter symbol, "R²", it is one too: src/refs/superscripts.ts.)
 *
 * @minItems 1
 */
export type Words50 = [string, ...string[]];
/**
 * Words a number follows as their label ("Fig.2", "No.1", "(Table.3)", "phase3", "type1", "day7"): a number glued to one of them, after its full stop or with none, is the label's, never a citation marker a copy flattened into the text (src/refs/superscripts.ts). Matched whole, case-insensitively.
 *
 * @minItems 1
 */
export type Words51 = [string, ...string[]];
/**
 * A work's medium or form, written after its title, often in brackets ("[Motion picture]", "DVD", "television program"): its genre, never part of a title. A word in lower case alone ("film", "video") counts only in brackets.
 *
 * @minItems 1
 */
export type Words52 = [string, ...string[]];
/**
 * Edition statements without a number, written as a part of their own ("Reprint", "Revised and expanded").
 *
 * @minItems 1
 */
export type Words53 = [string, ...string[]];
/**
 * @minItems 1
 *
 * This interface was referenced by `ReferenceData`'s JSON-Schema
 * via the `definition` "Words".
 */
export type Words54 = [string, ...string[]];

/**
 * What the words of a reference string mean: GB/T 7714 type codes, name particles, role and cue words, month names, publishers and places. Read by src/refs/data.ts.
 */
export interface ReferenceData {
  $schema?: string;
  description?: string;
  doiPathSuffixes: Words;
  /**
   * GB/T 7714-2015 document type codes ("[J]", "[M]") → CSL types: the whole work, a part of it (after "//"), and for a serial written as a whole.
   */
  typeCodes: {
    [k: string]: {
      name: string;
      type: CslType;
      part: CslType;
      whole?: CslType;
    };
  };
  carrierCodes: Words1;
  nameParticles: Words2;
  nameSuffixes: Words3;
  degrees: Words4;
  etAl: Words5;
  editorWords: Words6;
  editedBy: Words7;
  translatedBy: Words8;
  cjkEditorWords: Words9;
  cjkEditorialBodyWords: Words10;
  cjkTranslatorWords: Words11;
  /**
   * Month names and abbreviations in the languages references use → month number.
   */
  months: {
    [k: string]: number;
  };
  seasons: Words12;
  publisherWords: Words13;
  publishers: Words14;
  places: Words15;
  regions: Words16;
  thesisWords: Words17;
  reportWords: Words18;
  proceedingsWords: Words19;
  journalWords: Words20;
  periodicalWords: Words21;
  blogWords: Words22;
  seriesWords: Words23;
  volumeLabels: Words24;
  issueLabels: Words25;
  pageLabels: Words26;
  supplementWords: Words27;
  editionWords: Words28;
  cjkEditionWords: Words29;
  cjkVolumeWords: Words30;
  abbreviations: Words31;
  dropNotes: Words32;
  statusNotes: Words33;
  listLabels: Words34;
  organisationWords: Words35;
  cjkOrganisationWords: Words36;
  cjkNumerals: Words37;
  cjkOrdinalPrefixes: Words38;
  cjkVolumeUnits: Words39;
  cjkVolumeNumberUnits: Words40;
  cjkVolumeParts: Words41;
  cjkYearVolumeWords: Words42;
  cjkPrintingWords: Words43;
  cjkDocumentNumberWords: Words44;
  placeholderWords: Words45;
  suspendedHyphenWords: Words46;
  inJournalWords: Words47;
  copyButtonWords: Words48;
  pageCitationHeadings: Words49;
  exponentWords: Words50;
  numberLabels: Words51;
  mediumWords: Words52;
  editionPhrases: Words53;
  /**
   * The labels a citation index prints before a reference's volume and first page when it renders Crossref's metadata as "Family, Title, Journal, № 19, с. 179" (fields parted by commas only, no year): a string ending in one of them, as a comma piece of its own, is read by src/refs/citation-index.ts. Written as printed, the label's own full stop included.
   */
  citationIndexLabels: {
    volume: Words54;
    page: Words54;
  };
}
