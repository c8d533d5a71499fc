import type { Facts, Item, Outcome } from '../generated/article.js';
import type { Lexicon } from '../generated/lexicon.js';
import { factsDefaults } from '../generated/stage-defaults.js';
import type { CompiledFacts, PipelineData } from '../core/data.js';
import type { ConceptSpan } from '../core/lexicon.js';
import { viewOf } from '../core/script.js';
import { defineStage } from '../core/stage.js';
import { joinedOf, matchesOf, countOf as plural } from '../core/text.js';


/** A number written in digits (thousands separators allowed) or as a number word of the data. */
function numberOf(text: string, f: CompiledFacts): number {
  return /^\d/.test(text) ? Number(text.replace(/,/g, '')) : (f.numbers[text] ?? Number.NaN);
}

/** A timepoint stated in a clause: "第4周" → week 4, "治疗1年时" → 1 year, "五年后" → 5 years (patterns and words: facts.json). */
export function timepointIn(clause: string, f: CompiledFacts): string | null {
  const week = f.week.exec(clause);
  if (week?.groups?.n) return `week ${Number(week.groups.n)}`;
  const span = f.span.exec(clause);
  if (!span?.groups?.n || !span.groups.unit) return null;
  const n = numberOf(span.groups.n, f);
  const unit = f.units.get(span.groups.unit);
  return unit && Number.isFinite(n) ? plural(n, unit) : null;
}

/**
 * The institution and country of an item: the words between its date and the first actor
 * cue ("…医院牵头", "…科研人员在"), the cue words and institution suffixes from facts.json.
 */
function whoAndWhere(lead: string, concepts: ConceptSpan[], countries: Lexicon['concepts'], f: CompiledFacts): Pick<Facts, 'institution' | 'country'> {
  const afterDate = lead.replace(/^[^,，:：]{1,20}[,，:：]\s*/u, '');
  const offset = lead.length - afterDate.length;
  const cue = f.actorCue.exec(afterDate);
  const span = cue ? afterDate.slice(0, cue.index) : '';
  // Loops, not callbacks over the span: closures made per item, which V8 optimised again after
  // every full collection (BENCHMARKS.md, changes 59 and 64). The last country named is the most
  // specific (a region after its country); one inside an institution's name counts too.
  let named: string | null = null;
  let org: ConceptSpan | undefined;
  for (let k = 0; k < concepts.length; k++) {
    const c = concepts[k]!;
    if (c.start < offset || c.end > offset + span.length) continue;
    if (c.type === 'country') named = c.label;
    else if (c.type === 'organization') org ??= c;
  }
  const country = named ?? countryNamedIn(span, countries);
  const trimmed = span.replace(f.institutionPrefix, '').trim();
  let institution: Facts['institution'] = null;
  if (f.institutionSuffix.test(trimmed) && trimmed.length <= 40) institution = { text: trimmed, label: org?.label ?? null };
  return { institution, country };
}

/** The label of the first of `countries` whose Chinese names `span` holds one of, or null. */
function countryNamedIn(span: string, countries: Lexicon['concepts']): string | null {
  for (let k = 0; k < countries.length; k++) {
    const zh = countries[k]!.zh;
    for (let z = 0; z < zh.length; z++) if (span.includes(zh[z]!)) return countries[k]!.label;
  }
  return null;
}

const COMMA = 0x2c;
const isDigit = (unit: number) => unit >= 0x30 && unit <= 0x39;

/**
 * True when the comma at `i` of `text` separates thousands: a digit before it and three after
 * ("12,500"). Every operation here runs for every comma asked about, not a test reached only
 * when the tests before it held: one first reached after V8 optimised `clauses` (a comma after a
 * digit, then one before two digits …) threw the code away for want of type feedback, and with
 * it the facts stage's `outcomesOf`, into which `clauses` is inlined, compiled again whole
 * (issue 17: BENCHMARKS.md, "a test first reached late").
 */
export function separatesThousands(text: string, i: number): boolean {
  let digits = 0;
  // The comma itself, read with its neighbours, is no digit: four digits are the four around it.
  for (let k = Math.max(0, i - 1), end = Math.min(text.length, i + 4); k < end; k++) digits += isDigit(text.charCodeAt(k)) ? 1 : 0;
  return digits === 4;
}

/**
 * Splits a text into clauses at Chinese punctuation and at commas that are not thousands
 * separators. Reads code units: a one-character string per Chinese character was most of what
 * the facts stage allocated. Exported for tests.
 */
