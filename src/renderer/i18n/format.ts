import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgentTimeZone } from './agent-time-zone';

const SECOND_MS = 1_000;
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** Older than this, an instant is shown as a date rather than "n days ago". */
const RELATIVE_LIMIT_MS = 7 * DAY_MS;

/** Locale-bound formatters for instants and numbers; every date and number the UI shows goes through one. */
export interface Formatters {
  /** The locale the formatters speak. */
  readonly locale: string;
  /** The IANA time zone dates are shown in (the agent's); undefined means the system's. */
  readonly timeZone: string | undefined;
  /** "5 minutes ago" for recent instants, a short date for older ones; `now` in epoch ms. */
  relative(atMs: number, nowMs: number): string;
  /** A date and time, e.g. for a message header. */
  dateTime(atMs: number): string;
  /** A date without time. */
  date(atMs: number): string;
  /** A ticket number without grouping (ticket 12345, not 12,345). */
  ticketNumber(value: number): string;
  /** A count, grouped as the locale does. */
  count(value: number): string;
  /**
   * A length of time, coarse enough to read at a glance: "2 d 4 h", "1 h 20 min", "4 min 05 s"
   * (the two largest units; seconds only under ten minutes). Negative lengths are shown as positive.
   */
  duration(ms: number): string;
  /** A size in bytes: "512 B", "1.2 kB", "3.4 MB". */
  bytes(value: number): string;
  /** The wall-clock time in another time zone, e.g. the customer's: "14:05". Throws nothing: an unknown zone falls back to UTC. */
  timeIn(atMs: number, timeZone: string): string;
  /** A language's name in the UI's language ("nl" → "Dutch"); the code itself when unknown. */
  languageName(code: string): string;
  /** Names joined as the language does: "Ana, Ben and Cas". */
  list(items: readonly string[]): string;
}

function unitFormat(locale: string, unit: string): Intl.NumberFormat {
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 0 });
}

function safeTimeFormat(locale: string, timeZone: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone });
  } catch {
    // An unknown zone name throws a RangeError; show UTC rather than nothing.
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
  }
}

export function createFormatters(locale: string, timeZone?: string): Formatters {
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' });
  const shortDate = safeTimeFormat(locale, timeZone, { dateStyle: 'short' });
  const mediumDate = safeTimeFormat(locale, timeZone, { dateStyle: 'medium' });
  const dateTime = safeTimeFormat(locale, timeZone, { dateStyle: 'medium', timeStyle: 'short' });
  const plainNumber = new Intl.NumberFormat(locale, { useGrouping: false, maximumFractionDigits: 0 });
  const count = new Intl.NumberFormat(locale);
  const units = {
    day: unitFormat(locale, 'day'),
    hour: unitFormat(locale, 'hour'),
    minute: unitFormat(locale, 'minute'),
    second: unitFormat(locale, 'second'),
  };
  const seconds2 = new Intl.NumberFormat(locale, { style: 'unit', unit: 'second', unitDisplay: 'short', minimumIntegerDigits: 2 });
  const byteUnits = ['byte', 'kilobyte', 'megabyte', 'gigabyte'].map(
    (unit) => new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }),
  );
  const zoneTimes = new Map<string, Intl.DateTimeFormat>();
  const conjunction = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });
  let languageNames: Intl.DisplayNames | null = null;
  try {
    languageNames = new Intl.DisplayNames(locale, { type: 'language' });
  } catch {
    languageNames = null;
  }

  return {
    locale,
    timeZone,
    relative(atMs, nowMs) {
      const diffMs = atMs - nowMs;
      const abs = Math.abs(diffMs);
      if (abs < MINUTE_MS) return rtf.format(0, 'second');
      if (abs < HOUR_MS) return rtf.format(Math.round(diffMs / MINUTE_MS), 'minute');
      if (abs < DAY_MS) return rtf.format(Math.round(diffMs / HOUR_MS), 'hour');
      if (abs < RELATIVE_LIMIT_MS) return rtf.format(Math.round(diffMs / DAY_MS), 'day');
      return shortDate.format(atMs);
    },
    dateTime: (atMs) => dateTime.format(atMs),
    date: (atMs) => mediumDate.format(atMs),
    ticketNumber: (value) => plainNumber.format(value),
    count: (value) => count.format(value),
    duration(ms) {
      const abs = Math.abs(ms);
      const days = Math.floor(abs / DAY_MS);
      const hours = Math.floor((abs % DAY_MS) / HOUR_MS);
      const minutes = Math.floor((abs % HOUR_MS) / MINUTE_MS);
      const secs = Math.floor((abs % MINUTE_MS) / SECOND_MS);
      if (days > 0) return hours > 0 ? `${units.day.format(days)} ${units.hour.format(hours)}` : units.day.format(days);
      if (hours > 0) return minutes > 0 ? `${units.hour.format(hours)} ${units.minute.format(minutes)}` : units.hour.format(hours);
      if (minutes >= 10) return units.minute.format(minutes);
      if (minutes > 0) return `${units.minute.format(minutes)} ${seconds2.format(secs)}`;
      return units.second.format(secs);
    },
    bytes(value) {
      let scaled = value;
      let unit = 0;
      while (scaled >= 1000 && unit < byteUnits.length - 1) {
        scaled /= 1000;
        unit++;
      }
      return byteUnits[unit]!.format(scaled);
    },
    timeIn(atMs, zone) {
      let format = zoneTimes.get(zone);
      if (!format) {
        format = safeTimeFormat(locale, zone, { timeStyle: 'short' });
        zoneTimes.set(zone, format);
      }
      return format.format(atMs);
    },
    languageName(code) {
      try {
        return languageNames?.of(code) ?? code;
      } catch {
        return code;
      }
    },
    list: (items) => conjunction.format(items),
  };
}

/** The formatters of the current language, in the signed-in agent's time zone; they change when either does. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  const timeZone = useAgentTimeZone((s) => s.timeZone);
  return useMemo(() => createFormatters(i18n.language, timeZone), [i18n.language, timeZone]);
}
