// The SLA clocks of one ticket, read from its history at a given `now`. Pure: the desktop runs it
// for the offline display and the backend for the authoritative breach, on the same inputs.
//
// Rules (docs/business-time.md):
// - first response: from creation until the first public agent reply;
// - next response: starts at a customer message when no response is owed, stops at the next
//   public agent reply;
// - resolution: from creation until solved; time while solved or closed does not count, so
//   reopening resumes the clock where it stopped;
// - every clock pauses while the status is one of the policy's `pausedStatuses`;
// - solving a ticket also settles a response that is still owed (`metBy: 'solved'`): there is
//   nothing left to answer. A later customer message starts a next-response clock.
import { z } from 'zod';
import type { AuthorType, MessageKind } from '../domain/message';
import type { Calendar } from './calendar';
import { type Pause, businessMinutesBetween, runBusinessClock } from './business-clock';

/** Statuses in which the ticket counts as solved: the resolution clock stops, owed responses are settled. */
export const SOLVED_STATUSES: readonly string[] = ['solved', 'closed'];

/** A business-minutes target: a positive whole number, or null when the policy sets none for that clock. */
export const slaTargetMinutesSchema = z.number().int().positive().nullable();

/** An SLA policy (one support plan × priority): targets in business minutes and the statuses that pause the clocks. */
export const slaPolicySchema = z.object({
  firstResponseMinutes: slaTargetMinutesSchema,
  nextResponseMinutes: slaTargetMinutesSchema,
  resolutionMinutes: slaTargetMinutesSchema,
  pausedStatuses: z.array(z.string().min(1)),
});
/** An SLA policy: business-minute targets per clock and the statuses during which the clocks pause. */
export type SlaPolicy = z.infer<typeof slaPolicySchema>;

/** The three SLA clocks of a ticket. */
export const SLA_CLOCKS = ['firstResponse', 'nextResponse', 'resolution'] as const;
/** The name of an SLA clock. */
export type SlaClock = (typeof SLA_CLOCKS)[number];

/** A status change: from instant `at` (epoch ms) on, the ticket has `status`. */
export interface SlaStatusChange {
  at: number;
  status: string;
}

/** A thread message as the clocks read it (a domain `Message` fits): when, who, public reply or internal note. */
export interface SlaMessage {
  createdAt: number;
  authorType: AuthorType;
  kind: MessageKind;
}

/** What the clocks read from a ticket: creation instant and status, status changes and messages, in any order. */
export interface SlaTimeline {
  createdAt: number;
  initialStatus: string;
  statusChanges: readonly SlaStatusChange[];
  messages: readonly SlaMessage[];
}

/** How a clock was stopped: by a public agent reply, or by solving the ticket. */
export type SlaMetBy = 'reply' | 'solved';

/**
 * What a clock's deadline was computed from: pass `startedAt`, `targetMinutes` and `pauses` to
 * `explainDeadline` to see which intervals counted, paused or were skipped.
 */
export interface SlaClockBasis {
  startedAt: number;
  targetMinutes: number;
  pauses: Pause[];
}

/**
 * One clock at `now`. `inactive`: no target, or nothing owed. `running`: due at `dueAt` (≥ now),
 * `remainingMinutes` of business time left. `paused`: held since `pausedAt` with
 * `remainingMinutes` left. `met`: stopped at `metAt`; `breachedAt` is the deadline when that was
 * late, else null. `breached`: `dueAt` < now and not met (`breachedAt` = `dueAt`).
 * `beyond-horizon`: the calendar has no working time to run out in (see SEARCH_HORIZON_DAYS).
 */
export type SlaClockState =
  | { state: 'inactive' }
  | (SlaClockBasis & { state: 'running'; dueAt: number; remainingMinutes: number })
  | (SlaClockBasis & { state: 'paused'; pausedAt: number; remainingMinutes: number })
  | (SlaClockBasis & {
      state: 'met';
      dueAt: number | null;
      metAt: number;
      metBy: SlaMetBy;
      breachedAt: number | null;
    })
  | (SlaClockBasis & { state: 'breached'; dueAt: number; breachedAt: number })
  | (SlaClockBasis & { state: 'beyond-horizon' });