export function clauses(text: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  let start = 0;
  // No unit is read outside the text: V8's optimised code for a `charCodeAt` past the end is
  // thrown away (a deoptimisation), and with it the facts stage's `outcomesOf`, into which this
  // function is inlined, compiled again whole (issue 17: BENCHMARKS.md, change 156).
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const cut = unit === 0xff0c /* ， */ || unit === 0xff1b /* ； */ || unit === 0x3b /* ; */ || unit === 0x3002 /* 。 */ || unit === 0x0a || (unit === COMMA && !separatesThousands(text, i));
    if (cut) {
      if (i > start) out.push({ text: text.slice(start, i), start });
      start = i + 1;
    }
  }
  if (text.length > start) out.push({ text: text.slice(start), start });
  return out;
}

/** The last concept of `spans` inside [from, to) (the clause's measure): `spans.filter(…).at(-1)`. */
function lastWithin(spans: readonly ConceptSpan[], from: number, to: number): ConceptSpan | undefined {
  // The last one found by a loop, not the list `spans.filter(…)` with its callback, asked a clause.
  for (let k = spans.length - 1; k >= 0; k--) if (spans[k]!.start >= from && spans[k]!.end <= to) return spans[k];
  return undefined;
}

/** Whether a span of `spans` starts in [from, to] (both ends included): `spans.some((c) => c.start >= from && c.start <= to)`. */
function startsWithin(spans: readonly ConceptSpan[], from: number, to: number): boolean {
  for (let k = 0; k < spans.length; k++) if (spans[k]!.start >= from && spans[k]!.start <= to) return true;
  return false;
}

/**
 * `text.split(/(?<=[。；;\n])/u)`: the text cut after every 。 ； ; and line feed but its last
 * character, so each piece keeps its end mark and none is empty (an empty text gives [""]). Read
 * by code unit: the split with a lookbehind pattern was the facts stage's second-hottest line
 * (issue 17). tests/stages/facts.test.ts holds the two to the same pieces on seeded random texts.
 */
export function sentencesOf(text: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (let i = 0; i < text.length - 1; i++) {
    const unit = text.charCodeAt(i);
    if (unit === 0x3002 /* 。 */ || unit === 0xff1b /* ； */ || unit === 0x3b /* ; */ || unit === 0x0a) {
      out.push(text.slice(from, i + 1));
      from = i + 1;
    }
  }
  out.push(from === 0 ? text : text.slice(from));
  return out;
}

/**
 * Quantitative outcomes of an item: percentages and changes attached to the measure named in
 * the clause (or carried over from the clause before, as in "第4周…77.4%, 第12周为54.8%"),
 * with the clause's timepoint, the sentence's population ("31例…患者") and comparator.
 *
 * Only a clause with a measure (its own or carried) or a counted concept can state an outcome,
 * so the patterns run only on those, and the timepoint, population and comparator only for an
 * outcome found (issue 17: every pattern ran on every clause of every item).
 */
