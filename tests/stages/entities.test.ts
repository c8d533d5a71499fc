import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { loadLexicon } from '../../src/core/data.js';
import { ConfigError } from '../../src/core/errors.js';
import { ingestDetailed } from '../../src/ingest.js';
import { standsAlone } from '../../src/core/lexicon.js';
import { placeJournals, type JournalSpan, type PlacedMention } from '../../src/stages/entities.js';
import { DigestDocument } from '../../src/core/document.js';
import { foldWidth } from '../../src/core/text.js';
import { runStages } from '../../src/pipeline.js';
import { openingByline } from '../../src/structure/blocks.js';
import { pipeline, repo, runUpTo } from '../helpers.js';

const ids = (r: { entities: { id: string }[] }) => r.entities.map((e) => e.id);

const variants = readdirSync(repo('fixtures/articles')).sort();

describe('entities: the concepts each seed names, on every variant', () => {
  it.each(variants.filter((f) => f.startsWith('as-')))('ankylosing spondylitis seed as %s', async (file) => {
    const { record } = await ingestDetailed({ path: repo(`fixtures/articles/${file}`) }, { pipeline: pipeline() });
    expect(ids(record)).toEqual(
      expect.arrayContaining([
        'disease:ankylosing-spondylitis', 'disease:systemic-lupus-erythematosus', 'disease:rheumatoid-arthritis', 'disease:osteoarthritis',
        'disease:osteoporosis', 'disease:sjogren-syndrome', 'disease:crohn-disease', 'disease:fibromyalgia', 'disease:systemic-sclerosis',
        'disease:dermatomyositis', 'disease:polymyositis', 'disease:heterotopic-ossification', 'disease:spondyloarthritis',
        'cell:mesenchymal-stem-cell', 'cell:bone-marrow-msc', 'cell:umbilical-cord-msc', 'cell:osteoclast', 'cell:t-cell', 'cell:th17-cell',
        'cell:th2-cell', 'cell:regulatory-t-cell', 'cell:pd-l1-positive-msc', 'cell:msc-nanodecoy', 'cell:peripheral-blood-stem-cell',
        'molecule:tnf-alpha', 'molecule:il-17a', 'molecule:ifn-gamma', 'molecule:pd-l1', 'molecule:fto', 'molecule:ilk', 'molecule:norad',
        'molecule:mir-4284', 'molecule:beta-catenin', 'molecule:akt-gsk3b-catenin',
        'drug:infliximab', 'drug:nsaids', 'drug:biologics', 'drug:cytochalasin-b',
        'measure:asas20', 'measure:asdas-crp', 'measure:basdai', 'measure:mri', 'measure:esr', 'measure:rct', 'measure:scrna-seq', 'measure:micro-ct',
        'organization:chinese-academy-of-medical-sciences', 'organization:sun-yat-sen-university-third-hospital', 'country:saudi-arabia', 'country:china',
        'journal:stem-cell-research-therapy', 'journal:world-journal-of-stem-cells', 'journal:frontiers-in-immunology', 'journal:nano-research', 'journal:bone',
      ]),
    );
    const as = record.entities.find((e) => e.id === 'disease:ankylosing-spondylitis')!;
    expect(as).toMatchObject({ type: 'disease', label: 'ankylosing spondylitis', xrefs: ['MESH:D013167'] });
    expect(as.mentions.length).toBeGreaterThanOrEqual(45);
  });

  it.each(variants.filter((f) => f.startsWith('ra-')))('rheumatoid arthritis seed as %s', async (file) => {
    const { record } = await ingestDetailed({ path: repo(`fixtures/articles/${file}`) }, { pipeline: pipeline() });
    expect(ids(record)).toEqual(
      expect.arrayContaining([
        'disease:rheumatoid-arthritis', 'disease:osteoarthritis', 'disease:inflammatory-arthritis', 'disease:cancer',
        'cell:mesenchymal-stem-cell', 'cell:bone-marrow-msc', 'cell:umbilical-cord-msc', 'cell:adipose-msc', 'cell:wharton-jelly-msc',
        'cell:synovial-msc', 'cell:perinatal-msc', 'cell:ipsc', 'cell:th17-cell', 'cell:regulatory-t-cell', 'cell:macrophage',
        'cell:synovial-fibroblast', 'cell:exosome', 'cell:extracellular-vesicle', 'cell:msc-ev', 'cell:msc-membrane-liposome',
        'molecule:il-1b', 'molecule:il-6', 'molecule:il-10', 'molecule:tnf-alpha', 'molecule:ifn-gamma', 'molecule:tgf-beta', 'molecule:cx3cr1',
        'molecule:mmp-13', 'molecule:bcl-2', 'molecule:bax', 'molecule:p53', 'molecule:nlrp3', 'molecule:nf-kb', 'molecule:cd90',
        'molecule:mir-146a', 'molecule:mir-150-5p', 'molecule:mir-320a', 'molecule:mir-223', 'molecule:mir-34', 'molecule:mirna',
        'molecule:oxidative-phosphorylation', 'molecule:extracellular-matrix', 'other:mitochondria',
        'drug:dexamethasone', 'drug:dmards', 'drug:jak-inhibitors', 'drug:trans-anethole',
        'measure:das28-esr', 'measure:das28', 'measure:vas', 'measure:esr', 'measure:acr20', 'measure:haq-di',
        'organization:nmpa', 'organization:zhejiang-university', 'organization:chongqing-medical-university-first-hospital',
        'organization:tehran-university-of-medical-sciences', 'organization:tabriz-university-of-medical-sciences',
        'country:italy', 'country:iran', 'country:saudi-arabia', 'country:taiwan', 'other:cxsl2500562',
        'journal:international-immunopharmacology', 'journal:heliyon', 'journal:molecular-biology-reports', 'journal:stem-cell-research-therapy',
        'journal:acs-applied-materials-interfaces', 'journal:biologics-targets-and-therapy',
      ]),
    );
    expect(record.entities.find((e) => e.id === 'organization:nmpa')?.mentions).toHaveLength(1);
  });
});

