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

const cache = new Map<string, Matcher>();

/** Compiles a compound selector to a test of one element; throws on anything outside the grammar. */
export function compileSelector(selector: string): Matcher {
  const hit = cache.get(selector);
  if (hit) return hit;
  const m = compound.exec(selector.trim());
  if (!m || selector.trim() === '') throw new Error(`unsupported selector "${selector}": one tag, #id, .class and [attribute] tests only`);
  const tests: Matcher[] = [];
  const tag = m[1]?.toLowerCase();
  if (tag) tests.push((el) => el.name === tag);
  for (const p of (m[2] ?? '').matchAll(part)) {
    const [all, name, attr, op, dq, sq, bare] = p;
    if (name !== undefined) {
      if (all.startsWith('#')) tests.push((el) => el.attribs.id === name);
      else tests.push((el) => hasToken(el.attribs.class, name));
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
  const matcher: Matcher = (el) => tests.every((t) => t(el));
  cache.set(selector, matcher);
  return matcher;
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

/** Every element under `root` (or in a list from elementsOf) that matches, in document order. */
export function selectAll(selector: string, root: AnyNode | Element[]): Element[] {
  const matches = compileSelector(selector);
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
