import { describe, expect, it } from 'vitest';
import { parseReference } from '../../src/refs/parse.js';

// Strings written for these tests in each style's shape (no third-party data).
const csl = (raw: string) => parseReference(raw, 'ref-1').csl;
const year = (raw: string) => csl(raw).issued?.['date-parts']?.[0]?.[0];

describe('reference styles a digest copies', () => {
  it('Vancouver / NLM', () => {
    expect(csl('Lin Q, Zhao M, Osei-Bonsu K. Mesenchymal stromal cells in lupus nephritis: a cohort study. Stem Cells Transl Med. 2019 Mar;8(3):245-53.')).toMatchObject({
      type: 'article-journal',
      author: [{ family: 'Lin', given: 'Q' }, { family: 'Zhao', given: 'M' }, { family: 'Osei-Bonsu', given: 'K' }],
      title: 'Mesenchymal stromal cells in lupus nephritis: a cohort study',
      'container-title': 'Stem Cells Transl Med',
      issued: { 'date-parts': [[2019, 3]] },
      volume: '8',
      issue: '3',
      page: '245-53',
    });
  });

  it('a date written in numbers (day.month.year, ISO) is the date, never volume.issue and pages', () => {
    const dotted = csl('Weber A. Zellersatz im Knorpel. Gelenkblatt. 12.03.2019.');
    expect(dotted.issued).toEqual({ 'date-parts': [[2019, 3, 12]] });
    expect([dotted.volume, dotted.issue, dotted.page]).toEqual([undefined, undefined, undefined]);
    const iso = csl('Weber A. Zellersatz im Knorpel. Gelenkblatt. 2019-03-12.');
    expect(iso.issued).toEqual({ 'date-parts': [[2019, 3, 12]] });
    expect([iso.volume, iso.issue, iso.page]).toEqual([undefined, undefined, undefined]);
  });

  it('NLM reports: the number without its label\'s full stop or colon, a region in brackets kept with its city', () => {
    expect(csl('Regional Cell Board. Cord blood banking in practice. Report No. 123. Baltimore (MD): Board Press; 2019.')).toMatchObject({
      type: 'report',
      number: '123',
      publisher: 'Board Press',
      'publisher-place': 'Baltimore (MD)',
    });
    expect(csl('Office of Cell Therapy. Annual review of trials. Report No.: 45. Bethesda (MD): The Office; 2020.')).toMatchObject({ number: '45', 'publisher-place': 'Bethesda (MD)' });
    expect(csl('Park S. Cord blood. (London): Hale; 2001.')['publisher-place']).toBe('London');
  });

  it('APA', () => {
    expect(csl('Okafor, C. N., & Lindqvist, P. (2020). Stem cell tourism and patient risk. Journal of Regenerative Ethics, 12(4), 301-315.')).toMatchObject({
      author: [{ family: 'Okafor', given: 'C. N.' }, { family: 'Lindqvist', given: 'P.' }],
      issued: { 'date-parts': [[2020]] },
      title: 'Stem cell tourism and patient risk',
      'container-title': 'Journal of Regenerative Ethics',
      volume: '12',
      issue: '4',
      page: '301-315',
    });
  });

  it('Harvard: the year after the authors', () => {
    expect(csl('Mensah, K., 2008. Cord blood banks in West Africa. Transfusion Review, 22, 45-52.')).toMatchObject({
      author: [{ family: 'Mensah', given: 'K.' }],
      issued: { 'date-parts': [[2008]] },
      title: 'Cord blood banks in West Africa',
      'container-title': 'Transfusion Review',
      volume: '22',
      page: '45-52',
    });
  });

  it('Chicago author-date and bibliography books', () => {
    expect(csl('Abernathy, Ruth. Cells That Heal: A Short History of Regenerative Medicine. Chicago: University of Chicago Press, 2016.')).toMatchObject({
      type: 'book',
      author: [{ family: 'Abernathy', given: 'Ruth' }],
      title: 'Cells That Heal: A Short History of Regenerative Medicine',
      'publisher-place': 'Chicago',
      publisher: 'University of Chicago Press',
      issued: { 'date-parts': [[2016]] },
    });
    expect(csl('Ferreira, Lucas, and Mei Tanaka. The Marrow Donors. New York: Norton, 2011.').author).toEqual([
      { family: 'Ferreira', given: 'Lucas' },
      { family: 'Tanaka', given: 'Mei' },
    ]);
  });

  it('IEEE: quoted title with vol., no., pp.', () => {
    expect(csl('[4] R. Dubois, K. Park, and S. Ali, "Imaging stem cell migration with ultrasound," IEEE Trans. Med. Imag., vol. 35, no. 7, pp. 1602-1611, Jul. 2016.')).toMatchObject({
      author: [{ family: 'Dubois', given: 'R.' }, { family: 'Park', given: 'K.' }, { family: 'Ali', given: 'S.' }],
      title: 'Imaging stem cell migration with ultrasound',
      'container-title': 'IEEE Trans. Med. Imag.',
      volume: '35',
      issue: '7',
      page: '1602-1611',
      issued: { 'date-parts': [[2016, 7]] },
    });
  });

  it('MLA: quoted title, container, date and pages', () => {
    expect(csl('Navarro, Elena. "The Promise of Cord Blood." Medical Humanities Quarterly, vol. 9, no. 2, 2015, pp. 44-59.')).toMatchObject({
      author: [{ family: 'Navarro', given: 'Elena' }],
      title: 'The Promise of Cord Blood',
      'container-title': 'Medical Humanities Quarterly',
      volume: '9',
      issue: '2',
      page: '44-59',
      issued: { 'date-parts': [[2015]] },
    });
  });

  it('ACS: journal, year, volume, pages', () => {
    expect(csl('Haddad, R.; Iyer, S. Hydrogels for stem cell delivery. J. Am. Chem. Soc. 2012, 134, 2208-2216.')).toMatchObject({
      author: [{ family: 'Haddad', given: 'R.' }, { family: 'Iyer', given: 'S.' }],
      title: 'Hydrogels for stem cell delivery',
      'container-title': 'J. Am. Chem. Soc.',
      issued: { 'date-parts': [[2012]] },
      volume: '134',
      page: '2208-2216',
    });
  });

  it('ACM / LNCS: given names first, the year at the end', () => {
    expect(csl('Priya Raman, Tomasz Wolski, and Ana Duarte. 2018. Scheduling cell culture robots. In Proceedings of the 9th Workshop on Lab Automation. ACM, New York, NY, USA, 77-84.')).toMatchObject({
      type: 'paper-conference',
      author: [{ family: 'Raman', given: 'Priya' }, { family: 'Wolski', given: 'Tomasz' }, { family: 'Duarte', given: 'Ana' }],
      issued: { 'date-parts': [[2018]] },
      title: 'Scheduling cell culture robots',
      'container-title': 'Proceedings of the 9th Workshop on Lab Automation',
    });
    expect(csl('Hoffmann, E.J., Stech, Y.: Counting colonies by machine. In: Keller, A. (ed.) Image Analysis in Biology. LNCS, vol. 4120, pp. 210-221. Springer, Heidelberg (2006)')).toMatchObject({
      type: 'chapter',
      author: [{ family: 'Hoffmann', given: 'E.J.' }, { family: 'Stech', given: 'Y.' }],
      title: 'Counting colonies by machine',
      editor: [{ family: 'Keller', given: 'A.' }],
      'container-title': 'Image Analysis in Biology',
      page: '210-221',
      publisher: 'Springer',
      'publisher-place': 'Heidelberg',
      issued: { 'date-parts': [[2006]] },
    });
  });

  it('given-name-first author lists, with initials or full names', () => {
    expect(csl('J. Okoro, M.A. Lindgren and S. Baptiste, Scaling laws for stem cell niches, Phys. Biol. 12 (2015) 046004.')).toMatchObject({
      author: [{ family: 'Okoro', given: 'J.' }, { family: 'Lindgren', given: 'M.A.' }, { family: 'Baptiste', given: 'S.' }],
      title: 'Scaling laws for stem cell niches',
      'container-title': 'Phys. Biol.',
      volume: '12',
      page: '046004',
      issued: { 'date-parts': [[2015]] },
    });
    expect(csl('Giulia Moretti, Henrik Sandberg, and Amara Nwosu. Clonal drift in aged marrow. Blood Advances, 4(2):310–322, 2020.')).toMatchObject({
      author: [{ family: 'Moretti', given: 'Giulia' }, { family: 'Sandberg', given: 'Henrik' }, { family: 'Nwosu', given: 'Amara' }],
      title: 'Clonal drift in aged marrow',
      'container-title': 'Blood Advances',
      volume: '4',
      issue: '2',
      page: '310-322',
    });
  });

  it('astronomy ("2013, ApJ, 770, 57") and physics ("Nucl. Phys. B 193 (1981) 150") without titles', () => {
    expect(csl('Vasquez R., Holm T. J., 2013, ApJ, 770, 57')).toMatchObject({
      author: [{ family: 'Vasquez', given: 'R.' }, { family: 'Holm', given: 'T. J.' }],
      issued: { 'date-parts': [[2013]] },
      'container-title': 'ApJ',
      volume: '770',
      page: '57',
    });
    expect(csl('P. Lindqvist and K. Osei, Nucl. Phys. B 193 (1981) 150.')).toMatchObject({
      author: [{ family: 'Lindqvist', given: 'P.' }, { family: 'Osei', given: 'K.' }],
      'container-title': 'Nucl. Phys. B',
      volume: '193',
      issued: { 'date-parts': [[1981]] },
      page: '150',
    });
  });

  it('books and reports: publisher and place', () => {
    expect(csl('Whitfield, Anne. Cord Blood: A Guide for Parents. London: Penguin, 2007.')).toMatchObject({ type: 'book', publisher: 'Penguin', 'publisher-place': 'London' });
    expect(csl('Sato, K. (2019). Stem cell registries in Asia (Technical Report TR-19-04). Kyoto: Institute for Cell Policy.')).toMatchObject({
      type: 'report',
      title: 'Stem cell registries in Asia',
      number: 'TR-19-04',
      'publisher-place': 'Kyoto',
      publisher: 'Institute for Cell Policy',
    });
  });

  it('chapters ("In: … (eds)") and proceedings ("In Proceedings of …"): the container is the book', () => {
    expect(csl('Baraka, N. (2014). Ethics of embryo donation. In: Vance, T., & Ortiz, L. (eds) Handbook of Stem Cell Ethics. Springer, Berlin, pp 85-102.')).toMatchObject({
      type: 'chapter',
      title: 'Ethics of embryo donation',
      editor: [{ family: 'Vance', given: 'T.' }, { family: 'Ortiz', given: 'L.' }],
      'container-title': 'Handbook of Stem Cell Ethics',
      publisher: 'Springer',
      page: '85-102',
    });
    expect(csl('Lund, M. and Chao, W. Tracking cell lineages. In Proceedings of the 3rd Conference on Computational Biology, pages 459-473, 2011.')).toMatchObject({
      type: 'paper-conference',
      title: 'Tracking cell lineages',
      'container-title': 'Proceedings of the 3rd Conference on Computational Biology',
      page: '459-473',
      issued: { 'date-parts': [[2011]] },
    });
  });

  it('theses', () => {
    expect(csl('Okonkwo, D. (2017). Niche signals in haematopoiesis (Doctoral dissertation). University of Leeds.')).toMatchObject({
      type: 'thesis',
      title: 'Niche signals in haematopoiesis',
      genre: 'Doctoral dissertation',
      publisher: 'University of Leeds',
    });
    expect(csl('T. Grau. Modelling stem cell division. PhD thesis, Dept. of Mathematics, University of Vienna, 2012.')).toMatchObject({
      type: 'thesis',
      genre: 'PhD thesis',
      publisher: 'Dept. of Mathematics, University of Vienna',
      issued: { 'date-parts': [[2012]] },
    });
  });

  it('a title that runs into a journal with no known abbreviation', () => {
    expect(csl('Brandt K, Osei F. Label-free counting of organoids by MALDI-MS. J Organoid Res 128(8):2518-2519')).toMatchObject({
      title: 'Label-free counting of organoids by MALDI-MS',
      'container-title': 'J Organoid Res',
      volume: '128',
      issue: '8',
      page: '2518-2519',
    });
  });

  it('journal names with full stops, volume ranges and supplements', () => {
    expect(csl('Ruiz A, Chen B. Marrow fat in ageing. Proc. Natl. Acad. Sci. U.S.A. 2011;108:231-232.')).toMatchObject({ 'container-title': 'Proc. Natl. Acad. Sci. U.S.A.', volume: '108', page: '231-232' });
    expect(csl('Ruiz A, Chen B. Marrow fat in ageing. Bone. 2011;45 Suppl 1:S12-S14.')).toMatchObject({ 'container-title': 'Bone', volume: '45 Suppl 1', page: 'S12-S14' });
    expect(csl('Ruiz A, Chen B. Marrow fat in ageing. Ann N Y Acad Sci. 2011;231-232:45-50.')).toMatchObject({ 'container-title': 'Ann N Y Acad Sci', volume: '231-232', page: '45-50' });
  });

  it('multi-word surnames and particles in "Family, I." lists', () => {
    expect(csl('García Coll, C. T., von dem Hagen, E., & De la Cruz, M. (2009). Twin registries for cell research. Behavior Genetics, 39(2), 150-158.').author).toEqual([
      { family: 'García Coll', given: 'C. T.' },
      { family: 'von dem Hagen', given: 'E.' },
      { family: 'De la Cruz', given: 'M.' },
    ]);
  });

  it('Jr and III suffixes', () => {
    expect(csl('Wallace, R. J., Jr., & Okafor, B., III. (2013). Cell therapy trials in veterans. Military Medicine, 178(5), 512-519.').author).toEqual([
      { family: 'Wallace', given: 'R. J.', suffix: 'Jr' },
      { family: 'Okafor', given: 'B.', suffix: 'III' },
    ]);
    expect(csl('Smith SC Jr, Feldmann T. Coronary cell therapy. Circulation 2006;113:166-186.').author?.[0]).toEqual({ family: 'Smith', given: 'SC', suffix: 'Jr' });
  });

  it('the year where each style puts it', () => {
    expect(year('Mensah, K., 2008. Cord blood banks. Transfusion Review, 22, 45-52.')).toBe(2008);
    expect(year('Priya Raman and Ana Duarte. Scheduling cell culture robots. ACM, 2018.')).toBe(2018);
    expect(year('Okafor, C. N. (2020). Stem cell tourism. Journal of Regenerative Ethics, 12, 301-315.')).toBe(2020);
  });
});

