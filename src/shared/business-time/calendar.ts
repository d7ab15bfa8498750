// The business-hours calendar: its public JSON format (import/export, part of the escalation
// matrix), its zod schema and its validation. Validation never throws: every problem comes back
// with a code, the dotted path of the field it is about, and params the UI turns into words.
import { IANAZone } from 'luxon';
import { z } from 'zod';

/** The days of the week as the calendar format spells them, Monday first. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
/** A day of the week in the calendar format. */
export type Weekday = (typeof WEEKDAYS)[number];

/** One opening interval `[start, end]` of a day as `"HH:MM"` wall times; `end` may be `"24:00"`. */
export const openingIntervalSchema = z.tuple([z.string(), z.string()]);
/** One opening interval `[start, end]`, wall times in the calendar's zone, end exclusive. */
export type OpeningInterval = z.infer<typeof openingIntervalSchema>;

/** The weekly hours: for every day `mon`..`sun`, its opening intervals (empty when closed all day). */
export const weeklyHoursSchema = z.strictObject(
  Object.fromEntries(WEEKDAYS.map((day) => [day, z.array(openingIntervalSchema)])) as Record<
    Weekday,
    z.ZodArray<typeof openingIntervalSchema>
  >,
);
/** The opening intervals of each day of the week. */
export type WeeklyHours = z.infer<typeof weeklyHoursSchema>;

/**
 * The shape of a calendar without its rules (times, order, zone, dates): what a JSON document must
 * look like before {@link validateCalendar} can read it.
 */
export const calendarShapeSchema = z.strictObject({
  timeZone: z.string(),
  weeklyHours: weeklyHoursSchema,
  holidays: z.array(z.string()),
});

/**
 * A business-hours calendar: IANA `timeZone`, `weeklyHours` read as wall times in that zone, and
 * `holidays` as whole local days (`YYYY-MM-DD`). Treat it as immutable once used: computations
 * cache per calendar object.
 */
export type Calendar = z.infer<typeof calendarShapeSchema>;

/** Codes of what can be wrong with a calendar; each problem carries the path of the field. */
export const CALENDAR_PROBLEM_CODES = [
  /** A required field is absent. */
  'missing-field',
  /** A field the format does not have (e.g. `weeklyHours.monday`). */
  'unknown-field',
  /** A value of the wrong JSON type or shape; `expected` names the right one. */
  'invalid-type',
  /** `value` is not a wall time `HH:MM` between `00:00` and `24:00`. */
  'invalid-time',
  /** The interval's `end` is not after its `start`. */
  'end-not-after-start',
  /** The interval overlaps the interval at index `with` of the same day. */
  'overlapping-intervals',
  /** `value` is not a known IANA time zone name. */
  'unknown-time-zone',
  /** `value` is not a real date written `YYYY-MM-DD`. */
  'invalid-holiday',
  /** The holiday `value` is listed twice (first at index `first`). */
  'duplicate-holiday',
  /** No day has any opening interval, so no deadline could ever fall due. */
  'no-working-hours',
] as const;
/** What can be wrong with a calendar. */
export type CalendarProblemCode = (typeof CALENDAR_PROBLEM_CODES)[number];

/** One problem of a calendar: `path` is dotted (`weeklyHours.mon.1`), `params` fill the message. */
export interface CalendarProblem {
  code: CalendarProblemCode;
  path: string;
  params: Record<string, string | number>;
}

/** The outcome of {@link parseCalendar}: a valid calendar, or every problem found. */
export type ParseCalendarResult = { ok: true; calendar: Calendar } | { ok: false; problems: CalendarProblem[] };

const WALL_TIME = /^(\d{2}):(\d{2})$/;
const HOLIDAY_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// An IANA name is words joined by slashes (`America/Argentina/Buenos_Aires`, `Etc/GMT+5`, `UTC`).
// Intl also accepts offsets like `+01:00`; they are not zones (no DST, no rules) and are refused.
const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

