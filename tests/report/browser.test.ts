/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { build } from '../../src/dataset/build.js';
import { loadPipeline } from '../../src/pipeline.js';
import type { ArticleRecord } from '../../src/generated/article.js';
import type { DatasetChanges } from '../../src/generated/changes.js';
import { recordId } from '../../src/core/record.js';
import { validatorFor } from '../../src/core/schemas.js';
import { copyDataset, repo } from '../helpers.js';

// Debian's chromium, as CI installs it (`apt-get install -y chromium`); never a downloaded browser.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS ? repo('docs/screenshots') : mkdtempSync(join(tmpdir(), 'digest-shots-'));

/** The hostile outcome clause: markup in the very text the facts stage reads an outcome from. */
const HOSTILE_CLAUSE = `结果:<b onmouseover="window.__pwned='fact'">ACR20</b>改善率在治疗1年时达100%<script>window.__pwned='facts'</script>`;
/** A paper title that would close the index's search data block if it were not escaped. */
const HOSTILE_TITLE = `</script><script>window.__pwned='search'</script>间充质基质细胞移植治疗自身免疫`;

/** The AS seed with hostile text where every kind of content goes: title, item, paper title, facts, reference. */
function hostileArticle(): string {
  const seed = readFileSync(repo('fixtures/articles/as-2025.txt'), 'utf8');
  // Not at the start and few tags: a text file that opens with a tag, or is full of them, is taken for HTML.
  return seed
    .replace(/(。)/, `$1<script>window.__pwned = 'intro'</script><img src=x onerror="window.__pwned='img'">`)
    .replace(/(\d+月\d+日[,，])/, `$1<svg onload="window.__pwned='svg'"></svg>"'><iframe src="javascript:window.__pwned='frame'"></iframe>`)
    .replace('间充质基质细胞移植治疗自身免疫', HOSTILE_TITLE)
    .replace(/(\n本研究最终纳入)/, `\n${HOSTILE_CLAUSE},明显高于对照组。$1`)
    .replace(/(\[1\][^\n]*)/, `$1 <a href="javascript:window.__pwned='ref'">javascript:window.__pwned='ref'</a> https://example.org/"onmouseover="window.__pwned='attr'`);
}

const HOSTILE_NAME = `xss-2025<img src=x onerror="window.__pwned='name'">.txt`;
const HOSTILE_ID = recordId(HOSTILE_NAME, new Uint8Array());

// (Each test drives a real Chromium through a few pages: 1–10 s alone, 4–8× that on a busy
// two-core machine, where the browser and the test share two cores with the rest of the suite.
// What they check is the pages' state (expect.poll waits for it), never time.)
vi.setConfig({ testTimeout: 240_000 });

