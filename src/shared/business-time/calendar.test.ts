import { describe, expect, test } from 'vitest';
import {
  type CalendarProblem,
  calendarSchema,
  describeCalendarProblem,
  parseCalendar,
  parseLocalDate,
  parseWallTime,
} from './calendar';

const nineToFive = [['09:00', '17:00']];
const closed: string[][] = [];

function calendarJson(overrides: Record<string, unknown> = {}, hours: Record<string, unknown> = {}): unknown {
  return {
    timeZone: 'Europe/Amsterdam',
    weeklyHours: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive, sat: closed, sun: closed, ...hours },
    holidays: ['2026-12-25'],
    ...overrides,
  };
}

function problemsOf(json: unknown): CalendarProblem[] {
  const result = parseCalendar(json);
  return result.ok ? [] : result.problems;
}

describe('parseCalendar', () => {
  test('returns the typed calendar when the JSON is valid', () => {
    const json = {
      timeZone: 'Europe/Amsterdam',
      weeklyHours: {
        mon: [['09:00', '12:00'], ['13:00', '17:00']],
        tue: [['09:00', '17:00']],
        wed: [['09:00', '17:00']],
        thu: [['09:00', '17:00']],
        fri: [['09:00', '15:30']],
        sat: [],
        sun: [],
      },
      holidays: ['2026-12-25', '2026-12-26'],
    };
    expect(parseCalendar(json)).toEqual({ ok: true, calendar: json });
  });

  test('round-trips through JSON text unchanged when exported and imported', () => {
    const result = parseCalendar(calendarJson());
    if (!result.ok) throw new Error('expected a valid calendar');
    expect(parseCalendar(JSON.parse(JSON.stringify(result.calendar)))).toEqual(result);
  });

  test('accepts a night shift written as 22:00–24:00 plus 00:00–06:00 the next day', () => {
    const json = calendarJson({}, { mon: [['22:00', '24:00']], tue: [['00:00', '06:00'], ['22:00', '24:00']] });
    expect(parseCalendar(json).ok).toBe(true);
  });

  test('accepts touching intervals when one ends where the next starts', () => {
    expect(problemsOf(calendarJson({}, { mon: [['13:00', '17:00'], ['09:00', '13:00']] }))).toEqual([]);
  });

  test('reports a bad time format at the time itself when a wall time is malformed', () => {
    const json = calendarJson({}, { mon: [['09:00', '12:00'], ['9:00', '17:00']], tue: [['09:00', '24:30']], wed: [['09:60', '25:00']] });
    expect(problemsOf(json)).toEqual([
      { code: 'invalid-time', path: 'weeklyHours.mon.1.0', params: { value: '9:00' } },
      { code: 'invalid-time', path: 'weeklyHours.tue.0.1', params: { value: '24:30' } },
      { code: 'invalid-time', path: 'weeklyHours.wed.0.0', params: { value: '09:60' } },
      { code: 'invalid-time', path: 'weeklyHours.wed.0.1', params: { value: '25:00' } },
    ]);
  });

  test('reports end-not-after-start when an interval is empty or reversed', () => {
    const json = calendarJson({}, { mon: [['09:00', '09:00']], tue: [['17:00', '09:00']], wed: [['24:00', '24:00']] });
    expect(problemsOf(json)).toEqual([
      { code: 'end-not-after-start', path: 'weeklyHours.mon.0', params: { start: '09:00', end: '09:00' } },
      { code: 'end-not-after-start', path: 'weeklyHours.tue.0', params: { start: '17:00', end: '09:00' } },
      { code: 'end-not-after-start', path: 'weeklyHours.wed.0', params: { start: '24:00', end: '24:00' } },
    ]);
  });

  test('reports each overlapping interval against the one it runs into when intervals of a day overlap', () => {
    const json = calendarJson({}, { mon: [['09:00', '12:00'], ['13:00', '17:00'], ['11:00', '14:00'], ['09:30', '10:00']] });
    expect(problemsOf(json)).toEqual([
      { code: 'overlapping-intervals', path: 'weeklyHours.mon.2', params: { with: 0 } },
      { code: 'overlapping-intervals', path: 'weeklyHours.mon.3', params: { with: 0 } },
    ]);
  });

  test('reports unknown-time-zone when the zone is not an IANA name', () => {
    expect(problemsOf(calendarJson({ timeZone: 'Europe/Atlantis' }))).toEqual([
      { code: 'unknown-time-zone', path: 'timeZone', params: { value: 'Europe/Atlantis' } },
    ]);
    // Intl accepts fixed offsets, but they are no zone: no DST rules, no history.
    expect(problemsOf(calendarJson({ timeZone: '+01:00' }))).toEqual([
      { code: 'unknown-time-zone', path: 'timeZone', params: { value: '+01:00' } },
    ]);
  });

  test('reports invalid-holiday when a holiday is not a real YYYY-MM-DD date', () => {
    const json = calendarJson({ holidays: ['2026-02-29', '2026-13-01', '25-12-2026', '2028-02-29'] });
    expect(problemsOf(json)).toEqual([
      { code: 'invalid-holiday', path: 'holidays.0', params: { value: '2026-02-29' } },
      { code: 'invalid-holiday', path: 'holidays.1', params: { value: '2026-13-01' } },
      { code: 'invalid-holiday', path: 'holidays.2', params: { value: '25-12-2026' } },
    ]);
  });

  test('reports duplicate-holiday when a date is listed twice', () => {
    expect(problemsOf(calendarJson({ holidays: ['2026-12-25', '2026-12-26', '2026-12-25'] }))).toEqual([
      { code: 'duplicate-holiday', path: 'holidays.2', params: { value: '2026-12-25', first: 0 } },
    ]);
  });

  test('reports no-working-hours when every day is closed', () => {
    const json = calendarJson({}, { mon: [], tue: [], wed: [], thu: [], fri: [] });
    expect(problemsOf(json)).toEqual([{ code: 'no-working-hours', path: 'weeklyHours', params: {} }]);
  });

  test('reports the shape problems by field when the JSON has the wrong structure', () => {
    const json = {
      timeZone: 42,
      weeklyHours: { mon: [['09:00']], tue: 'all day', wed: [], thu: [], fri: [], sat: [], monday: [] },
      holidays: ['2026-12-25'],
      owner: 'me',
    };
    expect(problemsOf(json)).toEqual([
      { code: 'invalid-type', path: 'timeZone', params: { expected: 'string' } },
      { code: 'invalid-type', path: 'weeklyHours.mon.0', params: { expected: 'interval' } },
      { code: 'invalid-type', path: 'weeklyHours.tue', params: { expected: 'array' } },
      { code: 'missing-field', path: 'weeklyHours.sun', params: {} },
      { code: 'unknown-field', path: 'weeklyHours.monday', params: {} },
      { code: 'unknown-field', path: 'owner', params: {} },
    ]);
  });

  test('reports every rule problem at once when a calendar has several', () => {
    const json = calendarJson({ timeZone: 'Nowhere/Special', holidays: ['2026-02-30'] }, { mon: [['17:00', '09:00']] });
    expect(problemsOf(json).map((problem) => problem.code)).toEqual(['unknown-time-zone', 'end-not-after-start', 'invalid-holiday']);
  });

  test('reports a whole-document type problem when the JSON is not an object', () => {
    expect(problemsOf('Europe/Amsterdam 9-17')).toEqual([{ code: 'invalid-type', path: '', params: { expected: 'object' } }]);
  });
});

