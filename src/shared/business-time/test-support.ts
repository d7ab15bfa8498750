// Builders and helpers for the business-time tests (imported by *.test.ts only). Kept pure like the
// rest of src/shared: the runtime's console and environment are reached through globalThis.
import { DateTime } from 'luxon';
import { type Calendar, type OpeningInterval, WEEKDAYS, type Weekday, parseCalendar } from './calendar';

/** Builds a valid calendar (or fails the test with its problems); days not given are closed. */
export function makeCalendar(
  timeZone: string,
  hours: Partial<Record<Weekday, OpeningInterval[]>>,
  holidays: string[] = [],
): Calendar {
  const weeklyHours = Object.fromEntries(WEEKDAYS.map((day) => [day, hours[day] ?? []]));
  const result = parseCalendar({ timeZone, weeklyHours, holidays });
  if (!result.ok) throw new Error(`test calendar is invalid: ${JSON.stringify(result.problems)}`);
  return result.calendar;
}

/** The same intervals on Monday to Friday. */
export function weekdays(...intervals: OpeningInterval[]): Partial<Record<Weekday, OpeningInterval[]>> {
  return { mon: intervals, tue: intervals, wed: intervals, thu: intervals, fri: intervals };
}

/** The same intervals on all seven days. */
export function everyDay(...intervals: OpeningInterval[]): Partial<Record<Weekday, OpeningInterval[]>> {
  return Object.fromEntries(WEEKDAYS.map((day) => [day, intervals]));
}

/** Epoch ms of a literal ISO time with offset, e.g. `2026-03-27T16:00+01:00`. */
export function at(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`not an ISO instant: ${iso}`);
  return ms;
}

/** An instant as local `yyyy-MM-ddTHH:mm±hh:mm` in `zone` (seconds when set), formatted by luxon as an independent check. */
export function local(ms: number | null, zone: string): string | null {
  if (ms === null) return null;
  const dt = DateTime.fromMillis(ms, { zone });
  return dt.toFormat(dt.second !== 0 || dt.millisecond !== 0 ? "yyyy-MM-dd'T'HH:mm:ss.SSSZZ" : "yyyy-MM-dd'T'HH:mmZZ");
}

/** Writes a line to the test output (src/shared has no console types). */
export function log(...args: unknown[]): void {
  (globalThis as unknown as { console: { log(...a: unknown[]): void } }).console.log(...args);
}

/** An environment variable of the test process, if the runtime has one. */
export function env(name: string): string | undefined {
  return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];
}

/**
 * The seed for a fast-check run: `FC_SEED` when set (to replay a failure), else a fresh one.
 * Logged, so any run can be replayed with `FC_SEED=<seed> npx vitest run <file>`.
 */
export function propertySeed(label: string): number {
  const fromEnv = env('FC_SEED');
  const seed = fromEnv !== undefined ? Number(fromEnv) : Math.floor(Math.random() * 2 ** 31);
  log(`fast-check seed for "${label}": ${seed} (replay: FC_SEED=${seed})`);
  return seed;
}
