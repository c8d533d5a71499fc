import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { auditPattern } from '../../src/core/regex-audit.js';
import { latinNameShapes } from '../../src/generated/name-alphabet.js';
import { asciiSource, groupPlaces, namePatterns, placeGroups, scanAuthors, toNameAlphabet, type Shape } from '../../src/refs/names.js';
// @ts-expect-error no declaration file for the .mjs script
import { atomsOf } from '../../scripts/gen-name-alphabet.mjs';
import { sharedData } from '../accuracy/shared-data.js';

// The author scanner reads a text mapped into a one-byte alphabet with the name shapes rewritten
// over it (scripts/gen-name-alphabet.mjs). It reads the same names only if each rewritten shape
// is the shape with every atom (a place that reads one character) replaced, and each replaced
// atom accepts a mapped unit exactly when the original accepts the code point: checked here for
// every code point of the BMP (the map's domain; a text beyond it is read with the shapes as written).

type Atom = { start: number; end: number; raw: string };
const atoms = (source: string): Atom[] => atomsOf(source, 'u');
/** The pattern with its atoms cut out: what must not change. */
const skeleton = (source: string, list: Atom[]) => {
  let out = source;
  for (const a of list.filter((x) => x.start >= 0).sort((x, y) => y.start - x.start)) out = `${out.slice(0, a.start)}#${out.slice(a.end)}`;
  return out;
};

