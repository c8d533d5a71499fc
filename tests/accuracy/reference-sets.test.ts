import { describe, expect, it } from 'vitest';
import { sameNlmFamily, spanFirstFamily, unlabel } from './reference-sets.js';

// The scorer's own readings of the gold (tests/accuracy/reference-sets.ts): no shared data needed.

describe("the PMC set's first family: NLM's record against the record's family as written", () => {
  it('agrees when NLM drops the particles the string writes before the family, and when it keeps them', () => {
    expect(sameNlmFamily('van der Heijde', 'Heijde')).toBe(true);
    expect(sameNlmFamily('De Luca', 'Luca')).toBe(true);
    expect(sameNlmFamily('van der Heijde', 'van der Heijde')).toBe(true);
    expect(sameNlmFamily('Di Corcia', 'Di Corcia')).toBe(true);
  });

  it('disagrees on another name, a word that is no particle, a particle alone or a family cut after its particle', () => {
    expect(sameNlmFamily('van der Heijde', 'Heide')).toBe(false);
    expect(sameNlmFamily('Peyton Jones', 'Jones')).toBe(false);
    expect(sameNlmFamily('De', 'De')).toBe(true);
    expect(sameNlmFamily('van der', 'der')).toBe(false);
    expect(sameNlmFamily('van', 'Heijde')).toBe(false);
  });
});

describe("AnyStyle's author span: the first family as the span writes it", () => {
  it('a family of more than one word before initials, its particle kept ("Van Buuren S", "COTTA RAMOSINO L.")', () => {
    expect(spanFirstFamily('Van Buuren S, Brand L, Rubin D:')).toBe('Van Buuren');
    expect(spanFirstFamily('COTTA RAMOSINO L.,')).toBe('COTTA RAMOSINO');
    expect(spanFirstFamily('de Waal T.,')).toBe('de Waal');
    expect(spanFirstFamily('Smith JA, Doe B.')).toBe('Smith');
  });

  it('initials in brackets after the family ("Kefi (N.),", "SIERVO (M.), GREY (P.)")', () => {
    expect(spanFirstFamily('Kefi (N.),')).toBe('Kefi');
    expect(spanFirstFamily('SIERVO (M.), GREY (P.), NYAN (O.A.)')).toBe('SIERVO');
  });

  it('a family in capitals, then a given name, before the list\'s comma ("ACKET Claude, BACHER Pierre")', () => {
    expect(spanFirstFamily('ACKET Claude, BACHER Pierre,')).toBe('ACKET');
    // (Given-first lists are read as before.)
    expect(spanFirstFamily('John Smith, Jane Doe')).toBe('Smith');
    expect(spanFirstFamily('D. H. van Hessem')).toBe('van Hessem');
    expect(spanFirstFamily('Lakoff, George')).toBe('Lakoff');
  });

  // Issue 17's sixth pass: an organisation's name was cut at its "and" or read for its last word.
  it("an organisation's name whole, a note in brackets after it left out", () => {
    expect(spanFirstFamily('Health and Retirement Study.')).toBe('Health and Retirement Study');
    expect(spanFirstFamily('Victorian Equal Opportunity and Human Rights Commission')).toBe('Victorian Equal Opportunity and Human Rights Commission');
    expect(spanFirstFamily('Alliance for Excellent Education.')).toBe('Alliance for Excellent Education');
    expect(spanFirstFamily('U.S. Army Corps of Engineers')).toBe('U.S. Army Corps of Engineers');
    expect(spanFirstFamily('American Bar Association, Commission on Women in the Profession.')).toBe('American Bar Association, Commission on Women in the Profession');
    expect(spanFirstFamily('EMB Ltd. (Edward M. Berstein).')).toBe('EMB Ltd');
    // (People are read as before, an organisation word in a family or after initials or "&" notwithstanding.)
    expect(spanFirstFamily('Study, A. B., & Forum, C.')).toBe('Study');
    expect(spanFirstFamily('Union J, Army K.')).toBe('Union');
    expect(spanFirstFamily('John Smith and the Example Study Group')).toBe('Smith');
  });
});

describe("the scorer's labels: a volume, issue or page compared without them", () => {
  it('drops Latin labels as before', () => {
    expect(unlabel('Vol. 39')).toBe('39');
    expect(unlabel('pp. 35-50')).toBe('3550');
    expect(unlabel('n°95')).toBe('95');
  });

  it("drops GOST's Cyrillic labels (т., том, №, с.) in either case, not a Cyrillic word that holds their letters", () => {
    expect(unlabel('Т. 1.')).toBe('1');
    expect(unlabel('том 53')).toBe('53');
    expect(unlabel('№2')).toBe('2');
    expect(unlabel('С. 156-164')).toBe('156164');
    expect(unlabel('Сб. 3')).toBe('сб3');
    expect(unlabel('т53')).toBe('т53');
  });
});
