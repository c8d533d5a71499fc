import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LineIndex } from '../../src/core/location.js';
import { withoutMatches } from '../../src/core/script.js';
import { ingestDetailed } from '../../src/ingest.js';
import type { ArticleRecord } from '../../src/generated/article.js';
import { longFormStart } from '../../src/stages/entities.js';
import { pipeline, runUpTo } from '../helpers.js';
import { entitiesNamed, genreCases, type GenreCase } from '../support/expect-md.js';

// Issue 13, shapes 9 and 11 (and 4 for entities) on the genre fixtures: every expect.md "Entities"
// line tagged under its concept, quoted as written; the traps the issue names; pinyin ruby.

const cases = genreCases();
const records = new Map<string, Promise<ArticleRecord>>();
const recordOf = (c: GenreCase) => {
  if (!records.has(c.name)) records.set(c.name, ingestDetailed({ path: c.input }, { pipeline: pipeline(), id: c.name }).then((r) => r.record));
  return records.get(c.name)!;
};
const byName = (name: string) => cases.find((c) => c.name === name)!;
const messages = (r: ArticleRecord, rule: string) => r.diagnostics.filter((d) => d.rule === rule).map((d) => d.message);
/** Pinyin ruby as the lexicon's pattern finds it (in the matching view, as the matcher does). */
const ruby = () => new RegExp(pipeline().data.lexicon.pinyinRuby!, 'gu');
const rubyCount = (text: string) => withoutMatches(pipeline().data.concepts.view(text), ruby()).removed;

describe('entities: every concept a genre page must tag, quoted as written (expect.md "Entities")', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const record = await recordOf(c);
    const problems: string[] = [];
    const source = readFileSync(c.input, 'utf8').replace(/^\uFEFF/, '');
    const all = record.entities.flatMap((e) => e.mentions);
    for (const { surface, id } of entitiesNamed(c)) {
      const mentions = id.startsWith('pattern:') ? all.filter((m) => m.text === surface) : (record.entities.find((e) => e.id === id)?.mentions ?? []);
      // Tagged as written, or inside a longer name of the same concept (改良Rankin量表评分); a surface the
      // page writes only inside a longer name of another concept is that name's (国家药监局药品审评中心 is CDE).
      if (mentions.some((m) => m.text.includes(surface))) continue;
      const body = record.references.length ? new LineIndex(source).offset(record.references[0]!.position.start) : source.length;
      const places = [...source.slice(0, body).matchAll(new RegExp(surface.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g'))].map((m) => m.index);
      const swallowed = places.length > 0 && places.every((at) => all.some((m) => m.start <= at && at + surface.length <= m.end && m.text.length > surface.length));
      if (!swallowed) problems.push(`${surface} → ${id}: ${id.startsWith('pattern:') ? 'no such mention' : `mentions ${JSON.stringify(mentions.map((m) => m.text).slice(0, 6))}`}`);
    }
    expect(problems).toEqual([]);
    // Words inside a journal's name are the journal ("Stem Cells" in 《Stem Cells》 is no cell).
    const journals = record.journals!.filter((j) => j.kind === 'journal' && j.name !== null);
    const lines = new LineIndex(source);
    const spans = journals.map((j) => [lines.offset(j.position.start), lines.offset(j.position.end)] as const).filter(([a, b]) => b - a < 200);
    const inside = record.entities.filter((e) => e.type !== 'journal').flatMap((e) => e.mentions.filter((m) => spans.some(([a, b]) => m.start >= a && m.end <= b)).map((m) => `${e.id}: ${m.text}`));
    expect(inside).toEqual([]);
    // Mentions span the source as written (plain text and Markdown: exact offsets), pinyin and all.
    if (!c.input.endsWith('.html')) {
      const off = record.entities.flatMap((e) => e.mentions.filter((m) => source.slice(m.start, m.end) !== m.text).map((m) => `${e.id}: ${m.text}`));
      expect(off).toEqual([]);
    }
  });
});

