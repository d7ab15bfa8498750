import { describe, expect, test } from 'vitest';
import {
  SEARCH_HORIZON_DAYS,
  addBusinessMinutes,
  addBusinessMinutesWithPauses,
  businessMinutesBetween,
  isOpenAt,
  nextOpenAt,
  runBusinessClock,
} from './business-clock';
import type { Calendar } from './calendar';
import { at, local, makeCalendar, weekdays } from './test-support';

const AMS = 'Europe/Amsterdam';
// Mon–Fri 09:00–17:00 in Amsterdam; Christmas Day 2026 (a Friday) is a holiday.
const office = makeCalendar(AMS, weekdays(['09:00', '17:00']), ['2026-12-25']);
// Mon–Fri with a lunch break.
const split = makeCalendar(AMS, weekdays(['09:00', '12:00'], ['13:00', '17:00']));
// Night shifts Mon–Fri nights: 22:00–24:00 and on through 06:00 the next morning.
const nights = makeCalendar(AMS, {
  mon: [['22:00', '24:00']],
  tue: [['00:00', '06:00'], ['22:00', '24:00']],
  wed: [['00:00', '06:00'], ['22:00', '24:00']],
  thu: [['00:00', '06:00'], ['22:00', '24:00']],
  fri: [['00:00', '06:00'], ['22:00', '24:00']],
  sat: [['00:00', '06:00']],
});

interface AddCase {
  name: string;
  calendar: Calendar;
  start: string;
  minutes: number;
  due: string;
}

// 2026-03-16 is a Monday; March 2026 in Amsterdam is +01:00 until the 29th.
const addCases: AddCase[] = [
  // Tue 10:00 + 120 business minutes = Tue 12:00
  { name: 'a plain day', calendar: office, start: '2026-03-17T10:00+01:00', minutes: 120, due: '2026-03-17T12:00+01:00' },
  // Mon 09:00 + 480 business minutes = Mon 17:00 (the minutes run out at the close, not Tue 09:00)
  { name: 'a full day', calendar: office, start: '2026-03-16T09:00+01:00', minutes: 480, due: '2026-03-16T17:00+01:00' },
  // Mon 16:00 + 120 = Mon 17:00 (60) + Tue 09:00–10:00 (60) = Tue 10:00
  { name: 'a night', calendar: office, start: '2026-03-16T16:00+01:00', minutes: 120, due: '2026-03-17T10:00+01:00' },
  // Fri 16:00 + 120 = Fri 17:00 (60) + Sat, Sun closed + Mon 09:00–10:00 (60) = Mon 10:00
  { name: 'a weekend', calendar: office, start: '2026-03-13T16:00+01:00', minutes: 120, due: '2026-03-16T10:00+01:00' },
  // Mon 09:00 + 2400 = five full days Mon–Fri = Fri 17:00
  { name: 'a whole week', calendar: office, start: '2026-03-16T09:00+01:00', minutes: 2400, due: '2026-03-20T17:00+01:00' },
  // Mon 09:00 + 2401 = Mon–Fri (2400) + 1 minute of the next Monday = Mon 09:01
  { name: 'a week and a minute', calendar: office, start: '2026-03-16T09:00+01:00', minutes: 2401, due: '2026-03-23T09:01+01:00' },
  // Sat 11:00 + 60: counting starts at the next opening, Mon 09:00 → Mon 10:00
  { name: 'a start on the weekend', calendar: office, start: '2026-03-14T11:00+01:00', minutes: 60, due: '2026-03-16T10:00+01:00' },
  // Mon 07:00 + 30: counting starts at 09:00 → Mon 09:30
  { name: 'a start before opening', calendar: office, start: '2026-03-16T07:00+01:00', minutes: 30, due: '2026-03-16T09:30+01:00' },
  // Mon 17:00 + 0: 17:00 is closed (intervals exclude their end); the next working instant is Tue 09:00
  { name: 'zero minutes at closing time', calendar: office, start: '2026-03-16T17:00+01:00', minutes: 0, due: '2026-03-17T09:00+01:00' },
  // Mon 12:00 + 0 = Mon 12:00 (already open)
  { name: 'zero minutes while open', calendar: office, start: '2026-03-16T12:00+01:00', minutes: 0, due: '2026-03-16T12:00+01:00' },
  // Thu 24 Dec 16:00 + 120 = Thu 17:00 (60) + Fri 25 Dec holiday + weekend + Mon 28 Dec 09:00–10:00 (60) = Mon 10:00
  { name: 'a holiday', calendar: office, start: '2026-12-24T16:00+01:00', minutes: 120, due: '2026-12-28T10:00+01:00' },
  // Mon 11:00 + 120 = 11:00–12:00 (60) + lunch + 13:00–14:00 (60) = Mon 14:00
  { name: 'a lunch break', calendar: split, start: '2026-03-16T11:00+01:00', minutes: 120, due: '2026-03-16T14:00+01:00' },
  // Mon 12:30 (lunch) + 30: counting starts at 13:00 → Mon 13:30
  { name: 'a start during lunch', calendar: split, start: '2026-03-16T12:30+01:00', minutes: 30, due: '2026-03-16T13:30+01:00' },
  // Mon 11:00 + 60 = 12:00, the end of the morning interval (not 13:00)
  { name: 'minutes running out at lunch', calendar: split, start: '2026-03-16T11:00+01:00', minutes: 60, due: '2026-03-16T12:00+01:00' },
  // Mon 23:00 + 120 = Mon 23:00–24:00 (60) + Tue 00:00–01:00 (60) = Tue 01:00, no seam at midnight
  { name: 'a night shift across midnight', calendar: nights, start: '2026-03-16T23:00+01:00', minutes: 120, due: '2026-03-17T01:00+01:00' },
  // Mon 23:00 + 60 = Tue 00:00 (Mon's 24:00 is Tue's 00:00)
  { name: 'a night shift ending at 24:00', calendar: nights, start: '2026-03-16T23:00+01:00', minutes: 60, due: '2026-03-17T00:00+01:00' },
  // Tue 05:00 + 120 = Tue 05:00–06:00 (60) + Tue 22:00–23:00 (60) = Tue 23:00
  { name: 'a night shift across the day', calendar: nights, start: '2026-03-17T05:00+01:00', minutes: 120, due: '2026-03-17T23:00+01:00' },
  // Fri 23:00 + 420 = Fri 23:00–24:00 (60) + Sat 00:00–06:00 (360) = Sat 06:00
  { name: 'the last night shift of the week', calendar: nights, start: '2026-03-13T23:00+01:00', minutes: 420, due: '2026-03-14T06:00+01:00' },
  // Sat 05:00 + 120 = Sat 05:00–06:00 (60) + Mon 22:00–23:00 (60) = Mon 23:00
  { name: 'a night shift over the weekend', calendar: nights, start: '2026-03-14T05:00+01:00', minutes: 120, due: '2026-03-16T23:00+01:00' },
  // Tue 10:00 + 90.5 = Tue 11:30:30 (fractional minutes count to the millisecond)
  { name: 'fractional minutes', calendar: office, start: '2026-03-17T10:00+01:00', minutes: 90.5, due: '2026-03-17T11:30:30.000+01:00' },
];

