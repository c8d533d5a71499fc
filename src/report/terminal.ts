/**
 * Characters a terminal acts on rather than shows: C0 controls (newline, carriage return, ESC
 * and the rest), DEL, C1 controls (U+0080–U+009F; U+009B is a one-character CSI to some
 * terminals), and the bidirectional overrides and isolates that reorder what is shown.
 */
// eslint-disable-next-line no-control-regex
const ACTIVE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const names: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e' };

/**
 * A file name or a piece of content made safe to print on a terminal: every active character
 * becomes a visible escape (`\n`, `\e`, `\u{202e}`), so a name with a newline cannot forge a
 * line of output and an ESC sequence in a reference cannot retitle or recolour the terminal.
 * A backslash is left as it is: it does nothing on a terminal.
 */
export function forTerminal(text: string): string {
  return text.replace(ACTIVE, (c) => names[c] ?? `\\u{${c.codePointAt(0)!.toString(16)}}`);
}
