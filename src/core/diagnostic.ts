import type { Diagnostic } from '../generated/article.js';

export type { Diagnostic };

/** How serious a diagnostic is. `error` means the input produced no valid record. */
export type Severity = Diagnostic['severity'];

/** A diagnostic together with the input it belongs to, as reporters receive it. */
export interface FileDiagnostic extends Diagnostic {
  /** Display path of the input (`<stdin>` for standard input). */
  file: string;
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Orders diagnostics by position, then severity, then rule: the order every reporter prints. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    a.line - b.line ||
    a.column - b.column ||
    severityRank[a.severity] - severityRank[b.severity] ||
    (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

/** Drops exact repeats (same rule, place and message), keeping the first. */
export function dedupeDiagnostics<T extends Diagnostic>(list: readonly T[]): T[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = `${d.rule}\u0000${d.line}\u0000${d.column}\u0000${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Keeps the diagnostics at or above a severity. */
export function atLeast<T extends Diagnostic>(list: readonly T[], minimum: Severity): T[] {
  return list.filter((d) => severityRank[d.severity] <= severityRank[minimum]);
}

/** The post-processing chain every document's diagnostics pass through: dedupe, then sort. */
export function finishDiagnostics<T extends Diagnostic>(list: readonly T[]): T[] {
  return dedupeDiagnostics(list).sort(compareDiagnostics);
}

/** True when any diagnostic is an error. */
export function hasErrors(list: readonly Diagnostic[]): boolean {
  return list.some((d) => d.severity === 'error');
}
