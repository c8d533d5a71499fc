import type { ArticleRecord } from '../../generated/article.js';
import type { SearchIndex } from '../../generated/search-index.js';
import { distinctSorted } from '../../core/order.js';
import { jsonOfEach } from '../../io/atomic.js';
import { utf8Text } from '../../io/utf8.js';

/** What one article adds to the review index's search: made from its record, small enough to cache with its rows. */
export interface SearchEntry {
  id: string;
  title: string | null;
  titleEn: string | null;
  topic: string | null;
  items: { at: string; date: string; journal: string | null; title: string | null; titleEn: string | null; dois: string[]; institution: string | null; country: string | null }[];
  entities: { id: string; type: string; label: string; surfaces: string[]; count: number }[];
  references: { number: number; doi: string; title: string | null }[];
}

/** The topic of a record in words ("stem cell therapy · rheumatoid arthritis"), or null. */
export function topicText(topic: ArticleRecord['topic']): string | null {
  if (!topic) return null;
  return [topic.therapy, topic.disease?.label].filter(Boolean).join(' · ') || null;
}

/** The search entry of a record: its title and topic, each item's date, journal, paper title, DOIs and facts, its entities, its DOIs. */
export function searchEntry(record: ArticleRecord): SearchEntry {
  const doiOf = new Map(record.references.map((r) => [r.id, typeof r.csl.DOI === 'string' ? r.csl.DOI : null]));
  return {
    id: record.id,
    title: record.title,
    titleEn: record.titleEn,
    topic: topicText(record.topic),
    items: record.sections.flatMap((section, i) =>
      section.items.map((item, j) => {
        const institution = item.facts?.institution;
        return {
          at: `s${i}-${j}`,
          date: item.date,
          journal: item.journal,
          title: item.paperTitle ?? null,
          titleEn: item.paperTitleEn ?? null,
          dois: item.citations.map((id) => doiOf.get(id) ?? null).filter((d): d is string => d !== null),
          institution: institution ? [institution.text, institution.label].filter(Boolean).join(' · ') : null,
          country: item.facts?.country ?? null,
        };
      }),
    ),
    entities: record.entities.map(searchEntity),
    references: record.references.flatMap((r) => {
      const doi = doiOf.get(r.id);
      return doi ? [{ number: r.number, doi, title: typeof r.csl.title === 'string' ? r.csl.title : null }] : [];
    }),
  };
}

/** An entity's distinct mention texts, sorted: its search entry's `surfaces`, and its entities.jsonl row's. */
export function entitySurfaces(entity: ArticleRecord['entities'][number]): string[] {
  return distinctSorted(entity.mentions, textOf);
}

const textOf = (mention: { text: string }): string => mention.text;

// At module scope, so V8 optimises each once: an arrow in an entry's code was made per article and
// optimised again after every full collection (BENCHMARKS.md, changes 59 and 64).
function searchEntity(e: ArticleRecord['entities'][number]): SearchEntry['entities'][number] {
  return { id: e.id, type: e.type, label: e.label, surfaces: entitySurfaces(e), count: e.mentions.length };
}

/** An item's members as its search entry's JSON has them, the journal left out (prepareSearch). */
function itemFields(item: SearchEntry['items'][number]): Omit<SearchEntry['items'][number], 'journal'> {
  return { at: item.at, date: item.date, title: item.title, titleEn: item.titleEn, dois: item.dois, institution: item.institution, country: item.country };
}

/** The arrays of the search index, in the order its JSON has them. */
const SECTIONS = ['articles', 'journals', 'items', 'entities', 'references'] as const;

/**
 * Where {@link searchIndexText} keeps the text it cannot place until every entry has been read:
 * lines (none holds a line feed), each added once and read back once, in the order added.
 */
export interface TextAside {
  /** Adds a line: `line`, then `rest` when given (text, or UTF-8 bytes a worker encoded: written as they are). */
  add(line: string, rest?: string | Uint8Array): void;
  lines(): Iterable<string>;
  /**
   * The lines as their UTF-8 bytes, each valid only until the next is asked for, when the aside
   * keeps them so (a file): copied into the index as they are, never decoded
   * ({@link SearchIndexText.pieces}).
   */
  lineBytes?(): Iterable<Uint8Array>;
}

/** Where the index's items and its references wait while the entries are read (a build: files in its staging folder). */
export interface SearchAsides {
  items: TextAside;
  references: TextAside;
}

