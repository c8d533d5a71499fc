import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

/** The package's root folder (holds schemas/ and pipelines/), whether run from src/ or dist/. */
export const packageRoot: string = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'schemas'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('digest-ingest: cannot find the package root (schemas/ is missing)');
    dir = parent;
  }
})();

/** Absolute path of a file shipped with the package. */
export function packagePath(...parts: string[]): string {
  return join(packageRoot, ...parts);
}

/** The pipeline shipped with the package. */
export const defaultPipelinePath: string = packagePath('pipelines', 'digest.json');
