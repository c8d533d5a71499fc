import { extname } from 'node:path';
import { defineStage } from '../core/stage.js';
import { extractHtml, looksLikeHtml } from '../parse/html.js';
import { markdownBlocks } from '../parse/markdown.js';
import { plainBlocks } from '../parse/plain.js';

// Bullets alone do not make Markdown (plain-text digests use "- " lists too); these do.
const markdownSignal = /^(?:#{1,6}\s+\S|[^\n]{0,300}?\*\*[^*\n]{1,300}\*\*|[^\n]{0,300}?\]\(https?:\/\/[^)\s]{1,300}\)|\s{0,3}>\s+\S|\s{0,3}(?:```|~~~))/;

/** Decides how to read a text: by file extension first, then by what the text looks like. */
export function detectFormat(text: string, name: string | null): 'text' | 'html' | 'markdown' {
  const ext = name ? extname(name).toLowerCase() : '';
  if (ext === '.html' || ext === '.htm' || ext === '.xhtml') return 'html';
  if (ext === '.md' || ext === '.markdown') return 'markdown';
  if (looksLikeHtml(text)) return 'html';
  // Line by line, each line cut to 600 characters: the signal pattern never sees long input.
  const signals = text
    .slice(0, 65536)
    .split('\n')
    .filter((line) => markdownSignal.test(line.slice(0, 600))).length;
  return signals >= 2 ? 'markdown' : 'text';
}

/**
 * parse: text → ordered blocks (heading, paragraph, list item) with positions. HTML keeps
 * only the article body; Markdown and plain text keep every line.
 */
export const parse = defineStage({
  name: 'parse',
  description: 'Detect HTML, Markdown or plain text and produce ordered blocks with positions.',
  rules: {
    'body-empty': 'error',
    'too-many-blocks': 'error',
    'html-too-deep': 'error',
    'line-too-long': 'error',
  },
  defaults: { format: 'auto', maxBlocks: 200000, maxLineLength: 1000000, maxHtmlDepth: 1000 },
  async run(doc, { options, data, report }) {
    const format = options.format === 'auto' ? detectFormat(doc.text, doc.path ?? doc.name) : (options.format as typeof doc.format);
    doc.format = format;
    if (format === 'html') {
      const extracted = await extractHtml(doc.text, data.html, options.maxHtmlDepth);
      if (extracted.tooDeep !== undefined) {
        report('html-too-deep', `HTML nests more than ${extracted.tooDeep - 1} elements deep, over the limit maxHtmlDepth=${options.maxHtmlDepth}`);
        doc.failed = true;
        return;
      }
      doc.blocks = extracted.blocks;
      doc.variant = extracted.variant;
      doc.title = extracted.title;
    } else if (format === 'markdown') {
      doc.blocks = await markdownBlocks(doc.text);
    } else {
      doc.blocks = plainBlocks(doc.text);
    }
    if (doc.blocks.length > options.maxBlocks) {
      report('too-many-blocks', `${doc.blocks.length} blocks, over the limit maxBlocks=${options.maxBlocks}`);
      doc.failed = true;
      return;
    }
    const long = doc.blocks.find((block) => block.text.length > options.maxLineLength);
    if (long) {
      report('line-too-long', `a block of ${long.text.length} characters, over the limit maxLineLength=${options.maxLineLength}`, { offset: long.start });
      doc.failed = true;
      return;
    }
    if (doc.blocks.length === 0) {
      report('body-empty', format === 'html' ? 'no article text found in the page' : 'no text blocks found');
      doc.failed = true;
    }
  },
});
