// Generates src/generated/pattern-shapes.ts: for each pre-tested pattern of the reference parser
// (src/refs/data.ts `guardedPattern`, and the data's word patterns made with a pre-test), what the
// key of a text it matches in must be, open with, close with or hold (issue 17: start-up). The
// parser compiles a pattern at its first run; on a one-article list most of its cascade's
// patterns fail on every part, so a test of the text that proves the pattern cannot match spares
// the compile. The facts are read from each pattern's own source here, at build time (regexpp's
// parser; the parser pays nothing at run time), so each rule is written once, in its pattern.
//
// The key (src/refs/data.ts `wordKey`): lower case, "ſ" as "s", Old Cyrillic's variants (U+1C80–U+1C88)
// as their letters, no full stop or white space. It is
// the same character by character (Final_Sigma aside: see `atomKeys`), so the key of a text holds
// the key of every match in it, at the text's start when the match is, at its end when the match
// is. Every node of a pattern gives the keys its matches may have: a character or small class the
// keys of every code point it accepts under the pattern's flags (V8's own matching over all of
// U+0000–U+10FFFF: its case folding, "K" (Kelvin) as "k", "ſ" as "s"); white space and full stops
// none, so `\s?` and `\.?` are transparent; an assertion or look-around none (it reads no
// character); a sequence the keys of its parts in order; an alternation any of its branches'; a
// large class, `.`, a property escape or a back-reference anything (unknown). Where the set of
// whole keys grows past `SET`, what is kept are the keys a match's key opens with, closes with
// and holds. A branch opening with `^` (closing with `$`; no m flag) matches at the text's start
// (end): a text whose key opens (closes) with none of the branch's keys, or holds none of them,
// cannot be matched by that branch; one matched at both ends is the match, whose key must be one
// of the whole keys when they are known. tests/refs/word-pretest.test.ts checks the pre-tests
// against the patterns on generated and labelled strings, and this analysis on written cases.
//
// Run with tsx (`npm run gen:types`): it reads the patterns from src/refs.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { RegExpParser } from '@eslint-community/regexpp';

const root = fileURLToPath(new URL('..', import.meta.url));
/** The module this script writes. */
export const patternShapesModule = 'src/generated/pattern-shapes.ts';

/** The pre-test's key of a text (as src/refs/data.ts `wordKey`). */
const wordKey = (text) =>
  text
    .toLowerCase()
    .replaceAll('ſ', 's')
    .replace(/[\s.]+/g, '')
    .replace(/[\u1c80-\u1c88]/g, (c) => 'вдосттъѣꙋ'[c.charCodeAt(0) - 0x1c80]);

// Most keys a set of whole keys holds before only its openings, closings and holdings are kept;
// most shapes (branches) a node keeps apart before they are merged into one; most keys a merged set keeps.
const SET = 64;
const SHAPES = 16;
const MERGED = 4096;

let allCodePoints = '';
/** Every code point but the surrogates, once each, in one string. */
function everyCodePoint() {
  if (!allCodePoints) {
    const all = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) if (cp < 0xd800 || cp > 0xdfff) all.push(String.fromCodePoint(cp));
    allCodePoints = all.join('');
  }
  return allCodePoints;
}

const atomCache = new Map();
/**
 * The keys of the characters an atom (a character, a class, `\d`, `\s` …) accepts under `flags`,
 * read from V8's own matching over every code point; null (anything) for an atom that accepts
 * more than `SET` keys, a negated class, `.` or a property escape. "Σ" lowers to "ς" at a word's
 * end (Final_Sigma, the one context toLowerCase reads), so an atom accepting it has both keys.
 */
