// Business-time arithmetic on instants (epoch ms). Every function is pure: the calendar, the
// instants and the pauses come in, nothing reads the clock. The walk goes day by day over each
// day's opening intervals (cached per calendar), never minute by minute, and closed days cost a
// set lookup. Intervals are half-open: a calendar open 09:00–17:00 is open at 09:00 and closed
// at 17:00.
import type { Calendar } from './calendar';
import { type CompiledCalendar, DAY_MS, ZONE_MARGIN_MS, compileCalendar, openIntervalsOfDay } from './compiled-calendar';

const MINUTE_MS = 60_000;

/** How many local days ahead (about 5 years) the clock searches for working time before giving up. */
export const SEARCH_HORIZON_DAYS = 1827;

/** A span during which a clock does not count (the ticket is pending or on hold); `toMs` null: still paused. */
export interface Pause {
  fromMs: number;
  toMs: number | null;
}

/**
 * Where a clock stands: `due` at the instant its minutes run out; `paused` since `pausedAt` by an
 * open-ended pause with `remainingMinutes` of business time left; `beyond-horizon` when the
 * calendar has no working time left within {@link SEARCH_HORIZON_DAYS} (e.g. all holidays).
 */
export type ClockRun =
  | { outcome: 'due'; dueAt: number }
  | { outcome: 'paused'; pausedAt: number; remainingMinutes: number }
  | { outcome: 'beyond-horizon' };

/** Pauses sorted and merged, as parallel arrays; an open pause ends at +Infinity. */
export interface NormalizedPauses {
  readonly fromMs: readonly number[];
  readonly toMs: readonly number[];
}

/**
 * The instant `minutes` business minutes after `startMs` run out. Counting starts at the next
 * opening when `startMs` is outside hours; the result is the end of the last counted minute, so
 * Mon 09:00 + 480 with hours 09–17 is Mon 17:00 (not Tue 09:00). With 0 minutes the result is
 * the next working instant at or after `startMs` (see {@link nextOpenAt}). Null when the minutes
 * do not run out within {@link SEARCH_HORIZON_DAYS}.
 */
export function addBusinessMinutes(calendar: Calendar, startMs: number, minutes: number): number | null {
  const run = runBusinessClock(calendar, startMs, minutes);
  return run.outcome === 'due' ? run.dueAt : null;
}

/**
 * Like {@link addBusinessMinutes}, but time inside `pauses` does not count: a pause holding p
 * business minutes before the deadline moves it by exactly p business minutes. Null when an
 * open-ended pause holds the clock before the minutes run out, or beyond the search horizon
 * (use {@link runBusinessClock} to tell them apart).
 */
export function addBusinessMinutesWithPauses(
  calendar: Calendar,
  startMs: number,
  minutes: number,
  pauses: readonly Pause[],
): number | null {
  const run = runBusinessClock(calendar, startMs, minutes, pauses);
  return run.outcome === 'due' ? run.dueAt : null;
}

/**
 * Runs a clock of `minutes` business minutes from `startMs`, skipping closed time and `pauses`.
 * Minutes may be fractional (they are counted to the millisecond).
 */
export function runBusinessClock(
  calendar: Calendar,
  startMs: number,
  minutes: number,
  pauses: readonly Pause[] = [],
): ClockRun {
  assertInstant(startMs, 'startMs');
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`minutes must be ≥ 0, got ${minutes}`);
  return runClock(compileCalendar(calendar), startMs, Math.round(minutes * MINUTE_MS), normalizePauses(pauses));
}

/**
 * Business minutes between two instants, fractional (counted to the millisecond, not floored), so
 * `businessMinutesBetween(c, s, addBusinessMinutes(c, s, m)) === m`. Negative when `endMs` is
 * before `startMs` (minutes overdue, read the other way round).
 */
export function businessMinutesBetween(calendar: Calendar, startMs: number, endMs: number): number {
  assertInstant(startMs, 'startMs');
  assertInstant(endMs, 'endMs');
  if (endMs < startMs) return -businessMinutesBetween(calendar, endMs, startMs);
  return openMsBetween(compileCalendar(calendar), startMs, endMs) / MINUTE_MS;
}

/** Whether the calendar is open at an instant (intervals include their start, exclude their end). */
export function isOpenAt(calendar: Calendar, atMs: number): boolean {
  assertInstant(atMs, 'atMs');
  const cc = compileCalendar(calendar);
  const lastDay = Math.floor((atMs + ZONE_MARGIN_MS) / DAY_MS);
  for (let day = Math.floor((atMs - ZONE_MARGIN_MS) / DAY_MS); day <= lastDay; day++) {
    const open = openIntervalsOfDay(cc, day);
    for (let i = 0; i < open.length; i += 2) {
      if ((open[i] as number) <= atMs && atMs < (open[i + 1] as number)) return true;
    }
  }
  return false;
}