describe('calendarSchema', () => {
  test('raises zod issues with the problem code and the field path when embedded in another schema', () => {
    const result = calendarSchema.safeParse(calendarJson({}, { tue: [['09:00', '12:00'], ['11:00', '17:00']] }));
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        code: 'custom',
        path: ['weeklyHours', 'tue', 1],
        params: { problem: 'overlapping-intervals', with: 0 },
        message: 'The interval overlaps interval 0 of the same day',
      }),
    ]);
  });

  test('parses a valid calendar when embedded in another schema', () => {
    expect(calendarSchema.safeParse(calendarJson()).success).toBe(true);
  });
});

describe('describeCalendarProblem', () => {
  test('writes an English sentence when a problem is logged', () => {
    expect(describeCalendarProblem({ code: 'invalid-time', path: 'weeklyHours.mon.0.0', params: { value: '9:00' } })).toBe(
      '9:00 is not a time HH:MM between 00:00 and 24:00',
    );
  });
});

describe('parseWallTime and parseLocalDate', () => {
  test.each([
    ['00:00', 0],
    ['09:30', 570],
    ['23:59', 1439],
    ['24:00', 1440],
    ['24:01', null],
    ['9:30', null],
    ['09:30:00', null],
    ['', null],
  ])('reads %j as %j minutes past midnight when parsing a wall time', (text, minutes) => {
    expect(parseWallTime(text)).toBe(minutes);
  });

  test.each([
    ['1970-01-01', 0],
    ['2026-12-25', 20_812],
    ['2024-02-29', 19_782],
    ['2026-02-29', null],
    ['2026-1-05', null],
  ])('reads %j as local day %j when parsing a date', (text, day) => {
    expect(parseLocalDate(text)).toBe(day);
  });
});