function atomKeys(node, flags) {
  const broad = (n) => n.type === 'CharacterSet' && (n.kind === 'any' || n.kind === 'property' || n.negate);
  if (broad(node) || (node.type === 'CharacterClass' && (node.negate || node.elements.some(broad)))) return null;
  const f = flags.replace(/[gydm]/g, '');
  const id = `${f}/${node.raw}`;
  if (!atomCache.has(id)) {
    const keys = new Set();
    for (const m of everyCodePoint().matchAll(new RegExp(node.raw, `${f}g`))) {
      keys.add(wordKey(m[0]));
      if (m[0] === '\u03a3') keys.add('ς');
      if (keys.size > SET) break;
    }
    atomCache.set(id, keys.size === 0 || keys.size > SET ? null : [...keys].sort());
  }
  return atomCache.get(id);
}

// A shape: the keys of a node's matches. `exact`: every key it may have (null: unknown); `pre`,
// `suf`, `has`: keys one of which each match's key opens with, closes with, holds ("" among them:
// no test); `start`, `end`: whether each match opens at the text's start, closes at its end.
const unknown = () => ({ exact: null, pre: [''], suf: [''], has: [''], start: false, end: false });
const nothing = () => ({ exact: [''], pre: [''], suf: [''], has: [''], start: false, end: false });
const exactly = (keys) => ({ exact: keys, pre: keys, suf: keys, has: keys, start: false, end: false });
const distinct = (keys) => [...new Set(keys)];

/** Every key of `a` followed by one of `b`, or null when there would be more than `limit`. */
function cross(a, b, limit = SET) {
  if (a.length * b.length > limit) return null;
  return distinct(a.flatMap((x) => b.map((y) => x + y)));
}
/** Keys `x + y` (x of `a`, y of `b`) open with, when there are too many to list: x, or y where x may be empty. */
const opening = (a, b) => cross(a, b) ?? distinct([...a.filter((x) => x !== ''), ...(a.includes('') ? b : [])]);
/** Keys `x + y` close with, when there are too many to list: y, or x where y may be empty. */
const closing = (a, b) => cross(a, b) ?? distinct([...b.filter((y) => y !== ''), ...(b.includes('') ? a : [])]);
const shortest = (keys) => Math.min(...keys.map((k) => k.length));
/** The sharper of two holding sets: the one whose shortest key is longer (then the smaller). */
const sharper = (a, b) => (shortest(b) > shortest(a) || (shortest(b) === shortest(a) && b.length < a.length) ? b : a);

/** A node matched after another. */
function then(a, b) {
  const exact = a.exact && b.exact ? cross(a.exact, b.exact) : null;
  const pre = a.exact ? opening(a.exact, b.pre) : a.pre;
  const suf = b.exact ? closing(a.suf, b.exact) : b.suf;
  let has = sharper(a.has, b.has);
  const across = cross(a.suf, b.pre);
  if (across) has = sharper(has, across);
  if (exact) has = sharper(has, exact);
  return { exact, pre, suf, has, start: a.start, end: b.end };
}

/** Shapes merged into one that holds for each (the union of their keys). */
function merge(shapes) {
  const union = (k) => (shapes.some((s) => s[k] === null) ? null : distinct(shapes.flatMap((s) => s[k])));
  const capped = (keys) => (keys && keys.length > MERGED ? null : keys);
  return {
    exact: capped(union('exact')),
    pre: capped(union('pre')) ?? [''],
    suf: capped(union('suf')) ?? [''],
    has: capped(union('has')) ?? [''],
    start: shapes.every((s) => s.start),
    end: shapes.every((s) => s.end),
  };
}
const kept = (shapes) => (shapes.length > SHAPES ? [merge(shapes)] : shapes);

function branches(alternatives, flags) {
  return kept(alternatives.flatMap((a) => sequence(a.elements, flags)));
}

