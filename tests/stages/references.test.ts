import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/index.js';
import { repo, runUpTo } from '../helpers.js';
import { section, table } from '../support/expect-md.js';

const body = '2025年3月干细胞治疗最新临床进展\n3月5日,《X》上发表。[1]\n参考资料:\n';

describe('references stage', () => {
  it('parses every entry into CSL and flags a placeholder at its line', async () => {
    const doc = await runUpTo(`${body}[1]Gerke H, Baillie J. To cut or stretch? Am J Gastroenterol. 2004;99:1461-3.\n[2]cde\n`, 'references');
    expect(doc.references.map((r) => [r.id, r.number, r.csl.type, r.placeholder ?? false])).toEqual([
      ['ref-1', 1, 'article-journal', false],
      ['ref-2', 2, 'document', true],
    ]);
    expect(doc.references[0]?.csl).toMatchObject({ title: 'To cut or stretch?', 'container-title': 'Am J Gastroenterol', volume: '99', page: '1461-3' });
    expect(doc.diagnostics.find((d) => d.rule === 'reference-placeholder')).toMatchObject({ severity: 'warning', line: 5, column: 1 });
    expect(doc.references[1]?.raw).toBe('cde');
  });

  it('keeps a repeated number, renumbered, with a warning', async () => {
    const doc = await runUpTo(`${body}[1]Smith J. One title here. J Med. 2020;1:1.\n[1]Doe A. Two title here. J Med. 2021;2:2.\n`, 'references');
    expect(doc.references.map((r) => r.id)).toEqual(['ref-1', 'ref-2']);
    expect(doc.diagnostics.map((d) => d.rule)).toContain('reference-duplicate-number');
  });

  it('reports a gap in the numbering', async () => {
    const doc = await runUpTo(`${body}[1]Smith J. One title here. J Med. 2020;1:1.\n[3]Doe A. Two title here. J Med. 2021;2:2.\n`, 'references');
    expect(doc.diagnostics.find((d) => d.rule === 'reference-number-gap')?.message).toBe('references jump from [1] to [3]');
  });

  it('enforces the reference limit with an error naming it', async () => {
    const many = Array.from({ length: 30 }, (_, i) => `[${i + 1}]Smith J. Title ${i}. J Med. 2020;1:${i}.`).join('\n');
    const { pipeline } = await import('../helpers.js');
    const p = pipeline();
    const { DigestDocument } = await import('../../src/core/document.js');
    const { runStages } = await import('../../src/core/pipeline.js');
    const doc = new DigestDocument({ name: 'x.txt' });
    doc.bytes = new TextEncoder().encode(`${body}${many}\n`);
    const stages = p.stages.map((s) => (s.definition.name === 'references' ? { ...s, options: { maxReferences: 10 } } : s));
    await runStages(doc, { ...p, stages });
    expect(doc.failed).toBe(true);
    expect(doc.diagnostics.find((d) => d.rule === 'too-many-references')?.message).toBe('30 reference entries, over the limit maxReferences=10');
  });
});

