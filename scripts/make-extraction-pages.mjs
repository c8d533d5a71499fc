// Writes the Chinese extraction pages in fixtures/extraction/zh/: saved-page shapes of Chinese
// news portals, hospital and government sites, forums, blogs and mirrors, with text written for
// the project (no third-party text), stored as bytes in GBK, GB18030, Big5 or UTF-8, each with
// the article text an extractor should keep (<id>.txt) and a line in pages.json. The outputs are
// committed; this script records how they were made. Run: node scripts/make-extraction-pages.mjs
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';

const dir = fileURLToPath(new URL('../fixtures/extraction/zh/', import.meta.url));
// Marks a place where the stored page gets a byte its encoding cannot read (0xFF leads no GBK or
// GB18030 character; only GBK pages are damaged); the expected text has U+FFFD there.
const BAD = '\uE000';

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** Body blocks: a string is a paragraph, {h} a subheading, {li} a list of items. */
const blocksHtml = (blocks, p = (t) => `<p>${t}</p>`) =>
  blocks.map((b) => (typeof b === 'string' ? p(esc(b)) : b.h ? `<h3>${esc(b.h)}</h3>` : `<ul>${b.li.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>`)).join('\n');
// A stray byte is there in the saved page: the honest text shows it as U+FFFD.
const blocksText = (blocks) => blocks.flatMap((b) => (typeof b === 'string' ? [b] : b.h ? [b.h] : b.li)).map((t) => t.replaceAll(BAD, '\uFFFD')).join('\n');
const links = (items, cls = '') => `<ul${cls ? ` class="${cls}"` : ''}>${items.map((t, i) => `<li><a href="/n/${1000 + i}.html">${esc(t)}</a></li>`).join('')}</ul>`;
const script = 'var _hmt = _hmt || []; (function(){ var hm = document.createElement("script"); hm.src = "/stat.js"; })();';

const pages = [];
const page = (p) => pages.push(p);

// 1. A hospital site on ASP.NET: the whole page inside <form id="form1">, a view-state field,
//    the news text in a plain div with title, date and hit-count lines above it.
{
  const body = [
    '3月18日上午，我院风湿免疫科联合细胞治疗中心召开“间充质干细胞治疗难治性类风湿关节炎”临床研究启动会，院内外专家三十余人参加。',
    '会上，项目负责人介绍了研究方案：研究计划入组六十例经两种以上生物制剂治疗仍控制不佳的患者，随机分为细胞治疗组和对照组，随访时间为十二个月，主要观察疾病活动度评分和关节影像学变化。',
    '细胞治疗中心主任表示，中心已通过省级细胞制备质量检查，制备的脐带间充质干细胞将逐批进行无菌、内毒素和支原体检测，放行标准严格按照国家有关技术指导原则执行。',
    '伦理委员会代表提醒，研究团队要充分告知受试者可能的获益与风险，严格保护受试者隐私，发生不良事件时须在规定时限内上报。',
    '据悉，该研究已在国家医学研究登记备案信息系统完成登记，首例受试者预计于下月入组。有意参加的患者可在工作日到风湿免疫科门诊咨询。',
  ];
  page({
    id: 'hospital-aspnet', encoding: 'gbk', declared: 'gb2312',
    shape: 'ASP.NET hospital site: the whole body inside <form id="form1"> with __VIEWSTATE, news text in a plain div, title/date/hits lines, sidebar, footer',
    body,
    html: `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312" /><title>我院召开干细胞治疗类风湿关节炎临床研究启动会-新闻动态-某市第一人民医院</title>
<link href="/css/style.css" rel="stylesheet" type="text/css" /><script type="text/javascript" src="/js/jquery.js"></script></head>
<body>
<form name="form1" method="post" action="NewsShow.aspx?id=3712" id="form1">
<div><input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUKMTY1NDU2MTA1MmRk" /></div>
<div class="top"><div class="logo"><img src="/images/logo.png" alt="某市第一人民医院" /></div>
<div class="topsearch"><input name="txtKey" type="text" id="txtKey" value="请输入关键字" /><input type="submit" name="btnSearch" value="搜索" id="btnSearch" /></div></div>
<div class="menu"><ul><li><a href="/">首页</a></li><li><a href="/about.aspx">医院概况</a></li><li><a href="/news.aspx">新闻动态</a></li><li><a href="/ks.aspx">科室导航</a></li><li><a href="/zj.aspx">专家介绍</a></li><li><a href="/jy.aspx">就医指南</a></li></ul></div>
<div class="main">
<div class="left"><div class="lefttitle">新闻动态</div>${links(['医院新闻', '媒体报道', '通知公告', '健康教育'])}
<div class="lefttitle">联系我们</div><div class="contact">地址：某市中山路88号<br />电话：0000-12345678</div></div>
<div class="right">
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/news.aspx">新闻动态</a> &gt; 正文</div>
<div class="newstitle">我院召开干细胞治疗类风湿关节炎临床研究启动会</div>
<div class="newsinfo">发布时间：2025-03-19　　来源：风湿免疫科　　点击数：<span id="lblHits">1268</span></div>
<div class="newscontent">
${blocksHtml(body)}
</div>
<div class="newsbtn"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
<div class="prevnext">上一篇：<a href="/NewsShow.aspx?id=3711">我院举办护理技能竞赛</a><br />下一篇：<a href="/NewsShow.aspx?id=3713">春季流感防治知识讲座走进社区</a></div>
</div></div>
<div class="foot">版权所有：某市第一人民医院　地址：某市中山路88号　ICP备00000000号<br />技术支持：某某网络</div>
<script type="text/javascript">${script}</script>
</form>
</body></html>`,
  });
}

// 2. A news site whose master page wraps everything in <form id="aspnetForm">, a search box and
//    a region <select> in the header; no class names a reader would know.
{
  const body = [
    '记者从市卫生健康委获悉，今年本市将新增十家具备细胞治疗临床研究条件的医疗机构，覆盖血液、神经、风湿和生殖等专业。',
    '市卫生健康委科教处负责人介绍，申请机构须具备三级甲等资质，设有独立的伦理委员会和符合要求的细胞制备室，并有开展相关临床研究的专业团队。',
    '“备案不是终点，而是监管的起点。”该负责人说，备案机构每年要提交研究进展报告，监管部门将开展飞行检查，对不按方案开展研究、违规收费的机构，将暂停其研究并通报。',
    '业内人士认为，细胞治疗仍处于临床研究阶段，患者应通过正规渠道参加经过备案的研究项目，警惕以“干细胞美容”“干细胞抗衰老”为名义的收费治疗。',
    '据统计，截至去年底，本市已有二十三个干细胞临床研究项目完成备案，累计入组受试者四百余人，未发生与细胞制剂相关的严重不良事件。',
  ];
  page({
    id: 'news-form-wrap', encoding: 'utf-8', declared: 'utf-8',
    shape: 'city news site: master page wraps the body in <form id="aspnetForm">; search input and <select> in the header; generic divs',
    body,
    html: `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>本市今年新增十家细胞治疗临床研究机构_某某网</title><meta name="keywords" content="细胞治疗,临床研究,备案"></head>
<body>
<form method="post" action="./detail.aspx?nid=88231" id="aspnetForm">
<div class="aspNetHidden"><input type="hidden" name="__EVENTVALIDATION" id="__EVENTVALIDATION" value="/wEdAAOm7k3YJ" /></div>
<div id="hd"><div class="w1000"><a href="/" class="logo">某某网</a>
<div class="sch"><select name="ddlArea"><option>全部</option><option>本市</option><option>国内</option></select><input type="text" name="kw" placeholder="搜索新闻"><button type="submit">搜索</button></div></div>
<div class="chnl"><a href="/">首页</a> | <a href="/bd/">本地</a> | <a href="/gn/">国内</a> | <a href="/jk/">健康</a> | <a href="/ty/">体育</a> | <a href="/yl/">娱乐</a></div></div>
<div class="w1000 clearfix">
<div class="l680">
<h1>本市今年新增十家细胞治疗临床研究机构</h1>
<div class="ly"><span>2025-04-02 08:31</span><span>来源：某某日报</span><span>记者 王晓</span></div>
<div class="nr">
${blocksHtml(body)}
</div>
<div class="bj">（编辑：李明）</div>
</div>
<div class="r300"><div class="bt">热点排行</div>${links(['地铁五号线南延段今日开通', '本周末气温回升最高二十度', '市民公园新增三处健身步道', '高考体检下周开始预约', '老旧小区加装电梯补贴提高'])}</div>
</div>
<div id="ft"><p>某某网版权所有 未经授权禁止转载</p><p>互联网新闻信息服务许可证：00000000000</p></div>
</form>
<script>${script}</script>
</body></html>`,
  });
}

