// Business time against the tz-transitions corpus (IANA tzdb 2025b dumped with zdump, 58 awkward
// zones, 1970–2038; it lives in the corpora folder beside the checkout, ../shared/corpora/, or in
// SC_CORPORA_DIR). For each transition {utc, offset_before, offset_after, local_after}:
//   1. the runtime's zone data (luxon over Intl/ICU) gives offset_before at utc−1s, offset_after at utc;
//   2. a 24h calendar counts 4 × 1440 − Δ business minutes over the four local days around it
//      (Δ = offset_after − offset_before, in minutes): a spring-forward day is short, a fall-back day long;
//   3. the wall-time rule: an interval starting at local_after opens at utc, or at its first pass
//      (utc − |Δ|) on a fall-back; one starting inside a spring-forward gap opens at utc (an
//      interval lying wholly inside the gap never opens that day).
// Rows after the tzdata release are version-dependent (the README says so): checked only where the
// runtime agrees with them. A few rows are copied below as literal cases, so they run without the corpus.
import { IANAZone } from 'luxon';
import { describe, expect, test } from 'vitest';
import { businessMinutesBetween, nextOpenAt } from './business-clock';
import { type Calendar, WEEKDAYS } from './calendar';
import { env, everyDay, log, makeCalendar } from './test-support';

interface Transition {
  utc: string;
  offset_before: number;
  offset_after: number;
  local_after: string;
}

// tzdata 2025b was released on 2025-03-22; later rows follow rules that may have changed since.
const RELEASE_CUTOFF_MS = Date.parse('2025-03-22T00:00:00Z');
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

async function loadCorpus(): Promise<Record<string, Transition[]>> {
  const here = (import.meta as unknown as { url: string }).url;
  const dir = env('SC_CORPORA_DIR');
  const file = dir
    ? `file://${dir.replace(/\/$/, '')}/tz-transitions/transitions-1970-2038.json`
    : `${here.replace(/[^/]*$/, '')}../../../../shared/corpora/tz-transitions/transitions-1970-2038.json`;
  // A missing corpus fails the run: a sweep that quietly skips itself proves nothing.
  const module: { default: { zones: Record<string, Transition[]> } } = await import(/* @vite-ignore */ file);
  return module.default.zones;
}

const corpus = await loadCorpus();

