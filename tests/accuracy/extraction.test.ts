import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { textBlocks } from '../../src/cli/text.js';
import { fixture, pipeline } from '../helpers.js';

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

const pages: Page[] = fixture('extraction/readability-pages.jsonl').toString('utf8').trim().split('\n').map((l) => JSON.parse(l));

async function kept(bytes: Uint8Array, name: string) {
  const { blocks } = await textBlocks({ bytes, name }, pipeline());
  return blocks.map((b) => b.text).join('\n');
}

describe('main-text extraction on 40 saved pages of other sites (`digest text`)', () => {
  it('keeps the article and drops the chrome: mean character-4-gram F1 ≥ 0.90', async () => {
    const scores: { id: string; f: number }[] = [];
    for (const page of pages) {
      const text = await kept(new TextEncoder().encode(page.html), `${page.id}.html`);
      scores.push({ id: page.id, f: f1(text, page.expectedText).f });
    }
    const mean = scores.reduce((n, s) => n + s.f, 0) / scores.length;
    console.log(`extraction F1: mean ${mean.toFixed(4)} over ${scores.length} pages; lowest:`, scores.sort((a, b) => a.f - b.f).slice(0, 5).map((s) => `${s.id} ${s.f.toFixed(3)}`).join(', '));
    expect(mean).toBeGreaterThanOrEqual(0.9);
  });

  it.each(['gmw', 'qq', 'youth', 'pixnet', 'medicalnewstoday', 'webmd-1'])('Chinese and medical page %s individually ≥ 0.90', async (id) => {
    const page = pages.find((p) => p.id === id)!;
    expect(f1(await kept(new TextEncoder().encode(page.html), `${id}.html`), page.expectedText).f).toBeGreaterThanOrEqual(0.9);
  });

  it('reads a Chinese portal saved in GBK and labelled gb2312', async () => {
    const page = pages.find((p) => p.id === 'gmw')!;
    const html = page.html.replace(/<meta[^>]*charset[^>]*>/gi, '').replace(/<head>/i, '<head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">');
    const bytes = iconv.encode(html, 'gbk');
    const { blocks, diagnostics } = await textBlocks({ bytes, name: 'gmw-gbk.html' }, pipeline());
    const text = blocks.map((b) => b.text).join('\n');
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(f1(text, page.expectedText).f).toBeGreaterThanOrEqual(0.9);
  });
});
