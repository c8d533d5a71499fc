import type { FileDiagnostic } from '../core/diagnostic.js';
import { forTerminal } from './terminal.js';

/**
 * A diagnostic as reporters receive it: a record's diagnostic with its file, or one about a
 * whole file (unreadable, refused, a dataset file missing), which has no line and column.
 */
export type ReportedDiagnostic = Omit<FileDiagnostic, 'line' | 'column' | 'source'> & { line?: number; column?: number; source?: string };

/** A reporter: diagnostics of a run in, text out. Pure, one per target. */
export type Reporter = (diagnostics: readonly ReportedDiagnostic[], options?: { color?: boolean }) => string;

const colors = { error: '\u001b[31m', warning: '\u001b[33m', info: '\u001b[36m', reset: '\u001b[0m', dim: '\u001b[2m' };

/**
 * `path:line:column: severity: message [rule]`, one a line: what editors and grep expect
 * (`path:line: …` for a table row, `path: …` for a whole file). The path and the message are
 * escaped for the terminal: one diagnostic is always one line.
 */
export const unix: Reporter = (diagnostics, options = {}) =>
  diagnostics
    .map((d) => {
      const severity = options.color ? `${colors[d.severity]}${d.severity}${colors.reset}` : d.severity;
      const rule = options.color ? `${colors.dim}[${d.rule}]${colors.reset}` : `[${d.rule}]`;
      const at = d.line === undefined ? '' : d.column === undefined ? `:${d.line}` : `:${d.line}:${d.column}`;
      return `${forTerminal(d.file)}${at}: ${severity}: ${forTerminal(d.message)} ${rule}\n`;
    })
    .join('');

/** One JSON object a line, for machines. */
export const json: Reporter = (diagnostics) => diagnostics.map((d) => `${JSON.stringify(d)}\n`).join('');

function escapeProperty(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/:/g, '%3A').replace(/,/g, '%2C');
}
function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** GitHub Actions workflow commands, so CI annotates the input's lines. */
export const github: Reporter = (diagnostics) =>
  diagnostics
    .map((d) => {
      const level = d.severity === 'info' ? 'notice' : d.severity;
      const at = d.line === undefined ? '' : `,line=${d.line}${d.column !== undefined ? `,col=${d.column}` : ''}`;
      const end = d.endLine !== undefined ? `,endLine=${d.endLine},endColumn=${d.endColumn}` : '';
      return `::${level} file=${escapeProperty(forTerminal(d.file))}${at}${end},title=${escapeProperty(d.rule)}::${escapeData(forTerminal(d.message))}\n`;
    })
    .join('');

/** Reporters by the name `--diagnostics` takes. */
export const reporters = { unix, json, github } as const;
