import { describe, expect, it } from 'vitest';
import type { Item, Section } from '../../src/generated/article.js';
import { pageKind, type KindEvidence } from '../../src/structure/kind.js';
import { pipeline } from '../helpers.js';

const item = (text: string) => ({ text }) as Item;
const section = (kind: Section['kind'], items: Item[] = [], more: Partial<Section> = {}) => ({ kind, items, ...more }) as Section;
const plain = [item('3月5日,某医院团队报告了两名患者的随访结果。'), item('3月9日,另一团队开始招募受试者。')];
const cited = [item('3月5日,《干细胞研究与治疗》发表了一项研究[1]。'), item('3月9日,《细胞》发表了另一项研究[2]。')];

/** The page kind of a page with these sections and, by default, no title, page date or byline. */
function kind(sections: Section[], more: Partial<KindEvidence> = {}) {
  return pageKind({ title: null, sections, itemBlocks: new Map(), titleDeclaresMonths: false, pageDate: null, byline: false, ...more }, pipeline().data.structure);
}

describe('pageKind: the first rule that fits', () => {
  it('1. a month digest: a month section holds an item, or the title declares months', () => {
    expect(kind([section('month', plain)])).toBe('month-digest');
    expect(kind([section('month')], { titleDeclaresMonths: true })).toBe('month-digest');
  });

  it('2. a year roundup: two year sections, or one and a span of years in the title', () => {
    expect(kind([section('year', plain), section('year')])).toBe('year-roundup');
    expect(kind([section('year', plain)], { title: '2023-2025年干细胞治疗进展回顾' })).toBe('year-roundup');
  });

  it('3. an overview: the title promises an explanation, whatever the page dates', () => {
    expect(kind([section('other', cited)], { title: '干细胞治疗膝骨关节炎的4种方法' })).toBe('overview');
    expect(kind([section('year', plain)], { title: '间充质干细胞有哪些适应症' })).toBe('overview');
  });

  it('4. a drug approval: the title or the first item names an approval by a regulator (not in a year roundup)', () => {
    expect(kind([section('other', plain)], { title: '国家药监局批准首款干细胞药物上市' })).toBe('drug-approval');
    expect(kind([section('other', [item('1月2日,FDA批准了一款干细胞疗法。')])])).toBe('drug-approval');
    expect(kind([section('year', [item('1月2日,FDA批准了一款干细胞疗法。')])])).not.toBe('drug-approval');
  });

  it('4. no drug approval where a regulator clears a trial, in Chinese words too (genre-zh7)', () => {
    for (const lead of ['近日,某某公司的干细胞注射液获国家药监局批准开展临床试验。', '11月,某某细胞注射液获国家药监局临床试验默示许可。', '某某凝胶获国家药监局临试通知,获准进入人体试验。']) {
      expect(kind([section('other', [item(lead)])]), lead).not.toBe('drug-approval');
    }
    expect(kind([section('other', plain)], { title: '某某干细胞新药获准开展临床试验,国家药监局官网显示' })).not.toBe('drug-approval');
    expect(kind([section('other', [item('1月2日,国家药监局附条件批准某某注射液上市。')])])).toBe('drug-approval');
  });

  it('5. a trial roundup: the title counts studies, or two items report publications', () => {
    // With a page date, two plain items would be a news item (rule 6): the title decides first.
    expect(kind([section('other', plain)], { title: '盘点:5项临床试验的最新结果', pageDate: '2025-03-10' })).toBe('trial-roundup');
    expect(kind([section('other', plain)], { title: '盘点:干细胞临床试验的最新结果', pageDate: '2025-03-10' })).toBe('news-item');
    expect(kind([section('other', cited)], { pageDate: '2025-03-10' })).toBe('trial-roundup');
  });

  it('6–7. a news item with a page date, a byline or a single item; two plain items without them are a trial roundup', () => {
    expect(kind([section('other', plain)], { pageDate: '2025-03-10' })).toBe('news-item');
    expect(kind([section('other', plain)], { byline: true })).toBe('news-item');
    expect(kind([section('other', [plain[0]!])])).toBe('news-item');
    expect(kind([section('other', plain)])).toBe('trial-roundup');
  });

  it('7. no items: a news item with a page date and no outline, else an overview', () => {
    expect(kind([section('other')], { pageDate: '2025-03-10' })).toBe('news-item');
    expect(kind([section('other', [], { outlineLevel: 1 } as Partial<Section>)], { pageDate: '2025-03-10' })).toBe('overview');
    expect(kind([section('other')])).toBe('overview');
  });

  it('7. no items: a page whose paragraphs cite by number is a paper a site copied under its date, an overview (the tenth Chinese pass, genre-zh10)', () => {
    expect(kind([section('other')], { pageDate: '2014-01-22', citesByNumber: () => true })).toBe('overview');
    expect(kind([section('other')], { pageDate: '2014-01-22', citesByNumber: () => false })).toBe('news-item');
    // Asked only of a page without items: a dated item still makes a news item.
    expect(kind([section('other', [plain[0]!])], { pageDate: '2014-01-22', citesByNumber: () => true })).toBe('news-item');
  });

  it('6–7. a journal\'s issue line over the text makes the page a paper, an overview, never a news item (the eleventh Chinese pass, genre-zh11)', () => {
    expect(kind([section('other')], { pageDate: '2024-11-20', issueLine: true })).toBe('overview');
    expect(kind([section('other')], { byline: true, issueLine: true })).toBe('overview');
    expect(kind([section('other', [plain[0]!])], { pageDate: '2024-11-20', issueLine: true })).toBe('overview');
    // Two dated items are still a roundup, and without the line the page date still makes a news item.
    expect(kind([section('other', plain)], { pageDate: '2024-11-20', issueLine: true })).toBe('trial-roundup');
    expect(kind([section('other')], { pageDate: '2024-11-20', issueLine: false })).toBe('news-item');
  });
});

describe('pageKind: a heading counting new drugs over an approval (genre-zh23)', () => {
  const approvalFirst = [item('2025年1月2日,国家药监局附条件批准某某间充质干细胞注射液上市。')];
  it('reads a page whose heading counts studies or new drugs as a trial roundup, though its first item tells an approval', () => {
    expect(kind([section('other', approvalFirst, { heading: '历史性突破' }), section('other', [], { heading: '02:2025年1-5月受理的8项干细胞新药' })])).toBe('trial-roundup');
    expect(kind([section('other', approvalFirst), section('other', [], { heading: '盘点5项临床试验' })])).toBe('trial-roundup');
  });

  it('keeps the approval where no heading counts, or where the title tells it', () => {
    expect(kind([section('other', approvalFirst, { heading: '历史性突破' }), section('other', [], { heading: '2025年干细胞新药受理分析' })])).toBe('drug-approval');
    expect(kind([section('other', approvalFirst), section('other', [], { heading: '受理的8项干细胞新药' })], { title: '国家药监局批准首款干细胞药物上市' })).toBe('drug-approval');
  });

  it('leaves a page whose first item tells no approval to the later rules, whatever its headings count', () => {
    expect(kind([section('other', [plain[0]!]), section('other', [], { heading: '两项研究带来的新线索' })])).toBe('news-item');
  });
});
