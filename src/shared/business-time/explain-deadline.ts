// "Why is this due then?": the span from a clock's start to its deadline, cut into the stretches
// that counted and the ones that were skipped, and why. It follows the same rules as the clock
// (it runs it first), so the counted minutes always add up to the target.
import type { Calendar } from './calendar';
import { type ClockRun, type Pause, normalizePauses, runClock } from './business-clock';
import {
  type CompiledCalendar,
  compileCalendar,
  dayKind,
  dayOfInstant,
  formatLocal,
  openIntervalsOfDay,
  startOfDay,
} from './compiled-calendar';

const MINUTE_MS = 60_000;

/**
 * Why a span did not count: `closed` (outside the day's hours: nights, lunch breaks), `weekend`
 * (a weekday without hours), `holiday`, or `paused` (the ticket was pending or on hold).
 */
export type SkipReason = 'closed' | 'weekend' | 'holiday' | 'paused';

/**
 * One stretch between a clock's start and its deadline, `[fromMs, toMs)`, with its local wall
 * times (`2026-03-30T09:00+02:00`). `minutes` are the business minutes in it: counted ones for a
 * counted stretch, held ones for a paused stretch, 0 for closed, weekend and holiday stretches.
 */
export type DeadlineSegment =
  | { kind: 'counted'; fromMs: number; toMs: number; fromLocal: string; toLocal: string; minutes: number }
  | {
      kind: 'skipped';
      reason: SkipReason;
      fromMs: number;
      toMs: number;
      fromLocal: string;
      toLocal: string;
      minutes: number;
    };

/**
 * A clock's outcome (as {@link runBusinessClock}) with the stretches that led to it, in order and
 * without gaps from `startAt` to the deadline (or to `pausedAt` when an open pause holds it; no
 * segments beyond the horizon). `countedMinutes` equals `targetMinutes` when the outcome is due.
 */
export type DeadlineExplanation = ClockRun & {
  timeZone: string;
  startAt: number;
  targetMinutes: number;
  countedMinutes: number;
  pausedMinutes: number;
  segments: DeadlineSegment[];
};

type SpanState = 'open' | 'closed' | 'weekend' | 'holiday' | 'paused';
interface Span {
  state: SpanState;
  fromMs: number;
  toMs: number;
  openMs: number;
}

/** Explains the deadline of `minutes` business minutes from `startMs` with `pauses`: what counted, what was skipped. */
export function explainDeadline(
  calendar: Calendar,
  startMs: number,
  minutes: number,
  pauses: readonly Pause[] = [],
): DeadlineExplanation {
  if (!Number.isFinite(startMs)) throw new RangeError(`startMs must be an instant in epoch ms, got ${startMs}`);
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`minutes must be ≥ 0, got ${minutes}`);
  const cc = compileCalendar(calendar);
  const normalized = normalizePauses(pauses);
  const run = runClock(cc, startMs, Math.round(minutes * MINUTE_MS), normalized);
  const endMs = run.outcome === 'due' ? run.dueAt : run.outcome === 'paused' ? run.pausedAt : startMs;

  const spans = mergeSpans(overlayPauses(calendarSpans(cc, startMs, endMs), normalized.fromMs, normalized.toMs));
  // Sums in ms, divided once: adding per-segment fractions would drift from the exact total.
  let countedMs = 0;
  let pausedMs = 0;
  for (const span of spans) {
    if (span.state === 'open') countedMs += span.openMs;
    else if (span.state === 'paused') pausedMs += span.openMs;
  }
  return {
    ...run,
    timeZone: calendar.timeZone,
    startAt: startMs,
    targetMinutes: minutes,
    countedMinutes: countedMs / MINUTE_MS,
    pausedMinutes: pausedMs / MINUTE_MS,
    segments: spans.map((span) => toSegment(cc, span)),
  };
}

// The calendar's own states over [fromMs, toMs), day by day: open stretches, and the closed time
// between them labelled by the kind of day it falls on.
function calendarSpans(cc: CompiledCalendar, fromMs: number, toMs: number): Span[] {
  const spans: Span[] = [];
  if (toMs <= fromMs) return spans;
  let day = dayOfInstant(cc, fromMs) - 1;
  let dayStart = startOfDay(cc, day);
  while (dayStart < toMs) {
    const nextStart = startOfDay(cc, day + 1);
    const from = Math.max(dayStart, fromMs);
    const to = Math.min(nextStart, toMs);
    if (from < to) {
      const kind = dayKind(cc, day);
      const closed: SpanState = kind === 'workday' ? 'closed' : kind;
      const open = openIntervalsOfDay(cc, day);
      let cursor = from;
      for (let i = 0; i < open.length; i += 2) {
        const openFrom = Math.max(open[i] as number, cursor);
        const openTo = Math.min(open[i + 1] as number, to);
        if (openTo <= openFrom) continue;
        if (openFrom > cursor) spans.push({ state: closed, fromMs: cursor, toMs: openFrom, openMs: 0 });
        spans.push({ state: 'open', fromMs: openFrom, toMs: openTo, openMs: openTo - openFrom });
        cursor = openTo;
      }
      if (cursor < to) spans.push({ state: closed, fromMs: cursor, toMs: to, openMs: 0 });
    }
    day++;
    dayStart = nextStart;
  }
  return spans;
}

// Whatever falls inside a pause is `paused`, whatever the calendar said; the open time inside it
// is what the pause held (and moved the deadline by).
function overlayPauses(spans: Span[], pauseFrom: readonly number[], pauseTo: readonly number[]): Span[] {
  if (pauseFrom.length === 0) return spans;
  const result: Span[] = [];
  let p = 0;
  for (const span of spans) {
    let at = span.fromMs;
    while (at < span.toMs) {
      while (p < pauseFrom.length && (pauseTo[p] as number) <= at) p++;
      const inPause = p < pauseFrom.length && (pauseFrom[p] as number) <= at;
      const to = inPause
        ? Math.min(pauseTo[p] as number, span.toMs)
        : Math.min(p < pauseFrom.length ? (pauseFrom[p] as number) : span.toMs, span.toMs);
      const openMs = span.state === 'open' ? to - at : 0;
      result.push({ state: inPause ? 'paused' : span.state, fromMs: at, toMs: to, openMs });
      at = to;
    }
  }
  return result;
}

function mergeSpans(spans: Span[]): Span[] {
  const merged: Span[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && last.state === span.state && last.toMs === span.fromMs) {
      last.toMs = span.toMs;
      last.openMs += span.openMs;
    } else {
      merged.push({ ...span });
    }
  }
  return merged;
}

function toSegment(cc: CompiledCalendar, span: Span): DeadlineSegment {
  const base = {
    fromMs: span.fromMs,
    toMs: span.toMs,
    fromLocal: formatLocal(cc, span.fromMs),
    toLocal: formatLocal(cc, span.toMs),
    minutes: span.openMs / MINUTE_MS,
  };
  return span.state === 'open' ? { kind: 'counted', ...base } : { kind: 'skipped', reason: span.state, ...base };
}
