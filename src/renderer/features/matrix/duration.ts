// Targets are business minutes; leads think in hours. A cell accepts "8h", "1h 30m", "1:30",
// "1.5h" or a bare number of minutes ("480"), and shows the value back as hours and minutes.
// Days are refused on purpose: a business day has no fixed length (8 h in one calendar, 24 h in
// another), so "1d" would mean something different per plan.

/** The unit words the parser accepts, in every UI language (h/u/Std. for hours, m/min for minutes). */
const HOUR_UNITS = ['h', 'hr', 'hrs', 'hour', 'hours', 'u', 'uur', 'uren', 'std', 'std.', 'stunde', 'stunden'];
const MINUTE_UNITS = ['m', 'min', 'min.', 'mins', 'minute', 'minutes', 'minuut', 'minuten'];

/** What a typed duration reads as: nothing (no target), a number of minutes, or text that is not a duration. */
export type ParsedDuration = { kind: 'empty' } | { kind: 'minutes'; minutes: number } | { kind: 'invalid' };

const NUMBER = String.raw`(\d+(?:[.,]\d+)?)`;
const PART = new RegExp(String.raw`^${NUMBER}\s*([a-z.]+)`, 'i');

function toNumber(text: string): number {
  return Number(text.replace(',', '.'));
}

/**
 * Reads a duration as a lead types it: `480` (minutes), `8h`, `1h 30m`, `1h30`, `1:30`, `1.5h`,
 * `90 min`, in any of the UI languages' unit words. Fractions of a minute are kept (the matrix's
 * rules then say a target must be whole minutes), so the lead sees why rather than a silent round.
 */
export function parseDuration(text: string): ParsedDuration {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === '') return { kind: 'empty' };
  if (new RegExp(`^${NUMBER}$`).test(trimmed)) return { kind: 'minutes', minutes: toNumber(trimmed) };
  const clock = /^(\d+):([0-5]\d)$/.exec(trimmed);
  if (clock) return { kind: 'minutes', minutes: Number(clock[1]) * 60 + Number(clock[2]) };

  let rest = trimmed;
  let minutes = 0;
  let sawHours = false;
  let sawMinutes = false;
  while (rest !== '') {
    const match = PART.exec(rest);
    if (match) {
      const value = toNumber(match[1] as string);
      const unit = match[2] as string;
      if (HOUR_UNITS.includes(unit) && !sawHours && !sawMinutes) {
        minutes += value * 60;
        sawHours = true;
      } else if (MINUTE_UNITS.includes(unit) && !sawMinutes) {
        minutes += value;
        sawMinutes = true;
      } else {
        return { kind: 'invalid' };
      }
      rest = rest.slice(match[0].length).trim();
      continue;
    }
    // "1h30": a bare number after the hours is minutes.
    const trailing = new RegExp(`^${NUMBER}$`).exec(rest);
    if (trailing && sawHours && !sawMinutes) {
      minutes += toNumber(trailing[1] as string);
      rest = '';
      sawMinutes = true;
      continue;
    }
    return { kind: 'invalid' };
  }
  // Float noise from "1.1h" (66.00000000000001) is not a fraction the lead typed.
  return { kind: 'minutes', minutes: Math.round(minutes * 1e6) / 1e6 };
}

/** The unit letters a duration is written with in the UI's language. */
export interface DurationUnits {
  hours: string;
  minutes: string;
}

/**
 * Minutes as hours and minutes, the way the cell shows them: 480 → `8h`, 90 → `1h 30m`,
 * 45 → `45m`, 0 → `0m`. A value that is not whole minutes (the lead typed one) stays as typed minutes.
 */
export function formatDuration(minutes: number, units: DurationUnits): string {
  if (!Number.isFinite(minutes) || minutes < 0 || !Number.isInteger(minutes)) return `${minutes}${units.minutes}`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest}${units.minutes}`;
  if (rest === 0) return `${hours}${units.hours}`;
  return `${hours}${units.hours} ${rest}${units.minutes}`;
}
