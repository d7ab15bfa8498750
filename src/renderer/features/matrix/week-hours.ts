// The week view of a calendar: where each opening interval sits on a day's 24-hour track, and
// the interval a lead most likely wants when adding one to a day.
import { parseWallTime, type OpeningInterval } from '../../../shared/business-time/calendar';

const DAY_MINUTES = 1440;

/** An interval drawn on the day's track: its index in the day and its place as a share of the day (0–100). */
export interface IntervalBlock {
  index: number;
  startPercent: number;
  widthPercent: number;
}

/** The blocks of a day's intervals that can be drawn (times that read and end after they start). */
export function intervalBlocks(intervals: readonly OpeningInterval[]): IntervalBlock[] {
  const blocks: IntervalBlock[] = [];
  intervals.forEach(([startText, endText], index) => {
    const start = parseWallTime(startText);
    const end = parseWallTime(endText);
    if (start === null || end === null || end <= start) return;
    blocks.push({ index, startPercent: (start / DAY_MINUTES) * 100, widthPercent: ((end - start) / DAY_MINUTES) * 100 });
  });
  return blocks;
}

function wall(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * The interval to add to a day: office hours on a closed day, else the hour after the latest
 * end (up to 24:00), else (a day open until midnight) the first hour of the day.
 */
export function suggestInterval(intervals: readonly OpeningInterval[]): OpeningInterval {
  if (intervals.length === 0) return ['09:00', '17:00'];
  const ends = intervals.map(([, end]) => parseWallTime(end)).filter((end): end is number => end !== null);
  const latest = ends.length > 0 ? Math.max(...ends) : 0;
  if (latest >= DAY_MINUTES) return ['00:00', '01:00'];
  return [wall(latest), wall(Math.min(DAY_MINUTES, latest + 60))];
}

/**
 * A wall time as the calendar format writes it, from what a lead may type: `9` → `09:00`,
 * `930` → `09:30`, `9:5` stays as typed (ambiguous), `17.30` → `17:30`. Null when it is not a time
 * at all; the rules then say so on the interval.
 */
export function normaliseWallTime(text: string): string | null {
  const trimmed = text.trim().replace('.', ':');
  let hours: number;
  let minutes: number;
  const withColon = /^(\d{1,2}):(\d{2})$/.exec(trimmed);
  const digits = /^(\d{1,4})$/.exec(trimmed);
  if (withColon) {
    hours = Number(withColon[1]);
    minutes = Number(withColon[2]);
  } else if (digits) {
    const value = digits[1] as string;
    hours = Number(value.length <= 2 ? value : value.slice(0, value.length - 2));
    minutes = value.length <= 2 ? 0 : Number(value.slice(-2));
  } else {
    return null;
  }
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) return null;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}
