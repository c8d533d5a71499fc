import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repo } from '../helpers.js';
import { runIn } from './run.js';

/** `digest <args>` from `dir`, in this process. */
async function digest(dir: string, ...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const { code, stdout, stderr } = await runIn(dir, args);
  return { status: code, stdout, stderr };
}
const elsewhere = () => mkdtempSync(join(tmpdir(), 'digest-init-'));

describe('outside this repository', () => {
  it('build with no pipeline file points at digest init (exit 2)', async () => {
    const r = await digest(elsewhere(), 'build');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('digest build: no pipeline file here (digest.json, or pipelines/digest.json): write one for your articles with `digest init <folder>`, or name one with --pipeline FILE\n');
  });

  it('ingest and text need no pipeline file: the package’s own is used', async () => {
    const dir = elsewhere();
    cpSync(repo('fixtures/articles/as-2025.txt'), join(dir, 'as.txt'));
    const r = await digest(dir, 'ingest', 'as.txt');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('as.txt: wrote out/articles/as.json\n');
  });

  it('digest init DIR writes digest.json for the folder, with the packaged data files, and build uses it', async () => {
    const dir = elsewhere();
    mkdirSync(join(dir, 'articles'));
    cpSync(repo('fixtures/articles/as-2025.txt'), join(dir, 'articles', 'as-2025.txt'));
    const init = await digest(dir, 'init', 'articles');
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
    const build = await digest(dir, 'build');
    expect(build.status, build.stderr).toBe(0);
    expect(build.stderr).toContain('digest build: 1 input, 1 record, 0 failed');
    expect(existsSync(join(dir, 'out', 'articles', 'as-2025.json'))).toBe(true);
    expect(existsSync(join(dir, 'out', 'report', 'index.html'))).toBe(true);
  }, 120_000);

  it('init refuses to overwrite (unless --force), the project folder itself, and out inside the articles', async () => {
    const dir = elsewhere();
    writeFileSync(join(dir, 'digest.json'), '{"mine": true}');
    const again = await digest(dir, 'init', 'articles');
    expect(again.status).toBe(2);
    expect(again.stderr).toBe('digest init: digest.json already exists; --force replaces it\n');
    expect(readFileSync(join(dir, 'digest.json'), 'utf8')).toBe('{"mine": true}');
    const forced = await digest(dir, 'init', 'articles', '--force');
    expect(forced.status).toBe(0);
    expect(forced.stderr).toContain('digest init: articles does not exist yet: put your articles (.txt, .md, .html) there');
    expect((await digest(dir, 'init', '.', '--force', '-p', 'other.json')).stderr).toContain('holds the pipeline file itself');
    expect((await digest(dir, 'init', 'articles', '-o', 'articles/out', '-p', 'other.json')).stderr).toContain('must not contain each other');
    expect(existsSync(join(dir, 'other.json'))).toBe(false);
  });

  it('init with absolute folders and a pipeline file elsewhere: those paths as given, and the build command names the file', async () => {
    const dir = elsewhere();
    const articles = join(dir, 'articles');
    mkdirSync(articles);
    mkdirSync(join(dir, 'conf'));
    cpSync(repo('fixtures/articles/as-2025.txt'), join(articles, 'as-2025.txt'));
    const init = await digest(dir, 'init', articles, '-p', 'conf/digest.json', '-o', join(dir, 'dataset'));
    expect(init.status, init.stderr).toBe(0);
    expect(init.stderr).toBe(`digest init: wrote conf/digest.json (inputs: ${articles}, out: ${join(dir, 'dataset')}); now run: digest build --pipeline conf/digest.json\n`);
    const pipeline = JSON.parse(readFileSync(join(dir, 'conf', 'digest.json'), 'utf8'));
    expect(pipeline).toMatchObject({ inputs: [articles], out: join(dir, 'dataset'), description: 'Articles in ../articles, into ../dataset; data files as digest-ingest ships them (copy one beside this file and point to it to change it).' });
    const build = await digest(dir, 'build', '--pipeline', 'conf/digest.json', '--quiet');
    expect(build.status, build.stderr).toBe(0);
    expect(existsSync(join(dir, 'dataset', 'articles', 'as-2025.json'))).toBe(true);
  }, 120_000);

  it('init names what is wrong with the pipeline file’s place: no such folder, not a regular file; and takes one folder', async () => {
    const dir = elsewhere();
    const nowhere = await digest(dir, 'init', 'articles', '-p', 'missing/digest.json');
    expect(nowhere.status).toBe(2);
    expect(nowhere.stderr).toBe('digest init: missing: no such folder for the pipeline file\n');
    mkdirSync(join(dir, 'taken'));
    const folder = await digest(dir, 'init', 'articles', '-p', 'taken', '--force');
    expect(folder.status).toBe(2);
    expect(folder.stderr).toBe('digest init: taken is not a regular file\n');
    const two = await digest(dir, 'init', 'a', 'b');
    expect(two.status).toBe(2);
    expect(two.stderr).toContain('digest init: init takes one folder (the one that holds the articles)\n');
    expect(existsSync(join(dir, 'digest.json'))).toBe(false);
  });

  it('a pipeline file that cannot be written (a folder of the kernel\'s) is one line naming it and why, exit 2, no stack', async () => {
    const r = await digest(elsewhere(), 'init', 'articles', '-p', '/proc/digest.json');
    expect(r).toMatchObject({ status: 2, stderr: 'digest init: cannot use /proc/digest.json: no such file or folder (ENOENT)\n' });
  });
});
