/** A match of one pattern: [start, end) in UTF-16 units, and which pattern. */
export interface TrieMatch {
  start: number;
  end: number;
  patternIndex: number;
}

/**
 * A compiled trie's flat tables (what {@link LongestMatcher.tables} gives and its constructor
 * takes back): the form scripts/compile-data.mjs stores, so a process views them in the bytes it
 * reads instead of building the trie again. In 16 bits when they fit (every shipped trie): half the
 * pages to read, each a fault (issue 17).
 */
export interface TrieTables {
  first: NodeArray;
  patternAt: PatternArray;
  childStart: NodeArray;
  childUnits: Uint16Array;
  childNodes: NodeArray;
}

/** Node numbers and child-run offsets. */
export type NodeArray = Uint16Array | Int32Array;

/** Pattern indexes, -1 for none. */
export type PatternArray = Int16Array | Int32Array;

interface TrieNode {
  next: Map<number, TrieNode>;
  pattern: number;
}

/**
 * Leftmost-longest multi-pattern matching over UTF-16 code units: a trie walked from each
 * position, so a scan costs at most O(text length × longest pattern) whatever the input.
 * It replaced modern-ahocorasick, which scans in grapheme clusters: ~1.5 µs a character on
 * ordinary text, and 12.5 s on 80,000 characters of emoji, an input the fuzzer produced.
 *
 * The trie is built with maps, then laid out flat in typed arrays (issue 17: a map lookup at
 * every position of every block was the largest part of the lexicon's scan): the first unit is
 * looked up in a table indexed by the unit, where most positions of a text stop; below it each
 * node's children are a run of (unit, node) pairs sorted by unit: read in order when short (most
 * nodes have one child), halved when long, so no data set's fan-out makes a step costly.
 */
export class LongestMatcher {
  /** Node (1-based; 0 = none) a pattern's first unit leads to, indexed by that unit. */
  private readonly first: NodeArray;
  /** Pattern ending at each node, or -1. */
  private readonly patternAt: PatternArray;
  /** Each node's children: the run childUnits/childNodes[childStart[n] … childStart[n + 1]). */
  private readonly childStart: NodeArray;
  private readonly childUnits: Uint16Array;
  private readonly childNodes: NodeArray;

  /**
   * Compiles the patterns (an empty pattern never matches, a repeated one keeps its first index),
   * or takes the tables an earlier compilation of them gave ({@link tables}).
   */
  constructor(source: readonly string[] | TrieTables) {
    if (!Array.isArray(source)) {
      ({ first: this.first, patternAt: this.patternAt, childStart: this.childStart, childUnits: this.childUnits, childNodes: this.childNodes } = source as TrieTables);
      return;
    }
    const patterns = source as readonly string[];
    const root: TrieNode = { next: new Map(), pattern: -1 };
    patterns.forEach((pattern, index) => {
      if (pattern.length === 0) return;
      let node = root;
      for (let i = 0; i < pattern.length; i++) {
        const code = pattern.charCodeAt(i);
        let child = node.next.get(code);
        if (!child) {
          child = { next: new Map(), pattern: -1 };
          node.next.set(code, child);
        }
        node = child;
      }
      if (node.pattern === -1) node.pattern = index;
    });
    // Number the nodes breadth-first (the root is 0), then lay out their children in that order.
    const nodes: TrieNode[] = [root];
    for (let k = 0; k < nodes.length; k++) for (const child of nodes[k]!.next.values()) nodes.push(child);
    const numbers = new Map(nodes.map((n, k) => [n, k]));
    const NodeType = nodes.length <= 0xffff ? Uint16Array : Int32Array;
    const patternAt = patterns.length <= 0x7fff ? new Int16Array(nodes.length) : new Int32Array(nodes.length);
    nodes.forEach((n, k) => (patternAt[k] = n.pattern));
    this.patternAt = patternAt;
    this.childStart = new NodeType(nodes.length + 1);
    this.childUnits = new Uint16Array(nodes.length - 1);
    this.childNodes = new NodeType(nodes.length - 1);
    let at = 0;
    nodes.forEach((node, k) => {
      this.childStart[k] = at;
      for (const [unit, child] of [...node.next].sort((a, b) => a[0] - b[0])) {
        this.childUnits[at] = unit;
        this.childNodes[at] = numbers.get(child)!;
        at++;
      }
    });
    this.childStart[nodes.length] = at;
    let top = -1;
    for (const unit of root.next.keys()) top = Math.max(top, unit);
    this.first = new NodeType(top + 1);
    for (const [unit, child] of root.next) this.first[unit] = numbers.get(child)!;
  }

