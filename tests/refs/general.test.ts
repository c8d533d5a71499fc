import { describe, expect, it } from 'vitest';
import { parseReference } from '../../src/refs/parse.js';
import { segmentationWork } from '../../src/refs/source.js';
import { maxSourceLength } from '../../src/refs/general.js';

const csl = (raw: string) => parseReference(raw, 'ref-1').csl;

describe('the general reader: authors, year, title, then the source', () => {
  it('French guillemets around the title; "vol.", "no" and "p." in the source', () => {
    expect(csl('Dupont, J. « Les cellules souches ». Revue de Médecine, vol. 12, no 3, 2019, p. 45-50.')).toEqual({
      id: 'ref-1',
      type: 'article-journal',
      author: [{ family: 'Dupont', given: 'J.' }],
      title: 'Les cellules souches',
      'container-title': 'Revue de Médecine',
      volume: '12',
      issue: '3',
      page: '45-50',
      issued: { 'date-parts': [[2019]] },
    });
  });

  it('a ditto mark for the author before: no author, the rest read', () => {
    expect(csl('———. The Stem Cell Debate. New York: Norton, 2011.')).toEqual({
      id: 'ref-1',
      type: 'book',
      title: 'The Stem Cell Debate',
      publisher: 'Norton',
      'publisher-place': 'New York',
      issued: { 'date-parts': [[2011]] },
    });
  });

  it('an organisation as the author, with the year after it or in brackets', () => {
    expect(csl('American Society of Hematology. 2020. Guidelines for stem cell transplantation. Blood Advances 4(3): 100-120.')).toMatchObject({
      author: [{ literal: 'American Society of Hematology' }],
      issued: { 'date-parts': [[2020]] },
      title: 'Guidelines for stem cell transplantation',
      'container-title': 'Blood Advances',
      volume: '4',
      issue: '3',
      page: '100-120',
    });
    expect(csl('World Health Organization. (2019, March 5). Stem cell therapy guidance. Geneva: WHO.')).toMatchObject({
      type: 'book',
      author: [{ literal: 'World Health Organization' }],
      title: 'Stem cell therapy guidance',
      publisher: 'WHO',
      'publisher-place': 'Geneva',
    });
  });

  it('authors and a year and nothing else; a season after the year', () => {
    expect(csl('Smith, J. (2019).')).toEqual({ id: 'ref-1', type: 'article-journal', author: [{ family: 'Smith', given: 'J.' }], issued: { 'date-parts': [[2019]] } });
    expect(csl('Jones, A. (2018, Spring). Cord blood. Transfusion, 58(2), 10–20.')).toMatchObject({ issued: { 'date-parts': [[2018]] }, title: 'Cord blood', 'container-title': 'Transfusion', volume: '58', issue: '2', page: '10-20' });
  });

  it('letters beyond ASCII in names, titles and journals; "et al." and "; vol: pages"', () => {
    expect(csl('Müller, H., & O\'Brien, P. (2021). Über Stammzellen. Deutsches Ärzteblatt, 118(4), 55–60.')).toMatchObject({
      author: [{ family: 'Müller', given: 'H.' }, { family: "O'Brien", given: 'P.' }],
      title: 'Über Stammzellen',
      'container-title': 'Deutsches Ärzteblatt',
    });
    expect(csl('Wang L, et al. Exosomes from MSCs. Stem Cell Res Ther 2020; 11: 1–12.')).toMatchObject({
      author: [{ family: 'Wang', given: 'L' }],
      'container-title': 'Stem Cell Res Ther',
      issued: { 'date-parts': [[2020]] },
      volume: '11',
      page: '1-12',
    });
  });
});