describe('entities: boundaries and offsets', () => {
  it('never tags a mention inside a longer token', async () => {
    const doc = await runUpTo('ASAS20和ASDAS-CRP改善,MAS评分下降,AS患者的AS-MSCs与RA-FLS。', 'entities');
    const mentions = doc.entities.flatMap((e) => e.mentions.map((m) => `${e.id}=${m.text}`));
    expect(mentions).toEqual(expect.arrayContaining(['measure:asas20=ASAS20', 'measure:asdas-crp=ASDAS-CRP', 'disease:ankylosing-spondylitis=AS', 'cell:synovial-fibroblast=RA-FLS']));
    expect(mentions.filter((m) => m.endsWith('=AS'))).toHaveLength(1);
    expect(standsAlone('MAS', 1, 3)).toBe(false);
    expect(standsAlone('AS患者', 0, 2)).toBe(true);
    expect(standsAlone('AS-MSCs', 0, 2)).toBe(false);
  });

  it('matches traditional, full-width and variant spellings through the matching view', async () => {
    const doc = await runUpTo('類風濕關節炎患者ＩＬ－６升高,IL-1ß與TNF—α下降,Ｔｒｅｇ增加。', 'entities');
    expect(doc.entities.map((e) => [e.id, e.mentions[0]!.text])).toEqual([
      ['disease:rheumatoid-arthritis', '類風濕關節炎'],
      ['molecule:il-6', 'ＩＬ－６'],
      ['molecule:il-1b', 'IL-1ß'],
      ['molecule:tnf-alpha', 'TNF—α'],
      ['cell:regulatory-t-cell', 'Ｔｒｅｇ'],
    ]);
  });

  it('turns an abbreviation the article defines into a tagged concept', async () => {
    const doc = await runUpTo('研究使用细胞松弛素B (CB) 刺激,CB诱导的微囊泡;新型载体(Nanoscale Decoy Platform, NDP)。NDP有效。', 'entities');
    expect(doc.entities.find((e) => e.id === 'drug:cytochalasin-b')?.mentions.map((m) => m.text)).toEqual(['细胞松弛素B', 'CB', 'CB']);
    expect(doc.entities.find((e) => e.id === 'other:ndp')).toMatchObject({ label: 'Nanoscale Decoy Platform', mentions: [{ text: 'NDP' }, { text: 'NDP' }] });
  });

  it.each(readdirSync(repo('fixtures/articles')).sort())('%s: text.slice(start, end) is each mention, and items carry theirs', async (file) => {
    const { doc, record } = await ingestDetailed({ path: repo(`fixtures/articles/${file}`) }, { pipeline: pipeline() });
    const all = record.entities.flatMap((e) => e.mentions);
    expect(all.length).toBeGreaterThan(200);
    for (const m of all) expect(doc.text.slice(m.start, m.end)).toBe(m.text);
    const itemMentions = record.sections.flatMap((s) => s.items.flatMap((i) => i.entities));
    expect(itemMentions.length).toBeGreaterThan(100);
    for (const m of itemMentions) expect(m.entity).toMatch(/^[a-z]+:/);
    expect(record.entities.some((e) => e.id === (file.startsWith('ra') ? 'disease:rheumatoid-arthritis' : 'disease:ankylosing-spondylitis'))).toBe(true);
  });
});

