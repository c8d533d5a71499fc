import { execFileSync } from 'node:child_process';
import { createHash, Hash } from 'node:crypto';
import * as fs from 'node:fs';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { describe, expect, it, vi } from 'vitest';
import { main, type Io } from '../../src/cli/main.js';
import { checkUniqueKeys, DataFileChangedError } from '../../src/core/data.js';
import { ConfigError } from '../../src/core/errors.js';
import { shippedPipelineHashes } from '../../src/generated/verified-data.js';
import { indexRules } from '../../src/core/rules.js';
import { ingestDetailed } from '../../src/ingest.js';
import { savedSinceLoad } from '../../src/core/pipeline.js';
import { loadPipeline } from '../../src/pipeline.js';
import { ruleTables } from '../../src/rules.js';
import { documentStages } from '../../src/stages/index.js';
import { repo } from '../helpers.js';

type Raw = Record<string, unknown> & { stages: { use: string; options?: Record<string, unknown> }[]; rules?: Record<string, string> };

/** A copy of the shipped pipelines/ folder (pipeline and data) in a fresh folder, edited by `edit`. */
function project(edit: (raw: Raw, dir: string) => void = () => undefined): string {
  const dir = mkdtempSync(join(tmpdir(), 'house-'));
  cpSync(repo('pipelines'), join(dir, 'pipelines'), { recursive: true });
  const file = join(dir, 'pipelines', 'digest.json');
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Raw;
  edit(raw, dir);
  writeFileSync(file, JSON.stringify(raw, null, 2));
  return file;
}

const loadError = (file: string): string => {
  try {
    loadPipeline(file);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('loaded');
};

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: Io = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), stdin: async () => new Uint8Array(0), stderrIsTTY: false };
  return { code: await main(args, io), stdout, stderr };
}

describe('two pipelines with different lexicons in one process', () => {
  it('each gives its own entities (the matcher belongs to the loaded data, not the process)', async () => {
    const text = '2025年3月干细胞治疗类风湿关节炎最新临床进展\n3月5日,某团队报告了类风湿关节炎患者的结果。\n';
    const full = project();
    const bare = project((raw, dir) => {
      const lexicon = JSON.parse(readFileSync(join(dir, 'pipelines', 'data', 'lexicon.json'), 'utf8'));
      lexicon.concepts = lexicon.concepts.filter((c: { id: string }) => c.id !== 'disease:rheumatoid-arthritis');
      writeFileSync(join(dir, 'pipelines', 'data', 'lexicon.json'), JSON.stringify(lexicon));
    });
    const ids = async (file: string) => (await ingestDetailed({ text, name: 'x.txt' }, { pipeline: loadPipeline(file) })).record.entities.map((e) => e.id);
    expect(await ids(full)).toContain('disease:rheumatoid-arthritis');
    expect(await ids(bare)).not.toContain('disease:rheumatoid-arthritis');
    expect(await ids(full)).toContain('disease:rheumatoid-arthritis');
  });
});

describe('failure is governed by severity (vfile: fatal messages make an input fail)', () => {
  const page = () => {
    const dir = mkdtempSync(join(tmpdir(), 'chrome-'));
    writeFileSync(join(dir, 'chrome.html'), '<html><body><nav>首页 关于我们</nav><footer>版权所有</footer></body></html>');
    return join(dir, 'chrome.html');
  };

  it('by default body-empty is an error: exit 1, no record, the error printed', async () => {
    const r = await cli(['ingest', page(), '--pipeline', project(), '--stdout']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/error: no article text found in the page \[body-empty\]/);
  });

  it('set to "warning": exit 0, the record printed, the warning printed', async () => {
    const r = await cli(['ingest', page(), '--pipeline', project((raw) => void (raw.rules = { 'body-empty': 'warning' })), '--stdout']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).diagnostics.find((d: { rule: string }) => d.rule === 'body-empty')).toMatchObject({ severity: 'warning' });
    expect(r.stderr).toMatch(/warning: no article text found in the page \[body-empty\]/);
  });

  it('set to "off": exit 0, the record printed, nothing said about it (it used to fail with exit 1 and print nothing)', async () => {
    const r = await cli(['ingest', page(), '--pipeline', project((raw) => void (raw.rules = { 'body-empty': 'off' })), '--stdout']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).diagnostics.map((d: { rule: string }) => d.rule)).not.toContain('body-empty');
    expect(r.stderr).not.toContain('body-empty');
  });

  it.each(['off', 'warning', 'info'])('a fatal rule cannot be set to %s: the loader says so with the pointer', (setting) => {
    const file = project((raw) => void (raw.rules = { 'input-unreadable': setting }));
    expect(loadError(file)).toMatch(new RegExp(`/rules/input-unreadable: "input-unreadable" stops processing the input .* cannot be set to "${setting}"`));
  });

  it('an unknown rule is a pipeline error naming its pointer', () => {
    expect(loadError(project((raw) => void (raw.rules = { 'no-such-rule': 'off' })))).toContain('/rules/no-such-rule: no stage of this pipeline reports that rule');
  });

  it('a fatal diagnostic stops the stages and marks itself; input-unreadable is a declared rule', async () => {
    const { record, ok, doc } = await ingestDetailed({ path: join(tmpdir(), 'no-such-input.txt') }, { pipeline: loadPipeline(project()) });
    expect(ok).toBe(false);
    expect(doc.failed).toBe(true);
    expect(record.diagnostics).toEqual([expect.objectContaining({ rule: 'input-unreadable', severity: 'error', fatal: true, source: 'read' })]);
  });
});

