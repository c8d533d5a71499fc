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

/**
 * Runs `digest <args>` in this process from `dir` as the working folder (the commands resolve
 * digest.json, out and relative inputs against it), so coverage sees the CLI; bin/digest.js
 * itself is run as a child process in tests/package.
 */
export async function runIn(dir: string, args: string[], stdin = '', stderrIsTTY = false): Promise<Run> {
  const before = process.cwd();
  process.chdir(dir);
  try {
    return await run(args, stdin, stderrIsTTY);
  } finally {
    process.chdir(before);
  }
}

/** Text without ANSI escapes. */
export const bare = (text: string): string => text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');