  /** The flat tables of the trie, to store (they are the matcher's own: not to be written). */
  tables(): TrieTables {
    return { first: this.first, patternAt: this.patternAt, childStart: this.childStart, childUnits: this.childUnits, childNodes: this.childNodes };
  }

  /** The node the unit leads to from `node` (not the root), or 0. */
  private child(node: number, unit: number): number {
    let low = this.childStart[node]!;
    let high = this.childStart[node + 1]!;
    while (high - low > 8) {
      const mid = (low + high) >>> 1;
      const at = this.childUnits[mid]!;
      if (at === unit) return this.childNodes[mid]!;
      if (at < unit) low = mid + 1;
      else high = mid;
    }
    for (; low < high; low++) if (this.childUnits[low] === unit) return this.childNodes[low]!;
    return 0;
  }

  /** Non-overlapping matches: at each position the longest pattern starting there, then past it. */
  search(text: string): TrieMatch[] {
    const out: TrieMatch[] = [];
    this.visit(text, (start, end, patternIndex) => out.push({ start, end, patternIndex }));
    return out;
  }

  /** The matches {@link search} gives, in order, handed to `visit` one by one (for callers that make objects of their own from them). */
  visit(text: string, visit: (start: number, end: number, patternIndex: number) => void): void {
    const first = this.first;
    // The table's length read off the matcher, not off `first`: V8 (Node 20) gives `text.length` and
    // `first.length` one feedback slot (a parameter and a local of the same index: its bytecode
    // generator's slot cache keys by the index), and a slot that has seen a typed array beside strings
    // makes TurboFan check the exact string maps it saw — the first cons or sliced string threw the
    // code away, and the lexicon's `scan` with it (BENCHMARKS.md, "one feedback slot for two lengths").
    const firstUnits = this.first.length;
    const patternAt = this.patternAt;
    const n = text.length;
    let i = 0;
    while (i < n) {
      const unit = text.charCodeAt(i);
      let node = unit < firstUnits ? first[unit]! : 0;
      if (node === 0) {
        i++;
        continue;
      }
      let best = patternAt[node]!;
      let bestEnd = best === -1 ? -1 : i + 1;
      for (let j = i + 1; j < n; j++) {
        node = this.child(node, text.charCodeAt(j));
        if (node === 0) break;
        if (patternAt[node] !== -1) {
          best = patternAt[node]!;
          bestEnd = j + 1;
        }
      }
      if (best === -1) i++;
      else {
        visit(i, bestEnd, best);
        i = bestEnd;
      }
    }
  }

  /**
   * Every pattern that starts at `start`, shortest first (at most one per length): for callers
   * that must choose the longest match that also passes a test of their own (a word boundary).
   */
  matchesAt(text: string, start: number): TrieMatch[] {
    const out: TrieMatch[] = [];
    if (start >= text.length) return out;
    const unit = text.charCodeAt(start);
    let node = unit < this.first.length ? this.first[unit]! : 0;
    for (let j = start + 1; node !== 0; j++) {
      if (this.patternAt[node] !== -1) out.push({ start, end: j, patternIndex: this.patternAt[node]! });
      if (j >= text.length) break;
      node = this.child(node, text.charCodeAt(j));
    }
    return out;
  }
}