describe('one registry of every rule', () => {
  it('declares each rule once (shared definitions aside), with a description and an example', () => {
    const index = indexRules(ruleTables);
    expect(index.size).toBeGreaterThan(40);
    for (const { id, definition } of index.values()) {
      expect(definition.description.length, id).toBeGreaterThan(20);
      expect(definition.example.length, id).toBeGreaterThan(2);
      if (definition.fatal) expect(definition.severity, id).toBe('error');
    }
  });

  it('every rule reported anywhere in src/ is declared (the dataset side too, in its table)', () => {
    const index = indexRules(ruleTables);
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? (n === 'generated' ? [] : walk(join(dir, n))) : n.endsWith('.ts') ? [join(dir, n)] : []));
    const used = new Set<string>();
    for (const file of walk(repo('src'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/report\('([a-z][a-z0-9-]*)'|rule: '([a-z][a-z0-9-]*)'/g)) used.add((m[1] ?? m[2])!);
    }
    expect([...used].filter((id) => !index.has(id))).toEqual([]);
  });
});

describe('options are checked by the pipeline schema: ranges and enums, with the pointer', () => {
  it.each([
    ['read', 'maxBytes', -1, 'must be >= 1'],
    ['read', 'maxBytes', 1.5, 'must be integer'],
    ['read', 'fallbackEncoding', 'klingon', 'must be equal to one of the allowed values'],
    ['parse', 'format', 'pdf', 'must be equal to one of the allowed values'],
    ['parse', 'maxBlockLength', 0, 'must be >= 1'],
    ['references', 'maxReferences', -5, 'must be >= 1'],
    ['language', 'hanShare', 2, 'must be <= 1'],
  ])('%s.%s = %j', (use, option, value, message) => {
    const file = project((raw) => {
      const stage = raw.stages.find((s) => s.use === use)!;
      stage.options = { ...(stage.options ?? {}), [option]: value };
    });
    const index = JSON.parse(readFileSync(file, 'utf8')).stages.findIndex((s: { use: string }) => s.use === use);
    expect(loadError(file)).toContain(`at /stages/${index}/options/${option}: ${message}`);
  });

  it('an unknown option names the stage and its known options', () => {
    const file = project((raw) => void (raw.stages[1]!.options = { frobnicate: true }));
    expect(loadError(file)).toContain('/stages/1/options/frobnicate: unknown option of stage "parse" (known: format, maxBlocks, maxBlockLength, maxHtmlDepth)');
  });

  it('a renamed option says what to write instead (parse.maxLineLength → maxBlockLength)', () => {
    const file = project((raw) => void (raw.stages[1]!.options = { maxLineLength: 5000 }));
    expect(loadError(file)).toContain('/stages/1/options/maxLineLength: option "maxLineLength" of stage "parse" is no longer supported: it was renamed "maxBlockLength"');
  });

  it('every fallbackEncoding the schema allows is one TextDecoder knows', () => {
    const schema = JSON.parse(readFileSync(repo('schemas/pipeline.schema.json'), 'utf8'));
    for (const label of schema.$defs.ReadOptions.properties.fallbackEncoding.enum as string[]) expect(new TextDecoder(label).encoding).toBe(label);
  });

  it('every option of every stage has a range or an enum, and a default', () => {
    const schema = JSON.parse(readFileSync(repo('schemas/pipeline.schema.json'), 'utf8'));
    const bounded = (p: Record<string, unknown>): boolean => {
      if ('enum' in p || 'const' in p || p.type === 'boolean' || '$ref' in p) return true;
      if (p.type === 'integer' || p.type === 'number') return 'minimum' in p && 'maximum' in p;
      if (p.type === 'string') return 'maxLength' in p;
      if (p.type === 'array') return 'maxItems' in p && bounded(p.items as Record<string, unknown>);
      if (p.type === 'object') return 'maxProperties' in p && bounded(p.additionalProperties as Record<string, unknown>);
      return false;
    };
    for (const name of Object.keys(documentStages)) {
      const options = schema.$defs[`${name[0]!.toUpperCase()}${name.slice(1)}Options`];
      expect(options, name).toBeDefined();
      for (const [key, property] of Object.entries(options.properties as Record<string, Record<string, unknown>>)) {
        expect(bounded(property), `${name}.${key}`).toBe(true);
        expect('default' in property, `${name}.${key}`).toBe(true);
      }
    }
  });
});

