import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { compilerFiles, decodeCompiled, encodeCompiled, readCompiled } from '../../src/core/compiled-data.js';
import { loadStructure, readConfigFile, STRUCTURE_LISTS, STRUCTURE_SINGLES, structureSources } from '../../src/core/data.js';
import { ASKS_BEFORE_PATTERN, LiteralSet, PatternGroup, type PreTest } from '../../src/core/pattern-group.js';
import { preTestOf } from '../../src/core/pretest.js';
import { preTestForm, preTestsOfForm } from '../../src/core/pretest-form.js';
import { foldWidth } from '../../src/core/text.js';
import { withoutSiteName } from '../../src/stages/segment.js';
import { chromeOf } from '../../src/structure/blocks.js';
import { relativeDay } from '../../src/structure/dates.js';
import type { StructureData } from '../../src/generated/structure.js';
import { repo } from '../helpers.js';

const structureFile = repo('pipelines/data/structure.json');
const structureText = readConfigFile(structureFile);
const raw = JSON.parse(structureText) as StructureData;
const sources = structureSources(raw);
const shipped = Object.entries(sources).flatMap(([pointer, list]) => list.map((source, k) => ({ where: `${pointer}/${k}`, pointer, k, source, regex: new RegExp(source, 'u'), test: preTestOf(source, 'u') })));

/** A pre-test less its `first` (null when nothing else is left): what the build's form keeps of a member beside its group's table. */
function withoutFirst(test: PreTest | null): PreTest | null {
  if (test === null) return null;
  const { first: _first, ...rest } = test;
  return Object.keys(rest).length === 0 ? null : rest;
}

/** Whether a pre-test lets `text` through: a group of the pattern alone, as the stages ask it. */
const passes = (regex: RegExp, test: PreTest | null, text: string) => new PatternGroup(() => regex, 1, [test]).candidates(text).length === 1 && new PatternGroup(() => regex, 1, [test]).test(text) === regex.test(text);

/** Every text the fixtures hold, as the structure readers see them: lines, folded, trimmed, their heads. */
function fixtureTexts(): string[] {
  const files = [...readdirSync(repo('fixtures/articles')).map((name) => repo(`fixtures/articles/${name}`)), repo('fixtures/bench/en-2025.txt')];
  for (const dir of readdirSync(repo('tests/fixtures'), { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const name of readdirSync(join(dir.parentPath, dir.name))) if (name.startsWith('input')) files.push(join(dir.parentPath, dir.name, name));
  }
  const out = new Set<string>();
  for (const file of files) {
    for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
      const folded = foldWidth(line).trim();
      for (const text of [line, folded, folded.slice(0, 20), folded.slice(0, 60), folded.slice(0, 200)]) out.add(text);
      // After each full stop, as items read a sentence's opening.
      for (const m of folded.matchAll(/[。！？!?；;]/gu)) out.add(folded.slice(m.index + 1, m.index + 61));
    }
  }
  return [...out];
}

/** Texts seeded from the shipped patterns' own literals (the pre-tests' words and openings), digits, Han, spaces and marks. */
function seededTexts(count: number): string[] {
  const words = new Set<string>(['2025', '12', '3', '年', '月', '日', ' ', ':', '：', '-', '/', '.', ',', '，', '。', '干细胞', 'CAR-T', 'Jan', 'March', '(', ')', '（', '）', '【', '】', '第', '期', '版', '\u{20000}', '\ud800', '\udc00', 'Ａ']);
  for (const { test } of shipped) for (const set of test?.needs ?? []) for (const word of set) words.add(word);
  const pieces = [...words];
  return fc.sample(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 8 }).map((parts) => parts.join('')), { seed: 17, numRuns: count });
}

