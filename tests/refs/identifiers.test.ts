import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { cleanDoi, cleanUrl, findIdentifiers, isIdentifierOnly } from '../../src/refs/identifiers.js';

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
    // A publisher's page name after the DOI is no part of it.
    ['http://onlinelibrary.wiley.com/doi/10.1002/9781118400001/summary.', '10.1002/9781118400001'],
    ['https://onlinelibrary.wiley.com/doi/full/10.1111/j.1365-2796.2004.01392.x/full', '10.1111/j.1365-2796.2004.01392.x'],
    ['https://doi.org/10.1002/stem.2033/abstract', '10.1002/stem.2033'],
    ['https://www.example-journals.org/doi/10.1080/15476286.2020.1771101/pdf', '10.1080/15476286.2020.1771101'],
    ['http://pubs.acs.org/doi/ipdf/10.1021/cb300573r', '10.1021/cb300573r'],
    ['https://pubs.acs.org/doi/pdfplus/10.1021/cb3005325', '10.1021/cb3005325'],
    // A DOI of its own with slashes keeps them.
    ['https://doi.org/10.1093/nar/gkab123', '10.1093/nar/gkab123'],
    // A DOI a line break cut after its slash.
    ['Front. Neurosci. 2:47-55. doi:10.3389/ neuro.01.002.2008', '10.3389/neuro.01.002.2008'],
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

  it('tells a line of identifiers from a reference', () => {
    for (const line of ['https://doi.org/10.1000/x.1', 'DOI: 10.1000/x.1', 'doi:10.1000/x.1.', 'PMID: 12345678', 'PMCID: PMC1234567', '[PubMed] [CrossRef] https://doi.org/10.1000/x.1']) expect(isIdentifierOnly(line), line).toBe(true);
    for (const line of ['Smith J. Title. J 2020;1:1. https://doi.org/10.1000/x.1', 'Journal', '[11] https://doi.org/10.1000/x.1']) expect(isIdentifierOnly(line), line).toBe(false);
  });
});

describe('brackets and trackers at the end of identifiers', () => {
  it('cleanUrl keeps a closing bracket that closes one inside the URL, drops the rest and utm_ parameters', () => {
    expect(cleanUrl('https://en.wikipedia.org/wiki/Stem_cell_(biology))')).toBe('https://en.wikipedia.org/wiki/Stem_cell_(biology)');
    expect(cleanUrl('https://example.org/a[1]].')).toBe('https://example.org/a[1]');
    expect(cleanUrl('https://example.org/x?utm_source=a#frag')).toBe('https://example.org/x#frag');
    expect(cleanUrl('https://example.org/x?a=1&utm_medium=b')).toBe('https://example.org/x?a=1');
  });

  it('cleanDoi drops an unbalanced ), ], > or } and keeps a balanced one; a stray % stays; no DOI, null', () => {
    expect(['10.1000/abc}', '10.1000/a{b}', '10.1000/x]', '10.1000/x>', '10.1000/50%off', 'nope'].map(cleanDoi)).toEqual(['10.1000/abc', '10.1000/a{b}', '10.1000/x', '10.1000/x', '10.1000/50%off', null]);
  });

  it('isIdentifierOnly: nothing, over 600 characters, or words around a link are not a line of identifiers; a PMID alone is', () => {
    expect(isIdentifierOnly('')).toBe(false);
    expect(isIdentifierOnly(`https://doi.org/10.1000/${'x'.repeat(600)}`)).toBe(false);
    expect(isIdentifierOnly('See the paper at https://x.org for more')).toBe(false);
    expect(isIdentifierOnly('PMID: 12345678')).toBe(true);
  });
});

