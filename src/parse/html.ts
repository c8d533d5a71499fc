import type { AnyNode, Element } from 'domhandler';
import type { Block, BlockKind, Superscript } from '../core/document.js';
import { hasLetter } from '../core/script.js';
import type { HtmlData } from '../generated/html.js';
import { ElementIndex, rawText, selectAll } from './selector.js';

/** What the HTML reader kept: the body as blocks, the page title, and which extractor chose the body. */
export interface HtmlExtraction {
  blocks: Block[];
  title: string | null;
  variant: 'wechat' | 'site' | 'generic';
  /** Set when the page nests deeper than the limit: nothing was extracted. */
  tooDeep?: number;
}

const voidOrSibling = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr', 'p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'option']);

/**
 * A linear upper-bound estimate of tag nesting in raw HTML, taken before parsing: HTML
 * parsers slow down badly on pathologically deep pages, so those are refused without one.
 * Elements that are usually left unclosed (p, li, td…) are not counted.
 *
 * A tag is what `/<(\/?)([a-zA-Z][a-zA-Z0-9-]{0,30})(?=[\s/>])([^<>]{0,2000})>/g` matches (the
 * name ends at white space, "/" or ">", and attributes cannot contain "<": one way to match,
 * linear), found by hand: that pattern's matches, each an array of strings, were ~5 % of
 * `digest text`'s CPU on Readability's pages (issue 17). A test holds the two to the same tags.
 */
export function estimateDepth(html: string, stopAt: number): number {
  let depth = 0;
  let deepest = 0;
  const n = html.length;
  // The next "<" and ">" at or after the scan's place: each found once, so the scan stays linear.
  let lt = html.indexOf('<');
  let gt = -2;
  while (lt !== -1) {
    const closing = html.charCodeAt(lt + 1) === 0x2f;
    const nameStart = closing ? lt + 2 : lt + 1;
    let nameEnd = nameStart;
    if (isAsciiLetter(html.charCodeAt(nameStart))) {
      nameEnd++;
      while (nameEnd < n && isNameCode(html.charCodeAt(nameEnd))) nameEnd++;
    }
    const nextLt = html.indexOf('<', lt + 1);
    // The name is 1–31 characters and ends at white space, "/" or ">"; then the first "<" or ">" must be a ">", at most 2,000 characters on.
    if (nameEnd > nameStart && nameEnd - nameStart <= 31 && nameEnd < n && endsName(html.charCodeAt(nameEnd))) {
      if (gt !== -1 && gt < nameEnd) gt = html.indexOf('>', nameEnd);
      if (gt !== -1 && (nextLt === -1 || gt < nextLt) && gt - nameEnd <= 2000) {
        // The match goes on after its ">": the next tag starts at the first "<" after it, which is nextLt.
        if (!voidOrSiblingKeys.has(nameKey(html, nameStart, nameEnd)) && html.charCodeAt(gt - 1) !== 0x2f) {
          if (closing) depth = Math.max(0, depth - 1);
          else if (++depth > deepest) {
            deepest = depth;
            if (deepest > stopAt) return deepest;
          }
        }
      }
    }
    lt = nextLt;
  }
  return deepest;
}

const isAsciiLetter = (code: number): boolean => (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
const isNameCode = (code: number): boolean => isAsciiLetter(code) || (code >= 0x30 && code <= 0x39) || code === 0x2d;

/** A character of `[\s/>]` in a regular expression without the u flag: "/", ">" or JavaScript's white space. */
const endsName = (code: number): boolean => code === 0x2f || code === 0x3e || isJsSpace(code);

/** voidOrSibling's names as numbers (nameKey), so that a tag's name is looked up without making its string. */
const voidOrSiblingKeys = new Set([...voidOrSibling].map((name) => nameKey(name, 0, name.length)));

/**
 * A tag name of 1–6 ASCII letters, digits or hyphens as a number, letters folded to lower case;
 * -1 for a longer one (none is in voidOrSibling). Base 128, six places: below 2^42, exact in a double.
 */
function nameKey(text: string, start: number, end: number): number {
  if (end - start > 6) return -1;
  let key = 0;
  for (let i = start; i < end; i++) key = key * 128 + (text.charCodeAt(i) | 0x20);
  return key;
}

/**
 * Every element of a tree in document order, and the deepest element nesting, in one walk without
 * recursion; it stops at the first element deeper than `stopAt`. One walk, where the depth and the
 * selector's list were two (issue 17: ~2 % of `digest text`'s CPU), with no pair allocated per element.
 */
function elementsAndDepth(root: AnyNode, stopAt: number): { elements: Element[]; depth: number } {
  const elements: Element[] = [];
  let deepest = 0;
  const nodes: AnyNode[] = [];
  const depths: number[] = [];
  const top = (root as Element).children ?? [];
  for (let i = top.length - 1; i >= 0; i--) {
    nodes.push(top[i]!);
    depths.push(1);
  }
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const depth = depths.pop()!;
    if (!isElement(node)) continue;
    elements.push(node);
    if (depth > deepest) {
      deepest = depth;
      if (deepest > stopAt) break;
    }
    const children = node.children;
    for (let i = children.length - 1; i >= 0; i--) {
      nodes.push(children[i]!);
      depths.push(depth + 1);
    }
  }
  return { elements, depth: deepest };
}

