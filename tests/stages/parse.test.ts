import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { main, type Io } from '../../src/cli/main.js';
import { ingestDetailed } from '../../src/ingest.js';
import { detectFormat, markdownSignal } from '../../src/stages/parse.js';
import { fixture, pipeline, repo, runUpTo } from '../helpers.js';

describe('parse: format detection', () => {
  it('goes by extension, then by content', () => {
    expect(detectFormat('plain', 'a.html')).toBe('html');
    expect(detectFormat('plain', 'a.md')).toBe('markdown');
    expect(detectFormat('<!DOCTYPE html><html><body><p>x</p></body></html>', 'a.txt')).toBe('html');
    expect(detectFormat('# 标题\n\n## 2025年3月\n\n正文', null)).toBe('markdown');
    // "- " bullet lists are common in plain-text digests and do not make Markdown.
    expect(detectFormat('正文\n- 一\n- 二\n- 三\n- 四\n- 五\n- 六', 'a.txt')).toBe('text');
  });
});

describe('parse: format detection without patterns', () => {
  it('answers a text holding no "<" and none of the Markdown marks without running a pattern', () => {
    const exec = vi.spyOn(RegExp.prototype, 'exec');
    try {
      expect(detectFormat('正文第一行。\n2025年3月干细胞治疗\n- 一\n- 二\n* 三\n1. 四 (2025) [5]', 'a.txt')).toBe('text');
      expect(detectFormat(readFileSync(repo('fixtures/articles/as-2025.txt'), 'utf8'), null)).toBe('text');
      expect(exec).not.toHaveBeenCalled();
    } finally {
      exec.mockRestore();
    }
  });

  it('decides as the signal pattern does, line by line, on seeded texts of the marks and prose', () => {
    const pieces = ['#', '## ', '**', '*', '](', '](https://x.org/a)', '](http', '[链接', '>', '> ', '   > ', '```', '~~~', '~~', '`', '<', 'p>', '<p>', '</div>', ' ', '\n', '正文', 'text', '2025', '-', ')'];
    const texts = fc.sample(fc.array(fc.constantFrom(...pieces), { minLength: 0, maxLength: 16 }).map((parts) => parts.join('')), { seed: 21, numRuns: 5000 });
    let markdown = 0;
    for (const text of texts) {
      const html = detectFormat(text, null) === 'html';
      if (html) continue;
      const signals = text.split('\n').filter((line) => markdownSignal.test(line.slice(0, 600))).length;
      const expected = signals >= 2 ? 'markdown' : 'text';
      markdown += expected === 'markdown' ? 1 : 0;
      expect(detectFormat(text, null), JSON.stringify(text)).toBe(expected);
    }
    // Not vacuous: both answers are met.
    expect(markdown).toBeGreaterThan(20);
    expect(markdown).toBeLessThan(texts.length - 100);
  });
});

describe('parse: plain text', () => {
  it('makes one block per non-blank line whose text is the exact source slice', async () => {
    const text = '  导语第一段。\n\n2025年3月干细胞治疗强直性脊柱炎最新临床进展\n- 列表项\n';
    const doc = await runUpTo(text, 'parse');
    expect(doc.blocks.map((b) => [b.kind, b.text])).toEqual([
      ['paragraph', '导语第一段。'],
      ['paragraph', '2025年3月干细胞治疗强直性脊柱炎最新临床进展'],
      ['list-item', '列表项'],
    ]);
    for (const b of doc.blocks) expect(doc.text.slice(b.start, b.end)).toBe(b.text);
  });
});

