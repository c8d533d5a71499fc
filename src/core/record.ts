import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import type { ArticleRecord } from '../generated/article.js';
import { finishDiagnostics } from './diagnostic.js';
import type { DigestDocument } from './document.js';
import { rangedPattern } from './property-ranges.js';
import { slugify } from './text.js';

/** The version of schemas/article.schema.json that records carry. */
export const SCHEMA_VERSION = '1.2.0' as const;

/** Hex SHA-256 of bytes. */
export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * A record id from the input's file name ("fixtures/articles/ra-2025.txt" → "ra-2025"):
 * stable across runs, lower-case ASCII, safe as a file name. Inputs without a usable name
 * get "article-" and the first 12 hex digits of their SHA-256.
 */
export function recordId(name: string | null, bytes: Uint8Array): string {
  return nameId(name) ?? `article-${sha256(bytes).slice(0, 12)}`;
}

/** Han characters (simplified or traditional): a file name with any is spelled in pinyin for its id. */
// (Ranges, not ICU's set: src/core/property-ranges.ts.)
const HAN = rangedPattern(() => /\p{Script=Han}/u);

type PinyinFunction = (text: string, options: Record<string, unknown>) => string[];
let pinyinOf: PinyinFunction | null = null;

/**
 * A name's Han characters in toneless pinyin, one syllable a word, the rest as it is
 * ("类风湿关节炎-2025" → "lei feng shi guan jie yan -2025"). pinyin-pro reads words, so a
 * character with two readings gets the one its word needs (重庆 chong qing, 重要 zhong yao), and
 * ü is written v (绿 lv) so that it survives slugging. Loaded on the first Han name only (its
 * dictionary costs ~100 ms), synchronously through its CommonJS build.
 */
function spellPinyin(text: string): string {
  pinyinOf ??= (createRequire(import.meta.url)('pinyin-pro') as { pinyin: PinyinFunction }).pinyin;
  return pinyinOf(text, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true }).join(' ');
}

/**
 * The id a file name gives, or null when the name has no usable letters or digits. A Chinese
 * name is read in pinyin ("类风湿关节炎-2025.txt" → "lei-feng-shi-guan-jie-yan-2025"), so the
 * id is readable and two names differ wherever their words do.
 */
export function nameId(name: string | null): string | null {
  const stem = name ? basename(name).replace(/\.(?:txt|md|markdown|html?|xhtml|text)$/i, '') : '';
  const slug = slugify(HAN().test(stem) ? spellPinyin(stem) : stem, 80);
  return /^[a-z0-9]/.test(slug) ? slug : null;
}

/** The record's journal mentions with their positions: a loop, not a `map` callback over the document made per record, which V8 optimised again after every full collection (BENCHMARKS.md, changes 59 and 64). */
function journalsOf(doc: DigestDocument): NonNullable<ArticleRecord['journals']> {
  const out: NonNullable<ArticleRecord['journals']> = [];
  const mentions = doc.journalMentions;
  for (let k = 0; k < mentions.length; k++) {
    const j = mentions[k]!;
    out.push({ text: j.text, name: j.name, kind: j.kind, position: doc.lines.range(j.start, j.end) });
  }
  return out;
}

/** Each document's input hash, by the bytes it was made of: a record assembled again (a stage ran after validate) does not hash the input again. */
const inputHashes = new WeakMap<DigestDocument, { bytes: Uint8Array; sha256: string }>();

/** The SHA-256 of a document's input bytes, computed once per document. */
function inputHash(doc: DigestDocument): string {
  const known = inputHashes.get(doc);
  if (known !== undefined && known.bytes === doc.bytes) return known.sha256;
  const hash = sha256(doc.bytes);
  inputHashes.set(doc, { bytes: doc.bytes, sha256: hash });
  return hash;
}

/** Assembles the record of a document, in schema order. */
export function toRecord(doc: DigestDocument, id: string): ArticleRecord {
  const source: ArticleRecord['source'] = {
    path: doc.path,
    sha256: inputHash(doc),
    format: doc.format,
    encoding: doc.encoding,
    bytes: doc.bytes.length,
  };
  if (doc.variant) source.variant = doc.variant;
  return {
    schemaVersion: SCHEMA_VERSION,
    id,
    source,
    language: doc.language,
    script: doc.script,
    title: doc.title,
    titleEn: doc.titleEn,
    topic: doc.topic,
    kind: doc.kind,
    period: doc.period,
    pageDate: doc.pageDate,
    missingMonths: doc.missingMonths,
    outOfOrderMonths: doc.outOfOrderMonths,
    sections: doc.sections,
    references: doc.references,
    journals: journalsOf(doc),
    citations: doc.citations,
    entities: doc.entities,
    boilerplate: doc.boilerplate,
    diagnostics: finishDiagnostics(doc.diagnostics),
  };
}

/** Assembles a document's record for the validate stage, and keeps it: the record validated is the record {@link recordOf} gives. */
export function assembleRecord(doc: DigestDocument): ArticleRecord {
  const record = toRecord(doc, doc.id);
  doc.assembled = { record, stagesRun: doc.stagesRun, diagnostics: doc.diagnostics.length };
  return record;
}

/**
 * The record of a document whose stages have run: the very record the validate stage assembled
 * when no stage has started since (issue 17: it was assembled twice), its diagnostics made again
 * if any were reported after it was assembled (validation's own, a crash); else assembled now.
 */
export function recordOf(doc: DigestDocument, id: string): ArticleRecord {
  const known = doc.assembled;
  if (known === null || known.stagesRun !== doc.stagesRun || known.record.id !== id) return toRecord(doc, id);
  // Diagnostics are only ever added: the same number, the same list.
  if (known.diagnostics !== doc.diagnostics.length) known.record.diagnostics = finishDiagnostics(doc.diagnostics);
  return known.record;
}
