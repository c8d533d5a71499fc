import { describe, expect, it } from 'vitest';
import { parseReference } from '../../src/refs/parse.js';
import { classifySegment, isPlaceName, isPublisherName, readSourceText } from '../../src/refs/source.js';

const csl = (raw: string) => parseReference(raw, 'ref-1').csl;

describe('the source after the title: editions, places, publishers, contributors, dates', () => {
  it('APA: editors of a whole book, an edition in brackets', () => {
    expect(csl('Lanza, R., & Atala, A. (Eds.). (2014). Essentials of stem cell biology (3rd ed.). Academic Press.')).toEqual({
      id: 'ref-1',
      type: 'book',
      editor: [{ family: 'Lanza', given: 'R.' }, { family: 'Atala', given: 'A.' }],
      issued: { 'date-parts': [[2014]] },
      title: 'Essentials of stem cell biology',
      publisher: 'Academic Press',
      edition: '3rd ed',
    });
  });

  it('APA chapter: "In A. Jones & B. Brown (Eds.), Book (pp. x–y). Place: Publisher."', () => {
    expect(csl('Smith, J. (2019). Cell therapy. In A. Jones & B. Brown (Eds.), Handbook of regenerative medicine (pp. 45–67). New York, NY: Springer.')).toMatchObject({
      type: 'chapter',
      title: 'Cell therapy',
      'container-title': 'Handbook of regenerative medicine',
      page: '45-67',
      publisher: 'Springer',
      'publisher-place': 'New York, NY',
      editor: [{ family: 'Jones', given: 'A.' }, { family: 'Brown', given: 'B.' }],
    });
  });

  it('Vancouver chapter: "In: Park J, editor. Book. 2nd ed. Place: Publisher; year. p. x-y."', () => {
    expect(csl('Kim H, Lee S. Cell therapy. In: Park J, editor. Regenerative Medicine. 2nd ed. Seoul: Medical Press; 2019. p. 45-67.')).toMatchObject({
      type: 'chapter',
      'container-title': 'Regenerative Medicine',
      page: '45-67',
      publisher: 'Medical Press',
      'publisher-place': 'Seoul',
      edition: '2nd ed',
      editor: [{ family: 'Park', given: 'J' }],
      issued: { 'date-parts': [[2019]] },
    });
  });

  it('translators: "Translated by John Smith." and "(Trans. K. White)"', () => {
    expect(csl('Yamanaka, Shinya. Induced Pluripotency. Translated by John Smith. Tokyo: Kodansha, 2012.')).toMatchObject({
      type: 'book',
      title: 'Induced Pluripotency',
      publisher: 'Kodansha',
      'publisher-place': 'Tokyo',
      translator: [{ family: 'Smith', given: 'John' }],
      issued: { 'date-parts': [[2012]] },
    });
    expect(csl('Green, T. (2017). Cells and society (Trans. K. White). Oxford: Oxford University Press.')).toMatchObject({
      title: 'Cells and society',
      publisher: 'Oxford University Press',
      'publisher-place': 'Oxford',
      translator: [{ family: 'White', given: 'K.' }],
    });
  });

  it('a thesis in APA: the genre in brackets after the title, the university and its place after', () => {
    expect(csl('Brown, A. (2018). Stem cells in arthritis (Doctoral dissertation). Harvard University, Cambridge, MA.')).toMatchObject({
      type: 'thesis',
      title: 'Stem cells in arthritis',
      genre: 'Doctoral dissertation',
      publisher: 'Harvard University',
      'publisher-place': 'Cambridge, MA',
    });
  });

  it('Harvard: "6th edn." after the title; a publisher that names cities after it; a page count', () => {
    expect(csl('Alberts, B. et al. (2015) Molecular Biology of the Cell. 6th edn. New York: Garland Science.')).toMatchObject({
      type: 'book',
      title: 'Molecular Biology of the Cell',
      edition: '6th edn',
      publisher: 'Garland Science',
      'publisher-place': 'New York',
    });
    expect(csl('Gray, E. (2013). Stem cells: a primer. Springer-Verlag, Berlin, Heidelberg. pp. 250.')).toMatchObject({
      type: 'book',
      title: 'Stem cells: a primer',
      publisher: 'Springer-Verlag',
      'publisher-place': 'Berlin',
      page: '250',
    });
  });

  it('a serial with "Vol." and a publisher after it; a bracketed description kept in the title', () => {
    expect(csl('Jones, M. (2020). Stem cell banking. Methods in Molecular Biology, Vol. 2045. Humana Press.')).toMatchObject({
      'container-title': 'Methods in Molecular Biology',
      volume: '2045',
      publisher: 'Humana Press',
    });
    expect(csl('Blue, A., & Red, B. (2016). Stem cells [Special issue]. Journal of Cell Science, 129(4), 1–20.')).toMatchObject({
      title: 'Stem cells [Special issue]',
      'container-title': 'Journal of Cell Science',
      volume: '129',
      issue: '4',
      page: '1-20',
    });
  });

  it('NLM dates with a day, and a season with a supplement', () => {
    expect(csl('Doe J. Stem cells. Nature. 2020 Jan 15;577(7790):e1-e5.')).toMatchObject({ issued: { 'date-parts': [[2020, 1, 15]] }, volume: '577', issue: '7790', page: 'e1-e5' });
    expect(csl('Doe J. Stem cells. Nature. 2020 Winter;12 Suppl 2:S1-9.')).toMatchObject({ issued: { 'date-parts': [[2020]] }, volume: '12 Suppl 2', page: 'S1-9' });
  });
});