interface Compiled {
  drop: Set<string>;
  chrome: Set<string>;
  blocks: Set<string>;
  chromeClass: RegExp;
  chromeExceptions: RegExp;
  metaLines: RegExp[];
}

const compiledCache = new WeakMap<HtmlData, Compiled>();
function compile(config: HtmlData): Compiled {
  let c = compiledCache.get(config);
  if (!c) {
    c = {
      drop: new Set(config.dropElements),
      chrome: new Set(config.chromeElements),
      blocks: new Set(config.blockElements),
      chromeClass: new RegExp(config.chromeClassPattern, 'i'),
      chromeExceptions: new RegExp(config.chromeClassExceptions, 'i'),
      metaLines: config.metaLinePatterns.map((p) => new RegExp(p, 'u')),
    };
    compiledCache.set(config, c);
  }
  return c;
}

/** Trims white space including U+3000 from both ends, in linear time (a regex alternation would not be). */
function trimAll(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && /[\s\u3000]/.test(text[start]!)) start++;
  while (end > start && /[\s\u3000]/.test(text[end - 1]!)) end--;
  return text.slice(start, end);
}

const visibleAddress = /^\s{0,20}(?:https?:\/\/|doi:|10\.\d{4,9}\/|www\.)/i;
const isElement = (node: AnyNode): node is Element => node.type === 'tag' || node.type === 'script' || node.type === 'style';
const htmlSpace = /[ \t\n\r\f\u00a0\u200b\ufeff]+/g;

/** A code unit of htmlSpace's class. */
const isHtmlSpace = (code: number): boolean => code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d || code === 0x0c || code === 0xa0 || code === 0x200b || code === 0xfeff;

/**
 * `text.replace(htmlSpace, '').length`, counted: the copy without white space was made for its
 * length alone, on every text node and block (issue 17: ~3 % of `digest text`'s CPU).
 */
function nonSpaceLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (!isHtmlSpace(text.charCodeAt(i))) n++;
  return n;
}

/** True when a text holds a character that is neither htmlSpace nor JavaScript's white space (what `trim` removes). */
function hasVisible(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!isHtmlSpace(code) && !isJsSpace(code)) return true;
  }
  return false;
}

