import { describe, expect, it } from 'vitest';
import { markdownBlocks } from '../../src/parse/markdown.js';

describe('markdownBlocks', () => {
  const text = '# 2025年3月\n\n**全部加粗的一段**\n\n    缩进代码第一行\n    第二行\n\n```\n围栏代码\n\n```\n\n![图](a.png)\n\n1. 第一项\n2. 第二项 [链接](http://x) `行内`\n\n段落一行\n第二行 <b>html</b>\n';

  it('headings, a bold paragraph, code a line a block (blank code lines and images dropped), ordered items, paragraphs a line a block', async () => {
    const blocks = await markdownBlocks(text);
    expect(blocks.map((b) => [b.kind, b.text, b.level ?? b.ordinal ?? (b.strong ? 'strong' : null)])).toEqual([
      ['heading', '2025年3月', 1],
      ['paragraph', '全部加粗的一段', 'strong'],
      ['paragraph', '缩进代码第一行', null],
      ['paragraph', '第二行', null],
      ['paragraph', '围栏代码', null],
      ['list-item', '第一项', 1],
      ['list-item', '第二项 链接 行内', 2],
      ['paragraph', '段落一行', null],
      ['paragraph', '第二行 html', null],
    ]);
  });

  it('each block points at its source: exactly where the text is the source, around the markup where it is not', async () => {
    const blocks = await markdownBlocks(text);
    for (const b of blocks.filter((x) => x.exact)) expect(text.slice(b.start, b.end)).toBe(b.text);
    expect(blocks.filter((b) => !b.exact).map((b) => text.slice(b.start, b.end))).toEqual(['第二项 [链接](http://x) `行内', '第二行 <b>html']);
  });

  it('keeps where inline HTML set a run of text high (<sup>), placed in the block and the source', async () => {
    const md = 'Grafts survived.<sup>1</sup> Trials followed,<sup>2,3</sup> and 5 mm<sup>3</sup> was used.\n';
    const [block] = await markdownBlocks(md);
    expect(block!.text).toBe('Grafts survived.1 Trials followed,2,3 and 5 mm3 was used.');
    expect(block!.superscripts!.map((s) => [block!.text.slice(s.index, s.index + s.length), md.slice(s.source, s.source + s.length), s.linked])).toEqual([
      ['1', '1', false],
      ['2,3', '2,3', false],
      ['3', '3', false],
    ]);
  });
});