describe('where the title ends (issue 14, second pass)', () => {
  it('a title never holds a part that belongs to a source (an editor, a translator, an edition, labelled numbers)', () => {
    expect(csl('Osei, Kwame. Marrow: A Novel. Edited by Lena Brandt. Annotated student text. London: Harbour Press, 2004.')).toMatchObject({
      title: 'Marrow: A Novel',
      editor: [{ family: 'Brandt', given: 'Lena' }],
      'publisher-place': 'London',
      publisher: 'Harbour Press',
    });
    expect(csl('Duarte, Paulo. Cell Culture Basics. 2nd ed. Downers Grove, Ill: Lakeside Academic, 2000.')).toMatchObject({
      title: 'Cell Culture Basics',
      edition: '2nd ed',
      'publisher-place': 'Downers Grove, Ill',
      publisher: 'Lakeside Academic',
    });
  });

  it('a role word before names ends no part ("tr. W. Rehg", "ed. J. Martin"); a comma after the date makes a comma style', () => {
    expect(csl('Lindqvist, Per (1995), Between Bench and Bedside, tr. W. Rehg (Cambridge, Mass.: Harbour Press).')).toMatchObject({
      title: 'Between Bench and Bedside',
      translator: [{ family: 'Rehg', given: 'W.' }],
      'publisher-place': 'Cambridge, Mass.',
      publisher: 'Harbour Press',
    });
  });

  it('a journal with its numbers after a comma, in a style that ends the authors with a full stop', () => {
    expect(csl('Okafor, C. N. Cell Sheets: The Use of Scaffolds in Cardiac Repair, Tissue Engineering Reports, 5 (3), 211-243, 1987.')).toMatchObject({
      title: 'Cell Sheets: The Use of Scaffolds in Cardiac Repair',
      'container-title': 'Tissue Engineering Reports',
      volume: '5',
      issue: '3',
      page: '211-243',
    });
    expect(csl('Ana Ruiz and Tom Beck. Stem cells: the regulatory landscape. Regenerative Policy: Research, Applications and Practice, 2(1) 52-58, Spring 1992.')).toMatchObject({
      title: 'Stem cells: the regulatory landscape',
      'container-title': 'Regenerative Policy: Research, Applications and Practice',
      volume: '2',
      page: '52-58',
    });
  });

  it('a newspaper named alone before an access note', () => {
    expect(csl('Mensah, K. (2012, March 3). Clinic offers unproven cell therapy. The Daily Courier. Retrieved from http://example.org/news/cells')).toMatchObject({
      title: 'Clinic offers unproven cell therapy',
      'container-title': 'The Daily Courier',
    });
  });

  it('editors marked "(Hrsg.):" before the container', () => {
    expect(csl('Karl Weber: Stammzellen. In: R. Bauer (Hrsg.): Lexikon der Medizin. Köln: Oldenbourg, 1992, 158-159')).toMatchObject({
      title: 'Stammzellen',
      editor: [{ family: 'Bauer', given: 'R.' }],
      'container-title': 'Lexikon der Medizin',
    });
  });
});

