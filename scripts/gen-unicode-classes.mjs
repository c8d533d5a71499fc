// Generates src/generated/unicode-classes.ts: character classes the reference parser's name
// patterns use, written out as code-point ranges read from this Node's own Unicode tables (V8's
// ICU), so that V8 does not compute them again each time it parses and compiles a pattern. A
// union like [\p{L}\p{M}] is built from two ICU property sets at every occurrence, in every
// parse (V8 parses a pattern when it is made and again when it compiles it): the name patterns
// have dozens of them, and compiling those was ~40% of their cost (issue 17: start-up).
// tests/refs/unicode-classes.test.ts checks each class against the property escapes it stands
// for over every code point, and tests/generated.test.ts that this file is what this script writes.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const unicodeClassesModule = 'src/generated/unicode-classes.ts';

/**
 * The classes written out: name → [the property escapes, as a class body; what it is for; and
 * 'characters' for a class whose body holds the characters themselves ({@link characterBody})].
 */
export const unicodeClasses = {
  letterOrMark: [String.raw`\p{L}\p{M}`, 'A letter or a combining mark (`[\\p{L}\\p{M}]`): the characters of a name word.'],
  hanScript: [String.raw`\p{Script=Han}`, 'A Han character (`\\p{Script=Han}`): the data files\' patterns and the code\'s ranged patterns write it so, and are compiled with this (src/core/property-ranges.ts).'],
  latinScript: [String.raw`\p{Script=Latin}`, 'A character of the Latin script (`\\p{Script=Latin}`): the code\'s ranged patterns write it so, and are compiled with this (src/core/property-ranges.ts).'],
  greekScript: [String.raw`\p{Script=Greek}`, 'A character of the Greek script (`\\p{Script=Greek}`): the same.'],
  letter: [String.raw`\p{L}`, 'A letter (`\\p{L}`): the code\'s ranged patterns write it so (the letter count, the initials token), and are compiled with this (src/core/property-ranges.ts).', 'characters'],
  number: [String.raw`\p{N}`, 'A number of any kind (`\\p{N}`): the same.', 'characters'],
};

/** The code points a class body matches (with the u flag), as [first, last] ranges. */
export function rangesOf(body) {
  const pattern = new RegExp(`^[${body}]$`, 'u');
  const ranges = [];
  let start = -1;
  for (let c = 0; c <= 0x110000; c++) {
    const inside = c < 0x110000 && pattern.test(String.fromCodePoint(c));
    if (inside && start < 0) start = c;
    else if (!inside && start >= 0) {
      ranges.push([start, c - 1]);
      start = -1;
    }
  }
  return ranges;
}

/** A code point as a pattern escape that means it with the u flag, in a class or out of one. */
const escape = (c) => (c > 0xffff ? `\\u{${c.toString(16)}}` : `\\u${c.toString(16).padStart(4, '0')}`);

/** A class body (no brackets) for the ranges: `\u0041-\u005a\u00aa…`. */
export function classBody(ranges) {
  return ranges.map(([a, b]) => (a === b ? escape(a) : b === a + 1 ? `${escape(a)}${escape(b)}` : `${escape(a)}-${escape(b)}`)).join('');
}

/**
 * The property escapes whose Latin-1 images src/refs/latin1.ts reads from this file (any other
 * it computes at run time): those the reference parser's patterns hold.
 */
export const latin1Escapes = ['\\p{L}', '\\p{Lu}', '\\p{Ll}', '\\p{M}', '\\p{N}', '\\p{So}', '\\p{Script=Han}', '\\p{Script=Hiragana}', '\\p{Script=Katakana}', '\\p{Script=Hangul}'];

/**
 * The units of General Punctuation (U+2000–U+206F: spaces, dashes, curly quotes, bullets) that a
 * Latin-1 form also reads exactly (src/refs/latin1.ts): text holding them is as common in reference
 * lists as plain Latin-1 (an en dash in page ranges, curly quotes around titles).
 */
export const generalPunctuation = [0x2000, 0x206f];

/**
 * The units `[escape]` accepts among Latin-1's and General Punctuation's, as a class body of
 * `\xHH` and `\uHHHH` escapes (src/refs/latin1.ts: the Latin-1 form of a pattern; `ignoreCase`
 * under the i flag, which closes the class over case).
 */
