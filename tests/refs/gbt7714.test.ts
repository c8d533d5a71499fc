import { describe, expect, it } from 'vitest';
import { parseReference } from '../../src/refs/parse.js';

// Strings written for these tests in GB/T 7714-2015's shapes (no third-party data).
const csl = (raw: string) => parseReference(raw, 'ref-1').csl;
const year = (c: ReturnType<typeof csl>) => c.issued?.['date-parts']?.[0]?.[0];

describe('GB/T 7714-2015: the type code sets the CSL type and never stays in a title', () => {
  it.each([
    ['王建国, 李红. 间充质干细胞治疗类风湿关节炎的研究进展[J]. 中华风湿病学杂志, 2021, 25(4): 265-270.', 'article-journal', '间充质干细胞治疗类风湿关节炎的研究进展'],
    ['赵明. 干细胞生物学[M]. 北京: 科学出版社, 2018.', 'book', '干细胞生物学'],
    ['中国细胞生物学学会. 第十届全国干细胞大会论文集[C]. 上海: 上海科学技术出版社, 2019.', 'book', '第十届全国干细胞大会论文集'],
    ['陈静. 脐带间充质干细胞的免疫调节机制研究[D]. 广州: 中山大学, 2020.', 'thesis', '脐带间充质干细胞的免疫调节机制研究'],
    ['国家卫生健康委员会. 干细胞临床研究年度报告: NHC-2022-07[R]. 北京: 国家卫生健康委员会, 2022.', 'report', '干细胞临床研究年度报告'],
    ['全国生物技术标准化委员会. 人间充质干细胞通用要求: GB/T 40365—2021[S]. 北京: 中国标准出版社, 2021.', 'standard', '人间充质干细胞通用要求'],
    ['刘洋. 一种干细胞冻存液及其制备方法: 202110345678.9[P]. 2021-08-17.', 'patent', '一种干细胞冻存液及其制备方法'],
    ['孙丽. 干细胞疗法进入临床新阶段[N]. 健康报, 2023-05-12 (3).', 'article-newspaper', '干细胞疗法进入临床新阶段'],
    ['中国干细胞网. 2023年干细胞临床备案项目汇总[EB/OL]. (2023-12-30)[2024-01-05]. https://www.example.cn/stem/2023.html.', 'webpage', '2023年干细胞临床备案项目汇总'],
    ['周强. 干细胞实验记录[Z]. 杭州: 浙江大学医学院, 2015.', 'document', '干细胞实验记录'],
    ['卫生部科技教育司. 干细胞研究伦理指导原则[A]. 北京: 卫生部, 2003.', 'manuscript', '干细胞研究伦理指导原则'],
    ['王芳, 李强. 间充质干细胞外泌体的研究进展[J/OL]. 生命科学, 2022, 34(2): 101-110[2023-03-01]. https://www.example.cn/a/101.', 'article-journal', '间充质干细胞外泌体的研究进展'],
  ])('%s', (raw, type, title) => {
    const item = csl(raw);
    expect(item.type).toBe(type);
    expect(item.title).toBe(title);
    expect(item.title).not.toMatch(/\[[A-Z]/);
  });

  it('a part of a work ("//"): the container is the work, its editors and pages are read', () => {
    expect(csl('李明. 干细胞移植的免疫排斥[M]// 张华, 王伟. 再生医学进展: 第 2 卷. 北京: 人民卫生出版社, 2020: 45-60.')).toMatchObject({
      type: 'chapter',
      author: [{ literal: '李明' }],
      title: '干细胞移植的免疫排斥',
      editor: [{ literal: '张华' }, { literal: '王伟' }],
      'container-title': '再生医学进展',
      volume: '2',
      'publisher-place': '北京',
      publisher: '人民卫生出版社',
      page: '45-60',
    });
    expect(csl('GARCIA M, CHEN L. Stem cell niches in bone marrow[C]// Proceedings of the 12th International Stem Cell Symposium. Boston: Academic Press, 2019: 12-18.')).toMatchObject({
      type: 'paper-conference',
      title: 'Stem cell niches in bone marrow',
      'container-title': 'Proceedings of the 12th International Stem Cell Symposium',
      'publisher-place': 'Boston',
      publisher: 'Academic Press',
      page: '12-18',
    });
  });

  it('"year, volume(issue): pages" is read, never glued to the journal', () => {
    const item = csl('李炳穆. 韩国图书馆法[J]. 图书情报工作, 2008, 52(6): 6-21.');
    expect(item).toMatchObject({ author: [{ literal: '李炳穆' }], title: '韩国图书馆法', 'container-title': '图书情报工作', volume: '52', issue: '6', page: '6-21' });
    expect(year(item)).toBe(2008);
    expect(csl('HARRIS P, MOORE K. Marrow stromal cells in aged mice[J]. Lethaia, 1975, 8: 339.')).toMatchObject({ 'container-title': 'Lethaia', volume: '8', page: '339' });
    // Copied from CNKI with no spaces at all.
    expect(csl('李炳穆.韩国图书馆法[J].图书情报工作,2008,52(6):6-21.')).toMatchObject({ title: '韩国图书馆法', 'container-title': '图书情报工作', volume: '52', issue: '6', page: '6-21' });
    // Issue only, and a supplement as the issue.
    expect(csl('杨华. 干细胞与衰老[J]. 生命的化学, 2013(1): 56-75.')).toMatchObject({ 'container-title': '生命的化学', issue: '1', page: '56-75' });
    expect(csl('杨华. 干细胞与衰老[J]. 生命的化学, 2012, 22(增刊 2): 81-86.')).toMatchObject({ volume: '22', issue: '增刊 2' });
  });

  it('等 and et al. end the author list', () => {
    expect(csl('王一, 李二, 张三, 等. 干细胞治疗膝骨关节炎的临床观察[J]. 中国修复重建外科杂志, 2020, 34(3): 300-305.').author).toEqual([{ literal: '王一' }, { literal: '李二' }, { literal: '张三' }]);
    expect(csl('SMITH J A, BROWN K, LEE C, et al. Expansion of mesenchymal stromal cells[J]. Cytotherapy, 2019, 21(2): 100-110.').author).toHaveLength(3);
  });

  it('upper-case Latin surnames keep their initials as given names; particles, hyphens and Jr stay', () => {
    expect(csl('KENNEDY W J, GARRISON R E. Stromal cells of the chalk[J]. Sedimentology, 1975, 22: 311.').author).toEqual([
      { family: 'KENNEDY', given: 'W J' },
      { family: 'GARRISON', given: 'R E' },
    ]);
    expect(csl('DES MARAIS D J, WILLIAMS-ELLIS A, LI Jiangning. Stem cells on Mars[J]. Nature, 1992, 359: 605-609.').author).toEqual([
      { family: 'DES MARAIS', given: 'D J' },
      { family: 'WILLIAMS-ELLIS', given: 'A' },
      { family: 'LI', given: 'Jiangning' },
    ]);
    expect(csl('PEEBLES P Z, Jr. Random signals in cell biology[M]. 4th ed. New York: McGraw-Hill, 2001.')).toMatchObject({
      author: [{ family: 'PEEBLES', given: 'P Z', suffix: 'Jr' }],
      edition: '4th ed',
      'publisher-place': 'New York',
      publisher: 'McGraw-Hill',
    });
  });

  it('Chinese names are one literal each, as written (organisations too)', () => {
    expect(csl('欧阳明, 司马光华. 干细胞伦理[M]. 北京: 人民出版社, 2010.').author).toEqual([{ literal: '欧阳明' }, { literal: '司马光华' }]);
    expect(csl('中国医学科学院干细胞研究中心. 干细胞年鉴: 2020[M]. 北京: 中国协和医科大学出版社, 2021.').author).toEqual([{ literal: '中国医学科学院干细胞研究中心' }]);
  });

  it('a DOI taken from a link loses the page name after it; access dates and URLs are kept', () => {
    const item = csl('MILLER R, HOFFMAN S. Cord blood banking[M/OL]. Hoboken: Wiley, 2013: 21-22[2014-06-24]. https://onlinelibrary.wiley.com/doi/10.1002/9781118400001/summary.');
    expect(item).toMatchObject({ type: 'book', DOI: '10.1002/9781118400001', page: '21-22', accessed: { 'date-parts': [[2014, 6, 24]] } });
    expect(item.URL).toBe('https://onlinelibrary.wiley.com/doi/10.1002/9781118400001/summary');
  });

  it('volumes, editions, translators, numbers and dates as the standard writes them', () => {
    expect(csl('陈东. 细胞治疗学: 第 1 卷[M]. 2 版. 北京: 科学出版社, 2016: 29.')).toMatchObject({ title: '细胞治疗学', volume: '1', edition: '2 版', page: '29' });
    expect(csl('斯坦利. 干细胞简史[M]. 王兰, 译. 上海: 上海译文出版社, 2019.')).toMatchObject({ translator: [{ literal: '王兰' }] });
    expect(csl('全国生物技术标准化委员会. 人间充质干细胞通用要求: GB/T 40365—2021[S]. 北京: 中国标准出版社, 2021.').number).toBe('GB/T 40365—2021');
    expect(csl('刘洋. 一种干细胞冻存液及其制备方法: 202110345678.9[P]. 2021-08-17.')).toMatchObject({ number: '202110345678.9', issued: { 'date-parts': [[2021, 8, 17]] } });
    expect(csl('孙丽. 干细胞疗法进入临床新阶段[N]. 健康报, 2023-05-12 (3).')).toMatchObject({ 'container-title': '健康报', page: '3', issued: { 'date-parts': [[2023, 5, 12]] } });
    expect(csl('中国干细胞网. 项目汇总[EB/OL]. (2023-12-30)[2024-01-05]. https://www.example.cn/stem/2023.html.')).toMatchObject({
      issued: { 'date-parts': [[2023, 12, 30]] },
      accessed: { 'date-parts': [[2024, 1, 5]] },
      URL: 'https://www.example.cn/stem/2023.html',
    });
  });

  it('a proceedings volume and a serial as a whole are edited, not written', () => {
    expect(csl('中国细胞生物学学会. 全国干细胞大会论文集[C]. 上海: 上海科学技术出版社, 2019.').editor).toEqual([{ literal: '中国细胞生物学学会' }]);
    expect(csl('中华医学会. 中华细胞治疗杂志[J]. 2001, 1(1)-. 北京: 中华医学会, 2001-.')).toMatchObject({ type: 'periodical', editor: [{ literal: '中华医学会' }], volume: '2001, 1(1)-' });
  });

  it('one element on its own, as the standard lists them', () => {
    expect(csl('钱学森, 刘再复.').author).toEqual([{ literal: '钱学森' }, { literal: '刘再复' }]);
    expect(csl('EINSTEIN A.').author).toEqual([{ family: 'EINSTEIN', given: 'A' }]);
    expect(csl('北京: 人民出版社, 2013.')).toMatchObject({ 'publisher-place': '北京', publisher: '人民出版社', issued: { 'date-parts': [[2013]] } });
    expect(csl('2001, 1 (1): 5-6.')).toMatchObject({ volume: '1', issue: '1', page: '5-6' });
    expect(csl('北京大学学报 (医学版).')['container-title']).toBe('北京大学学报 (医学版)');
  });

  it.each([
    ['王明. 干细胞治疗学[M]. 李华, 主编. 北京: 科学出版社, 2020.', { editor: [{ literal: '李华' }], 'publisher-place': '北京', publisher: '科学出版社' }],
    ['王明. 干细胞：从基础到临床[M]. 北京: 科学出版社, 2020.', { title: '干细胞：从基础到临床' }],
    ['王明. 干细胞治疗学[M]. 3版. 北京: 科学出版社, 2020: 前言.', { edition: '3版', page: '前言' }],
    ['王明. 再生医学年鉴[M]. 北京: 科学出版社, 2020. doi:10.1000/xyz123.', { publisher: '科学出版社', DOI: '10.1000/xyz123' }],
    ['王明. 干细胞治疗学[M]. 北京, 2020.', { 'publisher-place': '北京', issued: { 'date-parts': [[2020]] } }],
    ['王明. 干细胞治疗学[M]. 科学出版社, 2020.', { publisher: '科学出版社', issued: { 'date-parts': [[2020]] } }],
    ['DOE J. Stem cells and society[M]. Oxford: Oxford University Press, 2019.', { 'publisher-place': 'Oxford', publisher: 'Oxford University Press' }],
    ['DOE J. Stem cells and society[M]. Oxford University Press, 2019.', { publisher: 'Oxford University Press', issued: { 'date-parts': [[2019]] } }],
    ['DOE J. Stem cells and society[M]. Cambridge, MA: MIT Press, 2019.', { 'publisher-place': 'Cambridge, MA', publisher: 'MIT Press' }],
    ['World Health Organization. Stem Cell Therapies Review[R]. Geneva, 2016.', { type: 'report', author: [{ literal: 'World Health Organization' }], 'publisher-place': 'Geneva' }],
    ['国家药监局. 细胞治疗产品指导原则[EB/OL]. (2017-12-18)[2024-01-10]. ', { issued: { 'date-parts': [[2017, 12, 18]] }, accessed: { 'date-parts': [[2024, 1, 10]] } }],
    [
      '王明. 干细胞[J/OL]. 中华医学杂志, 2020, 100(5): 1-5[2024-01-01]. https://doi.org/10.1000/abc.',
      { type: 'article-journal', volume: '100', issue: '5', page: '1-5', accessed: { 'date-parts': [[2024, 1, 1]] }, DOI: '10.1000/abc', URL: 'https://doi.org/10.1000/abc' },
    ],
    ['王明. 干细胞[J]. 中华医学杂志, 2020, 100: 1-5.', { 'container-title': '中华医学杂志', volume: '100', page: '1-5' }],
    ['孙十. 干细胞治疗糖尿病足[J]. 中国修复重建外科杂志, 2020(4): 12-15.', { issue: '4', issued: { 'date-parts': [[2020]] }, page: '12-15' }],
    ['SMITH J, DOE A, ROE B, et al. Mesenchymal stem cells for lupus[J]. Nature Medicine, 2022, 28(Suppl 1): S12-S20.', { volume: '28', issue: 'Suppl 1', page: 'S12-S20' }],
    ['王五. 干细胞新药获批上市[N]. 人民日报, 2024-03-15(12).', { 'container-title': '人民日报', issued: { 'date-parts': [[2024, 3, 15]] }, page: '12' }],
  ])('the elements after the title of %s', (raw, expected) => {
    expect(csl(raw)).toMatchObject(expected);
  });
});


describe('GB/T 7714: dates of electronic resources, volumes with their own titles, editorial committees', () => {
  it('a whole date in brackets alone is the access date, never the publication date; a year in brackets is the publication year', () => {
    const seen = csl('张华. 干细胞治疗备案指南[EB/OL]. [2019-04-02]. https://www.example.cn/guide.html.');
    expect(seen.accessed).toEqual({ 'date-parts': [[2019, 4, 2]] });
    expect(seen.issued).toBeUndefined();
    expect(csl('张华. 干细胞治疗备案指南[EB/OL]. (2018-11-20)[2019-04-02]. https://www.example.cn/guide.html.')).toMatchObject({ issued: { 'date-parts': [[2018, 11, 20]] }, accessed: { 'date-parts': [[2019, 4, 2]] } });
    expect(csl('张华. 干细胞简史[M]. 北京: 科学出版社, [1936].').issued).toEqual({ 'date-parts': [[1936]] });
  });

  it('"书名: 第2卷 分卷名": the volume\'s title is the title, the work\'s title its collection', () => {
    expect(csl('王大明. 中国再生医学史: 第2卷 干细胞时代[M]. 北京: 科学出版社, 2010.')).toMatchObject({ title: '干细胞时代', volume: '2', 'collection-title': '中国再生医学史' });
  });

  it('an editorial committee named first edits the work; an editorial office compiles it and stays its author', () => {
    expect(csl('再生医学词典编辑委员会. 再生医学词典[M]. 北京: 人民卫生出版社, 2015.')).toMatchObject({ editor: [{ literal: '再生医学词典编辑委员会' }] });
    expect(csl('干细胞名词编委会. 干细胞名词[M]. 北京: 科学出版社, 2016.').editor).toEqual([{ literal: '干细胞名词编委会' }]);
    const office = csl('再生医学研究所词典编辑室. 干细胞小词典[M]. 北京: 商务印书馆, 2001.');
    expect(office.author).toEqual([{ literal: '再生医学研究所词典编辑室' }]);
    expect(office.editor).toBeUndefined();
  });
});
