// A calendar turned into what the clock walks: per local day, its opening intervals as instants.
// Built once per calendar object (WeakMap) and filled lazily per day, because zone offsets come
// from Intl and cost microseconds each; a day is converted once and then read from the cache.
//
// Wall time → instant, the one DST rule everything here follows: a wall time maps to the first
// instant at which the local clock shows that time or later. So a time that occurs twice (the
// fall-back hour) is its first occurrence, and a time that never occurs (the spring-forward gap)
// is the instant of the transition. The mapping never goes backwards, so intervals never invert,
// and the same wall time is always the same instant: a day's 24:00 is the next day's 00:00, and
// touching intervals (a night shift 22:00–24:00 + 00:00–06:00) join without a seam.
import { IANAZone } from 'luxon';
import { type Calendar, WEEKDAYS, parseLocalDate, parseWallTime, validateCalendar } from './calendar';

/** Milliseconds in a day of 24 hours (local days may be 23 or 25 hours long). */
export const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

// Zone offsets lie within -12h..+14h today (historic ones within ±16h), so a local day d (wall
// times d*DAY_MS .. (d+1)*DAY_MS) happens within this margin of the same numbers read as UTC.
/** How far, in ms, a local day can lie from the UTC day with the same date. */
export const ZONE_MARGIN_MS = 16 * 3_600_000;

/** What a local day is, for the explanation: a working day, a day without hours, or a holiday. */
export type DayKind = 'workday' | 'weekend' | 'holiday';

/** A calendar prepared for the clock. Internal to business-time; callers pass plain calendars. */
export interface CompiledCalendar {
  readonly zone: IANAZone;
  /** Per weekday (0 = Monday), merged opening intervals as flat [startMinute, endMinute, …]. */
  readonly weekly: readonly (readonly number[])[];
  /** Holidays as local day numbers (days since 1970-01-01). */
  readonly holidays: ReadonlySet<number>;
  /** Per local day number, its opening intervals as flat [startAt, endAt, …] epoch ms. */
  readonly openByDay: Map<number, readonly number[]>;
  /** Per local day number, the zone's offset pieces around it. */
  readonly offsetsByDay: Map<number, OffsetPieces>;
}

/** The zone's offsets over a window: piece i starts at `fromMs[i]` with offset `offsetMs[i]`. */
interface OffsetPieces {
  readonly fromMs: readonly number[];
  readonly offsetMs: readonly number[];
  readonly untilMs: number;
}

const EMPTY: readonly number[] = Object.freeze([]);
// Days are cached without bound in practice (a few years of days is a few thousand entries); the
// cap only keeps a long-running backend from growing forever on odd inputs.
const MAX_CACHED_DAYS = 20_000;
const compiledCalendars = new WeakMap<Calendar, CompiledCalendar>();

/** The prepared form of a calendar, built on first use and cached per calendar object. */
export function compileCalendar(calendar: Calendar): CompiledCalendar {
  const cached = compiledCalendars.get(calendar);
  if (cached) return cached;
  const problems = validateCalendar(calendar);
  if (problems.length > 0) {
    // A bug, not bad input: calendars reach the clock only through parseCalendar/calendarSchema.
    throw new Error(`Invalid calendar passed to business-time: ${JSON.stringify(problems)}`);
  }
  const compiled: CompiledCalendar = {
    zone: IANAZone.create(calendar.timeZone),
    weekly: WEEKDAYS.map((day) => mergedMinutes(calendar.weeklyHours[day])),
    holidays: new Set(calendar.holidays.map((date) => parseLocalDate(date) as number)),
    openByDay: new Map(),
    offsetsByDay: new Map(),
  };
  compiledCalendars.set(calendar, compiled);
  return compiled;
}

/** The weekday of a local day number, 0 = Monday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** What kind of day a local day number is in this calendar. */
export function dayKind(cc: CompiledCalendar, day: number): DayKind {
  if (cc.holidays.has(day)) return 'holiday';
  return (cc.weekly[weekdayOf(day)] as readonly number[]).length === 0 ? 'weekend' : 'workday';
}

/**
 * The opening intervals of local day `day` as flat [startAt, endAt, …] epoch ms, sorted, merged,
 * never empty pairs. Holidays and days without hours return a shared empty list at once.
 */
export function openIntervalsOfDay(cc: CompiledCalendar, day: number): readonly number[] {
  const minutes = cc.weekly[weekdayOf(day)] as readonly number[];
  if (minutes.length === 0 || cc.holidays.has(day)) return EMPTY;
  const cached = cc.openByDay.get(day);
  if (cached) return cached;

  const pieces = offsetPiecesOfDay(cc, day);
  const base = day * DAY_MS;
  const open: number[] = [];
  for (let i = 0; i < minutes.length; i += 2) {
    const startAt = instantOfWall(pieces, base + (minutes[i] as number) * MINUTE_MS);
    const endAt = instantOfWall(pieces, base + (minutes[i + 1] as number) * MINUTE_MS);
    if (endAt <= startAt) continue; // the whole interval fell into a spring-forward gap
    // Two intervals can touch after a gap swallowed the time between them: join them.
    if (open.length > 0 && open[open.length - 1] === startAt) open[open.length - 1] = endAt;
    else open.push(startAt, endAt);
  }
  if (cc.openByDay.size >= MAX_CACHED_DAYS) cc.openByDay.clear();
  cc.openByDay.set(day, open);
  return open;
}