// Literal rows of the corpus (zone, utc, offsets in seconds, local_after), the awkward kinds.
const literalRows: [string, Transition][] = [
  // Europe/Berlin spring-forward 02:00 → 03:00 and fall-back 03:00 → 02:00 (EU rules, as Amsterdam)
  ['Europe/Berlin', { utc: '2026-03-29T01:00:00Z', offset_before: 3600, offset_after: 7200, local_after: '2026-03-29T03:00:00' }],
  ['Europe/Berlin', { utc: '2026-10-25T01:00:00Z', offset_before: 7200, offset_after: 3600, local_after: '2026-10-25T02:00:00' }],
  // America/New_York 02:00 → 03:00 and 02:00 → 01:00
  ['America/New_York', { utc: '2026-03-08T07:00:00Z', offset_before: -18000, offset_after: -14400, local_after: '2026-03-08T03:00:00' }],
  ['America/New_York', { utc: '2026-11-01T06:00:00Z', offset_before: -14400, offset_after: -18000, local_after: '2026-11-01T01:00:00' }],
  // Australia/Adelaide +10:30 → +09:30 and +09:30 → +10:30
  ['Australia/Adelaide', { utc: '2026-04-04T16:30:00Z', offset_before: 37800, offset_after: 34200, local_after: '2026-04-05T02:00:00' }],
  ['Australia/Adelaide', { utc: '2026-10-03T16:30:00Z', offset_before: 34200, offset_after: 37800, local_after: '2026-10-04T03:00:00' }],
  // Australia/Lord_Howe: a 30-minute DST
  ['Australia/Lord_Howe', { utc: '2026-10-03T15:30:00Z', offset_before: 37800, offset_after: 39600, local_after: '2026-10-04T02:30:00' }],
  // Asia/Kathmandu 1986: +05:30 → +05:45, the first 15 minutes of the year never happened
  ['Asia/Kathmandu', { utc: '1985-12-31T18:30:00Z', offset_before: 19800, offset_after: 20700, local_after: '1986-01-01T00:15:00' }],
  // America/Santiago: midnight does not exist (00:00 → 01:00), and 24:00 falls back to 23:00
  ['America/Santiago', { utc: '2026-09-06T04:00:00Z', offset_before: -14400, offset_after: -10800, local_after: '2026-09-06T01:00:00' }],
  ['America/Santiago', { utc: '2026-04-05T03:00:00Z', offset_before: -10800, offset_after: -14400, local_after: '2026-04-04T23:00:00' }],
  // America/Havana: midnight happens twice (01:00 → 00:00)
  ['America/Havana', { utc: '2026-11-01T05:00:00Z', offset_before: -14400, offset_after: -18000, local_after: '2026-11-01T00:00:00' }],
  // Pacific/Apia: Friday 2011-12-30 skipped (−10:00 → +14:00)
  ['Pacific/Apia', { utc: '2011-12-30T10:00:00Z', offset_before: -36000, offset_after: 50400, local_after: '2011-12-31T00:00:00' }],
  // Asia/Pyongyang 2018: 23:30 → 00:00, the last half hour of 4 May never happened
  ['Asia/Pyongyang', { utc: '2018-05-04T15:00:00Z', offset_before: 30600, offset_after: 32400, local_after: '2018-05-05T00:00:00' }],
  // Antarctica/Troll: a 2-hour DST
  ['Antarctica/Troll', { utc: '2026-03-29T01:00:00Z', offset_before: 0, offset_after: 7200, local_after: '2026-03-29T03:00:00' }],
  // Pacific/Chatham +13:45 → +12:45
  ['Pacific/Chatham', { utc: '2026-04-04T14:00:00Z', offset_before: 49500, offset_after: 45900, local_after: '2026-04-05T02:45:00' }],
];

const allDayCalendars = new Map<string, Calendar>();
function allDay(zone: string): Calendar {
  let calendar = allDayCalendars.get(zone);
  if (!calendar) {
    calendar = makeCalendar(zone, everyDay(['00:00', '24:00']));
    allDayCalendars.set(zone, calendar);
  }
  return calendar;
}

/** The runtime's offsets around the transition, in seconds, as [before, after]. */
function runtimeOffsets(zone: string, row: Transition): [number, number] {
  const utcMs = Date.parse(row.utc);
  const iana = IANAZone.create(zone);
  return [iana.offset(utcMs - 1000) * 60, iana.offset(utcMs) * 60];
}

/** Business minutes of a 24h calendar over local days D−2 .. D+2 around the transition (D = date of local_after). */
function fourDayMinutes(zone: string, row: Transition): number {
  const localDay = Math.floor(Date.parse(`${row.local_after}Z`) / DAY_MS);
  // Two days away from the transition the offsets are plain: before it offset_before, after it offset_after.
  const startMs = (localDay - 2) * DAY_MS - row.offset_before * 1000;
  const endMs = (localDay + 2) * DAY_MS - row.offset_after * 1000;
  return businessMinutesBetween(allDay(zone), startMs, endMs);
}

/**
 * The instant a weekly opening over wall times [fromWallMs, toWallMs) (local, written as UTC ms)
 * first opens near the transition; an opening across midnight is written as a night shift.
 */
function openingOf(zone: string, row: Transition, fromWallMs: number, toWallMs: number): number | null {
  const hhmm = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  const weekdayOf = (day: number) => WEEKDAYS[(((day + 3) % 7) + 7) % 7] as (typeof WEEKDAYS)[number];
  const hours: Partial<Record<(typeof WEEKDAYS)[number], [string, string][]>> = {};
  for (let day = Math.floor(fromWallMs / DAY_MS); day * DAY_MS < toWallMs; day++) {
    const from = Math.max(fromWallMs, day * DAY_MS) - day * DAY_MS;
    const to = Math.min(toWallMs, (day + 1) * DAY_MS) - day * DAY_MS;
    hours[weekdayOf(day)] = [[hhmm(from / MINUTE_MS), hhmm(to / MINUTE_MS)]];
  }
  const shiftMs = Math.abs(row.offset_after - row.offset_before) * 1000;
  return nextOpenAt(makeCalendar(zone, hours), Date.parse(row.utc) - shiftMs - 6 * 3_600_000);
}

