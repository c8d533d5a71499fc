import { afterEach, describe, expect, it, vi } from 'vitest';
import { JournalIndex } from '../../src/core/journals.js';
import { matchingView } from '../../src/core/script.js';
import { foldWidth } from '../../src/core/text.js';
import { ingestDetailed } from '../../src/ingest.js';
import { loadPipeline } from '../../src/pipeline.js';
import { repo } from '../helpers.js';

// foldWidth watched: every call from another module is counted (foldedOf, in the same module, is the one that may fold a block).
vi.mock('../../src/core/text.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/core/text.js')>();
  return { ...original, foldWidth: vi.fn(original.foldWidth) };
});

const fixtures = ['ra-2025.txt', 'as-2025-wechat.html', 'ra-2025-markdown.md', 'ra-2025-site.html'];

afterEach(() => vi.mocked(foldWidth).mockClear());

describe('the views of a block the stages share (issue 17)', () => {
  it('folds each block once per document: segment, the page kind and link read doc.folded', async () => {
    const pipeline = loadPipeline(repo('pipelines/digest.json'));
    // A page of our own written with full-width punctuation and digits (the fixtures' long paragraphs have nothing to fold).
    const clause = '研究团队报告，接受间充质干细胞治疗的患者（共３６例）在第１２周的疼痛评分较基线下降了４２％，且未见严重不良事件；';
    const item = (day: number, ref: number) => `３月${day}日，某大学附属医院在《干细胞研究与治疗》上发表了一项临床研究。${clause.repeat(4)}［${ref}］`;
    const text = ['２０２５年３月干细胞治疗类风湿关节炎最新临床进展', item(5, 1), item(12, 2), item(20, 3), item(28, 4), '参考资料：', '［１］Smith J. Stem cells. Stem Cell Res Ther. 2025;16:1.', ''].join('\n');
    const { doc } = await ingestDetailed({ text, name: 'full-width.txt' }, { pipeline });
    expect(doc.sections.flatMap((s) => s.items)).toHaveLength(4);
    const folds = new Map<string, number>();
    for (const [argument] of vi.mocked(foldWidth).mock.calls) folds.set(argument, (folds.get(argument) ?? 0) + 1);
    // The paragraphs are longer than any slice a pattern reads of a paragraph's head: a call with one whole is a fold again.
    const long = doc.blocks.filter((b) => b.text.length > 200);
    expect(long).toHaveLength(4);
    for (const block of long) {
      expect(foldWidth(block.text)).not.toBe(block.text);
      expect({ text: block.text, folds: folds.get(block.text) ?? 0 }).toEqual({ text: block.text, folds: 0 });
      // Nor is its folded text folded again (the reference-heading test of every block read only its head).
      const folded = doc.folded.get(block)!.trim();
      expect({ folded, folds: folds.get(folded) ?? 0 }).toEqual({ folded, folds: 0 });
    }
    for (const block of doc.blocks) expect(doc.folded.get(block)).toBe(foldWidth(block.text));
  });

  it('reads the head, date and first sentence of each paragraph in its folded text: segment folds no part of a paragraph again', async () => {
    const pipeline = loadPipeline(repo('pipelines/digest.json'));
    // Items opening with a date, an undated one under a page date, and a closing paragraph: every head segment reads.
    const clause = '研究团队报告，接受间充质干细胞治疗的患者（共３６例）在第１２周的疼痛评分较基线下降了４２％。';
    const text = [
      '２０２５年３月干细胞治疗类风湿关节炎最新临床进展',
      '发布时间：２０２５-０４-０８ １６:２０:３１',
      `３月５日，某大学附属医院在《干细胞研究与治疗》上发表了一项临床研究。${clause.repeat(3)}３月９日，另一团队报告。［１］`,
      `近日，某团队于１４日在《自然》上发表了一项研究。${clause.repeat(3)}［２］`,
      `总体来看，${clause.repeat(4)}`,
      '参考资料：',
      '［１］Smith J. Stem cells. Stem Cell Res Ther. 2025;16:1.',
      '［２］Li Q. Cells. Nature. 2025;600:1.',
      '',
    ].join('\n');
    const { doc } = await ingestDetailed({ text, name: 'heads.txt' }, { pipeline });
    // The first item's paragraph is split where its second date opens: the piece is a block of its own.
    expect(doc.sections.flatMap((s) => s.items).map((i) => i.date)).toEqual(['2025-03-05', '2025-03-09', '2025-03-14']);
    const paragraphs = text.split('\n').filter((line) => line.length > 60);
    expect(paragraphs).toHaveLength(3);
    // A fold of part of a paragraph (its first 20 or 60 characters, its first sentence, the item split off after a full stop) is a fold again: its folded text has it.
    const parts = vi.mocked(foldWidth).mock.calls.map(([argument]) => argument).filter((argument) => argument.length >= 10 && paragraphs.some((p) => p !== argument && p.includes(argument)));
    expect(parts).toEqual([]);
  });

  it('makes each body block’s matching view once per document: the scan, the journal reading, label, entities and facts read doc.views', async () => {
    const pipeline = loadPipeline(repo('pipelines/digest.json'));
    const matcher = pipeline.data.concepts;
    const viewed = new Map<string, number>();
    const count = (text: string) => viewed.set(text, (viewed.get(text) ?? 0) + 1);
    const matcherView = matcher.view.bind(matcher);
    matcher.view = (text) => {
      count(text);
      return matcherView(text);
    };
    const journalView = JournalIndex.view;
    JournalIndex.view = (text) => {
      count(text);
      return journalView(text);
    };
    try {
      for (const fixture of fixtures) {
        viewed.clear();
        const { doc } = await ingestDetailed({ path: repo(`fixtures/articles/${fixture}`) }, { pipeline });
        // Headings (and the title) are read in parts by the label stage: another text, viewed on its own.
        const headings = new Set([doc.title, ...doc.sections.map((s) => s.heading)]);
        const body = doc.blocks.filter((b) => !doc.referenceBlocks.includes(b) && !headings.has(b.text) && b.text.length > 40);
        expect(body.length, fixture).toBeGreaterThan(10);
        for (const block of body) {
          expect({ text: block.text, views: viewed.get(block.text) ?? 0 }).toEqual({ text: block.text, views: 0 });
          expect(doc.views.get(block)).toBe(matchingView(block.text));
        }
      }
    } finally {
      JournalIndex.view = journalView;
    }
  });
});
