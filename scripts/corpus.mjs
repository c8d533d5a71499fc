// A synthetic corpus made from the fixtures at run time (never committed), for `npm run bench`
// and the CI bench check. Every article is distinct: the fixtures give the shapes (formats,
// encodings, scripts, headings, dated items, reference lists); each article gets its own year,
// disease, wording of headings, item days, countries and paper titles, its prose recombined from the fixtures'
// sentences with every number changed, and its references' numbers and identifiers changed —
// so no memo or cache keyed by paragraph text helps a build (issue 17). Seeded: the same seed
// gives the same corpus, byte for byte.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import OpenCC from 'opencc-js';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixture = (name) => readFileSync(join(root, 'fixtures', 'articles', name), 'utf8');

/** The default seed: `--seed` of the bench changes it. */
export const DEFAULT_SEED = 17;

/**
 * The shapes, one per fixture: the simplified UTF-8 source it is made from, its format, and how
 * the fixture itself is written (Traditional characters, encoding). The Traditional and
 * re-encoded fixtures are exactly their source converted (OpenCC cn→tw) and encoded (legacy
 * encodings fold super- and subscripts, UTF-16 has a BOM and CRLF): checked when written.
 */
const templates = [
  { name: 'as-2025-gbk.txt', source: 'as-2025.txt', format: 'text', encoding: 'gbk' },
  { name: 'as-2025-hant.txt', source: 'as-2025.txt', format: 'text', encoding: 'utf8', hant: true },
  { name: 'as-2025-wechat.html', source: 'as-2025-wechat.html', format: 'html', encoding: 'utf8' },
  { name: 'as-2025.txt', source: 'as-2025.txt', format: 'text', encoding: 'utf8' },
  { name: 'ra-2025-hant-big5.txt', source: 'ra-2025.txt', format: 'text', encoding: 'big5', hant: true },
  { name: 'ra-2025-markdown.md', source: 'ra-2025-markdown.md', format: 'markdown', encoding: 'utf8' },
  { name: 'ra-2025-site.html', source: 'ra-2025-site.html', format: 'html', encoding: 'utf8' },
  { name: 'ra-2025-utf16.txt', source: 'ra-2025.txt', format: 'text', encoding: 'utf16le' },
  { name: 'ra-2025.txt', source: 'ra-2025.txt', format: 'text', encoding: 'utf8' },
];
/** The diseases the fixtures are about (each source names one; the Traditional forms follow from conversion). */
const templateDiseases = ['类风湿性关节炎', '类风湿关节炎', '强直性脊柱炎'];

/** mulberry32: a small seeded generator, enough for test data. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = (rng, list) => list[Math.floor(rng() * list.length)];

const hanCount = (text) => (text.match(/\p{Script=Han}/gu) ?? []).length;
const marker = /(参考资料|參考資料)/;
const lead = /^\s*\d{1,2}月/;

/** Every body text segment of a source: lines (a Markdown line without its marker), or text between tags. */
function segmentsOf(text, format) {
  if (format === 'html') return [...text.slice(text.indexOf('<body')).matchAll(/>([^<]+)</g)].map((m) => m[1]);
  return text.split('\n').map((line) => (format === 'markdown' ? line.replace(/^(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s*)*/, '') : line));
}

let pools = null;
/** What articles are recombined from: the fixtures' clauses and paper titles, the lexicon's diseases and countries. */
function poolsOnce() {
  if (pools) return pools;
  const clauses = new Set();
  const titles = new Set();
  for (const source of new Set(templates.map((t) => t.source))) {
    const { format } = templates.find((t) => t.source === source);
    const text = fixture(source);
    const body = text.slice(0, marker.exec(text)?.index ?? text.length);
    for (const segment of segmentsOf(body, format)) {
      if (lead.test(segment)) {
        const title = [...segment.matchAll(/《([^》]{6,})》/g)][1]?.[1];
        if (title) titles.add(title);
        continue;
      }
      for (const sentence of segment.split(/(?<=。)/)) {
        const s = sentence.replace(/\[\d+(?:[,，-]\d+)*\]/g, '').trim();
        if (!s.endsWith('。')) continue;
        for (const clause of s.slice(0, -1).split(/[,，;；]/)) if (hanCount(clause) >= 4 && clause.length <= 160) clauses.add(clause.trim());
      }
    }
  }
  const lexicon = JSON.parse(readFileSync(join(root, 'pipelines', 'data', 'lexicon.json'), 'utf8'));
  const zhOf = (type) => lexicon.concepts.filter((c) => c.type === type).map((c) => c.zh[0]).filter((zh) => zh && zh.length >= 2);
  pools = { clauses: [...clauses].sort(), titles: [...titles].sort(), diseases: zhOf('disease'), countries: zhOf('country') };
  return pools;
}