describe('where the title ends: editions, volumes, roles and abbreviated journals', () => {
  it('"2 vols.", "trans." and "1st American ed." never end a title; the source reads on from them', () => {
    expect(csl('———. Marrow and Memory, 2 vols. New York: Frank S. Holby, 1906.')).toMatchObject({ title: 'Marrow and Memory', 'publisher-place': 'New York', publisher: 'Frank S. Holby' });
    expect(csl('______. On Cell Doctrine, trans. D. W. Robertson, Jr. Indianapolis, 1958.').title).toBe('On Cell Doctrine');
    expect(csl('Tillion, Rosa. Marrow: The Realities. 1st American ed. New York: Knopf, 1958.')).toMatchObject({ title: 'Marrow: The Realities', edition: '1st American ed', 'publisher-place': 'New York', publisher: 'Knopf' });
  });

  it('a journal abbreviated word by word is one name ("Appl. Numer. Math.")', () => {
    expect(csl('J. C. Bauer. Linear methods for cell counts: A survey. Appl. Numer. Math., 1 273, 1985.')).toMatchObject({ title: 'Linear methods for cell counts: A survey', 'container-title': 'Appl. Numer. Math.' });
  });

  it('a city and a region stand apart by a comma, not by a full stop', () => {
    expect(csl('Bahn, Paul G., and John Flenley. Marrow Island, Blood Island. New York: Thames and Hudson, 1992.')).toMatchObject({ title: 'Marrow Island, Blood Island', 'publisher-place': 'New York' });
  });
});

describe('media, editions without numbers, and publishers no list knows', () => {
  it('a medium in brackets after the title is its genre ("[Motion picture]", "[DVD]")', () => {
    expect(csl('Okafor, J. (Director). (2009). Cells in motion [Motion picture]. United States: Lantern Studio.')).toMatchObject({ title: 'Cells in motion', genre: 'Motion picture' });
  });

  it('an edition statement with no number ends a title ("Reprint", "Revised and expanded")', () => {
    expect(csl('Kern, Hanna. Marrow: Formen und Deutungen. Revised and expanded. München: Prestel, 1983.')).toMatchObject({ title: 'Marrow: Formen und Deutungen', edition: 'Revised and expanded', publisher: 'Prestel' });
  });

  it('a name then a place is a publisher and its place ("Charles Griffin, London", "McGraw Hill, New York NY")', () => {
    expect(csl('Seber, G. A. F. 1982. The estimation of stem cell abundance. Charles Griffin, London, United Kingdom.')).toMatchObject({ title: 'The estimation of stem cell abundance', publisher: 'Charles Griffin' });
    expect(csl('Berlekamp, E. Algebraic cell theory. McGraw Hill, New York NY, 1968.')).toMatchObject({ title: 'Algebraic cell theory', publisher: 'McGraw Hill', 'publisher-place': 'New York NY' });
  });
});

describe('volume, issue and date in the shapes journals print them', () => {
  it('"36, 3 (1988), 454-469": volume, issue with its date, pages', () => {
    expect(csl('M. Rei and B. Sim. An approximation for marrow queues. Operations Research 36, 3 (1988), 454-469.')).toMatchObject({ 'container-title': 'Operations Research', volume: '36', issue: '3', page: '454-469' });
  });

  it('"20, no. 3 (November 1948): 305–312" and "40.1 (January–February 2004): 17" (Chicago, MLA)', () => {
    expect(csl('Worth, Samuel. ‘Marrow and the Beautiful Cell’. American Literature 20, no. 3 (November 1948): 305–312.')).toMatchObject({ 'container-title': 'American Literature', volume: '20', issue: '3', page: '305-312', issued: { 'date-parts': [[1948, 11]] } });
    expect(csl('Chang, Chris. “Sound and Stem Cells.” Film Comment 40.1 (January–February 2004): 17.')).toMatchObject({ 'container-title': 'Film Comment', volume: '40', issue: '1', page: '17' });
  });

  it('"XIV:4 (1994)" and "50: 3 (2015)": volume and issue, then the year', () => {
    expect(csl('Stortz, Martha, ‘Beyond Justice: Cells in the City’, Word & World XIV:4 (1994), 409-418.')).toMatchObject({ 'container-title': 'Word & World', volume: 'XIV', issue: '4', page: '409-418' });
    expect(csl('Malik Mufti, ‘Regenerative Potential: Some Early Observations’, Government and Opposition, 50: 3 (2015), 394-419.')).toMatchObject({ 'container-title': 'Government and Opposition', volume: '50', issue: '3', page: '394-419' });
  });

  it('a labelled volume with a month ("Vol. 21 March, 2017"); brackets a link stood in go', () => {
    expect(csl('He Hua: On Marrow Names. Journal of Cell Studies, Vol. 21 March, 2017, 214-254')).toMatchObject({ 'container-title': 'Journal of Cell Studies', volume: '21', page: '214-254' });
    expect(csl('I. Karn, A.A. Iska, Analysis of superlens cells, J. Opt. Soc. Am. A27 (2010) 268 (http://dx.doi.org/10.1364/JOSAA.27.000268).')).toMatchObject({ 'container-title': 'J. Opt. Soc. Am.', volume: 'A27', page: '268' });
  });
});