/** A code unit of JavaScript's white space and line terminators: `\s`, and what `trim` removes. */
function isJsSpace(code: number): boolean {
  if (code === 0x20 || (code >= 0x09 && code <= 0x0d)) return true;
  if (code < 0xa0) return false;
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

function classAndId(el: Element): string {
  return `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`.trim();
}

function isHidden(el: Element): boolean {
  const style = el.attribs.style ?? '';
  return 'hidden' in el.attribs || el.attribs['aria-hidden'] === 'true' || /display\s*:\s*none/i.test(style);
}

/** Visible text of a subtree (for scoring); dropped and hidden elements excluded. */
function textOf(node: AnyNode, c: Compiled): string {
  if (node.type === 'text') return (node as unknown as { data: string }).data;
  if (!isElement(node) || c.drop.has(node.name) || isHidden(node)) return '';
  let out = '';
  for (const child of node.children) out += textOf(child, c);
  return out;
}

/** Visible and link text lengths of a subtree, each node measured once (scoring asks for every ancestor). */
interface Measure {
  text: number;
  link: number;
  /** Number of <a> elements with an href. */
  anchors: number;
}

function measure(node: AnyNode, c: Compiled, cache: Map<AnyNode, Measure>, inLink = false): Measure {
  const hit = cache.get(node);
  if (hit) return hit;
  let result: Measure;
  if (node.type === 'text') {
    const data = (node as unknown as { data: string }).data;
    const n = nonSpaceLength(data);
    // A link that shows its address (a DOI or URL in a reference list) is content, not navigation.
    result = { text: n, link: inLink && !visibleAddress.test(data) ? n : 0, anchors: 0 };
  } else if (!isElement(node) || c.drop.has(node.name) || isHidden(node)) {
    result = { text: 0, link: 0, anchors: 0 };
  } else {
    const anchor = node.name === 'a' && node.attribs.href !== undefined;
    result = { text: 0, link: 0, anchors: anchor ? 1 : 0 };
    const link = inLink || node.name === 'a';
    for (const child of node.children) {
      const m = measure(child, c, cache, link);
      result.text += m.text;
      result.link += m.link;
      result.anchors += m.anchors;
    }
  }
  cache.set(node, result);
  return result;
}


/**
 * True when the class or id names site chrome ("share-bar", "article__share") and no token of
 * it names content outright ("article-body share-enabled" stays).
 */
function isChromeByName(el: Element, c: Compiled): boolean {
  // An id of four words or more is a heading's slug ("sharing-with-a-single-developer"), not a name.
  const id = el.attribs.id ?? '';
  const className = el.attribs.class ?? '';
  // Most elements have neither: no string made for them (issue 17).
  if (!className && !id) return false;
  const names = `${className} ${hyphens(id) >= 3 ? '' : id}`.trim();
  if (!names || !c.chromeClass.test(names)) return false;
  return !names.split(/\s+/).some((token) => c.chromeExceptions.test(token));
}

/** Each element whose children pruning cut, with the array it had: what puts the tree back. */
type Pruned = [Element, AnyNode[]][];

/** How many "-" a text holds (`split('-').length - 1`, without the array). */
function hyphens(text: string): number {
  let n = 0;
  for (let at = text.indexOf('-'); at !== -1; at = text.indexOf('-', at + 1)) n++;
  return n;
}

/** Removes chrome: dropped tags, hidden elements, header/footer/aside, and class/id chrome, keeping `keep`'s ancestors. */
function prune(node: Element, c: Compiled, keep: Set<Element>, byClass: boolean, pruned: Pruned): void {
  const kept = node.children.filter((child) => {
    if (child.type === 'comment' || child.type === 'directive' || child.type === 'cdata') return false;
    if (!isElement(child)) return true;
    if (keep.has(child)) return true;
    if (c.drop.has(child.name) || isHidden(child)) return false;
    if (c.chrome.has(child.name)) return false;
    if (byClass && child.name !== 'body' && child.name !== 'article' && child.name !== 'main' && isChromeByName(child, c)) return false;
    return true;
  });
  if (kept.length !== node.children.length) {
    pruned.push([node, node.children]);
    node.children = kept;
  }
  for (const child of node.children) if (isElement(child)) prune(child, c, keep, byClass, pruned);
}

const paragraphTags = new Set(['p', 'td', 'pre', 'section', 'blockquote']);
const tagWeight: Record<string, number> = { div: 5, section: 5, article: 8, pre: 3, td: 3, blockquote: 3, ol: -3, ul: -3, li: -3, dl: -3, dd: -3, dt: -3, form: -3, th: -5, h1: -5, h2: -5, h3: -5, h4: -5, h5: -5, h6: -5 };
const positive = /article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story|rich_media/i;
const negative = /-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget/i;

/**
 * Finds the element holding the article on an unknown page: paragraphs score by length and
 * commas (Chinese and Latin), the score flows to parent and grandparent, link-heavy
 * candidates lose, and the best one wins (the idea of Readability's scorer, on our tree).
 */
function bestCandidate(body: Element, c: Compiled, sizes: Map<AnyNode, Measure>, pruned: boolean): Element[] {
  const scores = new Map<Element, number>();
  const paragraphs = new Map<Element, number>();
  const init = (el: Element): number => {
    let s = scores.get(el);
    if (s === undefined) {
      const names = classAndId(el);
      s = (tagWeight[el.name] ?? 0) + (names && negative.test(names) ? -25 : 0) + (names && positive.test(names) ? 25 : 0);
      scores.set(el, s);
    }
    return s;
  };
  const visit = (el: Element): void => {
    // Whether a div has a block child is asked of divs only.
    if (paragraphTags.has(el.name) || (el.name === 'div' && !el.children.some((ch) => isElement(ch) && c.blocks.has(ch.name)))) {
      const text = textOf(el, c).replace(htmlSpace, ' ').trim();
      if (text.length >= 25) {
        // Prose (for joining sections): sentences, not a link list or an address line.
        if (/[,，、。;；.!?！？]/.test(text) && measure(el, c, sizes).link < text.length * 0.3) paragraphs.set(el, text.length);
        const commas = (text.match(/[,，、。;；]/g) ?? []).length;
        const score = 1 + commas + Math.min(Math.floor(text.length / 100), 3);
        let ancestor = el.parent as Element | null;
        // Candidates stay inside <body>: <html> would bring the unpruned <head> along.
        for (let level = 0; ancestor && isElement(ancestor) && ancestor !== body.parent && level < 3; level++) {
          scores.set(ancestor, init(ancestor) + score / (level === 0 ? 1 : level === 1 ? 2 : level * 3));
          ancestor = ancestor.parent as Element | null;
        }
      }
    }
    for (const child of el.children) if (isElement(child)) visit(child);
  };
  visit(body);
  const ranked = [...scores]
    .map(([el, score]) => {
      const m = measure(el, c, sizes);
      return { el, final: score * (1 - m.link / (m.text || 1)) };
    })
    .sort((a, b) => b.final - a.final);
  if (ranked.length === 0) return [body];
  let best = ranked[0]!.el;
  const bestScore = ranked[0]!.final;
  // Readability's alternative-ancestor rule: when three of the best five candidates share an
  // ancestor with the winner, the article is that ancestor (a list of steps, say).
  const alternatives = ranked.slice(1, 5).filter((r) => r.final >= bestScore * 0.75).map((r) => r.el);
  if (alternatives.length >= 3) {
    for (let ancestor = best.parent as Element | null; ancestor && isElement(ancestor) && ancestor !== body.parent; ancestor = ancestor.parent as Element | null) {
      const contained = alternatives.filter((alt) => {
        for (let p = alt.parent as Element | null; p; p = p.parent as Element | null) if (p === ancestor) return true;
        return false;
      }).length;
      if (contained >= 3) {
        best = ancestor;
        break;
      }
    }
  }
  // A lone paragraph-sized winner is usually one of several siblings: climb while the parent
  // adds mostly non-link text.
  let current = best;
  while (current !== body && current.parent && isElement(current.parent) && current.parent !== body) {
    const parent = current.parent;
    const parentScore = scores.get(parent) ?? 0;
    if (parentScore < bestScore * 0.75) break;
    current = parent;
  }
  // An article split into sections at different depths under one content element: within three
  // levels, take the highest ancestor that holds a quarter more prose and stays link-poor.
  const proseMemo = new Map<Element, number>();
  const prose = (el: Element): number => {
    let n = paragraphs.get(el) ?? proseMemo.get(el);
    if (n === undefined) {
      n = 0;
      for (const child of el.children) if (isElement(child)) n += prose(child);
      proseMemo.set(el, n);
    }
    return n;
  };
  // Only on a page rid of its chrome: with comments still there, their prose would count.
  let chosen = current;
  let ancestor = current.parent as Element | null;
  for (let level = 0; pruned && level < 3 && ancestor && isElement(ancestor) && ancestor !== body; level++, ancestor = ancestor.parent as Element | null) {
    const m = measure(ancestor, c, sizes);
    if (m.link > m.text * 0.25) break;
    if (prose(ancestor) >= prose(chosen) * 1.25) chosen = ancestor;
  }
  current = chosen;
  // Readability's sibling rule: siblings that score well, or read like prose, belong too.
  const parent = current.parent;
  if (current === body || !parent || !isElement(parent)) return [current];
  const threshold = Math.max(10, bestScore * 0.2);
  const kept: Element[] = [];
  for (const sibling of parent.children) {
    if (!isElement(sibling)) continue;
    if (sibling === current) {
      kept.push(sibling);
      continue;
    }
    const m = measure(sibling, c, sizes);
    const density = m.text ? m.link / m.text : 1;
    const text = sibling.name === 'p' ? textOf(sibling, c).replace(htmlSpace, ' ').trim() : '';
    const score = (scores.get(sibling) ?? 0) * (1 - density);
    const prose = sibling.name === 'p' && ((text.length > 80 && density < 0.25) || (text.length > 0 && density === 0 && /[.。!?！？]$/.test(text)));
    if (score >= threshold || prose) kept.push(sibling);
  }
  return kept;
}

/**
 * The first match of a content selector and the later matches under the same parent: the
 * chunks of an article split by ad slots. Matches inside a match are not repeated.
 */
function selectorFamily(matches: Element[]): Element[] {
  const first = matches.find((el) => el.children.length > 0);
  if (!first) return [];
  return matches.filter((el) => el === first || (el.parent === first.parent && el.children.length > 0));
}

/** Text compared as a title: white space and punctuation ignored. */
const titleKey = (text: string) => text.replace(/[\s\p{P}\p{S}]+/gu, '').toLowerCase();

/** True when a block repeats the page's title: the headline, or the <title> up to its site suffix. */
function isTitleLine(text: string, titles: string[]): boolean {
  const key = titleKey(text);
  if (key.length < 8) return false;
  return titles.some((t) => {
    const title = titleKey(t);
    if (title === key) return true;
    // "<headline>_<channel>_<site>", "<headline> - <site>" or "<site>-<headline>".
    const full = t.replace(htmlSpace, ' ').trim();
    if (full.startsWith(text) && /^\s*[-_|–—｜:：]/.test(full.slice(text.length))) return true;
    return full.endsWith(text) && /[-_|–—｜:：]\s*$/.test(full.slice(0, full.length - text.length));
  });
}

/**
 * Drops the lines that open or close a body without being article text: the headline again,
 * bylines, datelines, source, editor, hit-count, original-link and disclaimer lines (html.json
 * metaLinePatterns), link-only lines, each at most 80 characters, and only at the two ends, so a
 * dated line inside the article stays.
 */
function trimEnds(blocks: Block[], titles: string[], c: Compiled, linkOnly: Set<Block>): Block[] {
  // A line without a letter ("1/11", "|") is a counter or a separator; a paragraph that is all
  // links ("back to the home page", a breadcrumb) is navigation, unless it shows an address (a
  // reference) or is a list item (a list of sources).
  const navigation = (b: Block) => b.kind === 'paragraph' && linkOnly.has(b) && !visibleAddress.test(b.text);
  const meta = (b: Block) => b.text.length <= 80 && (!hasLetter(b.text) || navigation(b) || isTitleLine(b.text, titles) || c.metaLines.some((p) => p.test(b.text)));
  // A newspaper headline comes with a kicker line above it and a subhead below: short lines,
  // no sentence, not headings of the article. They go with the headline.
  const display = (b: Block | undefined) => b !== undefined && b.kind !== 'heading' && b.text.length <= 40 && !/[。，,.!?！？；;]/.test(b.text);
  const headline = blocks.slice(0, 4).findIndex((b) => b.text.length <= 80 && isTitleLine(b.text, titles));
  if (headline > 0 && blocks.slice(0, headline).every(display)) blocks = blocks.slice(headline);
  if (headline >= 0 && isTitleLine(blocks[0]!.text, titles) && display(blocks[1]) && !meta(blocks[1]!)) blocks = [blocks[0]!, ...blocks.slice(2)];
  let start = 0;
  let end = blocks.length;
  while (start < end && meta(blocks[start]!)) start++;
  while (end > start && meta(blocks[end - 1]!)) end--;
  return start === 0 && end === blocks.length ? blocks : blocks.slice(start, end);
}

/**
 * Drops a short paragraph that occurs three times or more: a gallery's caption on every slide.
 * Words shorter than a phrase ("link", "Share") may repeat in an article and stay.
 */
function dropRepeated(blocks: Block[]): Block[] {
  const counts = new Map<string, number>();
  for (const b of blocks) if (b.kind !== 'heading' && b.text.length <= 200 && weightedLength(b.text) >= 15) counts.set(b.text, (counts.get(b.text) ?? 0) + 1);
  return blocks.some((b) => (counts.get(b.text) ?? 0) >= 3) ? blocks.filter((b) => (counts.get(b.text) ?? 0) < 3) : blocks;
}

function findBySelector(selector: string, select: (sel: string) => Element[]): Element | null {
  const found = select(selector).filter((el) => el.children.length > 0);
  return found[0] ?? null;
}

// Lists and tables of links inside an article (a changelog's bug list, an app table) are content.
const containers = new Set(['div', 'section', 'aside', 'nav', 'center']);

/**
 * A container that is mostly link text (a "more stories" list, teasers, tags, prev/next, a
 * share bar) is navigation inside the body, as Readability's conditional cleaning has it.
 */
function linkDense(el: Element, c: Compiled, sizes: Map<AnyNode, Measure>): boolean {
  if (!containers.has(el.name)) return false;
  const m = measure(el, c, sizes);
  return m.anchors > 1 && m.link > m.text * 0.5;
}

/** A heading (h1–h3) whose text is all one link: the title of another post or story. */
function nextPostHeading(el: Element, c: Compiled, sizes: Map<AnyNode, Measure>): boolean {
  if (el.name !== 'h1' && el.name !== 'h2' && el.name !== 'h3') return false;
  const m = measure(el, c, sizes);
  return m.anchors === 1 && m.text > 0 && m.link >= m.text;
}

/**
 * Walks a subtree and emits blocks: block elements and <br> end a block, inline text (incl.
 * <sup>/<sub>, so CX<sub>3</sub>CR1 reads CX3CR1) joins it. Each block starts at its first
 * text node's offset in the HTML source.
 */
function emitBlocks(root: Element, c: Compiled, sizes: Map<AnyNode, Measure>, linkOnly: Set<Block>): Block[] {
  const emitter: Emitter = { root, c, sizes, linkOnly, blocks: [], parts: [], kind: 'paragraph', level: undefined, ordinal: undefined, sups: [], ended: false };
  walkNode(emitter, root, false, false, false);
  flushBlock(emitter);
  return emitter.blocks;
}

/** A text node's piece of the block being emitted: its text, its place in the source, and whether it is bold or a link's. */
interface BlockPart {
  text: string;
  start: number;
  end: number;
  strong: boolean;
  link: boolean;
}

/**
 * What {@link emitBlocks} holds while it walks a subtree. Its two steps, {@link walkNode} and
 * {@link flushBlock}, are functions of the module over this state, not closures made in each call:
 * V8 holds the optimised code of a closure's feedback weakly, so once one page's closures were
 * gone a full collection let their code go and the next page's were compiled again — `walk` three
 * times and `flush` twice in a 1,000-article build (issue 17: BENCHMARKS.md, change 205).
 */
interface Emitter {
  readonly root: Element;
  readonly c: Compiled;
  readonly sizes: Map<AnyNode, Measure>;
  readonly linkOnly: Set<Block>;
  readonly blocks: Block[];
  /** The block being emitted, by its text nodes' pieces. */
  parts: BlockPart[];
  kind: BlockKind;
  level: number | undefined;
  ordinal: number | undefined;
  /** The block's <sup> elements so far, by their parts (a citation's evidence: superscriptsOf). */
  sups: SupParts[];
  /**
   * The body ends where the next post begins: a heading that is all a link to another page, once
   * the article has text (a blog that shows its next posts in full, a list of more stories).
   */
  ended: boolean;
}

/** Ends the block being emitted: its parts joined and trimmed, a block when any text is left. */
export function flushBlock(e: Emitter): void {
  const parts = e.parts;
  if (parts.length === 0) return;
  // Joined in a loop, not `map(…).join('')`: the array V8's optimised `map` makes is holey, another
  // map than its `join` had seen, and this was thrown away and compiled again (issue 17:
  // BENCHMARKS.md, "arrays made by map").
  let raw = '';
  for (let k = 0; k < parts.length; k++) raw += parts[k]!.text;
  const text = trimAll(raw.replace(htmlSpace, ' '));
  if (text) {
    const visible = parts.filter((p) => hasVisible(p.text));
    const first = visible[0] ?? parts[0]!;
    const last = visible[visible.length - 1] ?? parts[parts.length - 1]!;
    const block: Block = { kind: e.kind, text, start: first.start, end: Math.max(first.start, last.end), exact: false };
    if (e.kind === 'heading' && e.level !== undefined) block.level = e.level;
    if (e.ordinal !== undefined) block.ordinal = e.ordinal;
    if (visible.length > 0 && visible.every((p) => p.strong)) block.strong = true;
    if (visible.length > 0 && visible.every((p) => p.link)) e.linkOnly.add(block);
    if (e.sups.length > 0) {
      const superscripts = superscriptsOf(parts, e.sups, text);
      if (superscripts.length > 0) block.superscripts = superscripts;
    }
    e.blocks.push(block);
  }
  e.parts = [];
  e.sups = [];
}

/** Emits `node` and what it holds into the block being emitted, ending blocks where block elements and <br> stand. */
export function walkNode(e: Emitter, node: AnyNode, strong: boolean, inPre: boolean, link: boolean): void {
  if (e.ended) return;
  if (node.type === 'text') {
    const data = (node as unknown as { data: string }).data;
    const start = node.startIndex ?? 0;
    // Text outside every element of a fragment (a forum's post saved as text with its paragraphs'
    // markup left in) is plain text: its line breaks end blocks, as in <pre>.
    if ((inPre || node.parent?.type === 'root') && data.includes('\n')) {
      const lines = data.split('\n');
      let cursor = start;
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i]!;
        if (i > 0) flushBlock(e);
        e.parts.push({ text: line, start: cursor, end: cursor + line.length, strong, link });
        cursor += line.length + 1;
      }
    } else {
      e.parts.push({ text: data, start, end: (node.endIndex ?? start + data.length - 1) + 1, strong, link });
    }
    return;
  }
  if (!isElement(node)) {
    // A fragment with no <body> is its own root: the document holds its paragraphs.
    if (node.type === 'root') for (const child of (node as unknown as Element).children) walkNode(e, child, strong, inPre, link);
    return;
  }
  const name = node.name;
  if (node !== e.root && linkDense(node, e.c, e.sizes)) return;
  if (name === 'br') {
    flushBlock(e);
    return;
  }
  const isBlock = e.c.blocks.has(name);
  const bold = strong || name === 'strong' || name === 'b' || /font-weight\s*:\s*(bold|[6-9]00)/i.test(node.attribs.style ?? '');
  if (isBlock) {
    flushBlock(e);
    if (e.blocks.length > 0 && nextPostHeading(node, e.c, e.sizes)) {
      e.ended = true;
      return;
    }
    const savedKind = e.kind;
    const savedLevel = e.level;
    const savedOrdinal = e.ordinal;
    if (/^h[1-6]$/.test(name)) {
      e.kind = 'heading';
      e.level = Number(name[1]);
    } else if (name === 'li') {
      e.kind = 'list-item';
      e.ordinal = listOrdinal(node);
    }
    for (const child of node.children) walkNode(e, child, bold, inPre || name === 'pre', link);
    flushBlock(e);
    e.kind = savedKind;
    e.level = savedLevel;
    e.ordinal = savedOrdinal;
  } else {
    const from = name === 'sup' ? e.parts.length : -1;
    const before = e.blocks.length;
    for (const child of node.children) walkNode(e, child, bold, inPre, link || name === 'a');
    // (A <sup> broken by a <br> or a block inside it is no marker.)
    if (from >= 0 && e.parts.length > from && e.blocks.length === before) e.sups.push({ from, to: e.parts.length, linked: inPageLink(node) });
  }
}

