/**
 * A text with each UTF-16 unit replaced through a table of all 65,536 (one unit in, one out, so
 * offsets survive), or the text itself when no unit changes. Builds the result from a typed
 * array: per-character string building was the hottest code of the folds (issue 17), and the
 * result is a flat string, which the patterns that run on it then need not flatten. A unit whose
 * entry is 0 stays as it is (no fold gives U+0000): a table holds only its folds, and is made
 * without first writing 65,536 entries of identity, ~7 M instructions in a cold process (issue 17).
 * The units before the first that changes are copied, not looked up again; they are written into
 * the thread's scratch bytes ({@link scratchBytes}: most texts are a block, a few hundred units)
 * and made a string by one copy (`toString('utf16le')`: every unit as it is, lone surrogates
 * too), where a new array a call and `String.fromCharCode.apply` of 8,192 units at a time spread
 * each unit into an argument (BENCHMARKS.md, "Change: the folds' copies made in kept memory").
 */
export function mapUnits(text: string, table: Uint16Array): string {
  const n = text.length;
  let i = 0;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    const m = table[c]!;
    if (m !== 0 && m !== c) break;
  }
  if (i === n) return text;
  const bytes = scratchBytes(2 * n);
  const units = unitsOf(bytes);
  for (let k = 0; k < i; k++) units[k] = text.charCodeAt(k);
  for (let k = i; k < n; k++) {
    const c = text.charCodeAt(k);
    units[k] = table[c] || c;
  }
  return bytes.toString('utf16le', 0, 2 * n);
}

/** The most bytes {@link scratchBytes} keeps (a longer request gets bytes of its own): 128 KB. */
const SCRATCH_BYTES = 131072;

let scratch: Buffer | null = null;
let scratchUnits: Uint16Array | null = null;

/**
 * Bytes to make a string in (`toString` of a part of them), kept by the thread and reused by the
 * next call: {@link SCRATCH_BYTES} made at the first call, never grown or shrunk; a larger size
 * gets new bytes. For code that fills them and makes its string before it returns (nothing it
 * calls may ask for them meanwhile): {@link mapUnits} and the name shapes' one-byte image
 * (src/refs/names.ts), where a new array or buffer a call, made and freed outside V8's heap, cost
 * more than the copy. Made whole at once, not grown by doubling from 1 KB: a growth is first
 * needed by the first long text, pages after its callers were compiled, and TurboFan's code of
 * the reference's matching view (`matchingView`, which inlines this) was thrown away there
 * (BENCHMARKS.md, changes 205 and 207). Outside V8's heap, and only the pages written are
 * resident: most texts are a block of a few hundred units.
 */
export function scratchBytes(size: number): Buffer {
  if (size > SCRATCH_BYTES) return Buffer.allocUnsafeSlow(size);
  return (scratch ??= Buffer.allocUnsafeSlow(SCRATCH_BYTES));
}

/** The same memory as UTF-16 units (the scratch's view made once; bytes of their own start at offset 0, so aligned). */
function unitsOf(bytes: Buffer): Uint16Array {
  if (bytes !== scratch) return new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.length >> 1);
  scratchUnits ??= new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.length >> 1);
  return scratchUnits;
}

let widthTable: Uint16Array | null = null;

/**
 * Folds full-width ASCII (U+FF01–U+FF5E) to half-width and the ideographic space to a space.
 * One UTF-16 unit in, one out, so offsets into the folded text are offsets into the original:
 * this is the "matching view" patterns run on.
 */
export function foldWidth(text: string): string {
  if (widthTable === null) {
    widthTable = new Uint16Array(0x10000); // 0: the unit itself
    for (let c = 0xff01; c <= 0xff5e; c++) widthTable[c] = c - 0xfee0;
    widthTable[0x3000] = 0x20;
  }
  return mapUnits(text, widthTable);
}

/**
 * The width-folded text of a document's block ({@link foldWidth}), made on first need and kept
 * in `folded` (the document's `doc.folded`): segment, the page kind and link read the same one
 * instead of each folding the block again (issue 17).
 */
export function foldedOf<B extends { readonly text: string }>(block: B, folded: Map<B, string>): string {
  let text = folded.get(block);
  if (text === undefined) {
    text = foldWidth(block.text);
    folded.set(block, text);
  }
  return text;
}

/**
 * The texts `of` gives for each block (with the memo it keeps them in: {@link foldedOf}'s
 * `doc.folded`, script.ts's `viewOf` and `doc.views`) joined by line feeds, as an item's blocks
 * are: `blocks.map((b) => of(b, memo)).join('\n')` without a closure over the memo made per item,
 * which V8 optimises again after every full collection (BENCHMARKS.md, changes 59 and 64).
 */
export function joinedOf<B, M>(blocks: readonly B[], memo: M, of: (block: B, memo: M) => string): string {
  let out = '';
  for (let k = 0; k < blocks.length; k++) out += k === 0 ? of(blocks[k]!, memo) : `\n${of(blocks[k]!, memo)}`;
  return out;
}

/**
 * Lower-case ASCII slug: letters, digits and single hyphens, at most `max` characters. Accents
 * are dropped, not turned into hyphens: NFKD splits "è" into "e" and a combining mark, and the
 * mark goes ("Crème" → "creme", never "cre-me").
 */
export function slugify(text: string, max = 80): string {
  const head = text.slice(0, max * 4);
  // ASCII has no decomposition and no marks: most slugs (CD34, IL-6, NCT numbers, journal names) skip both steps.
  return (/^[\x00-\x7f]*$/.test(head) ? head : head.normalize('NFKD').replace(/\p{M}/gu, ''))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/g, '');
}

/** "1 input", "9 inputs": a count and its noun, singular for one (English terminal text, facts' units). */
export function countOf(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/**
 * Every match of a global pattern in `text`, as `[...text.matchAll(pattern)]` gives them: from
 * the pattern's `lastIndex`, past an empty match by one unit (by one code point for a `u` or `v`
 * pattern), and the pattern's own `lastIndex` as it was after. `matchAll` first makes a copy of
 * the pattern through the RegExp constructor (~2,500 instructions, a compilation-cache lookup, at
 * every call): the analysis stages asked it ~320 times an article, once a block or a clause, each
 * for a handful of matches (BENCHMARKS.md, "Change: matches found without a copy of the pattern").
 * Here the pattern itself runs, so a caller must not hand it to code that runs it meanwhile:
 * the matches are all found before any is returned.
 */
export function matchesOf(text: string, pattern: RegExp): RegExpExecArray[] {
  if (!pattern.global) throw new TypeError(`matchesOf: the pattern ${pattern} is not global`);
  const saved = pattern.lastIndex;
  const unicode = pattern.unicode || (pattern as RegExp & { unicodeSets?: boolean }).unicodeSets === true;
  const out: RegExpExecArray[] = [];
  try {
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      out.push(m);
      if (m[0].length === 0) {
        const at = pattern.lastIndex;
        pattern.lastIndex = unicode ? advancedPastCodePoint(text, at) : at + 1;
      }
    }
  } finally {
    pattern.lastIndex = saved;
  }
  return out;
}

/** The index after the code point at `at` (AdvanceStringIndex for a unicode pattern: a surrogate pair is one step). */
function advancedPastCodePoint(text: string, at: number): number {
  if (at + 1 >= text.length) return at + 1;
  const unit = text.charCodeAt(at);
  if (unit < 0xd800 || unit > 0xdbff) return at + 1;
  const next = text.charCodeAt(at + 1);
  return next >= 0xdc00 && next <= 0xdfff ? at + 2 : at + 1;
}
