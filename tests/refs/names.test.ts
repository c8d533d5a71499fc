import { describe, expect, it } from 'vitest';
import { gbtName, gbtNames, isOrganisation, isParticle, isSuffix, lengthAt, lengthPatterns, looseAuthorEnd, parseAuthors, parseName, scanAuthors, scanOrganisation } from '../../src/refs/names.js';

describe('one name', () => {
  it.each([
    ['Smith, John', { family: 'Smith', given: 'John' }],
    ['Smith,', { family: 'Smith' }],
    ['Madonna', { family: 'Madonna' }],
    ['Hetta HF', { family: 'Hetta', given: 'HF' }],
    ['Wang, Tao MDa', { family: 'Wang', given: 'Tao' }],
    ['and John Smith', { family: 'Smith', given: 'John' }],
  ])('parseName(%j) is %o', (raw, expected) => {
    expect(parseName(raw)).toEqual(expected);
  });

  it('"et al." and nothing are no name; given names first when the list says so', () => {
    expect(parseName('et al.')).toBeNull();
    expect(parseName(' , ')).toBeNull();
    expect(parseName('J. R. R. Tolkien', true)).toEqual({ family: 'Tolkien', given: 'J. R. R.' });
  });

  it.each([
    ['KENNEDY W J', { family: 'KENNEDY', given: 'W J' }],
    ['DES MARAIS D J', { family: 'DES MARAIS', given: 'D J' }],
    ['LI Jiangning', { family: 'LI', given: 'Jiangning' }],
    ['EINSTEIN', { family: 'EINSTEIN' }],
    ['LI JIANGNING', { family: 'LI', given: 'JIANGNING' }],
    ['Кочетков А Я', { family: 'Кочетков', given: 'А Я' }],
    ['陈登原', { literal: '陈登原' }],
    ['World Health Organization', { literal: 'World Health Organization' }],
  ])('gbtName(%j) is %o', (raw, expected) => {
    expect(gbtName(raw)).toEqual(expected);
  });

  it('an empty GB/T name is none', () => {
    expect(gbtName(' ., ')).toBeNull();
  });
});

describe('name lists', () => {
  it('GB/T: 等 ends the list, Jr and Inc. attach to the name before', () => {
    expect(gbtNames('陈晋镳, 张惠民, 朱士兴, 等')).toEqual([{ literal: '陈晋镳' }, { literal: '张惠民' }, { literal: '朱士兴' }]);
    expect(gbtNames('PEEBLES P Z, Jr')).toEqual([{ family: 'PEEBLES', given: 'P Z', suffix: 'Jr' }]);
    expect(gbtNames('Online Computer Library Center, Inc.')).toEqual([{ literal: 'Online Computer Library Center, Inc.' }]);
  });

  it('"A, B.; C, D.", "Family I, Family I", "… and X Y", "et al." dropped', () => {
    expect(parseAuthors('Smith, J.; Doe, A.')).toEqual([{ family: 'Smith', given: 'J.' }, { family: 'Doe', given: 'A.' }]);
    expect(parseAuthors('Smith, J., Doe, A. and Roe, B. et al.')).toEqual([
      { family: 'Smith', given: 'J.' },
      { family: 'Doe', given: 'A.' },
      { family: 'Roe', given: 'B.' },
    ]);
    expect(parseAuthors('Hetta HF, Elsaghir A, , Ramadan YN')).toEqual([
      { family: 'Hetta', given: 'HF' },
      { family: 'Elsaghir', given: 'A' },
      { family: 'Ramadan', given: 'YN' },
    ]);
  });

  it('a suffix between a Vancouver family and its initials is the suffix, its full stop maybe glued to them', () => {
    expect(scanAuthors('Dennis Jr G, Sherman BT, Lane HC')?.names).toEqual([
      { family: 'Dennis', given: 'G', suffix: 'Jr' },
      { family: 'Sherman', given: 'BT' },
      { family: 'Lane', given: 'HC' },
    ]);
    expect(scanAuthors('Gale Jr.M., Tan S.L., Katze M.G.')?.names).toEqual([
      { family: 'Gale', given: 'M.', suffix: 'Jr' },
      { family: 'Tan', given: 'S.L.' },
      { family: 'Katze', given: 'M.G.' },
    ]);
    expect(scanAuthors('Okafor Sr. AB, Lund C')?.names).toEqual([{ family: 'Okafor', given: 'AB', suffix: 'Sr' }, { family: 'Lund', given: 'C' }]);
    // (Initials that read as a numeral stay initials where no other initials follow: "Moreno IV" is Moreno, I. V.)
    expect(scanAuthors('Moreno IV, Lund C')?.names).toEqual([{ family: 'Moreno', given: 'IV' }, { family: 'Lund', given: 'C' }]);
  });

  it('a particle the family sheds after its initials stays with them: "Santos Otero, A. de."', () => {
    expect(scanAuthors('Santos Otero, A. de.')?.names).toEqual([{ family: 'Santos Otero', given: 'A. de' }]);
    expect(scanAuthors('Brandt, K. van, and Lund, C.')?.names).toEqual([{ family: 'Brandt', given: 'K. van' }, { family: 'Lund', given: 'C.' }]);
  });
});