describe('stage order is checked', () => {
  it.each([
    [['write', 'read', 'read'], '/stages/0: write runs over the whole set after every per-document stage, so it must be the last stage'],
    [['read', 'read'], '/stages/1: stage "read" appears twice (first at /stages/0)'],
    [['read', 'parse', 'link', 'segment'], '/stages/2: stage "link" needs items, itemBlocks, pageKind, citationMarkers, issueLines, references from an earlier stage'],
    [['parse', 'read'], '/stages/0: stage "parse" needs text from an earlier stage (read); put it after it'],
  ])('%j', (uses, message) => {
    const file = project((raw) => void (raw.stages = uses.map((use) => ({ use }))));
    expect(loadError(file)).toContain(message);
  });

  it('the shipped pipelines are in order', () => {
    expect(() => loadPipeline(repo('pipelines/digest.json'))).not.toThrow();
    expect(() => loadPipeline(repo('pipelines/digest-models.json'))).not.toThrow();
  });
});

describe('data files: regular files under the pipeline folder, bounded, audited, never echoed', () => {
  it.each([
    ['/etc/passwd', 'is outside the pipeline\'s folder'],
    ['/dev/zero', 'is outside the pipeline\'s folder'],
  ])('%s as the lexicon is refused', (path, message) => {
    const file = project((raw) => void ((raw.data as Record<string, string>).lexicon = path));
    expect(loadError(file)).toContain(`/data/lexicon: ${path} ${message}`);
  });

  it('with allowOutsideFolder, /dev/zero is refused before any read (not a regular file), /etc/passwd without echoing it', () => {
    const zero = project((raw) => void (raw.data = { ...(raw.data as object), lexicon: '/dev/zero', allowOutsideFolder: true }));
    expect(loadError(zero)).toBe('/dev/zero: not a regular file');
    const passwd = project((raw) => void (raw.data = { ...(raw.data as object), lexicon: '/etc/passwd', allowOutsideFolder: true }));
    const message = loadError(passwd);
    expect(message).toMatch(/^\/etc\/passwd:1:\d+: not valid JSON \(\w+\)$/);
    expect(message).not.toContain('root');
  });

  it('a link from the pipeline folder to a file outside it is outside', () => {
    const file = project((raw, dir) => {
      symlinkSync('/etc/hostname', join(dir, 'pipelines', 'data', 'outside.json'));
      (raw.data as Record<string, string>).lexicon = 'data/outside.json';
    });
    expect(loadError(file)).toContain('/data/lexicon:');
  });

  it('a FIFO is refused without blocking', () => {
    const file = project((raw, dir) => {
      execFileSync('mkfifo', [join(dir, 'pipelines', 'data', 'fifo.json')]);
      (raw.data as Record<string, string>).journals = 'data/fifo.json';
    });
    expect(loadError(file)).toMatch(/fifo\.json: not a regular file$/);
  });

  it('a user lexicon pattern that backtracks catastrophically is refused at load with its pointer', () => {
    let index = -1;
    const file = project((_raw, dir) => {
      const path = join(dir, 'pipelines', 'data', 'lexicon.json');
      const lexicon = JSON.parse(readFileSync(path, 'utf8'));
      index = lexicon.patterns.length;
      lexicon.patterns.push({ name: 'evil', type: 'other', pattern: '(?:a|a)+b', idPrefix: 'other:', labelCase: 'keep' });
      writeFileSync(path, JSON.stringify(lexicon));
    });
    expect(loadError(file)).toContain(`lexicon.json: /patterns/${index}/pattern: this pattern can take exponential time on hostile text`);
  });

  it('a polynomial structure pattern is refused the same way', () => {
    const file = project((_raw, dir) => {
      const path = join(dir, 'pipelines', 'data', 'structure.json');
      const structure = JSON.parse(readFileSync(path, 'utf8'));
      structure.referenceHeadings = ['^参考\\s*[:：]?\\s*$'];
      writeFileSync(path, JSON.stringify(structure));
    });
    expect(loadError(file)).toMatch(/structure\.json: \/referenceHeadings\/0: this pattern can take polynomial time/);
  });

  it('a data file over the size bound is refused before it is read', () => {
    const file = project((_raw, dir) => {
      const path = join(dir, 'pipelines', 'data', 'html.json');
      writeFileSync(path, ' '.repeat(16 * 1024 * 1024 + 1));
    });
    expect(loadError(file)).toMatch(/html\.json: 16777217 bytes, over the limit of 16777216/);
  });

  it('data in a subfolder of the pipeline folder is fine', () => {
    const file = project((raw, dir) => {
      mkdirSync(join(dir, 'pipelines', 'data', 'mine'));
      cpSync(join(dir, 'pipelines', 'data', 'html.json'), join(dir, 'pipelines', 'data', 'mine', 'html.json'));
      (raw.data as Record<string, string>).html = 'data/mine/html.json';
    });
    expect(() => loadPipeline(file)).not.toThrow();
  });
});

