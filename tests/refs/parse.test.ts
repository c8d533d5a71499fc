import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { labelledReferenceStrings } from '../accuracy/shared-data.js';
import { referenceWords } from '../../src/refs/data.js';
import { closesWithOneOf, DIGITS, holdsDigit, holdsEmptyPair, holdsOneOf, opensWithOneOf } from '../../src/refs/text.js';
import { isPlaceholder, parseAuthors, parseReference, restoreHyphens } from '../../src/refs/parse.js';
import { tidy } from '../../src/refs/vancouver.js';

const csl = (raw: string) => parseReference(raw, 'ref-1').csl;

describe('reference styles of the seed articles', () => {
  it('Elsevier export (bare-comma fields, given names first)', () => {
    expect(
      csl('Zhi Feng, Ying Yang, Xiang-zhuo Liu, Bo Wei,Application of cell therapy in rheumatoid Arthritis: Focusing on the immunomodulatory strategies of Mesenchymal stem cells,International Immunopharmacology,Volume 147,2025,114017,ISSN 1567-5769,https://doi.org/10.1016/j.intimp.2025.114017.'),
    ).toMatchObject({
      type: 'article-journal',
      title: 'Application of cell therapy in rheumatoid Arthritis: Focusing on the immunomodulatory strategies of Mesenchymal stem cells',
      author: [{ family: 'Feng', given: 'Zhi' }, { family: 'Yang', given: 'Ying' }, { family: 'Liu', given: 'Xiang-zhuo' }, { family: 'Wei', given: 'Bo' }],
      'container-title': 'International Immunopharmacology',
      volume: '147',
      page: '114017',
      issued: { 'date-parts': [[2025]] },
      ISSN: '1567-5769',
      DOI: '10.1016/j.intimp.2025.114017',
    });
  });

  it('Elsevier export whose names and title arrived on one line', () => {
    expect(csl('Zhixiang Huang, Yinyu Li, Tianwang Li, Integrin-linked kinase-mediated promotion of osteogenic differentiation: A driver of heterotopic ossification,Bone,Volume 200,2025,117591,ISSN 8756-3282,https://doi.org/10.1016/j.bone.2025.117591.')).toMatchObject({
      author: [{ family: 'Huang', given: 'Zhixiang' }, { family: 'Li', given: 'Yinyu' }, { family: 'Li', given: 'Tianwang' }],
      title: 'Integrin-linked kinase-mediated promotion of osteogenic differentiation: A driver of heterotopic ossification',
      'container-title': 'Bone',
      volume: '200',
    });
  });

  it('Cell Press with the separators lost', () => {
    expect(csl('Exploring perinatal mesenchymal stromal cells as a potential therapeutic strategy for rheumatoid arthritisAlivernini, Stefano et al.Heliyon, Volume 11, Issue 1, e41438')).toMatchObject({
      title: 'Exploring perinatal mesenchymal stromal cells as a potential therapeutic strategy for rheumatoid arthritis',
      author: [{ family: 'Alivernini', given: 'Stefano' }],
      'container-title': 'Heliyon',
      volume: '11',
      issue: '1',
      page: 'e41438',
    });
  });

  it('Springer ("Journal Vol, Page (Year)") with em dashes restored', () => {
    expect(csl('Luo, X., Zhou, L., Wen, X. et al. Single—cell RNA sequencing identifies PD—L1 + mesenchymal stem cells. Stem Cell Res Ther 16, 684 (2025). https://doi.org/10.1186/s13287-025-04701-y')).toMatchObject({
      author: [{ family: 'Luo', given: 'X.' }, { family: 'Zhou', given: 'L.' }, { family: 'Wen', given: 'X.' }],
      title: 'Single-cell RNA sequencing identifies PD-L1 + mesenchymal stem cells',
      'container-title': 'Stem Cell Res Ther',
      volume: '16',
      page: '684',
      issued: { 'date-parts': [[2025]] },
      DOI: '10.1186/s13287-025-04701-y',
    });
  });

  it('PubMed/Vancouver with PMID and PMCID', () => {
    expect(csl('Hetta HF, Elsaghir A, Ramadan YN. Clinical Progress in Mesenchymal Stem Cell Therapy: A Focus on Rheumatic Diseases. Immun Inflamm Dis. 2025 May;13(5):e70189. doi: 10.1002/iid3.70189. PMID: 40353645; PMCID: PMC12067559.')).toMatchObject({
      author: [{ family: 'Hetta', given: 'HF' }, { family: 'Elsaghir', given: 'A' }, { family: 'Ramadan', given: 'YN' }],
      title: 'Clinical Progress in Mesenchymal Stem Cell Therapy: A Focus on Rheumatic Diseases',
      'container-title': 'Immun Inflamm Dis',
      issued: { 'date-parts': [[2025, 5]] },
      volume: '13',
      issue: '5',
      page: 'e70189',
      DOI: '10.1002/iid3.70189',
      PMID: '40353645',
      PMCID: 'PMC12067559',
    });
  });

  it('MDPI (semicolon authors, "Journal Year, Vol, Page")', () => {
    expect(csl('Klyucherev, T.O.; Peshkova, M.A.; Timashev, P.S. Advances in Regenerative Therapies for Inflammatory Arthritis. Int. J. Mol. Sci. 2025, 26, 5766. https://doi.org/10.3390/ijms26125766')).toMatchObject({
      author: [{ family: 'Klyucherev', given: 'T.O.' }, { family: 'Peshkova', given: 'M.A.' }, { family: 'Timashev', given: 'P.S.' }],
      'container-title': 'Int. J. Mol. Sci.',
      volume: '26',
      page: '5766',
    });
  });

  it('Frontiers ("Authors (Year) Title. Journal Vol:Page")', () => {
    expect(csl('Ke M, Liu W, Wu Y and Zhang F (2025) Breaking boundaries in ankylosing spondylitis. Front. Immunol. 16:1613502. doi: 10.3389/fimmu.2025.1613502')).toMatchObject({
      author: [{ family: 'Ke', given: 'M' }, { family: 'Liu', given: 'W' }, { family: 'Wu', given: 'Y' }, { family: 'Zhang', given: 'F' }],
      title: 'Breaking boundaries in ankylosing spondylitis',
      'container-title': 'Front. Immunol.',
      volume: '16',
      page: '1613502',
      issued: { 'date-parts': [[2025]] },
    });
  });

  it('Wiley ("…and X, Y. (Year), Title. Journal, Vol: Page")', () => {
    expect(csl('Hetta, H.F., Elsaghir, A. and Ramadan, Y.N. (2025), Clinical Progress in Mesenchymal Stem Cell Therapy. Immunity, Inflammation and Disease, 13: e70189. https://doi.org/10.1002/iid3.70189')).toMatchObject({
      author: [{ family: 'Hetta', given: 'H.F.' }, { family: 'Elsaghir', given: 'A.' }, { family: 'Ramadan', given: 'Y.N.' }],
      'container-title': 'Immunity, Inflammation and Disease',
      volume: '13',
      page: 'e70189',
    });
  });

  it('Wolters Kluwer (degrees with affiliation letters)', () => {
    expect(csl('Wang, Tao MDa; Tang, Xiaoxia MDb; Luo, Zhiqiang MDf,*. Roles of extracellular vesicles in rheumatoid arthritis: A bibliometric analysis. Medicine 104(31):p e43623, August 01, 2025. | DOI: 10.1097/MD.0000000000043623')).toMatchObject({
      author: [{ family: 'Wang', given: 'Tao' }, { family: 'Tang', given: 'Xiaoxia' }, { family: 'Luo', given: 'Zhiqiang' }],
      title: 'Roles of extracellular vesicles in rheumatoid arthritis: A bibliometric analysis',
      'container-title': 'Medicine',
      volume: '104',
      issue: '31',
      page: 'e43623',
      issued: { 'date-parts': [[2025, 8, 1]] },
    });
  });

  it('a bare publisher link: DOI kept, tracking dropped', () => {
    expect(csl('https://pubs.acs.org/doi/abs/10.1021/acsami.4c09080?utm_source=chatgpt.com')).toEqual({
      id: 'ref-1',
      type: 'article-journal',
      DOI: '10.1021/acsami.4c09080',
      URL: 'https://pubs.acs.org/doi/abs/10.1021/acsami.4c09080',
    });
    expect(csl('https://example.org/news/123').type).toBe('webpage');
  });

  it('placeholders', () => {
    expect(isPlaceholder('cde')).toBe(true);
    expect(isPlaceholder('待补充')).toBe(true);
    expect(isPlaceholder('Smith J. A title. J 2020;1:1.')).toBe(false);
    expect(parseReference('cde', 'ref-10')).toEqual({ csl: { id: 'ref-10', type: 'document' }, style: 'placeholder' });
  });
});

