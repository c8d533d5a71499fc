import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { packagePath } from '../../core/paths.js';

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

const special = /[&<>"']/;
const specials = /[&<>"']/g;
const escapeOf = (c: string): string => escapes[c]!;

/**
 * Escapes text for HTML content and quoted attribute values. Every piece of input goes through
 * here — most of it (Chinese prose, dates, ids) with nothing to escape, which one test finds
 * without the replace's work and allocation.
 */
export function esc(text: unknown): string {
  const s = typeof text === 'string' ? text : String(text ?? '');
  return special.test(s) ? s.replace(specials, escapeOf) : s;
}

/** An http(s) URL safe to link to, or null (javascript:, data: and anything unparsable are not links). */
export function safeUrl(url: unknown): string | null {
  if (typeof url !== 'string') return null;
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/**
 * JSON to embed in a `<script type="application/json">` data block (never run: the page's
 * policy allows only its own script). `<`, `>`, `&` and the two line separators are escaped as
 * JSON escapes, so no text can close the block or open a comment.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The stylesheet and script every page inlines, and the policy that allows exactly them. */
export interface ReportAssets {
  css: string;
  js: string;
  /** Content-Security-Policy: no network at all, inline style, and this one script by hash. */
  csp: string;
}

let assets: ReportAssets | null = null;

/** Loads assets/report.{css,js} once. */
export function reportAssets(): ReportAssets {
  if (!assets) {
    const css = readFileSync(packagePath('assets', 'report.css'), 'utf8');
    const js = readFileSync(packagePath('assets', 'report.js'), 'utf8');
    const hash = createHash('sha256').update(js).digest('base64');
    assets = { css, js, csp: `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${hash}'; img-src data:; base-uri 'none'; form-action 'none'` };
  }
  return assets;
}

/** The mark in every page's head that says digest made it (a build may replace such a page where it finds one). */
export const PAGE_MARK = '<meta name="generator" content="digest-ingest">';

/** A whole page: doctype, language, viewport, policy, inlined style; `body` is already escaped HTML. */
export function page(options: PageOptions): string {
  return pagePieces(pageOptionsOf(options)).join('');
}

/**
 * `options` as the review pages pass them to {@link pagePieces}: every member, in one order, the
 * body as pieces. An object literal's map is set by its members and their order, and the one
 * page written by {@link page} (the index, at a build's end) passed another: `pagePieces`, compiled
 * for the article and source pages' options, was thrown away at it (issue 17: BENCHMARKS.md,
 * "the review pages' renderers compiled once").
 */
function pageOptionsOf(options: PageOptions): PageOptions {
  const body = typeof options.body === 'string' ? [options.body] : options.body;
  return { lang: options.lang, title: options.title, body, script: options.script ?? false, bodyClass: options.bodyClass ?? '' };
}

/** What {@link page} and {@link pagePieces} make a page of. */
export interface PageOptions {
  lang: string;
  title: string;
  /** Escaped HTML: one string, or pieces in order. */
  body: string | readonly string[];
  script?: boolean;
  bodyClass?: string;
}

/**
 * {@link page} as pieces in order, never joined: a build writes them one after another
 * (io/utf8.ts), so the inlined stylesheet and script (ASCII, encoded at memory speed) are never
 * copied into a page-sized string, nor is the body.
 */
export function pagePieces(options: PageOptions): string[] {
  const { css, js, csp } = reportAssets();
  const head = `<!doctype html>
<html lang="${esc(options.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="referrer" content="no-referrer">
${PAGE_MARK}
<title>${esc(options.title)}</title>
<style>`;
  const open = `</style>
</head>
<body${options.bodyClass ? ` class="${esc(options.bodyClass)}"` : ''}>
<a class="skip" href="#main">Skip to content</a>
`;
  const body = typeof options.body === 'string' ? [options.body] : options.body;
  const end = `</body>
</html>
`;
  return options.script ? [head, css, open, ...body, '\n<script>', js, `</script>\n${end}`] : [head, css, open, ...body, `\n${end}`];
}

/** `pieces.join(separator)` as pieces, not joined: each piece, with the separator between two. */
export function joined(pieces: readonly string[], separator: string): string[] {
  const out: string[] = [];
  // A loop: a `forEach` callback over `out` was a closure made per call (BENCHMARKS.md, change 64).
  for (let i = 0; i < pieces.length; i++) {
    if (i > 0) out.push(separator);
    out.push(pieces[i]!);
  }
  return out;
}

/** The BCP 47 tag of a record's text. */
export function langOf(language: string | null | undefined, script: string | null | undefined): string {
  if (!language || language === 'und') return 'und';
  return script && language === 'zh' ? `zh-${script}` : language;
}