describe('addBusinessMinutes', () => {
  test.each(addCases)('returns $due for $start + $minutes when the span covers $name', ({ calendar, start, minutes, due }) => {
    expect(local(addBusinessMinutes(calendar, at(start), minutes), calendar.timeZone)).toBe(due);
  });

  test('returns null when the minutes never run out within the search horizon', () => {
    // Open only on Mondays, and every Monday for six years is a holiday.
    const holidays: string[] = [];
    for (let day = Date.UTC(2026, 0, 5); day < Date.UTC(2032, 0, 1); day += 7 * 86_400_000) {
      holidays.push(new Date(day).toISOString().slice(0, 10));
    }
    const mondaysOff = makeCalendar(AMS, { mon: [['09:00', '17:00']] }, holidays);
    expect(addBusinessMinutes(mondaysOff, at('2026-01-01T00:00+01:00'), 60)).toBeNull();
    expect(runBusinessClock(mondaysOff, at('2026-01-01T00:00+01:00'), 60)).toEqual({ outcome: 'beyond-horizon' });
    expect(nextOpenAt(mondaysOff, at('2026-01-01T00:00+01:00'))).toBeNull();
    expect(SEARCH_HORIZON_DAYS).toBeGreaterThanOrEqual(5 * 365);
  });

  test('finds the deadline when the next opening is years away but inside the horizon', () => {
    // Open only on Mondays; every Monday of 2026–2028 is a holiday.
    const holidays: string[] = [];
    for (let day = Date.UTC(2026, 0, 5); day < Date.UTC(2029, 0, 1); day += 7 * 86_400_000) {
      holidays.push(new Date(day).toISOString().slice(0, 10));
    }
    const mondaysOff = makeCalendar(AMS, { mon: [['09:00', '17:00']] }, holidays);
    // Thu 2026-01-01 + 60: the first Monday that is no holiday is 2029-01-01 → Mon 10:00
    expect(local(addBusinessMinutes(mondaysOff, at('2026-01-01T00:00+01:00'), 60), AMS)).toBe('2029-01-01T10:00+01:00');
  });

  test('throws a RangeError when minutes are negative or not a number', () => {
    expect(() => addBusinessMinutes(office, 0, -1)).toThrow(RangeError);
    expect(() => addBusinessMinutes(office, 0, Number.NaN)).toThrow(RangeError);
    expect(() => addBusinessMinutes(office, Number.POSITIVE_INFINITY, 1)).toThrow(RangeError);
  });

  test('throws when a calendar that never went through validation is passed', () => {
    const broken = { ...office, timeZone: 'Mars/Olympus_Mons' };
    expect(() => addBusinessMinutes(broken, 0, 1)).toThrow(/unknown-time-zone/);
  });
});