describe('entities: the traps of shape 9', () => {
  it('tags no filing or registry number and no journal name as an abbreviation', async () => {
    for (const name of ['genre-drug-approval', 'genre-entities-metabolic', 'genre-entities-neuro', 'genre-overview', 'genre-journal-forms', 'genre-outline-trials']) {
      const defined = messages(await recordOf(byName(name)), 'abbreviation-defined').join('\n');
      for (const word of ['CXSB2500048', 'CXSL2500562', 'CTR20253124', 'NCT05000000', 'Nature', 'Cell', 'Stem Cells', 'Lancet']) expect(defined, `${name}: ${word}`).not.toContain(`defines ${word} `);
    }
    const metabolic = await recordOf(byName('genre-entities-metabolic'));
    expect(metabolic.entities.filter((e) => e.id.startsWith('other:') && /^(?:CXSL|CTR|NCT)/.test(e.label)).map((e) => e.id)).toEqual(['other:cxsl2500562', 'other:ctr20253124', 'other:nct05000000']);
    expect(metabolic.entities.find((e) => e.id === 'other:cxsl2500562')!.label).toBe('CXSL2500562');
  });

  it('takes no journal’s English name as an abbreviation in a web page either (no exact places in markup)', async () => {
    const html = '<html><body><h1>干细胞治疗帕金森病</h1><p>《自然》(Nature)近年也连续报道了多巴胺能神经元移植的早期临床数据。</p></body></html>';
    const doc = await runUpTo(html, 'entities', 'page.html');
    expect(doc.diagnostics.filter((d) => d.rule === 'abbreviation-defined')).toEqual([]);
    expect(doc.entities.find((e) => e.id === 'other:nature')).toBeUndefined();
    expect(doc.journalMentions.map((j) => [j.text, j.name])).toEqual([['自然', 'Nature'], ['Nature', 'Nature']]);
  });

  it('keeps type 1 and type 2 diabetes apart (no "diabetes mellitus" for 1型糖尿病 or 2型糖尿病)', async () => {
    const metabolic = await recordOf(byName('genre-entities-metabolic'));
    // Diabetes mellitus only where the page writes bare 糖尿病 (its title).
    expect(metabolic.entities.find((e) => e.id === 'disease:diabetes')!.mentions.map((m) => m.text)).toEqual(['糖尿病']);
    expect(metabolic.entities.find((e) => e.id === 'disease:type-1-diabetes')!.mentions.map((m) => m.text)).toContain('1型糖尿病');
    expect(metabolic.entities.find((e) => e.id === 'disease:type-2-diabetes')!.mentions.map((m) => m.text)).toContain('2型糖尿病');
  });

  it('quotes a page-defined abbreviation’s definition as written, never the clause before it (AD, EEG; MS is the lexicon\'s since change 220)', async () => {
    const neuro = messages(await recordOf(byName('genre-entities-neuro')), 'abbreviation-defined');
    expect(neuro).toEqual(expect.arrayContaining([expect.stringContaining('defines AD as "阿尔茨海默病"')]));
    // The page's 多发性硬化(MS) agrees with the lexicon's abbreviation: tagged, and no definition of the page's own.
    expect(neuro.join('\n')).not.toContain('defines MS');
    expect((await recordOf(byName('genre-entities-neuro'))).entities.find((e) => e.id === 'disease:multiple-sclerosis')!.mentions.map((m) => m.text)).toContain('MS');
    expect(neuro.join('\n')).not.toContain('据');
    for (const name of ['genre-entities-neuro', 'genre-overview', 'genre-false-structure-hant']) {
      const who = (await recordOf(byName(name))).entities.find((e) => e.id === 'organization:who')!;
      expect(who.label, name).toBe('World Health Organization');
      expect(who.mentions.map((m) => m.text), name).toEqual(expect.arrayContaining([name.endsWith('-hant') ? '世界衛生組織' : '世界卫生组织']));
    }
    const hant = await recordOf(byName('genre-news-item-hant'));
    expect(hant.entities.find((e) => e.id === 'other:eeg')!.label).toBe('異常腦電圖 (EEG)');
    expect(messages(hant, 'abbreviation-defined')).toEqual(['the article defines EEG as "異常腦電圖"; tagged as other:eeg']);
  });

  it.each([
    // [text, abbreviation, its label]: definitions the lexicon does not know, so the page's own wording decides.
    ['据世界某某组织(WXO)统计,患者已超过800万。', 'WXO', '世界某某组织 (WXO)'],
    ['激素治疗失败的急性某某宿主反应(aGVXR)是适应症。', 'aGVXR', '急性某某宿主反应 (aGVXR)'],
    ['據世界某某組織(WXO)統計,患者已超過800萬。', 'WXO', '世界某某組織 (WXO)'],
    ['激素治療失敗的急性某某宿主反應(aGVXR)是適應癥。', 'aGVXR', '急性某某宿主反應 (aGVXR)'],
    ['研究采用了间充质干细胞分泌组(MSC-S)进行治疗。', 'MSC-S', '间充质干细胞分泌组 (MSC-S)'],
    ['患者合并癫痫和异常脑电图(EEG)。', 'EEG', '异常脑电图 (EEG)'],
    ['这是一个名字非常非常长以至于超过二十个汉字某种东西缩写形式(LONGX)。', 'LONGX', 'LONGX'],
  ])('%s → %s', async (text, abbreviation, label) => {
    const doc = await runUpTo(`2025年3月干细胞治疗最新临床进展\n3月5日,研究发表。\n${text}`, 'entities');
    expect(doc.entities.find((e) => e.id === `other:${abbreviation.toLowerCase()}`)?.label).toBe(label);
  });

  it('takes a definition from where its clause or its last 的 starts (the rule, on a matching view)', () => {
    const stops = pipeline().data.lexicon.definitionStops!;
    const at = (text: string) => {
      const end = text.indexOf('(');
      const start = longFormStart(text, end, stops);
      return start === null ? null : text.slice(start, end);
    };
    expect(at('据世界卫生组织(WHO)')).toBe('世界卫生组织');
    expect(at('激素治疗失败的急性移植物抗宿主病(aGVHD)')).toBe('急性移植物抗宿主病');
    expect(at('统计,神经营养因子(NTF)')).toBe('神经营养因子');
    expect(at('的(X)')).toBeNull();
  });
});

