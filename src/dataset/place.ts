import { dirname, join } from 'node:path';
import { withFolder } from '../io/atomic.js';
import { fsFailure } from '../io/errors.js';
import { identityOf, inside, kindOf, readPlainFile } from '../io/files.js';
import { realFs, type WriteFs } from '../io/fs.js';
import { utf8Of, type Text } from '../io/utf8.js';

/**
 * Where the files of one write go: the dataset folder, the staging folder of this build's
 * transaction, and whether to write or only compare. Plain data, so it crosses to worker threads.
 */
export interface Placement {
  root: string;
  /** `<root>/.staging/<transaction>/files`: new files wait here until the build succeeds. */
  staging: string;
  mode: 'write' | 'check';
  /**
   * The names in the dataset folder when the build took it (null: not listed). A file under a
   * name that was not there is new — the build holds the folder's lock — and is placed without
   * asking the file system (a cold build asked three times an article, to be told "no such
   * file"); the commit checks again what is in the way.
   */
  present?: readonly string[] | null;
}

/** What placing one file did: same as in the folder, staged to replace it, or (check mode) missing or changed. */
export interface Placed {
  rel: string;
  outcome: 'same' | 'staged' | 'missing' | 'changed';
  /** The identity of the file in the folder when it is already as wanted, else null. */
  identity: string | null;
  /**
   * The staged copy's identity, taken as it was written (a file staged; absent when it could not
   * be taken): what the file has in the folder once a commit has put its whole folder in place by
   * one rename, which touches no file inside it — so the commit asks the file system again only
   * for the files it put in place one by one (BENCHMARKS.md, "the build's serial finish, second pass").
   */
  staged?: string;
}

/**
 * Places one file of the dataset: compares it with what is in the folder (never reading
 * through a link there) and, in write mode, stages it when it differs. Nothing in the dataset
 * folder changes here: staged files are swapped in by the writer's commit, once the whole build
 * has succeeded. Worker threads call this for the records and pages they make, so those bytes
 * never cross to the main thread. Synchronous on purpose: these files are small, and on a
 * worker thread each asynchronous call is a round trip through libuv's shared pool. A new file
 * (most files of a cold build) is found so by one lstat, not by an open that fails: that failure
 * is an exception, with its stack, per file. Text (a string, or pieces never joined) is encoded
 * once into this thread's scratch buffer ({@link utf8Of}) and written from there: no buffer, and
 * no flat copy of a page made of pieces, per file (BENCHMARKS.md).
 */
export function placeFile(where: Placement, rel: string, content: Text | Uint8Array, fs: WriteFs = realFs): Placed {
  const target = inside(where.root, rel);
  const bytes = content instanceof Uint8Array ? content : utf8Of(content);
  let same = false;
  let absent = false;
  try {
    absent = where.present != null && !where.present.includes(topName(rel)) ? true : kindOf(target) === 'absent';
    if (!absent) {
      const read = readPlainFile(target, bytes.byteLength);
      absent = read.kind === 'absent';
      same = read.bytes !== null && read.bytes.equals(bytes);
    }
  } catch {
    // Unreadable (permissions): not the same; whether it may be replaced is the commit's question.
  }
  if (same) return { rel, outcome: 'same', identity: identityOf(target) };
  if (where.mode === 'check') return { rel, outcome: absent ? 'missing' : 'changed', identity: null };
  const staged = join(where.staging, rel);
  try {
    withFolder(fs, dirname(staged), () => fs.writeFileSync(staged, bytes));
  } catch (error) {
    throw fsFailure(error, 'write', target);
  }
  const identity = identityOf(staged);
  return identity === null ? { rel, outcome: 'staged', identity: null } : { rel, outcome: 'staged', identity: null, staged: identity };
}

/** The first name of a relative path ("report" of "report/x.html"). */
export function topName(rel: string): string {
  const slash = rel.search(/[\\/]/);
  return slash === -1 ? rel : rel.slice(0, slash);
}
