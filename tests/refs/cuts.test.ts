import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cuts, inWordStarts, type Cut } from '../../src/refs/general.js';
import { isLatin1 } from '../../src/refs/latin1.js';
import { commaPieceEnds, splitTopLevel } from '../../src/refs/text.js';
import { sentenceEnds } from '../../src/refs/vancouver.js';

/**
 * The title's possible ends are read for every reference; issue 17 found them with less work (the
 * commas without a trimmed copy of each piece, the brackets and "In" without a search at every
 * offset). Each cheaper path must give exactly what the definition before it gave, on any string.
 */

// The patterns as cuts() searched with them before (as written: their Latin-1 forms match the same, tests/refs/latin1.test.ts).
const joinedJournal = /(?<=\p{Ll})\s(?=(?:\p{Lu}\p{L}*\.?\s){0,3}\p{Lu}\p{L}*\.,\s\d{1,4}\s\((?:1[5-9]|20)\d{2}\))/gu;
const partNumber = /\.\s[IVX]{1,4}\.\s(?=\p{Lu})/gu;
const letterEnd = /\.(?<=(?:\p{Ll}{3,}|\d)\s(?:\p{Lu}|[IVX]{2,4})\.)\s(?=\p{Lu})/gu;
const inWord = /[,.]\s(?=(?:In|in)[:\s]\s?[\p{Lu}\d])|\s(?=In:\s)/gu;

// The comma pieces' ends as cuts() read them before: split at ", ", each piece trimmed.
const plainCommaEnds = (body: string) =>
  splitTopLevel(body, (i) => (body[i] === ',' && body[i + 1] === ' ' ? 1 : 0))
    .map((span) => span.end)
    .filter((end) => end < body.length);

const plainInWord = (body: string) => {
  const out: number[] = [];
  inWord.lastIndex = 0;
  for (let m = inWord.exec(body); m; m = inWord.exec(body)) out.push(m.index);
  return out;
};

