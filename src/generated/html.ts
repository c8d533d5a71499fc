/* Generated from schemas/html.schema.json by scripts/gen-types.mjs: do not edit; run `npm run gen:types`. */

/**
 * How saved web pages are read: dropped elements, chrome markers, known body containers.
 */
export interface HtmlData {
  $schema?: string;
  description?: string;
  dropElements: string[];
  chromeElements: string[];
  chromeClassPattern: string;
  chromeClassExceptions: string;
  wechatRoot: string;
  contentSelectors: string[];
  blockElements: string[];
}