describe('pattern pre-tests (src/core/pretest.ts) and groups (src/core/pattern-group.ts)', () => {
  it('the build wrote the pre-tests the code reads from the shipped structure patterns', () => {
    const preTests = preTestsOfForm(readCompiled('structure', createHash('sha256').update(structureText).digest('hex')));
    expect(preTests).not.toBeNull();
    for (const pointer of [...STRUCTURE_LISTS, ...STRUCTURE_SINGLES]) {
      // The pre-tests `shipped` read from each source (preTestOf, as the build's compile step does),
      // not read again: reading every shipped pattern's takes ~7 s of CPU, which this file paid twice
      // and which, under a loaded machine's 3–5× slowdown, took this test to its timeout.
      const members = shipped.filter((p) => p.pointer === pointer).map((p) => p.test);
      expect(members).toHaveLength(sources[pointer].length);
      const reader = preTests![pointer]!;
      expect(reader.table, pointer).toEqual(PatternGroup.tableOf(members.length, members));
      // Each member's as read at its first candidacy: all but its first unit, which the table holds.
      members.forEach((test, k) => expect(reader.member(k), `${pointer}/${k}`).toEqual(withoutFirst(test)));
    }
    // Nearly every shipped pattern has one (what makes the groups worth having).
    expect(shipped.filter((p) => p.test !== null).length).toBeGreaterThan(shipped.length * 0.9);
  });

  it('every shipped pattern’s pre-test passes wherever the pattern matches: every fixture line and 10,000 seeded texts', () => {
    const texts = [...fixtureTexts(), ...seededTexts(10_000)];
    let matched = 0;
    let ruledOut = 0;
    for (const { where, regex, test } of shipped) {
      // One group a pattern, asked of every text: its sets of several literals are asked by one pattern after the first 256 (LiteralSet).
      const group = new PatternGroup(() => regex, 1, [test]);
      for (const text of texts) {
        const through = group.candidates(text).length === 1;
        if (regex.test(text)) {
          matched++;
          expect(through && group.test(text), `${where} on ${JSON.stringify(text)}`).toBe(true);
        } else if (!through || !group.test(text)) ruledOut++;
      }
    }
    expect(passes(/^a/u, { first: [97, 97] }, 'ab')).toBe(true);
    // Not vacuous: the patterns match the fixtures, and the pre-tests rule out most texts.
    expect(matched).toBeGreaterThan(1000);
    expect(ruledOut).toBeGreaterThan(shipped.length * texts.length * 0.5);
  });

  it('reads what a pattern implies: the first unit of anchored patterns, the literals every match holds', () => {
    expect(preTestOf('^(?:abc|d)x', 'u')).toEqual({ first: [97, 97, 100, 100], needs: [['x'], ['abc', 'd']] });
    expect(preTestOf('^a?b', 'u')?.first).toEqual([97, 98]);
    expect(preTestOf('^(?=x)y', 'u')?.first).toEqual([121, 121]);
    // A branch not anchored, a pattern that may match nothing, the m, g and y flags: no first unit.
    expect(preTestOf('a|^b', 'u')?.first).toBeUndefined();
    expect(preTestOf('^a*$', 'u')).toBeNull();
    expect(preTestOf('^ab', 'mu')).toEqual({ needs: [['ab']] });
    expect(preTestOf('^ab', 'gu')).toBeNull();
    expect(preTestOf('^ab', 'uy')).toBeNull();
    // Case folding is V8's: the Kelvin sign folds to k, "ſ" to s; no literals under i.
    expect(preTestOf('^k', 'iu')).toEqual({ first: [75, 75, 107, 107, 0x212a, 0x212a] });
    expect(preTestOf('^s', 'iu')).toEqual({ first: [83, 83, 115, 115, 0x17f, 0x17f] });
    // Beyond the BMP a text opens with a lead surrogate; a broad class may meet a lone one.
    expect(preTestOf('^\\u{20000}', 'u')?.first).toEqual([0xd800, 0xdbff]);
    const holds = (first: readonly number[] | undefined, unit: number) => first !== undefined && first.some((lo, i) => i % 2 === 0 && lo <= unit && unit <= first[i + 1]!);
    expect(holds(preTestOf('^[^a]', 'u')?.first, 0xdfff)).toBe(true);
    expect(holds(preTestOf('^[^a]', '')?.first, 0xdfff)).toBe(true);
    expect(holds(preTestOf('^[^a]', 'u')?.first, 0x61)).toBe(false);
    // Literals: runs, small classes, groups that cannot be skipped; never what a quantifier may skip.
    expect(preTestOf('Telegram\\s*[:：]', 'u')).toEqual({ needs: [['Telegram'], [':', '：']] });
    expect(preTestOf('(?:电话|電話)(?:\\d)', 'u')).toEqual({ needs: [['电话', '電話']] });
    expect(preTestOf('a*b(?:c|d)?', 'u')).toEqual({ needs: [['b']] });
    expect(preTestOf('x(?:ab|c\\d)', 'u')).toEqual({ needs: [['x'], ['ab', 'c']] });
    expect(preTestOf('(?:a|\\d)', 'u')).toBeNull();
  });

  it('reads the unit a match anchored at the end closes the text with, the most units a match anchored at both ends spans, and asks the set of fewer literals first', () => {
    expect(preTestOf('^a(?:b|cd)$', 'u')).toEqual({ first: [97, 97], at: [{ offset: 1, units: [98, 99] }], last: [98, 98, 100, 100], most: 3, needs: [['a'], ['b', 'cd']] });
    // What may match nothing before the `$` lets the previous part's units in; look-arounds read nothing.
    expect(preTestOf('x[yz]?(?<=.)$', 'u')).toEqual({ last: [120, 122], needs: [['x']] });
    // Beyond the BMP a text closes with a trail surrogate.
    expect(preTestOf('\\u{20000}$', 'u')?.last).toEqual([0xdc00, 0xdfff]);
    expect(preTestOf('\\p{Script=Han}$', 'u')?.last).toContain(0xdfff);
    // Two units for a character that may be beyond the BMP (u), one without u; none for what has no bound.
    expect(preTestOf('^.{2,5}$', 'u')?.most).toBe(10);
    expect(preTestOf('^.{2,5}$', '')?.most).toBe(5);
    expect(preTestOf('^(?:ab|c)\\s?$|^d$', 'u')?.most).toBe(3);
    expect(preTestOf('^a+$', 'u')?.most).toBeUndefined();
    expect(preTestOf('^(a)\\1$', 'u')?.most).toBeUndefined();
    expect(preTestOf('^ab$|^c', 'u')).toEqual({ first: [97, 97, 99, 99], needs: [['ab', 'c']] });
    // Not anchored at the end, the m flag, a pattern that may match nothing before its `$`: no last unit.
    expect(preTestOf('a$|b', 'u')).toEqual({ needs: [['a', 'b']] });
    expect(preTestOf('ab$', 'mu')).toEqual({ needs: [['ab']] });
    expect(preTestOf('^a?$', 'u')).toEqual({ most: 1 });
    // The two best sets kept as before; the one of fewer strings asked first.
    expect(preTestOf('(?:abc|abd|abe)\\s*xy', 'u')?.needs).toEqual([['xy'], ['abc', 'abd', 'abe']]);
  });

  it('reads the units an anchored match holds at fixed offsets past its first, while the widths before are fixed', () => {
    const digit = [48, 57];
    const space = preTestOf('^\\s', 'u')!.first!;
    // A date's hyphens and a digit (the one set of the four digits once), the fewest units first.
    expect(preTestOf('^(?<year>\\d{4})-(?<month>\\d{2})-(?<day>\\d{2})', 'u')?.at).toEqual([{ offset: 4, units: [45, 45] }, { offset: 1, units: digit }]);
    // A quantifier of a range gives its least count, then the walk stops; a group of several branches gives its opening units.
    expect(preTestOf('^\\d{2,4}x', 'u')?.at).toEqual([{ offset: 1, units: digit }]);
    expect(preTestOf('^\\d{2}(?:\\s*[:：]|\\s+x)', 'u')?.at).toEqual([{ offset: 1, units: digit }, { offset: 2, units: [...space.slice(0, 4), 58, 58, ...space.slice(4, -2), 0xff1a, 0xff1a, ...space.slice(-2)].sort((a, b) => a - b) }]);
    // Look-arounds and word boundaries read nothing; a group of one branch is read through; the i flag's cases are V8's.
    expect(preTestOf('^a(?=b)\\b(?:bc)', 'u')?.at).toEqual([{ offset: 1, units: [98, 98] }, { offset: 2, units: [99, 99] }]);
    expect(preTestOf('^ak', 'iu')?.at).toEqual([{ offset: 1, units: [75, 75, 107, 107, 0x212a, 0x212a] }]);
    // Branches: only the offsets every branch speaks of, their units joined.
    expect(preTestOf('^ab|^cd', 'u')?.at).toEqual([{ offset: 1, units: [98, 98, 100, 100] }]);
    expect(preTestOf('^abc|^d', 'u')?.at).toBeUndefined();
    // Nothing after a part that may match nothing, a character that may be beyond the BMP (u), a back-reference; none unanchored or with the m flag.
    expect(preTestOf('^a?b', 'u')?.at).toBeUndefined();
    expect(preTestOf('^.b', 'u')?.at).toBeUndefined();
    expect(preTestOf('^.b', '')?.at).toEqual([{ offset: 1, units: [98, 98] }]);
    expect(preTestOf('^(a)\\1b', 'u')?.at).toBeUndefined();
    expect(preTestOf('ab', 'u')?.at).toBeUndefined();
    expect(preTestOf('^ab', 'mu')?.at).toBeUndefined();
    // A group asks them after the first unit: "2025年" is let through by a date's first digit, not by its fifth unit; a text ending before an offset is none.
    const date = /^(?<year>\d{4})-(?<month>\d{2})/u;
    const made: number[] = [];
    const group = new PatternGroup((k) => (made.push(k), date), 1, [preTestOf(date.source, date.flags)]);
    for (const text of ['2025年3月', '2025', '20250-01', '2025/03']) expect(group.test(text), text).toBe(false);
    expect(made).toEqual([]);
    expect(group.exec(0, '2025-03 月报')?.groups?.month).toBe('03');
    expect(made).toEqual([0]);
  });

  it('the offsets’ units decide as the patterns do on seeded texts near the shipped patterns’ shapes', () => {
    // Digits, letters, spaces, marks and Han in every slot: texts that pass a first unit and fail further in.
    const units = ['0', '1', '2', '9', 'a', 'A', 'z', 'Z', 'M', ' ', '\u3000', '\t', '-', '/', '.', ':', '：', ',', '年', '月', '日', '干', '(', '（', '\u{20000}', '\ud800', 'Ａ', '1'];
    const texts = fc.sample(fc.array(fc.constantFrom(...units), { minLength: 0, maxLength: 14 }).map((parts) => parts.join('')), { seed: 21, numRuns: 20_000 });
    let ruledOut = 0;
    for (const { where, regex, test } of shipped) {
      if (!test?.at) continue;
      const group = new PatternGroup(() => regex, 1, [{ at: test.at }]);
      for (const text of texts) {
        const through = group.test(text);
        if (regex.test(text)) expect(through, `${where} on ${JSON.stringify(text)}`).toBe(true);
        else if (!through) ruledOut++;
      }
    }
    // Not vacuous: forty-odd shipped patterns have offsets, and they rule out most of these texts.
    expect(shipped.filter((p) => p.test?.at !== undefined).length).toBeGreaterThan(30);
    expect(ruledOut).toBeGreaterThan(texts.length * 20);
  });

  it('a set of literals answers as `includes` does, before and after it is asked by one pattern of its strings', () => {
    const strings = ['a.b', '(x)', 'c|d', '\\\\', '[z]', '-/-', '^$', '\u{1f600}', 'x\ud83d', '\ude00a', '上一篇', 'ab'];
    const texts = fc.sample(fc.array(fc.constantFrom('a', 'b', '.', '(', 'x', ')', 'c', '|', 'd', '\\', '[', 'z', ']', '-', '/', '^', '$', '\u{1f600}', '\ud83d', '\ude00', '上', '一', '篇', ' '), { maxLength: 10 }).map((parts) => parts.join('')), { seed: 17, numRuns: 3 * ASKS_BEFORE_PATTERN });
    const set = new LiteralSet(strings);
    const single = new LiteralSet(['.', '(']);
    let held = 0;
    for (const [i, text] of texts.entries()) {
      const expected = strings.some((x) => text.includes(x));
      held += expected ? 1 : 0;
      expect(set.heldBy(text), JSON.stringify(text)).toBe(expected);
      expect(single.heldBy(text)).toBe(text.includes('.') || text.includes('('));
      // The pattern is made at the set's ASKS_BEFORE_PATTERN-th ask (strings of one unit never: `includes` is cheaper).
      const made = (set as unknown as { pattern: RegExp | null }).pattern !== null;
      expect(made, `ask ${i + 1}`).toBe(i + 1 >= ASKS_BEFORE_PATTERN);
      expect((single as unknown as { pattern: RegExp | null }).pattern).toBeNull();
    }
    // Not vacuous: both answers are met often.
    expect(held).toBeGreaterThan(texts.length / 10);
    expect(held).toBeLessThan(texts.length * 0.9);
  });

  it('reads a core: the run after a pattern’s last capturing group of a long name, to its end', () => {
    const tail = '\\s*\\d{4}\\s*,\\s*\\d{1,4}\\s*\\(\\s*\\d{1,3}\\s*\\)';
    expect(preTestOf(`^(?<name>[^\\d,]{2,30})${tail}$`, 'u')?.core).toEqual({ source: tail, flags: 'u' });
    // The flags the pattern reads characters by (the m flag only says where `^` matches).
    expect(preTestOf(`^x(?<name>[^\\d,]+?)${tail}`, 'mu')?.core).toEqual({ source: tail, flags: 'u' });
    // A short group (a year), a short run, a run holding a group that captures or an assertion, two branches: none.
    expect(preTestOf(`^(?<year>\\d{4})${tail}$`, 'u')?.core).toBeUndefined();
    expect(preTestOf('^(?<name>[^\\d,]{2,30})\\s*\\d{4}$', 'u')?.core).toBeUndefined();
    expect(preTestOf(`^(?<name>[^\\d,]{2,30})${tail}(\\d)`, 'u')?.core).toBeUndefined();
    expect(preTestOf(`^(?<name>[^\\d,]{2,30})${tail}\\b\\d`, 'u')?.core).toBeUndefined();
    expect(preTestOf(`^(?<name>[^\\d,]{2,30})${tail}|^x`, 'u')?.core).toBeUndefined();
    // The shipped patterns that have one: the six issue lines that read a journal's name before its year (the
    // fifth a journal's citation of its own page, "JAMA. 2021;326(20):2003.", the sixth a Chinese journal's dotted
    // line, "世界华人消化杂志. 2019-03-28; 27(6): 351-356"; a labelled source journal's, "来源期刊: 某某学报 | …",
    // has a tail too short for one).
    expect(shipped.filter((p) => p.test?.core !== undefined).map((p) => p.where)).toEqual(['/issueLines/0', '/issueLines/1', '/issueLines/6', '/issueLines/7', '/issueLines/8', '/issueLines/9']);
  });

  it('the issue lines decide as their patterns do with their cores asked first, and a text a core rules out never makes its pattern: the fixtures, the bench corpus and seeded issue lines', async () => {
    // The bench corpus's first twenty articles, as the structure readers see their lines.
    const { article } = (await import(pathToFileURL(repo('scripts/corpus.mjs')).href)) as { article: (i: number, options?: { seed?: number }) => { text: string } };
    const texts = new Set(fixtureTexts());
    for (let i = 0; i < 20; i++) {
      for (const line of article(i, { seed: 17 }).text.split('\n')) {
        const folded = foldWidth(line.replace(/<[^>]*>/g, '')).trim();
        if (folded) texts.add(folded.slice(0, 200));
      }
    }
    // Shaped like the lines the patterns read, slot by slot (a journal bare or in 《…》, a year, a volume and
    // issue, pages, a DOI), each slot sometimes holding what breaks the shape.
    const slot = (...values: string[]) => fc.constantFrom(...values);
    const line = fc.tuple(
      slot('中华血液学杂志', '《生命科学》', 'Stem Cell Res Ther', 'Smith J[J]. 中华医学杂志', '', '《时珍国医国药》 2008年'),
      slot('', ', ', '，', ' '),
      slot('2017', '2019', '17', 'x'),
      slot(',', '，', ', ', ' '),
      slot('38', '31', '', 'V'),
      slot('(', '（', ' ('),
      slot('01', '7', ''),
      slot(')', '）'),
      slot(':', '：', ': ', ''),
      slot('1-5', '644-650', 'e12', ' 1 – 5'),
      slot('', '.', '。'),
      slot('', ' DOI: 10.3760/cma.j.issn.0253-2727.2017.01.001', ' doi:10.1/x', ' DOI:'),
    );
    const seeded = fc.sample(line.map((parts) => parts.join('')), { seed: 17, numRuns: 6000 });
    for (const text of seeded) texts.add(text);
    let matched = 0;
    let ruledOutByCore = 0;
    for (const { where, regex, test } of shipped.filter((p) => p.test?.core !== undefined)) {
      const withCore = new PatternGroup(() => regex, 1, [test]);
      const { core, ...rest } = test!;
      const coreRegex = new RegExp(core!.source, core!.flags);
      for (const text of texts) {
        const matches = regex.test(text);
        if (matches) matched++;
        // `expect` only on a difference (the same failure, its message built then): asked of every
        // text and pattern it was a third of this test's time, which a loaded machine took to the timeout.
        const answer = withCore.test(text);
        if (answer !== matches) expect(answer, `${where} on ${JSON.stringify(text)}`).toBe(matches);
        // Made only when the other pre-tests let the text through.
        let reached = false;
        new PatternGroup(() => ((reached = true), regex), 1, [rest]).test(text);
        if (reached && !coreRegex.test(text)) {
          ruledOutByCore++;
          let made = false;
          new PatternGroup(() => ((made = true), regex), 1, [test]).test(text);
          if (made) expect(made, `${where} made for ${JSON.stringify(text)}`).toBe(false);
        }
      }
    }
    // Not vacuous: issue lines among the texts, and texts only a core rules out (the other pre-tests let them through).
    expect(matched).toBeGreaterThan(200);
    expect(ruledOutByCore).toBeGreaterThan(1000);
  });

  it('a group answers as its patterns do, in order, and makes only the patterns its pre-tests let through', () => {
    const list = [/^(?:ab|c)/u, /d/u, /^e+f/u, /^\d{2}/u, /(?:ab|cd)\s?f$/u, /^a[bc]?$/u, /z?/u];
    const made: number[] = [];
    const group = new PatternGroup(
      (k) => (made.push(k), list[k]!),
      list.length,
      list.map((r) => preTestOf(r.source, r.flags)),
    );
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', '1', '2', 'z', ' '), { maxLength: 6 }), (parts) => {
        const text = parts.join('');
        const first = list.findIndex((r) => r.test(text));
        const candidates = group.candidates(text);
        expect(candidates).toEqual([...candidates].sort((a, b) => a - b));
        expect(candidates.find((k) => group.exec(k, text) !== null) ?? -1).toBe(first);
        expect(group.test(text)).toBe(first >= 0);
      }),
      { seed: 17, numRuns: 3000 },
    );
    const fresh: number[] = [];
    const lazy = new PatternGroup((k) => (fresh.push(k), list[k]!), list.length, list.map((r) => preTestOf(r.source, r.flags)));
    // "d" is held by none of the anchored patterns' first units, holds no "e" and does not close with "f": only /d/ and /z?/ are made.
    expect(lazy.test('d')).toBe(true);
    expect(lazy.test('q')).toBe(true);
    // "aaa" is longer than /^a[bc]?$/ may match; " abfq" does not close with the "f" of /(?:ab|cd)\s?f$/.
    expect(lazy.test('aaa')).toBe(true);
    expect(lazy.test(' abfq')).toBe(true);
    expect(fresh.sort()).toEqual([1, 6]);
    expect(lazy.all()).toEqual(list);
  });

  it('a group gives the match of its first pattern that matches, in order, asking only what its pre-tests let through', () => {
    const made: number[] = [];
    const list = [/^a(\d)/u, /^a\d(\d)/u, /b(c)/u];
    const group = new PatternGroup((k) => (made.push(k), list[k]!), 3, list.map((r) => preTestOf(r.source, r.flags)));
    expect(group.firstMatch('a12')?.[1]).toBe('1');
    expect(group.firstMatch('xbc')?.[1]).toBe('c');
    expect(group.firstMatch('a')).toBeNull();
    // "xbc" opens with no "a": the first two were never made for it, nor for "a", which holds no "bc".
    expect(made).toEqual([0, 2]);
    for (const text of ['a1bc', 'bc', '', 'a', 'ab1', 'zzbcz']) expect(group.firstMatch(text)?.[0], text).toBe(list.map((r) => r.exec(text)).find((m) => m !== null)?.[0]);
  });

  it('a group given its table and a reader reads each member’s pre-test at its first candidacy, once, and answers as a group given them all', () => {
    const list = [/^(?:ab|c)/u, /d/u, /^e+f/u, /^\d{2}/u, /(?:ab|cd)\s?f$/u, /^a[bc]?$/u, /z?/u, /^干细胞(?:治疗)?$/u];
    const tests = list.map((r) => preTestOf(r.source, r.flags));
    const table = PatternGroup.tableOf(list.length, tests);
    const reads: number[] = [];
    const lazy = new PatternGroup((k) => list[k]!, list.length, { table, member: (k) => (reads.push(k), withoutFirst(tests[k]!)) });
    const eager = new PatternGroup((k) => list[k]!, list.length, tests);
    // Made, nothing is read.
    expect(reads).toEqual([]);
    // "d" opens with no anchored pattern's first unit: only /d/ and /z?/ are candidates, and /d/ matches.
    expect(lazy.test('d')).toBe(true);
    expect(reads).toEqual([1]);
    lazy.test('dd');
    expect(reads).toEqual([1]);
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', '1', '2', 'z', ' ', '干细胞', '治疗'), { maxLength: 6 }), (parts) => {
        const text = parts.join('');
        expect(lazy.test(text)).toBe(eager.test(text));
        expect(lazy.firstMatch(text)?.[0]).toBe(eager.firstMatch(text)?.[0]);
      }),
      { seed: 17, numRuns: 2000 },
    );
    // Each member read once, whatever number of texts asked it.
    expect(new Set(reads).size).toBe(reads.length);
  });

  it('the shipped structure file loads with its groups’ tables and no member’s pre-test parsed; a member’s is parsed when a text first reaches it', () => {
    const parse = vi.spyOn(JSON, 'parse');
    try {
      const structure = loadStructure(structureFile, structureText);
      // Parsed at load: structure.json's value and the form's header (the tables), neither holding a member's `needs` (all of them were, with the header, before).
      const atLoad = parse.mock.calls.map(([text]) => String(text));
      expect(atLoad.length).toBeGreaterThan(0);
      expect(atLoad.filter((text) => text.includes('"needs"'))).toEqual([]);
      parse.mockClear();
      // "2025年3月" reaches the page-date patterns opening with a digit: theirs are read now, and only once.
      structure.groups['/pageDates'].test('2025年3月');
      const first = parse.mock.calls.length;
      expect(first).toBeGreaterThan(0);
      expect(first).toBeLessThan(structure.groups['/pageDates'].length);
      structure.groups['/pageDates'].test('2025年4月');
      expect(parse.mock.calls.length).toBe(first);
    } finally {
      parse.mockRestore();
    }
  });

  it('the form the build writes gives back each member’s pre-test less its first unit, and each group’s table', () => {
    const members: (PreTest | null)[] = [{ first: [0x5e72, 0x5e72], needs: [['干细胞', '𠀀']], most: 12 }, null, { first: [97, 97] }, { last: [0x2028, 0x2028], core: { source: 'é$', flags: 'u' } }];
    const one: (PreTest | null)[] = [{ at: [{ offset: 1, units: [48, 57] }] }];
    const groups = { '/a': { members, table: PatternGroup.tableOf(members.length, members) }, '/b': { members: one, table: PatternGroup.tableOf(1, one) } };
    const form = preTestForm(groups);
    // ASCII only: what the package ships stays one byte a character.
    expect(form.memberText.every((byte) => byte < 0x80)).toBe(true);
    // Through the compiled form's bytes and back, as the build writes it and a process reads it (the code list: a file as it is now).
    const bytes = encodeCompiled('structure', 'x', form as unknown as Record<string, unknown>, compilerFiles(['package.json'], repo('.')));
    const readers = preTestsOfForm(decodeCompiled(bytes, 'structure', 'x', repo('.')))!;
    expect(Object.keys(readers)).toEqual(['/a', '/b']);
    expect(readers['/a']!.table).toEqual(groups['/a'].table);
    expect([0, 1, 2, 3].map((k) => readers['/a']!.member(k))).toEqual(members.map(withoutFirst));
    expect(readers['/b']!.member(0)).toEqual(one[0]);
    // A value of another layout (the whole pre-tests in the header, as before) gives no readers: the lists are asked without them.
    expect(preTestsOfForm({ preTests: groups })).toBeNull();
    expect(preTestsOfForm(null)).toBeNull();
  });

  it('the single patterns are groups of one, pre-tested: as-2025’s blocks, an English title and a sentence with no day ask none of them', () => {
    const structure = loadStructure(structureFile, structureText);
    const singles = new Set(STRUCTURE_SINGLES.flatMap((pointer) => sources[pointer].map((source) => new RegExp(source, 'u').source)));
    expect(singles.size).toBe(STRUCTURE_SINGLES.length);
    const text = readFileSync(repo('fixtures/articles/as-2025.txt'), 'utf8');
    const blocks = text.split(/\r?\n/).filter((line) => line.trim() !== '');
    const exec = vi.spyOn(RegExp.prototype, 'exec');
    try {
      // A photo's credit on each block's tail (captionCredits: no " credit:", "Photo", "Courtesy of " in a Chinese page).
      for (const line of blocks) chromeOf({ kind: 'paragraph', text: line, start: 0, end: line.length, exact: true }, structure);
      // A Chinese site's name on an English title (titleSiteNames); a relative day in a sentence with an event verb but no 日.
      const title = 'Stem cell therapy for knee osteoarthritis: what 2025 brought';
      expect(withoutSiteName(title, title, structure)).toBe(title);
      expect(relativeDay('研究团队发表了这项研究的结果。', structure)).toBeNull();
      const asked = exec.mock.contexts.filter((regex) => singles.has((regex as RegExp).source));
      expect(asked.map((regex) => (regex as RegExp).source.slice(0, 40))).toEqual([]);
      // Still asked where they may match.
      expect(chromeOf({ kind: 'paragraph', text: 'A patient at the clinic. (Photo courtesy of the hospital)', start: 0, end: 57, exact: true }, structure)).toEqual({ kind: 'caption' });
      expect(relativeDay('团队于14日在《自然》上发表研究。', structure)).toMatchObject({ day: 14 });
    } finally {
      exec.mockRestore();
    }
  });

  it('an ingest of as-2025 makes none of the chrome and page-date patterns whose pre-tests rule out its blocks', () => {
    const structure = loadStructure(structureFile, structureText);
    const text = readFileSync(repo('fixtures/articles/as-2025.txt'), 'utf8');
    const blocks = text.split(/\r?\n/).map((line) => foldWidth(line).trim()).filter((line) => line !== '');
    for (const pointer of ['/pageDates', '/boilerplate/other'] as const) {
      const group = structure.groups[pointer];
      for (const block of blocks) group.test(block.slice(0, 200));
      // What was made: the patterns some block's first unit and literals let through.
      const made = (group as unknown as { made: (RegExp | undefined)[] }).made.filter((r) => r !== undefined).length;
      expect(made, pointer).toBeLessThan(group.length / 2);
    }
    expect(structure.pageDates.length).toBe(sources['/pageDates'].length);
  });

  it('English prose makes none of the chrome patterns that may open with any unit: a rare literal of each rules a sentence out', () => {
    // Such a member is a candidate of every line, so its literals are all that keep it from running on each
    // (change 236's entry needed ", " or "GMT ": it ran on every English sentence with a comma, +0.165 % of a build).
    const structure = loadStructure(structureFile, structureText);
    // (A first unit of any but a line feed: "[^\n]" opening the pattern.)
    const covered = (first: readonly number[] | undefined) => (first === undefined ? 65536 : first.reduce((sum, unit, i) => (i % 2 ? sum + unit - first[i - 1]! + 1 : sum), 0));
    const open = shipped.filter((p) => p.pointer === '/boilerplate/other' && covered(p.test?.first) >= 65535).map((p) => p.k);
    expect(open.length).toBeGreaterThan(0);
    const text = readFileSync(repo('fixtures/bench/en-2025.txt'), 'utf8');
    const lines = text.split(/\r?\n/).map((line) => foldWidth(line).trim()).filter((line) => line.includes(', '));
    expect(lines.length).toBeGreaterThan(10);
    const group = structure.groups['/boilerplate/other'];
    for (const line of lines) group.test(line.slice(0, 200));
    const made = (group as unknown as { made: (RegExp | undefined)[] }).made;
    expect(open.filter((k) => made[k] !== undefined)).toEqual([]);
  });
});
