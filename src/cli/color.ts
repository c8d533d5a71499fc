/**
 * Whether to colour what goes to stderr, decided once per command, in Node's own order
 * (`tty.getColorDepth`): the command line first (`--no-color`, `--color`), then FORCE_COLOR
 * (`0` or `false` off, anything else on), then NO_COLOR (any non-empty value, no-color.org)
 * and TERM=dumb (off), then whether stderr is a terminal. Machine formats are never coloured.
 */
export function useColor(flags: { color?: boolean; noColor?: boolean }, env: Readonly<Record<string, string | undefined>>, isTTY: boolean): boolean {
  if (flags.noColor) return false;
  if (flags.color) return true;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if ((env.NO_COLOR ?? '') !== '' || env.TERM === 'dumb') return false;
  return isTTY;
}
