import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { articleDigest, itemExcerpt, carriedChange, changeArticleText, decideChange, digestHash, layOut, PreviousBuild, SettledChanges } from '../../src/dataset/changes.js';
import { OutputError } from '../../src/io/errors.js';
import { TextSpool } from '../../src/dataset/set-aside.js';
import { realFs } from '../../src/io/fs.js';
import { codeTrees, treesFingerprint } from '../../src/dataset/keys.js';
import { packagePath } from '../../src/core/paths.js';
import { loadRecordValidators } from '../../src/core/schemas.js';
import type { ArticleDigest, DatasetChanges } from '../../src/generated/changes.js';
import { ingest } from '../../src/ingest.js';
import { pipeline, repo } from '../helpers.js';

const digest = (id: string, items: Partial<ArticleDigest['items'][number]>[] = [{}], path = `in/${id}.txt`): ArticleDigest => ({
  id,
  path,
  title: 't',
  items: items.map((i, n) => ({ at: `s1-${n}`, date: '2025-03-01', journal: null, paperTitle: null, dois: [], text: '0123456789abcdef', excerpt: 'x', ...i })),
  references: [],
});

/** A previous build from the changes of a build (what its changes.json holds). */
const previousOf = (value: DatasetChanges) => PreviousBuild.of(JSON.parse(JSON.stringify(value)))!;
const none = () => PreviousBuild.of({ schemaVersion: '1.2.0', revision: 1, articles: [], removed: [] })!;

// PreviousBuild validates what it reads with the dataset's schemas, loaded on first need.
beforeAll(loadRecordValidators);

