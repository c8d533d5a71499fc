import { hash as oneShotHash } from 'node:crypto';
import { join } from 'node:path';
import { SCHEMA_VERSION } from '../core/record.js';
import { validatorFor } from '../core/schemas.js';
import type { ArticleRecord } from '../generated/article.js';
import type { ArticleChange, ArticleDigest, DatasetChanges, RemovedArticle } from '../generated/changes.js';
import { toJson } from '../io/atomic.js';
import { OutputError } from '../io/errors.js';
import { readPlainFile } from '../io/files.js';
import { utf8Text } from '../io/utf8.js';
import { MANIFEST, ownedFiles } from './ownership.js';
import type { TextSpool } from './set-aside.js';

/** The change view's file in a dataset folder (schemas/changes.schema.json). */
export const CHANGES = 'changes.json';

/** How much of an item's text a digest keeps to name the item once it is gone (code points). */
const EXCERPT = 60;

function hash(text: string): string {
  // One call, no Hash object per item (Node >= 20.12; the package needs 20.19).
  return oneShotHash('sha256', text, 'hex');
}

/** Whether a code unit is a high surrogate followed by its low half: one code point of two units. */
function pairAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff || i + 1 >= text.length) return false;
  const d = text.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff;
}

/** The first `count` code points of `text`, as `[...text].slice(0, count).join('')` gives them, when more follow; else null (the caller needs more text to be sure). */
function firstCodePoints(text: string, count: number): string | null {
  let at = 0;
  for (let n = 0; n < count; n++) {
    if (at >= text.length) return null;
    at += pairAt(text, at) ? 2 : 1;
  }
  return at < text.length ? text.slice(0, at) : null;
}

/**
 * The excerpt a digest keeps of an item: the first {@link EXCERPT} code points of its text, white
 * space runs one space, trimmed — read from a prefix (most items are far longer): a prefix whose
 * tidied form holds more than the excerpt gives the whole text's, as what follows only adds to
 * the end (a space run or a pair cut there is the last code point, which the excerpt leaves out).
 */
export function itemExcerpt(text: string): string {
  for (let units = 4 * EXCERPT; units < text.length; units *= 4) {
    const tidied = text.slice(0, units).replace(/\s+/g, ' ').trimStart();
    const excerpt = firstCodePoints(tidied, EXCERPT);
    if (excerpt !== null) return excerpt;
  }
  return [...text.replace(/\s+/g, ' ').trim()].slice(0, EXCERPT).join('');
}

/**
 * What the change view compares of a record: its id, path and title, each item's place, date,
 * journal, paper title, cited DOIs and a hash of its text, each reference's number and DOI. Small
 * (a few KB), so the dataset keeps it for every article and the next build compares with it.
 */
export function articleDigest(record: ArticleRecord): ArticleDigest {
  const doiOf = new Map(record.references.map((r) => [r.id, typeof r.csl.DOI === 'string' ? r.csl.DOI : null]));
  return {
    id: record.id,
    path: record.source.path,
    title: record.title,
    items: record.sections.flatMap((section, i) =>
      section.items.map((item, j) => ({
        at: `s${i}-${j}`,
        date: item.date,
        journal: item.journal,
        paperTitle: item.paperTitle ?? null,
        dois: item.citations.map((id) => doiOf.get(id) ?? null).filter((doi): doi is string => doi !== null),
        text: hash(item.text).slice(0, 16),
        excerpt: itemExcerpt(item.text),
      })),
    ),
    references: record.references.map((r) => ({ number: r.number, doi: doiOf.get(r.id) ?? null })),
  };
}

/** The hash a summary carries of its record's digest: equal hashes, equal digests. */
export function digestHash(digest: ArticleDigest): string {
  return hash(JSON.stringify(digest));
}

/** What an input's change is decided from: the previous build's revision (0: none) and its entry for this article. */
export interface ChangePrior {
  revision: number;
  entry: ArticleChange | null;
}