let browser: Browser;
/** The first build (no previous build), and a second one over a copy of it after edits (the change view). */
let out: string;
let out2: string;
let records: Map<string, ArticleRecord>;
let changes2: DatasetChanges;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`no browser at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  const dir = mkdtempSync(join(tmpdir(), 'digest-report-'));
  const inputs = join(dir, 'in');
  mkdirSync(inputs);
  copyFileSync(repo('fixtures/articles/ra-2025.txt'), join(inputs, 'ra-2025.txt'));
  copyFileSync(repo('fixtures/articles/as-2025-wechat.html'), join(inputs, 'as-2025-wechat.html'));
  copyFileSync(repo('fixtures/articles/ra-2025-site.html'), join(inputs, 'ra-2025-site.html'));
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
  records = new Map(['ra-2025', 'as-2025-wechat', 'ra-2025-site', HOSTILE_ID].map((id) => [id, JSON.parse(readFileSync(join(out, 'articles', `${id}.json`), 'utf8'))]));

  // The next build, over a copy of the first: an item's date and a DOI edited, the hostile
  // article's first item gone, an article added and one removed.
  out2 = copyDataset(out, join(dir, 'out2'));
  const ra = join(inputs, 'ra-2025.txt');
  writeFileSync(ra, readFileSync(ra, 'utf8').replace('11月17日', '11月18日').replace('10.1186/s13287-025-04772-x', '10.1186/s13287-025-04999-x'));
  const hostile = join(inputs, HOSTILE_NAME);
  writeFileSync(hostile, readFileSync(hostile, 'utf8').replace(/\n2月11日[^\n]*/, ''));
  copyFileSync(repo('fixtures/articles/as-2025.txt'), join(inputs, 'as-2025.txt'));
  rmSync(join(inputs, 'as-2025-wechat.html'));
  const second = await build({ pipeline: loadPipeline(join(dir, 'pipeline.json')), outDir: out2, concurrency: 1 });
  expect(second.failed).toBe(0);
  changes2 = JSON.parse(readFileSync(join(out2, 'changes.json'), 'utf8'));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

interface Opened {
  page: Page;
  network: string[];
  dialogs: string[];
  /** Page errors and console errors and warnings (a blocked script, a CSP violation). */
  errors: string[];
}

/** A page that records every request leaving file://, every dialog, every page error and console error. */
async function open(path: string, viewport = { width: 1100, height: 900 }, folder = out): Promise<Opened> {
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
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
  });
  const [file, hash] = path.split('#');
  await page.goto(`${pathToFileURL(join(folder, 'report', file!.split('?')[0]!)).href}${file!.includes('?') ? `?${file!.split('?')[1]}` : ''}${hash ? `#${hash}` : ''}`);
  return { page, network, dialogs, errors };
}

const pwned = (page: Page) => page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned);

/** The items of a record with their page ids (`s3-2`). */
function itemsOf(record: ArticleRecord) {
  return record.sections.flatMap((s, i) => s.items.map((item, j) => ({ item, id: `s${i}-${j}` })));
}

describe('the index: timeline, counts, sorting, filters, links into the articles', () => {
  it('lists every article with topic, period, timeline and counts, and leads to an article', async () => {
    const { page, network, errors } = await open('index.html');
    expect(await page.locator('header').count()).toBe(1);
    expect(await page.locator('main#main').count()).toBe(1);
    const rows = page.locator('tbody tr');
    expect(await rows.count()).toBe(4);
    const ra = rows.filter({ has: page.getByRole('link', { name: 'ra-2025', exact: true }) });
    expect(await ra.textContent()).toContain('rheumatoid arthritis');
    expect(await ra.textContent()).toContain('2025-01 – 2025-12');
    expect(await ra.locator('.timeline span.on').count()).toBe(12);
    const as = rows.filter({ hasText: 'as-2025-wechat' });
    // The AS digest has no section for January (its title declares 2025年1-12月), April or
    // August to November: the record's missingMonths, marked as gaps.
    expect(await as.locator('.timeline span.gap').count()).toBe(6);
    expect(await as.locator('.months').getAttribute('aria-label')).toContain('missing 2025-01, 2025-04, 2025-08');
    expect(await page.locator('.revision').textContent()).toContain('no previous build to compare with');
    await ra.getByRole('link', { name: 'ra-2025', exact: true }).click();
    await page.waitForURL(/ra-2025\.html$/);
    const h1 = page.locator('h1');
    expect(await h1.locator('[lang=zh-Hans]').textContent()).toBe(records.get('ra-2025')!.title);
    expect(await h1.locator('[lang=en]').textContent()).toBe(records.get('ra-2025')!.titleEn);
    expect(await page.locator('section.month').count()).toBe(12);
    expect(network).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('sorts by any column, by mouse and by keyboard, and says how (aria-sort)', async () => {
    const { page, errors } = await open('index.html');
    const ids = () => page.locator('tbody tr th a').first().evaluate(() => [...document.querySelectorAll('tbody tr')].map((tr) => tr.querySelector('th a')?.textContent));
    expect(await ids()).toEqual([...records.keys()].sort());
    // Items: the first click sorts the largest first.
    await page.getByRole('button', { name: 'Items' }).click();
    const byItems = [...records.values()].sort((a, b) => itemsOf(b).length - itemsOf(a).length || (a.id < b.id ? -1 : 1)).map((r) => r.id);
    expect(await ids()).toEqual(byItems);
    expect(await page.locator('th[aria-sort=descending]').textContent()).toContain('Items');
    // By keyboard: the Article button, focused, Enter: ascending; again: descending.
    await page.getByRole('button', { name: 'Article' }).focus();
    await page.keyboard.press('Enter');
    expect(await ids()).toEqual([...records.keys()].sort());
    await page.keyboard.press('Enter');
    expect(await ids()).toEqual([...records.keys()].sort().reverse());
    expect(page.url()).toContain('sort=0%3Adesc');
    // Every column sorts (a permutation of the rows, the header marked).
    for (const name of ['Title', 'Months', 'References (DOI)', 'Entities', 'Diagnostics', 'Changes']) {
      await page.getByRole('button', { name }).click();
      expect((await ids()).sort()).toEqual([...records.keys()].sort());
      expect(await page.locator('th[aria-sort]').textContent()).toContain(name);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows only the articles with problems, and the URL keeps the filter', async () => {
    const { page } = await open('index.html');
    await page.getByLabel('Only articles with problems').check();
    const withProblems = [...records.values()].filter((r) => r.diagnostics.some((d) => d.severity !== 'info')).map((r) => r.id).sort();
    expect(withProblems.length).toBeGreaterThan(0);
    expect(withProblems.length).toBeLessThan(records.size);
    expect(await page.locator('tbody tr:visible th a').allTextContents()).toEqual(withProblems);
    expect(await page.locator('#table-status').textContent()).toBe(`Showing ${withProblems.length} of ${records.size} articles`);
    const again = await open(`index.html?only=problems`);
    expect(await again.page.locator('tbody tr:visible').count()).toBe(withProblems.length);
    await again.page.close();
    await page.close();
  });

  it('a month square leads to its month, a diagnostics count to the list, a rule to its first diagnostic', async () => {
    const { page } = await open('index.html');
    const ra = page.locator('tbody tr').filter({ has: page.getByRole('link', { name: 'ra-2025', exact: true }) });
    await ra.getByRole('link', { name: '2025-03' }).click();
    await page.waitForURL(/ra-2025\.html#m-2025-03$/);
    const month = records.get('ra-2025')!.sections.findIndex((s) => s.month === '2025-03');
    expect(await page.locator('#m-2025-03').evaluate((e) => e.parentElement!.id)).toBe(`s${month}`);
    expect(await page.locator(`#s${month} h2`).isVisible()).toBe(true);
    await page.goBack();
    await ra.locator('td[data-label=Diagnostics] a').first().click();
    await page.waitForURL(/ra-2025\.html#diagnostics$/);
    await page.goBack();
    await ra.getByRole('link', { name: /reference-placeholder/ }).click();
    await page.waitForURL(/ra-2025\.html#rule-reference-placeholder$/);
    expect(await page.locator('#rule-reference-placeholder').evaluate((e) => e.parentElement!.textContent)).toContain('is a placeholder');
    await page.close();
  });

  it('nothing needs sideways scrolling at 1100 px or on a phone; titles take at most two lines each', async () => {
    for (const width of [1100, 375]) {
      const { page, errors } = await open('index.html', { width, height: 900 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `${width} px`).toBeLessThanOrEqual(width);
      // No box of its own that scrolls sideways either.
      const scrollers = await page.evaluate(() => [...document.querySelectorAll('main *')].filter((e) => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible' && !e.closest('.t')).map((e) => e.tagName));
      expect(scrollers, `${width} px`).toEqual([]);
      const lines = await page.locator('td.title .t').evaluateAll((ts) => ts.map((t) => t.getBoundingClientRect().height / parseFloat(getComputedStyle(t).lineHeight)));
      for (const n of lines) expect(n).toBeLessThanOrEqual(2.05);
      expect(errors).toEqual([]);
      await page.close();
    }
  });
});

describe('search across articles', () => {
  it('finds entities, journals, DOIs and items from the embedded index, and is driven by the keyboard', async () => {
    const { page, errors, network } = await open('index.html');
    const data = JSON.parse(await page.locator('#search-data').evaluate((e) => e.textContent!));
    expect(validatorFor('searchIndex')(data)).toBe(true);
    const box = page.getByLabel('Search all articles');
    // An entity, in Chinese: its articles, each linked with the filter in the URL.
    await box.fill('类风湿关节炎');
    const entities = page.locator('#q-results .q-group').filter({ hasText: /^Entities/ });
    await expect.poll(() => entities.count()).toBe(1);
    const link = entities.getByRole('link', { name: /^ra-2025 \(\d+\)$/ });
    expect(await link.getAttribute('href')).toBe('ra-2025.html?entity=disease%3Arheumatoid-arthritis');
    // A DOI: the reference in its article.
    const ref = records.get('ra-2025')!.references.find((r) => typeof r.csl.DOI === 'string')!;
    await box.fill(String(ref.csl.DOI));
    const dois = page.locator('#q-results .q-group').filter({ hasText: /^DOIs/ });
    await expect.poll(() => dois.count()).toBe(1);
    expect(await dois.getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toContain(`ra-2025.html#${ref.id}`);
    // A journal, in any case: its items. ↓ moves into the results, ↓ again to the next, Enter follows.
    await box.fill('stem cell research');
    const journals = page.locator('#q-results .q-group').filter({ hasText: /^Journals/ });
    await expect.poll(() => journals.count()).toBe(1);
    await box.press('ArrowDown');
    const first = await page.evaluate(() => document.activeElement?.getAttribute('href'));
    expect(first).toMatch(/^[a-z0-9-]+\.html/);
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).not.toBe(first);
    await page.keyboard.press('ArrowUp');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe(first);
    await page.screenshot({ path: join(SCREENSHOTS, 'search.png') });
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`${first!.replace(/[.?]/g, '\\$&')}$`));
    // Escape clears.
    await page.goBack();
    await box.fill('nothing-like-this-anywhere');
    await expect.poll(() => page.locator('#q-results').textContent()).toBe('Nothing found.');
    await box.press('Escape');
    expect(await box.inputValue()).toBe('');
    expect(errors).toEqual([]);
    expect(network).toEqual([]);
    await page.close();
  });

  it('an entity result opens the article filtered to it, as the link in the URL says', async () => {
    const { page, errors } = await open('ra-2025.html?entity=disease%3Arheumatoid-arthritis');
    const record = records.get('ra-2025')!;
    const expected = itemsOf(record).filter(({ item }) => item.entities.some((m) => m.entity === 'disease:rheumatoid-arthritis')).length;
    expect(await page.locator('#entity-filter').inputValue()).toBe('disease:rheumatoid-arthritis');
    expect(await page.locator('.item:visible').count()).toBe(expected);
    expect(await page.locator('#filter-status').textContent()).toMatch(new RegExp(`^${expected} items? mention rheumatoid arthritis`));
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('an article: facts, entities, references, diagnostics', () => {
  it('shows each item\'s facts beside it, and each outcome lights up the clause it was read from', async () => {
    const { page, errors } = await open('ra-2025.html');
    const record = records.get('ra-2025')!;
    const { item, id } = itemsOf(record).find(({ item }) => (item.facts?.outcomes.length ?? 0) > 1)!;
    const facts = page.locator(`#${id} aside.facts`);
    expect(await facts.locator('dd').first().textContent()).toContain(item.facts!.institution!.text);
    const outcomes = facts.locator('.outcomes li');
    expect(await outcomes.count()).toBe(item.facts!.outcomes.length);
    for (const [n, o] of item.facts!.outcomes.entries()) {
      const li = outcomes.nth(n);
      expect(await li.locator('.measure').textContent()).toBe(o.measure);
      expect(await li.locator('.value').textContent()).toContain(`${o.value}${o.unit === '%' ? '%' : ''}`);
      if (o.timepoint) expect(await li.textContent()).toContain(o.timepoint);
      if (o.comparator) expect(await li.textContent()).toContain(o.comparator);
      // The clause in the text is the outcome's text (plus its number marker).
      const clause = page.locator(`#${await li.getAttribute('data-clause')}`);
      expect((await clause.textContent())!.replace(/\d+$/, '')).toContain(o.text);
    }
    // "ACR20 100% at 1 year, 89.3% at 5 years": both outcomes, with their time points.
    expect(await outcomes.allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/ACR20 100% at 1 year/), expect.stringMatching(/ACR20 89\.3% at 5 years/)]));
    // Facts sit beside the text at 1100 px.
    const [text, aside] = [await page.locator(`#${id} .item-main`).boundingBox(), await facts.boundingBox()];
    expect(aside!.x).toBeGreaterThan(text!.x + text!.width - 1);
    const second = outcomes.nth(1);
    await second.hover();
    const clause = page.locator(`#${await second.getAttribute('data-clause')}`);
    expect(await clause.getAttribute('class')).toContain('lit');
    await page.screenshot({ path: join(SCREENSHOTS, 'article-facts.png') });
    // By keyboard: the clause link of an outcome leads to the clause.
    await second.getByRole('link', { name: 'the clause' }).focus();
    expect(await clause.getAttribute('class')).toContain('lit');
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`#${await second.getAttribute('data-clause')}$`));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the entity filter shows exactly the items that mention the chosen entity, and keeps it in the URL', async () => {
    const { page } = await open('ra-2025.html');
    const record = records.get('ra-2025')!;
    const items = itemsOf(record).map((i) => i.item);
    expect(await page.locator('.item:visible').count()).toBe(items.length);
    // The entity mentioned in the most items short of all of them.
    const itemsOfEntity = (id: string) => items.filter((i) => i.entities.some((m) => m.entity === id)).length;
    const id = record.entities.map((e) => e.id).filter((e) => itemsOfEntity(e) < items.length).sort((a, b) => itemsOfEntity(b) - itemsOfEntity(a) || (a < b ? -1 : 1))[0]!;
    const expected = itemsOfEntity(id);
    expect(expected).toBeGreaterThan(0);
    await page.locator('#entity-filter').focus();
    await page.selectOption('#entity-filter', id);
    expect(await page.locator('.item:visible').count()).toBe(expected);
    expect(await page.locator('mark.ent.chosen').count()).toBeGreaterThanOrEqual(expected);
    expect(await page.locator('#filter-status').textContent()).toMatch(new RegExp(`^${expected} items? mention`));
    expect(new URL(page.url()).searchParams.get('entity')).toBe(id);
    await page.locator('.item:visible').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'article-filter.png') });
    // The link reproduces the view.
    const again = await open(`ra-2025.html?entity=${encodeURIComponent(id)}`);
    expect(await again.page.locator('.item:visible').count()).toBe(expected);
    await again.page.close();
    await page.selectOption('#entity-filter', '');
    expect(await page.locator('.item:visible').count()).toBe(items.length);
    expect(new URL(page.url()).searchParams.has('entity')).toBe(false);
    await page.close();
  });

  it('the entity highlights turn off with a switch (keyboard too), and stay off on the next page', async () => {
    const { page } = await open('ra-2025.html');
    const background = () => page.locator('.item mark.ent').first().evaluate((m) => getComputedStyle(m).backgroundColor);
    const colored = await background();
    expect(colored).not.toBe('rgba(0, 0, 0, 0)');
    await page.getByLabel('Highlight entity mentions').focus();
    await page.keyboard.press('Space');
    // The switch's handler and the style it sets land after the key press returns on a busy
    // machine: wait for the state (polled), never for a time.
    await expect.poll(background).toBe('rgba(0, 0, 0, 0)');
    await expect.poll(() => page.locator('.item mark.ent').first().evaluate((m) => getComputedStyle(m).textDecorationLine)).toBe('none');
    // Another article in the same browser: still off; on again, and back here it is on.
    await page.goto(page.url().replace('ra-2025.html', 'ra-2025-site.html'));
    await expect.poll(() => page.getByLabel('Highlight entity mentions').isChecked()).toBe(false);
    await expect.poll(background).toBe('rgba(0, 0, 0, 0)');
    await page.getByLabel('Highlight entity mentions').check();
    await page.goBack();
    await page.reload();
    await expect.poll(background).toBe(colored);
    await page.close();
  });

  it('a citation leads to its reference, which links its DOI and leads back to the items that cite it', async () => {
    const { page } = await open('ra-2025.html');
    const record = records.get('ra-2025')!;
    const cite = page.locator('a.cite').first();
    expect(await cite.getAttribute('href')).toBe('#ref-1');
    await cite.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/#ref-1$/);
    const ref = page.locator('li:target');
    expect(await ref.getAttribute('id')).toBe('ref-1');
    expect(await ref.locator('a').first().getAttribute('href')).toBe(`https://doi.org/${record.references[0]!.csl.DOI as string}`);
    await page.screenshot({ path: join(SCREENSHOTS, 'article-reference.png') });
    for (const reference of record.references) {
      const citing = itemsOf(record).filter(({ item }) => item.citations.includes(reference.id)).map(({ id }) => `#${id}`);
      expect(await page.locator(`#${reference.id} a.backlink`).evaluateAll((as) => as.map((a) => a.getAttribute('href'))), reference.id).toEqual(citing);
    }
    await ref.locator('a.backlink').first().click();
    const citing = itemsOf(record).find(({ item }) => item.citations.includes('ref-1'))!;
    await page.waitForURL(new RegExp(`#${citing.id}$`));
    await page.close();
  });

  it('every diagnostic is listed, shown at its place, and opens the source at its line; so does every item', async () => {
    const { page } = await open('ra-2025.html');
    const record = records.get('ra-2025')!;
    expect(await page.locator('#diagnostics li').count()).toBe(record.diagnostics.length);
    const listed = await page.locator('#diagnostics li > a[href*=".source.html"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(listed.sort()).toEqual(record.diagnostics.map((d) => `ra-2025.source.html#L${d.line}`).sort());
    for (const { item, id } of itemsOf(record)) expect(await page.locator(`#${id} a.src-link`).getAttribute('href')).toBe(`ra-2025.source.html#L${item.position.start.line}`);
    // The placeholder reference warning sits on reference 10 itself.
    const placed = page.locator('#ref-10 .diag.warning');
    expect(await placed.textContent()).toContain('reference-placeholder');
    await placed.getByRole('link', { name: 'listed' }).click();
    await page.waitForURL(/#d\d+$/);
    expect(await page.locator('li:target').textContent()).toContain('is a placeholder');
    await placed.getByRole('link', { name: /in the source/ }).click();
    await page.waitForURL(/ra-2025\.source\.html#L121$/);
    await page.close();
  });

  it('is keyboard- and phone-friendly: skip link first, no sideways scrolling at 375 px, readable mark contrast', async () => {
    const { page, errors } = await open('as-2025-wechat.html', { width: 375, height: 800 });
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
    // An item with its facts below it, on a phone.
    await page.locator('.item:has(.outcomes) h3').first().evaluate((e) => e.scrollIntoView());
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(376);
    await page.screenshot({ path: join(SCREENSHOTS, 'phone.png') });
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('the source page', () => {
  it('opens a diagnostic\'s line of an HTML page beside what was extracted, with the markup, the text kept and the boilerplate dropped', async () => {
    const record = records.get('ra-2025-site')!;
    const warning = record.diagnostics.find((d) => d.rule === 'reference-placeholder')!;
    expect(`${warning.line}:${warning.column}`).toBe('131:10');
    const { page, errors, network } = await open(`ra-2025-site.source.html#L${warning.line}`);
    const line = page.locator(`#L${warning.line}`);
    expect(await line.evaluate((e) => e.matches(':target'))).toBe(true);
    expect(await line.isVisible()).toBe(true);
    expect(await line.textContent()).toBe(`${warning.line}      <p>[10]cde</p>`);
    // The text the parser kept is marked apart from the markup around it.
    expect(await line.locator('.k').textContent()).toBe('[10]cde');
    expect(await line.locator('.tag').allTextContents()).toEqual(['<p>', '</p>']);
    // Beside it: what the lines became; under it: the diagnostic.
    const segment = line.locator('xpath=ancestor::div[contains(@class,"seg")]');
    expect(await segment.locator('.got-col').textContent()).toContain('Reference [10] placeholder');
    expect(await segment.locator('.diag.warning').textContent()).toContain('reference-placeholder');
    const [src, got] = [await segment.locator('.src').boundingBox(), await segment.locator('.got-col').boundingBox()];
    expect(got!.x).toBeGreaterThan(src!.x + src!.width - 1);
    await page.screenshot({ path: join(SCREENSHOTS, 'source.png') });
    // Boilerplate: dropped, with its text.
    for (const b of record.boilerplate) {
      const seg = page.locator(`#L${b.position.start.line}`).locator('xpath=ancestor::div[contains(@class,"seg")]');
      expect(await seg.getAttribute('class')).toContain('c-dropped');
      expect(await seg.locator('.got-col').textContent()).toContain(b.text);
    }
    // Every item starts in an item's run of lines, which shows the text extracted from it.
    for (const { item, id } of itemsOf(record)) {
      const seg = page.locator(`#L${item.position.start.line}`).locator('xpath=ancestor::div[contains(@class,"seg")]');
      expect(await seg.getAttribute('class')).toContain('c-item');
      expect(await seg.locator(`.got-col a[href="ra-2025-site.html#${id}"]`).count()).toBe(1);
    }
    // Every diagnostic under its line.
    expect(await page.locator('.diag').count()).toBe(record.diagnostics.length);
    // The page chrome is there, as not kept.
    expect(await page.locator('.seg.c-none').first().textContent()).toContain('<!DOCTYPE html>');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1100);
    expect(errors).toEqual([]);
    expect(network).toEqual([]);
    await page.close();
    const phone = await open(`ra-2025-site.source.html#L${warning.line}`, { width: 375, height: 800 });
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(376);
    await phone.page.close();
  });
});

describe('the change view (a second build over the first)', () => {
  it('the index says what the latest revision changed, added and removed, and filters to it', async () => {
    expect(changes2.revision).toBe(2);
    const { page, errors } = await open('index.html', { width: 1100, height: 900 }, out2);
    const summary = await page.locator('.revision').textContent();
    expect(summary).toContain('Revision 2');
    expect(summary).toMatch(/changed ra-2025 \(/);
    expect(summary).toContain('added as-2025');
    expect(summary).toContain('removed as-2025-wechat');
    const ra = page.locator('tbody tr').filter({ has: page.getByRole('link', { name: 'ra-2025', exact: true }) });
    // One item: its date and the DOI it cites; and the reference whose DOI changed.
    expect(await ra.locator('td[data-label=Changes]').textContent()).toContain('changed 1 changed item; 1 reference');
    await page.getByLabel('Only articles changed in revision 2').check();
    expect((await page.locator('tbody tr:visible th a').allTextContents()).sort()).toEqual(['as-2025', 'ra-2025', HOSTILE_ID].sort());
    await page.screenshot({ path: join(SCREENSHOTS, 'index-changes.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('an article lists its new, removed and changed items with dates and DOIs, and marks them in place', async () => {
    const { page, errors } = await open('ra-2025.html#changes', { width: 1100, height: 900 }, out2);
    const panel = page.locator('#changes');
    const text = await panel.textContent();
    expect(text).toContain('Changed in revision 2');
    expect(text).toContain('date 2025-11-17 → 2025-11-18');
    expect(text).toContain('10.1186/s13287-025-04772-x → 10.1186/s13287-025-04999-x');
    expect(text).toMatch(/Reference \[12\] DOI 10\.1186\/s13287-025-04772-x → 10\.1186\/s13287-025-04999-x/);
    await page.screenshot({ path: join(SCREENSHOTS, 'article-changes.png') });
    const changed = page.locator('.item.is-changed');
    expect(await changed.count()).toBe(1);
    expect(await changed.locator('.change-note').textContent()).toContain('date 2025-11-17 → 2025-11-18');
    const hostile = await open(`${HOSTILE_ID}.html#changes`, { width: 1100, height: 900 }, out2);
    expect(await hostile.page.locator('#changes .badge.removed').count()).toBe(1);
    expect(await hostile.page.locator('#changes').textContent()).toContain('2025-02-11');
    // The removed item's start, hostile markup and all, as text.
    expect(await hostile.page.locator('#changes q').first().textContent()).toContain('<svg onload=');
    expect(await pwned(hostile.page)).toBeUndefined();
    expect(hostile.errors).toEqual([]);
    await hostile.page.close();
    const added = await open('as-2025.html', { width: 1100, height: 900 }, out2);
    expect(await added.page.locator('#changes').textContent()).toContain('Added in revision 2');
    await added.page.close();
    expect(errors).toEqual([]);
    await page.close();
  });
});

/**
 * Hovers the first `most` elements `locator` finds that the page shows (a link in a closed
 * section is not), each when the browser lets the pointer reach it (Playwright's actionability
 * checks: shown, stable, not covered; for up to its 30 s): how many. Which are shown is the page's state, not a
 * race against a clock; one the page shows and the pointer never reaches fails the test.
 */
async function hoverShown(locator: Locator, most = Infinity): Promise<number> {
  let hovered = 0;
  for (const element of await locator.all()) {
    if (hovered === most) break;
    if (!(await element.isVisible())) continue;
    await element.hover();
    hovered++;
  }
  return hovered;
}

describe('hostile text is shown as text and never runs', () => {
  it('in the article: title, items, paper title, facts, references', async () => {
    const record = records.get(HOSTILE_ID)!;
    expect(record.source.format).toBe('text');
    const outcome = itemsOf(record).flatMap(({ item }) => item.facts?.outcomes ?? []).find((o) => o.text.includes('<script>'));
    expect(outcome, 'the facts stage read an outcome from the hostile clause').toBeDefined();
    const { page, network, dialogs, errors } = await open(`${HOSTILE_ID}.html`);
    await page.mouse.move(200, 300);
    // Each reference link and outcome the page shows is hovered, waiting as long as the browser needs
    // for it to take the pointer (was: 1 s each, a hover not done in time skipped: under load, none).
    expect(await hoverShown(page.locator('#references a'), 10)).toBe(10);
    expect(await hoverShown(page.locator('.outcomes li'))).toBe(await page.locator('.outcomes li').count());
    expect(await pwned(page)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    expect(network).toEqual([]);
    // Only the page's own script and no injected elements.
    expect(await page.locator('script').count()).toBe(1);
    expect(await page.locator('main img, main svg, main iframe, main b').count()).toBe(0);
    const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    for (const href of hrefs) expect(href, href).toMatch(new RegExp(`^(?:#|https?://|index\\.html$|${HOSTILE_ID}\\.source\\.html(?:#L\\d+)?$)`));
    // The hostile text is there, as text: in the items, the paper title, the facts, the references.
    const main = await page.locator('main').textContent();
    expect(main).toContain("<script>window.__pwned = 'intro'</script>");
    expect(main).toContain('<svg onload=');
    expect(main).toContain('javascript:window.__pwned=');
    expect(await page.locator('.paper').first().textContent()).toContain(HOSTILE_TITLE);
    expect(await page.locator('.outcomes q').allTextContents()).toContain(outcome!.text);
    expect(await page.locator('header').textContent()).toContain(HOSTILE_NAME);
    await page.close();
  });

  it('in the source page, the index and its search data', async () => {
    const source = await open(`${HOSTILE_ID}.source.html`);
    expect(await pwned(source.page)).toBeUndefined();
    expect(await source.page.locator('script').count()).toBe(0);
    expect(await source.page.locator('main img, main svg, main iframe, main b').count()).toBe(0);
    expect(await source.page.locator('main').textContent()).toContain(`<img src=x onerror="window.__pwned='img'">`);
    expect(source.errors).toEqual([]);
    await source.page.close();
    const index = await open('index.html');
    expect(await pwned(index.page)).toBeUndefined();
    // The page's own script and the search data block: nothing the hostile title could open.
    expect(await index.page.locator('script').count()).toBe(2);
    expect(await index.page.locator('tbody').textContent()).toContain(HOSTILE_ID);
    await index.page.getByLabel('Search all articles').fill('window.__pwned');
    const items = index.page.locator('#q-results .q-group').filter({ hasText: /^Items/ });
    await expect.poll(() => items.count()).toBe(1);
    expect(await items.textContent()).toContain(HOSTILE_TITLE);
    expect(await pwned(index.page)).toBeUndefined();
    expect(index.errors).toEqual([]);
    expect(index.network).toEqual([]);
    await index.page.close();
  });
});
