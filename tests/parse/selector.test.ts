import { readFileSync } from 'node:fs';
import { parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { compileSelector, compound, ElementIndex, elementsOf, rawText, selectAll } from '../../src/parse/selector.js';
import { repo } from '../helpers.js';

const doc = parseDocument(`<html><head><meta property="og:title" content="标题"><title>页 面</title></head><body>
<div id="main" class="a b"><p itemprop="articleBody" class="x">一</p><td id="postmessage_1">二</td><td id="postmessage_2">三</td></div>
<div class="article__body"><script>var s = 1;</script>四</div><span lang="zh en">五</span></body></html>`);
const ids = (sel: string) => selectAll(sel, doc).map((el) => el.attribs.id ?? el.attribs.class ?? el.name);

describe('selector: the compound selectors the HTML reader needs', () => {
  it('matches tags, ids, classes and attribute tests, in document order', () => {
    expect(ids('#main')).toEqual(['main']);
    expect(ids('.b')).toEqual(['main']);
    expect(ids('div.a.b#main')).toEqual(['main']);
    expect(ids('[itemprop=articleBody]')).toEqual(['x']);
    expect(ids('[id^=postmessage_]')).toEqual(['postmessage_1', 'postmessage_2']);
    expect(ids('[id$="_2"]')).toEqual(['postmessage_2']);
    expect(ids("[class*='rticle__']")).toEqual(['article__body']);
    expect(ids('[lang~=en]')).toEqual(['span']);
    expect(ids('[property]')).toEqual(['meta']);
    expect(selectAll('meta[property="og:title"]', doc)[0]?.attribs.content).toBe('标题');
    expect(ids('.a.c')).toEqual([]);
  });

  it('reads all text under a node, scripts included (as cheerio .text() did)', () => {
    expect(rawText(selectAll('.article__body', doc)[0]!)).toBe('var s = 1;四');
    expect(rawText(selectAll('title', doc)[0]!)).toBe('页 面');
  });

  it('selects through an index exactly what a scan of every element selects (issue 17)', () => {
    // Tokens repeated in one class list, split by every separator hasToken knows, ids shared, names in two cases.
    const page = parseDocument(`<body><div id="a" class="x  x\ty"><P class="y\nx" id="a">1</P><section class="\fx\r" data-k="v">2</section></div>
<div class="x-y xy" id="b"><span class="X">3</span><p class="">4</p><p itemprop="articleBody" id="postmessage_9">5</p></div><x-tag class="y">6</x-tag></body>`);
    const index = new ElementIndex(elementsOf(page));
    const selectors = ['#a', '#b', '#c', '.x', '.y', '.X', '.xy', '.x-y', '.z', 'p', 'P', 'div', 'x-tag', 'p.y', 'p#a.x', 'div.x.y', '.x#a', '[itemprop=articleBody]', '[id^=postmessage_]', 'p[id]', '.x[data-k=v]', 'span.X', 'body'];
    for (const sel of selectors) expect(selectAll(sel, index), sel).toEqual(selectAll(sel, page));
    expect(selectAll('.x', index).map((el) => el.name)).toEqual(['div', 'p', 'section']);
  });

  it('refuses combinators and lists with a clear error', () => {
    expect(() => compileSelector('div > p')).toThrow(/unsupported selector "div > p"/);
    expect(() => compileSelector('a, b')).toThrow(/unsupported selector/);
  });

  it('states its grammar once more in schemas/html.schema.json, identically', () => {
    const schema = JSON.parse(readFileSync(repo('schemas/html.schema.json'), 'utf8'));
    expect(schema.$defs.selector.pattern).toBe(compound.source);
  });
});