describe("Semantic Scholar's listing as mirrors copy it: \"Title , 2001, Venue.\"", () => {
  it('ends the title before the space and comma, whether or not a full stop ends it; the year and the venue after it', () => {
    expect(csl('P. Moreau,et al.  Stromal cells from lipoaspirate: a source for repair , 2001, Tissue repair.')).toEqual({
      id: 'ref-1',
      type: 'article-journal',
      author: [{ family: 'Moreau', given: 'P.' }],
      title: 'Stromal cells from lipoaspirate: a source for repair',
      'container-title': 'Tissue repair',
      issued: { 'date-parts': [[2001]] },
    });
    expect(csl('S. Okoye.  Stromal cells and the niche. , 2009, Stem cell reviews. Part B, Niche biology.')).toMatchObject({
      author: [{ family: 'Okoye', given: 'S.' }],
      title: 'Stromal cells and the niche',
      'container-title': 'Stem cell reviews. Part B, Niche biology',
      issued: { 'date-parts': [[2009]] },
    });
  });

  it('reads a year with no venue after it, and a conference as the venue', () => {
    const noVenue = csl('A. Novak,et al.  Clinical uses of stromal cells , 2021 .');
    expect(noVenue).toMatchObject({ title: 'Clinical uses of stromal cells', issued: { 'date-parts': [[2021]] } });
    expect(noVenue['container-title']).toBeUndefined();
    expect(csl('J. Berg,et al.  Learning cell shapes from images , 2019, Proceedings of the Example Conference on Vision.')).toMatchObject({
      type: 'paper-conference',
      title: 'Learning cell shapes from images',
      'container-title': 'Proceedings of the Example Conference on Vision',
    });
  });
});

describe("GOST 7.1's article: \"Title / Authors // Journal. – Year. – Vol. v, N n. – P. p.\"", () => {
  it('ends the title at " / ", reads the authors after it and the journal with its areas after " // "', () => {
    expect(csl('Stromal cell lines grown from human marrow / A. B. Novak [et al.] // Example Stem Cell J. - 2008. - Vol. 12. - P. 145-147.')).toEqual({
      id: 'ref-1',
      type: 'article-journal',
      author: [{ family: 'Novak', given: 'A. B.' }],
      title: 'Stromal cell lines grown from human marrow',
      'container-title': 'Example Stem Cell J',
      issued: { 'date-parts': [[2008]] },
      volume: '12',
      page: '145-147',
    });
  });

  it('keeps the full stop of a journal abbreviation before the dash', () => {
    expect(csl('Okoye, S. Grafts of stromal cells in ageing mice / S. Okoye // Exp. Ther. - 1989. - Vol. 2, N 3. - P. 18-29.')).toMatchObject({
      author: [{ family: 'Okoye', given: 'S.' }],
      title: 'Grafts of stromal cells in ageing mice',
      'container-title': 'Exp. Ther.',
      issued: { 'date-parts': [[1989]] },
      volume: '2',
      issue: '3',
      page: '18-29',
    });
  });

  it('takes the full list of the statement over a heading that names the first author alone', () => {
    expect(csl('Moreau, P. Induction of stromal cells from adult fat by defined factors / P. Moreau, S. Okoye // Cell Rep Ex. – 2016. – Vol. 26, N 4. – P. 663–676.')).toMatchObject({
      author: [{ family: 'Moreau', given: 'P.' }, { family: 'Okoye', given: 'S.' }],
      title: 'Induction of stromal cells from adult fat by defined factors',
      'container-title': 'Cell Rep Ex',
      volume: '26',
      issue: '4',
      page: '663-676',
    });
  });

  it('reads the older form with full stops alone and the authors first', () => {
    expect(csl('Lin H.T., Novak A. Cord stromal cells and the liver // Hepatol Ex. 2009 Jun. Vol. 80(6). P. 1136-1145.')).toMatchObject({
      author: [{ family: 'Lin', given: 'H.T.' }, { family: 'Novak', given: 'A' }],
      title: 'Cord stromal cells and the liver',
      'container-title': 'Hepatol Ex',
      issued: { 'date-parts': [[2009, 6]] },
      volume: '80',
      issue: '6',
      page: '1136-1145',
    });
  });
});