describe('a line of identifiers told by one anchored test of its labels (issue 17: pipeline CPU)', () => {
  // isIdentifierOnly as written before: the labels and separators replaced away, and the rest trimmed.
  const labels = /\b(?:doi|pmid|pmcid|isbn|issn|url|available\s(?:at|from)|retrieved\sfrom|link|full\stext|crossref|pubmed|google\sscholar)\b|[\s:：,;.|·•()[\]<>-]+/giu;
  const before = (line: string): boolean => {
    const text = line.trim();
    if (!text || text.length > 600) return false;
    if (!/10\.|http|pmc|pmid/i.test(text)) return false;
    const rest = text
      .replace(/\bhttps?:\/\/\S+/gi, ' ')
      .replace(/\b10\.\d{4,9}\/\S+/g, ' ')
      .replace(/\bPMC\d{3,10}\b/g, ' ')
      .replace(/\b(?:PMID|PMCID)\s*[:：]?\s*\d{1,10}\b/gi, ' ')
      .replace(labels, '');
    if (rest.trim() !== '') return false;
    const ids = findIdentifiers(text);
    return Boolean(ids.DOI || ids.URL || ids.PMID || ids.PMCID);
  };

  it('answers as the replace did, on lines of labels, separators, identifiers and words in any case', () => {
    // The labels and their near misses (a prefix, a longer word, a letter that folds to one of theirs: ſ to s, K (Kelvin) to k),
    // every separator, identifiers of each kind, words, digits, white space of several kinds.
    const piece = fc.constantFrom(
      'doi', 'DOI', 'Doi', 'pmid', 'PMID', 'pmcid', 'PMCID', 'isbn', 'ISSN', 'url', 'URL', 'available at', 'Available from', 'available  at', 'retrieved from',
      'link', 'LINK', 'linK', 'Link', 'full text', 'Full\u00a0text', 'crossref', 'CrossRef', 'pubmed', 'PubMed', 'google scholar', 'Google Scholar',
      'do', 'doix', 'links', 'pmi', 'ſcholar', 'iſſn', 'crossreference', 'available', 'full', 'google',
      ' ', '  ', '\t', '\u00a0', '\u3000', ':', '：', ',', ';', '.', '|', '·', '•', '(', ')', '[', ']', '<', '>', '-', '–', '/', '_',
      'https://doi.org/10.1000/x.1', 'http://x.org/a?b=1', '10.1000/abc', '10.12345/x(1)', 'PMC1234567', 'PMID: 12345678', 'PMCID:PMC99', '12345678',
      'Smith J', 'Title', 'é', '张', '2020', 'x', 'K', '\u212a',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 16 }), (pieces) => {
        const line = pieces.join('');
        expect(isIdentifierOnly(line), JSON.stringify(line)).toBe(before(line));
      }),
      { seed: 17, numRuns: 20000 },
    );
    for (const line of ['Full text | PubMed | Google Scholar | https://doi.org/10.1000/x.1', 'Available from: https://x.org/a', 'doi:10.1000/abc. PMCID: PMC12345', 'li\u212ak: https://x.org/a', 'DOI 10.1000/x.1 Journal']) {
      expect(isIdentifierOnly(line), line).toBe(before(line));
    }
  });

  it('answers a line with a digit left beside its identifiers without the labels’ pattern (no label or separator is a digit)', () => {
    const exec = vi.spyOn(RegExp.prototype, 'exec');
    try {
      for (const line of ['[1]Zeng L, Liu C. A title. Stem Cell Res Ther. 2024;15:1-9. https://doi.org/10.1186/x', '[7] https://doi.org/10.1000/x.1', '2020 PMID: 12345678']) expect(isIdentifierOnly(line), line).toBe(false);
      expect(exec.mock.contexts.filter((pattern) => (pattern as RegExp).source.startsWith('^(?:\\b(?:doi|'))).toHaveLength(0);
    } finally {
      exec.mockRestore();
    }
    expect(isIdentifierOnly('DOI: 10.1000/x.1 | PubMed')).toBe(true);
  });

  it('reads a reference line without replacing its labels away: no copy of the line a label and separator (~50 a reference)', () => {
    const replace = vi.spyOn(RegExp.prototype, Symbol.replace);
    try {
      expect(isIdentifierOnly('[1] Smith J, Doe A. A title: one, two. J Med. 2020;1:1-2. doi:10.1000/x.1. PMID: 12345678')).toBe(false);
      // (The identifiers' own replaces stay: each finds one match or none.)
      expect(replace.mock.contexts.filter((pattern) => (pattern as RegExp).unicode)).toHaveLength(0);
    } finally {
      replace.mockRestore();
    }
  });
});
