// Business time across DST transitions and in zones with 30- and 45-minute offsets. The rule under
// test: a wall time maps to the first instant the local clock shows it or later, so a boundary in
// a spring-forward gap opens/closes at the jump, and one in a fall-back hour at its first pass.
// Transitions (IANA tzdb, see the tz-transitions corpus):
//   Europe/Amsterdam 2026-03-29 02:00→03:00 (+01→+02), 2026-10-25 03:00→02:00 (+02→+01)
//   America/New_York 2026-03-08 02:00→03:00 (−05→−04), 2026-11-01 02:00→01:00 (−04→−05)
//   Australia/Adelaide 2026-04-05 03:00→02:00 (+10:30→+09:30), 2026-10-04 02:00→03:00 (+09:30→+10:30)
//   Australia/Lord_Howe 2026-04-05 02:00→01:30 (+11→+10:30), 2026-10-04 02:00→02:30 (+10:30→+11)
//   America/Santiago 2026-04-04 24:00→23:00 (−03→−04), 2026-09-06 00:00→01:00 (−04→−03)
//   America/Havana 2026-03-08 00:00→01:00 (−05→−04), 2026-11-01 01:00→00:00 (−04→−05)
//   Pacific/Apia 2011-12-29 24:00→2011-12-31 00:00 (−10→+14: Friday 30 December never happened)
import { describe, expect, test } from 'vitest';
import { addBusinessMinutes, businessMinutesBetween, isOpenAt, nextOpenAt } from './business-clock';
import type { Calendar } from './calendar';
import { at, everyDay, local, makeCalendar, weekdays } from './test-support';

const AMS = 'Europe/Amsterdam';
const NY = 'America/New_York';
const ADL = 'Australia/Adelaide';

const nineToFive = (zone: string): Calendar => makeCalendar(zone, weekdays(['09:00', '17:00']));
const nineToFiveAllWeek = (zone: string): Calendar => makeCalendar(zone, everyDay(['09:00', '17:00']));
const allDay = (zone: string): Calendar => makeCalendar(zone, everyDay(['00:00', '24:00']));
const everyNight = (zone: string): Calendar => makeCalendar(zone, everyDay(['00:00', '06:00'], ['22:00', '24:00']));

interface AddCase {
  name: string;
  calendar: Calendar;
  start: string;
  minutes: number;
  due: string;
}