/** A number of the same shape (as many digits, as many decimals), never with a leading zero unless it had one. */
function sameShape(rng, digits) {
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    const d = digits[i];
    if (d < '0' || d > '9') out += d;
    else out += i === 0 && d !== '0' && digits.length > 1 ? String(1 + Math.floor(rng() * 9)) : String(Math.floor(rng() * 10));
  }
  return out;
}

/** Every number in prose changed, but not those inside names (IL-6, DAS28, CD19, miR-150-5p), dates (3月, 5日) or years. */
function renumber(rng, text) {
  return text.replace(/(?<![A-Za-z\d.\-+/_[〔【,，])\d+(?:\.\d+)?(?![\d年月日A-Za-z\-+_\]〕】])/g, (n) => (/^(19|20)\d\d$/.test(n) ? n : sameShape(rng, n)));
}

/** A reference entry with its numbers (volume, pages, article numbers, DOI and PMID digits) changed; its own [n] and years kept. */
function renumberReference(rng, text) {
  const head = /^\s*(?:\[\d+\]|\d+[.)、])?/.exec(text)[0];
  let rest = text.slice(head.length);
  // A line of an entry with no numbers (an author list broken over lines): its names in another order.
  if (!/\d/.test(rest) && rest.split(',').length >= 3) {
    const names = rest.split(',');
    const last = names.pop();
    for (let i = names.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [names[i], names[j]] = [names[j], names[i]];
    }
    rest = [...names, last].join(',');
  }
  // Kept: numbers in brackets (the next entry's, two entries run together on one line), DOI
  // prefixes (a registrant's) and ISSNs (they carry a check digit).
  return head + rest.replace(/10\.\d{4,9}\/|ISSN:? ?\d{4}-\d{3}[\dX]|(?<!\[)\d+(?!\])/g, (n) => (/^(19|20)\d\d$|\D/.test(n) ? n : sameShape(rng, n)));
}

/** One article's perturbation of a segment of its source. */
function rewrite(rng, segment, inReferences) {
  const { clauses, titles, countries } = poolsOnce();
  if (/免责|免責|扫码|掃碼/.test(segment)) return segment; // the site's own lines, the same on every page
  if (inReferences) return renumberReference(rng, segment);
  if (hanCount(segment) < 8) return segment;
  if (lead.test(segment)) {
    // The journal stays (its reference names it too); the paper's title, the country and the day change.
    let k = 0;
    let out = segment.replace(/《[^》]+》/g, (m) => (++k === 2 ? `《${renumber(rng, pick(rng, titles))}》` : m));
    for (const country of countries) if (out.includes(country)) out = out.replace(country, pick(rng, countries));
    // Any day of the month: items need not come in day order.
    return renumber(rng, out).replace(/^(\s*\d{1,2}月)\d{1,2}日/, (_, month) => `${month}${1 + Math.floor(rng() * 28)}日`);
  }
  // Headings, labels and other short lines keep their shape (the year and disease change with the article).
  if (!/[。；;]/.test(segment) && segment.trim().length < 40) return segment;
  const count = segment.split(/[。；;]/).length - 1 || 1;
  const markers = segment.match(/\[\d+(?:[,，-]\d+)*\]/g) ?? [];
  const space = /^\s*/.exec(segment)[0];
  // Each sentence made of two to four clauses of the fixtures' prose, numbers changed.
  let out = '';
  for (let i = 0; i < count; i++) {
    const parts = [];
    for (let k = 2 + Math.floor(rng() * 3); k > 0; k--) parts.push(renumber(rng, pick(rng, clauses)));
    out += `${parts.join(',')}。`;
  }
  return space + out + markers.join('') + /\s*$/.exec(segment)[0];
}

/** Applies `rewrite` to every segment of a source, references after the reference heading. */
function rewriteAll(rng, text, format) {
  const refsAt = marker.exec(text)?.index ?? text.length;
  if (format === 'html') {
    const bodyAt = text.indexOf('<body');
    return text.slice(0, bodyAt) + text.slice(bodyAt).replace(/>([^<]+)</g, (m, segment, offset) => `>${rewrite(rng, segment, bodyAt + offset > refsAt)}<`);
  }
  let at = 0;
  return text
    .split('\n')
    .map((line) => {
      const inReferences = at > refsAt;
      at += line.length + 1;
      const prefix = format === 'markdown' ? /^(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s*)*/.exec(line)[0] : '';
      return prefix + rewrite(rng, line.slice(prefix.length), inReferences);
    })
    .join('\n');
}

let toTraditional = null;
const scripts = { '⁺': '+', '⁻': '-', '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9', '₀': '0', '₁': '1', '₂': '2', '₃': '3', '₄': '4', '₅': '5', '₆': '6', '₇': '7', '₈': '8', '₉': '9' };
function encode(text, encoding) {
  if (encoding === 'utf8') return Buffer.from(text);
  if (encoding === 'utf16le') return Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text.replace(/\n/g, '\r\n'), 'utf16le')]);
  return iconv.encode(text.replace(/[⁺⁻⁰¹²³⁴⁵⁶⁷⁸⁹₀-₉]/g, (c) => scripts[c]), encoding);
}

