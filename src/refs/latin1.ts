import { thunkSource } from '../core/property-ranges.js';
import { latin1Images } from '../generated/unicode-classes.js';

/**
 * Latin-1 forms of the reference parser's `\p{…}` patterns, and of the label stage's initials token (issue 17: start-up).
 *
 * V8 looks each property escape up in ICU when it parses a pattern — once when the pattern is
 * made, again when it is compiled at its first run — and ICU builds the whole set each time
 * (~0.3 M instructions an escape): a one-article `digest ingest` spent ~100 M instructions on it,
 * the largest single piece of its start above `digest --version` (BENCHMARKS.md). A pattern only
 * ever tests the subject's own characters, so on a subject whose every code unit is at most
 * U+00FF, or in General Punctuation (U+2000–U+206F: the en dash of a page range, curly quotes
 * around a title, which most English lists hold), each escape can stand as the units of those two
 * blocks it accepts, with the rest of the pattern as written: the same matches, and nothing for
 * ICU to build. Most references are such text. (The name is Latin-1's, the form's first range.)
 *
 * Exactness: each escape is replaced by the units c ≤ 0xFF or in U+2000–U+206F that `[escape]`
 * accepts under the pattern's own case-insensitivity. Without `i` a class accepts a unit when a member is that unit,
 * so the rewritten class accepts the same Latin-1 units. Under `i` (with `u`) a class accepts c
 * when a member has c's simple case folding; a unit whose folding some member of the property
 * shares is itself in the image, and every member of the image shares the folding of a member of
 * the property: the same units again, in negated classes too. Everything else in the
 * pattern is untouched (tests/refs/latin1.test.ts compares both forms on seeded Latin-1 text).
 * The ReDoS audit reads the patterns as written: a Latin-1 form has their structure, with classes
 * that accept fewer units.
 */

/** Whether every code unit of `text` is at most U+00FF or in General Punctuation (so a Latin-1 form of a pattern reads it exactly). */
export function isLatin1(text: string): boolean {
  // (A short text is read, not kept: it would take the place of the long one that the next pattern asks about again.)
  if (text.length <= shortText) return !beyondLatin1.test(text);
  if (text === lastText) return lastResult;
  lastText = text;
  lastResult = !beyondLatin1.test(text);
  return lastResult;
}
// (A search for one unit outside the two blocks, not `^[…]*$` over the whole text: the same answer in
// 4–8× less time on the bench's reference strings, most of which V8 holds in one byte, where no unit
// can match the class. Issue 17.)
const beyondLatin1 = /[^\x00-\xff\u2000-\u206f]/;
// (The same text is asked about again by the next pattern of the same call site: the name scanner asks
// about the whole reference at each name, between short pieces of it — a given name, the two characters
// after a name — which, kept, made it read the whole reference again: 1,800 characters read a
// reference on the bench's corpus, 930 with short texts not kept. Issue 17.)
let lastText = '';
let lastResult = true;
const shortText = 24;

// A property escape, any other escape (two units: enough to step over `\[`, `\]` and `\\`), or a class bracket.
const token = /\\[pP]\{[^}]*\}|\\[^]|[[\]]/g;

/**
 * The Latin-1 form of a `u` pattern's source: each `\p{…}` replaced by the Latin-1 and General Punctuation units it accepts
 * (inside a class, the units; outside, a class of them, empty when none), read from
 * src/generated/unicode-classes.ts (written from Node's own ICU by scripts/gen-unicode-classes.mjs:
 * computed here, each image would cost the ICU lookup it saves). Null when the pattern has no
 * property escape (or no `u` flag, where `\p` is no escape), so that it is its own Latin-1 form,
 * and when it has one that file does not hold (`\P{…}`, another property): it is then read as written.
 */
export function latin1Source(source: string, flags: string): string | null {
  if (!flags.includes('u') || !/\\[pP]\{/.test(source)) return null;
  const prefix = flags.includes('i') ? 'i' : '';
  // (Without the v flag classes do not nest: "[" inside one is a unit, the first "]" closes it.)
  let inClass = false;
  let complete = true;
  const rewritten = source.replace(token, (t) => {
    if (t === '[') inClass = true;
    else if (t === ']') inClass = false;
    else if (t.length > 2) {
      const image = latin1Images[prefix + t];
      if (image === undefined) complete = false;
      return inClass ? (image ?? '') : `[${image ?? ''}]`;
    }
    return t;
  });
  return complete ? rewritten : null;
}

/** A pattern's two forms, each made on its first use, the Latin-1 one from the source alone. */
function formsOf(source: string, flags: string, made?: () => RegExp): (text: string) => RegExp {
  let full: RegExp | undefined;
  let latin1: RegExp | undefined;
  let latin1Made = false;
  return (text) => {
    if (isLatin1(text)) {
      if (!latin1Made) {
        const rewritten = latin1Source(source, flags);
        latin1 = rewritten === null ? undefined : new RegExp(rewritten, flags);
        latin1Made = true;
      }
      if (latin1) return latin1;
    }
    return (full ??= made ? made() : new RegExp(source, flags));
  };
}

/** Every pattern {@link latin1Pattern} was given, for the test that its written source is read back exactly. */
export const latin1Patterns: (() => RegExp)[] = [];

/**
 * A pattern read in the form its subject needs: `pattern(text)` is the pattern as written, or, when
 * every unit of `text` is Latin-1 or General Punctuation, its Latin-1 form (see the module comment). Each form is made on its
 * first use and then kept (a global or sticky pattern keeps its `lastIndex` per form: a caller sets it
 * on the form it runs). `make` is `() => /…/flags`: the literal stays where the ReDoS audit reads it,
 * and its source is taken from the thunk's text, so the Latin-1 form is made without parsing the
 * pattern as written (which would look every escape up in ICU). `other`, when given, is the form
 * for any other text in its place: the same pattern made otherwise (the label stage's initials
 * token passes its `rangedPattern`, src/core/property-ranges.ts, whose escapes are all ranges: no ICU lookup on Chinese text either).
 */
export function latin1Pattern(make: () => RegExp, other?: () => RegExp): WrittenPattern {
  latin1Patterns.push(make);
  let forms: ((text: string) => RegExp) | undefined;
  const form = (text: string) => {
    if (forms === undefined) {
      const { source, flags } = thunkSource(make);
      forms = formsOf(source, flags, other);
    }
    return forms(text);
  };
  return Object.assign(form, { written: make });
}

/** A pattern of {@link latin1Pattern}: its form for a text, and the pattern as written (a new object each call: for scripts/gen-pattern-shapes.mjs, which reads its source). */
export type WrittenPattern = ((text: string) => RegExp) & { written: () => RegExp };

/**
 * {@link latin1Pattern} for a pattern made from data: its source and flags as `new RegExp` takes
 * them, and the pattern as written when one is kept already (`made`: the same object, not a copy).
 */
export function latin1Forms(source: string, flags: string, made?: () => RegExp): (text: string) => RegExp {
  return formsOf(source, flags, made);
}

/** Whether a pattern of {@link latin1Pattern} matches in `text`, read in the form `text` needs. */
export const testIn = (pattern: (text: string) => RegExp, text: string): boolean => pattern(text).test(text);

/** The match of a pattern of {@link latin1Pattern} in `text`, read in the form `text` needs. */
export const execIn = (pattern: (text: string) => RegExp, text: string): RegExpExecArray | null => pattern(text).exec(text);
