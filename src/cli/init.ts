import { existsSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { ConfigError } from '../core/errors.js';
import { packagePath } from '../core/paths.js';

/** What `digest init` is asked to write. */
export interface InitOptions {
  /** The folder that holds the articles (the pipeline's only input). */
  folder: string;
  /** Where the pipeline file goes. */
  file: string;
  /** The dataset folder the pipeline names. */
  out: string;
  /** Replace an existing file. */
  force: boolean;
}

/** What `digest init` wrote. */
export interface InitResult {
  file: string;
  folder: string;
  out: string;
  folderExists: boolean;
}

const posix = (path: string) => path.split(sep).join('/');

/** `to` relative to `from` (POSIX separators), as pipeline files write paths. */
function relativeTo(from: string, to: string): string {
  const rel = posix(relative(from, to));
  return rel === '' ? '.' : rel;
}

function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/**
 * Writes a pipeline file for the user's own articles: the package's default pipeline (stages,
 * options, extensions) with `inputs` set to the folder, `out` set, and every data file pointing
 * at the data the package ships — relative to the new file, which the loader allows (data may
 * sit under the package's own pipelines/), so the file works wherever the project is cloned
 * as long as the package is installed in it. The folder must not be the project folder itself
 * (it holds out/ and node_modules/, whose pages and read-me files are not articles).
 */
export function initPipeline(options: InitOptions): InitResult {
  const file = resolve(options.file);
  const base = dirname(file);
  if (existsSync(file) && !options.force) throw new ConfigError(`${options.file} already exists; --force replaces it`);
  if (existsSync(file) && !statSync(file).isFile()) throw new ConfigError(`${options.file} is not a regular file`);
  if (!existsSync(base)) throw new ConfigError(`${posix(relative(process.cwd(), base)) || '.'}: no such folder for the pipeline file`);
  const folder = resolve(options.folder);
  const out = resolve(options.out);
  const inside = (path: string, parent: string) => path === parent || path.startsWith(parent + sep);
  if (inside(real(base), real(folder))) {
    throw new ConfigError(`${options.folder} holds the pipeline file itself (and out/, node_modules/): name the folder that holds the articles, e.g. digest init articles`);
  }
  if (inside(out, folder) || inside(folder, out)) throw new ConfigError(`the output folder ${options.out} and the articles folder ${options.folder} must not contain each other`);

  const shipped = JSON.parse(readFileSync(packagePath('pipelines', 'digest.json'), 'utf8')) as Record<string, unknown> & { data: Record<string, string> };
  const data = Object.fromEntries(Object.entries(shipped.data).map(([key, path]) => [key, relativeTo(base, packagePath('pipelines', path))]));
  const pipeline = {
    $schema: relativeTo(base, packagePath('schemas', 'pipeline.schema.json')),
    name: 'digest',
    description: `Articles in ${relativeTo(base, folder)}, into ${relativeTo(base, out)}; data files as digest-ingest ships them (copy one beside this file and point to it to change it).`,
    inputs: [isAbsolute(options.folder) ? posix(folder) : relativeTo(process.cwd(), folder)],
    extensions: shipped.extensions,
    out: isAbsolute(options.out) ? posix(out) : relativeTo(process.cwd(), out),
    data,
    rules: {},
    stages: shipped.stages,
  };
  writeFileSync(file, `${JSON.stringify(pipeline, null, 2)}\n`);
  return { file: posix(relative(process.cwd(), file)), folder: pipeline.inputs[0]!, out: pipeline.out, folderExists: existsSync(folder) };
}