/** Minutes past local midnight of an `HH:MM` wall time (`24:00` is 1440), or null when malformed. */
export function parseWallTime(text: string): number | null {
  const match = WALL_TIME.exec(text);
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) return null;
  return hours * 60 + minutes;
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` date, or null when it is not a real date. */
export function parseLocalDate(text: string): number | null {
  const match = HOLIDAY_DATE.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  // Date.UTC rolls 2026-02-30 over to March: a real date survives the round trip.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return ms / 86_400_000;
}

// Asking Intl about a zone costs tens of microseconds, and the matrix editor validates every
// calendar on every keystroke: answers are kept (bounded: there are about 600 zones).
const knownZones = new Map<string, boolean>();
const MAX_REMEMBERED_ZONES = 2000;

/** Whether `name` is an IANA time zone this runtime knows (offsets like `+01:00` are not). */
export function isKnownTimeZone(name: string): boolean {
  const known = knownZones.get(name);
  if (known !== undefined) return known;
  const answer = IANA_NAME.test(name) && IANAZone.isValidZone(name);
  if (knownZones.size < MAX_REMEMBERED_ZONES) knownZones.set(name, answer);
  return answer;
}

/**
 * The rule problems of a calendar of the right shape: times, interval order and overlaps, zone,
 * holiday dates, and at least one opening. Empty when the calendar is valid.
 */
export function validateCalendar(calendar: Calendar): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  if (!isKnownTimeZone(calendar.timeZone)) {
    problems.push({ code: 'unknown-time-zone', path: 'timeZone', params: { value: calendar.timeZone } });
  }

  let openings = 0;
  for (const day of WEEKDAYS) {
    const valid: { index: number; start: number; end: number }[] = [];
    calendar.weeklyHours[day].forEach(([startText, endText], index) => {
      const path = `weeklyHours.${day}.${index}`;
      const start = parseWallTime(startText);
      const end = parseWallTime(endText);
      if (start === null) problems.push({ code: 'invalid-time', path: `${path}.0`, params: { value: startText } });
      if (end === null) problems.push({ code: 'invalid-time', path: `${path}.1`, params: { value: endText } });
      if (start === null || end === null) return;
      if (end <= start) {
        problems.push({ code: 'end-not-after-start', path, params: { start: startText, end: endText } });
        return;
      }
      valid.push({ index, start, end });
    });
    openings += valid.length;
    // Touching intervals (12:00 end, 12:00 start) join; only a real overlap is a problem. Each
    // overlapping interval is reported once, against the one it runs into.
    const byStart = [...valid].sort((a, b) => a.start - b.start || a.index - b.index);
    const overlaps: CalendarProblem[] = [];
    let reach: (typeof valid)[number] | undefined;
    for (const interval of byStart) {
      if (reach && interval.start < reach.end) {
        const [later, earlier] = interval.index > reach.index ? [interval, reach] : [reach, interval];
        const path = `weeklyHours.${day}.${later.index}`;
        if (!overlaps.some((problem) => problem.path === path)) {
          overlaps.push({ code: 'overlapping-intervals', path, params: { with: earlier.index } });
        }
      }
      if (!reach || interval.end > reach.end) reach = interval;
    }
    problems.push(...overlaps.sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true })));
  }
  if (openings === 0 && !problems.some((p) => p.path.startsWith('weeklyHours.'))) {
    problems.push({ code: 'no-working-hours', path: 'weeklyHours', params: {} });
  }

  const seen = new Map<string, number>();
  calendar.holidays.forEach((holiday, index) => {
    const path = `holidays.${index}`;
    if (parseLocalDate(holiday) === null) {
      problems.push({ code: 'invalid-holiday', path, params: { value: holiday } });
      return;
    }
    const first = seen.get(holiday);
    if (first !== undefined) problems.push({ code: 'duplicate-holiday', path, params: { value: holiday, first } });
    else seen.set(holiday, index);
  });
  return problems;
}

/** A calendar read from JSON (import, matrix document): either valid and typed, or every problem. */
export function parseCalendar(json: unknown): ParseCalendarResult {
  const shaped = calendarShapeSchema.safeParse(json, { reportInput: true });
  if (!shaped.success) return { ok: false, problems: shaped.error.issues.flatMap(shapeProblems) };
  const problems = validateCalendar(shaped.data);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, calendar: shaped.data };
}

/** The calendar schema with its rules, for embedding in other schemas (the matrix document). */
export const calendarSchema = calendarShapeSchema.superRefine((calendar, ctx) => {
  for (const problem of validateCalendar(calendar)) {
    ctx.addIssue({
      code: 'custom',
      path: problem.path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
      message: describeCalendarProblem(problem),
      params: { problem: problem.code, ...problem.params },
    });
  }
});

/** An English sentence for a problem, for logs and developer-facing errors (the UI uses i18n). */
export function describeCalendarProblem(problem: CalendarProblem): string {
  const p = problem.params;
  switch (problem.code) {
    case 'missing-field':
      return `${problem.path} is missing`;
    case 'unknown-field':
      return `${problem.path} is not part of the calendar format`;
    case 'invalid-type':
      return `${problem.path || 'The calendar'} should be ${p.expected === 'interval' ? 'an interval [start, end]' : `of type ${p.expected}`}`;
    case 'invalid-time':
      return `${p.value} is not a time HH:MM between 00:00 and 24:00`;
    case 'end-not-after-start':
      return `The interval ${p.start}–${p.end} ends before it starts`;
    case 'overlapping-intervals':
      return `The interval overlaps interval ${p.with} of the same day`;
    case 'unknown-time-zone':
      return `${p.value} is not a known IANA time zone`;
    case 'invalid-holiday':
      return `${p.value} is not a date YYYY-MM-DD`;
    case 'duplicate-holiday':
      return `The holiday ${p.value} is listed twice`;
    case 'no-working-hours':
      return 'The calendar has no working hours';
  }
}

function shapeProblems(issue: z.core.$ZodIssue): CalendarProblem[] {
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ code: 'unknown-field', path: path ? `${path}.${key}` : key, params: {} }));
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return [{ code: 'missing-field', path, params: {} }];
  }
  if (issue.code === 'invalid_type') {
    return [{ code: 'invalid-type', path, params: { expected: issue.expected } }];
  }
  // Wrong tuple length and the like: the interval is not a pair of strings.
  return [{ code: 'invalid-type', path, params: { expected: 'interval' } }];
}