function sequence(elements, flags) {
  let shapes = [nothing()];
  const parts = elements.map((el) => shapesOfNode(el, flags));
  for (const next of parts) shapes = kept(shapes.flatMap((a) => next.map((b) => then(a, b))));
  // A sequence opens where its first part does and closes where its last part does.
  const start = parts.length > 0 && parts[0].every((s) => s.start);
  const end = parts.length > 0 && parts[parts.length - 1].every((s) => s.end);
  // A sequence that opens with a look-ahead ("(?=[IVXLC])…"): the text where it matches opens as the
  // look-ahead's match does (`pre` reads the text from the match on, which is all its users ask).
  const first = elements[0];
  const ahead = first?.type === 'Assertion' && first.kind === 'lookahead' && !first.negate ? merge(branches(first.alternatives, flags)).pre : [''];
  return shapes.map((s) => ({ ...s, pre: s.pre.includes('') && !ahead.includes('') ? ahead : s.pre, start, end }));
}

function shapesOfNode(node, flags) {
  switch (node.type) {
    case 'Character':
    case 'CharacterClass':
    case 'CharacterSet': {
      const keys = atomKeys(node, flags);
      return [keys ? exactly(keys) : unknown()];
    }
    case 'Group':
    case 'CapturingGroup':
      return branches(node.alternatives, flags);
    case 'Assertion':
      if (node.kind === 'start' && !flags.includes('m')) return [{ ...nothing(), start: true }];
      if (node.kind === 'end' && !flags.includes('m')) return [{ ...nothing(), end: true }];
      return [nothing()];
    case 'Quantifier': {
      const one = merge(shapesOfNode(node.element, flags));
      if (node.max === 0 || (one.exact && one.exact.length === 1 && one.exact[0] === '')) return [nothing()];
      if (one.exact && node.max !== Infinity) {
        // Few repetitions of few keys: every key listed.
        let runs = [''];
        let all = node.min === 0 ? [''] : [];
        for (let r = 1; r <= node.max && runs && all.length <= SET; r++) {
          runs = cross(runs, one.exact);
          if (runs && r >= node.min) all = distinct([...all, ...runs]);
        }
        if (runs && all.length <= SET) return [exactly(all)];
      }
      // One repetition or more: opens as the first, closes as the last, holds what one holds.
      const some = { exact: null, pre: one.exact ?? one.pre, suf: one.exact ?? one.suf, has: one.has, start: false, end: false };
      return node.min === 0 ? [nothing(), some] : [some];
    }
    case 'Backreference':
      return [unknown()];
    default:
      throw new Error(`pattern shapes: no rule for a ${node.type}`);
  }
}

/** Keys less those that already answer for another: one opening (closing, holding) with a shorter one kept. */
function pruned(keys, within) {
  return [...keys].sort((a, b) => a.length - b.length || (a < b ? -1 : 1)).reduce((out, k) => (out.some((x) => within(k, x)) ? out : [...out, k]), []);
}

/**
 * A pattern's shapes: one for each branch (or merged), each what the key of a text the branch
 * matches in must be (`whole`), open with (`start`), close with (`end`) and hold (`within`),
 * each a list of keys one of which it must be (open with …); a test left out is no test. A text
 * whose key fails every shape is one the pattern cannot match in. An empty list: no shape
 * without a test (the pattern may match anywhere, and is not pre-tested).
 */
export function shapesOf(source, flags) {
  const ast = new RegExpParser().parsePattern(source, 0, source.length, { unicode: flags.includes('u') || flags.includes('v') });
  const found = branches(ast.alternatives, flags);
  let shapes = found.map(written);
  // (Branches kept apart while they are few keys; else one shape for all: the generated file is loaded by every run.)
  if (shapes.reduce((n, s) => n + Object.values(s).reduce((m, keys) => m + keys.length, 0), 0) > KEYS) shapes = [written(merge(found))];
  // Shapes of one test each, of the same kind, are one shape: a text passes either when it passes the union.
  const single = new Map();
  shapes = shapes.flatMap((s) => {
    const tests = Object.keys(s);
    if (tests.length !== 1 || tests[0] === 'whole') return [s];
    const kind = tests[0];
    if (!single.has(kind)) {
      single.set(kind, { [kind]: [] });
      single.get(kind).all = [];
    }
    single.get(kind).all.push(...s[kind]);
    return [];
  });
  const within = { start: (k, x) => k.startsWith(x), end: (k, x) => k.endsWith(x), within: (k, x) => k.includes(x) };
  for (const [kind, { all }] of single) shapes.push({ [kind]: pruned(distinct(all), within[kind]) });
  const distinctShapes = [...new Map(shapes.map((s) => [JSON.stringify(s), s])).values()];
  return distinctShapes.some((s) => Object.keys(s).length === 0) ? [] : distinctShapes;
}

