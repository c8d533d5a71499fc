import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { JournalIndex, loadJournals, loadLexicon } from '../../src/core/data.js';
import { pinyinRubyOf } from '../../src/core/lexicon.js';
import { repo } from '../helpers.js';

const table = loadJournals(repo('pipelines/data/journals.json'));
const journals = table.journals.filter((j) => !j.publisher);
const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });
const ruby = pinyinRubyOf(loadLexicon(repo('pipelines/data/lexicon.json')))!;

/**
 * The third-party reference data (NLM lists), found the way CI finds it: `DIGEST_SHARED_DATA`, else
 * the `shared/data` folder beside the repository. Optional: the project never needs it, and a
 * checkout without it skips the check (a worktree not beside `shared/` sets the variable).
 */
function sharedJournalLists(): string | null {
  const root = process.env.DIGEST_SHARED_DATA ?? resolve(repo(''), '..', 'shared', 'data');
  const dir = join(root, 'journals');
  return existsSync(join(dir, 'entrez.csv')) ? dir : null;
}

/** Rows of one of the shared CSV lists: "title","abbreviation"[,…]; a second column may hold "alt title|abbreviation". */
function readList(file: string): { title: string; abbreviation: string }[] {
  const rows: { title: string; abbreviation: string }[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const cells = [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1]!.replace(/""/g, '"'));
    if (cells.length >= 2) rows.push({ title: cells[0]!, abbreviation: cells[1]!.split('|').pop()! });
  }
  return rows;
}

/** How NLM titles compare: case, punctuation, a leading "The", "&"/"and", a trailing "(Place, State)" qualifier and a " : subtitle" ignored. */
function titleKey(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .trim()
    .replace(/^\[|\]$/g, '')
    .replace(/^the\s+/, '')
    .replace(/\s*\([^)]*\)\s*$/, '')
    .replace(/\s+:\s+.*$/, '')
    .replace(/&/g, ' and ')
    .replace(/[^0-9a-z]+/g, '');
}

/** Abbreviations compare without dots, spaces and case ("Int. J. Mol. Sci." = "Int J Mol Sci"). */
const abbreviationKey = (s: string): string => s.normalize('NFKC').toLowerCase().replace(/[^0-9a-z]+/g, '');

/**
 * Where the shared lists (a 2010s snapshot) disagree with today's NLM catalogue, with the reason.
 * Each entry was looked at by hand; the test fails if one stops being needed.
 */
const listErrata: Record<string, string> = {
  'Advanced Materials': 'entrez lists the pre-2015 MEDLINE form "Adv Mater Deerfield"; MEDLINE now writes "Adv Mater"',
  'Journal of Orthopaedic Surgery and Research': 'entrez gives "J Orthop Surg", the abbreviation of the Hong Kong "Journal of Orthopaedic Surgery"',
};

function isValidIssn(issn: string): boolean {
  const digits = issn.replace('-', '');
  const sum = [...digits.slice(0, 7)].reduce((acc, d, i) => acc + Number(d) * (8 - i), 0);
  const check = (11 - (sum % 11)) % 11;
  return digits[7] === (check === 10 ? 'X' : String(check));
}

/** The journals a fixture's expect.md says it names: "- surface → English name" lines under "## Journals named". */
function fixtureJournals(): { fixture: string; surface: string; name: string; publisher: boolean }[] {
  const root = repo('tests/fixtures');
  const out: { fixture: string; surface: string; name: string; publisher: boolean }[] = [];
  for (const fixture of readdirSync(root).sort()) {
    const file = join(root, fixture, 'expect.md');
    if (!existsSync(file)) continue;
    const section = /^## Journals named\s*$([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(readFileSync(file, 'utf8'))?.[1] ?? '';
    for (const m of section.matchAll(/^- (.+?) → (publisher )?(.+?)\s*$/gm)) {
      out.push({ fixture, surface: m[1]!.replace(/^[《“「]|[》”」]$/g, '').trim(), name: m[3]!, publisher: m[2] !== undefined });
    }
  }
  return out;
}

