// Generates src/generated/name-alphabet.ts: the reference parser's name shapes (src/refs/names.ts)
// rewritten over a one-byte alphabet, and the map from every code point of the Basic Multilingual
// Plane into that alphabet (issue 17: start-up). V8 compiles each pattern apart for one-byte and
// two-byte subjects, and the shapes' Unicode classes (`\p{Lu}`, `[\p{L}\p{M}]` written out, each
// `{0,3}` unrolled) made them 44–87 K characters and the largest cost of a one-article ingest.
//
// How it stays exact: every place in a shape that reads one character (a literal, `\s`, `\p{…}`,
// a class, `.`; `\b` reads `\w` on each side) is an atom. Two code points that every atom of
// every shape accepts alike are interchangeable for the shapes, so the code points fall into
// classes ("partitions") by which atoms accept them. Each code point maps to one unit below
// 0x100 of its own partition (a unit below 0x100 to itself, but a few freed controls; see
// partitionPlane), so no two
// partitions share an image. A text of BMP code points mapped unit by unit has the same length,
// and each shape rewritten with every atom replaced by the class of the images of the
// partitions it accepts matches the mapped text at
// exactly the same places, with the same groups, as the shape matches the text: the pattern's
// structure is unchanged and every atom accepts a mapped unit exactly when the original atom
// accepts the original code point. (A text holding a surrogate pair, a code point beyond the
// BMP, is read with the original shapes.) tests/refs/name-alphabet.test.ts checks that property
// for every code point and atom, and tests/generated.test.ts that this file is what this script
// writes. Run with tsx (`npm run gen:types`): it reads the shapes from src/refs/names.ts.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { RegExpParser } from '@eslint-community/regexpp';
import { asciiSource, namePatterns } from '../src/refs/names.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
export const nameAlphabetModule = 'src/generated/name-alphabet.ts';

/** Code points the map covers: the BMP (lone surrogates included: with the u flag each is one character). */
const PLANE = 0x10000;

/**
 * The atoms of a pattern: the nodes that read one character, outside any class (a class is one
 * atom), as { start, end, raw } (and `value`, the code point of a literal); `\b` and `\B` contribute `\w`
 * (no start: they stay as written). Throws on what the rewrite cannot keep exact.
 */
export function atomsOf(source, flags) {
  if (/[im]/.test(flags) || !flags.includes('u')) throw new Error(`name alphabet: flags ${flags} are not supported (u without i or m)`);
  const ast = new RegExpParser().parsePattern(source, 0, source.length, { unicode: true });
  const atoms = [];
  const walk = (node) => {
    switch (node.type) {
      case 'Character':
        atoms.push({ start: node.start, end: node.end, raw: node.raw, value: node.value });
        return;
      case 'CharacterSet':
      case 'CharacterClass':
        atoms.push({ start: node.start, end: node.end, raw: node.raw });
        return;
      case 'Backreference':
        throw new Error('name alphabet: a backreference compares characters, which the map does not keep');
      case 'Assertion':
        if (node.kind === 'word') atoms.push({ start: -1, end: -1, raw: String.raw`\w` });
        else if (node.alternatives) node.alternatives.forEach(walk);
        return;
      default:
        for (const child of node.alternatives ?? node.elements ?? (node.element ? [node.element] : [])) walk(child);
    }
  };
  walk(ast);
  return atoms;
}

/**
 * The partitions of the BMP by the atoms' answers, and the map into units below 0x100: each
 * unit below 0x100 maps to itself (a Latin-1 text is its own image), but for the few controls
 * that accept nothing (\x01…) freed to stand for the partitions with no member below 0x100 (a
 * combining mark, ’, an arrow): those map to \x00, whose partition they share; every other
 * code point maps to the lowest member below 0x100 of its partition, or to its partition's freed
 * unit. Images of different partitions never meet, so a class of images tells partitions apart
 * as the atoms do. Returns the map and, by partition, its atoms' answers and its images.
 */