interface BetweenCase {
  name: string;
  calendar: Calendar;
  start: string;
  end: string;
  minutes: number;
}

const betweenCases: BetweenCase[] = [
  // Mon 09:00 → Mon 17:00 = 480
  { name: 'a full day', calendar: office, start: '2026-03-16T09:00+01:00', end: '2026-03-16T17:00+01:00', minutes: 480 },
  // Mon 08:00 → Mon 18:00 = 09:00–17:00 = 480 (closed time does not count)
  { name: 'a day with closed edges', calendar: office, start: '2026-03-16T08:00+01:00', end: '2026-03-16T18:00+01:00', minutes: 480 },
  // Fri 16:00 → Mon 10:00 = 60 + 60 = 120
  { name: 'a weekend', calendar: office, start: '2026-03-13T16:00+01:00', end: '2026-03-16T10:00+01:00', minutes: 120 },
  // Mon 10:00 → Fri 16:00 reversed = -120 (minutes overdue, read backwards)
  { name: 'a reversed weekend', calendar: office, start: '2026-03-16T10:00+01:00', end: '2026-03-13T16:00+01:00', minutes: -120 },
  // Thu 24 Dec 09:00 → Mon 28 Dec 09:00 = Thu only (Fri is Christmas) = 480
  { name: 'a holiday', calendar: office, start: '2026-12-24T09:00+01:00', end: '2026-12-28T09:00+01:00', minutes: 480 },
  // Mon 09:00 → Mon 17:00 with lunch = 180 + 240 = 420
  { name: 'a lunch break', calendar: split, start: '2026-03-16T09:00+01:00', end: '2026-03-16T17:00+01:00', minutes: 420 },
  // Mon 20:00 → Tue 08:00 on nights = 22:00–06:00 = 480
  { name: 'a night shift', calendar: nights, start: '2026-03-16T20:00+01:00', end: '2026-03-17T08:00+01:00', minutes: 480 },
  // Tue 10:00:00 → Tue 10:00:30 = half a minute (not floored)
  { name: 'half a minute', calendar: office, start: '2026-03-17T10:00:00+01:00', end: '2026-03-17T10:00:30+01:00', minutes: 0.5 },
  // Sat 10:00 → Sun 10:00 = 0
  { name: 'only closed time', calendar: office, start: '2026-03-14T10:00+01:00', end: '2026-03-15T10:00+01:00', minutes: 0 },
];

describe('businessMinutesBetween', () => {
  test.each(betweenCases)('returns $minutes from $start to $end when the span covers $name', ({ calendar, start, end, minutes }) => {
    expect(businessMinutesBetween(calendar, at(start), at(end))).toBe(minutes);
  });
});

describe('isOpenAt and nextOpenAt', () => {
  test.each([
    // Mon 09:00 is open (intervals include their start)
    ['2026-03-16T09:00+01:00', true, '2026-03-16T09:00+01:00'],
    // Mon 16:59:59.999 is open
    ['2026-03-16T16:59:59.999+01:00', true, '2026-03-16T16:59:59.999+01:00'],
    // Mon 17:00 is closed (intervals exclude their end) → next opening Tue 09:00
    ['2026-03-16T17:00+01:00', false, '2026-03-17T09:00+01:00'],
    // Fri 20:00 → next opening Mon 09:00
    ['2026-03-13T20:00+01:00', false, '2026-03-16T09:00+01:00'],
    // Fri 25 Dec (holiday) 10:00 → next opening Mon 28 Dec 09:00
    ['2026-12-25T10:00+01:00', false, '2026-12-28T09:00+01:00'],
  ])('tells %s is open: %s, next opening %s, in Mon–Fri 09–17 Amsterdam', (instant, open, next) => {
    expect(isOpenAt(office, at(instant))).toBe(open);
    expect(local(nextOpenAt(office, at(instant)), AMS)).toBe(next);
  });

  test('treats 24:00 and the next 00:00 as one open stretch when a night shift crosses midnight', () => {
    // Tue 00:00 belongs to Tue 00:00–06:00, which continues Mon 22:00–24:00
    expect(isOpenAt(nights, at('2026-03-17T00:00+01:00'))).toBe(true);
    expect(isOpenAt(nights, at('2026-03-16T23:59:59.999+01:00'))).toBe(true);
    expect(isOpenAt(nights, at('2026-03-17T06:00+01:00'))).toBe(false);
  });
});