describe('references stage: lists as they are copied', () => {
  const head = '2025年3月干细胞治疗最新临床进展\n3月5日,《X》上发表。[1]\n';

  it('finds the list when the heading and entry [1] share a line ("参考文献[1]…")', async () => {
    const doc = await runUpTo(`${head}参考文献[1]王一. 干细胞[J]. 生命科学, 2020, 1(1): 1-2.\n[2]李二. 外泌体[J]. 生命科学, 2021, 2(1): 3-4.\n`, 'references');
    expect(doc.references.map((r) => [r.id, r.csl.title])).toEqual([
      ['ref-1', '干细胞'],
      ['ref-2', '外泌体'],
    ]);
    expect(doc.references[0]!.position.start).toEqual({ line: 3, column: 5 });
  });

  it('warns at the line of a line it cannot place', async () => {
    const doc = await runUpTo(`${head}参考资料:\nhttps://doi.org/10.1000/orphan\nSmith J. One title here. J Med. 2020;1:1.\n`, 'references');
    expect(doc.references).toHaveLength(1);
    expect(doc.diagnostics.find((d) => d.rule === 'reference-line-unplaced')).toMatchObject({ severity: 'warning', line: 4, column: 1 });
  });

  it('numbers 100,000+ entries without overflowing the stack when the limit allows them', async () => {
    const many = Array.from({ length: 130_000 }, (_, i) => `[${i + 1}]A B. T.`).join('\n');
    const { pipeline } = await import('../helpers.js');
    const p = pipeline();
    const { DigestDocument } = await import('../../src/core/document.js');
    const { runStages } = await import('../../src/core/pipeline.js');
    const doc = new DigestDocument({ name: 'x.txt' });
    doc.bytes = new TextEncoder().encode(`${head}参考资料:\n${many}\n`);
    const stages = p.stages.filter((s) => ['read', 'parse', 'segment', 'references'].includes(s.definition.name)).map((s) => (s.definition.name === 'references' ? { ...s, options: { maxReferences: 200_000 } } : s));
    await runStages(doc, { ...p, stages });
    expect(doc.failed).toBe(false);
    expect(doc.references).toHaveLength(130_000);
    expect(doc.references.at(-1)!.id).toBe('ref-130000');
  }, 120_000);
});

