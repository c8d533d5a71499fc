import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { referenceData } from '../../src/generated/reference-data.js';
import { mayHold, placedKeys, placedPatterns, referenceWords, wordKey, wordKeys, wordPattern, wordPatternNeeds } from '../../src/refs/data.js';
// (The source reader makes its placed patterns at load.)
import '../../src/refs/source.js';
import { sharedData } from '../accuracy/shared-data.js';

// A word pattern's pre-test (src/refs/data.ts `wordPattern`) may rule a text out only when the
// pattern cannot match in it: checked here letter by letter against V8's own case folding over
// every code point, then pattern by pattern on the labelled reference strings of the shared data
// (when present) and on generated strings that hold each word in every case, with "ſ" for "s"
// and "K" (Kelvin) for "k".

const needs = wordPatternNeeds();
const words = referenceWords();

/** Whether the pattern as written matches in `text` (from the start, or, sticky, at any index). */
function matches(pattern: RegExp, text: string): boolean {
  if (!pattern.sticky) {
    pattern.lastIndex = 0;
    return pattern.test(text);
  }
  for (let at = 0; at <= text.length; at++) {
    pattern.lastIndex = at;
    if (pattern.test(text)) return true;
  }
  return false;
}

/** What `wordPattern` answers on `text`, as the caller sees it: the match from index 0 (each index for a sticky one). */
function answer(pattern: RegExp, text: string): unknown[] {
  const out: unknown[] = [];
  for (let at = 0; at <= (pattern.sticky ? text.length : 0); at++) {
    pattern.lastIndex = at;
    const m = pattern.exec(text);
    out.push(m === null ? null : [m.index, ...m], pattern.lastIndex);
  }
  return out;
}

/** The strings each word stands in: as written, upper and title case, "ſ" for each "s", "K" for each "k", before and after other text. */
function generated(word: string): string[] {
  const forms = new Set([word, word.toUpperCase(), word.replace(/^./, (c) => c.toUpperCase()), word.replace(/s/g, 'ſ'), word.replace(/k/gi, '\u212a'), word.replace(/\.$/, ''), word.replace(/\. /g, '.')]);
  return [...forms].flatMap((w) => [w, `${w} 12`, `${w} J. Smith`, `1st ${w}`, `(${w})`, `, ${w}`, `Smith, ${w}`, `Text ${w}. 3`, `${w}, vol. 2`]);
}

// Every word of the data, each pattern's own among them.
const allWords = Object.values(referenceData).flatMap((v) => (Array.isArray(v) ? v.filter((w): w is string => typeof w === 'string') : typeof v === 'object' && v ? Object.keys(v) : []));
const generatedStrings = [...new Set(allWords.flatMap(generated))];

