import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** Older than this, an instant is shown as a date rather than "n days ago". */
const RELATIVE_LIMIT_MS = 7 * DAY_MS;

/** Locale-bound formatters for instants and numbers; every date and number the UI shows goes through one. */
export interface Formatters {
  /** "5 minutes ago" for recent instants, a short date for older ones; `now` in epoch ms. */
  relative(atMs: number, nowMs: number): string;
  /** A date and time, e.g. for a message header. */
  dateTime(atMs: number): string;
  /** A ticket number without grouping (ticket 12345, not 12,345). */
  ticketNumber(value: number): string;
  /** A count, grouped as the locale does. */
  count(value: number): string;
}

export function createFormatters(locale: string): Formatters {
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' });
  const shortDate = new Intl.DateTimeFormat(locale, { dateStyle: 'short' });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const plainNumber = new Intl.NumberFormat(locale, { useGrouping: false, maximumFractionDigits: 0 });
  const count = new Intl.NumberFormat(locale);
  return {
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
    ticketNumber: (value) => plainNumber.format(value),
    count: (value) => count.format(value),
  };
}

/** The formatters of the current language; they change when the language does. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  return useMemo(() => createFormatters(i18n.language), [i18n.language]);
}
