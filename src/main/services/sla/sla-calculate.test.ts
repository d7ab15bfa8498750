// `sla/calculate` through the contract's dispatch: the input validated with the shared schema,
// the answer in the one envelope.
import { describe, expect, test } from 'vitest';
import { dispatch, type Handlers } from '../handlers';
import { slaHandlers } from './sla-calculate';

const handlers = slaHandlers() as unknown as Handlers;
const weekday: [string, string][] = [['09:00', '12:00'], ['13:00', '17:00']];
// Mon–Fri 09:00–12:00 and 13:00–17:00 Amsterdam, closed on Good Friday 2026.
const calendar = {
  timeZone: 'Europe/Amsterdam',
  weeklyHours: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: [], sun: [] },
  holidays: ['2026-04-03'],
};

describe('sla/calculate', () => {
  test('answers the due time in the calendar’s zone with its explanation when given minutes', async () => {
    // Thu 2 April 16:00 + 120: Thu 16:00–17:00 (60), Good Friday, the weekend, Mon 09:00–10:00 (60) → Mon 6 April 10:00
    const answer = await dispatch(handlers, 'sla/calculate', { calendar, start: '2026-04-02T16:00+02:00', minutes: 120 });
    expect(answer).toEqual({
      ok: true,
      value: {
        kind: 'due',
        dueAt: '2026-04-06T10:00:00+02:00',
        dueAtMs: Date.parse('2026-04-06T10:00+02:00'),
        explanation: expect.objectContaining({ outcome: 'due', timeZone: 'Europe/Amsterdam', targetMinutes: 120, countedMinutes: 120, pausedMinutes: 0 }),
      },
    });
    const segments = (answer as { value: { explanation: { segments: { kind: string; reason?: string; fromLocal: string; minutes: number }[] } } }).value.explanation.segments;
    expect(segments.map((s) => `${s.reason ?? s.kind} ${s.fromLocal} ${s.minutes}`)).toEqual([
      'counted 2026-04-02T16:00+02:00 60',
      'closed 2026-04-02T17:00+02:00 0',
      'holiday 2026-04-03T00:00+02:00 0',
      'weekend 2026-04-04T00:00+02:00 0',
      'closed 2026-04-06T00:00+02:00 0',
      'counted 2026-04-06T09:00+02:00 60',
    ]);
  });

  test('answers the business minutes between two instants when given an end', async () => {
    // Mon 11:00 → Tue 10:00 (UTC offsets may differ): Mon 11–12 (60) + 13–17 (240) + Tue 9–10 (60) = 360
    expect(await dispatch(handlers, 'sla/calculate', { calendar, start: '2026-03-30T11:00+02:00', end: '2026-03-31T08:00:00Z' })).toEqual({
      ok: true,
      value: { kind: 'between', minutes: 360 },
    });
  });

  test('answers a null due time when the calendar has no working time left', async () => {
    const closed = { ...calendar, weeklyHours: { ...calendar.weeklyHours, mon: [], tue: [], wed: [], thu: [], fri: [['09:00', '10:00']] }, holidays: [] };
    const answer = await dispatch(handlers, 'sla/calculate', { calendar: closed, start: '2026-04-02T16:00+02:00', minutes: 999_999 });
    expect(answer).toMatchObject({ ok: true, value: { kind: 'due', dueAt: null, dueAtMs: null, explanation: { outcome: 'beyond-horizon' } } });
  });

  const INVALID: [string, Record<string, unknown>, { field: string; message: string }][] = [
    [
      'an overlapping interval',
      { calendar: { ...calendar, weeklyHours: { ...calendar.weeklyHours, mon: [['09:00', '12:00'], ['11:00', '13:00']] } }, start: '2026-04-02T16:00+02:00', minutes: 60 },
      { field: 'calendar.weeklyHours.mon.1', message: 'The interval overlaps interval 0 of the same day' },
    ],
    [
      'an unknown time zone',
      { calendar: { ...calendar, timeZone: 'Europe/Atlantis' }, start: '2026-04-02T16:00+02:00', minutes: 60 },
      { field: 'calendar.timeZone', message: 'Europe/Atlantis is not a known IANA time zone' },
    ],
    [
      'a wall time without an offset',
      { calendar, start: '2026-04-02T16:00', minutes: 60 },
      { field: 'start', message: 'Not an instant: write ISO 8601 with an offset, e.g. 2026-03-27T16:00+01:00' },
    ],
    [
      'a date that does not exist',
      { calendar, start: '2026-02-30T16:00+01:00', end: '2026-03-02T16:00+01:00' },
      { field: 'start', message: 'Not an instant: write ISO 8601 with an offset, e.g. 2026-03-27T16:00+01:00' },
    ],
    [
      'a bad end',
      { calendar, start: '2026-04-02T16:00+02:00', end: 'tomorrow' },
      { field: 'end', message: 'Not an instant: write ISO 8601 with an offset, e.g. 2026-03-27T16:00+01:00' },
    ],
    [
      'both minutes and an end',
      { calendar, start: '2026-04-02T16:00+02:00', minutes: 60, end: '2026-04-03T16:00+02:00' },
      { field: 'minutes', message: 'Give either minutes (to get the due time) or end (to get the minutes between)' },
    ],
    [
      'negative minutes',
      { calendar, start: '2026-04-02T16:00+02:00', minutes: -5 },
      { field: 'minutes', message: 'Too small: expected number to be >=0' },
    ],
  ];

  test.each(INVALID)('refuses %s with a validation error naming the field', async (_label, input, error) => {
    expect(await dispatch(handlers, 'sla/calculate', input)).toEqual({ ok: false, error: { code: 'validation', ...error } });
  });
});
