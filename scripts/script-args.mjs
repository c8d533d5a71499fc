// Command-line options for the project's scripts (bench, fuzz, profile): node:util's parseArgs,
// with a bad option or value told in one line and the script's usage, exit code 2 — never a
// stack trace (the product's rule for bad input, kept by its tools too).
import { parseArgs } from 'node:util';

/**
 * Parses `process.argv` (or `args`) for the script `name`. `options` is parseArgs' table, each
 * option optionally with `integer: { min }` (a whole number at least `min`) or `oneOf: [...]`;
 * `positionals: 'none' | 'some'` says whether operands are refused or required. On a bad command
 * line prints `name: what is wrong` and `usage` to stderr and exits with 2.
 */
export function readArgs(name, usage, { options, positionals = 'none', args }) {
  const table = Object.fromEntries(Object.entries(options).map(([key, { integer, oneOf, ...rest }]) => [key, rest]));
  const refuse = (message) => {
    process.stderr.write(`${name}: ${message}\n${usage}\n`);
    process.exit(2);
  };
  let parsed;
  try {
    parsed = parseArgs({ args, options: table, allowPositionals: positionals !== 'none', strict: true });
  } catch (error) {
    return refuse(error instanceof Error ? error.message : String(error));
  }
  for (const [key, { integer, oneOf }] of Object.entries(options)) {
    const value = parsed.values[key];
    if (value === undefined) continue;
    if (integer && !(/^-?\d+$/.test(value) && Number(value) >= integer.min)) refuse(`--${key} takes a whole number of at least ${integer.min} (got ${JSON.stringify(value)})`);
    if (oneOf && !oneOf.includes(value)) refuse(`--${key} takes ${oneOf.join(' or ')} (got ${JSON.stringify(value)})`);
  }
  if (positionals === 'some' && parsed.positionals.length === 0) refuse('no input given');
  return parsed;
}
