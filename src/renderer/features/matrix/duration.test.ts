import { describe, expect, test } from 'vitest';
import { formatDuration, parseDuration } from './duration';

const EN = { hours: 'h', minutes: 'm' };

describe('parseDuration', () => {
  test.each([
    ['480', 480],
    ['8h', 480],
    ['8 h', 480],
    ['1h 30m', 90],
    ['1h30m', 90],
    ['1h30', 90],
    ['1:30', 90],
    ['1.5h', 90],
    ['1,5 uur', 90],
    ['2 Std. 15 Min.', 135],
    ['90 min', 90],
    ['45m', 45],
    ['  12H  ', 720],
  ])('reads %j as %d minutes', (text, minutes) => {
    expect(parseDuration(text)).toEqual({ kind: 'minutes', minutes });
  });

  test('keeps a fraction of a minute so the rule about whole minutes can say what is wrong', () => {
    expect(parseDuration('0.5')).toEqual({ kind: 'minutes', minutes: 0.5 });
  });

  test('reads an empty cell as no target', () => {
    expect(parseDuration('   ')).toEqual({ kind: 'empty' });
  });

  test.each(['8x', 'h', '1d', '30m 1h', '1h 2h', 'eight hours', '1:75', '-5'])('refuses %j', (text) => {
    expect(parseDuration(text)).toEqual({ kind: 'invalid' });
  });
});

describe('formatDuration', () => {
  test.each([
    [480, '8h'],
    [90, '1h 30m'],
    [45, '45m'],
    [0, '0m'],
    [2880, '48h'],
  ])('writes %d minutes as %j', (minutes, text) => {
    expect(formatDuration(minutes, EN)).toBe(text);
  });

  test('writes a value that is not whole minutes as minutes, as typed', () => {
    expect(formatDuration(0.5, EN)).toBe('0.5m');
  });

  test('round-trips every whole number of minutes it writes', () => {
    for (const minutes of [1, 59, 60, 61, 479, 480, 1441, 999_999]) {
      expect(parseDuration(formatDuration(minutes, EN))).toEqual({ kind: 'minutes', minutes });
    }
  });
});