/** A {@link TextAside} in memory. */
export function textAsideInMemory(): TextAside {
  const lines: string[] = [];
  return { add: (line, rest) => void lines.push(rest === undefined ? line : line + utf8Text(rest)), lines: () => lines };
}

function byId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Where {@link SearchIndexText} keeps what it writes before the end: each article's element besides the items and references. */
export interface SearchIndexAsides extends SearchAsides {
  articles: TextAside;
  /**
   * Where each article's concept pairs wait, one line an article ({@link ConceptLine}), read back
   * at the end — a build's staging folder, so that the pairs (~0.27 KB an input, the largest
   * thing the build thread still held in proportion to its inputs while the workers ran:
   * BENCHMARKS.md, change 93) are not on the heap until the workers are gone. Without it each
   * concept keeps its pairs in memory ({@link Pairs}), as an index made in one go does.
   */
  concepts?: TextAside;
}

/**
 * A concept's [article, count] pairs in article order: what grows with a build's inputs while
 * they run (a pair for each concept an article names, ~100 an article of the bench's corpus).
 * Each pair is two unsigned LEB128 numbers, the article's distance from the pair before and the
 * count — 2 bytes a pair for most, where two 32-bit numbers took 8 (and an array of numbers 16):
 * ~0.2 KB an input instead of ~0.8–1.6 (BENCHMARKS.md, "Change 31: a build holds almost nothing per
 * input"). The last pair waits unencoded, since a concept named again by the same article
 * changes its count.
 */
export class Pairs {
  private data = new Uint8Array(8);
  private used = 0;
  /** The last pair, not yet encoded (-1: none). */
  private article = -1;
  private count = 0;
  /** The article of the last pair encoded (the next one's distance is from it). */
  private encoded = 0;
  /** How many pairs, the last one's too. */
  private pairs = 0;

  /** The article's count: a pair after the last, or the last pair's count when it is that article's (its last naming counts). */
  set(article: number, count: number): void {
    if (article === this.article) {
      this.count = count;
      return;
    }
    if (article < this.article || !Number.isSafeInteger(article) || !Number.isSafeInteger(count) || count < 0) throw new Error(`concept pairs out of article order or not counts: ${article}, ${count} after ${this.article}`);
    if (this.article >= 0) this.encode();
    this.article = article;
    this.count = count;
    this.pairs++;
  }

  /** Each pair, in the order set. */
  forEach(f: (article: number, count: number) => void): void {
    const { data, used } = this;
    let article = 0;
    for (let at = 0; at < used; ) {
      // Each group's scale made after it is read, the last one's too (a product not used): the
      // same operations for a one-byte number as for a longer one, so the first number of two
      // bytes, met after the compile, does not throw the code away (BENCHMARKS.md, change 192).
      let delta = 0;
      for (let scale = 1; ; ) {
        const byte = data[at++]!;
        delta += (byte & 127) * scale;
        scale *= 128;
        if (byte < 128) break;
      }
      let count = 0;
      for (let scale = 1; ; ) {
        const byte = data[at++]!;
        count += (byte & 127) * scale;
        scale *= 128;
        if (byte < 128) break;
      }
      article += delta;
      f(article, count);
    }
    if (this.article >= 0) f(this.article, this.count);
  }

  /** Bytes the encoded pairs take (the last one aside), for tests: what the heap holds of them. */
  get bytes(): number {
    return this.used;
  }

  /** How many pairs there are. */
  get size(): number {
    return this.pairs;
  }

  private encode(): void {
    // At most 8 bytes each for numbers below 2^53 (safe integers): 16 for the pair.
    if (this.used + 16 > this.data.length) {
      const grown = new Uint8Array(Math.max(this.data.length * 2, this.used + 16));
      grown.set(this.data.subarray(0, this.used));
      this.data = grown;
    }
    this.put(this.article - this.encoded);
    this.put(this.count);
    this.encoded = this.article;
  }

  /**
   * Appends `value` (a non-negative integer) in seven-bit groups, the low group first, each but the
   * last with its eighth bit set. One store a group, the same operations for a one-byte value as
   * for a longer one: `pairsReadBack` is compiled on the stack in its one call, with this inlined,
   * and a store first met at the first value of 128 or more (a concept's articles 128 apart)
   * threw that code away (BENCHMARKS.md, change 192).
   */
  private put(value: number): void {
    const data = this.data;
    let used = this.used;
    for (let rest = value; ; ) {
      const low = rest % 128;
      rest = Math.floor(rest / 128);
      data[used++] = low + (rest === 0 ? 0 : 128);
      if (rest === 0) break;
    }
    this.used = used;
  }
}

