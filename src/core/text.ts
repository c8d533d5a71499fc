/**
 * Folds full-width ASCII (U+FF01–U+FF5E) to half-width and the ideographic space to a space.
 * One UTF-16 unit in, one out, so offsets into the folded text are offsets into the original:
 * this is the "matching view" patterns run on.
 */
export function foldWidth(text: string): string {
  let out = '';
  let changed = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xff01 && code <= 0xff5e) {
      out += String.fromCharCode(code - 0xfee0);
      changed = true;
    } else if (code === 0x3000) {
      out += ' ';
      changed = true;
    } else out += text[i];
  }
  return changed ? out : text;
}

/**
 * Lower-case ASCII slug: letters, digits and single hyphens, at most `max` characters. Accents
 * are dropped, not turned into hyphens: NFKD splits "è" into "e" and a combining mark, and the
 * mark goes ("Crème" → "creme", never "cre-me").
 */
export function slugify(text: string, max = 80): string {
  return text
    .slice(0, max * 4)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
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
