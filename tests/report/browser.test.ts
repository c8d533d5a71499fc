/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/dataset/build.js';
import { loadPipeline } from '../../src/pipeline.js';
import type { ArticleRecord } from '../../src/generated/article.js';
import { recordId } from '../../src/core/record.js';
import { repo } from '../helpers.js';

// Debian's chromium, as CI installs it (`apt-get install -y chromium`); never a downloaded browser.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS ? repo('docs/screenshots') : mkdtempSync(join(tmpdir(), 'digest-shots-'));

/** The AS seed with hostile text where every kind of content goes: title, item, reference. */
function hostileArticle(): string {
  const seed = readFileSync(repo('fixtures/articles/as-2025.txt'), 'utf8');
  // Not at the start and few tags: a text file that opens with a tag, or is full of them, is taken for HTML.
  return seed
    .replace(/(。)/, `$1<script>window.__pwned = 'intro'</script><img src=x onerror="window.__pwned='img'">`)
    .replace(/(\d+月\d+日[,，])/, `$1<svg onload="window.__pwned='svg'"></svg>"'><iframe src="javascript:window.__pwned='frame'"></iframe>`)
    .replace(/(\[1\][^\n]*)/, `$1 <a href="javascript:window.__pwned='ref'">javascript:window.__pwned='ref'</a> https://example.org/"onmouseover="window.__pwned='attr'`);
}

const HOSTILE_NAME = `xss-2025<img src=x onerror="window.__pwned='name'">.txt`;
const HOSTILE_ID = recordId(HOSTILE_NAME, new Uint8Array());