/**
 * A search entry made ready for {@link SearchIndexText.addPrepared} by the thread that ingested
 * the article (a build's worker): its element of `articles`, its items and its references
 * already encoded as the index writes them, less the article's number in the index (known only
 * to the thread that adds the entries, in id order), which is spliced in before them. The build
 * thread then writes the worker's UTF-8 bytes as they are instead of parsing the entry's JSON
 * and encoding it again (~0.3–0.4 ms an article of its CPU, and most of what it allocated per
 * input: BENCHMARKS.md, "Change: the build thread splices what the workers encoded").
 */
export interface PreparedSearch {
  id: string;
  /** The article's element of `articles`, encoded. */
  article: string | Uint8Array;
  /**
   * One line an item (each ended by a line feed): the length (UTF-16 units) of its members before
   * the journal, a space, those members (`"at":…,"date":…`) and the members after the journal
   * with the closing brace (`"title":…}`).
   */
  items: string | Uint8Array;
  /** Each item's journal (or null), in the items' order, as a JSON array: numbered here, in the order first named. */
  journals: string | Uint8Array;
  /** One line a reference (each ended by a line feed): its element less `{"article":N,`. */
  references: string | Uint8Array;
  /**
   * The entities (gathered across articles, so read as values), or their lines ({@link entityLines}:
   * each entity's count, then the rest of it as JSON), as text or UTF-8 bytes.
   */
  entities: SearchEntry['entities'] | string | Uint8Array;
}

/**
 * An article's entities as the thread that adds them reads them fastest: one line an entity, its
 * count, a space, and its id, type, label and surfaces as JSON (`{"id":…,"type":…,"label":…,"surfaces":[…]}`:
 * its "detail"). The count differs from article to article; the detail mostly does not — 639
 * distinct details among the bench corpus's 99,637 entities at 1,000 articles — so
 * {@link SearchIndexText} parses a detail the first time it sees it and then knows it by its text
 * (a map lookup) instead of parsing every entity's JSON and adding its surfaces again: the
 * largest cost of the build thread's per-input work while the workers run (BENCHMARKS.md,
 * "the build thread's per-input work cut").
 */
export function entityLines(entities: SearchEntry['entities']): string {
  const details = jsonOfEach(entities.map((e) => ({ id: e.id, type: e.type, label: e.label, surfaces: e.surfaces })));
  let lines = '';
  for (let i = 0; i < details.length; i++) lines += `${entities[i]!.count} ${details[i]}\n`;
  return lines;
}

/** A detail of {@link entityLines} read: the concept it names (its number: the order first named), its surfaces, its pairs. */
type Concept = { number: number; type: string; label: string; surfaces: Set<string>; in: Pairs };

/**
 * An article's concept pairs as {@link SearchIndexAsides.concepts} keeps them: `<concept>:<count>`
 * for each naming, in the order named, apart by spaces (the concept by its number; the article is
 * the line's place). A concept named twice has both pairs, the later one counting, as
 * {@link Pairs.set} takes them. Written as ASCII bytes into one buffer used again, not as a string
 * grown a pair at a time: ~100 pairs an article, each a concatenation V8 then flattened and
 * encoded (BENCHMARKS.md, change 223).
 */
class ConceptLine {
  private bytes = new Uint8Array(1024);
  private used = 0;

  /** Appends a pair. */
  add(concept: number, count: number): void {
    // Two safe integers (at most 16 digits each), a colon and a space.
    if (this.used + 34 > this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes.subarray(0, this.used));
      this.bytes = grown;
    }
    if (this.used > 0) this.bytes[this.used++] = 32;
    this.digits(concept);
    this.bytes[this.used++] = 58;
    this.digits(count);
  }

  /** The pairs added since the last take, valid until the next pair is added. */
  take(): Uint8Array {
    const line = this.bytes.subarray(0, this.used);
    this.used = 0;
    return line;
  }

  /** Appends a non-negative integer's decimal digits. */
  private digits(value: number): void {
    const bytes = this.bytes;
    let end = this.used;
    for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) end++;
    this.used = end + 1;
    for (let rest = value; ; rest = Math.floor(rest / 10)) {
      bytes[end--] = 48 + (rest % 10);
      if (rest < 10) break;
    }
  }
}