/** Most keys a pattern's shapes hold before its branches are merged into one shape. */
const KEYS = 120;

/** A shape as the generated file writes it: its tests, each key list pruned, `within` left out where another test implies it. */
function written(s) {
  const shape = {};
  if (s.start && s.end && s.exact && s.exact.length <= SET) shape.whole = [...s.exact].sort();
  if (s.start && !s.pre.includes('')) shape.start = pruned(s.pre, (k, x) => k.startsWith(x));
  if (s.end && !s.suf.includes('')) shape.end = pruned(s.suf, (k, x) => k.endsWith(x));
  if (!s.has.includes('')) {
    const within = pruned(s.has, (k, x) => k.includes(x));
    const implied = (keys) => keys !== undefined && keys.every((k) => within.some((x) => k.includes(x)));
    if (!implied(shape.whole) && !implied(shape.start) && !implied(shape.end)) shape.within = within;
  }
  if (shape.whole) {
    // (The whole key answers for its opening and closing.)
    delete shape.start;
    delete shape.end;
  }
  return shape;
}

/** The module's source: the shapes of every pre-tested pattern the reference parser makes. */
export async function generatePatternShapes() {
  // (Loaded here, not at the top: the test of the analysis imports this script without them.)
  const { guardedPatterns, referencePatterns, referenceWords } = await import('../src/refs/data.ts');
  await import('../src/refs/source.ts');
  await import('../src/refs/names.ts');
  referenceWords();
  const entries = [];
  for (const { name, source, flags, guarded } of referencePatterns()) if (guarded) entries.push([name, flags, shapesOf(source, flags)]);
  for (const { name, pattern } of guardedPatterns()) entries.push([name, pattern.flags, shapesOf(pattern.source, pattern.flags)]);
  entries.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const names = new Set();
  for (const [name, flags, shapes] of entries) {
    if (names.has(name)) throw new Error(`pattern shapes: ${name} is made twice`);
    names.add(name);
    if (shapes.length === 0) throw new Error(`pattern shapes: ${name} (${flags}) has no pre-test: a text of any key may match it`);
  }
  // (As text: a shape a line, its tests apart by a tab, each its name then its keys apart by spaces. A key holds no
  // white space, which the key drops; the parser reads a pattern's shapes at its first use: src/refs/data.ts \`shapesNamed\`.)
  const written = (shapes) => shapes.map((s) => Object.entries(s).map(([test, keys]) => [test, ...keys].join(' ')).join('\t')).join('\n');
  const body = entries.map(([name, flags, shapes]) => ` ${JSON.stringify(name)}: [${JSON.stringify(flags)}, ${JSON.stringify(written(shapes))}],`).join('\n');
  return `// Generated by scripts/gen-pattern-shapes.mjs from the patterns of src/refs and Unicode ${process.versions.unicode} (Node's ICU): do not edit; run \`npm run gen:types\`.

/**
 * Each pre-tested pattern's flags and shapes: what the key of a text it matches in must be (whole), open with (start),
 * close with (end) and hold (within); a shape a line, its tests apart by a tab, each its name then its keys (src/refs/data.ts \`shapesNamed\`).
 */
export const patternShapes: Readonly<Record<string, readonly [flags: string, shapes: string]>> = {
${body}
};
`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await writeFile(root + patternShapesModule, await generatePatternShapes());
  console.log(`wrote ${patternShapesModule}`);
}