/**
 * Article `i` of the corpus: the shape of fixture i mod 9, with a year and disease of its own
 * and every paragraph rewritten (see the file's head); every tenth is three times as long
 * (the last 20 lines before the references repeated, each repeat rewritten afresh), as real
 * digests vary. `repeat` overrides the number of repeats.
 */
export function article(i, { repeat = i % 10 === 0 ? 2 : 0, seed = DEFAULT_SEED } = {}) {
  const template = templates[i % templates.length];
  const rng = random(Math.imul(seed + 1, 0x9e3779b1) ^ Math.imul(i + 1, 0x85ebca6b));
  const { diseases } = poolsOnce();
  let text = fixture(template.source);
  if (repeat > 0) {
    const at = marker.exec(text)?.index;
    if (at !== undefined) {
      const before = text.slice(0, at);
      const lineStart = before.lastIndexOf('\n') + 1;
      const extra = before.slice(0, lineStart).split('\n').slice(-21, -1).join('\n');
      text = `${before.slice(0, lineStart)}${`${extra}\n`.repeat(repeat)}${text.slice(lineStart)}`;
    }
  }
  const year = 2010 + Math.floor(rng() * 21);
  const disease = pick(rng, diseases);
  const therapy = pick(rng, ['干细胞治疗', '干细胞疗法', '间充质干细胞治疗', '细胞治疗']);
  const phrase = pick(rng, ['最新临床进展', '最新研究进展', '关键临床进展', '研究进展', '临床进展']);
  text = rewriteAll(rng, text, template.format);
  for (const name of templateDiseases) text = text.replaceAll(name, disease);
  // Month headings in the article's own words (each a phrase the label stage knows).
  text = text
    .replace(/(\d{4}年\d{1,2}月)干细胞治疗(\S{2,20}?)最新临床进展/g, (_, date, what) => `${date}${therapy}${what}${phrase}`)
    .replace(/(\d{4}年(?:\d{1,2}-\d{1,2}月)?)干细胞治疗/g, (_, date) => `${date}${therapy}`);
  text = text.replaceAll('2026', String(year + 1)).replaceAll('2025', String(year));
  if (template.hant) {
    toTraditional ??= OpenCC.Converter({ from: 'cn', to: 'tw' });
    text = toTraditional(text);
  }
  return { name: `${String(i).padStart(5, '0')}-${template.name}`, text, bytes: encode(text, template.encoding) };
}

/**
 * Writes articles 0..n-1 into `dir`; returns the total bytes and how distinct the corpus is:
 * the share of distinct lines, and of distinct paragraphs (lines of 20 characters or more, in
 * Simplified characters so that a Traditional copy of a paragraph counts as the same).
 */
export function makeCorpus(dir, n, seed = DEFAULT_SEED) {
  mkdirSync(dir, { recursive: true });
  let bytes = 0;
  const lines = new Set();
  const paragraphs = new Set();
  let lineCount = 0;
  let paragraphCount = 0;
  for (let i = 0; i < n; i++) {
    const { name, text, bytes: encoded } = article(i, { seed });
    writeFileSync(join(dir, name), encoded);
    bytes += encoded.length;
    for (const line of text.split('\n')) {
      const plain = line.replace(/<[^>]*>/g, '').trim();
      if (!plain) continue;
      lineCount++;
      lines.add(plain);
      if (plain.length >= 20) {
        paragraphCount++;
        paragraphs.add(plain);
      }
    }
  }
  return { bytes, distinctLines: lines.size / lineCount, distinctParagraphs: paragraphs.size / paragraphCount, paragraphs: paragraphCount };
}

/** A pipeline file for `corpus` writing into `out`, with the package's data files. */
export function corpusPipeline(file, corpus, out) {
  const pipeline = JSON.parse(readFileSync(join(root, 'pipelines', 'digest.json'), 'utf8'));
  pipeline.inputs = [corpus];
  pipeline.out = out;
  pipeline.data = Object.fromEntries(Object.entries(pipeline.data).map(([k, v]) => [k, join(root, 'pipelines', v)]));
  delete pipeline.$schema;
  writeFileSync(file, JSON.stringify(pipeline));
}

/** The templates are what the fixtures are: each fixture equals its source rewritten by nothing. */
export function checkTemplates() {
  const converter = OpenCC.Converter({ from: 'cn', to: 'tw' });
  for (const t of templates) {
    let text = fixture(t.source);
    if (t.hant) text = converter(text);
    const expected = readFileSync(join(root, 'fixtures', 'articles', t.name));
    if (!encode(text, t.encoding).equals(expected)) throw new Error(`corpus template ${t.name} is no longer its source ${t.source} converted and encoded`);
  }
}