// Reference lists and citations as real pages of the genre print them (issue 17, the quality pass
// on references): index pages' "List of references", news pages' "Journal Reference:" and WeChat
// reposts' "参考来源：" headings, and journals' sites' "DOI: 10.…" lines under each entry.
describe('references stage: the lists of real pages', () => {
  const entry = (n: number) => `Example AB, Example CD. Marrow stromal cells study ${n}. Cell Res Ex. 2024;${n}(1):${n}0-${n}9.`;

  it.each([
    ['List of references'],
    ['Reference list'],
    ['Journal Reference:'],
    ['Journal References:'],
    ['参考来源：'],
    ['參考來源：'],
    ['Список літератури'],
    ['Список литературы'],
    // Change 215: headings real pages print that digest did not know — a count after the heading (an index's
    // "References (210)"), a typo, a heading with a second clause, and other languages' words.
    ['References (210)'],
    ['Reference (3):'],
    ['Referrence'],
    ['References and additional information sources'],
    ['References and Notes'],
    ['Literatur'],
    ['Literaturverzeichnis'],
    ['Bibliografía'],
    ['Bibliographie'],
    ['Referencias'],
    ['Références'],
    ['Tài liệu tham khảo'],
    ['参考資料'],
    ['참고문헌'],
    ['참고 문헌'],
    ['参考文献（12）'],
  ])('finds the list under the heading %j', async (heading) => {
    const doc = await runUpTo(`Stem cell news\nMarrow cells were given to twelve patients [1].\n${heading}\n[1] ${entry(1)}\n`, 'link');
    expect(doc.references.map((r) => r.csl.title)).toEqual(['Marrow stromal cells study 1']);
    expect(doc.diagnostics.map((d) => d.rule)).not.toContain('citation-unresolved');
  });

  // Headings that stay prose: a count is a number in brackets alone, and a references heading is a line of its own.
  it.each([['References (see below)'], ['References (2021) were checked'], ['Literature'], ['Referrences and more'], ['参考資料を見る']])('no list under the line %j', async (line) => {
    const doc = await runUpTo(`Stem cell news\nMarrow cells were given to twelve patients [1].\n${line}\n[1] ${entry(1)}\n`, 'link');
    expect(doc.references).toEqual([]);
  });

  // Change 215: an entry wrapped inside its journal's name leaves a line shaped as a journal's issue line, which
  // above the list is chrome; in the list it is the entry's.
  it('keeps a line shaped as a journal\'s issue line in its entry ("World J" / "Ex Orthop. 2011; 2(6): 43-50.")', async () => {
    const list = `[1] Model L, Sample M. Marrow aspirate for cartilage repair. World J\nEx Orthop. 2011; 2(6): 43-50.\n[2] ${entry(2)}\n`;
    const doc = await runUpTo(`${body}${list}`, 'references');
    expect(doc.references.map((r) => [r.csl['container-title'], r.csl.volume, r.csl.page])).toEqual([
      ['World J Ex Orthop', '2', '43-50'],
      ['Cell Res Ex', '2', '20-29'],
    ]);
    expect(doc.diagnostics.map((d) => d.rule)).not.toContain('boilerplate-removed');
  });

  it('keeps a "DOI: 10.…" line under its entry (the chrome pattern for a copied paper\'s own DOI line does not drop it in the list)', async () => {
    const list = `[1] ${entry(1)}\nDOI: 10.1234/example.a.1\n[2] ${entry(2)}\nDOI:\n10.1234/example.a.2\n`;
    const doc = await runUpTo(`${body}${list}`, 'references');
    expect(doc.references.map((r) => r.csl.DOI)).toEqual(['10.1234/example.a.1', '10.1234/example.a.2']);
    expect(doc.diagnostics.map((d) => d.rule)).not.toContain('reference-no-identifier');
  });

  // Change 221: a list printed with no heading — numbered lines at the page's end holding a reference's numbers — and
  // one under a heading with a subtitle; a dated news list and numbered steps at a page's end stay its body.
  it('finds a list with no heading at the page\'s end and links the text\'s markers to it', async () => {
    const doc = await runUpTo(`Stem cell news\nMarrow cells were given to twelve patients [1], [3].\n1. ${entry(1)}\n2. ${entry(2)}\n3. ${entry(3)}\n`, 'link');
    expect(doc.references.map((r) => r.csl.title)).toEqual(['Marrow stromal cells study 1', 'Marrow stromal cells study 2', 'Marrow stromal cells study 3']);
    expect(doc.sections.flatMap((s) => s.text ?? '').join('')).not.toContain('Marrow stromal');
    expect(doc.diagnostics.map((d) => d.rule)).not.toContain('citation-unresolved');
    expect(doc.diagnostics.map((d) => d.rule)).not.toContain('reference-list-absent');
  });

  // Change 227: a DOI line and a label line under the last entry, as index pages print them, end no run.
  it('finds a list with no heading whose last entry has a DOI line and a label line under it', async () => {
    const doc = await runUpTo(`Stem cell news\nMarrow cells were given to twelve patients [1], [3].\n1. ${entry(1)}\n2. ${entry(2)}\n3. ${entry(3)}\nDOI: 10.1234/example.a.3\nGoogle Scholar\n`, 'link');
    expect(doc.references.map((r) => r.csl.title)).toEqual(['Marrow stromal cells study 1', 'Marrow stromal cells study 2', 'Marrow stromal cells study 3']);
    expect(doc.references[2]?.csl.DOI).toBe('10.1234/example.a.3');
    expect(doc.diagnostics.map((d) => d.rule)).not.toContain('reference-list-absent');
  });

  it('finds a list under "References: all about the science", the heading no section\'s', async () => {
    const doc = await runUpTo(`Stem cell news\nMarrow cells were given to twelve patients [1].\nReferences: all about the science\n1. ${entry(1)}\n2. Example Foundation. Cord blood banking. Available at: https://example.org/a\n`, 'link');
    expect(doc.references.map((r) => r.csl.title)).toEqual(['Marrow stromal cells study 1', 'Cord blood banking']);
    expect(doc.sections.map((s) => s.heading)).not.toContain('References: all about the science');
  });

  it.each([
    ['a dated news list', 'Stem cell news\nThe year in cell therapy.\n1. March 3, 2025: An agency approved a therapy, 2025; 3: 4.\n2. April 9, 2025: A trial opened, 2025; 2: 40.\n3. May 2, 2025: A second trial opened, 2025; 5: 60.\n'],
    ['numbered steps', 'How banking works\nWhat a bank does.\n1. Collect the cord blood.\n2. Test it.\n3. Freeze it at -196 °C.\n'],
    ['a subtitled heading over lines holding no reference', 'Stem cell news\nThe agency will decide in May.\nSources: Reuters, AP\n1. The agency said so.\n2. The company declined to comment.\n'],
  ])('leaves %s at a page\'s end in its body', async (_, text) => {
    const doc = await runUpTo(text, 'references');
    expect(doc.references).toEqual([]);
    expect(doc.diagnostics.map((d) => d.rule)).toContain('reference-list-absent');
  });

  it('a copied paper\'s own DOI line before the list is still chrome', async () => {
    const doc = await runUpTo(`示例综述标题\nDOI: 10.1234/example.own.1\n正文[1]。\n参考文献\n[1] ${entry(1)}\n`, 'references');
    expect(doc.references.map((r) => r.csl.DOI ?? null)).toEqual([null]);
    expect(doc.diagnostics.find((d) => d.rule === 'boilerplate-removed')?.line).toBe(2);
  });
});