describe("GOST 7.1's Cyrillic labels: \"Т. 53, № 2. – С. 156-164\"", () => {
  it('reads the volume after "Т.", the issue after "№" and the pages after "С.", the journal in sentence case whole', () => {
    expect(csl('Орлова А. В., Зимин П. С. Стромальные клетки жировой ткани // Клеточные технологии в медицине. 2015. Т. 53, №2. — С. 156-164.')).toEqual({
      id: 'ref-1',
      type: 'article-journal',
      author: [{ family: 'Орлова', given: 'А. В.' }, { family: 'Зимин', given: 'П. С.' }],
      title: 'Стромальные клетки жировой ткани',
      'container-title': 'Клеточные технологии в медицине',
      issued: { 'date-parts': [[2015]] },
      volume: '53',
      issue: '2',
      page: '156-164',
    });
    expect(csl('Стромальные клетки пуповины / А. В. Орлова, П. С. Зимин // Гены и клетки. – 2014. – т. 9, № 3. – с. 12–18.')).toMatchObject({
      author: [{ family: 'Орлова', given: 'А. В.' }, { family: 'Зимин', given: 'П. С.' }],
      title: 'Стромальные клетки пуповины',
      'container-title': 'Гены и клетки',
      issued: { 'date-parts': [[2014]] },
      volume: '9',
      issue: '3',
      page: '12-18',
    });
  });

  it('takes a journal abbreviated in parts before labelled numbers ("Microbiol. Mol. Biol. Rev.") as the journal', () => {
    expect(csl('Gale Jr.M., Tan S.L. Control of stromal gene expression // Exp. Mol. Cell Rev. 2000. Vol. 64. P. 239-280.')).toMatchObject({
      author: [{ family: 'Gale', given: 'M.', suffix: 'Jr' }, { family: 'Tan', given: 'S.L.' }],
      title: 'Control of stromal gene expression',
      'container-title': 'Exp. Mol. Cell Rev.',
      issued: { 'date-parts': [[2000]] },
      volume: '64',
      page: '239-280',
    });
  });

  it('leaves a book\'s extent ("320 с.") no page label', () => {
    expect(csl('Орлова А. В. Стромальные клетки. М.: Медицина, 2010. 320 с.').page).toBeUndefined();
  });
});

describe('two references copied as one string', () => {
  it('the item is the second, whose source ends the string: its authors, year and title, not the first title run on', () => {
    expect(csl('Baker TR (2001) Cord blood banking: a guide. Springer, Berlin Hale MK, Osei P (2009) Stem cell homing in the injured liver. Liver Int 29:101-110')).toMatchObject({
      author: [{ family: 'Hale', given: 'MK' }, { family: 'Osei', given: 'P' }],
      issued: { 'date-parts': [[2009]] },
      title: 'Stem cell homing in the injured liver',
      'container-title': 'Liver Int',
      volume: '29',
      page: '101-110',
    });
    expect(csl('Ortiz, L. (2004). Cell therapy in practice. Oxford: Oxford University Press. Kemp, D. R., & Lowe, A. (2011). Marrow niches revisited. Blood Reviews, 25, 11-19.')).toMatchObject({
      author: [{ family: 'Kemp', given: 'D. R.' }, { family: 'Lowe', given: 'A.' }],
      title: 'Marrow niches revisited',
      'container-title': 'Blood Reviews',
    });
  });

  it('a place before the second list is not a name; a year in brackets after no list leaves the title whole', () => {
    expect(csl('Ruiz P (1998) Haematopoiesis. Wiley, Chichester Dunne AR (2003) Niche signals in marrow. Blood 101:40-45')).toMatchObject({ author: [{ family: 'Dunne', given: 'AR' }], title: 'Niche signals in marrow' });
    expect(csl('Lee K, Tan S (2015) Outcomes of the stem cell trial (2010) in Korea. Stem Cells 33:1-9')).toMatchObject({ author: [{ family: 'Lee' }, { family: 'Tan' }], title: 'Outcomes of the stem cell trial (2010) in Korea' });
  });
});

