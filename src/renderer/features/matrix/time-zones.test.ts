import { expect, test } from 'vitest';
import { searchZones, zoneOffset, zoneOptions } from './time-zones';

// Fri 27 March 2026 12:00 UTC: Amsterdam is still on winter time (+01:00), New York on summer time (-04:00).
const AT = Date.UTC(2026, 2, 27, 12, 0);

test('zoneOffset states the offset of a zone at an instant', () => {
  expect([zoneOffset('Europe/Amsterdam', AT), zoneOffset('America/New_York', AT), zoneOffset('Asia/Kolkata', AT), zoneOffset('UTC', AT)]).toEqual([
    'UTC+01:00',
    'UTC-04:00',
    'UTC+05:30',
    'UTC',
  ]);
});

test('searchZones finds a zone by words of its name, underscores read as spaces', () => {
  expect(searchZones(zoneOptions(AT), 'new york').map((option) => option.zone)).toContain('America/New_York');
});

test('searchZones needs every word typed', () => {
  expect(searchZones(zoneOptions(AT), 'europe ams').map((option) => option.zone)).toEqual(['Europe/Amsterdam']);
});

test('zoneOptions always offers UTC', () => {
  expect(zoneOptions(AT).some((option) => option.zone === 'UTC')).toBe(true);
});