// Issue 17's sixth pass: what a page's markup leaves in a copy of its list (Wiley's online lists).
describe('spacing a page left', () => {
  it('reads a comma doubled after each family ("Abramson,, S., Miller,, R.") as one', () => {
    const item = csl('Abramson,, S., Miller,, R., & Phillips,, R. (1977). Stem cells of the myeloid and lymphoid systems. Journal of Experimental Ex, 145, 1567–1579.');
    expect(item.author?.map((a) => a.family)).toEqual(['Abramson', 'Miller', 'Phillips']);
    expect([item.title, item['container-title'], item.issued?.['date-parts']?.[0]?.[0], item.volume, item.page]).toEqual(['Stem cells of the myeloid and lymphoid systems', 'Journal of Experimental Ex', 1977, '145', '1567-1579']);
  });

  it('reads a year in a bracket padded inside ("( 1997)") as the year', () => {
    const item = csl('Wardell, I., and Pike, J. ( 1997) Offspring from adult mammalian cells. Reprod Ex 385, 810-813.');
    expect([item.author?.[0]?.family, item.issued?.['date-parts']?.[0]?.[0], item.title]).toEqual(['Wardell', 1997, 'Offspring from adult mammalian cells']);
  });
});

describe('an access date at a web reference\'s end', () => {
  // Issue 17, references on real pages (change 211): AMA's "Accessed June 17, 2013." was read as a container
  // ("Accessed June"), a volume (17) and a page (2013).
  it.each([
    ['Example Institute. Stem cell basics. http://stemcells.example.org. Accessed June 17, 2013.', [2013, 6, 17]],
    ['Sample J. Cord blood banking. Accessed Sept 3, 2011.', [2011, 9, 3]],
    ['Model A. Division of labour. http://example.org/a.pdf (accessed June 7, 2015).', [2015, 6, 7]],
  ])('reads %j as accessed, no volume or page', (raw, date) => {
    const item = csl(raw);
    expect(item.accessed?.['date-parts']?.[0]).toEqual(date);
    expect([item.volume, item.page, item['container-title']?.includes('ccessed')]).toEqual([undefined, undefined, undefined]);
  });

  it('leaves a journal\'s numbers and a word not a month as they were', () => {
    expect(csl('Example A. Cells. Accessed Rev. 2013;17:20-25.').accessed).toBeUndefined();
    expect(csl('Example A. Cells accessed in clinics. Blood Ex. 2013;17:20-25.').volume).toBe('17');
  });
});

describe('Nature\'s style with no volume', () => {
  // Issue 17, references on real pages (change 211): a company's page whose reference manager wrote "Title.
  // Cytotherapy (2006) doi:10.…" read the journal as a book's publisher.
  it.each([
    ['Example, M. et al. Minimal criteria for stromal cells. A position statement. Cytotherapy Ex (2006) doi:10.1080/14653240600855905.', 'Cytotherapy Ex'],
    ['Sample, D., Model, A. & Trial, V. Isolation of stromal cells. Cytometry Ex Part A (2018) doi:10.1002/cyto.a.23242.', 'Cytometry Ex Part A'],
  ])('reads %j as an article in its journal', (raw, journal) => {
    const item = csl(raw);
    expect([item.type, item['container-title'], item.publisher, item.issued?.['date-parts']?.[0]?.[0]]).toEqual(['article-journal', journal, undefined, raw.includes('2006') ? 2006 : 2018]);
  });

  it('keeps a book\'s publisher before its year, with a book\'s DOI or none', () => {
    expect(csl('Example, A. Stromal cells in practice. Praeger (1998) doi:10.1007/978-1-4020-0000-0.')).toMatchObject({ type: 'book', publisher: 'Praeger' });
    expect(csl('Example, A. Stromal cells in practice. Praeger (1998).')).toMatchObject({ type: 'book', publisher: 'Praeger' });
  });
});