describe('parse: Markdown', () => {
  it('keeps headings, splits paragraphs at line breaks, strips emphasis, numbers ordered items', async () => {
    const md = '# 标题\n\n## 2025年3月进展\n3月5日,**行业期刊**《干细胞研究与治疗》。[4]\n第二行\n\n1. Wang L. Title. J 2025;1:2.\n2. Second entry\n';
    const doc = await runUpTo(md, 'parse', 'x.md');
    expect(doc.blocks.map((b) => [b.kind, b.text, b.ordinal ?? null])).toEqual([
      ['heading', '标题', null],
      ['heading', '2025年3月进展', null],
      ['paragraph', '3月5日,行业期刊《干细胞研究与治疗》。[4]', null],
      ['paragraph', '第二行', null],
      ['list-item', 'Wang L. Title. J 2025;1:2.', 1],
      ['list-item', 'Second entry', 2],
    ]);
    const second = doc.blocks[3]!;
    expect(doc.lines.point(second.start)).toEqual({ line: 5, column: 1 });
  });

  it('places lines inside lists, quotes and code blocks at their text, past the markers', async () => {
    const md = '3. 三月\n   续行:3月5日的研究\n- 要点\n  - 嵌套\n    嵌套续行\n\n> 引文第一行\n> 引文第二行\n\n```\n代码行\n```\n';
    const doc = await runUpTo(md, 'parse', 'x.md');
    expect(doc.blocks.map((b) => [b.kind, b.text, b.ordinal ?? null])).toEqual([
      ['list-item', '三月', 3],
      ['list-item', '续行:3月5日的研究', null],
      ['list-item', '要点', null],
      ['list-item', '嵌套', null],
      ['list-item', '嵌套续行', null],
      ['paragraph', '引文第一行', null],
      ['paragraph', '引文第二行', null],
      ['paragraph', '代码行', null],
    ]);
    for (const b of doc.blocks) {
      expect(b.exact, b.text).toBe(true);
      expect(doc.text.slice(b.start, b.end)).toBe(b.text);
    }
    expect(doc.lines.point(doc.blocks[1]!.start)).toEqual({ line: 2, column: 4 });
    expect(doc.lines.point(doc.blocks[6]!.start)).toEqual({ line: 8, column: 3 });
  });
});

describe('parse: HTML', () => {
  it('keeps the article of a site page and drops its chrome', async () => {
    const doc = await runUpTo(fixture('articles/ra-2025-site.html').toString('utf8'), 'parse', 'ra-2025-site.html');
    const text = doc.blocks.map((b) => b.text).join('\n');
    expect(doc.variant).toBe('site');
    expect(doc.title).toBe('2025年干细胞治疗类风湿关节炎临床进展汇总');
    expect(text).toContain('1月7日,国际知名期刊《International Immunopharmacology》');
    for (const chrome of ['首页', '电话:400', '分享到', '上一篇', '相关文章', '2025年4月干细胞治疗肝硬化', 'ICP备', 'dataLayer', '发布时间']) {
      expect(text).not.toContain(chrome);
    }
    // <sub>/<sup> become plain characters inside the word.
    expect(text).toContain('Atf3+Ccl3+CX3CR1+巨噬细胞');
    expect(text).toContain('H2O2诱导');
  });

  it('reads a WeChat export from its hidden #js_content, headings as bold paragraphs', async () => {
    const doc = await runUpTo(fixture('articles/as-2025-wechat.html').toString('utf8'), 'parse', 'as-2025-wechat.html');
    expect(doc.variant).toBe('wechat');
    const headings = doc.blocks.filter((b) => b.strong).map((b) => b.text);
    expect(headings).toContain('2025年3月干细胞治疗强直性脊柱炎最新临床进展');
    const text = doc.blocks.map((b) => b.text).join('\n');
    expect(text).not.toContain('阅读原文');
    expect(text).not.toContain('微信扫一扫');
    expect(text).not.toContain('var biz');
  });

  it('places each block at its text in the source', async () => {
    const html = '<html><body><article><h2>2025年3月进展</h2>\n<p>3月5日,<b>行业</b>期刊。[4]</p></article></body></html>';
    const doc = await runUpTo(html, 'parse', 'x.html');
    expect(doc.blocks.map((b) => b.text)).toEqual(['2025年3月进展', '3月5日,行业期刊。[4]']);
    expect(doc.lines.point(doc.blocks[1]!.start)).toEqual({ line: 2, column: 4 });
  });

  it('reports a page with no article text as an error (not fatal: later stages still run and report)', async () => {
    const doc = await runUpTo('<html><body><script>var a = 1;</script><nav>首页</nav></body></html>', 'parse', 'x.html');
    expect(doc.diagnostics.find((d) => d.rule === 'body-empty')).toMatchObject({ severity: 'error' });
    expect(doc.failed).toBe(false);
  });
});

