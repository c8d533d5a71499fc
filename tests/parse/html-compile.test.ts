import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { extractHtml, flushBlock, walkNode } from '../../src/parse/html.js';
import { parserModules } from '../../src/parse/html-parser.js';
import { pipeline, repo } from '../helpers.js';
import { isOptimised, keepsOptimisedCodeAfter } from '../support/optimised.js';

// A file of its own: the functions here have only the type feedback these tests give them (issue
// 17: BENCHMARKS.md, change 205).
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const config = pipeline().data.html;
const site = readFileSync(repo('fixtures/articles/ra-2025-site.html'), 'utf8');
const wechat = readFileSync(repo('fixtures/articles/as-2025-wechat.html'), 'utf8');

describe("the HTML reader's block emitter keeps the code TurboFan made for it (issue 17)", () => {
  it('walkNode and flushBlock keep their code through full collections, page after page', async () => {
    // A page's tree held, as a build holds the page it is reading: the maps of the parser's nodes
    // (a node's fields are added after its class made it, so its map is a transition, which V8
    // holds weakly) would otherwise go at a full collection with the last node, and with them every
    // function's code that checks them — in this file, not in a build, where none goes
    // (`--trace-deopt`: no "weak objects" in a 1,000-article build's trace).
    const { Parser, DomHandler } = await parserModules();
    const options = { xmlMode: false, withStartIndices: true, withEndIndices: true, decodeEntities: true };
    const handler = new DomHandler(undefined, options);
    new Parser(handler, options).end(site);
    // (On main there are no such functions: `walk` and `flush` were closures of each emitBlocks call.)
    expect(walkNode).toBeTypeOf('function');
    expect(flushBlock).toBeTypeOf('function');
    const before = await extractHtml(site, config);
    expect(before.blocks.length).toBeGreaterThan(10);
    let k = 0;
    const next = () => extractHtml(k++ % 2 === 0 ? site : wechat, config);
    expect(await keepsOptimisedCodeAfter(walkNode, next)).toBe(true);
    expect(await keepsOptimisedCodeAfter(flushBlock, next)).toBe(true);
    // Before: `walk` and `flush` were closures made in each call of emitBlocks (no function to ask
    // for here), whose code only the closures that ran it held: a full collection after them let it
    // go, and the next page's were compiled again (3 and 2 times in a 1,000-article build).
    gc();
    gc();
    expect(isOptimised(walkNode)).toBe(true);
    expect(isOptimised(flushBlock)).toBe(true);
    // And the next pages read as the first did, with the code kept.
    expect((await extractHtml(site, config)).blocks).toEqual(before.blocks);
    expect(isOptimised(walkNode)).toBe(true);
    expect(handler.root.children.length).toBeGreaterThan(0);
  });
});
