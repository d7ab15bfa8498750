import { expect, test } from 'vitest';
import { dayStartMs } from './day-start';

test('starts a day at UTC midnight in UTC', () => {
  expect(new Date(dayStartMs('2026-01-01', 'UTC')).toISOString()).toBe('2026-01-01T00:00:00.000Z');
});

test('starts a day at local midnight in the agent’s zone', () => {
  // Amsterdam is UTC+1 in winter: local midnight of 1 Jan = 31 Dec 23:00 UTC.
  expect(new Date(dayStartMs('2026-01-01', 'Europe/Amsterdam')).toISOString()).toBe('2025-12-31T23:00:00.000Z');
  // and UTC+2 in summer: local midnight of 1 Jul = 30 Jun 22:00 UTC.
  expect(new Date(dayStartMs('2026-07-01', 'Europe/Amsterdam')).toISOString()).toBe('2026-06-30T22:00:00.000Z');
});

test('starts a day whose midnight a DST change skips at its first instant', () => {
  // Santiago moves clocks from 00:00 to 01:00 on Sun 7 Sep 2025 (UTC-4 → UTC-3): the day starts at 01:00 local = 04:00 UTC.
  expect(new Date(dayStartMs('2025-09-07', 'America/Santiago')).toISOString()).toBe('2025-09-07T04:00:00.000Z');
});

test('reads an unknown time zone as UTC', () => {
  expect(new Date(dayStartMs('2026-01-01', 'Mars/Olympus_Mons')).toISOString()).toBe('2026-01-01T00:00:00.000Z');
});
