import type { Core } from '../src/main/services/core';
import type { SlaMessage, SlaStatusChange, SlaTimeline } from '../src/shared/business-time/sla-clocks';
import type { MethodOutput } from '../src/shared/contract/app-contract';
import { getCustomer } from '../src/main/store/queries/customers';
import { listMessages } from '../src/main/store/queries/messages';
import type { Message } from '../src/shared/domain/message';
import type { Ticket } from '../src/shared/domain/ticket';
import { DEFAULT_MATRIX } from '../src/shared/domain/escalation-matrix/default-matrix';
import { type MatrixFacts, computeTicketDeadlines } from '../src/shared/domain/escalation-matrix/deadlines';
import { call } from './lib/core-calls';
import { percentile, progress, type Figure } from './lib/figures';

/** How many open tickets the bench reads from the store to time. */
const SAMPLE_TICKETS = 5000;
/** Timed rounds, and how long each runs at least. */
const ROUNDS = 5;
const ROUND_MS = 300;

interface DeadlineInput {
  facts: MatrixFacts;
  timeline: SlaTimeline;
}

/**
 * Deadlines computed per second by `computeTicketDeadlines` under the default matrix, on open
 * tickets of the bench store with their whole threads (what a publish re-times). The sample store
 * keeps no status history, so each ticket's current status is dated from its thread: `open` from
 * the first agent reply, `pending`/`on-hold` from the last one. Budget and goal: 100k open
 * tickets re-timed in 10 s and 2 s (DESIGN.md §5).
 */
export function benchDeadlines(core: Core, size: number, nowMs: number): Figure {
  const inputs = loadInputs(core);
  const run = (): number => {
    let running = 0;
    for (const { facts, timeline } of inputs) {
      const deadlines = computeTicketDeadlines(DEFAULT_MATRIX, 1, facts, timeline, nowMs);
      if (deadlines.ok && deadlines.nextDeadline) running++;
    }
    return running;
  };
  // One pass to warm the calendars' caches and the JIT, as a backend that re-times after each
  // publish has them warm. Then timed rounds; the median round is the figure, so one round that
  // shared the cores with another process does not make it.
  const running = run();
  const rounds: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let computed = 0;
    const started = performance.now();
    do {
      run();
      computed += inputs.length;
    } while (performance.now() - started < ROUND_MS);
    rounds.push(computed / ((performance.now() - started) / 1000));
  }
  const perSecond = percentile(rounds, 50);
  progress(
    `computed deadlines of ${inputs.length} open tickets (${running} with a clock running) in ${ROUNDS} rounds: ` +
      `${rounds.map((r) => Math.round(r)).join(', ')} per second`,
  );
  return { metric: 'deadline_per_s', value: perSecond, budget: 10_000, goal: 50_000, better: 'higher', size };
}

// Open tickets from the ticket list, each with its whole thread and its requester, read straight
// from the store: only the clock computation is timed.
function loadInputs(core: Core): DeadlineInput[] {
  const db = core.db;
  if (!db) throw new Error('the bench store is not open');
  const groupNames = new Map(call(core, 'team/get', {}).groups.map((group) => [group.id, group.name]));
  const inputs: DeadlineInput[] = [];
  let after: MethodOutput<'ticket/list'>['next'] = null;
  while (inputs.length < SAMPLE_TICKETS) {
    const page: MethodOutput<'ticket/list'> = call(core, 'ticket/list', { filter: { unsolved: true }, sort: { field: 'created', direction: 'desc' }, after, limit: 500 });
    for (const ticket of page.rows) {
      if (inputs.length >= SAMPLE_TICKETS) break;
      const requester = getCustomer(db, ticket.requesterId);
      if (!requester) throw new Error(`ticket ${ticket.id} has no requester in the store`);
      inputs.push({
        facts: {
          ticket: {
            priority: ticket.priority,
            channel: ticket.channel,
            category: ticket.category,
            tags: ticket.tags,
            organisationId: ticket.organisationId,
            level: ticket.level,
            group: ticket.groupId === null ? null : (groupNames.get(ticket.groupId) ?? null),
          },
          customer: { plan: requester.plan, timeZone: requester.timeZone },
        },
        timeline: timelineOf(ticket, listMessages(db, ticket.id)),
      });
    }
    if (!page.next) break;
    after = page.next;
  }
  if (inputs.length === 0) throw new Error('the bench store has no open tickets to time');
  return inputs;
}

function timelineOf(ticket: Pick<Ticket, 'status' | 'createdAt' | 'updatedAt'>, messages: readonly Message[]): SlaTimeline {
  const slaMessages: SlaMessage[] = messages.map((m) => ({ createdAt: m.createdAt, authorType: m.authorType, kind: m.kind }));
  const agentReplies = slaMessages.filter((m) => m.authorType === 'agent' && m.kind === 'reply');
  const statusChanges: SlaStatusChange[] = [];
  if (ticket.status === 'open') statusChanges.push({ at: agentReplies[0]?.createdAt ?? ticket.createdAt, status: 'open' });
  if (ticket.status === 'pending' || ticket.status === 'on-hold') {
    statusChanges.push({ at: agentReplies[agentReplies.length - 1]?.createdAt ?? ticket.updatedAt, status: ticket.status });
  }
  return { createdAt: ticket.createdAt, initialStatus: 'new', statusChanges, messages: slaMessages };
}
