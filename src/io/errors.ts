/**
 * A file-system failure the user has to act on — a full disk, a read-only or missing folder, a
 * symbolic link or a file digest did not write standing where it wants to write, another build
 * holding the folder. The CLI prints its message as one line and exits 2; no stack trace.
 */
export class OutputError extends Error {
  override readonly name = 'OutputError';
}

/** What an errno code means, in words a user can act on. */
const meanings: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder',
  EEXIST: 'something else is already there',
  ELOOP: 'too many symbolic links (a loop?)',
  ENAMETOOLONG: 'the name is too long',
  ENOENT: 'no such file or folder',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
  EXDEV: 'not on the same file system',
  EBUSY: 'the file is busy',
};

/**
 * What a failed read or write means in words ("no such file or folder"), from its errno code;
 * the error's own message when the code is not one we explain. Never the bare code alone.
 */
export function errnoMeaning(error: unknown): string {
  const code = errnoCode(error);
  return (code !== null ? meanings[code] : undefined) ?? (error instanceof Error ? error.message : String(error));
}

/** The errno code of an error thrown by node:fs, if it is one. */
export function errnoCode(error: unknown): string | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? code : null;
}

/**
 * Turns a node:fs error into an {@link OutputError} saying what could not be done to which
 * path ("cannot write out/items.jsonl: no space left on the device (ENOSPC)"); any other error
 * is returned unchanged (a bug stays a bug, with its stack).
 */
export function fsFailure(error: unknown, doing: string, path: string): Error {
  if (error instanceof OutputError) return error;
  const code = errnoCode(error);
  if (code === null) return error instanceof Error ? error : new Error(String(error));
  return new OutputError(`cannot ${doing} ${path}: ${meanings[code] ?? (error as Error).message} (${code})`);
}
