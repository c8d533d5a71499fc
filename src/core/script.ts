let tables: { simplified: Map<string, string>; traditional: Map<string, string> } | null = null;

/**
 * OpenCC's character tables (simplified → traditional and traditional → simplified), read
 * from opencc-js's dictionaries. Only single-character entries are kept: OpenCC's phrase tries
 * cost ~90 ms each to build, and script detection and the matching view need characters only
 * (which also keeps every conversion length-preserving, so offsets survive).
 */
export async function characterTables(): Promise<{ simplified: Map<string, string>; traditional: Map<string, string> }> {
  if (!tables) {
    const { Locale } = (await import('opencc-js')) as unknown as { Locale: { to: Record<string, string[][]>; from: Record<string, string[][]> } };
    const read = (groups: string[][]) => {
      const map = new Map<string, string>();
      for (const dict of groups.flat()) {
        for (const entry of dict.split('|')) {
          const space = entry.indexOf(' ');
          const from = entry.slice(0, space);
          const to = entry.slice(space + 1).split(' ')[0]!;
          if (from.length === 1 && to.length === 1 && from !== to && !map.has(from)) map.set(from, to);
        }
      }
      return map;
    };
    // from.cn holds OpenCC's STPhrases + STCharacters, to.cn its TSPhrases + TSCharacters.
    tables = { simplified: read(Locale.from.cn!), traditional: read(Locale.to.cn!) };
  }
  return tables;
}

const foldOne: Record<string, string> = {
  '‐': '-', '‑': '-', '‒': '-', '–': '-', '—': '-', '―': '-', '−': '-',
  '₀': '0', '₁': '1', '₂': '2', '₃': '3', '₄': '4', '₅': '5', '₆': '6', '₇': '7', '₈': '8', '₉': '9',
  '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9', '⁺': '+', '⁻': '-',
  'ß': 'β', 'µ': 'μ', 'ɑ': 'α', '\u3000': ' ',
};

/**
 * The matching view of a text: traditional characters → simplified, full-width ASCII →
 * half-width, dash, sub/superscript and Greek look-alike variants folded. One UTF-16 unit in,
 * one out: an offset in the view is the same offset in the text.
 */
export function matchingView(text: string, traditional: Map<string, string>): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const code = ch.charCodeAt(0);
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else out += foldOne[ch] ?? traditional.get(ch) ?? ch;
  }
  return out;
}

/** Lower-cases a view without changing its length (characters whose lower case is longer stay). */
export function lowerSameLength(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = '';
  for (const ch of text) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}
