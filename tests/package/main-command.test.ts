import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repo } from '../helpers.js';

/** Every file under dist/ with its modification time: a compile would change them. */
function stamps(dir: string): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else out.set(relative(dir, path), statSync(path).mtimeMs);
    }
  };
  walk(dir);
  return out;
}

/** The README's main command: the line of its "Set up" block that runs the build. */
function mainCommand(): string[] {
  const readme = readFileSync(repo('README.md'), 'utf8');
  const setup = readme.slice(readme.indexOf('## Set up'), readme.indexOf('\n## ', readme.indexOf('## Set up') + 1));
  const line = setup.split('\n').find((l) => /^ {4}\S.* build(\s|$)/.test(l));
  expect(line, 'the Set up section shows the build command').toBeDefined();
  return line!.replace(/#.*$/, '').trim().split(/\s+/);
}

describe('the main command, right after npm ci', () => {
  it('is node bin/digest.js build: no npm, so no npm cache, no network, no compiling', () => {
    expect(mainCommand()).toEqual(['node', 'bin/digest.js', 'build']);
  });

  it('builds with an unusable npm cache, npm offline and no registry, and compiles nothing', () => {
    // A project laid out as this repository is (the default pipeline and its inputs), outside it:
    // tests never build into the repository's own out/.
    const dir = mkdtempSync(join(tmpdir(), 'digest-main-'));
    cpSync(repo('pipelines'), join(dir, 'pipelines'), { recursive: true });
    mkdirSync(join(dir, 'fixtures', 'articles'), { recursive: true });
    cpSync(repo('fixtures/articles/as-2025.txt'), join(dir, 'fixtures', 'articles', 'as-2025.txt'));
    writeFileSync(join(dir, 'not-a-folder'), '');
    const [command, script, ...args] = mainCommand();
    const before = stamps(repo('dist'));
    const r = spawnSync(command === 'node' ? process.execPath : command!, [repo(script!), ...args], {
      cwd: dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        // Nothing can be read from or written to this cache (a path under a file: ENOTDIR, even as root).
        npm_config_cache: join(dir, 'not-a-folder', 'npm-cache'),
        npm_config_offline: 'true',
        npm_config_registry: 'http://127.0.0.1:9/',
        HOME: join(dir, 'not-a-folder'),
      },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('digest build: 1 input, 1 record, 0 failed; 1 ingested');
    expect(statSync(join(dir, 'out', 'manifest.json')).isFile()).toBe(true);
    expect(stamps(repo('dist'))).toEqual(before);
  }, 60_000);
});
