// Randomised checks of the business-time laws over random calendars (zones with DST, midnight
// transitions, 30/45-minute offsets, a skipped day), random hours, holidays, starts and pauses.
// Every run logs its seed; replay a failure with FC_SEED=<seed> npx vitest run <this file>.
// FC_NUM_RUNS=<n> runs each law n times instead of 300.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, test } from 'vitest';
import {
  addBusinessMinutes,
  addBusinessMinutesWithPauses,
  businessMinutesBetween,
  isOpenAt,
  nextOpenAt,
} from './business-clock';
import { type Calendar, type OpeningInterval, WEEKDAYS, parseCalendar, parseWallTime } from './calendar';
import { explainDeadline } from './explain-deadline';
import { env, propertySeed } from './test-support';

const ZONES = [
  'Europe/Amsterdam',
  'America/New_York',
  'Australia/Adelaide',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'America/Santiago',
  'America/Havana',
  'America/St_Johns',
  'Europe/Dublin',
  'Pacific/Apia',
  'Pacific/Chatham',
  'Asia/Tehran',
  'Etc/UTC',
];
const FROM_MS = Date.UTC(2010, 0, 1);
const TO_MS = Date.UTC(2030, 0, 1);
const DAY_MS = 86_400_000;
// FC_NUM_RUNS raises the count for a deeper run (e.g. 20000) without editing the file.
const NUM_RUNS = Number(env('FC_NUM_RUNS') ?? 300);

const wall = (quarterHours: number): string =>
  `${String(Math.floor(quarterHours / 4)).padStart(2, '0')}:${String((quarterHours % 4) * 15).padStart(2, '0')}`;

// A day's hours: sorted distinct quarter-hour boundaries taken in pairs (so never overlapping).
const dayHours = fc
  .uniqueArray(fc.integer({ min: 0, max: 96 }), { maxLength: 6 })
  .map((bounds) => {
    const sorted = [...bounds].sort((a, b) => a - b);
    const intervals: OpeningInterval[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) intervals.push([wall(sorted[i] as number), wall(sorted[i + 1] as number)]);
    return intervals;
  });

const holidayDates = fc.uniqueArray(
  fc.integer({ min: Math.floor(FROM_MS / DAY_MS), max: Math.floor(TO_MS / DAY_MS) }).map((day) => new Date(day * DAY_MS).toISOString().slice(0, 10)),
  { maxLength: 40 },
);

const calendarArb: fc.Arbitrary<Calendar> = fc
  .record({
    timeZone: fc.constantFrom(...ZONES),
    days: fc.array(dayHours, { minLength: 7, maxLength: 7 }),
    holidays: holidayDates,
  })
  .filter(({ days }) => days.some((intervals) => intervals.length > 0))
  .map(({ timeZone, days, holidays }) => {
    const result = parseCalendar({
      timeZone,
      weeklyHours: Object.fromEntries(WEEKDAYS.map((day, i) => [day, days[i]])),
      holidays,
    });
    if (!result.ok) throw new Error(`generator made an invalid calendar: ${JSON.stringify(result.problems)}`);
    return result.calendar;
  });

const instantArb = fc.integer({ min: FROM_MS, max: TO_MS });
const minutesArb = fc.integer({ min: 0, max: 20_000 });

function run<Ts>(label: string, property: fc.IRawProperty<Ts>): void {
  fc.assert(property, { seed: propertySeed(label), numRuns: NUM_RUNS });
}