// The refs-real-* fixtures' expect.md, read directly: each reference's fields as its References
// table gives them, and the rules its Diagnostics section says must and must not appear.
describe('references stage: the refs-real fixtures read as their expect.md says', () => {
  const root = repo('tests/fixtures');
  const names = readdirSync(root).filter((n) => n.startsWith('refs-real-')).sort();
  const rulesAfter = (text: string, label: string) =>
    text
      .split(/\n(?=- )/)
      .filter((item) => item.startsWith(`- ${label}:`))
      .flatMap((item) => [...item.matchAll(/`([a-z][a-z0-9-]+)`/g)].map((m) => m[1]!));
  const cell = (value: string | undefined) => (value === undefined || value === '—' ? undefined : value);

  it('has the twenty cases', () => expect(names).toHaveLength(20));

  it.each(names)('%s', async (name) => {
    const expectMd = readFileSync(join(root, name, 'expect.md'), 'utf8');
    const input = readdirSync(join(root, name)).find((f) => f.startsWith('input.'))!;
    const record = await ingest({ path: join(root, name, input) });
    const rows = table(section(expectMd, 'References'), 'id', 'title');
    expect(record.references.map((r) => r.id)).toEqual(rows.map((r) => r.id));
    for (const row of rows) {
      const csl = record.references.find((r) => r.id === row.id)!.csl;
      const author = csl.author?.[0];
      const read: Record<string, string | undefined> = {
        type: csl.type,
        title: csl.title,
        container: csl['container-title'],
        'first author': author ? (author.literal ?? author.family) : undefined,
        year: csl.issued?.['date-parts']?.[0]?.[0]?.toString(),
        volume: csl.volume,
        page: csl.page,
        DOI: csl.DOI,
        'DOI / URL': csl.DOI ?? csl.URL,
        accessed: csl.accessed?.['date-parts']?.[0]?.join('-'),
      };
      for (const [column, value] of Object.entries(row)) if (column !== 'id' && column !== '') expect(read[column], `${row.id} ${column}`).toBe(cell(value));
    }
    // The Citations table, where there is one: the record's markers outside items and what each resolves to, in text order.
    const citations = table(section(expectMd, 'Citations'), 'marker', 'references').map((row) => ({ marker: row.marker, references: row.references }));
    if (citations.length > 0) {
      const read = (record.citations ?? []).map((c) => ({ marker: c.text, references: c.references.join(' ') }));
      expect(read).toEqual(citations);
    }
    const rules = record.diagnostics.map((d) => d.rule);
    const diagnostics = section(expectMd, 'Diagnostics');
    for (const rule of rulesAfter(diagnostics, 'must')) expect(rules, rule).toContain(rule);
    for (const rule of rulesAfter(diagnostics, 'must not')) expect(rules, rule).not.toContain(rule);
  });
});