describe('pipeline files: the remaining ways to be wrong, and what is left out', () => {
  it('an option given to a stage that takes none; an unknown option of write', () => {
    const none = project((raw) => void (raw.stages.find((s) => s.use === 'segment')!.options = { depth: 3 }));
    expect(loadError(none)).toMatch(/\/stages\/\d+\/options\/depth: unknown option of stage "segment" \(it takes none\)$/);
    const write = project((raw) => void (raw.stages.find((s) => s.use === 'write')!.options = { pages: false }));
    expect(loadError(write)).toMatch(/\/stages\/\d+\/options\/pages: unknown option of stage "write" \(known: report\)$/);
  });

  it('a stage name the schema does not know, and a file that is no pipeline at all: the pointer and the schema named', () => {
    const unknown = project((raw) => void (raw.stages[0]!.use = 'frobnicate'));
    expect(loadError(unknown)).toContain('does not match schemas/pipeline.schema.json at /stages/0/use: ');
    const dir = mkdtempSync(join(tmpdir(), 'house-'));
    writeFileSync(join(dir, 'p.json'), '[1, 2]');
    expect(loadError(join(dir, 'p.json'))).toContain('does not match schemas/pipeline.schema.json at /: ');
  });

  it('a key written twice in an object is refused at the second, by line and column: JSON.parse would keep the last stages and lose the first silently', () => {
    const dir = mkdtempSync(join(tmpdir(), 'house-'));
    cpSync(repo('pipelines'), join(dir, 'pipelines'), { recursive: true });
    const file = join(dir, 'pipelines', 'digest.json');
    const shippedText = readFileSync(file, 'utf8');
    // Two edits run together: an earlier "stages" (a valid pipeline alone) before the file's own.
    const twice = shippedText.replace('"stages":', '"stages": [{ "use": "read" }],\n  "stages":');
    writeFileSync(file, twice);
    const before = twice.slice(0, twice.lastIndexOf('"stages":'));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    expect(loadError(file)).toBe(`${file}:${line}:${column}: the key "stages" is written twice in one object (JSON keeps the last: the first would be lost)`);
    // Within a stage's options too; keys of the same name in sibling objects are fine.
    writeFileSync(file, shippedText.replace('"fallbackEncoding": "gb18030",', '"fallbackEncoding": "big5", "fallbackEncoding": "gb18030",'));
    expect(loadError(file)).toMatch(/digest\.json:\d+:\d+: the key "fallbackEncoding" is written twice in one object/);
    writeFileSync(file, shippedText);
    expect(() => loadPipeline(file)).not.toThrow();
  });

  it('the shipped pipeline files are known by hash (run `npm run gen:types` after editing one), write no key twice, and their load never loads jsonc-parser for the check', () => {
    const names = readdirSync(repo('pipelines')).filter((name) => name.endsWith('.json'));
    const hashes = names.map((name) => createHash('sha256').update(readFileSync(repo(`pipelines/${name}`))).digest('hex'));
    expect([...shippedPipelineHashes].sort()).toEqual(hashes.sort());
    for (const name of names) expect(() => checkUniqueKeys(name, readFileSync(repo(`pipelines/${name}`), 'utf8')), name).not.toThrow();
    // A fresh process (this one has loaded jsonc-parser for the copies above): the built loader, the shipped pipeline, then a user's copy.
    const script = `
      import { createRequire } from 'node:module';
      import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
      import { tmpdir } from 'node:os';
      import { join } from 'node:path';
      const { loadPipeline } = await import(${JSON.stringify(repo('dist/src/pipeline.js'))});
      const loaded = () => Object.keys(createRequire(import.meta.url).cache).some((path) => path.includes('jsonc-parser'));
      loadPipeline(${JSON.stringify(repo('pipelines/digest.json'))});
      const shippedLoads = loaded();
      const dir = mkdtempSync(join(tmpdir(), 'house-'));
      cpSync(${JSON.stringify(repo('pipelines'))}, join(dir, 'pipelines'), { recursive: true });
      writeFileSync(join(dir, 'pipelines', 'digest.json'), readFileSync(join(dir, 'pipelines', 'digest.json'), 'utf8') + '\\n');
      loadPipeline(join(dir, 'pipelines', 'digest.json'));
      console.log(JSON.stringify([shippedLoads, loaded()]));
    `;
    // Neither: the check scans the text itself (checkUniqueKeys), and the shipped file is not even scanned.
    expect(JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }))).toEqual([false, false]);
  });

  it('what a pipeline file leaves out takes its default: inputs none, the usual extensions, out, the data beside it, no rules', () => {
    const file = project((raw) => {
      for (const key of ['inputs', 'extensions', 'out', 'data', 'rules']) delete raw[key];
    });
    const pipeline = loadPipeline(file);
    expect(pipeline).toMatchObject({ inputs: [], extensions: ['.txt', '.md', '.markdown', '.html', '.htm'], out: 'out' });
    expect(pipeline.data.journals.journals.length).toBeGreaterThan(0);
  });
});

