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
      else tests.push((el) => (el.attribs.class ?? '').split(/[\t\n\f\r ]+/).includes(name));
      continue;
    }
    const key = attr!.toLowerCase();
    const value = dq ?? sq ?? bare ?? '';
    if (op === undefined) tests.push((el) => key in el.attribs);
    else if (op === '=') tests.push((el) => el.attribs[key] === value);
    else if (op === '^=') tests.push((el) => value !== '' && (el.attribs[key] ?? '').startsWith(value));
    else if (op === '$=') tests.push((el) => value !== '' && (el.attribs[key] ?? '').endsWith(value));
    else if (op === '*=') tests.push((el) => value !== '' && (el.attribs[key] ?? '').includes(value));
    else tests.push((el) => (el.attribs[key] ?? '').split(/[\t\n\f\r ]+/).includes(value));
  }
  const matcher: Matcher = (el) => tests.every((t) => t(el));
  cache.set(selector, matcher);
  return matcher;
}

const isTag = (node: AnyNode): node is Element => node.type === 'tag' || node.type === 'script' || node.type === 'style';

/** Every element under `root` that matches, in document order (the root itself excluded). */
export function selectAll(selector: string, root: AnyNode): Element[] {
  const matches = compileSelector(selector);
  const found: Element[] = [];
  const stack: AnyNode[] = [...((root as Element).children ?? [])].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!isTag(node)) continue;
    if (matches(node)) found.push(node);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return found;
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
