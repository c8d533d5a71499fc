import type { AnyNode, Element } from 'domhandler';

/**
 * The CSS the HTML reader needs to find a layout's body: one compound selector — a tag, an
 * `#id`, `.class`es and attribute tests (`[a]`, `[a=v]`, `[a^=v]`, `[a$=v]`, `[a*=v]`, `[a~=v]`).
 * A full selector engine (css-select, through cheerio) loaded 45 modules at every start for this.
 * schemas/html.schema.json holds the data file's selectors to the same grammar.
 */
export type Matcher = (el: Element) => boolean;

/** The grammar of a supported selector; schemas/html.schema.json states the same pattern (a test checks). */
export const compound = /^([a-zA-Z][a-zA-Z0-9-]{0,40})?((?:[#.][\w-]{1,100}|\[[\w-]{1,60}(?:[~^$*]?=(?:"[^"]{0,200}"|'[^']{0,200}'|[\w-]{0,200}))?\]){0,20})$/;
const part = /[#.]([\w-]{1,100})|\[([\w-]{1,60})(?:([~^$*]?=)(?:"([^"]{0,200})"|'([^']{0,200})'|([\w-]{0,200})))?\]/g;

/** A compiled selector: its test, and the one part an index can look its candidates up by. */
interface Compiled {
  matches: Matcher;
  /** The `#id`, the first `.class` or the tag, in that order of preference; none for attribute tests alone. */
  key: { by: 'id' | 'class' | 'tag'; value: string } | null;
}

const cache = new Map<string, Compiled>();

/** Compiles a compound selector to a test of one element; throws on anything outside the grammar. */
export function compileSelector(selector: string): Matcher {
  return compiled(selector).matches;
}

function compiled(selector: string): Compiled {
  const hit = cache.get(selector);
  if (hit) return hit;
  const m = compound.exec(selector.trim());
  if (!m || selector.trim() === '') throw new Error(`unsupported selector "${selector}": one tag, #id, .class and [attribute] tests only`);
  const tests: Matcher[] = [];
  const tag = m[1]?.toLowerCase();
  let id: string | undefined;
  let className: string | undefined;
  if (tag) tests.push((el) => el.name === tag);
  for (const p of (m[2] ?? '').matchAll(part)) {
    const [all, name, attr, op, dq, sq, bare] = p;
    if (name !== undefined) {
      if (all.startsWith('#')) {
        id ??= name;
        tests.push((el) => el.attribs.id === name);
      } else {
        className ??= name;
        tests.push((el) => hasToken(el.attribs.class, name));
      }
      continue;
    }
    const key = attr!.toLowerCase();
    const value = dq ?? sq ?? bare ?? '';
    if (op === undefined) tests.push((el) => key in el.attribs);
    else if (op === '=') tests.push((el) => el.attribs[key] === value);
    else if (op === '^=') tests.push((el) => value !== '' && (el.attribs[key] ?? '').startsWith(value));
    else if (op === '$=') tests.push((el) => value !== '' && (el.attribs[key] ?? '').endsWith(value));
    else if (op === '*=') tests.push((el) => value !== '' && (el.attribs[key] ?? '').includes(value));
    else tests.push((el) => hasToken(el.attribs[key], value));
  }
  // One test is the matcher itself; several are tried in a loop (Array#every made a closure per element).
  const matches: Matcher =
    tests.length === 1
      ? tests[0]!
      : (el) => {
          for (const test of tests) if (!test(el)) return false;
          return true;
        };
  const key = id !== undefined ? { by: 'id' as const, value: id } : className !== undefined ? { by: 'class' as const, value: className } : tag ? { by: 'tag' as const, value: tag } : null;
  const result = { matches, key };
  cache.set(selector, result);
  return result;
}

/**
 * The elements of a document in document order, indexed by tag, id and class token, so that a
 * selector with one of those tests looks at its few candidates instead of every element. The
 * HTML reader runs up to 22 selectors over each page; as full scans they were ~10 % of
 * `digest text`'s CPU on Readability's pages (issue 17). Each index list is in document order
 * and holds an element once, so a selection is the same list a full scan gives.
 */
export class ElementIndex {
  /** Every element, in document order. */
  readonly elements: Element[];
  private readonly byTag = new Map<string, Element[]>();
  private readonly byId = new Map<string, Element[]>();
  /** Made on the first class lookup: splitting every class attribute costs more than a page's tag and id lookups. */
  private byClass: Map<string, Element[]> | null = null;

  constructor(elements: Element[]) {
    this.elements = elements;
    for (const el of elements) {
      push(this.byTag, el.name, el);
      const id = el.attribs.id;
      if (id !== undefined) push(this.byId, id, el);
    }
  }

  /** The elements that may match a compiled selector: a superset of its matches, in document order. */
  candidates(key: Compiled['key']): Element[] {
    if (key === null) return this.elements;
    if (key.by === 'id') return this.byId.get(key.value) ?? [];
    if (key.by === 'tag') return this.byTag.get(key.value) ?? [];
    this.byClass ??= classIndex(this.elements);
    return this.byClass.get(key.value) ?? [];
  }
}

function push(map: Map<string, Element[]>, key: string, el: Element): void {
  const list = map.get(key);
  if (list) list.push(el);
  else map.set(key, [el]);
}

/** Each class token (split where hasToken sees a boundary) → the elements that carry it, each once. */
function classIndex(elements: Element[]): Map<string, Element[]> {
  const index = new Map<string, Element[]>();
  for (const el of elements) {
    const list = el.attribs.class;
    if (!list) continue;
    let start = 0;
    for (let i = 0; i <= list.length; i++) {
      if (i < list.length && !space(list.charCodeAt(i))) continue;
      if (i > start) {
        const token = list.slice(start, i);
        const found = index.get(token);
        if (!found) index.set(token, [el]);
        else if (found[found.length - 1] !== el) found.push(el);
      }
      start = i + 1;
    }
  }
  return index;
}

const space = (code: number) => code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d;

/** True when a white-space separated list holds the token (no array is made: this runs on every element). */
function hasToken(list: string | undefined, token: string): boolean {
  if (!list || !token) return false;
  for (let at = list.indexOf(token); at !== -1; at = list.indexOf(token, at + 1)) {
    const end = at + token.length;
    if ((at === 0 || space(list.charCodeAt(at - 1))) && (end === list.length || space(list.charCodeAt(end)))) return true;
  }
  return false;
}

const isTag = (node: AnyNode): node is Element => node.type === 'tag' || node.type === 'script' || node.type === 'style';

/** Every element under `root`, in document order (the root itself excluded). */
export function elementsOf(root: AnyNode): Element[] {
  const found: Element[] = [];
  const stack: AnyNode[] = [];
  const top = (root as Element).children ?? [];
  for (let i = top.length - 1; i >= 0; i--) stack.push(top[i]!);
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!isTag(node)) continue;
    found.push(node);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return found;
}

/** Every element under `root` (or in a list from elementsOf, or an index of one) that matches, in document order. */
export function selectAll(selector: string, root: AnyNode | Element[] | ElementIndex): Element[] {
  const { matches, key } = compiled(selector);
  if (root instanceof ElementIndex) return root.candidates(key).filter(matches);
  return (Array.isArray(root) ? root : elementsOf(root)).filter(matches);
}

/** All the text under a node, script and style included (what cheerio's .text() gives). */
export function rawText(node: AnyNode): string {
  let out = '';
  const stack: AnyNode[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'text') out += (n as unknown as { data: string }).data;
    const children = (n as Element).children;
    if (children) for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return out;
}
