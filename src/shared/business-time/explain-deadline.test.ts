import { describe, expect, test } from 'vitest';
import { explainDeadline } from './explain-deadline';
import { at, makeCalendar, weekdays } from './test-support';

const AMS = 'Europe/Amsterdam';
const office = makeCalendar(AMS, weekdays(['09:00', '17:00']), ['2026-12-25']);
const split = makeCalendar(AMS, weekdays(['09:00', '12:00'], ['13:00', '17:00']));
const nights = makeCalendar(AMS, {
  mon: [['22:00', '24:00']],
  tue: [['00:00', '06:00'], ['22:00', '24:00']],
});

/** A segment as the test writes it: local times only, instants derived. */
function counted(fromLocal: string, toLocal: string, minutes: number) {
  return { kind: 'counted', fromMs: at(fromLocal), toMs: at(toLocal), fromLocal, toLocal, minutes };
}
function skipped(reason: string, fromLocal: string, toLocal: string, minutes = 0) {
  return { kind: 'skipped', reason, fromMs: at(fromLocal), toMs: at(toLocal), fromLocal, toLocal, minutes };
}

describe('explainDeadline', () => {
  test('lists counted, closed and weekend stretches when a deadline spans a weekend and the DST jump', () => {
    // Fri 16:00 Europe/Amsterdam + 120 business minutes = Mon 10:00 (+02:00 after spring-forward)
    expect(explainDeadline(office, at('2026-03-27T16:00+01:00'), 120)).toEqual({
      outcome: 'due',
      dueAt: at('2026-03-30T10:00+02:00'),
      timeZone: AMS,
      startAt: at('2026-03-27T16:00+01:00'),
      targetMinutes: 120,
      countedMinutes: 120,
      pausedMinutes: 0,
      segments: [
        counted('2026-03-27T16:00+01:00', '2026-03-27T17:00+01:00', 60),
        skipped('closed', '2026-03-27T17:00+01:00', '2026-03-28T00:00+01:00'),
        skipped('weekend', '2026-03-28T00:00+01:00', '2026-03-30T00:00+02:00'),
        skipped('closed', '2026-03-30T00:00+02:00', '2026-03-30T09:00+02:00'),
        counted('2026-03-30T09:00+02:00', '2026-03-30T10:00+02:00', 60),
      ],
    });
  });

  test('names the holiday when a holiday is skipped', () => {
    // Thu 24 Dec 16:00 + 120 = Thu 17:00 (60) + Christmas (Fri) + weekend + Mon 28 Dec 09:00–10:00 (60)
    expect(explainDeadline(office, at('2026-12-24T16:00+01:00'), 120).segments).toEqual([
      counted('2026-12-24T16:00+01:00', '2026-12-24T17:00+01:00', 60),
      skipped('closed', '2026-12-24T17:00+01:00', '2026-12-25T00:00+01:00'),
      skipped('holiday', '2026-12-25T00:00+01:00', '2026-12-26T00:00+01:00'),
      skipped('weekend', '2026-12-26T00:00+01:00', '2026-12-28T00:00+01:00'),
      skipped('closed', '2026-12-28T00:00+01:00', '2026-12-28T09:00+01:00'),
      counted('2026-12-28T09:00+01:00', '2026-12-28T10:00+01:00', 60),
    ]);
  });

  test('shows a pause across midnight as one paused stretch with the business minutes it held', () => {
    // Mon 15:00 + 240, pending Mon 16:00 → Tue 10:00 (holds 60 + 60 = 120) = Tue 13:00
    const explanation = explainDeadline(office, at('2026-03-16T15:00+01:00'), 240, [
      { fromMs: at('2026-03-16T16:00+01:00'), toMs: at('2026-03-17T10:00+01:00') },
    ]);
    expect(explanation).toMatchObject({ outcome: 'due', dueAt: at('2026-03-17T13:00+01:00'), countedMinutes: 240, pausedMinutes: 120 });
    expect(explanation.segments).toEqual([
      counted('2026-03-16T15:00+01:00', '2026-03-16T16:00+01:00', 60),
      skipped('paused', '2026-03-16T16:00+01:00', '2026-03-17T10:00+01:00', 120),
      counted('2026-03-17T10:00+01:00', '2026-03-17T13:00+01:00', 180),
    ]);
  });

  test('ends at the pause and reports the minutes left when an open-ended pause holds the clock', () => {
    // Mon 15:00 + 240, on hold since Mon 18:00 (closed time) with no end: 120 counted, 120 left
    expect(explainDeadline(office, at('2026-03-16T15:00+01:00'), 240, [{ fromMs: at('2026-03-16T18:00+01:00'), toMs: null }])).toEqual({
      outcome: 'paused',
      pausedAt: at('2026-03-16T18:00+01:00'),
      remainingMinutes: 120,
      timeZone: AMS,
      startAt: at('2026-03-16T15:00+01:00'),
      targetMinutes: 240,
      countedMinutes: 120,
      pausedMinutes: 0,
      segments: [
        counted('2026-03-16T15:00+01:00', '2026-03-16T17:00+01:00', 120),
        skipped('closed', '2026-03-16T17:00+01:00', '2026-03-16T18:00+01:00'),
      ],
    });
  });

  test('shows the lunch break as closed when a deadline spans a split shift', () => {
    // Mon 11:00 + 120 = 11:00–12:00 (60) + 13:00–14:00 (60) = Mon 14:00
    expect(explainDeadline(split, at('2026-03-16T11:00+01:00'), 120).segments).toEqual([
      counted('2026-03-16T11:00+01:00', '2026-03-16T12:00+01:00', 60),
      skipped('closed', '2026-03-16T12:00+01:00', '2026-03-16T13:00+01:00'),
      counted('2026-03-16T13:00+01:00', '2026-03-16T14:00+01:00', 60),
    ]);
  });

  test('shows one counted stretch when a night shift crosses midnight', () => {
    // Mon 23:00 + 120 = Mon 23:00–24:00 + Tue 00:00–01:00 = Tue 01:00, one seamless stretch
    expect(explainDeadline(nights, at('2026-03-16T23:00+01:00'), 120).segments).toEqual([
      counted('2026-03-16T23:00+01:00', '2026-03-17T01:00+01:00', 120),
    ]);
  });

  test('shows only the skipped stretch when zero minutes start in closed time', () => {
    // Mon 07:30 + 0 = Mon 09:00, the next working instant
    expect(explainDeadline(office, at('2026-03-16T07:30+01:00'), 0)).toMatchObject({
      outcome: 'due',
      dueAt: at('2026-03-16T09:00+01:00'),
      countedMinutes: 0,
      segments: [skipped('closed', '2026-03-16T07:30+01:00', '2026-03-16T09:00+01:00')],
    });
  });

  test('shows no stretch for a day that never happened when Samoa skipped 30 December 2011', () => {
    // Thu 29 Dec 16:00 Pacific/Apia (−10:00) + 120 = Thu 17:00 (60) + [Fri 30 Dec never happened] + weekend
    // + Mon 2 Jan 09:00–10:00 (+14:00) (60) = Mon 10:00
    const apia = makeCalendar('Pacific/Apia', weekdays(['09:00', '17:00']));
    expect(explainDeadline(apia, at('2011-12-29T16:00-10:00'), 120).segments).toEqual([
      counted('2011-12-29T16:00-10:00', '2011-12-29T17:00-10:00', 60),
      skipped('closed', '2011-12-29T17:00-10:00', '2011-12-31T00:00+14:00'),
      skipped('weekend', '2011-12-31T00:00+14:00', '2012-01-02T00:00+14:00'),
      skipped('closed', '2012-01-02T00:00+14:00', '2012-01-02T09:00+14:00'),
      counted('2012-01-02T09:00+14:00', '2012-01-02T10:00+14:00', 60),
    ]);
  });

  test('returns no segments when the deadline is beyond the search horizon', () => {
    const holidays: string[] = [];
    for (let day = Date.UTC(2026, 0, 5); day < Date.UTC(2032, 0, 1); day += 7 * 86_400_000) {
      holidays.push(new Date(day).toISOString().slice(0, 10));
    }
    const mondaysOff = makeCalendar(AMS, { mon: [['09:00', '17:00']] }, holidays);
    expect(explainDeadline(mondaysOff, at('2026-01-01T00:00+01:00'), 60)).toMatchObject({ outcome: 'beyond-horizon', segments: [] });
  });
});