describe('entities: the dateline opening a block, read by segment and kept on the document', () => {
  /** The document after the stages before entities, and a function running entities on it. */
  async function beforeEntities(text: string, name = 'page.txt'): Promise<{ doc: DigestDocument; runEntities: () => Promise<void> }> {
    const doc = await runUpTo(text, 'link', name);
    const p = pipeline();
    const entities = p.stages.filter((s) => s.definition.name === 'entities');
    return { doc, runEntities: () => runStages(doc, { ...p, stages: entities }) };
  }

  const line = 'Researchers in Japan said a second trial in Germany had begun.';

  it('tags no place inside the dateline segment read, though the patterns alone read none there', async () => {
    const plain = await beforeEntities(`Stem cell drug news\n${line}\n`);
    await plain.runEntities();
    expect(plain.doc.entities.map((e) => e.id)).toEqual(expect.arrayContaining(['country:japan', 'country:germany']));

    const { doc, runEntities } = await beforeEntities(`Stem cell drug news\n${line}\n`);
    const block = doc.blocks.find((b) => b.text === line)!;
    expect(doc.openingDatelines.get(block)).toBe(0);
    // As if segment had read "Researchers in Japan " as the paragraph's dateline: entities reads that, not the patterns again.
    doc.openingDatelines.set(block, 'Researchers in Japan '.length);
    await runEntities();
    const ids = doc.entities.map((e) => e.id);
    expect(ids).not.toContain('country:japan');
    expect(ids).toContain('country:germany');
  });

  it('asks the dateline patterns of no block segment read (en-2025: none of its blocks)', async () => {
    const { doc, runEntities } = await beforeEntities(readFileSync(repo('fixtures/bench/en-2025.txt'), 'utf8'), 'en-2025.txt');
    const group = pipeline().data.structure.groups['/bylinePrefixes'];
    const asks = vi.spyOn(group, 'candidates');
    try {
      await runEntities();
      expect(asks).not.toHaveBeenCalled();
    } finally {
      asks.mockRestore();
    }
    expect(doc.entities.length).toBeGreaterThan(5);
  });

  const inputs = [
    ...readdirSync(repo('fixtures/articles')).sort().map((f) => `fixtures/articles/${f}`),
    'fixtures/bench/en-2025.txt',
    ...readdirSync(repo('tests/fixtures'), { withFileTypes: true })
      .filter((d) => d.isDirectory() && d.name.startsWith('genre-en'))
      .map((d) => `tests/fixtures/${d.name}/${readdirSync(repo(`tests/fixtures/${d.name}`)).find((f) => f.startsWith('input.'))}`)
      .sort(),
  ];

  it.each(inputs)('%s: each reading kept is the patterns\' reading of that block', async (path) => {
    const { doc, record } = await ingestDetailed({ path: repo(path) }, { pipeline: pipeline() });
    expect(record.entities.length).toBeGreaterThan(0);
    const s = pipeline().data.structure;
    for (const [block, length] of doc.openingDatelines) expect(length, block.text.slice(0, 60)).toBe(openingByline(foldWidth(block.text), s)?.length ?? 0);
    // Every body block was read by segment or entities, and once only.
    for (const block of doc.blocks) if (!doc.referenceBlocks.includes(block) && doc.scans.get(block)?.matches.length) expect(doc.openingDatelines.has(block)).toBe(true);
  });
});