/** Details {@link SearchIndexText} remembers by their text at most: past it, a new detail is parsed each time it comes (same index, bounded memory). */
const DETAILS_MAX = 4096;

/**
 * A copy of `text` that shares no memory with it: a key kept in a map must not be a slice that
 * holds a whole article's lines alive. Through UTF-16 bytes, so any text (Latin-1 keys, lone
 * surrogates) comes back the same.
 */
function ownCopy(text: string): string {
  return Buffer.from(text, 'utf16le').toString('utf16le');
}

/** An entry made ready for {@link SearchIndexText.addPrepared}, with the same `encode` as the index's. */
export function prepareSearch(entry: SearchEntry, encode: (value: unknown) => string = JSON.stringify, entitiesAsText = false): PreparedSearch {
  // Each item as one object less its journal, `{"at":…,"date":…,"title":…}`, all in one call
  // (jsonOfEach): its members before the journal end where `,"title":` begins, as no string's
  // text holds an unescaped quote.
  let items = '';
  const journals: (string | null)[] = [];
  const entryItems = entry.items; // read once, as each of the entry's fields is
  const itemTexts = jsonOfEach(
    entryItems.map(itemFields),
    encode,
  );
  const title = `,${encode('title')}:`;
  for (let i = 0; i < itemTexts.length; i++) {
    const item = entryItems[i]!;
    journals.push(item.journal);
    const text = itemTexts[i]!;
    const cut = text.indexOf(title);
    if (cut !== -1) {
      items += `${cut - 1} ${text.slice(1, cut)}${text.slice(cut + 1)}\n`;
      continue;
    }
    // No title member (an entry not made by searchEntry, its title undefined): each half alone.
    const before = encode({ at: item.at, date: item.date }).slice(1, -1);
    const after = encode({ title: item.title, titleEn: item.titleEn, dois: item.dois, institution: item.institution, country: item.country }).slice(1);
    items += `${before.length} ${before}${after}\n`;
  }
  let references = '';
  for (const text of jsonOfEach(entry.references.map((r) => ({ number: r.number, doi: r.doi, title: r.title })), encode)) references += `${text.slice(1)}\n`;
  return {
    id: entry.id,
    article: encode({ id: entry.id, title: entry.title, titleEn: entry.titleEn, topic: entry.topic }),
    items,
    journals: JSON.stringify(journals),
    references,
    entities: entitiesAsText ? entityLines(entry.entities) : entry.entities,
  };
}

/** Calls `f` with each line of `text` (each ended by a line feed), without it. */
function eachLine(text: string | Uint8Array, f: (line: string | Uint8Array) => void): void {
  let start = 0;
  if (typeof text === 'string') for (let end = text.indexOf('\n'); end !== -1; start = end + 1, end = text.indexOf('\n', start)) f(text.slice(start, end));
  else for (let end = text.indexOf(10); end !== -1; start = end + 1, end = text.indexOf(10, start)) f(text.subarray(start, end));
}

/**
 * The search index's JSON text made from entries given one at a time in id order, each read
 * once as it is added — a build adds each article's as its input settles, while the worker
 * threads still run, so that little is left for its end: the same text as `encode` of the whole
 * index ({@link SearchIndexBuilder}), when `encode` turns an array into its elements' texts
 * joined by commas and an object into its members' (JSON.stringify does, and so does any
 * escaping of single characters after it). Each article's element, items and references are
 * encoded as they are added and wait in `asides` until {@link SearchIndexText.text} writes them
 * in their array's turn; journals and entities are gathered (two numbers per article and
 * concept: in `asides.concepts` when given, a line an article, else in memory). An item waits without its journal's number, known once every journal is
 * (BENCHMARKS.md, "Change: the review index's search data read once", and "the serial head and
 * tail of a two-worker build").
 */
