// What the SLA clocks read from a ticket, gathered the same way on the desktop (offline display,
// the due time views sort by) and on the backend (the authority that escalates), so both time a
// ticket alike from the same history. The clocks themselves are business-time's; the policy is
// the escalation matrix's (resolveTicketPolicy, computeTicketDeadlines).
import { computeTicketSla, SOLVED_STATUSES, type SlaClock, type SlaClockState, type SlaMessage, type SlaTimeline, type TicketSla } from '../business-time/sla-clocks';
import type { MatrixFacts } from './escalation-matrix/deadlines';
import type { MatrixDocument } from './escalation-matrix/schema';
import { resolveTicketPolicy } from './escalation-matrix/ticket-policy';
import type { Ticket } from './ticket';

/** One status change of a ticket as its field history holds it: when the agent made it (epoch ms) and the status after it, and before. */
export interface StatusChangeRecord {
  at: number;
  from: string;
  to: string;
}

/** The ticket fields the timeline reads. */
export type TimedTicket = Pick<Ticket, 'createdAt' | 'status' | 'updatedAt' | 'solvedAt'>;

/**
 * The history the clocks read: creation, the status changes of the field history, and the
 * messages. History can be incomplete (tickets imported with their status, a local change not yet
 * synced back): the status before the first recorded change is that change's `from`, else `new`
 * for a ticket still new and `open` otherwise; when the last recorded status is not the ticket's
 * status, the ticket took its status when it was solved (`solvedAt`) or else at its last update
 * (`updatedAt`, which a local change sets to its own instant).
 */
export function ticketSlaTimeline(ticket: TimedTicket, statusChanges: readonly StatusChangeRecord[], messages: readonly SlaMessage[]): SlaTimeline {
  const sorted = statusChanges.length > 1 ? [...statusChanges].sort((a, b) => a.at - b.at) : statusChanges;
  const initialStatus = sorted[0]?.from ?? (ticket.status === 'new' ? 'new' : 'open');
  const changes = sorted.map((change) => ({ at: change.at, status: change.to }));
  const lastKnown = sorted.at(-1)?.to ?? initialStatus;
  if (lastKnown !== ticket.status) {
    const at = SOLVED_STATUSES.includes(ticket.status) && ticket.solvedAt !== null ? ticket.solvedAt : ticket.updatedAt;
    changes.push({ at, status: ticket.status });
  }
  return { createdAt: ticket.createdAt, initialStatus, statusChanges: changes, messages };
}

/** Whether a clock still owes its target: running toward its deadline or already past it. */
function owedDueAt(state: SlaClockState): number | null {
  return state.state === 'running' || state.state === 'breached' ? state.dueAt : null;
}

/**
 * A ticket's due time (`tickets.due_at`): the earliest deadline among its clocks that still owe
 * (running or breached), so a breach keeps showing as overdue until it is met; null while every
 * clock is paused, met or without a target.
 */
export function ticketDueAt(sla: TicketSla): number | null {
  let due: number | null = null;
  for (const clock of ['firstResponse', 'nextResponse', 'resolution'] as const satisfies readonly SlaClock[]) {
    const at = owedDueAt(sla[clock]);
    if (at !== null && (due === null || at < due)) due = at;
  }
  return due;
}

/**
 * A ticket's due time under `matrix` at `nowMs` (see {@link ticketDueAt}): the plan × priority
 * policy of its requester (`resolveTicketPolicy`) run over its history (`computeTicketSla`). Null
 * when no policy applies (a plan the matrix lacks). The cheap path for re-timing many tickets;
 * `computeTicketDeadlines` adds the triggers' schedule and the explanation.
 */
export function ticketDueAtUnder(matrix: MatrixDocument, facts: MatrixFacts, timeline: SlaTimeline, nowMs: number): number | null {
  const policy = resolveTicketPolicy(matrix, facts.ticket, facts.customer);
  if (!policy.ok) return null;
  return ticketDueAt(computeTicketSla({ policy: policy.sla, calendar: policy.calendar, timeline, nowMs }));
}