describe('the change view: what each build compares with, and what it keeps', () => {
  it('a first build makes every article first (revision 1); the same digests again keep the file as it was', () => {
    const ids = new Set(['a', 'b']);
    const first = PreviousBuild.read(mkdtempSync(join(tmpdir(), 'digest-empty-')));
    expect(first.revision).toBe(0);
    const one = first.next(['a', 'b'].map((id) => decideChange(first.priorFor(id, `in/${id}.txt`, ids), digest(id))));
    expect(one.value.revision).toBe(1);
    expect(one.value.articles.map((a) => [a.id, a.status, a.revision])).toEqual([['a', 'first', 1], ['b', 'first', 1]]);
    const previous = previousOf(one.value);
    const again = previous.next(['b', 'a'].map((id) => decideChange(previous.priorFor(id, `in/${id}.txt`, ids), digest(id))));
    expect(again.text).toBe(one.text);
  });

  it('a changed digest is changed at the next revision, against the old one; the rest keep theirs; a build that changes nothing keeps it all', () => {
    const ids = new Set(['a', 'b']);
    const one = none().next(['a', 'b'].map((id) => decideChange({ revision: 0, entry: null }, digest(id))));
    const p1 = previousOf(one.value);
    const edited = digest('a', [{ date: '2025-03-02' }]);
    const two = p1.next([decideChange(p1.priorFor('a', 'in/a.txt', ids), edited), decideChange(p1.priorFor('b', 'in/b.txt', ids), digest('b'))]);
    expect(two.value.revision).toBe(2);
    expect(two.value.articles.map((a) => [a.id, a.status, a.revision])).toEqual([['a', 'changed', 2], ['b', 'first', 1]]);
    expect(two.value.articles[0]!.previous).toEqual(digest('a'));
    const p2 = previousOf(two.value);
    // Nothing changes: the same file (revision 2 still says what revision 2 did).
    const three = p2.next([decideChange(p2.priorFor('a', 'in/a.txt', ids), edited), decideChange(p2.priorFor('b', 'in/b.txt', ids), digest('b'))]);
    expect(three.text).toBe(two.text);
    // A cache hit keeps its change when its digest is the recorded one, and only then.
    expect(carriedChange(p2.priorFor('a', 'in/a.txt', ids), digestHash(edited))).toEqual(two.value.articles[0]);
    expect(carriedChange(p2.priorFor('a', 'in/a.txt', ids), digestHash(digest('a')))).toBeNull();
  });

  it('an article added is new; one removed is listed until the next change; an id that changed is compared with the old id', () => {
    const one = none().next(['a', 'b'].map((id) => decideChange({ revision: 0, entry: null }, digest(id))));
    const p1 = previousOf(one.value);
    // b's input now gets the id b2 (same path); c is new; a is gone.
    const ids = new Set(['b2', 'c']);
    const two = p1.next([decideChange(p1.priorFor('b2', 'in/b.txt', ids), digest('b2', [{}], 'in/b.txt')), decideChange(p1.priorFor('c', 'in/c.txt', ids), digest('c'))]);
    expect(two.value.revision).toBe(2);
    expect(two.value.articles.map((a) => [a.id, a.status, a.previousId])).toEqual([['b2', 'changed', 'b'], ['c', 'new', null]]);
    expect(two.value.removed.map((r) => [r.id, r.revision])).toEqual([['a', 2]]);
    const p2 = previousOf(two.value);
    const same = p2.next([decideChange(p2.priorFor('b2', 'in/b.txt', ids), digest('b2', [{}], 'in/b.txt')), decideChange(p2.priorFor('c', 'in/c.txt', ids), digest('c'))]);
    expect(same.value.removed.map((r) => r.id)).toEqual(['a']);
    const three = p2.next([decideChange(p2.priorFor('b2', 'in/b.txt', ids), digest('b2', [{ date: '2025-04-01' }], 'in/b.txt')), decideChange(p2.priorFor('c', 'in/c.txt', ids), digest('c'))]);
    expect(three.value.revision).toBe(3);
    expect(three.value.removed).toEqual([]);
  });

  it('changes.json made as the articles settle, each written out when added into a spool (a file, or memory): the bytes of the whole file, nothing read back but the spool', () => {
    const ids = new Set(['b2', 'c', 'd']);
    const one = none().next(['a', 'b'].map((id) => decideChange({ revision: 0, entry: null }, digest(id))));
    const p1 = previousOf(one.value);
    const changes = [
      decideChange(p1.priorFor('b2', 'in/b.txt', ids), digest('b2', [{ paperTitle: '间充质干细胞 <b>&'.repeat(2000) }], 'in/b.txt')),
      decideChange(p1.priorFor('c', 'in/c.txt', ids), digest('c')),
      decideChange(p1.priorFor('d', 'in/d.txt', ids), digest('d', [{}, { dois: ['10.1/x'] }])),
    ];
    const same = previousOf(p1.next(changes).value);
    const kept = [decideChange(same.priorFor('b2', 'in/b.txt', ids), changes[0]!.current), decideChange(same.priorFor('c', 'in/c.txt', ids), changes[1]!.current), decideChange(same.priorFor('d', 'in/d.txt', ids), changes[2]!.current)];
    const cases: [PreviousBuild, typeof changes][] = [[p1, changes], [p1, changes.slice(0, 1)], [p1, []], [none(), []], [same, kept], [same, kept.slice(1)]];
    const dir = mkdtempSync(join(tmpdir(), 'digest-spool-'));
    for (const [n, [previous, articles]] of cases.entries()) {
      for (const file of [join(dir, `${n}.txt`), null]) {
        const settled = new SettledChanges(previous, new TextSpool(file, realFs));
        for (const a of articles) settled.add(a);
        const whole = previous.next(articles);
        expect([...settled.text()].join('')).toBe(whole.text);
        // As the spool keeps it (a file's bytes, 16 KB a piece, a piece ending inside a character as it falls): the same bytes, each piece its own buffer.
        const pieces = [...settled.pieces()];
        expect(Buffer.concat(pieces.map((p) => (typeof p === 'string' ? Buffer.from(p) : p))).equals(Buffer.from(whole.text))).toBe(true);
        if (file !== null && articles.length > 0) expect(pieces.filter((p) => typeof p !== 'string').length).toBeGreaterThan(0);
        const buffers = pieces.filter((p) => typeof p !== 'string').map((p) => p.buffer);
        expect(new Set(buffers).size).toBe(buffers.length);
        // Passing (a build's end hashes and writes each piece before asking for the next): the same bytes, read into one buffer again and again.
        const passed: Buffer[] = [];
        const passedBuffers = new Set<ArrayBufferLike>();
        for (const piece of settled.pieces(true)) {
          if (typeof piece !== 'string') passedBuffers.add(piece.buffer);
          passed.push(Buffer.from(piece));
        }
        expect(Buffer.concat(passed).equals(Buffer.from(whole.text))).toBe(true);
        expect(passedBuffers.size).toBe(file !== null && articles.length > 0 ? 1 : 0);
        expect(settled.view()).toEqual({ revision: whole.value.revision, removed: whole.value.removed });
      }
    }
    const settled = new SettledChanges(p1, new TextSpool(null, realFs));
    settled.add(changes[1]!);
    expect(() => settled.add(changes[0]!)).toThrow('changes out of id order: b2 after c');
  });

  it('a build whose articles are all the previous build\'s, each the same object or the same text, makes that changes.json again: said by sameAsPrevious (of a file this code wrote only), and none of it spooled', () => {
    const one = none().next(['a', 'b', 'c'].map((id) => decideChange({ revision: 0, entry: null }, digest(id))));
    const trusted = PreviousBuild.of(JSON.parse(JSON.stringify(one.value)), true)!;
    let spooled = 0;
    const counting = () => {
      const spool = new TextSpool(null, realFs);
      const add = spool.add.bind(spool);
      spool.add = (text) => {
        spooled++;
        add(text);
      };
      return spool;
    };
    const head = (id: string) => trusted.entry(id)!;
    // Reused articles: the previous build's own entries.
    const reused = new SettledChanges(trusted, counting());
    for (const id of ['a', 'b', 'c']) reused.add(head(id));
    expect(reused.sameAsPrevious()).toBe(true);
    expect(spooled).toBe(0);
    expect([...reused.text()].join('')).toBe(one.text);
    // Articles ingested again whose change carried over: as a worker writes them out (text or UTF-8 bytes), or made again here.
    spooled = 0;
    const ingested = new SettledChanges(trusted, counting());
    ingested.addText(head('a'), changeArticleText(head('a')));
    ingested.addText(head('b'), Buffer.from(changeArticleText(head('b'))));
    ingested.add(decideChange(trusted.priorFor('c', 'in/c.txt', new Set(['a', 'b', 'c'])), digest('c')));
    expect(ingested.sameAsPrevious()).toBe(true);
    expect(spooled).toBe(0);
    // The same articles, but the file read was not one this code wrote (validated, maybe formatted by hand): made again.
    const untrusted = new SettledChanges(previousOf(one.value), new TextSpool(null, realFs));
    for (const id of ['a', 'b', 'c']) untrusted.add(previousOf(one.value).entry(id)!);
    expect(untrusted.sameAsPrevious()).toBe(false);
    // One article gone, one changed, one new: not the same file; what was held back is spooled in id order before the rest.
    const ids = new Set(['a', 'b', 'c', 'd']);
    const cases = [
      [head('a'), head('b')],
      [head('a'), head('b'), decideChange(trusted.priorFor('c', 'in/c.txt', ids), digest('c', [{ dois: ['10.1/y'] }]))],
      [head('a'), head('b'), head('c'), decideChange(trusted.priorFor('d', 'in/d.txt', ids), digest('d'))],
      [decideChange(trusted.priorFor('a', 'in/a.txt', ids), digest('a', [{ text: 'fedcba9876543210' }])), head('b'), head('c')],
    ];
    for (const articles of cases) {
      const settled = new SettledChanges(trusted, new TextSpool(null, realFs));
      for (const a of articles) settled.add(a);
      expect(settled.sameAsPrevious()).toBe(false);
      expect([...settled.text()].join('')).toBe(trusted.next(articles).text);
      expect(Buffer.concat([...settled.pieces()].map((p) => (typeof p === 'string' ? Buffer.from(p) : p))).toString()).toBe(trusted.next(articles).text);
    }
    // A first build has no previous file to keep.
    const first = new SettledChanges(PreviousBuild.read(mkdtempSync(join(tmpdir(), 'digest-first-'))), new TextSpool(null, realFs));
    first.add(decideChange({ revision: 0, entry: null }, digest('a')));
    expect(first.sameAsPrevious()).toBe(false);
  });

  it('a changes.json the state describes is read only when an entry is asked for, each article as its bytes in the file; one article carried by id alone is written as those bytes', () => {
    // Revision 2: a changed, b first, c removed (its digest in the removed list), d new, e with non-ASCII text.
    const ids = new Set(['a', 'b', 'c', 'e']);
    const one = none().next(['a', 'b', 'c', 'e'].map((id) => decideChange({ revision: 0, entry: null }, digest(id, [{ excerpt: id === 'e' ? '强直性脊柱炎 🦴 "q"' : 'x' }]))));
    const p1 = previousOf(one.value);
    const two = p1.next([
      decideChange(p1.priorFor('a', 'in/a.txt', ids), digest('a', [{ date: '2025-03-02' }])),
      decideChange(p1.priorFor('b', 'in/b.txt', ids), digest('b')),
      decideChange(p1.priorFor('d', 'in/d.txt', ids), digest('d')),
      decideChange(p1.priorFor('e', 'in/e.txt', ids), digest('e', [{ excerpt: '强直性脊柱炎 🦴 "q"' }])),
    ]);
    expect(two.value.removed.map((r) => r.id)).toEqual(['c']);
    const bytes = Buffer.from(two.text);
    const laid = layOut(bytes)!;
    expect(laid.revision).toBe(2);
    expect(laid.removed).toEqual(two.value.removed);
    expect([...laid.spans.keys()]).toEqual(['a', 'b', 'd', 'e']);
    for (const article of two.value.articles) {
      const [start, end] = laid.spans.get(article.id)!;
      expect(bytes.toString('utf8', start, end)).toBe(changeArticleText(article));
    }
    // Laid out otherwise (not this code's): null. No articles: none.
    expect(layOut(Buffer.from(JSON.stringify(two.value)))).toBeNull();
    expect(layOut(Buffer.from(two.text.replace('"id": "b"', '"status": "x", "id": "b"')))).toBeNull();
    const empty = none().next([]);
    expect(layOut(Buffer.from(empty.text))).toMatchObject({ revision: 1, spans: new Map() });

    const dir = mkdtempSync(join(tmpdir(), 'digest-lazy-'));
    writeFileSync(join(dir, 'changes.json'), two.text);
    const owns = () => true;
    const known = { revision: 2, articles: 4 };
    // Nothing read at first: the file may go, and revision and size are the state's.
    const lazy = () => PreviousBuild.read(dir, owns, () => true, known);
    const unread = lazy();
    rmSync(join(dir, 'changes.json'));
    expect([unread.revision, unread.size, unread.trusted]).toEqual([2, 4, true]);
    expect(() => unread.entry('a')).toThrow(OutputError);
    writeFileSync(join(dir, 'changes.json'), two.text);
    const read = lazy();
    expect(read.entry('a')).toEqual(two.value.articles[0]);
    expect(read.entry('a')).toBe(read.entry('a'));
    expect(read.entry('c')).toBeNull();
    expect(read.has('d')).toBe(true);
    expect(read.priorFor('f', 'in/e.txt', new Set(['f']))).toEqual({ revision: 2, entry: two.value.articles[3] });
    expect(Buffer.from(read.articleText('e') as Uint8Array).toString()).toBe(changeArticleText(two.value.articles[3]!));
    // Carried by id alone, with one article changed after them: the file made again is the same bytes as next() of the same articles.
    const all = new Set(['a', 'b', 'd', 'e']);
    const settled = new SettledChanges(lazy(), new TextSpool(null, realFs));
    const eChanged = decideChange(read.priorFor('e', 'in/e.txt', all), digest('e'));
    for (const id of ['a', 'b', 'd']) settled.addCarried(id);
    settled.add(eChanged);
    expect(settled.sameAsPrevious()).toBe(false);
    const expected = previousOf(two.value).next([...two.value.articles.slice(0, 3), eChanged]);
    expect([...settled.text()].join('')).toBe(expected.text);
    expect(settled.summary()).toEqual({ revision: 3, articles: 4 });
    // Every article carried: the file is the previous one, and nothing of it was read.
    const kept = new SettledChanges(unreadAgain(), new TextSpool(null, realFs));
    function unreadAgain() {
      const p = lazy();
      rmSync(join(dir, 'changes.json'));
      return p;
    }
    for (const id of ['a', 'b', 'd', 'e']) kept.addCarried(id);
    expect(kept.sameAsPrevious()).toBe(true);
    expect(kept.summary()).toEqual(known);
    writeFileSync(join(dir, 'changes.json'), two.text);
    // Replaced between the build's start and the first ask, or not the file the state describes: an OutputError, never a misread.
    let asks = 0;
    const replaced = PreviousBuild.read(dir, owns, () => ++asks === 1, known);
    expect(() => replaced.entry('a')).toThrow(/changed while the build ran/);
    expect(() => PreviousBuild.read(dir, owns, () => true, { revision: 2, articles: 5 }).entry('a')).toThrow(/not the file the last build's state describes; remove the build's cache folder/);
    // Without what the state says, or of a file not made here: read at once, as before.
    const eager = PreviousBuild.read(dir, owns, () => true);
    rmSync(join(dir, 'changes.json'));
    expect(eager.entry('a')).toEqual(two.value.articles[0]);
    expect(PreviousBuild.read(dir, owns, () => false, known).revision).toBe(0);
  });

  it('a changes.json that does not follow its schema, or that the manifest does not list, is no previous build', () => {
    const dir = mkdtempSync(join(tmpdir(), 'digest-changes-'));
    writeFileSync(join(dir, 'changes.json'), JSON.stringify({ schemaVersion: '1.2.0', revision: 3, articles: [], removed: [] }));
    expect(PreviousBuild.read(dir).revision).toBe(0);
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ schemaVersion: '1.2.0', pipeline: 'p', inputs: [], totals: { inputs: 0, records: 0, failed: 0, items: 0, references: 0, entities: 0 }, files: ['changes.json'] }));
    expect(PreviousBuild.read(dir).revision).toBe(3);
    writeFileSync(join(dir, 'changes.json'), JSON.stringify({ schemaVersion: '1.2.0', revision: 0, articles: [], removed: [] }));
    expect(PreviousBuild.read(dir).revision).toBe(0);
    // One the last build wrote, untouched since (asked before and after the read): its outline is enough.
    writeFileSync(join(dir, 'changes.json'), JSON.stringify({ revision: 4, articles: [], removed: [] }));
    const owns = () => true;
    expect(PreviousBuild.read(dir, owns, () => true).revision).toBe(4);
    let asks = 0;
    expect(PreviousBuild.read(dir, owns, () => ++asks === 1).revision).toBe(0);
    expect(asks).toBe(2);
    writeFileSync(join(dir, 'changes.json'), JSON.stringify({ revision: 4, articles: {}, removed: [] }));
    expect(PreviousBuild.read(dir, owns, () => true).revision).toBe(0);
  });

  it('the digest of a record: its items, dates, journals, cited DOIs, a hash of each text, its references', async () => {
    const record = await ingest({ path: repo('fixtures/articles/ra-2025.txt') }, { pipeline: pipeline() });
    const d = articleDigest(record);
    const items = record.sections.flatMap((s) => s.items);
    expect(d.items.map((i) => i.date)).toEqual(items.map((i) => i.date));
    const at = d.items.find((i) => i.date === '2025-11-17')!;
    expect(at.dois).toEqual(['10.1186/s13287-025-04772-x']);
    expect(d.references.map((r) => r.number)).toEqual(record.references.map((r) => r.number));
    expect(d.items.every((i) => /^[0-9a-f]{16}$/.test(i.text) && [...i.excerpt].length <= 60)).toBe(true);
  });
});