let browser: Browser;
let out: string;
let records: Map<string, ArticleRecord>;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`no browser at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  const dir = mkdtempSync(join(tmpdir(), 'digest-report-'));
  const inputs = join(dir, 'in');
  mkdirSync(inputs);
  copyFileSync(repo('fixtures/articles/ra-2025.txt'), join(inputs, 'ra-2025.txt'));
  copyFileSync(repo('fixtures/articles/as-2025-wechat.html'), join(inputs, 'as-2025-wechat.html'));
  // A hostile file name too: it is shown on the pages as the source path.
  writeFileSync(join(inputs, HOSTILE_NAME), hostileArticle());
  const raw = JSON.parse(readFileSync(repo('pipelines/digest.json'), 'utf8'));
  raw.inputs = [inputs];
  raw.out = join(dir, 'out');
  raw.data = Object.fromEntries(Object.entries(raw.data as Record<string, string>).map(([k, v]) => [k, repo(`pipelines/${v}`)]));
  delete raw.$schema;
  writeFileSync(join(dir, 'pipeline.json'), JSON.stringify(raw));
  const result = await build({ pipeline: loadPipeline(join(dir, 'pipeline.json')), concurrency: 1 });
  expect(result.failed).toBe(0);
  out = result.outDir;
  records = new Map(['ra-2025', 'as-2025-wechat', HOSTILE_ID].map((id) => [id, JSON.parse(readFileSync(join(out, 'articles', `${id}.json`), 'utf8'))]));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

/** A page that records every request leaving file://, every dialog and every page error. */
async function open(path: string, viewport = { width: 1100, height: 900 }): Promise<{ page: Page; network: string[]; dialogs: string[]; errors: string[] }> {
  const page = await browser.newPage({ viewport });
  const network: string[] = [];
  const dialogs: string[] = [];
  const errors: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (!url.startsWith('file:')) {
      network.push(url);
      return route.abort();
    }
    return route.continue();
  });
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(pathToFileURL(join(out, 'report', path)).href);
  return { page, network, dialogs, errors };
}

describe('review pages in a real browser (Debian chromium)', () => {
  it('the index lists both seeds with topic, period, timeline and counts, and leads to an article', async () => {
    const { page, network, errors } = await open('index.html');
    expect(await page.locator('header').count()).toBe(1);
    expect(await page.locator('main#main').count()).toBe(1);
    expect(await page.locator('footer').count()).toBe(1);
    const rows = page.locator('tbody tr');
    expect(await rows.count()).toBe(3);
    const ra = rows.filter({ hasText: 'ra-2025' });
    await expect.poll(() => ra.textContent()).toContain('rheumatoid arthritis');
    expect(await ra.textContent()).toContain('2025-01 – 2025-12');
    expect(await ra.locator('.timeline span.on').count()).toBe(12);
    const as = rows.filter({ hasText: 'as-2025-wechat' });
    // The AS digest has no section for January (its title declares 2025年1-12月), April or
    // August to November: the record's missingMonths, marked as gaps.
    expect(await as.locator('.timeline span.gap').count()).toBe(6);
    expect(await as.locator('[role=img]').getAttribute('aria-label')).toContain('missing 2025-01, 2025-04, 2025-08');
    await page.screenshot({ path: join(SCREENSHOTS, 'index.png') });
    await ra.getByRole('link', { name: 'ra-2025' }).click();
    await page.waitForURL(/ra-2025\.html$/);
    const h1 = page.locator('h1');
    expect(await h1.locator('[lang=zh-Hans]').textContent()).toBe(records.get('ra-2025')!.title);
    expect(await h1.locator('[lang=en]').textContent()).toBe(records.get('ra-2025')!.titleEn);
    expect(await page.locator('section.month').count()).toBe(12);
    expect(network).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the entity filter shows exactly the items that mention the chosen entity', async () => {
    const { page } = await open('ra-2025.html');
    const record = records.get('ra-2025')!;
    const items = record.sections.flatMap((s) => s.items);
    expect(await page.locator('.item:visible').count()).toBe(items.length);
    // The entity mentioned in the most items short of all of them.
    const itemsOf = (id: string) => items.filter((i) => i.entities.some((m) => m.entity === id)).length;
    const id = record.entities.map((e) => e.id).filter((e) => itemsOf(e) < items.length).sort((a, b) => itemsOf(b) - itemsOf(a) || (a < b ? -1 : 1))[0]!;
    const expected = itemsOf(id);
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(items.length);
    await page.locator('#entity-filter').focus();
    await page.selectOption('#entity-filter', id);
    expect(await page.locator('.item:visible').count()).toBe(expected);
    expect(await page.locator('mark.ent.chosen').count()).toBeGreaterThanOrEqual(expected);
    expect(await page.locator('#filter-status').textContent()).toMatch(new RegExp(`^${expected} items? mention`));
    expect(await page.locator('#filter-status').textContent()).toContain(record.entities.find((e) => e.id === id)!.label);
    await page.locator('.item:visible').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'article-filter.png') });
    await page.selectOption('#entity-filter', '');
    expect(await page.locator('.item:visible').count()).toBe(items.length);
    await page.close();
  });

  it('a citation marker leads to its reference, which links its DOI', async () => {
    const { page } = await open('ra-2025.html');
    const cite = page.locator('a.cite').first();
    const target = await cite.getAttribute('href');
    expect(target).toBe('#ref-1');
    await cite.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/#ref-1$/);
    const ref = page.locator('li:target');
    expect(await ref.getAttribute('id')).toBe('ref-1');
    expect(await ref.isVisible()).toBe(true);
    const doi = records.get('ra-2025')!.references[0]!.csl.DOI as string;
    expect(await ref.locator('a').first().getAttribute('href')).toBe(`https://doi.org/${doi}`);
    await page.screenshot({ path: join(SCREENSHOTS, 'article-reference.png') });
    await page.close();
  });

  it('every diagnostic is listed and shown at its place', async () => {
    const { page } = await open('ra-2025.html');
    const record = records.get('ra-2025')!;
    expect(await page.locator('#diagnostics li').count()).toBe(record.diagnostics.length);
    // The placeholder reference warning sits on reference 10 itself.
    const placed = page.locator('#ref-10 .diag.warning');
    expect(await placed.textContent()).toContain('reference-placeholder');
    await placed.locator('a').click();
    await page.waitForURL(/#d\d+$/);
    expect(await page.locator('li:target').textContent()).toContain('is a placeholder');
    await page.close();
  });

  it('is keyboard- and phone-friendly: skip link first, no sideways scrolling at 375 px, readable mark contrast', async () => {
    const { page } = await open('as-2025-wechat.html', { width: 375, height: 800 });
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(376);
    const ratios = await page.evaluate(() => {
      const channel = (c: number) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      const luminance = (rgb: string) => {
        const [r, g, b] = rgb.match(/\d+/g)!.map(Number) as [number, number, number];
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
      };
      return [...document.querySelectorAll('.legend mark')].map((m) => {
        const style = getComputedStyle(m);
        const [a, b] = [luminance(style.color), luminance(style.backgroundColor)].sort((x, y) => y - x) as [number, number];
        return { type: m.textContent, ratio: (a + 0.05) / (b + 0.05) };
      });
    });
    expect(ratios.length).toBeGreaterThan(4);
    for (const { type, ratio } of ratios) expect(ratio, type ?? '').toBeGreaterThanOrEqual(7);
    await page.screenshot({ path: join(SCREENSHOTS, 'phone.png') });
    await page.close();
  });

  it('hostile text (script, onerror, javascript: links) is shown as text and never runs', async () => {
    const { page, network, dialogs, errors } = await open(`${HOSTILE_ID}.html`);
    await page.mouse.move(200, 300);
    for (const link of (await page.locator('#references a').all()).slice(0, 10)) await link.hover({ timeout: 1000 }).catch(() => undefined);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    expect(network).toEqual([]);
    // Only the page's own script and no injected elements.
    expect(await page.locator('script').count()).toBe(1);
    expect(await page.locator('main img, main svg, main iframe').count()).toBe(0);
    const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    for (const href of hrefs) expect(href, href).toMatch(/^(?:#|https?:\/\/|index\.html$)/);
    // The hostile text is there, as text.
    expect(await page.locator('main').textContent()).toContain("<script>window.__pwned = 'intro'</script>");
    expect(await page.locator('main').textContent()).toContain('<svg onload=');
    expect(await page.locator('main').textContent()).toContain('javascript:window.__pwned=');
    const index = await open('index.html');
    expect(await index.page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
    expect(await index.page.locator('tbody').textContent()).toContain(HOSTILE_ID);
    expect(await page.locator('header').textContent()).toContain(HOSTILE_NAME);
    await index.page.close();
    await page.close();
  });
});
