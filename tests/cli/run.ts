import { main, type Io } from '../../src/cli/main.js';

/** What one in-process run of the CLI printed and returned. */
export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `digest <args>` in this process with the given stdin, terminal-ness of stderr and environment. */
export async function run(args: string[], stdin = '', stderrIsTTY = false, env: Record<string, string> = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    stdin: async () => new TextEncoder().encode(stdin),
    stderrIsTTY,
    env,
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

/** Text without ANSI escapes. */
export const bare = (text: string): string => text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');