// 3. A portal article page declared gb2312 whose bytes carry a dozen stray bytes (a damaged
//    save): the text must still read as Chinese, the damage counted and located.
{
  const body = [
    `近日，一项多中心临床研究显示，人脐带间充质干细胞联合常规治疗可改善部分活动期系统性红斑狼疮患者的病情${BAD}，研究结果发表在国际风湿病学期刊上。`,
    `该研究共纳入一百二十例患者，${BAD}细胞治疗组在常规免疫抑制治疗的基础上接受两次静脉输注，对照组仅接受常规治疗。六个月后，细胞治疗组的疾病活动度评分下降更为明显，${BAD}部分患者的激素用量得以减少。`,
    `研究人员指出，干细胞可能通过分泌多种细胞因子调节${BAD}调节性T细胞与辅助性T细胞之间的平衡，从而减轻自身免疫反应。不过，这一机制仍需更多基础研究证实。`,
    `在安全性方面，${BAD}两组不良事件发生率相近，细胞治疗组有三例患者出现一过性发热，未经特殊处理即自行缓解${BAD}。研究期间未观察到与细胞输注相关的严重不良反应。`,
    `专家提醒，这项研究的样本量有限，${BAD}随访时间也较短，长期疗效和安全性有待更大规模的随机对照试验${BAD}验证。患者切勿轻信商业机构的宣传，${BAD}应在正规医院医生指导下规范治疗。`,
    `据了解，我国已有多项干细胞治疗自身免疫病的临床研究完成备案，${BAD}涉及红斑狼疮、类风湿关节炎、系统性硬化症等疾病${BAD}。${BAD}`,
  ];
  page({
    id: 'portal-gbk-damaged', encoding: 'gbk', declared: 'gb2312', damaged: 12,
    shape: 'portal article (#artibody) declared gb2312 with 12 invalid bytes in the body; related news, share bar, editor line',
    body,
    html: `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>干细胞治疗红斑狼疮研究获新进展_健康频道_某浪网</title>
<meta name="description" content="一项多中心临床研究显示，人脐带间充质干细胞联合常规治疗可改善部分活动期系统性红斑狼疮患者的病情"></head>
<body>
<div class="top-nav"><a href="/">某浪首页</a> <a href="/news/">新闻</a> <a href="/health/">健康</a> <a href="/tech/">科技</a> <a href="/login">登录</a></div>
<div class="page-header"><div class="logo">健康频道</div></div>
<div class="wrap">
<div class="main-content">
<h1 class="main-title">干细胞治疗红斑狼疮研究获新进展</h1>
<div class="date-source"><span class="date">2025年03月21日 09:12</span> <a class="source" href="#">某某健康报</a></div>
<div class="share-bar"><span>分享到：</span><a href="#">微博</a><a href="#">微信</a><a href="#">QQ空间</a></div>
<div class="article" id="artibody">
${blocksHtml(body)}
<p class="show_author">责任编辑：张三</p>
</div>
<div class="related"><h3>相关新闻</h3>${links(['干细胞治疗类风湿关节炎的前景如何', '红斑狼疮患者日常注意事项', '自身免疫病为何偏爱女性', '细胞治疗备案项目再添新成员'])}</div>
<div class="comment-box"><span>已有<em>326</em>人参与评论</span><textarea></textarea><a href="#">发布</a></div>
</div>
<div class="sidebar"><h3>健康排行</h3>${links(['春季养肝吃什么好', '睡眠不好的六个信号', '高血压患者如何运动', '儿童近视防控要点', '过敏性鼻炎高发季来了'])}</div>
</div>
<div class="footer">某浪公司版权所有 Copyright &copy; 1996-2025</div>
<script>${script}</script>
</body></html>`,
  });
}

// 4. A repost site (DedeCMS-like) saved without any charset declaration, in GBK, with two
//    stray bytes; "time / source / author / hits" line and a breadcrumb.
{
  const body = [
    '膝骨关节炎是中老年人的常见病，软骨一旦磨损便难以自行修复。近年来，关节腔注射间充质干细胞成为研究热点，不少患者前来询问这种疗法是否可靠。',
    `从已发表的研究看，干细胞注射在短期内可减轻部分患者的疼痛、改善关节功能，但能否真正让软骨“再生”，${BAD}各项研究的结论并不一致。影像学上软骨厚度的改变往往很小。`,
    '专家建议，早中期患者首先应减轻体重、加强股四头肌锻炼，必要时配合药物治疗；对于晚期关节畸形明显的患者，关节置换仍是效果确切的选择。',
    `需要强调的是，目前干细胞治疗膝骨关节炎在我国仍属于临床研究范畴，${BAD}患者如有意尝试，应选择已备案的研究项目，并详细了解可能的风险。`,
  ];
  page({
    id: 'mirror-gbk-undeclared', encoding: 'gbk', declared: null, damaged: 2,
    shape: 'repost site (DedeCMS-like) in GBK without a charset declaration, 2 invalid bytes; time/source/author/hits line, breadcrumb, tag list, prev/next',
    body,
    html: `<html><head><title>干细胞能让膝关节软骨再生吗？_健康资讯_某某养生网</title></head>
<body>
<div class="header"><div class="logo">某某养生网</div><div class="nav"><a href="/">首页</a><a href="/zx/">健康资讯</a><a href="/ys/">饮食养生</a><a href="/jb/">疾病百科</a></div></div>
<div class="place">您现在的位置：<a href="/">主页</a> &gt; <a href="/zx/">健康资讯</a> &gt;</div>
<div class="viewbox">
<div class="title"><h2>干细胞能让膝关节软骨再生吗？</h2></div>
<div class="info"><small>时间:</small>2025-02-26 10:05<small>来源:</small>未知<small>作者:</small>admin<small>点击:</small><script src="/plus/count.php?aid=5521"></script>次</div>
<div class="content">
<table width="100%"><tr><td>
${blocksHtml(body)}
</td></tr></table>
</div>
<div class="tags">标签：<a href="/tags/1">干细胞</a> <a href="/tags/2">骨关节炎</a> <a href="/tags/3">软骨</a></div>
<div class="context"><ul><li>上一篇：<a href="/zx/5520.html">春季吃野菜要注意什么</a></li><li>下一篇：<a href="/zx/5522.html">久坐族如何保护腰椎</a></li></ul></div>
</div>
<div class="footer">本站部分文章来自网络，如有侵权请联系删除</div>
</body></html>`,
  });
}