const addCases: AddCase[] = [
  // Fri 16:00 Europe/Amsterdam + 120 business minutes = Mon 10:00 (60 Fri + 60 Mon; now +02:00)
  { name: 'Amsterdam spring-forward weekend', calendar: nineToFive(AMS), start: '2026-03-27T16:00+01:00', minutes: 120, due: '2026-03-30T10:00+02:00' },
  // Fri 16:00 Europe/Amsterdam + 120 = Mon 10:00 (now +01:00)
  { name: 'Amsterdam fall-back weekend', calendar: nineToFive(AMS), start: '2026-10-23T16:00+02:00', minutes: 120, due: '2026-10-26T10:00+01:00' },
  // DST Sunday 09:00 Amsterdam + 480 = 17:00: the jump happened at 02:00, the day's hours are whole
  { name: 'a 09–17 day on the spring-forward Sunday', calendar: nineToFiveAllWeek(AMS), start: '2026-03-29T09:00+02:00', minutes: 480, due: '2026-03-29T17:00+02:00' },
  // DST Sunday 09:00 Amsterdam + 480 = 17:00 on the fall-back Sunday too
  { name: 'a 09–17 day on the fall-back Sunday', calendar: nineToFiveAllWeek(AMS), start: '2026-10-25T09:00+01:00', minutes: 480, due: '2026-10-25T17:00+01:00' },
  // Sat 16:00 (+01:00) + 120 = Sat 17:00 (60) + Sun 09:00–10:00 (+02:00) (60) = Sun 10:00
  { name: 'the night before spring-forward', calendar: nineToFiveAllWeek(AMS), start: '2026-03-28T16:00+01:00', minutes: 120, due: '2026-03-29T10:00+02:00' },
  // Sat 12:00 + 1440 on a 24h calendar = 24 real hours = Sun 13:00 on the wall (02:00–03:00 never happened)
  { name: 'a 24h calendar across spring-forward', calendar: allDay(AMS), start: '2026-03-28T12:00+01:00', minutes: 1440, due: '2026-03-29T13:00+02:00' },
  // Sat 12:00 + 1440 on a 24h calendar = Sun 11:00 on the wall (02:00–03:00 happened twice)
  { name: 'a 24h calendar across fall-back', calendar: allDay(AMS), start: '2026-10-24T12:00+02:00', minutes: 1440, due: '2026-10-25T11:00+01:00' },
  // Sun 01:30 (+01:00) + 60 on a 24h calendar = 03:30 (+02:00): one real hour, two on the wall
  { name: 'an hour across the jump itself', calendar: allDay(AMS), start: '2026-03-29T01:30+01:00', minutes: 60, due: '2026-03-29T03:30+02:00' },
  // Sun 01:30 New York, first pass (−04:00) + 60 on a 24h calendar = 01:30 second pass (−05:00)
  { name: 'an hour into the repeated hour', calendar: allDay(NY), start: '2026-11-01T01:30-04:00', minutes: 60, due: '2026-11-01T01:30-05:00' },
  // Sat 22:00 + 420 on nights = Sat 22:00–24:00 (120) + Sun 00:00–06:00, which is 5 real hours (300) = Sun 06:00
  { name: 'a night shift across spring-forward', calendar: everyNight(AMS), start: '2026-03-28T22:00+01:00', minutes: 420, due: '2026-03-29T06:00+02:00' },
  // Fri 16:00 New York + 120 = Mon 10:00 (now −04:00)
  { name: 'New York spring-forward weekend', calendar: nineToFive(NY), start: '2026-03-06T16:00-05:00', minutes: 120, due: '2026-03-09T10:00-04:00' },
  // Fri 16:00 New York + 120 = Mon 10:00 (now −05:00)
  { name: 'New York fall-back weekend', calendar: nineToFive(NY), start: '2026-10-30T16:00-04:00', minutes: 120, due: '2026-11-02T10:00-05:00' },
  // DST Sunday 09:00 New York + 480 = 17:00
  { name: 'a 09–17 day on the New York spring-forward Sunday', calendar: nineToFiveAllWeek(NY), start: '2026-03-08T09:00-04:00', minutes: 480, due: '2026-03-08T17:00-04:00' },
  // Fri 16:00 Asia/Kolkata (+05:30) + 120 = Mon 10:00 (= 04:30 UTC)
  { name: 'Kolkata, +05:30', calendar: nineToFive('Asia/Kolkata'), start: '2026-06-12T16:00+05:30', minutes: 120, due: '2026-06-15T10:00+05:30' },
  // Mon 09:00 Asia/Kathmandu (+05:45) + 480 = Mon 17:00 (= 11:15 UTC)
  { name: 'Kathmandu, +05:45', calendar: nineToFive('Asia/Kathmandu'), start: '2026-06-15T09:00+05:45', minutes: 480, due: '2026-06-15T17:00+05:45' },
  // Fri 16:00 Asia/Kathmandu + 120 = Mon 10:00
  { name: 'Kathmandu over a weekend', calendar: nineToFive('Asia/Kathmandu'), start: '2026-06-12T16:00+05:45', minutes: 120, due: '2026-06-15T10:00+05:45' },
  // Fri 16:00 Adelaide (+10:30) + 120 = Mon 10:00 (+09:30, after fall-back)
  { name: 'Adelaide fall-back weekend', calendar: nineToFive(ADL), start: '2026-04-03T16:00+10:30', minutes: 120, due: '2026-04-06T10:00+09:30' },
  // Fri 16:00 Adelaide (+09:30) + 120 = Mon 10:00 (+10:30, after spring-forward)
  { name: 'Adelaide spring-forward weekend', calendar: nineToFive(ADL), start: '2026-10-02T16:00+09:30', minutes: 120, due: '2026-10-05T10:00+10:30' },
  // Sat 22:00 Santiago + 420 on nights = Sat 22:00–24:00 (120) + Sun 01:00–06:00 (300; 00:00–01:00 never happened) = Sun 06:00
  { name: 'a night shift across a midnight spring-forward', calendar: everyNight('America/Santiago'), start: '2026-09-05T22:00-04:00', minutes: 420, due: '2026-09-06T06:00-03:00' },
  // Thu 29 Dec 2011 16:00 Apia + 120 = Thu 17:00 (60) + Fri 30 Dec (never happened) + weekend + Mon 2 Jan 09:00–10:00 (60)
  { name: 'the day Samoa skipped', calendar: nineToFive('Pacific/Apia'), start: '2011-12-29T16:00-10:00', minutes: 120, due: '2012-01-02T10:00+14:00' },
];