describe('author lists in irregular shapes', () => {
  const first = (raw: string) => csl(raw).author?.[0];
  it('a two-letter family after initials ("W. Li.") and initials in brackets ("Kefi (N.)", "HERBIN (Fr.-R.)")', () => {
    expect(csl('W. Li. Convergent methods for marrow counts. Technical Report TR93-3, Old Dominion University, 1993.')).toMatchObject({ author: [{ family: 'Li', given: 'W.' }], title: 'Convergent methods for marrow counts' });
    expect(csl('ALY (M.I.), HERBIN (Fr.-R.), « Présentation des cellules souches », BSFE 106, 1986, p. 31-44.').author).toEqual([
      { family: 'ALY', given: 'M.I.' },
      { family: 'HERBIN', given: 'Fr.-R.' },
    ]);
  });

  it('given names with a bare initial or a trailing particle; a Romance compound family; middle initials without full stops', () => {
    expect(csl('Volcker, Paul A and Toyoo Gyohten. 1992. Changing fortunes in cell banking. Crown.')).toMatchObject({ author: [{ family: 'Volcker', given: 'Paul A' }, { family: 'Gyohten', given: 'Toyoo' }], title: 'Changing fortunes in cell banking' });
    expect(first('Andrade, Mário de. Macunaíma. Translated by E. A. Goodland. New York: Random House, 1984.')).toEqual({ family: 'Andrade', given: 'Mário de' });
    expect(first('Buarque de Holanda, Sergio. O Homem Cordial. São Paulo: Companhia das Letras, 2012.')).toEqual({ family: 'Buarque de Holanda', given: 'Sergio' });
    expect(csl('[91] Adam DI Kramer, Jamie E Guillory, and Jeffrey T Hancock. Emotional contagion in cell cultures. Proceedings of the National Academy of Sciences, 111(24):8788–8790, 2014.').author).toHaveLength(3);
  });

  it('roles, other names and "et al." after a name: ", director", "(Jed)", ", (eds.)", "& et al."', () => {
    expect(csl('Soderbergh, Steven, director. Marrow. DVD. New York: Criterion Collection, 2008.')).toMatchObject({ author: [{ family: 'Soderbergh', given: 'Steven' }], title: 'Marrow' });
    expect(csl('Esty, Joshua (Jed). Unseasonable Cells. New York: Oxford University Press, 2012.')).toMatchObject({ author: [{ family: 'Esty', given: 'Joshua' }], title: 'Unseasonable Cells' });
    expect(csl('Feigenbaum, Edward A. and Julian Feldman, (eds.). Computers and Cells. New York: McGraw-Hill Book Company, 1963.')).toMatchObject({ editor: [{ family: 'Feigenbaum', given: 'Edward A.' }, { family: 'Feldman', given: 'Julian' }], title: 'Computers and Cells' });
    expect(csl('Nishida, T., & et al. (1991). Automated marrow analysis. In Proceedings of AAAI.')).toMatchObject({ author: [{ family: 'Nishida', given: 'T.' }], title: 'Automated marrow analysis' });
  });

  it('lists that change shape after a semicolon; given-first lists of three or more ended by a full stop; a colon before the year', () => {
    expect(csl('Balsamo, V.; Nguyen, Duy; Ibagon, John. Marrow Rheology Modifiers. Provisional patent PT10607USP1 filed January 2016.').author).toHaveLength(3);
    expect(csl('Devaney, Johanna, Jason Hockman, Jon Wild, Peter Schubert. Tuning in Two-Part Singing. In Conference Program of the Society of Music Perception, 43. Toronto, ON, 2013.')).toMatchObject({ title: 'Tuning in Two-Part Singing' });
    expect(csl('Irmtraud Schnell: 2011. Die Schule für Stammzellen. In: Gemeinsam leben. 19.Jg. H.3, 146-151')).toMatchObject({ title: 'Die Schule für Stammzellen', issued: { 'date-parts': [[2011]] } });
  });
});

describe('containers: books with their editors, periodicals after quoted titles, status notes', () => {
  it('"In Container, Names, Eds." and "In Container? Name, ed. Pp." name the container first', () => {
    expect(csl('Odlyzko, A. Asymptotic cell counts. In Handbook of Marrow, R. Graham, M. Grotschel, and L. Lovasz, Eds., vol. 2. Elsevier, 1995, pp. 1063-1229.')).toMatchObject({
      'container-title': 'Handbook of Marrow',
      editor: [{ family: 'Graham', given: 'R.' }, { family: 'Grotschel', given: 'M.' }, { family: 'Lovasz', given: 'L.' }],
      volume: '2',
      page: '1063-1229',
    });
    expect(csl('Ingold, Tim. 1988 The Cell in the Study of Humanity. In What Is a Cell? Tim Ingold, ed. Pp. 84–99. London: Routledge.')).toMatchObject({ 'container-title': 'What Is a Cell?', editor: [{ family: 'Ingold', given: 'Tim' }], page: '84-99' });
    expect(csl('Yorke, Barbara. “Stem Cell Legends.” In Myth, Marrow, Church and Charters: Essays in Honour of N. Brooks, ed. Julia Barrow and Andrew Wareham. Aldershot, 2008. Pp. 15–29.')).toMatchObject({
      'container-title': 'Myth, Marrow, Church and Charters: Essays in Honour of N. Brooks',
      editor: [{ family: 'Barrow', given: 'Julia' }, { family: 'Wareham', given: 'Andrew' }],
    });
  });

  it('after a quoted title the next part is the periodical or book, never a publisher', () => {
    expect(csl('“Marrow.” Oxford English Dictionary. Oxford University Press, 1992. Web. Accessed 29 Nov. 2011.')).toMatchObject({ title: 'Marrow', 'container-title': 'Oxford English Dictionary', publisher: 'Oxford University Press' });
    expect(csl('McCrum, Robert, ‘So, what’s this Cell Revolution?’, Observer, 3 December 2006.')).toMatchObject({ 'container-title': 'Observer', issued: { 'date-parts': [[2006, 12, 3]] } });
  });

  it('"in the Proceedings of …" keeps "the"; a status note ends a title and says nothing of the container', () => {
    expect(csl('T. W. Sand and V. R. Less, "An Exchange Protocol for Cells", in the Proceedings of 13th International Cell Workshop, Seattle, WA., July 1994.')['container-title']).toBe('the Proceedings of 13th International Cell Workshop');
    expect(csl('F. Rabiti, E. Brtino, A Model of Authorization for Cell Databases, to appear in ACM Transactions on Database Systems.').title).toBe('A Model of Authorization for Cell Databases');
    expect(csl('O. Shech and S. Kraus. Stable coalitions of stem cells. Computational Cell Journal, 1995. Submitted.')).toMatchObject({ title: 'Stable coalitions of stem cells', 'container-title': 'Computational Cell Journal' });
  });
});

describe('volumes in the other shapes books and journals print them', () => {
  it('"Vol. 4 of Gesammelte Werke": a volume of a series', () => {
    expect(csl('Hesse, Hermann. Der Stammzellenwolf. Vol. 4 of Gesammelte Dichtungen. Berlin: Suhrkamp, 1958.')).toMatchObject({ title: 'Der Stammzellenwolf', volume: '4', 'collection-title': 'Gesammelte Dichtungen', publisher: 'Suhrkamp' });
  });

  it('Roman volumes alone after a journal ("Psychological Review, LXV, 1958"); "VII" is no label "V"', () => {
    expect(csl('Newell, A., and H.A. Simon. "Elements of a Theory of Cell Problem Solving." Psychological Review, LXV, 1958, pp. 151-166.')).toMatchObject({ 'container-title': 'Psychological Review', volume: 'LXV', page: '151-166' });
    expect(csl('ABDEL N., « Note sur un lot de cellules », Annales du Musée National, VII, 1998, p. 56-86.').volume).toBe('VII');
  });

  it('a bracketed number right after a volume is its issue ("27 (11)", "Vol. 19 (1-2)")', () => {
    expect(csl('Valiant, L. G. (1984). A theory of the learnable cell. Communications of the ACM, 27 (11).')).toMatchObject({ volume: '27', issue: '11' });
    expect(csl('Wardle, H.N. "Marrow Pipes". Pennsylvania Archaeologist, Vol. 19 (1-2), pp. 27-9, (1949).')).toMatchObject({ volume: '19', issue: '1-2', page: '27-9' });
  });

  it('German Jahrgang and Heft ("16. Jg. H.2")', () => {
    expect(csl('Schnell, Irmtraud (2008): Lernen in heterogenen Gruppen. In: Gemeinsam leben – Zeitschrift für Erziehung. 16. Jg. H.2. , S. 88-97')).toMatchObject({ volume: '16', issue: '2', page: '88-97' });
  });
});

