import { describe, expect, it } from 'vitest';
import { isPlaceholder, parseAuthors, parseReference, restoreHyphens } from '../../src/refs/parse.js';

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