/** A <sup> element of the block being emitted: its parts [from, to), and whether it is a link to the page itself. */
interface SupParts {
  from: number;
  to: number;
  linked: boolean;
}

/** A <sup> longer than this (a note's sentence set high) is no marker and is not kept. */
const superscriptLimit = 40;

/**
 * Where each short <sup> of a block stands in its text (the parts joined, white space folded
 * and the ends trimmed, as `flush` makes it) and in the source. Only the evidence is kept: what
 * is a citation, an exponent or an ordinal is src/refs/superscripts.ts's to say.
 */
function superscriptsOf(parts: readonly { text: string; start: number }[], sups: readonly SupParts[], text: string): Superscript[] {
  const out: Superscript[] = [];
  let prefix = '';
  let done = 0;
  let cursor = 0;
  for (const sup of sups) {
    for (; done < sup.from; done++) prefix += parts[done]!.text;
    let inner = '';
    for (let k = sup.from; k < sup.to; k++) inner += parts[k]!.text;
    const content = trimAll(inner.replace(htmlSpace, ' '));
    if (content === '' || content.length > superscriptLimit) continue;
    // Its place in the text: the folded prefix's length, less what the trim took from the start.
    const estimate = trimAll(`${prefix.replace(htmlSpace, ' ')}.`).length - 1;
    const index = text.indexOf(content, Math.max(cursor, estimate - 1));
    if (index === -1) continue;
    cursor = index + content.length;
    const first = parts.slice(sup.from, sup.to).find((p) => hasVisible(p.text))!;
    const lead = first.text.length - first.text.trimStart().length;
    out.push({ index, length: content.length, source: first.start + lead, linked: sup.linked });
  }
  return out;
}