describe('"et al." glued to the title', () => {
  // Issue 17, references on real pages (change 215): a Chinese journal site's Latin list prints "…,CAELA M,et
  // al.Rapid Expansion …[J]": the names ran into the title, and no author was read.
  it.each([
    ['SAMPLE D E,MODEL F G,TRIAL H,et al.Splitting large cord blood units before processing[J].Cell Ex Res,2007,3(1):1-9.', 'SAMPLE', 'Splitting large cord blood units before processing'],
    ['Example A, Model B, Sample C, et al.The stromal fraction of marrow cells. Blood Ex. 1994;84(12):4164-4173.', 'Example', 'The stromal fraction of marrow cells'],
  ])('reads the names and the title of %j', (raw, family, title) => {
    const item = csl(raw);
    expect([item.author?.[0]?.family, item.title]).toEqual([family, title]);
  });

  it('leaves "et al." before a small letter or a digit as it was', () => {
    expect(csl('Example A, et al.cells in repair. Blood Ex. 1994;84:41-43.').title).toBe(csl('Example A, et al.cells in repair. Blood Ex. 1994;84:41-43.').title);
    expect(csl('Example A, Model B, et al. The stromal fraction. Blood Ex. 1994;84(12):4164-4173.').title).toBe('The stromal fraction');
  });
});

describe('journals whose names open with "In"', () => {
  // Issue 17, references on real pages (change 215): a Springer chapter's list on a citation index cites "…
  // (2015) Title. In Vitro Cell Dev Biol Anim 51(9):987–994", read as a chapter in the book "Vitro Cell Dev Biol Anim".
  it.each([
    ['Example Z, Sample M (2015) Induction of stromal cells toward neuron-like cells. In Vitro Cell Dev Biol Anim 51(9):987–994', 'In Vitro Cell Dev Biol Anim', '51'],
    ['Example Z, Sample M. Induction of stromal cells toward neuron-like cells. In Vitro Cell Dev Biol Anim. 2015;51(9):987-94.', 'In Vitro Cell Dev Biol Anim', '51'],
    ['Example, Z., & Sample, M. (2015). Induction of stromal cells toward neuron-like cells. In Vitro Cellular & Developmental Biology - Animal, 51(9), 987–994.', 'In Vitro Cellular & Developmental Biology - Animal', '51'],
    ['Example Z, Sample M (2015) Stromal cells in a mouse model. In Vivo 29:987–994', 'In Vivo', '29'],
  ])('reads %j as an article in its journal', (raw, journal, volume) => {
    const item = csl(raw);
    expect([item.type, item['container-title'], item.volume]).toEqual(['article-journal', journal, volume]);
  });

  it('keeps a chapter\'s "In" before a book', () => {
    expect(csl('Example Y, Sample T (1995) Stromal cells. In: Model D, Trial R (eds) Hematopoietic stem cells. Marcel Dekker, New York, pp 1–25')).toMatchObject({ type: 'chapter', 'container-title': 'Hematopoietic stem cells' });
    expect(csl('Example Y. Stromal cells. In Vitality and Ageing: A Handbook. London: Example Press; 1995. p. 1-25.').type).toBe('chapter');
  });
});

describe('hyphens before a space', () => {
  // A suspended hyphen (issue 17, references on real pages: a Semantic Scholar-like list's
  // "peripheral blood- and bone-marrow-derived precursor cells") is no line-break hyphen.
  it('keeps a suspended hyphen before "and" or "or" and joins a line-break one', () => {
    expect(csl('Example MN. Secreted factors of peripheral blood- and marrow-derived stromal cells compared. Stem Cell Rep Ex. 2022;7(1):e1003.').title).toBe(
      'Secreted factors of peripheral blood- and marrow-derived stromal cells compared',
    );
    expect(csl('Example MN. Pre- or post-operative cell infusion in knee surgery. Knee Ex. 2021;3:10-19.').title).toBe('Pre- or post-operative cell infusion in knee surgery');
    expect(csl('Example MN. Stromal cells in immuno- logy of the joint. Knee Ex. 2021;3:10-19.').title).toBe('Stromal cells in immunology of the joint');
    expect(csl('Example MN. Stand- ardised cell doses. Knee Ex. 2021;3:10-19.').title).toBe('Standardised cell doses');
    expect(tidy('short- to long-term follow- up')).toBe('short- to long-term followup');
  });
});

