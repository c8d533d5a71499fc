/**
 * A set of file names held compactly: each name is its folder and extension (a template: the part
 * up to its last `/`, and the part from the first `.` after it), which a dataset's names share by
 * the thousand (`articles/….json`, `report/….html`, `report/….source.html`), and its stem (what
 * lies between), which an input's files share. Each stem is held once, in one string, with a bit
 * for each template it has: ~21 bytes an input where the names as strings in an array were ~0.19 KB
 * (a build's list of files changed, held from its commit to its return: BENCHMARKS.md, "the files
 * changed held by stem").
 */
export class CompactNames {
  private constructor(
    /** Each template's folder and extension. */
    private readonly templates: readonly (readonly [prefix: string, suffix: string])[],
    /** Each stem, joined by `/` (which no stem holds). */
    private readonly stems: string,
    /** Each stem's templates, bit `t` for template `t`. */
    private readonly marks: Uint8Array,
    /** The names of templates beyond the first eight: as they are. */
    private readonly named: readonly string[],
    /** How many names, each once. */
    readonly size: number,
  ) {}

  /** The set of `names` (a name given twice is one). */
  static of(names: Iterable<string>): CompactNames {
    const templates: [string, string][] = [];
    const templateOf = new Map<string, Map<string, number>>();
    const stems: string[] = [];
    const stemAt = new Map<string, number>();
    let marks = new Uint8Array(64);
    const named = new Set<string>();
    let size = 0;
    for (const name of names) {
      const slash = name.lastIndexOf('/') + 1;
      const dot = name.indexOf('.', slash);
      const end = dot < 0 ? name.length : dot;
      const prefix = name.slice(0, slash);
      const suffix = name.slice(end);
      let bySuffix = templateOf.get(prefix);
      let template = bySuffix?.get(suffix);
      if (template === undefined && templates.length < 8) {
        template = templates.length;
        templates.push([prefix, suffix]);
        if (!bySuffix) templateOf.set(prefix, (bySuffix = new Map()));
        bySuffix.set(suffix, template);
      }
      if (template === undefined) {
        named.add(name);
        continue;
      }
      const stem = name.slice(slash, end);
      let at = stemAt.get(stem);
      if (at === undefined) {
        at = stems.length;
        stems.push(stem);
        stemAt.set(stem, at);
        if (at === marks.length) {
          const grown = new Uint8Array(marks.length * 2);
          grown.set(marks);
          marks = grown;
        }
      }
      const bit = 1 << template;
      if ((marks[at]! & bit) === 0) {
        marks[at] = marks[at]! | bit;
        size++;
      }
    }
    return new CompactNames(templates, stems.join('/'), marks.slice(0, stems.length), [...named], size + named.size);
  }

  /** Every name, sorted (as `Array.prototype.sort` orders strings): a new array each call. */
  values(): string[] {
    const names = [...this.named];
    if (this.marks.length > 0) {
      let at = 0;
      for (const stem of this.stems.split('/')) {
        const mark = this.marks[at++]!;
        this.templates.forEach(([prefix, suffix], template) => {
          if ((mark & (1 << template)) !== 0) names.push(`${prefix}${stem}${suffix}`);
        });
      }
    }
    return names.sort();
  }
}

/** Each report whose `changed` is still held compactly ({@link lazyChanged}), and the names it holds. */
const pending = new WeakMap<object, CompactNames>();

/**
 * Gives `report` a `changed` list made from `names` when it is first read (then an ordinary array,
 * kept: read again, the same array; set, replaced), where it keeps its place among the report's
 * keys. Until then {@link countChanged} answers how many without making it.
 */
export function lazyChanged(report: { changed: string[] }, names: CompactNames): void {
  let made: string[] | null = null;
  const settle = (list: string[]) => {
    made = list;
    pending.delete(report);
    try {
      Object.defineProperty(report, 'changed', { value: list, writable: true, enumerable: true, configurable: true });
    } catch {
      // A report frozen (or sealed) by its caller keeps this getter, which answers with `made`.
    }
    return list;
  };
  pending.set(report, names);
  Object.defineProperty(report, 'changed', {
    get: () => made ?? settle(names.values()),
    set: (list: string[]) => settle(list),
    enumerable: true,
    configurable: true,
  });
}

/**
 * How many files a report says changed, without making the list of their names when it is still
 * held compactly: what `digest build` prints when it prints no names.
 */
export function countChanged(report: { readonly changed: readonly string[] }): number {
  return pending.get(report)?.size ?? report.changed.length;
}

/**
 * `report`'s lists with `rest` in one object, `changed` first as in the report, and — when the
 * report's is still held compactly — made only when read, as the report's would have been (a
 * spread, `{ ...report }`, reads every key: it would make the list).
 */
export function withChanged<R extends { changed: string[] }, T extends object>(report: R, rest: T): R & T {
  const names = pending.get(report);
  if (!names) return { ...report, ...rest };
  const joined: Record<string, unknown> = {};
  // Keys listed, not read: `changed` stands in its place, empty until given the held names.
  for (const key of Object.keys(report)) joined[key] = key === 'changed' ? [] : (report as Record<string, unknown>)[key];
  Object.assign(joined, rest);
  lazyChanged(joined as { changed: string[] }, names);
  return joined as R & T;
}
