import { describe, expect, it } from 'vitest';
import { unitTest } from '../../src/core/script.js';

describe('unitTest: a one-character pattern tested at an index', () => {
  it('answers as the pattern does on the unit there, and as on nothing outside the text', () => {
    const latin = unitTest(/[\p{Script=Latin}\d]/u);
    const text = 'aβ1干😀';
    expect([...text.split('').keys(), -1, text.length].map((i) => latin(text, i))).toEqual([true, false, true, false, false, false, false, false]);
    expect([0, 1].map((i) => latin('é-', i))).toEqual([true, false]);
  });
});
