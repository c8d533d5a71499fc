import type { Facts, Item, Outcome } from '../generated/article.js';
import type { Lexicon } from '../generated/lexicon.js';
import { characterTables, matchingView } from '../core/script.js';
import { defineStage } from '../core/stage.js';
import { conceptsIn } from './entities.js';

const chineseNumbers: Record<string, number> = { 一: 1, 二: 2, 两: 2, 兩: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 十二: 12 };
const number = (text: string): number => (/^\d/.test(text) ? Number(text.replace(/,/g, '')) : (chineseNumbers[text] ?? Number.NaN));
const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** A timepoint stated in a clause: "第4周" → week 4, "治疗1年时" → 1 year, "五年后" → 5 years. */
export function timepointIn(clause: string): string | null {
  const week = /第\s*(\d+)\s*[周週]/u.exec(clause);
  if (week) return `week ${Number(week[1])}`;
  const span = /(\d+|十二|[一二两兩三四五六七八九十])\s*(年|个月|個月|月|周|週|天)(?:时|時|后|後|内|內|随访|隨訪)?/u.exec(clause);
  if (!span) return null;
  const n = number(span[1]!);
  const unit = span[2]!.startsWith('年') ? 'year' : /月/.test(span[2]!) ? 'month' : /[周週]/.test(span[2]!) ? 'week' : 'day';
  return Number.isFinite(n) ? plural(n, unit) : null;
}

const institutionSuffix = /(?:大学|大學|医院|醫院|研究所|研究院|研究中心|科学院|科學院|实验室|實驗室|学院|學院|中心|公司|集团|集團)/u;
const actorCue = /(?:牵头|牽頭|联合|聯合|团队|團隊|科研人员|科研人員|研究人员|研究人員|在|于|於|发表|發表)/u;

interface Located {
  start: number;
  end: number;
  id: string;
  type: string;
  label: string;
}

/**
 * The institution and country of an item: the words between its date and the first actor
 * cue ("重庆医科大学附属第一医院牵头", "意大利科研人员在", "伊朗德黑兰医科大学在").
 */
