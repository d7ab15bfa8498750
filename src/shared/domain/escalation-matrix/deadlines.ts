// The SLA of a ticket under a matrix version: the policy that applies, its clocks (computeTicketSla
// over the policy's calendar and paused statuses), when the matrix's time triggers fire, and an
// explanation that names the policy and the matrix version. Pure: the desktop shows it offline,
// the backend (the authority that escalates) computes the same from the same inputs.
import { type Pause, businessMinutesBetween, normalizePauses, runBusinessClock } from '../../business-time/business-clock';
import type { Calendar } from '../../business-time/calendar';
import { type DeadlineExplanation, explainDeadline } from '../../business-time/explain-deadline';
import { type SlaClock, type SlaTimeline, type TicketSla, computeTicketSla } from '../../business-time/sla-clocks';
import type { TicketStatus } from '../ticket';
import type { MatrixDocument, TimeTrigger, TriggerAction } from './schema';
import {
  type MatrixCustomerFacts,
  type MatrixTicketFacts,
  type PolicyCalendarSource,
  type TicketPolicy,
  type TicketPolicyFailure,
  meetsConditions,
  resolveTicketPolicy,
} from './ticket-policy';

/** The ticket and requester facts the matrix reads (see {@link MatrixTicketFacts}, {@link MatrixCustomerFacts}). */
export interface MatrixFacts {
  ticket: MatrixTicketFacts;
  customer: MatrixCustomerFacts;
}

/**
 * When a time trigger fires on a ticket whose clock is still owed (running, paused or breached).
 * `firstAt`: its first moment (null while a pause holds the clock before it); `firedTimes`: how
 * many of its moments lie at or before now (the first, then one per `repeatEveryMinutes`);
 * `nextAt`: its next moment after now (null when none is coming: no repeat, or a pause holds the clock).
 */
export interface ScheduledTrigger {
  triggerId: string;
  triggerName: string;
  clock: SlaClock;
  firstAt: number | null;
  firedTimes: number;
  nextAt: number | null;
  actions: TriggerAction[];
}

/**
 * Why the deadlines are what they are, in words the agent can check: the matrix version, the
 * policy (`Enterprise × urgent`), the calendar that counted, the statuses that paused, and one
 * English sentence with all of it. Per-clock detail: {@link explainTicketClock}.
 */
export interface TicketDeadlineExplanation {
  matrixVersion: number;
  policy: string;
  calendar: string;
  pausedStatuses: TicketStatus[];
  summary: string;
}

/**
 * A ticket's deadlines under one matrix version at `now`: the policy, every clock
 * (`computeTicketSla`), the soonest running deadline, the breach state, the triggers' schedule
 * and the explanation. `ok: false` when no policy applies (the requester's plan is not in the matrix).
 */
export type TicketDeadlines =
  | ({ ok: false; matrixVersion: number } & TicketPolicyFailure)
  | {
      ok: true;
      matrixVersion: number;
      policy: TicketPolicy;
      sla: TicketSla;
      nextDeadline: TicketSla['nextDeadline'];
      breached: boolean;
      breachedClocks: SlaClock[];
      triggers: ScheduledTrigger[];
      explanation: TicketDeadlineExplanation;
    };

const MINUTE_MS = 60_000;

const CLOCK_NAMES: Record<SlaClock, string> = {
  firstResponse: 'first response',
  nextResponse: 'next response',
  resolution: 'resolution',
};

/**
 * Computes a ticket's SLA deadlines under matrix `version` at `nowMs` from its history. Events after
 * `nowMs` are ignored. Expects a validated matrix (see `validateMatrix`).
 */
export function computeTicketDeadlines(
  matrix: MatrixDocument,
  version: number,
  facts: MatrixFacts,
  timeline: SlaTimeline,
  nowMs: number,
): TicketDeadlines {
  const resolved = resolveTicketPolicy(matrix, facts.ticket, facts.customer);
  if (!resolved.ok) return { ok: false, matrixVersion: version, code: resolved.code, message: resolved.message };
  const { ok: _ok, ...policy } = resolved;
  const sla = computeTicketSla({ policy: policy.sla, calendar: policy.calendar, timeline, nowMs });
  const triggers: ScheduledTrigger[] = [];
  for (const trigger of matrix.triggers) {
    if (!meetsConditions(trigger.when, facts.ticket, policy.plan)) continue;
    const scheduled = scheduleTrigger(trigger, policy.calendar, sla, nowMs);
    if (scheduled) triggers.push(scheduled);
  }
  return {
    ok: true,
    matrixVersion: version,
    policy,
    sla,
    nextDeadline: sla.nextDeadline,
    breached: sla.breached,
    breachedClocks: sla.breachedClocks,
    triggers,
    explanation: explain(matrix, version, policy, sla),
  };
}

