// The iCalendar holiday import, on a file as a calendar app exports it (fixtures/: CRLF lines, a
// folded line, a VTIMEZONE, Outlook's midnight-to-midnight all-day event, a yearly rule with an
// exception, and events that are not holidays) and on malformed input.
import { describe, expect, test } from 'vitest';
import { parseCalendar } from './calendar';
import { holidaysFromICalendar } from './ical-holidays';

async function fixture(name: string): Promise<string> {
  const url = `${(import.meta as unknown as { url: string }).url.replace(/[^/]*$/, '')}fixtures/${name}?raw`;
  const module: { default: string } = await import(/* @vite-ignore */ url);
  return module.default;
}

const amsterdam = await fixture('holidays-amsterdam-2026.ics');

const lines = (...content: string[]): string => content.join('\r\n');
const calendarOf = (...events: string[][]): string =>
  lines('BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...events.flatMap((event) => ['BEGIN:VEVENT', ...event, 'END:VEVENT']), 'END:VCALENDAR');

describe('holidaysFromICalendar on an exported office calendar', () => {
  test('reads the all-day events, multi-day ones day by day, and the yearly rule over the years asked for', () => {
    expect(holidaysFromICalendar(amsterdam, { fromYear: 2026, toYear: 2028 })).toEqual({
      ok: true,
      holidays: [
        '2026-01-01',
        '2026-04-03',
        // Pasen: DTSTART 5 April, DTEND 7 April (exclusive) → 5 and 6 April
        '2026-04-05',
        '2026-04-06',
        // Koningsdag: no DTEND → one day
        '2026-04-27',
        // Hemelvaartsdag: DURATION:P1D
        '2026-05-14',
        // Tweede pinksterdag: 00:00–00:00 Amsterdam time (Outlook's all-day form)
        '2026-05-25',
        // Kerstmis: yearly from 2020, 25–26 December; EXDATE drops the whole 2027 occurrence
        '2026-12-25',
        '2026-12-26',
        '2028-12-25',
        '2028-12-26',
      ],
      skipped: [
        { event: 8, summary: 'Oudejaarsmiddag: office closes at 13:00', reason: 'not-all-day' },
        { event: 9, summary: 'Team day (moved)', reason: 'cancelled' },
        { event: 10, summary: 'Quiet Fridays', reason: 'unsupported-recurrence' },
      ],
    });
  });

  test('gives holidays a calendar accepts', () => {
    const imported = holidaysFromICalendar(amsterdam, { fromYear: 2026, toYear: 2026 });
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
    const weekday: [string, string][] = [['09:00', '17:00']];
    const parsed = parseCalendar({
      timeZone: 'Europe/Amsterdam',
      weeklyHours: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: [], sun: [] },
      holidays: imported.holidays,
    });
    expect(parsed.ok).toBe(true);
  });

  test('expands a yearly rule from the earliest start year when no years are given', () => {
    const result = holidaysFromICalendar(calendarOf(['DTSTART;VALUE=DATE:20250101', 'RRULE:FREQ=YEARLY', 'SUMMARY:New year']));
    // 2025 is the only start year: at least three years are kept.
    expect(result).toEqual({ ok: true, holidays: ['2025-01-01', '2026-01-01', '2027-01-01'], skipped: [] });
  });

  test('stops a yearly rule at its COUNT and UNTIL', () => {
    const result = holidaysFromICalendar(
      calendarOf(
        ['DTSTART;VALUE=DATE:20260501', 'RRULE:FREQ=YEARLY;COUNT=2', 'SUMMARY:Labour day'],
        ['DTSTART;VALUE=DATE:20261003', 'RRULE:FREQ=YEARLY;UNTIL=20271231', 'SUMMARY:Unity day'],
      ),
      { fromYear: 2026, toYear: 2030 },
    );
    expect(result).toEqual({ ok: true, holidays: ['2026-05-01', '2026-10-03', '2027-05-01', '2027-10-03'], skipped: [] });
  });

  test('reads a file that starts with a byte-order mark and uses LF line ends', () => {
    const text = `\uFEFF${calendarOf(['DTSTART;VALUE=DATE:20261225', 'SUMMARY:Christmas']).replace(/\r\n/g, '\n')}`;
    expect(holidaysFromICalendar(text)).toEqual({ ok: true, holidays: ['2026-12-25'], skipped: [] });
  });

  test('expands a rule on a weekday of a month (the last Monday of May)', () => {
    const result = holidaysFromICalendar(calendarOf(['DTSTART;VALUE=DATE:20260525', 'RRULE:FREQ=YEARLY;BYMONTH=5;BYDAY=-1MO', 'SUMMARY:Memorial Day']), {
      fromYear: 2026,
      toYear: 2028,
    });
    expect(result).toEqual({ ok: true, holidays: ['2026-05-25', '2027-05-31', '2028-05-29'], skipped: [] });
  });
});

