import { extname } from 'node:path';
import { defineStage } from '../core/stage.js';
import { parseDefaults } from '../generated/stage-defaults.js';
import { extractHtml, looksLikeHtml } from '../parse/html.js';
import { markdownBlocks } from '../parse/markdown.js';
import { plainBlocks } from '../parse/plain.js';

/** What makes a line Markdown, read on its first 600 units: bullets alone do not (plain-text digests use "- " lists too); these do. */
export const markdownSignal = /^(?:#{1,6}\s+\S|[^\n]{0,300}?\*\*[^*\n]{1,300}\*\*|[^\n]{0,300}?\]\(https?:\/\/[^)\s]{1,300}\)|\s{0,3}>\s+\S|\s{0,3}(?:```|~~~))/;

/** Decides how to read a text: by file extension first, then by what the text looks like. */
export function detectFormat(text: string, name: string | null): 'text' | 'html' | 'markdown' {
  const ext = name ? extname(name).toLowerCase() : '';
  if (ext === '.html' || ext === '.htm' || ext === '.xhtml') return 'html';
  if (ext === '.md' || ext === '.markdown') return 'markdown';
  if (looksLikeHtml(text)) return 'html';
  // Line by line, each line cut to 600 characters: the signal pattern never sees long input.
  const head = text.slice(0, 65536);
  if (!holdsSignalMark(head)) return 'text';
  const signals = head.split('\n').filter(hasMarkdownSignal).length;
  return signals >= 2 ? 'markdown' : 'text';
}

/**
 * What each branch of {@link markdownSignal} needs in a line: a heading's "#", bold's "**", a link's
 * "](http", a quote's ">", a fence's "```" or "~~~". A text holding none has no signal line, and the
 * pattern is never compiled (~0.4 M instructions of a plain-text ingest: BENCHMARKS.md, issue 17: start-up).
 */
const signalMarks = ['#', '**', '](http', '>', '```', '~~~'];

/** Whether `text` holds one of {@link signalMarks}. */
function holdsSignalMark(text: string): boolean {
  for (let i = 0; i < signalMarks.length; i++) if (text.includes(signalMarks[i]!)) return true;
  return false;
}

// At module scope, so V8 optimises it once: an arrow made per call is optimised again after each full collection (BENCHMARKS.md, change 64).
function hasMarkdownSignal(line: string): boolean {
  return markdownSignal.test(line.slice(0, 600));
}

/**
 * parse: text → ordered blocks (heading, paragraph, list item) with positions. HTML keeps
 * only the article body; Markdown and plain text keep every line.
 */
export const parse = defineStage({
  name: 'parse',
  description: 'Detect HTML, Markdown or plain text and produce ordered blocks with positions.',
  needs: ['text'],
  provides: ['blocks'],
  rules: {
    'body-empty': {
      severity: 'error',
      description: 'No text blocks were found (for a web page: no article body among the chrome).',
      example: 'a saved page whose body is navigation, header and footer only',
    },
    'too-many-blocks': {
      severity: 'error',
      fatal: true,
      description: 'The body has more blocks than the parse stage’s maxBlocks.',
      example: 'a text file of 300,000 non-blank lines with the default maxBlocks of 200,000',
    },
    'html-too-deep': {
      severity: 'error',
      fatal: true,
      description: 'HTML nests elements deeper than maxHtmlDepth (checked before parsing).',
      example: 'a page of 100,000 nested <div> elements',
    },
    'line-too-long': {
      severity: 'error',
      fatal: true,
      description: 'A block’s text is longer than maxBlockLength characters.',
      example: 'a 20 MB single-line text file',
    },
  },
  defaults: parseDefaults,
  renamedOptions: {
    maxLineLength:
      'it was renamed "maxBlockLength" (it always limited a block, which in a web page spans many source lines); write "maxBlockLength" with the same value',
  },
  async run(doc, { options, data, report }) {
    const format = options.format === 'auto' ? detectFormat(doc.text, doc.path ?? doc.name) : options.format;
    doc.format = format;
    if (format === 'html') {
      const extracted = await extractHtml(doc.text, data.html, options.maxHtmlDepth);
      if (extracted.tooDeep !== undefined) {
        report('html-too-deep', `HTML nests more than ${extracted.tooDeep - 1} elements deep, over the limit maxHtmlDepth=${options.maxHtmlDepth}`);
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
      return;
    }
    // A loop: a callback over `options` is a closure made per call (BENCHMARKS.md, change 64).
    let long: (typeof doc.blocks)[number] | undefined;
    for (let b = 0; b < doc.blocks.length && long === undefined; b++) if (doc.blocks[b]!.text.length > options.maxBlockLength) long = doc.blocks[b];
    if (long) {
      report('line-too-long', `a block of ${long.text.length} characters, over the limit maxBlockLength=${options.maxBlockLength}`, { offset: long.start });
      return;
    }
    if (doc.blocks.length === 0) {
      report('body-empty', format === 'html' ? 'no article text found in the page' : 'no text blocks found');
    }
  },
});