/**
 * The number an ordered list shows beside an item (`<ol start>`, `<li value>`; the reference
 * splitter reads it as the entry's number, as Markdown's "1." is), undefined outside an `<ol>`.
 */
function listOrdinal(li: Element): number | undefined {
  const list = li.parent;
  if (!list || !isElement(list) || list.name !== 'ol' || 'reversed' in list.attribs) return undefined;
  let n = Number.parseInt(list.attribs.start ?? '1', 10);
  if (!Number.isFinite(n)) n = 1;
  for (const sibling of list.children) {
    if (!isElement(sibling) || sibling.name !== 'li') continue;
    const value = Number.parseInt(sibling.attribs.value ?? '', 10);
    if (Number.isFinite(value)) n = value;
    if (sibling === li) return n;
    n++;
  }
  return undefined;
}

/** True when a <sup> is, holds or sits in a link to a place on the same page (`href="#ref3"`): a footnote's mark. */
function inPageLink(sup: Element): boolean {
  const isInPage = (el: Element) => el.name === 'a' && (el.attribs.href ?? '').startsWith('#');
  for (let el: AnyNode | null = sup; el && isElement(el); el = el.parent) if (isInPage(el)) return true;
  const below = (el: Element): boolean => el.children.some((child) => isElement(child) && (isInPage(child) || below(child)));
  return below(sup);
}

