import * as nodeFs from 'node:fs';
import { dirname } from 'node:path';

/**
 * Every call through which digest changes the disk, in one object. Writers take one (the real
 * file system by default), so a test can make any of them fail — ENOSPC on the 40th write, a
 * read-only folder — deterministically, without filling a disk.
 */
export interface WriteFs {
  writeFileSync(path: string, data: string | Uint8Array): void;
  renameSync(from: string, to: string): void;
  mkdirSync(path: string, options: { recursive: true }): void;
  unlinkSync(path: string): void;
  rmSync(path: string, options: { recursive: true; force: true }): void;
  openSync(path: string, flags: string | number, mode?: number): number;
  writeSync(fd: number, data: string | Uint8Array): number;
  closeSync(fd: number): void;
}

/** The real file system. */
export const realFs: WriteFs = {
  writeFileSync: (path, data) => nodeFs.writeFileSync(path, data),
  renameSync: (from, to) => nodeFs.renameSync(from, to),
  mkdirSync: (path, options) => {
    try {
      nodeFs.mkdirSync(path, options);
    } catch (error) {
      // Node's recursive mkdir reports ENOENT for a last step that fails otherwise (EROFS,
      // EACCES): when the parent is there, asking again without recursion gives the real cause.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || !nodeFs.existsSync(dirname(path))) throw error;
      nodeFs.mkdirSync(path);
    }
  },
  unlinkSync: (path) => nodeFs.unlinkSync(path),
  rmSync: (path, options) => nodeFs.rmSync(path, options),
  openSync: (path, flags, mode) => nodeFs.openSync(path, flags, mode),
  writeSync: (fd, data) => (typeof data === 'string' ? nodeFs.writeSync(fd, data) : nodeFs.writeSync(fd, data)),
  closeSync: (fd) => nodeFs.closeSync(fd),
};