/**
 * The intervals that counted, paused and were skipped between a clock's start and its deadline
 * (business-time's `explainDeadline` on the clock's own basis); null when the clock has no target.
 */
export function explainTicketClock(deadlines: TicketDeadlines, clock: SlaClock): DeadlineExplanation | null {
  if (!deadlines.ok) return null;
  const state = deadlines.sla[clock];
  if (state.state === 'inactive') return null;
  return explainDeadline(deadlines.policy.calendar, state.startedAt, state.targetMinutes, state.pauses);
}

/** The words for where a policy's calendar came from: `EMEA office (Europe/Amsterdam)`. */
export function describeCalendarSource(source: PolicyCalendarSource, calendar: Calendar, teamName?: string): string {
  if (source.kind === 'team') return `${source.name} (${calendar.timeZone})`;
  const hours = `the weekly hours of ${teamName ?? source.hoursFrom}`;
  return source.fallback
    ? `${hours} in ${source.timeZone}, as the customer's time zone is unknown`
    : `the customer's business hours in ${source.timeZone} (${hours})`;
}

function explain(matrix: MatrixDocument, version: number, policy: TicketPolicy, sla: TicketSla): TicketDeadlineExplanation {
  const name = `${policy.planName} × ${policy.priority}`;
  const source = policy.calendarSource;
  const teamName = source.kind === 'customer' ? matrix.calendars[source.hoursFrom]?.name : undefined;
  const calendar = describeCalendarSource(source, policy.calendar, teamName);
  const paused = policy.pausedStatuses.length > 0 ? `paused while ${policy.pausedStatuses.join(' or ')}` : 'never paused';
  const next = sla.nextDeadline ? `next deadline: ${CLOCK_NAMES[sla.nextDeadline.clock]}` : 'no clock running';
  const breached = sla.breached ? `; breached: ${sla.breachedClocks.map((clock) => CLOCK_NAMES[clock]).join(', ')}` : '';
  return {
    matrixVersion: version,
    policy: name,
    calendar,
    pausedStatuses: policy.pausedStatuses,
    summary: `${name} under escalation matrix version ${version}, counted in ${calendar}, ${paused}; ${next}${breached}.`,
  };
}

// When one trigger fires on the ticket's clock; null when the clock owes nothing (no target, met).
function scheduleTrigger(trigger: TimeTrigger, calendar: Calendar, sla: TicketSla, nowMs: number): ScheduledTrigger | null {
  const state = sla[trigger.clock];
  if (state.state !== 'running' && state.state !== 'paused' && state.state !== 'breached') return null;
  let firstAt: number | null;
  if (trigger.at.kind === 'breach') {
    firstAt = state.state === 'paused' ? null : state.dueAt;
  } else {
    const run = runBusinessClock(calendar, state.startedAt, (state.targetMinutes * trigger.at.percent) / 100, state.pauses);
    firstAt = run.outcome === 'due' ? run.dueAt : null;
  }
  let firedTimes = 0;
  let nextAt: number | null = firstAt;
  if (firstAt !== null && firstAt <= nowMs) {
    firedTimes = 1;
    nextAt = null;
    const every = trigger.repeatEveryMinutes;
    if (every !== null && every > 0) {
      // Counted in whole ms, so a repeat due exactly now is not lost to a rounding error. The
      // next repeat is what is left of the current interval, counted on from now: the same
      // instant as first + (repeats + 1) × every, without walking the time since first again.
      const elapsedMs = Math.round(unpausedMinutes(calendar, firstAt, nowMs, state.pauses) * MINUTE_MS);
      const everyMs = every * MINUTE_MS;
      const repeats = Math.floor(elapsedMs / everyMs);
      firedTimes += repeats;
      const next = runBusinessClock(calendar, nowMs, ((repeats + 1) * everyMs - elapsedMs) / MINUTE_MS, state.pauses);
      nextAt = next.outcome === 'due' ? next.dueAt : null;
    }
  }
  return {
    triggerId: trigger.id,
    triggerName: trigger.name,
    clock: trigger.clock,
    firstAt,
    firedTimes,
    nextAt,
    actions: trigger.actions,
  };
}

// Business minutes from `fromMs` to `toMs` outside the pauses.
function unpausedMinutes(calendar: Calendar, fromMs: number, toMs: number, pauses: readonly Pause[]): number {
  let minutes = businessMinutesBetween(calendar, fromMs, toMs);
  const merged = normalizePauses(pauses);
  for (let i = 0; i < merged.fromMs.length; i++) {
    const from = Math.max(merged.fromMs[i] as number, fromMs);
    const to = Math.min(merged.toMs[i] as number, toMs);
    if (to > from) minutes -= businessMinutesBetween(calendar, from, to);
  }
  return minutes;
}
