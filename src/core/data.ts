import { readFileSync } from 'node:fs';
import type { HtmlData } from '../generated/html.js';
import type { Lexicon } from '../generated/lexicon.js';
import type { JournalTable } from '../generated/journals.js';
import type { StructureData } from '../generated/structure.js';
import { validatorFor } from './schemas.js';
import { ConfigError } from './errors.js';

/** A journal from the journal table. */
export type Journal = JournalTable['journals'][number];

/** Structure patterns, compiled. */
export interface CompiledStructure {
  maxHeadingLength: number;
  monthHeadings: RegExp[];
  rangeHeadings: RegExp[];
  yearHeadings: RegExp[];
  outlineHeadings: RegExp[];
  /** Section keywords: Latin ones as anchored word patterns, Chinese ones as substrings. */
  sectionKeywords: Record<'summary' | 'outlook' | 'conclusion', (RegExp | string)[]>;
  referenceHeadings: RegExp[];
  boilerplate: Record<'disclaimer' | 'qr-code' | 'other', RegExp[]>;
  itemDates: RegExp[];
  undatedItemStarts: RegExp[];
  english: StructureData['english'];
}

/** Looks journals up by any of their names, ignoring case, spacing, dots and `&`/`and`. */
export class JournalIndex {
  private readonly byKey = new Map<string, Journal>();
  private bare: { journal: Journal; pattern: RegExp }[] | null = null;

  constructor(readonly journals: readonly Journal[]) {
    for (const journal of journals) {
      for (const name of [journal.name, journal.abbreviation, ...journal.aliases]) {
        const key = JournalIndex.key(name);
        if (!this.byKey.has(key)) this.byKey.set(key, journal);
      }
    }
  }

  /**
   * Latin names of at least 4 characters, as whole-word patterns (for names written bare in
   * prose). Built on first use: a command that links no journal (`digest text`) does not pay for them.
   */
  get bareNames(): readonly { journal: Journal; pattern: RegExp }[] {
    if (this.bare === null) {
      this.bare = [];
      for (const journal of this.journals) {
        for (const name of [journal.name, journal.abbreviation]) {
          if (name.length >= 4) this.bare.push({ journal, pattern: new RegExp(`(?<![\\p{L}])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'u') });
        }
      }
    }
    return this.bare;
  }

  /** The comparison key of a journal name. */
  static key(name: string): string {
    return name
      .normalize('NFKC')
      .toLowerCase()
      .replace(/^the\s+/, '')
      .replace(/&/g, ' and ')
      .replace(/[\s.,:;'"’()（）:：、\-–—]+/g, '');
  }

  /** The journal with this name, if known. */
  find(name: string): Journal | undefined {
    return this.byKey.get(JournalIndex.key(name));
  }
}

/** The domain data every stage can read. */
export interface PipelineData {
  structure: CompiledStructure;
  journals: JournalIndex;
  html: HtmlData;
  lexicon: Lexicon;
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`${file}: cannot read: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${file}: not valid JSON: ${(error as Error).message}`);
  }
}

/** Reads a JSON data file and validates it against one of the project's schemas. */
export function loadValidated<T>(file: string, schema: 'structure' | 'journals' | 'html' | 'pipeline' | 'lexicon'): T {
  const value = readJson(file);
  const validate = validatorFor<T>(schema);
  if (!validate(value)) {
    const [first] = validate.errors();
    throw new ConfigError(`${file}: does not match schemas/${schema}.schema.json at ${first?.pointer || '/'}: ${first?.message}`);
  }
  return value;
}

function compileAll(file: string, pointer: string, sources: readonly string[]): RegExp[] {
  return sources.map((source, i) => {
    try {
      return new RegExp(source, 'u');
    } catch (error) {
      throw new ConfigError(`${file}: ${pointer}/${i} is not a valid regular expression: ${(error as Error).message}`);
    }
  });
}

function keywords(list: readonly string[]): (RegExp | string)[] {
  return list.map((k) => (/^[a-z]/i.test(k) ? new RegExp(`^${k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i') : k));
}

/** Loads and compiles the structure patterns. */
export function loadStructure(file: string): CompiledStructure {
  const raw = loadValidated<StructureData>(file, 'structure');
  return {
    maxHeadingLength: raw.maxHeadingLength,
    monthHeadings: compileAll(file, '/monthHeadings', raw.monthHeadings),
    rangeHeadings: compileAll(file, '/rangeHeadings', raw.rangeHeadings),
    yearHeadings: compileAll(file, '/yearHeadings', raw.yearHeadings),
    outlineHeadings: compileAll(file, '/outlineHeadings', raw.outlineHeadings),
    sectionKeywords: {
      summary: keywords(raw.sectionKeywords.summary),
      outlook: keywords(raw.sectionKeywords.outlook),
      conclusion: keywords(raw.sectionKeywords.conclusion),
    },
    referenceHeadings: compileAll(file, '/referenceHeadings', raw.referenceHeadings),
    boilerplate: {
      disclaimer: compileAll(file, '/boilerplate/disclaimer', raw.boilerplate.disclaimer),
      'qr-code': compileAll(file, '/boilerplate/qr-code', raw.boilerplate['qr-code']),
      other: compileAll(file, '/boilerplate/other', raw.boilerplate.other),
    },
    itemDates: compileAll(file, '/itemDates', raw.itemDates),
    undatedItemStarts: compileAll(file, '/undatedItemStarts', raw.undatedItemStarts),
    english: raw.english,
  };
}

/** Loads the journal table. */
export function loadJournals(file: string): JournalIndex {
  return new JournalIndex(loadValidated<JournalTable>(file, 'journals').journals);
}

/** Loads the HTML reading rules, checking that their patterns compile. */
export function loadHtml(file: string): HtmlData {
  const raw = loadValidated<HtmlData>(file, 'html');
  compileAll(file, '/chromeClassPattern', [raw.chromeClassPattern, raw.chromeClassExceptions]);
  compileAll(file, '/metaLinePatterns', raw.metaLinePatterns);
  return raw;
}

/**
 * Loads the lexicon and checks what the schema cannot: ids unique, every pattern a valid
 * regular expression, and no name or abbreviation claimed by two concepts.
 */
export function loadLexicon(file: string): Lexicon {
  const raw = loadValidated<Lexicon>(file, 'lexicon');
  compileAll(file, '/patterns', raw.patterns.map((p) => p.pattern));
  const ids = new Set<string>();
  const owners = new Map<string, string>();
  raw.concepts.forEach((concept, i) => {
    if (ids.has(concept.id)) throw new ConfigError(`${file}: /concepts/${i}/id: ${concept.id} appears twice`);
    ids.add(concept.id);
    for (const name of [...concept.zh, ...concept.en.map((n) => n.toLowerCase()), ...concept.abbreviations]) {
      const owner = owners.get(name);
      if (owner !== undefined && owner !== concept.id) throw new ConfigError(`${file}: /concepts/${i}: "${name}" already names ${owner}`);
      owners.set(name, concept.id);
    }
  });
  return raw;
}