export class SearchIndexText {
  /** Each journal by the order first named. */
  private readonly journalNumbers = new Map<string, number>();
  /** Each concept as the first article by id names it, its surfaces, and [article, count] pairs in article order. */
  private readonly concepts = new Map<string, Concept>();
  /** The concepts by their number (the order first named): how a line of {@link SearchIndexAsides.concepts} names them. */
  private readonly numbered: Concept[] = [];
  /**
   * Each detail of {@link entityLines} seen, and the concept it names, its surfaces already added:
   * by its text (a copy) when it came as text, by its bytes read as Latin-1 when it came as UTF-8
   * — apart, since a text may be another detail's bytes read as Latin-1 (mojibake).
   */
  private readonly details = { text: new Map<string, Concept>(), bytes: new Map<string, Concept>() };
  /** The article's concept pairs being written ({@link SearchIndexAsides.concepts}). */
  private readonly pairs = new ConceptLine();
  private article = 0;
  private last: string | null = null;

  constructor(
    private readonly encode: (value: unknown) => string = JSON.stringify,
    private readonly asides: SearchIndexAsides = { articles: textAsideInMemory(), items: textAsideInMemory(), references: textAsideInMemory() },
  ) {}

  /**
   * Adds the next article's entry (its id after the last one's), as {@link searchEntry} makes it,
   * or made ready by {@link prepareSearch} with this index's `encode` (a build cache's hit keeps it so).
   */
  add(entry: SearchEntry | PreparedSearch): void {
    this.addPrepared('journals' in entry ? entry : prepareSearch(entry, this.encode));
  }

  /** Adds the next article's entry made ready by {@link prepareSearch} (with this index's `encode`), its encoded parts spliced in as they are. */
  addPrepared(entry: PreparedSearch): void {
    const { asides, journalNumbers, article } = this;
    if (this.last !== null && !(this.last < entry.id)) throw new Error(`search entries out of id order: ${entry.id} after ${this.last}`);
    this.last = entry.id;
    asides.articles.add('', entry.article);
    // Each item waits as `<journal's number> <article> <length of before> <before><after>`.
    const names = JSON.parse(utf8Text(entry.journals)) as (string | null)[];
    let at = 0;
    eachLine(entry.items, (line) => {
      const name = names[at++]!;
      let journal = -1;
      if (name !== null) {
        journal = journalNumbers.get(name) ?? journalNumbers.size;
        if (journal === journalNumbers.size) journalNumbers.set(name, journal);
      }
      asides.items.add(`${journal} ${article} `, line);
    });
    const entities = entry.entities;
    // Spooled, the article's pairs make one line, added once its entities are read.
    const spool = asides.concepts;
    const pairs = this.pairs;
    if (Array.isArray(entities))
      for (const e of entities) {
        const concept = this.named(e);
        if (spool) pairs.add(concept.number, e.count);
        else concept.in.set(article, e.count);
      }
    else {
      // Bytes are read as Latin-1, a character a byte (no UTF-8 decoding: a copy): a detail's text
      // is then its bytes, as good a key as its characters; only a detail not seen is decoded.
      const bytes = typeof entities === 'string' ? null : Buffer.from(entities.buffer, entities.byteOffset, entities.byteLength);
      const text = bytes === null ? (entities as string) : bytes.toString('latin1');
      const details = bytes === null ? this.details.text : this.details.bytes;
      for (let start = 0, end = text.indexOf('\n'); end !== -1; start = end + 1, end = text.indexOf('\n', start)) {
        // `<count> <detail>`: the count's digits read in place.
        let count = 0;
        let at = start;
        for (let c = text.charCodeAt(at); c >= 48 && c <= 57; c = text.charCodeAt(++at)) count = count * 10 + (c - 48);
        if (at === start || text.charCodeAt(at) !== 32) throw new Error(`not an entity line: ${text.slice(start, end)}`);
        const detail = text.slice(at + 1, end);
        let concept = details.get(detail);
        if (concept === undefined) {
          concept = this.named(JSON.parse(bytes === null ? detail : bytes.toString('utf8', at + 1, end)) as SearchEntry['entities'][number]);
          if (details.size < DETAILS_MAX) details.set(ownCopy(detail), concept);
        }
        if (spool) pairs.add(concept.number, count);
        else concept.in.set(article, count);
      }
    }
    spool?.add('', pairs.take());
    eachLine(entry.references, (line) => asides.references.add(`${article} `, line));
    this.article++;
  }

