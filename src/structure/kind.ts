import type { ArticleRecord, Item, Section } from '../generated/article.js';
import type { CompiledStructure } from '../core/data.js';
import type { Block } from '../core/document.js';
import { foldedOf, foldWidth } from '../core/text.js';

/** The kinds of page the record can say it is. */
export type PageKind = ArticleRecord['kind'];

/** What the page kind is read from. */
export interface KindEvidence {
  title: string | null;
  sections: Section[];
  /** The blocks of each item (its first block is its lead). */
  itemBlocks: ReadonlyMap<Item, Block[]>;
  /** The title declares a range of months ("2025年1-6月…"). */
  titleDeclaresMonths: boolean;
  pageDate: string | null;
  /** A byline was read (and kept out of the body). */
  byline: boolean;
  /** The blocks' width-folded texts (the document's `folded`), where an item's lead is read. */
  folded?: Map<Block, string>;
  /** The page's first body paragraph: where a page with no dated item says what it reports. */
  lead?: Block | null;
  /** A hard-wrapped lead's next line ("on Wednesday approved …" under "The U.S. Food and Drug Administration"): read on from the lead. */
  leadRest?: Block | null;
  /**
   * Whether two or more of the body's paragraphs cite references by number ("[1]", "[2-6]"): a paper,
   * copied by a site that prints its own date over it, not a news item. Asked only of a page with no
   * dated item, as a function so that other pages never scan their paragraphs.
   */
  citesByNumber?: () => boolean;
  /**
   * A journal's volume and issue line stands over the text ("第二军医大学学报 2021, Vol. 42 Issue (8)",
   * "中国免疫学杂志 2016年12期"): the page is the journal's paper, whatever date its site prints over it.
   */
  issueLine?: boolean;
}

/** True when an item's opening paragraph reports a publication: it cites, or names a title or journal, or a publication verb. */
export function reportsPublication(item: Item, blocks: readonly Block[] | undefined, s: CompiledStructure, folded: Map<Block, string> = new Map()): boolean {
  const first = blocks?.[0];
  const lead = first ? foldedOf(first, folded) : foldWidth(item.text.split('\n', 1)[0]!);
  return s.citationMarker.test(lead) || s.publicationCues.test(lead);
}