/**
 * An article's change: the first build into a folder makes every article `first`; an article
 * whose digest equals the previous build's keeps the change it had (so a build that changes
 * nothing writes the same pages); any other is `new` or `changed` at the next revision.
 */
export function decideChange(prior: ChangePrior, current: ArticleDigest): ArticleChange {
  if (prior.revision === 0) return { id: current.id, status: 'first', revision: 1, previousId: null, current, previous: null };
  const old = prior.entry;
  if (old === null) return { id: current.id, status: 'new', revision: prior.revision + 1, previousId: null, current, previous: null };
  if (digestHash(old.current) === digestHash(current)) return { ...old, id: current.id, current };
  return { id: current.id, status: 'changed', revision: prior.revision + 1, previousId: old.id === current.id ? null : old.id, current, previous: old.current };
}

/** The change a reused (cached) article keeps, when its digest is the one the previous build recorded; else null (it must be made again). */
export function carriedChange(prior: ChangePrior, digest: string | null | undefined): ArticleChange | null {
  const old = prior.entry;
  return old !== null && typeof digest === 'string' && digestHash(old.current) === digest ? old : null;
}

/** What an article page was made from besides its input: its change, or the change's JSON text (the page's source key). */
export function pageSource(key: string, change: ArticleChange | string | null): string {
  return change === null ? key : hash(`${key}\0${typeof change === 'string' ? change : JSON.stringify(change)}`);
}

/** What a build's state says of the changes.json it left. */
export interface ChangesSummary {
  revision: number;
  articles: number;
}

interface ParsedChanges {
  byId: ReadonlyMap<string, ArticleChange>;
  removed: readonly RemovedArticle[];
}

/**
 * The change view of the dataset a build replaces: its changes.json, read only when the old
 * manifest lists it and it follows its schema (anything else is "no previous build"). One the
 * state describes is read only when asked, as bytes laid out ({@link layOut}): an unchanged
 * build never reads it (BENCHMARKS.md, "an unchanged build reads no changes.json").
 */
export class PreviousBuild {
  private parsed: ParsedChanges | null;
  private pathIndex: Map<string, ArticleChange> | null = null;
  private laid: LaidOut | null = null;
  // Asked twice, the same object (SettledChanges tells a carried entry by identity).
  private readonly parsedEntries = new Map<string, ArticleChange>();

  private constructor(
    /** The revision of the dataset in the folder (0: none, or none this digest can read). */
    readonly revision: number,
    parsed: ParsedChanges | null,
    /**
     * Whether the file read is one this code wrote, untouched since ({@link PreviousBuild.read}'s
     * `madeHere`): its bytes are then what this code writes of the same articles, so a build
     * whose every article carries its change over can keep the file as it is.
     */
    readonly trusted = false,
    private readonly readBytes: (() => Buffer) | null = null,
    private readonly count = 0,
  ) {
    this.parsed = parsed;
  }

  /**
   * The previous build of the dataset folder `root`. `owns`: whether the folder's manifest lists
   * a file (a writer's `DatasetWriter.owns`; else the manifest is read here). `madeHere`: whether
   * the last build wrote it with this code, untouched since — then it followed its schema and is
   * not validated again (7 MB at 1,000 articles). `known`: what the last state says of that file;
   * it is then read when first asked, and an OutputError if it is not that file then.
   */
  static read(root: string, owns: (rel: string) => boolean = (rel) => ownedFiles(join(root, MANIFEST)).has(rel), madeHere: (rel: string) => boolean = () => false, known?: ChangesSummary | null): PreviousBuild {
    const none = new PreviousBuild(0, { byId: new Map(), removed: [] });
    if (!owns(CHANGES)) return none;
    // Asked before and after the read: a file replaced meanwhile is validated.
    const trusted = madeHere(CHANGES);
    const path = join(root, CHANGES);
    if (trusted && known && known.revision > 0) {
      const readBytes = () => {
        let bytes: Buffer | null = null;
        try {
          bytes = readPlainFile(path, 1 << 30).bytes;
        } catch {
          bytes = null;
        }
        if (bytes === null || !madeHere(CHANGES)) throw new OutputError(`${path}: changed while the build ran; build again`);
        return bytes;
      };
      return new PreviousBuild(known.revision, null, true, readBytes, known.articles);
    }
    let value: unknown;
    try {
      const read = readPlainFile(path, 1 << 30);
      if (!read.bytes) return none;
      value = JSON.parse(read.bytes.toString('utf8'));
    } catch {
      return none;
    }
    return PreviousBuild.of(value, trusted && madeHere(CHANGES)) ?? none;
  }