describe('the lexicon', () => {
  const lexicon = () => JSON.parse(readFileSync(repo('pipelines/data/lexicon.json'), 'utf8'));

  it('is well formed: unique ids, unique names, labels and types, patterns compile', () => {
    const data = loadLexicon(repo('pipelines/data/lexicon.json'));
    expect(data.concepts.length).toBeGreaterThan(100);
    for (const c of data.concepts) {
      expect(c.id.startsWith(`${c.type}:`), c.id).toBe(true);
      expect(c.zh.length + c.en.length + c.abbreviations.length, c.id).toBeGreaterThan(0);
    }
  });

  it.each([
    ['a repeated id', (l: { concepts: { id: string }[] }) => l.concepts.push({ ...l.concepts[0]! }), /appears twice/],
    ['a name claimed by two concepts', (l: { concepts: { zh: string[] }[] }) => l.concepts[1]!.zh.push(l.concepts[0]!.zh[0]!), /already names/],
    ['a broken pattern', (l: { patterns: { pattern: string }[] }) => (l.patterns[0]!.pattern = 'IL-(\\d'), /not a valid regular expression/],
    ['a malformed xref', (l: { concepts: { xrefs: string[] }[] }) => l.concepts[0]!.xrefs.push('mesh d1'), /lexicon.schema.json/],
  ])('rejects %s', (_, mutate, message) => {
    const broken = lexicon();
    mutate(broken);
    const file = join(mkdtempSync(join(tmpdir(), 'lexicon-')), 'lexicon.json');
    writeFileSync(file, JSON.stringify(broken));
    expect(() => loadLexicon(file)).toThrow(ConfigError);
    expect(() => loadLexicon(file)).toThrow(message);
  });
});

describe('entities: journal re-tagging is linear (issue 11, point 9)', () => {
  /**
   * Runs `fn` counting the array elements it copies or shifts (splice moves the tail of the
   * list, slice and spreads copy): a deterministic measure of work, where a clock is not.
   */
  function arrayWork<T>(fn: () => T): { result: T; work: number } {
    const { splice, slice } = Array.prototype;
    let work = 0;
    Array.prototype.splice = function (this: unknown[], ...args: Parameters<typeof splice>) {
      work += this.length;
      return splice.apply(this, args);
    } as typeof splice;
    Array.prototype.slice = function (this: unknown[], ...args: Parameters<typeof slice>) {
      const out = slice.apply(this, args);
      work += out.length;
      return out;
    } as typeof slice;
    try {
      return { result: fn(), work };
    } finally {
      Array.prototype.splice = splice;
      Array.prototype.slice = slice;
    }
  }

  /** n items each naming 干细胞研究与治疗, whose 干细胞 is also a cell mention: the shape that took 72 s at 20,000 items. */
  function shape(n: number) {
    const mentions: PlacedMention[] = [];
    const spans: JournalSpan[] = [];
    for (let i = 0; i < n; i++) {
      const base = i * 40;
      mentions.push({ entity: 'cell:stem-cell', text: '干细胞', start: base + 2, end: base + 5 });
      mentions.push({ entity: 'disease:x', text: 'x', start: base + 20, end: base + 21 });
      spans.push({ entity: 'journal:stem-cell-research-therapy', journal: 'Stem Cell Research & Therapy', text: '干细胞研究与治疗', start: base + 2, end: base + 10 });
    }
    return { mentions, spans };
  }

  it('places 20,000 journals with work proportional to the mentions, and the same result as one by one', () => {
    const { mentions, spans } = shape(20_000);
    const { result: placed, work } = arrayWork(() => placeJournals(mentions, spans));
    expect(placed.placed).toHaveLength(20_000);
    expect(placed.mentions.filter((m) => m.entity === 'cell:stem-cell')).toEqual([]);
    expect(placed.mentions.map((m) => m.entity).slice(0, 4)).toEqual(['journal:stem-cell-research-therapy', 'disease:x', 'journal:stem-cell-research-therapy', 'disease:x']);
    expect(placed.removed.get('cell:stem-cell')?.size).toBe(20_000);
    // Linear: a bounded number of element reads and writes per mention and span (the old
    // splice-per-journal loop moved the whole tail of the list each time: ~10^9 here).
    expect(work).toBeLessThan(20 * (mentions.length + spans.length));
  });

  it('leaves a journal alone when a mention straddles its edge', () => {
    const placed = placeJournals(
      [{ entity: 'a', text: 'ab', start: 0, end: 4 }],
      [{ entity: 'journal:j', journal: 'J', text: 'j', start: 2, end: 6 }],
    );
    expect(placed.placed).toEqual([]);
    expect(placed.mentions).toEqual([{ entity: 'a', text: 'ab', start: 0, end: 4 }]);
  });
});