/** True when a text looks like HTML rather than prose that mentions a tag. */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 2048).trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || head.startsWith('<?xml')) return true;
  const body = text.slice(0, 65536);
  // (Every tag opens with "<": a text without one is answered without the pattern, never compiled for a plain text.)
  if (!body.includes('<')) return false;
  const tags = body.match(/<\/?(?:p|div|span|section|br|h[1-6]|body|head|meta|strong|a|li|ul|table)\b[^<>]{0,2000}>/gi);
  return (tags?.length ?? 0) >= 3;
}

/**
 * Reads a saved web page: WeChat exports through their `#js_content`, known CMS layouts
 * through their body containers, anything else through a content scorer; chrome (scripts,
 * navigation, breadcrumbs, sidebars, related links, share widgets, QR blurbs) is dropped.
 */
export async function extractHtml(html: string, config: HtmlData, depthLimit = 1000): Promise<HtmlExtraction> {
  const estimate = estimateDepth(html, depthLimit);
  if (estimate > depthLimit) return { blocks: [], title: null, variant: 'generic', tooDeep: estimate };
  const parseDocument = await htmlParser();
  const document = parseDocument(html, { xmlMode: false, withStartIndices: true, withEndIndices: true, decodeEntities: true });
  // The walks below recurse; a page nested deeper than any real one is refused up front.
  const { elements, depth } = elementsAndDepth(document, depthLimit);
  if (depth > depthLimit) return { blocks: [], title: null, variant: 'generic', tooDeep: depth };
  const c = compile(config);
  const page = readPage(document, new ElementIndex(elements), config, c);
  const pruned: Pruned = [];
  const first = extractFrom(page, c, true, pruned);
  // Like Readability: when class-based pruning leaves almost nothing, the page named its
  // content column "sidebar-right-mix" or similar; try again without it, on the same tree put
  // back as parsed (pruning only replaced children arrays: issue 17, parsing it again was ~3 % of
  // `digest text`'s CPU on Readability's pages).
  if (first.variant === 'generic' && visibleLength(first.blocks) < 500) {
    for (const [node, children] of pruned) node.children = children;
    const second = extractFrom(page, c, false, []);
    if (visibleLength(second.blocks) > visibleLength(first.blocks)) return second;
  }
  return first;
}