/** The first instant at or after `atMs` at which the calendar is open; null beyond the search horizon. */
export function nextOpenAt(calendar: Calendar, atMs: number): number | null {
  return addBusinessMinutes(calendar, atMs, 0);
}

/** Sorts and merges pauses; drops empty ones; an open pause (toMs null) runs to +Infinity. */
export function normalizePauses(pauses: readonly Pause[]): NormalizedPauses {
  const spans: [number, number][] = [];
  for (const pause of pauses) {
    assertInstant(pause.fromMs, 'pause.fromMs');
    const toMs = pause.toMs ?? Number.POSITIVE_INFINITY;
    if (pause.toMs !== null) assertInstant(pause.toMs, 'pause.toMs');
    if (toMs < pause.fromMs) throw new RangeError(`A pause ends before it starts: ${JSON.stringify(pause)}`);
    if (toMs > pause.fromMs) spans.push([pause.fromMs, toMs]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  const fromMs: number[] = [];
  const toMs: number[] = [];
  for (const [from, to] of spans) {
    const last = toMs.length - 1;
    if (last >= 0 && from <= (toMs[last] as number)) toMs[last] = Math.max(toMs[last] as number, to);
    else {
      fromMs.push(from);
      toMs.push(to);
    }
  }
  return { fromMs, toMs };
}

/** The walk behind every clock function: consumes `budgetMs` of open, unpaused time from `startMs`. */
export function runClock(cc: CompiledCalendar, startMs: number, budgetMs: number, pauses: NormalizedPauses): ClockRun {
  const pauseFrom = pauses.fromMs;
  const pauseTo = pauses.toMs;
  const pauseCount = pauseFrom.length;
  let p = 0;
  let remaining = budgetMs;
  // Where counting stands; a pause can carry it past the end of the interval being walked.
  let cursor = startMs;
  // The first day whose intervals can reach startMs; the walk skips the few that end before it.
  const firstDay = Math.floor((startMs - ZONE_MARGIN_MS) / DAY_MS);
  const lastDay = firstDay + SEARCH_HORIZON_DAYS + 1;
  for (let day = firstDay; day <= lastDay; day++) {
    const open = openIntervalsOfDay(cc, day);
    for (let i = 0; i < open.length; i += 2) {
      const end = open[i + 1] as number;
      if (end <= cursor) continue;
      let at = Math.max(open[i] as number, cursor);
      while (at < end) {
        while (p < pauseCount && (pauseTo[p] as number) <= at) p++;
        if (p < pauseCount && (pauseFrom[p] as number) <= at) {
          const to = pauseTo[p] as number;
          if (to === Number.POSITIVE_INFINITY) {
            return {
              outcome: 'paused',
              pausedAt: Math.max(pauseFrom[p] as number, startMs),
              remainingMinutes: remaining / MINUTE_MS,
            };
          }
          at = to;
          p++;
          continue;
        }
        const stretchEnd = p < pauseCount && (pauseFrom[p] as number) < end ? (pauseFrom[p] as number) : end;
        // `<=` is the "Mon 17:00, not Tue 09:00" rule: minutes that run out exactly at the end
        // of an interval are due at that end. With nothing left (0 minutes) the answer is `at`,
        // the first open, unpaused instant.
        if (remaining <= stretchEnd - at) return { outcome: 'due', dueAt: at + remaining };
        remaining -= stretchEnd - at;
        at = stretchEnd;
      }
      cursor = at;
    }
  }
  return { outcome: 'beyond-horizon' };
}

// Open time in ms between two instants (`startMs <= endMs`), pauses not considered.
function openMsBetween(cc: CompiledCalendar, startMs: number, endMs: number): number {
  let total = 0;
  const lastDay = Math.floor((endMs + ZONE_MARGIN_MS) / DAY_MS);
  for (let day = Math.floor((startMs - ZONE_MARGIN_MS) / DAY_MS); day <= lastDay; day++) {
    const open = openIntervalsOfDay(cc, day);
    for (let i = 0; i < open.length; i += 2) {
      const from = Math.max(open[i] as number, startMs);
      const to = Math.min(open[i + 1] as number, endMs);
      if (to > from) total += to - from;
    }
  }
  return total;
}

function assertInstant(value: number, name: string): void {
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be an instant in epoch ms, got ${value}`);
}
