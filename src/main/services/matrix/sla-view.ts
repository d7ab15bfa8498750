// A ticket's SLA as the ticket pane shows it (`ticket/get-sla`): the policy and matrix version
// that timed it, and each clock with the stretches that counted, paused or were skipped.
import type { MethodOutput } from '../../../shared/contract/app-contract';
import { businessMinutesBetween } from '../../../shared/business-time/business-clock';
import type { DeadlineSegment } from '../../../shared/business-time/explain-deadline';
import { SLA_CLOCKS, type SlaClock } from '../../../shared/business-time/sla-clocks';
import { computeTicketDeadlines, explainTicketClock, type TicketDeadlines } from '../../../shared/domain/escalation-matrix/deadlines';
import type { MatrixDocument } from '../../../shared/domain/escalation-matrix/schema';
import { ticketSlaTimeline } from '../../../shared/domain/ticket-sla';
import type { SlaInputs } from '../../store/queries/sla-inputs';

type TicketSlaView = MethodOutput<'ticket/get-sla'>;
type ClockView = TicketSlaView['clocks'][number];
type SegmentView = ClockView['segments'][number];

const TARGET_KEYS: Record<SlaClock, 'firstResponseMinutes' | 'nextResponseMinutes' | 'resolutionMinutes'> = {
  firstResponse: 'firstResponseMinutes',
  nextResponse: 'nextResponseMinutes',
  resolution: 'resolutionMinutes',
};

function segmentView(segment: DeadlineSegment): SegmentView {
  const base = { start: segment.fromMs, end: segment.toMs, minutes: segment.minutes };
  if (segment.kind === 'counted') return { ...base, kind: 'counted' };
  switch (segment.reason) {
    case 'paused':
      return { ...base, kind: 'paused' };
    case 'holiday':
      return { ...base, kind: 'holiday' };
    case 'weekend':
      return { ...base, kind: 'closed', label: 'weekend' };
    case 'closed':
      return { ...base, kind: 'closed' };
  }
}

function clockView(deadlines: Extract<TicketDeadlines, { ok: true }>, clock: SlaClock, nowMs: number): ClockView {
  const target = deadlines.policy.sla[TARGET_KEYS[clock]];
  const state = deadlines.sla[clock];
  const calendar = deadlines.policy.calendar;
  const segments = (explainTicketClock(deadlines, clock)?.segments ?? []).map(segmentView);
  const view = (fields: Pick<ClockView, 'state' | 'dueAt' | 'remainingMinutes'>): ClockView => ({
    clock,
    targetMinutes: target,
    elapsedMinutes: target !== null && fields.remainingMinutes !== null ? target - fields.remainingMinutes : 0,
    segments,
    ...fields,
  });
  switch (state.state) {
    case 'inactive':
      return view({ state: target === null ? 'none' : 'not-started', dueAt: null, remainingMinutes: null });
    case 'running':
      return view({ state: 'running', dueAt: state.dueAt, remainingMinutes: state.remainingMinutes });
    case 'paused':
      return view({ state: 'paused', dueAt: null, remainingMinutes: state.remainingMinutes });
    case 'breached':
      return view({ state: 'breached', dueAt: state.dueAt, remainingMinutes: -businessMinutesBetween(calendar, state.dueAt, nowMs) });
    case 'met':
      return view({
        state: 'met',
        dueAt: state.dueAt,
        remainingMinutes: state.dueAt === null ? null : businessMinutesBetween(calendar, state.metAt, state.dueAt),
      });
    case 'beyond-horizon':
      return view({ state: 'beyond-horizon', dueAt: null, remainingMinutes: null });
  }
}

/** The SLA view of one ticket under the version in force (`version` with `document`) at `nowMs`. */
export function ticketSlaView(input: SlaInputs, priority: TicketSlaView['priority'], document: MatrixDocument, version: number, nowMs: number): TicketSlaView {
  const empty: TicketSlaView = {
    ticketId: input.id,
    matrixVersion: version,
    plan: input.customer?.plan ?? null,
    priority,
    calendar: null,
    pausedStatuses: [],
    next: null,
    clocks: [],
    breached: false,
  };
  if (input.customer === null) return empty;
  const timeline = ticketSlaTimeline(input.ticket, input.statusChanges, input.messages);
  const deadlines = computeTicketDeadlines(document, version, { ticket: input.facts, customer: input.customer }, timeline, nowMs);
  if (!deadlines.ok) return empty;
  const source = deadlines.policy.calendarSource;
  const clocks = SLA_CLOCKS.map((clock) => clockView(deadlines, clock, nowMs));
  return {
    ...empty,
    plan: deadlines.policy.plan,
    calendar:
      source.kind === 'team'
        ? { key: source.key, name: source.name, timeZone: deadlines.policy.calendar.timeZone }
        : { key: 'customer', name: document.calendars[source.hoursFrom]?.name ?? source.hoursFrom, timeZone: source.timeZone },
    pausedStatuses: deadlines.policy.pausedStatuses,
    next: deadlines.nextDeadline ? (clocks.find((view) => view.clock === deadlines.nextDeadline!.clock) ?? null) : null,
    clocks,
    breached: deadlines.breached,
  };
}
