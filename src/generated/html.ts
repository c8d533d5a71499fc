/* Generated from schemas/html.schema.json by scripts/gen-types.mjs: do not edit; run `npm run gen:types`. */

/**
 * One compound CSS selector: a tag, #id, .class and [attribute] tests ([a], [a=v], [a^=v], [a$=v], [a*=v], [a~=v]); no combinators.
 *
 * This interface was referenced by `HtmlData`'s JSON-Schema
 * via the `definition` "selector".
 */
export type Selector = string;

/**
 * How saved web pages are read: dropped elements, chrome markers, known body containers.
 */
export interface HtmlData {
  $schema?: string;
  description?: string;
  dropElements: string[];
  chromeElements: string[];
  /**
   * Class/id words that mark site chrome (case-insensitive regular expression, tried on the class and id together).
   */
  chromeClassPattern: string;
  /**
   * A class or id token that names content and keeps an element the chrome pattern would drop (case-insensitive regular expression, tried on each whitespace-separated token; anchor it).
   */
  chromeClassExceptions: string;
  wechatRoot: Selector;
  /**
   * CSS selectors of known body containers, tried in order; the first whose matches hold text wins, its first match joined with the later matches under the same parent (an article split into chunks). A forum's posts each sit in their own wrapper, so a post selector keeps the opening post.
   */
  contentSelectors: Selector[];
  blockElements: string[];
  /**
   * Lines that are no article text when they open or close the body (80 characters at most): bylines, datelines, source, editor and hit-count lines (regular expressions, Unicode mode).
   */
  metaLinePatterns: string[];
}