describe('journal table (pipelines/data/journals.json)', () => {
  it('has several hundred journals, each name, abbreviation and alias owned by one entry', () => {
    expect(journals.length).toBeGreaterThanOrEqual(300);
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const journal of table.journals) {
      for (const name of [journal.name, journal.abbreviation, ...journal.aliases]) {
        const key = JournalIndex.key(name);
        const previous = owner.get(key);
        if (previous !== undefined && previous !== journal.name) clashes.push(`"${name}": ${previous} / ${journal.name}`);
        owner.set(key, journal.name);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('lists only ISSNs whose check digit is right', () => {
    const bad = journals.flatMap((j) => j.issn.filter((issn) => !isValidIssn(issn)).map((issn) => `${j.name}: ${issn}`));
    expect(bad).toEqual([]);
  });

  it('writes every Chinese alias of a journal in both scripts where the scripts differ', () => {
    // Compared as written (JournalIndex.key folds scripts, so it cannot tell a missing form).
    const plain = (s: string) => s.normalize('NFKC').replace(/[\s·・‧()（）]+/g, '');
    const missing: string[] = [];
    for (const journal of journals) {
      const written = new Set(journal.aliases.map(plain));
      for (const alias of journal.aliases) {
        if (!/[\u4e00-\u9fff]/u.test(alias)) continue;
        const simplified = toSimplified(alias);
        if (!written.has(plain(simplified))) missing.push(`${journal.name}: ${alias} has no simplified form`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('matches names through the script-folded view: half-converted forms find the entries written in either script', () => {
    // The table holds no half-converted form; folding finds them (issue 13, shape 4).
    expect(journals.some((j) => j.aliases.includes('干細胞研究與治療'))).toBe(false);
    expect(table.find('干細胞研究與治療')?.name).toBe('Stem Cell Research & Therapy');
    expect(table.find('世界干細胞雜誌')?.name).toBe('World Journal of Stem Cells');
    expect(table.find('干細胞轉化醫學')?.name).toBe('Stem Cells Translational Medicine');
    expect(table.find('新英格蘭醫學雜志')?.name).toBe('The New England Journal of Medicine');
    expect(table.find('細胞')?.name).toBe('Cell');
    expect(table.find('科學')?.name).toBe('Science');
    // Middle dots and full-width punctuation are ignored like spaces.
    expect(table.find('柳叶刀・神经病学')?.name).toBe('The Lancet Neurology');
    expect(table.find('Parkinsonism＆Related Disorders')?.name).toBe('Parkinsonism & Related Disorders');
  });

  it('agrees with the NLM title and abbreviation lists of the shared reference data (when present)', (context) => {
    const dir = sharedJournalLists();
    if (!dir) {
      console.warn('journals: no shared NLM lists (set DIGEST_SHARED_DATA or put shared/ beside the repo); English names and abbreviations not checked');
      context.skip();
      return;
    }
    const nlm = [...readList(join(dir, 'entrez.csv')), ...readList(join(dir, 'medicus.csv'))];
    const iso = readList(join(dir, 'lifescience.csv'));
    const byTitle = new Map<string, Set<string>>();
    const byAbbreviation = new Map<string, Set<string>>();
    const add = (map: Map<string, Set<string>>, key: string, value: string) => (map.get(key) ?? map.set(key, new Set()).get(key)!).add(value);
    for (const { title, abbreviation } of nlm) {
      // Pinyin titles carry their English title after ". " or in brackets: each part is a title too.
      const parts = [title, ...title.split(/\.\s+|\s*\[|\]\s*/).filter((p) => p.trim().includes(' '))];
      for (const part of parts) {
        add(byTitle, titleKey(part), abbreviationKey(abbreviation));
        add(byAbbreviation, abbreviationKey(abbreviation), titleKey(part));
      }
    }
    const isoTitles = new Set(iso.map((r) => titleKey(r.title)));
    const problems: string[] = [];
    const erratumUsed = new Set<string>();
    let checked = 0;
    for (const journal of journals) {
      if (journal.abbreviationSource && journal.abbreviationSource !== 'nlm') continue;
      const titles = [journal.nlmTitle ?? journal.name, journal.name, ...journal.aliases].map(titleKey);
      const ours = new Set([journal.abbreviation, journal.name, ...journal.aliases].map(abbreviationKey));
      const listedTitles = byAbbreviation.get(abbreviationKey(journal.abbreviation));
      const listedAbbreviations = byTitle.get(titleKey(journal.nlmTitle ?? journal.name));
      if (!listedTitles && !listedAbbreviations) continue;
      // NLM qualifies a title shared by two journals with a place ("Aging (Albany NY)", "Sci Bull (Beijing)");
      // lists older than the newer journal know only the other one by that title.
      const homonym = !listedTitles && /\([^)]+\)$/.test(journal.abbreviation) && ![...listedAbbreviations!].some((a) => ours.has(a));
      if (homonym) continue;
      checked++;
      // The abbreviation is NLM's for a title the entry carries, and the title's NLM abbreviation is one the entry carries.
      const abbreviationOk = !listedTitles || titles.some((t) => listedTitles.has(t));
      const titleOk = !listedAbbreviations || [...listedAbbreviations].some((a) => ours.has(a));
      if (abbreviationOk && titleOk) continue;
      if (listErrata[journal.name]) {
        erratumUsed.add(journal.name);
        continue;
      }
      problems.push(`${journal.name} (${journal.abbreviation}): lists say ${listedAbbreviations ? [...listedAbbreviations].join(' / ') : 'no abbreviation'} for this title, ${listedTitles ? [...listedTitles].join(' / ') : 'no title'} for this abbreviation`);
    }
    expect(problems).toEqual([]);
    expect(Object.keys(listErrata).filter((name) => !erratumUsed.has(name))).toEqual([]);
    // Most entries are older than the lists' snapshot allows; say how many the lists could check.
    const titleOnly = journals.filter((j) => isoTitles.has(titleKey(j.name))).length;
    console.info(`journals: ${checked} of ${journals.length} checked against the NLM lists (${titleOnly} titles also in the life-science ISO list)`);
    expect(checked).toBeGreaterThanOrEqual(150);
  });

  it('knows every journal the genre fixtures name, through the script-folded view', () => {
    const named = fixtureJournals();
    expect(named.length).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const { fixture, surface, name, publisher } of named) {
      const entry = table.find(name);
      if (!entry || entry.name !== name) problems.push(`${fixture}: "${name}" has no entry`);
      else if (!!entry.publisher !== publisher) problems.push(`${fixture}: "${name}" is ${entry.publisher ? '' : 'not '}a publisher`);
      // A mirror's pinyin ruby inside a name (《當(dāng)代…》) is left out as the link stage leaves it out.
      const bare = surface.replace(ruby, '');
      const bySurface = table.find(surface) ?? table.find(toSimplified(surface)) ?? table.find(toSimplified(bare));
      if (bySurface?.name !== name) problems.push(`${fixture}: "${surface}" finds ${bySurface?.name ?? 'nothing'}, not ${name}`);
    }
    expect(problems).toEqual([]);
  });
});
