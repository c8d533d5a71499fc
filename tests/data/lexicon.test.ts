import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as OpenCC from 'opencc-js';
import { RegExpParser } from '@eslint-community/regexpp';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadLexicon } from '../../src/core/data.js';
import { pinyinRubyOf } from '../../src/core/lexicon.js';
import { repo } from '../helpers.js';

const lexicon = loadLexicon(repo('pipelines/data/lexicon.json'));
const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });

/** Pinyin left after converted characters by the mirrors ("醫(yī)療"): gone in the matching view. */
const pinyinRuby = /(?<=\p{Script=Han})\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)/gu;

/** The matching view of a name: pinyin ruby removed, traditional folded to simplified, a curly apostrophe straight, case folded. */
const view = (s: string): string => toSimplified(s.replace(pinyinRuby, '')).replace(/[’‘ʼ]/gu, "'").toLowerCase();

/** "- surface → id" lines under "## Entities" in every fixture's expect.md. */
function fixtureEntities(): { fixture: string; surface: string; id: string }[] {
  const root = repo('tests/fixtures');
  const out: { fixture: string; surface: string; id: string }[] = [];
  for (const fixture of readdirSync(root).sort()) {
    const file = join(root, fixture, 'expect.md');
    if (!existsSync(file)) continue;
    const section = /^## Entities\s*$([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(readFileSync(file, 'utf8'))?.[1] ?? '';
    for (const m of section.matchAll(/^- (.+?) → ([a-z]+:[a-z0-9-]+)(?:\s.*)?$/gm)) out.push({ fixture, surface: m[1]!, id: m[2]! });
  }
  return out;
}

describe('lexicon (pipelines/data/lexicon.json)', () => {
  it('keeps the diabetes types apart from diabetes mellitus and from each other', () => {
    const byId = new Map(lexicon.concepts.map((c) => [c.id, c]));
    expect(byId.get('disease:type-1-diabetes')?.xrefs).toEqual(['MESH:D003922']);
    expect(byId.get('disease:type-2-diabetes')?.xrefs).toEqual(['MESH:D003924']);
    expect(byId.get('disease:diabetes')?.zh).toEqual(['糖尿病']);
  });

  it('links a concept only to a broader one of its own type, with no loop (GvHD\'s kinds)', () => {
    const byId = new Map(lexicon.concepts.map((c) => [c.id, c]));
    const problems: string[] = [];
    for (const concept of lexicon.concepts) {
      const seen = new Set([concept.id]);
      for (let c = concept; c.broader !== undefined; ) {
        const up = byId.get(c.broader);
        if (up === undefined || up.type !== concept.type || seen.has(up.id)) {
          problems.push(`${concept.id} → ${c.broader}`);
          break;
        }
        seen.add(up.id);
        c = up;
      }
    }
    expect(problems).toEqual([]);
    expect(byId.get('disease:steroid-refractory-agvhd')?.broader).toBe('disease:acute-gvhd');
    expect(byId.get('disease:acute-gvhd')?.broader).toBe('disease:graft-vs-host-disease');
  });

  it('gives every concept the genre fixtures must tag, under the id they expect', () => {
    const named = fixtureEntities();
    expect(named.length).toBeGreaterThan(100);
    const owners = new Map<string, string>();
    for (const concept of lexicon.concepts) {
      for (const name of [...concept.zh, ...concept.en]) owners.set(view(name), concept.id);
      for (const abbreviation of concept.abbreviations) owners.set(`abbr:${abbreviation}`, concept.id);
    }
    const patterns = lexicon.patterns.map((p) => ({ id: `pattern:${p.name}`, regex: new RegExp(`^(?:${p.pattern})$`, 'u') }));
    const problems: string[] = [];
    for (const { fixture, surface, id } of named) {
      const found = id.startsWith('pattern:')
        ? patterns.find((p) => p.regex.test(surface))?.id
        : (owners.get(`abbr:${surface}`) ?? owners.get(view(surface)));
      if (found !== id) problems.push(`${fixture}: "${surface}" → ${found ?? 'nothing'}, expected ${id}`);
    }
    expect(problems).toEqual([]);
  });

  it('opens the pinyin-ruby pattern with its "(", so no look-behind runs at a unit that is not one, and removes what the look-behind-first form removed', () => {
    // Segment, link and the lexicon's scan replace it in every block holding a "(": with the
    // look-behind first, V8 read a Han character behind every unit of the block before looking
    // for the "(" (BENCHMARKS.md, change XX: ~10× the instructions of this form).
    const source = lexicon.pinyinRuby!;
    const first = new RegExpParser().parsePattern(source, 0, source.length, { unicode: true }).alternatives.map((branch) => branch.elements[0]!);
    expect(first.map((element) => element.type)).toEqual(['Character']);
    // The form it replaced: the same look-behind, asked before the "(" instead of after it.
    const written = /^\\\((\(\?<=.*?)\\\(\)/u.exec(source);
    expect(written, source).not.toBeNull();
    const before = new RegExp(`${written![1]})\\(${source.slice(written![0].length)}`, 'gu');
    const ruby = pinyinRubyOf(lexicon)!;
    const lines = new Set<string>();
    const files = readdirSync(repo('fixtures/articles')).map((name) => repo(`fixtures/articles/${name}`));
    for (const dir of readdirSync(repo('tests/fixtures'), { withFileTypes: true })) {
      if (!dir.isDirectory()) continue;
      for (const name of readdirSync(join(dir.parentPath, dir.name))) if (name.startsWith('input')) files.push(join(dir.parentPath, dir.name, name));
    }
    for (const file of files) for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) lines.add(line);
    const pieces = ['醫', '療', '𠀀', '\ud840', 'a', 'yī', 'liáo', 'xì', 'lü', '(', ')', '（', '）', ' ', '(SCI)', '(yī)', '(tǒng)', '(xì', 'liáo)', '(abc)', '2025'];
    for (const text of fc.sample(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 10 }).map((parts) => parts.join('')), { seed: 17, numRuns: 20_000 })) lines.add(text);
    let removed = 0;
    for (const line of lines) {
      const now = line.replace(ruby, '');
      expect(now, JSON.stringify(line)).toBe(line.replace(before, ''));
      if (now !== line) removed++;
    }
    // Not vacuous: the fixtures' mirrors and the seeded texts hold ruby to remove.
    expect(removed).toBeGreaterThan(1000);
  });
});