// 5. A science news page whose article is split into sections at different depths under one
//    content element (an intro straight under it, then chapter divs, the longest wrapped twice).
{
  const intro = [
    '干细胞研究正在从实验室走向病床。过去十年，全球登记的间充质干细胞临床试验已超过一千项，但真正获批上市的产品屈指可数。',
    '为什么临床转化如此艰难？研究者们给出的答案集中在三个方面：细胞质量、作用机制和疗效评价。',
  ];
  const s1 = ['细胞质量', '同样叫作间充质干细胞，来自骨髓、脂肪、脐带的细胞在增殖能力和分泌谱上差别很大；即便来源相同，不同供者、不同代次的细胞也不尽相同。缺乏统一的质量标准，不同研究的结果就难以比较。'];
  const s2 = ['作用机制', [
    '早期观点认为，干细胞进入体内后会迁移到受损部位，分化为新的组织细胞，直接替代坏死或退化的细胞。这个设想很直观，也曾是许多临床研究的出发点。',
    '后来的示踪研究却发现，静脉输入的细胞大多滞留在肺部，几天之内便被清除，真正到达病变部位并长期存活的细胞极少，远不足以解释观察到的效果。',
    '于是研究者把目光转向细胞分泌的物质。干细胞能够释放多种生长因子、细胞因子和细胞外囊泡，它们可以调节免疫反应、减轻炎症、促进血管新生，这被称为旁分泌作用。',
    '机制认识的变化直接影响临床设计：如果起作用的是分泌物，那么细胞的剂量、给药途径和输注频次都需要重新考虑，甚至可能用细胞的分泌产物代替细胞本身。',
  ]];
  const s3 = ['疗效评价', '许多早期研究没有设立对照组，患者的主观感受又容易受到安慰剂效应的影响。只有设计严谨的随机对照试验，才能回答干细胞到底有没有效的问题。'];
  const outro = ['尽管困难重重，研究者仍然对这一领域抱有信心。他们认为，随着质量标准的建立和试验设计的改进，干细胞治疗有望在一些适应证上率先取得突破。'];
  const body = [...intro, { h: s1[0] }, s1[1], { h: s2[0] }, ...s2[1], { h: s3[0] }, s3[1], ...outro];
  page({
    id: 'science-sections', encoding: 'utf-8', declared: 'utf-8',
    shape: 'science magazine: intro paragraphs directly under the content div, then chapter divs at three depths (the longest wrapped twice), an outro paragraph; related reading after',
    body,
    html: `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>干细胞临床转化为何这么难 | 某某科学</title></head>
<body>
<header class="site-header"><a href="/">某某科学</a><nav><a href="/life">生命</a><a href="/med">医学</a><a href="/space">天文</a></nav></header>
<main>
<div class="wenzhang">
<h1 class="bt">干细胞临床转化为何这么难</h1>
<p class="xx">文 / 陈静　2025-01-15　阅读 5.2万</p>
<div class="con">
${blocksHtml(intro)}
<div class="chapter"><h3>${s1[0]}</h3><p>${s1[1]}</p></div>
<div class="chapter-wrap"><div class="inner"><div class="chapter"><h3>${s2[0]}</h3>${blocksHtml(s2[1])}</div></div></div>
<div class="chapter"><h3>${s3[0]}</h3><p>${s3[1]}</p></div>
${blocksHtml(outro)}
</div>
<div class="xgyd"><h4>延伸阅读</h4>${links(['类器官能替代动物实验吗', '基因编辑婴儿事件五年后', '外泌体是不是新的神药', '为什么说衰老是一种病'])}</div>
</div>
</main>
<footer>© 2025 某某科学 保留所有权利</footer>
</body></html>`,
  });
}

// 6. A Taiwanese news site in Big5: the story in several `article-body` chunks with ad slots
//    between them, then a "more stories" list inside the same column.
{
  const chunks = [
    ['衛生福利部日前公告再生醫療相關法規修正草案，開放更多細胞治療項目由醫療機構申請執行，並要求醫院定期登錄治療成效。', '草案規定，執行細胞治療的醫院須具備相應的專科醫師與細胞製備場所，治療前應向病人充分說明療效與風險，並簽署同意書。'],
    ['醫界人士表示，開放項目有助於病人及早接受治療，但也擔心收費標準不一。一名醫學中心主任說，部分療程費用高達數十萬元，主管機關應公開各院收費與成效資料，讓病人比較。'],
    ['病友團體則呼籲，政府應建立不良反應通報與補償機制。衛福部回應，將在草案預告期間蒐集各界意見，預計今年下半年完成修法程序。'],
  ];
  const body = chunks.flat();
  page({
    id: 'tw-news-chunks', encoding: 'big5', declared: 'big5',
    shape: 'Taiwanese news site in Big5: the story in three `article-body` chunks separated by ad slots, "more stories" list and share buttons in the same column',
    body,
    html: `<!DOCTYPE html><html lang="zh-Hant"><head><meta charset="big5"><title>細胞治療再鬆綁 衛福部擬開放更多項目 | 某某新聞網</title></head>
<body>
<div class="header"><a href="/">某某新聞網</a><ul class="menu"><li><a href="/politics">政治</a></li><li><a href="/health">健康</a></li><li><a href="/world">國際</a></li></ul></div>
<div class="container"><div class="main-column">
<article class="article">
<h1 class="article__title">細胞治療再鬆綁 衛福部擬開放更多項目</h1>
<div class="article__meta"><time>2025/03/30 14:22</time> <span class="author">記者林怡君／台北報導</span></div>
<div class="article__share"><a href="#">分享</a><a href="#">LINE</a><a href="#">複製連結</a></div>
<div class="article-body">${blocksHtml(chunks[0])}</div>
<div class="ad-slot"><ins class="adsbygoogle"></ins><span>廣告</span></div>
<div class="article-body">${blocksHtml(chunks[1])}</div>
<div class="ad-slot"><ins class="adsbygoogle"></ins><span>廣告</span></div>
<div class="article-body">${blocksHtml(chunks[2])}</div>
</article>
<div class="more-stories"><h2>更多新聞</h2>${links(['流感疫苗開打 首日湧現人潮', '健保署：癌症新藥給付擴大', '熱浪來襲 醫師提醒防中暑', '長照服務據點再增三百處', '腸病毒進入流行期'])}</div>
</div></div>
<div class="footer">某某新聞網 版權所有</div>
</body></html>`,
  });
}