  /**
   * A previous build from a parsed changes.json, or null when it does not follow its schema
   * (`trusted`: it is one this code wrote, {@link read}; only its shape's outline is checked).
   */
  static of(value: unknown, trusted = false): PreviousBuild | null {
    if (trusted ? !outlined(value) : !validatorFor<DatasetChanges>('changes')(value)) return null;
    const changes = value as DatasetChanges;
    return new PreviousBuild(changes.revision, { byId: new Map(changes.articles.map((a) => [a.id, a])), removed: changes.removed }, trusted);
  }

  private layout(): LaidOut {
    if (this.laid) return this.laid;
    const laid = layOut(this.readBytes!());
    // The state and the file are written by one build: a state that disagrees stays so, and only
    // removing it lets the next build read the file afresh.
    if (laid === null || laid.revision !== this.revision || laid.spans.size !== this.count)
      throw new OutputError(`${CHANGES}: not the file the last build's state describes; remove the build's cache folder (.cache in the output folder, unless one was given) and build again`);
    return (this.laid = laid);
  }

  /**
   * Lets go of what was read of a file read when first asked (its bytes laid out and the entries
   * parsed from them: ~7 KB an article, held by an incremental build until it returns otherwise).
   * For a build that has committed: asked again, it would read the file in place, this build's.
   */
  letGo(): void {
    this.laid = null;
    this.pathIndex = null;
    this.parsedEntries.clear();
  }

  /** The previous build's entry for article `id`, or null. */
  entry(id: string): ArticleChange | null {
    if (this.parsed) return this.parsed.byId.get(id) ?? null;
    let entry = this.parsedEntries.get(id);
    if (entry === undefined) {
      const laid = this.layout();
      const span = laid.spans.get(id);
      if (span === undefined) return null;
      entry = JSON.parse(utf8Text(laid.bytes.subarray(span[0], span[1]))) as ArticleChange;
      this.parsedEntries.set(id, entry);
    }
    return entry;
  }

  /** Article `id`'s text as {@link changeArticleText} writes it (a file read lazily: its bytes there), or null. */
  articleText(id: string): string | Uint8Array | null {
    if (this.parsed) {
      const entry = this.parsed.byId.get(id);
      return entry === undefined ? null : changeArticleText(entry);
    }
    const laid = this.layout();
    const span = laid.spans.get(id);
    return span === undefined ? null : laid.bytes.subarray(span[0], span[1]);
  }

  /** The number of articles the previous build had. */
  get size(): number {
    return this.parsed ? this.parsed.byId.size : this.count;
  }

  private ids(): Iterable<string> {
    return this.parsed ? this.parsed.byId.keys() : this.layout().spans.keys();
  }

  /** The entries by input path (the first by id, when two share one). */
  private byPath(): Map<string, ArticleChange> {
    if (this.pathIndex) return this.pathIndex;
    const entries = [...this.ids()].map((id) => this.entry(id)!);
    return (this.pathIndex = new Map(entries.reverse().filter((a) => a.current.path !== null).map((a) => [a.current.path!, a])));
  }

  /**
   * What article `id` (from `path`) is compared with: its own entry, or — when its id is new —
   * the entry of the same input under an id no input of this build has (its id changed). `ids`
   * tells whether an input of this build has an id (a set of them, or the build's plan).
   */
  priorFor(id: string, path: string | null, ids: { has(id: string): boolean }): ChangePrior {
    let entry = this.entry(id);
    if (entry === null && path !== null) {
      const old = this.byPath().get(path);
      if (old && !ids.has(old.id)) entry = old;
    }
    return { revision: this.revision, entry };
  }

