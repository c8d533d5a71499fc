import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadJournals } from '../../src/core/data.js';
import { JournalIndex, NAMES_REMEMBERED } from '../../src/core/journals.js';
import { repo } from '../helpers.js';

const shipped = loadJournals(repo('pipelines/data/journals.json')).journals;

/** Every way the tests ask for a journal, each once: each name as written, in capitals, with "The ", with spacing changed, and names the table does not hold. */
const asked = [...new Set([
  ...shipped.flatMap((j) => [j.name, j.abbreviation, ...j.aliases]),
  ...shipped.map((j) => j.name.toUpperCase()),
  ...shipped.map((j) => `The ${j.name}`),
  ...shipped.map((j) => ` ${j.name.replace(/ /g, '  ')} `),
  'Journal of Nothing Anyone Publishes',
  '不存在的杂志',
  '',
  '...',
])];
// Names no table holds, until the last round of remembering is a whole one: otherwise how many names the
// check below asks again from memory would hang on the table's size (a journal added could leave 3).
for (let k = 0; asked.length % NAMES_REMEMBERED !== 0; k += 1) asked.push(`Journal Nobody Publishes ${k}`);

afterEach(() => {
  vi.restoreAllMocks();
});

describe('JournalIndex.find', () => {
  it('gives the table\'s answer for a name whatever was asked before it', () => {
    // The last names first, each once (so each is keyed): what an index that remembers nothing answers.
    const fresh = new JournalIndex(shipped);
    const expected = [...asked].reverse().map((name) => fresh.find(name)).reverse();
    const index = new JournalIndex(shipped);
    // Asked in order, then those asked since it last forgot (every NAMES_REMEMBERED names) again, backwards: those answers come from what was remembered.
    const first = asked.map((name) => index.find(name));
    const held = ((asked.length - 1) % NAMES_REMEMBERED) + 1;
    const recent = asked.slice(-held);
    const key = vi.spyOn(JournalIndex, 'key');
    const again = [...recent].reverse().map((name) => index.find(name)).reverse();
    expect(key).not.toHaveBeenCalled();
    expect(first).toEqual(expected);
    expect(again).toEqual(expected.slice(-held));
    expect(held).toBeGreaterThan(100);
    expect(first.filter((j) => j !== undefined).length).toBeGreaterThan(shipped.length);
    expect(index.find('Journal of Nothing Anyone Publishes')).toBeUndefined();
  });

  it('keys a name asked again only once', () => {
    const index = new JournalIndex(shipped);
    const key = vi.spyOn(JournalIndex, 'key');
    const name = shipped[0]!.name;
    const journal = index.find(name);
    expect(index.find(name)).toBe(journal);
    expect(index.find('Journal of Nothing Anyone Publishes')).toBeUndefined();
    expect(index.find('Journal of Nothing Anyone Publishes')).toBeUndefined();
    expect(key).toHaveBeenCalledTimes(2);
  });

  it(`remembers at most ${NAMES_REMEMBERED} names, then forgets them and starts again`, () => {
    const index = new JournalIndex(shipped);
    const key = vi.spyOn(JournalIndex, 'key');
    const names = Array.from({ length: NAMES_REMEMBERED }, (_, k) => `Journal Number ${k}`);
    for (const name of names) index.find(name);
    for (const name of names) index.find(name);
    expect(key).toHaveBeenCalledTimes(NAMES_REMEMBERED);
    // One more name: the remembered ones are let go, so the first is keyed again.
    index.find('One Name Too Many');
    index.find(names[0]!);
    expect(key).toHaveBeenCalledTimes(NAMES_REMEMBERED + 2);
    expect(index.find(shipped[0]!.name)).toBe(new JournalIndex(shipped).find(shipped[0]!.name));
  });
});