// 7. A government portal notice (UTF-8): TRS_Editor body in a table layout, attachment list,
//    print/close links, a "related documents" table and a long footer.
{
  const body = [
    '各区卫生健康委，各有关医疗机构：',
    '为进一步规范干细胞临床研究管理，保障受试者权益，根据国家有关规定，现就做好2025年度干细胞临床研究备案工作通知如下。',
    '一、申请备案的机构应当是具有相应专业优势的三级甲等医院，具备完善的临床研究管理体系和独立的学术委员会、伦理委员会。',
    '二、研究项目应当具有充分的科学依据，临床前研究资料完整，干细胞制剂的质量检验报告由具备资质的检验机构出具。',
    '三、各机构应于6月30日前通过信息系统提交备案材料，逾期不再受理。我委将组织专家进行形式审查和现场核查。',
    '四、已备案项目须按要求报告研究进展和不良事件，研究结束后三个月内提交总结报告。',
    '特此通知。',
  ];
  page({
    id: 'gov-notice', encoding: 'utf-8', declared: 'utf-8',
    shape: 'government portal notice: TRS_Editor div in a table layout, font tags, attachment list, print/close, related documents',
    body,
    html: `<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>关于做好2025年度干细胞临床研究备案工作的通知</title>
<meta name="ArticleTitle" content="关于做好2025年度干细胞临床研究备案工作的通知"><meta name="PubDate" content="2025-04-08"></head>
<body>
<table width="1000" align="center" class="top"><tr><td><img src="/images/banner.jpg" alt="某省卫生健康委员会"></td></tr>
<tr><td class="dh"><a href="/">首页</a> <a href="/zwgk/">政务公开</a> <a href="/bsfw/">办事服务</a> <a href="/hdjl/">互动交流</a></td></tr></table>
<table width="1000" align="center"><tr><td class="wz">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/tzgg/">通知公告</a></td></tr>
<tr><td align="center" class="bt">关于做好2025年度干细胞临床研究备案工作的通知</td></tr>
<tr><td align="center" class="rq">发布日期：2025-04-08　来源：科技教育处　字号：[ <a href="#">大</a> <a href="#">中</a> <a href="#">小</a> ]</td></tr>
<tr><td class="zw"><div class="TRS_Editor">
${blocksHtml(body, (t) => `<p style="text-indent:2em"><font face="仿宋_GB2312" size="4">${t}</font></p>`)}
</div>
<div class="fj">附件：<a href="/u/fj1.docx">1.干细胞临床研究备案材料清单.docx</a><br><a href="/u/fj2.docx">2.项目进展报告模板.docx</a></div>
<p align="right">某省卫生健康委员会<br>2025年4月8日</p>
</td></tr>
<tr><td align="right"><a href="javascript:window.print()">[打印本页]</a> <a href="javascript:window.close()">[关闭窗口]</a></td></tr></table>
<table width="1000" align="center" class="xgwj"><tr><td><b>相关文件</b></td></tr><tr><td>${links(['关于印发干细胞临床研究管理办法的通知', '关于开展细胞治疗专项检查的通知', '2024年度备案项目名单公示'])}</td></tr></table>
<table width="1000" align="center" class="bottom"><tr><td>主办单位：某省卫生健康委员会　地址：某市文化路1号　邮编：000000<br>网站标识码：0000000000　ICP备00000000号　公安机关备案号：00000000000000</td></tr></table>
</body></html>`,
  });
}

// 8. A forum thread (Discuz-like, GBK): the opening post and five replies, each in a
//    postmessage cell; only the opening post is the article.
{
  const post = [
    '我妈今年六十五，膝关节疼了五六年，走路超过半小时就受不了，上下楼更难。前段时间有人推荐去做干细胞注射，说打三针就能长出新软骨，一共要六万多。',
    '我查了一些资料，感觉说法五花八门。有的说国外早就普及了，有的说还在试验阶段。想请教一下论坛里的医生和有经验的朋友：这种治疗现在到底成熟不成熟？正规医院有没有在做？',
    '另外，老人家有高血压，平时吃降压药，如果真要做，需要注意什么？先谢谢大家了！',
  ];
  const reply = (floor, user, text) => `<table class="plhin" id="pid${9000 + floor}"><tr><td class="pls"><div class="authi"><a class="xw1" href="/u/${floor}">${user}</a></div></td>
<td class="plc"><div class="pi"><strong><a href="#">${floor}<sup>#</sup></a></strong><em>发表于 2025-3-${10 + floor} 21:0${floor}</em></div>
<div class="t_fsz"><table cellspacing="0"><tr><td class="t_f" id="postmessage_${9000 + floor}">${text}</td></tr></table></div>
<div class="po"><a href="#">回复</a> <a href="#">支持</a> <a href="#">反对</a></div></td></tr></table>`;
  page({
    id: 'forum-thread', encoding: 'gbk', declared: 'gbk',
    shape: 'forum thread (Discuz-like) in GBK: the opening post and five replies in identical postmessage cells; keep the opening post',
    body: post,
    html: `<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk" /><title>老人膝关节炎做干细胞注射靠谱吗？ - 骨科交流 - 某某健康论坛</title></head>
<body>
<div id="hd"><div class="wp"><a href="/">某某健康论坛</a><div id="nv"><ul><li><a href="/forum.php">论坛</a></li><li><a href="/group.php">群组</a></li><li><a href="/home.php">家园</a></li></ul></div></div></div>
<div id="pt" class="bm cl"><a href="/">首页</a> <em>&rsaquo;</em> <a href="/forum-12-1.html">骨科交流</a> <em>&rsaquo;</em> 老人膝关节炎做干细胞注射靠谱吗？</div>
<div id="postlist" class="pl bm">
<div id="postlistreply"><h1 class="ts"><span id="thread_subject">老人膝关节炎做干细胞注射靠谱吗？</span></h1><span class="xg1">查看: 3861 | 回复: 5</span></div>
<div id="post_9000"><table class="plhin" id="pid9000"><tr><td class="pls"><div class="authi"><a class="xw1" href="/u/0">小溪流水</a></div><dl class="pil"><dt>积分</dt><dd>128</dd></dl></td>
<td class="plc"><div class="pi"><strong><a href="#">楼主</a></strong><em>发表于 2025-3-10 20:45</em></div>
<div class="t_fsz"><table cellspacing="0"><tr><td class="t_f" id="postmessage_9000">
${post.map(esc).join('<br />\n<br />\n')}
</td></tr></table></div>
<div class="po"><a href="#">回复</a> <a href="#">支持</a> <a href="#">反对</a></div></td></tr></table></div>
${reply(1, '骨科小李医生', '目前国内干细胞治疗膝骨关节炎还属于临床研究，正规医院只在备案的研究项目里做，不会收这么高的费用。建议先到三甲医院骨科面诊，评估一下关节的情况，别急着交钱。')}
${reply(2, '老张头', '我去年也被推销过，说得天花乱坠，后来去医院拍片，医生说我这种情况先减重、练腿部肌肉，现在好多了，没花冤枉钱。')}
${reply(3, '康复师阿杰', '同意楼上，股四头肌锻炼对膝关节很重要，可以每天做直腿抬高，每组十到十五次，一天三组。有高血压的老人运动时注意别憋气。')}
${reply(4, '小溪流水', '谢谢各位，周末先带我妈去医院看看，拍个片子再说。')}
${reply(5, '路过的护士', '顺便提醒一句，吃降压药的老人做任何有创操作前都要告诉医生，血压控制平稳再做。')}
</div>
<div id="f_pst" class="pl bm"><textarea name="message" id="fastpostmessage"></textarea><button type="submit">发表回复</button></div>
<div id="ft" class="wp cl">Powered by Discuz! 某某健康论坛 ICP备00000000号</div>
</body></html>`,
  });
}