  /**
   * The concept an entity names, made as the first article (by id) to name it names it, its
   * surfaces added. A concept named twice by one article counts as the article's last naming
   * says (the caller sets its pair).
   */
  private named(e: Pick<SearchEntry['entities'][number], 'id' | 'type' | 'label' | 'surfaces'>): Concept {
    let concept = this.concepts.get(e.id);
    if (!concept) {
      concept = { number: this.numbered.length, type: e.type, label: e.label, surfaces: new Set(), in: new Pairs() };
      this.concepts.set(e.id, concept);
      this.numbered.push(concept);
    }
    for (const surface of e.surfaces) concept.surfaces.add(surface);
    return concept;
  }

  /**
   * The concept pairs spooled ({@link SearchIndexAsides.concepts}) read back into each concept's
   * {@link Pairs}, a line an article in article order: what they would hold had they been kept —
   * read at the end, when a build's workers are gone. Returns how many lines it read (none
   * without a spool: the pairs were kept), for the caller to check against the articles added.
   */
  private pairsReadBack(): number {
    const spool = this.asides.concepts;
    if (!spool) return this.article;
    // Nothing after the loop but the return: V8 compiles this one call's loop on the stack, and an
    // operation first met after it has no feedback — `this.article` read there threw the code away
    // (BENCHMARKS.md, change 192). The caller compares the count.
    const { numbered } = this;
    let article = 0;
    for (const line of linesAsBytes(spool)) {
      // `<concept>:<count>` pairs apart by spaces, their digits read in place.
      for (let at = 0; at < line.length; at++) {
        const start = at;
        let number = 0;
        for (let c = line[at]!; c >= 48 && c <= 57; c = line[++at]!) number = number * 10 + (c - 48);
        const colon = at;
        let count = 0;
        for (let c = line[++at]!; c >= 48 && c <= 57; c = line[++at]!) count = count * 10 + (c - 48);
        const concept = numbered[number];
        if (colon === start || line[colon] !== 58 || at === colon + 1 || (at < line.length && line[at] !== 32) || concept === undefined) throw new Error(`not a line of concept pairs: ${utf8Text(line)}`);
        concept.in.set(article, count);
      }
      article++;
    }
    return article;
  }

  /** The index's text, a piece at a time, from the entries added (read once: the asides are read back). */
  *text(): Generator<string> {
    // Each piece of bytes holds whole lines: whole characters.
    for (const piece of this.pieces()) yield typeof piece === 'string' ? piece : utf8Text(piece);
  }

