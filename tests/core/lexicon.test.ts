import { describe, expect, it } from 'vitest';
import { ingestDetailed } from '../../src/ingest.js';
import { LexiconMatcher } from '../../src/core/lexicon.js';
import { loadPipeline } from '../../src/pipeline.js';
import { repo } from '../helpers.js';
import { isHoley, optimisedResult } from '../support/optimised.js';

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

describe('the open-class patterns, searched through one alternation first', () => {
  const lexicon = (patterns: string[]) =>
    new LexiconMatcher({
      concepts: [],
      patterns: patterns.map((pattern, i) => ({ name: `p${i}`, type: 'molecule', pattern, idPrefix: 'molecule:', labelCase: 'keep' })),
    });
  const found = (m: LexiconMatcher, text: string) => m.matches(text).map((c) => [text.slice(c.start, c.end), c.concept.id]);

  it('finds what each pattern finds, wherever the first match of any of them is', () => {
    const m = lexicon(['CD\\d{1,3}(?![A-Za-z0-9])', 'NCT\\d{8}', 'IL-\\d{1,2}']);
    expect(found(m, '患者的IL-6下降,CD90阳性细胞增加(NCT01234567),IL-10升高')).toEqual([
      ['IL-6', 'molecule:il-6'],
      ['CD90', 'molecule:cd90'],
      ['NCT01234567', 'molecule:nct01234567'],
      ['IL-10', 'molecule:il-10'],
    ]);
    expect(found(m, '干细胞治疗类风湿关节炎')).toEqual([]);
  });

  it('runs each pattern on its own when one numbers or names its groups (an alternation would renumber them)', () => {
    const m = lexicon(['(ab)\\1', 'CD\\d{1,3}', '(?<x>xy)\\k<x>']);
    expect(found(m, 'CD19 abab xyxy')).toEqual([
      ['CD19', 'molecule:cd19'],
      ['abab', 'molecule:abab'],
      ['xyxy', 'molecule:xyxy'],
    ]);
  });
});

describe('matchesWhole: a text the lexicon matches whole as one type', () => {
  const pipeline = loadPipeline(repo('pipelines/digest.json'));
  const matcher = pipeline.data.concepts;
  /** The rule as the scan states it: one match, spanning the text, of the type. */
  const byScan = (text: string, type: string) => {
    const found = matcher.matches(text);
    return found.length === 1 && found[0]!.start === 0 && found[0]!.end === text.length && found[0]!.concept.type === type;
  };

  it('answers as a scan of the whole text does, for every name of the lexicon and texts around them', async () => {
    const texts = new Set<string>();
    for (const c of matcher.lexicon.concepts) {
      for (const name of [...c.zh, ...c.en, ...c.abbreviations]) {
        for (const t of [name, `${name}医院`, `某${name}`, `${name} `, name.toUpperCase(), name.toLowerCase(), `${name}(yī)`, `${name.slice(0, -1)}`]) texts.add(t);
      }
    }
    // Every 《…》, “…” and 「…」 of the articles: paper titles, journals, documents, organizations.
    for (const fixture of ['ra-2025.txt', 'as-2025-wechat.html', 'ra-2025-site.html', 'ra-2025-hant-big5.txt']) {
      const { doc } = await ingestDetailed({ path: repo(`fixtures/articles/${fixture}`) }, { pipeline });
      for (const m of doc.text.matchAll(/《([^《》]{1,200})》|“([^“”]{1,200})”|「([^「」]{1,200})」/gu)) texts.add(m[1] ?? m[2] ?? m[3]!);
    }
    texts.add('上海长海醫(yī)院');
    texts.add('IL-6');
    let organizations = 0;
    for (const text of texts) {
      for (const type of ['organization', 'molecule', 'disease'] as const) {
        const whole = byScan(text, type);
        if (whole && type === 'organization') organizations++;
        expect({ text, type, whole: matcher.matchesWhole(text, type) }).toEqual({ text, type, whole });
      }
    }
    expect(organizations).toBeGreaterThan(30);
  });

  it('does not scan a text that no trie match spans (a paper title in 《…》) (issue 17)', () => {
    const own = loadPipeline(repo('pipelines/digest.json')).data.concepts;
    let scans = 0;
    const scan = (own as unknown as { scan: (s: unknown, text: string) => unknown }).scan.bind(own);
    (own as unknown as { scan: (s: unknown, text: string) => unknown }).scan = (s, text) => {
      scans++;
      return scan(s, text);
    };
    expect(own.matchesWhole('间充质干细胞治疗类风湿关节炎的随机对照试验', 'organization')).toBe(false);
    expect(scans).toBe(0);
    expect(own.matchesWhole('Monash Health', 'organization')).toBe(true);
    expect(scans).toBe(1);
  });
});

describe('conceptsIn: its list made alike by the interpreter and by TurboFan (issue 17)', () => {
  it('is a packed array in optimised code too: its readers (label) met no new map and kept their code', () => {
    const matcher = loadPipeline(repo('pipelines/digest.json')).data.concepts;
    const text = '2025年3月干细胞治疗类风湿关节炎最新临床进展';
    const list = optimisedResult(LexiconMatcher.prototype.conceptsIn, () => matcher.conceptsIn(text));
    expect(list.map((c) => c.type)).toContain('disease');
    // Before: `spans` made it with `map`, whose optimised form makes a holey array.
    expect(isHoley(list)).toBe(false);
  });
});

describe('an em dash or a horizontal bar between words breaks them, though the matching view folds both to "-"', () => {
  let own: LexiconMatcher | undefined;
  const ids = (text: string) => (own ??= loadPipeline(repo('pipelines/digest.json')).data.concepts).conceptsIn(text).map((c) => c.id);

  it.each([
    ['complications of Crohn’s—complex perianal fistulas—are hard to treat', ['disease:crohn-disease', 'disease:perianal-fistula']],
    ['HS-001―heart muscle cells for heart failure―was given', ['drug:hs-001', 'disease:heart-failure']],
    ['sickle cell disease—a blood disorder', ['disease:sickle-cell-disease']],
  ])('%s', (text, expected) => {
    expect(ids(text)).toEqual(expected);
  });

  it('a hyphen, an en dash and a minus still join: no mention inside a longer token', () => {
    expect(ids('AS-MSCs were grown')).not.toContain('disease:ankylosing-spondylitis');
    expect(ids('AS–MSCs were grown')).not.toContain('disease:ankylosing-spondylitis');
    expect(ids('AS—MSCs were grown')).toContain('disease:ankylosing-spondylitis');
  });
});

describe('which dashes break words is the data\'s (the lexicon\'s wordBreakingDashes)', () => {
  it('a lexicon naming none joins at an em dash as at a hyphen: "AS—MSCs" names no AS', () => {
    const shipped = loadPipeline(repo('pipelines/digest.json')).data.lexicon;
    const { wordBreakingDashes: _shipped, ...withoutDashes } = shipped;
    const none = new LexiconMatcher(withoutDashes);
    expect(none.conceptsIn('AS—MSCs were grown').map((c) => c.id)).not.toContain('disease:ankylosing-spondylitis');
    const barOnly = new LexiconMatcher({ ...shipped, wordBreakingDashes: '―' });
    expect(barOnly.conceptsIn('AS—MSCs were grown').map((c) => c.id)).not.toContain('disease:ankylosing-spondylitis');
    expect(barOnly.conceptsIn('AS―MSCs were grown').map((c) => c.id)).toContain('disease:ankylosing-spondylitis');
  });
});