/** Checks 2 and 3 for one row; returns what differs, empty when all agree. */
function checkRow(zone: string, row: Transition): string[] {
  const failures: string[] = [];
  const utcMs = Date.parse(row.utc);
  const deltaMinutes = (row.offset_after - row.offset_before) / 60;
  const minutes = fourDayMinutes(zone, row);
  if (minutes !== 4 * 1440 - deltaMinutes) failures.push(`4-day window has ${minutes} business minutes, expected ${4 * 1440 - deltaMinutes}`);

  const localAfterMs = Date.parse(`${row.local_after}Z`);
  // local_after itself: exactly utc after a jump forward; its first pass (utc − |Δ|) after a fall-back.
  const expectedOpening = deltaMinutes > 0 ? utcMs : utcMs + deltaMinutes * MINUTE_MS;
  const opening = openingOf(zone, row, localAfterMs, localAfterMs + MINUTE_MS);
  if (opening !== expectedOpening) failures.push(`interval at ${row.local_after} opens at ${opening}, expected ${expectedOpening}`);
  if (deltaMinutes > 0) {
    // An interval starting inside the gap (the minute before local_after) opens at the jump.
    const inGap = openingOf(zone, row, localAfterMs - MINUTE_MS, localAfterMs + MINUTE_MS);
    if (inGap !== utcMs) failures.push(`interval from inside the gap opens at ${inGap}, expected ${utcMs}`);
  }
  return failures;
}

describe('literal transitions from the tz-transitions corpus', () => {
  test.each(literalRows)('agrees with the runtime zone data when reading %s at %o', (zone, row) => {
    expect(runtimeOffsets(zone, row)).toEqual([row.offset_before, row.offset_after]);
  });

  test.each(literalRows)('counts the short or long day and maps wall times by the DST rule when %s changes at %o', (zone, row) => {
    expect(checkRow(zone, row)).toEqual([]);
  });
});

describe('every transition of the tz-transitions corpus', () => {
  const rows = Object.entries(corpus).flatMap(([zone, transitions]) => transitions.map((row) => ({ zone, row })));

  test('matches the runtime zone data when a transition predates the tzdata release', () => {
    const settled = rows.filter(({ row }) => Date.parse(row.utc) < RELEASE_CUTOFF_MS);
    const mismatches = settled
      .map(({ zone, row }) => ({ zone, utc: row.utc, corpus: [row.offset_before, row.offset_after], runtime: runtimeOffsets(zone, row) }))
      .filter(({ corpus: expected, runtime }) => expected[0] !== runtime[0] || expected[1] !== runtime[1]);
    expect(mismatches).toEqual([]);
    expect(settled.length).toBeGreaterThan(3000);

    const later = rows.filter(({ row }) => Date.parse(row.utc) >= RELEASE_CUTOFF_MS);
    const differing = later.filter(({ zone, row }) => {
      const [before, after] = runtimeOffsets(zone, row);
      return before !== row.offset_before || after !== row.offset_after;
    });
    log(
      `tz-transitions: ${settled.length} settled rows match; ${later.length} version-dependent rows, ` +
        `${differing.length} differ from this runtime's tzdata (${[...new Set(differing.map(({ zone }) => zone))].join(', ') || 'none'})`,
    );
  });

  test('counts every transition day and maps wall times by the DST rule when swept over the corpus', () => {
    const failures: { zone: string; utc: string; failures: string[] }[] = [];
    let checked = 0;
    for (const { zone, row } of rows) {
      const [before, after] = runtimeOffsets(zone, row);
      // A row the runtime does not share (a rule changed after 2025b) says nothing about this code.
      if (before !== row.offset_before || after !== row.offset_after) continue;
      checked++;
      const rowFailures = checkRow(zone, row);
      if (rowFailures.length > 0) failures.push({ zone, utc: row.utc, failures: rowFailures });
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(3000);
  });
});
