import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { threadId } from 'node:worker_threads';

/** Pretty JSON with a final newline: the one serialisation of every output file. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

let tempCounter = 0;

/**
 * Writes a file atomically: the content goes to a temporary file, then one rename puts it in
 * place, so a reader (or a build killed half-way) sees the old file or the new, never a
 * fragment. Temporary files live in `stagingDir` (same file system, hidden from readers) when
 * given, else beside the target.
 */
export async function writeAtomic(path: string, content: string | Uint8Array, stagingDir?: string): Promise<void> {
  // Process, thread and counter: worker threads write into the same staging folder.
  const unique = `${process.pid}-${threadId}-${++tempCounter}`;
  const temp = stagingDir ? join(stagingDir, `${unique}.tmp`) : `${path}.${unique}.tmp`;
  // Folders are made on the first miss only: thousands of files go into a few folders.
  await writeFile(temp, content).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
    await mkdir(dirname(temp), { recursive: true });
    await writeFile(temp, content);
  });
  await rename(temp, path).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
    await mkdir(dirname(path), { recursive: true });
    await rename(temp, path);
  });
}

/**
 * {@link writeAtomic}, synchronously. For the many small files of a build: on a worker thread
 * an asynchronous write is three round trips through libuv's shared thread pool, during which
 * the worker sits idle (BENCHMARKS.md: 14 ms an article, against ~0.2 ms this way).
 */
export function writeAtomicSync(path: string, content: string | Uint8Array, stagingDir?: string): void {
  const unique = `${process.pid}-${threadId}-${++tempCounter}`;
  const temp = stagingDir ? join(stagingDir, `${unique}.tmp`) : `${path}.${unique}.tmp`;
  withFolder(dirname(temp), () => writeFileSync(temp, content));
  withFolder(dirname(path), () => renameSync(temp, path));
}

/** Runs a file operation, making its folder first only if the operation finds it missing. */
function withFolder(folder: string, operation: () => void): void {
  try {
    operation();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    mkdirSync(folder, { recursive: true });
    operation();
  }
}

/** The hidden folder under an output folder where temporary files are staged. */
export const STAGING = '.staging';