describe('addBusinessMinutesWithPauses', () => {
  test('moves the deadline by the business minutes of a pause when the pause crosses midnight', () => {
    // Mon 15:00 + 240 unpaused = Mon 15:00–17:00 (120) + Tue 09:00–11:00 (120) = Tue 11:00
    expect(local(addBusinessMinutes(office, at('2026-03-16T15:00+01:00'), 240), AMS)).toBe('2026-03-17T11:00+01:00');
    // Pending Mon 16:00 → Tue 10:00 holds Mon 16:00–17:00 (60) + Tue 09:00–10:00 (60) = 120:
    // Mon 15:00–16:00 (60) + Tue 10:00–13:00 (180) = Tue 13:00, i.e. Tue 11:00 + 120 business minutes
    const pending = [{ fromMs: at('2026-03-16T16:00+01:00'), toMs: at('2026-03-17T10:00+01:00') }];
    expect(local(addBusinessMinutesWithPauses(office, at('2026-03-16T15:00+01:00'), 240, pending), AMS)).toBe(
      '2026-03-17T13:00+01:00',
    );
  });

  test('moves the deadline by the paused night-shift minutes when a pause crosses midnight on a night shift', () => {
    // Mon 22:00 + 240 unpaused = Tue 02:00; on hold Mon 23:00 → Tue 01:00 holds 120 minutes
    // across midnight → Mon 22:00–23:00 (60) + Tue 01:00–04:00 (180) = Tue 04:00
    const onHold = [{ fromMs: at('2026-03-16T23:00+01:00'), toMs: at('2026-03-17T01:00+01:00') }];
    expect(local(addBusinessMinutesWithPauses(nights, at('2026-03-16T22:00+01:00'), 240, onHold), AMS)).toBe(
      '2026-03-17T04:00+01:00',
    );
  });

  test('leaves the deadline alone when a pause lies in closed time or before the start', () => {
    // Mon 15:00 + 240 = Tue 11:00; pauses Mon 18:00–Tue 08:00 (closed) and Mon 10:00–14:00 (before start) hold nothing
    const pauses = [
      { fromMs: at('2026-03-16T18:00+01:00'), toMs: at('2026-03-17T08:00+01:00') },
      { fromMs: at('2026-03-16T10:00+01:00'), toMs: at('2026-03-16T14:00+01:00') },
    ];
    expect(local(addBusinessMinutesWithPauses(office, at('2026-03-16T15:00+01:00'), 240, pauses), AMS)).toBe(
      '2026-03-17T11:00+01:00',
    );
  });

  test('counts overlapping pauses once when pauses overlap', () => {
    // Pauses Tue 09:00–10:00 and 09:30–10:30 hold 09:00–10:30 = 90:
    // Mon 15:00 + 240 = Mon 15:00–17:00 (120) + Tue 10:30–12:30 (120) = Tue 12:30
    const pauses = [
      { fromMs: at('2026-03-17T09:30+01:00'), toMs: at('2026-03-17T10:30+01:00') },
      { fromMs: at('2026-03-17T09:00+01:00'), toMs: at('2026-03-17T10:00+01:00') },
    ];
    expect(local(addBusinessMinutesWithPauses(office, at('2026-03-16T15:00+01:00'), 240, pauses), AMS)).toBe(
      '2026-03-17T12:30+01:00',
    );
  });

  test('returns null and runBusinessClock reports the remaining minutes when an open-ended pause holds the clock', () => {
    // Mon 15:00 + 240; pending since Mon 16:30 with no end: 90 counted, 150 left
    const pending = [{ fromMs: at('2026-03-16T16:30+01:00'), toMs: null }];
    expect(addBusinessMinutesWithPauses(office, at('2026-03-16T15:00+01:00'), 240, pending)).toBeNull();
    expect(runBusinessClock(office, at('2026-03-16T15:00+01:00'), 240, pending)).toEqual({
      outcome: 'paused',
      pausedAt: at('2026-03-16T16:30+01:00'),
      remainingMinutes: 150,
    });
  });

  test('returns the deadline when an open-ended pause starts after the minutes ran out', () => {
    // Mon 15:00 + 60 = Mon 16:00; pending from Mon 16:30 on changes nothing
    const pending = [{ fromMs: at('2026-03-16T16:30+01:00'), toMs: null }];
    expect(local(addBusinessMinutesWithPauses(office, at('2026-03-16T15:00+01:00'), 60, pending), AMS)).toBe(
      '2026-03-16T16:00+01:00',
    );
  });

  test('throws a RangeError when a pause ends before it starts', () => {
    expect(() => addBusinessMinutesWithPauses(office, 0, 10, [{ fromMs: 10, toMs: 5 }])).toThrow(RangeError);
  });
});