describe('holidaysFromICalendar on malformed input', () => {
  const CASES: [string, string, unknown[]][] = [
    ['an empty file', '  \r\n', [{ code: 'empty', line: null, event: null, message: 'The file is empty' }]],
    ['plain text', 'Christmas: 25 December', [{ code: 'not-icalendar', line: null, event: null, message: 'The file is not an iCalendar file (no BEGIN:VCALENDAR)' }]],
    [
      'a line without a colon',
      calendarOf(['DTSTART;VALUE=DATE:20261225', 'SUMMARY Christmas']),
      [{ code: 'malformed-line', line: 6, event: null, message: 'Line 6 is not NAME:VALUE: SUMMARY Christmas' }],
    ],
    [
      'an event that is never ended',
      lines('BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20261225', 'END:VCALENDAR'),
      [
        { code: 'unbalanced', line: 4, event: null, message: 'Line 4 ends VCALENDAR, but VEVENT (line 2) is open' },
        { code: 'unbalanced', line: 1, event: null, message: 'VCALENDAR (line 1) is never ended' },
        { code: 'unbalanced', line: 2, event: null, message: 'VEVENT (line 2) is never ended' },
      ],
    ],
    [
      'a date that does not exist',
      calendarOf(['DTSTART;VALUE=DATE:20260230', 'SUMMARY:Nope']),
      [{ code: 'invalid-date', line: 5, event: null, message: 'Line 5: DTSTART 20260230 is not a real date or date-time' }],
    ],
    [
      'a rule that cannot be read',
      calendarOf(['DTSTART;VALUE=DATE:20261225', 'RRULE:FREQ=SOMETIMES']),
      [
        {
          code: 'invalid-recurrence',
          line: 6,
          event: null,
          message: 'Line 6: the RRULE cannot be read (invalid frequency "SOMETIMES" expected: "SECONDLY, MINUTELY, HOURLY, DAILY, WEEKLY, MONTHLY, YEARLY")',
        },
      ],
    ],
    ['an event without a start', calendarOf(['SUMMARY:Someday']), [{ code: 'missing-start', line: null, event: 1, message: 'Event 1 (Someday) has no DTSTART' }]],
    [
      'an event that ends before it starts',
      calendarOf(['DTSTART;VALUE=DATE:20261226', 'DTEND;VALUE=DATE:20261224', 'SUMMARY:Backwards']),
      [{ code: 'end-before-start', line: null, event: 1, message: 'Event 1 (Backwards) ends before it starts' }],
    ],
  ];

  test.each(CASES)('refuses %s with every problem and where it is', (_label, text, problems) => {
    expect(holidaysFromICalendar(text)).toEqual({ ok: false, problems });
  });

  test('refuses a range of years that is too long', () => {
    expect(holidaysFromICalendar(calendarOf(['DTSTART;VALUE=DATE:20261225']), { fromYear: 2000, toYear: 2200 })).toEqual({
      ok: false,
      problems: [{ code: 'too-many-days', line: null, event: null, message: 'The years 2000–2200 are not a range of at most 100 years' }],
    });
  });
});