describe('the cache key covers what makes the pages', () => {
  it('the review pages\' stylesheet and script are part of the code fingerprint (a page inlines them)', () => {
    expect(codeTrees()).toContain(packagePath('assets'));
    const dir = mkdtempSync(join(tmpdir(), 'digest-tree-'));
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'report.css'), 'a { color: red }');
    const before = treesFingerprint([dir]);
    writeFileSync(join(dir, 'sub', 'report.css'), 'a { color: blue }');
    expect(treesFingerprint([dir])).not.toBe(before);
  });
});

describe('an item\'s excerpt, read from a prefix of its text', () => {
  // What digests held before (issue 17): the whole text tidied, then spread a code point each.
  const whole = (text: string): string => [...text.replace(/\s+/g, ' ').trim()].slice(0, 60).join('');

  it('is the first 60 code points of the tidied text, whatever falls at the prefix\'s end', () => {
    const pair = '\u{20BB7}';
    const cases = [
      '',
      '   ',
      'short text',
      '  \n\t lead and trail \u3000 ',
      'x'.repeat(59),
      'x'.repeat(60),
      'x'.repeat(61),
      'x'.repeat(240) + ' '.repeat(500) + 'y',
      'x'.repeat(59) + ' '.repeat(400),
      'x'.repeat(59) + ' '.repeat(400) + 'z',
      ' '.repeat(1000) + '类风湿关节炎'.repeat(20),
      pair.repeat(200),
      'a' + pair.repeat(119) + 'b',
      'a'.repeat(239) + pair + 'tail'.repeat(20),
      '\ud800'.repeat(100) + 'lone halves',
      'x '.repeat(1000),
      '类风湿关节炎\u00a0\u2003\ufeff研究进展 '.repeat(40),
    ];
    for (const text of cases) expect(itemExcerpt(text), JSON.stringify(text.slice(0, 40))).toBe(whole(text));
  });

  it('agrees with the whole text tidied on any text (property)', () => {
    const unit = fc.constantFrom(' ', '\n', '\t', '\u3000', '\u00a0', 'a', '类', '\u{20BB7}', '\ud83d', '\ude00', '.');
    const text = fc.array(fc.oneof(unit, fc.constantFrom(' '.repeat(50), 'x'.repeat(70))), { maxLength: 400 }).map((parts) => parts.join(''));
    fc.assert(fc.property(text, (t) => itemExcerpt(t) === whole(t)), { seed: 17, numRuns: 3000 });
  });
});
