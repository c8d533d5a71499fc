import { describe, expect, it } from 'vitest';
import { cleanDoi, cleanUrl, findIdentifiers } from '../../src/refs/identifiers.js';

describe('identifiers', () => {
  it.each([
    ['https://doi.org/10.1016/j.intimp.2025.114017.', '10.1016/j.intimp.2025.114017'],
    ['doi: 10.1002/iid3.70189. PMID: 40353645', '10.1002/iid3.70189'],
    ['| DOI: 10.1097/MD.0000000000043623', '10.1097/MD.0000000000043623'],
    ['https://pubs.acs.org/doi/abs/10.1021/acsami.4c09080?utm_source=chatgpt.com', '10.1021/acsami.4c09080'],
    ['https://www.tandfonline.com/doi/full/10.2147/BTT.S571417?scroll=top&needAccess=true', '10.2147/BTT.S571417'],
    ['http://dx.doi.org/10.1002/(SICI)1097-4636(199603)31:3<331::AID-JBM6>3.0.CO;2-F', '10.1002/(SICI)1097-4636(199603)31:3<331::AID-JBM6>3.0.CO;2-F'],
    ['https://doi.org/10.1002/%28SICI%291097-4636%28199603%2931%3A3%3C331%3A%3AAID-JBM6%3E3.0.CO%3B2-F', '10.1002/(SICI)1097-4636(199603)31:3<331::AID-JBM6>3.0.CO;2-F'],
    ['(doi:10.1038/nature08746)', '10.1038/nature08746'],
  ])('DOI in %s', (text, doi) => {
    expect(findIdentifiers(text).DOI).toBe(doi);
  });

  it('finds PMID, PMCID and ISSN', () => {
    expect(findIdentifiers('doi: 10.1002/iid3.70189. PMID: 40353645; PMCID: PMC12067559.')).toMatchObject({ PMID: '40353645', PMCID: 'PMC12067559' });
    expect(findIdentifiers('Volume 147,2025,114017,ISSN 1567-5769,https://doi.org/x').ISSN).toBe('1567-5769');
  });

  it('drops utm_* tracking parameters and trailing punctuation from URLs, keeping the rest', () => {
    expect(cleanUrl('https://pubs.acs.org/doi/abs/10.1021/acsami.4c09080?utm_source=chatgpt.com')).toBe('https://pubs.acs.org/doi/abs/10.1021/acsami.4c09080');
    expect(cleanUrl('https://x.org/a?id=3&utm_medium=x&utm_campaign=y#top')).toBe('https://x.org/a?id=3#top');
    expect(cleanUrl('https://x.org/wiki/A_(B).')).toBe('https://x.org/wiki/A_(B)');
    expect(cleanUrl('https://x.org/a).')).toBe('https://x.org/a');
  });

  it('rejects what is not a DOI', () => {
    expect(cleanDoi('10.1/x')).toBeNull();
    expect(cleanDoi('hello')).toBeNull();
  });
});
