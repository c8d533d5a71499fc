import type { Facts, Item, Outcome } from '../generated/article.js';
import type { Lexicon } from '../generated/lexicon.js';
import { factsDefaults } from '../generated/stage-defaults.js';
import type { CompiledFacts, PipelineData } from '../core/data.js';
import type { ConceptSpan } from '../core/lexicon.js';
import { viewOf } from '../core/script.js';
import { defineStage } from '../core/stage.js';
import { countOf as plural } from '../core/text.js';


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
  const inSpan = concepts.filter((c) => c.start >= offset && c.end <= offset + span.length);
  // The last country named is the most specific (a region after its country); one inside an
  // institution's name counts too.
  const named = inSpan.filter((c) => c.type === 'country');
  const country = named[named.length - 1]?.label ?? countries.find((c) => c.zh.some((zh) => span.includes(zh)))?.label ?? null;
  const trimmed = span.replace(f.institutionPrefix, '').trim();
  let institution: Facts['institution'] = null;
  if (f.institutionSuffix.test(trimmed) && trimmed.length <= 40) {
    const org = inSpan.find((c) => c.type === 'organization');
    institution = { text: trimmed, label: org?.label ?? null };
  }
  return { institution, country };
}

/** Splits a text into clauses at Chinese punctuation and at commas that are not thousands separators. */
function clauses(text: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const ch = text[i];
    const cut = i === text.length || ch === '，' || ch === '；' || ch === ';' || ch === '。' || ch === '\n' || (ch === ',' && !(/\d/.test(text[i - 1] ?? '') && /\d{3}/.test(text.slice(i + 1, i + 4))));
    if (cut) {
      if (i > start) out.push({ text: text.slice(start, i), start });
      start = i + 1;
    }
  }
  return out;
}

/**
 * Quantitative outcomes of an item: percentages and changes attached to the measure named in
 * the clause (or carried over from the clause before, as in "第4周…77.4%, 第12周为54.8%"),
 * with the clause's timepoint, the sentence's population ("31例…患者") and comparator.
 */
function outcomesOf(original: string, text: string, concepts: ConceptSpan[], f: CompiledFacts): Outcome[] {
  // Patterns run on the matching view (simplified, half-width); what is reported is sliced from the original.
  const out: Outcome[] = [];
  const counted = (id: string) => Object.hasOwn(f.counted, id);
  let carried: ConceptSpan | null = null;
  let sentenceStart = 0;
  for (const sentence of text.split(/(?<=[。；;\n])/u)) {
    const population = f.population.exec(sentence)?.groups?.n;
    const compared = f.comparator.exec(sentence);
    const group = compared?.groups?.group;
    const comparator = compared && group ? original.substr(sentenceStart + compared.index + compared[0].length - group.length, group.length) : null;
    for (const clause of clauses(sentence)) {
      // Outcomes are stated in short clauses; a run-on "clause" of thousands of characters is skipped.
      if (clause.text.length > 500) continue;
      const at = sentenceStart + clause.start;
      const measures = concepts.filter((c) => c.type === 'measure' && c.start >= at && c.end <= at + clause.text.length && !counted(c.id));
      const measure = measures[measures.length - 1] ?? carried;
      const timepoint = timepointIn(clause.text, f);
      const base = { timepoint, comparator, population: population ? plural(Number(population), 'patient') : null };
      const delta = f.change.exec(clause.text)?.groups;
      const said = original.substr(at, clause.text.length).trim();
      if (delta && measure) {
        out.push({ measure: measure.label, measureId: measure.id, value: Number(delta.to), unit: null, ...base, baseline: Number(delta.from), approximate: Boolean(delta.approxFrom || delta.approxTo), text: said });
      } else if (measure) {
        for (const p of clause.text.matchAll(f.percent)) {
          out.push({ measure: measure.label, measureId: measure.id, value: Number(p.groups!.value), unit: '%', ...base, baseline: null, approximate: Boolean(p.groups!.approx), text: said });
        }
      }
      for (const c of clause.text.matchAll(f.count)) {
        const what = concepts.find((x) => x.start >= at + c.index && x.start <= at + c.index + c[0].length && counted(x.id));
        if (what) {
          const { measure: name, unit } = f.counted[what.id]!;
          out.push({ measure: name, measureId: what.id, value: numberOf(c.groups!.value!, f), unit, timepoint: null, comparator: null, population: null, baseline: null, approximate: false, text: said });
        }
      }
      if (measures.length) carried = measures[measures.length - 1]!;
    }
    carried = null;
    sentenceStart += sentence.length;
  }
  return out;
}

/** What the caller of {@link itemFacts} may have already: the item's concepts and matching view, the lexicon's countries. */
export interface ItemReadings {
  /** The lexicon's concepts in the item's text (conceptsIn), from the document's scans. */
  concepts?: ConceptSpan[];
  /** The item's matching view (its blocks' views joined by line feeds, as its text is). */
  view?: string;
  countries?: Lexicon['concepts'];
}

/** The lexicon's countries (what an item's institution may name without the lexicon matching it). */
function countriesOf(lexicon: Lexicon): Lexicon['concepts'] {
  return lexicon.concepts.filter((c) => c.type === 'country');
}

/** Facts of one item (exported for tests and reuse); `readings`: what the caller has of it already. */
export function itemFacts(item: Pick<Item, 'text'>, data: Pick<PipelineData, 'concepts' | 'facts' | 'lexicon'>, readings: ItemReadings = {}): Facts {
  const concepts = readings.concepts ?? data.concepts.conceptsIn(item.text);
  const view = readings.view ?? data.concepts.view(item.text);
  const lead = view.split('\n', 1)[0]!;
  const countries = readings.countries ?? countriesOf(data.lexicon);
  const who = whoAndWhere(lead, concepts.filter((c) => c.end <= lead.length), countries, data.facts);
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
    const countries = countriesOf(data.lexicon);
    for (const section of doc.sections) {
      for (const item of section.items) {
        // The item's text is its blocks joined by line feeds: their scans give its concepts, their views its view.
        const blocks = doc.itemBlocks.get(item);
        item.facts = itemFacts(item, data, blocks ? { concepts: data.concepts.conceptsInBlocks(blocks, doc), view: blocks.map((b) => viewOf(b, doc.views)).join('\n'), countries } : { countries });
      }
    }
  },
});
