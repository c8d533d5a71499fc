// A synthetic corpus made from the fixtures at run time (never committed): varied years,
// diseases, markup, encodings and lengths. Used by `npm run bench` and the CI bench check.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';

const root = fileURLToPath(new URL('..', import.meta.url));
const diseases = [
  ['类风湿关节炎', '强直性脊柱炎'],
  ['骨关节炎', '系统性红斑狼疮'],
  ['肝硬化', '糖尿病'],
  ['克罗恩病', '干燥综合征'],
];
const encodingOf = { 'as-2025-gbk.txt': 'gbk', 'ra-2025-utf16.txt': 'utf16le', 'ra-2025-hant-big5.txt': 'big5' };
const fixtures = readdirSync(join(root, 'fixtures', 'articles')).filter((f) => /\.(txt|md|html)$/.test(f)).sort();

function decodeFixture(name) {
  const bytes = readFileSync(join(root, 'fixtures', 'articles', name));
  const encoding = encodingOf[name] ?? 'utf8';
  return { encoding, text: encoding === 'utf8' ? bytes.toString('utf8') : iconv.decode(bytes, encoding) };
}

function encode(text, encoding) {
  if (encoding === 'utf8') return Buffer.from(text);
  if (encoding === 'utf16le') return Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf16le')]);
  return iconv.encode(text, encoding);
}

/**
 * Article `i` of the corpus: fixture i mod 9 with its year and disease changed; every tenth is
 * three times as long (20 more paragraphs before the references), as real digests vary.
 */
export function article(i, { repeat = i % 10 === 0 ? 2 : 0 } = {}) {
  const name = fixtures[i % fixtures.length];
  let { text, encoding } = decodeFixture(name);
  const year = 2015 + (i % 11);
  const [from, to] = diseases[i % diseases.length];
  text = text.replaceAll('2025', String(year)).replaceAll(from, to);
  if (repeat > 0) {
    const marker = /(参考资料|參考資料|## 参考资料)/.exec(text);
    if (marker) {
      const before = text.slice(0, marker.index);
      const extra = before.split('\n').slice(-20).join('\n');
      text = `${before}${`${extra}\n`.repeat(repeat)}${text.slice(marker.index)}`;
    }
  }
  return { name: `${String(i).padStart(5, '0')}-${name}`, bytes: encode(text, encoding) };
}

/** Writes articles 0..n-1 into `dir`; returns the total bytes. */
export function makeCorpus(dir, n) {
  mkdirSync(dir, { recursive: true });
  let total = 0;
  for (let i = 0; i < n; i++) {
    const { name, bytes } = article(i);
    writeFileSync(join(dir, name), bytes);
    total += bytes.length;
  }
  return total;
}

/** A pipeline file for `corpus` writing into `out`, with the package's data files. */
export function corpusPipeline(file, corpus, out) {
  const pipeline = JSON.parse(readFileSync(join(root, 'pipelines', 'digest.json'), 'utf8'));
  pipeline.inputs = [corpus];
  pipeline.out = out;
  pipeline.data = Object.fromEntries(Object.entries(pipeline.data).map(([k, v]) => [k, join(root, 'pipelines', v)]));
  delete pipeline.$schema;
  writeFileSync(file, JSON.stringify(pipeline));
}