describe('entities: pinyin ruby (shape 11)', () => {
  it('tags through the ruby, spans the source with it, and reports it once with the count (genre-pinyin-ruby-html: 29)', async () => {
    const record = await recordOf(byName('genre-pinyin-ruby-html'));
    const reported = record.diagnostics.filter((d) => d.rule === 'pinyin-ruby');
    expect(reported).toHaveLength(1);
    expect(reported[0]).toMatchObject({ severity: 'info', line: 20 });
    expect(reported[0]!.message).toMatch(/^29 pinyin annotation/);
    const bm = record.entities.find((e) => e.id === 'cell:bone-marrow-msc')!;
    expect(bm.mentions.map((m) => m.text)).toContain('骨髓間充質(zhì)干細(xì)胞');
  });

  it('counts the ruby of the body only, at its first place (genre-pinyin-ruby)', async () => {
    const c = byName('genre-pinyin-ruby');
    const record = await recordOf(c);
    const source = readFileSync(c.input, 'utf8');
    // The kept body: the whole page less what the record files as boilerplate (the 聯(lián)系電話 line, once segment knows it).
    const expected = rubyCount(source) - record.boilerplate.reduce((n, b) => n + rubyCount(b.text), 0);
    const reported = record.diagnostics.filter((d) => d.rule === 'pinyin-ruby');
    expect(reported).toHaveLength(1);
    expect(reported[0]!.message).toMatch(new RegExp(`^${expected} pinyin annotation`));
    expect(expected).toBeGreaterThanOrEqual(29);
    const first = new LineIndex(source).point(source.indexOf('(dòng)'));
    expect([reported[0]!.line, reported[0]!.column]).toEqual([first.line, first.column]);
    // No entity and no abbreviation from a pinyin syllable; (SCI) is a real abbreviation.
    const texts = record.entities.flatMap((e) => e.mentions.map((m) => m.text));
    expect(texts.filter((t) => /^[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}$/.test(t))).toEqual([]);
    expect(messages(record, 'abbreviation-defined')).toEqual([]);
    expect(record.entities.find((e) => e.id === 'disease:spinal-cord-injury')!.mentions.map((m) => m.text)).toEqual(expect.arrayContaining(['脊髓損傷', 'SCI']));
    expect(record.entities.find((e) => e.id === 'measure:phase-2-trial')!.mentions.map((m) => m.text)).toEqual(['II期臨床試驗(yàn)']);
  });

  it('maps offsets back through what it leaves out', () => {
    const view = withoutMatches('醫(yī)療系統(tǒng)(SCI)', ruby());
    expect(view.text).toBe('醫療系統(SCI)');
    expect(view.removed).toBe(2);
    expect(view.firstRemoved).toBe(1);
    expect([0, 1, 2, 3, 4, view.text.length].map((i) => view.source(i))).toEqual([0, 5, 6, 7, 14, 19]);
  });
});