/** cuts() as written before issue 17's change (general.ts at 38732ac). */
function plainCuts(body: string): Cut[] {
  const found: { at: number; titleEnd: number; sourceStart: number; sentence?: boolean; comma?: boolean }[] = [];
  for (const e of sentenceEnds(body)) found.push({ at: e, titleEnd: e - 1, sourceStart: e, sentence: true });
  for (const span of splitTopLevel(body, (i) => (body[i] === ',' && body[i + 1] === ' ' ? 1 : 0))) {
    if (span.end < body.length) found.push({ at: span.end, titleEnd: span.end - 1, sourceStart: span.end + 1, comma: true });
  }
  const opens = /\s(?=[([])/gu;
  for (let m = opens.exec(body); m; m = opens.exec(body)) {
    const close = body[m.index + 1] === '(' ? ')' : ']';
    const end = body.indexOf(close, m.index + 2);
    if (end !== -1 && end - m.index <= 200 && /^(?:[.,;:]|\s?$|\s[([])/.test(body.slice(end + 1, end + 3))) found.push({ at: m.index, titleEnd: m.index - 1, sourceStart: m.index + 1 });
  }
  const emphasisEnd = /[.?!](?:\*{1,2}|\||<\/[a-z]{1,8}>)(?=\s)/g;
  for (let m = emphasisEnd.exec(body); m; m = emphasisEnd.exec(body)) found.push({ at: m.index + 1, titleEnd: m.index + m[0].length - 1, sourceStart: m.index + m[0].length, sentence: true });
  joinedJournal.lastIndex = 0;
  for (let m = body.includes('.,') ? joinedJournal.exec(body) : null; m; m = joinedJournal.exec(body)) found.push({ at: m.index, titleEnd: m.index - 1, sourceStart: m.index + 1, sentence: true });
  partNumber.lastIndex = 0;
  for (let m = partNumber.exec(body); m; m = partNumber.exec(body)) found.push({ at: m.index + m[0].length - 1, titleEnd: m.index + m[0].length - 2, sourceStart: m.index + m[0].length - 1, sentence: true });
  letterEnd.lastIndex = 0;
  for (let m = letterEnd.exec(body); m; m = letterEnd.exec(body)) found.push({ at: m.index + 1, titleEnd: m.index, sourceStart: m.index + 2, sentence: true });
  inWord.lastIndex = 0;
  for (let m = inWord.exec(body); m; m = inWord.exec(body)) found.push({ at: m.index, titleEnd: m.index - 1, sourceStart: m.index + (body[m.index] === ',' || body[m.index] === '.' ? 1 : 0) });
  found.sort((a, b) => a.at - b.at || a.sourceStart - b.sourceStart || (a.sentence ? -1 : 1));
  // (One cut a source start: the first found there, a sentence end if any found there is one.)
  const out: Cut[] = [];
  for (const f of found) {
    if (f.titleEnd <= 1 || f.sourceStart >= body.length) continue;
    const known = out.find((c) => c.sourceStart === f.sourceStart);
    if (known) known.sentence = known.sentence || f.sentence === true;
    else out.push({ titleEnd: f.titleEnd, sourceStart: f.sourceStart, sentence: f.sentence === true, comma: f.comma === true });
  }
  return out.slice(0, 48);
}

// Strings made of what the title's ends are read from: separators, brackets and quotes, "In" and "in", emphasis marks,
// Roman numbers, capitals and small words, years, white space of several kinds, a letter beyond the BMP.
const pieces = [
  ', ', ',', '. ', '.', ' ', '  ', '\u00a0', '\t', '(', ')', '[', ']', '“', '”', '‘', '’', '«', '»', ' In ', ' in ', 'In: ', 'In:', 'in', 'In', 'n', 'I',
  ', in ', '. In ', '*', '**', '|', '</i>', '<i>', '?', '!', ' II. ', 'IV', 'X', 'K', 'C', 'Ab', 'Cd', 'Diabetes', 'Educ.,', 'abc', 'vs', 'et al', 'e.g',
  '2001', '(2010)', '36', '9', '张三', '𝐀', 'É', 'é', '-', ':', ';',
];
const body = fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((parts) => parts.join(''));

describe('the title’s possible ends are those the definition before issue 17 gives', () => {
  it('cuts: the same ends, in the same order, with the same marks', () => {
    for (const text of [
      'Title of the work, in Proceedings of X. Journal 12, 3-4',
      'Mus musculus.</i> Mammal Notes 9 (2001), In: Book',
      'hepatitis C. Vaccine 2008; 26: 1-2',
      'type 2 diabetes Diabetes Educ., 36 (2010), pp. 629-639',
      'Fourier integral operators. II. Acta Mathematica 128, 183',
      '(a, b) , c , , d (e [f]) g, ',
      ', In: X, in Y. In Z',
      'a, '.repeat(60),
    ]) {
      expect(cuts(text), text).toEqual(plainCuts(text));
    }
    fc.assert(
      fc.property(body, (text) => {
        expect(cuts(text)).toEqual(plainCuts(text));
      }),
      { seed: 17, numRuns: 5000 },
    );
  });

  it('commaPieceEnds: the ends of the trimmed pieces between top-level ", ", as splitTopLevel gives them', () => {
    for (const text of ['a, b', ' , a', 'a ,  b, ', '(a, b), c', 'a,b, c', '   ', '', ', ', 'a, (b, c']) expect(commaPieceEnds(text), JSON.stringify(text)).toEqual(plainCommaEnds(text));
    fc.assert(
      fc.property(body, (text) => {
        expect(commaPieceEnds(text)).toEqual(plainCommaEnds(text));
      }),
      { seed: 17, numRuns: 5000 },
    );
  });

  it('inWordStarts: where the global "In" pattern matches, overlapping starts left out as its exec loop leaves them', () => {
    for (const text of [', In: X', ', in In: X', '. In: In: X', 'x In: Y', ', in 9', ', In:X', 'In: X', ' In: X', ',  in X', '\u00a0In:\u00a0X', ', inX']) {
      expect(inWordStarts(text), JSON.stringify(text)).toEqual(plainInWord(text));
    }
    fc.assert(
      fc.property(body, (text) => {
        expect(inWordStarts(text)).toEqual(plainInWord(text));
      }),
      { seed: 17, numRuns: 5000 },
    );
  });

  it('isLatin1: a search for one unit outside the two blocks answers as the whole-text pattern did', () => {
    const plain = (text: string) => /^[\x00-\xff\u2000-\u206f]*$/.test(text);
    for (const text of ['', 'abc', 'Zürich', '–', '\u2070', '\u1fff', '\u0100', '\u00ff\u2000\u206f', 'a\u3000', '𝐀', 'x'.repeat(30) + '\u0100']) expect(isLatin1(text), JSON.stringify(text)).toBe(plain(text));
    // (Units near the blocks' edges, and any unit.)
    const unit = fc.oneof(fc.constantFrom(0x00, 0x7f, 0xff, 0x100, 0x1fff, 0x2000, 0x2013, 0x206f, 0x2070, 0x3000, 0xd835, 0xdc00, 0xffff), fc.integer({ min: 0, max: 0xffff }));
    fc.assert(fc.property(fc.array(unit, { maxLength: 40 }), (units) => {
      const text = String.fromCharCode(...units);
      return isLatin1(text) === plain(text);
    }), { seed: 17, numRuns: 3000 });
    fc.assert(fc.property(body, (text) => isLatin1(text) === plain(text)), { seed: 17, numRuns: 2000 });
  });
});