/**
 * Visible text of blocks in Latin-letter equivalents: a Han, kana or Hangul character counts as
 * three, about a word, so Readability's 500-character threshold means the same in Chinese.
 */
function visibleLength(blocks: Block[]): number {
  return blocks.reduce((n, b) => n + weightedLength(b.text), 0);
}

/** Length of a text without white space, a Han, kana or Hangul character counting as three. */
function weightedLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!isHtmlSpace(code)) n += isWide(code) ? 3 : 1;
  }
  return n;
}

/**
 * A code unit of a Han, kana or Hangul character (a high surrogate stands for the CJK extensions
 * beyond the BMP). Ranges, not a \p{Script=…} class: compiling one of those cost a few ms of every start.
 */
function isWide(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0x3040 && code <= 0x30ff) ||
    (code >= 0xac00 && code <= 0xd7af) || (code >= 0x1100 && code <= 0x11ff) || (code >= 0x3130 && code <= 0x318f) ||
    (code >= 0xf900 && code <= 0xfaff) || (code >= 0x2e80 && code <= 0x2fdf) || (code >= 0xd840 && code <= 0xd87f)
  );
}

type ParseDocument = typeof import('htmlparser2')['parseDocument'];
let parser: Promise<ParseDocument> | null = null;

/**
 * htmlparser2's parseDocument, made of its Parser and domhandler (what parseDocument does) as
 * `parserModules` loads them: without the package index, on the first page.
 */