describe('addBusinessMinutes across DST and odd offsets', () => {
  test.each(addCases)('returns $due for $start + $minutes when the span covers $name', ({ calendar, start, minutes, due }) => {
    expect(local(addBusinessMinutes(calendar, at(start), minutes), calendar.timeZone)).toBe(due);
  });

  test('lands on the expected UTC instant when the zone is +05:30 or +05:45', () => {
    // Fri 16:00 +05:30 + 120 = Mon 10:00 +05:30 = Mon 04:30 UTC
    expect(new Date(addBusinessMinutes(nineToFive('Asia/Kolkata'), at('2026-06-12T16:00+05:30'), 120) ?? 0).toISOString()).toBe(
      '2026-06-15T04:30:00.000Z',
    );
    // Mon 09:00 +05:45 + 480 = Mon 17:00 +05:45 = Mon 11:15 UTC
    expect(new Date(addBusinessMinutes(nineToFive('Asia/Kathmandu'), at('2026-06-15T09:00+05:45'), 480) ?? 0).toISOString()).toBe(
      '2026-06-15T11:15:00.000Z',
    );
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
  // Sun 00:00 → Mon 00:00 Amsterdam, 24h calendar = 1440 − 60 (02:00–03:00 skipped) = 1380
  { name: 'the Amsterdam spring-forward day', calendar: allDay(AMS), start: '2026-03-29T00:00+01:00', end: '2026-03-30T00:00+02:00', minutes: 1380 },
  // Sun 00:00 → Mon 00:00 Amsterdam, 24h calendar = 1440 + 60 (02:00–03:00 twice) = 1500
  { name: 'the Amsterdam fall-back day', calendar: allDay(AMS), start: '2026-10-25T00:00+02:00', end: '2026-10-26T00:00+01:00', minutes: 1500 },
  // Sun → Mon New York, 24h calendar = 1380 and 1500
  { name: 'the New York spring-forward day', calendar: allDay(NY), start: '2026-03-08T00:00-05:00', end: '2026-03-09T00:00-04:00', minutes: 1380 },
  { name: 'the New York fall-back day', calendar: allDay(NY), start: '2026-11-01T00:00-04:00', end: '2026-11-02T00:00-05:00', minutes: 1500 },
  // Sat 22:00 → Sun 06:00 on nights = 120 + 300 = 420 (spring-forward) and 120 + 420 = 540 (fall-back)
  { name: 'a spring-forward night shift', calendar: everyNight(AMS), start: '2026-03-28T22:00+01:00', end: '2026-03-29T06:00+02:00', minutes: 420 },
  { name: 'a fall-back night shift', calendar: everyNight(AMS), start: '2026-10-24T22:00+02:00', end: '2026-10-25T06:00+01:00', minutes: 540 },
  { name: 'a New York fall-back night shift', calendar: everyNight(NY), start: '2026-10-31T22:00-04:00', end: '2026-11-01T06:00-05:00', minutes: 540 },
  // Adelaide: 24h calendar = 1380 on the spring-forward Sunday, 1500 on the fall-back Sunday
  { name: 'the Adelaide spring-forward day', calendar: allDay(ADL), start: '2026-10-04T00:00+09:30', end: '2026-10-05T00:00+10:30', minutes: 1380 },
  { name: 'the Adelaide fall-back day', calendar: allDay(ADL), start: '2026-04-05T00:00+10:30', end: '2026-04-06T00:00+09:30', minutes: 1500 },
  // Lord Howe moves only 30 minutes: 1440 − 30 = 1410 and 1440 + 30 = 1470
  { name: 'the Lord Howe 30-minute spring-forward', calendar: allDay('Australia/Lord_Howe'), start: '2026-10-04T00:00+10:30', end: '2026-10-05T00:00+11:00', minutes: 1410 },
  { name: 'the Lord Howe 30-minute fall-back', calendar: allDay('Australia/Lord_Howe'), start: '2026-04-05T00:00+11:00', end: '2026-04-06T00:00+10:30', minutes: 1470 },
  // Thu 29 Dec 00:00 → Sat 31 Dec 00:00 Apia = one real day: Friday 30 December 2011 never happened
  { name: 'the day Samoa skipped', calendar: allDay('Pacific/Apia'), start: '2011-12-29T00:00-10:00', end: '2011-12-31T00:00+14:00', minutes: 1440 },
];

describe('businessMinutesBetween across DST', () => {
  test.each(betweenCases)('returns $minutes when the span covers $name', ({ calendar, start, end, minutes }) => {
    expect(businessMinutesBetween(calendar, at(start), at(end))).toBe(minutes);
  });
});

describe('interval boundaries inside a DST gap or repeated hour', () => {
  test('opens at the jump when an interval starts at a wall time the spring-forward skipped', () => {
    // Sundays 02:30–05:00 Amsterdam: on 29 March 02:30 never happens, the clock jumps 02:00 → 03:00,
    // so the day opens at 03:00 (+02:00) and counts 03:00–05:00 = 120 minutes
    const sundayEarly = makeCalendar(AMS, { sun: [['02:30', '05:00']] });
    expect(local(nextOpenAt(sundayEarly, at('2026-03-29T01:00+01:00')), AMS)).toBe('2026-03-29T03:00+02:00');
    expect(businessMinutesBetween(sundayEarly, at('2026-03-29T00:00+01:00'), at('2026-03-30T00:00+02:00'))).toBe(120);
  });

  test('opens at the first pass when an interval starts in the fall-back hour', () => {
    // Sundays 02:30–05:00 Amsterdam: on 25 October 02:30 happens twice; the first (+02:00) counts,
    // so the day is open 02:30 (+02:00) → 05:00 (+01:00) = 30 + 60 + 120 = 210 minutes
    const sundayEarly = makeCalendar(AMS, { sun: [['02:30', '05:00']] });
    expect(local(nextOpenAt(sundayEarly, at('2026-10-25T00:00+02:00')), AMS)).toBe('2026-10-25T02:30+02:00');
    expect(businessMinutesBetween(sundayEarly, at('2026-10-25T00:00+02:00'), at('2026-10-26T00:00+01:00'))).toBe(210);
  });

  test('closes at the first pass when an interval ends in the fall-back hour', () => {
    // Sundays 00:00–02:30 Amsterdam on 25 October: open 00:00 (+02:00) → first 02:30 (+02:00), 150 minutes;
    // the second pass of 02:00–02:30 (+01:00) is closed: an interval is one stretch of real time
    const sundayNight = makeCalendar(AMS, { sun: [['00:00', '02:30']] });
    expect(isOpenAt(sundayNight, at('2026-10-25T02:15+02:00'))).toBe(true);
    expect(isOpenAt(sundayNight, at('2026-10-25T02:15+01:00'))).toBe(false);
    expect(businessMinutesBetween(sundayNight, at('2026-10-25T00:00+02:00'), at('2026-10-26T00:00+01:00'))).toBe(150);
  });

  test('counts nothing that day when a whole interval lies inside the skipped hour', () => {
    // Sundays 02:15–02:45 Amsterdam: on 29 March both ends map to the jump → empty; next opening a week later
    const sundayGap = makeCalendar(AMS, { sun: [['02:15', '02:45']] });
    expect(businessMinutesBetween(sundayGap, at('2026-03-29T00:00+01:00'), at('2026-03-30T00:00+02:00'))).toBe(0);
    expect(local(nextOpenAt(sundayGap, at('2026-03-29T00:00+01:00')), AMS)).toBe('2026-04-05T02:15+02:00');
  });

  test('opens at the jump when a day starts at a midnight that does not exist', () => {
    // Santiago, Sun 6 Sep 2026: 00:00 → 01:00. Sundays 00:00–06:00 open at 01:00 (−03:00): 300 minutes
    const santiago = makeCalendar('America/Santiago', { sun: [['00:00', '06:00']] });
    expect(local(nextOpenAt(santiago, at('2026-09-05T23:00-04:00')), 'America/Santiago')).toBe('2026-09-06T01:00-03:00');
    expect(businessMinutesBetween(santiago, at('2026-09-05T00:00-04:00'), at('2026-09-07T00:00-03:00'))).toBe(300);
  });

  test('counts the repeated hour when 24:00 falls back to 23:00', () => {
    // Santiago, Sat 4 Apr 2026 24:00 → 23:00: Saturdays 22:00–24:00 run 22:00 (−03:00) → 00:00 (−04:00) = 180 minutes
    const santiago = makeCalendar('America/Santiago', { sat: [['22:00', '24:00']] });
    expect(businessMinutesBetween(santiago, at('2026-04-04T00:00-03:00'), at('2026-04-06T00:00-04:00'))).toBe(180);
  });

  test('starts the day at the first midnight when midnight happens twice', () => {
    // Havana, Sun 1 Nov 2026 01:00 → 00:00: Sundays 00:00–06:00 run from the first 00:00 (−04:00) to 06:00 (−05:00) = 420;
    // Saturday 22:00–24:00 ends at that same first midnight = 120, and the two join without a seam
    const havana = makeCalendar('America/Havana', { sat: [['22:00', '24:00']], sun: [['00:00', '06:00']] });
    expect(businessMinutesBetween(havana, at('2026-10-31T00:00-04:00'), at('2026-11-02T00:00-05:00'))).toBe(540);
    expect(isOpenAt(havana, at('2026-11-01T00:00-04:00'))).toBe(true);
    expect(isOpenAt(havana, at('2026-11-01T00:30-05:00'))).toBe(true);
    // Sat 23:00 + 120 = Sat 23:00–24:00 (60) + the first Sun 00:00–01:00 (60) = Sun 01:00 (−04:00), i.e. 00:00 (−05:00)
    expect(local(addBusinessMinutes(havana, at('2026-10-31T23:00-04:00'), 120), 'America/Havana')).toBe('2026-11-01T00:00-05:00');
  });
});