describe('source helpers', () => {
  it('places: a known city, a city with its region, a region alone; not a word', () => {
    expect(isPlaceName('New York')).toBe(true);
    expect(isPlaceName('Cambridge, MA')).toBe(true);
    expect(isPlaceName('Stem cells')).toBe(false);
  });

  it('publishers: a word publishers use, "& Sons"; not a title', () => {
    expect(isPublisherName('Academic Press')).toBe(true);
    expect(isPublisherName('John Wiley & Sons')).toBe(true);
    expect(isPublisherName('Stem cells in arthritis')).toBe(false);
  });

  it.each([
    ['2nd ed.', { kind: 'edition', fields: { edition: '2nd ed' } }],
    ['3rd edn', { kind: 'edition', fields: { edition: '3rd edn' } }],
    ['Chapter 5', { kind: 'note', fields: { note: 'Chapter 5' } }],
    ['ISSN 1234-5678', { kind: 'note', fields: { note: 'ISSN 1234-5678' } }],
    ['[Internet]', { kind: 'note', fields: { note: '[Internet]' } }],
    ['', { kind: 'note', fields: {} }],
    ['Vol. 2', { kind: 'numbers', fields: { volume: '2' } }],
    ['pp. 250', { kind: 'numbers', fields: { page: '250' } }],
    ['(Suppl 2)', { kind: 'numbers', fields: { issue: 'Suppl 2' } }],
    ['edited by E. Grey and F. Pink', { kind: 'editors', fields: { editors: [{ family: 'Grey', given: 'E.' }, { family: 'Pink', given: 'F.' }] } }],
    ['Translated by John Smith', { kind: 'translators', fields: { translators: [{ family: 'Smith', given: 'John' }] } }],
    ['Spring 2019', { kind: 'date', fields: { year: 2019 } }],
    ['March 3, 2021', { kind: 'numbers', fields: { year: 2021, month: 3, day: 3 } }],
    ['Geneva', { kind: 'place', fields: { place: 'Geneva' } }],
    ['London: EMA', { kind: 'place-publisher', fields: { place: 'London', publisher: 'EMA' } }],
    ['New York: Springer', { kind: 'place-publisher', fields: { place: 'New York', publisher: 'Springer' } }],
    ['Humana Press', { kind: 'publisher', fields: { publisher: 'Humana Press' } }],
    ['Little, Brown & Co', { kind: 'publisher', fields: { publisher: 'Little, Brown & Co' } }],
    ['Lecture Notes in Computer Science', { kind: 'series', fields: { series: 'Lecture Notes in Computer Science' } }],
    ['Technical Report TR-2019-01', { kind: 'genre', fields: { genre: 'Technical Report', genreKind: 'report', number: 'TR-2019-01' } }],
    ['Suppl', { kind: 'text', fields: {} }],
    ['250 pp.', { kind: 'note', fields: { note: '250 pp', pages: '250' } }],
    ['2019a', { kind: 'numbers', fields: { year: 2019 } }],
    ['Winter 2018', { kind: 'date', fields: { year: 2018 } }],
    ['Jan 2020', { kind: 'numbers', fields: { year: 2020, month: 1 } }],
    ['2020 Jan-Feb', { kind: 'numbers', fields: { year: 2020, month: 1 } }],
    ['First edition', { kind: 'edition', fields: { edition: 'First edition' } }],
    ['Report 12', { kind: 'genre', fields: { genre: 'Report', genreKind: 'report', number: '12' } }],
    ['Trans. K. White', { kind: 'translators', fields: { translators: [{ family: 'White', given: 'K.' }] } }],
    ['ed. by J. Smith', { kind: 'editors', fields: { editors: [{ family: 'Smith', given: 'J.' }] } }],
    ['Eds. A. Jones and B. Brown', { kind: 'editors', fields: { editors: [{ family: 'Jones', given: 'A.' }, { family: 'Brown', given: 'B.' }] } }],
    ['John Wiley & Sons', { kind: 'publisher', fields: { publisher: 'John Wiley & Sons' } }],
    ['Boston, MA', { kind: 'place', fields: { place: 'Boston, MA' } }],
    ['Vol. 3, pp. 10-20', { kind: 'numbers', fields: { volume: '3', page: '10-20' } }],
    ['3(2):10-20', { kind: 'numbers', fields: { volume: '3', issue: '2', page: '10-20' } }],
  ])('a segment %j is read as %o', (text, expected) => {
    expect(classifySegment(text)).toEqual(expected);
  });

  it('no source text: no segments, nothing unplaced, not in a container', () => {
    expect(readSourceText('')).toEqual({ inContainer: false, score: 0, unplaced: [], segments: [] });
  });
});
