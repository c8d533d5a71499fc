import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordId } from '../../src/core/record.js';
import { copyDataset, repo, tree } from '../helpers.js';

const bin = repo('bin/digest.js');
const fixtures = readdirSync(repo('fixtures/articles')).sort();

/** A project folder with the pipelines and `count` inputs (fixtures under distinct names). */
function project(count: number, folder = 'fixtures/articles'): string {
  const dir = mkdtempSync(join(tmpdir(), 'digest-batch-'));
  cpSync(repo('pipelines'), join(dir, 'pipelines'), { recursive: true });
  mkdirSync(join(dir, folder), { recursive: true });
  for (let i = 0; i < count; i++) {
    const name = fixtures[i % fixtures.length]!;
    const dot = name.indexOf('.');
    cpSync(repo(`fixtures/articles/${name}`), join(dir, folder, `${String(i).padStart(4, '0')}-${name.slice(0, dot)}${name.slice(dot)}`));
  }
  return dir;
}


// Timeouts: these tests run whole `digest build` processes (each starts Node, loads the pipeline
// and, with workers, compiles it again per worker), from one to nine of them a test. Alone a test
// takes 1–20 s (the crash test ~70 s); on a busy two-core machine (a load average of 20–35) 4–8×
// that. The work is the builds themselves, so each test's timeout is set from its builds, far above.
/** A test of up to four builds of a few dozen inputs. */
const builds = 300_000;

const build = (dir: string, ...args: string[]) => spawnSync(process.execPath, [bin, 'build', '--pipeline', 'pipelines/digest.json', ...args], { cwd: dir, encoding: 'utf8' });

describe('isolation: one failing input never stops a batch', () => {
  it('200 inputs with 10 broken: 190 records, 10 errors with positions, exit code 1', () => {
    const dir = project(190);
    const inputs = join(dir, 'fixtures', 'articles');
    writeFileSync(join(inputs, 'b01-empty.txt'), '');
    writeFileSync(join(inputs, 'b02-blank.txt'), '   \n\n\t\n');
    writeFileSync(join(inputs, 'b03-nul.txt'), Buffer.alloc(4096));
    writeFileSync(join(inputs, 'b04-replacement.txt'), Buffer.from([0xff, 0xfe, 0x41]));
    writeFileSync(join(inputs, 'b05-deep.html'), `<html><body>${'<div>'.repeat(5000)}x${'</div>'.repeat(5000)}</body></html>`);
    writeFileSync(join(inputs, 'b06-chrome-only.html'), '<html><body><nav>首页</nav><script>var a=1</script></body></html>');
    writeFileSync(join(inputs, 'b07-long-line.txt'), '干细胞'.repeat(400_000));
    writeFileSync(join(inputs, 'b08-refs.txt'), `参考资料:\n${Array.from({ length: 20_001 }, (_, i) => `[${i + 1}]A B. T. J 2020;1:1.`).join('\n')}`);
    symlinkSync(join(dir, 'no-such-file.txt'), join(inputs, 'b09-dangling.txt'));
    writeFileSync(join(inputs, 'b10-controls.md'), '\u0000\u200b\u202e\ufeff\u0001'.repeat(100));
    const r = build(dir, '--diagnostics', 'json', '--quiet');
    expect(r.status).toBe(1);
    const errors = r.stderr.trim().split('\n').map((l) => JSON.parse(l));
    expect(errors).toHaveLength(10);
    for (const e of errors) {
      // A position wherever there is one in the text; an input that could not be read has none (no meaningless 1:1).
      if (e.rule === 'input-unreadable') expect(e).not.toHaveProperty('line');
      else expect(e).toMatchObject({ severity: 'error', line: expect.any(Number), column: expect.any(Number) });
      expect(e.file).toMatch(/\/b\d\d-/);
    }
    expect(new Set(errors.map((e) => e.rule))).toEqual(new Set(['input-empty', 'html-too-deep', 'body-empty', 'line-too-long', 'too-many-references', 'input-unreadable']));
    expect(readdirSync(join(dir, 'out', 'articles'))).toHaveLength(190);
    const manifest = JSON.parse(readFileSync(join(dir, 'out', 'manifest.json'), 'utf8'));
    expect(manifest.totals).toMatchObject({ inputs: 200, records: 190, failed: 10 });
  }, builds);
});

