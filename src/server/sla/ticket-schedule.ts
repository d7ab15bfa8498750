// When the scheduler must next look at a ticket, and which trigger moments are due now: computed
// with the shared functions (computeTicketDeadlines) from the same inputs the desktop reads.
import { computeTicketDeadlines, type ScheduledTrigger, type TicketDeadlines } from '../../shared/domain/escalation-matrix/deadlines';
import type { MatrixVersion } from '../../shared/domain/escalation-matrix/schema';
import { ticketDueAt, ticketSlaTimeline } from '../../shared/domain/ticket-sla';
import type { SlaScheduleRow, SlaTicketInputs } from '../storage/sla-storage';
import { firingKey } from '../storage/queries/sla';

/** A trigger moment that has come and not been acted on: act on its latest occurrence. */
export interface DueFiring {
  trigger: ScheduledTrigger;
  /** When the trigger's clock started (a next-response clock starts anew with each customer message). */
  startedAt: number;
  /** The occurrence to act on: missed earlier repeats are not made up (one escalation per look, not a burst). */
  occurrence: number;
  /** Whether the trigger fires at a share of the target or at the deadline. */
  moment: 'share' | 'breach';
}

/** A ticket's deadlines at `nowMs`, its due time, the trigger moments due now, and when to look next. */
export interface TicketTiming {
  deadlines: TicketDeadlines | null;
  dueAt: number | null;
  due: DueFiring[];
  /** The next trigger moment still to come after now; null when none is (paused, met, no trigger). */
  nextAt: number | null;
}

/** Times one ticket under `matrix` at `nowMs`; `fired` holds the occurrences acted on (see `firingKey`). */
export function timeTicket(matrix: MatrixVersion, inputs: SlaTicketInputs, fired: ReadonlyMap<string, number>, nowMs: number): TicketTiming {
  if (inputs.customer === null) return { deadlines: null, dueAt: null, due: [], nextAt: null };
  const timeline = ticketSlaTimeline(inputs.ticket, inputs.statusChanges, inputs.messages);
  const deadlines = computeTicketDeadlines(matrix.document, matrix.version, { ticket: inputs.facts, customer: inputs.customer }, timeline, nowMs);
  if (!deadlines.ok) return { deadlines, dueAt: null, due: [], nextAt: null };
  const due: DueFiring[] = [];
  let nextAt: number | null = null;
  for (const trigger of deadlines.triggers) {
    const clock = deadlines.sla[trigger.clock];
    if (clock.state === 'inactive') continue;
    const done = fired.get(firingKey(inputs.id, trigger.clock, trigger.triggerId, clock.startedAt)) ?? 0;
    if (trigger.firedTimes > done) {
      const moment = matrix.document.triggers.find((spec) => spec.id === trigger.triggerId)?.at.kind ?? 'breach';
      due.push({ trigger, startedAt: clock.startedAt, occurrence: trigger.firedTimes, moment });
    }
    if (trigger.nextAt !== null && (nextAt === null || trigger.nextAt < nextAt)) nextAt = trigger.nextAt;
  }
  return { deadlines, dueAt: ticketDueAt(deadlines.sla), due, nextAt };
}

/** The schedule row of a timing: a due moment makes the ticket due now. */
export function scheduleRow(ticketId: string, version: number, timing: TicketTiming, nowMs: number): SlaScheduleRow {
  return {
    ticketId,
    nextAt: timing.due.length > 0 ? nowMs : timing.nextAt,
    dueAt: timing.dueAt,
    matrixVersion: version,
    computedAt: nowMs,
  };
}
