import { describe, expect, it } from 'vitest';
import { monthNumber, numberValue, yearNumber } from '../../src/core/numerals.js';
import { pipeline } from '../helpers.js';

const structure = () => pipeline().data.structure;

describe('numerals: numbers in dates, in digits or Chinese numerals', () => {
  it.each([
    ['12', 12],
    ['十', 10],
    ['十二', 12],
    ['二十三', 23],
    ['三十一', 31],
    ['二〇二五', 2025],
    ['二零二五', 2025],
    ['十十', null],
    ['abc', null],
  ])('numberValue(%s) = %s', (text, value) => {
    expect(numberValue(text, structure().numerals)).toBe(value);
  });

  it.each([
    [{ month: '3' }, 3],
    [{ month: '十二' }, 12],
    [{ month: '1 2' }, 12],
    [{ monthName: 'Sept.' }, 9],
    [{ month: undefined }, null],
  ])('monthNumber(%j) = %s', (groups, value) => {
    expect(monthNumber(groups, structure())).toBe(value);
  });

  it.each([
    ['2025', 2025],
    ['二〇二五', 2025],
    ['2 0 2 5', 2025],
    ['25', null],
    ['十二', null],
    [undefined, null],
  ])('yearNumber(%s) = %s (a plausible year only)', (text, value) => {
    expect(yearNumber(text, structure())).toBe(value);
  });
});
