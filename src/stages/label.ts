import type { Section } from '../generated/article.js';
import type { CompiledStructure } from '../core/data.js';
import type { Lexicon } from '../generated/lexicon.js';
import { characterTables, matchingView } from '../core/script.js';
import { defineStage } from '../core/stage.js';
import { conceptsIn } from './entities.js';

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const datePrefix = /^\s*(\d{4})\s*年\s*(?:(\d{1,2})\s*(?:月\s*)?(?:[-–—~至到]\s*(\d{1,2})\s*)?月)?/u;

/** A heading taken apart into parts whose English is known exactly. */
export interface HeadingParts {
  date: string | null;
  therapy: string | null;
  disease: { id: string; label: string } | null;
  phrase: string | null;
  /** How the phrase joins the therapy ("in", "of"). */
  preposition: string;
  /** True when nothing of the heading is left unexplained. */
  complete: boolean;
}

/**
 * Takes a heading apart: a date prefix ("2025年3月", "2025年1-12月", "2025年"), a therapy,
 * a disease from the lexicon and a phrase ("最新临床进展"), in any order, joined only by
 * connectors. What cannot be explained makes the result incomplete.
 */
export async function headingParts(heading: string, english: CompiledStructure['english'], lexicon: Lexicon): Promise<HeadingParts> {
  const { traditional } = await characterTables();
  let rest = matchingView(heading, traditional);
  const parts: HeadingParts = { date: null, therapy: null, disease: null, phrase: null, preposition: 'in', complete: false };
  const date = datePrefix.exec(rest);
  if (date) {
    const [, year, from, to] = date;
    parts.date = from && to ? `${months[Number(from) - 1]}–${months[Number(to) - 1]} ${year}` : from ? `${months[Number(from) - 1]} ${year}` : year!;
    if (from && (Number(from) < 1 || Number(from) > 12 || (to && (Number(to) < 1 || Number(to) > 12)))) return parts;
    rest = rest.slice(date[0].length);
  }
  const take = (list: CompiledStructure['english']['phrases']): { en: string; preposition: string } | null => {
    const found = list
      .flatMap((t) => t.zh.map((zh) => ({ zh: matchingView(zh, traditional), en: t.en, preposition: t.preposition ?? 'in' })))
      .filter((t) => rest.includes(t.zh))
      .sort((a, b) => b.zh.length - a.zh.length)[0];
    if (!found) return null;
    rest = rest.replace(found.zh, ' ');
    return found;
  };
  parts.therapy = take(english.therapies)?.en ?? null;
  const disease = (await conceptsIn(rest, lexicon)).find((c) => c.type === 'disease');
  if (disease) {
    parts.disease = { id: disease.id, label: disease.label };
    rest = `${rest.slice(0, disease.start)} ${rest.slice(disease.end)}`;
  }
  const phrase = take(english.phrases);
  parts.phrase = phrase?.en ?? null;
  parts.preposition = phrase?.preposition ?? 'in';
  for (const connector of english.connectors) rest = rest.split(connector).join('');
  parts.complete = rest.trim() === '' && parts.phrase !== null;
  return parts;
}

/** English for a heading whose parts are all known: "March 2025: latest clinical progress in stem cell therapy for ankylosing spondylitis". */
export function composeHeading(parts: HeadingParts): string | null {
  if (!parts.complete || !parts.phrase) return null;
  let text = parts.phrase;
  if (parts.therapy) text += ` ${parts.preposition} ${parts.therapy}`;
  if (parts.disease) text += ` for ${parts.disease.label}`;
  if (parts.date) return `${parts.date}: ${text}`;
  return text[0]!.toUpperCase() + text.slice(1);
}

const hasHan = /\p{Script=Han}/u;

const kindNames: Partial<Record<Section['kind'], string>> = { summary: 'Summary', outlook: 'Outlook', conclusion: 'Conclusion' };

/**
 * label: gives every record an English face where English can be given exactly — section
 * headings, the title and topic from heading parts known in data and the lexicon, journals
 * (already canonical), and each item's paper title from the reference it cites.
 */
export const label = defineStage({
  name: 'label',
  description: 'Give the record exact English: headings, title, topic, paper titles.',
  rules: { 'heading-untranslated': 'info' },
  defaults: {},
  async run(doc, { data, report }) {
    const english = data.structure.english;
    const diseases = new Map<string, { id: string; label: string; count: number }>();
    let therapy: string | null = null;
    for (const section of doc.sections) {
      if (section.heading === null) {
        section.headingEn = null;
        continue;
      }
      if (!hasHan.test(section.heading)) {
        // Already English (or another Latin-script language, left as written).
        section.headingEn = section.heading;
        continue;
      }
      const parts = await headingParts(section.heading, english, data.lexicon);
      const composed = composeHeading(parts);
      if (parts.disease) {
        const d = diseases.get(parts.disease.id) ?? { ...parts.disease, count: 0 };
        d.count++;
        diseases.set(d.id, d);
      }
      therapy ??= parts.therapy;
      if (composed) section.headingEn = composed;
      else if (section.kind === 'month' && section.month) {
        section.headingEn = `${months[Number(section.month.slice(5)) - 1]} ${section.month.slice(0, 4)}`;
      } else section.headingEn = kindNames[section.kind] ?? null;
      if (!composed && section.kind !== 'other') {
        report('heading-untranslated', `no exact English for "${section.heading}"; given as "${section.headingEn ?? '—'}"`, { offset: doc.lines.offset(section.position.start) });
      }
    }
    const top = [...diseases.values()].sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : 1))[0];
    doc.topic = top || therapy ? { disease: top ? { id: top.id, label: top.label } : null, therapy } : null;
    doc.titleEn = doc.title === null ? null : hasHan.test(doc.title) ? composeHeading(await headingParts(doc.title, english, data.lexicon)) : doc.title;
    const references = new Map(doc.references.map((r) => [r.id, r]));
    for (const section of doc.sections) {
      for (const item of section.items) {
        const title = item.citations.map((id) => references.get(id)?.csl.title).find((t): t is string => typeof t === 'string');
        item.paperTitleEn = title ?? null;
      }
    }
  },
});
