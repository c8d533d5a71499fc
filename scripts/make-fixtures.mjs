// Regenerates the fixture variants in fixtures/articles/ from the two seed articles
// (ra-2025.txt, as-2025.txt). The outputs are committed; this script records how they were
// made so a reviewer can rebuild and diff them. Run: node scripts/make-fixtures.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import * as OpenCC from 'opencc-js';

const dir = fileURLToPath(new URL('../fixtures/articles/', import.meta.url));
const seed = (name) => readFileSync(dir + name, 'utf8').replace(/\r\n?/g, '\n');
const ra = seed('ra-2025.txt');
const as = seed('as-2025.txt');

const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const superscript = { '⁺': '+', '⁻': '-', '⁰': '0', '¹': '1', '²': '2', '³': '3' };
const subscript = { '₀': '0', '₁': '1', '₂': '2', '₃': '3', '₄': '4' };
// Saved pages carry super/subscripts as markup (GBK has no such characters).
const markupScripts = (s) =>
  s.replace(/[⁺⁻⁰¹²³]/g, (c) => `<sup>${superscript[c]}</sup>`).replace(/[₀₁₂₃₄]/g, (c) => `<sub>${subscript[c]}</sub>`);
const plainScripts = (s) => s.replace(/[⁺⁻⁰¹²³]/g, (c) => superscript[c]).replace(/[₀₁₂₃₄]/g, (c) => subscript[c]);

const isHeading = (line) =>
  /^\d{4}年(\d{1,2}(-\d{1,2})?月)?干细胞治疗/.test(line) && !/[。,，]/.test(line) || /^(未来展望|结语)$/.test(line);
const isReferenceHeading = (line) => /^参考资料[:：]?$/.test(line);

function lines(text) {
  return text.split('\n').map((l) => l.trim()).filter(Boolean);
}

function articleHtml(text, { heading, paragraph, list }) {
  const out = [];
  let inList = false;
  let inReferences = false;
  for (const line of lines(text)) {
    if (line.startsWith('- ')) {
      if (!inList) out.push(list.open);
      inList = true;
      out.push(list.item(markupScripts(escape(line.slice(2)))));
      continue;
    }
    if (inList) out.push(list.close);
    inList = false;
    if (isReferenceHeading(line)) inReferences = true;
    if (!inReferences && isHeading(line)) out.push(heading(escape(line)));
    else if (isReferenceHeading(line)) out.push(heading(escape(line)));
    else out.push(paragraph(markupScripts(escape(line))));
  }
  if (inList) out.push(list.close);
  return out.join('\n');
}

// 1. A saved page of the news desk's site: chrome around an .article-content body.
const site = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>2025年干细胞治疗类风湿关节炎临床进展汇总-杭吉干细胞所</title>
<link rel="stylesheet" href="/static/site.css">
<style>.article-content p { text-indent: 2em; }</style>
<script>window.dataLayer = []; function gtag(){dataLayer.push(arguments);} document.write('<p>2025年3月干细胞治疗糖尿病最新临床进展</p>');</script>
</head>
<body>
<div class="header">
  <div class="logo">杭吉干细胞所 · 专注干细胞科普</div>
  <div class="contact">地址:浙江省杭州市 电话:400-000-0000</div>
  <ul class="nav"><li><a href="/">首页</a></li><li><a href="/news/">行业资讯</a></li><li><a href="/tech/">技术前沿</a></li></ul>
</div>
<div class="breadcrumb"><a href="/">首页</a> &gt; <a href="/news/">行业资讯</a> &gt; 正文</div>
<div class="main">
  <div class="article">
    <h1>2025年干细胞治疗类风湿关节炎临床进展汇总</h1>
    <div class="article-info">发布时间:2026-01-05 来源:杭吉干细胞所 阅读:1024</div>
    <div class="article-content">
${articleHtml(ra, {
  heading: (t) => `      <h2>${t}</h2>`,
  paragraph: (t) => `      <p>${t}</p>`,
  list: { open: '      <ul>', close: '      </ul>', item: (t) => `        <li>${t}</li>` },
})}
    </div>
    <div class="share">分享到:<a href="#">微信</a> <a href="#">微博</a></div>
    <div class="prev-next"><p>上一篇:<a href="/news/1.html">2025年11月干细胞治疗强直性脊柱炎最新临床进展</a></p><p>下一篇:<a href="/news/3.html">2025年12月干细胞治疗膝骨关节炎最新临床进展</a></p></div>
  </div>
  <div class="sidebar">
    <h3>相关文章</h3>
    <ul class="related"><li><a href="/news/4.html">2025年3月干细胞治疗糖尿病最新临床进展</a></li><li><a href="/news/5.html">2025年4月干细胞治疗肝硬化最新临床进展</a></li></ul>
    <div class="qrcode"><img src="/qr.png" alt="二维码"><p>扫码添加官方微信</p></div>
  </div>