/**
 * A ticket's SLA at `now`: each clock (`nextResponse` is the latest cycle, `nextResponseCycles`
 * all of them, oldest first), the soonest running deadline, and which clocks are breached.
 */
export interface TicketSla {
  firstResponse: SlaClockState;
  nextResponse: SlaClockState;
  nextResponseCycles: SlaClockState[];
  resolution: SlaClockState;
  nextDeadline: { clock: SlaClock; dueAt: number } | null;
  breached: boolean;
  breachedClocks: SlaClock[];
}

/** Inputs of {@link computeTicketSla}; events after `nowMs` are ignored, so the result is the SLA as it stood then. */
export interface TicketSlaInput {
  policy: SlaPolicy;
  calendar: Calendar;
  timeline: SlaTimeline;
  nowMs: number;
}

interface Span {
  fromMs: number;
  toMs: number | null;
}

interface Owed {
  startedAt: number;
  metAt: number | null;
  metBy: SlaMetBy | null;
}

/** Computes every SLA clock of a ticket at `nowMs` from its history, policy and business-hours calendar. */
export function computeTicketSla({ policy, calendar, timeline, nowMs }: TicketSlaInput): TicketSla {
  const createdAt = timeline.createdAt;
  const statuses = statusSegments(timeline, nowMs);
  const paused = new Set(policy.pausedStatuses);
  const solved = new Set(SOLVED_STATUSES);
  const pausedSpans = spansWhere(statuses, (status) => paused.has(status));
  const solvedSpans = spansWhere(statuses, (status) => solved.has(status));

  // Response clocks: one response is owed at a time. Messages go before status changes at the
  // same instant, so a reply sent together with "solved" counts as the reply it is.
  type Event = { at: number; order: number; what: 'agent-reply' | 'customer' | 'solved' };
  const events: Event[] = [];
  timeline.messages.forEach((message, order) => {
    if (message.createdAt > nowMs) return;
    const at = Math.max(message.createdAt, createdAt);
    if (message.authorType === 'agent' && message.kind === 'reply') events.push({ at, order, what: 'agent-reply' });
    if (message.authorType === 'customer') events.push({ at, order, what: 'customer' });
  });
  solvedSpans.forEach((span, order) => events.push({ at: span.fromMs, order: timeline.messages.length + order, what: 'solved' }));
  events.sort((a, b) => a.at - b.at || a.order - b.order);

  const firstResponse: Owed = { startedAt: createdAt, metAt: null, metBy: null };
  const cycles: Owed[] = [];
  let owed: Owed | null = firstResponse;
  for (const event of events) {
    if (event.what === 'customer') {
      if (!owed) {
        owed = { startedAt: event.at, metAt: null, metBy: null };
        cycles.push(owed);
      }
    } else if (owed) {
      owed.metAt = event.at;
      owed.metBy = event.what === 'agent-reply' ? 'reply' : 'solved';
      owed = null;
    }
  }

  const clock = (target: number | null, run: Owed, held: Span[]): SlaClockState =>
    target === null ? { state: 'inactive' } : evaluate(calendar, target, run, held, nowMs);

  const current = statuses[statuses.length - 1] as { status: string; fromMs: number };
  const resolutionRun: Owed = solved.has(current.status)
    ? { startedAt: createdAt, metAt: current.fromMs, metBy: 'solved' }
    : { startedAt: createdAt, metAt: null, metBy: null };
  const nextResponseCycles = cycles.map((cycle) => clock(policy.nextResponseMinutes, cycle, pausedSpans));
  const sla = {
    firstResponse: clock(policy.firstResponseMinutes, firstResponse, pausedSpans),
    nextResponse: nextResponseCycles[nextResponseCycles.length - 1] ?? { state: 'inactive' },
    nextResponseCycles,
    resolution: clock(policy.resolutionMinutes, resolutionRun, [...pausedSpans, ...solvedSpans]),
  } satisfies Omit<TicketSla, 'nextDeadline' | 'breached' | 'breachedClocks'>;

  let nextDeadline: TicketSla['nextDeadline'] = null;
  const breachedClocks: SlaClock[] = [];
  for (const name of SLA_CLOCKS) {
    const state = sla[name];
    if (state.state === 'running' && (!nextDeadline || state.dueAt < nextDeadline.dueAt)) {
      nextDeadline = { clock: name, dueAt: state.dueAt };
    }
    if (state.state === 'breached') breachedClocks.push(name);
  }
  return { ...sla, nextDeadline, breached: breachedClocks.length > 0, breachedClocks };
}