// 9. A personal blog in Big5 (traditional): the post, then the blog's other posts with their
//    excerpts in the same container, and the archive in the sidebar.
{
  const body = [
    '去年秋天，爸爸被診斷出帕金森氏症。從那時起，我開始大量閱讀相關的資料，其中最常看到的就是「幹細胞治療」這幾個字。',
    '網路上的廣告總是說得很美好：一次注射、改善症狀、重拾生活。可是當我真正去查學術文獻時，才發現大部分研究還停留在早期階段，受試者人數很少，結果也不一致。',
    '後來我們在醫學中心的神經科門診問了醫師。醫師很耐心地解釋，目前治療的主軸仍是藥物與復健，幹細胞治療如果要做，應該參加經過核准的臨床試驗，而不是去自費診所。',
    '寫下這篇，是想提醒和我一樣焦急的家屬：面對疾病，我們都想抓住任何希望，但越是這種時候，越要冷靜求證。',
  ];
  const other = (title, excerpt) => `<div class="post-item"><h2 class="post-title"><a href="/p/${title.length}">${esc(title)}</a></h2><div class="post-excerpt">${esc(excerpt)}</div><a class="more" href="#">繼續閱讀</a></div>`;
  page({
    id: 'blog-post', encoding: 'big5', declared: 'big5',
    shape: 'personal blog in Big5: the post, then the blog\'s other posts with their excerpts in the same container; archive sidebar',
    body,
    html: `<html><head><meta http-equiv="Content-Type" content="text/html; charset=big5"><title>陪爸爸面對帕金森：關於幹細胞治療的功課 - 小雨的生活記事</title></head>
<body>
<div id="blog-header"><h1><a href="/">小雨的生活記事</a></h1><div class="desc">記錄生活、家人與閱讀</div></div>
<div id="content">
<div class="post-item post-current">
<h2 class="post-title">陪爸爸面對帕金森：關於幹細胞治療的功課</h2>
<div class="post-date">2025年2月8日 星期六</div>
<div class="post-content">
${blocksHtml(body)}
</div>
<div class="post-footer">張貼者：小雨 於 下午 10:12　<a href="#">3 則留言</a>　標籤：<a href="#">家人</a>、<a href="#">健康</a></div>
</div>
<h3 class="others">其他文章</h3>
${other('冬天的第一鍋薑母鴨', '寒流來的那天晚上，我們一家人圍著爐子，聊起小時候在外婆家過冬的事情，爸爸說那時候冬天比現在冷多了，大家擠在一起取暖。')}
${other('讀完了一本關於記憶的書', '這本書談大腦如何記住又如何遺忘，作者用許多病人的故事說明記憶並不像錄影帶，而是每次回想時重新建構的過程。')}
${other('陪爸媽去花蓮三天兩夜', '出發前擔心爸爸走不了太多路，結果他在太魯閣步道走得比我還快，一路上不停地拍照，說要傳給老朋友看。')}
</div>
<div id="sidebar"><h3>網誌存檔</h3>${links(['2025 (6)', '2024 (31)', '2023 (28)'])}<h3>關於我</h3><p>住在台中的上班族，喜歡寫字和散步。</p></div>
</body></html>`,
  });
}

// 10. A photo-news page in GB18030 (with characters outside GBK, four bytes each): a slideshow
//    whose every slide repeats the same caption, then the article.
{
  const caption = '图为研究人员在细胞制备室内进行质量检测。';
  const body = [
    '本报讯　坐落在高新区的省细胞与基因治疗中心日前正式投入使用，这是省内首个按照药品生产质量管理规范建设的公共细胞制备平台。',
    '中心负责人介绍，平台建有六条独立的细胞制备线和一个质量检验实验室，可同时为多家医院的临床研究项目提供细胞制剂，缩短研究准备时间。',
    '在揭牌仪式上，来自𠮷林、𡘙州等地的同行参观了制备车间。参观者表示，区域共享平台可以避免各家医院重复建设，也便于统一质量标准。',
    '据悉，中心今年计划承接十个以上临床研究项目，并与高校合作开设细胞治疗技术培训班，培养专业技术人员。',
  ];
  const slides = Array.from({ length: 11 }, (_, i) => `<li class="slide"><img src="/pic/20250410_${i + 1}.jpg" alt=""><p class="pic-text">${caption}</p></li>`).join('\n');
  page({
    id: 'gallery-captions', encoding: 'gb18030', declared: 'gb18030',
    shape: 'photo news page in GB18030 (characters outside GBK, 4 bytes each): an 11-slide gallery repeating one caption, then the article; picture counter and thumbnails',
    body,
    html: `<!DOCTYPE html><html><head><meta charset="gb18030"><title>省细胞与基因治疗中心投入使用_图片新闻_某某网</title></head>
<body>
<div class="topbar"><a href="/">某某网首页</a> | <a href="/pic/">图片</a> | <a href="/video/">视频</a></div>
<div class="pic-main">
<h1>省细胞与基因治疗中心投入使用</h1>
<div class="pic-info">2025-04-10 16:40:12　来源：某某日报　摄影：赵亮</div>
<div class="gallery"><ul class="slides">
${slides}
</ul><div class="counter"><span class="cur">1</span>/11</div><a class="prev" href="#">上一张</a><a class="next" href="#">下一张</a></div>
<div class="text">
${blocksHtml(body)}
</div>
<div class="pic-editor">（责任编辑：刘洋）</div>
</div>
<div class="pic-more"><h3>更多图片</h3>${links(['春日花海迎来赏花客', '机器人走进社区养老院', '新能源公交车上线运营', '古城墙修缮工程完工'])}</div>
<div class="bottom">某某网 版权所有</div>
</body></html>`,
  });
}