describe('a publisher after a book or proceedings named after "In"', () => {
  it('"In International Conference on Cell Vision (ICCV). IEEE.": the last sentence is the publisher', () => {
    expect(csl('[113] Tsung-Yu Lin and Subhransu Maji. Bilinear models for marrow recognition. In International Conference on Cell Vision (ICCV). IEEE.')).toMatchObject({
      'container-title': 'International Conference on Cell Vision (ICCV)',
      publisher: 'IEEE',
    });
  });
});

describe('publishers and places written in more than one part', () => {
  it('firms named in several parts ("Farrar, Straus and Giroux", "Little, Brown", "John Wiley and Sons, Inc.")', () => {
    expect(csl('---. From the Cell to the Blonde. New York: Farrar, Straus and Giroux, 1994.').publisher).toBe('Farrar, Straus and Giroux');
    expect(csl('———. Explosion in a Marrow. Translated by John Sturrock. Boston: Little, Brown, 1963.').publisher).toBe('Little, Brown');
    expect(csl('Ackoff, Russell L. Scientific Method for Cells. New York: John Wiley and Sons, Inc., 1962.').publisher).toBe('John Wiley and Sons, Inc.');
    // ("and co." reads as a publisher of its own; one more name before the date after "Place: Publisher" is the firm's.)
    expect(csl('Osei, Kofi. Essays in Radical Marrow. New York: Longmans, Green, and co., 1912.').publisher).toBe('Longmans, Green, and co');
    expect(csl('———. Point Counter Graft. Garden City, N.Y.: Doubleday, Doran, 1928.').publisher).toBe('Doubleday, Doran');
    // (The firm first, then its place after a colon.)
    expect(csl('Osei, Kofi. Kwaidan: Stories of Strange Cells. Houghton, Mifflin & Co.: Boston & New York, 1904.')).toMatchObject({ title: 'Kwaidan: Stories of Strange Cells', publisher: 'Houghton, Mifflin & Co.', 'publisher-place': 'Boston & New York' });
  });

  it('an institution in several parts, after a report or a container ("Computer Science Dept., University of Massachusetts")', () => {
    expect(csl('C. Pedregal and K. Rama. Delegation of cells. TR95-90 Computer Science Dept., University of Massachusetts, Amherst, October 1995.').publisher).toBe('Computer Science Dept., University of Massachusetts');
    expect(csl('F. Omori (1894) "On the aftershocks of marrow," Journal of the College of Science, Imperial University of Tokyo, vol. 7, pages 111–200.')).toMatchObject({ 'container-title': 'Journal of the College of Science', publisher: 'Imperial University of Tokyo', volume: '7' });
  });

  it('"Washington, D. C." is one place', () => {
    expect(csl('Arun Garg. Parallel cell streams. In Proceedings of the Winter 1990 USENIX Conference, pages 163-176, Washington, D. C., January 1990.')['publisher-place']).toBe('Washington, D. C.');
  });
});

describe('a place the data does not know, then a publisher ("Lugdunum: Officina Gryphii")', () => {
  it('at the end of a book, after the title or a chapter\'s pages, it is the place and the publisher', () => {
    expect(csl('Varro, M. (1702). De cellulis medullae. Lugdunum: Officina Gryphii.')).toMatchObject({ title: 'De cellulis medullae', 'publisher-place': 'Lugdunum', publisher: 'Officina Gryphii' });
    expect(csl('Osei, K. (2011). Marrow as a gift. In A. Boateng & E. Lamptey (Eds.), Giving cells (pp. 41-57). Cape Coast a Sul: Adomako & Sons.')).toMatchObject({ 'container-title': 'Giving cells', 'publisher-place': 'Cape Coast a Sul', publisher: 'Adomako & Sons' });
    expect(csl('Brandt, Ilse. Zellen im Wandel. Unter-Wiesbach: Heinrich Druckerei, 1931.')).toMatchObject({ 'publisher-place': 'Unter-Wiesbach', publisher: 'Heinrich Druckerei' });
  });

  it('a journal with a subtitle and its volume stays a journal ("Cell Therapy: Methods and Practice, 10, 48-59")', () => {
    expect(csl('Amankwah, J., & Ruiz, P. (2003). After the graft: Helping patients. Cell Therapy: Methods and Practice, 10, 481-490.')).toMatchObject({ 'container-title': 'Cell Therapy: Methods and Practice', volume: '10', page: '481-490' });
    expect(csl('Ruiz P (2010) Marrow grafts in children. Stem Cell Res: Methods 8: 1-9.')['container-title']).toBe('Stem Cell Res: Methods');
  });
});

describe('a journal whose name holds a serial list or a small word after an abbreviation', () => {
  it('"Transactions on Cells, Tissues, and Organs" is one name, never "and Organs"', () => {
    expect(csl('K. Mensah and L. Ortiz. (1994) Marrow niches in flux, IEEE Transactions on Cells, Tissues, and Organs, 12(3), 101-119')).toMatchObject({
      title: 'Marrow niches in flux',
      'container-title': 'IEEE Transactions on Cells, Tissues, and Organs',
      volume: '12',
      page: '101-119',
    });
    expect(csl('Osei, A. (2001). Grafts that last. Journal of Cell Therapy. Learning, Memory, and Repair, 27, 350-362.')['container-title']).toBe('Journal of Cell Therapy. Learning, Memory, and Repair');
  });

  it('a container never starts with "of" ("Comm. of the ACM")', () => {
    expect(csl('Ruiz, P. and Amankwah, J. (1999) Tracking cells on the web, Comm. of the ACM, 42(7), pages 12-19.')).toMatchObject({ title: 'Tracking cells on the web', 'container-title': 'Comm. of the ACM', volume: '42' });
  });
});

describe('proceedings with their year after the abbreviation', () => {
  it('"In Proc. 1994 Winter Cell Conference, pages 115-131" keeps the year in the name', () => {
    expect(csl('K. Osei and P. Ruiz. Treadmarks: shared marrow on standard grafts. In Proc. 1994 Winter Cell Conference, pages 115-131, 1994.')).toMatchObject({
      'container-title': 'Proc. 1994 Winter Cell Conference',
      page: '115-131',
    });
  });
});

describe('proceedings named without "In"', () => {
  it('"Title, Proc. 5th Int\'l. Conf. on …, Place, pp." and "Title. Proceedings of the …. Place: Publisher" end the title there', () => {
    expect(csl("L. Ortiz, K. Mensah, Sorting Stem Cells by Shape, Proc. 5th Int'l. Conf. on Cell Imaging Systems (CIS-V), Leeds, UK, pp. 40-52, May 1997.")).toMatchObject({
      title: 'Sorting Stem Cells by Shape',
      'container-title': "Proc. 5th Int'l. Conf. on Cell Imaging Systems (CIS-V)",
      page: '40-52',
      type: 'paper-conference',
    });
    expect(csl('Ruiz, P., and Jana Osei, (1988). Counting marrow cells: A first study. Proceedings of the Second Workshop on Cell Counting. Leeds, UK: Adomako Press, pp. 11-19.')).toMatchObject({
      title: 'Counting marrow cells: A first study',
      'container-title': 'Proceedings of the Second Workshop on Cell Counting',
    });
  });
});