describe('the name shapes over their one-byte alphabet', () => {
  const audited = namePatterns();

  it('are generated from the shapes as written, and each keeps its shape with only its atoms replaced', () => {
    expect(latinNameShapes.map((s) => s.name)).toEqual(audited.map((p) => p.name));
    audited.forEach((p, i) => {
      const latin = latinNameShapes[i]!;
      expect(latin.source).toBe(asciiSource(p.source));
      const before = atoms(p.source);
      const after = atoms(latin.latin);
      expect(after.length).toBe(before.length);
      expect(skeleton(latin.latin, after)).toBe(skeleton(p.source, before));
      // Only units below 0x100 are written.
      expect(latin.latin).toMatch(/^[\x20-\x7e]*$/);
      expect(/\\u|\\p/.test(latin.latin)).toBe(false);
    });
  });

  it('every replaced atom accepts a mapped code point exactly when the original accepts the code point (the whole BMP)', () => {
    const pairs = new Map<string, [string, string]>();
    audited.forEach((p, i) => {
      const before = atoms(p.source);
      const after = atoms(latinNameShapes[i]!.latin);
      before.forEach((a, k) => pairs.set(`${a.raw}\u0000${after[k]!.raw}`, [a.raw, after[k]!.raw]));
    });
    expect(pairs.size).toBeGreaterThan(40);
    const mapped: string[] = [];
    for (let c = 0; c < 0x10000; c++) mapped.push(toNameAlphabet(String.fromCharCode(c))!);
    expect(mapped.every((m) => m.length === 1 && m.charCodeAt(0) < 0x100)).toBe(true);
    const differ: string[] = [];
    for (const [raw, latinRaw] of pairs.values()) {
      const original = new RegExp(`^(?:${raw})$`, 'u');
      const rewritten = new RegExp(`^(?:${latinRaw})$`, 'u');
      for (let c = 0; c < 0x10000 && differ.length < 5; c++) {
        if (original.test(String.fromCharCode(c)) !== rewritten.test(mapped[c]!)) differ.push(`${raw} at U+${c.toString(16).padStart(4, '0')}`);
      }
    }
    expect(differ).toEqual([]);
  });

  it('the ReDoS audit gives each rewritten shape the verdict of the audited one', () => {
    audited.forEach((p, i) => expect(auditPattern(latinNameShapes[i]!.latin, 'u').complexity, p.name).toBe(auditPattern(p.source, 'u').complexity));
  });

  it('maps a text unit by unit, and leaves a text beyond the BMP to the shapes as written', () => {
    // A Latin-1 text is its own image (but for the few controls freed to stand for other partitions).
    expect(toNameAlphabet('Smith, J. A. — García Ñ ©')).not.toBe('Smith, J. A. — García Ñ ©');
    expect(toNameAlphabet('Smith, J. A., García Ñ © ÿ')).toBe('Smith, J. A., García Ñ © ÿ');
    const freed = [...Array(0x100).keys()].filter((c) => toNameAlphabet(String.fromCharCode(c)) !== String.fromCharCode(c));
    expect(freed.length).toBeGreaterThan(0);
    expect(freed.every((c) => c > 0 && c < 0x09)).toBe(true);
    expect(toNameAlphabet('García Márquez, 王')?.length).toBe('García Márquez, 王'.length);
    expect(toNameAlphabet('Ku\u2190ner 𠀀')).toBeNull();
    // The ends of the last text mapped are slices of its image: the same units as mapped afresh.
    const title = 'Ångström, A. — Smith, J. \u0301 O’Brien, K.';
    const image = toNameAlphabet(title)!;
    for (let at = 0; at <= title.length; at++) expect(toNameAlphabet(title.slice(at))).toBe(image.slice(at));
    toNameAlphabet('other');
    for (let at = title.length; at >= 0; at--) expect(toNameAlphabet(title.slice(at))).toBe(image.slice(at));
    expect(toNameAlphabet('x𠀀')).toBeNull();
    expect(toNameAlphabet('𠀀')).toBeNull();
    // A lone surrogate is a character of its own, as the shapes read it under the u flag.
    expect(toNameAlphabet('Ab\ud800 Cd')?.length).toBe(6);
  });

  it('a text’s image is its units’ images, whatever texts were mapped before it in the thread’s scratch bytes (issue 17)', () => {
    // Each unit's image alone, then texts of every length (a long one past the scratch's 128 KB) in a seeded order.
    const one = (c: number) => toNameAlphabet(String.fromCharCode(c))!;
    const unit = fc.constantFrom('S', 'm', ',', ' ', 'é', 'ÿ', '\u0001', '\u2014', '王', 'Σ', '\ud800', '\udc00', '\u00a0', '’');
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 30 }), fc.nat({ max: 3 }), fc.boolean(), (units, scale, pair) => {
        const text = units.join('').repeat(scale === 3 ? 5000 : scale === 2 ? 50 : 1) + (pair ? '𠀀' : '');
        const expected = /[\ud800-\udbff][\udc00-\udfff]/.test(text) ? null : [...Array(text.length).keys()].map((i) => one(text.charCodeAt(i))).join('');
        toNameAlphabet('reset the last text kept');
        expect(toNameAlphabet(text)).toBe(expected);
      }),
      { seed: 17, numRuns: 1500 },
    );
  });

  const pieces = ['Smith', 'J.', 'A', 'JA', 'van', 'de', 'Jr', 'MD', 'García', 'Ångström', 'O’Connor', 'Ku\u2190ner', 'e\u0301', 'Σωκράτης', 'Достоевский', '王', 'Ǆemal', 'ǅ', 'Ⅰ', '“Title”', '‘a’', '«b»', 'et al.', 'and', '&', '(eds.)', '2019', '(2020)', 'Hel-Or', 'ÿ', 'ß', 'ſ', 'K', '\u00a0', '\u2003'];
  const separators = [', ', ',', '. ', ' ', '; ', ' and ', ': ', '.', '\u3000', ''];
  const text = fc.array(fc.tuple(fc.constantFrom(...pieces), fc.constantFrom(...separators)), { minLength: 1, maxLength: 14 }).map((parts) => parts.map(([p, s]) => p + s).join(''));

  it('the scanner reads the same lists either way (seeded strings of names, marks, quotes and scripts)', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(scanAuthors(t)).toEqual(scanAuthors(t, false));
      }),
      { seed: 17, numRuns: 1500 },
    );
  });

  it('places each group where the match offsets (`d` flag) put it, at every offset of the seeded strings', () => {
    // (The scanner matches without `d` and places the groups by the shape's structure: groupPlaces.)
    const shapes = latinNameShapes.filter((s) => s.name.startsWith('name shape ')).map((s) => ({ shape: s.name.replace('name shape ', '') as Shape, pattern: new RegExp(s.latin, 'duy') }));
    expect(shapes.map((s) => s.shape).sort()).toEqual(Object.keys(groupPlaces).sort());
    const matched = new Map<string, number>();
    const check = (t: string) => {
      const image = toNameAlphabet(t);
      if (image === null) return;
      for (let index = 0; index < t.length; index++) {
        for (const { shape, pattern } of shapes) {
          pattern.lastIndex = index;
          const m = pattern.exec(image);
          if (!m) continue;
          const spans = m.indices!.groups!;
          const take = (span: [number, number] | undefined) => (span ? t.slice(span[0], span[1]) : undefined);
          const key = spans.suffix ? `${shape} suffix` : shape;
          matched.set(key, (matched.get(key) ?? 0) + 1);
          expect(placeGroups(shape, t, index, m)).toEqual({ family: take(spans.family), given: take(spans.given), suffix: take(spans.suffix) });
        }
      }
    };
    ['Baes Jr., C. F., García Coll, C. T.', 'Stewart III, Charles; Lakoff, George', 'Kefi (N.), HERBIN (Fr.-R.)', 'GAÏTI Brigitte, CASSARD Jean-Christophe.', 'Ludwig van Beethoven and Ö. Şahin', 'de Ridder MA, Ku\u2190ner J', 'Dennis Jr G, Gale Jr.M.'].forEach(check);
    fc.assert(fc.property(text, check), { seed: 17, numRuns: 1500 });
    // Every shape, and the suffix of the three shapes that have one, was placed.
    expect([...matched.keys()].sort()).toEqual([...Object.keys(groupPlaces), 'family-given suffix', 'family-initials suffix', 'vancouver suffix'].sort());
  });

  // A shape's opening is tried first and the shape compiled only where it passes (issue 17: start-up):
  // sound only if every match of the shape matches its opening at the same offset.
  const openings = latinNameShapes.filter((s) => s.name.startsWith('name opening ')).map((o) => ({
    name: o.name.replace('name opening ', ''),
    opening: new RegExp(o.latin, 'uy'),
    shape: new RegExp(latinNameShapes.find((s) => s.name === o.name.replace('opening', 'shape'))!.latin, 'uy'),
  }));
  const failedOpenings = (t: string, counts: Map<string, number>): string[] => {
    const image = toNameAlphabet(t);
    if (image === null) return [];
    const failed: string[] = [];
    for (let index = 0; index < t.length; index++) {
      for (const { name, opening, shape } of openings) {
        shape.lastIndex = index;
        if (!shape.exec(image)) continue;
        counts.set(name, (counts.get(name) ?? 0) + 1);
        opening.lastIndex = index;
        if (!opening.exec(image)) failed.push(`${name} at ${index} of ${JSON.stringify(t)}`);
      }
    }
    return failed;
  };

  it('each shape’s opening matches wherever the shape matches (every offset of the seeded strings and written lists)', () => {
    expect(openings.map((o) => o.name).sort()).toEqual(['capitals-given', 'family-bracketed', 'given-family', 'initials-family', 'vancouver']);
    const counts = new Map<string, number>();
    const written = ['Kefi (N.), HERBIN (Fr.-R.)', 'van der Berg JA, de Ridder MA, Liu SM Zhong J', 'D. H. van Hessem, C.-C. King and Ph. Smith', 'GAÏTI Brigitte, CASSARD Jean-Christophe.', 'Ludwig van Beethoven, Adam DI Kramer and Mauricio Breternitz Jr.', 'St. John (J.-P.) and Buarque de Holanda (M.)'];
    expect(written.flatMap((t) => failedOpenings(t, counts))).toEqual([]);
    fc.assert(
      fc.property(text, (t) => {
        expect(failedOpenings(t, counts)).toEqual([]);
      }),
      { seed: 17, numRuns: 1500 },
    );
    // Every shape with an opening matched somewhere, so each opening was put to the test.
    expect([...counts.keys()].sort()).toEqual(openings.map((o) => o.name).sort());
  });

  const shared = sharedData();
  it.skipIf(shared.missing !== null)('each shape’s opening matches wherever the shape matches in the labelled references (DIGEST_SHARED_DATA)', () => {
    const counts = new Map<string, number>();
    const failed: string[] = [];
    for (const set of ['anystyle-core', 'gbt7714-examples', 'pmc-vancouver-dev']) {
      for (const line of readFileSync(join(shared.dir, 'references', `${set}.jsonl`), 'utf8').split('\n')) {
        if (line.trim() !== '') failed.push(...failedOpenings((JSON.parse(line) as { raw: string }).raw, counts));
      }
    }
    expect(failed.slice(0, 5)).toEqual([]);
    expect(counts.size).toBe(openings.length);
  });

  it('a list compiles only the shapes whose openings pass there, and a shape first reached later reads as before', async () => {
    // A fresh module (its shapes not yet compiled), with every pattern made through the constructor recorded.
    vi.resetModules();
    const made: string[] = [];
    const Original = globalThis.RegExp;
    globalThis.RegExp = new Proxy(Original, {
      construct: (target, args: [string | RegExp, string?]) => {
        made.push(String(args[0] instanceof Original ? args[0].source : args[0]));
        return Reflect.construct(target, args) as RegExp;
      },
    });
    try {
      const fresh = (await import('../../src/refs/names.js')) as typeof import('../../src/refs/names.js');
      const compiled = () => latinNameShapes.filter((s) => s.name.startsWith('name shape ') && made.includes(s.latin)).map((s) => s.name.replace('name shape ', '')).sort();
      // An APA list: only the two family-first shapes get past their openings (the bench's article's first reference).
      const apa = 'Zeng, L., Liu, C., Wu, Y. et al. Efficacy and safety of mesenchymal stromal cell transplantation. Stem Cell Res Ther 16, 65 (2025).';
      expect(fresh.scanAuthors(apa)).toEqual(scanAuthors(apa, false));
      expect(compiled()).toEqual(['family-given', 'family-initials']);
      // Lists in the other shapes, read after it: each compiles its shape at its first need and reads what the shapes as written read.
      const later = ['D. H. van Hessem, C.-C. King and Ph. Smith. Title of a paper. 2001.', 'Kefi (N.), HERBIN (Fr.-R.). Histoire, 1998.', 'Liu WJ, Wang JX, Li QF. Fat mass. World J Stem Cells. 2025.', 'GAÏTI Brigitte, CASSARD Jean-Christophe. Histoire de Bretagne. 1995.', 'Dario Benedetto and Robin C. Williamson. A title. 2010.'];
      for (const t of later) expect(fresh.scanAuthors(t), t).toEqual(scanAuthors(t, false));
      expect(compiled()).toEqual(['capitals-given', 'family-bracketed', 'family-given', 'family-initials', 'given-family', 'initials-family', 'vancouver']);
    } finally {
      globalThis.RegExp = Original;
      vi.resetModules();
    }
  });
});
