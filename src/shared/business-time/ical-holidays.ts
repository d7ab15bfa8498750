// Holidays from an iCalendar file (RFC 5545), the format public-holiday feeds and calendar apps
// export: every all-day event becomes the local dates it covers, ready for a calendar's
// `holidays`. ical.js parses the file and expands recurrences; this module decides what counts as
// a holiday and says, with a line or an event number, what it could not read.
import ICAL from 'ical.js';
import { parseLocalDate } from './calendar';

/** The years a holiday import keeps (both included); recurring events are expanded over them. */
export interface ICalendarYears {
  fromYear?: number;
  toYear?: number;
}

/** Codes of what makes an iCalendar file unreadable as holidays. */
export const ICALENDAR_PROBLEM_CODES = [
  /** The text is empty. */
  'empty',
  /** The text is not an iCalendar file (no `BEGIN:VCALENDAR`). */
  'not-icalendar',
  /** A content line is not `NAME[;PARAM=…]:VALUE` (`line` says which). */
  'malformed-line',
  /** A BEGIN without its END, or an END without its BEGIN (`line`). */
  'unbalanced',
  /** An event without DTSTART (`event`: its number, 1-based). */
  'missing-start',
  /** A DTSTART, DTEND, RDATE, EXDATE or RECURRENCE-ID value that is not a real date or date-time (`line`). */
  'invalid-date',
  /** An RRULE that cannot be read (`line`). */
  'invalid-recurrence',
  /** An event that ends before it starts (`event`). */
  'end-before-start',
  /** The years asked for are not a range of at most 100 years, or expand to more than 20,000 days. */
  'too-many-days',
] as const;
/** What makes an iCalendar file unreadable as holidays. */
export type ICalendarProblemCode = (typeof ICALENDAR_PROBLEM_CODES)[number];

/** One problem of an iCalendar import: the 1-based `line` or `event` it is about (null when the whole file), and an English message. */
export interface ICalendarProblem {
  code: ICalendarProblemCode;
  line: number | null;
  event: number | null;
  message: string;
}

/**
 * An event that was read but is not a holiday: it has a time of day (`not-all-day`), was
 * cancelled, or recurs other than yearly (`unsupported-recurrence`).
 */
export interface ICalendarSkippedEvent {
  event: number;
  summary: string;
  reason: 'not-all-day' | 'cancelled' | 'unsupported-recurrence';
}

/** The outcome of {@link holidaysFromICalendar}: sorted unique dates and the events left out, or every problem. */
export type ICalendarHolidays =
  | { ok: true; holidays: string[]; skipped: ICalendarSkippedEvent[] }
  | { ok: false; problems: ICalendarProblem[] };

const MAX_YEARS = 100;
const MAX_DAYS = 20_000;
const DAY_MS = 86_400_000;
// NAME, then parameters (values may be quoted and hold ':' or ';'), then ':' and the value.
const DATE_PROPERTIES: ReadonlySet<string> = new Set(['DTSTART', 'DTEND', 'RDATE', 'EXDATE', 'RECURRENCE-ID']);
const CONTENT_LINE = /^[A-Za-z0-9-]+(;[A-Za-z0-9-]+=("[^"]*"|[^";:,]*)(,("[^"]*"|[^";:,]*))*)*:/;

/**
 * The holidays of an iCalendar file: every all-day VEVENT as the dates it covers (DTEND is
 * exclusive; a multi-day event gives each day; DURATION works too), yearly RRULEs (with RDATE and
 * EXDATE) expanded over `years`, dates kept only within `years`. An event from 00:00 to 00:00 of
 * a later day counts as all-day (Outlook exports them so). By default the years run from the
 * earliest year an event starts in to the latest, and at least three years. Malformed input is
 * refused with every problem found, never thrown.
 */