describe('author lists the name scanner leaves early', () => {
  it('a family in lower case, a page number among the names, a group named last: the list ends at its own end, not in the title', () => {
    expect(csl('Oduya P, mcgrath T, Ilori K, Banks R. Marrow fat in ageing. Bone. 2010;46:1-5.')).toMatchObject({
      author: [{ family: 'Oduya', given: 'P' }, { family: 'mcgrath', given: 'T' }, { family: 'Ilori', given: 'K' }, { family: 'Banks', given: 'R' }],
      title: 'Marrow fat in ageing',
      'container-title': 'Bone',
    });
    expect(csl('Pike D, Shore K, Lund M, 41. Weller T. Stem cell niches in the adult. Blood. 2004;103:1-9.')).toMatchObject({
      author: [{ family: 'Pike' }, { family: 'Shore' }, { family: 'Lund' }, { family: 'Weller', given: 'T' }],
      title: 'Stem cell niches in the adult',
    });
    expect(csl('Ngata R, Poole A, Bristol Cord Blood Investigators: Cord blood units in storage. Transfusion 2012, 52:33-40.')).toMatchObject({
      author: [{ family: 'Ngata' }, { family: 'Poole' }, { literal: 'Bristol Cord Blood Investigators' }],
      title: 'Cord blood units in storage',
    });
  });

  it('initials and a full stop end no list that is not there: a quoted title, a journal after "et al.,"', () => {
    expect(csl('"Mary K. Smith." In Wikipedia. Last modified May 9, 2013.')).toMatchObject({ title: 'Mary K. Smith', 'container-title': 'Wikipedia' });
    expect(csl('Hale MK, et al., J. Stem Cell Res. 2014, 47, 101-110.')).toMatchObject({ author: [{ family: 'Hale', given: 'MK' }], 'container-title': 'J. Stem Cell Res.' });
  });
});

describe('a title that ends in a unit or a Roman number', () => {
  it('ends before the journal: "at 7 T. Osteoarthritis Cartilage", "type II. Br J Haematol"', () => {
    expect(csl('Kim J, Ortiz L. Cartilage repair imaged at 7 T. Osteoarthritis Cartilage. 2015;23(2):10-8.')).toMatchObject({ title: 'Cartilage repair imaged at 7 T', 'container-title': 'Osteoarthritis Cartilage', volume: '23', issue: '2', page: '10-8' });
    expect(csl('Rao P, Wu D (2010) Stem cell transplantation in mucopolysaccharidosis type II. Br J Haematol 150:100-108')).toMatchObject({ title: 'Stem cell transplantation in mucopolysaccharidosis type II', 'container-title': 'Br J Haematol', volume: '150', page: '100-108' });
  });
});

describe('a journal abbreviation keeps its own full stop', () => {
  it('"Cell Res.", "Stem Cell Rev." before the numbers keep it; NLM names ("J Clin Res", "Cell Res. 2010;") have none', () => {
    expect(csl('Li, M. (2010). Stem cells. Cell Res., 6(2), 1-9.')['container-title']).toBe('Cell Res.');
    expect(csl('Li M, Wu D (2010) Stem cells in the niche. Stem Cell Rev. 6:1-9')['container-title']).toBe('Stem Cell Rev.');
    expect(csl('Li M. Stem cells. Cell Res. 2010;6(2):1-9.')['container-title']).toBe('Cell Res');
    expect(csl('Li M. Stem cells. J Clin Res. 6:1-9')['container-title']).toBe('J Clin Res');
  });
});