describe('a stage that throws', () => {
  it('becomes a fatal stage-crashed error on that input naming the stage, and the stages after it do not run', async () => {
    const loaded = loadPipeline(repo('pipelines/digest.json'));
    const at = loaded.stages.findIndex((s) => s.definition.name === 'segment');
    const crashing = { ...loaded.stages[at]!, definition: { ...loaded.stages[at]!.definition, run: () => Promise.reject(new RangeError('boom')) } };
    const pipeline = { ...loaded, stages: [...loaded.stages.slice(0, at), crashing, ...loaded.stages.slice(at + 1)] };
    const { ok, record } = await ingestDetailed({ text: '2025年3月干细胞治疗进展\n3月5日,某团队报告了结果。\n', name: 'x.txt' }, { pipeline });
    expect(ok).toBe(false);
    expect(record.diagnostics.filter((d) => d.severity === 'error')).toEqual([
      expect.objectContaining({ rule: 'stage-crashed', source: 'segment', message: 'the segment stage failed on this input: boom', line: 1, column: 1 }),
    ]);
    expect(record.sections).toEqual([]);
    expect(record.entities).toEqual([]);
  });

  it('but a data file changed since the load is thrown on, as a load error (exit 2), not put on the input', async () => {
    const loaded = loadPipeline(repo('pipelines/digest.json'));
    const at = loaded.stages.findIndex((s) => s.definition.name === 'segment');
    const changed = new DataFileChangedError('/x/lexicon.json: changed since the pipeline was loaded');
    const crashing = { ...loaded.stages[at]!, definition: { ...loaded.stages[at]!.definition, run: () => Promise.reject(changed) } };
    const pipeline = { ...loaded, stages: [...loaded.stages.slice(0, at), crashing, ...loaded.stages.slice(at + 1)] };
    await expect(ingestDetailed({ text: '2025年3月干细胞治疗进展\n', name: 'x.txt' }, { pipeline })).rejects.toBe(changed);
  });
});