// One clock: runs its target from its start over the held spans. A met clock's deadline is the
// one that stood when it was met (pauses up to then); it was late when that deadline lies before
// the stop, even if no business minute passed in between (minutes ran out at 17:00, reply at 18:00).
function evaluate(calendar: Calendar, targetMinutes: number, run: Owed, held: Span[], nowMs: number): SlaClockState {
  // A pause that starts exactly now already holds a running clock; one that starts exactly when
  // the clock was met never held it.
  const startsInTime = (fromMs: number): boolean => (run.metAt === null ? fromMs <= nowMs : fromMs < run.metAt);
  const pauses: Pause[] = held
    .filter((span) => (span.toMs === null || span.toMs > run.startedAt) && startsInTime(span.fromMs))
    .map((span) => ({
      fromMs: Math.max(span.fromMs, run.startedAt),
      toMs: run.metAt !== null ? Math.min(span.toMs ?? run.metAt, run.metAt) : span.toMs,
    }))
    .sort((a, b) => a.fromMs - b.fromMs);
  const basis: SlaClockBasis = { startedAt: run.startedAt, targetMinutes, pauses };
  const result = runBusinessClock(calendar, run.startedAt, targetMinutes, pauses);

  if (run.metAt !== null && run.metBy !== null) {
    const dueAt = result.outcome === 'due' ? result.dueAt : null;
    const breachedAt = dueAt !== null && dueAt < run.metAt ? dueAt : null;
    return { ...basis, state: 'met', dueAt, metAt: run.metAt, metBy: run.metBy, breachedAt };
  }
  switch (result.outcome) {
    case 'due':
      if (result.dueAt < nowMs) return { ...basis, state: 'breached', dueAt: result.dueAt, breachedAt: result.dueAt };
      return {
        ...basis,
        state: 'running',
        dueAt: result.dueAt,
        remainingMinutes: businessMinutesBetween(calendar, nowMs, result.dueAt),
      };
    case 'paused':
      return { ...basis, state: 'paused', pausedAt: result.pausedAt, remainingMinutes: result.remainingMinutes };
    case 'beyond-horizon':
      return { ...basis, state: 'beyond-horizon' };
  }
}

// The status over time from creation to now: consecutive segments, each from its change on.
// Changes before creation count from creation; changes after now have not happened yet.
function statusSegments(timeline: SlaTimeline, nowMs: number): { status: string; fromMs: number }[] {
  const changes = timeline.statusChanges
    .map((change, order) => ({ ...change, order }))
    .filter((change) => change.at <= nowMs)
    .sort((a, b) => a.at - b.at || a.order - b.order);
  const segments = [{ status: timeline.initialStatus, fromMs: timeline.createdAt }];
  for (const change of changes) {
    const fromMs = Math.max(change.at, timeline.createdAt);
    const last = segments[segments.length - 1] as { status: string; fromMs: number };
    if (last.fromMs === fromMs) last.status = change.status;
    else if (last.status !== change.status) segments.push({ status: change.status, fromMs });
  }
  return segments;
}

// The spans in which the status satisfies `test`; the last one is open (toMs null) when it still holds.
function spansWhere(segments: { status: string; fromMs: number }[], test: (status: string) => boolean): Span[] {
  const spans: Span[] = [];
  segments.forEach((segment, i) => {
    if (!test(segment.status)) return;
    const toMs = segments[i + 1]?.fromMs ?? null;
    const last = spans[spans.length - 1];
    if (last && last.toMs === segment.fromMs) last.toMs = toMs;
    else spans.push({ fromMs: segment.fromMs, toMs });
  });
  return spans;
}
