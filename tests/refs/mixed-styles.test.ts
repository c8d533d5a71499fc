import { describe, expect, it } from 'vitest';
import { parseReference } from '../../src/refs/parse.js';

// Mixed-style references (issue 14, AnyStyle's shapes): strings written for these tests, no third-party data.
const csl = (raw: string) => parseReference(raw, 'ref-1').csl;

describe('mixed-style references', () => {
  it('a page label may be capitalised ("Pages 12-19", "P. 88 - 97", "Page 4")', () => {
    expect(csl('R. Okafor and T. Lind, Streaming cell counts over lossy links, Cytometry Workshop 97, Pages 12-19.')).toMatchObject({
      title: 'Streaming cell counts over lossy links',
      'container-title': 'Cytometry Workshop',
      page: '12-19',
    });
    expect(csl('Marsh, K. L., Lindqvist, O., Marrow niches of the aged mouse, Journal of Bone Biology, 41. P. 88 - 97. 2003.')).toMatchObject({
      title: 'Marrow niches of the aged mouse',
      'container-title': 'Journal of Bone Biology',
      volume: '41',
      page: '88-97',
    });
  });

  it('in a given-first list the name after "and" is the last: a title with a colon follows', () => {
    expect(csl('P. Varga and L. Moreau, Stromal Cell Biology: A Primer, Academic Press, 1994.')).toMatchObject({
      author: [{ family: 'Varga', given: 'P.' }, { family: 'Moreau', given: 'L.' }],
      title: 'Stromal Cell Biology: A Primer',
      publisher: 'Academic Press',
    });
    // (A family-first list goes on after "&": "Kim, S. & Wong, T., Ortiz, R, …".)
    expect(csl('Adeyemi, S.E. & Holt, T.R., Ortiz, R., Banerjee, P. (2011) Cord blood units in storage. Transfusion Notes, 12(3), 40-46.').author).toHaveLength(4);
  });

  it('an abbreviation after a comma opens the source, its full stop ends no title ("…, Phys. Rev. Lett. 96, …")', () => {
    expect(csl('T. Brandt, O. Seidel, Spin transport in layered cuprates near the Mott transition, Phys. Rev. Lett. 88, 117002 (2004).')).toMatchObject({
      title: 'Spin transport in layered cuprates near the Mott transition',
      'container-title': 'Phys. Rev. Lett.',
      volume: '88',
    });
  });

  it('"N.p." (no publisher), "s.l." (no place) and a search engine\'s "Citeseer" are no part of a container', () => {
    expect(csl('Okoro, Ada. “Why We Bank Cord Blood.” Marrow Matters Blog, N.p., 4 Mar. 2015, Web. 9 May 2016.')['container-title']).toBe('Marrow Matters Blog');
    expect(csl('Haldane, Ruth, ‘Caring for Donors’ (33-41) in Owen Pryce (ed.), Gifts of Blood: Essays on Donation, s.l.: Lantern, 2009.')).toMatchObject({
      'container-title': 'Gifts of Blood: Essays on Donation',
      publisher: 'Lantern',
      'publisher-place': 's.l.',
    });
    expect(csl('[7] Iwu, K., and Berg, L., “Counting colonies by eye,” The Proceedings of the Society for Cell Imaging, Citeseer, 2003.')['container-title']).toBe('The Proceedings of the Society for Cell Imaging');
  });

  it('a name with a series word is the container after "In", or when only numbers and dates follow it', () => {
    expect(csl('Ferreira, L. “Cells as Witnesses.” In The Marrow Archive: Studies in Transplant History, edited by Ana Costa. Lisbon: Tinta, 1999, 41–58.')['container-title']).toBe(
      'The Marrow Archive: Studies in Transplant History',
    );
    const periodical = csl('Quist, H. L. "Storing Cord Blood," Regional Blood Bank Bulletin (March-April, 1964).');
    expect(periodical['container-title']).toBe('Regional Blood Bank Bulletin');
    expect(periodical['collection-title']).toBeUndefined();
    // (With a publisher it stays a series.)
    expect(csl('Voss, R. Marrow Transplants: A History. Lecture Notes in Medicine, Vol. 12. Springer, Berlin, 1990.')['collection-title']).toBe('Lecture Notes in Medicine');
  });

  it('a suffix is no family name: "Breternitz Jr., …" in a given-first list, "Wimsatt Jr., William" family first', () => {
    const list = csl('Lena Ortiz, Mauricio Vale Jr., Kai Moreno, and Yusuf Demir. Tracking donor cells in marrow. In Proceedings of the Cell Imaging Conference, pages 4–15. Springer, 2007.');
    expect(list.author).toEqual([
      { family: 'Ortiz', given: 'Lena' },
      { family: 'Vale', given: 'Mauricio', suffix: 'Jr' },
      { family: 'Moreno', given: 'Kai' },
      { family: 'Demir', given: 'Yusuf' },
    ]);
    expect(list.title).toBe('Tracking donor cells in marrow');
    expect(csl('Harlan Jr., Thomas Reed. ‘Marrow, Memory, and Others’. Cell Letters 12, no. 3 (May 1961): 33–39.')).toMatchObject({
      author: [{ family: 'Harlan', given: 'Thomas Reed', suffix: 'Jr' }],
      title: 'Marrow, Memory, and Others',
    });
  });

  it('a quoted title after given-first names proves the list; "(s. d.)" is a date not given', () => {
    expect(csl('Ana Beatriz Lima, Rui Costa, "Marrow Donors in Coastal Towns", International Forum on Cell Donation, 3-4 May 2011')).toMatchObject({
      author: [{ family: 'Lima', given: 'Ana Beatriz' }, { family: 'Costa', given: 'Rui' }],
      title: 'Marrow Donors in Coastal Towns',
    });
    const undated = csl('Morel, P. (s. d.). Les donneurs de moelle et leurs familles. La santé, p. 40 44.');
    expect(undated.title).toBe('Les donneurs de moelle et leurs familles');
    expect(undated.issued).toBeUndefined();
  });

  it('"In Container, ed. Names": the role word before names is theirs, the name before it the container', () => {
    expect(csl('Lund, Maria. “Cord Blood in the Parish.” In Sanguis Populi, ed. Arne Holm. Oslo, 1981. Pp. 12–30.')).toMatchObject({
      'container-title': 'Sanguis Populi',
      editor: [{ family: 'Holm', given: 'Arne' }],
    });
    expect(csl('Reyes, Ana, and Tom Kline. 2004. Counting stem cells. In Imaging, Sorting, and Cell Culture Methods, eds. Lena Ortiz and Kai Moreno, 40–52. Berlin: Springer.')['container-title']).toBe('Imaging, Sorting, and Cell Culture Methods');
    // (Names then their role stay editors: "In D. S. Touretzky, editor, Container".)
    expect(csl('P. Lund and K. Iwu. Marrow maps. In D. S. Varga, editor, Cell Mapping Systems 2, pages 266-273. Morgan Kaufmann, 1990.')['container-title']).toBe('Cell Mapping Systems 2');
  });

  it('after "In" a year may open the meeting\'s name; astronomy\'s "A&A" is a journal with no title before it', () => {
    expect(csl('[12] K. Iwu and P. Lund, “Tracking grafts with light,” in 2018 IEEE International Conference on Cell Imaging, May 2018, pp. 44–51.')).toMatchObject({
      title: 'Tracking grafts with light',
      'container-title': '2018 IEEE International Conference on Cell Imaging',
      issued: { 'date-parts': [[2018, 5]] },
      page: '44-51',
    });
    expect(csl('Lindqvist O., Marsh K., 2011, A&A, 530, 112')).toMatchObject({ 'container-title': 'A&A', volume: '530', page: '112' });
  });

  it('a full stop inside a closing emphasis mark ends the title ("*Title.* Place: Publisher", "<i>Species.</i> Journal 12: 1-9")', () => {
    expect(csl('Marek, J. (ed.). 1961. *Oeuvres choisies de Pasteur.* Lyon: Éditions du Rhône.')).toMatchObject({
      title: 'Oeuvres choisies de Pasteur',
      publisher: 'Éditions du Rhône',
      'publisher-place': 'Lyon',
    });
    expect(csl('Holm, A. B., and K. Lind. 2009. <i>Sorex minutus.</i> Mammal Notes 881: 1-12.')).toMatchObject({ 'container-title': 'Mammal Notes', volume: '881', page: '1-12' });
  });

  it('edition and contributor parts end a title: "Rev. ed.", "(ed. and trans.)", "Traduction de …", "A, B, and C (eds.)"', () => {
    expect(csl('Holm, Arne K. The Marrow Economy, Rev. ed. Boston: Pine, Rowe and Hale, 1971.')).toMatchObject({
      title: 'The Marrow Economy',
      edition: 'Rev. ed',
      publisher: 'Pine, Rowe and Hale',
      'publisher-place': 'Boston',
    });
    expect(csl('Vale, L. M., Letters on Blood, Ana Costa (ed. and trans.) (Chicago, IL: Lakeside Press, 1992).')).toMatchObject({ title: 'Letters on Blood', editor: [{ family: 'Costa', given: 'Ana' }] });
    expect(csl('Morel, P. (1975). Le sang et la moelle. Histoire d’une greffe. Traduction de Anne Roy. Paris : Seuil.')).toMatchObject({
      title: 'Le sang et la moelle. Histoire d’une greffe',
      translator: [{ family: 'Roy', given: 'Anne' }],
    });
    expect(csl('Lind, Karl, The Donor, Ana Costa, R. T. Vale, and Kai Moreno (eds.) (Boston, MA: Pine, 1980).')).toMatchObject({
      title: 'The Donor',
      editor: [{ family: 'Costa', given: 'Ana' }, { family: 'Vale', given: 'R. T.' }, { family: 'Moreno', given: 'Kai' }],
    });
  });

  it('an army corps or a forum writes as an organisation', () => {
    expect(csl('Cord Blood Forum. (2013). Storage and release of cord blood units. Geneva: The Forum.').author).toEqual([{ literal: 'Cord Blood Forum' }]);
    expect(csl('U.S. Army Corps of Engineers (2011). Storage of Field Blood Samples. Washington, D.C.').author).toEqual([{ literal: 'U.S. Army Corps of Engineers' }]);
  });

  it('a part\'s number alone after a sentence stays with the title ("Marrow niches. II. Journal …")', () => {
    expect(csl('[4] Lena Ortiz. Marrow niches of the aged mouse. II. Acta Haematologica, 61(2):77–90, 1979.')).toMatchObject({
      title: 'Marrow niches of the aged mouse. II',
      'container-title': 'Acta Haematologica',
      volume: '61',
    });
  });

  it('editors listed in brackets after the container are no part of it ("Container (A, B, and C, eds.)")', () => {
    expect(csl('[9] P. Lund and K. Iwu, ``Counting cells by light,\'\' in Optics West (M. F. Holm, A. K. Vale, and R. Costa, eds.), pp. 12--19, SPIE, Oct. 2006.')).toMatchObject({
      'container-title': 'Optics West',
      editor: [{ family: 'Holm', given: 'M. F.' }, { family: 'Vale', given: 'A. K.' }, { family: 'Costa', given: 'R.' }],
    });
  });

  it('a role right after a lone "name" makes it a title (MLA films and anthologies: "Title. Dir. Name.", "Title. Ed. Name.")', () => {
    const film = csl('The Donor. Dir. Ana Costa. Perf. Kai Moreno. Lakeside Films, Austin, Tex., 2004.');
    expect(film.title).toBe('The Donor');
    expect(film.author).toBeUndefined();
    expect(csl('Marrow Tales. Ed. Lena Ortiz. Boston: Pine Press, 2011.')).toMatchObject({ title: 'Marrow Tales', editor: [{ family: 'Ortiz', given: 'Lena' }] });
    // (An author keeps the role that follows the title: "Homer. The Iliad. Ed. …".)
    expect(csl('Homer. The Iliad. Ed. Ana Costa. Oxford: Clarendon Press, 1903.').author).toEqual([{ literal: 'Homer' }]);
  });

  it('a publisher\'s name never opens with "and the …": that is the end of a title', () => {
    expect(csl('B. Lind, Harbor Town: Marrow, Blood, and the Making of a Company Hospital, Boston 2009')).toMatchObject({
      title: 'Harbor Town: Marrow, Blood, and the Making of a Company Hospital',
      'publisher-place': 'Boston',
    });
  });

  it('a quotation joined by a dash to a subtitle opens a longer title; "40 p." is a length, not pages', () => {
    expect(csl('MOREL, Anne. "Je garde la moelle" - Journal d\'une donneuse : Vers une pratique du don. LABO-SANTE 2012, 52 p.')).toMatchObject({
      title: '"Je garde la moelle" - Journal d\'une donneuse : Vers une pratique du don',
      publisher: 'LABO-SANTE',
      issued: { 'date-parts': [[2012]] },
    });
  });

  it('a meeting\'s name with its place after it ends the title ("Title. Annual Cell Therapy Society Meeting. Lyon, France.")', () => {
    expect(csl('Ortiz, L., & Vale, K. (2014). Early Results of a Marrow Registry. Annual Cell Therapy Society Meeting. Lyon, France.')).toMatchObject({
      title: 'Early Results of a Marrow Registry',
      'container-title': 'Annual Cell Therapy Society Meeting',
      'publisher-place': 'Lyon, France',
    });
  });

  it('a note on the issue ("Special Issue") is no part of the journal\'s name', () => {
    expect(csl('Holm, K., and A. Vale, eds. 2015. Donors Now. Special Issue, Blood and Society 12(2): 101-180.')['container-title']).toBe('Blood and Society');
    expect(csl('Lind, A. B., and C. D. Moreno. 2007. Marrow of the reindeer herd 1990-2005. Rangifer Special Issue 18: 33–41.')).toMatchObject({ 'container-title': 'Rangifer', volume: '18', page: '33-41' });
  });

  it('after a quoted title a review note ("Review of X, by Y.") is no part of the periodical\'s name', () => {
    expect(csl('Lind, Karin. “Blood Ties.” Review of Marrow, by Ana Costa. Lakeside Weekly Review, May 3, 2001, 14.')).toMatchObject({
      title: 'Blood Ties',
      'container-title': 'Lakeside Weekly Review',
      issued: { 'date-parts': [[2001, 5, 3]] },
    });
  });

  it('Elsevier\'s copied lists join title and journal with a space ("… a cohort study Cell Ther., 21 (2011), pp. 40-46")', () => {
    expect(csl('A.B. Lind, K. Vale, et al. Cord blood banking in rural clinics: a cohort study Cell Ther., 21 (2011), pp. 40-46')).toMatchObject({
      title: 'Cord blood banking in rural clinics: a cohort study',
      'container-title': 'Cell Ther',
      volume: '21',
      page: '40-46',
      issued: { 'date-parts': [[2011]] },
    });
  });

  it('editors before a container: "(gen. ed.)", "(sous la dir.)", and after a quoted title without "In"', () => {
    expect(csl('Holm, Ana B. 2009. Early words of donors. In K. Lind (gen. ed.), Encyclopedia of Cell Therapy (2nd edn), vol. III (91–94). Oxford: Clarendon Press.')['container-title']).toBe('Encyclopedia of Cell Therapy');
    expect(csl('Morel A., 2003, « Le don de moelle », In : Roy P., Lune M. (sous la dir.), Santé et société. Les dons du corps, Paris, PUF.')['container-title']).toBe('Santé et société. Les dons du corps');
    expect(csl('Vale, Kai (2012). “Marrow and Memory.” Ana Costa and Lena Ortiz, eds. Donation in Context: Blood, Body & Law. Berlin: Lanz.')).toMatchObject({
      'container-title': 'Donation in Context: Blood, Body & Law',
      editor: [{ family: 'Costa', given: 'Ana' }, { family: 'Ortiz', given: 'Lena' }],
    });
  });

  it('a container keeps no date in brackets, part number or dated edition after it ("(1974) pp.", "Part II", "1991 ed.")', () => {
    expect(csl('Vale, Ana and Lind, Kai. "Counting Colonies". in Proceedings of the Regional Blood Conference (1977) pp. 41-48.')).toMatchObject({
      'container-title': 'Proceedings of the Regional Blood Conference',
      page: '41-48',
      issued: { 'date-parts': [[1977]] },
    });
    expect(csl('Holm, Karin P. "Costs of Cord Blood Banks," Blood Supply Survey, Part III, Vol. II (1961), Boston: Board of the Regional Blood Service.')['container-title']).toBe('Blood Supply Survey');
    expect(csl('Costa, Ana. "Marrow." Encyclopedia of Medicine. 1987 ed.')).toMatchObject({ 'container-title': 'Encyclopedia of Medicine', edition: '1987 ed' });
  });

  it('astronomy\'s chapters have no title: "Author, year, in Container, eds. …, p17"', () => {
    const chapter = csl('Lind, K.A., 2001, in Stellar Nurseries and Cluster Ages IV, eds. Vale A. and Costa R., ASP Conf. Series volume 210, p45');
    expect(chapter).toMatchObject({ 'container-title': 'Stellar Nurseries and Cluster Ages IV', page: '45', issued: { 'date-parts': [[2001]] } });
    expect(chapter.title).toBeUndefined();
  });

  it('a container ends before a volume\'s own title ("vol. 1: Writings"), a venue ("held at …") and a publisher after a numbered meeting', () => {
    expect(csl('Lind, K. “Blood and Film.” In Collected Essays, vol. 2: Letters, 1930–41, edited by Ana Costa. Boston: Pine Press, 1990.')['container-title']).toBe('Collected Essays');
    expect(csl('Vale, R. (2001). Donors as neighbours. In A. Holm & K. Lind (Eds.), Blood and Society. Papers presented at The Regional Blood Association, held at Lakeside University, Boston, 3-5 May (pp. 11-19). Boston: Pine.')['container-title']).toBe(
      'Blood and Society. Papers presented at The Regional Blood Association',
    );
    expect(csl('Holm, K., 1994. Scheduling Marrow Grafts. In Proceedings CTS-94. CTS.')).toMatchObject({ 'container-title': 'Proceedings CTS-94', publisher: 'CTS' });
  });

  it('"Trans." before abbreviations is a journal\'s, a "‘" before a digit an apostrophe, a quoted container in astronomy\'s chapters', () => {
    expect(csl('Holm, A., and Vale, R. Counting marrow cells over a finite grid. Trans. Amer. Med. Soc. 12, (1999), 101-109.')['container-title']).toBe('Trans. Amer. Med. Soc.');
    expect(csl('Lind, P., The idea of the Blood Bank in the ‘60s, The Donors’ Journal, vol. 4, 12 marzo 1965, pp. 11-16.')).toMatchObject({
      title: 'The idea of the Blood Bank in the ‘60s',
      'container-title': 'The Donors’ Journal',
    });
    expect(csl('Vale A., Lind K., 2004, in ‘Cluster Ages and Stellar Nurseries’, eds. Holm K., Costa R., ASSL, Kluwer, p. 88')['container-title']).toBe('Cluster Ages and Stellar Nurseries');
  });

  it('a short word before another abbreviation opens the journal ("…, Clim. Dynam., 22"); a PDF\'s spacing accent joins its vowel ("Arbel´aez")', () => {
    expect(csl('Holm, K., Vale, A., and Lind, R.: Marrow fat and the winter climate, Cryo. Hematol., 14, 201-209, 2006.')).toMatchObject({
      title: 'Marrow fat and the winter climate',
      'container-title': 'Cryo. Hematol',
      volume: '14',
    });
    const accented = csl('[2] P. Vel´azquez, M. Lind, and J. Costa, “Counting marrow cells by light,” CVPR, 2011.');
    expect(accented.author?.[0]).toEqual({ family: 'Velázquez', given: 'P.' });
    expect(accented.title).toBe('Counting marrow cells by light');
  });

  it('a bracketed group of names and their role first in a part is the editors\', not the container\'s ("(A, B & C, Eds.) Journal", "(Eds A, B)")', () => {
    expect(csl('Holm, K., & Vale, A. (2012). Donors and their doubts. (R. Lind, A. B. Costa & K. Moreno, Eds.) Blood and Society Review, 4(2), 11-19.')).toMatchObject({
      'container-title': 'Blood and Society Review',
      editor: [{ family: 'Lind', given: 'R.' }, { family: 'Costa', given: 'A. B.' }, { family: 'Moreno', given: 'K.' }],
    });
    expect(csl('Lind P (2009) Marrow in the village. In Village Medicine: Blood, Bone, and Care. (Eds A Vale, K Holm) pp. 40– 52. Pine Press, Boston.')['container-title']).toBe('Village Medicine: Blood, Bone, and Care');
  });

  it('a year opens a meeting\'s name after a quoted title; a name ending in a preposition keeps the number after it; Milwaukee is a place', () => {
    expect(csl('Lind, K.; Vale, A. (2009). "Counting Donor Cells by Light". 2009 IEEE Conference on Cell Imaging. p. 4.')['container-title']).toBe('2009 IEEE Conference on Cell Imaging');
    expect(csl('Holm, Karin. “Blood in Verse.” Modern Poets: British Verse since 1945. Basingstoke: Palgrave Macmillan, 2004: 11-29.')['container-title']).toBe('Modern Poets: British Verse since 1945');
    expect(csl('Ibsen, Henrik. Ghosts. Lakeside Repertory Theater, Milwaukee, May 2013.')).toMatchObject({ title: 'Ghosts', 'publisher-place': 'Milwaukee' });
  });

  it('a name alone after the first sentence is the container, its DOI taken away ("… diseases. Frontiers in Immunology doi: …")', () => {
    expect(csl('Vale A.B., Lind K., and Costa R., 2016. Marrow niches in health, ageing, and disease. Frontiers in Haematology doi: 10.1234/fhaem.2016.00042')).toMatchObject({
      title: 'Marrow niches in health, ageing, and disease',
      'container-title': 'Frontiers in Haematology',
      DOI: '10.1234/fhaem.2016.00042',
    });
  });

  it('"Trad. fr. par …" names the translator, its language abbreviation no separator', () => {
    expect(csl('Anna Holm, « Le sang des autres » in Écrits III, Trad fr. par Luc Moreau. Paris : Gallimard, 1998.')).toMatchObject({
      'container-title': 'Écrits III',
      translator: [{ family: 'Moreau', given: 'Luc' }],
    });
  });

  it('labelled pages in two ranges ("pp. 12_19 et 40_44") or with the dash lost ("p. 112 114") are pages', () => {
    expect(csl('B. LIND, Les donneurs de la Gaule. Résumé du travail de la Commission du Sang, Revue hématologique, 1901, pp. 12_19 et 40_44.')).toMatchObject({
      title: 'Les donneurs de la Gaule. Résumé du travail de la Commission du Sang',
      'container-title': 'Revue hématologique',
      page: '12-19, 40-44',
    });
    expect(csl('Morel, A. (s. d.). Le don du sang à l’école. La santé, p. 112 114.')).toMatchObject({ 'container-title': 'La santé', page: '112-114' });
  });

  it('a Roman number ending a name before labelled pages is its volume ("Lunar and Planetary Science XI, pp. 468-470")', () => {
    expect(csl('Vale, K., Lind, A., Marrow of the crater mice (abstract). Polar Cell Science XIV, pp. 101-103. 1984.')).toMatchObject({
      'container-title': 'Polar Cell Science',
      volume: 'XIV',
      page: '101-103',
    });
  });

  it('APA\'s "(2019, March 5)" keeps its month and day; a newspaper\'s "p. A12" is its page, not part of its name', () => {
    expect(csl('Okoye, N. (2021, June 14). Cord blood banks weigh the cost of storage. The Daily Ledger, p. B3.')).toMatchObject({
      issued: { 'date-parts': [[2021, 6, 14]] },
      'container-title': 'The Daily Ledger',
      page: 'B3',
    });
    expect(csl('Okoye, N. (2021, June). Cord blood banks weigh the cost of storage. Ledger Monthly, 4(2), 10-12.').issued).toEqual({ 'date-parts': [[2021, 6]] });
    expect(csl('Okoye, N. (2021, Spring). Cord blood banks weigh the cost of storage. Ledger Quarterly, 4(2), 10-12.').issued).toEqual({ 'date-parts': [[2021]] });
  });

  it('a firm named after its partners keeps them all ("Little, Brown & Co.", "Harper and Sons")', () => {
    expect(csl('Marlow, T. (1998). The marrow garden. Boston: Fennick, Hale & Co.').publisher).toMatch(/^Fennick, Hale & Co\.?$/);
    expect(csl('Marlow, T. (1998). The marrow garden. New York: Fennick, Hale and Company.').publisher).toBe('Fennick, Hale and Company');
  });

  it('a thesis NLM\'s way: "[dissertation]" after the title is its genre, not part of it', () => {
    expect(csl('Adebayo K. Homing of stromal cells to injured cartilage [dissertation]. Leeds (UK): University of Northfield; 2016.')).toMatchObject({
      type: 'thesis',
      title: 'Homing of stromal cells to injured cartilage',
      genre: 'dissertation',
      issued: { 'date-parts': [[2016]] },
    });
    expect(csl("Adebayo K. Homing of stromal cells [master's thesis]. Leeds (UK): University of Northfield; 2016.")).toMatchObject({ type: 'thesis', genre: "master's thesis" });
    // (A bracket that is no genre stays: a translated title.)
    expect(csl('Adebayo K. Zellmigration im Knorpel [Cell migration in cartilage]. Z Zellbiol. 2016;12:4-9.').title).toBe('Zellmigration im Knorpel [Cell migration in cartilage]');
  });
});