  /**
   * {@link SearchIndexText.text} as a build writes it: the lines set aside (each article's element,
   * its items and its references: most of the index) copied as their UTF-8 bytes, the few ASCII
   * members between them spliced in, in buffers of ~64 KB each its own — decoded into text and
   * encoded again, they cost a 1,000-article build's end ~40 ms (BENCHMARKS.md, "the build's
   * finish made cheaper"). Read once: the asides are read back.
   *
   * `passing`: the caller is done with a piece when it asks for the next (a build's page stream
   * writes each), so the bytes are gathered in one buffer used again, each piece a view of it —
   * a buffer of its own for each was ~9 MB of fresh memory at 1,000 articles, which the kernel
   * maps page by page (BENCHMARKS.md, "the finish's pieces in buffers used again").
   */
  *pieces(passing = false): Generator<string | Uint8Array> {
    const { encode, asides, journalNumbers, concepts } = this;
    const run = new ByteRun(passing);
    yield `{"${SECTIONS[0]}":[`;
    let first = true;
    for (const line of linesAsBytes(asides.articles)) {
      const full = run.makeRoom(line.length + 1);
      if (full) yield full;
      if (!first) run.ascii(',');
      run.bytes(line);
      first = false;
    }
    yield run.take();
    const journals = [...journalNumbers.keys()].sort();
    // Each journal's number as first named → its place in the sorted list.
    const place: number[] = [];
    journals.forEach((journal, i) => (place[journalNumbers.get(journal)!] = i));
    yield `],"${SECTIONS[1]}":[`;
    yield journals.map((journal) => encode(journal)).join(',');
    yield `],"${SECTIONS[2]}":[`;
    first = true;
    for (const line of linesAsBytes(asides.items)) {
      // `<journal> <article> <length> <before><after>`: the length in UTF-16 units.
      const space = line.indexOf(32);
      const afterArticle = line.indexOf(32, space + 1);
      const length = line.indexOf(32, afterArticle + 1);
      const journal = numberAt(line, 0, space);
      const end = utf8Advance(line, length + 1, numberAt(line, afterArticle + 1, length));
      // The journal's number (or null) as JSON.stringify writes it: no escaping changes a number.
      const full = run.makeRoom(line.length + 48);
      if (full) yield full;
      run.ascii(first ? '{"article":' : ',{"article":');
      run.bytes(line.subarray(space + 1, afterArticle));
      run.ascii(',');
      run.bytes(line.subarray(length + 1, end));
      run.ascii(`,"journal":${journal < 0 ? 'null' : place[journal]!},`);
      run.bytes(line.subarray(end));
      first = false;
    }
    yield run.take();
    yield `],"${SECTIONS[3]}":[`;
    const read = this.pairsReadBack();
    if (read !== this.article) throw new Error(`concept pairs for ${read} articles, not ${this.article}`);
    first = true;
    for (const id of [...concepts.keys()].sort(byId)) {
      const c = concepts.get(id)!;
      // `encode` of the whole concept is its members' texts: the pairs (numbers only, which no
      // escaping changes) are written as JSON.stringify writes them, not made into objects and
      // encoded — ~100 an article, the largest part of the index's text made at the build's end:
      // as ASCII bytes beside the head's UTF-8, where a string grown a pair at a time was 2.6 MB
      // of text made, flattened and encoded at 1,000 articles (BENCHMARKS.md, change 237).
      const head = encode({ id, type: c.type, label: c.label, surfaces: [...c.surfaces].sort() });
      const full = run.makeRoom(3 * head.length + 8 + c.in.size * PAIR_MAX_BYTES);
      if (full) yield full;
      if (!first) run.ascii(',');
      run.text(head.slice(0, -1));
      run.ascii(',"in":[');
      run.pairs(c.in);
      run.ascii(']}');
      first = false;
    }
    yield run.take();
    yield `],"${SECTIONS[4]}":[`;
    first = true;
    for (const line of linesAsBytes(asides.references)) {
      // `<article> <the element less {"article":N,>`.
      const space = line.indexOf(32);
      const full = run.makeRoom(line.length + 16);
      if (full) yield full;
      run.ascii(first ? '{"article":' : ',{"article":');
      run.bytes(line.subarray(0, space));
      run.ascii(',');
      run.bytes(line.subarray(space + 1));
      first = false;
    }
    yield run.take();
    yield ']}';
  }
}

/** An aside's lines as UTF-8 bytes: as it keeps them, or encoded (in memory: each a buffer of its own). */
function* linesAsBytes(aside: TextAside): Generator<Uint8Array> {
  if (aside.lineBytes) yield* aside.lineBytes();
  else for (const line of aside.lines()) yield Buffer.from(line, 'utf8');
}

/** The integer written in ASCII at `bytes[start, end)` (a minus sign, then digits). */
function numberAt(bytes: Uint8Array, start: number, end: number): number {
  const negative = bytes[start] === 45;
  let value = 0;
  for (let at = negative ? start + 1 : start; at < end; at++) {
    const digit = bytes[at]! - 48;
    if (!(digit >= 0 && digit <= 9) || end - start > 15) throw new Error(`not a number in a line of the search data: ${utf8Text(bytes)}`);
    value = value * 10 + digit;
  }
  if (end === (negative ? start + 1 : start)) throw new Error(`not a number in a line of the search data: ${utf8Text(bytes)}`);
  return negative ? -value : value;
}

/** The offset in UTF-8 `bytes` that is `units` UTF-16 units past `from` (a character of four bytes is two units). */
function utf8Advance(bytes: Uint8Array, from: number, units: number): number {
  let at = from;
  for (let left = units; left > 0 && at < bytes.length; ) {
    const lead = bytes[at]!;
    const size = lead < 0x80 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
    left -= size === 4 ? 2 : 1;
    at += size;
  }
  return Math.min(at, bytes.length);
}

/** The size of the buffers {@link ByteRun} hands out (a line longer than that has one of its own). */
const RUN_BYTES = 1 << 16;

/** `{"article":` and `,"count":` as bytes: {@link ByteRun.pairs} writes them around each pair's numbers. */
const ARTICLE_OPENING = Buffer.from('{"article":', 'latin1');
const COUNT_OPENING = Buffer.from(',"count":', 'latin1');

