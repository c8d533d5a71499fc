import stringWidth from 'string-width';
import type { InputSummary } from '../dataset/entry.js';
import { forTerminal } from '../report/terminal.js';
import { countOf as plural } from '../core/text.js';

/** ANSI styling, or none. */
interface Paint {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
}

/** Styles for a terminal (color) or plain text. */
export function paint(color: boolean): Paint {
  const wrap = (open: number, close: number) => (text: string) => (color ? `\u001b[${open}m${text}\u001b[${close}m` : text);
  return { bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), yellow: wrap(33, 39), green: wrap(32, 39) };
}

function list(months: readonly string[], max = 8): string {
  return months.length <= max ? months.join(', ') : `${months.slice(0, max).join(', ')} and ${months.length - max} more`;
}

/**
 * What `digest ingest` prints for one article on a terminal: months found (and missing or out
 * of order), items, references with and without DOI, entities by type, diagnostics, and where
 * the record went.
 */
export function ingestSummary(summary: InputSummary, target: string | null, color: boolean): string {
  const p = paint(color);
  const head = `${p.bold(forTerminal(summary.path))} ${summary.status === 'ok' ? `→ ${forTerminal(target ?? 'standard output')}` : p.red('failed: no record written')}`;
  // What the record says (segment computes it once), never a computation of our own.
  const { missingMonths: missing, outOfOrderMonths: outOfOrder } = summary;
  const span = summary.months.length ? ` (${summary.months[0]} … ${summary.months[summary.months.length - 1]})` : '';
  const monthNotes = [missing.length ? p.yellow(`missing ${list(missing)}`) : '', outOfOrder.length ? p.yellow(`out of order ${list(outOfOrder)}`) : ''].filter(Boolean);
  const { counts } = summary;
  const types = Object.entries(summary.entityTypes)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .map(([type, n]) => `${type} ${n}`)
    .join(', ');
  const diagnostics = [
    counts.errors ? p.red(plural(counts.errors, 'error')) : '0 errors',
    counts.warnings ? p.yellow(plural(counts.warnings, 'warning')) : '0 warnings',
  ].join(', ');
  const rows: [string, string][] = [
    ['months', `${counts.months} found${span}${monthNotes.length ? `; ${monthNotes.join('; ')}` : counts.months ? p.green('; none missing or out of order') : ''}`],
    ['items', String(counts.items)],
    ['references', `${counts.references} (${counts.referencesWithDoi} with DOI, ${counts.references - counts.referencesWithDoi} without)`],
    ['entities', `${counts.entities}${types ? `: ${types}` : ''}`],
    ['diagnostics', `${diagnostics} (${counts.infos} info)`],
  ];
  return `${head}\n${rows.map(([k, v]) => `  ${p.dim(k.padEnd(12))}${v}`).join('\n')}\n`;
}

/** A progress bar on one terminal line, redrawn at most every 100 ms. */
export class ProgressBar {
  private last = 0;
  private drawn = false;

  constructor(
    private readonly write: (text: string) => void,
    private readonly width = 28,
  ) {}

  /** Redraws the bar (throttled; always on the last step). */
  update(done: number, total: number, failed: number): void {
    const now = Date.now();
    if (done < total && now - this.last < 100) return;
    this.last = now;
    const filled = total ? Math.round((done / total) * this.width) : this.width;
    const bar = `${'█'.repeat(filled)}${'░'.repeat(this.width - filled)}`;
    this.write(`\r\u001b[2K${bar} ${done}/${total} inputs${failed ? `, ${failed} failed` : ''}`);
    this.drawn = true;
  }

  /** Clears the line so the next output starts clean. */
  clear(): void {
    if (this.drawn) this.write('\r\u001b[2K');
    this.drawn = false;
  }
}

/**
 * A cell padded to `width` terminal columns, measured by display width (string-width: East
 * Asian wide characters take two columns, combining marks none), never by `.length`: a Chinese
 * file name would otherwise push every column after it out of line.
 */
export function pad(text: string, width: number, align: 'left' | 'right'): string {
  const room = ' '.repeat(Math.max(0, width - stringWidth(text)));
  return align === 'left' ? text + room : room + text;
}

