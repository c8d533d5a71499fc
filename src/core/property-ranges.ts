import { greekScript, hanScript, latinScript, letter, number } from '../generated/unicode-classes.js';

/**
 * Property escapes the data files' patterns and the code's ranged patterns ({@link rangedPattern})
 * write, each with its class body written out as ranges (src/generated/unicode-classes.ts, from
 * the Unicode tables of the Node that generated it). The three scripts (a few dozen ranges each),
 * and `\p{L}` and `\p{N}` (~680 and ~150 ranges, ~1.8 kB of package together): the letter count
 * meets them on every page and the initials token on every Chinese one (issue 17: start-up). The
 * reference parser's other categories (`\p{Lu}`, `\p{Ll}`, `\p{M}`) are read by its Latin-1 forms
 * (src/refs/latin1.ts) instead.
 */
// (`letter` and `number` are undefined in `digest text`'s bundle, which leaves them out for its size
// (scripts/bundle-cli.mjs, textLeavesOut): there `\p{L}` and `\p{N}` stay as written.)
const writtenOut: ReadonlyMap<string, string | undefined> = new Map([
  [String.raw`\p{Script=Han}`, hanScript],
  [String.raw`\p{Script=Latin}`, latinScript],
  [String.raw`\p{Script=Greek}`, greekScript],
  [String.raw`\p{L}`, letter],
  [String.raw`\p{N}`, number],
]);

/**
 * A pattern source (for the u flag, without v) with each property escape of {@link writtenOut}
 * replaced by the same characters as ranges: inside a class its body, outside one a class of it.
 * V8 looks a property up in ICU each time it parses a pattern, and it parses each twice (when the
 * pattern is made and when it is first compiled): ~0.3 M instructions a `\p{Script=Han}`, where a
 * class of ranges costs nearly nothing (issue 17: start-up). The pattern matches the same text.
 * Any other source (another flag set, no such escape) is returned as it is.
 */
export function withPropertyRanges(source: string, flags: string): string {
  if (!flags.includes('u') || flags.includes('v') || !source.includes('\\p{')) return source;
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const end = source[i + 1] === 'p' && source[i + 2] === '{' ? source.indexOf('}', i) : -1;
      const body = end < 0 ? undefined : writtenOut.get(source.slice(i, end + 1));
      if (body !== undefined) {
        out += inClass ? body : `[${body}]`;
        i = end;
      } else {
        out += source.slice(i, i + 2);
        i++;
      }
      continue;
    }
    if (c === '[' && !inClass) inClass = true;
    else if (c === ']' && inClass) inClass = false;
    out += c;
  }
  return out;
}

// `() => /…/flags`, as tsc, esbuild and the CLI bundle write a pattern's thunk.
const thunk = /^\(\)\s*=>\s*\/([^]*)\/([a-z]*)$/;

/** The source and flags of the literal a thunk `() => /…/flags` returns, read from its text. */
export function thunkSource(make: () => RegExp): { source: string; flags: string } {
  // (Not by calling it: making the literal would parse it, looking each property escape up in ICU.
  // Shared by rangedPattern and the reference parser's Latin-1 forms, src/refs/latin1.ts.)
  const m = thunk.exec(make.toString().trim());
  if (!m) throw new Error(`${make.toString()} is not () => /…/flags`);
  return { source: m[1]!, flags: m[2]! };
}

/** Every pattern {@link rangedPattern} was given (for a test). */
export const rangedPatterns: (() => RegExp)[] = [];

/** The literal of `() => /…/flags` with its `\p{Script=…}`, `\p{L}` and `\p{N}` as ranges ({@link withPropertyRanges}), made at the first call, then the same object. */
export function rangedPattern(make: () => RegExp): () => RegExp {
  // The literal stays where the ReDoS audit reads it and is never made. Each escape read as ranges
  // is one ICU lookup fewer at the pattern's making and at each of its compiles (~0.35 M
  // instructions each: a Chinese article's ingest made and compiled these literals with 18
  // lookups; issue 17: start-up). A global pattern's lastIndex is its callers', as a module
  // literal's was.
  rangedPatterns.push(make);
  let made: RegExp | undefined;
  return () => {
    if (made === undefined) {
      const { source, flags } = thunkSource(make);
      made = new RegExp(withPropertyRanges(source, flags), flags);
    }
    return made;
  };
}