  /**
   * The new changes.json from every article's change (any order): the revision goes up when
   * any article changed or was removed; articles whose record is gone (and whose id did not
   * just pass to another input) are listed as removed. A build that changes nothing carries the
   * old removed list, so its file is the one it found.
   */
  next(changes: readonly ArticleChange[]): { value: DatasetChanges; text: string } {
    const articles = [...changes].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const ids = new Set(articles.map((a) => a.id));
    const bumped = articles.filter((a) => a.revision === this.revision + 1);
    const { revision, removed } = this.revise((id) => ids.has(id), new Set(bumped.flatMap((a) => (a.previousId === null ? [] : [a.previousId]))), bumped.length > 0);
    const value: DatasetChanges = { schemaVersion: SCHEMA_VERSION, revision, articles, removed };
    return { value, text: toJson(value) };
  }

  /** Whether the previous build had an article with this id. */
  has(id: string): boolean {
    return this.parsed ? this.parsed.byId.has(id) : this.layout().spans.has(id);
  }

  /**
   * The next changes.json's revision and removed list, given which of this build's articles are
   * still there (`kept`), which ids passed to another input, and whether any article's change is
   * at the next revision.
   */
  revise(kept: (id: string) => boolean, renamedFrom: ReadonlySet<string>, anyBumped: boolean): { revision: number; removed: RemovedArticle[] } {
    const gone: ArticleChange[] = [];
    for (const id of this.ids()) if (!kept(id) && !renamedFrom.has(id)) gone.push(this.entry(id)!);
    const changed = this.revision === 0 || gone.length > 0 || anyBumped;
    const revision = this.revision === 0 ? 1 : changed ? this.revision + 1 : this.revision;
    const removed = !changed ? [...(this.parsed ? this.parsed.removed : this.layout().removed)] : gone.map((old) => ({ id: old.id, revision, last: old.current })).sort((a, b) => (a.id < b.id ? -1 : 1));
    return { revision, removed };
  }
}

interface LaidOut {
  // Uint8Array, not Buffer: a declaration that names Buffer needs @types/node of the package's users.
  bytes: Uint8Array;
  revision: number;
  removed: RemovedArticle[];
  /** Each article's text by id, in file order: from its `{` to after its `}`. */
  spans: Map<string, readonly [start: number, end: number]>;
}

const ARTICLE_OPEN = Buffer.from('\n    {\n      "id": ');
// The only line at an article's depth that is a bare `}` (a JSON string holds no raw line feed).
const ARTICLE_CLOSE = Buffer.from('\n    }');
const ARTICLES_AT = Buffer.from('\n  "articles": [');

/**
 * A changes.json's articles found by the layout this code writes (each at depth two, its id
 * first, nothing between them but separators), the rest parsed without them; null when laid out
 * otherwise. Only the id lines and the text around the articles are decoded.
 */