describe('entities: a hormone named by a longer term that holds 激素 (genre-zh7)', () => {
  it('tags 激素替代治疗, 促性腺激素, 雌激素 and 孕激素 as themselves, never as glucocorticoids; bare 激素 stays a steroid', async () => {
    const doc = await runUpTo('卵巢早衰伴促性腺激素升高、雌激素下降,多用激素替代治疗,联合孕激素;激素替代之外,长期激素治疗也有副作用。\n', 'entities');
    const said = (id: string) => doc.entities.find((e) => e.id === id)?.mentions.map((m) => m.text) ?? [];
    expect(said('molecule:gonadotropins')).toEqual(['促性腺激素']);
    expect(said('molecule:estrogens')).toEqual(['雌激素']);
    expect(said('molecule:progestogens')).toEqual(['孕激素']);
    expect(said('drug:hormone-replacement-therapy')).toEqual(['激素替代治疗', '激素替代']);
    expect(said('drug:glucocorticoids')).toEqual(['激素']);
  });
});

describe('entities: an abbreviation glued to a word of publishing, and terms that hold a name but name something else (genre-zh8)', () => {
  const said = async (text: string, id: string) => {
    const doc = await runUpTo(`${text}\n`, 'entities');
    return doc.entities.find((e) => e.id === id)?.mentions.map((m) => m.text) ?? [];
  };

  it('reads SCI glued to a publishing word (SCI论文, SCI收录, 发表SCI, SCI数据库) as the citation index; 脊髓损伤(SCI) and SCI患者 stay the disease', async () => {
    expect(await said('团队在SCI期刊发表论文,该刊为SCI收录期刊,累计发表SCI 20余篇,含SCI文章、SCI论文,均在SCI一区;检索了SCI数据库。', 'disease:spinal-cord-injury')).toEqual([]);
    expect(await said('慢性脊髓损伤(SCI)的治疗:SCI患者接受干细胞移植。', 'disease:spinal-cord-injury')).toEqual(['脊髓损伤', 'SCI', 'SCI']);
  });

  it('reads the rule for every abbreviation, the lexicon\'s and one the article defines: OA期刊 is no osteoarthritis; a defined EI收录 no mention', async () => {
    expect(await said('骨关节炎(OA)患者多见;该研究发表在OA期刊上,OA患者的疼痛减轻。', 'disease:osteoarthritis')).toEqual(['骨关节炎', 'OA', 'OA']);
    const doc = await runUpTo('工程索引评价体系(Engineering Index, EI)常用于评估工程研究,EI收录的论文增多,EI评价仍有争议。\n', 'entities');
    const ei = doc.entities.find((e) => e.mentions.some((m) => m.text === 'EI'));
    expect(ei?.mentions.map((m) => m.text)).toEqual(['EI', 'EI']);
  });

  it('reads 激素 inside 血清激素水平, 性激素水平, 基础激素水平 as no glucocorticoids; bare 激素 and the concepts\' longer names stay', async () => {
    expect(await said('检查血清激素水平、性激素水平和基础激素水平;激素水平改善;长期使用激素治疗有副作用。', 'drug:glucocorticoids')).toEqual(['激素']);
    expect(await said('促性腺激素水平升高,雌激素水平下降。', 'molecule:gonadotropins')).toEqual(['促性腺激素']);
    expect(await said('促性腺激素水平升高,雌激素水平下降。', 'molecule:estrogens')).toEqual(['雌激素']);
  });

  it('reads a whole bracket that is a term of notMentions as no concept, and does not fail on it', () => {
    const m = pipeline().data.concepts;
    expect(m.matchesWhole('激素水平', 'drug')).toBe(false);
    expect(m.matches('血清激素水平')).toEqual([]);
  });
});

describe('entities on the ninth Chinese pass: anti-Müllerian hormone\'s spellings (genre-zh9)', () => {
  it.each(['抗苗勒氏管激素', '抗米勒管激素', '抗缪勒氏管激素', '抗繆勒氏管激素', '抗米勒氏管激素', '抗穆勒管激素'])('reads %s as AMH, its 激素 no glucocorticoids', async (name) => {
    const doc = await runUpTo(`患者的${name}水平偏低,提示卵巢储备下降。\n`, 'entities');
    expect(doc.entities.find((e) => e.id === 'measure:amh')?.mentions.map((m) => m.text)).toEqual([name]);
    expect(doc.entities.find((e) => e.id === 'drug:glucocorticoids')).toBeUndefined();
  });
});