describe('parse: huge Markdown paragraphs and code blocks (issue 11, point 8)', () => {
  // (The size is the point of these tests: each ingests 140,000–250,000 lines, 5–9 s alone, the
  // build of both ~20 s; on a busy two-core machine 4–8× that, so their timeouts are far above.)
  const lines = (n: number) => Array.from({ length: n }, (_, i) => `line ${i}`).join('\n');
  const paragraph = (n: number) => `# T\n\n${lines(n)}\n`;
  const code = (n: number) => `# T\n\n\`\`\`\n${lines(n)}\n\`\`\`\n`;

  it.each([
    ['paragraph', paragraph],
    ['code block', code],
  ])('a %s of 140,000 lines is read (it overflowed the stack: "Maximum call stack size exceeded")', async (_, make) => {
    const { record } = await ingestDetailed({ text: make(140_000), name: 'deep.md' }, { pipeline: pipeline() });
    expect(record.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  }, 240_000);

  it('one of 250,000 lines ends in the documented limit error, too-many-blocks', async () => {
    const { record, ok } = await ingestDetailed({ text: paragraph(250_000), name: 'deep.md' }, { pipeline: pipeline() });
    expect(ok).toBe(false);
    expect(record.diagnostics).toEqual([expect.objectContaining({ rule: 'too-many-blocks', fatal: true, message: '250001 blocks, over the limit maxBlocks=200000' })]);
  }, 240_000);

  it('the same in a build: the 140,000-line input gets its record, the 250,000-line one the limit error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deep-'));
    mkdirSync(join(dir, 'in'));
    writeFileSync(join(dir, 'in', 'deep.md'), code(140_000));
    writeFileSync(join(dir, 'in', 'deeper.md'), paragraph(250_000));
    cpSync(repo('pipelines'), join(dir, 'pipelines'), { recursive: true });
    const raw = JSON.parse(readFileSync(join(dir, 'pipelines', 'digest.json'), 'utf8'));
    raw.inputs = [join(dir, 'in')];
    writeFileSync(join(dir, 'pipelines', 'digest.json'), JSON.stringify(raw));
    let stderr = '';
    const io: Io = { stdout: () => undefined, stderr: (t) => void (stderr += t), stdin: async () => new Uint8Array(0), stderrIsTTY: false };
    const code_ = await main(['build', '--pipeline', join(dir, 'pipelines', 'digest.json'), '--out', join(dir, 'out'), '--concurrency', '1', '--no-cache', '--quiet'], io);
    expect(code_).toBe(1);
    expect(stderr).toContain('250001 blocks, over the limit maxBlocks=200000 [too-many-blocks]');
    expect(stderr).not.toContain('stage-crashed');
    expect(existsSync(join(dir, 'out', 'articles', 'deep.json'))).toBe(true);
  }, 480_000);
});

describe('parse: a plain-text page with its post\'s markup left in (genre-zh23)', () => {
  it('reads a text of inline paragraphs as HTML, and its paragraphs and its plain lines (main gave body-empty and no record)', async () => {
    const text = readFileSync(repo('tests/fixtures/genre-zh23-forum-fragment-hant/input.txt'), 'utf8');
    expect(detectFormat(text, 'input.txt')).toBe('html');
    const doc = await runUpTo(text, 'parse', 'input.txt');
    expect(doc.diagnostics.map((d) => d.rule)).not.toContain('body-empty');
    expect(doc.blocks.map((b) => b.text)).toEqual([
      '膝關節退化 醫院擬推幹細胞療法',
      '【某某報╱中央社】',
      '某某醫院骨科團隊表示,將向主管機關申請以自體脂肪幹細胞治療退化性關節,預計明年開始收案。',
      '團隊指出,退化性關節的患者多以止痛藥與復健處理,軟骨一旦磨損便難以自行修復。',
      '醫院強調,療程仍在規劃階段,民眾不宜輕信坊間的細胞治療廣告。',
    ]);
  });

  it('keeps prose naming a tag or two as text', () => {
    expect(detectFormat('干细胞治疗新闻\n网页里的<p>标签和<br>换行不会改变本文是纯文本。\n第二段。', 'a.txt')).toBe('text');
  });
});