export function layOut(file: Uint8Array): LaidOut | null {
  const bytes = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  const at = bytes.indexOf(ARTICLES_AT);
  if (at < 0) return null;
  const start = at + ARTICLES_AT.length;
  const spans = new Map<string, readonly [number, number]>();
  let end = start;
  if (bytes[start] !== 0x5d /* ] */) {
    for (let next = start; ; next = end + 1) {
      if (!bytes.subarray(next, next + ARTICLE_OPEN.length).equals(ARTICLE_OPEN)) return null;
      const begin = next + 5;
      const idStart = next + ARTICLE_OPEN.length;
      const idEnd = bytes.indexOf(0x0a, idStart);
      const close = bytes.indexOf(ARTICLE_CLOSE, begin);
      if (idEnd < 0 || close < 0 || bytes[idEnd - 1] !== 0x2c /* , */) return null;
      let id: unknown;
      try {
        id = JSON.parse(bytes.toString('utf8', idStart, idEnd - 1));
      } catch {
        return null;
      }
      if (typeof id !== 'string' || spans.has(id)) return null;
      end = close + ARTICLE_CLOSE.length;
      spans.set(id, [begin, end]);
      if (bytes[end] !== 0x2c) break;
    }
  }
  let rest: unknown;
  try {
    rest = JSON.parse(bytes.toString('utf8', 0, start) + bytes.toString('utf8', end));
  } catch {
    return null;
  }
  const outline = rest as Partial<DatasetChanges> | null;
  if (!outlined(rest) || outline!.articles!.length !== 0) return null;
  return { bytes, revision: outline!.revision!, removed: outline!.removed!, spans };
}
/** The outline of a changes.json: a revision, and lists of articles and removed ones. */
function outlined(value: unknown): boolean {
  const v = value as Partial<Record<keyof DatasetChanges, unknown>> | null;
  return typeof v?.revision === 'number' && Array.isArray(v.articles) && Array.isArray(v.removed);
}

/**
 * A build's changes.json made as its articles settle, in id order: each change written out when
 * added into a spool in the staging folder, with what the revision and removed list depend on,
 * so the end only frames the spool (BENCHMARKS.md, "the serial head and tail of a two-worker
 * build"). Holds the previous build's ids still there and those renamed, nothing per new article.
 */
export class SettledChanges {
  private readonly kept = new Set<string>();
  private readonly renamedFrom = new Set<string>();
  private anyBumped = false;
  private last: string | null = null;
  private count = 0;
  private spooled = 0;
  // The previous build's entries (or ids) added and not spooled while every article is one of
  // them; null from the first that is not. Whole at the end, the file is the previous one
  // (sameAsPrevious), and its 7 MB are neither spooled nor hashed.
  private carried: (ArticleChange | string)[] | null = [];

  constructor(
    private readonly previous: PreviousBuild,
    private readonly spool: TextSpool,
  ) {}

  /** Adds the next article's change (its id not before the last one's). */
  add(a: ArticleChange): void {
    if (this.carried !== null && this.previous.entry(a.id) === a) {
      this.note(a);
      this.carried.push(a);
      return;
    }
    this.addText(a, changeArticleText(a));
  }

  /** Adds the next article as carrying the previous build's entry for `id` (the state says so: run.ts), unread. */
  addCarried(id: string): void {
    // Its revision is at most the previous one: never bumped, never renamed now.
    if (this.last !== null && id < this.last) throw new Error(`changes out of id order: ${id} after ${this.last}`);
    this.last = id;
    this.count++;
    this.kept.add(id);
    if (this.carried !== null) this.carried.push(id);
    else this.spoolText(this.previous.articleText(id)!);
  }

  /**
   * Adds the next article's change as the thread that made it wrote it out
   * ({@link changeArticleText}, as text or its UTF-8 bytes, spooled as they are), with what the
   * file's revision and removed list depend on.
   */
  addText(a: ChangeHead, text: string | Uint8Array): void {
    if (this.carried !== null) {
      const old = this.previous.entry(a.id);
      if (old !== null && old.revision === a.revision && sameText(text, this.previous.articleText(a.id)!)) {
        this.note(a);
        this.carried.push(old);
        return;
      }
      this.spill();
    }
    this.note(a);
    this.spoolText(text);
  }

  /**
   * Whether the changes.json this build makes is, byte for byte, the one the previous build
   * wrote: that file was this code's, untouched ({@link PreviousBuild.trusted}), and every one of
   * its articles, and no other, was added as it was, so the revision and removed list stay too.
   */
  sameAsPrevious(): boolean {
    return this.previous.trusted && this.previous.revision > 0 && this.carried !== null && this.carried.length === this.previous.size && this.count === this.carried.length;
  }

  /** What the next build's state says of the file this one leaves, once every article is added. */
  summary(): ChangesSummary {
    // Kept as it was: the previous revision, known without reading the file.
    return { revision: this.sameAsPrevious() ? this.previous.revision : this.view().revision, articles: this.count };
  }

