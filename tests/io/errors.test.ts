import { describe, expect, it } from 'vitest';
import { errnoCode, errnoMeaning, fsFailure, OutputError } from '../../src/io/errors.js';

/** An error as node:fs throws it. */
const fsError = (code: string, message = `${code}: something failed`) => Object.assign(new Error(message), { code });

describe('errno codes in words', () => {
  it('errnoCode: only a code of the E… shape', () => {
    expect(errnoCode(fsError('ENOSPC'))).toBe('ENOSPC');
    expect(errnoCode(fsError('ERR_INVALID_ARG_TYPE'))).toBeNull();
    expect(errnoCode(new Error('plain'))).toBeNull();
    expect(errnoCode(null)).toBeNull();
  });

  it('errnoMeaning: words for a known code, the message for another, the value itself for a non-error', () => {
    expect(errnoMeaning(fsError('ENOSPC'))).toBe('no space left on the device');
    expect(errnoMeaning(fsError('ESTALE', 'stale file handle'))).toBe('stale file handle');
    expect(errnoMeaning(new Error('plain'))).toBe('plain');
    expect(errnoMeaning('a string thrown')).toBe('a string thrown');
  });

  it('fsFailure: what could not be done to which path, the code after; an OutputError as it is; a bug stays a bug', () => {
    const full = fsFailure(fsError('ENOSPC'), 'write', 'out/items.jsonl');
    expect(full).toBeInstanceOf(OutputError);
    expect(full.message).toBe('cannot write out/items.jsonl: no space left on the device (ENOSPC)');
    expect(fsFailure(fsError('ESTALE', 'stale file handle'), 'read', 'x').message).toBe('cannot read x: stale file handle (ESTALE)');
    const ours = new OutputError('refusing');
    expect(fsFailure(ours, 'write', 'x')).toBe(ours);
    const bug = new TypeError('undefined is not a function');
    expect(fsFailure(bug, 'write', 'x')).toBe(bug);
    const thrown = fsFailure('a string thrown', 'write', 'x');
    expect(thrown).not.toBeInstanceOf(OutputError);
    expect(thrown.message).toBe('a string thrown');
  });
});