describe("the data files a start reads (issue 17: the structure lists', the lexicon's and the journal table's bytes read when asked)", () => {
  it("ingesting an article with the shipped pipeline reads no byte of structure.json or lexicon.json where the build keyed them (their forms serve), of journals.json only the entries it finds, and a build's fingerprint reads them", () => {
    // Which files the build keyed and are unchanged since (a file edited after the build is read: its key no longer names it).
    const keys = (JSON.parse(readFileSync(repo('dist/data/data-file-keys.json'), 'utf8')) as { files: number[][] }).files;
    const keyed = ['structure', 'lexicon', 'journals'].filter((name) => {
      const info = statSync(repo(`pipelines/data/${name}.json`));
      return keys.some(([dev, ino, size, mtimeMs, ctimeMs]) => dev === info.dev && ino === info.ino && size === info.size && mtimeMs === info.mtimeMs && ctimeMs === info.ctimeMs);
    });
    expect(keyed.length, 'the build keys the shipped data files: run npm run build').toBeGreaterThan(0);
    // A fresh process with node:fs's readSync watched (the built loader's named imports follow syncBuiltinESMExports).
    const script = `
      import fs from 'node:fs';
      import { syncBuiltinESMExports } from 'node:module';
      const paths = new Map();
      const read = new Set();
      const { openSync, readSync } = fs;
      fs.openSync = (path, ...rest) => { const fd = openSync(path, ...rest); paths.set(fd, String(path)); return fd; };
      const bytes = new Map();
      fs.readSync = (fd, ...rest) => { const path = paths.get(fd); read.add(path); const n = readSync(fd, ...rest); bytes.set(path, (bytes.get(path) ?? 0) + n); return n; };
      syncBuiltinESMExports();
      const { loadPipeline } = await import(${JSON.stringify(repo('dist/src/pipeline.js'))});
      const { ingestDetailed } = await import(${JSON.stringify(repo('dist/src/ingest.js'))});
      const pipeline = loadPipeline(${JSON.stringify(repo('pipelines/digest.json'))});
      const { ok } = await ingestDetailed({ text: fs.readFileSync(${JSON.stringify(repo('fixtures/articles/as-2025.txt'))}, 'utf8'), name: 'as-2025.txt' }, { pipeline });
      const names = () => [...read].filter((p) => p && p.includes('pipelines/data/')).map((p) => p.slice(p.lastIndexOf('/') + 1)).sort();
      const journalBytes = () => [...bytes].filter(([p]) => p && p.endsWith('pipelines/data/journals.json')).reduce((sum, [, n]) => sum + n, 0);
      const ingested = names();
      const journalsIngested = journalBytes();
      void pipeline.fingerprint;
      console.log(JSON.stringify({ ok, ingested, journalsIngested, fingerprinted: names(), journalsFingerprinted: journalBytes() }));
    `;
    const run = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) as { ok: boolean; ingested: string[]; journalsIngested: number; fingerprinted: string[]; journalsFingerprinted: number };
    expect(run.ok).toBe(true);
    for (const name of keyed.filter((name) => name !== 'journals')) expect(run.ingested, name).not.toContain(`${name}.json`);
    // as-2025 names one journal (Stem Cell Research & Therapy): its entry read alone, a few hundred bytes of the table's ~82 KB.
    const journalsSize = statSync(repo('pipelines/data/journals.json')).size;
    if (keyed.includes('journals')) expect(run.journalsIngested).toBeGreaterThan(0);
    if (keyed.includes('journals')) expect(run.journalsIngested).toBeLessThan(4096);
    else expect(run.journalsIngested).toBe(journalsSize);
    // The fingerprint reads the table whole (once: an unkeyed file was read whole at the load).
    expect(run.journalsFingerprinted).toBe(keyed.includes('journals') ? run.journalsIngested + journalsSize : journalsSize);
    expect(run.fingerprinted).toEqual(['facts.json', 'html.json', 'journals.json', 'lexicon.json', 'structure.json']);
  });
});

