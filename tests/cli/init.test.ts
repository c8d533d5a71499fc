import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repo } from '../helpers.js';

const bin = repo('bin/digest.js');
const digest = (dir: string, ...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8' });
const elsewhere = () => mkdtempSync(join(tmpdir(), 'digest-init-'));

describe('outside this repository', () => {
  it('build with no pipeline file points at digest init (exit 2)', () => {
    const r = digest(elsewhere(), 'build');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('digest build: no pipeline file here (digest.json, or pipelines/digest.json): write one for your articles with `digest init <folder>`, or name one with --pipeline FILE\n');
  });

  it('ingest and text need no pipeline file: the package’s own is used', () => {
    const dir = elsewhere();
    cpSync(repo('fixtures/articles/as-2025.txt'), join(dir, 'as.txt'));
    const r = digest(dir, 'ingest', 'as.txt');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('as.txt: wrote out/articles/as.json\n');
  });

  it('digest init DIR writes digest.json for the folder, with the packaged data files, and build uses it', () => {
    const dir = elsewhere();
    mkdirSync(join(dir, 'articles'));
    cpSync(repo('fixtures/articles/as-2025.txt'), join(dir, 'articles', 'as-2025.txt'));
    const init = digest(dir, 'init', 'articles');
    expect(init.status).toBe(0);
    expect(init.stderr).toBe('digest init: wrote digest.json (inputs: articles, out: out); now run: digest build\n');
    const pipeline = JSON.parse(readFileSync(join(dir, 'digest.json'), 'utf8'));
    expect(pipeline).toMatchObject({ inputs: ['articles'], out: 'out' });
    // Relative paths to the data the package ships: no copy to keep in step, no absolute path.
    for (const file of Object.values(pipeline.data as Record<string, string>)) {
      expect(file.startsWith('/')).toBe(false);
      expect(readFileSync(join(dir, file), 'utf8')).toBe(readFileSync(repo(`pipelines/data/${file.split('/').pop()}`), 'utf8'));
    }
    expect(existsSync(join(dir, pipeline.$schema))).toBe(true);
    const build = digest(dir, 'build');
    expect(build.status, build.stderr).toBe(0);
    expect(build.stderr).toContain('digest build: 1 inputs, 1 records, 0 failed');
    expect(existsSync(join(dir, 'out', 'articles', 'as-2025.json'))).toBe(true);
    expect(existsSync(join(dir, 'out', 'report', 'index.html'))).toBe(true);
  }, 120_000);

  it('init refuses to overwrite (unless --force), the project folder itself, and out inside the articles', () => {
    const dir = elsewhere();
    writeFileSync(join(dir, 'digest.json'), '{"mine": true}');
    const again = digest(dir, 'init', 'articles');
    expect(again.status).toBe(2);
    expect(again.stderr).toBe('digest init: digest.json already exists; --force replaces it\n');
    expect(readFileSync(join(dir, 'digest.json'), 'utf8')).toBe('{"mine": true}');
    const forced = digest(dir, 'init', 'articles', '--force');
    expect(forced.status).toBe(0);
    expect(forced.stderr).toContain('digest init: articles does not exist yet: put your articles (.txt, .md, .html) there');
    expect(digest(dir, 'init', '.', '--force', '-p', 'other.json').stderr).toContain('holds the pipeline file itself');
    expect(digest(dir, 'init', 'articles', '-o', 'articles/out', '-p', 'other.json').stderr).toContain('must not contain each other');
    expect(existsSync(join(dir, 'other.json'))).toBe(false);
  });
});