export function partitionPlane(raws) {
  const tests = raws.map((raw) => new RegExp(`^(?:${raw})$`, 'u'));
  const partitionOf = new Uint16Array(PLANE);
  const keys = new Map();
  const lowest = [];
  for (let c = 0; c < PLANE; c++) {
    const ch = String.fromCharCode(c);
    let key = '';
    for (const t of tests) key += t.test(ch) ? '1' : '0';
    let id = keys.get(key);
    if (id === undefined) {
      id = keys.size;
      keys.set(key, id);
      lowest.push(c);
    }
    partitionOf[c] = id;
  }
  const homeless = lowest.map((c, id) => (c >= 0x100 ? id : -1)).filter((id) => id >= 0);
  const nothing = partitionOf[0];
  const freed = [];
  for (let c = 1; c < 0x100 && freed.length < homeless.length; c++) if (partitionOf[c] === nothing) freed.push(c);
  if (freed.length < homeless.length) throw new Error(`name alphabet: ${homeless.length} partitions have no unit below 0x100, and only ${freed.length} units can be freed`);
  const standIn = new Map(homeless.map((id, i) => [id, freed[i]]));
  const unitOf = new Uint8Array(PLANE);
  for (let c = 0; c < PLANE; c++) {
    const id = partitionOf[c];
    unitOf[c] = c < 0x100 ? (freed.includes(c) ? 0 : c) : (standIn.get(id) ?? lowest[id]);
  }
  const images = lowest.map(() => new Set());
  for (let c = 0; c < PLANE; c++) images[partitionOf[c]].add(unitOf[c]);
  return { unitOf, keys: [...keys.keys()], images };
}

/** A unit below 0x100 as it stands in a class with the u flag. */
const unit = (c) => (/[\dA-Za-z]/.test(String.fromCharCode(c)) ? String.fromCharCode(c) : `\\x${c.toString(16).padStart(2, '0')}`);

/** A class over the given units (sorted, as ranges). */
function classOf(units) {
  const sorted = [...units].sort((a, b) => a - b);
  let out = '';
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    out += j === i ? unit(sorted[i]) : j === i + 1 ? unit(sorted[i]) + unit(sorted[j]) : `${unit(sorted[i])}-${unit(sorted[j])}`;
    i = j;
  }
  return `[${out}]`;
}

/** The shapes over the one-byte alphabet, and the map: `{ shapes: [{ name, source, latin }], map: [[first, rep], …] }` (runs of the BMP). */
export function nameAlphabet(patterns = namePatterns()) {
  const parsed = patterns.map((p) => ({ ...p, atoms: atomsOf(p.source, p.flags) }));
  const raws = [...new Set(parsed.flatMap((p) => p.atoms.map((a) => a.raw)))].sort();
  const { unitOf, keys, images } = partitionPlane(raws);
  const column = new Map(raws.map((raw, i) => [raw, i]));
  const accepted = (raw) => {
    const k = column.get(raw);
    return keys.flatMap((key, id) => (key[k] === '1' ? [...images[id]] : []));
  };
  const shapes = parsed.map(({ name, source, atoms }) => {
    let latin = source;
    for (const atom of atoms.filter((a) => a.start >= 0).sort((a, b) => b.start - a.start)) {
      const units = accepted(atom.raw);
      // (A literal whose only image is itself stays as written.)
      const same = units.length === 1 && units[0] === atom.value;
      latin = latin.slice(0, atom.start) + (same ? atom.raw : classOf(units)) + latin.slice(atom.end);
    }
    return { name, source: asciiSource(source), latin };
  });
  const map = [];
  for (let c = 0; c < PLANE; c++) {
    const r = unitOf[c];
    if (c === 0 || r !== map[map.length - 1][1]) map.push([c, r]);
  }
  return { shapes, map };
}

/** The module's source. */
export function generateNameAlphabet() {
  const { shapes, map } = nameAlphabet();
  // The map as text: each run's first code point as a difference from the last, then its unit, in base 36 ("d,u;…").
  let last = 0;
  const runs = map.map(([first, r]) => {
    const s = `${(first - last).toString(36)},${r.toString(36)}`;
    last = first;
    return s;
  });
  return `// Generated by scripts/gen-name-alphabet.mjs from src/refs/names.ts and Unicode ${process.versions.unicode} (Node's ICU): do not edit; run \`npm run gen:types\`.
/**
 * The name shapes and their openings as src/refs/names.ts writes them (\`source\`, the audited form, non-ASCII characters escaped; the parser takes
 * \`latin\` only while they are unchanged) and rewritten over the one-byte alphabet \`nameAlphabetRuns\` maps
 * the BMP into (\`latin\`, flags u).
 */
export const latinNameShapes: readonly { name: string; source: string; latin: string }[] = ${JSON.stringify(shapes, null, 1)};

/** Runs of the BMP's map into the one-byte alphabet: "start,unit;…", each start the difference from the one before, base 36. */
export const nameAlphabetRuns = ${JSON.stringify(runs.join(';'))};
`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await writeFile(root + nameAlphabetModule, generateNameAlphabet());
  console.log(`wrote ${nameAlphabetModule}`);
}