describe('the pipeline fingerprint (part of a build\'s cache keys)', () => {
  it("is the SHA-256 of the pipeline file's settings (but its data files' paths, $schema, description and out) and its data files in the order they are named, as read when the pipeline was loaded", () => {
    // Hashed on first use (only a build reads it: issue 17, start-up), from the texts read at load:
    // a data file changed after loading changes neither the data loaded nor the fingerprint.
    const file = project();
    const data = join(file, '..', 'data');
    const { $schema, description, out, data: named, ...settings } = JSON.parse(readFileSync(file, 'utf8')) as Raw;
    expect([$schema, description, out, named].every((value) => value !== undefined), 'the shipped pipeline names all four').toBe(true);
    const expected = createHash('sha256').update(JSON.stringify(settings));
    for (const name of ['journals', 'structure', 'html', 'lexicon', 'facts']) expected.update(readFileSync(join(data, `${name}.json`), 'utf8'));
    const pipeline = loadPipeline(file);
    const lexicon = join(data, 'lexicon.json');
    writeFileSync(lexicon, readFileSync(lexicon, 'utf8').replace('"ankylosing spondylitis"', '"changed after loading"'));
    expect(pipeline.fingerprint).toBe(expected.digest('hex'));
    expect(pipeline.fingerprint, 'the same string each time').toBe(pipeline.fingerprint);
    const changed = (p: typeof pipeline) => p.data.lexicon.concepts.some((c) => c.label === 'changed after loading');
    expect(changed(pipeline)).toBe(false);
    const after = loadPipeline(file);
    expect(changed(after)).toBe(true);
    expect(after.fingerprint, 'a pipeline loaded after the change has its own').not.toBe(pipeline.fingerprint);
  });

  it('is the same for a pipeline naming the same data files by other paths (a project moved, the package installed elsewhere), with another $schema, description or out; not for another setting or data file', () => {
    // `digest init` names the package's data files relative to the new file: a project moved, or
    // the package, wrote another text with the same data, and every input was ingested again.
    const file = project();
    const fingerprint = loadPipeline(file).fingerprint;
    const moved = project((raw, dir) => {
      raw.$schema = join(dir, 'elsewhere', 'pipeline.schema.json');
      raw.description = 'moved';
      raw.out = join(dir, 'elsewhere', 'out');
      raw.data = Object.fromEntries(Object.entries(raw.data as Record<string, string>).map(([key, path]) => [key, join(dir, 'pipelines', path)]));
    });
    expect(loadPipeline(moved).fingerprint).toBe(fingerprint);
    const option = project((raw) => {
      raw.stages.find((stage) => stage.use === 'read')!.options!.maxBytes = 1 << 20;
    });
    expect(loadPipeline(option).fingerprint, 'a stage option').not.toBe(fingerprint);
    const lexicon = project((_, dir) => {
      const path = join(dir, 'pipelines', 'data', 'lexicon.json');
      writeFileSync(path, readFileSync(path, 'utf8').replace('"ankylosing spondylitis"', '"another spondylitis"'));
    });
    expect(loadPipeline(lexicon).fingerprint, "a data file's bytes").not.toBe(fingerprint);
  });

  it('loading a pipeline hashes each data file from its bytes as read: no text is encoded again to be hashed', () => {
    // Hashing a decoded two-byte text made V8 encode it to UTF-8 first: ~1 ms of every start (issue 17).
    const file = project();
    const update = vi.spyOn(Hash.prototype, 'update');
    try {
      const pipeline = loadPipeline(file);
      expect(pipeline.data.lexicon.concepts.length).toBeGreaterThan(0);
      const hashed = update.mock.calls.map(([data]) => (typeof data === 'string' ? 'text' : 'bytes'));
      // The pipeline file's own (known to write no key twice?), then the five data files'.
      expect(hashed).toEqual(['bytes', 'bytes', 'bytes', 'bytes', 'bytes', 'bytes']);
    } finally {
      update.mockRestore();
    }
  });

  it('a pipeline of the shipped journal table neither decodes nor parses it whole: a journal is parsed when a name of it is found', () => {
    // journals.json parsed whole was ~6 M instructions of every one-article ingest (issue 17: start-up).
    const file = project();
    const journalsText = readFileSync(join(file, '..', 'data', 'journals.json'), 'utf8');
    const parse = vi.spyOn(JSON, 'parse');
    try {
      const pipeline = loadPipeline(file);
      const lancet = pipeline.data.journals.find('the lancet');
      expect(lancet?.name).toBe('The Lancet');
      expect(pipeline.data.journals.find('The Lancet'), 'one object a journal').toBe(lancet);
      const parsed = parse.mock.calls.map(([text]) => String(text));
      expect(parsed.filter((text) => text.includes('"journals"') && text.includes('"cues"'))).toEqual([]);
      expect(parsed.filter((text) => text.includes('"The Lancet"'))).toHaveLength(1);
      // The whole table, when asked for, is the file's.
      expect(pipeline.data.journals.journals).toEqual((JSON.parse(journalsText) as { journals: unknown[] }).journals);
    } finally {
      parse.mockRestore();
    }
  });

  it('loading a pipeline resolves the folders its data files may sit under once, and each data file once', () => {
    // Resolved by the C library (realpathSync.native): Node's realpathSync walked each path in
    // JavaScript, 15 times a start (issue 17: start-up).
    const file = project();
    const native = vi.spyOn(fs.realpathSync, 'native');
    try {
      loadPipeline(file);
      const data = join(file, '..', 'data');
      expect(native.mock.calls.map(([path]) => path)).toEqual([join(file, '..'), repo('pipelines'), ...['journals', 'structure', 'html', 'lexicon', 'facts'].map((name) => join(data, `${name}.json`))]);
    } finally {
      native.mockRestore();
    }
  });

  it('holds each data file once: read, fingerprinted and loaded, no data file\'s decoded text stays live beside its bytes', async () => {
    // Change 141 kept each file's bytes and its text decoded at first read, both for the pipeline's
    // life: +3 KB an input of `--ci`'s held memory (keptKb 24 → 28 KB at 120 articles).
    const pipeline = loadPipeline(repo('pipelines/digest.json'));
    expect(pipeline.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    await ingestDetailed({ path: repo('fixtures/articles/as-2025.txt') }, { pipeline });
    const snapshot = join(mkdtempSync(join(tmpdir(), 'held-')), 'data.heapsnapshot');
    writeHeapSnapshot(snapshot);
    const text = readFileSync(snapshot, 'utf8');
    // Each file's opening lines, as a snapshot writes a string: a parsed value holds no such string.
    for (const name of ['lexicon', 'structure', 'journals']) {
      const opening = JSON.stringify(`{\n${readFileSync(repo(`pipelines/data/${name}.json`)).subarray(2, 60).toString('latin1')}`).slice(1, -1);
      expect(text.includes(opening), name).toBe(false);
    }
    expect(pipeline.data.lexicon.concepts.length, 'the pipeline is still live').toBeGreaterThan(100);
  });
});

describe("a pipeline file saved after its load (a build's last check before its commit: savedSinceLoad)", () => {
  /** The shipped pipeline copied and loaded, then its file saved as `edit` makes it (the parsed file, or text): what the check names, as a path relative to the copy. */
  const afterSave = (edit: (raw: Raw, text: string, dir: string) => Raw | string): string | undefined => {
    const file = project();
    const dir = join(file, '..', '..');
    const pipeline = loadPipeline(file);
    const text = readFileSync(file, 'utf8');
    const saved = edit(JSON.parse(text) as Raw, text, dir);
    writeFileSync(file, typeof saved === 'string' ? saved : JSON.stringify(saved, null, 2));
    const named = savedSinceLoad(pipeline)?.file;
    return named === undefined ? undefined : relative(dir, named);
  };

  it('a save that changes nothing a build depends on — its whitespace, $schema, description, out, a data file named by another path to it — is not a change (was: the pipeline file named, the build stopped)', () => {
    // The records and their cache keys are those of the file as saved (its fingerprint is the same), and a worker loading it then finds the build's.
    expect(afterSave((raw) => JSON.stringify(raw, null, 4))).toBeUndefined();
    expect(afterSave((_, text) => `${text}\n\n`)).toBeUndefined();
    expect(afterSave((raw) => ({ ...raw, description: 'said otherwise' }))).toBeUndefined();
    expect(afterSave((raw, _, dir) => ({ ...raw, $schema: join(dir, 'elsewhere.schema.json'), out: 'another-out' }))).toBeUndefined();
    expect(afterSave((raw, _, dir) => ({ ...raw, data: { ...(raw.data as object), lexicon: join(dir, 'pipelines', 'data', '.', 'lexicon.json') } }))).toBeUndefined();
  });

  it('a save of another setting, another data file (the same bytes), or a file no load would take is the pipeline file changed', () => {
    const pipelineFile = join('pipelines', 'digest.json');
    expect(afterSave((raw) => {
      raw.stages.find((stage) => stage.use === 'read')!.options!.maxBytes = 1 << 20;
      return raw;
    })).toBe(pipelineFile);
    expect(afterSave((raw) => ({ ...raw, name: 'renamed' }))).toBe(pipelineFile);
    expect(afterSave((raw, _, dir) => {
      cpSync(join(dir, 'pipelines', 'data', 'lexicon.json'), join(dir, 'pipelines', 'data', 'lexicon-copy.json'));
      return { ...raw, data: { ...(raw.data as object), lexicon: 'data/lexicon-copy.json' } };
    })).toBe(pipelineFile);
    expect(afterSave((_, text) => text.slice(0, -3)), 'not JSON').toBe(pipelineFile);
    expect(afterSave((_, text) => text.replace('{', '{\n  "name": "first",')), 'a key written twice').toBe(pipelineFile);
    expect(afterSave((raw) => ({ ...raw, description: 17 })), 'not valid against the schema').toBe(pipelineFile);
    expect(afterSave(() => ''), 'emptied').toBe(pipelineFile);
  });

  it('a data file saved with other bytes, whitespace alone, is named (its bytes are its cache key); the same bytes saved again are not', () => {
    const lexicon = join('pipelines', 'data', 'lexicon.json');
    expect(afterSave((raw, _, dir) => {
      const path = join(dir, lexicon);
      writeFileSync(path, `${readFileSync(path, 'utf8')} `);
      return raw;
    })).toBe(lexicon);
    expect(afterSave((raw, _, dir) => {
      const path = join(dir, lexicon);
      writeFileSync(path, readFileSync(path));
      return JSON.stringify(raw, null, 2);
    })).toBeUndefined();
  });
});