// 11. A health popular-science page (UTF-8): share bar and a "you may also like" teaser list
//    inside the content column, author card, a disclaimer.
{
  const body = [
    '“干细胞能抗衰老吗？”这是门诊里常被问到的问题。不少美容机构打出“干细胞回春”的广告，一次收费数万元，声称可以让皮肤变年轻、让器官恢复活力。',
    '事实上，目前没有任何一种干细胞产品被批准用于抗衰老。随着年龄增长，体内的干细胞数量和功能确实会下降，但这并不意味着从外部补充干细胞就能逆转衰老。',
    '来源不明的细胞产品还可能带来感染、过敏甚至肿瘤等风险。国家早已明确，未经批准不得开展干细胞临床应用，更不能收费。',
    '保持年轻最可靠的办法依然朴素：规律作息、均衡饮食、适量运动、戒烟限酒，并定期体检。',
  ];
  page({
    id: 'health-qa', encoding: 'utf-8', declared: 'utf-8',
    shape: 'health popular-science page: share bar and a "you may also like" teaser list (with excerpts) inside the content column, author card',
    body,
    html: `<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>干细胞能抗衰老吗？医生：别花冤枉钱 - 某某健康</title></head>
<body>
<div class="header"><a class="logo" href="/">某某健康</a><div class="search"><input type="search"></div></div>
<div class="crumbs"><a href="/">首页</a> / <a href="/kp/">科普</a> / 正文</div>
<div class="content-column">
<h1>干细胞能抗衰老吗？医生：别花冤枉钱</h1>
<div class="author-card"><img src="/a.png" alt=""><span class="name">某医院皮肤科 主任医师 周敏</span><span class="time">2025-03-05</span></div>
<div class="share"><span>分享</span><a href="#">微信</a><a href="#">微博</a><a href="#">复制链接</a></div>
<div class="detail">
${blocksHtml(body)}
</div>
<div class="disclaimer">本文仅供健康科普，不作为诊疗依据。</div>
<div class="guess"><h3>猜你喜欢</h3>
<div class="teaser"><a href="/kp/201.html"><h4>胶原蛋白口服有用吗</h4><p>胶原蛋白吃进肚子里会被分解为氨基酸，并不能直接补到皮肤上，医生这样说……</p></a></div>
<div class="teaser"><a href="/kp/202.html"><h4>防晒霜到底怎么选</h4><p>防晒指数并不是越高越好，日常通勤和户外活动需要的防晒力度不同……</p></a></div>
<div class="teaser"><a href="/kp/203.html"><h4>熬夜后如何补救</h4><p>偶尔熬夜后第二天适当补觉、多喝水，但长期熬夜的伤害很难靠补觉弥补……</p></a></div>
</div>
</div>
<div class="footer">© 某某健康 医疗广告审查证明：00000000</div>
</body></html>`,
  });
}

// 12. A Hong Kong news page in Big5: headline, reporter and date lines inside the content
//    container, a photo caption, an editor line, and related news.
{
  const caption = '研究團隊在記者會上講解移植過程。';
  const body = [
    caption,
    '本港一間大學醫學院宣布，其研究團隊利用病人自身的誘導多能幹細胞培養出視網膜色素上皮細胞，並完成首宗移植手術，病人術後情況穩定。',
    '研究團隊負責人表示，黃斑病變是長者失明的主要原因之一，現有治療只能延緩病情。是次研究的目的，是評估細胞移植的安全性，並初步觀察視力變化。',
    '團隊計劃在未來兩年內招募十名病人參與研究，每名病人將接受為期五年的跟進。負責人強調，研究仍屬早期階段，市民不應視之為已證實有效的療法。',
  ];
  page({
    id: 'hk-news', encoding: 'big5', declared: 'big5',
    shape: 'Hong Kong news page in Big5: headline, reporter and date lines inside the content container, photo with its caption (kept, as Readability keeps figure captions), editor line, related news',
    body,
    html: `<html><head><meta http-equiv="Content-Type" content="text/html; charset=big5"><title>大學完成首宗幹細胞視網膜移植 - 某某新聞</title></head>
<body>
<div id="top"><a href="/">某某新聞</a> <a href="/local">港聞</a> <a href="/china">兩岸</a> <a href="/intl">國際</a></div>
<div id="newsContent">
<h2 class="headline">大學完成首宗幹細胞視網膜移植</h2>
<div class="reporter">記者 陳嘉欣</div>
<div class="newsdate">2025年3月12日 星期三 18:30</div>
<figure><img src="/img/eye.jpg" alt=""><figcaption>${caption}</figcaption></figure>
${blocksHtml(body.slice(1))}
<div class="editor">（編輯：黃志強）</div>
</div>
<div id="relatedNews"><h3>相關新聞</h3>${links(['本港長者黃斑病變個案上升', '醫管局擴大眼科日間手術', '專家：定期驗眼可及早發現病變'])}</div>
<div id="footer">某某新聞 版權所有 不得轉載</div>
</body></html>`,
  });
}

// 13. A newspaper e-paper page in GB18030: kicker, headline and subhead lines and a byline
//    inside the article cell, page navigation around it.
{
  const body = [
    '4月15日，省内首例使用自体间充质干细胞治疗脊髓损伤的临床研究受试者顺利出院。这名三十二岁的患者因车祸导致胸段脊髓损伤，下肢感觉和运动功能部分丧失。',
    '主治医生介绍，患者入院后先接受了手术减压和固定，在病情稳定后参加了研究，接受三次鞘内注射。目前，患者双下肢的感觉有所恢复，能在辅助下站立。',
    '医生同时表示，患者的恢复受多种因素影响，包括早期手术、系统康复训练等，不能简单归功于细胞治疗，研究团队将继续随访。',
  ];
  page({
    id: 'epaper-lines', encoding: 'gb18030', declared: 'gb18030',
    shape: 'newspaper e-paper page in GB18030: kicker/headline/subhead lines in the article cell, byline paragraph, page navigation and layout thumbnails',
    body,
    html: `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb18030"><title>某某日报数字报-首例干细胞治疗脊髓损伤受试者出院</title></head>
<body>
<table width="1000"><tr><td class="date">2025年4月16日 星期三</td><td class="bm">第A03版：要闻</td><td><a href="#">上一版</a> <a href="#">下一版</a></td></tr></table>
<table width="1000"><tr>
<td width="300" valign="top" class="layout"><img src="/page/A03.jpg" usemap="#m"><div class="list">${links(['首例干细胞治疗脊髓损伤受试者出院', '全省卫生健康工作会议召开', '春季传染病防控进入关键期'])}</div></td>
<td width="700" valign="top" class="article-cell">
<div class="yinti">省内细胞治疗临床研究取得新进展</div>
<div class="zhuti">首例干细胞治疗脊髓损伤受试者出院</div>
<div class="futi">患者双下肢感觉部分恢复</div>
<div class="wz">
<p>本报记者　孙悦</p>
${blocksHtml(body)}
</div>
</td></tr></table>
<div class="foot">某某日报社版权所有</div>
</body></html>`,
  });
}