describe('name words', () => {
  it('suffixes, particles and organisations come from the data file', () => {
    expect(isSuffix('Jr.,')).toBe(true);
    expect(isSuffix('Smith')).toBe(false);
    expect(isParticle('van')).toBe(true);
    expect(isParticle('Gogh')).toBe(false);
    expect(isOrganisation('中国医学科学院干细胞研究中心')).toBe(true);
    expect(isOrganisation('欧阳明')).toBe(false);
    expect(isOrganisation('World Health Organization')).toBe(true);
  });
});

describe('where an author list ends', () => {
  it('an organisation as the author: its name, up to the full stop', () => {
    expect(scanOrganisation('World Health Organization. Stem cells. Geneva: WHO; 2019.')).toEqual({ names: [{ literal: 'World Health Organization' }], role: 'author', end: 25, shape: 'given-family' });
    expect(scanOrganisation('Stem cells. Geneva')).toBeNull();
  });

  it('looseAuthorEnd: at "et al." after names the scanner could not read ("Luong le A"); never through words of a title', () => {
    expect(looseAuthorEnd('Luong le A, Smith J et al. Title', 0)).toEqual({ end: 26, names: [{ family: 'Luong le', given: 'A' }, { family: 'Smith', given: 'J' }] });
    expect(looseAuthorEnd('the stem cells in 2019 were studied (2019)', 0)).toBeNull();
  });
});

describe('the name scanner measures matches without making them', () => {
  // scanFrom asks these patterns only for a length (or whether they match): `lengthAt` reads it from
  // `lastIndex` after `test`, which holds only for a sticky (or global) pattern.
  const texts = [
    'Smith J, Jones K, et al. Title of the work. J Clin Invest. 2004;99:1461-3.',
    'Wang, Tao MDa, PhD; Luo, Zhiqiang MDf,*; Li, Q. Title. Medicine 104(31):p e43623',
    'Esty, Joshua (Jed). A Certain Title. Oxford: OUP, 2012.',
    'Gorky, Maxim (Alexei Peshkov), et al., eds. Stories. Moscow, 1931.',
    'Moore, M. (Writer/Director). (2004). Fahrenheit 9/11 [Film]. Lions Gate.',
    'Soderbergh, Steven, director. Traffic. USA Films, 2000.',
    'Nishida, T., & et al. (2001). Title. Journal, 3, 1-2.',
    'Bao Q *, Zhao Y*, Li M. Title. Front Immunol. 2025;16:1613502.',
    'Wrobel, S. (Ed.), Proceedings of the Workshop, and others, u. a. 1999 “Quoted” Title',
    'Zeng, L., Liu, C., Wu, Y. et al. Efficacy of cells. Stem Cell Res Ther 46, 67 (2022).',
    '李明, 王芳. 间充质干细胞. 中华医学杂志, 2020, 100(1): 1-5.',
  ];
  it('each is sticky, and its length at every offset is the length of the match exec finds there', () => {
    let matched = 0;
    // (Matches by the pattern's place in the list: each reads something in these texts.)
    const byPlace: number[] = [];
    for (const text of texts) {
      const patterns = lengthPatterns(text);
      expect(patterns.length).toBeGreaterThan(0);
      for (const [place, pattern] of patterns.entries()) {
        expect(pattern.sticky, pattern.source).toBe(true);
        for (let index = 0; index <= text.length + 1; index++) {
          pattern.lastIndex = index;
          const m = pattern.exec(text);
          const length = lengthAt(pattern, text, index);
          expect(length, `${pattern.source} at ${index} of ${text}`).toBe(m ? m[0].length : -1);
          if (m) {
            matched++;
            byPlace[place] = (byPlace[place] ?? 0) + 1;
          }
        }
      }
    }
    // (The texts hold what each pattern reads: et al., degrees, roles, aliases, marks, list ends.)
    expect(matched).toBeGreaterThan(100);
    expect(byPlace.length).toBe(lengthPatterns(texts[0]!).length);
    for (const [place, count] of byPlace.entries()) expect(count, `pattern ${place}`).toBeGreaterThan(0);
  });
});