/** The most bytes a concept's pair takes as JSON: a comma, the two openings, two safe integers' digits (16 each) and the brace. */
const PAIR_MAX_BYTES = 1 + ARTICLE_OPENING.length + COUNT_OPENING.length + 2 * 16 + 1;

/**
 * Bytes gathered into buffers of ~64 KB, each handed out once full and never written again (the
 * caller may keep it): the index's lines copied as the UTF-8 they are, with ASCII spliced between.
 * Passing, one buffer is handed out again and again, each piece valid until the next is gathered.
 */
class ByteRun {
  private buffer = Buffer.allocUnsafe(RUN_BYTES);
  private used = 0;

  constructor(private readonly passing = false) {}

  /** The bytes gathered so far when `bytes` more do not fit beside them (to be handed out first), else null; room is made either way. */
  makeRoom(bytes: number): Uint8Array | null {
    if (this.used + bytes <= this.buffer.length) return null;
    const full = this.used > 0 ? this.take() : null;
    if (bytes > this.buffer.length) this.buffer = Buffer.allocUnsafe(bytes);
    return full;
  }

  /** Appends ASCII text (digits and JSON's punctuation): as many bytes as characters. */
  ascii(text: string): void {
    this.used += this.buffer.write(text, this.used, 'latin1');
  }

  /** Appends bytes. */
  bytes(bytes: Uint8Array): void {
    this.buffer.set(bytes, this.used);
    this.used += bytes.length;
  }

  /** Appends text as UTF-8 (room made for three bytes a UTF-16 unit: whole characters). */
  text(text: string): void {
    this.used += this.buffer.write(text, this.used, 'utf8');
  }

  /** Appends a concept's pairs as JSON.stringify writes `[{ article, count }, …]`'s elements, apart by commas (room made for {@link PAIR_MAX_BYTES} each). */
  pairs(pairs: Pairs): void {
    let first = true;
    pairs.forEach((article, count) => {
      if (!first) this.buffer[this.used++] = 44; // ','
      first = false;
      this.bytes(ARTICLE_OPENING);
      this.digits(article);
      this.bytes(COUNT_OPENING);
      this.digits(count);
      this.buffer[this.used++] = 125; // '}'
    });
  }

  /** Appends a non-negative safe integer's decimal digits, as `String(value)` writes them. */
  private digits(value: number): void {
    let length = 1;
    for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) length++;
    const buffer = this.buffer;
    let at = this.used + length;
    this.used = at;
    let rest = value;
    do {
      buffer[--at] = 48 + (rest % 10);
      rest = Math.floor(rest / 10);
    } while (rest > 0);
  }

  /** The bytes gathered (a buffer no longer written, unless passing), gathering anew. */
  take(): Uint8Array {
    const taken = this.buffer.subarray(0, this.used);
    if (!this.passing) this.buffer = Buffer.allocUnsafe(RUN_BYTES);
    this.used = 0;
    return taken;
  }
}

/**
 * The search index's JSON text, a piece at a time, from entries given in id order, read once
 * ({@link SearchIndexText}; the articles' elements wait in memory, the items and references in
 * `asides`).
 */
export function* searchIndexText(
  entries: Iterable<SearchEntry>,
  encode: (value: unknown) => string = JSON.stringify,
  asides: SearchAsides = { items: textAsideInMemory(), references: textAsideInMemory() },
): Generator<string> {
  const index = new SearchIndexText(encode, { articles: textAsideInMemory(), ...asides });
  for (const entry of entries) index.add(entry);
  yield* index.text();
}

/**
 * Gathers the search entries of a dataset's articles (in any order) into the index the review
 * index embeds (schemas/search-index.schema.json): articles by id, journals and entities once
 * each however many articles name them. The same entries give the same index, byte for byte.
 */
export class SearchIndexBuilder {
  private readonly entries = new Map<string, SearchEntry>();

  /** Adds one article's entry (once per article; a second entry of an id replaces the first). */
  add(entry: SearchEntry): void {
    this.entries.set(entry.id, entry);
  }

  /** Whether an article's entry is here. */
  has(id: string): boolean {
    return this.entries.has(id);
  }

  /** The index: its text ({@link searchIndexText}, one way of making it) read back. */
  build(): SearchIndex {
    const ordered = [...this.entries.values()].sort((a, b) => byId(a.id, b.id));
    return JSON.parse([...searchIndexText(ordered)].join('')) as SearchIndex;
  }
}