// 14. A WeChat article mirrored on an aggregator site (UTF-8): the rich_media_content body
//    with bold section heads, a "follow us" QR blurb and "read the original" at the end.
{
  const body = [
    '问一：干细胞治疗在我国合法吗？',
    '答：干细胞临床研究需在具备条件的医疗机构备案后开展，未经备案的机构不得开展，更不得向受试者收费。',
    '问二：哪些疾病可以参加干细胞临床研究？',
    '答：目前备案的项目涉及膝骨关节炎、肝硬化、心力衰竭、脊髓损伤、自身免疫病等，具体以各机构公布的研究项目为准。',
    '问三：参加研究需要付费吗？',
    '答：按照规定，临床研究不得向受试者收取研究相关费用，受试者因参加研究产生的检查费用一般由研究项目承担。',
  ];
  const bold = new Set([0, 2, 4]);
  page({
    id: 'wechat-mirror', encoding: 'utf-8', declared: 'utf-8',
    shape: 'WeChat article mirrored on an aggregator: rich_media_content body opening with the headline again in bold, bold question heads, QR "follow us" blurb, read-the-original link, aggregator chrome',
    body,
    html: `<!DOCTYPE html><html><head><meta charset="utf-8"><title>干细胞治疗常见问题十问十答（上） - 某某公众号文章聚合</title></head>
<body>
<div class="site-nav"><a href="/">聚合首页</a> <a href="/hot">热门</a> <a href="/med">医疗</a></div>
<div class="wrapper">
<h2 class="rich_media_title">干细胞治疗常见问题十问十答（上）</h2>
<div class="rich_media_meta_list"><span class="rich_media_meta_nickname">细胞科普号</span><em>2025-02-20</em></div>
<div class="rich_media_content" id="js_content">
<section><p><strong>干细胞治疗常见问题十问十答（上）</strong></p></section>
${body.map((t, i) => (bold.has(i) ? `<section><p><strong>${esc(t)}</strong></p></section>` : `<section><p>${esc(t)}</p></section>`)).join('\n')}
<p style="text-align:center"><img src="/qr.png" alt=""></p>
</div>
<div class="qr-follow">长按识别二维码，关注细胞科普号</div>
<div class="read-original"><a href="#">阅读原文</a></div>
</div>
<div class="site-footer">本站文章来自公开的公众号内容，版权归原作者所有</div>
</body></html>`,
  });
}

// 15. A hand-made personal blog (UTF-8): the post and, on the same page and in the same column,
//    the blog's next posts in full, each under a heading that links to its own page, with <hr>s.
{
  const body = [
    '上个月陪外婆去医院复查，医生说她的膝关节退变又加重了。回家的路上，外婆问我：“电视上说打干细胞能长软骨，是真的吗？”我一时答不上来，于是花了几个晚上查资料，把看到的东西整理在这里。',
    '先说结论：目前关节腔注射干细胞治疗膝骨关节炎，在我国仍属于临床研究，没有获批的常规疗法。已经发表的研究里，有的报告疼痛减轻，有的与对照组差别不大，而软骨是否真的再生，影像学证据还很有限。',
    '其次是风险。正规研究会对细胞来源、制备过程和质量检测有严格要求，受试者还有伦理审查保护；而一些机构在研究之外收费注射，细胞的质量和安全都无从保证。',
    '最后，我和外婆商量的方案很朴素：控制体重，每天做股四头肌锻炼，疼得厉害时按医嘱用药，半年后再复查。如果以后有正规的临床研究在招募，我们再去了解。',
  ];
  const other = (n, title, paras) => `<hr>\n<h2><a href="/diary/${n}.html">${esc(title)}</a></h2>\n<p class="date">2025年1月${n % 28 + 1}日</p>\n${blocksHtml(paras)}`;
  page({
    id: 'blog-next-posts', encoding: 'utf-8', declared: 'utf-8',
    shape: 'hand-made personal blog: the post, then the next three posts in full in the same column, each under a heading linking to its own page, separated by <hr>',
    body,
    html: `<html><head><meta charset="utf-8"><title>外婆问我：打干细胞能长软骨吗？ - 阿青的家常笔记</title></head>
<body>
<table width="900" align="center"><tr><td colspan="2" class="top"><a href="/">阿青的家常笔记</a> | <a href="/diary/">日记</a> | <a href="/about.html">关于我</a></td></tr>
<tr><td width="680" valign="top" id="main">
<h2>外婆问我：打干细胞能长软骨吗？</h2>
<p class="date">2025年2月16日</p>
${blocksHtml(body)}
${other(119, '冬天给外婆织的第三条围巾', ['今年的毛线选了浅灰色，外婆说颜色太素，我就在两头各织了一圈红边。织到一半才发现针数算错了，只好拆了重来，前后花了两个周末，总算赶在降温之前送到了她手里。', '外婆戴上以后对着镜子看了半天，说比去年那条暖和多了。其实我知道，她是舍不得说我织得歪。'])}
${other(118, '一锅萝卜排骨汤的做法', ['排骨先冷水下锅焯一遍，撇去浮沫，再换热水加姜片小火炖一个小时。白萝卜切滚刀块，等排骨炖软以后再放，这样萝卜不会煮烂，汤也更清。', '出锅前撒一点盐和葱花就够了。外婆说她小时候过年才能喝上这样一锅汤，我听着，心里觉得这碗汤更香了。'])}
${other(117, '读完《最好的告别》', ['这本书讲的是医学与衰老，作者用很多病人的故事提醒我们，医疗的目标不只是延长生命，也包括让人按照自己的意愿生活。', '读完以后，我开始认真地问外婆：她最在意的是什么？她想了一会儿说，想自己走去菜市场。'])}
<p><a href="/diary/page2.html">更早的日记 &gt;&gt;</a></p>
</td>
<td width="220" valign="top" class="side"><b>日记归档</b>${links(['2025年2月', '2025年1月', '2024年12月'])}</td></tr>
<tr><td colspan="2" class="bottom">本站文字均为原创，转载请注明出处</td></tr></table>
</body></html>`,
  });
}

// Pages 16–18 were written after the extractor's fixes and scored before any change to it:
// a held-out check of shapes the fixes were not tuned on (`heldOut` in pages.json).

// 16. A self-media article on a portal (UTF-8): the body in <article id="mp-editor">, closing
//    with "back to the portal" and a statement paragraph, then the editor line and a feed.
{
  const body = [
    '不少读者在后台留言，问脐带血和脐带间充质干细胞是不是一回事，要不要在孩子出生时花钱保存。今天我们就把这两个概念讲清楚。',
    '脐带血里主要是造血干细胞，已被用于治疗白血病等血液系统疾病；而间充质干细胞多从脐带组织中分离，目前在大多数疾病上仍处于临床研究阶段。',
    '是否自存脐带血，需要结合家庭情况理性考虑。对于绝大多数家庭来说，孩子将来用到自体脐带血的概率很低；如果家中已有需要造血干细胞移植的患者，则可以咨询医生是否定向保存。',
    '选择储存机构时，要确认其具备卫生健康部门批准的资质，看清合同中的费用、保存年限和违约条款，不要被“包治百病”的宣传打动。',
  ];
  page({
    id: 'portal-selfmedia', encoding: 'utf-8', declared: 'utf-8', heldOut: true,
    shape: 'self-media article on a portal: <article id="mp-editor">, a "back to the portal" link and a statement paragraph at its end, editor line, recommended feed',
    body,
    html: `<!DOCTYPE html><html><head><meta charset="utf-8"><title>脐带血和干细胞是一回事吗？一文讲清楚_某狐网</title></head>
<body>
<div class="head-container"><a href="/">某狐首页</a> <a href="/news">新闻</a> <a href="/health">健康</a> <a class="login" href="#">登录</a></div>
<div class="area clearfix"><div class="left main">
<div class="text"><div class="text-title"><h1>脐带血和干细胞是一回事吗？一文讲清楚</h1><div class="article-info"><span class="time">2025-03-02 19:45</span><span>发布于：北京市</span></div></div>
<article class="article" id="mp-editor">
${blocksHtml(body)}
<p><a href="/?spm=back">返回某狐，查看更多</a></p>
</article>
<div class="statement">平台声明：该文观点仅代表作者本人，某狐号系信息发布平台，仅提供信息存储空间服务。</div>
<div class="bottom-relate-wrap"><p data-role="editor-name">责任编辑：<span>王芳</span></p></div>
</div>
<div id="god-bottom"><h3>为您推荐</h3>${links(['孕晚期这几项检查别漏了', '新生儿黄疸什么时候需要治疗', '宝宝发烧到多少度要去医院', '二胎妈妈的产后恢复经验'])}</div>
</div></div>
<div class="footer">Copyright &copy; 2025 某狐公司 版权所有</div>
</body></html>`,
  });
}