describe('the place of a meeting written after its name with no separator', () => {
  it('"In Proceedings of … Ljubljana, Slovenia." and "… Workshop on Cell Models Portugal."', () => {
    expect(csl('Amankwah, J. (1996). Marrow in motion. In Proceedings of the Second International Workshop on Cell Models Ljubljana, Slovenia.')).toMatchObject({
      'container-title': 'Proceedings of the Second International Workshop on Cell Models',
      'publisher-place': 'Ljubljana, Slovenia',
    });
    expect(csl('Ruiz, P. (1992). Graft plans. In Proceedings of the First Workshop on Cell Models Portugal.')).toMatchObject({ 'container-title': 'Proceedings of the First Workshop on Cell Models', 'publisher-place': 'Portugal' });
  });

  it('a book about a country keeps it ("In The Cell Doctors of Revolutionary France (New York: Norton, 1995)")', () => {
    expect(csl('Mensah, K. "Marrow Markets," in The Cell Doctors of Revolutionary France (New York: Norton, 1995), 18-27')).toMatchObject({ 'container-title': 'The Cell Doctors of Revolutionary France', 'publisher-place': 'New York' });
    expect(csl('Osei, A. "Healing Hands." In Women and medicine in late medieval England. Leeds: Adomako Press, 2005.')['container-title']).toBe('Women and medicine in late medieval England');
  });
});

describe('ACS with no title: a journal abbreviation after given-first names', () => {
  it('"K. Mensah, L. Ortiz, Stem Cell Lett. 2011, 4, 1203." and "…, J Cell Phys 1989, 41, 207." end the names at the journal', () => {
    expect(csl('[4] K. Mensah, L. Ortiz, Stem Cell Lett. 2011, 4, 1203.')).toMatchObject({
      author: [{ family: 'Mensah', given: 'K.' }, { family: 'Ortiz', given: 'L.' }],
      'container-title': 'Stem Cell Lett.',
      volume: '4',
      page: '1203',
      issued: { 'date-parts': [[2011]] },
    });
    const item = csl('[7] P. Ruiz, A. B. Osei, J Cell Phys 1989, 41, 207.');
    expect(item.author).toHaveLength(2);
    expect(item).toMatchObject({ 'container-title': 'J Cell Phys', volume: '41', page: '207' });
  });
});

describe('ACS numbers with the issue in brackets after the volume', () => {
  it('"Cell Reports B 2003, 41, (7)." and "…, 288, (5465), 494-497." read the issue, not a page', () => {
    expect(csl('12. Osei, K.; Ruiz, P., Marrow niches under strain. Cell Reports B 2003, 41, (7).')).toMatchObject({ 'container-title': 'Cell Reports B', volume: '41', issue: '7' });
    const item = csl('13. Mensah, A.; Lu, J. P., Grafts in mice. Stem Cell Science 2000, 288, (5465), 494-497.');
    expect(item).toMatchObject({ volume: '288', issue: '5465', page: '494-497' });
  });
});

describe('a work in several volumes', () => {
  it('"2 vols." is its number of volumes (CSL number-of-volumes), never its volume', () => {
    const item = csl('———. Marrow and Memory, 3 vols. London: Adomako Press, 1911.');
    expect(item).toMatchObject({ title: 'Marrow and Memory', 'number-of-volumes': '3', publisher: 'Adomako Press' });
    expect(item.volume).toBeUndefined();
  });

  it('"312 pp." / "518 p." is its number of pages (CSL number-of-pages), never its pages', () => {
    const item = csl('Ama Osei, Cells and Clocks: The Rhythms of Marrow, Adomako Press 1988, 272 pp.');
    expect(item).toMatchObject({ title: 'Cells and Clocks: The Rhythms of Marrow', 'number-of-pages': '272' });
    expect(item.page).toBeUndefined();
    expect(csl('OSEI, Kofi. Leçons sur la moelle. Paris : Adomako, 2013. 518 p.')['number-of-pages']).toBe('518');
  });
});

describe('journal numbers with spaced ranges, a year before labelled pages, a series word in a periodical\'s name', () => {
  it('"Marrow, 38, 43 - 102" and "Cell Science, 331 (6023), 1447– 1451" are one range', () => {
    expect(csl('Osei, K., & Ruiz, P. (1991). U-shaped growth of grafts. Marrow, 38, 43 - 102.').page).toBe('43-102');
    expect(csl('Mensah, G. M., & Lu, G. L. (2011). A brief intervention for donors. Cell Science, 331 (6023), 1447– 1451.').page).toBe('1447-1451');
  });

  it('"Cell Computing, 6(3), 1993, pp. 141-154": the year is no page', () => {
    expect(csl('J. Osei, "Composite Grafts", Cell Computing, 6(3), 1993, pp. 141-154.')).toMatchObject({ 'container-title': 'Cell Computing', volume: '6', issue: '3', page: '141-154', issued: { 'date-parts': [[1993]] } });
  });

  it('after a quoted title, "Cahiers …, 22, 2000" is the periodical, not a series', () => {
    expect(csl('OSEI, Ama, « Formes du greffon », Cahiers de la Moelle, 22, 2000, p. 47-61.')).toMatchObject({ 'container-title': 'Cahiers de la Moelle', volume: '22', page: '47-61' });
  });
});

describe('editors in more shapes', () => {
  it('a chapter copied from its "In": "In Osei, K. (Ed.), Proceedings of …" gives the editors', () => {
    expect(csl('In Osei, K., & Ruiz, P. B. (Eds.), Working Models of Marrow, pp. 39-41. Adomako Press, London, England.').editor).toEqual([
      { family: 'Osei', given: 'K.' },
      { family: 'Ruiz', given: 'P. B.' },
    ]);
  });

  it('given-first names before "(ed.)" are all editors ("K Ama Osei, Pablo R Ruiz (ed.), Title")', () => {
    const item = csl('K Ama Osei, Pablo R Ruiz (ed.), Marrow Theory in the Clinic: Foundations, Adomako Press, 1997.');
    expect(item.editor?.map((n) => n.family)).toEqual(['Osei', 'Ruiz']);
    expect(item.title).toBe('Marrow Theory in the Clinic: Foundations');
  });

  it('another name in brackets before "et al., eds." ("Osei, Kofi (Kofi Mensah Osei), et al., eds.")', () => {
    const item = csl('Osei, Kofi (Kofi Mensah Osei), et al., eds. Kanal imeni Medulla. Accra, 1934.');
    expect(item.editor?.[0]).toMatchObject({ family: 'Osei', given: 'Kofi' });
    expect(item.title).toBe('Kanal imeni Medulla');
  });

  it('"Family, Given, Title, Given Family (ed.)" keeps the first name the author', () => {
    expect(csl('Osei, Kofi, Mein Leben, Ama Ruiz (ed.), 2 vols. (Accra: Adomako Verlag, 1986).').author).toEqual([{ family: 'Osei', given: 'Kofi' }]);
  });
});

describe('a publisher with its place or year and no separator', () => {
  it('"Springer Berlin", "Adomako Press Boulder, CO": the publisher, then its place', () => {
    // (An article starts a title, never a given name: "…and P. Ruiz, The Marrow Book.")
    expect(csl('[8] K. Osei and P. Ruiz, The Marrow Book. Springer Berlin, 1997.')).toMatchObject({ title: 'The Marrow Book', publisher: 'Springer', 'publisher-place': 'Berlin' });
    expect(csl('Osei, K.D. and P.R. Ruiz. 1994. Graft dynamics: the role of donors. Adomako Press Boulder, CO.')).toMatchObject({ publisher: 'Adomako Press', 'publisher-place': 'Boulder, CO' });
  });

  it('"Köln: Oldenbourg 1992", "Adomako University Press 1988": the year after a publisher is the date', () => {
    expect(csl('Ama Osei: Zellen. In: R. Ruiz (Hrsg.): Lexikon der Zellen. Köln: Oldenbourg 1992, 10-19')).toMatchObject({ publisher: 'Oldenbourg', 'publisher-place': 'Köln' });
    expect(csl('Ama Osei and Kofi Mensah, Cells and Clocks: Rhythms of Marrow, Adomako University Press 1988, 272 pp.')).toMatchObject({ publisher: 'Adomako University Press', issued: { 'date-parts': [[1988]] } });
  });

  it('"1974: Springer-Verlag Berlin": the year, then the publisher and place', () => {
    expect(csl('118. Osei, K.L. and P. Ruiz, Marrow cytology and organization. 1974: Springer-Verlag Berlin.')).toMatchObject({
      title: 'Marrow cytology and organization',
      publisher: 'Springer-Verlag',
      'publisher-place': 'Berlin',
      issued: { 'date-parts': [[1974]] },
    });
  });
});