function outcomesOf(original: string, text: string, concepts: ConceptSpan[], f: CompiledFacts): Outcome[] {
  // Patterns run on the matching view (simplified, half-width); what is reported is sliced from the original.
  const out: Outcome[] = [];
  // The measures outcomes attach to, and the concepts counts are read for (one look at each concept).
  const measureSpans: ConceptSpan[] = [];
  const countedSpans: ConceptSpan[] = [];
  // Indexed loops and a function at module scope below: in baseline code a `for … of` allocates
  // an iterator result a step, and a callback closing over a sentence's bounds a closure and its
  // context a sentence and a clause (BENCHMARKS.md, "loops without iterators").
  for (let k = 0; k < concepts.length; k++) {
    const c = concepts[k]!;
    if (f.countedIds.has(c.id)) countedSpans.push(c);
    else if (c.type === 'measure') measureSpans.push(c);
  }
  if (measureSpans.length === 0 && countedSpans.length === 0) return out;
  let carried: ConceptSpan | null = null;
  let sentenceStart = 0;
  const sentences = sentencesOf(text);
  for (let s = 0; s < sentences.length; s++) {
    const sentence = sentences[s]!;
    // A sentence with no measure and no counted concept states no outcome (carried measures stop at its end).
    const sentenceEnd = sentenceStart + sentence.length;
    if (!startsWithin(measureSpans, sentenceStart, sentenceEnd) && !startsWithin(countedSpans, sentenceStart, sentenceEnd)) {
      sentenceStart = sentenceEnd;
      continue;
    }
    // What the sentence says of everyone in it, read once, when an outcome needs it.
    let sentenceParts: { population: string | null; comparator: string | null } | null = null;
    const partsOf = (start: number) => {
      if (sentenceParts === null) {
        const compared = f.comparator.exec(sentence);
        const group = compared?.groups?.group;
        const population = f.population.exec(sentence)?.groups?.n;
        sentenceParts = {
          population: population ? plural(Number(population), 'patient') : null,
          comparator: compared && group ? original.substr(start + compared.index + compared[0].length - group.length, group.length) : null,
        };
      }
      return sentenceParts;
    };
    const cut = clauses(sentence);
    for (let k = 0; k < cut.length; k++) {
      const clause = cut[k]!;
      // Outcomes are stated in short clauses; a run-on "clause" of thousands of characters is skipped.
      if (clause.text.length > 500) continue;
      const at = sentenceStart + clause.start;
      const end = at + clause.text.length;
      const last = lastWithin(measureSpans, at, end);
      const measure = last ?? carried;
      // A count is read only where a counted concept starts (the count pattern's match holds it).
      const counts = startsWithin(countedSpans, at, end);
      if (measure || counts) {
        const said = original.substr(at, clause.text.length).trim();
        if (measure) {
          const delta = f.change.exec(clause.text)?.groups;
          const percents = delta ? [] : matchesOf(clause.text, f.percent);
          if (delta || percents.length > 0) {
            const { population, comparator } = partsOf(sentenceStart);
            const base = { timepoint: timepointIn(clause.text, f), comparator, population };
            if (delta) {
              out.push({ measure: measure.label, measureId: measure.id, value: Number(delta.to), unit: null, ...base, baseline: Number(delta.from), approximate: Boolean(delta.approxFrom || delta.approxTo), text: said });
            }
            for (let i = 0; i < percents.length; i++) {
              const p = percents[i]!;
              out.push({ measure: measure.label, measureId: measure.id, value: Number(p.groups!.value), unit: '%', ...base, baseline: null, approximate: Boolean(p.groups!.approx), text: said });
            }
          }
        }
        if (counts) {
          for (const c of matchesOf(clause.text, f.count)) {
            const what = countedSpans.find((x) => x.start >= at + c.index && x.start <= at + c.index + c[0].length);
            if (what) {
              const { measure: name, unit } = f.counted[what.id]!;
              out.push({ measure: name, measureId: what.id, value: numberOf(c.groups!.value!, f), unit, timepoint: null, comparator: null, population: null, baseline: null, approximate: false, text: said });
            }
          }
        }
      }
      if (last) carried = last;
    }
    carried = null;
    sentenceStart += sentence.length;
  }
  return out;
}

/** What the caller of {@link itemFacts} may have already: the item's concepts and matching view. */
export interface ItemReadings {
  /** The lexicon's concepts in the item's text (conceptsIn), from the document's scans. */
  concepts?: ConceptSpan[];
  /** The item's matching view (its blocks' views joined by line feeds, as its text is). */
  view?: string;
}

/** The concepts that end by `end` (a loop: a callback over it was a closure made per item). */
function endingBy(concepts: readonly ConceptSpan[], end: number): ConceptSpan[] {
  const out: ConceptSpan[] = [];
  for (let k = 0; k < concepts.length; k++) if (concepts[k]!.end <= end) out.push(concepts[k]!);
  return out;
}

/** Facts of one item (exported for tests and reuse); `readings`: what the caller has of it already. */
export function itemFacts(item: Pick<Item, 'text'>, data: Pick<PipelineData, 'concepts' | 'facts'>, readings: ItemReadings = {}): Facts {
  const concepts = readings.concepts ?? data.concepts.conceptsIn(item.text);
  const view = readings.view ?? data.concepts.view(item.text);
  const lead = view.split('\n', 1)[0]!;
  // The lexicon's countries, filtered once a lexicon by its matcher (not once an article here).
  const who = whoAndWhere(lead, endingBy(concepts, lead.length), data.concepts.countries, data.facts);
  // The institution is reported as written, not in the matching view.
  if (who.institution) who.institution.text = item.text.substr(lead.indexOf(who.institution.text), who.institution.text.length);
  return { ...who, outcomes: outcomesOf(item.text, view, concepts, data.facts) };
}

/**
 * facts: for every dated item, the institution and country that did the work and the
 * quantitative outcomes it reports, each with measure, value, unit, timepoint, comparator
 * and population where the text states them.
 */
export const facts = defineStage({
  name: 'facts',
  description: 'Extract per-item facts: institution, country, quantitative outcomes.',
  needs: ['items', 'itemBlocks'],
  provides: ['facts'],
  rules: {},
  defaults: factsDefaults,
  run(doc, { data }) {
    for (const section of doc.sections) {
      for (const item of section.items) {
        // The item's text is its blocks joined by line feeds: their scans give its concepts, their views its view.
        const blocks = doc.itemBlocks.get(item);
        item.facts = itemFacts(item, data, blocks ? { concepts: data.concepts.conceptsInBlocks(blocks, doc), view: joinedOf(blocks, doc.views, viewOf) } : {});
      }
    }
  },
});