// Where a sentence ends: a full stop, question or exclamation mark before a capital (not one right
// after a capital: "U.S. Food and Drug Administration"), or a Chinese sentence mark.
const sentenceEnd = /(?<![A-Z])[.!?](?=\s+["“]?[A-Z])|[。！？]/u;

/** The first sentence of a paragraph: a page with no dated item says in it what it reports (an overview may name an approval in passing later). */
function firstSentence(text: string): string {
  const end = sentenceEnd.exec(text);
  return end ? text.slice(0, end.index + 1) : text;
}

/** The sentence after a paragraph's first, or '' when it has one sentence. */
function secondSentence(text: string): string {
  const first = firstSentence(text);
  return first.length < text.length ? firstSentence(text.slice(first.length).trimStart()) : '';
}

/**
 * The page kind, by the first rule that fits (docs/design/genre.md, "Page kinds"):
 * 1. month digest — a month section holds an item, or the title declares a range of months;
 * 2. year roundup — two year sections, or one and a span of years in the title;
 * 3. overview — the title promises an explanation ("4种治疗方法", "有哪些"), whatever it dates;
 * 4. drug approval — the title or the first dated item (on a page with none, the first sentence, or
 *    the second after a first that names no regulator: {@link approvalToldNext})
 *    names an approval by a regulator (or one that names itself: "won an approval", "Japan Approves"), and not of a trial ("FDA Clears Stem Cell Clinical Trial")
 *    nor one denied or sought ("FDA Denies Approval"), nor a panel's vote or a recommendation ("CHMP recommends … approval"),
 *    nor a title's over a lead that names an IND or a clinical hold (the data's `leadTrialCues`);
 * 5. trial roundup — the title or a section's heading counts studies or new drugs ("5项临床试验",
 *    "受理的13项干细胞新药": a heading that does, over a first item telling an approval, vetoes rule 4's
 *    reading of that item), or two items report publications;
 * 6. news item — at most one publication, on a page with a page date or a byline, or one item;
 *    never a journal's paper (a volume and issue line over it);
 * 7. trial roundup — two or more dated items; a page without items is a news item when it has a
 *    page date or a byline, no outline, no journal's issue line and no paragraphs citing by number
 *    (a review or paper a site copied under its own date: "2014-01-22张某李某" over a text citing
 *    "[1]", or over "中国免疫学杂志 2016年12期"), else an overview.
 */
export function pageKind(evidence: KindEvidence, s: CompiledStructure): PageKind {
  const k = s.pageKinds;
  const title = evidence.title === null ? '' : foldWidth(evidence.title);
  const months = evidence.sections.filter((x) => x.kind === 'month' && x.items.length > 0);
  const years = evidence.sections.filter((x) => x.kind === 'year');
  if (months.length > 0 || evidence.titleDeclaresMonths) return 'month-digest';
  if (years.length >= 2 || (years.length === 1 && k.titleYearRange.test(title))) return 'year-roundup';
  if (k.overviewTitles.some((r) => r.test(title))) return 'overview';
  const items = evidence.sections.flatMap((x) => x.items);
  const folded = evidence.folded ?? new Map<Block, string>();
  const firstBlock = items[0] ? evidence.itemBlocks.get(items[0])?.[0] : undefined;
  const leadText = items.length === 0 && evidence.lead ? (evidence.leadRest ? `${foldedOf(evidence.lead, folded)} ${foldedOf(evidence.leadRest, folded)}` : foldedOf(evidence.lead, folded)) : '';
  const firstLead = firstBlock ? foldedOf(firstBlock, folded) : items[0] ? foldWidth(items[0].text) : firstSentence(leadText);
  // An approval of a trial (an IND cleared, "FDA approves first Phase 1 study") is no product's approval,
  // nor one denied or still sought ("FDA Denies Approval", "… until it obtains approval"), nor an advisory
  // body's vote or recommendation ("Panel Green Light", "voted to recommend approval": the regulator decides).
  // A regulator named, or an approval that names itself with none ("has won an approval", "Japan Approves …").
  // A wire brief in capitals ("NOVARTIS - HEALTH CANADA HAS APPROVED KYMRIAH …") is read by the same cues
  // without regard to case: its vetoes ("FDA REJECTS …") hold in capitals too.
  const approval = (text: string) => approvalBy(inCapitals(text) ? caselessCues(k) : k, text);
  // A headline's approval over a lead that names an IND or a clinical hold ("FDA Approves Embryonic Stem Cell-Based
  // Therapy" / "… has lifted a clinical hold on Geron's IND"): the headline shortens a trial cleared to start.
  const titleApproval = approval(title) && !k.leadTrialCues?.test(firstLead);
  // A heading that counts studies or new drugs ("02:2025年1-5月受理的13项干细胞新药") frames a page whose
  // first item tells an approval as a roundup of them: that approval is one of many, not the page's news.
  const firstApproval = years.length === 0 && !titleApproval && approval(firstLead);
  const countingHeading = firstApproval && evidence.sections.some((x) => !!x.heading && k.trialRoundupTitles.some((r) => r.test(foldWidth(x.heading!))));
  if (years.length === 0 && titleApproval) return 'drug-approval';
  if (firstApproval && !countingHeading) return 'drug-approval';
  if (years.length === 0 && leadText !== '' && !countingHeading && approvalToldNext(title, firstLead, leadText, k, approval)) return 'drug-approval';
  if (countingHeading || k.trialRoundupTitles.some((r) => r.test(title))) return 'trial-roundup';
  const publications = items.filter((item) => reportsPublication(item, evidence.itemBlocks.get(item), s, folded)).length;
  if (publications >= 2) return 'trial-roundup';
  const paper = evidence.issueLine === true;
  if (!paper && items.length > 0 && (items.length === 1 || evidence.pageDate !== null || evidence.byline)) return 'news-item';
  if (items.length >= 2) return 'trial-roundup';
  const outline = evidence.sections.some((x) => x.outlineLevel !== undefined);
  return (evidence.pageDate !== null || evidence.byline) && !paper && !outline && !evidence.citesByNumber?.() ? 'news-item' : 'overview';
}

type ApprovalCues = Pick<CompiledStructure['pageKinds'], 'approvalVerbs' | 'regulators' | 'approvalPhrases' | 'trialCues' | 'denialCues' | 'adviceCues'>;

/** A regulator's approval named, by a regulator or a phrase of its own, and no trial's, denial or advice (rule 4's cues). */
function approvalBy(k: ApprovalCues, text: string): boolean {
  return k.approvalVerbs.test(text) && (k.regulators.test(text) || k.approvalPhrases?.test(text) === true) && !k.trialCues?.test(text) && !k.denialCues?.test(text) && !k.adviceCues?.test(text);
}

/**
 * True when at least four in five of the ASCII letters of a text's first 480 characters are capitals and there
 * are 20 or more (a wire brief's "* NOVARTIS RECEIVES HEALTH CANADA APPROVAL …" under its "Novartis AG:"): a
 * headline's capitalised words stay below, their lower-case letters outnumbering the capitals.
 */
function inCapitals(text: string): boolean {
  const letters = text.slice(0, 480).replace(/[^A-Za-z]/g, '');
  const lower = letters.replace(/[A-Z]/g, '').length;
  return letters.length >= 20 && letters.length >= 5 * lower;
}

const caseless = new WeakMap<object, ApprovalCues>();

/** Rule 4's cues made case-insensitive, once a compiled structure, at a page in capitals' first ask. */
function caselessCues(k: ApprovalCues): ApprovalCues {
  let cues = caseless.get(k);
  if (!cues) {
    const fold = <R extends RegExp | null>(r: R) => (r && new RegExp(r.source, `${r.flags.replace('i', '')}i`)) as R;
    cues = { approvalVerbs: fold(k.approvalVerbs), regulators: fold(k.regulators), approvalPhrases: fold(k.approvalPhrases), trialCues: fold(k.trialCues), denialCues: fold(k.denialCues), adviceCues: fold(k.adviceCues) };
    caseless.set(k, cues);
  }
  return cues;
}

/**
 * True when a lead with no dated item opens on the story and tells the regulator's decision in its
 * second sentence ("Stem cell transplants … are out of reach for many patients. A new cell therapy …
 * now has European Commission approval"; "… won the first ever marketing approval for … . Health Canada
 * issued marketing authorization …"): read only where the page has no title or its title names an
 * approval with no regulator and nothing that vetoes one, and the first sentence names no regulator
 * (an overview's later sentence naming an approval in passing stays an overview).
 */
function approvalToldNext(title: string, firstLead: string, leadText: string, k: CompiledStructure['pageKinds'], approval: (text: string) => boolean): boolean {
  if (title !== '' && (!k.approvalVerbs.test(title) || k.regulators.test(title) || k.trialCues?.test(title) || k.denialCues?.test(title) || k.adviceCues?.test(title))) return false;
  return !k.regulators.test(firstLead) && approval(secondSentence(leadText));
}

/**
 * The months a page covers, by kind: a month digest's month sections that hold items (with none,
 * the months its title declares: "October 2009 Digest"), a year roundup's year sections (first
 * January to last December), a trial roundup's dated items; nothing for the other kinds. Never
 * from a body sentence, a range heading in the body or a cross-link.
 */
export function periodOf(kind: PageKind, sections: Section[], titleMonths: { year: number; from: number; to: number } | null = null): ArticleRecord['period'] {
  let months: string[] = [];
  if (kind === 'month-digest') {
    months = sections.filter((x) => x.kind === 'month' && x.items.length > 0).map((x) => x.month!);
    if (months.length === 0 && titleMonths) {
      const { year, from, to } = titleMonths;
      months = [`${year}-${String(from).padStart(2, '0')}`, `${year}-${String(to).padStart(2, '0')}`];
    }
  } else if (kind === 'year-roundup') {
    const years = sections.filter((x) => x.kind === 'year').map((x) => x.year!);
    if (years.length > 0) months = [`${Math.min(...years)}-01`, `${Math.max(...years)}-12`];
  } else if (kind === 'trial-roundup') months = sections.flatMap((x) => x.items.map((i) => i.date.slice(0, 7)));
  if (months.length === 0) return null;
  const sorted = [...months].sort();
  return { start: sorted[0]!, end: sorted[sorted.length - 1]! };
}