export function latin1Image(escape, ignoreCase) {
  const accepts = new RegExp(`[${escape}]`, ignoreCase ? 'iuy' : 'uy');
  const hex = (unit) => (unit < 0x100 ? `\\x${unit.toString(16).padStart(2, '0')}` : `\\u${unit.toString(16).padStart(4, '0')}`);
  const units = [...Array.from({ length: 0x100 }, (_, u) => u), ...Array.from({ length: generalPunctuation[1] - generalPunctuation[0] + 1 }, (_, i) => generalPunctuation[0] + i)];
  let image = '';
  let from = -1;
  for (let i = 0; i <= units.length; i++) {
    const unit = units[i];
    accepts.lastIndex = 0;
    const member = unit !== undefined && accepts.test(String.fromCharCode(unit));
    // (A run ends at a member's gap in the units, too: 0xff and 0x2000 are not neighbours.)
    if (member && from >= 0 && unit !== units[i - 1] + 1) {
      image += units[i - 1] === from ? hex(from) : `${hex(from)}-${hex(units[i - 1])}`;
      from = unit;
    } else if (member && from < 0) from = unit;
    else if (!member && from >= 0) {
      image += units[i - 1] === from ? hex(from) : `${hex(from)}-${hex(units[i - 1])}`;
      from = -1;
    }
  }
  return image;
}

/** A code point as a JavaScript string escape (the module stays ASCII; the string's value is the character). */
const jsEscape = (c) => (c > 0xffff ? `\\u{${c.toString(16)}}` : `\\u${c.toString(16).padStart(4, '0')}`);

/**
 * A class body for the ranges as a JavaScript string literal whose value holds each range's ends
 * as the characters themselves (`A-Zaz…`), where {@link classBody} writes a pattern escape of six
 * to ten units (`\u0041-\u005a`): V8 reads a pattern's source unit by unit, at its making and at
 * its compile, and a category's ~700 ranges in escapes cost about what ICU's lookup of the
 * category did (issue 17: start-up; BENCHMARKS.md). The characters a class gives a meaning to
 * (`\`, `]`, `[`, `^`, `-`), controls and surrogates stay pattern escapes.
 */
export function characterBody(ranges) {
  const unit = (c) => {
    if (c < 0x20 || (c >= 0xd800 && c <= 0xdfff)) return `\\\\u${c.toString(16).padStart(4, '0')}`;
    const ch = String.fromCodePoint(c);
    if ('\\][^-'.includes(ch)) return `\\\\${ch === '\\' ? '\\\\' : ch}`;
    return c < 0x7f && ch !== '"' ? ch : jsEscape(c);
  };
  return `"${ranges.map(([a, b]) => (a === b ? unit(a) : b === a + 1 ? `${unit(a)}${unit(b)}` : `${unit(a)}-${unit(b)}`)).join('')}"`;
}

/** The module's source. */
export async function generateUnicodeClasses() {
  const lines = [
    `// Generated by scripts/gen-unicode-classes.mjs from Unicode ${process.versions.unicode} (Node's ICU): do not edit; run \`npm run gen:types\`.`,
  ];
  for (const [name, [body, doc, form]] of Object.entries(unicodeClasses)) {
    lines.push(`/** ${doc} Class body${form === 'characters' ? ' of the characters themselves' : ''}, for use inside [ ] with the u flag. */`);
    lines.push(`export const ${name} = ${form === 'characters' ? characterBody(rangesOf(body)) : `String.raw\`${classBody(rangesOf(body))}\``};`);
  }
  lines.push('/** The Latin-1 units each property escape accepts (key: the escape, after "i" under the i flag), as a class body: src/refs/latin1.ts. */');
  lines.push('export const latin1Images: Record<string, string> = {');
  for (const escape of latin1Escapes) for (const ignoreCase of [false, true]) lines.push(`  ${JSON.stringify(`${ignoreCase ? 'i' : ''}${escape}`)}: String.raw\`${latin1Image(escape, ignoreCase)}\`,`);
  lines.push('};');
  return `${lines.join('\n')}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await writeFile(root + unicodeClassesModule, await generateUnicodeClasses());
  console.log(`wrote ${unicodeClassesModule}`);
}