// Issue 17, references on real pages (change 221): an organisation's web page read as one corporate name, and a
// page range where NLM's volume stands read as the volume.
describe('an organisation\'s web page', () => {
  it.each([
    ['Example Blood Center. National Cord Blood Program. Available at: http://www.example.org/', 'Example Blood Center', 'National Cord Blood Program'],
    ['Cord Blood Organization. History of Cord Blood. Available at http://example.org.uk/history/', 'Cord Blood Organization', 'History of Cord Blood'],
    ['The Example Society for Cell Therapy. Guide to Banking. https://example.org/guide', 'The Example Society for Cell Therapy', 'Guide to Banking'],
  ])('%s', (raw, author, title) => {
    const { csl } = parseReference(raw, 'r1');
    expect([csl.type, csl.author, csl.title]).toEqual(['webpage', [{ literal: author }], title]);
    expect(csl.URL).toMatch(/^https?:\/\//);
  });

  it.each([
    // No link: GB/T's corporate name in parts stays one name.
    ['Stanford University. Department of Civil Engineering.'],
    // A person, not an organisation; a DOI's reference is an article's.
    ['Example A. Cord blood banking. Available at: http://example.org/a'],
    ['Example Foundation. Cord blood banking. https://doi.org/10.1234/example.1'],
    // A title with a sentence of its own, a name with a number.
    ['Example Foundation. Cord blood. What it is. http://example.org/a'],
    ['Example 2020 Foundation. Cord blood banking. http://example.org/a'],
    // A link broken by a space: its label and its rest are no title.
    ['Example Agency. Available at https://www.example.gov/ library/factbook/index.html'],
  ])('not %s', (raw) => {
    expect(parseReference(raw, 'r1').csl.type).not.toBe('webpage');
  });
});

describe('a page range where the volume stands', () => {
  it('"Int Jnl Ex Hem. 2007;1-9." is pages 1-9, no volume', () => {
    const { csl } = parseReference('Sample G, Model H. Splitting large cell units before processing. Int Jnl Ex Hem. 2007;1-9.', 'r1');
    expect([csl['container-title'], csl.volume, csl.page]).toEqual(['Int Jnl Ex Hem', undefined, '1-9']);
  });

  it.each([
    ['Example A. Cells. J Ex. 1999;71-72:55-60.', '71-72', '55-60'],
    ['Example A. Cells. J Ex. 2007;12(3):1-9.', '12', '1-9'],
    ['Example A. Cells. J Ex. 2007;12.', '12', undefined],
  ])('%s keeps its volume', (raw, volume, page) => {
    const { csl } = parseReference(raw, 'r1');
    expect([csl.volume, csl.page]).toEqual([volume, page]);
  });
});

// Issue 17, references on real pages (change 227): the found lists' fields (change 221's Left) and Wikipedia's citations.
describe('an organisation\'s page, tenth pass', () => {
  it.each([
    // A name with an abbreviation's full stops; a link with no scheme, its label, and an access date after it.
    ['U.S. Example Administration. Cord Blood Banking -- Information for Consumers. Available at www.example.gov/Biologics/ucm1.htm', 'U.S. Example Administration', 'Cord Blood Banking -- Information for Consumers', 'www.example.gov/Biologics/ucm1.htm'],
    ['Example Drug Administration. Approved cellular products. Available at www.example.gov/approved-products. Accessed May 2, 2024.', 'Example Drug Administration', 'Approved cellular products', 'www.example.gov/approved-products'],
    // A title with a numbered part's full stop; "Institutes".
    ['National Institutes of Example. Stem cell basics: 1. Introduction. http://stemcells.example.gov. Accessed June 17, 2013.', 'National Institutes of Example', 'Stem cell basics: 1. Introduction', 'http://stemcells.example.gov'],
  ])('%s', (raw, author, title, url) => {
    const { csl } = parseReference(raw, 'r1');
    expect([csl.type, csl.author, csl.title, csl.URL]).toEqual(['webpage', [{ literal: author }], title, url]);
  });

  it('a title first and the site\'s name after it: the site is the container', () => {
    const { csl } = parseReference('Graft-versus-host disease. Example Plus. Available at: https://example.gov/ency/article/001309.htm', 'r1');
    expect([csl.type, csl.author, csl.title, csl['container-title']]).toEqual(['webpage', undefined, 'Graft-versus-host disease', 'Example Plus']);
  });

  it.each([
    // A person's name first; two capitalised parts, the first no title; a site's name with a number.
    ['Example A. Cord blood banking. Available at: http://example.org/a'],
    ['Cord Blood Banking. Example Plus. Available at: http://example.org/a'],
    ['Cord blood banking. Example 2020. Available at: http://example.org/a'],
  ])('not a title-first page: %s', (raw) => {
    const { csl } = parseReference(raw, 'r1');
    expect(csl.type === 'webpage' && csl['container-title'] !== undefined).toBe(false);
  });

  it('"www." inside a word, an address or a path is no link', () => {
    for (const raw of ['Example A. Cells. J Ex. 2007;12:1-9. mail@www.example.org', 'Example A. Cells. J Ex. 2007;12:1-9. http://example.org/www.cells']) {
      expect(parseReference(raw, 'r1').csl.URL ?? '').not.toMatch(/^www\./);
    }
  });

  it('an organisation\'s name before a colon (BMC\'s "Name: Title.") is one literal name', () => {
    const { csl } = parseReference('Korean Example and Drug Administration: Cell therapy. Rules and Regulations. Seoul, Korea: Example Administration, Chapter 2, Section 12', 'r1');
    expect(csl.author).toEqual([{ literal: 'Korean Example and Drug Administration' }]);
  });
});

describe('the numbers after a source, tenth pass', () => {
  it('"2015;35;e00191": a semicolon where the colon before the page stands', () => {
    const { csl } = parseReference('Example I, Sample RB. Human stromal cells -- current trends. Biosci Ex 2015;35;e00191, doi:10.1234/BSR20150025', 'r1');
    expect([csl['container-title'], csl.volume, csl.page]).toEqual(['Biosci Ex', '35', 'e00191']);
  });

  it.each([
    ['Example J, Sample K. Stem cell niches. In: Model A, ed. Principles of Repair. Los Angeles, CA: Example Press; 2011:45-67.', 'chapter'],
    ['Example J, Sample K. Stem cell niches. In: Model A, ed. Principles of Repair. 2nd ed. New York, NY: Example; 2011:45-67.', 'chapter'],
  ])('AMA\'s "Place: Publisher; 2011:45-67" is the year and the pages: %s', (raw, type) => {
    const { csl } = parseReference(raw, 'r1');
    expect([csl.type, csl.issued, csl.volume, csl.page]).toEqual([type, { 'date-parts': [[2011]] }, undefined, '45-67']);
  });

  it('a journal\'s "1990:45-67" after no publisher keeps its volume', () => {
    const { csl } = parseReference('Example J. Stem cell niches. J Ex Rep 1990:45-67.', 'r1');
    expect(csl.volume).toBe('1990');
  });
});

describe('Wikipedia\'s citations', () => {
  it.each([
    ['"The molecular example of the fetal stem cell marker AA4". Immunity 10 (6): 691–700. June 1999. doi:10.1234/S1074-7613(00)80068-0. PMID 10403644.', 'The molecular example of the fetal stem cell marker AA4', 'Immunity', [1999, 6]],
    ['4.0 4.1 "Progressive divergence of example stem cells". Development 132 (18): 4179–91. September 2005. doi:10.1234/dev.01974.', 'Progressive divergence of example stem cells', 'Development', [2005, 9]],
  ])('%s', (raw, title, container, date) => {
    const { csl } = parseReference(raw, 'r1');
    expect([csl.title, csl['container-title'], csl.issued]).toEqual([title, container, { 'date-parts': [date] }]);
  });

  it('a quoted title opening the reference is no author', () => {
    const { csl } = parseReference('"Appendix E: Stem Cell Markers". Stem Cell Example. Bethesda, Maryland: National Institutes of Example. 17 June 2001. http://stemcells.example.gov/appendixe.', 'r1');
    expect([csl.author, csl.title]).toEqual([undefined, 'Appendix E: Stem Cell Markers']);
  });

  it('"4.0 4.1" is stripped only as backlinks: one number\'s ".0", ".1", …', () => {
    expect(parseReference('4.0 5.1 "A title". J Ex 1: 2-3. 2005.', 'r1').csl.title).toContain('4.0');
  });
});

// Issue 17, references on real pages (change 235): change 227's Left and 215's list, in strings of our own.
describe('the eleventh pass\'s fields', () => {
  it.each([
    // Wikipedia's day-first date after the pages; its lettered backlinks ("a b c", "^ a b").
    ['"A molecular example of a fetal marker". Immunity 10 (6): 691–700. 17 June 1999. doi:10.1234/imm.1999.1.', 'A molecular example of a fetal marker', [1999, 6, 17]],
    ['a b c "Divergence of example stem cells". Development 132 (18): 4179–91. 3 September 2005. doi:10.1234/dev.1.', 'Divergence of example stem cells', [2005, 9, 3]],
    ['^ a b "Divergence of example stem cells". Development 132 (18): 4179–91. September 2005.', 'Divergence of example stem cells', [2005, 9]],
  ])('Wikipedia: %s', (raw, title, date) => {
    const { csl } = parseReference(raw, 'r1');
    expect([csl.title, csl['container-title'], csl.issued]).toEqual([title, raw.includes('Immunity') ? 'Immunity' : 'Development', { 'date-parts': [date] }]);
  });

  it('a Vancouver list whose later names put their initials first (OUCI\'s "Van den Example B, SN Sample, C Model and N Test")', () => {
    const { csl } = parseReference('Van den Example B, SN Sample, C Model, MJ Trial and N Test. A review of endothelial repair in vivo. Surv Ex. 2017;62(3):149-65.', 'r1');
    expect([csl.author?.map((n) => `${n.family} ${n.given}`), csl.title]).toEqual([['Van den Example B', 'Sample SN', 'Model C', 'Trial MJ', 'Test N'], 'A review of endothelial repair in vivo']);
  });

  it.each([
    // A title opening with a capital and a word after a Vancouver list is no name.
    ['Example J, Sample K, A study of repair. Blood Ex. 2001;3:4-5.', ['Example J', 'Sample K'], 'A study of repair'],
  ])('a title after a Vancouver list stays the title: %s', (raw, names, title) => {
    const { csl } = parseReference(raw, 'r1');
    expect([csl.author?.map((n) => `${n.family} ${n.given}`), csl.title]).toEqual([names, title]);
  });

  it('a code of rules\' "Chapter 2, Section 12" is no volume', () => {
    const { csl } = parseReference('Example Drug Administration: Cell therapy. Example Rules and Regulations. Seoul, Korea: Example Administration, Chapter 2, Section 12', 'r1');
    expect([csl.volume, csl.publisher]).toEqual([undefined, 'Example Administration']);
  });

  it.each([
    // APA's comma and NLM's colon before a range whose dash was lost.
    ['Example, J.A., Sample, C. (1997) Cord blood collection for banking. Bone Ex Transplantation, 19, 1023 1028.', '19', '1023-1028'],
    ['Example S, Sample M. Postnatal dental pulp cells. Proc Ex Acad Sci. 2000;97(25):13625 13630.', '97', '13625-13630'],
  ])('a page range whose dash a copy lost: %s', (raw, volume, page) => {
    const { csl } = parseReference(raw, 'r1');
    expect([csl.volume, csl.page]).toEqual([volume, page]);
  });

  it.each([
    // Two years, numbers of unlike lengths, the second not the larger: no range.
    ['Example J. A title of cells. Blood Ex, 1998 2001.', '1998-2001'],
    ['Example J. A title of cells. Blood Ex 12, 45 470.', '45-470'],
    ['Example J. A title of cells. Blood Ex 12, 470 450.', '470-450'],
  ])('no range made: %s', (raw, never) => {
    expect(parseReference(raw, 'r1').csl.page ?? '').not.toBe(never);
  });

  it('PubMed\'s "2015; 35. pii: e00191": the e-locator is the page; a publisher\'s item number is none', () => {
    const ahead = parseReference('Example I, Sample RB. Human stromal cells - current trends. Biosci Ex. 2015; 35. pii: e00191. DOI:', 'r1').csl;
    expect([ahead.volume, ahead.page]).toEqual(['35', 'e00191']);
    expect(parseReference('Example J. Title of a paper. J Bone Ex. 2019;12. pii: S1234-5678(19)30012-3.', 'r1').csl.page).toBeUndefined();
  });

  it('a DOI printed with a backslash for its slash', () => {
    expect(parseReference('Example, N. & Sample, H. M. 2010. Reprogramming requires demethylation. Nature doi:10.1234\\nature08752.', 'r1').csl.DOI).toBe('10.1234/nature08752');
  });

  it.each([
    ['Example, T., Sample, A. (2008). Generation of stem cells from keratinocytes. Nat Ex 26, 1276–1284.Google Scholar', '1276-1284'],
    ['Example, T., Sample, A. (2008). Generation of stem cells from keratinocytes. Nat Ex 26, 1276–1284.PubMed Google Scholar', '1276-1284'],
  ])('a link label glued to the last full stop: %s', (raw, page) => {
    const { csl } = parseReference(raw, 'r1');
    expect([csl.volume, csl.page]).toEqual(['26', page]);
  });

  it('GB/T\'s Latin form with Vancouver\'s semicolon after the year ("[J].In Vitro …,1996;32(6):602-611")', () => {
    const { csl } = parseReference('EXAMPLE D P,SAMPLE S E,MODEL S P,et al.Human Progenitor Cells from Bone Marrow[J].In Vitro Cell Ex Biol Anim,1996;32(6):602-611.', 'r1');
    expect([csl['container-title'], csl.issued, csl.volume, csl.issue, csl.page]).toEqual(['In Vitro Cell Ex Biol Anim', { 'date-parts': [[1996]] }, '32', '6', '602-611']);
  });

  it('a German body\'s name with "der" is one literal name', () => {
    const { csl } = parseReference('Wissenschaftlicher Beirat der Beispielkammer (1997) Richtlinien zur Transplantation von Stammzellen. Dtsch Ex 94: 1177–1180', 'r1');
    expect([csl.author, csl.issued]).toEqual([[{ literal: 'Wissenschaftlicher Beirat der Beispielkammer' }], { 'date-parts': [[1997]] }]);
  });

  it('a last part after a full stop that is no label stays', () => {
    expect(parseReference('Example T. Generation of cells. Nat Ex 26, 1276–1284.Stem cells', 'r1').csl.page).not.toBe('1276-1284');
  });
});

describe('the twelfth pass\'s fields', () => {
  it.each([
    // Current Protocols' unit pages after NLM's volume; an ordinary range stays as it was.
    ['Example RA, Sample LJ. Isolation of stromal cells. Curr Protoc Ex Biol. 2005;23:23.1.1-23.1.12.', '23', '23.1.1-23.1.12'],
    ['Example RA, Sample LJ. Isolation of stromal cells. Curr Protoc Ex Biol. 2007;36:23.1.', '36', '23.1'],
    ['Example RA, Sample LJ. Isolation of stromal cells. Ex Biol. 2004;99(2):1461-3.', '99', '1461-3'],
  ])('a unit\'s dotted page number: %s', (raw, volume, page) => {
    const { csl } = parseReference(raw, 'r1');
    expect([csl['container-title']?.startsWith('Curr Protoc Ex Biol') || csl['container-title'] === 'Ex Biol', csl.volume, csl.page]).toEqual([true, volume, page]);
  });

  it('Deutsches Ärzteblatt\'s edition letter before each page ("96: A-1177–1180")', () => {
    const { csl } = parseReference('Arbeitskreis Beispiel (1999) Empfehlungen zur Nachsorge. Dtsch Ärztebl 96: A-1177–1180', 'r1');
    expect([csl['container-title'], csl.volume, csl.page]).toEqual(['Dtsch Ärztebl', '96', 'A-1177-1180']);
  });

  it.each([
    // Lettered backlinks before a capital (an author) or a quotation mark, in Latin-1 text and beyond it.
    ['a b Example J, Sample K. A study of repair. Blood Ex. 2001;3:4-5.', 'Example'],
    ['a b c Łukasz J, Sample K. A study of repair. Blood Ex. 2001;3:4-5.', 'Łukasz'],
    ['^ a b “Divergence of example stem cells”. Development 132 (18): 4179–91. 2005.', undefined],
  ])('Wikipedia\'s lettered backlinks, asked without a property escape: %s', (raw, family) => {
    const { csl } = parseReference(raw, 'r1');
    expect([csl.author?.[0]?.family, csl.title?.startsWith('a b'), csl.title?.startsWith('^')]).toEqual([family, false, false]);
  });

  it('a small letter after "a b" keeps them (no backlinks: "a b c d e" of a title)', () => {
    expect(parseReference('a b c d e of cell lineage. Blood Ex. 2001;3:4-5.', 'r1').csl.title).toBe('a b c d e of cell lineage');
  });

  it('the parser\'s pattern literals write no more property escapes than change 238 left (each is looked up in ICU wherever the bundle is parsed without its code cache)', () => {
    // (A `\p{…}` in a literal costs ~0.3 M instructions each time V8 checks the literal's syntax: twice a thread in a
    // build measured without the code caches, scripts/callgrind-build.mjs. Change 235's "a b" lookahead was one.)
    let escapes = 0;
    for (const name of readdirSync('src/refs').filter((f) => f.endsWith('.ts'))) {
      const sf = ts.createSourceFile(name, readFileSync(join('src/refs', name), 'utf8'), ts.ScriptTarget.ES2022, true);
      const visit = (node: ts.Node): void => {
        if (ts.isRegularExpressionLiteral(node) && /[uv]/.test(node.text.slice(node.text.lastIndexOf('/') + 1))) escapes += node.text.match(/\\[pP]\{/g)?.length ?? 0;
        ts.forEachChild(node, visit);
      };
      visit(sf);
    }
    expect(escapes).toBeLessThanOrEqual(265);
  });
});

describe('helpers', () => {
  it('restores hyphens only inside words', () => {
    expect(restoreHyphens('Single—cell PD—L1 and — a dash')).toBe('Single-cell PD-L1 and — a dash');
  });
  it('reads author lists in three shapes', () => {
    expect(parseAuthors('Gerke H, Baillie J')).toEqual([{ family: 'Gerke', given: 'H' }, { family: 'Baillie', given: 'J' }]);
    expect(parseAuthors('Wang, L., Hao, M., Xu, Y. et al.')).toEqual([{ family: 'Wang', given: 'L.' }, { family: 'Hao', given: 'M.' }, { family: 'Xu', given: 'Y.' }]);
    expect(parseAuthors('Zhi Feng, Bo Wei', true)).toEqual([{ family: 'Feng', given: 'Zhi' }, { family: 'Wei', given: 'Bo' }]);
  });
});

// Issue 17 (start-up): the parser asks many of its patterns only of a text holding what every match holds (a bracket, a
// digit first, "&", a closing quote …), so that a one-article list compiles none of those its parts rule out. Each such
// test is written beside its pattern in src/refs; restated here, pattern by pattern, each must let through every text
// the pattern matches in: the fixtures' reference lines and their parts, the shared labelled sets' strings (when
// present) and seeded strings made of what the patterns read.
const PAGE = String.raw`[A-Za-z]?\d+(?:\.\d+)?(?:\s?[-–—_]{1,2}\s?[A-Za-z]?\d+(?:\.\d+)?)?[A-Za-z]?`;
const DASHES = '-–—_';
/** [what, the pattern as written in src/refs, the test the code asks before it]. */
const preTested: [string, RegExp, (text: string) => boolean][] = [
  ['empty brackets (parse.ts)', /\s?\(\s?\)|\s?\[\s?\]/g, (t) => holdsEmptyPair(t, '(', ')') || holdsEmptyPair(t, '[', ']')],
  ['Elsevier issue (parse.ts)', /^Issue\s+([\w-]+)$/, (t) => t.startsWith('Issue')],
  ['citation number (general.ts)', /^\s?(?:\[[^\]\s]{1,30}\]|\(\d{1,5}\)|\d{1,5}\.(?=\s)|\d{1,3}\s(?=\p{Lu}[\p{L}'’-]*,)|[-–•]\s)\s?/u, (t) => opensWithOneOf(t, '[(0123456789-–•', true)],
  ['ditto (general.ts)', /^[-—–_]{2,}\.?,?\s?/u, (t) => opensWithOneOf(t, '-—–_')],
  ['comma after the names (general.ts)', /^\s?,\s/, (t) => opensWithOneOf(t, ',', true)],
  ['opening quotation (general.ts)', /^\s?(?:["“«‘„]|``|'')\s?/u, (t) => opensWithOneOf(t, '"“«‘„`\'', true)],
  ['number before a title (general.ts)', /^\d{1,3}\.\s+(?=\p{Lu})/u, (t) => opensWithOneOf(t, DIGITS)],
  ['quotation first (general.ts)', /^["“«„][^"”»]+["”»]\s[-–—]\s/u, (t) => opensWithOneOf(t, '"“«„')],
  ['title quotes (general.ts)', /^["“«‘„]+|["”»’“]+$/gu, (t) => opensWithOneOf(t, '"“«‘„') || closesWithOneOf(t, '"”»’“')],
  ['title emphasis (general.ts)', /^(\*{1,2}|\|)([^*|]+)\1$/u, (t) => opensWithOneOf(t, '*|')],
  ['closing quote (general.ts)', /\s?["”»]$/u, (t) => closesWithOneOf(t, '"”»')],
  ['bracketed genre (general.ts)', /\s?\[([^\[\]]{4,40})\]$/u, (t) => t.endsWith(']')],
  ['quoted container (general.ts)', /^[‘“"«]([^‘“"«’”»]+)[’”"»]$/u, (t) => opensWithOneOf(t, '‘“"«')],
  ['bracketed year (general.ts)', /\s\((?:1[5-9]|20)\d{2}[a-z]?\)/gu, (t) => t.includes('(')],
  ['wrapped value (source.ts)', /^\(([^()]*)\)$/, (t) => t.startsWith('(')],
  ['bracketed day (source.ts)', /(?<=\p{L})\s?\((\d{1,2})\)\.?$/u, (t) => t.includes('(')],
  ['date brackets (source.ts)', /^\(|\)\.?$/g, (t) => t.startsWith('(') || t.includes(')')],
  ['ISO date (source.ts)', /^((?:1[5-9]|20)\d{2})-(\d{1,2})(?:-(\d{1,2}))?$/, (t) => opensWithOneOf(t, '12') && t.includes('-')],
  ['lettered year (source.ts)', /^(?:1[5-9]|20)\d{2}[a-z]$/, (t) => opensWithOneOf(t, DIGITS)],
  ['day (source.ts)', /^\d{1,2}(?:st|nd|rd|th)?$/, (t) => opensWithOneOf(t, DIGITS)],
  ['dotted date (source.ts)', /^\d{1,2}\.\d{1,2}\.(?:1[5-9]|20)\d{2}$/, (t) => opensWithOneOf(t, DIGITS) && t.includes('.')],
  ['numeric date (source.ts)', /^(?:\d{1,2}\.\d{1,2}\.(?:1[5-9]|20)\d{2}|(?:1[5-9]|20)\d{2}-\d{1,2}(?:-\d{1,2})?)$/, (t) => opensWithOneOf(t, DIGITS) && holdsOneOf(t, '.-')],
  ['physics volume (source.ts)', new RegExp(String.raw`^(?<volume>[A-Z]?\s?\d+)\s?\((?<year>(?:1[5-9]|20)\d{2})\)\s?(?<page>${PAGE})?$`, 'u'), (t) => t.includes('(')],
  ['page range (source.ts)', /^[A-Za-z]?\d+(?:\.\d+)?\s?[-–—_]{1,2}\s?[A-Za-z]?\d+(?:\.\d+)?$/u, (t) => holdsOneOf(t, DASHES)],
  ['page dashes (source.ts)', /\s?[-–—_]{1,2}\s?/g, (t) => holdsOneOf(t, DASHES)],
  ['dotted volume (source.ts)', /^(\d+)\.(\d+)$/, (t) => t.includes('.')],
  ['spaced initials (source.ts)', /(\p{Lu})\.\s(?=\p{Lu}\.?$)/gu, (t) => t.includes('.')],
  ['year, then a publisher (source.ts)', /^((?:1[5-9]|20)\d{2}):\s(\p{Lu}.*)$/u, (t) => opensWithOneOf(t, '12') && t.includes(':')],
  ['brackets around (source.ts)', /^\(|\)$/g, (t) => t.startsWith('(') || t.endsWith(')')],
  ['& Co (source.ts)', /&\s?(?:co|sons)\b/i, (t) => t.includes('&')],
  ['& Co at the end (source.ts)', /\s?&\s?co\.?$/i, (t) => t.includes('&')],
  ['company suffix (source.ts)', /^(?:Inc|Ltd|Co|Corp|LLC|GmbH)\.?$/i, (t) => opensWithOneOf(t, 'ILCGilcg')],
  ['medium brackets (source.ts)', /^[[(]\s?|\s?[\])]$/g, (t) => opensWithOneOf(t, '[(') || closesWithOneOf(t, '])')],
  ['bracketed note (source.ts)', /^\[(?:[^[\]]|\[[^[\]]*\])*\]$/, (t) => t.startsWith('[')],
  ['numeric tail (source.ts)', /^(?:\(?\d|[A-Z]?\d|[IVXLC]{1,7}[:(]|\((?:suppl|\p{L}{3,}\.?\s\d)|(?:vol|no|pp|p|v|n°|nr)\.?\s?\d|\p{L}{3,9}\s?\(\d{1,2}\)$)/iu, (t) => t.includes('(') || t.includes(':') || holdsDigit(t)],
  ['trailing group (source.ts)', /\s(\([^()]{2,200}\)|\[(?:[^[\]]|\[[^[\]]{1,40}\]){2,200}\])\.?$/u, (t) => [')', ']'].includes(t.endsWith('.') ? t.slice(-2, -1) : t.slice(-1))],
  ['leading group (source.ts)', /^\([^()]{2,200}\)(?=\s)/u, (t) => t.startsWith('(')],
  ['whole group (source.ts)', /^\((.*)\)\.?$/su, (t) => t.startsWith('(')],
  ['type code (gbt7714.ts)', referenceWords().typeCode, (t) => t.includes('[')],
  ['percent escape (identifiers.ts)', /%[0-9a-f]{2}/i, (t) => t.includes('%')],
  ['"and" first (names.ts)', /^\s*(?:and|&)\s+/i, (t) => opensWithOneOf(t.trimStart(), 'aA&')],
  ['degree (names.ts)', /\s+(?:MD|PhD|MSc|MPH|RN|DDS|DVM)[a-g]?(?:[,\s]+(?:MD|PhD|MSc|MPH)[a-g]?)*[,*\s]*$/, (t) => ['MD', 'PhD', 'MSc', 'MPH', 'RN', 'DDS', 'DVM'].some((d) => t.includes(d))],
  ['"et al." alone (names.ts)', /^et\.?\s*al\.?$/i, (t) => opensWithOneOf(t, 'eE')],
  ['"et al." anywhere (names.ts)', /\bet\.?\s*al\.?/gi, (t) => t.toLowerCase().includes('et')],
  ['"and" (names.ts)', /\s+and\s+/gi, (t) => t.toLowerCase().includes('and')],
  ['"&" (names.ts)', /\s*&\s*/g, (t) => t.includes('&')],
];

/** Whether `pattern` matches anywhere in `text` (its g flag aside). */
const matchesIn = (pattern: RegExp, text: string) => new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, '')).test(text);

/** The reference lines of the fixtures (a year and a separator in a line of 30 units or more), whole and cut into parts as the parser cuts them. */
function fixtureStrings(): string[] {
  const files = ['fixtures/articles', 'fixtures/bench'].flatMap((dir) => readdirSync(dir).filter((f) => /\.(?:txt|md)$/.test(f)).map((f) => join(dir, f)));
  const lines = files.flatMap((f) => readFileSync(f, 'utf8').split('\n')).filter((l) => l.length >= 30 && /(?:19|20)\d{2}/.test(l) && /[.,;]/.test(l));
  return [...new Set(lines.flatMap((l) => [l, l.trim(), ...l.split(/[,;.]\s|\s(?=\()|:\s/).flatMap((p) => [p, p.trim(), ...p.trim().split(/\s+/)])]))];
}

/** The labelled reference strings of the shared data (none without it), whole and cut into parts. */
function sharedStrings(): string[] {
  return [...new Set(labelledReferenceStrings().flatMap((raw) => [raw, ...raw.split(/[,;.]\s|\s(?=\()|:\s/).flatMap((p) => [p, p.trim(), ...p.trim().split(/\s+/)])]))];
}

describe('patterns asked only of texts holding what their matches hold (issue 17: start-up)', () => {
  const check = (texts: readonly string[]) => {
    const wrong: [string, string][] = [];
    let matched = 0;
    for (const [what, pattern, preTest] of preTested) {
      for (const text of texts) {
        if (!matchesIn(pattern, text)) continue;
        matched++;
        if (!preTest(text)) wrong.push([what, text]);
      }
    }
    return { wrong, matched };
  };

  it('let through every fixture reference line and part a pattern matches in', () => {
    const { wrong, matched } = check(fixtureStrings());
    expect(wrong).toEqual([]);
    expect(matched).toBeGreaterThan(500);
  });

  const shared = sharedStrings();
  it.skipIf(shared.length === 0)('let through every labelled reference string and part a pattern matches in (shared data)', () => {
    const { wrong, matched } = check(shared);
    expect(wrong).toEqual([]);
    expect(matched).toBeGreaterThan(10_000);
  }, 120_000);

  it('let through every seeded string a pattern matches in', () => {
    // Strings of the units the patterns and their tests read: brackets, quotes, dashes, digits, the words they hold.
    const pieces = ['(', ')', '[', ']', '"', '“', '”', '«', '»', '‘', '’', '„', '`', "'", '*', '|', '-', '–', '—', '_', '•', '.', ',', ':', ';', ' ', '\u00a0', '\t', '&', '%', '2f', '0', '1', '2', '5', '9', '19', '20', '2025', 'st', 'Issue', 'in', 'In', 'and', 'AND', 'et', 'al', 'Et al', 'co', 'Co', 'sons', 'Inc', 'GmbH', 'llc', 'MD', 'PhD', 'RN', 'J', 'M/OL', 'suppl', 'vol', 'IV', 'X', 'Smith', 'ab', 'É', 'é', 'ſ', '\u212a'];
    const texts = fc.sample(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 12 }).map((p) => p.join('')), { numRuns: 20_000, seed: 17 });
    const { wrong, matched } = check(texts);
    expect(wrong).toEqual([]);
    expect(matched).toBeGreaterThan(10_000);
  }, 120_000);

  it('compile none of these patterns for as-2025’s reference list', () => {
    const raw = readFileSync('fixtures/articles/as-2025.txt', 'utf8');
    const list = raw.slice(raw.indexOf('[1]', raw.indexOf('参考资料')), raw.indexOf('免责说明'));
    const references = list.split(/\[\d\]/).map((r) => r.replace(/\s+/g, ' ').trim()).filter(Boolean);
    expect(references).toHaveLength(7);
    const exec = RegExp.prototype.exec;
    const run = new Set<string>();
    RegExp.prototype.exec = function (this: RegExp, text: string) {
      run.add(this.source);
      return exec.call(this, text);
    };
    try {
      for (const [k, reference] of references.entries()) parseReference(reference, `ref-${k + 1}`);
    } finally {
      RegExp.prototype.exec = exec;
    }
    // (Before this change, 40 of these were compiled and run on as-2025's list. One is still asked: the date
    // brackets' pattern, of a date that holds a bracket.)
    const asked = preTested.filter(([, pattern]) => run.has(pattern.source)).map(([what]) => what);
    expect(asked).toEqual(['date brackets (source.ts)']);
  });
});
