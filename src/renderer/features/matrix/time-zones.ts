// The IANA time zones a calendar can be in, for the searchable picker: every zone this browser
// knows, with its current UTC offset, found by any part of its name ("york", "new york", "kolkata").

/** A time zone as the picker lists it. */
export interface ZoneOption {
  zone: string;
  /** The zone's UTC offset at the instant the list was made, e.g. `UTC+05:30`. */
  offset: string;
}

function supportedZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  // Some engines leave UTC out of the list though every calendar may use it.
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}

/** The UTC offset of a zone at an instant, as `UTC+01:00` (`UTC` for zero). */
export function zoneOffset(zone: string, atMs: number): string {
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
      .formatToParts(atMs)
      .find((p) => p.type === 'timeZoneName')?.value;
    // Engines write zero as `GMT` or `GMT+00:00`.
    if (!part || part === 'GMT' || part === 'GMT+00:00') return 'UTC';
    return part.replace('GMT', 'UTC');
  } catch {
    return '';
  }
}

let cached: { atMs: number; options: ZoneOption[] } | null = null;

/** Every zone with its offset now; computed once per hour (the offsets change with DST). */
export function zoneOptions(nowMs: number): ZoneOption[] {
  if (cached && nowMs - cached.atMs < 3_600_000) return cached.options;
  const options = supportedZones().map((zone) => ({ zone, offset: zoneOffset(zone, nowMs) }));
  cached = { atMs: nowMs, options };
  return options;
}

function fold(text: string): string {
  return text.toLowerCase().replace(/[_/]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/** The zones whose name holds every word typed (underscores and slashes read as spaces), at most `limit`. */
export function searchZones(options: readonly ZoneOption[], query: string, limit = 50): ZoneOption[] {
  const words = fold(query).split(' ').filter((word) => word !== '');
  if (words.length === 0) return options.slice(0, limit);
  const found: ZoneOption[] = [];
  for (const option of options) {
    const name = fold(option.zone);
    if (words.every((word) => name.includes(word) || option.offset.toLowerCase() === word)) {
      found.push(option);
      if (found.length >= limit) break;
    }
  }
  return found;
}