function table(header: string[], rows: string[][], numeric: Set<number>): string {
  const widths = header.map((h, i) => Math.max(stringWidth(h), ...rows.map((r) => stringWidth(r[i]!))));
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i]!, numeric.has(i) ? 'right' : 'left')).join('  ').trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The facts of a build its table shows beside the inputs' totals. */
export interface BuildFacts {
  computed: number;
  reused: number;
  threads: number;
  changed: number;
  seconds: number;
  outDir: string;
  report: string | null;
}

/** How many inputs with warnings or errors the build table lists. */
const SHOWN = 15;

/** The inputs that need a look first: more errors, then more warnings, then by path. */
function worse(a: InputSummary, b: InputSummary): number {
  return b.counts.errors - a.counts.errors || b.counts.warnings - a.counts.warnings || (a.path < b.path ? -1 : 1);
}

/**
 * What the build table says of the inputs, gathered an input at a time: sums, and the
 * {@link SHOWN} inputs that need a look first (with how many more there are), so that a build's
 * caller keeps nothing per input (BuildOptions.keepInputs). The same table as sorting every input
 * with warnings or errors and taking the first 15: the order is total (paths are distinct).
 */
export class BuildTally {
  private inputs = 0;
  private failed = 0;
  private readonly sums = { items: 0, references: 0, referencesWithDoi: 0, entities: 0, errors: 0, warnings: 0 };
  /** The worst inputs so far, worst first; at most SHOWN, each only the fields the table shows. */
  private readonly worst: InputSummary[] = [];
  private doubtful = 0;

  /** Counts an input in. */
  add(summary: InputSummary): void {
    this.inputs++;
    if (summary.status !== 'ok') this.failed++;
    for (const key of Object.keys(this.sums) as (keyof typeof this.sums)[]) this.sums[key] += summary.counts[key];
    if (!summary.counts.errors && !summary.counts.warnings) return;
    this.doubtful++;
    if (this.worst.length === SHOWN && worse(summary, this.worst[SHOWN - 1]!) >= 0) return;
    // Only what the table prints: the rest of the summary (its diagnostics) is let go.
    const kept = { path: summary.path, counts: { ...summary.counts } } as InputSummary;
    let at = this.worst.length;
    while (at > 0 && worse(kept, this.worst[at - 1]!) < 0) at--;
    this.worst.splice(at, 0, kept);
    if (this.worst.length > SHOWN) this.worst.pop();
  }

  /** What `digest build` prints at the end on a terminal: totals, then the inputs that need a look. */
  table(facts: BuildFacts, color: boolean): string {
    const p = paint(color);
    const { sums, failed, inputs } = this;
    const totals: [string, string][] = [
      ['inputs', `${inputs} (${plural(inputs - failed, 'record')}, ${failed ? p.red(`${failed} failed`) : '0 failed'})`],
      ['ingested', `${facts.computed} (${facts.reused} from cache) on ${facts.threads ? plural(facts.threads, 'worker thread') : 'the main thread'} in ${facts.seconds.toFixed(1)} s`],
      ['items', String(sums.items)],
      ['references', `${sums.references} (${sums.referencesWithDoi} with DOI)`],
      ['entities', String(sums.entities)],
      ['diagnostics', `${sums.errors} errors, ${sums.warnings} warnings`],
      ['written', `${plural(facts.changed, 'file')} changed under ${forTerminal(facts.outDir)}`],
    ];
    if (facts.report) totals.push(['review', forTerminal(facts.report)]);
    let out = `${p.bold('digest build')}\n${totals.map(([k, v]) => `  ${p.dim(k.padEnd(12))}${v}`).join('\n')}\n`;
    if (this.worst.length) {
      const rows = this.worst.map((s) => [forTerminal(s.path), String(s.counts.months), String(s.counts.items), String(s.counts.references), String(s.counts.warnings), String(s.counts.errors)]);
      out += `\n${table(['input', 'months', 'items', 'refs', 'warnings', 'errors'], rows, new Set([1, 2, 3, 4, 5]))}\n`;
      if (this.doubtful > this.worst.length) out += `… and ${this.doubtful - this.worst.length} more inputs with warnings or errors\n`;
    }
    return out;
  }
}

/** What `digest build` prints at the end on a terminal: totals, then the inputs that need a look (a {@link BuildTally} of `inputs`). */
export function buildTable(inputs: readonly InputSummary[], facts: BuildFacts, color: boolean): string {
  const tally = new BuildTally();
  for (const input of inputs) tally.add(input);
  return tally.table(facts, color);
}