describe('a publisher alone after the title', () => {
  it('"Title. Adomako." and "Title. Basil Osei." name the publisher; "Title. BMJ." stays a periodical', () => {
    expect(csl('Osei, Kofi. 2005. The fourth graft: the marrow’s unlikely rise to power. Adomako.')).toMatchObject({ publisher: 'Adomako', type: 'book' });
    expect(csl('Ruiz, A. (1991). Marrow Theory: An Introduction to Cell Structure. Basil Osei.').publisher).toBe('Basil Osei');
    expect(csl('Mensah K (2013) Letter from the editor: grafts have come of age. Cell Standards Quarterly. Available: http://example.org/cells.')['container-title']).toBe('Cell Standards Quarterly');
    expect(csl('Osei K. Marrow grafts in adults. BMJ.')['container-title']).toBe('BMJ');
  });
});

describe('the place after or around the publisher', () => {
  it('"Osei Dekker, New York": New York is the place, the name before it the publisher', () => {
    expect(csl('[9] Ruiz, Pablo, “Overview of Marrow Sensing Methods,” [The Encyclopedia of Cells]. Osei Dekker, New York (2000).')).toMatchObject({ publisher: 'Osei Dekker', 'publisher-place': 'New York' });
  });

  it('"John Wiley & Sons, Kumasi.": a short name after the publisher, nothing but a date after it, is the place', () => {
    expect(csl('Osei, K (ed.) 2003, The Marrow atlas, 3rd edn, John Wiley & Sons, Kumasi.')).toMatchObject({ publisher: 'John Wiley & Sons', 'publisher-place': 'Kumasi' });
    // (With a volume after it, the name is a journal: "… Study Group. Marrow 357:425-431".)
    expect(csl('Osei K, Ruiz P (2001) Grafts and mortality. West Accra cell study group. Marrow 357:425-431')['container-title']).toBe('Marrow');
  });

  it('"Washington, D. C. Adomako Press": the region, then the publisher', () => {
    expect(csl('Osei, K. (1993). Graft plans. In Proceedings of the Eleventh Conference on Cells, pp. 492-499 Washington, D. C. Adomako Press.')).toMatchObject({ 'publisher-place': 'Washington, D. C.', publisher: 'Adomako Press' });
  });
});

describe('several places, one place', () => {
  it('"Amsterdam; Boston: Publisher", "New York ; Oxford, Publisher", "Hamburg und Leipzig, 1893"', () => {
    expect(csl('Osei, Kofi (2010). How to Build a Marrow Library (2nd ed.). Amsterdam; Boston: Adomako Press. pp. 35-52.')).toMatchObject({ 'publisher-place': 'Amsterdam; Boston', publisher: 'Adomako Press' });
    expect(csl('OSEI, Kofi, The 4th graft : how cells reshape medicine, New York ; Oxford, Oxford University Press, 2014, 248p.')['publisher-place']).toBe('New York; Oxford');
    expect(csl('K. Osei. Medulla. Eine Biographische Charakteristik. Hamburg und Leipzig, 1893.')['publisher-place']).toBe('Hamburg und Leipzig');
  });
});

describe('publishers that names and institutions hide', () => {
  it('"Editions Osei" is a publisher, never a given-first name ("Kofi Mensah, La Moelle, Editions Osei, 1969")', () => {
    expect(csl('Kofi Mensah, La Moelle Cybernétique, Editions Osei, 1969')).toMatchObject({ author: [{ family: 'Mensah', given: 'Kofi' }], title: 'La Moelle Cybernétique', publisher: 'Editions Osei' });
  });

  it('an acronym and a year in brackets are the publisher ("Title (CUP, 1977)")', () => {
    expect(csl('Ama Osei, Outline of A Theory of Grafts (CUP, 1977).')).toMatchObject({ publisher: 'CUP', issued: { 'date-parts': [[1977]] } });
  });

  it('a thesis at a university, then its country ("Ph.D. Thesis, Universiteit Leiden, Netherlands.")', () => {
    expect(csl('Osei, K. (1994). Marrow support in the design of grafts. Ph.D. Thesis, Universiteit Leiden, Netherlands.')).toMatchObject({ type: 'thesis', publisher: 'Universiteit Leiden', 'publisher-place': 'Netherlands' });
  });
});

describe('an institution in several parts after its place', () => {
  it('"Murray Hill, NJ: Adomako Laboratories, Statistics Department." is one publisher', () => {
    expect(csl('Osei, K. S., and P. Ruiz, (1994). Methods for Marrow Regression. Technical Report 11, Murray Hill, NJ: Adomako Laboratories, Statistics Department.')).toMatchObject({
      publisher: 'Adomako Laboratories, Statistics Department',
      'publisher-place': 'Murray Hill, NJ',
    });
    expect(csl('Osei, K. (1994). Grafts in motion. In Proceedings of the Fourth Conference on Cells. Orlando, Florida: Institute for Cell Training, University of Central Florida.').publisher).toBe('Institute for Cell Training, University of Central Florida');
  });
});

describe('a title that ends in a place', () => {
  it('"…, Ontario, Canada. Marrow, v. 24, pp. 851-854." — the place is the title\'s, the journal a journal', () => {
    expect(csl('Osei, V. L., Ruiz, B.O., New constraints on the Slate Islands graft, Ontario, Canada. Marrow, v. 24, pp. 851-854. 1996.')).toMatchObject({
      title: 'New constraints on the Slate Islands graft, Ontario, Canada',
      'container-title': 'Marrow',
      volume: '24',
      page: '851-854',
    });
  });

  it('"Leningrad, Nedra, 231 p. 1980." — the place, the publisher, the number of pages, the year', () => {
    expect(csl('Osei, V. L. and Ruiz, Ye.M., The Geology of Grafts (in Russian). Leningrad, Nedra, 231 p. 1980.')).toMatchObject({ 'publisher-place': 'Leningrad', publisher: 'Nedra', 'number-of-pages': '231', issued: { 'date-parts': [[1980]] } });
  });
});

describe('a date between the title and the source', () => {
  it('"Title, 1976, New York: Wiley" and "Title. (1994, March). Magazine, 41(3)" end the title before the date', () => {
    expect(csl('Osei Jr., C. F., Ruiz, R. E. The Hydrolysis of Marrow, 1976, New York: Wiley Interscience.')).toMatchObject({
      title: 'The Hydrolysis of Marrow',
      issued: { 'date-parts': [[1976]] },
      publisher: 'Wiley Interscience',
      'publisher-place': 'New York',
    });
    expect(csl('Donor honors father with cell research awards. (1994, March). Accra University Magazine, 41(3), p. 44')).toMatchObject({
      title: 'Donor honors father with cell research awards',
      'container-title': 'Accra University Magazine',
      issued: { 'date-parts': [[1994, 3]] },
    });
  });
});

describe('a film\'s contributors after its title (MLA)', () => {
  it('"Title. Dir. Ama Osei. Perf. Kofi Mensah, Pablo Ruiz. Studio, 2004." ends the title before "Dir."', () => {
    expect(csl('Back to the Marrow. Dir. Ama Osei. Perf. Kofi Mensah, Pablo Ruiz. Adomako Educational Foundation, 1989.')).toMatchObject({ title: 'Back to the Marrow', issued: { 'date-parts': [[1989]] } });
    // ("Comp." inside a journal's abbreviations is no compiler.)
    expect(csl('[5] K. Osei and P. Ruiz, “Imaging of cells,” Am. J. Physiol. - Regul. Integr. Comp. Physiol., vol. 296, no. 6, pp. 1–9, 2009.')['container-title']).toBe('Am. J. Physiol. - Regul. Integr. Comp. Physiol.');
  });
});

