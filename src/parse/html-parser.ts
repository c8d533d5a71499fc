import type { DomHandler } from 'domhandler';
import type { Parser } from 'htmlparser2';

/** The two classes the HTML reader parses with. */
export interface ParserModules {
  Parser: typeof Parser;
  DomHandler: typeof DomHandler;
}

/**
 * htmlparser2's Parser and domhandler's DomHandler, loaded without htmlparser2's package index:
 * the index re-exports domutils, dom-serializer and a second copy of entities (30 modules, ~25 ms
 * of every start) that the reader never uses. Where the package's layout is not the expected one,
 * the index is loaded after all. A module of its own because the CLI bundle
 * (scripts/bundle-cli.mjs) puts in its place a static import of the same two classes, which the
 * bundler can follow and trim, where `import.meta.resolve` is a path it cannot.
 */
export async function parserModules(): Promise<ParserModules> {
  try {
    const index = import.meta.resolve('htmlparser2');
    const { Parser } = (await import(new URL('./Parser.js', index).href)) as typeof import('htmlparser2');
    const { DomHandler } = await import('domhandler');
    return { Parser, DomHandler };
  } catch {
    const { Parser, DomHandler } = await import('htmlparser2');
    return { Parser, DomHandler };
  }
}
