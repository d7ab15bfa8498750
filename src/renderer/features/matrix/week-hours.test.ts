import { describe, expect, test } from 'vitest';
import { intervalBlocks, normaliseWallTime, suggestInterval } from './week-hours';

describe('intervalBlocks', () => {
  test('places intervals as shares of the day, 24:00 at the end', () => {
    // 06:00 is 25 % of the day; 22:00–24:00 is the last 2/24.
    expect(intervalBlocks([['06:00', '12:00'], ['22:00', '24:00']])).toEqual([
      { index: 0, startPercent: 25, widthPercent: 25 },
      { index: 1, startPercent: (1320 / 1440) * 100, widthPercent: (120 / 1440) * 100 },
    ]);
  });

  test('leaves out intervals that do not read or end before they start, keeping the others’ indexes', () => {
    expect(intervalBlocks([['9:00', '12:00'], ['17:00', '13:00'], ['13:00', '17:00']]).map((block) => block.index)).toEqual([2]);
  });
});

describe('suggestInterval', () => {
  test('offers office hours on a closed day', () => {
    expect(suggestInterval([])).toEqual(['09:00', '17:00']);
  });

  test('offers the hour after the latest end', () => {
    expect(suggestInterval([['13:00', '17:30'], ['08:30', '12:30']])).toEqual(['17:30', '18:30']);
  });

  test('stops at midnight', () => {
    expect(suggestInterval([['09:00', '23:30']])).toEqual(['23:30', '24:00']);
  });

  test('offers the first hour of a day already open until midnight', () => {
    expect(suggestInterval([['22:00', '24:00']])).toEqual(['00:00', '01:00']);
  });
});

describe('normaliseWallTime', () => {
  test.each([
    ['9', '09:00'],
    ['9:00', '09:00'],
    ['930', '09:30'],
    ['1730', '17:30'],
    ['17.30', '17:30'],
    ['24', '24:00'],
    [' 08:30 ', '08:30'],
  ])('writes %j as %j', (typed, written) => {
    expect(normaliseWallTime(typed)).toBe(written);
  });

  test.each(['24:30', '7:75', 'noon', '12345', ''])('leaves %j for the rules to refuse', (typed) => {
    expect(normaliseWallTime(typed)).toBeNull();
  });
});