  /** The file's revision and removed list, once every article is added. */
  view(): { revision: number; removed: RemovedArticle[] } {
    return this.previous.revise((id) => this.kept.has(id), this.renamedFrom, this.anyBumped);
  }

  /** The text of the changes.json, a piece at a time: the same bytes as {@link PreviousBuild.next} of the same articles. */
  text(): Generator<string> {
    this.spill();
    return this.framed(this.spool.text());
  }

  /**
   * The same as {@link SettledChanges.text}, its articles as the spool keeps them (UTF-8 bytes,
   * pieces of which may end inside a character): to be hashed and written, not decoded.
   * `passing`: each piece of bytes is valid only until the next is asked for ({@link TextSpool.pieces}).
   */
  pieces(passing = false): Generator<string | Uint8Array> {
    this.spill();
    return this.framed(this.spool.pieces(passing));
  }

  /** What the file's revision and removed list depend on, from an article added in id order. */
  private note(a: ChangeHead): void {
    if (this.last !== null && a.id < this.last) throw new Error(`changes out of id order: ${a.id} after ${this.last}`);
    this.last = a.id;
    this.count++;
    if (this.previous.has(a.id)) this.kept.add(a.id);
    if (a.revision === this.previous.revision + 1) {
      this.anyBumped = true;
      if (a.previousId !== null) this.renamedFrom.add(a.previousId);
    }
  }

  private spoolText(text: string | Uint8Array): void {
    if (this.spooled++ > 0) this.spool.add(ARTICLE_SEPARATOR);
    this.spool.add(text);
  }

  /** Spools the carried entries held back: the file is not the previous one after all. */
  private spill(): void {
    const carried = this.carried;
    if (carried === null) return;
    this.carried = null;
    for (const entry of carried) this.spoolText(typeof entry === 'string' ? this.previous.articleText(entry)! : changeArticleText(entry));
  }

  private *framed<T>(articles: Iterable<T>): Generator<string | T> {
    const [before, after, empty] = changesFrame(this.view());
    if (this.count === 0) {
      yield empty;
      return;
    }
    yield before;
    yield* articles;
    yield after;
  }
}

/** Whether an article's text, as a string or UTF-8 bytes, is `expected` (either too). */
function sameText(text: string | Uint8Array, expected: string | Uint8Array): boolean {
  if (typeof expected !== 'string') return Buffer.from(expected.buffer, expected.byteOffset, expected.length).equals(typeof text === 'string' ? Buffer.from(text, 'utf8') : text);
  if (typeof text === 'string') return text === expected;
  return text.length >= expected.length && text.length <= 3 * expected.length && Buffer.from(expected, 'utf8').equals(text);
}

/** What stands between two articles of a changes.json. */
const ARTICLE_SEPARATOR = ',\n    ';

/** What {@link SettledChanges} reads of an article's change besides its text. */
export type ChangeHead = Pick<ArticleChange, 'id' | 'revision' | 'previousId'>;

/**
 * An article of a changes.json at depth two, as JSON.stringify indents it there: inside two
 * arrays, cut out of them — a slice V8 makes without copying (indenting each line again made the
 * text a second time). A worker writes it out; the build thread spools it as it is.
 */
export function changeArticleText(article: ArticleChange): string {
  return JSON.stringify([[article]], null, 2).slice(10, -6);
}

/** A changes.json around its articles: the text before the first, after the last, and the whole file when there is none. */
function changesFrame(view: { revision: number; removed: RemovedArticle[] }): [before: string, after: string, empty: string] {
  const whole = { schemaVersion: SCHEMA_VERSION, revision: view.revision, articles: [0], removed: view.removed };
  // The file around its articles, split where one placeholder article stands (no other line is a bare 0).
  const [before, after] = toJson(whole).split('\n    0\n') as [string, string];
  return [`${before}\n    `, `\n${after}`, toJson({ ...whole, articles: [] })];
}
