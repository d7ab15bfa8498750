// The instant a calendar day starts in a time zone, so `created:>2026-01-01` means the agent's
// midnight, not UTC's. Pure: Intl supplies the zone's offsets.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** How far `timeZone`'s wall clock is ahead of UTC at `instantMs`, in ms. */
function offsetMs(instantMs: number, timeZone: string): number {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(instantMs).map((part) => [part.type, part.value]));
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return wall - Math.floor(instantMs / 1000) * 1000;
}

/**
 * Epoch ms of the first instant of `day` (`YYYY-MM-DD`) in `timeZone` (IANA); an unknown zone
 * counts as UTC. Where a DST change skips midnight, the day starts at the first instant that exists.
 */
export function dayStartMs(day: string, timeZone: string): number {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const wallMidnight = Date.UTC(year, month - 1, date);
  let zone = timeZone;
  try {
    formatter(zone);
  } catch {
    zone = 'UTC'; // Intl throws RangeError for a zone it does not know.
  }
  // Two passes: the offset at midnight may differ from the offset at the UTC guess.
  const first = wallMidnight - offsetMs(wallMidnight, zone);
  const second = wallMidnight - offsetMs(first, zone);
  if (second === first) return first;
  // Midnight falls in a DST gap: take the later candidate, the first instant of the day.
  return Math.max(first, second);
}
