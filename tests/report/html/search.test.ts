import { utf8Text } from '../../../src/io/utf8.js';
import { describe, expect, it, vi } from 'vitest';
import type { ArticleRecord } from '../../../src/generated/article.js';
import { jsonForScript } from '../../../src/report/html/html.js';
import { entityLines, Pairs, prepareSearch, SearchIndexBuilder, SearchIndexText, searchIndexText, textAsideInMemory, topicText, type PreparedSearch, type SearchEntry } from '../../../src/report/html/search.js';

type Topic = ArticleRecord['topic'];

const entry = (id: string, label: string, journal: string | null): SearchEntry => ({
  id,
  title: `${id} 标题`,
  titleEn: null,
  topic: null,
  items: [{ at: 's1-0', date: '2025-03-02', journal, title: null, titleEn: null, dois: [], institution: null, country: null }],
  entities: [{ id: 'disease:lupus', type: 'disease', label, surfaces: [`${id}狼疮`], count: 2 }],
  references: [{ number: 1, doi: `10.1/${id}`, title: null }],
});

describe('the search index', () => {
  it('topicText: therapy and disease, either alone, or nothing', () => {
    expect(topicText({ therapy: 'stem cell therapy', disease: { id: 'disease:lupus', label: 'lupus' } } as Topic)).toBe('stem cell therapy · lupus');
    expect(topicText({ therapy: null, disease: { id: 'disease:lupus', label: 'lupus' } } as Topic)).toBe('lupus');
    expect(topicText({ therapy: null, disease: null } as Topic)).toBeNull();
    expect(topicText(null)).toBeNull();
  });

  it('the same entries in any order give the same index: articles by id, a concept labelled as the first article by id says', () => {
    const build = (entries: SearchEntry[]) => {
      const builder = new SearchIndexBuilder();
      for (const e of entries) builder.add(e);
      return builder.build();
    };
    const a = entry('a', 'lupus (from a)', 'Cell');
    const b = entry('b', 'lupus (from b)', null);
    const index = build([b, a]);
    expect(index).toEqual(build([a, b]));
    expect(index.articles.map((x) => x.id)).toEqual(['a', 'b']);
    expect(index.journals).toEqual(['Cell']);
    expect(index.items.map((i) => [i.article, i.journal])).toEqual([[0, 0], [1, null]]);
    expect(index.entities).toEqual([{ id: 'disease:lupus', type: 'disease', label: 'lupus (from a)', surfaces: ['a狼疮', 'b狼疮'], in: [{ article: 0, count: 2 }, { article: 1, count: 2 }] }]);
  });

  it('as a stream from entries in id order: the JSON text of the whole index, escaped as the page embeds it, the entries read once and never held', () => {
    const a = { ...entry('a', 'lupus </script> & \u2028', 'Cell <Press>'), entities: [...entry('a', 'x', null).entities, { id: 'cell:msc', type: 'cell', label: 'MSC', surfaces: ['间充质干细胞'], count: 1 }] };
    const b = { ...entry('b', 'lupus (from b)', null), references: [] };
    const c = entry('c', 'lupus (from c)', 'Blood');
    const all = [a, b, c];
    const builder = new SearchIndexBuilder();
    for (const e of [c, a, b]) builder.add(e);
    const whole = builder.build();
    let reads = 0;
    const entries = function* () {
      reads++;
      yield* all;
    };
    expect([...searchIndexText(entries())].join('')).toBe(JSON.stringify(whole));
    expect(reads).toBe(1);
    expect([...searchIndexText(entries(), jsonForScript)].join('')).toBe(jsonForScript(whole));
    // Empty: every array there, empty.
    expect([...searchIndexText([])].join('')).toBe(JSON.stringify(new SearchIndexBuilder().build()));
    expect(() => [...searchIndexText([b, a])]).toThrow('search entries out of id order: a after b');
  });

  it('items wait aside without their journal’s number: journals numbered in sorted order, not the order first named, whatever the items hold', () => {
    const item = (journal: string | null, title: string | null) => ({ at: 's0-0', date: '2025-01 3 4', journal, title, titleEn: '1 2 "journal":null}', dois: ['10.1/x y'], institution: null, country: null });
    const a = { ...entry('a', 'lupus', 'Zeta'), items: [item('Zeta', 'a 1'), item(null, '{"journal":3}'), item('Alpha', ' ')] };
    const b = { ...entry('b', 'lupus', null), items: [item('Mu', 'b'), item('Alpha', null), item('Zeta', '\u2028 < >')] };
    const lines: { items: string[]; references: string[] } = { items: [], references: [] };
    const aside = (into: string[]) => ({ add: (line: string, rest?: string | Uint8Array) => void into.push(line + (rest === undefined ? '' : utf8Text(rest))), lines: () => into });
    const text = [...searchIndexText([a, b], jsonForScript, { items: aside(lines.items), references: aside(lines.references) })].join('');
    expect(lines.items).toHaveLength(6);
    expect(lines.references).toHaveLength(2);
    expect(lines.items.every((l) => !l.includes('\n'))).toBe(true);
    const index = JSON.parse(text) as ReturnType<SearchIndexBuilder['build']>;
    expect(index.journals).toEqual(['Alpha', 'Mu', 'Zeta']);
    expect(index.items.map((i) => [i.article, i.journal, i.title])).toEqual([[0, 2, 'a 1'], [0, null, '{"journal":3}'], [0, 0, ' '], [1, 1, 'b'], [1, 0, null], [1, 2, '\u2028 < >']]);
    const builder = new SearchIndexBuilder();
    for (const e of [b, a]) builder.add(e);
    expect(text).toBe(jsonForScript(builder.build()));
  });

  it('an entry made ready on another thread (prepareSearch) and spliced in as UTF-8 bytes gives the same text as the entry added', () => {
    const item = (journal: string | null, title: string | null) => ({ at: 's0-1', date: '2025-01-0\u2028', journal, title, titleEn: '</script> "journal":null}', dois: ['10.1/x y', '10.2/改'], institution: 'Inst · 北京', country: null });
    const a = { ...entry('a', 'lupus </script>', 'Zeta'), items: [item('Zeta', 'a 1\n2'), item(null, '{"journal":3}'), item('Alpha\t改', ' ')] };
    const b = { ...entry('b', 'lupus', null), items: [], references: [{ number: 2, doi: '10.1/<b>', title: '标题 & more' }, { number: 3, doi: '10.3/z', title: null }] };
    const c = { ...entry('c', 'lupus (c)', 'Alpha\t改'), entities: [...entry('c', 'x', null).entities, { id: 'cell:msc', type: 'cell', label: 'MSC', surfaces: ['间充质干细胞', 'MSCs'], count: 1 }] };
    const bytes = (text: string | Uint8Array) => (typeof text === 'string' ? new TextEncoder().encode(text) : text);
    // As a worker sends it: every encoded part (and the entities' JSON) as bytes.
    const asBytes = (p: PreparedSearch): PreparedSearch => ({ id: p.id, article: bytes(p.article), items: bytes(p.items), journals: bytes(p.journals), references: bytes(p.references), entities: bytes(p.entities as string) });
    const spliced = new SearchIndexText(jsonForScript);
    for (const e of [a, b, c]) spliced.addPrepared(asBytes(prepareSearch(e, jsonForScript, true)));
    const text = [...spliced.text()].join('');
    expect(text).toBe([...searchIndexText([a, b, c], jsonForScript)].join(''));
    const builder = new SearchIndexBuilder();
    for (const e of [c, a, b]) builder.add(e);
    expect(text).toBe(jsonForScript(builder.build()));
    // As text (an entry made on the build's own thread) too; and the order is checked.
    const asText = new SearchIndexText(jsonForScript);
    for (const e of [a, b, c]) asText.addPrepared(prepareSearch(e, jsonForScript));
    expect([...asText.text()].join('')).toBe(text);
    expect(() => asText.addPrepared(prepareSearch(b, jsonForScript))).toThrow('search entries out of id order: b after c');
  });

  it('entities sent as lines (entityLines): each distinct detail parsed once, then known by its text; the same index as the entities added as values', () => {
    const msc = (surfaces: string[], count: number, label = 'MSC') => ({ id: 'cell:msc', type: 'cell', label, surfaces, count });
    // The same concept with other labels and surfaces from article to article, named twice by one article (its last naming counts).
    const entries: SearchEntry[] = [
      { ...entry('a', 'lupus </script>', 'Zeta'), entities: [...entry('a', 'x', null).entities, msc(['间充质干细胞'], 1)] },
      { ...entry('b', 'lupus (b)', null), entities: [msc(['间充质干细胞'], 3), msc(['MSCs', '间充质干细胞'], 2, 'MSC (b)')] },
      { ...entry('c', 'lupus (c)', 'Alpha'), entities: [msc(['间充质干细胞'], 4), ...entry('c', 'x', null).entities] },
      { ...entry('d', 'lupus (d)', null), entities: [msc(['间充质干细胞'], 1), msc(['\u2028 < "q"', 'MSCs'], 5, 'MSC\t(d)')] },
    ];
    const builder = new SearchIndexBuilder();
    for (const e of entries) builder.add(e);
    const expected = jsonForScript(builder.build());
    const lines = entityLines(entries[1]!.entities);
    expect(lines).toBe(`3 {"id":"cell:msc","type":"cell","label":"MSC","surfaces":["间充质干细胞"]}\n2 {"id":"cell:msc","type":"cell","label":"MSC (b)","surfaces":["MSCs","间充质干细胞"]}\n`);
    const bytes = (text: string | Uint8Array) => (typeof text === 'string' ? new TextEncoder().encode(text) : text);
    for (const form of ['bytes', 'text', 'mixed'] as const) {
      const parse = vi.spyOn(JSON, 'parse');
      try {
        const index = new SearchIndexText(jsonForScript);
        entries.forEach((e, i) => {
          const p = prepareSearch(e, jsonForScript, true);
          index.addPrepared(form === 'bytes' || (form === 'mixed' && i % 2 === 0) ? { ...p, entities: bytes(p.entities as string) } : p);
        });
        const details = parse.mock.calls.filter(([text]) => String(text).startsWith('{"id"')).map(([text]) => String(text));
        // Four distinct details of msc and one of lupus per label (a, c): each parsed once in one form (a mix of forms may parse one again).
        if (form !== 'mixed') expect(details).toHaveLength(new Set(details).size);
        expect(parse.mock.calls.some(([text]) => String(text).startsWith('[{'))).toBe(false);
        expect([...index.text()].join('')).toBe(expected);
      } finally {
        parse.mockRestore();
      }
    }
    expect(() => new SearchIndexText().addPrepared({ ...prepareSearch(entries[0]!, JSON.stringify, true), entities: '2x {"id":"a"}\n' })).toThrow('not an entity line: 2x {"id":"a"}');
  });

  it('a detail that came as UTF-8 is not taken for a text that is its bytes read as Latin-1 (mojibake), in a build that adds both', () => {
    const named = (id: string, surface: string): SearchEntry => ({ ...entry(id, 'lupus', null), entities: [{ id: 'other:e', type: 'other', label: 'e', surfaces: [surface], count: 1 }] });
    const entries = [named('a', 'é'), named('b', Buffer.from('é').toString('latin1'))];
    const builder = new SearchIndexBuilder();
    for (const e of entries) builder.add(e);
    const index = new SearchIndexText();
    const [a, b] = entries.map((e) => prepareSearch(e, JSON.stringify, true));
    index.addPrepared({ ...a!, entities: new TextEncoder().encode(a!.entities as string) });
    index.addPrepared(b!);
    const text = [...index.text()].join('');
    expect(text).toBe(JSON.stringify(builder.build()));
    expect(text).toContain('"surfaces":["Ã©","é"]');
  });

  it('more distinct details than it remembers: the rest parsed each time they come, the same index', () => {
    const many = Array.from({ length: 4200 }, (_, i) => ({ id: `other:x${i}`, type: 'other', label: `x ${i}`, surfaces: [`x${i}`], count: 1 }));
    const entries: SearchEntry[] = ['a', 'b', 'c'].map((id) => ({ ...entry(id, 'lupus', null), entities: many.map((e, i) => ({ ...e, count: i % 3 })) }));
    const builder = new SearchIndexBuilder();
    for (const e of entries) builder.add(e);
    const index = new SearchIndexText();
    for (const e of entries) index.addPrepared(prepareSearch(e, JSON.stringify, true));
    expect([...index.text()].join('')).toBe(JSON.stringify(builder.build()));
  });

  it('made an entry at a time as a build’s inputs settle, each entry read once when added: the text of the whole, whatever came between the entries', () => {
    const a = { ...entry('a', 'lupus </script>', 'Zeta'), entities: [...entry('a', 'x', null).entities, { id: 'cell:msc', type: 'cell', label: 'MSC', surfaces: ['间充质干细胞'], count: 1 }] };
    const b = { ...entry('b', 'lupus (from b)', null), references: [] };
    const c = entry('c', 'lupus (from c)', 'Alpha');
    const lines = { articles: [] as string[], items: [] as string[], references: [] as string[] };
    const aside = (into: string[]) => ({ add: (line: string, rest?: string | Uint8Array) => void into.push(line + (rest === undefined ? '' : utf8Text(rest))), lines: () => into });
    const index = new SearchIndexText(jsonForScript, { articles: aside(lines.articles), items: aside(lines.items), references: aside(lines.references) });
    const seen: string[] = [];
    // Each entry is read when added (a getter counts the reads), never again when the text is made.
    const counted = (e: SearchEntry) => ({ ...e, get items() { seen.push(e.id); return e.items; } });
    index.add(counted(a));
    index.add(counted(b));
    expect(lines.articles).toHaveLength(2);
    index.add(counted(c));
    expect(() => index.add(b)).toThrow('search entries out of id order: b after c');
    const text = [...index.text()].join('');
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(text).toBe([...searchIndexText([a, b, c], jsonForScript)].join(''));
    const builder = new SearchIndexBuilder();
    for (const e of [c, b, a]) builder.add(e);
    expect(text).toBe(jsonForScript(builder.build()));
  });

  it('with a spool for the concept pairs: each article adds one line of them as it is added, none held as pairs, read back once at the end into the text of the whole', () => {
    const msc = (count: number, label = 'MSC') => ({ id: 'cell:msc', type: 'cell', label, surfaces: ['间充质干细胞'], count });
    // A concept named twice by one article (its last naming counts), an article naming none, concepts first named late.
    const entries: SearchEntry[] = [
      { ...entry('a', 'lupus', 'Zeta'), entities: [msc(1), ...entry('a', 'x', null).entities] },
      { ...entry('b', 'lupus (b)', null), entities: [msc(3), msc(2, 'MSC (b)')] },
      { ...entry('c', 'lupus (c)', null), entities: [] },
      { ...entry('d', 'lupus (d)', 'Alpha'), entities: [...entry('d', 'x', null).entities, { id: 'drug:x', type: 'drug', label: 'X', surfaces: ['X'], count: 12345 }, msc(7)] },
    ];
    const builder = new SearchIndexBuilder();
    for (const e of entries) builder.add(e);
    const expected = jsonForScript(builder.build());
    for (const form of ['values', 'lines'] as const) {
      const spool: string[] = [];
      let reads = 0;
      const kept = (into: string[]) => ({ add: (line: string, rest?: string | Uint8Array) => void into.push(line + (rest === undefined ? '' : utf8Text(rest))), lines: () => into });
      const added: (string | Uint8Array | undefined)[] = [];
      const concepts = { add: (line: string, rest?: string | Uint8Array) => void (added.push(rest), spool.push(line + (rest === undefined ? '' : utf8Text(rest)))), lines: () => (reads++, spool) };
      const index = new SearchIndexText(jsonForScript, { articles: kept([]), items: kept([]), references: kept([]), concepts });
      for (const e of entries) index.addPrepared(prepareSearch(e, jsonForScript, form === 'lines'));
      // Before: no line (every concept's pairs held in memory until the end, ~0.27 KB an input of a build).
      expect(spool).toEqual(['0:1 1:2', '0:3 0:2', '', '1:2 2:12345 0:7']);
      // Each line written as ASCII bytes, not a string grown a pair at a time (change 223).
      expect(added.every((rest) => rest instanceof Uint8Array)).toBe(true);
      const held = (index as unknown as { numbered: { in: Pairs }[] }).numbered.map((c) => { const seen: number[] = []; c.in.forEach((article) => seen.push(article)); return seen.length; });
      expect(held).toEqual([0, 0, 0]);
      expect(reads).toBe(0);
      expect([...index.text()].join('')).toBe(expected);
      expect(reads).toBe(1);
    }
    // A spool that lost a line or holds another's is the build's error, not a wrong index.
    const broken = (lines: string[]) => {
      const index = new SearchIndexText(JSON.stringify, { articles: textAsideInMemory(), items: textAsideInMemory(), references: textAsideInMemory(), concepts: { add: () => undefined, lines: () => lines } });
      for (const e of entries) index.add(e);
      return () => [...index.text()];
    };
    expect(broken(['0:1 1:2', '0:3'])).toThrow('concept pairs for 2 articles, not 4');
    expect(broken(['0:1 1:2', '0:3', '', '9:1'])).toThrow('not a line of concept pairs: 9:1');
    expect(broken(['0:1 1:2', '0:3', '', '1:'])).toThrow('not a line of concept pairs: 1:');
  });

  it('pieces: the lines set aside copied as their bytes (a build’s, from its files), the few members between spliced in: the text of the whole, any character in any member', () => {
    // Non-ASCII and astral characters before an item's journal (its length is in UTF-16 units), a reference past the 64 KB piece.
    const entries: SearchEntry[] = [
      { ...entry('a', 'lupus', 'Zeta'), items: [{ ...entry('a', 'x', 'Zeta').items[0]!, at: 's1-0é𝒳', date: '二〇二五', title: '标题 𝒳 </script>' }] },
      { ...entry('b', 'lupus (b)', null), references: [{ number: 1, doi: '10.1/b', title: '长'.repeat(40000) }, { number: 2, doi: '10.1/b2', title: 'é' }] },
      { ...entry('c', 'lupus (c)', 'Alpha'), items: [...entry('c', 'x', 'Alpha').items, { ...entry('c', 'x', null).items[0]!, at: 's1-1' }] },
    ];
    const builder = new SearchIndexBuilder();
    for (const e of entries) builder.add(e);
    const expected = jsonForScript(builder.build());
    // Lines as a file gives them: each a view of one buffer, written over once the next is asked for.
    const kept = (into: string[]) => ({
      add: (line: string, rest?: string | Uint8Array) => void into.push(line + (rest === undefined ? '' : utf8Text(rest))),
      lines: () => into,
      *lineBytes() {
        const shared = Buffer.alloc(1 << 18);
        for (const line of into) {
          yield shared.subarray(0, shared.write(line));
          shared.fill(0);
        }
      },
    });
    const make = () => {
      const index = new SearchIndexText(jsonForScript, { articles: kept([]), items: kept([]), references: kept([]), concepts: kept([]) });
      for (const e of entries) index.addPrepared(prepareSearch(e, jsonForScript, true));
      return index;
    };
    const pieces = [...make().pieces()];
    expect(pieces.some((piece) => piece instanceof Uint8Array && piece.length > 0)).toBe(true);
    expect(pieces.map((piece) => (typeof piece === 'string' ? piece : utf8Text(piece))).join('')).toBe(expected);
    expect([...make().text()].join('')).toBe(expected);
    // Passing (a build's page stream writes each piece before asking for the next): the same
    // text, its bytes gathered in one buffer used again — a second, larger one made for the
    // 120 KB reference's line, and used again after it — where each piece was a buffer of its own.
    const passed: string[] = [];
    const buffers = new Set<ArrayBufferLike>();
    for (const piece of make().pieces(true)) {
      if (typeof piece !== 'string') buffers.add(piece.buffer);
      passed.push(typeof piece === 'string' ? piece : utf8Text(piece));
    }
    expect(passed.join('')).toBe(expected);
    expect(buffers.size).toBe(2);
    // A line whose numbers are not numbers is the build's error, not a wrong index.
    const broken = new SearchIndexText(jsonForScript, { articles: kept([]), items: kept(['x 0 4 "a":1"b":2}']), references: kept([]) });
    expect(() => [...broken.pieces()]).toThrow('not a number in a line of the search data: x 0 4');
  });

  it("pieces: each concept with its pairs written as bytes (the head's UTF-8, the pairs' digits), as JSON.stringify writes them — a concept's pairs past the 64 KB piece too (was: a string grown a pair at a time)", () => {
    // 3,000 articles naming one concept (~100 KB of pairs: more than a piece), every other one a
    // second concept whose label and surfaces are not ASCII; counts of one to six digits.
    const count = (i: number) => [1, 9, 10, 99, 100, 12345, 999999][i % 7]!;
    const entries: SearchEntry[] = [];
    for (let i = 0; i < 3000; i++) {
      const id = `a${String(i).padStart(4, '0')}`;
      const lupus = { ...entry(id, 'lupus', null).entities[0]!, surfaces: [`狼疮${i % 3}`], count: count(i) };
      const other = { id: 'disease:x', type: 'disease', label: '𝒳 病 </script>', surfaces: ['𝒳', `é${(i / 2) % 2}`], count: count(i + 3) };
      entries.push({ ...entry(id, 'lupus', null), entities: i % 2 === 0 ? [lupus, other] : [lupus] });
    }
    const index = new SearchIndexText(jsonForScript, { articles: textAsideInMemory(), items: textAsideInMemory(), references: textAsideInMemory(), concepts: textAsideInMemory() });
    for (const e of entries) index.addPrepared(prepareSearch(e, jsonForScript, true));
    // Passing, as a build writes them: each piece copied before the next is asked for.
    const pieces: (string | Uint8Array)[] = [];
    for (const piece of index.pieces(true)) pieces.push(typeof piece === 'string' ? piece : Uint8Array.from(piece));
    const opening = pieces.indexOf('],"entities":[');
    const closing = pieces.indexOf('],"references":[');
    expect(opening).toBeGreaterThan(0);
    expect(closing).toBeGreaterThan(opening + 1);
    // The section's every piece bytes, one of them larger than a piece (the first concept's pairs).
    const section = pieces.slice(opening + 1, closing);
    expect(section.every((piece) => piece instanceof Uint8Array)).toBe(true);
    expect(Math.max(...section.map((piece) => piece.length))).toBeGreaterThan(1 << 16);
    const text = pieces.map((piece) => (typeof piece === 'string' ? piece : utf8Text(piece))).join('');
    const parsed = JSON.parse(text) as { entities: unknown };
    // What JSON.stringify (the page's encoding) writes of the same index, byte for byte.
    expect(text).toBe(jsonForScript(parsed));
    expect(parsed.entities).toEqual([
      { id: 'disease:lupus', type: 'disease', label: 'lupus', surfaces: ['狼疮0', '狼疮1', '狼疮2'], in: entries.map((_, i) => ({ article: i, count: count(i) })) },
      { id: 'disease:x', type: 'disease', label: '𝒳 病 </script>', surfaces: ['é0', 'é1', '𝒳'].sort(), in: entries.flatMap((_, i) => (i % 2 === 0 ? [{ article: i, count: count(i + 3) }] : [])) },
    ]);
  });

  it("a concept's [article, count] pairs come back as set, a later count of the same article replacing the last, in ~2 bytes a pair", () => {
    const pairs = new Pairs();
    const expected: [number, number][] = [];
    for (let article = 0; article < 1000; article++) {
      if (article % 3 === 0) continue;
      pairs.set(article, 1);
      pairs.set(article, (article % 7) + 1); // named again by the same article: its last naming counts
      expected.push([article, (article % 7) + 1]);
    }
    // Far apart and large: several bytes each, the same numbers back.
    for (const [article, count] of [[5000, 300], [2 ** 31 + 5, 2 ** 32 + 1], [2 ** 52, 2 ** 53 - 1]] as const) {
      pairs.set(article, count);
      expected.push([article, count]);
    }
    const seen: [number, number][] = [];
    pairs.forEach((article, count) => seen.push([article, count]));
    expect(seen).toEqual(expected);
    // What grows with a build's inputs: two bytes a pair of near articles and small counts (eight as two 32-bit numbers).
    const near = new Pairs();
    for (let article = 0; article < 1000; article++) near.set(article, 2);
    expect(near.bytes).toBeLessThanOrEqual(2 * 1000);
    expect(() => near.set(3, 1)).toThrow(/out of article order/);
  });
});