</div>
<div class="footer"><p>Copyright © 2026 杭吉干细胞所 版权所有</p><p>浙ICP备00000000号</p></div>
<script src="/static/stat.js"></script>
</body>
</html>
`;
writeFileSync(dir + 'ra-2025-site.html', site);

// 2. A WeChat export: hidden #js_content, nested sections, headings as bold paragraphs.
const wechat = `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta property="og:title" content="2025年干细胞治疗强直性脊柱炎临床进展汇总">
<title>2025年干细胞治疗强直性脊柱炎临床进展汇总</title>
<script>var biz = "MzA4"; var msg_title = "2025年3月干细胞治疗强直性脊柱炎最新临床进展";</script>
</head>
<body id="activity-detail" class="zh_CN">
<div class="rich_media_wrp">
  <h1 class="rich_media_title" id="activity-name">2025年干细胞治疗强直性脊柱炎临床进展汇总</h1>
  <div id="meta_content" class="rich_media_meta_list"><span class="rich_media_meta rich_media_meta_nickname">杭吉干细胞所</span><em id="publish_time">2026-01-06 09:30</em></div>
  <div class="rich_media_content js_underline_content" id="js_content" style="visibility: hidden;">
${articleHtml(as, {
  heading: (t) => `    <section style="margin-top: 16px;"><p style="text-align: center;"><strong><span style="font-size: 17px;color: rgb(0, 112, 192);">${t}</span></strong></p></section>`,
  paragraph: (t) => `    <section><section style="line-height: 1.75em;"><p><span style="font-size: 15px;letter-spacing: 1px;">${t}</span></p></section></section>`,
  list: { open: '    <section>', close: '    </section>', item: (t) => `      <p><span>• ${t}</span></p>` },
})}
  </div>
  <div class="rich_media_tool" id="js_toobar3"><a id="js_view_source" href="#">阅读原文</a><span>阅读 2341</span><span>在看 12</span></div>
  <div class="qr_code_pc_outer"><div class="qr_code_pc"><img class="qr_code_pc_img" src="qr.jpg"><p>微信扫一扫<br>关注该公众号</p></div></div>
</div>
<script>document.getElementById('js_content').style.visibility = 'visible';</script>
</body>
</html>
`;
writeFileSync(dir + 'as-2025-wechat.html', wechat);

// 3. Markdown: headings, bullet lists, and a numbered reference list.
function markdown(text, title) {
  const out = [`# ${title}`, ''];
  let inReferences = false;
  let n = 0;
  for (const line of lines(text)) {
    if (isReferenceHeading(line)) {
      inReferences = true;
      out.push(`## ${line.replace(/[:：]$/, '')}`, '');
      continue;
    }
    if (inReferences && /^\[\d+\]/.test(line)) {
      // Two entries that share a line in the seed stay on one line here too.
      out.push(`${++n}. ${line.replace(/^\[\d+\]/, '').replace(/\[(\d+)\]/g, (_, k) => `\n${++n}. `)}`);
      continue;
    }
    if (inReferences && !/^(免责说明|扫码)/.test(line)) {
      out[out.length - 1] += ` ${line}`;
      continue;
    }
    if (inReferences) out.push('');
    if (isHeading(line)) out.push(`## ${line}`, '');
    else if (line.startsWith('- ')) out.push(line);
    else out.push(line, '');
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n')}\n`;
}
writeFileSync(dir + 'ra-2025-markdown.md', markdown(ra, '2025年干细胞治疗类风湿关节炎临床进展汇总'));

// 4. GBK (GB18030) plain text, as legacy Chinese sites serve it; super/subscripts flattened.
writeFileSync(dir + 'as-2025-gbk.txt', iconv.encode(plainScripts(as), 'gbk'));

// 5. UTF-16LE with a BOM and CRLF line ends (Windows Notepad's "Unicode").
writeFileSync(dir + 'ra-2025-utf16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(ra.replace(/\n/g, '\r\n'), 'utf16le')]));

// 6. A traditional-Chinese mirror (OpenCC cn → tw, character level, as mirror sites do).
const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
writeFileSync(dir + 'as-2025-hant.txt', toTraditional(as));

// 7. The traditional mirror again in Big5, where the characters allow it.
writeFileSync(dir + 'ra-2025-hant-big5.txt', iconv.encode(plainScripts(toTraditional(ra)).replace(/[—]/g, '-'), 'big5'));
console.log('fixtures written');
