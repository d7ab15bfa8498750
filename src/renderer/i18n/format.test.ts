import { describe, expect, test } from 'vitest';
import { createFormatters } from './format';

// Expected texts are CLDR's, as Node's ICU ships them.
const NOW = Date.UTC(2026, 10, 25, 12, 0, 0); // Wed 25 Nov 2026 12:00 UTC
const MINUTE = 60_000;

describe('createFormatters', () => {
  test('shows recent instants relative to now and older ones as a short date', () => {
    const en = createFormatters('en-GB');
    expect([
      en.relative(NOW - 20_000, NOW),
      en.relative(NOW - 5 * MINUTE, NOW),
      en.relative(NOW - 3 * 60 * MINUTE, NOW),
      en.relative(NOW - 2 * 24 * 60 * MINUTE, NOW),
      // 25 Nov − 10 days = 15 Nov
      en.relative(NOW - 10 * 24 * 60 * MINUTE, NOW),
    ]).toEqual(['now', '5 min ago', '3 hr ago', '2 days ago', '15/11/2026']);
  });

  test('follows the language', () => {
    const nl = createFormatters('nl');
    const de = createFormatters('de');
    expect([nl.relative(NOW - 5 * MINUTE, NOW), de.relative(NOW - 5 * MINUTE, NOW)]).toEqual([
      '5 min. geleden',
      'vor 5 Min.',
    ]);
  });

  test('never groups ticket numbers but groups counts as the locale does', () => {
    const de = createFormatters('de');
    expect([de.ticketNumber(12345), de.count(12345)]).toEqual(['12345', '12.345']);
  });

  test('joins names as each language does', () => {
    const names = ['Ana', 'Ben', 'Cas'];
    expect([createFormatters('en-GB').list(names), createFormatters('nl').list(names), createFormatters('de').list(names), createFormatters('en-GB').list(['Ana'])]).toEqual([
      'Ana, Ben and Cas',
      'Ana, Ben en Cas',
      'Ana, Ben und Cas',
      'Ana',
    ]);
  });
});