// 17. A Taiwanese hospital's health-education page in Big5: table layout, the text in a cell
//    after a "publishing unit / date" row, "back" and "print" links, a related-topics table.
{
  const body = [
    '骨髓移植是把健康的造血幹細胞輸入病人體內，使其重建造血與免疫功能的治療方式，常用於白血病、淋巴瘤及重度再生不良性貧血等疾病。',
    '移植前，病人需接受化學治療或放射線治療，以清除病變的骨髓並抑制免疫反應，這段期間容易發生感染，必須住在保護性隔離病房。',
    '移植後的第一個月是照護重點。病人應注意口腔與皮膚清潔，飲食須完全煮熟，探病的親友如有感冒症狀應避免進入病房。',
    '出院後仍須定期回診，觀察血球數值及是否出現排斥反應。若有發燒、腹瀉或皮膚紅疹，應立即與醫療團隊聯絡。',
  ];
  page({
    id: 'tw-hospital-education', encoding: 'big5', declared: 'big5', heldOut: true,
    shape: 'Taiwanese hospital health-education page in Big5: table layout, publishing-unit/date row above the text cell, back/print links, related-topics table',
    body,
    html: `<html><head><meta http-equiv="Content-Type" content="text/html; charset=big5"><title>骨髓移植病人的照護 - 衛教園地 - 某某紀念醫院</title></head>
<body>
<table width="960" border="0" align="center"><tr><td><img src="/img/logo.gif" alt="某某紀念醫院"></td><td align="right"><a href="/">回首頁</a>｜<a href="/map.htm">網站導覽</a>｜<a href="/en/">English</a></td></tr></table>
<table width="960" border="0" align="center"><tr>
<td width="180" valign="top" class="menu"><a href="/edu/">衛教園地</a><br><a href="/dept/">門診科別</a><br><a href="/doctor/">醫師介紹</a><br><a href="/reg/">網路掛號</a></td>
<td width="780" valign="top">
<table width="100%"><tr><td class="title">骨髓移植病人的照護</td></tr>
<tr><td class="info">發布單位：血液腫瘤科　發布日期：2025/01/20　瀏覽人次：3512</td></tr>
<tr><td class="content">
${blocksHtml(body)}
</td></tr>
<tr><td align="right"><a href="javascript:history.back()">回上一頁</a>　<a href="javascript:window.print()">列印</a></td></tr></table>
<table width="100%" class="related"><tr><th>相關衛教主題</th></tr><tr><td>${links(['化學治療期間的飲食', '認識白血病', '如何預防感染'])}</td></tr></table>
</td></tr></table>
<table width="960" align="center"><tr><td class="foot">地址：某某市某某路一段1號　總機：(00)0000-0000　版權所有</td></tr></table>
</body></html>`,
  });
}

// 18. A repost site in GB18030 whose body sits in <div id="zoom"> inside a news-detail block,
//    with the original link and a disclaimer after it, tags and prev/next.
{
  const body = [
    '近日，某省人民医院完成省内首例异基因造血干细胞移植联合细胞免疫治疗难治性淋巴瘤，患者目前恢复良好，已转入普通病房。',
    '患者今年四十六岁，确诊后先后接受多线化疗，病情反复。经多学科会诊，医疗团队决定为其实施造血干细胞移植，并在移植后序贯细胞免疫治疗，以降低复发风险。',
    '移植科主任介绍，这一方案对供者配型、移植时机和感染防控都有较高要求，团队为此制定了详细的预案，治疗期间未出现严重并发症。',
  ];
  page({
    id: 'repost-zoom', encoding: 'gb18030', declared: 'gb2312', heldOut: true,
    shape: 'repost site in GB18030 (declared gb2312): body in <div id="zoom"> inside a news-detail block, original link and disclaimer after it, tags, prev/next',
    body,
    html: `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>省内首例异基因造血干细胞移植联合细胞免疫治疗完成-医讯转载-某某健康资讯网</title></head>
<body>
<div class="top"><a href="/">网站首页</a> | <a href="/yx/">医讯转载</a> | <a href="/jk/">健康百科</a> | <a href="/zt/">专题</a></div>
<div class="weizhi">当前位置：<a href="/">首页</a> &gt;&gt; <a href="/yx/">医讯转载</a> &gt;&gt; 正文</div>
<div class="news_detail">
<div class="news_title">省内首例异基因造血干细胞移植联合细胞免疫治疗完成</div>
<div class="news_info">来源：某省人民医院　时间：2025-03-28　浏览：<span id="hits">286</span>次</div>
<div id="zoom">
${blocksHtml(body)}
</div>
<div class="yuanwen">原文链接：<a href="#">http://www.example.org/news/2025/0328.html</a></div>
<div class="mianze">免责声明：本站转载文章仅为传递更多信息，不代表本站观点，如有侵权请联系删除。</div>
<div class="tags">相关标签：<a href="/tag/1">造血干细胞移植</a> <a href="/tag/2">淋巴瘤</a></div>
<div class="sxp">上一篇：<a href="/yx/101.html">春季过敏高发，专家提醒做好防护</a><br>下一篇：<a href="/yx/103.html">儿童近视防控进校园</a></div>
</div>
<div class="bottom">某某健康资讯网 版权所有</div>
</body></html>`,
  });
}

// Write: each page's bytes in its encoding (stray bytes where marked), its text, the index.
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const index = [];
for (const p of pages) {
  const parts = p.html.split(BAD);
  const encoded = parts.map((part) => {
    const bytes = iconv.encode(part, p.encoding);
    const back = iconv.decode(bytes, p.encoding);
    if (back !== part) throw new Error(`${p.id}: "${[...part].find((c) => iconv.decode(iconv.encode(c, p.encoding), p.encoding) !== c)}" not representable in ${p.encoding}`);
    return bytes;
  });
  const bytes = Buffer.concat(encoded.flatMap((b, i) => (i === 0 ? [b] : [Buffer.from([0xff]), b])));
  if ((p.damaged ?? 0) !== parts.length - 1) throw new Error(`${p.id}: ${parts.length - 1} stray bytes, declared ${p.damaged ?? 0}`);
  writeFileSync(`${dir}${p.id}.html`, bytes);
  writeFileSync(`${dir}${p.id}.txt`, `${blocksText(p.body)}\n`);
  index.push({ id: p.id, encoding: p.encoding, declared: p.declared, damagedBytes: p.damaged ?? 0, heldOut: p.heldOut ?? false, shape: p.shape });
}
writeFileSync(`${dir}pages.json`, `${JSON.stringify(index, null, 2)}\n`);
console.log(`${pages.length} pages written to ${dir}: ${readdirSync(dir).length} files`);