describe('the work a reference costs', () => {
  // Work counted, not timed (no wall-clock assertion in `npm test`): a reading of a cut segments
  // the whole rest of the string, and each of 48 cuts was read, so "a, a, a, …" of 2,000
  // characters cut 94,000 characters (~200 ms; 60 such in one file took 12 s). Now a cut whose
  // rest is too long to be a source is not read.
  const segmentedFor = (text: string) => {
    const before = segmentationWork.characters;
    parseReference(text, 'ref-1');
    return segmentationWork.characters - before;
  };

  it('segments a string of separators in time linear in its length, with a small factor', () => {
    for (const unit of ['a, ', '张三. ', 'abcdefghij, ', 'a. b, ']) {
      const work = new Map<number, number>();
      for (const length of [250, 500, 1000, 2000]) {
        const text = unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
        const segmented = segmentedFor(text);
        work.set(length, segmented);
        // Twice the length (the whole string, read once or twice), and at most 48 cuts each reading a source's longest rest.
        expect(segmented, `${JSON.stringify(unit)} × ${length}`).toBeLessThanOrEqual(2 * length + 48 * maxSourceLength);
      }
      // Each character more costs at most two segmented (it was 48: one for each cut read).
      expect(work.get(2000)! - work.get(1000)!, JSON.stringify(unit)).toBeLessThanOrEqual(2 * 1000);
      expect(work.get(2000)!, JSON.stringify(unit)).toBeLessThanOrEqual(2 * 2000);
    }
  });

  it('still reads a long source after its title', () => {
    const editors = Array.from({ length: 12 }, (_, i) => `Editor${String.fromCharCode(65 + i)} A`).join(', ');
    const item = csl(`Smith J. Mesenchymal stem cells in cartilage repair. In: ${editors}, editors. Handbook of regenerative medicine and tissue engineering. 2nd ed. New York: Springer; 2015. p. 123-145.`);
    expect(item.title).toBe('Mesenchymal stem cells in cartilage repair');
    expect(item.publisher).toBe('Springer');
    expect(item.page).toBe('123-145');
  });
});

describe('the type of a periodical article: a newspaper’s and a blog’s shapes', () => {
  it('APA: dated to the day, no volume: a newspaper’s article, its section page "A1" a page, not a volume', () => {
    expect(csl('Liang, W. (2024, March 5). Stem cell trial for Parkinson’s disease begins in Kyoto. The Harbour Times, A1. https://example.org/news/2024/03/05/stem-cells')).toEqual({
      id: 'ref-1',
      type: 'article-newspaper',
      author: [{ family: 'Liang', given: 'W.' }],
      title: 'Stem cell trial for Parkinson’s disease begins in Kyoto',
      'container-title': 'The Harbour Times',
      page: 'A1',
      issued: { 'date-parts': [[2024, 3, 5]] },
      URL: 'https://example.org/news/2024/03/05/stem-cells',
    });
  });

  it('Chicago and the day-month order: newspapers too', () => {
    expect(csl('Moreau, Anne. “A Second Look at Cord Blood Banks.” Evening Courier, June 7, 2022.').type).toBe('article-newspaper');
    expect(csl('Okafor, N., ‘Why stem cell clinics thrive’, The Observer, 3 December 2021.').type).toBe('article-newspaper');
  });

  it('a journal’s article dated to the day stays a journal’s (a DOI, a periodical’s word, a volume and issue); a month is not a day', () => {
    expect(csl('Smith, J. (2020, March 5). Stem cells in heart failure. Cardiology Today. https://doi.org/10.1000/xyz123').type).toBe('article-journal');
    expect(csl('Smith, J. (2020, March 5). Stem cells in heart failure. Journal of Cardiac Repair.').type).toBe('article-journal');
    expect(csl('Smith, J. (2020, March 5). Stem cells in heart failure. Cardiac Repair, 12(3), 45–50.').type).toBe('article-journal');
    expect(csl('Smith, J. (2020, March). Stem cells in heart failure. The Harbour Times.').type).not.toBe('article-newspaper');
  });

  it('a blog’s dated entry is a post (the data’s blogWords)', () => {
    expect(csl('Chen, L. (2023, August 2). What the new MSC guideline means for patients. Regenerative Notes Blog. https://example.org/blog/msc-guideline').type).toBe('post-weblog');
  });
});