describe('determinism', () => {
  it('two builds of the same inputs, in a different order and with different concurrency, are byte-identical', () => {
    const a = project(40);
    const b = mkdtempSync(join(tmpdir(), 'digest-batch-'));
    cpSync(join(a, 'pipelines'), join(b, 'pipelines'), { recursive: true });
    // The same files split over two folders, listed in the opposite order.
    const files = readdirSync(join(a, 'fixtures', 'articles')).sort();
    mkdirSync(join(b, 'in', 'z'), { recursive: true });
    mkdirSync(join(b, 'in', 'a'), { recursive: true });
    files.forEach((f, i) => cpSync(join(a, 'fixtures', 'articles', f), join(b, 'in', i % 2 ? 'a' : 'z', f)));
    const p = JSON.parse(readFileSync(join(b, 'pipelines', 'digest.json'), 'utf8'));
    p.inputs = ['in/z', 'in/a'];
    writeFileSync(join(b, 'pipelines', 'digest.json'), JSON.stringify(p));
    expect(build(a, '--concurrency', '1', '--quiet').status).toBe(0);
    expect(build(b, '--concurrency', '8', '--quiet').status).toBe(0);
    const ta = tree(join(a, 'out'));
    const tb = tree(join(b, 'out'));
    expect([...tb.keys()]).toEqual([...ta.keys()]);
    // Input paths differ between the two layouts by design; with them reduced to file names,
    // everything must match byte for byte.
    const strip = (text: string) => text.replace(/(["> ])(?:fixtures\/articles|in\/[az])\//g, '$1');
    for (const [k, v] of ta) {
      if (k === 'manifest.json') {
        const order = (m: { inputs: { path: string }[] }) => ({ ...m, inputs: [...m.inputs].sort((x, y) => (x.path < y.path ? -1 : 1)) });
        expect(order(JSON.parse(strip(tb.get(k)!)))).toEqual(order(JSON.parse(strip(v))));
      } else expect(strip(tb.get(k)!), k).toBe(strip(v));
    }
  }, builds);
});

describe('worker threads', () => {
  // Each test below runs a build of the same 24 inputs in a way of its own (into an out folder of
  // its own) and compares its dataset with a one-thread build of them: that build made once, for all.
  let shared: { dir: string; one: Map<string, string> } | null = null;
  const reference = () => {
    if (!shared) {
      const dir = project(24);
      expect(build(dir, '--quiet', '--concurrency', '1', '--out', 'one').status).toBe(0);
      shared = { dir, one: tree(join(dir, 'one')) };
    }
    return shared;
  };

  it('a pool whose workers die (here: a heap too small to load the pipeline) hands its work to the main thread; same dataset', () => {
    const { dir, one } = reference();
    const r = spawnSync(process.execPath, [bin, 'build', '--pipeline', 'pipelines/digest.json', '--concurrency', '2', '--out', 'starved'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, DIGEST_WORKER_HEAP_MB: '1' },
    });
    expect(r.stderr).not.toContain('ERR_WORKER_OUT_OF_MEMORY');
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('24 inputs, 24 records, 0 failed; 24 ingested');
    const starved = tree(join(dir, 'starved'));
    expect([...starved.keys()]).toEqual([...one.keys()]);
    for (const [rel, content] of one) expect(starved.get(rel) === content, rel).toBe(true);
  }, builds);

  /**
   * Runs `digest build` with the pool library replaced (a resolve hook) by `fake`: a pool that
   * takes tasks and never settles them, as a dying piscina pool was seen to do under load. The
   * dataset goes to `out`. The child is killed after 4 minutes: a build the fake pool hung would
   * otherwise block this thread (spawnSync) past the test's timeout; a 24-input build takes 2–6 s
   * alone and up to 8× that on a busy two-core machine.
   */
  function buildWithPool(dir: string, fake: string, out: string) {
    const poolFile = join(dir, `fake-pool-${out}.mjs`);
    writeFileSync(poolFile, fake);
    const source = `export async function resolve(s, c, n) { return s === 'piscina' ? { url: ${JSON.stringify(`file://${poolFile}`)}, shortCircuit: true } : n(s, c); }`;
    const hook = `data:text/javascript,${encodeURIComponent(source)}`;
    // Registered by --import, which every thread of the process runs: the build runs on a thread of its own (bin/thread.js).
    const register = `data:text/javascript,${encodeURIComponent(`import { register } from 'node:module'; register(${JSON.stringify(hook)});`)}`;
    return spawnSync(process.execPath, ['--import', register, bin, 'build', '--pipeline', 'pipelines/digest.json', '--concurrency', '2', '--out', out], { cwd: dir, encoding: 'utf8', timeout: 240_000 });
  }
  const losingPool = (deaths: number, workersLeft = 2) => `import { EventEmitter } from 'node:events';
export class Piscina extends EventEmitter {
  constructor() { super(); setTimeout(() => { for (let i = 0; i < ${deaths}; i++) this.emit('error', new Error('worker died')); }, 20); }
  get threads() { return new Array(${workersLeft}).fill({}); }
  run() { return new Promise(() => {}); }
  destroy() { return new Promise(() => {}); }
}`;

  it('a pool that dies without settling its tasks hands them to the main thread; same dataset', () => {
    const { dir, one } = reference();
    const r = buildWithPool(dir, losingPool(3), 'lost');
    expect(r.stderr).toContain('24 inputs, 24 records, 0 failed; 24 ingested');
    expect(r.status).toBe(0);
    const lost = tree(join(dir, 'lost'));
    expect([...lost.keys()]).toEqual([...one.keys()]);
    for (const [rel, content] of one) expect(lost.get(rel) === content, rel).toBe(true);
  }, builds);

  it('a pool left with no worker (piscina starts none after workers fail while starting) is given up at once; same dataset', () => {
    // Two deaths with two threads: fewer than the deaths that give a pool up, but no worker is left.
    const { dir, one } = reference();
    const r = buildWithPool(dir, losingPool(2, 0), 'none-left');
    expect(r.stderr).toContain('24 inputs, 24 records, 0 failed; 24 ingested');
    expect(r.status).toBe(0);
    expect(tree(join(dir, 'none-left'))).toEqual(one);
  }, builds);

  it('work that stops with nothing left to wait for is an internal error (exit 2), never a silent success', () => {
    const { dir } = reference();
    const r = buildWithPool(dir, losingPool(0), 'stopped');
    expect(r.stderr).toContain('digest: internal error: the command stopped before finishing its work');
    expect(r.status).toBe(2);
  }, builds);
});

describe('paths', () => {
  it.each(['../../etc/passwd', 'a/b/../../c.txt', '..', '.hidden.txt', 'CON', '😀.txt', 'Ａ１－２.md', '--out=x.txt', ' spaced name .html', 'x'.repeat(300)])(
    'the id of %j is safe as a file name',
    (name) => {
      const id = recordId(name, new Uint8Array([1, 2, 3]));
      expect(id).toMatch(/^[a-z0-9][a-z0-9-]{0,99}$/);
      expect(id).not.toContain('..');
    },
  );

  it('a symbolic link where a record goes is never written through: the build stops (exit 2) naming it', () => {
    const dir = project(2);
    const outside = join(mkdtempSync(join(tmpdir(), 'outside-')), 'victim.json');
    writeFileSync(outside, 'untouched');
    mkdirSync(join(dir, 'out', 'articles'), { recursive: true });
    const first = readdirSync(join(dir, 'fixtures', 'articles')).sort()[0]!;
    const link = join(dir, 'out', 'articles', `${recordId(first, new Uint8Array())}.json`);
    symlinkSync(outside, link);
    const r = build(dir, '--quiet');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${link} is a symbolic link`);
    expect(r.stderr).not.toContain('internal error');
    expect(readFileSync(outside, 'utf8')).toBe('untouched');
    rmSync(link);
    expect(build(dir, '--quiet').status).toBe(0);
    expect(readFileSync(outside, 'utf8')).toBe('untouched');
  }, builds);
});

describe('crash safety: kill -9 in the middle of a build', () => {
  it('leaves only complete files (old or new), and the next build ends byte-identical to a clean one', async () => {
    const dir = project(150);
    expect(build(dir, '--quiet').status).toBe(0);
    const old = tree(join(dir, 'out'));
    // Change the inputs: edit some, add some, remove some.
    const inputs = join(dir, 'fixtures', 'articles');
    const names = readdirSync(inputs).sort();
    for (const name of names.slice(0, 30)) writeFileSync(join(inputs, name), `${readFileSync(join(inputs, name), 'utf8')}\n`);
    for (const name of names.slice(140)) rmSync(join(inputs, name));
    for (let i = 0; i < 20; i++) cpSync(repo('fixtures/articles/as-2025.txt'), join(inputs, `new-${i}.txt`));
    // A clean build (no cache) over the same previous dataset: the change view compares with it.
    const clean = mkdtempSync(join(tmpdir(), 'digest-clean-'));
    cpSync(join(dir, 'pipelines'), join(clean, 'pipelines'), { recursive: true });
    cpSync(inputs, join(clean, 'fixtures', 'articles'), { recursive: true });
    copyDataset(join(dir, 'out'), join(clean, 'out'));
    const t0 = Date.now();
    expect(build(clean, '--quiet').status).toBe(0);
    const duration = Date.now() - t0;
    const fresh = tree(join(clean, 'out'));

    for (const fraction of [0.3, 0.6, 0.8, 0.9, 0.95, 0.99]) {
      const child = spawn(process.execPath, [bin, 'build', '--pipeline', 'pipelines/digest.json', '--quiet'], { cwd: dir, stdio: 'ignore' });
      const closed = new Promise((r) => child.on('close', r));
      await new Promise((r) => setTimeout(r, Math.floor(duration * fraction)));
      child.kill('SIGKILL');
      await closed;
      for (const [rel, content] of tree(join(dir, 'out'))) {
        const ok = content === old.get(rel) || content === fresh.get(rel);
        expect(ok, `${rel} after a kill at ${Math.round(fraction * 100)} % is neither the old nor the new version`).toBe(true);
      }
    }
    const next = build(dir, '--quiet');
    expect(next.status, next.stderr).toBe(0);
    const after = tree(join(dir, 'out'));
    expect([...after.keys()]).toEqual([...fresh.keys()]);
    for (const [rel, content] of fresh) expect(after.get(rel), rel).toBe(content);
    expect(existsSync(join(dir, 'out', '.staging'))).toBe(false);
    // (Nine builds of 150 inputs, six of them killed part-way: ~70 s alone.)
  }, 900_000);
});