/** The labelled reference strings of the shared data, whole and cut into parts at ", ", "; " and ". ". */
function sharedStrings(): string[] {
  const { dir, missing } = sharedData();
  if (missing) return [];
  const out: string[] = [];
  for (const file of ['anystyle-core.jsonl', 'pmc-vancouver-dev.jsonl', 'gbt7714-examples.jsonl']) {
    for (const line of readFileSync(join(dir, 'references', file), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const raw = (JSON.parse(line) as { raw: string }).raw;
      out.push(raw, ...raw.split(/[,;.]\s/).map((p) => p.trim()));
    }
  }
  return [...new Set(out)];
}

describe('word patterns’ pre-tests', () => {
  it('are made for the word patterns whose every match holds one of their words', () => {
    expect(needs.map((n) => n.name).sort()).toEqual(['degreeAfter', 'dropNote', 'editedBy', 'edition', 'editorRole', 'etAl', 'issueLabel', 'month', 'pageLabel', 'report', 'series', 'statusNote', 'supplement', 'thesis', 'translatedBy', 'volumeLabel'].sort());
    for (const { keys } of needs) for (const key of keys) expect(key).toMatch(/^[^\s.]+$/u);
  });

  it('key every code point a key’s letter matches under iu as that letter', () => {
    // Every code point but the surrogates, each once, in one string.
    const all: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) if (cp < 0xd800 || cp > 0xdfff) all.push(String.fromCodePoint(cp));
    const text = all.join('');
    const letters = new Set([...needs, ...placedPatterns()].flatMap((n) => n.keys.flatMap((k) => [...k])));
    for (const letter of letters) {
      const alike = [...text.matchAll(new RegExp(letter.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'), 'giu'))].map((m) => m[0]);
      expect(alike.length).toBeGreaterThan(0);
      for (const x of alike) expect([letter, x, wordKey(x)]).toEqual([letter, x, letter]);
    }
  });

  it('rule out no text the pattern matches in, and wordPattern answers as the pattern: generated strings', () => {
    let ruledOut = 0;
    let folded = 0;
    for (const { name, keys } of needs) {
      const written = words[name];
      for (const text of generatedStrings) {
        const matched = matches(written, text);
        if (matched) {
          expect([name, text, mayHold(keys, text)]).toEqual([name, text, true]);
          if (/[ſ\u212a]/u.test(text)) folded++;
        } else if (!mayHold(keys, text)) ruledOut++;
        expect([name, text, answer(wordPattern(name, text), text)]).toEqual([name, text, answer(written, text)]);
      }
    }
    // (The strings test both sides: matches through "ſ" and "K", and texts ruled out.)
    expect(folded).toBeGreaterThan(20);
    expect(ruledOut).toBeGreaterThan(1000);
  });

  it('would be caught ruling out a match: a key without the "ſ" fold loses some', () => {
    const naive = (text: string) => text.toLowerCase().replace(/[\s.]+/g, '');
    const lost = needs.some(({ name, keys }) => generatedStrings.some((t) => matches(words[name], t) && !keys.some((k) => naive(t).includes(k))));
    expect(lost).toBe(true);
  });

  it('keep the shortest keys: one that holds another is left out', () => {
    expect(wordKeys(['Retrieved from', 'Retrieved', 'Ph.D. thesis', 'N.p', 'ab'])).toEqual(['np', 'ab', 'retrieved', 'phdthesis']);
    expect(wordKeys(['xab', 'ab.'])).toEqual(['ab']);
  });

  const shared = sharedStrings();
  it.skipIf(shared.length === 0)('rule out no text the pattern matches in: the shared data’s labelled reference strings and their parts', () => {
    let matched = 0;
    for (const { name, keys } of needs) {
      for (const text of shared) {
        if (!matches(words[name], text)) continue;
        matched++;
        expect([name, text, mayHold(keys, text)]).toEqual([name, text, true]);
      }
    }
    expect(matched).toBeGreaterThan(1000);
  });
});

// The placed patterns of the source reader's cascade (src/refs/data.ts `placedPattern`): a text
// whose key opens (or closes) with none of the words stated beside a pattern is not asked of it.
// Texts each pattern matches, written from the pattern (every branch of its anchored alternation,
// in other cases, with "ſ" for "s"): each must pass its pre-test, and each key must be needed by one.
const placedExamples: Record<string, string[]> = {
  inPrefix: ['In Proceedings of X', 'in: Smith J, ed. Book', 'En Actas del Congreso', 'Im Handbuch der Physik', 'Dans Revue', 'in the Handbook', 'In 2nd Symposium'],
  contributorsBefore: ['Dir. Roland Emmerich', 'dirs. A B', 'Perf. Dennis Quaid', 'prod. John Lee', 'Narr. Anne', 'ill. Quentin Blake', 'comp. Bach', 'by Richard Powers'],
  editorsBefore: ['Edited by J. Smith', 'edited and translated by A. B', 'ED. BY Smith', 'Eds. J. Smith', 'Eds D Armitage', 'Ed. John Smith', 'hrsg. von K. Müller', 'HRSG. VON K. Müller', 'Herausgegeben von Karl', 'Edſ. J. Smith'],
  editorsAfter: ['J. Smith (Eds.)', 'Smith J, ed.', 'Smith J, eds', 'Smith, editors', 'J Smith, Editor', 'K. Müller (Hrsg.)', 'A Bee (Hg.)', 'B Cee (coords.)', 'C Dee (dir.)', 'D Eff (orgs)', 'E Gee (éds.)', 'F Aitch (a cura di)', 'Smith, EDS.', 'Smith, edſ.', 'Smith, editorſ'],
  translatorsBefore: ['Translated by J. Smith', 'Trans. by A B', 'trans. A B', 'Transl. X Y', 'tr. X Y', 'Traduit par Jean', 'Traduction de Jean', 'Trad. fr. par Jean', 'Übers. von Karl', 'üBERS. VON Karl', 'Tranſ. A B'],
  translatorsAfter: ['Peter Collier (trans.)', 'P. C. (Transl.)', 'X Y (tr)', 'Smith (TR.)', 'Smith (tranſ.)', 'Smith (tranſl)'],
  numberedEdition: ['2 ed.', '3. edn.', '12 Edition', '1 ED'],
  partOfWork: ['Part II', 'Pt. 3', 'Teil 2', 'part 12', 'PT 4'],
  romanVolume: ['vol. ii', 'Volume IV', 'v xii', 'V. LX'],
  romanAlone: ['XLIII', 'LXV', 'IV', 'V', 'CX', 'I', 'X', 'L', 'C'],
  volumeOf: ['Vol. 4 of Gesammelte Dichtungen', 'Vols. 4 and 5 of Obras completas', 'volume 989 of Lecture Notes', 'Bd. 3 von Werke', 'Band 4 von Werke', 't. 2 de Oeuvres', 'Bd 3 von Werke', 'VOLUMES 3 of Collected Works'],
};

describe('placed patterns’ pre-tests', () => {
  const placed = placedPatterns();
  const pass = (place: 'start' | 'end', keys: readonly string[], text: string) => keys.some((k) => (place === 'start' ? wordKey(text).startsWith(k) : wordKey(text).endsWith(k)));

  it('are made for the cascade’s anchored shapes, each with its examples', () => {
    expect(placed.map((p) => p.name).sort()).toEqual(Object.keys(placedExamples).sort());
    for (const { keys } of placed) for (const key of keys) expect(key).toMatch(/^[^\s.]+$/u);
  });

  it('pass every example their pattern matches, and each key is needed by one', () => {
    for (const { name, place, keys, form } of placed) {
      for (const text of placedExamples[name]!) {
        expect([name, text, matches(form(text), text)]).toEqual([name, text, true]);
        expect([name, text, pass(place, keys, text)]).toEqual([name, text, true]);
      }
      // (A key left out loses an example: the examples test every word.)
      for (const key of keys) {
        const fewer = keys.filter((k) => k !== key);
        expect([name, key, placedExamples[name]!.every((t) => pass(place, fewer, t))]).toEqual([name, key, false]);
      }
    }
  });

  it('rule out no text the pattern matches in, and answer as the pattern: examples, generated and shared strings', () => {
    const examples = Object.values(placedExamples).flat();
    const texts = [...new Set([...examples, ...examples.flatMap(generated), ...generatedStrings, ...sharedStrings()])];
    let ruledOut = 0;
    let folded = 0;
    for (const { name, place, keys, form, guarded } of placed) {
      for (const text of texts) {
        const written = form(text);
        if (matches(written, text)) {
          expect([name, text, pass(place, keys, text)]).toEqual([name, text, true]);
          if (/[ſ\u212a]/u.test(text)) folded++;
        } else if (!pass(place, keys, text)) ruledOut++;
        expect([name, text, answer(guarded(text), text)]).toEqual([name, text, answer(written, text)]);
      }
    }
    expect(folded).toBeGreaterThan(10);
    expect(ruledOut).toBeGreaterThan(10000);
  });

  it('would be caught ruling out a match: a key without the "ſ" fold loses some', () => {
    const naive = (text: string) => text.toLowerCase().replace(/[\s.]+/g, '');
    const lost = placed.some(({ name, place, keys, form }) =>
      placedExamples[name]!.some((t) => matches(form(t), t) && !keys.some((k) => (place === 'start' ? naive(t).startsWith(k) : naive(t).endsWith(k)))),
    );
    expect(lost).toBe(true);
  });

  it('keep the shortest keys at their place: one that opens (closes) with another is left out', () => {
    expect(placedKeys('start', ['ed', 'Eds.', 'edited by', 'red'])).toEqual(['ed', 'red']);
    expect(placedKeys('end', ['ed', 'eds', 'red', 'Tr.)'])).toEqual(['ed', 'eds', 'tr)']);
  });
});
