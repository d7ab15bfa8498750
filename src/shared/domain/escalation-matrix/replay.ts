// The what-if preview before publishing: replay a set of tickets (with their histories) under a
// matrix and count, per plan × priority, how many would have breached. Run it on the draft and on
// the published version to show what a change would have done.
import { SLA_CLOCKS, type SlaClock, type SlaClockState, type SlaTimeline, computeTicketSla } from '../../business-time/sla-clocks';
import { TICKET_PRIORITIES, type TicketPriority } from '../ticket';
import type { MatrixDocument } from './schema';
import { type MatrixCustomerFacts, type MatrixTicketFacts, resolveTicketPolicy } from './ticket-policy';

/** One ticket to replay: what the matrix reads from it and its requester, and its history. */
export interface ReplayTicket {
  ticket: MatrixTicketFacts;
  customer: MatrixCustomerFacts;
  timeline: SlaTimeline;
}

/**
 * One plan × priority of a replay: how many tickets fell in it, how many breached (any clock
 * late: still overdue at `now`, or met after its deadline), and how many per clock (a ticket with
 * a late first response and a late resolution counts once in `breached`, once in each clock).
 */
export interface ReplayCell {
  plan: string;
  priority: TicketPriority;
  tickets: number;
  breached: number;
  breachedByClock: Record<SlaClock, number>;
}

/** The outcome of a replay: a cell for every plan × priority of the matrix (in its order), and how many tickets no policy applied to. */
export interface BreachReplay {
  cells: ReplayCell[];
  withoutPolicy: number;
}

/**
 * Replays `tickets` under `matrix` as it stood at `nowMs` and counts breaches per plan × priority.
 * Every next-response cycle counts, not only the latest. Expects a validated matrix.
 */
export function replayBreaches(matrix: MatrixDocument, tickets: readonly ReplayTicket[], nowMs: number): BreachReplay {
  const cells = new Map<string, ReplayCell>();
  for (const plan of Object.keys(matrix.plans)) {
    for (const priority of TICKET_PRIORITIES) {
      cells.set(`${plan}\u0000${priority}`, {
        plan,
        priority,
        tickets: 0,
        breached: 0,
        breachedByClock: { firstResponse: 0, nextResponse: 0, resolution: 0 },
      });
    }
  }
  let withoutPolicy = 0;
  for (const { ticket, customer, timeline } of tickets) {
    const policy = resolveTicketPolicy(matrix, ticket, customer);
    const cell = cells.get(`${customer.plan}\u0000${ticket.priority}`);
    if (!policy.ok || !cell) {
      withoutPolicy++;
      continue;
    }
    const sla = computeTicketSla({ policy: policy.sla, calendar: policy.calendar, timeline, nowMs });
    cell.tickets++;
    let late = false;
    for (const clock of SLA_CLOCKS) {
      const states = clock === 'nextResponse' ? sla.nextResponseCycles : [sla[clock]];
      if (states.some(wasLate)) {
        cell.breachedByClock[clock]++;
        late = true;
      }
    }
    if (late) cell.breached++;
  }
  return { cells: [...cells.values()], withoutPolicy };
}

function wasLate(state: SlaClockState): boolean {
  return state.state === 'breached' || (state.state === 'met' && state.breachedAt !== null);
}
