import { describe, expect, it } from 'vitest';
import { parseCitationIndex } from '../../src/refs/citation-index.js';
import type { CslItem } from '../../src/refs/csl.js';
import { parseReference } from '../../src/refs/parse.js';

const csl = (raw: string) => parseReference(raw, 'ref-1').csl;

describe("a citation index's Crossref form (\"Family, Title, Journal, № v, с. p\")", () => {
  it('reads the family, the title (less the full stop the index adds), the journal with the full stop of its abbreviation, the volume and the first page', () => {
    expect(csl('Kowalczyk, Wnt signals in the ageing skeleton: from families to drugs., Skelet. Med., № 21, с. 233')).toEqual({
      id: 'ref-1',
      type: 'article-journal',
      author: [{ family: 'Kowalczyk' }],
      title: 'Wnt signals in the ageing skeleton: from families to drugs',
      'container-title': 'Skelet. Med.',
      volume: '21',
      page: '233',
    });
  });

  it('reads a volume without a page, and the DOI the next line gives bare ("DOI:" over it)', () => {
    expect(csl('Ferreira, Stromal vesicles rich in distinctive microRNA species., Bone Res Ex., № 8 10.5555/bre.vesicles.0101')).toEqual({
      id: 'ref-1',
      type: 'article-journal',
      author: [{ family: 'Ferreira' }],
      title: 'Stromal vesicles rich in distinctive microRNA species',
      'container-title': 'Bone Res Ex.',
      volume: '8',
      DOI: '10.5555/bre.vesicles.0101',
    });
  });

  it('keeps the commas and full stops inside a title, and particles and hyphens in the family', () => {
    expect(csl('van der Berg, Stem cells, scaffolds, and the repair of long bones, Orthop. Res. Lett., № 12, с. 45 https://doi.org/10.5555/orl.long.45 -')).toMatchObject({
      author: [{ family: 'van der Berg' }],
      title: 'Stem cells, scaffolds, and the repair of long bones',
      'container-title': 'Orthop. Res. Lett.',
      volume: '12',
      page: '45',
      DOI: '10.5555/orl.long.45',
    });
    expect(csl('Souza-Lima, Marrow niches. The consensus statement of a working group, Cytother. Ex.: CE, № 2018, с. 3057624')).toMatchObject({
      author: [{ family: 'Souza-Lima' }],
      title: 'Marrow niches. The consensus statement of a working group',
      'container-title': 'Cytother. Ex.: CE',
      volume: '2018',
      page: '3057624',
    });
  });

  it('reads no family where the first piece holds a word in lower case (the index printed no author)', () => {
    expect(csl('Stromal cells, vesicles and bone, Bone Res Ex., № 85-A, с. 1927–1934')).toMatchObject({
      title: 'Stromal cells, vesicles and bone',
      'container-title': 'Bone Res Ex.',
      volume: '85-A',
      page: '1927-1934',
    });
    expect(csl('Stromal cells, vesicles and bone, Bone Res Ex., № 85-A, с. 1927–1934').author).toBeUndefined();
  });

  it('reads a chapter whose page alone is labelled', () => {
    expect(csl('Okafor, Cord blood banking in practice, Handbook of Example Cell Therapies, с. 95-113')).toMatchObject({
      author: [{ family: 'Okafor' }],
      title: 'Cord blood banking in practice',
      'container-title': 'Handbook of Example Cell Therapies',
      page: '95-113',
    });
  });

  it('is no reading where the labels are not the last pieces, or no title and container stand before them', () => {
    const none = (core: string) => parseCitationIndex(core, { id: 'x', type: 'article-journal' } as CslItem);
    expect(none('Bone Res Ex., № 8')).toBe(false);
    expect(none('Okafor, Title, Bone Res Ex., № 8 and more words')).toBe(false);
    expect(none('Okafor A. Cord blood banking. Bone Res Ex. 2020;8:12.')).toBe(false);
    expect(none('Okafor, Title, , № 8')).toBe(false);
  });
});