function whoAndWhere(lead: string, concepts: Located[], countries: Lexicon['concepts']): Pick<Facts, 'institution' | 'country'> {
  const afterDate = lead.replace(/^[^,，:：]{1,20}[,，:：]\s*/u, '');
  const offset = lead.length - afterDate.length;
  const cue = actorCue.exec(afterDate);
  const span = cue ? afterDate.slice(0, cue.index) : '';
  const inSpan = concepts.filter((c) => c.start >= offset && c.end <= offset + span.length);
  // The last country named is the most specific ("我国台湾" → Taiwan); one inside an
  // institution's name counts too ("莫斯科…医科大学" → Russia).
  const named = inSpan.filter((c) => c.type === 'country');
  const country = named[named.length - 1]?.label ?? countries.find((c) => c.zh.some((zh) => span.includes(zh)))?.label ?? null;
  const trimmed = span.replace(/^(?:国际|國際|行业|行業|我国|我國|由)/u, '').trim();
  let institution: Facts['institution'] = null;
  if (institutionSuffix.test(trimmed) && trimmed.length <= 40) {
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

const percent = /(~|约|約|≈|近)?\s*(\d+(?:\.\d+)?)\s*[%％]/gu;
const countPattern = /(\d[\d,]*)\s*(个|個|项|項|名|例|篇)\s*([^\d\s，,。;；]{0,12})/gu;
const change = /(?:从|從)\s*(~|约|約|≈)?\s*(\d+(?:\.\d+)?)\s*(?:降至|降到|下降至|下降到|升至|升到|提高到|提高至|增至|增加到)\s*(~|约|約|≈)?\s*(\d+(?:\.\d+)?)/u;

/**
 * Quantitative outcomes of an item: percentages and changes attached to the measure named in
 * the clause (or carried over from the clause before, as in "第4周…77.4%, 第12周为54.8%"),
 * with the clause's timepoint, the sentence's population ("31例…患者") and comparator.
 */
function outcomesOf(original: string, text: string, concepts: Located[]): Outcome[] {
  // Patterns run on the matching view (simplified, half-width); what is reported is sliced from the original.
  const out: Outcome[] = [];
  let carried: Located | null = null;
  let sentenceStart = 0;
  for (const sentence of text.split(/(?<=[。；;\n])/u)) {
    const population = /(\d+)\s*例([^，,。]{0,20}?)(?:患者|受试者|病例)/u.exec(sentence);
    const compared = /(?:高于|优于|低于|较|对比|相比)\s*([^，,。；;]{1,12}?组)/u.exec(sentence);
    const comparator = compared ? original.substr(sentenceStart + compared.index + compared[0].length - compared[1]!.length, compared[1]!.length) : null;
    for (const clause of clauses(sentence)) {
      // Outcomes are stated in short clauses; a run-on "clause" of thousands of characters is skipped.
      if (clause.text.length > 500) continue;
      const at = sentenceStart + clause.start;
      const measures = concepts.filter((c) => c.type === 'measure' && c.start >= at && c.end <= at + clause.text.length && c.id !== 'measure:rct' && c.id !== 'measure:participants');
      const measure = measures[measures.length - 1] ?? carried;
      const timepoint = timepointIn(clause.text);
      const base = { timepoint, comparator, population: population ? plural(Number(population[1]), 'patient') : null };
      const delta = change.exec(clause.text);
      const said = original.substr(at, clause.text.length).trim();
      if (delta && measure) {
        out.push({ measure: measure.label, measureId: measure.id, value: Number(delta[4]), unit: null, ...base, baseline: Number(delta[2]), approximate: Boolean(delta[1] || delta[3]), text: said });
      } else if (measure) {
        for (const p of clause.text.matchAll(percent)) {
          out.push({ measure: measure.label, measureId: measure.id, value: Number(p[2]), unit: '%', ...base, baseline: null, approximate: Boolean(p[1]), text: said });
        }
      }
      for (const c of clause.text.matchAll(countPattern)) {
        const what = concepts.find((x) => x.start >= at + c.index && x.start <= at + c.index + c[0].length && (x.id === 'measure:rct' || x.id === 'measure:participants'));
        if (what) out.push({ measure: what.id === 'measure:rct' ? 'randomized controlled trials' : 'participants', measureId: what.id, value: number(c[1]!), unit: what.id === 'measure:rct' ? 'trials' : 'participants', timepoint: null, comparator: null, population: null, baseline: null, approximate: false, text: said });
      }
      if (measures.length) carried = measures[measures.length - 1]!;
    }
    carried = null;
    sentenceStart += sentence.length;
  }
  return out;
}

/** Facts of one item (exported for tests and reuse). */
export async function itemFacts(item: Pick<Item, 'text'>, lexicon: Lexicon): Promise<Facts> {
  const { traditional } = await characterTables();
  const view = matchingView(item.text, traditional);
  // conceptsIn folds its input itself; given the original text it reuses the entity stage's results.
  const concepts = await conceptsIn(item.text, lexicon);
  const lead = view.split('\n', 1)[0]!;
  const countries = lexicon.concepts.filter((c) => c.type === 'country');
  const who = whoAndWhere(lead, concepts.filter((c) => c.end <= lead.length), countries);
  // The institution is reported as written, not in the matching view.
  if (who.institution) who.institution.text = item.text.substr(lead.indexOf(who.institution.text), who.institution.text.length);
  return { ...who, outcomes: outcomesOf(item.text, view, concepts) };
}

/**
 * facts: for every dated item, the institution and country that did the work and the
 * quantitative outcomes it reports, each with measure, value, unit, timepoint, comparator
 * and population where the text states them.
 */
export const facts = defineStage({
  name: 'facts',
  description: 'Extract per-item facts: institution, country, quantitative outcomes.',
  rules: {},
  defaults: {},
  async run(doc, { data }) {
    for (const section of doc.sections) {
      for (const item of section.items) item.facts = await itemFacts(item, data.lexicon);
    }
  },
});
