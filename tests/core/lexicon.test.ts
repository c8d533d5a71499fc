import { describe, expect, it } from 'vitest';
import { ingestDetailed } from '../../src/ingest.js';
import { loadPipeline } from '../../src/pipeline.js';
import { repo } from '../helpers.js';

describe('one scan of the text per document', () => {
  it('entities, label and facts read each body block from one scan of its text (issue 17)', async () => {
    // A pipeline of its own: its matcher is watched.
    const pipeline = loadPipeline(repo('pipelines/digest.json'));
    const matcher = pipeline.data.concepts;
    const scanned = new Map<string, number>();
    const matchingText = matcher.matchingText.bind(matcher);
    matcher.matchingText = (text) => {
      scanned.set(text, (scanned.get(text) ?? 0) + 1);
      return matchingText(text);
    };
    for (const fixture of ['ra-2025.txt', 'as-2025-wechat.html', 'ra-2025-markdown.md']) {
      scanned.clear();
      const { doc } = await ingestDetailed({ path: repo(`fixtures/articles/${fixture}`) }, { pipeline });
      const body = doc.blocks.filter((b) => !doc.referenceBlocks.includes(b));
      expect(body.length).toBeGreaterThan(20);
      const blocksOf = new Map<string, number>();
      for (const b of body) blocksOf.set(b.text, (blocksOf.get(b.text) ?? 0) + 1);
      // Headings are read in parts by the label stage (the date and therapy taken off first): another text.
      const headings = new Set(doc.sections.map((s) => s.heading));
      for (const [text, blocks] of blocksOf) if (!headings.has(text)) expect({ text, scans: scanned.get(text) ?? 0 }).toEqual({ text, scans: blocks });
      expect(doc.scans.size).toBe(body.length);
    }
  });

  it('keeps nothing per text between documents: the same text in two documents is scanned in each', async () => {
    const pipeline = loadPipeline(repo('pipelines/digest.json'));
    const matcher = pipeline.data.concepts;
    let scans = 0;
    const matchingText = matcher.matchingText.bind(matcher);
    matcher.matchingText = (text) => {
      if (text.includes('类风湿关节炎患者')) scans++;
      return matchingText(text);
    };
    const text = '2025年3月干细胞治疗类风湿关节炎最新临床进展\n3月5日,某团队报告了类风湿关节炎患者的结果。\n';
    const first = await ingestDetailed({ text, name: 'a.txt' }, { pipeline });
    const second = await ingestDetailed({ text, name: 'b.txt' }, { pipeline });
    expect(second.record.entities).toEqual(first.record.entities);
    expect(scans).toBe(2);
  });
});