/** The instant local day `day` begins (its 00:00 by the DST rule above). */
export function startOfDay(cc: CompiledCalendar, day: number): number {
  return instantOfWall(offsetPiecesOfDay(cc, day), day * DAY_MS);
}

/** The local day number an instant falls on. */
export function dayOfInstant(cc: CompiledCalendar, atMs: number): number {
  return Math.floor((atMs + offsetMsAt(cc, atMs)) / DAY_MS);
}

/** The zone's offset from UTC at an instant, in ms. */
export function offsetMsAt(cc: CompiledCalendar, atMs: number): number {
  return Math.round(cc.zone.offset(atMs) * MINUTE_MS);
}

/** An instant as a local ISO time with offset, e.g. `2026-03-30T09:00+02:00` (seconds only when set). */
export function formatLocal(cc: CompiledCalendar, atMs: number): string {
  const offsetMs = offsetMsAt(cc, atMs);
  const local = new Date(atMs + offsetMs);
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
  let text = `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
  if (local.getUTCSeconds() !== 0 || local.getUTCMilliseconds() !== 0) text += `:${pad(local.getUTCSeconds())}`;
  if (local.getUTCMilliseconds() !== 0) text += `.${pad(local.getUTCMilliseconds(), 3)}`;
  const offsetMinutes = Math.round(offsetMs / MINUTE_MS);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${text}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

// Per weekday: intervals in minutes, sorted and merged where they touch (12:00 end + 12:00 start).
function mergedMinutes(intervals: readonly (readonly [string, string])[]): number[] {
  const sorted = intervals
    .map(([start, end]) => [parseWallTime(start) as number, parseWallTime(end) as number] as const)
    .sort((a, b) => a[0] - b[0]);
  const flat: number[] = [];
  for (const [start, end] of sorted) {
    if (flat.length > 0 && (flat[flat.length - 1] as number) >= start) {
      flat[flat.length - 1] = Math.max(flat[flat.length - 1] as number, end);
    } else {
      flat.push(start, end);
    }
  }
  return flat;
}

// The first instant whose wall time is `wallMs` or later. Within piece i the wall time is
// instant + offset_i and rises steadily, so the first instant there showing ≥ wallMs is
// max(from_i, wallMs - offset_i), if it is still inside the piece; the answer is the earliest
// over all pieces.
function instantOfWall(pieces: OffsetPieces, wallMs: number): number {
  const { fromMs, offsetMs, untilMs } = pieces;
  if (fromMs.length === 1) return wallMs - (offsetMs[0] as number);
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < fromMs.length; i++) {
    const until = i + 1 < fromMs.length ? (fromMs[i + 1] as number) : untilMs;
    const candidate = Math.max(fromMs[i] as number, wallMs - (offsetMs[i] as number));
    if (candidate < until && candidate < best) best = candidate;
  }
  return best;
}

// The offsets over the UTC window in which local day `day` (and its 24:00) can happen. Nearly
// every day has one offset, found with two Intl lookups; a transition day bisects to the second.
// Assumes no two transitions within the 2.7-day window cancel out (tzdb has none since 1970:
// transitions of one zone are always more than a week apart).
function offsetPiecesOfDay(cc: CompiledCalendar, day: number): OffsetPieces {
  const cached = cc.offsetsByDay.get(day);
  if (cached) return cached;
  const windowStart = day * DAY_MS - ZONE_MARGIN_MS;
  const windowEnd = (day + 1) * DAY_MS + ZONE_MARGIN_MS;
  const fromMs = [windowStart];
  const offsetMs = [offsetMsAt(cc, windowStart)];
  const endOffset = offsetMsAt(cc, windowEnd);
  let lo = windowStart;
  let loOffset = offsetMs[0] as number;
  while (loOffset !== endOffset) {
    // Invariant: offset(lo) == loOffset != offset(hi). Transitions fall on whole seconds.
    let hi = windowEnd;
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (offsetMsAt(cc, mid) === loOffset) lo = mid;
      else hi = mid;
    }
    lo = hi;
    loOffset = offsetMsAt(cc, hi);
    fromMs.push(hi);
    offsetMs.push(loOffset);
  }
  const pieces: OffsetPieces = { fromMs, offsetMs, untilMs: windowEnd + 1 };
  if (cc.offsetsByDay.size >= MAX_CACHED_DAYS) cc.offsetsByDay.clear();
  cc.offsetsByDay.set(day, pieces);
  return pieces;
}