describe('business-time laws (fast-check)', () => {
  test('returns exactly m business minutes between a start and its deadline for whole m', () => {
    run(
      'between(s, add(s, m)) == m',
      fc.property(calendarArb, instantArb, minutesArb, (calendar, startMs, minutes) => {
        const dueAt = addBusinessMinutes(calendar, startMs, minutes);
        if (dueAt === null) return;
        expect(businessMinutesBetween(calendar, startMs, dueAt)).toBe(minutes);
      }),
    );
  });

  test('never moves a deadline earlier when the minutes grow', () => {
    run(
      'deadlines are monotone in minutes',
      fc.property(calendarArb, instantArb, minutesArb, minutesArb, (calendar, startMs, a, b) => {
        const [less, more] = a <= b ? [a, b] : [b, a];
        const early = addBusinessMinutes(calendar, startMs, less);
        const late = addBusinessMinutes(calendar, startMs, more);
        if (early === null || late === null) return;
        expect(early).toBeLessThanOrEqual(late);
        expect(early).toBeGreaterThanOrEqual(startMs);
      }),
    );
  });

  test('lands on a working instant or the end of an interval when a deadline is computed', () => {
    run(
      'deadline at a working instant',
      fc.property(calendarArb, instantArb, minutesArb, (calendar, startMs, minutes) => {
        const dueAt = addBusinessMinutes(calendar, startMs, minutes);
        if (dueAt === null) return;
        // 0 minutes: the next open instant itself; otherwise the last counted millisecond was open.
        if (minutes === 0) expect(isOpenAt(calendar, dueAt)).toBe(true);
        else expect(isOpenAt(calendar, dueAt - 1)).toBe(true);
      }),
    );
  });

  test('moves the deadline by exactly the business minutes a pause holds', () => {
    run(
      'a pause of p business minutes moves the deadline by p',
      fc.property(
        calendarArb,
        instantArb,
        fc.integer({ min: 1, max: 20_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.integer({ min: 1, max: 3 * 86_400 }),
        (calendar, startMs, minutes, where, lengthS) => {
          const dueAt = addBusinessMinutes(calendar, startMs, minutes);
          if (dueAt === null) return;
          const fromMs = startMs + Math.floor(where * (dueAt - startMs));
          const toMs = fromMs + lengthS * 1000;
          const heldMinutes = businessMinutesBetween(calendar, fromMs, toMs);
          const pausedDueAt = addBusinessMinutesWithPauses(calendar, startMs, minutes, [{ fromMs, toMs }]);
          if (pausedDueAt === null) return;
          expect(pausedDueAt).toBe(addBusinessMinutes(calendar, startMs, minutes + heldMinutes));
          expect(businessMinutesBetween(calendar, dueAt, pausedDueAt)).toBeCloseTo(heldMinutes, 9);
        },
      ),
    );
  });

  test('adds up in steps when a deadline is computed from an earlier deadline', () => {
    run(
      'add(add(s, a), b) == add(s, a + b) for b ≥ 1',
      fc.property(calendarArb, instantArb, minutesArb, fc.integer({ min: 1, max: 20_000 }), (calendar, startMs, a, b) => {
        const first = addBusinessMinutes(calendar, startMs, a);
        if (first === null) return;
        const whole = addBusinessMinutes(calendar, startMs, a + b);
        if (whole === null) return;
        expect(addBusinessMinutes(calendar, first, b)).toBe(whole);
      }),
    );
  });

  test('finds the next opening at or after an instant with no business time before it', () => {
    run(
      'nextOpenAt',
      fc.property(calendarArb, instantArb, (calendar, atMs) => {
        const next = nextOpenAt(calendar, atMs);
        if (next === null) return;
        expect(next).toBeGreaterThanOrEqual(atMs);
        expect(isOpenAt(calendar, next)).toBe(true);
        expect(businessMinutesBetween(calendar, atMs, next)).toBe(0);
        if (next > atMs) expect(isOpenAt(calendar, atMs)).toBe(false);
      }),
    );
  });

  test('explains a deadline with gapless segments whose counted minutes add up to the target', () => {
    run(
      'explanation covers start..due and counts m',
      fc.property(calendarArb, instantArb, fc.integer({ min: 0, max: 5_000 }), (calendar, startMs, minutes) => {
        const explanation = explainDeadline(calendar, startMs, minutes);
        if (explanation.outcome !== 'due') return;
        expect(explanation.countedMinutes).toBe(minutes);
        let cursor = startMs;
        for (const segment of explanation.segments) {
          expect(segment.fromMs).toBe(cursor);
          expect(segment.toMs).toBeGreaterThan(segment.fromMs);
          expect(isOpenAt(calendar, segment.fromMs)).toBe(segment.kind === 'counted');
          cursor = segment.toMs;
        }
        expect(cursor).toBe(explanation.dueAt);
      }),
    );
  });

  test('agrees with a wall-clock reading by luxon when the local day has no DST transition', () => {
    run(
      'isOpenAt matches an independent wall-clock oracle',
      fc.property(calendarArb, instantArb, (calendar, atMs) => {
        const dt = DateTime.fromMillis(atMs, { zone: calendar.timeZone });
        // Only days whose offset is the same all around: there, wall time and instants agree one to one.
        const before = DateTime.fromMillis(atMs - 2 * DAY_MS, { zone: calendar.timeZone }).offset;
        const after = DateTime.fromMillis(atMs + 2 * DAY_MS, { zone: calendar.timeZone }).offset;
        if (before !== dt.offset || after !== dt.offset) return;
        const weekday = WEEKDAYS[dt.weekday - 1] as (typeof WEEKDAYS)[number];
        const minuteOfDay = dt.hour * 60 + dt.minute + dt.second / 60 + dt.millisecond / 60_000;
        const expected =
          !calendar.holidays.includes(dt.toISODate() ?? '') &&
          calendar.weeklyHours[weekday].some(
            ([start, end]) => (parseWallTime(start) as number) <= minuteOfDay && minuteOfDay < (parseWallTime(end) as number),
          );
        expect(isOpenAt(calendar, atMs)).toBe(expected);
      }),
    );
  });
});