function htmlParser(): Promise<ParseDocument> {
  parser ??= (async () => {
    const { Parser, DomHandler } = await (await import('./html-parser.js')).parserModules();
    const parse: ParseDocument = (data, options) => {
      const handler = new DomHandler(undefined, options);
      new Parser(handler, options).end(data);
      return handler.root;
    };
    return parse;
  })();
  return parser;
}

/** What the extraction reads off the tree as parsed, before pruning: the same for both tries. */
interface Page {
  document: AnyNode;
  body: Element;
  pageTitle: string | null;
  titleText: string;
  /** The WeChat or CMS content roots, none on an unknown layout. */
  roots: Element[];
  variant: HtmlExtraction['variant'];
}

function readPage(document: AnyNode, index: ElementIndex, config: HtmlData, c: Compiled): Page {
  // Selected on the tree as it was parsed; after pruning (h1), on the tree as it is then.
  const select = (sel: string) => selectAll(sel, index);
  const textOfAll = (sel: string) => select(sel).map(rawText).join('').replace(htmlSpace, ' ').trim();
  const titleText = (select('title')[0] && rawText(select('title')[0]!).replace(htmlSpace, ' ').trim()) || '';

  const pageTitle = select('meta[property="og:title"]')[0]?.attribs.content?.trim() || textOfAll('#activity-name') || titleText || null;

  const body = select('body')[0] ?? ((document as unknown) as Element);
  const wechat = findBySelector(config.wechatRoot, select);
  if (wechat) return { document, body, pageTitle, titleText, roots: [wechat], variant: 'wechat' };
  for (const selector of config.contentSelectors) {
    const family = selectorFamily(select(selector));
    if (family.reduce((n, el) => n + weightedLength(textOf(el, c)), 0) >= 100) return { document, body, pageTitle, titleText, roots: family, variant: 'site' };
  }
  return { document, body, pageTitle, titleText, roots: [], variant: 'site' };
}

function extractFrom(page: Page, c: Compiled, pruneByClass: boolean, pruned: Pruned): HtmlExtraction {
  const { document, body, pageTitle, titleText } = page;
  let { roots, variant } = page;
  const keep = new Set<Element>();
  for (const root of roots) for (let el: Element | null = root; el && isElement(el) && !keep.has(el); el = el.parent as Element | null) keep.add(el);
  prune(body, c, keep, pruneByClass, pruned);
  // A Map, not a WeakMap: it lives for one pass, and V8's weak tables cost more on every lookup and collection.
  const sizes = new Map<AnyNode, Measure>();
  if (roots.length === 0) {
    roots = bestCandidate(body, c, sizes, pruneByClass);
    variant = 'generic';
  }
  const h1 = selectAll('h1', document).map((el) => textOf(el, c).replace(htmlSpace, ' ').trim()).find((t) => t.length > 0);
  const titles = [h1, pageTitle, titleText].filter((t): t is string => !!t);
  const linkOnly = new Set<Block>();
  const blocks = trimEnds(dropRepeated(roots.flatMap((r) => emitBlocks(r, c, sizes, linkOnly))), titles, c, linkOnly);
  return { blocks, title: h1 ?? pageTitle, variant };
}