describe('authors the name scanner cannot read', () => {
  it('any capitalised name right before the date ("Alliance for Marrow Education. (2007).", "ACCRA, 2009, Title")', () => {
    expect(csl('Alliance for Marrow Education. (2007). The high cost of failed grafts: What the nation pays. Washington, DC: Author.')).toMatchObject({
      author: [{ literal: 'Alliance for Marrow Education' }],
      issued: { 'date-parts': [[2007]] },
      title: 'The high cost of failed grafts: What the nation pays',
    });
    expect(csl('ACCRA, 2009, Le commerce des cellules, Paris, ACCRA.')).toMatchObject({ author: [{ literal: 'ACCRA' }], title: 'Le commerce des cellules' });
  });

  it('a title moved before the date (APA, no author) stays the title ("Good grafts. (1996, September). Magazine, 44(1)")', () => {
    const item = csl('Good grafts. (1996, September). Accra University Magazine, 44(1), p. 8');
    expect(item.author).toBeUndefined();
    expect(item).toMatchObject({ title: 'Good grafts', 'container-title': 'Accra University Magazine', volume: '44' });
  });

  it('one name alone as its own sentence ("Galen. On the Marrow. Edited by …")', () => {
    expect(csl('Galen. On the Marrow. Edited by Kofi Mensah. Stuttgart: Adomako, 1994.')).toMatchObject({ author: [{ literal: 'Galen' }], title: 'On the Marrow' });
  });
});

describe('APA 7 lists with an ellipsis before the last author', () => {
  it('"Osei, K., Ruiz, P., ... Mensah, A. (2004). Title" reads every name and the title', () => {
    const item = csl('Osei, K. D., Ruiz, P., Lu, J. F., ... Mensah, A. (2004). Effects of grafts on marrow. Cell Journal, 4, 1-9.');
    expect(item.author?.map((n) => n.family)).toEqual(['Osei', 'Ruiz', 'Lu', 'Mensah']);
    expect(item.title).toBe('Effects of grafts on marrow');
  });
});

describe('MLA periodicals: volume, date and pages after the name', () => {
  it('"Marrow 113 21 July 1986: 71-72", "Cell Yorker 15 Feb. 1993: 48-51", "Cell Insider May(26)"', () => {
    expect(csl('Osei, Kofi. "Heard Any Good Grafts Lately?" Marrow 113 21 July 1986: 71-72.')).toMatchObject({
      'container-title': 'Marrow',
      volume: '113',
      page: '71-72',
      issued: { 'date-parts': [[1986, 7, 21]] },
    });
    expect(csl('Ruiz, Pablo. "Culture Grafting." Cell Yorker 15 Feb. 1993: 48-51.')).toMatchObject({ 'container-title': 'Cell Yorker', page: '48-51', issued: { 'date-parts': [[1993, 2, 15]] } });
    expect(csl('Mensah, Ama. 2011. “Meet the Marrow Facility.” Cell Insider May(26). URL: http://example.org/cells')['container-title']).toBe('Cell Insider');
  });
});

describe('a number that ends the name of a book named after "In"', () => {
  it('"In …, Advances in Marrow Processing Systems 6. Adomako Press." and "in Verdi 2001, 2 vols. (…, 2003)" keep it in the name', () => {
    const item = csl('Osei, Y., & Ruiz, P. (1994). Credit through grafts. In Mensah, J. D., & Lu, G. (Eds.), Advances in Marrow Processing Systems 6. Adomako Press.');
    expect(item['container-title']).toBe('Advances in Marrow Processing Systems 6');
    expect(item.volume).toBeUndefined();
    expect(csl('Osei, Kofi, “‘Se potessimo’,” in Ama Ruiz (eds.), Verdi 2001, 2 vols. (Florence: Adomako, 2003), vol. ii, pp. 937–43.')).toMatchObject({ 'container-title': 'Verdi 2001', issued: { 'date-parts': [[2003]] } });
  });

  it('after a label the number is the volume ("In … (eds.), Cell Linguistics Volume 30")', () => {
    expect(csl('Osei, Kofi. 2013. Marrow words. In Ama Ruiz and Pablo Lu (eds.), Cell Linguistics Volume 30, 199-213. Stanford, CA: Adomako.').volume).toBe('30');
  });
});

describe('German page labels', () => {
  it('"S. 27-63" after a place and publisher are the pages ("Würzburg: Adomako & Neumann 2007, S. 27-63.")', () => {
    expect(csl('Osei, Kofi: Zellen um 1800. In: Ama Ruiz, Pablo Lu (Hgg.): Räume der Zellen. Würzburg: Adomako & Neumann 2007, S. 27-63.')).toMatchObject({
      'container-title': 'Räume der Zellen',
      publisher: 'Adomako & Neumann',
      'publisher-place': 'Würzburg',
      page: '27-63',
    });
  });
});

describe('physics and ACS with no title, more journal shapes', () => {
  it('"Phys. Lett. B428 (1998) 105-114", "Int. J. Mod. Phys. A16, 707-718 (2001)", "Opt. Express 2010, 18, A237"', () => {
    expect(csl('[3] K. Osei, P. Ruiz, A. M. Lu, Cell Lett. B428 (1998) 105-114. [hep-th/9802109].')).toMatchObject({ 'container-title': 'Cell Lett.', volume: 'B428', page: '105-114' });
    expect(csl('[21] J. Osei, Int. J. Mod. Cells A16, 707-718 (2001).')).toMatchObject({ 'container-title': 'Int. J. Mod. Cells', volume: 'A16', page: '707-718' });
    const item = csl('I. Osei, H. A. Ruiz, A. Lu, Opt. Marrow 2010, 18, A237.');
    expect(item).toMatchObject({ 'container-title': 'Opt. Marrow', volume: '18', page: 'A237' });
    expect(item.title).toBeUndefined();
    // (An arXiv note in nested brackets after the numbers is a note.)
    expect(csl('[7] S. Osei, D. Ruiz and S. P. Lu, JCAP 1005, 067 (2010) [arXiv:0905.1234 [hep-th]].')).toMatchObject({ 'container-title': 'JCAP', volume: '1005', page: '067' });
  });
});

describe('a language note in brackets', () => {
  it('"Title (in Russian). Journal, pp." keeps the note in the title; ", in Novels, …" is still a container', () => {
    expect(csl('Osei, A. I., Ruiz, M.S., The problem of marrow craters (in Russian). Kosmicheskie Kletki, pp. 61-68. 1977.')).toMatchObject({
      title: 'The problem of marrow craters (in Russian)',
      'container-title': 'Kosmicheskie Kletki',
      page: '61-68',
    });
    expect(csl('Kofi Osei, The Europeans, in Novels, 1871–1880 (New York: Library of Cells, 1983), 886.')).toMatchObject({ title: 'The Europeans', 'container-title': 'Novels' });
  });
});

describe('a quoted title closed after its comma', () => {
  it('"“Title,” preprint (1987)" and "``Title,\'\' physica status solidi" end the title at the quote', () => {
    expect(csl('J. Osei and K. Ruiz. "On the distribution of running times of marrow grafts," preprint (1987).').title).toBe('On the distribution of running times of marrow grafts');
    expect(csl("[9] F. Osei and M. Ruiz, ``Tunable effects in marrow crystals,'' physica cellulae a-Applications, vol. 204, no. 11, pp. 3790–3794, 2007.").title).toBe('Tunable effects in marrow crystals');
    // (Without the comma inside, a word in lower case after the quote goes on with the title.)
    expect(csl('Osei K. "Near-miss" obstetric grafts and maternal deaths. Marrow J 2001;3:1-9.').title).toMatch(/^"?Near-miss" obstetric grafts and maternal deaths$/);
  });
});
