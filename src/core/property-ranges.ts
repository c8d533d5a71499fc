import { hanScript } from '../generated/unicode-classes.js';

/**
 * Property escapes the data files' patterns write, each with its class body written out as ranges
 * (src/generated/unicode-classes.ts, from the Unicode tables of the Node that generated it).
 */
const writtenOut: ReadonlyMap<string, string> = new Map([[String.raw`\p{Script=Han}`, hanScript]]);

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
