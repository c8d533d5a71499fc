// Whether a bundle is dist/src's code as it is now, for the CLI's (bin/load.js) and the build
// workers' (bin/worker.cjs, which requires this ES module: Node ≥ 20.19 loads one by require).
// Node's fs as CommonJS gives it (process.getBuiltinModule): an ES module import of it builds a
// facade of its every export (bin/load.js says why that counts at start-up).
const { readFileSync, statSync } = process.getBuiltinModule('node:fs');

/**
 * Whether every file a bundle was made from (listed with its size and modification time by
 * scripts/bundle-cli.mjs in `sourcesFile`, paths from `base`) is unchanged. dist/src compiled
 * again without the bundle step would otherwise run old code, and a build would file that code's
 * records under the new code's cache key.
 */
export function bundleIsCurrent(sourcesFile, base) {
  let listed;
  try {
    listed = JSON.parse(readFileSync(sourcesFile, 'utf8'));
  } catch {
    return false;
  }
  if (!Array.isArray(listed) || listed.length === 0) return false;
  for (const [path, size, mtimeMs] of listed) {
    let stat;
    try {
      stat = statSync(`${base}${path}`);
    } catch {
      return false;
    }
    if (stat.size !== size || stat.mtimeMs !== mtimeMs) return false;
  }
  return true;
}
