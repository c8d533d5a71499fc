import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { textBlocks } from '../../src/cli/text.js';
import { decode } from '../../src/parse/decode.js';
import { pipeline, repo } from '../helpers.js';
import { sharedData } from './shared-data.js';

interface Page {
  id: string;
  lang: string;
  html: string;
  expectedText: string;
}

/** Character 4-gram precision, recall and F1, white space ignored. */
function f1(got: string, expected: string) {
  const grams = (t: string) => {
    const s = t.replace(/\s+/g, '');
    const m = new Map<string, number>();
    for (let i = 0; i + 4 <= s.length; i++) m.set(s.slice(i, i + 4), (m.get(s.slice(i, i + 4)) ?? 0) + 1);
    return m;
  };
  const g = grams(got);
  const e = grams(expected);
  let inter = 0;
  let ng = 0;
  let ne = 0;
  for (const [k, c] of g) {
    ng += c;
    inter += Math.min(c, e.get(k) ?? 0);
  }
  for (const c of e.values()) ne += c;
  const p = ng ? inter / ng : 0;
  const r = ne ? inter / ne : 0;
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0 };
}

async function kept(bytes: Uint8Array, name: string) {
  const { blocks } = await textBlocks({ bytes, name }, pipeline());
  return blocks.map((b) => b.text).join('\n');
}

const mean = (xs: number[]) => xs.reduce((n, x) => n + x, 0) / (xs.length || 1);
const lowest = (scores: { id: string; f: number }[], n: number) => [...scores].sort((a, b) => a.f - b.f).slice(0, n).map((s) => `${s.id} ${s.f.toFixed(3)}`).join(', ');

const shared = sharedData();
const readabilityFile = join(shared.dir, 'extraction', 'readability-pages.jsonl');
const readabilityMissing = shared.missing ?? (existsSync(readabilityFile) ? null : `${readabilityFile} not found: skipping`);
if (readabilityMissing) console.log(`extraction accuracy (Readability's 40 pages): ${readabilityMissing}`);
const pages: Page[] = readabilityMissing ? [] : readFileSync(readabilityFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l));

describe.skipIf(readabilityMissing !== null)('main-text extraction on the 40 Readability test pages (shared data, `digest text`)', () => {
  it('keeps the article and drops the chrome: mean character-4-gram F1 ≥ 0.97', async () => {
    const scores: { id: string; f: number }[] = [];
    for (const page of pages) {
      const text = await kept(new TextEncoder().encode(page.html), `${page.id}.html`);
      scores.push({ id: page.id, f: f1(text, page.expectedText).f });
    }
    const m = mean(scores.map((s) => s.f));
    console.log(`extraction F1 (Readability's pages): mean ${m.toFixed(4)} over ${scores.length} pages; lowest: ${lowest(scores, 5)}`);
    expect(scores).toHaveLength(40);
    expect(m).toBeGreaterThanOrEqual(0.97);
  });

  it.each(['gmw', 'qq', 'youth', 'pixnet', 'medicalnewstoday', 'webmd-1'])('Chinese and medical page %s individually ≥ 0.90', async (id) => {
    const page = pages.find((p) => p.id === id)!;
    expect(f1(await kept(new TextEncoder().encode(page.html), `${id}.html`), page.expectedText).f).toBeGreaterThanOrEqual(0.9);
  });
});

interface ZhPage {
  id: string;
  encoding: string;
  declared: string | null;
  damagedBytes: number;
  shape: string;
}

const zhDir = repo('fixtures/extraction/zh');
const zhPages: ZhPage[] = JSON.parse(readFileSync(join(zhDir, 'pages.json'), 'utf8'));

describe(`main-text extraction on ${zhPages.length} Chinese pages written for the project (GBK, GB18030, Big5, UTF-8; raw bytes in)`, () => {
  it('reads every page in its encoding and keeps its article: mean F1 ≥ 0.97, none below 0.90', async () => {
    const scores: { id: string; encoding: string; f: number }[] = [];
    for (const page of zhPages) {
      const text = await kept(readFileSync(join(zhDir, `${page.id}.html`)), `${page.id}.html`);
      scores.push({ id: page.id, encoding: page.encoding, f: f1(text, readFileSync(join(zhDir, `${page.id}.txt`), 'utf8')).f });
    }
    const m = mean(scores.map((s) => s.f));
    const byEncoding = [...new Set(scores.map((s) => s.encoding))].map((e) => {
      const of = scores.filter((s) => s.encoding === e);
      return `${e} ${mean(of.map((s) => s.f)).toFixed(3)} (${of.length})`;
    });
    console.log(`extraction F1 (Chinese pages): mean ${m.toFixed(4)} over ${scores.length} pages; by encoding: ${byEncoding.join(', ')}; lowest: ${lowest(scores, 4)}`);
    // Side by side: Mozilla Readability on a linkedom DOM of the same pages, given the text our
    // reader decoded (Readability takes a DOM, not bytes), so only the extraction is compared.
    const theirs: { id: string; f: number }[] = [];
    for (const page of zhPages) {
      const { text } = await decode(readFileSync(join(zhDir, `${page.id}.html`)));
      const article = new Readability(parseHTML(text).document as unknown as Document).parse();
      theirs.push({ id: page.id, f: f1(article?.textContent ?? '', readFileSync(join(zhDir, `${page.id}.txt`), 'utf8')).f });
    }
    console.log(`  Readability (linkedom) on the same pages: mean ${mean(theirs.map((s) => s.f)).toFixed(4)}; lowest: ${lowest(theirs, 4)}`);
    expect(m).toBeGreaterThanOrEqual(0.97);
    for (const s of scores) expect(s.f, s.id).toBeGreaterThanOrEqual(0.9);
  });
});