export function holidaysFromICalendar(file: string, years: ICalendarYears = {}): ICalendarHolidays {
  // Some exporters start the file with a byte-order mark.
  const text = file.startsWith('\uFEFF') ? file.slice(1) : file;
  if (text.trim() === '') return fail('empty', null, null, 'The file is empty');
  const lineProblems = checkLines(text);
  if (lineProblems.length > 0) return { ok: false, problems: lineProblems };

  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(text) as unknown[]);
  } catch (error) {
    return fail('malformed-line', null, null, `The file cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const calendar = root.name === 'vcalendar' ? root : root.getFirstSubcomponent('vcalendar');
  if (!calendar) return fail('not-icalendar', null, null, 'The file holds no VCALENDAR');

  const events: { number: number; event: ICAL.Event; summary: string }[] = [];
  const problems: ICalendarProblem[] = [];
  const skipped: ICalendarSkippedEvent[] = [];
  calendar.getAllSubcomponents('vevent').forEach((component, i) => {
    const number = i + 1;
    const summary = String(component.getFirstPropertyValue('summary') ?? '');
    const label = summary ? `Event ${number} (${summary})` : `Event ${number}`;
    if (!component.hasProperty('dtstart')) {
      problems.push({ code: 'missing-start', line: null, event: number, message: `${label} has no DTSTART` });
      return;
    }
    const event = new ICAL.Event(component);
    const start = event.startDate;
    const end = event.endDate;
    if (!isRealTime(start) || !isRealTime(end)) {
      problems.push({ code: 'invalid-date', line: null, event: number, message: `${label} has a start or end that is not a real date` });
      return;
    }
    if (end.compare(start) < 0) {
      problems.push({ code: 'end-before-start', line: null, event: number, message: `${label} ends before it starts` });
      return;
    }
    const status = String(component.getFirstPropertyValue('status') ?? '').toUpperCase();
    const reason = status === 'CANCELLED' ? 'cancelled' : !isAllDay(start, end) ? 'not-all-day' : null;
    if (reason) {
      skipped.push({ event: number, summary, reason });
      return;
    }
    const rule = component.getFirstPropertyValue('rrule');
    if (rule !== null && !(rule instanceof ICAL.Recur)) {
      problems.push({ code: 'invalid-date', line: null, event: number, message: `${label} has an RRULE that cannot be read` });
      return;
    }
    if (rule instanceof ICAL.Recur && rule.freq !== 'YEARLY') {
      skipped.push({ event: number, summary, reason: 'unsupported-recurrence' });
      return;
    }
    events.push({ number, event, summary });
  });
  if (problems.length > 0) return { ok: false, problems };

  const startYears = events.map(({ event }) => event.startDate.year);
  const fromYear = years.fromYear ?? (startYears.length > 0 ? Math.min(...startYears) : 0);
  const toYear = years.toYear ?? Math.max(fromYear + 2, ...startYears);
  if (!Number.isInteger(fromYear) || !Number.isInteger(toYear) || toYear < fromYear || toYear - fromYear >= MAX_YEARS) {
    return fail('too-many-days', null, null, `The years ${fromYear}–${toYear} are not a range of at most ${MAX_YEARS} years`);
  }

  const dates = new Set<string>();
  for (const { event } of events) {
    // DTEND is exclusive: an event from the 24th to the 27th covers the 24th, 25th and 26th.
    const days = Math.max(1, dayNumber(event.endDate) - dayNumber(event.startDate));
    const addDays = (start: ICAL.Time): void => {
      const first = dayNumber(start);
      for (let d = 0; d < days; d++) {
        const date = formatDay(first + d);
        if (Number(date.slice(0, 4)) >= fromYear && Number(date.slice(0, 4)) <= toYear) dates.add(date);
      }
    };
    if (!event.isRecurring()) {
      addDays(event.startDate);
    } else {
      const occurrences = event.iterator();
      for (let next = occurrences.next(); next && next.year <= toYear; next = occurrences.next()) {
        addDays(next);
        if (dates.size > MAX_DAYS) break;
      }
    }
    if (dates.size > MAX_DAYS) {
      return fail('too-many-days', null, null, `The file gives more than ${MAX_DAYS} holidays in ${fromYear}–${toYear}`);
    }
  }
  return { ok: true, holidays: [...dates].sort(), skipped };
}

function fail(code: ICalendarProblemCode, line: number | null, event: number | null, message: string): ICalendarHolidays {
  return { ok: false, problems: [{ code, line, event, message }] };
}

// Line-level checks with line numbers (ical.js reports neither the line nor every problem):
// unfolded content lines must look like NAME[;PARAM=…]:VALUE and BEGIN/END must pair up.
function checkLines(text: string): ICalendarProblem[] {
  const problems: ICalendarProblem[] = [];
  const raw = text.split(/\r\n|\n|\r/);
  const open: { name: string; line: number }[] = [];
  let sawCalendar = false;
  let current: { text: string; line: number } | null = null;
  const finish = (): void => {
    if (!current) return;
    const { text: content, line } = current;
    current = null;
    if (!CONTENT_LINE.test(content)) {
      problems.push({ code: 'malformed-line', line, event: null, message: `Line ${line} is not NAME:VALUE: ${content.slice(0, 80)}` });
      return;
    }
    const head = (CONTENT_LINE.exec(content) as RegExpExecArray)[0];
    const name = content.slice(0, content.search(/[;:]/)).toUpperCase();
    const value = content.slice(head.length).trim().toUpperCase();
    if (DATE_PROPERTIES.has(name) && !value.split(',').every(isDateValue)) {
      problems.push({ code: 'invalid-date', line, event: null, message: `Line ${line}: ${name} ${value} is not a real date or date-time` });
    } else if (name === 'RRULE') {
      try {
        ICAL.Recur.fromString(value);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        problems.push({ code: 'invalid-recurrence', line, event: null, message: `Line ${line}: the RRULE cannot be read (${reason})` });
      }
    }
    if (name === 'BEGIN') {
      if (value === 'VCALENDAR') sawCalendar = true;
      open.push({ name: value, line });
    } else if (name === 'END') {
      const top = open.pop();
      if (!top || top.name !== value) {
        problems.push({ code: 'unbalanced', line, event: null, message: `Line ${line} ends ${value}, but ${top ? `${top.name} (line ${top.line})` : 'nothing'} is open` });
        if (top) open.push(top);
      }
    }
  };
  raw.forEach((text, i) => {
    // Folded lines (RFC 5545 §3.1) continue with a space or a tab.
    if (current && (text.startsWith(' ') || text.startsWith('\t'))) {
      current.text += text.slice(1);
      return;
    }
    finish();
    if (text.trim() !== '') current = { text, line: i + 1 };
  });
  finish();
  if (!sawCalendar) {
    return [{ code: 'not-icalendar', line: null, event: null, message: 'The file is not an iCalendar file (no BEGIN:VCALENDAR)' }];
  }
  for (const left of open) {
    problems.push({ code: 'unbalanced', line: left.line, event: null, message: `${left.name} (line ${left.line}) is never ended` });
  }
  return problems;
}

// `YYYYMMDD` or `YYYYMMDDTHHMMSS[Z]` (a PERIOD's start for RDATE), with a real date and time.
function isDateValue(value: string): boolean {
  const match = /^(\d{4})(\d{2})(\d{2})(T(\d{2})(\d{2})(\d{2})Z?)?(\/.*)?$/.exec(value);
  if (!match) return false;
  if (parseLocalDate(`${match[1]}-${match[2]}-${match[3]}`) === null) return false;
  return match[4] === undefined || (Number(match[5]) <= 23 && Number(match[6]) <= 59 && Number(match[7]) <= 60);
}

function isRealTime(time: ICAL.Time | null | undefined): time is ICAL.Time {
  if (!time) return false;
  const date = `${String(time.year).padStart(4, '0')}-${String(time.month).padStart(2, '0')}-${String(time.day).padStart(2, '0')}`;
  return parseLocalDate(date) !== null && time.hour <= 23 && time.minute <= 59 && time.second <= 60;
}

// A DATE value, or midnight to a later midnight in the same zone (some exporters write all-day so).
function isAllDay(start: ICAL.Time, end: ICAL.Time): boolean {
  if (start.isDate) return true;
  const midnight = (t: ICAL.Time): boolean => t.hour === 0 && t.minute === 0 && t.second === 0;
  return midnight(start) && midnight(end) && dayNumber(end) > dayNumber(start);
}

// Days since 1970-01-01 of a time's own local date.
function dayNumber(time: ICAL.Time): number {
  return Date.UTC(time.year, time.month - 1, time.day) / DAY_MS;
}

function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
