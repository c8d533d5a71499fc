import { describe, expect, it } from 'vitest';
import { esc, jsonForScript, langOf, page, PAGE_MARK, safeUrl } from '../../../src/report/html/html.js';

describe('HTML helpers', () => {
  it('esc: the five characters, and nothing for null or undefined', () => {
    expect(esc(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    expect(esc(null)).toBe('');
    expect(esc(undefined)).toBe('');
    expect(esc(42)).toBe('42');
  });

  it('safeUrl: http(s) only, trimmed and normalised; javascript:, data:, relative and non-strings are no links', () => {
    expect(safeUrl(' https://example.org/a b ')).toBe('https://example.org/a%20b');
    expect(safeUrl('http://example.org')).toBe('http://example.org/');
    for (const url of ['javascript:alert(1)', 'data:text/html,<b>', '/relative/path', 'not a url', 42, null]) expect(safeUrl(url), String(url)).toBeNull();
  });

  it('jsonForScript: nothing can close the data block', () => {
    const text = jsonForScript({ t: '</script><!-- & \u2028' });
    expect(text).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(text)).toEqual({ t: '</script><!-- & \u2028' });
  });

  it('langOf: und without a language; the script only for Chinese', () => {
    expect(langOf(null, 'Hans')).toBe('und');
    expect(langOf('und', null)).toBe('und');
    expect(langOf('zh', 'Hant')).toBe('zh-Hant');
    expect(langOf('zh', null)).toBe('zh');
    expect(langOf('en', 'Latn')).toBe('en');
  });

  it('page: the mark digest knows its pages by, the title escaped, a body class when asked', () => {
    const html = page({ lang: 'en', title: 'a <b>', body: '<p>x</p>', bodyClass: 'index-page' });
    expect(html).toContain(PAGE_MARK);
    expect(html).toContain('<title>a &lt;b&gt;</title>');
    expect(html).toContain('<body class="index-page">');
    expect(page({ lang: 'en', title: 't', body: '' })).toContain('<body>');
  });
});
