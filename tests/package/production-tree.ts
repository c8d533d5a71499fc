import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, readFileSync, realpathSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';

/** The fields of package.json that say what an install must hold. */
const DEPENDENCY_FIELDS = ['dependencies', 'optionalDependencies', 'peerDependencies', 'devDependencies'] as const;

/** A JSON file's value, or null when there is no such file. */
const jsonOf = (file: string): unknown => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null);

/**
 * What an install of the project at `dir` must match: its package.json's dependency fields, and
 * its lockfile's packages less the root's entry (which repeats package.json's name and version).
 */
function installSpec(dir: string): unknown {
  const pkg = jsonOf(join(dir, 'package.json')) as Record<string, unknown> | null;
  if (pkg === null) throw new Error(`${dir}: no package.json`);
  const lock = jsonOf(join(dir, 'package-lock.json')) as { packages?: Record<string, unknown> } | null;
  const { '': _root, ...packages } = lock?.packages ?? {};
  return { fields: DEPENDENCY_FIELDS.map((field) => pkg[field] ?? null), packages };
}

/**
 * The production dependency tree of the project at `dir`, as `npm ls --omit=dev --all
 * --parseable` lists it — failing on a missing or invalid package, as npm does, and on an
 * extraneous one, which npm lists with a status of 0 (an install holding what the project does
 * not ask for is not what a consumer gets, and pack.test.ts would copy it) — as `modules`, the
 * node_modules folder the packages are in, and `paths`, each package's folder, the project's own
 * left out.
 *
 * A git worktree may share the main checkout's install through a node_modules that is a symbolic
 * link. npm then takes every package behind the link for a linked local one — its devDependencies
 * required, itself extraneous — and `npm ls` fails on a sound install. So where node_modules is a
 * link, the install is checked where it lives: `npm ls` runs in the project that owns the folder
 * the link resolves to, which must ask for the same dependencies and lock the same packages as
 * this one (else the install is not this project's, and this throws); a real node_modules is
 * checked in place.
 */
export function productionTree(dir: string, env: NodeJS.ProcessEnv = process.env): { modules: string; paths: string[] } {
  const linked = join(dir, 'node_modules');
  let owner = dir;
  if (existsSync(linked) && lstatSync(linked).isSymbolicLink()) {
    const real = realpathSync(linked);
    owner = dirname(real);
    if (basename(real) !== 'node_modules') throw new Error(`${linked} links to ${real}, not to a project's node_modules`);
    if (!isDeepStrictEqual(installSpec(dir), installSpec(owner))) {
      throw new Error(`${linked} is the install of ${owner}, whose dependencies or lockfile differ from ${dir}'s: install this project's own`);
    }
  }
  // `--long` marks an extraneous package, which alone leaves npm's status 0 (a missing or invalid one fails it).
  const listed = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable', '--long'], { cwd: owner, encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = listed.trim().split('\n').slice(1);
  const extraneous = lines.filter((line) => line.endsWith(':EXTRANEOUS'));
  if (extraneous.length > 0) throw new Error(`npm ls in ${owner}: extraneous: ${extraneous.map((line) => line.split(':')[1]).join(', ')}`);
  return { modules: join(owner, 'node_modules'), paths: lines.map((line) => line.slice(0, line.indexOf(':'))) };
}
